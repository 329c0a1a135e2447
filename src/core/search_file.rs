//! The index cache's search file, laid out to be searched where it lies: each article's folded
//! body text is one run of bytes in it, and the reader maps the file, so those texts are pages
//! of a file the kernel can drop and read again, not heap. [`SearchText`] is one such text, or
//! one folded in this run and held on the heap until the next cache write.
//!
//! Layout (integers little-endian): the magic `KIJISRCH` and the cache format (u32); the texts,
//! one after the other; their [`Signature`]s, one per text in the same order; the table, its count (u64) then per file its path (u64 length and
//! bytes), its stamp (size u64, modification time i64) and the length of its text (u64); the
//! footer, where the table starts and the whole file's length (u64 each) and `KIJIEND!`. Being
//! written as a stream, the file needs no copy of itself in memory (only the signatures wait
//! for the end, [`signature::BYTES`] per text). It is opened only whole: the footer, the table,
//! and the texts and signatures filling exactly the space between the header and the table, or
//! not at all. A mapped file is never written again: a new one is written beside it
//! and renamed over it, and the old mapping lives on as long as a text of it is in use.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::article::FileStamp;
use crate::signature::{self, Probe, Signature};

const MAGIC: &[u8; 8] = b"KIJISRCH";
const END: &[u8; 8] = b"KIJIEND!";
const HEADER: usize = 8 + 4;
const FOOTER: usize = 8 + 8 + 8;

/// An article's folded body text ([`crate::search::search_text`]): held on the heap, or a part
/// of a mapped search file.
#[derive(Clone)]
pub struct SearchText(Text);

#[derive(Clone)]
enum Text {
    Held(Arc<Held>),
    Mapped {
        file: Arc<SearchFile>,
        start: usize,
        len: usize,
        /// Where its signature starts in the file.
        signature: usize,
    },
}

/// A text folded in this run, with its signature.
struct Held {
    text: Box<str>,
    signature: Signature,
}

impl SearchText {
    /// The text's bytes (UTF-8 when the file is undamaged; search compares bytes, so a
    /// damaged byte can only change what matches in that one text).
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Text::Held(h) => h.text.as_bytes(),
            Text::Mapped {
                file, start, len, ..
            } => &file.map[*start..*start + *len],
        }
    }

    /// Whether the text may hold the word `probe` was made from (its signature says so);
    /// reads none of the text.
    pub fn admits(&self, probe: &Probe) -> bool {
        match self.signature() {
            Ok(held) => held.admits(probe),
            Err(stored) => signature::stored_admits(stored, probe),
        }
    }

    /// Whether [`SearchText::admits`] is the whole answer for `probe` ([`Signature::settles`]):
    /// the text is not read.
    ///
    /// [`Signature::settles`]: crate::signature::Signature::settles
    pub fn settles(&self, probe: &Probe) -> bool {
        match self.signature() {
            Ok(held) => held.settles(probe),
            Err(stored) => signature::stored_settles(stored, probe),
        }
    }

    /// The text's signature: held, or its bytes in the mapped file.
    fn signature(&self) -> Result<&Signature, &[u8]> {
        match &self.0 {
            Text::Held(h) => Ok(&h.signature),
            Text::Mapped {
                file, signature, ..
            } => Err(&file.map[*signature..*signature + signature::BYTES]),
        }
    }

    /// The length of the mapped file the text lies in (0 for a held text).
    pub fn file_len(&self) -> usize {
        match &self.0 {
            Text::Held(_) => 0,
            Text::Mapped { file, .. } => file.map.len(),
        }
    }

    /// Whether the text lies in a mapped file (else it is on the heap).
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Text::Mapped { .. })
    }

    /// Where a mapped text lies: its file (told apart by address) and its first byte in it.
    /// `None` for a held text.
    pub fn place(&self) -> Option<(usize, usize)> {
        match &self.0 {
            Text::Held(_) => None,
            Text::Mapped { file, start, .. } => Some((Arc::as_ptr(file) as usize, *start)),
        }
    }

    /// Write the text to `out` and give its signature's bytes. A mapped text is read from
    /// its file through `buf` rather than through the mapping, so copying a whole file does
    /// not bring it into memory.
    fn write_to(
        &self,
        out: &mut impl Write,
        buf: &mut Vec<u8>,
    ) -> io::Result<[u8; signature::BYTES]> {
        match &self.0 {
            Text::Held(h) => {
                out.write_all(h.text.as_bytes())?;
                Ok(h.signature.to_bytes())
            }
            Text::Mapped {
                file,
                start,
                len,
                signature,
            } => {
                buf.resize(*len, 0);
                read_exact_at(&file.file, buf, *start as u64)?;
                out.write_all(buf)?;
                let mut sig = [0u8; signature::BYTES];
                read_exact_at(&file.file, &mut sig, *signature as u64)?;
                Ok(sig)
            }
        }
    }
}

