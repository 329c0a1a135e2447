//! The block tree the parser builds and the layout reads: paragraphs and headings hold
//! resolved inline segments, containers hold blocks, and footnotes and link URLs are
//! collected beside the body.

use super::callout::Callout;
use super::fit::Align;
use super::inline::Segments;

/// A block-level element.
#[derive(Clone, Debug)]
pub(crate) enum Block {
    /// A paragraph; `tight` when it is the bare text of a tight list item.
    Para { segs: Segments, tight: bool },
    /// A heading of level 1..=6.
    Heading { level: u8, segs: Segments },
    /// A fenced or indented code block, text as written (ends with a newline).
    Code { lang: String, text: String },
    /// A block quote.
    Quote(Vec<Block>),
    /// A list; `start` is the first number of an ordered list.
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    /// A table.
    Table(Table),
    /// A thematic break.
    Rule,
    /// A paragraph that starts with an image alone on its line: a picture where pictures
    /// are shown (then the caption and the paragraph's other lines), else laid out as the
    /// paragraph `segs` (`[image: alt] [n]` and the rest as text).
    Image {
        /// The URL as written.
        url: String,
        /// The alt text as plain text.
        alt: String,
        /// The image's reference number in the link list.
        number: Option<usize>,
        /// The whole paragraph as text.
        segs: Segments,
        /// The caption line under the image (empty if none).
        caption: Segments,
        /// The paragraph's lines after the image and caption (empty if none).
        rest: Segments,
    },
    /// A Zenn or Qiita callout (`:::message`, `:::details`, `:::note`).
    Callout {
        callout: Callout,
        blocks: Vec<Block>,
    },
}

/// One list item.
#[derive(Clone, Debug, Default)]
pub(crate) struct Item {
    /// `Some(done)` for a task-list item.
    pub(crate) task: Option<bool>,
    /// Its content.
    pub(crate) blocks: Vec<Block>,
}

/// A table: column alignments, the header cells and the body rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    pub(crate) aligns: Vec<Align>,
    pub(crate) header: Vec<Segments>,
    pub(crate) rows: Vec<Vec<Segments>>,
}

/// A footnote definition with the number its references show.
#[derive(Clone, Debug)]
pub(crate) struct Footnote {
    pub(crate) number: usize,
    pub(crate) blocks: Vec<Block>,
}

/// A parsed document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Doc {
    pub(crate) blocks: Vec<Block>,
    pub(crate) footnotes: Vec<Footnote>,
    pub(crate) links: Vec<String>,
    /// True if the body had more elements than are read ([`super::budget::MAX_ELEMENTS`]).
    pub(crate) cut: bool,
}
