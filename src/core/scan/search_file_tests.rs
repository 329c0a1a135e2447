//! Tests of the search texts a scan takes from the cache's mapped search file
//! ([`crate::search_file`]): the same hits as texts held on the heap, a changed file's text
//! held until the next cache write, and a file folded in a cold start written straight to it.

use super::tests::{article, write};
use super::*;

const QUERIES: [&str; 8] = [
    "needle",
    "ねこ",
    "ネコ",
    "neko",
    "ｔｅｒｍｉｎａｌ",
    "terminal ねこ",
    "\"second paragraph\"",
    "absent",
];

/// The positions each of [`QUERIES`] finds, by article id.
fn hits(index: &Index) -> Vec<Vec<String>> {
    QUERIES
        .iter()
        .map(|q| {
            let filter = crate::index::Filter {
                text: Some((*q).into()),
                ..Default::default()
            };
            let mut ids: Vec<String> = index
                .filter(&filter)
                .into_iter()
                .map(|i| index.articles()[i].id.clone())
                .collect();
            ids.sort();
            ids
        })
        .collect()
}

fn root_of_articles() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("root");
    write(
        root.path(),
        "one.md",
        &article("One", "a needle in **hay**"),
    );
    write(root.path(), "two.md", &article("二", "ネコと Terminal"));
    write(
        root.path(),
        "three.md",
        &article("Three", "first\n\nsecond paragraph"),
    );
    write(root.path(), "four.md", &article("ねこ", "ｎｅｅｄｌｅ"));
    root
}

/// The last snapshot's index of a scan.
fn scanned(scanner: &mut Scanner) -> Index {
    let mut last = None;
    scanner.scan(&mut |s| last = Some(s.index));
    last.expect("a snapshot")
}

#[test]
fn a_reader_maps_the_texts_it_folds_and_finds_what_held_texts_find() {
    let root = root_of_articles();
    let cache_dir = tempfile::tempdir().expect("cache");
    let roots = vec![root.path().to_path_buf()];
    let opts = LoadOptions::default();
    let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
    let held = crate::index::Index::new(crate::loader::load(&roots, &opts));
    let expected = hits(&held);
    assert_eq!(expected[0], ["four", "one"], "the queries find something");

    // A cold start folds straight into the search file and maps it.
    let mut cold = Scanner::new(roots.clone(), opts.clone(), Some(files.clone()));
    let index = scanned(&mut cold);
    assert!(files.search.exists(), "written before the scan ends");
    assert_eq!(index.texts_mapped(), Some(vec![true; 4]));
    assert_eq!(hits(&index), expected);
    cold.save_cache().expect("save");

    // A warm start maps the file the cold one left.
    let mut warm = Scanner::new(roots, opts, Some(files)).cache_first();
    let index = scanned(&mut warm);
    assert_eq!(index.texts_mapped(), Some(vec![true; 4]));
    assert_eq!(hits(&index), expected);
}

#[test]
fn a_changed_file_is_held_until_the_next_cache_write_then_mapped() {
    let root = root_of_articles();
    let cache_dir = tempfile::tempdir().expect("cache");
    let roots = vec![root.path().to_path_buf()];
    let opts = LoadOptions::default();
    let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
    let mut cold = Scanner::new(roots.clone(), opts.clone(), Some(files.clone()));
    scanned(&mut cold);
    cold.save_cache().expect("save");

    // One file changes while kiji is closed; a searching listing reads it (folding its text
    // on the heap) and takes the others from the mapped file.
    write(
        root.path(),
        "one.md",
        &article("One", "a pin in the hay, now"),
    );
    let mut listing = Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).listing(true);
    let index = listing.index();
    let one = index.position("one").expect("one");
    let mapped = index.texts_mapped().expect("texts");
    assert!(!mapped[one], "the changed file's text is held");
    assert_eq!(mapped.iter().filter(|m| **m).count(), 3);
    let held = crate::index::Index::new(crate::loader::load(&roots, &opts));
    let expected = hits(&held);
    assert_eq!(expected[0], ["four"], "the old text is not found");
    assert_eq!(hits(&index), expected);

    // The cache write copies the mapped texts and writes the held one; the next start maps
    // them all, the old file replaced under the index that still maps it.
    listing.save_cache().expect("save");
    assert_eq!(hits(&index), expected, "the old mapping is still whole");
    let mut warm = Scanner::new(roots, opts, Some(files)).cache_first();
    let index = scanned(&mut warm);
    assert_eq!(index.texts_mapped(), Some(vec![true; 4]));
    assert_eq!(hits(&index), expected);
}

#[test]
fn a_search_file_that_cannot_be_written_leaves_the_texts_held() {
    let root = root_of_articles();
    let cache_dir = tempfile::tempdir().expect("cache");
    let roots = vec![root.path().to_path_buf()];
    let opts = LoadOptions::default();
    let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
    // Where the cache's folder should be, a file: nothing can be written under it.
    fs::write(cache_dir.path().join("index"), "in the way").expect("block");
    let mut scanner = Scanner::new(roots.clone(), opts.clone(), Some(files));
    let index = scanned(&mut scanner);
    assert_eq!(index.texts_mapped(), Some(vec![false; 4]));
    let held = crate::index::Index::new(crate::loader::load(&roots, &opts));
    assert_eq!(hits(&index), hits(&held));
    assert!(scanner.save_cache().is_err(), "and the save says so");
}
