//! Scoring coded events against gold records (`herald eval events`).
//!
//! Gold files hold one JSON record per line: `{"id","date","text","events":[{"source",
//! "target","code"}],"category","code_system", optional "evaluate","expected_error",
//! "config"}`. A record is right when the coded events equal the gold ones as a multiset.

use crate::Pipeline;
use herald_core::Document;
use herald_events::Options;
use herald_lexicon::Ontology;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

pub mod labels;
pub mod spans;

/// One gold event.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoldEvent {
    /// Source actor code ("---" when unknown; sentence-label sets write null).
    #[serde(default = "unknown_actor", deserialize_with = "actor_or_unknown")]
    pub source: String,
    /// Target actor code ("---" when none).
    #[serde(default)]
    pub target: Option<String>,
    /// CAMEO code, or a PLOVER type for PLOVER records.
    pub code: String,
}

fn unknown_actor() -> String {
    "---".into()
}

/// An actor code, with null read as unknown ("---").
fn actor_or_unknown<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_else(unknown_actor))
}

/// One gold record.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldRecord {
    /// Identifier.
    pub id: String,
    /// Publication date (YYYY-MM-DD).
    #[serde(default)]
    pub date: Option<String>,
    /// The sentence.
    pub text: String,
    /// Expected events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// Category for per-category counts.
    #[serde(default)]
    pub category: Option<String>,
    /// "CAMEO…" or "PLOVER".
    #[serde(default)]
    pub code_system: Option<String>,
    /// `false` excludes the record.
    #[serde(default)]
    pub evaluate: Option<bool>,
    /// Records that expect an error are excluded.
    #[serde(default)]
    pub expected_error: Option<serde_json::Value>,
    /// PETRARCH options in force.
    #[serde(default)]
    pub config: Option<BTreeMap<String, serde_json::Value>>,
    /// Anything else the gold set carries; `extra.version` names the PLOVER version a
    /// PLOVER record was coded in.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    /// Span-marked records (`plv-train.jsonl`): the text with the source in `<s>…</s>`
    /// and the target in `<t>…</t>`; see [`spans`].
    #[serde(default)]
    pub marked: Option<String>,
    /// Span-marked records: the PLOVER type of the event between the marked actors.
    #[serde(default)]
    pub plover: Option<String>,
}

/// Read gold records; bad lines are returned as messages naming `file:line`.
pub fn read_gold(path: &Path) -> std::io::Result<(Vec<GoldRecord>, Vec<String>)> {
    let f = std::fs::File::open(path)?;
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                errors.push(format!("{}:{}: {e}", path.display(), i + 1));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<GoldRecord>(&line) {
            Ok(r) => records.push(r),
            Err(e) => errors.push(format!("{}:{}: {e}", path.display(), i + 1)),
        }
    }
    Ok((records, errors))
}

/// Precision, recall and F1 counts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn add(&mut self, gold: &[String], pred: &[String]) {
        let mut g = gold.to_vec();
        let mut tp = 0;
        for p in pred {
            if let Some(i) = g.iter().position(|x| x == p) {
                g.swap_remove(i);
                tp += 1;
            }
        }
        self.tp += tp;
        self.fp += pred.len() - tp;
        self.fn_ += gold.len() - tp;
    }

    fn finish(&mut self) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        self.precision = p;
        self.recall = r;
        self.f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
    }
}

/// Per-category counts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CategoryStats {
    /// Records evaluated.
    pub records: usize,
    /// Records exactly right.
    pub exact: usize,
}

/// One record's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct RecordResult {
    /// Record id.
    pub id: String,
    /// Exactly right?
    pub exact: bool,
    /// Gold triples.
    pub gold: Vec<String>,
    /// Predicted triples.
    pub predicted: Vec<String>,
}

/// The evaluation outcome.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EvalReport {
    /// Records evaluated.
    pub records: usize,
    /// Records skipped (`evaluate: false`, `expected_error`).
    pub skipped: usize,
    /// Records whose events equal the gold multiset.
    pub exact_records: usize,
    /// Share of records exactly right.
    pub exact_share: f64,
    /// Micro P/R/F1 on (source, target, code).
    pub triples: Prf,
    /// Micro P/R/F1 on (source country, target country, root) — for PLOVER records the
    /// PLOVER type stands in for the root.
    pub countries: Prf,
    /// Counts per category.
    pub categories: BTreeMap<String, CategoryStats>,
    /// Every record's outcome.
    pub results: Vec<RecordResult>,
}

