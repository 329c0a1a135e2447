//! The configuration file: every fixture in `tests/configs/valid` loads without a problem, and
//! every fixture in `tests/configs/invalid` gives the defaults and exactly the messages in its
//! sibling `NAME.expected` file (one problem per line). Also the key rebinding and the
//! shipped default file.
//!
//! After changing a message on purpose, `KIJI_BLESS=1 cargo test --test config` rewrites the
//! `.expected` files; read the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use kiji::config::{self, Config, DEFAULT_CONFIG, ThemeName};
use kiji::style::{Background, Color, ColorDepth, ColorOverride, ColorSetting, Theme};
use kiji::text::AmbiguousWidth;
use kiji::tui::action::Action;
use kiji::tui::keymap::{Context, Keymap, OverrideError};
use kiji::tui::theme::Glyphs;

/// The `.yaml` entries of a fixture folder, by name, as paths relative to the package (so
/// messages name them the same way on every machine).
fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new("tests/configs").join(kind);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| dir.join(e.expect("entry").file_name()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

fn name(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).expect("a name")
}

#[test]
fn valid_configs_load_without_problems() {
    let paths = fixtures("valid");
    assert!(paths.len() >= 5, "{paths:?}");
    for path in paths {
        let (config, problems) = config::load(&path, &Keymap::default_keys());
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(shown.is_empty(), "{}: {shown:#?}", path.display());
        assert_eq!(config::check(&path, &Keymap::default_keys()), Vec::new());
        check_valid(name(&path), &path, &config);
    }
}

