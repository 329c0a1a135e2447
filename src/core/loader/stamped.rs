//! The one walk: every article file under the roots with the folder its id is relative to and
//! its stamp, the folders read on every core and each file stat'ed through its folder (no
//! lookup of its whole path), which is most of what a warm `kiji list` costs. The scanner
//! uses it as it is; [`super::walk_roots`] sorts it for [`super::load`]. On Linux the folders
//! are read by descriptor ([`super::fdwalk`]); this walk through `std::fs` is the portable one.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{dedupe_roots, id_base, io_message, is_markdown, is_skipped_dir, special_kind};
use crate::article::FileStamp;
use crate::diagnostics::Diagnostic;

/// A file found: its path, the folder its id is relative to, its stamp.
pub type Stamped = (PathBuf, PathBuf, FileStamp);

/// Every article file under `roots` (each read once, see [`dedupe_roots`]) with its base and
/// stamp, in no particular order; the problems met go to `diags`. A file that vanishes
/// between its folder being read and its `stat` is left out.
pub fn walk_stamped(roots: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Vec<Stamped> {
    let roots = dedupe_roots(roots);
    let several = roots.len() > 1;
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    for root in &roots {
        let base = id_base(root);
        let found = walk_root(root);
        diags.extend(found.problems);
        for (path, stamp) in found.files {
            // A file under two of the roots is listed once (one root walks no file twice).
            if !several || seen.insert(path.clone()) {
                files.push((path, base.clone(), stamp));
            }
        }
    }
    files
}

/// What the walk of one folder (and everything under it) found.
#[derive(Default)]
pub(super) struct Found {
    pub(super) files: Vec<(PathBuf, FileStamp)>,
    pub(super) problems: Vec<Diagnostic>,
}

impl Found {
    pub(super) fn merge(mut self, other: Found) -> Found {
        if self.files.is_empty() {
            self.files = other.files;
        } else {
            self.files.extend(other.files);
        }
        self.problems.extend(other.problems);
        self
    }
}

/// The folders from the root down to the one being read, for finding symlink loops.
pub(super) struct Above<'a> {
    pub(super) dir: &'a Path,
    pub(super) up: Option<&'a Above<'a>>,
}

fn walk_root(root: &Path) -> Found {
    let mut found = Found::default();
    match fs::metadata(root) {
        Err(e) => {
            let message = if e.kind() == io::ErrorKind::NotFound {
                "no such file or folder".to_string()
            } else {
                format!("cannot read: {}", io_message(&e))
            };
            found.problems.push(Diagnostic::error(root, message));
        }
        Ok(meta) if meta.is_dir() => {
            found = walk_dir(
                root,
                &Above {
                    dir: root,
                    up: None,
                },
            );
        }
        Ok(meta) if meta.is_file() => found.files.push((root.to_path_buf(), FileStamp::of(&meta))),
        Ok(meta) => {
            let kind = special_kind(&meta.file_type()).unwrap_or("a special file");
            let message = format!("not a regular file or folder ({kind}); not read");
            found.problems.push(Diagnostic::error(root, message));
        }
    }
    found
}

/// The files under the folder `dir`: by descriptor on Linux, else through `std::fs`.
fn walk_dir(dir: &Path, above: &Above) -> Found {
    #[cfg(target_os = "linux")]
    {
        super::fdwalk::walk_dir(dir, above)
    }
    #[cfg(not(target_os = "linux"))]
    {
        walk_dir_portable(dir, above)
    }
}

/// The files under `dir` read through `std::fs`, its subfolders walked in parallel.
pub(super) fn walk_dir_portable(dir: &Path, above: &Above) -> Found {
    let mut found = Found::default();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let message = format!("cannot read: {}", io_message(&e));
            found.problems.push(Diagnostic::error(dir, message));
            return found;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let message = format!("cannot read: {}", io_message(&e));
                found.problems.push(Diagnostic::error(dir, message));
                continue;
            }
        };
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                let message = format!("cannot read: {}", io_message(&e));
                found.problems.push(Diagnostic::error(&path, message));
                continue;
            }
        };
        // A symlink is followed: it stands for what it points to.
        let (file_type, meta) = if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(meta) => (meta.file_type(), Some(meta)),
                Err(e) => {
                    let message = format!("cannot read: {}", io_message(&e));
                    found.problems.push(Diagnostic::error(&path, message));
                    continue;
                }
            }
        } else {
            (file_type, None)
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if file_type.is_dir() {
            if is_skipped_dir(&name) {
                continue;
            }
            if meta.is_some() {
                if let Some(ancestor) = loop_ancestor(&path, above) {
                    let message =
                        format!("symlink loop back to {}; not followed", ancestor.display());
                    found.problems.push(Diagnostic::warning(&path, message));
                    continue;
                }
            }
            subdirs.push(path);
            continue;
        }
        if name.starts_with('.') || !is_markdown(&path) {
            continue;
        }
        if file_type.is_file() {
            match meta.map_or_else(|| entry.metadata(), Ok) {
                Ok(meta) => found.files.push((path, FileStamp::of(&meta))),
                // Gone between the folder's read and the stat: the next scan will not find it.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    found
                        .problems
                        .push(Diagnostic::error(&path, format!("cannot read: {e}")));
                }
            }
        } else if let Some(kind) = special_kind(&file_type) {
            // Never opened: opening a FIFO waits for a writer.
            let message = format!("not a regular file ({kind}); skipped");
            found.problems.push(Diagnostic::warning(&path, message));
        }
    }
    let below = subdirs
        .par_iter()
        .map(|sub| {
            walk_dir_portable(
                sub,
                &Above {
                    dir: sub,
                    up: Some(above),
                },
            )
        })
        .reduce(Found::default, Found::merge);
    found.merge(below)
}

