//! Scoring sentence-label gold sets: sets whose records say *what kind* of event a
//! sentence reports (police killed, a protest, a CAMEO root class) without actor codes.
//!
//! Each set maps herald's coded events onto its own labels; the definitions are fixed so
//! figures computed here line up with figures computed outside the project:
//! - **IndiaPoliceEvents** (`code_system` "IPE"): a label holds when herald codes an event
//!   whose source code contains `COP`; KILL = CAMEO 1823, 183x, 186, 190, 193, 194, 195x,
//!   20x; ARREST = 173; FORCE = 171x, 175, 18x–20x; ANY = any police event. Score: the mean
//!   F1 of KILL, ARREST, FORCE and ANY (FAIL is not scored: CAMEO has no code for inaction).
//! - **CASE 2021** (`code_system` "ACLED-CASE2021"): label groups PROTEST (PEACE_PROTEST,
//!   PROTEST_WITH_INTER, VIOL_DEMONSTR ↔ CAMEO 14x), VIOLENCE (ATTACK, ARMED_CLASH,
//!   AIR_STRIKE, ART_MISS_ATTACK, GRENADE, REM_EXPLOS, SUIC_BOMB, CHEM_WEAP, MOB_VIOL ↔
//!   18x–20x) and ARREST (↔ 173). Score: the mean F1 of the three groups.
//! - **ConfliBERT** (`code_system` "pentaclass"): the class of the root of the first coded
//!   event (0 = 01–02, 1 = 03–05, 2 = 06–08, 3 = 09–13, 4 = 14–20); a sentence with no
//!   event is a miss. Score: macro-F1 over the five classes.

use super::{GoldRecord, Prf};
use crate::Pipeline;
use herald_core::Document;
use herald_events::Options;
use serde::Serialize;
use std::collections::BTreeMap;

/// How a gold set is scored, read from its records' `code_system`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoldKind {
    /// Coded events compared as (source, target, code) multisets.
    Events,
    /// IndiaPoliceEvents: did police kill, arrest, use force, act at all?
    PoliceLabels,
    /// CASE 2021: protest, violence and arrest groups of ACLED-style types.
    CaseGroups,
    /// ConfliBERT's five classes of CAMEO roots.
    PentaClass,
    /// Sentences with the source and target marked and the PLOVER type of the event
    /// between them (`plv-train.jsonl`; scored by [`super::spans`]).
    Spans,
}

impl GoldKind {
    /// The kind of a set: the `code_system` most of its records name.
    pub fn of(records: &[GoldRecord]) -> GoldKind {
        let mut votes: BTreeMap<GoldKind, usize> = BTreeMap::new();
        for r in records {
            let kind = if r.marked.is_some() {
                GoldKind::Spans
            } else {
                Self::of_system(r.code_system.as_deref())
            };
            *votes.entry(kind).or_default() += 1;
        }
        votes
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map_or(GoldKind::Events, |(k, _)| k)
    }

    fn of_system(system: Option<&str>) -> GoldKind {
        match system {
            Some("IPE") => GoldKind::PoliceLabels,
            Some("ACLED-CASE2021") => GoldKind::CaseGroups,
            Some("pentaclass") => GoldKind::PentaClass,
            _ => GoldKind::Events,
        }
    }

    /// What the headline score of this kind measures.
    pub fn measure(self) -> &'static str {
        match self {
            GoldKind::Events => "country+root F1",
            GoldKind::PoliceLabels => "mean F1 KILL/ARREST/FORCE/ANY",
            GoldKind::CaseGroups => "mean group F1",
            GoldKind::PentaClass => "macro-F1 (5 classes)",
            GoldKind::Spans => "end-to-end accuracy",
        }
    }
}

/// The outcome of scoring a sentence-label set.
#[derive(Clone, Debug, Serialize)]
pub struct LabelReport {
    /// How the set was scored.
    pub kind: GoldKind,
    /// Records scored.
    pub records: usize,
    /// Records skipped (`evaluate: false`, `expected_error`).
    pub skipped: usize,
    /// Records for which herald coded at least one event.
    pub with_events: usize,
    /// The headline score: the mean of the per-label F1 scores.
    pub score: f64,
    /// Per label: counts, precision, recall and F1.
    pub labels: BTreeMap<String, Prf>,
}

