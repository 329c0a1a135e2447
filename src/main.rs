//! The `kiji` binary: parse the command line, read the configuration, run a subcommand or the
//! reader. Everything is loaded before the terminal is switched to raw mode, so problems print
//! normally.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use kiji::cli::{Cli, Command, SettingFlags};
use kiji::commands;
use kiji::config::{self, Config, ConfigProblem, Overrides};
use kiji::index::Index;
use kiji::paths::Paths;
use kiji::text::escape::{Shown, ShownPath, escape_controls};

fn main() -> ExitCode {
    return_memory_at_once();
    let keys = kiji::tui::keymap::Keymap::default_keys().plain_table();
    let mouse: String = kiji::tui::mouse::HELP
        .iter()
        .map(|(what, does)| format!("  {what:<18} {does}\n"))
        .collect();
    let command = Cli::command().after_long_help(format!(
        "Keys in the reader:\n{keys}\n{}:\n{mouse}",
        kiji::tui::mouse::HELP_TITLE
    ));
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let paths = match Paths::discover() {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!(
                "kiji: {}; using the default settings and no saved state",
                Shown(&e)
            );
            None
        }
    };
    let flags = &cli.settings();
    let config_file = config_path(flags, paths.as_ref());
    let explicit =
        matches!(flags.config, Some(Some(_))) || paths.as_ref().is_some_and(|p| p.config_explicit);

    match &cli.command {
        Some(Command::Paths(_)) => return print_paths(paths.as_ref(), config_file.as_ref()),
        Some(Command::Config(args)) => {
            return config_command(args, config_file.as_ref(), flags.config.is_some());
        }
        Some(Command::Check(_)) if flags.config.is_some() => {
            return check_config(config_file.as_ref(), explicit);
        }
        _ => {}
    }

    let key_table = kiji::tui::keymap::Keymap::default_keys();
    let (mut cfg, problems) = match &config_file {
        Some(path) if explicit => config::load_required(path, &key_table),
        Some(path) => config::load(path, &key_table),
        None => (Config::default(), Vec::new()),
    };
    cfg.apply_overrides(&Overrides {
        ascii: flags.ascii,
        ambiguous_width: flags.ambiguous,
        theme: flags.theme,
        colors: flags.colors,
        no_mouse: flags.no_mouse,
        images: flags.images,
    });
    let reader = cli.command.is_none();
    if !reader && !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!("kiji: the configuration file was not used; the defaults apply");
    }
    if let Some(Command::Doctor(_)) = &cli.command {
        return run_doctor(&cfg);
    }
    let opts = cfg.load_options();

    let cache_dir = paths.as_ref().map(|p| p.cache_dir.as_path());
    if let Some(Command::Show(args)) = &cli.command {
        return run_show(args, &cfg, &opts, cache_dir);
    }
    let cli_paths = match &cli.command {
        Some(Command::List(a)) => &a.paths,
        Some(Command::Tags(a)) => &a.paths,
        Some(Command::Check(a)) => &a.paths,
        _ => &cli.paths,
    };
    let missing = commands::missing_roots(cli_paths);
    if !missing.is_empty() {
        for m in missing {
            eprintln!("{m}");
        }
        return ExitCode::from(1);
    }
    let roots = if cli_paths.is_empty() {
        cfg.roots.clone()
    } else {
        cli_paths.clone()
    };
    if reader {
        return run_reader(&roots, &opts, &cfg, &problems, paths.as_ref());
    }
    let needs = match &cli.command {
        Some(Command::List(a)) => commands::list_needs(a),
        _ => commands::Needs::Printed,
    };
    let index = commands::load_index(&roots, &opts, cache_dir, needs);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Some(Command::List(args)) => commands::list(args, &index, &mut out),
        Some(Command::Tags(args)) => commands::tags(args, &index, &mut out),
        Some(Command::Check(args)) => {
            let images = image_sizer(&cfg, &roots);
            commands::check(args, &index, &opts, &images, &mut out)
        }
        _ => Ok(0),
    };
    let result = result.and_then(|code| out.flush().map(|()| code));
    if !matches!(cli.command, Some(Command::Check(_))) {
        if let Some(hint) = commands::problem_hint(&index) {
            eprintln!("{hint}");
        }
    }
    // Freeing every article one by one takes longer than the exit that frees them at once.
    std::mem::forget(index);
    exit_with(result)
}

