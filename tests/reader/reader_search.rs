//! The reader's `/` search without a terminal: keys in, state and screen out, over
//! `tests/fixtures/search` (Japanese and English articles with full-width, half-width and
//! katakana text).

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiji::index::Index;
use kiji::loader::{self, LoadOptions};
use kiji::text::{AmbiguousWidth, str_width};
use kiji::tui::app::{App, Settings};
use kiji::tui::effects::Message;
use kiji::tui::keymap::Context;
use kiji::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn app(w: u16, h: u16) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    App::new(index, Settings::default(), w, h)
}

fn key(app: &mut App, code: KeyCode) -> bool {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    app.keymap()
        .action(app.context(), &event)
        .is_some_and(|a| app.update(a).redraw)
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn ids(app: &App) -> Vec<String> {
    app.visible()
        .iter()
        .map(|&i| app.index().articles()[i].id.clone())
        .collect()
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size().0, app.size().1)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal
}

/// The screen's rows with highlighted (underlined) cells wrapped in `[` `]`, so a snapshot
/// shows which characters the search marks.
fn marked_rows(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut inside = false;
        let mut skip = 0;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if skip > 0 {
                // The cell behind a wide glyph.
                skip -= 1;
                continue;
            }
            skip = str_width(cell.symbol(), AmbiguousWidth::Narrow).saturating_sub(1);
            let hit = cell.modifier.contains(Modifier::UNDERLINED);
            if hit != inside {
                out.push(if hit { '[' } else { ']' });
                inside = hit;
            }
            out.push_str(cell.symbol());
        }
        if inside {
            out.push(']');
        }
        out.push('\n');
    }
    out
}

#[test]
fn typing_narrows_the_list_on_every_key() {
    let mut a = app(100, 30);
    assert_eq!(a.visible().len(), 5);
    assert!(key(&mut a, KeyCode::Char('/')));
    assert_eq!(a.context(), Context::Search);
    typed(&mut a, "く");
    let after_one = a.visible().len();
    assert!(after_one < 5, "one kana narrows: {after_one}");
    typed(&mut a, "ろーど");
    assert_eq!(ids(&a), ["20261101/claude-code/ja"]);
    assert_eq!(a.filter().text.as_deref(), Some("くろーど"));
    // Backspace widens again.
    for _ in 0..4 {
        key(&mut a, KeyCode::Backspace);
    }
    assert_eq!(a.visible().len(), 5);
    assert_eq!(a.filter().text, None);
}

#[test]
fn enter_keeps_the_query_and_esc_restores_the_previous_one() {
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "claude");
    key(&mut a, KeyCode::Enter);
    assert!(!a.searching());
    assert_eq!(a.filter().text.as_deref(), Some("claude"));
    assert_eq!(a.visible().len(), 3);
    // A second search starts from the kept query; Esc puts it back.
    key(&mut a, KeyCode::Char('/'));
    assert!(
        matches!(&a.overlay(), kiji::tui::app::Overlay::Search(p) if p.query == "claude"),
        "{:?}",
        a.overlay()
    );
    typed(&mut a, " terminal");
    assert_eq!(a.visible().len(), 2);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.filter().text.as_deref(), Some("claude"));
    assert_eq!(a.visible().len(), 3);
    // From no query, Esc leaves none.
    key(&mut a, KeyCode::Char('T'));
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "gpu");
    assert_eq!(a.visible().len(), 1);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.filter().text, None);
    assert_eq!(a.visible().len(), 5);
}

#[test]
fn search_combines_with_tags() {
    let mut a = app(100, 30);
    let mut f = a.filter().clone();
    f.tags = vec!["terminal".to_string()];
    a.update(Message::Filter(f));
    assert_eq!(a.visible().len(), 1);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "claude");
    assert_eq!(ids(&a), ["20261104/phrase/en"]);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.filter().tags, ["terminal"]);
}

#[test]
fn n_and_shift_n_walk_the_body_matches() {
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "claude");
    key(&mut a, KeyCode::Enter);
    // The phrase article: title none, body "Claude ..." once.
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.context(), Context::Body);
    let total = a.matches().lines.len();
    assert!(total >= 1, "the body shows Claude");
    assert!(key(&mut a, KeyCode::Char('n')));
    assert_eq!(a.matches().current, Some(0));
    assert_eq!(a.matches().label(), Some(format!("match 1/{total}")));
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(a.matches().current, Some(total - 1));
    let screen = render(&a);
    let text = format!("{}", screen.backend());
    assert!(text.contains(&format!("match {total}/{total}")), "{text}");
}

#[test]
fn n_scrolls_the_match_into_view() {
    // A narrow, short screen so the body overflows.
    let mut a = app(60, 12);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "npm");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    let rows = usize::from(kiji::tui::panes::inner(a.panes().body.expect("body")).height);
    let lines = a.matches().lines.clone();
    assert!(!lines.is_empty());
    for _ in 0..lines.len() {
        key(&mut a, KeyCode::Char('n'));
        let line = lines[a.matches().current.expect("current")];
        assert!(
            line >= a.body_scroll() && line < a.body_scroll() + rows,
            "match line {line} visible from {}",
            a.body_scroll()
        );
    }
}

#[test]
fn prompt_snapshot() {
    for (w, h) in [(100, 24), (60, 16)] {
        let mut a = app(w, h);
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, "くろーど");
        insta::assert_snapshot!(format!("search_prompt_{w}x{h}"), render(&a).backend());
    }
}

#[test]
fn kept_query_chip_snapshot() {
    let mut a = app(100, 24);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "くろーど");
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!("search_kept_100x24", render(&a).backend());
}

