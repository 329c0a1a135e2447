//! Large bodies are parsed a piece at a time, so the parser's tree of the whole file (tens of
//! bytes per byte of degenerate input) never exists at once: the body is split where a new
//! top-level block starts (after a blank line, outside code fences), and reference-style link
//! definitions are gathered from the whole body first so a link finds its URL in any piece.

use std::collections::HashMap;

/// Bodies longer than this are parsed in pieces of at most this many bytes. Ordinary
/// articles are far smaller and are parsed whole.
pub(crate) const CHUNK: usize = 512 * 1024;

/// The pieces of `source`, each at most `max` bytes (at least one character), in order.
pub(crate) fn split(source: &str, max: usize) -> Chunks<'_> {
    Chunks {
        rest: source,
        max: max.max(4),
    }
}

/// Iterator of [`split`].
#[derive(Debug)]
pub(crate) struct Chunks<'a> {
    rest: &'a str,
    max: usize,
}

impl<'a> Iterator for Chunks<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let end = if self.rest.len() <= self.max {
            self.rest.len()
        } else {
            cut_point(self.rest, self.max)
        };
        let (piece, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(piece)
    }
}

/// Where to end a piece of at most `max` bytes of `text`: before the last line that starts a
/// new top-level block (a blank line before it, no indent, not in a code fence), else before
/// the last line that starts in time, else at the last character boundary.
fn cut_point(text: &str, max: usize) -> usize {
    let mut block_start = None;
    let mut line_start = None;
    let mut fence: Option<(u8, usize)> = None;
    let mut prev_blank = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if at > max {
            break;
        }
        if at > 0 {
            line_start = Some(at);
            let starts_block = line
                .as_bytes()
                .first()
                .is_some_and(|b| !b.is_ascii_whitespace());
            if prev_blank && starts_block && fence.is_none() {
                block_start = Some(at);
            }
        }
        fence = next_fence(line, fence);
        prev_blank = line.trim().is_empty();
        at += line.len();
    }
    if let Some(end) = block_start.or(line_start) {
        return end;
    }
    let mut end = max;
    while end > 1 && !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The fence state after `line`: a line of three or more backticks or tildes (indented by up
/// to three spaces) opens a fence, and one of at least as many of the same closes it.
pub(crate) fn next_fence(line: &str, open: Option<(u8, usize)>) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return open;
    }
    let Some(&c) = trimmed.as_bytes().first() else {
        return open;
    };
    if c != b'`' && c != b'~' {
        return open;
    }
    let n = trimmed.bytes().take_while(|&b| b == c).count();
    if n < 3 {
        return open;
    }
    match open {
        None => Some((c, n)),
        Some((oc, on)) if oc == c && n >= on && trimmed[n..].trim().is_empty() => None,
        Some(o) => Some(o),
    }
}

/// Reference-style link definitions (`[label]: url`, one per line) in `source`, by
/// [`label_key`]; the first definition of a label wins, as in CommonMark.
pub(crate) fn reference_definitions(source: &str) -> HashMap<String, &str> {
    let mut defs = HashMap::new();
    let mut fence = None;
    for line in source.lines() {
        let was_fenced = fence.is_some();
        fence = next_fence(line, fence);
        if was_fenced || fence.is_some() {
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            continue;
        }
        let Some(inner) = trimmed.strip_prefix('[') else {
            continue;
        };
        let Some((label, rest)) = inner.split_once("]:") else {
            continue;
        };
        if label.trim().is_empty() || label.starts_with('^') || label.contains(['[', ']']) {
            continue;
        }
        let Some(url) = rest.split_whitespace().next() else {
            continue;
        };
        let url = url
            .strip_prefix('<')
            .and_then(|u| u.strip_suffix('>'))
            .unwrap_or(url);
        defs.entry(label_key(label)).or_insert(url);
    }
    defs
}

/// A link label as CommonMark matches it: case-folded, runs of white space made one space.
pub(crate) fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_start_at_top_level_blocks_and_keep_everything() {
        let text = "para one\nstill one\n\n- item\n  more\n\n  indented\n\nnext\n";
        let pieces: Vec<&str> = split(text, 40).collect();
        assert_eq!(
            pieces,
            [
                "para one\nstill one\n\n",
                "- item\n  more\n\n  indented\n\nnext\n"
            ]
        );
        let pieces: Vec<&str> = split(text, 12).collect();
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| p.len() <= 12), "{pieces:?}");
    }

    #[test]
    fn fences_are_not_split_where_another_place_will_do() {
        let text = "a\n\n```\nx\n\ny\n```\n\nz\n";
        // `y` follows a blank line but is inside the fence.
        let pieces: Vec<&str> = split(text, 12).collect();
        assert_eq!(pieces, ["a\n\n", "```\nx\n\ny\n", "```\n\nz\n"]);
    }

    #[test]
    fn a_line_longer_than_a_piece_is_split_at_a_character_boundary() {
        let text = "日本語".repeat(10);
        let pieces: Vec<&str> = split(&text, 10).collect();
        assert_eq!(pieces.concat(), text);
        assert!(pieces.iter().all(|p| p.len() <= 10 && !p.is_empty()));
    }

    #[test]
    fn definitions_are_found_by_their_folded_label() {
        let defs = reference_definitions(
            "[Foo  Bar]: <https://a.example/>\n```\n[no]: https://x\n```\n   [b]: /b \"t\"\n[^n]: note\n",
        );
        assert_eq!(defs.get(&label_key("foo bar")), Some(&"https://a.example/"));
        assert_eq!(defs.get("b"), Some(&"/b"));
        assert_eq!(defs.len(), 2);
    }
}
