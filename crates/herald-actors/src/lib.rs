//! herald's actor stage: dictionary mentions, dated roles and CAMEO combination.
//!
//! The entry point is [`recognize`]; [`new_actors`] lists the capitalised names no
//! dictionary knows (PETRARCH's new actors) after event coding.

#![warn(missing_docs)]

mod context;
mod non_actors;

pub use context::{place_in_context, Places};

use chrono::NaiveDate;
use herald_core::{Document, Location, Mention, MentionKind, Span};
use herald_lexicon::{ActorClass, AgentPlacement, Lexicon, Target};

mod new_actors;
pub use new_actors::new_actors;

/// A resolved piece before combination: token range within the sentence and what it is.
#[derive(Clone, Debug)]
struct Piece {
    start: usize,
    end: usize,
    what: What,
    entries: Vec<String>,
    /// Matched as a stem (a PETRARCH name without final underscore).
    stem: bool,
    /// Index of the entry: later dictionaries have higher ones and win ties.
    rank: usize,
}

#[derive(Clone, Debug)]
enum What {
    /// An actor with the code valid on the date.
    Actor { code: String, class: ActorClass },
    /// An agent code with its placement.
    Agent {
        code: String,
        placement: AgentPlacement,
    },
}

/// Find and code every actor mention of `doc` (which must be segmented), replacing
/// `doc.mentions`. Codes with date ranges are resolved against `doc.date`. Bare sector
/// agents are placed by the countries the text names (see [`recognize_in`] for places).
pub fn recognize(doc: &mut Document, lexicon: &Lexicon) {
    recognize_in(doc, lexicon, |_| (Vec::new(), None));
}

/// [`recognize`], with the places of the text: once names are found, `places` is asked
/// for the document's places and dateline place (it may read the mentions found so far),
/// and bare sector agents are placed in context ([`place_in_context`]). The places come
/// back for the caller to keep.
pub fn recognize_in(
    doc: &mut Document,
    lexicon: &Lexicon,
    places: impl FnOnce(&Document) -> (Vec<Location>, Option<Location>),
) -> (Vec<Location>, Option<Location>) {
    find_names(doc, lexicon);
    let (found, dateline) = places(doc);
    place_in_context(
        doc,
        lexicon,
        Places {
            places: &found,
            dateline: dateline.as_ref(),
        },
    );
    (found, dateline)
}

/// Dictionary names, combined and coded, with coreference resolved.
fn find_names(doc: &mut Document, lexicon: &Lexicon) {
    let mut mentions = Vec::new();
    for si in 0..doc.sentences.len() {
        let range = doc.sentences[si].tokens.clone();
        let toks = &doc.tokens[range.clone()];
        let all: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        // "Dol_Amroth": an underscore joins words as in PETRARCH's dictionaries, so names
        // are matched without it ("PRINCE OF DOL AMROTH").
        let keep: Vec<usize> = (0..all.len())
            .filter(|&i| !(all[i] == "_" && i > 0 && i + 1 < all.len()))
            .collect();
        let norms: Vec<&str> = keep.iter().map(|&i| all[i]).collect();
        let pieces = resolve(doc, range.start, &keep, &norms, lexicon, doc.date);
        for mut p in combine(&norms, pieces) {
            (p.start, p.end) = (keep[p.start], keep[p.end - 1] + 1);
            let first = &doc.tokens[range.start + p.start];
            let last = &doc.tokens[range.start + p.end - 1];
            let span = Span::new(first.span.start, last.span.end);
            let (code, kind) = match &p.what {
                What::Actor { code, class } => (
                    code.clone(),
                    match class {
                        ActorClass::Country => MentionKind::Country,
                        ActorClass::Person => MentionKind::Person,
                        ActorClass::Organization => MentionKind::Organization,
                    },
                ),
                What::Agent { code, .. } => (code.clone(), MentionKind::Agent),
            };
            // Languages, currencies, treaties and datelines named after a country.
            let tokens = range.start + p.start..range.start + p.end;
            if non_actors::names_no_actor(doc, &range, tokens, kind) {
                continue;
            }
            if code == "---" {
                continue;
            }
            // "ethnic Albanians": people of a nationality living elsewhere, civilians of
            // whichever country the sentence places them in (see `context::place_in_context`).
            let (code, kind) =
                if kind == MentionKind::Country && p.start > 0 && all[p.start - 1] == "ETHNIC" {
                    (
                        format!("CVL{}", &code[..3.min(code.len())]),
                        MentionKind::Agent,
                    )
                } else {
                    (code, kind)
                };
            mentions.push(Mention {
                text: doc.text[span.start..span.end].to_string(),
                code,
                span,
                sentence: si,
                tokens: range.start + p.start..range.start + p.end,
                kind,
                entries: p.entries,
                country_from: None,
            });
        }
    }
    doc.mentions = mentions;
    resolve_coreference(doc);
}

