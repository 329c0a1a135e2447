//! The reading state in memory: a map of last-writer-wins fields that merges with another copy
//! of itself field by field, so merging is order-independent and repeatable.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Session;

/// When a change was made: microseconds since the Unix epoch, bumped past every stamp the store
/// has seen so that a change made after reading another process's change always wins over it.
pub(crate) type Stamp = u64;

/// A value with the stamp of the change that set it; `[value, stamp]` in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamped<T>(pub T, pub Stamp);

/// The per-article fields; `None` means never set (the default applies).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    /// Read (`true`) or unread.
    pub read: Option<Stamped<bool>>,
    /// Starred.
    pub starred: Option<Stamped<bool>>,
    /// The first visible line of the body.
    pub position: Option<Stamped<usize>>,
}

/// Take `theirs` if it is newer: the later stamp wins; on equal stamps the larger value wins, so
/// every process settles on the same value.
fn take_newer<T: Ord + Copy>(mine: &mut Option<Stamped<T>>, theirs: Option<Stamped<T>>) {
    if let Some(t) = theirs {
        let newer = match mine {
            None => true,
            Some(m) => (t.1, t.0) > (m.1, m.0),
        };
        if newer {
            *mine = Some(t);
        }
    }
}

/// Whether `theirs` wins over `mine`: the later stamp; on equal stamps the one whose JSON sorts
/// last, so every process settles on the same session.
fn newer_session(theirs: &Stamped<Session>, mine: &Stamped<Session>) -> bool {
    let json = |s: &Session| serde_json::to_string(s).unwrap_or_default();
    theirs.1 > mine.1 || (theirs.1 == mine.1 && json(&theirs.0) > json(&mine.0))
}

impl Fields {
    /// Merge `other` into `self`, field by field.
    pub fn merge(&mut self, other: &Fields) {
        take_newer(&mut self.read, other.read);
        take_newer(&mut self.starred, other.starred);
        take_newer(&mut self.position, other.position);
    }

    /// The newest stamp of any field (0 if none is set).
    pub fn max_stamp(&self) -> Stamp {
        [
            self.read.map(|s| s.1),
            self.starred.map(|s| s.1),
            self.position.map(|s| s.1),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
    }
}

/// The state of one article under one root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Index into [`Data::roots`].
    pub root: u32,
    /// Its fields.
    pub fields: Fields,
}

/// A set of roots as a session's key: indexes into [`Data::roots`], sorted, each once.
pub(crate) type RootSet = Vec<u32>;

/// Everything the state file holds.
#[derive(Clone, Debug, Default)]
pub(crate) struct Data {
    /// Canonical root paths; entries refer to them by index. Only ever appended to, so an index
    /// stays valid for the life of the store.
    pub roots: Vec<String>,
    /// Root path -> index into `roots`.
    root_index: HashMap<String, u32>,
    /// Article id -> its entries, one per root (almost always exactly one).
    pub articles: HashMap<String, Vec<Entry>>,
    /// The last session of each set of roots.
    pub sessions: HashMap<RootSet, Stamped<Session>>,
    /// The one session of a version-1 file, until a set of roots takes it: only while no set
    /// has a session of its own.
    pub unclaimed: Option<Stamped<Session>>,
    /// The newest stamp seen.
    pub max_stamp: Stamp,
}

impl Data {
    /// The index of a root, if any entry was ever made under it.
    pub fn root_index(&self, root: &str) -> Option<u32> {
        self.root_index.get(root).copied()
    }

    /// The index of a root, adding it if new.
    pub fn intern_root(&mut self, root: &str) -> u32 {
        if let Some(&i) = self.root_index.get(root) {
            return i;
        }
        // More than u32::MAX distinct roots cannot be held in memory; saturating keeps this
        // panic-free all the same.
        let i = u32::try_from(self.roots.len()).unwrap_or(u32::MAX);
        self.roots.push(root.to_owned());
        self.root_index.insert(root.to_owned(), i);
        i
    }

