//! The subcommands read through the index cache the reader uses: their output is the same
//! with no cache, a cold one, a warm one and a damaged one, a run leaves the cache warm, and a
//! file changed since is read again.

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
