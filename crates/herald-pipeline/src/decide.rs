//! What the event model's opinion does to an event the rules coded: confirm it, re-type
//! it, or drop it; and how sure herald is of the result.
//!
//! The rules' type stands unless the model is confident of another: a re-type needs the
//! model's best class at [`Policy::retype_at`] or more and ahead of the rules' class by
//! [`Policy::margin`]; "no event" drops the event at [`Policy::drop_at`]. The event's
//! `confidence` is the model's probability of the type it keeps, and `decided_by` says
//! who settled it.
//!
//! By default the model only gives its opinion (confidence, and `both` when it agrees):
//! re-typing, dropping and proposing are off, because the shipped head, trained on 1,050
//! span-marked sentences, lowers every other gold set when it overrules the rules (the
//! figures are in `data/README.md`). Each can be turned on with its threshold.

use herald_core::{DecidedBy, Document, Event, Plover};
use herald_lexicon::Ontology;
use herald_model::{class_of, EventModel, Prediction};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Thresholds of the decision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    /// Least probability of the model's class for it to replace the rules' type (`None`:
    /// never).
    pub retype_at: Option<f32>,
    /// Least lead of the model's class over the rules' class for a re-type.
    pub margin: f32,
    /// Least probability of "no event" for the event to be dropped (`None`: never).
    pub drop_at: Option<f32>,
    /// Events whose confidence ends below this are left out of the output.
    pub min_confidence: f32,
    /// Least probability of the model's best type for a candidate the dictionaries left
    /// uncoded (see [`crate::propose`]) to become an event (`None`: no such events).
    pub propose_at: Option<f32>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            retype_at: None,
            margin: 0.2,
            drop_at: None,
            min_confidence: 0.0,
            propose_at: None,
        }
    }
}

/// What happens to one event.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// The type stays; who settled it and how sure.
    Keep(DecidedBy, f32),
    /// The model's class replaces the rules' type.
    Retype(&'static str, f32),
    /// The model says there is no event.
    Drop(f32),
}

/// Decide one event from the rules' class (None when the rules gave no PLOVER type) and
/// the model's prediction.
pub fn decide(rules: Option<&str>, pred: &Prediction, policy: &Policy) -> Decision {
    let (best, p) = pred.best();
    if best == "NONE" {
        if policy.drop_at.is_some_and(|at| p >= at) {
            return Decision::Drop(p);
        }
    } else if Some(best) == rules {
        return Decision::Keep(DecidedBy::Both, p);
    } else {
        let lead = p - rules.map_or(0.0, |r| pred.prob(r));
        if policy.retype_at.is_some_and(|at| p >= at) && lead >= policy.margin {
            return Decision::Retype(best, p);
        }
    }
    Decision::Keep(DecidedBy::Rules, rules.map_or(0.0, |r| pred.prob(r)))
}

/// The CAMEO code an event re-typed to a class takes: the class's most general code
/// (three digits ending in 0 before others, then the lowest).
fn class_code(class: &str) -> Option<&'static str> {
    static CODES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let codes = CODES.get_or_init(|| {
        let o = Ontology::builtin();
        let mut best: HashMap<String, &'static str> = HashMap::new();
        let key = |c: &str| (c.len() != 3 || !c.ends_with('0'), c.len(), c.to_string());
        for code in o.codes().filter(|c| c.len() >= 3) {
            let Some(p) = o.plover(code) else { continue };
            let class = class_of(&p.kind).to_string();
            let slot = best.entry(class).or_insert(code);
            if key(code) < key(slot) {
                *slot = code;
            }
        }
        best
    });
    codes.get(class).copied()
}

/// Decide a candidate the dictionaries left uncoded: the model's best type, when it is
/// an event type held at [`Policy::propose_at`] or more.
pub fn decide_candidate(pred: &Prediction, policy: &Policy) -> Option<(&'static str, f32)> {
    let (best, p) = pred.best();
    (best != "NONE" && policy.propose_at.is_some_and(|at| p >= at)).then_some((best, p))
}

/// Give `e` the type of `class`, unless no CAMEO code maps to it.
pub fn retype(e: &mut Event, class: &str) -> bool {
    let Some(code) = class_code(class) else {
        return false;
    };
    let o = Ontology::builtin();
    e.code = code.to_string();
    e.root = Ontology::root(code).to_string();
    e.name = o.name(code).unwrap_or("").to_string();
    e.goldstein = o.goldstein(code).unwrap_or(0.0);
    e.quad_class = Ontology::quad_class(code).unwrap_or(0);
    e.plover = o.plover(code).map(|p| Plover {
        kind: p.kind.clone(),
        mode: p.mode.clone(),
    });
    true
}

