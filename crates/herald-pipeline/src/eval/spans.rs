//! Scoring span-marked sentences (`plv-train.jsonl`): each record marks one source
//! (`<s>…</s>`) and one target (`<t>…</t>`) in its text and names the PLOVER type of the
//! event between them.
//!
//! A herald event finds the dyad when its source text overlaps the marked source and its
//! target text overlaps the marked target; among several such events the most confident
//! one (then the first) speaks for the sentence. Three figures: the share of sentences
//! whose dyad is found, the type accuracy on those, and the end-to-end accuracy (dyad
//! found and type right). The set names types as PLOVER 0.5 did, so both sides are read
//! through [`plover_class`] (CONCEDE and RETREAT are YIELD, DISAPPROVE and INVESTIGATE are
//! ACCUSE, DEMAND is REQUEST, FIGHT is ASSAULT).

use super::GoldRecord;
use crate::Pipeline;
use herald_core::{Document, Event, Span};
use herald_events::Options;
use serde::Serialize;
use std::collections::BTreeMap;

/// The class a PLOVER type name falls in when scored against the span-marked set: the
/// event model's classes, which read earlier PLOVER names as today's.
pub use herald_model::class_of as plover_class;

/// The byte spans of the marked source and target in the record's plain text, read from
/// its `marked` field; `None` when either mark is missing or malformed.
pub fn marked_spans(marked: &str) -> Option<(Span, Span)> {
    let mut plain = 0usize;
    let mut rest = marked;
    let (mut s, mut t) = (None, None);
    let mut open: Option<(char, usize)> = None;
    while let Some(i) = rest.find('<') {
        plain += i;
        let tail = &rest[i..];
        let tag = ["<s>", "</s>", "<t>", "</t>"]
            .into_iter()
            .find(|tag| tail.starts_with(tag));
        match tag {
            Some("<s>") => open = Some(('s', plain)),
            Some("<t>") => open = Some(('t', plain)),
            Some(close) => {
                let which = close.as_bytes()[2] as char;
                let (w, start) = open.take()?;
                if w != which {
                    return None;
                }
                let span = Span { start, end: plain };
                if w == 's' {
                    s = Some(span);
                } else {
                    t = Some(span);
                }
            }
            None => {
                plain += 1;
                rest = &tail[1..];
                continue;
            }
        }
        rest = &tail[tag.unwrap().len()..];
    }
    Some((s?, t?))
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The event of `events` that finds the marked dyad, if any: the most confident, then
/// the first.
pub fn dyad_event(events: &[Event], source: Span, target: Span) -> Option<&Event> {
    let mut best: Option<&Event> = None;
    for e in events {
        let Some(t) = &e.target else { continue };
        if overlaps(e.source.span, source)
            && overlaps(t.span, target)
            && best.is_none_or(|b| e.confidence > b.confidence)
        {
            best = Some(e);
        }
    }
    best
}

/// One record's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct SpanResult {
    /// Record id.
    pub id: String,
    /// The gold type (in the set's names).
    pub gold: String,
    /// The type herald gives the marked dyad, when it finds it.
    pub predicted: Option<String>,
}

/// The outcome of scoring a span-marked set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SpanReport {
    /// Records scored.
    pub records: usize,
    /// Records left out (no well-formed marks).
    pub skipped: usize,
    /// Records whose marked dyad herald codes.
    pub found: usize,
    /// Of those, records with the right type.
    pub typed_right: usize,
    /// `found / records`.
    pub dyad_found: f64,
    /// `typed_right / found`.
    pub type_accuracy: f64,
    /// `typed_right / records`.
    pub end_to_end: f64,
    /// Per gold type: (records, found, typed right).
    pub per_type: BTreeMap<String, (usize, usize, usize)>,
    /// Per (gold, predicted) pair of a found dyad with the wrong type: how often.
    pub confusions: BTreeMap<String, usize>,
    /// Every record's outcome.
    pub results: Vec<SpanResult>,
}

/// The PLOVER class herald gives an event (`None` when it has no PLOVER type).
pub fn event_class(e: &Event) -> Option<&str> {
    e.plover.as_ref().map(|p| plover_class(&p.kind))
}

/// A span-marked record coded by herald.
pub struct MarkedRecord {
    /// The coded sentence.
    pub doc: Document,
    /// The marked source's byte span.
    pub source: Span,
    /// The marked target's byte span.
    pub target: Span,
    /// The gold type, as a class ([`plover_class`]).
    pub gold: String,
}

/// Code a span-marked record; `None` when it lacks well-formed marks or a type.
pub fn code_marked(pipeline: &Pipeline, r: &GoldRecord, base: &Options) -> Option<MarkedRecord> {
    let (marked, gold) = (r.marked.as_deref()?, r.plover.as_deref()?);
    let (source, target) = marked_spans(marked)?;
    let mut doc = Document::new(r.id.clone(), r.text.clone(), super::record_date(r));
    pipeline.process_with(&mut doc, &super::options_for(base, r));
    Some(MarkedRecord {
        doc,
        source,
        target,
        gold: plover_class(gold).to_string(),
    })
}

/// Code every span-marked record and score it.
pub fn evaluate_spans(pipeline: &Pipeline, records: &[GoldRecord], base: &Options) -> SpanReport {
    let mut rep = SpanReport::default();
    for r in records {
        let Some(MarkedRecord {
            doc,
            source: s,
            target: t,
            gold,
        }) = code_marked(pipeline, r, base)
        else {
            rep.skipped += 1;
            continue;
        };
        let predicted =
            dyad_event(&doc.events, s, t).map(|e| event_class(e).unwrap_or("-").to_string());
        rep.records += 1;
        let row = rep.per_type.entry(gold.clone()).or_default();
        row.0 += 1;
        if let Some(p) = &predicted {
            rep.found += 1;
            row.1 += 1;
            if *p == gold {
                rep.typed_right += 1;
                row.2 += 1;
            } else {
                *rep.confusions.entry(format!("{gold}→{p}")).or_default() += 1;
            }
        }
        rep.results.push(SpanResult {
            id: r.id.clone(),
            gold,
            predicted,
        });
    }
    let n = rep.records.max(1) as f64;
    rep.dyad_found = rep.found as f64 / n;
    rep.type_accuracy = rep.typed_right as f64 / rep.found.max(1) as f64;
    rep.end_to_end = rep.typed_right as f64 / n;
    rep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_byte_spans_of_the_plain_text() {
        let marked = "<s>The mayor of Lyon</s> thanked <t>the café owners</t> <b>today</b>.";
        let plain = "The mayor of Lyon thanked the café owners <b>today</b>.";
        let (s, t) = marked_spans(marked).unwrap();
        assert_eq!(&plain[s.start..s.end], "The mayor of Lyon");
        assert_eq!(&plain[t.start..t.end], "the café owners");
        assert!(marked_spans("<s>Kenya</s> met Uganda.").is_none());
        assert!(marked_spans("<s>Kenya</t> met <t>Uganda</s>.").is_none());
    }

    #[test]
    fn earlier_plover_names_fold_into_the_sets_classes() {
        assert_eq!(plover_class("RETREAT"), "YIELD");
        assert_eq!(plover_class("CONCEDE"), "YIELD");
        assert_eq!(plover_class("DISAPPROVE"), "ACCUSE");
        assert_eq!(plover_class("FIGHT"), "ASSAULT");
        assert_eq!(plover_class("DEMAND"), "REQUEST");
        assert_eq!(plover_class("AID"), "AID");
    }
}
