//! Dollar amounts are not math: pulldown-cmark pairs any two `$` as inline math, so
//! `$1/$5` or `$13 billion ($10B…` would lose their dollar signs. As Pandoc does, a closing
//! `$` followed at once by a digit does not close math; such a span is given back as the
//! text it was written as.

use std::iter::Peekable;

use pulldown_cmark::{CowStr, Event};

/// Parser events with inline math that ends right before a digit turned back into text.
pub(crate) struct Money<'a, I: Iterator<Item = Event<'a>>> {
    inner: Peekable<I>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Money<'a, I> {
    pub(crate) fn new(inner: I) -> Self {
        Money {
            inner: inner.peekable(),
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Money<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.inner.next()?;
        if let Event::InlineMath(math) = &event {
            let digit_next = matches!(self.inner.peek(),
                Some(Event::Text(t)) if t.starts_with(|c: char| c.is_ascii_digit()));
            if digit_next {
                return Some(Event::Text(CowStr::from(format!("${math}$"))));
            }
        }
        Some(event)
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    fn texts(src: &str) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut math = Vec::new();
        for e in Money::new(Parser::new_ext(src, Options::ENABLE_MATH)) {
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
    fn real_math_stays_math() {
        let (text, math) = texts("式 $a*b*c$ と $x$ です");
        assert_eq!(math, ["a*b*c", "x"]);
        assert_eq!(text, "式  と  です");
    }
}
