//! A whole article laid out for reading: the header (title, meta line with numbered tags,
//! description, rule), the Markdown body and the link list, plus a small cache so scrolling
//! and redraws never lay an article out twice at the same width.

use std::collections::VecDeque;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::article::Article;
use crate::images::{ImageBlock, ImageSizer, SizerKey};
use crate::markdown::fit::wrap;
use crate::markdown::{Cut, MAX_LINES, MAX_SPANS, glyphs, link_lines, render_body, rule_line};
use crate::text::sanitize::sanitize_inline;
use crate::text::{LayoutOptions, Line, Role, Span, Style};

/// How many tags get a number in the header: the reader filters by the n-th tag with the
/// keys `1` to `9`.
pub const NUMBERED_TAGS: usize = 9;

/// An article laid out at one width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleLayout {
    /// Header, blank line, body, then the link list; each line no wider than the width.
    pub lines: Vec<Line>,
    /// Link and image URLs: `links[i]` is what `[i+1]` in the body points to.
    pub links: Vec<String>,
    /// Why the body was cut short, if it was (its last line says so).
    pub cut: Option<Cut>,
    /// The pictures in the body, `line` counted from the first of `lines` (empty when
    /// pictures are off): the reader draws each over its blank placeholder rows.
    pub images: Vec<ImageBlock>,
}

/// The article header: the title (bold, wrapped), a meta line with date, category, locale
/// and the tags numbered `1:` to `9:`, the description, and a rule under them.
pub fn header_lines(article: &Article, width: usize, opts: &LayoutOptions) -> Vec<Line> {
    let width = width.max(1);
    let g = glyphs(opts.ambiguous);
    let mut out = Vec::new();

    let mut title = sanitize_inline(&article.title);
    if let Some(emoji) = &article.emoji {
        title = format!("{emoji} {title}");
    }
    if !title.is_empty() {
        let style = Style {
            bold: true,
            ..Style::role(Role::Title)
        };
        out.extend(wrap(&[Span::new(title, style)], width, opts));
    }

    let meta = Style::role(Role::Meta);
    let mut fields: Vec<Vec<Span>> = Vec::new();
    if article.draft {
        let badge = if article.locale == "ja" {
            "下書き"
        } else {
            "draft"
        };
        fields.push(vec![Span::new(badge, Style::role(Role::Tag))]);
    }
    if let Some(date) = article.date {
        fields.push(vec![Span::new(date.to_string(), meta)]);
    }
    for field in [article.category.as_deref(), Some(article.locale.as_str())]
        .into_iter()
        .flatten()
    {
        let field = sanitize_inline(field);
        if !field.is_empty() {
            fields.push(vec![Span::new(field, meta)]);
        }
    }
    // Each field and each tag is a unit: a line breaks between units, never inside one
    // (unless one is wider than the whole line).
    let mut units: Vec<(Option<Span>, Vec<Span>)> = Vec::new();
    for field in fields {
        let sep = (!units.is_empty()).then(|| Span::new(g.sep, meta));
        units.push((sep, field));
    }
    for (i, tag) in tag_spans(&article.tags).into_iter().enumerate() {
        let sep = (!units.is_empty())
            .then(|| Span::new(if i == 0 { g.sep } else { " " }, Style::role(Role::Meta)));
        units.push((sep, tag));
    }
    out.extend(pack_units(units, width, opts));

    if let Some(description) = &article.description {
        let description = sanitize_inline(description);
        if !description.is_empty() {
            let spans = [Span::new(description, Style::role(Role::Description))];
            out.extend(wrap(&spans, width, opts));
        }
    }

    out.push(rule_line(width, opts.ambiguous));
    out
}

/// The tags as chips, one unit each: `1:tag`, ..., `9:tag`, then `#tag` (after the ninth,
/// which has no digit key), so every tag is told from the next even when it has spaces.
fn tag_spans(tags: &[String]) -> Vec<Vec<Span>> {
    let mut units = Vec::new();
    for (i, tag) in tags.iter().map(|t| sanitize_inline(t)).enumerate() {
        if tag.is_empty() {
            continue;
        }
        let number = Style {
            bold: true,
            ..Style::role(Role::Tag)
        };
        let mark = if i < NUMBERED_TAGS {
            format!("{}:", i + 1)
        } else {
            "#".to_string()
        };
        units.push(vec![
            Span::new(mark, number),
            Span::new(tag, Style::role(Role::Tag)),
        ]);
    }
    units
}

