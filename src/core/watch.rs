//! The reader's background scan: runs the [`Scanner`] on its own thread (a cold scan fills
//! the list while the reader already answers keys), saves the index cache, then watches the
//! roots (notify) and scans again shortly after files are added, changed or removed, so the
//! list follows the folder without a restart, even when a root is deleted and made again.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::EventKind;

use crate::scan::{Scanner, Snapshot};

mod follow;
use follow::Follower;

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
            let mut poll = match live {
                Live::Poll(every) => Some(every),
                _ => None,
            };
            let mut follower = None;
            if poll.is_none() {
                match watcher(tx) {
                    Ok(w) => follower = Some(Follower::new(w, scanner.roots())),
                    Err(problem) => {
                        send(ScanEvent::Notice(fallback(&problem)));
                        poll = Some(POLL);
                    }
                }
            }
            // The first time round, what changed while the watches were being set up.
            let mut rescan = true;
            loop {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                // Roots that went or came back move the watches; whatever happened before
                // they moved is looked at at once.
                if let Some(f) = follower.as_mut() {
                    match f.refresh() {
                        Ok(done) => {
                            for n in done.notices {
                                if !send(ScanEvent::Notice(n)) {
                                    return;
                                }
                            }
                            rescan |= done.moved;
                        }
                        Err(problem) => {
                            follower = None;
                            poll = Some(POLL);
                            if !send(ScanEvent::Notice(fallback(&problem))) {
                                return;
                            }
                        }
                    }
                }
                if rescan {
                    busy.store(true, Ordering::Release);
                    let listening = pass(&mut scanner, &mut send);
                    busy.store(false, Ordering::Release);
                    if !listening {
                        return;
                    }
                    rescan = false;
                    // The scan may have raced a root going or coming back: look again.
                    if follower.is_some() {
                        continue;
                    }
                }
                let woke = match poll {
                    Some(every) => {
                        !matches!(rx.recv_timeout(every), Err(RecvTimeoutError::Disconnected))
                    }
                    None => rx.recv().is_ok(),
                };
                if !woke || stop.load(Ordering::Relaxed) {
                    return;
                }
                if poll.is_none() && !settle(&rx) {
                    return;
                }
                rescan = true;
            }
        })
        .map(|_| handle)
}

/// Wait until a burst of events has been quiet for [`QUIET`], or has lasted [`MAX_WAIT`];
/// false if the watcher is gone.
fn settle(rx: &mpsc::Receiver<()>) -> bool {
    let start = Instant::now();
    loop {
        let left = MAX_WAIT.saturating_sub(start.elapsed());
        if left.is_zero() {
            return true;
        }
        match rx.recv_timeout(QUIET.min(left)) {
            Ok(()) => {}
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// The notice when live updates fall back to polling.
fn fallback(problem: &str) -> String {
    format!(
        "{problem}; looking for changes every {} s instead",
        POLL.as_secs()
    )
}

/// A watcher that sends on `tx` after each relevant event, or why there can be none.
fn watcher(tx: mpsc::Sender<()>) -> Result<notify::RecommendedWatcher, String> {
    notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // An error (events lost, say) is a reason to look again too.
        if event.map_or(true, |e| relevant(&e.kind)) {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch the folders: {}", watch_error(&e)))
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

    #[test]
    fn a_root_deleted_and_made_again_is_read_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let write = |name: &str, title: &str| {
            fs::create_dir_all(&root).expect("mkdir");
            fs::write(
                root.join(name),
                format!("---\ntitle: {title}\ndate: 2026-01-01\n---\nbody\n"),
            )
            .expect("write");
        };
        write("one.md", "One");
        let scanner = Scanner::new(vec![root.clone()], LoadOptions::default(), None);
        let (tx, rx) = mpsc::channel();
        let _handle = spawn(scanner, Live::Watch, move |e| tx.send(e).is_ok()).expect("spawn");
        let notices = std::cell::RefCell::new(Vec::new());
        let wait_for = |titles: &[&str]| loop {
            match rx.recv_timeout(Duration::from_secs(30)) {
                Ok(ScanEvent::Snapshot(s)) => {
                    let got: Vec<&str> = s
                        .index
                        .articles()
                        .iter()
                        .map(|a| a.title.as_str())
                        .collect();
                    if got == titles && s.progress.is_complete() {
                        return;
                    }
                }
                Ok(ScanEvent::Notice(n)) => notices.borrow_mut().push(n),
                Err(e) => panic!("no snapshot of {titles:?}: {e}; notices: {notices:?}"),
            }
        };
        wait_for(&["One"]);
        // Seen only once the root is followed: the deletion cannot come before that.
        write("marker.md", "Marker");
        wait_for(&["Marker", "One"]);
        fs::remove_dir_all(&root).expect("rm -rf");
        wait_for(&[]);
        write("two.md", "Two");
        wait_for(&["Two"]);
        let shown = root.display();
        assert_eq!(
            *notices.borrow(),
            [
                format!("{shown} is gone; its articles are hidden until it comes back"),
                format!("{shown} is back"),
            ]
        );
        // Watched again: a later change is seen too.
        write("three.md", "Three");
        wait_for(&["Three", "Two"]);
        assert_eq!(notices.borrow().len(), 2, "{notices:?}");
    }
}
