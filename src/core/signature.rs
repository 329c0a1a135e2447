//! Text signatures: a fixed-size bit set per folded search text saying which short n-grams it
//! may hold, so a search skips, without reading them, the texts that cannot hold a word.
//!
//! The n-grams are those a word of two characters or more always brings with it wherever it
//! lies in a text: each non-ASCII character on its own (so a single `た` narrows too), each pair
//! of neighbouring characters, and each run of three ASCII characters; a single ASCII letter
//! brings none, and every text passes it. Each n-gram sets one bit: the single characters in a
//! small part of their own (an English text sets none there, so a Japanese word is looked up
//! in English texts for nothing), the pairs and triples in the rest. A text holding a word has
//! every bit the word's n-grams set; a text missing one of them cannot hold it. A bit set by
//! another n-gram only costs a text read for nothing, never a missed match.
//!
//! A last part is exact, not hashed: one bit for each ASCII digit and lower-case letter a text
//! holds, and one for each pair of them it holds side by side. For a word of one or two such
//! characters (`t`, `te`: what the first keys of a search type, and what nearly every text
//! holds) the signature is the whole answer, and no text is read.
//!
//! Measured on the folded texts of technyan-2025 (110 articles, ja and en) with 251 pieces
//! of two to five characters cut from them, the bytes of texts that hold no match but are read
//! all the same: 15% of all bytes with 4096 bits split four ways by kind of n-gram (pairs with
//! a non-ASCII character, ASCII pairs, ASCII triples apart), 8% with these 8192 bits.

/// Bits in a signature.
pub const BITS: usize = 9600;

/// Bytes a signature takes (in memory and in the search file, as little-endian `u64`s).
pub const BYTES: usize = BITS / 8;

/// The parts of the signature, as (first bit, bits): single non-ASCII characters, and
/// everything longer, hashed; then the exact part (see [`exact`]).
const CHARS: (usize, usize) = (0, 512);
const LONGER: (usize, usize) = (512, 8192 - 512);

/// The ASCII characters the exact part knows: digits and lower-case letters (what folding
/// leaves of ASCII letters and digits).
const EXACT_CHARS: usize = 36;

/// Where the exact part starts: a bit per character, then a bit per pair.
const EXACT: usize = 8192;

/// A bit no text's signature sets: set (in [`Signature::full`]), the exact part is not to be
/// trusted.
const UNSURE: usize = BITS - 1;

/// The place of `c` among [`EXACT_CHARS`], if it is one of them.
fn exact(c: char) -> Option<usize> {
    match c {
        '0'..='9' => Some(c as usize - '0' as usize),
        'a'..='z' => Some(10 + c as usize - 'a' as usize),
        _ => None,
    }
}

const WORDS: usize = BITS / 64;

/// Which n-grams a text may hold.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature([u64; WORDS]);

impl Signature {
    /// The signature of a folded text.
    pub fn of(text: &str) -> Signature {
        let mut words = [0u64; WORDS];
        ngrams(text, |bit| words[bit / 64] |= 1 << (bit % 64));
        Signature(words)
    }

    /// A signature every probe passes: for a text whose own could not be read.
    pub fn full() -> Signature {
        Signature([u64::MAX; WORDS])
    }

    /// The signature as stored: [`BYTES`] bytes, little-endian words.
    pub fn to_bytes(&self) -> [u8; BYTES] {
        let mut out = [0u8; BYTES];
        for (chunk, w) in out.chunks_exact_mut(8).zip(self.0) {
            chunk.copy_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Whether a text with this signature may hold the word `probe` was made from.
    pub fn admits(&self, probe: &Probe) -> bool {
        probe.0.iter().all(|&(i, m)| self.0[i] & m == m)
    }

    /// Whether [`Signature::admits`] is the whole answer for `probe`: the text holds the word
    /// exactly when it admits it.
    pub fn settles(&self, probe: &Probe) -> bool {
        probe.1 && self.0[UNSURE / 64] & (1 << (UNSURE % 64)) == 0
    }
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        write!(f, "Signature({set} of {BITS} bits)")
    }
}

/// [`Signature::settles`] of the stored signature `bytes`; bytes of the wrong length settle
/// nothing.
pub fn stored_settles(bytes: &[u8], probe: &Probe) -> bool {
    if bytes.len() != BYTES || !probe.1 {
        return false;
    }
    bytes[UNSURE / 8] & (1 << (UNSURE % 8)) == 0
}

/// Whether the stored signature `bytes` ([`Signature::to_bytes`]) admits `probe`; bytes of
/// the wrong length admit everything.
pub fn stored_admits(bytes: &[u8], probe: &Probe) -> bool {
    if bytes.len() != BYTES {
        return true;
    }
    probe.0.iter().all(|&(i, m)| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
        u64::from_le_bytes(w) & m == m
    })
}

/// The bits a folded word's n-grams set, by signature word: what a text must have to hold it;
/// and whether they are all it takes (a word of one or two exact characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Probe(Vec<(usize, u64)>, bool);

