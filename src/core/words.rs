//! English words for counts in messages, shared by the command line and the reader:
//! `1 problem`, `2 problems`.

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1, "problem"), "1 problem");
        assert_eq!(plural(0, "problem"), "0 problems");
        assert_eq!(plural(2, "article"), "2 articles");
    }
}
