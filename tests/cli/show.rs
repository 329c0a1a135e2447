//! `kiji show`: snapshots of every sample article at 40 and 80 columns, and the promise that
//! styled output holds ANSI SGR sequences and nothing else.

use std::path::Path;
use std::process::Command;

use kiji::index::Index;
use kiji::loader::{self, LoadOptions};

fn samples() -> Index {
    Index::new(loader::load(
        &[Path::new(env!("CARGO_MANIFEST_DIR")).join("articles")],
        &LoadOptions::default(),
    ))
}

fn show(args: &[&str]) -> (i32, String, String) {
    // The index cache of this run only, not the user's.
    let cache = tempfile::tempdir().expect("cache dir");
    let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("run kiji");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn every_sample_article_at_40_and_80_columns() {
    let index = samples();
    for a in index.articles() {
        for width in [40usize, 80] {
            let lines =
                kiji::document::layout_article(a, width, &kiji::text::LayoutOptions::default());
            let text = kiji::ansi::to_plain(&lines);
            let name = format!("{}_{width}", a.id.replace('/', "_"));
            insta::assert_snapshot!(name, text);
        }
    }
}

#[test]
fn the_binary_prints_what_the_library_lays_out() {
    let index = samples();
    let a = &index.articles()[0];
    let lines = kiji::document::layout_article(a, 52, &kiji::text::LayoutOptions::default());
    let (code, by_id, _) = show(&["show", &a.id, "--width", "52", "--plain"]);
    assert_eq!(code, 0);
    assert_eq!(by_id, kiji::ansi::to_plain(&lines));
    let file = a.path.to_string_lossy().into_owned();
    let (_, by_file, _) = show(&["show", &file, "--width", "52", "--plain"]);
    assert_eq!(by_file, by_id);
}

/// Every escape sequence in styled output is `ESC [ digits ; ... m`.
#[test]
fn styled_output_is_sgr_only() {
    for a in samples().articles() {
        let (code, out, _) = show(&["show", &a.id, "--width", "60"]);
        assert_eq!(code, 0);
        assert!(out.contains("\x1b["), "{} has no styles", a.id);
        let mut rest = out.as_str();
        while let Some(i) = rest.find('\x1b') {
            let seq = &rest[i + 1..];
            let end = seq.find('m').expect("unterminated sequence");
            let params = &seq[..end];
            assert!(
                params.starts_with('['),
                "{}: not CSI: {:?}",
                a.id,
                &seq[..end.min(10)]
            );
            assert!(
                params[1..].chars().all(|c| c.is_ascii_digit() || c == ';'),
                "{}: not SGR: {params:?}",
                a.id
            );
            rest = &seq[end + 1..];
        }
        assert!(
            !out.contains(['\u{7}', '\r']),
            "{}: control characters",
            a.id
        );
    }
}

#[test]
fn an_article_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("evil.md");
    std::fs::write(
        &file,
        "---\ntitle: \"x\\e]0;pwned\\u0007y\"\n---\n\nclear \x1b[2J here, title \x1b]0;owned\x07, clipboard \x1b]52;c;aGk=\x07, bell \x07 end\n",
    )
    .expect("write");
    let (code, out, _) = show(&["show", file.to_str().expect("path"), "--width", "60"]);
    assert_eq!(code, 0);
    assert!(!out.contains("\x1b]"), "OSC sequence got through: {out:?}");
    assert!(!out.contains("\x1b[2J"), "erase sequence got through");
    assert!(!out.contains('\x07'));
    assert!(out.contains("clear") && out.contains("here") && out.contains("end"));
}

#[test]
fn show_reports_unknown_ids() {
    let (code, out, err) = show(&["show", "no/such/article", "--plain"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "kiji: no article `no/such/article`; `kiji list` prints the ids, or give a file\n"
    );
}

#[test]
fn no_color_keeps_emphasis_and_drops_colours() {
    // The index cache of this run only, not the user's.
    let cache = tempfile::tempdir().expect("cache dir");
    let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(["show", "20261130/kiji-welcome/ja", "--width", "60"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CACHE_HOME", cache.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run kiji");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("\x1b[0;1m"), "bold kept");
    for seq in text.split('\x1b').skip(1) {
        let params = &seq[1..seq.find('m').expect("SGR")];
        assert!(
            params
                .split(';')
                .all(|p| p.parse::<u8>().is_ok_and(|n| n < 30)),
            "colour in NO_COLOR output: {params}"
        );
    }
    // `--colors` wins over NO_COLOR; `--colors none` drops colour without it.
    let run = |args: &[&str], no_color: &str| {
        // The index cache of this run only, not the user's.
        let cache = tempfile::tempdir().expect("cache dir");
        let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
            .args(["show", "20261130/kiji-welcome/ja", "--width", "60"])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("XDG_CACHE_HOME", cache.path())
            .env("NO_COLOR", no_color)
            .output()
            .expect("run kiji");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let coloured = |t: &str| t.contains(";36m") || t.contains(";33m") || t.contains(";32m");
    assert!(coloured(&run(&["--colors", "16"], "1")));
    assert!(!coloured(&run(&["--colors", "none"], "")));
    assert!(coloured(&run(&[], "")));
}
