//! pulldown-cmark events -> a small block tree that the layout can measure: blocks hold
//! resolved inline segments (styled spans), link references are numbered as they are met, and
//! footnote definitions are set aside to be laid out at the end.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{
    Alignment, BrokenLink, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};

use super::block::{Block, Doc, Footnote, Item, Table};
use super::budget::MAX_ELEMENTS;
use super::callout::Callout;
use super::cjk_emphasis::{self, Context};
use super::embeds::Card;
use super::fit::Align;
use super::inline::{self, Inline};
use super::money::Money;
use super::zenn_blocks::{self, Marker};
use super::zenn_events::{Ev, Paragraphs};
use super::{Glyphs, chunk, fence_info, html};
use crate::text::sanitize::sanitize_inline;
use crate::text::{Role, Style};

/// The extensions kiji supports.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_MATH);

/// Parse Markdown with the extensions kiji supports, reading at most [`MAX_ELEMENTS`] events
/// (`Doc::cut` tells whether there were more). A body longer than [`chunk::CHUNK`] is parsed
/// in pieces. Zenn's syntax is resolved on the way ([`zenn_blocks`], [`Paragraphs`]); cards
/// are marked with the glyphs of `g`. With `cjk_emphasis`, delimiter runs are paired again by
/// the CJK-friendly rules ([`cjk_emphasis`]), reading the source as [`zenn_blocks::prepare`]
/// left it (the parser's offsets are into that).
pub(crate) fn parse(source: &str, g: &'static Glyphs, cjk_emphasis: bool) -> Doc {
    let prepared = zenn_blocks::prepare(source);
    let source = prepared.source.as_ref();
    let mut b = Builder {
        glyphs: Some(g),
        callouts: prepared.callouts,
        cjk_emphasis,
        ..Builder::default()
    };
    if source.len() <= chunk::CHUNK {
        b.feed(source, Parser::new_ext(source, OPTIONS).into_offset_iter());
    } else {
        let defs = chunk::reference_definitions(source);
        for piece in chunk::split(source, chunk::CHUNK) {
            if b.cut {
                break;
            }
            let resolve = |link: BrokenLink<'_>| {
                defs.get(&chunk::label_key(&link.reference))
                    .map(|url| (CowStr::Borrowed(url), CowStr::Borrowed("")))
            };
            b.feed(
                piece,
                Parser::new_with_broken_link_callback(piece, OPTIONS, Some(resolve))
                    .into_offset_iter(),
            );
        }
    }
    b.finish()
}

/// Containers nested deeper than this are flattened into their parent: their text is kept,
/// their bars and markers are not. The layout recurses once per level, so this bounds the
/// stack it needs, and nothing that deep can be shown with its prefixes anyway.
const MAX_NESTING: usize = 48;

/// An open container.
#[derive(Debug)]
enum Frame {
    /// A container past [`MAX_NESTING`]: its blocks go to the parent when it closes.
    Flat(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    Item(Item),
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
    Table {
        table: Table,
        in_head: bool,
    },
    Callout(Callout, Vec<Block>),
}

/// What the open inline content will become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Para,
    Tight,
    Heading(u8),
    Cell,
}

#[derive(Debug)]
struct Open {
    kind: Kind,
    base: Style,
    inline: Inline,
}

#[derive(Debug, Default)]
struct Builder {
    root: Vec<Block>,
    stack: Vec<Frame>,
    open: Option<Open>,
    code: Option<(String, String)>,
    html: Option<String>,
    italic: u32,
    bold: u32,
    strike: u32,
    /// Reference numbers of the links being read (`None` for an empty destination).
    links_open: Vec<Option<usize>>,
    /// For each image being read: where its placeholder starts and its reference number.
    images_open: Vec<(usize, Option<usize>)>,
    links: Vec<String>,
    link_numbers: HashMap<String, usize>,
    /// Footnote labels (lower case) in the order of their numbers.
    note_order: Vec<String>,
    /// The number of each footnote label (lower case).
    note_numbers: HashMap<String, usize>,
    /// Events read so far.
    events: usize,
    /// Set when there were more than [`MAX_ELEMENTS`] events: the rest was not read.
    cut: bool,
    /// Pair delimiter runs left as text by the CJK-friendly rules.
    cjk_emphasis: bool,
    /// The elements (emphasis, links, images) open around the text being read, innermost
    /// last; emphasis pairs only inside one.
    scopes: Vec<u32>,
    /// Scopes handed out so far.
    last_scope: u32,
    /// Footnote definitions in source order.
    notes: Vec<(String, Vec<Block>)>,
    /// The glyphs cards are marked with.
    glyphs: Option<&'static Glyphs>,
    /// The callouts the body's markers open, in order, and how many were opened.
    callouts: Vec<Callout>,
    callouts_opened: usize,
    /// For each open callout, the stack depth its frame sits at.
    callout_frames: Vec<usize>,
    /// Inside an image caption.
    caption: u32,
    /// The open paragraph is one image (and its caption): what is known of it so far.
    picture: Option<Picture>,
}

