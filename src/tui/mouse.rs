//! The mouse: which pane a wheel turn or a click lands in (hit-testing against the frame's
//! panes and the list's rows) and the [`Action`] it asks for. Pure: it reads the state and
//! changes nothing.
//!
//! The wheel scrolls what is under the pointer: over the list it moves the selection, over
//! the article it scrolls [`WHEEL_LINES`] lines, over the mascot it scrolls the speech bubble;
//! on the help screen and in the pickers it scrolls them wherever it is. A left click on an
//! article's row selects it (and gives the list the keys); a click in the article gives the
//! article the keys. The search prompt takes no mouse.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{App, Overlay, Row};
use super::panes::{Focus, inner};

/// Lines the article scrolls per notch of the wheel.
pub const WHEEL_LINES: i16 = 3;

/// The heading of the mouse's part of the help screen (and of `kiji --help`).
pub const HELP_TITLE: &str = "Mouse (off with `mouse: false` or --no-mouse)";

/// What the mouse does, for the help screen, `kiji --help` and the README: (what, what it
/// does).
pub const HELP: [(&str, &str); 2] = [
    (
        "wheel",
        "Scroll what is under the pointer: the list moves the selection, the article scrolls 3 lines",
    ),
    (
        "click",
        "Select the article clicked in the list; a click in the article reads it",
    ),
];

/// Which way the wheel turned, if it did.
fn wheel(kind: MouseEventKind) -> Option<bool> {
    match kind {
        MouseEventKind::ScrollDown => Some(true),
        MouseEventKind::ScrollUp => Some(false),
        _ => None,
    }
}

fn inside(r: Option<Rect>, at: Position) -> Option<Rect> {
    r.filter(|r| r.contains(at))
}

/// The article (its position in the list, `app.list.visible`) on the list row at `at`, if `at` is
/// on a row of the list pane `list` that holds one (not a border, a date heading or the empty
/// space below the last row).
pub fn article_at(app: &App, list: Rect, at: Position) -> Option<usize> {
    let rows = inner(list);
    if !rows.contains(at) {
        return None;
    }
    let row = app.list_offset() + usize::from(at.y - rows.y);
    match app.rows().get(row) {
        Some(Row::Article(i)) => Some(*i),
        _ => None,
    }
}

