//! Snapshots of every pane and overlay at 120x40, 80x24 and 50x20 with Japanese content
//! (ratatui TestBackend + insta), and a check that no row is wider than the screen and no pane
//! border is displaced, for every article.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiji::index::Index;
use kiji::loader::{self, LoadOptions};
use kiji::text::{AmbiguousWidth, str_width};
use kiji::tui::app::{App, Settings};
use kiji::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn app_over(root: PathBuf, w: u16, h: u16) -> App {
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    App::new(index, Settings::default(), w, h)
}

fn fixture_app(w: u16, h: u16) -> App {
    app_over(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader"),
        w,
        h,
    )
}

fn keys(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(a) = app.keymap().action(app.context(), &event) {
            app.update(a);
        }
    }
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal
}

/// The sizes every pane is drawn at: the wide layout, the classic SSH terminal, and narrower.
const SIZES: [(u16, u16); 5] = [(120, 40), (80, 24), (60, 20), (50, 20), (40, 15)];

fn snapshot(name: &str, setup: impl Fn(&mut App)) {
    for (w, h) in SIZES {
        let mut app = fixture_app(w, h);
        setup(&mut app);
        let terminal = render(&app);
        assert_layout_intact(terminal.backend().buffer(), &app, name);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn list_pane() {
    snapshot("list", |_| {});
}

#[test]
fn list_with_the_long_title_selected() {
    snapshot("list_long_title", |a| keys(a, &chars("j")));
}

#[test]
fn body_pane() {
    snapshot("body", |a| keys(a, &[KeyCode::Char('j'), KeyCode::Enter]));
}

#[test]
fn body_scrolled() {
    snapshot("body_scrolled", |a| {
        keys(
            a,
            &[
                KeyCode::Char('j'),
                KeyCode::Enter,
                KeyCode::Char('j'),
                KeyCode::Char('j'),
            ],
        )
    });
}

#[test]
fn mascot_without_a_comment() {
    snapshot("mascot_no_comment", |a| {
        keys(
            a,
            &[KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('m')],
        )
    });
}

#[test]
fn tag_picker() {
    snapshot("tag_picker", |a| {
        let mut k = vec![KeyCode::Char('t')];
        k.extend(chars("uni"));
        k.push(KeyCode::Char(' '));
        keys(a, &k);
    });
}

#[test]
fn filtered_with_chips() {
    snapshot("filtered", |a| {
        let mut k = vec![KeyCode::Char('t')];
        k.extend(chars("日本語"));
        k.extend([KeyCode::Char(' '), KeyCode::Enter]);
        keys(a, &k);
    });
}

#[test]
fn help_screen() {
    snapshot("help", |a| keys(a, &chars("?")));
}

#[test]
fn too_small() {
    let app = fixture_app(19, 5);
    insta::assert_snapshot!("too_small_19x5", render(&app).backend());
}

/// Walk a row as a terminal would: each cell advances by its glyph's width. Returns the columns
/// where a glyph starts and the row's total width.
fn walk(buf: &Buffer, y: u16) -> (Vec<u16>, usize) {
    let mut starts = Vec::new();
    let mut x = 0u16;
    while x < buf.area.width {
        starts.push(x);
        let w = str_width(buf[(x, y)].symbol(), AmbiguousWidth::Narrow).max(1);
        x += u16::try_from(w).unwrap_or(1);
    }
    (starts, usize::from(x))
}

fn is_border(sym: &str) -> bool {
    matches!(sym, "│" | "┌" | "┐" | "└" | "┘" | "─" | "█" | "║")
}

/// No row wider than the screen; every pane's side borders where the layout put them.
fn assert_layout_intact(buf: &Buffer, app: &App, what: &str) {
    let panes = app.panes();
    for y in 0..buf.area.height {
        let (starts, width) = walk(buf, y);
        assert!(
            width <= usize::from(buf.area.width),
            "{what}: row {y} is {width} wide"
        );
        for pane in [panes.list, panes.body, panes.mascot].into_iter().flatten() {
            if y < pane.y || y >= pane.bottom() {
                continue;
            }
            for x in [pane.x, pane.right() - 1] {
                let sym = buf[(x, y)].symbol();
                let covered = !starts.contains(&x);
                let overlay = !matches!(app.overlay(), kiji::tui::app::Overlay::None);
                if !overlay {
                    assert!(
                        !covered && is_border(sym),
                        "{what}: border at ({x},{y}) is {sym:?}"
                    );
                }
            }
        }
    }
}

/// Every article of a folder selected in turn, at 120x40, 80x24 and 60x20, list and body focus:
/// the layout stays intact. Runs over `articles/` in CI; set KIJI_CORPUS to run it over another
/// folder (e.g. ../shared/corpus/technyan-2025).
#[test]
fn layout_intact_for_every_article() {
    let root = std::env::var_os("KIJI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"));
    let mut checked = 0;
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let mut app = app_over(root.clone(), w, h);
        let n = app.visible().len();
        assert!(n > 0, "no articles under {}", root.display());
        for i in 0..n {
            for focus_body in [false, true] {
                if focus_body {
                    keys(&mut app, &[KeyCode::Enter, KeyCode::Char(' ')]);
                }
                let terminal = render(&app);
                assert_layout_intact(
                    terminal.backend().buffer(),
                    &app,
                    &format!("{w}x{h} article {i}"),
                );
                checked += 1;
                if focus_body {
                    keys(&mut app, &[KeyCode::Esc]);
                }
            }
            keys(&mut app, &[KeyCode::Char('j')]);
        }
    }
    eprintln!("checked {checked} screens under {}", root.display());
}

#[test]
fn list_grouped_by_date() {
    let mut app = fixture_app(80, 24);
    keys(&mut app, &chars("Dj"));
    let terminal = render(&app);
    assert_layout_intact(terminal.backend().buffer(), &app, "list_grouped");
    insta::assert_snapshot!("list_grouped_80x24", terminal.backend());
}
