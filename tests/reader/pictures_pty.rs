//! Pictures in a pseudo-terminal, through the real binary: `--images off` writes no picture
//! escape sequence, `--images kitty` transmits the sample article's picture once and not
//! again when the body scrolls a line with the picture still on screen, a missing picture
//! shows its alt text, and `mascot_image` draws the mascot's picture in the sidebar (or the
//! drawing and a notice naming the file when it is missing).

use std::path::Path;

use crate::pictures_fixture::{COLOURS, folder};
use crate::pty::Session;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> String {
    manifest()
        .join("articles/20261202/terminal-pictures")
        .to_string_lossy()
        .into_owned()
}

fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Open the first article of `root` with `--images mode` at 120x40.
fn open(root: &str, mode: &str, extra: &[&str]) -> Session {
    let mut args = vec![root, "--images", mode];
    args.extend_from_slice(extra);
    let mut s = Session::start(&args, manifest(), 120, 40, &[]);
    s.wait_for_text("q quit");
    s.send("\r");
    s.wait_for_text("esc back");
    s
}

#[test]
fn images_off_writes_no_picture_bytes() {
    let mut s = open(&sample(), "off", &[]);
    s.wait_for_text("reading pipeline");
    s.send("jjjj");
    s.wait_for_text("Four ways to draw");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    for seq in [&b"\x1b_G"[..], b"\x1b]1337", b"\x1bP"] {
        assert_eq!(occurrences(&s.output, seq), 0, "{seq:?} written");
    }
    assert!(!s.screen().contains("loading"));
}

