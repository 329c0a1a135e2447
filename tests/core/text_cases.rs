//! The acceptance cases for Japanese text: display widths (A), line breaking with kinsoku (B)
//! and truncation and sanitising (C), each asserting the exact widths, lines and strings, plus
//! guards on the pinned `unicode-width` behaviour.

use kiji::text::sanitize::{sanitize, sanitize_inline};
use kiji::text::truncate::truncate;
use kiji::text::wrap::{LayoutOptions, LineEnd, Strictness, line_ranges, wrap_spans, wrap_str};
use kiji::text::{AmbiguousWidth, Role, Span, Style, grapheme_width, str_width};
use unicode_segmentation::UnicodeSegmentation;

const N: AmbiguousWidth = AmbiguousWidth::Narrow;
const W: AmbiguousWidth = AmbiguousWidth::Wide;

/// Wrap with the default options (strict, narrow) and check every line against the width.
fn wrap(s: &str, width: usize) -> Vec<String> {
    wrap_with(s, width, LayoutOptions::default())
}

fn wrap_with(s: &str, width: usize, opts: LayoutOptions) -> Vec<String> {
    let lines = wrap_str(s, width, &opts);
    for line in &lines {
        assert!(
            str_width(line, opts.ambiguous) <= width,
            "{line:?} is wider than {width}"
        );
    }
    lines
}

fn widths(lines: &[String]) -> Vec<usize> {
    lines.iter().map(|l| str_width(l, N)).collect()
}

// ---- A. Width function ----

#[test]
fn a1_basic_east_asian_width() {
    assert_eq!(str_width("日本語", N), 6);
    assert_eq!(str_width("ｱｲｳ", N), 3);
    assert_eq!(str_width("ＡＢＣ", N), 6);
    assert_eq!(str_width("\u{3000}", N), 2);
    assert_eq!(str_width("、。「」ー・", N), 12);
    assert_eq!(str_width("｡｢｣ｰ･", N), 5);
}

#[test]
fn a2_halfwidth_voiced_marks() {
    assert_eq!(str_width("ｶﾞｷﾞｸﾞ", N), 6);
    assert_eq!("ｶﾞｷﾞｸﾞ".graphemes(true).count(), 3);
}

#[test]
fn a3_combining_marks_stay_with_their_base() {
    for (s, w) in [("カ\u{3099}", 2), ("ｶ\u{3099}", 1), ("e\u{301}", 1)] {
        assert_eq!(s.graphemes(true).count(), 1, "{s:?}");
        assert_eq!(grapheme_width(s, N), w, "{s:?}");
        assert_eq!(str_width(s, N), w, "{s:?}");
    }
}

#[test]
fn a4_ambiguous_narrow_and_wide() {
    assert_eq!(str_width("※○…×①─αД", N), 8);
    assert_eq!(str_width("※○…×①─αД", W), 16);
}

#[test]
fn a5_circled_numbers() {
    assert_eq!(str_width("⑳㉑", N), 3);
    assert_eq!(str_width("⑳㉑", W), 4);
}

#[test]
fn a6_sanitize() {
    let cases = [
        ("A\tB", "A   B", 5),
        ("ab\u{AD}cd", "abcd", 4),
        ("x\u{1B}[31my", "xy", 2),
        ("a\u{85}b", "ab", 2),
    ];
    for (input, expected, width) in cases {
        let clean = sanitize(input);
        assert_eq!(clean, expected, "{input:?}");
        assert_eq!(str_width(&clean, N), width, "{input:?}");
    }
}

/// The behaviour `unicode-width = "=0.2.2"` is pinned for. If this fails after a dependency
/// change, the width function has to be re-checked against ratatui's (which measures each
/// cell with the same crate) and against how terminals draw these characters (`kiji doctor`).
#[test]
fn pinned_unicode_width_behaviour() {
    assert_eq!("ｶﾞ".graphemes(true).count(), 1);
    assert_eq!(grapheme_width("ｶﾞ", N), 2);
    assert_eq!(grapheme_width("ﾞ", N), 1);
    assert_eq!(grapheme_width("ﾟ", N), 1);
    assert_eq!(grapheme_width("❤\u{FE0F}", N), 2);
    assert_eq!(grapheme_width("👩\u{200D}🔬", N), 2);
    assert_eq!(grapheme_width("👍🏽", N), 2);
    assert_eq!(grapheme_width("🇯🇵", N), 2);
    assert_eq!(grapheme_width("\u{AD}", N), 0);
    assert_eq!(grapheme_width("\u{200B}", N), 0);
    assert_eq!(grapheme_width("𠮷", N), 2);
    assert_eq!(grapheme_width("葛\u{E0100}", N), 2);
    // unicode-width itself (what ratatui's Span::width uses) under the pinned version.
    use unicode_width::UnicodeWidthStr;
    assert_eq!(
        "ｶﾞ".width(),
        1,
        "unicode-width changed the halfwidth voiced mark"
    );
    assert_eq!("❤\u{FE0F}".width(), 2);
    assert_eq!("👩\u{200D}🔬".width(), 2);
    assert_eq!("\u{AD}".width(), 0);
}

