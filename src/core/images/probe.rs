//! What an image file is, read from its header only: format, pixel size and file size, and
//! whether kiji may decode it ([`Limits`]). A huge picture is refused here, before any pixel
//! is decoded.

use std::io::{BufRead, Cursor, Seek};
use std::path::{Path, PathBuf};

use image::{ImageFormat, ImageReader};

use super::ImageError;

/// How much an image may be before it is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limits {
    /// The largest file, in KB (1024 bytes): the `image_max_kb` setting.
    pub max_kb: u64,
    /// The longest side, in pixels.
    pub max_side: u32,
    /// The largest area, in pixels.
    pub max_pixels: u64,
}

/// The default `image_max_kb`: 4 MiB holds any screenshot or diagram a technical article
/// carries (a full-HD PNG screenshot is 0.5 to 3 MB), while a photo straight from a camera
/// (5 to 20 MB) is shown as its alt text instead of costing seconds of decoding and, over
/// SSH, megabytes of escape sequences.
pub const DEFAULT_MAX_KB: u64 = 4096;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_kb: DEFAULT_MAX_KB,
            max_side: 8192,
            max_pixels: 40_000_000,
        }
    }
}

impl Limits {
    /// These limits with `image_max_kb` set to `max_kb`.
    pub fn with_max_kb(max_kb: u64) -> Self {
        Limits {
            max_kb,
            ..Limits::default()
        }
    }

    /// The bytes a decoder may allocate: four bytes a pixel at the largest area, plus room
    /// for the decoder's own buffers.
    pub fn max_alloc(&self) -> u64 {
        self.max_pixels.saturating_mul(4).saturating_add(16 << 20)
    }
}

/// An image file as its header describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    /// The file.
    pub path: PathBuf,
    /// Its format, from its first bytes (not its name).
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// File size in bytes.
    pub bytes: u64,
}

/// Read the format and pixel size of the image at `path` from its header, refusing a file
/// over `limits.max_kb` (before opening it) or a picture over the pixel limits (before
/// decoding it). Only PNG, JPEG, GIF and WebP are read.
pub fn probe(path: &Path, limits: &Limits) -> Result<Probe, ImageError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
    if !meta.is_file() {
        return Err(ImageError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    check_bytes(path, meta.len(), limits)?;
    let reader = ImageReader::open(path)
        .map_err(|e| io_error(path, e))?
        .with_guessed_format()
        .map_err(|e| io_error(path, e))?;
    probe_reader(path, reader, meta.len(), limits)
}

/// [`probe`] for an image held in memory (a bundled sample's picture), named `path`.
pub fn probe_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Probe, ImageError> {
    let len = bytes.len() as u64;
    check_bytes(path, len, limits)?;
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| io_error(path, e))?;
    probe_reader(path, reader, len, limits)
}

/// Refuse a file over `limits.max_kb`.
fn check_bytes(path: &Path, bytes: u64, limits: &Limits) -> Result<(), ImageError> {
    if bytes > limits.max_kb.saturating_mul(1024) {
        return Err(ImageError::FileTooLarge {
            path: path.to_path_buf(),
            kb: bytes.div_ceil(1024),
            max_kb: limits.max_kb,
        });
    }
    Ok(())
}

/// The header of what `reader` reads, `bytes` long, checked against the formats kiji shows
/// and the pixel limits.
fn probe_reader<R: BufRead + Seek>(
    path: &Path,
    reader: ImageReader<R>,
    bytes: u64,
    limits: &Limits,
) -> Result<Probe, ImageError> {
    let owned = || path.to_path_buf();
    let format = match reader.format() {
        Some(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP)) => {
            f
        }
        Some(other) => {
            return Err(ImageError::NotAnImage {
                path: owned(),
                reason: format!(
                    "{} is not shown: only PNG, JPEG, GIF and WebP are",
                    other.extensions_str().first().unwrap_or(&"this format")
                ),
            });
        }
        None => {
            return Err(ImageError::NotAnImage {
                path: owned(),
                reason: "not a PNG, JPEG, GIF or WebP file".to_string(),
            });
        }
    };
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| ImageError::NotAnImage {
            path: owned(),
            reason: e.to_string(),
        })?;
    check_pixels(path, width, height, limits)?;
    Ok(Probe {
        path: owned(),
        format,
        width,
        height,
        bytes,
    })
}

/// Refuse a picture with a side over `max_side`, an area over `max_pixels`, or no pixels.
pub(super) fn check_pixels(
    path: &Path,
    width: u32,
    height: u32,
    limits: &Limits,
) -> Result<(), ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError::NotAnImage {
            path: path.to_path_buf(),
            reason: format!("it is {width}x{height} pixels"),
        });
    }
    let area = u64::from(width) * u64::from(height);
    if width > limits.max_side || height > limits.max_side || area > limits.max_pixels {
        return Err(ImageError::TooManyPixels {
            path: path.to_path_buf(),
            width,
            height,
            max_side: limits.max_side,
            max_megapixels: limits.max_pixels / 1_000_000,
        });
    }
    Ok(())
}

/// A file-system error as the image error it means.
pub(super) fn io_error(path: &Path, e: std::io::Error) -> ImageError {
    if e.kind() == std::io::ErrorKind::NotFound {
        ImageError::Missing {
            path: path.to_path_buf(),
        }
    } else {
        ImageError::Unreadable {
            path: path.to_path_buf(),
            source: e.into(),
        }
    }
}
