//! Actors the coder places around a verb by word order: the subject before it (with
//! the actors a list joins to it), the target after it in its own clause, passives
//! turned round, and the reporter of a statement. (`tree.rs` does the same from the
//! dependency parse.)

use crate::candidates::Inherit;
use crate::words::{
    is_auxiliary, locative, past_form, possessive, preposition, true_preposition,
    ADVERBIAL_OPENERS, CLAUSE_OPENERS, PARTITIVES, REPORTING, SUBORDINATORS,
};
use crate::words::{
    passive_marker, BE_FORMS, HARM_PARTICIPLES, INTENT_GOVERNORS, INTENT_VERBS, SAYING,
};
use crate::{tree, Coder, Options};
use herald_core::{Mention, MentionKind, TokenSyntax};

/// An actor mention of the sentence being coded, with its token range counted from the
/// sentence start.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MentionAt<'m> {
    /// First token of the mention.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// The mention itself.
    pub mention: &'m Mention,
}

/// How two neighbouring mentions are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Join {
    /// They are no members of one list.
    Apart,
    /// Members of a list joined by commas only ("Iran, Libya, …").
    Listed,
    /// Members of a list with "and"/"or" ("Libya and Sudan", "the two sides").
    Conjoined,
}

/// Whether the mention starting at `s` is the object of a preposition (`is_prep`); "of" after a
/// partitive noun ("a group of", "thousands of") governs the subject itself, not an object.
pub(crate) fn prepositional(norms: &[&str], s: usize, is_prep: impl Fn(&str) -> bool) -> bool {
    // "the wife of the Moroccan ambassador", "out of the eastern Bosnian enclave": a
    // determiner, and after it a word of direction, may stand between.
    let s = if s > 2
        && matches!(norms[s - 2], "THE" | "A" | "AN")
        && matches!(
            norms[s - 1],
            "EASTERN"
                | "WESTERN"
                | "NORTHERN"
                | "SOUTHERN"
                | "CENTRAL"
                | "NORTHEASTERN"
                | "NORTHWESTERN"
                | "SOUTHEASTERN"
                | "SOUTHWESTERN"
        ) {
        s - 2
    } else if s > 1 && matches!(norms[s - 1], "THE" | "A" | "AN") {
        s - 1
    } else {
        s
    };
    if s == 0 || !is_prep(norms[s - 1]) {
        return false;
    }
    let partitive = norms[s - 1] == "OF"
        && norms[..s - 1]
            .iter()
            .rev()
            .find(|w| !matches!(**w, "THE" | "A" | "AN" | "FIRST" | "LARGE" | "SMALL"))
            .is_some_and(|w| {
                PARTITIVES.contains(w) || w.chars().all(|c| c.is_ascii_digit() || c == ',')
            });
    !partitive
}

/// Mention `i` with the mentions "and", "or" or commas join to it after it ("Iran,
/// Libya and Sudan"). A list needs "and"/"or" or a third member: "In Gondor, Mordor …"
/// is not one.
pub(crate) fn with_conjuncts(norms: &[&str], mentions: &[MentionAt], i: usize) -> Vec<usize> {
    let mut list = vec![i];
    let mut linked = false;
    let mut j = i;
    while j + 1 < mentions.len() {
        let join = joint(norms, mentions, j);
        if join == Join::Apart {
            break;
        }
        linked |= join == Join::Conjoined;
        list.push(j + 1);
        j += 1;
    }
    if !linked && list.len() < 3 {
        list.truncate(1);
    }
    list
}

/// The actors word order gives a verb: mention indices, with why the source is the source.
pub(crate) struct Actors {
    /// The source mention and its conjuncts.
    pub source: Vec<usize>,
    /// The target mention and its conjuncts.
    pub target: Vec<usize>,
    /// Why the source was chosen (for explanations).
    pub reason: &'static str,
}

/// Source: the nearest mention before the verb at `v` that is not a prepositional
/// object, with the actors joined to it by "and"/commas. Target: the first mention from
/// `after` on (and its conjuncts). A passive with its agent turns the two round.
pub(crate) fn default_actors(
    norms: &[&str],
    mentions: &[MentionAt],
    v: usize,
    after: usize,
) -> Actors {
    let (subject, reason) = subject(norms, mentions, v);
    let source = subject
        .map(|i| conjuncts_before(norms, mentions, i))
        .unwrap_or_default();
    let target = target_after(norms, mentions, after);
    turn_passive(
        norms,
        mentions,
        v,
        after,
        Actors {
            source,
            target,
            reason,
        },
    )
}

