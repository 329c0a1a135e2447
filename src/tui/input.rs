//! What wakes the reader's loop: terminal events read on their own thread, signals on
//! another, and the one flag that lets a hangup or a signal overtake every queued key.
//!
//! crossterm alone cannot tell a hung-up terminal from a quiet one: after a hangup the tty
//! reads as end of file for ever, and its reader polls and reads nothing in a tight loop. So
//! this thread waits on the tty itself (and on a SIGWINCH pipe, for resizes) and asks
//! crossterm for events only once the tty has something; a tty that reports a hangup (or an
//! error) ends the thread with [`Wake::Hangup`].

pub mod graphics_query;

use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyModifiers};

use self::graphics_query::{Answer, QUERY, key_events, take_replies};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};

/// What wakes the loop up.
pub enum Wake {
    /// A terminal event (key, paste, resize, mouse).
    Terminal(Event),
    /// Reading terminal events failed.
    InputError(io::Error),
    /// The terminal is gone (hangup or end of input): nobody can see or type any more.
    Hangup,
    /// A signal asking kiji to stop (its number).
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    Suspend,
    /// SIGCONT: the shell (or someone) let kiji run again after a stop.
    Continue,
    /// News from the background scan.
    Scan(crate::watch::ScanEvent),
    /// A picture the worker made ready (or could not).
    Picture(crate::tui::pictures::Ready),
    /// The terminal's answer to the graphics query (nothing in time: all false).
    Graphics(Answer),
    /// A snapshot's tag lists are made ([`crate::index::WarmUp`]).
    Warmed,
}

/// The signal that asked kiji to stop (SIGHUP for a terminal that went away), or 0. Set
/// before the matching wake is queued, and read before every wake is handled, so a stop
/// never waits behind keys already in the queue.
static STOP: AtomicI32 = AtomicI32::new(0);

/// The signal kiji was asked to stop with, if any.
pub fn stop_requested() -> Option<i32> {
    match STOP.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(sig),
    }
}

fn request_stop(sig: i32) {
    // The first reason wins: a hangup often brings SIGHUP and an end of input together.
    let _ = STOP.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
}

/// How long the terminal has to answer the graphics query once it is written.
const QUERY_WAIT: Duration = Duration::from_millis(400);

/// How much longer a reply begun before [`QUERY_WAIT`] is over may take to end.
const UNIT_GRACE: Duration = Duration::from_millis(500);

/// How long the loop waits for the input thread to take the tty before it writes the query.
const QUERY_TAKE_WAIT: Duration = Duration::from_millis(200);

/// The loop's way to ask the terminal which graphics it draws: the input thread reads the
/// replies itself, so they never reach crossterm (which would take kitty's for keys).
pub struct GraphicsQuery {
    poke: UnixStream,
    taken: mpsc::Receiver<()>,
}

impl GraphicsQuery {
    /// Have the input thread read the tty for replies, then write the query to `out`; the
    /// answer comes as [`Wake::Graphics`]. False (and nothing written) when the input thread
    /// did not take the tty in time.
    pub fn ask(&self, out: &mut impl Write) -> io::Result<bool> {
        (&self.poke).write_all(b"?")?;
        if self.taken.recv_timeout(QUERY_TAKE_WAIT).is_err() {
            return Ok(false);
        }
        out.write_all(QUERY)?;
        out.flush()?;
        Ok(true)
    }
}

/// Start the input and signal threads; their wakes go to `tx`. Returns the way to ask the
/// terminal about graphics.
pub fn spawn(tx: mpsc::Sender<Wake>) -> io::Result<GraphicsQuery> {
    let (resized, resize_pipe) = UnixStream::pair()?;
    resized.set_nonblocking(true)?;
    signal_hook::low_level::pipe::register(SIGWINCH, resize_pipe)?;
    let (poked, poke) = UnixStream::pair()?;
    poked.set_nonblocking(true)?;
    let (taken_tx, taken) = mpsc::channel();
    let input_tx = tx.clone();
    thread::Builder::new()
        .name("kiji-input".into())
        .spawn(move || {
            read_terminal(
                &input_tx,
                &Pipes {
                    resized,
                    poked,
                    taken: taken_tx,
                },
            )
        })?;
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    thread::Builder::new()
        .name("kiji-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let wake = match sig {
                    SIGTSTP => Wake::Suspend,
                    SIGCONT => Wake::Continue,
                    other => {
                        request_stop(other);
                        Wake::Signal(other)
                    }
                };
                let last = matches!(wake, Wake::Signal(_));
                if tx.send(wake).is_err() || last {
                    break;
                }
            }
        })?;
    Ok(GraphicsQuery { poke, taken })
}

/// What wakes the input thread besides the tty.
struct Pipes {
    /// SIGWINCH writes here.
    resized: UnixStream,
    /// The loop asks for the graphics query here.
    poked: UnixStream,
    /// The input thread says here that it reads the replies.
    taken: mpsc::Sender<()>,
}

