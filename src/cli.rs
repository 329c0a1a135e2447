//! The command line: clap definitions. Help text lives here and nowhere else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A terminal reader for folders of Markdown news articles, correct for Japanese.
///
/// Without a subcommand, opens the reader on the given folders. Without a PATH, every command
/// reads `./articles` when it exists, else the sample articles built into kiji.
///
/// The options below are the reader's. Given before a subcommand they apply to it too, where
/// they mean anything to it (so an alias such as `kiji --ambiguous wide` works for every
/// command); after a subcommand, only the ones its `--help` lists are accepted.
#[derive(Debug, Parser)]
#[command(name = "kiji", version, subcommand_precedence_over_arg = true)]
pub struct Cli {
    /// What to do; the reader when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Folders (or files) of Markdown articles to read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Settings that override the configuration file.
    #[command(flatten)]
    pub flags: ReaderFlags,
}

/// `--config PATH`.
#[derive(Clone, Debug, Default, Args)]
pub struct ConfigFlag {
    /// Read this configuration file instead of the default one (`kiji paths` shows it).
    #[arg(long, value_name = "PATH", num_args = 0..=1)]
    pub config: Option<Option<PathBuf>>,
}

/// `--ascii`.
#[derive(Clone, Debug, Default, Args)]
pub struct AsciiFlag {
    /// Draw borders, scrollbars and marks with ASCII only.
    #[arg(long)]
    pub ascii: bool,
}

/// `--ambiguous WIDTH`.
#[derive(Clone, Debug, Default, Args)]
pub struct AmbiguousFlag {
    /// How East Asian Ambiguous characters (※ ○ ①) are measured: as your terminal draws them.
    #[arg(long, value_name = "WIDTH", value_parser = crate::config::parse_ambiguous_width)]
    pub ambiguous: Option<crate::text::AmbiguousWidth>,
}

/// `--theme NAME`.
#[derive(Clone, Debug, Default, Args)]
pub struct ThemeFlag {
    /// Colour theme: auto (after COLORFGBG), dark, light or mono.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<crate::config::ThemeName>,
}

/// `--colors DEPTH`.
#[derive(Clone, Debug, Default, Args)]
pub struct ColorsFlag {
    /// How many colours the terminal shows: auto (from NO_COLOR, COLORTERM and TERM),
    /// truecolor, 256, 16 or none.
    #[arg(long, value_name = "DEPTH")]
    pub colors: Option<crate::style::ColorSetting>,
}

/// `--images MODE`.
#[derive(Clone, Debug, Default, Args)]
pub struct ImagesFlag {
    /// Pictures in articles: auto (from the terminal), off, halfblocks, kitty, iterm2 or
    /// sixel.
    #[arg(long, value_name = "MODE")]
    pub images: Option<crate::images::ImageMode>,
}

/// `--no-mouse`.
#[derive(Clone, Debug, Default, Args)]
pub struct MouseFlag {
    /// Leave the mouse to the terminal (to select text); the reader takes no wheel or clicks.
    #[arg(long)]
    pub no_mouse: bool,
}

/// The reader's settings flags: all of them.
#[derive(Clone, Debug, Default, Args)]
pub struct ReaderFlags {
    /// `--config`.
    #[command(flatten)]
    pub config: ConfigFlag,
    /// `--ascii`.
    #[command(flatten)]
    pub ascii: AsciiFlag,
    /// `--ambiguous`.
    #[command(flatten)]
    pub ambiguous: AmbiguousFlag,
    /// `--theme`.
    #[command(flatten)]
    pub theme: ThemeFlag,
    /// `--colors`.
    #[command(flatten)]
    pub colors: ColorsFlag,
    /// `--images`.
    #[command(flatten)]
    pub images: ImagesFlag,
    /// `--no-mouse`.
    #[command(flatten)]
    pub mouse: MouseFlag,
}

/// The settings given on the command line, before the subcommand or after it (after wins).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SettingFlags {
    /// `--config` (`Some(None)`: given without a path).
    pub config: Option<Option<PathBuf>>,
    /// `--ascii`.
    pub ascii: bool,
    /// `--ambiguous`.
    pub ambiguous: Option<crate::text::AmbiguousWidth>,
    /// `--theme`.
    pub theme: Option<crate::config::ThemeName>,
    /// `--colors`.
    pub colors: Option<crate::style::ColorSetting>,
    /// `--images`.
    pub images: Option<crate::images::ImageMode>,
    /// `--no-mouse`.
    pub no_mouse: bool,
}

