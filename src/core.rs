//! The pure core of kiji: files -> index -> laid-out text, with no terminal in it. Nothing here
//! imports ratatui, crossterm or the reader (a test reads the sources to keep it so); the
//! reader in `tui`, the command line (`cli`, `commands`, `main.rs`) and `doctor` sit on top.
//!
//! Reading articles: [`scan`] (the one way to load a set of roots: walk, the index [`cache`],
//! [`loader`] for what changed) -> [`front_matter`] and [`yaml`] -> [`metadata`] -> [`article`]
//! -> [`index`] (sorted, filtered, tags; [`search`] and [`fold`] for matching, [`related`]);
//! [`watch`] follows the roots while the reader runs. Laying out: [`text`] (widths, line
//! breaking with kinsoku, sanitising) <- [`markdown`] <- [`document`] (an article's header,
//! body and links); [`ansi`] turns laid-out lines into SGR text for `kiji show`. Settings:
//! [`config`] (the configuration file as plain data) and [`style`] (colours, depth, themes).
//! Keeping things: [`state`] (reading state), [`paths`] (where files live). Also [`date`],
//! [`diagnostics`], [`samples`] (the bundled articles) and [`words`]. Pictures: [`images`]
//! (where an image file is, its header, its pixels, its size in cells, the drawing mode).

pub mod ansi;
pub mod article;
pub mod cache;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod document;
pub mod fold;
pub mod front_matter;
pub mod images;
pub mod index;
pub mod loader;
pub mod markdown;
pub mod metadata;
pub mod paths;
pub mod related;
pub mod samples;
pub mod scan;
pub mod search;
pub mod search_file;
pub mod signature;
pub mod speech;
pub mod state;
pub mod style;
pub mod text;
pub mod watch;
pub mod words;
pub mod yaml;
