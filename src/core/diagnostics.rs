//! Problems found while reading articles: where (file, line, column), how bad, and what.
//! Diagnostics are shown, never fatal: the article is still listed with what could be recovered.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::text::escape::{Shown, ShownPath};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was guessed or repaired; nothing the author wrote was lost.
    Warning,
    /// Something the author wrote could not be used, or the file was skipped.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in one file. `line` and `column` are 1-based; 0 means "the whole file".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file or folder concerned.
    #[serde(deserialize_with = "crate::cache::strings::path")]
    pub path: PathBuf,
    /// 1-based line, or 0 when the problem is not at a line.
    pub line: usize,
    /// 1-based column, or 0 when the problem is not at a column.
    pub column: usize,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, in words a writer understands.
    #[serde(deserialize_with = "crate::cache::strings::string")]
    pub message: String,
}

impl Diagnostic {
    /// An error about the whole file.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::at(path, 0, 0, Severity::Error, message)
    }

    /// A warning about the whole file.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::at(path, 0, 0, Severity::Warning, message)
    }

    /// A problem at a line and column.
    pub fn at(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column,
            severity,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: severity: message`, the form editors and terminals link to;
    /// `path: severity: message` for a problem with the whole file. Control characters in
    /// the path and the message are escaped, so one diagnostic is always one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = ShownPath(&self.path);
        let message = Shown(&self.message);
        if self.line == 0 {
            return write!(f, "{path}: {}: {message}", self.severity);
        }
        write!(
            f,
            "{path}:{}:{}: {}: {message}",
            self.line, self.column, self.severity
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_diagnostic_is_one_line_whatever_the_name() {
        let d = Diagnostic::at(
            "x.md:1:1: error: FORGED\nzz\u{1b}[2J.md",
            3,
            4,
            Severity::Warning,
            "bad `\u{7}`",
        );
        assert_eq!(
            d.to_string(),
            "x.md:1:1: error: FORGED\\nzz\\e[2J.md:3:4: warning: bad `\\x07`"
        );
        assert_eq!(
            Diagnostic::error("a\tb.md", "gone\u{9b}").to_string(),
            "a\\tb.md: error: gone\\u{9b}"
        );
    }
}