impl Probe {
    /// The probe for a folded word.
    pub fn of(word: &str) -> Probe {
        let mut words = [0u64; WORDS];
        ngrams(word, |bit| words[bit / 64] |= 1 << (bit % 64));
        let short = word.chars().count() <= 2;
        Probe(
            words
                .iter()
                .enumerate()
                .filter(|&(_, &m)| m != 0)
                .map(|(i, &m)| (i, m))
                .collect(),
            short && !word.is_empty() && word.chars().all(|c| exact(c).is_some()),
        )
    }

    /// Whether every text passes (the word brings no n-gram: a single ASCII character that
    /// is neither a digit nor a letter).
    pub fn admits_all(&self) -> bool {
        self.0.is_empty()
    }
}

/// Call `set` with each bit the n-grams of `text` set.
fn ngrams(text: &str, mut set: impl FnMut(usize)) {
    let hash = |(first, bits): (usize, usize), gram: u64| {
        // Fibonacci hashing: the product's top 32 bits are well mixed, and scaled to the part.
        let h = gram.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
        first + ((h * bits as u64) >> 32) as usize
    };
    let (mut before, mut last) = (None::<char>, None::<char>);
    for c in text.chars() {
        if !c.is_ascii() {
            set(hash(CHARS, c as u64));
        }
        if let Some(x) = exact(c) {
            set(EXACT + x);
            if let Some(w) = last.and_then(exact) {
                set(EXACT + EXACT_CHARS + w * EXACT_CHARS + x);
            }
        }
        if let Some(b) = last {
            // A pair and a triple that share a bit only cost a text read for nothing.
            set(hash(LONGER, (b as u64) << 21 | c as u64));
            if let Some(a) = before.filter(|a| a.is_ascii() && b.is_ascii() && c.is_ascii()) {
                set(hash(LONGER, (a as u64) << 14 | (b as u64) << 7 | c as u64));
            }
        }
        (before, last) = (last, Some(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_admits_every_word_it_holds() {
        let text = "くろーどで たーみなるを使う terminal emulator、ターミナル";
        let sig = Signature::of(text);
        for word in [
            "たーみなる",
            "た",
            "terminal",
            "te",
            "l e",
            "、タ",
            "ーみ",
            "ulator",
        ] {
            assert!(sig.admits(&Probe::of(word)), "{word}");
        }
    }

    #[test]
    fn a_text_refuses_most_words_it_does_not_hold() {
        let sig = Signature::of("an english text about terminals and readers");
        let missing = ["た", "たーみ", "xyzzy", "qoph", "ここ", "zq"];
        let refused = missing
            .iter()
            .filter(|w| !sig.admits(&Probe::of(w)))
            .count();
        assert_eq!(refused, missing.len(), "{sig:?}");
    }

    #[test]
    fn only_a_single_ascii_character_that_is_no_letter_or_digit_lets_every_text_pass() {
        assert!(Probe::of("#").admits_all());
        assert!(Signature::of("").admits(&Probe::of("#")));
        for word in ["t", "7", "た"] {
            assert!(!Probe::of(word).admits_all(), "{word}");
            assert!(!Signature::of("").admits(&Probe::of(word)), "{word}");
        }
    }

    /// Every word of one or two digits and lower-case letters.
    fn short_words() -> Vec<String> {
        let chars: Vec<char> = ('0'..='9').chain('a'..='z').collect();
        let pairs = chars
            .iter()
            .flat_map(|&a| chars.iter().map(move |&b| format!("{a}{b}")));
        chars.iter().map(char::to_string).chain(pairs).collect()
    }

    #[test]
    fn for_one_or_two_letters_or_digits_the_signature_is_the_whole_answer() {
        let texts = [
            "an english text about terminals, readers and 2026's kiji 0.1",
            "くろーどで たーみなるを使う terminal emulator、ターミナル x9",
            "",
            "q",
        ];
        let words = short_words();
        assert_eq!(words.len(), 36 + 36 * 36);
        for text in texts {
            let sig = Signature::of(text);
            let bytes = sig.to_bytes();
            for word in &words {
                let p = Probe::of(word);
                assert!(sig.settles(&p) && stored_settles(&bytes, &p), "{word}");
                assert_eq!(
                    sig.admits(&p),
                    text.contains(word.as_str()),
                    "{word} in {text:?}"
                );
            }
        }
        for word in ["ter", "t#", "#", "た", "tた", ""] {
            assert!(!Signature::of("ter").settles(&Probe::of(word)), "{word}");
        }
        let full = Signature::full();
        assert!(
            !full.settles(&Probe::of("te")),
            "an unread signature settles nothing"
        );
        assert!(!stored_settles(&full.to_bytes(), &Probe::of("te")));
        assert!(!stored_settles(&[0u8; 3], &Probe::of("te")));
    }

    #[test]
    fn stored_bytes_answer_as_the_signature_does() {
        let sig = Signature::of("kiji と テクにゃん");
        let bytes = sig.to_bytes();
        for word in ["kiji", "てくにゃん", "にゃ", "zz", "ねこ"] {
            let p = Probe::of(word);
            assert_eq!(stored_admits(&bytes, &p), sig.admits(&p), "{word}");
        }
        assert!(
            stored_admits(&bytes[1..], &Probe::of("zz")),
            "a short one admits all"
        );
        assert!(Signature::full().admits(&Probe::of("zz")));
    }
}
