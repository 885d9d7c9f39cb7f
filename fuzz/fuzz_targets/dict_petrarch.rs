//! PETRARCH/Phoenix dictionaries as `herald dict import-petrarch` and `--dictionaries`
//! read them (actors, agents, discards, CAMEO verbs; the first byte picks the kind) on
//! arbitrary text; the entries read compile into a lexicon and code a sentence.
#![no_main]

use herald_lexicon::{petrarch, Dictionaries};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut d = Dictionaries::default();
    match kind % 4 {
        0 => petrarch::read_actors("Phoenix.Countries.actors.txt", &text, &mut d),
        1 => petrarch::read_agents("Phoenix.agents.txt", &text, &mut d),
        2 => petrarch::read_discards("Phoenix.discards.txt", &text, &mut d),
        _ => petrarch::read_verbs("CAMEO.2.0.txt", &text, &mut d),
    }
    common::check_diagnostics(&d, rest);
    common::code_with(d);
});
