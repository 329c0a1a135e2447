//! Bytes the real binary writes to the terminal per key, in a pseudo-terminal at 120x40:
//! paging the body, filtering by a tag (`1`, then `T`), and typing a search query. With
//! `--nocapture` each test prints its figures (BENCHMARKS.md, "Reader keystrokes").
//!
//! Folders: paging runs on the bundled samples (`articles/`, which have articles longer than
//! a screen), the tag filter and search on `tests/fixtures/reader`; `KIJI_CORPUS=DIR` runs
//! all of them on DIR instead (e.g. `../shared/corpus/technyan-2025`), and `KIJI_CORPUS_QUERY`
//! sets the letters typed into the search (default `term`).
//!
//! The assertions are about bytes, never time: a key that changes nothing writes nothing, a
//! page writes less than a full frame, and each key's frame is a diff (bounded by the cells
//! that changed), not a redraw.

use crate::pty;

use std::path::{Path, PathBuf};

use crate::pty::{Session, changed_cells, count};
use kiji::index::Index;
use kiji::loader::{self, LoadOptions};

const COLS: u16 = 120;
const ROWS: u16 = 40;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// KIJI_CORPUS, else `default` under the repository.
fn root_or(default: &str) -> PathBuf {
    std::env::var_os("KIJI_CORPUS").map_or_else(|| manifest().join(default), PathBuf::from)
}

fn index_of(root: &Path) -> Index {
    Index::new(loader::load(
        std::slice::from_ref(&root.to_path_buf()),
        &LoadOptions::default(),
    ))
}

/// Start the reader on `root` and wait for its first full frame; returns the session and the
/// bytes of that frame (everything written so far, the terminal set-up included).
fn start(root: &Path) -> (Session, usize) {
    let root_s = root.to_string_lossy().into_owned();
    // Pictures off: one arriving from the worker between two keys would be counted with the
    // second (pictures' bytes are measured in `pictures_pty`).
    let mut s = Session::start(&[&root_s, "--images", "off"], manifest(), COLS, ROWS, &[]);
    s.wait_for_frames(0, 1);
    s.wait_for_text("q quit");
    settle(&mut s);
    let first = s.output.len();
    (s, first)
}

/// Send `keys` and wait for one frame; the bytes written for it.
fn key(s: &mut Session, keys: &str) -> usize {
    let mark = s.output.len();
    s.send(keys);
    s.wait_for_frames(mark, 1);
    s.output.len() - mark
}

/// Select the article at `row` of the unfiltered list (newest first) and open it.
fn open_row(s: &mut Session, row: usize) {
    if row > 0 {
        s.send(&"j".repeat(row));
    }
    s.send("\r");
    s.wait_for_text("esc back");
    settle(s);
}

/// Wait for the end of a frame whose text has already been seen, so that the next mark
/// starts after it.
fn settle(s: &mut Session) {
    let end = pty::FRAME_END;
    let last_end = s
        .output
        .windows(end.len())
        .rposition(|w| w == end)
        .map_or(0, |i| i + end.len());
    if last_end < s.output.len() {
        s.wait_for_frames(last_end, 1);
    }
}

/// What a diff may cost: per changed cell at most a cursor move (`ESC[yy;xxxH`), a change of
/// emphasis and the glyph (scattered one-cell changes, like search highlights, cost about 8
/// bytes a cell; runs of changed text about 3); plus the frame's own sequences and the
/// status bar's colours. A redraw would write every cell of the screen, changed or not.
const fn diff_bound(cells: usize) -> usize {
    cells * 12 + 256
}

