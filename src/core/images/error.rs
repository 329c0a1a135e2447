//! The one error of the image core: what went wrong with which image, worded for the reader's
//! status bar and `kiji check`.

use std::path::PathBuf;

/// Why an image is shown as its alt text instead of a picture. Every message names the image
/// (its URL, or the file it resolved to) and the problem.
#[derive(Clone, Debug, thiserror::Error)]
pub enum ImageError {
    /// A URL with a scheme (`https:`, `data:`, ...) or `//host`: kiji never fetches it.
    #[error("{url}: a remote image is not fetched (kiji reads local files only)")]
    Remote {
        /// The URL as written.
        url: String,
    },
    /// An empty image address.
    #[error("an image in {article} has no address")]
    Empty {
        /// The article it is in.
        article: PathBuf,
    },
    /// An SVG file: vector images are not drawn.
    #[error("{path}: SVG images are not drawn; its alt text is shown")]
    Svg {
        /// The file it resolved to.
        path: PathBuf,
    },
    /// The file does not exist.
    #[error("{path}: image not found")]
    Missing {
        /// The file it resolved to.
        path: PathBuf,
    },
    /// The path names a folder or something else that is not a regular file.
    #[error("{path}: not a file")]
    NotAFile {
        /// The path it resolved to.
        path: PathBuf,
    },
    /// The file exists but could not be read.
    #[error("{path}: cannot read the image: {source}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::sync::Arc<std::io::Error>,
    },
    /// Not a PNG, JPEG, GIF or WebP file, or one whose data is broken.
    #[error("{path}: not a readable image ({reason})")]
    NotAnImage {
        /// The file.
        path: PathBuf,
        /// What the decoder said.
        reason: String,
    },
    /// The file is larger than `image_max_kb`.
    #[error(
        "{path}: the image is {kb} KB, over the limit of {max_kb} KB \
         (raise image_max_kb in the configuration to show it)"
    )]
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in KB (rounded up).
        kb: u64,
        /// The limit in KB.
        max_kb: u64,
    },
    /// The header says more pixels than kiji decodes.
    #[error(
        "{path}: the image is {width}x{height} pixels, over the limit of {max_side} pixels \
         a side and {max_megapixels} megapixels; it is not decoded"
    )]
    TooManyPixels {
        /// The file.
        path: PathBuf,
        /// Width in pixels, from the header.
        width: u32,
        /// Height in pixels, from the header.
        height: u32,
        /// The limit on a side.
        max_side: u32,
        /// The limit on the area, in millions of pixels.
        max_megapixels: u64,
    },
}
