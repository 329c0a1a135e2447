//! Tests of the Markdown renderer (`kiji::markdown`), the article layout (`kiji::document`)
//! and the printers (`kiji::ansi`): every construct, Japanese alignment, nothing dropped,
//! and no line ever wider than asked.

use std::collections::HashMap;
use std::path::PathBuf;

use kiji::ansi::{to_ansi, to_plain};
use kiji::article::{Article, DateSource};
use kiji::document::{header_lines, layout, layout_article};
use kiji::markdown::{Rendered, link_lines, render};
use kiji::text::{AmbiguousWidth, LayoutOptions, Line, Role, Span, str_width};
use proptest::prelude::*;

/// A body that uses every construct, in Japanese and English.
const RICH: &str = r#"# 見出し一：マイクロソフトとNVIDIAがAnthropicと提携

本文の段落です。ソフト改行が
ここにあります。English words
continue here. *強調* と **太字** と ~~取り消し~~ と `inline code` です。

## 見出し二 Second level

### 見出し三 third

- 項目一は長い長い長い長い長い長い長い長い長い長い項目です。
- 項目二
  - 入れ子の項目 nested item
    - さらに入れ子
- [x] 完了したタスク
- [ ] 未完了のタスク

1. 一番目
2. 二番目

> 引用文です。引用の中の長い文章も折り返されて、バーが毎行に付きます。
>
> > 入れ子の引用。

```rust
fn main() {
	println!("こんにちは、世界！とても長い行がここに続きますので折り返しが必要です。");
}
```

    indented code block

| 名前 | 人口 | 説明 |
|:-----|-----:|:----:|
| 東京都 | 1400万 | 日本の首都で、とても大きな都市です。 |
| 大阪府 | 880万 | 関西の中心 |

リンクは[こちら](https://example.com/ja)と[同じ](https://example.com/ja)と<https://www.anthropic.com/news>です。
画像：![猫の写真](https://example.com/cat.png)

脚注の参照[^note]があります。

[^note]: 脚注の本文です。

---

<div>
<p>HTMLの <b>テキスト</b> &amp; 記号</p>
</div>

キーは <kbd>Ctrl</kbd>+<kbd>C</kbd> です。<br>次の行。
"#;

pub(crate) fn narrow() -> LayoutOptions {
    LayoutOptions::default()
}

pub(crate) fn wide() -> LayoutOptions {
    LayoutOptions {
        ambiguous: AmbiguousWidth::Wide,
        ..LayoutOptions::default()
    }
}

pub(crate) fn plain(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.plain_text().trim_end_matches(' ').to_string())
        .collect()
}

pub(crate) fn lines_at(src: &str, width: usize) -> Vec<String> {
    plain(&render(src, width, &narrow()).lines)
}

/// The span whose text contains `needle`.
pub(crate) fn span_with<'a>(lines: &'a [Line], needle: &str) -> &'a Span {
    lines
        .iter()
        .flat_map(|l| &l.spans)
        .find(|s| s.text.contains(needle))
        .unwrap_or_else(|| panic!("no span contains {needle:?} in {lines:?}"))
}

/// Display columns at which `c` occurs in `line`.
fn columns_of(line: &str, pred: impl Fn(char) -> bool) -> Vec<usize> {
    let mut col = 0;
    let mut out = Vec::new();
    for ch in line.chars() {
        if pred(ch) {
            out.push(col);
        }
        col += str_width(&ch.to_string(), AmbiguousWidth::Narrow);
    }
    out
}

fn assert_fits(lines: &[Line], width: usize, opts: &LayoutOptions, what: &str) {
    for l in lines {
        assert!(
            l.width(opts.ambiguous) <= width,
            "{what}: line wider than {width}: {:?}",
            l.plain_text()
        );
    }
}

// ---------------------------------------------------------------------------------------
// Blocks and inline styles

