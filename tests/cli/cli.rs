//! End-to-end tests of the command line contract: the real binary on fixture folders, with
//! exact output and exit codes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copy a fixture folder into a temporary folder with every file dated 2026-01-01 (UTC), so
/// dates that fall back to the modification time are stable.
fn staged(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixtures().join(name), &dir.path().join(name));
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
            let file = fs::File::options().write(true).open(&target).expect("open");
            file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
                .expect("set mtime");
        }
    }
}

fn kiji(dir: &Path, args: &[&str]) -> Output {
    // The index cache of this run only, not the user's.
    let cache = tempfile::tempdir().expect("cache dir");
    Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("run kiji")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

#[test]
fn list_prints_articles_newest_first() {
    let dir = staged("basic");
    let o = kiji(dir.path(), &["list", "basic"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "2026-03-01  en  20260301/terminal-widths/en  Making terminal widths agree\n\
         2026-03-01  ja  20260301/terminal-widths/ja  端末の文字幅をそろえる\n\
         2026-02-15  en  20260215/rust-release/en  A new Rust release\n\
         2026-01-10  ja  notes/plain_20260110  Notes without front matter\n"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn list_filters_by_tag_category_and_locale() {
    let dir = staged("basic");
    let ids = |args: &[&str]| -> Vec<String> {
        let o = kiji(dir.path(), args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
            .lines()
            .map(|l| l.split("  ").nth(2).unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        ids(&["list", "basic", "--tag", "terminal", "--tag", "UNICODE"]),
        ["20260301/terminal-widths/en", "20260301/terminal-widths/ja"]
    );
    assert_eq!(
        ids(&["list", "basic", "--tag", "Rust", "--tag", "日本語", "--any"]),
        ["20260301/terminal-widths/ja", "20260215/rust-release/en"]
    );
    assert_eq!(
        ids(&["list", "basic", "--locale", "ja", "--category", "terminal"]),
        ["20260301/terminal-widths/ja"]
    );
    assert_eq!(
        ids(&["list", "basic", "--tag", "nothing"]),
        Vec::<String>::new()
    );
}

#[test]
fn list_json_follows_the_schema() {
    let dir = staged("basic");
    let o = kiji(
        dir.path(),
        &["list", "basic", "--format", "json", "--tag", "Rust"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        r#"[
  {
    "id": "20260215/rust-release/en",
    "path": "basic/20260215/rust-release/en.md",
    "title": "A new Rust release",
    "description": null,
    "date": "2026-02-15",
    "category": "Rust",
    "tags": [
      "Rust",
      "Release",
      "terminal"
    ],
    "locale": "en",
    "comment": null,
    "translations": [],
    "draft": false,
    "emoji": null
  }
]
"#
    );
    let o = kiji(dir.path(), &["list", "basic", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let ja = &v[1];
    assert_eq!(ja["id"], "20260301/terminal-widths/ja");
    assert_eq!(ja["comment"], "幅がずれると罫線が崩れるんだよ！");
    assert_eq!(
        ja["translations"],
        serde_json::json!(["20260301/terminal-widths/en"])
    );
    assert_eq!(
        v[0]["translations"],
        serde_json::json!(["20260301/terminal-widths/ja"])
    );
}

#[test]
fn tags_prints_counts_most_used_first() {
    let dir = staged("basic");
    let o = kiji(dir.path(), &["tags", "basic"]);
    assert_eq!(
        stdout(&o),
        "    3  Terminal\n    2  Unicode\n    1  Release\n    1  Rust\n    1  日本語\n"
    );
    let o = kiji(dir.path(), &["tags", "basic", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0], serde_json::json!({"tag": "Terminal", "count": 3}));
}

#[test]
fn check_names_every_broken_file_and_exits_1() {
    let dir = staged("broken");
    let broken = dir.path().join("broken");
    // Cases that cannot live in git: an oversized file and a file that cannot be read.
    fs::write(broken.join("huge.md"), vec![b'a'; 9 * 1024 * 1024]).expect("write huge");
    #[cfg(unix)]
    std::os::unix::fs::symlink("missing-target.md", broken.join("dangling.md")).expect("symlink");
    let o = kiji(dir.path(), &["check", "broken"]);
    assert_eq!(o.status.code(), Some(1));
    let expected = "\
broken/bad-date.md:3:1: error: `date` is \"来週の月曜\", not a date (expected YYYY-MM-DD); date taken from the path or file time
broken/bad-tags.md:4:1: warning: tag 2 in `tags` is a number, not text; kept as \"2026\"
broken/bad-tags.md:4:1: error: tag 3 in `tags` is a mapping, not text; dropped
broken/bad-tags.md:4:1: warning: tag 4 in `tags` is a boolean, not text; kept as \"true\"
broken/binary.md: error: binary file (NUL byte at offset 17), not Markdown; skipped
broken/dangling.md: error: cannot read: No such file or directory
broken/empty.md: warning: empty file
broken/huge.md: error: file is 9.0 MiB, over the 8 MiB limit; skipped
broken/invalid-utf8.md:2:12: warning: invalid UTF-8 at byte 15; bad bytes shown as \u{FFFD} (save the file as UTF-8)
broken/list-front-matter.md:2:1: error: front matter is a list, not a mapping of keys to values; ignored
broken/malformed-yaml.md:2:8: error: invalid YAML in front matter: found unexpected end of stream (line 4) while scanning a quoted scalar that starts here
broken/no-front-matter.md: warning: no front matter (a block between `---` lines at the top); title, date and tags are guessed
broken/unclosed.md:1:1: error: front matter opened with `---` on line 1 is never closed; add a `---` line after it
11 articles read: 8 errors, 5 warnings
";
    assert_eq!(stdout(&o), expected);

    // Every readable article is still listed, with what could be recovered.
    let o = kiji(dir.path(), &["list", "broken"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "2026-01-07  en  bom  With BOM\n\
         2026-01-06  en  crlf  Windows line endings\n\
         2026-01-05  ja  valid  正しい記事\n\
         2026-01-04  en  bad-tags  Tags that are not strings\n\
         2026-01-03  en  invalid-utf8  Caf\u{FFFD} menu\n\
         2026-01-02  ja  unclosed  閉じていない\n\
         2026-01-01  en  empty  empty\n\
         2026-01-01  en  no-front-matter  Just a heading\n\
         2026-01-01  en  list-front-matter  list front matter\n\
         2026-01-01  ja  bad-date  日付が壊れている\n\
         2026-01-01  ja  malformed-yaml  見出しから題名\n"
    );
    assert_eq!(
        stderr(&o),
        "kiji: 8 errors found while reading; run `kiji check` for details\n"
    );
}

#[test]
fn check_json_has_diagnostics_and_summary() {
    let dir = staged("broken");
    let o = kiji(dir.path(), &["check", "broken", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v["summary"],
        serde_json::json!({"articles": 11, "errors": 6, "warnings": 5})
    );
    assert_eq!(
        v["diagnostics"][0],
        serde_json::json!({
            "path": "broken/bad-date.md", "line": 3, "column": 1, "severity": "error",
            "message": "`date` is \"来週の月曜\", not a date (expected YYYY-MM-DD); date taken from the path or file time"
        })
    );
}

#[test]
fn check_is_clean_on_good_articles() {
    let dir = staged("basic");
    fs::remove_file(dir.path().join("basic/notes/plain_20260110.md")).expect("rm");
    let o = kiji(dir.path(), &["check", "basic"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "3 articles read: 0 errors, 0 warnings\n");
}

#[test]
fn the_bundled_articles_are_clean() {
    let o = kiji(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "articles"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with(" read: 0 errors, 0 warnings\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn without_a_path_kiji_reads_the_bundled_samples() {
    let empty = tempfile::tempdir().expect("temp dir");
    let o = kiji(empty.path(), &["list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let n = v.as_array().map_or(0, Vec::len);
    assert!(n >= 12, "only {n} bundled articles");
    assert!(
        v[0]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("articles/"))
    );
}

#[test]
fn usage_errors_exit_2_and_missing_folders_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = kiji(dir.path(), &["list", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        stderr(&o)
    );
    let o = kiji(dir.path(), &["list", "no-such-folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "kiji: no-such-folder: no such file or folder\n");
    assert_eq!(stdout(&o), "");
}

#[test]
fn every_command_has_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    for cmd in ["list", "tags", "check", "show"] {
        let o = kiji(dir.path(), &[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        assert!(
            stdout(&o).contains(&format!("Usage: kiji {cmd}")),
            "{cmd}: {}",
            stdout(&o)
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_skipped_folders_do_not_hang_or_leak_in() {
    let dir = staged("basic");
    let basic = dir.path().join("basic");
    std::os::unix::fs::symlink("..", basic.join("notes/loop")).expect("symlink");
    for skipped in [".git", "node_modules", ".hidden"] {
        fs::create_dir_all(basic.join(skipped)).expect("mkdir");
        fs::write(
            basic.join(skipped).join("x.md"),
            "---\ntitle: skipped\n---\n",
        )
        .expect("write");
    }
    fs::write(basic.join("notes/readme.txt"), "not markdown").expect("write");
    fs::write(
        basic.join("notes/long.markdown"),
        "---\ntitle: Long extension\ndate: 2026-01-02\n---\n",
    )
    .expect("write");
    let o = kiji(dir.path(), &["list", "basic"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 5, "{out}");
    assert!(out.contains("notes/long  Long extension"));
    assert!(!out.contains("skipped"));
    let o = kiji(dir.path(), &["check", "basic"]);
    assert!(
        stdout(&o).contains("basic/notes/loop: warning: symlink loop back to "),
        "{}",
        stdout(&o)
    );
}

/// Ids printed by `kiji list --search QUERY` on the search fixtures.
fn search_ids(dir: &Path, query: &str) -> Vec<String> {
    let o = kiji(dir, &["list", "search", "--search", query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .map(|l| l.split("  ").nth(2).unwrap_or("").to_string())
        .collect()
}

#[test]
fn list_search_folds_case_width_and_kana() {
    let dir = staged("search");
    let d = dir.path();
    // Hiragana finds katakana, in the title and the body.
    assert_eq!(search_ids(d, "くろーど"), ["20261101/claude-code/ja"]);
    // Full-width finds ASCII and the other way round.
    assert_eq!(search_ids(d, "gpu"), ["20261102/gpu-width/ja"]);
    assert_eq!(search_ids(d, "ＣＬＡＵＤＥ").len(), 3);
    // Half-width katakana in the title is found by full-width katakana and hiragana.
    assert_eq!(search_ids(d, "クラウド"), ["20261102/gpu-width/ja"]);
    assert_eq!(search_ids(d, "ｸﾗｳﾄﾞ"), ["20261102/gpu-width/ja"]);
    // Case.
    assert_eq!(
        search_ids(d, "CLAUDE"),
        [
            "20261104/phrase/en",
            "20261101/claude-code/en",
            "20261101/claude-code/ja"
        ]
    );
}

#[test]
fn list_search_reads_body_text_not_markup() {
    let dir = staged("search");
    let d = dir.path();
    // Body text, including a second paragraph and inline code.
    assert_eq!(search_ids(d, "datacenter"), ["20261103/markup/en"]);
    assert_eq!(search_ids(d, "npm").len(), 2);
    // Link text is searched, the URL and the emphasis markers are not.
    assert_eq!(search_ids(d, "the manual"), ["20261103/markup/en"]);
    assert!(search_ids(d, "secret-url").is_empty());
    assert!(search_ids(d, "*emphasised*").is_empty());
    // The mascot's comment and the category.
    assert_eq!(search_ids(d, "にゃ"), ["20261101/claude-code/ja"]);
    assert_eq!(search_ids(d, "いんふら"), ["20261102/gpu-width/ja"]);
}

#[test]
fn list_search_needs_every_word_and_keeps_phrases() {
    let dir = staged("search");
    let d = dir.path();
    assert_eq!(
        search_ids(d, "claude terminal"),
        ["20261104/phrase/en", "20261101/claude-code/en"]
    );
    // Ideographic space separates words too.
    assert_eq!(
        search_ids(d, "くろーど\u{3000}いんすとーる"),
        ["20261101/claude-code/ja"]
    );
    assert_eq!(
        search_ids(d, "\"claude code\""),
        ["20261101/claude-code/en"]
    );
    assert_eq!(search_ids(d, "\"code review\""), ["20261104/phrase/en"]);
    assert!(search_ids(d, "\"review code\"").is_empty());
    // Combined with the other filters.
    let o = kiji(
        d,
        &["list", "search", "--search", "claude", "--locale", "ja"],
    );
    assert_eq!(
        stdout(&o),
        "2026-11-01  ja  20261101/claude-code/ja  クロード・コードの使い方ガイド\n"
    );
    let o = kiji(
        d,
        &["list", "search", "--search", "claude", "--tag", "terminal"],
    );
    assert!(stdout(&o).contains("20261104/phrase/en"));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn the_reader_refuses_a_dumb_terminal_and_a_pipe_with_advice() {
    let dir = staged("basic");
    let o = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .arg("basic")
        .current_dir(dir.path())
        .env("TERM", "dumb")
        .output()
        .expect("run kiji");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "kiji: TERM=dumb cannot show the reader (it needs cursor movement); use `kiji list` to see the articles and `kiji show ID` to read one\n"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .arg("basic")
        .current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .output()
        .expect("run kiji");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "kiji: the reader needs a terminal; use `kiji list` or `kiji show` to print instead\n"
    );
}

#[test]
fn images_takes_a_mode_on_the_reader_and_on_show() {
    use clap::Parser;
    use kiji::cli::Cli;
    use kiji::images::ImageMode;
    let settings = |args: &[&str]| Cli::try_parse_from(args).map(|c| c.settings().images);
    assert_eq!(
        settings(&["kiji", "--images", "kitty"]).ok(),
        Some(Some(ImageMode::Kitty))
    );
    assert_eq!(settings(&["kiji", "show", "a.md"]).ok(), Some(None));
    assert_eq!(
        settings(&[
            "kiji", "--images", "off", "show", "--images", "sixel", "a.md"
        ])
        .ok(),
        Some(Some(ImageMode::Sixel))
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let o = kiji(dir.path(), &["show", "--images", "kity", "x.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'kity' for '--images <MODE>': unknown image mode 'kity' (expected auto, off, halfblocks, kitty, iterm2, sixel)"),
        "{}",
        stderr(&o)
    );
    let help = stdout(&kiji(dir.path(), &["show", "--help"]));
    assert!(help.contains("--images <MODE>"), "{help}");
}
