//! The interactive reader: terminal setup and restore, and the event loop (keys -> actions ->
//! state -> view). It draws only when something changed, and restores the terminal (mouse
//! reporting included) on quit, on error, on panic, and on SIGTERM/SIGHUP/SIGINT. Shutdown
//! cannot fail: the reading state is saved first, then the terminal is restored with every
//! error ignored, so a terminal that went away (a dropped SSH connection, a closed tmux
//! pane) costs nothing.

pub mod action;
pub mod app;
pub mod article_pane;
pub mod backend;
pub mod category_picker;
pub mod confirm;
pub mod effects;
pub mod help;
pub mod input;
pub mod keymap;
pub mod list_pane;
pub mod marks;
pub mod mascot;
pub mod mascot_pane;
pub mod menu;
pub mod mouse;
pub mod osc52;
pub mod overlay;
pub mod panes;
pub mod picker;
pub mod pictures;
pub mod query_list;
pub mod search_prompt;
pub mod theme;
pub mod view;

use std::io::{self, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind};

use self::app::App;
use self::effects::{Effects, Message};
use self::input::Wake;

/// The terminal kiji draws on: ratatui over the lean backend.
type Term = ratatui::Terminal<backend::SlimBackend<io::Stdout>>;

/// Mouse reporting on: button presses and the wheel (mode 1000) in SGR form (1006). Not
/// crossterm's `EnableMouseCapture`, which also asks for every motion of the pointer (1003),
/// bytes on every move that kiji would only throw away, over SSH too.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
/// Mouse reporting off again; harmless when it was never on.
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";
/// Bracketed paste on: a paste arrives as one event, not as keys (a pasted `q` must not
/// quit, and a paste into the search prompt is one search).
const PASTE_ON: &[u8] = b"\x1b[?2004h";
/// Bracketed paste off again.
const PASTE_OFF: &[u8] = b"\x1b[?2004l";

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

/// Raw mode, the alternate screen, bracketed paste, and mouse reporting when `mouse` (at
/// start, and again after a suspend).
fn enter_screen(mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    let entered = crossterm::execute!(out, crossterm::terminal::EnterAlternateScreen)
        .and_then(|()| out.write_all(PASTE_ON))
        .and_then(|()| {
            if mouse {
                out.write_all(MOUSE_ON)
            } else {
                Ok(())
            }
        })
        .and_then(|()| out.flush());
    entered.inspect_err(|_| restore())
}

/// Put the terminal back as it was: mouse reporting and bracketed paste off, the main
/// screen back, the cursor shown, raw mode off. It never fails and never panics: it runs on
/// the way out (panics included), often on a terminal that is gone, where every write
/// fails and there is nobody to tell. (ratatui's `restore` prints its errors to stderr,
/// which panics when stderr is a tty that hung up.)
fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF);
    let _ = out.write_all(PASTE_OFF);
    let _ = crossterm::execute!(
        out,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
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
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            app.keymap().action(app.context(), key)
        }
        Event::Resize(w, h) => Some(action::Action::Resize(*w, *h)),
        Event::Mouse(m) if app.mouse() => mouse::action(app, m),
        _ => None,
    }
}

/// The actions of a terminal event: a paste types its text into the search prompt (its
/// line ends and tabs as spaces, other control characters dropped) and means nothing
/// anywhere else; any other event is at most one action.
pub fn actions_for(app: &App, event: &Event) -> Vec<action::Action> {
    match event {
        Event::Paste(text) if app.context() == keymap::Context::Search => text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .map(action::Action::SearchType)
            .collect(),
        other => action_for(app, other).into_iter().collect(),
    }
}

/// Draw one frame inside a synchronized update (mode 2026), so terminals that support it
/// never show half a frame; others ignore the two sequences.
///
/// The terminal may have been resized after the last resize event was handled; the app is
/// brought to the real size first so its layout always matches the frame.
fn draw(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    draw_asking(terminal, app, None)
}

