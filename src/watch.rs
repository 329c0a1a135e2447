//! The reader's background scan: runs the [`Scanner`] on its own thread (a cold scan fills
//! the list while the reader already answers keys), saves the index cache, then watches the
//! roots (notify) and scans again shortly after files are added, changed or removed, so the
//! list follows the folder without a restart.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::scan::{Scanner, Snapshot};

/// What the background scan tells the reader.
#[derive(Debug)]
pub enum ScanEvent {
    /// The articles as far as the scan has got.
    Snapshot(Snapshot),
    /// Something the user should know (the cache could not be written, live updates are off).
    Notice(String),
}

/// A burst of file events is scanned once it has been quiet this long...
pub const QUIET: Duration = Duration::from_millis(150);
/// ...or once it has lasted this long, whichever comes first.
pub const MAX_WAIT: Duration = Duration::from_millis(600);

/// Whether a file event can change what the scan finds (reads and opens cannot; kiji's own
/// reading of the files must not wake it up again).
fn relevant(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_)
            | EventKind::Modify(notify::event::ModifyKind::Metadata(
                notify::event::MetadataKind::AccessTime,
            ))
    )
}

/// The running background scan, to stop it when the reader quits.
pub struct ScanHandle {
    stop: Arc<AtomicBool>,
    busy: Arc<AtomicBool>,
}

impl ScanHandle {
    /// Stop the scan and wait, at most `limit`, until it has written what it found to the
    /// cache: quitting during a cold start keeps the files read so far for the next start.
    pub fn finish(&self, limit: Duration) {
        self.stop.store(true, Ordering::Relaxed);
        let deadline = Instant::now() + limit;
        while self.busy.load(Ordering::Acquire) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(5));
        }
    }
}

/// How the roots are followed after the first scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Live {
    /// Not at all.
    Off,
    /// File-system events (inotify), falling back to [`Live::Poll`] every [`POLL`] where the
    /// roots cannot be watched.
    Watch,
    /// A scan (a `stat` of every file) this often.
    Poll(Duration),
}

/// How often the roots are scanned where they cannot be watched.
pub const POLL: Duration = Duration::from_secs(5);