/// The mention that is the subject of the verb at `v` by word order, if any, and why.
fn subject(norms: &[&str], mentions: &[MentionAt], v: usize) -> (Option<usize>, &'static str) {
    // A mention right before the verb (auxiliaries and adverbs aside) is its subject even
    // after a conjunction that looks like a preposition ("weeks before Russia invaded").
    let adjacent = mentions.iter().rposition(
        |&MentionAt {
             start: s, end: e, ..
         }| {
            e <= v
                && !prepositional(norms, s, true_preposition)
                && norms[e..v].iter().all(|w| {
                    is_auxiliary(w)
                        || matches!(
                            *w,
                            "ALSO"
                                | "LATER"
                                | "THEN"
                                | "NOT"
                                | "N'T"
                                | "NEVER"
                                | "JUST"
                                | "ALREADY"
                                | "REPORTEDLY"
                                | "ALLEGEDLY"
                        )
                })
        },
    );
    let mut source_reason = if adjacent.is_some() {
        "the actor right before the verb"
    } else {
        "the nearest actor before the verb that is not a prepositional object"
    };
    // "… five years after crowds burned down its embassy": the verb's clause opens with a
    // subordinator and has a subject of its own that is no actor, so no earlier actor is.
    let own_subject = norms[..v]
        .iter()
        .rposition(|w| SUBORDINATORS.contains(w) || CLAUSE_OPENERS.contains(w))
        .is_some_and(|b| {
            let no_actor = !mentions.iter().any(|m| m.start > b && m.start < v);
            let words = norms[b + 1..v]
                .iter()
                .filter(|w| !is_auxiliary(w) && w.chars().any(char::is_alphabetic))
                .count();
            no_actor && words > 0 && !matches!(norms[b], "WHO" | "WHICH" | "THAT")
        })
        || that_clause_without_actor(norms, mentions, v);
    // "… after Calenardhon crowds burned …": an actor opening the verb's adverbial clause
    // and modifying its subject noun is the source, though "after" looks like a preposition.
    let opener_subject = norms[..v]
        .iter()
        .rposition(|w| ADVERBIAL_OPENERS.contains(w))
        .and_then(|b| {
            let first = if norms.get(b + 1).is_some_and(|w| *w == "THE") {
                b + 2
            } else {
                b + 1
            };
            mentions.iter().position(
                |&MentionAt {
                     start: s, end: e, ..
                 }| {
                    s == first
                        && e < v
                        && v - e <= 2
                        && norms[e..v].iter().all(|w| {
                            w.chars().all(|c| c.is_alphabetic() || c == '-')
                                && !preposition(w)
                                && !SUBORDINATORS.contains(w)
                        })
                        && !mentions.iter().any(|m| m.start >= e && m.start < v)
                },
            )
        });
    if adjacent.is_none() && opener_subject.is_some() {
        source_reason = "the actor opening the verb's adverbial clause";
    }
    // "… intelligence to Macedonia, which is preparing an offensive": the verb of a
    // relative clause has the clause's antecedent as subject, prepositional object or not.
    let antecedent = if adjacent.is_none() && opener_subject.is_none() {
        mentions.iter().rposition(|&MentionAt { end: e, .. }| {
            let rel = match norms.get(e) {
                Some(&",") => e + 1,
                _ => e,
            };
            e < v
                && rel < v
                && matches!(norms[rel], "WHICH" | "WHO")
                && norms[rel + 1..v]
                    .iter()
                    .all(|w| is_auxiliary(w) || matches!(*w, "ALSO" | "NOW" | "STILL" | "NOT"))
        })
    } else {
        None
    };
    if antecedent.is_some() {
        source_reason = "the actor the relative clause of the verb refers to";
    }
    // "The Lagos police, investigating the killing of a journalist, have arrested …":
    // a verb right after a clause the commas set off has the actor before that clause
    // as subject, not an actor inside it.
    let bracketed = if adjacent.is_none() && opener_subject.is_none() && antecedent.is_none() {
        let mut k = v;
        while k > 0 && (is_auxiliary(norms[k - 1]) || matches!(norms[k - 1], "ALSO" | "NOW")) {
            k -= 1;
        }
        let close = k.checked_sub(1).filter(|&c| norms[c] == ",");
        close
            .and_then(|c| opening_comma(norms, c))
            .and_then(|open| {
                mentions.iter().rposition(
                    |&MentionAt {
                         start: s, end: e, ..
                     }| { e == open && !prepositional(norms, s, preposition) },
                )
            })
    } else {
        None
    };
    if bracketed.is_some() {
        source_reason = "the actor before the clause the commas set off";
    }
    let subject = adjacent
        .or(opener_subject)
        .or(antecedent)
        .or(bracketed)
        .or_else(|| {
            if own_subject {
                return None;
            }
            // Nor is an actor inside an opening prepositional phrase ("On improvement of
            // primary health and Gondor's health centres, he said …").
            let intro_end = norms
                .first()
                .filter(|w| preposition(w))
                .and_then(|_| norms[..v].iter().position(|w| *w == ","))
                .unwrap_or(0);
            mentions.iter().rposition(
                |&MentionAt {
                     start: s, end: e, ..
                 }| {
                    e <= v && s >= intro_end && !prepositional(norms, s, preposition)
                },
            )
        });
    (subject, source_reason)
}

