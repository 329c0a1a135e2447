//! The index: articles sorted newest first, tags with counts, categories and locales, and the
//! [`Filter`] that the command line and the reader share.

use std::collections::HashMap;

use serde::Serialize;

use crate::article::Article;
use crate::diagnostics::Diagnostic;
use crate::fold::{contains_folded, fold};
use crate::loader::Loaded;

/// How several tags combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TagMode {
    /// An article must carry every tag.
    #[default]
    All,
    /// An article must carry at least one of the tags.
    Any,
}

/// What to show. The empty filter matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Tags to match (compared folded: case and width do not matter).
    pub tags: Vec<String>,
    /// How `tags` combine.
    pub tag_mode: TagMode,
    /// Only this category (folded comparison).
    pub category: Option<String>,
    /// Only this locale (`ja`, `en`).
    pub locale: Option<String>,
    /// Words that must all appear in the title, description, tags, category or comment.
    pub text: Option<String>,
}

impl Filter {
    /// Whether nothing is being filtered.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
            && self.category.is_none()
            && self.locale.is_none()
            && self.text.is_none()
    }

    /// Whether `article` passes the filter.
    pub fn matches(&self, article: &Article) -> bool {
        self.compile().matches(article)
    }

    /// The filter with its folded forms worked out once, for matching many articles.
    pub fn compile(&self) -> CompiledFilter {
        CompiledFilter {
            tags: self.tags.iter().map(|t| fold(t)).collect(),
            tag_mode: self.tag_mode,
            category: self.category.as_deref().map(fold),
            locale: self.locale.as_deref().map(str::to_ascii_lowercase),
            words: self
                .text
                .as_deref()
                .map(|t| t.split_whitespace().map(fold).collect())
                .unwrap_or_default(),
        }
    }
}

/// A [`Filter`] prepared for matching.
#[derive(Clone, Debug)]
pub struct CompiledFilter {
    tags: Vec<String>,
    tag_mode: TagMode,
    category: Option<String>,
    locale: Option<String>,
    words: Vec<String>,
}

impl CompiledFilter {
    /// Whether `article` passes.
    pub fn matches(&self, a: &Article) -> bool {
        if let Some(locale) = &self.locale {
            if &a.locale != locale {
                return false;
            }
        }
        if let Some(category) = &self.category {
            if a.category.as_deref().map(fold).as_ref() != Some(category) {
                return false;
            }
        }
        if !self.tags.is_empty() {
            let folded: Vec<String> = a.tags.iter().map(|t| fold(t)).collect();
            let has = |t: &String| folded.contains(t);
            let ok = match self.tag_mode {
                TagMode::All => self.tags.iter().all(has),
                TagMode::Any => self.tags.iter().any(has),
            };
            if !ok {
                return false;
            }
        }
        if !self.words.is_empty() {
            let mut hay = String::new();
            for part in [
                Some(a.title.as_str()),
                a.description.as_deref(),
                a.category.as_deref(),
                a.comment.as_deref(),
            ]
            .into_iter()
            .flatten()
            .chain(a.tags.iter().map(String::as_str))
            {
                hay.push_str(part);
                hay.push('\n');
            }
            let hay = fold(&hay);
            if !self
                .words
                .iter()
                .all(|w| contains_folded_prefolded(&hay, w))
            {
                return false;
            }
        }
        true
    }
}

fn contains_folded_prefolded(folded_hay: &str, folded_needle: &str) -> bool {
    folded_hay.contains(folded_needle)
}

/// A tag and how many articles carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TagCount {
    /// The tag as first written.
    pub tag: String,
    /// Number of articles.
    pub count: usize,
}

/// All articles, sorted newest first (then by title), with their tags, categories and locales.
#[derive(Debug, Default)]
pub struct Index {
    articles: Vec<Article>,
    by_id: HashMap<String, usize>,
    diagnostics: Vec<Diagnostic>,
}

impl Index {
    /// Build the index from what the loader found.
    pub fn new(loaded: Loaded) -> Index {
        let Loaded {
            mut articles,
            mut diagnostics,
        } = loaded;
        articles.sort_by_cached_key(|a| (std::cmp::Reverse(a.date), fold(&a.title), a.id.clone()));
        diagnostics.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        let by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        Index {
            articles,
            by_id,
            diagnostics,
        }
    }

    /// Every article, newest first.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// The article at a position in [`Index::articles`].
    pub fn get(&self, i: usize) -> Option<&Article> {
        self.articles.get(i)
    }

    /// The position of the article with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Every problem met while loading.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Positions of the articles that pass `filter`, newest first.
    pub fn filter(&self, filter: &Filter) -> Vec<usize> {
        if filter.is_empty() {
            return (0..self.articles.len()).collect();
        }
        let compiled = filter.compile();
        (0..self.articles.len())
            .filter(|&i| compiled.matches(&self.articles[i]))
            .collect()
    }

    /// Tags with counts over the given articles, most used first, then by name. Tags that fold
    /// to the same text (`AI`, `ＡＩ`) count as one, shown as first met.
    pub fn tag_counts(&self, positions: &[usize]) -> Vec<TagCount> {
        count_by(
            positions
                .iter()
                .filter_map(|&i| self.articles.get(i))
                .flat_map(|a| a.tags.iter()),
        )
    }

    /// Categories with counts over the given articles, most used first.
    pub fn category_counts(&self, positions: &[usize]) -> Vec<TagCount> {
        count_by(
            positions
                .iter()
                .filter_map(|&i| self.articles.get(i))
                .filter_map(|a| a.category.as_ref()),
        )
    }

    /// Locales with counts over all articles, most used first.
    pub fn locale_counts(&self) -> Vec<TagCount> {
        count_by(self.articles.iter().map(|a| &a.locale))
    }
}

fn count_by<'a>(items: impl Iterator<Item = &'a String>) -> Vec<TagCount> {
    let mut order: Vec<TagCount> = Vec::new();
    let mut slot: HashMap<String, usize> = HashMap::new();
    for item in items {
        let key = fold(item);
        match slot.get(&key) {
            Some(&i) => order[i].count += 1,
            None => {
                slot.insert(key, order.len());
                order.push(TagCount {
                    tag: item.clone(),
                    count: 1,
                });
            }
        }
    }
    order.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
    order
}

/// Whether `tag` matches a typed query, folded (used by pickers).
pub fn tag_matches_query(tag: &str, folded_query: &str) -> bool {
    contains_folded(tag, folded_query)
}
