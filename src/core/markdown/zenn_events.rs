//! The parser's events with Zenn's paragraph-level syntax resolved: a paragraph that is a
//! callout marker becomes [`Ev::Marker`], a line that is an embed (`@[youtube](id)`) or a
//! paragraph that is one bare URL becomes [`Ev::Card`] on a line of its own, and an
//! emphasised line right under an image line becomes its caption. Everything else passes
//! through unchanged, with its source range; a card, caption or marker has none.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::embeds::{self, Card};
use super::zenn_blocks::{self, Marker};

/// Paragraphs longer than this many events are passed through as they are (no embed or
/// caption is that long).
const MAX_BUFFERED: usize = 512;

/// A parser event and the source it covers.
type Ranged<'a> = (Event<'a>, Range<usize>);

/// One event for the block builder.
#[derive(Debug)]
pub(crate) enum Ev<'a> {
    /// A parser event, unchanged, and its source range.
    Md(Event<'a>, Range<usize>),
    /// A one-line card (its line already stands alone).
    Card(Card),
    /// The start (`true`) or end of an image's caption.
    Caption(bool),
    /// A callout marker paragraph.
    Marker(Marker),
    /// Right after a paragraph's start: the paragraph starts with an image alone on its line,
    /// so it may be shown as a picture (with the caption line under it, if any).
    ImageParagraph,
    /// In such a paragraph, where the picture's lines (the image and its caption) end and
    /// the paragraph's other lines begin (before the line break between them).
    PictureSplit,
}

/// [`Ev`]s from parser events.
pub(crate) struct Paragraphs<'a, I> {
    inner: I,
    queue: VecDeque<Ev<'a>>,
}

impl<'a, I: Iterator<Item = Ranged<'a>>> Paragraphs<'a, I> {
    pub(crate) fn new(inner: I) -> Self {
        Paragraphs {
            inner,
            queue: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Ranged<'a>>> Iterator for Paragraphs<'a, I> {
    type Item = Ev<'a>;

    fn next(&mut self) -> Option<Ev<'a>> {
        if let Some(ev) = self.queue.pop_front() {
            return Some(ev);
        }
        let (event, range) = self.inner.next()?;
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            return Some(Ev::Md(event, range));
        }
        let start = (event, range);
        let mut body = Vec::new();
        loop {
            match self.inner.next() {
                Some(end @ (Event::End(TagEnd::Paragraph), _)) => {
                    self.queue.extend(paragraph(start, body, end));
                    break;
                }
                Some(e) if body.len() < MAX_BUFFERED => body.push(e),
                other => {
                    // Too long to be Zenn syntax, or cut off: through as it came.
                    self.queue.push_back(md(start));
                    self.queue.extend(body.into_iter().map(md));
                    self.queue.extend(other.map(md));
                    break;
                }
            }
        }
        self.queue.pop_front()
    }
}