#[test]
fn controls_are_zero_columns() {
    assert_eq!(str_width("a\tb\u{1b}\u{85}\u{7f}\n", N), 2);
}

// ---- B. Body wrapping ----

#[test]
fn b1_odd_width_never_overflows() {
    let lines = wrap("東京で大雨。", 11);
    assert_eq!(lines, ["東京で大", "雨。"]);
    assert_eq!(widths(&lines), [8, 4]);
}

#[test]
fn b2() {
    assert_eq!(wrap("一二", 3), ["一", "二"]);
}

#[test]
fn b3_emoji_at_width_2() {
    assert_eq!(wrap("a🌞b", 2), ["a", "🌞", "b"]);
}

#[test]
fn b4_mixed_japanese_and_english() {
    let lines = wrap("私は ratatui が本当に便利だと思います。", 24);
    assert_eq!(lines, ["私は ratatui が本当に便", "利だと思います。"]);
    assert_eq!(widths(&lines), [23, 16]);
}

#[test]
fn b5_kinsoku_brackets_and_commas() {
    let lines = wrap("「東京」で、ちょっと待ってください。", 10);
    assert_eq!(lines, ["「東京」", "で、ちょっ", "と待ってく", "ださい。"]);
    assert_eq!(widths(&lines), [8, 10, 10, 8]);
}

#[test]
fn b6_no_lone_full_stop() {
    let lines = wrap("日本語の文章です。句読点、改行。", 10);
    assert_eq!(lines, ["日本語の文", "章です。句", "読点、改", "行。"]);
}

#[test]
fn b7_strict_and_normal() {
    let text = "ニュース・ヘッドラインーーー";
    assert_eq!(wrap(text, 9), ["ニュー", "ス・ヘッ", "ドライ", "ンーーー"]);
    let normal = LayoutOptions {
        strictness: Strictness::Normal,
        ..LayoutOptions::default()
    };
    assert_eq!(
        wrap_with(text, 9, normal),
        ["ニュー", "ス・ヘッ", "ドライン", "ーーー"]
    );
}

#[test]
fn b8_leaders_never_split() {
    let lines = wrap("それは……だった", 7);
    assert_eq!(lines, ["それ", "は……", "だった"]);
    assert_eq!(widths(&lines), [4, 4, 6]);
}

#[test]
fn b9_fullwidth_digit_run_and_brackets() {
    let lines = wrap("価格は１００％上昇（前年比）。", 14);
    assert_eq!(lines, ["価格は１００％", "上昇（前年", "比）。"]);
    assert_eq!(widths(&lines), [14, 10, 6]);
}

#[test]
fn b10_indent_kept_no_blank_line() {
    let lines = wrap("\u{3000}字下げした段落です。", 12);
    assert_eq!(lines, ["\u{3000}字下げした", "段落です。"]);
    assert_eq!(widths(&lines), [12, 10]);
}

#[test]
fn b11_ideographic_space_mid_line() {
    assert_eq!(
        wrap("本文\u{3000}全角スペース区切りの長い見出しテキスト", 12),
        [
            "本文\u{3000}全角ス",
            "ペース区切り",
            "の長い見出し",
            "テキスト"
        ]
    );
}

#[test]
fn b12_version_numbers() {
    let lines = wrap("Rust 1.88 がリリースされました", 12);
    assert_eq!(lines, ["Rust 1.88 が", "リリースされ", "ました"]);
    assert_eq!(widths(&lines), [12, 12, 6]);
}

#[test]
fn b13_halfwidth_voiced_never_split() {
    let lines = wrap("ｶﾞｷﾞｸﾞｹﾞｺﾞ", 5);
    assert_eq!(lines, ["ｶﾞｷﾞ", "ｸﾞｹﾞ", "ｺﾞ"]);
    assert_eq!(widths(&lines), [4, 4, 2]);
}

