//! Names that match an actor entry but name no actor here: a country adjective naming a
//! language ("the Russian language"), a currency ("U.S. dollars"), a treaty named after a
//! place ("the Kyoto Protocol", "the Paris climate accord"), or the dateline city that
//! opens a story ("CAIRO (AP) —", "Kolkata:") and the agency it credits ("(AP)").

use herald_core::{Document, MentionKind};
use std::ops::Range;

/// Words after a country adjective that make it a language or a culture.
const LANGUAGE_WORDS: &[&str] = &["LANGUAGE", "LANGUAGES", "SPEAKERS", "SPEAKING", "CUISINE"];

/// Currency names: "U.S. dollars", "Chinese yuan", "Russian roubles".
const CURRENCIES: &[&str] = &[
    "DOLLAR", "DOLLARS", "EURO", "EUROS", "YUAN", "RENMINBI", "RUBLE", "RUBLES", "ROUBLE",
    "ROUBLES", "YEN", "PESO", "PESOS", "RUPEE", "RUPEES", "RIYAL", "RIYALS", "RIAL", "RIALS",
    "LIRA", "FRANC", "FRANCS", "SHEKEL", "SHEKELS", "DINAR", "DINARS", "HRYVNIA", "HRYVNIAS",
    "RAND", "NAIRA", "KRONA", "KRONOR", "KRONE", "ZLOTY", "FORINT", "BAHT", "RINGGIT",
];

/// Kinds of document named after the place where they were signed.
const TREATIES: &[&str] = &[
    "PROTOCOL",
    "PROTOCOLS",
    "ACCORD",
    "ACCORDS",
    "TREATY",
    "CONVENTION",
    "CONVENTIONS",
    "PACT",
    "CHARTER",
    "DECLARATION",
    "CONSENSUS",
];

/// Does the actor name at `tokens` (document token indices, within the sentence `range`)
/// name no actor in its context?
pub(crate) fn names_no_actor(
    doc: &Document,
    range: &Range<usize>,
    tokens: Range<usize>,
    kind: MentionKind,
) -> bool {
    let word = |i: usize| -> Option<&str> {
        (range.start <= i && i < range.end).then(|| doc.tokens[i].norm.as_str())
    };
    let next = word(tokens.end);
    let one_word = tokens.len() == 1;
    if kind == MentionKind::Country && one_word && next.is_some_and(|w| LANGUAGE_WORDS.contains(&w))
    {
        return true;
    }
    if credit_line(doc, &tokens) {
        return true;
    }
    // Organisations and people are named for themselves ("Obama: …" is a speaker).
    if kind != MentionKind::Country {
        return false;
    }
    if next.is_some_and(|w| CURRENCIES.contains(&w)) {
        return true;
    }
    // "the Kyoto Protocol", "the Paris climate accord": a determiner, the place, at most one
    // modifier, the kind of treaty.
    let the_before = tokens.start > range.start && word(tokens.start - 1) == Some("THE");
    let treaty_at = |i: usize| word(i).is_some_and(|w| TREATIES.contains(&w));
    if the_before && (treaty_at(tokens.end) || treaty_at(tokens.end + 1)) {
        return true;
    }
    is_dateline(doc, &tokens)
}

/// Is this name the dateline that opens the story: upper-case words at the start of the
/// text followed by "(", "—", "-", "--" or "," ("CAIRO (AP) —", "MOSCOW, March 3 -"), or
/// a place followed by a colon ("Kolkata: Police said …")?
fn is_dateline(doc: &Document, tokens: &Range<usize>) -> bool {
    let Some(first) = doc.dateline_sentence() else {
        return false;
    };
    if tokens.start != first.tokens.start || tokens.end >= first.tokens.end {
        return false;
    }
    let after = doc.tokens[tokens.end].norm.as_str();
    let upper = doc.tokens[tokens.clone()].iter().all(|t| {
        let w = t.span.slice(&doc.text);
        !w.chars().any(|c| c.is_lowercase())
    });
    (upper && matches!(after, "(" | "-" | "--" | "—" | "–" | ",")) || matches!(after, ":")
}

/// Is this name the news agency credited in the dateline, in brackets before its dash
/// ("LAGOS, Nigeria (AP) —")? It reports the story; it is no actor in it.
fn credit_line(doc: &Document, tokens: &Range<usize>) -> bool {
    let Some(first) = doc.dateline_sentence() else {
        return false;
    };
    let word = |i: usize| -> &str {
        if first.tokens.contains(&i) {
            doc.tokens[i].norm.as_str()
        } else {
            ""
        }
    };
    tokens.start > first.tokens.start
        && tokens.start - first.tokens.start <= 8
        && word(tokens.start - 1) == "("
        && word(tokens.end) == ")"
        && matches!(word(tokens.end + 1), "-" | "--" | "—" | "–" | ":")
}
