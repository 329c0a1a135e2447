//! Inline content of one block (paragraph, heading, table cell) while it is being collected:
//! styled text plus soft and hard breaks, resolved into lines of spans. A soft break between
//! two CJK characters joins them directly; elsewhere it becomes a space.

use std::ops::Range;

use crate::text::{Span, Style};

use super::cjk_emphasis::{self, Context};
use super::fit::push_text;

/// One piece of inline content. Text written as it is in the source carries where it came
/// from, for [`cjk_emphasis`].
#[derive(Clone, Debug)]
pub(super) enum Piece {
    Text(Span, Option<Context>),
    /// Text the renderer adds in a style of its own (reference numbers, image brackets,
    /// cards): emphasis around it leaves it as it is.
    Decoration(Span),
    Soft,
    Hard,
}

/// Inline content being collected.
#[derive(Clone, Debug, Default)]
pub(crate) struct Inline {
    pieces: Vec<Piece>,
    /// Source ranges of the delimiters pulldown-cmark paired, put back as literal text.
    paired: Vec<Range<usize>>,
}

/// Inline content resolved into segments: each segment is one line of the source's logical
/// structure (separated by hard breaks) and is wrapped on its own.
pub(crate) type Segments = Vec<Vec<Span>>;

impl Inline {
    /// Append text in a style. Newlines and tabs are whitespace here; control characters are
    /// removed by the text engine's sanitiser.
    pub(crate) fn text(&mut self, text: &str, style: Style) {
        self.push(text, style, None);
    }

    /// Append text the renderer adds in a style that emphasis around it does not change.
    pub(crate) fn decoration(&mut self, text: &str, style: Style) {
        let clean = crate::text::sanitize::sanitize(&text.replace(['\n', '\t'], " "));
        if !clean.is_empty() {
            self.pieces.push(Piece::Decoration(Span::new(clean, style)));
        }
    }

    /// Append text that is exactly as written in the source, whose `*`, `_` and `~` runs
    /// may be paired by [`Inline::pair_cjk_emphasis`].
    pub(crate) fn literal(&mut self, text: &str, style: Style, cx: Context) {
        self.push(text, style, Some(cx));
    }

    /// Append a delimiter run pulldown-cmark paired, put back as the literal text it was
    /// written as.
    pub(crate) fn paired_delimiter(&mut self, text: &str, style: Style, cx: Context) {
        self.paired.push(cx.start..cx.end);
        self.push(text, style, Some(cx));
    }

    fn push(&mut self, text: &str, style: Style, cx: Option<Context>) {
        let clean = crate::text::sanitize::sanitize(&text.replace(['\n', '\t'], " "));
        if clean.is_empty() {
            return;
        }
        if let (Some(next), Some(Piece::Text(span, Some(prev)))) = (&cx, self.pieces.last_mut()) {
            if span.style == style && prev.touches(next) {
                span.text.push_str(&clean);
                prev.extend(next);
                return;
            }
        }
        self.pieces.push(Piece::Text(Span::new(clean, style), cx));
    }

    /// Turn the delimiter runs left as literal text into emphasis where the CJK-friendly
    /// rules pair them.
    pub(crate) fn pair_cjk_emphasis(&mut self) {
        cjk_emphasis::pair(&mut self.pieces, &self.paired);
    }

    /// A soft line break (a newline in the source inside a paragraph).
    pub(crate) fn soft_break(&mut self) {
        self.pieces.push(Piece::Soft);
    }

    /// A hard line break.
    pub(crate) fn hard_break(&mut self) {
        self.pieces.push(Piece::Hard);
    }

    /// Number of pieces so far (to detect whether anything was added after a point).
    pub(crate) fn len(&self) -> usize {
        self.pieces.len()
    }

    /// Replace the text of the piece at `index` (used to shorten an empty image placeholder).
    pub(crate) fn replace_text(&mut self, index: usize, text: &str) {
        if let Some(Piece::Text(span, _) | Piece::Decoration(span)) = self.pieces.get_mut(index) {
            span.text = text.to_string();
        }
    }