fn check_valid(name: &str, path: &Path, c: &Config) {
    match name {
        "empty" => assert_eq!(*c, Config::default()),
        "full" => {
            let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
            if let Some(home) = home {
                assert_eq!(c.roots[0], home.join("news"));
            }
            assert_eq!(c.roots[1], path.parent().expect("folder").join("articles"));
            assert_eq!(c.roots[2], PathBuf::from("/srv/news"));
            assert_eq!(c.mascot_field, "comment");
            assert_eq!(c.load_options().mascot_field, "comment");
            assert_eq!(c.ambiguous_width, AmbiguousWidth::Wide);
            assert_eq!(c.theme.base, ThemeName::Light);
            assert_eq!(
                c.theme.colors[1],
                ColorOverride {
                    element: "title_bar".into(),
                    fg: Some(Color::Black),
                    bg: Some(Color::Rgb(0x87, 0xaf, 0xd7)),
                }
            );
            let theme = c.theme_at(ColorDepth::TrueColor, |_| None);
            assert_eq!(theme.border.fg, Some(Color::DarkGray));
            assert_eq!(theme.heading1.fg, Some(Color::Indexed(208)));
            assert_eq!(theme.link.fg, Some(Color::LightBlue));
            // The light theme's own colours, as they read on white at true colour.
            assert_eq!(
                theme.title.fg,
                Theme::built_in(Background::Light, ColorDepth::TrueColor)
                    .title
                    .fg
            );
            assert_eq!(c.theme_at(ColorDepth::None, |_| None).border.fg, None);
            assert_eq!(c.ascii, Some(true));
            assert_eq!(Glyphs::new(c.ascii_on()), Glyphs::ascii());
            assert_eq!(c.colors, ColorSetting::Fixed(ColorDepth::Ansi256));
            assert_eq!(
                c.theme_at(ColorDepth::Ansi256, |_| None).title_bar.bg,
                Some(Color::Indexed(110))
            );
            assert!(!c.mouse);
            assert!(!c.cjk_emphasis);
            assert_eq!(c.mark_read, config::MarkRead::End);
            assert_eq!(c.images, kiji::images::ImageMode::Off);
            assert_eq!(c.image_max_kb, 1024);
            let folder = path.parent().expect("folder");
            assert_eq!(c.mascot_image, Some(folder.join("pictures/neko.png")));
            if let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()) {
                assert_eq!(c.image_root, Some(home.join("zenn")));
            }
            let day = kiji::date::Date::new(2025, 11, 8).expect("a day");
            assert_eq!(c.date_format.format(day), "08 Nov 25");
            let keys = Keymap::from_settings(&c.keys);
            assert_eq!(keys.action(Context::List, &press('n')), Some(Action::Next));
            assert_eq!(keys.action(Context::List, &press('j')), None);
            assert_eq!(
                keys.action(Context::List, &press('p')),
                Some(Action::Previous)
            );
            assert_eq!(keys.action(Context::Body, &press('f')), Some(Action::Star));
            assert_eq!(keys.action(Context::Body, &press('s')), None);
            assert_eq!(keys.hints(Context::List)[0], "n/p move");
        }
        "flow" => {
            assert_eq!(c.theme.base, ThemeName::Mono);
            assert_eq!(
                c.theme_at(ColorDepth::TrueColor, |_| None).selected.bg,
                Some(Color::Indexed(17))
            );
            assert_eq!(
                c.keys,
                vec![("quit".to_string(), vec!["Q".into(), "x".into()])]
            );
            assert_eq!(c.ascii, Some(false));
            assert!(!c.ascii_on());
            assert!(c.mouse);
        }
        "colors_and_mouse" => {
            assert_eq!(c.colors, ColorSetting::Fixed(ColorDepth::None));
            assert_eq!(c.color_depth(|_| None), ColorDepth::None);
            assert!(c.mouse);
            assert!(c.cjk_emphasis);
            assert_eq!(c.ambiguous_width, AmbiguousWidth::Wide);
            assert_eq!(c.ascii, Some(false));
            assert_eq!(Glyphs::new(c.ascii_on()), Glyphs::unicode());
        }
        "ambiguous_wide" => {
            assert_eq!(c.colors, ColorSetting::Fixed(ColorDepth::Ansi16));
            assert_eq!(c.ascii, None);
            assert!(c.ascii_on());
            assert_eq!(Glyphs::new(c.ascii_on()), Glyphs::ascii());
        }
        "theme_name" => {
            assert_eq!(c.theme.base, ThemeName::Light);
            assert!(c.theme.colors.is_empty());
            let day = kiji::date::Date::new(2025, 1, 2).expect("a day");
            assert_eq!(c.date_format.format(day), "2025年01月02日");
        }
        "rebind_everywhere" => {
            let keys = Keymap::from_settings(&c.keys);
            assert_eq!(
                keys.action(Context::Body, &press('e')),
                Some(Action::ScrollDown)
            );
            assert_eq!(
                keys.action(Context::Help, &press('e')),
                Some(Action::ScrollDown)
            );
            assert_eq!(keys.action(Context::Body, &press('j')), None);
            assert_eq!(keys.action(Context::List, &press('j')), Some(Action::Next));
            let ctrl = |c| {
                crossterm::event::KeyEvent::new(
                    crossterm::event::KeyCode::Char(c),
                    crossterm::event::KeyModifiers::CONTROL,
                )
            };
            assert_eq!(keys.action(Context::List, &ctrl('q')), Some(Action::Quit));
            assert_eq!(keys.action(Context::List, &press('q')), None);
            assert_eq!(keys.action(Context::List, &ctrl('c')), Some(Action::Quit));
            let quits: Vec<&str> = keys
                .bindings()
                .iter()
                .filter(|b| b.action_name == "quit")
                .map(|b| b.keys_text.as_str())
                .collect();
            assert_eq!(quits, ["ctrl-q", "ctrl-c"]);
            assert!(keys.hints(Context::Body).contains(&"e/k scroll"));
            assert!(keys.hints(Context::Body).contains(&"ctrl-q quit"));
        }
        "locale" => {
            assert_eq!(c.locale.as_deref(), Some("ja"));
            let day = kiji::date::Date::new(2025, 1, 2).expect("a day");
            assert_eq!(c.date_format.format(day), "25/01/02");
        }
        "images_off_bare" => {
            assert_eq!(c.images, kiji::images::ImageMode::Off);
            assert_eq!(c.image_max_kb, 4096);
        }
        other => panic!("no assertions for valid fixture `{other}`: add some"),
    }
}

