//! The index: articles sorted newest first, tags with counts, categories and locales, and the
//! [`Filter`] that the command line and the reader share.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::article::Article;
use crate::diagnostics::Diagnostic;
use crate::fold::{contains_folded, fold};
use crate::loader::Loaded;
use crate::signature::Probe;

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

/// Which articles to show by whether they are drafts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Drafts {
    /// Drafts and published articles alike.
    #[default]
    Show,
    /// Published articles only.
    Hide,
    /// Drafts only.
    Only,
}

impl Drafts {
    /// Whether drafts are shown with the rest (the default).
    pub fn is_show(&self) -> bool {
        *self == Drafts::Show
    }

    /// Whether an article that is (or is not) a draft passes.
    pub fn admits(self, draft: bool) -> bool {
        match self {
            Drafts::Show => true,
            Drafts::Hide => !draft,
            Drafts::Only => draft,
        }
    }
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
    /// A search query ([`crate::search::parse_query`]): words (or `"quoted phrases"`) that
    /// must all appear in the title, description, tags, category, comment or body text.
    pub text: Option<String>,
    /// Drafts shown, hidden, or shown alone.
    pub drafts: Drafts,
}

impl Filter {
    /// Whether nothing is being filtered.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
            && self.category.is_none()
            && self.locale.is_none()
            && self.text.is_none()
            && self.drafts == Drafts::Show
    }

    /// The filter with its folded forms worked out once, for matching many articles.
    pub fn compile(&self) -> CompiledFilter {
        CompiledFilter {
            tags: self.tags.iter().map(|t| fold(t)).collect(),
            tag_mode: self.tag_mode,
            category: self.category.as_deref().map(fold),
            locale: self.locale.as_deref().map(str::to_ascii_lowercase),
            drafts: self.drafts,
            words: self
                .text
                .as_deref()
                .map(crate::search::query_words)
                .unwrap_or_default()
                .iter()
                .map(|w| {
                    std::iter::once(&w.text)
                        .chain(&w.kana)
                        .map(|f| Form::of(f))
                        .collect()
                })
                .collect(),
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
    drafts: Drafts,
    /// Per search word, each form it matches in (the word, the kana it spells).
    words: Vec<Vec<Form>>,
}

/// One form of a search word: the bytes of folded texts (mapped from the cache or held) are
/// searched for it, unless a text's signature says it cannot be there.
#[derive(Clone, Debug)]
struct Form {
    finder: memchr::memmem::Finder<'static>,
    probe: Probe,
}

impl Form {
    fn of(folded: &str) -> Form {
        Form {
            finder: memchr::memmem::Finder::new(folded.as_bytes()).into_owned(),
            probe: Probe::of(folded),
        }
    }

    fn in_text(&self, text: &SearchText) -> bool {
        text.admits(&self.probe)
            && (text.settles(&self.probe) || self.finder.find(text.as_bytes()).is_some())
    }
}

/// An article's tags and category folded once for matching (see [`crate::fold`]); the words
/// of a search are looked for in its [`SearchText`].
#[derive(Clone, Debug, Default)]
pub struct Folded {
    tags: Vec<String>,
    category: Option<String>,
}

impl Folded {
    /// Fold what tag and category filters look at in `a`.
    pub fn of(a: &Article) -> Folded {
        Folded {
            tags: a.tags.iter().map(|t| fold(t)).collect(),
            category: a.category.as_deref().map(fold),
        }
    }
}

impl CompiledFilter {
    /// Whether the filter has search words, which need the folded body text.
    pub fn searches(&self) -> bool {
        !self.words.is_empty()
    }

    /// Whether every search word is in `text` ([`crate::search::search_text`]). A text whose
    /// signature rules a word out is not read.
    pub fn words_in(&self, text: &SearchText) -> bool {
        self.words
            .iter()
            .all(|forms| forms.iter().any(|form| form.in_text(text)))
    }

    /// Whether `a`, whose folded tags and category are `f`, passes all but the search words.
    pub fn matches_but_words(&self, a: &Article, f: &Folded) -> bool {
        if !self.drafts.admits(a.draft) {
            return false;
        }
        if self.locale.as_ref().is_some_and(|l| &a.locale != l) {
            return false;
        }
        if self.category.is_some() && f.category != self.category {
            return false;
        }
        if !self.tags.is_empty() {
            let has = |t: &String| f.tags.contains(t);
            let ok = match self.tag_mode {
                TagMode::All => self.tags.iter().all(has),
                TagMode::Any => self.tags.iter().any(has),
            };
            if !ok {
                return false;
            }
        }
        true
    }
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
    /// Shared with the background warm-up thread and, one by one, with the scanner that made
    /// the index, so neither needs a copy of them.
    articles: Arc<Vec<Arc<Article>>>,
    /// Each article's position by a hash of its id, sorted, made on the first look-up (a
    /// listing makes none): no id is copied.
    by_id: OnceLock<Vec<(u64, usize)>>,
    diagnostics: Vec<Diagnostic>,
    /// Folded text per article, worked out once (shared with a background warm-up thread).
    folded: Arc<OnceLock<Vec<Folded>>>,
    /// Folded body text per article, worked out on the first search (bodies are the bulk of
    /// the text; tag and category filters never need them), or given when the index is made
    /// from a scan that folded them already ([`Index::from_shared`]).
    bodies: Arc<OnceLock<Vec<SearchText>>>,
    /// Folded body texts known when the index was made, by position; the rest are folded
    /// when first needed.
    given: Arc<Vec<Option<SearchText>>>,
    /// How many [`SearchSlot`]s of this index are alive: while one is, its scanner means to
    /// give the texts, and a search waits for them rather than folding them all again.
    fillers: Arc<AtomicUsize>,
    /// For each folded tag, the positions of the articles that carry it (made on first use,
    /// or by a [`WarmUp`]).
    postings: Arc<OnceLock<Postings>>,
    /// Whether a [`WarmUp`] of this index is pending.
    warming: Arc<AtomicBool>,
    /// What is worked out from the articles as it is needed (boxed: an index is passed
    /// around by value).
    derived: Box<Derived>,
}

/// What an [`Index`] works out from its articles when first needed.
#[derive(Debug, Default)]
struct Derived {
    /// Each article's date and locale, in one array (made on first use, or by a
    /// [`WarmUp`]).
    dated: Arc<OnceLock<Vec<Dated>>>,
    /// Positions in the order their search texts lie: held ones first, then by file and
    /// place in it.
    file_order: OnceLock<Vec<usize>>,
    /// The last search and its hits, to search only those again when the query grows.
    last_search: std::sync::Mutex<Option<(Filter, Vec<usize>)>>,
}

/// The most bytes of a search file searched before the pages are let go of: an eighth of the
/// file, and never less than 16 MB. Each letting go costs every core a pause (the other
/// cores' views of the mapping are flushed): at 100,000 articles (a 626 MB file), windows of
/// 16 MB made a search key's median 47-116 ms, an eighth 41-67 ms (BENCHMARKS.md), for at
/// most 62 MB more of the file in memory.
fn window(file_len: usize) -> usize {
    (file_len / 8).max(16 << 20)
}

/// How many held texts are searched together.
const HELD_BATCH: usize = 4096;

/// The hash [`Index::position`] finds an id by.
fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

/// Whether every article that passes `after` passes `before` too: the same filter but for its
/// query, each of whose words (in every form it matches in: the word, its kana) holds a form
/// of a word of `before`'s. A text holding the longer word holds the shorter one.
fn narrows(before: &Filter, after: &Filter) -> bool {
    let (Some(was), Some(now)) = (&before.text, &after.text) else {
        return false;
    };
    let rest = |f: &Filter| Filter {
        text: None,
        ..f.clone()
    };
    if rest(before) != rest(after) {
        return false;
    }
    let forms = |w: &crate::search::QueryWord| -> Vec<String> {
        std::iter::once(w.text.clone())
            .chain(w.kana.clone())
            .collect()
    };
    let (was, now) = (
        crate::search::query_words(was),
        crate::search::query_words(now),
    );
    was.iter().all(|old| {
        let old = forms(old);
        now.iter().any(|new| {
            forms(new)
                .iter()
                .all(|n| old.iter().any(|o| n.contains(o.as_str())))
        })
    })
}

/// An article's date and its locale as a number (the same number, the same locale): what a
/// pass over many articles compares, without following each article's pointers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dated {
    /// The article's date.
    pub date: Option<crate::date::Date>,
    /// Its locale, numbered in the order first met.
    pub locale: u32,
}

