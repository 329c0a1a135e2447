//! The terminal side of `kiji doctor`: in raw mode, draw every sample at the start of the line,
//! each followed by a cursor-position request (`ESC [ 6n`), and end the batch with a
//! device-attributes request (`ESC [ c`), all in one write; then read the answers. The
//! terminal answers in order, so its answer to the last request says nothing more is coming.
//! Answers later than [`TIMEOUT`] are not used, but are still read, while the report is shown,
//! for up to [`DRAIN`] more, so a slow terminal's late answer is not left for the shell to print
//! (`;11R` at the prompt). The line is cleared afterwards and raw mode is left on every way out.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use super::{Measurement, Reply, Sample, parse_reply};

/// How long to wait for the terminal's answers to the whole batch of requests.
pub const TIMEOUT: Duration = Duration::from_secs(1);

/// How much longer, after [`TIMEOUT`], late answers are read (and dropped) before kiji exits.
pub const DRAIN: Duration = Duration::from_secs(2);

/// The primary device-attributes request, which every terminal answers.
const ATTRIBUTES_REQUEST: &str = "\x1b[c";

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

/// The requests for `samples`, in one string: each sample drawn from column 1 (so the
/// reported column minus one is its width) and followed by a cursor-position request, then
/// the device-attributes request.
pub fn batch(samples: &[Sample]) -> String {
    let mut out = String::new();
    for s in samples {
        let _ = write!(out, "\r\x1b[2K{}\x1b[6n", s.text);
    }
    out.push_str(ATTRIBUTES_REQUEST);
    out
}

/// The answers read so far.
#[derive(Debug, Default)]
struct Answers {
    /// Bytes received and not yet taken as a reply.
    pending: Vec<u8>,
    /// The columns of the cursor-position reports, in order.
    columns: Vec<u16>,
    /// Whether the device-attributes answer, the last one, has come.
    complete: bool,
}

impl Answers {
    /// Take the complete replies out of `pending`.
    fn take_replies(&mut self) {
        while let Some((reply, end)) = parse_reply(&self.pending) {
            self.pending.drain(..end);
            match reply {
                Reply::Cursor(_, col) => self.columns.push(col),
                Reply::Attributes => {
                    self.complete = true;
                    self.pending.clear();
                    return;
                }
            }
        }
    }

    /// Read until the last answer has come or until `deadline`.
    fn read_until(&mut self, rx: &Receiver<Vec<u8>>, deadline: Instant) {
        while !self.complete {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                return;
            };
            match rx.recv_timeout(left) {
                Ok(bytes) => {
                    self.pending.extend_from_slice(&bytes);
                    self.take_replies();
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

/// The measurements, with the terminal still in raw mode and its late answers still awaited
/// (see [`Probe::finish`]).
pub struct Probe {
    /// One per sample, in order: `drawn` is None for a sample whose answer had not come within
    /// [`TIMEOUT`].
    pub measured: Vec<Measurement>,
    answers: Answers,
    rx: Receiver<Vec<u8>>,
    drain_until: Instant,
    _raw: RawMode,
}

/// Measure each sample on the terminal (standard output, answering on standard input), waiting
/// at most [`TIMEOUT`] for the answers.
pub fn probe(samples: &[Sample]) -> io::Result<Probe> {
    // Raw mode first, so the reading thread never waits for a whole line.
    let raw = RawMode::on()?;
    let rx = input()?;
    let mut out = io::stdout().lock();
    let start = Instant::now();
    out.write_all(batch(samples).as_bytes())?;
    out.flush()?;
    let mut answers = Answers::default();
    answers.read_until(&rx, start + TIMEOUT);
    write!(out, "\r\x1b[2K")?;
    out.flush()?;
    let measured = samples
        .iter()
        .enumerate()
        .map(|(i, sample)| Measurement {
            sample: *sample,
            drawn: answers
                .columns
                .get(i)
                .map(|&c| usize::from(c.saturating_sub(1))),
        })
        .collect();
    Ok(Probe {
        measured,
        answers,
        rx,
        drain_until: start + TIMEOUT + DRAIN,
        _raw: raw,
    })
}

impl Probe {
    /// Print `report` (still in raw mode, so each line ends in `\r\n`), then read what the
    /// terminal still had to answer, up to [`DRAIN`] after the timeout, and leave raw mode.
    pub fn finish(mut self, report: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(report.replace('\n', "\r\n").as_bytes())?;
        out.flush()?;
        self.answers.read_until(&self.rx, self.drain_until);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::SAMPLES;

    #[test]
    fn one_batch_asks_for_every_sample_then_for_the_attributes() {
        let b = batch(&SAMPLES);
        assert_eq!(b.matches("\x1b[6n").count(), SAMPLES.len());
        assert!(
            b.starts_with("\r\x1b[2K漢\x1b[6n\r\x1b[2K※\x1b[6n"),
            "{b:?}"
        );
        assert!(b.ends_with("ｶﾞ\x1b[6n\x1b[c"), "{b:?}");
    }

    #[test]
    fn answers_are_taken_in_order_up_to_the_last_one() {
        let (tx, rx) = mpsc::channel();
        let mut a = Answers::default();
        // Split anywhere, with a key typed in between.
        for chunk in [
            &b"\x1b[1;3R\x1b[1"[..],
            b";2Rj\x1b",
            b"[1;2R\x1b[?62;",
            b"22c\x1b[1;9R",
        ] {
            tx.send(chunk.to_vec()).expect("send");
        }
        a.read_until(&rx, Instant::now() + Duration::from_secs(30));
        assert!(a.complete);
        assert_eq!(a.columns, [3, 2, 2]);
        // Without the last answer, reading stops (here: input ends) with what came.
        let (tx, rx) = mpsc::channel();
        let mut a = Answers::default();
        tx.send(b"\x1b[1;3R".to_vec()).expect("send");
        drop(tx);
        a.read_until(&rx, Instant::now() + Duration::from_secs(30));
        assert!(!a.complete);
        assert_eq!(a.columns, [3]);
    }
}
