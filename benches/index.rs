//! Loading and indexing benchmarks: `cargo bench --bench index`.
//!
//! Builds corpora of 1,000 and 10,000 articles from the bundled samples (`kiji::samples::SAMPLES`),
//! repeated with distinct ids the same way as `scripts/make-corpus.sh`: copy number `c` of sample
//! `path` lives at `cNNNNN/path` and has ` (#c+1)` appended to its front-matter title. Then it
//! measures:
//!
//! - `load_index/disk`: `loader::load` + `Index::new` over the folder written to a temporary
//!   directory. The files are in the page cache after the first iteration, so this is walk + read
//!   from cache + parse + sort, not cold disk I/O.
//! - `load_index/memory`: `loader::load_memory` + `Index::new` from bytes already in memory
//!   (parsing, translation linking and sorting alone).
//! - `filter/one_tag`, `filter/two_tags`: `Index::filter` with the most used tag, and with that tag
//!   plus the tag most often found next to it (all must match).
//! - `tag_counts`: `Index::tag_counts` over every article.
//! - `warm_cache/whole`, `warm_cache/lean`: reading the index cache's metadata file that a scan
//!   of the folder saved (`CacheFiles::read_meta_with`), as the reader does before its first
//!   frame on a warm start, and as `kiji list/tags/check` do.
//!
//! Sampling is flat (equal-sized samples), so each figure is a mean over the samples; dropping the
//! result is inside the timed loop. Timings are for comparison on one machine; no
//! test asserts a timing.

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use kiji::cache::{CacheFiles, Detail};
use kiji::index::{Filter, Index, TagMode};
use kiji::loader::{self, LoadOptions};
use kiji::scan::Scanner;

use common::corpus;

const SIZES: [usize; 2] = [1_000, 10_000];

/// Write `files` under `root`.
fn write_corpus(root: &Path, files: &[(String, Vec<u8>)]) {
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create corpus folder");
        }
        std::fs::write(&path, bytes).expect("write corpus file");
    }
}

/// The most used tag, and the tag most often found together with it.
fn pick_tags(index: &Index) -> (String, String) {
    let all: Vec<usize> = (0..index.articles().len()).collect();
    let counts = index.tag_counts(&all);
    let first = counts.first().expect("samples carry tags").tag.clone();
    let with_first = index.filter(&Filter {
        tags: vec![first.clone()],
        ..Filter::default()
    });
    let second = index
        .tag_counts(&with_first)
        .into_iter()
        .map(|c| c.tag)
        .find(|t| *t != first)
        .expect("a second tag next to the first");
    (first, second)
}

struct Corpus {
    n: usize,
    _dir: tempfile::TempDir,
    root: PathBuf,
    files: Vec<(String, Vec<u8>)>,
}

fn corpora() -> Vec<Corpus> {
    SIZES
        .iter()
        .map(|&n| {
            let dir = tempfile::tempdir().expect("temporary directory");
            let root = dir.path().join("articles");
            let files = corpus(n);
            write_corpus(&root, &files);
            Corpus {
                n,
                _dir: dir,
                root,
                files,
            }
        })
        .collect()
}

fn bench_load(c: &mut Criterion, corpora: &[Corpus]) {
    let opts = LoadOptions::default();
    let mut group = c.benchmark_group("load_index");
    // Flat sampling: ten samples of equal size, so a 10,000-article case (about a second per
    // iteration on a busy 2-core machine) costs about ten iterations, not the 55 of linear sampling.
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for corpus in corpora {
        group.throughput(Throughput::Elements(corpus.n as u64));
        group.measurement_time(Duration::from_secs(if corpus.n >= 10_000 { 5 } else { 3 }));
        let roots = vec![corpus.root.clone()];
        let check = Index::new(loader::load(&roots, &opts));
        assert_eq!(check.articles().len(), corpus.n, "every article loads");
        assert!(check.diagnostics().is_empty(), "the corpus is clean");
        group.bench_with_input(BenchmarkId::new("disk", corpus.n), &roots, |b, roots| {
            b.iter(|| Index::new(loader::load(black_box(roots), &opts)));
        });
        let refs: Vec<(&str, &[u8])> = corpus
            .files
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let root = Path::new("articles");
        group.bench_with_input(BenchmarkId::new("memory", corpus.n), &refs, |b, refs| {
            b.iter(|| Index::new(loader::load_memory(root, black_box(refs), &opts)));
        });
    }
    group.finish();
}

