//! Reading state that outlives a session: read/unread, starred and scroll position per article,
//! and the last session (selected article, focused pane, filter) of each set of roots, kept in
//! `state.json`.
//!
//! # Where
//!
//! The caller names the folder ([`StateStore::open`]); the file is [`FILE_NAME`] in it, and the
//! folder is created if missing. Beside it live `state.json.lock` (an empty file used only for
//! locking), short-lived `state.json.tmp-<pid>-<n>` files while a save is under way, and any
//! `state.json.corrupt-<UTC time>` files that were moved aside.
//!
//! # Keying rule
//!
//! An article is known by its id (its path under its root, see [`crate::article::Article`]) and
//! its root's canonical path (symlinks resolved; the absolute path if the folder does not exist,
//! kept as text, lossily if it is not UTF-8):
//!
//! - **Reading** ([`StateStore::article`]) takes the entry for exactly (root, id) if there is
//!   one; otherwise, if exactly one entry anywhere has that id, that one (the folder was moved
//!   or renamed, so its ids are the same but its root is not); otherwise the defaults. Two roots
//!   that both hold an id are told apart, and a third, unknown root sees neither.
//! - **Writing** ([`StateStore::set_read`] and friends) always writes the entry for exactly
//!   (root, id). When that entry is new it starts as a copy of what reading showed, so starring
//!   an article of a moved folder keeps its read mark and position; the old root's entry is
//!   left as it was (it may be another copy of the folder that is still in use).
//!
//! Entries are never deleted, so nothing is lost when a folder is away for a while.
//!
//! # Sessions belong to their roots
//!
//! A session is kept per set of roots: the canonical paths of the roots the reader was opened
//! on, as articles key them, in any order and each once (one root or several).
//! [`StateStore::session`] gives the session of exactly that set and
//! [`StateStore::set_session`] replaces it; another set of roots, even one that overlaps it,
//! has its own session or none, so opening another folder starts clean and going back brings
//! the first one's back. Marks are keyed per article as above, whatever set of roots shows it.
//!
//! A version-1 file had one session for everything. It is read as *unclaimed*: every set of
//! roots that has no session of its own sees it, and the first set to save a session takes it
//! (it was the user's last session, and the first folder opened after the upgrade is most
//! likely the one it was left on); from then on it is that set's session like any other, and
//! no other set sees it. Until some set saves, it is kept in the file as it was.
//!
//! # Never losing data
//!
//! - Every save writes a new temporary file in the same folder, flushes it (`sync_all`), renames
//!   it over `state.json` and syncs the folder. A crash at any point leaves either the old file
//!   or the new one, never a mix.
//! - A file that cannot be parsed (truncated, not JSON, not the expected shape) is moved aside to
//!   `state.json.corrupt-YYYYMMDDTHHMMSSZ` (`-1`, `-2`, ... appended if taken) and reported as a
//!   [`StateWarning`]; the store starts fresh. It is never overwritten: if it cannot be moved
//!   aside, or cannot be read at all, or was written by a newer kiji (a larger `version`),
//!   it is left alone and [`StateStore::save`] refuses with a [`StateError`].
//!
//! # Concurrency rule: merge on write, under a short lock
//!
//! Two kiji processes may share one state file (two terminals, two SSH sessions). Each value
//! carries a stamp (microseconds since 1970, always greater than every stamp the store has
//! seen, so a later change wins even between slightly skewed clocks). [`StateStore::save`]
//! re-reads the file, merges it with the store field by field — the newest stamp wins; on equal
//! stamps the larger value, so every process settles on the same one — and writes the merged
//! result. The merge is order-independent, so saves in any order keep every process's changes,
//! and after a save the store also shows the other process's changes.
//!
//! The read-merge-rename takes an advisory lock on `state.json.lock` (`flock`/`LockFileEx`
//! through `fd-lock`), held only for those few milliseconds, never for a session, so two
//! saves cannot both read the old file and then overwrite each other. A process that dies
//! drops its lock; if another holds it longer than [`LOCK_WAIT`] (a hung session) the save goes
//! ahead unlocked, relying on the merge alone.
//!
//! # File format
//!
//! JSON, one session per line, sorted by its roots, then one article per line, sorted by id then
//! root:
//!
//! ```json
//! {"version":2,
//! "roots":["/home/me/news","/home/me/blog"],
//! "session":null,
//! "sessions":[
//! {"roots":[0],"session":[{"selected":"20251118/x/ja","focus_body":true,"filter":{"tags":["AI"],
//!   "tag_mode":"any","category":null,"locale":"ja","text":null}},1763950000000003]},
//! {"roots":[0,1],"session":[{"selected":null,"focus_body":false,"filter":{"tags":[],
//!   "tag_mode":"all","category":null,"locale":null,"text":"rust"}},1763950000000004]}
//! ],
//! "articles":[
//! {"root":0,"id":"20251118/x/ja","read":[true,1763950000000000],"position":[120,1763950000000002]},
//! {"root":0,"id":"20251119/y/en","starred":[true,1763950000000001]}
//! ]}
//! ```
//!
//! `version` is [`FORMAT_VERSION`]. `roots` lists canonical root paths; an article's `root` and
//! a session's `roots` are indexes into it. Every value is `[value, stamp]`; a missing field was
//! never set (defaults: unread, not starred, position 0). `sessions` holds the session of each
//! set of roots; `session` is a version-1 file's session no set has taken yet (`null` once one
//! has, or if there was none). Unknown keys are ignored.
//!
//! A `root` index past the end of `roots`, in an article or a session, or a value of the wrong
//! shape makes the file unparseable (moved aside, as above). Two entries for the same article
//! or the same set of roots (the same path listed twice in `roots`, say) are merged as two
//! processes' copies are: the newest value wins. A session's `roots` may list an index twice;
//! it is the same set.
//!
//! # Versions
//!
//! Version 2 added `sessions`. A version-1 file is read (see above) and written back as
//! version 2 on the next save. The version was raised because a version-1 kiji ignores keys it
//! does not know: had it been given a file with `sessions` but still `version: 1`, it would
//! have rewritten the file without them, dropping every folder's session. A kiji refuses to
//! write over a file with a larger version than its own ([`StateWarning::NewerVersion`]), so an
//! older kiji run after this one leaves the new sessions alone (and saves nothing).
//!
//! # Cost
//!
//! A lookup is a few hash look-ups (a root's canonical path is worked out once per root path and
//! cached): 10,000 take about 3 ms in a release build. A save reads, merges and writes the whole
//! file, about 130 bytes an article: for 10,000 articles 1.3 MB, about 35 ms including the
//! fsync, and opening takes about 13 ms (`tests/core/state.rs` prints the figures). Nothing is
//! written when nothing changed ([`StateStore::is_dirty`]).
//!
//! # Signals
//!
//! [`StateStore::save`] does one file write, returns every failure as a value and never panics,
//! so the reader can call it on quit, after each change that matters, and from its main loop
//! when a SIGTERM/SIGHUP flag is raised (it allocates, so not from inside a signal handler).

