//! What a session holds (selection, focus, filter, sort, grouping) and how it reads and writes
//! as JSON; the state file keeps one per set of roots.

use serde::{Deserialize, Serialize};

use crate::index::{Filter, TagMode};
/// What to restore on the next start.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The id of the selected article, if any.
    pub selected: Option<String>,
    /// Whether the body pane had the keyboard (`false`: the list).
    pub focus_body: bool,
    /// The active filter.
    pub filter: SessionFilter,
    /// Whether the user showed (`true`) or hid the mascot with `m`; left out of the file when
    /// they did not say (the default for the terminal's width).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mascot: Option<bool>,
}

/// A serialisable mirror of [`Filter`]; convert with `From` either way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionFilter {
    /// Tags to match.
    pub tags: Vec<String>,
    /// How the tags combine (`"all"` or `"any"` in the file).
    #[serde(with = "tag_mode_text")]
    pub tag_mode: TagMode,
    /// Only this category.
    pub category: Option<String>,
    /// Only this locale.
    pub locale: Option<String>,
    /// Words that must all appear.
    pub text: Option<String>,
    /// Only starred articles.
    pub starred_only: bool,
    /// The list is sorted by title (`false`: by date, newest first).
    #[serde(default)]
    pub sort_by_title: bool,
    /// The list is grouped by date under headings.
    #[serde(default)]
    pub grouped: bool,
    /// Only unread articles.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unread_only: bool,
    /// Drafts shown, hidden or shown alone (left out of the file when shown, the default).
    #[serde(default, skip_serializing_if = "crate::index::Drafts::is_show")]
    pub drafts: crate::index::Drafts,
}

impl From<&Filter> for SessionFilter {
    fn from(f: &Filter) -> SessionFilter {
        SessionFilter {
            tags: f.tags.clone(),
            tag_mode: f.tag_mode,
            category: f.category.clone(),
            locale: f.locale.clone(),
            text: f.text.clone(),
            drafts: f.drafts,
            starred_only: false,
            unread_only: false,
            sort_by_title: false,
            grouped: false,
        }
    }
}

impl From<Filter> for SessionFilter {
    fn from(f: Filter) -> SessionFilter {
        SessionFilter::from(&f)
    }
}

impl From<SessionFilter> for Filter {
    fn from(f: SessionFilter) -> Filter {
        Filter {
            tags: f.tags,
            tag_mode: f.tag_mode,
            category: f.category,
            locale: f.locale,
            text: f.text,
            drafts: f.drafts,
        }
    }
}

impl SessionFilter {
    /// The [`Filter`] this describes.
    pub fn to_filter(&self) -> Filter {
        Filter::from(self.clone())
    }
}

/// `TagMode` as `"all"`/`"any"` (the index's type serialises but does not deserialise).
mod tag_mode_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::index::TagMode;

    pub fn serialize<S: Serializer>(mode: &TagMode, s: S) -> Result<S::Ok, S::Error> {
        mode.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TagMode, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "lowercase")]
        enum Mode {
            All,
            Any,
        }
        Ok(match Mode::deserialize(d)? {
            Mode::All => TagMode::All,
            Mode::Any => TagMode::Any,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_read_leniently() {
        let s: Session = serde_json::from_str("{}").expect("empty session");
        assert_eq!(s, Session::default());
        let s: Session = serde_json::from_str(
            r#"{"selected":"a/ja","filter":{"tags":["x"],"tag_mode":"any"},"later":1}"#,
        )
        .expect("session");
        assert_eq!(s.selected.as_deref(), Some("a/ja"));
        assert_eq!(s.filter.tag_mode, TagMode::Any);
        assert!(serde_json::from_str::<Session>(r#"{"filter":{"tag_mode":"some"}}"#).is_err());
        assert_eq!(s.mascot, None, "a file from before the mascot was kept");
        let hidden = Session {
            mascot: Some(false),
            ..Session::default()
        };
        let text = serde_json::to_string(&hidden).expect("json");
        assert!(text.contains(r#""mascot":false"#), "{text}");
        assert_eq!(serde_json::from_str::<Session>(&text).ok(), Some(hidden));
        let unsaid = serde_json::to_string(&Session::default()).expect("json");
        assert!(!unsaid.contains("mascot"), "{unsaid}");
    }
}
