//! Which mentions name a place (a city or region of the gazetteer) rather than an actor
//! in the sentence: a place does not act when it only says whose a noun is ("Texas
//! Sen.", "Michigan Democrats").

use crate::by_sentence::BySentence;
use crate::placement::MentionAt;
use herald_core::{Document, Mention, MentionKind, TokenSyntax};

/// Whether mention `m` of sentence `si` is a city or region the gazetteer knows (not a
/// country, nor a person who shares a place's name).
pub(crate) fn names_place(doc: &Document, index: &BySentence, si: usize, m: &Mention) -> bool {
    m.kind != MentionKind::Person
        && index
            .locations(doc, si)
            .any(|l| l.kind != "country" && l.span == m.span)
}

/// Nouns after a place name that make it name a place still ("Kabul city", "Khost
/// province").
const PLACE_HEADS: &[&str] = &[
    "CITY",
    "PROVINCE",
    "STATE",
    "COUNTY",
    "DISTRICT",
    "REGION",
    "AREA",
    "TOWN",
    "VILLAGE",
    "AIRPORT",
    "CAPITAL",
    "GOVERNORATE",
    "PREFECTURE",
    "SUBURB",
    "OUTSKIRTS",
    "BORDER",
];

/// "Texas Sen. Ted Cruz", "Iowa caucusgoers", "the Dayton hospital": a city or
/// region named right before a noun of its own phrase (the parse says so) describes
/// that noun and does not act. (Not before a verb form the dictionaries know: the
/// tagger reads "whom Ankara blames" as a compound too.)
pub(crate) fn modifier(
    verb_form: &dyn Fn(&str) -> bool,
    doc: &Document,
    index: &BySentence,
    si: usize,
    norms: &[&str],
    syn: Option<&[TokenSyntax]>,
    m: &MentionAt,
) -> bool {
    let (Some(syn), Some(next)) = (syn, norms.get(m.end)) else {
        return false;
    };
    // (The parse may hang the noun on the place as a name's second part: "Ohio
    // Democrats".)
    let joined = syn[m.end - 1].head == Some(m.end)
        || (syn[m.end].head == Some(m.end - 1) && syn[m.end].deprel == "flat");
    // ("Kabul city", "Khost province", "Istanbul airport" still name the place.)
    names_place(doc, index, si, m.mention)
        && joined
        && matches!(syn[m.end].upos.as_str(), "NOUN" | "PROPN")
        && !verb_form(next)
        && !PLACE_HEADS.contains(next)
}
