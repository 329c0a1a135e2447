//! Tests of a scanner that draws from the cache first ([`Scanner::cache_first`]): the first
//! snapshot is the cache's list, and the walk after it corrects what changed.

use super::tests::{article, write};
use super::*;

fn titles(index: &Index) -> Vec<String> {
    let mut t: Vec<String> = index.articles().iter().map(|a| a.title.clone()).collect();
    t.sort();
    t
}

fn hits(index: &Index, query: &str) -> usize {
    let filter = crate::index::Filter {
        text: Some(query.into()),
        ..Default::default()
    };
    index.filter(&filter).len()
}

/// A root of four articles, scanned once so that the cache knows them.
fn cached_root() -> (
    tempfile::TempDir,
    tempfile::TempDir,
    Vec<PathBuf>,
    CacheFiles,
) {
    let root = tempfile::tempdir().expect("root");
    let cache_dir = tempfile::tempdir().expect("cache");
    write(root.path(), "one.md", &article("One", "first needle"));
    write(root.path(), "two.md", &article("Two", "second"));
    write(root.path(), "sub/three.md", &article("Three", "third"));
    write(root.path(), "kept.md", &article("Kept", "unchanged"));
    let roots = vec![root.path().to_path_buf()];
    let files = CacheFiles::new(cache_dir.path(), &roots, &LoadOptions::default());
    let mut cold = Scanner::new(roots.clone(), LoadOptions::default(), Some(files.clone()));
    cold.index();
    cold.save_cache().expect("save");
    (root, cache_dir, roots, files)
}

fn snapshots(scanner: &mut Scanner) -> Vec<Snapshot> {
    let mut snaps = Vec::new();
    scanner.scan(&mut |s| snaps.push(s));
    snaps
}

#[test]
fn the_first_snapshot_is_the_cache_and_nothing_follows_when_nothing_changed() {
    let (_root, _cache_dir, roots, files) = cached_root();
    let mut warm = Scanner::new(roots, LoadOptions::default(), Some(files)).cache_first();
    let snaps = snapshots(&mut warm);
    assert_eq!(snaps.len(), 1, "the walk found nothing to correct");
    assert_eq!(titles(&snaps[0].index), ["Kept", "One", "Three", "Two"]);
    assert_eq!(snaps[0].progress, Progress { done: 4, total: 4 });
    assert!(snaps[0].index.search_ready(), "the cache's search texts");
    assert!(
        snaps[0].index.search_slot().metadata_folded(),
        "the first search key folds nothing"
    );
    assert_eq!(hits(&snaps[0].index, "needle"), 1);
    assert!(!warm.unsaved, "nothing to write back");
}

#[test]
fn files_changed_while_closed_are_patched_in_by_the_walk_after_the_cached_list() {
    let (root, _cache_dir, roots, files) = cached_root();
    // Edited (a different size, so the change shows within one mtime tick), removed, added,
    // renamed.
    write(
        root.path(),
        "one.md",
        &article("One, revised", "first, longer"),
    );
    fs::remove_file(root.path().join("two.md")).expect("rm");
    write(root.path(), "four.md", &article("Four", "fourth needle"));
    fs::rename(root.path().join("sub/three.md"), root.path().join("3.md")).expect("mv");

    let mut warm = Scanner::new(roots, LoadOptions::default(), Some(files)).cache_first();
    let snaps = snapshots(&mut warm);
    assert_eq!(
        snaps.len(),
        2,
        "the cached list, then the corrected one, nothing partial"
    );
    let cached = &snaps[0];
    assert_eq!(titles(&cached.index), ["Kept", "One", "Three", "Two"]);
    assert!(
        cached.progress.is_complete(),
        "the cached list is the whole list"
    );
    let last = snaps.last().expect("a snapshot");
    assert_eq!(
        titles(&last.index),
        ["Four", "Kept", "One, revised", "Three"]
    );
    assert_eq!(last.progress, Progress { done: 4, total: 4 });
    assert!(
        last.index.position("two").is_none(),
        "the deleted file is gone"
    );
    assert!(
        last.index.position("3").is_some(),
        "the renamed file has its new id"
    );
    assert!(last.index.search_ready());
    assert_eq!(
        hits(&last.index, "needle"),
        1,
        "only the new file has it now"
    );
    assert!(warm.unsaved, "the cache is brought up to date");
}

#[test]
fn without_a_cache_the_scan_reads_the_files_as_usual() {
    let root = tempfile::tempdir().expect("root");
    let cache_dir = tempfile::tempdir().expect("cache");
    write(root.path(), "one.md", &article("One", "first"));
    let roots = vec![root.path().to_path_buf()];
    let files = CacheFiles::new(cache_dir.path(), &roots, &LoadOptions::default());
    let mut cold = Scanner::new(roots, LoadOptions::default(), Some(files)).cache_first();
    let snaps = snapshots(&mut cold);
    let last = snaps.last().expect("a snapshot");
    assert_eq!(titles(&last.index), ["One"]);
    assert!(last.progress.is_complete());
    assert!(snaps.iter().all(|s| !s.index.articles().is_empty()));
}

#[test]
fn a_cache_of_another_format_is_never_handed_out_and_is_written_anew() {
    let (root, _cache_dir, roots, files) = cached_root();
    // Rewritten with the same size and time: only the format tells the cache is out of date.
    let one = root.path().join("one.md");
    let mtime = fs::metadata(&one)
        .and_then(|m| m.modified())
        .expect("mtime");
    write(root.path(), "one.md", &article("Uno", "first needle"));
    fs::File::options()
        .write(true)
        .open(&one)
        .and_then(|f| f.set_modified(mtime))
        .expect("keep the time");
    let mut bytes = fs::read(&files.meta).expect("meta");
    assert_eq!(bytes[..4], crate::cache::FORMAT.to_le_bytes());
    bytes[..4].copy_from_slice(&(crate::cache::FORMAT - 1).to_le_bytes());
    fs::write(&files.meta, &bytes).expect("an older cache");

    let opts = LoadOptions::default();
    let mut reader = Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).cache_first();
    let snaps = snapshots(&mut reader);
    assert!(!snaps.is_empty());
    for s in &snaps {
        assert!(
            !titles(&s.index).contains(&"One".to_string()),
            "nothing of the old cache is shown: {:?}",
            titles(&s.index)
        );
    }
    let last = snaps.last().expect("a snapshot");
    assert_eq!(titles(&last.index), ["Kept", "Three", "Two", "Uno"]);
    assert!(last.progress.is_complete());
    reader.save_cache().expect("save");
    let bytes = fs::read(&files.meta).expect("meta");
    assert_eq!(
        bytes[..4],
        crate::cache::FORMAT.to_le_bytes(),
        "written anew"
    );

    // The next start draws from the new cache first.
    let mut next = Scanner::new(roots, opts, Some(files)).cache_first();
    let snaps = snapshots(&mut next);
    assert_eq!(snaps.len(), 1);
    assert_eq!(titles(&snaps[0].index), ["Kept", "Three", "Two", "Uno"]);
}
