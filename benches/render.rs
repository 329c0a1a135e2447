//! Rendering benchmark: the longest bundled sample article laid out at 80 columns (Markdown
//! parse, sanitising, line breaking with kinsoku, tables), as `kiji show` and the body pane do.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use kiji::document::layout_article;
use kiji::loader::{self, LoadOptions};
use kiji::text::LayoutOptions;

fn longest_sample() -> kiji::article::Article {
    let loaded = loader::load_memory(
        Path::new("articles"),
        kiji::samples::SAMPLES,
        &LoadOptions::default(),
    );
    loaded
        .articles
        .into_iter()
        .max_by_key(|a| a.body_len_bound())
        .expect("bundled samples are not empty")
}

fn render(c: &mut Criterion) {
    let article = longest_sample();
    let opts = LayoutOptions::default();
    let name = format!(
        "layout {} ({} bytes) at 80 columns",
        article.id,
        article.body_len_bound()
    );
    c.bench_function(&name, |b| {
        b.iter(|| layout_article(black_box(&article), black_box(80), &opts))
    });
    let name = format!("layout {} at 40 columns", article.id);
    c.bench_function(&name, |b| {
        b.iter(|| layout_article(black_box(&article), black_box(40), &opts))
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
