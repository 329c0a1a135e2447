//! The everyday reading flow through the real binary in a pseudo-terminal: `J`/`K` from inside
//! an article at 80x24, `space` at an article's end going on to the next unread one, `R`
//! asking before it marks anything, and `esc` out of a search putting the selection back.

use std::fs;
use std::path::Path;

use crate::pty::{Home, Session, count};

/// A folder of four Japanese articles, newest first: 朝の市場, 港の灯台 (long), 山の温泉,
/// 川の渡し.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "港の灯台は夜ごとに光を回し、船に岸の在りかを知らせる。\n\n".repeat(40);
    for (id, title, date, body) in [
        ("20261104/ichiba", "朝の市場", "2026-11-04", "魚が並ぶ。"),
        ("20261103/toudai", "港の灯台", "2026-11-03", long.as_str()),
        ("20261102/onsen", "山の温泉", "2026-11-02", "湯気が立つ。"),
        ("20261101/watashi", "川の渡し", "2026-11-01", "舟を待つ。"),
    ] {
        let path = dir.path().join(format!("{id}/ja.md"));
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let text = format!("---\ntitle: {title}\ndate: {date}\nlocale: ja\n---\n\n{body}\n");
        fs::write(path, text).expect("write article");
    }
    dir
}

fn start(home: &Home, root: &Path, cols: u16, rows: u16) -> Session {
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut s = Session::start(&[&root.to_string_lossy()], root, cols, rows, &env);
    s.wait_for("all four articles", |sc| {
        count(sc).is_some_and(|(_, total)| total == 4) && sc.contents().contains("q quit")
    });
    s
}

/// The top border of the full-width article pane (rows below the title bar), which names
/// the article shown.
fn article_title(s: &Session) -> String {
    s.row(1)
}

fn quit(s: &mut Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn j_and_k_read_the_next_and_previous_article_from_inside_one_at_80x24() {
    let (home, dir) = (Home::new(), folder());
    let mut s = start(&home, dir.path(), 80, 24);
    // The list has the whole width: the title is not squeezed into a third of it.
    assert!(s.screen().contains("11-04 • 朝の市場"), "{}", s.screen());
    s.send("\r");
    s.wait_for("the first article open", |sc| {
        sc.contents().contains("魚が並ぶ。") && !sc.contents().contains("11-03")
    });
    s.send("J");
    s.wait_for("the second article", |sc| {
        sc.contents().contains("港の灯台は夜ごとに")
    });
    assert!(article_title(&s).contains("港の灯台"), "{}", s.screen());
    s.wait_for("two read", |sc| sc.contents().contains("2 unread"));
    s.send("J");
    s.wait_for("the third article", |sc| {
        sc.contents().contains("湯気が立つ。")
    });
    s.send("K");
    s.wait_for("back to the second", |sc| {
        sc.contents().contains("港の灯台は夜ごとに")
    });
    s.send("KK");
    s.wait_for("the first, then the edge said", |sc| {
        sc.contents().contains("魚が並ぶ。") && sc.contents().contains("first article in the list")
    });
    s.send("\x1b");
    s.wait_for("the list again", |sc| {
        sc.contents().contains("11-01 • 川の渡し")
    });
    quit(&mut s);
}

#[test]
fn space_at_the_end_of_an_article_opens_the_next_unread_one() {
    let (home, dir) = (Home::new(), folder());
    let mut s = start(&home, dir.path(), 80, 24);
    // Mark 港の灯台 (second) read from the list, so `space` skips it.
    s.send("ju");
    s.wait_for("one read", |sc| sc.contents().contains("3 unread"));
    s.send("k\r");
    s.wait_for("the first article open", |sc| {
        sc.contents().contains("魚が並ぶ。")
    });
    s.send(" ");
    s.wait_for("the next unread article", |sc| {
        sc.contents().contains("湯気が立つ。")
    });
    assert!(
        s.row(23).contains("next unread: 山の温泉"),
        "the status bar says where it went: {}",
        s.screen()
    );
    // A long article pages first and goes on only at its end. (`esc` waits for the list, so it
    // is not read with the next key as alt-k.)
    s.send("\x1b");
    s.wait_for("the list", |sc| sc.contents().contains("11-01 • 川の渡し"));
    s.send("k\r");
    s.wait_for("the long article", |sc| {
        sc.contents().contains("港の灯台は夜ごとに")
    });
    let top = s.screen();
    s.send(" ");
    s.wait_for("a page down", |sc| sc.contents() != top);
    assert!(s.screen().contains("港の灯台"), "still the long article");
    s.send("G ");
    s.wait_for("past the end: the next unread", |sc| {
        sc.contents().contains("舟を待つ。")
    });
    quit(&mut s);
}

#[test]
fn capital_r_asks_first_and_esc_changes_nothing() {
    let (home, dir) = (Home::new(), folder());
    let mut s = start(&home, dir.path(), 80, 24);
    s.send("R");
    s.wait_for_text("Mark 4 unread articles in the list read?");
    s.send("\x1b");
    s.wait_for_text("nothing changed");
    assert!(s.screen().contains("4 unread"), "{}", s.screen());
    assert!(s.screen().contains("11-04 • 朝の市場"), "still unread");
    // Any key other than `y` says no, `R` included: a newsboat user reloading.
    s.send("RR");
    s.wait_for_text("nothing changed");
    s.send("Ry");
    s.wait_for_text("marked 4 articles read");
    s.wait_for("none unread", |sc| sc.contents().contains("0 unread"));
    quit(&mut s);
    // The marks were saved.
    let mut s = start(&home, dir.path(), 80, 24);
    assert!(s.screen().contains("0 unread"), "{}", s.screen());
    quit(&mut s);
}

#[test]
fn esc_out_of_a_search_puts_back_the_selection_and_scroll() {
    let (home, dir) = (Home::new(), folder());
    let mut s = start(&home, dir.path(), 120, 40);
    // Select the long article and scroll it.
    s.send("j");
    s.wait_for("the long article selected", |sc| {
        sc.contents_between(1, 40, 1, 100).contains("港の灯台")
    });
    s.send(" ");
    // A page down: the header is gone and the body's bottom edge (columns 40 to 95 beside
    // the 24-column sidebar) says how far (not 0%).
    let percent = |sc: &vt100::Screen| {
        let bottom = sc.contents_between(38, 40, 38, 96);
        bottom
            .split_whitespace()
            .find(|w| w.ends_with('%'))
            .map(str::to_string)
    };
    s.wait_for("scrolled a page", |sc| {
        !sc.contents_between(2, 40, 6, 96).contains("11-03 · ja")
            && percent(sc).is_some_and(|p| p != "0%")
    });
    let scrolled = percent(s.parser.screen()).expect("a percentage");
    s.send("/");
    s.wait_for_text("enter keep");
    s.send("渡し");
    s.wait_for("one found", |sc| count(sc).is_some_and(|(n, _)| n == 1));
    s.send("\x1b");
    s.wait_for(
        "all four again, the long article scrolled as it was",
        |sc| {
            count(sc).is_some_and(|(n, _)| n == 4)
                && sc.contents_between(1, 40, 1, 100).contains("港の灯台")
                && percent(sc).as_deref() == Some(scrolled.as_str())
                && !sc.contents_between(2, 40, 6, 96).contains("11-03 · ja")
        },
    );
    quit(&mut s);
}
