//! End-to-end search: the real binary in a pseudo-terminal over `tests/fixtures/search`; the
//! list and the count narrow as a query is typed, Enter keeps it as a chip, `/` + Esc keeps
//! the kept one.

use std::path::Path;

use crate::pty::{Session, count};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn typing_a_query_narrows_the_list_and_the_count() {
    let root = manifest().join("tests/fixtures/search");
    let root_s = root.to_string_lossy().into_owned();
    let mut s = Session::start(&[&root_s], manifest(), 100, 30, &[]);
    s.wait_for("the status bar", |sc| sc.contents().contains("q quit"));
    assert_eq!(count(s.parser.screen()), Some((5, 5)));

    s.send("/");
    s.wait_for_text("enter keep");
    s.send("c");
    s.wait_for("one letter narrows to four", |sc| count(sc) == Some((4, 5)));
    s.send("laude");
    s.wait_for("claude: three articles", |sc| count(sc) == Some((3, 5)));
    s.send(" ");
    s.send("terminal");
    s.wait_for("claude terminal: two", |sc| count(sc) == Some((2, 5)));
    let screen = s.screen();
    assert!(screen.contains("Terminal notes"), "{screen}");
    assert!(screen.contains("A guide to Claude"), "{screen}");
    assert!(!screen.contains("クロード・コード"), "{screen}");

    // Backspace widens again, one key at a time.
    s.send("\x7f".repeat(9).as_str());
    s.wait_for("back to claude", |sc| count(sc) == Some((3, 5)));

    // Hiragana finds katakana; Enter keeps the query as a chip.
    s.send("\x7f".repeat(6).as_str());
    s.wait_for("all again", |sc| count(sc) == Some((5, 5)));
    s.send("くろーど");
    s.wait_for("くろーど: one", |sc| count(sc) == Some((1, 5)));
    s.send("\r");
    s.wait_for("the chip", |sc| {
        sc.contents()
            .lines()
            .next()
            .is_some_and(|l| l.contains("/くろーど"))
            && sc.contents().contains("q quit")
    });
    assert_eq!(count(s.parser.screen()), Some((1, 5)));

    // A new search dropped with Esc leaves the kept query.
    s.send("/");
    s.wait_for_text("enter keep");
    s.send(" gpu");
    s.wait_for("nothing has both", |sc| count(sc) == Some((0, 5)));
    s.send("\x1b");
    s.wait_for("the kept query back", |sc| {
        count(sc) == Some((1, 5)) && sc.contents().contains("q quit")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
