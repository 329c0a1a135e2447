//! What the help screen says, and its rows at a width: the key table's sections (basic keys
//! first), the mouse's part when the mouse is on, narrowed to the entries a query finds.

use super::super::keymap::Keymap;
use super::super::mouse;
use crate::fold::fold;
use crate::search::split_matches;
use crate::text::truncate::truncate_with;
use crate::text::wrap::{LayoutOptions, wrap_str};

/// One key (or what the mouse does) and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The keys as the table writes them (`j, down`).
    pub keys: String,
    /// The action's name in the table (empty for the mouse).
    pub action: String,
    /// What it does.
    pub description: String,
}

impl Entry {
    /// Whether every folded query word is in its keys, its action's name or its description.
    fn found_by(&self, words: &[String]) -> bool {
        let text = fold(&format!(
            "{} {} {}",
            self.keys, self.action, self.description
        ));
        words.iter().all(|w| text.contains(w.as_str()))
    }
}

/// A heading, a line about the section, and its entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub title: String,
    /// A line under the heading, if the section has one.
    pub note: Option<&'static str>,
    /// The entries.
    pub entries: Vec<Entry>,
}

/// The help's sections from `keymap`, in its order, and the mouse's when `mouse` is on.
pub fn sections(keymap: &Keymap, mouse: bool) -> Vec<Section> {
    use super::super::keymap::Context;
    let mut out: Vec<Section> = keymap
        .sections()
        .into_iter()
        .map(|s| Section {
            title: s.title.to_string(),
            note: match s.context {
                Some(Context::Picker) => Some("type letters to narrow the tags"),
                Some(Context::Search) => {
                    Some("type to narrow the list; words all match, \"quote\" phrases")
                }
                _ => None,
            },
            entries: s
                .bindings
                .iter()
                .map(|b| Entry {
                    keys: b.keys_text.clone(),
                    action: b.action_name.clone(),
                    description: b.description.clone(),
                })
                .collect(),
        })
        .collect();
    if mouse {
        out.push(Section {
            title: mouse::HELP_TITLE.to_string(),
            note: None,
            entries: mouse::HELP
                .iter()
                .map(|(what, does)| Entry {
                    keys: (*what).to_string(),
                    action: String::new(),
                    description: (*does).to_string(),
                })
                .collect(),
        });
    }
    out
}

/// What a row of the help screen is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A section's heading.
    Heading,
    /// A note, an entry or a blank line.
    Text,
}

/// One row of the help screen: its pieces, each marked whether it is part of a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Heading or text.
    pub kind: RowKind,
    /// The row's text in pieces; `true` marks what the query matched.
    pub pieces: Vec<(String, bool)>,
}

impl Row {
    fn plain(kind: RowKind, text: String) -> Row {
        Row {
            kind,
            pieces: vec![(text, false)],
        }
    }

    /// The row's text.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|(t, _)| t.as_str()).collect()
    }
}

/// How rows are laid out: the width inside the frame, the width function's settings and the
/// ellipsis a cut key ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowFit {
    /// Columns for a row.
    pub width: usize,
    /// Ambiguous width and line-breaking strictness.
    pub layout: LayoutOptions,
    /// What ends a cut text.
    pub ellipsis: &'static str,
}

/// The rows of `sections` at `fit`: only the entries every folded query word in `words`
/// finds (all of them when there are none), under their headings, with the matches marked.
/// Also says how many entries were found.
pub fn lay_out(sections: &[Section], words: &[String], fit: &RowFit) -> (Vec<Row>, usize) {
    let keys_w = 18.min(fit.width / 2);
    let desc_w = fit.width.saturating_sub(keys_w + 1).max(1);
    let mut rows = Vec::new();
    let mut found = 0;
    for section in sections {
        let entries: Vec<&Entry> = section
            .entries
            .iter()
            .filter(|e| e.found_by(words))
            .collect();
        if entries.is_empty() {
            continue;
        }
        found += entries.len();
        if !rows.is_empty() {
            rows.push(Row::plain(RowKind::Text, String::new()));
        }
        rows.push(Row::plain(RowKind::Heading, section.title.clone()));
        if let Some(note) = section.note.filter(|_| words.is_empty()) {
            for part in wrap_str(note, fit.width.max(1), &fit.layout) {
                rows.push(Row::plain(RowKind::Text, part));
            }
        }
        for e in entries {
            entry_rows(&mut rows, e, words, fit, (keys_w, desc_w));
        }
    }
    (rows, found)
}

