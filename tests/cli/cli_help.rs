//! Each command's `--help` lists only the options it takes; the reader's settings flags work
//! before any subcommand (so an alias like `kiji --ambiguous wide` works for every command) and
//! after the subcommands they mean something to.

use std::process::{Command, Output, Stdio};

const SETTINGS: [&str; 7] = [
    "--config",
    "--ascii",
    "--ambiguous",
    "--theme",
    "--colors",
    "--images",
    "--no-mouse",
];

/// The settings flags each command takes (None: the reader, with no subcommand).
const TAKES: [(Option<&str>, &[&str]); 8] = [
    (None, &SETTINGS),
    (Some("list"), &["--config"]),
    (Some("tags"), &["--config"]),
    (Some("check"), &["--config"]),
    (
        Some("show"),
        &["--config", "--ambiguous", "--colors", "--images"],
    ),
    (Some("paths"), &["--config"]),
    (Some("config"), &["--config"]),
    (
        Some("doctor"),
        &[
            "--config",
            "--ascii",
            "--ambiguous",
            "--colors",
            "--no-mouse",
        ],
    ),
];

fn kiji(args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("temp dir");
    Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env_remove("KIJI_CONFIG")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .output()
        .expect("run kiji")
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// Whether `help` has an option line for `flag`.
fn lists(help: &str, flag: &str) -> bool {
    help.lines().any(|l| {
        let t = l.trim_start();
        let t = t.split_once(", ").map_or(t, |(short, rest)| {
            if short.starts_with('-') && short.len() == 2 {
                rest
            } else {
                t
            }
        });
        t.strip_prefix(flag)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '[', '<']))
    })
}

#[test]
fn each_help_lists_only_the_settings_its_command_takes() {
    for (command, takes) in TAKES {
        let mut args: Vec<&str> = command.into_iter().collect();
        args.push("--help");
        let o = kiji(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let help = out(&o);
        for flag in SETTINGS {
            assert_eq!(
                lists(&help, flag),
                takes.contains(&flag),
                "`kiji {}` and {flag}:\n{help}",
                args.join(" ")
            );
        }
    }
    // The test can tell: an option line is found, a mention in prose is not.
    assert!(lists("      --config [<PATH>]  Read", "--config"));
    assert!(lists("  -w, --width <N>  Width", "--width"));
    assert!(!lists("  With several --tag: any", "--tag"));
    assert!(!lists("      --colors <DEPTH>", "--color"));
}

#[test]
fn a_setting_after_a_command_that_ignores_it_is_refused() {
    for (command, takes) in TAKES {
        let Some(command) = command else { continue };
        for flag in SETTINGS.iter().filter(|f| !takes.contains(f)) {
            let value = match *flag {
                "--ambiguous" => Some("wide"),
                "--theme" => Some("light"),
                "--colors" => Some("16"),
                "--images" => Some("off"),
                _ => None,
            };
            let mut args = vec![command, flag];
            args.extend(value);
            let o = kiji(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}");
            assert!(
                err(&o).contains(&format!("unexpected argument '{flag}' found")),
                "{args:?}: {}",
                err(&o)
            );
        }
    }
}

#[test]
fn every_setting_is_accepted_before_any_command() {
    for (command, _) in TAKES {
        let Some(command) = command else { continue };
        let mut args = vec![
            "--ascii",
            "--ambiguous",
            "wide",
            "--theme",
            "light",
            "--colors",
            "16",
            "--images",
            "off",
            "--no-mouse",
            command,
        ];
        match command {
            "show" => args.push("20261130/kiji-welcome/ja"),
            "list" | "tags" | "check" => args.push("articles"),
            _ => {}
        }
        let o = kiji(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
    }
}

/// `kiji doctor`'s report (not on a terminal: the environment and settings only).
fn doctor(args: &[&str]) -> String {
    let o = kiji(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
    out(&o)
}

#[test]
fn doctor_settings_work_before_and_after_the_command() {
    let plain = doctor(&["doctor"]);
    assert!(plain.contains("  ambiguous_width  narrow\n"), "{plain}");
    for (flags, shows) in [
        (&["--ambiguous", "wide"][..], "  ambiguous_width  wide\n"),
        (&["--ascii"], "  ascii            on (set)\n"),
        (&["--no-mouse"], "  mouse            off\n"),
        (
            &["--colors", "none"],
            "  colours          none (set by `colors` or `--colors`)\n",
        ),
    ] {
        assert!(!plain.contains(shows), "{shows}");
        let before: Vec<&str> = flags.iter().copied().chain(["doctor"]).collect();
        let after: Vec<&str> = ["doctor"]
            .into_iter()
            .chain(flags.iter().copied())
            .collect();
        for args in [before, after] {
            let text = doctor(&args);
            assert!(text.contains(shows), "{args:?}: {text}");
        }
    }
}

#[test]
fn config_works_before_and_after_every_command_that_reads_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "themes: dark\n").expect("write");
    let bad_s = bad.to_string_lossy().into_owned();
    let problem = format!("{bad_s}:1:1: error: unknown key `themes`");
    for command in [
        &["list", "articles"][..],
        &["tags", "articles"],
        &["show", "20261130/kiji-welcome/ja", "--plain"],
        &["doctor"],
    ] {
        let before: Vec<&str> = ["--config", &bad_s]
            .into_iter()
            .chain(command.iter().copied())
            .collect();
        let after: Vec<&str> = command
            .iter()
            .copied()
            .chain(["--config", &bad_s])
            .collect();
        for args in [before, after] {
            let o = kiji(&args);
            assert!(err(&o).contains(&problem), "{args:?}: {}", err(&o));
        }
    }
    // `check --config` checks it, and `paths` and `config` name it, either way.
    for args in [
        vec!["check", "--config", &bad_s],
        vec!["--config", &bad_s, "check"],
    ] {
        let o = kiji(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(out(&o).contains(&problem), "{args:?}: {}", out(&o));
    }
    for args in [
        vec!["paths", "--config", &bad_s],
        vec!["--config", &bad_s, "paths"],
    ] {
        let o = kiji(&args);
        assert!(
            out(&o).contains(&format!("config: {bad_s}\n")),
            "{}",
            out(&o)
        );
    }
    for args in [
        vec!["config", "--config", &bad_s],
        vec!["--config", &bad_s, "config"],
    ] {
        let o = kiji(&args);
        assert_eq!(out(&o), "themes: dark\n", "{args:?}");
    }
}

#[test]
fn show_settings_work_before_and_after_the_command() {
    let id = "20261130/kiji-welcome/ja";
    let after = kiji(&[
        "show",
        id,
        "--width",
        "40",
        "--ambiguous",
        "wide",
        "--colors",
        "none",
    ]);
    let before = kiji(&[
        "--ambiguous",
        "wide",
        "--colors",
        "none",
        "show",
        id,
        "--width",
        "40",
    ]);
    let plain = kiji(&["show", id, "--width", "40"]);
    assert_eq!(after.status.code(), Some(0));
    assert_eq!(out(&after), out(&before));
    assert_ne!(out(&after), out(&plain), "the flags change the output");
}
