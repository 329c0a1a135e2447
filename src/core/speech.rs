//! What the mascot says about an article and the mood it is in: the article's comment, or,
//! when there is none, what is worth knowing before reading it (its description or first
//! sentence, its reading time, how many related articles there are) in the article's
//! language. Pure: the body comes in as text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::article::Article;

/// Japanese prose read in a minute, in characters.
const JA_CHARS_PER_MINUTE: usize = 500;
/// English prose read in a minute, in words.
const EN_WORDS_PER_MINUTE: usize = 230;
/// Reading time from which an article is a long read, in minutes.
pub const LONG_READ_MINUTES: u32 = 15;
/// The longest first sentence quoted, in characters (an ellipsis ends a longer one).
const SENTENCE_CHARS: usize = 140;

/// What the body tells about an article, worked out once per article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The description, else the body's first sentence.
    pub summary: Option<String>,
    /// Minutes to read the body (0 when it has no prose).
    pub minutes: u32,
    /// How many related articles there are.
    pub related: usize,
}

/// How the mascot looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mood {
    /// The article has a comment.
    Happy,
    /// The article has no comment.
    Sleepy,
    /// The comment is long or excited.
    Surprised,
    /// The article is a draft.
    Draft,
    /// The article takes [`LONG_READ_MINUTES`] or more to read.
    LongRead,
}

impl Mood {
    /// Every mood.
    pub const ALL: [Mood; 5] = [
        Mood::Happy,
        Mood::Sleepy,
        Mood::Surprised,
        Mood::Draft,
        Mood::LongRead,
    ];

    /// The name of the mood, as `assets/mascot.txt` heads its drawing.
    pub fn name(self) -> &'static str {
        match self {
            Mood::Happy => "happy",
            Mood::Sleepy => "sleepy",
            Mood::Surprised => "surprised",
            Mood::Draft => "draft",
            Mood::LongRead => "long-read",
        }
    }

    /// The mood that fits an article (or the empty list): a draft first, then an excited
    /// comment, then a long read, then whether there is a comment at all.
    pub fn for_article(article: Option<&Article>, facts: &Facts) -> Mood {
        let Some(a) = article else {
            return Mood::Sleepy;
        };
        let comment = a.comment.as_deref();
        let excited = |c: &str| c.chars().count() > 200 || c.contains("！！") || c.contains("!!");
        if a.draft {
            Mood::Draft
        } else if comment.is_some_and(excited) {
            Mood::Surprised
        } else if facts.minutes >= LONG_READ_MINUTES {
            Mood::LongRead
        } else if comment.is_some() {
            Mood::Happy
        } else {
            Mood::Sleepy
        }
    }
}

/// Whether an article is written in Japanese (the mascot then speaks Japanese).
fn japanese(article: &Article) -> bool {
    article.locale == "ja"
}

/// The facts of `article` whose Markdown body is `body`, with `related` related articles.
pub fn facts(article: &Article, body: &str, related: usize) -> Facts {
    let prose = Prose::of(body, japanese(article));
    let summary = article
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .or(prose.first_sentence);
    Facts {
        summary,
        minutes: reading_minutes(&prose.text, &article.locale),
        related,
    }
}

/// Minutes to read `text` in `locale`, rounded up: Japanese (and Chinese) at about 500
/// characters a minute, every other language at about 230 words. 0 for no text.
pub fn reading_minutes(text: &str, locale: &str) -> u32 {
    let (count, rate) = if matches!(locale, "ja" | "zh") {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        (chars, JA_CHARS_PER_MINUTE)
    } else {
        (text.split_whitespace().count(), EN_WORDS_PER_MINUTE)
    };
    u32::try_from(count.div_ceil(rate)).unwrap_or(u32::MAX)
}

