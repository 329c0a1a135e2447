//! kiji: a terminal reader for folders of Markdown news articles, correct for Japanese.
//!
//! The library is the pure core: files -> [`loader`] -> [`index::Index`] -> laid-out text
//! ([`text`], [`markdown`]). It knows nothing of the terminal; the reader in [`tui`] and the
//! command line in `main.rs` sit on top of it, and the tests and benchmarks use it directly.

pub mod ansi;
pub mod article;
pub mod date;
pub mod document;
pub mod markdown;
pub mod text;
