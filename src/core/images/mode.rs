//! The `images` setting ([`ImageMode`]) and the protocol it comes to in a given environment
//! ([`choose`]): a pure function of the environment's variables, the colour depth and
//! `--ascii`. Where the variables do not tell, it says to ask the terminal
//! ([`Choice::Ask`]); the reader makes that query.

use std::ffi::OsString;
use std::fmt;
use std::str::FromStr;

use crate::style::ColorDepth;

/// The `images` setting and `--images` flag.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImageMode {
    /// Pick from the environment ([`choose`]).
    #[default]
    Auto,
    /// No pictures: alt text, as without image support.
    Off,
    /// Unicode half blocks in colour (works in any terminal with 256 colours or more).
    Halfblocks,
    /// The kitty graphics protocol (kitty, Ghostty, Konsole in part).
    Kitty,
    /// iTerm2's inline images (iTerm2, WezTerm, mintty).
    Iterm2,
    /// Sixel graphics (foot, mlterm, Windows Terminal, xterm built with it).
    Sixel,
}

impl ImageMode {
    /// Every mode, in the order the documentation lists them.
    pub const ALL: [ImageMode; 6] = [
        ImageMode::Auto,
        ImageMode::Off,
        ImageMode::Halfblocks,
        ImageMode::Kitty,
        ImageMode::Iterm2,
        ImageMode::Sixel,
    ];

    /// The word the configuration and `--images` use.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageMode::Auto => "auto",
            ImageMode::Off => "off",
            ImageMode::Halfblocks => "halfblocks",
            ImageMode::Kitty => "kitty",
            ImageMode::Iterm2 => "iterm2",
            ImageMode::Sixel => "sixel",
        }
    }
}

impl fmt::Display for ImageMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ImageMode {
    type Err = String;

    /// One of the words of [`ImageMode::as_str`], in any case.
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        ImageMode::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let words: Vec<&str> = ImageMode::ALL.iter().map(|m| m.as_str()).collect();
                format!("unknown image mode '{s}' (expected {})", words.join(", "))
            })
    }
}

/// A way of drawing pictures in a terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// Unicode half blocks with colours.
    Halfblocks,
    /// The kitty graphics protocol.
    Kitty,
    /// iTerm2 inline images.
    Iterm2,
    /// Sixel.
    Sixel,
}

/// What the images setting comes to in an environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    /// Draw with this protocol.
    Draw(Protocol),
    /// Draw no pictures: alt text only.
    Off,
    /// The environment does not tell: ask the terminal which graphics it supports, and use
    /// `fallback` (`None`: no pictures) if it does not answer or supports none.
    Ask {
        /// What to draw with when the terminal does not answer.
        fallback: Option<Protocol>,
    },
}

impl Choice {
    /// True unless pictures are off: the layout then makes room for them (even while the
    /// reader's query is still out).
    pub fn shows_images(self) -> bool {
        !matches!(self, Choice::Off | Choice::Ask { fallback: None })
    }
}

/// The protocol for `mode` given the environment (`env` looks a variable up), the colour
/// depth the theme draws with, and `--ascii`.
///
/// A mode other than `auto` is taken as asked, whatever the environment. `auto`:
/// - nothing under `--ascii`, `NO_COLOR` (set and not empty), `TERM=dumb`, or with no colours;
/// - kitty for kitty (`KITTY_WINDOW_ID`, `TERM=xterm-kitty`) and Ghostty (`GHOSTTY_*`,
///   `TERM_PROGRAM=ghostty`, `TERM=xterm-ghostty`);
/// - iTerm2's protocol for WezTerm (`WEZTERM_EXECUTABLE`, `WEZTERM_PANE`,
///   `TERM_PROGRAM=WezTerm`) and iTerm2 (`TERM_PROGRAM=iTerm.app`);
/// - sixel for Konsole (`KONSOLE_VERSION`), Windows Terminal (`WT_SESSION`), foot and mlterm
///   (by `TERM`);
/// - inside tmux (`TMUX`): half blocks. tmux hides the outer terminal, draws sixel only when
///   built for it, and passes the other protocols through only with `allow-passthrough`,
///   and then leaves pictures behind when panes or windows change; half blocks are plain
///   cells tmux redraws correctly. `images: kitty` (or another) overrides this;
/// - anything else: ask the terminal, falling back to half blocks;
/// - half blocks are drawn only with 256 colours or more: with 16 the fallback is nothing.
pub fn choose(
    mode: ImageMode,
    env: impl Fn(&str) -> Option<OsString>,
    depth: ColorDepth,
    ascii: bool,
) -> Choice {
    let protocol = match mode {
        ImageMode::Off => return Choice::Off,
        ImageMode::Halfblocks => Protocol::Halfblocks,
        ImageMode::Kitty => Protocol::Kitty,
        ImageMode::Iterm2 => Protocol::Iterm2,
        ImageMode::Sixel => Protocol::Sixel,
        ImageMode::Auto => return auto(&env, depth, ascii),
    };
    Choice::Draw(protocol)
}

