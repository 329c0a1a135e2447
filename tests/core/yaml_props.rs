//! Property tests of the YAML depth limit and of front matter: nested values written in every
//! style (block and flow, quoted text holding brackets and quotes) read exactly when they nest
//! up to the limit and are refused past it; random nesting, tags and junk never panic, never
//! keep more than the tag cap, and always leave an article with a title.

use std::path::PathBuf;

use kiji::metadata::{MAX_TAGS, Source, build_article};
use kiji::yaml::{self, MAX_DEPTH, Value};
use proptest::prelude::*;

/// How one collection on the path to the deepest value is written.
#[derive(Clone, Copy, Debug)]
enum Level {
    FlowList,
    FlowMap,
    BlockList,
    BlockMap,
}

/// Scalars that look like structure but are text.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,6}",
        Just("[[{".to_string()),
        Just("it's ]}".to_string()),
        Just("a \"q\" [b]".to_string()),
        Just("# not a comment".to_string()),
        Just("x: [y".to_string()),
    ]
}

/// A scalar as YAML text: double-quoted, single-quoted, or plain when it is safe to.
fn emit_scalar(s: &str, style: u8) -> String {
    let plain = s.chars().all(|c| c.is_ascii_lowercase());
    match style % 3 {
        0 if plain => s.to_string(),
        1 => format!("'{}'", s.replace('\'', "''")),
        _ => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

/// YAML text: either inline (a scalar or a flow collection, written after `key: ` or `- `) or
/// block lines, already indented.
enum Node {
    Inline(String),
    Block(String),
}

/// The nested value for a path of levels (outermost first): every collection holds one sibling
/// scalar and the next level.
fn value(levels: &[(Level, String, u8)], leaf: &str) -> Value {
    let mut value = Value::String(leaf.to_string());
    for (level, sibling, _) in levels.iter().rev() {
        let s = Value::String(sibling.clone());
        value = match level {
            Level::FlowList | Level::BlockList => Value::List(vec![s, value]),
            Level::FlowMap | Level::BlockMap => {
                Value::Map(vec![("s".into(), s), ("k".into(), value)])
            }
        };
    }
    value
}

/// The YAML for `levels` at `indent` columns; block levels inside flow ones are written as
/// flow, since YAML has no block inside flow.
fn emit(levels: &[(Level, String, u8)], leaf: &str, indent: usize, flow: bool) -> Node {
    let Some(((level, sibling, style), rest)) = levels.split_first() else {
        return Node::Inline(emit_scalar(leaf, 2));
    };
    let s = emit_scalar(sibling, *style);
    let inline = |n: Node| match n {
        Node::Inline(t) | Node::Block(t) => t,
    };
    let pad = " ".repeat(indent);
    match (level, flow) {
        (Level::FlowList, _) | (Level::BlockList, true) => {
            Node::Inline(format!("[{s}, {}]", inline(emit(rest, leaf, indent, true))))
        }
        (Level::FlowMap, _) | (Level::BlockMap, true) => Node::Inline(format!(
            "{{s: {s}, k: {}}}",
            inline(emit(rest, leaf, indent, true))
        )),
        (Level::BlockList, false) => Node::Block(match emit(rest, leaf, indent + 2, false) {
            Node::Inline(t) => format!("{pad}- {s}\n{pad}- {t}\n"),
            Node::Block(b) => format!("{pad}- {s}\n{pad}-\n{b}"),
        }),
        (Level::BlockMap, false) => Node::Block(match emit(rest, leaf, indent + 2, false) {
            Node::Inline(t) => format!("{pad}s: {s}\n{pad}k: {t}\n"),
            Node::Block(b) => format!("{pad}s: {s}\n{pad}k:\n{b}"),
        }),
    }
}

/// `x:` holding the nested levels, as YAML.
fn document(levels: &[(Level, String, u8)], leaf: &str) -> String {
    match emit(levels, leaf, 2, false) {
        Node::Inline(t) => format!("x: {t}\n"),
        Node::Block(b) => format!("x:\n{b}"),
    }
}

fn level() -> impl Strategy<Value = (Level, String, u8)> {
    (
        prop_oneof![
            Just(Level::FlowList),
            Just(Level::FlowMap),
            Just(Level::BlockList),
            Just(Level::BlockMap),
        ],
        scalar(),
        any::<u8>(),
    )
}

fn article(text: &str) -> (kiji::article::Article, Vec<kiji::diagnostics::Diagnostic>) {
    let mut diags = Vec::new();
    let src = Source {
        root: PathBuf::from("root"),
        path: PathBuf::from("root/a.md"),
        id: "a".to_string(),
        modified: None,
        stamp: None,
    };
    let a = build_article(src, text.as_bytes(), "technyanComment", &mut diags);
    (a, diags)
}

proptest! {
    #![proptest_config(crate::props(128))]

    /// Up to the limit every style reads back exactly: quoted brackets never count. (`x` is
    /// a level of its own.)
    #[test]
    fn nesting_up_to_the_limit_reads_exactly(
        levels in prop::collection::vec(level(), 1..MAX_DEPTH),
        leaf in scalar(),
    ) {
        let text = document(&levels, &leaf);
        let expected = Value::Map(vec![("x".into(), value(&levels, &leaf))]);
        prop_assert_eq!(yaml::parse(&text), Ok(expected), "{}", text);
    }

    /// Past the limit the text is refused, whatever the style, without parsing.
    #[test]
    fn nesting_past_the_limit_is_refused(
        levels in prop::collection::vec(level(), MAX_DEPTH..MAX_DEPTH + 80),
        leaf in scalar(),
    ) {
        let text = document(&levels, &leaf);
        let err = yaml::parse(&text).expect_err("too deep");
        prop_assert_eq!(err.message, format!("nested more than {MAX_DEPTH} levels deep"));
    }

    /// Random front matter made of brackets, quotes, keys and tags never panics, keeps at most
    /// the tag cap, and leaves a title.
    #[test]
    fn random_front_matter_never_panics(
        pieces in prop::collection::vec(
            prop_oneof![
                Just("["), Just("]"), Just("{"), Just("}"), Just("{a: "), Just("- "),
                Just("\n"), Just("\n  "), Just("\r"), Just("'"), Just("\""), Just("#"),
                Just(": "), Just(", "), Just("tags: "), Just("title: "), Just("x"), Just("|"),
            ],
            0..400,
        ),
        repeat in 1usize..2000,
    ) {
        let body: String = pieces.concat();
        let text = format!("---\n{}\n---\n# Heading\n", body.repeat(repeat.min(20_000 / (body.len() + 1) + 1)));
        let (a, diags) = article(&text);
        prop_assert!(a.tags.len() <= MAX_TAGS);
        prop_assert!(!a.title.is_empty());
        let lines = text.split(['\n', '\r']).count();
        for d in diags {
            prop_assert!(d.line <= lines, "{d}");
        }
    }

    /// Many tags, in a list or a comma-separated string, keep the first [`MAX_TAGS`] distinct.
    #[test]
    fn many_tags_keep_the_first_distinct_ones(n in 0usize..5000, distinct in 1usize..3000, list in any::<bool>()) {
        let tags: Vec<String> = (0..n).map(|i| format!("t{}", i % distinct)).collect();
        let value = if list { format!("[{}]", tags.join(", ")) } else { format!("\"{}\"", tags.join(",")) };
        let (a, _) = article(&format!("---\ntags: {value}\n---\n"));
        let expected: Vec<String> = (0..n.min(distinct).min(MAX_TAGS)).map(|i| format!("t{i}")).collect();
        prop_assert_eq!(a.tags, expected);
    }
}
