//! `herald explain`: show every decision herald makes on a sentence.

use super::code::CoderArgs;
use clap::Args;
use herald_core::Document;
use std::fmt::Write as _;

/// Arguments of `herald explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The text to explain (one or more sentences).
    pub text: String,
    /// Publication date (YYYY-MM-DD); dated roles and relative dates depend on it.
    #[arg(long, value_parser = super::parse_day)]
    pub date: Option<chrono::NaiveDate>,
    /// Coder options.
    #[command(flatten)]
    pub coder: CoderArgs,
}

/// Run `herald explain`.
pub fn run(args: &ExplainArgs) -> anyhow::Result<i32> {
    let pipeline = args.coder.pipeline()?;
    let mut doc = Document::new("explain", args.text.clone(), args.date);
    pipeline.process(&mut doc);
    print!("{}", explain(&pipeline, &doc, &args.coder.options()));
    Ok(0)
}

/// The explanation of a processed document, as text.
pub fn explain(
    pipeline: &herald_pipeline::Pipeline,
    doc: &Document,
    options: &herald_pipeline::CoderOptions,
) -> String {
    let mut s = String::new();
    for (si, sent) in doc.sentences.iter().enumerate() {
        let _ = writeln!(
            s,
            "sentence {si} [{}..{}]: {}",
            sent.span.start,
            sent.span.end,
            doc.slice(sent.span)
        );
        let _ = writeln!(s, "  tokens:");
        for (k, ti) in sent.tokens.clone().enumerate() {
            let t = &doc.tokens[ti];
            let word = doc.slice(t.span);
            match sent.syntax.as_ref().and_then(|x| x.get(k)) {
                Some(a) => {
                    let head = a
                        .head
                        .map(|h| h.to_string())
                        .unwrap_or_else(|| "root".into());
                    let _ = writeln!(
                        s,
                        "    {k:>3} {word:<18} {:<6} {:<5} {:<16} head {head:<4} {}",
                        a.upos, a.xpos, a.lemma, a.deprel
                    );
                }
                None => {
                    let _ = writeln!(
                        s,
                        "    {k:>3} {word:<18} [{}..{}]",
                        t.span.start, t.span.end
                    );
                }
            }
        }
        if let Some(x) = &sent.syntax {
            let _ = writeln!(s, "  dependency tree:");
            let words: Vec<&str> = doc.tokens[sent.tokens.clone()]
                .iter()
                .map(|t| doc.slice(t.span))
                .collect();
            for (k, a) in x.iter().enumerate() {
                if a.head.is_none() {
                    tree(&mut s, x, &words, k, 2);
                }
            }
        } else {
            let _ = writeln!(
                s,
                "  (not parsed: no syntax model, --no-parse, or no actor in the sentence)"
            );
        }
        let _ = writeln!(s, "  actors:");
        let mut any = false;
        for m in doc.mentions.iter().filter(|m| m.sentence == si) {
            any = true;
            let _ = writeln!(
                s,
                "    \"{}\" → {} ({:?}) from {}",
                m.text,
                m.code,
                m.kind,
                m.entries.join("; ")
            );
        }
        if !any {
            let _ = writeln!(s, "    none");
        }
        let _ = writeln!(s, "  verbs tried:");
        let trace = pipeline.coder().trace_sentence(doc, si, options);
        if trace.is_empty() {
            let _ = writeln!(s, "    no word of the sentence is a verb of the dictionary");
        }
        for t in trace {
            if t.word.is_empty() {
                let _ = writeln!(s, "    {}", t.outcome);
            } else {
                let _ = writeln!(s, "    \"{}\": {}", t.word, t.outcome);
            }
        }
        let _ = writeln!(s, "  events:");
        let mut any = false;
        for e in doc.events.iter().filter(|e| e.sentence == si) {
            any = true;
            let target = e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-");
            let _ = writeln!(
                s,
                "    {} → {} {} {} (Goldstein {:+.1}, QuadClass {}, {}, {:?}, date {} from {})\n      pattern: {}\n      evidence: \"{}\"",
                e.source.code,
                target,
                e.code,
                e.name,
                e.goldstein,
                e.quad_class,
                e.plover.as_ref().map(|p| format!("PLOVER {} {}", p.kind, p.mode)).unwrap_or_else(|| "no PLOVER".into()),
                e.modality,
                e.date.as_deref().unwrap_or("?"),
                e.date_source.map_or("?", |d| d.as_str()),
                e.pattern,
                doc.slice(e.span)
            );
            if e.negated {
                let _ = writeln!(s, "      negated: the text says it did not happen");
            }
            if let Some(r) = &e.reported_by {
                let _ = writeln!(s, "      reported by: \"{}\" ({})", r.text, r.code);
            }
            if let Some(model) = pipeline.event_model() {
                let top: Vec<String> = model
                    .classify(doc, e)
                    .top(3)
                    .into_iter()
                    .map(|(c, p)| format!("{c} {p:.2}"))
                    .collect();
                let by = e.decided_by.map_or("rules", |d| match d {
                    herald_core::DecidedBy::Rules => "rules",
                    herald_core::DecidedBy::Model => "model",
                    herald_core::DecidedBy::Both => "both",
                });
                let _ = writeln!(
                    s,
                    "      model: {}; decided by {by}, confidence {:.2}",
                    top.join(", "),
                    e.confidence.unwrap_or(0.0)
                );
            }
        }
        if !any {
            let _ = writeln!(s, "    none");
        }
        s.push('\n');
    }
    s
}

fn tree(s: &mut String, x: &[herald_core::TokenSyntax], words: &[&str], k: usize, depth: usize) {
    let _ = writeln!(
        s,
        "{}{} ({}, {})",
        "  ".repeat(depth),
        words[k],
        x[k].deprel,
        x[k].upos
    );
    for (c, a) in x.iter().enumerate() {
        if a.head == Some(k) && c != k && depth < 60 {
            tree(s, x, words, c, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_lexicon::{herald_format, petrarch, Dictionaries};

    #[test]
    fn explains_events_and_failures() {
        let mut d = Dictionaries::default();
        herald_format::read_actors("a.actors", "Arnor\n    ARN\nGondor\n    GON\n", &mut d);
        petrarch::read_verbs("v.verbs", "--- PRAISE [051] ---\nPRAISE\n", &mut d);
        // Dyads only, so that the second sentence says why it codes nothing.
        let dyads = herald_pipeline::CoderOptions {
            require_dyad: true,
            ..Default::default()
        };
        let p = herald_pipeline::Pipeline::new(d, dyads.clone());
        let mut doc = Document::new("t", "Arnor praised Gondor. Arnor praised.", None);
        p.process(&mut doc);
        let out = explain(&p, &doc, &dyads);
        assert!(out.contains("\"Arnor\" → ARN"), "{out}");
        assert!(out.contains("ARN → GON 051"), "{out}");
        assert!(out.contains("v.verbs:1 PRAISE"), "{out}");
        assert!(out.contains("no target actor"), "{out}");
    }
}