/// Lines of `units` (each with the separator that goes before it, dropped where it starts a line)
/// packed greedily into `width` columns, breaking only between units; a unit wider than a
/// line is wrapped on lines of its own by the text engine.
fn pack_units(
    units: Vec<(Option<Span>, Vec<Span>)>,
    width: usize,
    opts: &LayoutOptions,
) -> Vec<Line> {
    let w = |spans: &[Span]| {
        spans
            .iter()
            .map(|s| crate::text::str_width(&s.text, opts.ambiguous))
            .sum::<usize>()
    };
    let mut out = Vec::new();
    let mut line: Vec<Span> = Vec::new();
    let mut used = 0;
    for (sep, unit) in units {
        let unit_w = w(&unit);
        let sep_w = sep.as_ref().map_or(0, |s| w(std::slice::from_ref(s)));
        if !line.is_empty() && used + sep_w + unit_w <= width {
            line.extend(sep);
            line.extend(unit);
            used += sep_w + unit_w;
            continue;
        }
        if !line.is_empty() {
            // A line break stands for the separator.
            out.push(Line::from_spans(std::mem::take(&mut line)));
        }
        if unit_w <= width {
            line = unit;
            used = unit_w;
        } else {
            out.extend(wrap(&unit, width, opts));
            used = 0;
        }
    }
    if !line.is_empty() {
        out.push(Line::from_spans(line));
    }
    out
}

/// Lay out a whole article: header, blank line, body (a first `#` heading repeating the
/// title is left out), and, if the body has links, a rule and the `[n] URL` list.
pub fn layout(article: &Article, width: usize, opts: &LayoutOptions) -> ArticleLayout {
    layout_with_images(article, width, opts, None)
}

/// [`layout`] with pictures: a block image `images` can size (resolved against the
/// article's file) is laid out as placeholder lines of its final height, listed in
/// [`ArticleLayout::images`]. With `None` it is exactly [`layout`].
pub fn layout_with_images(
    article: &Article,
    width: usize,
    opts: &LayoutOptions,
    images: Option<&ImageSizer>,
) -> ArticleLayout {
    let width = width.max(1);
    let mut lines = header_lines(article, width, opts);
    lines.push(Line::default());
    let body = render_body(
        &article.body,
        width,
        opts,
        Some(&article.title),
        Some(&article.locale),
        images.map(|sizer| sizer.for_article(&article.path)),
    );
    let offset = lines.len();
    let images = body
        .images
        .into_iter()
        .map(|image| ImageBlock {
            line: image.line + offset,
            ..image
        })
        .collect();
    lines.extend(body.lines);
    if !body.links.is_empty() {
        lines.push(Line::default());
        lines.push(rule_line(width, opts.ambiguous));
        lines.extend(link_lines(&body.links, width, opts));
    }
    ArticleLayout {
        lines,
        links: body.links,
        cut: body.cut,
        images,
    }
}

/// The lines of [`layout`].
pub fn layout_article(article: &Article, width: usize, opts: &LayoutOptions) -> Vec<Line> {
    layout(article, width, opts).lines
}

/// What a cached layout was made from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    id: String,
    width: usize,
    opts: LayoutOptions,
    /// A hash of everything in the article that is laid out, so an article re-read with new
    /// content is laid out again even though its id is the same.
    content: u64,
    /// What picture sizes depend on, when pictures are on.
    images: Option<SizerKey>,
}

impl Key {
    fn new(
        article: &Article,
        width: usize,
        opts: &LayoutOptions,
        images: Option<&ImageSizer>,
    ) -> Self {
        let mut h = DefaultHasher::new();
        article.title.hash(&mut h);
        article.description.hash(&mut h);
        article.date.hash(&mut h);
        article.category.hash(&mut h);
        article.tags.hash(&mut h);
        article.locale.hash(&mut h);
        article.body.hash(&mut h);
        if images.is_some() {
            // Image URLs are resolved from the article's file.
            article.path.hash(&mut h);
        }
        Key {
            id: article.id.clone(),
            width: width.max(1),
            opts: *opts,
            content: h.finish(),
            images: images.map(|sizer| sizer.key().clone()),
        }
    }
}