    /// The pieces before `at` and, as a content of its own, the pieces from `at` on without
    /// the breaks they start with (both keep the paired delimiters, which are found by their
    /// place in the source).
    pub(crate) fn split_at(&self, at: usize) -> (Inline, Inline) {
        let at = at.min(self.pieces.len());
        let head = Inline {
            pieces: self.pieces[..at].to_vec(),
            paired: self.paired.clone(),
        };
        let tail = self.pieces[at..]
            .iter()
            .skip_while(|p| matches!(p, Piece::Soft | Piece::Hard))
            .cloned()
            .collect();
        let tail = Inline {
            pieces: tail,
            paired: self.paired.clone(),
        };
        (head, tail)
    }

    /// Resolve breaks and merge neighbouring spans of the same style.
    pub(crate) fn finish(self) -> Segments {
        let mut segs: Segments = vec![Vec::new()];
        for (i, piece) in self.pieces.iter().enumerate() {
            let Some(seg) = segs.last_mut() else {
                continue;
            };
            match piece {
                Piece::Text(span, _) | Piece::Decoration(span) => {
                    push_text(seg, &span.text, span.style)
                }
                Piece::Hard => segs.push(Vec::new()),
                Piece::Soft => {
                    let before = seg
                        .last()
                        .and_then(|s| s.text.chars().last().map(|c| (c, s.style)));
                    let after = self.pieces[i + 1..].iter().find_map(|p| match p {
                        Piece::Text(s, _) | Piece::Decoration(s) => s.text.chars().next(),
                        Piece::Soft => None,
                        Piece::Hard => Some('\n'),
                    });
                    if let (Some((b, style)), Some(a)) = (before, after) {
                        if !(b.is_whitespace() || a.is_whitespace() || is_cjk(b) && is_cjk(a)) {
                            push_text(seg, " ", style);
                        }
                    }
                }
            }
        }
        segs
    }
}

/// True if `segs` holds no text at all.
pub(crate) fn is_empty(segs: &Segments) -> bool {
    segs.iter().all(|seg| seg.iter().all(|s| s.text.is_empty()))
}

/// Characters between which a line break in the source is removed rather than turned into a
/// space (CSS Text 3 segment-break rule: East Asian wide, fullwidth and halfwidth characters,
/// Hangul excepted).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF        // CJK and Kangxi radicals, ideographic description
        | 0x3000..=0x303F      // CJK symbols and punctuation (、。「」 U+3000)
        | 0x3040..=0x30FF      // hiragana, katakana
        | 0x3100..=0x312F      // bopomofo
        | 0x3190..=0x31FF      // kanbun, bopomofo ext., CJK strokes, katakana ext.
        | 0x3200..=0x33FF      // enclosed CJK, compatibility
        | 0x3400..=0x4DBF      // ideographs ext. A
        | 0x4E00..=0x9FFF      // ideographs
        | 0xF900..=0xFAFF      // compatibility ideographs
        | 0xFE30..=0xFE4F      // compatibility forms
        | 0xFF01..=0xFF60      // fullwidth forms
        | 0xFF61..=0xFF9F      // halfwidth katakana and punctuation
        | 0xFFE0..=0xFFE6      // fullwidth signs
        | 0x1B000..=0x1B16F    // kana supplement and extensions
        | 0x20000..=0x3FFFF    // ideographs ext. B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(parts: &[&str]) -> Vec<String> {
        let mut inline = Inline::default();
        for p in parts {
            match *p {
                "\n" => inline.soft_break(),
                "\\" => inline.hard_break(),
                t => inline.text(t, Style::default()),
            }
        }
        inline
            .finish()
            .iter()
            .map(|seg| seg.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn soft_break_joins_japanese_and_spaces_latin() {
        assert_eq!(resolve(&["日本", "\n", "語"]), ["日本語"]);
        assert_eq!(resolve(&["終わり。", "\n", "次"]), ["終わり。次"]);
        assert_eq!(resolve(&["hello", "\n", "world"]), ["hello world"]);
        assert_eq!(resolve(&["日本", "\n", "Rust"]), ["日本 Rust"]);
        assert_eq!(resolve(&["end ", "\n", "x"]), ["end x"]);
    }

    #[test]
    fn hard_break_makes_segments() {
        assert_eq!(resolve(&["a", "\\", "b"]), ["a", "b"]);
        assert_eq!(resolve(&["a", "\n", "\\", "b"]), ["a", "b"]);
    }

    #[test]
    fn text_is_sanitised() {
        assert_eq!(resolve(&["a\u{7}b\tc"]), ["ab c"]);
    }
}
