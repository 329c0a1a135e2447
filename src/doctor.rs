//! `kiji doctor`: what kiji finds out about the terminal it runs in, and what to set. The
//! environment ([`Environment`]: TERM, COLORTERM, NO_COLOR, tmux, SSH, the locale) and, on a
//! terminal, the columns the terminal really gives the characters terminals disagree on
//! ([`SAMPLES`]), measured by asking for the cursor position after drawing each one
//! ([`probe`]). Everything but the probe's terminal I/O is pure: reading the terminal's
//! replies ([`parse_reply`]), comparing with kiji's width function and making
//! recommendations ([`recommend`]), and the report ([`report`]).

mod environment;
pub mod probe;

pub use environment::{Environment, depth_reason, environment_advice};

use std::fmt::Write as _;

use crate::config::Config;
use crate::text::{AmbiguousWidth, str_width};

/// What a sample character tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain wide character every terminal draws in two columns: if it is not, nothing else
    /// measured can be trusted.
    Control,
    /// An East Asian Ambiguous character of text: what `ambiguous_width` is about.
    Ambiguous,
    /// A box-drawing character (ambiguous too): what the borders are made of, what `ascii`
    /// is about.
    BoxDrawing,
    /// A sequence terminals draw differently whatever kiji is told (emoji, marks).
    Other,
}

/// A character (or sequence) to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    /// What is drawn.
    pub text: &'static str,
    /// What it is, for the report.
    pub what: &'static str,
    /// What it tests.
    pub kind: Kind,
}

/// The characters `kiji doctor` measures, the control first.
pub const SAMPLES: [Sample; 8] = [
    Sample {
        text: "漢",
        what: "kanji (wide everywhere: the control)",
        kind: Kind::Control,
    },
    Sample {
        text: "※",
        what: "reference mark (ambiguous)",
        kind: Kind::Ambiguous,
    },
    Sample {
        text: "①",
        what: "circled digit (ambiguous)",
        kind: Kind::Ambiguous,
    },
    Sample {
        text: "○",
        what: "white circle (ambiguous)",
        kind: Kind::Ambiguous,
    },
    Sample {
        text: "─",
        what: "box drawing, the borders (ambiguous)",
        kind: Kind::BoxDrawing,
    },
    Sample {
        text: "❤\u{fe0f}",
        what: "heart + emoji selector (VS16)",
        kind: Kind::Other,
    },
    Sample {
        text: "👍🏽",
        what: "emoji + skin-tone modifier",
        kind: Kind::Other,
    },
    Sample {
        text: "ｶﾞ",
        what: "halfwidth kana + voiced mark",
        kind: Kind::Other,
    },
];

/// One sample and the columns the terminal moved the cursor by when drawing it (`None`: not
/// measured).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measurement {
    /// What was drawn.
    pub sample: Sample,
    /// Columns the terminal gave it.
    pub drawn: Option<usize>,
}

impl Measurement {
    /// The columns kiji's width function gives the sample under `ambiguous`.
    pub fn expected(&self, ambiguous: AmbiguousWidth) -> usize {
        str_width(self.sample.text, ambiguous)
    }
}

/// A terminal's answer to one of the probe's requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// A cursor-position report (`ESC [ row ; column R`, the answer to `ESC [ 6n`): the
    /// 1-based row and column.
    Cursor(u16, u16),
    /// The answer to a primary device-attributes request (`ESC [ c`): `ESC [ ? 62 ; 22 c` and
    /// the like. Every terminal answers it, after everything asked before it.
    Attributes,
}

