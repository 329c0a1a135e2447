//! Folding text for matching: NFKC (full-width and half-width forms become one), lower case,
//! and katakana to hiragana, so `ai` finds `ＡＩ` and `くろーど` finds `クロード`.

use unicode_normalization::UnicodeNormalization;

/// The folded form of `s`, used on both sides of every comparison.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
        return out;
    }
    for c in s.nfkc() {
        match c {
            // Katakana ァ..ヶ -> hiragana ぁ..ゖ; ヽヾ -> ゝゞ.
            '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => {
                out.push(char::from_u32(c as u32 - 0x60).unwrap_or(c));
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether `haystack` contains `needle` once both are folded. `needle` must already be folded.
pub fn contains_folded(haystack: &str, folded_needle: &str) -> bool {
    folded_needle.is_empty() || fold(haystack).contains(folded_needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_and_kana() {
        assert_eq!(fold("ＡＩ"), "ai");
        assert_eq!(fold("AI"), "ai");
        assert_eq!(fold("ｶﾞｲﾄﾞ"), fold("ガイド"));
        assert_eq!(fold("クロード"), "くろーど");
        assert_eq!(fold("Claude"), "claude");
        assert!(contains_folded("AIインフラ", &fold("いんふら")));
        assert!(!contains_folded("Claude", &fold("gpt")));
    }
}
