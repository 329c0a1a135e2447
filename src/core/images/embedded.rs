//! Image files held in memory (the bundled samples' pictures, built into the binary): an
//! image URL resolved to one of them the way [`resolve`](super::resolve) finds a file on
//! disk, and its header and pixels read from its bytes.

use std::path::{Component, Path, PathBuf};

use super::decode::decode_bytes;
use super::probe::probe_bytes;
use super::source::is_svg;
use super::{Decoded, ImageError, Limits, Probe, Target, classify};

/// Files in memory under a nominal folder: `root` is the folder the articles that use them
/// are said to live in (their paths start with it), `files` are (path under `root`, bytes).
#[derive(Clone, Copy, Debug)]
pub struct Embedded {
    /// The nominal folder, as the articles' paths start (`articles`).
    pub root: &'static str,
    /// Each file's path under `root` (`/`-separated) and its bytes.
    pub files: &'static [(&'static str, &'static [u8])],
}

impl Embedded {
    /// The file an image URL in the article at `article` names, as [`resolve`](super::resolve)
    /// would find it on disk: relative to the article's folder, root-relative from the folder
    /// above `root` (the repository the samples come from). Nothing on disk is looked at.
    pub fn resolve(&self, url: &str, article: &Path) -> Result<PathBuf, ImageError> {
        let folder = article.parent().unwrap_or(Path::new(""));
        let path = match classify(url) {
            Target::Remote(url) => return Err(ImageError::Remote { url }),
            Target::Empty => {
                return Err(ImageError::Empty {
                    article: article.to_path_buf(),
                });
            }
            Target::Relative(rel) => normalized(&folder.join(rel)),
            Target::RootRelative(rel) => normalized(&rel),
        };
        if is_svg(&path) {
            return Err(ImageError::Svg { path });
        }
        match self.bytes(&path) {
            Some(_) => Ok(path),
            None => Err(ImageError::Missing { path }),
        }
    }

    /// The bytes of the file at `path` (`root/...`, `.` and `..` taken lexically), if held.
    pub fn bytes(&self, path: &Path) -> Option<&'static [u8]> {
        let path = normalized(path);
        let rel = path.strip_prefix(self.root).ok()?;
        let parts: Vec<&str> = rel
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<_>>()?;
        let key = parts.join("/");
        self.files
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, bytes)| *bytes)
    }

    /// [`probe`](super::probe) of a held file.
    pub fn probe(&self, path: &Path, limits: &Limits) -> Result<Probe, ImageError> {
        let bytes = self.held(path)?;
        probe_bytes(path, bytes, limits)
    }

    /// [`decode`](super::decode) of a held file.
    pub fn decode(&self, path: &Path, limits: &Limits) -> Result<Decoded, ImageError> {
        let bytes = self.held(path)?;
        decode_bytes(path, bytes, limits)
    }

    fn held(&self, path: &Path) -> Result<&'static [u8], ImageError> {
        self.bytes(path).ok_or_else(|| ImageError::Missing {
            path: path.to_path_buf(),
        })
    }
}

/// `path` with `.` dropped and `..` taking off the part before it (never above the start).
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG not really";
    const HELD: Embedded = Embedded {
        root: "articles",
        files: &[("2026/post/diagram.png", PNG), ("shared/logo.png", PNG)],
    };

    #[test]
    fn relative_urls_find_held_files_beside_and_above_the_article() {
        let article = Path::new("articles/2026/post/en.md");
        assert_eq!(
            HELD.resolve("diagram.png", article).ok(),
            Some(PathBuf::from("articles/2026/post/diagram.png"))
        );
        assert_eq!(
            HELD.resolve("./../../shared/logo.png?x=1", article).ok(),
            Some(PathBuf::from("articles/shared/logo.png"))
        );
        assert_eq!(
            HELD.resolve("/articles/shared/logo.png", article).ok(),
            Some(PathBuf::from("articles/shared/logo.png"))
        );
        assert_eq!(HELD.bytes(Path::new("articles/shared/logo.png")), Some(PNG));
    }

    #[test]
    fn what_is_not_held_is_missing_and_remote_or_svg_is_refused() {
        let article = Path::new("articles/2026/post/en.md");
        let err = |url: &str| HELD.resolve(url, article).err().map(|e| e.to_string());
        assert_eq!(
            err("other.png").as_deref(),
            Some("articles/2026/post/other.png: image not found")
        );
        assert!(
            err("https://example.com/diagram.png")
                .is_some_and(|e| e.contains("remote image is not fetched"))
        );
        assert!(err("diagram.svg").is_some_and(|e| e.contains("SVG")));
        // `..` never climbs out of the root into a file of the same name.
        assert!(HELD.bytes(Path::new("diagram.png")).is_none());
    }
}
