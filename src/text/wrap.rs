//! Line breaking for Japanese and mixed text: UAX #14 break opportunities (ICU4X
//! `LineSegmenter`) tailored with kinsoku rules ([`super::kinsoku`]), filled greedily by display
//! width, styled spans split at byte offsets.
//!
//! Rules, in the order they apply:
//!
//! 1. A break may only fall on a grapheme-cluster boundary where UAX #14 (strict or normal)
//!    allows one, and not where [`kinsoku`](super::kinsoku) forbids it: before a line-start
//!    banned character, after a line-end banned one, inside a digit or fullwidth Latin run,
//!    between the halves of `……` or `――`. A newline (or other mandatory break character) always
//!    ends a line.
//! 2. The whitespace at the start of a paragraph (the Japanese indent `U+3000`) is glued to the
//!    first word and kept; if the indent and the first character don't fit on one line together,
//!    the indent is dropped instead of leaving a blank first line.
//! 3. Lines are filled first-fit. The whitespace (and ZWSP) at a break is dropped and does not
//!    count toward the width; ZWSP is never part of the output at all.
//! 4. A piece between two break opportunities that is wider than the line is broken at grapheme
//!    boundaries (an *emergency* break, [`LineEnd::Emergency`]); only there may kinsoku be broken.
//! 5. No line is wider than the width, except a line holding a single grapheme that is itself
//!    wider than the width (a 2-column character at width 1), which is put alone on its line.
//!    A width of 0 is treated as 1.

use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness};
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use unicode_segmentation::UnicodeSegmentation;

use super::kinsoku::{is_inseparable, is_line_end_forbidden, is_line_start_forbidden};
use super::{AmbiguousWidth, Line, Span, Style, grapheme_width};

/// How strictly Japanese line-break rules apply (CSS `line-break`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// Never break before small kana or the prolonged sound mark `ー`.
    #[default]
    Strict,
    /// Allow breaks before small kana and `ー`.
    Normal,
}

/// Settings that change layout; part of every layout cache key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Ambiguous-width setting.
    pub ambiguous: AmbiguousWidth,
    /// Line-breaking strictness.
    pub strictness: Strictness,
}

/// Why a line ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineEnd {
    /// At a break opportunity: UAX #14 and kinsoku are both respected.
    Opportunity,
    /// Inside a piece too wide for the line, at a grapheme boundary. Kinsoku may be broken here
    /// (and only here).
    Emergency,
    /// At a newline or other mandatory break character, which is dropped.
    Mandatory,
    /// At the end of the text.
    End,
}

/// One laid-out line as byte offsets into the text that was wrapped.
///
/// `text[start..end]` is what the line shows (for [`wrap_spans`] and [`wrap_str`] minus any
/// ZWSP). `text[end..next]` is the whitespace, ZWSP or newline dropped at the break, and `next`
/// is where the following line's search starts. All offsets are grapheme-cluster boundaries.
/// The text between one line's `next` and the following line's `start` (a dropped indent, or
/// spaces at an emergency break) is whitespace too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineRange {
    /// First byte of the line.
    pub start: usize,
    /// One past the last byte shown.
    pub end: usize,
    /// One past the dropped break whitespace.
    pub next: usize,
    /// Display width of `text[start..end]`.
    pub width: usize,
    /// Why the line ended.
    pub kind: LineEnd,
}

/// Options for an ICU line segmenter of the given strictness (`const` so the segmenters below
/// can be statics).
const fn segmenter_options(strictness: LineBreakStrictness) -> LineBreakOptions<'static> {
    let mut options = LineBreakOptions::default();
    options.strictness = Some(strictness);
    options
}

/// UAX #14 segmenter with strict rules (CJ as NS), built at compile time from baked data.
static STRICT: LineSegmenterBorrowed<'static> =
    LineSegmenter::new_for_non_complex_scripts(segmenter_options(LineBreakStrictness::Strict));
/// UAX #14 segmenter with CSS `line-break: normal` rules (CJ as ID).
static NORMAL: LineSegmenterBorrowed<'static> =
    LineSegmenter::new_for_non_complex_scripts(segmenter_options(LineBreakStrictness::Normal));

