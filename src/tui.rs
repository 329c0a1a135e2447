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
pub mod search_prompt;
pub mod theme;
pub mod view;

use std::io;
use std::sync::mpsc;
use std::thread;

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
    ratatui::Terminal::new(backend::SlimBackend::new(io::stdout())).inspect_err(|_| restore())
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
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    thread::Builder::new()
        .name("kiji-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _ = signals_tx.send(Wake::Signal(sig));
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

/// Run the reader on `app` until the user quits or a signal arrives. The terminal is restored
/// on every path out, including panics (the hook), and the reading state is saved on quit, on
/// SIGTERM/SIGHUP/SIGINT and after every change to the marks. Returns how it ended and, if the
/// last save failed, why.
pub fn run(mut app: App) -> io::Result<(Exit, Option<String>)> {
    let (tx, rx) = mpsc::channel();
    spawn_inputs(tx)?;
    let mut terminal = init_terminal(app.mouse)?;
    let result = (|| -> io::Result<Exit> {
        draw(&mut terminal, &mut app)?;
        loop {
            let wake = rx.recv().map_err(|e| io::Error::other(e.to_string()))?;
            let event = match wake {
                Wake::Terminal(e) => e,
                Wake::InputError(e) => return Err(e),
                Wake::Signal(sig) => return Ok(Exit::Signal(sig)),
            };
            let mut changed = false;
            if let Some(action) = action_for(&app, &event) {
                changed = app.update(action);
            }
            // Handle whatever else is already queued before drawing once.
            while !app.should_quit {
                match rx.try_recv() {
                    Ok(Wake::Terminal(e)) => {
                        if let Some(action) = action_for(&app, &e) {
                            changed |= app.update(action);
                        }
                    }
                    Ok(Wake::InputError(e)) => return Err(e),
                    Ok(Wake::Signal(sig)) => return Ok(Exit::Signal(sig)),
                    Err(_) => break,
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
    result.map(|exit| (exit, save_problem))
}
