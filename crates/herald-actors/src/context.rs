//! Placing bare sector agents ("police", "rebels", "the president") in a country from
//! their context, the way a reader does: the places their own sentence names, then the
//! countries of their paragraph, then the dateline, then the country the article is about.

use herald_core::{ContextCountry, CountryFrom, Document, Location, MentionKind};
use herald_lexicon::Lexicon;
use std::collections::HashMap;

/// What the actor stage knows of the article's places: every place found in the text
/// (cities and regions resolved to a country by the gazetteer) and the dateline's place.
#[derive(Clone, Copy, Debug, Default)]
pub struct Places<'a> {
    /// Places in text order, as `herald_names::locations` finds them.
    pub places: &'a [Location],
    /// The dateline's place ("KYIV, Ukraine —").
    pub dateline: Option<&'a Location>,
}

/// Who a sentence names: countries by their code, organisations (IGO, NGO, IMG…) by
/// theirs, each once, with the text of its first mention.
type Owners = Vec<(String, String)>;

/// The country of an actor code: its first three letters when they are a country, or six
/// for a republic within a federation (SCGSRB: Serbia within Serbia and Montenegro).
fn country_of(lexicon: &Lexicon, code: &str) -> Option<String> {
    let head = code.get(..3).filter(|c| lexicon.countries.contains(*c))?;
    match code.get(3..6) {
        Some(rest)
            if herald_lexicon::FEDERATIONS.contains(&head) && lexicon.countries.contains(rest) =>
        {
            Some(code[..6].to_string())
        }
        _ => Some(head.to_string()),
    }
}

/// Add `key` to `list` unless it is there already.
fn add_owner(list: &mut Owners, key: &str, name: &str) {
    if !list.iter().any(|(k, _)| k == key) {
        list.push((key.to_string(), name.to_string()));
    }
}

/// The one country a list of owners names, when it names exactly one actor, a country.
fn only_country(lexicon: &Lexicon, owners: &[(String, String)]) -> Option<(String, String)> {
    match owners {
        [(c, name)] if country_of(lexicon, c).is_some() => Some((c.clone(), name.clone())),
        _ => None,
    }
}

