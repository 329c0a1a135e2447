//! Start-up to the first frame, the real binary in a pseudo-terminal:
//!
//! ```sh
//! cargo bench --bench startup -- DIR [--text TEXT] [--runs N] [--size 120x40] [--no-cat] [--kiji PATH]
//! ```
//!
//! (DIR may also come from `KIJI_CORPUS`.) Starts `target/release/kiji DIR` (the binary cargo
//! builds for the bench; `--kiji` runs another build instead, to compare versions) in a
//! pseudo-terminal of the given size, with its own configuration, state and cache folders (`XDG_CONFIG_HOME`, `XDG_STATE_HOME`, `XDG_CACHE_HOME`,
//! `XDG_DATA_HOME` in a temporary folder), and measures the wall time from spawning it until
//! the screen, read back through a terminal emulator (vt100), shows TEXT; by default the
//! status bar's count of every article, ` N/N ` (N from loading DIR with the library first).
//! It also notes when the first frame ended (the end of kiji's first synchronized update).
//! Then it sends `q` and waits for the exit (not timed).
//!
//! Each of the N runs (default 10) is a pair: **cold**, with empty folders (no cache, no
//! saved session), then **warm**, the same folders again (what the first run left: the saved
//! session and, once kiji has one, its cache). Before the runs one unmeasured start fills
//! the page cache, so "cold" means kiji's cache, not the disk's. It prints every run and the
//! min / median / max of each, then (unless `--no-cat`) `scripts/cat-baseline.sh DIR` for the
//! same folder with the same number of runs: reading every Markdown file with `cat`.
//!
//! Timings are for comparing versions on one machine; no test asserts a timing.

#[path = "../tests/pty/mod.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use kiji::loader::{self, LoadOptions};

struct Args {
    dir: PathBuf,
    text: Option<String>,
    runs: usize,
    cols: u16,
    rows: u16,
    cat: bool,
    kiji: String,
}

fn usage() -> ! {
    eprintln!(
        "usage: cargo bench --bench startup -- DIR [--text TEXT] [--runs N] [--size COLSxROWS] [--no-cat] [--kiji PATH]\n\
         (DIR may also be given as KIJI_CORPUS)"
    );
    std::process::exit(2);
}

fn parse_args() -> Args {
    let mut args = Args {
        dir: PathBuf::new(),
        text: None,
        runs: 10,
        cols: 120,
        rows: 40,
        cat: true,
        kiji: env!("CARGO_BIN_EXE_kiji").to_string(),
    };
    let mut dir = std::env::var_os("KIJI_CORPUS").map(PathBuf::from);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            // cargo bench passes `--bench` to every bench binary.
            "--bench" => {}
            "--text" => args.text = Some(it.next().unwrap_or_else(|| usage())),
            "--runs" => {
                args.runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| usage())
            }
            "--size" => {
                let size = it.next().unwrap_or_else(|| usage());
                let (c, r) = size.split_once('x').unwrap_or_else(|| usage());
                args.cols = c.parse().unwrap_or_else(|_| usage());
                args.rows = r.parse().unwrap_or_else(|_| usage());
            }
            "--no-cat" => args.cat = false,
            "--kiji" => {
                // The pty runs it by this name: a relative one would be looked up in PATH.
                let path = it.next().unwrap_or_else(|| usage());
                args.kiji = std::fs::canonicalize(&path)
                    .unwrap_or_else(|_| usage())
                    .to_string_lossy()
                    .into_owned();
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

/// One start: (time to the end of the first frame, time until `text` shows).
fn start_once(args: &Args, text: &str, home: &Path) -> (Duration, Duration) {
    let dir = args.dir.to_string_lossy().into_owned();
    let sub = |s: &str| home.join(s).to_string_lossy().into_owned();
    let (config, state, cache, data) = (sub("config"), sub("state"), sub("cache"), sub("data"));
    let env = [
        ("XDG_CONFIG_HOME", config.as_str()),
        ("XDG_STATE_HOME", state.as_str()),
        ("XDG_CACHE_HOME", cache.as_str()),
        ("XDG_DATA_HOME", data.as_str()),
    ];
    let t0 = Instant::now();
    let mut s = pty::Session::start_program(
        &args.kiji,
        &[&dir],
        Path::new("."),
        args.cols,
        args.rows,
        &env,
    );
    s.wait_for_frames(0, 1);
    let frame = t0.elapsed();
    s.wait_for_text(text);
    let shown = t0.elapsed();
    s.send("q");
    let code = s.wait_exit();
    assert_eq!(code, 0, "kiji exited with {code}");
    (frame, shown)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// min, median, max in milliseconds.
fn summary(times: &[Duration]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = times.iter().copied().map(ms).collect();
    v.sort_by(f64::total_cmp);
    let median = if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
    };
    (v[0], median, v[v.len() - 1])
}

fn main() {
    let args = parse_args();
    let loaded = loader::load(std::slice::from_ref(&args.dir), &LoadOptions::default());
    let n = loaded.articles.len();
    let text = args.text.clone().unwrap_or_else(|| format!(" {n}/{n} "));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.trim();
    println!(
        "kiji start-up: {} ({n} articles), {}x{}, waiting for {text:?}, {} runs; binary {}; load average {load}",
        args.dir.display(),
        args.cols,
        args.rows,
        args.runs,
        args.kiji,
    );

    // Fill the page cache (and check the text shows at all).
    let warmup = tempfile::tempdir().expect("temporary folder");
    start_once(&args, &text, warmup.path());

    let (mut cold, mut warm, mut cold_frame, mut warm_frame) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..args.runs {
        let home = tempfile::tempdir().expect("temporary folder");
        let (f1, t1) = start_once(&args, &text, home.path());
        let (f2, t2) = start_once(&args, &text, home.path());
        println!(
            "run {:2}: cold {:8.1} ms (first frame {:8.1} ms)   warm {:8.1} ms (first frame {:8.1} ms)",
            i + 1,
            ms(t1),
            ms(f1),
            ms(t2),
            ms(f2)
        );
        cold.push(t1);
        cold_frame.push(f1);
        warm.push(t2);
        warm_frame.push(f2);
    }
    for (what, times) in [
        ("cold, text shown", &cold),
        ("cold, first frame", &cold_frame),
        ("warm, text shown", &warm),
        ("warm, first frame", &warm_frame),
    ] {
        let (min, median, max) = summary(times);
        println!(
            "{what:18}: min {min:8.1} ms, median {median:8.1} ms, max {max:8.1} ms ({} runs)",
            times.len()
        );
    }

    if args.cat {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/cat-baseline.sh");
        match Command::new("bash")
            .arg(&script)
            .arg(&args.dir)
            .env("RUNS", args.runs.to_string())
            .output()
        {
            Ok(out) if out.status.success() => println!(
                "cat baseline (scripts/cat-baseline.sh, best of {}): {} ms",
                args.runs,
                String::from_utf8_lossy(&out.stdout).trim()
            ),
            Ok(out) => eprintln!(
                "scripts/cat-baseline.sh failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            Err(e) => eprintln!("cannot run scripts/cat-baseline.sh: {e}"),
        }
    }
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average after: {}", l.trim());
    }
}
