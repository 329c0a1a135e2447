//! Block layout: paragraphs, headings, block quotes, lists and footnotes at a given width,
//! with prefixes (bars, markers) that shrink or move aside when the width is too small.

use std::cell::RefCell;

use crate::images::{ArticleImages, ImageBlock};
use crate::text::{AmbiguousWidth, LayoutOptions, Line, Role, Span, Style, str_width};

use super::block::{Block, Footnote, Item};
use super::budget::{Budget, Cut, clip};
use super::fit::{indent, repeat, restyle, spans_width, trim_end, wrap};
use super::inline::Segments;
use super::{Glyphs, callout, code, glyphs, rule_line, table};

/// The text that goes under a picture.
struct Label<'a> {
    alt: &'a str,
    number: Option<usize>,
    caption: &'a Segments,
    rest: &'a Segments,
}

/// Content narrower than this after a prefix is not worth the prefix: the prefix shrinks or
/// moves to its own line instead (two CJK characters).
pub(crate) const MIN_INNER: usize = 4;

/// Layout context: options, the glyph set they imply, and what the layout has used so far.
pub(crate) struct Cx<'a> {
    pub(crate) opts: &'a LayoutOptions,
    pub(crate) g: &'static Glyphs,
    pub(crate) budget: Budget,
    /// Callout labels in English (for an article whose locale is not Japanese).
    pub(crate) english_labels: bool,
    /// Sizes block images when pictures are on.
    pub(crate) images: Option<ArticleImages<'a>>,
    /// The pictures placed so far by [`Cx::root_blocks`], lines counted from its first.
    pub(crate) placed: RefCell<Vec<ImageBlock>>,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(opts: &'a LayoutOptions) -> Self {
        Cx {
            opts,
            g: glyphs(opts.ambiguous),
            budget: Budget::default(),
            english_labels: false,
            images: None,
            placed: RefCell::new(Vec::new()),
        }
    }

    pub(crate) fn amb(&self) -> AmbiguousWidth {
        self.opts.ambiguous
    }

    /// Lay out blocks one after the other, separated by blank lines (except a nested list
    /// right after the text of a tight list item). `depth` is the list nesting depth.
    pub(crate) fn blocks(&self, blocks: &[Block], width: usize, depth: usize) -> Vec<Line> {
        self.blocks_at(blocks, width, depth, false)
    }

    /// [`Cx::blocks`] for the body's top level, where a block image becomes a picture when
    /// [`Cx::images`] sizes it (recorded in [`Cx::placed`]). Inside quotes, lists, callouts
    /// and footnotes an image stays text.
    pub(crate) fn root_blocks(&self, blocks: &[Block], width: usize) -> Vec<Line> {
        self.blocks_at(blocks, width, 0, true)
    }

    fn blocks_at(&self, blocks: &[Block], width: usize, depth: usize, root: bool) -> Vec<Line> {
        let mut out = Vec::new();
        let mut prev: Option<&Block> = None;
        for block in blocks {
            if self.budget.exhausted() {
                break;
            }
            let tight_then_list = matches!(prev, Some(Block::Para { tight: true, .. }))
                && matches!(block, Block::List { .. });
            if prev.is_some() && !tight_then_list {
                if !self.budget.admit(0) {
                    break;
                }
                out.push(Line::default());
            }
            let picture = match block {
                Block::Image {
                    url,
                    alt,
                    number,
                    caption,
                    rest,
                    ..
                } if root => {
                    let label = Label {
                        alt,
                        number: *number,
                        caption,
                        rest,
                    };
                    self.picture(url, &label, width, out.len())
                }
                _ => None,
            };
            match picture {
                Some(lines) => out.extend(lines),
                None => out.extend(self.block(block, width, depth)),
            }
            prev = Some(block);
        }
        out
    }

    fn block(&self, block: &Block, width: usize, depth: usize) -> Vec<Line> {
        match block {
            Block::Para { segs, .. } | Block::Image { segs, .. } => self.segments(segs, width),
            Block::Heading { level, segs } => self.heading(*level, segs, width),
            Block::Code { lang, text } => code::layout(lang, text, width, self),
            Block::Quote(blocks) => self.quote(blocks, width, depth),
            Block::List { start, items } => self.list(*start, items, width, depth),
            Block::Table(t) => table::layout(t, width, self),
            Block::Rule => self.budget.keep(vec![rule_line(width, self.amb())]),
            Block::Callout { callout, blocks } => {
                callout::layout(callout, blocks, width, depth, self)
            }
        }
    }

    /// A block image as a picture starting at line `at`: blank placeholder rows of its
    /// height, then its alt text and reference number, its caption and the paragraph's other
    /// lines. `None` (lay it out as text) when pictures are off, the image cannot be shown,
    /// or the lines left in the budget would not hold it whole.
    fn picture(&self, url: &str, text: &Label<'_>, width: usize, at: usize) -> Option<Vec<Line>> {
        let Label {
            alt,
            number,
            caption,
            rest,
        } = *text;
        let sized = self.images?.size(url, width).ok()?;
        let mut label = Vec::new();
        if !alt.is_empty() {
            label.push(Span::new(alt, Style::role(Role::Dim)));
        }
        if let Some(n) = number {
            let mark = if alt.is_empty() {
                format!("[{n}]")
            } else {
                format!(" [{n}]")
            };
            label.push(Span::new(mark, Style::role(Role::LinkRef)));
        }
        let mut under = wrap(&label, width, self.opts);
        for seg in caption.iter().chain(rest) {
            under.extend(wrap(seg, width, self.opts));
        }
        if self.budget.lines_left() < sized.rows + under.len() {
            return None;
        }
        let mut lines = self.budget.keep(vec![Line::default(); sized.rows]);
        lines.extend(self.budget.keep(under));
        if self.budget.exhausted() {
            return Some(lines);
        }
        self.placed.borrow_mut().push(ImageBlock {
            line: at,
            rows: sized.rows,
            cols: sized.cols,
            path: sized.probe.path.clone(),
            alt: alt.to_string(),
            url: url.to_string(),
            probe: sized.probe,
        });
        Some(lines)
    }

    /// Inline segments, each wrapped on its own (and no more of them than the budget
    /// allows).
    pub(crate) fn segments(&self, segs: &Segments, width: usize) -> Vec<Line> {
        let mut out = Vec::new();
        for seg in segs {
            if self.budget.exhausted() {
                break;
            }
            let b = &self.budget;
            let (seg, clipped) = clip(seg, b.lines_left(), width, b.spans_left());
            out.extend(b.keep(wrap(&seg, width, self.opts)));
            if clipped {
                b.set_cut(Cut::Lines);
            }
        }
        out
    }

    fn heading(&self, level: u8, segs: &Segments, width: usize) -> Vec<Line> {
        let style = Style {
            bold: true,
            ..Style::role(Role::Heading(level))
        };
        if level <= 2 {
            let mut lines = self.segments(segs, width);
            let text_w = lines.iter().map(|l| l.width(self.amb())).max().unwrap_or(0);
            let glyph = if level == 1 { self.g.h1 } else { self.g.h2 };
            let rule_w = text_w.clamp(1, width);
            let rule = Line::from_spans(vec![repeat(glyph, rule_w, style, self.amb())]);
            lines.extend(self.budget.keep(vec![rule]));
            lines
        } else {
            let marker = format!("{} ", "#".repeat(usize::from(level)));
            let marker = vec![Span::new(marker, style)];
            self.hang(marker, width, |w| self.segments(segs, w))
        }
    }

    fn quote(&self, blocks: &[Block], width: usize, depth: usize) -> Vec<Line> {
        let bar = self.g.quote;
        let full = format!("{bar} ");
        let prefix = [full.as_str(), bar]
            .into_iter()
            .find(|p| width >= str_width(p, self.amb()) + MIN_INNER);
        let Some(prefix) = prefix else {
            let mut lines = self.budget.nested(|| self.blocks(blocks, width, depth));
            restyle(&mut lines, Role::Text, Role::Quote);
            return lines;
        };
        let inner = width - str_width(prefix, self.amb());
        let mut lines = self.budget.nested(|| self.blocks(blocks, inner, depth));
        restyle(&mut lines, Role::Text, Role::Quote);
        let prefix = [Span::new(prefix, Style::role(Role::Quote))];
        indent(lines, &prefix, &prefix)
    }

    fn list(&self, start: Option<u64>, items: &[Item], width: usize, depth: usize) -> Vec<Line> {
        let amb = self.amb();
        let loose = items.iter().any(|item| {
            item.blocks
                .iter()
                .any(|b| matches!(b, Block::Para { tight: false, .. } | Block::Image { .. }))
        });
        let numbers: Vec<String> = match start {
            Some(first) => (0..items.len() as u64)
                .map(|i| format!("{}.", first.saturating_add(i)))
                .collect(),
            None => Vec::new(),
        };
        let number_w = numbers.iter().map(|n| str_width(n, amb)).max().unwrap_or(0);
        let bullet = self.g.bullets[depth.min(self.g.bullets.len() - 1)];
        let style = Style::role(Role::ListMarker);
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if self.budget.exhausted() {
                break;
            }
            let task = item.task.map(|done| if done { "[x]" } else { "[ ]" });
            let marker = match (numbers.get(i), task) {
                (Some(n), task) => {
                    let pad = " ".repeat(number_w - str_width(n, amb));
                    let mut m = format!("{pad}{n} ");
                    if let Some(t) = task {
                        m.push_str(t);
                        m.push(' ');
                    }
                    m
                }
                (None, Some(t)) => format!("{t} "),
                (None, None) => format!("{bullet} "),
            };
            if i > 0 && loose && self.budget.admit(0) {
                out.push(Line::default());
            }
            let marker = vec![Span::new(marker, style)];
            out.extend(self.hang(marker, width, |w| self.blocks(&item.blocks, w, depth + 1)));
        }
        out
    }

    /// Footnote definitions under a rule, each `[^n]: ` with a hanging indent.
    pub(crate) fn footnotes(&self, notes: &[Footnote], width: usize) -> Vec<Line> {
        let mut out = self.budget.keep(vec![rule_line(width, self.amb())]);
        for note in notes {
            if self.budget.exhausted() {
                break;
            }
            let marker = vec![Span::new(
                format!("[^{}]: ", note.number),
                Style::role(Role::LinkRef),
            )];
            out.extend(self.hang(marker, width, |w| self.blocks(&note.blocks, w, 0)));
        }
        out
    }

    /// [`hanging`], with the content one nesting level deeper and the lines it adds itself
    /// (the marker on a line of its own, a blank line for empty content) charged.
    fn hang(
        &self,
        marker: Vec<Span>,
        width: usize,
        content: impl FnOnce(usize) -> Vec<Line>,
    ) -> Vec<Line> {
        let b = &self.budget;
        let mut made = 0;
        let mut out = hanging(marker, width, self.amb(), |w| {
            let lines = b.nested(|| content(w));
            made = lines.len();
            lines
        });
        let extra = out.len().saturating_sub(made);
        let kept = (0..extra).take_while(|_| b.admit(1)).count();
        if kept < extra {
            out.truncate(out.len() - (extra - kept));
        }
        out
    }
}

/// Lay out content after a marker with a hanging indent: the marker on the first line,
/// spaces of the same width on the others. When the width leaves less than [`MIN_INNER`]
/// columns beside the marker, the marker goes on a line of its own and the content gets the
/// full width.
pub(crate) fn hanging(
    marker: Vec<Span>,
    width: usize,
    amb: AmbiguousWidth,
    content: impl FnOnce(usize) -> Vec<Line>,
) -> Vec<Line> {
    let marker_w = spans_width(&marker, amb);
    if width >= marker_w + MIN_INNER {
        let mut lines = content(width - marker_w);
        if lines.is_empty() {
            lines.push(Line::default());
        }
        let rest = [Span::plain(" ".repeat(marker_w))];
        let mut out = indent(lines, &marker, &rest);
        if let Some(first) = out.first_mut() {
            trim_end(first);
        }
        out
    } else {
        let mut alone = Line::from_spans(marker);
        trim_end(&mut alone);
        let mut out = super::fit::split_graphemes(&alone.spans, width, width, amb);
        out.extend(content(width));
        out
    }
}
