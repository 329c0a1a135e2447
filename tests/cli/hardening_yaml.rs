//! Front matter and configuration files that used to stop kiji: nesting 100,000 levels deep,
//! 100,000 tags, one unreadable key, old Mac line ends, and a configuration that is a pipe, a
//! device or far too big. The real binary on inputs made at test time, with exact output.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

fn kiji(dir: &Path, args: &[&str], config: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kiji"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", dir.join("no-config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("KIJI_CONFIG");
    if let Some(c) = config {
        cmd.env("KIJI_CONFIG", c);
    }
    cmd.output().expect("run kiji")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// A folder `news` with a normal article and `bad.md` holding `front_matter`.
fn folder(front_matter: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let news = dir.path().join("news");
    fs::create_dir(&news).expect("mkdir");
    fs::write(
        news.join("good.md"),
        "---\ntitle: Good\ndate: 2026-01-02\n---\ntext\n",
    )
    .expect("write");
    fs::write(
        news.join("bad.md"),
        format!("---\ndate: 2026-01-01\n{front_matter}\n---\n# From the heading\n"),
    )
    .expect("write");
    dir
}

#[test]
fn deep_nesting_is_refused_and_every_article_still_listed() {
    let n = 100_000;
    // `x` is not a key kiji reads: a warning, and the date before it is kept.
    for (front_matter, column) in [
        (format!("x: {}{}", "[".repeat(n), "]".repeat(n)), 67),
        (format!("x: {}1{}", "{a: ".repeat(n), "}".repeat(n)), 256),
    ] {
        let dir = folder(&front_matter);
        let o = kiji(dir.path(), &["check", "news"], None);
        assert_eq!(
            stdout(&o),
            format!(
                "news/bad.md:3:{column}: warning: invalid YAML in front matter: nested more than 64 levels deep; `x` skipped, the other keys are read\n\
                 2 articles read: 0 errors, 1 warning\n"
            )
        );
        let o = kiji(dir.path(), &["list", "news"], None);
        assert_eq!(
            stdout(&o),
            "2026-01-02  en  good  Good\n2026-01-01  en  bad  From the heading\n"
        );
    }
}

#[test]
fn a_hundred_thousand_tags_keep_the_first_thousand() {
    let tags: Vec<String> = (0..100_000).map(|i| format!("t{i}")).collect();
    let dir = folder(&format!("title: Many\ntags: [{}]", tags.join(", ")));
    let o = kiji(dir.path(), &["check", "news"], None);
    assert_eq!(
        stdout(&o),
        "news/bad.md:4:1: warning: too many tags: an article keeps at most 1000; 99000 in `tags` dropped\n\
         2 articles read: 0 errors, 1 warning\n"
    );
    let o = kiji(dir.path(), &["tags", "news"], None);
    assert_eq!(stdout(&o).lines().count(), 1000, "{}", stderr(&o));
}

#[test]
fn one_bad_key_keeps_the_rest_of_the_front_matter() {
    let dir = folder(
        "title: Kept\nviews: 99999999999999999999\nunused: 1\nunused: 2\ntags: [a]\ntitle: Second",
    );
    let o = kiji(dir.path(), &["check", "news"], None);
    assert_eq!(
        stdout(&o),
        "news/bad.md:4:8: warning: invalid YAML in front matter: invalid type: integer `99999999999999999999` as u128, expected any YAML value; `views` skipped, the other keys are read\n\
         news/bad.md:6:1: warning: `unused` is written twice (first on line 5); the first is used\n\
         news/bad.md:8:1: warning: `title` is written twice (first on line 3); the first is used\n\
         2 articles read: 0 errors, 3 warnings\n"
    );
    let o = kiji(dir.path(), &["list", "news", "--tag", "a"], None);
    assert_eq!(stdout(&o), "2026-01-01  en  bad  Kept\n", "{}", stderr(&o));
}

#[test]
fn old_mac_line_ends_and_heading_titles_read_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let news = dir.path().join("news");
    fs::create_dir(&news).expect("mkdir");
    fs::write(
        news.join("cr.md"),
        "---\rtitle: CR only\rdate: 2026-01-03\r---\rline one\r\rline two\r",
    )
    .expect("write");
    fs::write(
        news.join("heading.md"),
        "---\ndate: 2026-01-04\n---\n# AT&amp;T *emph* [link](https://example.com/x)\n",
    )
    .expect("write");
    let o = kiji(dir.path(), &["check", "news"], None);
    assert_eq!(stdout(&o), "2 articles read: 0 errors, 0 warnings\n");
    let o = kiji(dir.path(), &["list", "news"], None);
    assert_eq!(
        stdout(&o),
        "2026-01-04  en  heading  AT&T emph link\n2026-01-03  en  cr  CR only\n"
    );
    let o = kiji(dir.path(), &["show", "news/cr.md"], None);
    let text = stdout(&o);
    assert!(text.contains("line one\n\nline two"), "{text:?}");
}

#[test]
fn a_configuration_nested_too_deeply_is_refused_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    fs::write(
        &path,
        format!(
            "mouse: false\nkeys: {}{}\n",
            "{a: ".repeat(100_000),
            "}".repeat(100_000)
        ),
    )
    .expect("write");
    let o = kiji(dir.path(), &["check", "--config", "config.yaml"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "config.yaml:2:259: error: invalid YAML: nested more than 64 levels deep\n1 problem\n"
    );
    let block: String = (0..1000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    fs::write(&path, format!("keys:\n{block}")).expect("write");
    let o = kiji(dir.path(), &["check", "--config", "config.yaml"], None);
    assert_eq!(
        stdout(&o),
        "config.yaml:66:65: error: invalid YAML: nested more than 64 levels deep\n1 problem\n"
    );
}

#[test]
fn a_configuration_too_big_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    let mut text = "# padding\n".repeat(160_000);
    text.push_str("mouse: false\n");
    fs::write(&path, text).expect("write");
    let o = kiji(dir.path(), &["check", "--config", "config.yaml"], None);
    assert_eq!(
        stdout(&o),
        "config.yaml: error: cannot read the configuration: it is 1.5 MiB, over the 1 MiB limit\n1 problem\n"
    );
    let o = kiji(dir.path(), &["config"], Some(&path));
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        format!(
            "{}: error: cannot read the configuration: it is 1.5 MiB, over the 1 MiB limit\n",
            path.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn a_device_as_the_configuration_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("news")).expect("mkdir");
    let o = kiji(dir.path(), &["check", "news"], Some(Path::new("/dev/zero")));
    assert_eq!(
        stderr(&o),
        "/dev/zero: error: cannot read the configuration: it is a device, not a regular file\n\
         kiji: the configuration file was not used; the defaults apply\n"
    );
    assert_eq!(stdout(&o), "0 articles read: 0 errors, 0 warnings\n");
}

/// Run `f` on another thread; panic if it has not returned within a minute (it should take
/// milliseconds: the point is that it cannot hang the test run).
fn returns<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("reading the configuration hung")
}

