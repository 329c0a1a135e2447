//! YAML for the rest of kiji: the one module that knows `serde_yaml`, so swapping it for a
//! maintained fork touches nothing else. It turns text into a library-independent [`Value`]
//! tree, turns the parser's errors into a [`YamlError`] with positions, and finds where a key
//! is written ([`key_position`]), since `serde_yaml`'s values carry no spans. Text that nests
//! deeper than [`MAX_DEPTH`] is refused before the parser sees it ([`outline`]).

mod outline;

pub use outline::{MAX_DEPTH, TopKey};

/// A YAML value, independent of the YAML library.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string (quoted or plain).
    String(String),
    /// A sequence.
    List(Vec<Value>),
    /// A mapping, flattened to (key as text, value) pairs.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The value as a scalar string: strings as they are, numbers and booleans as written.
    pub fn as_scalar_text(&self) -> Option<String> {
        match self {
            Value::String(s) | Value::Number(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }

    /// The value written back as compact YAML-like text (for keys kiji keeps but does not use).
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Number(s) | Value::String(s) => s.clone(),
            Value::List(items) => {
                let inner: Vec<String> = items.iter().map(Value::to_text).collect();
                format!("[{}]", inner.join(", "))
            }
            Value::Map(pairs) => {
                let inner: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.to_text()))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
        }
    }

    /// A short name of the value's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::List(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A YAML syntax error, with positions inside the YAML text (1-based; 0 when unknown).
#[derive(Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// Line inside the YAML text where the parser gave up.
    pub line: usize,
    /// Column inside the YAML text where the parser gave up.
    pub column: usize,
    /// What the parser said, without its own position suffix.
    pub message: String,
    /// What the parser was reading when it gave up (`scanning a quoted scalar`) and where that
    /// started: usually the real culprit, such as a quote that is never closed.
    pub context: Option<(String, usize, usize)>,
}

/// Pull `... at line L column C` apart into the text and the position.
fn split_position(text: &str) -> (String, usize, usize) {
    match text.rfind(" at line ") {
        Some(i) => {
            let mut nums = text[i + 9..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok());
            let line = nums.next().unwrap_or(0);
            let column = nums.next().unwrap_or(0);
            (text[..i].to_string(), line, column)
        }
        None => (text.to_string(), 0, 0),
    }
}

fn yaml_error(e: &serde_yaml::Error) -> YamlError {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let text = e.to_string();
    let (head, context) = match text.split_once(", while ") {
        Some((head, ctx)) => (head, Some(split_position(ctx))),
        None => (text.as_str(), None),
    };
    let (message, _, _) = split_position(head);
    YamlError {
        line,
        column,
        message,
        context,
    }
}

/// The keys written at the top level of `text`, in order, with their lines, and the error
/// when the text nests deeper than [`MAX_DEPTH`] (the keys are all found even then).
pub fn top_level_keys(text: &str) -> (Vec<TopKey>, Option<YamlError>) {
    let outline = outline::scan(text);
    (outline.keys, outline.too_deep.map(too_deep))
}

fn too_deep(at: outline::TooDeep) -> YamlError {
    YamlError {
        line: at.line,
        column: at.column,
        message: format!("nested more than {MAX_DEPTH} levels deep"),
        context: None,
    }
}

/// Parse one YAML document. Empty text (or only comments) is [`Value::Null`]. Text nested
/// deeper than [`MAX_DEPTH`] is an error, found without parsing.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    if let Some(at) = outline::scan(text).too_deep {
        return Err(too_deep(at));
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| yaml_error(&e))?;
    Ok(convert(value))
}

