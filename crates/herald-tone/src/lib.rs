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

/// What the table knows about a word. Negators live in the same table so that each word
/// costs one lookup.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    valence: Option<f32>,
    negator: bool,
}

/// A word → valence table, keyed by upper-case word (the form of [`Token::norm`]).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: FxMap<Entry>,
    /// The longest key in bytes: longer words are not looked up.
    max_len: usize,
}

impl Lexicon {
    /// Parse `word<TAB>valence` lines; `#` lines and blank lines are skipped. Words are
    /// upper-cased to match token norms. `file` names the source in errors.
    pub fn parse(text: &str, file: &str) -> Result<Lexicon, ToneError> {
        let mut entries: FxMap<Entry> = FxMap::default();
        for n in NEGATORS {
            entries.entry((*n).into()).or_default().negator = true;
        }
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
            entries
                .entry(word.to_uppercase().into_boxed_str())
                .or_default()
                .valence = Some(score);
        }
        let max_len = entries.keys().map(|k| k.len()).max().unwrap_or(0);
        Ok(Lexicon { entries, max_len })
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
        self.lookup(upper).and_then(|e| e.valence)
    }

    fn lookup(&self, upper: &str) -> Option<Entry> {
        if upper.len() > self.max_len {
            return None;
        }
        self.entries.get(upper).copied()
    }

    /// Number of words with a valence.
    pub fn len(&self) -> usize {
        self.entries
            .values()
            .filter(|e| e.valence.is_some())
            .count()
    }

    /// True when no word has a valence.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The tone of `doc` with the shipped VADER lexicon. Needs `doc.tokens` (herald-text's
/// `segment`); a document without tokens has zero words and tone 0.
pub fn tone(doc: &Document) -> Tone {
    tone_with(doc, Lexicon::vader())
}

/// The tone of `doc` with `lexicon`.
pub fn tone_with(doc: &Document, lexicon: &Lexicon) -> Tone {
    tone_of_tokens(&doc.text, &doc.tokens, lexicon)
}

/// True for a sentence end that stops negation.
fn ends_sentence(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct
        && t.span.len() == 1
        && matches!(
            text.as_bytes().get(t.span.start),
            Some(b'.' | b'!' | b'?' | b';')
        )
}

/// How long a word may be to be upper-cased on the stack for lookup.
const STACK_WORD: usize = 48;

fn tone_of_tokens(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Tone {
    let mut words = 0usize;
    let mut pos = 0usize;
    let mut neg = 0usize;
    // Words since the last negator; starts out of reach.
    let mut since_negator = usize::MAX;
    let mut buf = [0u8; STACK_WORD];
    for t in tokens {
        if t.kind != TokenKind::Word {
            if ends_sentence(text, t) {
                since_negator = usize::MAX;
            }
            continue;
        }
        // Read the word from the text rather than `norm`: the text is contiguous, the norms
        // are scattered on the heap, and this loop is memory-bound.
        let w = text.get(t.span.start..t.span.end).unwrap_or("");
        // Words start with a letter: numbers and "'s" do not count, as in GDELT's word
        // count. "n't" starts with 'n', so it is a word.
        let letter = match w.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
            _ => w.chars().next().is_some_and(char::is_alphabetic),
        };
        if !letter {
            continue;
        }
        words += 1;
        let entry = if w.is_ascii() && w.len() <= STACK_WORD {
            if w.len() > lexicon.max_len {
                None
            } else {
                let key = &mut buf[..w.len()];
                key.copy_from_slice(w.as_bytes());
                key.make_ascii_uppercase();
                // ASCII in, ASCII out: always valid UTF-8.
                std::str::from_utf8(key)
                    .ok()
                    .and_then(|k| lexicon.lookup(k))
            }
        } else {
            // Curly apostrophes and other non-ASCII, or very long: the norm has the dictionary
            // form.
            lexicon.lookup(&t.norm)
        };
        if entry.is_some_and(|e| e.negator) {
            since_negator = 0;
            continue;
        }
        since_negator = since_negator.saturating_add(1);
        let Some(v) = entry.and_then(|e| e.valence) else {
            continue;
        };
        let v = if since_negator <= NEGATION_WINDOW {
            -v
        } else {
            v
        };
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
