//! The parser's events with Zenn's paragraph-level syntax resolved: a paragraph that is a
//! callout marker becomes [`Ev::Marker`], a line that is an embed (`@[youtube](id)`) or a
//! paragraph that is one bare URL becomes [`Ev::Card`] on a line of its own, and an
//! emphasised line right under an image line becomes its caption. Everything else passes
//! through unchanged.

use std::collections::VecDeque;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::embeds::{self, Card};
use super::zenn_blocks::{self, Marker};

/// Paragraphs longer than this many events are passed through as they are (no embed or
/// caption is that long).
const MAX_BUFFERED: usize = 512;

/// One event for the block builder.
#[derive(Debug)]
pub(crate) enum Ev<'a> {
    /// A parser event, unchanged.
    Md(Event<'a>),
    /// A one-line card (its line already stands alone).
    Card(Card),
    /// The start (`true`) or end of an image's caption.
    Caption(bool),
    /// A callout marker paragraph.
    Marker(Marker),
}

/// [`Ev`]s from parser events.
pub(crate) struct Paragraphs<'a, I> {
    inner: I,
    queue: VecDeque<Ev<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Paragraphs<'a, I> {
    pub(crate) fn new(inner: I) -> Self {
        Paragraphs {
            inner,
            queue: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Paragraphs<'a, I> {
    type Item = Ev<'a>;

    fn next(&mut self) -> Option<Ev<'a>> {
        if let Some(ev) = self.queue.pop_front() {
            return Some(ev);
        }
        let event = self.inner.next()?;
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            return Some(Ev::Md(event));
        }
        let mut body = Vec::new();
        loop {
            match self.inner.next() {
                Some(Event::End(TagEnd::Paragraph)) => {
                    self.queue.extend(paragraph(body));
                    break;
                }
                Some(e) if body.len() < MAX_BUFFERED => body.push(e),
                other => {
                    // Too long to be Zenn syntax, or cut off: through as it came.
                    self.queue.push_back(Ev::Md(Event::Start(Tag::Paragraph)));
                    self.queue.extend(body.into_iter().map(Ev::Md));
                    self.queue.extend(other.map(Ev::Md));
                    break;
                }
            }
        }
        self.queue.pop_front()
    }
}

/// The events of one paragraph (without its start and end) as builder events.
fn paragraph(body: Vec<Event<'_>>) -> Vec<Ev<'_>> {
    if let Some(text) = all_text(&body) {
        if let Some(m) = zenn_blocks::marker(&text) {
            return vec![Ev::Marker(m)];
        }
        if let Some(card) = embeds::bare_url(&text) {
            return vec![
                Ev::Md(Event::Start(Tag::Paragraph)),
                Ev::Card(card),
                Ev::Md(Event::End(TagEnd::Paragraph)),
            ];
        }
    }
    let mut lines: Vec<(Vec<Event<'_>>, Option<Event<'_>>)> = vec![(Vec::new(), None)];
    for event in body {
        match event {
            Event::SoftBreak | Event::HardBreak => {
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
    let mut out = vec![Ev::Md(Event::Start(Tag::Paragraph))];
    let count = lines.len();
    for (i, ((line, brk), card)) in lines.into_iter().zip(cards.iter().cloned()).enumerate() {
        match card {
            Some(card) => out.push(Ev::Card(card)),
            None if captions[i] => {
                out.push(Ev::Caption(true));
                out.extend(line.into_iter().map(Ev::Md));
                out.push(Ev::Caption(false));
            }
            None => out.extend(line.into_iter().map(Ev::Md)),
        }
        if let Some(brk) = brk {
            let next = i + 1 < count;
            let alone = cards[i].is_some() || next && (cards[i + 1].is_some() || captions[i + 1]);
            out.push(Ev::Md(if alone { Event::HardBreak } else { brk }));
        }
    }
    out.push(Ev::Md(Event::End(TagEnd::Paragraph)));
    out
}

/// The concatenated text of events that are all plain text.
fn all_text(events: &[Event<'_>]) -> Option<String> {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) => text.push_str(t),
            _ => return None,
        }
    }
    Some(text)
}

/// The card of a line that is exactly `@[name](target)`.
fn embed_line(line: &[Event<'_>]) -> Option<Card> {
    let [
        Event::Text(at),
        Event::Start(Tag::Link { dest_url, .. }),
        inner @ ..,
        Event::End(TagEnd::Link),
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
fn is_image_line(line: &[Event<'_>]) -> bool {
    matches!(line.first(), Some(Event::Start(Tag::Image { .. })))
        && matches!(line.last(), Some(Event::End(TagEnd::Image)))
        && line
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Image { .. })))
            .count()
            == 1
}

/// True if the line is one emphasised run (`*caption*`) and nothing else.
fn is_emphasis_line(line: &[Event<'_>]) -> bool {
    if !matches!(line.first(), Some(Event::Start(Tag::Emphasis))) {
        return false;
    }
    let mut depth = 0usize;
    for (i, e) in line.iter().enumerate() {
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
        Paragraphs::new(Parser::new(src))
            .map(|ev| match ev {
                Ev::Md(Event::Start(Tag::Paragraph)) => "P".to_string(),
                Ev::Md(Event::End(TagEnd::Paragraph)) => "/P".to_string(),
                Ev::Md(Event::HardBreak) => "BR".to_string(),
                Ev::Md(Event::SoftBreak) => "soft".to_string(),
                Ev::Md(Event::Text(t)) => format!("'{t}'"),
                Ev::Md(e) => format!("{e:?}").chars().take(12).collect(),
                Ev::Card(c) => format!("card {}", c.url),
                Ev::Caption(on) => format!("caption {on}"),
                Ev::Marker(m) => format!("{m:?}"),
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
    fn marker_paragraphs_become_markers() {
        assert_eq!(kinds("\u{E000}0"), ["Open(0)"]);
        assert_eq!(kinds("\u{E001}"), ["Close"]);
    }
}