/// Verbs after which "it" stands for an organisation or government ("it added").
const IT_VERBS: &[&str] = &[
    "SAID",
    "SAYS",
    "ADDED",
    "ADDS",
    "TOLD",
    "WROTE",
    "STATED",
    "ANNOUNCED",
    "WARNED",
    "NOTED",
    "URGED",
    "ACCUSED",
    "DENIED",
    "REJECTED",
    "CONFIRMED",
    "CALLED",
    "DECLARED",
    "INSISTED",
    "CLAIMED",
    "DEMANDED",
    "THREATENED",
    "PLEDGED",
    "PROMISED",
    "AGREED",
    "REFUSED",
    "CONDEMNED",
    "CRITICISED",
    "CRITICIZED",
    "WELCOMED",
    "RELEASED",
    "LAUNCHED",
    "SENT",
];

/// Words of a person's name that stand for the person on their own later in the text
/// ("Putin", "Kuleba", "Qin" after "Qin Gang"): every word of three letters or more.
fn name_words<'a>(name_norms: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    name_norms.iter().copied().filter(|w| {
        w.len() >= 3
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    })
}

/// Second pass: short names and subject pronouns refer back to earlier actors.
///
/// - A capitalised word that is part of an earlier person's name (not already in a mention)
///   is that person.
/// - "he"/"she" (and "it" before a verb-like word: "it added") refer to the nearest earlier
///   compatible actor: a person for he/she; an organisation, government or country for it.
fn resolve_coreference(doc: &mut Document) {
    let mut added: Vec<Mention> = Vec::new();
    let mut known: std::collections::HashMap<String, (String, String)> = Default::default();
    let mut covered = vec![false; doc.tokens.len()];
    for m in &doc.mentions {
        covered[m.tokens.clone()].iter_mut().for_each(|c| *c = true);
    }
    // Mentions in text order, with added ones interleaved as we go.
    let mut by_start: Vec<&Mention> = doc.mentions.iter().collect();
    by_start.sort_by_key(|m| m.tokens.start);
    let mut next_mention = 0;
    let mut last_person: Option<(String, String)> = None; // (code, name)
    let mut last_thing: Option<(String, String)> = None;
    // For "the two sides": the actors of different countries named so far in the
    // current sentence, and the last two that one sentence named together ("peace
    // between Ukraine and Russia"; a later sentence naming only China leaves them).
    let mut in_sentence: Vec<(String, String)> = Vec::new();
    let mut last_two: Vec<(String, String)> = Vec::new();
    // For "the two leaders": the people named so far, one per country, latest last.
    let mut people: Vec<(String, String)> = Vec::new();
    for si in 0..doc.sentences.len() {
        in_sentence.clear();
        for ti in doc.sentences[si].tokens.clone() {
            while next_mention < by_start.len() && by_start[next_mention].tokens.start <= ti {
                let m = by_start[next_mention];
                next_mention += 1;
                if m.kind != MentionKind::Agent {
                    // Two sides are two countries: Putin and Moscow are one side, and the
                    // person or government names it better than the place.
                    let same = in_sentence
                        .iter()
                        .position(|(c, _)| c.get(..3) == m.code.get(..3));
                    let keep = same.is_some_and(|k| {
                        in_sentence[k].0.len() > m.code.len() && m.kind == MentionKind::Country
                    });
                    if !keep {
                        if let Some(k) = same {
                            in_sentence.remove(k);
                        }
                        in_sentence.push((m.code.clone(), m.text.clone()));
                    }
                    if in_sentence.len() >= 2 {
                        last_two = in_sentence[in_sentence.len() - 2..].to_vec();
                    }
                }
                match m.kind {
                    MentionKind::Person => {
                        let norms: Vec<&str> = doc.tokens[m.tokens.clone()]
                            .iter()
                            .map(|t| t.norm.as_str())
                            .collect();
                        for w in name_words(&norms) {
                            known.insert(w.to_string(), (m.code.clone(), m.text.clone()));
                        }
                        last_person = Some((m.code.clone(), m.text.clone()));
                        people.retain(|(c, _)| c.get(..3) != m.code.get(..3));
                        people.push((m.code.clone(), m.text.clone()));
                    }
                    MentionKind::Agent => {}
                    _ => last_thing = Some((m.code.clone(), m.text.clone())),
                }
            }
            if covered[ti] {
                continue;
            }
            // "The two sides signed…", "both countries pledged…": the last two actors, one
            // mention on each of the phrase's two words, so that they read as a pair.
            if let Some(pair) = pair_phrase(doc, si, ti) {
                // "The two leaders", "both presidents": the last two people of two
                // countries, not the last two countries ("Putin welcomed Xi … and
                // praised China's position on Ukraine. The two leaders will sign …").
                let leaders = matches!(doc.tokens[pair.1].norm.as_str(), "LEADERS" | "PRESIDENTS")
                    && people.len() >= 2;
                let two = if leaders {
                    &people[people.len() - 2..]
                } else {
                    &last_two[..]
                };
                if let [(c1, n1), (c2, n2)] = two {
                    for ((code, name), tok) in [((c1, n1), pair.0), ((c2, n2), pair.1)] {
                        let t = &doc.tokens[tok];
                        added.push(Mention {
                            text: t.span.slice(&doc.text).to_string(),
                            code: code.clone(),
                            span: t.span,
                            sentence: si,
                            tokens: tok..tok + 1,
                            kind: MentionKind::Coreference,
                            entries: vec![format!("one of the pair; refers to \"{name}\"")],
                            country_from: None,
                        });
                        covered[tok] = true;
                    }
                    continue;
                }
            }
            let t = &doc.tokens[ti];
            let word = t.span.slice(&doc.text);
            let next = doc
                .tokens
                .get(ti + 1)
                .filter(|_| ti + 1 < doc.sentences[si].tokens.end);
            let referent = if word.starts_with(char::is_uppercase)
                && known.contains_key(&t.norm)
                && !matches!(t.norm.as_str(), "THE" | "PRESIDENT" | "MINISTER")
            {
                known.get(&t.norm).cloned()
            } else if matches!(t.norm.as_str(), "HE" | "SHE") {
                last_person.clone()
            } else if t.norm == "IT" && next.is_some_and(|n| IT_VERBS.contains(&n.norm.as_str())) {
                // Only before verbs of saying and acting: "it added", not "it rained".
                last_thing.clone()
            } else {
                None
            };
            if let Some((code, name)) = referent {
                // A person named again by a short name is the latest person named: "…
                // Trump … Pence has said he'll decide" (he is Pence).
                if word.starts_with(char::is_uppercase) && known.contains_key(&t.norm) {
                    last_person = Some((code.clone(), name.clone()));
                }
                added.push(Mention {
                    text: word.to_string(),
                    code,
                    span: t.span,
                    sentence: si,
                    tokens: ti..ti + 1,
                    kind: MentionKind::Coreference,
                    entries: vec![format!("refers to \"{name}\"")],
                    country_from: None,
                });
            }
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| m.tokens.start);
    }
}

