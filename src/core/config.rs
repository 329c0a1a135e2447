//! The configuration file: what it holds ([`Config`]), reading and validating it ([`load`],
//! [`check`]) with messages that name the file, line and column, and the command-line flags
//! that override it ([`Overrides`]). The commented default is `assets/config.yaml`.
//!
//! The settings are plain data: colours, key and action names, depths. The configuration
//! knows nothing of the terminal: the reader builds its styles and its key table from
//! these, and the one thing reading needs from the key table, checking the rebindings, comes
//! in through [`KeyCheck`].
//!
//! A configuration with any problem is not used at all: [`load`] returns the defaults and
//! every problem found, so the reader starts as if there were no file and shows the problems.
//! Half-applying a file (some keys rebound, others not) would be harder to understand than
//! either.

mod date_format;
mod file;
mod read;
pub mod suggest;

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use date_format::DateFormat;
pub use file::{MAX_CONFIG_SIZE, read_file};

use crate::diagnostics::{Diagnostic, Severity};
use crate::images::ImageMode;
use crate::images::probe::DEFAULT_MAX_KB;
use crate::loader::LoadOptions;
use crate::style::{Background, ColorDepth, ColorOverride, ColorSetting, Theme};
use crate::text::AmbiguousWidth;
use crate::text::escape::{Shown, ShownPath};

/// The commented default configuration, as `kiji config --default` prints it. It is tested to
/// read as exactly [`Config::default`].
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/config.yaml");

/// The settings at the top of the file, in the order the default file lists them.
pub const KEYS: [&str; 16] = [
    "roots",
    "mascot_field",
    "mascot_image",
    "ambiguous_width",
    "cjk_emphasis",
    "theme",
    "colors",
    "ascii",
    "mouse",
    "mark_read",
    "date_format",
    "locale",
    "images",
    "image_max_kb",
    "image_root",
    "keys",
];

/// When the reader marks an article read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MarkRead {
    /// As soon as it is opened (the article pane gets the keys).
    #[default]
    Open,
    /// Once it has been scrolled to its end (at once for an article that fits the pane).
    End,
}

impl std::str::FromStr for MarkRead {
    type Err = ();
    fn from_str(s: &str) -> Result<MarkRead, ()> {
        match s {
            "open" => Ok(MarkRead::Open),
            "end" => Ok(MarkRead::End),
            _ => Err(()),
        }
    }
}

/// A built-in theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    /// `dark` or `light`, after the terminal's background as `COLORFGBG` gives it; `dark`
    /// when it does not.
    #[default]
    Auto,
    /// Light text on a dark terminal.
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colour, emphasis only.
    Mono,
}

impl ThemeName {
    /// Every built-in theme, in the order messages list them.
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Auto,
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::Mono,
    ];

    /// The name as written in the configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Auto => "auto",
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
        }
    }

    /// The theme for a terminal of `depth`; `auto` asks `env` for `COLORFGBG` (never the
    /// terminal itself, which would delay the first frame).
    pub fn theme_at(self, depth: ColorDepth, env: impl Fn(&str) -> Option<OsString>) -> Theme {
        match self {
            ThemeName::Auto => Theme::built_in(background(env), depth),
            ThemeName::Dark => Theme::built_in(Background::Dark, depth),
            ThemeName::Light => Theme::built_in(Background::Light, depth),
            ThemeName::Mono => Theme::mono(),
        }
    }
}

/// The terminal's background as `COLORFGBG` (`fg;bg`, or `fg;other;bg` as some terminals
/// write it) says: the last field is the background's ANSI colour number, light for 7 and 15
/// (grey and white), dark for the rest. Dark when it is not set or cannot be read.
pub fn background(env: impl Fn(&str) -> Option<OsString>) -> Background {
    let value = env("COLORFGBG").map(|v| v.to_string_lossy().into_owned());
    let bg = value
        .as_deref()
        .and_then(|v| v.rsplit(';').next())
        .and_then(|n| n.trim().parse::<u8>().ok());
    match bg {
        Some(7 | 15) => Background::Light,
        _ => Background::Dark,
    }
}

impl FromStr for ThemeName {
    type Err = String;

    /// `auto`, `dark`, `light` or `mono`; usable as a clap value parser.
    fn from_str(s: &str) -> Result<ThemeName, String> {
        (ThemeName::ALL.into_iter())
            .find(|t| t.as_str() == s)
            .ok_or_else(|| unknown_theme_message(s))
    }
}

