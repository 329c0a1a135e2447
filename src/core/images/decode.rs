//! An image's pixels: probed first (so a file or picture over the limits is never decoded),
//! then decoded with the `image` crate's own limits set as a second guard. A GIF gives its
//! first frame.

use std::io::{BufRead, Cursor, Seek};
use std::path::Path;

use image::{DynamicImage, ImageReader};

use super::probe::probe_bytes;
use super::probe::{check_pixels, io_error};
use super::{ImageError, Limits, Probe, probe};

/// A decoded image and what its header said.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The header's description of the file.
    pub probe: Probe,
    /// The pixels (a GIF's first frame).
    pub image: DynamicImage,
}

/// Decode the image at `path` within `limits`.
pub fn decode(path: &Path, limits: &Limits) -> Result<Decoded, ImageError> {
    let probe = probe(path, limits)?;
    let reader = ImageReader::open(path)
        .map_err(|e| io_error(path, e))?
        .with_guessed_format()
        .map_err(|e| io_error(path, e))?;
    decode_reader(probe, reader, limits)
}

/// [`decode`] for an image held in memory (a bundled sample's picture), named `path`.
pub fn decode_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Decoded, ImageError> {
    let probe = probe_bytes(path, bytes, limits)?;
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| io_error(path, e))?;
    decode_reader(probe, reader, limits)
}

/// The pixels `reader` holds, its header already checked (`probe`), decoded with the image
/// crate's limits as a second guard.
fn decode_reader<R: BufRead + Seek>(
    probe: Probe,
    mut reader: ImageReader<R>,
    limits: &Limits,
) -> Result<Decoded, ImageError> {
    let path = probe.path.clone();
    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_image_width = Some(limits.max_side);
    decoder_limits.max_image_height = Some(limits.max_side);
    decoder_limits.max_alloc = Some(limits.max_alloc());
    reader.limits(decoder_limits);
    let image = reader.decode().map_err(|e| ImageError::NotAnImage {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    check_pixels(&path, image.width(), image.height(), limits)?;
    Ok(Decoded { probe, image })
}
