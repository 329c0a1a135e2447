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

/// One top-level key of a front matter and its value.
#[derive(Debug, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Its value.
    pub value: Value,
    /// The 1-based line of the key inside the YAML text (1 when it cannot be found).
    pub line: usize,
}

/// A key that could not be kept, found when the front matter as a whole is not valid YAML.
#[derive(Debug, PartialEq)]
pub struct Dropped {
    /// The key as written.
    pub key: String,
    /// The 1-based line of the key inside the YAML text.
    pub line: usize,
    /// Why it was dropped.
    pub why: Why,
}

/// Why a key was dropped.
#[derive(Debug, PartialEq)]
pub enum Why {
    /// Its entry is not valid YAML; positions inside the whole YAML text.
    Invalid(YamlError),
    /// The key was written before, on this line (1-based, inside the YAML text). The first
    /// writing wins: it is the one a reader of the file meets first, and the one kiji already
    /// used for `date` and its other spellings.
    Duplicate(usize),
}

/// What a front-matter block holds.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    /// The keys that could be read, in file order, and the ones that could not.
    Map(Vec<Entry>, Vec<Dropped>),
    /// Valid YAML that is not a mapping (a list, a scalar); carries its kind.
    NotAMap(&'static str),
}

/// Parse a front-matter block. When the block as a whole is not valid YAML, each top-level key
/// is read on its own, so one bad key (or a key written twice, or nested too deeply) costs only
/// itself; the error is returned only when no key can be told apart.
pub fn parse(yaml: &str) -> Result<Parsed, YamlError> {
    let (keys, too_deep) = crate::yaml::top_level_keys(yaml);
    if let Some(e) = too_deep {
        // Parsing the whole would take quadratic time: read the keys one by one instead.
        return recover(yaml, &keys).ok_or(e);
    }
    match crate::yaml::parse(yaml) {
        Ok(Value::Map(pairs)) => {
            let lines: std::collections::HashMap<&str, usize> = keys
                .iter()
                .rev()
                .map(|k| (k.key.as_str(), k.line))
                .collect();
            let entries = pairs
                .into_iter()
                .map(|(key, value)| Entry {
                    line: lines.get(key.as_str()).copied().unwrap_or(1),
                    key,
                    value,
                })
                .collect();
            Ok(Parsed::Map(entries, Vec::new()))
        }
        Ok(Value::Null) => Ok(Parsed::Map(Vec::new(), Vec::new())),
        Ok(other) => Ok(Parsed::NotAMap(other.kind())),
        Err(e) => recover(yaml, &keys).ok_or(e),
    }
}

