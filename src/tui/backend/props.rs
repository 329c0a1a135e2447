//! The backend's promise, as a property: whatever two frames it draws one after the other,
//! shown each frame first as the reader does, a terminal emulator (vt100) ends up showing the
//! second frame, glyph for glyph and pen for pen (bold and dim apart: vt100 keeps only one).

use std::num::NonZeroU16;

use proptest::prelude::*;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::SlimBackend;
use crate::text::{AmbiguousWidth, str_width};

const COLS: u16 = 24;
const ROWS: u16 = 3;
const SIZE: (NonZeroU16, NonZeroU16) = (
    NonZeroU16::new(ROWS).unwrap(),
    NonZeroU16::new(COLS).unwrap(),
);
const GLYPHS: [&str; 8] = ["a", "b", " ", " ", "日", "本", "…", "e\u{301}"];

/// The styles of the spans; each sets every colour and attribute, whatever it is drawn over.
fn style(i: usize) -> Style {
    let s = Style::new()
        .fg(Color::Reset)
        .bg(Color::Reset)
        .remove_modifier(Modifier::all());
    match i {
        0 => s,
        1 => s.fg(Color::Red),
        2 => s.fg(Color::Indexed(245)).add_modifier(Modifier::BOLD),
        3 => s.bg(Color::Blue),
        4 => s.add_modifier(Modifier::REVERSED),
        5 => s.fg(Color::Rgb(1, 2, 3)).add_modifier(Modifier::ITALIC),
        _ => s.add_modifier(Modifier::DIM),
    }
}

/// Rows of spans: each span some glyphs in one style, drawn one after another.
fn frame() -> impl Strategy<Value = Buffer> {
    let span = (prop::collection::vec(0..GLYPHS.len(), 1..6), 0..7usize);
    let row = prop::collection::vec(span, 0..8);
    prop::collection::vec(row, ROWS as usize).prop_map(|rows| {
        let mut buf = Buffer::empty(Rect::new(0, 0, COLS, ROWS));
        for (y, spans) in rows.iter().enumerate() {
            let y = y as u16;
            let mut x = 0;
            for (glyphs, s) in spans {
                let text: String = glyphs.iter().map(|&g| GLYPHS[g]).collect();
                x = buf
                    .set_stringn(x, y, &text, usize::from(COLS - x), style(*s))
                    .0;
                if x >= COLS {
                    break;
                }
            }
        }
        buf
    })
}

/// A frame and another made from it by drawing a few spans over it, so that changed cells
/// alternate with unchanged ones, as when a list's highlight moves or a preview changes.
fn frame_pair() -> impl Strategy<Value = (Buffer, Buffer)> {
    let edit = (
        0..ROWS,
        0..COLS,
        prop::collection::vec(0..GLYPHS.len(), 1..3),
        0..7usize,
    );
    (frame(), prop::collection::vec(edit, 0..16)).prop_map(|(old, edits)| {
        let mut new = old.clone();
        for (y, x, glyphs, s) in edits {
            let text: String = glyphs.iter().map(|&g| GLYPHS[g]).collect();
            new.set_stringn(x, y, &text, usize::from(COLS - x), style(s));
        }
        (old, new)
    })
}

fn vt_color(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Red => vt100::Color::Idx(1),
        Color::Blue => vt100::Color::Idx(4),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        other => panic!("no such colour in the test: {other:?}"),
    }
}

/// Where the emulator's screen differs from `buf` (wide glyphs' second columns aside).
fn differences(screen: &vt100::Screen, buf: &Buffer) -> Vec<String> {
    let mut out = Vec::new();
    for y in 0..ROWS {
        let mut x = 0;
        while x < COLS {
            let want = &buf[(x, y)];
            let width = str_width(want.symbol(), AmbiguousWidth::Narrow).max(1) as u16;
            let Some(got) = screen.cell(y, x) else {
                out.push(format!("({x},{y}) missing"));
                break;
            };
            let contents = if got.contents().is_empty() {
                " "
            } else {
                got.contents()
            };
            let m = want.modifier;
            let expected = (
                want.symbol(),
                vt_color(want.fg),
                vt_color(want.bg),
                m.contains(Modifier::BOLD),
                m.contains(Modifier::DIM),
                m.contains(Modifier::ITALIC),
                m.contains(Modifier::REVERSED),
            );
            let seen = (
                contents,
                got.fgcolor(),
                got.bgcolor(),
                got.bold(),
                got.dim(),
                got.italic(),
                got.inverse(),
            );
            if expected != seen {
                out.push(format!("({x},{y}) want {expected:?}, got {seen:?}"));
            }
            x += width;
        }
    }
    out
}

/// Draw `old` then `new` (showing the backend each frame first when `shown`): the bytes of
/// the second draw and the emulator's screen at the end.
fn draw_both(old: &Buffer, new: &Buffer, shown: bool) -> (usize, vt100::Parser) {
    let mut b = SlimBackend::new(Vec::new());
    let empty = Buffer::empty(old.area);
    if shown {
        b.upcoming(old.clone());
    }
    b.draw(empty.diff(old).into_iter()).expect("draw");
    let first = b.writer().len();
    if shown {
        b.upcoming(new.clone());
    }
    b.draw(old.diff(new).into_iter()).expect("draw");
    let mut vt = vt100::Parser::new(SIZE.0, SIZE.1, 0);
    vt.process(b.writer());
    (b.writer().len() - first, vt)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_terminal_shows_the_frame_drawn((old, new) in prop_oneof![
        (frame(), frame()),
        frame_pair(),
    ]) {
        let (_, vt) = draw_both(&old, &new, true);
        prop_assert_eq!(differences(vt.screen(), &new), Vec::<String>::new());
        // Not shown the frames, the backend cannot know where a wide glyph drawn over leaves
        // a column the terminal erased in its own way (in the pen in use, or the default).
        let wide = old.content.iter().any(|c| str_width(c.symbol(), AmbiguousWidth::Narrow) > 1);
        let (_, vt) = draw_both(&old, &new, false);
        if !wide {
            prop_assert_eq!(differences(vt.screen(), &new), Vec::<String>::new());
        }
    }
}
