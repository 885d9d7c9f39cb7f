//! herald's event coder over token sequences and actor mentions.
//!
//! The one entry point is [`Coder::code`]; see the crate README for the rules and the
//! module that holds each. Coding a sentence (`sentence`) screens each word as a
//! candidate (`candidates`), places actors around it (`placement`, or `tree` from the
//! parse), matches the listings' patterns (`patterns`, event nouns in `nouns`), decides
//! modality (`modality`) and dates (`dates`); `commas` leaves out short comma clauses and
//! `words` holds the word lists.

#![warn(missing_docs)]

use aho_corasick::{AhoCorasick, MatchKind};
use herald_core::{Document, Sentence};
use herald_lexicon::{Lexicon, Ontology, Phrase};
use std::collections::HashMap;
use std::sync::Arc;

mod by_sentence;
use by_sentence::BySentence;
mod candidates;
mod commas;
mod dates;
mod modality;
mod nouns;
mod patterns;
mod placement;
mod places;
#[cfg(test)]
mod rules_tests;
mod sentence;
mod statements;
#[cfg(test)]
mod tests;
mod tree;
mod words;

/// Coder options (PETRARCH's `config` switches among them).
#[derive(Clone, Debug)]
pub struct Options {
    /// Only code events with both a source and a target (PETRARCH's `require_dyad`). Off
    /// by default: one-actor events (protests, strikes, mobilisations) are kept with no
    /// target, as GDELT, ICEWS and PLOVER keep them.
    pub require_dyad: bool,
    /// Keep negated events in the output (flagged `negated: true`).
    pub keep_negated: bool,
    /// Let a bare agent of a public-life sector that context could not place in a
    /// country ("police arrested 40 protesters") act in events, coded by its sector alone
    /// (COP). Off, only named or placed actors act, as in PETRARCH.
    pub bare_agents: bool,
    /// Most tokens a pattern element may skip before it matches.
    pub max_gap: usize,
    /// Take source and target from the dependency parse (subject, object, `by`-agent)
    /// instead of word order. Off by default: with the shipped parser (LAS 81) it codes
    /// fewer records right than word order does; see the crate README for the numbers.
    pub actors_from_parse: bool,
    /// Code announced acts as CAMEO does: "agreed to give aid" and "will give aid" as
    /// intent (0331), "threatened to attack" as a threat (1384), following
    /// `data/ontology/cameo-intent.txt`. Off codes the act itself, flagged by modality.
    pub code_intent: bool,
    /// Keep hypothetical events in the output ("if Russia attacked…", "Iraq must
    /// cooperate"), flagged `modality: hypothetical`. Off by default: they did not happen.
    pub keep_hypothetical: bool,
    /// PETRARCH's `new_actor_length`: runs of up to this many capitalised words that no
    /// dictionary names are listed among the mentions with code "---" (they code no
    /// events, as in PETRARCH), so that users see which actors their dictionaries miss.
    /// 0 (the default) lists none.
    pub new_actor_length: usize,
    /// Comma-delimited clauses: an internal clause (between two commas) of
    /// `comma_min..=comma_max` words is ignored when looking for actors and verbs
    /// (PETRARCH's `comma_min`, `comma_max`; a maximum of 0 turns the rule off).
    pub comma_min: usize,
    /// See [`Options::comma_min`].
    pub comma_max: usize,
    /// The same for the initial clause (sentence start to first comma; PETRARCH's
    /// `comma_bmin`, `comma_bmax`, off by default).
    pub comma_bmin: usize,
    /// See [`Options::comma_bmin`].
    pub comma_bmax: usize,
    /// The same for the terminal clause (last comma to the sentence end; PETRARCH's
    /// `comma_emin`, `comma_emax`).
    pub comma_emin: usize,
    /// See [`Options::comma_emin`].
    pub comma_emax: usize,
}

impl Default for Options {
    fn default() -> Self {
        // The comma limits are PETRARCH's defaults.
        Options {
            require_dyad: false,
            bare_agents: true,
            keep_negated: false,
            max_gap: 6,
            actors_from_parse: false,
            code_intent: true,
            keep_hypothetical: false,
            new_actor_length: 0,
            comma_min: 2,
            comma_max: 8,
            comma_bmin: 0,
            comma_bmax: 0,
            comma_emin: 2,
            comma_emax: 8,
        }
    }
}

/// Where a verb form points.
#[derive(Clone, Copy, Debug)]
struct VerbRef {
    block: usize,
    verb: usize,
}

/// A compiled event coder.
pub struct Coder {
    lexicon: Arc<Lexicon>,
    ontology: &'static Ontology,
    forms: HashMap<String, Vec<VerbRef>>,
    /// Event noun forms by last word.
    noun_index: nouns::NounIndex,
    /// Pattern indices per block, most specific first.
    order: Vec<Vec<usize>>,
    discards: Option<AhoCorasick>,
    discard_story: Vec<bool>,
    /// Options in force.
    pub options: Options,
}

