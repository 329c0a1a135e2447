//! Finding and reading article files: walks the roots (skipping hidden folders,
//! `node_modules` and `.git`, surviving symlink loops), reads a file into an [`Article`] and
//! its [`Diagnostic`]s, reads an article's body, and links translations. The scanner
//! ([`crate::scan`]) loads a set of roots with these; [`load`] is the cacheless load, with
//! bodies in memory, for tests and benchmarks.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::Article;
use crate::diagnostics::Diagnostic;
use crate::metadata::{self, Source};

mod body;
pub mod books;
#[cfg(target_os = "linux")]
mod fdwalk;
mod roots;
mod stamped;
mod translations;
pub use body::{read_body, with_body};
pub use roots::dedupe_roots;
pub use stamped::{Stamped, walk_stamped};
pub use translations::{link_translations, link_translations_by};

/// Files larger than this are skipped with an error.
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Settings for loading.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// The front-matter key that holds the mascot's comment.
    pub mascot_field: String,
    /// Files larger than this many bytes are skipped with an error.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            mascot_field: "technyanComment".to_string(),
            max_file_size: MAX_FILE_SIZE,
        }
    }
}

/// The result of loading: every article that could be made, and every problem met.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles in no particular order.
    pub articles: Vec<Article>,
    /// Problems, in path order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a file name is a Markdown article.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.') || name == "node_modules"
}

/// The article id for `path` under `root`: relative, `/`-separated, without extension.
pub fn article_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = if rel.as_os_str().is_empty() {
        Path::new(path.file_name().unwrap_or(path.as_os_str()))
    } else {
        rel
    };
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        if let Some(stem) = Path::new(last.as_str()).file_stem() {
            *last = stem.to_string_lossy().into_owned();
        }
    }
    parts.join("/")
}

/// Every article file under `roots` (each read once, see [`dedupe_roots`]), with the folder
/// its id is relative to ([`id_base`]): in file-name order within each root when `sorted`,
/// else in the order the walk found them. The problems met finding them go to `diags` (in
/// path order when `sorted`). The walk is [`walk_stamped`]'s: one set of rules for what is an
/// article, a hidden or skipped folder, a loop or a special file.
pub fn walk_roots(
    roots: &[PathBuf],
    sorted: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, PathBuf)> {
    let mut problems = Vec::new();
    let mut files = walk_stamped(roots, &mut problems);
    if sorted {
        // Files come grouped by root, in root order: sort each group, keep the groups.
        for group in files.chunk_by_mut(|a, b| a.1 == b.1) {
            group.sort_by(|a, b| a.0.cmp(&b.0));
        }
        problems.sort_by(|a, b| a.path.cmp(&b.path));
    }
    diags.extend(problems);
    files
        .into_iter()
        .map(|(path, base, _)| (path, base))
        .collect()
}

/// What a file that is neither a regular file nor a folder is (`a FIFO`, `a character
/// device`, ...), `None` for files, folders and symlinks.
pub fn special_kind(t: &fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    (!t.is_file() && !t.is_dir() && !t.is_symlink()).then_some("a special file")
}

/// An io::Error's message without the "(os error N)" suffix.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Read and build one file. `None` when the file had to be skipped.
pub fn load_file(
    root: &Path,
    path: &Path,
    opts: &LoadOptions,
) -> (Option<Article>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let read = || -> std::io::Result<(Vec<u8>, fs::Metadata)> {
        let file = fs::File::open(path)?;
        let meta = file.metadata()?;
        if meta.len() > opts.max_file_size {
            return Ok((Vec::new(), meta));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.take(opts.max_file_size + 1).read_to_end(&mut bytes)?;
        Ok((bytes, meta))
    };
    let (bytes, meta) = match read() {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read: {}", io_message(&e)),
            ));
            return (None, diags);
        }
    };
    let size = meta.len().max(bytes.len() as u64);
    if size > opts.max_file_size {
        diags.push(Diagnostic::error(
            path,
            format!(
                "file is {:.1} MiB, over the {} MiB limit; skipped",
                size as f64 / (1024.0 * 1024.0),
                opts.max_file_size / (1024 * 1024)
            ),
        ));
        return (None, diags);
    }
    if let Some(offset) = bytes.iter().take(8192).position(|b| *b == 0) {
        diags.push(Diagnostic::error(
            path,
            format!("binary file (NUL byte at offset {offset}), not Markdown; skipped"),
        ));
        return (None, diags);
    }
    let source = Source {
        root: root.to_path_buf(),
        path: path.to_path_buf(),
        id: article_id(root, path),
        modified: meta.modified().ok(),
        stamp: Some(crate::article::FileStamp::of(&meta)),
    };
    let article = metadata::build_article(source, &bytes, &opts.mascot_field, &mut diags);
    (Some(article), diags)
}

/// The folder ids are relative to for a root given on the command line: the root itself, or
/// the folder of a root that is a file.
pub fn id_base(root: &Path) -> PathBuf {
    if root.is_file() {
        root.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        root.to_path_buf()
    }
}

/// Load every article under the given roots (folders or single files; each read once, see
/// [`dedupe_roots`]) with its body in memory, without the index cache: for tests and
/// benchmarks (kiji itself loads through [`crate::scan::Scanner`]).
pub fn load(roots: &[PathBuf], opts: &LoadOptions) -> Loaded {
    let mut diagnostics = Vec::new();
    let jobs = walk_roots(roots, true, &mut diagnostics);
    let results: Vec<(Option<Article>, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|(path, base)| load_file(base, path, opts))
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for (article, diags) in results {
        articles.extend(article);
        diagnostics.extend(diags);
    }
    let books = books::read_books(jobs.iter().map(|(path, _)| path.as_path()));
    books::bind_chapters_by(
        &mut articles,
        |a| a,
        |a, bound| *a = bound,
        &books,
        &mut diagnostics,
    );
    link_translations(&mut articles);
    Loaded {
        articles,
        diagnostics,
    }
}

/// Load articles from in-memory files: `(path relative to root, contents)`. Used for the
/// samples bundled into the binary; `root` names where they nominally live.
pub fn load_memory(root: &Path, files: &[(&str, &[u8])], opts: &LoadOptions) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut articles = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        let path = root.join(rel);
        let source = Source {
            root: root.to_path_buf(),
            id: article_id(root, &path),
            path,
            modified: None,
            stamp: None,
        };
        articles.push(metadata::build_article(
            source,
            bytes,
            &opts.mascot_field,
            &mut diagnostics,
        ));
    }
    link_translations(&mut articles);
    Loaded {
        articles,
        diagnostics,
    }
}
