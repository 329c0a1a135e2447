//! Every Japanese article of `articles/`, laid out as `kiji show --plain --width W` prints it
//! (`document::layout_article` + `ansi::to_plain`) at widths 20, 40 and 72, judged by the rules
//! of an outside checker that is not in this repository (the rules are written out here, and
//! this test needs no outside tool):
//!
//! - over: no line wider than the width (measured here with kiji's own width function, where
//!   the checker uses wcwidth);
//! - kinsoku_start: no line whose first character, after list markers, quote bars and
//!   indentation (`DECOR`) are stripped, may not start a line, unless the line before is
//!   blank;
//! - kinsoku_end: no line whose last character (after trailing spaces and bars) may not end a
//!   line, unless the line after is blank;
//! - word_splits: no Latin word or number of the source that is cut across two lines although
//!   it is at most half the width long;
//! - dropped: at least as many CJK characters in the output as in the source body (counted,
//!   like the checker, not compared character by character).

use std::path::PathBuf;

use kiji::ansi::to_plain;
use kiji::document::layout_article;
use kiji::loader::{LoadOptions, load};
use kiji::text::{AmbiguousWidth, LayoutOptions, str_width};
use unicode_normalization::UnicodeNormalization;

/// Characters that may not start a line (the checker's `NO_START`).
const NO_START: &str = "、。，．・：；？！ー）」』】〕〉》］｝〟ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜…‥";
/// Characters that may not end a line (the checker's `NO_END`).
const NO_END: &str = "（「『【〔〈《［｛〝";
/// List markers, quote bars and indentation, stripped from a line's start before the
/// kinsoku test (the checker's `DECOR`).
const DECOR: &str = " \t│┃▌▎>*-•◦▪·0123456789.)";
/// `DECOR` without digits, `.` and `)`: stripped before looking for a cut word.
const DECOR_NO_DIGITS: &str = " \t│┃▌▎>*-•◦▪·";
/// Stripped from a line's end before the kinsoku test.
const TRAILING: &str = " \t│┃";

const WIDTHS: [usize; 3] = [20, 40, 72];

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// The Markdown body of a file: what follows the front matter (the checker's `body_of`).
fn body_of(md: &str) -> &str {
    if md.starts_with("---")
        && let Some((_, rest)) = md.split_once("\n---")
    {
        return rest.split_once('\n').map_or("", |(_, body)| body);
    }
    md
}