/// How much a cache may hold, in lines plus spans: about one body at the layout's bounds
/// ([`MAX_LINES`] + [`MAX_SPANS`]), or hundreds of ordinary articles.
pub const CACHE_WEIGHT: usize = MAX_LINES + MAX_SPANS;

/// The weight of a layout in a cache: its lines plus their spans (what its memory grows with).
fn weight(layout: &ArticleLayout) -> usize {
    layout.lines.len() + layout.lines.iter().map(|l| l.spans.len()).sum::<usize>()
}

/// Recently made article layouts, keyed by article id, width and layout options; the least
/// recently used entries are dropped when the cache holds more than its capacity or more
/// than [`CACHE_WEIGHT`] (the newest entry is always kept).
#[derive(Debug)]
pub struct LayoutCache {
    entries: VecDeque<(Key, Arc<ArticleLayout>, usize)>,
    capacity: usize,
    weight: usize,
    hits: u64,
    misses: u64,
}

impl Default for LayoutCache {
    fn default() -> Self {
        LayoutCache::new(32)
    }
}

impl LayoutCache {
    /// An empty cache holding at most `capacity` layouts (at least one).
    pub fn new(capacity: usize) -> Self {
        LayoutCache {
            entries: VecDeque::new(),
            capacity: capacity.max(1),
            weight: 0,
            hits: 0,
            misses: 0,
        }
    }

    /// The layout of `article` at `width`: from the cache if it was made before, else made
    /// now and remembered.
    pub fn get(
        &mut self,
        article: &Article,
        width: usize,
        opts: &LayoutOptions,
    ) -> Arc<ArticleLayout> {
        self.get_with_images(article, width, opts, None)
    }

    /// [`LayoutCache::get`] with pictures sized by `images` ([`layout_with_images`]); a
    /// layout made with other picture settings (or none) is not reused.
    pub fn get_with_images(
        &mut self,
        article: &Article,
        width: usize,
        opts: &LayoutOptions,
        images: Option<&ImageSizer>,
    ) -> Arc<ArticleLayout> {
        let key = Key::new(article, width, opts, images);
        if let Some(i) = self.entries.iter().position(|(k, _, _)| *k == key) {
            self.hits += 1;
            if let Some(entry) = self.entries.remove(i) {
                let layout = Arc::clone(&entry.1);
                self.entries.push_back(entry);
                return layout;
            }
        }
        self.misses += 1;
        let layout = Arc::new(layout_with_images(article, key.width, opts, images));
        let w = weight(&layout);
        self.entries.push_back((key, Arc::clone(&layout), w));
        self.weight += w;
        while self.entries.len() > 1
            && (self.entries.len() > self.capacity || self.weight > CACHE_WEIGHT)
        {
            if let Some((_, _, w)) = self.entries.pop_front() {
                self.weight -= w;
            }
        }
        layout
    }

    /// Lines plus spans of the layouts held (at most [`CACHE_WEIGHT`], or one layout).
    pub fn weight(&self) -> usize {
        self.weight
    }

