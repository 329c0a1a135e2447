//! End-to-end tests of the reader following its folder and its terminal: files added, changed
//! and removed while it runs show up without a restart (the selection stays), the index cache
//! makes the second start show the list at once, and Ctrl-Z / `fg` in a real job-control
//! shell gives the terminal back and redraws everything.

use crate::pty;

use std::fs;
use std::path::{Path, PathBuf};

use crate::pty::Session;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader")
}

/// A copy of the reader fixtures the test may change.
fn copy_of_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in walkdir::WalkDir::new(fixtures()) {
        let entry = entry.expect("walk fixtures");
        let rel = entry.path().strip_prefix(fixtures()).expect("relative");
        let to = dir.path().join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).expect("mkdir");
        } else {
            fs::copy(entry.path(), &to).expect("copy");
        }
    }
    dir
}

fn article(title: &str, date: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\ntags: [\"Live\"]\nlocale: en\n---\n\nA body.\n")
}

/// The title on the body pane's top border, as far as it is shown.
fn title_in(screen: &str) -> String {
    let top = screen.lines().nth(1).unwrap_or_default();
    top.split('┌')
        .nth(2)
        .and_then(|t| t.trim_start().split(" ─").next())
        .unwrap_or_default()
        .to_string()
}

fn body_title(s: &Session) -> String {
    title_in(&s.screen())
}

fn wait_for_count(s: &mut Session, n: usize) {
    s.wait_for(&format!("{n}/{n} in the status bar"), move |screen| {
        let text = screen.contents();
        text.lines()
            .last()
            .is_some_and(|l| l.trim_start().starts_with(&format!("{n}/{n} ")))
    });
}

