//! Source and target of a verb from the dependency parse.
//!
//! The subject (`nsubj`; `obl:agent` in a passive) is the source, the object (`obj`, then
//! `iobj`, then a prepositional `obl`) the target; the subject of an `xcomp` or `conj` verb
//! is inherited from the verb it depends on ("agreed to set up", "met and discussed"), and
//! a relative clause's subject is the noun it modifies ("Russia, which invaded").
//! Actors are the mentions inside those arguments, never inside a clause nested below
//! them ("crowds who trashed Gondor's embassy" has no actor as subject).

use crate::placement::MentionAt;
use herald_core::TokenSyntax;

/// Relations that open a clause of their own: actors below them belong to another verb.
const CLAUSAL: &[&str] = &[
    "acl",
    "advcl",
    "ccomp",
    "xcomp",
    "parataxis",
    "csubj",
    "list",
    "discourse",
    "vocative",
    "dislocated",
    "reparandum",
];

/// Prepositions whose object is a place, not the party acted on ("in Osgiliath").
const LOCATIVE: &[&str] = &[
    "IN",
    "AT",
    "NEAR",
    "ACROSS",
    "INSIDE",
    "OUTSIDE",
    "THROUGHOUT",
    "AROUND",
    "DURING",
];

/// Actors the parse assigns to a verb, as indices into the sentence's mention list.
#[derive(Debug, Default)]
pub(crate) struct TreeActors {
    /// The subject's actors (a compound subject gives several).
    pub source: Vec<usize>,
    /// The object's actors.
    pub target: Vec<usize>,
    /// Why the source was chosen, for explanations.
    pub source_reason: &'static str,
    /// Why the target was chosen.
    pub target_reason: &'static str,
    /// The verb (or the verb it inherits from) has a subject in the parse, actor or not.
    pub has_subject: bool,
}

