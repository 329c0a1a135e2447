//! How much one article may become: bounds on the Markdown elements read and on the lines and
//! styled runs laid out, so that no file under the size cap (a few megabytes of `- a` lines,
//! thousands of nested quotes, a table of a million cells) can take gigabytes of memory. What
//! goes over a bound is cut at that point, and the layout ends with a line saying so.

use std::borrow::Cow;
use std::cell::Cell;

use crate::text::{Line, Role, Span, Style};

/// At most this many lines are laid out for one article body.
pub const MAX_LINES: usize = 50_000;

/// At most this many styled runs of text (spans, counting the bars and markers in front of
/// each line) are laid out for one article body.
pub const MAX_SPANS: usize = 400_000;

/// At most this many parser events (elements, text runs, breaks) are read from one body.
pub const MAX_ELEMENTS: usize = 250_000;

/// Why a body was cut short.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cut {
    /// It laid out to more than [`MAX_LINES`] lines.
    Lines,
    /// It laid out to more than [`MAX_SPANS`] styled runs.
    Spans,
    /// It had more than [`MAX_ELEMENTS`] Markdown elements.
    Elements,
}

impl Cut {
    /// What was too much, as a phrase: `laid out to more than 50000 lines`.
    pub fn reason(self) -> String {
        match self {
            Cut::Lines => format!("laid out to more than {MAX_LINES} lines"),
            Cut::Spans => format!("laid out to more than {MAX_SPANS} styled runs of text"),
            Cut::Elements => format!("more than {MAX_ELEMENTS} Markdown elements"),
        }
    }

    /// The line that ends a cut body.
    pub fn notice(self) -> Line {
        Line::from_spans(vec![Span::new(
            format!(
                "[kiji: the article is cut here ({}); the rest is not shown]",
                self.reason()
            ),
            Style::role(Role::Dim),
        )])
    }
}

/// What a layout has used so far. Leaf producers (wrapped text, code lines, table rows,
/// rules) charge each line they make; containers charge their nesting as one more span per
/// line (the bar or indent they will put in front of it).
#[derive(Debug, Default)]
pub(crate) struct Budget {
    lines: Cell<usize>,
    spans: Cell<usize>,
    nest: Cell<usize>,
    cut: Cell<Option<Cut>>,
}

impl Budget {
    /// Why the layout stopped, if it did.
    pub(crate) fn cut(&self) -> Option<Cut> {
        self.cut.get()
    }

    /// Record a cut made elsewhere (by the parser).
    pub(crate) fn set_cut(&self, cut: Cut) {
        if self.cut.get().is_none() {
            self.cut.set(Some(cut));
        }
    }

    /// True once something did not fit: every producer stops.
    pub(crate) fn exhausted(&self) -> bool {
        self.cut.get().is_some()
    }

    /// Lines still allowed.
    pub(crate) fn lines_left(&self) -> usize {
        if self.exhausted() {
            0
        } else {
            MAX_LINES - self.lines.get()
        }
    }

    /// Spans still allowed.
    pub(crate) fn spans_left(&self) -> usize {
        if self.exhausted() {
            0
        } else {
            MAX_SPANS - self.spans.get()
        }
    }

    /// Charge one line of `spans` spans (plus the current nesting); false, and the budget
    /// is exhausted, if it does not fit.
    pub(crate) fn admit(&self, spans: usize) -> bool {
        if self.exhausted() {
            return false;
        }
        let spans = spans + self.nest.get();
        if self.lines.get() + 1 > MAX_LINES {
            self.set_cut(Cut::Lines);
            return false;
        }
        if self.spans.get() + spans > MAX_SPANS {
            self.set_cut(Cut::Spans);
            return false;
        }
        self.lines.set(self.lines.get() + 1);
        self.spans.set(self.spans.get() + spans);
        true
    }

    /// Charge `lines` in order, dropping the first that does not fit and all after it.
    pub(crate) fn keep(&self, mut lines: Vec<Line>) -> Vec<Line> {
        let fits = lines
            .iter()
            .position(|l| !self.admit(l.spans.len()))
            .unwrap_or(lines.len());
        lines.truncate(fits);
        lines
    }

    /// Run `f` one nesting level deeper (each of its lines will get one more prefix span).
    pub(crate) fn nested<T>(&self, f: impl FnOnce() -> T) -> T {
        self.nest.set(self.nest.get() + 1);
        let out = f();
        self.nest.set(self.nest.get().saturating_sub(1));
        out
    }
}

/// At most the part of a paragraph's spans that can fill `lines` lines of `width` columns
/// with `spans` spans (a column takes at most two bytes of ordinary text), and whether
/// anything was left out. Wrapping a whole paragraph of megabytes only to drop most of it
/// would cost memory in proportion to it.
pub(crate) fn clip(
    seg: &[Span],
    lines: usize,
    width: usize,
    spans: usize,
) -> (Cow<'_, [Span]>, bool) {
    let max_bytes = lines
        .saturating_add(1)
        .saturating_mul(width.max(1).saturating_mul(2));
    let mut bytes = 0;
    for (i, span) in seg.iter().enumerate() {
        if i >= spans {
            return (Cow::Borrowed(&seg[..i]), true);
        }
        if bytes + span.text.len() > max_bytes {
            let mut end = max_bytes - bytes;
            while !span.text.is_char_boundary(end) {
                end -= 1;
            }
            let mut kept = seg[..i].to_vec();
            kept.push(Span::new(&span.text[..end], span.style));
            return (Cow::Owned(kept), true);
        }
        bytes += span.text.len();
    }
    (Cow::Borrowed(seg), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_stop_at_the_bound() {
        let b = Budget::default();
        let lines = vec![Line::from_spans(vec![Span::plain("a")]); MAX_LINES + 10];
        assert_eq!(b.keep(lines).len(), MAX_LINES);
        assert_eq!(b.cut(), Some(Cut::Lines));
        assert!(!b.admit(0));
        assert_eq!(b.lines_left(), 0);
    }

    #[test]
    fn nesting_counts_as_spans() {
        let b = Budget::default();
        let per_line = 10;
        let admitted =
            b.nested(|| b.nested(|| (0..MAX_LINES).take_while(|_| b.admit(per_line - 2)).count()));
        assert_eq!(admitted, MAX_SPANS / per_line);
        assert_eq!(b.cut(), Some(Cut::Spans));
    }

    #[test]
    fn clip_keeps_short_paragraphs_whole_and_cuts_long_ones() {
        let seg = vec![Span::plain("ab"), Span::plain("日本語")];
        let (kept, clipped) = clip(&seg, 10, 80, 100);
        assert_eq!((kept.as_ref(), clipped), (seg.as_slice(), false));
        // One line of 2 columns: at most 4 bytes per line, two lines' worth.
        let (kept, clipped) = clip(&seg, 1, 2, 100);
        assert!(clipped);
        assert_eq!(Line::from_spans(kept.to_vec()).plain_text(), "ab日本");
        let (kept, clipped) = clip(&seg, 10, 80, 1);
        assert_eq!((kept.len(), clipped), (1, true));
    }

    #[test]
    fn notice_names_the_reason() {
        assert_eq!(
            Cut::Lines.notice().plain_text(),
            "[kiji: the article is cut here (laid out to more than 50000 lines); the rest is not shown]"
        );
    }
}
