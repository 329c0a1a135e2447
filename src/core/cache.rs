//! The index cache: what the last scan of a set of roots found, per file (path, size,
//! modification time, the article's metadata and the problems met), and each article's folded
//! search text, kept in the cache folder so the next start only stats the files and reads
//! again the ones that changed.
//!
//! Two files per set of roots, named by a hash of the roots and the settings that shape an
//! article: `<key>.meta` (small; read before the first frame) and `<key>.search` (the
//! folded body texts, about as large as the bodies; mapped after the first frame, see
//! [`crate::search_file`]). Both are streamed to a temporary file and renamed. A cache that cannot be read, is of another format
//! or belongs to other roots is ignored and written anew: it only ever saves time.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::article::{Article, FileStamp};
use crate::diagnostics::Diagnostic;
use crate::loader::LoadOptions;
use crate::search_file::{SearchFile, SearchText, SearchWriter};

mod lean;
pub(crate) mod strings;

/// Bumped whenever what is cached (the search file's texts and signatures too), how an article
/// is built from a file, or the order articles are listed in (each entry keeps its article's
/// place: `index::newest_first`, `fold`) changes.
pub const FORMAT: u32 = 13;

/// What the cache knows of one file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileEntry {
    /// The file.
    #[serde(deserialize_with = "crate::cache::strings::path")]
    pub path: PathBuf,
    /// The folder its id is relative to.
    #[serde(deserialize_with = "crate::cache::strings::path")]
    pub base: PathBuf,
    /// Its size and modification time when it was read.
    pub stamp: FileStamp,
    /// The article made of it (without its body), `None` when the file was skipped. Shared
    /// with the indexes made from the scan.
    pub article: Option<Arc<Article>>,
    /// The problems met reading it.
    pub diagnostics: Vec<Diagnostic>,
    /// Its article's place in the newest-first list the last snapshot made (`None`: not
    /// placed yet), so a scan that finds nothing changed need not sort again (see
    /// [`crate::scan::Scanner::snapshot`]).
    pub order: Option<u32>,
}

impl FileEntry {
    /// Whether every path it holds is UTF-8, as bincode needs to write it.
    fn paths_are_utf8(&self) -> bool {
        let utf8 = |p: &Path| p.to_str().is_some();
        utf8(&self.path)
            && utf8(&self.base)
            && self.diagnostics.iter().all(|d| utf8(&d.path))
            && self
                .article
                .as_ref()
                .and_then(|a| a.book.as_ref())
                .is_none_or(|b| utf8(&b.book_dir))
    }
}

/// How much of each article reading the metadata file builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// All of it.
    Whole,
    /// All but the description, the comment and the other front-matter keys (`extra`), for a
    /// listing that prints none of them; such entries are never written back.
    Lean,
}

#[derive(Deserialize)]
struct MetaFile<E> {
    format: u32,
    roots: Vec<PathBuf>,
    files: Vec<E>,
}

/// [`MetaFile`] as written: borrowed, so saving copies nothing.
#[derive(Serialize)]
struct MetaFileRef<'a> {
    format: u32,
    roots: &'a [PathBuf],
    files: Vec<&'a FileEntry>,
}

/// Where the cache of one set of roots lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheFiles {
    /// The metadata file.
    pub meta: PathBuf,
    /// The search-text file.
    pub search: PathBuf,
    roots: Vec<PathBuf>,
}