/// Read the top-level keys one by one. `None` when there are no keys to read, when text other
/// than comments comes before the first, or when every key reads (the error lies elsewhere).
fn recover(yaml: &str, keys: &[crate::yaml::TopKey]) -> Option<Parsed> {
    let first = keys.first()?;
    let before_first = yaml[..first.start]
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if !before_first {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut dropped = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let end = keys.get(i + 1).map_or(yaml.len(), |n| n.start);
        let shift = |l: usize| if l == 0 { 0 } else { l + k.line - 1 };
        match crate::yaml::parse(&yaml[k.start..end]) {
            Ok(Value::Map(pairs)) => {
                for (key, value) in pairs {
                    match seen.get(&key) {
                        Some(&first) => dropped.push(Dropped {
                            key,
                            line: k.line,
                            why: Why::Duplicate(first),
                        }),
                        None => {
                            seen.insert(key.clone(), k.line);
                            entries.push(Entry {
                                key,
                                value,
                                line: k.line,
                            });
                        }
                    }
                }
            }
            Ok(other) => dropped.push(Dropped {
                key: k.key.clone(),
                line: k.line,
                why: Why::Invalid(YamlError {
                    line: k.line,
                    column: 1,
                    message: format!("read as {}, not as a key and its value", other.kind()),
                    context: None,
                }),
            }),
            Err(e) => dropped.push(Dropped {
                key: k.key.clone(),
                line: k.line,
                why: Why::Invalid(YamlError {
                    // Where the parser does not say, the key's own line.
                    line: if e.line == 0 { k.line } else { shift(e.line) },
                    column: e.column,
                    message: e.message,
                    context: e.context.map(|(what, l, c)| (what, shift(l), c)),
                }),
            }),
        }
    }
    (!dropped.is_empty()).then_some(Parsed::Map(entries, dropped))
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
        let Ok(Parsed::Map(map, dropped)) = parse("title: \"a\"\ntags: [x, 2]\nn: 3\n") else {
            panic!("not a map");
        };
        assert!(dropped.is_empty());
        assert_eq!(
            map[0],
            Entry {
                key: "title".into(),
                value: Value::String("a".into()),
                line: 1
            }
        );
        assert_eq!(
            map[1].value,
            Value::List(vec![Value::String("x".into()), Value::Number("2".into())])
        );
        assert_eq!((map[1].line, map[2].line), (2, 3));
        // An unclosed quote runs to the end: no key can be told apart after it.
        let Ok(Parsed::Map(map, dropped)) = parse("title: \"a\ntags: [x\n") else {
            panic!("not a map");
        };
        assert!(map.is_empty());
        let [
            Dropped {
                key,
                line: 1,
                why: Why::Invalid(err),
            },
        ] = dropped.as_slice()
        else {
            panic!("{dropped:?}");
        };
        assert_eq!(key, "title");
        assert!(err.line >= 1, "{err:?}");
        assert!(!err.message.contains(" at line "));
        // Text before the first key: nothing to recover.
        let err = parse("- x\nb: 2\n").expect_err("must fail");
        assert!(err.line >= 1, "{err:?}");
        assert_eq!(parse("- a\n- b\n"), Ok(Parsed::NotAMap("a list")));
    }

    #[test]
    fn one_bad_key_costs_only_itself() {
        let yaml = "title: ok\nviews: 99999999999999999999\nbad: a: b\ntags: [x]\n";
        let Ok(Parsed::Map(map, dropped)) = parse(yaml) else {
            panic!("not recovered");
        };
        let keys: Vec<(&str, usize)> = map.iter().map(|e| (e.key.as_str(), e.line)).collect();
        assert!(keys.contains(&("title", 1)), "{keys:?}");
        assert!(keys.contains(&("tags", 4)), "{keys:?}");
        let bad: Vec<(&str, usize)> = dropped.iter().map(|d| (d.key.as_str(), d.line)).collect();
        assert!(bad.contains(&("bad", 3)), "{bad:?}");
        assert!(bad.contains(&("views", 2)), "{bad:?}");
        let Some(Dropped {
            why: Why::Invalid(e),
            ..
        }) = dropped.iter().find(|d| d.key == "bad")
        else {
            panic!("bad kept: {dropped:?}");
        };
        assert!(e.line >= 3, "positions are in the whole text: {e:?}");
    }

    #[test]
    fn a_repeated_key_keeps_its_first_value() {
        let Ok(Parsed::Map(map, dropped)) = parse("title: one\nx: 1\ntitle: two\n") else {
            panic!("not recovered");
        };
        assert_eq!(map[0].value, Value::String("one".into()));
        assert_eq!(map.len(), 2);
        assert_eq!(
            dropped,
            vec![Dropped {
                key: "title".into(),
                line: 3,
                why: Why::Duplicate(1)
            }]
        );
    }

    #[test]
    fn deep_nesting_costs_only_its_key() {
        let yaml = format!(
            "title: t\nx: {}{}\ndate: 2026-01-01\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let Ok(Parsed::Map(map, dropped)) = parse(&yaml) else {
            panic!("not recovered");
        };
        let keys: Vec<&str> = map.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["title", "date"]);
        let [
            Dropped {
                key,
                line: 2,
                why: Why::Invalid(err),
            },
        ] = dropped.as_slice()
        else {
            panic!("{dropped:?}");
        };
        assert_eq!(key, "x");
        assert_eq!((err.line, err.column), (2, 67));
        assert_eq!(err.message, "nested more than 64 levels deep");
        let err = parse(&format!("{}\n", "[".repeat(100))).expect_err("too deep");
        assert_eq!((err.line, err.column), (1, 65));
    }
}
