//! The index cache: what the last scan of a set of roots found, per file (path, size,
//! modification time, the article's metadata and the problems met), and each article's folded
//! search text, kept in the cache folder so the next start only stats the files and reads
//! again the ones that changed.
//!
//! Two files per set of roots, named by a hash of the roots and the settings that shape an
//! article: `<key>.meta` (small; read before the first frame) and `<key>.search` (the
//! folded body texts, about as large as the bodies; read after the first frame). Both are
//! written to a temporary file and renamed. A cache that cannot be read, is of another format
//! or belongs to other roots is ignored and written anew: it only ever saves time.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::article::{Article, FileStamp};
use crate::diagnostics::Diagnostic;
use crate::index::SearchText;
use crate::loader::LoadOptions;

/// Bumped whenever what is cached, or how an article is built from a file, changes.
pub const FORMAT: u32 = 6;

const SEARCH_MAGIC: &[u8; 8] = b"KIJISRCH";

/// What the cache knows of one file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileEntry {
    /// The file.
    pub path: PathBuf,
    /// The folder its id is relative to.
    pub base: PathBuf,
    /// Its size and modification time when it was read.
    pub stamp: FileStamp,
    /// The article made of it (without its body), `None` when the file was skipped. Shared
    /// with the indexes made from the scan.
    pub article: Option<Arc<Article>>,
    /// The problems met reading it.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct MetaFile {
    format: u32,
    roots: Vec<PathBuf>,
    files: Vec<FileEntry>,
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
        let Ok(bytes) = fs::read(&self.meta) else {
            return HashMap::new();
        };
        match bincode::deserialize::<MetaFile>(&bytes) {
            Ok(m) if m.format == FORMAT && m.roots == self.roots => m
                .files
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
                .collect(),
            _ => HashMap::new(),
        }
    }

    /// Write the metadata of `files`.
    pub fn write_meta<'a>(&self, files: impl Iterator<Item = &'a FileEntry>) -> io::Result<()> {
        let meta = MetaFileRef {
            format: FORMAT,
            roots: &self.roots,
            files: files.collect(),
        };
        write_atomic(&self.meta, |w| {
            bincode::serialize_into(w, &meta).map_err(io::Error::other)
        })
    }

    /// The folded search texts of the last scan, by path, with the stamp of the file they
    /// were made from; empty when there is no usable cache. Read entry by entry, so the file
    /// is never in memory beside the texts made of it.
    pub fn read_search(&self) -> HashMap<PathBuf, (FileStamp, SearchText)> {
        fs::File::open(&self.search)
            .ok()
            .and_then(|f| decode_search(&mut io::BufReader::new(f)))
            .unwrap_or_default()
    }

    /// Write the search texts.
    pub fn write_search<'a>(
        &self,
        texts: impl Iterator<Item = (&'a Path, FileStamp, &'a str)>,
    ) -> io::Result<()> {
        let texts: Vec<_> = texts.collect();
        write_atomic(&self.search, |w| encode_search(texts.into_iter(), w))
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

/// The search file: the magic, the format, the count, then per file its path, stamp and text,
/// each string as a little-endian u64 length and its bytes.
fn encode_search<'a>(
    texts: impl ExactSizeIterator<Item = (&'a Path, FileStamp, &'a str)>,
    out: &mut impl Write,
) -> io::Result<()> {
    out.write_all(SEARCH_MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    out.write_all(&(texts.len() as u64).to_le_bytes())?;
    for (path, stamp, text) in texts {
        put_bytes(out, path.to_string_lossy().as_bytes())?;
        out.write_all(&stamp.size.to_le_bytes())?;
        out.write_all(&stamp.modified_ns.to_le_bytes())?;
        put_bytes(out, text.as_bytes())?;
    }
    Ok(())
}

fn put_bytes(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

fn read_u64(r: &mut impl Read) -> Option<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b).ok()?;
    Some(u64::from_le_bytes(b))
}

/// A length-prefixed string; a length beyond any article's is refused before anything is
/// allocated for it.
fn read_string(r: &mut impl Read) -> Option<String> {
    let n = read_u64(r)?;
    if n > crate::loader::MAX_FILE_SIZE * 4 {
        return None;
    }
    let mut bytes = Vec::new();
    r.by_ref().take(n).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 != n {
        return None;
    }
    String::from_utf8(bytes).ok()
}

fn decode_search(r: &mut impl Read) -> Option<HashMap<PathBuf, (FileStamp, SearchText)>> {
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic).ok()?;
    if &magic != SEARCH_MAGIC {
        return None;
    }
    let mut format = [0u8; 4];
    r.read_exact(&mut format).ok()?;
    if u32::from_le_bytes(format) != FORMAT {
        return None;
    }
    let count = read_u64(r)?;
    let mut out = HashMap::new();
    for _ in 0..count {
        let path = PathBuf::from(read_string(r)?);
        let size = read_u64(r)?;
        let modified_ns = i64::from_le_bytes(read_u64(r)?.to_le_bytes());
        let text: SearchText = Arc::from(read_string(r)?);
        out.insert(path, (FileStamp { size, modified_ns }, text));
    }
    // Anything after the last entry means the file is not what it claims to be.
    let mut rest = [0u8; 1];
    match r.read(&mut rest) {
        Ok(0) => Some(out),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(n: u64) -> FileStamp {
        FileStamp {
            size: n,
            modified_ns: i64::try_from(n).unwrap_or(0) * 1_000_000_007,
        }
    }

    fn encoded(items: &[(PathBuf, FileStamp, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        encode_search(
            items.iter().map(|(p, s, t)| (p.as_path(), *s, *t)),
            &mut out,
        )
        .expect("encode");
        out
    }

    #[test]
    fn search_file_round_trips() {
        let items = [
            (PathBuf::from("/a/ja.md"), stamp(3), "くろーど"),
            (PathBuf::from("/a/en.md"), stamp(9), ""),
        ];
        let bytes = encoded(&items);
        let back = decode_search(&mut bytes.as_slice()).expect("decodes");
        assert_eq!(back.len(), 2);
        assert_eq!(back[Path::new("/a/ja.md")].0, stamp(3));
        assert_eq!(&*back[Path::new("/a/ja.md")].1, "くろーど");
        assert_eq!(&*back[Path::new("/a/en.md")].1, "");
    }

    #[test]
    fn a_damaged_search_file_is_refused_not_misread() {
        let items = [(PathBuf::from("/a/ja.md"), stamp(3), "text")];
        let bytes = encoded(&items);
        for cut in 0..bytes.len() {
            assert!(decode_search(&mut &bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode_search(&mut extra.as_slice()).is_none());
        let mut other = bytes.clone();
        other[0] = b'X';
        assert!(decode_search(&mut other.as_slice()).is_none());
        // A length beyond reason is refused without trying to allocate it.
        let mut huge = bytes;
        let at = 8 + 4 + 8;
        huge[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode_search(&mut huge.as_slice()).is_none());
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
        };
        one.write_meta(std::iter::once(&entry)).expect("write");
        assert_eq!(one.read_meta().len(), 1);
        let mut other = one.clone();
        other.roots = vec![PathBuf::from("/x/two")];
        assert!(other.read_meta().is_empty());
        fs::write(&one.meta, b"{not json").expect("write garbage");
        assert!(one.read_meta().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_of_killed_writers_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = CacheFiles::new(
            dir.path(),
            &[PathBuf::from("/x/one")],
            &LoadOptions::default(),
        );
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
