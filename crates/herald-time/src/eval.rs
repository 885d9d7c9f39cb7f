//! Scoring against TempEval-3 style gold data (JSON Lines, one document per line).
//!
//! A line is `{"text", "date", "subset", "timex3": [{"text","type","value"}, …]}` with the
//! gold expressions in document order and without offsets: each gold text is located in the
//! document after the previous one. A prediction matches a gold expression when their spans
//! overlap (each used once, in order). Extraction scores count matches; value scores count
//! matches with the identical TimeML value; type accuracy is over matches.

use crate::{extract, parse_anchor, Span};
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

/// A file-level failure (a bad line is not one: see [`LineError`]).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be opened or read.
    #[error("cannot read {path}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// A line that could not be used; evaluation skips it and goes on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// One gold time expression.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTimex {
    /// As written in the document.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// TimeML value.
    #[serde(default)]
    pub value: String,
}

#[derive(Deserialize)]
struct Doc {
    text: String,
    date: String,
    #[serde(default)]
    subset: String,
    timex3: Vec<GoldTimex>,
}

/// Raw counts for a set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Documents.
    pub docs: usize,
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Predictions overlapping a gold expression.
    pub matched: usize,
    /// Matches with the identical value.
    pub value_matched: usize,
    /// Matches with the identical type.
    pub type_matched: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Counts {
    /// Adds another set of counts.
    pub fn add(&mut self, o: &Counts) {
        self.docs += o.docs;
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.value_matched += o.value_matched;
        self.type_matched += o.type_matched;
    }

    /// Precision, recall, F1 and value/type scores.
    pub fn scores(&self) -> Scores {
        let (p, r) = (
            ratio(self.matched, self.predicted),
            ratio(self.matched, self.gold),
        );
        let (vp, vr) = (
            ratio(self.value_matched, self.predicted),
            ratio(self.value_matched, self.gold),
        );
        Scores {
            docs: self.docs,
            gold: self.gold,
            predicted: self.predicted,
            precision: p,
            recall: r,
            f1: f1(p, r),
            value_precision: vp,
            value_recall: vr,
            value_f1: f1(vp, vr),
            type_accuracy: ratio(self.type_matched, self.matched),
        }
    }
}

/// Scores derived from [`Counts`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Documents.
    pub docs: usize,
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Extraction precision (any overlap).
    pub precision: f64,
    /// Extraction recall (any overlap).
    pub recall: f64,
    /// Extraction F1.
    pub f1: f64,
    /// Precision of overlap with the identical value.
    pub value_precision: f64,
    /// Recall of overlap with the identical value.
    pub value_recall: f64,
    /// F1 of overlap with the identical value.
    pub value_f1: f64,
    /// Share of matches with the identical type.
    pub type_accuracy: f64,
}

/// The result of evaluating a file.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// TBAQ-cleaned/TimeBank documents.
    pub timebank: Counts,
    /// TBAQ-cleaned/AQUAINT documents.
    pub aquaint: Counts,
    /// TE3-Silver documents.
    pub silver: Counts,
    /// Documents of any other subset.
    pub other: Counts,
    /// Bytes of text run through the extractor.
    pub bytes: usize,
    /// Seconds spent in the extractor alone.
    pub seconds: f64,
    /// Lines that were skipped.
    pub errors: Vec<LineError>,
}

impl Report {
    /// TimeBank and AQUAINT together (the hand-annotated set).
    pub fn tbaq(&self) -> Counts {
        let mut c = self.timebank;
        c.add(&self.aquaint);
        c
    }

    /// Extractor throughput in MB/s (10^6 bytes).
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }

    /// The report as a JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "timebank": self.timebank.scores(),
            "aquaint": self.aquaint.scores(),
            "timebank_aquaint": self.tbaq().scores(),
            "silver": self.silver.scores(),
            "other": self.other.scores(),
            "bytes": self.bytes,
            "seconds": self.seconds,
            "mb_per_s": self.mb_per_s(),
            "errors": self.errors,
        })
    }
}