impl std::fmt::Debug for Coder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Coder({} verb forms)", self.forms.len())
    }
}

fn phrase_key(p: &Phrase) -> String {
    format!(" {} ", p.words.join(" "))
}

impl Coder {
    /// Compile the verb dictionary and discards of `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>, options: Options) -> Coder {
        let mut forms: HashMap<String, Vec<VerbRef>> = HashMap::new();
        let mut order = Vec::new();
        for (bi, b) in lexicon.dict.verbs.iter().enumerate() {
            for (vi, v) in b.verbs.iter().enumerate() {
                for f in &v.forms {
                    forms.entry(f.clone()).or_default().push(VerbRef {
                        block: bi,
                        verb: vi,
                    });
                }
            }
            let mut idx: Vec<usize> = (0..b.patterns.len()).collect();
            idx.sort_by_key(|&i| std::cmp::Reverse(patterns::specificity(&b.patterns[i])));
            order.push(idx);
        }
        let keys: Vec<String> = lexicon
            .dict
            .discards
            .iter()
            .map(|d| phrase_key(&d.phrase))
            .collect();
        let discard_story = lexicon.dict.discards.iter().map(|d| d.story).collect();
        let discards = (!keys.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&keys)
                .expect("discard automaton")
        });
        Coder {
            noun_index: nouns::index(&lexicon.dict.nouns),
            lexicon,
            ontology: Ontology::builtin(),
            forms,
            order,
            discards,
            discard_story,
            options,
        }
    }

    /// The lexicon this coder uses.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Code the events of a segmented document whose actors are recognised,
    /// replacing `doc.events`.
    pub fn code(&self, doc: &mut Document) {
        self.code_with(doc, &self.options);
    }

    /// Like [`Coder::code`] with other options (for records that set their own).
    ///
    /// PETRARCH's new actors (`Options::new_actor_length`) are not the coder's to add:
    /// the pipeline lists them with `herald_actors::new_actors` after coding, unless
    /// [`Coder::story_discarded`].
    pub fn code_with(&self, doc: &mut Document, options: &Options) {
        let mut events = Vec::new();
        let keys = sentence_keys(doc);
        // Story-level discards drop the whole document.
        if self.discards_story(&keys) {
            doc.events.clear();
            return;
        }
        let index = BySentence::new(doc);
        for (si, key) in keys.iter().enumerate() {
            if self.discards.as_ref().is_some_and(|ac| ac.is_match(key)) {
                continue;
            }
            self.code_sentence(doc, &index, si, options, &mut events, &mut None);
        }
        doc.events = events;
    }

    /// Whether a story-level discard phrase ("FOOTBALL", a sports result…) drops the
    /// whole document: [`Coder::code`] then codes nothing.
    pub fn story_discarded(&self, doc: &Document) -> bool {
        self.discards_story(&sentence_keys(doc))
    }

    /// Whether a story-level discard matches one of the sentence keys.
    fn discards_story(&self, keys: &[String]) -> bool {
        self.discards.as_ref().is_some_and(|ac| {
            keys.iter().any(|k| {
                ac.find_iter(k)
                    .any(|m| self.discard_story[m.pattern().as_usize()])
            })
        })
    }

    /// Every candidate verb of sentence `si` and what became of it, for explanations.
    /// (Sentences removed by a discard phrase report that instead.)
    pub fn trace_sentence(&self, doc: &Document, si: usize, options: &Options) -> Vec<VerbTrace> {
        let mut trace = Some(Vec::new());
        let key = sentence_key(doc, &doc.sentences[si]);
        if let Some(m) = self.discards.as_ref().and_then(|ac| ac.find(&key)) {
            let d = &self.lexicon.dict.discards[m.pattern().as_usize()];
            return vec![VerbTrace {
                token: doc.sentences[si].tokens.start,
                word: String::new(),
                outcome: format!("sentence discarded by {} {}", d.origin, d.phrase.display()),
            }];
        }
        let index = BySentence::new(doc);
        self.code_sentence(doc, &index, si, options, &mut Vec::new(), &mut trace);
        trace.unwrap_or_default()
    }
}

/// A sentence's normalised words between spaces (" RUSSIA INVADED UKRAINE . "), as the
/// discard phrases are matched against.
fn sentence_key(doc: &Document, s: &Sentence) -> String {
    let mut k = String::from(" ");
    for t in &doc.tokens[s.tokens.clone()] {
        k.push_str(&t.norm);
        k.push(' ');
    }
    k
}

/// The key of every sentence of `doc`.
fn sentence_keys(doc: &Document) -> Vec<String> {
    doc.sentences.iter().map(|s| sentence_key(doc, s)).collect()
}

/// What the coder did with one candidate verb (for `herald explain`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbTrace {
    /// Token index in the document.
    pub token: usize,
    /// The word as written.
    pub word: String,
    /// What happened: the event coded and why its actors were chosen, or why nothing was.
    pub outcome: String,
}
