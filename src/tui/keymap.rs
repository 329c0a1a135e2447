//! The key table: parsed from `assets/keymap.txt` (embedded), it maps keys to [`Action`]s per
//! context and feeds the help screen, the status-bar hints and the README's key table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

mod sections;

pub use sections::{BASIC_TITLE, Section};

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
    /// In the tag and category pickers.
    Picker,
    /// In the link and related-article lists.
    Menu,
    /// In the search prompt.
    Search,
    /// On the help screen.
    Help,
    /// While a question (`R`: mark every article read?) waits for its answer.
    Confirm,
}

impl Context {
    fn parse(s: &str) -> Option<Context> {
        Some(match s {
            "global" => Context::Global,
            "list" => Context::List,
            "body" => Context::Body,
            "picker" => Context::Picker,
            "menu" => Context::Menu,
            "search" => Context::Search,
            "help" => Context::Help,
            "confirm" => Context::Confirm,
            _ => return None,
        })
    }

    /// The heading the help screen and README use for this context.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Body => "Article",
            Context::Picker => "Tag and category pickers",
            Context::Menu => "Link and related lists",
            Context::Search => "Search prompt",
            Context::Help => "Help screen",
            Context::Confirm => "Questions",
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
    /// Its place among the basic keys (the table's `basic:` lines), which the help screen,
    /// `kiji --help` and the README show first; None for the others.
    pub basic: Option<usize>,
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
        let mut basics: Vec<(usize, String)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |message: String| KeymapError { line, message };
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if let Some(names) = trimmed.strip_prefix("basic:") {
                basics.extend(
                    names
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(|n| (line, n.to_string())),
                );
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
                        ("choose", Some(d)) => Action::Choose(d),
                        (name @ ("filter-tag" | "choose"), None) => {
                            return Err(err(format!("`{name}` needs the keys `1-9`")));
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
                basic: None,
                keys,
            });
        }
        sections::mark_basics(&mut bindings, &basics)?;
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
    /// query. `Ctrl-C` quits and `Ctrl-Z` suspends everywhere.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && event.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        if ctrl && event.code == KeyCode::Char('z') {
            return Some(Action::Suspend);
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
            Context::Search => match event.code {
                KeyCode::Char(c) if !ctrl && !c.is_control() => Some(Action::SearchType(c)),
                _ => None,
            },
            // Any other key answers no.
            Context::Confirm => Some(Action::ConfirmCancel),
            Context::Global | Context::Menu | Context::Help => None,
        }
    }

    /// The first key the table gives `action_name` in `context` (`j` for `picker-down` in
    /// the lists), for the hints an overlay draws; empty when it has none.
    pub fn key_for(&self, context: Context, action_name: &str) -> &str {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.action_name == action_name)
            .and_then(|b| b.keys_text.split(',').next())
            .map_or("", str::trim)
    }

    /// Status-bar hints for a context: its own, then the global ones, except where no global
    /// key works (the help screen covers the panes, and letters are typed in the search
    /// prompt).
    pub fn hints(&self, context: Context) -> Vec<&str> {
        let own = self.bindings.iter().filter(|b| b.context == context);
        let global = self
            .bindings
            .iter()
            .filter(|b| b.context == Context::Global)
            .filter(|_| !matches!(context, Context::Help | Context::Search));
        own.chain(global)
            .filter_map(|b| b.hint.as_deref())
            .collect()
    }
}

/// The named keys a key table or a configuration can use, besides single characters,
/// `ctrl-` plus a character, and `1-9`.
pub const KEY_NAMES: [&str; 13] = [
    "enter",
    "esc",
    "tab",
    "backspace",
    "space",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "pagedown",
];

/// A rejected key override: which one (its index in the list given to
/// [`Keymap::with_overrides`]) and why.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct OverrideError {
    /// Index of the override in the list.
    pub index: usize,
    /// What is wrong.
    pub message: String,
}

/// Whether bindings in contexts `a` and `b` can both answer the same key press: the same
/// context, or the global context and the list or body (where global keys also apply).
fn contexts_meet(a: Context, b: Context) -> bool {
    use Context::{Body, Global, List};
    a == b || matches!((a, b), (Global, List | Body) | (List | Body, Global))
}

fn context_name(c: Context) -> &'static str {
    match c {
        Context::Global => "global",
        Context::List => "list",
        Context::Body => "body",
        Context::Picker => "picker",
        Context::Menu => "menu",
        Context::Search => "search",
        Context::Help => "help",
        Context::Confirm => "confirm",
    }
}