/// The labels a set scores, in report order.
fn scored_labels(kind: GoldKind) -> &'static [&'static str] {
    match kind {
        GoldKind::PoliceLabels => &["KILL", "ARREST", "FORCE", "ANY"],
        GoldKind::CaseGroups => &["PROTEST", "VIOLENCE", "ARREST"],
        GoldKind::PentaClass => &["0", "1", "2", "3", "4"],
        GoldKind::Events | GoldKind::Spans => &[],
    }
}

/// The CAMEO root of a code as a number ("0231" → 2, "190" → 19).
fn root(code: &str) -> Option<u32> {
    code.get(..2)?.parse().ok()
}

/// What the label scorers look at in an event: its source code and its CAMEO code.
type Coded<'a> = (&'a str, &'a str);

/// The police labels one event supports.
fn police_labels(&(source, c): &Coded) -> Vec<&'static str> {
    if !source.contains("COP") {
        return Vec::new();
    }
    let r = root(c).unwrap_or(0);
    let mut out = vec!["ANY"];
    let kill = c.starts_with("1823")
        || c.starts_with("183")
        || c.starts_with("186")
        || c.starts_with("190")
        || c.starts_with("193")
        || c.starts_with("194")
        || c.starts_with("195")
        || r == 20;
    if kill {
        out.push("KILL");
    }
    if c.starts_with("173") {
        out.push("ARREST");
    }
    if c.starts_with("171") || c.starts_with("175") || (18..=20).contains(&r) {
        out.push("FORCE");
    }
    out
}

/// The CASE 2021 group one event supports.
fn case_group_of_code(code: &str) -> Option<&'static str> {
    match root(code)? {
        14 => Some("PROTEST"),
        18..=20 => Some("VIOLENCE"),
        17 if code.starts_with("173") => Some("ARREST"),
        _ => None,
    }
}

/// The CASE 2021 group of a gold ACLED-style type.
fn case_group_of_type(t: &str) -> Option<&'static str> {
    match t {
        "PEACE_PROTEST" | "PROTEST_WITH_INTER" | "VIOL_DEMONSTR" => Some("PROTEST"),
        "ATTACK" | "ARMED_CLASH" | "AIR_STRIKE" | "ART_MISS_ATTACK" | "GRENADE" | "REM_EXPLOS"
        | "SUIC_BOMB" | "CHEM_WEAP" | "MOB_VIOL" => Some("VIOLENCE"),
        "ARREST" => Some("ARREST"),
        _ => None,
    }
}

/// The ConfliBERT class of a CAMEO code.
fn penta_class(code: &str) -> Option<&'static str> {
    Some(match root(code)? {
        1..=2 => "0",
        3..=5 => "1",
        6..=8 => "2",
        9..=13 => "3",
        14..=20 => "4",
        _ => return None,
    })
}

/// The gold labels of a record, as the set's scorer names them.
fn gold_labels(kind: GoldKind, r: &GoldRecord) -> Vec<String> {
    let codes = r.events.iter().map(|e| e.code.as_str());
    let mut out: Vec<String> = match kind {
        GoldKind::PoliceLabels => codes
            .filter_map(|c| match c {
                "ANY_ACTION" => Some("ANY"),
                "KILL" | "ARREST" | "FORCE" => Some(c),
                _ => None,
            })
            .map(String::from)
            .collect(),
        GoldKind::CaseGroups => codes
            .filter_map(case_group_of_type)
            .map(String::from)
            .collect(),
        GoldKind::PentaClass => {
            let label = r
                .extra
                .as_ref()
                .and_then(|x| x.get("label"))
                .and_then(|l| l.as_str().map(String::from).or_else(|| Some(l.to_string())));
            label
                .or_else(|| {
                    r.events
                        .first()
                        .and_then(|e| e.code.strip_prefix("PENTA").map(String::from))
                })
                .into_iter()
                .collect()
        }
        GoldKind::Events | GoldKind::Spans => Vec::new(),
    };
    out.sort();
    out.dedup();
    out
}

/// The labels herald's events give a record.
fn predicted_labels(kind: GoldKind, events: &[Coded]) -> Vec<String> {
    let mut out: Vec<String> = match kind {
        GoldKind::PoliceLabels => events
            .iter()
            .flat_map(police_labels)
            .map(String::from)
            .collect(),
        GoldKind::CaseGroups => events
            .iter()
            .filter_map(|(_, code)| case_group_of_code(code))
            .map(String::from)
            .collect(),
        GoldKind::PentaClass => events
            .first()
            .and_then(|(_, code)| penta_class(code))
            .map(String::from)
            .into_iter()
            .collect(),
        GoldKind::Events | GoldKind::Spans => Vec::new(),
    };
    out.sort();
    out.dedup();
    out
}

