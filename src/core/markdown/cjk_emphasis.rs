//! CJK-friendly emphasis: the `*`, `_` and `~` runs pulldown-cmark left as literal text in
//! one block are paired again under the markdown-cjk-friendly amendment to CommonMark
//! (commonmark-spec issue #650), and turned into italic, bold or struck-through text.
//!
//! CommonMark decides what a delimiter run can do from the characters either side of it. A
//! run between punctuation inside and a letter outside cannot close (`（約43兆円）**消失`),
//! and Japanese puts no space there, so such emphasis showed as literal `**`. The amendment,
//! as implemented here:
//!
//! - A *CJK character* has East Asian Width W, F or H and is not an emoji shown as emoji by
//!   default (Emoji_Presentation), or its script is Hangul. Emoji are therefore not CJK and
//!   keep the plain CommonMark behaviour.
//! - A variation selector U+FE00..U+FE0E after a character belongs to it: the character
//!   before the run is the one before the selector (unless that is whitespace). A quotation
//!   mark `‘’“”` followed by U+FE01 (its fullwidth form) counts as CJK. An ideographic
//!   variation selector (U+E0100..U+E01EF) right before a run counts as CJK, since it only
//!   follows ideographs.
//! - Punctuation is Unicode P or S (CommonMark 0.31); *non-CJK punctuation* is punctuation
//!   that is not a CJK character (`（`, `」`, `。` are CJK punctuation, `(`, `"` are not).
//! - Left-flanking: not followed by whitespace, and either not followed by non-CJK
//!   punctuation, or preceded by whitespace, non-CJK punctuation, a CJK character or an
//!   ideographic variation selector.
//! - Right-flanking: not preceded by whitespace, and either not preceded by non-CJK
//!   punctuation, or followed by whitespace, non-CJK punctuation or a CJK character.
//! - The start and end of the block, and a line break, count as whitespace.
//! - `*` and `~` open when left-flanking and close when right-flanking. `_` opens when
//!   left-flanking and either not right-flanking or preceded by punctuation; it closes when
//!   right-flanking and either not left-flanking or followed by punctuation, so `snake_case`
//!   and `日本_語_です` stay literal. `~~` closes by the rule of `*` and opens before
//!   anything but whitespace, a single `~` follows the rules of `_` (both as pulldown-cmark
//!   has them); a `~` run pairs only with one of the same length, and longer runs are text.
//!
//! Without a CJK character next to a run these are exactly CommonMark's rules, so text with
//! no CJK character comes out as pulldown-cmark made it.
//!
//! The pairing is CommonMark's "process emphasis" (nearest opener, the rule of 3, runs
//! between a matched pair removed, two characters for strong when both runs have them, in
//! the details as pulldown-cmark does it),
//! done separately inside each element pulldown-cmark made (a link's text, an emphasis),
//! because emphasis never crosses their boundaries. Only text that is exactly as written in
//! the source is looked at: code spans, HTML, autolinks, escaped characters (`\*`,
//! `&ast;`) and text the renderer adds (reference numbers, cards) are never delimiters, nor
//! are runs inside bare `http(s)://` URLs in the text unless pulldown-cmark paired them. What pulldown-cmark
//! already paired stays as it is. The characters either side of a run are read from the
//! source, so a run pulldown-cmark split (`***` of which it used two) is judged whole.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use icu_properties::props::{
    EastAsianWidth, EmojiPresentation, GeneralCategory, GeneralCategoryGroup, Script,
};
use icu_properties::{CodePointMapData, CodePointMapDataBorrowed, CodePointSetData};

use super::inline::Piece;
use crate::text::{Span, Style};

/// The scope of text inside an autolink: its runs are never delimiters.
pub(crate) const NO_SCOPE: u32 = u32::MAX;