/// The first reply in `bytes` and the index just past it. Bytes before it (keys typed
/// meanwhile) are skipped; a reply not complete yet is not found.
pub fn parse_reply(bytes: &[u8]) -> Option<(Reply, usize)> {
    let number = |from: usize| -> Option<(u16, usize)> {
        let digits = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 5 {
            return None;
        }
        let text = std::str::from_utf8(&bytes[from..from + digits]).ok()?;
        Some((text.parse().ok()?, from + digits))
    };
    let cursor = |i: usize| {
        let (row, at) = number(i + 2)?;
        if bytes.get(at) != Some(&b';') {
            return None;
        }
        let (col, at) = number(at + 1)?;
        (bytes.get(at) == Some(&b'R')).then_some((Reply::Cursor(row, col), at + 1))
    };
    let attributes = |i: usize| {
        if bytes.get(i + 2) != Some(&b'?') {
            return None;
        }
        // Parameters are digits and `;`; a real answer is a few of them.
        let params = bytes[i + 3..]
            .iter()
            .take(64)
            .take_while(|b| b.is_ascii_digit() || **b == b';')
            .count();
        let at = i + 3 + params;
        (bytes.get(at) == Some(&b'c')).then_some((Reply::Attributes, at + 1))
    };
    (0..bytes.len().saturating_sub(1)).find_map(|i| {
        if bytes[i] != 0x1b || bytes[i + 1] != b'[' {
            return None;
        }
        cursor(i).or_else(|| attributes(i))
    })
}

/// What to set, from what was measured, for a configuration whose ambiguous width is
/// `ambiguous` and whose `ascii` is `ascii` (None: not set, following the ambiguous width).
/// Empty when nothing was measured.
pub fn recommend(
    measured: &[Measurement],
    ambiguous: AmbiguousWidth,
    ascii: Option<bool>,
) -> Vec<String> {
    let mut out = Vec::new();
    if measured.iter().all(|m| m.drawn.is_none()) {
        return out;
    }
    let of = |kind: Kind| measured.iter().filter(move |m| m.sample.kind == kind);
    for m in of(Kind::Control) {
        if let Some(d) = m.drawn.filter(|&d| d != 2) {
            out.push(format!(
                "{} took {d} column(s), not 2: this terminal does not draw wide characters wide \
                 (is the locale UTF-8? does the font have Japanese?); the other measurements \
                 cannot be trusted",
                m.sample.text
            ));
        }
    }
    let count = |w: usize| of(Kind::Ambiguous).filter(|m| m.drawn == Some(w)).count();
    let (wide, narrow) = (count(2), count(1));
    let want = if wide > narrow {
        Some(AmbiguousWidth::Wide)
    } else if narrow > 0 {
        Some(AmbiguousWidth::Narrow)
    } else {
        None
    };
    let effective = want.unwrap_or(ambiguous);
    let examples: Vec<&str> = of(Kind::Ambiguous).map(|m| m.sample.text).collect();
    let examples = examples.join(" ");
    match want {
        Some(AmbiguousWidth::Wide) if ambiguous != AmbiguousWidth::Wide => out.push(format!(
            "set `ambiguous_width: wide` (or run with `--ambiguous wide`): this terminal draws \
             {examples} two columns wide"
        )),
        Some(AmbiguousWidth::Narrow) if ambiguous != AmbiguousWidth::Narrow => out.push(format!(
            "set `ambiguous_width: narrow` (the default; or `--ambiguous narrow`): this terminal \
             draws {examples} one column wide"
        )),
        Some(w) => out.push(format!(
            "`ambiguous_width: {}` matches this terminal: nothing to change",
            match w {
                AmbiguousWidth::Wide => "wide",
                AmbiguousWidth::Narrow => "narrow",
            }
        )),
        None => {}
    }
    let ascii_on = ascii.unwrap_or(effective == AmbiguousWidth::Wide);
    for m in of(Kind::BoxDrawing) {
        match m.drawn {
            Some(2) if !ascii_on => out.push(format!(
                "set `ascii: true` (or run with `--ascii`): this terminal draws the box-drawing \
                 {} two columns wide, which breaks every border",
                m.sample.text
            )),
            Some(1) if ascii_on && ascii.is_none() => out.push(format!(
                "optional: `ascii: false` keeps the borders drawn with lines: this terminal draws \
                 {} one column wide even though ambiguous characters are wide (ASCII borders \
                 come on by themselves with `ambiguous_width: wide`)",
                m.sample.text
            )),
            _ => {}
        }
    }
    for m in of(Kind::Other) {
        let expected = m.expected(effective);
        if let Some(d) = m.drawn.filter(|&d| d != expected) {
            out.push(format!(
                "{} ({}): kiji counts {expected} columns, this terminal drew {d}; no setting \
                 changes that, so a line holding it may look a little off",
                m.sample.text, m.sample.what
            ));
        }
    }
    out
}

