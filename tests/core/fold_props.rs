//! Property tests of search folding: the fast path of `fold` (characters that are their own
//! NFKC form folded one by one) gives exactly what NFKC over the whole text gives.

use kiji::fold::{fold, fold_nfkc};
use proptest::prelude::*;

/// Characters chosen to stress the boundaries: ASCII, kana (full and half width, with and
/// without separate voiced marks), ideographs (unified and compatibility), full-width forms,
/// combining marks, Hangul jamo and syllables, ligatures and other compatibility characters.
const ALPHABET: &[char] = &[
    'a', 'Z', 'e', 'i', 'o', '<', '=', '>', ' ', '\n', '1', '(', 'か', 'カ', 'は', 'ハ', 'う',
    'ウ', 'ゝ', 'ゞ', 'ヽ', 'ヾ', 'ゟ', 'ヿ', 'ー', '・', 'ｶ', 'ﾊ', 'ｳ', 'ﾞ', 'ﾟ', '\u{3099}',
    '\u{309A}', '゛', '゜', '漢', '字', '\u{F900}', '\u{2F00}', 'Ａ', 'ｚ', '（', '）', '！', '：',
    '、', '。', '「', '」', '【', '\u{3000}', '\u{0301}', '\u{0308}', '\u{0323}', '\u{0338}',
    '\u{0344}', 'é', 'Å', 'İ', 'ß', 'ﬁ', '㍿', '①', '㌔', 'Ω', 'Ω', '\u{1100}', '\u{1161}',
    '\u{11A8}', '가', '\u{0B47}', '\u{0B3E}', '\u{0F73}', '\u{1FED}', '¨', 'ｧ', 'ｯ', 'ヷ', 'ワ',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..40)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(crate::props(2048))]

    #[test]
    fn fast_fold_is_nfkc_fold(s in text()) {
        prop_assert_eq!(fold(&s), fold_nfkc(&s));
    }

    #[test]
    fn fast_fold_is_nfkc_fold_on_any_text(s in "\\PC{0,30}") {
        prop_assert_eq!(fold(&s), fold_nfkc(&s));
    }
}

#[test]
fn real_articles_fold_the_same_both_ways() {
    for (path, bytes) in kiji::samples::SAMPLES {
        let text = String::from_utf8_lossy(bytes);
        assert_eq!(fold(&text), fold_nfkc(&text), "{path}");
    }
}
