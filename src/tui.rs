//! The interactive reader: terminal setup and restore, and the event loop (keys -> actions ->
//! state -> view). It draws only when something changed, and restores the terminal (mouse
//! reporting included) on quit, on error, on panic, and on SIGTERM/SIGHUP/SIGINT.

pub mod action;
pub mod app;
pub mod backend;
pub mod category_picker;
pub mod keymap;
pub mod links;
pub mod marks;
pub mod mascot;
pub mod mouse;
pub mod nav;
pub mod palette;
pub mod panes;
pub mod picker;
pub mod reload;
pub mod search_prompt;
pub mod theme;
pub mod view;

use std::io;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};

use self::app::App;

/// What wakes the loop up.
enum Wake {
    /// A terminal event (key, resize).
    Terminal(Event),
    /// Reading terminal events failed.
    InputError(io::Error),
    /// A signal asking kiji to stop (its number).
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    Suspend,
    /// SIGCONT: the shell (or someone) let kiji run again after a stop.
    Continue,
    /// News from the background scan.
    Scan(crate::watch::ScanEvent),
}

/// The terminal kiji draws on: ratatui over the lean backend.
type Term = ratatui::Terminal<backend::SlimBackend<io::Stdout>>;

/// Mouse reporting on: button presses and the wheel (mode 1000) in SGR form (1006). Not
/// crossterm's `EnableMouseCapture`, which also asks for every motion of the pointer (1003),
/// bytes on every move that kiji would only throw away, over SSH too.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
/// Mouse reporting off again; harmless when it was never on.
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Raw mode, the alternate screen, mouse reporting when `mouse`, and a panic hook that
/// restores the terminal before the panic message is printed.
fn init_terminal(mouse: bool) -> io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    enter_screen(mouse)?;
    ratatui::Terminal::new(backend::SlimBackend::new(io::stdout())).inspect_err(|_| restore())
}

/// Raw mode, the alternate screen and mouse reporting when `mouse` (at start, and again after
/// a suspend).
fn enter_screen(mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    if let Err(e) = crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen) {
        restore();
        return Err(e);
    }
    if mouse {
        use std::io::Write;
        let mut out = io::stdout();
        if let Err(e) = out.write_all(MOUSE_ON).and_then(|()| out.flush()) {
            restore();
            return Err(e);
        }
    }
    Ok(())
}

/// Put the terminal back as it was: mouse reporting off, then ratatui's restore (raw mode
/// off, the main screen back, the cursor shown). Errors are ignored: this runs on the way
/// out, panics included, and there is nothing better to do.
fn restore() {
    use std::io::Write;
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF).and_then(|()| out.flush());
    ratatui::restore();
}

/// Whether a job-control shell started kiji, so that a stopped kiji can be brought back with
/// `fg`. Such a shell gives each job a process group of its own inside its session; a kiji that
/// leads its session's process group (run straight by `ssh host kiji`, or a terminal emulator)
/// has nobody to continue it, and must not stop.
pub fn has_job_control() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: getpgrp and getsid(0) only read the calling process's ids.
        let (group, session) = unsafe { (libc::getpgrp(), libc::getsid(0)) };
        session >= 0 && group != session
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Give the terminal back to the shell, stop until `fg` (SIGCONT), then take it again and
/// draw everything anew: the shell has drawn over the screen meanwhile.
fn suspend(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    // Mouse reporting off too: the shell must not receive reports meanwhile.
    restore();
    crossterm::execute!(io::stdout(), crossterm::cursor::Show)?;
    // Stops the process as SIGTSTP's default action would (by SIGSTOP, since kiji handles
    // SIGTSTP itself); returns once it runs again.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    resume(terminal, mouse)
}

/// Take the terminal again after a stop, and forget what was on the screen.
fn resume(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    enter_screen(mouse)?;
    terminal.backend_mut().forget_state();
    terminal.clear()
}

/// How the reader ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal stopped it (its number).
    Signal(i32),
}

/// Map a terminal event to an action for the current state.
pub fn action_for(app: &App, event: &Event) -> Option<action::Action> {
    match event {
        // Key releases (and repeats on terminals that report them as such) are ignored.
        Event::Key(key) if key.kind == KeyEventKind::Press => app.keymap.action(app.context(), key),
        Event::Resize(w, h) => Some(action::Action::Resize(*w, *h)),
        Event::Mouse(m) if app.mouse => mouse::action(app, m),
        _ => None,
    }
}

fn spawn_inputs(tx: mpsc::Sender<Wake>) -> io::Result<()> {
    let signals_tx = tx.clone();
    thread::Builder::new()
        .name("kiji-input".into())
        .spawn(move || {
            loop {
                let wake = match event::read() {
                    Ok(e) => Wake::Terminal(e),
                    Err(e) => Wake::InputError(e),
                };
                let stop = matches!(wake, Wake::InputError(_));
                if tx.send(wake).is_err() || stop {
                    break;
                }
            }
        })?;
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    thread::Builder::new()
        .name("kiji-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let wake = match sig {
                    SIGTSTP => Wake::Suspend,
                    SIGCONT => Wake::Continue,
                    other => Wake::Signal(other),
                };
                let last = matches!(wake, Wake::Signal(_));
                if signals_tx.send(wake).is_err() || last {
                    break;
                }
            }
        })?;
    Ok(())
}

/// Draw one frame inside a synchronized update (mode 2026), so terminals that support it
/// never show half a frame; others ignore the two sequences.
///
/// The terminal may have been resized after the last resize event was handled; the app is
/// brought to the real size first so its layout always matches the frame.
fn draw(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(action::Action::Resize(size.width, size.height));
    crossterm::queue!(io::stdout(), crossterm::terminal::BeginSynchronizedUpdate)?;
    terminal.draw(|f| view::draw(f, app))?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EndSynchronizedUpdate)
}

