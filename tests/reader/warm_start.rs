//! A warm start in a pseudo-terminal: with the index cache of an earlier run, every frame shows
//! a whole list, the cache's first; files changed while kiji was closed are patched in by the
//! walk after it, the selection kept.

use std::fs;
use std::path::Path;

use crate::pty::{FRAME_END, Home, Session, count};

fn write_article(dir: &Path, n: usize, year: u32) {
    let text = format!(
        "---\ntitle: Warm article {n:02}\ndate: {year}-01-{:02}\ntags: [warm]\n---\nBody of article {n:02}.\n",
        n % 28 + 1
    );
    fs::write(dir.join(format!("a{n:02}.md")), text).expect("write article");
}

fn start(home: &Home, root: &Path) -> Session {
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Session::start(
        &[&root.to_string_lossy()],
        Path::new(env!("CARGO_MANIFEST_DIR")),
        120,
        40,
        &env,
    )
}

/// The screen after each frame in `output`, as the `shown/total` count of its status bar.
fn counts_per_frame(output: &[u8]) -> Vec<Option<(usize, usize)>> {
    let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
    let mut parser = vt100::Parser::new(size(40), size(120), 0);
    let mut counts = Vec::new();
    let mut rest = output;
    while let Some(end) = rest.windows(FRAME_END.len()).position(|w| w == FRAME_END) {
        let end = end + FRAME_END.len();
        parser.process(&rest[..end]);
        counts.push(count(parser.screen()));
        rest = &rest[end..];
    }
    counts
}

#[test]
fn a_warm_start_draws_the_cached_list_first_then_the_changes_with_the_selection_kept() {
    let root = tempfile::tempdir().expect("root");
    // 2026-01-02 .. 2026-01-28 and a few more: newest first in the list.
    for n in 1..=27 {
        write_article(root.path(), n, 2026);
    }
    let home = Home::new();
    let mut s = start(&home, root.path());
    s.wait_for_text(" 27/27 ");
    // The third newest article selected, kept in the session.
    s.send("jj");
    s.wait_for_text("┐┌ Warm article 25 ");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // While kiji is closed: one removed, two added (older than all), one edited.
    fs::remove_file(root.path().join("a01.md")).expect("rm");
    write_article(root.path(), 40, 2020);
    write_article(root.path(), 41, 2020);
    fs::write(
        root.path().join("a10.md"),
        "---\ntitle: Warm article 10, edited\ndate: 2026-01-11\n---\nLonger body now.\n",
    )
    .expect("edit");

    let mut s = start(&home, root.path());
    s.wait_for_text(" 28/28 ");
    s.wait_for_text("Warm article 10, edited");
    let counts = counts_per_frame(&s.output);
    assert_eq!(
        counts.first().copied().flatten(),
        Some((27, 27)),
        "the first frame is the cached list, whole: {counts:?}"
    );
    assert!(
        counts
            .iter()
            .all(|c| matches!(c, Some((n, total)) if n == total && (*n == 27 || *n == 28))),
        "every frame shows a whole list, never an empty or partial one: {counts:?}"
    );
    assert!(
        !s.screen().contains("Warm article 01"),
        "the removed file is gone"
    );
    assert!(
        s.screen().contains("Warm article 41"),
        "an added file is there"
    );
    assert!(
        s.screen().contains("┐┌ Warm article 25 "),
        "the selection stayed on its article:\n{}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
