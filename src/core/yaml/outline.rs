//! One cheap, linear pass over YAML text before the parser sees it: how deeply the text nests
//! (the parser takes quadratic time on deep nesting, so deeper than [`MAX_DEPTH`] is refused
//! here) and where each top-level key is written (so a front matter with one bad key can be
//! read key by key).
//!
//! The pass follows the parts of YAML that decide what is structure and what is text: quoted
//! scalars (a bracket inside quotes does not nest), plain scalars, comments, block scalars
//! (`|`, `>`), flow collections and block indentation. Where it cannot tell, it counts a bracket
//! rather than skip it: it may refuse a text that only looks deep, never pass one that is.

/// The deepest nesting kiji reads: flow brackets and block levels together. Real front matter
/// and configurations stay under 10.
pub const MAX_DEPTH: usize = 64;

/// Where the text first nests deeper than [`MAX_DEPTH`] (1-based line and column in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooDeep {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// A key written at the start of a line at the top level (`key: value`, `"key": value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopKey {
    /// The key as text (quotes removed).
    pub key: String,
    /// Byte offset of the line that starts the key's entry.
    pub start: usize,
    /// 1-based line of the key.
    pub line: usize,
}

/// What the text holds at the end of a line, carried to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    /// Nothing read yet where a node may start: a quote opens a quoted scalar.
    Start,
    /// Inside a plain scalar: quotes are text.
    Plain,
    /// Just after a quoted scalar or a collection: only `:`, `,` or a closing bracket follow.
    After,
}

struct Scan {
    /// Columns of the open block nodes (keys, `-` and `?` entries), innermost last.
    block: Vec<usize>,
    /// Open flow collections.
    flow: usize,
    /// The quote of an open quoted scalar.
    quote: Option<char>,
    token: Token,
    /// Inside a block scalar: lines indented deeper than this belong to it.
    scalar_above: Option<usize>,
    /// After a plain scalar in block context: lines indented at least this much continue it.
    plain_from: Option<usize>,
    line: usize,
    keys: Vec<TopKey>,
    too_deep: Option<TooDeep>,
}

/// What one pass over a text found.
#[derive(Debug, PartialEq)]
pub struct Outline {
    /// The top-level keys, in order.
    pub keys: Vec<TopKey>,
    /// Where the text first nests deeper than [`MAX_DEPTH`], if it does.
    pub too_deep: Option<TooDeep>,
}

/// Check the nesting of `text` and list its top-level keys (all of them, also after a place
/// that nests too deeply), in one linear pass.
pub fn scan(text: &str) -> Outline {
    let mut s = Scan {
        block: Vec::new(),
        flow: 0,
        quote: None,
        token: Token::Start,
        scalar_above: None,
        plain_from: None,
        line: 0,
        keys: Vec::new(),
        too_deep: None,
    };
    for (start, line) in lines(text) {
        s.line += 1;
        s.read_line(start, line);
    }
    Outline {
        keys: s.keys,
        too_deep: s.too_deep,
    }
}

