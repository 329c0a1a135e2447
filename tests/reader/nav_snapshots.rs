//! Snapshots of the navigation additions with Japanese content (ratatui TestBackend + insta):
//! the link list (`o`), the related-articles section at the end of the body and its list
//! (`r`), and the category picker (`c`).

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiji::index::Index;
use kiji::loader::{self, LoadOptions};
use kiji::tui::app::{App, Overlay, Settings};
use kiji::tui::effects::Effects;
use kiji::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_over(dir: &str, w: u16, h: u16) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    App::new(index, Settings::default(), w, h)
}

/// Press `codes`; what the loop would have to do for them.
fn keys(app: &mut App, codes: &[KeyCode]) -> Effects {
    let mut effects = Effects::default();
    for &code in codes {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(a) = app.keymap().action(app.context(), &event) {
            effects = effects.and(app.update(a));
        }
    }
    effects
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

fn select(app: &mut App, id: &str) {
    let pos = app.index().position(id).expect("article");
    let row = app
        .visible()
        .iter()
        .position(|&p| p == pos)
        .expect("visible");
    keys(app, &[KeyCode::Char('g')]);
    for _ in 0..row {
        keys(app, &[KeyCode::Char('j')]);
    }
    keys(app, &[KeyCode::Enter]);
}

fn screen(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal
}

#[test]
fn links_list_of_a_japanese_article() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app_over("articles", w, h);
        select(&mut app, "20260318/offline-news-reader-guide/ja");
        keys(&mut app, &chars("o"));
        assert!(matches!(app.overlay(), Overlay::Menu(_)));
        insta::assert_snapshot!(format!("links_list_{w}x{h}"), screen(&app).backend());
        let effects = keys(&mut app, &[KeyCode::Char('2')]);
        assert_eq!(*app.overlay(), Overlay::None);
        assert_eq!(
            effects.copy.as_deref(),
            app.body().links.get(1).map(String::as_str)
        );
        assert!(
            app.notice().is_some_and(|n| n.contains("[2] copied")),
            "{:?}",
            app.notice()
        );
    }
}

#[test]
fn related_section_at_the_end_of_a_japanese_article() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app_over("articles", w, h);
        select(&mut app, "20260416/rust-1-95-release/ja");
        keys(&mut app, &[KeyCode::End]);
        let text: Vec<String> = app.body().lines.iter().map(|l| l.plain_text()).collect();
        assert!(
            text.iter().any(|l| l.contains("関連記事 Related")),
            "{text:?}"
        );
        insta::assert_snapshot!(format!("related_section_{w}x{h}"), screen(&app).backend());
        keys(&mut app, &chars("r"));
        assert!(matches!(app.overlay(), Overlay::Menu(_)));
        insta::assert_snapshot!(format!("related_list_{w}x{h}"), screen(&app).backend());
    }
}

#[test]
fn category_picker_over_the_list() {
    let mut app = app_over("tests/fixtures/reader", 80, 24);
    keys(&mut app, &chars("c"));
    insta::assert_snapshot!("category_picker_80x24", screen(&app).backend());
}
