//! Scanning the roots, the one way kiji loads a set of roots (the reader, `list`, `tags`,
//! `check`, `show` by id): walks and stats every file, reuses what the index cache (or the
//! previous scan) knows of the files that did not change, reads only the new and changed
//! ones, and hands out [`Snapshot`]s (a ready [`Index`]); for the reader along the way, so the
//! list can fill in while a cold scan is still reading, for a subcommand once complete
//! ([`Scanner::listing`]).
//!
//! No article body is kept in memory: each file's body is folded into its search text, and
//! read again from the file ([`crate::loader::read_body`]) when the article is shown.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::article::FileStamp;
use crate::cache::{CacheFiles, Detail, FileEntry};
use crate::diagnostics::Diagnostic;
use crate::index::{Index, SearchText};
use crate::loader::books::{self, Book};
use crate::loader::{self, LoadOptions};

/// How far a scan has got: files known out of files found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files read or known from the cache.
    pub done: usize,
    /// Files found.
    pub total: usize,
}

impl Progress {
    /// Whether every file found is known.
    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }
}

/// The articles as far as a scan has got.
#[derive(Debug)]
pub struct Snapshot {
    /// Every article known so far, with the search text of those already folded.
    pub index: Index,
    /// How far the scan has got.
    pub progress: Progress,
}

/// How many files are read between two checks of whether a snapshot is due.
const CHUNK: usize = 64;

/// Snapshots during a cold scan come at most this often (each sorts every article known).
pub const SNAPSHOT_INTERVAL: Duration = Duration::from_millis(200);

/// The longest a scan that drew from the cache first waits for the reader to show it.
pub const SHOWN_WAIT: Duration = Duration::from_millis(500);

/// The scanner of one set of roots; it remembers what it found for the next scan.
pub struct Scanner {
    roots: Vec<PathBuf>,
    opts: LoadOptions,
    cache: Option<CacheFiles>,
    files: HashMap<PathBuf, FileEntry>,
    texts: HashMap<PathBuf, SearchText>,
    walk_problems: Vec<Diagnostic>,
    /// The Zenn books of the chapters found, by folder (read again when their configuration
    /// changes; not cached: each is one small file).
    books: HashMap<PathBuf, Book>,
    search_cache_read: bool,
    /// Whether the metadata changed since the cache was written.
    unsaved: bool,
    /// Whether the search texts held differ from the cache's search file.
    search_unsaved: bool,
    /// Whether every article's translations match the files known (they came from the
    /// cache, or were linked since the last change).
    links_fresh: bool,
    stop: Arc<AtomicBool>,
    /// Whether the articles' folded search texts are kept (read from the cache, folded,
    /// saved); without them a scan knows only the metadata.
    search: bool,
    /// Whether a listing reads the cache lean ([`Detail::Lean`]), and the entries known
    /// are still the lean ones (made whole before anything changes, see [`Scanner::scan`]).
    lean: bool,
    /// Whether a scan hands out snapshots before it is complete.
    progress: bool,
    /// Whether the first scan hands out what the cache knows before it walks the roots
    /// (the reader: stale while it revalidates).
    cache_first: bool,
    /// Said (or dropped) once the cached list is on screen; see [`Scanner::when_shown`].
    shown_gate: Option<std::sync::mpsc::Receiver<()>>,
}

impl Scanner {
    /// A scanner of `roots` (each read once, see [`loader::dedupe_roots`]), starting from the
    /// index cache in `cache` when given. The cache is read by the first scan, on the
    /// scanner's thread, while it walks the roots.
    pub fn new(roots: Vec<PathBuf>, opts: LoadOptions, cache: Option<CacheFiles>) -> Scanner {
        Scanner {
            roots: loader::dedupe_roots(&roots),
            opts,
            cache,
            files: HashMap::new(),
            texts: HashMap::new(),
            walk_problems: Vec::new(),
            books: HashMap::new(),
            search_cache_read: false,
            unsaved: false,
            search_unsaved: false,
            links_fresh: false,
            stop: Arc::default(),
            search: true,
            lean: false,
            progress: true,
            cache_first: false,
            shown_gate: None,
        }
    }

    /// After handing out the cache's list, wait (at most [`SHOWN_WAIT`]) until `shown` says
    /// it is on screen before walking the roots and reading the search texts, so the first
    /// frame does not share the cores with them.
    pub fn when_shown(&mut self, shown: std::sync::mpsc::Receiver<()>) {
        self.shown_gate = Some(shown);
    }

    /// This scanner made to draw from the cache first (the reader): the first scan hands
    /// out the cache's list as it is, without a `stat` of any file, then walks the roots
    /// and hands out a corrected snapshot only if something changed. Without a cache, or
    /// with an empty one, it scans as usual.
    pub fn cache_first(self) -> Scanner {
        Scanner {
            cache_first: true,
            ..self
        }
    }

    /// This scanner made for one listing (the subcommands): a scan hands out only its
    /// complete snapshot, and keeps search texts only when `search` is asked for (folding
    /// a file's body as it is read). Without them, saving leaves the cache's search texts
    /// as they are (the reader folds the ones missing or out of date).
    pub fn listing(self, search: bool) -> Scanner {
        Scanner {
            search,
            progress: false,
            ..self
        }
    }