#[test]
fn highlighted_titles_snapshot() {
    // Full-width, half-width and kana matches, marked in [brackets].
    for (name, query) in [
        ("search_highlight_width", "ｸﾗｳﾄﾞ ｇｐｕ"),
        ("search_highlight_kana", "くろーど"),
        ("search_highlight_case", "claude"),
    ] {
        let mut a = app(100, 12);
        key(&mut a, KeyCode::Char('/'));
        typed(&mut a, query);
        key(&mut a, KeyCode::Enter);
        insta::assert_snapshot!(name, marked_rows(&render(&a)), query);
    }
}

#[test]
fn background_folding_gives_the_same_result() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let warm = Index::new(loader::load(
        std::slice::from_ref(&root),
        &LoadOptions::default(),
    ));
    warm.prepare_search_in_background();
    let cold = Index::new(loader::load(&[root], &LoadOptions::default()));
    for q in ["くろーど", "ｇｐｕ", "\"code review\"", "npm"] {
        let f = kiji::index::Filter {
            text: Some(q.to_string()),
            ..Default::default()
        };
        assert_eq!(warm.filter(&f), cold.filter(&f), "{q}");
    }
}

#[test]
fn the_session_keeps_a_kept_query_not_one_being_typed() {
    let mut a = app(100, 30);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "claude");
    assert_eq!(a.session().filter.text, None);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.session().filter.text.as_deref(), Some("claude"));
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, " code");
    assert_eq!(a.session().filter.text.as_deref(), Some("claude"));
}

#[test]
fn the_prompt_is_ascii_with_ascii_glyphs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    let settings = Settings {
        glyphs: kiji::tui::theme::Glyphs::ascii(),
        ..Settings::default()
    };
    let mut a = App::new(index, settings, 80, 20);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "gpu");
    let screen = format!("{}", render(&a).backend());
    let last = screen.lines().last().unwrap_or_default().to_string();
    assert!(last.contains("gpu_  1/5"), "{last}");
}

/// A paste of many keys into the prompt is typed at once and searched once, at the end of the
/// batch: the filter stays as it was until `settle`, and then holds the whole query.
#[test]
fn a_batch_of_typed_keys_searches_once_when_it_settles() {
    use kiji::tui::action::Action;
    let mut a = app(120, 40);
    let all = a.visible().len();
    key(&mut a, KeyCode::Char('/'));
    for c in "くろーど".chars() {
        assert!(a.update_queued(Action::SearchType(c)).redraw);
        assert_eq!(a.filter().text, None, "not searched while keys are queued");
        assert_eq!(a.visible().len(), all);
    }
    a.settle();
    assert_eq!(a.filter().text.as_deref(), Some("くろーど"));
    assert!(a.visible().len() < all, "{:?}", ids(&a));
    // Esc behind queued keys needs no search for them: the old query comes straight back.
    a.update_queued(Action::SearchType('x'));
    a.update_queued(Action::SearchCancel);
    assert_eq!(a.filter().text, None);
    assert_eq!(a.visible().len(), all);
    assert_eq!(a.context(), Context::List);
}

/// Any other key settles what was typed before it, so it sees the searched list.
#[test]
fn a_key_after_typed_keys_sees_their_search() {
    use kiji::tui::action::Action;
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('/'));
    for c in "くろーど".chars() {
        a.update_queued(Action::SearchType(c));
    }
    a.update_queued(Action::SearchAccept);
    assert_eq!(a.filter().text.as_deref(), Some("くろーど"));
    assert_eq!(a.context(), Context::List);
}

#[test]
fn a_romaji_query_highlights_the_kana_it_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: 新しいモデルの話\ndate: 2026-11-01\nlocale: ja\n---\n\nモデルを試す。\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.md"),
        "---\ntitle: 天気の話\ndate: 2026-11-02\nlocale: ja\n---\n\n晴れ。\n",
    )
    .expect("write");
    let index = Index::new(loader::load(
        &[dir.path().to_path_buf()],
        &LoadOptions::default(),
    ));
    let mut a = App::new(index, Settings::default(), 120, 40);
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "moderu");
    key(&mut a, KeyCode::Enter);
    assert_eq!(ids(&a), ["a"]);
    let rows = marked_rows(&render(&a));
    assert!(rows.contains("新しい[モデル]の話"), "{rows}");
    assert!(rows.contains("[モデル]を試す。"), "{rows}");
    // The header repeats the title: two matches in the article, `n` goes to each.
    assert_eq!(a.matches().label().as_deref(), Some("2 matches"));
}

/// A query typed while a scan is still folding the search texts neither holds the keys nor
/// is lost: the prompt says it waits, Enter keeps it, and it is searched for once the texts
/// are there (the loop settles again while the reader waits).
#[test]
fn a_query_typed_before_the_search_texts_waits_for_them_without_blocking() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    let slot = index.search_slot();
    let all = index.articles().len();
    let mut app = App::new(index, Settings::default(), 120, 40);
    assert!(app.index().search_waits());
    key(&mut app, KeyCode::Char('/'));
    typed(&mut app, "ターミナル");
    // Returns at once (a search would wait for the slot, which nothing fills yet).
    app.settle();
    assert!(app.awaits_texts());
    assert_eq!(app.visible().len(), all, "nothing searched yet");
    let screen = format!("{:?}", render(&app).backend().buffer());
    assert!(
        screen.contains("searched once the files are read"),
        "{screen}"
    );
    key(&mut app, KeyCode::Enter);
    app.settle();
    assert!(app.awaits_texts(), "kept after Enter");

    assert!(slot.fill(|a| Some(kiji::search::search_text(a).into())));
    assert!(app.settle().redraw);
    assert!(!app.awaits_texts());
    assert!(app.visible().len() < all && !app.visible().is_empty());
    assert_eq!(app.filter().text.as_deref(), Some("ターミナル"));
}
