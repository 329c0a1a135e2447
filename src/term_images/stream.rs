//! A picture written into a stream of lines (`kiji show`), where the reader would draw it into
//! its screen: the encoded protocol is rendered into a ratatui [`Buffer`] of exactly its cells
//! (so the sequences are the reader's), then written out for a terminal that scrolls.
//!
//! Half blocks and kitty are rows of cells: `▀` with a foreground and a background colour,
//! or kitty's Unicode placeholders whose foreground colour names the picture (the
//! transmission rides in the first cell, `q=2` so the terminal answers nothing). Each row
//! ends with a reset and a newline, as text does, so they scroll and pass through tmux.
//! Sixel and iTerm2 are one sequence drawn at the cursor: the rows are made first (newlines,
//! so the picture never runs off the bottom of the screen), the cursor is saved below them,
//! goes up to the first row for the picture and comes back (`ESC 7` / `ESC 8`, which do not
//! depend on where the protocol leaves the cursor).
//!
//! [`stdout_window`] is the terminal's size in cells and pixels, when stdout is one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;
use ratatui_image::Image;
use ratatui_image::protocol::Protocol as Encoded;

use crate::style::{ColorDepth, depth::downgrade};

/// The picture `encoded` (made for `cols` x `rows` cells) as bytes for a stream, starting at
/// the first column of a fresh line and leaving the cursor at the start of the line under
/// it. Half-block colours are sent at `depth` (truecolor, else the 256-colour palette).
pub fn stream(encoded: &Encoded, cols: u16, rows: u16, depth: ColorDepth) -> String {
    let area = Rect::new(0, 0, cols.max(1), rows.max(1));
    let mut buf = Buffer::empty(area);
    Image::new(encoded).render(area, &mut buf);
    match encoded {
        Encoded::Halfblocks(_) => cell_rows(&buf, depth),
        // The foreground colour is the picture's id: always sent exactly.
        Encoded::Kitty(_) => cell_rows(&buf, ColorDepth::TrueColor),
        Encoded::Sixel(_) | Encoded::ITerm2(_) => {
            let first = buf.content.first().map(|c| c.symbol()).unwrap_or_default();
            let rows = area.height;
            let mut out = "\n".repeat(usize::from(rows));
            out.push_str(&format!("\x1b7\x1b[{rows}A"));
            out.push_str(first);
            out.push_str("\x1b8");
            out
        }
    }
}

/// Each row of `buf` as its cells' symbols with SGR colours, ending in a reset and a newline.
fn cell_rows(buf: &Buffer, depth: ColorDepth) -> String {
    let mut out = String::new();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut current = String::new();
        for x in area.left()..area.right() {
            let cell = &buf[(x, y)];
            // Compared as sent: colours that come to the same palette entry are one run.
            let colours = sgr(cell.fg, cell.bg, depth);
            if colours != current {
                out.push_str(&colours);
                current = colours;
            }
            out.push_str(cell.symbol());
        }
        out.push_str("\x1b[0m\n");
    }
    out
}

/// The SGR sequence for a cell's colours (a reset first).
fn sgr(fg: Color, bg: Color, depth: ColorDepth) -> String {
    let mut params = vec!["0".to_string()];
    params.extend(colour(fg, 38, depth));
    params.extend(colour(bg, 48, depth));
    format!("\x1b[{}m", params.join(";"))
}

/// The SGR parameters of a colour (`base` 38 for the foreground, 48 for the background):
/// truecolor as it is at [`ColorDepth::TrueColor`], else the nearest of the 256-colour
/// palette. The default colour adds nothing.
fn colour(c: Color, base: u8, depth: ColorDepth) -> Option<String> {
    match c {
        Color::Rgb(r, g, b) if depth == ColorDepth::TrueColor => {
            Some(format!("{base};2;{r};{g};{b}"))
        }
        Color::Rgb(r, g, b) => {
            match downgrade(crate::style::Color::Rgb(r, g, b), ColorDepth::Ansi256) {
                crate::style::Color::Indexed(i) => Some(format!("{base};5;{i}")),
                _ => None,
            }
        }
        Color::Indexed(i) => Some(format!("{base};5;{i}")),
        _ => None,
    }
}

/// The window stdout is a terminal of: its size in cells and, when the terminal says, in
/// pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Columns.
    pub cols: u16,
    /// Rows.
    pub rows: u16,
    /// A cell's size in pixels, if the terminal reports its pixel size.
    pub cell: Option<crate::images::CellSize>,
}

impl Window {
    /// The window of `cols` x `rows` cells over `width` x `height` pixels (0: not known).
    pub fn new(cols: u16, rows: u16, width: u16, height: u16) -> Self {
        let cell =
            (cols > 0 && rows > 0 && width > 0 && height > 0).then(|| crate::images::CellSize {
                width: (width / cols).max(1),
                height: (height / rows).max(1),
            });
        Window { cols, rows, cell }
    }
}

/// The window of the terminal stdout is (`TIOCGWINSZ` on stdout), `None` when stdout is not
/// a terminal.
#[cfg(unix)]
pub fn stdout_window() -> Option<Window> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct it is given, which lives for the
    // call; on a descriptor that is not a terminal it fails and writes nothing.
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0)
        .then(|| Window::new(size.ws_col, size.ws_row, size.ws_xpixel, size.ws_ypixel))
}

/// Without `TIOCGWINSZ`: no window.
#[cfg(not(unix))]
pub fn stdout_window() -> Option<Window> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::CellSize;

    #[test]
    fn a_window_knows_its_cell_only_when_the_terminal_gives_pixels() {
        let w = Window::new(100, 40, 1000, 800);
        assert_eq!(
            w.cell,
            Some(CellSize {
                width: 10,
                height: 20
            })
        );
        assert_eq!(Window::new(100, 40, 0, 0).cell, None);
        assert_eq!(Window::new(0, 0, 1000, 800).cell, None);
    }

    #[test]
    fn sixel_makes_its_rows_then_draws_from_the_first_and_comes_back() {
        let image = image::DynamicImage::ImageRgb8(image::RgbImage::new(4, 6));
        let encoder = crate::term_images::Encoder {
            protocol: crate::images::Protocol::Sixel,
            cell: CellSize {
                width: 4,
                height: 2,
            },
            tmux: false,
        };
        let encoded = encoder.encode(&image, 1, 3, 1).expect("encodes");
        let out = stream(&encoded, 1, 3, ColorDepth::TrueColor);
        assert!(out.starts_with("\n\n\n\x1b7\x1b[3A"), "{out:?}");
        assert!(out.contains("\x1bP"), "{out:?}");
        assert!(out.ends_with("\x1b\\\x1b8"), "{out:?}");
    }
}
