//! One module per command family; `main.rs` only dispatches.

pub mod dates;
pub mod extract;
pub mod syntax;