/// [`draw`], and when `query` is given, the graphics query written at the end of the frame
/// (inside it, so that what follows the frame belongs to the next key). Tells the reader
/// the answer is the fallback when the query could not be written.
fn draw_asking(
    terminal: &mut Term,
    app: &mut App,
    query: Option<&input::GraphicsQuery>,
) -> io::Result<()> {
    let size = terminal.size()?;
    if app.pictures().on() {
        // The cell's pixel size changes with the font, which comes with a resize.
        app.set_cell_size(pictures::cell::terminal_cell());
    }
    // A resize changes only the layout: it asks for nothing the loop has to do.
    let _ = app.update(action::Action::Resize(size.width, size.height));
    crossterm::queue!(io::stdout(), crossterm::terminal::BeginSynchronizedUpdate)?;
    draw_view(terminal, app)?;
    if let Some(query) = query {
        if !query.ask(&mut io::stdout())? {
            // The input thread is busy: no query, the fallback it is.
            let _ = app.update(Message::Graphics(Default::default()));
        }
    }
    crossterm::execute!(io::stdout(), crossterm::terminal::EndSynchronizedUpdate)?;
    let sent = terminal.backend_mut().take_picture_bytes();
    if sent > 0 {
        // The status bar says what the picture cost (a kitty picture is not sent again).
        if app.picture_sent(sent).redraw {
            frame(terminal, app)?;
            let _ = terminal.backend_mut().take_picture_bytes();
        }
    }
    Ok(())
}

/// One frame inside a synchronized update.
fn frame(terminal: &mut Term, app: &App) -> io::Result<()> {
    crossterm::queue!(io::stdout(), crossterm::terminal::BeginSynchronizedUpdate)?;
    draw_view(terminal, app)?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EndSynchronizedUpdate)
}

/// Render the view and draw what changed: ratatui's `Terminal::draw`, but the backend is
/// shown the whole frame first, to cross short gaps between changes with the glyphs there.
/// The view never places the cursor: it stays hidden.
fn draw_view(terminal: &mut Term, app: &App) -> io::Result<()> {
    terminal.autoresize()?;
    view::draw(&mut terminal.get_frame(), app);
    let mut rendered = terminal.backend_mut().spare_frame();
    let current = terminal.current_buffer_mut();
    rendered.area = current.area;
    rendered.content.clone_from(&current.content);
    terminal.backend_mut().upcoming(rendered);
    terminal.apply_buffer_with_cursor(None)?;
    Ok(())
}

/// Where the articles come from while the reader runs: a scan on a background thread that
/// fills the list and follows changes to the files as `live` says.
pub struct Background {
    /// The scanner of the roots.
    pub scanner: crate::scan::Scanner,
    /// How to follow the roots after the first scan.
    pub live: crate::watch::Live,
}

/// How long the first frame waits for the first articles of a cold scan, so a quick one
/// draws them at once instead of an empty list first (fewer bytes over a slow link).
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(150);

/// How long the first frame waits for the list of the index cache (a warm start draws no
/// empty list first): however busy the machine, reading the cache is quick; a cache that
/// cannot be read after all gives an empty first snapshot or none, and the scan goes on.
const WARM_FIRST_FRAME_WAIT: Duration = Duration::from_secs(3);

/// What the loop does after a wake.
enum Step {
    /// Keep going, doing these effects.
    Go(Effects),
    /// Leave the loop.
    Exit(Exit),
}

