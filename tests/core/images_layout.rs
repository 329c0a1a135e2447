//! Block images in the layout (`kiji::markdown::render_with_images`,
//! `kiji::document::layout_with_images`): blank placeholder rows as high as the fitted
//! picture, the alt text and caption under them, where the `ImageBlock` says; and the text
//! `[image: alt] [n]` exactly as before when pictures are off or the image cannot be shown.

use std::path::{Path, PathBuf};

use kiji::ansi::to_plain;
use kiji::article::Article;
use kiji::document::{LayoutCache, layout, layout_with_images};
use kiji::images::{CellSize, ImageSizer, Limits, fit_cells};
use kiji::markdown::{Cut, MAX_LINES, render, render_with_images};
use kiji::text::LayoutOptions;

use crate::images::{png_header_only, write_png};

const CELL: CellSize = CellSize {
    width: 8,
    height: 16,
};

fn sizer(max_rows: usize) -> ImageSizer {
    ImageSizer::new(None, Limits::default(), CELL, max_rows)
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// A repository in a temporary folder: `articles/post.md` and `images/` with a 160x64 PNG
/// (20x4 cells), a 1600x800 PNG (wider than any pane), a corrupt file, a 20000x20000 header.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let article = dir.path().join("articles/post.md");
    std::fs::create_dir_all(article.parent().expect("folder")).expect("articles");
    write_png(&dir.path().join("images/small.png"), 160, 64);
    write_png(&dir.path().join("images/wide.png"), 1600, 800);
    std::fs::write(dir.path().join("images/corrupt.png"), "not a picture").expect("corrupt");
    std::fs::write(
        dir.path().join("images/huge.png"),
        png_header_only(20000, 20000),
    )
    .expect("huge");
    (dir, article)
}

fn body(source: &str, article: &Path, width: usize, s: &ImageSizer) -> kiji::markdown::Rendered {
    render_with_images(
        source,
        width,
        &LayoutOptions::default(),
        Some(s.for_article(article)),
    )
}

#[test]
fn a_block_image_is_blank_rows_of_its_fitted_height_then_its_alt_text() {
    let (_dir, article) = repo();
    let s = sizer(12);
    let out = body(
        "前の段落。\n\n![構成図](/images/small.png)\n\n後の段落。",
        &article,
        60,
        &s,
    );
    assert_eq!(out.images.len(), 1);
    let image = &out.images[0];
    assert_eq!((image.cols, image.rows), fit_cells((160, 64), CELL, 60, 12));
    assert_eq!((image.cols, image.rows), (20, 4));
    assert_eq!(
        (image.alt.as_str(), image.url.as_str()),
        ("構成図", "/images/small.png")
    );
    assert!(image.path.ends_with("images/small.png"));
    assert_eq!((image.probe.width, image.probe.height), (160, 64));
    let text = lines(&to_plain(&out.lines));
    assert_eq!(image.line, 2);
    assert_eq!(
        text,
        [
            "前の段落。",
            "",
            "",
            "",
            "",
            "",
            "構成図 [1]",
            "",
            "後の段落。"
        ]
    );
    assert!(out.lines[2..6].iter().all(|l| l.spans.is_empty()));
    assert_eq!(out.links, ["/images/small.png"]);
}

#[test]
fn a_wide_image_takes_the_pane_width_and_at_most_the_row_limit() {
    let (_dir, article) = repo();
    let out = body("![](../images/wide.png)", &article, 40, &sizer(50));
    // 40 columns = 320 px, so 160 px high = 10 rows.
    assert_eq!((out.images[0].cols, out.images[0].rows), (40, 10));
    assert_eq!(
        lines(&to_plain(&out.lines)).last().map(String::as_str),
        Some("[1]")
    );
    let held = body("![](../images/wide.png)", &article, 80, &sizer(6));
    assert_eq!((held.images[0].cols, held.images[0].rows), (24, 6));
    assert_eq!(held.lines.len(), 7);
}

#[test]
fn a_zenn_caption_goes_under_the_alt_text() {
    let (_dir, article) = repo();
    let out = body(
        "![構成図](/images/small.png)\n*図1：全体の構成*",
        &article,
        60,
        &sizer(12),
    );
    let text = lines(&to_plain(&out.lines));
    assert_eq!(text[4..], ["構成図 [1]", "図1：全体の構成"]);
    assert_eq!(out.images[0].rows, 4);
}

#[test]
fn text_right_under_an_image_line_goes_under_the_picture() {
    // Zenn writes the next line of the paragraph under the image; as text it joins the
    // image's line, as a picture it follows the alt text and the caption.
    let (_dir, article) = repo();
    let source = "![構成図](/images/small.png)\n*図1*\n既に**変数**が\nあります。";
    let out = body(source, &article, 60, &sizer(12));
    assert_eq!(out.images.len(), 1);
    let text = lines(&to_plain(&out.lines));
    assert_eq!(text[4..], ["構成図 [1]", "図1", "既に変数があります。"]);
    let bold = out.lines[6].spans.iter().find(|s| s.text == "変数");
    assert!(bold.is_some_and(|s| s.style.bold), "{:?}", out.lines[6]);
    let off = render(source, 60, &LayoutOptions::default());
    assert_eq!(
        lines(&to_plain(&off.lines)),
        ["[image: 構成図] [1]", "図1 既に変数があります。"]
    );
}

