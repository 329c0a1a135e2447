//! The locale filter across restarts, through the real binary in a pseudo-terminal with
//! temporary XDG folders: without a session the list starts in LANG's language; `z` changes
//! it and the session keeps the choice, whatever LANG says next time.

use std::path::Path;

use crate::pty::Session;

fn start(home: &Path, lang: &str) -> Session {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let var = |sub: &str| home.join(sub).to_string_lossy().into_owned();
    let (c, s, k) = (var("config"), var("state"), var("cache"));
    let env = [
        ("XDG_CONFIG_HOME", c.as_str()),
        ("XDG_STATE_HOME", s.as_str()),
        ("XDG_CACHE_HOME", k.as_str()),
        ("LANG", lang),
    ];
    let mut session = Session::start(
        &[&root.to_string_lossy()],
        Path::new(env!("CARGO_MANIFEST_DIR")),
        120,
        40,
        &env,
    );
    session.wait_for_text("q quit");
    session
}

fn quit(s: &mut Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

fn title_row(s: &Session) -> String {
    s.row(0)
}

#[test]
fn lang_sets_the_first_locale_filter_and_the_session_keeps_z() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut s = start(home.path(), "ja_JP.UTF-8");
    s.wait_for("ja only from LANG", |sc| sc.contents().contains(" 2/4 "));
    assert!(title_row(&s).contains("lang:ja"), "{}", title_row(&s));
    s.send("z"); // ja → en
    s.wait_for("en only", |sc| {
        sc.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains("lang:en"))
    });
    quit(&mut s);

    // The session wins over LANG.
    let mut s = start(home.path(), "ja_JP.UTF-8");
    s.wait_for("en kept from the session", |sc| {
        let c = sc.contents();
        c.contains(" 2/4 ") && c.lines().next().is_some_and(|l| l.contains("lang:en"))
    });
    s.send("z"); // en → all
    s.wait_for("all languages", |sc| sc.contents().contains(" 4/4 "));
    quit(&mut s);

    let mut s = start(home.path(), "ja_JP.UTF-8");
    s.wait_for_text(" 4/4 ");
    assert!(!title_row(&s).contains("lang:"), "{}", title_row(&s));
    quit(&mut s);
}

#[test]
fn c_locale_starts_with_every_language() {
    let home = tempfile::tempdir().expect("temp dir");
    let mut s = start(home.path(), "C.UTF-8");
    s.wait_for_text(" 4/4 ");
    assert!(!title_row(&s).contains("lang:"), "{}", title_row(&s));
    quit(&mut s);
}