/// Locates gold texts in order: each is searched after the previous one, then from the start.
pub fn locate_gold(text: &str, gold: &[GoldTimex]) -> Vec<Option<Span>> {
    let mut cursor = 0;
    gold.iter()
        .map(|g| {
            if g.text.is_empty() {
                return None;
            }
            let found = text
                .get(cursor..)
                .and_then(|t| t.find(&g.text))
                .map(|p| p + cursor)
                .or_else(|| text.find(&g.text));
            found.map(|p| {
                cursor = p + g.text.len();
                Span::new(p, p + g.text.len())
            })
        })
        .collect()
}

/// Scores one document's predictions against its gold expressions.
pub fn score_document(text: &str, predicted: &[crate::Timex], gold: &[GoldTimex]) -> Counts {
    let spans = locate_gold(text, gold);
    let mut used = vec![false; predicted.len()];
    let mut c = Counts {
        docs: 1,
        gold: gold.len(),
        predicted: predicted.len(),
        ..Counts::default()
    };
    for (g, span) in gold.iter().zip(&spans) {
        let Some(span) = span else { continue };
        if let Some(k) =
            (0..predicted.len()).find(|&k| !used[k] && predicted[k].span.overlaps(*span))
        {
            used[k] = true;
            c.matched += 1;
            if predicted[k].value == g.value {
                c.value_matched += 1;
            }
            if predicted[k].kind == g.kind {
                c.type_matched += 1;
            }
        }
    }
    c
}

/// Evaluates every line of a reader; `name` labels errors.
pub fn evaluate_reader(reader: impl BufRead, name: &str) -> Result<Report, EvalError> {
    let mut rep = Report::default();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| EvalError::Io {
            path: name.to_string(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Doc = match serde_json::from_str(&line) {
            Ok(d) => d,
            Err(e) => {
                rep.errors.push(LineError {
                    line: n + 1,
                    message: format!("invalid document: {e}"),
                });
                continue;
            }
        };
        let Some(anchor) = parse_anchor(&doc.date) else {
            rep.errors.push(LineError {
                line: n + 1,
                message: format!("bad publication date {:?} (want YYYY-MM-DD)", doc.date),
            });
            continue;
        };
        let t0 = Instant::now();
        let pred = extract(&doc.text, Some(anchor));
        rep.seconds += t0.elapsed().as_secs_f64();
        rep.bytes += doc.text.len();
        let c = score_document(&doc.text, &pred, &doc.timex3);
        let bucket = match doc.subset.as_str() {
            s if s.ends_with("TimeBank") => &mut rep.timebank,
            s if s.ends_with("AQUAINT") => &mut rep.aquaint,
            s if s.contains("Silver") => &mut rep.silver,
            _ => &mut rep.other,
        };
        bucket.add(&c);
    }
    Ok(rep)
}

/// Evaluates a JSON Lines file (see the module documentation for the format).
pub fn evaluate_file(path: &Path) -> Result<Report, EvalError> {
    let f = std::fs::File::open(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })?;
    evaluate_reader(std::io::BufReader::new(f), &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_document_and_skips_bad_lines() {
        let good = r#"{"text":"Officials met on Thursday. Talks will resume next week.","date":"2023-03-17","subset":"TBAQ-cleaned/TimeBank","timex3":[{"text":"Thursday","type":"DATE","value":"2023-03-16"},{"text":"next week","type":"DATE","value":"2023-W13"}]}"#;
        let input =
            format!("{good}\nnot json\n{{\"text\":\"x\",\"date\":\"soon\",\"timex3\":[]}}\n");
        let rep = evaluate_reader(input.as_bytes(), "mem").unwrap();
        assert_eq!(rep.errors.len(), 2);
        assert_eq!(rep.errors[0].line, 2);
        assert_eq!(rep.errors[1].line, 3);
        let c = rep.timebank;
        assert_eq!((c.gold, c.predicted, c.matched), (2, 2, 2));
        // The second gold value is deliberately wrong (W12 is right).
        assert_eq!(c.value_matched, 1);
        let s = c.scores();
        assert!((s.value_f1 - 0.5).abs() < 1e-9);
        assert_eq!(rep.tbaq().gold, 2);
    }

    #[test]
    fn gold_located_in_order() {
        let g = |t: &str| GoldTimex {
            text: t.into(),
            kind: "DATE".into(),
            value: String::new(),
        };
        let spans = locate_gold("today and today", &[g("today"), g("today"), g("nope")]);
        assert_eq!(
            spans,
            vec![Some(Span::new(0, 5)), Some(Span::new(10, 15)), None]
        );
    }
}
