//! Zenn and Qiita Markdown in the renderer (`kiji::markdown`): callout blocks and their
//! nesting, embeds and bare URLs as numbered cards, image sizes and captions, file names in
//! code labels, math, and every line within the width down to tiny ones with nothing lost.

use std::path::PathBuf;

use kiji::article::Article;
use kiji::document::layout;
use kiji::markdown::{Rendered, link_lines, render};
use kiji::text::{AmbiguousWidth, Role};

use crate::markdown::{lines_at, narrow, plain, span_with, wide};

fn assert_no_raw_syntax(r: &Rendered) {
    for line in plain(&r.lines) {
        assert!(
            !line.contains(":::") && !line.contains("@[") && !line.contains('@'),
            "raw Zenn syntax left in {line:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Callouts

#[test]
fn message_is_a_framed_callout_with_markdown_inside() {
    let src = ":::message\nこれは**大事な**お知らせです。\n\n- 項目一\n- 項目二\n\n```rust\nlet x = 1;\n```\n:::\n";
    let r = render(src, 30, &narrow());
    let text = plain(&r.lines);
    assert_eq!(
        text,
        [
            "┌─ メッセージ ────────────────",
            "│ これは大事なお知らせです。",
            "│",
            "│ • 項目一",
            "│ • 項目二",
            "│",
            "│   ── rust",
            "│   let x = 1;",
            "└─────────────────────────────",
        ]
    );
    assert!(span_with(&r.lines, "大事な").style.bold);
    assert_eq!(span_with(&r.lines, "メッセージ").style.role, Role::Quote);
    assert_eq!(span_with(&r.lines, "let x").style.role, Role::CodeBlock);
    assert!(
        r.lines
            .iter()
            .all(|l| l.width(AmbiguousWidth::Narrow) <= 30)
    );
}

#[test]
fn each_kind_has_its_label() {
    for (open, label) in [
        (":::message", "メッセージ"),
        (":::message alert", "注意"),
        (":::details 設定の例", "詳細: 設定の例"),
        (":::note info", "補足"),
        (":::note", "補足"),
        (":::note warn", "注意"),
        (":::note alert", "警告"),
    ] {
        let text = lines_at(&format!("{open}\n本文\n:::\n"), 40);
        assert_eq!(text.len(), 3, "{open}: {text:?}");
        assert!(
            text[0].starts_with(&format!("┌─ {label} ─")),
            "{open}: {text:?}"
        );
        assert_eq!(text[1], "│ 本文");
        assert!(text[2].starts_with("└─"));
    }
    // An unknown name is not a callout: the text stays as written.
    assert_eq!(lines_at(":::tip\n本文\n:::\n", 40), [":::tip 本文"]);
}

#[test]
fn more_colons_nest_a_message_inside_details() {
    let src = "::::details 外側\n:::message alert\n内側\n:::\n外側の続き\n::::\n\n後の段落\n";
    let text = lines_at(src, 30);
    assert_eq!(
        text,
        [
            "┌─ 詳細: 外側 ────────────────",
            "│ ┌─ 注意 ────────────────────",
            "│ │ 内側",
            "│ └───────────────────────────",
            "│",
            "│ 外側の続き",
            "└─────────────────────────────",
            "",
            "後の段落",
        ]
    );
}

#[test]
fn an_unclosed_block_holds_the_rest_of_the_article() {
    let src = "前\n\n:::details 閉じ忘れ\n一つ目\n\n## 見出し\n\n最後の段落\n";
    let text = lines_at(src, 30);
    assert_eq!(text[0], "前");
    assert!(text[2].starts_with("┌─ 詳細: 閉じ忘れ"));
    for needle in ["│ 一つ目", "│ 見出し", "│ 最後の段落"] {
        assert!(text.iter().any(|l| l == needle), "{needle}: {text:?}");
    }
    assert!(text.last().is_some_and(|l| l.starts_with("└")));
}

#[test]
fn a_stray_closing_line_is_dropped_and_a_paragraph_is_interrupted() {
    assert_eq!(lines_at("段落\n:::\n", 30), ["段落"]);
    let text = lines_at("直前の段落\n:::message\n中\n:::\n", 30);
    assert_eq!(text[0], "直前の段落");
    assert_eq!(text[1], "");
    assert!(text[2].starts_with("┌─ メッセージ"));
}

#[test]
fn colon_lines_inside_code_fences_are_code() {
    let src = "```markdown\n:::message\n中身\n:::\n@[youtube](abc)\n$$\n```\n";
    let r = render(src, 40, &narrow());
    assert_eq!(
        plain(&r.lines),
        [
            "  ── markdown",
            "  :::message",
            "  中身",
            "  :::",
            "  @[youtube](abc)",
            "  $$"
        ]
    );
    assert!(r.links.is_empty());
}

#[test]
fn footnotes_and_reference_links_work_across_callouts() {
    let src = "前[^a]と[参照][r]\n\n:::message\n中[^a]\n:::\n\n[^a]: 脚注\n\n[r]: https://example.com/r\n";
    let r = render(src, 40, &narrow());
    let text = plain(&r.lines).join("\n");
    assert!(text.contains("前[^1]と参照[1]"), "{text}");
    assert!(text.contains("│ 中[^1]"), "{text}");
    assert!(text.contains("[^1]: 脚注"), "{text}");
    assert_eq!(r.links, ["https://example.com/r"]);
}

#[test]
fn an_english_article_gets_english_labels() {
    let article = |locale: &str| -> Article {
        let text = format!(
            "---\ntitle: Callouts\ndate: 2026-11-25\nlocale: {locale}\n---\n\
             :::message alert\nBody\n:::\n\n:::details Setup\nSteps\n:::\n"
        );
        let source = kiji::metadata::Source {
            root: PathBuf::from("articles"),
            path: PathBuf::from(format!("articles/20261125/zenn/{locale}.md")),
            id: format!("20261125/zenn/{locale}"),
            modified: None,
            stamp: None,
        };
        let mut diags = Vec::new();
        let a =
            kiji::metadata::build_article(source, text.as_bytes(), "technyanComment", &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        a
    };
    let tops = |locale: &str| -> Vec<String> {
        plain(&layout(&article(locale), 40, &narrow()).lines)
            .into_iter()
            .filter(|l| l.starts_with('┌'))
            .collect()
    };
    assert_eq!(
        tops("en"),
        [
            format!("┌─ Caution {}", "─".repeat(29)),
            format!("┌─ Details: Setup {}", "─".repeat(22)),
        ]
    );
    assert_eq!(
        tops("ja"),
        [
            format!("┌─ 注意 {}", "─".repeat(32)),
            format!("┌─ 詳細: Setup {}", "─".repeat(25)),
        ]
    );
}

#[test]
fn wide_ambiguous_mode_frames_in_ascii() {
    let r = render(":::message\n本文\n:::\n", 20, &wide());
    assert_eq!(
        plain(&r.lines),
        ["+- メッセージ ------", "| 本文", "+-------------------"]
    );
}

#[test]
fn a_long_details_title_moves_under_the_rule() {
    let text = lines_at(":::details とても長い詳細の題名です\n中\n:::\n", 16);
    assert_eq!(text[0], "┌───────────────");
    assert!(text[1].starts_with("│ 詳細: "), "{text:?}");
    assert!(text.iter().any(|l| l == "│ 中"));
}

// ---------------------------------------------------------------------------------------
// Embeds and bare URLs

#[test]
fn every_embed_is_a_numbered_card() {
    let cases = [
        (
            "@[youtube](dQw4w9WgXcQ)",
            "▶ YouTube · dQw4w9WgXcQ[1]",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "@[speakerdeck](4b1f2a)",
            "▶ Speaker Deck · 4b1f2a[1]",
            "https://speakerdeck.com/player/4b1f2a",
        ),
        (
            "@[slideshare](Zx9q)",
            "▶ SlideShare · Zx9q[1]",
            "https://www.slideshare.net/slideshow/embed_code/key/Zx9q",
        ),
        (
            "@[docswell](https://www.docswell.com/s/me/K1)",
            "▶ Docswell · s/me/K1[1]",
            "https://www.docswell.com/s/me/K1",
        ),
        (
            "@[card](https://zenn.dev/a/b)",
            "🔗 zenn.dev/a/b[1]",
            "https://zenn.dev/a/b",
        ),
        (
            "@[tweet](https://x.com/u/status/1)",
            "🔗 Tweet · x.com/u/status/1[1]",
            "https://x.com/u/status/1",
        ),
        (
            "@[figma](https://www.figma.com/file/F)",
            "🔗 Figma · file/F[1]",
            "https://www.figma.com/file/F",
        ),
        (
            "@[github](https://github.com/o/r/blob/main/a.rs)",
            "🔗 GitHub · o/r/blob/main/a.rs[1]",
            "https://github.com/o/r/blob/main/a.rs",
        ),
        (
            "@[gist](https://gist.github.com/u/1)",
            "🔗 Gist · u/1[1]",
            "https://gist.github.com/u/1",
        ),
        (
            "@[codepen](https://codepen.io/u/pen/p)",
            "🔗 CodePen · u/pen/p[1]",
            "https://codepen.io/u/pen/p",
        ),
        (
            "@[codesandbox](https://codesandbox.io/embed/s)",
            "🔗 CodeSandbox · embed/s[1]",
            "https://codesandbox.io/embed/s",
        ),
        (
            "@[stackblitz](https://stackblitz.com/edit/e)",
            "🔗 StackBlitz · edit/e[1]",
            "https://stackblitz.com/edit/e",
        ),
        (
            "@[jsfiddle](https://jsfiddle.net/u/f/)",
            "🔗 JSFiddle · u/f[1]",
            "https://jsfiddle.net/u/f/",
        ),
        (
            "@[blueprintue](https://blueprintue.com/render/b/)",
            "🔗 blueprintUE · render/b[1]",
            "https://blueprintue.com/render/b/",
        ),
    ];
    for (src, shown, url) in cases {
        let r = render(&format!("前の行\n\n{src}\n\n次の行"), 60, &narrow());
        assert_eq!(
            plain(&r.lines),
            ["前の行", "", shown, "", "次の行"],
            "{src}"
        );
        assert_eq!(r.links, [url], "{src}");
        assert_no_raw_syntax(&r);
        let link_list = plain(&link_lines(&r.links, 60, &narrow()));
        assert_eq!(link_list, [format!("[1] {url}")]);
    }
}

#[test]
fn card_parts_are_styled_and_the_number_is_shared_with_links() {
    let src = "[動画](https://www.youtube.com/watch?v=abc)を見て。\n\n@[youtube](abc)";
    let r = render(src, 60, &narrow());
    assert_eq!(
        plain(&r.lines),
        ["動画[1]を見て。", "", "▶ YouTube · abc[1]"]
    );
    assert_eq!(span_with(&r.lines, "▶").style.role, Role::Dim);
    let shown = span_with(&r.lines, "abc").style;
    assert_eq!(shown.role, Role::Link);
    assert!(shown.underline);
}

#[test]
fn embed_lines_inside_a_paragraph_get_lines_of_their_own() {
    let text = lines_at(
        "資料です。\n@[speakerdeck](x1)\n@[tweet](https://x.com/a/status/2)\n以上。",
        60,
    );
    assert_eq!(
        text,
        [
            "資料です。",
            "▶ Speaker Deck · x1[1]",
            "🔗 Tweet · x.com/a/status/2[2]",
            "以上。"
        ]
    );
}

#[test]
fn a_url_alone_is_a_card_but_a_url_in_a_sentence_stays_inline() {
    let r = render("https://github.com/termoshtt/ocipkg/\n", 60, &narrow());
    assert_eq!(plain(&r.lines), ["🔗 GitHub · termoshtt/ocipkg[1]"]);
    assert_eq!(r.links, ["https://github.com/termoshtt/ocipkg/"]);
    let r = render(
        "https://youtu.be/x1y2\n\nhttps://example.com/a/\n",
        60,
        &narrow(),
    );
    assert_eq!(
        plain(&r.lines),
        ["▶ YouTube · youtu.be/x1y2[1]", "", "🔗 example.com/a[2]"]
    );
    let r = render("詳しくは https://example.com/doc を参照。\n", 60, &narrow());
    assert_eq!(
        plain(&r.lines),
        ["詳しくは https://example.com/doc を参照。"]
    );
    assert!(r.links.is_empty());
    // An embed that is not alone on its line, and a name Zenn does not embed, stay links.
    let r = render(
        "見て @[youtube](abc)\n\n@[alice](https://example.com/alice)",
        60,
        &narrow(),
    );
    assert_eq!(plain(&r.lines), ["見て @youtube[1]", "", "@alice[2]"]);
}

#[test]
fn wide_ambiguous_mode_marks_cards_in_ascii() {
    let r = render(
        "@[youtube](abc)\n\n@[card](https://a.example/b)",
        40,
        &wide(),
    );
    assert_eq!(
        plain(&r.lines),
        ["|> YouTube | abc[1]", "", "-> a.example/b[2]"]
    );
}

// ---------------------------------------------------------------------------------------
// Images, code labels, math

#[test]
fn sized_images_show_with_their_link_and_caption() {
    let src =
        "![構成図](https://example.com/a.png =250x)\n*図1: 全体の構成*\n\n![](/images/b.png =x120)";
    let r = render(src, 40, &narrow());
    assert_eq!(
        plain(&r.lines),
        ["[image: 構成図] [1]", "図1: 全体の構成", "", "[image] [2]"]
    );
    assert_eq!(r.links, ["https://example.com/a.png", "/images/b.png"]);
    let caption = span_with(&r.lines, "全体の構成").style;
    assert_eq!(caption.role, Role::Dim);
    // An emphasised line under ordinary text is just emphasis.
    let r = render("本文\n*強調*", 40, &narrow());
    assert_eq!(plain(&r.lines), ["本文強調"]);
    assert_eq!(span_with(&r.lines, "強調").style.role, Role::Text);
}

#[test]
fn code_labels_carry_the_file_name_and_language() {
    for (info, label) in [
        ("js:index.js", "── index.js (js)"),
        ("ruby:app.rb", "── app.rb (ruby)"),
        ("diff js:a.js", "── a.js (diff js)"),
        ("diff_js", "── diff js"),
        ("rust", "── rust"),
    ] {
        let text = lines_at(&format!("```{info}\n-x\n+y\n```\n"), 40);
        assert_eq!(
            text,
            [format!("  {label}"), "  -x".into(), "  +y".into()],
            "{info}"
        );
    }
}

#[test]
fn math_is_code_kept_verbatim() {
    let r = render("式 $a*b*c$ と $$x_1 + x_2$$ です。", 60, &narrow());
    assert_eq!(plain(&r.lines), ["式 a*b*c と x_1 + x_2 です。"]);
    assert_eq!(span_with(&r.lines, "a*b*c").style.role, Role::Code);
    assert!(!span_with(&r.lines, "a*b*c").style.italic);
    let text = lines_at("前\n\n$$\n\\sum_{i} a_i * b_i\n\\\\ x\n$$\n\n後", 40);
    assert_eq!(
        text,
        [
            "前",
            "",
            "  ── math",
            "  \\sum_{i} a_i * b_i",
            "  \\\\ x",
            "",
            "後"
        ]
    );
    // Money is not math.
    assert_eq!(
        lines_at("入力$1、出力$5です。", 40),
        ["入力$1、出力$5です。"]
    );
}

// ---------------------------------------------------------------------------------------
// Narrow widths

const ALL: &str = "::::details 詳細の題名がとても長い場合\n:::message alert\n注意の本文です。**強調**と`コード`とリスト：\n\n- 項目 https://example.com/a\n:::\n@[youtube](dQw4w9WgXcQ)\n::::\n\n:::note warn\nQiita の注意書き。\n:::\n\nhttps://github.com/termoshtt/ocipkg\n\n![図](https://example.com/a.png =250x)\n*キャプションの文*\n\n```js:src/index.js\nconsole.log(\"こんにちは\");\n```\n\n$$\nE = mc^2\n$$\n";

#[test]
fn every_line_fits_at_every_width_and_no_text_is_lost() {
    for opts in [narrow(), wide()] {
        for width in 1..=50 {
            let r = render(ALL, width, &opts);
            for l in r.lines.iter().chain(&link_lines(&r.links, width, &opts)) {
                assert!(
                    l.width(opts.ambiguous) <= width,
                    "{:?} wider than {width}",
                    l.plain_text()
                );
            }
            assert_eq!(r.links.len(), 3, "width {width}");
            if width >= 2 {
                let all: String = plain(&r.lines)
                    .concat()
                    .chars()
                    .filter(|c| !"│┌└─|+- ↪>".contains(*c))
                    .collect();
                for needle in [
                    "詳細の題名がとても長い場合",
                    "注意の本文です。強調とコードとリスト：",
                    "Qiitaの注意書き。",
                    "キャプションの文",
                    "console.log(\"こんにちは\");",
                    "E=mc^2",
                ] {
                    assert!(all.contains(needle), "width {width}: {needle} in {all}");
                }
            }
        }
    }
}
