//! The front-matter keys of the sites Japanese authors publish on (Zenn, Qiita) and of static
//! site generators that say whether and how an article is shown: `emoji`, `type: tech|idea`,
//! `published: false`, `draft: true`, `ignorePublish: true`.

use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostics::Severity;
use crate::front_matter::Value;
use crate::text::sanitize::sanitize_inline;

/// The keys this module reads.
pub(super) const KEYS: [&str; 4] = ["emoji", "type", "draft", "ignorePublish"];

/// What the publishing keys of one front matter say.
#[derive(Default)]
pub(super) struct Publish {
    /// One emoji to show before the title.
    pub emoji: Option<String>,
    /// Zenn's `type` (`tech` or `idea`), the category when there is none.
    pub kind: Option<String>,
    /// Whether the article is a draft; `None` when no key says.
    pub draft: Option<bool>,
}

impl Publish {
    /// Read `key` (one of [`KEYS`], or `published` holding a boolean). Values that are not
    /// what the key takes are reported through `problem` and ignored. Returns whether the
    /// value was kept as it is among the keys kiji does not interpret (a `type` other than
    /// Zenn's, which means something else to static site generators).
    pub fn read(
        &mut self,
        key: &str,
        value: &Value,
        problem: &mut impl FnMut(Severity, String),
    ) -> bool {
        match (key, value) {
            (_, Value::Null) => {}
            ("emoji", v) => match v.as_scalar_text().map(|t| sanitize_inline(t.trim())) {
                Some(t) if t.graphemes(true).count() == 1 => self.emoji = Some(t),
                Some(t) if t.is_empty() => {}
                Some(t) => problem(
                    Severity::Warning,
                    format!("`emoji` is \"{t}\", expected one emoji; ignored"),
                ),
                None => problem(
                    Severity::Warning,
                    format!("`emoji` is {}, expected one emoji; ignored", v.kind()),
                ),
            },
            ("type", Value::String(t)) if t == "tech" || t == "idea" => {
                self.kind = Some(t.clone());
            }
            ("type", _) => return true,
            // Any key that holds the article back makes it a draft, in whatever order.
            ("published", Value::Bool(b)) => self.draft = Some(self.draft == Some(true) || !b),
            ("draft" | "ignorePublish", Value::Bool(b)) => {
                self.draft = Some(self.draft == Some(true) || *b);
            }
            (_, v) => problem(
                Severity::Warning,
                format!(
                    "`{key}` is {}, expected true or false; ignored",
                    describe(v)
                ),
            ),
        }
        false
    }
}

/// A value as a message names it: a scalar as written, in quotes, anything else by its kind.
fn describe(v: &Value) -> String {
    match v {
        Value::String(s) | Value::Number(s) => format!("\"{}\"", sanitize_inline(s)),
        other => other.kind().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, Value)]) -> (Publish, Vec<String>) {
        let mut p = Publish::default();
        let mut problems = Vec::new();
        for (key, value) in pairs {
            p.read(key, value, &mut |s, m| problems.push(format!("{s}: {m}")));
        }
        (p, problems)
    }

    #[test]
    fn zenn_keys_are_read() {
        let (p, problems) = read(&[
            ("emoji", Value::String("🦀".into())),
            ("type", Value::String("tech".into())),
            ("published", Value::Bool(false)),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(p.emoji.as_deref(), Some("🦀"));
        assert_eq!(p.kind.as_deref(), Some("tech"));
        assert_eq!(p.draft, Some(true));
        // A flag with its variation selector, or a family joined by ZWJ, is one emoji.
        let (p, problems) = read(&[("emoji", Value::String("👨‍👩‍👧".into()))]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(p.emoji.as_deref(), Some("👨‍👩‍👧"));
    }

    #[test]
    fn any_key_that_holds_back_makes_a_draft() {
        let (p, _) = read(&[
            ("draft", Value::Bool(true)),
            ("published", Value::Bool(true)),
        ]);
        assert_eq!(p.draft, Some(true));
        let (p, _) = read(&[("published", Value::Bool(true))]);
        assert_eq!(p.draft, Some(false));
        let (p, _) = read(&[
            ("ignorePublish", Value::Bool(false)),
            ("draft", Value::Bool(true)),
        ]);
        assert_eq!(p.draft, Some(true));
        let (p, _) = read(&[("type", Value::String("post".into()))]);
        assert_eq!(p.kind, None);
    }

    #[test]
    fn bad_values_are_named_and_ignored() {
        let (p, problems) = read(&[
            ("emoji", Value::String("abc".into())),
            ("draft", Value::String("yes".into())),
            ("ignorePublish", Value::List(vec![])),
        ]);
        assert_eq!((p.emoji, p.draft), (None, None));
        assert_eq!(
            problems,
            [
                "warning: `emoji` is \"abc\", expected one emoji; ignored",
                "warning: `draft` is \"yes\", expected true or false; ignored",
                "warning: `ignorePublish` is a list, expected true or false; ignored",
            ]
        );
    }
}
