//! A pseudo-terminal harness for end-to-end tests: runs the real binary, feeds its output to a
//! terminal emulator (vt100), and waits (with generous timeouts, never fixed sleeps) for text
//! to appear on the screen. It answers cursor-position requests (`ESC [ 6n`) from the
//! emulator's cursor and device-attributes requests (`ESC [ c`) as a VT220, in order, as a real
//! terminal does (vt100 itself does not answer anything).
#![allow(dead_code)] // each test binary uses a different part of the harness

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for anything: CI shares two cores, so be generous.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// [`TIMEOUT`], or `KIJI_PTY_TIMEOUT` seconds when set (the benches' cold starts of 100,000
/// articles take longer on a loaded machine).
fn timeout() -> Duration {
    std::env::var("KIJI_PTY_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(TIMEOUT, Duration::from_secs)
}

/// End of a frame: kiji wraps every frame in a synchronized update.
pub const FRAME_END: &[u8] = b"\x1b[?2026l";

/// A cursor-position request (device status report 6).
pub const CURSOR_REQUEST: &[u8] = b"\x1b[6n";

/// A primary device-attributes request.
pub const ATTRIBUTES_REQUEST: &[u8] = b"\x1b[c";

/// The answer to [`ATTRIBUTES_REQUEST`]: a VT220 with ANSI colour.
pub const ATTRIBUTES_ANSWER: &[u8] = b"\x1b[?62;22c";

pub struct Session {
    pub parser: vt100::Parser,
    /// The terminal's side of the pty; None once the test hung it up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    rx: Receiver<Vec<u8>>,
    /// Tells the output thread to stop and drop its copy of the master, and the thread.
    stop_reading: Arc<AtomicBool>,
    reading: Option<thread::JoinHandle<()>>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Every byte the program wrote, in order.
    pub output: Vec<u8>,
    /// Whether cursor-position and device-attributes requests are answered (true unless a
    /// test turns it off to play a terminal that does not answer, or answers late).
    pub answers_cursor_requests: bool,
    /// The end of the last read when it may be the start of a cursor-position request split
    /// across reads; fed to the emulator with the next read.
    held: Vec<u8>,
    eof: bool,
    /// Holds the configuration, state and cache folders of this run unless the test gave its
    /// own (`XDG_*` in `env`), so runs never share the user's files or each other's.
    _home: Option<tempfile::TempDir>,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("non-zero")
}

impl Session {
    pub fn start(args: &[&str], cwd: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_kiji"), args, cwd, cols, rows, env)
    }

    /// Run `program` (a shell, say, that runs kiji itself) with kiji's test environment.
    pub fn start_program(
        program: &str,
        args: &[&str],
        cwd: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("RUST_BACKTRACE", "0");
        cmd.env_remove("KIJI_CONFIG");
        cmd.env_remove("NO_COLOR");
        // Without a session the list starts in the language of LANG; tests start with all.
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        cmd.env("LANG", "C.UTF-8");
        let home = if env.iter().any(|(k, _)| k.starts_with("XDG_")) {
            None
        } else {
            let dir = tempfile::tempdir().expect("temp dir");
            for (var, sub) in [
                ("XDG_CONFIG_HOME", "config"),
                ("XDG_STATE_HOME", "state"),
                ("XDG_CACHE_HOME", "cache"),
                ("XDG_DATA_HOME", "data"),
            ] {
                cmd.env(var, dir.path().join(sub));
            }
            Some(dir)
        };
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn kiji");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let master_fd = pair.master.as_raw_fd().expect("master fd");
        let (tx, rx) = mpsc::channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = stop_reading.clone();
        let reading = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // Wait in short steps, so that a hang-up can stop this thread (its copy of the
                // master must be closed for the pty to hang up).
                let mut fds = libc::pollfd {
                    fd: master_fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; the master outlives this thread (joined first).
                let ready = unsafe { libc::poll(&mut fds, 1, 50) };
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                if ready == 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Session {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            master: Some(pair.master),
            writer: Some(writer),
            rx,
            stop_reading,
            reading: Some(reading),
            child,
            output: Vec::new(),
            answers_cursor_requests: true,
            held: Vec::new(),
            eof: false,
            _home: home,
        }
    }

    /// Read what is available (up to `wait`), feeding the emulator. False at end of output.
    fn pump(&mut self, wait: Duration) -> bool {
        if self.eof {
            return false;
        }
        match self.rx.recv_timeout(wait) {
            Ok(bytes) => {
                self.output.extend_from_slice(&bytes);
                self.feed(&bytes);
                true
            }
            Err(RecvTimeoutError::Timeout) => true,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                false
            }
        }
    }

    /// Feed output to the emulator, answering each cursor-position request with where the
    /// emulator's cursor is at that point of the output, and each device-attributes request.
    fn feed(&mut self, bytes: &[u8]) {
        let mut data = std::mem::take(&mut self.held);
        data.extend_from_slice(bytes);
        let requests = [CURSOR_REQUEST, ATTRIBUTES_REQUEST];
        let mut rest = &data[..];
        while let Some((i, request)) = (0..rest.len()).find_map(|i| {
            requests
                .iter()
                .find(|r| rest[i..].starts_with(r))
                .map(|r| (i, *r))
        }) {
            let n = request.len();
            self.parser.process(&rest[..i + n]);
            if self.answers_cursor_requests {
                let reply = if request == CURSOR_REQUEST {
                    let (row, col) = self.parser.screen().cursor_position();
                    format!("\x1b[{};{}R", row + 1, col + 1).into_bytes()
                } else {
                    ATTRIBUTES_ANSWER.to_vec()
                };
                // The program may be gone already; then nobody is waiting for the answer.
                if let Some(w) = &mut self.writer {
                    let _ = w.write_all(&reply).and_then(|()| w.flush());
                }
            }
            rest = &rest[i + n..];
        }
        let keep = (1..CURSOR_REQUEST.len())
            .rev()
            .find(|&k| {
                requests
                    .iter()
                    .any(|r| rest.ends_with(&r[..k.min(r.len())]))
            })
            .unwrap_or(0);
        self.parser.process(&rest[..rest.len() - keep]);
        self.held = rest[rest.len() - keep..].to_vec();
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until `pred` holds for the screen; panics with the screen after the timeout.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout();
        while !pred(self.parser.screen()) {
            if Instant::now() > deadline
                || !self.pump(Duration::from_millis(50)) && !pred(self.parser.screen())
            {
                // One file per test: the tests of a binary run at the same time.
                let test = thread::current()
                    .name()
                    .unwrap_or("main")
                    .replace("::", "-");
                let dump = std::env::temp_dir().join(format!("kiji-pty-failure-{test}.bin"));
                let _ = std::fs::write(&dump, &self.output);
                let exited = self.child.try_wait().ok().flatten().map(|s| s.exit_code());
                panic!(
                    "timed out waiting for {what} (kiji exited: {exited:?}; output in {}); screen:\n{}",
                    dump.display(),
                    self.screen()
                );
            }
        }
    }

    /// Wait until `pred` holds for everything the program has written; panics after the
    /// timeout.
    pub fn wait_for_output(&mut self, what: &str, pred: impl Fn(&[u8]) -> bool) {
        let deadline = Instant::now() + timeout();
        while !pred(&self.output) {
            if Instant::now() > deadline
                || !self.pump(Duration::from_millis(50)) && !pred(&self.output)
            {
                panic!(
                    "timed out waiting for {what} in the output; screen:\n{}",
                    self.screen()
                );
            }
        }
    }

    /// Read until the program has written nothing for `quiet` (or its output ended); for a
    /// bench counting what a schedule of keys wrote, never for a test's assertion.
    pub fn drain(&mut self, quiet: Duration) {
        let mut last = self.output.len();
        while self.pump(quiet) {
            if self.output.len() == last {
                return;
            }
            last = self.output.len();
        }
    }

    pub fn wait_for_text(&mut self, text: &str) {
        let t = text.to_string();
        self.wait_for(&format!("{text:?}"), move |s| s.contents().contains(&t));
    }

    /// Wait until `count` frame ends have been written after byte offset `from`.
    pub fn wait_for_frames(&mut self, from: usize, count: usize) {
        let deadline = Instant::now() + timeout();
        loop {
            let seen = self.output[from..]
                .windows(FRAME_END.len())
                .filter(|w| *w == FRAME_END)
                .count();
            if seen >= count {
                return;
            }
            if Instant::now() > deadline || !self.pump(Duration::from_millis(50)) {
                panic!(
                    "timed out waiting for {count} frame(s); screen:\n{}",
                    self.screen()
                );
            }
        }
    }

    pub fn send(&mut self, bytes: &str) {
        let w = self.writer.as_mut().expect("the terminal is still there");
        w.write_all(bytes.as_bytes()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Close the terminal under the program, as a dropped SSH connection or a closed tmux
    /// pane does: every copy of the master side is closed, so the program gets SIGHUP (it
    /// leads the pty's session) and every read or write of the terminal fails from then on.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(t) = self.reading.take() {
            t.join().expect("output thread");
        }
        self.writer = None;
        self.master = None;
        self.eof = true;
    }

    /// After `hang_up`: wait for the program to exit; its exit status.
    pub fn wait_exit_status(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "kiji did not exit after the hang-up"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is still there")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        self.parser.set_size(nz(rows), nz(cols));
    }

    /// Wait for the program to exit and drain its output; returns the exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Drain what it wrote before exiting: the reader ends when the pty closes.
                while self.pump(Duration::from_millis(100)) && Instant::now() < deadline {}
                return status.exit_code();
            }
            if Instant::now() > deadline {
                panic!("kiji did not exit; screen:\n{}", self.screen());
            }
            self.pump(Duration::from_millis(50));
        }
    }

    /// A row of the screen as text.
    pub fn row(&self, y: u16) -> String {
        let cols = self.parser.screen().size().1.get();
        self.parser.screen().contents_between(y, 0, y, cols)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Configuration, state and cache folders of their own, shared by the runs of one test (so
/// a second start sees what the first saved).
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The path of `sub` inside, as text.
    pub fn var(&self, sub: &str) -> String {
        self.dir.path().join(sub).to_string_lossy().into_owned()
    }

    /// `XDG_CONFIG_HOME`, `XDG_STATE_HOME` and `XDG_CACHE_HOME` pointing inside.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("XDG_CONFIG_HOME", self.var("config")),
            ("XDG_STATE_HOME", self.var("state")),
            ("XDG_CACHE_HOME", self.var("cache")),
        ]
    }
}

/// How many cells differ (text or attributes) between two screens.
pub fn changed_cells(a: &vt100::Screen, b: &vt100::Screen) -> usize {
    let (rows, cols) = b.size();
    let mut n = 0;
    for y in 0..rows.get() {
        for x in 0..cols.get() {
            let (ca, cb) = (a.cell(y, x), b.cell(y, x));
            let same = match (ca, cb) {
                (Some(ca), Some(cb)) => {
                    ca.contents() == cb.contents()
                        && ca.fgcolor() == cb.fgcolor()
                        && ca.bgcolor() == cb.bgcolor()
                        && ca.bold() == cb.bold()
                        && ca.inverse() == cb.inverse()
                        && ca.underline() == cb.underline()
                        && ca.italic() == cb.italic()
                }
                _ => false,
            };
            n += usize::from(!same);
        }
    }
    n
}

/// The `shown/total` count on the last row (status bar or prompt).
pub fn count(s: &vt100::Screen) -> Option<(usize, usize)> {
    let rows = s.size().0.get();
    let cols = s.size().1.get();
    let last = s.contents_between(rows - 1, 0, rows - 1, cols);
    last.split_whitespace().find_map(|w| {
        let (a, b) = w.split_once('/')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    })
}
