//! The state file's JSON: reading it into [`Data`] (any problem is reported, never guessed
//! around) and writing [`Data`] out, one article per line, sorted, so the file diffs well.

use serde::{Deserialize, Serialize};

use super::data::{Data, Fields, Stamped};
use super::{FORMAT_VERSION, OLDEST_VERSION, Session};

/// Why a file's bytes could not be taken as state.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Not JSON, truncated, or not the expected shape; the text says what was wrong.
    Corrupt(String),
    /// A well-formed file of a newer format version: left alone.
    Newer(u64),
}

#[derive(Deserialize)]
#[serde(expecting = "a kiji state file")]
struct FileIn {
    version: u64,
    #[serde(default)]
    roots: Vec<String>,
    #[serde(default)]
    session: Option<Stamped<Session>>,
    #[serde(default)]
    sessions: Vec<SessionIn>,
    #[serde(default)]
    articles: Vec<EntryIn>,
}

/// The session of one set of roots, in and out.
#[derive(Deserialize)]
struct SessionIn {
    roots: Vec<u32>,
    session: Stamped<Session>,
}

#[derive(Serialize)]
struct SessionOut<'a> {
    roots: &'a [u32],
    session: &'a Stamped<Session>,
}

#[derive(Deserialize)]
struct EntryIn {
    root: u32,
    id: String,
    #[serde(default)]
    read: Option<Stamped<bool>>,
    #[serde(default)]
    starred: Option<Stamped<bool>>,
    #[serde(default)]
    position: Option<Stamped<usize>>,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u64,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    root: u32,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<Stamped<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    starred: Option<Stamped<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<Stamped<usize>>,
}

/// Read a state file's bytes.
pub(crate) fn parse(bytes: &[u8]) -> Result<Data, Problem> {
    let file: FileIn = match serde_json::from_slice(bytes) {
        Ok(f) => f,
        Err(e) => {
            // A newer kiji may have changed the shape; its file is not ours to move aside.
            if let Ok(v) = serde_json::from_slice::<VersionOnly>(bytes) {
                if v.version > FORMAT_VERSION {
                    return Err(Problem::Newer(v.version));
                }
            }
            return Err(Problem::Corrupt(e.to_string()));
        }
    };
    if file.version > FORMAT_VERSION {
        return Err(Problem::Newer(file.version));
    }
    if file.version < OLDEST_VERSION {
        return Err(Problem::Corrupt(format!(
            "unknown format version {}",
            file.version
        )));
    }
    let mut data = Data::default();
    let roots: Vec<u32> = file.roots.iter().map(|r| data.intern_root(r)).collect();
    let root = |index: u32, what: &dyn Fn() -> String| {
        roots.get(index as usize).copied().ok_or_else(|| {
            Problem::Corrupt(format!(
                "{} refers to root {index}, but the file lists {} roots",
                what(),
                roots.len()
            ))
        })
    };
    for e in file.articles {
        let root = root(e.root, &|| format!("article {:?}", e.id))?;
        let fields = Fields {
            read: e.read,
            starred: e.starred,
            position: e.position,
        };
        data.merge_entry(root, &e.id, &fields);
    }
    for (n, s) in file.sessions.iter().enumerate() {
        let set = s
            .roots
            .iter()
            .map(|&r| root(r, &|| format!("session {n}")))
            .collect::<Result<Vec<u32>, Problem>>()?;
        data.merge_session(Data::root_set(set), &s.session);
    }
    data.merge_unclaimed(file.session.as_ref());
    Ok(data)
}