/// Mention `i` with the mentions joined to it before it: "Arnor, Osgiliath and Gondor
/// presented" (nearest first).
fn conjuncts_before(norms: &[&str], mentions: &[MentionAt], i: usize) -> Vec<usize> {
    let mut source = vec![i];
    let mut j = i;
    let mut linked = false;
    while j > 0 {
        let join = joint(norms, mentions, j - 1);
        if join == Join::Apart {
            break;
        }
        linked |= join == Join::Conjoined;
        source.push(j - 1);
        j -= 1;
    }
    // A list needs "and"/"or" or a third member: "In Gondor, Mordor …" is not one.
    if !linked && source.len() < 3 {
        source.truncate(1);
    }
    source
}

/// The first mention from `after` on in the verb's own clause, with its conjuncts.
fn target_after(norms: &[&str], mentions: &[MentionAt], after: usize) -> Vec<usize> {
    // The target lies in the verb's own clause: stop at "; " and at subordinate clauses.
    let clause_end = (after..norms.len())
        .find(|&p| {
            norms[p] == ";"
                || SUBORDINATORS.contains(&norms[p])
                // "agreed to resign without returning to Kyrgyzstan": a gerund after a
                // preposition has its own object.
                || (matches!(norms[p], "WITHOUT" | "BEFORE" | "AFTER" | "WHILE" | "DESPITE")
                    && norms
                        .get(p + 1)
                        .is_some_and(|w| w.len() > 5 && w.ends_with("ING")))
                || (norms[p] == "," && norms.get(p + 1) == Some(&"BUT"))
                // ", expected to be joined by …", ", killing …": a participle clause
                // after the comma has its own actors.
                || (norms[p] == ","
                    && norms
                        .get(p + 1)
                        .is_some_and(|w| w.len() > 4 && (w.ends_with("ING") || w.ends_with("ED")))
                    && !mentions.iter().any(|m| m.start == p + 1))
                // ", a senior Bree official said on Saturday": a clause of reporting
                // has its own subject, which is no target.
                || (norms[p] == ","
                    && norms[p + 1..]
                        .iter()
                        .take_while(|w| **w != ",")
                        .any(|w| REPORTING.contains(w) && *w != "ACCORDING"))
        })
        .unwrap_or(norms.len());
    // "a hunger strike outside Parliament": a place the act happens near is no target.
    let placed = |s: usize| prepositional(norms, s, locative);
    mentions
        .iter()
        .position(|m| m.start >= after && m.start < clause_end && !placed(m.start))
        .map(|i| with_conjuncts(norms, mentions, i))
        .unwrap_or_default()
}

/// Passives: the agent ("by …") of the verb at `v` is the source, and what it acts on
/// the target; other verbs keep `actors`.
fn turn_passive(
    norms: &[&str],
    mentions: &[MentionAt],
    v: usize,
    after: usize,
    actors: Actors,
) -> Actors {
    let Actors {
        source,
        target,
        reason,
    } = actors;
    // A passive with its agent: "Xi was invited by Putin" — Putin acts on Xi.
    let passive = norms[v.saturating_sub(2)..v]
        .iter()
        .any(|w| BE_FORMS.contains(w));
    if passive
        && !source.is_empty()
        && target
            .first()
            .is_some_and(|&t| after_by(norms, mentions[t].start))
    {
        return Actors {
            source: target,
            target: source,
            reason: "the agent (\"by …\") of the passive verb",
        };
    }
    // "A camp for Congolese refugees was attacked by Burundian militiamen": the actor in
    // the passive subject's own phrase is what was acted on, prepositional object or not.
    let by_agent = target
        .first()
        .is_some_and(|&t| after_by(norms, mentions[t].start));
    // "… the Beagle Channel, disputed by Argentina and Chile", "nationals suspected by the
    // West": a participle with its agent right after a noun or a comma and no auxiliary
    // is a reduced passive relative clause. Its agent acts on the noun it follows (an
    // actor only if that noun is one), never on an actor further back.
    let participle = past_form(norms[v]);
    let reduced = !passive
        && participle
        && v > 0
        && norms.get(after) == Some(&"BY")
        && !is_auxiliary(norms[v - 1])
        && (norms[v - 1] == "," || !mentions.iter().any(|m| m.end == v))
        && !mentions.iter().any(|m| m.start == v);
    if reduced && by_agent {
        let head_end = if norms[v - 1] == "," { v - 1 } else { v };
        let patient = mentions.iter().position(|m| m.end == head_end);
        return Actors {
            source: target,
            target: patient.into_iter().collect(),
            reason: "the agent (\"by …\") of a participle modifying the noun before it",
        };
    }
    if passive && source.is_empty() && by_agent {
        let patient = mentions.iter().rposition(|&MentionAt { end: e, .. }| {
            e <= v && !norms[e..v].iter().any(|w| matches!(*w, "," | ";" | ":"))
        });
        if let Some(p) = patient {
            return Actors {
                source: target,
                target: vec![p],
                reason: "the agent (\"by …\") of the passive verb, acting on the subject's phrase",
            };
        }
        // "Two men were arrested by the police": the subject is no actor, so the agent
        // acts on someone unnamed (a one-actor event), never the subject's stand-in.
        let agent_start = mentions[target[0]].start;
        if !norms[after.min(agent_start)..agent_start].contains(&",") {
            return Actors {
                source: target,
                target: Vec::new(),
                reason: "the agent (\"by …\") of the passive verb; its subject is no actor",
            };
        }
    }
    Actors {
        source,
        target,
        reason,
    }
}

