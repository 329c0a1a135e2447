//! "Did you mean …?": the closest known name to a misspelt one.

/// Edit distance counting an adjacent swap as one edit (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// Lower case, with `-` and spaces read as `_`.
fn normal(s: &str) -> String {
    s.to_lowercase().replace(['-', ' '], "_")
}

/// The known name closest to `word`, if one is close enough to be what was meant: the same
/// apart from case and `-`/`_`, a few edits away (one more for every five letters), or
/// `word` is the start of it (at least four letters, like `date` for `date_format`).
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = normal(word);
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let n = normal(k);
        let d = if n == w {
            0
        } else if w.chars().count() >= 4 && n.starts_with(&w) {
            1
        } else {
            distance(&w, &n)
        };
        let limit = 1 + n.chars().count() / 5;
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::config::KEYS;

    #[test]
    fn suggests_near_names_only() {
        let c = |w: &str| closest(w, KEYS);
        assert_eq!(c("themes"), Some("theme"));
        assert_eq!(c("Theme"), Some("theme"));
        assert_eq!(c("acsii"), Some("ascii"));
        assert_eq!(c("date-format"), Some("date_format"));
        assert_eq!(c("date"), Some("date_format"));
        assert_eq!(c("mascot"), Some("mascot_field"));
        assert_eq!(c("ambiguous"), Some("ambiguous_width"));
        assert_eq!(c("key"), Some("keys"));
        assert_eq!(c("colour"), Some("colors"));
        assert_eq!(c("mice"), None);
        assert_eq!(c("xyz"), None);
        assert_eq!(c(""), None);
        assert_eq!(closest("colours", ["base", "colors"]), Some("colors"));
    }
}