/// What a grapheme cluster is, for line filling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Shown and counted.
    Visible,
    /// Whitespace or ZWSP: dropped at a break.
    Space,
    /// A mandatory break character: always dropped, always ends the line.
    Newline,
}

/// Whether a break is allowed before a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Break {
    /// No break.
    No,
    /// A break opportunity.
    Allowed,
    /// A mandatory break (after a newline).
    Mandatory,
}

/// One grapheme cluster of the text being wrapped.
#[derive(Clone, Copy, Debug)]
struct Cluster {
    /// Byte offset of its start.
    start: usize,
    /// Display width.
    width: usize,
    /// Its first character, which decides kinsoku.
    base: char,
    /// What it is.
    kind: Kind,
    /// Whether a line may break before it.
    before: Break,
}

/// Classify a cluster whose first character is `base`.
fn kind_of(grapheme: &str, base: char) -> Kind {
    match base {
        '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Kind::Newline,
        '\u{200B}' => Kind::Space,
        // No-break spaces are part of the word they join.
        '\u{A0}' | '\u{2007}' | '\u{202F}' => Kind::Visible,
        c if c.is_whitespace() && grapheme.len() == c.len_utf8() => Kind::Space,
        _ => Kind::Visible,
    }
}

/// Split `text` into clusters with their widths (no break information yet).
fn clusters(text: &str, ambiguous: AmbiguousWidth) -> Vec<Cluster> {
    let mut out = Vec::with_capacity(text.len());
    let mut push = |start: usize, grapheme: &str| {
        let base = grapheme.chars().next().unwrap_or(' ');
        out.push(Cluster {
            start,
            width: grapheme_width(grapheme, ambiguous),
            base,
            kind: kind_of(grapheme, base),
            before: Break::No,
        });
    };
    if text.is_ascii() {
        // Every ASCII character is its own cluster, except CR LF.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let len = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            push(i, &text[i..i + len]);
            i += len;
        }
    } else {
        for (start, grapheme) in text.grapheme_indices(true) {
            push(start, grapheme);
        }
    }
    out
}

/// Mark where lines may break: UAX #14 opportunities on cluster boundaries, then mandatory
/// breaks, then the kinsoku tailoring and the indent glue.
fn mark_breaks(text: &str, clusters: &mut [Cluster], strictness: Strictness) {
    let segmenter = match strictness {
        Strictness::Strict => STRICT,
        Strictness::Normal => NORMAL,
    };
    let mut k = 0;
    for position in segmenter.segment_str(text) {
        while k < clusters.len() && clusters[k].start < position {
            k += 1;
        }
        // Opportunities inside a cluster (UAX #14 and grapheme rules can disagree) are ignored.
        if k < clusters.len() && clusters[k].start == position && k > 0 {
            clusters[k].before = Break::Allowed;
        }
    }
    // `true` while only whitespace has been seen since the start of the paragraph or the last
    // mandatory break: that whitespace is an indent, glued to what follows.
    let mut in_indent = true;
    for k in 1..clusters.len() {
        let prev = clusters[k - 1];
        if prev.kind == Kind::Newline {
            clusters[k].before = Break::Mandatory;
            in_indent = true;
            continue;
        }
        if prev.kind == Kind::Visible {
            in_indent = false;
        }
        if clusters[k].before != Break::Allowed {
            continue;
        }
        let cluster = clusters[k];
        let last_visible = clusters[..k]
            .iter()
            .rev()
            .take_while(|c| c.kind != Kind::Newline)
            .find(|c| c.kind == Kind::Visible);
        let before_prev = k.checked_sub(2).map(|j| clusters[j].base);
        let forbidden = in_indent
            || is_line_start_forbidden(cluster.base, strictness)
            || last_visible.is_some_and(|c| is_line_end_forbidden(c.base))
            || is_inseparable(before_prev, prev.base, cluster.base);
        if forbidden {
            clusters[k].before = Break::No;
        }
    }
}