#[cfg(unix)]
#[test]
fn a_named_pipe_as_the_configuration_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("config.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let path = fifo.clone();
    let (config, problems) = returns(move || {
        kiji::config::load_required(&path, &kiji::tui::keymap::Keymap::default_keys())
    });
    assert_eq!(config, kiji::config::Config::default());
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}: error: cannot read the configuration: it is a named pipe, not a regular file",
            fifo.display()
        )]
    );
    // The binary too: `check` and `config` come back at once.
    let (d, f) = (dir.path().to_path_buf(), fifo.clone());
    let o = returns(move || kiji(&d, &["check", "--config", "config.yaml"], None));
    assert_eq!(
        stdout(&o),
        "config.yaml: error: cannot read the configuration: it is a named pipe, not a regular file\n1 problem\n"
    );
    let d = dir.path().to_path_buf();
    let o = returns(move || kiji(&d, &["config"], Some(&f)));
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_configuration_of_many_bad_keys_reports_the_first_hundred() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    // One flow line: placing each problem used to count columns per character of the line.
    let actions: Vec<String> = (0..5_000).map(|i| format!("a{i}: x")).collect();
    fs::write(&path, format!("keys: {{{}}}\n", actions.join(", "))).expect("write");
    let o = kiji(dir.path(), &["check", "--config", "config.yaml"], None);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 102, "{out}");
    assert_eq!(lines[0], "config.yaml:1:8: error: unknown action `a0`");
    assert_eq!(lines[1], "config.yaml:1:15: error: unknown action `a1`");
    assert_eq!(
        lines[100..],
        [
            "config.yaml: error: 4900 more problems not shown; fix the ones above first",
            "101 problems"
        ]
    );
}

#[test]
fn a_hundred_thousand_keys_are_placed_on_their_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let news = dir.path().join("news");
    fs::create_dir(&news).expect("mkdir");
    // Each key's line used to be found by reading the front matter again from the top.
    let keys: String = (0..100_000).map(|i| format!("k{i}: {i}\n")).collect();
    fs::write(
        news.join("keys.md"),
        format!("---\n{keys}date: nope\n---\n# Keys\n"),
    )
    .expect("write");
    let o = kiji(dir.path(), &["check", "news"], None);
    assert_eq!(
        stdout(&o),
        "news/keys.md:100002:1: error: `date` is \"nope\", not a date (expected YYYY-MM-DD); date taken from the path or file time\n\
         1 article read: 1 error, 0 warnings\n"
    );
}
