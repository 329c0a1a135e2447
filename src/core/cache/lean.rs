//! The metadata file read lean, for a listing that prints no article's description, comment
//! or other front-matter keys (`kiji list`, `tags`, `check`): those strings are stepped over
//! in the file, neither checked as UTF-8 nor copied, and the articles made leave them out.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{Deserializer, Visitor};

use super::FileEntry;
use crate::article::{Article, Chapter, DateSource, FileStamp};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::markdown::ImageRef;

/// A string of the file left unread. bincode writes a string as its bytes, so it is taken as
/// bytes: borrowed from the file's buffer, and dropped.
struct Unread;

impl<'de> Deserialize<'de> for Unread {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unread, D::Error> {
        struct Skip;
        impl Visitor<'_> for Skip {
            type Value = Unread;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_bytes<E>(self, _: &[u8]) -> Result<Unread, E> {
                Ok(Unread)
            }
        }
        deserializer.deserialize_bytes(Skip)
    }
}

/// [`Article`] as the file has it, field for field (bincode knows no names, only the order),
/// without the strings left unread (named with a `_`: only stepped over).
#[derive(Deserialize)]
struct LeanArticle {
    #[serde(deserialize_with = "super::strings::string")]
    id: String,
    #[serde(deserialize_with = "super::strings::string")]
    title: String,
    _description: Option<Unread>,
    date: Option<Date>,
    date_source: DateSource,
    #[serde(deserialize_with = "super::strings::option")]
    category: Option<String>,
    #[serde(deserialize_with = "super::strings::list")]
    tags: Vec<String>,
    #[serde(deserialize_with = "super::strings::string")]
    locale: String,
    _comment: Option<Unread>,
    #[serde(deserialize_with = "super::strings::option")]
    emoji: Option<String>,
    draft: bool,
    book: Option<Chapter>,
    _extra: Vec<(Unread, Unread)>,
    body_line: usize,
    #[serde(deserialize_with = "super::strings::list")]
    translations: Vec<String>,
    local_images: Vec<ImageRef>,
}

/// [`FileEntry`] as the file has it, its article lean.
#[derive(Deserialize)]
pub(super) struct LeanEntry {
    #[serde(deserialize_with = "super::strings::path")]
    path: PathBuf,
    #[serde(deserialize_with = "super::strings::path")]
    base: PathBuf,
    stamp: FileStamp,
    article: Option<LeanArticle>,
    diagnostics: Vec<Diagnostic>,
    order: Option<u32>,
}

impl From<LeanEntry> for FileEntry {
    fn from(e: LeanEntry) -> FileEntry {
        let article = e.article.map(|a| {
            Arc::new(Article {
                id: a.id,
                root: PathBuf::new(),
                path: PathBuf::new(),
                title: a.title,
                description: None,
                date: a.date,
                date_source: a.date_source,
                category: a.category,
                tags: a.tags,
                locale: a.locale,
                comment: None,
                emoji: a.emoji,
                draft: a.draft,
                book: a.book,
                extra: Vec::new(),
                body: String::new(),
                body_on_disk: true,
                stamp: None,
                body_line: a.body_line,
                translations: a.translations,
                local_images: a.local_images,
            })
        });
        FileEntry {
            path: e.path,
            base: e.base,
            stamp: e.stamp,
            article,
            diagnostics: e.diagnostics,
            order: e.order,
        }
    }
}
