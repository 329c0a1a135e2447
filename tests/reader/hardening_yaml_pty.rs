//! The reader in a pseudo-terminal, started with a named pipe as its configuration and an
//! article nested 100,000 levels deep beside a normal one: it starts at once, lists both
//! articles, and quits on `q` (the pipe used to hang it before the first frame).

use std::fs;
use std::process::Command;

use crate::pty::Session;

#[cfg(unix)]
#[test]
fn a_pipe_as_the_configuration_and_a_deep_article_do_not_stop_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let news = dir.path().join("news");
    fs::create_dir(&news).expect("mkdir");
    fs::write(
        news.join("good.md"),
        "---\ntitle: Plain article\ndate: 2026-01-02\n---\ntext\n",
    )
    .expect("write");
    let n = 100_000;
    fs::write(
        news.join("deep.md"),
        format!(
            "---\ndate: 2026-01-01\nx: {}{}\n---\n# Deep article\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    )
    .expect("write");
    let fifo = dir.path().join("config.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let fifo = fifo.to_string_lossy().to_string();
    let root = news.to_string_lossy().to_string();
    let mut s = Session::start(&[&root], dir.path(), 100, 30, &[("KIJI_CONFIG", &fifo)]);
    s.wait_for_text("Plain article");
    s.wait_for_text("Deep article");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "{}", s.screen());
}
