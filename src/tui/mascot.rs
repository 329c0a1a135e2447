//! The mascot テクにゃん: its drawings (from `assets/mascot.txt`), which mood fits an article,
//! and what it says when the article has no comment.

use crate::article::Article;

const ART: &str = include_str!("../../assets/mascot.txt");

/// How the mascot looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mood {
    /// The article has a comment.
    Happy,
    /// The article has no comment.
    Sleepy,
    /// The comment is long or excited.
    Surprised,
}

impl Mood {
    fn name(self) -> &'static str {
        match self {
            Mood::Happy => "happy",
            Mood::Sleepy => "sleepy",
            Mood::Surprised => "surprised",
        }
    }

    /// The mood that fits an article (or the empty list).
    pub fn for_article(article: Option<&Article>) -> Mood {
        match article.and_then(|a| a.comment.as_deref()) {
            None => Mood::Sleepy,
            Some(c) if c.chars().count() > 200 || c.contains("！！") || c.contains("!!") => {
                Mood::Surprised
            }
            Some(_) => Mood::Happy,
        }
    }
}

/// The drawing for a mood, one string per row.
pub fn art(mood: Mood) -> Vec<&'static str> {
    let header = format!("[{}]", mood.name());
    ART.lines()
        .skip_while(|l| l.trim_end() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .collect()
}

/// The mascot's name as shown above the bubble.
pub const NAME: &str = "テクにゃん";

/// What the mascot says about an article: its comment, or something fitting in the article's
/// language when there is none.
pub fn speech(article: Option<&Article>) -> String {
    match article {
        None => "記事が見つからないにゃ。フィルターを T で外してみてね。 / No articles here: press T to clear the filters.".to_string(),
        Some(a) => match &a.comment {
            Some(c) => c.clone(),
            None if a.locale == "ja" => {
                "この記事にはまだコメントがないにゃ。読み終わったら、どこが面白かったか考えてみてね！".to_string()
            }
            None => "No comment from me on this one yet, meow. Read it and see what you think!".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mood_has_a_drawing_of_narrow_characters() {
        for mood in [Mood::Happy, Mood::Sleepy, Mood::Surprised] {
            let rows = art(mood);
            assert_eq!(rows.len(), 4, "{mood:?}");
            assert!(
                rows.iter().all(|r| r.is_ascii() && r.len() <= 24),
                "{mood:?}"
            );
        }
    }
}
