//! Place names in a document, resolved against the gazetteer.

use crate::gazetteer::{Cand, Gazetteer, Place, PlaceKind};
use crate::text::{is_cap, is_upper_word, mention_at, sentence_starts, word};
use herald_core::{Document, Location, MentionKind, Span, TokenKind};
use rustc_hash::FxHashSet;

/// Words before a place that say it is one ("in Russia", "from Kyiv").
const LOCATIVE: &[&str] = &[
    "IN",
    "AT",
    "FROM",
    "NEAR",
    "TO",
    "INTO",
    "ACROSS",
    "OUTSIDE",
    "INSIDE",
    "TOWARD",
    "TOWARDS",
    "VIA",
    "THROUGHOUT",
    "AROUND",
    "VISITED",
    "VISITING",
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
];

/// Capitalised words that are never places even though some town bears the name.
const NEVER: &[&str] = &[
    "GOD",
    "PRESIDENT",
    "MINISTER",
    "SOURCE",
    "FILE",
    "PHOTO",
    "REUTERS",
];

/// Words after a country name that make it part of an organisation's name (China Daily).
const ORG_TAIL: &[&str] = &[
    "DAILY",
    "TODAY",
    "TIMES",
    "POST",
    "NEWS",
    "AIRLINES",
    "TELEGRAPH",
];

/// Countries that are also common given names; like common words they need a cue.
const PERSON_COUNTRIES: &[&str] = &["JORDAN", "CHAD", "GEORGIA"];

/// A place name found in the text before it is accepted.
struct Hit {
    start: usize,
    end: usize,
    cands: Vec<Cand>,
}

/// Every place name in the document, one [`Location`] per occurrence, in text order.
///
/// Only capitalised words are looked at. Country and region names are taken as they stand;
/// city names that are common words, person names, parts of a longer capitalised name, or
/// small towns whose country the article does not mention need a locative cue (in, at,
/// from, near, to… before, a following ", Texas", or a dateline). Adjectives (Russian,
/// Chinese) are never places. A name several places bear is resolved by population, by
/// the countries and US states the document mentions, and capitals first.
pub fn locations(doc: &Document, gaz: &Gazetteer) -> Vec<Location> {
    let toks = &doc.tokens;
    let starts = sentence_starts(doc);
    let mut hits: Vec<Hit> = Vec::new();
    let mut key = String::with_capacity(64);
    for s in &doc.sentences {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            if toks[i].kind != TokenKind::Word || !is_cap(doc, i) {
                i += 1;
                continue;
            }
            // Walk forward while the words are a name or the start of one.
            let mut found = None;
            key.clear();
            let mut n = 0;
            while i + n < s.tokens.end && toks[i + n].kind == TokenKind::Word {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(&toks[i + n].norm);
                n += 1;
                let Some(e) = gaz.entry(&key) else { break };
                if !e.cands.is_empty() {
                    found = Some((n, e.cands.as_slice()));
                }
                if !e.prefix {
                    break;
                }
            }
            match found {
                Some((n, c)) if accept_shape(doc, i, i + n, key_of_len(&key, n)) => {
                    hits.push(Hit {
                        start: i,
                        end: i + n,
                        cands: c.to_vec(),
                    });
                    i += n;
                }
                _ => i += 1,
            }
        }
    }
    if hits.is_empty() {
        return Vec::new();
    }
    let ctx = Context::new(doc, gaz, &hits);
    let dateline = dateline_range(doc);
    let mut out = Vec::new();
    for h in &hits {
        let Some(best) = ctx.best(gaz, &h.cands) else {
            continue;
        };
        let p = gaz.place(best.place);
        let span = toks[h.start].span.cover(toks[h.end - 1].span);
        let mention = mention_at(doc, span);
        let cue = has_cue(doc, h.start, h.end, gaz)
            || dateline.as_ref().is_some_and(|d| d.contains(&h.start));
        if !cue && !plausible(doc, gaz, h, p, best.primary, mention, &ctx, &starts) {
            continue;
        }
        if mention.is_some_and(|m| m.kind == MentionKind::Person) && !cue {
            continue;
        }
        // Inside a news outlet's name ("Wall Street Journal"): the outlet, not the place.
        if mention.is_some_and(|m| m.code.starts_with("MED") && m.span.len() > span.len()) {
            continue;
        }
        out.push(to_location(
            doc,
            span,
            p,
            mention.map(|m| place_code(m, span)),
        ));
    }
    out
}

/// The first `n` words of a key.
fn key_of_len(key: &str, n: usize) -> &str {
    match key.match_indices(' ').nth(n - 1) {
        Some((i, _)) => &key[..i],
        None => key,
    }
}

/// Filters on the words alone: never-places and acronyms written in lower case ("us").
fn accept_shape(doc: &Document, i: usize, end: usize, key: &str) -> bool {
    if end == i + 1 && (NEVER.contains(&key) || herald_text::is_calendar_word(key)) {
        return false;
    }
    // "US", "UK", "DRC" only as written in capitals; "Us" at a sentence start is a pronoun.
    let all_caps_key = key.len() <= 5
        && !key.contains(' ')
        && key.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    if all_caps_key && end == i + 1 && key.len() <= 3 && !is_upper_word(doc, i) {
        return false;
    }
    true
}