/// The image of a paragraph that may be shown as a picture, as it is read.
#[derive(Debug, Default)]
struct Picture {
    url: Option<String>,
    alt: String,
    number: Option<usize>,
    /// Where the picture's lines end in the paragraph's inline pieces, when other lines
    /// follow them.
    split: Option<usize>,
}

impl Builder {
    /// Read events until they end or [`MAX_ELEMENTS`] have been read.
    fn feed<'a>(&mut self, source: &str, events: impl Iterator<Item = (Event<'a>, Range<usize>)>) {
        for ev in Paragraphs::new(Money::new(events)) {
            if self.events >= MAX_ELEMENTS {
                self.cut = true;
                break;
            }
            self.events += 1;
            match ev {
                Ev::Md(event, range) => self.event(event, source, range),
                Ev::Card(card) => self.card(card),
                Ev::Caption(true) => self.caption += 1,
                Ev::Caption(false) => self.caption = self.caption.saturating_sub(1),
                Ev::Marker(marker) => self.marker(marker),
                Ev::ImageParagraph => self.picture = Some(Picture::default()),
                Ev::PictureSplit => {
                    let at = self.inline().len();
                    if let Some(picture) = &mut self.picture {
                        picture.split = Some(at);
                    }
                }
            }
        }
    }

    /// A one-line card: its mark and service dim, what it shows as a numbered link.
    fn card(&mut self, card: Card) {
        let g = self
            .glyphs
            .unwrap_or(super::glyphs(crate::text::AmbiguousWidth::Narrow));
        let mut head = format!("{} ", if card.media { g.play } else { g.page });
        if let Some(service) = card.service {
            head.push_str(service);
            head.push_str(g.sep);
        }
        self.decoration(&head, Style::role(Role::Dim));
        let n = self.link_number(&card.url);
        let style = Style {
            underline: true,
            ..Style::role(Role::Link)
        };
        self.decoration(&card.shown, style);
        if let Some(n) = n {
            self.decoration(&format!("[{n}]"), Style::role(Role::LinkRef));
        }
    }

    /// A callout opens (the next one of the body's, in order) or the innermost one closes.
    fn marker(&mut self, marker: Marker) {
        match marker {
            Marker::Open(i) if i == self.callouts_opened => {
                let Some(callout) = self.callouts.get(i).cloned() else {
                    return;
                };
                self.callouts_opened += 1;
                self.callout_frames.push(self.stack.len());
                self.push_frame(Frame::Callout(callout, Vec::new()));
            }
            Marker::Open(_) => {}
            Marker::Close => {
                if let Some(depth) = self.callout_frames.pop() {
                    while self.stack.len() > depth {
                        self.pop_frame();
                    }
                }
            }
        }
    }

    fn event(&mut self, event: Event<'_>, source: &str, range: Range<usize>) {
        if self.cjk_emphasis {
            if let Some((opening, n)) = emphasis_delimiters(&event) {
                self.delimiters(source, range, opening, n);
                return;
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let (Some(picture), false) = (&mut self.picture, self.images_open.is_empty()) {
                    picture.alt.push_str(&t);
                }
                if let Some((_, code)) = &mut self.code {
                    code.push_str(&t);
                } else if let Some(h) = &mut self.html {
                    h.push_str(&t);
                } else if self.cjk_emphasis {
                    let scope = self.scopes.last().copied().unwrap_or(0);
                    match Context::new(source, range, &t, scope) {
                        Some(cx) if !t.is_empty() => {
                            let style = self.style();
                            self.inline().literal(&t, style, cx);
                        }
                        _ => self.text(&t, self.style()),
                    }
                } else {
                    self.text(&t, self.style());
                }
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let style = Style {
                    role: Role::Code,
                    ..self.style()
                };
                self.text(&t, style);
            }
            Event::Html(t) => match &mut self.html {
                Some(h) => h.push_str(&t),
                None => self.html_block(&t),
            },
            Event::InlineHtml(t) => {
                if html::is_line_break(&t) {
                    self.inline().hard_break();
                } else {
                    let text = html::inline_text(&t);
                    self.text(&text, self.style());
                }
            }
            Event::FootnoteReference(label) => {
                let n = self.note_number(&label);
                self.decoration(&format!("[^{n}]"), Style::role(Role::LinkRef));
            }
            Event::SoftBreak => self.inline().soft_break(),
            Event::HardBreak => self.inline().hard_break(),
            Event::Rule => {
                self.close_inline();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                if let Some(Frame::Item(item)) = self.stack.last_mut() {
                    item.task = Some(done);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.open_inline(Kind::Para, Style::default()),
            Tag::Heading { level, .. } => {
                let level = level as u8;
                let style = Style {
                    bold: true,
                    ..Style::role(Role::Heading(level))
                };
                self.open_inline(Kind::Heading(level), style);
            }
            Tag::BlockQuote(_) => self.push_frame(Frame::Quote(Vec::new())),
            Tag::CodeBlock(kind) => {
                self.close_inline();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => fence_info::label(&info),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::HtmlBlock => {
                self.close_inline();
                self.html = Some(String::new());
            }
            Tag::List(start) => self.push_frame(Frame::List {
                start,
                items: Vec::new(),
            }),
            Tag::Item => self.push_frame(Frame::Item(Item::default())),
            Tag::FootnoteDefinition(label) => self.push_frame(Frame::Footnote {
                label: label.to_lowercase(),
                blocks: Vec::new(),
            }),
            Tag::Table(aligns) => self.push_frame(Frame::Table {
                table: Table {
                    aligns: aligns.iter().map(|a| align(*a)).collect(),
                    ..Table::default()
                },
                in_head: false,
            }),
            Tag::TableHead => self.with_table(|_, in_head| *in_head = true),
            Tag::TableRow => self.with_table(|t, _| t.rows.push(Vec::new())),
            Tag::TableCell => {
                let mut head = false;
                self.with_table(|_, in_head| head = *in_head);
                let base = if head {
                    Style {
                        bold: true,
                        ..Style::role(Role::TableHeader)
                    }
                } else {
                    Style::default()
                };
                self.open_inline(Kind::Cell, base);
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                dest_url,
                ..
            } => {
                self.inline();
                let n = self.link_number(&dest_url);
                self.links_open.push(n);
                self.scopes.push(cjk_emphasis::NO_SCOPE);
            }
            Tag::Link { dest_url, .. } => {
                self.open_scope();
                self.inline();
                let n = self.link_number(&dest_url);
                self.links_open.push(n);
            }
            Tag::Image { dest_url, .. } => {
                self.open_scope();
                let n = self.link_number(&dest_url);
                if let Some(picture) = self.picture.as_mut().filter(|p| p.url.is_none()) {
                    picture.url = Some(dest_url.to_string());
                    picture.number = n;
                }
                let at = self.inline().len();
                self.decoration("[image: ", Style::role(Role::Dim));
                self.images_open.push((at, n));
            }
            // Not enabled in the parser options; their content is kept as ordinary text.
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => self.close_inline(),
            TagEnd::CodeBlock => {
                if let Some((lang, text)) = self.code.take() {
                    self.push_block(Block::Code { lang, text });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(raw) = self.html.take() {
                    self.html_block(&raw);
                }
            }
            TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table => self.pop_frame(),
            TagEnd::TableHead => self.with_table(|_, in_head| *in_head = false),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => {
                self.scopes.pop();
                if let Some(Some(n)) = self.links_open.pop() {
                    self.decoration(&format!("[{n}]"), Style::role(Role::LinkRef));
                }
            }
            TagEnd::Image => {
                self.scopes.pop();
                if let Some((at, n)) = self.images_open.pop() {
                    let inline = self.inline();
                    if inline.len() == at + 1 {
                        inline.replace_text(at, "[image");
                    }
                    self.decoration("]", Style::role(Role::Dim));
                    if let Some(n) = n {
                        self.decoration(&format!(" [{n}]"), Style::role(Role::LinkRef));
                    }
                }
            }
            TagEnd::TableRow
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// The delimiters of an emphasis pulldown-cmark paired, put back as the text they were
    /// written as (`n` characters at the start or the end of `range`), for
    /// [`cjk_emphasis`] to pair again with every other run of the block.
    fn delimiters(&mut self, source: &str, range: Range<usize>, opening: bool, n: Option<usize>) {
        let Some(element) = source.get(range.clone()) else {
            return;
        };
        let at = if opening {
            element.chars().next()
        } else {
            element.chars().next_back()
        };
        let Some(ch) = at.filter(|c| matches!(c, '*' | '_' | '~')) else {
            return;
        };
        let written = if opening {
            element.len() - element.trim_start_matches(ch).len()
        } else {
            element.len() - element.trim_end_matches(ch).len()
        };
        let n = n.unwrap_or(written).min(written).min(2);
        let run = if opening {
            range.start..range.start + n
        } else {
            range.end - n..range.end
        };
        let scope = self.scopes.last().copied().unwrap_or(0);
        let text = &source[run.clone()];
        if let Some(cx) = Context::new(source, run, text, scope) {
            let style = self.style();
            self.inline().paired_delimiter(text, style, cx);
        }
    }

    /// Open a new element that emphasis does not cross.
    fn open_scope(&mut self) {
        self.last_scope += 1;
        self.scopes.push(self.last_scope);
    }

    /// The style for text at this point: the block's base style plus open emphasis, links
    /// and images.
    fn style(&self) -> Style {
        let mut s = self.open.as_ref().map(|o| o.base).unwrap_or_default();
        s.italic |= self.italic > 0;
        s.bold |= self.bold > 0;
        s.strike |= self.strike > 0;
        if !self.images_open.is_empty() || self.caption > 0 {
            s.role = Role::Dim;
        } else if !self.links_open.is_empty() {
            s.role = Role::Link;
            s.underline = true;
        }
        s
    }

    /// The open inline content, opening a bare (tight) paragraph if there is none: tight
    /// list items hold text without a paragraph around it.
    fn inline(&mut self) -> &mut Inline {
        let open = self.open.get_or_insert_with(|| Open {
            kind: Kind::Tight,
            base: Style::default(),
            inline: Inline::default(),
        });
        &mut open.inline
    }

    fn text(&mut self, text: &str, style: Style) {
        if !text.is_empty() {
            self.inline().text(text, style);
        }
    }

    /// Text the renderer adds (reference numbers, image brackets, cards) in a style of its
    /// own, which emphasis paired around it does not change.
    fn decoration(&mut self, text: &str, style: Style) {
        if !text.is_empty() {
            self.inline().decoration(text, style);
        }
    }

    fn open_inline(&mut self, kind: Kind, base: Style) {
        self.close_inline();
        self.open = Some(Open {
            kind,
            base,
            inline: Inline::default(),
        });
    }

    /// Turn the open inline content into its block (or table cell).
    fn close_inline(&mut self) {
        let Some(mut open) = self.open.take() else {
            return;
        };
        let picture = self.picture.take();
        let parts = match (&picture, open.kind) {
            (Some(p), Kind::Para) => Some(p.split.map(|at| open.inline.split_at(at))),
            _ => None,
        };
        if self.cjk_emphasis {
            open.inline.pair_cjk_emphasis();
        }
        let finish = |mut inline: Inline, cjk: bool| {
            if cjk {
                inline.pair_cjk_emphasis();
            }
            inline.finish()
        };
        let segs = open.inline.finish();
        let (caption, rest) = match parts {
            Some(Some((head, tail))) => {
                let head = finish(head, self.cjk_emphasis);
                (head[1..].to_vec(), finish(tail, self.cjk_emphasis))
            }
            Some(None) => (segs[1..].to_vec(), Vec::new()),
            None => (Vec::new(), Vec::new()),
        };
        match open.kind {
            Kind::Cell => self.with_table(|t, in_head| {
                if *in_head {
                    t.header.push(segs);
                } else if let Some(row) = t.rows.last_mut() {
                    row.push(segs);
                }
            }),
            _ if inline::is_empty(&segs) => {}
            Kind::Para => match picture.and_then(|p| Some((p.url?, p.alt, p.number))) {
                Some((url, alt, number)) => self.push_block(Block::Image {
                    url,
                    alt: sanitize_inline(&alt),
                    number,
                    segs,
                    caption,
                    rest,
                }),
                None => self.push_block(Block::Para { segs, tight: false }),
            },
            Kind::Tight => self.push_block(Block::Para { segs, tight: true }),
            Kind::Heading(level) => self.push_block(Block::Heading { level, segs }),
        }
    }

    fn with_table(&mut self, f: impl FnOnce(&mut Table, &mut bool)) {
        if let Some(Frame::Table { table, in_head }) = self.stack.last_mut() {
            f(table, in_head);
        }
    }

    fn push_frame(&mut self, frame: Frame) {
        self.close_inline();
        if self.stack.len() >= MAX_NESTING {
            self.stack.push(Frame::Flat(Vec::new()));
        } else {
            self.stack.push(frame);
        }
    }

    /// Close the innermost container and hand its content to the one around it.
    fn pop_frame(&mut self) {
        self.close_inline();
        match self.stack.pop() {
            Some(Frame::Quote(blocks)) => self.push_block(Block::Quote(blocks)),
            Some(Frame::List { start, items }) => self.push_block(Block::List { start, items }),
            Some(Frame::Item(item)) => match self.stack.last_mut() {
                Some(Frame::List { items, .. }) => items.push(item),
                _ => item.blocks.into_iter().for_each(|b| self.push_block(b)),
            },
            Some(Frame::Footnote { label, blocks }) => self.notes.push((label, blocks)),
            Some(Frame::Table { table, .. }) => self.push_block(Block::Table(table)),
            Some(Frame::Callout(callout, blocks)) => {
                self.push_block(Block::Callout { callout, blocks })
            }
            Some(Frame::Flat(blocks)) => blocks.into_iter().for_each(|b| self.push_block(b)),
            None => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(
                Frame::Quote(blocks)
                | Frame::Footnote { blocks, .. }
                | Frame::Flat(blocks)
                | Frame::Callout(_, blocks),
            ) => blocks.push(block),
            Some(Frame::Item(item)) => item.blocks.push(block),
            Some(Frame::List { items, .. }) => items.push(Item {
                task: None,
                blocks: vec![block],
            }),
            Some(Frame::Table { .. }) | None => self.root.push(block),
        }
    }

    /// An HTML block becomes paragraphs of its text.
    fn html_block(&mut self, raw: &str) {
        for para in html::block_paragraphs(raw) {
            let mut inline = Inline::default();
            for (i, line) in para.iter().enumerate() {
                if i > 0 {
                    inline.hard_break();
                }
                for (j, piece) in line.iter().enumerate() {
                    if j > 0 {
                        inline.soft_break();
                    }
                    inline.text(piece, Style::default());
                }
            }
            let segs = inline.finish();
            if !inline::is_empty(&segs) {
                self.push_block(Block::Para { segs, tight: false });
            }
        }
    }

    /// The reference number of a URL (the same URL keeps its number); `None` if empty.
    fn link_number(&mut self, url: &str) -> Option<usize> {
        let url = sanitize_inline(url);
        if url.is_empty() {
            return None;
        }
        if let Some(&n) = self.link_numbers.get(&url) {
            return Some(n);
        }
        self.links.push(url.clone());
        let n = self.links.len();
        self.link_numbers.insert(url, n);
        Some(n)
    }

    fn note_number(&mut self, label: &str) -> usize {
        let key = label.to_lowercase();
        if let Some(&n) = self.note_numbers.get(&key) {
            return n;
        }
        self.note_order.push(key.clone());
        let n = self.note_order.len();
        self.note_numbers.insert(key, n);
        n
    }

    fn finish(mut self) -> Doc {
        self.close_inline();
        while !self.stack.is_empty() {
            self.pop_frame();
        }
        let mut footnotes = Vec::new();
        let mut defined = std::collections::HashSet::new();
        for (label, blocks) in std::mem::take(&mut self.notes) {
            let number = self.note_number(&label);
            if !defined.insert(number) {
                continue; // a second definition of the same label
            }
            footnotes.push(Footnote { number, blocks });
        }
        footnotes.sort_by_key(|f| f.number);
        Doc {
            blocks: self.root,
            footnotes,
            links: self.links,
            cut: self.cut,
        }
    }
}

/// For the start or end of an emphasis element: whether it opens, and how many delimiter
/// characters it takes (`None` for strikethrough: as many `~` as were written, one or two).
fn emphasis_delimiters(event: &Event<'_>) -> Option<(bool, Option<usize>)> {
    match event {
        Event::Start(Tag::Emphasis) => Some((true, Some(1))),
        Event::Start(Tag::Strong) => Some((true, Some(2))),
        Event::Start(Tag::Strikethrough) => Some((true, None)),
        Event::End(TagEnd::Emphasis) => Some((false, Some(1))),
        Event::End(TagEnd::Strong) => Some((false, Some(2))),
        Event::End(TagEnd::Strikethrough) => Some((false, None)),
        _ => None,
    }
}

fn align(a: Alignment) -> Align {
    match a {
        Alignment::Right => Align::Right,
        Alignment::Center => Align::Center,
        Alignment::Left | Alignment::None => Align::Left,
    }
}
