//! `kiji config` on a fresh machine: `--init` starts a configuration file where kiji reads it
//! (creating the folder, never overwriting), and `--keys` lists the actions the `keys:` section
//! takes, from the one key table, every one of them accepted back in a configuration.

use std::path::Path;
use std::process::{Command, Output};

use kiji::config::DEFAULT_CONFIG;
use kiji::tui::keymap::Keymap;

/// Run kiji with its configuration folder in `home` (which need not exist).
fn kiji(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(args)
        .current_dir(home.parent().unwrap_or(home))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("KIJI_CONFIG")
        .output()
        .expect("run kiji")
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

#[test]
fn init_creates_the_folder_and_the_default_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    let file = home.join("config/kiji/config.yaml");
    let shown = file.display().to_string();

    // No file yet: `kiji config` says so and suggests --init (the folder does not exist either,
    // so `kiji config --default > FILE` would fail).
    let o = kiji(&home, &["config"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        err(&o),
        format!(
            "kiji: {shown} does not exist; kiji uses the defaults. Start one with:\n  kiji config --init\n"
        )
    );
    assert!(!home.exists());

    let o = kiji(&home, &["config", "--init"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        out(&o),
        format!(
            "kiji: wrote {shown}: every setting at its default, with comments; change what you \
             like (`kiji check --config` checks it)\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        DEFAULT_CONFIG
    );

    let o = kiji(&home, &["config"]);
    assert_eq!(out(&o), DEFAULT_CONFIG);
    assert_eq!(err(&o), "");
    let o = kiji(&home, &["check", "--config"]);
    assert_eq!(out(&o), format!("{shown}: no problems\n"));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn init_never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    let file = home.join("config/kiji/config.yaml");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(&file, "theme: light\n").expect("write");
    let o = kiji(&home, &["config", "--init"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out(&o), "");
    assert_eq!(
        err(&o),
        format!(
            "kiji: {} already exists and was left as it is (`kiji config` prints it; move it \
             away first to start again from the defaults)\n",
            file.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "theme: light\n"
    );
    // Nor a folder (or anything else) in the file's place.
    std::fs::remove_file(&file).expect("remove");
    std::fs::create_dir(&file).expect("mkdir");
    let o = kiji(&home, &["config", "--init"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("already exists and was left as it is"),
        "{}",
        err(&o)
    );
}

#[test]
fn init_writes_the_file_named_by_config_or_kiji_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    let named = dir.path().join("elsewhere/deeper/mine.yaml");
    let named_s = named.to_string_lossy().into_owned();
    // The hint names the file too.
    let o = kiji(&home, &["--config", &named_s, "config"]);
    assert_eq!(
        err(&o),
        format!(
            "kiji: {named_s} does not exist; kiji uses the defaults. Start one with:\n  kiji config --init --config {named_s}\n"
        )
    );
    let o = kiji(&home, &["config", "--init", "--config", &named_s]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        std::fs::read_to_string(&named).expect("read"),
        DEFAULT_CONFIG
    );
    assert!(
        !home.join("config").exists(),
        "only the named file is written"
    );

    let env_file = dir.path().join("env/kiji.yaml");
    let o = Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(["config", "--init"])
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("KIJI_CONFIG", &env_file)
        .output()
        .expect("run kiji");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        std::fs::read_to_string(&env_file).expect("read"),
        DEFAULT_CONFIG
    );
}

#[test]
fn init_says_which_folder_cannot_be_made() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    // A file where the configuration folder would go.
    std::fs::write(home.join("config"), "not a folder").expect("write");
    let o = kiji(&home, &["config", "--init"]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.starts_with(&format!(
            "kiji: cannot create the folder {}: ",
            home.join("config/kiji").display()
        )),
        "{e}"
    );
}

#[test]
fn init_default_and_keys_are_one_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    for pair in [
        ["--init", "--keys"],
        ["--default", "--init"],
        ["--default", "--keys"],
    ] {
        let o = kiji(&home, &["config", pair[0], pair[1]]);
        assert_eq!(o.status.code(), Some(2), "{pair:?}");
        assert!(err(&o).contains("cannot be used with"), "{}", err(&o));
    }
    assert!(!home.exists(), "nothing written");
}

#[test]
fn the_default_configuration_points_to_init_and_keys() {
    assert!(DEFAULT_CONFIG.contains("`kiji config --init` writes this file"));
    assert!(DEFAULT_CONFIG.contains("`kiji config --keys` lists every action"));
    assert!(
        !DEFAULT_CONFIG.contains("kiji --help"),
        "--help does not list actions"
    );
}

/// The action names `kiji config --keys` prints: the first word of each row of its tables.
fn listed_actions(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| !w.ends_with(':'))
        .map(str::to_string)
        .collect()
}

#[test]
fn keys_lists_every_row_of_the_key_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = kiji(dir.path(), &["config", "--keys"]);
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    let keymap = Keymap::default_keys();
    for b in keymap.bindings() {
        let row = format!(
            "  {:<16} {:<16} {}",
            b.action_name, b.keys_text, b.description
        );
        assert!(text.contains(&format!("{row}\n")), "lacks {row:?}:\n{text}");
    }
    let mut listed = listed_actions(&text);
    listed.dedup();
    let mut names: Vec<String> = keymap
        .action_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    listed.sort();
    listed.dedup();
    names.sort();
    assert_eq!(listed, names);
    for context in [
        "Everywhere:",
        "Article list:",
        "Article:",
        "Search prompt:",
        "Help screen:",
    ] {
        assert!(text.contains(&format!("\n{context}\n")), "{context}");
    }
}

#[test]
fn every_listed_action_is_accepted_in_a_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = kiji(dir.path(), &["config", "--keys"]);
    let text = out(&o);
    let mut names = listed_actions(&text);
    names.sort();
    names.dedup();
    assert!(names.len() > 30, "{names:?}");
    let check = |yaml: &str| {
        let file = dir.path().join("keys.yaml");
        std::fs::write(&file, yaml).expect("write");
        kiji(dir.path(), &["check", "--config", &file.to_string_lossy()])
    };
    for name in &names {
        // ctrl-y is bound nowhere, so it clashes with nothing.
        let o = check(&format!("keys:\n  {name}: ctrl-y\n"));
        if name == "filter-tag" || name == "choose" {
            // Listed, and said to be fixed: the configuration refuses it.
            assert_eq!(o.status.code(), Some(1), "{name}");
            assert!(out(&o).contains("cannot be rebound"), "{}", out(&o));
        } else {
            assert_eq!(o.status.code(), Some(0), "{name}: {}", out(&o));
        }
    }
    // The example the listing starts with is a valid `keys:` section too.
    let start = text.find("  keys:\n").expect("example");
    let example: String = text[start..]
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    let o = check(&example);
    assert_eq!(o.status.code(), Some(0), "{example}: {}", out(&o));
    // And a name not in the table is refused (the check can fail).
    let o = check("keys:\n  no-such-action: ctrl-y\n");
    assert_eq!(o.status.code(), Some(1));
}
