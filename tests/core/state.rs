//! The reading-state store against real files: surviving a reopen, corrupt files moved aside
//! and reported, a crash between write and rename, two stores (processes) sharing one file,
//! a moved articles folder, sessions per set of roots and a version-1 file migrated.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use kiji::index::{Filter, TagMode};
use kiji::state::{
    ArticleState, FILE_NAME, Session, SessionFilter, StateError, StateStore, StateWarning,
};
use tempfile::TempDir;

/// A state folder and an articles root, both temporary.
struct Env {
    tmp: TempDir,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(tmp.path().join("news")).expect("mkdir");
        Env { tmp }
    }

    fn dir(&self) -> PathBuf {
        self.tmp.path().join("state")
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().join("news")
    }

    /// A second articles folder, made on first use.
    fn blog(&self) -> PathBuf {
        let blog = self.tmp.path().join("blog");
        fs::create_dir_all(&blog).expect("mkdir");
        blog
    }

    fn file(&self) -> PathBuf {
        self.dir().join(FILE_NAME)
    }

    fn open(&self) -> StateStore {
        let (store, warning) = StateStore::open(&self.dir());
        assert_eq!(warning, None);
        store
    }
}

fn corrupt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("state.json.corrupt-"))
        })
        .collect();
    v.sort();
    v
}

const A: &str = "20251118/microsoft-nvidia-anthropic-partnership/ja";
const B: &str = "20251118/microsoft-nvidia-anthropic-partnership/en";

#[test]
fn a_star_survives_a_reopen() {
    let env = Env::new();
    let mut s = env.open();
    assert!(!s.is_dirty());
    assert!(s.set_starred(&env.root(), A, true));
    assert!(s.is_dirty());
    assert_eq!(s.save().expect("save"), None);
    assert!(!s.is_dirty());
    drop(s);
    let s = env.open();
    assert!(s.article(&env.root(), A).starred);
    assert_eq!(s.article(&env.root(), B), ArticleState::default());
}

#[test]
fn read_marks_and_positions_survive_a_reopen_and_can_be_undone() {
    let env = Env::new();
    let mut s = env.open();
    s.set_read(&env.root(), A, true);
    s.set_position(&env.root(), A, 120);
    s.set_read(&env.root(), B, true);
    s.save().expect("save");
    let mut s = env.open();
    assert_eq!(
        s.article(&env.root(), A),
        ArticleState {
            read: true,
            starred: false,
            position: 120
        }
    );
    assert!(s.set_read(&env.root(), B, false));
    assert!(s.set_position(&env.root(), A, 0));
    s.save().expect("save");
    let s = env.open();
    assert_eq!(s.article(&env.root(), A).position, 0);
    assert!(!s.article(&env.root(), B).read);
}

#[test]
fn setting_the_same_value_changes_nothing_and_saving_nothing_writes_nothing() {
    let env = Env::new();
    let mut s = env.open();
    assert!(!s.set_read(&env.root(), A, false), "unread is the default");
    assert!(!s.set_position(&env.root(), A, 0));
    assert!(!s.is_dirty());
    assert_eq!(s.save().expect("save"), None);
    assert!(!env.file().exists(), "a clean save writes no file");
    s.set_starred(&env.root(), A, true);
    s.save().expect("save");
    let before = fs::read(env.file()).expect("read");
    assert!(!s.set_starred(&env.root(), A, true));
    s.save().expect("save");
    assert_eq!(fs::read(env.file()).expect("read"), before);
}

#[test]
fn the_state_folder_is_created() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("a/b/kiji");
    let (mut s, w) = StateStore::open(&dir);
    assert_eq!(w, None);
    assert!(dir.is_dir());
    assert_eq!(s.path(), dir.join("state.json"));
    s.set_read(tmp.path(), "x", true);
    s.save().expect("save");
    assert!(dir.join("state.json").is_file());
}

