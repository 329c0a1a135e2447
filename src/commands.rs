//! The non-interactive commands (`list`, `tags`, `check`, `show`): load (through the scanner
//! and the index cache the reader uses, [`load_index`]), filter, and print to a writer,
//! returning the exit code. The binary only wires them to stdout. Names and values
//! from the files are printed through [`Shown`], so no control character reaches the terminal.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::article::Article;
use crate::cache::CacheFiles;
use crate::cli::{CheckArgs, Format, ListArgs, TagsArgs};
use crate::diagnostics::{Diagnostic, Severity};
use crate::images::{Embedded, ImageBlock, ImageSizer, Limits, image_diagnostics};
use crate::index::{Filter, Index, TagMode};
use crate::loader::{self, LoadOptions};
use crate::samples;
use crate::scan::Scanner;
use crate::style::ColorDepth;
use crate::term_images::stream::stream;
use crate::term_images::{Encoder, kitty_id};
use crate::text::escape::{Shown, ShownPath, write_shown};
use crate::words::plural;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: problems found (check), or nothing to show.
pub const EXIT_PROBLEMS: i32 = 1;

/// Where articles come from when the user names no folder.
pub fn default_roots() -> Option<Vec<PathBuf>> {
    let local = PathBuf::from("articles");
    local.is_dir().then(|| vec![local])
}

/// The samples bundled into kiji, read when there is no folder to read.
pub fn bundled(opts: &LoadOptions) -> Index {
    Index::new(loader::load_memory(
        Path::new(samples::BUNDLED_ROOT),
        samples::SAMPLES,
        opts,
    ))
}

/// What of the articles a command needs from [`load_index`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// What `kiji list` (as text, without `--search`), `tags` and `check` print: every
    /// article without its description, comment and other front-matter keys (a warm cache's
    /// are not read, see [`crate::cache::Detail::Lean`]).
    Printed,
    /// Every article whole (`--format json`, `show`).
    Whole,
    /// Every article whole, with its search text (from the cache, or folded as the files are
    /// read): `kiji list --search`.
    Search,
}

/// What `kiji list` with `args` needs of the articles.
pub fn list_needs(args: &ListArgs) -> Needs {
    if args.search.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        Needs::Search
    } else if args.format == Format::Json {
        Needs::Whole
    } else {
        Needs::Printed
    }
}

/// The articles of the named roots, or the defaults (`./articles`, else the bundled
/// samples), as the reader finds them: scanned through the index cache under `cache_dir`
/// (when there is one), which the scan brings up to date. `needs` says what of the articles
/// the index must have.
pub fn load_index(
    paths: &[PathBuf],
    opts: &LoadOptions,
    cache_dir: Option<&Path>,
    needs: Needs,
) -> Index {
    let roots = match (paths.is_empty(), default_roots()) {
        (false, _) => paths.to_vec(),
        (true, Some(roots)) => roots,
        (true, None) => return bundled(opts),
    };
    let cache = cache_dir.map(|dir| CacheFiles::new(dir, &roots, opts));
    let scanner = Scanner::new(roots, opts.clone(), cache).listing(needs == Needs::Search);
    let mut scanner = match needs {
        Needs::Printed => scanner.lean(),
        Needs::Whole | Needs::Search => scanner,
    };
    let index = scanner.index();
    // The cache only ever saves time: a listing works the same when it cannot be written.
    let _ = scanner.save_cache();
    index
}

/// Roots that cannot be read (they do not exist, or are FIFOs, devices or sockets, which are
/// never opened), as messages for the user.
pub fn missing_roots(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .filter_map(|p| unreadable_root(p).map(|why| format!("kiji: {}: {why}", ShownPath(p))))
        .collect()
}

/// Why `path` cannot be read as a root, if it cannot.
fn unreadable_root(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(meta) => loader::special_kind(&meta.file_type())
            .map(|kind| format!("not a regular file or folder ({kind})")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Some("no such file or folder".to_string())
        }
        Err(e) => Some(format!("cannot read: {}", loader::io_message(&e))),
    }
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    description: Option<&'a str>,
    date: Option<String>,
    category: Option<&'a str>,
    tags: &'a [String],
    locale: &'a str,
    comment: Option<&'a str>,
    translations: &'a [String],
    draft: bool,
    emoji: Option<&'a str>,
}