#[test]
fn kitty_transmits_a_picture_once_and_not_again_on_a_scroll() {
    let mut s = open(&sample(), "kitty", &[]);
    // The status bar says what it cost once it was sent.
    s.wait_for("the cost in the status bar", |scr| {
        scr.contents()
            .lines()
            .last()
            .is_some_and(|l| l.contains("picture "))
    });
    let transmits = occurrences(&s.output, b"a=T");
    assert_eq!(transmits, 1, "one transmit");
    let commands = occurrences(&s.output, b"\x1b_G");
    assert!(commands >= 1);
    let status = s.row(39);
    assert!(status.contains("kB"), "{status}");
    let mark = s.output.len();
    s.send("j");
    s.wait_for_frames(mark, 1);
    s.wait_for("the notice gone after the key", |scr| {
        !scr.contents()
            .lines()
            .last()
            .is_some_and(|l| l.contains("picture "))
    });
    assert_eq!(
        occurrences(&s.output, b"\x1b_G"),
        commands,
        "nothing sent again"
    );
    // The picture's cells are still placed: kitty's placeholder character is on screen.
    assert!(
        occurrences(&s.output[mark..], "\u{10EEEE}".as_bytes()) > 0,
        "the placement moved a line"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_missing_picture_shows_its_alt_text() {
    let dir = folder();
    let root = dir.path().to_string_lossy().into_owned();
    let mut s = Session::start(&[&root, "--images", "halfblocks"], manifest(), 120, 40, &[]);
    s.wait_for_text("q quit");
    s.send("j\r");
    s.wait_for_text("the diagram that is not there");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Start on `root` with a configuration in `cfg_dir` that sets `mascot_image: picture`, at
/// 140x40 (the sidebar is shown).
fn with_mascot(root: &str, picture: &Path, cfg_dir: &Path) -> Session {
    let config = cfg_dir.join("config.yaml");
    std::fs::write(
        &config,
        format!("mascot_image: {}\n", picture.to_string_lossy()),
    )
    .expect("write config");
    let config_s = config.to_string_lossy().into_owned();
    // In true colour, so that the picture's own colours are on screen.
    Session::start(
        &[root, "--images", "halfblocks", "--config", &config_s],
        manifest(),
        140,
        40,
        &[("COLORTERM", "truecolor")],
    )
}

#[test]
fn the_mascot_picture_takes_the_drawings_place() {
    let dir = folder();
    let root = dir.path().to_string_lossy().into_owned();
    let cfg = tempfile::tempdir().expect("temp dir");
    let mut s = with_mascot(&root, &dir.path().join("quarters.png"), cfg.path());
    let [r, g, b] = COLOURS[0];
    s.wait_for("the mascot picture's red quarter in the sidebar", |scr| {
        (0..40).any(|y| {
            (110..140).any(|x| {
                scr.cell(y, x)
                    .is_some_and(|c| c.bgcolor() == vt100::Color::Rgb(r, g, b))
            })
        })
    });
    assert!(!s.screen().contains("/\\_/\\"), "{}", s.screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_missing_mascot_picture_leaves_the_drawing_and_says_which_file() {
    let dir = folder();
    let root = dir.path().to_string_lossy().into_owned();
    let cfg = tempfile::tempdir().expect("temp dir");
    let mut s = with_mascot(&root, &dir.path().join("no-cat.png"), cfg.path());
    s.wait_for_text("no-cat.png");
    s.wait_for_text("/\\_/\\");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Start on `root` at 120x40 with `images: auto` in a terminal the environment says nothing
/// about, answering nothing by itself: the test plays the terminal's replies. Returns once
/// the reader has asked.
fn asked(root: &str) -> Session {
    let mut s = Session::start(&[root], manifest(), 120, 40, &[]);
    s.answers_cursor_requests = false;
    s.wait_for_output("the graphics query", |out| {
        occurrences(out, b"a=q") == 1 && occurrences(out, b"\x1b[c") == 1
    });
    s
}

#[test]
fn a_terminal_that_answers_kitty_gets_kitty_pictures() {
    let mut s = asked(&sample());
    s.send("\x1b_Gi=31;OK\x1b\\\x1b[?62;22c");
    s.wait_for_output("a kitty transmit", |out| occurrences(out, b"a=T") == 1);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn keys_typed_while_asking_work_and_a_late_reply_is_swallowed() {
    let dir = folder();
    std::fs::write(
        dir.path().join("c-oldest.md"),
        "---\ntitle: Oldest\ndate: 2026-11-01\n---\n\nNo picture.\n",
    )
    .expect("write");
    let root = dir.path().to_string_lossy().into_owned();
    let mut s = asked(&root);
    // Typed while the input thread reads the replies itself. (The body pane's title is the
    // selected article's.)
    s.send("j");
    s.wait_for_text("┌ Gone picture");
    // The terminal never answered: once the wait is over, half blocks are drawn.
    s.send("k");
    s.wait_for_text("┌ Four colours");
    s.wait_for("the picture's cost in the status bar", |scr| {
        scr.contents()
            .lines()
            .last()
            .is_some_and(|l| l.contains("picture "))
    });
    // kitty's reply, late: were it taken for keys, its `G` would select the last article
    // and the `j` after it would stay there.
    s.send("\x1b_Gi=31;OK\x1b\\");
    s.send("j");
    s.wait_for_text("┌ Gone picture");
    assert!(!s.screen().contains("┌ Oldest"));
    assert_eq!(occurrences(&s.output, b"a=T"), 0, "the fallback stays");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Bytes of opening the sample article (until the picture is drawn and its cost shown) and
/// of paging past its picture, for half blocks and kitty; printed with `--nocapture`. A page
/// never sends the picture again.
#[test]
fn bytes_of_opening_the_sample_and_paging_past_its_picture() {
    for mode in ["halfblocks", "kitty"] {
        let mut s = Session::start(&[&sample(), "--images", mode], manifest(), 120, 40, &[]);
        s.wait_for_text("q quit");
        s.wait_for("the preview's picture", |scr| {
            scr.contents()
                .lines()
                .last()
                .is_some_and(|l| l.contains("picture "))
        });
        let before_open = s.output.len();
        let cost = s.row(39);
        s.send("\r");
        s.wait_for_text("esc back");
        let mark = s.output.len();
        s.send(" ");
        s.wait_for_frames(mark, 1);
        s.wait_for("the picture paged out", |scr| {
            !scr.contents().contains("Figure 1")
        });
        let page = s.output.len() - mark;
        let mark = s.output.len();
        s.send(" ");
        s.wait_for_frames(mark, 1);
        let second_page = s.output.len() - mark;
        assert_eq!(occurrences(&s.output[before_open..], b"a=T"), 0, "{mode}");
        eprintln!(
            "{mode}: first frame with the preview's picture {before_open} bytes ({}), \
             page past the picture {page} bytes, next page {second_page} bytes",
            cost.split("  ")
                .find(|p| p.contains("picture"))
                .unwrap_or("")
                .trim()
        );
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn the_bundled_samples_picture_is_drawn_where_there_is_no_articles_folder() {
    // Run where there is no `articles/`: the reader reads the samples built into kiji, whose
    // paths (`articles/…`) exist nowhere, so the diagram must come from memory too.
    let cwd = tempfile::tempdir().expect("temp dir");
    let home = crate::pty::Home::new();
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut s = Session::start(&["--images", "halfblocks"], cwd.path(), 120, 40, &env);
    s.wait_for_text("q quit");
    // The newest sample, first in the list and in the preview, has the diagram.
    s.wait_for("the diagram's half blocks in the preview", |scr| {
        (0..40).any(|y| {
            (40..100).any(|x| {
                scr.cell(y, x)
                    .is_some_and(|c| matches!(c.contents(), "▀" | "▄"))
            })
        })
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_terminal_dropped_while_a_ctrl_z_waits_for_the_graphics_answer_ends_kiji_with_sighups_status() {
    // Ctrl-Z before the terminal answers is kept until it does (so the answer is not left to
    // the shell); a terminal that goes away meanwhile must end kiji as any hangup does, not
    // leave it waiting to suspend.
    let mut s = asked(&sample());
    s.send("\x1a");
    s.hang_up();
    let status = s.wait_exit_status();
    assert_eq!(status.signal(), None, "kiji was killed: {status:?}");
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
}

#[test]
fn a_terminal_dropped_while_asked_for_its_graphics_ends_kiji_with_sighups_status() {
    // The pty's master is closed right after the query goes out, while the input thread reads
    // the replies itself: every read and write then fails, and kiji must still save and exit
    // as on any hangup, not spin, abort or wait for replies that cannot come.
    let mut s = asked(&sample());
    s.hang_up();
    let status = s.wait_exit_status();
    assert_eq!(status.signal(), None, "kiji was killed: {status:?}");
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
}
