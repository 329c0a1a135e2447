//! The command line: clap definitions. Help text lives here and nowhere else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A terminal reader for folders of Markdown news articles, correct for Japanese.
///
/// Without a subcommand, opens the reader on the given folders. Without a PATH, every command
/// reads `./articles` when it exists, else the sample articles built into kiji.
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
    pub settings: SettingFlags,
}

/// Flags that override the configuration file; accepted before or after a subcommand.
#[derive(Debug, Default, Args)]
pub struct SettingFlags {
    /// Read this configuration file instead of the default one (`kiji paths` shows it). With
    /// `kiji check`, check the configuration file instead of articles.
    #[arg(long, global = true, value_name = "PATH", num_args = 0..=1)]
    pub config: Option<Option<PathBuf>>,
    /// Draw borders, scrollbars and marks with ASCII only.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// How East Asian Ambiguous characters (※ ○ ①) are measured: as your terminal draws them.
    #[arg(long, global = true, value_name = "WIDTH", value_parser = crate::config::parse_ambiguous_width)]
    pub ambiguous: Option<crate::text::AmbiguousWidth>,
    /// Colour theme: dark, light or mono.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<crate::config::ThemeName>,
    /// How many colours the terminal shows: auto (from NO_COLOR, COLORTERM and TERM),
    /// truecolor, 256, 16 or none.
    #[arg(long, global = true, value_name = "DEPTH")]
    pub colors: Option<crate::tui::palette::ColorSetting>,
    /// Leave the mouse to the terminal (to select text); the reader takes no wheel or clicks.
    #[arg(long, global = true)]
    pub no_mouse: bool,
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
    Paths,
    /// Print the configuration file, or with --default a commented default to start from.
    Config(ConfigArgs),
    /// Check this terminal: print what kiji sees (TERM, COLORTERM, NO_COLOR, tmux, SSH, the
    /// locale, the colour depth chosen) and, on a terminal, draw the characters terminals
    /// disagree on (※ ① ○ ─ ❤️ 👍🏽 ｶﾞ, and 漢 as a control), measure the columns each
    /// really takes, compare with kiji's widths and say what to set (ambiguous_width, ascii).
    Doctor,
}

/// Arguments of `kiji config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the commented default configuration.
    #[arg(long)]
    pub default: bool,
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
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
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
}