#[test]
fn b14_fullwidth_latin_emergency_break() {
    let text = "ＡＢＣＤＥＦＧ";
    assert_eq!(wrap(text, 7), ["ＡＢＣ", "ＤＥＦ", "Ｇ"]);
    let kinds: Vec<LineEnd> = line_ranges(text, 7, &LayoutOptions::default())
        .iter()
        .map(|l| l.kind)
        .collect();
    assert_eq!(
        kinds,
        [LineEnd::Emergency, LineEnd::Emergency, LineEnd::End]
    );
}

#[test]
fn b15_wave_dash_never_starts_a_line() {
    assert_eq!(wrap("千円～二千円", 4), ["千", "円～", "二千", "円"]);
    assert_eq!(wrap("千円〜二千円", 4), ["千", "円〜", "二千", "円"]);
}

#[test]
fn b16_zwsp_is_a_break_hint_without_a_cell() {
    let lines = wrap("東京\u{200B}大阪\u{200B}名古屋", 9);
    assert_eq!(lines, ["東京大阪", "名古屋"]);
    assert_eq!(widths(&lines), [8, 6]);
}

#[test]
fn b_styles_survive_wrapping() {
    let bold = Style {
        bold: true,
        ..Style::default()
    };
    let spans = [
        Span::plain("東京で"),
        Span::new("大雨", bold),
        Span::plain("。"),
    ];
    let lines = wrap_spans(&spans, 11, &LayoutOptions::default());
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0].spans,
        [Span::plain("東京で"), Span::new("大", bold)]
    );
    assert_eq!(lines[1].spans, [Span::new("雨", bold), Span::plain("。")]);
    let link = Style::role(Role::Link);
    let lines = wrap_spans(
        &[Span::plain("a "), Span::plain("b"), Span::new("c", link)],
        10,
        &LayoutOptions::default(),
    );
    assert_eq!(lines[0].spans, [Span::plain("a b"), Span::new("c", link)]);
}

// ---- C. Truncation ----

#[test]
fn c1_c2_ellipsis_and_padding() {
    assert_eq!(truncate("東京都で記録的大雨", 9, N), "東京都で…");
    assert_eq!(truncate("東京都で記録的大雨", 10, N), "東京都で… ");
}

#[test]
fn c3_mixed() {
    assert_eq!(truncate("ABCニュース速報", 8, N), "ABCニュ…");
}

#[test]
fn c4_voiced_mark_stays_with_base() {
    assert_eq!(truncate("ｶﾞｲﾄﾞﾗｲﾝ改定", 7, N), "ｶﾞｲﾄﾞﾗ…");
}

#[test]
fn c5_small_widths() {
    assert_eq!(truncate("東京", 4, N), "東京");
    assert_eq!(truncate("東京", 3, N), "東…");
    assert_eq!(truncate("東京", 1, N), "…");
    assert_eq!(truncate("東京", 2, N), "… ");
}

#[test]
fn c6_list_rows() {
    assert_eq!(truncate("東京で大雨警報", 7, N), "東京で…");
    assert_eq!(truncate("ABCニュース", 7, N), "ABCニ… ");
    assert_eq!(truncate("ｱｲｳｴｵｶｷｸｹｺ", 7, N), "ｱｲｳｴｵｶ…");
}

#[test]
fn c7_block_title() {
    // A block 9 wide leaves 7 columns for the title between the corners.
    assert_eq!(truncate("ニュース一覧", 7, N), "ニュー…");
}

#[test]
fn c8_wide_profile_ellipsis_is_two_columns() {
    let row = truncate("※重要 速報", 8, W);
    assert_eq!(row, "※重要…");
    assert_eq!(str_width(&row, W), 8);
}

#[test]
fn truncate_is_always_exactly_the_width() {
    for s in [
        "東京都で記録的大雨",
        "ABCニュース速報",
        "ｶﾞｲﾄﾞﾗｲﾝ改定",
        "a",
        "",
    ] {
        for width in 0..20 {
            for amb in [N, W] {
                assert_eq!(
                    str_width(&truncate(s, width, amb), amb),
                    width,
                    "{s:?} {width}"
                );
            }
        }
    }
}

#[test]
fn inline_fields() {
    assert_eq!(
        sanitize_inline("\u{3000}東京\r\n  大阪\u{1b}]0;x\u{7} "),
        "\u{3000}東京 大阪"
    );
}
