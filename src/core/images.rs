//! Pictures in articles, as plain data: where an image's file is ([`source`]), what it is
//! and whether it may be opened ([`probe`]), its pixels ([`decode`]), the cells it takes
//! ([`fit`]), which protocol draws it ([`mode`]), the sizer the layout asks ([`sizer`]),
//! pictures held in memory for the bundled samples ([`Embedded`]) and the problems `kiji
//! check` reports ([`check`]). Nothing here writes to a terminal; the reader and `kiji show` draw.
//!
//! Only local files are read (kiji stays offline): a remote URL, an SVG, a missing, unreadable,
//! corrupt or too large file is an [`ImageError`] naming the file, and the article shows the
//! image's alt text as before.

pub mod check;
pub mod decode;
mod embedded;
mod error;
pub mod fit;
pub mod mode;
pub mod probe;
pub mod sizer;
pub mod source;

pub use check::image_diagnostics;
pub use decode::{Decoded, decode, decode_bytes};
pub use embedded::Embedded;
pub use error::ImageError;
pub use fit::{CellSize, fit_cells};
pub use mode::{Choice, ImageMode, Protocol, choose};
pub use probe::{Limits, Probe, probe, probe_bytes};
pub use sizer::{ArticleImages, ImageBlock, ImageSizer, SizedImage, SizerKey};
pub use source::{Target, classify, repository_root, resolve};