/// `kiji doctor`'s report: the environment, the settings in force, the measured widths (when
/// `measured` is given; else `note` says why not) and the recommendations.
pub fn report(
    env: &Environment,
    config: &Config,
    measured: Option<&[Measurement]>,
    note: Option<&str>,
) -> String {
    let mut out = String::new();
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(not set)".to_string());
    let depth = config.colors.resolve(env.env());
    let _ = writeln!(out, "Environment");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(out, "  {k:<16} {v}");
    };
    row("TERM", shown(&env.term));
    row("COLORTERM", shown(&env.colorterm));
    row("NO_COLOR", shown(&env.no_color));
    row("colours", depth_reason(config.colors, env));
    row(
        "tmux",
        if env.tmux.is_some() {
            "yes (TMUX is set)".to_string()
        } else {
            "no".to_string()
        },
    );
    row(
        "SSH",
        match &env.ssh {
            Some((k, _)) => format!("yes ({k} is set)"),
            None => "no".to_string(),
        },
    );
    row(
        "locale",
        match &env.locale {
            Some((k, v)) => format!("{k}={v}"),
            None => "(not set)".to_string(),
        },
    );
    let ambiguous = match config.ambiguous_width {
        AmbiguousWidth::Narrow => "narrow",
        AmbiguousWidth::Wide => "wide",
    };
    row("ambiguous_width", ambiguous.to_string());
    let ascii = match config.ascii {
        Some(true) => "on (set)",
        Some(false) => "off (set)",
        None if config.ascii_on() => "on (follows ambiguous_width: wide)",
        None => "off (follows ambiguous_width: narrow)",
    };
    row("ascii", ascii.to_string());
    row("mouse", if config.mouse { "on" } else { "off" }.to_string());

    let mut advice = Vec::new();
    match measured {
        Some(ms) => {
            let _ = writeln!(
                out,
                "\nWidths in columns: what kiji counts (ambiguous narrow / wide) and what this \
                 terminal drew"
            );
            let _ = writeln!(out, "  char  narrow  wide  drawn  what");
            for m in ms {
                // The character takes the columns the terminal gave it, so the table lines up
                // on this very terminal.
                let cols = m
                    .drawn
                    .unwrap_or_else(|| m.expected(config.ambiguous_width));
                let pad = " ".repeat(6usize.saturating_sub(cols).max(1));
                let drawn = m.drawn.map_or("?".to_string(), |d| d.to_string());
                // ASCII: a mark of ambiguous width would itself shift the column.
                let mark = if m
                    .drawn
                    .is_some_and(|d| d != m.expected(config.ambiguous_width))
                {
                    "*"
                } else {
                    " "
                };
                let _ = writeln!(
                    out,
                    "  {}{pad}{:>6}  {:>4}  {drawn:>4}{mark}  {}",
                    m.sample.text,
                    m.expected(AmbiguousWidth::Narrow),
                    m.expected(AmbiguousWidth::Wide),
                    m.sample.what
                );
            }
            let differs = ms.iter().any(|m| {
                m.drawn
                    .is_some_and(|d| d != m.expected(config.ambiguous_width))
            });
            if differs {
                let _ = writeln!(
                    out,
                    "  * = not what kiji counts with the ambiguous_width in force"
                );
            }
            if let Some(n) = note {
                let _ = writeln!(out, "  {n}");
            }
            advice.extend(recommend(ms, config.ambiguous_width, config.ascii));
        }
        None => {
            let _ = writeln!(out, "\n{}", note.unwrap_or("The widths were not measured."));
        }
    }
    advice.extend(environment_advice(env, depth));
    let _ = writeln!(out, "\nRecommendations");
    if advice.is_empty() && measured.is_some() {
        let _ = writeln!(out, "  none: kiji's settings suit this terminal");
    } else if advice.is_empty() {
        let _ = writeln!(
            out,
            "  none from the environment (the widths were not measured)"
        );
    }
    for a in advice {
        let _ = writeln!(out, "  - {a}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(drawn: [usize; 8]) -> Vec<Measurement> {
        SAMPLES
            .iter()
            .zip(drawn)
            .map(|(s, d)| Measurement {
                sample: *s,
                drawn: Some(d),
            })
            .collect()
    }

    #[test]
    fn cursor_position_reports_are_read_wherever_they_are() {
        let cursor = |row, col, end| Some((Reply::Cursor(row, col), end));
        assert_eq!(parse_reply(b"\x1b[12;3R"), cursor(12, 3, 7));
        assert_eq!(parse_reply(b"ab\x1b[1;40Rcd"), cursor(1, 40, 9));
        // A key sequence before it (an arrow) is skipped.
        assert_eq!(parse_reply(b"\x1b[A\x1b[5;6R"), cursor(5, 6, 9));
        for partial in [
            &b"\x1b[12;"[..],
            b"\x1b[12;3",
            b"\x1b[;3R",
            b"\x1b[1R",
            b"",
            b"\x1b",
        ] {
            assert_eq!(parse_reply(partial), None, "{partial:?}");
        }
        assert_eq!(parse_reply(b"\x1b[999999;1R"), None, "too many digits");
    }

    #[test]
    fn device_attributes_answers_are_read_in_order_with_the_reports() {
        assert_eq!(parse_reply(b"\x1b[?62;22c"), Some((Reply::Attributes, 9)));
        assert_eq!(
            parse_reply(b"\x1b[?1;2c\x1b[1;3R"),
            Some((Reply::Attributes, 7))
        );
        assert_eq!(
            parse_reply(b"\x1b[1;3R\x1b[?6c"),
            Some((Reply::Cursor(1, 3), 6))
        );
        assert_eq!(parse_reply(b"x\x1b[?c"), Some((Reply::Attributes, 5)));
        for partial in [&b"\x1b[?62;2"[..], b"\x1b[?", b"\x1b[62c", b"\x1b[?6x"] {
            assert_eq!(parse_reply(partial), None, "{partial:?}");
        }
    }

    #[test]
    fn kijis_expectations_are_its_width_function() {
        let ms = measured([2; 8]);
        let narrow: Vec<usize> = ms
            .iter()
            .map(|m| m.expected(AmbiguousWidth::Narrow))
            .collect();
        let wide: Vec<usize> = ms
            .iter()
            .map(|m| m.expected(AmbiguousWidth::Wide))
            .collect();
        assert_eq!(narrow, [2, 1, 1, 1, 1, 2, 2, 2]);
        assert_eq!(wide, [2, 2, 2, 2, 2, 2, 2, 2]);
    }

    #[test]
    fn a_terminal_that_agrees_needs_nothing() {
        let ms = measured([2, 1, 1, 1, 1, 2, 2, 2]);
        let r = recommend(&ms, AmbiguousWidth::Narrow, None);
        assert_eq!(
            r,
            ["`ambiguous_width: narrow` matches this terminal: nothing to change"]
        );
    }

    #[test]
    fn wide_ambiguous_characters_recommend_wide() {
        let ms = measured([2, 2, 2, 2, 2, 2, 2, 2]);
        let r = recommend(&ms, AmbiguousWidth::Narrow, None);
        assert_eq!(r.len(), 1, "{r:#?}");
        assert!(r[0].starts_with("set `ambiguous_width: wide`"), "{}", r[0]);
        assert!(r[0].contains("※ ① ○"), "{}", r[0]);
        // Already set: nothing to change, and ASCII borders follow on their own.
        let r = recommend(&ms, AmbiguousWidth::Wide, None);
        assert_eq!(
            r,
            ["`ambiguous_width: wide` matches this terminal: nothing to change"]
        );
        // But `ascii: false` with wide box drawing breaks the borders.
        let r = recommend(&ms, AmbiguousWidth::Wide, Some(false));
        assert!(r[1].starts_with("set `ascii: true`"), "{r:#?}");
    }

    #[test]
    fn narrow_box_drawing_among_wide_ambiguous_characters_can_keep_lines() {
        let ms = measured([2, 2, 2, 2, 1, 2, 2, 2]);
        let r = recommend(&ms, AmbiguousWidth::Wide, None);
        assert!(r[1].starts_with("optional: `ascii: false`"), "{r:#?}");
        assert_eq!(recommend(&ms, AmbiguousWidth::Wide, Some(false)).len(), 1);
    }

    #[test]
    fn wide_box_drawing_with_narrow_text_asks_for_ascii() {
        let ms = measured([2, 1, 1, 1, 2, 2, 2, 2]);
        let r = recommend(&ms, AmbiguousWidth::Narrow, None);
        assert!(r[0].contains("nothing to change"), "{r:#?}");
        assert!(r[1].starts_with("set `ascii: true`"), "{r:#?}");
        assert!(recommend(&ms, AmbiguousWidth::Narrow, Some(true)).len() == 1);
    }

    #[test]
    fn emoji_and_kana_differences_are_reported_without_a_setting() {
        let ms = measured([2, 1, 1, 1, 1, 1, 4, 1]);
        let r = recommend(&ms, AmbiguousWidth::Narrow, None);
        assert_eq!(r.len(), 4, "{r:#?}");
        assert!(r[1].starts_with("❤\u{fe0f} (heart"), "{}", r[1]);
        assert!(r[1].contains("kiji counts 2 columns, this terminal drew 1"));
        assert!(r[2].contains("drew 4"));
        assert!(r[3].starts_with("ｶﾞ"));
    }

    #[test]
    fn a_narrow_control_warns_first_and_nothing_measured_says_nothing() {
        let ms = measured([1, 1, 1, 1, 1, 1, 1, 1]);
        let r = recommend(&ms, AmbiguousWidth::Narrow, None);
        assert!(r[0].starts_with("漢 took 1 column(s), not 2"), "{r:#?}");
        let none: Vec<Measurement> = SAMPLES
            .iter()
            .map(|s| Measurement {
                sample: *s,
                drawn: None,
            })
            .collect();
        assert!(recommend(&none, AmbiguousWidth::Narrow, None).is_empty());
    }

    #[test]
    fn the_report_has_the_environment_the_table_and_the_advice() {
        let e = Environment::from_pairs(&[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")]);
        let ms = measured([2, 2, 2, 2, 2, 1, 2, 2]);
        let text = report(&e, &Config::default(), Some(&ms), None);
        assert!(text.starts_with("Environment\n  TERM             xterm-256color\n"));
        assert!(text.contains("  COLORTERM        (not set)\n"), "{text}");
        assert!(text.contains("  colours          256 colours (TERM contains 256color)\n"));
        assert!(text.contains("  locale           LANG=C.UTF-8\n"), "{text}");
        assert!(text.contains("  ascii            off (follows ambiguous_width: narrow)\n"));
        assert!(
            text.contains("  char  narrow  wide  drawn  what\n"),
            "{text}"
        );
        assert!(
            text.contains("  漢    ") && text.contains("2     2     2   kanji"),
            "{text}"
        );
        // ※ drawn two columns wide: padded by what was drawn, marked as differing.
        assert!(
            text.contains("  ※         1     2     2*  reference mark"),
            "{text}"
        );
        assert!(text.contains("\nRecommendations\n  - set `ambiguous_width: wide`"));
        assert!(text.contains("  - ❤\u{fe0f} (heart"), "{text}");

        let text = report(
            &e,
            &Config::default(),
            None,
            Some("The probe needs a terminal."),
        );
        assert!(text.contains("\nThe probe needs a terminal.\n"), "{text}");
        assert!(!text.contains("char  narrow"), "{text}");
        assert!(
            text.ends_with(
                "Recommendations\n  none from the environment (the widths were not measured)\n"
            ),
            "{text}"
        );
    }
}