/// What surrounds a piece of literal text in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Context {
    /// The element the text is in (runs pair only within one); [`NO_SCOPE`] for none.
    pub(crate) scope: u32,
    /// The two characters before the text, nearest first, past delimiter characters of the
    /// same run that the parser used; `' '` where there are none.
    pub(crate) before: [char; 2],
    /// How many characters of the text's first run precede it in the source.
    pub(crate) run_before: usize,
    /// The character after the text, past delimiter characters of its last run.
    pub(crate) after: char,
    /// How many characters of the text's last run follow it in the source.
    pub(crate) run_after: usize,
    /// The text's first character was written escaped (`\*`).
    pub(crate) escaped_first: bool,
    /// Where the text is in the source (pulldown-cmark gives each `*` of a run that it
    /// leaves as text its own event; pieces that touch are joined again).
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Context {
    /// `next`, which follows this text directly in the source, appended to it.
    pub(crate) fn extend(&mut self, next: &Context) {
        self.end = next.end;
        self.after = next.after;
        self.run_after = next.run_after;
    }

    /// True if `next` is the text right after this one, inside the same element.
    pub(crate) fn touches(&self, next: &Context) -> bool {
        self.end == next.start && self.scope == next.scope
    }
}

impl Context {
    /// The context of a text event covering `range` of `source`, or `None` if the event's
    /// text is not the source as written (an entity or escape was resolved).
    pub(crate) fn new(source: &str, range: Range<usize>, text: &str, scope: u32) -> Option<Self> {
        if source.get(range.clone()) != Some(text) || text.is_empty() {
            return None;
        }
        let head = &source[..range.start];
        let tail = &source[range.end..];
        let first = text.chars().next().unwrap_or(' ');
        let last = text.chars().next_back().unwrap_or(' ');
        let mut back = head.chars().rev().peekable();
        let mut run_before = 0;
        if is_delimiter(first) {
            while back.next_if_eq(&first).is_some() {
                run_before += 1;
            }
        }
        let b0 = back.next();
        let b1 = back.next();
        let backslashes = head.bytes().rev().take_while(|&b| b == b'\\').count();
        let mut fwd = tail.chars().peekable();
        let mut run_after = 0;
        if is_delimiter(last) {
            while fwd.next_if_eq(&last).is_some() {
                run_after += 1;
            }
        }
        Some(Context {
            scope,
            before: [b0.unwrap_or(' '), b1.unwrap_or(' ')],
            run_before,
            after: fwd.next().unwrap_or(' '),
            run_after,
            escaped_first: run_before == 0 && backslashes % 2 == 1,
            start: range.start,
            end: range.end,
        })
    }
}

fn is_delimiter(c: char) -> bool {
    matches!(c, '*' | '_' | '~')
}

/// One delimiter run found in literal text.
#[derive(Clone, Debug)]
struct Run {
    piece: usize,
    /// Byte range still unused in the piece's text.
    start: usize,
    end: usize,
    ch: char,
    /// Length of the whole run in the source (for the rule of 3).
    orig: usize,
    open: bool,
    close: bool,
    scope: u32,
}

impl Run {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// A pair found: the style goes on from `on` to `off` (positions as piece and byte).
#[derive(Clone, Copy, Debug)]
struct Pair {
    on: (usize, usize),
    off: (usize, usize),
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Italic,
    Bold,
    Strike,
}

/// Pair the literal delimiter runs of one block's pieces and apply the styles they make.
/// `paired` holds the source ranges of the delimiters pulldown-cmark paired itself.
pub(crate) fn pair(pieces: &mut Vec<Piece>, paired: &[Range<usize>]) {
    let mut paired = paired.to_vec();
    paired.sort_unstable_by_key(|r| r.start);
    let mut runs = find_runs(pieces, &paired);
    if runs.iter().all(|r| !r.open) || runs.iter().all(|r| !r.close) {
        return;
    }
    let mut by_scope: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, r) in runs.iter().enumerate() {
        by_scope.entry(r.scope).or_default().push(i);
    }
    let mut pairs = Vec::new();
    let mut deleted: Vec<(usize, Range<usize>)> = Vec::new();
    for ids in by_scope.values() {
        process(&mut runs, ids, &mut pairs, &mut deleted);
    }
    if !pairs.is_empty() {
        apply(pieces, &pairs, &deleted);
    }
}

