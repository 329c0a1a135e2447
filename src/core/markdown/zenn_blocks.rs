//! Zenn and Qiita block syntax that pulldown-cmark does not know, rewritten line by line
//! before it parses the body (code fences are left alone): a `:::` callout's opening and
//! closing lines become marker paragraphs that the event stream turns back into a container
//! ([`Marker`]), a `$$` math block becomes a fenced `math` code block, and Zenn's image size
//! (`![alt](url =250x)`) is dropped so the image parses.
//!
//! Callouts nest by colons as in markdown-it-container: a closing line of n colons closes
//! the outermost open block opened with at most n colons, and every block inside it. A
//! block never closed runs to the end of the body; a closing line with nothing open to
//! close is dropped.

use std::borrow::Cow;

use super::callout::Callout;
use super::chunk::next_fence;

/// The first character of a marker paragraph (a private-use character).
const OPEN: char = '\u{E000}';
/// A marker paragraph that closes the innermost callout.
const CLOSE: char = '\u{E001}';

/// A body ready for pulldown-cmark and the callouts its marker paragraphs stand for.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    pub(crate) source: Cow<'a, str>,
    /// `callouts[i]` is what the `i`-th opening marker opens.
    pub(crate) callouts: Vec<Callout>,
}

/// What a marker paragraph stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    /// Open the callout with this index in [`Prepared::callouts`].
    Open(usize),
    /// Close the innermost open callout.
    Close,
}

/// The marker a paragraph's whole text stands for, if it is one.
pub(crate) fn marker(text: &str) -> Option<Marker> {
    if text == CLOSE.to_string() {
        return Some(Marker::Close);
    }
    let digits = text.strip_prefix(OPEN)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(Marker::Open)
}

/// Rewrite what pulldown-cmark would misread. A body with nothing to rewrite is returned
/// as it is.
pub(crate) fn prepare(source: &str) -> Prepared<'_> {
    let none = Prepared {
        source: Cow::Borrowed(source),
        callouts: Vec::new(),
    };
    if !(source.contains(":::") || source.contains("$$") || source.contains(" =")) {
        return none;
    }
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let mut out = String::with_capacity(source.len() + 64);
    let mut callouts = Vec::new();
    // The colon counts of the open callouts, outermost first.
    let mut open: Vec<usize> = Vec::new();
    let mut fence = None;
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let was_fenced = fence.is_some();
        fence = next_fence(line, fence);
        if was_fenced || fence.is_some() {
            out.push_str(line);
            continue;
        }
        let Some(body) = unindented(line) else {
            out.push_str(line);
            continue;
        };
        if let Some(info) = body.strip_prefix(":::") {
            let colons = 3 + info.bytes().take_while(|&b| b == b':').count();
            let info = info.trim_start_matches(':').trim();
            if info.is_empty() {
                changed = true;
                if let Some(at) = open.iter().position(|&n| n <= colons) {
                    for _ in at..open.len() {
                        push_marker(&mut out, &CLOSE.to_string());
                    }
                    open.truncate(at);
                }
                continue;
            }
            if let Some(callout) = Callout::from_info(info) {
                changed = true;
                push_marker(&mut out, &format!("{OPEN}{}", callouts.len()));
                callouts.push(callout);
                open.push(colons);
                continue;
            }
        }
        if body.trim_end() == "$$" {
            if let Some(len) = lines[i..].iter().position(|l| l.trim() == "$$") {
                changed = true;
                let indent = &line[..line.len() - body.len()];
                math_block(&mut out, indent, &lines[i..i + len]);
                i += len + 1;
                continue;
            }
        }
        match drop_image_size(line) {
            Some(fixed) => {
                changed = true;
                out.push_str(&fixed);
            }
            None => out.push_str(line),
        }
    }
    if !changed {
        return none;
    }
    Prepared {
        source: Cow::Owned(out),
        callouts,
    }
}

/// The line without its indent if it is indented by at most three spaces.
fn unindented(line: &str) -> Option<&str> {
    let body = line.trim_start_matches(' ');
    (line.len() - body.len() <= 3).then_some(body)
}

/// A marker paragraph: blank lines around it, so it interrupts whatever came before.
fn push_marker(out: &mut String, marker: &str) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(marker);
    out.push_str("\n\n");
}