/// Write `data` as a state file's bytes.
pub(crate) fn encode(data: &Data) -> serde_json::Result<Vec<u8>> {
    let mut rows: Vec<(&str, &str, EntryOut<'_>)> = Vec::with_capacity(data.entry_count());
    for (id, entries) in &data.articles {
        for e in entries {
            let root_path = data.roots.get(e.root as usize).map_or("", String::as_str);
            rows.push((
                id,
                root_path,
                EntryOut {
                    root: e.root,
                    id,
                    read: e.fields.read,
                    starred: e.fields.starred,
                    position: e.fields.position,
                },
            ));
        }
    }
    rows.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

    let mut out = Vec::with_capacity(64 + rows.len() * 120);
    out.extend_from_slice(format!("{{\"version\":{FORMAT_VERSION},\n\"roots\":").as_bytes());
    serde_json::to_writer(&mut out, &data.roots)?;
    out.extend_from_slice(b",\n\"session\":");
    serde_json::to_writer(&mut out, &data.unclaimed)?;
    out.extend_from_slice(b",\n\"sessions\":[");
    let mut sessions: Vec<_> = data.sessions.iter().collect();
    sessions.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (i, (roots, session)) in sessions.into_iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, &SessionOut { roots, session })?;
    }
    if !data.sessions.is_empty() {
        out.push(b'\n');
    }
    out.extend_from_slice(b"],\n\"articles\":[");
    for (i, (_, _, row)) in rows.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut out, row)?;
    }
    out.extend_from_slice(b"\n]}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session that selects `id`, as the file writes it.
    fn selecting(id: &str) -> (Session, String) {
        let session = Session {
            selected: Some(id.into()),
            ..Session::default()
        };
        let json = serde_json::to_string(&session).expect("json");
        (session, json)
    }

    #[test]
    fn round_trip() {
        let mut d = Data::default();
        let r = d.intern_root("/news");
        let blog = d.intern_root("/blog");
        d.entry_for_write(r, "b/en").read = Some(Stamped(true, 3));
        d.entry_for_write(r, "a/ja").position = Some(Stamped(12, 4));
        let (both, both_json) = selecting("b/en");
        d.merge_session(Data::root_set(vec![blog, r]), &Stamped(both, 6));
        d.merge_session(vec![r], &Stamped(Session::default(), 5));
        let bytes = encode(&d).expect("encode");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert_eq!(
            text,
            format!(
                "{{\"version\":2,\n\"roots\":[\"/news\",\"/blog\"],\n\"session\":null,\n\
                 \"sessions\":[\n\
                 {{\"roots\":[0],\"session\":[{{\"selected\":null,\"focus_body\":false,\
                 \"filter\":{{\"tags\":[],\"tag_mode\":\"all\",\"category\":null,\"locale\":null,\
                 \"text\":null,\"starred_only\":false,\"sort_by_title\":false,\
                 \"grouped\":false}}}},5]}},\n\
                 {{\"roots\":[0,1],\"session\":[{both_json},6]}}\n],\n\
                 \"articles\":[\n\
                 {{\"root\":0,\"id\":\"a/ja\",\"position\":[12,4]}},\n\
                 {{\"root\":0,\"id\":\"b/en\",\"read\":[true,3]}}\n]}}\n"
            )
        );
        let back = parse(&bytes).expect("parse");
        assert_eq!(back.roots, d.roots);
        assert_eq!(back.sessions, d.sessions);
        assert_eq!(back.unclaimed, None);
        assert_eq!(back.articles, d.articles);
        assert_eq!(back.max_stamp, 6);
    }

    #[test]
    fn empty_file_has_no_articles() {
        let d = parse(&encode(&Data::default()).expect("encode")).expect("parse");
        assert!(d.articles.is_empty() && d.sessions.is_empty() && d.unclaimed.is_none());
        assert!(parse(br#"{"version":1}"#).is_ok());
        assert!(parse(br#"{"version":2}"#).is_ok());
    }

    #[test]
    fn a_version_1_session_is_unclaimed_and_kept_until_a_set_takes_it() {
        let (old, json) = selecting("a/ja");
        let v1 = format!(r#"{{"version":1,"roots":["/news"],"session":[{json},7],"articles":[]}}"#);
        let d = parse(v1.as_bytes()).expect("parse");
        assert_eq!(d.unclaimed, Some(Stamped(old.clone(), 7)));
        assert!(d.sessions.is_empty());
        assert_eq!(d.max_stamp, 7);
        // Written back (as version 2) with no set having taken it: still there.
        let again = parse(&encode(&d).expect("encode")).expect("parse");
        assert_eq!(again.unclaimed, Some(Stamped(old, 7)));
        // A file with sessions has no unclaimed one, whatever it says.
        let both = format!(
            r#"{{"version":2,"roots":["/news"],"session":[{json},9],
                "sessions":[{{"roots":[0],"session":[{json},8]}}]}}"#
        );
        let d = parse(both.as_bytes()).expect("parse");
        assert_eq!(d.unclaimed, None);
        assert_eq!(d.sessions.len(), 1);
    }

    #[test]
    fn bad_sessions_make_the_file_unparseable() {
        let (_, json) = selecting("a/ja");
        let file = |sessions: &str| {
            format!(r#"{{"version":2,"roots":["/a","/b"],"sessions":[{sessions}]}}"#)
        };
        let out_of_range = file(&format!(
            r#"{{"roots":[0],"session":[{json},1]}},{{"roots":[1,2],"session":[{json},2]}}"#
        ));
        assert_eq!(
            parse(out_of_range.as_bytes()).err(),
            Some(Problem::Corrupt(
                "session 1 refers to root 2, but the file lists 2 roots".into()
            ))
        );
        for shape in [
            r#"{"roots":0,"session":[{},1]}"#.to_owned(),
            r#"{"roots":[0],"session":{}}"#.to_owned(),
            format!(r#"{{"roots":[0],"session":[{json}]}}"#),
            format!(r#"{{"session":[{json},1]}}"#),
            format!(r#"{{"roots":[-1],"session":[{json},1]}}"#),
            r#"[0]"#.to_owned(),
        ] {
            assert!(
                matches!(parse(file(&shape).as_bytes()), Err(Problem::Corrupt(_))),
                "{shape}"
            );
        }
        assert!(matches!(
            parse(br#"{"version":2,"sessions":{"roots":[0]}}"#),
            Err(Problem::Corrupt(_))
        ));
    }

    #[test]
    fn every_cut_of_a_file_with_sessions_is_a_problem() {
        let mut d = Data::default();
        let (news, blog) = (d.intern_root("/news"), d.intern_root("/blog"));
        d.entry_for_write(news, "a/ja").read = Some(Stamped(true, 1));
        d.entry_for_write(blog, "b/en").starred = Some(Stamped(true, 2));
        d.merge_session(vec![news], &Stamped(selecting("a/ja").0, 3));
        d.merge_session(vec![news, blog], &Stamped(Session::default(), 4));
        let whole = encode(&d).expect("encode");
        for len in 0..whole.len() - 1 {
            assert!(
                matches!(parse(&whole[..len]), Err(Problem::Corrupt(_))),
                "cut at {len}"
            );
        }
        let back = parse(&whole[..whole.len() - 1]).expect("all but the newline");
        assert_eq!(back.sessions, d.sessions);
    }

    #[test]
    fn duplicate_sets_of_roots_merge_newest_first() {
        let (first, one) = selecting("first");
        let (second, two) = selecting("second");
        let text = format!(
            r#"{{"version":2,"roots":["/a","/a","/b"],"sessions":[
                {{"roots":[0,2],"session":[{one},1]}},
                {{"roots":[2,1,2],"session":[{two},2]}},
                {{"roots":[0],"session":[{one},3]}},
                {{"roots":[0,0],"session":[{two},2]}}]}}"#
        );
        let d = parse(text.as_bytes()).expect("parse");
        assert_eq!(d.sessions.len(), 2);
        let (a, b) = (d.root_index("/a"), d.root_index("/b"));
        let (a, b) = (a.expect("/a"), b.expect("/b"));
        assert_eq!(
            d.sessions.get(&Data::root_set(vec![b, a])),
            Some(&Stamped(second, 2))
        );
        assert_eq!(d.sessions.get(&vec![a]), Some(&Stamped(first, 3)));
    }

    #[test]
    fn problems() {
        assert!(matches!(parse(b""), Err(Problem::Corrupt(_))));
        assert!(matches!(parse(b"[1,2]"), Err(Problem::Corrupt(_))));
        assert!(matches!(parse(b"{}"), Err(Problem::Corrupt(_))));
        assert_eq!(
            parse(br#"{"version":0}"#).err(),
            Some(Problem::Corrupt("unknown format version 0".into()))
        );
        assert_eq!(
            parse(br#"{"version":2,"roots":[],"articles":[{"root":0,"id":"x"}]}"#).err(),
            Some(Problem::Corrupt(
                "article \"x\" refers to root 0, but the file lists 0 roots".into()
            ))
        );
        assert_eq!(
            parse(br#"{"version":1,"roots":[],"articles":[{"root":0,"id":"x"}]}"#).err(),
            Some(Problem::Corrupt(
                "article \"x\" refers to root 0, but the file lists 0 roots".into()
            ))
        );
        assert_eq!(parse(br#"{"version":3}"#).err(), Some(Problem::Newer(3)));
        assert_eq!(
            parse(br#"{"version":4,"articles":{"new":"shape"}}"#).err(),
            Some(Problem::Newer(4))
        );
        assert!(matches!(
            parse(br#"{"version":1,"articles":[{"root":0,"id":"x","read":"yes"}],"roots":["/"]}"#)
                .err(),
            Some(Problem::Corrupt(_))
        ));
    }

    #[test]
    fn duplicate_entries_and_roots_merge() {
        let d = parse(
            br#"{"version":1,"roots":["/a","/a"],"articles":[
                {"root":0,"id":"x","read":[true,1]},
                {"root":1,"id":"x","read":[false,2],"starred":[true,1]}]}"#,
        )
        .expect("parse");
        assert_eq!(d.entry_count(), 1);
        let f = d
            .lookup(d.root_index("/a"), "x")
            .copied()
            .unwrap_or_default();
        assert_eq!(f.read, Some(Stamped(false, 2)));
        assert_eq!(f.starred, Some(Stamped(true, 1)));
    }
}
