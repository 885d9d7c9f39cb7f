//! Whether an event happened as told: modality (hypothetical, future, intended,
//! reported, asserted), negation, and acts announced or refused rather than done, which
//! take CAMEO's intent, threat or rejection codes.

use crate::words::{INTENT_GOVERNORS, INTERPOSED, REFUSALS, REPORTING, THREAT_CODE};
use herald_core::Modality;
use herald_lexicon::Ontology;

/// The word that announces or refuses the act of a verb, by position.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Announcer {
    /// An intent verb before its infinitive ("agreed to provide"), or the verb of
    /// intention coded for itself ("agreed to undertake exercises").
    Announced(usize),
    /// "refused to lift the curfew".
    Refused(usize),
}

impl Announcer {
    /// Where the announcing or refusing word is.
    pub(crate) fn position(self) -> usize {
        match self {
            Announcer::Announced(g) | Announcer::Refused(g) => g,
        }
    }
}

/// How the act of a coded verb stands: negated or not, its modality, and the word that
/// announces or refuses it (when `code_intent` codes announcements).
pub(crate) struct Mood {
    pub negated: bool,
    pub modality: Modality,
    pub announcer: Option<Announcer>,
}

/// The mood of the verb at `v`, coded by rule `rule` whose pattern began at
/// `pattern_start`; `retry`: a verb of intention coded for itself.
pub(crate) fn mood(
    norms: &[&str],
    v: usize,
    retry: bool,
    rule: &str,
    pattern_start: Option<usize>,
    code_intent: bool,
) -> Mood {
    let negated = negated(norms, v, pattern_start);
    let mut modality = modality(norms, v);
    // A pattern that spells out the modal ("INDICATED SHOULD *") codes the
    // obligation itself, which is asserted.
    if modality == Modality::Hypothetical
        && rule
            .split_whitespace()
            .any(|w| matches!(w, "MUST" | "SHOULD" | "OUGHT"))
    {
        modality = Modality::Asserted;
    }
    // An act announced rather than done takes its intent or threat code; an
    // act refused, the rejection code.
    let mut announcer = None;
    if let Some(g) = refused_by(norms, v).filter(|_| code_intent) {
        announcer = Some(Announcer::Refused(g));
    } else if modality != Modality::Hypothetical && !negated {
        // Futures keep the act's CAMEO code (as PETRARCH codes them) with
        // modality future; their PLOVER type follows the intent (see `Coder::event`).
        // The word that announces the act: an intent verb before its
        // infinitive ("agreed to provide"), or the verb of intention itself
        // when coded for itself ("agreed to undertake exercises": it states
        // an intention whatever its block codes; that statement was made, so
        // its modality stays).
        let governor = match announced(norms, v) {
            Some((g, m)) if m == Modality::Intended => {
                modality = m;
                Some(g)
            }
            _ if retry && INTENT_GOVERNORS.contains(&norms[v]) => Some(v),
            _ => None,
        };
        announcer = governor.filter(|_| code_intent).map(Announcer::Announced);
    }
    Mood {
        negated,
        modality,
        announcer,
    }
}

/// Whether the verb at `v` is negated: "failed to", or not/n't/never/no just before it,
/// unless the pattern that coded it matched the negation itself ("&NEGATVAUXVRB * OVER
/// EFFORTS [904]"), which makes it part of the code.
fn negated(norms: &[&str], v: usize, pattern_start: Option<usize>) -> bool {
    // "failed to reach agreement" reports that the act did not happen.
    let failed = (v.saturating_sub(4)..v.saturating_sub(1)).any(|i| {
        matches!(norms[i], "FAILED" | "FAILS" | "FAIL" | "FAILING") && norms[i + 1] == "TO"
    });
    failed
        || (v.saturating_sub(3)..v).any(|i| {
            matches!(norms[i], "NOT" | "N'T" | "NEVER" | "NO")
                && pattern_start.is_none_or(|p| p > i)
        })
}

/// The code of an act so announced (or refused), for the primary and the paired code
/// alike ("agreed to hold talks": 046:046 → 036 both ways).
pub(crate) fn announced_code(
    ontology: &Ontology,
    norms: &[&str],
    announcer: Option<Announcer>,
    act: &str,
) -> Option<String> {
    match announcer? {
        Announcer::Refused(_) => ontology.refusal_code(act).map(str::to_string),
        Announcer::Announced(g) => {
            let intent = ontology.intent_code(act);
            // "threatened to deliver blows": whatever the act, a threat to do
            // it is a threat (13), the generic one where the act has none.
            if norms[g].starts_with("THREATEN") {
                return Some(
                    intent
                        .filter(|c| c.starts_with("13"))
                        .unwrap_or(THREAT_CODE)
                        .to_string(),
                );
            }
            intent.map(str::to_string)
        }
    }
}

