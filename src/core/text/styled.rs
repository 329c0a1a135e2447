//! Styled text that the core lays out and the front ends paint: spans carry a semantic role
//! (what the text is) plus emphasis flags; colours are chosen by whoever paints them.

/// What a piece of text is, so a theme (or the ANSI printer) can colour it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Role {
    /// Ordinary body text.
    #[default]
    Text,
    /// The article title in the header.
    Title,
    /// Date, category and other metadata in the header.
    Meta,
    /// A tag chip (numbered in the header).
    Tag,
    /// The article's description in the header.
    Description,
    /// A heading of the given level (1..=6).
    Heading(u8),
    /// Inline code.
    Code,
    /// A line of a fenced or indented code block.
    CodeBlock,
    /// Link text.
    Link,
    /// A numbered reference mark such as `[3]` and the URL list at the end.
    LinkRef,
    /// Text inside a block quote, and its bar.
    Quote,
    /// List bullets, numbers and task boxes.
    ListMarker,
    /// Table borders and separators.
    TableBorder,
    /// A table header cell.
    TableHeader,
    /// A horizontal rule.
    Rule,
    /// Continuation marks, image placeholders and other hints that are not source text.
    Dim,
}

/// How a span looks: its role plus emphasis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// What the text is.
    pub role: Role,
    /// Strong emphasis.
    pub bold: bool,
    /// Emphasis.
    pub italic: bool,
    /// Underlined (links).
    pub underline: bool,
    /// Struck through.
    pub strike: bool,
}

impl Style {
    /// A plain style with the given role.
    pub const fn role(role: Role) -> Self {
        Style {
            role,
            bold: false,
            italic: false,
            underline: false,
            strike: false,
        }
    }
}

/// A run of text in one style. The text is sanitised: no control characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// How it looks.
    pub style: Style,
}

impl Span {
    /// A span of `text` in `style`.
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Span {
            text: text.into(),
            style,
        }
    }

    /// A span of plain body text.
    pub fn plain(text: impl Into<String>) -> Self {
        Span::new(text, Style::default())
    }
}

/// One laid-out line: spans whose total display width never exceeds the width it was made for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The spans, left to right.
    pub spans: Vec<Span>,
}

impl Line {
    /// A line made of the given spans.
    pub fn from_spans(spans: Vec<Span>) -> Self {
        Line { spans }
    }

    /// The text of the line without styles.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Display width of the line under the given ambiguous-width setting.
    pub fn width(&self, ambiguous: super::AmbiguousWidth) -> usize {
        self.spans
            .iter()
            .map(|s| super::str_width(&s.text, ambiguous))
            .sum()
    }
}