fn base(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// The token of a mention (sentence-relative range `s..e`) whose head lies outside it.
fn mention_head(syn: &[TokenSyntax], s: usize, e: usize) -> usize {
    (s..e)
        .find(|&k| syn[k].head.is_none_or(|h| h < s || h >= e))
        .unwrap_or(s)
}

/// Climb from token `t` towards the root; when the path reaches `v` without crossing a
/// clause boundary, return the child of `v` it came through and the number of steps.
fn argument_of(syn: &[TokenSyntax], t: usize, v: usize) -> Option<(usize, usize)> {
    let mut cur = t;
    for depth in 0..syn.len() {
        let h = syn[cur].head?;
        if h == v {
            return Some((cur, depth));
        }
        let rel = base(&syn[cur].deprel);
        // A clause of its own, or a second verb joined by "and": its actors are its own.
        if CLAUSAL.contains(&rel) || (rel == "conj" && is_verb(&syn[cur])) {
            return None;
        }
        cur = h;
    }
    None
}

fn is_verb(t: &TokenSyntax) -> bool {
    matches!(t.upos.as_str(), "VERB" | "AUX")
}

/// The case marker ("with", "by", "against") of a nominal argument, upper-cased.
fn preposition(syn: &[TokenSyntax], norms: &[&str], c: usize) -> Option<String> {
    (0..syn.len())
        .find(|&k| syn[k].head == Some(c) && syn[k].deprel == "case")
        .map(|k| norms[k].to_string())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Subject,
    PassiveSubject,
    Agent,
    Object,
    Oblique { locative: bool },
}

/// The actors of verb `v` in the parse `syn` of a sentence with word forms `norms`.
pub(crate) fn actors(
    syn: &[TokenSyntax],
    norms: &[&str],
    mentions: &[MentionAt],
    v: usize,
) -> TreeActors {
    let mut out = TreeActors::default();
    let heads: Vec<usize> = mentions
        .iter()
        .map(
            |&MentionAt {
                 start: s, end: e, ..
             }| mention_head(syn, s, e),
        )
        .collect();
    let args = arguments(syn, norms, mentions, &heads, v);
    let has_subj = |u: usize| {
        (0..syn.len()).any(|k| syn[k].head == Some(u) && base(&syn[k].deprel) == "nsubj")
    };
    let passive = (0..syn.len()).any(|k| {
        syn[k].head == Some(v) && matches!(syn[k].deprel.as_str(), "nsubj:pass" | "aux:pass")
    });
    let pick = |args: &[(usize, Role, usize, usize)], want: &dyn Fn(Role) -> bool| {
        let best = args
            .iter()
            .filter(|a| want(a.1))
            .min_by_key(|a| (a.2, mentions[a.0].start))?;
        Some(with_conjuncts(syn, mentions, &heads, best.0))
    };
    // Source: the subject; in a passive the "by" phrase.
    if let Some(s) = pick(&args, &|r| r == Role::Subject) {
        out.source = s;
        out.source_reason = "the subject of the verb in the parse";
    } else if let Some(s) = pick(&args, &|r| r == Role::Agent) {
        out.source = s;
        out.source_reason = "the agent (\"by …\") of the passive verb";
    }
    out.has_subject = has_subj(v);
    if out.source.is_empty() && !has_subj(v) {
        // Inherit the subject: "agreed to set up", "met and discussed", "Russia, which
        // invaded"; at most a few steps up.
        let mut u = v;
        for _ in 0..4 {
            let Some(h) = syn[u].head else { break };
            let rel = syn[u].deprel.as_str();
            if base(rel) == "acl" {
                // The modified noun is the subject (of a relative clause or a participle:
                // "troops sent by Russia" aside, which has its own agent).
                if let Some(i) = heads.iter().position(|&hd| hd == h) {
                    out.source = with_conjuncts(syn, mentions, &heads, i);
                    out.source_reason = "the noun the relative clause modifies";
                    out.has_subject = true;
                }
                break;
            }
            if !matches!(base(rel), "xcomp" | "conj") {
                break;
            }
            u = h;
            let up = arguments(syn, norms, mentions, &heads, u);
            if let Some(s) = pick(&up, &|r| r == Role::Subject) {
                out.source = s;
                out.source_reason = "the subject of the verb this one depends on";
                out.has_subject = true;
                break;
            }
            if has_subj(u) {
                out.has_subject = true;
                break;
            }
        }
    }
    // Target: object, then a prepositional phrase (places last); in a passive the subject.
    let target = if passive {
        pick(&args, &|r| r == Role::PassiveSubject).map(|t| (t, "the subject of the passive verb"))
    } else {
        None
    }
    .or_else(|| pick(&args, &|r| r == Role::Object).map(|t| (t, "the object of the verb")))
    .or_else(|| {
        pick(&args, &|r| r == Role::Oblique { locative: false })
            .map(|t| (t, "the prepositional object of the verb"))
    })
    .or_else(|| {
        pick(&args, &|r| r == Role::Oblique { locative: true })
            .map(|t| (t, "the prepositional object of the verb"))
    });
    if let Some((t, why)) = target {
        out.target = t;
        out.target_reason = why;
    }
    out
}

/// Every mention that is an argument of `v`: (mention, role, depth below the argument's
/// head, the argument's head token).
fn arguments(
    syn: &[TokenSyntax],
    norms: &[&str],
    mentions: &[MentionAt],
    heads: &[usize],
    v: usize,
) -> Vec<(usize, Role, usize, usize)> {
    let mut out = Vec::new();
    for (
        i,
        &MentionAt {
            start: s, end: e, ..
        },
    ) in mentions.iter().enumerate()
    {
        if s <= v && v < e {
            continue;
        }
        let hd = heads[i];
        let (c, depth) = if syn[hd].head == Some(v) {
            (hd, 0)
        } else {
            match argument_of(syn, hd, v) {
                Some((c, d)) => (c, d + 1),
                None => continue,
            }
        };
        let role = match syn[c].deprel.as_str() {
            "nsubj" => Role::Subject,
            "nsubj:pass" => Role::PassiveSubject,
            "obl:agent" => Role::Agent,
            "obj" | "iobj" => Role::Object,
            r if base(r) == "obl" || r == "nmod" => {
                let p = preposition(syn, norms, c);
                if p.as_deref() == Some("BY") {
                    Role::Agent
                } else {
                    Role::Oblique {
                        locative: p.is_some_and(|p| LOCATIVE.contains(&p.as_str())),
                    }
                }
            }
            _ => continue,
        };
        out.push((i, role, depth, c));
    }
    out
}

/// Mention `i` and the mentions conjoined with it ("Arnor, Osgiliath and Gondor").
fn with_conjuncts(
    syn: &[TokenSyntax],
    mentions: &[MentionAt],
    heads: &[usize],
    i: usize,
) -> Vec<usize> {
    let mut set = vec![i];
    let mut changed = true;
    while changed {
        changed = false;
        for (j, &hd) in heads.iter().enumerate() {
            if set.contains(&j) || base(&syn[hd].deprel) != "conj" {
                continue;
            }
            let Some(h) = syn[hd].head else { continue };
            // The conjunct hangs from a token of a mention already in the set.
            if set
                .iter()
                .any(|&k| mentions[k].start <= h && h < mentions[k].end)
            {
                set.push(j);
                changed = true;
            }
        }
    }
    set.sort_by_key(|&k| mentions[k].start);
    set
}
