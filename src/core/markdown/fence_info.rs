//! The label line of a fenced code block from its info string: the language, and the file
//! name Zenn and Qiita put after a colon (`js:index.js`, `ruby:app.rb`, `diff js:a.js`).

use crate::text::sanitize::sanitize_inline;

/// The label for an info string: `index.js (js)` for `js:index.js`, `a.js (diff js)` for
/// `diff js:a.js` or `diff_js:a.js`, the language alone (first word; `diff` keeps the
/// language after it) when there is no file name, and empty when there is neither.
pub(crate) fn label(info: &str) -> String {
    let (lang, file) = match info.split_once(':') {
        Some((lang, file)) => (lang, file.trim()),
        None => (info, ""),
    };
    let mut words = lang.split_whitespace();
    let first = words.next().unwrap_or_default();
    let lang = match first.split_once('_') {
        Some(("diff", rest)) if !rest.is_empty() => format!("diff {rest}"),
        _ if first == "diff" => match words.next() {
            Some(code) => format!("diff {code}"),
            None => first.to_string(),
        },
        _ => first.to_string(),
    };
    let label = match (lang.is_empty(), file.is_empty()) {
        (_, true) => lang,
        (true, false) => file.to_string(),
        (false, false) => format!("{file} ({lang})"),
    };
    sanitize_inline(&label)
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn file_names_come_first_and_keep_the_language() {
        assert_eq!(label("js:index.js"), "index.js (js)");
        assert_eq!(label("ruby:app.rb"), "app.rb (ruby)");
        assert_eq!(label("toml: Cargo.toml"), "Cargo.toml (toml)");
        assert_eq!(label("diff js:a.js"), "a.js (diff js)");
        assert_eq!(label("diff_js:a.js"), "a.js (diff js)");
        assert_eq!(label(":only.txt"), "only.txt");
    }

    #[test]
    fn without_a_file_name_the_language_is_the_label() {
        assert_eq!(label("rust"), "rust");
        assert_eq!(label("rust ignore"), "rust");
        assert_eq!(label("diff rust"), "diff rust");
        assert_eq!(label("diff_python"), "diff python");
        assert_eq!(label("diff"), "diff");
        assert_eq!(label(""), "");
    }
}
