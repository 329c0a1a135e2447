//! The pure core through its public API, with no terminal: Japanese text (widths, kinsoku line
//! breaking, truncation; fixed cases and properties), search folding and matching, YAML and
//! front matter, Markdown rendering and article layout (also at pathological sizes), images
//! (files made in the test: resolving, headers, limits, placeholders in the layout), the
//! reading-state store, the configuration file, and the rule that the core imports nothing of
//! the terminal. One module per subject; a proptest's regressions file sits beside its module.

mod cjk_emphasis;
mod config;
mod fold_props;
mod hardening_mdmem;
mod images;
mod images_layout;
mod markdown;
mod markdown_zenn;
mod search_props;
mod settings_plain;
mod show_cjk;
mod state;
mod table_cells;
mod text_cases;
mod text_props;
mod yaml_props;

/// Property-test settings with `cases` cases; a failure is kept in the regressions file beside
/// its module (`fold_props.proptest-regressions`) and replayed first on every run (proptest's
/// default would look in tests/proptest-regressions/, since this folder has a main.rs).
pub(crate) fn props(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..proptest::test_runner::Config::with_cases(cases)
    }
}