impl<'a> From<&'a Article> for ArticleJson<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleJson {
            id: &a.id,
            path: a.path.display().to_string(),
            title: &a.title,
            description: a.description.as_deref(),
            date: a.date.map(|d| d.to_string()),
            category: a.category.as_deref(),
            tags: &a.tags,
            locale: &a.locale,
            comment: a.comment.as_deref(),
            translations: &a.translations,
            draft: a.draft,
            emoji: a.emoji.as_deref(),
        }
    }
}

/// A one-line hint on stderr when loading met errors the listing does not show.
pub fn problem_hint(index: &Index) -> Option<String> {
    let errors = index
        .diagnostics()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors > 0).then(|| {
        format!(
            "kiji: {} found while reading; run `kiji check` for details",
            plural(errors, "error")
        )
    })
}

/// What stands for the date of an article that has none.
const NO_DATE: &str = "----------";

/// `kiji list`: the matching articles, newest first.
pub fn list(args: &ListArgs, index: &Index, out: &mut impl Write) -> io::Result<i32> {
    let filter = Filter {
        tags: args.tags.clone(),
        tag_mode: if args.any { TagMode::Any } else { TagMode::All },
        category: args.category.clone(),
        locale: args.locale.map(|l| l.code().to_string()),
        text: args.search.clone().filter(|q| !q.trim().is_empty()),
        drafts: args.drafts.into(),
    };
    let hits: Vec<&Article> = index
        .filter(&filter)
        .into_iter()
        .filter_map(|i| index.get(i))
        .collect();
    match args.format {
        Format::Json => {
            let items: Vec<ArticleJson> = hits.iter().map(|a| ArticleJson::from(*a)).collect();
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        Format::Text => {
            // Written piece by piece: nothing is allocated per article.
            for a in hits {
                match a.date {
                    Some(d) => write!(out, "{d}")?,
                    None => out.write_all(NO_DATE.as_bytes())?,
                }
                out.write_all(b"  ")?;
                write_shown(out, &a.locale)?;
                out.write_all(b"  ")?;
                write_shown(out, &a.id)?;
                out.write_all(b"  ")?;
                if let Some(emoji) = &a.emoji {
                    write_shown(out, emoji)?;
                    out.write_all(b" ")?;
                }
                write_shown(out, &a.title)?;
                out.write_all(if a.draft { b"  [draft]\n" } else { b"\n" })?;
            }
        }
    }
    Ok(EXIT_OK)
}

/// `kiji tags`: tags with counts, most used first.
pub fn tags(args: &TagsArgs, index: &Index, out: &mut impl Write) -> io::Result<i32> {
    let all: Vec<usize> = (0..index.articles().len()).collect();
    let counts = index.tag_counts(&all);
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &counts)?;
            writeln!(out)?;
        }
        Format::Text => {
            for c in counts {
                writeln!(out, "{:>5}  {}", c.count, Shown(&c.tag))?;
            }
        }
    }
    Ok(EXIT_OK)
}

#[derive(Serialize)]
struct CheckSummary {
    articles: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    diagnostics: &'a [crate::diagnostics::Diagnostic],
    summary: CheckSummary,
}

/// `kiji check`: every diagnostic and a summary; exit 1 when any is an error. The articles'
/// images are resolved and probed through `images` (headers only, nothing decoded).
pub fn check(
    args: &CheckArgs,
    index: &Index,
    opts: &LoadOptions,
    images: &ImageSizer,
    out: &mut impl Write,
) -> io::Result<i32> {
    let mut diags = index.diagnostics().to_vec();
    diags.extend(cut_warnings(index, opts));
    diags.extend(image_problems(index, images));
    let diags = &diags[..];
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let summary = CheckSummary {
        articles: index.articles().len(),
        errors,
        warnings: diags.len() - errors,
    };
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut *out,
                &CheckJson {
                    diagnostics: diags,
                    summary,
                },
            )?;
            writeln!(out)?;
        }
        Format::Text => {
            for d in diags {
                writeln!(out, "{d}")?;
            }
            writeln!(
                out,
                "{} read: {}, {}",
                plural(summary.articles, "article"),
                plural(summary.errors, "error"),
                plural(summary.warnings, "warning")
            )?;
        }
    }
    Ok(if errors > 0 { EXIT_PROBLEMS } else { EXIT_OK })
}