/// Start the scan on a thread of its own. `send` gets every event and returns false once
/// nobody listens any more, which ends the thread. Unless `live` is [`Live::Off`], the roots
/// are followed after the first scan and scanned again after changes.
pub fn spawn(
    mut scanner: Scanner,
    live: Live,
    mut send: impl FnMut(ScanEvent) -> bool + Send + 'static,
) -> io::Result<ScanHandle> {
    let stop = scanner.stop_flag();
    let busy = Arc::new(AtomicBool::new(true));
    let handle = ScanHandle {
        stop: Arc::clone(&stop),
        busy: Arc::clone(&busy),
    };
    thread::Builder::new()
        .name("kiji-scan".into())
        .spawn(move || {
            let listening = pass(&mut scanner, &mut send);
            busy.store(false, Ordering::Release);
            if live == Live::Off || !listening || stop.load(Ordering::Relaxed) {
                return;
            }
            let (tx, rx) = mpsc::channel::<()>();
            // Held so that polling, which may have no watcher sending, never sees the
            // channel closed.
            let _sender = tx.clone();
            let (_watcher, poll) = match live {
                Live::Poll(every) => (None, Some(every)),
                _ => match follow(scanner.roots(), tx) {
                    Ok(w) => (Some(w), None),
                    Err(problem) => {
                        send(ScanEvent::Notice(format!(
                            "{problem}; looking for changes every {} s instead",
                            POLL.as_secs()
                        )));
                        (None, Some(POLL))
                    }
                },
            };
            // What changed while the watches were being set up.
            busy.store(true, Ordering::Release);
            let mut listening = !stop.load(Ordering::Relaxed) && pass(&mut scanner, &mut send);
            busy.store(false, Ordering::Release);
            while listening {
                let woke = match poll {
                    Some(every) => {
                        !matches!(rx.recv_timeout(every), Err(RecvTimeoutError::Disconnected))
                    }
                    None => rx.recv().is_ok(),
                };
                if !woke || stop.load(Ordering::Relaxed) {
                    return;
                }
                busy.store(true, Ordering::Release);
                if poll.is_none() {
                    let start = Instant::now();
                    loop {
                        let left = MAX_WAIT.saturating_sub(start.elapsed());
                        if left.is_zero() {
                            break;
                        }
                        match rx.recv_timeout(QUIET.min(left)) {
                            Ok(()) => {}
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                }
                listening = pass(&mut scanner, &mut send);
                busy.store(false, Ordering::Release);
            }
        })
        .map(|_| handle)
}

/// Watch every root, sending on `tx` after each relevant event; the watcher, or why the roots
/// cannot all be watched.
fn follow(
    roots: &[std::path::PathBuf],
    tx: mpsc::Sender<()>,
) -> Result<notify::RecommendedWatcher, String> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // An error (events lost, say) is a reason to look again too.
        if event.map_or(true, |e| relevant(&e.kind)) {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch the folders: {}", watch_error(&e)))?;
    for root in roots {
        watch(&mut watcher, root)
            .map_err(|e| format!("cannot watch {}: {}", root.display(), watch_error(&e)))?;
    }
    Ok(watcher)
}

/// One scan and a save of the cache; false once nobody listens.
fn pass(scanner: &mut Scanner, send: &mut dyn FnMut(ScanEvent) -> bool) -> bool {
    let mut listening = true;
    scanner.scan(&mut |s| listening &= send(ScanEvent::Snapshot(s)));
    if let Err(e) = scanner.save_cache() {
        let place = scanner
            .cache_files()
            .and_then(|c| c.meta.parent())
            .map(|p| format!(" in {}", p.display()))
            .unwrap_or_default();
        listening &= send(ScanEvent::Notice(format!(
            "index cache not saved{place}: {}; the next start reads every file",
            crate::loader::io_message(&e)
        )));
    }
    listening
}

fn watch(watcher: &mut impl Watcher, root: &Path) -> notify::Result<()> {
    if root.is_file() {
        watcher.watch(root, RecursiveMode::NonRecursive)
    } else {
        watcher.watch(root, RecursiveMode::Recursive)
    }
}

fn watch_error(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "too many folders to watch (raise fs.inotify.max_user_watches)".to_string()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::LoadOptions;
    use std::fs;

    #[test]
    fn reads_and_opens_do_not_count_as_changes() {
        use notify::event::{AccessKind, CreateKind, ModifyKind, RemoveKind};
        assert!(!relevant(&EventKind::Access(AccessKind::Any)));
        assert!(relevant(&EventKind::Create(CreateKind::File)));
        assert!(relevant(&EventKind::Modify(ModifyKind::Any)));
        assert!(relevant(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn polling_finds_a_file_added_after_the_first_scan() {
        let root = tempfile::tempdir().expect("root");
        let scanner = Scanner::new(
            vec![root.path().to_path_buf()],
            LoadOptions::default(),
            None,
        );
        let (tx, rx) = mpsc::channel();
        let _handle = spawn(scanner, Live::Poll(Duration::from_millis(50)), move |e| {
            tx.send(e).is_ok()
        })
        .expect("spawn");
        let wait_for = |n: usize| loop {
            match rx.recv_timeout(Duration::from_secs(30)) {
                Ok(ScanEvent::Snapshot(s)) if s.index.articles().len() == n => return,
                Ok(ScanEvent::Notice(n)) => panic!("unexpected notice: {n}"),
                Ok(_) => {}
                Err(e) => panic!("no snapshot with {n} articles: {e}"),
            }
        };
        wait_for(0);
        fs::write(
            root.path().join("late.md"),
            "---\ntitle: Late\ndate: 2026-01-03\n---\nbody\n",
        )
        .expect("write");
        wait_for(1);
    }

    #[test]
    fn a_root_that_cannot_be_watched_is_named() {
        let (tx, _rx) = mpsc::channel();
        let missing = std::path::PathBuf::from("/nonexistent/kiji-root");
        let Err(problem) = follow(std::slice::from_ref(&missing), tx) else {
            panic!("a missing root cannot be watched");
        };
        assert!(problem.contains("/nonexistent/kiji-root"), "{problem}");
    }

    #[test]
    fn a_file_added_after_the_first_scan_arrives_in_a_snapshot() {
        let root = tempfile::tempdir().expect("root");
        fs::write(
            root.path().join("one.md"),
            "---\ntitle: One\ndate: 2026-01-01\n---\nbody\n",
        )
        .expect("write");
        let scanner = Scanner::new(
            vec![root.path().to_path_buf()],
            LoadOptions::default(),
            None,
        );
        let (tx, rx) = mpsc::channel();
        let _handle = spawn(scanner, Live::Watch, move |e| tx.send(e).is_ok()).expect("spawn");
        let wait_for = |n: usize| loop {
            match rx.recv_timeout(Duration::from_secs(30)) {
                Ok(ScanEvent::Snapshot(s)) if s.index.articles().len() == n => return,
                Ok(_) => {}
                Err(e) => panic!("no snapshot with {n} articles: {e}"),
            }
        };
        wait_for(1);
        // The watches may be set up after this write; the scan after setting them up, or the
        // event, picks it up either way.
        fs::write(
            root.path().join("two.md"),
            "---\ntitle: Two\ndate: 2026-01-02\n---\nbody\n",
        )
        .expect("write");
        wait_for(2);
        fs::remove_file(root.path().join("one.md")).expect("remove");
        wait_for(1);
    }
}
