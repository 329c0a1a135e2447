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

/// Start the scan on a thread of its own. `send` gets every event and returns false once
/// nobody listens any more, which ends the thread. With `live`, the roots are watched after
/// the first scan and scanned again after changes.
pub fn spawn(
    mut scanner: Scanner,
    live: bool,
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
            if !live || !listening || stop.load(Ordering::Relaxed) {
                return;
            }
            let (tx, rx) = mpsc::channel::<()>();
            let watcher =
                notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                    // An error (events lost, say) is a reason to look again too.
                    if event.map_or(true, |e| relevant(&e.kind)) {
                        let _ = tx.send(());
                    }
                });
            let mut watcher = match watcher {
                Ok(w) => w,
                Err(e) => {
                    send(ScanEvent::Notice(format!("live updates off: {e}")));
                    return;
                }
            };
            for root in scanner.roots().to_vec() {
                if let Err(e) = watch(&mut watcher, &root) {
                    send(ScanEvent::Notice(format!(
                        "live updates off for {}: {}",
                        root.display(),
                        watch_error(&e)
                    )));
                }
            }
            // What changed while the watches were being set up.
            busy.store(true, Ordering::Release);
            let mut listening = !stop.load(Ordering::Relaxed) && pass(&mut scanner, &mut send);
            busy.store(false, Ordering::Release);
            while listening {
                if rx.recv().is_err() {
                    return;
                }
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                busy.store(true, Ordering::Release);
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
                listening = pass(&mut scanner, &mut send);
                busy.store(false, Ordering::Release);
            }
        })
        .map(|_| handle)
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
        let _handle = spawn(scanner, true, move |e| tx.send(e).is_ok()).expect("spawn");
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