/// The delimiter runs of every literal piece, with what they can do. A run inside a bare
/// URL is text unless pulldown-cmark paired it (`paired`, sorted).
fn find_runs(pieces: &[Piece], paired: &[Range<usize>]) -> Vec<Run> {
    let mut runs = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let Piece::Text(span, Some(cx)) = piece else {
            continue;
        };
        if cx.scope == NO_SCOPE {
            continue;
        }
        let text = span.text.as_str();
        if !text.contains(is_delimiter) {
            continue;
        }
        let at_start = i == 0 || matches!(pieces[i - 1], Piece::Soft | Piece::Hard);
        let at_end = matches!(pieces.get(i + 1), None | Some(Piece::Soft | Piece::Hard));
        let urls = url_ranges(text);
        // Byte offsets in the text are offsets in the source unless sanitising changed it.
        let verbatim = text.len() == cx.end - cx.start;
        let mut url = 0;
        let mut chars = text.char_indices().peekable();
        let mut prev: [char; 2] = if at_start { [' ', ' '] } else { cx.before };
        let mut first = true;
        while let Some((s, c)) = chars.next() {
            if !is_delimiter(c) || (first && cx.escaped_first) {
                prev = [c, prev[0]];
                first = false;
                continue;
            }
            first = false;
            let mut e = s + c.len_utf8();
            while chars.next_if(|&(_, d)| d == c).is_some() {
                e += c.len_utf8();
            }
            let next = match text[e..].chars().next() {
                Some(n) => n,
                None if at_end => ' ',
                None => cx.after,
            };
            let mut orig = e - s;
            if s == 0 {
                orig += cx.run_before;
            }
            if e == text.len() {
                orig += cx.run_after;
            }
            // The URLs are in order, and so are the runs.
            while urls.get(url).is_some_and(|u| u.end <= s) {
                url += 1;
            }
            let in_url = urls.get(url).is_some_and(|u| u.start <= s && e <= u.end)
                && !(verbatim && overlaps(paired, cx.start + s..cx.start + e));
            if !(in_url || c == '~' && orig > 2) {
                // A single `~` cannot be inside a word, like `_` (pulldown-cmark's rule).
                let word_bound = c == '_' || (c == '~' && orig == 1);
                let (mut open, close) = can_open_close(word_bound, prev, next);
                if c == '~' && orig == 2 {
                    // pulldown-cmark lets `~~` open before anything but whitespace.
                    open = !is_whitespace(next);
                }
                runs.push(Run {
                    piece: i,
                    start: s,
                    end: e,
                    ch: c,
                    orig,
                    open,
                    close,
                    scope: cx.scope,
                });
            }
            prev = [c, c];
        }
    }
    runs
}

/// True if one of the sorted, disjoint `ranges` overlaps `r`.
fn overlaps(ranges: &[Range<usize>], r: Range<usize>) -> bool {
    let i = ranges.partition_point(|x| x.end <= r.start);
    ranges.get(i).is_some_and(|x| x.start < r.end)
}

/// Byte ranges of bare `http://` and `https://` URLs in `text`, up to whitespace or a CJK
/// character.
fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let rest = &text[start..];
        let word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() || is_cjk(c));
        if word_start && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let len = rest
                .find(|c: char| c.is_whitespace() || is_cjk(c))
                .unwrap_or(rest.len());
            out.push(start..start + len);
            from = start + len;
        } else {
            from = start + 4;
        }
    }
    out
}

/// Whether a run between `prev` (the character before, then the one before that) and
/// `next` can open and close emphasis, by the amended flanking rules; `word_bound` for runs
/// that cannot be inside a word (`_`, a single `~`).
fn can_open_close(word_bound: bool, prev: [char; 2], next: char) -> (bool, bool) {
    let [p0, p1] = prev;
    // A general-use variation selector belongs to the character before it.
    let (main, selector) = if ('\u{FE00}'..='\u{FE0E}').contains(&p0) && !is_whitespace(p1) {
        (p1, Some(p0))
    } else {
        (p0, None)
    };
    let prev_ws = is_whitespace(main);
    let prev_cjk = is_cjk(main)
        || (selector == Some('\u{FE01}') && matches!(main, '‘' | '’' | '“' | '”'))
        || (selector.is_none() && ('\u{E0100}'..='\u{E01EF}').contains(&main));
    let prev_punct = is_punctuation(main);
    let prev_other_punct = prev_punct && !prev_cjk;
    let next_ws = is_whitespace(next);
    let next_cjk = is_cjk(next);
    let next_punct = is_punctuation(next);
    let next_other_punct = next_punct && !next_cjk;
    let left = !next_ws && (!next_other_punct || prev_ws || prev_other_punct || prev_cjk);
    let right = !prev_ws && (!prev_other_punct || next_ws || next_other_punct || next_cjk);
    if word_bound {
        (
            left && (!right || prev_punct),
            right && (!left || next_punct),
        )
    } else {
        (left, right)
    }
}

