//! Pictures for a terminal: a decoded image turned into the escape sequences of one of our
//! [`Protocol`]s (through ratatui-image's encoders), the one encoder the reader and `kiji show`
//! share.
//!
//! The image is scaled here to exactly the cells it was given (`cols` x `rows` at the cell's
//! pixel size, aspect ratio kept inside that box), so the protocol never resizes it again. A
//! kitty picture carries the id it is given, so the same picture keeps the same id and a
//! test can pin the exact sequence.

use image::DynamicImage;
use image::imageops::FilterType;
use ratatui::layout::Size;
use ratatui_image::protocol::Protocol as Encoded;
use ratatui_image::protocol::halfblocks::Halfblocks;
use ratatui_image::protocol::iterm2::Iterm2;
use ratatui_image::protocol::kitty::Kitty;
use ratatui_image::protocol::sixel::Sixel;

use crate::images::{CellSize, Protocol};

pub mod stream;

/// How pictures are encoded for one terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoder {
    /// The protocol to speak.
    pub protocol: Protocol,
    /// A cell's size in pixels.
    pub cell: CellSize,
    /// Wrap the sequences for tmux's passthrough (`allow-passthrough on`).
    pub tmux: bool,
}

impl Encoder {
    /// The picture as `protocol`'s sequences for a `cols` x `rows` cell area. `kitty_id`
    /// names a kitty picture (0 is taken as 1: kitty reserves 0).
    pub fn encode(
        &self,
        image: &DynamicImage,
        cols: u16,
        rows: u16,
        kitty_id: u32,
    ) -> Result<Encoded, String> {
        let cols = cols.max(1);
        let rows = rows.max(1);
        let size = Size::new(cols, rows);
        let scaled = self.scaled(image, cols, rows);
        let encoded = match self.protocol {
            Protocol::Halfblocks => Halfblocks::new(scaled, size).map(Encoded::Halfblocks),
            // Compressed (`o=z`): the raw pixels deflated, fewer bytes over a slow link.
            Protocol::Kitty => {
                Kitty::new(scaled, size, kitty_id.max(1), self.tmux, true).map(Encoded::Kitty)
            }
            Protocol::Iterm2 => Iterm2::new(scaled, size, self.tmux).map(Encoded::ITerm2),
            Protocol::Sixel => Sixel::new(scaled, size, self.tmux).map(Encoded::Sixel),
        };
        encoded.map_err(|e| e.to_string())
    }

    /// The image scaled to fit `cols` x `rows` cells, aspect ratio kept. Half blocks have two
    /// pixels per cell, one above the other.
    fn scaled(&self, image: &DynamicImage, cols: u16, rows: u16) -> DynamicImage {
        let (width, height) = match self.protocol {
            Protocol::Halfblocks => (u32::from(cols), u32::from(rows) * 2),
            _ => (
                u32::from(cols) * u32::from(self.cell.width.max(1)),
                u32::from(rows) * u32::from(self.cell.height.max(1)),
            ),
        };
        if image.width() == width && image.height() == height {
            return image.clone();
        }
        image.resize(width, height, FilterType::Triangle)
    }
}

/// True inside tmux (`TMUX` set, or a `tmux`/`screen` TERM), read through `env`.
pub fn inside_tmux(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    env("TMUX").is_some_and(|v| !v.is_empty())
        || env("TERM").is_some_and(|t| {
            let t = t.to_string_lossy();
            t.starts_with("tmux") || t.starts_with("screen")
        })
}

/// A stable kitty id for a picture of `path` at a size: the same picture keeps its id, so a
/// terminal that has it does not need it again. Never 0; fits in 24 bits (kitty's colour-coded
/// ids).
pub fn kitty_id(path: &std::path::Path, cols: u16, rows: u16) -> u32 {
    // FNV-1a over the path's bytes and the size.
    let mut hash: u32 = 0x811c_9dc5;
    let bytes = path.as_os_str().as_encoded_bytes();
    for b in bytes
        .iter()
        .chain(cols.to_le_bytes().iter())
        .chain(rows.to_le_bytes().iter())
    {
        hash ^= u32::from(*b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    (hash & 0x00ff_ffff).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    use ratatui_image::Image;

    fn quarters() -> DynamicImage {
        let colours = [[200, 30, 30], [30, 160, 60], [40, 80, 200], [240, 200, 40]];
        // 4x4 pixels: exactly 4x2 half-block cells, so nothing is resampled.
        DynamicImage::ImageRgb8(RgbImage::from_fn(4, 4, |x, y| {
            Rgb(colours[(usize::from(y >= 2) * 2) + usize::from(x >= 2)])
        }))
    }

    fn encoder(protocol: Protocol) -> Encoder {
        Encoder {
            protocol,
            cell: CellSize {
                width: 4,
                height: 8,
            },
            tmux: false,
        }
    }

    #[test]
    fn half_blocks_fill_the_cells_with_the_pictures_colours() {
        let encoded = encoder(Protocol::Halfblocks)
            .encode(&quarters(), 4, 2, 1)
            .expect("encodes");
        let area = Rect::new(0, 0, 4, 2);
        let mut buf = Buffer::empty(area);
        Image::new(&encoded).render(area, &mut buf);
        // Each cell is two pixels of one quarter: a blank cell whose background is its colour.
        let colour = |x: u16, y: u16| {
            let cell = &buf[(x, y)];
            assert_eq!(cell.symbol(), " ", "cell {x},{y}");
            cell.bg
        };
        use ratatui::style::Color::Rgb;
        assert_eq!(colour(0, 0), Rgb(200, 30, 30));
        assert_eq!(colour(3, 0), Rgb(30, 160, 60));
        assert_eq!(colour(0, 1), Rgb(40, 80, 200));
        assert_eq!(colour(3, 1), Rgb(240, 200, 40));
    }

    #[test]
    fn a_kitty_picture_carries_the_id_it_is_given() {
        let encoded = encoder(Protocol::Kitty)
            .encode(&quarters(), 4, 2, 4242)
            .expect("encodes");
        let area = Rect::new(0, 0, 4, 2);
        let mut buf = Buffer::empty(area);
        Image::new(&encoded).render(area, &mut buf);
        let first = buf[(0, 0)].symbol().to_string();
        assert!(first.contains("\x1b_G"), "{first:?}");
        assert!(first.contains("i=4242"), "{first:?}");
    }

    #[test]
    fn kitty_ids_are_stable_and_never_zero() {
        let a = kitty_id(std::path::Path::new("a.png"), 10, 4);
        assert_eq!(a, kitty_id(std::path::Path::new("a.png"), 10, 4));
        assert_ne!(a, kitty_id(std::path::Path::new("a.png"), 10, 5));
        assert!(a > 0 && a <= 0x00ff_ffff);
    }

    #[test]
    fn tmux_is_seen_from_its_variable_or_term() {
        let none = |_: &str| None;
        assert!(!inside_tmux(none));
        assert!(inside_tmux(
            |k: &str| (k == "TMUX").then(|| "/tmp/tmux-0/default,1,0".into())
        ));
        assert!(inside_tmux(
            |k: &str| (k == "TERM").then(|| "tmux-256color".into())
        ));
    }
}