/// The Latin words and numbers of a text (`[A-Za-z0-9]+`).
fn words(text: &str) -> std::collections::HashSet<&str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The trailing `[A-Za-z0-9]+` of `s`, if any.
fn trailing_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// The leading `[A-Za-z0-9]+` of `s`, if any.
fn leading_word(s: &str) -> &str {
    let end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// Problems found in one rendering, by rule, with examples.
#[derive(Default)]
struct Report {
    lines: usize,
    over: Vec<String>,
    kinsoku_start: Vec<String>,
    kinsoku_end: Vec<String>,
    word_splits: Vec<String>,
    cjk_src: usize,
    cjk_out: usize,
}

impl Report {
    fn dropped(&self) -> usize {
        self.cjk_src.saturating_sub(self.cjk_out)
    }

    fn problems(&self) -> usize {
        self.over.len()
            + self.kinsoku_start.len()
            + self.kinsoku_end.len()
            + self.word_splits.len()
            + self.dropped()
    }

    fn add(&mut self, other: Report) {
        self.lines += other.lines;
        self.over.extend(other.over);
        self.kinsoku_start.extend(other.kinsoku_start);
        self.kinsoku_end.extend(other.kinsoku_end);
        self.word_splits.extend(other.word_splits);
        self.cjk_src += other.cjk_src;
        self.cjk_out += other.cjk_out;
    }

    fn summary(&self) -> String {
        format!(
            "lines={} over={} kinsoku_start={} kinsoku_end={} word_splits={} cjk_src={} \
             cjk_out={} dropped={}",
            self.lines,
            self.over.len(),
            self.kinsoku_start.len(),
            self.kinsoku_end.len(),
            self.word_splits.len(),
            self.cjk_src,
            self.cjk_out,
            self.dropped()
        )
    }
}

/// Judge `out`, a rendering at `width` of the Markdown file whose text is `source`.
fn check(width: usize, out: &str, source: &str) -> Report {
    let lines: Vec<&str> = out.split('\n').collect();
    let mut report = Report {
        lines: lines.len(),
        ..Report::default()
    };
    for (i, line) in lines.iter().enumerate() {
        if str_width(line, AmbiguousWidth::Narrow) > width {
            report.over.push(line.to_string());
        }
        let start = line.trim_start_matches(|c| DECOR.contains(c));
        let end = line.trim_end_matches(|c| TRAILING.contains(c));
        let prev_blank = i == 0 || lines[i - 1].trim().is_empty();
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        if start.chars().next().is_some_and(|c| NO_START.contains(c)) && !prev_blank {
            report.kinsoku_start.push(line.to_string());
        }
        if end.chars().next_back().is_some_and(|c| NO_END.contains(c)) && !next_blank {
            report.kinsoku_end.push(line.to_string());
        }
    }
    let body = body_of(source);
    let words = words(body);
    for pair in lines.windows(2) {
        let tail = trailing_word(pair[0].trim_end_matches([' ', '│', '┃']));
        let head = leading_word(pair[1].trim_start_matches(|c| DECOR_NO_DIGITS.contains(c)));
        if tail.is_empty() || head.is_empty() {
            continue;
        }
        let word = format!("{tail}{head}");
        if words.contains(word.as_str()) && word.len() <= width / 2 {
            report
                .word_splits
                .push(format!("{} / {}", pair[0], pair[1]));
        }
    }
    report.cjk_out = out.chars().filter(|&c| is_cjk(c)).count();
    report.cjk_src = body.nfc().filter(|&c| is_cjk(c)).count();
    report
}

#[test]
fn japanese_articles_pass_the_cjk_checks_at_20_40_and_72_columns() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("articles");
    let loaded = load(std::slice::from_ref(&root), &LoadOptions::default());
    let mut articles: Vec<_> = loaded
        .articles
        .iter()
        .filter(|a| a.locale.starts_with("ja"))
        .collect();
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(
        articles.len() >= 5,
        "expected the Japanese sample articles under {}",
        root.display()
    );
    let opts = LayoutOptions::default();
    let mut failures = Vec::new();
    for width in WIDTHS {
        let mut total = Report::default();
        let mut failed = 0;
        for article in &articles {
            let source = std::fs::read_to_string(&article.path)
                .unwrap_or_else(|e| panic!("{}: {e}", article.path.display()));
            let out = to_plain(&layout_article(article, width, &opts));
            let report = check(width, &out, &source);
            if report.problems() > 0 {
                failed += 1;
                let examples: Vec<&String> = (report.over.iter().take(3))
                    .chain(report.kinsoku_start.iter().take(3))
                    .chain(report.kinsoku_end.iter().take(3))
                    .chain(report.word_splits.iter().take(3))
                    .collect();
                failures.push(format!(
                    "width={width} {}: {}\n    e.g. {examples:?}",
                    article.path.display(),
                    report.summary()
                ));
            }
            total.add(report);
        }
        println!(
            "width={width} files={} failed={failed} {}",
            articles.len(),
            total.summary()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checks_catch_what_they_should() {
    let source = "---\ntitle: t\n---\n本文 Gemini です\n";
    let ok = "本文\nGemini です\n";
    assert_eq!(check(20, ok, source).problems(), 0);
    // A closing bracket after a list number, an opening bracket at the end, a cut word, a
    // line too wide and a missing character.
    let bad = "本文「\n  1」Gem\nini で\n0123456789012345678901\n";
    let report = check(20, bad, source);
    assert_eq!(report.kinsoku_start.len(), 1);
    assert_eq!(report.kinsoku_end.len(), 1);
    assert_eq!(report.word_splits.len(), 1);
    assert_eq!(report.over.len(), 1);
    assert_eq!(report.dropped(), 1);
    // A blank line before or after excuses the line.
    assert_eq!(check(20, "\n」\n「\n\n", "」「").problems(), 0);
}
