//! What the model sees of an event.
//!
//! Four text blocks, each the mean static vector of some words: the trigger (the words of
//! the event's evidence that are not its actors), the whole sentence, the source and the
//! target. Then what the rules said: the class of the rules' PLOVER type and the CAMEO
//! root (one-hot), and whether the event has a target, is negated, has an implied source,
//! and its modality.

use crate::{class_index, class_of, StaticVectors, CLASSES};
use herald_core::{Document, Event, Modality, Span};

/// Roots 01–20 and "none".
const ROOTS: usize = 21;
/// Flags: has target, negated, implied source, five modalities.
const FLAGS: usize = 8;
/// Text blocks: trigger verb, the words after it, the evidence, sentence, source, target.
const BLOCKS: usize = 6;
/// Buckets of the hashed lemma of the trigger verb.
const LEMMAS: usize = 512;
/// Words after the trigger verb read as its complement.
const AFTER: usize = 4;

/// The feature vector of one event.
#[derive(Clone, Debug)]
pub struct Features {
    /// The values, [`Features::width`] of them.
    pub values: Vec<f32>,
}

/// FNV-1a: a stable hash for the lemma buckets.
fn fnv(s: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h as usize
}

fn inside(t: Span, s: Span) -> bool {
    t.start >= s.start && t.end <= s.end
}

impl Features {
    /// How many features vectors of `dims` give.
    pub fn width(dims: usize) -> usize {
        BLOCKS * dims + LEMMAS + CLASSES.len() + ROOTS + FLAGS
    }

    /// The features of `event` in `doc`.
    pub fn of(vectors: &StaticVectors, doc: &Document, e: &Event) -> Features {
        Self::with_sentence(
            vectors,
            doc,
            e,
            &Self::sentence_mean(vectors, doc, e.sentence),
        )
    }

    /// The sentence block of the events of sentence `si`: the mean vector of its words
    /// (zeros when there is no such sentence). The same for every event of the sentence,
    /// so a caller coding several may compute it once.
    pub fn sentence_mean(vectors: &StaticVectors, doc: &Document, si: usize) -> Vec<f32> {
        let mut out = vec![0f32; vectors.dims()];
        if let Some(s) = doc.sentences.get(si) {
            vectors.mean_into(
                doc.text.get(s.span.start..s.span.end).unwrap_or(""),
                &mut out,
            );
        }
        out
    }

    /// The features of `event` in `doc`, given its sentence's [`Features::sentence_mean`].
    pub fn with_sentence(
        vectors: &StaticVectors,
        doc: &Document,
        e: &Event,
        sentence_mean: &[f32],
    ) -> Features {
        let d = vectors.dims();
        let mut v = vec![0f32; Self::width(d)];
        let text = |s: Span| doc.text.get(s.start..s.end).unwrap_or("");
        let sentence = doc.sentences.get(e.sentence);
        // Trigger: the evidence's words outside the actors' spans.
        let mut actors = vec![e.source.span];
        if let Some(t) = &e.target {
            actors.push(t.span);
        }
        let mut trigger = String::new();
        // The trigger verb: the first verb of the evidence outside the actors (else its
        // first word outside them); then the words after it.
        let mut lemma = String::new();
        let mut after = String::new();
        if let Some(s) = sentence {
            let tokens = doc.tokens.get(s.tokens.clone()).unwrap_or(&[]);
            let syn = s.syntax.as_deref().filter(|x| x.len() == tokens.len());
            let free: Vec<usize> = (0..tokens.len())
                .filter(|&i| {
                    inside(tokens[i].span, e.span)
                        && !actors.iter().any(|a| inside(tokens[i].span, *a))
                })
                .collect();
            for &i in &free {
                trigger.push_str(text(tokens[i].span));
                trigger.push(' ');
            }
            let verb = free
                .iter()
                .copied()
                .find(|&i| syn.is_some_and(|x| x[i].upos == "VERB"))
                .or_else(|| free.first().copied());
            if let Some(vi) = verb {
                lemma = syn.map_or_else(|| tokens[vi].norm.clone(), |x| x[vi].lemma.to_lowercase());
                for t in tokens[vi + 1..]
                    .iter()
                    .filter(|t| !actors.iter().any(|a| inside(t.span, *a)))
                    .take(AFTER)
                {
                    after.push_str(text(t.span));
                    after.push(' ');
                }
                vectors.mean_into(text(tokens[vi].span), &mut v[..d]);
            }
        }
        vectors.mean_into(&after, &mut v[d..2 * d]);
        if vectors.mean_into(&trigger, &mut v[2 * d..3 * d]) == 0 {
            vectors.mean_into(text(e.span), &mut v[2 * d..3 * d]);
        }
        v[3 * d..4 * d].copy_from_slice(sentence_mean);
        if !e.source.implied {
            vectors.mean_into(&e.source.text, &mut v[4 * d..5 * d]);
        }
        if let Some(t) = &e.target {
            vectors.mean_into(&t.text, &mut v[5 * d..6 * d]);
        }
        let mut at = BLOCKS * d;
        if !lemma.is_empty() {
            v[at + fnv(&lemma) % LEMMAS] = 1.0;
        }
        at += LEMMAS;
        let class = e
            .plover
            .as_ref()
            .and_then(|p| class_index(class_of(&p.kind)))
            .unwrap_or(0);
        v[at + class] = 1.0;
        at += CLASSES.len();
        let root = e
            .root
            .get(..2)
            .and_then(|r| r.parse::<usize>().ok())
            .filter(|r| (1..=20).contains(r));
        v[at + root.map_or(0, |r| r)] = 1.0;
        at += ROOTS;
        v[at] = e.target.is_some() as u8 as f32;
        v[at + 1] = e.negated as u8 as f32;
        v[at + 2] = e.source.implied as u8 as f32;
        let m = match e.modality {
            Modality::Asserted => 0,
            Modality::Future => 1,
            Modality::Intended => 2,
            Modality::Reported => 3,
            Modality::Hypothetical => 4,
        };
        v[at + 3 + m] = 1.0;
        Features { values: v }
    }
}