/// Why a key written in an override cannot be used, if it cannot.
fn unknown_key_message(key: &str, action: &str) -> String {
    let lower = key.to_ascii_lowercase();
    if lower != key && parse_key(&lower).is_some() && key.chars().count() > 1 {
        return format!("unknown key `{key}` for `{action}`; did you mean `{lower}`?");
    }
    let names: Vec<String> = KEY_NAMES.iter().map(|k| format!("`{k}`")).collect();
    format!(
        "unknown key `{key}` for `{action}`; a key is one character, `ctrl-` and a character, or one of {}",
        names.join(", ")
    )
}

impl Keymap {
    /// The distinct action names of the table, in table order.
    pub fn action_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for b in &self.bindings {
            if !names.contains(&b.action_name.as_str()) {
                names.push(&b.action_name);
            }
        }
        names
    }

    /// The table with some actions bound to other keys: each `(action, keys)` replaces the
    /// action's keys in every context where the table has it (a second row of the same action
    /// in a context is dropped, except the `ctrl-c` row: `Ctrl-C` always quits). Status-bar
    /// hints that showed a replaced key show the new one.
    ///
    /// Rejects, each with the index of the override at fault: an unknown action,
    /// `filter-tag` (always the digits), an empty key list, an unknown key, `ctrl-c` for
    /// another action than `quit`, and a key that would answer two actions in one context
    /// (the global context counts as part of the list and the body).
    pub fn with_overrides(
        &self,
        overrides: &[(String, Vec<String>)],
    ) -> Result<Keymap, Vec<OverrideError>> {
        let mut errors = Vec::new();
        let mut bindings = self.bindings.clone();
        // The override that set each row's keys, if any.
        let mut set_by: Vec<Option<usize>> = vec![None; bindings.len()];
        // (context, a key the table had, the key that now stands for it in hints)
        let mut renamed: Vec<(Context, String, String)> = Vec::new();
        let names = self.action_names();
        for (index, (action_name, keys)) in overrides.iter().enumerate() {
            let mut fail = |message: String| errors.push(OverrideError { index, message });
            if action_name == "filter-tag" || action_name == "choose" {
                fail(format!(
                    "`{action_name}` cannot be rebound: it is always the digits 1-9"
                ));
                continue;
            }
            let action = match Action::from_name(action_name) {
                Some(a) if names.contains(&action_name.as_str()) => a,
                _ => {
                    fail(
                        match crate::config::suggest::closest(action_name, names.clone()) {
                            Some(s) => {
                                format!("unknown action `{action_name}`; did you mean `{s}`?")
                            }
                            None => format!("unknown action `{action_name}`"),
                        },
                    );
                    continue;
                }
            };
            if keys.is_empty() {
                fail(format!("`{action_name}` needs at least one key"));
                continue;
            }
            let mut texts: Vec<&str> = Vec::new();
            let mut parsed: Vec<(Key, Action)> = Vec::new();
            let mut ok = true;
            for text in keys.iter().map(|k| k.trim()) {
                if texts.contains(&text) {
                    continue;
                }
                match parse_key(text) {
                    None => {
                        fail(unknown_key_message(text, action_name));
                        ok = false;
                    }
                    Some(_) if text == "ctrl-c" && action != Action::Quit => {
                        fail(format!(
                            "`ctrl-c` always quits; it cannot be bound to `{action_name}`"
                        ));
                        ok = false;
                    }
                    Some(_) if text == "ctrl-z" && action != Action::Suspend => {
                        fail(format!(
                            "`ctrl-z` always suspends; it cannot be bound to `{action_name}`"
                        ));
                        ok = false;
                    }
                    Some(list) => {
                        texts.push(text);
                        parsed.extend(list.into_iter().map(|(k, _)| (k, action)));
                    }
                }
            }
            if !ok {
                continue;
            }
            let mut done: Vec<Context> = Vec::new();
            let mut i = 0;
            while i < bindings.len() {
                let b = &bindings[i];
                if b.action_name != *action_name || b.keys_text == "ctrl-c" {
                    i += 1;
                    continue;
                }
                let context = b.context;
                for old in b.keys_text.split(',').map(str::trim) {
                    renamed.push((context, old.to_string(), texts[0].to_string()));
                }
                if done.contains(&context) {
                    bindings.remove(i);
                    set_by.remove(i);
                    continue;
                }
                done.push(context);
                bindings[i].keys = parsed.clone();
                bindings[i].keys_text = texts.join(", ");
                set_by[i] = Some(index);
                i += 1;
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut seen: Vec<(usize, usize)> = Vec::new();
        let mut rows: Vec<usize> = (0..bindings.len())
            .filter(|r| set_by[*r].is_some())
            .collect();
        rows.sort_by_key(|r| set_by[*r]);
        for r in rows {
            let (row, index) = (&bindings[r], set_by[r].unwrap_or_default());
            for text in row.keys_text.split(',').map(str::trim) {
                let Some(keys) = parse_key(text) else {
                    continue;
                };
                for (o, other) in bindings.iter().enumerate() {
                    let later = set_by[o].is_some_and(|i| i > index);
                    if o == r
                        || other.action_name == row.action_name
                        || later
                        || seen.contains(&(r.min(o), r.max(o)))
                        || !contexts_meet(row.context, other.context)
                        || !other
                            .keys
                            .iter()
                            .any(|(k, _)| keys.iter().any(|(n, _)| n == k))
                    {
                        continue;
                    }
                    seen.push((r.min(o), r.max(o)));
                    let message = if row.context == other.context {
                        format!(
                            "key `{text}` is bound to both `{}` and `{}` in context `{}`",
                            row.action_name,
                            other.action_name,
                            context_name(row.context)
                        )
                    } else {
                        format!(
                            "key `{text}` is bound to both `{}` (context `{}`) and `{}` (context `{}`)",
                            row.action_name,
                            context_name(row.context),
                            other.action_name,
                            context_name(other.context)
                        )
                    };
                    errors.push(OverrideError { index, message });
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for b in &mut bindings {
            let Some(hint) = &b.hint else { continue };
            let (keys, words) = hint.split_once(' ').unwrap_or((hint.as_str(), ""));
            let new_keys: Vec<&str> = keys
                .split('/')
                .map(|k| {
                    renamed
                        .iter()
                        .find(|(c, old, _)| *c == b.context && old == k)
                        .map_or(k, |(_, _, new)| new.as_str())
                })
                .collect();
            let new_hint = format!("{} {words}", new_keys.join("/"));
            b.hint = Some(new_hint.trim_end().to_string());
        }
        Ok(Keymap { bindings })
    }

    /// The reader's key table: the default one with the configuration's rebindings (action
    /// name, key names). The configuration checked them against this very table when it was
    /// read and a configuration with problems is never used, so this falls back to the
    /// defaults only for rebindings made up by hand.
    pub fn from_settings(rebindings: &[(String, Vec<String>)]) -> Keymap {
        let default = Keymap::default_keys();
        default.with_overrides(rebindings).unwrap_or(default)
    }
}

impl crate::config::KeyCheck for Keymap {
    fn rebinding_problems(&self, rebindings: &[(String, Vec<String>)]) -> Vec<(usize, String)> {
        match self.with_overrides(rebindings) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| (e.index, e.message)).collect(),
        }
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
    fn the_link_and_related_lists_take_their_keys_from_the_table() {
        let k = Keymap::default_keys();
        let menu = |k: &Keymap, c: char| k.action(Context::Menu, &key(KeyCode::Char(c)));
        assert_eq!(menu(&k, 'j'), Some(Action::PickerDown));
        assert_eq!(menu(&k, 'q'), Some(Action::PickerCancel));
        assert_eq!(menu(&k, '3'), Some(Action::Choose(3)));
        assert_eq!(menu(&k, 'x'), None, "nothing is typed into a list");
        let remapped = k
            .with_overrides(&[("picker-down".to_string(), vec!["x".to_string()])])
            .expect("valid");
        assert_eq!(menu(&remapped, 'x'), Some(Action::PickerDown));
        assert_eq!(menu(&remapped, 'j'), None);
        assert!(
            k.with_overrides(&[("choose".to_string(), vec!["x".to_string()])])
                .is_err()
        );
    }

    #[test]
    fn the_help_screen_and_the_prompt_hint_only_their_own_keys() {
        let k = Keymap::default_keys();
        let help = k.hints(Context::Help);
        assert!(help.contains(&"/ find"), "{help:?}");
        assert!(!help.contains(&"m mascot"), "{help:?}");
        assert!(!k.hints(Context::Search).contains(&"q quit"));
        assert!(k.hints(Context::List).contains(&"q quit"));
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