fn md(ranged: Ranged<'_>) -> Ev<'_> {
    Ev::Md(ranged.0, ranged.1)
}

/// The events of one paragraph (its start, the events inside, its end) as builder events.
fn paragraph<'a>(start: Ranged<'a>, body: Vec<Ranged<'a>>, end: Ranged<'a>) -> Vec<Ev<'a>> {
    if let Some(text) = all_text(&body) {
        if let Some(m) = zenn_blocks::marker(&text) {
            return vec![Ev::Marker(m)];
        }
        if let Some(card) = embeds::bare_url(&text) {
            return vec![md(start), Ev::Card(card), md(end)];
        }
    }
    type Line<'a> = (Vec<Ranged<'a>>, Option<Ranged<'a>>);
    let mut lines: Vec<Line<'a>> = vec![(Vec::new(), None)];
    for event in body {
        match event {
            (Event::SoftBreak | Event::HardBreak, _) => {
                if let Some(last) = lines.last_mut() {
                    last.1 = Some(event);
                }
                lines.push((Vec::new(), None));
            }
            e => {
                if let Some(last) = lines.last_mut() {
                    last.0.push(e);
                }
            }
        }
    }
    let cards: Vec<Option<Card>> = lines.iter().map(|(line, _)| embed_line(line)).collect();
    let captions: Vec<bool> = (0..lines.len())
        .map(|i| i > 0 && is_image_line(&lines[i - 1].0) && is_emphasis_line(&lines[i].0))
        .collect();
    let mut out = vec![md(start)];
    // How many lines the picture takes: the image's, and its caption's.
    let picture = match lines.first() {
        Some((image, _)) if is_image_line(image) => {
            Some(1 + usize::from(captions.get(1) == Some(&true)))
        }
        _ => None,
    };
    if picture.is_some() {
        out.push(Ev::ImageParagraph);
    }
    let count = lines.len();
    for (i, ((line, brk), card)) in lines.into_iter().zip(cards.iter().cloned()).enumerate() {
        match card {
            Some(card) => out.push(Ev::Card(card)),
            None if captions[i] => {
                out.push(Ev::Caption(true));
                out.extend(line.into_iter().map(md));
                out.push(Ev::Caption(false));
            }
            None => out.extend(line.into_iter().map(md)),
        }
        if picture == Some(i + 1) && i + 1 < count {
            out.push(Ev::PictureSplit);
        }
        if let Some((brk, range)) = brk {
            let next = i + 1 < count;
            let alone = cards[i].is_some() || next && (cards[i + 1].is_some() || captions[i + 1]);
            out.push(Ev::Md(if alone { Event::HardBreak } else { brk }, range));
        }
    }
    out.push(md(end));
    out
}

