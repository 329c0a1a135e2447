//! Turning the configuration's YAML into a [`Config`], checking every setting and collecting
//! every problem with its position.

use std::path::{Path, PathBuf};

use super::{
    Config, ConfigProblem, DateFormat, KEYS, KeyCheck, MarkRead, ThemeChoice, ThemeName, suggest,
};
use crate::images::ImageMode;
use crate::style::color::{self, Color, parse_color};
use crate::style::theme::ELEMENTS;
use crate::style::{ColorOverride, ColorSetting};
use crate::yaml::{self, Value};

/// Problems reported with their position; past this many they are only counted. Finding a
/// position reads the whole text, so a file of 60,000 unknown keys would otherwise take
/// minutes.
const MAX_PROBLEMS: usize = 100;

/// The text being read, its file, and the problems found so far.
struct Reader<'a> {
    text: &'a str,
    path: &'a Path,
    home: Option<&'a Path>,
    keys: &'a dyn KeyCheck,
    problems: Vec<ConfigProblem>,
    /// Problems past [`MAX_PROBLEMS`], not reported one by one.
    more: usize,
}

/// How a value's kind reads in a message.
fn found(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        other => other.kind(),
    }
}

impl Reader<'_> {
    /// Record a problem at the key `path` (or the nearest enclosing key that can be found).
    fn problem(&mut self, key: &[&str], message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let pos = (1..=key.len())
            .rev()
            .find_map(|n| yaml::key_position(self.text, &key[..n]));
        let (line, column) = pos.map_or((0, 0), |p| (p.line, p.column));
        self.problems.push(ConfigProblem {
            path: self.path.to_path_buf(),
            line,
            column,
            message,
        });
    }

    /// Record an unknown key, with a suggestion when a known one is close.
    fn unknown_key(&mut self, parent: &[&str], key: &str, known: &[&str]) {
        let dotted = |k: &str| {
            parent
                .iter()
                .copied()
                .chain([k])
                .collect::<Vec<_>>()
                .join(".")
        };
        let message = match suggest::closest(key, known.iter().copied()) {
            Some(s) => format!(
                "unknown key `{}`; did you mean `{}`?",
                dotted(key),
                dotted(s)
            ),
            None => {
                let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                format!(
                    "unknown key `{}`; expected one of {}",
                    dotted(key),
                    list.join(", ")
                )
            }
        };
        let mut path = parent.to_vec();
        path.push(key);
        self.problem(&path, message);
    }

    fn roots(&mut self, value: &Value) -> Vec<PathBuf> {
        let items = match value {
            Value::List(items) => items.as_slice(),
            Value::String(_) => std::slice::from_ref(value),
            other => {
                let message = format!("`roots` must be a list of folders, found {}", found(other));
                self.problem(&["roots"], message);
                return Vec::new();
            }
        };
        let mut roots = Vec::new();
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() => roots.push(self.root(s)),
                Value::String(_) => self.problem(&["roots"], "`roots` has an empty path".into()),
                Value::Null => self.problem(
                    &["roots"],
                    "`roots` has an empty entry; for your home folder write \"~\" in quotes (a bare `~` is null in YAML)".into(),
                ),
                other => {
                    let message = format!(
                        "each entry of `roots` must be a folder path, found {}",
                        found(other)
                    );
                    self.problem(&["roots"], message);
                }
            }
        }
        roots
    }

    /// A root as written: `~` expanded, relative to the configuration's folder.
    fn root(&self, written: &str) -> PathBuf {
        let expanded = match (written.strip_prefix('~'), self.home) {
            (Some(""), Some(home)) => home.to_path_buf(),
            (Some(rest), Some(home)) if rest.starts_with(['/', '\\']) => {
                home.join(rest.trim_start_matches(['/', '\\']))
            }
            _ => PathBuf::from(written),
        };
        match self.path.parent() {
            Some(dir) if expanded.is_relative() => dir.join(expanded),
            _ => expanded,
        }
    }

    fn string(&mut self, key: &str, value: &Value, what: &str) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                let message = format!("`{key}` must be {what}, found {}", found(other));
                self.problem(&[key], message);
                None
            }
        }
    }

    fn theme(&mut self, value: &Value) -> Option<ThemeChoice> {
        match value {
            Value::String(name) => match name.parse::<ThemeName>() {
                Ok(base) => Some(ThemeChoice {
                    base,
                    colors: Vec::new(),
                }),
                Err(message) => {
                    self.problem(&["theme"], message);
                    None
                }
            },
            Value::Map(pairs) => {
                let mut choice = ThemeChoice::default();
                let mut ok = true;
                for (key, v) in pairs {
                    match key.as_str() {
                        "base" => match v {
                            Value::String(name) => match name.parse::<ThemeName>() {
                                Ok(base) => choice.base = base,
                                Err(message) => {
                                    self.problem(&["theme", "base"], message);
                                    ok = false;
                                }
                            },
                            other => {
                                let message = format!(
                                    "`theme.base` must be `auto`, `dark`, `light` or `mono`, found {}",
                                    found(other)
                                );
                                self.problem(&["theme", "base"], message);
                                ok = false;
                            }
                        },
                        "colors" => match self.colors(v) {
                            Some(colors) => choice.colors = colors,
                            None => ok = false,
                        },
                        other => {
                            self.unknown_key(&["theme"], other, &["base", "colors"]);
                            ok = false;
                        }
                    }
                }
                ok.then_some(choice)
            }
            other => {
                let message = format!(
                    "`theme` must be `auto`, `dark`, `light`, `mono` or a mapping with `base` and `colors`, found {}",
                    found(other)
                );
                self.problem(&["theme"], message);
                None
            }
        }
    }

    fn colors(&mut self, value: &Value) -> Option<Vec<ColorOverride>> {
        let Value::Map(pairs) = value else {
            let message = format!(
                "`theme.colors` must be a mapping of elements to colours, found {}",
                found(value)
            );
            self.problem(&["theme", "colors"], message);
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (element, v) in pairs {
            if !ELEMENTS.contains(&element.as_str()) {
                self.unknown_element(element);
                ok = false;
                continue;
            }
            let path = ["theme", "colors", element.as_str()];
            let (fg, bg) = match v {
                Value::Map(parts) => {
                    let (mut fg, mut bg) = (None, None);
                    for (part, c) in parts {
                        match part.as_str() {
                            "fg" => fg = self.color(&path, Some("fg"), c),
                            "bg" => bg = self.color(&path, Some("bg"), c),
                            other => {
                                self.unknown_key(&path, other, &["fg", "bg"]);
                                ok = false;
                            }
                        }
                    }
                    (fg, bg)
                }
                other => (self.color(&path, None, other), None),
            };
            if fg.is_none() && bg.is_none() {
                ok = false;
                continue;
            }
            out.push(ColorOverride {
                element: element.clone(),
                fg,
                bg,
            });
        }
        ok.then_some(out)
    }

    fn unknown_element(&mut self, element: &str) {
        let message = match suggest::closest(element, ELEMENTS) {
            Some(s) => format!("unknown theme element `{element}`; did you mean `{s}`?"),
            None => {
                let list: Vec<String> = ELEMENTS.iter().map(|e| format!("`{e}`")).collect();
                format!(
                    "unknown theme element `{element}`; the elements are {}",
                    list.join(", ")
                )
            }
        };
        self.problem(&["theme", "colors", element], message);
    }

    /// One colour at `path` (`.fg`/`.bg` when `part` is given); `None` after a problem.
    fn color(&mut self, path: &[&str; 3], part: Option<&str>, value: &Value) -> Option<Color> {
        let name = match part {
            Some(p) => format!("{}.{p}", path.join(".")),
            None => path.join("."),
        };
        let full: Vec<&str> = path.iter().copied().chain(part).collect();
        let path = full.as_slice();
        let text = match value {
            Value::String(s) | Value::Number(s) => s,
            Value::Null => {
                let message = format!(
                    "`{name}` has no colour; in YAML `#` starts a comment, so write \"#rrggbb\" in quotes"
                );
                self.problem(path, message);
                return None;
            }
            other => {
                let message = if part.is_some() {
                    format!("`{name}` must be a colour, found {}", found(other))
                } else {
                    format!(
                        "`{name}` must be a colour or a mapping with `fg` and `bg`, found {}",
                        found(other)
                    )
                };
                self.problem(path, message);
                return None;
            }
        };
        let color = parse_color(text);
        if color.is_none() {
            let names: Vec<String> = color::NAMED.iter().map(|(c, _)| format!("`{c}`")).collect();
            let message = format!(
                "unknown colour `{text}` for `{name}`; a colour is one of {}, `#rrggbb`, or a number from 0 to 255",
                names.join(", ")
            );
            self.problem(path, message);
        }
        color
    }

    fn keys(&mut self, value: &Value) -> Option<Vec<(String, Vec<String>)>> {
        let Value::Map(pairs) = value else {
            let message = format!(
                "`keys` must be a mapping of action names to keys, found {}",
                found(value)
            );
            self.problem(&["keys"], message);
            return None;
        };
        let mut overrides = Vec::new();
        let mut ok = true;
        for (action, v) in pairs {
            let keys: Option<Vec<String>> = match v {
                Value::List(items) => items.iter().map(Value::as_scalar_text).collect(),
                other => other.as_scalar_text().map(|k| vec![k]),
            };
            match keys {
                Some(keys) => overrides.push((action.clone(), keys)),
                None => {
                    let message = format!(
                        "`keys.{action}` must be a key or a list of keys, found {}",
                        found(v)
                    );
                    self.problem(&["keys", action], message);
                    ok = false;
                }
            }
        }
        let errors = self.keys.rebinding_problems(&overrides);
        for (index, message) in &errors {
            let action = overrides
                .get(*index)
                .map_or(String::new(), |(a, _)| a.clone());
            self.problem(&["keys", &action], message.clone());
        }
        ok &= errors.is_empty();
        ok.then_some(overrides)
    }
}

