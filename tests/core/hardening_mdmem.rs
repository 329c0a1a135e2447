//! Pathological Markdown under the file-size cap lays out to a bounded number of lines and
//! spans, and a body that is cut ends with a notice saying so and why (issue #11).

use std::process::Command;

use kiji::markdown::{Cut, MAX_LINES, MAX_SPANS, Rendered, link_lines, render};
use kiji::text::{LayoutOptions, Line};

const NOTICE: &str = "[kiji: the article is cut here (";

fn spans(lines: &[Line]) -> usize {
    lines.iter().map(|l| l.spans.len()).sum()
}

/// The layout is within the bounds (plus the notice), every line fits, and a cut body ends
/// with the notice naming `cut`.
fn assert_bounded(r: &Rendered, width: usize, cut: Option<Cut>, what: &str) {
    let opts = LayoutOptions::default();
    // A blank line and the notice, wrapped to the width.
    let slack = 4 + 120 / width;
    let n = r.lines.len();
    assert!(n <= MAX_LINES + slack, "{what}: {n} lines");
    let n = spans(&r.lines);
    assert!(n <= MAX_SPANS + slack, "{what}: {n} spans");
    assert!(
        r.lines.iter().all(|l| l.width(opts.ambiguous) <= width),
        "{what}: a line is too wide"
    );
    assert_eq!(r.cut, cut, "{what}");
    let text: String = r
        .lines
        .iter()
        .rev()
        .take(slack)
        .map(Line::plain_text)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    // At tiny widths the notice is split inside words: compare without spaces.
    let squeeze = |s: &str| s.replace(' ', "");
    let text = squeeze(&text);
    match cut {
        Some(c) => {
            assert!(
                text.contains(&squeeze(NOTICE)),
                "{what}: no notice at the end: {text}"
            );
            assert!(text.contains(&squeeze(&c.reason())), "{what}: {text}");
        }
        None => assert!(!text.contains(&squeeze(NOTICE)), "{what}: {text}"),
    }
}

fn show(source: &str, width: usize) -> Rendered {
    render(source, width, &LayoutOptions::default())
}

#[test]
fn a_list_of_a_million_items_is_cut_at_the_line_bound() {
    // More items than the parser reads: the layout still fills its lines first.
    let r = show(&"- a\n".repeat(1_000_000), 80);
    assert_bounded(&r, 80, Some(Cut::Lines), "list");
    let r = show(&"- a\n".repeat(MAX_LINES + 100), 120);
    assert_bounded(&r, 120, Some(Cut::Lines), "list");
    assert_eq!(r.lines[0].plain_text(), "• a");
    assert_eq!(r.lines[MAX_LINES - 1].plain_text(), "• a");
    assert_eq!(r.lines[MAX_LINES].plain_text(), "");
    assert_eq!(
        r.lines.last().map(Line::plain_text).as_deref(),
        Some(
            "[kiji: the article is cut here (laid out to more than 50000 lines); the rest is not shown]"
        )
    );
    assert_eq!(r.lines.len(), MAX_LINES + 2);
}

#[test]
fn empty_items_and_tiny_paragraphs_are_charged_too() {
    assert_bounded(&show(&"-\n".repeat(200_000), 80), 80, Some(Cut::Lines), "-");
    let r = show(&"a\n\n".repeat(100_000), 80);
    assert_bounded(&r, 80, Some(Cut::Lines), "paragraphs");
    let r = show(&"***\n".repeat(100_000), 80);
    assert_bounded(&r, 80, Some(Cut::Lines), "rules");
    let r = show(&"# a\n".repeat(100_000), 80);
    assert_bounded(&r, 80, Some(Cut::Lines), "headings");
    let r = show(&"a\\\n".repeat(100_000), 80);
    assert_bounded(&r, 80, Some(Cut::Lines), "hard breaks");
}

#[test]
fn deep_nesting_keeps_its_text_and_stays_small() {
    let r = show(&format!("{} deep\n", ">".repeat(60_000)), 80);
    assert_bounded(&r, 80, None, "quotes");
    assert!(r.lines.len() < 10, "{}", r.lines.len());
    assert!(r.lines[0].plain_text().ends_with("deep"));
    let r = show(&format!("{}deep\n", "- ".repeat(60_000)), 80);
    assert_bounded(&r, 80, None, "lists");
    assert!(r.lines.iter().any(|l| l.plain_text().ends_with("deep")));
    // Fifty bars on every line of a long quote: the bars count against the span bound.
    let bars = "> ".repeat(50);
    let line = format!("{bars}a\n{bars}\n");
    let r = show(&line.repeat(20_000), 120);
    assert_bounded(&r, 120, Some(Cut::Spans), "quoted lines");
}

#[test]
fn tables_with_many_rows_or_columns_are_bounded() {
    let head = format!("|{}\n|{}\n", "h|".repeat(19), "-|".repeat(19));
    let rows = format!("|{}\n", "a|".repeat(19)).repeat(30_000);
    let r = show(&format!("{head}{rows}"), 80);
    assert_bounded(&r, 80, Some(Cut::Elements), "grid");
    assert_eq!(r.lines[1].plain_text(), format!("│{}", " h │".repeat(19)));
    let head = format!("|{}\n|{}\n", "h|".repeat(40), "-|".repeat(40));
    let rows = format!("|{}\n", "a|".repeat(40)).repeat(2_000);
    let r = show(&format!("{head}{rows}"), 80);
    assert_bounded(&r, 80, Some(Cut::Lines), "stacked");
    let r = show(
        &format!("{}|\n{}|\n", "|a".repeat(50_000), "|-".repeat(50_000)),
        80,
    );
    assert_bounded(&r, 80, None, "columns");
}