/// The concatenated text of events that are all plain text.
fn all_text(events: &[Ranged<'_>]) -> Option<String> {
    let mut text = String::new();
    for e in events {
        match e {
            (Event::Text(t), _) => text.push_str(t),
            _ => return None,
        }
    }
    Some(text)
}

/// The card of a line that is exactly `@[name](target)`.
fn embed_line(line: &[Ranged<'_>]) -> Option<Card> {
    let [
        (Event::Text(at), _),
        (Event::Start(Tag::Link { dest_url, .. }), _),
        inner @ ..,
        (Event::End(TagEnd::Link), _),
    ] = line
    else {
        return None;
    };
    if at.trim_start() != "@" {
        return None;
    }
    let name = all_text(inner)?;
    embeds::embed(&name, dest_url)
}

/// True if the line is one image and nothing else.
fn is_image_line(line: &[Ranged<'_>]) -> bool {
    matches!(line.first(), Some((Event::Start(Tag::Image { .. }), _)))
        && matches!(line.last(), Some((Event::End(TagEnd::Image), _)))
        && line
            .iter()
            .filter(|e| matches!(e, (Event::Start(Tag::Image { .. }), _)))
            .count()
            == 1
}

/// True if the line is one emphasised run (`*caption*`) and nothing else.
fn is_emphasis_line(line: &[Ranged<'_>]) -> bool {
    if !matches!(line.first(), Some((Event::Start(Tag::Emphasis), _))) {
        return false;
    }
    let mut depth = 0usize;
    for (i, (e, _)) in line.iter().enumerate() {
        match e {
            Event::Start(Tag::Emphasis) => depth += 1,
            Event::End(TagEnd::Emphasis) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1 == line.len();
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        Paragraphs::new(Parser::new(src).into_offset_iter())
            .map(|ev| match ev {
                Ev::Md(Event::Start(Tag::Paragraph), _) => "P".to_string(),
                Ev::Md(Event::End(TagEnd::Paragraph), _) => "/P".to_string(),
                Ev::Md(Event::HardBreak, _) => "BR".to_string(),
                Ev::Md(Event::SoftBreak, _) => "soft".to_string(),
                Ev::Md(Event::Text(t), _) => format!("'{t}'"),
                Ev::Md(e, _) => format!("{e:?}").chars().take(12).collect(),
                Ev::Card(c) => format!("card {}", c.url),
                Ev::Caption(on) => format!("caption {on}"),
                Ev::Marker(m) => format!("{m:?}"),
                Ev::ImageParagraph => "picture".to_string(),
                Ev::PictureSplit => "split".to_string(),
            })
            .collect()
    }

    #[test]
    fn embed_lines_stand_alone_between_text_lines() {
        assert_eq!(
            kinds("前\n@[youtube](abc)\n後"),
            [
                "P",
                "'前'",
                "BR",
                "card https://www.youtube.com/watch?v=abc",
                "BR",
                "'後'",
                "/P"
            ]
        );
        // Not alone on its line: left as a link.
        assert!(
            !kinds("見て @[youtube](abc)")
                .iter()
                .any(|k| k.starts_with("card"))
        );
    }

    #[test]
    fn only_a_paragraph_of_one_url_is_a_card() {
        assert_eq!(
            kinds("https://example.com/a"),
            ["P", "card https://example.com/a", "/P"]
        );
        assert!(
            !kinds("https://example.com/a を参照")
                .iter()
                .any(|k| k.starts_with("card"))
        );
    }

    #[test]
    fn an_emphasis_line_under_an_image_is_its_caption() {
        let k = kinds("![猫](c.png)\n*写真のキャプション*");
        let at = k.iter().position(|s| s == "caption true");
        assert!(at.is_some(), "{k:?}");
        assert!(k.contains(&"BR".to_string()) && !k.contains(&"soft".to_string()));
        assert!(!kinds("文\n*強調*").iter().any(|s| s.starts_with("caption")));
    }

    #[test]
    fn a_paragraph_that_starts_with_an_image_line_may_be_a_picture() {
        assert_eq!(kinds("![猫](c.png)")[..2], ["P", "picture"]);
        assert!(!kinds("![猫](c.png)").contains(&"split".to_string()));
        assert_eq!(kinds("![猫](c.png)\n*写真*")[..2], ["P", "picture"]);
        let k = kinds("![猫](c.png)\n続く文");
        assert_eq!(k[..2], ["P", "picture"]);
        let split = k.iter().position(|s| s == "split");
        assert_eq!(
            split.and_then(|i| k.get(i + 1)).map(String::as_str),
            Some("soft")
        );
        let k = kinds("![猫](c.png)\n*写真*\nもう一行");
        let split = k.iter().position(|s| s == "split").unwrap_or(0);
        assert_eq!(
            k[split - 1..split + 3],
            ["caption false", "split", "soft", "'もう一行'"]
        );
        for not_alone in [
            "見て ![猫](c.png)",
            "![猫](c.png) と ![犬](d.png)",
            "前の文\n![猫](c.png)",
        ] {
            assert!(
                !kinds(not_alone).contains(&"picture".to_string()),
                "{not_alone}"
            );
        }
    }

    #[test]
    fn events_keep_their_source_ranges() {
        let src =
            "前の**文**\n@[youtube](abc)\n後\n\n![猫](c.png)\n*写真*\n\nhttps://example.com/a";
        let mut texts = 0;
        for ev in Paragraphs::new(Parser::new(src).into_offset_iter()) {
            match ev {
                Ev::Md(Event::Text(t), range) => {
                    assert_eq!(&src[range], t.as_ref());
                    texts += 1;
                }
                Ev::Md(Event::Start(Tag::Strong), range) => assert_eq!(&src[range], "**文**"),
                Ev::Md(Event::Start(Tag::Emphasis), range) => assert_eq!(&src[range], "*写真*"),
                _ => {}
            }
        }
        assert_eq!(texts, 5);
    }

    #[test]
    fn marker_paragraphs_become_markers() {
        assert_eq!(kinds("\u{E000}0"), ["Open(0)"]);
        assert_eq!(kinds("\u{E001}"), ["Close"]);
    }
}
