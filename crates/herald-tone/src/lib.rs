//! herald's tone stage: document tone on GDELT's scale.
//!
//! GDELT counts words: `tone` = (positive words − negative words) / words × 100, with
//! `positive` and `negative` the two shares in percent and `polarity` their sum. A word is
//! positive or negative by its valence in the VADER lexicon (C.J. Hutto, MIT licence), shipped
//! as `data/tone/vader-words.tsv` and compiled into the crate.
//!
//! Negation is kept simple: a word whose valence is flipped when one of the three words
//! before it (in the same sentence) is a negator such as *not*, *never*, *n't* or *without*.
//! Negators themselves are never scored, so "not good" counts one negative word.
//!
//! The entry point is [`tone`]; [`tone_with`] takes another [`Lexicon`].

#![warn(missing_docs)]

use herald_core::{Document, Token, TokenKind, Tone};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The shipped lexicon, compiled in so the binary needs no data files at run time.
const VADER_WORDS: &str = include_str!("../../../data/tone/vader-words.tsv");
/// The name errors in the shipped lexicon are reported under.
const VADER_FILE: &str = "data/tone/vader-words.tsv";

/// How many words back a negator reaches.
pub const NEGATION_WINDOW: usize = 3;

/// Negators, in token norm form (upper case, straight apostrophes). The tokenizer splits
/// "don't" into "DO" + "N'T", so the clitic is listed; the glued spellings cover text
/// written without apostrophes. Taken from VADER's own list.
const NEGATORS: &[&str] = &[
    "NOT", "N'T", "NO", "NEVER", "NONE", "NOBODY", "NOTHING", "NOWHERE", "NEITHER", "NOR",
    "WITHOUT", "CANNOT", "CANT", "DONT", "DOESNT", "DIDNT", "ISNT", "ARENT", "WASNT", "WERENT",
    "WONT", "WOULDNT", "SHOULDNT", "COULDNT", "HASNT", "HAVENT", "HADNT", "AINT", "RARELY",
    "SELDOM", "NOPE",
];

/// A malformed lexicon line.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ToneError {
    /// A line that is not `word<TAB>number`.
    #[error("{file}:{line}: expected `word<TAB>valence`, found {found:?}")]
    BadLine {
        /// The lexicon's file name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The offending line.
        found: String,
    },
}

/// FxHash: the lexicon is looked up once per word, so a cheap hash matters more than
/// resistance to adversarial keys (the keys are our own file).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("chunk of 8"));
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<V> = HashMap<Box<str>, V, BuildHasherDefault<FxHasher>>;

/// A word → valence table, keyed by upper-case word (the form of [`Token::norm`]).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    valence: FxMap<f32>,
}

impl Lexicon {
    /// Parse `word<TAB>valence` lines; `#` lines and blank lines are skipped. Words are
    /// upper-cased to match token norms. `file` names the source in errors.
    pub fn parse(text: &str, file: &str) -> Result<Lexicon, ToneError> {
        let mut valence = FxMap::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || ToneError::BadLine {
                file: file.to_string(),
                line: i + 1,
                found: line.chars().take(80).collect(),
            };
            let (word, score) = line.split_once('\t').ok_or_else(bad)?;
            let score: f32 = score.trim().parse().map_err(|_| bad())?;
            if word.is_empty() || !score.is_finite() {
                return Err(bad());
            }
            valence.insert(word.to_uppercase().into_boxed_str(), score);
        }
        Ok(Lexicon { valence })
    }

    /// The shipped VADER word lexicon, parsed once.
    pub fn vader() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            // The file is compiled in and checked by a unit test, so this cannot fail
            // at run time unless the build itself is broken.
            Lexicon::parse(VADER_WORDS, VADER_FILE).expect("shipped VADER lexicon parses")
        })
    }

    /// The valence of an upper-case word, if the lexicon has it.
    pub fn get(&self, upper: &str) -> Option<f32> {
        self.valence.get(upper).copied()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.valence.len()
    }

    /// True when the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.valence.is_empty()
    }
}

/// The tone of `doc` with the shipped VADER lexicon. Needs `doc.tokens` (herald-text's
/// `segment`); a document without tokens has zero words and tone 0.
pub fn tone(doc: &Document) -> Tone {
    tone_with(doc, Lexicon::vader())
}

/// The tone of `doc` with `lexicon`.
pub fn tone_with(doc: &Document, lexicon: &Lexicon) -> Tone {
    tone_of_tokens(&doc.tokens, lexicon)
}

fn is_negator(norm: &str) -> bool {
    NEGATORS.contains(&norm)
}

/// True for tokens that count as words: letters first (so "'s" and numbers do not count,
/// as in GDELT's word count of the text).
fn is_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.norm.starts_with(|c: char| c.is_alphabetic())
}

fn ends_sentence(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "." | "!" | "?" | ";")
}

fn tone_of_tokens(tokens: &[Token], lexicon: &Lexicon) -> Tone {
    let mut words = 0usize;
    let mut pos = 0usize;
    let mut neg = 0usize;
    // Words since the last negator; starts out of reach.
    let mut since_negator = usize::MAX;
    for t in tokens {
        if ends_sentence(t) {
            since_negator = usize::MAX;
            continue;
        }
        // "n't" is a Word token starting with 'n', so it is counted as a word too.
        if !is_word(t) {
            continue;
        }
        words += 1;
        if is_negator(&t.norm) {
            since_negator = 0;
            continue;
        }
        since_negator = since_negator.saturating_add(1);
        let Some(v) = lexicon.get(&t.norm) else {
            continue;
        };
        let v = if since_negator <= NEGATION_WINDOW { -v } else { v };
        if v > 0.0 {
            pos += 1;
        } else if v < 0.0 {
            neg += 1;
        }
    }
    if words == 0 {
        return Tone::default();
    }
    let share = |n: usize| n as f64 * 100.0 / words as f64;
    let (positive, negative) = (share(pos), share(neg));
    Tone {
        tone: positive - negative,
        positive,
        negative,
        polarity: positive + negative,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_parses() {
        let lex = Lexicon::parse(VADER_WORDS, VADER_FILE).unwrap();
        assert!(lex.len() > 7000, "{}", lex.len());
        assert_eq!(lex.get("GOOD"), Some(1.9));
        assert_eq!(lex.get("WAR"), Some(-2.9));
        assert_eq!(lex.get("good"), None, "keys are upper case");
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Lexicon::parse("# c\ngood\t1.9\nbad -2.5\n", "x.tsv").unwrap_err();
        assert_eq!(
            err,
            ToneError::BadLine {
                file: "x.tsv".into(),
                line: 3,
                found: "bad -2.5".into()
            }
        );
        assert!(err.to_string().starts_with("x.tsv:3:"));
        assert!(Lexicon::parse("w\tnan\n", "y").is_err());
        assert!(Lexicon::parse("w\tabc\n", "y").is_err());
    }

    #[test]
    fn hasher_spreads_keys() {
        let h = |s: &str| {
            let mut f = FxHasher::default();
            f.write(s.as_bytes());
            f.finish()
        };
        assert_ne!(h("GOOD"), h("GOOF"));
        assert_ne!(h("ABCDEFGHI"), h("ABCDEFGHJ"));
    }
}