/// The lines of `text` with their byte offsets. The breaks are the YAML parser's: `\n`, `\r\n`,
/// a lone `\r`, and NEL, LS and PS (YAML 1.1).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (end, next) = match rest.find(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
            Some(i) => {
                let c = rest[i..].chars().next().map_or(1, char::len_utf8);
                let crlf = rest[i..].starts_with("\r\n");
                (i, i + if crlf { 2 } else { c })
            }
            None => (rest.len(), rest.len()),
        };
        let item = (pos, &rest[..end]);
        pos += next;
        Some(item)
    })
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The byte length of leading spaces and tabs.
fn blank_len(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// Whether `s` (just after an indicator such as `-` or `:`) leaves the indicator standing alone.
fn ends_indicator(s: &str) -> bool {
    s.chars().next().is_none_or(is_blank)
}

impl Scan {
    fn depth(&self) -> usize {
        self.block.len() + self.flow
    }

    /// Note the first place deeper than [`MAX_DEPTH`]: byte `at` of `line`.
    fn check_depth(&mut self, line: &str, at: usize) {
        if self.too_deep.is_none() && self.depth() > MAX_DEPTH {
            self.too_deep = Some(TooDeep {
                line: self.line,
                column: line[..at].chars().count() + 1,
            });
        }
    }

    fn push_block(&mut self, column: usize, line: &str, at: usize) {
        self.block.push(column);
        self.check_depth(line, at);
    }

    fn read_line(&mut self, start: usize, line: &str) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let blank = rest.trim_start_matches([' ', '\t']).is_empty();
        if self.quote.is_some() || self.flow > 0 {
            return self.inline(line, 0);
        }
        if let Some(above) = self.scalar_above {
            if blank || indent > above {
                return;
            }
            self.scalar_above = None;
        }
        if blank {
            return;
        }
        if rest.starts_with('#') {
            self.plain_from = None;
            return;
        }
        if let Some(from) = self.plain_from {
            if indent >= from {
                // The next line of a plain scalar: text, whatever it holds.
                return;
            }
            self.plain_from = None;
        }
        if indent == 0 && (rest.starts_with("---") || rest.starts_with("...")) {
            let after = &rest[3..];
            if ends_indicator(after) {
                self.block.clear();
                return;
            }
        }
        while self.block.last().is_some_and(|&c| c >= indent) {
            self.block.pop();
        }
        let mut at = indent;
        let mut nested = false;
        // `- ` and `? ` entries, several on one line (`- - x`) each one level deeper.
        while line[at..].starts_with(['-', '?']) && ends_indicator(&line[at + 1..]) {
            // Only spaces, tabs and indicators come before: bytes are columns.
            self.push_block(at, line, at);
            nested = true;
            at += 1 + blank_len(&line[at + 1..]);
        }
        let column = at;
        let at = at + properties_len(&line[at..]);
        let node = &line[at..];
        if node.is_empty() || node.starts_with('#') {
            return;
        }
        if let Some(q) = node.chars().next().filter(|c| *c == '"' || *c == '\'') {
            // A quoted scalar: a key when a `:` follows it on this line.
            let Some(len) = quoted_len(node, q) else {
                self.quote = Some(q);
                self.token = Token::After;
                return self.inline(line, at + 1);
            };
            let after = at + len;
            let tail = line[after..].trim_start_matches([' ', '\t']);
            if let Some(value) = tail.strip_prefix(':').filter(|v| ends_indicator(v)) {
                if indent == 0 && !nested {
                    self.keys.push(TopKey {
                        key: unquote(&node[..len], q),
                        start,
                        line: self.line,
                    });
                }
                self.push_block(column, line, at);
                let value_at = line.len() - value.len();
                return self.block_value(line, value_at, column);
            }
            return;
        }
        if node.starts_with(['[', '{']) {
            self.token = Token::Start;
            return self.inline(line, at);
        }
        if node.starts_with(['|', '>']) {
            self.scalar_above = Some(column);
            return;
        }
        match plain_key(node) {
            Some((key, value_at)) => {
                if indent == 0 && !nested {
                    self.keys.push(TopKey {
                        key: key.to_string(),
                        start,
                        line: self.line,
                    });
                }
                self.push_block(column, line, at);
                self.block_value(line, at + value_at, column)
            }
            None => {
                // A plain scalar: lines indented deeper than its parent continue it.
                self.plain_from = Some(self.block.last().map_or(0, |c| c + 1));
            }
        }
    }

    /// The value of a block key (or a `-` entry) that starts at byte `at` of `line`; `column` is
    /// the key's.
    fn block_value(&mut self, line: &str, at: usize, column: usize) {
        let at = at + blank_len(&line[at..]);
        let at = at + properties_len(&line[at..]);
        let value = &line[at..];
        match value.chars().next() {
            None | Some('#') => {}
            Some('[' | '{') => {
                self.token = Token::Start;
                self.inline(line, at)
            }
            Some(q @ ('"' | '\'')) => {
                self.quote = Some(q);
                self.token = Token::After;
                self.inline(line, at + 1)
            }
            Some('|' | '>') => {
                self.scalar_above = Some(column);
            }
            Some(_) => {
                self.plain_from = Some(column + 1);
            }
        }
    }

    /// Read flow collections and quoted scalars from byte `from` of `line`, until the line ends
    /// or the text is back in block context.
    fn inline(&mut self, line: &str, from: usize) {
        let mut chars = line[from..]
            .char_indices()
            .map(|(i, c)| (i + from, c))
            .peekable();
        let mut prev_blank = from == 0 || line[..from].ends_with([' ', '\t']);
        while let Some((i, c)) = chars.next() {
            if let Some(q) = self.quote {
                if q == '"' && c == '\\' {
                    chars.next();
                } else if c == q {
                    if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        self.quote = None;
                        self.token = Token::After;
                        if self.flow == 0 {
                            // A quoted block scalar ends here: a key when a `:` follows.
                            let tail = &line[i + 1..];
                            let tail = tail.trim_start_matches([' ', '\t']);
                            if let Some(v) = tail.strip_prefix(':').filter(|v| ends_indicator(v)) {
                                let column = self.block.last().copied().unwrap_or(0);
                                return self.block_value(line, line.len() - v.len(), column);
                            }
                            return;
                        }
                    }
                }
                prev_blank = false;
                continue;
            }
            if self.flow == 0 && self.token == Token::After {
                // Back in block context after a flow collection: a key when a `:` follows.
                let tail = line[i..].trim_start_matches([' ', '\t']);
                if let Some(v) = tail.strip_prefix(':').filter(|v| ends_indicator(v)) {
                    let column = self.block.last().copied().unwrap_or(0);
                    return self.block_value(line, line.len() - v.len(), column);
                }
                return;
            }
            match c {
                '#' if prev_blank => return,
                '[' | '{' => {
                    self.flow += 1;
                    self.check_depth(line, i);
                    self.token = Token::Start;
                }
                ']' | '}' => {
                    self.flow = self.flow.saturating_sub(1);
                    self.token = Token::After;
                }
                ',' => self.token = Token::Start,
                ':' => {
                    let standalone = chars
                        .peek()
                        .is_none_or(|(_, n)| is_blank(*n) || ",[]{}".contains(*n));
                    if standalone || self.token == Token::After {
                        self.token = Token::Start;
                    } else if self.token == Token::Start {
                        self.token = Token::Plain;
                    }
                }
                '"' | '\'' if self.token == Token::Start => self.quote = Some(c),
                ' ' | '\t' => {}
                '-' | '?'
                    if self.token == Token::Start
                        && chars.peek().is_none_or(|(_, n)| is_blank(*n)) => {}
                _ => self.token = Token::Plain,
            }
            prev_blank = is_blank(c);
        }
    }
}