#![warn(missing_docs)]

mod data;
pub(crate) mod disk;
mod format;
mod session;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use data::{Data, Stamp, Stamped};
use format::Problem;

pub use disk::LOCK_WAIT;
pub use session::{Session, SessionFilter};

/// The state file's name inside the state folder.
pub const FILE_NAME: &str = "state.json";

/// The lock file's name inside the state folder.
pub const LOCK_FILE_NAME: &str = "state.json.lock";

/// The format version this kiji writes (`"version"` in the file); it reads every version from
/// [`OLDEST_VERSION`] up to this one.
pub const FORMAT_VERSION: u64 = 2;

/// The oldest format version this kiji reads (and migrates when it next saves).
pub const OLDEST_VERSION: u64 = 1;

/// The saved state of one article. The default is unread, not starred, at the top.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleState {
    /// Whether it has been read.
    pub read: bool,
    /// Whether it is starred.
    pub starred: bool,
    /// The body line it was scrolled to (0 = the top); reopening returns there.
    pub position: usize,
}

/// Something the user should be told about the state file; kiji goes on with a fresh state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StateWarning {
    /// The file could not be parsed and was moved aside.
    MovedAside {
        /// The state file.
        path: PathBuf,
        /// Where its bytes are now.
        moved_to: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// The file could not be parsed and could not be moved aside either; it is left as it is,
    /// and saving will refuse rather than overwrite it.
    Unparseable {
        /// The state file.
        path: PathBuf,
        /// What was wrong with it.
        reason: String,
        /// Why it could not be moved.
        error: String,
    },
    /// The file could not be read (permissions, I/O error); it is left alone.
    Unreadable {
        /// The state file.
        path: PathBuf,
        /// The error.
        error: String,
    },
    /// The state folder could not be created; nothing can be saved.
    NoFolder {
        /// The state folder.
        dir: PathBuf,
        /// The error.
        error: String,
    },
    /// The file was written by a newer kiji; it is left alone.
    NewerVersion {
        /// The state file.
        path: PathBuf,
        /// Its format version.
        version: u64,
    },
}

