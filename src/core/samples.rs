//! The team's sample articles from `articles/`, bundled into the binary at build time.

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// The folder name the bundled samples nominally live in (shown in paths and diagnostics).
pub const BUNDLED_ROOT: &str = "articles";