    /// This listing made to read the cache lean ([`Detail::Lean`]): for one that prints no
    /// article's description, comment or other front-matter keys, and does not search.
    pub fn lean(self) -> Scanner {
        Scanner {
            lean: !self.search,
            ..self
        }
    }

    /// Scan once and return every article found, as an index (with the search texts when
    /// the scanner keeps them).
    pub fn index(&mut self) -> Index {
        let mut last = None;
        self.scan(&mut |s| last = Some(s.index));
        last.unwrap_or_else(|| {
            let total = self.files.len();
            self.snapshot(Progress { done: total, total }).index
        })
    }

    /// A flag that, once set, makes a scan stop reading files (what it read is kept, and
    /// saved by [`Scanner::save_cache`]; the next scan reads the rest).
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Whether the first scan will hand out a list from the cache before it walks (the
    /// scanner draws from the cache first and its metadata file is there): one `stat`.
    pub fn has_cached_list(&self) -> bool {
        self.cache_first
            && !self.search_cache_read
            && self.cache.as_ref().is_some_and(|c| c.meta.is_file())
    }

    /// The roots scanned.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Where the index cache is kept, if anywhere.
    pub fn cache_files(&self) -> Option<&CacheFiles> {
        self.cache.as_ref()
    }

    /// Walk the roots and bring what is known up to date. `emit` gets a snapshot as soon as
    /// the unchanged files are known (when there are any; on the first scan without their
    /// search texts, which the cache fills in just after), then at most every
    /// [`SNAPSHOT_INTERVAL`] while files are read, then a complete one with every search text.
    /// A later scan that finds nothing changed emits nothing. Returns whether it emitted
    /// anything.
    pub fn scan(&mut self, emit: &mut dyn FnMut(Snapshot)) -> bool {
        let mut slot = None;
        let mut emitted = false;
        if self.cache_first && !self.search_cache_read {
            slot = self.emit_cached(emit);
            emitted = slot.is_some();
        }
        let mut ready = None;
        let (found, problems) = if self.search_cache_read {
            walk(&self.roots)
        } else {
            // The first scan reads the cache while it walks the roots, and sorts the cached
            // list meanwhile: what it hands out when the walk finds nothing changed.
            let roots = self.roots.clone();
            std::thread::scope(|scope| {
                let walker = scope.spawn(move || walk(&roots));
                ready = self.cached_snapshot();
                walker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
        };
        let mut changed = problems != self.walk_problems;
        self.walk_problems = problems;
        let books_changed =
            self.refresh_books(books::book_dirs(found.iter().map(|f| f.0.as_path())));
        // The books are bound afresh in every snapshot: a first scan needs no new one for them.
        changed |= books_changed && self.search_cache_read;

        let (mut present, mut to_read) = self.unchanged(&found);
        if self.lean && (present < self.files.len() || !to_read.is_empty()) {
            // Something changed, so the cache will be written: what it knows is read whole
            // first (an entry read lean is never written back).
            self.lean = false;
            if let Some(cache) = &self.cache {
                self.files = cache.read_meta();
            }
            (present, to_read) = self.unchanged(&found);
        }
        if present < self.files.len() {
            let found_paths: HashSet<&PathBuf> = found.iter().map(|(p, _, _)| p).collect();
            self.files.retain(|p, _| found_paths.contains(p));
            self.texts.retain(|p, _| found_paths.contains(p));
            changed = true;
        }
        let total = found.len();
        let mut done = total - to_read.len();
        changed |= !to_read.is_empty();
        self.links_fresh &= !changed;
        let first = !self.search_cache_read;
        // Without progress, only a complete snapshot is handed out; after the cache's list
        // too (a part of it drawn over the whole would be a step back).
        let progress = self.progress && !emitted;
        if done > 0 && (changed || first) && (progress || !changed) {
            let snapshot = match ready {
                Some(ready) if !changed && !books_changed => ready,
                _ => self.snapshot(Progress { done, total }),
            };
            slot = Some(snapshot.index.search_slot());
            emit(snapshot);
            emitted = true;
        }
        if first {
            self.search_cache_read = true;
            if self.search {
                self.read_search_cache();
            }
        }

        if changed {
            // New and changed files: their metadata, the list filling in. The first chunk is
            // shown at once (a cold start's first frame), later ones at most every interval.
            let mut last_emit: Option<Instant> = None;
            for chunk in to_read.chunks(CHUNK) {
                if self.stopped() {
                    return emitted;
                }
                // A listing that searches folds each body while it has it; the reader folds
                // them once the list is complete.
                let fold = self.search && !self.progress;
                let read: Vec<(FileEntry, Option<SearchText>)> = chunk
                    .par_iter()
                    .filter_map(|(path, base)| read_file(path, base, &self.opts, fold))
                    .collect();
                done += chunk.len();
                for (entry, text) in read {
                    match text {
                        Some(text) => {
                            self.search_unsaved = true;
                            self.texts.insert(entry.path.clone(), text)
                        }
                        None => self.texts.remove(&entry.path),
                    };
                    self.files.insert(entry.path.clone(), entry);
                }
                self.links_fresh = false;
                if progress
                    && done < total
                    && last_emit.is_none_or(|t| t.elapsed() >= SNAPSHOT_INTERVAL)
                {
                    emit(self.snapshot(Progress { done, total }));
                    last_emit = Some(Instant::now());
                }
            }
            self.unsaved = true;
            let snapshot = self.snapshot(Progress { done: total, total });
            slot = Some(snapshot.index.search_slot());
            emit(snapshot);
            emitted = true;
        }

        // Search texts the cache did not have (new and changed files; every file without a
        // cache): folded once the list is complete, and given to the last index handed out.
        let unsearched: Vec<(PathBuf, Arc<crate::article::Article>)> = self
            .files
            .iter()
            .filter(|(p, _)| self.search && !self.texts.contains_key(*p))
            .filter_map(|(p, e)| Some((p.clone(), Arc::clone(e.article.as_ref()?))))
            .collect();
        if !unsearched.is_empty() {
            // The reader folds them straight into a new search file, which it then maps: the
            // texts never all sit on the heap (a cold start folds every article).
            let written = self.progress && self.cache.is_some() && {
                let result = self.fold_into_search_file(&unsearched);
                if self.stopped() {
                    return emitted;
                }
                result.is_ok()
            };
            // Else (a listing, or the file could not be written) they are kept on the heap.
            if !written {
                for chunk in unsearched.chunks(CHUNK) {
                    if self.stopped() {
                        return emitted;
                    }
                    let texts: Vec<(PathBuf, SearchText)> = chunk
                        .par_iter()
                        .map(|(path, a)| (path.clone(), crate::search::search_text(a).into()))
                        .collect();
                    self.texts.extend(texts);
                    self.search_unsaved = true;
                }
            }
            self.unsaved = true;
        }
        let filled = slot.is_some_and(|s| s.fill(|a| self.texts.get(&a.path).cloned()));
        // The first scan always says what it found, even if that is nothing.
        let due = match self.search {
            true => !filled && (first || !unsearched.is_empty()),
            false => first && !emitted,
        };
        if due {
            emit(self.snapshot(Progress { done: total, total }));
            emitted = true;
        }
        emitted
    }

    /// How many of the files `found` are known, and those not known as they are now (to be
    /// read): one look-up per file.
    fn unchanged(&self, found: &[loader::Stamped]) -> (usize, Vec<(PathBuf, PathBuf)>) {
        let mut present = 0;
        let mut to_read = Vec::new();
        for (path, base, stamp) in found {
            let known = self.files.get(path);
            present += usize::from(known.is_some());
            if !known.is_some_and(|e| e.stamp == *stamp && e.base == *base) {
                to_read.push((path.clone(), base.clone()));
            }
        }
        (present, to_read)
    }

    /// The cache's list, handed out before any file is looked at (see
    /// [`Scanner::cache_first`]), with the cache's search texts given to it just after. `None`
    /// (and nothing handed out) when the cache knows no file.
    fn emit_cached(&mut self, emit: &mut dyn FnMut(Snapshot)) -> Option<crate::index::SearchSlot> {
        let snapshot = self.cached_snapshot()?;
        let slot = snapshot.index.search_slot();
        emit(snapshot);
        if let Some(gate) = self.shown_gate.take() {
            // Let the reader draw the list before the search texts and the walk take the
            // cores (bounded: a reader that never says so only costs the wait).
            let _ = gate.recv_timeout(SHOWN_WAIT);
        }
        self.search_cache_read = true;
        if self.search {
            self.read_search_cache();
            slot.fill(|a| self.texts.get(&a.path).cloned());
        }
        Some(slot)
    }

    /// Read the index cache's list of files (the scanner's first look at it) and make the
    /// index of its articles, with the books of its chapters. `None` (and nothing known) when
    /// there is no cache or it knows no file.
    fn cached_snapshot(&mut self) -> Option<Snapshot> {
        let cache = self.cache.clone()?;
        cache.remove_stale_temps();
        self.files = cache.read_meta_with(if self.lean && !self.search {
            Detail::Lean
        } else {
            Detail::Whole
        });
        // The cache's translations hold while its files are the ones found.
        self.links_fresh = true;
        if self.files.is_empty() {
            return None;
        }
        self.refresh_books(books::book_dirs(self.files.keys().map(PathBuf::as_path)));
        let total = self.files.len();
        Some(self.snapshot(Progress { done: total, total }))
    }

    /// Whether the scan was asked to stop; what it read so far is kept to be saved.
    fn stopped(&mut self) -> bool {
        let stop = self.stop.load(Ordering::Relaxed);
        self.unsaved |= stop;
        stop
    }

    /// Write a new search file of the texts known and those of `unsearched`, folded a chunk
    /// at a time as they are written, then map it and take every text from it. A stop ends
    /// the file where it got (the next scan folds the rest); an error leaves the old file as
    /// it was, and the texts as they were.
    fn fold_into_search_file(
        &mut self,
        unsearched: &[(PathBuf, Arc<crate::article::Article>)],
    ) -> io::Result<()> {
        let Some(cache) = self.cache.clone() else {
            return Ok(());
        };
        let mut known: Vec<(&PathBuf, FileStamp, &SearchText)> = self
            .texts
            .iter()
            .filter_map(|(path, text)| Some((path, self.files.get(path)?.stamp, text)))
            .collect();
        known.sort_unstable_by(|x, y| x.0.as_os_str().cmp(y.0.as_os_str()));
        let (files, stop) = (&self.files, &self.stop);
        cache.write_search_with(|w| {
            for (path, stamp, text) in known {
                w.push(path, stamp, text)?;
            }
            for chunk in unsearched.chunks(CHUNK) {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let texts: Vec<(&PathBuf, SearchText)> = chunk
                    .par_iter()
                    .map(|(path, a)| (path, crate::search::search_text(a).into()))
                    .collect();
                for (path, text) in texts {
                    let stamp = files.get(path).map_or(
                        FileStamp {
                            size: 0,
                            modified_ns: 0,
                        },
                        |e| e.stamp,
                    );
                    w.push(path, stamp, &text)?;
                }
            }
            Ok(())
        })?;
        self.texts.clear();
        self.read_search_cache();
        self.search_unsaved = false;
        Ok(())
    }

    /// Write what the scans found to the index cache, if anything is new since the last save.
    pub fn save_cache(&mut self) -> io::Result<()> {
        let Some(cache) = &self.cache else {
            return Ok(());
        };
        // Lean entries would lose what they left out (and a lean scanner has changed nothing).
        if self.lean || (!self.unsaved && !self.search_unsaved) {
            return Ok(());
        }
        let mut entries: Vec<&FileEntry> = self.files.values().collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        cache.write_meta(entries.iter().copied())?;
        // The reader's texts are written as they are folded; a listing's here.
        if self.search && self.search_unsaved {
            cache.write_search(entries.iter().filter_map(|e| {
                let text = self.texts.get(&e.path)?;
                Some((e.path.as_path(), e.stamp, text))
            }))?;
        }
        self.unsaved = false;
        self.search_unsaved = false;
        Ok(())
    }

    /// Every article known now, as an index (sharing the articles with the scanner). The
    /// articles are sorted newest first, unless the places the last snapshot gave them still
    /// hold (see `places_hold`); each one's place is kept for the next snapshot and the
    /// index cache.
    pub fn snapshot(&mut self, progress: Progress) -> Snapshot {
        if !self.links_fresh {
            self.link_translations();
            self.links_fresh = true;
        }
        let mut entries: Vec<(&PathBuf, &FileEntry)> = self.files.iter().collect();
        let placed = self.places_hold();
        if placed {
            // The files without an article (no place) come first: only their diagnostics
            // count, and those are sorted by path below.
            entries.sort_unstable_by_key(|(_, e)| e.order);
        } else {
            // By the bytes of the path: as deterministic as by components, and much cheaper.
            entries.sort_unstable_by(|x, y| x.0.as_os_str().cmp(y.0.as_os_str()));
        }
        let mut articles = Vec::with_capacity(entries.len());
        let mut search = Vec::with_capacity(entries.len());
        let mut diagnostics = self.walk_problems.clone();
        for (path, entry) in entries {
            diagnostics.extend(entry.diagnostics.iter().cloned());
            if let Some(a) = &entry.article {
                articles.push(Arc::clone(a));
                search.push(self.texts.get(path).cloned());
            }
        }
        books::bind_chapters(&mut articles, &self.books, &mut diagnostics);
        let index = if placed {
            Index::from_shared_in_order(articles, diagnostics, search)
        } else {
            let index = Index::from_shared(articles, diagnostics, search);
            for (place, a) in index.articles().iter().enumerate() {
                if let Some(entry) = self.files.get_mut(&a.path) {
                    entry.order = u32::try_from(place).ok();
                }
            }
            index
        };
        Snapshot { index, progress }
    }

    /// Whether the articles known are in the order their places say: no book binds chapters
    /// (a book's title and date, read afresh, place its chapters) and the places are each
    /// article's own, from one snapshot of these very files. Every file read since that
    /// snapshot has no place, and a file gone leaves the others in order, so a set of places
    /// `0..n` over the `n` articles holds.
    fn places_hold(&self) -> bool {
        if !self.books.is_empty() {
            return false;
        }
        let articles = self.files.values().filter(|e| e.article.is_some());
        let mut taken = vec![false; articles.clone().count()];
        for entry in articles {
            let Some(slot) = entry
                .order
                .and_then(|o| taken.get_mut(usize::try_from(o).ok()?))
            else {
                return false;
            };
            if std::mem::replace(slot, true) {
                return false;
            }
        }
        true
    }

    /// Bring every article's translations up to date with the files known now; an article
    /// whose translations change is copied (the indexes handed out keep the old one).
    fn link_translations(&mut self) {
        let mut known: Vec<&mut Arc<crate::article::Article>> = self
            .files
            .values_mut()
            .filter_map(|e| e.article.as_mut())
            .collect();
        loader::link_translations_by(
            &mut known,
            |a| &***a,
            |a, t| {
                Arc::make_mut(a).translations = t;
            },
        );
    }

    /// Read the books of the folders `dirs` (sorted, as [`books::book_dirs`] gives them) whose
    /// configuration is new or changed, and forget the ones gone. Returns whether any changed.
    fn refresh_books(&mut self, dirs: Vec<PathBuf>) -> bool {
        let before = self.books.len();
        self.books.retain(|d, _| dirs.binary_search(d).is_ok());
        let mut changed = self.books.len() != before;
        for dir in dirs {
            let now = books::config_of(&dir).map(|(path, stamp)| (Some(path), Some(stamp)));
            let known = self.books.get(&dir).map(|b| (b.config.clone(), b.stamp));
            if now == known {
                continue;
            }
            changed = true;
            match books::read_book(&dir) {
                Some(book) => self.books.insert(dir, book),
                None => self.books.remove(&dir),
            };
        }
        changed
    }

    fn read_search_cache(&mut self) {
        let Some(cache) = &self.cache else {
            return;
        };
        if self.files.is_empty() {
            return;
        }
        for (path, (stamp, text)) in cache.read_search() {
            if self.files.get(&path).is_some_and(|e| e.stamp == stamp) {
                self.texts.insert(path, text);
            }
        }
    }
}

/// Every article file under `roots` with the folder its id is relative to and its stamp, and
/// the problems met finding them.
fn walk(roots: &[PathBuf]) -> (Vec<loader::Stamped>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let found = loader::walk_stamped(roots, &mut problems);
    (found, problems)
}

/// Read one file for the scanner: its entry, the article without its body, and when `fold`
/// the body's search text (else it is folded later, once the list is complete). `None` when
/// the file vanished before it could be read.
fn read_file(
    path: &Path,
    base: &Path,
    opts: &LoadOptions,
    fold: bool,
) -> Option<(FileEntry, Option<SearchText>)> {
    let (article, diagnostics) = loader::load_file(base, path, opts);
    let stamp = match (&article, fs::metadata(path)) {
        (Some(a), _) if a.stamp.is_some() => a.stamp?,
        (_, Ok(meta)) => FileStamp::of(&meta),
        (_, Err(e)) if e.kind() == io::ErrorKind::NotFound => return None,
        (_, Err(_)) => FileStamp {
            size: 0,
            modified_ns: 0,
        },
    };
    let text = article
        .as_ref()
        .filter(|_| fold)
        .map(|a| SearchText::from(crate::search::search_text(a)));
    let article = article.map(|mut a| {
        a.leave_body_on_disk();
        Arc::new(a)
    });
    let entry = FileEntry {
        path: path.to_path_buf(),
        base: base.to_path_buf(),
        stamp,
        article,
        diagnostics,
        order: None,
    };
    Some((entry, text))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Write `text` to `rel` under `dir`, making its folders.
    pub(crate) fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    /// An article file's text with `title`, a date, one tag and `body`.
    pub(crate) fn article(title: &str, body: &str) -> String {
        format!("---\ntitle: {title}\ndate: 2026-01-02\ntags: [a]\n---\n{body}\n")
    }

    fn collect(scanner: &mut Scanner) -> (bool, Vec<Snapshot>) {
        let mut snaps = Vec::new();
        let emitted = scanner.scan(&mut |s| snaps.push(s));
        (emitted, snaps)
    }

    /// A root with a Japanese article, its English translation and a binary file, and the
    /// cache files for it in a folder of their own.
    fn translations_and_a_binary() -> (
        tempfile::TempDir,
        tempfile::TempDir,
        Vec<PathBuf>,
        CacheFiles,
    ) {
        let root = tempfile::tempdir().expect("root");
        let cache_dir = tempfile::tempdir().expect("cache");
        write(root.path(), "a/ja.md", &article("一つ目", "くろーど の話"));
        write(root.path(), "a/en.md", &article("First", "About Claude"));
        write(root.path(), "bad.md", "\0binary");
        let roots = vec![root.path().to_path_buf()];
        let files = CacheFiles::new(cache_dir.path(), &roots, &LoadOptions::default());
        (root, cache_dir, roots, files)
    }

    /// How many articles a search for `query` finds.
    fn hits(index: &Index, query: &str) -> usize {
        index
            .filter(&crate::index::Filter {
                text: Some(query.into()),
                ..Default::default()
            })
            .len()
    }

    fn titles(index: &Index) -> Vec<String> {
        let mut t: Vec<String> = index.articles().iter().map(|a| a.title.clone()).collect();
        t.sort();
        t
    }

    #[test]
    fn cold_scan_then_warm_scan_from_the_cache_reads_nothing_again() {
        let (root, _cache_dir, roots, files) = translations_and_a_binary();
        let opts = LoadOptions::default();

        let mut cold = Scanner::new(roots.clone(), opts.clone(), Some(files.clone()));
        let (emitted, snaps) = collect(&mut cold);
        assert!(emitted);
        let last = snaps.last().expect("a snapshot");
        assert_eq!(last.progress, Progress { done: 3, total: 3 });
        assert_eq!(titles(&last.index), ["First", "一つ目"]);
        assert_eq!(last.index.diagnostics().len(), 1);
        assert!(last.index.search_ready());
        assert!(
            last.index
                .articles()
                .iter()
                .all(|a| a.body_on_disk && a.body.is_empty())
        );
        let ja = last.index.position("a/ja").expect("ja");
        assert_eq!(last.index.articles()[ja].translations, ["a/en"]);
        cold.save_cache().expect("save");

        // Nothing changed: a second scan by the same scanner emits nothing.
        let (emitted, snaps) = collect(&mut cold);
        assert!(!emitted);
        assert!(snaps.is_empty());

        // A new scanner starts from the cache: one snapshot, complete, search texts included.
        // A new scanner starts from the cache: one snapshot with the whole list, which gets
        // its search texts from the cache just after it was handed out.
        let mut warm = Scanner::new(roots, opts, Some(files));
        let mut at_emit = None;
        let mut snaps = Vec::new();
        warm.scan(&mut |s| {
            at_emit.get_or_insert(s.index.search_ready());
            snaps.push(s);
        });
        assert_eq!(snaps.len(), 1);
        assert_eq!(
            at_emit,
            Some(false),
            "the list does not wait for the search texts"
        );
        assert_eq!(snaps[0].progress, Progress { done: 3, total: 3 });
        assert_eq!(titles(&snaps[0].index), ["First", "一つ目"]);
        assert_eq!(snaps[0].index.diagnostics().len(), 1);
        assert!(snaps[0].index.search_ready());
        assert!(!warm.unsaved, "nothing to write back");
        // A cached article knows its file again, and its body is read from it.
        let ja = &snaps[0].index.articles()[snaps[0].index.position("a/ja").expect("ja")];
        assert_eq!(ja.path, root.path().join("a/ja.md"));
        assert_eq!(ja.root, root.path());
        assert!(ja.stamp.is_some());
        assert_eq!(ja.translations, ["a/en"]);
        let body = crate::loader::read_body(ja, &LoadOptions::default()).expect("body");
        assert_eq!(body.trim(), "くろーど の話");
        let found = snaps[0].index.filter(&crate::index::Filter {
            text: Some("クロード".into()),
            ..Default::default()
        });
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_stopped_scan_saves_what_it_read_and_the_next_reads_the_rest() {
        let root = tempfile::tempdir().expect("root");
        let cache_dir = tempfile::tempdir().expect("cache");
        for i in 0..(CHUNK * 3) {
            write(
                root.path(),
                &format!("{i:03}.md"),
                &article(&format!("T{i}"), "x"),
            );
        }
        let roots = vec![root.path().to_path_buf()];
        let opts = LoadOptions::default();
        let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
        let mut first = Scanner::new(roots.clone(), opts.clone(), Some(files.clone()));
        let stop = first.stop_flag();
        let mut seen = 0;
        first.scan(&mut |s| {
            seen = s.index.articles().len();
            // Stop once the first chunk is in, as quitting during a cold start does.
            stop.store(true, Ordering::Relaxed);
        });
        assert_eq!(seen, CHUNK, "one chunk read before the stop");
        first.save_cache().expect("save");
        let mut next = Scanner::new(roots, opts, Some(files));
        let (_, snaps) = collect(&mut next);
        let last = snaps.last().expect("snapshot");
        assert_eq!(last.index.articles().len(), CHUNK * 3);
        assert!(last.index.search_ready());
    }

    #[test]
    fn an_empty_folder_gives_one_complete_empty_snapshot() {
        let root = tempfile::tempdir().expect("root");
        let mut scanner = Scanner::new(
            vec![root.path().to_path_buf()],
            LoadOptions::default(),
            None,
        );
        let (emitted, snaps) = collect(&mut scanner);
        assert!(emitted);
        assert_eq!(snaps.len(), 1);
        assert!(snaps[0].progress.is_complete());
        assert!(snaps[0].index.articles().is_empty());
        let (emitted, _) = collect(&mut scanner);
        assert!(!emitted, "and nothing more while nothing changes");
    }

    #[test]
    fn changed_added_and_removed_files_are_picked_up() {
        let root = tempfile::tempdir().expect("root");
        write(root.path(), "one.md", &article("One", "first"));
        write(root.path(), "two.md", &article("Two", "second"));
        let mut scanner = Scanner::new(
            vec![root.path().to_path_buf()],
            LoadOptions::default(),
            None,
        );
        collect(&mut scanner);
        // A different size makes the change visible even within the same mtime tick.
        write(
            root.path(),
            "one.md",
            &article("One, revised", "first, longer"),
        );
        fs::remove_file(root.path().join("two.md")).expect("rm");
        write(root.path(), "sub/three.md", &article("Three", "third"));
        let (emitted, snaps) = collect(&mut scanner);
        assert!(emitted);
        let last = snaps.last().expect("snapshot");
        assert_eq!(titles(&last.index), ["One, revised", "Three"]);
        assert_eq!(last.progress, Progress { done: 2, total: 2 });
        // A translation added later is linked both ways.
        write(root.path(), "sub/four.en.md", &article("Four", "fourth"));
        collect(&mut scanner);
        write(root.path(), "sub/four.ja.md", &article("四", "第四"));
        let (_, snaps) = collect(&mut scanner);
        let last = snaps.last().expect("snapshot");
        let t = |id: &str| {
            let p = last.index.position(id).expect(id);
            last.index.articles()[p].translations.clone()
        };
        assert_eq!(t("sub/four.ja"), ["sub/four.en"]);
        assert_eq!(t("sub/four.en"), ["sub/four.ja"]);
    }

    /// The ids of `index`, in its order.
    fn ids(index: &Index) -> Vec<String> {
        index.articles().iter().map(|a| a.id.clone()).collect()
    }

    /// The ids in the order a fresh sort of the same articles gives.
    fn sorted_ids(index: &Index) -> Vec<String> {
        let articles = index.articles().to_vec();
        ids(&Index::from_shared(articles, Vec::new(), Vec::new()))
    }

    #[test]
    fn a_warm_scan_keeps_the_order_the_last_snapshot_sorted_and_sorts_when_it_cannot() {
        let root = tempfile::tempdir().expect("root");
        let cache_dir = tempfile::tempdir().expect("cache");
        let dated =
            |title: &str, date: &str| format!("---\ntitle: {title}\ndate: {date}\n---\nx\n");
        // Equal dates sort by the folded title (`Ｂ` between `a` and `c`), then by id.
        for (rel, title, date) in [
            ("z.md", "c", "2026-01-02"),
            ("y.md", "Ｂ", "2026-01-02"),
            ("x.md", "a", "2026-01-02"),
            ("w.md", "a", "2026-01-02"),
            ("old.md", "zz", "2020-01-01"),
            ("new.md", "aa", "2030-01-01"),
        ] {
            write(root.path(), rel, &dated(title, date));
        }
        write(root.path(), "bad.md", "\0binary");
        let roots = vec![root.path().to_path_buf()];
        let opts = LoadOptions::default();
        let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
        let mut cold =
            Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).listing(false);
        let cold_index = cold.index();
        let order = ids(&cold_index);
        assert_eq!(order, ["new", "w", "x", "y", "z", "old"]);
        cold.save_cache().expect("save");

        let mut warm =
            Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).listing(false);
        let warm_index = warm.index();
        assert!(warm.places_hold(), "the cache's places are used");
        assert_eq!(ids(&warm_index), order);
        assert_eq!(warm_index.diagnostics(), cold_index.diagnostics());

        // A file added or gone: the new file has no place until it is sorted in.
        write(root.path(), "v.md", &dated("Ａ", "2026-01-02"));
        fs::remove_file(root.path().join("old.md")).expect("rm");
        let mut changed =
            Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).listing(false);
        let index = changed.index();
        assert_eq!(ids(&index), ["new", "v", "w", "x", "y", "z"]);
        assert_eq!(ids(&index), sorted_ids(&index));
        assert!(changed.places_hold(), "placed again by the sort");
        changed.save_cache().expect("save");

        // Places that are not each article's own once (a cache of a stopped scan, say) are
        // not trusted: the articles are sorted.
        let mut meta: Vec<FileEntry> = files.read_meta().into_values().collect();
        for entry in &mut meta {
            entry.order = entry.order.map(|o| o.min(2));
        }
        files.write_meta(meta.iter()).expect("write");
        let mut damaged =
            Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).listing(false);
        let index = damaged.index();
        assert_eq!(ids(&index), ["new", "v", "w", "x", "y", "z"]);
        for entry in &mut meta {
            entry.order = None;
        }
        files.write_meta(meta.iter()).expect("write");
        let mut unplaced = Scanner::new(roots, opts, Some(files)).listing(false);
        assert_eq!(ids(&unplaced.index()), ["new", "v", "w", "x", "y", "z"]);
    }