/// True when the words around the name say it is a place.
fn has_cue(doc: &Document, start: usize, end: usize, gaz: &Gazetteer) -> bool {
    let toks = &doc.tokens;
    let prev = |k: usize| start.checked_sub(k).map(|j| toks[j].norm.as_str());
    if prev(1).is_some_and(|w| LOCATIVE.contains(&w)) {
        return true;
    }
    if prev(1) == Some("THE") && prev(2).is_some_and(|w| LOCATIVE.contains(&w)) {
        return true;
    }
    // "Paris, Texas": a comma and a country or state name after it.
    if end + 1 < toks.len() && toks[end].norm == "," && is_cap(doc, end + 1) {
        if let Some(c) = gaz.cands(&toks[end + 1].norm) {
            return c.iter().any(|c| gaz.place(c.place).kind != PlaceKind::City);
        }
    }
    false
}

/// Whether a name without a cue is still a place.
#[allow(clippy::too_many_arguments)]
fn plausible(
    doc: &Document,
    gaz: &Gazetteer,
    h: &Hit,
    p: &Place,
    primary: bool,
    mention: Option<&herald_core::Mention>,
    ctx: &Context,
    starts: &FxHashSet<usize>,
) -> bool {
    let toks = &doc.tokens;
    let single = h.end == h.start + 1;
    if p.common && single {
        return false;
    }
    // Part of a longer capitalised name: "New York Times", "Andrew Jackson".
    let prev_cap = h.start > 0
        && !starts.contains(&h.start)
        && toks[h.start - 1].kind == TokenKind::Word
        && is_cap(doc, h.start - 1);
    let next_cap = h.end < toks.len()
        && toks[h.end].kind == TokenKind::Word
        && is_cap(doc, h.end)
        && gaz.entry(&toks[h.end].norm).is_none();
    // An actor mention says it is a country or capital: trust the dictionary.
    let actor_place =
        mention.is_some_and(|m| matches!(m.kind, MentionKind::Country | MentionKind::Metonym));
    // "Washington Post", "China Daily": the name of a newspaper, whatever the dictionary says.
    if h.end < toks.len() && is_cap(doc, h.end) && ORG_TAIL.contains(&toks[h.end].norm.as_str()) {
        return false;
    }
    match p.kind {
        PlaceKind::Country => {
            if single && PERSON_COUNTRIES.contains(&toks[h.start].norm.as_str()) {
                return actor_place || (!prev_cap && !next_cap);
            }
            true
        }
        PlaceKind::Region => {
            // A US state inside a longer name: "Washington Post", "New York Times".
            if p.adm1.is_some() && !actor_place && (prev_cap || next_cap) {
                return false;
            }
            true
        }
        PlaceKind::City => {
            if actor_place {
                return true;
            }
            if prev_cap || next_cap {
                return false;
            }
            // A sentence-initial single word is as likely the word as the town.
            if single && starts.contains(&h.start) && p.population < 1_000_000 {
                return false;
            }
            let known_country = p.iso2.as_deref().is_some_and(|c| ctx.countries.contains(c));
            let big = p.population >= 250_000 || p.capital;
            (big && primary) || known_country
        }
    }
}

/// What the document says about where it is: its countries and US states.
struct Context {
    countries: FxHashSet<String>,
    adm1: FxHashSet<(String, String)>,
}

impl Context {
    fn new(doc: &Document, gaz: &Gazetteer, hits: &[Hit]) -> Self {
        let mut countries = FxHashSet::default();
        let mut adm1 = FxHashSet::default();
        for m in &doc.mentions {
            if matches!(m.kind, MentionKind::Country | MentionKind::Metonym) && m.code.len() >= 3 {
                if let Some(i2) = gaz.iso3_to_iso2(&m.code[..3]) {
                    countries.insert(i2.to_string());
                }
            }
        }
        for h in hits {
            // Only names with no city reading set the context, so cities cannot vote for
            // themselves.
            for c in &h.cands {
                let p = gaz.place(c.place);
                if p.kind == PlaceKind::City {
                    continue;
                }
                if let Some(i2) = &p.iso2 {
                    countries.insert(i2.clone());
                    if let Some(a) = &p.adm1 {
                        adm1.insert((i2.clone(), a.clone()));
                    }
                }
            }
        }
        Context { countries, adm1 }
    }

    fn best(&self, gaz: &Gazetteer, cands: &[Cand]) -> Option<Cand> {
        let mut best: Option<(f64, Cand)> = None;
        for &c in cands {
            let p = gaz.place(c.place);
            let mut s = ((p.population + 1) as f64).ln();
            s += match p.kind {
                PlaceKind::Country => 30.0,
                PlaceKind::Region => 20.0,
                PlaceKind::City => 0.0,
            };
            if c.primary {
                s += 2.0;
            }
            if p.capital {
                s += 3.0;
            }
            if let Some(i2) = &p.iso2 {
                if self.countries.contains(i2) {
                    s += 4.0;
                }
                if let Some(a) = p.adm1.as_ref().filter(|_| !self.adm1.is_empty()) {
                    if p.kind == PlaceKind::City && self.adm1.contains(&(i2.clone(), a.clone())) {
                        s += 10.0;
                    }
                }
            }
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, c));
            }
        }
        best.map(|(_, c)| c)
    }
}