/// Run the reader on `app` until the user quits, a signal arrives or the terminal goes away.
/// The reading state is saved on every way out (after every change to the marks too), and
/// then the terminal is restored, including after panics (the hook). Returns how it ended
/// and, if the last save failed, why; an error only when the terminal could not be set up.
pub fn run(mut app: App, background: Option<Background>) -> io::Result<(Exit, Option<String>)> {
    let (tx, rx) = mpsc::channel();
    let query = input::spawn(tx.clone())?;
    if app.pictures().on() {
        app.attach_picture_worker(pictures::worker::spawn(tx.clone())?);
    }
    let first_wait = match &background {
        Some(bg) if bg.scanner.has_cached_list() => WARM_FIRST_FRAME_WAIT,
        _ => FIRST_FRAME_WAIT,
    };
    let (shown, shown_gate) = mpsc::channel();
    let scan = match background {
        Some(mut bg) => {
            bg.scanner.when_shown(shown_gate);
            Some(crate::watch::spawn(bg.scanner, bg.live, move |e| {
                if let crate::watch::ScanEvent::Snapshot(s) = &e {
                    warm_up(&s.index, tx.clone());
                }
                tx.send(Wake::Scan(e)).is_ok()
            })?)
        }
        None => {
            drop(tx);
            None
        }
    };
    let mut terminal = init_terminal(app.mouse())?;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut app, &mut terminal, &rx, first_wait, shown, &query)
    }));
    let result = match result {
        Ok(result) => result,
        Err(panic) => {
            // The hook restored the terminal and printed the message; the marks and the
            // session are still worth saving before the panic goes on.
            let _ = app.persist();
            std::panic::resume_unwind(panic);
        }
    };
    // A write to a terminal that is gone fails: that is a hangup, not an error to report.
    let exit = match result {
        Ok(exit) => Ok(exit),
        Err(_) if input::stop_requested().is_some() || terminal_gone() => {
            Ok(Exit::Signal(signal_hook::consts::SIGHUP))
        }
        Err(e) => Err(e),
    };
    // Saved before the terminal is touched again: restoring a terminal that went away must
    // never cost the session.
    let save_problem = app.persist();
    restore();
    // A reply to the graphics query that came too late for the reader is not the shell's.
    flush_input();
    if let Some(scan) = scan {
        // The shell has its terminal back; what a cold start read so far goes to the cache.
        // After a signal nobody waits for kiji, so it does not wait long either.
        let wait = match exit {
            Ok(Exit::Quit) => SCAN_SAVE_WAIT,
            _ => SCAN_SAVE_WAIT_STOPPING,
        };
        scan.finish(wait);
    }
    exit.map(|exit| (exit, save_problem))
}

/// Throw away what the terminal sent that nobody read (TCIFLUSH).
fn flush_input() {
    use std::os::fd::AsRawFd;
    // SAFETY: tcflush only discards the tty's pending input; a failure changes nothing.
    let _ = unsafe { libc::tcflush(io::stdin().as_raw_fd(), libc::TCIFLUSH) };
}

