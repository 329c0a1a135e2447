//! Where kiji keeps its files: the configuration file, the state folder (read, starred and
//! position per article) and the cache folder. The platform's folders come from
//! `directories`; `XDG_CONFIG_HOME`, `XDG_STATE_HOME`, `XDG_DATA_HOME` and `XDG_CACHE_HOME` are
//! honoured on every platform, and `KIJI_CONFIG` names the configuration file outright.

use std::cell::OnceCell;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The name of the configuration file inside the configuration folder.
pub const CONFIG_FILE_NAME: &str = "config.yaml";

/// kiji's folders and files on this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    /// The configuration file (it need not exist).
    pub config_file: PathBuf,
    /// True when `KIJI_CONFIG` named the configuration file: a missing file is then a problem
    /// (see [`crate::config::load_required`]).
    pub config_explicit: bool,
    /// The folder for state files (it need not exist yet).
    pub state_dir: PathBuf,
    /// The folder for caches (it need not exist yet).
    pub cache_dir: PathBuf,
}

/// Why kiji's folders cannot be found.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PathsError {
    /// No home folder, and no `XDG_*` variable to stand in for it.
    #[error(
        "cannot find your home folder, so kiji does not know where to keep its files; set HOME, or XDG_CONFIG_HOME, XDG_STATE_HOME and XDG_CACHE_HOME"
    )]
    NoHome,
}

impl Paths {
    /// Find the folders from this process's environment.
    pub fn discover() -> Result<Paths, PathsError> {
        Paths::discover_with(|name| std::env::var_os(name))
    }

    /// Find the folders, reading environment variables through `env` (so tests can give their
    /// own without touching the process's environment).
    ///
    /// * configuration: `KIJI_CONFIG`, else `$XDG_CONFIG_HOME/kiji/config.yaml`, else the
    ///   platform's configuration folder (`~/.config/kiji` on Linux);
    /// * state: `$XDG_STATE_HOME/kiji`, else the platform's state folder
    ///   (`~/.local/state/kiji` on Linux); where the platform has none (macOS, Windows),
    ///   `$XDG_DATA_HOME/kiji`, else the platform's local data folder;
    /// * cache: `$XDG_CACHE_HOME/kiji`, else the platform's cache folder.
    ///
    /// Empty variables are ignored, and so are relative `XDG_*` paths, as the XDG base
    /// directory specification asks. A leading `~` in `KIJI_CONFIG` is the home folder.
    pub fn discover_with(env: impl Fn(&str) -> Option<OsString>) -> Result<Paths, PathsError> {
        let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let xdg = |name: &str| {
            var(name)
                .filter(|p| p.is_absolute())
                .map(|p| p.join("kiji"))
        };
        let project: OnceCell<Option<ProjectDirs>> = OnceCell::new();
        let platform = || {
            project
                .get_or_init(|| ProjectDirs::from("", "", "kiji"))
                .as_ref()
                .ok_or(PathsError::NoHome)
        };

        let (config_file, config_explicit) = match var("KIJI_CONFIG") {
            Some(file) => (expand_home(&file, var("HOME").as_deref()), true),
            None => match xdg("XDG_CONFIG_HOME") {
                Some(dir) => (dir.join(CONFIG_FILE_NAME), false),
                None => (platform()?.config_dir().join(CONFIG_FILE_NAME), false),
            },
        };
        let state_dir = match xdg("XDG_STATE_HOME") {
            Some(dir) => dir,
            None => {
                let dirs = platform()?;
                match (dirs.state_dir(), xdg("XDG_DATA_HOME")) {
                    (Some(dir), _) => dir.to_path_buf(),
                    (None, Some(dir)) => dir,
                    (None, None) => dirs.data_local_dir().to_path_buf(),
                }
            }
        };
        let cache_dir = match xdg("XDG_CACHE_HOME") {
            Some(dir) => dir,
            None => platform()?.cache_dir().to_path_buf(),
        };
        Ok(Paths {
            config_file,
            config_explicit,
            state_dir,
            cache_dir,
        })
    }

    /// The paths as `kiji paths` prints them: one `name: path` line each.
    pub fn describe(&self) -> String {
        format!(
            "config: {}\nstate: {}\ncache: {}\n",
            self.config_file.display(),
            self.state_dir.display(),
            self.cache_dir.display()
        )
    }
}

/// `~` or `~/rest` with the home folder put in, when there is one.
fn expand_home(path: &Path, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return path.to_path_buf();
    };
    match path.strip_prefix("~") {
        Ok(rest) if rest.as_os_str().is_empty() => home.to_path_buf(),
        Ok(rest) => home.join(rest),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An environment of the given variables, for tests of code that reads it.
    pub(crate) fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + use<> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn xdg_variables_place_every_folder() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path();
        let at = |s: &str| root.join(s).display().to_string();
        let (config, state, cache) = (at("config"), at("state"), at("cache"));
        let paths = Paths::discover_with(env(&[
            ("XDG_CONFIG_HOME", &config),
            ("XDG_STATE_HOME", &state),
            ("XDG_CACHE_HOME", &cache),
        ]))
        .expect("paths");
        assert_eq!(
            paths,
            Paths {
                config_file: root.join("config/kiji/config.yaml"),
                config_explicit: false,
                state_dir: root.join("state/kiji"),
                cache_dir: root.join("cache/kiji"),
            }
        );
        assert_eq!(
            paths.describe(),
            format!(
                "config: {}\nstate: {}\ncache: {}\n",
                root.join("config/kiji/config.yaml").display(),
                root.join("state/kiji").display(),
                root.join("cache/kiji").display()
            )
        );
    }

    #[test]
    fn kiji_config_names_the_file() {
        let vars = [
            ("KIJI_CONFIG", "~/dots/kiji.yaml"),
            ("HOME", "/home/u"),
            ("XDG_CONFIG_HOME", "/x/config"),
            ("XDG_STATE_HOME", "/x/state"),
            ("XDG_CACHE_HOME", "/x/cache"),
        ];
        let paths = Paths::discover_with(env(&vars)).expect("paths");
        assert_eq!(paths.config_file, PathBuf::from("/home/u/dots/kiji.yaml"));
        assert!(paths.config_explicit);
        let paths = Paths::discover_with(env(&[("KIJI_CONFIG", "/etc/k.yaml"), ("HOME", "/h")]))
            .expect("paths");
        assert_eq!(paths.config_file, PathBuf::from("/etc/k.yaml"));
    }

    #[test]
    fn empty_and_relative_variables_are_ignored() {
        let base = Paths::discover_with(env(&[])).ok();
        let odd = Paths::discover_with(env(&[
            ("KIJI_CONFIG", ""),
            ("XDG_CONFIG_HOME", "relative/config"),
            ("XDG_STATE_HOME", ""),
            ("XDG_CACHE_HOME", "cache"),
        ]))
        .ok();
        assert_eq!(odd, base);
        if let Some(p) = base {
            assert!(p.config_file.ends_with("config.yaml"), "{p:?}");
            assert!(!p.config_explicit);
        }
    }

    #[test]
    fn home_expansion() {
        let home = Some(Path::new("/h"));
        assert_eq!(expand_home(Path::new("~"), home), PathBuf::from("/h"));
        assert_eq!(
            expand_home(Path::new("~/a/b"), home),
            PathBuf::from("/h/a/b")
        );
        assert_eq!(expand_home(Path::new("~x/a"), home), PathBuf::from("~x/a"));
        assert_eq!(expand_home(Path::new("~/a"), None), PathBuf::from("~/a"));
    }
}