/// Whether the words before token `at` are a modal, perhaps negated ("will", "will not",
/// "can't"): what follows is a verb whatever a tagger says.
pub(crate) fn follows_modal(norms: &[&str], at: usize) -> bool {
    let mut i = at;
    while i > 0 && matches!(norms[i - 1], "NOT" | "N'T" | "NEVER") {
        i -= 1;
    }
    i > 0
        && matches!(
            norms[i - 1],
            "WILL"
                | "WOULD"
                | "SHALL"
                | "SHOULD"
                | "CAN"
                | "COULD"
                | "MAY"
                | "MIGHT"
                | "MUST"
                | "'LL"
                | "WO"
                | "CA"
        )
}

/// The position of an obligation modal ("must", "should", "has to", "needs to") that
/// follows the actor ending at `end` within a few words of the same clause ("the US and
/// other developed nations must allocate").
pub(crate) fn obligation_after(norms: &[&str], end: usize) -> Option<usize> {
    // "… that President Kagame and his Rwandan Patriotic Front must agree": a conjoined
    // target may stand between.
    for m in end..norms.len().min(end + 8) {
        match norms[m] {
            "MUST" | "SHOULD" | "OUGHT" => return Some(m),
            "HAS" | "HAVE" | "NEEDS" | "NEED" if norms.get(m + 1) == Some(&"TO") => return Some(m),
            "," | ";" | ":" | "." | "THAT" | "WHO" | "WHICH" => return None,
            _ => {}
        }
    }
    None
}

/// The position of "refused"/"declined" when the verb at `v` is its infinitive ("is
/// refusing to lift the curfew").
pub(crate) fn refused_by(norms: &[&str], v: usize) -> Option<usize> {
    let mut i = v.checked_sub(1)?;
    if norms[i] != "TO" {
        return None;
    }
    i = i.checked_sub(1)?;
    if matches!(norms[i], "FLATLY" | "STILL" | "AGAIN" | "REPEATEDLY") {
        i = i.checked_sub(1)?;
    }
    REFUSALS.contains(&norms[i]).then_some(i)
}

/// Whether the verb at `v` is announced rather than done: the infinitive of an intent or
/// threat word (`Intended`) or a future ("will", "would", `Future`). Returns the position
/// of the word that announces it. A few adverbs may stand in between ("agreed in
/// principle to provide", "will also send").
pub(crate) fn announced(norms: &[&str], v: usize) -> Option<(usize, Modality)> {
    let start = v.saturating_sub(9);
    let mut i = v;
    let mut seen_to = false;
    while i > start {
        i -= 1;
        let w = norms[i];
        match w {
            "TO" if !seen_to => seen_to = true,
            "WILL" | "'LL" | "SHALL" | "WOULD" if !seen_to => return Some((i, Modality::Future)),
            _ if seen_to && INTENT_GOVERNORS.contains(&w) => return Some((i, Modality::Intended)),
            _ if INTERPOSED.contains(&w) || herald_text::is_calendar_word(w) => {}
            _ => return None,
        }
    }
    None
}

/// The "to" of the infinitive a verb of intention governs ("agreed to provide", "agreed
/// in principle on Saturday to provide"), skipping the words `INTERPOSED` allows.
pub(crate) fn infinitive_after(norms: &[&str], v: usize) -> Option<usize> {
    (v + 1..(v + 7).min(norms.len()))
        .take_while(|&i| {
            norms[i] == "TO"
                || INTERPOSED.contains(&norms[i])
                || herald_text::is_calendar_word(norms[i])
        })
        .find(|&i| norms[i] == "TO")
}

/// Whether `w` can follow a modal verb: a bare verb, an adverb or "not", not a finite
/// form ("May has held talks", "May says").
fn takes_modal(w: &str) -> bool {
    let finite = matches!(
        w,
        "HAS" | "HAD" | "IS" | "WAS" | "ARE" | "WERE" | "DOES" | "DID" | "'S" | "," | "."
    );
    let third_person = w.ends_with('S') && !w.ends_with("SS") && w.len() > 3;
    let past = w.ends_with("ED") && w.len() > 4;
    !(finite || third_person || past)
}