/// What `images` takes, for messages.
const IMAGES_WANT: &str =
    "`images` must be `auto`, `off`, `halfblocks`, `kitty`, `iterm2` or `sixel`";

/// The message for an unknown `images` mode, with the closest one when one is close.
fn unknown_image_mode(s: &str) -> String {
    let words = ImageMode::ALL.map(ImageMode::as_str);
    match suggest::closest(s, words) {
        Some(w) => format!("{IMAGES_WANT}, found `{s}`; did you mean `{w}`?"),
        None => format!("{IMAGES_WANT}, found `{s}`"),
    }
}

/// A duplicate key, reported where it is written the second time (the parser points at the
/// mapping that holds it).
fn duplicate_key(text: &str, e: &yaml::YamlError) -> Option<(usize, usize, String)> {
    let key = e
        .message
        .strip_prefix("duplicate entry with key \"")?
        .strip_suffix('"')?;
    let mapping = yaml::Position {
        line: e.line,
        column: e.column,
    };
    let (first, second) = yaml::duplicate_key_positions(text, mapping, key)?;
    Some((
        second.line,
        second.column,
        format!(
            "invalid YAML: `{key}` is written twice (first on line {})",
            first.line
        ),
    ))
}

/// Read and check a configuration; every problem found, or the configuration.
pub(super) fn config(
    text: &str,
    path: &Path,
    home: Option<&Path>,
    keys: &dyn KeyCheck,
) -> Result<Config, Vec<ConfigProblem>> {
    let mut r = Reader {
        text,
        path,
        home,
        keys,
        problems: Vec::new(),
        more: 0,
    };
    let pairs = match yaml::parse(text) {
        Ok(Value::Map(pairs)) => pairs,
        Ok(Value::Null) => return Ok(Config::default()),
        Ok(other) => {
            let line = text
                .lines()
                .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .map_or(0, |i| i + 1);
            return Err(vec![ConfigProblem {
                path: path.to_path_buf(),
                line,
                column: usize::from(line > 0),
                message: format!(
                    "the configuration must be a mapping of settings (`name: value` lines), found {}",
                    found(&other)
                ),
            }]);
        }
        Err(e) => {
            let (line, column, message) = match &e.context {
                Some((what, l, c)) if *l > 0 => (
                    *l,
                    (*c).max(1),
                    format!(
                        "invalid YAML: {} (line {}) while {what} that starts here",
                        e.message, e.line
                    ),
                ),
                _ => duplicate_key(text, &e)
                    .unwrap_or_else(|| (e.line, e.column, format!("invalid YAML: {}", e.message))),
            };
            return Err(vec![ConfigProblem {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }]);
        }
    };
    let mut c = Config::default();
    for (key, value) in &pairs {
        match key.as_str() {
            "roots" => c.roots = r.roots(value),
            "mascot_field" => {
                if let Some(s) = r.string(key, value, "a front-matter key name") {
                    if s.trim().is_empty() {
                        r.problem(
                            &[key],
                            "`mascot_field` must name a front-matter key, found an empty string"
                                .into(),
                        );
                    } else {
                        c.mascot_field = s;
                    }
                }
            }
            "ambiguous_width" => match value {
                Value::String(s) => match super::parse_ambiguous_width(s) {
                    Ok(w) => c.ambiguous_width = w,
                    Err(_) => r.problem(
                        &[key],
                        format!("`ambiguous_width` must be `narrow` or `wide`, found `{s}`"),
                    ),
                },
                other => {
                    let message = format!(
                        "`ambiguous_width` must be `narrow` or `wide`, found {}",
                        found(other)
                    );
                    r.problem(&[key], message);
                }
            },
            "theme" => {
                if let Some(t) = r.theme(value) {
                    c.theme = t;
                }
            }
            "ascii" => match value {
                Value::Bool(b) => c.ascii = Some(*b),
                other => {
                    let message = format!("`ascii` must be true or false, found {}", found(other));
                    r.problem(&[key], message);
                }
            },
            "cjk_emphasis" => match value {
                Value::Bool(b) => c.cjk_emphasis = *b,
                other => {
                    let message = format!(
                        "`cjk_emphasis` must be true or false, found {}",
                        found(other)
                    );
                    r.problem(&[key], message);
                }
            },
            "mark_read" => {
                const WANT: &str = "`mark_read` must be `open` (when the article is opened) or `end` (once it is scrolled to its end)";
                match value {
                    Value::String(s) => match s.parse::<MarkRead>() {
                        Ok(m) => c.mark_read = m,
                        Err(()) => r.problem(&[key], format!("{WANT}, found `{s}`")),
                    },
                    other => r.problem(&[key], format!("{WANT}, found {}", found(other))),
                }
            }
            "mouse" => match value {
                Value::Bool(b) => c.mouse = *b,
                other => {
                    let message = format!("`mouse` must be true or false, found {}", found(other));
                    r.problem(&[key], message);
                }
            },
            "colors" => match value {
                Value::String(s) | Value::Number(s) => match s.parse::<ColorSetting>() {
                    Ok(setting) => c.colors = setting,
                    Err(_) => {
                        let number = s.bytes().all(|b| b.is_ascii_digit());
                        let hint = if parse_color(s).is_some() && !number {
                            " (colours for parts of the screen go under `theme: {colors: ...}`)"
                        } else {
                            ""
                        };
                        r.problem(
                            &[key],
                            format!(
                                "`colors` must be `auto`, `truecolor`, `256`, `16` or `none`, found `{s}`{hint}"
                            ),
                        )
                    }
                },
                other => {
                    let hint = if matches!(other, Value::Map(_)) {
                        " (colours for parts of the screen go under `theme: {colors: ...}`)"
                    } else {
                        ""
                    };
                    let message = format!(
                        "`colors` must be `auto`, `truecolor`, `256`, `16` or `none`, found {}{hint}",
                        found(other)
                    );
                    r.problem(&[key], message);
                }
            },
            "date_format" => {
                if let Some(s) = r.string(key, value, "a date format such as \"%Y-%m-%d\"") {
                    match DateFormat::parse(&s) {
                        Ok(f) => c.date_format = f,
                        Err(message) => r.problem(&[key], message),
                    }
                }
            }
            "locale" => {
                if let Some(l) = r.string(key, value, "`all` or a language code such as `ja`") {
                    let l = l.trim().to_ascii_lowercase();
                    let code =
                        (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase());
                    if l == "all" || code {
                        c.locale = Some(l);
                    } else {
                        r.problem(&[key], format!("`locale` must be `all` or a language code such as `ja` or `en`, found `{l}`"));
                    }
                }
            }
            "mascot_image" | "image_root" => {
                let what = if key == "image_root" {
                    "a folder"
                } else {
                    "an image file"
                };
                match value {
                    Value::String(s) if !s.trim().is_empty() => {
                        let path = r.root(s);
                        if key == "image_root" {
                            c.image_root = Some(path);
                        } else {
                            c.mascot_image = Some(path);
                        }
                    }
                    Value::String(_) | Value::Null => {
                        r.problem(&[key], format!("`{key}` must be {what}, found nothing"))
                    }
                    other => {
                        let message = format!("`{key}` must be {what}, found {}", found(other));
                        r.problem(&[key], message);
                    }
                }
            }
            "images" => match value {
                Value::String(s) => match s.parse::<ImageMode>() {
                    Ok(mode) => c.images = mode,
                    Err(_) => r.problem(&[key], unknown_image_mode(s)),
                },
                other => {
                    let message = format!("{IMAGES_WANT}, found {}", found(other));
                    r.problem(&[key], message);
                }
            },
            "image_max_kb" => match value {
                Value::Number(n) => match n.parse::<u64>() {
                    Ok(kb) => c.image_max_kb = kb,
                    Err(_) => r.problem(
                        &[key],
                        format!(
                            "`image_max_kb` must be a whole number of KB such as 4096, found `{n}`"
                        ),
                    ),
                },
                other => {
                    let message = format!(
                        "`image_max_kb` must be a whole number of KB such as 4096, found {}",
                        found(other)
                    );
                    r.problem(&[key], message);
                }
            },
            "keys" => {
                if let Some(k) = r.keys(value) {
                    c.keys = k;
                }
            }
            other => r.unknown_key(&[], other, &KEYS),
        }
    }
    if r.more > 0 {
        r.problems.push(ConfigProblem {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: format!(
                "{} more problems not shown; fix the ones above first",
                r.more
            ),
        });
    }
    if r.problems.is_empty() {
        Ok(c)
    } else {
        Err(r.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key table that knows every action but `jump`.
    struct NoJump;

    impl KeyCheck for NoJump {
        fn rebinding_problems(&self, rebindings: &[(String, Vec<String>)]) -> Vec<(usize, String)> {
            (rebindings.iter().enumerate())
                .filter(|(_, (action, _))| action == "jump")
                .map(|(i, _)| (i, "unknown action `jump`".to_string()))
                .collect()
        }
    }

    fn read(text: &str) -> Result<Config, Vec<String>> {
        config(
            text,
            Path::new("/etc/kiji/config.yaml"),
            Some(Path::new("/home/u")),
            &NoJump,
        )
        .map_err(|ps| ps.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn roots_expand_home_and_follow_the_file() {
        let c = read("roots: [~/news, \"~\", ./here, /abs]\n").expect("valid");
        assert_eq!(
            c.roots,
            ["/home/u/news", "/home/u", "/etc/kiji/./here", "/abs"]
                .map(PathBuf::from)
                .to_vec()
        );
        let c = read("roots: ~/one\n").expect("valid");
        assert_eq!(c.roots, vec![PathBuf::from("/home/u/one")]);
    }

    #[test]
    fn every_problem_is_reported() {
        let problems = read("ascii: yes\ntheme: drak\nkeys: {jump: x}\n").expect_err("invalid");
        assert_eq!(
            problems,
            [
                "/etc/kiji/config.yaml:1:1: error: `ascii` must be true or false, found a string",
                "/etc/kiji/config.yaml:2:1: error: unknown theme `drak`; did you mean `dark`?",
                "/etc/kiji/config.yaml:3:8: error: unknown action `jump`",
            ]
        );
    }

    #[test]
    fn image_settings_are_read_and_their_paths_follow_the_file() {
        let c = read(
            "images: kitty\nimage_max_kb: 512\nimage_root: ../site\nmascot_image: ~/neko.png\n",
        )
        .expect("valid");
        assert_eq!(c.images, ImageMode::Kitty);
        assert_eq!(c.image_max_kb, 512);
        assert_eq!(c.image_limits().max_kb, 512);
        assert_eq!(c.image_root, Some(PathBuf::from("/etc/kiji/../site")));
        assert_eq!(c.mascot_image, Some(PathBuf::from("/home/u/neko.png")));
        assert_eq!(Config::default().images, ImageMode::Auto);
        assert_eq!(Config::default().image_max_kb, 4096);
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(read(""), Ok(Config::default()));
        assert_eq!(read("# nothing\n"), Ok(Config::default()));
    }

    #[test]
    fn past_a_hundred_problems_they_are_counted() {
        let text: String = (0..5000).map(|i| format!("k{i}: 1\n")).collect();
        let problems = read(&text).expect_err("invalid");
        assert_eq!(problems.len(), MAX_PROBLEMS + 1);
        assert_eq!(
            problems[99],
            "/etc/kiji/config.yaml:100:1: error: unknown key `k99`; expected one of `roots`, `mascot_field`, `mascot_image`, `ambiguous_width`, `cjk_emphasis`, `theme`, `colors`, `ascii`, `mouse`, `mark_read`, `date_format`, `locale`, `images`, `image_max_kb`, `image_root`, `keys`"
        );
        assert_eq!(
            problems[100],
            "/etc/kiji/config.yaml: error: 4900 more problems not shown; fix the ones above first"
        );
    }
}