/// The sizer `kiji check` probes images through: the configured `image_root` and limits, the
/// bundled pictures when the bundled samples are read.
fn image_sizer(cfg: &Config, roots: &[PathBuf]) -> kiji::images::ImageSizer {
    let sizer = kiji::images::ImageSizer::new(
        cfg.image_root.clone(),
        cfg.image_limits(),
        kiji::images::CellSize::default(),
        1,
    );
    if roots.is_empty() && commands::default_roots().is_none() {
        sizer.with_embedded(kiji::samples::BUNDLED_IMAGES)
    } else {
        sizer
    }
}

/// mimalloc: a warm start and `kiji list` decode the index cache into one allocation per
/// string (about 200,000 at 10,000 articles) and spend most of their time in the allocator. At
/// 10,000 articles (`benches/startup.rs`, interleaved runs) the warm start's whole list went
/// from 88.8-116.5 ms with glibc's malloc to 80.9-85.8 ms, the cold one from 949-1404 to
/// 854-1088 ms, at the same peak memory (0.62 against 0.59 times the Markdown, warm). Built
/// without transparent huge pages (libmimalloc-sys's `no_thp`), and freed memory given back at
/// once ([`return_memory_at_once`]): with huge pages the reader's peak was 1.6 times the
/// Markdown.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (in `mi_option_e` of the mimalloc the crate builds).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Have mimalloc give freed memory back to the system at once, not after a second:
/// the reader's peak memory stays what it uses.
fn return_memory_at_once() {
    // SAFETY: mi_option_set only sets an allocator parameter.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

/// The configuration file to read: `--config PATH`, else the one `kiji paths` shows.
fn config_path(flags: &SettingFlags, paths: Option<&Paths>) -> Option<PathBuf> {
    match &flags.config {
        Some(Some(p)) => Some(p.clone()),
        _ => paths.map(|p| p.config_file.clone()),
    }
}

fn exit_with(result: io::Result<i32>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kiji: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

fn print_paths(paths: Option<&Paths>, config_file: Option<&PathBuf>) -> ExitCode {
    let Some(paths) = paths else {
        return ExitCode::from(1);
    };
    let mut text = paths.describe();
    if let Some(file) = config_file {
        if *file != paths.config_file {
            text = text.replacen(
                &paths.config_file.display().to_string(),
                &file.display().to_string(),
                1,
            );
        }
    }
    let text: String = text
        .lines()
        .map(|line| format!("{}\n", escape_controls(line)))
        .collect();
    exit_with(io::stdout().write_all(text.as_bytes()).map(|()| 0))
}

/// `kiji config`: print the configuration file, or with `--default` the default one, with
/// `--init` write it, with `--keys` list the actions. `named` says whether `--config` named the
/// file (so the hints repeat it).
fn config_command(
    args: &kiji::cli::ConfigArgs,
    config_file: Option<&PathBuf>,
    named: bool,
) -> ExitCode {
    let print = |text: &str| exit_with(io::stdout().write_all(text.as_bytes()).map(|()| 0));
    if args.default {
        return print(config::DEFAULT_CONFIG);
    }
    if args.keys {
        return print(&kiji::cli::action_list(
            &kiji::tui::keymap::Keymap::default_keys(),
        ));
    }
    let Some(file) = config_file else {
        eprintln!(
            "kiji: no configuration folder (see `kiji paths`); `kiji config --default` prints the defaults"
        );
        return ExitCode::from(1);
    };
    let init = match named {
        true => format!("kiji config --init --config {}", ShownPath(file)),
        false => "kiji config --init".to_string(),
    };
    if args.init {
        return match init_config(file) {
            Ok(()) => {
                println!(
                    "kiji: wrote {}: every setting at its default, with comments; change what you like \
                     (`kiji check --config` checks it)",
                    ShownPath(file)
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("kiji: {e}");
                ExitCode::from(1)
            }
        };
    }
    match config::read_file(file) {
        Ok(Some(text)) => print(&text),
        Ok(None) => {
            eprintln!(
                "kiji: {} does not exist; kiji uses the defaults. Start one with:\n  {init}",
                ShownPath(file)
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::from(1)
        }
    }
}

/// Write the commented default configuration to `file`, creating its folder; never over an
/// existing file (or anything else at that path).
fn init_config(file: &std::path::Path) -> Result<(), String> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the folder {}: {e}", ShownPath(dir)))?;
    }
    let mut out = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(format!(
                "{} already exists and was left as it is (`kiji config` prints it; move it \
                 away first to start again from the defaults)",
                ShownPath(file)
            ));
        }
        Err(e) => return Err(format!("cannot create {}: {e}", ShownPath(file))),
    };
    let written = out
        .write_all(config::DEFAULT_CONFIG.as_bytes())
        .and_then(|()| out.sync_all());
    if let Err(e) = written {
        drop(out);
        // Only what this call created is removed: the file did not exist before.
        let _ = std::fs::remove_file(file);
        return Err(format!("cannot write {}: {e}", ShownPath(file)));
    }
    Ok(())
}

