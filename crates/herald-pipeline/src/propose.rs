//! Which actor pairs the dictionaries left uncoded become candidates for the event model:
//! a verb whose subject is one named actor and whose object (or oblique, or the
//! complement of its object: "opened an investigation into X") is another, in the
//! dependency parse. A passive counts with its `by`-agent as the source ("X was
//! criticised by Y": Y → X). Verbs under a modal or a negation, questions, and pairs an
//! event already joins are left out. The candidates carry no type: the model gives one
//! or drops them (see [`crate::decide`]).

use herald_core::{ActorRef, DateSource, Document, Event, Mention, Modality, Span};

/// Modal auxiliaries that make an act hypothetical or announced.
const MODALS: &[&str] = &[
    "would", "could", "should", "may", "might", "must", "can", "will", "shall",
];
/// Words that negate a verb.
const NEGATIONS: &[&str] = &["not", "n't", "never", "no"];

/// Relations inside a noun phrase, climbed from an actor to the argument it belongs to.
const NOUN_INTERNAL: &[&str] = &[
    "nmod", "compound", "appos", "conj", "flat", "amod", "nummod",
];

/// The rule name candidates carry in `pattern`.
pub const PATTERN: &str = "model: subject–verb–object of actors the dictionaries left uncoded";

/// The sentence-relative index of a mention's syntactic head: the token whose head lies
/// outside the mention.
fn phrase_head(m: &Mention, first: usize, syn: &[herald_core::TokenSyntax]) -> Option<usize> {
    let (a, b) = (
        m.tokens.start.checked_sub(first)?,
        m.tokens.end.checked_sub(first)?,
    );
    (a..b.min(syn.len())).find(|&i| syn[i].head.is_none_or(|h| h < a || h >= b))
}

/// Candidates of `doc` (typed later); none in a sentence without a parse.
pub fn candidates(doc: &Document) -> Vec<Event> {
    let mut out = Vec::new();
    let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); doc.sentences.len()];
    for m in &doc.mentions {
        if m.code != "---" {
            if let Some(v) = by_sentence.get_mut(m.sentence) {
                v.push(m);
            }
        }
    }
    for (si, ms) in by_sentence.iter().enumerate() {
        if ms.len() < 2 {
            continue;
        }
        let s = &doc.sentences[si];
        let Some(syn) = s.syntax.as_deref().filter(|x| x.len() == s.tokens.len()) else {
            continue;
        };
        let first = s.tokens.start;
        if doc
            .tokens
            .get(s.tokens.end.wrapping_sub(1))
            .is_some_and(|t| t.norm == "?")
        {
            continue;
        }
        let heads: Vec<Option<usize>> = ms.iter().map(|m| phrase_head(m, first, syn)).collect();
        // The verb an actor hangs from, and how: climbing noun-internal relations, so
        // that "a spokesman for X" and "an investigation into X" stand for X.
        let role = |mut h: usize| -> Option<(usize, &str)> {
            for _ in 0..5 {
                let v = syn[h].head?;
                let rel = syn[h].deprel.as_str();
                if syn[v].upos == "VERB" {
                    return Some((v, rel));
                }
                // "nmod:poss" is an "nmod": the relation before any subtype.
                let base = rel.split(':').next().unwrap_or(rel);
                if !NOUN_INTERNAL.contains(&base) {
                    return None;
                }
                h = v;
            }
            None
        };
        for (i, src) in ms.iter().enumerate() {
            for (j, tgt) in ms.iter().enumerate() {
                if i == j {
                    continue;
                }
                let (Some(hs), Some(ht)) = (heads[i], heads[j]) else {
                    continue;
                };
                let (Some((vs, rs)), Some((vt, rt))) = (role(hs), role(ht)) else {
                    continue;
                };
                if vs != vt {
                    continue;
                }
                let active = rs == "nsubj" && matches!(rt, "obj" | "iobj" | "obl");
                let passive = rs == "obl:agent" && rt == "nsubj:pass";
                if !(active || passive) || src.code == tgt.code {
                    continue;
                }
                let v = vs;
                let blocked = syn.iter().enumerate().any(|(k, t)| {
                    t.head == Some(v)
                        && ((t.deprel.starts_with("aux")
                            && MODALS.contains(&t.lemma.to_lowercase().as_str()))
                            || (t.deprel == "advmod" || t.deprel.starts_with("neg"))
                                && NEGATIONS.contains(&doc.tokens[first + k].norm.as_str()))
                });
                if blocked {
                    continue;
                }
                let already = doc.events.iter().any(|e| {
                    e.sentence == si
                        && overlaps(e.source.span, src.span)
                        && e.target
                            .as_ref()
                            .is_some_and(|t| overlaps(t.span, tgt.span))
                });
                if already {
                    continue;
                }
                let verb = doc.tokens[first + v].span;
                let lo = src.span.start.min(tgt.span.start).min(verb.start);
                let hi = src.span.end.max(tgt.span.end).max(verb.end);
                out.push(candidate(doc, si, src, tgt, Span { start: lo, end: hi }));
            }
        }
    }
    out
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn actor(m: &Mention) -> ActorRef {
    ActorRef {
        code: m.code.clone(),
        text: m.text.clone(),
        span: m.span,
        implied: false,
    }
}

fn candidate(doc: &Document, si: usize, src: &Mention, tgt: &Mention, span: Span) -> Event {
    Event {
        source: actor(src),
        target: Some(actor(tgt)),
        code: String::new(),
        root: String::new(),
        name: String::new(),
        goldstein: 0.0,
        quad_class: 0,
        plover: None,
        date: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
        date_source: doc.date.map(|_| DateSource::Article),
        sentence: si,
        span,
        pattern: PATTERN.to_string(),
        modality: Modality::Asserted,
        negated: false,
        reported_by: None,
        location: None,
        confidence: None,
        decided_by: None,
    }
}