impl SettingFlags {
    fn config(&mut self, flag: &ConfigFlag) {
        if flag.config.is_some() {
            self.config.clone_from(&flag.config);
        }
    }

    fn ascii(&mut self, flag: &AsciiFlag) {
        self.ascii |= flag.ascii;
    }

    fn ambiguous(&mut self, flag: &AmbiguousFlag) {
        self.ambiguous = flag.ambiguous.or(self.ambiguous);
    }

    fn colors(&mut self, flag: &ColorsFlag) {
        self.colors = flag.colors.or(self.colors);
    }

    fn images(&mut self, flag: &ImagesFlag) {
        self.images = flag.images.or(self.images);
    }

    fn mouse(&mut self, flag: &MouseFlag) {
        self.no_mouse |= flag.no_mouse;
    }
}

impl Cli {
    /// The settings flags in force: the ones given before the subcommand, overridden by the
    /// subcommand's own.
    pub fn settings(&self) -> SettingFlags {
        let f = &self.flags;
        let mut s = SettingFlags {
            config: f.config.config.clone(),
            ascii: f.ascii.ascii,
            ambiguous: f.ambiguous.ambiguous,
            theme: f.theme.theme,
            colors: f.colors.colors,
            images: f.images.images,
            no_mouse: f.mouse.no_mouse,
        };
        match &self.command {
            None => {}
            Some(Command::List(a)) => s.config(&a.config),
            Some(Command::Tags(a)) => s.config(&a.config),
            Some(Command::Check(a)) => s.config(&ConfigFlag {
                config: a.config.clone(),
            }),
            Some(Command::Show(a)) => {
                s.config(&a.config);
                s.ambiguous(&a.ambiguous);
                s.colors(&a.colors);
                s.images(&a.images);
            }
            Some(Command::Paths(a)) => s.config(&a.config),
            Some(Command::Config(a)) => s.config(&a.config),
            Some(Command::Doctor(a)) => {
                s.config(&a.config);
                s.ascii(&a.ascii);
                s.ambiguous(&a.ambiguous);
                s.colors(&a.colors);
                s.mouse(&a.mouse);
            }
        }
        s
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the articles that match, newest first.
    List(ListArgs),
    /// Print the tags with how many articles carry each, most used first.
    Tags(TagsArgs),
    /// Print every problem found in the articles; exit 1 if any is an error.
    Check(CheckArgs),
    /// Print an article laid out exactly as the reader's body pane shows it.
    Show(ShowArgs),
    /// Print where kiji keeps its configuration, reading state and caches.
    Paths(PathsArgs),
    /// Print the configuration file; or start one (--init), print a commented default
    /// (--default), or list the actions its `keys:` section can rebind (--keys).
    Config(ConfigArgs),
    /// Check this terminal: print what kiji sees (TERM, COLORTERM, NO_COLOR, tmux, SSH, the
    /// locale, the colour depth chosen) and, on a terminal, draw the characters terminals
    /// disagree on (※ ① ○ ─ ❤️ 👍🏽 ｶﾞ, and 漢 as a control), measure the columns each
    /// really takes, compare with kiji's widths and say what to set (ambiguous_width, ascii).
    Doctor(DoctorArgs),
}

/// Arguments of `kiji paths`.
#[derive(Debug, Args)]
pub struct PathsArgs {
    #[command(flatten)]
    pub config: ConfigFlag,
}

/// Arguments of `kiji config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the commented default configuration.
    #[arg(long, conflicts_with_all = ["init", "keys"])]
    pub default: bool,
    /// Write the commented default configuration where kiji reads it (`kiji paths` shows
    /// where), creating its folder; an existing file is never overwritten.
    #[arg(long, conflicts_with = "keys")]
    pub init: bool,
    /// List the actions the `keys:` section can rebind, with their default keys.
    #[arg(long)]
    pub keys: bool,
    #[command(flatten)]
    pub config: ConfigFlag,
}