pub use crate::search_file::SearchText;

/// A handle that gives an index its search texts later, from another thread: the scanner
/// hands out the list first and fills in the texts from its cache just after, without making
/// a second index.
pub struct SearchSlot {
    articles: Arc<Vec<Arc<Article>>>,
    bodies: Arc<OnceLock<Vec<SearchText>>>,
    folded: Arc<OnceLock<Vec<Folded>>>,
    fillers: Arc<AtomicUsize>,
}

impl Drop for SearchSlot {
    fn drop(&mut self) {
        self.fillers.fetch_sub(1, Ordering::AcqRel);
    }
}

impl SearchSlot {
    /// Give the index the text of every article, as `text_of` finds them, and fold their
    /// metadata (titles, tags, …) here too, so the first search key waits for neither. False
    /// (and no text given) when some article has none; true when the index has them all now.
    pub fn fill(&self, text_of: impl Fn(&Article) -> Option<SearchText>) -> bool {
        let filled = self.bodies.get().is_some() || {
            let texts: Option<Vec<SearchText>> = self.articles.iter().map(|a| text_of(a)).collect();
            // A search that came first may have folded them itself; either way they are there.
            texts.is_some_and(|texts| {
                let _ = self.bodies.set(texts);
                true
            })
        };
        if filled {
            use rayon::prelude::*;
            self.folded
                .get_or_init(|| self.articles.par_iter().map(|a| Folded::of(a)).collect());
        }
        filled
    }

