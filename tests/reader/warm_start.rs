//! A warm start in a pseudo-terminal: with the index cache of an earlier run, every frame shows
//! a whole list, the cache's first; files changed while kiji was closed are patched in by the
//! walk after it, the selection kept; a folder that grew far beyond its cache shows all of it;
//! a cache of another format is never shown; a folder large enough to have its tag lists made
//! off the main thread shows its related articles.

use std::fs;
use std::path::{Path, PathBuf};

use crate::pty::{FRAME_END, Home, Session, count};

fn write_article(dir: &Path, n: usize, year: u32) {
    let text = format!(
        "---\ntitle: Warm article {n:02}\ndate: {year}-01-{:02}\ntags: [warm]\n---\nBody of article {n:02}.\n",
        n % 28 + 1
    );
    fs::write(dir.join(format!("a{n:02}.md")), text).expect("write article");
}

fn start(home: &Home, root: &Path) -> Session {
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Session::start(
        &[&root.to_string_lossy()],
        Path::new(env!("CARGO_MANIFEST_DIR")),
        120,
        40,
        &env,
    )
}

/// What `look` sees on the screen after each frame in `output`.
fn per_frame<T>(output: &[u8], look: impl Fn(&vt100::Screen) -> T) -> Vec<T> {
    let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
    let mut parser = vt100::Parser::new(size(40), size(120), 0);
    let mut seen = Vec::new();
    let mut rest = output;
    while let Some(end) = rest.windows(FRAME_END.len()).position(|w| w == FRAME_END) {
        let end = end + FRAME_END.len();
        parser.process(&rest[..end]);
        seen.push(look(parser.screen()));
        rest = &rest[end..];
    }
    seen
}

/// The screen after each frame in `output`, as the `shown/total` count of its status bar.
fn counts_per_frame(output: &[u8]) -> Vec<Option<(usize, usize)>> {
    per_frame(output, count)
}

