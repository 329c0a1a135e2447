//! The command line through the real binary: each subcommand's exact output and exit code on
//! fixture folders (`list`, `tags`, `check`, `show` with its snapshots, `paths`, `config`), the
//! index cache they read through, `--help`, the README and help screen kept true to the key
//! table and to `Cargo.toml`, and hostile input (file names, front matter, configurations,
//! odd files) that must reach the terminal escaped or be refused with a clear message, and
//! pictures (`show --images`, image problems in `check`).

mod cli;
mod cli_cache;
mod cli_config;
mod cli_help;
mod docs;
mod docs_first_run;
mod hardening_fs;
mod hardening_output;
mod hardening_yaml;
#[path = "../pty/mod.rs"]
mod pty;
mod show;
mod show_images;
mod zenn_qiita;