/// FNV-1a: a hash that stays the same across builds and platforms (the file names depend on
/// it).
fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl CacheFiles {
    /// The cache files for `roots` (each once, see [`crate::loader::dedupe_roots`], made
    /// absolute) under the cache folder `dir`.
    pub fn new(dir: &Path, roots: &[PathBuf], opts: &LoadOptions) -> CacheFiles {
        let roots: Vec<PathBuf> = crate::loader::dedupe_roots(roots)
            .iter()
            .map(|r| fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
            .collect();
        let mut h = 0xcbf2_9ce4_8422_2325;
        h = fnv1a(&FORMAT.to_le_bytes(), h);
        for r in &roots {
            h = fnv1a(r.to_string_lossy().as_bytes(), h);
            h = fnv1a(&[0], h);
        }
        h = fnv1a(opts.mascot_field.as_bytes(), h);
        h = fnv1a(&opts.max_file_size.to_le_bytes(), h);
        let dir = dir.join("index");
        CacheFiles {
            meta: dir.join(format!("{h:016x}.meta")),
            search: dir.join(format!("{h:016x}.search")),
            roots,
        }
    }

    /// Remove the temporary files that writers of any index cache in this folder left behind
    /// when they were killed mid-save (see `crate::state::disk::remove_stale_temps_in`).
    pub fn remove_stale_temps(&self) {
        let Some(dir) = self.meta.parent() else {
            return;
        };
        crate::state::disk::remove_stale_temps_in(dir, |base| {
            let (key, ext) = base.split_once('.').unwrap_or((base, ""));
            key.len() == 16
                && key.bytes().all(|b| b.is_ascii_hexdigit())
                && (ext == "meta" || ext == "search")
        });
    }

    /// The files of the last scan, by path; empty when there is no usable cache.
    pub fn read_meta(&self) -> HashMap<PathBuf, FileEntry> {
        self.read_meta_with(Detail::Whole)
    }

    /// [`CacheFiles::read_meta`], with as much of each article as `detail` says.
    pub fn read_meta_with(&self, detail: Detail) -> HashMap<PathBuf, FileEntry> {
        let Ok(file) = fs::File::open(&self.meta) else {
            return HashMap::new();
        };
        // Mapped, not read: nothing is copied, and its pages are mapped at once (populated)
        // instead of faulting in one by one as it is decoded.
        // SAFETY: kiji never writes a metadata file in place (a new one is renamed over it),
        // so the mapped bytes do not change while mapped. Another program truncating the file
        // would make reading it fault, as with any mapped file; only the index cache folder
        // holds it.
        let Ok(bytes) = (unsafe { memmap2::MmapOptions::new().populate().map(&file) }) else {
            return HashMap::new();
        };
        let files: Option<Vec<FileEntry>> = match detail {
            Detail::Whole => self.decode::<FileEntry>(&bytes),
            Detail::Lean => self
                .decode::<lean::LeanEntry>(&bytes)
                .map(|files| files.into_iter().map(FileEntry::from).collect()),
        };
        files
            .unwrap_or_default()
            .into_iter()
            .map(|mut f| {
                if let Some(a) = &mut f.article {
                    // Just read, so not shared yet: no copy is made.
                    let a = Arc::make_mut(a);
                    a.body_on_disk = true;
                    a.root = f.base.clone();
                    a.path = f.path.clone();
                    a.stamp = Some(f.stamp);
                }
                (f.path.clone(), f)
            })
            .collect()
    }

    /// The entries of a metadata file of this format and these roots.
    fn decode<E: serde::de::DeserializeOwned>(&self, bytes: &[u8]) -> Option<Vec<E>> {
        match bincode::deserialize::<MetaFile<E>>(bytes) {
            Ok(m) if m.format == FORMAT && m.roots == self.roots => Some(m.files),
            _ => None,
        }
    }

    /// Write the metadata of `files`, but for those with a path that is not UTF-8 (bincode
    /// writes a path as a string; one such file name would keep the whole cache from being
    /// written): those are read again at each start.
    pub fn write_meta<'a>(&self, files: impl Iterator<Item = &'a FileEntry>) -> io::Result<()> {
        let meta = MetaFileRef {
            format: FORMAT,
            roots: &self.roots,
            files: files.filter(|f| f.paths_are_utf8()).collect(),
        };
        write_atomic(&self.meta, |w| {
            bincode::serialize_into(w, &meta).map_err(io::Error::other)
        })
    }

    /// The folded search texts of the last scan, by path, with the stamp of the file they
    /// were made from; empty when there is no usable cache. The file is mapped, not read: the
    /// texts are parts of it ([`crate::search_file`]).
    pub fn read_search(&self) -> HashMap<PathBuf, (FileStamp, SearchText)> {
        SearchFile::open(&self.search, FORMAT)
            .unwrap_or_default()
            .into_iter()
            .map(|(path, stamp, text)| (path, (stamp, text)))
            .collect()
    }

    /// Write the search texts.
    pub fn write_search<'a>(
        &self,
        texts: impl Iterator<Item = (&'a Path, FileStamp, &'a SearchText)>,
    ) -> io::Result<()> {
        self.write_search_with(|w| {
            for (path, stamp, text) in texts {
                w.push(path, stamp, text)?;
            }
            Ok(())
        })
    }

    /// Write a search file as `fill` gives the texts to its writer, streamed to the disk
    /// (a new file renamed over the old one, which stays intact for whoever maps it). An
    /// error from `fill` leaves the old file as it was.
    pub fn write_search_with(
        &self,
        fill: impl FnOnce(&mut SearchWriter<&mut io::BufWriter<&mut fs::File>>) -> io::Result<()>,
    ) -> io::Result<()> {
        write_atomic(&self.search, |out| {
            let mut w = SearchWriter::new(out, FORMAT)?;
            fill(&mut w)?;
            w.finish().map(drop)
        })
    }
}

