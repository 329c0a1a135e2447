//! Zenn books: a folder `books/<slug>/` with a `config.yaml` (title, topics, the order of the
//! chapters) and one Markdown file per chapter. Each chapter stays an article of its own; this
//! module reads the configuration and binds the chapters to their book: `Book › Chapter` as
//! the title, the book's topics as tags, the book's place in the list, their order in it.
//!
//! Binding works on the articles as read from their files, so a cached chapter and a changed
//! `config.yaml` always give the same result as a fresh read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::article::{Article, Chapter, FileStamp};
use crate::diagnostics::{Diagnostic, Severity};
use crate::front_matter::Value;
use crate::text::sanitize::sanitize_inline;

/// The names Zenn reads a book's configuration from, in the order tried.
const CONFIG_NAMES: [&str; 2] = ["config.yaml", "config.yml"];

/// Configuration files larger than this are not read (a real one is a few hundred bytes).
const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Separates a book's title from a chapter's in a chapter's title.
pub const TITLE_SEPARATOR: &str = " › ";

/// What a book's `config.yaml` says, and the problems met reading it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Book {
    /// The configuration file, `None` when the folder has none.
    pub config: Option<PathBuf>,
    /// Its stamp when it was read, to see when it changes.
    pub stamp: Option<FileStamp>,
    /// `title:`, sanitised.
    pub title: Option<String>,
    /// `topics:`, sanitised.
    pub topics: Vec<String>,
    /// `chapters:`, the chapters' file names without `.md`, in order.
    pub chapters: Option<Vec<String>>,
    /// `published: false`: every chapter is a draft.
    pub draft: bool,
    /// Problems with the configuration.
    pub diagnostics: Vec<Diagnostic>,
}

/// The book folder a file belongs to: its folder, when that folder's parent is `books`.
pub fn book_dir(path: &Path) -> Option<&Path> {
    // Most paths have no `books` in them at all: found without taking the path apart.
    memchr::memmem::find(path.as_os_str().as_encoded_bytes(), b"books")?;
    let dir = path.parent()?;
    (dir.parent()?.file_name()? == "books").then_some(dir)
}

/// The configuration file of the book in `dir` with its stamp, if it has one.
pub fn config_of(dir: &Path) -> Option<(PathBuf, FileStamp)> {
    CONFIG_NAMES.iter().find_map(|name| {
        let path = dir.join(name);
        let meta = std::fs::metadata(&path).ok()?;
        meta.is_file().then(|| (path, FileStamp::of(&meta)))
    })
}

/// Read the book in `dir`; `None` when it has no configuration (then it is no book: its files
/// are articles like any other). A broken configuration gives a warning and a book with what
/// could be read: the chapters are still listed, by file name.
pub fn read_book(dir: &Path) -> Option<Book> {
    let (path, stamp) = config_of(dir)?;
    let mut book = Book {
        config: Some(path.clone()),
        stamp: Some(stamp),
        ..Book::default()
    };
    let text = match std::fs::read(&path) {
        Ok(_) if stamp.size > MAX_CONFIG_SIZE => {
            book.warn(format!(
                "over {} KiB, not a book configuration; not read",
                MAX_CONFIG_SIZE / 1024
            ));
            return Some(book);
        }
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            book.warn(format!("cannot read: {}", super::io_message(&e)));
            return Some(book);
        }
    };
    match crate::yaml::parse(&text) {
        Ok(Value::Map(pairs)) => {
            for (key, value) in pairs {
                book.read_key(&key, &value);
            }
        }
        Ok(Value::Null) => {}
        Ok(other) => book.warn(format!(
            "is {}, not a mapping of keys to values; ignored",
            other.kind()
        )),
        Err(e) => {
            let message = format!("invalid YAML: {}; the chapters are listed by file name", e);
            let line = e.line.max(1);
            book.diagnostics.push(Diagnostic::at(
                &path,
                line,
                e.column.max(1),
                Severity::Warning,
                message,
            ));
        }
    }
    Some(book)
}

impl Book {
    fn warn(&mut self, message: String) {
        let path = self.config.clone().unwrap_or_default();
        self.diagnostics.push(Diagnostic::warning(path, message));
    }

    fn read_key(&mut self, key: &str, value: &Value) {
        match (key, value) {
            (_, Value::Null) => {}
            ("title", v) => match v.as_scalar_text() {
                Some(t) => self.title = Some(sanitize_inline(t.trim())).filter(|t| !t.is_empty()),
                None => self.warn(format!("`title` is {}, expected text; ignored", v.kind())),
            },
            ("topics", Value::List(items)) => {
                for item in items {
                    match item.as_scalar_text().map(|t| sanitize_inline(t.trim())) {
                        Some(t) if !t.is_empty() && !self.topics.contains(&t) => {
                            self.topics.push(t)
                        }
                        Some(_) => {}
                        None => self.warn(format!(
                            "a topic in `topics` is {}, not text; dropped",
                            item.kind()
                        )),
                    }
                }
            }
            ("chapters", Value::List(items)) => {
                let mut chapters = Vec::new();
                for item in items {
                    match item.as_scalar_text() {
                        Some(t) => chapters.push(t.trim().to_string()),
                        None => self.warn(format!(
                            "a chapter in `chapters` is {}, not a file name; skipped",
                            item.kind()
                        )),
                    }
                }
                self.chapters = Some(chapters);
            }
            ("published", Value::Bool(b)) => self.draft = !b,
            ("topics" | "chapters", v) => {
                self.warn(format!("`{key}` is {}, expected a list; ignored", v.kind()))
            }
            ("published", v) => self.warn(format!(
                "`published` is {}, expected true or false; ignored",
                v.kind()
            )),
            _ => {}
        }
    }
}

