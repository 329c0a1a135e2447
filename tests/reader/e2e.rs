//! End-to-end: the real binary in a pseudo-terminal, its screen read back through a terminal
//! emulator. Runs on tests/fixtures/reader; set KIJI_CORPUS to a folder (e.g.
//! ../shared/corpus/technyan-2025) and KIJI_CORPUS_TAG to a tag in it to run the scenario there.

use std::path::{Path, PathBuf};

use crate::pty::{Session, changed_cells};

fn root() -> (PathBuf, String) {
    match std::env::var_os("KIJI_CORPUS") {
        Some(p) => (
            PathBuf::from(p),
            std::env::var("KIJI_CORPUS_TAG").unwrap_or_else(|_| "claude".into()),
        ),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader"),
            "term".into(),
        ),
    }
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn status_counts(s: &Session) -> (usize, usize) {
    let rows = s.parser.screen().size().0.get();
    let status = s.row(rows - 1);
    let counts = status.split_whitespace().next().unwrap_or("");
    let (a, b) = counts.split_once('/').unwrap_or(("0", "0"));
    (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
}

/// Wait for the status bar with every file read: on a folder larger than the fixtures (see
/// `KIJI_CORPUS`) the list is shown while files are still being read, and grows.
fn wait_for_the_whole_list(s: &mut Session) {
    s.wait_for("the status bar, every file read", |sc| {
        let c = sc.contents();
        c.contains("q quit") && !c.contains(" reading ")
    });
}

#[test]
fn filter_by_tag_then_clear_then_quit() {
    let (root, tag) = root();
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[]);
    wait_for_the_whole_list(&mut s);
    let (shown, total) = status_counts(&s);
    assert_eq!(shown, total);
    assert!(total >= 4);
    assert!(
        s.screen().contains("テクにゃん"),
        "mascot sidebar at 120x40"
    );

    s.send("t");
    s.wait_for_text("Tags · AND");
    s.send(&tag);
    s.wait_for_text(&format!("> {tag}"));
    s.send(" ");
    s.wait_for_text("1 selected");
    s.send("\r");
    let unfiltered = format!(" {total}/{total} ");
    s.wait_for("the filter chip and the new count", move |sc| {
        let c = sc.contents();
        let title_has_chip = c.lines().next().is_some_and(|l| l.contains(" #"));
        let status = c.lines().last().unwrap_or("");
        title_has_chip && status.contains('/') && !status.contains(&unfiltered)
    });
    let (filtered, total2) = status_counts(&s);
    assert_eq!(total2, total);
    assert!(filtered > 0 && filtered < total, "{filtered}/{total}");

    // The list holds exactly the filtered articles: compare with `kiji list --tag`.
    let chip = s.row(0);
    let tag_name = chip
        .split(" #")
        .nth(1)
        .map(|t| t.trim().to_string())
        .unwrap_or_default();
    let cache = tempfile::tempdir().expect("cache dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(["list", &root_s, "--tag", &tag_name])
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("kiji list");
    let expected = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(
        filtered, expected,
        "reader and `kiji list --tag {tag_name}` disagree"
    );

    s.send("T");
    s.wait_for("all articles back", |sc| {
        sc.contents().contains(&format!(" {total}/{total} "))
    });

    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "cursor shown again");
}