/// Whether the controlling terminal has hung up (poll says so at once, without reading).
fn terminal_gone() -> bool {
    use std::os::fd::AsRawFd;
    let mut fds = libc::pollfd {
        fd: io::stdin().as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd; a zero timeout never blocks.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// The loop proper: wait for a wake, handle it and everything queued behind it, settle,
/// draw if something changed. A stop (signal or hangup) is seen before each wake.
/// The first frame waits up to `first_wait` for the first snapshot of the scan (keys that
/// come meanwhile are handled, and drawn with it).
fn event_loop(
    app: &mut App,
    terminal: &mut Term,
    rx: &mpsc::Receiver<Wake>,
    first_wait: Duration,
    shown: mpsc::Sender<()>,
    query: &input::GraphicsQuery,
) -> io::Result<Exit> {
    let mut job = JobControl::default();
    let deadline = Instant::now() + first_wait;
    while app.is_loading() {
        let Ok(wake) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) else {
            break;
        };
        let snapshot = matches!(wake, Wake::Scan(crate::watch::ScanEvent::Snapshot(_)));
        match handle(app, terminal, wake, &mut job)? {
            Step::Exit(exit) => return Ok(exit),
            Step::Go(effects) if effects.quit => return Ok(Exit::Quit),
            Step::Go(_) if snapshot => break,
            Step::Go(_) => {}
        }
    }
    if let Some(sig) = input::stop_requested() {
        return Ok(Exit::Signal(sig));
    }
    let _ = app.settle();
    draw_asking(terminal, app, app.pictures().asking().then_some(query))?;
    // The scan may walk the roots now (see `Scanner::when_shown`).
    let _ = shown.send(());
    drop(shown);
    loop {
        let Some(wake) = next_wake(app, rx)? else {
            // The keys paused with a preview held back: show it now. Or a query waits for the
            // search texts: see whether they are there (`show_preview` settles).
            if app.show_preview().redraw {
                draw(terminal, app)?;
            }
            continue;
        };
        let mut wakes = Some(wake);
        let mut effects = Effects::default();
        // Handle whatever else is already queued before drawing once.
        while let Some(wake) = wakes.take() {
            if let Some(sig) = input::stop_requested() {
                return Ok(Exit::Signal(sig));
            }
            match handle(app, terminal, wake, &mut job)? {
                Step::Go(e) => effects = effects.and(e),
                Step::Exit(exit) => return Ok(exit),
            }
            if effects.quit {
                return Ok(Exit::Quit);
            }
            wakes = rx.try_recv().ok();
            if wakes.is_none() && app.is_typing() {
                // Keys of a paste come microseconds apart, a person's tens of milliseconds:
                // a short wait keeps a paste in one batch, searched once.
                wakes = rx.recv_timeout(TYPING_PAUSE).ok();
            }
        }
        effects = effects.and(app.settle());
        if effects.save {
            if let Some(message) = app.persist() {
                effects = effects.and(app.update(Message::Notice(message)));
            }
        }
        if let Some(text) = effects.copy {
            // OSC 52: the terminal puts the text on the clipboard (if it allows it).
            let mut out = io::stdout();
            out.write_all(osc52::osc52(&text).as_bytes())?;
            out.flush()?;
        }
        if effects.redraw {
            draw(terminal, app)?;
        }
    }
}

/// The next wake, or `None` when a preview held back (see [`App::preview_due`]) is due
/// before one comes.
fn next_wake(app: &App, rx: &mpsc::Receiver<Wake>) -> io::Result<Option<Wake>> {
    let closed = |e: &dyn std::fmt::Display| io::Error::other(e.to_string());
    let texts_due = app.awaits_texts().then(|| Instant::now() + TEXTS_POLL);
    match app.preview_due().into_iter().chain(texts_due).min() {
        None => rx.recv().map(Some).map_err(|e| closed(&e)),
        Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
            Ok(wake) => Ok(Some(wake)),
            Err(mpsc::RecvTimeoutError::Timeout) => Ok(None),
            Err(e) => Err(closed(&e)),
        },
    }
}

/// How long the loop waits for more keys before searching for a query being typed.
const TYPING_PAUSE: Duration = Duration::from_millis(8);

/// How often the loop looks whether the search texts a typed query waits for are there (they
/// come with no message of their own: the scan gives them to the index it handed out).
const TEXTS_POLL: Duration = Duration::from_millis(100);

/// How long quitting waits for the background scan to write the index cache.
const SCAN_SAVE_WAIT: Duration = Duration::from_secs(3);
/// The same after a signal or a hangup, which must end kiji within a second.
const SCAN_SAVE_WAIT_STOPPING: Duration = Duration::from_millis(500);

/// What the loop keeps of suspending and resuming.
#[derive(Default)]
struct JobControl {
    /// When kiji last came back from its own suspend.
    resumed_at: Option<Instant>,
    /// A suspend asked for while the terminal had still to answer the graphics query: done
    /// once it answers (or the input thread gives up on it). Stopped before, kiji would leave
    /// the answer to the shell, typed at its prompt.
    on_answer: bool,
}

/// Up to how many articles a scan's tag lists are made before its index is sent: about 2 ms.
const WARM_UP_INLINE: usize = 2_000;

