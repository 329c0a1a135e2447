//! The walk of [`super::stamped`] on Linux, by folder descriptor: each subfolder opened
//! relative to its parent's descriptor, its entries read with `getdents64` straight into a
//! buffer each thread keeps, and each file stat'ed relative to its folder, so the kernel looks
//! up one name per call and no folder costs the `fstat` that `opendir` adds. Every rule is the
//! portable walk's: where a case is rare (a special file, a folder too deep to keep its
//! parents open) it hands over to that walk or to `std::fs`.

use std::cell::RefCell;
use std::ffi::{CStr, CString, OsStr};
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::stamped::{Above, Found, loop_ancestor, walk_dir_portable};
use super::{io_message, is_markdown, is_skipped_dir, special_kind};
use crate::article::FileStamp;
use crate::diagnostics::Diagnostic;

/// How many folders deep the walk keeps its parents' descriptors open; below that, the
/// portable walk (which holds none while it recurses) takes over, so a deep tree cannot run
/// out of descriptors.
const MAX_OPEN_DEPTH: usize = 48;

/// The bytes one `getdents64` call may fill.
const DIRENT_BUFFER: usize = 32 * 1024;

thread_local! {
    static DIRENT_BYTES: RefCell<Vec<u8>> = RefCell::new(vec![0; DIRENT_BUFFER]);
}

/// An open folder, closed when dropped.
struct DirFd(libc::c_int);

impl DirFd {
    /// Opens `name` (a symlink is followed) relative to the folder `at`, or to the working
    /// folder when `at` is `AT_FDCWD`.
    fn open(at: libc::c_int, name: &CStr) -> io::Result<DirFd> {
        let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC | libc::O_NONBLOCK;
        // SAFETY: `name` is a valid NUL-terminated string; the result is checked.
        let fd = unsafe { libc::openat(at, name.as_ptr(), flags) };
        if fd < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(DirFd(fd))
        }
    }

    /// The `stat` of `name` in this folder; `follow` follows a symlink.
    fn stat(&self, name: &CStr, follow: bool) -> io::Result<libc::stat64> {
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        let mut st = std::mem::MaybeUninit::<libc::stat64>::uninit();
        // SAFETY: `name` is NUL-terminated and `st` is large enough for the call to fill.
        let rc = unsafe { libc::fstatat64(self.0, name.as_ptr(), st.as_mut_ptr(), flags) };
        if rc < 0 {
            Err(io::Error::last_os_error())
        } else {
            // SAFETY: the call succeeded, so it filled `st`.
            Ok(unsafe { st.assume_init() })
        }
    }
}

impl Drop for DirFd {
    fn drop(&mut self) {
        // SAFETY: the descriptor is owned by this value and closed once.
        unsafe { libc::close(self.0) };
    }
}

/// What an entry is, as far as the walk cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dir,
    File,
    Symlink,
    Other,
    /// The folder's listing did not say (some file systems): ask with `stat`.
    Unknown,
}

fn kind_of_dirent(d_type: u8) -> Kind {
    match d_type {
        libc::DT_DIR => Kind::Dir,
        libc::DT_REG => Kind::File,
        libc::DT_LNK => Kind::Symlink,
        libc::DT_UNKNOWN => Kind::Unknown,
        _ => Kind::Other,
    }
}

fn kind_of_mode(mode: libc::mode_t) -> Kind {
    match mode & libc::S_IFMT {
        libc::S_IFDIR => Kind::Dir,
        libc::S_IFREG => Kind::File,
        libc::S_IFLNK => Kind::Symlink,
        _ => Kind::Other,
    }
}

fn stamp_of(st: &libc::stat64) -> FileStamp {
    let ns = i128::from(st.st_mtime) * 1_000_000_000 + i128::from(st.st_mtime_nsec);
    FileStamp {
        size: u64::try_from(st.st_size).unwrap_or(0),
        modified_ns: i64::try_from(ns).unwrap_or(if ns < 0 { i64::MIN } else { i64::MAX }),
    }
}

/// The files under the folder `dir`, its subfolders walked in parallel.
pub(super) fn walk_dir(dir: &Path, above: &Above) -> Found {
    let Ok(c_dir) = CString::new(dir.as_os_str().as_bytes()) else {
        return walk_dir_portable(dir, above);
    };
    match DirFd::open(libc::AT_FDCWD, &c_dir) {
        Ok(fd) => walk_open(&fd, dir, above, 0),
        Err(e) => cannot_read(dir, &e),
    }
}

