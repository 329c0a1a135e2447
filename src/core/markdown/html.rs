//! Raw HTML in Markdown: tags stripped, the text inside kept, common entities decoded. kiji
//! never interprets HTML; it only makes sure the words in it are not lost.

/// Tags that end a paragraph when an HTML block is flattened.
const PARA_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Tags that start a new line (a hard break) when an HTML block is flattened.
const LINE_TAGS: &[&str] = &["br", "dd", "dt", "figcaption", "li", "summary", "tr"];

/// Tags whose opening separates words (table cells).
const CELL_TAGS: &[&str] = &["td", "th"];

/// Marks a hard line break inside the flattened text of an HTML block.
const HARD: &str = "\u{2028}";

/// One paragraph of an HTML block: lines separated by hard breaks, each line made of source
/// lines that are joined the way soft breaks are.
pub(crate) type HtmlParagraph = Vec<Vec<String>>;

/// True for `<br>`, `<br/>` and `<br />` (any case): an inline line break.
pub(crate) fn is_line_break(tag: &str) -> bool {
    tag_name(tag).is_some_and(|(name, closing)| !closing && name.eq_ignore_ascii_case("br"))
}

/// The text of an inline HTML fragment: tags and comments removed (usually nothing is left).
pub(crate) fn inline_text(html: &str) -> String {
    decode_entities(&strip(html, false))
}

/// The text of an HTML block as paragraphs. Block-level tags and blank lines separate
/// paragraphs; `<br>`, `<li>`, `<tr>`… start new lines; cells are separated by a space.
pub(crate) fn block_paragraphs(html: &str) -> Vec<HtmlParagraph> {
    let text = decode_entities(&strip(html, true));
    let mut paras = Vec::new();
    for chunk in text.split("\n\n") {
        let para: HtmlParagraph = chunk
            .split(HARD)
            .map(|line| {
                line.split('\n')
                    .map(|l| l.trim_matches([' ', '\t', '\r']))
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|pieces| !pieces.is_empty())
            .collect();
        if !para.is_empty() {
            paras.push(para);
        }
    }
    paras
}

/// Name of the tag that `tag` (starting with `<`) opens or closes, and whether it closes.
fn tag_name(tag: &str) -> Option<(&str, bool)> {
    let rest = tag.strip_prefix('<')?;
    let (rest, closing) = match rest.strip_prefix('/') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    (end > 0).then(|| (&rest[..end], closing))
}

/// Remove tags and comments; keep CDATA contents. With `blocks`, block-level tags become
/// newlines. A `<` that does not start a tag, or a tag never closed, is kept as text.
fn strip(html: &str, blocks: bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        if let Some(body) = tail.strip_prefix("<!--") {
            rest = body.find("-->").map_or("", |end| &body[end + 3..]);
            continue;
        }
        if let Some(body) = tail.strip_prefix("<![CDATA[") {
            let end = body.find("]]>").unwrap_or(body.len());
            out.push_str(&body[..end]);
            rest = body.get(end + 3..).unwrap_or("");
            continue;
        }
        let starts_tag = tail[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        match (starts_tag, tag_end(tail)) {
            (true, Some(end)) => {
                let tag = &tail[..end];
                if blocks {
                    out.push_str(block_separator(tag));
                }
                rest = &tail[end..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What a tag turns into when an HTML block is flattened.
fn block_separator(tag: &str) -> &'static str {
    let Some((name, closing)) = tag_name(tag) else {
        return "";
    };
    let is = |list: &[&str]| list.iter().any(|t| t.eq_ignore_ascii_case(name));
    if is(PARA_TAGS) {
        "\n\n"
    } else if is(LINE_TAGS) {
        HARD
    } else if is(CELL_TAGS) && !closing {
        " "
    } else {
        ""
    }
}

/// Byte index just past the `>` that ends the tag at the start of `s`, skipping quoted
/// attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// Decode named entities that occur in practice and all numeric ones; unknown ones are kept.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail
            .find(';')
            .filter(|&semi| semi <= 12)
            .and_then(|semi| entity(&tail[1..semi]).map(|c| (c, semi + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "times" => '×',
        "yen" => '¥',
        "euro" => '€',
        "laquo" => '«',
        "raquo" => '»',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_inline_tags() {
        assert_eq!(inline_text("<kbd>"), "");
        assert_eq!(inline_text("<!-- note -->"), "");
        assert_eq!(inline_text("<a title=\"x>y\">"), "");
        assert!(is_line_break("<br>"));
        assert!(is_line_break("<BR />"));
        assert!(!is_line_break("<b>"));
        assert!(!is_line_break("</br>"));
    }

    #[test]
    fn keeps_text_that_is_not_a_tag() {
        assert_eq!(inline_text("a < b"), "a < b");
        assert_eq!(inline_text("<unclosed"), "<unclosed");
        assert_eq!(inline_text("x<![CDATA[y]]>z"), "xyz");
    }

    #[test]
    fn flattens_blocks_into_paragraphs() {
        let html = "<div>\n<p>a &amp; b</p><p>日本<b>語</b>\nです</p>\n</div>\n";
        assert_eq!(
            block_paragraphs(html),
            [vec![vec!["a & b"]], vec![vec!["日本語", "です"]]]
        );
        let html = "<table><tr><td>名前</td><td>値</td></tr><tr><td>a</td></tr></table>";
        assert_eq!(block_paragraphs(html), [vec![vec!["名前 値"], vec!["a"]]]);
        assert_eq!(block_paragraphs("x<br>y"), [vec![vec!["x"], vec!["y"]]]);
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("&lt;&#65;&#x3042;&gt; &unknown; & &amp"),
            "<Aあ> &unknown; & &amp"
        );
    }
}
