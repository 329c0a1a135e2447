//! One picture made ready to draw: decoded within the limits, scaled and encoded to its
//! cells, in the form the pane draws it with (sliced for kitty and half blocks, which can
//! show part of a picture; whole for sixel and iTerm2), with what it took.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_image::Image;
use ratatui_image::protocol::Protocol as Encoded;
use ratatui_image::sliced::{SignedPosition, SlicedImage, SlicedProtocol};

use super::{Ready, Request};
use crate::images::{Protocol, decode};
use crate::style::{self, ColorDepth, depth::downgrade};
use crate::term_images::kitty_id;
use crate::tui::theme::to_color;
use ratatui::style::Color;

/// How a ready picture is drawn.
pub enum Drawn {
    /// Kitty or half blocks: any rows of it can be drawn.
    Sliced(SlicedProtocol),
    /// Sixel or iTerm2: drawn only whole.
    Whole(Encoded),
}

/// A picture ready to draw.
pub struct Prepared {
    /// The protocol it was encoded for.
    pub protocol: Protocol,
    /// The encoded picture.
    pub drawn: Drawn,
    /// What drawing it whole onto blank cells writes, for half blocks (plain cells: the
    /// backend cannot tell them from text); None for the escape-sequence protocols, which
    /// the backend counts as they are sent.
    pub cost: Option<u64>,
    /// How long decoding and encoding took.
    pub took: Duration,
    /// Half blocks' colours are brought down to this depth as they are drawn.
    pub depth: ColorDepth,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("protocol", &self.protocol)
            .field("cost", &self.cost)
            .field("took", &self.took)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    /// Draw the rows of the picture that fall inside `area`, the picture's top `top` rows
    /// below `area`'s top (negative: above it, scrolled out). A picture drawn whole only is
    /// drawn when all of it is inside; returns whether anything was drawn.
    pub fn render(&self, area: Rect, top: i32, cols: u16, rows: u16, buf: &mut Buffer) -> bool {
        let bottom = top + i32::from(rows);
        if bottom <= 0 || top >= i32::from(area.height) {
            return false;
        }
        match &self.drawn {
            Drawn::Sliced(sliced) => {
                let y = i16::try_from(top).unwrap_or(i16::MIN);
                SlicedImage::new(sliced, SignedPosition::from((0, y))).render(area, buf);
                if self.protocol == Protocol::Halfblocks {
                    let first = u16::try_from(top.max(0)).unwrap_or(0);
                    let last = u16::try_from(bottom.min(i32::from(area.height))).unwrap_or(0);
                    let drawn = Rect::new(
                        area.x,
                        area.y + first,
                        cols.min(area.width),
                        last.saturating_sub(first),
                    );
                    bring_down(buf, drawn, self.depth);
                }
                true
            }
            Drawn::Whole(encoded) => {
                if top < 0 || bottom > i32::from(area.height) {
                    return false;
                }
                let y = area.y + u16::try_from(top).unwrap_or(0);
                let target = Rect::new(area.x, y, cols.min(area.width), rows);
                Image::new(encoded).render(target, buf);
                true
            }
        }
    }
}

/// The colours of the cells of `area` as a terminal of `depth` shows them (the theme's own
/// colours went through the same [`downgrade`]).
fn bring_down(buf: &mut Buffer, area: Rect, depth: ColorDepth) {
    if depth == ColorDepth::TrueColor {
        return;
    }
    let down = |c: Color| match c {
        Color::Rgb(r, g, b) => to_color(downgrade(style::Color::Rgb(r, g, b), depth)),
        c => c,
    };
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                let (fg, bg) = (down(cell.fg), down(cell.bg));
                cell.set_fg(fg).set_bg(bg);
            }
        }
    }
}

/// Decode and encode what `request` asks for. Every failure is a message naming the file.
pub fn prepare(request: &Request) -> Ready {
    let started = Instant::now();
    let key = request.key.clone();
    let decoded = match request.embedded {
        Some(files) => files.decode(&key.path, &request.limits),
        None => decode(&key.path, &request.limits),
    };
    let result = decoded
        .map_err(|e| e.to_string())
        .and_then(|decoded| {
            request
                .encoder
                .encode(
                    &decoded.image,
                    key.cols,
                    key.rows,
                    kitty_id(&key.path, key.cols, key.rows),
                )
                .map_err(|e| format!("{}: cannot encode the image: {e}", key.path.display()))
        })
        .map(|encoded| {
            let protocol = request.encoder.protocol;
            let cost = (protocol == Protocol::Halfblocks)
                .then(|| halfblocks_cost(&encoded, key.cols, key.rows, request.depth));
            let drawn = match encoded {
                Encoded::Kitty(k) => Drawn::Sliced(SlicedProtocol::Kitty(k)),
                Encoded::Halfblocks(h) => Drawn::Sliced(SlicedProtocol::Halfblocks(h)),
                whole => Drawn::Whole(whole),
            };
            Prepared {
                protocol,
                drawn,
                cost,
                took: started.elapsed(),
                depth: request.depth,
            }
        });
    Ready { key, result }
}

/// The bytes the reader's backend writes to draw half blocks whole onto blank cells.
fn halfblocks_cost(encoded: &Encoded, cols: u16, rows: u16, depth: ColorDepth) -> u64 {
    use ratatui::backend::Backend;
    let area = Rect::new(0, 0, cols, rows);
    let blank = Buffer::empty(area);
    let mut drawn = Buffer::empty(area);
    Image::new(encoded).render(area, &mut drawn);
    bring_down(&mut drawn, area, depth);
    let mut backend = crate::tui::backend::SlimBackend::new(Vec::new());
    if backend.draw(blank.diff(&drawn).into_iter()).is_err() {
        return 0;
    }
    backend.writer().len() as u64
}
