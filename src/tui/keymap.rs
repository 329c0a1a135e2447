//! The key table: parsed from `assets/keymap.txt` (embedded), it maps keys to [`Action`]s per
//! context and feeds the help screen, the status-bar hints and the README's key table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// The default key table, as shipped.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.txt");

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Anywhere outside an overlay.
    Global,
    /// When the article list has focus.
    List,
    /// When the article body has focus.
    Body,
    /// In the tag picker.
    Picker,
    /// On the help screen.
    Help,
}

impl Context {
    fn parse(s: &str) -> Option<Context> {
        Some(match s {
            "global" => Context::Global,
            "list" => Context::List,
            "body" => Context::Body,
            "picker" => Context::Picker,
            "help" => Context::Help,
            _ => return None,
        })
    }

    /// The heading the help screen and README use for this context.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Body => "Article",
            Context::Picker => "Tag picker",
            Context::Help => "Help screen",
        }
    }
}

/// One key as written in the table.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    code: KeyCode,
    ctrl: bool,
}

fn parse_key(s: &str) -> Option<Vec<(Key, Option<u8>)>> {
    let (ctrl, name) = match s.strip_prefix("ctrl-") {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let code = match name {
        "1-9" => {
            return Some(
                (1..=9u8)
                    .map(|d| {
                        let c = char::from(b'0' + d);
                        (
                            Key {
                                code: KeyCode::Char(c),
                                ctrl,
                            },
                            Some(d),
                        )
                    })
                    .collect(),
            );
        }
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backspace" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        other => {
            let mut chars = other.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCode::Char(c)
        }
    };
    Some(vec![(Key { code, ctrl }, None)])
}

/// One row of the key table.
#[derive(Clone, Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys as written (`j, down`).
    pub keys_text: String,
    /// The action's name as written.
    pub action_name: String,
    /// What it does, for the help screen.
    pub description: String,
    /// Short status-bar hint, if this binding has one.
    pub hint: Option<String>,
    keys: Vec<(Key, Action)>,
}

