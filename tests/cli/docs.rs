//! The README, `--help` and the help screen are generated from, or tested against, the one key
//! table.

use std::path::Path;
use std::process::Command;

use kiji::tui::keymap::Keymap;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let generated = Keymap::default_keys().markdown_table();
    let text = readme();
    let start =
        text.find("<!-- keys:start -->\n").expect("start marker") + "<!-- keys:start -->\n".len();
    let end = text.find("<!-- keys:end -->").expect("end marker");
    assert_eq!(
        &text[start..end],
        generated,
        "README key table is out of date; replace it with:\n{generated}"
    );
}

#[test]
fn help_flag_lists_every_binding() {
    let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .arg("--help")
        .output()
        .expect("run kiji");
    let help = String::from_utf8(out.stdout).expect("utf-8");
    for b in Keymap::default_keys().bindings() {
        assert!(
            help.contains(&b.description),
            "--help lacks {:?}",
            b.description
        );
        assert!(
            help.contains(&b.keys_text),
            "--help lacks {:?}",
            b.keys_text
        );
    }
}

#[test]
fn readme_gives_the_two_commands_and_ci_runs_the_test_one() {
    let text = readme();
    assert!(text.contains("cargo run --release"));
    assert!(text.contains("cargo test --locked"));
    let ci = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/run"))
        .expect(".ci/run");
    assert!(ci.lines().any(|l| l.trim() == "cargo test --locked"));
}

#[test]
fn readme_and_help_flag_say_what_the_mouse_does() {
    let text = readme();
    let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .arg("--help")
        .output()
        .expect("run kiji");
    let help = String::from_utf8(out.stdout).expect("utf-8");
    for (what, does) in kiji::tui::mouse::HELP {
        assert!(
            text.contains(&format!("| {what} | {does} |")),
            "README lacks {what}"
        );
        assert!(help.contains(does), "--help lacks {what}");
    }
    assert!(help.contains(kiji::tui::mouse::HELP_TITLE));
}
