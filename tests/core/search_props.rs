//! Properties of search: its mapping from folded matches back to the original text, and a query
//! typed key by key (each search only among the last one's hits) finding what a search from
//! scratch finds.

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

/// Text of the letters a query typed in romaji, kana or English is made of.
fn typed() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "t", "a", "-", "ー", "ｰ", "た", "タ", "ﾀ", "m", "i", "み", "n", "ん", "k", "o", "こ", "e",
        "E", "Ｔ", " ", "\"",
    ]);
    prop::collection::vec(pieces, 0..10).prop_map(|v| v.concat())
}

/// Articles whose titles and bodies are made of `typed` letters.
fn articles() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((typed(), typed()), 1..8)
}

fn index_of(articles: &[(String, String)]) -> kiji::index::Index {
    let files: Vec<(String, Vec<u8>)> = articles
        .iter()
        .enumerate()
        .map(|(i, (title, body))| {
            let title = title.replace(['"', '\\'], "");
            let text = format!("---\ntitle: \"x{title}\"\n---\n{body}\n");
            (format!("a{i}.md"), text.into_bytes())
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    kiji::index::Index::new(kiji::loader::load_memory(
        std::path::Path::new("r"),
        &refs,
        &kiji::loader::LoadOptions::default(),
    ))
}

fn searched(index: &kiji::index::Index, query: &str) -> Vec<usize> {
    index.filter(&kiji::index::Filter {
        text: Some(query.to_string()),
        ..Default::default()
    })
}

proptest! {
    #![proptest_config(crate::props(256))]

    #[test]
    fn a_query_typed_key_by_key_finds_what_a_fresh_search_finds(
        articles in articles(),
        query in typed(),
    ) {
        let typing = index_of(&articles);
        let mut typed_so_far = String::new();
        for c in query.chars() {
            typed_so_far.push(c);
            let fresh = index_of(&articles);
            prop_assert_eq!(
                searched(&typing, &typed_so_far),
                searched(&fresh, &typed_so_far),
                "{:?} typed into {:?}", typed_so_far, articles
            );
        }
        // And back (a key deleted): the longer query's hits are no limit on the shorter's.
        while typed_so_far.pop().is_some() {
            let fresh = index_of(&articles);
            prop_assert_eq!(searched(&typing, &typed_so_far), searched(&fresh, &typed_so_far));
        }
    }

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

proptest! {
    #![proptest_config(crate::props(512))]

    /// A text's signature never rules out a word the text holds: skipping a text by it can
    /// cost nothing but time.
    #[test]
    fn a_signature_admits_every_piece_of_its_text(text in mixed(), from in 0usize..24, len in 1usize..8) {
        use kiji::signature::{Probe, Signature};
        let text = fold(&text);
        let chars: Vec<char> = text.chars().collect();
        prop_assume!(from < chars.len());
        let piece: String = chars[from..(from + len).min(chars.len())].iter().collect();
        let signature = Signature::of(&text);
        prop_assert!(signature.admits(&Probe::of(&piece)), "{piece:?} in {text:?}");
        let stored = signature.to_bytes();
        prop_assert!(kiji::signature::stored_admits(&stored, &Probe::of(&piece)));
    }
}