/// A chapter's file name without `.md`.
fn slug_of(a: &Article) -> String {
    a.path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The number in front of a file name Zenn orders chapters by when there is no `chapters:`
/// list (`1.intro`, `10.end`).
fn number_prefix(slug: &str) -> Option<u64> {
    let (n, rest) = slug.split_once('.')?;
    (!rest.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| n.parse().ok())
        .flatten()
}

/// Bind every chapter among `articles` to its book in `books` (by folder; a chapter whose
/// book is not there is left as it is). A chapter is replaced by a copy with its book, title,
/// tags, date and draft flag; problems (chapters listed but missing, the books' own) are
/// pushed to `diags`.
///
/// Order: the chapters `config.yaml` lists, in its order; then, or when it lists none, the
/// other chapter files by their number prefix (`1.intro.md`) and name. Zenn publishes only
/// the chapters listed, so when there is a list, a chapter not in it is a draft.
///
/// Date: every chapter takes the newest date of the book's chapters (they rarely have their
/// own), so a book stays together in a list sorted by date, ordered by chapter number.
pub fn bind_chapters(
    articles: &mut [Arc<Article>],
    books: &HashMap<PathBuf, Book>,
    diags: &mut Vec<Diagnostic>,
) {
    bind_chapters_by(
        articles,
        |a| a,
        |a, bound| *a = Arc::new(bound),
        books,
        diags,
    );
}

/// [`bind_chapters`] over any list that holds articles: `get` reads one, `set` replaces it.
pub fn bind_chapters_by<A>(
    articles: &mut [A],
    get: impl Fn(&A) -> &Article,
    mut set: impl FnMut(&mut A, Article),
    books: &HashMap<PathBuf, Book>,
    diags: &mut Vec<Diagnostic>,
) {
    if books.is_empty() {
        return;
    }
    let mut by_book: HashMap<&Path, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(dir) = book_dir(&get(a).path).filter(|d| books.contains_key(*d)) {
            by_book.entry(dir).or_default().push(i);
        }
    }
    let mut bound: Vec<(usize, Article)> = Vec::new();
    let mut dirs: Vec<&Path> = by_book.keys().copied().collect();
    dirs.sort();
    for dir in dirs {
        let Some(book) = books.get(dir) else { continue };
        diags.extend(book.diagnostics.iter().cloned());
        let mut members = by_book.remove(dir).unwrap_or_default();
        let slugs: HashMap<usize, String> = members
            .iter()
            .map(|&i| (i, slug_of(get(&articles[i]))))
            .collect();
        // A chapter listed twice takes its first place.
        let mut listed: HashMap<&str, usize> = HashMap::new();
        for (n, s) in book.chapters.iter().flatten().enumerate() {
            listed.entry(s.as_str()).or_insert(n);
        }
        if let (Some(chapters), Some(config)) = (&book.chapters, &book.config) {
            for c in chapters {
                if !slugs.values().any(|s| s == c) {
                    diags.push(Diagnostic::warning(
                        config,
                        format!(
                            "chapter `{}` is listed but {}.md is not in the book's folder; skipped",
                            sanitize_inline(c),
                            sanitize_inline(c)
                        ),
                    ));
                }
            }
        }
        members.sort_by_cached_key(|i| {
            let slug = &slugs[i];
            let place = listed.get(slug.as_str()).copied().unwrap_or(usize::MAX);
            (place, number_prefix(slug).unwrap_or(u64::MAX), slug.clone())
        });
        let newest = members
            .iter()
            .map(|&i| (get(&articles[i]).date, get(&articles[i]).date_source))
            .max_by_key(|(d, _)| *d);
        let title = book.title.clone().unwrap_or_else(|| {
            dir.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        });
        for (n, &i) in members.iter().enumerate() {
            let own = get(&articles[i]);
            let mut a = Article::clone(own);
            let unlisted = book.chapters.is_some() && !listed.contains_key(slugs[&i].as_str());
            a.title = format!("{title}{TITLE_SEPARATOR}{}", own.title);
            for t in &book.topics {
                if !a.tags.contains(t) {
                    a.tags.push(t.clone());
                }
            }
            if let Some((date, source)) = newest {
                (a.date, a.date_source) = (date, source);
            }
            a.draft |= book.draft || unlisted;
            a.book = Some(Chapter {
                book_dir: dir.to_path_buf(),
                book_title: title.clone(),
                number: u32::try_from(n + 1).unwrap_or(u32::MAX),
                title: own.title.clone(),
            });
            bound.push((i, a));
        }
    }
    for (i, a) in bound {
        set(&mut articles[i], a);
    }
}

/// The book folders of the chapters among `paths`, each once.
pub fn book_dirs<'a>(paths: impl Iterator<Item = &'a Path>) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = paths.filter_map(book_dir).map(Path::to_path_buf).collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// The books of the chapters among `paths`, read.
pub fn read_books<'a>(paths: impl Iterator<Item = &'a Path>) -> HashMap<PathBuf, Book> {
    book_dirs(paths)
        .into_iter()
        .filter_map(|dir| Some((dir.clone(), read_book(&dir)?)))
        .collect()
}