fn cannot_read(dir: &Path, e: &io::Error) -> Found {
    let mut found = Found::default();
    note_unreadable(&mut found, dir.to_path_buf(), e);
    found
}

/// A subfolder to walk: its name in its parent and its path.
struct Subdir {
    name: CString,
    path: PathBuf,
}

/// The files under the open folder `fd` (whose path is `dir`, `depth` folders below the root).
fn walk_open(fd: &DirFd, dir: &Path, above: &Above, depth: usize) -> Found {
    let mut found = Found::default();
    let mut subdirs = Vec::new();
    let read = DIRENT_BYTES.with(|bytes| {
        let mut bytes = bytes.borrow_mut();
        loop {
            // SAFETY: the buffer is writable for its whole length; the result is checked.
            let n = unsafe {
                libc::syscall(libc::SYS_getdents64, fd.0, bytes.as_mut_ptr(), bytes.len())
            };
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            if n == 0 {
                return Ok(());
            }
            let filled = usize::try_from(n).unwrap_or(0).min(bytes.len());
            read_entries(&bytes[..filled], fd, dir, above, &mut found, &mut subdirs);
        }
    });
    if let Err(e) = read {
        let message = format!("cannot read: {}", io_message(&e));
        found.problems.push(Diagnostic::error(dir, message));
    }
    let below = subdirs
        .par_iter()
        .map(|sub| {
            let above = Above {
                dir: &sub.path,
                up: Some(above),
            };
            if depth + 1 >= MAX_OPEN_DEPTH {
                return walk_dir_portable(&sub.path, &above);
            }
            match DirFd::open(fd.0, &sub.name) {
                Ok(sub_fd) => walk_open(&sub_fd, &sub.path, &above, depth + 1),
                Err(e) => cannot_read(&sub.path, &e),
            }
        })
        .reduce(Found::default, Found::merge);
    found.merge(below)
}

/// Reads one buffer of `linux_dirent64` records: files into `found`, folders into `subdirs`.
fn read_entries(
    mut bytes: &[u8],
    fd: &DirFd,
    dir: &Path,
    above: &Above,
    found: &mut Found,
    subdirs: &mut Vec<Subdir>,
) {
    // d_ino: u64, d_off: i64, d_reclen: u16, d_type: u8, then the NUL-terminated name.
    const NAME_AT: usize = 19;
    while bytes.len() > NAME_AT {
        let reclen = usize::from(u16::from_ne_bytes([bytes[16], bytes[17]]));
        if reclen <= NAME_AT || reclen > bytes.len() {
            break;
        }
        let d_type = bytes[18];
        let record = &bytes[NAME_AT..reclen];
        bytes = &bytes[reclen..];
        let Ok(name) = CStr::from_bytes_until_nul(record) else {
            continue;
        };
        let name_bytes = name.to_bytes();
        if name_bytes == b"." || name_bytes == b".." {
            continue;
        }
        read_entry(name, kind_of_dirent(d_type), fd, dir, above, found, subdirs);
    }
}

/// One entry of the folder: the portable walk's rules, told by descriptor.
fn read_entry(
    c_name: &CStr,
    kind: Kind,
    fd: &DirFd,
    dir: &Path,
    above: &Above,
    found: &mut Found,
    subdirs: &mut Vec<Subdir>,
) {
    let os_name = OsStr::from_bytes(c_name.to_bytes());
    let kind = if kind == Kind::Unknown {
        match fd.stat(c_name, false) {
            Ok(st) => kind_of_mode(st.st_mode),
            Err(e) => return note_unreadable(found, dir.join(os_name), &e),
        }
    } else {
        kind
    };
    // A symlink is followed: it stands for what it points to.
    let (kind, followed) = if kind == Kind::Symlink {
        match fd.stat(c_name, true) {
            Ok(st) => (kind_of_mode(st.st_mode), Some(st)),
            Err(e) => return note_unreadable(found, dir.join(os_name), &e),
        }
    } else {
        (kind, None)
    };
    let name = os_name.to_string_lossy();
    if kind == Kind::Dir {
        if is_skipped_dir(&name) {
            return;
        }
        let path = dir.join(os_name);
        if followed.is_some() {
            if let Some(ancestor) = loop_ancestor(&path, above) {
                let message = format!("symlink loop back to {}; not followed", ancestor.display());
                found.problems.push(Diagnostic::warning(&path, message));
                return;
            }
        }
        subdirs.push(Subdir {
            name: c_name.to_owned(),
            path,
        });
        return;
    }
    if name.starts_with('.') || !is_markdown(Path::new(os_name)) {
        return;
    }
    let path = dir.join(os_name);
    match kind {
        Kind::File => match followed.map_or_else(|| fd.stat(c_name, false), Ok) {
            Ok(st) => found.files.push((path, stamp_of(&st))),
            // Gone between the folder's read and the stat: the next scan will not find it.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                found
                    .problems
                    .push(Diagnostic::error(&path, format!("cannot read: {e}")));
            }
        },
        _ => {
            // Rare: ask `std::fs` what kind of special file it is, to name it.
            if let Ok(meta) = fs::metadata(&path) {
                if let Some(kind) = special_kind(&meta.file_type()) {
                    // Never opened: opening a FIFO waits for a writer.
                    let message = format!("not a regular file ({kind}); skipped");
                    found.problems.push(Diagnostic::warning(&path, message));
                }
            }
        }
    }
}

