//! Shared by the benches: the corpora of `scripts/make-corpus.sh`, built in memory from the
//! bundled samples (`kiji::samples::SAMPLES`). Copy number `c` of sample `path` lives at
//! `cNNNNN/path` and has ` (#c+1)` appended to its front-matter title: the same files as
//! `scripts/make-corpus.sh N DIR`.
#![allow(dead_code)] // each bench uses a different part

use std::path::PathBuf;

use kiji::index::Index;
use kiji::loader::LoadOptions;
use kiji::samples::SAMPLES;

/// The index of `dir` as a reader started from its index cache has it (every search text a
/// part of the mapped search file, every body in its file): the cache is made first, in
/// `KIJI_BENCH_CACHE=DIR` when set (a later run starts from it), else in a temporary folder
/// (its files unlinked once the index has them mapped).
pub fn from_cache(dir: PathBuf) -> Index {
    let temp = tempfile::tempdir().expect("cache folder");
    let cache = std::env::var_os("KIJI_BENCH_CACHE")
        .map_or_else(|| temp.path().to_path_buf(), PathBuf::from);
    let roots = vec![dir];
    let opts = LoadOptions::default();
    let files = kiji::cache::CacheFiles::new(&cache, &roots, &opts);
    let mut cold = kiji::scan::Scanner::new(roots.clone(), opts.clone(), Some(files.clone()));
    cold.index();
    cold.save_cache().expect("cache written");
    let index = kiji::scan::Scanner::new(roots, opts, Some(files))
        .cache_first()
        .index();
    assert!(index.search_ready(), "the search texts came from the cache");
    index
}

/// Append `suffix` to the value of a front-matter `title:` line, inside the quotes when quoted.
pub fn retitle_line(line: &str, suffix: &str) -> String {
    let (line, cr) = match line.strip_suffix('\r') {
        Some(l) => (l, "\r"),
        None => (line, ""),
    };
    let Some(rest) = line.strip_prefix("title:") else {
        return format!("{line}{cr}");
    };
    let value = rest.trim_start_matches([' ', '\t']);
    let key = &line[..line.len() - value.len()];
    let mut chars = value.char_indices();
    match chars.next() {
        None | Some((_, '|' | '>')) => format!("{line}{cr}"),
        Some((_, q @ ('"' | '\''))) => {
            let mut escaped = false;
            let mut close = None;
            let mut skip_next = false;
            for (i, c) in chars {
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    if q == '\'' && value[i + 1..].starts_with('\'') {
                        skip_next = true;
                        continue;
                    }
                    close = Some(i);
                    break;
                }
            }
            match close {
                Some(i) => format!("{key}{}{suffix}{}{cr}", &value[..i], &value[i..]),
                None => format!("{line}{cr}"),
            }
        }
        Some(_) => {
            let (plain, comment) = match value.find(" #") {
                Some(i) => value.split_at(i),
                None => (value, ""),
            };
            let plain = plain.trim_end_matches([' ', '\t']);
            format!("{key}{plain}{suffix}{comment}{cr}")
        }
    }
}

/// The article with ` (#copy)` appended to the first `title:` of its front matter.
pub fn retitle(bytes: &[u8], copy: usize) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let suffix = format!(" (#{copy})");
    let mut out = String::with_capacity(text.len() + suffix.len());
    let mut in_front_matter = false;
    let mut done = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let bare = body.trim_end_matches([' ', '\t', '\r']);
        if n == 0 {
            in_front_matter = bare == "---";
        } else if in_front_matter && !done {
            if bare == "---" || bare == "..." {
                done = true;
            } else if body.starts_with("title:") {
                out.push_str(&retitle_line(body, &suffix));
                out.push_str(nl);
                done = true;
                continue;
            }
        }
        out.push_str(line);
    }
    out.into_bytes()
}

/// `n` articles made from the samples: (relative path, contents).
pub fn corpus(n: usize) -> Vec<(String, Vec<u8>)> {
    repeated(n, |bytes, copy| retitle(bytes, copy + 1))
}

/// [`corpus`] with the samples' titles as they are (copies of a sample share its title).
pub fn untitled_corpus(n: usize) -> Vec<(String, Vec<u8>)> {
    repeated(n, |bytes, _| bytes.to_vec())
}

/// `n` articles made from the samples, copy `c` of each made by `make(bytes, c)`.
fn repeated(n: usize, make: impl Fn(&[u8], usize) -> Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let mut samples: Vec<(&str, &[u8])> = SAMPLES.to_vec();
    samples.sort_by(|a, b| a.0.cmp(b.0));
    assert!(!samples.is_empty(), "no bundled samples to build a corpus");
    (0..n)
        .map(|j| {
            let (rel, bytes) = samples[j % samples.len()];
            let copy = j / samples.len();
            (format!("c{copy:05}/{rel}"), make(bytes, copy))
        })
        .collect()
}
