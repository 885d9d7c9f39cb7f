//! One module per command family; `main.rs` only dispatches.

pub mod code;
pub mod dates;
pub mod demo;
pub mod dict;
pub mod events;
pub mod explain;
pub mod extract;
pub mod serve;
pub mod store;
pub mod syntax;
pub mod watch;