    #[test]
    fn a_lean_listing_leaves_the_cache_whole() {
        let root = tempfile::tempdir().expect("root");
        let cache_dir = tempfile::tempdir().expect("cache");
        let described = |title: &str| {
            format!("---\ntitle: {title}\ndescription: about {title}\nkey: v\n---\nx\n")
        };
        write(root.path(), "one.md", &described("One"));
        write(root.path(), "two.md", &described("Two"));
        let roots = vec![root.path().to_path_buf()];
        let opts = LoadOptions::default();
        let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
        let lean = |files: &CacheFiles| {
            Scanner::new(roots.clone(), opts.clone(), Some(files.clone()))
                .listing(false)
                .lean()
        };
        let described_in_cache = |files: &CacheFiles| {
            let mut d: Vec<Option<String>> = files
                .read_meta()
                .into_values()
                .filter_map(|e| e.article.and_then(|a| a.description.clone()))
                .map(Some)
                .collect();
            d.sort();
            d
        };
        // Cold: every file is read whole, and written so.
        let mut cold = lean(&files);
        assert_eq!(titles(&cold.index()), ["One", "Two"]);
        cold.save_cache().expect("save");
        assert_eq!(described_in_cache(&files).len(), 2);

        // Warm and unchanged: the articles come without their descriptions; nothing is written.
        let mut warm = lean(&files);
        let index = warm.index();
        assert!(
            index
                .articles()
                .iter()
                .all(|a| a.description.is_none() && a.comment.is_none() && a.extra.is_empty())
        );
        warm.save_cache().expect("save");
        assert_eq!(described_in_cache(&files).len(), 2);

        // A file changed: the cache is read whole before the scan goes on, and saved whole.
        write(root.path(), "three.md", &described("Three"));
        let mut changed = lean(&files);
        assert_eq!(titles(&changed.index()), ["One", "Three", "Two"]);
        changed.save_cache().expect("save");
        assert_eq!(
            described_in_cache(&files),
            [
                Some("about One".into()),
                Some("about Three".into()),
                Some("about Two".into())
            ]
        );
        let meta = files.read_meta();
        assert!(
            meta.values()
                .all(|e| e.article.as_ref().is_some_and(|a| !a.extra.is_empty()))
        );
    }