#[test]
fn headings_are_distinct_by_level() {
    let r = render("# 見出し\n\n## Sub\n\n### 三番目\n\n#### 四", 40, &narrow());
    let text = plain(&r.lines);
    assert_eq!(
        text,
        [
            "見出し",
            "━━━━━━",
            "",
            "Sub",
            "───",
            "",
            "### 三番目",
            "",
            "#### 四"
        ]
    );
    let h1 = span_with(&r.lines, "見出し");
    assert_eq!(h1.style.role, Role::Heading(1));
    assert!(h1.style.bold);
    assert_eq!(span_with(&r.lines, "━").style.role, Role::Heading(1));
    assert_eq!(span_with(&r.lines, "Sub").style.role, Role::Heading(2));
    assert_eq!(span_with(&r.lines, "三番目").style.role, Role::Heading(3));
}

#[test]
fn long_heading_underline_spans_the_text_and_marker_hangs() {
    let text = lines_at("### とても長い見出しのテキストが折り返されます", 16);
    assert!(text[0].starts_with("### "));
    for line in &text[1..] {
        assert!(
            line.starts_with("    ") && !line.starts_with("     "),
            "{text:?}"
        );
    }
    let text = lines_at("# とても長い見出しのテキストが折り返されます", 16);
    let rule = text.last().cloned().unwrap_or_default();
    assert!(rule.chars().all(|c| c == '━'));
    let widest = text[..text.len() - 1]
        .iter()
        .map(|l| str_width(l, AmbiguousWidth::Narrow))
        .max();
    assert_eq!(Some(str_width(&rule, AmbiguousWidth::Narrow)), widest);
}

#[test]
fn paragraphs_are_separated_by_one_blank_line() {
    assert_eq!(lines_at("a\n\nb\n\n\n\nc\n", 20), ["a", "", "b", "", "c"]);
    assert_eq!(lines_at("", 20), Vec::<String>::new());
}

#[test]
fn inline_styles() {
    let r = render(
        "*斜体* **太字** ~~消し~~ `コード` ***両方***",
        80,
        &narrow(),
    );
    assert_eq!(plain(&r.lines), ["斜体 太字 消し コード 両方"]);
    assert!(span_with(&r.lines, "斜体").style.italic);
    assert!(span_with(&r.lines, "太字").style.bold);
    assert!(span_with(&r.lines, "消し").style.strike);
    assert_eq!(span_with(&r.lines, "コード").style.role, Role::Code);
    let both = span_with(&r.lines, "両方").style;
    assert!(both.bold && both.italic);
}

#[test]
fn soft_breaks_join_japanese_and_space_latin() {
    assert_eq!(
        lines_at("日本語の\n文章です。\n次の文。", 80),
        ["日本語の文章です。次の文。"]
    );
    assert_eq!(lines_at("hello\nworld", 80), ["hello world"]);
    assert_eq!(
        lines_at("日本語\nEnglish\n日本語", 80),
        ["日本語 English 日本語"]
    );
}

#[test]
fn hard_breaks_start_a_new_line() {
    assert_eq!(
        lines_at("一行目  \n二行目\\\n三行目", 80),
        ["一行目", "二行目", "三行目"]
    );
}

#[test]
fn nested_lists_hang() {
    let src = "- 一番目の項目はとても長いので折り返されます。続きも本文に揃います。\n  \
               - 入れ子の項目もとても長いので折り返されて揃います。\n    \
               - 三段目\n- 二番目\n";
    let text = lines_at(src, 20);
    assert!(text[0].starts_with("• 一番目"), "{text:?}");
    let nested = text.iter().position(|l| l.starts_with("  ◦ ")).unwrap_or(0);
    assert!(nested > 1, "{text:?}");
    for line in &text[1..nested] {
        assert!(
            line.starts_with("  ") && !line.starts_with("   "),
            "{text:?}"
        );
    }
    let third = text.iter().position(|l| l.starts_with("    ▪ 三段目"));
    let third = third.unwrap_or_else(|| panic!("{text:?}"));
    for line in &text[nested + 1..third] {
        assert!(
            line.starts_with("    ") && !line.starts_with("     "),
            "{text:?}"
        );
    }
    assert_eq!(text.last().map(String::as_str), Some("• 二番目"));
    let r = render(src, 20, &narrow());
    assert_eq!(span_with(&r.lines, "•").style.role, Role::ListMarker);
}