/// The lines between `$$` lines as a fenced code block of language `math`, the fence
/// longer than any run of backticks inside and indented as the `$$` was (so a block in a
/// list item stays in it).
fn math_block(out: &mut String, indent: &str, lines: &[&str]) {
    let longest = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str(&fence);
    out.push_str("math\n");
    for line in lines {
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str(indent);
    out.push_str(&fence);
    out.push('\n');
}

/// The line with Zenn's image sizes (` =250x`, ` =x100`, ` =250x100` before the `)` of an
/// image's destination) removed, or `None` if it has none. A size inside a code span is
/// left as it is.
pub(crate) fn drop_image_size(line: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = line;
    let mut done = 0;
    let mut changed = false;
    while let Some(at) = rest.find(" =") {
        let after = &rest[at + 2..];
        let digits_w = after.bytes().take_while(u8::is_ascii_digit).count();
        let size = after[digits_w..].strip_prefix('x').map(|tail| {
            let digits_h = tail.bytes().take_while(u8::is_ascii_digit).count();
            (digits_h, tail[digits_h..].starts_with(')'))
        });
        let before = &line[..done + at];
        let is_size = matches!(size, Some((h, true)) if digits_w + h > 0)
            && in_image_destination(before)
            && before.matches('`').count().is_multiple_of(2);
        if is_size {
            let (h, _) = size.unwrap_or_default();
            out.push_str(&rest[..at]);
            rest = &after[digits_w + 1 + h..];
            done += at + 2 + digits_w + 1 + h;
            changed = true;
        } else {
            out.push_str(&rest[..at + 2]);
            rest = after;
            done += at + 2;
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// True if `before` ends inside an image's destination: `![…](` then no white space.
fn in_image_destination(before: &str) -> bool {
    let Some(open) = before.rfind("](") else {
        return false;
    };
    let dest = &before[open + 2..];
    !dest.is_empty() && !dest.contains(char::is_whitespace) && before[..open].contains("![")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(source: &str) -> String {
        prepare(source).source.into_owned()
    }

    #[test]
    fn bodies_without_zenn_syntax_are_borrowed() {
        let p = prepare("ただの段落。\n\n- a\n");
        assert!(matches!(p.source, Cow::Borrowed(_)));
        assert!(matches!(prepare(":::tip\nx\n").source, Cow::Borrowed(_)));
    }

    #[test]
    fn callout_lines_become_markers_and_nest_by_colons() {
        let p = prepare("::::details 題\n:::message\n中\n:::\n外\n::::\n");
        assert_eq!(
            p.callouts,
            [Callout::Details("題".into()), Callout::Message]
        );
        assert_eq!(
            p.source,
            "\n\u{E000}0\n\n\n\u{E000}1\n\n中\n\n\u{E001}\n\n外\n\n\u{E001}\n\n"
        );
        // Three colons everywhere: the first closing line closes both, like markdown-it.
        let flat = text(":::details 題\n:::message\n中\n:::\n:::\n");
        assert_eq!(flat.matches('\u{E001}').count(), 2);
        // An inner block left open is closed with its outer one.
        let open = text("::::details 題\n:::message\n中\n::::\n後\n");
        assert_eq!(open.matches('\u{E001}').count(), 2);
        assert!(open.ends_with("後\n"));
    }

    #[test]
    fn fences_hide_callout_and_math_lines() {
        let src = "```\n:::message\n$$\n![a](x =250x)\n```\n";
        assert!(matches!(prepare(src).source, Cow::Borrowed(_)));
    }

    #[test]
    fn math_blocks_become_fenced_code_only_when_closed() {
        assert_eq!(
            text("前\n$$\na*b*c\n$$\n後\n"),
            "前\n```math\na*b*c\n```\n後\n"
        );
        assert_eq!(text("$$\nx\n"), "$$\nx\n");
        assert_eq!(
            text("- 項目\n\n  $$\n  x\n  $$\n"),
            "- 項目\n\n  ```math\n  x\n  ```\n"
        );
        assert_eq!(text("$$\n````\n$$\n"), "`````math\n````\n`````\n");
    }

    #[test]
    fn image_sizes_are_dropped_outside_code_spans() {
        assert_eq!(text("![猫](a.png =250x)\n"), "![猫](a.png)\n");
        assert_eq!(
            text("![](a.png =x80) ![](b.png =20x30)"),
            "![](a.png) ![](b.png)"
        );
        assert_eq!(text("`![a](b =250x)`\n"), "`![a](b =250x)`\n");
        assert_eq!(text("[a](b =250x)\n"), "[a](b =250x)\n");
        assert_eq!(text("x =250x)\n"), "x =250x)\n");
    }

    #[test]
    fn markers_read_back() {
        assert_eq!(marker("\u{E000}12"), Some(Marker::Open(12)));
        assert_eq!(marker("\u{E001}"), Some(Marker::Close));
        assert_eq!(marker("\u{E000}"), None);
        assert_eq!(marker("\u{E000}1a"), None);
        assert_eq!(marker("text"), None);
    }
}