fn unknown_theme_message(name: &str) -> String {
    let names = ThemeName::ALL.map(ThemeName::as_str);
    match suggest::closest(name, names) {
        Some(s) => format!("unknown theme `{}`; did you mean `{s}`?", Shown(name)),
        None => {
            let quoted = names.map(|n| format!("`{n}`"));
            format!(
                "unknown theme `{}`; expected {} or {}",
                Shown(name),
                quoted[..quoted.len() - 1].join(", "),
                quoted[quoted.len() - 1]
            )
        }
    }
}

/// `narrow` or `wide`, as the configuration and `--ambiguous` write the ambiguous width;
/// usable as a clap value parser.
pub fn parse_ambiguous_width(s: &str) -> Result<AmbiguousWidth, String> {
    match s {
        "narrow" => Ok(AmbiguousWidth::Narrow),
        "wide" => Ok(AmbiguousWidth::Wide),
        _ => Err(format!("expected `narrow` or `wide`, found `{}`", Shown(s))),
    }
}

/// The theme setting: a built-in theme and colour changes on top of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeChoice {
    /// The built-in theme to start from.
    pub base: ThemeName,
    /// Colour changes, in file order.
    pub colors: Vec<ColorOverride>,
}

/// Everything the configuration file can set. [`Config::default`] is what kiji uses without
/// a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Folders to read when none is given on the command line. Empty: `./articles`, else the
    /// bundled samples. `~` is expanded and relative paths are taken from the folder that
    /// holds the configuration file.
    pub roots: Vec<PathBuf>,
    /// The front-matter key that holds the mascot's comment.
    pub mascot_field: String,
    /// A picture for the sidebar in place of the mascot's ASCII art, where pictures are
    /// shown. `~` and relative paths as for `roots`.
    pub mascot_image: Option<PathBuf>,
    /// How East Asian Ambiguous characters are measured.
    pub ambiguous_width: AmbiguousWidth,
    /// Emphasis by the CJK-friendly amendment to CommonMark (`**「重要」**です` is bold);
    /// `false` follows CommonMark strictly.
    pub cjk_emphasis: bool,
    /// Colours.
    pub theme: ThemeChoice,
    /// How many colours the terminal shows: detected, or fixed.
    pub colors: ColorSetting,
    /// ASCII borders and marks instead of box drawing and symbols. None (not set): on when
    /// ambiguous characters are wide, since box drawing is ambiguous too (see
    /// [`Config::ascii_on`]).
    pub ascii: Option<bool>,
    /// Whether the reader takes the mouse (wheel and clicks); off lets the terminal select
    /// text.
    pub mouse: bool,
    /// When an article counts as read.
    pub mark_read: MarkRead,
    /// How dates are written in the list.
    pub date_format: DateFormat,
    /// The language the list starts with when there is no saved session: `all`, or a code
    /// such as `ja`. None: follow `LANG`.
    pub locale: Option<String>,
    /// Pictures in articles: `auto` (from the environment, see [`crate::images::choose`]),
    /// `off`, or a protocol.
    pub images: ImageMode,
    /// Images whose file is larger than this many KB are shown as their alt text.
    pub image_max_kb: u64,
    /// The folder root-relative image paths (`/images/x.png`) start from. None: the nearest
    /// folder above the article with an `images` folder or a `.git`. `~` and relative paths
    /// as for `roots`.
    pub image_root: Option<PathBuf>,
    /// Rebound actions: the action's name and its new keys, in file order. Already checked
    /// against the default key table.
    pub keys: Vec<(String, Vec<String>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            roots: Vec::new(),
            mascot_field: LoadOptions::default().mascot_field,
            mascot_image: None,
            ambiguous_width: AmbiguousWidth::Narrow,
            cjk_emphasis: true,
            theme: ThemeChoice::default(),
            colors: ColorSetting::Auto,
            ascii: None,
            mouse: true,
            mark_read: MarkRead::Open,
            date_format: DateFormat::default(),
            locale: None,
            images: ImageMode::Auto,
            image_max_kb: DEFAULT_MAX_KB,
            image_root: None,
            keys: Vec::new(),
        }
    }
}