/// The action for a mouse event in the current state, if any.
pub fn action(app: &App, event: &MouseEvent) -> Option<Action> {
    let down = wheel(event.kind);
    match app.overlay() {
        Overlay::Search(_) | Overlay::Confirm(_) => return None,
        Overlay::Help(_) => {
            return down.map(|d| {
                if d {
                    Action::ScrollDown
                } else {
                    Action::ScrollUp
                }
            });
        }
        Overlay::Picker(_) | Overlay::Category(_) | Overlay::Menu(_) => {
            return down.map(|d| {
                if d {
                    Action::PickerDown
                } else {
                    Action::PickerUp
                }
            });
        }
        Overlay::None => {}
    }
    let panes = app.panes();
    if panes.too_small {
        return None;
    }
    let at = Position::new(event.column, event.row);
    let list = inside(panes.list, at);
    let body = inside(panes.body, at);
    let mascot = inside(panes.mascot, at);
    match (event.kind, down) {
        (_, Some(d)) if list.is_some() => Some(if d { Action::Next } else { Action::Previous }),
        (_, Some(d)) if body.is_some() => Some(Action::ScrollBody(if d {
            WHEEL_LINES
        } else {
            -WHEEL_LINES
        })),
        (_, Some(d)) if mascot.is_some() => Some(if d {
            Action::MascotDown
        } else {
            Action::MascotUp
        }),
        (MouseEventKind::Down(MouseButton::Left), None) => {
            if let Some(list) = list {
                article_at(app, list, at).map(Action::SelectAt)
            } else if body.is_some() && app.focus() != Focus::Body {
                Some(Action::Open)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::tui::app::Settings;
    use crossterm::event::KeyModifiers;

    fn app(n: usize, width: u16, height: u16) -> App {
        app_with(n, width, height, Settings::default())
    }

    fn app_with(n: usize, width: u16, height: u16, settings: Settings) -> App {
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..n {
            let day = i % 28 + 1;
            let text = format!(
                "---\ntitle: 記事 {i}\ndate: 2025-11-{day:02}\nlocale: ja\n---\n\n{}",
                "本文の行です。\n\n".repeat(60)
            );
            std::fs::write(dir.path().join(format!("a{i:02}.md")), text).expect("write");
        }
        let index = Index::new(crate::loader::load(
            &[dir.path().to_path_buf()],
            &crate::loader::LoadOptions::default(),
        ));
        App::new(index, settings, width, height)
    }

    fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    fn click(column: u16, row: u16) -> MouseEvent {
        at(MouseEventKind::Down(MouseButton::Left), column, row)
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer() {
        let a = app(5, 120, 40);
        let p = a.panes();
        let (list, body, mascot) = (
            p.list.expect("list"),
            p.body.expect("body"),
            p.mascot.expect("mascot"),
        );
        let down = |r: Rect| at(MouseEventKind::ScrollDown, r.x + 2, r.y + 3);
        let up = |r: Rect| at(MouseEventKind::ScrollUp, r.x + 2, r.y + 3);
        assert_eq!(action(&a, &down(list)), Some(Action::Next));
        assert_eq!(action(&a, &up(list)), Some(Action::Previous));
        assert_eq!(
            action(&a, &down(body)),
            Some(Action::ScrollBody(WHEEL_LINES))
        );
        assert_eq!(
            action(&a, &up(body)),
            Some(Action::ScrollBody(-WHEEL_LINES))
        );
        assert_eq!(action(&a, &down(mascot)), Some(Action::MascotDown));
        assert_eq!(action(&a, &up(mascot)), Some(Action::MascotUp));
        // The title and status bars scroll nothing.
        for bar in [p.title, p.status] {
            let on_bar = at(MouseEventKind::ScrollDown, 50, bar.y);
            assert_eq!(action(&a, &on_bar), None, "{bar:?}");
        }
    }

    #[test]
    fn a_click_selects_the_article_on_its_row() {
        let mut a = app(30, 80, 12);
        let list = a.panes().list.expect("list");
        let first = inner(list).y;
        assert_eq!(action(&a, &click(3, first)), Some(Action::SelectAt(0)));
        assert_eq!(action(&a, &click(3, first + 2)), Some(Action::SelectAt(2)));
        // Borders are not rows.
        assert_eq!(action(&a, &click(list.x, first + 2)), None);
        assert_eq!(action(&a, &click(3, list.y)), None);
        assert_eq!(action(&a, &click(3, list.bottom() - 1)), None);
        // Scrolled: the row under the pointer counts from the first row shown.
        for _ in 0..20 {
            a.update(Action::Next);
        }
        assert!(a.list_offset() > 0);
        let offset = a.list_offset();
        assert_eq!(
            action(&a, &click(3, first + 1)),
            Some(Action::SelectAt(offset + 1))
        );
        // The button going up, a right click and motion do nothing.
        let up = at(MouseEventKind::Up(MouseButton::Left), 3, first);
        assert_eq!(action(&a, &up), None);
        let right = at(MouseEventKind::Down(MouseButton::Right), 3, first);
        assert_eq!(action(&a, &right), None);
        assert_eq!(action(&a, &at(MouseEventKind::Moved, 3, first)), None);
    }

    #[test]
    fn date_headings_and_the_space_below_the_rows_are_not_articles() {
        let mut a = app(2, 80, 24);
        a.update(Action::ToggleGroup);
        assert_eq!(a.rows().len(), 4, "{:?}", a.rows());
        let list = a.panes().list.expect("list");
        let first = inner(list).y;
        assert_eq!(action(&a, &click(3, first)), None, "a heading");
        assert_eq!(action(&a, &click(3, first + 1)), Some(Action::SelectAt(0)));
        assert_eq!(action(&a, &click(3, first + 3)), Some(Action::SelectAt(1)));
        assert_eq!(action(&a, &click(3, first + 4)), None, "below the rows");
    }

    #[test]
    fn a_click_in_the_article_gives_it_the_keys_and_applying_a_click_selects() {
        let mut a = app(5, 120, 40);
        let body = a.panes().body.expect("body");
        let in_body = click(body.x + 3, body.y + 3);
        assert_eq!(action(&a, &in_body), Some(Action::Open));
        assert!(a.update(Action::Open).redraw);
        assert_eq!(a.focus(), Focus::Body);
        assert_eq!(action(&a, &in_body), None, "already focused");
        // Clicking a row from the article selects it and gives the list the keys.
        assert!(a.update(Action::SelectAt(3)).redraw);
        assert_eq!((a.selected(), a.focus()), (3, Focus::List));
        assert!(!a.update(Action::SelectAt(3)).redraw, "nothing changes");
        assert!(!a.update(Action::SelectAt(99)).redraw, "no such article");
        assert_eq!(a.selected(), 3);
    }

    #[test]
    fn scrolling_the_body_by_the_wheel_stops_at_the_ends() {
        let mut a = app(1, 120, 40);
        assert!(a.update(Action::ScrollBody(WHEEL_LINES)).redraw);
        assert_eq!(a.body_scroll(), 3);
        assert!(a.update(Action::ScrollBody(-WHEEL_LINES)).redraw);
        assert_eq!(a.body_scroll(), 0);
        assert!(!a.update(Action::ScrollBody(-WHEEL_LINES)).redraw);
        a.update(Action::Bottom);
        let end = a.body_scroll();
        assert!(end > 0);
        assert!(!a.update(Action::ScrollBody(WHEEL_LINES)).redraw);
        assert_eq!(a.body_scroll(), end);
    }

    #[test]
    fn one_pane_at_a_time_hits_the_pane_shown() {
        let mut a = app(5, 50, 20);
        let list = a.panes().list.expect("list");
        assert_eq!(
            action(&a, &click(3, inner(list).y + 1)),
            Some(Action::SelectAt(1))
        );
        a.update(Action::Open);
        let body = a.panes().body.expect("body");
        assert_eq!(a.panes().list, None);
        assert_eq!(
            action(&a, &at(MouseEventKind::ScrollDown, 3, body.y + 2)),
            Some(Action::ScrollBody(WHEEL_LINES))
        );
        assert_eq!(action(&a, &click(3, body.y + 2)), None);
    }

    #[test]
    fn overlays_take_the_wheel_and_the_search_prompt_takes_nothing() {
        let mut a = app(5, 120, 40);
        let body = a.panes().body.expect("body");
        let wheel_down = at(MouseEventKind::ScrollDown, body.x + 2, body.y + 2);
        a.update(Action::Help);
        assert_eq!(action(&a, &wheel_down), Some(Action::ScrollDown));
        assert_eq!(action(&a, &click(body.x + 2, body.y + 2)), None);
        a.update(Action::Help);
        a.update(Action::TagPicker);
        assert_eq!(action(&a, &wheel_down), Some(Action::PickerDown));
        a.update(Action::PickerCancel);
        a.update(Action::Search);
        assert!(a.searching());
        assert_eq!(action(&a, &wheel_down), None);
        assert_eq!(action(&a, &click(3, 3)), None);
    }

    #[test]
    fn with_the_mouse_off_reports_are_ignored() {
        let a = app(5, 120, 40);
        let list = a.panes().list.expect("list");
        let wheel = crossterm::event::Event::Mouse(at(MouseEventKind::ScrollDown, list.x + 2, 4));
        assert_eq!(crate::tui::action_for(&a, &wheel), Some(Action::Next));
        let off = Settings {
            mouse: false,
            ..Settings::default()
        };
        let a = app_with(5, 120, 40, off);
        assert_eq!(crate::tui::action_for(&a, &wheel), None);
    }

    #[test]
    fn a_terminal_too_small_has_no_panes_to_hit() {
        let a = app(5, 19, 5);
        assert_eq!(action(&a, &at(MouseEventKind::ScrollDown, 3, 3)), None);
        assert_eq!(action(&a, &click(3, 3)), None);
    }
}
