//! Quotations.
#![warn(missing_docs)]
use herald_core::{Document, Quote};
/// Extract.
pub fn extract(_doc: &Document) -> Vec<Quote> { Vec::new() }
