//! The one way front ends run the pipeline over many documents: documents in, coded
//! documents out in input order, in parallel, each guarded so that a bug in a stage
//! costs one document, never the batch.
//!
//! `herald code`, `herald ingest`, `herald watch` and `herald serve` all go through
//! [`Pipeline::code_batch`] (or [`Pipeline::code_stream`] over a reader, or
//! [`Pipeline::code`] for one document), and report the same [`CodeError`]. The API
//! takes and returns owned values and no closures, so a binding (Python) can call it
//! as it is.

use crate::Pipeline;
use herald_core::Document;
use rayon::prelude::*;
use std::collections::VecDeque;

/// Why one document came out uncoded: a stage panicked on it, or it ran over its CPU
/// budget. Other documents of the batch are not affected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", match kind {
    CodeErrorKind::Panic => format!("internal error while coding article {id:?} ({message}); please report"),
    CodeErrorKind::OverBudget => format!("article {id:?} not coded: {message}"),
})]
pub struct CodeError {
    /// The document's id.
    pub id: String,
    /// What happened (the panic message, or the budget).
    pub message: String,
    /// Which kind of failure.
    pub kind: CodeErrorKind,
}

/// The kinds of [`CodeError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeErrorKind {
    /// A stage panicked: a bug.
    Panic,
    /// The document took more CPU time than [`crate::Limits::max_cpu`].
    OverBudget,
}

/// One item of [`Pipeline::code_stream`]: a record the reader could not read, or a
/// document the pipeline could not code.
#[derive(Debug, thiserror::Error)]
pub enum StreamError<E> {
    /// The reader's error, passed through.
    #[error(transparent)]
    Read(E),
    /// The pipeline's error for one document.
    #[error(transparent)]
    Code(CodeError),
}

/// Documents coded at a time by [`Pipeline::code_stream`] when no size is given: enough
/// to keep every core busy, few enough to bound memory.
pub const DEFAULT_CHUNK: usize = 256;

/// Size the worker pool that [`Pipeline::code_batch`] runs on (`None` or `Some(0)`:
/// one thread per core). Call it before the first batch: the pool is process-wide and
/// made once, so later calls keep the existing one.
pub fn set_jobs(jobs: Option<usize>) {
    if let Some(j) = jobs {
        // Fails only when the pool already exists; then the existing one is used.
        rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global()
            .ok();
    }
}

/// A test-only way to make a stage fail: a document with this id panics.
#[cfg(test)]
const PANIC_FOR_TEST: &str = "\u{0}panic-for-test";

impl Pipeline {
    /// Run every stage over `doc`; a panic in a stage becomes a [`CodeError`] naming the
    /// document (the half-coded document is dropped).
    pub fn code(&self, mut doc: Document) -> Result<Document, CodeError> {
        let id = doc.id.clone();
        let budget = self.limits.max_cpu;
        let options = &self.coder.options;
        let outcome = herald_core::guard::catch(move || {
            #[cfg(test)]
            if doc.id == PANIC_FOR_TEST {
                panic!("test panic");
            }
            self.process_within_budget(&mut doc, options).map(|()| doc)
        });
        match outcome {
            Ok(Ok(doc)) => Ok(doc),
            Ok(Err(())) => Err(CodeError {
                id,
                message: format!(
                    "over the CPU budget of {:.1} s per document",
                    budget.as_secs_f64()
                ),
                kind: CodeErrorKind::OverBudget,
            }),
            Err(p) => Err(CodeError {
                id,
                message: p.message,
                kind: CodeErrorKind::Panic,
            }),
        }
    }

    /// Code `docs` in parallel (see [`set_jobs`]); one result per document, in input
    /// order.
    pub fn code_batch(&self, docs: Vec<Document>) -> Vec<Result<Document, CodeError>> {
        if docs.len() <= 1 {
            // Not worth a trip to the pool (`herald serve` codes one text at a time).
            return docs.into_iter().map(|d| self.code(d)).collect();
        }
        docs.into_par_iter().map(|d| self.code(d)).collect()
    }

