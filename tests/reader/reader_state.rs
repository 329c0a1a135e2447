//! The reader's state machine without a terminal: keys in, state out.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiji::index::{Index, TagMode};
use kiji::loader::{self, LoadOptions};
use kiji::tui::action::Action;
use kiji::tui::app::{App, Overlay, Row, Settings, Sort, Startup, list_rows};
use kiji::tui::effects::Message;
use kiji::tui::marks::Marks;
use kiji::tui::panes::Focus;

fn app(w: u16, h: u16) -> App {
    started(w, h, Startup::default())
}

/// A reader over the fixtures started as `startup` says.
fn started(w: u16, h: u16, startup: Startup) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    App::start(index, Settings::default(), (w, h), startup)
}

fn press(app: &mut App, keys: &str) -> bool {
    let mut changed = false;
    for c in keys.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(a) = app.keymap().action(app.context(), &event) {
            changed |= app.update(a).redraw;
        }
    }
    changed
}

fn code(app: &mut App, code: KeyCode) -> bool {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    app.keymap()
        .action(app.context(), &event)
        .is_some_and(|a| app.update(a).redraw)
}

fn ids(app: &App) -> Vec<String> {
    app.visible()
        .iter()
        .map(|&i| app.index().articles()[i].id.clone())
        .collect()
}

#[test]
fn lists_newest_first_and_moves() {
    let mut a = app(120, 40);
    assert_eq!(
        ids(&a),
        [
            "20261101/long-title/en",
            "20261101/long-title/ja",
            "20261020/quiet/ja",
            "20261015/widths/en"
        ]
    );
    assert!(!press(&mut a, "k"), "k on the first row changes nothing");
    assert!(press(&mut a, "j"));
    assert_eq!(a.selected(), 1);
    assert!(press(&mut a, "G"));
    assert_eq!(a.selected(), 3);
    assert!(!press(&mut a, "j"), "j on the last row changes nothing");
    assert!(press(&mut a, "g"));
    assert_eq!(a.selected(), 0);
}

#[test]
fn tag_picker_filters_with_and_or_and_keeps_the_selection() {
    let mut a = app(120, 40);
    press(&mut a, "j"); // long-title/ja
    press(&mut a, "t");
    assert!(matches!(a.overlay(), Overlay::Picker(_)));
    press(&mut a, "日本語");
    code(&mut a, KeyCode::Char(' '));
    code(&mut a, KeyCode::Enter);
    assert_eq!(ids(&a), ["20261101/long-title/ja", "20261020/quiet/ja"]);
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261101/long-title/ja")
    );
    // Add a second tag: AND narrows, OR widens.
    press(&mut a, "t");
    press(&mut a, "ai");
    code(&mut a, KeyCode::Char(' '));
    code(&mut a, KeyCode::Enter);
    assert_eq!(a.filter().tag_mode, TagMode::All);
    assert!(ids(&a).is_empty());
    press(&mut a, "t");
    code(&mut a, KeyCode::Tab);
    code(&mut a, KeyCode::Enter);
    assert_eq!(a.filter().tag_mode, TagMode::Any);
    assert_eq!(
        ids(&a),
        [
            "20261101/long-title/ja",
            "20261020/quiet/ja",
            "20261015/widths/en"
        ]
    );
    press(&mut a, "T");
    assert_eq!(ids(&a).len(), 4);
    assert!(!press(&mut a, "T"), "clearing nothing changes nothing");
}

#[test]
fn picker_escape_cancels() {
    let mut a = app(120, 40);
    press(&mut a, "t");
    press(&mut a, "term");
    code(&mut a, KeyCode::Char(' '));
    code(&mut a, KeyCode::Esc);
    assert_eq!(*a.overlay(), Overlay::None);
    assert!(a.filter().is_empty());
}

