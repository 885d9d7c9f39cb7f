//! `herald` commands for the extract stage (being written; see the crate README).

use clap::Args;

/// Placeholder arguments until the stage lands.
#[derive(Debug, Args)]
pub struct PendingArgs {
    /// Arguments.
    pub args: Vec<String>,
}

/// Not built yet: fails with a clear message.
pub fn pending(_args: &PendingArgs) -> anyhow::Result<i32> {
    anyhow::bail!("this command is not available in this build yet")
}