/// Settings given on the command line, which win over the file. `None` (or `false` for
/// `ascii` and `no_mouse`) leaves the file's setting alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--ascii`.
    pub ascii: bool,
    /// `--colors auto|truecolor|256|16|none`.
    pub colors: Option<ColorSetting>,
    /// `--no-mouse`.
    pub no_mouse: bool,
    /// `--ambiguous narrow|wide`.
    pub ambiguous_width: Option<AmbiguousWidth>,
    /// `--theme NAME`: replaces the file's whole theme, colour changes included (they were
    /// chosen for the file's base theme).
    pub theme: Option<ThemeName>,
    /// `--images MODE`.
    pub images: Option<ImageMode>,
}

impl Config {
    /// Apply command-line settings over the file's.
    pub fn apply_overrides(&mut self, o: &Overrides) {
        if o.ascii {
            self.ascii = Some(true);
        }
        if let Some(c) = o.colors {
            self.colors = c;
        }
        if o.no_mouse {
            self.mouse = false;
        }
        if let Some(w) = o.ambiguous_width {
            self.ambiguous_width = w;
        }
        if let Some(t) = o.theme {
            self.theme = ThemeChoice {
                base: t,
                colors: Vec::new(),
            };
        }
        if let Some(mode) = o.images {
            self.images = mode;
        }
    }

    /// What the `images` setting comes to for a terminal of `depth` in the environment `env`
    /// ([`crate::images::choose`]). `auto` draws nothing when borders are ASCII
    /// ([`Config::ascii_on`]): half blocks are ambiguous-width characters too.
    pub fn image_choice(
        &self,
        env: impl Fn(&str) -> Option<OsString>,
        depth: ColorDepth,
    ) -> crate::images::Choice {
        crate::images::choose(self.images, env, depth, self.ascii_on())
    }

    /// The limits images are read within: `image_max_kb` and the fixed pixel limits.
    pub fn image_limits(&self) -> crate::images::Limits {
        crate::images::Limits::with_max_kb(self.image_max_kb)
    }

    /// The styles for a terminal of `depth` ([`Config::color_depth`]), for the reader and
    /// `kiji show` alike: the built-in theme (`auto` follows `COLORFGBG` in `env`) with its
    /// colour changes, mapped down to what the terminal shows; [`Theme::mono`] at
    /// [`ColorDepth::None`].
    pub fn theme_at(&self, depth: ColorDepth, env: impl Fn(&str) -> Option<OsString>) -> Theme {
        self.theme
            .base
            .theme_at(depth, env)
            .with_colors(&self.theme.colors)
            .with_depth(depth)
    }

    /// The colour depth to draw with: the `colors` setting, or when it is `auto` what the
    /// environment (`env`: `NO_COLOR`, `COLORTERM`, `TERM`) says. A fixed setting wins over
    /// `NO_COLOR`, as <https://no-color.org> asks of settings the user chose.
    pub fn color_depth(&self, env: impl Fn(&str) -> Option<std::ffi::OsString>) -> ColorDepth {
        self.colors.resolve(env)
    }

    /// Whether borders and marks are drawn in ASCII: as set, else when ambiguous characters
    /// are wide (the box-drawing characters of the borders are ambiguous, so a terminal that
    /// draws them two columns wide would break every border).
    pub fn ascii_on(&self) -> bool {
        self.ascii
            .unwrap_or(self.ambiguous_width == AmbiguousWidth::Wide)
    }

    /// Loader options from the file's settings.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            mascot_field: self.mascot_field.clone(),
            ..LoadOptions::default()
        }
    }
}

/// What reading a configuration needs from the reader's key table: whether the `keys`
/// rebindings can be made. The table belongs to the reader (its `Keymap` implements this);
/// the configuration holds only action and key names.
pub trait KeyCheck {
    /// The problems of these rebindings (action name and key names, in file order): for each,
    /// the index of the rebinding at fault and what is wrong. Empty when all can be made.
    fn rebinding_problems(&self, rebindings: &[(String, Vec<String>)]) -> Vec<(usize, String)>;
}