#[test]
fn inline_floods_are_cut_at_the_element_bound() {
    assert_bounded(
        &show(&"*a*".repeat(300_000), 80),
        80,
        Some(Cut::Elements),
        "*a*",
    );
    assert_bounded(
        &show(&"a<br>".repeat(300_000), 80),
        80,
        Some(Cut::Lines),
        "<br>",
    );
    let html = "<div>a</div>\n\n".repeat(100_000);
    assert_bounded(&show(&html, 80), 80, Some(Cut::Lines), "html");
}

#[test]
fn one_huge_line_is_cut_at_the_line_bound() {
    let r = show(&format!("{}\n", "日".repeat(500_000)), 4);
    assert_bounded(&r, 4, Some(Cut::Lines), "wide line");
    assert_eq!(r.lines[0].plain_text(), "日日");
    let r = show(&format!("```\n{}\n```\n", "日".repeat(500_000)), 8);
    assert_bounded(&r, 8, Some(Cut::Lines), "code line");
    let r = show(&format!("```\n{}```\n", "x\n".repeat(100_000)), 80);
    assert_bounded(&r, 80, Some(Cut::Lines), "code lines");
}

#[test]
fn many_footnotes_keep_their_numbers() {
    let n = 10_000;
    let refs: String = (0..n).map(|i| format!("x[^n{i}]\n\n")).collect();
    let defs: String = (0..n)
        .rev()
        .map(|i| format!("[^N{i}]: note {i}\n\n"))
        .collect();
    let r = show(&format!("{refs}{defs}[^n0]: second definition\n"), 80);
    assert_bounded(&r, 80, None, "footnotes");
    let text: Vec<String> = r.lines.iter().map(Line::plain_text).collect();
    assert_eq!(text[0], "x[^1]");
    assert_eq!(text[2 * (n - 1)], format!("x[^{n}]"));
    let notes: Vec<&String> = text.iter().filter(|l| l.starts_with("[^")).collect();
    assert_eq!(notes.len(), n);
    assert_eq!(notes[0], "[^1]: note 0");
    assert_eq!(notes[n - 1], &format!("[^{n}]: note {}", n - 1));
}

#[test]
fn the_link_list_is_bounded_too() {
    let links: Vec<String> = (0..MAX_LINES + 10)
        .map(|i| format!("https://example.com/{i}"))
        .collect();
    let lines = link_lines(&links, 120, &LayoutOptions::default());
    assert_eq!(lines.len(), MAX_LINES + 1);
    assert!(lines[MAX_LINES].plain_text().starts_with(NOTICE));
}

#[test]
fn reference_links_resolve_across_pieces_of_a_large_body() {
    let filler = "本文の段落です。\n\n".repeat(30_000);
    let source = format!(
        "[リンク][ref] と [Other Ref]。\n\n{filler}[ref]: https://example.com/ref\n[other  REF]: <https://example.com/other>\n"
    );
    assert!(source.len() > 600 * 1024);
    let r = show(&source, 80);
    assert_eq!(r.lines[0].plain_text(), "リンク[1] と Other Ref[2]。");
    assert_eq!(
        r.links,
        ["https://example.com/ref", "https://example.com/other"]
    );
    assert_bounded(&r, 80, Some(Cut::Lines), "pieces");
}

#[test]
fn kiji_show_prints_the_notice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("list.md");
    std::fs::write(
        &path,
        "---\ntitle: 長いリスト\n---\n\n".to_string() + &"- a\n".repeat(1_500_000),
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(["show", "--plain", "--width", "80"])
        .arg(&path)
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .output()
        .expect("run kiji");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.lines().count() < MAX_LINES + 20,
        "{}",
        text.lines().count()
    );
    let tail: Vec<&str> = text.lines().rev().take(2).collect();
    assert_eq!(
        format!("{} {}", tail[1], tail[0]),
        "[kiji: the article is cut here (laid out to more than 50000 lines); the rest is not shown]"
    );
}

#[test]
fn kiji_check_warns_of_an_article_it_would_cut_and_of_no_other() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("list.md"),
        "---\ntitle: 長いリスト\n---\n\n".to_string() + &"- a\n".repeat(200_000),
    )
    .expect("write");
    // Large, but laid out to far fewer lines than the bounds.
    std::fs::write(
        dir.path().join("long.md"),
        "---\ntitle: 長い段落\n---\n\n".to_string() + &"日本語の文章。".repeat(20_000),
    )
    .expect("write");
    let cache = tempfile::tempdir().expect("cache dir");
    let out = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .arg("check")
        .arg(dir.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("run kiji");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let root = dir.path().display();
    assert_eq!(
        text,
        format!(
            "{root}/list.md: warning: the body is laid out to more than 50000 lines at 80 columns; \
             the reader and `kiji show` show it cut there\n2 articles read: 0 errors, 1 warning\n"
        )
    );
    assert_eq!(out.status.code(), Some(0));
}