/// Where the articles come from while the reader runs: a scan on a background thread that
/// fills the list and follows changes to the files as `live` says.
pub struct Background {
    /// The scanner of the roots.
    pub scanner: crate::scan::Scanner,
    /// How to follow the roots after the first scan.
    pub live: crate::watch::Live,
}

/// How long the first frame waits for the first articles of the scan, so a warm start draws
/// the full list at once instead of an empty one first (fewer bytes over a slow link).
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(150);

/// What the loop does after a wake.
enum Step {
    /// Keep going; redraw if true.
    Go(bool),
    /// Leave the loop.
    Exit(Exit),
}

/// Run the reader on `app` until the user quits or a signal arrives. The terminal is restored
/// on every path out, including panics (the hook), and the reading state is saved on quit, on
/// SIGTERM/SIGHUP/SIGINT and after every change to the marks. Returns how it ended and, if the
/// last save failed, why.
pub fn run(mut app: App, background: Option<Background>) -> io::Result<(Exit, Option<String>)> {
    let (tx, rx) = mpsc::channel();
    spawn_inputs(tx.clone())?;
    let scan = match background {
        Some(bg) => Some(crate::watch::spawn(bg.scanner, bg.live, move |e| {
            tx.send(Wake::Scan(e)).is_ok()
        })?),
        None => {
            drop(tx);
            None
        }
    };
    let mut terminal = init_terminal(app.mouse)?;
    let mut resumed_at: Option<Instant> = None;
    let result = (|| -> io::Result<Exit> {
        let mut first = None;
        if app.is_loading() {
            first = rx.recv_timeout(FIRST_FRAME_WAIT).ok();
        }
        if let Some(wake) = first {
            if let Step::Exit(exit) = handle(&mut app, &mut terminal, wake, &mut resumed_at)? {
                return Ok(exit);
            }
        }
        draw(&mut terminal, &mut app)?;
        loop {
            let wake = rx.recv().map_err(|e| io::Error::other(e.to_string()))?;
            let mut changed = match handle(&mut app, &mut terminal, wake, &mut resumed_at)? {
                Step::Go(c) => c,
                Step::Exit(exit) => return Ok(exit),
            };
            // Handle whatever else is already queued before drawing once.
            while !app.should_quit {
                let Ok(wake) = rx.try_recv() else { break };
                match handle(&mut app, &mut terminal, wake, &mut resumed_at)? {
                    Step::Go(c) => changed |= c,
                    Step::Exit(exit) => return Ok(exit),
                }
            }
            if app.should_quit {
                return Ok(Exit::Quit);
            }
            if app.save_wanted {
                if let Some(message) = app.persist() {
                    app.notice = Some(message);
                    changed = true;
                }
            }
            if let Some(text) = app.clipboard.take() {
                // OSC 52: the terminal puts the text on the clipboard (if it allows it).
                use std::io::Write;
                let mut out = io::stdout();
                out.write_all(links::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            if changed {
                draw(&mut terminal, &mut app)?;
            }
        }
    })();
    restore();
    let save_problem = app.persist();
    if let Some(scan) = scan {
        // The shell has its terminal back; what a cold start read so far goes to the cache.
        scan.finish(SCAN_SAVE_WAIT);
    }
    result.map(|exit| (exit, save_problem))
}

/// How long quitting waits for the background scan to write the index cache.
const SCAN_SAVE_WAIT: Duration = Duration::from_secs(3);

/// Do what one wake asks.
fn handle(
    app: &mut App,
    terminal: &mut Term,
    wake: Wake,
    resumed_at: &mut Option<Instant>,
) -> io::Result<Step> {
    let changed = match wake {
        Wake::Terminal(e) => {
            let changed = action_for(app, &e).is_some_and(|a| app.update(a));
            if std::mem::take(&mut app.suspend_wanted) {
                return suspend_and_redraw(app, terminal, resumed_at);
            }
            changed
        }
        Wake::InputError(e) => return Err(e),
        Wake::Signal(sig) => return Ok(Step::Exit(Exit::Signal(sig))),
        Wake::Suspend => return suspend_and_redraw(app, terminal, resumed_at),
        Wake::Continue => {
            // After kiji's own suspend the terminal is already taken back; a SIGCONT after a
            // stop kiji did not see coming (SIGSTOP) needs it now.
            if resumed_at
                .take()
                .is_some_and(|t| t.elapsed() < Duration::from_secs(2))
            {
                false
            } else {
                resume(terminal, app.mouse)?;
                true
            }
        }
        Wake::Scan(crate::watch::ScanEvent::Snapshot(snapshot)) => {
            app.replace_index(snapshot.index, snapshot.progress)
        }
        Wake::Scan(crate::watch::ScanEvent::Notice(message)) => {
            app.notice = Some(message);
            true
        }
    };
    Ok(Step::Go(changed))
}

fn suspend_and_redraw(
    app: &mut App,
    terminal: &mut Term,
    resumed_at: &mut Option<Instant>,
) -> io::Result<Step> {
    if !has_job_control() {
        app.notice = Some("cannot suspend: no shell with job control to return to".to_string());
        return Ok(Step::Go(true));
    }
    // The marks are saved first: a suspended reader may never be brought back.
    if let Some(message) = app.persist() {
        app.notice = Some(message);
    }
    suspend(terminal, app.mouse)?;
    *resumed_at = Some(Instant::now());
    draw(terminal, app)?;
    Ok(Step::Go(false))
}
