//! The reader, two ways. Without a terminal: keys in, state and screen out, on ratatui's
//! TestBackend with insta snapshots (`reader_*`, `nav_snapshots`, `mascot_sidebar`,
//! `pictures_pane`). In a pseudo-terminal: the real binary read back through the vt100
//! emulator (`e2e*`, `live`, `persist`, `hangup`, `locale_session`, `sessions`, `warm_start`,
//! `help_screen`, `doctor_late`, `hardening_emoji`, `hardening_yaml_pty`, `pictures_pty`), each
//! with its own temporary folders passed to the child. `pictures_fixture` makes a folder of
//! articles with a picture of known colours. The pty harness is `tests/pty/`, shared with `benches/startup.rs` and
//! `benches/slowlink.rs`.

#[path = "../pty/mod.rs"]
mod pty;

mod doctor_late;
mod e2e;
mod e2e_bytes;
mod e2e_search;
mod e2e_terminal;
mod hangup;
mod hardening_emoji;
mod hardening_yaml_pty;
mod help_screen;
mod live;
mod locale_session;
mod mascot_sidebar;
mod nav_snapshots;
mod persist;
mod pictures_fixture;
mod pictures_pane;
mod pictures_pty;
mod reader_search;
mod reader_snapshots;
mod reader_state;
mod reading_flow;
mod sessions;
mod warm_start;