/// Bodies smaller than this cannot reach the layout's bounds at [`CUT_CHECK_WIDTH`] (each
/// laid-out line or element costs at least a byte or two of Markdown), so only larger ones are
/// laid out by `kiji check`.
const CUT_CHECK_SIZE: usize = 32 * 1024;
/// The width `kiji check` lays large articles out at.
const CUT_CHECK_WIDTH: usize = 80;

/// A warning for every article the reader shows cut short, because its layout at 80 columns
/// passes one of the bounds that keep memory in check (see `markdown::MAX_LINES`).
fn cut_warnings(index: &Index, load: &LoadOptions) -> Vec<Diagnostic> {
    let opts = crate::text::LayoutOptions::default();
    index
        .articles()
        .iter()
        .filter(|a| a.body_len_bound() >= CUT_CHECK_SIZE as u64)
        .filter_map(|a| {
            // A body that cannot be read is not shown cut (the reader shows why instead).
            let body = loader::read_body(a, load).ok()?;
            if body.len() < CUT_CHECK_SIZE {
                return None;
            }
            let cut = crate::markdown::render(&body, CUT_CHECK_WIDTH, &opts).cut?;
            Some(Diagnostic::warning(
                &a.path,
                format!(
                    "the body is {} at {CUT_CHECK_WIDTH} columns; the reader and `kiji show` show it cut there",
                    cut.reason()
                ),
            ))
        })
        .collect()
}

/// The problems with every article's local images ([`image_diagnostics`]), from the images
/// each article's body named when its file was read (kept in the index cache): no body is
/// read again.
fn image_problems(index: &Index, images: &ImageSizer) -> Vec<Diagnostic> {
    index
        .articles()
        .iter()
        .flat_map(|a| image_diagnostics(a, images))
        .collect()
}

/// True when `kiji show TARGET` (with these roots) reads the bundled samples: TARGET is not a
/// file, no root is given and there is no `./articles`.
pub fn shows_bundled(target: &str, roots: &[PathBuf]) -> bool {
    !Path::new(target).is_file() && roots.is_empty() && default_roots().is_none()
}

/// Find the article `kiji show` was asked for: a Markdown file (read on its own), or an id
/// under the roots ([`load_index`], through the cache under `cache_dir`).
pub fn find_for_show(
    target: &str,
    paths: &[PathBuf],
    opts: &LoadOptions,
    cache_dir: Option<&Path>,
) -> Result<(Index, usize), String> {
    let as_path = Path::new(target);
    if let Some(kind) = std::fs::metadata(as_path)
        .ok()
        .and_then(|m| loader::special_kind(&m.file_type()))
    {
        return Err(format!(
            "kiji: {}: not a regular file ({kind}); give a Markdown file or an article id",
            Shown(target)
        ));
    }
    let index = if as_path.is_file() {
        load_index(&[as_path.to_path_buf()], opts, None, Needs::Whole)
    } else {
        load_index(paths, opts, cache_dir, Needs::Whole)
    };
    let id = target.strip_suffix(".md").unwrap_or(target);
    let found = if as_path.is_file() {
        (!index.articles().is_empty()).then_some(0)
    } else {
        index.position(id)
    };
    match found {
        Some(i) => Ok((index, i)),
        None => {
            let why = index
                .diagnostics()
                .iter()
                .find(|d| d.path == as_path)
                .map(|d| format!(": {}", Shown(&d.message)))
                .unwrap_or_default();
            Err(format!(
                "kiji: no article `{}`{why}; `kiji list` prints the ids, or give a file",
                Shown(target)
            ))
        }
    }
}

/// How `kiji show` draws pictures, when it does.
#[derive(Clone, Debug)]
pub struct ShowPictures {
    /// The protocol, the cell size and tmux.
    pub encoder: Encoder,
    /// The colours half blocks are sent in (truecolor, else the 256-colour palette).
    pub depth: ColorDepth,
    /// The most rows a picture takes.
    pub max_rows: usize,
    /// The `image_root` setting.
    pub image_root: Option<PathBuf>,
    /// The file and pixel limits.
    pub limits: Limits,
    /// Pictures held in memory (the bundled samples'), instead of files.
    pub embedded: Option<Embedded>,
}

