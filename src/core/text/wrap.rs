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
//!    count toward the width; ZWSP is never part of what [`wrap_spans`] and [`wrap_str`] return.
//! 4. A piece between two break opportunities that is wider than the line starts a new line and
//!    is broken inside (an *emergency* break, [`LineEnd::Emergency`]). Where the line is full,
//!    the break goes, in order of preference:
//!    - right after URL or path punctuation (`/ . - _ ? & = # :` ..., see
//!      [`is_url_punctuation`]), at the last such place on the line, unless the segment after
//!      it (up to the next punctuation) is itself wider than a line: at 16 columns
//!      `www.bloomberg.com/news` breaks as `www.bloomberg.` / `com/news`, at 20
//!      `claude_desktop_config.json` as `claude_desktop_` / `config.json`;
//!    - at the last grapheme boundary that is not inside a run of ASCII characters and where
//!      kinsoku (with the marker-run tailoring of [`kinsoku`](super::kinsoku)) allows a break;
//!    - the same, ignoring the marker-run tailoring (`Gemini` / `1.5」` is better than
//!      splitting the word);
//!    - at the last grapheme boundary where kinsoku allows a break (with, then without, the
//!      tailoring);
//!    - at the last grapheme boundary that fits.
//!
//!    Only in the last case may kinsoku be broken.
//! 5. No line is wider than the width, except a line holding a single grapheme that is itself
//!    wider than the width (a 2-column character at width 1), which is put alone on its line.
//!    A width of 0 is treated as 1.

