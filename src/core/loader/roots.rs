//! The roots the user names, made one set: each folder or file once however it is spelled
//! (`A`, `A/`, `./A`, a symlink to `A`), and none that another root's walk already covers
//! (`A/sub` beside `A`), so no article is listed twice.

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::{is_markdown, is_skipped_dir};

/// `roots` without repeats: a root that names the same file or folder as an earlier one, or
/// that lies inside another root's folder where that root's walk finds it, is dropped. The
/// roots kept are spelled as given (messages name them as the user typed them), in the order
/// given; ids stay relative to the root kept. Roots that cannot be resolved (they do not
/// exist) are kept once each, for the walk to report.
pub fn dedupe_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    let resolved: Vec<Option<(PathBuf, bool)>> = roots
        .iter()
        .map(|r| {
            let canonical = fs::canonicalize(r).ok()?;
            let is_dir = canonical.is_dir();
            Some((canonical, is_dir))
        })
        .collect();
    let mut kept: Vec<usize> = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        let seen = match &resolved[i] {
            None => kept
                .iter()
                .any(|&k| resolved[k].is_none() && roots[k] == *root),
            Some((path, _)) => {
                let same = kept
                    .iter()
                    .any(|&k| resolved[k].as_ref().is_some_and(|(p, _)| p == path));
                let covered = resolved
                    .iter()
                    .flatten()
                    .any(|(folder, is_dir)| *is_dir && folder != path && walk_covers(folder, path));
                same || covered
            }
        };
        if !seen {
            kept.push(i);
        }
    }
    kept.into_iter().map(|i| roots[i].clone()).collect()
}

/// Whether the walk of `folder` finds `path` (both canonical): it lies inside, under no
/// folder the walk skips, and is a folder or a Markdown file that is not hidden.
fn walk_covers(folder: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(folder) else {
        return false;
    };
    let names: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some((last, parents)) = names.split_last() else {
        return false;
    };
    if parents.iter().any(|n| is_skipped_dir(n)) {
        return false;
    }
    if path.is_dir() {
        !is_skipped_dir(last)
    } else {
        !last.starts_with('.') && is_markdown(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["a/sub", "a/.hidden", "a/node_modules", "b"] {
            fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        }
        for file in ["a/x.md", "a/notes.txt", "a/.dot.md", "a/sub/y.md", "b/z.md"] {
            fs::write(dir.path().join(file), "# t\n").expect("write");
        }
        dir
    }

    fn dedupe_in(dir: &Path, roots: &[&str]) -> Vec<String> {
        let roots: Vec<PathBuf> = roots.iter().map(|r| dir.join(r)).collect();
        dedupe_roots(&roots)
            .iter()
            .map(|r| {
                r.strip_prefix(dir)
                    .unwrap_or(r)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn the_same_folder_twice_is_one_root() {
        let dir = tree();
        assert_eq!(dedupe_in(dir.path(), &["a", "a"]), ["a"]);
        assert_eq!(dedupe_in(dir.path(), &["a", "a/", "./a", "b/../a"]), ["a"]);
        assert_eq!(dedupe_in(dir.path(), &["b", "a", "b"]), ["b", "a"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_a_root_is_the_root() {
        let dir = tree();
        std::os::unix::fs::symlink("a", dir.path().join("link")).expect("symlink");
        assert_eq!(dedupe_in(dir.path(), &["a", "link"]), ["a"]);
        assert_eq!(dedupe_in(dir.path(), &["link", "a"]), ["link"]);
        std::os::unix::fs::symlink("a/x.md", dir.path().join("x-link.md")).expect("symlink");
        assert_eq!(dedupe_in(dir.path(), &["x-link.md", "a"]), ["a"]);
    }

    #[test]
    fn a_child_of_another_root_is_dropped_whatever_the_order() {
        let dir = tree();
        assert_eq!(dedupe_in(dir.path(), &["a", "a/sub"]), ["a"]);
        assert_eq!(dedupe_in(dir.path(), &["a/sub", "a"]), ["a"]);
        assert_eq!(dedupe_in(dir.path(), &["a/sub/y.md", "b", "a"]), ["b", "a"]);
        assert_eq!(dedupe_in(dir.path(), &["a/sub", "a/sub/y.md"]), ["a/sub"]);
    }

    #[test]
    fn a_child_the_walk_skips_is_kept() {
        let dir = tree();
        for child in ["a/.hidden", "a/node_modules", "a/notes.txt", "a/.dot.md"] {
            assert_eq!(dedupe_in(dir.path(), &["a", child]), ["a", child]);
        }
    }

    #[test]
    fn missing_roots_are_kept_once_for_the_walk_to_report() {
        let dir = tree();
        assert_eq!(
            dedupe_in(dir.path(), &["gone", "a", "gone", "a/gone"]),
            ["gone", "a", "a/gone"]
        );
    }
}
