//! The `kiji` binary: parse the command line, run a subcommand or the reader.

fn main() {}