/// Participles that, after "be", say what the subject takes part in ("were engaged in
/// fighting", "is embroiled in a war"), not what was done to it.
const INVOLVEMENT: &[&str] = &[
    "ENGAGED",
    "INVOLVED",
    "EMBROILED",
    "ENTANGLED",
    "ENMESHED",
    "LOCKED",
    "MIRED",
];

/// An agentless passive at `v` that states an act of its own: "forty protesters were
/// arrested in Lagos", "have been detained", a headline's "50 activists arrested in
/// Mumbai" (a participle after its noun as the sentence's main verb, when the parse
/// says so); not one in a relative clause. The subject's mentions (none when the subject is no actor,
/// "22 people were arrested"), or `None` when the verb is active or names its agent
/// ("by …" in its clause).
pub(crate) fn agentless_passive(
    norms: &[&str],
    syn: Option<&[TokenSyntax]>,
    mentions: &[MentionAt],
    v: usize,
) -> Option<AgentlessPassive> {
    let harm = HARM_PARTICIPLES.contains(&norms[v]);
    if !past_form(norms[v]) || syn.is_some_and(|s| s[v].xpos != "VBN" && !harm) {
        return None;
    }
    // "Serb forces were engaged in ethnic cleansing": a participle of involvement says
    // what its subject takes part in; the subject acts.
    if INVOLVEMENT.contains(&norms[v]) {
        return None;
    }
    // A passive in a relative clause is background ("Libya freed prisoners who had been
    // jailed for years"), no act of its own; a headline's participle is its main verb
    // ("50 activists arrested in Mumbai"); a participle modifying an actor has that
    // actor as its subject ("two militants arrested on Tuesday had planned …").
    if let Some(syn) = syn {
        let mut u = v;
        for _ in 0..4 {
            match syn[u].deprel.split(':').next() {
                Some("conj") => match syn[u].head {
                    Some(h) => u = h,
                    None => break,
                },
                // A relative clause ("who were arrested") is read below, from its words.
                Some("acl") if syn[u].deprel == "acl:relcl" => break,
                // Right after an actor, that actor is what was acted on: never the source.
                Some("acl") => {
                    let noun = mentions.iter().position(|m| m.end == v)?;
                    // … when the parse makes that noun an argument of another verb (a
                    // root noun means the participle is the main verb it misread).
                    let head = syn[u].head?;
                    if norms[v + 1..].first() == Some(&"BY")
                        || head + 1 != v
                        || syn[head].deprel == "root"
                    {
                        return None;
                    }
                    return Some(AgentlessPassive {
                        subject: conjuncts_before(norms, mentions, noun),
                        with_be: false,
                        background: false,
                        agent_named: false,
                    });
                }
                _ => break,
            }
        }
    }
    let clause_end = norms[v + 1..]
        .iter()
        .position(|w| matches!(*w, "," | ";" | ":"))
        .map_or(norms.len(), |p| v + 1 + p);
    // "by" naming an actor makes the passive agentive; "killed by a roadside bomb",
    // "arrested by Tuesday" name none, and the subject still only suffered the act.
    // (The by-phrase runs to the next preposition but "of": "by a bomb in Kabul" names
    // a place, no agent; "by a team of police" names the police.)
    let by_actor = (v + 1..clause_end).any(|b| {
        let phrase_end = (b + 1..clause_end)
            .find(|&k| norms[k] != "OF" && true_preposition(norms[k]))
            .unwrap_or(clause_end);
        norms[b] == "BY" && mentions.iter().any(|m| m.start > b && m.start < phrase_end)
    });
    if by_actor {
        return None;
    }
    let agent_named = norms[v + 1..clause_end].contains(&"BY");
    // Back over adverbs ("were also arrested") to the passive's "be" (or "get").
    let mut k = v;
    while k > 0
        && (norms[k - 1].ends_with("LY")
            || matches!(norms[k - 1], "NOT" | "ALSO" | "LATER" | "ALREADY" | "JUST"))
    {
        k -= 1;
    }
    let be = k > 0 && passive_marker(norms[k - 1]);
    let subject_end = if be {
        // … and over the auxiliaries before it ("have been", "will be") and a relative
        // pronoun ("protesters who were arrested").
        k -= 1;
        while k > 0 && is_auxiliary(norms[k - 1]) {
            k -= 1;
        }
        if k > 0 && matches!(norms[k - 1], "WHO" | "WHICH" | "THAT") {
            // "militants who were shot dead", "prisoners who had been jailed": the
            // relative clause's antecedent was acted on. Background to the sentence: only
            // an implied agent or harm is coded from it (see `sentence::implied_agent`).
            let rel = k - 1;
            let head = if rel > 0 && norms[rel - 1] == "," {
                rel - 1
            } else {
                rel
            };
            return Some(AgentlessPassive {
                subject: ending_at(norms, mentions, head),
                with_be: true,
                background: true,
                agent_named,
            });
        }
        k
    } else {
        // A reduced relative: a participle right after its noun, with no object of its
        // own ("activists detained at the border", "50 people arrested in Mumbai").
        let syn = syn?;
        let next_free = object_free(norms, v + 1, harm);
        // (A participle of harm right after an actor needs no parse to say so: taggers
        // misread headlines such as "militant shot dead near …".)
        let parsed = matches!(syn[v.saturating_sub(1)].upos.as_str(), "NOUN" | "PROPN")
            && syn[v].deprel == "root";
        let after_actor = mentions.iter().any(|m| m.end == v);
        if v == 0 || !next_free || !(parsed || (harm && after_actor)) {
            return None;
        }
        v
    };
    // "40 protesters, who tried to enter the compound, were arrested": the subject
    // comes before the clause the commas set off.
    let subject_end = match subject_end.checked_sub(1) {
        Some(c) if norms[c] == "," && !mentions.iter().any(|m| m.end == c) => {
            opening_comma(norms, c)
                .filter(|&o| matches!(norms.get(o + 1), Some(&("WHO" | "WHICH"))))
                .unwrap_or(subject_end)
        }
        _ => subject_end,
    };
    let mut subject = ending_at(norms, mentions, subject_end);
    if subject.is_empty() && be {
        subject = in_subject_phrase(norms, syn, mentions, v);
    }
    Some(AgentlessPassive {
        subject,
        with_be: be,
        background: false,
        agent_named,
    })
}