/// "the two sides", "both countries" starting at token `ti` of sentence `si`: the tokens
/// of the number word and of the noun.
fn pair_phrase(doc: &Document, si: usize, ti: usize) -> Option<(usize, usize)> {
    let end = doc.sentences[si].tokens.end;
    let norm = |i: usize| (i < end).then(|| doc.tokens[i].norm.as_str());
    let noun = |w: Option<&str>| {
        matches!(
            w,
            Some(
                "SIDES"
                    | "COUNTRIES"
                    | "NATIONS"
                    | "LEADERS"
                    | "GOVERNMENTS"
                    | "PRESIDENTS"
                    | "PARTIES"
                    | "NEIGHBOURS"
                    | "NEIGHBORS"
            )
        )
    };
    match norm(ti)? {
        "TWO" if ti > 0 && doc.tokens[ti - 1].norm == "THE" && noun(norm(ti + 1)) => {
            Some((ti, ti + 1))
        }
        "BOTH" if noun(norm(ti + 1)) => Some((ti, ti + 1)),
        _ => None,
    }
}

/// Candidate names → non-overlapping pieces, longest first. `norms[i]` is the word of
/// sentence token `index[i]`.
fn resolve(
    doc: &Document,
    offset: usize,
    index: &[usize],
    norms: &[&str],
    lexicon: &Lexicon,
    date: Option<NaiveDate>,
) -> Vec<Piece> {
    let dict = &lexicon.dict;
    let mut cands: Vec<Piece> = Vec::new();
    for m in lexicon.matcher.find(norms) {
        // Later dictionaries win: scan targets from the end.
        let mut chosen: Option<Piece> = None;
        for t in m.targets.iter().rev() {
            match *t {
                Target::Actor(i) => {
                    let a = &dict.actors[i];
                    // Names are capitalised; "the" may open one ("the Emirates").
                    let word = |k: usize| doc.tokens[offset + index[k]].span.slice(&doc.text);
                    let capital =
                        |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
                    let first = word(m.start);
                    let the_name =
                        first == "the" && m.end > m.start + 1 && capital(word(m.start + 1));
                    if !capital(first) && !the_name {
                        continue;
                    }
                    if let Some(code) = a.code_on(date) {
                        let mut entries = vec![format!("{} {}", a.origin, a.name)];
                        // Say when a role was chosen without the date that decides it.
                        if date.is_none() && a.codes.iter().any(|c| c.is_dated()) {
                            entries.push(format!(
                                "no publication date: {code}, the role the dictionary lists as current"
                            ));
                        }
                        chosen = Some(Piece {
                            start: m.start,
                            end: m.end,
                            what: What::Actor {
                                code: code.to_string(),
                                class: a.class,
                            },
                            entries,
                            stem: m.stem,
                            rank: i,
                        });
                        break;
                    }
                }
                Target::Agent(i) => {
                    let g = &dict.agents[i];
                    chosen = Some(Piece {
                        start: m.start,
                        end: m.end,
                        what: What::Agent {
                            code: g.code.clone(),
                            placement: g.placement,
                        },
                        entries: vec![format!("{} {}", g.origin, g.name)],
                        stem: m.stem,
                        rank: i,
                    });
                    break;
                }
            }
        }
        if let Some(p) = chosen {
            cands.push(p);
        }
    }
    // Longest first, then leftmost; on ties actors before agents, exact names before
    // stems, and later dictionaries (herald's curated files) before earlier ones.
    cands.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.end - p.start),
            p.start,
            matches!(p.what, What::Agent { .. }),
            p.stem,
            std::cmp::Reverse(p.rank),
        )
    });
    let mut taken = vec![false; norms.len()];
    let mut out = Vec::new();
    for p in cands {
        if taken[p.start..p.end].iter().any(|&t| t) {
            continue;
        }
        taken[p.start..p.end].iter_mut().for_each(|t| *t = true);
        out.push(p);
    }
    // "Liberians", "Serbs": the plural of a country's demonym names the country's people
    // (dictionaries list the singular); "US-led" names the country that leads.
    for i in 0..norms.len() {
        if taken[i] || norms[i].len() < 5 {
            continue;
        }
        // "US-led", "Saudi-led": the country that leads is the actor.
        let Some(singular) = norms[i]
            .strip_suffix("-LED")
            .or_else(|| norms[i].strip_suffix('S'))
        else {
            continue;
        };
        if !doc.tokens[offset + i]
            .span
            .slice(&doc.text)
            .starts_with(char::is_uppercase)
        {
            continue;
        }
        let hit = lexicon.matcher.find(&[singular]).into_iter().find_map(|m| {
            m.targets.iter().rev().find_map(|t| match *t {
                Target::Actor(id) if dict.actors[id].class == ActorClass::Country => {
                    Some((id, dict.actors[id].code_on(date)?))
                }
                _ => None,
            })
        });
        if let Some((id, code)) = hit {
            let a = &dict.actors[id];
            taken[i] = true;
            out.push(Piece {
                start: i,
                end: i + 1,
                what: What::Actor {
                    code: code.to_string(),
                    class: a.class,
                },
                entries: vec![format!("{} {} (plural or -led)", a.origin, a.name)],
                stem: false,
                rank: id,
            });
        }
    }
    // "President Mugabe": a title followed by a capitalised word that is the surname of
    // exactly one person in force on the date, when the dictionary lists only full names.
    let titled: Vec<usize> = out
        .iter()
        .filter(|p| matches!(p.what, What::Agent { .. }))
        .map(|p| p.end)
        .collect();
    for i in titled {
        if i >= norms.len() || taken[i] {
            continue;
        }
        let word = doc.tokens[offset + i].span.slice(&doc.text);
        if !word.starts_with(char::is_uppercase) {
            continue;
        }
        let Some(ids) = lexicon.surnames.get(norms[i]) else {
            continue;
        };
        let mut found = ids
            .iter()
            .filter_map(|&id| Some((id, dict.actors[id].code_on(date)?)));
        let (Some((id, code)), None) = (found.next(), found.next()) else {
            continue;
        };
        let a = &dict.actors[id];
        taken[i] = true;
        out.push(Piece {
            start: i,
            end: i + 1,
            what: What::Actor {
                code: code.to_string(),
                class: a.class,
            },
            entries: vec![format!("{} {} (surname)", a.origin, a.name)],
            stem: false,
            rank: id,
        });
    }
    out.sort_by_key(|p| p.start);
    out
}

