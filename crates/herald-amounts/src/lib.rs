//! herald's amounts stage (work in progress).

#![warn(missing_docs)]

use herald_core::{Amount, Document};

/// The amounts in `doc`.
pub fn extract(_doc: &Document) -> Vec<Amount> {
    Vec::new()
}