/// "Dozens of Iraqi soldiers and a general have been killed": the mentions inside the
/// passive subject of the verb at `v` by the parse (its `nsubj:pass` and the words under
/// it), when no actor ends the subject phrase; not a possessor ("Russia's reputation was
/// hurt") nor the object of a preposition other than "of".
fn in_subject_phrase(
    norms: &[&str],
    syn: Option<&[TokenSyntax]>,
    mentions: &[MentionAt],
    v: usize,
) -> Vec<usize> {
    let Some(syn) = syn else {
        return Vec::new();
    };
    let Some(head) = (0..v).find(|&i| syn[i].head == Some(v) && syn[i].deprel == "nsubj:pass")
    else {
        return Vec::new();
    };
    // Whether token `t` lies under the subject's head (a few steps up at most).
    let under = |mut t: usize| {
        for _ in 0..6 {
            if t == head {
                return true;
            }
            match syn[t].head {
                Some(h) => t = h,
                None => return false,
            }
        }
        false
    };
    (0..mentions.len())
        .filter(|&i| {
            let m = &mentions[i];
            m.end <= v
                && (m.start..m.end).any(under)
                && !norms.get(m.end).is_some_and(|w| possessive(w))
                && !(m.start > 0
                    && norms[m.start - 1] != "OF"
                    && true_preposition(norms[m.start - 1]))
        })
        .collect()
}

/// The mention ending right before token `end`, with the mentions joined to it.
fn ending_at(norms: &[&str], mentions: &[MentionAt], end: usize) -> Vec<usize> {
    mentions
        .iter()
        .position(|m| m.end == end)
        .map(|i| conjuncts_before(norms, mentions, i))
        .unwrap_or_default()
}

/// The comma that opens the clause the comma at `close` ends.
fn opening_comma(norms: &[&str], close: usize) -> Option<usize> {
    norms[..close].iter().rposition(|w| *w == ",")
}