impl fmt::Display for StateWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateWarning::MovedAside {
                path,
                moved_to,
                reason,
            } => write!(
                f,
                "the reading state in {} could not be parsed ({reason}); it was moved to {} \
                 and kiji starts with a fresh state",
                path.display(),
                moved_to.display()
            ),
            StateWarning::Unparseable {
                path,
                reason,
                error,
            } => write!(
                f,
                "the reading state in {} could not be parsed ({reason}) nor moved aside \
                 ({error}); it is left as it is and this session's reading state will not be saved",
                path.display()
            ),
            StateWarning::Unreadable { path, error } => write!(
                f,
                "the reading state in {} could not be read ({error}); it is left as it is and \
                 this session's reading state will not be saved",
                path.display()
            ),
            StateWarning::NoFolder { dir, error } => write!(
                f,
                "the state folder {} could not be created ({error}); this session's reading \
                 state will not be saved",
                dir.display()
            ),
            StateWarning::NewerVersion { path, version } => write!(
                f,
                "the reading state in {} was written by a newer kiji (format version {version}, \
                 this one reads {FORMAT_VERSION}); it is left as it is and this session's \
                 reading state will not be saved",
                path.display()
            ),
        }
    }
}

/// Why a save failed. The state file on disk is unchanged in every case, and the store keeps
/// its changes (still dirty), so a later save can try again.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// A file-system operation failed.
    #[error("could not {action} {}: {source}", .path.display())]
    Io {
        /// What was being done ("read", "write", "replace", "create the folder").
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// The state could not be turned into JSON.
    #[error("could not encode the reading state: {0}")]
    Encode(#[from] serde_json::Error),
    /// The file on disk was written by a newer kiji and is not overwritten.
    #[error(
        "{} was written by a newer kiji (format version {version}); it is left as it is",
        .path.display()
    )]
    NewerVersion {
        /// The state file.
        path: PathBuf,
        /// Its format version.
        version: u64,
    },
    /// The file on disk cannot be parsed and could not be moved aside, so it is not overwritten.
    #[error(
        "{} cannot be parsed ({reason}) and could not be moved aside ({source}); it is left as it is",
        .path.display()
    )]
    Unparseable {
        /// The state file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
        /// Why it could not be moved.
        source: io::Error,
    },
}

/// The reading-state store: an in-memory copy of `state.json` plus the changes made since it
/// was read, saved by merging (see the module docs for the rules).
#[derive(Debug)]
pub struct StateStore {
    dir: PathBuf,
    path: PathBuf,
    data: Data,
    dirty: bool,
    /// Root path as given -> its canonical text, worked out once per path.
    canonical: RefCell<HashMap<PathBuf, String>>,
}

/// How far a save goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// All the way.
    Rename,
    /// Stop before the rename (simulates a crash).
    StopBeforeRename,
}

/// What reading the file found.
enum Loaded {
    Data(Box<Data>),
    Missing,
    Corrupt(String),
    Newer(u64),
}

fn load(path: &Path) -> io::Result<Loaded> {
    Ok(match disk::read_existing(path)? {
        None => Loaded::Missing,
        Some(bytes) => match format::parse(&bytes) {
            Ok(d) => Loaded::Data(Box::new(d)),
            Err(Problem::Corrupt(r)) => Loaded::Corrupt(r),
            Err(Problem::Newer(v)) => Loaded::Newer(v),
        },
    })
}

/// A root's key: its canonical path as text.
fn canonical_key(root: &Path) -> String {
    let p = fs::canonicalize(root)
        .or_else(|_| std::path::absolute(root))
        .unwrap_or_else(|_| root.to_path_buf());
    p.to_string_lossy().into_owned()
}