fn with_agent(actor: &str, agent: &str, placement: AgentPlacement) -> String {
    match placement {
        AgentPlacement::Suffix if actor.ends_with(agent) => actor.to_string(),
        AgentPlacement::Suffix => format!("{actor}{agent}"),
        AgentPlacement::Prefix => format!("{agent}{actor}"),
    }
}

fn is_possessive(norm: &str) -> bool {
    norm == "'S" || norm == "'"
}

/// Merge neighbouring pieces: country + agent, country 's agent, agent of/in/from
/// country (and every country of a list after it: "the ambassadors of Arnor, Osgiliath
/// and Gondor"), title/country before a person, a titled actor before a name of the same
/// country ("Bree Prime Minister Romendacil").
fn combine(norms: &[&str], pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    // For each piece of `out`: the country code an agent was joined to, and for an
    // "agent of X, Y and Z" distribution, the index of its first piece.
    let mut meta: Vec<(Option<String>, Option<usize>)> = Vec::new();
    // The agent an "agent of X" merge applied, to distribute over "X, Y and Z".
    let mut distributed: Option<(String, AgentPlacement)> = None;
    for p in pieces {
        if let Some(prev) = out.last_mut() {
            let between: Vec<&str> = norms[prev.end..p.start].to_vec();
            if let Some(q) = people_of(norms, prev, &p) {
                *prev = q;
                distributed = None;
                continue;
            }
            let base = match (&prev.what, &p.what) {
                (What::Actor { code, .. }, What::Agent { .. }) => Some(code.clone()),
                (What::Agent { .. }, What::Actor { code, .. }) => Some(code.clone()),
                _ => None,
            };
            if let Some((merged, agent)) = merge(prev, &p, &between) {
                *prev = merged;
                let k = out.len() - 1;
                meta[k] = (base, agent.as_ref().map(|_| k));
                distributed = agent;
                continue;
            }
            let listed = !between.is_empty()
                && between.iter().all(|w| matches!(*w, "," | "AND"))
                && between.len() <= 2;
            if let (
                true,
                Some((g, placement)),
                What::Actor {
                    code,
                    class: ActorClass::Country,
                },
            ) = (listed, &distributed, &p.what)
            {
                let chain = meta.last().and_then(|m| m.1);
                meta.push((Some(code.clone()), chain));
                let mut q = p.clone();
                q.what = What::Actor {
                    code: with_agent(code, g, *placement),
                    class: ActorClass::Country,
                };
                out.push(q);
                continue;
            }
        }
        distributed = None;
        meta.push((None, None));
        out.push(p);
    }
    share_countries(norms, out, &meta)
}

