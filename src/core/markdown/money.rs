//! Dollar amounts are not math: pulldown-cmark pairs any two `$` as inline math, so
//! `$1/$5` or `$13 billion ($10B…` would lose their dollar signs. As Pandoc does, a closing
//! `$` followed at once by a digit does not close math; such a span is given back as the
//! text it was written as.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

/// Parser events with inline math that ends right before a digit turned back into text.
/// Each event keeps its source range, except that math given back as text gets an empty
/// range at its start: its `*` and `_` were never delimiters, so it must not be read as
/// text written as it is in the source.
pub(crate) struct Money<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> {
    inner: Peekable<I>,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Money<'a, I> {
    pub(crate) fn new(inner: I) -> Self {
        Money {
            inner: inner.peekable(),
        }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Money<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        if let Event::InlineMath(math) = &event {
            let digit_next = matches!(self.inner.peek(),
                Some((Event::Text(t), _)) if t.starts_with(|c: char| c.is_ascii_digit()));
            if digit_next {
                let text = Event::Text(CowStr::from(format!("${math}$")));
                return Some((text, range.start..range.start));
            }
        }
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    fn texts(src: &str) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut math = Vec::new();
        for (e, _) in Money::new(Parser::new_ext(src, Options::ENABLE_MATH).into_offset_iter()) {
            match e {
                Event::Text(t) => text.push_str(&t),
                Event::InlineMath(m) => math.push(m.to_string()),
                _ => {}
            }
        }
        (text, math)
    }

    #[test]
    fn prices_keep_their_dollar_signs() {
        assert_eq!(texts("価格は$1/$5です").0, "価格は$1/$5です");
        assert_eq!(
            texts("Over $13 billion ($10B through 2023)").0,
            "Over $13 billion ($10B through 2023)"
        );
    }

    #[test]
    fn prices_given_back_cover_no_source() {
        let src = "価格は$1/$5です";
        let given_back: Vec<_> =
            Money::new(Parser::new_ext(src, Options::ENABLE_MATH).into_offset_iter())
                .filter(|(e, _)| matches!(e, Event::Text(t) if t.as_ref() == "$1/$"))
                .map(|(_, range)| range)
                .collect();
        assert_eq!(given_back.len(), 1);
        assert!(given_back[0].is_empty() && given_back[0].start == "価格は".len());
    }

    #[test]
    fn real_math_stays_math() {
        let (text, math) = texts("式 $a*b*c$ と $x$ です");
        assert_eq!(math, ["a*b*c", "x"]);
        assert_eq!(text, "式  と  です");
    }
}