impl StateStore {
    /// Open the state in `dir` (created if missing). Never fails: a missing file is a fresh
    /// state, and a file that cannot be used is reported in the warning (moved aside if it
    /// could not be parsed) while the store starts fresh.
    pub fn open(dir: &Path) -> (StateStore, Option<StateWarning>) {
        let path = dir.join(FILE_NAME);
        let mut store = StateStore {
            dir: dir.to_path_buf(),
            path: path.clone(),
            data: Data::default(),
            dirty: false,
            canonical: RefCell::new(HashMap::new()),
        };
        if let Err(e) = fs::create_dir_all(dir) {
            let warning = StateWarning::NoFolder {
                dir: dir.to_path_buf(),
                error: e.to_string(),
            };
            return (store, Some(warning));
        }
        let warning = disk::with_lock(&dir.join(LOCK_FILE_NAME), || {
            disk::remove_stale_temps(&path);
            match load(&path) {
                Ok(Loaded::Data(d)) => {
                    store.data = *d;
                    None
                }
                Ok(Loaded::Missing) => None,
                Ok(Loaded::Newer(version)) => Some(StateWarning::NewerVersion {
                    path: path.clone(),
                    version,
                }),
                Ok(Loaded::Corrupt(reason)) => Some(match disk::move_aside(&path) {
                    Ok(moved_to) => StateWarning::MovedAside {
                        path: path.clone(),
                        moved_to,
                        reason,
                    },
                    Err(e) => StateWarning::Unparseable {
                        path: path.clone(),
                        reason,
                        error: e.to_string(),
                    },
                }),
                Err(e) => Some(StateWarning::Unreadable {
                    path: path.clone(),
                    error: e.to_string(),
                }),
            }
        });
        (store, warning)
    }

    /// The state file (`<dir>/state.json`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether there are changes that [`StateStore::save`] has not written yet.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Run `f` with the canonical text of `root`, cached per root path.
    fn with_root_key<R>(&self, root: &Path, f: impl FnOnce(&str) -> R) -> R {
        if let Ok(cache) = self.canonical.try_borrow() {
            if let Some(key) = cache.get(root) {
                return f(key);
            }
        }
        let key = canonical_key(root);
        let result = f(&key);
        if let Ok(mut cache) = self.canonical.try_borrow_mut() {
            cache.insert(root.to_path_buf(), key);
        }
        result
    }

    /// The saved state of article `id` under `root` (defaults if none; see the keying rule).
    pub fn article(&self, root: &Path, id: &str) -> ArticleState {
        let fields = self.with_root_key(root, |key| {
            self.data
                .lookup(self.data.root_index(key), id)
                .copied()
                .unwrap_or_default()
        });
        ArticleState {
            read: fields.read.is_some_and(|s| s.0),
            starred: fields.starred.is_some_and(|s| s.0),
            position: fields.position.map_or(0, |s| s.0),
        }
    }

