//! Search benchmarks: `cargo bench --bench search`.
//!
//! Builds 10,000 articles in memory from the bundled samples (`kiji::samples::SAMPLES`,
//! repeated under `cNNNNN/` folders as `benches/index.rs` does), folds their searchable text
//! once (`Index::prepare_search`, measured as `search/fold_all`), then measures what the
//! reader does on every keystroke of the `/` prompt: `Index::filter` with `Filter::text` set
//! to the query typed so far, for 1 to 5 characters, English (`t`, `te`, ... `termi`) and
//! Japanese (`た`, `たー`, ... `たーみなる`, matching `ターミナル` through kana folding), and
//! romaji (`t`, `ta`, `ta-`, `ta-m`, `ta-mi`: from `ta` on also matched as the kana it spells).
//! `search/fold_all` is loading plus folding (what the first keystroke of a session waits
//! for); `search/fold_only` is `Folded::of` and `search::fold_body` over every article on
//! one thread, the folding alone. `search/first_keystroke` is the first `t` typed in a
//! reader started from its index cache, before and after the scan folds the metadata too.
//! The budget is 50 ms per keystroke; no test asserts a timing.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kiji::index::{Filter, Index};
use kiji::loader::{self, LoadOptions};

const N: usize = 10_000;

fn index() -> Index {
    let files = common::untitled_corpus(N);
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    Index::new(loader::load_memory(
        Path::new("articles"),
        &refs,
        &LoadOptions::default(),
    ))
}

fn prefixes(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (1..=5).map(|k| chars[..k].iter().collect()).collect()
}

fn benches(c: &mut Criterion) {
    let mut fold_group = c.benchmark_group("search");
    fold_group.sample_size(10);
    fold_group.bench_function("fold_all", |b| {
        b.iter_with_large_drop(|| {
            let idx = index();
            idx.prepare_search();
            idx
        });
    });
    let idx = index();
    fold_group.bench_function("fold_only", |b| {
        b.iter_with_large_drop(|| {
            idx.articles()
                .iter()
                .map(|a| (kiji::index::Folded::of(a), kiji::search::fold_body(a)))
                .collect::<Vec<_>>()
        });
    });

    // The first keystroke in a reader started from the index cache: an index with every
    // body's search text given (as the scan gives them from the cache), on which nothing has
    // searched yet; `unprepared` as it was handed to the reader before the scan also folded
    // the metadata, `filled` after `SearchSlot::fill` (what the scan does now).
    let texts: Vec<Option<kiji::index::SearchText>> = idx
        .articles()
        .iter()
        .map(|a| Some(kiji::search::fold_body(a).into()))
        .collect();
    let fresh = || Index::from_shared(idx.articles().to_vec(), Vec::new(), texts.clone());
    let first = Filter {
        text: Some("t".into()),
        ..Filter::default()
    };
    for (name, fill) in [("unprepared", false), ("filled", true)] {
        fold_group.bench_function(BenchmarkId::new("first_keystroke", name), |b| {
            // By reference: dropping the index is not the keystroke's time.
            b.iter_batched_ref(
                || {
                    let fresh = fresh();
                    if fill {
                        fresh.search_slot().fill(|_| None);
                    }
                    fresh
                },
                |fresh| black_box(fresh.filter(&first).len()),
                criterion::BatchSize::LargeInput,
            );
        });
    }
    fold_group.finish();

    idx.prepare_search();
    let mut group = c.benchmark_group("search_keystroke");
    for (lang, word) in [
        ("en", "terminal"),
        ("ja", "たーみなる"),
        ("romaji", "ta-minaru"),
    ] {
        for q in prefixes(word) {
            let filter = Filter {
                text: Some(q.clone()),
                ..Filter::default()
            };
            let hits = idx.filter(&filter).len();
            eprintln!("{lang} {q:?}: {hits} of {N} articles");
            group.bench_with_input(
                BenchmarkId::new(lang, format!("{}ch", q.chars().count())),
                &filter,
                |b, f| b.iter(|| black_box(idx.filter(f))),
            );
        }
    }
    group.finish();
}

criterion_group! {
    name = search;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .nresamples(10_000)
        .without_plots();
    targets = benches
}
criterion_main!(search);