fn check_config(config_file: Option<&PathBuf>, explicit: bool) -> ExitCode {
    let Some(file) = config_file else {
        eprintln!("kiji: no configuration folder to check");
        return ExitCode::from(1);
    };
    let key_table = kiji::tui::keymap::Keymap::default_keys();
    let problems = if explicit {
        config::check_required(file, &key_table)
    } else {
        config::check(file, &key_table)
    };
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        if file.exists() {
            println!("{}: no problems", ShownPath(file));
        } else {
            println!(
                "{}: no configuration file; the defaults are used",
                ShownPath(file)
            );
        }
        ExitCode::SUCCESS
    } else {
        println!("{}", kiji::words::plural(problems.len(), "problem"));
        ExitCode::from(1)
    }
}

/// `kiji doctor`: the environment always; the width probe only on a terminal (it needs one
/// to draw on and to answer) that is not TERM=dumb (it sends escape sequences). The report
/// comes at most [`kiji::doctor::probe::TIMEOUT`] after the requests, and kiji exits at most
/// [`kiji::doctor::probe::DRAIN`] later, having read any late answer.
fn run_doctor(cfg: &Config) -> ExitCode {
    let env = kiji::doctor::Environment::read(|k| std::env::var_os(k));
    let text = if env.term.as_deref() == Some("dumb") {
        kiji::doctor::report(
            &env,
            cfg,
            None,
            Some(
                "The widths were not measured: TERM=dumb says this terminal understands no escape \
                 sequences, so kiji sends none.",
            ),
        )
    } else if io::stdout().is_terminal() && io::stdin().is_terminal() {
        match kiji::doctor::probe::probe(&kiji::doctor::SAMPLES) {
            Ok(probe) => {
                let note = probe.measured.iter().any(|m| m.drawn.is_none()).then_some(
                    "? = the terminal did not answer the cursor-position request (ESC [ 6n) within a second",
                );
                let text = kiji::doctor::report(&env, cfg, Some(&probe.measured), note);
                return exit_with(probe.finish(&text).map(|()| 0));
            }
            Err(e) => {
                let note = format!("The width probe failed: {e}.");
                kiji::doctor::report(&env, cfg, None, Some(&note))
            }
        }
    } else {
        kiji::doctor::report(
            &env,
            cfg,
            None,
            Some(
                "The width probe needs a terminal: run `kiji doctor` in the terminal you read in (not through a pipe).",
            ),
        )
    };
    exit_with(io::stdout().write_all(text.as_bytes()).map(|()| 0))
}

/// The most rows a picture takes in `kiji show` when stdout is not a terminal.
const SHOW_MAX_ROWS: usize = 40;