impl ShowPictures {
    /// The sizer that lays pictures out and reads them.
    fn sizer(&self) -> ImageSizer {
        let sizer = ImageSizer::new(
            self.image_root.clone(),
            self.limits,
            self.encoder.cell,
            self.max_rows,
        );
        match self.embedded {
            Some(files) => sizer.with_embedded(files),
            None => sizer,
        }
    }
}

/// How `kiji show` prints an article.
#[derive(Clone, Debug)]
pub struct ShowStyle {
    /// The width to lay the article out at.
    pub width: usize,
    /// How text is laid out.
    pub layout: crate::text::LayoutOptions,
    /// Text only, without styles.
    pub plain: bool,
    /// The reader's theme at the terminal's colour depth, when not `plain`.
    pub theme: crate::style::Theme,
    /// Pictures drawn inline; `None`: images are their alt text. Never with `plain`.
    pub pictures: Option<ShowPictures>,
}

/// `kiji show`: print the article exactly as the body pane lays it out (its body read with
/// [`loader::read_body`]); an article whose file cannot be read any more is an error. With
/// [`ShowStyle::pictures`], each picture the layout places is drawn over its rows, and each
/// image that cannot be shown is a warning on stderr (its alt text is printed).
pub fn show(
    index: &Index,
    position: usize,
    opts: &LoadOptions,
    style: &ShowStyle,
    out: &mut impl Write,
) -> io::Result<i32> {
    let Some(article) = index.get(position) else {
        return Ok(EXIT_PROBLEMS);
    };
    let article = match loader::with_body(article, opts) {
        Ok(a) => a,
        Err(problem) => {
            eprintln!("kiji: {}", Shown(&problem));
            return Ok(EXIT_PROBLEMS);
        }
    };
    let (width, layout, plain, theme) = (style.width, &style.layout, style.plain, &style.theme);
    let text = |lines: &[crate::text::Line]| {
        if plain {
            crate::ansi::to_plain(lines)
        } else {
            crate::ansi::to_ansi(lines, theme)
        }
    };
    let pictures = style.pictures.as_ref().filter(|_| !plain);
    let Some(pictures) = pictures else {
        let lines = crate::document::layout_article(&article, width, layout);
        out.write_all(text(&lines).as_bytes())?;
        return Ok(EXIT_OK);
    };
    let sizer = pictures.sizer();
    for problem in image_diagnostics(&article, &sizer) {
        eprintln!("kiji: {problem}");
    }
    let laid = crate::document::layout_with_images(&article, width, layout, Some(&sizer));
    let mut at = 0;
    for block in &laid.images {
        out.write_all(text(&laid.lines[at..block.line]).as_bytes())?;
        let end = (block.line + block.rows).min(laid.lines.len());
        match picture(block, &sizer, pictures) {
            Ok(bytes) => out.write_all(bytes.as_bytes())?,
            Err(problem) => {
                eprintln!("kiji: {}: {}", ShownPath(&article.path), Shown(&problem));
                out.write_all(text(&laid.lines[block.line..end]).as_bytes())?;
            }
        }
        at = end;
    }
    out.write_all(text(&laid.lines[at..]).as_bytes())?;
    Ok(EXIT_OK)
}

/// The picture of `block` as bytes for the output stream, or why it cannot be drawn.
fn picture(
    block: &ImageBlock,
    sizer: &ImageSizer,
    pictures: &ShowPictures,
) -> Result<String, String> {
    let decoded = sizer.decode(&block.path).map_err(|e| e.to_string())?;
    let cols = u16::try_from(block.cols).unwrap_or(u16::MAX);
    let rows = u16::try_from(block.rows).unwrap_or(u16::MAX);
    let id = kitty_id(&block.path, cols, rows);
    let encoded = pictures
        .encoder
        .encode(&decoded.image, cols, rows, id)
        .map_err(|e| format!("{}: cannot encode the picture: {e}", block.path.display()))?;
    Ok(stream(&encoded, cols, rows, pictures.depth))
}