fn to_location(doc: &Document, span: Span, p: &Place, code: Option<String>) -> Location {
    Location {
        text: doc.slice(span).to_string(),
        span,
        code,
        country: p.iso3.clone(),
        fips: p.fips.clone(),
        adm1: p.adm1.clone(),
        lat: p.lat,
        lon: p.lon,
        geonameid: p.geonameid,
        kind: p.kind.as_str().to_string(),
    }
}

/// Token indices of a dateline at the start of the article ("MOSCOW (Reuters) -",
/// "KYIV, Ukraine —"): capitalised words before a bracket, dash or comma, in the first
/// sentence and written in capitals.
fn dateline_range(doc: &Document) -> Option<std::ops::Range<usize>> {
    let s = doc.dateline_sentence()?;
    let toks = &doc.tokens;
    let mut i = s.tokens.start;
    while i < s.tokens.end
        && i - s.tokens.start < 4
        && toks[i].kind == TokenKind::Word
        && is_upper_word(doc, i)
    {
        i += 1;
    }
    if i == s.tokens.start || i >= s.tokens.end {
        return None;
    }
    matches!(toks[i].norm.as_str(), "(" | "-" | "," | "--").then_some(s.tokens.start..i)
}

/// The place named by the article's dateline, if it has one.
pub fn dateline(doc: &Document, gaz: &Gazetteer) -> Option<Location> {
    let r = dateline_range(doc)?;
    let toks = &doc.tokens;
    let key: Vec<&str> = toks[r.clone()].iter().map(|t| t.norm.as_str()).collect();
    let cands = gaz.cands(&key.join(" "))?;
    let hits = [Hit {
        start: r.start,
        end: r.end,
        cands: cands.to_vec(),
    }];
    let mut ctx = Context::new(doc, gaz, &hits);
    // "KYIV, Ukraine —": the country after the comma decides.
    if toks[r.end].norm == "," && r.end + 1 < toks.len() {
        for c in gaz.cands(&toks[r.end + 1].norm).unwrap_or(&[]) {
            if let Some(i2) = &gaz.place(c.place).iso2 {
                ctx.countries.insert(i2.clone());
            }
        }
    }
    let best = ctx.best(gaz, cands)?;
    let span = toks[r.start].span.cover(toks[r.end - 1].span);
    let code = mention_at(doc, span).map(|m| place_code(m, span));
    Some(to_location(doc, span, gaz.place(best.place), code))
}

/// The actor code of a place from the mention that covers it: a longer country mention
/// ("officials in Beijing", CHNGOV) gives only its country (CHN).
fn place_code(m: &herald_core::Mention, span: herald_core::Span) -> String {
    match m.code.get(..3) {
        Some(country) if m.kind == MentionKind::Country && m.span.len() > span.len() => {
            country.to_string()
        }
        _ => m.code.clone(),
    }
}

/// Where the event of sentence `event_sentence` happened: a place after "in" or "at" in that
/// sentence, else the article's dateline place, else `None`.
///
/// Uses `doc.locations` when a stage has filled it, else finds the places itself.
pub fn event_location(doc: &Document, event_sentence: usize, gaz: &Gazetteer) -> Option<Location> {
    let computed;
    let locs = if doc.locations.is_empty() {
        computed = locations(doc, gaz);
        &computed
    } else {
        &doc.locations
    };
    event_location_among(doc, event_sentence, locs, dateline(doc, gaz).as_ref())
}

/// [`event_location`] with the document's places and dateline place already found, for
/// callers that place many events of one document. `locs` are in text order (as
/// [`locations`] gives them): the sentence's places are found by binary search, so
/// placing every event of a document costs O(events · log places), not O(events ·
/// places).
pub fn event_location_among(
    doc: &Document,
    event_sentence: usize,
    locs: &[Location],
    dateline: Option<&Location>,
) -> Option<Location> {
    let s = doc.sentences.get(event_sentence)?;
    let toks = &doc.tokens;
    let first = locs.partition_point(|l| l.span.start < s.span.start);
    let in_sentence = locs[first..]
        .iter()
        .take_while(|l| l.span.start < s.span.end)
        .filter(|l| s.span.contains(l.span));
    for l in in_sentence {
        let i = toks.partition_point(|t| t.span.start < l.span.start);
        let before = |k: usize| i.checked_sub(k).map(|j| word(toks, j));
        let at = |w: Option<&str>| matches!(w, Some("IN" | "AT"));
        if at(before(1)) || (before(1) == Some("THE") && at(before(2))) {
            return Some(l.clone());
        }
    }
    dateline.cloned()
}