/// Code every record of a sentence-label set and score it.
pub fn evaluate_labels(
    pipeline: &Pipeline,
    records: &[GoldRecord],
    base: &Options,
    kind: GoldKind,
) -> LabelReport {
    let names = scored_labels(kind);
    let mut labels: BTreeMap<String, Prf> = names
        .iter()
        .map(|n| (n.to_string(), Prf::default()))
        .collect();
    let (mut scored, mut skipped, mut with_events) = (0, 0, 0);
    for r in records {
        if r.evaluate == Some(false) || r.expected_error.is_some() {
            skipped += 1;
            continue;
        }
        let mut doc = Document::new(r.id.clone(), r.text.clone(), super::record_date(r));
        pipeline.process_with(&mut doc, &super::options_for(base, r));
        scored += 1;
        with_events += !doc.events.is_empty() as usize;
        let gold = gold_labels(kind, r);
        let coded: Vec<Coded> = doc
            .events
            .iter()
            .map(|e| (e.source.code.as_str(), e.code.as_str()))
            .collect();
        let pred = predicted_labels(kind, &coded);
        for (name, prf) in labels.iter_mut() {
            let g: Vec<String> = gold.iter().filter(|l| *l == name).cloned().collect();
            let p: Vec<String> = pred.iter().filter(|l| *l == name).cloned().collect();
            prf.add(&g, &p);
        }
    }
    for prf in labels.values_mut() {
        prf.finish();
    }
    let score = labels.values().map(|p| p.f1).sum::<f64>() / labels.len().max(1) as f64;
    LabelReport {
        kind,
        records: scored,
        skipped,
        with_events,
        score,
        labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event<'a>(source: &'a str, code: &'a str) -> Coded<'a> {
        (source, code)
    }

    #[test]
    fn police_labels_need_a_police_source() {
        assert!(predicted_labels(GoldKind::PoliceLabels, &[event("INDGOV", "173")]).is_empty());
        assert_eq!(
            predicted_labels(GoldKind::PoliceLabels, &[event("INDCOP", "173")]),
            ["ANY", "ARREST"]
        );
        assert_eq!(
            predicted_labels(GoldKind::PoliceLabels, &[event("INDCOP", "1823")]),
            ["ANY", "FORCE", "KILL"]
        );
        assert_eq!(
            predicted_labels(GoldKind::PoliceLabels, &[event("COP", "010")]),
            ["ANY"]
        );
    }

    #[test]
    fn case_groups_and_penta_classes() {
        let evs = [
            event("USA", "141"),
            event("USA", "1731"),
            event("USA", "043"),
        ];
        assert_eq!(
            predicted_labels(GoldKind::CaseGroups, &evs),
            ["ARREST", "PROTEST"]
        );
        // The first event decides the class.
        assert_eq!(predicted_labels(GoldKind::PentaClass, &evs), ["4"]);
        assert_eq!(
            predicted_labels(GoldKind::PentaClass, &[event("USA", "0874")]),
            ["2"]
        );
        assert_eq!(case_group_of_type("SUIC_BOMB"), Some("VIOLENCE"));
        assert_eq!(case_group_of_type("DIPLO"), None);
    }

    #[test]
    fn kinds_come_from_the_code_system() {
        let rec = |sys: &str| -> GoldRecord {
            serde_json::from_str(&format!(r#"{{"id":"x","text":"t","code_system":"{sys}"}}"#))
                .unwrap()
        };
        assert_eq!(
            GoldKind::of(&[rec("IPE"), rec("IPE")]),
            GoldKind::PoliceLabels
        );
        assert_eq!(GoldKind::of(&[rec("pentaclass")]), GoldKind::PentaClass);
        assert_eq!(GoldKind::of(&[rec("PLOVER")]), GoldKind::Events);
        let penta: GoldRecord = serde_json::from_str(
            r#"{"id":"x","text":"t","events":[{"source":"a","target":"b","code":"PENTA3"}],"extra":{"label":"3"}}"#,
        )
        .unwrap();
        assert_eq!(gold_labels(GoldKind::PentaClass, &penta), ["3"]);
        let ipe: GoldRecord = serde_json::from_str(
            r#"{"id":"x","text":"t","events":[{"source":null,"target":null,"code":"ANY_ACTION"},{"source":null,"target":null,"code":"FAIL"}]}"#,
        )
        .unwrap();
        assert_eq!(gold_labels(GoldKind::PoliceLabels, &ipe), ["ANY"]);
    }
}