/// Whether a kitty reply may still come after the query's wait (it is swallowed then: crossterm
/// would report it as Alt+_ followed by its letters as keys).
#[derive(Default)]
struct Late {
    /// A reply may come.
    expected: bool,
    /// Inside one: how many of its keys were dropped so far (None: not inside one).
    inside: Option<usize>,
}

/// The most keys a kitty reply comes as (`Gi=31;` and an error message at most this long).
const LATE_REPLY_KEYS: usize = 80;

impl Late {
    /// Whether `event` is part of a late reply, and so not a key. A reply is Alt+_, `G`, its
    /// text and Alt+\; anything else after Alt+_ is a key again.
    fn swallows(&mut self, event: &Event) -> bool {
        let Event::Key(key) = event else {
            return false;
        };
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self.inside {
            Some(n) => {
                let end = alt && key.code == KeyCode::Char('\\');
                if end {
                    self.expected = false;
                }
                let reply = (n > 0 || key.code == KeyCode::Char('G')) && n < LATE_REPLY_KEYS;
                self.inside = (reply && !end).then_some(n + 1);
                reply
            }
            None if self.expected && alt && key.code == KeyCode::Char('_') => {
                self.inside = Some(0);
                true
            }
            None => false,
        }
    }
}

/// How long crossterm may wait for the rest of an event once the tty has input: long
/// enough to take what is there, short enough never to be noticed.
const READ_SLICE: Duration = Duration::from_millis(1);

/// The input thread: everything crossterm can read now, then wait for more or a hangup.
fn read_terminal(tx: &mpsc::Sender<Wake>, pipes: &Pipes) {
    let tty = io::stdin().as_raw_fd();
    let resized = &pipes.resized;
    let mut late = Late::default();
    loop {
        if !read_events(tx, &mut late) {
            return;
        }
        match wait(tty, resized.as_raw_fd(), pipes.poked.as_raw_fd()) {
            Ready::Input => {}
            Ready::Query => {
                drain(&pipes.poked);
                // Whatever the tty holds before the query is written is the user's: crossterm
                // takes it (a paste, a mouse report) before the replies are read raw.
                if !read_events(tx, &mut late) {
                    return;
                }
                let _ = pipes.taken.send(());
                let Some(answer) = read_replies(tty, tx) else {
                    request_stop(SIGHUP);
                    let _ = tx.send(Wake::Hangup);
                    return;
                };
                // A terminal that did not finish answering may still send kitty's reply.
                late.expected = !answer.complete;
                if tx.send(Wake::Graphics(answer)).is_err() {
                    return;
                }
            }
            Ready::Resize => {
                drain(resized);
                // crossterm reports the resize too, with its next event; but a SIGWINCH it
                // takes while this thread waits here can be lost to it, so say it ourselves
                // (a second report of the same size changes nothing).
                if let Ok((w, h)) = crossterm::terminal::size() {
                    if tx.send(Wake::Terminal(event::Event::Resize(w, h))).is_err() {
                        return;
                    }
                }
            }
            Ready::Gone => {
                request_stop(SIGHUP);
                let _ = tx.send(Wake::Hangup);
                return;
            }
        }
    }
}

/// Read the tty's raw bytes until the replies to the graphics query are complete or
/// [`QUERY_WAIT`] is over; keys typed meanwhile (before the replies) are sent on as events
/// (mouse reports and pastes in that moment are lost). None when the tty hung up.
fn read_replies(tty: RawFd, tx: &mpsc::Sender<Wake>) -> Option<Answer> {
    let deadline = Instant::now() + QUERY_WAIT;
    let mut answer = Answer::default();
    let mut buf = Vec::new();
    let send_keys = |bytes: &[u8]| {
        for event in key_events(bytes) {
            let _ = tx.send(Wake::Terminal(event));
        }
    };
    while !answer.complete {
        // A reply (or key sequence) already begun is read to its end, or its rest would
        // reach crossterm as keys (`ESC [ ? 6 2 c`: a `?` opening the help).
        let limit = if buf.is_empty() {
            deadline
        } else {
            deadline + UNIT_GRACE
        };
        let left = limit.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let mut fds = libc::pollfd {
            fd: tty,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(1);
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut fds, 1, ms) };
        if n < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return None;
        }
        if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return None;
        }
        if fds.revents & libc::POLLIN == 0 {
            continue;
        }
        // One byte at a time: reading stops right after the last reply, and whatever the
        // terminal sends next (a mouse report, a paste) is left for crossterm.
        let mut chunk = [0u8; 1];
        // SAFETY: reads at most the chunk's length into it.
        let got = unsafe { libc::read(tty, chunk.as_mut_ptr().cast(), chunk.len()) };
        let Ok(got) = usize::try_from(got) else {
            return None;
        };
        if got == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..got]);
        send_keys(&take_replies(&mut buf, &mut answer));
    }
    // What is left is not a reply that can still be completed in time: keys.
    send_keys(&buf);
    Some(answer)
}

