//! herald's syntax stage: a part-of-speech tagger (UPOS + Penn XPOS), a
//! lemmatizer and a labelled dependency parser producing Universal
//! Dependencies trees, all trained from CoNLL-U treebanks.
//!
//! Entry point: [`Model::load`] then [`Model::analyze`] on one sentence of
//! already-tokenised words. Training: [`train::train`]; scoring: [`train::evaluate`].
#![warn(missing_docs)]

pub mod conllu;
mod feats;
mod io;
mod lemma;
mod parser;
mod perceptron;
mod rng;
mod tagger;
pub mod train;

pub use feats::normalize;
pub use train::{evaluate, train, Scores, TrainOptions};

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Errors of the syntax stage.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    /// A file could not be read or written.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error (shown in the message, not chained, so it prints once).
        error: std::io::Error,
    },
    /// Malformed CoNLL-U input.
    #[error("{file}:{line}: {message}")]
    Conllu {
        /// File name (or other source label).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model file that is not a herald syntax model or is damaged.
    #[error("bad syntax model: {0}")]
    Model(String),
    /// Training could not start.
    #[error("cannot train: {0}")]
    Train(String),
}

/// Analysis of one word (mirrors `herald_core::TokenSyntax`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// Universal part of speech.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Lemma, lower case except for proper nouns.
    pub lemma: String,
    /// 0-based index of the head in the sentence; `None` for the root.
    pub head: Option<usize>,
    /// Universal Dependencies relation (with subtype, e.g. `obl:tmod`).
    pub deprel: String,
}

impl From<Analysis> for herald_core::TokenSyntax {
    fn from(a: Analysis) -> Self {
        herald_core::TokenSyntax {
            upos: a.upos,
            xpos: a.xpos,
            lemma: a.lemma,
            head: a.head,
            deprel: a.deprel,
        }
    }
}

const MAGIC: &[u8; 8] = b"HRLDSYN1";
const VERSION: u64 = 2;
/// Sections: tagger meta, tagger pass 1, tagger pass 2 (may be empty), lemmatizer,
/// parser meta, parser moves, labeller.
const SECTIONS: usize = 7;
/// File name of the shipped model under `data/models/`.
pub const MODEL_FILE: &str = "en_ewt.model";

/// Tagger, lemmatizer and parser trained together.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) tagger: tagger::Tagger,
    pub(crate) lemmatizer: lemma::Lemmatizer,
    pub(crate) parser: parser::Parser,
    /// UPOS value per joint tag (derived from the tagger).
    pub(crate) coarse: Vec<u64>,
}

/// Per-stage timings of [`Model::analyze_timed`], in nanoseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct StageTimes {
    /// Feature extraction and tagging.
    pub tagging: u128,
    /// Lemmatisation.
    pub lemma: u128,
    /// Parsing and labelling.
    pub parsing: u128,
}