#[test]
fn paging_the_body_writes_less_than_a_frame() {
    let root = root_or("articles");
    let index = index_of(&root);
    let (row, longest) = index
        .articles()
        .iter()
        .enumerate()
        .max_by_key(|(_, a)| a.body_len_bound())
        .expect("articles to read");
    let id = longest.id.clone();
    let (mut s, first_frame) = start(&root);
    open_row(&mut s, row);

    let mut pages = Vec::new();
    for _ in 0..3 {
        let before = s.parser.screen().clone();
        let bytes = key(&mut s, " ");
        pages.push((bytes, changed_cells(&before, s.parser.screen())));
    }
    for &(bytes, cells) in &pages {
        assert!(bytes > 0, "a page down wrote nothing");
        assert!(
            bytes < first_frame,
            "a page wrote {bytes} bytes; a full frame is {first_frame}"
        );
        assert!(
            bytes <= diff_bound(cells),
            "a page wrote {bytes} bytes for {cells} changed cells"
        );
    }
    let back = key(&mut s, "b");
    assert!(back > 0 && back < first_frame, "page up wrote {back} bytes");

    // At the end of the article `G` changes nothing: `G` then `k` writes exactly what `k`
    // alone writes from the same place. (`space` there goes on to the next unread article.)
    key(&mut s, "G");
    let up = key(&mut s, "k");
    key(&mut s, "G");
    let noop_then_up = key(&mut s, "Gk");
    assert_eq!(
        noop_then_up,
        up,
        "`G` at the end wrote {} bytes",
        noop_then_up as i64 - up as i64
    );
    eprintln!(
        "paging {id} at {COLS}x{ROWS} in {}: full first frame {first_frame} bytes; space (page down): {} bytes; b (page up): {back} bytes; G at the end: 0 bytes",
        root.display(),
        pages
            .iter()
            .map(|(b, c)| format!("{b} ({c} cells)"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn filtering_by_tag_and_searching_write_diffs() {
    let root = root_or("tests/fixtures/reader");
    let index = index_of(&root);
    // The newest article with a tag that not every article has (so `1` narrows the list).
    let total = index.articles().len();
    let (row, article) = index
        .articles()
        .iter()
        .enumerate()
        .find(|(_, a)| {
            a.tags.first().is_some_and(|t| {
                let f = kiji::index::Filter {
                    tags: vec![t.clone()],
                    ..Default::default()
                };
                index.filter(&f).len() < total
            })
        })
        .expect("an article whose first tag narrows the list");
    let tag = article.tags[0].clone();
    let (mut s, first_frame) = start(&root);
    open_row(&mut s, row);

    // `1`: filter by the article's first tag.
    let before = s.parser.screen().clone();
    let filter = key(&mut s, "1");
    let filter_cells = changed_cells(&before, s.parser.screen());
    let (shown, all) = count(s.parser.screen()).expect("a count");
    assert!(
        shown < all,
        "the tag {tag:?} narrowed the list: {shown}/{all}"
    );
    // `T`: every article again.
    let before = s.parser.screen().clone();
    let clear = key(&mut s, "T");
    let clear_cells = changed_cells(&before, s.parser.screen());
    assert_eq!(count(s.parser.screen()), Some((all, all)));
    // `1` again, then `1` with that tag already in force (changes nothing) and `T`: exactly
    // the bytes of `T` alone.
    key(&mut s, "1");
    let noop_then_clear = key(&mut s, "1T");
    assert_eq!(
        noop_then_clear,
        clear,
        "`1` with its tag already in force wrote {} bytes",
        noop_then_clear as i64 - clear as i64
    );
    for (what, bytes, cells) in [("1", filter, filter_cells), ("T", clear, clear_cells)] {
        assert!(bytes > 0, "`{what}` wrote nothing");
        assert!(
            bytes <= diff_bound(cells),
            "`{what}` wrote {bytes} bytes for {cells} changed cells"
        );
    }

    // Search from the list: `/`, then one letter at a time.
    key(&mut s, "\x1b");
    let query = std::env::var("KIJI_CORPUS_QUERY").unwrap_or_else(|_| "term".into());
    let open = key(&mut s, "/");
    assert!(open > 0 && open < first_frame, "`/` wrote {open} bytes");
    let mut typed = Vec::new();
    let mut so_far = String::new();
    for c in query.chars() {
        so_far.push(c);
        let before = s.parser.screen().clone();
        let bytes = key(&mut s, c.encode_utf8(&mut [0; 4]));
        let cells = changed_cells(&before, s.parser.screen());
        let hits = count(s.parser.screen()).map_or(0, |c| c.0);
        assert!(bytes > 0, "typing {c:?} wrote nothing");
        assert!(
            bytes <= diff_bound(cells),
            "typing {c:?} wrote {bytes} bytes for {cells} changed cells"
        );
        typed.push(format!("{so_far:?} {bytes} ({cells} cells, {hits} shown)"));
    }
    eprintln!(
        "filtering and search at {COLS}x{ROWS} in {} ({all} articles): full first frame {first_frame} bytes; `1` (tag {tag:?}, {shown} shown): {filter} bytes ({filter_cells} cells); `T`: {clear} bytes ({clear_cells} cells); `1` again with the tag in force: 0 bytes; `/`: {open} bytes; typing: {}",
        root.display(),
        typed.join(", ")
    );
    // Esc closes the prompt (sent alone: Esc then `q` at once would read as Alt-q).
    key(&mut s, "\x1b");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
