//! Markdown bodies -> laid-out, styled lines at a given width (pulldown-cmark events in,
//! [`Line`]s out), plus the numbered list of link URLs that goes under them.
//!
//! Layout decisions (the same for `kiji show` and the body pane):
//! - Headings: level 1 and 2 are bold and underlined by a rule as wide as their text (`━` for
//!   level 1, `─` for level 2); levels 3 to 6 are bold with a `###`-style marker and a hanging
//!   indent.
//! - Blocks are separated by one blank line. A soft line break between two CJK characters
//!   joins them; elsewhere it becomes a space. Hard breaks start a new line.
//! - Lists hang: continuation lines align under the text, not the marker. Bullets are `•`,
//!   `◦`, `▪` by depth; ordered numbers are right-aligned; task items show `[x]`/`[ ]` in
//!   place of the bullet (after the number in ordered lists).
//! - Block quotes carry a `│ ` bar on every line, once per nesting level.
//! - Code blocks are never re-flowed: long lines are cut at grapheme boundaries (moved back
//!   rather than leave `（` at a line end or `）` at a line start) and continue on the next
//!   line after a dim `↪`; tabs are expanded to 4-column stops; the language is
//!   shown as a dim `── rust` label line; the block is indented by two columns.
//! - Tables get box-drawing borders sized by display width, cells wrapped inside their
//!   column. Columns are narrowed, in proportion to how much they want, down to 6 columns
//!   or their longest non-CJK word (a number like `¥1,920,000`, capped at 16), whichever is
//!   wider, but never below their natural width; if the table still does not fit, each row
//!   is stacked as `header: value` lines, rows separated by a rule.
//! - Links show their text underlined followed by `[n]`; images show `[image: alt] [n]`; the
//!   same URL keeps its number. When the layout is given an image sizer
//!   ([`render_with_images`]) and pictures are on, a paragraph at the body's top level that
//!   starts with an image alone on its line becomes blank placeholder lines as high as the
//!   picture will be, then its alt text and `[n]`, its Zenn caption line and the paragraph's
//!   other lines; where it sits is in [`Rendered::images`]. An image the sizer refuses (remote, SVG, missing,
//!   corrupt, too large), an image inside text, a quote, a list, a callout or a footnote
//!   stays `[image: alt] [n]`; [`link_lines`] lists `[n] URL`, a long URL wrapped by the
//!   text engine like any word too long for its line: after `/`, `.`, `-` and other URL
//!   punctuation where it can, at a grapheme boundary only inside a segment wider than the
//!   line; nothing is cut off.
//! - Emphasis next to Japanese, Chinese or Korean text works without spaces
//!   (`約**43兆円（前年比）**消失`): runs CommonMark leaves as text are paired again by the
//!   CJK-friendly amendment ([`LayoutOptions::cjk_emphasis`], on by default).
//! - Footnote references show as `[^n]` (numbered in order of first reference); definitions
//!   are laid out at the end under a rule as `[^n]: text` with a hanging indent.
//! - Raw HTML shows its text: tags stripped, common entities decoded, `<br>` breaks the line.
//! - When ambiguous-width characters are wide ([`AmbiguousWidth::Wide`]), every marker and
//!   border is ASCII (`*`, `|`, `+-+`, ...) because box-drawing characters are ambiguous.
//! - At tiny widths prefixes shrink or drop (a list marker moves to its own line) so no line
//!   is ever wider than asked; a grapheme wider than the whole line is shown as `?`.
//! - Zenn and Qiita: `:::message`, `:::details Title`, `:::note warn` blocks (nested by
//!   colons) are framed callouts with a label on the top rule (`┌─ 注意 ──`), a bar before
//!   their content and a bottom rule; an unclosed block runs to the end. An embed alone on
//!   its line (`@[youtube](id)`, `@[card](url)`, …) or a paragraph of one bare URL is a
//!   one-line card (`▶ YouTube · id[n]`, `🔗 host/path[n]`) numbered like a link. Zenn's
//!   image size is ignored and an emphasised line under an image is its dim caption. A code
//!   block's file name (`js:index.js`) leads its label (`── index.js (js)`). `$…$` math is
//!   inline code (but `$1/$5` stays money), and a `$$` block is a code block labelled `math`.
//! - A body that would lay out to more than [`MAX_LINES`] lines or [`MAX_SPANS`] styled runs,
//!   or that has more than [`MAX_ELEMENTS`] Markdown elements, is cut there and ends with a
//!   dim line saying so and why ([`Cut::notice`]); nothing is dropped silently.

