//! Search: query parsing (each word with the kana it spells when typed in romaji), the searchable text of a Markdown body, and mapping folded matches
//! back to the original text for highlighting. Folding itself lives in [`crate::fold`]; the
//! reader's `/` prompt and `kiji list --search` both go through [`crate::index::Filter::text`].

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use crate::fold::fold;

/// The words of a query, folded: split on whitespace (U+3000 included), with `"quoted
/// phrases"` kept as one word. Empty words are dropped; an unclosed quote runs to the end.
pub fn parse_query(query: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        if c == '"' {
            // A quote ends the word before it; a closing quote ends the phrase, which is one
            // word even when it holds spaces.
            push_word(&mut words, &mut current);
            quoted = !quoted;
        } else if c.is_whitespace() && !quoted {
            push_word(&mut words, &mut current);
        } else {
            current.push(c);
        }
    }
    push_word(&mut words, &mut current);
    words
}

/// One word of a query: folded, and, when it is romaji, the kana it spells (folded, so in
/// hiragana). A text matches the word when it holds either.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// The word as typed, folded.
    pub text: String,
    /// The kana the word spells when it is all romaji (`e-jento`: `えーじぇんと`); two when the
    /// input-method reading of `nn` and the Hepburn one differ ([`romaji_readings`]).
    pub kana: Vec<String>,
}

impl QueryWord {
    /// The word of `folded` (already folded), with its kana readings.
    pub fn new(folded: String) -> QueryWord {
        QueryWord {
            kana: romaji_readings(&folded),
            text: folded,
        }
    }

    /// Whether any of `texts` (folded) holds the word or one of its readings.
    pub fn found_in(&self, texts: &[&str]) -> bool {
        let holds = |w: &str| texts.iter().any(|t| t.contains(w));
        holds(&self.text) || self.kana.iter().any(|k| holds(k))
    }
}

/// The words of a query ([`parse_query`]) with their kana readings.
pub fn query_words(query: &str) -> Vec<QueryWord> {
    parse_query(query).into_iter().map(QueryWord::new).collect()
}

/// Every form of the query's words that a match can take: each word, and its kana readings;
/// for highlighting what matched ([`match_ranges`]).
pub fn highlight_words(query: &str) -> Vec<String> {
    query_words(query)
        .into_iter()
        .flat_map(|w| std::iter::once(w.text).chain(w.kana))
        .collect()
}

/// The kana a word typed in romaji spells, folded: as an input method types it (`-` is `ー`,
/// `nn` is `ん`, small kana with `x` or `l`: `konnnichiha` is `こんにちは`), and, when that
/// differs, as Hepburn writes it (`n` before a consonant is `ん`: `konnichiha`). Empty unless
/// the whole word is romaji (letters left over, as in `agent`, mean it is not) and spells two
/// kana or more.
pub fn romaji_readings(word: &str) -> Vec<String> {
    if !word.is_ascii() || !word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let mut readings: Vec<String> = Vec::new();
    for spelling in [input_method_n(word), word.to_string()] {
        let kana = wana_kana::ConvertJapanese::to_hiragana(spelling.as_str());
        let spelled = !kana.chars().any(|c| c.is_ascii_alphabetic());
        if spelled && kana.chars().count() >= 2 {
            let kana = fold(&kana);
            if !readings.contains(&kana) {
                readings.push(kana);
            }
        }
    }
    readings
}

/// `word` with each `nn` written `n'`, the unambiguous `ん`: an input method turns `nn` into
/// `ん` at once, whatever follows.
fn input_method_n(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    let mut pending_n = false;
    for c in word.chars() {
        if c == 'n' && pending_n {
            out.push_str("n'");
            pending_n = false;
            continue;
        }
        if pending_n {
            out.push('n');
        }
        pending_n = c == 'n';
        if !pending_n {
            out.push(c);
        }
    }
    if pending_n {
        out.push('n');
    }
    out
}

fn push_word(words: &mut Vec<String>, current: &mut String) {
    let folded = fold(current.trim());
    current.clear();
    if !folded.is_empty() && !words.contains(&folded) {
        words.push(folded);
    }
}