/// The folder above (or at) the one being read that the symlinked folder `link` leads back
/// to, as it was walked.
pub(super) fn loop_ancestor<'a>(link: &Path, above: &'a Above<'a>) -> Option<&'a Path> {
    let target = fs::canonicalize(link).ok()?;
    let mut at = Some(above);
    while let Some(a) = at {
        if fs::canonicalize(a.dir).is_ok_and(|d| d == target) {
            return Some(a.dir);
        }
        at = a.up;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, format!("---\ntitle: {rel}\n---\nbody of {rel}\n")).expect("write");
    }

    /// The files and problems the walk finds, sorted, with the stamps `fs::metadata` gives.
    fn walked(roots: &[PathBuf]) -> (Vec<Stamped>, Vec<String>) {
        let mut diags = Vec::new();
        let mut files = walk_stamped(roots, &mut diags);
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut problems: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        problems.sort();
        (files, problems)
    }

    /// What `walk_roots` (the sorted list [`super::super::load`] reads) gives, with a `stat`
    /// of each file, sorted the same way: the same files and problems as the scanner's walk.
    fn as_listed(roots: &[PathBuf]) -> (Vec<Stamped>, Vec<String>) {
        let mut diags = Vec::new();
        let mut files: Vec<Stamped> = super::super::walk_roots(roots, true, &mut diags)
            .into_iter()
            .map(|(path, base)| {
                let stamp = FileStamp::of(&fs::metadata(&path).expect("stat"));
                (path, base, stamp)
            })
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut problems: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        problems.sort();
        (files, problems)
    }

    #[test]
    fn finds_what_the_sequential_walk_finds_with_the_same_stamps() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("root");
        for rel in [
            "a.md",
            "b.markdown",
            "notes.txt",
            ".hidden.md",
            "deep/1/2/3/c.md",
            "deep/1/d.MD",
            ".git/e.md",
            "node_modules/f.md",
            "sub/.secret/g.md",
            "記事/日本語.md",
        ] {
            write(&root, rel);
        }
        let other = dir.path().join("other");
        write(&other, "outside.md");
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(&other, root.join("linked")).expect("symlink folder");
            symlink(other.join("outside.md"), root.join("file-link.md")).expect("symlink file");
            symlink(root.join("missing.md"), root.join("broken.md")).expect("broken symlink");
            symlink(&root, root.join("deep/1/back")).expect("loop");
            let fifo = std::ffi::CString::new(root.join("pipe.md").to_string_lossy().as_bytes())
                .expect("fifo path");
            // SAFETY: mkfifo only creates a file at a path we own; its result is checked.
            assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "mkfifo");
        }
        let roots = vec![root.clone(), other.join("outside.md")];
        let (files, problems) = walked(&roots);
        assert_eq!((files.clone(), problems.clone()), as_listed(&roots));
        let ids: Vec<String> = files
            .iter()
            .map(|(p, base, _)| super::super::article_id(base, p))
            .collect();
        assert!(ids.contains(&"記事/日本語".to_string()), "{ids:?}");
        assert!(ids.contains(&"deep/1/d".to_string()), "{ids:?}");
        assert!(
            !ids.iter()
                .any(|id| id.contains("node_modules") || id.contains("hidden"))
        );
        #[cfg(unix)]
        {
            assert!(ids.contains(&"linked/outside".to_string()), "{ids:?}");
            assert!(ids.contains(&"outside".to_string()), "a root file: {ids:?}");
            assert_eq!(problems.len(), 3, "{problems:?}");
            assert!(problems.iter().any(|p| p.contains("symlink loop back to")));
            assert!(problems.iter().any(|p| p.contains("broken.md")));
            assert!(
                problems
                    .iter()
                    .any(|p| p.contains("not a regular file (a FIFO)"))
            );
        }
    }

    #[test]
    fn roots_that_are_missing_special_or_files_are_named_as_before() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "one.txt");
        let roots = vec![
            dir.path().join("nothing-here"),
            dir.path().join("one.txt"),
            PathBuf::from("/dev/null"),
        ];
        let (files, problems) = walked(&roots);
        assert_eq!((files.clone(), problems.clone()), as_listed(&roots));
        assert_eq!(files.len(), 1, "a root file is read whatever its name");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
