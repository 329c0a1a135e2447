//! CJK-friendly emphasis through the Markdown renderer: runs of `*`, `_` and `~` next to
//! Japanese, Chinese and Korean text become emphasis (the markdown-cjk-friendly amendment),
//! what must stay literal stays literal, and with the switch off the renderer is plain
//! CommonMark.

use kiji::markdown::render;
use kiji::text::{AmbiguousWidth, LayoutOptions, Line, Span};
use proptest::prelude::*;

use crate::markdown::ZENN_FRAGMENTS;

fn on() -> LayoutOptions {
    LayoutOptions::default()
}

fn off() -> LayoutOptions {
    LayoutOptions {
        cjk_emphasis: false,
        ..LayoutOptions::default()
    }
}

/// A span's text with its emphasis written as tags: `<b>`, `<i>`, `<s>`.
fn tagged(span: &Span) -> String {
    let mut open = String::new();
    let mut close = String::new();
    for (on, tag) in [
        (span.style.bold, "b"),
        (span.style.italic, "i"),
        (span.style.strike, "s"),
    ] {
        if on {
            open.push_str(&format!("<{tag}>"));
            close.insert_str(0, &format!("</{tag}>"));
        }
    }
    format!("{open}{}{close}", span.text)
}

/// The body laid out wide enough for one line per paragraph, emphasis as tags.
fn show(source: &str, opts: &LayoutOptions) -> String {
    let lines: Vec<String> = render(source, 200, opts)
        .lines
        .iter()
        .map(|l: &Line| l.spans.iter().map(tagged).collect())
        .collect();
    lines.join("\n")
}

fn check(source: &str, expected: &str) {
    assert_eq!(show(source, &on()), expected, "{source}");
}

#[test]
fn closing_after_japanese_punctuation() {
    check(
        "約**2850億ドル（約43兆円）**消失した",
        "約<b>2850億ドル（約43兆円）</b>消失した",
    );
    check("これは**「重要」**です。", "これは<b>「重要」</b>です。");
    check(
        "彼は**「はい。」**と言った",
        "彼は<b>「はい。」</b>と言った",
    );
    check("**本当ですか？**はい", "<b>本当ですか？</b>はい");
    check("**やった！**次へ", "<b>やった！</b>次へ");
    check("**終わり。**次", "<b>終わり。</b>次");
    check("**一、**二", "<b>一、</b>二");
}

#[test]
fn opening_before_japanese_brackets() {
    check("漢字**（注）**", "漢字<b>（注）</b>");
    check("漢字**「引用」と**です", "漢字<b>「引用」と</b>です");
    check("a**「b」**c", "a<b>「b」</b>c");
}

#[test]
fn chinese_and_korean() {
    check("中文**（重要）**内容", "中文<b>（重要）</b>内容");
    check("**“你好”**世界", "<b>“你好”</b>世界");
    check(
        "**마크다운(Markdown)**을 사용한다.",
        "<b>마크다운(Markdown)</b>을 사용한다.",
    );
    check("*한국어(韓國語)*는", "<i>한국어(韓國語)</i>는");
}

#[test]
fn every_delimiter_kind() {
    check("*イタリック（斜体）*です", "<i>イタリック（斜体）</i>です");
    check("「__強調__」です", "「<b>強調</b>」です");
    check("「_一つ_」です", "「<i>一つ</i>」です");
    check("~~取り消し（線）~~です", "<s>取り消し（線）</s>です");
    check("***「両方」***です", "<b><i>「両方」</i></b>です");
}

#[test]
fn links_and_code_as_the_emphasised_text() {
    check("**[名前](https://example.com)**の話", "<b>名前</b>[1]の話");
    check("**`code`**を使う", "<b>code</b>を使う");
    check(
        "[**「リンク」**です](https://example.com)",
        "<b>「リンク」</b>です[1]",
    );
    // A run cannot pair across a link's boundary.
    check("**「a」[b**](https://example.com)", "**「a」b**[1]");
}

#[test]
fn nested_and_several() {
    check(
        "**「入れ子*強調*あり」**です",
        "<b>「入れ子</b><b><i>強調</i></b><b>あり」</b>です",
    );
    check(
        "この**「重要」**と**「必須」**です",
        "この<b>「重要」</b>と<b>「必須」</b>です",
    );
}

