//! Pictures in the article pane without a terminal (TestBackend + insta): the placeholder of
//! the final height with `⋯ loading` before the picture is ready, the half blocks of a
//! four-colour PNG once it is (the cells' colours are the picture's), a missing picture's
//! alt text and notice, nothing asked for or laid out with pictures off, and no picture asked
//! for an article a held preview passes over.

use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiji::images::{CellSize, Protocol};
use kiji::index::Index;
use kiji::loader::{self, LoadOptions};
use kiji::tui::app::{App, Settings};
use kiji::tui::effects::Message;
use kiji::tui::pictures::{PictureSettings, prepare};
use kiji::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use crate::pictures_fixture::{COLOURS, folder};

fn app(root: &Path, protocol: Option<Protocol>, w: u16, h: u16) -> App {
    let index = Index::new(loader::load(&[root.to_path_buf()], &LoadOptions::default()));
    let settings = Settings {
        pictures: PictureSettings {
            protocol,
            ..PictureSettings::default()
        },
        ..Settings::default()
    };
    let mut a = App::new(index, settings, w, h);
    a.set_cell_size(CellSize::default());
    a
}

fn press(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    if let Some(action) = app.keymap().action(app.context(), &event) {
        app.update(action);
    }
}

fn enter(app: &mut App) {
    let event = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    if let Some(action) = app.keymap().action(app.context(), &event) {
        app.update(action);
    }
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal
}

/// What the worker would do: prepare every picture asked for and hand it to the reader.
fn finish_pictures(app: &mut App) -> usize {
    let requests = app.take_picture_requests();
    for request in &requests {
        app.update(Message::Picture(prepare(request)));
    }
    requests.len()
}