/// Two agents joined by "and" share their country: "Danish media and government"
/// (DNKMED, DNKGOV); "lawmakers and officials in Fornost" (FORLEG, FORGOV).
fn share_countries(
    norms: &[&str],
    out: Vec<Piece>,
    meta: &[(Option<String>, Option<usize>)],
) -> Vec<Piece> {
    let and = |a: &Piece, b: &Piece| norms[a.end..b.start] == ["AND"];
    let mut result = Vec::with_capacity(out.len());
    for k in 0..out.len() {
        let p = &out[k];
        if let What::Agent { code: g, placement } = &p.what {
            // "Danish media and government": the country before the first agent.
            let before = k
                .checked_sub(1)
                .filter(|&j| and(&out[j], p))
                .and_then(|j| meta[j].0.as_ref().filter(|_| meta[j].1.is_none()));
            // "lawmakers and officials in Fornost": the country after. (Of a list of
            // countries, the first: one span has one code.)
            let after = out.get(k + 1).filter(|n| and(p, n)).and_then(|_| {
                meta[k + 1]
                    .0
                    .as_ref()
                    .filter(|_| meta[k + 1].1 == Some(k + 1))
            });
            if let Some(base) = before.or(after) {
                let mut q = p.clone();
                q.what = What::Actor {
                    code: with_agent(base, g, *placement),
                    class: ActorClass::Country,
                };
                q.entries
                    .push(format!("shares {base} with the agent it is joined to"));
                result.push(q);
                continue;
            }
        }
        result.push(p.clone());
    }
    result
}

/// "Iraqi Kurds", "Afghan Uzbeks": a country adjective right before a people (a
/// nationality or ethnic group named in the plural) places that people in the country:
/// IRQKUR, as CAMEO codes an ethnic group within a state.
fn people_of(norms: &[&str], a: &Piece, b: &Piece) -> Option<Piece> {
    let (
        What::Actor {
            code: ca,
            class: ActorClass::Country,
        },
        What::Actor {
            code: cb,
            class: ActorClass::Country,
        },
    ) = (&a.what, &b.what)
    else {
        return None;
    };
    let adjective = |w: &str| {
        ["AN", "I", "ISH", "ESE", "IC"]
            .iter()
            .any(|s| w.ends_with(s))
    };
    if a.end != b.start
        || a.end - a.start != 1
        || b.end - b.start != 1
        || ca.len() != 3
        || cb.len() < 3
        || ca[..3] == cb[..3]
        || !adjective(norms[a.start])
        || !norms[b.start].ends_with('S')
    {
        return None;
    }
    let mut entries = a.entries.clone();
    entries.extend(b.entries.iter().cloned());
    Some(Piece {
        start: a.start,
        end: b.end,
        what: What::Actor {
            code: format!("{ca}{}", &cb[..3]),
            class: ActorClass::Country,
        },
        entries,
        stem: a.stem && b.stem,
        rank: a.rank.max(b.rank),
    })
}