/// CommonMark's "process emphasis" over the runs `ids` (in order) of one scope, with the
/// delimiter stack and search bounds pulldown-cmark uses, so that text without CJK pairs
/// exactly as pulldown-cmark pairs it.
fn process(
    runs: &mut [Run],
    ids: &[usize],
    pairs: &mut Vec<Pair>,
    deleted: &mut Vec<(usize, Range<usize>)>,
) {
    let mut stack = Stack::default();
    for &c in ids {
        while runs[c].close && runs[c].len() > 0 {
            let Some(k) = stack.find(runs, c) else {
                break;
            };
            let o = stack.runs[k];
            let (ch, olen, clen) = (runs[c].ch, runs[o].len(), runs[c].len());
            let (n, kind) = match ch {
                '~' => (clen, Kind::Strike),
                _ if olen >= 2 && clen >= 2 => (2, Kind::Bold),
                _ => (1, Kind::Italic),
            };
            let (op, oe) = (runs[o].piece, runs[o].end);
            let (cp, cs) = (runs[c].piece, runs[c].start);
            deleted.push((op, oe - n..oe));
            deleted.push((cp, cs..cs + n));
            pairs.push(Pair {
                on: (op, oe - n),
                off: (cp, cs + n),
                kind,
            });
            runs[o].end -= n;
            runs[c].start += n;
            stack.truncate(k);
            if runs[o].len() > 0 {
                stack.push(runs, o);
            }
        }
        if runs[c].open && runs[c].len() > 0 {
            stack.push(runs, c);
        }
    }
}

/// The openers not yet closed, and for each kind of closer how far down a search already
/// failed (pulldown-cmark's nine bounds: `_` and `*` by run length modulo 3 and whether the
/// closer can also open, one for every `~`).
#[derive(Debug, Default)]
struct Stack {
    runs: Vec<usize>,
    bounds: [usize; 9],
}

impl Stack {
    fn bound_slots(run: &Run) -> (usize, Option<usize>) {
        let both = run.open && run.close;
        let base = match run.ch {
            '_' => 6,
            '*' => 2,
            _ => return (5, None),
        };
        let not_both = if run.ch == '_' { 0 } else { 1 };
        (base + run.orig % 3, (!both).then_some(not_both))
    }

    /// The position of the opener closer `c` pairs with, if any.
    fn find(&mut self, runs: &[Run], c: usize) -> Option<usize> {
        let closer = &runs[c];
        let (slot, not_both) = Self::bound_slots(closer);
        let mut lower = self.bounds[slot];
        if let Some(nb) = not_both {
            lower = lower.min(self.bounds[nb]);
        }
        let lower = lower.min(self.runs.len());
        let both = closer.open && closer.close;
        let found = (lower..self.runs.len()).rev().find(|&k| {
            let o = &runs[self.runs[k]];
            if o.ch != closer.ch || o.len() == 0 {
                return false;
            }
            if closer.ch == '~' {
                return o.orig == closer.orig && o.len() == closer.len();
            }
            let o_both = o.open && o.close;
            // The rule of 3.
            !both && !o_both
                || !(o.orig + closer.orig).is_multiple_of(3)
                || closer.orig.is_multiple_of(3)
        });
        if found.is_none() {
            self.bounds[slot] = self.runs.len();
            if let Some(nb) = not_both {
                self.bounds[nb] = self.runs.len();
            }
        }
        found
    }

    /// Drop the opener at `k` and everything above it.
    fn truncate(&mut self, k: usize) {
        self.runs.truncate(k);
        for b in &mut self.bounds {
            *b = (*b).min(k);
        }
    }

    fn push(&mut self, runs: &[Run], r: usize) {
        if runs[r].ch == '~' {
            self.bounds[5] = self.bounds[5].min(self.runs.len());
        }
        self.runs.push(r);
    }
}

