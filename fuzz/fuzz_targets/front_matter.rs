//! Fuzz target: front matter and configuration text. The first byte picks a shape: arbitrary
//! bytes as an article and as a configuration, or a generator that repeats a short piece (from
//! the input) thousands of times as deep nesting or as a list of tags, so small inputs reach
//! the pathological cases. Reading must never panic, keep more than the tag cap, or leave an
//! article without a title.
#![no_main]

use std::path::{Path, PathBuf};

use kiji::metadata::{MAX_TAGS, Source, build_article};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&shape, rest)) = data.split_first() else {
        return;
    };
    let Some((&count, rest)) = rest.split_first() else {
        return;
    };
    let count = usize::from(count) * 400;
    let piece = String::from_utf8_lossy(rest);
    // The piece splits at `|` into what opens a level and what closes it.
    let (open, close) = piece.split_once('|').unwrap_or((&piece, ""));
    let text = match shape % 4 {
        0 => piece.to_string(),
        1 => format!(
            "---\ntitle: t\nx: {}{}\n---\n# h\n",
            open.repeat(count),
            close.repeat(count)
        ),
        2 => {
            let tags: Vec<String> = (0..count).map(|i| format!("{open}{i}")).collect();
            format!("---\ntags: [{}]\n---\n", tags.join(", "))
        }
        _ => format!("keys:\n{}{}\n", open.repeat(count), close.repeat(count)),
    };
    let source = Source {
        root: PathBuf::from("root"),
        path: PathBuf::from("root/a.md"),
        id: "a".to_string(),
        modified: None,
        stamp: None,
    };
    let mut diags = Vec::new();
    let article = build_article(source, text.as_bytes(), "technyanComment", &mut diags);
    assert!(
        article.tags.len() <= MAX_TAGS,
        "{} tags kept",
        article.tags.len()
    );
    assert!(!article.title.is_empty(), "no title");
    let _ = kiji::config::parse(
        &text,
        Path::new("fuzz.yaml"),
        &kiji::tui::keymap::Keymap::default_keys(),
    );
});
