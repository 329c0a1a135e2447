//! End-to-end, in a pseudo-terminal: what kiji does for the terminal it runs in. Colours follow
//! the colour depth `TERM` and `COLORTERM` say (no 256-colour or true-colour sequences where
//! the terminal has not said it shows them), `kiji doctor` measures the terminal, and the mouse
//! wheel and clicks move the selection.

use std::path::{Path, PathBuf};

use crate::pty::Session;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> String {
    manifest()
        .join("tests/fixtures/reader")
        .to_string_lossy()
        .into_owned()
}

/// A configuration whose theme uses a palette number and `#rrggbb` colours on elements every
/// frame draws, so the colour depth shows in the output.
fn colourful_config(dir: &Path) -> PathBuf {
    let path = dir.join("config.yaml");
    std::fs::write(
        &path,
        "theme:\n  base: dark\n  colors:\n    border: \"#87afd7\"\n    border_focus: 208\n    \
         title_bar: { fg: black, bg: \"#5f8700\" }\n    heading1: \"#ff0000\"\n",
    )
    .expect("write config");
    path
}

/// Everything the reader wrote while opening an article and quitting, under `env`.
fn output_with(env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = colourful_config(dir.path());
    let config_s = config.to_string_lossy().into_owned();
    let root = fixtures();
    let mut s = Session::start(&[&root, "--config", &config_s], manifest(), 120, 40, env);
    s.wait_for_text("q quit");
    s.send("\r");
    s.wait_for_text("esc back");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    String::from_utf8_lossy(&s.output).into_owned()
}

const PALETTE: [&str; 2] = ["38;5;", "48;5;"];
const TRUE_COLOUR: [&str; 2] = ["38;2;", "48;2;"];

/// Whether an SGR sequence of `out` holds the parameters `params` (the backend sends all of
/// a pen's changes in one sequence: `ESC[1;38;5;110m`); `params` ending in `;` is a prefix.
fn sgr_has(out: &str, params: &str) -> bool {
    out.split("\x1b[").any(|seq| {
        let Some(end) = seq.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        seq[end..].starts_with('m') && format!(";{};", &seq[..end]).contains(&format!(";{params}"))
    })
}

#[test]
fn a_16_colour_terminal_gets_only_the_16_colours() {
    let out = output_with(&[("TERM", "xterm"), ("COLORTERM", "")]);
    for seq in PALETTE.iter().chain(&TRUE_COLOUR) {
        assert!(!sgr_has(&out, seq), "{seq:?} sent to TERM=xterm");
    }
    // The colours are still there, as the nearest ANSI colours.
    assert!(sgr_has(&out, "37;"), "the border's #87afd7 as grey");
    assert!(sgr_has(&out, "33;"), "the focused border's 208 as yellow");
}

#[test]
fn a_256_colour_terminal_gets_no_true_colour() {
    let out = output_with(&[("TERM", "xterm-256color"), ("COLORTERM", "")]);
    for seq in TRUE_COLOUR {
        assert!(!sgr_has(&out, seq), "{seq:?} sent to TERM=xterm-256color");
    }
    assert!(sgr_has(&out, "38;5;110;"), "the border's #87afd7 as 110");
    assert!(sgr_has(&out, "38;5;208;"), "palette numbers kept");
}

