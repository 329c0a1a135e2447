//! Folding text for matching: NFKC (full-width and half-width forms become one), lower case,
//! and katakana to hiragana, so `ai` finds `ＡＩ` and `くろーど` finds `クロード`.

use unicode_normalization::UnicodeNormalization;

/// The folded form of `s`, used on both sides of every comparison.
///
/// Most characters of real articles (ASCII, kana, the common ideographs and Japanese
/// punctuation) are their own NFKC form and never combine with their neighbours, so they are
/// folded one by one; only the runs between them go through NFKC. The result is the same as
/// [`fold_nfkc`] (a property test checks it) at a fraction of the cost: search folds every
/// body once when a folder is first read.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
        return out;
    }
    let mut run_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_stable_starter(c) {
            if let Some(start) = run_start.take() {
                fold_nfkc_into(&s[start..i], &mut out);
            }
            // A stable starter is a boundary, but the characters after it may still combine
            // with it (a voiced mark after か): then it starts a run of its own.
            if followed_by_combining(&s[i + c.len_utf8()..]) {
                run_start = Some(i);
            } else {
                push_stable(c, &mut out);
            }
        } else if run_start.is_none() {
            run_start = Some(i);
        }
    }
    if let Some(start) = run_start {
        fold_nfkc_into(&s[start..], &mut out);
    }
    out
}

/// [`fold`] the slow way: NFKC over the whole text, then case and kana.
pub fn fold_nfkc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_nfkc_into(s, &mut out);
    out
}

fn fold_nfkc_into(s: &str, out: &mut String) {
    for c in s.nfkc() {
        push_folded(c, out);
    }
}

/// Case and kana folding of one character already in NFKC form.
fn push_folded(c: char, out: &mut String) {
    match c {
        // Katakana ァ..ヶ -> hiragana ぁ..ゖ; ヽヾ -> ゝゞ.
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => {
            out.push(char::from_u32(c as u32 - 0x60).unwrap_or(c));
        }
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// [`push_folded`] for a stable starter: only ASCII has case, only katakana changes.
fn push_stable(c: char, out: &mut String) {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => {
            out.push(char::from_u32(c as u32 - 0x60).unwrap_or(c));
        }
        c => out.push(c.to_ascii_lowercase()),
    }
}

/// Characters that are their own NFKC form, have no case beyond ASCII's, and are never the
/// second half of a composition, so NFKC never joins them to what comes before.
fn is_stable_starter(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{7F}'
        // Hiragana (not the digraph ゟ, which NFKC spells out).
        | '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}'
        // Katakana and the prolonged sound mark (not the digraph ヿ).
        | '\u{30A1}'..='\u{30FE}'
        // 、。〃 and the brackets 〈〉《》「」『』【】.
        | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        // CJK Unified Ideographs (the compatibility ideographs are elsewhere).
        | '\u{4E00}'..='\u{9FFF}')
}

/// Whether `rest` starts with a character that NFKC may join to the one before it: a
/// combining mark, or a half-width (semi-)voiced sound mark.
fn followed_by_combining(rest: &str) -> bool {
    rest.chars().next().is_some_and(|n| {
        !is_stable_starter(n) && (n == '\u{FF9E}' || n == '\u{FF9F}' || !is_plain_starter(n))
    })
}

/// Whether NFKC treats `c` as a starter that joins nothing before it. Conservative: the
/// character and the first of its compatibility decomposition must both be of combining class
/// 0, and outside the few scripts whose starters compose (Hangul jamo, Indic vowel signs).
fn is_plain_starter(c: char) -> bool {
    use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    let starts_plain = |c: char| {
        canonical_combining_class(c) == 0
            && !matches!(c,
                '\u{0900}'..='\u{0DFF}'   // Indic scripts (two-part vowel signs)
                | '\u{1100}'..='\u{11FF}' // Hangul jamo
                | '\u{1B00}'..='\u{1B7F}' // Balinese
                | '\u{AC00}'..='\u{D7FF}' // Hangul syllables and jamo extended-B
                | '\u{11000}'..='\u{1FFFF}') // historic scripts with composing starters
    };
    starts_plain(c) && first.is_none_or(starts_plain)
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