#[test]
fn number_keys_filter_by_the_articles_nth_tag() {
    let mut a = app(120, 40);
    press(&mut a, "j");
    code(&mut a, KeyCode::Enter);
    assert_eq!(a.focus(), Focus::Body);
    let current = a.current().expect("selected").clone();
    assert!(a.marks().get(&current).read);
    press(&mut a, "2"); // 日本語
    assert_eq!(a.filter().tags, ["日本語"]);
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261101/long-title/ja")
    );
    assert!(!press(&mut a, "9"), "no 9th tag");
}

#[test]
fn body_scrolls_and_pages_within_bounds() {
    let mut a = app(60, 12);
    code(&mut a, KeyCode::Enter);
    let max = a.body().lines.len().saturating_sub(8);
    for _ in 0..100 {
        press(&mut a, "j");
    }
    assert_eq!(a.body_scroll(), max);
    assert!(!press(&mut a, "j"));
    press(&mut a, "g");
    assert_eq!(a.body_scroll(), 0);
    assert!(!press(&mut a, "b"), "paging up at the top changes nothing");
}

#[test]
fn mascot_toggles_and_resizes() {
    let mut a = app(120, 40);
    assert!(a.panes().mascot.is_some());
    press(&mut a, "m");
    assert!(a.panes().mascot.is_none());
    let mut b = app(80, 24);
    assert!(b.panes().mascot.is_none());
    press(&mut b, "m");
    assert!(
        b.panes().mascot.is_none(),
        "below 100 columns the list has the whole width"
    );
    code(&mut b, KeyCode::Enter);
    assert!(
        b.panes().mascot.is_some(),
        "below the article once it is open"
    );
    assert!(b.update(Action::Resize(40, 12)).redraw);
    assert!(
        !b.update(Action::Resize(40, 12)).redraw,
        "the same size changes nothing"
    );
    assert!(
        b.panes().list.is_none(),
        "one pane at a time below 100 columns: the open article"
    );
}

#[test]
fn help_opens_and_closes() {
    let mut a = app(80, 24);
    press(&mut a, "?");
    assert!(matches!(a.overlay(), Overlay::Help(h) if h.scroll() == 0));
    press(&mut a, "j");
    assert!(matches!(a.overlay(), Overlay::Help(h) if h.scroll() == 1));
    code(&mut a, KeyCode::Esc);
    assert_eq!(*a.overlay(), Overlay::None);
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    let quit = a
        .keymap()
        .action(a.context(), &q)
        .map(|action| a.update(action));
    assert!(quit.is_some_and(|e| e.quit));
}

#[test]
fn translation_key_switches_language_at_the_same_place_and_back() {
    let mut a = app(80, 12);
    code(&mut a, KeyCode::Enter); // long-title/en
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261101/long-title/en")
    );
    code(&mut a, KeyCode::End);
    assert_eq!(a.body_percent(), 100);
    assert!(press(&mut a, "L"));
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261101/long-title/ja")
    );
    assert_eq!(a.focus(), Focus::Body);
    assert_eq!(a.body_percent(), 100, "same place in the other language");
    code(&mut a, KeyCode::Home);
    assert!(press(&mut a, "L"));
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261101/long-title/en")
    );
    assert_eq!(a.body_scroll(), 0);
}

#[test]
fn translation_hidden_by_the_locale_filter_drops_that_filter() {
    let mut a = app(80, 24);
    let mut f = a.filter().clone();
    f.locale = Some("en".into());
    a.update(Message::Filter(f));
    assert_eq!(ids(&a), ["20261101/long-title/en", "20261015/widths/en"]);
    code(&mut a, KeyCode::Enter);
    assert!(press(&mut a, "L"));
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261101/long-title/ja")
    );
    assert_eq!(a.filter().locale, None);
}

