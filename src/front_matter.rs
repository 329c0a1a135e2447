//! Splitting the YAML front matter off an article and parsing it (through [`crate::yaml`], the
//! one module that knows the YAML library).

pub use crate::yaml::{Value, YamlError};

/// A text split into front matter and body. Lines are 1-based lines of the whole file.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the delimiters, if the file opens with `---`.
    pub yaml: Option<&'a str>,
    /// The file line where `yaml` starts.
    pub yaml_line: usize,
    /// True when the file opens with `---` but no closing `---` (or `...`) follows.
    pub unclosed: bool,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// The file line where `body` starts.
    pub body_line: usize,
}

fn is_delimiter(line: &str, closing: bool) -> bool {
    let t = line.trim_end_matches([' ', '\t', '\r']);
    t == "---" || (closing && t == "...")
}

/// Split `text` (BOM already removed, `\n` line ends) into front matter and body.
///
/// An unclosed block is returned with `unclosed` set and `yaml` holding the lines up to the
/// first blank line, so the caller can still recover the keys written there.
pub fn split(text: &str) -> Split<'_> {
    let no_front_matter = Split {
        yaml: None,
        yaml_line: 0,
        unclosed: false,
        body: text,
        body_line: 1,
    };
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_delimiter(&text[..first_end], false) {
        return no_front_matter;
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    let mut line_no = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if is_delimiter(&text[pos..end], true) {
            let body_start = (end + 1).min(text.len());
            return Split {
                yaml: Some(&text[yaml_start..pos]),
                yaml_line: 2,
                unclosed: false,
                body: &text[body_start..],
                body_line: line_no + 1,
            };
        }
        pos = end + 1;
        line_no += 1;
    }
    // Never closed: recover the block up to the first blank line.
    let rest = &text[yaml_start..];
    let (yaml_end, body_start, body_line) = match rest.find("\n\n") {
        Some(i) => (
            yaml_start + i + 1,
            yaml_start + i + 2,
            2 + rest[..i + 2].matches('\n').count(),
        ),
        None => (text.len(), text.len(), line_no),
    };
    Split {
        yaml: Some(&text[yaml_start..yaml_end]),
        yaml_line: 2,
        unclosed: true,
        body: &text[body_start.min(text.len())..],
        body_line,
    }
}

/// What a front-matter block holds.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// A mapping of keys to values, in file order.
    Map(Vec<(String, Value)>),
    /// Valid YAML that is not a mapping (a list, a scalar); carries its kind.
    NotAMap(&'static str),
}

/// Parse a front-matter block.
pub fn parse(yaml: &str) -> Result<Parsed, YamlError> {
    match crate::yaml::parse(yaml)? {
        Value::Map(pairs) => Ok(Parsed::Map(pairs)),
        Value::Null => Ok(Parsed::Map(Vec::new())),
        other => Ok(Parsed::NotAMap(other.kind())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_closed_front_matter() {
        let s = split("---\ntitle: x\n---\n# Body\n");
        assert_eq!(s.yaml, Some("title: x\n"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        assert!(!s.unclosed);
    }

    #[test]
    fn accepts_dots_and_trailing_spaces_as_closing() {
        let s = split("---  \na: 1\n...\nbody");
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Title\n---\n");
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, "# Title\n---\n");
    }

    #[test]
    fn unclosed_recovers_up_to_blank_line() {
        let s = split("---\ntitle: x\ndate: 2025-01-01\n\n# Body\ntext\n");
        assert!(s.unclosed);
        assert_eq!(s.yaml, Some("title: x\ndate: 2025-01-01\n"));
        assert_eq!(s.body, "# Body\ntext\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn parses_values_and_reports_errors_with_position() {
        let Ok(Parsed::Map(map)) = parse("title: \"a\"\ntags: [x, 2]\nn: 3\n") else {
            panic!("not a map");
        };
        assert_eq!(map[0], ("title".into(), Value::String("a".into())));
        assert_eq!(
            map[1].1,
            Value::List(vec![Value::String("x".into()), Value::Number("2".into())])
        );
        let err = parse("title: \"a\ntags: [x\n").expect_err("must fail");
        assert!(err.line >= 1, "{err:?}");
        assert!(!err.message.contains(" at line "));
        assert_eq!(parse("- a\n- b\n"), Ok(Parsed::NotAMap("a list")));
    }
}
