//! Finding where lines may break: the grapheme clusters of a paragraph with their widths, and
//! the break opportunities between them (UAX #14 from ICU4X, then mandatory breaks, kinsoku
//! tailoring and the indent glue). [`super::wrap`] fills lines from the result.

use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness};
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};

use super::kinsoku::{
    is_inseparable, is_line_end_forbidden, is_line_start_forbidden, is_marker_like,
};
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
    /// Whether a break before it would break a kinsoku rule (it may not start a line, or the
    /// visible cluster before it may not end one). Set by [`mark_breaks`]; emergency breaks
    /// avoid such places if they can.
    pub(super) kinsoku: bool,
    /// Whether it starts a marker run (see [`marker_runs`]), before which the tailoring
    /// forbids a break. Set by [`mark_breaks`].
    pub(super) marker_run: bool,
    /// Whether it continues a run that is never split (digits and Latin letters, a number
    /// with a separator, a doubled mark). Set by [`mark_breaks`].
    pub(super) in_run: bool,
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
            kinsoku: false,
            marker_run: false,
            in_run: false,
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
/// breaks, then the kinsoku tailoring (with marker runs) and the indent glue. Also records on
/// every cluster whether kinsoku or an inseparable run is against a break before it, which
/// emergency breaks use to pick their place.
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
    let glued = marker_runs(clusters, strictness);
    // `true` while only whitespace has been seen since the start of the paragraph or the last
    // mandatory break: that whitespace is an indent, glued to what follows.
    let mut in_indent = true;
    // The last visible cluster since the start of the paragraph or the last mandatory break.
    let mut last_visible: Option<char> = None;
    for k in 1..clusters.len() {
        let prev = clusters[k - 1];
        if prev.kind == Kind::Newline {
            clusters[k].before = Break::Mandatory;
            in_indent = true;
            last_visible = None;
            continue;
        }
        if prev.kind == Kind::Visible {
            in_indent = false;
            last_visible = Some(prev.base);
        }
        let before_prev = k.checked_sub(2).map(|j| clusters[j].base);
        let cluster = &mut clusters[k];
        cluster.kinsoku = is_line_start_forbidden(cluster.base, strictness)
            || last_visible.is_some_and(is_line_end_forbidden);
        cluster.marker_run = glued[k];
        cluster.in_run = is_inseparable(before_prev, prev.base, cluster.base);
        let forbidden = in_indent || cluster.kinsoku || cluster.marker_run || cluster.in_run;
        if cluster.before == Break::Allowed && forbidden {
            cluster.before = Break::No;
        }
    }
}

/// For each cluster, whether it starts a *marker run*: characters that read as a list number,
/// bullet or quote bar at the start of a line ([`is_marker_like`]: digits, `.`, `*`, `-`, ...),
/// possibly with spaces among them, followed by a character that may not start a line. A
/// break before such a run is treated like a break before that character (`1.5」`, `2ヶ月`,
/// `**」`); see the [`kinsoku`](super::kinsoku) module docs for why.
fn marker_runs(clusters: &[Cluster], strictness: Strictness) -> Vec<bool> {
    let mut glued = vec![false; clusters.len()];
    // Whether the clusters after the current one are markers and spaces up to a character
    // that may not start a line.
    let mut tail = false;
    for (k, c) in clusters.iter().enumerate().rev() {
        // A separator inside a number (`１，０００`) belongs to the run, not after it.
        let separator = || {
            let prev = k.checked_sub(1).map(|j| clusters[j].base);
            matches!(c.base, ',' | '，' | '．')
                && clusters
                    .get(k + 1)
                    .is_some_and(|next| is_inseparable(prev, c.base, next.base))
        };
        let marker = c.kind == Kind::Visible && (is_marker_like(c.base) || separator());
        glued[k] = marker && tail;
        tail = match c.kind {
            Kind::Visible if marker => tail,
            Kind::Visible => is_line_start_forbidden(c.base, strictness),
            Kind::Space => tail,
            Kind::Newline => false,
        };
    }
    glued
}
