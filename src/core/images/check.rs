//! The problems with an article's images, as diagnostics for `kiji check` and the warnings of
//! `kiji show`: each local image that is missing, unreadable, not a picture, too large or an
//! SVG, at the line and column it is written. A remote image is not a problem: it is never
//! fetched, by design.

use crate::article::Article;
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::ImageRef;

use super::{ImageError, ImageSizer};

/// The diagnostics of `article`'s local images ([`Article::local_images`], found when its
/// file was read), resolved and probed (the header only) through `sizer`, which keeps each
/// file's answer for the next article.
pub fn image_diagnostics(article: &Article, sizer: &ImageSizer) -> Vec<Diagnostic> {
    article
        .local_images
        .iter()
        .filter_map(|image: &ImageRef| {
            let problem = sizer.size(&image.url, &article.path, 1).err()?;
            let severity = severity(&problem)?;
            Some(Diagnostic::at(
                &article.path,
                article.body_line + image.line - 1,
                image.column,
                severity,
                problem.to_string(),
            ))
        })
        .collect()
}

/// How bad an image problem is: an error when what the author wrote cannot be shown (no such
/// file, not a picture), a warning when it is the reader's settings or kiji's limits that
/// keep it out (its size, SVG, an empty address); nothing for a remote image.
fn severity(problem: &ImageError) -> Option<Severity> {
    match problem {
        ImageError::Remote { .. } => None,
        ImageError::Missing { .. }
        | ImageError::NotAFile { .. }
        | ImageError::Unreadable { .. }
        | ImageError::NotAnImage { .. } => Some(Severity::Error),
        ImageError::Svg { .. }
        | ImageError::Empty { .. }
        | ImageError::FileTooLarge { .. }
        | ImageError::TooManyPixels { .. } => Some(Severity::Warning),
    }
}
