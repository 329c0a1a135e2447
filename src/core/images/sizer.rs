//! What the layout asks about a block image: [`ImageSizer`] resolves its URL, probes the
//! file (remembering each path's answer) and fits it to the pane, and [`ImageBlock`] is
//! where the laid-out picture sits, for the reader to draw over its placeholder rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{
    CellSize, Decoded, Embedded, ImageError, Limits, Probe, decode, fit_cells, probe, resolve,
};

/// A picture placed in laid-out text: blank placeholder rows, the alt text (and caption)
/// under them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageBlock {
    /// Index of the first placeholder line in the layout's lines.
    pub line: usize,
    /// Placeholder lines, all blank: the picture's height in cells.
    pub rows: usize,
    /// The picture's width in cells (at most the layout's width), from the left edge.
    pub cols: usize,
    /// The image file.
    pub path: PathBuf,
    /// The alt text (sanitised, one line).
    pub alt: String,
    /// The URL as written in the article.
    pub url: String,
    /// What the file's header said (format, pixels, bytes).
    pub probe: Probe,
}

/// A block image resolved, probed and fitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SizedImage {
    /// The file's header.
    pub probe: Probe,
    /// Width in cells.
    pub cols: usize,
    /// Height in cells.
    pub rows: usize,
}

/// What the sizes an [`ImageSizer`] gives depend on (besides the width asked for), for a
/// layout cache's key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SizerKey {
    /// The configured `image_root`.
    pub image_root: Option<PathBuf>,
    /// The file and pixel limits.
    pub limits: Limits,
    /// The cell size in pixels.
    pub cell: CellSize,
    /// The most rows a picture takes.
    pub max_rows: usize,
    /// Pictures are read from files held in memory ([`ImageSizer::with_embedded`]).
    pub embedded: bool,
}

/// Sizes block images for the layout when pictures are on: resolve the URL against the
/// article ([`resolve`]), read the header ([`probe`], each path once: the answer, failure
/// included, is kept until [`ImageSizer::forget`]), fit within the width and `max_rows`
/// ([`fit_cells`]). Shared by reference between layouts; safe across threads.
#[derive(Debug)]
pub struct ImageSizer {
    key: SizerKey,
    embedded: Option<Embedded>,
    probes: Mutex<HashMap<PathBuf, Result<Probe, ImageError>>>,
}

impl ImageSizer {
    /// A sizer for pictures at most `max_rows` rows high (the reader: about half the pane)
    /// with cells of `cell` pixels, refusing what is over `limits`, resolving root-relative
    /// URLs from `image_root` when it is given.
    pub fn new(
        image_root: Option<PathBuf>,
        limits: Limits,
        cell: CellSize,
        max_rows: usize,
    ) -> Self {
        ImageSizer {
            key: SizerKey {
                image_root,
                limits,
                cell,
                max_rows: max_rows.max(1),
                embedded: false,
            },
            embedded: None,
            probes: Mutex::new(HashMap::new()),
        }
    }

    /// This sizer reading pictures from `files` in memory instead of the disk (the bundled
    /// samples): URLs are resolved by [`Embedded::resolve`].
    pub fn with_embedded(mut self, files: Embedded) -> Self {
        self.embedded = Some(files);
        self.key.embedded = true;
        self
    }

    /// The pixels of a picture this sizer placed (`path` as in its [`ImageBlock`]), read
    /// within its limits from where it reads pictures (the disk, or memory).
    pub fn decode(&self, path: &Path) -> Result<Decoded, ImageError> {
        match &self.embedded {
            Some(files) => files.decode(path, &self.key.limits),
            None => decode(path, &self.key.limits),
        }
    }

    /// What this sizer's answers depend on.
    pub fn key(&self) -> &SizerKey {
        &self.key
    }

    /// The sizer for images of the article in the file `article`.
    pub fn for_article<'a>(&'a self, article: &'a Path) -> ArticleImages<'a> {
        ArticleImages {
            sizer: self,
            article,
        }
    }

    /// The image `url` of the article at `article`, fitted to `max_cols` columns.
    pub fn size(
        &self,
        url: &str,
        article: &Path,
        max_cols: usize,
    ) -> Result<SizedImage, ImageError> {
        let path = match &self.embedded {
            Some(files) => files.resolve(url, article)?,
            None => resolve(url, article, self.key.image_root.as_deref())?,
        };
        let probe = self.probe(&path)?;
        let (cols, rows) = fit_cells(
            (probe.width, probe.height),
            self.key.cell,
            max_cols,
            self.key.max_rows,
        );
        Ok(SizedImage { probe, cols, rows })
    }

    /// Forget every remembered header (after the files may have changed).
    pub fn forget(&self) {
        if let Ok(mut probes) = self.probes.lock() {
            probes.clear();
        }
    }

    fn probe(&self, path: &Path) -> Result<Probe, ImageError> {
        if let Ok(probes) = self.probes.lock() {
            if let Some(known) = probes.get(path) {
                return known.clone();
            }
        }
        let answer = match &self.embedded {
            Some(files) => files.probe(path, &self.key.limits),
            None => probe(path, &self.key.limits),
        };
        if let Ok(mut probes) = self.probes.lock() {
            probes.insert(path.to_path_buf(), answer.clone());
        }
        answer
    }
}

/// An [`ImageSizer`] for the images of one article: what the Markdown layout is given.
#[derive(Clone, Copy, Debug)]
pub struct ArticleImages<'a> {
    sizer: &'a ImageSizer,
    article: &'a Path,
}

impl ArticleImages<'_> {
    /// The image `url` of this article fitted to `max_cols` columns.
    pub fn size(&self, url: &str, max_cols: usize) -> Result<SizedImage, ImageError> {
        self.sizer.size(url, self.article, max_cols)
    }
}