/// The whole key table.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// A problem in a key table, with its line.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KeymapError {
    /// 1-based line in the table.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Keymap {
    /// The shipped key table. It is tested to parse, so this cannot fail at run time.
    pub fn default_keys() -> Keymap {
        match Keymap::parse(DEFAULT_KEYMAP) {
            Ok(k) => k,
            Err(e) => unreachable!("the shipped key table is tested to parse: {e}"),
        }
    }

    /// Parse a key table. Rejects unknown contexts, keys and actions, and a key bound twice in
    /// the same context.
    pub fn parse(text: &str) -> Result<Keymap, KeymapError> {
        let mut bindings: Vec<Binding> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |message: String| KeymapError { line, message };
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = raw.split('|').map(str::trim).collect();
            if cols.len() != 5 {
                return Err(err(format!(
                    "expected 5 columns separated by `|`, found {}",
                    cols.len()
                )));
            }
            let context = Context::parse(cols[0])
                .ok_or_else(|| err(format!("unknown context `{}`", cols[0])))?;
            let mut keys = Vec::new();
            for key_text in cols[1].split(',').map(str::trim) {
                let parsed =
                    parse_key(key_text).ok_or_else(|| err(format!("unknown key `{key_text}`")))?;
                for (key, digit) in parsed {
                    let action = match (cols[2], digit) {
                        ("filter-tag", Some(d)) => Action::FilterTag(d),
                        ("filter-tag", None) => {
                            return Err(err("`filter-tag` needs the keys `1-9`".to_string()));
                        }
                        (name, _) => Action::from_name(name)
                            .ok_or_else(|| err(format!("unknown action `{name}`")))?,
                    };
                    let clash = bindings
                        .iter()
                        .filter(|b| b.context == context)
                        .any(|b| b.keys.iter().any(|(k, _)| *k == key));
                    if clash || keys.iter().any(|(k, _): &(Key, Action)| *k == key) {
                        return Err(err(format!(
                            "key `{key_text}` is bound twice in context `{}`",
                            cols[0]
                        )));
                    }
                    keys.push((key, action));
                }
            }
            bindings.push(Binding {
                context,
                keys_text: cols[1].to_string(),
                action_name: cols[2].to_string(),
                description: cols[3].to_string(),
                hint: (!cols[4].is_empty()).then(|| cols[4].to_string()),
                keys,
            });
        }
        Ok(Keymap { bindings })
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    fn lookup(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Terminals send Shift+Tab as BackTab; treat it as Tab for focus switching.
            KeyCode::BackTab => KeyCode::Tab,
            c => c,
        };
        self.bindings
            .iter()
            .filter(|b| b.context == context)
            .flat_map(|b| b.keys.iter())
            .find(|(k, _)| k.code == code && k.ctrl == ctrl)
            .map(|(_, a)| *a)
    }

    /// The action for a key in a context: the context's own binding, else (for the list and
    /// body) the global one. In the picker, an unbound printable character is typed into the
    /// query. `Ctrl-C` quits everywhere.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && event.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        if let Some(a) = self.lookup(context, event) {
            return Some(a);
        }
        match context {
            Context::List | Context::Body => self.lookup(Context::Global, event),
            Context::Picker => match event.code {
                KeyCode::Char(c) if !ctrl && !c.is_control() => Some(Action::PickerType(c)),
                _ => None,
            },
            Context::Global | Context::Help => None,
        }
    }

    /// Status-bar hints for a context: its own, then the global ones.
    pub fn hints(&self, context: Context) -> Vec<&str> {
        let own = self.bindings.iter().filter(|b| b.context == context);
        let global = self
            .bindings
            .iter()
            .filter(|b| b.context == Context::Global);
        own.chain(global)
            .filter_map(|b| b.hint.as_deref())
            .collect()
    }

    /// The key table as Markdown, for the README (tested to match it).
    pub fn markdown_table(&self) -> String {
        let mut out = String::new();
        let mut current = None;
        for b in &self.bindings {
            if current != Some(b.context) {
                if current.is_some() {
                    out.push('\n');
                }
                out.push_str(&format!(
                    "**{}**\n\n| Keys | Action |\n| --- | --- |\n",
                    b.context.title()
                ));
                current = Some(b.context);
            }
            let keys: Vec<String> = b
                .keys_text
                .split(',')
                .map(|k| format!("`{}`", k.trim()))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.description));
        }
        out
    }

    /// The key table as plain text, for `kiji --help`.
    pub fn plain_table(&self) -> String {
        let mut out = String::new();
        let mut current = None;
        for b in &self.bindings {
            if current != Some(b.context) {
                out.push_str(&format!("{}:\n", b.context.title()));
                current = Some(b.context);
            }
            out.push_str(&format!("  {:<18} {}\n", b.keys_text, b.description));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn the_shipped_table_parses() {
        assert!(Keymap::parse(DEFAULT_KEYMAP).is_ok());
    }

    #[test]
    fn context_bindings_win_over_global_ones() {
        let k = Keymap::default_keys();
        assert_eq!(
            k.action(Context::List, &key(KeyCode::Char('j'))),
            Some(Action::Next)
        );
        assert_eq!(
            k.action(Context::Body, &key(KeyCode::Char('j'))),
            Some(Action::ScrollDown)
        );
        assert_eq!(
            k.action(Context::Body, &key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(
            k.action(Context::Body, &key(KeyCode::Char('3'))),
            Some(Action::FilterTag(3))
        );
        assert_eq!(k.action(Context::List, &key(KeyCode::Char('3'))), None);
        assert_eq!(
            k.action(Context::Picker, &key(KeyCode::Char('q'))),
            Some(Action::PickerType('q'))
        );
        assert_eq!(
            k.action(Context::Picker, &key(KeyCode::Char(' '))),
            Some(Action::PickerToggle)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Context::Picker, &ctrl_c), Some(Action::Quit));
        assert_eq!(k.action(Context::Help, &ctrl_c), Some(Action::Quit));
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(k.action(Context::List, &shift_g), Some(Action::Last));
    }

    #[test]
    fn bad_tables_are_rejected_with_their_line() {
        let err = |t: &str| Keymap::parse(t).err().map(|e| e.to_string());
        assert_eq!(
            err("list | j | jump | x |"),
            Some("line 1: unknown action `jump`".into())
        );
        assert_eq!(
            err("\nlist | zz | next | x |"),
            Some("line 2: unknown key `zz`".into())
        );
        assert_eq!(
            err("lst | j | next | x |"),
            Some("line 1: unknown context `lst`".into())
        );
        assert_eq!(
            err("list | j | next | x |\nlist | j | previous | y |"),
            Some("line 2: key `j` is bound twice in context `list`".into())
        );
        assert_eq!(
            err("list | j | next"),
            Some("line 1: expected 5 columns separated by `|`, found 3".into())
        );
    }
}