/// Arguments of `kiji doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub config: ConfigFlag,
    #[command(flatten)]
    pub ascii: AsciiFlag,
    #[command(flatten)]
    pub ambiguous: AmbiguousFlag,
    #[command(flatten)]
    pub colors: ColorsFlag,
    #[command(flatten)]
    pub mouse: MouseFlag,
}

/// Output format of the listing commands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for people.
    #[default]
    Text,
    /// JSON for programs.
    Json,
}

/// Arguments of `kiji list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Folders (or files) of Markdown articles to read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only articles with this tag (repeat for several; all must match unless --any).
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
    /// With several --tag: articles with any of them instead of all.
    #[arg(long)]
    pub any: bool,
    /// Only articles in this category.
    #[arg(long, short = 'c', value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Only articles in this language.
    #[arg(long, short = 'l', value_name = "LOCALE")]
    pub locale: Option<Locale>,
    /// Only articles whose title, description, tags, category, comment or text contain every
    /// word of QUERY (case, width and kana folded; "quoted phrases" count as one word).
    #[arg(long, short = 's', value_name = "QUERY")]
    pub search: Option<String>,
    /// Drafts (`published: false`, `draft: true`, `ignorePublish: true`): listed with the rest
    /// (show), left out (hide), or listed alone (only).
    #[arg(long, value_enum, value_name = "WHICH", default_value_t)]
    pub drafts: DraftsArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub config: ConfigFlag,
}

/// `--drafts`: which articles to list by whether they are drafts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DraftsArg {
    /// Drafts and published articles alike.
    #[default]
    Show,
    /// Published articles only.
    Hide,
    /// Drafts only.
    Only,
}

impl From<DraftsArg> for crate::index::Drafts {
    fn from(d: DraftsArg) -> Self {
        match d {
            DraftsArg::Show => crate::index::Drafts::Show,
            DraftsArg::Hide => crate::index::Drafts::Hide,
            DraftsArg::Only => crate::index::Drafts::Only,
        }
    }
}

/// A language kiji knows by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Locale {
    /// Japanese.
    Ja,
    /// English.
    En,
}

impl Locale {
    /// The code as stored in articles.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Ja => "ja",
            Locale::En => "en",
        }
    }
}

/// Arguments of `kiji tags`.
#[derive(Debug, Args)]
pub struct TagsArgs {
    /// Folders (or files) of Markdown articles to read.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub config: ConfigFlag,
}

/// Arguments of `kiji check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folders (or files) of Markdown articles to check.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Check the configuration file instead of articles: this one, else the one kiji reads
    /// (`kiji paths` shows it).
    #[arg(long, value_name = "PATH", num_args = 0..=1)]
    pub config: Option<Option<PathBuf>>,
}

/// Arguments of `kiji show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A Markdown file, or an article id as `kiji list` prints it.
    #[arg(value_name = "FILE|ID")]
    pub target: String,
    /// Folders to look the id up in.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Width in columns (default: the terminal's, else 80).
    #[arg(long, short = 'w', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// Text only, no styles.
    #[arg(long)]
    pub plain: bool,
    #[command(flatten)]
    pub config: ConfigFlag,
    #[command(flatten)]
    pub ambiguous: AmbiguousFlag,
    #[command(flatten)]
    pub colors: ColorsFlag,
    #[command(flatten)]
    pub images: ImagesFlag,
}

/// What `kiji config --keys` prints: every row of the key table (the one that drives the reader)
/// with its action's name, as the `keys:` section of the configuration takes it.
pub fn action_list(keymap: &crate::tui::keymap::Keymap) -> String {
    let mut out = String::from(
        "The actions the `keys:` section of the configuration can rebind, with their default\n\
         keys and what they do. A rebound action gets its new keys everywhere it appears below;\n\
         `ctrl-c` always quits, and `filter-tag` and `choose` are always the digits 1-9.\n\
         \n  keys:\n    next: [j, n]\n    star: f\n",
    );
    let mut current = None;
    for b in keymap.bindings() {
        if current != Some(b.context) {
            out.push_str(&format!("\n{}:\n", b.context.title()));
            current = Some(b.context);
        }
        out.push_str(&format!(
            "  {:<16} {:<16} {}\n",
            b.action_name, b.keys_text, b.description
        ));
    }
    out
}
