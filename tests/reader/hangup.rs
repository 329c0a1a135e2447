//! The terminal going away under the reader (a dropped SSH connection, a closed tmux pane),
//! and pastes: through the real binary in a pseudo-terminal whose master side the test
//! closes. kiji must save the session, exit with SIGHUP's status (129) and never abort, also
//! with a paste still queued, and also when no SIGHUP comes at all (only the end of input).

use crate::pty;

use std::path::{Path, PathBuf};

use crate::pty::{Home, Session};

/// Starting the reader with a [`Home`].
trait Start {
    fn start_program(&self, program: &str, args: &[&str]) -> Session;
    fn start(&self) -> Session;
    fn state_text(&self) -> String;
}

impl Start for Home {
    /// Start `program args…` with this home, and wait for the full list.
    fn start_program(&self, program: &str, args: &[&str]) -> Session {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut s = Session::start_program(
            program,
            args,
            Path::new(env!("CARGO_MANIFEST_DIR")),
            120,
            40,
            &env,
        );
        s.wait_for("the list of four", |sc| {
            matches!(pty::count(sc), Some((_, 4))) && !sc.contents().contains("reading")
        });
        s
    }

    fn start(&self) -> Session {
        let root = fixtures();
        self.start_program(env!("CARGO_BIN_EXE_kiji"), &[&root.to_string_lossy()])
    }

    /// The session file(s) the state folder holds, as text.
    fn state_text(&self) -> String {
        let dir = self.dir.path().join("state/kiji");
        let mut text = String::new();
        for entry in std::fs::read_dir(&dir).expect("state folder").flatten() {
            text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
        text
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader")
}

/// Keep `query` as the search filter: the list narrows to the articles that have it.
fn search(s: &mut Session, query: &str, shown: usize) {
    s.send("/");
    s.wait_for_text("enter keep");
    s.send(query);
    s.send("\r");
    let chip = format!("/{query}");
    s.wait_for(&format!("{chip:?} kept, the prompt closed"), |sc| {
        pty::count(sc) == Some((shown, 4))
            && sc.contents().contains(&chip)
            && !sc.contents().contains("enter keep")
    });
}

/// The process ended by exiting with SIGHUP's status, not by a signal (an abort).
fn assert_hung_up(status: &portable_pty::ExitStatus) {
    assert_eq!(status.signal(), None, "kiji was killed: {status:?}");
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
}

#[test]
fn a_dropped_terminal_saves_the_session_and_exits_with_sighups_status() {
    let home = Home::new();
    let mut s = home.start();
    search(&mut s, "unicode", 3);
    s.hang_up();
    assert_hung_up(&s.wait_exit_status());
    let mut s = home.start_program(env!("CARGO_BIN_EXE_kiji"), &[&fixtures().to_string_lossy()]);
    // Only the filter narrows 4 to 3: the session came back.
    s.wait_for_text("/unicode");
    assert_eq!(
        pty::count(s.parser.screen()),
        Some((3, 4)),
        "{}",
        s.screen()
    );
}

#[test]
fn a_hangup_behind_a_queued_paste_ends_kiji_at_once() {
    let home = Home::new();
    let mut s = home.start();
    s.send("/");
    // A paste as a terminal without bracketed paste sends it: one key after another.
    let paste = "ユニコード unicode ".repeat(100);
    s.send(&paste);
    s.hang_up();
    assert_hung_up(&s.wait_exit_status());
    // The state file is whole (it parses: the next start reads it without a notice).
    assert!(
        home.state_text().contains("\"session\""),
        "{}",
        home.state_text()
    );
    let s = home.start();
    assert!(!s.screen().contains("moved aside"), "{}", s.screen());
}

#[test]
fn the_end_of_input_without_a_signal_stops_kiji() {
    // In a session of its own (setsid), kiji gets no SIGHUP when the terminal goes: only
    // reads that fail or find nothing. It must stop rather than spin. The shell around it
    // ignores the hangup and writes down how kiji ended.
    let home = Home::new();
    let status_file = home.dir.path().join("status");
    let kiji = env!("CARGO_BIN_EXE_kiji");
    let root = fixtures();
    let script = r#"trap '' HUP; setsid -w "$0" "$1"; echo $? > "$2""#;
    let mut s = home.start_program(
        "sh",
        &[
            "-c",
            script,
            kiji,
            &root.to_string_lossy(),
            &status_file.to_string_lossy(),
        ],
    );
    search(&mut s, "unicode", 3);
    s.hang_up();
    s.wait_exit_status();
    let status = std::fs::read_to_string(&status_file).expect("the shell wrote kiji's status");
    assert_eq!(status.trim(), "129");
    let s = home.start();
    assert!(s.screen().contains("/unicode"), "{}", s.screen());
}

#[test]
fn a_bracketed_paste_types_into_search_and_means_nothing_in_the_list() {
    let home = Home::new();
    let mut s = home.start();
    // In the list a pasted `q` must not quit, nor `T`, `s`… do anything.
    s.send("\x1b[200~qsT?\x1b[201~");
    s.send("/");
    s.wait_for_text("enter keep");
    // Pasted into the prompt, a line end becomes a space (no Enter) and the search runs.
    s.send("\x1b[200~unicode\r\n\x1b[201~");
    s.wait_for("the pasted query, searched", |sc| {
        sc.contents().contains("/  unicode ▏") && pty::count(sc) == Some((3, 4))
    });
    assert!(
        s.screen().contains("enter keep"),
        "still typing: {}",
        s.screen()
    );
    s.send("\x1b");
    s.wait_for(" 4/4 ", |sc| pty::count(sc) == Some((4, 4)));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        s.output.windows(8).any(|w| w == b"\x1b[?2004h"),
        "bracketed paste was asked for"
    );
    assert!(
        s.output.windows(8).any(|w| w == b"\x1b[?2004l"),
        "and turned off again"
    );
}

#[test]
fn a_long_paste_of_keys_into_search_then_esc_puts_the_list_back() {
    let home = Home::new();
    let mut s = home.start();
    s.send("/");
    s.wait_for_text("enter keep");
    s.send(&"unicode ".repeat(40));
    s.send("\x1b");
    s.wait_for("the prompt closed with all four articles", |sc| {
        pty::count(sc) == Some((4, 4)) && !sc.contents().contains("enter keep")
    });
    assert!(
        !s.screen().contains("/unicode"),
        "no query kept: {}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