    /// Whether the metadata is folded for search (see [`SearchSlot::fill`]).
    pub fn metadata_folded(&self) -> bool {
        self.folded.get().is_some()
    }
}

impl Index {
    /// Build the index from what the loader found (bodies in memory: the bundled samples,
    /// tests and benchmarks); a body's search text is folded when first needed.
    pub fn new(loaded: Loaded) -> Index {
        let Loaded {
            articles,
            diagnostics,
        } = loaded;
        Index::from_shared(
            articles.into_iter().map(Arc::new).collect(),
            diagnostics,
            Vec::new(),
        )
    }

    /// The index of articles shared with whoever made them (the scanner), with the folded
    /// body text of some already known: `search[i]` belongs to `articles[i]` (missing or
    /// `None`: folded when first needed, from the body, read from the file if need be).
    pub fn from_shared(
        articles: Vec<Arc<Article>>,
        diagnostics: Vec<Diagnostic>,
        search: Vec<Option<SearchText>>,
    ) -> Index {
        let mut paired: Vec<(Arc<Article>, Option<SearchText>)> = articles
            .into_iter()
            .zip(search.into_iter().chain(std::iter::repeat(None)))
            .collect();
        {
            use rayon::prelude::*;
            // Stable, as the sequential sort was; the titles are folded on every core.
            paired.par_sort_by_cached_key(|(a, _)| newest_first(a));
        }
        let (articles, given): (Vec<Arc<Article>>, Vec<Option<SearchText>>) =
            paired.into_iter().unzip();
        Index::from_shared_in_order(articles, diagnostics, given)
    }

    /// [`Index::from_shared`] of articles already newest first (the scanner knows their
    /// order from its last snapshot): nothing is sorted but the diagnostics.
    pub fn from_shared_in_order(
        articles: Vec<Arc<Article>>,
        mut diagnostics: Vec<Diagnostic>,
        mut given: Vec<Option<SearchText>>,
    ) -> Index {
        given.resize(articles.len(), None);
        diagnostics.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        let bodies = Arc::new(OnceLock::new());
        if !given.is_empty() && given.iter().all(Option::is_some) {
            let _ = bodies.set(given.iter().flatten().cloned().collect());
        }
        Index {
            articles: Arc::new(articles),
            by_id: OnceLock::new(),
            diagnostics,
            folded: Arc::default(),
            bodies,
            given: Arc::new(given),
            fillers: Arc::default(),
            postings: Arc::default(),
            warming: Arc::default(),
            derived: Box::default(),
        }
    }