#[test]
fn what_stays_literal() {
    // ASCII cases are CommonMark's.
    check("2*3*4 と a * b", "2<i>3</i>4 と a * b");
    check("2 * 3 * 4", "2 * 3 * 4");
    check(
        "snake_case_word と日本_語_です",
        "snake_case_word と日本_語_です",
    );
    // `_` between two letters never opens or closes, CJK letters included.
    check("__下線「強調」__です", "__下線「強調」__です");
    // Runs inside code spans, autolinks and bare URLs, and escaped runs.
    check("`**「a」**`です", "**「a」**です");
    check(
        "<https://example.com/**「a」**>です",
        "https://example.com/**「a」**[1]です",
    );
    check(
        "見て https://example.com/**「a」**です",
        "見て https://example.com/**「a」**です",
    );
    // `*` (escaped) then `*「a」**`: the rule of 3 keeps `*` and `**` apart.
    check("\\**「a」**です", "**「a」**です");
    check("&ast;&ast;「a」&ast;&ast;です", "**「a」**です");
    // Whitespace inside the run's side.
    check("** 「a」 **です", "** 「a」 **です");
}

#[test]
fn emoji_are_not_cjk() {
    // An emoji is a symbol, which CommonMark counts as punctuation, not a CJK letter: a
    // run between a letter and an emoji does not open.
    check("a**😀**b", "a**😀**b");
    check("あ**😀**b", "あ**😀**b");
    check("あ**😀**。", "あ<b>😀</b>。");
    check("**(a)**😀", "<b>(a)</b>😀");
}

#[test]
fn headings_lists_and_table_cells() {
    let src = "## *「見出し」*です\n\n- **「項目」**です\n\n| 列 |\n|---|\n| **「表」**です |\n";
    let out = show(src, &on());
    assert!(out.contains("<b><i>「見出し」</i></b><b>です</b>"), "{out}");
    assert!(out.contains("<b>「項目」</b>です"), "{out}");
    assert!(out.contains("<b>「表」</b>です"), "{out}");
}

#[test]
fn inside_zenn_callouts() {
    let src = ":::message\n**「重要」**です\n:::\n\n:::details 詳細\n:::message alert\n約**2850億ドル（約43兆円）**消失\n:::\n::::\n";
    let out = show(src, &on());
    assert!(out.contains("<b>「重要」</b>です"), "{out}");
    assert!(out.contains("約<b>2850億ドル（約43兆円）</b>消失"), "{out}");
    assert!(!out.contains("**"), "{out}");
    // The callouts are still there around the text.
    assert_eq!(
        show(src, &off()).lines().count(),
        out.lines().count(),
        "{out}"
    );
}

#[test]
fn next_to_embed_cards() {
    let src = "@[youtube](dQw4w9WgXcQ)\n**「重要」**です\n@[card](https://example.com/a)\n\nhttps://example.com/b\n\n前の**「文」**です";
    let out = show(src, &on());
    assert!(out.contains("\n<b>「重要」</b>です\n"), "{out}");
    assert!(out.contains("前の<b>「文」</b>です"), "{out}");
    // The cards are laid out as without the switch: emphasis does not reach into them.
    let cards = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains("example.com") || l.contains("YouTube"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(cards(&out), cards(&show(src, &off())));
    assert_eq!(cards(&out).len(), 3, "{out}");
    // A pair across a card (CommonMark pairs it too) styles the text, not the card.
    let across = "*「前」\n@[youtube](dQw4w9WgXcQ)\n後*";
    let out = show(across, &on());
    assert!(
        out.contains("<i>「前」</i>") && out.contains("<i>後</i>"),
        "{out}"
    );
    assert_eq!(cards(&out), cards(&show(across, &off())));
}

#[test]
fn images_and_references_keep_their_own_style() {
    // Emphasis around an image, a link or a footnote reference styles their text, never the
    // brackets and numbers kiji adds, as CommonMark's own pairs do.
    check("**![猫](c.png)**です", "[image: <b>猫</b>] [1]です");
    check("**![cat](c.png)** x", "[image: <b>cat</b>] [1] x");
    check("**[「リンク」](u)**です", "<b>「リンク」</b>[1]です");
    let note = show("*「注」[^1]*です\n\n[^1]: 脚注", &on());
    assert!(note.starts_with("<i>「注」</i>[^1]です\n"), "{note}");
}

#[test]
fn switched_off_is_commonmark() {
    let off = |s: &str| show(s, &off());
    assert_eq!(off("これは**「重要」**です。"), "これは**「重要」**です。");
    assert_eq!(
        off("約**2850億ドル（約43兆円）**消失"),
        "約**2850億ドル（約43兆円）**消失"
    );
    assert_eq!(off("**太字**です"), "<b>太字</b>です");
}

/// Markdown-ish text from a small alphabet: delimiters, punctuation, letters, code, links,
/// escapes, line breaks, and the Zenn and Qiita syntax of the renderer's random Markdown
/// ([`ZENN_FRAGMENTS`], also on lines of their own, and an image with its caption); `cjk`
/// adds Japanese, Chinese and Korean characters and emoji, and without it only the Zenn
/// fragments without them are used.
fn markdown(cjk: bool) -> impl Strategy<Value = String> {
    let mut atoms: Vec<String> = [
        "*",
        "**",
        "_",
        "__",
        "~",
        "~~",
        "a",
        "b",
        " ",
        "(",
        ")",
        ".",
        "`c`",
        "[l](u)",
        "![i](u)",
        "[^n]",
        "\\*",
        "\n",
        "\n\n",
        "# ",
        "- ",
        "> ",
        "<https://x.y/a_b>",
        "&ast;",
        "|",
        "\n![fig](a.png)\n*caption*\n",
    ]
    .map(String::from)
    .to_vec();
    if cjk {
        atoms.extend(
            [
                "あ",
                "漢",
                "「",
                "」",
                "（",
                "）",
                "。",
                "、",
                "한",
                "😀",
                "葛\u{E0100}",
                "\n![図](a.png)\n*「図」の説明*\n",
            ]
            .map(String::from),
        );
    }
    for zenn in ZENN_FRAGMENTS.iter().filter(|f| cjk || f.is_ascii()) {
        atoms.push(zenn.to_string());
        atoms.push(format!("\n{zenn}\n"));
    }
    prop::collection::vec(prop::sample::select(atoms), 0..24).prop_map(|v| v.concat())
}

/// The visible characters of a rendering, without delimiters and whitespace.
fn letters(source: &str, width: usize, opts: &LayoutOptions) -> String {
    render(source, width, opts)
        .lines
        .iter()
        .flat_map(|l| l.spans.iter().map(|s| s.text.clone()).collect::<Vec<_>>())
        .collect::<String>()
        .chars()
        // Delimiters go, and heading rules are as wide as what is left.
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '~' | '━' | '─'))
        .collect()
}