/// Words that may stand between a possessive and its title ("Dagolath's first Deputy
/// Prime Minister").
const TITLE_MODIFIERS: &[&str] = &[
    "FIRST", "NEW", "TOP", "SENIOR", "CHIEF", "ACTING", "INTERIM", "DEPUTY",
];

/// Words saying who owns or runs a body, which may stand between its country and the
/// body ("Iran's semi-official news agency", "Syrian state-run television").
const OWNERSHIP: &[&str] = &[
    "STATE-RUN",
    "STATE-OWNED",
    "STATE-CONTROLLED",
    "STATE-BACKED",
    "STATE-AFFILIATED",
    "GOVERNMENT-RUN",
    "GOVERNMENT-OWNED",
    "GOVERNMENT-CONTROLLED",
    "OFFICIAL",
    "SEMI-OFFICIAL",
];

fn merge(
    a: &Piece,
    b: &Piece,
    between: &[&str],
) -> Option<(Piece, Option<(String, AgentPlacement)>)> {
    let adjacent = between.is_empty();
    let modifier = |w: &&str| TITLE_MODIFIERS.contains(w) || OWNERSHIP.contains(w);
    let possessive = !between.is_empty()
        && is_possessive(between[0])
        && between.len() <= 3
        && between[1..].iter().all(modifier);
    // "Chinese senior officials", "Iranian state-run television": a rank or ownership
    // word between a country and its agent does not part them.
    let modified = !between.is_empty() && between.len() <= 2 && between.iter().all(modifier);
    let of = matches!(
        between,
        ["OF"] | ["OF", "THE"] | ["IN"] | ["IN", "THE"] | ["FROM"] | ["FROM", "THE"]
    );
    let mut agent = None;
    let what = match (&a.what, &b.what) {
        // Chinese President; China's foreign minister
        (
            What::Actor {
                code,
                class: ActorClass::Country,
            },
            What::Agent { code: g, placement },
        ) if adjacent || possessive || modified => What::Actor {
            code: with_agent(code, g, *placement),
            class: ActorClass::Country,
        },
        // the foreign minister of Iran; lawmakers in Fornost; soldiers from Gondor;
        // and an agent right before the country ("MSF Arnor": NGOARN)
        (
            What::Agent { code: g, placement },
            What::Actor {
                code,
                class: ActorClass::Country,
            },
        ) if of || adjacent => {
            if of {
                agent = Some((g.clone(), *placement));
            }
            What::Actor {
                code: with_agent(code, g, *placement),
                class: ActorClass::Country,
            }
        }
        // President Vladimir Putin; Chinese President Xi Jinping
        (
            What::Agent { .. }
            | What::Actor {
                class: ActorClass::Country,
                ..
            },
            What::Actor {
                code,
                class: ActorClass::Person,
            },
        ) if adjacent => What::Actor {
            code: code.clone(),
            class: ActorClass::Person,
        },
        // Bree Prime Minister Romendacil: a titled actor and a name of the same country are
        // one actor, with the more specific code.
        // ("US Secretary of State Antony Blinken" stays a person.)
        (
            What::Actor {
                code: ca,
                class: a_class,
            },
            What::Actor {
                code: cb,
                class: b_class,
            },
        ) if adjacent && ca.len() >= 3 && cb.len() >= 3 && ca[..3] == cb[..3] => What::Actor {
            code: if cb.len() > ca.len() {
                cb.clone()
            } else {
                ca.clone()
            },
            class: if *b_class == ActorClass::Person {
                ActorClass::Person
            } else {
                *a_class
            },
        },
        _ => return None,
    };
    let mut entries = a.entries.clone();
    entries.extend(b.entries.iter().cloned());
    Some((
        Piece {
            start: a.start,
            end: b.end,
            what,
            entries,
            stem: a.stem && b.stem,
            rank: a.rank.max(b.rank),
        },
        agent,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_lexicon::{herald_format, Dictionaries};

    fn lexicon() -> Lexicon {
        let mut d = Dictionaries::default();
        herald_format::read_actors(
            "t.actors",
            "China | Chinese | Beijing\n    CHN\nRussia | Russian | Moscow\n    RUS\nKremlin\n    RUSGOV\nIran | Iranian\n    IRN\n\
             Vladimir Putin | Putin\n    RUSGOV 2012-05-07..\n    RUSELI\nXi Jinping\n    CHNGOV 2013-03-14..\n    CHNELI\nTurkey | Turks\n    TUR\nKurds\n    KUR\nThe Emirates\n    ARE\nOld Leader\n    RUSGOV 1990-01-01..1999-12-31\n",
            &mut d,
        );
        herald_format::read_agents(
            "t.agents",
            "President\n    ~GOV\nForeign Minister | Foreign Ministry\n    ~GOV\nPolice\n    ~COP\nRebels\n    ~REB\nPeople\n    ~CVL\nMSF\n    NGO~\n",
            &mut d,
        );
        Lexicon::new(d)
    }

    fn codes(text: &str) -> Vec<(String, String)> {
        let mut doc = Document::new("t", text, NaiveDate::from_ymd_opt(2023, 3, 17));
        herald_text::segment(&mut doc);
        recognize(&mut doc, &lexicon());
        doc.mentions
            .iter()
            .map(|m| (m.text.clone(), m.code.clone()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn bare_agents_take_the_one_country_in_sight() {
        // The sentence names one country, the article's only one: the police are Iran's.
        assert_eq!(
            codes("Police in the capital detained Iranian students."),
            [pair("Police", "IRNCOP"), pair("Iranian", "IRN")]
        );
        // Two countries in sight: the rebels stay uncoded.
        assert_eq!(
            codes("Rebels attacked Iran and Turkey."),
            [
                pair("Rebels", "REB"),
                pair("Iran", "IRN"),
                pair("Turkey", "TUR")
            ]
        );
        // A sentence about Russia in an article mostly about Iran places nothing.
        assert_eq!(
            codes("Iran met Iran. Iran met Iran. Rebels met Russia."),
            [
                pair("Iran", "IRN"),
                pair("Iran", "IRN"),
                pair("Iran", "IRN"),
                pair("Iran", "IRN"),
                pair("Rebels", "REB"),
                pair("Russia", "RUS")
            ]
        );
        // Not every sector: "people", or a description ("a president"), stays bare.
        assert_eq!(
            codes("People asked Iran to name a president."),
            [
                pair("People", "CVL"),
                pair("Iran", "IRN"),
                pair("president", "GOV")
            ]
        );
    }

    #[test]
    fn agents_joined_by_and_share_a_country() {
        assert_eq!(
            codes("Iranian police and rebels clashed."),
            [pair("Iranian police", "IRNCOP"), pair("rebels", "IRNREB")]
        );
        assert_eq!(
            codes("Police and rebels in Turkey and Iran clashed."),
            [
                pair("Police", "TURCOP"),
                pair("rebels in Turkey", "TURREB"),
                pair("Iran", "IRNREB")
            ]
        );
    }

    #[test]
    fn peoples_within_a_country() {
        assert_eq!(
            codes("Iranian Kurds fled."),
            [pair("Iranian Kurds", "IRNKUR")]
        );
        // "ethnic Turks" are civilians of the country the sentence is about.
        assert_eq!(
            codes("Iranian police detained ethnic Turks."),
            [pair("Iranian police", "IRNCOP"), pair("Turks", "IRNCVLTUR")]
        );
    }

    #[test]
    fn a_language_is_no_actor() {
        assert_eq!(
            codes("Iran banned the Russian language."),
            [pair("Iran", "IRN")]
        );
    }

    #[test]
    fn without_a_date_a_person_holds_the_current_role() {
        let mut doc = Document::new("t", "Vladimir Putin spoke.", None);
        herald_text::segment(&mut doc);
        recognize(&mut doc, &lexicon());
        assert_eq!(doc.mentions[0].code, "RUSGOV");
        assert!(doc.mentions[0].entries[1].starts_with("no publication date"));
        // Only a role that ended: that role, the latest the dictionary knows.
        let mut doc = Document::new("t", "Old Leader spoke.", None);
        herald_text::segment(&mut doc);
        recognize(&mut doc, &lexicon());
        assert_eq!(doc.mentions[0].code, "RUSGOV");
    }

    #[test]
    fn currencies_treaties_and_datelines_are_no_actors() {
        assert_eq!(
            codes("Iran sold oil for Russian roubles and Chinese yuan."),
            [pair("Iran", "IRN")]
        );
        assert_eq!(
            codes("Iran left the Beijing Protocol and praised the Moscow climate accord."),
            [pair("Iran", "IRN")]
        );
        assert_eq!(
            codes("MOSCOW (AP) — Russia criticized Iran."),
            [pair("Russia", "RUS"), pair("Iran", "IRN")]
        );
        assert_eq!(
            codes("Moscow: Iran detained students."),
            [pair("Iran", "IRN")]
        );
        // Not at the start, or not followed by a dateline mark: an actor as before.
        assert_eq!(
            codes("Talks in Moscow (Russia) ended."),
            [pair("Moscow", "RUS"), pair("Russia", "RUS")]
        );
    }

    #[test]
    fn a_name_may_open_with_a_lowercase_the() {
        assert_eq!(
            codes("Iran criticized the Emirates."),
            [pair("Iran", "IRN"), pair("the Emirates", "ARE")]
        );
        // A lowercase common word is no name.
        assert_eq!(codes("Iran criticized emirates."), [pair("Iran", "IRN")]);
    }

    #[test]
    fn country_plus_agent_and_person() {
        assert_eq!(
            codes("Chinese President Xi Jinping met Russian police."),
            [
                pair("Chinese President Xi Jinping", "CHNGOV"),
                pair("Russian police", "RUSCOP")
            ]
        );
    }

    #[test]
    fn an_underscore_joins_the_words_of_a_name() {
        assert_eq!(
            codes("Xi_Jinping spoke in Turkey."),
            [pair("Xi_Jinping", "CHNGOV"), pair("Turkey", "TUR")]
        );
        assert_eq!(
            codes("The Foreign_Ministry of Iran spoke."),
            [pair("Foreign_Ministry of Iran", "IRNGOV")]
        );
    }

    #[test]
    fn agent_right_before_a_country() {
        assert_eq!(codes("MSF Russia spoke."), [pair("MSF Russia", "NGORUS")]);
        assert_eq!(codes("Police Iran spoke."), [pair("Police Iran", "IRNCOP")]);
    }

    #[test]
    fn possessive_and_of_forms() {
        assert_eq!(
            codes("China’s foreign minister spoke."),
            [pair("China’s foreign minister", "CHNGOV")]
        );
        assert_eq!(
            codes("The foreign minister of Iran spoke."),
            [pair("foreign minister of Iran", "IRNGOV")]
        );
    }

    #[test]
    fn dated_roles_follow_the_article_date() {
        assert_eq!(
            codes("President Vladimir Putin spoke."),
            [pair("President Vladimir Putin", "RUSGOV")]
        );
        // Outside its only dated range the entry does not apply.
        assert_eq!(codes("Old Leader spoke."), Vec::<(String, String)>::new());
    }

    #[test]
    fn demonym_plurals_led_compounds_and_titled_surnames() {
        assert_eq!(
            codes("Iranians protested. The Russian-led coalition met."),
            [pair("Iranians", "IRN"), pair("Russian-led", "RUS")]
        );
        // "President Xi": a title before the surname of one person in office.
        assert_eq!(
            codes("President Jinping spoke."),
            [pair("President Jinping", "CHNGOV")]
        );
    }

    #[test]
    fn metonyms_and_case() {
        assert_eq!(
            codes("The Kremlin said Beijing will help. The turkey was eaten."),
            [pair("Kremlin", "RUSGOV"), pair("Beijing", "CHN")]
        );
    }

    #[test]
    fn short_names_and_pronouns_refer_back() {
        let text = "Vladimir Putin met the Kremlin staff. Later Putin said he was ready. It added that talks went well.";
        let mut doc = Document::new("t", text, NaiveDate::from_ymd_opt(2023, 3, 17));
        herald_text::segment(&mut doc);
        recognize(&mut doc, &lexicon());
        let got: Vec<(String, String, MentionKind)> = doc
            .mentions
            .iter()
            .map(|m| (m.text.clone(), m.code.clone(), m.kind))
            .collect();
        assert!(
            got.contains(&("he".into(), "RUSGOV".into(), MentionKind::Coreference)),
            "{got:?}"
        );
        assert!(
            got.contains(&("It".into(), "RUSGOV".into(), MentionKind::Coreference)),
            "{got:?}"
        );
        // "Putin" is in the dictionary itself, so it is a person mention, not a coreference.
        assert!(got
            .iter()
            .any(|(t, c, k)| t == "Putin" && c == "RUSGOV" && *k == MentionKind::Person));
    }

    #[test]
    fn spans_point_at_the_text() {
        let text = "Talks: Russian police and Chinese President Xi Jinping.";
        let mut doc = Document::new("t", text, NaiveDate::from_ymd_opt(2023, 3, 17));
        herald_text::segment(&mut doc);
        recognize(&mut doc, &lexicon());
        for m in &doc.mentions {
            assert_eq!(&text[m.span.start..m.span.end], m.text);
            assert!(!m.entries.is_empty());
        }
    }
}