    /// A handle to give this index its search texts later ([`SearchSlot::fill`]).
    pub fn search_slot(&self) -> SearchSlot {
        self.fillers.fetch_add(1, Ordering::AcqRel);
        SearchSlot {
            articles: Arc::clone(&self.articles),
            bodies: Arc::clone(&self.bodies),
            folded: Arc::clone(&self.folded),
            fillers: Arc::clone(&self.fillers),
        }
    }

    /// Every article, newest first.
    pub fn articles(&self) -> &[Arc<Article>] {
        &self.articles
    }

    /// The article at a position in [`Index::articles`].
    pub fn get(&self, i: usize) -> Option<&Article> {
        self.articles.get(i).map(|a| &**a)
    }

    /// The position of the article with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        let by_id = self.by_id.get_or_init(|| {
            let mut by_id: Vec<(u64, usize)> = self
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| (id_hash(&a.id), i))
                .collect();
            by_id.sort_unstable();
            by_id
        });
        let h = id_hash(id);
        let from = by_id.partition_point(|&(x, _)| x < h);
        // Of two articles with one id (under two roots), the last, as ever.
        by_id[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, i)| i)
            .filter(|&i| self.articles[i].id == id)
            .last()
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
        // Folded once, on the first filter, so start-up does not pay for it.
        let folded = self.folded();
        if !compiled.searches() {
            return (0..self.articles.len())
                .filter(|&i| compiled.matches_but_words(&self.articles[i], &folded[i]))
                .collect();
        }
        let bodies = self.bodies();
        // A query that only adds to the last one (a key typed in the prompt) can only find
        // fewer: only the last one's hits are searched again.
        let mut last = self
            .derived
            .last_search
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let within = last
            .as_ref()
            .filter(|(before, _)| narrows(before, filter))
            .map(|(_, hits)| hits.as_slice());
        let hits = self.search(&compiled, folded, bodies, within);
        *last = Some((filter.clone(), hits.clone()));
        hits
    }

    /// Positions (ascending) of the articles among `within` (all when `None`) that pass
    /// `compiled`, whose words are looked for in the folded metadata and body texts. The texts
    /// are gone through in the order they lie in their file, a stretch of at most [`window`]
    /// bytes at a time (on every core), and each stretch's pages are let go of once searched:
    /// a search of every text never holds the whole search file in memory.
    fn search(
        &self,
        compiled: &CompiledFilter,
        folded: &[Folded],
        bodies: &[SearchText],
        within: Option<&[usize]>,
    ) -> Vec<usize> {
        use rayon::prelude::*;
        // All but the words first, in the order of the articles: the texts' order jumps about.
        let passes = |i: usize| compiled.matches_but_words(&self.articles[i], &folded[i]);
        let mut wanted = vec![false; self.articles.len()];
        match within {
            None => wanted
                .iter_mut()
                .enumerate()
                .for_each(|(i, w)| *w = passes(i)),
            Some(within) => {
                for &i in within {
                    if let Some(w) = wanted.get_mut(i) {
                        *w = passes(i);
                    }
                }
            }
        }
        let order = self.derived.file_order.get_or_init(|| {
            let mut order: Vec<usize> = (0..bodies.len()).collect();
            order.sort_by_key(|&i| bodies[i].place());
            order
        });
        let mut hits = Vec::new();
        let mut batch: Vec<usize> = Vec::new();
        let mut run = |batch: &mut Vec<usize>| {
            hits.par_extend(
                batch
                    .par_iter()
                    .with_min_len(64)
                    .copied()
                    .filter(|&i| compiled.words_in(&bodies[i])),
            );
            crate::search_file::release(batch.iter().map(|&i| &bodies[i]));
            batch.clear();
        };
        let mut first: Option<(usize, usize)> = None;
        for &i in order.iter().filter(|&&i| wanted.get(i) == Some(&true)) {
            let place = bodies.get(i).and_then(SearchText::place);
            let fits = match (first, place) {
                (Some((file, from)), Some((f, at))) => {
                    file == f && at - from < window(bodies[i].file_len())
                }
                (None, None) => batch.len() < HELD_BATCH,
                _ => false,
            };
            if !batch.is_empty() && !fits {
                run(&mut batch);
            }
            if batch.is_empty() {
                first = place;
            }
            batch.push(i);
        }
        run(&mut batch);
        hits.sort_unstable();
        hits
    }

    /// Tags with counts over the given articles, most used first, then by name. Tags that fold
    /// to the same text (`AI`, `ＡＩ`) count as one, shown as first met.
    pub fn tag_counts(&self, positions: &[usize]) -> Vec<TagCount> {
        let Some(folded) = self.folded.get() else {
            // Only the tags are folded when nothing else is yet (`kiji tags`): each different
            // tag once, however many articles carry it. Each tag as written is counted (one
            // look-up an article's tag), then the counts of those that fold alike are added
            // up, shown as the one met first.
            let mut seen: HashMap<&String, (usize, usize)> = HashMap::new();
            let tags = positions
                .iter()
                .filter_map(|&i| self.articles.get(i))
                .flat_map(|a| a.tags.iter());
            for (at, t) in tags.enumerate() {
                seen.entry(t).or_insert((at, 0)).1 += 1;
            }
            let mut written: Vec<(usize, &String, usize)> =
                seen.into_iter().map(|(t, (at, n))| (at, t, n)).collect();
            written.sort_unstable_by_key(|&(at, _, _)| at);
            let folds: Vec<String> = written.iter().map(|(_, t, _)| fold(t)).collect();
            return count_keyed(written.iter().zip(&folds).map(|(&(_, t, n), f)| (t, f, n)));
        };
        count_keyed(
            positions
                .iter()
                .filter_map(|&i| {
                    let (a, f) = (self.articles.get(i)?, folded.get(i)?);
                    Some(a.tags.iter().zip(f.tags.iter()))
                })
                .flatten()
                .map(|(t, f)| (t, f, 1)),
        )
    }

    fn folded(&self) -> &[Folded] {
        use rayon::prelude::*;
        self.folded
            .get_or_init(|| self.articles.par_iter().map(|a| Folded::of(a)).collect())
    }

    fn bodies(&self) -> &[SearchText] {
        // A scanner folding them (into the cache's search file) is waited for, not raced:
        // folding them here too would do its work twice and hold every text on the heap.
        while self.bodies.get().is_none() && self.fillers.load(Ordering::Acquire) > 0 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        self.bodies
            .get_or_init(|| fold_bodies(&self.articles, &self.given))
    }

    /// Fold every article's searchable text now (it is otherwise done on the first filter).
    pub fn prepare_search(&self) {
        self.folded();
        self.bodies();
    }

    /// For each article, whether its search text lies in a mapped file (`None` before the
    /// texts are known).
    #[cfg(test)]
    pub(crate) fn texts_mapped(&self) -> Option<Vec<bool>> {
        Some(
            self.bodies
                .get()?
                .iter()
                .map(SearchText::is_mapped)
                .collect(),
        )
    }

    /// Whether every article's searchable text is folded already.
    pub fn search_ready(&self) -> bool {
        self.bodies.get().is_some()
    }

    /// Whether a search now would wait for a scanner still folding the search texts (see
    /// [`SearchSlot`]).
    pub fn search_waits(&self) -> bool {
        !self.search_ready() && self.fillers.load(Ordering::Acquire) > 0
    }

    /// Fold every article's searchable text on another thread, so the reader's first search
    /// key does not wait for it (about a second for 10,000 articles). A filter that comes
    /// first waits for the thread, or folds itself if the thread has not started.
    pub fn prepare_search_in_background(&self) {
        if self.bodies.get().is_some() || self.articles.is_empty() {
            return;
        }
        let lock = Arc::clone(&self.folded);
        let bodies = Arc::clone(&self.bodies);
        let articles = Arc::clone(&self.articles);
        let given = Arc::clone(&self.given);
        let spawned = std::thread::Builder::new()
            .name("kiji-fold".into())
            .spawn(move || {
                use rayon::prelude::*;
                lock.get_or_init(|| articles.par_iter().map(|a| Folded::of(a)).collect());
                bodies.get_or_init(|| fold_bodies(&articles, &given));
            });
        // Without a thread the first filter folds, as it always could.
        drop(spawned);
    }

    /// Positions (ascending) of the articles carrying `folded_tag` ([`crate::fold::fold`]ed).
    pub fn with_tag(&self, folded_tag: &str) -> &[usize] {
        self.postings
            .get_or_init(|| postings(&self.articles))
            .get(folded_tag)
            .map_or(&[], Vec::as_slice)
    }

    /// Every article's date and numbered locale, by position ([`Dated`]).
    pub fn dated(&self) -> &[Dated] {
        self.derived.dated.get_or_init(|| dated(&self.articles))
    }

    /// The work of making the tag lists ([`Index::with_tag`]) and [`Index::dated`], to be done
    /// on another thread: about 10 ms at 10,000 articles, 100 ms at 100,000, that the first
    /// frame need not wait for. None when they are made. Until it is done (or dropped)
    /// [`Index::tags_warming`] says so.
    pub fn warm_up(&self) -> Option<WarmUp> {
        if self.articles.is_empty()
            || (self.postings.get().is_some() && self.derived.dated.get().is_some())
        {
            return None;
        }
        self.warming.store(true, Ordering::Release);
        Some(WarmUp {
            articles: Arc::clone(&self.articles),
            postings: Arc::clone(&self.postings),
            dated: Arc::clone(&self.derived.dated),
            warming: Arc::clone(&self.warming),
        })
    }

    /// Whether a [`WarmUp`] is making the tag lists: asking for them now
    /// ([`Index::with_tag`], [`crate::related::related`]) would wait for it.
    pub fn tags_warming(&self) -> bool {
        self.warming.load(Ordering::Acquire) && self.postings.get().is_none()
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

/// What [`Index::warm_up`] leaves to do: run it on another thread.
pub struct WarmUp {
    articles: Arc<Vec<Arc<Article>>>,
    postings: Arc<OnceLock<Postings>>,
    dated: Arc<OnceLock<Vec<Dated>>>,
    warming: Arc<AtomicBool>,
}

impl WarmUp {
    /// Make the index's tag lists and dates.
    pub fn run(self) {
        self.postings.get_or_init(|| postings(&self.articles));
        self.dated.get_or_init(|| dated(&self.articles));
    }
}

impl Drop for WarmUp {
    /// Done, or never to be done: either way nobody need wait for it any more.
    fn drop(&mut self) {
        self.warming.store(false, Ordering::Release);
    }
}

/// For each folded tag, the positions of the articles that carry it.
type Postings = HashMap<String, Vec<usize>>;

/// The [`Postings`] of `articles`.
fn postings(articles: &[Arc<Article>]) -> Postings {
    // Each tag as written is folded once: a folder has far fewer different tags than tags.
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut by_folded: HashMap<String, usize> = HashMap::new();
    let mut by_written: HashMap<&str, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for tag in &a.tags {
            let list = *by_written.entry(tag).or_insert_with(|| {
                *by_folded.entry(fold(tag)).or_insert_with(|| {
                    lists.push(Vec::new());
                    lists.len() - 1
                })
            });
            let list = &mut lists[list];
            // Tags that fold alike (`AI`, `ＡＩ`) on one article count once.
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    by_folded
        .into_iter()
        .map(|(tag, list)| (tag, std::mem::take(&mut lists[list])))
        .collect()
}

/// The [`Dated`] of each of `articles`.
fn dated(articles: &[Arc<Article>]) -> Vec<Dated> {
    let mut locales: HashMap<&str, u32> = HashMap::new();
    articles
        .iter()
        .map(|a| {
            let next = u32::try_from(locales.len()).unwrap_or(u32::MAX);
            Dated {
                date: a.date,
                locale: *locales.entry(a.locale.as_str()).or_insert(next),
            }
        })
        .collect()
}

fn count_by<'a>(items: impl Iterator<Item = &'a String>) -> Vec<TagCount> {
    let folded: Vec<(&String, String)> = items.map(|i| (i, fold(i))).collect();
    count_keyed(folded.iter().map(|(i, k)| (*i, k, 1)))
}

/// Count items by their folded key, keeping the first spelling met.
fn count_keyed<'a>(items: impl Iterator<Item = (&'a String, &'a String, usize)>) -> Vec<TagCount> {
    let mut order: Vec<TagCount> = Vec::new();
    let mut slot: HashMap<&'a str, usize> = HashMap::new();
    for (item, key, count) in items {
        match slot.get(key.as_str()) {
            Some(&i) => order[i].count += count,
            None => {
                slot.insert(key.as_str(), order.len());
                order.push(TagCount {
                    tag: item.clone(),
                    count,
                });
            }
        }
    }
    order.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
    order
}

