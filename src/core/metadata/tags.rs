//! An article's tags as the front matter writes them (a list, or a string split at `,` and
//! `、`): sanitised, repeats dropped in constant time, at most [`MAX_TAGS`] kept.

use std::collections::HashSet;

use crate::diagnostics::Severity;
use crate::front_matter::Value;
use crate::text::sanitize::sanitize_inline;

/// Tags kept per article; the rest are dropped with a warning. Real articles carry a handful.
pub const MAX_TAGS: usize = 1000;

/// The tags read so far, in the order written.
#[derive(Default)]
pub(super) struct Tags {
    list: Vec<String>,
    /// The tags in `list`, to drop repeats in constant time.
    seen: HashSet<String>,
}

impl Tags {
    /// Add the tags of `value` (written under `key`), without repeats and up to [`MAX_TAGS`].
    pub(super) fn read(
        &mut self,
        key: &str,
        value: &Value,
        problem: &mut impl FnMut(Severity, String),
    ) {
        let Tags { list: tags, seen } = self;
        let full = |tags: &[String]| tags.len() >= MAX_TAGS;
        let mut over = 0;
        match value {
            Value::Null => {}
            Value::String(s) => {
                for tag in s.split([',', '、']) {
                    if full(tags) {
                        over += usize::from(!tag.trim().is_empty());
                    } else {
                        push_tag(tags, seen, tag);
                    }
                }
            }
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if full(tags) {
                        over = items.len() - i;
                        break;
                    }
                    match item {
                        Value::String(s) => push_tag(tags, seen, s),
                        Value::Number(_) | Value::Bool(_) => {
                            let text = item.to_text();
                            problem(
                                Severity::Warning,
                                format!(
                                    "tag {} in `{key}` is {}, not text; kept as \"{text}\"",
                                    i + 1,
                                    item.kind()
                                ),
                            );
                            push_tag(tags, seen, &text);
                        }
                        other => problem(
                            Severity::Error,
                            format!(
                                "tag {} in `{key}` is {}, not text; dropped",
                                i + 1,
                                other.kind()
                            ),
                        ),
                    }
                }
            }
            other => problem(
                Severity::Error,
                format!(
                    "`{key}` is {}, expected a list of tags or a comma-separated string; ignored",
                    other.kind()
                ),
            ),
        }
        if over > 0 {
            problem(
                Severity::Warning,
                format!(
                    "too many tags: an article keeps at most {MAX_TAGS}; {over} in `{key}` dropped"
                ),
            );
        }
    }

    /// The tags, in the order written.
    pub(super) fn into_list(self) -> Vec<String> {
        self.list
    }
}

fn push_tag(tags: &mut Vec<String>, seen: &mut HashSet<String>, tag: &str) {
    let t = sanitize_inline(tag);
    if !t.is_empty() && !seen.contains(&t) {
        seen.insert(t.clone());
        tags.push(t);
    }
}
