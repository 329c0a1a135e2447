//! Settings are plain data: the core (the configuration, the shared styles, `kiji show`'s
//! printer and the rest) and `kiji doctor`'s report import nothing of the terminal libraries
//! or the reader,
//! and `kiji show` draws in the same theme as the reader, the user's colours included.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Rust files at `path` (a file, or a folder walked to the bottom), under `src/`.
fn rust_files(path: &str) -> Vec<PathBuf> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .expect("read folder")
                .map(|e| e.expect("entry").path())
                .collect();
            entries.sort();
            for e in entries {
                walk(&e, out);
            }
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p.to_path_buf());
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(path),
        &mut files,
    );
    files
}

/// The core (`src/core/`: loading, layout, settings, styles, `kiji show`'s printer) and
/// `kiji doctor`'s report import nothing of the terminal libraries or the reader.
#[test]
fn the_core_and_the_doctors_report_know_nothing_of_the_terminal() {
    let forbidden = ["ratatui::", "crossterm::", "crate::tui", "kiji::tui"];
    let mut checked = 0;
    for place in ["core.rs", "core", "doctor.rs", "doctor"] {
        for file in rust_files(place) {
            // The doctor's width probe talks to the terminal itself.
            if file.ends_with("doctor/probe.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("read source");
            for word in forbidden {
                assert!(
                    !text.contains(word),
                    "{} names {word}: the core stays free of the terminal",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} files checked");
}

/// `kiji show` of a sample article with `config` as the configuration and `--colors colors`.
fn show_with(config: &str, colors: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    std::fs::write(&path, config).expect("write config");
    let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(["--config"])
        .arg(&path)
        .args(["show", "20261130/kiji-welcome/ja", "--width", "60"])
        .args(["--colors", colors])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run kiji");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn show_uses_the_users_theme() {
    let config = "theme:\n  base: dark\n  colors:\n    title: \"#ff8700\"\n    \
                  heading2: { fg: 17, bg: light-cyan }\n";
    let out = show_with(config, "truecolor");
    // The title is bold in the theme, now in the user's orange.
    assert!(out.contains("\x1b[0;1;38;2;255;135;0m"), "{out}");
    assert!(out.contains("\x1b[0;1;38;5;17;106m"), "{out}");
    // At 256 colours the orange is the nearest palette colour, as in the reader.
    let out = show_with(config, "256");
    assert!(out.contains("\x1b[0;1;38;5;208m"), "{out}");
    assert!(!out.contains("38;2;"), "{out}");
    // Without the colour change the title is the dark theme's bold cyan: the ANSI one at 16
    // colours, the one chosen to read on a dark background at true colour.
    let out = show_with("theme: dark\n", "16");
    assert!(out.contains("\x1b[0;1;36m"), "{out}");
    let out = show_with("theme: dark\n", "truecolor");
    assert!(out.contains("\x1b[0;1;38;2;95;215;215m"), "{out}");
    // A light theme changes `kiji show` as it changes the reader: bold blue titles.
    let out = show_with("theme: light\n", "16");
    assert!(out.contains("\x1b[0;1;34m"), "{out}");
}