    /// The keying rule for reading: the entry for exactly (`root`, `id`) if there is one, else
    /// the only entry for `id` under any root (a moved folder), else nothing.
    pub fn lookup(&self, root: Option<u32>, id: &str) -> Option<&Fields> {
        let entries = self.articles.get(id)?;
        if let Some(r) = root {
            if let Some(e) = entries.iter().find(|e| e.root == r) {
                return Some(&e.fields);
            }
        }
        match entries.as_slice() {
            [only] => Some(&only.fields),
            _ => None,
        }
    }

    /// The keying rule for writing: the entry for exactly (`root`, `id`), made if missing. A new
    /// entry starts as a copy of what [`Data::lookup`] would have shown (the moved folder's
    /// entry), so a change never makes the other fields jump back to their defaults; the other
    /// root's entry itself is never changed.
    pub fn entry_for_write(&mut self, root: u32, id: &str) -> &mut Fields {
        let inherited = self.lookup(Some(root), id).copied().unwrap_or_default();
        // One small allocation per user change; not on any hot path.
        let entries = self.articles.entry(id.to_owned()).or_default();
        let i = match entries.iter().position(|e| e.root == root) {
            Some(i) => i,
            None => {
                entries.push(Entry {
                    root,
                    fields: inherited,
                });
                entries.len() - 1
            }
        };
        &mut entries[i].fields
    }

    /// Merge one entry under exactly (`root`, `id`) (no fallback: merging is by exact key).
    pub fn merge_entry(&mut self, root: u32, id: &str, fields: &Fields) {
        self.max_stamp = self.max_stamp.max(fields.max_stamp());
        let new = Entry {
            root,
            fields: *fields,
        };
        let Some(entries) = self.articles.get_mut(id) else {
            self.articles.insert(id.to_owned(), vec![new]);
            return;
        };
        match entries.iter_mut().find(|e| e.root == root) {
            Some(e) => e.fields.merge(fields),
            None => entries.push(new),
        }
    }

    /// `roots` as a set: sorted, each once.
    pub fn root_set(mut roots: Vec<u32>) -> RootSet {
        roots.sort_unstable();
        roots.dedup();
        roots
    }

    /// The session of a set of roots, else the unclaimed one of a version-1 file, if any.
    pub fn session_of(&self, set: &[u32]) -> Option<&Stamped<Session>> {
        self.sessions.get(set).or(self.unclaimed.as_ref())
    }

    /// Merge the session of a set of roots (made with [`Data::root_set`]): the newer one wins. Once any set has a session, the unclaimed
    /// one is gone: the set that saved first has taken it.
    pub fn merge_session(&mut self, set: RootSet, session: &Stamped<Session>) {
        self.max_stamp = self.max_stamp.max(session.1);
        let mine = self.sessions.entry(set).or_insert_with(|| session.clone());
        if newer_session(session, mine) {
            *mine = session.clone();
        }
        self.unclaimed = None;
    }

    /// Merge a version-1 file's session: kept, the newer stamp winning, only while no set of
    /// roots has a session.
    pub fn merge_unclaimed(&mut self, session: Option<&Stamped<Session>>) {
        let Some(theirs) = session else { return };
        self.max_stamp = self.max_stamp.max(theirs.1);
        if self.sessions.is_empty()
            && self
                .unclaimed
                .as_ref()
                .is_none_or(|m| newer_session(theirs, m))
        {
            self.unclaimed = Some(theirs.clone());
        }
    }

