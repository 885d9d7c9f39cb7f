//! herald's own dictionary formats (.actors, .agents, .discards, .nouns, .verbs; the first
//! byte picks the kind) on arbitrary text; the entries read compile into a lexicon and
//! code a sentence without panicking.
#![no_main]

use herald_lexicon::{herald_format, petrarch, Dictionaries};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut d = Dictionaries::default();
    match kind % 5 {
        0 => herald_format::read_actors("fuzz.actors", &text, &mut d),
        1 => herald_format::read_agents("fuzz.agents", &text, &mut d),
        2 => herald_format::read_discards("fuzz.discards", &text, &mut d),
        3 => herald_format::read_nouns("fuzz.nouns", &text, &mut d),
        // herald's .verbs files are in PETRARCH's verb syntax, read by the same parser.
        _ => petrarch::read_verbs("fuzz.verbs", &text, &mut d),
    }
    common::check_diagnostics(&d, rest);
    common::code_with(d);
});