/// One problem in a configuration file. `line` and `column` are 1-based; 0 when unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The configuration file.
    pub path: PathBuf,
    /// 1-based line, or 0 when the problem is with the whole file.
    pub line: usize,
    /// 1-based column, or 0 when unknown.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    /// `PATH:LINE:COLUMN: error: MESSAGE`, or `PATH:LINE: error: MESSAGE` without a column,
    /// or `PATH: error: MESSAGE` without a line. Control characters in the path and in the
    /// values the message quotes are escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = ShownPath(&self.path);
        let message = Shown(&self.message);
        match (self.line, self.column) {
            (0, _) => write!(f, "{path}: error: {message}"),
            (line, 0) => write!(f, "{path}:{line}: error: {message}"),
            (line, column) => write!(f, "{path}:{line}:{column}: error: {message}"),
        }
    }
}

impl From<&ConfigProblem> for Diagnostic {
    /// The problem as an error diagnostic, for the reader's problem list.
    fn from(p: &ConfigProblem) -> Diagnostic {
        Diagnostic::at(&p.path, p.line, p.column, Severity::Error, &p.message)
    }
}

/// Read the configuration at `path`. A missing file is no problem: the defaults. Any problem
/// (unreadable file, YAML syntax, an unknown or ill-typed setting, a bad rebinding) gives the
/// defaults and every problem found; the file is never half-applied. `keys` checks the
/// rebindings.
pub fn load(path: &Path, keys: &dyn KeyCheck) -> (Config, Vec<ConfigProblem>) {
    load_file(path, false, keys)
}

/// [`load`] for a file the user named (`--config`, `KIJI_CONFIG`): a missing file is a
/// problem too.
pub fn load_required(path: &Path, keys: &dyn KeyCheck) -> (Config, Vec<ConfigProblem>) {
    load_file(path, true, keys)
}

/// The problems of the configuration at `path`, for `kiji check --config`. A missing file has
/// none.
pub fn check(path: &Path, keys: &dyn KeyCheck) -> Vec<ConfigProblem> {
    load(path, keys).1
}

/// [`check`] for a file the user named: a missing file is a problem.
pub fn check_required(path: &Path, keys: &dyn KeyCheck) -> Vec<ConfigProblem> {
    load_required(path, keys).1
}

/// Read a configuration from text. `path` names the file in messages, and relative `roots`
/// are taken from its folder; `keys` checks the rebindings.
pub fn parse(text: &str, path: &Path, keys: &dyn KeyCheck) -> Result<Config, Vec<ConfigProblem>> {
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    read::config(text, path, home.as_deref(), keys)
}