/// Greedy first-fit filling of one text into lines.
struct Filler<'a> {
    /// The clusters of the text.
    clusters: &'a [Cluster],
    /// Length of the text in bytes.
    len: usize,
    /// Maximum line width (at least 1).
    width: usize,
    /// Finished lines.
    lines: Vec<LineRange>,
    /// Start of the current line.
    start: usize,
    /// End of what the current line shows.
    end: usize,
    /// Width of `start..end`.
    used: usize,
    /// Width of the whitespace placed after `end` (dropped if the line breaks here).
    pending: usize,
    /// Whether any cluster has been placed on the current line.
    placed: bool,
}

impl Filler<'_> {
    /// Byte offset where cluster `k` starts (the text length past the last cluster).
    fn offset(&self, k: usize) -> usize {
        self.clusters.get(k).map_or(self.len, |c| c.start)
    }

    /// Finish the current line and start a new, empty one at byte `next`.
    fn finish_line(&mut self, next: usize, kind: LineEnd) {
        self.lines.push(LineRange {
            start: self.start,
            end: self.end,
            next,
            width: self.used,
            kind,
        });
        self.start = next;
        self.end = next;
        self.used = 0;
        self.pending = 0;
        self.placed = false;
    }

    /// Start the (still empty) current line at byte `at` instead, dropping what lies before it.
    fn skip_to(&mut self, at: usize) {
        self.start = at;
        self.end = at;
    }

    /// Place the piece made of clusters `from..to` (from one break opportunity to the next);
    /// `after_newline` says whether it starts the paragraph or follows a mandatory break.
    fn place_piece(&mut self, from: usize, to: usize, after_newline: bool) {
        let piece = &self.clusters[from..to];
        let trailing_count = piece
            .iter()
            .rev()
            .take_while(|c| c.kind != Kind::Visible)
            .count();
        let shown_to = to - trailing_count;
        if shown_to == from {
            // Only whitespace: dropped at the start of a line, pending elsewhere.
            if self.placed {
                self.pending += width_of(piece);
            } else {
                self.skip_to(self.offset(to));
            }
            return;
        }
        let mut from = from;
        if !self.placed && after_newline {
            // An indent that cannot share the line with the first character is dropped rather
            // than left alone on a blank-looking line. (The piece has a visible cluster, so
            // `from + indent < shown_to`.)
            let indent = piece.iter().take_while(|c| c.kind == Kind::Space).count();
            if indent > 0 && width_of(&piece[..indent]) + piece[indent].width > self.width {
                from += indent;
            }
        }
        let shown_width = width_of(&self.clusters[from..shown_to]);
        let fits = |f: &Self| {
            f.used + f.pending + shown_width <= f.width || (shown_width == 0 && f.pending == 0)
        };
        if !fits(self) && self.used + self.pending > 0 {
            self.finish_line(self.offset(from), LineEnd::Opportunity);
        }
        if !self.placed {
            self.skip_to(self.offset(from));
        }
        if fits(self) {
            self.used += self.pending + shown_width;
            self.end = self.offset(shown_to);
            self.pending = width_of(&self.clusters[shown_to..to]);
            self.placed = true;
        } else {
            self.place_clusters(from, to);
        }
    }

    /// Place clusters `from..to` one by one on a line where the piece they form does not fit,
    /// breaking between graphemes where the line is full (an emergency break). A grapheme wider
    /// than the whole line goes alone on its line.
    fn place_clusters(&mut self, from: usize, to: usize) {
        for k in from..to {
            let cluster = self.clusters[k];
            if cluster.kind != Kind::Visible {
                self.pending += cluster.width;
                self.placed = true;
                continue;
            }
            if cluster.width > 0
                && self.used + self.pending > 0
                && self.used + self.pending + cluster.width > self.width
            {
                // Whitespace pending at this point is dropped with the break.
                self.finish_line(cluster.start, LineEnd::Emergency);
            }
            self.used += self.pending + cluster.width;
            self.pending = 0;
            self.end = self.offset(k + 1);
            self.placed = true;
        }
    }
}

/// Total width of some clusters.
fn width_of(clusters: &[Cluster]) -> usize {
    clusters.iter().map(|c| c.width).sum()
}