/// The folded body text of every article: the given one where known, else folded from the
/// body (read from the file for a body left on disk; an unreadable file searches as empty).
fn fold_bodies(articles: &[Arc<Article>], given: &[Option<SearchText>]) -> Vec<SearchText> {
    use rayon::prelude::*;
    articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| match given.get(i).cloned().flatten() {
            Some(text) => text,
            None => crate::search::search_text(a).into(),
        })
        .collect()
}

/// The key that sorts articles newest first, then by title. The index cache keeps each
/// article's place in this order: a change here (or in `fold`) bumps `cache::FORMAT`. The chapters of a book share its
/// date ([`crate::loader::books`]) and sort by the book's title, then in the book's order.
fn newest_first(a: &Article) -> impl Ord + use<> {
    let (title, book) = match &a.book {
        Some(c) => (&c.book_title, Some((c.book_dir.clone(), c.number))),
        None => (&a.title, None),
    };
    (std::cmp::Reverse(a.date), fold(title), book, a.id.clone())
}

/// Whether `tag` matches a typed query, folded (used by pickers).
pub fn tag_matches_query(tag: &str, folded_query: &str) -> bool {
    contains_folded(tag, folded_query)
}

/// A typed query narrowing a list of names (the pickers' tags and categories): folded, spaces
/// ignored, so `cloudc` finds `Cloud Computing`; a query in romaji also finds the kana it spells
/// (`moderu` finds `モデル`).
#[derive(Clone, Debug)]
pub struct NameQuery {
    text: String,
    kana: Vec<String>,
}

