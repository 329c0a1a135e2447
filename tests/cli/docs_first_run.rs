//! What a first run on a fresh machine needs is in the README and true: the Rust version is
//! the one `Cargo.toml` declares, the install command is there, the license file matches
//! `Cargo.toml`, the README points at nothing outside the repository, and the test commands
//! it and BENCHMARKS.md give name test binaries, modules and tests that exist.

use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).expect(name)
}

/// The value of `key = "value"` in Cargo.toml's `[package]` section.
fn package_field(key: &str) -> String {
    let toml = read("Cargo.toml");
    let package = toml.split("\n[").next().expect("package section");
    package
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
        .unwrap_or_else(|| panic!("no {key} in [package]"))
}

#[test]
fn the_readme_gives_the_rust_version_cargo_declares_and_how_to_install() {
    let readme = read("README.md");
    let version = package_field("rust-version");
    assert!(
        readme.contains(&format!("**Rust {version} or newer**")),
        "the README's Rust version is not {version}"
    );
    assert!(readme.contains(&format!("`rust-version = \"{version}\"`")));
    assert_eq!(package_field("edition"), "2024");
    assert!(readme.contains("edition 2024"));
    assert!(readme.contains("`cargo install --locked --path .`"));
    assert!(readme.contains("first build takes a few minutes"));
    assert!(readme.contains("`kiji config --init`"));
}

#[test]
fn the_license_file_matches_cargo_toml() {
    assert_eq!(package_field("license"), "MIT");
    let license = read("LICENSE");
    assert!(license.starts_with("MIT License\n\nCopyright (c) 2026 the kiji authors\n"));
    assert!(license.contains("THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND"));
}

#[test]
fn the_readme_points_at_nothing_outside_the_repository() {
    let readme = read("README.md");
    for outside in ["../", "/work/", "shared/guide", "shared/tools"] {
        let hits: Vec<&str> = readme.lines().filter(|l| l.contains(outside)).collect();
        assert!(hits.is_empty(), "{outside:?} in README: {hits:#?}");
    }
    // Every repository path the Development section names (in backticks) exists, and it
    // names the ones a newcomer starts from.
    let dev = readme
        .split("## Development")
        .nth(1)
        .expect("Development section");
    let named: Vec<&str> = dev
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.contains(' ') && !t.contains('=') && !t.starts_with('-'))
        .filter(|t| t.contains('/') || t.ends_with(".md"))
        .filter(|t| !t.contains("DIR") && !t.contains("CHECKER"))
        .collect();
    for path in &named {
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(path).exists(),
            "{path} does not exist"
        );
    }
    for path in [
        "src/core/",
        "src/tui/",
        "ARCHITECTURE.md",
        "BENCHMARKS.md",
        ".ci/run",
    ] {
        assert!(
            named.contains(&path),
            "{path} not in Development: {named:?}"
        );
    }
}

/// Every `cargo test --test NAME [MODULE::TEST]` in the README and BENCHMARKS.md names a test
/// folder (`tests/NAME/main.rs`), a module it declares and a test function of that module
/// whose name starts with TEST.
#[test]
fn the_test_commands_in_the_docs_name_tests_that_exist() {
    let mut checked = 0;
    for doc in ["README.md", "BENCHMARKS.md"] {
        let text = read(doc).replace("\\\n", " ");
        let words: Vec<&str> = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c| matches!(c, '`' | ';' | ',' | '.' | '(' | ')')))
            .collect();
        for (i, word) in words.iter().enumerate() {
            if *word != "--test" {
                continue;
            }
            let name = words.get(i + 1).expect("a name after --test");
            let main = format!("tests/{name}/main.rs");
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(&main).exists(),
                "{doc}: `--test {name}` but there is no {main}"
            );
            if let Some((module, test)) = words.get(i + 2).and_then(|f| f.split_once("::")) {
                assert!(
                    read(&main).lines().any(|l| l == format!("mod {module};")),
                    "{doc}: {main} declares no module {module}"
                );
                let source = read(&format!("tests/{name}/{module}.rs"));
                assert!(
                    source.contains(&format!("fn {test}")),
                    "{doc}: no test {test}* in tests/{name}/{module}.rs"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} test commands found");
}