/// Write a file through `write` to a temporary file beside `path`, flush it to the disk and
/// rename it over `path`.
fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<&mut fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    crate::state::disk::remove_stale_temps(path);
    // Not flushed to the disk before the rename: after a power cut the file may be short or
    // empty, which reading finds out (a cache is only ever a way to save time).
    let temp = crate::state::disk::write_temp_with(path, false, |file| {
        let mut w = io::BufWriter::new(file);
        write(&mut w)?;
        w.flush()
    })?;
    crate::state::disk::commit(&temp, path)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The cache files of the root `/x/one` under the cache folder `dir`.
    fn one_root(dir: &Path) -> CacheFiles {
        CacheFiles::new(dir, &[PathBuf::from("/x/one")], &LoadOptions::default())
    }

    /// A file stamp made of `n`, different for each `n`.
    pub(crate) fn stamp(n: u64) -> FileStamp {
        FileStamp {
            size: n,
            modified_ns: i64::try_from(n).unwrap_or(0) * 1_000_000_007,
        }
    }

    #[test]
    fn names_depend_on_the_roots_and_the_settings() {
        let dir = Path::new("/cache");
        let opts = LoadOptions::default();
        let a = CacheFiles::new(dir, &[PathBuf::from("/x/one")], &opts);
        let b = CacheFiles::new(dir, &[PathBuf::from("/x/two")], &opts);
        let c = CacheFiles::new(
            dir,
            &[PathBuf::from("/x/one")],
            &LoadOptions {
                mascot_field: "comment".into(),
                ..LoadOptions::default()
            },
        );
        assert_ne!(a.meta, b.meta);
        assert_ne!(a.meta, c.meta);
        assert_eq!(a, CacheFiles::new(dir, &[PathBuf::from("/x/one")], &opts));
        assert!(a.meta.starts_with("/cache/index"));
    }

    #[test]
    fn meta_of_other_roots_or_garbage_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let opts = LoadOptions::default();
        let one = CacheFiles::new(dir.path(), &[PathBuf::from("/x/one")], &opts);
        let entry = FileEntry {
            path: PathBuf::from("/x/one/a.md"),
            base: PathBuf::from("/x/one"),
            stamp: stamp(1),
            article: None,
            diagnostics: vec![Diagnostic::error("/x/one/a.md", "binary file")],
            order: None,
        };
        one.write_meta(std::iter::once(&entry)).expect("write");
        assert_eq!(one.read_meta().len(), 1);
        let mut other = one.clone();
        other.roots = vec![PathBuf::from("/x/two")];
        assert!(other.read_meta().is_empty());
        fs::write(&one.meta, b"{not json").expect("write garbage");
        assert!(one.read_meta().is_empty());
    }

    #[test]
    fn a_lean_read_is_the_whole_one_without_what_it_leaves_out() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = one_root(dir.path());
        let full = Article {
            title: "T".into(),
            description: Some("a description".into()),
            date: crate::date::Date::parse("2026-01-02"),
            date_source: crate::article::DateSource::Path,
            category: Some("c".into()),
            tags: vec!["t1".into(), "t2".into()],
            locale: "en".into(),
            comment: Some("a comment".into()),
            emoji: Some("📰".into()),
            draft: true,
            book: Some(crate::article::Chapter {
                book_dir: PathBuf::from("/x/one/books/b"),
                book_title: "B".into(),
                number: 2,
                title: "Two".into(),
            }),
            extra: vec![("k".into(), "v".into())],
            body_line: 7,
            translations: vec!["a.ja".into()],
            local_images: vec![crate::markdown::ImageRef {
                url: "i.png".into(),
                line: 3,
                column: 1,
            }],
            ..Article::blank("a")
        };
        let entry = FileEntry {
            path: PathBuf::from("/x/one/a.md"),
            base: PathBuf::from("/x/one"),
            stamp: stamp(3),
            article: Some(Arc::new(full)),
            diagnostics: vec![Diagnostic::warning("/x/one/a.md", "w")],
            order: Some(0),
        };
        files.write_meta(std::iter::once(&entry)).expect("write");
        let whole = files.read_meta_with(Detail::Whole);
        let lean = files.read_meta_with(Detail::Lean);
        let (whole, lean) = (&whole[&entry.path], &lean[&entry.path]);
        let mut expected = (**whole.article.as_ref().expect("article")).clone();
        assert_eq!(expected.description.as_deref(), Some("a description"));
        expected.description = None;
        expected.comment = None;
        expected.extra = Vec::new();
        assert_eq!(
            format!("{:?}", lean.article.as_deref().expect("article")),
            format!("{expected:?}")
        );
        assert_eq!(
            (
                &lean.path,
                &lean.base,
                lean.stamp,
                &lean.diagnostics,
                lean.order
            ),
            (
                &whole.path,
                &whole.base,
                whole.stamp,
                &whole.diagnostics,
                whole.order
            )
        );
        let bytes = fs::read(&files.meta).expect("meta");
        for cut in 0..bytes.len() {
            fs::write(&files.meta, &bytes[..cut]).expect("cut");
            assert!(
                files.read_meta_with(Detail::Lean).is_empty(),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn meta_cut_at_any_byte_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = one_root(dir.path());
        let entry = |name: &str, order| FileEntry {
            path: PathBuf::from(format!("/x/one/{name}.md")),
            base: PathBuf::from("/x/one"),
            stamp: stamp(2),
            article: Some(Arc::new(Article {
                tags: vec!["t".into()],
                ..Article::blank(name)
            })),
            diagnostics: Vec::new(),
            order,
        };
        let entries = [entry("a", Some(1)), entry("b", Some(0))];
        files.write_meta(entries.iter()).expect("write");
        let read = files.read_meta();
        assert_eq!(read.len(), 2);
        assert_eq!(read[Path::new("/x/one/a.md")].order, Some(1));
        let bytes = fs::read(&files.meta).expect("meta");
        for cut in 0..bytes.len() {
            fs::write(&files.meta, &bytes[..cut]).expect("cut");
            assert!(files.read_meta().is_empty(), "cut at {cut}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_is_left_out_and_the_rest_written() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let files = one_root(dir.path());
        let entry = |path: PathBuf| FileEntry {
            diagnostics: vec![Diagnostic::warning(&path, "w")],
            article: Some(Arc::new(Article::blank("a"))),
            path,
            base: PathBuf::from("/x/one"),
            stamp: stamp(1),
            order: None,
        };
        let bad = PathBuf::from(std::ffi::OsStr::from_bytes(b"/x/one/b\xff.md"));
        let entries = [entry(PathBuf::from("/x/one/a.md")), entry(bad.clone())];
        files
            .write_meta(entries.iter())
            .expect("written without it");
        let read = files.read_meta();
        assert_eq!(read.len(), 1);
        assert!(read.contains_key(Path::new("/x/one/a.md")));
        // So is an entry whose only other path is not UTF-8.
        let mut diagnosed = entry(PathBuf::from("/x/one/c.md"));
        diagnosed.diagnostics = vec![Diagnostic::warning(&bad, "w")];
        files
            .write_meta(std::iter::once(&diagnosed))
            .expect("written");
        assert!(files.read_meta().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_of_killed_writers_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = one_root(dir.path());
        let index = files.meta.parent().expect("index folder");
        fs::create_dir_all(index).expect("mkdir");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let file = |name: &str| {
            let path = index.join(name);
            let f = fs::File::create(&path).expect("create");
            f.set_modified(old).expect("mtime");
            path
        };
        let dead = i32::MAX;
        let live = std::process::id();
        // Another set of roots' cache, killed mid-save, is cleaned up too.
        let stale = [
            file(&format!("0123456789abcdef.meta.tmp-{dead}-0")),
            file(&format!("0123456789abcdef.search.tmp-{dead}-3")),
        ];
        let kept = [
            file(&format!("0123456789abcdef.search.tmp-{live}-1")),
            file(&format!("notacachekey.meta.tmp-{dead}-0")),
            file(&format!("0123456789abcdef.json.tmp-{dead}-0")),
            file("0123456789abcdef.meta"),
        ];
        files.remove_stale_temps();
        for p in stale {
            assert!(!p.exists(), "{} removed", p.display());
        }
        for p in kept {
            assert!(p.exists(), "{} kept", p.display());
        }
    }
}
