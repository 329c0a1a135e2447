//! kiji: a terminal reader for folders of Markdown news articles, correct for Japanese.
//!
//! Two layers, and dependencies point down only:
//!
//! * [`core`] (`src/core/`): the pure core, files -> index -> laid-out text. It knows nothing
//!   of the terminal; the tests and benchmarks use it directly.
//! * on top: [`tui`] (the reader: keys -> actions -> state -> view, over ratatui and
//!   crossterm), [`cli`] and [`commands`] (the command line; `main.rs` runs them), and
//!   [`doctor`] (what the terminal really does), and [`term_images`] (pictures as a terminal's
//!   escape sequences, for the reader and `kiji show`).
//!
//! The core's modules are re-exported here, so `kiji::index` is `kiji::core::index`. The
//! repository's `ARCHITECTURE.md` draws the module map and follows a key press and an article
//! through them.

pub mod cli;
pub mod commands;
pub mod core;
pub mod doctor;
pub mod term_images;
pub mod tui;

pub use self::core::{
    ansi, article, cache, config, date, diagnostics, document, fold, front_matter, images, index,
    loader, markdown, metadata, paths, related, samples, scan, search, search_file, signature,
    speech, state, style, text, watch, words, yaml,
};
