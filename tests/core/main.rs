//! The pure core through its public API, with no terminal: Japanese text (widths, kinsoku line
//! breaking, truncation; fixed cases and properties), search folding and matching, YAML and
//! front matter, Markdown rendering and article layout (also at pathological sizes), the
//! reading-state store, the configuration file, and the rule that the core imports nothing of
//! the terminal. One module per subject; a proptest's regressions file sits beside its module.

mod cjk_emphasis;
mod config;
mod fold_props;
mod hardening_mdmem;
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
