//! copydesk reads news drafts the way a copy editor does.
//!
//! - [`analysis`]: the extraction core (pure, no IO, no LSP types).
//! - [`rules`]: findings from an analysis.
//! - [`cli`]: `copydesk check` and `copydesk rules`.
//! - [`lsp`]: `copydesk lsp`, the language server.

pub mod analysis;
pub mod cli;
pub mod config;
pub mod knowledge;
pub mod lsp;
pub mod rules;
mod second_core;
