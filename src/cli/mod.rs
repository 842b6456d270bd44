//! Subcommands of the `wirex` binary that are more than a few lines.

pub mod bench;
pub mod eval;
