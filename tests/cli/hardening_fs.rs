//! Hardening of kiji's dealings with the file system: the same root named twice (or by a
//! symlink, or with its parent) is read once; FIFOs and devices are named and never opened;
//! temporary files of a killed save are cleaned up at the next start.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use kiji::loader::LoadOptions;
use kiji::scan::Scanner;

/// How long a command may take before the test calls it hung (CI shares two cores).
const TIMEOUT: Duration = Duration::from_secs(60);

/// Run kiji in `dir`; a run that does not end within [`TIMEOUT`] (blocked opening a FIFO,
/// say) is killed and fails the test.
fn kiji(dir: &Path, args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env_remove("KIJI_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kiji");
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().expect("try_wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("kiji {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn article(title: &str, date: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\nlocale: en\n---\nA body.\n")
}

/// `A/one.md` and `A/sub/two.md` in a temporary folder.
fn folder_a() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("A/one.md"), &article("One", "2026-01-01"));
    write(
        &dir.path().join("A/sub/two.md"),
        &article("Two", "2026-01-02"),
    );
    dir
}

const A_LISTED: &str = "2026-01-02  en  sub/two  Two\n2026-01-01  en  one  One\n";

#[test]
fn the_same_folder_named_twice_is_listed_once() {
    let dir = folder_a();
    for args in [
        &["list", "A", "A"][..],
        &["list", "A", "A/"],
        &["list", "A", "./A"],
        &["list", "A", "A/sub"],
        &["list", "A/sub", "A"],
        &["list", "A", "A/sub/two.md"],
    ] {
        let o = kiji(dir.path(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), A_LISTED, "{args:?}");
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    let o = kiji(dir.path(), &["tags", "A", "A"]);
    assert_eq!(o.status.code(), Some(0));
    let o = kiji(dir.path(), &["check", "A", "A/sub"]);
    assert_eq!(stdout(&o), "2 articles read: 0 errors, 0 warnings\n");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_folder_named_beside_it_is_listed_once() {
    let dir = folder_a();
    std::os::unix::fs::symlink("A", dir.path().join("link-to-A")).expect("symlink");
    let o = kiji(dir.path(), &["list", "A", "link-to-A"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), A_LISTED);
    let o = kiji(dir.path(), &["list", "link-to-A", "A/sub"]);
    assert_eq!(stdout(&o), A_LISTED, "ids relative to the root kept");
}

#[cfg(unix)]
#[test]
fn the_reader_scans_a_symlinked_root_once_and_shares_its_cache() {
    let dir = folder_a();
    let a = dir.path().join("A");
    let link = dir.path().join("link-to-A");
    std::os::unix::fs::symlink(&a, &link).expect("symlink");
    let roots = vec![a.clone(), link.clone(), a.join("sub")];
    let mut scanner = Scanner::new(roots.clone(), LoadOptions::default(), None);
    assert_eq!(scanner.roots(), std::slice::from_ref(&a));
    let mut last = None;
    scanner.scan(&mut |s| last = Some(s));
    let index = last.expect("a snapshot").index;
    let mut ids: Vec<&str> = index.articles().iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["one", "sub/two"]);

    let cache = tempfile::tempdir().expect("cache");
    let opts = LoadOptions::default();
    let once = kiji::cache::CacheFiles::new(cache.path(), std::slice::from_ref(&a), &opts);
    assert_eq!(
        kiji::cache::CacheFiles::new(cache.path(), &roots, &opts),
        once
    );
    assert_eq!(
        kiji::cache::CacheFiles::new(cache.path(), std::slice::from_ref(&link), &opts),
        once
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_refused_without_opening_it() {
    let dir = folder_a();
    mkfifo(&dir.path().join("some.fifo"));
    for cmd in ["list", "tags", "check"] {
        let o = kiji(dir.path(), &[cmd, "some.fifo"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        assert_eq!(
            stderr(&o),
            "kiji: some.fifo: not a regular file or folder (a FIFO)\n",
            "{cmd}"
        );
        assert_eq!(stdout(&o), "", "{cmd}");
    }
    let o = kiji(dir.path(), &["show", "some.fifo"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "kiji: some.fifo: not a regular file (a FIFO); give a Markdown file or an article id\n"
    );
    let o = kiji(dir.path(), &["show", "one", "some.fifo"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "kiji: some.fifo: not a regular file or folder (a FIFO)\n"
    );
}

#[cfg(unix)]
#[test]
fn a_device_named_on_the_command_line_is_refused() {
    let dir = folder_a();
    let o = kiji(dir.path(), &["check", "/dev/null"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "kiji: /dev/null: not a regular file or folder (a character device)\n"
    );
    let o = kiji(dir.path(), &["show", "/dev/null"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "kiji: /dev/null: not a regular file (a character device); give a Markdown file or an article id\n"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_inside_a_root_is_skipped_with_a_warning() {
    let dir = folder_a();
    mkfifo(&dir.path().join("A/sub/pipe.md"));
    // Not named like an article: not one, and not worth a word.
    mkfifo(&dir.path().join("A/other.fifo"));
    let o = kiji(dir.path(), &["check", "A"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "A/sub/pipe.md: warning: not a regular file (a FIFO); skipped\n\
         2 articles read: 0 errors, 1 warning\n"
    );
    let o = kiji(dir.path(), &["list", "A"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), A_LISTED);
    assert_eq!(stderr(&o), "");
    let mut scanner = Scanner::new(vec![dir.path().join("A")], LoadOptions::default(), None);
    let mut last = None;
    scanner.scan(&mut |s| last = Some(s));
    let index = last.expect("a snapshot").index;
    assert_eq!(index.articles().len(), 2);
    let warnings: Vec<String> = index
        .diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(warnings, ["not a regular file (a FIFO); skipped"]);
}

#[cfg(unix)]
#[test]
fn opening_the_state_removes_a_killed_saves_temporary_file_only() {
    let dir = tempfile::tempdir().expect("state dir");
    let old = SystemTime::now() - Duration::from_secs(3600);
    let aged = |name: String| -> PathBuf {
        let path = dir.path().join(name);
        let f = fs::File::create(&path).expect("create");
        f.set_len(8 * 1024 * 1024).expect("size");
        f.set_modified(old).expect("mtime");
        path
    };
    // i32::MAX is beyond any system's largest pid: that process is certainly gone.
    let dead = aged(format!("state.json.tmp-{}-0", i32::MAX));
    let live = aged(format!("state.json.tmp-{}-0", std::process::id()));
    let (_store, warning) = kiji::state::StateStore::open(dir.path());
    assert!(warning.is_none(), "{warning:?}");
    assert!(!dead.exists(), "the killed save's 8 MB file is gone");
    assert!(live.exists(), "a running process's file is kept");
}
