//! Turning one file's bytes into an [`Article`]: decoding, front matter, the real-world key
//! spellings, and the fallbacks that make sure no article is ever missing from the list.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::article::{Article, DateSource};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Severity};
use crate::front_matter::{self, Dropped, Entry, Parsed, Value, Why};
use crate::text::sanitize::{sanitize, sanitize_inline};

/// Where a file came from, as the loader found it.
#[derive(Clone, Debug)]
pub struct Source {
    /// The root folder it was found under.
    pub root: PathBuf,
    /// The file's path.
    pub path: PathBuf,
    /// The article id (path relative to the root, `/`-separated, without extension).
    pub id: String,
    /// The file's modification time, if known.
    pub modified: Option<SystemTime>,
    /// The file's size and modification time, if it is a file.
    pub stamp: Option<crate::article::FileStamp>,
}

mod publish;
mod tags;

pub use tags::MAX_TAGS;

const TAG_KEYS: [&str; 3] = ["tags", "topics", "keywords"];
/// The keys that give a date, most trusted first: a later one is used only when no earlier one
/// gives a date, whatever their order in the file. Qiita's `updated_at` comes last: it says when
/// the article was last changed, which is the best date Qiita's front matter has.
const DATE_KEYS: [&str; 6] = [
    "date",
    "published_at",
    "pubDate",
    "published",
    "publishDate",
    "updated_at",
];
const LOCALE_KEYS: [&str; 3] = ["locale", "lang", "language"];

/// Keys dropped from one front matter that are reported one by one; the rest are counted.
const MAX_DROPPED_SHOWN: usize = 100;

/// Whether kiji reads `key` (under `mascot_field` for the mascot's comment).
fn is_used(key: &str, mascot_field: &str) -> bool {
    ["title", "description", "summary", "category", "categories"].contains(&key)
        || key == mascot_field
        || TAG_KEYS.contains(&key)
        || DATE_KEYS.contains(&key)
        || LOCALE_KEYS.contains(&key)
        || publish::KEYS.contains(&key)
}

/// Build the article for `source` from its raw bytes. Problems are pushed to `diags`; the
/// article is always returned with what could be recovered.
pub fn build_article(
    source: Source,
    bytes: &[u8],
    mascot_field: &str,
    diags: &mut Vec<Diagnostic>,
) -> Article {
    let path = source.path.clone();
    let text = decode(bytes, &path, diags);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = normalise_line_ends(text);

    let mut fields = Fields::default();
    let split = front_matter::split(&text);
    if text.trim().is_empty() {
        diags.push(Diagnostic::warning(&path, "empty file"));
    } else if split.yaml.is_none() {
        diags.push(Diagnostic::warning(
            &path,
            "no front matter (a block between `---` lines at the top); title, date and tags are guessed",
        ));
    }
    if split.unclosed {
        diags.push(Diagnostic::at(
            &path,
            1,
            1,
            Severity::Error,
            "front matter opened with `---` on line 1 is never closed; add a `---` line after it",
        ));
    }
    if let Some(yaml) = split.yaml {
        match front_matter::parse(yaml) {
            Ok(Parsed::Map(entries, dropped)) => {
                fields = interpret(entries, split.yaml_line, mascot_field, &path, diags);
                let more = dropped.len().saturating_sub(MAX_DROPPED_SHOWN);
                if let Some(d) = dropped.get(MAX_DROPPED_SHOWN) {
                    diags.push(Diagnostic::at(
                        &path,
                        split.yaml_line + d.line - 1,
                        1,
                        Severity::Warning,
                        format!("{more} more keys skipped from here on, not listed one by one"),
                    ));
                }
                for d in dropped.into_iter().take(MAX_DROPPED_SHOWN) {
                    diags.push(dropped_diagnostic(&path, split.yaml_line, mascot_field, d));
                }
            }
            Ok(Parsed::NotAMap(kind)) => diags.push(Diagnostic::at(
                &path,
                split.yaml_line,
                1,
                Severity::Error,
                format!("front matter is {kind}, not a mapping of keys to values; ignored"),
            )),
            Err(e) => diags.push(yaml_diagnostic(&path, split.yaml_line, &e)),
        }
    }

    let body = split.body.to_string();
    let file_stem = file_stem(&source.path);
    let title = fields
        .title
        .filter(|t| !t.is_empty())
        .or_else(|| first_heading(&body))
        .unwrap_or_else(|| title_from_file_name(&source.id));
    let (date, date_source) = match fields.date {
        Some(d) => (Some(d), DateSource::FrontMatter),
        None => match source.id.split('/').find_map(Date::from_path_component) {
            Some(d) => (Some(d), DateSource::Path),
            None => match source.modified.and_then(Date::from_system_time) {
                Some(d) => (Some(d), DateSource::Modified),
                None => (None, DateSource::None),
            },
        },
    };
    let locale = fields
        .locale
        .or_else(|| locale_from_file_name(&file_stem).map(str::to_string))
        .unwrap_or_else(|| locale_from_text(&title, &body).to_string());

    Article {
        id: source.id,
        root: source.root,
        path: source.path,
        title,
        description: fields.description.filter(|d| !d.is_empty()),
        date,
        date_source,
        category: fields
            .category
            .filter(|c| !c.is_empty())
            .or(fields.publish.kind),
        tags: fields.tags.into_list(),
        locale,
        comment: fields.comment.filter(|c| !c.trim().is_empty()),
        emoji: fields.publish.emoji,
        draft: fields.publish.draft.unwrap_or(false),
        book: None,
        extra: fields.extra,
        local_images: crate::markdown::local_image_refs(&body),
        body,
        body_on_disk: false,
        stamp: source.stamp,
        body_line: split.body_line,
        translations: Vec::new(),
    }
}

