//! Japanese line-breaking rules (kinsoku shori) layered on top of UAX #14: which characters may
//! not start or end a line, and which neighbours are never split.
//!
//! UAX #14 in its strict form already covers most of JIS X 4051 / JLREQ; these rules fill the
//! gaps it leaves: fullwidth digit and Latin runs, `～` (U+FF5E) treated like `〜` (U+301C),
//! and a few characters UAX #14 lets through at a line edge.
//!
//! One tailoring goes beyond JLREQ: a run of digits (or other characters that read as a list
//! number, bullet or quote bar at the start of a line, see [`is_marker_like`]) followed by a
//! character that may not start a line is kept with what comes before it, as if that
//! character itself were at the line start. `1.5」`, `2ヶ月`, `6ヶ月）` and `4、` hold
//! together as units anyway (a closing bracket, small kana or comma belongs to the number in
//! front of it), and a line that starts `2」…` or `**」…` reads as a list number or bullet
//! followed by a stray closing bracket, which is exactly what kinsoku is meant to prevent.

use super::wrap::Strictness;

/// Whether `c` may not begin a line (行頭禁則) under `strictness`.
///
/// Always banned: closing brackets and quotes, `、。，．` and their halfwidth forms,
/// `・：；？！‼⁇⁈⁉`, iteration marks `々〻ゝゞヽヾ`, the wave dashes `〜～`, hyphen-like `‐–゠`,
/// the leaders `…‥`,
/// postfix units `％℃°′″‰`, voiced-mark characters. Under [`Strictness::Strict`] also the
/// prolonged sound mark `ー` and small kana; [`Strictness::Normal`] lets those start a line.
pub fn is_line_start_forbidden(c: char, strictness: Strictness) -> bool {
    match c {
        // Closing brackets and quotes.
        ')' | ']' | '}' | '）' | '］' | '｝' | '」' | '』' | '】' | '〕' | '〉' | '》' | '〙'
        | '〗' | '〟' | '”' | '’' | '｣' | '｠' | '»' | '›' => true,
        // Punctuation.
        // (ASCII `, . : ; ? !` are left to UAX #14, which knows about `.NET` and `3.5`.)
        '、' | '。' | '，' | '．' | '､' | '｡' | '・' | '･' | '：' | '；' | '？' | '！' | '‼'
        | '⁇' | '⁈' | '⁉' => true,
        // Iteration marks.
        '々' | '〻' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' => true,
        // Wave dashes and hyphen-like characters.
        '〜' | '～' | '‐' | '–' | '゠' => true,
        // Leaders: UAX #14 (class IN) already keeps them off a line start; listed so that the
        // marker-run tailoring sees them too.
        '…' | '‥' => true,
        // Postfix units.
        '％' | '℃' | '°' | '′' | '″' | '‰' => true,
        // Voiced and semi-voiced sound marks on their own.
        '゛' | '゜' | '\u{3099}' | '\u{309A}' | 'ﾞ' | 'ﾟ' => true,
        // Prolonged sound mark and small kana: only under strict rules.
        _ => strictness == Strictness::Strict && is_prolonged_or_small_kana(c),
    }
}

/// Whether `c` is `ー`, its halfwidth form, or a small kana (UAX #14 class CJ).
fn is_prolonged_or_small_kana(c: char) -> bool {
    matches!(
        c,
        'ー' | 'ｰ'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | '\u{31F0}'..='\u{31FF}'
            | '\u{FF67}'..='\u{FF6F}'
    )
}

/// Whether `c` may not end a line (行末禁則): opening brackets and quotes, and prefix currency
/// signs that belong to the number after them.
pub fn is_line_end_forbidden(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '（'
            | '［'
            | '｛'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '〘'
            | '〖'
            | '〝'
            | '“'
            | '‘'
            | '｢'
            | '｟'
            | '«'
            | '‹'
            | '¥'
            | '￥'
            | '$'
            | '＄'
            | '£'
            | '￡'
            | '€'
            | '№'
    )
}