/// The text of a Markdown body without its syntax: text, code, and link/image text, with
/// blocks separated by newlines (so a match never spans two paragraphs).
pub fn body_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => out.push('\n'),
            Event::Start(Tag::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// What a search looks for words in, folded: the article's title, description, category,
/// comment and tags, a line each, then its body text ([`body_text`]), read from the file first
/// when it was left on disk (an unreadable body searches as empty; the reader shows why when
/// the article is opened). Every line ends in a newline, so no match spans two of them.
pub fn search_text(a: &crate::article::Article) -> String {
    let mut text = String::new();
    for part in [
        Some(a.title.as_str()),
        a.description.as_deref(),
        a.category.as_deref(),
        a.comment.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(a.tags.iter().map(String::as_str))
    {
        text.push_str(part);
        text.push('\n');
    }
    let opts = crate::loader::LoadOptions::default();
    if let Ok(body) = crate::loader::read_body(a, &opts) {
        text.push_str(&body_text(&body));
    }
    fold(&text)
}

/// Char ranges of `original` (indices of chars, end exclusive) that match any of the folded
/// `words`. Folding is done per character, so a character whose NFKC form is longer or
/// shorter (`㍿`, `ｶﾞ`) still maps back to the characters it came from; overlapping matches
/// are merged.
pub fn match_ranges(original: &str, words: &[String]) -> Vec<Range<usize>> {
    if words.is_empty() || original.is_empty() {
        return Vec::new();
    }
    // The folded text with, for each of its bytes, the original grapheme it came from (as a
    // char range). Folding per grapheme keeps a base with its marks together, so `ｶﾞ` (two
    // chars, one grapheme) maps to `が` and `é` written with a combining accent to `é`.
    let mut folded = String::with_capacity(original.len());
    let mut owner: Vec<(usize, usize)> = Vec::with_capacity(original.len());
    let mut at = 0;
    for g in original.graphemes(true) {
        let n = g.chars().count();
        let f = fold(g);
        owner.extend(std::iter::repeat_n((at, at + n), f.len()));
        folded.push_str(&f);
        at += n;
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for w in words {
        if w.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(at) = folded[from..].find(w.as_str()) {
            let start = from + at;
            let end = start + w.len();
            ranges.push(owner[start].0..owner[end - 1].1);
            from = start + folded[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Split `original` into pieces, each marked whether it is part of a match.
pub fn split_matches(original: &str, words: &[String]) -> Vec<(String, bool)> {
    let ranges = match_ranges(original, words);
    if ranges.is_empty() {
        return vec![(original.to_string(), false)];
    }
    let chars: Vec<char> = original.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push((chars[at..r.start].iter().collect(), false));
        }
        out.push((chars[r.start..r.end].iter().collect(), true));
        at = r.end;
    }
    if at < chars.len() {
        out.push((chars[at..].iter().collect(), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_splits_on_ascii_and_ideographic_spaces() {
        assert_eq!(parse_query("Claude  AI"), ["claude", "ai"]);
        assert_eq!(parse_query("くろーど\u{3000}ＡＩ"), ["くろーど", "ai"]);
        assert_eq!(parse_query("   "), Vec::<String>::new());
        assert_eq!(parse_query(""), Vec::<String>::new());
    }

    #[test]
    fn query_keeps_quoted_phrases_whole() {
        assert_eq!(
            parse_query("\"Claude Code\" ガイド"),
            ["claude code", "がいど"]
        );
        assert_eq!(parse_query("a\"b c\"d"), ["a", "b c", "d"]);
        // An unclosed quote runs to the end; an empty phrase is nothing.
        assert_eq!(parse_query("x \"open phrase"), ["x", "open phrase"]);
        assert_eq!(parse_query("\"\" y"), ["y"]);
        // Duplicates once.
        assert_eq!(parse_query("ai AI ＡＩ"), ["ai"]);
    }

    #[test]
    fn folding_each_way() {
        // Case.
        assert_eq!(fold("Claude"), "claude");
        // Full-width to ASCII (NFKC).
        assert_eq!(fold("ＡＩ"), fold("AI"));
        // Half-width katakana with voiced marks.
        assert_eq!(fold("ｶﾞｲﾄﾞ"), fold("ガイド"));
        // Katakana to hiragana.
        assert_eq!(fold("クロード"), "くろーど");
        assert_eq!(fold("くろーど"), "くろーど");
    }

    fn reading(word: &str) -> Option<String> {
        romaji_readings(word).into_iter().next()
    }

    #[test]
    fn romaji_spells_kana_as_an_input_method_does() {
        assert_eq!(reading("moderu").as_deref(), Some("もでる"));
        assert_eq!(reading("e-jento").as_deref(), Some("えーじぇんと"));
        assert_eq!(reading("konnnichiha").as_deref(), Some("こんにちは"));
        assert_eq!(reading("hannnou").as_deref(), Some("はんのう"));
        assert_eq!(reading("kyatto").as_deref(), Some("きゃっと"));
        assert_eq!(reading("fuxairu").as_deref(), Some("ふぁいる"));
        assert_eq!(reading("fulairu").as_deref(), Some("ふぁいる"));
        assert_eq!(reading("ltuxtu").as_deref(), Some("っっ"));
        // Letters left over: not romaji. One kana: too short to mean anything.
        assert_eq!(reading("agent"), None);
        assert_eq!(reading("rust"), None);
        assert_eq!(reading("a"), None);
        assert_eq!(reading("123"), None);
        assert_eq!(reading("もでる"), None);
        // `n` before a consonant: the input method's reading and Hepburn's both count.
        assert_eq!(romaji_readings("konnichiha"), ["こんいちは", "こんにちは"]);
        assert_eq!(romaji_readings("shinbun"), ["しんぶん"]);
    }

    #[test]
    fn a_query_word_matches_as_typed_or_as_its_kana() {
        let w = &query_words("e-jento")[0];
        assert!(w.found_in(&[&fold("AIエージェント入門")]));
        assert!(w.found_in(&[&fold("the e-jento spelling")]));
        assert!(!w.found_in(&[&fold("エージェンシー")]));
        let agent = &query_words("Agent")[0];
        assert!(agent.kana.is_empty());
        assert!(agent.found_in(&["", &fold("An AGENT")]));
        assert_eq!(highlight_words("moderu Rust"), ["moderu", "もでる", "rust"]);
        let hl = highlight_words("moderu");
        assert_eq!(match_ranges("新しいモデル", &hl), vec![3..6]);
    }

    #[test]
    fn body_text_drops_markdown_syntax() {
        let t =
            body_text("# Head\n\nSome **bold** and [a link](http://x.example) `code`.\n\n- item\n");
        assert!(t.contains("Head"));
        assert!(t.contains("Some bold and a link code."));
        assert!(t.contains("item"));
        assert!(!t.contains("**"));
        assert!(!t.contains("http://x.example"));
    }

    #[test]
    fn ranges_map_back_through_width_and_kana() {
        let w = parse_query("くろーど");
        assert_eq!(match_ranges("Anthropic のクロード", &w), vec![11..15]);
        let w = parse_query("ai");
        assert_eq!(match_ranges("ＡＩとAI", &w), [0..2, 3..5]);
        // Halfwidth kana with voiced marks: ｶﾞｲﾄﾞ is 5 chars, folded to 3.
        let w = parse_query("ガイド");
        assert_eq!(match_ranges("新ｶﾞｲﾄﾞだ", &w), vec![1..6]);
        // A ligature-like char whose NFKC form is longer: ㍿ -> 株式会社.
        let w = parse_query("会社");
        assert_eq!(match_ranges("㍿X", &w), vec![0..1]);
        // A combining accent stays with its base.
        let w = parse_query("café");
        assert_eq!(match_ranges("Cafe\u{301}!", &w), vec![0..5]);
        // Overlaps merge.
        let w = parse_query("abc bcd");
        assert_eq!(match_ranges("xabcdx", &w), vec![1..5]);
    }

    #[test]
    fn split_marks_the_matches() {
        let w = parse_query("claude");
        assert_eq!(
            split_matches("Hi Claude!", &w),
            [
                ("Hi ".to_string(), false),
                ("Claude".to_string(), true),
                ("!".to_string(), false)
            ]
        );
    }
}