/// The index cache's metadata file of the one set of roots `home`'s runs have read.
fn meta_file(home: &Home) -> PathBuf {
    let dir = Path::new(&home.var("cache")).join("kiji/index");
    let metas: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("the index cache folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "meta"))
        .collect();
    assert_eq!(metas.len(), 1, "one cache for the one root: {metas:?}");
    metas[0].clone()
}

#[test]
fn a_warm_start_draws_the_cached_list_first_then_the_changes_with_the_selection_kept() {
    let root = tempfile::tempdir().expect("root");
    // 2026-01-02 .. 2026-01-28 and a few more: newest first in the list.
    for n in 1..=27 {
        write_article(root.path(), n, 2026);
    }
    let home = Home::new();
    let mut s = start(&home, root.path());
    s.wait_for_text(" 27/27 ");
    // The third newest article selected, kept in the session.
    s.send("jj");
    s.wait_for_text("┐┌ Warm article 25 ");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // While kiji is closed: one removed, two added (older than all), one edited, one renamed.
    fs::remove_file(root.path().join("a01.md")).expect("rm");
    fs::create_dir(root.path().join("moved")).expect("mkdir");
    fs::rename(root.path().join("a05.md"), root.path().join("moved/a05.md")).expect("mv");
    write_article(root.path(), 40, 2020);
    write_article(root.path(), 41, 2020);
    fs::write(
        root.path().join("a10.md"),
        "---\ntitle: Warm article 10, edited\ndate: 2026-01-11\n---\nLonger body now.\n",
    )
    .expect("edit");

    let mut s = start(&home, root.path());
    s.wait_for_text(" 28/28 ");
    s.wait_for_text("Warm article 10, edited");
    let counts = counts_per_frame(&s.output);
    assert_eq!(
        counts.first().copied().flatten(),
        Some((27, 27)),
        "the first frame is the cached list, whole: {counts:?}"
    );
    assert!(
        counts
            .iter()
            .all(|c| matches!(c, Some((n, total)) if n == total && (*n == 27 || *n == 28))),
        "every frame shows a whole list, never an empty or partial one: {counts:?}"
    );
    assert!(
        !s.screen().contains("Warm article 01"),
        "the removed file is gone"
    );
    assert!(
        s.screen().contains("Warm article 41"),
        "an added file is there"
    );
    assert!(
        s.screen().contains("Warm article 05"),
        "the renamed file is there, once: the count above is 28, not 29"
    );
    assert!(
        s.screen().contains("┐┌ Warm article 25 "),
        "the selection stayed on its article:\n{}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_folder_much_larger_than_its_cache_shows_the_cached_list_then_every_file() {
    let root = tempfile::tempdir().expect("root");
    for n in 1..=5 {
        write_article(root.path(), n, 2026);
    }
    let home = Home::new();
    let mut s = start(&home, root.path());
    s.wait_for_text(" 5/5 ");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // 495 more while kiji is closed, all older than the five it knows.
    for n in 6..=500 {
        write_article(root.path(), n, 2025);
    }
    let mut s = start(&home, root.path());
    s.wait_for_text(" 500/500 ");
    let counts = counts_per_frame(&s.output);
    assert_eq!(
        counts.first().copied().flatten(),
        Some((5, 5)),
        "the first frame is the cached list: {counts:?}"
    );
    assert!(
        counts
            .iter()
            .all(|c| matches!(c, Some((n, total)) if n == total && (*n == 5 || *n == 500))),
        "the cached list, then all of the folder, nothing partial: {counts:?}"
    );
    assert!(
        s.screen().contains("┐┌ Warm article 05 "),
        "the newest article is still the one selected:\n{}",
        s.screen()
    );
    // Nothing lost: the last file added is in the list (found by a search, as it is far
    // below the first page).
    assert!(!s.screen().contains("Warm article 499"));
    s.send("/");
    s.wait_for_text("enter keep");
    s.send("article 499");
    s.wait_for(" 1/500 and its title", |screen| {
        screen.contents().contains("Warm article 499") && count(screen) == Some((1, 500))
    });
    s.send("\x1b");
    s.wait_for_text(" 500/500 ");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_cache_of_another_format_is_never_shown_and_is_written_anew() {
    let root = tempfile::tempdir().expect("root");
    for n in 1..=3 {
        write_article(root.path(), n, 2026);
    }
    let home = Home::new();
    let mut s = start(&home, root.path());
    s.wait_for_text(" 3/3 ");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let meta = meta_file(&home);
    let mut bytes = fs::read(&meta).expect("the cache");
    let format = kiji::cache::FORMAT.to_le_bytes();
    assert_eq!(bytes[..4], format, "the cache starts with its format");

    // The cache as an earlier kiji would have left it: another format, and a title it no
    // longer matches (the file rewritten with the same size and time, so only the format
    // tells the cache is not to be used).
    bytes[..4].copy_from_slice(&(kiji::cache::FORMAT - 1).to_le_bytes());
    fs::write(&meta, &bytes).expect("an older cache");
    let file = root.path().join("a02.md");
    let mtime = fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("mtime");
    let text = fs::read_to_string(&file).expect("read");
    fs::write(&file, text.replace("Warm article 02", "Cold article 02")).expect("edit");
    fs::File::options()
        .write(true)
        .open(&file)
        .and_then(|f| f.set_modified(mtime))
        .expect("keep the time");

    let mut s = start(&home, root.path());
    s.wait_for_text("Cold article 02");
    s.wait_for_text(" 3/3 ");
    let stale = per_frame(&s.output, |screen| {
        screen.contents().contains("Warm article 02")
    });
    assert!(
        stale.iter().all(|shown| !shown),
        "no frame shows what the old cache says"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        fs::read(&meta).expect("the cache")[..4],
        format,
        "written anew in the current format"
    );
}

#[test]
fn a_large_folder_shows_the_related_articles_its_tag_lists_were_made_for_off_the_main_thread() {
    // More articles than the reader makes tag lists for before a snapshot is sent: the first
    // frame may show the body without its related articles, which follow when the lists are.
    let root = tempfile::tempdir().expect("root");
    for n in 1..=2_100 {
        write_article(root.path(), n, 2000 + (n / 28) as u32);
    }
    let home = Home::new();
    for run in ["cold", "warm"] {
        let mut s = start(&home, root.path());
        s.wait_for_text(" 2100/2100 ");
        s.wait_for_text(kiji::related::HEADING);
        let screen = s.parser.screen().contents();
        assert!(screen.contains("1. Warm article"), "{run}: {screen}");
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{run}");
    }
}