fn convert(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => Value::Number(n.to_string()),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::List(items.into_iter().map(convert).collect()),
        Y::Mapping(map) => Value::Map(
            map.into_iter()
                .map(|(k, v)| (convert(k).to_text(), convert(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => convert(tagged.value),
    }
}

/// A place in a text: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// Where the key at `path` (top-level key first) is written in `text`, found by reading the
/// text's indentation and flow brackets. Understands block mappings, flow mappings
/// (`{ a: { b: 1 } }`, also over several lines) and quoted keys; keys inside lists and
/// block scalars are not looked for. `None` when the key is not found.
pub fn key_position(text: &str, path: &[&str]) -> Option<Position> {
    if path.is_empty() {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    // Block keys open at this point, with the indentation they are written at.
    let mut open: Vec<(usize, String)> = Vec::new();
    // Lines indented deeper than this belong to a block scalar (`|`, `>`).
    let mut scalar_indent: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate() {
        let mut indent = raw.len() - raw.trim_start_matches(' ').len();
        let mut rest = &raw[indent..];
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        if let Some(s) = scalar_indent {
            if indent > s {
                continue;
            }
            scalar_indent = None;
        }
        if rest.trim_end() == "---" || rest.trim_end() == "..." {
            open.clear();
            continue;
        }
        let in_list = rest.starts_with("- ") || rest.trim_end() == "-";
        while rest.starts_with("- ") {
            let after = &rest[2..];
            let spaces = after.len() - after.trim_start_matches(' ').len();
            indent += 2 + spaces;
            rest = &after[spaces..];
        }
        while open.last().is_some_and(|(d, _)| *d >= indent) {
            open.pop();
        }
        let prefix_matches = |open: &[(usize, String)]| {
            open.len() < path.len() && open.iter().zip(path).all(|((_, k), p)| k == p)
        };
        match block_key(rest) {
            Some((key, value_at)) => {
                if in_list {
                    // A mapping inside a list: its keys are not addressed by `path`.
                    open.push((indent, String::new()));
                    continue;
                }
                open.push((indent, key));
                if open.len() == path.len() && open.iter().zip(path).all(|((_, k), p)| k == p) {
                    return Some(Position {
                        line: i + 1,
                        column: raw[..raw.len() - rest.len()].chars().count() + 1,
                    });
                }
                let value = rest[value_at..].trim_start();
                let value_byte = raw.len() - value.len();
                if value.starts_with('{') && prefix_matches(&open) {
                    if let Some(p) = flow_key(&lines, i, value_byte, &path[open.len()..]) {
                        return Some(p);
                    }
                } else if value.starts_with('|') || value.starts_with('>') {
                    scalar_indent = Some(indent);
                }
            }
            None => {
                if rest.starts_with('{') && !in_list && prefix_matches(&open) {
                    let at = raw.len() - rest.len();
                    if let Some(p) = flow_key(&lines, i, at, &path[open.len()..]) {
                        return Some(p);
                    }
                }
            }
        }
    }
    None
}

/// For a mapping written at `mapping` (where the parser reports a duplicate key), the
/// positions where block key `key` is written the first and the second time.
pub fn duplicate_key_positions(
    text: &str,
    mapping: Position,
    key: &str,
) -> Option<(Position, Position)> {
    let indent = mapping.column.checked_sub(1)?;
    let mut first = None;
    for (i, raw) in text.lines().enumerate().skip(mapping.line.checked_sub(1)?) {
        let depth = raw.len() - raw.trim_start_matches(' ').len();
        let rest = &raw[depth..];
        if rest.trim().is_empty() || rest.starts_with('#') || depth > indent {
            continue;
        }
        if depth < indent {
            break;
        }
        if block_key(rest).is_some_and(|(k, _)| k == key) {
            let here = Position {
                line: i + 1,
                column: raw[..depth].chars().count() + 1,
            };
            match first {
                None => first = Some(here),
                Some(f) => return Some((f, here)),
            }
        }
    }
    None
}

/// The key at the start of a block-mapping line (`key: value`, `"key": value`) and the byte
/// offset just after its colon.
fn block_key(rest: &str) -> Option<(String, usize)> {
    let colon_ends_key =
        |after: &str| after.is_empty() || after.starts_with(' ') || after.starts_with('\t');
    if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let (key, len) = quoted(rest, quote)?;
        let after = rest[len..].trim_start_matches([' ', '\t']);
        let colon = after.strip_prefix(':')?;
        return colon_ends_key(colon).then(|| (key, rest.len() - colon.len()));
    }
    if rest.starts_with(['{', '[', '&', '*', '!', '|', '>', '%', '@', '`', '?']) {
        return None;
    }
    let mut search = 0;
    while let Some(i) = rest[search..].find(':') {
        let at = search + i;
        let before = &rest[..at];
        if before.contains(" #") {
            return None;
        }
        if colon_ends_key(&rest[at + 1..]) {
            return Some((before.trim_end().to_string(), at + 1));
        }
        search = at + 1;
    }
    None
}

/// A quoted scalar at the start of `text` (which starts with `quote`): its content and the
/// byte length of the quoted text including the quotes. `None` when it is not closed here.
fn quoted(text: &str, quote: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return Some((out, i + c.len_utf8()));
        }
        if c == '\\' && quote == '"' {
            if let Some((_, n)) = chars.next() {
                out.push(n);
            }
            continue;
        }
        out.push(c);
    }
    None
}

/// One open bracket while reading a flow collection.
enum Frame {
    /// `{`: the key being read or last read, and whether a key comes next.
    Map {
        key: Option<String>,
        expect_key: bool,
    },
    /// `[`.
    List,
}

/// Find the key at `path` inside the flow mapping that opens at `lines[line]`, byte `start`.
fn flow_key(lines: &[&str], line: usize, start: usize, path: &[&str]) -> Option<Position> {
    let mut frames: Vec<Frame> = Vec::new();
    for (li, raw) in lines.iter().enumerate().skip(line) {
        let from = if li == line { start } else { 0 };
        let mut pos = from;
        while pos < raw.len() {
            let rest = &raw[pos..];
            let Some(c) = rest.chars().next() else { break };
            // Counted only for a key found: per character it would be quadratic in the line.
            let column = || raw[..pos].chars().count() + 1;
            let expecting_key = matches!(
                frames.last(),
                Some(Frame::Map {
                    expect_key: true,
                    ..
                })
            );
            match c {
                '{' => frames.push(Frame::Map {
                    key: None,
                    expect_key: true,
                }),
                '[' => frames.push(Frame::List),
                '}' | ']' => {
                    frames.pop();
                    if frames.is_empty() {
                        return None;
                    }
                }
                ',' => {
                    if let Some(Frame::Map { key, expect_key }) = frames.last_mut() {
                        *key = None;
                        *expect_key = true;
                    }
                }
                '#' if pos == 0 || raw[..pos].ends_with([' ', '\t']) => break,
                ' ' | '\t' | ':' => {}
                '"' | '\'' => {
                    let (text, len) = quoted(rest, c)?;
                    if expecting_key {
                        if let Some(p) = read_key(&mut frames, text, path, li, column) {
                            return Some(p);
                        }
                    }
                    pos += len;
                    continue;
                }
                _ => {
                    let len = plain_len(rest, expecting_key);
                    if expecting_key {
                        let text = rest[..len].trim_end().to_string();
                        if let Some(p) = read_key(&mut frames, text, path, li, column) {
                            return Some(p);
                        }
                    }
                    pos += len.max(c.len_utf8());
                    continue;
                }
            }
            pos += c.len_utf8();
        }
    }
    None
}

/// The byte length of a plain scalar at the start of a flow text: up to `,`, a closing
/// bracket, or (for a key) a `:` followed by a space, a flow indicator or the end.
fn plain_len(text: &str, key: bool) -> usize {
    for (i, c) in text.char_indices() {
        match c {
            ',' | '}' | ']' => return i,
            ':' if key => {
                let after = &text[i + 1..];
                if after.is_empty() || after.starts_with([' ', '\t', ',', '}', ']', '{', '[']) {
                    return i;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// Record a key read in the innermost flow mapping; its position when the path is complete.
fn read_key(
    frames: &mut [Frame],
    text: String,
    path: &[&str],
    line: usize,
    column: impl FnOnce() -> usize,
) -> Option<Position> {
    if let Some(Frame::Map { key, expect_key }) = frames.last_mut() {
        *key = Some(text);
        *expect_key = false;
    }
    let keys: Option<Vec<&str>> = frames
        .iter()
        .map(|f| match f {
            Frame::Map { key: Some(k), .. } => Some(k.as_str()),
            _ => None,
        })
        .collect();
    (keys? == path).then(|| Position {
        line: line + 1,
        column: column(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn parses_to_values() {
        assert_eq!(parse("  \n# only a comment\n"), Ok(Value::Null));
        assert_eq!(
            parse("a: [1, x]\nb: {c: true}\n"),
            Ok(Value::Map(vec![
                (
                    "a".into(),
                    Value::List(vec![Value::Number("1".into()), Value::String("x".into())])
                ),
                (
                    "b".into(),
                    Value::Map(vec![("c".into(), Value::Bool(true))])
                ),
            ]))
        );
    }

    #[test]
    fn errors_carry_positions_without_the_suffix() {
        let err = parse("a: 1\nb: \"open\nc: 2\n").expect_err("unclosed quote");
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
        let ctx = err.context.expect("a context");
        assert_eq!((ctx.1, ctx.2), (2, 4));
    }

    #[test]
    fn finds_block_keys() {
        let text = "# comment\nroots:\n  - ~/news\ntheme:\n  base: dark\n  colors:\n    border: red\n\"ascii\": true\n";
        assert_eq!(key_position(text, &["roots"]), at(2, 1));
        assert_eq!(key_position(text, &["theme", "base"]), at(5, 3));
        assert_eq!(key_position(text, &["theme", "colors", "border"]), at(7, 5));
        assert_eq!(key_position(text, &["ascii"]), at(8, 1));
        assert_eq!(key_position(text, &["base"]), None);
        assert_eq!(key_position(text, &["theme", "colors", "title_bar"]), None);
    }

    #[test]
    fn finds_flow_keys() {
        let text = "theme: { base: dark, colors: { border: red, 'title_bar': blue } }\nkeys:\n  {\n    next: [n, \"x, y\"],\n    quit: q }\n";
        assert_eq!(key_position(text, &["theme", "base"]), at(1, 10));
        assert_eq!(
            key_position(text, &["theme", "colors", "border"]),
            at(1, 32)
        );
        assert_eq!(
            key_position(text, &["theme", "colors", "title_bar"]),
            at(1, 45)
        );
        assert_eq!(key_position(text, &["keys", "quit"]), at(5, 5));
        assert_eq!(key_position("{a: 1, b: {c: 2}}", &["b", "c"]), at(1, 12));
    }

    #[test]
    fn skips_lists_and_block_scalars() {
        let text = "note: |\n  theme: no\nlist:\n  - theme: no\ntheme: yes\n";
        assert_eq!(key_position(text, &["theme"]), at(5, 1));
        assert_eq!(key_position("a:\n  b: 1\nc: 2\n", &["a", "c"]), None);
        assert_eq!(key_position("a: 日本: x\nb: 1", &["b"]), at(2, 1));
    }

    #[test]
    fn finds_both_writings_of_a_duplicate_key() {
        let text = "a:\n  x: 1\n  y:\n    x: 3\n  x: 2\nx: 4\n";
        let top = Position { line: 2, column: 3 };
        assert_eq!(
            duplicate_key_positions(text, top, "x"),
            Some((
                Position { line: 2, column: 3 },
                Position { line: 5, column: 3 }
            ))
        );
        assert_eq!(duplicate_key_positions(text, top, "y"), None);
    }
}