/// Place every bare agent of a public-life sector in a country, recording where the
/// country came from on the mention:
/// 1. `place`: the cities and regions its own sentence names lie in one country ("police
///    detained 40 protesters in Lagos" → NGACOP);
/// 2. `sentence`: its sentence names one actor, a country, the article's main one;
/// 3. `paragraph`: its sentence names no actor and the other sentences of its paragraph
///    name one country;
/// 4. `dateline`: the story's dateline is in a country;
/// 5. `article`: the article is about one country (named most often, and more often than
///    any other).
///
/// A sentence that names other actors keeps its agents bare unless its places decide:
/// "rebels attacked Iran and Turkey" does not say whose rebels they are. Nor is a
/// description placed ("a mediator", "as an envoy").
pub fn place_in_context(doc: &mut Document, lexicon: &Lexicon, places: Places) {
    let mut by_sentence: Vec<Owners> = vec![Vec::new(); doc.sentences.len()];
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in doc.mentions.iter().filter(|m| m.kind != MentionKind::Agent) {
        let country = country_of(lexicon, &m.code);
        if let Some(c) = &country {
            *counts.entry(c.clone()).or_default() += 1;
        }
        let owner = country.unwrap_or_else(|| m.code.clone());
        add_owner(&mut by_sentence[m.sentence], &owner, &m.text);
    }
    let main = main_country(counts);
    // The countries of the places each sentence names (countries themselves are already
    // mentions; these are the cities and regions).
    let mut place_countries: Vec<Owners> = vec![Vec::new(); doc.sentences.len()];
    for l in places.places.iter().filter(|l| l.kind != "country") {
        let (Some(si), Some(c)) = (doc.sentence_at(l.span.start), &l.country) else {
            continue;
        };
        if !lexicon.countries.contains(c.as_str()) {
            continue;
        }
        add_owner(&mut place_countries[si], c, &l.text);
    }
    let dateline = places
        .dateline
        .and_then(|l| Some((l.country.clone()?, l.text.clone())))
        .filter(|(c, _)| lexicon.countries.contains(c.as_str()));
    // Who each paragraph names, once: an agent's own sentence names no one when the
    // paragraph is asked, so the paragraph's owners are the other sentences' owners.
    let mut by_paragraph: HashMap<usize, Owners> = HashMap::new();
    for (s, owners) in doc.sentences.iter().zip(&by_sentence) {
        let list = by_paragraph.entry(s.paragraph).or_default();
        for (k, name) in owners {
            add_owner(list, k, name);
        }
    }
    // Each sentence's context country, decided once: the sentence's agents take it, and
    // the event stage gives it to the agent a passive leaves unnamed.
    for si in 0..doc.sentences.len() {
        // The sentence's places decide when the countries it names are theirs too:
        // "police detained Nigerian students in Lagos", not "… in Lagos, but rebels
        // attacked Chad".
        let named_countries = || {
            by_sentence[si]
                .iter()
                .filter(|(k, _)| country_of(lexicon, k).is_some())
                .map(|(k, _)| k.as_str())
        };
        let found = if let [(c, name)] = &place_countries[si][..] {
            named_countries()
                .all(|k| k == c)
                .then(|| (c.clone(), CountryFrom::Place, name.clone()))
        } else if !by_sentence[si].is_empty() {
            only_country(lexicon, &by_sentence[si])
                .filter(|(c, _)| Some(c) == main.as_ref())
                .map(|(c, name)| (c, CountryFrom::Sentence, name))
        } else {
            let paragraph = &by_paragraph[&doc.sentences[si].paragraph];
            only_country(lexicon, paragraph)
                .map(|(c, name)| (c, CountryFrom::Paragraph, name))
                .or_else(|| {
                    dateline
                        .clone()
                        .map(|(c, name)| (c, CountryFrom::Dateline, name))
                })
                .or_else(|| {
                    main.clone()
                        .map(|c| (c, CountryFrom::Article, String::new()))
                })
        };
        doc.sentences[si].country = found.map(|(code, from, evidence)| ContextCountry {
            code,
            from,
            evidence,
        });
    }
    for mi in 0..doc.mentions.len() {
        let m = &doc.mentions[mi];
        if m.kind != MentionKind::Agent || !placeable(doc, mi) {
            continue;
        }
        let Some(ContextCountry {
            code: c,
            from,
            evidence: name,
        }) = doc.sentences[m.sentence].country.clone()
        else {
            continue;
        };
        let m = &mut doc.mentions[mi];
        m.code = format!("{c}{}", m.code);
        m.kind = MentionKind::Country;
        m.country_from = Some(from);
        m.entries.push(match from {
            CountryFrom::Article => format!("country {c}: the country the article is about"),
            _ => format!("country {c} from the {} (\"{name}\")", from.as_str()),
        });
    }
}

/// The article's main country: named most often, and more often than any other.
fn main_country(counts: HashMap<String, usize>) -> Option<String> {
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    match &ranked[..] {
        [(c, _)] => Some(c.clone()),
        [(c, n), (_, k), ..] if n > k => Some(c.clone()),
        _ => None,
    }
}

/// Is mention `mi` an agent of a public-life sector standing for someone, not a
/// description ("a global leader and a mediator", "as an envoy")?
fn placeable(doc: &Document, mi: usize) -> bool {
    let m = &doc.mentions[mi];
    let before = m
        .tokens
        .start
        .checked_sub(1)
        .map(|i| doc.tokens[i].norm.as_str());
    if matches!(before, Some("A" | "AN" | "AS")) {
        return false;
    }
    let ethnic = m.code.len() == 6 && m.code.starts_with("CVL");
    ethnic || herald_lexicon::public_sector(&m.code)
}