fn press(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    )
}

#[test]
fn invalid_configs_give_the_defaults_and_exact_messages() {
    let paths = fixtures("invalid");
    assert!(paths.len() >= 13, "{paths:?}");
    let bless = std::env::var_os("KIJI_BLESS").is_some();
    let mut failures = Vec::new();
    for path in paths {
        let (config, problems) = config::load(&path, &Keymap::default_keys());
        assert_eq!(config, Config::default(), "{}", path.display());
        assert!(!problems.is_empty(), "{}: no problem found", path.display());
        let actual: String = problems.iter().map(|p| format!("{p}\n")).collect();
        let check: String = config::check(&path, &Keymap::default_keys())
            .iter()
            .map(|p| format!("{p}\n"))
            .collect();
        assert_eq!(check, actual, "{}: check differs from load", path.display());
        let expected_path = path.with_extension("expected");
        if bless {
            fs::write(&expected_path, &actual).expect("write expected");
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}\n  expected: {expected:?}\n  actual:   {actual:?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_required_expected_fixtures_exist() {
    for name in [
        "unknown_key",
        "unknown_key_suggestion",
        "wrong_type",
        "bad_colour",
        "unknown_theme",
        "unknown_action",
        "unknown_key_name",
        "key_bound_twice",
        "yaml_syntax",
        "not_a_mapping",
        "ambiguous_width",
        "date_format",
        "directory",
        "colors",
        "colors_mapping",
        "mouse_type",
        "mark_read",
    ] {
        let expected = Path::new("tests/configs/invalid").join(format!("{name}.expected"));
        assert!(expected.is_file(), "{}", expected.display());
    }
}

#[test]
fn a_missing_file_is_the_defaults_unless_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("config.yaml");
    assert_eq!(
        config::load(&missing, &Keymap::default_keys()),
        (Config::default(), Vec::new())
    );
    assert_eq!(config::check(&missing, &Keymap::default_keys()), Vec::new());
    let (config, problems) = config::load_required(&missing, &Keymap::default_keys());
    assert_eq!(config, Config::default());
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{}: error: cannot read the configuration: no such file",
            missing.display()
        )]
    );
    assert_eq!(
        config::check_required(&missing, &Keymap::default_keys()),
        problems
    );
}

#[test]
fn the_default_file_is_the_defaults_and_loads_from_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.yaml");
    fs::write(&path, DEFAULT_CONFIG).expect("write");
    assert_eq!(
        config::load(&path, &Keymap::default_keys()),
        (Config::default(), Vec::new())
    );
    // With a byte-order mark and Windows line ends too.
    fs::write(
        &path,
        format!("\u{feff}{}", DEFAULT_CONFIG.replace('\n', "\r\n")),
    )
    .expect("write");
    assert_eq!(
        config::load(&path, &Keymap::default_keys()),
        (Config::default(), Vec::new())
    );
}

fn over(pairs: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    pairs
        .iter()
        .map(|(a, keys)| {
            (
                a.to_string(),
                keys.iter().map(ToString::to_string).collect(),
            )
        })
        .collect()
}

fn errors(pairs: &[(&str, &[&str])]) -> Vec<(usize, String)> {
    match Keymap::default_keys().with_overrides(&over(pairs)) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .map(|OverrideError { index, message }| (index, message))
            .collect(),
    }
}