impl Model {
    /// Loads a model file written by [`Model::save`].
    pub fn load(path: &Path) -> Result<Model, SyntaxError> {
        let bytes = std::fs::read(path).map_err(|e| SyntaxError::Io {
            path: path.to_path_buf(),
            error: e,
        })?;
        Model::from_bytes(&bytes).map_err(|e| match e {
            SyntaxError::Model(m) => SyntaxError::Model(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// Reads a model from the bytes of a model file.
    ///
    /// The file is a sequence of independently compressed sections, decoded on
    /// parallel threads so loading stays fast.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, SyntaxError> {
        if bytes.len() < 24 || &bytes[..8] != MAGIC {
            return Err(SyntaxError::Model(
                "not a herald syntax model (bad magic bytes)".into(),
            ));
        }
        let mut head = io::Reader::new(&bytes[8..]);
        let v = head.u64()?;
        if v != VERSION {
            return Err(SyntaxError::Model(format!(
                "model format version {v}, this build reads {VERSION}"
            )));
        }
        let count = head.u64()? as usize;
        if count != SECTIONS {
            return Err(SyntaxError::Model(format!(
                "{count} sections, expected {SECTIONS}"
            )));
        }
        let mut secs = Vec::with_capacity(count);
        let mut pos = 24 + 8 * count;
        for _ in 0..count {
            let len = head.u64()? as usize;
            let end = pos
                .checked_add(len)
                .filter(|&e| e <= bytes.len())
                .ok_or_else(|| {
                    SyntaxError::Model("section runs past the end of the file".into())
                })?;
            secs.push(&bytes[pos..end]);
            pos = end;
        }
        if pos != bytes.len() {
            return Err(SyntaxError::Model(
                "trailing bytes after the last section".into(),
            ));
        }
        fn section<T>(
            b: &[u8],
            name: &str,
            f: impl FnOnce(&mut io::Reader) -> Result<T, SyntaxError>,
        ) -> Result<T, SyntaxError> {
            // Sections inflate to about three times their size: reserve once.
            let mut raw = Vec::with_capacity(b.len() * 4);
            ZlibDecoder::new(b)
                .read_to_end(&mut raw)
                .map_err(|e| SyntaxError::Model(format!("{name}: corrupt compressed data: {e}")))?;
            let mut r = io::Reader::new(&raw);
            let out = f(&mut r).map_err(|e| SyntaxError::Model(format!("{name}: {e}")))?;
            if !r.at_end() {
                return Err(SyntaxError::Model(format!("{name}: trailing data")));
            }
            Ok(out)
        }
        let weights = |b: &[u8], name: &str| section(b, name, perceptron::Weights::read);
        let joined =
            |h: std::thread::ScopedJoinHandle<'_, Result<perceptron::Weights, SyntaxError>>| {
                h.join()
                    .unwrap_or_else(|_| Err(SyntaxError::Model("loader thread panicked".into())))
            };
        std::thread::scope(|s| {
            let first = s.spawn(|| weights(secs[1], "tagger pass 1"));
            let moves = s.spawn(|| weights(secs[5], "parser moves"));
            let labeller = s.spawn(|| weights(secs[6], "labeller"));
            let second = if secs[2].is_empty() {
                None
            } else {
                Some(s.spawn(|| weights(secs[2], "tagger pass 2")))
            };
            let (tags, tagdict) = section(secs[0], "tagger", tagger::Tagger::read_meta)?;
            let lemmatizer = section(secs[3], "lemmatizer", lemma::Lemmatizer::read)?;
            let labels = section(secs[4], "parser", parser::Parser::read_meta)?;
            let second = match second {
                Some(h) => Some(joined(h)?),
                None => None,
            };
            let tagger = tagger::Tagger::from_parts(tags, tagdict, joined(first)?, second)?;
            let parser = parser::Parser::from_parts(labels, joined(moves)?, joined(labeller)?)?;
            let coarse = tagger.coarse();
            Ok(Model {
                tagger,
                lemmatizer,
                parser,
                coarse,
            })
        })
    }

    /// Serialises the model: independently deflated sections of quantised weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut parts: Vec<io::Writer> = (0..SECTIONS).map(|_| io::Writer::default()).collect();
        self.tagger.write_meta(&mut parts[0]);
        let (first, second) = self.tagger.weights();
        first.write(&mut parts[1]);
        let second_present = second.is_some();
        if let Some(w) = second {
            w.write(&mut parts[2]);
        }
        self.lemmatizer.write(&mut parts[3]);
        self.parser.write_meta(&mut parts[4]);
        let (moves, labeller) = self.parser.weights();
        moves.write(&mut parts[5]);
        labeller.write(&mut parts[6]);
        let compressed: Vec<Vec<u8>> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i == 2 && !second_present {
                    return Vec::new();
                }
                let mut enc = ZlibEncoder::new(Vec::new(), flate2::Compression::best());
                enc.write_all(&p.buf).expect("writing to a Vec cannot fail");
                enc.finish().expect("writing to a Vec cannot fail")
            })
            .collect();
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(SECTIONS as u64).to_le_bytes());
        for c in &compressed {
            out.extend_from_slice(&(c.len() as u64).to_le_bytes());
        }
        for c in &compressed {
            out.extend_from_slice(c);
        }
        out
    }

    /// Drops every weight whose absolute value is below `threshold`: a smaller
    /// file that loads and runs faster, at some cost in accuracy.
    pub fn prune(&mut self, threshold: f32) {
        self.tagger.prune(threshold);
        self.parser.prune(threshold);
    }

    /// Sizes of the weight tables (rows and non-zero weights), for reports.
    pub fn stats(&self) -> String {
        format!("{}; {}", self.tagger.stats(), self.parser.stats())
    }

    /// Writes the model to `path`.
    pub fn save(&self, path: &Path) -> Result<(), SyntaxError> {
        std::fs::write(path, self.to_bytes()).map_err(|e| SyntaxError::Io {
            path: path.to_path_buf(),
            error: e,
        })
    }

    /// Tag, lemmatise and parse one sentence of already-tokenised words.
    pub fn analyze(&self, words: &[&str]) -> Vec<Analysis> {
        self.analyze_timed(words, &mut StageTimes::default())
    }

    /// [`Model::analyze`], adding the time spent in each stage to `times`.
    pub fn analyze_timed(&self, words: &[&str], times: &mut StageTimes) -> Vec<Analysis> {
        self.analyze_inner(words, None, times)
    }

    /// Lemmatise and parse with given `UPOS`/`XPOS` tags instead of the tagger's
    /// (to measure the parser alone). Tags unknown to the model fall back to the tagger's.
    pub fn analyze_with_tags(&self, words: &[&str], tags: &[(&str, &str)]) -> Vec<Analysis> {
        self.analyze_inner(words, Some(tags), &mut StageTimes::default())
    }

    fn analyze_inner(
        &self,
        words: &[&str],
        given: Option<&[(&str, &str)]>,
        times: &mut StageTimes,
    ) -> Vec<Analysis> {
        if words.is_empty() {
            return Vec::new();
        }
        let t0 = std::time::Instant::now();
        let lex: Vec<feats::Lex> = words.iter().map(|w| feats::Lex::new(w)).collect();
        let mut f = Vec::new();
        let mut s = Vec::new();
        let mut tags = self.tagger.tag(&lex, &mut f, &mut s);
        if let Some(given) = given {
            for (t, (u, x)) in tags.iter_mut().zip(given) {
                let joint = format!("{u}\t{x}");
                if let Some(i) = self.tagger.tags.iter().position(|g| *g == joint) {
                    *t = i as u16;
                }
            }
        }
        let t1 = std::time::Instant::now();
        let lemmas: Vec<String> = words
            .iter()
            .zip(&tags)
            .map(|(w, &t)| {
                let t = t as usize;
                self.lemmatizer
                    .lemma(w, &self.tagger.upos[t], &self.tagger.xpos[t])
            })
            .collect();
        let t2 = std::time::Instant::now();
        let input = parser::Input::new(&lex, &tags, &self.coarse);
        let mut sc = parser::Scratch::default();
        let heads = self.parser.parse(&input, &mut sc);
        let labels = self.parser.label(&input, &heads, &mut sc);
        let t3 = std::time::Instant::now();
        times.tagging += (t1 - t0).as_nanos();
        times.lemma += (t2 - t1).as_nanos();
        times.parsing += (t3 - t2).as_nanos();
        tags.iter()
            .zip(lemmas)
            .enumerate()
            .map(|(i, (&t, lemma))| {
                let h = heads[i + 1];
                Analysis {
                    upos: self.tagger.upos[t as usize].clone(),
                    xpos: self.tagger.xpos[t as usize].clone(),
                    lemma,
                    head: if h == 0 { None } else { Some(h as usize - 1) },
                    deprel: self
                        .parser
                        .labels
                        .get(labels[i + 1] as usize)
                        .cloned()
                        .unwrap_or_else(|| "dep".into()),
                }
            })
            .collect()
    }
}

/// Where the shipped model lives: `models/<file>` in herald's data folder
/// ([`herald_core::data::data_dir`]: `$HERALD_DATA`, else `<repo>/data`).
pub fn default_model_path() -> PathBuf {
    herald_core::data::data_path("models").join(MODEL_FILE)
}