/// What the mascot says: the comment, or the facts in the article's language; filler only
/// when there is nothing to say.
pub fn speech(article: Option<&Article>, facts: &Facts) -> String {
    let Some(a) = article else {
        return "記事が見つからないにゃ。フィルターを T で外してみてね。 / No articles here: press T to clear the filters.".to_string();
    };
    if let Some(c) = &a.comment {
        return c.clone();
    }
    let ja = japanese(a);
    let mut parts: Vec<String> = Vec::new();
    if a.draft {
        parts.push(
            if ja {
                "まだ下書きだにゃ。"
            } else {
                "Still a draft, meow."
            }
            .to_string(),
        );
    }
    if let Some(s) = &facts.summary {
        parts.push(s.clone());
    }
    if facts.minutes > 0 {
        parts.push(if ja {
            format!("約{}分で読めるにゃ。", facts.minutes)
        } else if facts.minutes == 1 {
            "About a minute to read, meow.".to_string()
        } else {
            format!("About {} minutes to read, meow.", facts.minutes)
        });
    }
    match (facts.related, ja) {
        (0, _) => {}
        (n, true) => parts.push(format!("関連記事が{n}本あるにゃ（r で一覧）。")),
        (1, false) => parts.push("1 related article (r lists it).".to_string()),
        (n, false) => parts.push(format!("{n} related articles (r lists them).")),
    }
    if parts.is_empty() || (parts.len() == 1 && a.draft) {
        parts.push(if ja {
            "この記事にはまだコメントがないにゃ。読み終わったら、どこが面白かったか考えてみてね！"
        } else {
            "No comment from me on this one yet, meow. Read it and see what you think!"
        }.to_string());
    }
    parts.join("\n")
}

/// The prose of a body: the text of its paragraphs, headings, lists and quotes (not code
/// blocks, HTML or Zenn's `:::` and `@[...]` lines), and its first sentence.
struct Prose {
    text: String,
    first_sentence: Option<String>,
}

impl Prose {
    fn of(body: &str, ja: bool) -> Prose {
        let mut text = String::new();
        let mut first: Option<String> = None;
        let mut paragraph: Option<String> = None;
        let mut in_code = false;
        let mut in_image = false;
        let mut depth = 0usize;
        for event in Parser::new(body) {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Start(Tag::Paragraph) => {
                    if depth == 0 {
                        paragraph = Some(String::new());
                    }
                    depth += 1;
                }
                Event::End(TagEnd::Paragraph) => {
                    depth = depth.saturating_sub(1);
                    if let Some(p) = paragraph.take().filter(|_| depth == 0) {
                        if first.is_none() {
                            first = sentence(&p);
                        }
                    }
                }
                Event::Start(Tag::Image { .. }) => in_image = true,
                Event::End(TagEnd::Image) => in_image = false,
                Event::Text(t) | Event::Code(t) if !in_code && !in_image => {
                    let zenn = t.starts_with(":::") || t.starts_with("@[");
                    if !zenn {
                        text.push_str(&t);
                        text.push(' ');
                        if let Some(p) = paragraph.as_mut() {
                            p.push_str(&t);
                        }
                    } else {
                        paragraph = None;
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    text.push(' ');
                    if let Some(p) = paragraph.as_mut() {
                        if !ja {
                            p.push(' ');
                        }
                    }
                }
                _ => {}
            }
        }
        Prose {
            text,
            first_sentence: first,
        }
    }
}