/// The byte length of node properties (`&anchor`, `!tag`) and the blanks after them.
fn properties_len(s: &str) -> usize {
    let mut at = 0;
    while s[at..].starts_with(['&', '!']) {
        let word = s[at..].find([' ', '\t']).unwrap_or(s.len() - at);
        at += word;
        at += blank_len(&s[at..]);
    }
    at
}

/// The byte length of the quoted scalar at the start of `s` (which starts with `q`), quotes
/// included; `None` when it does not close on this line.
fn quoted_len(s: &str, q: char) -> Option<usize> {
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if q == '"' && c == '\\' {
            chars.next();
        } else if c == q {
            if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                continue;
            }
            return Some(i + 1);
        }
    }
    None
}

/// A quoted key's text: the quotes removed, `''` and backslash escapes read simply.
fn unquote(s: &str, q: char) -> String {
    let inner = &s[1..s.len() - 1];
    if q == '\'' {
        return inner.replace("''", "'");
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// A plain key at the start of `node` (`key: value`): the key and the byte offset after its
/// colon. `None` for a plain scalar that is not a key.
fn plain_key(node: &str) -> Option<(&str, usize)> {
    if node.starts_with([
        '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '%', '@', '`',
    ]) {
        return None;
    }
    let mut prev_blank = false;
    for (i, c) in node.char_indices() {
        if c == '#' && prev_blank {
            return None;
        }
        if c == ':' && ends_indicator(&node[i + 1..]) {
            let key = node[..i].trim_end_matches([' ', '\t']);
            return (!key.is_empty()).then_some((key, i + 1));
        }
        prev_blank = is_blank(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str) -> bool {
        scan(text).too_deep.is_none()
    }

    fn deep_at(text: &str) -> Option<TooDeep> {
        scan(text).too_deep
    }

    fn keys(text: &str) -> Vec<(String, usize)> {
        let outline = scan(text);
        assert_eq!(outline.too_deep, None);
        outline.keys.into_iter().map(|k| (k.key, k.line)).collect()
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_it_passes_the_limit() {
        let deep = format!("a: 1\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        // `x` is one level, so the 64th bracket is the 65th level.
        assert_eq!(
            deep_at(&deep),
            Some(TooDeep {
                line: 2,
                column: 67
            })
        );
        let braces = format!("x: {}1{}\n", "{a: ".repeat(1000), "}".repeat(1000));
        assert!(!depth_ok(&braces));
        let fine = format!("x: {}1{}\n", "[".repeat(63), "]".repeat(63));
        assert!(depth_ok(&fine));
        // Brackets that close again do not add up.
        assert!(depth_ok(&format!("x: {}\n", "[[1]], ".repeat(10_000))));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&" ".repeat(i));
            text.push_str("k:\n");
        }
        assert_eq!(
            deep_at(&text),
            Some(TooDeep {
                line: 65,
                column: 65
            })
        );
        let dashes = format!("x: {}1\n", "- ".repeat(100));
        assert!(depth_ok(&dashes), "a plain scalar, not a list");
        let dashes = format!("{}1\n", "- ".repeat(100));
        assert!(!depth_ok(&dashes));
        // Every YAML line break counts, not only `\n`.
        let cr: String = (0..100).map(|i| format!("{}k:\r", " ".repeat(i))).collect();
        assert!(!depth_ok(&cr));
        let nel: String = (0..100)
            .map(|i| format!("{}k:\u{85}", " ".repeat(i)))
            .collect();
        assert!(!depth_ok(&nel));
    }

    #[test]
    fn brackets_in_text_do_not_nest() {
        let many = "[".repeat(200);
        for text in [
            format!("title: \"{many}\"\n"),
            format!("title: '{many}'\n"),
            format!("title: 'it''s {many}'\n"),
            format!("title: \"a \\\" {many}\"\n"),
            format!("title: a {many}\n"),
            format!("title: a\n  {many}\n"),
            format!("# {many}\ntitle: x\n"),
            format!("title: x # {many}\n"),
            format!("note: |\n  {many}\n  more\ntitle: x\n"),
            format!("tags: [\"{many}\", '{many}', a]\n"),
            format!("tags: {{\"a\":\"{many}\"}}\n"),
            format!("title: \"two\n  lines {many}\"\n"),
        ] {
            assert!(depth_ok(&text), "{text}");
        }
    }

    #[test]
    fn quotes_inside_plain_text_cannot_hide_brackets() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        for text in [
            format!("title: it's\nx: {deep}\n"),
            format!("title: a\n  'b\nx: {deep}\n"),
            format!("tags: [it's, {deep}]\n"),
            format!("tags: [a 'b, {deep}]\n"),
            format!("tags: [a:'b, {deep}]\n"),
            format!("x: &anchor {deep}\n"),
            format!("x: !tag {deep}\n"),
            format!("[a]: {deep}\n"),
            format!("\"k\": {deep}\n"),
            format!("- - {deep}\n"),
        ] {
            assert!(!depth_ok(&text), "{text}");
        }
    }

    #[test]
    fn lists_the_top_level_keys() {
        let text = "title: a\ntags:\n  - x\n  - y: 1\n\"quoted: key\": 2\n'it''s': 3\nnote: |\n  z: 4\nlist: [a,\nb: 5]\n# c: 6\nend: 7\n";
        assert_eq!(
            keys(text),
            vec![
                ("title".to_string(), 1),
                ("tags".to_string(), 2),
                ("quoted: key".to_string(), 5),
                ("it's".to_string(), 6),
                ("note".to_string(), 7),
                ("list".to_string(), 9),
                ("end".to_string(), 12),
            ]
        );
        let found = scan("a: 1\nb: 2\n");
        assert_eq!(found.keys[1].start, 5);
        // Keys after a place that nests too deeply are still found.
        let deep = format!("a: 1\nx: {}\nb: 2\n", "[".repeat(100));
        let found = scan(&deep);
        assert_eq!(
            found.too_deep,
            Some(TooDeep {
                line: 2,
                column: 67
            })
        );
        let names: Vec<&str> = found.keys.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(names, ["a", "x"]);
    }
}