/// Whether no object follows a participle at `at`: the sentence ends, or a preposition
/// or punctuation comes; for a participle of harm also "and" with another subject ("12
/// killed and 15 wounded in"), not a second verb sharing an object ("killed and wounded
/// scores of fighters") nor a quantity ("killed at least 40", "killed over 100").
fn object_free(norms: &[&str], at: usize, harm: bool) -> bool {
    let Some(w) = norms.get(at) else {
        return true;
    };
    let quantity = |i: usize| {
        norms.get(i).is_some_and(|n| {
            matches!(*n, "LEAST" | "MOST") || n.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    // "shot dead", "was beaten to death": the result, no object.
    if harm && matches!(*w, "DEAD" | "TO") {
        return *w == "DEAD" || norms.get(at + 1) == Some(&"DEATH");
    }
    if *w == "AND" && harm {
        return match norms.get(at + 1) {
            Some(n) if HARM_PARTICIPLES.contains(n) => object_free(norms, at + 2, harm),
            _ => true,
        };
    }
    (true_preposition(w) && !(harm && quantity(at + 1))) || !w.chars().any(char::is_alphanumeric)
}

/// An agentless passive: its subject's mentions, and whether "be" (or "get") marks it
/// (a bare participle may also be a past tense the tagger misread).
#[derive(Clone, Debug)]
pub(crate) struct AgentlessPassive {
    pub subject: Vec<usize>,
    pub with_be: bool,
    /// In a relative clause: no act of the sentence's own.
    pub background: bool,
    /// A "by" phrase names an agent that is no actor.
    pub agent_named: bool,
}

/// "… a resolution that aims to tighten sanctions and impose a blockade": the verb's
/// clause opens with "that" after a word that is no actor, and no actor (nor a pronoun
/// standing for one) comes between, so its subject is that non-actor ("resolution") or
/// a noun of its own, and no earlier actor is. A verb of saying opens such a clause as
/// "that" does ("officials said 73 people died").
pub(crate) fn that_clause_without_actor(norms: &[&str], mentions: &[MentionAt], v: usize) -> bool {
    let Some(b) = norms[..v]
        .iter()
        .rposition(|w| *w == "THAT" || SAYING.contains(w))
    else {
        return false;
    };
    let between = &norms[b + 1..v];
    b > 0
        && !mentions.iter().any(
            |&MentionAt {
                 start: s, end: e, ..
             }| (s > b && s < v) || (e == b && norms[b] == "THAT"),
        )
        && !between.iter().any(|w| {
            matches!(
                *w,
                "," | ";" | ":" | "IT" | "HE" | "SHE" | "THEY" | "WE" | "I"
            )
        })
        && between
            .iter()
            .any(|w| !is_auxiliary(w) && w.chars().any(char::is_alphabetic))
}

/// A participle right after "a/the + noun", the noun no actor: "a guard involved in".
pub(crate) fn noun_modifier(norms: &[&str], mentions: &[MentionAt], v: usize) -> bool {
    let participle = past_form(norms[v]);
    let prev_is_noun = v >= 2
        && norms[v - 1].chars().all(|c| c.is_ascii_alphabetic())
        && !is_auxiliary(norms[v - 1])
        && !norms[v - 1].ends_with("LY")
        && !matches!(
            norms[v - 1],
            "AND" | "OR" | "BUT" | "ALSO" | "WHO" | "WHICH" | "THAT" | "NOT"
        );
    participle
        && prev_is_noun
        && matches!(norms[v - 2], "A" | "AN" | "THE")
        && !mentions.iter().any(|m| m.end == v)
}

/// Whether the mention starting at `s` is a passive agent: "by Putin", "by the U.N.",
/// "by a team of police" (a body of the actor's people acts as the actor).
pub(crate) fn after_by(norms: &[&str], s: usize) -> bool {
    let before_det = |k: usize| match k.checked_sub(1).map(|i| norms[i]) {
        Some("THE" | "A" | "AN") => k - 1,
        _ => k,
    };
    let k = before_det(s);
    if k > 0 && norms[k - 1] == "BY" {
        return true;
    }
    // "by suspected Taliban fighters", "by unidentified gunmen": a word saying how sure
    // or how well known the agent is may stand between.
    if k > 1
        && norms[k - 2] == "BY"
        && matches!(
            norms[k - 1],
            "SUSPECTED" | "ALLEGED" | "UNIDENTIFIED" | "UNKNOWN" | "ARMED" | "MASKED"
        )
    {
        return true;
    }
    // "by a (joint) team of (the local) police", "by personnel of the army".
    let word = |k: usize| k > 0 && norms[k - 1].chars().all(|c| c.is_ascii_alphabetic());
    let k = if k >= 2 && norms[k - 1] != "OF" && norms[k - 2] == "OF" && word(k) {
        k - 1
    } else {
        k
    };
    if k < 2 || norms[k - 1] != "OF" || !BODIES_OF.contains(&norms[k - 2]) {
        return false;
    }
    let k = k - 2;
    let by = |k: usize| k > 0 && norms[k - 1] == "BY";
    by(before_det(k)) || (word(k) && by(before_det(k - 1)))
}

/// Nouns for a body of people that, before "of" and an actor, stand for the actor.
const BODIES_OF: &[&str] = &[
    "TEAM",
    "TEAMS",
    "UNIT",
    "UNITS",
    "SQUAD",
    "SQUADS",
    "CONTINGENT",
    "CONTINGENTS",
    "GROUP",
    "GROUPS",
    "PARTY",
    "MEMBERS",
    "PERSONNEL",
    "OFFICERS",
    "DETACHMENT",
    "COLUMN",
    "PLATOON",
    "COMPANY",
    "BATTALION",
    "MOB",
    "CROWD",
    "BAND",
];

/// How mentions `i` and `i + 1` are joined: by the words between them (`list_joint`), or
/// as the two halves of "the two sides".
fn joint(norms: &[&str], mentions: &[MentionAt], i: usize) -> Join {
    // Overlapping mentions (a pair word inside a longer name) are not joined by words.
    let Some(between) = norms.get(mentions[i].end..mentions[i + 1].start) else {
        return Join::Apart;
    };
    match list_joint(between) {
        Join::Apart => pair(mentions, i),
        join => join,
    }
}

/// `Join::Conjoined` when mentions `i` and `i + 1` are the two halves of "the two sides"
/// or "both countries" (two adjacent coreference mentions, one per word).
fn pair(mentions: &[MentionAt], i: usize) -> Join {
    let MentionAt {
        end: e, mention: a, ..
    } = mentions[i];
    let Some(&MentionAt {
        start: s,
        mention: b,
        ..
    }) = mentions.get(i + 1)
    else {
        return Join::Apart;
    };
    if e == s && a.kind == MentionKind::Coreference && b.kind == MentionKind::Coreference {
        Join::Conjoined
    } else {
        Join::Apart
    }
}

/// Whether the words between two actors join them in a list (",", "and", "or", and "the"
/// before the second: "Ithilen and the government of Gondor"), and whether an "and"/"or"
/// is among them.
fn list_joint(between: &[&str]) -> Join {
    let words = match between {
        [rest @ .., "THE"] => rest,
        all => all,
    };
    // "Sudan, and with strings attached, Cuba": a short aside after the conjunction.
    if let Some(c) = words.iter().position(|w| matches!(*w, "AND" | "OR")) {
        let aside: Vec<&str> = words[c + 1..]
            .iter()
            .copied()
            .filter(|w| *w != ",")
            .collect();
        if words[..c].iter().all(|w| *w == ",")
            && words.last() == Some(&",")
            && (1..=5).contains(&aside.len())
            && aside.iter().all(|w| w.chars().all(char::is_alphabetic))
        {
            return Join::Conjoined;
        }
    }
    if words.is_empty() || !words.iter().all(|w| matches!(*w, "AND" | "," | "OR")) {
        Join::Apart
    } else if words.iter().any(|w| matches!(*w, "AND" | "OR")) {
        Join::Conjoined
    } else {
        Join::Listed
    }
}

/// Whether the verb at `v` is joined by "and"/"but" to an earlier verb phrase with no
/// subject of its own between ("condemned the attack and promised aid").
pub(crate) fn coordinated(norms: &[&str], v: usize) -> bool {
    let mut i = v;
    while i > 0 && (is_auxiliary(norms[i - 1]) || matches!(norms[i - 1], "ALSO" | "THEN" | "LATER"))
    {
        i -= 1;
    }
    i > 0 && matches!(norms[i - 1], "AND" | "BUT")
}

/// Whether the verb at `v` lies in an adverbial clause of the verb at `u`: the nearest
/// opener before `v` comes after `u`, with no comma between it and `v` (a comma there
/// closes the adverbial clause: "… after crowds burned its embassy, an official said")
/// and no ";" between the two verbs.
pub(crate) fn in_adverbial_clause(norms: &[&str], u: usize, v: usize) -> bool {
    u < v
        && !norms[u..v].contains(&";")
        && norms[..v]
            .iter()
            .rposition(|w| ADVERBIAL_OPENERS.contains(w))
            .is_some_and(|b| b > u && !norms[b..v].contains(&","))
}

/// The actor reporting the event at token `v`: the one right before or after a reporting
/// verb elsewhere in the sentence ("the Kremlin said", "said the Kremlin", "according to
/// the Kremlin").
pub(crate) fn reporter<'m>(
    norms: &[&str],
    mentions: &[MentionAt<'m>],
    v: usize,
) -> Option<&'m Mention> {
    let r = (0..norms.len()).find(|&i| i != v && REPORTING.contains(&norms[i]))?;
    let skip = |w: &&str| matches!(*w, "THE" | "TO" | "ALSO" | "HAS" | "HAVE" | "HAD");
    mentions
        .iter()
        .find(|m| m.end <= r && norms[m.end..r].iter().all(&skip))
        .or_else(|| {
            mentions.iter().find(|&&MentionAt { start: s, .. }| {
                s > r && s > v && norms[r + 1..s].iter().all(&skip)
            })
        })
        .map(|m| m.mention)
}

/// A verb's actors before its patterns are tried, with why each was chosen.
pub(crate) struct VerbActors {
    /// Source mentions.
    pub source: Vec<usize>,
    /// Target mentions.
    pub target: Vec<usize>,
    /// Why the source is the source (for explanations).
    pub source_reason: &'static str,
    /// Why the target is the target.
    pub target_reason: &'static str,
    /// "postponed their meeting", "met each other": the subjects act on one another.
    pub each_other: bool,
    /// For an agentless passive ("were arrested"), its subject's mentions.
    pub passive: Option<AgentlessPassive>,
}

impl Coder {
    /// The actors of the verb at `v`, whose words after it begin at `after_verb`: from
    /// the parse with `actors_from_parse`, else by word order and the rules on top of
    /// it, with what the verb takes from another verb of its sentence (`inherit`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn verb_actors(
        &self,
        norms: &[&str],
        syn: Option<&[TokenSyntax]>,
        mentions: &[MentionAt],
        v: usize,
        after_verb: usize,
        inherit: &Inherit,
        options: &Options,
    ) -> VerbActors {
        let (source, target, source_reason, target_reason) = match syn {
            Some(syn) if options.actors_from_parse => {
                let ta = tree::actors(syn, norms, mentions, v);
                let (mut source, mut sr) = (ta.source, ta.source_reason);
                let (mut target, mut tr) = (ta.target, ta.target_reason);
                // Where the parse has no subject at all, word order decides.
                if source.is_empty() && !ta.has_subject {
                    let word_order = default_actors(norms, mentions, v, after_verb);
                    source = word_order.source;
                    sr = word_order.reason;
                }
                if target.is_empty() {
                    target = default_actors(norms, mentions, v, after_verb).target;
                    tr = "the first actor after the verb";
                }
                (source, target, sr, tr)
            }
            _ => {
                let Actors {
                    source: mut s,
                    target: t,
                    reason: mut r,
                } = default_actors(norms, mentions, v, after_verb);
                // "rejected an invitation to attend a meeting": an infinitive completing a
                // noun that is no actor has no subject in the sentence.
                // The noun must come after a verb: a headline's "NATO chief to meet …"
                // is a subject with its future verb.
                let object_noun = |n: usize| norms[..n].iter().any(|w| self.forms.contains_key(*w));
                let noun_complement = syn.is_some_and(|syn| {
                    v >= 2
                        && norms[v - 1] == "TO"
                        && syn[v - 2].upos == "NOUN"
                        && object_noun(v - 2)
                        && !INTENT_VERBS.contains(&norms[v - 2])
                        && !INTENT_GOVERNORS.contains(&norms[v - 2])
                        && !mentions.iter().any(|m| m.end == v - 1)
                });
                if noun_complement {
                    s.clear();
                    r = "no actor: the infinitive completes the noun before it";
                }
                // "… an ultimatum to hand over a guard involved in a shooting": a past
                // participle (as the tagger reads it) right after "a/the + noun" that is no
                // actor modifies that noun, its subject; an actor further back is not.
                let vbn = syn.is_none_or(|syn| syn[v].xpos == "VBN");
                // The parse says the same of a participle after any noun phrase that is
                // no actor ("a version called the Healthy Plan", "the spending bill
                // released on Thursday").
                // (Only where the sentence has a main verb of its own: "Hundreds of
                // protesters marched" parsed as a noun with a participle is a misparse.)
                let modifies_non_actor = syn.is_some_and(|syn| {
                    syn[v].xpos == "VBN"
                        && syn[v].deprel == "acl"
                        && syn.iter().any(|t| {
                            t.deprel == "root" && matches!(t.upos.as_str(), "VERB" | "AUX")
                        })
                        && syn[v].head.is_some_and(|h| {
                            h < v && !mentions.iter().any(|m| m.start <= h && h < m.end)
                        })
                });
                // (A source after the verb is the participle's own agent: "shells fired
                // by Russian troops".)
                if vbn
                    && (noun_modifier(norms, mentions, v)
                        || (modifies_non_actor && !s.iter().any(|&i| mentions[i].start > v)))
                    && !t.iter().any(|&i| after_by(norms, mentions[i].start))
                {
                    s.clear();
                    r = "no actor: the participle modifies the noun before it";
                }
                // "… condemned an attack by Osgiliath soldiers in south Ithilen and
                // promised raids …": a verb joined by "and" to a coded verb shares its
                // subject.
                if let Some(u) = inherit.subject_of {
                    let us = default_actors(norms, mentions, u, u + 1).source;
                    if !us.is_empty() {
                        s = us;
                        r = if inherit.targets.is_empty() {
                            "the subject of the verb this one is joined to by \"and\""
                        } else {
                            "the subject of the verb whose purpose this one states"
                        };
                    }
                }
                if t.is_empty() && !inherit.targets.is_empty() {
                    (
                        s,
                        inherit.targets.clone(),
                        r,
                        "the target of the verb whose purpose this one states",
                    )
                } else {
                    (s, t, r, "the first actor after the verb")
                }
            }
        };
        // "postponed their meeting", "met each other": the subjects act on one another.
        let next = &norms[after_verb.min(norms.len())..(after_verb + 3).min(norms.len())];
        let each_other = next.first() == Some(&"THEIR")
            || next
                .windows(2)
                .any(|w| w == ["EACH", "OTHER"] || w == ["ONE", "ANOTHER"]);
        VerbActors {
            source,
            target,
            source_reason,
            target_reason,
            each_other,
            passive: agentless_passive(norms, syn, mentions, v),
        }
    }
}
