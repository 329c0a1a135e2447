//! The `kiji` binary: parse the command line, run a subcommand or the reader.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use kiji::cli::{Cli, Command};
use kiji::commands;
use kiji::index::Index;
use kiji::loader::LoadOptions;

fn main() -> ExitCode {
    let keys = kiji::tui::keymap::Keymap::default_keys().plain_table();
    let command = Cli::command().after_long_help(format!("Keys in the reader:\n{keys}"));
    let cli = match Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let opts = LoadOptions::default();
    let paths = match &cli.command {
        Some(Command::List(a)) => &a.paths,
        Some(Command::Tags(a)) => &a.paths,
        Some(Command::Check(a)) => &a.paths,
        Some(Command::Show(a)) => &a.paths,
        None => &cli.paths,
    };
    if let Some(Command::Show(args)) = &cli.command {
        return run_show(args, &opts);
    }
    let missing = commands::missing_roots(paths);
    if !missing.is_empty() {
        for m in missing {
            eprintln!("{m}");
        }
        return ExitCode::from(1);
    }
    let index = Index::new(commands::load(paths, &opts));
    if cli.command.is_none() {
        return run_reader(index);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Some(Command::List(args)) => commands::list(args, &index, &mut out),
        Some(Command::Tags(args)) => commands::tags(args, &index, &mut out),
        Some(Command::Check(args)) => commands::check(args, &index, &mut out),
        Some(Command::Show(_)) => Ok(0),
        None => Ok(0),
    };
    let result = result.and_then(|code| out.flush().map(|()| code));
    let hint = match &cli.command {
        Some(Command::Check(_)) => None,
        _ => commands::problem_hint(&index),
    };
    if let Some(hint) = hint {
        eprintln!("{hint}");
    }
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kiji: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

fn run_reader(index: Index) -> ExitCode {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "kiji: the reader needs a terminal; use `kiji list` or `kiji show` to print instead"
        );
        return ExitCode::from(1);
    }
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    let app = kiji::tui::app::App::new(
        index,
        kiji::tui::keymap::Keymap::default_keys(),
        kiji::text::LayoutOptions::default(),
        w,
        h,
    );
    match kiji::tui::run(app) {
        Ok(kiji::tui::Exit::Quit) => ExitCode::SUCCESS,
        Ok(kiji::tui::Exit::Signal(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)),
        Err(e) => {
            eprintln!("kiji: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run_show(args: &kiji::cli::ShowArgs, opts: &LoadOptions) -> ExitCode {
    use std::io::IsTerminal;
    let missing = commands::missing_roots(&args.paths);
    if !missing.is_empty() {
        for m in missing {
            eprintln!("{m}");
        }
        return ExitCode::from(1);
    }
    let (index, position) = match commands::find_for_show(&args.target, &args.paths, opts) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    let width = match args.width {
        Some(w) => usize::from(w),
        None if io::stdout().is_terminal() => {
            crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w))
        }
        None => 80,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match commands::show(&index, position, width, args.plain, &mut out)
        .and_then(|c| out.flush().map(|()| c))
    {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kiji: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}