fn auto(env: &impl Fn(&str) -> Option<OsString>, depth: ColorDepth, ascii: bool) -> Choice {
    let var = |name: &str| env(name).map(|v| v.to_string_lossy().into_owned());
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let program = var("TERM_PROGRAM").unwrap_or_default();
    if ascii || set("NO_COLOR") || term == "dumb" || depth == ColorDepth::None {
        return Choice::Off;
    }
    let half = matches!(depth, ColorDepth::TrueColor | ColorDepth::Ansi256);
    let blocks = half.then_some(Protocol::Halfblocks);
    if set("TMUX") || term.starts_with("tmux") || term.starts_with("screen") {
        return blocks.map_or(Choice::Off, Choice::Draw);
    }
    let ghostty = ["GHOSTTY_RESOURCES_DIR", "GHOSTTY_BIN_DIR"]
        .iter()
        .any(|v| set(v))
        || program.eq_ignore_ascii_case("ghostty")
        || term == "xterm-ghostty";
    if set("KITTY_WINDOW_ID") || term == "xterm-kitty" || ghostty {
        return Choice::Draw(Protocol::Kitty);
    }
    if set("WEZTERM_EXECUTABLE")
        || set("WEZTERM_PANE")
        || program.eq_ignore_ascii_case("WezTerm")
        || program == "iTerm.app"
    {
        return Choice::Draw(Protocol::Iterm2);
    }
    if set("KONSOLE_VERSION")
        || set("WT_SESSION")
        || term.starts_with("foot")
        || term.starts_with("mlterm")
    {
        return Choice::Draw(Protocol::Sixel);
    }
    Choice::Ask { fallback: blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paths::tests::env as with;

    fn auto(vars: &[(&str, &str)]) -> Choice {
        choose(ImageMode::Auto, with(vars), ColorDepth::TrueColor, false)
    }

    #[test]
    fn words_round_trip() {
        for mode in ImageMode::ALL {
            assert_eq!(mode.to_string().parse::<ImageMode>(), Ok(mode));
        }
        assert_eq!("Kitty".parse::<ImageMode>(), Ok(ImageMode::Kitty));
        let err = "png".parse::<ImageMode>().err().unwrap_or_default();
        assert!(
            err.contains("auto, off, halfblocks, kitty, iterm2, sixel"),
            "{err}"
        );
    }

    #[test]
    fn terminals_are_known_by_their_variables() {
        use Protocol::*;
        let cases: &[(&[(&str, &str)], Protocol)] = &[
            (&[("KITTY_WINDOW_ID", "1"), ("TERM", "xterm-kitty")], Kitty),
            (&[("TERM", "xterm-kitty")], Kitty),
            (&[("GHOSTTY_RESOURCES_DIR", "/usr/share/ghostty")], Kitty),
            (&[("TERM_PROGRAM", "ghostty")], Kitty),
            (&[("WEZTERM_EXECUTABLE", "/usr/bin/wezterm")], Iterm2),
            (&[("WEZTERM_PANE", "0")], Iterm2),
            (&[("TERM_PROGRAM", "iTerm.app")], Iterm2),
            (&[("KONSOLE_VERSION", "230804")], Sixel),
            (&[("WT_SESSION", "abc"), ("TERM", "xterm-256color")], Sixel),
            (&[("TERM", "foot")], Sixel),
            (&[("TERM", "mlterm")], Sixel),
        ];
        for (vars, protocol) in cases {
            assert_eq!(auto(vars), Choice::Draw(*protocol), "{vars:?}");
        }
    }

    #[test]
    fn unknown_terminals_are_asked_with_half_blocks_to_fall_back_on() {
        let choice = auto(&[("TERM", "xterm-256color")]);
        assert_eq!(
            choice,
            Choice::Ask {
                fallback: Some(Protocol::Halfblocks)
            }
        );
        assert!(choice.shows_images());
        let sixteen = choose(
            ImageMode::Auto,
            with(&[("TERM", "xterm")]),
            ColorDepth::Ansi16,
            false,
        );
        assert_eq!(sixteen, Choice::Ask { fallback: None });
        assert!(!sixteen.shows_images());
    }

    #[test]
    fn tmux_draws_half_blocks_whatever_the_outer_terminal() {
        let vars = [
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TERM", "tmux-256color"),
            ("KITTY_WINDOW_ID", "1"),
        ];
        assert_eq!(auto(&vars), Choice::Draw(Protocol::Halfblocks));
        let sixteen = choose(ImageMode::Auto, with(&vars), ColorDepth::Ansi16, false);
        assert_eq!(sixteen, Choice::Off);
    }

    #[test]
    fn auto_draws_nothing_without_colour_or_under_ascii() {
        let kitty = [("KITTY_WINDOW_ID", "1")];
        assert_eq!(auto(&[("NO_COLOR", "1"), kitty[0]]), Choice::Off);
        assert_eq!(auto(&[("TERM", "dumb")]), Choice::Off);
        assert_eq!(
            choose(ImageMode::Auto, with(&kitty), ColorDepth::TrueColor, true),
            Choice::Off
        );
        assert_eq!(
            choose(ImageMode::Auto, with(&kitty), ColorDepth::None, false),
            Choice::Off
        );
        // An empty NO_COLOR does not count (no-color.org).
        assert_eq!(
            auto(&[("NO_COLOR", ""), kitty[0]]),
            Choice::Draw(Protocol::Kitty)
        );
    }

    #[test]
    fn a_mode_other_than_auto_is_taken_as_asked() {
        let dumb = with(&[("TERM", "dumb"), ("NO_COLOR", "1")]);
        assert_eq!(
            choose(ImageMode::Sixel, &dumb, ColorDepth::None, true),
            Choice::Draw(Protocol::Sixel)
        );
        assert_eq!(
            choose(
                ImageMode::Off,
                with(&[("KITTY_WINDOW_ID", "1")]),
                ColorDepth::TrueColor,
                false
            ),
            Choice::Off
        );
        assert_eq!(
            choose(ImageMode::Halfblocks, &dumb, ColorDepth::Ansi16, false),
            Choice::Draw(Protocol::Halfblocks)
        );
    }
}