/// `\r\n` and a lone `\r` as `\n`, so a file saved with old Mac line ends reads as lines, its
/// front matter included.
fn normalise_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

fn decode(bytes: &[u8], path: &Path, diags: &mut Vec<Diagnostic>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let offset = e.valid_up_to();
            let before = &bytes[..offset];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            diags.push(Diagnostic::at(
                path,
                line,
                column,
                Severity::Warning,
                format!(
                    "invalid UTF-8 at byte {offset}; bad bytes shown as \u{FFFD} (save the file as UTF-8)"
                ),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// Where a YAML error lies in the file and what it says. When the parser says what it was
/// reading (a quoted string, a list), the position is where that started: the usual culprit.
fn yaml_problem(yaml_line: usize, e: &front_matter::YamlError) -> (usize, usize, String) {
    let file_line = |l: usize| if l == 0 { yaml_line } else { yaml_line + l - 1 };
    match &e.context {
        Some((what, l, c)) if *l > 0 => (
            file_line(*l),
            (*c).max(1),
            format!(
                "{} (line {}) while {what} that starts here",
                e.message,
                file_line(e.line)
            ),
        ),
        _ => (file_line(e.line), e.column.max(1), e.message.clone()),
    }
}

/// A YAML error as an error diagnostic in file coordinates.
fn yaml_diagnostic(path: &Path, yaml_line: usize, e: &front_matter::YamlError) -> Diagnostic {
    let (line, column, what) = yaml_problem(yaml_line, e);
    let message = format!("invalid YAML in front matter: {what}");
    Diagnostic::at(path, line, column, Severity::Error, message)
}

/// A key that the front matter's YAML lost, as a diagnostic: an error for a key kiji reads,
/// a warning for one it does not (or for a key written twice).
fn dropped_diagnostic(path: &Path, yaml_line: usize, mascot_field: &str, d: Dropped) -> Diagnostic {
    let key = sanitize_inline(&d.key);
    match d.why {
        Why::Invalid(e) if is_used(&d.key, mascot_field) => yaml_diagnostic(path, yaml_line, &e),
        Why::Invalid(e) => {
            let (line, column, what) = yaml_problem(yaml_line, &e);
            // The parser names the key itself in some messages (`views: invalid type: ...`).
            let what = what.strip_prefix(&format!("{}: ", d.key)).unwrap_or(&what);
            Diagnostic::at(
                path,
                line,
                column,
                Severity::Warning,
                format!(
                    "invalid YAML in front matter: {}; `{key}` skipped, the other keys are read",
                    sanitize_inline(what)
                ),
            )
        }
        Why::Duplicate(first) => Diagnostic::at(
            path,
            yaml_line + d.line - 1,
            1,
            Severity::Warning,
            format!(
                "`{key}` is written twice (first on line {}); the first is used",
                yaml_line + first - 1
            ),
        ),
    }
}

#[derive(Default)]
struct Fields {
    title: Option<String>,
    description: Option<String>,
    date: Option<Date>,
    category: Option<String>,
    tags: tags::Tags,
    locale: Option<String>,
    comment: Option<String>,
    publish: publish::Publish,
    extra: Vec<(String, String)>,
}

fn interpret(
    entries: Vec<Entry>,
    yaml_line: usize,
    mascot_field: &str,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Fields {
    let mut f = Fields::default();
    // The rank in DATE_KEYS of the key the date came from.
    let mut date_rank = DATE_KEYS.len();
    for Entry { key, value, line } in entries {
        let line = yaml_line + line - 1;
        let mut problem = |severity: Severity, message: String| {
            diags.push(Diagnostic::at(path, line, 1, severity, message));
        };
        let mut text_field =
            |value: &Value, slot: &mut Option<String>, keep_lines: bool| match value {
                Value::Null => {}
                v => match v.as_scalar_text() {
                    Some(t) => {
                        *slot = Some(if keep_lines {
                            sanitize(t.trim())
                        } else {
                            sanitize_inline(&t)
                        })
                    }
                    None => problem(
                        Severity::Error,
                        format!("`{key}` is {}, expected text; ignored", v.kind()),
                    ),
                },
            };
        match key.as_str() {
            "title" => text_field(&value, &mut f.title, false),
            "description" | "summary" => text_field(&value, &mut f.description, false),
            "category" => text_field(&value, &mut f.category, false),
            "categories" => match &value {
                Value::List(items) => {
                    f.category = items
                        .iter()
                        .find_map(Value::as_scalar_text)
                        .map(|c| sanitize_inline(&c))
                }
                v => text_field(v, &mut f.category, false),
            },
            k if k == mascot_field => text_field(&value, &mut f.comment, true),
            k if TAG_KEYS.contains(&k) => f.tags.read(&key, &value, &mut problem),
            k if LOCALE_KEYS.contains(&k) => {
                let mut raw = None;
                text_field(&value, &mut raw, false);
                f.locale = raw.and_then(|r| normalise_locale(&r)).or(f.locale.take());
            }
            k if publish::KEYS.contains(&k) => {
                if f.publish.read(k, &value, &mut problem) {
                    f.extra.push((key.clone(), value.to_text()));
                }
            }
            // Zenn's `published: true|false` says whether the article is out, not when.
            "published" if matches!(value, Value::Bool(_)) => {
                f.publish.read(&key, &value, &mut problem);
            }
            k if DATE_KEYS.contains(&k) => {
                let rank = DATE_KEYS
                    .iter()
                    .position(|d| *d == k)
                    .unwrap_or(DATE_KEYS.len());
                if rank >= date_rank {
                    continue;
                }
                match value.as_scalar_text() {
                    // qiita-cli writes `updated_at: ''` until the article is published.
                    Some(t) if t.trim().is_empty() && k == "updated_at" => {}
                    Some(t) => match Date::parse(&t) {
                        Some(d) => {
                            f.date = Some(d);
                            date_rank = rank;
                        }
                        None => problem(
                            Severity::Error,
                            format!(
                                "`{key}` is \"{}\", not a date (expected YYYY-MM-DD); date taken from the path or file time",
                                sanitize_inline(&t)
                            ),
                        ),
                    },
                    None if matches!(value, Value::Null) => {}
                    None => problem(
                        Severity::Error,
                        format!(
                            "`{key}` is {}, not a date (expected YYYY-MM-DD)",
                            value.kind()
                        ),
                    ),
                }
            }
            _ => f.extra.push((key.clone(), value.to_text())),
        }
    }
    f
}

fn normalise_locale(raw: &str) -> Option<String> {
    let primary = raw.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    (!primary.is_empty() && primary.chars().all(|c| c.is_ascii_alphabetic())).then_some(primary)
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `ja` for `ja.md` and `post.ja.md`; None when the name says nothing about the language.
pub fn locale_from_file_name(stem: &str) -> Option<&str> {
    let code = match stem.rsplit_once('.') {
        Some((_, code)) => code,
        None => stem,
    };
    is_locale_code(code).then_some(code)
}

/// Whether `s` looks like a language code: two or three lower-case ASCII letters.
pub fn is_locale_code(s: &str) -> bool {
    (2..=3).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase())
        && matches!(
            s,
            "ja" | "en" | "zh" | "ko" | "fr" | "de" | "es" | "it" | "pt" | "ru"
        )
}

fn locale_from_text(title: &str, body: &str) -> &'static str {
    let has_kana = |s: &str| {
        s.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{ff66}'..='\u{ff9f}'))
    };
    if has_kana(title) || has_kana(body) {
        "ja"
    } else {
        "en"
    }
}

/// The text of the first level-1 heading, as a reader sees it: entities decoded, emphasis
/// markers and link targets dropped, sanitised.
fn first_heading(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    // Most bodies without a title have no heading at all: skip the parse for them.
    let maybe = body.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with('#') || t.starts_with('=')
    });
    if !maybe {
        return None;
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut title: Option<String> = None;
    for event in Parser::new_ext(body, options) {
        match (event, title.as_mut()) {
            (
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                }),
                _,
            ) => title = Some(String::new()),
            (Event::End(TagEnd::Heading(HeadingLevel::H1)), Some(text)) => {
                let text = sanitize_inline(text.trim());
                if !text.is_empty() {
                    return Some(text);
                }
                title = None;
            }
            (Event::Text(t) | Event::Code(t), Some(text)) => text.push_str(&t),
            (Event::SoftBreak | Event::HardBreak, Some(text)) => text.push(' '),
            _ => {}
        }
    }
    None
}