/// Modality from the words around the verb at `v`.
pub(crate) fn modality(norms: &[&str], v: usize) -> Modality {
    let before = &norms[v.saturating_sub(4)..v];
    let has = |ws: &[&str], set: &[&str]| ws.iter().any(|w| set.contains(w));
    // "If Russia attacked …": a condition before the verb in its own clause.
    let clause_start = norms[..v]
        .iter()
        .rposition(|w| matches!(*w, "," | ";" | ":"))
        .map_or(0, |p| p + 1);
    if norms[clause_start..v]
        .iter()
        .any(|w| matches!(*w, "IF" | "UNLESS" | "WHETHER"))
    {
        return Modality::Hypothetical;
    }
    if has(before, &["WILL", "'LL", "SHALL"])
        || before.windows(2).any(|w| {
            w[1] == "TO" && matches!(w[0], "GOING" | "EXPECTED" | "SET" | "DUE" | "SCHEDULED")
        })
    {
        return Modality::Future;
    }
    // "… demanded that the United States match …": what a demand asks for has not
    // happened (the mandative subjunctive).
    // "demanded an immediate admission by Moscow that …": the demand may govern a noun
    // whose clause it is, within the same stretch of words.
    let demanded = norms[..v]
        .iter()
        .rposition(|w| *w == "THAT")
        .is_some_and(|t| {
            let from = norms[..t]
                .iter()
                .rposition(|w| matches!(*w, "," | ";" | ":"))
                .map_or(0, |p| p + 1)
                .max(t.saturating_sub(7));
            norms[from..t].iter().any(|w| {
                matches!(
                    *w,
                    "DEMANDED"
                        | "DEMANDS"
                        | "DEMAND"
                        | "DEMANDING"
                        | "URGED"
                        | "URGES"
                        | "INSISTED"
                        | "INSISTS"
                        | "ASKED"
                        | "ASKS"
                        | "REQUESTED"
                        | "REQUESTS"
                        | "PROPOSED"
                        | "PROPOSES"
                        | "RECOMMENDED"
                        | "RECOMMENDS"
                )
            }) && !norms[t..v].iter().any(|w| matches!(*w, "," | ";"))
        });
    if demanded {
        return Modality::Hypothetical;
    }
    // "Y must cooperate": an obligation laid on Y, not something Y did.
    if has(before, &["MUST", "SHOULD", "OUGHT"]) {
        return Modality::Hypothetical;
    }
    // "The EC may halt mediation if cooperation founders", "will boycott … unless": an
    // act announced on a condition that follows is a conditional promise or threat,
    // which is an event (CAMEO 03/13, PLOVER AGREE/THREATEN). "Would" after a verb of
    // saying is the future in reported speech ("Iraq said it would allow").
    let reported = norms[..v]
        .iter()
        .any(|w| REPORTING.contains(w) && *w != "ACCORDING");
    let condition_after = norms[v..].iter().any(|w| matches!(*w, "IF" | "UNLESS"));
    if has(before, &["WOULD", "COULD", "MIGHT", "MAY"]) {
        if condition_after || (reported && has(before, &["WOULD"])) {
            return Modality::Future;
        }
        // "Trump would have liked to leave Assad in place", "China could put pressure
        // on …": a possibility, not an act. (Not "Theresa May has held talks": a modal
        // takes a bare verb.)
        let start = v.saturating_sub(4);
        let modal = (start..v).any(|m| {
            matches!(norms[m], "WOULD" | "COULD" | "MIGHT" | "MAY")
                && norms.get(m + 1).is_some_and(|w| takes_modal(w))
        });
        if modal {
            return Modality::Hypothetical;
        }
    }
    if before.len() >= 2
        && before[before.len() - 1] == "TO"
        && has(
            &before[..before.len() - 1],
            &[
                "PLANS", "PLAN", "PLANNED", "WANTS", "WANT", "OFFERS", "OFFERED", "OFFER", "SEEKS",
                "SEEK", "INTENDS", "INTEND", "AIMS", "HOPES", "EXPECTS", "PROPOSED", "PROPOSES",
            ],
        )
    {
        return Modality::Intended;
    }
    let reporting = [
        "SAID",
        "SAYS",
        "SAY",
        "TOLD",
        "ACCORDING",
        "REPORTED",
        "STATED",
        "ADDED",
    ];
    if norms
        .iter()
        .enumerate()
        .any(|(i, w)| i != v && reporting.contains(w))
    {
        return Modality::Reported;
    }
    Modality::Asserted
}