mod block;
mod budget;
mod callout;
mod chunk;
mod cjk_emphasis;
mod code;
mod embeds;
mod fence_info;
pub(crate) mod fit;
mod html;
mod image_refs;
mod inline;
mod layout;
mod money;
mod parse;
mod table;
mod zenn_blocks;
mod zenn_events;

pub use budget::{Cut, MAX_ELEMENTS, MAX_LINES, MAX_SPANS};
pub use image_refs::{ImageRef, image_refs, local_image_refs};

use crate::images::{ArticleImages, ImageBlock};

use crate::text::sanitize::sanitize_inline;
use crate::text::{AmbiguousWidth, LayoutOptions, Line, Role, Span, Style, str_width};

/// A laid-out Markdown body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The body's lines (footnotes included), each no wider than the width asked for.
    pub lines: Vec<Line>,
    /// Link and image URLs: `links[i]` is what the reference mark `[i+1]` points to.
    pub links: Vec<String>,
    /// Why the body was cut short, if it was (its last line then says so).
    pub cut: Option<Cut>,
    /// The pictures placed in `lines`, in order (empty when pictures are off).
    pub images: Vec<ImageBlock>,
}

/// Lay out a Markdown body at `width` columns (at least 1).
pub fn render(source: &str, width: usize, opts: &LayoutOptions) -> Rendered {
    render_body(source, width, opts, None, None, None)
}

/// [`render`] with pictures: each block image `images` can size is laid out as placeholder
/// lines of its height (see the module's notes), listed in [`Rendered::images`]. With
/// `None` it is exactly [`render`].
pub fn render_with_images(
    source: &str,
    width: usize,
    opts: &LayoutOptions,
    images: Option<ArticleImages<'_>>,
) -> Rendered {
    render_body(source, width, opts, None, None, images)
}

/// [`render`], leaving out a first level-1 heading whose text equals `title` (the article
/// header already shows it), with callout labels in the language of `locale` (Japanese
/// when it is `ja` or not known, else English).
pub(crate) fn render_body(
    source: &str,
    width: usize,
    opts: &LayoutOptions,
    title: Option<&str>,
    locale: Option<&str>,
    images: Option<ArticleImages<'_>>,
) -> Rendered {
    let width = width.max(1);
    let mut doc = parse::parse(source, glyphs(opts.ambiguous), opts.cjk_emphasis);
    if let (Some(title), Some(block::Block::Heading { level: 1, segs })) =
        (title, doc.blocks.first())
    {
        let text: Vec<String> = segs
            .iter()
            .map(|seg| seg.iter().map(|s| s.text.as_str()).collect())
            .collect();
        if sanitize_inline(&text.join(" ")) == sanitize_inline(title) {
            doc.blocks.remove(0);
        }
    }
    let mut cx = layout::Cx::new(opts);
    cx.english_labels = locale.is_some_and(|l| !l.is_empty() && !l.starts_with("ja"));
    cx.images = images;
    let mut lines = cx.root_blocks(&doc.blocks, width);
    let placed = cx.placed.take();
    if doc.cut {
        // Whatever was read is laid out (the layout's own bound may come first); the
        // footnotes are left out with the rest.
        let cut = cx.budget.cut().unwrap_or(Cut::Elements);
        return finish(lines, doc.links, Some(cut), width, opts, placed);
    }
    if !doc.footnotes.is_empty() && !cx.budget.exhausted() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(cx.footnotes(&doc.footnotes, width));
    }
    finish(lines, doc.links, cx.budget.cut(), width, opts, placed)
}

/// A body's lines, with the notice of a cut at the end if there is one.
fn finish(
    mut lines: Vec<Line>,
    links: Vec<String>,
    cut: Option<Cut>,
    width: usize,
    opts: &LayoutOptions,
    images: Vec<ImageBlock>,
) -> Rendered {
    if let Some(cut) = cut {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(fit::wrap(&cut.notice().spans, width, opts));
    }
    debug_assert!(lines.iter().all(|l| l.width(opts.ambiguous) <= width));
    Rendered {
        lines,
        links,
        cut,
        images,
    }
}

