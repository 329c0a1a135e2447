//! The state file's JSON: reading it into [`Data`] (any problem is reported, never guessed
//! around) and writing [`Data`] out, one article per line, sorted, so the file diffs well.

use serde::{Deserialize, Serialize};

use super::data::{Data, Fields, Stamped};
use super::{FORMAT_VERSION, Session};

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
    articles: Vec<EntryIn>,
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
    if file.version != FORMAT_VERSION {
        return Err(Problem::Corrupt(format!(
            "unknown format version {}",
            file.version
        )));
    }
    let mut data = Data::default();
    let roots: Vec<u32> = file.roots.iter().map(|r| data.intern_root(r)).collect();
    for e in file.articles {
        let Some(&root) = roots.get(e.root as usize) else {
            return Err(Problem::Corrupt(format!(
                "article {:?} refers to root {}, but the file lists {} roots",
                e.id,
                e.root,
                roots.len()
            )));
        };
        let fields = Fields {
            read: e.read,
            starred: e.starred,
            position: e.position,
        };
        data.merge_entry(root, &e.id, &fields);
    }
    data.merge_session(file.session.as_ref());
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
    serde_json::to_writer(&mut out, &data.session)?;
    out.extend_from_slice(b",\n\"articles\":[");
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

    #[test]
    fn round_trip() {
        let mut d = Data::default();
        let r = d.intern_root("/news");
        d.entry_for_write(r, "b/en").read = Some(Stamped(true, 3));
        d.entry_for_write(r, "a/ja").position = Some(Stamped(12, 4));
        d.session = Some(Stamped(Session::default(), 5));
        let bytes = encode(&d).expect("encode");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert_eq!(
            text,
            "{\"version\":1,\n\"roots\":[\"/news\"],\n\"session\":[{\"selected\":null,\
             \"focus_body\":false,\"filter\":{\"tags\":[],\"tag_mode\":\"all\",\"category\":null,\
             \"locale\":null,\"text\":null,\"starred_only\":false,\"sort_by_title\":false,\
             \"grouped\":false}},5],\n\"articles\":[\n\
             {\"root\":0,\"id\":\"a/ja\",\"position\":[12,4]},\n\
             {\"root\":0,\"id\":\"b/en\",\"read\":[true,3]}\n]}\n"
        );
        let back = parse(&bytes).expect("parse");
        assert_eq!(back.roots, d.roots);
        assert_eq!(back.session, d.session);
        assert_eq!(back.articles, d.articles);
        assert_eq!(back.max_stamp, 5);
    }

    #[test]
    fn empty_file_has_no_articles() {
        let d = parse(&encode(&Data::default()).expect("encode")).expect("parse");
        assert!(d.articles.is_empty() && d.session.is_none());
        assert!(parse(br#"{"version":1}"#).is_ok());
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
            parse(br#"{"version":1,"roots":[],"articles":[{"root":0,"id":"x"}]}"#).err(),
            Some(Problem::Corrupt(
                "article \"x\" refers to root 0, but the file lists 0 roots".into()
            ))
        );
        assert_eq!(parse(br#"{"version":2}"#).err(), Some(Problem::Newer(2)));
        assert_eq!(
            parse(br#"{"version":3,"articles":{"new":"shape"}}"#).err(),
            Some(Problem::Newer(3))
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
