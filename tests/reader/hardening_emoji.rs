//! Emoji that terminals draw in another number of columns than kiji counts (a text-default
//! emoji with VS16 such as `❤️`, a flag, a skin tone, a ZWJ sequence) leave no cell of an
//! article on screen after moving to another one. The emulator (vt100) adds up the widths of
//! the characters, as tmux does: `❤️` is one column there, `🇯🇵` two one-column glyphs.

use std::fs;
use std::path::Path;

use crate::pty::Session;

const EMOJI_ARTICLE: &str = "---
title: \"Emoji article\"
date: 2026-01-01
locale: en
---

Hearts ❤️ ☺️ ✔️ ⚠️ ☀️ 1️⃣ end of line one.

❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️ row of hearts and text after them XYZ.

Mixed ☺️ a ✔️ b ⚠️ c ☀️ d 1️⃣ e ❤️ f tail.

Seq 👩‍🔬 x 👍🏽 y 🇯🇵 z 🏳️‍🌈 w v end.
";

const PLAIN_ARTICLE: &str = "---
title: \"Plain article\"
date: 2026-01-02
locale: en
---

Just text here.
";

/// What the emoji article draws that the plain one does not.
const LEFTOVERS: [&str; 18] = [
    "❤", "☺", "✔", "⚠", "☀", "\u{20E3}", "👩", "🔬", "👍", "🏽", "🇯", "🇵", "🏳", "🌈", "Hearts",
    "XYZ", "tail", "Seq",
];

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (day, name, text) in [
        ("20260101", "emoji", EMOJI_ARTICLE),
        ("20260102", "plain", PLAIN_ARTICLE),
    ] {
        let at = dir.path().join("news").join(day).join(name);
        fs::create_dir_all(&at).expect("mkdir");
        fs::write(at.join("en.md"), text).expect("write");
    }
    dir
}

fn leftovers(screen: &vt100::Screen) -> Vec<&'static str> {
    let text = screen.contents();
    LEFTOVERS
        .iter()
        .copied()
        .filter(|l| text.contains(l))
        .collect()
}

fn no_cell_of_the_emoji_article_remains(cols: u16, rows: u16) {
    let dir = folder();
    let root = dir.path().join("news");
    let root = root.to_str().expect("utf-8 temp path");
    let mut s = Session::start(
        &[root],
        Path::new(env!("CARGO_MANIFEST_DIR")),
        cols,
        rows,
        &[],
    );
    // Below 100 columns the list and the article take turns: open the article and move
    // between articles with `J`/`K` from inside it.
    let (next, previous) = if cols < 100 {
        s.wait_for_text("Plain article");
        s.send("\r");
        ("J", "K")
    } else {
        ("j", "k")
    };
    s.wait_for_text("Just text here.");
    for _ in 0..2 {
        s.send(next);
        s.wait_for("the emoji article", |sc| {
            let c = sc.contents();
            c.contains("XYZ") && c.contains("tail.") && c.contains("end.")
        });
        s.send(previous);
        s.wait_for(
            "the plain article with nothing of the emoji article left",
            |sc| sc.contents().contains("Just text here.") && leftovers(sc).is_empty(),
        );
    }
    assert_eq!(leftovers(s.parser.screen()), Vec::<&str>::new());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn moving_away_from_emoji_leaves_no_stale_cell_at_100x30() {
    no_cell_of_the_emoji_article_remains(100, 30);
}

#[test]
fn moving_away_from_emoji_leaves_no_stale_cell_at_80x24() {
    no_cell_of_the_emoji_article_remains(80, 24);
}