/// Rebuild the pieces: paired delimiter characters removed, styles applied between pairs.
fn apply(pieces: &mut Vec<Piece>, pairs: &[Pair], deleted: &[(usize, Range<usize>)]) {
    // Style changes by position: +1 where a pair starts, -1 where it ends.
    let mut marks: Vec<((usize, usize), Kind, i32)> = Vec::with_capacity(pairs.len() * 2);
    for p in pairs {
        marks.push((p.on, p.kind, 1));
        marks.push((p.off, p.kind, -1));
    }
    marks.sort_by_key(|m| m.0);
    let mut cuts: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for (piece, range) in deleted {
        cuts.entry(*piece).or_default().push(range.clone());
    }
    let mut depth = [0i32; 3];
    let mut next_mark = 0;
    let mut out = Vec::with_capacity(pieces.len() + pairs.len() * 2);
    for (i, piece) in std::mem::take(pieces).into_iter().enumerate() {
        let Piece::Text(span, cx) = piece else {
            out.push(piece);
            continue;
        };
        let mut edges = vec![0, span.text.len()];
        let from = marks.partition_point(|m| m.0.0 < i);
        let to = marks.partition_point(|m| m.0.0 <= i);
        edges.extend(marks[from..to].iter().map(|m| m.0.1));
        let mut piece_cuts = cuts.remove(&i).unwrap_or_default();
        piece_cuts.sort_unstable_by_key(|r| r.start);
        for r in &piece_cuts {
            edges.extend([r.start, r.end]);
        }
        let mut cut = 0;
        edges.sort_unstable();
        edges.dedup();
        for w in edges.windows(2) {
            let (a, b) = (w[0], w[1]);
            while let Some(&((mp, mb), kind, d)) = marks.get(next_mark) {
                if (mp, mb) > (i, a) {
                    break;
                }
                depth[kind as usize] += d;
                next_mark += 1;
            }
            // Cuts never overlap, and the windows go left to right.
            while piece_cuts.get(cut).is_some_and(|r| r.end <= a) {
                cut += 1;
            }
            if piece_cuts
                .get(cut)
                .is_some_and(|r| r.start <= a && b <= r.end)
            {
                continue;
            }
            let style = styled(span.style, depth);
            out.push(Piece::Text(Span::new(&span.text[a..b], style), cx));
        }
    }
    *pieces = out;
}

/// `base` with the styles of the pairs currently open.
fn styled(base: Style, depth: [i32; 3]) -> Style {
    Style {
        italic: base.italic || depth[Kind::Italic as usize] > 0,
        bold: base.bold || depth[Kind::Bold as usize] > 0,
        strike: base.strike || depth[Kind::Strike as usize] > 0,
        ..base
    }
}

static WIDTH: LazyLock<CodePointMapDataBorrowed<'static, EastAsianWidth>> =
    LazyLock::new(CodePointMapData::<EastAsianWidth>::new);

/// A CJK character in the amendment's sense (see the module documentation).
pub(crate) fn is_cjk(c: char) -> bool {
    if (c as u32) < 0x1100 {
        return false;
    }
    let wide = matches!(
        WIDTH.get(c),
        EastAsianWidth::Wide | EastAsianWidth::Fullwidth | EastAsianWidth::Halfwidth
    );
    (wide && !CodePointSetData::new::<EmojiPresentation>().contains(c))
        || CodePointMapData::<Script>::new().get(c) == Script::Hangul
}

/// Unicode whitespace as CommonMark defines it: Zs, tab, line feed, form feed, return.
fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r')
        || CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::SpaceSeparator
}

