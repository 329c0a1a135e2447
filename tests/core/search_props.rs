//! Properties of search's mapping from folded matches back to the original text.

use kiji::fold::fold;
use kiji::search::{match_ranges, parse_query, split_matches};
use proptest::prelude::*;

/// Text mixing ASCII, full-width and half-width forms, kana, voiced marks and accents.
fn mixed() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "B", "ａ", "Ｂ", "ｶ", "ﾞ", "ﾟ", "カ", "か", "ガ", "ー", "ｰ", "e", "\u{301}", "㍿", "株",
        "式", " ", "\u{3000}", "Ⅻ", "ﬁ", "1", "１", "ß",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn every_range_holds_a_word(text in mixed(), query in mixed()) {
        let words = parse_query(&query);
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for r in match_ranges(&text, &words) {
            prop_assert!(r.start < r.end && r.end <= chars.len());
            prop_assert!(r.start >= last_end, "ranges sorted and disjoint");
            last_end = r.end;
            let piece: String = chars[r.clone()].iter().collect();
            let f = fold(&piece);
            prop_assert!(words.iter().any(|w| f.contains(w.as_str())), "{piece:?} holds none of {words:?}");
        }
    }

    #[test]
    fn split_gives_back_the_text(text in mixed(), query in mixed()) {
        let words = parse_query(&query);
        let joined: String = split_matches(&text, &words).into_iter().map(|(t, _)| t).collect();
        prop_assert_eq!(joined, text);
    }

    #[test]
    fn a_word_taken_from_the_text_is_found(text in mixed(), from in 0usize..24, len in 1usize..6) {
        // A word cut at grapheme boundaries of the text, folded, is highlighted somewhere.
        use unicode_segmentation::UnicodeSegmentation;
        let gs: Vec<&str> = text.graphemes(true).collect();
        prop_assume!(from < gs.len());
        let word: String = gs[from..(from + len).min(gs.len())].concat();
        let folded = fold(&word);
        prop_assume!(!folded.trim().is_empty() && !folded.contains(char::is_whitespace) && !folded.contains('"'));
        prop_assert!(!match_ranges(&text, std::slice::from_ref(&folded)).is_empty(), "{word:?} in {text:?}");
    }
}