/// A title made from the id: the file name, or the folder name when the file is named after
/// its language (`slug/ja` -> `slug`), with `-`/`_` turned into spaces.
fn title_from_file_name(id: &str) -> String {
    let mut parts = id.rsplit('/');
    let last = parts.next().unwrap_or(id);
    let name = match locale_from_file_name(last) {
        Some(_) if !last.contains('.') => parts.next().unwrap_or(last),
        Some(code) => last
            .strip_suffix(code)
            .map_or(last, |s| s.trim_end_matches('.')),
        None => last,
    };
    let title = sanitize_inline(&name.replace(['-', '_'], " "));
    if title.is_empty() {
        id.to_string()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(id: &str, text: &str) -> (Article, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let src = Source {
            root: PathBuf::from("root"),
            path: PathBuf::from(format!("root/{id}.md")),
            id: id.to_string(),
            modified: None,
            stamp: None,
        };
        let a = build_article(src, text.as_bytes(), "technyanComment", &mut diags);
        (a, diags)
    }

    #[test]
    fn reads_the_standard_fields() {
        let (a, d) = build(
            "20251118/x/ja",
            "---\ntitle: \"タイトル\"\ndescription: d\ndate: 2025-11-18\ncategory: \"Claude\"\ntags: [\"A\", \"投資\"]\nlocale: \"ja\"\ntechnyanComment: \"にゃ\"\nextra: 1\n---\n本文\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(a.title, "タイトル");
        assert_eq!(a.date, Date::new(2025, 11, 18));
        assert_eq!(a.tags, vec!["A", "投資"]);
        assert_eq!(a.comment.as_deref(), Some("にゃ"));
        assert_eq!(a.extra, vec![("extra".to_string(), "1".to_string())]);
        assert_eq!(a.body, "本文\n");
        assert_eq!(a.body_line, 11);
    }

    #[test]
    fn understands_other_spellings() {
        let (a, d) = build(
            "post",
            "---\ntitle: t\ntopics: \"Rust, CLI ,  \"\npubDate: \"Tue, 18 Nov 2025 10:00:00 GMT\"\nlang: en-US\n---\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(a.tags, vec!["Rust", "CLI"]);
        assert_eq!(a.date, Date::new(2025, 11, 18));
        assert_eq!(a.locale, "en");
        let (b, _) = build(
            "p",
            "---\npublished: true\npublished_at: 2024-01-02T03:04:05Z\n---\n",
        );
        assert_eq!(b.date, Date::new(2024, 1, 2));
    }

    #[test]
    fn falls_back_for_title_date_and_locale() {
        let (a, d) = build("20251118/some-slug/ja", "本文だけ\n# 見出し\n");
        assert_eq!(a.title, "見出し");
        assert_eq!(a.date, Date::new(2025, 11, 18));
        assert_eq!(a.date_source, DateSource::Path);
        assert_eq!(a.locale, "ja");
        assert_eq!(d.len(), 1);
        let (b, _) = build("notes/some-slug/en", "");
        assert_eq!(b.title, "some slug");
        let (c, _) = build("news_20260720", "ひらがな");
        assert_eq!(c.date, Date::new(2026, 7, 20));
        assert_eq!(c.locale, "ja");
        assert_eq!(c.title, "news 20260720");
        let (e, _) = build("post.en", "text");
        assert_eq!(e.locale, "en");
        assert_eq!(e.title, "post");
    }

    #[test]
    fn reports_bad_fields_at_their_line() {
        let (a, d) = build(
            "x",
            "---\ntitle: ok\ndate: yesterday\ntags: [a, 2, {b: c}]\n---\n",
        );
        assert_eq!(a.tags, vec!["a", "2"]);
        let lines: Vec<String> = d
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.severity, d.message))
            .collect();
        assert_eq!(
            lines,
            vec![
                "3:error: `date` is \"yesterday\", not a date (expected YYYY-MM-DD); date taken from the path or file time",
                "4:warning: tag 2 in `tags` is a number, not text; kept as \"2\"",
                "4:error: tag 3 in `tags` is a mapping, not text; dropped",
            ]
        );
    }

    #[test]
    fn malformed_yaml_points_into_the_file() {
        let (a, d) = build("x", "---\ntitle: ok\ntags: [a, b\n---\n# Heading\n");
        // The key before the broken one is kept.
        assert_eq!(a.title, "ok");
        let (b, _) = build("x", "---\ntitle: \"open\ntags: [a, b\n---\n# Heading\n");
        assert_eq!(b.title, "Heading");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].line >= 3, "{:?}", d[0]);
        assert!(d[0].message.starts_with("invalid YAML in front matter: "));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let mut diags = Vec::new();
        let src = Source {
            root: "r".into(),
            path: "r/a.md".into(),
            id: "a".into(),
            modified: None,
            stamp: None,
        };
        let a = build_article(
            src,
            b"---\ntitle: caf\xe9\n---\n",
            "technyanComment",
            &mut diags,
        );
        assert_eq!(a.title, "caf\u{FFFD}");
        assert_eq!((diags[0].line, diags[0].column), (2, 11));
    }

    fn messages(d: &[Diagnostic]) -> Vec<String> {
        d.iter()
            .map(|d| format!("{}:{}: {}", d.line, d.severity, d.message))
            .collect()
    }

    #[test]
    fn a_bad_or_repeated_key_keeps_the_rest() {
        let (a, d) = build(
            "x",
            "---\ntitle: Kept\nviews: 99999999999999999999\ntags: [a]\nviews: 2\ntitle: Second\n---\n",
        );
        assert_eq!(a.title, "Kept");
        assert_eq!(a.tags, vec!["a"]);
        assert_eq!(
            messages(&d),
            vec![
                "3:warning: invalid YAML in front matter: invalid type: integer `99999999999999999999` as u128, expected any YAML value; `views` skipped, the other keys are read",
                "6:warning: `title` is written twice (first on line 2); the first is used",
            ]
        );
        // A key kiji reads is an error when it cannot be read.
        let (b, d) = build("x", "---\ntitle: ok\ndate: a: b\n---\n");
        assert_eq!(b.title, "ok");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].line, 3);
        assert!(d[0].message.starts_with("invalid YAML in front matter: "));
    }

    #[test]
    fn deep_nesting_is_reported_and_the_rest_kept() {
        let deep = format!("{}{}", "{a: ".repeat(100_000), "}".repeat(100_000));
        let (a, d) = build(
            "deep",
            &format!("---\nx: {deep}\ndate: 2026-01-01\n---\n# Heading\n"),
        );
        assert_eq!(a.title, "Heading");
        assert_eq!(a.date, Date::new(2026, 1, 1));
        assert_eq!(
            messages(&d),
            vec![
                "2:warning: invalid YAML in front matter: nested more than 64 levels deep; `x` skipped, the other keys are read"
            ]
        );
        assert_eq!((d[0].line, d[0].column), (2, 4 + 4 * 63));
        // In a key kiji reads, it is an error.
        let (b, d) = build("deep", &format!("---\ntags: {deep}\n---\n"));
        assert!(b.tags.is_empty());
        assert_eq!(
            messages(&d),
            vec!["2:error: invalid YAML in front matter: nested more than 64 levels deep"]
        );
    }

    #[test]
    fn tags_are_capped_and_repeats_dropped() {
        let list: Vec<String> = (0..5000).map(|i| format!("t{}", i % 2500)).collect();
        let (a, d) = build("x", &format!("---\ntags: [{}]\n---\n", list.join(", ")));
        assert_eq!(a.tags.len(), MAX_TAGS);
        assert_eq!(a.tags[999], "t999");
        assert_eq!(
            messages(&d),
            vec!["2:warning: too many tags: an article keeps at most 1000; 4000 in `tags` dropped"]
        );
        let (b, d) = build("x", &format!("---\ntags: \"{}\"\n---\n", list.join(",")));
        assert_eq!(b.tags.len(), MAX_TAGS);
        assert_eq!(d.len(), 1, "{d:?}");
        // Repeats do not count against the cap.
        let (c, d) = build("x", "---\ntags: [a, a, b]\nkeywords: b, c\n---\n");
        assert_eq!(c.tags, vec!["a", "b", "c"]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn the_title_from_a_heading_is_its_text() {
        let (a, _) = build(
            "x",
            "intro\n\n# AT&amp;T *emph* [link](https://example.com) `code` &#x65E5;\n",
        );
        assert_eq!(a.title, "AT&T emph link code 日");
        let (b, _) = build("x", "```\n# not a title\n```\nSetext &lt;one&gt;\n===\n");
        assert_eq!(b.title, "Setext <one>");
        let (c, _) = build("some-name", "    # indented code\n## second level\n");
        assert_eq!(c.title, "some name");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let (a, d) = build(
            "x",
            "---\rtitle: CR only\rtags: [a]\r---\rline one\rline two\r",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(a.title, "CR only");
        assert_eq!(a.tags, vec!["a"]);
        assert_eq!(a.body, "line one\nline two\n");
        assert_eq!(a.body_line, 5);
        let (b, _) = build("x", "---\r\ntitle: crlf\r\n---\r\nbody\r\n");
        assert_eq!((b.title.as_str(), b.body.as_str()), ("crlf", "body\n"));
    }

    #[test]
    fn a_flood_of_repeated_keys_is_counted_past_a_hundred() {
        let (a, d) = build(
            "x",
            &format!("---\ntitle: t\n{}---\n", "k: 1\n".repeat(1000)),
        );
        assert_eq!(a.title, "t");
        assert_eq!(d.len(), 101);
        assert_eq!(
            d[0].to_string(),
            "root/x.md:104:1: warning: 899 more keys skipped from here on, not listed one by one"
        );
        assert_eq!(
            d[100].message,
            "`k` is written twice (first on line 3); the first is used"
        );
        assert_eq!(d[100].line, 103);
    }
}