#[test]
fn ordered_lists_right_align_numbers_and_hang() {
    let src: String = (1..=10).map(|i| format!("{i}. 項目{i}\n")).collect();
    let text = lines_at(&src, 40);
    assert_eq!(text[0], " 1. 項目1");
    assert_eq!(text[8], " 9. 項目9");
    assert_eq!(text[9], "10. 項目10");
    let text = lines_at("7. first item that wraps around\n8. second", 14);
    assert!(text[0].starts_with("7. "));
    assert!(
        text[1].starts_with("   ") && !text[1].starts_with("    "),
        "{text:?}"
    );
    assert!(text.iter().any(|l| l.starts_with("8. second")));
}

#[test]
fn loose_lists_keep_blank_lines_between_items() {
    assert_eq!(lines_at("- a\n\n- b\n", 20), ["• a", "", "• b"]);
    assert_eq!(lines_at("- a\n- b\n", 20), ["• a", "• b"]);
}

#[test]
fn task_lists_show_boxes() {
    let text = lines_at(
        "- [x] 完了\n- [ ] 未完了のタスクは長いので折り返す\n1. [x] 番号付き",
        16,
    );
    assert_eq!(text[0], "[x] 完了");
    assert!(text[1].starts_with("[ ] 未完了"));
    assert!(
        text[2].starts_with("    ") && !text[2].starts_with("     "),
        "{text:?}"
    );
    assert!(text.iter().any(|l| l == "1. [x] 番号付き"), "{text:?}");
}

#[test]
fn block_quotes_have_a_bar_on_every_line() {
    let src = "> 引用文です。とても長い引用文が折り返されてもバーは毎行に付きます。\n>\n\
               > > 入れ子の引用です。長いので折り返されます。\n";
    let r = render(src, 20, &narrow());
    let text = plain(&r.lines);
    assert!(text.iter().all(|l| l.starts_with('│')), "{text:?}");
    assert!(text.iter().any(|l| l.is_empty() || l == "│"));
    let nested: Vec<&String> = text.iter().filter(|l| l.starts_with("│ │ ")).collect();
    assert!(nested.len() >= 2, "{text:?}");
    assert_eq!(span_with(&r.lines, "引用文").style.role, Role::Quote);
    assert_eq!(span_with(&r.lines, "│").style.role, Role::Quote);
}

#[test]
fn fenced_code_is_kept_intact() {
    let src = "```rust\nfn main() {\n    let x = 1;  // 日本語\n}\n```\n";
    let r = render(src, 60, &narrow());
    assert_eq!(
        plain(&r.lines),
        [
            "  ── rust",
            "  fn main() {",
            "      let x = 1;  // 日本語",
            "  }"
        ]
    );
    assert_eq!(span_with(&r.lines, "── rust").style.role, Role::Dim);
    assert_eq!(span_with(&r.lines, "fn main").style.role, Role::CodeBlock);
}

#[test]
fn code_tabs_expand_and_long_lines_continue_without_loss() {
    let long =
        "\tprintln!(\"こんにちは、世界！とても長い行がここに続きますので折り返しが必要です。\");";
    let src = format!("```\n{long}\n}}\n```\n\n    indented code\n");
    for width in [12, 20, 33] {
        let r = render(&src, width, &narrow());
        assert_fits(&r.lines, width, &narrow(), "code");
        let text = plain(&r.lines);
        // Re-assemble the logical lines: drop the indent, join continuations.
        let mut logical: Vec<String> = Vec::new();
        for line in &text {
            let line = line.strip_prefix("  ").unwrap_or(line);
            match line.strip_prefix('↪') {
                Some(rest) => {
                    if let Some(last) = logical.last_mut() {
                        last.push_str(rest);
                    }
                }
                None => logical.push(line.to_string()),
            }
        }
        let expected = long.replace('\t', "    ");
        assert_eq!(logical[0], expected, "{text:?}");
        assert_eq!(logical[1], "}");
        assert!(logical.contains(&"indented code".to_string()));
        let mark = span_with(&r.lines, "↪");
        assert_eq!(mark.style.role, Role::Dim);
    }
}

#[test]
fn horizontal_rules_span_the_width() {
    let r = render("前\n\n---\n\n後", 17, &narrow());
    let text = plain(&r.lines);
    assert_eq!(text[2], "─".repeat(17));
    assert_eq!(span_with(&r.lines, "─").style.role, Role::Rule);
}

