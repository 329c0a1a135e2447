//! Search: query parsing, the searchable text of a Markdown body, and mapping folded matches
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

/// An article's body text ([`body_text`]) folded, as search compares it, read from the file
/// first when it was left on disk (an unreadable file searches as empty; the reader shows why
/// when the article is opened).
pub fn fold_body(a: &crate::article::Article) -> String {
    let opts = crate::loader::LoadOptions::default();
    match crate::loader::read_body(a, &opts) {
        Ok(body) => fold(&body_text(&body)),
        Err(_) => String::new(),
    }
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