/// Where the mapped texts of one file lie: from the first byte of the first to the last byte
/// of the last.
struct Span<'a> {
    file: &'a SearchFile,
    texts: (usize, usize),
}

fn spans<'a>(texts: impl IntoIterator<Item = &'a SearchText>) -> Vec<Span<'a>> {
    let mut spans: Vec<Span> = Vec::new();
    for t in texts {
        let Text::Mapped {
            file, start, len, ..
        } = &t.0
        else {
            continue;
        };
        let (from, to) = (*start, start + len);
        match spans.iter_mut().find(|s| std::ptr::eq(s.file, &**file)) {
            Some(s) => s.texts = (s.texts.0.min(from), s.texts.1.max(to)),
            None => spans.push(Span {
                file,
                texts: (from, to),
            }),
        }
    }
    spans
}

/// Let this process's memory go of the pages that the mapped `texts` lie on (per file, from
/// the first byte of the first to the last byte of the last): they stay in the kernel's page
/// cache and are mapped again when next read. A search goes through the texts in the order of
/// the file and lets go of each stretch behind it, so searching every text never holds the
/// whole file in the reader's memory. The signatures stay mapped, as every search reads them
/// all (a kilobyte a text: 100 MB at 100,000 articles). Held texts are left alone.
pub fn release<'a>(texts: impl IntoIterator<Item = &'a SearchText>) {
    for s in spans(texts) {
        s.file.release(s.texts.0, s.texts.1);
    }
}

impl SearchFile {
    #[cfg(unix)]
    fn release(&self, from: usize, to: usize) {
        let to = to.min(self.map.len());
        if from >= to {
            return;
        }
        // SAFETY: the mapping is read-only and its file is never written while mapped, so
        // dropping its pages loses nothing: the next read maps them again from the file.
        let _ = unsafe {
            self.map
                .unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
        };
    }

    #[cfg(not(unix))]
    fn release(&self, _from: usize, _to: usize) {}
}

#[cfg(unix)]
fn read_exact_at(file: &fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
fn read_exact_at(file: &fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(at))?;
    f.read_exact(buf)
}

impl From<String> for SearchText {
    fn from(s: String) -> SearchText {
        SearchText(Text::Held(Arc::new(Held {
            signature: Signature::of(&s),
            text: s.into_boxed_str(),
        })))
    }
}

impl From<&str> for SearchText {
    fn from(s: &str) -> SearchText {
        SearchText::from(s.to_string())
    }
}

impl std::fmt::Debug for SearchText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bytes = self.as_bytes();
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]);
        match self.0 {
            Text::Held(_) => write!(f, "Held({shown:?}…)"),
            Text::Mapped { start, len, .. } => write!(f, "Mapped({start}+{len}: {shown:?}…)"),
        }
    }
}

/// An open, mapped search file.
pub struct SearchFile {
    map: memmap2::Mmap,
    /// The same file, for reading a text without touching the mapping.
    file: fs::File,
}

impl SearchFile {
    /// Map the search file at `path` and list its texts: by path, with the stamp of the file
    /// each was made from. `None` when it is missing, of another format, or not whole.
    pub fn open(path: &Path, format: u32) -> Option<Vec<(PathBuf, FileStamp, SearchText)>> {
        let file = fs::File::open(path).ok()?;
        // SAFETY: kiji never writes a search file in place (a new one is renamed over it), so
        // the mapped bytes do not change while mapped. Another program truncating the file
        // would make reading it fault, as with any mapped file; only the index cache folder
        // holds it.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let table = table_of(&map, format)?;
        let file = Arc::new(SearchFile { map, file });
        Some(
            table
                .into_iter()
                .map(|(path, stamp, start, len, signature)| {
                    let text = SearchText(Text::Mapped {
                        file: Arc::clone(&file),
                        start,
                        len,
                        signature,
                    });
                    (path, stamp, text)
                })
                .collect(),
        )
    }
}

/// A text's entry in the table: the path and stamp of its file, where the text starts, how
/// long it is, and where its signature starts.
type Entry = (PathBuf, FileStamp, usize, usize, usize);