/// The body pane's rows as text.
fn body(app: &App, terminal: &Terminal<TestBackend>) -> Vec<String> {
    let r = app.panes().body.expect("body pane");
    let buf = terminal.backend().buffer();
    (r.y..r.bottom())
        .map(|y| (r.x..r.right()).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The colours of `cols` x `rows` cells from (`x`, `y`), a cell as its foreground and
/// background letters: R, G, B, Y for the four colours, `~` for a blend, `.` for none.
fn colour_map(buf: &ratatui::buffer::Buffer, x: u16, y: u16, cols: u16, rows: u16) -> String {
    let letter = |c: Color| match c {
        Color::Reset => '.',
        c if c == rgb(COLOURS[0]) => 'R',
        c if c == rgb(COLOURS[1]) => 'G',
        c if c == rgb(COLOURS[2]) => 'B',
        c if c == rgb(COLOURS[3]) => 'Y',
        _ => '~',
    };
    (y..y + rows)
        .map(|y| {
            (x..x + cols)
                .map(|x| {
                    let cell = &buf[(x, y)];
                    format!("{}{}", letter(cell.fg), letter(cell.bg))
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rgb(c: [u8; 3]) -> Color {
    Color::Rgb(c[0], c[1], c[2])
}

#[test]
fn the_placeholder_has_the_final_height_then_half_blocks_fill_it() {
    let dir = folder();
    let mut a = app(dir.path(), Some(Protocol::Halfblocks), 80, 24);
    // The list is sorted newest first: the picture's article is selected.
    enter(&mut a);
    let block = a
        .body()
        .images
        .first()
        .expect("the picture is laid out")
        .clone();
    assert_eq!((block.cols, block.rows), (20, 4), "160x64 px at 8x16 cells");
    let before = render(&a);
    let rows_before = body(&a, &before);
    insta::assert_snapshot!("picture_loading_80x24", rows_before.join("\n"));
    assert_eq!(finish_pictures(&mut a), 1, "one picture asked for");
    assert_eq!(a.notice(), Some("picture 707 B"));
    let after = render(&a);
    let rows_after = body(&a, &after);
    let inner = kiji::tui::panes::inner(a.panes().body.expect("body"));
    let top = inner.y + u16::try_from(block.line - a.body_scroll()).expect("on screen");
    let map = colour_map(after.backend().buffer(), inner.x, top, 20, 4);
    insta::assert_snapshot!(
        "picture_halfblocks_80x24",
        format!("{}\n\n{map}", rows_after.join("\n"))
    );
    // The text around the picture did not move: the placeholder was the picture's height.
    let alt = |rows: &[String]| rows.iter().position(|r| r.contains("four flat colours"));
    assert_eq!(alt(&rows_before), alt(&rows_after));
    assert!(alt(&rows_after).is_some());
    // Each corner cell is its quarter's colour.
    let buf = after.backend().buffer();
    let cell = |x: u16, y: u16| &buf[(inner.x + x, top + y)];
    assert_eq!(cell(0, 0).fg, rgb(COLOURS[0]));
    assert_eq!(cell(19, 0).fg, rgb(COLOURS[1]));
    assert_eq!(cell(0, 3).bg, rgb(COLOURS[2]));
    assert_eq!(cell(19, 3).bg, rgb(COLOURS[3]));
}

#[test]
fn a_picture_scrolled_partly_out_shows_its_lower_rows() {
    let dir = folder();
    let mut a = app(dir.path(), Some(Protocol::Halfblocks), 80, 24);
    enter(&mut a);
    finish_pictures(&mut a);
    let block = a.body().images[0].clone();
    while a.body_scroll() < block.line + 2 {
        press(&mut a, 'j');
    }
    let t = render(&a);
    let inner = kiji::tui::panes::inner(a.panes().body.expect("body"));
    let buf = t.backend().buffer();
    // Rows 2 and 3 of the picture are the first two rows of the pane (row 2 blends the
    // quarters' edge a little; row 3 is the bottom quarters' own colours).
    assert_ne!(
        buf[(inner.x, inner.y)].bg,
        Color::Reset,
        "the picture's row 2 on top"
    );
    assert_eq!(buf[(inner.x, inner.y + 1)].bg, rgb(COLOURS[2]));
    assert_eq!(buf[(inner.x + 19, inner.y + 1)].bg, rgb(COLOURS[3]));
    assert_eq!(
        buf[(inner.x, inner.y + 2)].bg,
        Color::Reset,
        "the picture ends"
    );
}

#[test]
fn a_missing_picture_is_its_alt_text_and_a_notice_naming_the_file() {
    let dir = folder();
    let mut a = app(dir.path(), Some(Protocol::Halfblocks), 80, 24);
    press(&mut a, 'j');
    enter(&mut a);
    assert!(a.body().images.is_empty(), "a missing file takes no rows");
    assert_eq!(finish_pictures(&mut a), 0);
    let t = render(&a);
    let text = body(&a, &t).join("\n");
    assert!(text.contains("the diagram that is not there"), "{text}");
}

#[test]
fn a_picture_that_cannot_be_decoded_says_so_and_keeps_its_alt_text() {
    let dir = folder();
    let mut a = app(dir.path(), Some(Protocol::Halfblocks), 80, 24);
    enter(&mut a);
    // The file goes bad after the layout sized it.
    std::fs::write(dir.path().join("quarters.png"), b"\x89PNG\r\n\x1a\nbroken").expect("write");
    finish_pictures(&mut a);
    let notice = a.notice().expect("a notice").to_string();
    assert!(notice.contains("quarters.png"), "{notice}");
    let t = render(&a);
    let text = body(&a, &t).join("\n");
    assert!(text.contains("four flat colours"), "{text}");
    assert!(!text.contains("loading"), "{text}");
}

#[test]
fn with_pictures_off_nothing_is_laid_out_or_asked_for() {
    let dir = folder();
    let mut a = app(dir.path(), None, 80, 24);
    enter(&mut a);
    assert!(a.body().images.is_empty());
    assert!(a.take_picture_requests().is_empty());
    let text = body(&a, &render(&a)).join("\n");
    assert!(text.contains("four flat colours"), "{text}");
}

#[test]
fn a_held_preview_asks_for_no_picture_of_the_articles_it_passes() {
    let dir = folder();
    crate::pictures_fixture::quarters_png(&dir.path().join("other.png"), 80, 32);
    for (name, date, body) in [
        ("b-second.md", "2026-11-15", "![another](other.png)\n"),
        ("c-oldest.md", "2026-11-01", "No picture.\n"),
    ] {
        std::fs::write(
            dir.path().join(name),
            format!("---\ntitle: {name}\ndate: {date}\n---\n\n{body}"),
        )
        .expect("write");
    }
    // Newest first: the picture, the missing one, the second picture, the oldest. A held
    // `j` passes over the second picture's article.
    let mut a = app(dir.path(), Some(Protocol::Halfblocks), 120, 40);
    a.take_picture_requests();
    let t0 = Instant::now();
    for i in 0..3 {
        a.key_time(t0 + Duration::from_millis(30 * i));
        press(&mut a, 'j');
    }
    let _ = a.show_preview();
    let asked: Vec<_> = a
        .take_picture_requests()
        .into_iter()
        .map(|r| r.key.path)
        .collect();
    assert!(asked.is_empty(), "nothing for a key repeat: {asked:?}");
    // Stepping back after a pause shows the second picture's article, and asks for it.
    a.key_time(t0 + Duration::from_secs(2));
    press(&mut a, 'k');
    let asked = a.take_picture_requests();
    assert_eq!(asked.len(), 1);
    assert!(asked[0].key.path.ends_with("other.png"));
}

/// Whether any cell of the frame carries a kitty transmit.
fn has_transmit(terminal: &Terminal<TestBackend>) -> bool {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .any(|c| c.symbol().contains("\x1b_G"))
}

#[test]
fn a_kitty_picture_is_transmitted_in_the_first_frame_no_window_covers() {
    let dir = folder();
    let mut a = app(dir.path(), Some(Protocol::Kitty), 120, 40);
    press(&mut a, '?');
    finish_pictures(&mut a);
    assert!(!has_transmit(&render(&a)), "not under the help screen");
    let event = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let close = a.keymap().action(a.context(), &event).expect("esc closes");
    a.update(close);
    assert!(has_transmit(&render(&a)), "sent once the help is closed");
    assert!(!has_transmit(&render(&a)), "and only once");
}

/// The sample article's picture made ready at the size the reader gives it at 120x40, for
/// half blocks and kitty; how long it took is printed with `--nocapture` (never asserted).
#[test]
fn the_sample_picture_is_prepared_for_each_protocol() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/20261202/terminal-pictures");
    for protocol in [
        Protocol::Halfblocks,
        Protocol::Kitty,
        Protocol::Sixel,
        Protocol::Iterm2,
    ] {
        let mut a = app(&root, Some(protocol), 120, 40);
        let requests = a.take_picture_requests();
        assert_eq!(requests.len(), 1, "{protocol:?}");
        let ready = prepare(&requests[0]);
        let prepared = ready.result.as_ref().expect("prepared");
        eprintln!(
            "{protocol:?}: {}x{} cells, decoded and encoded in {:?}",
            ready.key.cols, ready.key.rows, prepared.took
        );
    }
}

#[test]
fn half_blocks_take_the_palette_colours_of_a_256_colour_terminal() {
    let dir = folder();
    let index = Index::new(loader::load(
        &[dir.path().to_path_buf()],
        &LoadOptions::default(),
    ));
    let settings = Settings {
        pictures: PictureSettings {
            protocol: Some(Protocol::Halfblocks),
            depth: kiji::style::ColorDepth::Ansi256,
            ..PictureSettings::default()
        },
        ..Settings::default()
    };
    let mut a = App::new(index, settings, 80, 24);
    enter(&mut a);
    finish_pictures(&mut a);
    let block = a.body().images[0].clone();
    let t = render(&a);
    let inner = kiji::tui::panes::inner(a.panes().body.expect("body"));
    let top = inner.y + u16::try_from(block.line - a.body_scroll()).expect("on screen");
    let buf = t.backend().buffer();
    for y in top..top + 4 {
        for x in inner.x..inner.x + 20 {
            let cell = &buf[(x, y)];
            for c in [cell.fg, cell.bg] {
                assert!(matches!(c, Color::Indexed(_)), "{c:?} at {x},{y}");
            }
        }
    }
    // The red quarter as xterm's nearest palette colour, 160 (#d70000).
    assert_eq!(buf[(inner.x, top)].bg, Color::Indexed(160));
}

#[test]
fn a_sixel_picture_is_drawn_only_whole() {
    let dir = folder();
    let mut a = app(dir.path(), Some(Protocol::Sixel), 80, 24);
    enter(&mut a);
    finish_pictures(&mut a);
    let sixel = |t: &Terminal<TestBackend>| {
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.symbol().contains("\x1bP"))
    };
    assert!(sixel(&render(&a)), "whole on screen: drawn");
    let block = a.body().images[0].clone();
    while a.body_scroll() <= block.line {
        press(&mut a, 'j');
    }
    let t = render(&a);
    assert!(!sixel(&t), "its first row scrolled out: not drawn");
    let text = body(&a, &t).join("\n");
    assert!(text.contains("four flat colours"), "{text}");
}
