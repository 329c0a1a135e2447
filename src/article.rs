//! An article: its metadata from front matter (or fallbacks), its Markdown body, and where it
//! came from.

use std::path::PathBuf;

use crate::date::Date;

/// Where an article's date came from, so fallbacks can be told apart from real dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// One article, with everything the list, the body and the sidebar need.
#[derive(Clone, Debug)]
pub struct Article {
    /// Path relative to its root without the `.md`/`.markdown` extension, `/`-separated.
    pub id: String,
    /// The root folder it was found under.
    pub root: PathBuf,
    /// The file it was read from.
    pub path: PathBuf,
    /// Title (front matter, else the first `#` heading, else the file name). Sanitised.
    pub title: String,
    /// One-paragraph summary, if given. Sanitised.
    pub description: Option<String>,
    /// Publication date, if one could be found.
    pub date: Option<Date>,
    /// Where `date` came from.
    pub date_source: DateSource,
    /// Category, if given. Sanitised.
    pub category: Option<String>,
    /// Tags in the order given, without duplicates. Sanitised.
    pub tags: Vec<String>,
    /// Language code, lower case (`ja`, `en`, ...).
    pub locale: String,
    /// The mascot's comment on the article, if any. Sanitised.
    pub comment: Option<String>,
    /// Front-matter keys kiji does not interpret, kept as they were (key, YAML value as text).
    pub extra: Vec<(String, String)>,
    /// The Markdown body after the front matter (raw; sanitised when laid out).
    pub body: String,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
    /// Ids of the same article in other locales (same folder, differs only by locale).
    pub translations: Vec<String>,
}
