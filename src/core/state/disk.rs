//! The file-system side of the state store: the short-lived lock, the atomic write (temporary
//! file, `sync_all`, rename, directory sync), moving a bad file aside, and UTC timestamps for
//! the moved file's name.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a save or an open waits for another kiji to finish its save before going ahead
/// without the lock (a hung peer must not stop this one from saving on quit).
pub const LOCK_WAIT: Duration = Duration::from_secs(1);

/// A temporary file of a process that no longer runs is removed once it is this old: long
/// enough that a writer in another pid namespace sharing the folder has renamed its file.
#[cfg(unix)]
const TEMP_GRACE: Duration = Duration::from_secs(60);
/// Where processes cannot be asked about, temporary files are removed once they are this old.
#[cfg(not(unix))]
const TEMP_GRACE: Duration = Duration::from_secs(60 * 60);

/// Makes temporary names unique between stores of one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Run `f` holding the advisory lock on `lock_path` (an empty file beside the state file, never
/// renamed, so every process locks the same inode). Waits up to [`LOCK_WAIT`]; if the lock
/// cannot be had in time, or the file system does not support locks, runs `f` anyway: the
/// merge-before-write still applies.
pub(crate) fn with_lock<R>(lock_path: &Path, f: impl FnOnce() -> R) -> R {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path);
    let Ok(file) = file else {
        return f();
    };
    let mut lock = fd_lock::RwLock::new(file);
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match lock.try_write() {
            Ok(_guard) => return f(),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                thread::sleep(Duration::from_millis(2));
            }
            Err(_) => return f(),
        }
    }
}

/// The file's bytes, `None` if it does not exist.
pub(crate) fn read_existing(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The temporary-file prefix for `path` (`state.json.tmp-`).
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!("{name}.tmp-")
}

/// Write `bytes` to a new temporary file beside `path` and flush it to the disk. Returns its
/// path. On failure the temporary file is removed.
pub(crate) fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    write_temp_with(path, true, |f| f.write_all(bytes))
}

/// [`write_temp`] with the contents written by `write`, flushed to the disk when `durable`.
pub(crate) fn write_temp_with(
    path: &Path,
    durable: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!("{}{}-{n}", temp_prefix(path), std::process::id()));
    let result = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut f| {
            write(&mut f)?;
            if durable { f.sync_all() } else { Ok(()) }
        });
    match result {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Rename `temp` over `path`, then sync the folder so the rename itself survives a power cut.
/// On failure the temporary file is removed and `path` is as it was.
pub(crate) fn commit(temp: &Path, path: &Path) -> io::Result<()> {
    if let Err(e) = fs::rename(temp, path) {
        let _ = fs::remove_file(temp);
        return Err(e);
    }
    sync_dir(path.parent().unwrap_or(Path::new(".")));
    Ok(())
}

/// fsync a folder where the platform allows it; failures are ignored (some file systems refuse,
/// and the rename has already happened).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Remove temporary files beside `path` that a crash left behind (see [`remove_stale_temps_in`]).
pub(crate) fn remove_stale_temps(path: &Path) {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    remove_stale_temps_in(dir, |base| base == name);
}

/// Remove the temporary files in `dir` that [`write_temp`] made for a file whose name `of`
/// accepts, and that their writer left behind: `<name>.tmp-<pid>-<n>` where no process `pid`
/// runs any more (killed between write and rename) and the file is older than
/// [`TEMP_GRACE`]. A live process's file is never touched, nor any other file.
pub(crate) fn remove_stale_temps_in(dir: &Path, of: impl Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((base, pid)) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        if !of(base) || process_alive(pid) {
            continue;
        }
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| now.duration_since(m).ok());
        if age.is_some_and(|age| age >= TEMP_GRACE) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file a temporary name was made for and the pid of the process that made it, when
/// `name` is exactly `<base>.tmp-<pid>-<n>` (pid above zero).
fn temp_owner(name: &str) -> Option<(&str, u32)> {
    let (base, rest) = name.rsplit_once(".tmp-")?;
    let (pid, n) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if base.is_empty() || !digits(pid) || !digits(n) {
        return None;
    }
    let pid: u32 = pid.parse().ok()?;
    (pid > 0).then_some((base, pid))
}

/// Whether a process `pid` exists (one that exists but may not be signalled counts).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    // A number beyond pid_t is no process. (0 would name our own group: `temp_owner`
    // refuses it.)
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists and may be signalled; nothing
    // is sent, and the call touches no memory of ours.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Without a way to ask, a temporary file counts as its writer's until it is an hour old.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    false
}

/// Move an unparseable `path` aside to `<name>.corrupt-<UTC timestamp>` (with `-1`, `-2`, ...
/// appended if that name is taken) and return the new path.
pub(crate) fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let to = aside_path(path, &utc_timestamp(SystemTime::now()));
    fs::rename(path, &to)?;
    sync_dir(path.parent().unwrap_or(Path::new(".")));
    Ok(to)
}