    #[test]
    fn the_order_of_a_book_s_chapters_is_never_taken_from_the_cache() {
        let root = tempfile::tempdir().expect("root");
        let cache_dir = tempfile::tempdir().expect("cache");
        write(
            root.path(),
            "books/b/config.yaml",
            "title: Book\nchapters:\n  - one\n  - two\n",
        );
        write(root.path(), "books/b/one.md", &article("One", "x"));
        write(root.path(), "books/b/two.md", &article("Two", "x"));
        let roots = vec![root.path().to_path_buf()];
        let opts = LoadOptions::default();
        let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
        let mut cold =
            Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).listing(false);
        let first = ids(&cold.index());
        cold.save_cache().expect("save");
        // The book's order changes, its chapter files do not.
        write(
            root.path(),
            "books/b/config.yaml",
            "title: Book\nchapters:\n  - two\n  - one\n",
        );
        let mut warm = Scanner::new(roots, opts, Some(files)).listing(false);
        let index = warm.index();
        assert!(!warm.places_hold());
        let mut reversed = first.clone();
        reversed.reverse();
        assert_eq!(ids(&index), reversed);
    }

    #[test]
    fn a_corrupt_search_cache_is_rebuilt_from_the_files() {
        let root = tempfile::tempdir().expect("root");
        let cache_dir = tempfile::tempdir().expect("cache");
        write(root.path(), "one.md", &article("One", "needle"));
        let roots = vec![root.path().to_path_buf()];
        let opts = LoadOptions::default();
        let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
        let mut s = Scanner::new(roots.clone(), opts.clone(), Some(files.clone()));
        collect(&mut s);
        s.save_cache().expect("save");
        fs::write(&files.search, b"garbage").expect("damage");

        let mut warm = Scanner::new(roots, opts, Some(files));
        let (_, snaps) = collect(&mut warm);
        assert!(warm.unsaved, "the search text had to be made again");
        let last = snaps.last().expect("snapshot");
        assert!(last.index.search_ready());
        let hits = last.index.filter(&crate::index::Filter {
            text: Some("needle".into()),
            ..Default::default()
        });
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn a_listing_and_the_reader_share_one_cache_either_way_round() {
        let (root, _cache_dir, roots, files) = translations_and_a_binary();
        let opts = LoadOptions::default();

        // A cold listing reads every file, hands out one complete index and saves the
        // metadata only.
        let mut listing =
            Scanner::new(roots.clone(), opts.clone(), Some(files.clone())).listing(false);
        let (emitted, snaps) = collect(&mut listing);
        assert!(emitted);
        assert_eq!(snaps.len(), 1, "no snapshot before the complete one");
        assert_eq!(titles(&snaps[0].index), ["First", "一つ目"]);
        assert_eq!(snaps[0].index.diagnostics().len(), 1);
        let ja = snaps[0].index.position("a/ja").expect("ja");
        assert_eq!(snaps[0].index.articles()[ja].translations, ["a/en"]);
        listing.save_cache().expect("save");
        assert!(files.meta.exists());
        assert!(!files.search.exists(), "no search texts were made");

        // The reader starts warm from it: its first snapshot is the whole list.
        let mut reader = Scanner::new(roots.clone(), opts.clone(), Some(files.clone()));
        let mut first = None;
        reader.scan(&mut |s| {
            first.get_or_insert((s.progress, titles(&s.index)));
        });
        let (progress, list) = first.expect("a snapshot");
        assert_eq!(progress, Progress { done: 3, total: 3 });
        assert_eq!(list, ["First", "一つ目"]);
        reader.save_cache().expect("save");
        assert!(
            files.search.exists(),
            "the reader folded and saved the search texts"
        );

        // A listing that searches takes the texts of unchanged files from the cache: a file
        // rewritten with the same size and time is not read again.
        let en = root.path().join("a/en.md");
        let mtime = fs::metadata(&en).and_then(|m| m.modified()).expect("mtime");
        write(root.path(), "a/en.md", &article("First", "About Claudx"));
        let file = fs::File::options().write(true).open(&en).expect("open");
        file.set_modified(mtime).expect("set mtime");
        let mut warm = Scanner::new(roots, opts, Some(files)).listing(true);
        let index = warm.index();
        assert!(index.search_ready());
        assert_eq!((hits(&index, "claude"), hits(&index, "claudx")), (1, 0));
    }

    #[test]
    fn a_searching_listing_folds_the_bodies_as_it_reads_them() {
        let root = tempfile::tempdir().expect("root");
        write(root.path(), "one.md", &article("One", "needle"));
        write(root.path(), "two.md", &article("Two", "hay"));
        let roots = vec![root.path().to_path_buf()];
        let mut scanner = Scanner::new(roots, LoadOptions::default(), None).listing(true);
        let index = scanner.index();
        assert!(index.search_ready());
        assert!(index.articles().iter().all(|a| a.body_on_disk));
        assert_eq!(hits(&index, "needle"), 1);
        let mut plain = Scanner::new(
            vec![root.path().to_path_buf()],
            LoadOptions::default(),
            None,
        )
        .listing(false);
        assert!(
            !plain.index().search_ready(),
            "a listing without search folds nothing"
        );
    }
}

#[cfg(test)]
mod cache_first_tests;

#[cfg(test)]
mod search_file_tests;