/// Everything crossterm can read now, sent on as wakes (a late kitty reply swallowed);
/// false when the thread is to end.
fn read_events(tx: &mpsc::Sender<Wake>, late: &mut Late) -> bool {
    loop {
        if stop_requested().is_some() {
            return false;
        }
        let wake = match event::poll(READ_SLICE) {
            Ok(false) => return true,
            Ok(true) => match event::read() {
                Ok(e) if late.swallows(&e) => continue,
                Ok(e) => Wake::Terminal(e),
                Err(e) => Wake::InputError(e),
            },
            Err(e) => Wake::InputError(e),
        };
        let failed = matches!(wake, Wake::InputError(_));
        if failed {
            request_stop(SIGHUP);
        }
        if tx.send(wake).is_err() || failed {
            return false;
        }
    }
}

/// What the tty and the pipes have to say.
enum Ready {
    /// The tty has input.
    Input,
    /// The terminal was resized.
    Resize,
    /// The loop asks for the graphics query.
    Query,
    /// The tty hung up or failed.
    Gone,
}

/// Block until the tty has input, hangs up, a resize arrives or the loop asks for the query.
fn wait(tty: RawFd, resized: RawFd, poked: RawFd) -> Ready {
    let mut fds = [
        libc::pollfd {
            fd: tty,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: resized,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: poked,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    loop {
        // SAFETY: three valid pollfd structs, and their count.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 3, -1) };
        if n < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Ready::Gone;
        }
        let tty_events = fds[0].revents;
        if tty_events & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Ready::Gone;
        }
        if tty_events & libc::POLLIN != 0 {
            return Ready::Input;
        }
        if fds[1].revents != 0 {
            return Ready::Resize;
        }
        if fds[2].revents != 0 {
            return Ready::Query;
        }
    }
}

/// Empty the resize pipe (it is non-blocking).
fn drain(mut pipe: &UnixStream) {
    use std::io::Read;
    let mut buf = [0u8; 64];
    while matches!(pipe.read(&mut buf), Ok(n) if n > 0) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_that_closes_reads_as_gone_and_one_with_data_as_input() {
        let (a, b) = UnixStream::pair().expect("pair");
        let (quiet, _keep) = UnixStream::pair().expect("pair");
        use std::io::Write;
        (&b).write_all(b"x").expect("write");
        assert!(matches!(
            wait(a.as_raw_fd(), quiet.as_raw_fd(), quiet.as_raw_fd()),
            Ready::Input
        ));
        drop(b);
        // The byte is still there, but the other end hung up: gone wins, as on a tty.
        assert!(matches!(
            wait(a.as_raw_fd(), quiet.as_raw_fd(), quiet.as_raw_fd()),
            Ready::Gone
        ));
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(crossterm::event::KeyEvent::new(code, modifiers))
    }

    #[test]
    fn a_late_kitty_reply_is_swallowed_and_a_typed_alt_underscore_is_not_a_trap() {
        let alt = KeyModifiers::ALT;
        let none = KeyModifiers::NONE;
        let mut late = Late {
            expected: true,
            inside: None,
        };
        let mut reply = vec![key(KeyCode::Char('_'), alt)];
        reply.extend("Gi=31;OK".chars().map(|c| key(KeyCode::Char(c), none)));
        reply.push(key(KeyCode::Char('\\'), alt));
        assert!(reply.iter().all(|e| late.swallows(e)));
        assert!(!late.swallows(&key(KeyCode::Char('j'), none)), "over");
        assert!(!late.expected, "one reply only");
        // Alt+_ typed while a reply could still come: the next key is a key again.
        let mut late = Late {
            expected: true,
            inside: None,
        };
        assert!(late.swallows(&key(KeyCode::Char('_'), alt)));
        assert!(!late.swallows(&key(KeyCode::Char('j'), none)));
        assert!(!late.swallows(&key(KeyCode::Char('k'), none)));
    }

    #[test]
    fn a_resize_wakes_the_wait() {
        let (tty, _other) = UnixStream::pair().expect("pair");
        let (resized, pipe) = UnixStream::pair().expect("pair");
        resized.set_nonblocking(true).expect("nonblocking");
        use std::io::Write;
        (&pipe).write_all(b"\x01").expect("write");
        assert!(matches!(
            wait(tty.as_raw_fd(), resized.as_raw_fd(), tty.as_raw_fd()),
            Ready::Resize
        ));
        drain(&resized);
        let mut fds = libc::pollfd {
            fd: resized.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        assert_eq!(unsafe { libc::poll(&mut fds, 1, 0) }, 0, "drained");
    }
}