#[test]
fn the_session_and_its_filter_survive_a_reopen() {
    let env = Env::new();
    let filter = Filter {
        tags: vec!["AI".into(), "半導体".into()],
        tag_mode: TagMode::Any,
        category: Some("Tech".into()),
        locale: Some("ja".into()),
        text: Some("nvidia".into()),
        drafts: kiji::index::Drafts::Hide,
    };
    let session = Session {
        selected: Some(A.into()),
        focus_body: true,
        mascot: Some(false),
        filter: SessionFilter::from(&filter),
    };
    let roots = [env.root()];
    let mut s = env.open();
    assert_eq!(s.session(&roots), None);
    assert!(s.set_session(&roots, session.clone()));
    assert!(!s.set_session(&roots, session.clone()));
    s.save().expect("save");
    let s = env.open();
    let back = s.session(&roots).expect("session");
    assert_eq!(back, &session);
    assert_eq!(back.filter.to_filter(), filter);
    assert_eq!(Filter::from(back.filter.clone()), filter);
    assert_eq!(SessionFilter::from(filter.clone()), session.filter);
}

#[test]
fn the_file_has_a_version_roots_and_stamped_values() {
    let env = Env::new();
    let mut s = env.open();
    s.set_starred(&env.root(), A, true);
    s.save().expect("save");
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(env.file()).expect("read")).expect("json");
    assert_eq!(v["version"], 2);
    let root = fs::canonicalize(env.root()).expect("canonicalize");
    assert_eq!(v["roots"][0], root.to_string_lossy().as_ref());
    assert_eq!(v["session"], serde_json::Value::Null);
    assert_eq!(v["sessions"], serde_json::json!([]));
    let entry = &v["articles"][0];
    assert_eq!(entry["root"], 0);
    assert_eq!(entry["id"], A);
    assert_eq!(entry["starred"][0], true);
    assert!(entry["starred"][1].as_u64().expect("stamp") > 1_700_000_000_000_000);
    assert!(entry.get("read").is_none());
}

