//! Articles as Zenn and Qiita keep them: their front matter (emoji, type, drafts, dates with a
//! time, Qiita's keys), Zenn books read through the scanner and its index cache, drafts in
//! `kiji list`, and search in romaji.

use std::fs;
use std::path::Path;
use std::process::Command;

use kiji::article::Article;
use kiji::cache::CacheFiles;
use kiji::date::Date;
use kiji::index::{Drafts, Filter, Index};
use kiji::loader::{LoadOptions, load_memory};
use kiji::scan::Scanner;

fn one(name: &str, text: &str) -> (Article, Vec<String>) {
    let loaded = load_memory(
        Path::new("root"),
        &[(name, text.as_bytes())],
        &LoadOptions::default(),
    );
    let diags = loaded.diagnostics.iter().map(ToString::to_string).collect();
    (loaded.articles.into_iter().next().expect("article"), diags)
}

#[test]
fn zenn_front_matter_gives_emoji_category_draft_and_date() {
    let (a, d) = one(
        "articles/rust-cli.md",
        "---\ntitle: \"RustでCLI\"\nemoji: \"🦀\"\ntype: \"tech\"\ntopics: [\"rust\", \"cli\"]\npublished: false\npublished_at: 2023-01-01 09:00\n---\n本文\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(a.emoji.as_deref(), Some("🦀"));
    assert_eq!(a.category.as_deref(), Some("tech"));
    assert!(a.draft);
    assert_eq!(a.date, Date::new(2023, 1, 1));
    assert_eq!(a.tags, ["rust", "cli"]);
    assert!(
        !a.extra
            .iter()
            .any(|(k, _)| k == "published" || k == "emoji")
    );
    // An explicit category wins over `type`; `published: true` is no draft.
    let (b, _) = one(
        "b.md",
        "---\ncategory: Rust\ntype: idea\npublished: true\n---\n",
    );
    assert_eq!((b.category.as_deref(), b.draft), (Some("Rust"), false));
    // `date` wins over `published_at` whatever their order.
    let (c, _) = one(
        "c.md",
        "---\npublished_at: 2023-01-01 09:00\ndate: 2024-05-06\n---\n",
    );
    assert_eq!(c.date, Date::new(2024, 5, 6));
    // Hugo's `draft: true`, and a `type` that is not Zenn's kept as an unknown key.
    let (h, d) = one("h.md", "---\ntitle: h\ndraft: true\ntype: post\n---\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(h.draft);
    assert_eq!(h.category, None);
    assert_eq!(h.extra, [("type".to_string(), "post".to_string())]);
}

#[test]
fn qiita_front_matter_loads_sensibly() {
    let (a, d) = one(
        "public/qiita.md",
        "---\ntitle: Qiitaの記事\ntags:\n  - Rust\n  - ''\n  - 初心者\nprivate: false\nupdated_at: '2024-03-04T10:20:30+09:00'\nid: 0123abcd\norganization_url_name: null\nslide: false\nignorePublish: true\n---\n# 見出し\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(a.title, "Qiitaの記事");
    assert_eq!(a.tags, ["Rust", "初心者"]);
    assert_eq!(a.date, Date::new(2024, 3, 4));
    assert!(a.draft);
    let keys: Vec<&str> = a.extra.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["private", "id", "organization_url_name", "slide"]);
    // A new article: `updated_at: ''` and `id: null` are no problem.
    let (b, d) = one(
        "public/new.md",
        "---\ntitle: new\ntags: ['']\nupdated_at: ''\nid: null\nignorePublish: false\n---\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert!(b.tags.is_empty());
    assert!(!b.draft);
}

#[test]
fn bad_publishing_values_are_warnings_naming_file_and_key() {
    let (a, d) = one(
        "x.md",
        "---\ntitle: t\nemoji: \"two words\"\npublished: \"no\"\ndraft: [true]\n---\n",
    );
    assert!(!a.draft);
    assert_eq!(a.emoji, None);
    assert_eq!(
        d,
        [
            "root/x.md:3:1: warning: `emoji` is \"two words\", expected one emoji; ignored",
            "root/x.md:4:1: error: `published` is \"no\", not a date (expected YYYY-MM-DD); date taken from the path or file time",
            "root/x.md:5:1: warning: `draft` is a list, expected true or false; ignored",
        ]
    );
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn chapter(title: &str) -> String {
    format!("---\ntitle: \"{title}\"\nfree: true\n---\n本文\n")
}

fn scan(root: &Path, cache: &Path) -> Index {
    let roots = vec![root.to_path_buf()];
    let opts = LoadOptions::default();
    let files = CacheFiles::new(cache, &roots, &opts);
    let mut scanner = Scanner::new(roots, opts, Some(files)).listing(false);
    let index = scanner.index();
    scanner.save_cache().expect("save cache");
    index
}

fn listed(index: &Index) -> Vec<(String, Option<u32>, bool)> {
    index
        .articles()
        .iter()
        .map(|a| (a.title.clone(), a.book.as_ref().map(|c| c.number), a.draft))
        .collect()
}

fn problems(index: &Index) -> Vec<String> {
    index
        .diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_zenn_book_lists_its_chapters_in_order_through_the_cache() {
    let root = tempfile::tempdir().expect("root");
    let cache = tempfile::tempdir().expect("cache");
    let r = root.path();
    write(
        r,
        "books/rust-book/config.yaml",
        "title: \"Rust入門\"\nsummary: s\ntopics: [\"rust\"]\npublished: true\nchapters:\n  - intro\n  - setup\n  - gone\n",
    );
    write(r, "books/rust-book/setup.md", &chapter("環境構築"));
    write(r, "books/rust-book/intro.md", &chapter("はじめに"));
    write(r, "books/rust-book/zzz-notes.md", &chapter("メモ"));
    write(
        r,
        "articles/old.md",
        "---\ntitle: Old\ndate: 2000-01-01\n---\n",
    );
    let expected = vec![
        ("Rust入門 › はじめに".to_string(), Some(1), false),
        ("Rust入門 › 環境構築".to_string(), Some(2), false),
        // Not listed: Zenn does not publish it.
        ("Rust入門 › メモ".to_string(), Some(3), true),
        ("Old".to_string(), None, false),
    ];
    for _cold_then_warm in 0..2 {
        let index = scan(r, cache.path());
        assert_eq!(listed(&index), expected);
        let intro = &index.articles()[0];
        assert_eq!(intro.tags, ["rust"]);
        assert_eq!(
            intro.book.as_ref().map(|c| c.title.as_str()),
            Some("はじめに")
        );
        let dates: Vec<Option<Date>> = index.articles()[..3].iter().map(|a| a.date).collect();
        assert!(dates.iter().all(|d| *d == dates[0]), "{dates:?}");
        let config = r.join("books/rust-book/config.yaml");
        let missing: Vec<&kiji::diagnostics::Diagnostic> = index
            .diagnostics()
            .iter()
            .filter(|d| d.path == config)
            .collect();
        assert_eq!(missing.len(), 1, "{:?}", problems(&index));
        assert_eq!(
            missing[0].message,
            "chapter `gone` is listed but gone.md is not in the book's folder; skipped"
        );
    }
    // The configuration changes: the next scan follows it, the chapters read from the cache.
    write(
        r,
        "books/rust-book/config.yaml",
        "title: 改訂版\nchapters: [setup, intro]\n",
    );
    let index = scan(r, cache.path());
    let titles: Vec<String> = listed(&index).into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(
        titles[..2],
        [
            "改訂版 › 環境構築".to_string(),
            "改訂版 › はじめに".to_string()
        ]
    );
    assert!(problems(&index).iter().all(|p| !p.contains("gone")));
}

#[test]
fn without_a_chapter_list_the_number_prefix_orders_and_bad_yaml_warns() {
    let root = tempfile::tempdir().expect("root");
    let r = root.path();
    write(r, "books/b/config.yaml", "title: [unclosed\n");
    write(r, "books/b/10.end.md", &chapter("おわりに"));
    write(r, "books/b/2.setup.md", &chapter("準備"));
    write(r, "books/b/1.intro.md", &chapter("序"));
    // A folder under books/ without a configuration is no book.
    write(
        r,
        "books/notes/a.md",
        "---\ntitle: ノート\ndate: 2001-01-01\n---\n",
    );
    let loaded = kiji::loader::load(&[r.to_path_buf()], &LoadOptions::default());
    let diags: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    let index = Index::new(loaded);
    let titles: Vec<(String, Option<u32>)> = index
        .articles()
        .iter()
        .map(|a| (a.title.clone(), a.book.as_ref().map(|c| c.number)))
        .collect();
    assert_eq!(
        titles,
        [
            ("b › 序".to_string(), Some(1)),
            ("b › 準備".to_string(), Some(2)),
            ("b › おわりに".to_string(), Some(3)),
            ("ノート".to_string(), None),
        ]
    );
    let config = r.join("books/b/config.yaml").display().to_string();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].starts_with(&format!("{config}:")) && diags[0].contains("invalid YAML"),
        "{diags:?}"
    );
}

fn found(index: &Index, query: &str) -> Vec<String> {
    let filter = Filter {
        text: Some(query.to_string()),
        ..Filter::default()
    };
    index
        .filter(&filter)
        .into_iter()
        .filter_map(|i| index.get(i).map(|a| a.id.clone()))
        .collect()
}

#[test]
fn romaji_queries_find_the_kana_they_spell() {
    let files: [(&str, &[u8]); 5] = [
        (
            "agent.md",
            "---\ntitle: AIエージェント入門\n---\n".as_bytes(),
        ),
        (
            "model.md",
            "---\ntitle: t\n---\n新しいモデルの話\n".as_bytes(),
        ),
        ("hello.md", "---\ntitle: こんにちは\n---\n".as_bytes()),
        ("file.md", "---\ntitle: ファイル操作\n---\n".as_bytes()),
        ("en.md", "---\ntitle: Build an agent\n---\n".as_bytes()),
    ];
    let index = Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()));
    assert_eq!(found(&index, "e-jento"), ["agent"]);
    assert_eq!(found(&index, "moderu"), ["model"]);
    assert_eq!(found(&index, "konnnichiha"), ["hello"]);
    assert_eq!(found(&index, "fuxairu"), ["file"]);
    assert_eq!(found(&index, "agent"), ["en"]);
    assert_eq!(found(&index, "e-jento AI"), ["agent"]);
    assert!(found(&index, "moderu e-jento").is_empty());
    // The pickers' narrowing takes romaji too, and ASCII as ASCII.
    let q = kiji::index::NameQuery::new("e-jen");
    assert!(q.matches("AIエージェント"));
    assert!(!q.matches("agent"));
    assert!(kiji::index::NameQuery::new("cloudc").matches("Cloud Computing"));
}

#[test]
fn the_drafts_filter_hides_or_keeps_only_drafts() {
    let files: [(&str, &[u8]); 2] = [
        ("out.md", "---\ntitle: out\n---\n".as_bytes()),
        (
            "draft.md",
            "---\ntitle: draft\npublished: false\n---\n".as_bytes(),
        ),
    ];
    let index = Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()));
    let ids = |drafts| -> Vec<String> {
        let f = Filter {
            drafts,
            ..Filter::default()
        };
        let mut ids: Vec<String> = index
            .filter(&f)
            .into_iter()
            .filter_map(|i| index.get(i).map(|a| a.id.clone()))
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(Drafts::Show), ["draft", "out"]);
    assert_eq!(ids(Drafts::Hide), ["out"]);
    assert_eq!(ids(Drafts::Only), ["draft"]);
    assert!(
        !Filter {
            drafts: Drafts::Hide,
            ..Filter::default()
        }
        .is_empty()
    );
}

