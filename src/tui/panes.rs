//! Where each pane goes for a given terminal size: three panes from 100 columns; below that one
//! pane at a time, the list until an article is opened and then the article (newsboat's way:
//! at 80x24 a Japanese title gets most of the width instead of a third), with the mascot below
//! the article as a toggle when there is height; "too small" under 20x6. Pure arithmetic,
//! shared by `update` (page sizes) and the view.

use ratatui::layout::Rect;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    #[default]
    List,
    /// The article body.
    Body,
}

/// The smallest terminal the reader draws in.
pub const MIN_WIDTH: u16 = 20;
/// The smallest terminal height the reader draws in.
pub const MIN_HEIGHT: u16 = 6;
/// Width at and above which all three panes sit side by side; below it, one pane at a time.
pub const WIDE: u16 = 100;
/// Width at and above which the mascot sidebar gets its full width.
pub const ROOMY: u16 = 140;
/// Height of the mascot pane when it sits below the body.
pub const MASCOT_HEIGHT: u16 = 10;

/// The rectangles of one frame. Panes that are not shown are `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    /// The title bar (one row).
    pub title: Rect,
    /// The article list, with its border.
    pub list: Option<Rect>,
    /// The article body, with its border.
    pub body: Option<Rect>,
    /// The mascot sidebar, with its border.
    pub mascot: Option<Rect>,
    /// The status bar (one row).
    pub status: Rect,
    /// True when the terminal is below the minimum size; nothing else is drawn.
    pub too_small: bool,
}

/// Whether the mascot is shown when the user has not said: only when there is room beside the
/// body.
pub fn mascot_shown_by_default(width: u16) -> bool {
    width >= WIDE
}

/// Width of the mascot sidebar beside the body on a terminal `width` columns wide: 24 from
/// [`WIDE`], 30 from [`ROOMY`], so that from 100 to 139 columns the list and the article keep
/// the columns they need.
pub fn mascot_width(width: u16) -> u16 {
    if width >= ROOMY { 30 } else { 24 }
}

/// Lay out a frame of `area`.
pub fn panes(area: Rect, focus: Focus, mascot: bool) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            too_small: true,
            ..Panes::default()
        };
    }
    let title = Rect::new(area.x, area.y, area.width, 1);
    let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    let main = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
    let w = main.width;

    let (list, right) = if w >= WIDE {
        let list_w = (w / 3).clamp(24, 56);
        (
            Some(Rect::new(main.x, main.y, list_w, main.height)),
            Rect::new(main.x + list_w, main.y, w - list_w, main.height),
        )
    } else {
        match focus {
            Focus::List => (Some(main), Rect::default()),
            Focus::Body => (None, main),
        }
    };
    let (body, mascot_rect) = if right.width == 0 {
        (None, None)
    } else if mascot && w >= WIDE {
        let side = mascot_width(w);
        let body_w = right.width - side;
        (
            Some(Rect::new(right.x, right.y, body_w, right.height)),
            Some(Rect::new(right.x + body_w, right.y, side, right.height)),
        )
    } else if mascot && right.height >= MASCOT_HEIGHT + 6 {
        let body_h = right.height - MASCOT_HEIGHT;
        (
            Some(Rect::new(right.x, right.y, right.width, body_h)),
            Some(Rect::new(
                right.x,
                right.y + body_h,
                right.width,
                MASCOT_HEIGHT,
            )),
        )
    } else {
        (Some(right), None)
    };
    Panes {
        title,
        list,
        body,
        mascot: mascot_rect,
        status,
        too_small: false,
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_when_wide() {
        let p = panes(Rect::new(0, 0, 120, 40), Focus::List, true);
        let (l, b, m) = (
            p.list.unwrap_or_default(),
            p.body.unwrap_or_default(),
            p.mascot.unwrap_or_default(),
        );
        assert_eq!((l.width, b.width, m.width), (40, 56, 24));
        assert_eq!(l.width + b.width + m.width, 120);
        assert_eq!(l.height, 38);
    }

    #[test]
    fn the_sidebar_widens_from_140_columns() {
        let side = |w| {
            panes(Rect::new(0, 0, w, 30), Focus::List, true)
                .mascot
                .map(|r| r.width)
        };
        assert_eq!(side(100), Some(24));
        assert_eq!(side(139), Some(24));
        assert_eq!(side(140), Some(30));
        assert_eq!(side(200), Some(30));
        let p = panes(Rect::new(0, 0, 100, 30), Focus::List, true);
        let (l, b) = (p.list.unwrap_or_default(), p.body.unwrap_or_default());
        assert_eq!(
            (l.width, b.width),
            (33, 43),
            "the list and the article get the rest"
        );
    }

    #[test]
    fn below_wide_the_mascot_goes_below_the_article() {
        let p = panes(Rect::new(0, 0, 80, 24), Focus::Body, true);
        let b = p.body.unwrap_or_default();
        let m = p.mascot.unwrap_or_default();
        assert_eq!((b.x, m.x, b.width, m.width), (0, 0, 80, 80));
        assert_eq!(b.bottom(), m.y);
        assert_eq!(m.bottom(), 23);
        assert!(!mascot_shown_by_default(80));
        let list = panes(Rect::new(0, 0, 80, 24), Focus::List, true);
        assert_eq!((list.body, list.mascot), (None, None));
    }

    #[test]
    fn one_pane_at_a_time_below_wide() {
        for w in [50, 80, 99] {
            let list = panes(Rect::new(0, 0, w, 20), Focus::List, false);
            assert_eq!(list.list.map(|r| r.width), Some(w));
            assert_eq!(list.body, None);
            let body = panes(Rect::new(0, 0, w, 20), Focus::Body, false);
            assert_eq!(body.list, None);
            assert_eq!(body.body.map(|r| r.width), Some(w));
        }
        assert!(
            panes(Rect::new(0, 0, 100, 20), Focus::List, false)
                .body
                .is_some()
        );
    }

    #[test]
    fn too_small_below_20x6() {
        assert!(panes(Rect::new(0, 0, 19, 10), Focus::List, false).too_small);
        assert!(panes(Rect::new(0, 0, 40, 5), Focus::List, false).too_small);
        assert!(!panes(Rect::new(0, 0, 20, 6), Focus::List, false).too_small);
    }
}