use super::breaks::{Break, Cluster, Kind, clusters, mark_breaks};
use super::kinsoku::is_url_punctuation;
use super::{AmbiguousWidth, Line, Span, Style};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Ambiguous-width setting.
    pub ambiguous: AmbiguousWidth,
    /// Line-breaking strictness.
    pub strictness: Strictness,
    /// Markdown emphasis by the CJK-friendly amendment (`**「重要」**です` is bold), not
    /// strict CommonMark. On by default.
    pub cjk_emphasis: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            ambiguous: AmbiguousWidth::default(),
            strictness: Strictness::default(),
            cjk_emphasis: true,
        }
    }
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
/// The text between one line's `next` and the following line's `start` (a dropped indent) is
/// whitespace too.
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

    /// Whether something `width` wide can follow on the current line, after the pending
    /// whitespace. Zero-width text can always join a line (even one holding a lone over-wide
    /// grapheme) unless it would bring pending whitespace with it past the edge.
    fn fits(&self, width: usize) -> bool {
        self.used + self.pending + width <= self.width || (width == 0 && self.pending == 0)
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
            let first_width = piece.get(indent).map_or(0, |c| c.width);
            if indent > 0 && width_of(&piece[..indent]) + first_width > self.width {
                from += indent;
            }
        }
        let shown_width = width_of(&self.clusters[from..shown_to]);
        if !self.fits(shown_width) && self.used + self.pending > 0 {
            self.finish_line(self.offset(from), LineEnd::Opportunity);
        }
        if !self.placed {
            self.skip_to(self.offset(from));
        }
        if self.fits(shown_width) {
            self.used += self.pending + shown_width;
            self.end = self.offset(shown_to);
            self.pending = width_of(&self.clusters[shown_to..to]);
            self.placed = true;
        } else {
            self.place_clusters(from, to);
        }
    }

    /// Place clusters `from..to` one by one on a line where the piece they form does not fit,
    /// breaking inside it where the line is full (an emergency break, placed by
    /// [`Filler::emergency_break`]). A grapheme wider than the whole line goes alone on its line.
    ///
    /// Called on an empty line (`used + pending == 0`).
    fn place_clusters(&mut self, from: usize, to: usize) {
        // The first cluster of the piece on the current line.
        let mut line_from = from;
        let mut k = from;
        while k < to {
            let cluster = self.clusters[k];
            if cluster.kind != Kind::Visible {
                self.pending += cluster.width;
                self.placed = true;
                k += 1;
                continue;
            }
            if self.used + self.pending > 0 && !self.fits(cluster.width) {
                let at = self.emergency_break(line_from, k, to);
                if at < k {
                    // Take `at..k` back off the line, with the whitespace before it.
                    let shown = (line_from..at)
                        .rev()
                        .find(|&i| self.clusters[i].kind == Kind::Visible)
                        .map_or(line_from, |i| i + 1);
                    self.used = self.used + self.pending - width_of(&self.clusters[shown..k]);
                    self.end = self.offset(shown);
                }
                // Whitespace pending at the break is dropped with it.
                self.finish_line(self.offset(at), LineEnd::Emergency);
                line_from = at;
                k = at;
                continue;
            }
            self.used += self.pending + cluster.width;
            self.pending = 0;
            self.end = self.offset(k + 1);
            self.placed = true;
            k += 1;
        }
    }

    /// Where to break a line that is full before cluster `k`, inside the piece that ends
    /// before cluster `to` and whose part on this line starts at cluster `line_from`: a
    /// cluster index in `line_from + 1..=k` (see rule 4 of the module docs). The line keeps
    /// at least one visible cluster.
    fn emergency_break(&self, line_from: usize, k: usize, to: usize) -> usize {
        let c = self.clusters;
        let Some(first_visible) = (line_from..k).find(|&i| c[i].kind == Kind::Visible) else {
            return k;
        };
        // Places where the next line would start with something visible.
        let places = || {
            (first_visible + 1..=k)
                .rev()
                .filter(|&j| c[j].kind == Kind::Visible)
        };
        let latin = |j: usize| {
            c[j].in_run || (c[j - 1].base.is_ascii_graphic() && c[j].base.is_ascii_graphic())
        };
        let clean = |j: usize| !c[j].kinsoku && !c[j].marker_run;
        places()
            .find(|&j| clean(j) && after_url_punctuation(c, j) && self.segment_fits(j, to))
            .or_else(|| places().find(|&j| clean(j) && !latin(j)))
            // Splitting a word is worse than starting a line with a marker run: `Gemini` /
            // `1.5」`, not `Gemin` / `i 1.5」`.
            .or_else(|| places().find(|&j| !c[j].kinsoku && !latin(j)))
            .or_else(|| places().find(|&j| clean(j)))
            .or_else(|| places().find(|&j| !c[j].kinsoku))
            .unwrap_or(k)
    }

    /// Whether the segment of a too-wide piece that starts at cluster `from` (up to and
    /// including the next run of URL punctuation, or to cluster `to`) fits on a line.
    fn segment_fits(&self, from: usize, to: usize) -> bool {
        let c = self.clusters;
        let mut end = from + 1;
        while end < to && !after_url_punctuation(c, end) {
            end += 1;
        }
        let shown = c[from..end]
            .iter()
            .rposition(|cl| cl.kind == Kind::Visible)
            .map_or(from, |i| from + i + 1);
        width_of(&c[from..shown]) <= self.width
    }
}

/// Whether cluster `j` (at least 1) follows a run of URL punctuation: the place to break a
/// URL or a path that is too wide for a line.
fn after_url_punctuation(clusters: &[Cluster], j: usize) -> bool {
    let before = clusters[j - 1];
    before.kind == Kind::Visible
        && is_url_punctuation(before.base)
        && !is_url_punctuation(clusters[j].base)
}

/// Total width of some clusters.
fn width_of(clusters: &[Cluster]) -> usize {
    clusters.iter().map(|c| c.width).sum()
}

/// The layout of a text that fits on one line and has no newline, without running the line
/// segmenter: what the general path gives in that case (trailing whitespace dropped, a
/// whitespace-only text shows nothing).
fn single_line(text: &str, clusters: &[Cluster], width: usize) -> Option<LineRange> {
    if clusters.iter().any(|c| c.kind == Kind::Newline) {
        return None;
    }
    let shown = clusters.len()
        - clusters
            .iter()
            .rev()
            .take_while(|c| c.kind != Kind::Visible)
            .count();
    let shown_width = width_of(&clusters[..shown]);
    if shown_width > width {
        return None;
    }
    let (start, end) = match clusters.get(shown) {
        _ if shown == 0 => (text.len(), text.len()),
        Some(c) => (0, c.start),
        None => (0, text.len()),
    };
    Some(LineRange {
        start,
        end,
        next: text.len(),
        width: shown_width,
        kind: LineEnd::End,
    })
}

