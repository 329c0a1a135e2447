//! An article: its metadata from front matter (or fallbacks), its Markdown body, and where it
//! came from.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// Where an article's date came from, so fallbacks can be told apart from real dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateSource {
    /// A date key in the front matter.
    FrontMatter,
    /// A `YYYYMMDD` in the folder or file name.
    Path,
    /// The file's modification time.
    Modified,
    /// No date could be found.
    None,
}

/// What a file looked like when it was read: a cached article is reused while its file
/// still has the same size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub modified_ns: i64,
}

impl FileStamp {
    /// The stamp of a file from its metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        let modified_ns = meta
            .modified()
            .ok()
            .map(|t| match t.duration_since(std::time::UNIX_EPOCH) {
                Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
                Err(e) => i64::try_from(e.duration().as_nanos()).map_or(i64::MIN, |n| -n),
            })
            .unwrap_or(0);
        FileStamp {
            size: meta.len(),
            modified_ns,
        }
    }
}

/// Where a chapter stands in its book: a Zenn book's `books/<slug>/config.yaml` names the
/// book and orders its chapters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chapter {
    /// The book's folder (`books/<slug>`), which tells books apart.
    #[serde(deserialize_with = "crate::cache::strings::path")]
    pub book_dir: PathBuf,
    /// The book's title. Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::string")]
    pub book_title: String,
    /// The chapter's place in the book, from 1.
    pub number: u32,
    /// The chapter's own title, before the book's was put in front of it. Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::string")]
    pub title: String,
}

/// One article, with everything the list, the body and the sidebar need.
///
/// The reader keeps only the metadata of an article read from disk (`body_on_disk`): the body
/// is read again when the article is shown, and search uses its folded text from the index.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Article {
    /// Path relative to its root without the `.md`/`.markdown` extension, `/`-separated.
    #[serde(deserialize_with = "crate::cache::strings::string")]
    pub id: String,
    /// The root folder it was found under (not in the index cache, which has it per file).
    #[serde(skip)]
    pub root: PathBuf,
    /// The file it was read from (not in the index cache, which has it per file).
    #[serde(skip)]
    pub path: PathBuf,
    /// Title (front matter, else the first `#` heading, else the file name). Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::string")]
    pub title: String,
    /// One-paragraph summary, if given. Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::option")]
    pub description: Option<String>,
    /// Publication date, if one could be found.
    pub date: Option<Date>,
    /// Where `date` came from.
    pub date_source: DateSource,
    /// Category, if given. Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::option")]
    pub category: Option<String>,
    /// Tags in the order given, without duplicates. Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::list")]
    pub tags: Vec<String>,
    /// Language code, lower case (`ja`, `en`, ...).
    #[serde(deserialize_with = "crate::cache::strings::string")]
    pub locale: String,
    /// The mascot's comment on the article, if any. Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::option")]
    pub comment: Option<String>,
    /// The emoji shown before the title (Zenn's `emoji`): one grapheme. Sanitised.
    #[serde(deserialize_with = "crate::cache::strings::option")]
    pub emoji: Option<String>,
    /// Whether the article is a draft, not published (`published: false`, `draft: true`,
    /// qiita-cli's `ignorePublish: true`; a chapter of a book that is a draft).
    pub draft: bool,
    /// The book this article is a chapter of, if any (a Zenn book, `books/<slug>/`).
    pub book: Option<Chapter>,
    /// Front-matter keys kiji does not interpret, kept as they were (key, YAML value as text).
    #[serde(deserialize_with = "crate::cache::strings::pairs")]
    pub extra: Vec<(String, String)>,
    /// The Markdown body after the front matter (raw; sanitised when laid out). Empty when
    /// `body_on_disk`.
    #[serde(skip)]
    pub(crate) body: String,
    /// Whether the body was left in the file. Read the body, whatever its origin, with
    /// [`crate::loader::read_body`].
    #[serde(skip)]
    pub(crate) body_on_disk: bool,
    /// The file's size and modification time when it was read (`None`: not from a file).
    #[serde(skip)]
    pub stamp: Option<FileStamp>,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
    /// Ids of the same article in other locales (same folder, differs only by locale).
    /// Worked out again from the other articles whenever the files change.
    #[serde(deserialize_with = "crate::cache::strings::list")]
    pub translations: Vec<String>,
    /// The images the body names that are not remote, found when the file was read and kept
    /// in the index cache: `kiji check` probes them without reading the body again.
    pub local_images: Vec<crate::markdown::ImageRef>,
}

impl Article {
    /// Drop the body from memory: it is read from the file again when needed.
    pub fn leave_body_on_disk(&mut self) {
        self.body = String::new();
        self.body_on_disk = true;
    }

    /// Whether the body was left in the file ([`Article::leave_body_on_disk`]).
    pub fn body_on_disk(&self) -> bool {
        self.body_on_disk
    }

    /// A bound on the body's length in bytes known without reading it: its length when held,
    /// else the size of its file (unbounded when that is unknown).
    pub fn body_len_bound(&self) -> u64 {
        match (self.body_on_disk, self.stamp) {
            (false, _) => self.body.len() as u64,
            (true, Some(stamp)) => stamp.size,
            (true, None) => u64::MAX,
        }
    }
}

#[cfg(test)]
impl Article {
    /// An article with id `id` and nothing else set (no date, locale `ja`, empty body), for
    /// unit tests to fill in with struct update syntax.
    pub(crate) fn blank(id: &str) -> Article {
        Article {
            id: id.to_string(),
            root: PathBuf::new(),
            path: PathBuf::from(format!("{id}.md")),
            title: String::new(),
            description: None,
            date: None,
            date_source: DateSource::FrontMatter,
            category: None,
            tags: Vec::new(),
            locale: "ja".to_string(),
            comment: None,
            emoji: None,
            draft: false,
            book: None,
            extra: Vec::new(),
            body: String::new(),
            body_line: 1,
            body_on_disk: false,
            stamp: None,
            translations: Vec::new(),
            local_images: Vec::new(),
        }
    }
}
