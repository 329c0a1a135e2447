//! kiji: a terminal reader for folders of Markdown news articles, correct for Japanese.
//!
//! The library is the pure core: files -> [`loader`] -> [`index::Index`] -> laid-out text
//! ([`text`], [`markdown`], [`document`]). It knows nothing of the terminal; the reader in
//! [`tui`] and the command line in `main.rs` sit on top of it, and the tests and benchmarks use
//! it directly.

pub mod ansi;
pub mod article;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod doctor;
pub mod document;
pub mod fold;
pub mod front_matter;
pub mod index;
pub mod loader;
pub mod markdown;
pub mod metadata;
pub mod paths;
pub mod related;
pub mod samples;
pub mod scan;
pub mod search;
pub mod state;
pub mod style;
pub mod text;
pub mod tui;
pub mod watch;
pub mod words;
pub mod yaml;
