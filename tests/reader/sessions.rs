//! Sessions per folder through the real binary in a pseudo-terminal, with temporary XDG
//! folders and two small folders of articles written by the test: a search and a selection
//! survive a restart; a second folder does not inherit the first's filter, search or selection,
//! and each folder gets its own session back; the mascot hidden with `m` stays hidden.

use std::fs;
use std::path::{Path, PathBuf};

use crate::pty::{Home, Session, count};

/// Two folders of articles: `news` (four, two tagged 猫) and `blog` (three, one tagged 猫, so a
/// filter inherited from `news` would show).
struct Folders {
    dir: tempfile::TempDir,
}

fn article(root: &Path, id: &str, title: &str, date: &str, tag: &str, body: &str) {
    let path = root.join(format!("{id}.md"));
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let text = format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ntags: [\"{tag}\"]\nlocale: \"ja\"\n---\n\n{body}\n"
    );
    fs::write(path, text).expect("write article");
}

impl Folders {
    fn new() -> Folders {
        let dir = tempfile::tempdir().expect("temp dir");
        let news = dir.path().join("news");
        article(
            &news,
            "20261103/neko-asa/ja",
            "猫の朝ごはん",
            "2026-11-03",
            "猫",
            "焼き魚を待つ。",
        );
        article(
            &news,
            "20261102/inu/ja",
            "犬の散歩道",
            "2026-11-02",
            "犬",
            "川沿いを歩く。",
        );
        article(
            &news,
            "20261101/neko-engawa/ja",
            "猫と縁側の午後",
            "2026-11-01",
            "猫",
            "日なたで眠る。",
        );
        article(
            &news,
            "20261031/sora/ja",
            "秋の空と雲",
            "2026-10-31",
            "天気",
            "鰯雲が流れる。",
        );
        let blog = dir.path().join("blog");
        article(
            &blog,
            "20261005/hon/ja",
            "読みかけの本",
            "2026-10-05",
            "本",
            "栞を挟む。",
        );
        article(
            &blog,
            "20261004/neko/ja",
            "隣の猫の名前",
            "2026-10-04",
            "猫",
            "たまという。",
        );
        article(
            &blog,
            "20261003/cha/ja",
            "緑茶の淹れ方",
            "2026-10-03",
            "茶",
            "湯を冷ます。",
        );
        Folders { dir }
    }

    fn news(&self) -> PathBuf {
        self.dir.path().join("news")
    }

    fn blog(&self) -> PathBuf {
        self.dir.path().join("blog")
    }
}

/// Start the reader on `root` with `home`'s folders; wait until all `total` articles are in.
fn start(home: &Home, root: &Path, total: usize) -> Session {
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut s = Session::start(&[&root.to_string_lossy()], root, 120, 40, &env);
    s.wait_for("the status bar", |sc| sc.contents().contains("q quit"));
    s.wait_for(&format!("{total} articles"), move |sc| {
        count(sc).is_some_and(|(_, t)| t == total)
    });
    s
}

fn quit(s: &mut Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Whether the article pane's border names `title` (the selected article).
fn selected(sc: &vt100::Screen, title: &str) -> bool {
    sc.contents_between(1, 40, 1, 100).contains(title)
}

/// The title bar, where the filter chips are.
fn chips(s: &Session) -> String {
    s.row(0)
}

/// Search for `query` and keep it (Enter); wait until `shown` articles are listed.
fn search(s: &mut Session, query: &str, shown: usize) {
    s.send("/");
    s.wait_for_text("enter keep");
    s.send(query);
    s.wait_for(&format!("{shown} found"), move |sc| {
        count(sc).is_some_and(|(n, _)| n == shown)
    });
    s.send("\r");
    s.wait_for_text("q quit");
}

/// Filter by `tag` through the tag picker; wait for its chip.
fn filter_by_tag(s: &mut Session, tag: &str) {
    s.send("t");
    s.wait_for_text("Tags · AND");
    s.send(tag);
    s.wait_for_text(&format!("> {tag}"));
    s.send(" ");
    s.wait_for_text("1 selected");
    s.send("\r");
    let chip = format!("#{tag}");
    s.wait_for("the tag chip", move |sc| {
        sc.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains(&chip))
            && sc.contents().contains("q quit")
    });
}

#[test]
fn a_search_and_a_selection_survive_a_restart() {
    let home = Home::new();
    let folders = Folders::new();
    let mut s = start(&home, &folders.news(), 4);
    assert!(
        selected(s.parser.screen(), "猫の朝ごはん"),
        "{}",
        s.screen()
    );
    search(&mut s, "猫", 2);
    s.send("j");
    s.wait_for("the second match selected", |sc| {
        selected(sc, "猫と縁側の午後")
    });
    quit(&mut s);

    let mut s = start(&home, &folders.news(), 4);
    s.wait_for("the search and the selection back", |sc| {
        count(sc) == Some((2, 4)) && selected(sc, "猫と縁側の午後")
    });
    assert!(chips(&s).contains("猫"), "the query's chip: {}", chips(&s));
    assert!(!s.screen().contains("犬の散歩道"), "{}", s.screen());
    quit(&mut s);
}

