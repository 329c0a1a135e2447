//! Property tests of the text engine over random mixes of Japanese, ASCII, halfwidth kana,
//! fullwidth forms, emoji sequences, ZWSP and control characters: widths never exceeded, no
//! grapheme split, text preserved, kinsoku kept outside emergency breaks, exact truncation.

use std::collections::HashSet;

use kiji::text::sanitize::{sanitize, sanitize_inline};
use kiji::text::truncate::{ELLIPSIS, NARROW_ELLIPSIS, truncate};
use kiji::text::wrap::{LayoutOptions, LineEnd, Strictness, line_ranges, wrap_spans, wrap_str};
use kiji::text::{AmbiguousWidth, Span, Style, str_width};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces of text that exercise the rules.
const PIECES: &[&str] = &[
    "、",
    "。",
    "，",
    "．",
    "・",
    "：",
    "；",
    "？",
    "！",
    "「",
    "」",
    "（",
    "）",
    "『",
    "』",
    "【",
    "】",
    "“",
    "”",
    "……",
    "――",
    "ー",
    "々",
    "〜",
    "～",
    "ッ",
    "ゃ",
    "ぁ",
    "ヵ",
    "１００％",
    "２０２６年",
    "ＩＴ",
    "ＡＢＣ",
    "１，０００",
    "％",
    "\u{3000}",
    "\u{3000}\u{3000}",
    " ",
    "  ",
    "\u{200B}",
    "ｶﾞ",
    "ﾊﾟ",
    "ｱｲｳ",
    "ｰ",
    "ｯ",
    "ﾞ",
    "｢",
    "｣",
    "､",
    "｡",
    "😀",
    "❤\u{FE0F}",
    "👩\u{200D}🔬",
    "👍🏽",
    "🇯🇵",
    "1\u{FE0F}\u{20E3}",
    "※",
    "①",
    "⑳",
    "㉑",
    "α",
    "Д",
    "─",
    "𠮷",
    "葛\u{E0100}",
    "カ\u{3099}",
    "e\u{301}",
    "Rust 1.88",
    "https://example.com/a/b",
    "\t",
    "\r\n",
    "\r",
    "\n",
    "\u{1B}[31m",
    "\u{1B}]0;title\u{7}",
    "\u{7}",
    "\u{0}",
    "\u{85}",
    "\u{9B}1m",
    "\u{AD}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{7F}",
    "\u{2028}",
    "\u{A0}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        2 => "[ぁ-ゖ]{1,6}",
        2 => "[ァ-ヺー]{1,6}",
        2 => "[一-龥]{1,6}",
        2 => "[a-zA-Z]{1,14}",
        1 => "[0-9]{1,5}",
        1 => "[ｦ-ﾝ][ﾞﾟ]?",
        1 => "[！-～]{1,5}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(wide, normal, cjk)| LayoutOptions {
        ambiguous: if wide {
            AmbiguousWidth::Wide
        } else {
            AmbiguousWidth::Narrow
        },
        strictness: if normal {
            Strictness::Normal
        } else {
            Strictness::Strict
        },
        cjk_emphasis: cjk,
    })
}

/// Characters that may be dropped at a break.
fn is_dropped(c: char) -> bool {
    c == '\n' || c == '\u{200B}' || (c.is_whitespace() && c != '\u{A0}')
}

/// The kinsoku line-start bans, written out independently of the implementation.
fn banned_at_start(c: char, strictness: Strictness) -> bool {
    "）」』】〕〉》］｝”’｣、。，．・：；？！､｡･々ゝゞヽヾ〻〜～％ﾞﾟ".contains(c)
        || (strictness == Strictness::Strict
            && "ーｰぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶｧｨｩｪｫｬｭｮｯ".contains(c))
}

/// Opening brackets and quotes, which may not end a line.
fn banned_at_end(c: char) -> bool {
    "（「『【〔〈《［｛“‘｢".contains(c)
}

/// First character of the first and of the last grapheme of `s`.
fn edge_bases(s: &str) -> Option<(char, char)> {
    let first = s.graphemes(true).next()?.chars().next()?;
    let last = s.graphemes(true).next_back()?.chars().next()?;
    Some((first, last))
}

fn boundaries(s: &str) -> HashSet<usize> {
    let mut set: HashSet<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
    set.insert(s.len());
    set
}

fn visible(s: &str) -> String {
    s.chars().filter(|&c| !is_dropped(c)).collect()
}

