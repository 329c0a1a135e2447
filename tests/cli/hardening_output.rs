//! No control character from a file name, a folder name, an article or a setting reaches the
//! terminal through the text outputs (`list`, `tags`, `check`, `show`, `paths`) or a message:
//! each is shown as an escape (`\e`, `\n`, `\x07`, `\u{9b}`), and a file name cannot forge a
//! diagnostic line. The files are made at test time, since such names cannot be committed
//! portably.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A file name that would clear the screen, set the window title, ring the bell and forge a
/// second diagnostic line if printed raw.
const FORGING: &str = "x.md:1:1: error: FORGED\nzz\u{1b}]0;pwn\u{7}\u{9b}2J.md";
/// How [`FORGING`] (without `.md`) is shown.
const FORGING_SHOWN: &str = "x.md:1:1: error: FORGED\\nzz\\e]0;pwn\\x07\\u{9b}2J";

fn kiji(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kiji"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("KIJI_CONFIG")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run kiji")
}

/// The output as text, after checking that it holds no control character but the line ends.
fn clean(bytes: &[u8], what: &str) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert!(bad.is_empty(), "{what} holds controls {bad:?}:\n{text}");
    text
}

fn outputs(o: &Output, what: &str) -> (String, String) {
    (
        clean(&o.stdout, &format!("{what} stdout")),
        clean(&o.stderr, &format!("{what} stderr")),
    )
}

/// A root with an article whose name forges a diagnostic, one whose name holds ESC and BEL
/// and has broken front matter (so it has a diagnostic), and one with bad bytes in its tags.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let day = dir.path().join("news/20260101");
    fs::create_dir_all(&day).expect("mkdir");
    fs::write(
        day.join(FORGING),
        "---\ntitle: \"Forged\"\ndate: 2026-01-01\nlocale: en\ntags: [\"a\\e[31mb\", \"c\\u0007d\"]\n---\n\nBody\n",
    )
    .expect("write");
    fs::write(
        day.join("b\u{1b}[2J\u{7}ad.md"),
        "---\ntitle: [broken\n---\n\nBody\n",
    )
    .expect("write");
    dir
}

#[test]
fn list_escapes_names_and_keeps_one_line_per_article() {
    let dir = tree();
    let o = kiji(dir.path(), &["list", "news"], &[]);
    let (out, _) = outputs(&o, "list");
    assert!(
        out.contains(&format!(
            "2026-01-01  en  20260101/{FORGING_SHOWN}  Forged\n"
        )),
        "{out}"
    );
    assert!(out.contains("  20260101/b\\e[2J\\x07ad  "), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn check_cannot_be_forged_by_a_file_name() {
    let dir = tree();
    let o = kiji(dir.path(), &["check", "news"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let (out, _) = outputs(&o, "check");
    assert!(!out.lines().any(|l| l.starts_with("x.md")), "{out}");
    assert!(
        out.contains("news/20260101/b\\e[2J\\x07ad.md:2:8: error: invalid YAML in front matter"),
        "{out}"
    );
    assert!(
        out.ends_with("2 articles read: 1 error, 0 warnings\n"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn tags_are_printed_clean() {
    let dir = tree();
    let o = kiji(dir.path(), &["tags", "news"], &[]);
    let (out, _) = outputs(&o, "tags");
    // Tags are sanitised when read: the escape sequence and the BEL are gone.
    assert_eq!(out, "    1  ab\n    1  cd\n");
}

#[test]
fn show_and_its_messages_are_clean() {
    let dir = tree();
    let id = format!("20260101/{}", FORGING.trim_end_matches(".md"));
    let o = kiji(dir.path(), &["show", "--plain", &id, "news"], &[]);
    assert_eq!(o.status.code(), Some(0));
    let (out, _) = outputs(&o, "show");
    assert!(out.starts_with("Forged\n"), "{out}");

    let o = kiji(dir.path(), &["show", "nope\u{1b}[2J\u{7}", "news"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let (_, err) = outputs(&o, "show of a missing id");
    assert!(err.contains("no article `nope\\e[2J\\x07`"), "{err}");

    let o = kiji(dir.path(), &["list", "gone\u{1b}]0;t\u{7}"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let (_, err) = outputs(&o, "list of a missing root");
    assert_eq!(err, "kiji: gone\\e]0;t\\x07: no such file or folder\n");
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_shown_byte_by_byte() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let day = dir.path().join("news/20260101");
    fs::create_dir_all(&day).expect("mkdir");
    let name = std::ffi::OsStr::from_bytes(b"bad\xff\x1b.md");
    fs::write(day.join(name), "no front matter\n").expect("write");
    let o = kiji(dir.path(), &["check", "news"], &[]);
    let (out, _) = outputs(&o, "check");
    assert!(
        out.starts_with("news/20260101/bad\\xff\\e.md: warning: "),
        "{out}"
    );
    let o = kiji(dir.path(), &["list", "news"], &[]);
    let (out, _) = outputs(&o, "list");
    assert!(out.contains("20260101/bad\u{fffd}\\e  "), "{out}");
}

#[test]
fn config_roots_and_paths_are_shown_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("kiji.yaml");
    fs::write(&config, "roots: [\"/nonexistent\\e[2J\\u009b\"]\n").expect("write");
    let env = [("KIJI_CONFIG", config.to_str().expect("utf-8 temp path"))];
    let o = kiji(dir.path(), &["check"], &env);
    let (out, _) = outputs(&o, "check");
    assert!(
        out.starts_with("/nonexistent\\e[2J\\u{9b}: error: no such file or folder\n"),
        "{out}"
    );

    let bad = dir.path().join("bad\u{1b}[2J.yaml");
    fs::write(&bad, "theme: \"x\\a\"\n").expect("write");
    let o = kiji(
        dir.path(),
        &["--config", bad.to_str().expect("utf-8"), "check"],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let (out, _) = outputs(&o, "check --config");
    assert!(
        out.contains("bad\\e[2J.yaml:1:1: error: unknown theme `x\\x07`"),
        "{out}"
    );

    let home = dir.path().join("home\u{7}");
    let o = kiji(
        dir.path(),
        &["paths"],
        &[("XDG_CONFIG_HOME", home.to_str().expect("utf-8"))],
    );
    let (out, _) = outputs(&o, "paths");
    assert!(out.starts_with("config: "), "{out}");
    assert!(out.contains("home\\x07/kiji/"), "{out}");
}