impl NameQuery {
    /// The query as typed.
    pub fn new(query: &str) -> NameQuery {
        let text = without_spaces(&fold(query));
        NameQuery {
            kana: crate::search::romaji_readings(&text),
            text,
        }
    }

    /// Whether `name` matches.
    pub fn matches(&self, name: &str) -> bool {
        let name = without_spaces(&fold(name));
        name.contains(&self.text) || self.kana.iter().any(|k| name.contains(k.as_str()))
    }
}

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_memory};

    /// The index of `files` (path, contents) under the root `r`.
    fn index_of(files: &[(&str, &[u8])]) -> Index {
        Index::new(load_memory(
            std::path::Path::new("r"),
            files,
            &LoadOptions::default(),
        ))
    }

    #[test]
    fn tag_counts_are_the_same_before_and_after_search_is_folded() {
        let files: [(&str, &[u8]); 3] = [
            ("a.md", "---\ntitle: A\ntags: [AI, Rust]\n---\n".as_bytes()),
            ("b.md", "---\ntitle: B\ntags: [ＡＩ]\n---\n".as_bytes()),
            ("c.md", "---\ntitle: C\ntags: [rust, ai]\n---\n".as_bytes()),
        ];
        let index = index_of(&files);
        let all: Vec<usize> = (0..3).collect();
        let before = index.tag_counts(&all);
        assert!(index.folded.get().is_none(), "only the tags were folded");
        index.prepare_search();
        assert_eq!(index.tag_counts(&all), before);
        let counted: Vec<(&str, usize)> =
            before.iter().map(|c| (c.tag.as_str(), c.count)).collect();
        assert_eq!(counted, [("AI", 3), ("Rust", 2)]);
    }

    #[test]
    fn tags_that_fold_alike_list_their_articles_once() {
        let files: [(&str, &[u8]); 3] = [
            (
                "a.md",
                "---\ntitle: A\ntags: [AI, ＡＩ, Rust]\n---\n".as_bytes(),
            ),
            ("b.md", "---\ntitle: B\ntags: [rust]\n---\n".as_bytes()),
            ("c.md", "---\ntitle: C\ntags: [ai]\n---\n".as_bytes()),
        ];
        let index = index_of(&files);
        let at = |id: &str| index.position(id).expect(id);
        let mut ai = vec![at("a"), at("c")];
        ai.sort_unstable();
        assert_eq!(index.with_tag(&fold("AI")), ai);
        let mut rust = vec![at("a"), at("b")];
        rust.sort_unstable();
        assert_eq!(index.with_tag(&fold("RUST")), rust);
        assert!(index.with_tag("go").is_empty());
    }

    #[test]
    fn a_warm_up_on_another_thread_makes_what_asking_would() {
        let files: [(&str, &[u8]); 3] = [
            (
                "a.md",
                b"---\ntitle: A\ndate: 2026-01-03\ntags: [AI, Rust]\n---\n",
            ),
            ("b.md", b"---\ntitle: B\nlocale: en\ntags: [rust]\n---\n"),
            (
                "c.md",
                b"---\ntitle: C\ndate: 2026-01-01\ntags: [ai]\n---\n",
            ),
        ];
        let asked = index_of(&files);
        let warmed = index_of(&files);
        let work = warmed.warm_up().expect("nothing made yet");
        assert!(warmed.tags_warming());
        std::thread::spawn(move || work.run())
            .join()
            .expect("warm-up thread");
        assert!(!warmed.tags_warming());
        assert!(warmed.warm_up().is_none(), "made once");
        assert_eq!(warmed.dated(), asked.dated());
        for tag in ["ai", "rust", "go"] {
            assert_eq!(warmed.with_tag(tag), asked.with_tag(tag), "{tag}");
        }
        assert!(Index::default().warm_up().is_none(), "nothing to make");
    }

    #[test]
    fn an_id_is_found_at_its_position_and_of_two_alike_the_last() {
        let article = |id: &str| Arc::new(Article::blank(id));
        let ids = ["x", "y", "x", "z"];
        let index = Index::from_shared_in_order(
            ids.iter().map(|id| article(id)).collect(),
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(index.position("y"), Some(1));
        assert_eq!(index.position("z"), Some(3));
        assert_eq!(index.position("x"), Some(2));
        assert_eq!(index.position("w"), None);
        assert_eq!(Index::default().position("x"), None);
    }

    #[test]
    fn a_query_that_only_grows_narrows_the_last_search() {
        let q = |text: &str| Filter {
            text: Some(text.into()),
            ..Filter::default()
        };
        assert!(narrows(&q("te"), &q("ter")));
        assert!(narrows(&q("neko"), &q("nekon")), "ねこ is in ねこん");
        // `ta` spells one kana, too few to be read as kana; `ta-` also finds `たー`.
        assert!(!narrows(&q("ta"), &q("ta-")));
        assert!(narrows(&q("ter"), &q("ter ねこ")));
        assert!(narrows(&q("ねこ"), &q("ter ねこ")));
        assert!(!narrows(&q("ter"), &q("te")), "a key deleted");
        assert!(!narrows(&q("ter"), &q("tex")));
        assert!(!narrows(&Filter::default(), &q("t")));
        let tagged = Filter {
            tags: vec!["rust".into()],
            ..q("ter")
        };
        assert!(!narrows(&q("te"), &tagged), "another filter besides");
    }
}