    /// Code a reader's stream lazily, `chunk` documents at a time (0: [`DEFAULT_CHUNK`]),
    /// yielding every record's outcome in input order: the coded document, the reader's
    /// error ([`StreamError::Read`]) or the pipeline's ([`StreamError::Code`]).
    ///
    /// A read error ends the chunk it falls in, so a caller that stops at the first
    /// error (`--strict`) has not read past it.
    pub fn code_stream<I, A, E>(&self, items: I, chunk: usize) -> CodeStream<'_, I::IntoIter, E>
    where
        I: IntoIterator<Item = Result<A, E>>,
        A: Into<Document>,
    {
        CodeStream {
            pipeline: self,
            items: items.into_iter(),
            chunk: if chunk == 0 { DEFAULT_CHUNK } else { chunk },
            ready: VecDeque::new(),
        }
    }
}

/// The iterator of [`Pipeline::code_stream`].
pub struct CodeStream<'p, I, E> {
    pipeline: &'p Pipeline,
    items: I,
    chunk: usize,
    ready: VecDeque<Result<Document, StreamError<E>>>,
}

impl<I, A, E> Iterator for CodeStream<'_, I, E>
where
    I: Iterator<Item = Result<A, E>>,
    A: Into<Document>,
{
    type Item = Result<Document, StreamError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() {
            self.fill();
        }
        self.ready.pop_front()
    }
}

impl<I, A, E> CodeStream<'_, I, E>
where
    I: Iterator<Item = Result<A, E>>,
    A: Into<Document>,
{
    /// Read up to a chunk (or to the next read error) and code it.
    fn fill(&mut self) {
        let mut docs = Vec::with_capacity(self.chunk);
        let mut read_error = None;
        for item in self.items.by_ref() {
            match item {
                Ok(a) => docs.push(a.into()),
                Err(e) => {
                    read_error = Some(e);
                    break;
                }
            }
            if docs.len() == self.chunk {
                break;
            }
        }
        let coded = self.pipeline.code_batch(docs);
        self.ready
            .extend(coded.into_iter().map(|r| r.map_err(StreamError::Code)));
        if let Some(e) = read_error {
            self.ready.push_back(Err(StreamError::Read(e)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CoderOptions;
    use herald_lexicon::{petrarch, Dictionaries};

    fn pipeline() -> Pipeline {
        let mut d = Dictionaries::default();
        herald_lexicon::herald_format::read_actors(
            "a.actors",
            "Russia\n    RUS\nUkraine\n    UKR\n",
            &mut d,
        );
        petrarch::read_verbs("v.verbs", "--- INVADE [192] ---\nINVADE\n", &mut d);
        Pipeline::new(d, CoderOptions::default()).with_knowledge(false)
    }

    fn doc(id: &str) -> Document {
        Document::new(id, "Russia invaded Ukraine.", None)
    }

    #[test]
    fn a_panic_costs_one_document_and_order_is_kept() {
        let p = pipeline();
        let ids = ["a", "b", PANIC_FOR_TEST, "d", "e"];
        let out = p.code_batch(ids.iter().map(|id| doc(id)).collect());
        assert_eq!(out.len(), ids.len());
        for (id, r) in ids.iter().zip(&out) {
            match r {
                Ok(d) => {
                    assert_eq!(d.id, *id);
                    assert_eq!(d.events.len(), 1, "{id} is coded");
                }
                Err(e) => {
                    assert_eq!(e.id, PANIC_FOR_TEST);
                    assert_eq!(e.message, "test panic");
                }
            }
        }
        assert!(out[2].is_err());
        assert_eq!(out.iter().filter(|r| r.is_err()).count(), 1);
    }

    #[test]
    fn stream_keeps_input_order_across_chunks_and_errors() {
        let p = pipeline();
        let items: Vec<Result<Document, String>> = vec![
            Ok(doc("1")),
            Ok(doc("2")),
            Err("bad line 3".into()),
            Ok(doc(PANIC_FOR_TEST)),
            Ok(doc("5")),
            Ok(doc("6")),
        ];
        let out: Vec<String> = p
            .code_stream(items, 2)
            .map(|r| match r {
                Ok(d) => d.id,
                Err(StreamError::Read(e)) => e,
                Err(StreamError::Code(e)) => format!("code error {:?}", e.id),
            })
            .collect();
        let panic_line = format!("code error {PANIC_FOR_TEST:?}");
        assert_eq!(out, ["1", "2", "bad line 3", &panic_line, "5", "6"]);
    }
}