/// Unicode punctuation as CommonMark 0.31 defines it: general category P or S.
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    let gc = CodePointMapData::<GeneralCategory>::new().get(c);
    GeneralCategoryGroup::Punctuation.contains(gc) || GeneralCategoryGroup::Symbol.contains(gc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_cjk() {
        for c in [
            '漢', 'か', 'カ', 'ｶ', '（', '」', '。', '！', '한', 'ᄀ', '𠮷', '〽',
        ] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', '(', '※', '…', '😀', '⌚', 'é', '\u{E0100}', '\u{FE0E}'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn punctuation_and_whitespace() {
        assert!(is_punctuation('（') && is_punctuation('(') && is_punctuation('$'));
        assert!(is_punctuation('」') && is_punctuation('※'));
        assert!(!is_punctuation('a') && !is_punctuation('漢'));
        assert!(is_whitespace(' ') && is_whitespace('\u{3000}') && is_whitespace('\n'));
        assert!(!is_whitespace('\u{85}') && !is_whitespace('a'));
    }

    #[test]
    fn flanking_next_to_cjk_punctuation() {
        // `）**消`: closes (CommonMark: no), and may open.
        assert_eq!(can_open_close(false, ['）', '円'], '消'), (true, true));
        // `a**（`: CJK punctuation inside counts like a letter: opens.
        assert_eq!(can_open_close(false, ['a', ' '], '（'), (true, true));
        // `)**을`: Korean after ASCII punctuation closes (CommonMark: it only opens).
        assert_eq!(can_open_close(false, [')', 'n'], '을'), (true, true));
        assert_eq!(can_open_close(false, [')', 'n'], 'a'), (true, false));
        // Emoji are symbols (punctuation to CommonMark), not CJK: `a**😀` cannot open,
        // where `a**漢` can.
        assert_eq!(can_open_close(false, ['a', ' '], '😀'), (false, true));
        assert_eq!(can_open_close(false, ['a', ' '], '漢'), (true, true));
        // Whitespace wins: ` ** ` is nothing.
        assert_eq!(can_open_close(false, [' ', ' '], ' '), (false, false));
    }

    #[test]
    fn variation_selectors() {
        // An ideographic variation selector stands for the ideograph before it: a run
        // before ASCII punctuation opens, as after `葛` itself (a letter would not).
        assert_eq!(
            can_open_close(false, ['\u{E0100}', '葛'], '('),
            (true, true)
        );
        assert_eq!(can_open_close(false, ['a', ' '], '('), (false, true));
        // U+FE0E after a CJK character: the character decides.
        assert_eq!(can_open_close(false, ['\u{FE0E}', '〽'], '('), (true, true));
        // ... but not after an ASCII letter.
        assert_eq!(can_open_close(false, ['\u{FE0E}', 'a'], '('), (false, true));
        // A fullwidth quotation mark (U+201D U+FE01) counts as CJK.
        assert_eq!(can_open_close(false, ['\u{FE01}', '”'], 'a'), (true, true));
        assert_eq!(can_open_close(false, ['”', 'a'], 'a'), (true, false));
    }

    #[test]
    fn underscore_stays_inside_words() {
        assert_eq!(can_open_close(true, ['e', 'k'], 'c'), (false, false));
        assert_eq!(can_open_close(true, ['本', '日'], '語'), (false, false));
        // After punctuation it opens but cannot close before a letter.
        assert_eq!(can_open_close(true, ['」', '要'], 'で'), (true, false));
        assert_eq!(can_open_close(true, ['要', '重'], '」'), (false, true));
    }

    #[test]
    fn urls_in_text() {
        let t = "見てhttps://ex.com/a_b_c です http://x/*y*";
        let r = url_ranges(t);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].clone()], "https://ex.com/a_b_c");
        assert_eq!(&t[r[1].clone()], "http://x/*y*");
        assert!(url_ranges("xhttp://a").is_empty());
    }

    #[test]
    fn overlapping_ranges() {
        let ranges = [2..4, 8..10];
        assert!(overlaps(&ranges, 3..5) && overlaps(&ranges, 0..3) && overlaps(&ranges, 9..12));
        assert!(!overlaps(&ranges, 4..8) && !overlaps(&ranges, 0..2) && !overlaps(&ranges, 10..11));
        assert!(!overlaps(&[], 0..5));
    }

    #[test]
    fn context_reads_the_source() {
        let src = "a***b";
        let cx = Context::new(src, 1..2, "*", 0).expect("verbatim");
        assert_eq!(
            (cx.before, cx.run_before, cx.after, cx.run_after),
            (['a', ' '], 0, 'b', 2)
        );
        assert!(Context::new("&ast;", 0..5, "*", 0).is_none());
        let cx = Context::new("\\*x", 1..3, "*x", 0).expect("verbatim");
        assert!(cx.escaped_first);
    }
}
