//! Reading state and configuration across restarts, through the real binary in a
//! pseudo-terminal with temporary XDG folders: stars, read marks, positions and the session
//! survive quitting and SIGHUP; a corrupt state file is moved aside and reported; an invalid
//! configuration is ignored with a notice.

use std::path::{Path, PathBuf};

use crate::pty::{Home, Session};

/// Starting the reader on the fixtures with a [`Home`].
trait Start {
    fn state_dir(&self) -> PathBuf;
    fn start(&self) -> Session;
}

impl Start for Home {
    fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state/kiji")
    }

    fn start(&self) -> Session {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
        let (c, s, k) = (self.var("config"), self.var("state"), self.var("cache"));
        let env = [
            ("XDG_CONFIG_HOME", c.as_str()),
            ("XDG_STATE_HOME", s.as_str()),
            ("XDG_CACHE_HOME", k.as_str()),
        ];
        let mut session = Session::start(
            &[&root.to_string_lossy()],
            Path::new(env!("CARGO_MANIFEST_DIR")),
            120,
            40,
            &env,
        );
        session.wait_for_text(" 4/4 ");
        session
    }
}

/// The list row (screen row) of the first article.
const FIRST_ROW: u16 = 2;

fn quit(s: &mut Session) {
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.parser.screen().alternate_screen(), "terminal restored");
}

#[test]
fn a_star_survives_quit_and_restart() {
    let home = Home::new();
    let mut s = home.start();
    assert!(!s.row(FIRST_ROW).contains('★'));
    s.send("s");
    s.wait_for("the star", |sc| {
        sc.contents_between(FIRST_ROW, 0, FIRST_ROW, 40)
            .contains('★')
    });
    quit(&mut s);
    let mut s = home.start();
    assert!(s.row(FIRST_ROW).contains('★'), "{}", s.screen());
    // Unstar, and that survives too.
    s.send("s");
    s.wait_for("no star", |sc| {
        !sc.contents_between(FIRST_ROW, 0, FIRST_ROW, 40)
            .contains('★')
    });
    quit(&mut s);
    let s = home.start();
    assert!(!s.row(FIRST_ROW).contains('★'));
}

#[test]
fn read_marks_position_and_session_survive_a_restart() {
    let home = Home::new();
    let mut s = home.start();
    s.send("j");
    s.wait_for("second row selected", |sc| {
        sc.contents_between(1, 40, 1, 100)
            .contains("全角文字だけが")
    });
    assert!(s.row(FIRST_ROW + 1).contains('•'), "unread before opening");
    s.send("\r");
    s.wait_for_text("esc back");
    s.send("jj");
    s.wait_for("scrolled", |sc| !sc.contents().contains(" 0% "));
    let percent = s
        .screen()
        .split('%')
        .next()
        .and_then(|t| t.rsplit(' ').next())
        .unwrap_or("")
        .to_string();
    quit(&mut s);

    let mut s = home.start();
    // Same article, same focus, same place.
    assert!(
        s.screen().contains("esc back"),
        "body focus restored:\n{}",
        s.screen()
    );
    assert!(
        s.screen().contains(&format!(" {percent}% ")),
        "position {percent}% restored:\n{}",
        s.screen()
    );
    s.send("\x1b");
    s.wait_for_text("enter read");
    let row = s.row(FIRST_ROW + 1);
    assert!(
        row.contains("全角文字") && !row.contains('•'),
        "read mark kept: {row}"
    );
    quit(&mut s);
}

#[test]
fn sighup_keeps_the_star_and_restores_the_terminal() {
    let home = Home::new();
    let mut s = home.start();
    s.send("s");
    s.wait_for("the star", |sc| {
        sc.contents_between(FIRST_ROW, 0, FIRST_ROW, 40)
            .contains('★')
    });
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_eq!(s.wait_exit(), 128 + 1);
    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "cursor shown again");
    let s = home.start();
    assert!(s.row(FIRST_ROW).contains('★'), "{}", s.screen());
}

#[test]
fn a_corrupt_state_file_is_moved_aside_and_reported() {
    let home = Home::new();
    std::fs::create_dir_all(home.state_dir()).expect("mkdir");
    std::fs::write(
        home.state_dir().join("state.json"),
        b"{\"version\":1, \"articl",
    )
    .expect("write");
    let mut s = home.start();
    s.wait_for_text("could not be parsed");
    let moved: Vec<_> = std::fs::read_dir(home.state_dir())
        .expect("read dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.json.corrupt-")
        })
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(
        std::fs::read(moved[0].path()).expect("read"),
        b"{\"version\":1, \"articl"
    );
    // The app works and saves a fresh state.
    s.send("s");
    s.wait_for("the star", |sc| {
        sc.contents_between(FIRST_ROW, 0, FIRST_ROW, 40)
            .contains('★')
    });
    quit(&mut s);
    let text = std::fs::read_to_string(home.state_dir().join("state.json")).expect("new state");
    assert!(text.contains("\"starred\":[true"), "{text}");
}

#[test]
fn an_invalid_configuration_is_ignored_with_a_notice() {
    let home = Home::new();
    let dir = home.dir.path().join("config/kiji");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.yaml"), "themes: dark\n").expect("write");
    let mut s = home.start();
    s.wait_for_text("config ignored");
    assert!(s.screen().contains("4/4"));
    quit(&mut s);
}
