//! The strings and paths of the metadata file, read back checked as UTF-8 by `simdutf8`: the
//! file is mostly Japanese text, which the standard library checks a byte at a time (a third
//! of reading the file at 10,000 articles), and `simdutf8` many bytes at a time. Each is then
//! copied once, from the mapped file, into its string. Used through `deserialize_with` on the
//! cached types' fields; what is written does not change.

use std::fmt;
use std::path::PathBuf;

use serde::de::{Deserialize, Deserializer, Error, Unexpected, Visitor};

/// One string of the file.
struct Checked(String);

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Checked, D::Error> {
        struct Utf8;
        impl Visitor<'_> for Utf8 {
            type Value = Checked;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a UTF-8 string")
            }
            fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Checked, E> {
                simdutf8::basic::from_utf8(v)
                    .map(|s| Checked(s.to_owned()))
                    .map_err(|_| E::invalid_value(Unexpected::Bytes(v), &self))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Checked, E> {
                Ok(Checked(v.to_owned()))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Checked, E> {
                Ok(Checked(v))
            }
        }
        // bincode writes a string as its length and bytes, so it can be read as bytes,
        // borrowed from the file.
        deserializer.deserialize_bytes(Utf8)
    }
}

/// A `String` field.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Checked::deserialize(d).map(|s| s.0)
}

/// An `Option<String>` field.
pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Checked>::deserialize(d).map(|s| s.map(|s| s.0))
}

/// A `Vec<String>` field.
pub(crate) fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Vec::<Checked>::deserialize(d).map(|v| v.into_iter().map(|s| s.0).collect())
}

/// A `Vec<(String, String)>` field.
pub(crate) fn pairs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    Vec::<(Checked, Checked)>::deserialize(d)
        .map(|v| v.into_iter().map(|(k, v)| (k.0, v.0)).collect())
}

/// A `PathBuf` field (written as a string: a path that is not UTF-8 is never cached).
pub(crate) fn path<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
    string(d).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Shapes {
        #[serde(deserialize_with = "string")]
        s: String,
        #[serde(deserialize_with = "option")]
        o: Option<String>,
        #[serde(deserialize_with = "option")]
        none: Option<String>,
        #[serde(deserialize_with = "list")]
        l: Vec<String>,
        #[serde(deserialize_with = "pairs")]
        p: Vec<(String, String)>,
        #[serde(deserialize_with = "path")]
        path: PathBuf,
    }

    fn shapes() -> Shapes {
        Shapes {
            s: "記事 kiji".into(),
            o: Some("テクにゃん😺".into()),
            none: None,
            l: vec!["タグ".into(), String::new(), "tag".into()],
            p: vec![("キー".into(), "値".into())],
            path: PathBuf::from("/記事/a.md"),
        }
    }

    #[test]
    fn what_bincode_wrote_reads_back_the_same() {
        let bytes = bincode::serialize(&shapes()).expect("serialize");
        let read: Shapes = bincode::deserialize(&bytes).expect("deserialize");
        assert_eq!(read, shapes());
    }

    #[test]
    fn text_formats_read_back_the_same_too() {
        let json = serde_json::to_string(&shapes()).expect("serialize");
        let read: Shapes = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(read, shapes());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_wherever_they_are() {
        let good = bincode::serialize(&shapes()).expect("serialize");
        // Each non-ASCII byte in turn made a lone continuation byte, or a lead byte cut short.
        let mut refused = 0;
        for at in (0..good.len()).filter(|&i| good[i] >= 0x80) {
            let mut bad = good.clone();
            bad[at] = if good[at] >= 0xc0 { 0x80 } else { 0xff };
            let read = bincode::deserialize::<Shapes>(&bad);
            assert!(read.is_err(), "byte {at} broken, read {read:?}");
            refused += 1;
        }
        assert!(refused > 30, "{refused} bytes broken");
    }
}