#[test]
fn locale_key_cycles_all_ja_en_all_and_lang_sets_the_default() {
    let mut a = app(80, 24);
    assert!(press(&mut a, "z"));
    assert_eq!(a.filter().locale.as_deref(), Some("ja"));
    assert_eq!(ids(&a), ["20261101/long-title/ja", "20261020/quiet/ja"]);
    assert!(press(&mut a, "z"));
    assert_eq!(a.filter().locale.as_deref(), Some("en"));
    assert_eq!(ids(&a), ["20261101/long-title/en", "20261015/widths/en"]);
    assert_eq!(a.session().filter.to_filter().locale.as_deref(), Some("en"));
    assert!(press(&mut a, "z"));
    assert_eq!(a.filter().locale, None);
    assert_eq!(ids(&a).len(), 4);

    let lang = |l: &str| Startup {
        lang: Some(l.to_string()),
        ..Startup::default()
    };
    let b = started(80, 24, lang("ja_JP.UTF-8"));
    assert_eq!(b.filter().locale.as_deref(), Some("ja"));
    for l in ["C.UTF-8", "fr_FR.UTF-8"] {
        let c = started(80, 24, lang(l));
        assert_eq!(c.filter().locale, None, "{l}: all languages");
    }
}

#[test]
fn category_picker_combines_with_the_tag_filter() {
    let mut a = app(120, 40);
    press(&mut a, "t");
    press(&mut a, "unicode");
    code(&mut a, KeyCode::Char(' '));
    code(&mut a, KeyCode::Enter);
    assert_eq!(
        ids(&a),
        [
            "20261101/long-title/en",
            "20261101/long-title/ja",
            "20261015/widths/en"
        ]
    );
    press(&mut a, "c");
    assert_eq!(a.context(), kiji::tui::keymap::Context::Picker);
    let Overlay::Category(p) = &a.overlay() else {
        panic!("category picker: {:?}", a.overlay())
    };
    // Community has no Unicode-tagged article, so it is not offered.
    let offered: Vec<(&str, usize)> = p
        .list
        .items
        .iter()
        .map(|i| (i.tag.as_str(), i.count))
        .collect();
    assert_eq!(offered, [("", 3), ("Terminal", 2), ("Unicode", 1)]);
    press(&mut a, "ter");
    code(&mut a, KeyCode::Enter);
    assert_eq!(*a.overlay(), Overlay::None);
    assert_eq!(a.filter().category.as_deref(), Some("Terminal"));
    assert_eq!(a.filter().tags, ["Unicode"]);
    assert_eq!(
        ids(&a),
        ["20261101/long-title/en", "20261101/long-title/ja"]
    );
    // Esc cancels; choosing "all categories" clears the category only.
    press(&mut a, "c");
    code(&mut a, KeyCode::Esc);
    assert_eq!(a.filter().category.as_deref(), Some("Terminal"));
    press(&mut a, "c");
    code(&mut a, KeyCode::Home);
    code(&mut a, KeyCode::Up);
    code(&mut a, KeyCode::Up);
    code(&mut a, KeyCode::Enter);
    assert_eq!(a.filter().category, None);
    assert_eq!(a.filter().tags, ["Unicode"]);
}

#[test]
fn related_list_opens_an_article_and_links_need_links() {
    let mut a = app(120, 40);
    code(&mut a, KeyCode::Enter); // long-title/en: Terminal, Unicode
    press(&mut a, "r");
    let Overlay::Menu(m) = &a.overlay() else {
        panic!("related list: {:?}", a.overlay())
    };
    assert_eq!(m.list.items.len(), 1, "{:?}", m.list.items);
    assert!(m.list.items[0].contains("width folding"));
    press(&mut a, "j"); // one entry: j changes nothing but does not type
    code(&mut a, KeyCode::Enter);
    assert_eq!(*a.overlay(), Overlay::None);
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261015/widths/en")
    );
    assert_eq!(a.focus(), Focus::Body);
    press(&mut a, "o");
    assert_eq!(*a.overlay(), Overlay::None);
    assert_eq!(a.notice(), Some("this article has no links"));
}