#[test]
fn rebinding_is_checked_with_exact_messages() {
    let e = |index: usize, m: &str| vec![(index, m.to_string())];
    assert_eq!(errors(&[("next", &["n"])]), Vec::new());
    assert_eq!(
        errors(&[("next", &["n"]), ("jump", &["x"])]),
        e(1, "unknown action `jump`")
    );
    assert_eq!(
        errors(&[("previos", &["p"])]),
        e(0, "unknown action `previos`; did you mean `previous`?")
    );
    assert_eq!(
        errors(&[("next", &["zz"])]),
        e(
            0,
            "unknown key `zz` for `next`; a key is one character, `ctrl-` and a character, or one of `enter`, `esc`, `tab`, `backspace`, `space`, `up`, `down`, `left`, `right`, `home`, `end`, `pageup`, `pagedown`"
        )
    );
    assert_eq!(
        errors(&[("open", &["Enter"])]),
        e(0, "unknown key `Enter` for `open`; did you mean `enter`?")
    );
    assert_eq!(
        errors(&[("next", &["k"])]),
        e(
            0,
            "key `k` is bound to both `next` and `previous` in context `list`"
        )
    );
    assert_eq!(
        errors(&[("star", &["g"])]),
        vec![
            (
                0,
                "key `g` is bound to both `star` (context `global`) and `first` (context `list`)"
                    .to_string()
            ),
            (
                0,
                "key `g` is bound to both `star` (context `global`) and `top` (context `body`)"
                    .to_string()
            ),
        ]
    );
    // Swapping two actions' keys is fine: only the final table counts.
    assert_eq!(
        errors(&[("next", &["k"]), ("previous", &["j"])]),
        Vec::new()
    );
    // Both rebound to the same key: reported once, at the later one.
    assert_eq!(
        errors(&[("next", &["n"]), ("previous", &["n"])]),
        e(
            1,
            "key `n` is bound to both `previous` and `next` in context `list`"
        )
    );
    assert_eq!(
        errors(&[("help", &["ctrl-c"])]),
        e(0, "`ctrl-c` always quits; it cannot be bound to `help`")
    );
    assert_eq!(errors(&[("quit", &["ctrl-c"])]), Vec::new());
    assert_eq!(
        errors(&[("filter-tag", &["f"])]),
        e(
            0,
            "`filter-tag` cannot be rebound: it is always the digits 1-9"
        )
    );
    assert_eq!(
        errors(&[("quit", &[])]),
        e(0, "`quit` needs at least one key")
    );
    // Other contexts do not meet: `e` in the picker and in the article is fine.
    assert_eq!(
        errors(&[("picker-apply", &["e"]), ("back", &["e"])]),
        Vec::new()
    );
}

#[test]
fn rebinding_updates_the_help_and_hints() {
    let keys = Keymap::default_keys()
        .with_overrides(&over(&[("tag-picker", &["#", "ctrl-t"]), ("next", &["n"])]))
        .expect("valid");
    let row = keys
        .bindings()
        .iter()
        .find(|b| b.action_name == "tag-picker")
        .expect("a row");
    assert_eq!(row.keys_text, "#, ctrl-t");
    assert!(
        keys.plain_table()
            .contains(&format!("  {:<18} Filter by tags", "#, ctrl-t"))
    );
    assert!(keys.hints(Context::List).contains(&"# tags"));
    assert_eq!(keys.hints(Context::List)[0], "n/k move");
    assert_eq!(
        Keymap::default_keys().bindings().len(),
        keys.bindings().len(),
        "one row per action and context"
    );
}

#[test]
fn paths_describe_one_line_each() {
    let env = |name: &str| match name {
        "XDG_CONFIG_HOME" => Some("/cfg".into()),
        "XDG_STATE_HOME" => Some("/st".into()),
        "XDG_CACHE_HOME" => Some("/ca".into()),
        _ => None,
    };
    let paths = kiji::paths::Paths::discover_with(env).expect("paths");
    assert_eq!(
        paths.describe(),
        "config: /cfg/kiji/config.yaml\nstate: /st/kiji\ncache: /ca/kiji\n"
    );
}