#[test]
fn colorterm_truecolor_and_the_flag_get_true_colour() {
    let out = output_with(&[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")]);
    assert!(sgr_has(&out, "38;2;135;175;215;"), "#87afd7 as it is");
    // The flag wins over TERM (and over NO_COLOR).
    let dir = tempfile::tempdir().expect("temp dir");
    let config = colourful_config(dir.path());
    let config_s = config.to_string_lossy().into_owned();
    let root = fixtures();
    let mut s = Session::start(
        &[&root, "--config", &config_s, "--colors", "truecolor"],
        manifest(),
        120,
        40,
        &[("TERM", "xterm"), ("COLORTERM", ""), ("NO_COLOR", "1")],
    );
    s.wait_for_text("q quit");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let out = String::from_utf8_lossy(&s.output);
    assert!(sgr_has(&out, "38;2;135;175;215;"), "--colors truecolor");
    // Under NO_COLOR crossterm would write `ESC[m` for each colour: kiji writes its own.
    assert!(
        sgr_has(&out, "48;2;95;135;0;"),
        "the title bar's background"
    );
}

/// The screen row of the list's selected article (drawn reversed), if any.
fn selected_row(sc: &vt100::Screen) -> Option<u16> {
    (2..sc.size().0.get() - 1).find(|&y| sc.cell(y, 3).is_some_and(|c| c.inverse()))
}

/// The text of the article pane at 100 columns (right of the 33-column list, left of the
/// mascot).
fn body_text(sc: &vt100::Screen) -> String {
    (2..10)
        .map(|y| sc.contents_between(y, 34, y, 69))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An SGR mouse report: `button` at the 0-based cell (`x`, `y`), pressed or released.
fn mouse(button: u8, x: u16, y: u16, press: bool) -> String {
    let end = if press { 'M' } else { 'm' };
    format!("\x1b[<{button};{};{}{end}", x + 1, y + 1)
}

fn click(x: u16, y: u16) -> String {
    mouse(0, x, y, true) + &mouse(0, x, y, false)
}

const WHEEL_UP: u8 = 64;
const WHEEL_DOWN: u8 = 65;

#[test]
fn the_wheel_and_clicks_move_the_selection_and_scroll_the_article() {
    let root = fixtures();
    // 100x12: a 33-column list of the four articles on rows 2-5, the article beside it.
    let mut s = Session::start(&[&root], manifest(), 100, 12, &[]);
    s.wait_for_text("q quit");
    assert_eq!(selected_row(s.parser.screen()), Some(2), "{}", s.screen());
    s.send(&mouse(WHEEL_DOWN, 5, 3, true));
    s.wait_for("the wheel to select the next article", |sc| {
        selected_row(sc) == Some(3)
    });
    s.send(&click(5, 5));
    s.wait_for("the click to select the fourth article", |sc| {
        selected_row(sc) == Some(5)
    });
    s.send(&mouse(WHEEL_UP, 5, 5, true));
    s.wait_for("the wheel up to select the third", |sc| {
        selected_row(sc) == Some(4)
    });
    // The long Japanese title's article is longer than the pane: the wheel over it scrolls.
    s.send(&click(5, 3));
    s.wait_for("the click to select the second article", |sc| {
        selected_row(sc) == Some(3)
    });
    let before = body_text(s.parser.screen());
    s.send(&mouse(WHEEL_DOWN, 50, 5, true));
    s.wait_for("the article to scroll", |sc| body_text(sc) != before);
    assert_eq!(selected_row(s.parser.screen()), Some(3), "the list stays");
    // A click in the article gives it the keys.
    s.send(&click(50, 5));
    s.wait_for_text("esc back");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let on = s.output.windows(8).position(|w| w == b"\x1b[?1000h");
    let off = s.output.windows(8).rposition(|w| w == b"\x1b[?1000l");
    assert!(
        on.is_some() && off > on,
        "mouse reporting on, then off at exit"
    );
    assert!(
        !s.output.windows(8).any(|w| w == b"\x1b[?1003h"),
        "no reports of every motion"
    );
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let root = fixtures();
    let mut s = Session::start(&[&root, "--no-mouse"], manifest(), 80, 12, &[]);
    s.wait_for_text("q quit");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.output.windows(8).any(|w| w == b"\x1b[?1000h"));
    // (That a report arriving anyway moves nothing is tested on `tui::action_for`.)
}

/// The line of `kiji doctor`'s table for `sample` (it starts the line).
fn table_row(screen: &str, sample: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start().starts_with(sample))
        .unwrap_or_default()
        .to_string()
}

/// The numbers of a table row: narrow, wide, drawn (as written: `?` when not measured).
fn columns(row: &str) -> Vec<String> {
    row.split_whitespace()
        .skip(1)
        .take(3)
        .map(|c| c.trim_end_matches('*').to_string())
        .collect()
}

#[test]
fn doctor_measures_the_terminal_and_recommends() {
    // vt100 (as the harness answers for it) draws ambiguous characters narrow and kanji wide.
    let mut s = Session::start(
        &["doctor"],
        manifest(),
        200,
        50,
        &[("COLORTERM", ""), ("LC_CTYPE", "")],
    );
    assert_eq!(s.wait_exit(), 0);
    let screen = s.screen();
    assert!(
        s.output.windows(4).filter(|w| *w == b"\x1b[6n").count() >= 8,
        "one request per sample"
    );
    assert!(
        screen.contains("TERM             xterm-256color"),
        "{screen}"
    );
    assert!(screen.contains("colours          256 colours (TERM contains 256color)"));
    assert!(screen.contains("locale           LANG=C.UTF-8"), "{screen}");
    assert_eq!(
        columns(&table_row(&screen, "漢")),
        ["2", "2", "2"],
        "{screen}"
    );
    assert_eq!(
        columns(&table_row(&screen, "※")),
        ["1", "2", "1"],
        "{screen}"
    );
    assert_eq!(
        columns(&table_row(&screen, "─")),
        ["1", "2", "1"],
        "{screen}"
    );
    assert!(
        screen.contains("`ambiguous_width: narrow` matches this terminal"),
        "{screen}"
    );
    // With `--ambiguous wide` the same terminal says to go back to narrow.
    let mut s = Session::start(&["doctor", "--ambiguous", "wide"], manifest(), 200, 50, &[]);
    assert_eq!(s.wait_exit(), 0);
    let screen = s.screen();
    assert!(screen.contains("ascii            on (follows ambiguous_width: wide)"));
    assert!(screen.contains("set `ambiguous_width: narrow`"), "{screen}");
}

#[test]
fn doctor_does_not_hang_on_a_terminal_that_never_answers() {
    let mut s = Session::start(&["doctor"], manifest(), 200, 50, &[]);
    s.answers_cursor_requests = false;
    assert_eq!(s.wait_exit(), 0);
    let screen = s.screen();
    assert_eq!(
        columns(&table_row(&screen, "漢")),
        ["2", "2", "?"],
        "{screen}"
    );
    assert!(
        screen.contains("did not answer the cursor-position request"),
        "{screen}"
    );
    // It asks once, in one batch (a request per sample), and no more.
    assert_eq!(
        s.output.windows(4).filter(|w| *w == b"\x1b[6n").count(),
        kiji::doctor::SAMPLES.len()
    );
}

#[test]
fn doctor_without_a_terminal_prints_the_environment() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiji"))
        .arg("doctor")
        .env("TERM", "xterm")
        .env("COLORTERM", "truecolor")
        .env("TMUX", "/tmp/tmux-1/default,1,0")
        .env_remove("SSH_CONNECTION")
        .env("SSH_TTY", "/dev/pts/1")
        .env("NO_COLOR", "")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run kiji doctor");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("  colours          true colour (COLORTERM says so)\n"),
        "{text}"
    );
    assert!(
        text.contains("  tmux             yes (TMUX is set)\n"),
        "{text}"
    );
    assert!(
        text.contains("  SSH              yes (SSH_TTY is set)\n"),
        "{text}"
    );
    assert!(text.contains("The width probe needs a terminal"), "{text}");
    assert!(
        !text.contains("\x1b"),
        "no escape sequences when not on a terminal"
    );
    // Inside tmux with TERM=xterm: the advice to give tmux a 256-colour TERM.
    assert!(text.contains("tmux-256color"), "{text}");
}