/// Write `bytes` as the state file, open, and check the file was moved aside with its bytes,
/// the warning says so exactly, and the store is fresh and saves normally.
fn check_moved_aside(bytes: &[u8], reason: &str) {
    let env = Env::new();
    let mut s = env.open();
    s.set_starred(&env.root(), A, true);
    s.set_session(&[env.root()], Session::default());
    s.save().expect("save");
    fs::write(env.file(), bytes).expect("write");

    let (mut s, warning) = StateStore::open(&env.dir());
    let aside = corrupt_files(&env.dir());
    assert_eq!(aside.len(), 1, "{aside:?}");
    let moved_to = aside[0].clone();
    let name = moved_to.file_name().expect("name").to_string_lossy();
    let stamp = name.strip_prefix("state.json.corrupt-").expect("prefix");
    assert_eq!(stamp.len(), "20261124T020611Z".len(), "{name}");
    assert!(stamp.starts_with("20") && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T');
    assert_eq!(fs::read(&moved_to).expect("read aside"), bytes);
    assert!(!env.file().exists());

    let warning = warning.expect("a warning");
    assert_eq!(
        warning,
        StateWarning::MovedAside {
            path: env.file(),
            moved_to: moved_to.clone(),
            reason: reason.to_owned(),
        }
    );
    assert_eq!(
        warning.to_string(),
        format!(
            "the reading state in {} could not be parsed ({reason}); it was moved to {} and kiji \
             starts with a fresh state",
            env.file().display(),
            moved_to.display()
        )
    );

    assert_eq!(s.article(&env.root(), A), ArticleState::default());
    assert_eq!(s.session(&[env.root()]), None);
    s.set_read(&env.root(), B, true);
    assert_eq!(s.save().expect("save"), None);
    let s = env.open();
    assert!(s.article(&env.root(), B).read);
    assert!(!s.article(&env.root(), A).starred);
    assert_eq!(fs::read(&moved_to).expect("aside kept"), bytes);
}

#[test]
fn a_truncated_file_is_moved_aside_and_reported() {
    check_moved_aside(
        b"{\"version\":1,\n\"roots\":[\"/news\"],\n\"session\":null,\n\"articles\":[\n\
          {\"root\":0,\"id\":\"a\",\"starred\":[true,17",
        "EOF while parsing a list at line 5 column 37",
    );
}

#[test]
fn an_empty_file_is_moved_aside_and_reported() {
    check_moved_aside(b"", "EOF while parsing a value at line 1 column 0");
}

#[test]
fn a_garbage_file_is_moved_aside_and_reported() {
    check_moved_aside(b"\x00\x01garbage\xff", "expected value at line 1 column 1");
}

#[test]
fn a_file_truncated_in_its_sessions_is_moved_aside_and_reported() {
    check_moved_aside(
        b"{\"version\":2,\n\"roots\":[\"/news\"],\n\"session\":null,\n\"sessions\":[\n\
          {\"roots\":[0],\"session\":[{\"selected\":\"a\"},17",
        "EOF while parsing a list at line 5 column 43",
    );
}

#[test]
fn a_session_naming_a_root_not_listed_is_moved_aside_and_reported() {
    check_moved_aside(
        br#"{"version":2,"roots":["/news"],"sessions":[{"roots":[0,1],"session":[{},5]}]}"#,
        "session 0 refers to root 1, but the file lists 1 roots",
    );
    check_moved_aside(
        br#"{"version":2,"roots":["/news"],"sessions":[{"roots":"/news","session":[{},5]}]}"#,
        "invalid type: string \"/news\", expected a sequence at line 1 column 59",
    );
}

/// Prefixes of a real file with sessions and marks, cut every few bytes (the unit tests of the
/// format cut at every byte): opened without a panic, and moved aside with a warning unless it
/// is the whole JSON (all but the final newline).
#[test]
fn a_file_with_sessions_cut_anywhere_is_moved_aside() {
    let env = Env::new();
    let mut s = env.open();
    s.set_read(&env.root(), A, true);
    s.set_starred(&env.blog(), B, true);
    let one = Session {
        selected: Some(A.into()),
        ..Session::default()
    };
    s.set_session(&[env.root()], one.clone());
    s.set_session(&[env.root(), env.blog()], Session::default());
    s.save().expect("save");
    let whole = fs::read(env.file()).expect("read");
    let cuts = (0..whole.len())
        .step_by(7)
        .chain([whole.len() - 2, whole.len() - 1]);
    for len in cuts {
        fs::write(env.file(), &whole[..len]).expect("write");
        let (s, warning) = StateStore::open(&env.dir());
        if len == whole.len() - 1 {
            assert_eq!(warning, None);
            assert_eq!(s.session(&[env.root()]), Some(&one));
            continue;
        }
        assert!(
            matches!(warning, Some(StateWarning::MovedAside { .. })),
            "{len}: {warning:?}"
        );
        assert_eq!(s.session(&[env.root()]), None);
        for aside in corrupt_files(&env.dir()) {
            fs::remove_file(aside).expect("remove");
        }
    }
}

#[test]
fn a_file_of_the_wrong_shape_is_moved_aside_and_reported() {
    check_moved_aside(
        b"[1,2,3]",
        "invalid type: integer `2`, expected a sequence at line 1 column 4",
    );
    check_moved_aside(
        b"\"a string\"",
        "invalid type: string \"a string\", expected a kiji state file at line 1 column 10",
    );
    check_moved_aside(
        br#"{"version":1,"articles":{"a":1}}"#,
        "invalid type: map, expected a sequence at line 1 column 24",
    );
    check_moved_aside(
        br#"{"roots":[]}"#,
        "missing field `version` at line 1 column 12",
    );
}

#[test]
fn a_file_that_goes_bad_while_open_is_moved_aside_on_save() {
    let env = Env::new();
    let mut s = env.open();
    s.set_starred(&env.root(), A, true);
    s.save().expect("save");
    fs::write(env.file(), b"{\"version\":1,").expect("write");
    s.set_read(&env.root(), B, true);
    let warning = s.save().expect("save").expect("a warning");
    let aside = corrupt_files(&env.dir());
    assert_eq!(aside.len(), 1);
    assert!(matches!(warning, StateWarning::MovedAside { moved_to, .. } if moved_to == aside[0]));
    assert_eq!(fs::read(&aside[0]).expect("read"), b"{\"version\":1,");
    let s = env.open();
    assert!(s.article(&env.root(), A).starred, "kept from memory");
    assert!(s.article(&env.root(), B).read);
}

#[test]
fn a_second_bad_file_in_the_same_second_gets_a_counter() {
    let env = Env::new();
    let _ = env.open();
    fs::write(env.file(), b"bad one").expect("write");
    let (_, w1) = StateStore::open(&env.dir());
    fs::write(env.file(), b"bad two").expect("write");
    let (_, w2) = StateStore::open(&env.dir());
    assert!(w1.is_some() && w2.is_some());
    let aside = corrupt_files(&env.dir());
    assert_eq!(aside.len(), 2);
    let contents: Vec<Vec<u8>> = aside.iter().map(|p| fs::read(p).expect("read")).collect();
    assert!(contents.contains(&b"bad one".to_vec()) && contents.contains(&b"bad two".to_vec()));
}

#[test]
fn a_file_from_a_newer_kiji_is_left_alone() {
    let env = Env::new();
    let _ = env.open();
    let newer = br#"{"version":3,"something":"else"}"#;
    fs::write(env.file(), newer).expect("write");
    let (mut s, w) = StateStore::open(&env.dir());
    assert_eq!(
        w,
        Some(StateWarning::NewerVersion {
            path: env.file(),
            version: 3
        })
    );
    assert!(corrupt_files(&env.dir()).is_empty());
    s.set_starred(&env.root(), A, true);
    let err = s.save().expect_err("must refuse");
    assert!(matches!(err, StateError::NewerVersion { version: 3, .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "{} was written by a newer kiji (format version 3); it is left as it is",
            env.file().display()
        )
    );
    assert!(s.is_dirty());
    assert_eq!(fs::read(env.file()).expect("read"), newer);
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_old_file() {
    let env = Env::new();
    let mut s = env.open();
    s.set_starred(&env.root(), A, true);
    s.save().expect("save");
    let old = fs::read(env.file()).expect("read");

    s.set_read(&env.root(), B, true);
    let temp = s.write_temp_only().expect("write temp");
    assert!(temp.exists(), "the temporary file is written and flushed");
    assert_eq!(temp.parent(), Some(env.dir().as_path()));
    assert_ne!(temp, env.file());
    assert_eq!(fs::read(env.file()).expect("read"), old, "old file intact");
    assert!(s.is_dirty());
    drop(s); // the "crash": the process goes away without renaming

    let s = env.open();
    assert!(s.article(&env.root(), A).starred, "old state loads");
    assert!(
        !s.article(&env.root(), B).read,
        "the unrenamed write is not seen"
    );
    assert!(corrupt_files(&env.dir()).is_empty());
}

#[test]
fn two_stores_saving_in_turn_keep_both_changes() {
    let env = Env::new();
    let mut one = env.open();
    let mut two = env.open();
    one.set_starred(&env.root(), A, true);
    two.set_read(&env.root(), B, true);
    two.set_position(&env.root(), A, 40);
    one.save().expect("save one");
    two.save().expect("save two");
    one.set_position(&env.root(), B, 7);
    one.save().expect("save one again");
    two.set_session(
        &[env.root()],
        Session {
            selected: Some(B.into()),
            ..Session::default()
        },
    );
    two.save().expect("save two again");

    let s = env.open();
    assert_eq!(
        s.article(&env.root(), A),
        ArticleState {
            read: false,
            starred: true,
            position: 40
        }
    );
    assert_eq!(
        s.article(&env.root(), B),
        ArticleState {
            read: true,
            starred: false,
            position: 7
        }
    );
    assert_eq!(
        s.session(&[env.root()]).and_then(|x| x.selected.as_deref()),
        Some(B)
    );
    // After saving, a store also shows what the other one saved.
    assert!(two.article(&env.root(), A).starred);
}

#[test]
fn each_set_of_roots_has_its_own_session() {
    let env = Env::new();
    let (news, blog) = (env.root(), env.blog());
    let only_news = Session {
        selected: Some(A.into()),
        focus_body: true,
        mascot: None,
        filter: SessionFilter::from(Filter {
            tags: vec!["AI".into()],
            ..Filter::default()
        }),
    };
    let both = Session {
        selected: Some(B.into()),
        ..Session::default()
    };
    let mut s = env.open();
    assert!(s.set_session(&[&news], only_news.clone()));
    assert!(s.set_session(&[blog.clone(), news.clone()], both.clone()));
    assert_eq!(s.session(&[&blog]), None, "a third set starts clean");
    s.save().expect("save");

    let s = env.open();
    assert_eq!(s.session(&[&news]), Some(&only_news));
    // Order, repeats and spelling of the roots do not matter: the set does.
    let spelled = news.join("../news");
    let set = [news.clone(), blog.clone(), spelled.clone()];
    assert_eq!(s.session(&set), Some(&both));
    assert_eq!(s.session(&[spelled]), Some(&only_news));
    assert_eq!(s.session(&[blog]), None);
    assert_eq!(s.session(&[env.tmp.path().join("elsewhere")]), None);
}

#[test]
fn two_stores_on_two_folders_keep_their_own_sessions() {
    let env = Env::new();
    let (news, blog) = (env.root(), env.blog());
    let selecting = |id: &str| Session {
        selected: Some(id.into()),
        ..Session::default()
    };
    let mut one = env.open();
    let mut two = env.open();
    one.set_session(&[&news], selecting(A));
    two.set_session(&[&blog], selecting(B));
    one.save().expect("save one");
    two.save().expect("save two");
    // Each changes its own again, saving in the other order.
    two.set_session(&[&blog], selecting("blog/2"));
    one.set_session(&[&news], selecting("news/2"));
    two.save().expect("save two again");
    one.save().expect("save one again");

    let s = env.open();
    assert_eq!(s.session(&[&news]), Some(&selecting("news/2")));
    assert_eq!(s.session(&[&blog]), Some(&selecting("blog/2")));
    assert_eq!(s.session(&[news.clone(), blog.clone()]), None);
    // After saving, each store also has the other's session.
    assert_eq!(one.session(&[blog]), Some(&selecting("blog/2")));
}

/// A state file as kiji 0.1 (format version 1) wrote it: one session for every folder.
fn version_1_file(news: &Path) -> String {
    let news = serde_json::to_string(&fs::canonicalize(news).expect("canonicalize")).expect("json");
    format!(
        "{{\"version\":1,\n\"roots\":[{news}],\n\"session\":[{{\"selected\":\"{A}\",\
         \"focus_body\":true,\"filter\":{{\"tags\":[\"AI\"],\"tag_mode\":\"any\",\"category\":null,\
         \"locale\":\"ja\",\"text\":\"nvidia\",\"starred_only\":false,\"sort_by_title\":false,\
         \"grouped\":true}}}},1763950000000003],\n\"articles\":[\n\
         {{\"root\":0,\"id\":\"{A}\",\"read\":[true,1763950000000000],\
         \"position\":[120,1763950000000002]}},\n\
         {{\"root\":0,\"id\":\"{B}\",\"starred\":[true,1763950000000001]}}\n]}}\n"
    )
}

#[test]
fn a_version_1_session_goes_to_the_first_set_of_roots_that_saves() {
    let env = Env::new();
    let (news, blog) = (env.root(), env.blog());
    fs::create_dir_all(env.dir()).expect("mkdir");
    fs::write(env.file(), version_1_file(&news)).expect("write");
    let old = Session {
        selected: Some(A.into()),
        focus_body: true,
        mascot: None,
        filter: SessionFilter {
            grouped: true,
            ..SessionFilter::from(Filter {
                tags: vec!["AI".into()],
                tag_mode: TagMode::Any,
                category: None,
                locale: Some("ja".into()),
                text: Some("nvidia".into()),
                drafts: kiji::index::Drafts::Show,
            })
        },
    };

    // Read, and kept through a save of marks only: no set has taken it yet.
    let mut s = env.open();
    assert_eq!(s.session(&[&news]), Some(&old));
    assert_eq!(s.session(&[&blog]), Some(&old));
    s.set_read(&news, B, true);
    s.save().expect("save");
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(env.file()).expect("read")).expect("json");
    assert_eq!(v["version"], 2);
    assert_eq!(v["sessions"], serde_json::json!([]));
    assert_eq!(v["session"][0]["selected"], A);

    // The first set of roots to save a session takes it, even unchanged.
    let mut s = env.open();
    let restored = s.session(&[&news]).cloned().expect("old session");
    assert!(s.set_session(&[&news], restored));
    s.save().expect("save");
    let s = env.open();
    assert_eq!(s.session(&[&news]), Some(&old));
    assert_eq!(s.session(&[blog]), None, "another folder starts clean");
    assert_eq!(s.session(&[news.clone(), env.blog()]), None);
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(env.file()).expect("read")).expect("json");
    assert_eq!(v["session"], serde_json::Value::Null);
    assert_eq!(v["sessions"][0]["roots"], serde_json::json!([0]));

    // The marks are as they were.
    assert_eq!(
        s.article(&news, A),
        ArticleState {
            read: true,
            starred: false,
            position: 120
        }
    );
    assert_eq!(
        s.article(&news, B),
        ArticleState {
            read: true,
            starred: true,
            position: 0
        }
    );
}

#[test]
fn the_newest_change_to_a_field_wins() {
    let env = Env::new();
    let mut one = env.open();
    one.set_starred(&env.root(), A, true);
    one.save().expect("save one");
    let mut two = env.open();
    one.set_position(&env.root(), A, 10);
    thread::sleep(std::time::Duration::from_millis(2));
    two.set_position(&env.root(), A, 20);
    assert!(two.set_starred(&env.root(), A, false), "two saw the star");
    thread::sleep(std::time::Duration::from_millis(2));
    one.set_read(&env.root(), A, true);
    // The older position is saved last, and still loses; fields merge one by one.
    two.save().expect("save two");
    one.save().expect("save one");
    let s = env.open();
    assert_eq!(
        s.article(&env.root(), A),
        ArticleState {
            read: true,
            starred: false,
            position: 20
        }
    );
    assert_eq!(
        one.article(&env.root(), A).position,
        20,
        "one now shows the newer value"
    );
}

#[test]
fn concurrent_stores_lose_no_change_and_the_file_always_parses() {
    const THREADS: usize = 2;
    const ROUNDS: usize = 50;
    let env = Env::new();
    let _ = env.open();
    let dir = env.dir();
    let root = env.root();
    let done = Arc::new(AtomicBool::new(false));

    let reader = {
        let file = env.file();
        let done = Arc::clone(&done);
        thread::spawn(move || {
            let mut reads = 0usize;
            while !done.load(Ordering::Relaxed) {
                if let Ok(bytes) = fs::read(&file) {
                    let parsed = serde_json::from_slice::<serde_json::Value>(&bytes);
                    assert!(parsed.is_ok(), "a half-written state file was seen");
                    reads += 1;
                }
            }
            reads
        })
    };

    let writers: Vec<_> = (0..THREADS)
        .map(|t| {
            let (dir, root) = (dir.clone(), root.clone());
            thread::spawn(move || {
                let (mut s, w) = StateStore::open(&dir);
                assert_eq!(w, None);
                for i in 0..ROUNDS {
                    let id = format!("t{t}/article-{i}/ja");
                    s.set_starred(&root, &id, true);
                    s.set_position(&root, &id, i + 1);
                    // Toggle a second article back and forth; its last value must stick.
                    s.set_read(&root, &format!("t{t}/toggled/ja"), i % 2 == 0);
                    assert_eq!(s.save().expect("save"), None);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    done.store(true, Ordering::Relaxed);
    assert!(reader.join().expect("reader") > 0);

    let s = env.open();
    for t in 0..THREADS {
        for i in 0..ROUNDS {
            let id = format!("t{t}/article-{i}/ja");
            assert_eq!(
                s.article(&root, &id),
                ArticleState {
                    read: false,
                    starred: true,
                    position: i + 1
                },
                "{id}"
            );
        }
        let last_even = (ROUNDS - 1).is_multiple_of(2);
        assert_eq!(
            s.article(&root, &format!("t{t}/toggled/ja")).read,
            last_even
        );
    }
    assert!(corrupt_files(&env.dir()).is_empty());
    let leftovers = fs::read_dir(env.dir())
        .expect("read_dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary files left behind");
}

/// In a child process started by `two_processes_lose_no_change`, make `KIJI_STATE_ROUNDS`
/// changes to marks and to the session of its own folder, saving after each; in a normal test
/// run, do nothing.
#[test]
fn child_process_writer() {
    let Some(dir) = std::env::var_os("KIJI_STATE_CHILD_DIR") else {
        return;
    };
    let root = PathBuf::from(std::env::var_os("KIJI_STATE_CHILD_ROOT").expect("root"));
    let tag = std::env::var("KIJI_STATE_CHILD_TAG").expect("tag");
    let rounds: usize = std::env::var("KIJI_STATE_ROUNDS")
        .expect("rounds")
        .parse()
        .expect("number");
    let folder = [root.join(&tag)];
    let (mut s, w) = StateStore::open(Path::new(&dir));
    assert_eq!(w, None);
    for i in 0..rounds {
        let id = format!("{tag}/{i}/ja");
        s.set_starred(&root, &id, true);
        s.set_position(&root, &id, i + 1);
        let session = Session {
            selected: Some(id),
            ..Session::default()
        };
        s.set_session(&folder, session);
        assert_eq!(s.save().expect("save"), None);
    }
}

/// The name the test harness knows `child_process_writer` by: its module path without the
/// crate, as `--exact` wants it, wherever this file sits.
fn child_test_name() -> String {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    if module.is_empty() {
        "child_process_writer".to_string()
    } else {
        format!("{module}::child_process_writer")
    }
}

#[test]
fn two_processes_lose_no_change() {
    const ROUNDS: usize = 30;
    let env = Env::new();
    let _ = env.open();
    for tag in ["p0", "p1"] {
        fs::create_dir_all(env.root().join(tag)).expect("mkdir");
    }
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = ["p0", "p1"]
        .iter()
        .map(|tag| {
            std::process::Command::new(&exe)
                .args([&child_test_name(), "--exact", "--test-threads=1"])
                .env("KIJI_STATE_CHILD_DIR", env.dir())
                .env("KIJI_STATE_CHILD_ROOT", env.root())
                .env("KIJI_STATE_CHILD_TAG", tag)
                .env("KIJI_STATE_ROUNDS", ROUNDS.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut c in children {
        assert!(c.wait().expect("wait").success(), "a child failed");
    }
    let s = env.open();
    for tag in ["p0", "p1"] {
        let session = s.session(&[env.root().join(tag)]);
        let last = format!("{tag}/{}/ja", ROUNDS - 1);
        assert_eq!(
            session.and_then(|x| x.selected.as_deref()),
            Some(last.as_str()),
            "{tag}'s folder keeps its own session"
        );
        for i in 0..ROUNDS {
            let id = format!("{tag}/{i}/ja");
            assert_eq!(
                s.article(&env.root(), &id),
                ArticleState {
                    read: false,
                    starred: true,
                    position: i + 1
                },
                "{id}"
            );
        }
    }
}

#[test]
fn a_moved_folder_keeps_its_state() {
    let env = Env::new();
    let mut s = env.open();
    s.set_starred(&env.root(), A, true);
    s.set_position(&env.root(), A, 12);
    s.set_read(&env.root(), B, true);
    s.save().expect("save");
    drop(s);

    let moved = env.tmp.path().join("elsewhere/news-moved");
    fs::create_dir_all(moved.parent().expect("parent")).expect("mkdir");
    fs::rename(env.root(), &moved).expect("move the folder");

    let mut s = env.open();
    assert_eq!(
        s.article(&moved, A),
        ArticleState {
            read: false,
            starred: true,
            position: 12
        },
        "found by id alone"
    );
    assert!(s.article(&moved, B).read);
    // A change under the new root keeps the other fields and leaves the old entry alone.
    s.set_position(&moved, A, 30);
    s.save().expect("save");
    let s = env.open();
    assert_eq!(
        s.article(&moved, A),
        ArticleState {
            read: false,
            starred: true,
            position: 30
        }
    );
    assert_eq!(
        s.article(&env.root(), A).position,
        12,
        "old root's entry unchanged"
    );
    assert!(s.article(&moved, B).read, "other articles still fall back");
}

#[test]
fn two_roots_with_the_same_id_are_told_apart() {
    let env = Env::new();
    let other = env.tmp.path().join("other");
    let third = env.tmp.path().join("third");
    fs::create_dir_all(&other).expect("mkdir");
    let mut s = env.open();
    s.set_starred(&env.root(), A, true);
    s.set_read(&other, A, true);
    s.save().expect("save");
    let s = env.open();
    assert_eq!(
        s.article(&env.root(), A),
        ArticleState {
            read: false,
            starred: true,
            position: 0
        }
    );
    assert_eq!(
        s.article(&other, A),
        ArticleState {
            read: true,
            starred: true,
            position: 0
        },
        "the second root's entry began as a copy of the only one, then was marked read"
    );
    assert_eq!(
        s.article(&third, A),
        ArticleState::default(),
        "ambiguous: two entries, neither for this root"
    );
}

#[test]
fn a_root_named_through_a_symlink_is_the_same_root() {
    #[cfg(unix)]
    {
        let env = Env::new();
        let link = env.tmp.path().join("link");
        std::os::unix::fs::symlink(env.root(), &link).expect("symlink");
        let other = env.tmp.path().join("other");
        fs::create_dir_all(&other).expect("mkdir");
        let mut s = env.open();
        s.set_starred(&link, A, true);
        s.set_read(&other, A, true); // a second entry, so no fallback
        s.save().expect("save");
        let s = env.open();
        assert!(s.article(&env.root(), A).starred);
        assert!(!s.article(&env.root(), A).read);
    }
}

#[test]
fn ten_thousand_articles_stay_cheap() {
    let env = Env::new();
    let mut s = env.open();
    let ids: Vec<String> = (0..10_000)
        .map(|i| format!("2025{:04}/some-article-slug-{i}/ja", i % 1231))
        .collect();
    let t = std::time::Instant::now();
    for (i, id) in ids.iter().enumerate() {
        s.set_read(&env.root(), id, true);
        if i % 3 == 0 {
            s.set_starred(&env.root(), id, true);
        }
        s.set_position(&env.root(), id, i);
    }
    let set = t.elapsed();
    let t = std::time::Instant::now();
    s.save().expect("save");
    let first_save = t.elapsed();
    s.set_read(&env.root(), &ids[0], false);
    let t = std::time::Instant::now();
    s.save().expect("save");
    let merge_save = t.elapsed();
    let t = std::time::Instant::now();
    let s = env.open();
    let open = t.elapsed();
    let t = std::time::Instant::now();
    let starred = ids
        .iter()
        .filter(|id| s.article(&env.root(), id).starred)
        .count();
    let lookups = t.elapsed();
    assert_eq!(starred, 3334);
    let size = fs::metadata(env.file()).expect("metadata").len();
    eprintln!(
        "10k: set {set:?}, first save {first_save:?}, merge+save {merge_save:?}, open {open:?}, \
         10k lookups {lookups:?}, {size} bytes"
    );
    assert!(size < 2_000_000, "{size} bytes");
}