#[test]
fn raw_html_shows_its_text() {
    let src = "キーは <kbd>Ctrl</kbd>+<kbd>C</kbd> です。<br>次の行。\n\n\
               <div>\n<p>HTMLの <b>テキスト</b> &amp; 記号 &lt;tag&gt;</p>\n<!-- 隠し -->\n</div>\n";
    assert_eq!(
        lines_at(src, 80),
        [
            "キーは Ctrl+C です。",
            "次の行。",
            "",
            "HTMLの テキスト & 記号 <tag>"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Tables

const TABLE: &str = "| 名前 | 人口 | 説明 |\n|:-----|-----:|:----:|\n\
                     | 東京都 | 1400万 | 日本の首都で、とても大きな都市です。 |\n\
                     | 大阪府 | 880万 | 関西の中心 |\n| ｶﾞｲﾄﾞ | 1 | ＡＢＣ |\n";

#[test]
fn japanese_table_lines_up() {
    for width in [80, 40, 32] {
        let r = render(TABLE, width, &narrow());
        let text = plain(&r.lines);
        assert!(text[0].starts_with('┌'), "{text:?}");
        let borders = columns_of(&text[1], |c| c == '│');
        assert_eq!(borders.len(), 4, "{text:?}");
        for line in &text {
            let cols = columns_of(line, |c| "│┌┐└┘├┤┬┴┼".contains(c));
            assert_eq!(cols, borders, "width {width}: {text:?}");
        }
        let w = str_width(&text[0], AmbiguousWidth::Narrow);
        assert!(
            text.iter()
                .all(|l| str_width(l, AmbiguousWidth::Narrow) == w)
        );
        assert!(w <= width);
        assert_eq!(span_with(&r.lines, "名前").style.role, Role::TableHeader);
        assert!(span_with(&r.lines, "名前").style.bold);
        assert_eq!(span_with(&r.lines, "┌").style.role, Role::TableBorder);
    }
}

#[test]
fn table_cells_honour_alignment() {
    let text = lines_at(TABLE, 80);
    // Right-aligned population column, centred description column.
    assert!(text.iter().any(|l| l.contains("│  880万 │")), "{text:?}");
    assert!(text.iter().any(|l| l.contains("│ 大阪府 │")), "{text:?}");
    let row = text
        .iter()
        .find(|l| l.contains("関西の中心"))
        .cloned()
        .unwrap_or_default();
    let cell = row.split('│').nth(3).unwrap_or_default();
    let left = cell.len() - cell.trim_start().len();
    let right = cell.len() - cell.trim_end().len();
    assert!(left.abs_diff(right) <= 1, "{row}");
}

#[test]
fn narrow_tables_stack() {
    let r = render(TABLE, 16, &narrow());
    let text = plain(&r.lines);
    assert!(!text.iter().any(|l| l.contains('┌')), "{text:?}");
    assert_eq!(text[0], "名前: 東京都");
    assert_eq!(text[1], "人口: 1400万");
    assert!(text.contains(&"─".repeat(16)));
    assert!(text.contains(&"説明: 関西の中心".to_string()), "{text:?}");
    assert_eq!(span_with(&r.lines, "名前").style.role, Role::TableHeader);
    assert_fits(&r.lines, 16, &narrow(), "stacked");
}

// ---------------------------------------------------------------------------------------
// Links, images, footnotes

#[test]
fn links_are_numbered_and_reused() {
    let src = "[A](https://a.example/) と [B](https://b.example/) と [again](https://a.example/)、\
               <https://c.example/x>、![猫](https://img.example/cat.png)、![](https://img.example/e.png)";
    let r = render(src, 200, &narrow());
    assert_eq!(
        r.links,
        [
            "https://a.example/",
            "https://b.example/",
            "https://c.example/x",
            "https://img.example/cat.png",
            "https://img.example/e.png",
        ]
    );
    assert_eq!(
        plain(&r.lines),
        ["A[1] と B[2] と again[1]、https://c.example/x[3]、[image: 猫] [4]、[image] [5]"]
    );
    let link = span_with(&r.lines, "again").style;
    assert_eq!(link.role, Role::Link);
    assert!(link.underline);
    assert_eq!(span_with(&r.lines, "[2]").style.role, Role::LinkRef);
    assert_eq!(span_with(&r.lines, "猫").style.role, Role::Dim);
    let list = plain(&link_lines(&r.links, 80, &narrow()));
    assert_eq!(list[0], "[1] https://a.example/");
    assert_eq!(list[4], "[5] https://img.example/e.png");
}

#[test]
fn link_list_wraps_long_urls_without_cutting() {
    let url = "https://example.com/とても/長い/path/to/an/article?query=value&x=1";
    let links: Vec<String> = (0..10).map(|i| format!("{url}{i}")).collect();
    for width in [1, 2, 3, 8, 12, 30] {
        let lines = link_lines(&links, width, &narrow());
        assert_fits(&lines, width, &narrow(), "links");
        if width < 2 {
            continue; // a 2-column character cannot be shown in 1 column
        }
        let all: String = plain(&lines).concat().replace(' ', "");
        for (i, l) in links.iter().enumerate() {
            let mark = format!("[{}]", i + 1);
            assert!(all.contains(&format!("{mark}{l}")), "{width}: {all}");
        }
    }
    let text = plain(&link_lines(&links, 30, &narrow()));
    assert!(text[0].starts_with(" [1] https://"));
    assert!(text[1].starts_with("     ") && !text[1].starts_with("      "));
    assert!(text.iter().any(|l| l.starts_with("[10] ")));
}

#[test]
fn footnotes_are_numbered_and_listed_at_the_end() {
    let src = "本文[^b]と[^a]と[^b]。\n\n[^a]: 二つ目の脚注で、長いので折り返されます。\n\n[^b]: 一つ目。\n\n後の段落。";
    let wide_text = lines_at(src, 80);
    assert_eq!(wide_text[0], "本文[^1]と[^2]と[^1]。");
    assert!(wide_text.contains(&"後の段落。".to_string()));
    let r = render(src, 20, &narrow());
    let text = plain(&r.lines);
    let first = text.iter().position(|l| l == "[^1]: 一つ目。");
    let second = text.iter().position(|l| l.starts_with("[^2]: 二つ目"));
    assert!(first.is_some() && second > first, "{text:?}");
    let after = second.map_or(0, |i| i + 1);
    assert!(text[after].starts_with("      "), "{text:?}");
    assert_eq!(span_with(&r.lines, "[^1]").style.role, Role::LinkRef);
}

// ---------------------------------------------------------------------------------------
// The whole article and the printers

fn article() -> Article {
    let text = format!(
        "---\ntitle: マイクロソフトとNVIDIAがAnthropicと提携\ndescription: 三社が戦略的提携を発表した。\n\
         date: 2025-11-18\ncategory: ニュース\ntags: [Anthropic, Claude, 提携]\nlocale: ja\n---\n{RICH}"
    );
    let source = kiji::metadata::Source {
        root: PathBuf::from("articles"),
        path: PathBuf::from("articles/20251118/partnership/ja.md"),
        id: "20251118/partnership/ja".into(),
        modified: None,
        stamp: None,
    };
    let mut diags = Vec::new();
    let a = kiji::metadata::build_article(source, text.as_bytes(), "technyanComment", &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(a.date_source, DateSource::FrontMatter);
    a
}

#[test]
fn article_layout_is_header_blank_body_links() {
    let a = article();
    let opts = narrow();
    let header = plain(&header_lines(&a, 80, &opts));
    assert_eq!(header[0], "マイクロソフトとNVIDIAがAnthropicと提携");
    assert_eq!(
        header[1],
        "2025-11-18 · ニュース · ja · 1:Anthropic 2:Claude 3:提携"
    );
    assert_eq!(header[2], "三社が戦略的提携を発表した。");
    assert_eq!(header[3], "─".repeat(80));
    let out = layout(&a, 80, &opts);
    let text = plain(&out.lines);
    assert_eq!(text[..4], header[..]);
    assert_eq!(text[4], "");
    assert_eq!(
        text.last().map(String::as_str),
        Some("[3] https://example.com/cat.png")
    );
    assert_eq!(out.links.len(), 3);
    assert_eq!(out.lines, layout_article(&a, 80, &opts));
    let lines = header_lines(&a, 80, &opts);
    assert_eq!(span_with(&lines, "Claude").style.role, Role::Tag);
    assert_eq!(span_with(&lines, "2:").style.role, Role::Tag);
    assert_eq!(span_with(&lines, "マイクロソフト").style.role, Role::Title);
    assert!(span_with(&lines, "マイクロソフト").style.bold);
    assert_eq!(span_with(&lines, "三社").style.role, Role::Description);
}

#[test]
fn printers_agree_and_use_only_sgr() {
    let lines = layout_article(&article(), 50, &narrow());
    let plain_out = to_plain(&lines);
    let ansi_out = to_ansi(&lines, &kiji::style::Theme::dark());
    assert!(plain_out.lines().all(|l| !l.ends_with(' ')));
    assert!(!plain_out.contains('\x1b'));
    let mut stripped = String::new();
    let mut rest = ansi_out.as_str();
    while let Some(i) = rest.find('\x1b') {
        stripped.push_str(&rest[..i]);
        let seq = &rest[i + 1..];
        let end = seq
            .find('m')
            .unwrap_or_else(|| panic!("unterminated: {seq:?}"));
        assert!(seq.starts_with('['), "not CSI: {seq:?}");
        assert!(
            seq[1..end].chars().all(|c| c.is_ascii_digit() || c == ';'),
            "{seq:?}"
        );
        rest = &seq[end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, plain_out);
    for line in ansi_out.lines().filter(|l| l.contains('\x1b')) {
        assert!(line.ends_with("\x1b[0m"), "style leaks: {line:?}");
    }
}

#[test]
fn wide_ambiguous_mode_uses_ascii_markers() {
    let src =
        "- 項目\n  - 入れ子\n\n> 引用\n\n| a | 日本 |\n|---|---|\n| 1 | 2 |\n\n---\n\n# 見出し";
    let text = plain(&render(src, 30, &wide()).lines);
    assert!(text.contains(&"* 項目".to_string()), "{text:?}");
    assert!(text.contains(&"  - 入れ子".to_string()), "{text:?}");
    assert!(text.contains(&"| 引用".to_string()), "{text:?}");
    assert!(text.contains(&"+---+------+".to_string()), "{text:?}");
    assert!(text.contains(&"-".repeat(30)), "{text:?}");
    assert!(text.contains(&"======".to_string()), "{text:?}");
    let all = text.concat();
    assert!(
        !all.chars().any(|c| "•◦▪│─━┌┐└┘├┤┬┴┼·".contains(c)),
        "{all}"
    );
}

// ---------------------------------------------------------------------------------------
// Invariants: nothing dropped, nothing too wide

fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{3001}'..='\u{3002}'
        | '\u{FF01}'..='\u{FF5E}' | '\u{FF61}'..='\u{FF9F}')
}

fn counts(s: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in s.chars().filter(|c| is_japanese(*c)) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

#[test]
fn nothing_is_dropped() {
    let source = format!("{RICH}\n{TABLE}");
    for width in [200, 80, 40, 20, 9] {
        let r = render(&source, width, &narrow());
        let mut out = to_plain(&r.lines);
        out.push_str(&to_plain(&link_lines(&r.links, width, &narrow())));
        // Every Japanese character, as often as in the source (more often only when a
        // narrow table is stacked and repeats its header for every row).
        let (got, want) = (counts(&out), counts(&source));
        if width >= 80 {
            assert_eq!(got, want, "width {width}");
        }
        for (c, n) in want {
            assert!(
                got.get(&c).copied().unwrap_or(0) >= n,
                "{c} at width {width}"
            );
        }
        if width >= 80 {
            // Every word (Markdown syntax and HTML tag names aside).
            let syntax = ["kbd", "div", "p", "b", "br", "note", "rust"];
            for word in source
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty() && !syntax.contains(w))
            {
                assert!(out.contains(word), "{word:?} missing at {width}:\n{out}");
            }
            assert!(out.contains("rust"));
        }
    }
}

#[test]
fn no_line_is_too_wide_at_any_width() {
    let a = article();
    for opts in [narrow(), wide()] {
        for width in 1..=100 {
            let r = render(RICH, width, &opts);
            assert_fits(&r.lines, width, &opts, "body");
            assert_fits(&link_lines(&r.links, width, &opts), width, &opts, "links");
            assert_fits(&layout_article(&a, width, &opts), width, &opts, "article");
            assert_fits(&render(TABLE, width, &opts).lines, width, &opts, "table");
        }
    }
}

#[test]
fn tiny_widths_shrink_prefixes_but_keep_text() {
    let src = "> - > 1. alpha beta\n>      - gamma";
    for width in 1..=12 {
        let Rendered { lines, .. } = render(src, width, &narrow());
        assert_fits(&lines, width, &narrow(), "tiny");
        let letters: String = lines
            .iter()
            .map(Line::plain_text)
            .collect::<String>()
            .chars()
            .filter(char::is_ascii_lowercase)
            .collect();
        assert_eq!(letters, "alphabetagamma", "width {width}: {lines:?}");
    }
}

/// Zenn's and Qiita's syntax for the random Markdown here and in the CJK emphasis properties
/// (`cjk_emphasis.rs`): callout fences, embeds, bare URLs, images with sizes and captions,
/// math and prices.
pub(crate) const ZENN_FRAGMENTS: &[&str] = &[
    "```js:src/index.js",
    ":::message",
    ":::message alert",
    ":::details 詳細の題名",
    ":::details Title",
    "::::details",
    ":::note warn",
    ":::",
    "::::",
    "@[youtube](dQw4w9WgXcQ)",
    "@[card](https://zenn.dev/長い/パス/が/続く)",
    "@[tweet](https://x.com/u/status/1)",
    "https://github.com/termoshtt/ocipkg",
    "![図](https://example.com/a.png =250x)",
    "![fig](a.png)",
    "*キャプション*",
    "*caption*",
    "$a*b*c$",
    "$$",
    "$1/$5",
];

fn fragment() -> impl Strategy<Value = String> {
    let mut fragments = vec![
        "# ",
        "## ",
        "#### ",
        "- ",
        "  - ",
        "    - ",
        "1. ",
        "10. ",
        "> ",
        "> > ",
        "- [ ] ",
        "- [x] ",
        "| 名前 | 値 |",
        "|---|:-:|",
        "| 東京都の説明文 | 1400万 |",
        "```",
        "```rust",
        "    ",
        "\t",
        "**",
        "*",
        "~~",
        "`",
        "[リンク](https://example.com/長い/パス)",
        "<https://example.org/a/very/long/url/that/goes/on>",
        "![画像](x.png)",
        "[^1]",
        "[^1]: 脚注",
        "---",
        "<div>",
        "<br>",
        "&amp;",
        "😀",
        "\u{3000}",
        "ＡＢＣ１２３",
        "ｶﾞｲﾄﾞ",
        "※①",
        "\\",
        "  ",
    ];
    fragments.extend(ZENN_FRAGMENTS);
    prop_oneof![
        prop::sample::select(fragments).prop_map(str::to_string),
        "[ぁ-んァ-ン一-龥、。「」ー]{1,30}",
        "[a-zA-Z ]{1,24}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(fragment(), 0..6).prop_map(|f| f.concat());
    prop::collection::vec(line, 0..16).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(crate::props(128))]

    #[test]
    fn random_markdown_never_overflows(src in document(), width in 1usize..=80, is_wide: bool) {
        let opts = if is_wide { wide() } else { narrow() };
        let r = render(&src, width, &opts);
        for l in r.lines.iter().chain(&link_lines(&r.links, width, &opts)) {
            prop_assert!(l.width(opts.ambiguous) <= width, "{:?} at {}", l.plain_text(), width);
        }
    }
}

#[test]
fn deep_nesting_keeps_text_and_does_not_overflow_the_stack() {
    let quotes = format!("{} 深い引用", ">".repeat(3000));
    let text = lines_at(&quotes, 40);
    assert!(
        text.concat().replace(['│', ' '], "").contains("深い引用"),
        "{text:?}"
    );
    let list: String = (0..300)
        .map(|i| format!("{}- 項目{i}\n", "  ".repeat(i)))
        .collect();
    for width in [6, 40] {
        let r = render(&list, width, &narrow());
        assert_fits(&r.lines, width, &narrow(), "deep list");
        let all = to_plain(&r.lines).replace(['\n', ' '], "");
        assert!(all.contains("項目0") && all.contains("項目299"));
    }
}