    /// Merge everything in `other` into `self`. Commutative, associative and idempotent up to
    /// root numbering, so the order in which processes save does not matter.
    pub fn merge_from(&mut self, other: &Data) {
        let roots: Vec<u32> = other.roots.iter().map(|r| self.intern_root(r)).collect();
        let mapped = |r: u32| roots.get(r as usize).copied();
        for (id, entries) in &other.articles {
            for e in entries {
                if let Some(root) = mapped(e.root) {
                    self.merge_entry(root, id, &e.fields);
                }
            }
        }
        for (set, session) in &other.sessions {
            if let Some(set) = set.iter().map(|&r| mapped(r)).collect::<Option<Vec<u32>>>() {
                self.merge_session(Data::root_set(set), session);
            }
        }
        self.merge_unclaimed(other.unclaimed.as_ref());
        self.max_stamp = self.max_stamp.max(other.max_stamp);
    }

    /// Number of (root, id) entries.
    pub fn entry_count(&self) -> usize {
        self.articles.values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(read: Option<(bool, u64)>, pos: Option<(usize, u64)>) -> Fields {
        Fields {
            read: read.map(|(v, t)| Stamped(v, t)),
            starred: None,
            position: pos.map(|(v, t)| Stamped(v, t)),
        }
    }

    #[test]
    fn newest_field_wins_and_ties_pick_the_larger_value() {
        let mut a = fields(Some((true, 5)), Some((10, 9)));
        a.merge(&fields(Some((false, 6)), Some((3, 2))));
        assert_eq!(a, fields(Some((false, 6)), Some((10, 9))));
        let mut b = fields(Some((false, 7)), None);
        b.merge(&fields(Some((true, 7)), None));
        assert_eq!(b.read, Some(Stamped(true, 7)));
        let mut c = fields(Some((true, 7)), None);
        c.merge(&fields(Some((false, 7)), None));
        assert_eq!(c.read, Some(Stamped(true, 7)));
    }

    #[test]
    fn merge_is_order_independent() {
        let mut x = Data::default();
        let r = x.intern_root("/a");
        x.merge_entry(r, "one", &fields(Some((true, 1)), None));
        x.merge_entry(r, "two", &fields(None, Some((4, 3))));
        let mut y = Data::default();
        let r2 = y.intern_root("/b");
        let r1 = y.intern_root("/a");
        y.merge_entry(r1, "one", &fields(Some((false, 2)), Some((8, 1))));
        y.merge_entry(r2, "one", &fields(Some((true, 9)), None));

        let mut xy = x.clone();
        xy.merge_from(&y);
        let mut yx = y.clone();
        yx.merge_from(&x);
        yx.merge_from(&x);
        for root in ["/a", "/b"] {
            for id in ["one", "two"] {
                let a = xy.lookup(xy.root_index(root), id).copied();
                let b = yx.lookup(yx.root_index(root), id).copied();
                assert_eq!(a, b, "{root} {id}");
            }
        }
        let one_a = xy.lookup(xy.root_index("/a"), "one").copied();
        assert_eq!(one_a, Some(fields(Some((false, 2)), Some((8, 1)))));
        assert_eq!(xy.max_stamp, 9);
    }

    #[test]
    fn lookup_prefers_exact_then_the_only_entry() {
        let mut d = Data::default();
        let a = d.intern_root("/a");
        let b = d.intern_root("/b");
        d.merge_entry(a, "x", &fields(Some((true, 1)), None));
        assert!(d.lookup(Some(b), "x").is_some(), "only entry: fallback");
        assert!(d.lookup(None, "x").is_some());
        d.merge_entry(b, "x", &fields(Some((false, 2)), None));
        assert_eq!(
            d.lookup(Some(b), "x").and_then(|f| f.read),
            Some(Stamped(false, 2))
        );
        assert_eq!(
            d.lookup(Some(a), "x").and_then(|f| f.read),
            Some(Stamped(true, 1))
        );
        assert!(d.lookup(None, "x").is_none(), "two entries: ambiguous");
        assert!(d.lookup(Some(a), "y").is_none());
    }

    #[test]
    fn writing_under_a_new_root_copies_and_leaves_the_old_entry() {
        let mut d = Data::default();
        let old = d.intern_root("/old");
        d.merge_entry(old, "x", &fields(Some((true, 1)), None));
        let new = d.intern_root("/new");
        d.entry_for_write(new, "x").position = Some(Stamped(7, 2));
        assert_eq!(
            d.lookup(Some(new), "x").copied(),
            Some(fields(Some((true, 1)), Some((7, 2))))
        );
        assert_eq!(
            d.lookup(Some(old), "x").copied(),
            Some(fields(Some((true, 1)), None))
        );
        assert_eq!(d.entry_count(), 2);
    }

    fn session(selected: &str, stamp: Stamp) -> Stamped<Session> {
        Stamped(
            Session {
                selected: Some(selected.into()),
                ..Session::default()
            },
            stamp,
        )
    }

    /// The sessions of `d` by their sets of root paths, and its unclaimed one.
    type Sessions = (
        Vec<(Vec<String>, Stamped<Session>)>,
        Option<Stamped<Session>>,
    );

    fn sessions_by_path(d: &Data) -> Sessions {
        let mut v: Vec<_> = d
            .sessions
            .iter()
            .map(|(set, s)| {
                let mut paths: Vec<String> =
                    set.iter().map(|&r| d.roots[r as usize].clone()).collect();
                paths.sort();
                (paths, s.clone())
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        (v, d.unclaimed.clone())
    }

    #[test]
    fn sessions_merge_per_set_in_any_order() {
        let mut x = Data::default();
        let (a, b) = (x.intern_root("/a"), x.intern_root("/b"));
        x.merge_session(vec![a], &session("x on a", 4));
        x.merge_session(Data::root_set(vec![b, a]), &session("x on a+b", 1));
        let mut y = Data::default();
        let (b2, a2) = (y.intern_root("/b"), y.intern_root("/a"));
        y.merge_session(vec![b2], &session("y on b", 2));
        y.merge_session(Data::root_set(vec![a2, b2]), &session("y on a+b", 3));
        y.merge_session(vec![a2], &session("y on a", 3));
        let mut tie = Data::default();
        let t = tie.intern_root("/b");
        tie.merge_session(vec![t], &session("tie on b", 2));

        let mut xy = x.clone();
        xy.merge_from(&y);
        xy.merge_from(&tie);
        let mut yx = tie.clone();
        yx.merge_from(&y);
        yx.merge_from(&x);
        yx.merge_from(&x);
        assert_eq!(sessions_by_path(&xy), sessions_by_path(&yx));
        let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            sessions_by_path(&xy).0,
            [
                (path(&["/a"]), session("x on a", 4)),
                (path(&["/a", "/b"]), session("y on a+b", 3)),
                (path(&["/b"]), session("y on b", 2)),
            ]
        );
    }

    #[test]
    fn the_unclaimed_session_is_seen_by_every_set_until_one_saves() {
        let mut old = Data::default();
        old.merge_unclaimed(Some(&session("old", 5)));
        assert_eq!(old.session_of(&[0]), Some(&session("old", 5)));
        assert_eq!(old.session_of(&[0, 1]), Some(&session("old", 5)));

        let mut claimed = old.clone();
        let a = claimed.intern_root("/a");
        claimed.merge_session(vec![a], &session("old, on a", 6));
        assert_eq!(claimed.unclaimed, None);
        assert_eq!(
            claimed.session_of(&[a + 1]),
            None,
            "another set starts clean"
        );

        // Merged with a copy that still has it, in either order: gone.
        let mut one = claimed.clone();
        one.merge_from(&old);
        let mut two = old.clone();
        two.merge_from(&claimed);
        assert_eq!(sessions_by_path(&one), sessions_by_path(&two));
        assert_eq!(one.unclaimed, None);
        let mut newer = Data::default();
        newer.merge_unclaimed(Some(&session("newer", 7)));
        let mut both = old.clone();
        both.merge_from(&newer);
        assert_eq!(both.unclaimed, Some(session("newer", 7)));
    }
}