/// The table of a whole search file. `None` unless every part is where the footer and the
/// table say.
fn table_of(bytes: &[u8], format: u32) -> Option<Vec<Entry>> {
    if bytes.len() < HEADER + FOOTER || &bytes[..8] != MAGIC {
        return None;
    }
    if u32::from_le_bytes(bytes[8..12].try_into().ok()?) != format {
        return None;
    }
    let footer = &bytes[bytes.len() - FOOTER..];
    if &footer[16..] != END {
        return None;
    }
    let table_at = usize::try_from(u64_at(footer, 0)?).ok()?;
    let length = usize::try_from(u64_at(footer, 8)?).ok()?;
    if length != bytes.len() || table_at < HEADER || table_at > bytes.len() - FOOTER {
        return None;
    }
    let mut table = &bytes[table_at..bytes.len() - FOOTER];
    let count = take_u64(&mut table)?;
    // Each entry takes at least 32 bytes: a count beyond that is refused before allocating.
    if count > table.len() as u64 / 32 {
        return None;
    }
    let mut out = Vec::with_capacity(usize::try_from(count).ok()?);
    let mut start = HEADER;
    for _ in 0..count {
        let n = usize::try_from(take_u64(&mut table)?).ok()?;
        let path = table.get(..n)?;
        table = &table[n..];
        let path = PathBuf::from(std::str::from_utf8(path).ok()?);
        let size = take_u64(&mut table)?;
        let modified_ns = i64::from_le_bytes(take_u64(&mut table)?.to_le_bytes());
        let len = usize::try_from(take_u64(&mut table)?).ok()?;
        if len > table_at - start {
            return None;
        }
        out.push((path, FileStamp { size, modified_ns }, start, len, 0));
        start += len;
    }
    // The texts and then their signatures fill the space before the table exactly, and the
    // table ends at the footer.
    let signatures = out.len().checked_mul(signature::BYTES)?;
    if start.checked_add(signatures)? != table_at || !table.is_empty() {
        return None;
    }
    for (k, entry) in out.iter_mut().enumerate() {
        entry.4 = start + k * signature::BYTES;
    }
    Some(out)
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

fn take_u64(bytes: &mut &[u8]) -> Option<u64> {
    let v = u64_at(bytes, 0)?;
    *bytes = &bytes[8..];
    Some(v)
}

/// Writes a search file as a stream: texts as they come, the table at the end.
pub struct SearchWriter<W: Write> {
    out: W,
    table: Vec<(PathBuf, FileStamp, u64)>,
    signatures: Vec<[u8; signature::BYTES]>,
    written: u64,
    buf: Vec<u8>,
}

impl<W: Write> SearchWriter<W> {
    /// Start a search file of the cache `format` in `out`.
    pub fn new(mut out: W, format: u32) -> io::Result<SearchWriter<W>> {
        out.write_all(MAGIC)?;
        out.write_all(&format.to_le_bytes())?;
        Ok(SearchWriter {
            out,
            table: Vec::new(),
            signatures: Vec::new(),
            written: HEADER as u64,
            buf: Vec::new(),
        })
    }

    /// Add the text of the file at `path` as it was when `stamp` was taken.
    pub fn push(&mut self, path: &Path, stamp: FileStamp, text: &SearchText) -> io::Result<()> {
        let signature = text.write_to(&mut self.out, &mut self.buf)?;
        self.signatures.push(signature);
        let len = text.as_len() as u64;
        self.table.push((path.to_path_buf(), stamp, len));
        self.written += len;
        Ok(())
    }

    /// Write the signatures, the table and the footer; the file is complete.
    pub fn finish(mut self) -> io::Result<W> {
        for s in &self.signatures {
            self.out.write_all(s)?;
        }
        let table_at = self.written + (self.signatures.len() * signature::BYTES) as u64;
        let mut put = |bytes: &[u8], written: &mut u64| {
            *written += bytes.len() as u64;
            self.out.write_all(bytes)
        };
        let mut n = table_at;
        put(&(self.table.len() as u64).to_le_bytes(), &mut n)?;
        for (path, stamp, len) in &self.table {
            let path = path.to_string_lossy();
            put(&(path.len() as u64).to_le_bytes(), &mut n)?;
            put(path.as_bytes(), &mut n)?;
            put(&stamp.size.to_le_bytes(), &mut n)?;
            put(&stamp.modified_ns.to_le_bytes(), &mut n)?;
            put(&len.to_le_bytes(), &mut n)?;
        }
        let length = n + FOOTER as u64;
        put(&table_at.to_le_bytes(), &mut n)?;
        put(&length.to_le_bytes(), &mut n)?;
        put(END, &mut n)?;
        Ok(self.out)
    }
}

impl SearchText {
    fn as_len(&self) -> usize {
        match &self.0 {
            Text::Held(h) => h.text.len(),
            Text::Mapped { len, .. } => *len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::tests::stamp;

    fn encoded(items: &[(&str, FileStamp, &str)]) -> Vec<u8> {
        let mut w = SearchWriter::new(Vec::new(), 7).expect("header");
        for (p, s, t) in items {
            w.push(Path::new(p), *s, &SearchText::from(*t))
                .expect("push");
        }
        w.finish().expect("finish")
    }

    fn opened(dir: &Path, bytes: &[u8]) -> Option<Vec<(PathBuf, FileStamp, SearchText)>> {
        let path = dir.join("x.search");
        fs::write(&path, bytes).expect("write");
        SearchFile::open(&path, 7)
    }

    fn text_of(list: &[(PathBuf, FileStamp, SearchText)], path: &str) -> (FileStamp, Vec<u8>) {
        let (_, s, t) = list
            .iter()
            .find(|(p, _, _)| p == Path::new(path))
            .expect(path);
        (*s, t.as_bytes().to_vec())
    }

    #[test]
    fn a_search_file_round_trips_through_its_mapping() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = encoded(&[
            ("/a/ja.md", stamp(3), "くろーど"),
            ("/a/empty.md", stamp(5), ""),
            ("/a/en.md", stamp(9), "about claude"),
        ]);
        let list = opened(dir.path(), &bytes).expect("opens");
        assert_eq!(list.len(), 3);
        assert!(list.iter().all(|(_, _, t)| t.is_mapped()));
        assert_eq!(
            text_of(&list, "/a/ja.md"),
            (stamp(3), "くろーど".as_bytes().to_vec())
        );
        assert_eq!(text_of(&list, "/a/empty.md"), (stamp(5), Vec::new()));
        assert_eq!(
            text_of(&list, "/a/en.md"),
            (stamp(9), b"about claude".to_vec())
        );
        // Each text's signature comes back with it: it admits the words the text holds and
        // rules out (so a search does not read it for) those it cannot hold.
        let probe = crate::signature::Probe::of;
        let text = |path: &str| {
            &list
                .iter()
                .find(|(p, _, _)| p == Path::new(path))
                .expect(path)
                .2
        };
        let (ja, en) = (text("/a/ja.md"), text("/a/en.md"));
        assert!(ja.admits(&probe("ろー")) && !ja.admits(&probe("なか")));
        assert!(en.admits(&probe("claude")) && !en.admits(&probe("くろ")));
    }

    #[test]
    fn a_mapped_text_is_copied_into_a_new_file_and_outlives_the_old_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = opened(dir.path(), &encoded(&[("/a/one.md", stamp(1), "first")])).expect("opens");
        let mut w = SearchWriter::new(Vec::new(), 7).expect("header");
        w.push(Path::new("/a/one.md"), stamp(1), &old[0].2)
            .expect("copy");
        w.push(
            Path::new("/a/two.md"),
            stamp(2),
            &SearchText::from("second"),
        )
        .expect("held");
        // The new file is renamed over the old one while the old one is mapped.
        let path = dir.path().join("x.search");
        let temp = dir.path().join("x.search.tmp");
        fs::write(&temp, w.finish().expect("finish")).expect("write");
        fs::rename(&temp, &path).expect("rename");
        assert_eq!(old[0].2.as_bytes(), b"first", "the old mapping is intact");
        let new = SearchFile::open(&path, 7).expect("opens");
        assert_eq!(text_of(&new, "/a/one.md").1, b"first");
        assert_eq!(text_of(&new, "/a/two.md").1, b"second");
    }

    #[test]
    fn a_damaged_search_file_is_refused_not_misread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = encoded(&[
            ("/a/ja.md", stamp(3), "くろーど"),
            ("/a/en.md", stamp(9), "text"),
        ]);
        assert!(opened(dir.path(), &bytes).is_some());
        for cut in 0..bytes.len() {
            assert!(opened(dir.path(), &bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(opened(dir.path(), &extra).is_none(), "a byte too many");
        let mut other = bytes.clone();
        other[0] = b'X';
        assert!(opened(dir.path(), &other).is_none(), "another magic");
        let mut format = bytes.clone();
        format[8] ^= 1;
        assert!(opened(dir.path(), &format).is_none(), "another format");
        // A text longer than the room for texts, and a count beyond reason.
        let table_at =
            usize::try_from(u64_at(&bytes, bytes.len() - FOOTER).expect("footer")).expect("fits");
        let first_len = table_at + 8 + 8 + "/a/ja.md".len() + 16;
        let mut long = bytes.clone();
        long[first_len..first_len + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(
            opened(dir.path(), &long).is_none(),
            "a length beyond the file"
        );
        let mut many = bytes;
        many[table_at..table_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(
            opened(dir.path(), &many).is_none(),
            "a count beyond the file"
        );
    }
}