/// The first free `<path>.corrupt-<stamp>[-N]`.
pub(crate) fn aside_path(path: &Path, stamp: &str) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let base = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut candidate = base.clone();
    let mut n = 0u32;
    while candidate.symlink_metadata().is_ok() {
        n += 1;
        let mut s = base.clone().into_os_string();
        s.push(format!("-{n}"));
        candidate = PathBuf::from(s);
    }
    candidate
}

/// `t` as `YYYYMMDDTHHMMSSZ` in UTC (times before 1970 print as 1970).
pub(crate) fn utc_timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2);
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // d is in 1..=31 and m in 1..=12 by construction.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

/// Microseconds since the Unix epoch (0 if the clock is before 1970).
pub(crate) fn now_micros() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc() {
        assert_eq!(utc_timestamp(UNIX_EPOCH), "19700101T000000Z");
        let t = UNIX_EPOCH + Duration::from_secs(1_795_486_071);
        assert_eq!(utc_timestamp(t), "20261124T020751Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(utc_timestamp(leap), "20000229T000000Z");
    }

    #[test]
    fn aside_names_get_a_counter_when_taken() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        let first = aside_path(&path, "20261124T020611Z");
        assert_eq!(
            first,
            dir.path().join("state.json.corrupt-20261124T020611Z")
        );
        fs::write(&first, b"x").expect("write");
        let second = aside_path(&path, "20261124T020611Z");
        assert_eq!(
            second,
            dir.path().join("state.json.corrupt-20261124T020611Z-1")
        );
        fs::write(&second, b"x").expect("write");
        assert_eq!(
            aside_path(&path, "20261124T020611Z"),
            dir.path().join("state.json.corrupt-20261124T020611Z-2")
        );
    }

    /// A file named `name` in `dir`, last modified `age` ago.
    fn aged(dir: &Path, name: &str, age: Duration) -> PathBuf {
        let path = dir.join(name);
        let f = File::create(&path).expect("create");
        f.set_modified(SystemTime::now() - age).expect("set mtime");
        path
    }

    /// No process has this pid: it is beyond Linux's largest (2^22) and other systems'.
    const DEAD_PID: u32 = i32::MAX as u32;

    #[cfg(unix)]
    #[test]
    fn temps_of_dead_processes_are_removed_live_ones_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        let old = 2 * TEMP_GRACE;
        let dead = aged(dir.path(), &format!("state.json.tmp-{DEAD_PID}-0"), old);
        let ours = aged(
            dir.path(),
            // A counter this process's own writes never reach in a test run.
            &format!("state.json.tmp-{}-999999999", std::process::id()),
            old,
        );
        let fresh = write_temp(&path, b"{}").expect("temp");
        let just_written = aged(
            dir.path(),
            &format!("state.json.tmp-{DEAD_PID}-1"),
            Duration::ZERO,
        );
        let others = [
            aged(dir.path(), "notes.txt", old),
            aged(dir.path(), &format!("other.json.tmp-{DEAD_PID}-0"), old),
            aged(dir.path(), &format!("state.json.tmp-{DEAD_PID}-x"), old),
            aged(dir.path(), &format!("state.json.tmp-{DEAD_PID}"), old),
            aged(dir.path(), "state.json.tmp-0-0", old),
            aged(dir.path(), &format!("state.json.tmp-{DEAD_PID}-0.bak"), old),
        ];
        remove_stale_temps(&path);
        assert!(!dead.exists(), "a dead process's temporary file is removed");
        assert!(ours.exists(), "a live process's file stays, however old");
        assert!(fresh.exists());
        assert!(just_written.exists(), "a file younger than the grace stays");
        for other in others {
            assert!(other.exists(), "{} is not kiji's", other.display());
        }
    }

    #[test]
    fn temp_names_are_parsed_strictly() {
        assert_eq!(temp_owner("state.json.tmp-12-3"), Some(("state.json", 12)));
        assert_eq!(
            temp_owner("0123456789abcdef.search.tmp-4-0"),
            Some(("0123456789abcdef.search", 4))
        );
        for name in [
            "state.json",
            "state.json.tmp-",
            "state.json.tmp--1",
            "state.json.tmp-1-",
            "state.json.tmp-0-1",
            "state.json.tmp-+1-1",
            "state.json.tmp-1-1-1",
            ".tmp-1-1",
            "state.json.tmp-99999999999-1",
        ] {
            assert_eq!(temp_owner(name), None, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn this_process_is_alive_and_a_dead_pid_is_not() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(DEAD_PID));
        assert!(!process_alive(u32::MAX), "beyond pid_t");
    }

    #[test]
    fn lock_is_exclusive_between_handles() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock_path = dir.path().join("state.json.lock");
        let inner_blocked = with_lock(&lock_path, || {
            let f = OpenOptions::new()
                .write(true)
                .open(&lock_path)
                .expect("open");
            let mut l = fd_lock::RwLock::new(f);
            l.try_write().is_err()
        });
        assert!(inner_blocked);
    }
}
