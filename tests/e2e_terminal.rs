//! End-to-end, in a pseudo-terminal: what kiji does for the terminal it runs in. Colours follow
//! the colour depth `TERM` and `COLORTERM` say (no 256-colour or true-colour sequences where
//! the terminal has not said it shows them), `kiji doctor` measures the terminal, and the mouse
//! wheel and clicks move the selection.

mod pty;

use std::path::{Path, PathBuf};

use pty::Session;

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

const PALETTE: [&str; 2] = ["\x1b[38;5;", "\x1b[48;5;"];
const TRUE_COLOUR: [&str; 2] = ["\x1b[38;2;", "\x1b[48;2;"];

#[test]
fn a_16_colour_terminal_gets_only_the_16_colours() {
    let out = output_with(&[("TERM", "xterm"), ("COLORTERM", "")]);
    for seq in PALETTE.iter().chain(&TRUE_COLOUR) {
        assert!(!out.contains(seq), "{seq:?} sent to TERM=xterm");
    }
    // The colours are still there, as the nearest ANSI colours.
    assert!(out.contains("\x1b[37m"), "the border's #87afd7 as grey");
    assert!(
        out.contains("\x1b[33m"),
        "the focused border's 208 as yellow"
    );
}

#[test]
fn a_256_colour_terminal_gets_no_true_colour() {
    let out = output_with(&[("TERM", "xterm-256color"), ("COLORTERM", "")]);
    for seq in TRUE_COLOUR {
        assert!(!out.contains(seq), "{seq:?} sent to TERM=xterm-256color");
    }
    assert!(
        out.contains("\x1b[38;5;110m"),
        "the border's #87afd7 as 110"
    );
    assert!(out.contains("\x1b[38;5;208m"), "palette numbers kept");
}

#[test]
fn colorterm_truecolor_and_the_flag_get_true_colour() {
    let out = output_with(&[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")]);
    assert!(out.contains("\x1b[38;2;135;175;215m"), "#87afd7 as it is");
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
    assert!(out.contains("\x1b[38;2;135;175;215m"), "--colors truecolor");
    // Under NO_COLOR crossterm would write `ESC[m` for each colour: kiji writes its own.
    assert!(
        out.contains("\x1b[48;2;95;135;0m"),
        "the title bar's background"
    );
}