#[test]
fn files_added_changed_and_removed_show_up_and_the_selection_stays() {
    let dir = copy_of_fixtures();
    let root = dir.path().to_string_lossy().to_string();
    let mut s = Session::start(&[&root], dir.path(), 120, 40, &[]);
    wait_for_count(&mut s, 4);
    // Select the second article and read it: the selection and the focus must survive.
    let first = body_title(&s);
    s.send("j");
    s.wait_for("the second article in the body", move |screen| {
        title_in(&screen.contents()) != first
    });
    let title = body_title(&s);
    assert!(!title.is_empty());
    let from = s.output.len();
    s.send("\r");
    s.wait_for_frames(from, 1);

    fs::create_dir_all(dir.path().join("20991231/live-one")).expect("mkdir");
    fs::write(
        dir.path().join("20991231/live-one/en.md"),
        article("Fresh one", "2099-12-31"),
    )
    .expect("write");
    s.wait_for_text("Fresh one");
    wait_for_count(&mut s, 5);
    assert!(
        s.row(1).contains(&title),
        "the body still shows {title:?}: {}",
        s.row(1)
    );

    fs::write(
        dir.path().join("20991231/live-one/en.md"),
        article("Renamed one, longer", "2099-12-31"),
    )
    .expect("rewrite");
    s.wait_for_text("Renamed one");
    assert!(!s.screen().contains("Fresh one"));
    assert_eq!(pty::count(s.parser.screen()), Some((5, 5)));

    fs::remove_file(dir.path().join("20991231/live-one/en.md")).expect("remove");
    s.wait_for("the removed article to leave the list", |screen| {
        !screen.contents().contains("Renamed one")
    });
    wait_for_count(&mut s, 4);
    assert!(s.row(1).contains(&title), "selection kept: {}", s.row(1));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_second_start_reads_the_list_from_the_cache() {
    let dir = copy_of_fixtures();
    let home = tempfile::tempdir().expect("home");
    let cache = home.path().join("cache");
    let state = home.path().join("state");
    let config = home.path().join("config");
    let env = [
        ("XDG_CACHE_HOME", cache.to_str().expect("utf-8")),
        ("XDG_STATE_HOME", state.to_str().expect("utf-8")),
        ("XDG_CONFIG_HOME", config.to_str().expect("utf-8")),
    ];
    let root = dir.path().to_string_lossy().to_string();
    let mut s = Session::start(&[&root], dir.path(), 100, 30, &env);
    wait_for_count(&mut s, 4);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let index = cache.join("kiji/index");
    let files: Vec<String> = fs::read_dir(&index)
        .expect("the cache folder was made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f.ends_with(".meta")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with(".search")), "{files:?}");

    // A file changed while kiji was not running is read again; the others come from the
    // cache, and search finds words of their bodies (the cached search text).
    let changed = walkdir::WalkDir::new(dir.path())
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("a fixture")
        .into_path();
    let text = fs::read_to_string(&changed).expect("read");
    fs::write(&changed, text.replacen("---\n", "---\nextra: 1\n", 1)).expect("rewrite");
    let mut s = Session::start(&[&root], dir.path(), 100, 30, &env);
    wait_for_count(&mut s, 4);
    s.send("/wrapped");
    s.wait_for_text("/wrapped");
    s.wait_for("search over the cached text to narrow the list", |screen| {
        screen.contents().contains("1/4")
    });
    s.send("\x1b");
    // Esc and q in one read would be Alt-q: wait for the prompt to close first.
    s.wait_for("the prompt to close", |screen| {
        !screen.contents().contains("/wrapped")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// An interactive bash (job control on) at its `shell$ ` prompt in the fixtures folder, at
/// 100x30; and that folder.
fn job_control_shell() -> (Session, PathBuf) {
    let Ok(bash) = which("bash") else {
        panic!("bash is needed for the job-control tests");
    };
    let dir = fixtures();
    let mut s = Session::start_program(
        &bash,
        &["--norc", "--noprofile", "-i"],
        &dir,
        100,
        30,
        &[("PS1", "shell$ "), ("HISTFILE", "/dev/null")],
    );
    s.wait_for_text("shell$ ");
    (s, dir)
}

#[test]
fn ctrl_z_gives_the_shell_back_and_fg_redraws_the_reader() {
    let (mut s, dir) = job_control_shell();
    let kiji = env!("CARGO_BIN_EXE_kiji");
    s.send(&format!("{kiji} {}\r", dir.display()));
    wait_for_count(&mut s, 4);
    assert!(s.parser.screen().alternate_screen());

    s.send("\x1a");
    s.wait_for("the shell to report the stopped job", |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    assert!(
        !s.parser.screen().hide_cursor(),
        "the cursor is shown again for the shell"
    );
    s.send("echo still-here\r");
    s.wait_for("the shell to answer", |screen| {
        screen.contents().lines().any(|l| l.trim() == "still-here")
    });

    let before = s.output.len();
    s.send("fg\r");
    s.wait_for("the reader to be drawn again", |screen| {
        screen.alternate_screen()
            && screen
                .contents()
                .lines()
                .last()
                .is_some_and(|l| l.trim_start().starts_with("4/4 "))
    });
    // Everything was drawn again, not just what changed: the frame after fg holds the
    // borders of every pane.
    let redrawn = String::from_utf8_lossy(&s.output[before..]).into_owned();
    assert!(redrawn.matches('┌').count() >= 2, "a full frame after fg");
    s.send("q");
    s.wait_for("the shell prompt after quitting", |screen| {
        !screen.alternate_screen() && screen.contents().contains("shell$")
    });
    s.send("exit\r");
}

#[test]
fn ctrl_z_before_the_terminal_answers_the_graphics_query_leaves_the_answer_to_the_reader() {
    // The terminal's answer to the query the first frame ends with comes after the Ctrl-Z:
    // stopped at once, kiji would give it to the shell, typed at its prompt.
    let (mut s, dir) = job_control_shell();
    s.answers_cursor_requests = false;
    s.send(&format!(
        "{} {}\r",
        env!("CARGO_BIN_EXE_kiji"),
        dir.display()
    ));
    s.wait_for_output("the graphics query", |out| {
        out.windows(pty::ATTRIBUTES_REQUEST.len())
            .any(|w| w == pty::ATTRIBUTES_REQUEST)
    });
    s.send("\x1a");
    // Long enough for a kiji that stops at once to have stopped (a few milliseconds), well
    // short of the 400 ms it gives the terminal to answer.
    s.drain(std::time::Duration::from_millis(30));
    s.send(&String::from_utf8_lossy(pty::ATTRIBUTES_ANSWER));
    s.wait_for("the shell to report the stopped job", |screen| {
        !screen.alternate_screen() && screen.contents().contains("Stopped")
    });
    s.send("echo still-here\r");
    s.wait_for("the shell to answer", |screen| {
        screen.contents().lines().any(|l| l.trim() == "still-here")
    });
    assert!(
        !s.parser.screen().contents().contains("62;22c"),
        "the answer reached the shell:\n{}",
        s.screen()
    );
    s.send("fg\r");
    wait_for_count(&mut s, 4);
    s.send("q");
    s.wait_for("the shell prompt after quitting", |screen| {
        !screen.alternate_screen() && screen.contents().contains("shell$")
    });
    s.send("exit\r");
}

fn which(program: &str) -> Result<String, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or(())
}

#[test]
fn ctrl_z_without_a_job_control_shell_says_so_and_keeps_reading() {
    // The harness starts kiji as the leader of its own session, as `ssh host kiji` does:
    // stopping would leave nobody to bring it back.
    let dir = fixtures();
    let mut s = Session::start(&[&dir.to_string_lossy()], &dir, 100, 30, &[]);
    wait_for_count(&mut s, 4);
    s.send("\x1a");
    s.wait_for_text("cannot suspend");
    assert!(s.parser.screen().alternate_screen(), "still in the reader");
    s.send("j");
    s.wait_for("the notice to go with the next key", |screen| {
        !screen.contents().contains("cannot suspend")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_root_deleted_and_made_again_is_read_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("news");
    let put = |rel: &str, title: &str| {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, article(title, "2099-01-01")).expect("write");
    };
    put("first/en.md", "First edition");
    let shown = root.display().to_string();
    let mut s = Session::start(&[&shown], dir.path(), 120, 40, &[]);
    wait_for_count(&mut s, 1);
    s.wait_for_text("First edition");
    // An article that arrives is proof the root is followed: the deletion comes after.
    put("marker/en.md", "Marker");
    wait_for_count(&mut s, 2);

    fs::remove_dir_all(&root).expect("rm -rf");
    let gone = format!("{shown} is gone");
    s.wait_for("the status bar to name the missing root", move |screen| {
        screen.contents().contains(&gone)
    });
    wait_for_count(&mut s, 0);
    assert!(!s.screen().contains("First edition"), "{}", s.screen());

    put("second/en.md", "Second edition");
    s.wait_for_text("Second edition");
    wait_for_count(&mut s, 1);
    s.wait_for_text(&format!("{shown} is back"));
    assert!(!s.screen().contains("First edition"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
