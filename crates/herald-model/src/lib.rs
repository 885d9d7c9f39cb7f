//! herald's learned event model: the rules propose an event, the model decides its type
//! and says how sure it is.
//!
//! - `tokenizer`: BERT's uncased WordPiece, for the encoder's vocabulary.
//! - `vectors`: static token vectors (one per vocabulary piece), distilled by `distill`
//!   from all-MiniLM-L6-v2 at training time; a text's vector is a mean of rows.
//! - `features`: what the model sees of an event: the vectors of its trigger words, its
//!   sentence, its source and target, and the type the rules gave it.
//! - `head`: a softmax classifier over the PLOVER classes plus "no event", trained here.
//!
//! [`EventModel::classify`] gives the class probabilities of one event; what to do with
//! them (confirm, re-type, drop) is decided by the pipeline, which knows the ontology.

#![warn(missing_docs)]

use herald_core::{Document, Event};
use std::path::{Path, PathBuf};

pub mod distill;
pub mod features;
pub mod head;
pub mod tokenizer;
pub mod vectors;

pub use features::Features;
pub use head::{Head, TrainOptions};
pub use vectors::StaticVectors;

/// The classes the model decides between: "no event" and the PLOVER types, with CONCEDE
/// and RETREAT together as YIELD (the training set does not tell them apart).
pub const CLASSES: [&str; 16] = [
    "NONE",
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "YIELD",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// The model's class for a PLOVER type name, reading earlier PLOVER names as today's
/// (CONCEDE and RETREAT are YIELD, DISAPPROVE and INVESTIGATE are ACCUSE, DEMAND is
/// REQUEST, FIGHT is ASSAULT).
pub fn class_of(kind: &str) -> &str {
    match kind {
        "CONCEDE" | "RETREAT" => "YIELD",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "DEMAND" => "REQUEST",
        "FIGHT" => "ASSAULT",
        k => k,
    }
}

/// The index of a class in [`CLASSES`].
pub fn class_index(class: &str) -> Option<usize> {
    CLASSES.iter().position(|c| *c == class)
}

/// What went wrong loading or training a model; every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not what it should be.
    #[error("{path}: not a valid model file: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

impl ModelError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> ModelError {
        ModelError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn corrupt(path: &Path, reason: String) -> ModelError {
        ModelError::Corrupt {
            path: path.to_path_buf(),
            reason,
        }
    }
}

/// File names of the shipped model, under `data/models/`.
pub const HEAD_FILE: &str = "events-head.json";
/// See [`HEAD_FILE`].
pub const VECTORS_FILE: &str = "static-vectors.bin";
/// See [`HEAD_FILE`].
pub const VOCAB_FILE: &str = "static-vocab.txt";

/// The encoder's vectors and the trained head.
#[derive(Clone, Debug)]
pub struct EventModel {
    /// The static token vectors.
    pub vectors: StaticVectors,
    /// The classifier.
    pub head: Head,
}

/// Class probabilities of one event, in [`CLASSES`] order.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// One probability per class.
    pub probs: Vec<f32>,
}

impl Prediction {
    /// The most probable class and its probability.
    pub fn best(&self) -> (&'static str, f32) {
        let (i, p) = self
            .probs
            .iter()
            .enumerate()
            .fold(
                (0, f32::MIN),
                |(bi, bp), (i, &p)| if p > bp { (i, p) } else { (bi, bp) },
            );
        (CLASSES[i], p)
    }

    /// The probability of a class.
    pub fn prob(&self, class: &str) -> f32 {
        class_index(class).map_or(0.0, |i| self.probs[i])
    }

    /// The `n` most probable classes, most probable first.
    pub fn top(&self, n: usize) -> Vec<(&'static str, f32)> {
        let mut v: Vec<(&'static str, f32)> = CLASSES
            .iter()
            .copied()
            .zip(self.probs.iter().copied())
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v.truncate(n);
        v
    }
}

impl EventModel {
    /// Load the model in `dir` (`data/models`).
    pub fn load(dir: &Path) -> Result<EventModel, ModelError> {
        let vectors = StaticVectors::load(&dir.join(VECTORS_FILE), &dir.join(VOCAB_FILE))?;
        let head = Head::load(&dir.join(HEAD_FILE))?;
        let want = Features::width(vectors.dims());
        if head.dims() != want {
            return Err(ModelError::corrupt(
                &dir.join(HEAD_FILE),
                format!(
                    "the head reads {} features; these vectors give {want}",
                    head.dims()
                ),
            ));
        }
        Ok(EventModel { vectors, head })
    }

    /// The class probabilities of `event` in `doc`.
    pub fn classify(&self, doc: &Document, event: &Event) -> Prediction {
        self.predict(&Features::of(&self.vectors, doc, event))
    }

    /// Type each of `events` of `doc`, reading each sentence's words once however many
    /// events it has.
    pub fn classify_all<'e>(
        &self,
        doc: &Document,
        events: impl IntoIterator<Item = &'e Event>,
    ) -> Vec<Prediction> {
        let mut means: std::collections::HashMap<usize, Vec<f32>> = Default::default();
        events
            .into_iter()
            .map(|e| {
                let mean = means
                    .entry(e.sentence)
                    .or_insert_with(|| Features::sentence_mean(&self.vectors, doc, e.sentence));
                self.predict(&Features::with_sentence(&self.vectors, doc, e, mean))
            })
            .collect()
    }

    fn predict(&self, x: &Features) -> Prediction {
        Prediction {
            probs: self.head.predict(&x.values),
        }
    }
}
