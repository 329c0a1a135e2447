//! Translations: the articles of one folder whose file names differ only by the locale
//! (`slug/ja` + `slug/en`, or `post.ja` + `post.en`), linked both ways. The one linker, for
//! the scanner and the cacheless load.

use std::collections::HashMap;
use std::path::Path;

use crate::article::Article;
use crate::metadata;

/// Link files in the same folder that differ only by the locale in their name
/// (`slug/ja` + `slug/en`, or `post.ja` + `post.en`).
pub fn link_translations(articles: &mut [Article]) {
    link_translations_by(articles, |a| a, |a, t| a.translations = t);
}

/// The one translation linker, over any list of articles: works out each article's
/// translations (the other articles in its folder whose name differs from its own only by
/// the locale, ordered by id) and hands them to `set` for every article whose translations
/// are not those already (so shared articles are copied only when they change).
pub fn link_translations_by<T>(
    items: &mut [T],
    article: impl Fn(&T) -> &Article,
    mut set: impl FnMut(&mut T, Vec<String>),
) {
    let changes: Vec<(usize, Vec<String>)> = {
        let articles: Vec<&Article> = items.iter().map(&article).collect();
        translation_indices(&articles)
            .into_iter()
            .enumerate()
            .filter_map(|(i, others)| {
                let now = &articles[i].translations;
                let same = now.len() == others.len()
                    && now.iter().zip(&others).all(|(t, &j)| *t == articles[j].id);
                (!same).then(|| (i, others.iter().map(|&j| articles[j].id.clone()).collect()))
            })
            .collect()
    };
    for (i, ids) in changes {
        if let Some(item) = items.get_mut(i) {
            set(item, ids);
        }
    }
}

/// For each article (in the order given), the positions of its translations, ordered by id.
fn translation_indices(articles: &[&Article]) -> Vec<Vec<usize>> {
    // Keyed by root, folder and the name without its locale, all borrowed.
    let mut groups: HashMap<(&Path, &str, &str), Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        let (folder, name) = a.id.rsplit_once('/').unwrap_or(("", a.id.as_str()));
        let Some(code) = metadata::locale_from_file_name(name) else {
            continue;
        };
        let base = name.strip_suffix(code).unwrap_or("").trim_end_matches('.');
        groups
            .entry((a.root.as_path(), folder, base))
            .or_default()
            .push(i);
    }
    let mut linked = vec![Vec::new(); articles.len()];
    for members in groups.values_mut().filter(|m| m.len() > 1) {
        members.sort_by(|&x, &y| articles[x].id.cmp(&articles[y].id));
        for &i in members.iter() {
            linked[i] = members.iter().copied().filter(|&j| j != i).collect();
        }
    }
    linked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_memory};

    #[test]
    fn only_articles_whose_translations_change_are_set() {
        let files: [(&str, &[u8]); 4] = [
            ("s/ja.md", b"# ja\n"),
            ("s/en.md", b"# en\n"),
            ("p.ja.md", b"# p\n"),
            ("alone.md", b"# alone\n"),
        ];
        let mut articles = load_memory(Path::new("r"), &files, &LoadOptions::default()).articles;
        let id = |a: &Article| a.id.clone();
        let linked: Vec<(String, Vec<String>)> = articles
            .iter()
            .map(|a| (id(a), a.translations.clone()))
            .collect();
        assert!(linked.contains(&("s/ja".into(), vec!["s/en".into()])));
        assert!(linked.contains(&("s/en".into(), vec!["s/ja".into()])));
        assert!(linked.contains(&("p.ja".into(), vec![])));
        let mut set = Vec::new();
        link_translations_by(&mut articles, |a| a, |a, _| set.push(a.id.clone()));
        assert!(set.is_empty(), "nothing changed: {set:?}");
        articles.retain(|a| a.id != "s/en");
        link_translations_by(
            &mut articles,
            |a| a,
            |a, t| {
                set.push(a.id.clone());
                a.translations = t;
            },
        );
        assert_eq!(set, ["s/ja"]);
    }
}