/// The first sentence of a paragraph's text, cut at [`SENTENCE_CHARS`]; `None` when blank.
fn sentence(p: &str) -> Option<String> {
    let p = p.trim();
    if p.is_empty() {
        return None;
    }
    let chars: Vec<char> = p.chars().collect();
    let mut end = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let closes = matches!(c, '。' | '！' | '？')
            || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace));
        if closes {
            end = i + 1;
            // A closing bracket right after the full stop stays with the sentence.
            if matches!(next, Some('」' | '）' | ')')) {
                end += 1;
            }
            break;
        }
    }
    if end > SENTENCE_CHARS {
        let cut: String = chars[..SENTENCE_CHARS - 1].iter().collect();
        return Some(format!("{}…", cut.trim_end()));
    }
    Some(chars[..end].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(locale: &str, description: Option<&str>, comment: Option<&str>) -> Article {
        Article {
            title: "title".into(),
            description: description.map(str::to_string),
            locale: locale.to_string(),
            comment: comment.map(str::to_string),
            ..Article::blank(&format!("a/{locale}"))
        }
    }

    #[test]
    fn reading_time_counts_characters_in_japanese_and_words_in_english() {
        assert_eq!(reading_minutes("", "ja"), 0);
        assert_eq!(reading_minutes(&"あ".repeat(500), "ja"), 1);
        assert_eq!(reading_minutes(&"あ".repeat(501), "ja"), 2);
        assert_eq!(reading_minutes(&"あ い\n".repeat(1000), "ja"), 4);
        assert_eq!(reading_minutes(&"word ".repeat(230), "en"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(231), "en"), 2);
        assert_eq!(reading_minutes(&"word ".repeat(2300), "fr"), 10);
    }

    #[test]
    fn the_first_sentence_skips_headings_code_and_zenn_lines() {
        let body = "# 見出し\n\n:::message\n注意\n:::\n\n```rust\nfn main() {}\n```\n\n\
                    ![図](a.png)\n\n今日は**Rust**の\n話です。続きはあとで。\n";
        let p = Prose::of(body, true);
        assert_eq!(p.first_sentence.as_deref(), Some("今日はRustの話です。"));
        assert!(!p.text.contains("fn main"), "{}", p.text);
        let p = Prose::of("Intro line\nwraps here. Second one.\n", false);
        assert_eq!(p.first_sentence.as_deref(), Some("Intro line wraps here."));
        assert_eq!(sentence("v1.2 is out"), Some("v1.2 is out".to_string()));
        assert_eq!(
            sentence("「はい。」と言った"),
            Some("「はい。」".to_string())
        );
        let long = sentence(&"あ".repeat(300)).unwrap_or_default();
        assert_eq!(long.chars().count(), SENTENCE_CHARS);
        assert!(long.ends_with('…'));
        assert_eq!(sentence("  "), None);
    }

    #[test]
    fn without_a_comment_the_mascot_tells_what_it_knows_in_the_articles_language() {
        let ja = article("ja", Some("Rust で TUI を作る話"), None);
        let f = facts(&ja, &"あ".repeat(1200), 3);
        assert_eq!(f.minutes, 3);
        assert_eq!(
            speech(Some(&ja), &f),
            "Rust で TUI を作る話\n約3分で読めるにゃ。\n関連記事が3本あるにゃ（r で一覧）。"
        );
        let en = article("en", None, None);
        let f = facts(&en, "First things first. Then more.\n", 1);
        assert_eq!(
            speech(Some(&en), &f),
            "First things first.\nAbout a minute to read, meow.\n1 related article (r lists it)."
        );
        let f = facts(&en, &"word ".repeat(700), 0);
        assert!(speech(Some(&en), &f).ends_with("About 4 minutes to read, meow."));
    }

    #[test]
    fn a_comment_wins_and_filler_only_when_there_is_nothing() {
        let commented = article("ja", Some("説明"), Some("面白いにゃ"));
        let f = facts(&commented, "本文。", 2);
        assert_eq!(speech(Some(&commented), &f), "面白いにゃ");
        let empty = article("en", None, None);
        let f = facts(&empty, "", 0);
        assert_eq!(f, Facts::default());
        assert!(speech(Some(&empty), &f).starts_with("No comment from me"));
        let mut draft = article("ja", None, None);
        draft.draft = true;
        let said = speech(Some(&draft), &Facts::default());
        assert!(
            said.starts_with("まだ下書きだにゃ。\nこの記事には"),
            "{said}"
        );
        assert!(speech(None, &Facts::default()).contains("press T"));
    }

    #[test]
    fn moods_follow_drafts_comments_and_length() {
        let long = Facts {
            minutes: LONG_READ_MINUTES,
            ..Facts::default()
        };
        let short = Facts::default();
        let mut a = article("ja", None, None);
        assert_eq!(Mood::for_article(None, &short), Mood::Sleepy);
        assert_eq!(Mood::for_article(Some(&a), &short), Mood::Sleepy);
        assert_eq!(Mood::for_article(Some(&a), &long), Mood::LongRead);
        a.comment = Some("いいね".into());
        assert_eq!(Mood::for_article(Some(&a), &short), Mood::Happy);
        a.comment = Some("すごい！！".into());
        assert_eq!(Mood::for_article(Some(&a), &long), Mood::Surprised);
        a.draft = true;
        assert_eq!(Mood::for_article(Some(&a), &short), Mood::Draft);
    }
}
