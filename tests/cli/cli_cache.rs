//! The subcommands read through the index cache the reader uses: their output is the same
//! with no cache, a cold one, a warm one and a damaged one, a run leaves the cache warm, files
//! changed since (edited, renamed, removed, added) are read again, and a cache of another
//! format is ignored and written anew.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture folders copied to a temporary folder (the `broken` one has skipped files,
/// so `check` has something to say).
fn staged() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["basic", "broken"] {
        copy_tree(
            &fixtures.join(name),
            &dir.path().join("articles").join(name),
        );
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside the fixture");
        if entry.file_type().is_dir() {
            fs::create_dir_all(to.join(rel)).expect("mkdir");
        } else {
            fs::copy(entry.path(), to.join(rel)).expect("copy");
        }
    }
}

/// Run kiji in `dir` with the cache under `cache` (`None`: no cache folder at all).
fn kiji(dir: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kiji"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"));
    match cache {
        Some(c) => cmd.env("XDG_CACHE_HOME", c).env("HOME", dir),
        None => cmd.env_remove("XDG_CACHE_HOME").env_remove("HOME"),
    };
    cmd.output().expect("run kiji")
}

/// What every subcommand prints (stdout and exit code).
fn outputs(dir: &Path, cache: Option<&Path>) -> Vec<(String, Option<i32>)> {
    let runs: [&[&str]; 7] = [
        &["list"],
        &["list", "--format", "json"],
        &["list", "--search", "width"],
        &["tags"],
        &["check"],
        &["check", "--format", "json"],
        &[
            "show",
            "--plain",
            "--width",
            "60",
            "basic/20260301/terminal-widths/ja",
        ],
    ];
    runs.iter()
        .map(|args| {
            let o = kiji(dir, cache, args);
            (
                String::from_utf8_lossy(&o.stdout).into_owned(),
                o.status.code(),
            )
        })
        .collect()
}

fn meta_files(cache: &Path) -> Vec<PathBuf> {
    let Ok(dir) = fs::read_dir(cache.join("kiji/index")) else {
        return Vec::new();
    };
    dir.flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "meta"))
        .collect()
}

#[test]
fn the_subcommands_print_the_same_without_a_cache_cold_warm_and_damaged() {
    let dir = staged();
    let cache = dir.path().join("cache");
    let without = outputs(dir.path(), None);
    assert!(without[0].0.contains("basic/"), "{}", without[0].0);
    assert!(without.iter().all(|(out, _)| !out.trim().is_empty()));
    assert_eq!(without[4].1, Some(1), "check finds the broken files");
    assert!(meta_files(&cache).is_empty());

    let cold = outputs(dir.path(), Some(&cache));
    assert_eq!(cold, without);
    let metas = meta_files(&cache);
    assert_eq!(metas.len(), 1, "one cache for the one set of roots");
    let warm = outputs(dir.path(), Some(&cache));
    assert_eq!(warm, without);

    fs::write(&metas[0], b"damaged").expect("damage");
    let damaged = outputs(dir.path(), Some(&cache));
    assert_eq!(damaged, without);
    assert_ne!(fs::read(&metas[0]).expect("meta"), b"damaged", "rebuilt");
}

#[test]
fn a_file_changed_after_a_warm_run_is_read_again() {
    let dir = staged();
    let cache = dir.path().join("cache");
    kiji(dir.path(), Some(&cache), &["list"]);
    let file = dir.path().join("articles/basic/added.md");
    fs::write(
        &file,
        "---\ntitle: 追加された記事\ndate: 2030-01-01\ntags: [新着]\n---\n本文\n",
    )
    .expect("write");
    let list = kiji(dir.path(), Some(&cache), &["list"]);
    let first = String::from_utf8_lossy(&list.stdout)
        .lines()
        .next()
        .map(str::to_string);
    assert_eq!(
        first.as_deref(),
        Some("2030-01-01  ja  basic/added  追加された記事")
    );
    let tags = kiji(dir.path(), Some(&cache), &["tags"]);
    assert!(String::from_utf8_lossy(&tags.stdout).contains("新着"));
    fs::remove_file(&file).expect("rm");
    let list = kiji(dir.path(), Some(&cache), &["list"]);
    assert!(!String::from_utf8_lossy(&list.stdout).contains("basic/added"));
}