    /// Number of layouts held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True if no layout is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forget every layout (e.g. after the articles were reloaded).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.weight = 0;
    }

    /// How many calls to [`LayoutCache::get`] were answered from the cache.
    pub fn hits(&self) -> u64 {
        self.hits
    }

    /// How many calls to [`LayoutCache::get`] had to lay the article out.
    pub fn misses(&self) -> u64 {
        self.misses
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::text::AmbiguousWidth;
    use std::path::PathBuf;

    fn article() -> Article {
        Article {
            root: PathBuf::from("articles"),
            path: PathBuf::from("articles/20251118/partnership/ja.md"),
            title: "マイクロソフトとNVIDIAがAnthropicと提携".into(),
            description: Some("三社の戦略的提携について。".into()),
            date: Date::new(2025, 11, 18),
            category: Some("テクノロジー".into()),
            tags: (1..=10).map(|i| format!("tag{i}")).collect(),
            body: "# マイクロソフトとNVIDIAがAnthropicと提携\n\n本文です。[リンク](https://example.com/a)\n".into(),
            body_line: 5,
            ..Article::blank("20251118/partnership/ja")
        }
    }

    #[test]
    fn header_tags_never_break_inside_a_tag() {
        let mut a = article();
        a.tags = vec![
            "Claude Code".into(),
            "生成AI".into(),
            "エージェント開発".into(),
            "MCP".into(),
            "Anthropic".into(),
            "大規模言語モデル".into(),
            "a".into(),
            "b".into(),
            "c".into(),
            "Model Context Protocol".into(),
        ];
        let opts = LayoutOptions::default();
        // From the width of the widest chip (`#Model Context Protocol`) up.
        for width in 23..=80 {
            let lines = plain(&header_lines(&a, width, &opts));
            let text = lines.join("\n");
            for (i, tag) in a.tags.iter().enumerate() {
                let chip = if i < NUMBERED_TAGS {
                    format!("{}:{tag}", i + 1)
                } else {
                    format!("#{tag}")
                };
                assert!(
                    lines.iter().any(|l| l.contains(&chip)),
                    "{width}: `{chip}` broken in\n{text}"
                );
            }
            for l in &lines {
                assert!(
                    crate::text::str_width(l, opts.ambiguous) <= width,
                    "{width}: {l}"
                );
            }
        }
        // Wider than the line: wrapped on lines of its own, nothing lost.
        let lines = plain(&header_lines(&a, 8, &opts)).concat();
        assert!(lines.contains("#Model"), "{lines}");
    }

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::plain_text).collect()
    }

    #[test]
    fn header_numbers_the_first_nine_tags() {
        let opts = LayoutOptions::default();
        let text = plain(&header_lines(&article(), 200, &opts)).join("\n");
        assert!(
            text.contains("2025-11-18 · テクノロジー · ja · 1:tag1 2:tag2"),
            "{text}"
        );
        assert!(text.contains("9:tag9 #tag10"), "{text}");
        assert!(!text.contains("10:"), "{text}");
        assert!(text.contains("三社の戦略的提携について。"));
    }

    #[test]
    fn header_fits_every_width() {
        for ambiguous in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            let opts = LayoutOptions {
                ambiguous,
                ..LayoutOptions::default()
            };
            for w in 1..60 {
                for l in header_lines(&article(), w, &opts) {
                    assert!(l.width(ambiguous) <= w, "{w}: {l:?}");
                }
            }
        }
    }

    #[test]
    fn layout_drops_the_repeated_title_and_lists_links() {
        let opts = LayoutOptions::default();
        let a = article();
        let out = layout(&a, 60, &opts);
        let text = plain(&out.lines);
        assert_eq!(
            text.iter()
                .filter(|l| l.contains("Anthropicと提携"))
                .count(),
            1
        );
        assert!(
            text.contains(&"本文です。リンク[1]".to_string()),
            "{text:?}"
        );
        assert_eq!(
            text.last().map(String::as_str),
            Some("[1] https://example.com/a")
        );
        assert_eq!(out.links, ["https://example.com/a"]);
    }

    #[test]
    fn second_call_hits_the_cache() {
        let opts = LayoutOptions::default();
        let a = article();
        let mut cache = LayoutCache::new(2);
        let first = cache.get(&a, 40, &opts);
        let second = cache.get(&a, 40, &opts);
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!((cache.hits(), cache.misses()), (1, 1));
        // Another width is another entry; the cache stays bounded.
        cache.get(&a, 41, &opts);
        cache.get(&a, 42, &opts);
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.misses(), 3);
        // Changed content is laid out again.
        let mut changed = a.clone();
        changed.body.push_str("\n追記。\n");
        let again = cache.get(&changed, 42, &opts);
        assert!(!Arc::ptr_eq(&again, &cache.get(&a, 42, &opts)));
    }

    #[test]
    fn cache_weight_stays_bounded_by_heavy_layouts() {
        let opts = LayoutOptions::default();
        let mut heavy = article();
        // Every line under 48 quote bars: the span bound cuts it.
        let bars = "> ".repeat(48);
        heavy.body = format!("{bars}a\n{bars}\n").repeat(10_000);
        let mut cache = LayoutCache::new(64);
        let small = cache.get(&article(), 40, &opts);
        let light = cache.weight();
        assert_eq!(light, weight(&small));
        for w in 120..124 {
            let laid = cache.get(&heavy, w, &opts);
            assert!(laid.cut.is_some());
            assert!(cache.weight() <= CACHE_WEIGHT.max(weight(&laid)));
        }
        // Heavy layouts pushed each other (and the small one) out; the newest is kept.
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.misses(), 5);
        cache.clear();
        assert_eq!(cache.weight(), 0);
    }
}