/// The rows of one entry: its keys in a column of `keys_w`, its description wrapped to
/// `desc_w` beside them.
fn entry_rows(
    rows: &mut Vec<Row>,
    e: &Entry,
    words: &[String],
    fit: &RowFit,
    (keys_w, desc_w): (usize, usize),
) {
    let keys = truncate_with(&e.keys, keys_w, fit.layout.ambiguous, fit.ellipsis);
    for (i, part) in wrap_str(&e.description, desc_w, &fit.layout)
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 {
            keys.clone()
        } else {
            " ".repeat(keys_w)
        };
        rows.push(Row {
            kind: RowKind::Text,
            pieces: split_matches(&format!("{lead} {part}"), words),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse_query;

    fn fit(width: usize) -> RowFit {
        RowFit {
            width,
            layout: LayoutOptions::default(),
            ellipsis: "…",
        }
    }

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter().map(Row::text).collect()
    }

    #[test]
    fn the_basic_keys_come_first_and_every_row_of_the_table_once() {
        let keymap = Keymap::default_keys();
        let (rows, found) = lay_out(&sections(&keymap, false), &[], &fit(70));
        assert_eq!(found, keymap.bindings().len());
        assert_eq!(rows[0].text(), crate::tui::keymap::BASIC_TITLE);
        assert_eq!(rows[0].kind, RowKind::Heading);
        let quit = texts(&rows).iter().position(|r| r.ends_with(" Quit"));
        let everywhere = texts(&rows).iter().position(|r| r == "Everywhere");
        assert!(quit < everywhere, "{:#?}", texts(&rows));
    }

    #[test]
    fn the_mouse_has_its_section_when_it_is_on() {
        let keymap = Keymap::default_keys();
        let on = sections(&keymap, true);
        let mouse = on.last().expect("sections");
        assert_eq!(mouse.title, mouse::HELP_TITLE);
        assert_eq!(mouse.entries.len(), mouse::HELP.len());
        let off = sections(&keymap, false);
        assert!(off.iter().all(|s| s.title != mouse::HELP_TITLE));
        assert_eq!(on.len(), off.len() + 1);
    }

    #[test]
    fn a_query_keeps_the_entries_it_finds_under_their_headings() {
        let keymap = Keymap::default_keys();
        let all = sections(&keymap, true);
        // Folded: full-width letters and capitals find the same entries.
        for query in ["page DOWN", "ｐａｇｅ　ｄｏｗｎ"] {
            let (rows, found) = lay_out(&all, &parse_query(query), &fit(70));
            let text = texts(&rows);
            assert_eq!(found, 2, "{query}: {text:#?}");
            assert!(text.contains(&"Basic keys".to_string()), "{text:#?}");
            assert!(text.contains(&"Help screen".to_string()), "{text:#?}");
            assert!(
                rows.iter()
                    .any(|r| r.pieces.iter().any(|(t, hit)| *hit && t == "Page"))
            );
            assert!(!text.iter().any(|t| t.contains("Quit")), "{text:#?}");
        }
        let (rows, found) = lay_out(&all, &parse_query("wheel"), &fit(70));
        assert_eq!(found, 1);
        assert_eq!(rows[0].text(), mouse::HELP_TITLE);
        let (rows, found) = lay_out(&all, &parse_query("no such key"), &fit(70));
        assert_eq!((rows.len(), found), (0, 0));
    }

    #[test]
    fn action_names_find_their_keys_too() {
        let keymap = Keymap::default_keys();
        let (rows, found) = lay_out(
            &sections(&keymap, false),
            &parse_query("toggle-sort"),
            &fit(70),
        );
        assert_eq!(found, 1);
        assert!(rows[1].text().starts_with('O'), "{:#?}", texts(&rows));
    }

    #[test]
    fn narrow_rows_wrap_descriptions_under_themselves_and_cut_keys() {
        let keymap = Keymap::default_keys();
        let (rows, _) = lay_out(&sections(&keymap, false), &[], &fit(24));
        let width = |r: &Row| crate::text::str_width(&r.text(), Default::default());
        assert!(rows.iter().all(|r| width(r) <= 24), "{:#?}", texts(&rows));
        assert!(
            texts(&rows).iter().any(|t| t.starts_with("            ")),
            "a wrapped description"
        );
        assert!(texts(&rows).iter().any(|t| t.contains('…')), "a cut key");
    }
}
