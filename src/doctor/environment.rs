//! What the environment says about the terminal, for `kiji doctor`: TERM, COLORTERM, NO_COLOR,
//! tmux, SSH and the locale ([`Environment`]), why the colour depth is what it is
//! ([`depth_reason`]), and the advice that follows from them alone ([`environment_advice`]).

use std::ffi::OsString;

use crate::style::{ColorDepth, ColorSetting};

/// What the environment says about the terminal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `TERM`.
    pub term: Option<String>,
    /// `COLORTERM`.
    pub colorterm: Option<String>,
    /// `NO_COLOR`.
    pub no_color: Option<String>,
    /// `TMUX` (set inside tmux).
    pub tmux: Option<String>,
    /// `SSH_CONNECTION`, else `SSH_TTY` (set over SSH): the variable and its value.
    pub ssh: Option<(&'static str, String)>,
    /// The locale that governs characters: the first set of `LC_ALL`, `LC_CTYPE` and `LANG`,
    /// with its name.
    pub locale: Option<(&'static str, String)>,
}

impl Environment {
    /// Read from `env`.
    pub fn read(env: impl Fn(&str) -> Option<OsString>) -> Environment {
        // Shown on the terminal, so cleaned like any other text from outside.
        let var = |k: &str| {
            env(k)
                .map(|v| crate::text::sanitize::sanitize_inline(&v.to_string_lossy()))
                .filter(|v| !v.is_empty())
        };
        let first = |names: &[&'static str]| names.iter().find_map(|&n| var(n).map(|v| (n, v)));
        Environment {
            term: var("TERM"),
            colorterm: var("COLORTERM"),
            no_color: var("NO_COLOR"),
            tmux: var("TMUX"),
            ssh: first(&["SSH_CONNECTION", "SSH_TTY"]),
            locale: first(&["LC_ALL", "LC_CTYPE", "LANG"]),
        }
    }

    /// An environment of just these variables.
    #[cfg(test)]
    pub(crate) fn from_pairs(vars: &[(&str, &str)]) -> Environment {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Environment::read(move |k| {
            vars.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| OsString::from(v))
        })
    }

    /// Whether the locale is a UTF-8 one (unknown counts as not).
    pub fn utf8_locale(&self) -> bool {
        self.locale.as_ref().is_some_and(|(_, v)| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
    }

    pub(super) fn env(&self) -> impl Fn(&str) -> Option<OsString> + '_ {
        move |k| {
            match k {
                "TERM" => self.term.clone(),
                "COLORTERM" => self.colorterm.clone(),
                "NO_COLOR" => self.no_color.clone(),
                _ => None,
            }
            .map(OsString::from)
        }
    }
}

/// Why the colour depth is what it is, in a few words.
pub fn depth_reason(setting: ColorSetting, env: &Environment) -> String {
    let depth = setting.resolve(env.env());
    let why = match setting {
        ColorSetting::Fixed(_) => "set by `colors` or `--colors`".to_string(),
        ColorSetting::Auto => match depth {
            ColorDepth::None => "NO_COLOR is set".to_string(),
            ColorDepth::TrueColor => "COLORTERM says so".to_string(),
            ColorDepth::Ansi256 => "TERM contains 256color".to_string(),
            ColorDepth::Ansi16 => "TERM does not contain 256color".to_string(),
        },
    };
    let name = match depth {
        ColorDepth::TrueColor => "true colour",
        ColorDepth::Ansi256 => "256 colours",
        ColorDepth::Ansi16 => "16 colours",
        ColorDepth::None => "none",
    };
    format!("{name} ({why})")
}

/// Advice from the environment alone (locale, tmux, colours over SSH).
pub fn environment_advice(env: &Environment, depth: ColorDepth) -> Vec<String> {
    let mut out = Vec::new();
    if !env.utf8_locale() {
        let now = env
            .locale
            .as_ref()
            .map_or("no locale is set".to_string(), |(k, v)| format!("{k}={v}"));
        out.push(format!(
            "{now}: use a UTF-8 locale (LANG=ja_JP.UTF-8 or C.UTF-8), or terminals and tmux may \
             draw Japanese wrongly"
        ));
    }
    let term = env.term.as_deref().unwrap_or("");
    if env.tmux.is_some() && !term.contains("256color") {
        out.push(format!(
            "inside tmux with TERM={term}: `set -g default-terminal \"tmux-256color\"` in \
             ~/.tmux.conf gives 256 colours"
        ));
    }
    if depth == ColorDepth::Ansi256 && (env.tmux.is_some() || env.ssh.is_some()) {
        out.push(
            "COLORTERM is often lost over SSH and in tmux: if your terminal shows true colour, \
             `colors: truecolor` (or `--colors truecolor`) uses it"
                .to_string(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_read_and_explained() {
        let e = Environment::from_pairs(&[
            ("TERM", "screen"),
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("SSH_TTY", "/dev/pts/3"),
            ("LANG", "ja_JP.eucJP"),
            ("LC_CTYPE", ""),
            ("NO_COLOR", ""),
        ]);
        assert_eq!(e.term.as_deref(), Some("screen"));
        assert_eq!(e.ssh, Some(("SSH_TTY", "/dev/pts/3".to_string())));
        assert_eq!(e.locale, Some(("LANG", "ja_JP.eucJP".to_string())));
        assert_eq!(e.no_color, None, "empty is unset");
        assert!(!e.utf8_locale());
        assert_eq!(
            depth_reason(ColorSetting::Auto, &e),
            "16 colours (TERM does not contain 256color)"
        );
        let advice = environment_advice(&e, ColorDepth::Ansi16);
        assert_eq!(advice.len(), 2, "{advice:#?}");
        assert!(advice[0].starts_with("LANG=ja_JP.eucJP: use a UTF-8 locale"));
        assert!(advice[1].contains("tmux-256color"));

        let e = Environment::from_pairs(&[
            ("TERM", "xterm-256color"),
            ("SSH_CONNECTION", "1 2 3 4"),
            ("LC_ALL", "C.UTF-8"),
            ("LANG", "ja_JP.eucJP"),
        ]);
        assert_eq!(e.locale, Some(("LC_ALL", "C.UTF-8".to_string())));
        assert!(e.utf8_locale());
        let advice = environment_advice(&e, ColorDepth::Ansi256);
        assert_eq!(advice.len(), 1, "{advice:#?}");
        assert!(advice[0].contains("colors: truecolor"));
        assert_eq!(
            depth_reason(ColorSetting::Fixed(ColorDepth::Ansi16), &e),
            "16 colours (set by `colors` or `--colors`)"
        );
        let e = Environment::from_pairs(&[("COLORTERM", "truecolor"), ("NO_COLOR", "1")]);
        assert_eq!(
            depth_reason(ColorSetting::Auto, &e),
            "none (NO_COLOR is set)"
        );
    }
}