/// Lay out `text` (one paragraph; a newline forces a line break) into lines no wider than
/// `width`, as byte ranges. Always returns at least one line.
///
/// The text is expected to be [sanitised](super::sanitize::sanitize); other input never panics
/// and never gives an over-wide line, since controls have no width.
pub fn line_ranges(text: &str, width: usize, opts: &LayoutOptions) -> Vec<LineRange> {
    let width = width.max(1);
    let mut clusters = clusters(text, opts.ambiguous);
    if let Some(line) = single_line(text, &clusters, width) {
        return vec![line];
    }
    fill(text, &mut clusters, width, opts.strictness)
}

/// The general path of [`line_ranges`]: find the break opportunities, then fill lines.
fn fill(
    text: &str,
    clusters: &mut [Cluster],
    width: usize,
    strictness: Strictness,
) -> Vec<LineRange> {
    mark_breaks(text, clusters, strictness);
    let clusters = &*clusters;
    let mut filler = Filler {
        clusters,
        len: text.len(),
        width,
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

/// The width of the widest piece of `text` between two break opportunities (kinsoku
/// included), whitespace at a break not counted: the narrowest line `text` can be wrapped
/// into without an emergency break inside a piece. `Anthropic・` is one piece (`・` may not
/// start a line), so it is 11 columns.
pub fn widest_piece(text: &str, opts: &LayoutOptions) -> usize {
    let mut clusters = clusters(text, opts.ambiguous);
    mark_breaks(text, &mut clusters, opts.strictness);
    let mut widest = 0;
    let mut piece_start = 0;
    for k in 1..=clusters.len() {
        let before = clusters.get(k).map_or(Break::Allowed, |c| c.before);
        if before == Break::No {
            continue;
        }
        let piece = &clusters[piece_start..k];
        let shown = piece
            .iter()
            .rposition(|c| c.kind == Kind::Visible)
            .map_or(0, |last| width_of(&piece[..=last]));
        widest = widest.max(shown);
        piece_start = k;
    }
    widest
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

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(s: &str, width: usize) -> Vec<String> {
        wrap_str(s, width, &LayoutOptions::default())
    }

    fn ranges(s: &str, width: usize) -> Vec<(usize, usize, usize, LineEnd)> {
        line_ranges(s, width, &LayoutOptions::default())
            .iter()
            .map(|r| (r.start, r.end, r.next, r.kind))
            .collect()
    }

    #[test]
    fn single_line_shortcut_agrees_with_the_general_path() {
        let texts = [
            "",
            "   ",
            "\u{3000}",
            "\u{3000}字下げ",
            "東京\u{200B}大阪\u{200B}",
            "abc  ",
            "  abc \u{3000}",
            "a\u{2060}",
            "\u{301}",
        ];
        for text in texts {
            for width in [1, 2, 5, 40] {
                let opts = LayoutOptions::default();
                let mut clusters = clusters(text, opts.ambiguous);
                let Some(short) = single_line(text, &clusters, width) else {
                    continue;
                };
                let general = fill(text, &mut clusters, width, opts.strictness);
                assert_eq!(general, [short], "{text:?} at {width}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn single_line_shortcut_agrees_on_random_text(
            text in "[ a\u{3000}\u{200B}\u{2060}\u{301}東、「ｶﾞ]{0,12}",
            width in 1usize..30,
        ) {
            let mut clusters = clusters(&text, AmbiguousWidth::Narrow);
            if let Some(short) = single_line(&text, &clusters, width) {
                let general = fill(&text, &mut clusters, width, Strictness::Strict);
                proptest::prop_assert_eq!(general, vec![short]);
            }
        }
    }

    #[test]
    fn empty_and_blank_paragraphs_give_one_empty_line() {
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("   ", 10), [""]);
        assert_eq!(wrap("\u{3000}", 1), [""]);
    }

    #[test]
    fn break_whitespace_is_dropped_and_recorded() {
        assert_eq!(wrap("abc def", 4), ["abc", "def"]);
        assert_eq!(
            ranges("abc def", 4),
            [(0, 3, 4, LineEnd::Opportunity), (4, 7, 7, LineEnd::End)]
        );
        // Trailing whitespace at the end of the paragraph is not shown either.
        assert_eq!(ranges("ab  ", 10), [(0, 2, 4, LineEnd::End)]);
        // Spaces wider than the line vanish at the break.
        assert_eq!(wrap("a          b", 4), ["a", "b"]);
    }

    #[test]
    fn newlines_force_breaks() {
        assert_eq!(wrap("東京\n大阪", 10), ["東京", "大阪"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap("a\n", 10), ["a", ""]);
        assert_eq!(
            ranges("a \nb", 10),
            [(0, 1, 3, LineEnd::Mandatory), (3, 4, 4, LineEnd::End)]
        );
        // Each hard line keeps its own indent.
        assert_eq!(wrap("a\n\u{3000}字", 10), ["a", "\u{3000}字"]);
    }

    #[test]
    fn indent_that_cannot_fit_with_the_first_character_is_dropped() {
        assert_eq!(wrap("\u{3000}字下げ", 3), ["字", "下", "げ"]);
        assert_eq!(wrap("\u{3000}字下げ", 4), ["\u{3000}字", "下げ"]);
        assert_eq!(ranges("\u{3000}字", 3)[0].0, 3);
        assert_eq!(wrap("  abc", 2), ["ab", "c"]);
        assert_eq!(wrap("  abc", 3), ["  a", "bc"]);
    }

    #[test]
    fn wide_grapheme_at_width_one_stands_alone() {
        assert_eq!(wrap("あい", 1), ["あ", "い"]);
        assert_eq!(wrap("aあb", 1), ["a", "あ", "b"]);
        assert_eq!(wrap("あい", 0), ["あ", "い"]);
        // Zero-width text stays with it; pending whitespace does not.
        assert_eq!(wrap("あ\u{2060}", 1), ["あ\u{2060}"]);
    }

    #[test]
    fn emergency_break_inside_long_words() {
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        let kinds: Vec<LineEnd> = ranges("abcdefgh ij", 3).iter().map(|r| r.3).collect();
        assert_eq!(
            kinds,
            [
                LineEnd::Emergency,
                LineEnd::Emergency,
                LineEnd::Opportunity,
                LineEnd::End
            ]
        );
    }

    fn kinds(s: &str, width: usize) -> Vec<LineEnd> {
        ranges(s, width).iter().map(|r| r.3).collect()
    }

    #[test]
    fn too_wide_urls_and_paths_break_after_punctuation() {
        use LineEnd::{Emergency, End, Opportunity};
        // At the last punctuation that fits, not where the line happens to be full.
        assert_eq!(
            wrap("claude_desktop_config.json", 20),
            ["claude_desktop_", "config.json"]
        );
        assert_eq!(kinds("claude_desktop_config.json", 20), [Emergency, End]);
        assert_eq!(
            wrap("https://www.bloomberg.com/news", 16),
            ["https://", "www.bloomberg.", "com/news"]
        );
        assert_eq!(
            kinds("https://www.bloomberg.com/news", 16),
            [Opportunity, Emergency, End]
        );
        // A segment wider than the line is cut between graphemes, filling the line.
        assert_eq!(
            wrap("news.yahoo.co.jp/articles/3435ae8ea74777394750bf22", 16),
            [
                "news.yahoo.co.",
                "jp/",
                "articles/3435ae8",
                "ea74777394750bf2",
                "2"
            ]
        );
        assert_eq!(
            kinds("news.yahoo.co.jp/articles/3435ae8ea74777394750bf22", 16),
            [Emergency, Opportunity, Emergency, Emergency, End]
        );
        // Inside a piece in a Japanese sentence too.
        assert_eq!(
            wrap("設定（claude_desktop_config.json）に追加", 20),
            ["設定", "（claude_desktop_", "config.json）に追加"]
        );
    }

    #[test]
    fn emergency_breaks_keep_kinsoku_when_they_can() {
        // `：` may not start a line, so the word gives a letter instead.
        assert_eq!(
            wrap("technyanComment：マスコット", 16),
            ["technyanCommen", "t：マスコット"]
        );
        assert_eq!(
            kinds("technyanComment：マスコット", 16)[0],
            LineEnd::Emergency
        );
        // Splitting a word is worse than a marker run at the line start.
        assert_eq!(
            wrap("Gemini 1.5」をリリース", 10),
            ["Gemini", "1.5」をリ", "リース"]
        );
    }

    #[test]
    fn digits_before_a_no_start_character_stay_with_the_text_before() {
        // UAX #14 would allow `わずか` / `2ヶ月`, `モデル「Gemini` / `1.5」`: the digits are
        // kept off the line start as if the small kana or the bracket were there.
        assert_eq!(wrap("わずか2ヶ月で改善", 8), ["わず", "か2ヶ月", "で改善"]);
        assert_eq!(
            wrap("モデル「Gemini 1.5」を発表", 14),
            ["モデル", "「Gemini 1.5」", "を発表"]
        );
        assert_eq!(
            wrap("Stable Diffusion 4、Adobe Firefly", 16),
            ["Stable", "Diffusion 4、", "Adobe Firefly"]
        );
        assert_eq!(
            wrap("期間は3〜6ヶ月）です", 10),
            ["期間", "は3〜6ヶ", "月）です"]
        );
        // The same for other characters that look like a list marker: `**」` never starts a
        // line.
        assert_eq!(
            wrap("これは「**強調**」です", 14),
            ["これは「**強", "調**」です"]
        );
        // A separator inside a number is part of the run, not the character after it.
        assert_eq!(wrap("値は１，０００円", 10), ["値は", "１，０００", "円"]);
        // Digits before an ordinary character still start a line.
        assert_eq!(wrap("わずか2か月で改善", 6), ["わずか", "2か月", "で改善"]);
    }

    #[test]
    fn kinsoku_tailoring() {
        // Fullwidth digits and separators stay together.
        assert_eq!(wrap("値は１，０００円", 10), ["値は", "１，０００", "円"]);
        // Mixed ASCII and fullwidth Latin stays one word.
        assert_eq!(
            wrap("新型iPhone１５発表", 12),
            ["新型", "iPhone１５発", "表"]
        );
        // Opening brackets never end a line, even where UAX #14 would allow it after a space.
        assert_eq!(wrap("価格 ¥ 100", 7), ["価格", "¥ 100"]);
        // Normal strictness lets small kana start a line.
        let normal = LayoutOptions {
            strictness: Strictness::Normal,
            ..LayoutOptions::default()
        };
        assert_eq!(wrap_str("ちょっと", 2, &normal), ["ち", "ょ", "っ", "と"]);
        assert_eq!(wrap("ちょっと", 4), ["ちょ", "っと"]);
    }

    #[test]
    fn zwsp_never_reaches_the_output() {
        let lines = wrap_spans(
            &[Span::plain("東京\u{200B}"), Span::plain("\u{200B}大阪")],
            20,
            &LayoutOptions::default(),
        );
        assert_eq!(lines, [Line::from_spans(vec![Span::plain("東京大阪")])]);
    }

    #[test]
    fn grapheme_boundaries_win_over_uax14() {
        // UAX #14 allows a break between the space and the combining mark; graphemes don't.
        let lines = wrap("a \u{301}b", 1);
        assert!(lines.iter().all(|l| !l.starts_with('\u{301}')));
    }
}
