//! The terminal side of `kiji doctor`: in raw mode, draw each sample at the start of a line,
//! ask for the cursor position (`ESC [ 6n`) and read the reply, waiting at most a second for
//! it, so a terminal that never answers never makes kiji hang. The line is cleared after each
//! sample and raw mode is left on every way out.

use std::io::{self, Read, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use super::{Measurement, Sample, parse_cpr};

/// How long to wait for the terminal's answer to one cursor-position request.
pub const TIMEOUT: Duration = Duration::from_secs(1);

/// Leaves raw mode when dropped (also when unwinding from a panic).
struct RawMode;

impl RawMode {
    fn on() -> io::Result<RawMode> {
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Bytes from standard input, read on a thread of their own so waiting for them can time
/// out. The thread ends with the process (or when standard input closes).
fn input() -> io::Result<Receiver<Vec<u8>>> {
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("kiji-doctor-input".into())
        .spawn(move || {
            let mut stdin = io::stdin();
            let mut buf = [0u8; 256];
            loop {
                match stdin.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        })?;
    Ok(rx)
}

/// Wait up to `timeout` for a cursor-position report, keeping what follows it in `pending`.
/// The reported column, or None on a timeout or when input ends.
fn read_column(rx: &Receiver<Vec<u8>>, pending: &mut Vec<u8>, timeout: Duration) -> Option<u16> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some((_, col, end)) = parse_cpr(pending) {
            pending.drain(..end);
            return Some(col);
        }
        let left = deadline.checked_duration_since(Instant::now())?;
        match rx.recv_timeout(left) {
            Ok(bytes) => pending.extend_from_slice(&bytes),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Measure each sample on the terminal (standard output, answering on standard input). A
/// sample the terminal does not answer for within [`TIMEOUT`] is not measured, and neither
/// are the ones after it (a terminal that does not answer once will not answer later).
pub fn probe(samples: &[Sample]) -> io::Result<Vec<Measurement>> {
    // Raw mode first, so the reading thread never waits for a whole line.
    let _raw = RawMode::on()?;
    let rx = input()?;
    let mut out = io::stdout().lock();
    let mut pending = Vec::new();
    let mut results = Vec::with_capacity(samples.len());
    let mut answering = true;
    for sample in samples {
        let mut drawn = None;
        if answering {
            // Start at column 1: the reply's column minus one is the sample's width.
            write!(out, "\r\x1b[2K{}\x1b[6n", sample.text)?;
            out.flush()?;
            drawn =
                read_column(&rx, &mut pending, TIMEOUT).map(|c| usize::from(c.saturating_sub(1)));
            answering = drawn.is_some();
        }
        results.push(Measurement {
            sample: *sample,
            drawn,
        });
    }
    write!(out, "\r\x1b[2K")?;
    out.flush()?;
    Ok(results)
}
