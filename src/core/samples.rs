//! The team's sample articles from `articles/` and the pictures they use, bundled into the
//! binary at build time.

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// The folder name the bundled samples nominally live in (shown in paths and diagnostics).
pub const BUNDLED_ROOT: &str = "articles";

/// The bundled pictures, found from the bundled articles' image URLs.
pub const BUNDLED_IMAGES: crate::images::Embedded = crate::images::Embedded {
    root: BUNDLED_ROOT,
    files: IMAGES,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_diagram_is_bundled_and_found_from_its_article() {
        let article = std::path::Path::new("articles/20261202/terminal-pictures/en.md");
        let path = BUNDLED_IMAGES
            .resolve("pipeline.png", article)
            .expect("bundled");
        let probe = BUNDLED_IMAGES
            .probe(&path, &crate::images::Limits::default())
            .expect("a PNG");
        assert_eq!((probe.width, probe.height), (782, 230));
    }
}
