//! Every image a body names and where it is written (line and column), for `kiji check` and
//! the warnings of `kiji show`: the body parsed with the layout's options, Zenn's image sizes
//! dropped line by line so that lines keep their numbers.

use pulldown_cmark::{Event, Parser, Tag};

use super::parse::OPTIONS;
use super::zenn_blocks::drop_image_size;

/// An image in a body.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageRef {
    /// The URL as written (after reference definitions are applied).
    #[serde(deserialize_with = "crate::cache::strings::string")]
    pub url: String,
    /// 1-based line in the body.
    pub line: usize,
    /// 1-based column (in characters) of its `![`.
    pub column: usize,
}

/// The images of `body` that are not remote (what `kiji check` probes), in order. Kept with
/// the article when its file is read ([`crate::article::Article::local_images`]), so a check
/// on a warm cache need not read the body again.
pub fn local_image_refs(body: &str) -> Vec<ImageRef> {
    image_refs(body)
        .into_iter()
        .filter(|image| {
            !matches!(
                crate::images::classify(&image.url),
                crate::images::Target::Remote(_)
            )
        })
        .collect()
}

/// The images of `body`, in order, each as often as it is written. Images in code are not
/// images; those in quotes, lists, tables and callouts are.
pub fn image_refs(body: &str) -> Vec<ImageRef> {
    if !body.contains("![") {
        return Vec::new();
    }
    let source: String = body
        .split_inclusive('\n')
        .map(|line| drop_image_size(line).unwrap_or_else(|| line.to_string()))
        .collect();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    Parser::new_ext(&source, OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let line = starts.partition_point(|&s| s <= range.start);
                let from = starts[line - 1];
                let column = source[from..range.start].chars().count() + 1;
                Some(ImageRef {
                    url: dest_url.into_string(),
                    line,
                    column,
                })
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(body: &str) -> Vec<(String, usize, usize)> {
        image_refs(body)
            .into_iter()
            .map(|r| (r.url, r.line, r.column))
            .collect()
    }

    #[test]
    fn images_are_found_with_their_line_and_column() {
        let body = "# 題\n\n本文 ![図](/images/a.png =250x)\n\n> ![b](b.png)\n\n```\n![not](c.png)\n```\n\n:::message\n![d][ref]\n:::\n\n[ref]: d.png\n";
        assert_eq!(
            refs(body),
            vec![
                ("/images/a.png".to_string(), 3, 4),
                ("b.png".to_string(), 5, 3),
                ("d.png".to_string(), 12, 1),
            ]
        );
    }

    #[test]
    fn a_body_without_images_is_not_parsed() {
        assert!(refs("[link](x.png) and `![code](y.png)`\n").is_empty());
        assert!(refs("no images here\n").is_empty());
    }
}
