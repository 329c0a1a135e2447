//! What to watch so the reader follows its roots as they come and go: each root that exists
//! is watched itself (recursively if a folder); a root that is gone (deleted, renamed away,
//! not made yet) has its nearest existing parent folder watched instead, so its return wakes
//! the scan, and it is watched again once it is back. A root replaced by another folder of
//! the same name is noticed by its identity and watched anew.

use std::path::{Path, PathBuf};

use notify::{RecursiveMode, Watcher};

/// Which file a path names: device and inode where the platform has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Identity(u64, u64);

fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Identity(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(Identity(0, 0))
    }
}

/// How one root is followed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Watching {
    /// Not looked at yet.
    Nothing,
    /// The root itself, which was this file or folder when its watch was set.
    Root(Identity),
    /// The root is gone; this folder above it is watched (`true`), or already seen through
    /// another root's recursive watch (`false`).
    Parent(PathBuf, bool),
}

/// One root: how it is followed, and whether it was there when last looked at.
#[derive(Clone, Debug)]
struct Root {
    path: PathBuf,
    watching: Watching,
    present: bool,
    /// Whether it has ever been there (a root that was never there does not come "back").
    seen: bool,
}

/// The roots and how each is followed, with the watcher that does it.
pub(super) struct Follower<W: Watcher> {
    watcher: W,
    roots: Vec<Root>,
}

/// What a [`Follower::refresh`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Refresh {
    /// Some watch was moved: what happened before it was set may not have been seen, so the
    /// roots should be scanned again.
    pub moved: bool,
    /// Roots that went or came back, as messages for the user.
    pub notices: Vec<String>,
}

impl<W: Watcher> Follower<W> {
    /// A follower of `roots` (as they are now, just after a scan) through `watcher`;
    /// nothing is watched until the first [`Follower::refresh`].
    pub(super) fn new(watcher: W, roots: &[PathBuf]) -> Follower<W> {
        let roots = roots
            .iter()
            .map(|r| {
                let present = r.exists();
                Root {
                    path: r.clone(),
                    watching: Watching::Nothing,
                    present,
                    seen: present,
                }
            })
            .collect();
        Follower { watcher, roots }
    }

    /// Bring the watches up to date with what is on disk now. Fails, naming the path, when a
    /// watch cannot be set (inotify's limit, say).
    pub(super) fn refresh(&mut self) -> Result<Refresh, String> {
        let mut done = Refresh::default();
        for i in 0..self.roots.len() {
            let Root {
                path: root,
                watching: was,
                present,
                seen,
            } = self.roots[i].clone();
            let id = identity(&root);
            let here = id.is_some();
            if here != present {
                let shown = root.display();
                if !here {
                    done.notices.push(format!(
                        "{shown} is gone; its articles are hidden until it comes back"
                    ));
                } else if seen {
                    done.notices.push(format!("{shown} is back"));
                }
                self.roots[i].present = here;
                self.roots[i].seen |= here;
            }
            let now = match id {
                Some(id) if was == Watching::Root(id) => continue,
                Some(id) => {
                    self.unwatch(&was, &root);
                    match self.watcher.watch(&root, mode(&root)) {
                        Ok(()) => Watching::Root(id),
                        // Gone again since it was seen: its parent is watched next time.
                        Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => {
                            Watching::Nothing
                        }
                        Err(e) => {
                            return Err(format!(
                                "cannot watch {}: {}",
                                root.display(),
                                super::watch_error(&e)
                            ));
                        }
                    }
                }
                None => {
                    let parent = nearest_existing_parent(&root);
                    if matches!(&was, Watching::Parent(p, _) if *p == parent) {
                        continue;
                    }
                    self.unwatch(&was, &root);
                    let covered = self.inside_a_watched_root(&parent);
                    if !covered {
                        self.watcher
                            .watch(&parent, RecursiveMode::NonRecursive)
                            .map_err(|e| {
                                format!(
                                    "cannot watch {} for {} to come back: {}",
                                    parent.display(),
                                    root.display(),
                                    super::watch_error(&e)
                                )
                            })?;
                    }
                    Watching::Parent(parent, !covered)
                }
            };
            done.moved = true;
            self.roots[i].watching = now;
        }
        Ok(done)
    }

    /// Drop the watch `was` set for `root` (a watch the kernel dropped already, as it does for
    /// a deleted folder, is no error).
    fn unwatch(&mut self, was: &Watching, root: &Path) {
        let _ = match was {
            Watching::Root(_) => self.watcher.unwatch(root),
            Watching::Parent(parent, true) => self.watcher.unwatch(parent),
            Watching::Parent(_, false) | Watching::Nothing => return,
        };
    }

    /// Whether events in `folder` already come through the recursive watch of a root folder
    /// (watching it again would share, and later drop, that root's watch).
    fn inside_a_watched_root(&self, folder: &Path) -> bool {
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        self.roots.iter().any(|root| {
            matches!(root.watching, Watching::Root(_))
                && root.path.is_dir()
                && std::path::absolute(&root.path).is_ok_and(|r| folder.starts_with(r))
        })
    }
}

fn mode(root: &Path) -> RecursiveMode {
    if root.is_dir() {
        RecursiveMode::Recursive
    } else {
        RecursiveMode::NonRecursive
    }
}