/// How `kiji show` draws pictures: the `images` setting in this environment (`auto` draws
/// nothing when stdout is not a terminal, and half blocks where the reader would ask the
/// terminal), the cell size from the terminal (else 8x16), a picture at most a screen high.
fn show_pictures(
    cfg: &Config,
    depth: kiji::style::ColorDepth,
    window: Option<kiji::term_images::stream::Window>,
    bundled: bool,
) -> Option<commands::ShowPictures> {
    use kiji::images::{Choice, ImageMode};
    if cfg.images == ImageMode::Auto && window.is_none() {
        return None;
    }
    let protocol = match cfg.image_choice(|k| std::env::var_os(k), depth) {
        Choice::Draw(p) | Choice::Ask { fallback: Some(p) } => p,
        Choice::Off | Choice::Ask { fallback: None } => return None,
    };
    let max_rows = window.map_or(SHOW_MAX_ROWS, |w| {
        usize::from(w.rows.saturating_sub(1)).max(4)
    });
    Some(commands::ShowPictures {
        encoder: kiji::term_images::Encoder {
            protocol,
            cell: window.and_then(|w| w.cell).unwrap_or_default(),
            tmux: kiji::term_images::inside_tmux(|k| std::env::var_os(k)),
        },
        depth,
        max_rows,
        image_root: cfg.image_root.clone(),
        limits: cfg.image_limits(),
        embedded: bundled.then_some(kiji::samples::BUNDLED_IMAGES),
    })
}

fn run_show(
    args: &kiji::cli::ShowArgs,
    cfg: &Config,
    opts: &kiji::loader::LoadOptions,
    cache_dir: Option<&std::path::Path>,
) -> ExitCode {
    let missing = commands::missing_roots(&args.paths);
    if !missing.is_empty() {
        for m in missing {
            eprintln!("{m}");
        }
        return ExitCode::from(1);
    }
    let roots = if args.paths.is_empty() {
        cfg.roots.clone()
    } else {
        args.paths.clone()
    };
    let (index, position) = match commands::find_for_show(&args.target, &roots, opts, cache_dir) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    let window = kiji::term_images::stream::stdout_window();
    let width = match args.width {
        Some(w) => usize::from(w),
        None if io::stdout().is_terminal() => {
            crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w))
        }
        None => 80,
    };
    let layout = kiji::text::LayoutOptions {
        ambiguous: cfg.ambiguous_width,
        cjk_emphasis: cfg.cjk_emphasis,
        ..Default::default()
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let depth = cfg.color_depth(|k| std::env::var_os(k));
    let bundled = commands::shows_bundled(&args.target, &roots);
    // The reader's theme at the terminal's colour depth: the mono theme for "none" (NO_COLOR,
    // unless `colors` or `--colors` says otherwise).
    let style = commands::ShowStyle {
        width,
        layout,
        plain: args.plain,
        theme: cfg.theme_at(depth, |k| std::env::var_os(k)),
        pictures: (!args.plain)
            .then(|| show_pictures(cfg, depth, window, bundled))
            .flatten(),
    };
    let result = commands::show(&index, position, opts, &style, &mut out);
    exit_with(result.and_then(|c| out.flush().map(|()| c)))
}

/// The reader's articles: a background scan of the roots on disk (through the index cache,
/// watching for changes), or the samples built into kiji when there is no folder to read. Also
/// the roots read, each once (the bundled samples' root for them): the session is theirs.
fn reader_source(
    roots: &[PathBuf],
    opts: &kiji::loader::LoadOptions,
    paths: Option<&Paths>,
) -> (Index, Option<kiji::tui::Background>, Vec<PathBuf>) {
    let roots = match (roots.is_empty(), commands::default_roots()) {
        (false, _) => roots.to_vec(),
        (true, Some(defaults)) => defaults,
        (true, None) => {
            let bundled = vec![PathBuf::from(kiji::samples::BUNDLED_ROOT)];
            return (commands::bundled(opts), None, bundled);
        }
    };
    let session_roots = kiji::loader::dedupe_roots(&roots);
    let cache = paths.map(|p| kiji::cache::CacheFiles::new(&p.cache_dir, &roots, opts));
    let scanner = kiji::scan::Scanner::new(roots, opts.clone(), cache).cache_first();
    let background = kiji::tui::Background {
        scanner,
        live: kiji::watch::Live::Watch,
    };
    (Index::default(), Some(background), session_roots)
}