fn kiji(dir: &Path, args: &[&str]) -> (String, String) {
    let cache = tempfile::tempdir().expect("cache dir");
    let o = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .expect("run kiji");
    assert_eq!(o.status.code(), Some(0));
    (
        String::from_utf8(o.stdout).expect("utf-8"),
        String::from_utf8(o.stderr).expect("utf-8"),
    )
}

#[test]
fn list_shows_drafts_and_emoji_in_json_and_text() {
    let root = tempfile::tempdir().expect("root");
    let r = root.path();
    write(
        r,
        "z/articles/draft.md",
        "---\ntitle: メモの下書き\nemoji: \"📝\"\npublished: false\ndate: 2024-02-02\n---\n",
    );
    write(
        r,
        "z/articles/out.md",
        "---\ntitle: Out\ndate: 2024-01-01\n---\n",
    );
    let (json, _) = kiji(r, &["list", "z", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v[0]["draft"], true);
    assert_eq!(v[0]["emoji"], "📝");
    assert_eq!(v[1]["draft"], false);
    assert_eq!(v[1]["emoji"], serde_json::Value::Null);
    let (text, _) = kiji(r, &["list", "z"]);
    assert_eq!(
        text,
        "2024-02-02  ja  articles/draft  📝 メモの下書き  [draft]\n2024-01-01  en  articles/out  Out\n"
    );
    let (hidden, _) = kiji(r, &["list", "z", "--drafts", "hide"]);
    assert_eq!(hidden, "2024-01-01  en  articles/out  Out\n");
    let (only, _) = kiji(r, &["list", "z", "--drafts", "only", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&only).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    let (romaji, _) = kiji(r, &["list", "z", "--search", "memo"]);
    assert_eq!(
        romaji,
        "2024-02-02  ja  articles/draft  📝 メモの下書き  [draft]\n"
    );
}