fn check_wrap(input: &str, width: usize, opts: LayoutOptions) -> Result<(), TestCaseError> {
    let text = sanitize(input);
    let amb = opts.ambiguous;
    let ranges = line_ranges(&text, width, &opts);
    let lines = wrap_str(&text, width, &opts);
    prop_assert!(!lines.is_empty());
    prop_assert_eq!(ranges.len(), lines.len());
    let bounds = boundaries(&text);
    let mut pos = 0;
    let mut rebuilt = String::new();
    for (range, line) in ranges.iter().zip(&lines) {
        // (2) ranges tile the text; only whitespace is left out; no grapheme is split.
        prop_assert!(pos <= range.start && range.start <= range.end && range.end <= range.next);
        for offset in [range.start, range.end, range.next] {
            prop_assert!(bounds.contains(&offset), "{offset} splits a grapheme");
        }
        prop_assert!(text[pos..range.start].chars().all(is_dropped));
        prop_assert!(text[range.end..range.next].chars().all(is_dropped));
        rebuilt.push_str(&text[pos..range.next]);
        pos = range.next;
        prop_assert_eq!(line, &text[range.start..range.end].replace('\u{200B}', ""));
        // (1) no line wider than the width, except one grapheme that is wider by itself.
        let line_width = str_width(line, amb);
        prop_assert_eq!(line_width, range.width);
        if line_width > width {
            let wide = line
                .graphemes(true)
                .filter(|g| str_width(g, amb) > 0)
                .count();
            prop_assert_eq!(wide, 1, "{:?} is {} wide at {}", line, line_width, width);
        }
    }
    prop_assert_eq!(pos, text.len());
    prop_assert_eq!(&rebuilt, &text);
    // (3) visible text preserved in order.
    prop_assert_eq!(visible(&lines.concat()), visible(&text));
    // (4) kinsoku holds at every break that is not an emergency break.
    for (i, pair) in ranges.windows(2).enumerate() {
        let (before, after) = (&lines[i], &lines[i + 1]);
        if pair[0].kind != LineEnd::Opportunity {
            continue;
        }
        if let (Some((_, last)), Some((first, _))) = (edge_bases(before), edge_bases(after)) {
            prop_assert!(
                !banned_at_start(first, opts.strictness),
                "{:?} starts with {:?} after {:?}",
                after,
                first,
                before
            );
            prop_assert!(!banned_at_end(last), "{:?} ends with {:?}", before, last);
        }
    }
    // No blank line made up by the wrapper: a line with nothing to show must come from a
    // stretch of the text with nothing to show.
    let mut prev_next = 0;
    for range in &ranges {
        if range.width == 0 {
            let stretch = &text[prev_next..range.next];
            prop_assert_eq!(
                str_width(&visible(stretch), amb),
                0,
                "blank line for {:?}",
                stretch
            );
        }
        prev_next = range.next;
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::props(256))]

    #[test]
    fn wrap_properties(input in text(), width in 1usize..=100, opts in options()) {
        check_wrap(&input, width, opts)?;
    }

    #[test]
    fn wrap_properties_narrow_widths(input in text(), width in 1usize..=6, opts in options()) {
        check_wrap(&input, width, opts)?;
    }

    #[test]
    fn unsanitised_input_never_overflows(input in text(), width in 0usize..=40, opts in options()) {
        for line in wrap_str(&input, width, &opts) {
            let line_width = str_width(&line, opts.ambiguous);
            if line_width > width.max(1) {
                let wide = line.graphemes(true).filter(|g| str_width(g, opts.ambiguous) > 0).count();
                prop_assert_eq!(wide, 1);
            }
        }
    }

    #[test]
    fn spans_keep_text_and_styles(
        parts in proptest::collection::vec((text(), any::<bool>()), 1..5),
        width in 1usize..=60,
        opts in options(),
    ) {
        let bold = Style { bold: true, ..Style::default() };
        let spans: Vec<Span> = parts
            .iter()
            .map(|(t, b)| Span::new(sanitize(t).replace('\n', ""), if *b { bold } else { Style::default() }))
            .collect();
        let joined: String = spans.iter().map(|s| s.text.as_str()).collect();
        let lines = wrap_spans(&spans, width, &opts);
        let plain: Vec<String> = lines.iter().map(|l| l.plain_text()).collect();
        prop_assert_eq!(&plain, &wrap_str(&joined, width, &opts));
        // Each character keeps the style of the span it came from.
        let styled_in: Vec<(char, bool)> = spans
            .iter()
            .flat_map(|s| s.text.chars().map(move |c| (c, s.style.bold)))
            .filter(|(c, _)| !is_dropped(*c))
            .collect();
        let styled_out: Vec<(char, bool)> = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .flat_map(|s| s.text.chars().map(move |c| (c, s.style.bold)))
            .filter(|(c, _)| !is_dropped(*c))
            .collect();
        prop_assert_eq!(styled_in, styled_out);
        for line in &lines {
            prop_assert!(line.spans.iter().all(|s| !s.text.is_empty()));
            prop_assert!(line.spans.windows(2).all(|w| w[0].style != w[1].style));
        }
    }

    #[test]
    fn truncate_is_exact_and_a_prefix(input in text(), width in 0usize..=100, wide in any::<bool>()) {
        let amb = if wide { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow };
        let s = sanitize_inline(&input);
        let out = truncate(&s, width, amb);
        // (5) exactly the width ...
        prop_assert_eq!(str_width(&out, amb), width);
        if width == 0 {
            prop_assert_eq!(out, "");
        } else if str_width(&s, amb) <= width {
            prop_assert!(out.starts_with(s.as_str()));
            prop_assert!(out[s.len()..].chars().all(|c| c == ' '));
        } else {
            // ... and a grapheme prefix of the input, the ellipsis, then padding.
            let body = out.trim_end_matches(' ');
            let ellipsis = if body.ends_with(ELLIPSIS) { ELLIPSIS } else { NARROW_ELLIPSIS };
            prop_assert!(body.ends_with(ellipsis), "{:?}", out);
            let prefix = &body[..body.len() - ellipsis.len()];
            prop_assert!(s.starts_with(prefix));
            prop_assert!(boundaries(&s).contains(&prefix.len()));
        }
    }
}
