//! The mascot sidebar (TestBackend + insta): a short comment, a long one and none, at 100x30
//! and 140x40 (the sidebar 24 and 30 columns wide, the bubble as tall as its text, the mascot
//! right under it); `m` remembered through the session; and the light theme's colours, drawn
//! into the snapshot as a map of styles since TestBackend's text shows only symbols.

use std::collections::BTreeMap;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiji::index::Index;
use kiji::loader::{self, LoadOptions};
use kiji::style::{Background, ColorDepth, Theme as PlainTheme};
use kiji::tui::app::{App, Settings};
use kiji::tui::theme::Theme;
use kiji::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn app(w: u16, h: u16, settings: Settings) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mascot");
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    App::new(index, settings, w, h)
}

fn press(app: &mut App, c: char) {
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    if let Some(a) = app.keymap().action(app.context(), &event) {
        app.update(a);
    }
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal
}

/// The sidebar's text, row by row (the right-hand pane of the screen).
fn sidebar(app: &App, terminal: &Terminal<TestBackend>) -> Vec<String> {
    let r = app.panes().mascot.expect("the sidebar is shown");
    let buf = terminal.backend().buffer();
    (r.y..r.bottom())
        .map(|y| {
            (r.x..r.right())
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// Snapshots of the whole screen with the article `down` rows from the top selected.
fn snapshot(name: &str, down: usize) {
    for (w, h) in [(100, 30), (140, 40)] {
        let mut a = app(w, h, Settings::default());
        for _ in 0..down {
            press(&mut a, 'j');
        }
        let terminal = render(&a);
        let side = sidebar(&a, &terminal);
        assert_eq!(side[0].chars().count(), if w >= 140 { 30 } else { 24 });
        // The mascot sits right under the bubble's tail, and the rest below is blank.
        let tail = side
            .iter()
            .position(|row| row.contains('┬'))
            .expect("a bubble tail");
        assert!(side[tail + 1].contains("/\\_/\\"), "{side:#?}");
        assert!(
            side[tail + 5..side.len() - 1]
                .iter()
                .all(|row| row.trim_matches(['│', ' ']).is_empty()),
            "{side:#?}"
        );
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn a_short_comment_gets_a_short_bubble() {
    snapshot("mascot_short_comment", 0);
}

#[test]
fn a_long_comment_scrolls() {
    snapshot("mascot_long_comment", 1);
    let mut a = app(100, 30, Settings::default());
    press(&mut a, 'j');
    let before = sidebar(&a, &render(&a));
    press(&mut a, ']');
    let after = sidebar(&a, &render(&a));
    assert_ne!(before[2], after[2], "] scrolls the speech");
    assert_eq!(after[1], before[1], "the bubble stays where it was");
}

#[test]
fn without_a_comment_the_mascot_tells_the_facts() {
    snapshot("mascot_no_comment_facts", 2);
    let mut a = app(140, 40, Settings::default());
    press(&mut a, 'j');
    press(&mut a, 'j');
    let said = sidebar(&a, &render(&a)).join("\n");
    for words in ["Nobody remembers", "3 minutes to read", "2 related"] {
        assert!(said.contains(words), "{words} in {said}");
    }
}

#[test]
fn m_hides_the_sidebar_and_the_session_remembers() {
    let mut a = app(120, 40, Settings::default());
    assert!(a.panes().mascot.is_some());
    assert_eq!(a.session().mascot, None, "nothing said, nothing kept");
    press(&mut a, 'm');
    assert!(a.panes().mascot.is_none());
    assert_eq!(a.session().mascot, Some(false));
    press(&mut a, 'm');
    assert!(a.panes().mascot.is_some());
    assert_eq!(a.session().mascot, Some(true));
}

/// The screen as a map of styles: one letter per cell for its style (`.` for the terminal's
/// own colours), and under it which style each letter is.
fn style_map(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut names: BTreeMap<String, char> = BTreeMap::new();
    let mut rows = Vec::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let key = format!("fg {:?} bg {:?} {:?}", cell.fg, cell.bg, cell.modifier);
            let plain = cell.fg == Color::Reset && cell.bg == Color::Reset;
            let next = char::from(b'a' + u8::try_from(names.len() % 26).unwrap_or(0));
            let letter = if plain && cell.modifier.is_empty() {
                '.'
            } else {
                *names.entry(key).or_insert(next)
            };
            row.push(letter);
        }
        rows.push(row);
    }
    let mut legend: Vec<(char, String)> = names.into_iter().map(|(k, c)| (c, k)).collect();
    legend.sort();
    let legend: Vec<String> = legend
        .into_iter()
        .map(|(c, k)| format!("{c}: {k}"))
        .collect();
    format!("{}\n\n{}", rows.join("\n"), legend.join("\n"))
}

fn light(depth: ColorDepth) -> Settings {
    Settings {
        theme: Theme::from_plain(&PlainTheme::built_in(Background::Light, depth)),
        ..Settings::default()
    }
}

#[test]
fn the_light_theme_in_true_colour() {
    let a = app(100, 30, light(ColorDepth::TrueColor));
    let terminal = render(&a);
    insta::assert_snapshot!("light_truecolor_100x30", style_map(&terminal));
    // The unfocused borders are a mid grey that keeps 3:1 on white.
    let body = a.panes().body.expect("body");
    let corner = &terminal.backend().buffer()[(body.x, body.y + 1)];
    assert_eq!(corner.fg, Color::Rgb(0x8a, 0x8a, 0x8a), "{corner:?}");
}

#[test]
fn the_light_theme_at_16_colours_has_no_white_on_white() {
    let a = app(100, 30, light(ColorDepth::Ansi16));
    let terminal = render(&a);
    insta::assert_snapshot!("light_16_100x30", style_map(&terminal));
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        let on_terminal = cell.bg == Color::Reset && !cell.modifier.contains(Modifier::REVERSED);
        assert!(
            !(on_terminal && matches!(cell.fg, Color::Gray | Color::White)),
            "{cell:?}"
        );
    }
}