/// Whether `c` reads as a list number, bullet, list marker or quote bar at the start of a line:
/// ASCII and fullwidth digits, `.`, `)`, `*`, `-`, `>`, `•◦▪·` and the bars `│┃▌▎`.
///
/// A break is not allowed before a run of these (spaces may follow its first character) that
/// ends right before a character that may not start a line: see the module docs.
pub fn is_marker_like(c: char) -> bool {
    matches!(
        c,
        '0'..='9'
            | '０'..='９'
            | '.'
            | ')'
            | '*'
            | '-'
            | '>'
            | '•'
            | '◦'
            | '▪'
            | '·'
            | '│'
            | '┃'
            | '▌'
            | '▎'
    )
}

/// Characters after which a URL, a path or an identifier breaks most readably when it is too
/// wide for a line: `/ \ . - _ ? & = # : , ; ~ + @`.
pub fn is_url_punctuation(c: char) -> bool {
    matches!(
        c,
        '/' | '\\' | '.' | '-' | '_' | '?' | '&' | '=' | '#' | ':' | ',' | ';' | '~' | '+' | '@'
    )
}

/// Characters that make up a number or a Latin word: ASCII and fullwidth digits and letters.
/// UAX #14 classes the fullwidth ones as ideographs, which would allow `１|０|０％` or
/// `iPhone|１５`; between two ASCII ones it never breaks anyway.
fn is_run_char(c: char) -> bool {
    matches!(c, '0'..='9' | 'A'..='Z' | 'a'..='z' | '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Digits, for the separator rule in [`is_inseparable`].
fn is_digit(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９')
}

/// Characters that are never split from an identical neighbour: `……`, `‥‥`, `――`, `——`.
fn is_doubled_mark(c: char) -> bool {
    matches!(c, '…' | '‥' | '―' | '—')
}

/// Whether a break between `before` and `after` would split something that belongs together:
/// a run of digits and Latin letters (ASCII or fullwidth), a number with a separator
/// (`１，０００`, `3.5`), or a doubled mark. `before_before` is the character before `before`,
/// if any.
pub fn is_inseparable(before_before: Option<char>, before: char, after: char) -> bool {
    (is_run_char(before) && is_run_char(after))
        || (before == after && is_doubled_mark(before))
        || (matches!(before, ',' | '.' | '，' | '．')
            && is_digit(after)
            && before_before.is_some_and(is_digit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strictness_controls_small_kana() {
        assert!(is_line_start_forbidden('ッ', Strictness::Strict));
        assert!(!is_line_start_forbidden('ッ', Strictness::Normal));
        assert!(is_line_start_forbidden('ー', Strictness::Strict));
        assert!(!is_line_start_forbidden('ー', Strictness::Normal));
        assert!(is_line_start_forbidden('々', Strictness::Normal));
        assert!(is_line_start_forbidden('～', Strictness::Normal));
        assert!(!is_line_start_forbidden('東', Strictness::Strict));
        assert!(is_line_start_forbidden('…', Strictness::Normal));
    }

    #[test]
    fn markers_and_url_punctuation() {
        for c in "0９.)*->•│".chars() {
            assert!(is_marker_like(c), "{c}");
        }
        assert!(!is_marker_like('a'));
        assert!(!is_marker_like('年'));
        for c in "/._-?&=#:".chars() {
            assert!(is_url_punctuation(c), "{c}");
        }
        assert!(!is_url_punctuation('a'));
        assert!(!is_url_punctuation('）'));
    }

    #[test]
    fn runs() {
        assert!(is_inseparable(None, '１', '０'));
        assert!(is_inseparable(None, 'Ｉ', 'Ｔ'));
        assert!(is_inseparable(Some('１'), '，', '０'));
        assert!(!is_inseparable(Some('、'), '，', '０'));
        assert!(is_inseparable(None, '…', '…'));
        assert!(!is_inseparable(None, '０', '年'));
        assert!(is_inseparable(None, 'e', '１'));
    }
}
