//! An article's body, whatever its origin: held in memory (the bundled samples, the
//! cacheless load) or left in its file (the scanner), read through one accessor.

use std::borrow::Cow;

use super::{LoadOptions, load_file};
use crate::article::Article;

/// An article's Markdown body, whatever its origin: the text it holds, or for a body left on
/// disk ([`Article::body_on_disk`]) the file read again, without its front matter. The one
/// way to read a body.
pub fn read_body<'a>(article: &'a Article, opts: &LoadOptions) -> Result<Cow<'a, str>, String> {
    if !article.body_on_disk {
        return Ok(Cow::Borrowed(&article.body));
    }
    match load_file(&article.root, &article.path, opts) {
        (Some(a), _) => Ok(Cow::Owned(a.body)),
        (None, diags) => Err(diags
            .first()
            .map(ToString::to_string)
            .unwrap_or_else(|| format!("{}: cannot read", article.path.display()))),
    }
}

/// The article with its body in memory ([`read_body`]): itself when it holds it already.
pub fn with_body<'a>(article: &'a Article, opts: &LoadOptions) -> Result<Cow<'a, Article>, String> {
    if !article.body_on_disk {
        return Ok(Cow::Borrowed(article));
    }
    let body = read_body(article, opts)?.into_owned();
    let mut a = article.clone();
    a.body = body;
    a.body_on_disk = false;
    Ok(Cow::Owned(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_read_the_same_whether_held_or_left_in_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\ntitle: 題\n---\n本文です。\n").expect("write");
        let opts = LoadOptions::default();
        let (held, _) = load_file(dir.path(), &path, &opts);
        let held = held.expect("article");
        assert!(matches!(
            read_body(&held, &opts),
            Ok(Cow::Borrowed("本文です。\n"))
        ));
        assert!(matches!(with_body(&held, &opts), Ok(Cow::Borrowed(_))));

        let mut on_disk = held.clone();
        on_disk.body = String::new();
        on_disk.body_on_disk = true;
        assert_eq!(read_body(&on_disk, &opts).as_deref(), Ok("本文です。\n"));
        let loaded = with_body(&on_disk, &opts).expect("body");
        assert!(!loaded.body_on_disk);
        assert_eq!(loaded.body, "本文です。\n");

        std::fs::remove_file(&path).expect("rm");
        let err = read_body(&on_disk, &opts).expect_err("gone");
        assert!(err.contains("cannot read"), "{err}");
    }
}