/// Rewrite `file` through `edit` and give it `mtime` (the time it had, or another).
fn rewrite(file: &Path, edit: impl Fn(&str) -> String, mtime: std::time::SystemTime) {
    let text = fs::read_to_string(file).expect("read");
    fs::write(file, edit(&text)).expect("write");
    fs::File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(mtime))
        .expect("set the time");
}

fn mtime(file: &Path) -> std::time::SystemTime {
    fs::metadata(file)
        .and_then(|m| m.modified())
        .expect("mtime")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_warm_run_after_edits_renames_and_removals_prints_the_truth() {
    let dir = staged();
    let cache = dir.path().join("cache");
    let articles = dir.path().join("articles");
    kiji(dir.path(), Some(&cache), &["list"]);
    assert_eq!(meta_files(&cache).len(), 1, "the cache is warm");

    // Edited to the same size (so only its time tells), one second later.
    let ja = articles.join("basic/20260301/terminal-widths/ja.md");
    rewrite(
        &ja,
        |t| {
            t.replace("そろえる\"", "そろえた\"")
                .replace("\"日本語\"", "\"中国語\"")
        },
        mtime(&ja) + std::time::Duration::from_secs(1),
    );
    // Renamed, removed, added, and a good file made unreadable.
    fs::rename(
        articles.join("basic/notes/plain_20260110.md"),
        articles.join("basic/notes/renamed_20260110.md"),
    )
    .expect("mv");
    fs::remove_file(articles.join("broken/valid.md")).expect("rm");
    fs::write(
        articles.join("basic/added.md"),
        "---\ntitle: 追加された記事\ndate: 2030-01-01\n---\n本文\n",
    )
    .expect("add");
    fs::write(
        articles.join("basic/20260215/rust-release/en.md"),
        b"\0binary",
    )
    .expect("break");

    let warm = outputs(dir.path(), Some(&cache));
    let truth = outputs(dir.path(), None);
    assert_eq!(warm, truth, "the warm runs print what the files say now");
    let (list, tags, check) = (&warm[0].0, &warm[3].0, &warm[4].0);
    assert!(list.contains("端末の文字幅をそろえた"), "{list}");
    assert!(!list.contains("そろえる"), "{list}");
    assert!(list.contains("basic/notes/renamed_20260110"), "{list}");
    assert!(!list.contains("basic/notes/plain_20260110"), "{list}");
    assert!(!list.contains("broken/valid"), "{list}");
    assert!(
        list.starts_with("2030-01-01  ja  basic/added  追加された記事\n"),
        "{list}"
    );
    assert!(!list.contains("basic/20260215/rust-release/en"), "{list}");
    assert!(
        tags.contains("中国語") && !tags.contains("日本語"),
        "{tags}"
    );
    assert!(check.contains("rust-release/en.md"), "{check}");
}

#[test]
fn a_cache_of_another_format_is_ignored_and_written_anew() {
    let dir = staged();
    let cache = dir.path().join("cache");
    kiji(dir.path(), Some(&cache), &["list"]);
    let metas = meta_files(&cache);
    let meta = &metas[0];
    let format = kiji::cache::FORMAT.to_le_bytes();
    assert_eq!(
        fs::read(meta).expect("meta")[..4],
        format,
        "the format comes first"
    );

    // A file rewritten with the same size and time: only the cache's format can tell that
    // what it knows of the file is not to be used.
    let ja = dir
        .path()
        .join("articles/basic/20260301/terminal-widths/ja.md");
    rewrite(&ja, |t| t.replace("そろえる\"", "そろえた\""), mtime(&ja));
    let trusted = stdout(&kiji(dir.path(), Some(&cache), &["list"]));
    assert!(
        trusted.contains("そろえる"),
        "a cache of this format is taken on the file's size and time: {trusted}"
    );

    let mut older = fs::read(meta).expect("meta");
    older[..4].copy_from_slice(&(kiji::cache::FORMAT - 1).to_le_bytes());
    fs::write(meta, &older).expect("an older cache");
    let list = stdout(&kiji(dir.path(), Some(&cache), &["list"]));
    assert!(list.contains("端末の文字幅をそろえた"), "{list}");
    assert!(!list.contains("そろえる"), "{list}");
    assert_eq!(
        fs::read(meta).expect("meta")[..4],
        format,
        "written anew in the current format"
    );
    assert_eq!(list, stdout(&kiji(dir.path(), None, &["list"])));
}
