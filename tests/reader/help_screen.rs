//! The `?` help screen: drawn without a terminal (ratatui TestBackend and insta, at 80x24 and
//! 120x40, over Japanese articles): its first screen holds the basic keys, paged, and narrowed
//! by `/`; then the real binary in a pseudo-terminal: `?`, `Space` pages and the position on
//! the frame moves, `/` and a word leave only the keys found, `Esc` shows all again, then
//! closes.

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kiji::index::Index;
use kiji::loader::{self, LoadOptions};
use kiji::tui::action::Action;
use kiji::tui::app::{App, Overlay, Settings};
use kiji::tui::keymap::{BASIC_TITLE, Keymap};
use kiji::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader")
}

fn app(w: u16, h: u16) -> App {
    let index = Index::new(loader::load(&[fixtures()], &LoadOptions::default()));
    App::new(index, Settings::default(), w, h)
}

/// Press `keys` (one character each, `\r` for Enter, `\x1b` for Esc) through the key table.
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(a) = app.keymap().action(app.context(), &event) {
            app.update(a);
        }
    }
}

fn render(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal
}

fn screen(app: &App) -> String {
    let terminal = render(app);
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row + "\n"
        })
        .collect()
}

fn snapshot(name: &str, keys: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        press(&mut a, keys);
        assert!(
            matches!(a.overlay(), Overlay::Help(_)),
            "{name}: help is open"
        );
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), render(&a).backend());
    }
}

#[test]
fn the_first_screen_at_80x24_holds_every_basic_key() {
    let mut a = app(80, 24);
    press(&mut a, "?");
    let text = screen(&a);
    let keymap = Keymap::default_keys();
    let sections = keymap.sections();
    assert_eq!(sections[0].title, BASIC_TITLE);
    for b in &sections[0].bindings {
        assert!(
            text.contains(&b.description),
            "{:?} is not on the first screen:\n{text}",
            b.description
        );
    }
    for everyday in [
        "Quit",
        "Search titles",
        "Filter by tags",
        "Back to the list",
    ] {
        assert!(text.contains(everyday), "{everyday}:\n{text}");
    }
    assert!(text.contains(" 1-20/"), "the position:\n{text}");
}

#[test]
fn paged_once() {
    snapshot("help_paged", "? ");
}

#[test]
fn narrowed_to_the_keys_found() {
    // Full-width letters find what their half-width forms find.
    snapshot("help_found", "?/ｔａｇ\r");
}

#[test]
fn while_a_key_is_typed() {
    snapshot("help_finding", "?/page");
}

#[test]
fn a_query_that_finds_nothing_says_so() {
    let mut a = app(80, 24);
    press(&mut a, "?/zzz");
    let text = screen(&a);
    assert!(text.contains("No key has \"zzz\"."), "{text}");
    assert!(text.contains("/zzz▏  no key"), "{text}");
    press(&mut a, "\x1b");
    assert!(
        screen(&a).contains(BASIC_TITLE),
        "esc while typing shows all again"
    );
    press(&mut a, "\x1b");
    assert_eq!(*a.overlay(), Overlay::None, "then esc closes");
}

#[test]
fn a_long_query_is_cut_on_the_edge_but_not_the_count() {
    let mut a = app(50, 20);
    press(&mut a, "?/show or hide the mascot sidebar");
    let text = screen(&a);
    let edge = text.lines().nth(18).unwrap_or_default();
    assert!(edge.contains("…▏  1 key"), "{edge}");
    assert!(
        edge.contains(" 1-") && edge.ends_with(" ┘"),
        "the position: {edge}"
    );
}

#[test]
fn a_resize_lays_the_help_out_again_and_keeps_the_scroll_within_it() {
    let mut a = app(80, 24);
    press(&mut a, "?G");
    let scroll = |a: &App| match a.overlay() {
        Overlay::Help(h) => (h.scroll(), h.rows().len()),
        other => panic!("help is not open: {other:?}"),
    };
    let (at_end, rows) = scroll(&a);
    assert_eq!(at_end, rows - 20);
    a.update(Action::Resize(80, 200));
    assert_eq!(scroll(&a).0, 0, "everything fits");
    assert!(screen(&a).contains(&format!(" 1-{rows}/{rows} ")));
    a.update(Action::Resize(40, 12));
    let (_, narrow_rows) = scroll(&a);
    assert!(narrow_rows > rows, "narrower rows wrap: {narrow_rows}");
    press(&mut a, "G");
    assert_eq!(scroll(&a).0, narrow_rows - 8);
}

#[test]
fn a_paste_while_finding_goes_into_the_query() {
    let mut a = app(80, 24);
    press(&mut a, "?/");
    let paste = Event::Paste("ｍａｓｃｏｔ\n".to_string());
    for action in kiji::tui::actions_for(&a, &paste) {
        a.update(action);
    }
    match a.overlay() {
        Overlay::Help(h) => assert_eq!((h.query(), h.found()), ("ｍａｓｃｏｔ ", 3)),
        other => panic!("help is not open: {other:?}"),
    }
    press(&mut a, "\r");
    let paste = Event::Paste("q".to_string());
    assert!(
        kiji::tui::actions_for(&a, &paste).is_empty(),
        "a paste means nothing once the query is kept"
    );
}

/// The `first-last/total` position on the help's bottom edge, if the screen shows one.
fn position(screen: &vt100::Screen) -> Option<(usize, usize, usize)> {
    let rows = screen.size().0.get();
    let cols = screen.size().1.get();
    let edge = screen.contents_between(rows - 2, 0, rows - 2, cols);
    edge.split([' ', '─', '┘', '└']).find_map(|w| {
        let (range, total) = w.split_once('/')?;
        let (first, last) = range.split_once('-')?;
        Some((first.parse().ok()?, last.parse().ok()?, total.parse().ok()?))
    })
}

#[test]
fn the_real_binary_pages_the_help_and_finds_a_key() {
    let root = fixtures().to_string_lossy().into_owned();
    let mut s =
        crate::pty::Session::start(&[&root], Path::new(env!("CARGO_MANIFEST_DIR")), 80, 24, &[]);
    s.wait_for_text("q quit");
    s.send("?");
    s.wait_for("the help's first page", |sc| {
        sc.contents().contains(BASIC_TITLE) && position(sc).is_some()
    });
    let (first, last, total) = position(s.parser.screen()).expect("a position");
    assert_eq!((first, last), (1, 20), "of {total}");
    assert!(total > 40, "more than two pages of keys");

    s.send(" ");
    s.wait_for("the second page", |sc| {
        position(sc).is_some_and(|(first, _, _)| first > 1)
    });
    let (first, last, _) = position(s.parser.screen()).expect("a position");
    assert_eq!((first, last), (19, 38), "a page keeps two rows");
    assert!(!s.screen().contains(BASIC_TITLE), "{}", s.screen());

    s.send("/mascot");
    s.wait_for_text("/mascot▏");
    let shown = s.screen();
    assert!(shown.contains("Show or hide the mascot sidebar"), "{shown}");
    assert!(!shown.contains("Quit"), "only the keys found:\n{shown}");
    assert!(
        shown.contains("enter keep"),
        "the prompt's keys in the status bar:\n{shown}"
    );

    s.send("\r");
    s.wait_for_text("esc shows all");
    s.send("\x1b");
    s.wait_for_text(BASIC_TITLE);
    s.send("\x1b");
    s.wait_for("the help to close", |sc| {
        let text = sc.contents();
        !text.contains(BASIC_TITLE) && text.contains("q quit")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
