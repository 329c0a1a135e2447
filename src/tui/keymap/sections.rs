//! The key table in the order people read it: the basic keys first (named by the table's
//! `basic:` lines), then every other row under its context; as Markdown for the README and as
//! plain text for `kiji --help`. The help screen reads the same [`Section`]s.

use super::{Binding, Context, Keymap, KeymapError, parse_key};

/// A part of the help screen, `kiji --help` and the README's key table: the basic keys, or
/// the other keys of one context.
#[derive(Clone, Debug)]
pub struct Section<'a> {
    /// Its heading.
    pub title: &'static str,
    /// The context its keys work in; None for the basic keys, which come from several.
    pub context: Option<Context>,
    /// Its rows, in order.
    pub bindings: Vec<&'a Binding>,
}

/// The heading of the basic keys.
pub const BASIC_TITLE: &str = "Basic keys";

/// The row a `basic:` line names as `context key` (`list j`): the context's row with that key.
fn basic_row(bindings: &[Binding], name: &str) -> Result<usize, String> {
    let (context_name, key_text) = name
        .split_once(' ')
        .map(|(c, k)| (c, k.trim()))
        .ok_or_else(|| format!("`basic:` names rows as `context key` (`list j`), not `{name}`"))?;
    let context = Context::parse(context_name)
        .ok_or_else(|| format!("unknown context `{context_name}` in `basic:`"))?;
    let key = parse_key(key_text)
        .and_then(|keys| keys.into_iter().next())
        .map(|(k, _)| k)
        .ok_or_else(|| format!("unknown key `{key_text}` in `basic:`"))?;
    bindings
        .iter()
        .position(|b| b.context == context && b.keys.iter().any(|(k, _)| *k == key))
        .ok_or_else(|| {
            format!("`basic:` names `{name}`, but no row of `{context_name}` has that key")
        })
}

/// Mark the rows the `basic:` lines name (line, `context key`), in their order.
pub(super) fn mark_basics(
    bindings: &mut [Binding],
    basics: &[(usize, String)],
) -> Result<(), KeymapError> {
    for (rank, (line, name)) in basics.iter().enumerate() {
        let row = basic_row(bindings, name).map_err(|message| KeymapError {
            line: *line,
            message,
        })?;
        if bindings[row].basic.is_some() {
            return Err(KeymapError {
                line: *line,
                message: format!("`{name}` is named twice in `basic:`"),
            });
        }
        bindings[row].basic = Some(rank);
    }
    Ok(())
}

impl Keymap {
    /// The parts of the help, `kiji --help` and the README in order: the basic keys in the
    /// order the `basic:` lines give, then every other row under its context, in table order.
    pub fn sections(&self) -> Vec<Section<'_>> {
        let mut basic: Vec<&Binding> = self.bindings.iter().filter(|b| b.basic.is_some()).collect();
        basic.sort_by_key(|b| b.basic);
        let mut sections = Vec::new();
        if !basic.is_empty() {
            sections.push(Section {
                title: BASIC_TITLE,
                context: None,
                bindings: basic,
            });
        }
        for b in self.bindings.iter().filter(|b| b.basic.is_none()) {
            match sections.iter_mut().find(|s| s.context == Some(b.context)) {
                Some(section) => section.bindings.push(b),
                None => sections.push(Section {
                    title: b.context.title(),
                    context: Some(b.context),
                    bindings: vec![b],
                }),
            }
        }
        sections
    }

    /// The key table as Markdown, for the README (tested to match it), in the order of
    /// [`Keymap::sections`].
    pub fn markdown_table(&self) -> String {
        let mut out = String::new();
        for (i, section) in self.sections().iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&format!(
                "**{}**\n\n| Keys | Action |\n| --- | --- |\n",
                section.title
            ));
            for b in &section.bindings {
                let keys: Vec<String> = b
                    .keys_text
                    .split(',')
                    .map(|k| format!("`{}`", k.trim()))
                    .collect();
                out.push_str(&format!("| {} | {} |\n", keys.join(" "), b.description));
            }
        }
        out
    }

    /// The key table as plain text, for `kiji --help`, in the order of [`Keymap::sections`].
    pub fn plain_table(&self) -> String {
        let mut out = String::new();
        for section in self.sections() {
            out.push_str(&format!("{}:\n", section.title));
            for b in &section.bindings {
                out.push_str(&format!("  {:<18} {}\n", b.keys_text, b.description));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_lines_put_rows_first_in_their_order() {
        let table = "global | q | quit | Quit |\nglobal | / | search | Search |\n\
                     list | j, down | next | Next |\nlist | g | first | First |\n\
                     basic: list down, global q\nbasic: global /\n";
        let k = Keymap::parse(table).expect("valid");
        let sections: Vec<(&str, Vec<&str>)> = k
            .sections()
            .iter()
            .map(|s| {
                let rows = s.bindings.iter().map(|b| b.action_name.as_str()).collect();
                (s.title, rows)
            })
            .collect();
        assert_eq!(
            sections,
            [
                (BASIC_TITLE, vec!["next", "quit", "search"]),
                ("Article list", vec!["first"]),
            ],
            "a context whose rows are all basic has no section of its own"
        );
        let plain = k.plain_table();
        assert!(plain.starts_with("Basic keys:\n  j, down"), "{plain}");
        let remapped = k
            .with_overrides(&[("next".to_string(), vec!["n".to_string()])])
            .expect("valid");
        assert_eq!(remapped.sections()[0].bindings[0].keys_text, "n");
    }

    #[test]
    fn bad_basic_lines_are_rejected_with_their_line() {
        let err = |basic: &str| {
            Keymap::parse(&format!("list | j | next | Next |\n{basic}"))
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(
            err("basic: list k"),
            Some("line 2: `basic:` names `list k`, but no row of `list` has that key".into())
        );
        assert_eq!(
            err("basic: lst j"),
            Some("line 2: unknown context `lst` in `basic:`".into())
        );
        assert_eq!(
            err("basic: list jj"),
            Some("line 2: unknown key `jj` in `basic:`".into())
        );
        assert_eq!(
            err("basic: list"),
            Some("line 2: `basic:` names rows as `context key` (`list j`), not `list`".into())
        );
        assert_eq!(
            err("basic: list j\nbasic: list j"),
            Some("line 3: `list j` is named twice in `basic:`".into())
        );
    }
}