#[test]
fn images_that_cannot_be_shown_stay_as_today() {
    let (_dir, article) = repo();
    let s = sizer(12);
    for url in [
        "https://example.com/a.png",
        "//cdn.example.com/a.png",
        "/images/logo.svg",
        "/images/missing.png",
        "/images/corrupt.png",
        "/images/huge.png",
    ] {
        let source = format!("前\n\n![図]({url})\n*キャプション*\n\n![図]({url})\n続く文\n\n後");
        let with = body(&source, &article, 60, &s);
        let without = render(&source, 60, &LayoutOptions::default());
        assert!(with.images.is_empty(), "{url}");
        assert_eq!(with, without, "{url}");
        assert!(to_plain(&with.lines).contains("[image: 図] [1]"), "{url}");
        assert!(
            to_plain(&with.lines).contains("[image: 図] [1] 続く文"),
            "{url}"
        );
    }
    // Over image_max_kb.
    let tiny = ImageSizer::new(None, Limits::with_max_kb(0), CELL, 12);
    let source = "![図](/images/small.png)";
    assert_eq!(
        body(source, &article, 60, &tiny),
        render(source, 60, &LayoutOptions::default())
    );
}

#[test]
fn inline_nested_and_paired_images_stay_text() {
    let (_dir, article) = repo();
    let s = sizer(12);
    for source in [
        "図は ![図](/images/small.png) です。",
        "![a](/images/small.png) ![b](/images/small.png)",
        "> ![図](/images/small.png)",
        "- 項目\n\n  ![図](/images/small.png)",
        ":::message\n![図](/images/small.png)\n:::",
        "前の文\n![図](/images/small.png)",
    ] {
        let with = body(source, &article, 60, &s);
        assert!(with.images.is_empty(), "{source}");
        assert_eq!(
            with,
            render(source, 60, &LayoutOptions::default()),
            "{source}"
        );
    }
}

fn article_at(path: &Path, body: &str) -> Article {
    let source = kiji::metadata::Source {
        root: path
            .parent()
            .and_then(Path::parent)
            .unwrap_or(path)
            .to_path_buf(),
        path: path.to_path_buf(),
        id: "post".into(),
        modified: None,
        stamp: None,
    };
    let text = format!("---\ntitle: 図のある記事\ndate: 2026-01-02\nlocale: ja\n---\n{body}");
    let mut diags = Vec::new();
    kiji::metadata::build_article(source, text.as_bytes(), "comment", &mut diags)
}

#[test]
fn the_article_layout_counts_image_lines_from_its_first_line() {
    let (_dir, path) = repo();
    let a = article_at(&path, "本文。\n\n![構成図](/images/small.png)\n*図1*\n");
    let opts = LayoutOptions::default();
    let s = sizer(12);
    let out = layout_with_images(&a, 60, &opts, Some(&s));
    let image = &out.images[0];
    let text = lines(&to_plain(&out.lines));
    assert_eq!(text[image.line - 2], "本文。");
    assert!(
        text[image.line..image.line + image.rows]
            .iter()
            .all(String::is_empty)
    );
    assert_eq!(text[image.line + image.rows], "構成図 [1]");
    assert_eq!(text[image.line + image.rows + 1], "図1");
    // Off: exactly the layout without pictures.
    let off = layout_with_images(&a, 60, &opts, None);
    assert_eq!(off, layout(&a, 60, &opts));
    assert!(off.images.is_empty());
    assert!(to_plain(&off.lines).contains("[image: 構成図] [1]"));
}

#[test]
fn the_layout_cache_keeps_layouts_with_and_without_pictures_apart() {
    let (_dir, path) = repo();
    let a = article_at(&path, "![構成図](/images/small.png)\n");
    let opts = LayoutOptions::default();
    let (six, twelve) = (sizer(2), sizer(12));
    let mut cache = LayoutCache::default();
    let plain = cache.get(&a, 60, &opts);
    let small = cache.get_with_images(&a, 60, &opts, Some(&six));
    let large = cache.get_with_images(&a, 60, &opts, Some(&twelve));
    assert!(plain.images.is_empty());
    assert_eq!((small.images[0].rows, large.images[0].rows), (2, 4));
    assert_eq!(cache.misses(), 3);
    let again = cache.get_with_images(&a, 60, &opts, Some(&twelve));
    assert_eq!(again, large);
    assert_eq!(cache.hits(), 1);
}

#[test]
fn placeholder_rows_count_against_the_line_budget() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let article = dir.path().join("post.md");
    // 1x8192 px with 1x1 px cells: 8192 rows each; seven of them are over MAX_LINES.
    write_png(&dir.path().join("tall.png"), 1, 8192);
    let one_pixel_cells = CellSize {
        width: 1,
        height: 1,
    };
    let s = ImageSizer::new(None, Limits::default(), one_pixel_cells, 10_000);
    let source = ["![t](tall.png)"; 7].join("\n\n");
    let out = render_with_images(
        &source,
        40,
        &LayoutOptions::default(),
        Some(s.for_article(&article)),
    );
    // Six pictures (6 x 8192 rows, their alt lines and the blank lines between) fit in
    // MAX_LINES; the seventh would not fit whole, so it is its text, and nothing is cut.
    assert_eq!(out.images.len(), 6);
    assert!(out.images.iter().all(|i| i.rows == 8192));
    assert!(out.lines.len() <= MAX_LINES, "{}", out.lines.len());
    assert_eq!(out.cut, None);
    let text = to_plain(&out.lines);
    assert_eq!(text.lines().last(), Some("[image: t] [1]"));
    // Past the budget, text is cut as before and no picture is placed after the cut.
    let crowded = format!("{source}\n\n{}", "行\n\n".repeat(MAX_LINES / 2));
    let out = render_with_images(
        &crowded,
        40,
        &LayoutOptions::default(),
        Some(s.for_article(&article)),
    );
    assert_eq!(out.cut, Some(Cut::Lines));
    // A blank line and the notice of the cut (three lines at 40 columns) follow.
    assert!(out.lines.len() <= MAX_LINES + 4, "{}", out.lines.len());
    assert_eq!(out.images.len(), 6);
}