/// Make the tag lists of a scan's `index` (on the scanner's thread, just before the reader
/// takes it): at once for a small index, else on another thread, so the reader's first frame
/// does not wait for them, waking the loop when they are made (the related articles are shown
/// then). Without a thread they are made when first asked for.
fn warm_up(index: &crate::index::Index, wake: mpsc::Sender<Wake>) {
    let Some(work) = index.warm_up() else {
        return;
    };
    if index.articles().len() <= WARM_UP_INLINE {
        work.run();
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("kiji-warm".into())
        .spawn(move || {
            work.run();
            let _ = wake.send(Wake::Warmed);
        });
    // A thread that could not start dropped its work: nothing waits for it.
    drop(spawned);
}

/// Do what one wake asks.
fn handle(
    app: &mut App,
    terminal: &mut Term,
    wake: Wake,
    job: &mut JobControl,
) -> io::Result<Step> {
    let effects = match wake {
        Wake::Terminal(e) => {
            app.key_time(Instant::now());
            let mut effects = Effects::default();
            for action in actions_for(app, &e) {
                effects = effects.and(app.update_queued(action));
            }
            if effects.suspend {
                effects.suspend = false;
                let settled = effects.and(app.settle());
                if app.pictures().asking() {
                    job.on_answer = true;
                    return Ok(Step::Go(settled));
                }
                return suspend_and_redraw(app, terminal, &mut job.resumed_at, settled);
            }
            effects
        }
        Wake::InputError(e) => return Err(e),
        Wake::Hangup => return Ok(Step::Exit(Exit::Signal(signal_hook::consts::SIGHUP))),
        Wake::Signal(sig) => return Ok(Step::Exit(Exit::Signal(sig))),
        Wake::Suspend => {
            let settled = app.settle();
            if app.pictures().asking() {
                job.on_answer = true;
                return Ok(Step::Go(settled));
            }
            return suspend_and_redraw(app, terminal, &mut job.resumed_at, settled);
        }
        Wake::Continue => {
            // After kiji's own suspend the terminal is already taken back; a SIGCONT after a
            // stop kiji did not see coming (SIGSTOP) needs it now.
            if job
                .resumed_at
                .take()
                .is_some_and(|t| t.elapsed() < Duration::from_secs(2))
            {
                Effects::default()
            } else {
                resume(terminal, app.mouse())?;
                Effects::redraw_if(true)
            }
        }
        Wake::Scan(crate::watch::ScanEvent::Snapshot(snapshot)) => {
            app.update_queued(Message::Snapshot(snapshot.index, snapshot.progress))
        }
        Wake::Scan(crate::watch::ScanEvent::Notice(message)) => {
            app.update_queued(Message::Notice(message))
        }
        Wake::Picture(ready) => app.update_queued(Message::Picture(ready)),
        Wake::Warmed => app.update_queued(Message::Warmed),
        Wake::Graphics(answer) => {
            let effects = app.update_queued(Message::Graphics(answer));
            if std::mem::take(&mut job.on_answer) {
                let settled = effects.and(app.settle());
                return suspend_and_redraw(app, terminal, &mut job.resumed_at, settled);
            }
            effects
        }
    };
    Ok(Step::Go(effects))
}

/// Suspend (when a job-control shell can bring kiji back), then draw anew. `effects` are
/// those of the events before the suspend, still to be done.
fn suspend_and_redraw(
    app: &mut App,
    terminal: &mut Term,
    resumed_at: &mut Option<Instant>,
    effects: Effects,
) -> io::Result<Step> {
    if !has_job_control() {
        let notice = app.update_queued(Message::Notice(
            "cannot suspend: no shell with job control to return to".to_string(),
        ));
        return Ok(Step::Go(effects.and(notice)));
    }
    // The marks are saved first: a suspended reader may never be brought back.
    if let Some(message) = app.persist() {
        let _ = app.update_queued(Message::Notice(message));
    }
    suspend(terminal, app.mouse())?;
    *resumed_at = Some(Instant::now());
    draw(terminal, app)?;
    Ok(Step::Go(Effects {
        redraw: false,
        save: false,
        ..effects
    }))
}