#[test]
fn resizing_to_40x12_and_back() {
    let (root, _) = root();
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[]);
    s.wait_for_text("テクにゃん");
    s.resize(40, 12);
    s.wait_for("one pane at 40x12", |sc| {
        let c = sc.contents();
        !c.contains("テクにゃん")
            && c.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with('┌') && l.trim_end().ends_with('┐'))
    });
    s.send("\r");
    s.wait_for("the article alone", |sc| sc.contents().contains("esc back"));
    s.resize(19, 5);
    s.wait_for_text("terminal too small");
    s.resize(120, 40);
    s.wait_for("three panes again", |sc| {
        sc.contents().contains("テクにゃん") && sc.contents().contains("Articles")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn keys_that_change_nothing_write_nothing_and_moves_write_little() {
    let (root, _) = root();
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[]);
    s.wait_for_frames(0, 1);
    wait_for_the_whole_list(&mut s);
    let first_frame = s.output.len();

    // `j` from the first row: one frame, writing only the cells that changed.
    let before = s.parser.screen().clone();
    let mark = s.output.len();
    s.send("j");
    s.wait_for_frames(mark, 1);
    let move_bytes = s.output.len() - mark;
    let changed = changed_cells(&before, s.parser.screen());

    // Back to the first row through the third: keys this close together are key repeat, so
    // the body follows once they pause (at least 100 ms after the last move), and the `j`
    // below, sent after that, is a single key again whatever the machine's speed.
    s.send("jkk");
    let body_then = before.contents_between(1, 40, 38, 90);
    s.wait_for("the first row's article in the body again", |sc| {
        sc.contents_between(1, 40, 38, 90) == body_then
    });
    s.wait_for_output("the end of that frame", |o| {
        o.ends_with(crate::pty::FRAME_END)
    });

    // `k` on the first row changes nothing; the `j` after it draws the same frame as before,
    // so every byte written belongs to that `j`.
    let mark = s.output.len();
    s.send("kj");
    s.wait_for_frames(mark, 1);
    let noop_then_move = s.output.len() - mark;
    assert_eq!(
        noop_then_move,
        move_bytes,
        "`k` on the first row wrote {} bytes",
        noop_then_move as i64 - move_bytes as i64
    );
    assert!(
        move_bytes < first_frame,
        "moving wrote {move_bytes} bytes; a full frame is {first_frame}"
    );
    // A redrawn screen would cost the whole frame; a diff costs a few bytes per changed cell
    // (up to 3 bytes of UTF-8, plus cursor moves and colours where runs start).
    assert!(
        move_bytes <= changed * 4 + 256,
        "moving wrote {move_bytes} bytes for {changed} changed cells"
    );
    eprintln!(
        "full first frame: {first_frame} bytes; moving the selection: {move_bytes} bytes for {changed} changed cells of {}; no-op key: 0 bytes",
        120 * 40
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn translation_key_switches_between_ja_and_en_and_back() {
    let root = manifest().join("tests/fixtures/reader");
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[]);
    s.wait_for_text("q quit");
    s.send("\r"); // the newest article: long-title/en
    s.wait_for_text("[en] · ja");
    s.send("L");
    s.wait_for_text("en · [ja]");
    s.send("L");
    s.wait_for_text("[en] · ja");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn category_picker_with_the_tag_filter_active() {
    let root = manifest().join("tests/fixtures/reader");
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[]);
    s.wait_for_text("q quit");
    s.send("t");
    s.wait_for_text("Tags · AND");
    s.send("unicode");
    s.wait_for_text("> unicode");
    s.send(" ");
    s.wait_for_text("1 selected");
    s.send("\r");
    s.wait_for(" 3/4 with the #Unicode chip", |sc| {
        let c = sc.contents();
        c.contains(" 3/4 ") && c.lines().next().is_some_and(|l| l.contains("#Unicode"))
    });
    s.send("c");
    s.wait_for_text("Category · one choice");
    assert!(s.screen().contains("@Terminal"), "{}", s.screen());
    assert!(!s.screen().contains("@Community"), "{}", s.screen());
    s.send("term");
    s.wait_for_text("> term");
    s.send("\r");
    s.wait_for("both chips and 2/4", |sc| {
        let c = sc.contents();
        let title = c.lines().next().unwrap_or("").to_string();
        c.contains(" 2/4 ") && title.contains("#Unicode") && title.contains("@Terminal")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// The date headings of the list pane (`2026-11-01 (2)` at the start of a row): (date, count).
fn date_headings(s: &Session) -> Vec<(String, usize)> {
    let rows = s.parser.screen().size().0.get();
    (1..rows - 1)
        .filter_map(|y| {
            let row = s.row(y);
            let inner = row.trim_start().strip_prefix('│')?;
            let (date, rest) = inner.split_once(' ')?;
            let is_date = date.len() == 10
                && date.chars().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            let count = rest.strip_prefix('(')?.split_once(')')?.0.parse().ok()?;
            is_date.then(|| (date.to_string(), count))
        })
        .collect()
}

#[test]
fn date_grouping_with_the_tag_and_category_filters() {
    let root = manifest().join("tests/fixtures/reader");
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[]);
    s.wait_for_text("q quit");
    s.send("t");
    s.wait_for_text("Tags · AND");
    s.send("unicode");
    s.wait_for_text("> unicode");
    s.send(" ");
    s.wait_for_text("1 selected");
    s.send("\r");
    s.wait_for(" 3/4 with the #Unicode chip", |sc| {
        let c = sc.contents();
        c.contains(" 3/4 ") && c.lines().next().is_some_and(|l| l.contains("#Unicode"))
    });
    assert!(date_headings(&s).is_empty(), "{}", s.screen());
    // Before a category: 3 articles under two dates.
    s.send("D");
    s.wait_for("grouped chip", |sc| {
        sc.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains("grouped"))
    });
    let headings = date_headings(&s);
    assert_eq!(
        headings,
        [("2026-11-01".to_string(), 2), ("2026-10-15".to_string(), 1)],
        "{}",
        s.screen()
    );
    assert_eq!(
        headings.iter().map(|h| h.1).sum::<usize>(),
        status_counts(&s).0
    );
    s.send("D");
    s.wait_for("ungrouped", |sc| {
        !sc.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains("grouped"))
    });
    assert!(date_headings(&s).is_empty(), "{}", s.screen());
    // Then the category picker: Enter applies the entry under the cursor.
    s.send("c");
    s.wait_for_text("Category · one choice");
    s.send("term");
    s.wait_for_text("> term");
    s.send("\r");
    s.wait_for("both chips and 2/4", |sc| {
        let c = sc.contents();
        let title = c.lines().next().unwrap_or("").to_string();
        c.contains(" 2/4 ") && title.contains("#Unicode") && title.contains("@Terminal")
    });
    s.send("D");
    s.wait_for("grouped chip", |sc| {
        sc.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains("grouped"))
    });
    let title = s.row(0);
    assert!(title.contains("#Unicode"), "{title}");
    assert!(title.contains("@Terminal"), "{title}");
    let headings = date_headings(&s);
    assert_eq!(headings, [("2026-11-01".to_string(), 2)], "{}", s.screen());
    let (shown, total) = status_counts(&s);
    assert_eq!((shown, total), (2, 4));
    assert_eq!(headings.iter().map(|h| h.1).sum::<usize>(), shown);
    // By title: no headings, and the chip says so.
    s.send("O");
    s.wait_for("by title chip", |sc| {
        sc.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains("by title"))
    });
    assert!(date_headings(&s).is_empty(), "{}", s.screen());
    assert!(!s.row(0).contains("grouped"), "{}", s.row(0));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn link_list_copies_a_url_with_osc_52() {
    let root = manifest().join("articles");
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[]);
    s.wait_for_text("q quit");
    s.send("z"); // ja only
    s.wait_for("the lang:ja chip", |sc| sc.contents().contains("lang:ja"));
    // The offline-reading guide has links: select it (its row among the ja articles).
    let index = kiji::index::Index::new(kiji::loader::load(
        std::slice::from_ref(&root),
        &kiji::loader::LoadOptions::default(),
    ));
    let filter = kiji::index::Filter {
        locale: Some("ja".into()),
        ..Default::default()
    };
    let target = index
        .position("20260318/offline-news-reader-guide/ja")
        .expect("sample article");
    let row = index
        .filter(&filter)
        .iter()
        .position(|&p| p == target)
        .expect("in the ja list");
    s.send(&"j".repeat(row));
    s.send("o");
    s.wait_for_text("[1] https://example.com/images/offline-reader-screenshot.png");
    s.send("1");
    s.wait_for_text("[1] copied to the clipboard");
    let expected = b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLmNvbS9pbWFnZXMvb2ZmbGluZS1yZWFkZXItc2NyZWVuc2hvdC5wbmc=\x07";
    assert!(
        s.output.windows(expected.len()).any(|w| w == expected),
        "OSC 52 sequence written"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn no_color_output_has_no_colour_sequences() {
    let (root, _) = root();
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 120, 40, &[("NO_COLOR", "1")]);
    s.wait_for_text("q quit");
    s.send("j");
    s.send("\r");
    s.wait_for_text("esc back");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let out = String::from_utf8_lossy(&s.output).into_owned();
    for seq in out.split('\x1b').skip(1) {
        if let Some(params) = seq
            .strip_prefix('[')
            .and_then(|r| r.split_once('m'))
            .map(|(p, _)| p)
        {
            if params.chars().all(|c| c.is_ascii_digit() || c == ';') {
                for p in params.split(';').filter(|p| !p.is_empty()) {
                    let n: u16 = p.parse().unwrap_or(0);
                    assert!(
                        !(30..=49).contains(&n) && !(90..=107).contains(&n) || n == 39 || n == 49,
                        "colour sequence ESC[{params}m under NO_COLOR"
                    );
                }
            }
        }
    }
}

#[test]
fn ascii_mode_draws_borders_and_marks_in_ascii() {
    let (root, _) = root();
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s, "--ascii"], manifest(), 120, 40, &[]);
    s.wait_for_text("q quit");
    let screen = s.screen();
    // The chrome: the top and bottom border rows, the list pane (borders, marks, ellipses) and
    // the last column. Article text may hold anything.
    let sc = s.parser.screen();
    let mut chrome = sc.contents_between(1, 0, 1, 120) + &sc.contents_between(38, 0, 38, 120);
    for y in 2..38 {
        chrome += &sc.contents_between(y, 0, y, 40);
        chrome += &sc.contents_between(y, 119, y, 120);
    }
    let drawn: Vec<char> = chrome
        .chars()
        .filter(|c| matches!(*c as u32, 0x2500..=0x259F) || "•★…▲▼▏".contains(*c))
        .collect();
    assert!(drawn.is_empty(), "non-ASCII chrome {drawn:?} in:\n{screen}");
    assert!(
        screen.lines().nth(1).is_some_and(|l| l.starts_with('+')),
        "{screen}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
