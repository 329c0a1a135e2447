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
//! for); `search/fold_only` is `Folded::of` and `search::search_text` over every article on
//! one thread, the folding alone. `search/first_keystroke` is the first `t` typed in a
//! reader started from its index cache, before and after the scan folds the metadata too.
//! Each keystroke is timed as typed: the query one character shorter is searched (untimed)
//! just before, so the search narrows its hits as the reader's does; a first character
//! follows an unrelated search and searches every article.
//!
//! With `KIJI_CORPUS=DIR` (e.g. `/tmp/c100k`), `search_cache` does the same over that folder
//! as the reader has it: scanned once into an index cache in a temporary folder, then started
//! again from it, so every body's search text is a part of the mapped search file
//! (`KIJI_BENCH_CACHE=DIR` keeps that cache in DIR, and a later run starts from it).
//! The budget is 50 ms per keystroke at 10,000 articles, 100 ms at 100,000; no test asserts a
//! timing.

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
                .map(|a| (kiji::index::Folded::of(a), kiji::search::search_text(a)))
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
        .map(|a| Some(kiji::search::search_text(a).into()))
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
    keystrokes(c, "search_keystroke", &idx);
    if let Some(dir) = std::env::var_os("KIJI_CORPUS") {
        let mapped = common::from_cache(std::path::PathBuf::from(dir));
        keystrokes(c, "search_cache", &mapped);
    }
}

/// Time each key typed of three words, one to five characters.
fn keystrokes(c: &mut Criterion, name: &str, idx: &Index) {
    let n = idx.articles().len();
    let text = |q: &str| Filter {
        text: Some(q.into()),
        ..Filter::default()
    };
    // A search nothing narrows from: no article carries the tag, so no text is looked at.
    let unrelated = Filter {
        tags: vec!["\u{1}none".into()],
        ..text("\u{1}")
    };
    let mut group = c.benchmark_group(name);
    for (lang, word) in [
        ("en", "terminal"),
        ("ja", "たーみなる"),
        ("romaji", "ta-minaru"),
    ] {
        let mut before = unrelated.clone();
        for q in prefixes(word) {
            let filter = text(&q);
            idx.filter(&unrelated);
            let hits = idx.filter(&filter).len();
            eprintln!("{name} {lang} {q:?}: {hits} of {n} articles");
            group.bench_with_input(
                BenchmarkId::new(lang, format!("{}ch", q.chars().count())),
                &filter,
                |b, f| {
                    b.iter_custom(|iters| {
                        let mut total = Duration::ZERO;
                        for _ in 0..iters {
                            idx.filter(&unrelated);
                            idx.filter(&before);
                            let t = std::time::Instant::now();
                            black_box(idx.filter(f));
                            total += t.elapsed();
                        }
                        total
                    })
                },
            );
            before = filter;
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
