//! Related articles: the ones that share the most tags with an article, then the nearest in
//! date, preferring the article's own language; and their section at the end of the body.

use std::cmp::Reverse;
use std::collections::HashSet;

use crate::article::Article;
use crate::date::Date;
use crate::fold::fold;
use crate::index::Index;
use crate::markdown::rule_line;
use crate::text::sanitize::sanitize_inline;
use crate::text::wrap::wrap_str;
use crate::text::{LayoutOptions, Line, Role, Span, Style, str_width};

/// The heading of the related-articles section.
pub const HEADING: &str = "関連記事 Related";

/// Days since 1970-01-01 (proleptic Gregorian), for distances between dates.
fn days(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// What related articles are found for: the article's folded tags, the ids no longer
/// offered (its own, its translations', and those of every article already chosen) and its
/// day.
struct Subject<'a> {
    tags: HashSet<String>,
    taken: HashSet<&'a str>,
    day: Option<i64>,
}

impl<'a> Subject<'a> {
    /// None when there is no such article, it has no tags, or nothing is wanted.
    fn of(index: &'a Index, position: usize, n: usize) -> Option<Subject<'a>> {
        let me = index.get(position)?;
        let tags: HashSet<String> = me.tags.iter().map(|t| fold(t)).collect();
        if tags.is_empty() || n == 0 {
            return None;
        }
        let taken = std::iter::once(me.id.as_str())
            .chain(me.translations.iter().map(String::as_str))
            .collect();
        Some(Subject {
            tags,
            taken,
            day: me.date.map(days),
        })
    }

    /// Days between the article and one of `date` (the farthest possible when either has no
    /// date).
    fn distance(&self, date: Option<Date>) -> i64 {
        match (self.day, date.map(days)) {
            (Some(x), Some(y)) => (x - y).abs(),
            _ => i64::MAX,
        }
    }

    /// Offer `a` unless it (or a translation of it) was offered already; true if offered.
    fn take(&mut self, a: &'a Article) -> bool {
        if !self.taken.insert(a.id.as_str()) {
            return false;
        }
        self.taken.extend(a.translations.iter().map(String::as_str));
        true
    }
}

/// Up to `n` articles related to the one at `position` (positions in the index), best first:
/// those sharing the most tags (folded: `AI` and `ＡＩ` are one tag), then in the same
/// language, then nearest in date, then newest first. The article's own translations are
/// left out, and of an article and its translations only one is offered (the one in the
/// same language when there is one). Articles sharing no tag are never offered.
pub fn related(index: &Index, position: usize, n: usize) -> Vec<usize> {
    let Some(mut subject) = Subject::of(index, position, n) else {
        return Vec::new();
    };
    let my_tags = &subject.tags;
    // How many of my tags each article shares, from the index's tag lists: only the
    // articles sharing a tag are looked at.
    let mut shared = vec![0u16; index.articles().len()];
    for tag in my_tags {
        for &i in index.with_tag(tag) {
            if let Some(count) = shared.get_mut(i) {
                *count = count.saturating_add(1);
            }
        }
    }
    // One pass over a compact array: a tag shared with half the folder makes tens of
    // thousands of candidates, and following each one's pointers cost more than the rest.
    // The ids already taken (mine, my translations') are left to `take` below.
    let dated = index.dated();
    let mine = dated.get(position).map(|d| d.locale);
    let mut scored: Vec<(u16, bool, i64, usize)> = shared
        .iter()
        .zip(dated)
        .enumerate()
        .filter(|&(i, (count, _))| *count > 0 && i != position)
        .map(|(i, (&count, d))| (count, Some(d.locale) == mine, subject.distance(d.date), i))
        .collect();
    // Best first: most shared tags, same language, nearest date, then position (unique).
    let key = |&(count, same, distance, i): &(u16, bool, i64, usize)| {
        (Reverse(count), Reverse(same), distance, i)
    };
    let mut out = Vec::new();
    // Only the best few are put in order: a tag shared with half the folder must not make
    // every move sort thousands of candidates. Translations of those taken are skipped, so
    // the next few are ordered when these run out.
    let mut rest: &mut [(u16, bool, i64, usize)] = &mut scored;
    while out.len() < n && !rest.is_empty() {
        let k = (4 * n).min(rest.len());
        if k < rest.len() {
            rest.select_nth_unstable_by_key(k - 1, key);
        }
        let (head, tail) = std::mem::take(&mut rest).split_at_mut(k);
        head.sort_unstable_by_key(key);
        for &(_, _, _, i) in head.iter() {
            if out.len() == n {
                break;
            }
            if index.get(i).is_some_and(|a| subject.take(a)) {
                out.push(i);
            }
        }
        rest = tail;
    }
    out
}

/// The related-articles section: a blank line, a rule, the heading, then one numbered entry
/// per article (`1. title  date · locale`), wrapped under itself. Empty when `positions` is.
pub fn section_lines(
    index: &Index,
    positions: &[usize],
    width: usize,
    opts: &LayoutOptions,
) -> Vec<Line> {
    if positions.is_empty() {
        return Vec::new();
    }
    let width = width.max(1);
    let amb = opts.ambiguous;
    let mut out = vec![Line::default(), rule_line(width, amb)];
    for part in wrap_str(HEADING, width, opts) {
        let style = Style {
            bold: true,
            ..Style::role(Role::Heading(2))
        };
        out.push(Line::from_spans(vec![Span::new(part, style)]));
    }
    for (k, &p) in positions.iter().enumerate() {
        let Some(a) = index.get(p) else { continue };
        let mark = format!("{}. ", k + 1);
        let mark_w = str_width(&mark, amb);
        let room = width.saturating_sub(mark_w).max(1);
        let meta = match a.date {
            Some(d) => format!("{d} · {}", a.locale),
            None => a.locale.clone(),
        };
        let title = sanitize_inline(&a.title);
        let mut rows: Vec<(String, Role)> = wrap_str(&title, room, opts)
            .into_iter()
            .map(|s| (s, Role::Link))
            .collect();
        rows.extend(
            wrap_str(&sanitize_inline(&meta), room, opts)
                .into_iter()
                .map(|s| (s, Role::Meta)),
        );
        for (r, (text, role)) in rows.into_iter().enumerate() {
            let lead = if r == 0 && mark_w < width {
                mark.clone()
            } else if mark_w < width {
                " ".repeat(mark_w)
            } else {
                String::new()
            };
            out.push(Line::from_spans(vec![
                Span::new(lead, Style::role(Role::ListMarker)),
                Span::new(text, Style::role(role)),
            ]));
        }
    }
    out
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::article::Article;
    use crate::loader::Loaded;

    fn article(id: &str, date: (i32, u8, u8), tags: &[&str]) -> Article {
        Article {
            title: format!("title of {id}"),
            date: Date::new(date.0, date.1, date.2),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            locale: id.rsplit('/').next().unwrap_or("ja").to_string(),
            ..Article::blank(id)
        }
    }

    fn pair(folder: &str, date: (i32, u8, u8), tags: &[&str]) -> [Article; 2] {
        let mut ja = article(&format!("{folder}/ja"), date, tags);
        let mut en = article(&format!("{folder}/en"), date, tags);
        ja.translations = vec![en.id.clone()];
        en.translations = vec![ja.id.clone()];
        [ja, en]
    }

    fn index(articles: Vec<Article>) -> Index {
        Index::new(Loaded {
            articles,
            diagnostics: Vec::new(),
        })
    }

    fn ids(ix: &Index, ps: &[usize]) -> Vec<String> {
        ps.iter().map(|&p| ix.articles()[p].id.clone()).collect()
    }

    fn related_ids(ix: &Index, id: &str, n: usize) -> Vec<String> {
        let p = ix.position(id).expect("id");
        ids(ix, &related(ix, p, n))
    }

    /// The first way `related` was written: every article scored, the whole list sorted.
    fn related_by_full_sort(index: &Index, position: usize, n: usize) -> Vec<usize> {
        let Some(mut subject) = Subject::of(index, position, n) else {
            return Vec::new();
        };
        let mut scored: Vec<(usize, bool, i64, usize)> = index
            .articles()
            .iter()
            .enumerate()
            .filter(|(_, a)| !subject.taken.contains(a.id.as_str()))
            .filter_map(|(i, a)| {
                let mut folded: Vec<String> = a.tags.iter().map(|t| fold(t)).collect();
                folded.sort();
                folded.dedup();
                let shared = folded.iter().filter(|t| subject.tags.contains(*t)).count();
                if shared == 0 {
                    return None;
                }
                let same = Some(&a.locale) == index.get(position).map(|me| &me.locale);
                Some((shared, same, subject.distance(a.date), i))
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        let mut out = Vec::new();
        for (_, _, _, i) in scored {
            if out.len() == n {
                break;
            }
            if index.get(i).is_some_and(|a| subject.take(a)) {
                out.push(i);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_tag_lists_give_what_scoring_everything_gave(
            specs in proptest::collection::vec(
                (0usize..40, 0u8..3, 1u8..28, proptest::collection::vec(0usize..6, 0..4)),
                1..60,
            ),
            n in 0usize..8,
        ) {
            const TAGS: [&str; 6] = ["AI", "ＡＩ", "ai", "GPU", "クラウド", "Rust"];
            let mut all = Vec::new();
            for (k, (folder, lang, day, tags)) in specs.iter().enumerate() {
                let tags: Vec<&str> = tags.iter().map(|&t| TAGS[t]).collect();
                let id = format!("f{folder}/{}", ["ja", "en", "x"][usize::from(*lang)]);
                if all.iter().any(|a: &Article| a.id == id) {
                    continue;
                }
                let mut a = article(&id, (2026, 1 + (k % 12) as u8, *day), &tags);
                a.locale = ["ja", "en", "x"][usize::from(*lang)].to_string();
                all.push(a);
            }
            crate::loader::link_translations(&mut all);
            let ix = index(all);
            for p in 0..ix.articles().len() {
                proptest::prop_assert_eq!(related(&ix, p, n), related_by_full_sort(&ix, p, n));
            }
        }
    }

    #[test]
    fn most_shared_tags_first_then_nearest_date() {
        let ix = index(vec![
            article("a/ja", (2026, 3, 1), &["AI", "クラウド", "GPU"]),
            article("two/ja", (2025, 1, 1), &["ai", "GPU"]),
            article("near/ja", (2026, 2, 27), &["AI"]),
            article("far/ja", (2020, 1, 1), &["ＡＩ"]),
            article("later/ja", (2026, 3, 10), &["GPU"]),
            article("none/ja", (2026, 3, 1), &["料理"]),
        ]);
        assert_eq!(
            related_ids(&ix, "a/ja", 5),
            ["two/ja", "near/ja", "later/ja", "far/ja"]
        );
        assert_eq!(related_ids(&ix, "a/ja", 2), ["two/ja", "near/ja"]);
        assert!(related_ids(&ix, "none/ja", 5).is_empty());
        assert!(related(&ix, 999, 5).is_empty());
    }

    #[test]
    fn same_language_preferred_translations_left_out_and_pairs_offered_once() {
        let mut all = Vec::new();
        all.extend(pair("me", (2026, 5, 1), &["AI", "Claude"]));
        all.extend(pair("other", (2026, 4, 1), &["Claude"]));
        all.push(article("solo/en", (2026, 4, 30), &["AI"]));
        let ix = index(all);
        assert_eq!(
            related_ids(&ix, "me/ja", 5),
            ["other/ja", "solo/en"],
            "own translation out; other/en not offered besides other/ja"
        );
        assert_eq!(related_ids(&ix, "me/en", 5), ["solo/en", "other/en"]);
    }

    #[test]
    fn no_tags_no_related_and_n_caps() {
        let ix = index(vec![
            article("a/ja", (2026, 1, 1), &[]),
            article("b/ja", (2026, 1, 1), &[]),
        ]);
        assert!(related_ids(&ix, "a/ja", 5).is_empty());
        let many: Vec<Article> = (0..8)
            .map(|i| article(&format!("{i}/ja"), (2026, 1, 1 + i), &["x"]))
            .collect();
        let ix = index(many);
        assert_eq!(related_ids(&ix, "0/ja", 5).len(), 5);
        assert_eq!(related_ids(&ix, "0/ja", 0).len(), 0);
    }

    #[test]
    fn days_count_real_calendar_days() {
        let d = |y, m, dd| days(Date::new(y, m, dd).expect("date"));
        assert_eq!(d(1970, 1, 1), 0);
        assert_eq!(d(2024, 3, 1) - d(2024, 2, 28), 2);
        assert_eq!(d(2025, 1, 1) - d(2024, 12, 31), 1);
    }
}