/// Lay out `text` (one paragraph; a newline forces a line break) into lines no wider than
/// `width`, as byte ranges. Always returns at least one line.
///
/// The text is expected to be [sanitised](super::sanitize::sanitize); other input never panics
/// and never gives an over-wide line, since controls have no width.
pub fn line_ranges(text: &str, width: usize, opts: &LayoutOptions) -> Vec<LineRange> {
    let mut clusters = clusters(text, opts.ambiguous);
    mark_breaks(text, &mut clusters, opts.strictness);
    let mut filler = Filler {
        clusters: &clusters,
        len: text.len(),
        width: width.max(1),
        lines: Vec::new(),
        start: 0,
        end: 0,
        used: 0,
        pending: 0,
        placed: false,
    };
    let mut piece_start = 0;
    let mut after_newline = true;
    for k in 1..=clusters.len() {
        let before = clusters.get(k).map_or(Break::Allowed, |c| c.before);
        if before == Break::No {
            continue;
        }
        filler.place_piece(piece_start, k, after_newline);
        after_newline = before == Break::Mandatory;
        if after_newline {
            filler.finish_line(clusters[k].start, LineEnd::Mandatory);
        }
        piece_start = k;
    }
    // A text ending in a newline ends with an empty line, as with `str::split('\n')`.
    if let Some(last) = clusters.last()
        && last.kind == Kind::Newline
    {
        filler.finish_line(text.len(), LineEnd::Mandatory);
    }
    filler.finish_line(text.len(), LineEnd::End);
    filler.lines
}

/// Wrap styled spans (one paragraph) into lines no wider than `width` (see the module docs for
/// the rules). Spans keep their styles and are split at byte offsets; adjacent pieces of the same
/// style are merged; ZWSP is removed. Always returns at least one line.
pub fn wrap_spans(spans: &[Span], width: usize, opts: &LayoutOptions) -> Vec<Line> {
    let joined;
    let text = match spans {
        [] => "",
        [span] => span.text.as_str(),
        _ => {
            joined = spans.iter().map(|s| s.text.as_str()).collect::<String>();
            joined.as_str()
        }
    };
    // (end offset, style) of each span in `text`.
    let mut bounds = Vec::with_capacity(spans.len());
    let mut offset = 0;
    for span in spans {
        offset += span.text.len();
        bounds.push((offset, span.style));
    }
    line_ranges(text, width, opts)
        .iter()
        .map(|range| styled_line(text, &bounds, range.start, range.end))
        .collect()
}

/// The line showing `text[start..end]`, cut from the spans ending at `bounds`.
fn styled_line(text: &str, bounds: &[(usize, Style)], start: usize, end: usize) -> Line {
    let mut spans: Vec<Span> = Vec::new();
    let mut span_start = 0;
    let first = bounds.partition_point(|&(span_end, _)| span_end <= start);
    if first > 0 {
        span_start = bounds[first - 1].0;
    }
    for &(span_end, style) in &bounds[first..] {
        if span_start >= end {
            break;
        }
        let piece = &text[span_start.max(start)..span_end.min(end)];
        span_start = span_end;
        if piece.is_empty() {
            continue;
        }
        match spans.last_mut() {
            Some(last) if last.style == style => push_visible(&mut last.text, piece),
            _ => {
                let mut text = String::with_capacity(piece.len());
                push_visible(&mut text, piece);
                if !text.is_empty() {
                    spans.push(Span { text, style });
                }
            }
        }
    }
    Line::from_spans(spans)
}

/// Append `piece` to `out` without ZWSP.
fn push_visible(out: &mut String, piece: &str) {
    if piece.contains('\u{200B}') {
        out.extend(piece.chars().filter(|&c| c != '\u{200B}'));
    } else {
        out.push_str(piece);
    }
}

/// Wrap plain text (one paragraph) into lines no wider than `width`; the plain-text form of
/// [`wrap_spans`].
pub fn wrap_str(s: &str, width: usize, opts: &LayoutOptions) -> Vec<String> {
    line_ranges(s, width, opts)
        .iter()
        .map(|range| {
            let mut line = String::with_capacity(range.end - range.start);
            push_visible(&mut line, &s[range.start..range.end]);
            line
        })
        .collect()
}