/// The link list shown under a body: one `[n] URL` entry per link, numbers right-aligned,
/// long URLs continued on the next lines under the URL's first character, broken where the
/// text engine breaks a too-long word (after URL punctuation when it can). At most
/// [`MAX_LINES`] lines: a longer list ends with the notice of a cut.
pub fn link_lines(links: &[String], width: usize, opts: &LayoutOptions) -> Vec<Line> {
    let width = width.max(1);
    let amb = opts.ambiguous;
    let marks: Vec<String> = (1..=links.len()).map(|n| format!("[{n}] ")).collect();
    let mark_w = marks.iter().map(|m| str_width(m, amb)).max().unwrap_or(0);
    let budget = budget::Budget::default();
    let mut out = Vec::new();
    for (mark, url) in marks.iter().zip(links) {
        if budget.exhausted() {
            break;
        }
        let pad = " ".repeat(mark_w - str_width(mark, amb));
        let marker = vec![Span::new(
            format!("{pad}{mark}"),
            Style::role(Role::LinkRef),
        )];
        let url = [Span::new(sanitize_inline(url), Style::role(Role::LinkRef))];
        let entry = layout::hanging(marker, width, amb, |w| fit::wrap(&url, w, opts));
        out.extend(budget.keep(entry));
    }
    if let Some(cut) = budget.cut() {
        out.extend(fit::wrap(&cut.notice().spans, width, opts));
    }
    out
}

/// The characters markers and borders are drawn with: box drawing by default, ASCII when
/// ambiguous-width characters are drawn wide.
#[derive(Debug)]
pub(crate) struct Glyphs {
    /// Unordered-list bullets by depth (the last repeats).
    pub(crate) bullets: [&'static str; 3],
    /// Block-quote bar.
    pub(crate) quote: &'static str,
    /// Horizontal rules and separators.
    pub(crate) rule: &'static str,
    /// Underline of level-1 headings.
    pub(crate) h1: &'static str,
    /// Underline of level-2 headings.
    pub(crate) h2: &'static str,
    /// Start of a continued code line.
    pub(crate) cont: &'static str,
    /// Between fields of the header's meta line.
    pub(crate) sep: &'static str,
    /// Table borders: `[top, middle, bottom]` rows of `[left, join, right]`, plus the
    /// horizontal and vertical lines.
    pub(crate) corners: [[&'static str; 3]; 3],
    /// Horizontal table line.
    pub(crate) horizontal: &'static str,
    /// Vertical table line.
    pub(crate) vertical: &'static str,
    /// Mark of a card for a video or slides.
    pub(crate) play: &'static str,
    /// Mark of a card for a page.
    pub(crate) page: &'static str,
}

static UNICODE: Glyphs = Glyphs {
    bullets: ["•", "◦", "▪"],
    quote: "│",
    rule: "─",
    h1: "━",
    h2: "─",
    cont: "↪",
    sep: " · ",
    corners: [["┌", "┬", "┐"], ["├", "┼", "┤"], ["└", "┴", "┘"]],
    horizontal: "─",
    vertical: "│",
    play: "▶",
    page: "🔗",
};

static ASCII: Glyphs = Glyphs {
    bullets: ["*", "-", "+"],
    quote: "|",
    rule: "-",
    h1: "=",
    h2: "-",
    cont: ">",
    sep: " | ",
    corners: [["+", "+", "+"], ["+", "+", "+"], ["+", "+", "+"]],
    horizontal: "-",
    vertical: "|",
    play: "|>",
    page: "->",
};

/// The glyph set for an ambiguous-width setting.
pub(crate) fn glyphs(amb: AmbiguousWidth) -> &'static Glyphs {
    match amb {
        AmbiguousWidth::Narrow => &UNICODE,
        AmbiguousWidth::Wide => &ASCII,
    }
}

/// A horizontal rule across `width` columns.
pub(crate) fn rule_line(width: usize, amb: AmbiguousWidth) -> Line {
    Line::from_spans(vec![fit::repeat(
        glyphs(amb).rule,
        width,
        Style::role(Role::Rule),
        amb,
    )])
}