    /// Whether each article, given as its root and id, is marked read: the `read` of
    /// [`StateStore::article`] for a whole list, each run of articles under one root looking
    /// the root up once.
    pub fn reads<'a>(&self, articles: impl IntoIterator<Item = (&'a Path, &'a str)>) -> Vec<bool> {
        let mut last: Option<(&Path, Option<u32>)> = None;
        articles
            .into_iter()
            .map(|(root, id)| {
                let r = match last {
                    Some((at, r)) if at.as_os_str() == root.as_os_str() => r,
                    _ => {
                        let r = self.with_root_key(root, |key| self.data.root_index(key));
                        last = Some((root, r));
                        r
                    }
                };
                self.data
                    .lookup(r, id)
                    .and_then(|f| f.read)
                    .is_some_and(|s| s.0)
            })
            .collect()
    }

    /// The last saved session of the set of `roots` (their order and repeats do not matter),
    /// else a version-1 file's session that no set has taken yet, else none.
    pub fn session(&self, roots: &[impl AsRef<Path>]) -> Option<&Session> {
        let set: Option<Vec<u32>> = roots
            .iter()
            .map(|r| self.with_root_key(r.as_ref(), |key| self.data.root_index(key)))
            .collect();
        let stamped = match set {
            Some(set) => self.data.session_of(&Data::root_set(set)),
            None => self.data.unclaimed.as_ref(),
        };
        stamped.map(|s| &s.0)
    }

    /// A stamp later than every one seen.
    fn next_stamp(&mut self) -> Stamp {
        let stamp = disk::now_micros().max(self.data.max_stamp.saturating_add(1));
        self.data.max_stamp = stamp;
        stamp
    }

    /// Change one field of (`root`, `id`) if its value differs; says whether it did.
    fn set_field<T: Copy + PartialEq + Default>(
        &mut self,
        root: &Path,
        id: &str,
        value: T,
        field: impl Fn(&mut data::Fields) -> &mut Option<Stamped<T>>,
    ) -> bool {
        let key = self.with_root_key(root, str::to_owned);
        let root_ix = self.data.intern_root(&key);
        let current = self
            .data
            .lookup(Some(root_ix), id)
            .copied()
            .unwrap_or_default();
        let mut probe = current;
        let unchanged = field(&mut probe).map_or(T::default(), |s| s.0) == value;
        if unchanged {
            return false;
        }
        let stamp = self.next_stamp();
        *field(self.data.entry_for_write(root_ix, id)) = Some(Stamped(value, stamp));
        self.dirty = true;
        true
    }

    /// Mark article `id` under `root` read or unread. Returns whether anything changed.
    pub fn set_read(&mut self, root: &Path, id: &str, read: bool) -> bool {
        self.set_field(root, id, read, |f| &mut f.read)
    }

    /// Star or unstar article `id` under `root`. Returns whether anything changed.
    pub fn set_starred(&mut self, root: &Path, id: &str, starred: bool) -> bool {
        self.set_field(root, id, starred, |f| &mut f.starred)
    }

    /// Remember the body line article `id` under `root` is scrolled to. Returns whether anything
    /// changed.
    pub fn set_position(&mut self, root: &Path, id: &str, position: usize) -> bool {
        self.set_field(root, id, position, |f| &mut f.position)
    }

    /// Remember the session to restore the next time the set of `roots` is opened. Returns
    /// whether anything changed. The first set to save a session takes a version-1 file's one.
    pub fn set_session(&mut self, roots: &[impl AsRef<Path>], session: Session) -> bool {
        let set: Vec<u32> = roots
            .iter()
            .map(|r| {
                let key = self.with_root_key(r.as_ref(), str::to_owned);
                self.data.intern_root(&key)
            })
            .collect();
        let set = Data::root_set(set);
        if self.data.sessions.get(&set).is_some_and(|s| s.0 == session) {
            return false;
        }
        let stamp = self.next_stamp();
        self.data.merge_session(set, &Stamped(session, stamp));
        self.dirty = true;
        true
    }

    /// Write the changes: under the lock, re-read the file, merge it in (newest change per field
    /// wins), write the result to a temporary file, flush it and rename it over `state.json`.
    /// Does nothing if nothing changed. Returns a warning if the file on disk had become
    /// unparseable (it was moved aside before writing). On error the store keeps its changes
    /// and stays dirty, and `state.json` is as it was (or, if it was unparseable and has been
    /// moved aside, absent). Waits at most [`LOCK_WAIT`] for another process's save.
    pub fn save(&mut self) -> Result<Option<StateWarning>, StateError> {
        if !self.dirty {
            return Ok(None);
        }
        let lock = self.dir.join(LOCK_FILE_NAME);
        disk::with_lock(&lock, || self.save_locked(Step::Rename)).map(|(warning, _)| warning)
    }

    /// Everything [`StateStore::save`] does except the rename, as if kiji crashed between the
    /// write and the rename: `state.json` is untouched, the temporary file is left behind and
    /// its path returned, and the store stays dirty. For tests only.
    #[doc(hidden)]
    pub fn write_temp_only(&mut self) -> Result<PathBuf, StateError> {
        let lock = self.dir.join(LOCK_FILE_NAME);
        disk::with_lock(&lock, || self.save_locked(Step::StopBeforeRename)).map(|(_, temp)| temp)
    }

    /// Re-read, merge, write the temporary file and (unless told to stop before it) rename it
    /// into place. Runs under the lock: the re-read and the rename must not be interleaved with
    /// another process's, or one of the two would overwrite the other's changes.
    fn save_locked(&mut self, step: Step) -> Result<(Option<StateWarning>, PathBuf), StateError> {
        let io_err = |action, path: &Path| {
            let path = path.to_path_buf();
            move |source| StateError::Io {
                action,
                path,
                source,
            }
        };
        fs::create_dir_all(&self.dir).map_err(io_err("create the folder", &self.dir))?;
        let mut warning = None;
        match load(&self.path).map_err(io_err("read", &self.path))? {
            Loaded::Data(fresh) => self.data.merge_from(&fresh),
            Loaded::Missing => {}
            Loaded::Newer(version) => {
                return Err(StateError::NewerVersion {
                    path: self.path.clone(),
                    version,
                });
            }
            Loaded::Corrupt(reason) => match disk::move_aside(&self.path) {
                Ok(moved_to) => {
                    warning = Some(StateWarning::MovedAside {
                        path: self.path.clone(),
                        moved_to,
                        reason,
                    });
                }
                Err(source) => {
                    return Err(StateError::Unparseable {
                        path: self.path.clone(),
                        reason,
                        source,
                    });
                }
            },
        }
        let bytes = format::encode(&self.data)?;
        let temp = disk::write_temp(&self.path, &bytes).map_err(io_err("write", &self.path))?;
        if step == Step::StopBeforeRename {
            return Ok((warning, temp));
        }
        disk::commit(&temp, &self.path).map_err(io_err("replace", &self.path))?;
        self.dirty = false;
        Ok((warning, self.path.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_increase_past_everything_seen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, _) = StateStore::open(dir.path());
        let future = disk::now_micros() + 1_000_000_000;
        s.data.max_stamp = future;
        let a = s.next_stamp();
        let b = s.next_stamp();
        assert!(a > future && b > a);
        s.data.max_stamp = u64::MAX;
        assert_eq!(s.next_stamp(), u64::MAX, "saturates, never panics");
    }

    #[test]
    fn only_real_changes_are_stamped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, _) = StateStore::open(dir.path());
        let root = dir.path();
        assert!(!s.set_starred(root, "x", false));
        assert!(s.data.articles.is_empty());
        assert!(s.set_starred(root, "x", true));
        let stamp = s.data.max_stamp;
        assert!(!s.set_starred(root, "x", true));
        assert_eq!(s.data.max_stamp, stamp);
        assert!(s.set_starred(root, "x", false));
        assert!(s.data.max_stamp > stamp);
    }

    #[test]
    fn root_keys_are_canonical_and_cached() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (s, _) = StateStore::open(dir.path());
        let a = s.with_root_key(dir.path(), str::to_owned);
        fs::create_dir(dir.path().join("sub")).expect("mkdir");
        let b = s.with_root_key(&dir.path().join("sub/.."), str::to_owned);
        assert_eq!(a, b);
        assert_eq!(s.canonical.borrow().len(), 2);
        let missing = dir.path().join("not-there");
        let key = s.with_root_key(&missing, str::to_owned);
        assert!(Path::new(&key).is_absolute());
    }

    #[test]
    fn reads_of_a_list_are_what_each_article_says() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, _) = StateStore::open(dir.path());
        let (one, two) = (dir.path().join("one"), dir.path().join("two"));
        s.set_read(&one, "a", true);
        s.set_read(&two, "b", true);
        s.set_read(&one, "c", true);
        s.set_read(&two, "c", false);
        let list = [
            (one.as_path(), "a"),
            (one.as_path(), "b"),
            (two.as_path(), "b"),
            (two.as_path(), "c"),
            (one.as_path(), "c"),
            (two.as_path(), "a"),
            (dir.path(), "z"),
        ];
        let each: Vec<bool> = list.iter().map(|&(r, id)| s.article(r, id).read).collect();
        assert_eq!(s.reads(list), each);
        assert_eq!(each, [true, true, true, false, true, true, false]);
    }

    #[test]
    fn warnings_name_both_files() {
        let w = StateWarning::MovedAside {
            path: PathBuf::from("/s/state.json"),
            moved_to: PathBuf::from("/s/state.json.corrupt-20261124T020611Z"),
            reason: "expected value at line 1 column 1".into(),
        };
        assert_eq!(
            w.to_string(),
            "the reading state in /s/state.json could not be parsed (expected value at line 1 \
             column 1); it was moved to /s/state.json.corrupt-20261124T020611Z and kiji starts \
             with a fresh state"
        );
    }
}
