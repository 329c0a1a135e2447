//! Where an image's file is: an image URL from an article classified without touching the
//! file system ([`classify`]: remote, relative to the article, or root-relative), then
//! resolved to a regular file ([`resolve`]) against the article's folder or the repository
//! root ([`repository_root`], or the configured `image_root`).

use std::path::{Path, PathBuf};

use super::ImageError;

/// What an image URL points at, before the file system is asked anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A URL with a scheme (`https:`, `data:`, `file:`, ...) or a network path (`//host/x`):
    /// never opened.
    Remote(String),
    /// A path relative to the article's folder (percent-decoded, query and fragment removed).
    Relative(PathBuf),
    /// A path from the repository root (`/images/x.png`), without its leading `/`.
    RootRelative(PathBuf),
    /// An empty address.
    Empty,
}

/// Classify an image URL as written in Markdown. Pure: it reads no file.
pub fn classify(url: &str) -> Target {
    let url = url.trim();
    if url.starts_with("//") || has_scheme(url) {
        return Target::Remote(url.to_string());
    }
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = percent_decode(path);
    if path.is_empty() {
        return Target::Empty;
    }
    match path.strip_prefix('/') {
        Some(rest) => Target::RootRelative(PathBuf::from(rest.trim_start_matches('/'))),
        None => Target::Relative(PathBuf::from(path)),
    }
}

/// The file an image URL in the article at `article` points to: a relative path from the
/// article's folder; a root-relative one from `image_root` if given, else from
/// [`repository_root`], else from the article's folder. `..` may climb out of the folder, but
/// the result must be a regular file. Remote URLs and SVG files are refused before the file
/// system is asked anything.
pub fn resolve(
    url: &str,
    article: &Path,
    image_root: Option<&Path>,
) -> Result<PathBuf, ImageError> {
    let folder = article
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let path = match classify(url) {
        Target::Remote(url) => return Err(ImageError::Remote { url }),
        Target::Empty => {
            return Err(ImageError::Empty {
                article: article.to_path_buf(),
            });
        }
        Target::Relative(rel) => folder.join(rel),
        Target::RootRelative(rel) => {
            let root = match image_root {
                Some(root) => root.to_path_buf(),
                None => repository_root(folder).unwrap_or_else(|| folder.to_path_buf()),
            };
            root.join(rel)
        }
    };
    if is_svg(&path) {
        return Err(ImageError::Svg { path });
    }
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => Ok(path),
        Ok(_) => Err(ImageError::NotAFile { path }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ImageError::Missing { path }),
        Err(e) => Err(ImageError::Unreadable {
            path,
            source: e.into(),
        }),
    }
}

/// The repository root for articles in `folder`: the nearest folder, `folder` itself or one
/// above it, that holds an `images` folder or a `.git`. A relative `folder` is taken from the
/// current folder, so the search can go above it (`kiji show post.md` inside `articles/`).
pub fn repository_root(folder: &Path) -> Option<PathBuf> {
    let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    folder
        .ancestors()
        .find(|dir| dir.join("images").is_dir() || dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// True for `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`),
/// at least two characters long so that a drive letter (`C:`) is not taken for one.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    scheme.len() >= 2
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%XX` escapes decoded; the text as written if the result is not UTF-8.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// True for a `.svg` or `.svgz` file name.
pub(super) fn is_svg(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg") || e.eq_ignore_ascii_case("svgz"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_urls_are_classified_without_a_path() {
        for url in [
            "https://example.com/a.png",
            "http://x/y.jpg",
            "//cdn.example.com/a.png",
            "data:image/png;base64,AAAA",
            "file:///etc/passwd",
        ] {
            assert_eq!(classify(url), Target::Remote(url.to_string()), "{url}");
        }
    }

    #[test]
    fn local_paths_are_decoded_and_lose_query_and_fragment() {
        assert_eq!(
            classify("images/my%20diagram.png?raw=1#top"),
            Target::Relative(PathBuf::from("images/my diagram.png"))
        );
        assert_eq!(
            classify("/images/%E5%9B%B3.png"),
            Target::RootRelative(PathBuf::from("images/図.png"))
        );
        assert_eq!(
            classify("../a%2"),
            Target::Relative(PathBuf::from("../a%2"))
        );
        assert_eq!(
            classify("C:/x.png"),
            Target::Relative(PathBuf::from("C:/x.png"))
        );
        assert_eq!(classify("  "), Target::Empty);
        assert_eq!(classify("#only"), Target::Empty);
    }
}