proptest! {
    #![proptest_config(crate::props(400))]

    /// Without a CJK character the amended rules are CommonMark's: switching them on
    /// changes nothing.
    #[test]
    fn no_cjk_no_change(source in markdown(false), width in 1usize..60) {
        prop_assert_eq!(render(&source, width, &on()), render(&source, width, &off()));
    }

    /// With CJK text the layout still fits and only delimiters go.
    #[test]
    fn fits_and_drops_nothing(source in markdown(true), width in 1usize..60) {
        let out = render(&source, width, &on());
        for line in &out.lines {
            prop_assert!(line.width(AmbiguousWidth::Narrow) <= width, "{:?}", line);
        }
        prop_assert_eq!(letters(&source, 200, &on()), letters(&source, 200, &off()));
    }
}

#[test]
fn a_paragraph_of_many_runs() {
    // One literal piece with tens of thousands of pairs: every one is found, and the work
    // stays in proportion to the text.
    let source = "これは**「重要」**です。".repeat(20_000);
    let out = render(&source, 80, &on());
    let bold: usize = out
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .filter(|s| s.style.bold)
        .map(|s| s.text.matches('「').count())
        .sum();
    assert_eq!(bold, 20_000);
    assert!(out.lines.iter().all(|l| !l.plain_text().contains('*')));
}

#[test]
fn many_urls_and_runs_in_one_paragraph() {
    // The run in each URL would open by the CJK rules (`a**「`) and pair with the next `と**`;
    // CommonMark pairs nothing here. (Under `chunk::CHUNK` bytes, so parsed whole.)
    let source = "見て https://example.com/a**「b」 と**「c」** です ".repeat(8_000);
    let out = render(&source, 80, &on());
    let text: String = out.lines.iter().map(Line::plain_text).collect();
    let text = text.replace(' ', "");
    assert_eq!(text.matches("https://example.com/a**「b」").count(), 8_000);
    assert_eq!(text.matches("と「c」です").count(), 8_000);
}

#[test]
fn pairs_pulldown_cmark_made_in_a_url_stay() {
    // A URL takes part in no new pair, but what CommonMark pairs stays, so text without CJK
    // is as it was.
    for src in [
        "a ~~https://example.com/x~~ b",
        "see https://example.com/**a**b now",
    ] {
        assert_eq!(show(src, &on()), show(src, &off()), "{src}");
    }
    assert_eq!(
        show("見て ~~https://example.com/x~~ です", &on()),
        "見て <s>https://example.com/x</s> です"
    );
}