fn truthy(v: &serde_json::Value) -> Option<bool> {
    match v {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        },
        serde_json::Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

/// Coder options for a record: the base options with the record's `config` applied.
pub fn options_for(base: &Options, record: &GoldRecord) -> Options {
    let mut o = base.clone();
    if let Some(c) = &record.config {
        if let Some(b) = c.get("require_dyad").and_then(truthy) {
            o.require_dyad = b;
        }
        let fields: [(&str, &mut usize); 7] = [
            ("new_actor_length", &mut o.new_actor_length),
            ("comma_min", &mut o.comma_min),
            ("comma_max", &mut o.comma_max),
            ("comma_bmin", &mut o.comma_bmin),
            ("comma_bmax", &mut o.comma_bmax),
            ("comma_emin", &mut o.comma_emin),
            ("comma_emax", &mut o.comma_emax),
        ];
        for (key, field) in fields {
            if let Some(n) = c.get(key).and_then(count) {
                *field = n;
            }
        }
    }
    o
}

/// A non-negative count written as a number or a string ("8").
fn count(v: &serde_json::Value) -> Option<usize> {
    match v {
        serde_json::Value::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The country of an actor code. CAMEO codes a constituent republic of a dissolved
/// federation as federation + republic (SCGSRB: Serbia within Serbia and Montenegro,
/// YUGMNE: Montenegro within Yugoslavia); gold sets coded with current ISO codes name the
/// republic (SRB), so the successor state counts as the country. Legacy codes (JAP for
/// Japan, TMP for East Timor) count as the current ones.
fn country(code: &str) -> &str {
    const REPUBLICS: [&str; 24] = [
        "SRB", "MNE", "KOS", "HRV", "SVN", "BIH", "MKD", "RUS", "UKR", "BLR", "MDA", "GEO", "ARM",
        "AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB", "EST", "LVA", "LTU", "CZE", "SVK",
    ];
    // Older CAMEO and KEDS dictionaries name some countries by codes ISO has since
    // retired or never used; the country is the same.
    const LEGACY: [(&str, &str); 5] = [
        ("JAP", "JPN"),
        ("TMP", "TLS"),
        ("ROM", "ROU"),
        ("ZAR", "COD"),
        ("BUR", "MMR"),
    ];
    let head = code.get(..3).unwrap_or(code);
    let country = match code.get(3..6) {
        Some(rest) if herald_lexicon::FEDERATIONS.contains(&head) && REPUBLICS.contains(&rest) => {
            rest
        }
        _ => head,
    };
    LEGACY
        .iter()
        .find(|(old, _)| *old == country)
        .map_or(country, |(_, now)| now)
}

/// A record's publication date, when it has a readable one.
fn record_date(r: &GoldRecord) -> Option<chrono::NaiveDate> {
    let d = r.date.as_deref()?;
    chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok()
}

/// Code every record and compare.
pub fn evaluate(pipeline: &Pipeline, records: &[GoldRecord], base: &Options) -> EvalReport {
    let mut rep = EvalReport::default();
    for r in records {
        if r.evaluate == Some(false) || r.expected_error.is_some() {
            rep.skipped += 1;
            continue;
        }
        let plover = r.code_system.as_deref() == Some("PLOVER");
        // PLOVER records are scored in the version they were coded in.
        let version = r
            .extra
            .as_ref()
            .and_then(|x| x.get("version"))
            .and_then(|v| v.as_str())
            .unwrap_or("2021");
        let mut doc = Document::new(r.id.clone(), r.text.clone(), record_date(r));
        pipeline.process_with(&mut doc, &options_for(base, r));
        let tgt = |t: &Option<String>| t.clone().unwrap_or_else(|| "---".into());
        let pred: Vec<(String, String, String)> = doc
            .events
            .iter()
            .map(|e| {
                let code = if plover {
                    e.plover
                        .as_ref()
                        .map(|p| {
                            Ontology::builtin().plover_type_in(&p.kind, &p.mode, &e.code, version)
                        })
                        .unwrap_or_default()
                } else {
                    e.code.clone()
                };
                (
                    e.source.code.clone(),
                    e.target
                        .as_ref()
                        .map(|t| t.code.clone())
                        .unwrap_or_else(|| "---".into()),
                    code,
                )
            })
            .collect();
        let gold: Vec<(String, String, String)> = r
            .events
            .iter()
            .map(|g| (g.source.clone(), tgt(&g.target), g.code.clone()))
            .collect();
        let fmt = |v: &[(String, String, String)]| -> Vec<String> {
            let mut out: Vec<String> = v.iter().map(|(s, t, c)| format!("{s} {t} {c}")).collect();
            out.sort();
            out
        };
        let coarse = |v: &[(String, String, String)]| -> Vec<String> {
            v.iter()
                .map(|(s, t, c)| {
                    let root = if plover {
                        c.as_str()
                    } else {
                        c.get(..2).unwrap_or(c)
                    };
                    format!("{} {} {}", country(s), country(t), root)
                })
                .collect()
        };
        let (g, p) = (fmt(&gold), fmt(&pred));
        rep.triples.add(&g, &p);
        rep.countries.add(&coarse(&gold), &coarse(&pred));
        let exact = g == p;
        rep.records += 1;
        rep.exact_records += exact as usize;
        let cat = rep
            .categories
            .entry(r.category.clone().unwrap_or_else(|| "-".into()))
            .or_default();
        cat.records += 1;
        cat.exact += exact as usize;
        rep.results.push(RecordResult {
            id: r.id.clone(),
            exact,
            gold: g,
            predicted: p,
        });
    }
    rep.triples.finish();
    rep.countries.finish();
    rep.exact_share = rep.exact_records as f64 / rep.records.max(1) as f64;
    rep
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_lexicon::{herald_format, petrarch, Dictionaries};

    #[test]
    fn countries_of_federations_and_legacy_codes() {
        assert_eq!(country("SCGSRBGOV"), "SRB");
        assert_eq!(country("SCGGOV"), "SCG");
        assert_eq!(country("JAPGOV"), "JPN");
        assert_eq!(country("TMP"), "TLS");
        assert_eq!(country("YUGMNE"), "MNE");
        assert_eq!(country("IGOUNO"), "IGO");
    }

    #[test]
    fn scores_multisets_and_honours_config() {
        let mut d = Dictionaries::default();
        herald_format::read_actors("a.actors", "Arnor\n    ARN\nGondor\n    GON\n", &mut d);
        petrarch::read_verbs(
            "v.verbs",
            "--- PRAISE [051] ---\nPRAISE\n\n--- MARCH [140] ---\nMARCH\n",
            &mut d,
        );
        let p = Pipeline::new(d, Options::default());
        let recs: Vec<GoldRecord> = [
            r#"{"id":"a","date":"1995-01-01","text":"Arnor praised Gondor.","events":[{"source":"ARN","target":"GON","code":"051"}],"category":"X"}"#,
            r#"{"id":"b","date":"1995-01-01","text":"Arnor praised Gondor.","events":[{"source":"ARN","target":"GON","code":"042"}],"category":"X"}"#,
            r#"{"id":"c","text":"Arnor marches.","events":[{"source":"ARN","target":"---","code":"140"}],"config":{"require_dyad":"false"}}"#,
            r#"{"id":"d","text":"x","events":[],"evaluate":false}"#,
        ]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
        let rep = evaluate(&p, &recs, &Options::default());
        assert_eq!(rep.records, 3);
        assert_eq!(rep.skipped, 1);
        assert_eq!(rep.exact_records, 2);
        assert_eq!(rep.triples.tp, 2);
        assert_eq!(rep.triples.fp, 1);
        assert_eq!(rep.countries.tp, 2);
        assert_eq!(rep.categories["X"].records, 2);
    }

    #[test]
    fn comma_options_come_from_the_record_config() {
        let r: GoldRecord = serde_json::from_str(
            r#"{"id":"c","text":"t","config":{"new_actor_length":"0","comma_emax":"6","comma_min":4,"comma_bmax":"x"}}"#,
        )
        .unwrap();
        let o = options_for(&Options::default(), &r);
        assert_eq!((o.comma_emax, o.comma_min), (6, 4));
        // Unset or unreadable values keep the base options (PETRARCH's defaults).
        assert_eq!((o.comma_max, o.comma_bmax, o.comma_emin), (8, 0, 2));
        let mut d = Dictionaries::default();
        herald_format::read_actors("a.actors", "Arnor\n    ARN\nGondor\n    GON\n", &mut d);
        petrarch::read_verbs(
            "v.verbs",
            "--- PRAISE [051] ---\nPRAISE\n\n--- CHEER [---] ---\nCHEER\n",
            &mut d,
        );
        let p = Pipeline::new(d, Options::default());
        // The terminal clause has 4 words: left out by default, kept with comma_emax 3.
        let text = "Arnor praised the team, Gondor crowds cheered loudly.";
        let rec = |config: &str| -> GoldRecord {
            serde_json::from_str(&format!(
                r#"{{"id":"c","text":"{text}","events":[{{"source":"ARN","target":"GON","code":"051"}}],"config":{config}}}"#
            ))
            .unwrap()
        };
        let recs = [rec("{}"), rec(r#"{"comma_emax":"3"}"#)];
        let rep = evaluate(&p, &recs, &Options::default());
        assert_eq!(
            rep.results.iter().map(|r| r.exact).collect::<Vec<_>>(),
            [false, true]
        );
    }
}