fn heading_rows(app: &App) -> Vec<(Option<String>, usize)> {
    app.rows()
        .iter()
        .filter_map(|r| match r {
            Row::Heading(d, n) => Some((d.map(|d| d.to_string()), *n)),
            Row::Article(_) => None,
        })
        .collect()
}

#[test]
fn d_groups_by_date_with_counts_and_j_k_skip_the_headings() {
    let mut a = app(120, 40);
    assert!(a.rows().iter().all(|r| matches!(r, Row::Article(_))));
    assert!(press(&mut a, "D"));
    assert!(a.grouping());
    assert_eq!(
        heading_rows(&a),
        [
            (Some("2026-11-01".to_string()), 2),
            (Some("2026-10-20".to_string()), 1),
            (Some("2026-10-15".to_string()), 1),
        ]
    );
    assert_eq!(
        a.rows(),
        [
            Row::Heading(a.index().articles()[0].date, 2),
            Row::Article(0),
            Row::Article(1),
            Row::Heading(a.index().articles()[2].date, 1),
            Row::Article(2),
            Row::Heading(a.index().articles()[3].date, 1),
            Row::Article(3),
        ]
    );
    assert_eq!(a.selected(), 0);
    assert_eq!(a.selected_row(), 1);
    assert_eq!(
        a.list_offset(),
        0,
        "the first heading shows above the selection"
    );
    press(&mut a, "j");
    assert_eq!((a.selected(), a.selected_row()), (1, 2));
    press(&mut a, "j");
    assert_eq!(
        (a.selected(), a.selected_row()),
        (2, 4),
        "the heading is skipped"
    );
    press(&mut a, "k");
    assert_eq!((a.selected(), a.selected_row()), (1, 2));
    press(&mut a, "G");
    assert_eq!((a.selected(), a.selected_row()), (3, 6));
    press(&mut a, "g");
    assert_eq!((a.selected(), a.selected_row()), (0, 1));
    // The counts are of the current list: a tag filter changes them.
    press(&mut a, "t");
    press(&mut a, "unicode");
    code(&mut a, KeyCode::Char(' '));
    code(&mut a, KeyCode::Enter);
    assert_eq!(
        heading_rows(&a),
        [
            (Some("2026-11-01".to_string()), 2),
            (Some("2026-10-15".to_string()), 1),
        ]
    );
    assert!(press(&mut a, "D"));
    assert_eq!(a.rows().len(), a.visible().len());
}

#[test]
fn grouped_list_scrolls_to_show_the_selection_and_its_heading() {
    // 120x8: the list pane has few rows, so moving down must scroll.
    let mut a = app(120, 9);
    press(&mut a, "D");
    let rows = a.rows().len();
    press(&mut a, "G");
    let sel = a.selected_row();
    assert_eq!(sel, rows - 1);
    assert!(a.list_offset() <= sel);
    press(&mut a, "g");
    assert_eq!(
        a.list_offset(),
        0,
        "back at the top the first heading shows"
    );
}

#[test]
fn articles_without_a_date_are_grouped_last_under_no_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |rel: &str, front: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, format!("---\n{front}locale: ja\n---\n\n本文\n")).expect("write");
    };
    write("misc/a/ja.md", "title: 日付なし\n");
    write("misc/b/ja.md", "title: これも日付なし\n");
    write("20251118/c/ja.md", "title: 記事\ndate: 2025-11-18\n");
    let mut loaded = loader::load(&[dir.path().to_path_buf()], &LoadOptions::default());
    // The loader falls back to the file's time; an article can still come without a date.
    for a in &mut loaded.articles {
        if a.id.starts_with("misc/") {
            a.date = None;
        }
    }
    let index = Index::new(loaded);
    let visible: Vec<usize> = (0..index.articles().len()).collect();
    let rows = list_rows(&index, &visible, true);
    assert_eq!(
        rows,
        [
            Row::Heading(kiji::date::Date::new(2025, 11, 18), 1),
            Row::Article(0),
            Row::Heading(None, 2),
            Row::Article(1),
            Row::Article(2),
        ]
    );
    let a = App::new(index, Settings::default(), 80, 24);
    let text = a.heading_text(None, 2);
    assert_eq!(text, "(no date) (2)");
    assert_eq!(list_rows(a.index(), &visible, false).len(), 3);
}