fn bench_query(c: &mut Criterion, corpora: &[Corpus]) {
    let opts = LoadOptions::default();
    let mut filter_group = c.benchmark_group("filter");
    filter_group
        .sample_size(30)
        .sampling_mode(SamplingMode::Flat);
    let mut indexes = Vec::new();
    for corpus in corpora {
        let refs: Vec<(&str, &[u8])> = corpus
            .files
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let index = Index::new(loader::load_memory(Path::new("articles"), &refs, &opts));
        let (first, second) = pick_tags(&index);
        let one = Filter {
            tags: vec![first.clone()],
            ..Filter::default()
        };
        let two = Filter {
            tags: vec![first.clone(), second.clone()],
            tag_mode: TagMode::All,
            ..Filter::default()
        };
        eprintln!(
            "{} articles: tag {first:?} matches {}, tags {first:?} + {second:?} match {}",
            corpus.n,
            index.filter(&one).len(),
            index.filter(&two).len()
        );
        filter_group.throughput(Throughput::Elements(corpus.n as u64));
        filter_group.bench_with_input(BenchmarkId::new("one_tag", corpus.n), &one, |b, f| {
            b.iter(|| index.filter(black_box(f)));
        });
        filter_group.bench_with_input(BenchmarkId::new("two_tags", corpus.n), &two, |b, f| {
            b.iter(|| index.filter(black_box(f)));
        });
        indexes.push((corpus.n, index));
    }
    filter_group.finish();

    let mut counts_group = c.benchmark_group("tag_counts");
    counts_group
        .sample_size(30)
        .sampling_mode(SamplingMode::Flat);
    for (n, index) in &indexes {
        let all: Vec<usize> = (0..index.articles().len()).collect();
        counts_group.throughput(Throughput::Elements(*n as u64));
        counts_group.bench_with_input(BenchmarkId::new("all", n), &all, |b, all| {
            b.iter(|| index.tag_counts(black_box(all)));
        });
    }
    counts_group.finish();
}

fn bench_warm_cache(c: &mut Criterion, corpora: &[Corpus]) {
    let opts = LoadOptions::default();
    let mut group = c.benchmark_group("warm_cache");
    group.sample_size(20).sampling_mode(SamplingMode::Flat);
    for corpus in corpora {
        let cache_dir = tempfile::tempdir().expect("temporary directory");
        let roots = vec![corpus.root.clone()];
        let files = CacheFiles::new(cache_dir.path(), &roots, &opts);
        let mut scanner = Scanner::new(roots, opts.clone(), Some(files.clone()));
        scanner.index();
        scanner.save_cache().expect("save the index cache");
        assert_eq!(
            files.read_meta().len(),
            corpus.n,
            "the cache knows every file"
        );
        group.throughput(Throughput::Elements(corpus.n as u64));
        for (name, detail) in [("whole", Detail::Whole), ("lean", Detail::Lean)] {
            group.bench_with_input(BenchmarkId::new(name, corpus.n), &detail, |b, &detail| {
                b.iter(|| files.read_meta_with(black_box(detail)));
            });
        }
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let corpora = corpora();
    bench_warm_cache(c, &corpora);
    bench_load(c, &corpora);
    bench_query(c, &corpora);
}

criterion_group! {
    name = index;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        // The default 100,000 bootstrap resamples and the HTML plots cost more CPU than the
        // measurements on a 2-core machine. `-- --plotting-backend plotters` brings plots back.
        .nresamples(10_000)
        .without_plots();
    targets = benches
}
criterion_main!(index);