fn run_reader(
    roots: &[PathBuf],
    opts: &kiji::loader::LoadOptions,
    cfg: &Config,
    problems: &[ConfigProblem],
    paths: Option<&Paths>,
) -> ExitCode {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        eprintln!(
            "kiji: TERM=dumb cannot show the reader (it needs cursor movement); \
             use `kiji list` to see the articles and `kiji show ID` to read one"
        );
        return ExitCode::from(1);
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "kiji: the reader needs a terminal; use `kiji list` or `kiji show` to print instead"
        );
        return ExitCode::from(1);
    }
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut settings = kiji::tui::app::Settings {
        keymap: kiji::tui::keymap::Keymap::from_settings(&cfg.keys),
        layout: kiji::text::LayoutOptions {
            ambiguous: cfg.ambiguous_width,
            cjk_emphasis: cfg.cjk_emphasis,
            ..Default::default()
        },
        theme: kiji::tui::theme::Theme::from_plain(
            &cfg.theme_at(cfg.color_depth(|k| std::env::var_os(k)), |k| {
                std::env::var_os(k)
            }),
        ),
        glyphs: kiji::tui::theme::Glyphs::new(cfg.ascii_on()),
        date_format: cfg.date_format.clone(),
        mouse: cfg.mouse,
        mark_read: cfg.mark_read,
        load_options: opts.clone(),
        pictures: kiji::tui::pictures::PictureSettings::for_terminal(
            cfg,
            cfg.color_depth(|k| std::env::var_os(k)),
            |k| std::env::var_os(k),
        ),
    };
    let (index, background, roots) = reader_source(roots, opts, paths);
    if background.is_none() {
        // The bundled samples, read from memory: so are their pictures.
        settings.pictures.embedded = Some(kiji::samples::BUNDLED_IMAGES);
    }
    // Search folds every article once; start it now so the first `/` key does not wait. (A
    // scan folds as it reads, or takes the texts from the cache.)
    index.prepare_search_in_background();
    let mut notices = Vec::new();
    if let Some(first) = problems.first() {
        notices.push(format!(
            "config ignored, defaults used: {} (kiji check --config)",
            first
        ));
    }
    let marks = paths.map(|paths| {
        let (store, warning) = kiji::state::StateStore::open(&paths.state_dir);
        if let Some(w) = warning {
            notices.push(w.to_string());
        }
        kiji::tui::marks::Marks::with_store(store, roots)
    });
    // Without a saved session, the list starts in the configured language, else the user's
    // (LANG), if the articles have it.
    let lang = match cfg.locale.as_deref() {
        Some("all") => None,
        Some(code) => Some(code.to_string()),
        None => ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty()),
    };
    let startup = kiji::tui::app::Startup {
        loading: background.is_some(),
        marks,
        lang,
        notice: (!notices.is_empty()).then(|| notices.join(" · ")),
    };
    let app = kiji::tui::app::App::start(index, settings, (w, h), startup);
    // The terminal may be gone by now (a dropped SSH connection): nothing printed from here
    // on may panic, so errors writing to stderr are ignored.
    match kiji::tui::run(app, background) {
        Ok((exit, save_problem)) => {
            if let Some(p) = save_problem {
                let _ = writeln!(io::stderr(), "kiji: {}", Shown(&p));
            }
            match exit {
                kiji::tui::Exit::Quit => ExitCode::SUCCESS,
                kiji::tui::Exit::Signal(sig) => {
                    ExitCode::from(u8::try_from(128 + sig).unwrap_or(1))
                }
            }
        }
        Err(e) => {
            let _ = writeln!(io::stderr(), "kiji: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // The mimalloc built has a purge delay of 1000 ms by default (its options.c): an option
        // of another number would not have it.
        // SAFETY: mi_option_get only reads an allocator parameter.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            1000
        );
        return_memory_at_once();
        // SAFETY: as above.
        assert_eq!(
            unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) },
            0
        );
    }
}