/// The closest folder above `path` that exists (`.` for a relative path with none).
fn nearest_existing_parent(path: &Path) -> PathBuf {
    let mut at = path;
    while let Some(parent) = at.parent() {
        if parent.as_os_str().is_empty() {
            break;
        }
        if parent.is_dir() {
            return parent.to_path_buf();
        }
        at = parent;
    }
    if path.is_absolute() {
        PathBuf::from("/")
    } else {
        PathBuf::from(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Records the watches set; refuses to watch the paths in `refuse`.
    #[derive(Default)]
    struct Recorder {
        watched: Vec<(PathBuf, bool)>,
        refuse: Vec<PathBuf>,
    }

    impl Watcher for Recorder {
        fn new<F: notify::EventHandler>(_: F, _: notify::Config) -> notify::Result<Self> {
            Ok(Recorder::default())
        }
        fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
            if self.refuse.iter().any(|p| p == path) {
                return Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch));
            }
            if !path.exists() {
                return Err(notify::Error::path_not_found());
            }
            self.watched
                .push((path.to_path_buf(), mode == RecursiveMode::Recursive));
            Ok(())
        }
        fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
            let before = self.watched.len();
            self.watched.retain(|(p, _)| p != path);
            if self.watched.len() == before {
                return Err(notify::Error::watch_not_found());
            }
            Ok(())
        }
        fn kind() -> notify::WatcherKind {
            notify::WatcherKind::NullWatcher
        }
    }

    fn follower(roots: &[PathBuf]) -> Follower<Recorder> {
        Follower::new(Recorder::default(), roots)
    }

    #[test]
    fn a_root_that_goes_is_followed_through_its_parent_until_it_is_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        fs::create_dir(&root).expect("mkdir");
        let mut f = follower(std::slice::from_ref(&root));
        let first = f.refresh().expect("refresh");
        assert!(first.moved);
        assert!(first.notices.is_empty());
        assert_eq!(f.watcher.watched, [(root.clone(), true)]);
        assert_eq!(f.refresh().expect("refresh"), Refresh::default());

        fs::remove_dir(&root).expect("rm");
        let gone = f.refresh().expect("refresh");
        assert!(gone.moved);
        assert_eq!(
            gone.notices,
            [format!(
                "{} is gone; its articles are hidden until it comes back",
                root.display()
            )]
        );
        assert_eq!(f.watcher.watched, [(dir.path().to_path_buf(), false)]);
        assert_eq!(f.refresh().expect("refresh"), Refresh::default());

        fs::create_dir(&root).expect("mkdir again");
        let back = f.refresh().expect("refresh");
        assert!(back.moved);
        assert_eq!(back.notices, [format!("{} is back", root.display())]);
        assert_eq!(f.watcher.watched, [(root.clone(), true)]);
    }

    #[cfg(unix)]
    #[test]
    fn a_root_replaced_by_another_folder_is_watched_anew() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        fs::create_dir(&root).expect("mkdir");
        let mut f = follower(std::slice::from_ref(&root));
        f.refresh().expect("refresh");
        let other = dir.path().join("other");
        fs::create_dir(&other).expect("mkdir");
        fs::remove_dir(&root).expect("rm");
        fs::rename(&other, &root).expect("mv");
        let again = f.refresh().expect("refresh");
        assert!(again.moved, "a different folder under the same name");
        assert!(again.notices.is_empty());
        assert_eq!(f.watcher.watched, [(root.clone(), true)]);
    }

    #[test]
    fn the_nearest_parent_that_exists_is_watched_as_folders_come_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("a/b/news");
        let mut f = follower(std::slice::from_ref(&root));
        let first = f.refresh().expect("refresh");
        assert!(first.notices.is_empty(), "missing from the start: no news");
        assert_eq!(f.watcher.watched, [(dir.path().to_path_buf(), false)]);
        fs::create_dir(dir.path().join("a")).expect("mkdir a");
        assert!(f.refresh().expect("refresh").moved);
        assert_eq!(f.watcher.watched, [(dir.path().join("a"), false)]);
        fs::create_dir_all(&root).expect("mkdir news");
        let here = f.refresh().expect("refresh");
        assert!(
            here.notices.is_empty(),
            "it was never there, so it is not back"
        );
        assert_eq!(f.watcher.watched, [(root.clone(), true)]);
        fs::remove_dir(&root).expect("rm");
        assert_eq!(f.refresh().expect("refresh").notices.len(), 1, "gone");
        fs::create_dir(&root).expect("mkdir");
        let back = f.refresh().expect("refresh");
        assert_eq!(back.notices, [format!("{} is back", root.display())]);
    }

    #[test]
    fn a_parent_inside_another_watched_root_is_not_watched_twice() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outer = dir.path().to_path_buf();
        let inner = dir.path().join(".hidden/news");
        let mut f = follower(&[outer.clone(), inner]);
        f.refresh().expect("refresh");
        assert_eq!(f.watcher.watched, [(outer, true)]);
    }

    #[test]
    fn a_watch_that_cannot_be_set_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        fs::create_dir(&root).expect("mkdir");
        let mut f = follower(std::slice::from_ref(&root));
        f.watcher.refuse = vec![root.clone()];
        let problem = f.refresh().expect_err("refused");
        assert_eq!(
            problem,
            format!(
                "cannot watch {}: too many folders to watch (raise fs.inotify.max_user_watches)",
                root.display()
            )
        );
        let mut f = follower(&[root.join("gone")]);
        f.watcher.refuse = vec![root.clone()];
        let problem = f.refresh().expect_err("refused");
        assert!(
            problem.starts_with(&format!(
                "cannot watch {} for {} to come back: ",
                root.display(),
                root.join("gone").display()
            )),
            "{problem}"
        );
    }

    #[test]
    fn nearest_existing_parents() {
        assert_eq!(
            nearest_existing_parent(Path::new("/nonexistent/kiji/root")),
            PathBuf::from("/")
        );
        assert_eq!(
            nearest_existing_parent(Path::new("no-such-folder")),
            PathBuf::from(".")
        );
    }
}