#[test]
fn o_sorts_by_title_keeping_the_selection_and_drops_the_headings() {
    let mut a = app(120, 40);
    press(&mut a, "j"); // 20261101/long-title/ja
    press(&mut a, "D");
    assert!(press(&mut a, "O"));
    assert_eq!(a.sort(), Sort::Title);
    assert_eq!(
        ids(&a),
        [
            "20261101/long-title/en",
            "20261015/widths/en",
            "20261020/quiet/ja",
            "20261101/long-title/ja",
        ]
    );
    assert_eq!(
        a.current().map(|x| x.id.as_str()),
        Some("20261101/long-title/ja"),
        "the selection stays on the same article"
    );
    assert!(
        a.grouped() && !a.grouping(),
        "no headings when sorted by title"
    );
    assert!(a.rows().iter().all(|r| matches!(r, Row::Article(_))));
    // A filter keeps the title order.
    press(&mut a, "z"); // ja only (no LANG in tests: all -> ja)
    assert_eq!(ids(&a), ["20261020/quiet/ja", "20261101/long-title/ja"]);
    press(&mut a, "zz"); // en, then all again: the selection fell to the first article
    let before = a.current().map(|x| x.id.clone());
    assert!(press(&mut a, "O"));
    assert_eq!(a.sort(), Sort::Date);
    assert_eq!(a.current().map(|x| x.id.clone()), before);
    assert!(a.grouping());
    assert_eq!(a.rows()[a.selected_row()], Row::Article(a.selected()));
}

#[test]
fn sort_and_grouping_are_saved_with_the_session() {
    let mut a = app(120, 40);
    press(&mut a, "t");
    press(&mut a, "unicode");
    code(&mut a, KeyCode::Char(' '));
    code(&mut a, KeyCode::Enter);
    press(&mut a, "DOj");
    let session = a.session();
    assert!(session.filter.sort_by_title && session.filter.grouped);
    // Through JSON and back, as the state file keeps it.
    let json = serde_json::to_string(&session).expect("json");
    let back: kiji::state::Session = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, session);
    let mut marks = Marks::in_memory();
    marks.set_session(back);
    let b = started(
        120,
        40,
        Startup {
            marks: Some(marks),
            ..Startup::default()
        },
    );
    assert_eq!(b.sort(), Sort::Title);
    assert!(b.grouped());
    assert_eq!(b.filter().tags, ["Unicode"]);
    assert_eq!(ids(&b), ids(&a));
    assert_eq!(b.current().map(|x| &x.id), a.current().map(|x| &x.id));
    // An older session without the fields reads as date order, ungrouped.
    let old: kiji::state::Session =
        serde_json::from_str(r#"{"filter":{"tags":["x"]}}"#).expect("old session");
    assert!(!old.filter.sort_by_title && !old.filter.grouped);
}

#[test]
fn chips_show_the_order_when_not_the_default() {
    use kiji::tui::view::chips;
    let mut a = app(120, 40);
    assert!(chips(&a).is_empty());
    press(&mut a, "D");
    assert_eq!(chips(&a), ["grouped"]);
    press(&mut a, "O");
    assert_eq!(chips(&a), ["by title"]);
    press(&mut a, "D");
    assert_eq!(chips(&a), ["by title"]);
}

fn read(app: &App, i: usize) -> bool {
    let a = &app.index().articles()[app.visible()[i]];
    app.marks().get(a).read
}

