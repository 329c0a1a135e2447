//! The article as the body pane shows it. PLACEHOLDER until the Markdown renderer lands: plain
//! wrapped source lines.

use crate::article::Article;
use crate::text::wrap::{LayoutOptions, wrap_str};
use crate::text::{Line, Span};

/// The article laid out at `width`.
pub fn article_lines(article: &Article, width: usize, opts: &LayoutOptions) -> Vec<Line> {
    let mut out = Vec::new();
    for para in std::iter::once(article.title.as_str()).chain(article.body.lines()) {
        if para.is_empty() {
            out.push(Line::default());
            continue;
        }
        for l in wrap_str(para, width, opts) {
            out.push(Line::from_spans(vec![Span::plain(l)]));
        }
    }
    out
}
