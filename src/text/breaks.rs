//! Finding where lines may break: the grapheme clusters of a paragraph with their widths, and
//! the break opportunities between them (UAX #14 from ICU4X, then mandatory breaks, kinsoku
//! tailoring and the indent glue). [`super::wrap`] fills lines from the result.

use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness};
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};

use super::kinsoku::{is_inseparable, is_line_end_forbidden, is_line_start_forbidden};
use super::wrap::Strictness;
use super::{AmbiguousWidth, grapheme_width, width};

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
pub(super) enum Kind {
    /// Shown and counted.
    Visible,
    /// Whitespace or ZWSP: dropped at a break.
    Space,
    /// A mandatory break character: always dropped, always ends the line.
    Newline,
}

/// Whether a break is allowed before a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Break {
    /// No break.
    No,
    /// A break opportunity.
    Allowed,
    /// A mandatory break (after a newline).
    Mandatory,
}

/// One grapheme cluster of the text being wrapped.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cluster {
    /// Byte offset of its start.
    pub(super) start: usize,
    /// Display width.
    pub(super) width: usize,
    /// Its first character, which decides kinsoku.
    pub(super) base: char,
    /// What it is.
    pub(super) kind: Kind,
    /// Whether a line may break before it.
    pub(super) before: Break,
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
pub(super) fn clusters(text: &str, ambiguous: AmbiguousWidth) -> Vec<Cluster> {
    // The number of characters bounds the number of clusters.
    let capacity = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    let mut out = Vec::with_capacity(capacity);
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
        for (start, grapheme) in width::clusters(text) {
            push(start, grapheme);
        }
    }
    out
}

/// Mark where lines may break: UAX #14 opportunities on cluster boundaries, then mandatory
/// breaks, then the kinsoku tailoring and the indent glue.
pub(super) fn mark_breaks(text: &str, clusters: &mut [Cluster], strictness: Strictness) {
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