#[test]
fn capital_j_and_k_step_through_the_list_and_read_when_the_article_has_the_keys() {
    let mut a = app(120, 40);
    press(&mut a, "J");
    assert_eq!((a.selected(), a.focus()), (1, Focus::List));
    assert!(!read(&a, 1), "from the list J only selects");
    code(&mut a, KeyCode::Enter);
    press(&mut a, "J");
    assert_eq!((a.selected(), a.focus()), (2, Focus::Body));
    assert!(read(&a, 2), "from the article J reads the next one");
    press(&mut a, "JJ");
    assert_eq!(a.selected(), 3);
    assert!(
        a.notice().is_some_and(|n| n.contains("last article")),
        "{:?}",
        a.notice()
    );
    press(&mut a, "K");
    assert_eq!(a.selected(), 2);
    assert_eq!(a.notice(), None, "a notice lasts until the next key");
}

#[test]
fn next_unread_skips_read_articles_and_comes_round_from_the_top() {
    let mut a = app(120, 40);
    press(&mut a, "ju"); // the second article read
    press(&mut a, "k");
    assert_eq!(a.unread_count(), 3);
    press(&mut a, "U");
    assert_eq!(a.selected(), 2, "the second is read: the third");
    assert!(a.notice().is_some_and(|n| n.starts_with("next unread: ")));
    press(&mut a, "jU");
    assert_eq!(a.selected(), 0, "round from the top");
    assert!(a.notice().is_some_and(|n| n.contains("from the top")));
    // Space at the end of an article that fits goes on too, and reads it there.
    code(&mut a, KeyCode::Enter);
    let before = a.unread_count();
    press(&mut a, " ");
    assert_ne!(a.selected(), 0);
    assert_eq!(a.focus(), Focus::Body);
    assert!(a.unread_count() < before);
}

#[test]
fn capital_r_asks_and_only_y_marks_everything_read() {
    let mut a = app(120, 40);
    press(&mut a, "R");
    assert!(matches!(a.overlay(), Overlay::Confirm(_)));
    press(&mut a, "q");
    assert_eq!(*a.overlay(), Overlay::None, "any other key says no, q too");
    assert_eq!(a.unread_count(), 4);
    assert_eq!(a.notice(), Some("nothing changed"));
    press(&mut a, "R");
    code(&mut a, KeyCode::Esc);
    assert_eq!(a.unread_count(), 4);
    press(&mut a, "Ry");
    assert_eq!(a.unread_count(), 0);
    assert_eq!(a.notice(), Some("marked 4 articles read"));
    press(&mut a, "R");
    assert_eq!(
        *a.overlay(),
        Overlay::None,
        "nothing to ask when all are read"
    );
    assert_eq!(a.notice(), Some("every article in the list is read"));
}

#[test]
fn unread_only_lists_what_is_unread_until_the_filter_changes() {
    let mut a = app(120, 40);
    press(&mut a, "ju");
    press(&mut a, "I");
    assert!(a.unread_only());
    assert_eq!(a.visible().len(), 3);
    code(&mut a, KeyCode::Enter);
    assert_eq!(a.visible().len(), 3, "what is read meanwhile stays listed");
    press(&mut a, "T");
    assert!(!a.unread_only(), "T clears it with the other filters");
    assert_eq!(a.visible().len(), 4);
}

#[test]
fn mark_read_at_the_end_waits_until_the_article_is_scrolled_to_its_end() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let index = Index::new(loader::load(&[root], &LoadOptions::default()));
    let settings = Settings {
        mark_read: kiji::config::MarkRead::End,
        ..Settings::default()
    };
    let mut a = App::start(index, settings, (60, 12), Startup::default());
    press(&mut a, "j"); // the long Japanese title, longer than a 12-row pane
    code(&mut a, KeyCode::Enter);
    assert!(!read(&a, 1), "opened is not read yet");
    press(&mut a, "G");
    assert!(read(&a, 1), "read at its end");
}