#[test]
fn a_second_folder_starts_clean_and_the_first_gets_its_own_session_back() {
    let home = Home::new();
    let folders = Folders::new();
    let mut s = start(&home, &folders.news(), 4);
    filter_by_tag(&mut s, "猫");
    s.wait_for("two cats", |sc| count(sc) == Some((2, 4)));
    search(&mut s, "縁側", 1);
    s.wait_for("the match selected", |sc| selected(sc, "猫と縁側の午後"));
    quit(&mut s);

    // The other folder: no tag, no search, its first article; one of its articles is tagged
    // 猫, so an inherited filter would show as 1/3.
    let mut s = start(&home, &folders.blog(), 3);
    s.wait_for("everything listed", |sc| count(sc) == Some((3, 3)));
    assert!(
        selected(s.parser.screen(), "読みかけの本"),
        "{}",
        s.screen()
    );
    let bar = chips(&s);
    assert!(
        !bar.contains('#') && !bar.contains("縁側"),
        "no chips: {bar}"
    );
    s.send("j");
    s.wait_for("its second article selected", |sc| {
        selected(sc, "隣の猫の名前")
    });
    quit(&mut s);

    // Back to the first: its own session.
    let mut s = start(&home, &folders.news(), 4);
    s.wait_for("the first folder's session back", |sc| {
        count(sc) == Some((1, 4)) && selected(sc, "猫と縁側の午後")
    });
    let bar = chips(&s);
    assert!(bar.contains("#猫") && bar.contains("縁側"), "{bar}");
    quit(&mut s);

    // And the second keeps its own.
    let mut s = start(&home, &folders.blog(), 3);
    s.wait_for("the second folder's selection back", |sc| {
        count(sc) == Some((3, 3)) && selected(sc, "隣の猫の名前")
    });
    assert!(!chips(&s).contains('#'), "{}", chips(&s));
    quit(&mut s);
}

#[test]
fn a_version_1_session_goes_to_the_first_folder_opened_after_the_upgrade() {
    let home = Home::new();
    let folders = Folders::new();
    let state = home.dir.path().join("state/kiji");
    fs::create_dir_all(&state).expect("mkdir");
    // As kiji 0.1 wrote it: one session, for whatever folder was opened.
    let v1 = "{\"version\":1,\n\"roots\":[],\n\"session\":[{\"selected\":\"20261101/neko-engawa/ja\",\
               \"focus_body\":false,\"filter\":{\"tags\":[\"猫\"],\"tag_mode\":\"all\",\
               \"category\":null,\"locale\":null,\"text\":null}},1763950000000003],\n\
               \"articles\":[\n]}\n";
    fs::write(state.join("state.json"), v1).expect("write v1 state");

    let mut s = start(&home, &folders.news(), 4);
    s.wait_for("the old session", |sc| {
        count(sc) == Some((2, 4)) && selected(sc, "猫と縁側の午後")
    });
    assert!(!s.screen().contains("moved aside"), "{}", s.screen());
    quit(&mut s);

    let mut s = start(&home, &folders.blog(), 3);
    s.wait_for("another folder starts clean", |sc| {
        count(sc) == Some((3, 3))
    });
    assert!(!chips(&s).contains('#'), "{}", chips(&s));
    quit(&mut s);

    let mut s = start(&home, &folders.news(), 4);
    s.wait_for("the old session kept by the first folder", |sc| {
        count(sc) == Some((2, 4)) && selected(sc, "猫と縁側の午後")
    });
    quit(&mut s);
}

#[test]
fn the_mascot_hidden_with_m_stays_hidden_after_a_restart() {
    let home = Home::new();
    let folders = Folders::new();
    let mut s = start(&home, &folders.news(), 4);
    s.wait_for("the sidebar", |sc| sc.contents().contains("テクにゃん"));
    s.send("m");
    s.wait_for("the sidebar gone", |sc| {
        !sc.contents().contains("テクにゃん")
    });
    quit(&mut s);

    let mut s = start(&home, &folders.news(), 4);
    assert!(!s.screen().contains("テクにゃん"), "{}", s.screen());
    s.send("m");
    s.wait_for("the sidebar back", |sc| {
        sc.contents().contains("テクにゃん")
    });
    quit(&mut s);

    let mut s = start(&home, &folders.news(), 4);
    assert!(s.screen().contains("テクにゃん"), "{}", s.screen());
    quit(&mut s);
}