fn load_file(path: &Path, required: bool, keys: &dyn KeyCheck) -> (Config, Vec<ConfigProblem>) {
    let text = match read_file(path) {
        Ok(Some(text)) => text,
        Ok(None) if !required => return (Config::default(), Vec::new()),
        Ok(None) => {
            let problem = ConfigProblem {
                path: path.to_path_buf(),
                line: 0,
                column: 0,
                message: "cannot read the configuration: no such file".to_string(),
            };
            return (Config::default(), vec![problem]);
        }
        Err(problem) => return (Config::default(), vec![problem]),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match parse(text, path, keys) {
        Ok(config) => (config, Vec::new()),
        Err(problems) => (Config::default(), problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Color;

    /// A key table that takes every rebinding.
    struct AnyKeys;

    impl KeyCheck for AnyKeys {
        fn rebinding_problems(&self, _: &[(String, Vec<String>)]) -> Vec<(usize, String)> {
            Vec::new()
        }
    }

    #[test]
    fn the_default_file_reads_as_the_defaults() {
        let read = parse(DEFAULT_CONFIG, Path::new("config.yaml"), &AnyKeys);
        assert_eq!(read, Ok(Config::default()));
    }

    #[test]
    fn problems_print_with_as_much_position_as_known() {
        let p = |line, column| ConfigProblem {
            path: PathBuf::from("/c/kiji.yaml"),
            line,
            column,
            message: "bad".into(),
        };
        assert_eq!(p(3, 7).to_string(), "/c/kiji.yaml:3:7: error: bad");
        assert_eq!(p(3, 0).to_string(), "/c/kiji.yaml:3: error: bad");
        assert_eq!(p(0, 0).to_string(), "/c/kiji.yaml: error: bad");
        let forged = ConfigProblem {
            path: PathBuf::from("/c/k\u{1b}]0;t\u{7}.yaml"),
            line: 1,
            column: 2,
            message: "unknown key `a\nb`".into(),
        };
        assert_eq!(
            forged.to_string(),
            "/c/k\\e]0;t\\x07.yaml:1:2: error: unknown key `a\\nb`"
        );
        assert_eq!(
            Diagnostic::from(&p(3, 7)).to_string(),
            "/c/kiji.yaml:3:7: error: bad"
        );
    }

    #[test]
    fn command_line_settings_win() {
        let mut c = Config {
            theme: ThemeChoice {
                base: ThemeName::Light,
                colors: vec![ColorOverride {
                    element: "border".into(),
                    fg: None,
                    bg: None,
                }],
            },
            ..Config::default()
        };
        c.apply_overrides(&Overrides::default());
        assert_eq!(c.theme.colors.len(), 1);
        c.apply_overrides(&Overrides {
            ascii: true,
            ambiguous_width: Some(AmbiguousWidth::Wide),
            theme: Some(ThemeName::Mono),
            colors: Some(ColorSetting::Fixed(ColorDepth::Ansi16)),
            no_mouse: true,
            images: Some(ImageMode::Off),
        });
        assert_eq!(c.images, ImageMode::Off);
        assert_eq!(
            c.image_choice(|_| None, ColorDepth::TrueColor),
            crate::images::Choice::Off
        );
        let auto = Config::default();
        let kitty = |name: &str| (name == "KITTY_WINDOW_ID").then(|| OsString::from("1"));
        assert_eq!(
            auto.image_choice(kitty, ColorDepth::TrueColor),
            crate::images::Choice::Draw(crate::images::Protocol::Kitty)
        );
        let wide = Config {
            ambiguous_width: AmbiguousWidth::Wide,
            ..Config::default()
        };
        assert_eq!(
            wide.image_choice(kitty, ColorDepth::TrueColor),
            crate::images::Choice::Off
        );
        assert_eq!(c.ascii, Some(true));
        assert_eq!(c.colors, ColorSetting::Fixed(ColorDepth::Ansi16));
        assert!(!c.mouse);
        assert_eq!(c.ambiguous_width, AmbiguousWidth::Wide);
        assert_eq!(
            c.theme,
            ThemeChoice {
                base: ThemeName::Mono,
                colors: Vec::new()
            }
        );
        assert!(c.ascii_on());
    }

    #[test]
    fn wide_ambiguous_characters_turn_ascii_on_unless_it_is_set() {
        let with = |ambiguous_width, ascii| Config {
            ambiguous_width,
            ascii,
            ..Config::default()
        };
        assert!(!with(AmbiguousWidth::Narrow, None).ascii_on());
        assert!(with(AmbiguousWidth::Wide, None).ascii_on());
        assert!(with(AmbiguousWidth::Narrow, Some(true)).ascii_on());
        // An explicit `ascii: false` wins: the user's terminal draws box drawing narrow.
        assert!(!with(AmbiguousWidth::Wide, Some(false)).ascii_on());
        // `--ambiguous wide` on the command line does it too.
        let mut c = Config::default();
        c.apply_overrides(&Overrides {
            ambiguous_width: Some(AmbiguousWidth::Wide),
            ..Overrides::default()
        });
        assert!(c.ascii_on());
    }

    #[test]
    fn the_theme_follows_the_colour_depth() {
        let c = Config {
            theme: ThemeChoice {
                base: ThemeName::Dark,
                colors: vec![ColorOverride {
                    element: "border".into(),
                    fg: Some(Color::Rgb(0xff, 0x87, 0)),
                    bg: None,
                }],
            },
            ..Config::default()
        };
        assert_eq!(
            c.theme_at(ColorDepth::TrueColor, |_| None).border.fg,
            Some(Color::Rgb(0xff, 0x87, 0))
        );
        assert_eq!(
            c.theme_at(ColorDepth::Ansi256, |_| None).border.fg,
            Some(Color::Indexed(208))
        );
        assert_eq!(
            c.theme_at(ColorDepth::Ansi16, |_| None).border.fg,
            Some(Color::Yellow)
        );
        assert_eq!(c.theme_at(ColorDepth::None, |_| None).border.fg, None);
        let env = |k: &str| (k == "NO_COLOR").then(|| std::ffi::OsString::from("1"));
        assert_eq!(c.color_depth(env), ColorDepth::None);
        let fixed = Config {
            colors: ColorSetting::Fixed(ColorDepth::Ansi256),
            ..c
        };
        assert_eq!(fixed.color_depth(env), ColorDepth::Ansi256);
    }

    #[test]
    fn no_color_means_the_mono_theme() {
        let env =
            |v: &'static str| move |k: &str| (k == "NO_COLOR").then(|| std::ffi::OsString::from(v));
        let c = Config::default();
        assert_eq!(c.color_depth(env("1")), ColorDepth::None);
        assert_ne!(c.color_depth(env("")), ColorDepth::None);
        assert_eq!(c.theme_at(c.color_depth(env("1")), |_| None), Theme::mono());
    }

    #[test]
    fn every_theme_element_can_be_coloured() {
        use crate::style::Element;
        let mut yaml = String::from("theme:\n  base: mono\n  colors:\n");
        for (i, e) in Element::ALL.into_iter().enumerate() {
            yaml.push_str(&format!(
                "    {}: {{ fg: {i}, bg: \"#0000{i:02x}\" }}\n",
                e.name()
            ));
        }
        let c = parse(&yaml, Path::new("config.yaml"), &AnyKeys).expect("valid");
        let theme = c.theme_at(ColorDepth::TrueColor, |_| None);
        for (i, e) in Element::ALL.into_iter().enumerate() {
            let i = u8::try_from(i).expect("few elements");
            let style = theme.get(e);
            assert_eq!(style.fg, Some(Color::Indexed(i)), "{e:?}");
            assert_eq!(style.bg, Some(Color::Rgb(0, 0, i)), "{e:?}");
            // The mono theme's emphasis stays.
            assert_eq!(style.modifiers, Theme::mono().get(e).modifiers, "{e:?}");
        }
    }

    /// The default file's comments as one line of words.
    fn default_comments() -> String {
        let words: Vec<&str> = DEFAULT_CONFIG
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix('#'))
            .flat_map(str::split_whitespace)
            .collect();
        words.join(" ")
    }

    #[test]
    fn the_default_file_lists_every_element_and_colour_name() {
        use crate::style::{Element, Part};
        let names = |part: Part| {
            let names: Vec<&str> = Element::ALL
                .into_iter()
                .filter(|e| e.part() == part)
                .map(Element::name)
                .collect();
            names.join(", ")
        };
        let elements = format!(
            "Elements: {} (the frame); {} (the article).",
            names(Part::Frame),
            names(Part::Article)
        );
        let comments = default_comments();
        assert!(comments.contains(&elements), "{elements}");
        let colours: Vec<&str> = crate::style::color::NAMED.iter().map(|(n, _)| *n).collect();
        let colours = format!("Colour names: {}.", colours.join(", "));
        assert!(comments.contains(&colours), "{colours}");
    }

    #[test]
    fn auto_follows_colorfgbg_and_is_dark_without_it() {
        let with = |v: &'static str| move |k: &str| (k == "COLORFGBG").then(|| OsString::from(v));
        assert_eq!(background(|_| None), Background::Dark);
        assert_eq!(background(with("15;0")), Background::Dark);
        assert_eq!(background(with("0;15")), Background::Light);
        assert_eq!(background(with("0;7")), Background::Light);
        assert_eq!(background(with("12;default;15")), Background::Light);
        assert_eq!(background(with("0;default")), Background::Dark);
        assert_eq!(background(with("nonsense")), Background::Dark);
        let auto = Config::default();
        assert_eq!(auto.theme.base, ThemeName::Auto);
        let depth = ColorDepth::Ansi16;
        assert_eq!(
            auto.theme_at(depth, with("0;15")),
            Theme::built_in(Background::Light, depth)
        );
        assert_eq!(
            auto.theme_at(depth, |_| None),
            Theme::built_in(Background::Dark, depth)
        );
    }

    #[test]
    fn names_parse_for_the_command_line() {
        assert_eq!("light".parse(), Ok(ThemeName::Light));
        for t in ThemeName::ALL {
            assert_eq!(t.as_str().parse(), Ok(t));
        }
        assert_eq!(
            "solarized".parse::<ThemeName>(),
            Err("unknown theme `solarized`; expected `auto`, `dark`, `light` or `mono`".into())
        );
        assert_eq!(
            "drak".parse::<ThemeName>(),
            Err("unknown theme `drak`; did you mean `dark`?".into())
        );
        assert_eq!(parse_ambiguous_width("wide"), Ok(AmbiguousWidth::Wide));
        assert_eq!(
            parse_ambiguous_width("big"),
            Err("expected `narrow` or `wide`, found `big`".into())
        );
    }
}