/// Run the model over every event of `doc` and apply its decisions; then type the
/// candidates the dictionaries left uncoded and keep those it is sure of.
pub fn apply(model: &EventModel, doc: &mut Document, policy: &Policy) {
    let proposed = if policy.propose_at.is_some() {
        crate::propose::candidates(doc)
    } else {
        Vec::new()
    };
    let preds: Vec<Prediction> = model.classify_all(doc, &doc.events);
    let mut keep = Vec::with_capacity(preds.len());
    for (mut e, pred) in std::mem::take(&mut doc.events).into_iter().zip(preds) {
        let rules = e.plover.as_ref().map(|p| class_of(&p.kind).to_string());
        let (by, confidence) = match decide(rules.as_deref(), &pred, policy) {
            Decision::Drop(_) => continue,
            Decision::Keep(by, p) => (by, p),
            Decision::Retype(class, p) => {
                if retype(&mut e, class) {
                    (DecidedBy::Model, p)
                } else {
                    (
                        DecidedBy::Rules,
                        rules.as_deref().map_or(0.0, |r| pred.prob(r)),
                    )
                }
            }
        };
        if confidence < policy.min_confidence {
            continue;
        }
        e.confidence = Some(round(confidence));
        e.decided_by = Some(by);
        keep.push(e);
    }
    let proposed_preds = model.classify_all(doc, &proposed);
    for (mut e, pred) in proposed.into_iter().zip(proposed_preds) {
        let Some((class, p)) = decide_candidate(&pred, policy) else {
            continue;
        };
        if p < policy.min_confidence || !retype(&mut e, class) {
            continue;
        }
        e.confidence = Some(round(p));
        e.decided_by = Some(DecidedBy::Model);
        keep.push(e);
    }
    // Sentence order, the rules' events first within a sentence.
    keep.sort_by_key(|e| e.sentence);
    doc.events = keep;
}

fn round(p: f32) -> f32 {
    (p * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_model::CLASSES;

    fn pred(pairs: &[(&str, f32)]) -> Prediction {
        let mut probs = vec![0.0; CLASSES.len()];
        for (c, p) in pairs {
            probs[herald_model::class_index(c).unwrap()] = *p;
        }
        Prediction { probs }
    }

    #[test]
    fn the_rules_stand_unless_the_model_is_sure_of_another_type() {
        let policy = Policy {
            retype_at: Some(0.5),
            drop_at: Some(0.6),
            ..Policy::default()
        };
        let agree = pred(&[("ASSAULT", 0.8), ("COERCE", 0.1)]);
        assert_eq!(
            decide(Some("ASSAULT"), &agree, &policy),
            Decision::Keep(DecidedBy::Both, 0.8)
        );
        assert_eq!(
            decide(Some("COERCE"), &agree, &policy),
            Decision::Retype("ASSAULT", 0.8)
        );
        let unsure = pred(&[("ASSAULT", 0.45), ("COERCE", 0.35)]);
        assert_eq!(
            decide(Some("COERCE"), &unsure, &policy),
            Decision::Keep(DecidedBy::Rules, 0.35)
        );
        let none = pred(&[("NONE", 0.7), ("COERCE", 0.2)]);
        assert_eq!(decide(Some("COERCE"), &none, &policy), Decision::Drop(0.7));
        // By default the model only gives its opinion.
        let only = Policy::default();
        assert_eq!(
            decide(Some("COERCE"), &agree, &only),
            Decision::Keep(DecidedBy::Rules, 0.1)
        );
        assert_eq!(
            decide(Some("COERCE"), &none, &only),
            Decision::Keep(DecidedBy::Rules, 0.2)
        );
        assert_eq!(decide_candidate(&agree, &only), None);
    }

    #[test]
    fn each_class_has_a_general_cameo_code() {
        for c in &CLASSES[1..] {
            let code = class_code(c).unwrap_or_else(|| panic!("no code for {c}"));
            let p = Ontology::builtin().plover(code).unwrap();
            assert_eq!(class_of(&p.kind), *c, "{code}");
        }
    }
}
