//! Zenn and Qiita callout blocks (`:::message`, `:::details Title`, `:::note warn`): what
//! kind each is, the label it shows, and its frame: a top rule carrying the label, a bar
//! before every content line and a bottom rule, shrinking like a block quote's bar when the
//! width is too small.

use crate::text::{Line, Role, Span, Style, str_width};

use super::block::Block;
use super::fit::{indent, repeat, wrap};
use super::layout::{Cx, MIN_INNER};

/// What a callout block is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Callout {
    /// Zenn `:::message`.
    Message,
    /// Zenn `:::message alert`.
    Alert,
    /// Zenn `:::details Title` (the title may be empty).
    Details(String),
    /// Qiita `:::note info` (also a bare `:::note`).
    NoteInfo,
    /// Qiita `:::note warn`.
    NoteWarn,
    /// Qiita `:::note alert`.
    NoteAlert,
}

impl Callout {
    /// The kind named by an opening line's words after the colons (`message alert`,
    /// `details タイトル`, `note warn`), or `None` if they name no callout.
    pub(crate) fn from_info(info: &str) -> Option<Callout> {
        let info = info.trim();
        let (name, rest) = match info.split_once(char::is_whitespace) {
            Some((name, rest)) => (name, rest.trim()),
            None => (info, ""),
        };
        match name {
            "message" if rest == "alert" => Some(Callout::Alert),
            "message" => Some(Callout::Message),
            "details" => Some(Callout::Details(rest.to_string())),
            "note" => Some(match rest {
                "warn" => Callout::NoteWarn,
                "alert" => Callout::NoteAlert,
                _ => Callout::NoteInfo,
            }),
            _ => None,
        }
    }

    /// The label shown in the frame's top rule, in English or else in Japanese.
    pub(crate) fn label(&self, english: bool) -> String {
        if english {
            return match self {
                Callout::Message => "Message".to_string(),
                Callout::Alert | Callout::NoteWarn => "Caution".to_string(),
                Callout::Details(title) if title.is_empty() => "Details".to_string(),
                Callout::Details(title) => {
                    format!("Details: {}", crate::text::sanitize::sanitize_inline(title))
                }
                Callout::NoteInfo => "Note".to_string(),
                Callout::NoteAlert => "Warning".to_string(),
            };
        }
        match self {
            Callout::Message => "メッセージ".to_string(),
            Callout::Alert | Callout::NoteWarn => "注意".to_string(),
            Callout::Details(title) if title.is_empty() => "詳細".to_string(),
            Callout::Details(title) => {
                format!("詳細: {}", crate::text::sanitize::sanitize_inline(title))
            }
            Callout::NoteInfo => "補足".to_string(),
            Callout::NoteAlert => "警告".to_string(),
        }
    }
}

/// Lay out a callout's blocks inside its frame at `width` columns.
pub(crate) fn layout(
    callout: &Callout,
    blocks: &[Block],
    width: usize,
    depth: usize,
    cx: &Cx<'_>,
) -> Vec<Line> {
    let amb = cx.amb();
    let g = cx.g;
    let frame = Style::role(Role::Quote);
    let label_style = Style {
        bold: true,
        ..frame
    };
    let label = callout.label(cx.english_labels);
    let lead = format!("{}{} ", g.corners[0][0], g.horizontal);
    let lead_w = str_width(&lead, amb);
    let label_w = str_width(&label, amb);
    let mut out = Vec::new();
    // The label rides on the top rule when it fits with a little rule after it; otherwise
    // the rule is plain and the label is wrapped as the first content line.
    let label_on_top = lead_w + label_w + 2 <= width;
    let top = if label_on_top {
        let rest = width - lead_w - label_w - 1;
        vec![
            Span::new(lead, frame),
            Span::new(label.clone(), label_style),
            Span::new(" ", frame),
            repeat(g.horizontal, rest, frame, amb),
        ]
    } else {
        corner_rule(g.corners[0][0], g.horizontal, width, frame, cx)
    };
    out.extend(cx.budget.keep(vec![Line::from_spans(top)]));

    let bar = g.vertical;
    let full = format!("{bar} ");
    let prefix = [full.as_str(), bar]
        .into_iter()
        .find(|p| width >= str_width(p, amb) + MIN_INNER);
    let inner = width - prefix.map_or(0, |p| str_width(p, amb));
    let mut content = Vec::new();
    if !label_on_top {
        let spans = [Span::new(label, label_style)];
        content.extend(
            cx.budget
                .nested(|| cx.budget.keep(wrap(&spans, inner, cx.opts))),
        );
    }
    content.extend(cx.budget.nested(|| cx.blocks(blocks, inner, depth)));
    match prefix {
        Some(p) => {
            let p = [Span::new(p, frame)];
            out.extend(indent(content, &p, &p));
        }
        None => out.extend(content),
    }
    let bottom = corner_rule(g.corners[2][0], g.horizontal, width, frame, cx);
    out.extend(cx.budget.keep(vec![Line::from_spans(bottom)]));
    out
}

/// A corner followed by a rule to `width` columns (only as much of it as fits).
fn corner_rule(corner: &str, line: &str, width: usize, style: Style, cx: &Cx<'_>) -> Vec<Span> {
    let amb = cx.amb();
    let corner_w = str_width(corner, amb);
    if width < corner_w {
        return vec![repeat(line, width, style, amb)];
    }
    vec![
        Span::new(corner, style),
        repeat(line, width - corner_w, style, amb),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_words_name_the_kind() {
        assert_eq!(Callout::from_info("message"), Some(Callout::Message));
        assert_eq!(Callout::from_info("message alert"), Some(Callout::Alert));
        assert_eq!(
            Callout::from_info("details 長い 題名"),
            Some(Callout::Details("長い 題名".to_string()))
        );
        assert_eq!(Callout::from_info("note"), Some(Callout::NoteInfo));
        assert_eq!(Callout::from_info("note warn"), Some(Callout::NoteWarn));
        assert_eq!(Callout::from_info("note alert"), Some(Callout::NoteAlert));
        assert_eq!(Callout::from_info("tip"), None);
        assert_eq!(Callout::from_info(""), None);
    }

    #[test]
    fn labels_are_japanese_and_carry_the_details_title() {
        assert_eq!(Callout::Alert.label(false), "注意");
        assert_eq!(
            Callout::Details("コード".into()).label(false),
            "詳細: コード"
        );
        assert_eq!(Callout::Details(String::new()).label(false), "詳細");
        assert_eq!(Callout::Details("Code".into()).label(true), "Details: Code");
        assert_eq!(Callout::NoteAlert.label(true), "Warning");
    }
}