/// Note that the entry at `path` could not be looked at.
fn note_unreadable(found: &mut Found, path: PathBuf, e: &io::Error) {
    let message = format!("cannot read: {}", io_message(e));
    found.problems.push(Diagnostic::error(path, message));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, format!("# {rel}\n")).expect("write");
    }

    /// What a walk found, sorted: files with stamps, problems as printed.
    type Sorted = (Vec<(PathBuf, FileStamp)>, Vec<String>);

    fn sorted(found: Found) -> Sorted {
        let mut files = found.files;
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut problems: Vec<String> = found.problems.iter().map(|d| d.to_string()).collect();
        problems.sort();
        (files, problems)
    }

    fn both_walks(root: &Path) -> [Sorted; 2] {
        let above = Above {
            dir: root,
            up: None,
        };
        [
            sorted(walk_dir(root, &above)),
            sorted(walk_dir_portable(root, &above)),
        ]
    }

    #[test]
    fn finds_what_the_portable_walk_finds() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("root");
        for rel in [
            "a.md",
            "B.MARKDOWN",
            "notes.txt",
            ".hidden.md",
            "sub/c.md",
            ".git/d.md",
            "node_modules/e.md",
            "記事/日本語.md",
        ] {
            write(&root, rel);
        }
        // Deeper than the descriptors kept open: the portable walk takes over down there.
        let deep: String = (0..MAX_OPEN_DEPTH + 3).map(|i| format!("d{i}/")).collect();
        write(&root, &format!("{deep}deepest.md"));
        write(dir.path(), "other/outside.md");
        symlink(dir.path().join("other"), root.join("linked")).expect("symlink folder");
        symlink(root.join("a.md"), root.join("link.md")).expect("symlink file");
        symlink(root.join("missing.md"), root.join("broken.md")).expect("broken symlink");
        symlink(&root, root.join("sub/back")).expect("loop");
        symlink(&root, root.join(format!("{deep}back"))).expect("deep loop");
        let fifo = CString::new(root.join("pipe.md").as_os_str().as_bytes()).expect("fifo path");
        // SAFETY: mkfifo only creates a file at a path we own; its result is checked.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");

        let [fast, portable] = both_walks(&root);
        assert_eq!(fast, portable);
        let (files, problems) = fast;
        assert_eq!(files.len(), 7, "{files:?}");
        assert_eq!(problems.len(), 4, "{problems:?}");
        for (path, stamp) in &files {
            assert_eq!(*stamp, FileStamp::of(&fs::metadata(path).expect("stat")));
        }
    }

    #[test]
    fn a_folder_that_cannot_be_read_is_named_as_by_the_portable_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let above = Above {
            dir: dir.path(),
            up: None,
        };
        let gone = dir.path().join("gone");
        assert_eq!(
            sorted(walk_dir(&gone, &above)),
            sorted(walk_dir_portable(&gone, &above))
        );
        write(dir.path(), "file.md");
        let file = dir.path().join("file.md");
        let (files, problems) = sorted(walk_dir(&file, &above));
        assert!(files.is_empty());
        assert_eq!((files, problems), sorted(walk_dir_portable(&file, &above)));
    }
}
