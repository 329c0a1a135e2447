//! Bytes written while a key is held down (key repeat), the real binary in a pseudo-terminal:
//!
//! ```sh
//! cargo bench --bench slowlink -- DIR [--keys N] [--gap MS] [--size 120x40] [--runs R] [--kiji PATH]
//!     [--frames] [--dump FILE]
//! ```
//!
//! (DIR may also come from `KIJI_CORPUS`.) Starts kiji on DIR (by default the binary cargo
//! builds for the bench; `--kiji` runs another build, to compare versions), waits until the
//! status bar shows every article, then sends `j` N times (default 20) GAP ms apart (default
//! 30, a terminal's key repeat), waits until kiji has been quiet for 500 ms and reports every
//! byte written after the first frame: in all, per key, and the frames (`--frames` prints
//! each frame's size, `--dump` writes the held key's bytes to FILE). A single `j` after a
//! pause is reported too, for comparison. Each run has its own configuration, state and cache
//! folders. Bytes depend on the schedule kept, which a busy machine may stretch: the figures
//! are for comparing versions on one machine; no test asserts them.

#[path = "../tests/pty/mod.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kiji::loader::{self, LoadOptions};

struct Args {
    dir: PathBuf,
    keys: usize,
    gap: Duration,
    cols: u16,
    rows: u16,
    runs: usize,
    kiji: String,
    /// Where to write the held key's bytes, for a closer look.
    dump: Option<PathBuf>,
    /// Print each frame's size.
    frames: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: cargo bench --bench slowlink -- DIR [--keys N] [--gap MS] [--size COLSxROWS] [--runs R] [--kiji PATH] [--frames] [--dump FILE]\n\
         (DIR may also be given as KIJI_CORPUS)"
    );
    std::process::exit(2);
}

fn number<T: std::str::FromStr>(it: &mut impl Iterator<Item = String>) -> T {
    it.next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| usage())
}

fn parse_args() -> Args {
    let mut args = Args {
        dir: PathBuf::new(),
        keys: 20,
        gap: Duration::from_millis(30),
        cols: 120,
        rows: 40,
        runs: 5,
        kiji: env!("CARGO_BIN_EXE_kiji").to_string(),
        dump: None,
        frames: false,
    };
    let mut dir = std::env::var_os("KIJI_CORPUS").map(PathBuf::from);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            // cargo bench passes `--bench` to every bench binary.
            "--bench" => {}
            "--keys" => args.keys = number(&mut it),
            "--gap" => args.gap = Duration::from_millis(number(&mut it)),
            "--runs" => args.runs = number::<usize>(&mut it).max(1),
            "--kiji" => {
                // The pty runs it by this name: a relative one would be looked up in PATH.
                let path = it.next().unwrap_or_else(|| usage());
                args.kiji = std::fs::canonicalize(&path)
                    .unwrap_or_else(|_| usage())
                    .to_string_lossy()
                    .into_owned();
            }
            "--dump" => args.dump = Some(PathBuf::from(it.next().unwrap_or_else(|| usage()))),
            "--frames" => args.frames = true,
            "--size" => {
                let size = it.next().unwrap_or_else(|| usage());
                let (c, r) = size.split_once('x').unwrap_or_else(|| usage());
                args.cols = c.parse().unwrap_or_else(|_| usage());
                args.rows = r.parse().unwrap_or_else(|_| usage());
            }
            s if s.starts_with('-') => usage(),
            s => dir = Some(PathBuf::from(s)),
        }
    }
    args.dir = dir.unwrap_or_else(|| usage());
    if !args.dir.is_dir() {
        eprintln!("{}: no such folder", args.dir.display());
        std::process::exit(2);
    }
    args
}

/// How many frames `bytes` holds (kiji ends each with a synchronized update's end).
fn frames(bytes: &[u8]) -> usize {
    bytes
        .windows(pty::FRAME_END.len())
        .filter(|w| *w == pty::FRAME_END)
        .count()
}

/// Each frame's size in `bytes` (the last entry is what follows the last frame's end).
fn frame_sizes(bytes: &[u8]) -> Vec<usize> {
    let mut sizes = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + pty::FRAME_END.len() <= bytes.len() {
        if &bytes[i..i + pty::FRAME_END.len()] == pty::FRAME_END {
            i += pty::FRAME_END.len();
            sizes.push(i - start);
            start = i;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        sizes.push(bytes.len() - start);
    }
    sizes
}

/// One run: (bytes for the held key, its frames, bytes for one `j` after a pause).
fn run_once(args: &Args, text: &str) -> (usize, usize, usize) {
    let dir = args.dir.to_string_lossy().into_owned();
    let mut s = pty::Session::start_program(
        &args.kiji,
        &[&dir],
        Path::new("."),
        args.cols,
        args.rows,
        &[],
    );
    s.wait_for_text(text);
    let quiet = Duration::from_millis(500);
    s.drain(quiet);
    let from = s.output.len();
    let start = Instant::now();
    for k in 0..args.keys {
        let due = start + args.gap * u32::try_from(k).unwrap_or(u32::MAX);
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        s.send("j");
    }
    s.drain(quiet);
    let held = s.output.len() - from;
    let held_frames = frames(&s.output[from..]);
    if args.frames {
        println!("frames: {:?}", frame_sizes(&s.output[from..]));
    }
    if let Some(path) = &args.dump {
        if let Err(e) = std::fs::write(path, &s.output[from..]) {
            eprintln!("{}: {e}", path.display());
        }
    }
    let from = s.output.len();
    s.send("j");
    s.drain(quiet);
    let single = s.output.len() - from;
    s.send("q");
    let code = s.wait_exit();
    assert_eq!(code, 0, "kiji exited with {code}");
    (held, held_frames, single)
}

fn main() {
    let args = parse_args();
    let loaded = loader::load(std::slice::from_ref(&args.dir), &LoadOptions::default());
    let n = loaded.articles.len();
    let text = format!(" {n}/{n} ");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "kiji slow link: {} ({n} articles), {}x{}, {} x `j` {} ms apart, {} runs; binary {}; load average {}",
        args.dir.display(),
        args.cols,
        args.rows,
        args.keys,
        args.gap.as_millis(),
        args.runs,
        args.kiji,
        load.trim()
    );
    let mut totals = Vec::new();
    for i in 0..args.runs {
        let (held, held_frames, single) = run_once(&args, &text);
        println!(
            "run {:2}: {} keys wrote {held} bytes in {held_frames} frames ({:.0} per key); one `j` after a pause {single} bytes",
            i + 1,
            args.keys,
            held as f64 / args.keys as f64
        );
        totals.push(held);
    }
    totals.sort_unstable();
    println!(
        "held key: min {} / median {} / max {} bytes",
        totals[0],
        totals[totals.len() / 2],
        totals[totals.len() - 1]
    );
}
