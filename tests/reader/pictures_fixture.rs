//! A folder of articles with pictures, made for a test: a four-colour PNG (each quarter one
//! flat colour, so the cells half blocks give it are known) and articles that show it, miss
//! their picture, or fill more than a screen around it.

use std::path::Path;

use image::{Rgb, RgbImage};

/// The four colours, top left, top right, bottom left, bottom right.
pub const COLOURS: [[u8; 3]; 4] = [[200, 30, 30], [30, 160, 60], [40, 80, 200], [240, 200, 40]];

/// Write a `width` x `height` PNG of [`COLOURS`] in quarters to `path`.
pub fn quarters_png(path: &Path, width: u32, height: u32) {
    let img = RgbImage::from_fn(width, height, |x, y| {
        let i = usize::from(y >= height / 2) * 2 + usize::from(x >= width / 2);
        Rgb(COLOURS[i])
    });
    img.save(path).expect("write the PNG");
}

/// A folder with `quarters.png` (160x64 pixels: 20x4 cells of 8x16) and the articles
/// `a-picture.md` (text, the picture with its caption, text) and `a-missing-picture.md`.
pub fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    quarters_png(&dir.path().join("quarters.png"), 160, 64);
    let lines: String = (1..=40)
        .map(|i| format!("Line {i} after the picture.\n\n"))
        .collect();
    std::fs::write(
        dir.path().join("a-picture.md"),
        format!(
            "---\ntitle: Four colours\ndate: 2026-12-01\n---\n\nA picture follows.\n\n\
             ![four flat colours](quarters.png)\n*Figure 1. Quarters*\n\n{lines}"
        ),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("a-missing-picture.md"),
        "---\ntitle: Gone picture\ndate: 2026-11-30\n---\n\nBefore.\n\n\
         ![the diagram that is not there](gone.png)\n\nAfter.\n",
    )
    .expect("write");
    dir
}
