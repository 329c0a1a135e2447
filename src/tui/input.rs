//! What wakes the reader's loop: terminal events read on their own thread, signals on
//! another, and the one flag that lets a hangup or a signal overtake every queued key.
//!
//! crossterm alone cannot tell a hung-up terminal from a quiet one: after a hangup the tty
//! reads as end of file for ever, and its reader polls and reads nothing in a tight loop. So
//! this thread waits on the tty itself (and on a SIGWINCH pipe, for resizes) and asks
//! crossterm for events only once the tty has something; a tty that reports a hangup (or an
//! error) ends the thread with [`Wake::Hangup`].

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event};
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

/// Start the input and signal threads; their wakes go to `tx`.
pub fn spawn(tx: mpsc::Sender<Wake>) -> io::Result<()> {
    let (resized, resize_pipe) = UnixStream::pair()?;
    resized.set_nonblocking(true)?;
    signal_hook::low_level::pipe::register(SIGWINCH, resize_pipe)?;
    let input_tx = tx.clone();
    thread::Builder::new()
        .name("kiji-input".into())
        .spawn(move || read_terminal(&input_tx, &resized))?;
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
    Ok(())
}

/// How long crossterm may wait for the rest of an event once the tty has input: long
/// enough to take what is there, short enough never to be noticed.
const READ_SLICE: Duration = Duration::from_millis(1);

/// The input thread: everything crossterm can read now, then wait for more or a hangup.
fn read_terminal(tx: &mpsc::Sender<Wake>, resized: &UnixStream) {
    let tty = io::stdin().as_raw_fd();
    loop {
        loop {
            if stop_requested().is_some() {
                return;
            }
            let wake = match event::poll(READ_SLICE) {
                Ok(false) => break,
                Ok(true) => match event::read() {
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
                return;
            }
        }
        match wait(tty, resized.as_raw_fd()) {
            Ready::Input => {}
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

/// What the tty and the resize pipe have to say.
enum Ready {
    /// The tty has input.
    Input,
    /// The terminal was resized.
    Resize,
    /// The tty hung up or failed.
    Gone,
}

/// Block until the tty has input, hangs up, or a resize arrives.
fn wait(tty: RawFd, resized: RawFd) -> Ready {
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
    ];
    loop {
        // SAFETY: two valid pollfd structs, and their count.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
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
            wait(a.as_raw_fd(), quiet.as_raw_fd()),
            Ready::Input
        ));
        drop(b);
        // The byte is still there, but the other end hung up: gone wins, as on a tty.
        assert!(matches!(
            wait(a.as_raw_fd(), quiet.as_raw_fd()),
            Ready::Gone
        ));
    }

    #[test]
    fn a_resize_wakes_the_wait() {
        let (tty, _other) = UnixStream::pair().expect("pair");
        let (resized, pipe) = UnixStream::pair().expect("pair");
        resized.set_nonblocking(true).expect("nonblocking");
        use std::io::Write;
        (&pipe).write_all(b"\x01").expect("write");
        assert!(matches!(
            wait(tty.as_raw_fd(), resized.as_raw_fd()),
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
