//! herald's event coder over token sequences and actor mentions.
//!
//! The one entry point is [`Coder::code`]; see the crate README for the rules.

#![warn(missing_docs)]

use aho_corasick::{AhoCorasick, MatchKind};
use herald_core::{ActorRef, Document, Event, Mention, MentionKind, Modality, Plover, Span};
use herald_lexicon::{CodePair, Lexicon, Ontology, Pattern, PatternElem, Phrase};
use std::collections::HashMap;
use std::sync::Arc;

mod commas;
mod nouns;
#[cfg(test)]
mod rules_tests;
mod tree;

/// (source, target, code) of each event, for the tests.
#[cfg(test)]
fn triples(events: &[Event]) -> Vec<(String, String, String)> {
    events
        .iter()
        .map(|e| {
            (
                e.source.code.clone(),
                e.target
                    .as_ref()
                    .map(|t| t.code.clone())
                    .unwrap_or_default(),
                e.code.clone(),
            )
        })
        .collect()
}

/// Coder options (PETRARCH's `config` switches among them).
#[derive(Clone, Debug)]
pub struct Options {
    /// Only code events with both a source and a target (PETRARCH's `require_dyad`).
    pub require_dyad: bool,
    /// Keep negated events in the output (flagged `negated: true`).
    pub keep_negated: bool,
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
            require_dyad: true,
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

/// How specific a pattern is: its words (a content word counting twice a bare
/// preposition: "* BRIDGE" says more than "* (FROM)"), then all its elements.
fn specificity(p: &Pattern) -> (usize, usize) {
    fn count(es: &[PatternElem]) -> (usize, usize) {
        es.iter().fold((0, 0), |(w, n), e| match e {
            e if is_preposition(e) => (w + 1, n + 1),
            PatternElem::Word { .. } | PatternElem::Synset(_) => (w + 2, n + 1),
            PatternElem::Group(g) | PatternElem::Phrase(g) => {
                let (a, b) = count(g);
                (w + a, n + b)
            }
            _ => (w, n + 1),
        })
    }
    let (a, b) = count(&p.before);
    let (c, d) = count(&p.after);
    (a + c, b + d)
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
            idx.sort_by_key(|&i| std::cmp::Reverse(specificity(&b.patterns[i])));
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
    pub fn code_with(&self, doc: &mut Document, options: &Options) {
        let mut events = Vec::new();
        let sentence_norms: Vec<String> = doc
            .sentences
            .iter()
            .map(|s| {
                let mut k = String::from(" ");
                for t in &doc.tokens[s.tokens.clone()] {
                    k.push_str(&t.norm);
                    k.push(' ');
                }
                k
            })
            .collect();
        // Story-level discards drop the whole document.
        if let Some(ac) = &self.discards {
            for k in &sentence_norms {
                if ac
                    .find_iter(k)
                    .any(|m| self.discard_story[m.pattern().as_usize()])
                {
                    doc.events.clear();
                    return;
                }
            }
        }
        for (si, key) in sentence_norms.iter().enumerate() {
            if self.discards.as_ref().is_some_and(|ac| ac.is_match(key)) {
                continue;
            }
            self.code_sentence(doc, si, options, &mut events, &mut None);
        }
        doc.events = events;
        // PETRARCH's new actors are listed, not coded: capitalised names no dictionary
        // knows join the mentions with code "---", for users extending their dictionaries.
        if options.new_actor_length > 0 {
            // Tokens a dictionary actor covers; a sector word inside a run ("Zorblax
            // Industries") belongs to the new name.
            let mut covered = vec![false; doc.tokens.len()];
            for m in doc.mentions.iter().filter(|m| m.kind != MentionKind::Agent) {
                covered[m.tokens.clone()].iter_mut().for_each(|c| *c = true);
            }
            let found: Vec<Mention> = (0..doc.sentences.len())
                .flat_map(|si| new_actors(doc, si, options.new_actor_length, &covered))
                .collect();
            doc.mentions.extend(found);
            doc.mentions.sort_by_key(|m| m.tokens.start);
        }
    }

    /// Every candidate verb of sentence `si` and what became of it, for explanations.
    /// (Sentences removed by a discard phrase report that instead.)
    pub fn trace_sentence(&self, doc: &Document, si: usize, options: &Options) -> Vec<VerbTrace> {
        let mut trace = Some(Vec::new());
        let key = {
            let mut k = String::from(" ");
            for t in &doc.tokens[doc.sentences[si].tokens.clone()] {
                k.push_str(&t.norm);
                k.push(' ');
            }
            k
        };
        if let Some(m) = self.discards.as_ref().and_then(|ac| ac.find(&key)) {
            let d = &self.lexicon.dict.discards[m.pattern().as_usize()];
            return vec![VerbTrace {
                token: doc.sentences[si].tokens.start,
                word: String::new(),
                outcome: format!("sentence discarded by {} {}", d.origin, d.phrase.display()),
            }];
        }
        self.code_sentence(doc, si, options, &mut Vec::new(), &mut trace);
        trace.unwrap_or_default()
    }

    fn code_sentence(
        &self,
        doc: &Document,
        si: usize,
        options: &Options,
        out: &mut Vec<Event>,
        trace: &mut Option<Vec<VerbTrace>>,
    ) {
        let range = doc.sentences[si].tokens.clone();
        let norms: Vec<&str> = doc.tokens[range.clone()]
            .iter()
            .map(|t| {
                // The ";" of "&amp;" is part of a character, not a clause break.
                if t.norm == ";" && closes_entity(&doc.text, t.span.start) {
                    "&;"
                } else {
                    t.norm.as_str()
                }
            })
            .collect();
        let syn = doc.sentences[si]
            .syntax
            .as_deref()
            .filter(|s| s.len() == norms.len());
        let actor_at: Vec<bool> = {
            let mut a = vec![false; norms.len()];
            for m in doc.mentions.iter().filter(|m| m.sentence == si) {
                if m.kind != MentionKind::Agent {
                    a[m.tokens.start - range.start] = true;
                }
            }
            a
        };
        let cut = commas::eliminated(
            &norms,
            syn,
            |i| match syn {
                Some(s) => s[i].upos == "VERB",
                None => self.forms.contains_key(norms[i]),
            },
            |i| actor_at[i],
            options,
        );
        // Mentions of this sentence in sentence-relative token indices, leaving out those
        // in comma-delimited clauses the options eliminate, and new actors ("---"), which
        // are listed, not coded.
        let mentions: Vec<(usize, usize, &Mention)> = doc
            .mentions
            .iter()
            .filter(|m| m.sentence == si && m.kind != MentionKind::Agent && m.code != "---")
            .map(|m| (m.tokens.start - range.start, m.tokens.end - range.start, m))
            .filter(|&(s, _, _)| !cut[s])
            .collect();
        if mentions.is_empty() {
            if let Some(t) = trace.as_mut() {
                t.push(VerbTrace {
                    token: range.start,
                    word: String::new(),
                    outcome: "no actor mentions in the sentence: nothing to code".into(),
                });
            }
            return;
        }
        // A question reports no event ("Will Russia attack Ukraine?").
        if norms.last() == Some(&"?") {
            if let Some(t) = trace.as_mut() {
                t.push(VerbTrace {
                    token: range.start,
                    word: String::new(),
                    outcome: "a question: no event is asserted".into(),
                });
            }
            return;
        }
        // One event per ordered actor pair and sentence: the first verb that codes it wins.
        // With each pair, where its event went in `out` when it is a mere statement (01):
        // a later verb that says more about the same pair replaces it ("Iraq said it would
        // allow the return of U.N. inspectors" is an agreement, not a statement).
        let mut seen: Vec<((String, String), Option<usize>)> = Vec::new();
        // Intent verbs set aside for their infinitive: (verb, infinitive, events so far).
        // When the infinitive codes nothing ("agreed to undertake exercises"), the intent
        // verb is coded after all.
        // Verbs that coded an event, for folding in the verbs of their adverbial clauses.
        let mut coded: Vec<usize> = Vec::new();
        let mut set_aside: Vec<(usize, usize, usize)> = Vec::new();
        // Purpose infinitives of verbs of sending and summoning: (infinitive, governing
        // verb, the governing verb's targets).
        let mut purposes: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        let mut next = 0;
        loop {
            let due = |upto: usize, set_aside: &mut Vec<(usize, usize, usize)>, n: usize| {
                let k = set_aside.iter().position(|&(_, inf, _)| inf < upto)?;
                let (gov, _, before) = set_aside.remove(k);
                (n == before).then_some(gov)
            };
            let (v, retry) = if let Some(g) = due(next, &mut set_aside, out.len()) {
                (g, true)
            } else if next < norms.len() {
                next += 1;
                (next - 1, false)
            } else if let Some(g) = due(usize::MAX, &mut set_aside, out.len()) {
                (g, true)
            } else if set_aside.is_empty() {
                break;
            } else {
                continue;
            };
            let refs = self.forms.get(norms[v]);
            let noun_hit = nouns::at(&self.lexicon.dict.nouns, &self.noun_index, &norms, v);
            if refs.is_none() && noun_hit.is_none() {
                continue;
            }
            let mut note = |outcome: String| {
                if let Some(t) = trace.as_mut() {
                    t.push(VerbTrace {
                        token: range.start + v,
                        word: doc.tokens[range.start + v]
                            .span
                            .slice(&doc.text)
                            .to_string(),
                        outcome,
                    });
                }
            };
            if cut[v] {
                note(
                    "skipped: inside a comma-delimited clause the comma_* options leave out".into(),
                );
                continue;
            }
            // "according to a report by…" attributes; "according" is no verb of granting.
            // "as opposed to" compares; nobody opposes anyone.
            if norms[v] == "ACCORDING" && norms.get(v + 1) == Some(&"TO") {
                note("skipped: \"according to\" introduces a source, not an event".into());
                continue;
            }
            // "… according to a special report submitted to the Canadian Security
            // Intelligence Service": what the attribution's source underwent is no event.
            // (At the head of a sentence, "According to reports the UK is pushing…", the
            // attribution has no end we could tell without a comma.)
            let attribution = norms[..v]
                .windows(2)
                .rposition(|w| w == ["ACCORDING", "TO"])
                .is_some_and(|a| {
                    a > 0 && !norms[a..v].iter().any(|w| matches!(*w, "," | ";" | ":"))
                });
            if attribution {
                note("skipped: part of an \"according to\" attribution".into());
                continue;
            }
            if norms[v] == "OPPOSED"
                && v > 0
                && norms[v - 1] == "AS"
                && norms.get(v + 1) == Some(&"TO")
            {
                note("skipped: \"as opposed to\" compares, it is no event".into());
                continue;
            }
            if refs.is_some() && AUXILIARIES.contains(&norms[v]) {
                note("skipped: an auxiliary or modal; the main verb carries the event".into());
                continue;
            }
            // With a parse the tagger decides noun or verb, except that a past form stays
            // a verb ("the mayor left", "struck a partnership"): taggers trained on web
            // text miss those more often than news uses them as nouns.
            // Nor does a word right after an actor ("Xi arrives in Moscow", a headline).
            let after_actor = mentions.iter().any(|&(_, e, _)| e == v);
            // Nor does a verb after a modal ("will not wire tap"), its own prefix aside.
            let after_modal = refs.into_iter().flatten().any(|r| {
                let n = self.lexicon.dict.verbs[r.block].verbs[r.verb].prefix.len();
                follows_modal(&norms, v.saturating_sub(n))
            });
            let tagged_noun = syn.map(|syn| {
                let verb_anyway = norms[v].ends_with("ED")
                    || IRREGULAR_PAST.contains(&norms[v])
                    || after_actor
                    || after_modal;
                // "a heavily armed ruling minority": a modifier of a noun is no verb, past
                // form or not.
                (matches!(syn[v].upos.as_str(), "NOUN" | "PROPN" | "ADJ" | "NUM") && !verb_anyway)
                    || (syn[v].deprel == "amod" && norms[v].ends_with("ING") && !after_actor)
            });
            let is_noun = refs.is_none() || tagged_noun == Some(true) || looks_like_noun(&norms, v);
            if is_noun && noun_hit.is_none() {
                note("skipped: used as a noun here (after a determiner, or before \"of\")".into());
                continue;
            }
            // "to help support the rights of Palestinians": the bare infinitive after
            // "help" names the act; "help" is coded only when that codes nothing.
            if !retry
                && matches!(norms[v], "HELP" | "HELPS" | "HELPED" | "HELPING")
                && norms.get(v + 1).is_some_and(|w| self.is_base_verb(w))
            {
                note(
                    "set aside: \"help\" before a bare infinitive, which carries the event".into(),
                );
                set_aside.push((v, v + 1, out.len()));
                continue;
            }
            // "offers to broker", "wants to deepen": the embedded verb is the event, coded
            // with intended modality; the intent verb itself is not a second event.
            if let Some(to) = infinitive_after(&norms, v).filter(|&to| {
                !retry
                    && norms
                        .get(to + 1)
                        .is_some_and(|w| self.forms.contains_key(*w))
                    && INTENT_VERBS.contains(&norms[v])
            }) {
                note("set aside: a verb of intention; its infinitive carries the event".into());
                // "expected to be joined by": the infinitive's verb is past its auxiliaries.
                let mut inf = to + 1;
                while norms
                    .get(inf)
                    .is_some_and(|w| matches!(*w, "BE" | "HAVE" | "BEEN" | "BEING"))
                {
                    inf += 1;
                }
                set_aside.push((v, inf, out.len()));
                continue;
            }
            if retry {
                note("its infinitive coded nothing: coding the verb of intention itself".into());
            }
            // Inside an actor name ("Foreign Ministry") a word is not a verb.
            if let Some(&(_, _, m)) = mentions.iter().find(|&&(s, e, _)| s <= v && v < e) {
                note(format!("skipped: part of the actor name \"{}\"", m.text));
                continue;
            }
            let mut chosen = None;
            if let (true, Some(nh)) = (is_noun, &noun_hit) {
                match self.try_noun(&norms, &mentions, nh, options) {
                    Ok(h) => chosen = Some(h),
                    Err(why) => note(why),
                }
            } else {
                // Only the coded verb itself can be the one "and" joins this one to, not a
                // verb in a clause opened after it ("said it will support a resolution that
                // aims to tighten sanctions and impose …").
                // "summoned the ambassador to complain": the purpose verb's subject and
                // target are the governing verb's.
                let purpose_of = purposes.iter().find(|p| p.0 == v);
                let shared = coded.last().copied().filter(|&u| {
                    coordinated(&norms, v)
                        && !norms[u..v]
                            .iter()
                            .any(|w| matches!(*w, "THAT" | "WHICH" | "WHO"))
                });
                // A verb listed in several blocks: the most specific pattern of any block
                // wins ("agreed to a six-month extension": herald's "* (TO)" before
                // Phoenix's bare AGREE), then a listing's own code ("BEAT [182]") before
                // a block default (BEAT in a [190] block); among equals, file order.
                let inherit = Inherit {
                    subject_of: shared.or(purpose_of.map(|p| p.1)),
                    targets: purpose_of.map(|p| p.2.clone()).unwrap_or_default(),
                };
                for r in refs.into_iter().flatten() {
                    // A listing whose most specific pattern cannot beat the pattern already
                    // chosen is not tried: that would match its patterns for nothing.
                    if let Some(c) = chosen.as_ref().filter(|c| c.priority.0 == 2) {
                        let block = &self.lexicon.dict.verbs[r.block];
                        let best = self.order[r.block].first().map(|&pi| {
                            let (w, n) = specificity(&block.patterns[pi]);
                            (2, w, n)
                        });
                        if best.is_none_or(|b| b <= c.priority) {
                            continue;
                        }
                    }
                    match self.try_verb(&norms, syn, &mentions, v, *r, &inherit, options) {
                        Ok(h) => {
                            if chosen
                                .as_ref()
                                .is_none_or(|c: &Hit| h.priority > c.priority)
                            {
                                chosen = Some(h);
                            }
                        }
                        Err(why) => note(why),
                    }
                }
            }
            {
                let Some(mut hit) = chosen else { continue };
                if hit.code.null {
                    note(format!("{}: the pattern codes nothing", hit.rule));
                    continue;
                }
                // "sent personnel to Bosnia to investigate", "summoned the ambassador to
                // complain": what the sending is for says more, and replaces it when it
                // codes an event.
                if PURPOSE_GOVERNORS.contains(&norms[v]) {
                    let end = first_of(&norms, v + 1, norms.len(), &[",", ";", ":"]);
                    let inf = (v + 1..end)
                        .find(|&p| self.infinitive_at(&norms, p))
                        .map(|p| p + 1)
                        .filter(|&w| w < end);
                    if let Some(w) = inf {
                        let targets: Vec<usize> = hit
                            .pairs
                            .iter()
                            .filter_map(|(_, t)| {
                                let t = (*t)?;
                                mentions.iter().position(|&(_, _, m)| std::ptr::eq(m, t))
                            })
                            .collect();
                        purposes.push((w, v, targets));
                        hit.said = true;
                    }
                }
                if retry {
                    // A verb of intention coded for itself keeps to its own clause: its
                    // target comes before the next comma ("intends to show, that … the US"
                    // names no target of the intention).
                    let clause_end = norms[v..]
                        .iter()
                        .position(|w| matches!(*w, "," | ";" | ":"))
                        .map_or(norms.len(), |p| v + p);
                    let end = range.start + clause_end;
                    hit.pairs
                        .retain(|(_, t)| t.is_none_or(|t| t.tokens.start < end));
                    if hit.pairs.is_empty() {
                        note(format!(
                            "{}: no target in the clause of the intention",
                            hit.rule
                        ));
                        continue;
                    }
                }
                // A negation the pattern itself matched ("&NEGATVAUXVRB * OVER EFFORTS
                // [904]") is part of the code, not a negated event.
                // "failed to reach agreement" reports that the act did not happen.
                let failed = (v.saturating_sub(4)..v.saturating_sub(1)).any(|i| {
                    matches!(norms[i], "FAILED" | "FAILS" | "FAIL" | "FAILING")
                        && norms[i + 1] == "TO"
                });
                let negated = failed
                    || (v.saturating_sub(3)..v).any(|i| {
                        matches!(norms[i], "NOT" | "N'T" | "NEVER" | "NO")
                            && hit.pattern_start.is_none_or(|p| p > i)
                    });
                let mut modality = modality(&norms, v);
                // A pattern that spells out the modal ("INDICATED SHOULD *") codes the
                // obligation itself, which is asserted.
                if modality == Modality::Hypothetical
                    && hit
                        .rule
                        .split_whitespace()
                        .any(|w| matches!(w, "MUST" | "SHOULD" | "OUGHT"))
                {
                    modality = Modality::Asserted;
                }
                // An act announced rather than done takes its intent or threat code; an
                // act refused, the rejection code.
                // The word that announces or refuses the act, and whether it refuses.
                let mut announcer: Option<(usize, bool)> = None;
                if let Some(g) = refused_by(&norms, v).filter(|_| options.code_intent) {
                    announcer = Some((g, true));
                } else if modality != Modality::Hypothetical && !negated {
                    // Futures keep the act's CAMEO code (as PETRARCH codes them) with
                    // modality future; their PLOVER type follows the intent (see `event`).
                    // The word that announces the act: an intent verb before its
                    // infinitive ("agreed to provide"), or the verb of intention itself
                    // when coded for itself ("agreed to undertake exercises": it states
                    // an intention whatever its block codes; that statement was made, so
                    // its modality stays).
                    let governor = match announced(&norms, v) {
                        Some((g, m)) if m == Modality::Intended => {
                            modality = m;
                            Some(g)
                        }
                        _ if retry && INTENT_GOVERNORS.contains(&norms[v]) => Some(v),
                        _ => None,
                    };
                    announcer = governor.filter(|_| options.code_intent).map(|g| (g, false));
                }
                // The code of an act so announced (or refused), for the primary and the
                // paired code alike ("agreed to hold talks": 046:046 → 036 both ways).
                let announce = |act: &str| -> Option<String> {
                    let (g, refusal) = announcer?;
                    if refusal {
                        return self.ontology.refusal_code(act).map(str::to_string);
                    }
                    let intent = self.ontology.intent_code(act);
                    // "threatened to deliver blows": whatever the act, a threat to do
                    // it is a threat (13), the generic one where the act has none.
                    if norms[g].starts_with("THREATEN") {
                        return Some(
                            intent
                                .filter(|c| c.starts_with("13"))
                                .unwrap_or(THREAT_CODE)
                                .to_string(),
                        );
                    }
                    intent.map(str::to_string)
                };
                let announced_code: Option<(String, String)> = announcer.and_then(|(g, _)| {
                    let ic = announce(hit.code.primary.as_deref()?)?;
                    Some((ic, norms[g].to_string()))
                });
                let announced_secondary: Option<String> =
                    hit.code.secondary.as_deref().and_then(announce);
                if hit.pairs.is_empty() {
                    note(format!("{}: no source actor for the verb", hit.rule));
                }
                for (src, tgt) in &hit.pairs {
                    // "X said (that) Y must …": a statement that lays an obligation on
                    // its target is a demand (CAMEO 100), whatever Y is to do.
                    let obliged = tgt.and_then(|t| {
                        let code = hit.code.primary.as_deref()?;
                        (Ontology::root(code) == "01").then_some(())?;
                        let end = t.tokens.end - range.start;
                        obligation_after(&norms, end)
                    });
                    let demand = obliged.map(|m| {
                        (
                            DEMAND_CODE.to_string(),
                            format!("obligation \"{}\"", norms[m].to_lowercase()),
                        )
                    });
                    let primary = match (&demand, &announced_code) {
                        (Some((d, _)), _) => Some(d),
                        (None, Some((ic, _))) => Some(ic),
                        (None, None) => hit.code.primary.as_ref(),
                    };
                    let secondary = announced_secondary.as_ref().or(hit.code.secondary.as_ref());
                    for (code, s, t) in [(primary, src, tgt), (secondary, tgt, src)] {
                        let Some(code) = code else { continue };
                        let Some(s) = s else {
                            note(format!("{}: no source actor before the verb", hit.rule));
                            continue;
                        };
                        // "Arnor restored ties with Gondor after Calenardhon crowds burned
                        // its embassy", "… after leaving Eriador": as in PETRARCH, the
                        // event of a verb in an adverbial clause of a coded verb is part of
                        // that verb's event, unless it is a dyad whose source is the
                        // clause's own subject ("… weeks before Russia invaded Ukraine").
                        if let Some(&u) = coded.iter().find(|&&u| in_adverbial_clause(&norms, u, v))
                        {
                            let opener = norms[..v]
                                .iter()
                                .rposition(|w| ADVERBIAL_OPENERS.contains(w))
                                .unwrap_or(0);
                            let own_subject = s.tokens.start >= range.start + opener;
                            if t.is_none() || !own_subject {
                                note(format!(
                                    "{}: part of the event of \"{}\", whose adverbial clause it is in",
                                    hit.rule,
                                    doc.tokens[range.start + u].span.slice(&doc.text)
                                ));
                                continue;
                            }
                        }
                        if t.is_none() && options.require_dyad {
                            note(format!(
                                "{}: source \"{}\" but no target actor after the verb (require_dyad)",
                                hit.rule, s.text
                            ));
                            continue;
                        }
                        if let Some(t) = t {
                            // The same code twice is one actor, not a dyad. A country and
                            // its own government, army or rebels (SDNGOV → SDN, RUSMIL →
                            // RUSREB) are a domestic dyad, except for mere statements
                            // ("the Kremlin said Russia…"), where the two name one speaker.
                            let nested = t.code.starts_with(&s.code) || s.code.starts_with(&t.code);
                            if t.code == s.code || (nested && Ontology::root(code) == "01") {
                                note(format!(
                                    "{}: \"{}\" and \"{}\" are the same actor ({} / {})",
                                    hit.rule, s.text, t.text, s.code, t.code
                                ));
                                continue;
                            }
                        }
                        let key = (
                            s.code.clone(),
                            t.map(|t| t.code.clone()).unwrap_or_default(),
                        );
                        let mut replace = None;
                        if let Some(k) = seen.iter().position(|(k, _)| *k == key) {
                            match seen[k].1 {
                                Some(i) if Ontology::root(code) != "01" && !hit.said => {
                                    replace = Some(i);
                                    seen[k].1 = None;
                                }
                                _ => {
                                    note(format!(
                                        "{}: {} → {} already coded by an earlier verb of the sentence",
                                        hit.rule, key.0, key.1
                                    ));
                                    continue;
                                }
                            }
                        } else {
                            seen.push((key, None));
                        }
                        if modality == Modality::Hypothetical && !options.keep_hypothetical {
                            note(format!(
                                "{}: hypothetical or obligated, not asserted; left out (use --keep-hypothetical)",
                                hit.rule
                            ));
                            continue;
                        }
                        if negated && !options.keep_negated {
                            note(format!(
                                "{}: negated; left out (use --keep-negated)",
                                hit.rule
                            ));
                            continue;
                        }
                        note(format!(
                            "coded {code} {} → {} by {}; source \"{}\" ({}), target {}",
                            s.code,
                            t.map(|t| t.code.as_str()).unwrap_or("-"),
                            hit.rule,
                            s.text,
                            hit.source_reason,
                            t.map(|t| format!("\"{}\" ({})", t.text, hit.target_reason))
                                .unwrap_or_else(|| "none".into())
                        ));
                        let verb_span = doc.tokens[range.start + v].span;
                        let mut span = verb_span.cover(s.span);
                        if let Some(t) = t {
                            span = span.cover(t.span);
                        }
                        let rule = match (&demand, &announced_code) {
                            (Some((d, why)), _) if d == code => format!(
                                "{}; statement with an {why} on its target: coded as {d}",
                                hit.rule
                            ),
                            (_, Some((ic, g))) if ic == code => format!(
                                "{}; after \"{}\": {} coded as {ic}",
                                hit.rule,
                                g.to_lowercase(),
                                hit.code.primary.as_deref().unwrap_or("")
                            ),
                            _ => hit.rule.clone(),
                        };
                        let mut e =
                            self.event(doc, si, s, *t, code, span, &rule, modality, negated);
                        if let Some(value) = clause_date(doc, si, v) {
                            e.date = Some(value);
                            e.date_source = Some("clause".into());
                        } else if let Some(value) = sentence_date(doc, si, span, v) {
                            e.date = Some(value);
                            e.date_source = Some("sentence".into());
                        } else if let Some(value) = narrative_date(doc, si, norms[v], out) {
                            e.date = Some(value);
                            e.date_source = Some("context".into());
                        }
                        if let Some(r) = reporter(&norms, &mentions, v) {
                            if r.code != e.source.code {
                                e.reported_by = Some(ActorRef {
                                    code: r.code.clone(),
                                    text: r.text.clone(),
                                    span: r.span,
                                });
                            }
                        }
                        if let Some(i) = replace {
                            note(format!(
                                "replaces the statement {} coded before",
                                out[i].code
                            ));
                            out[i] = e;
                        } else {
                            if Ontology::root(code) == "01" || hit.said {
                                if let Some(last) = seen.last_mut() {
                                    last.1 = Some(out.len());
                                }
                            }
                            out.push(e);
                        }
                        if !coded.contains(&v) {
                            coded.push(v);
                        }
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        doc: &Document,
        si: usize,
        s: &Mention,
        t: Option<&Mention>,
        code: &str,
        span: Span,
        rule: &str,
        modality: Modality,
        negated: bool,
    ) -> Event {
        let o = self.ontology;
        let aref = |m: &Mention| ActorRef {
            code: m.code.clone(),
            text: m.text.clone(),
            span: m.span,
        };
        Event {
            source: aref(s),
            target: t.map(aref),
            code: code.to_string(),
            root: Ontology::root(code).to_string(),
            name: o.name(code).unwrap_or("").to_string(),
            goldstein: o.goldstein(code).unwrap_or(0.0),
            quad_class: Ontology::quad_class(code).unwrap_or(0),
            // PLOVER has no future tense: an act announced for later is an AGREE or a
            // THREATEN, like CAMEO's intent codes.
            plover: o
                .plover(match modality {
                    Modality::Future | Modality::Intended => o.intent_code(code).unwrap_or(code),
                    _ => code,
                })
                .map(|p| Plover {
                    kind: p.kind.clone(),
                    mode: p.mode.clone(),
                }),
            date: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
            date_source: doc.date.map(|_| "article".to_string()),
            sentence: si,
            span,
            pattern: rule.to_string(),
            modality,
            negated,
            reported_by: None,
            location: None,
        }
    }

    /// Try the event noun ending at token `v`: its possessor or the subject of the light
    /// verb it is the object of is the source, the actor after its preposition the target.
    fn try_noun<'m>(
        &self,
        norms: &[&str],
        mentions: &[(usize, usize, &'m Mention)],
        nh: &nouns::NounHit<'_>,
        options: &Options,
    ) -> Result<Hit<'m>, String> {
        let n = nh.noun;
        let first = nh.start;
        let rule = format!(
            "{}:{} {} [{}]",
            n.origin.file,
            n.origin.line,
            n.forms[0].join(" "),
            n.code
        );
        let code = CodePair {
            primary: Some(n.code.clone()),
            secondary: None,
            null: false,
        };
        // The actor after the preposition, with those "and" or commas join to it
        // ("mediation between Syria and Palestinian leader Yasser Arafat").
        let target: Vec<usize> = nouns::target(n, norms, mentions, nh.end)
            .map(|i| with_conjuncts(norms, mentions, i))
            .unwrap_or_default();
        let (source, source_reason) = match nouns::source(norms, mentions, first) {
            Some(nouns::Source::Possessor(i)) => (vec![i], "the actor the noun belongs to"),
            Some(nouns::Source::LightVerb(lv)) => {
                let (s, _, _) = default_actors(norms, mentions, lv, lv + 1);
                (s, "the subject of the verb that takes the noun")
            }
            None => {
                return Err(format!(
                    "{rule}: a noun with no possessor and no verb such as \"held\" before it"
                ))
            }
        };
        if source.is_empty() {
            return Err(format!("{rule}: no source actor"));
        }
        // "Israel and Lebanon renewed negotiations": a compound source of a cooperative
        // noun with no target acts on itself (see `Hit::new`).
        let mutual =
            source.len() >= 2 && matches!(n.code.get(..2), Some("03" | "04" | "05" | "06"));
        if target.is_empty() && options.require_dyad && !mutual {
            return Err(format!("{rule}: no actor after \"{}\"", n.preps.join("/")));
        }
        let mut hit = Hit::new(code, rule, &source, &target, mentions, false);
        hit.source_reason = source_reason;
        hit.target_reason = "the actor after the noun's preposition";
        Ok(hit)
    }

    /// Try one verb at token `v`: choose actors, match patterns, decide the code.
    #[allow(clippy::too_many_arguments)]
    fn try_verb<'m>(
        &self,
        norms: &[&str],
        syn: Option<&[herald_core::TokenSyntax]>,
        mentions: &[(usize, usize, &'m Mention)],
        v: usize,
        r: VerbRef,
        inherit: &Inherit,
        options: &Options,
    ) -> Result<Hit<'m>, String> {
        let block = &self.lexicon.dict.verbs[r.block];
        let verb = &block.verbs[r.verb];
        // Multi-word verbs: prefix words right before, particles within two tokens after.
        let mut after_verb = v + 1;
        if !verb.prefix.is_empty() {
            let n = verb.prefix.len();
            if v < n
                || norms[v - n..v]
                    .iter()
                    .zip(&verb.prefix)
                    .any(|(a, b)| a != b)
            {
                return Err(format!(
                    "{} {}: the words before the verb do not match",
                    verb.origin, verb.lemma
                ));
            }
        }
        if !verb.particles.is_empty() {
            let mut pos = v + 1;
            for p in &verb.particles {
                let found = (pos..(pos + 3).min(norms.len()))
                    .find(|&i| norms[i] == p)
                    .ok_or_else(|| {
                        format!(
                            "{} {}: particle {p} not found after the verb",
                            verb.origin, verb.lemma
                        )
                    })?;
                pos = found + 1;
            }
            after_verb = pos;
        }
        let (source, target, source_reason, target_reason) = match syn {
            Some(syn) if options.actors_from_parse => {
                let ta = tree::actors(syn, norms, mentions, v);
                let (mut source, mut sr) = (ta.source, ta.source_reason);
                let (mut target, mut tr) = (ta.target, ta.target_reason);
                // Where the parse has no subject at all, word order decides.
                if source.is_empty() && !ta.has_subject {
                    let (s, _, r) = default_actors(norms, mentions, v, after_verb);
                    source = s;
                    sr = r;
                }
                if target.is_empty() {
                    let (_, t, _) = default_actors(norms, mentions, v, after_verb);
                    target = t;
                    tr = "the first actor after the verb";
                }
                (source, target, sr, tr)
            }
            _ => {
                let (mut s, t, mut r) = default_actors(norms, mentions, v, after_verb);
                // "rejected an invitation to attend a meeting": an infinitive completing a
                // noun that is no actor has no subject in the sentence.
                // The noun must come after a verb: a headline's "NATO chief to meet …"
                // is a subject with its future verb.
                let object_noun = |n: usize| norms[..n].iter().any(|w| self.forms.contains_key(*w));
                let noun_complement = syn.is_some_and(|syn| {
                    v >= 2
                        && norms[v - 1] == "TO"
                        && syn[v - 2].upos == "NOUN"
                        && object_noun(v - 2)
                        && !INTENT_VERBS.contains(&norms[v - 2])
                        && !INTENT_GOVERNORS.contains(&norms[v - 2])
                        && !mentions.iter().any(|&(_, e, _)| e == v - 1)
                });
                if noun_complement {
                    s.clear();
                    r = "no actor: the infinitive completes the noun before it";
                }
                // "… an ultimatum to hand over a guard involved in a shooting": a past
                // participle (as the tagger reads it) right after "a/the + noun" that is no
                // actor modifies that noun, its subject; an actor further back is not.
                let vbn = syn.is_none_or(|syn| syn[v].xpos == "VBN");
                if vbn
                    && noun_modifier(norms, mentions, v)
                    && !t.iter().any(|&i| after_by(norms, mentions[i].0))
                {
                    s.clear();
                    r = "no actor: the participle modifies the noun before it";
                }
                // "… condemned an attack by Osgiliath soldiers in south Ithilen and
                // promised raids …": a verb joined by "and" to a coded verb shares its
                // subject.
                if let Some(u) = inherit.subject_of {
                    let (us, _, _) = default_actors(norms, mentions, u, u + 1);
                    if !us.is_empty() {
                        s = us;
                        r = if inherit.targets.is_empty() {
                            "the subject of the verb this one is joined to by \"and\""
                        } else {
                            "the subject of the verb whose purpose this one states"
                        };
                    }
                }
                if t.is_empty() && !inherit.targets.is_empty() {
                    (
                        s,
                        inherit.targets.clone(),
                        r,
                        "the target of the verb whose purpose this one states",
                    )
                } else {
                    (s, t, r, "the first actor after the verb")
                }
            }
        };
        // "postponed their meeting", "met each other": the subjects act on one another.
        let next = &norms[after_verb.min(norms.len())..(after_verb + 3).min(norms.len())];
        let each_other = next.first() == Some(&"THEIR")
            || next
                .windows(2)
                .any(|w| w == ["EACH", "OTHER"] || w == ["ONE", "ANOTHER"]);
        // Patterns, most specific first.
        for &pi in &self.order[r.block] {
            let p = &block.patterns[pi];
            if !p.has_verb {
                continue;
            }
            let mut m = Match::default();
            if !self.match_after(
                &p.after,
                norms,
                mentions,
                after_verb,
                options.max_gap,
                &mut m,
            ) {
                continue;
            }
            if !self.match_before(&p.before, norms, mentions, v, options.max_gap, &mut m) {
                continue;
            }
            let rule = format!(
                "{} {}: {} [{}]",
                p.origin,
                block.name,
                p.text,
                p.code.display()
            );
            if p.code.null {
                // A pattern that says "no event" ranks like any pattern: it outranks the
                // block default of another listing of the verb ("taken several steps":
                // herald's "* STEPS [---]" over Phoenix's TAKE [171]).
                let (w, n) = specificity(p);
                let mut hit = Hit::new(p.code.clone(), rule, &[], &[], mentions, false);
                hit.priority = (2, w, n);
                return Ok(hit);
            }
            let (src, tgt) = if m.compound {
                // The compound slot's actor with its conjuncts, acting on one another.
                let i = m.source.unwrap_or_default();
                let list = if source.contains(&i) {
                    source.clone()
                } else {
                    vec![i]
                };
                (list, Vec::new())
            } else {
                (
                    m.source.map(|i| vec![i]).unwrap_or_else(|| source.clone()),
                    m.target.map(|i| vec![i]).unwrap_or_else(|| target.clone()),
                )
            };
            let mut hit = Hit::new(
                p.code.clone(),
                rule,
                &src,
                &tgt,
                mentions,
                each_other || m.compound,
            );
            hit.source_reason = if m.source.is_some() {
                "the pattern's $ slot"
            } else {
                source_reason
            };
            hit.target_reason = if m.target.is_some() {
                "the pattern's + slot"
            } else {
                target_reason
            };
            hit.pattern_start = m.before_start;
            let (w, n) = specificity(p);
            hit.priority = (2, w, n);
            hit.said = block
                .code
                .as_ref()
                .and_then(|c| c.primary.as_deref())
                .is_some_and(|c| Ontology::root(c) == "01");
            return Ok(hit);
        }
        // "gave a warm welcome to", "held talks with": a light verb whose own pattern did
        // not match leaves its event noun to carry the event.
        if let Some(nh) = nouns::object_of(
            &self.lexicon.dict.nouns,
            &self.noun_index,
            norms,
            v,
            after_verb,
        ) {
            return Err(format!(
                "{} {}: a light verb; its object \"{}\" carries the event",
                verb.origin,
                verb.lemma,
                nh.noun.forms[0].join(" ").to_lowercase()
            ));
        }
        let (code, rule) = match (&verb.code, &block.code) {
            (Some(c), _) => (
                c.clone(),
                format!("{} {} [{}]", verb.origin, verb.lemma, c.display()),
            ),
            (None, Some(c)) => (
                c.clone(),
                format!(
                    "{} {} (block default) [{}]",
                    block.origin,
                    verb.lemma,
                    c.display()
                ),
            ),
            (None, None) => {
                return Err(format!(
                    "{} {}: the verb block has no default code",
                    block.origin, block.name
                ))
            }
        };
        // A refusal to act is a rejection even where the dictionary codes the verb
        // nothing and its infinitive codes nothing either ("refused to commit to any
        // assistance"); see `cameo-refusal.txt` for refusals of acts it does code.
        let (code, rule) =
            if code.null && REFUSALS.contains(&norms[v]) && norms.get(v + 1) == Some(&"TO") {
                (
                    CodePair {
                        primary: Some(REJECT_CODE.to_string()),
                        secondary: None,
                        null: false,
                    },
                    format!("{rule}; a refusal to act: [{REJECT_CODE}]"),
                )
            } else {
                (code, rule)
            };
        if code.null {
            return Err(format!("{rule}: the verb codes nothing"));
        }
        let mut hit = Hit::new(code, rule, &source, &target, mentions, each_other);
        hit.source_reason = source_reason;
        hit.target_reason = target_reason;
        if verb.code.is_some() {
            hit.priority = (1, 0, 0);
        }
        Ok(hit)
    }

    fn word_matches(&self, elem: &PatternElem, norms: &[&str], at: usize) -> Option<usize> {
        match elem {
            PatternElem::Word { word, stem } => {
                let t = norms.get(at)?;
                let ok = *t == word
                    || (*stem
                        && word.len() >= 3
                        && t.starts_with(word.as_str())
                        && t.len() <= word.len() + 3);
                ok.then_some(at + 1)
            }
            PatternElem::Synset(name) => {
                let phrases = self.lexicon.dict.synsets.get(name)?;
                phrases.iter().find_map(|p| {
                    let n = p.words.len();
                    if at + n > norms.len() {
                        return None;
                    }
                    let ok = p.words.iter().enumerate().all(|(k, w)| {
                        let t = norms[at + k];
                        t == w
                            || (p.stem && k + 1 == n && w.len() >= 3 && t.starts_with(w.as_str()))
                    });
                    ok.then_some(at + n)
                })
            }
            _ => None,
        }
    }

    /// Match elements left to right starting at `pos`, each within `max_gap` tokens.
    fn match_after(
        &self,
        elems: &[PatternElem],
        norms: &[&str],
        mentions: &[(usize, usize, &Mention)],
        mut pos: usize,
        max_gap: usize,
        m: &mut Match,
    ) -> bool {
        for (ei, e) in elems.iter().enumerate() {
            let gap = max_gap;
            match e {
                PatternElem::Skip => {
                    pos += 1;
                    if pos > norms.len() {
                        return false;
                    }
                }
                PatternElem::Source | PatternElem::Target | PatternElem::Compound => {
                    let Some(i) = mentions
                        .iter()
                        .position(|&(s, _, _)| s >= pos && s <= pos + gap)
                    else {
                        return false;
                    };
                    m.fill(e, i);
                    pos = mentions[i].1;
                }
                PatternElem::Group(inner) | PatternElem::Phrase(inner) => {
                    let adjacent = matches!(e, PatternElem::Phrase(_));
                    let last = match inner.first() {
                        Some(first) if is_preposition(first) => clause_limit(norms, pos, pos + gap),
                        _ => punctuation_limit(norms, pos, pos + gap),
                    }
                    .min(norms.len());
                    let prep = inner.first().is_some_and(is_preposition);
                    let object_only = !inner[1..].iter().any(is_word);
                    let found = (pos..=last).find_map(|start| {
                        if prep
                            && (time_adjunct(norms, start)
                                || (object_only && self.infinitive_at(norms, start)))
                        {
                            return None;
                        }
                        let mut sub = m.clone();
                        self.match_tight(inner, norms, mentions, start, adjacent, &mut sub)
                            .map(|end| (end, sub))
                    });
                    let Some((end, sub)) = found else {
                        return false;
                    };
                    *m = sub;
                    pos = end;
                }
                _ => {
                    // A word is not looked for past "of": what follows modifies a noun
                    // the pattern skipped ("adopt a set of resolutions" is no
                    // "* RESOLUTION"), not the verb. A preposition is not looked for past
                    // the verb's clause, any other word not past a comma.
                    let last = if is_preposition(e) {
                        clause_limit(norms, pos, pos + gap)
                    } else {
                        punctuation_limit(norms, pos, pos + gap)
                    }
                    .min(norms.len().saturating_sub(1));
                    let prep = is_preposition(e);
                    let object_only = !elems.get(ei + 1).is_some_and(is_word);
                    let Some(end) = (pos..=last)
                        .take_while(|&i| i == pos || norms[i - 1] != "OF")
                        .filter(|&i| {
                            !(prep
                                && (time_adjunct(norms, i)
                                    || (object_only && self.infinitive_at(norms, i))))
                        })
                        .find_map(|i| self.word_matches(e, norms, i))
                    else {
                        return false;
                    };
                    pos = end;
                }
            }
        }
        true
    }

    /// A verb's base form ("support", "defend"), as a bare infinitive may be.
    fn is_base_verb(&self, w: &str) -> bool {
        self.forms.get(w).is_some_and(|refs| {
            refs.iter().any(|r| {
                self.lexicon.dict.verbs[r.block].verbs[r.verb]
                    .forms
                    .first()
                    .is_some_and(|f| f == w)
            })
        })
    }

    /// "to" as the marker of an infinitive ("dismissed an appeal … to lay down their
    /// arms"), which is no prepositional phrase: a pattern's "(TO +)" wants a noun.
    fn infinitive_at(&self, norms: &[&str], i: usize) -> bool {
        norms.get(i) == Some(&"TO") && norms.get(i + 1).is_some_and(|w| self.is_base_verb(w))
    }

    /// Match a group starting exactly at `start`; inside `(...)` small gaps are allowed,
    /// inside `{...}` none.
    fn match_tight(
        &self,
        elems: &[PatternElem],
        norms: &[&str],
        mentions: &[(usize, usize, &Mention)],
        start: usize,
        adjacent: bool,
        m: &mut Match,
    ) -> Option<usize> {
        let mut pos = start;
        for (k, e) in elems.iter().enumerate() {
            let gap = if k == 0 || adjacent { 0 } else { 2 };
            match e {
                PatternElem::Skip => pos += 1,
                PatternElem::Source | PatternElem::Target | PatternElem::Compound => {
                    let i = mentions
                        .iter()
                        .position(|&(s, _, _)| s >= pos && s <= pos + gap.max(1))?;
                    m.fill(e, i);
                    pos = mentions[i].1;
                }
                PatternElem::Group(inner) | PatternElem::Phrase(inner) => {
                    pos = self.match_tight(
                        inner,
                        norms,
                        mentions,
                        pos,
                        adjacent || matches!(e, PatternElem::Phrase(_)),
                        m,
                    )?;
                }
                _ => {
                    pos = (pos..=(pos + gap).min(norms.len().saturating_sub(1)))
                        .find_map(|i| self.word_matches(e, norms, i))?;
                }
            }
        }
        Some(pos)
    }

    /// Match elements before the verb: the last element nearest the verb.
    fn match_before(
        &self,
        elems: &[PatternElem],
        norms: &[&str],
        mentions: &[(usize, usize, &Mention)],
        v: usize,
        max_gap: usize,
        m: &mut Match,
    ) -> bool {
        let mut end = v; // elements must end at or before `end`
        for e in elems.iter().rev() {
            let lo = end.saturating_sub(max_gap + 1);
            let mut found = false;
            for start in (lo..end).rev() {
                let mut sub = m.clone();
                let ok = match e {
                    PatternElem::Source | PatternElem::Target | PatternElem::Compound => {
                        match mentions
                            .iter()
                            .position(|&(s, me, _)| s == start && me <= end)
                        {
                            Some(i) => {
                                sub.fill(e, i);
                                true
                            }
                            None => false,
                        }
                    }
                    PatternElem::Skip => true,
                    PatternElem::Group(inner) | PatternElem::Phrase(inner) => self
                        .match_tight(
                            inner,
                            norms,
                            mentions,
                            start,
                            matches!(e, PatternElem::Phrase(_)),
                            &mut sub,
                        )
                        .is_some_and(|x| x <= end),
                    _ => self.word_matches(e, norms, start).is_some_and(|x| x <= end),
                };
                if ok {
                    *m = sub;
                    end = start;
                    found = true;
                    break;
                }
            }
            if !found {
                return false;
            }
        }
        if !elems.is_empty() {
            m.before_start = Some(end);
        }
        true
    }
}

#[derive(Clone, Default)]
struct Match {
    source: Option<usize>,
    target: Option<usize>,
    /// A `%` slot matched: the compound actor there acts on itself, each member on the
    /// others ("Gondor and Osgiliath have delayed …").
    compound: bool,
    /// The first token the elements before the verb matched.
    before_start: Option<usize>,
}

impl Match {
    /// Record mention `i` as what the slot element `e` (`$`, `+` or `%`) stands for.
    fn fill(&mut self, e: &PatternElem, i: usize) {
        if matches!(e, PatternElem::Source) {
            self.source = Some(i);
        } else if matches!(e, PatternElem::Compound) {
            self.source = Some(i);
            self.compound = true;
        } else {
            self.target = Some(i);
        }
    }
}

/// The outcome for one verb: a code and the actor pairs it applies to.
struct Hit<'m> {
    code: CodePair,
    rule: String,
    pairs: Vec<(Option<&'m Mention>, Option<&'m Mention>)>,
    source_reason: &'static str,
    target_reason: &'static str,
    /// The first token a pattern matched before the verb, if it matched any.
    pattern_start: Option<usize>,
    /// Coded by a pattern of a verb of saying ("said … support": 032): a later verb of
    /// the sentence that codes the same dyad replaces it, as it replaces a statement.
    said: bool,
    /// Rank among the hits of a verb listed in several blocks: a pattern by how specific
    /// it is (2, words, elements), a verb's own code (1, 0, 0), a block default (0, 0, 0).
    priority: (u8, usize, usize),
}

/// Actors a verb takes from another verb of its sentence.
#[derive(Default)]
struct Inherit {
    /// The verb whose subject is this verb's subject too.
    subject_of: Option<usize>,
    /// Targets, when the verb finds none of its own.
    targets: Vec<usize>,
}

/// Verbs of sending and summoning, whose purpose infinitive ("to investigate", "to
/// complain") names the act.
const PURPOSE_GOVERNORS: &[&str] = &[
    "SEND",
    "SENDS",
    "SENT",
    "SENDING",
    "DISPATCH",
    "DISPATCHES",
    "DISPATCHED",
    "DISPATCHING",
    "SUMMON",
    "SUMMONS",
    "SUMMONED",
    "SUMMONING",
];

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

impl<'m> Hit<'m> {
    fn new(
        code: CodePair,
        rule: String,
        sources: &[usize],
        targets: &[usize],
        mentions: &[(usize, usize, &'m Mention)],
        each_other: bool,
    ) -> Hit<'m> {
        let mut pairs = Vec::new();
        // "China and Russia agreed", "he and Qin discussed": a compound subject of a
        // cooperative verb with no object acts on itself, one event each way.
        let mutual = code
            .primary
            .as_deref()
            .is_some_and(|c| matches!(c.get(..2), Some("03" | "04" | "05" | "06")));
        // "Palestinians and Israelis failed to reach agreement on the fate of
        // Palestinian offices": a compound whose only targets are its own members'
        // countries acts on itself too.
        let country = |i: usize| mentions[i].2.code.get(..3);
        let inward = sources.len() >= 2
            && !targets.is_empty()
            && targets
                .iter()
                .all(|&t| sources.iter().any(|&s| country(s) == country(t)));
        if sources.len() >= 2 && ((targets.is_empty() && (mutual || each_other)) || inward) {
            for &a in sources {
                for &b in sources {
                    if a != b {
                        pairs.push((Some(mentions[a].2), Some(mentions[b].2)));
                    }
                }
            }
            return Hit {
                code,
                rule,
                pairs,
                source_reason: "",
                target_reason: "",
                pattern_start: None,
                said: false,
                priority: (0, 0, 0),
            };
        }
        let ts: Vec<Option<&Mention>> = if targets.is_empty() {
            vec![None]
        } else {
            targets.iter().map(|&i| Some(mentions[i].2)).collect()
        };
        for &s in sources {
            for t in &ts {
                pairs.push((Some(mentions[s].2), *t));
            }
        }
        Hit {
            code,
            rule,
            pairs,
            source_reason: "",
            target_reason: "",
            pattern_start: None,
            said: false,
            priority: (0, 0, 0),
        }
    }
}

/// The date of the time expression that modifies the clause of the verb at sentence
/// token `v`, found through the parse: from the expression's head, climb the tree; the
/// first verb reached must be `v` ("… when Putin was visiting Beijing in February 2022").
fn clause_date(doc: &Document, si: usize, v: usize) -> Option<String> {
    let sent = &doc.sentences[si];
    sent.syntax.as_ref()?;
    doc.times
        .iter()
        .filter(|t| is_calendar_date(t) && sent.span.contains(t.span))
        .find(|t| governing_verb(doc, si, t) == Some(v))
        .map(|t| t.value.clone())
}

fn is_calendar_date(t: &herald_core::Timex) -> bool {
    t.kind == "DATE" && t.value.starts_with(|c: char| c.is_ascii_digit())
}

/// The verb a time expression modifies in the parse of sentence `si`: climb from the
/// expression's head to the first verb (or the verb `v` itself when reached first).
fn governing_verb(doc: &Document, si: usize, t: &herald_core::Timex) -> Option<usize> {
    let sent = &doc.sentences[si];
    let syn = sent.syntax.as_ref()?;
    let toks = &doc.tokens[sent.tokens.clone()];
    let inside: Vec<usize> = (0..toks.len())
        .filter(|&k| t.span.contains(toks[k].span))
        .collect();
    let head = *inside
        .iter()
        .find(|&&k| syn[k].head.is_none_or(|h| !inside.contains(&h)))?;
    let mut cur = head;
    for _ in 0..toks.len() {
        let h = syn[cur].head?;
        if matches!(syn[h].upos.as_str(), "VERB") {
            return Some(h);
        }
        cur = h;
    }
    None
}

/// The calendar date expression of the sentence nearest to the event's evidence
/// ("… in February 2022, when Putin was visiting Beijing").
fn sentence_date(doc: &Document, si: usize, span: Span, v: usize) -> Option<String> {
    let sent = doc.sentences[si].span;
    doc.times
        .iter()
        .filter(|t| is_calendar_date(t) && sent.contains(t.span))
        // With a parse, an expression dates the verb it modifies and the clauses below
        // it ("in February 2022, when Putin was visiting"), not verbs elsewhere in the
        // sentence ("the trip beginning on Monday comes as Beijing offers …").
        .filter(|t| governing_verb(doc, si, t).is_none_or(|g| dominates(doc, si, g, v)))
        .min_by_key(|t| {
            if t.span.end <= span.start {
                span.start - t.span.end
            } else {
                t.span.start.saturating_sub(span.end)
            }
        })
        .map(|t| t.value.clone())
}

/// True when token `a` is `v` or one of its ancestors in the parse of sentence `si`.
fn dominates(doc: &Document, si: usize, a: usize, v: usize) -> bool {
    let Some(syn) = doc.sentences[si].syntax.as_ref() else {
        return true;
    };
    let mut cur = v;
    for _ in 0..=syn.len() {
        if cur == a {
            return true;
        }
        match syn.get(cur).and_then(|x| x.head) {
            Some(h) => cur = h,
            None => return false,
        }
    }
    false
}

/// Past-tense forms that do not end in -ED.
const IRREGULAR_PAST: &[&str] = &[
    "SAID", "TOLD", "SPOKE", "MET", "STRUCK", "WROTE", "TOOK", "GAVE", "SENT", "LEFT", "HELD",
    "BEGAN", "FOUGHT", "BROKE", "CAME", "WENT", "MADE", "FOUND", "SAW", "BROUGHT", "THREW", "SHOT",
    "LED", "WON", "LOST", "KEPT", "PAID", "SOLD", "SHOOK", "STOOD", "FLED", "HIT",
];

/// Narrative time: a past-tense event in a sentence without a date of its own happened
/// when the story's last dated past event did, if that was in one of the two sentences
/// before ("On Thursday, X said … Y told Z that … W spoke the same day with …").
fn narrative_date(doc: &Document, si: usize, verb: &str, earlier: &[Event]) -> Option<String> {
    let past = past_form(verb);
    if !past {
        return None;
    }
    let sent = doc.sentences[si].span;
    if doc
        .times
        .iter()
        .any(|t| t.kind == "DATE" && sent.contains(t.span))
    {
        return None;
    }
    let published = doc.date.map(|d| d.format("%Y-%m-%d").to_string());
    earlier
        .iter()
        .rev()
        .take_while(|e| e.sentence + 2 >= si)
        .find(|e| {
            e.sentence < si
                && matches!(
                    e.date_source.as_deref(),
                    Some("clause" | "sentence" | "context")
                )
                && e.date
                    .as_deref()
                    .is_some_and(|d| published.as_deref().is_none_or(|p| d < p))
        })
        .and_then(|e| e.date.clone())
}

/// Words that open a subordinate clause: a verb's target does not lie beyond them.
const SUBORDINATORS: &[&str] = &[
    "WHEN", "WHILE", "WHICH", "WHO", "WHOM", "WHOSE", "WHERE", "BECAUSE", "ALTHOUGH", "THOUGH",
    "WHEREAS", "UNTIL", "UNLESS",
];

/// Words that open an adverbial clause as well as a phrase ("after crowds burned" /
/// "after talks").
const CLAUSE_OPENERS: &[&str] = &["AFTER", "BEFORE", "SINCE", "AS", "IF"];

/// Verbs of intention whose `to`-infinitive carries the event.
const INTENT_VERBS: &[&str] = &[
    "OFFER",
    "OFFERS",
    "OFFERED",
    "OFFERING",
    "WANT",
    "WANTS",
    "WANTED",
    "WANTING",
    "PLAN",
    "PLANS",
    "PLANNED",
    "PLANNING",
    "SEEK",
    "SEEKS",
    "SOUGHT",
    "SEEKING",
    "TRY",
    "TRIES",
    "TRIED",
    "TRYING",
    "INTEND",
    "INTENDS",
    "INTENDED",
    "INTENDING",
    "AIM",
    "AIMS",
    "AIMED",
    "HOPE",
    "HOPES",
    "HOPED",
    "EXPECT",
    "EXPECTS",
    "EXPECTED",
    "PROMISE",
    "PROMISES",
    "PROMISED",
    "PLEDGE",
    "PLEDGES",
    "PLEDGED",
    "THREATEN",
    "THREATENS",
    "THREATENED",
    "VOW",
    "VOWS",
    "VOWED",
    "AGREE",
    "AGREES",
    "AGREED",
    "DECIDE",
    "DECIDES",
    "DECIDED",
    "REFUSE",
    "REFUSES",
    "REFUSED",
    "ATTEMPT",
    "ATTEMPTS",
    "ATTEMPTED",
    // "is willing to send", "is prepared to impose", "is ready to resume".
    "WILLING",
    "PREPARED",
    "READY",
];

/// Auxiliaries and modals: the linear coder takes the main verb after them instead.
const AUXILIARIES: &[&str] = &[
    "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "DO", "DOES",
    "DID", "HAS", "HAVE", "HAD", "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "'S",
    "'LL", "'D", "'VE", "'RE",
];

const DETERMINERS: &[&str] = &[
    "A", "AN", "THE", "THIS", "THAT", "THESE", "THOSE", "ITS", "HIS", "HER", "THEIR", "OUR", "MY",
    "YOUR", "'S", "NO", "ANY", "EACH", "EVERY", "SOME", "ANOTHER", "SUCH",
];

/// A past tense or participle form: regular (-ED) or irregular.
fn past_form(w: &str) -> bool {
    w.ends_with("ED") || IRREGULAR_PAST.contains(&w)
}

/// Without a parse, a verb form right after a determiner (or a determiner and one
/// modifier) is taken for a noun: "a state visit", "the talks", "its support".
fn looks_like_noun(norms: &[&str], v: usize) -> bool {
    let prev = |k: usize| v.checked_sub(k).map(|i| norms[i]);
    if prev(1).is_some_and(|w| DETERMINERS.contains(&w)) {
        return true;
    }
    // "… of": a noun, unless an infinitive's "to" comes before ("to complain of").
    if norms.get(v + 1) == Some(&"OF") && prev(1) != Some("TO") {
        return true;
    }
    // "its support of suspected terrorist X", "attacked by armed men": a participle right
    // after a preposition modifies the noun after it.
    let past = past_form(norms[v]);
    if past && prev(1).is_some_and(|w| w != "TO" && true_preposition(w)) {
        return true;
    }
    // "a heavily armed minority": a participle between a determiner and its noun.
    if past
        && prev(1).is_some_and(|w| w.ends_with("LY"))
        && prev(2).is_some_and(|w| DETERMINERS.contains(&w))
    {
        return true;
    }
    // "a state visit", "the peace talks"; but "the army invaded": past forms stay verbs.
    !past
        && matches!((prev(2), prev(1)), (Some(d), Some(m)) if DETERMINERS.contains(&d)
            && m.chars().all(|c| c.is_alphabetic() || c == '-')
            && !AUXILIARIES.contains(&m)
            && !matches!(m, "NOT" | "ALSO" | "JUST" | "NEVER"))
}

/// Prepositions that cannot open a clause ("from Syria have invaded" is not a subject),
/// unlike before/after/since, which can ("weeks before Russia invaded"); with
/// `LOCATIVES`.
const TRUE_PREPOSITIONS: &[&str] = &[
    "IN", "TO", "FOR", "WITH", "FROM", "BY", "OF", "AT", "ON", "INTO", "AGAINST", "ABOUT",
    "BETWEEN", "OVER", "DURING", "WITHOUT", "TOWARD", "TOWARDS", "AMONG",
];

/// A preposition that cannot open a clause.
fn true_preposition(w: &str) -> bool {
    TRUE_PREPOSITIONS.contains(&w) || LOCATIVES.contains(&w)
}

/// Any preposition, including those that may open a clause.
fn preposition(w: &str) -> bool {
    true_preposition(w) || matches!(w, "AFTER" | "BEFORE" | "SINCE")
}

/// Prepositions that place an act ("outside Parliament", "near the border") rather than
/// name whom it concerns.
const LOCATIVES: &[&str] = &[
    "OUTSIDE",
    "INSIDE",
    "NEAR",
    "WITHIN",
    "ACROSS",
    "THROUGHOUT",
    "AROUND",
    "BEYOND",
    "ALONG",
];

/// Nouns that only count or group what follows "of": the actor after them is the
/// subject ("a group of Moroccan diplomats held", "thousands of Nigerians marched").
const PARTITIVES: &[&str] = &[
    "GROUP",
    "GROUPS",
    "THOUSANDS",
    "HUNDREDS",
    "DOZENS",
    "SCORES",
    "MILLIONS",
    "MEMBERS",
    "MEMBER",
    "DELEGATION",
    "TEAM",
    "CONTINGENT",
    // "supporters of former President Ben Bella blocked roads": his camp acts.
    "SUPPORTERS",
    "FOLLOWERS",
    "BAND",
    "NUMBER",
    "SOME",
    "MANY",
    "MOST",
    "ALL",
    "BOTH",
    "EACH",
    "ONE",
    "TWO",
    "THREE",
    "UNITS",
    "UNIT",
    "BATCH",
    "CONVOY",
    "COLUMN",
    "DEPLOYMENT",
    "PATCH",
    "REPRESENTATIVES",
    "LEADERS",
    "CROWDS",
    "CROWD",
];

/// Whether the mention starting at `s` is the object of a preposition (`is_prep`); "of" after a
/// partitive noun ("a group of", "thousands of") governs the subject itself, not an object.
fn prepositional(norms: &[&str], s: usize, is_prep: impl Fn(&str) -> bool) -> bool {
    // "the wife of the Moroccan ambassador", "out of the eastern Bosnian enclave": a
    // determiner, and after it a word of direction, may stand between.
    let s = if s > 2
        && matches!(norms[s - 2], "THE" | "A" | "AN")
        && matches!(
            norms[s - 1],
            "EASTERN"
                | "WESTERN"
                | "NORTHERN"
                | "SOUTHERN"
                | "CENTRAL"
                | "NORTHEASTERN"
                | "NORTHWESTERN"
                | "SOUTHEASTERN"
                | "SOUTHWESTERN"
        ) {
        s - 2
    } else if s > 1 && matches!(norms[s - 1], "THE" | "A" | "AN") {
        s - 1
    } else {
        s
    };
    if s == 0 || !is_prep(norms[s - 1]) {
        return false;
    }
    let partitive = norms[s - 1] == "OF"
        && norms[..s - 1]
            .iter()
            .rev()
            .find(|w| !matches!(**w, "THE" | "A" | "AN" | "FIRST" | "LARGE" | "SMALL"))
            .is_some_and(|w| {
                PARTITIVES.contains(w) || w.chars().all(|c| c.is_ascii_digit() || c == ',')
            });
    !partitive
}

/// Mention `i` with the mentions "and", "or" or commas join to it after it ("Iran,
/// Libya and Sudan"). A list needs "and"/"or" or a third member: "In Gondor, Mordor …"
/// is not one.
fn with_conjuncts(norms: &[&str], mentions: &[(usize, usize, &Mention)], i: usize) -> Vec<usize> {
    let mut list = vec![i];
    let mut linked = false;
    let mut j = i;
    while j + 1 < mentions.len() {
        let (_, e, _) = mentions[j];
        let (ns, _, _) = mentions[j + 1];
        let Some(and) = list_joint(&norms[e..ns]).or_else(|| pair(mentions, j)) else {
            break;
        };
        linked |= and;
        list.push(j + 1);
        j += 1;
    }
    if !linked && list.len() < 3 {
        list.truncate(1);
    }
    list
}

/// Source: the nearest mention before the verb that is not a prepositional object,
/// with the actors joined to it by "and"/commas. Target: the first mention after the verb
/// (and its conjuncts).
fn default_actors(
    norms: &[&str],
    mentions: &[(usize, usize, &Mention)],
    v: usize,
    after: usize,
) -> (Vec<usize>, Vec<usize>, &'static str) {
    let mut source = Vec::new();
    // A mention right before the verb (auxiliaries and adverbs aside) is its subject even
    // after a conjunction that looks like a preposition ("weeks before Russia invaded").
    let adjacent = mentions.iter().rposition(|&(s, e, _)| {
        e <= v
            && !prepositional(norms, s, true_preposition)
            && norms[e..v].iter().all(|w| {
                AUXILIARIES.contains(w)
                    || matches!(
                        *w,
                        "ALSO"
                            | "LATER"
                            | "THEN"
                            | "NOT"
                            | "N'T"
                            | "NEVER"
                            | "JUST"
                            | "ALREADY"
                            | "REPORTEDLY"
                            | "ALLEGEDLY"
                    )
            })
    });
    let mut source_reason = if adjacent.is_some() {
        "the actor right before the verb"
    } else {
        "the nearest actor before the verb that is not a prepositional object"
    };
    // "… five years after crowds burned down its embassy": the verb's clause opens with a
    // subordinator and has a subject of its own that is no actor, so no earlier actor is.
    let own_subject = norms[..v]
        .iter()
        .rposition(|w| SUBORDINATORS.contains(w) || CLAUSE_OPENERS.contains(w))
        .is_some_and(|b| {
            let no_actor = !mentions.iter().any(|&(s, _, _)| s > b && s < v);
            let words = norms[b + 1..v]
                .iter()
                .filter(|w| !AUXILIARIES.contains(w) && w.chars().any(char::is_alphabetic))
                .count();
            no_actor && words > 0 && !matches!(norms[b], "WHO" | "WHICH" | "THAT")
        })
        || that_clause_without_actor(norms, mentions, v);
    // "… after Calenardhon crowds burned …": an actor opening the verb's adverbial clause
    // and modifying its subject noun is the source, though "after" looks like a preposition.
    let opener_subject = norms[..v]
        .iter()
        .rposition(|w| ADVERBIAL_OPENERS.contains(w))
        .and_then(|b| {
            let first = if norms.get(b + 1).is_some_and(|w| *w == "THE") {
                b + 2
            } else {
                b + 1
            };
            mentions.iter().position(|&(s, e, _)| {
                s == first
                    && e < v
                    && v - e <= 2
                    && norms[e..v].iter().all(|w| {
                        w.chars().all(|c| c.is_alphabetic() || c == '-')
                            && !preposition(w)
                            && !SUBORDINATORS.contains(w)
                    })
                    && !mentions.iter().any(|&(s2, _, _)| s2 >= e && s2 < v)
            })
        });
    if adjacent.is_none() && opener_subject.is_some() {
        source_reason = "the actor opening the verb's adverbial clause";
    }
    // "… intelligence to Macedonia, which is preparing an offensive": the verb of a
    // relative clause has the clause's antecedent as subject, prepositional object or not.
    let antecedent = if adjacent.is_none() && opener_subject.is_none() {
        mentions.iter().rposition(|&(_, e, _)| {
            let rel = match norms.get(e) {
                Some(&",") => e + 1,
                _ => e,
            };
            e < v
                && rel < v
                && matches!(norms[rel], "WHICH" | "WHO")
                && norms[rel + 1..v].iter().all(|w| {
                    AUXILIARIES.contains(w) || matches!(*w, "ALSO" | "NOW" | "STILL" | "NOT")
                })
        })
    } else {
        None
    };
    if antecedent.is_some() {
        source_reason = "the actor the relative clause of the verb refers to";
    }
    let subject = adjacent.or(opener_subject).or(antecedent).or_else(|| {
        if own_subject {
            return None;
        }
        // Nor is an actor inside an opening prepositional phrase ("On improvement of
        // primary health and Gondor's health centres, he said …").
        let intro_end = norms
            .first()
            .filter(|w| preposition(w))
            .and_then(|_| norms[..v].iter().position(|w| *w == ","))
            .unwrap_or(0);
        mentions.iter().rposition(|&(s, e, _)| {
            e <= v && s >= intro_end && !prepositional(norms, s, preposition)
        })
    });
    if let Some(i) = subject {
        source.push(i);
        // Conjuncts before it: "Arnor, Osgiliath and Gondor presented"
        let mut j = i;
        let mut linked = false;
        while j > 0 {
            let (_, pe, _) = mentions[j - 1];
            let (s, _, _) = mentions[j];
            if let Some(and) = list_joint(&norms[pe..s]).or_else(|| pair(mentions, j - 1)) {
                linked |= and;
                source.push(j - 1);
                j -= 1;
            } else {
                break;
            }
        }
        // A list needs "and"/"or" or a third member: "In Gondor, Mordor …" is not one.
        if !linked && source.len() < 3 {
            source.truncate(1);
        }
    }
    let mut target = Vec::new();
    // The target lies in the verb's own clause: stop at "; " and at subordinate clauses.
    let clause_end = (after..norms.len())
        .find(|&p| {
            norms[p] == ";"
                || SUBORDINATORS.contains(&norms[p])
                // "agreed to resign without returning to Kyrgyzstan": a gerund after a
                // preposition has its own object.
                || (matches!(norms[p], "WITHOUT" | "BEFORE" | "AFTER" | "WHILE" | "DESPITE")
                    && norms
                        .get(p + 1)
                        .is_some_and(|w| w.len() > 5 && w.ends_with("ING")))
                || (norms[p] == "," && norms.get(p + 1) == Some(&"BUT"))
                // ", expected to be joined by …", ", killing …": a participle clause
                // after the comma has its own actors.
                || (norms[p] == ","
                    && norms
                        .get(p + 1)
                        .is_some_and(|w| w.len() > 4 && (w.ends_with("ING") || w.ends_with("ED")))
                    && !mentions.iter().any(|&(s, _, _)| s == p + 1))
                // ", a senior Bree official said on Saturday": a clause of reporting
                // has its own subject, which is no target.
                || (norms[p] == ","
                    && norms[p + 1..]
                        .iter()
                        .take_while(|w| **w != ",")
                        .any(|w| REPORTING.contains(w) && *w != "ACCORDING"))
        })
        .unwrap_or(norms.len());
    // "a hunger strike outside Parliament": a place the act happens near is no target.
    let placed = |s: usize| prepositional(norms, s, |w| LOCATIVES.contains(&w));
    if let Some(i) = mentions
        .iter()
        .position(|&(s, _, _)| s >= after && s < clause_end && !placed(s))
    {
        target = with_conjuncts(norms, mentions, i);
    }
    // A passive with its agent: "Xi was invited by Putin" — Putin acts on Xi.
    let passive = norms[v.saturating_sub(2)..v]
        .iter()
        .any(|w| matches!(*w, "IS" | "ARE" | "WAS" | "WERE" | "BE" | "BEEN" | "BEING"));
    if passive
        && !source.is_empty()
        && target
            .first()
            .is_some_and(|&t| after_by(norms, mentions[t].0))
    {
        return (target, source, "the agent (\"by …\") of the passive verb");
    }
    // "A camp for Congolese refugees was attacked by Burundian militiamen": the actor in
    // the passive subject's own phrase is what was acted on, prepositional object or not.
    let by_agent = target
        .first()
        .is_some_and(|&t| after_by(norms, mentions[t].0));
    // "… the Beagle Channel, disputed by Argentina and Chile", "nationals suspected by the
    // West": a participle with its agent right after a noun or a comma and no auxiliary
    // is a reduced passive relative clause. Its agent acts on the noun it follows (an
    // actor only if that noun is one), never on an actor further back.
    let participle = past_form(norms[v]);
    let reduced = !passive
        && participle
        && v > 0
        && norms.get(after) == Some(&"BY")
        && !AUXILIARIES.contains(&norms[v - 1])
        && (norms[v - 1] == "," || !mentions.iter().any(|&(_, e, _)| e == v))
        && !mentions.iter().any(|&(s, _, _)| s == v);
    if reduced && by_agent {
        let head_end = if norms[v - 1] == "," { v - 1 } else { v };
        let patient = mentions.iter().position(|&(_, e, _)| e == head_end);
        return (
            target,
            patient.into_iter().collect(),
            "the agent (\"by …\") of a participle modifying the noun before it",
        );
    }
    if passive && source.is_empty() && by_agent {
        let patient = mentions.iter().rposition(|&(_, e, _)| {
            e <= v && !norms[e..v].iter().any(|w| matches!(*w, "," | ";" | ":"))
        });
        if let Some(p) = patient {
            return (
                target,
                vec![p],
                "the agent (\"by …\") of the passive verb, acting on the subject's phrase",
            );
        }
    }
    (source, target, source_reason)
}

/// "… a resolution that aims to tighten sanctions and impose a blockade": the verb's
/// clause opens with "that" after a word that is no actor, and no actor (nor a pronoun
/// standing for one) comes between, so its subject is that non-actor ("resolution") or
/// a noun of its own, and no earlier actor is.
fn that_clause_without_actor(
    norms: &[&str],
    mentions: &[(usize, usize, &Mention)],
    v: usize,
) -> bool {
    let Some(b) = norms[..v].iter().rposition(|w| *w == "THAT") else {
        return false;
    };
    let between = &norms[b + 1..v];
    b > 0
        && !mentions.iter().any(|&(s, e, _)| (s > b && s < v) || e == b)
        && !between.iter().any(|w| {
            matches!(
                *w,
                "," | ";" | ":" | "IT" | "HE" | "SHE" | "THEY" | "WE" | "I"
            )
        })
        && between
            .iter()
            .any(|w| !AUXILIARIES.contains(w) && w.chars().any(char::is_alphabetic))
}

/// A participle right after "a/the + noun", the noun no actor: "a guard involved in".
fn noun_modifier(norms: &[&str], mentions: &[(usize, usize, &Mention)], v: usize) -> bool {
    let participle = past_form(norms[v]);
    let prev_is_noun = v >= 2
        && norms[v - 1].chars().all(|c| c.is_ascii_alphabetic())
        && !AUXILIARIES.contains(&norms[v - 1])
        && !norms[v - 1].ends_with("LY")
        && !matches!(
            norms[v - 1],
            "AND" | "OR" | "BUT" | "ALSO" | "WHO" | "WHICH" | "THAT" | "NOT"
        );
    participle
        && prev_is_noun
        && matches!(norms[v - 2], "A" | "AN" | "THE")
        && !mentions.iter().any(|&(_, e, _)| e == v)
}

/// Whether the mention starting at `s` is a passive agent: "by Putin", "by the U.N.".
fn after_by(norms: &[&str], s: usize) -> bool {
    match s {
        0 => false,
        1 => norms[0] == "BY",
        _ => norms[s - 1] == "BY" || (norms[s - 2] == "BY" && norms[s - 1] == "THE"),
    }
}

/// `Some(true)` when mentions `i` and `i + 1` are the two halves of "the two sides" or
/// "both countries" (two adjacent coreference mentions, one per word).
fn pair(mentions: &[(usize, usize, &Mention)], i: usize) -> Option<bool> {
    let (_, e, a) = mentions[i];
    let (s, _, b) = *mentions.get(i + 1)?;
    (e == s && a.kind == MentionKind::Coreference && b.kind == MentionKind::Coreference)
        .then_some(true)
}

/// Whether the words between two actors join them in a list (",", "and", "or", and "the"
/// before the second: "Ithilen and the government of Gondor"); `Some(true)` when an
/// "and"/"or" is among them.
fn list_joint(between: &[&str]) -> Option<bool> {
    let words = match between {
        [rest @ .., "THE"] => rest,
        all => all,
    };
    // "Sudan, and with strings attached, Cuba": a short aside after the conjunction.
    if let Some(c) = words.iter().position(|w| matches!(*w, "AND" | "OR")) {
        let aside: Vec<&str> = words[c + 1..]
            .iter()
            .copied()
            .filter(|w| *w != ",")
            .collect();
        if words[..c].iter().all(|w| *w == ",")
            && words.last() == Some(&",")
            && (1..=5).contains(&aside.len())
            && aside.iter().all(|w| w.chars().all(char::is_alphabetic))
        {
            return Some(true);
        }
    }
    (!words.is_empty() && words.iter().all(|w| matches!(*w, "AND" | "," | "OR")))
        .then(|| words.iter().any(|w| matches!(*w, "AND" | "OR")))
}

/// Whether the ";" at byte `at` of `text` ends an HTML character reference written
/// without spaces ("&amp;", "&#38;").
fn closes_entity(text: &str, at: usize) -> bool {
    let before = &text[..at];
    before.rfind('&').is_some_and(|amp| {
        let name = &before[amp + 1..];
        (1..=8).contains(&name.len())
            && (name.chars().all(|c| c.is_ascii_alphabetic())
                || name
                    .strip_prefix('#')
                    .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())))
    })
}

/// Whether the verb at `v` is joined by "and"/"but" to an earlier verb phrase with no
/// subject of its own between ("condemned the attack and promised aid").
fn coordinated(norms: &[&str], v: usize) -> bool {
    let mut i = v;
    while i > 0
        && (AUXILIARIES.contains(&norms[i - 1])
            || matches!(norms[i - 1], "ALSO" | "THEN" | "LATER"))
    {
        i -= 1;
    }
    i > 0 && matches!(norms[i - 1], "AND" | "BUT")
}

/// Whether the words before token `at` are a modal, perhaps negated ("will", "will not",
/// "can't"): what follows is a verb whatever a tagger says.
fn follows_modal(norms: &[&str], at: usize) -> bool {
    let mut i = at;
    while i > 0 && matches!(norms[i - 1], "NOT" | "N'T" | "NEVER") {
        i -= 1;
    }
    i > 0
        && matches!(
            norms[i - 1],
            "WILL"
                | "WOULD"
                | "SHALL"
                | "SHOULD"
                | "CAN"
                | "COULD"
                | "MAY"
                | "MIGHT"
                | "MUST"
                | "'LL"
                | "WO"
                | "CA"
        )
}

/// Words that open an adverbial clause whose verb belongs to the clause it modifies.
const ADVERBIAL_OPENERS: &[&str] = &[
    "AFTER", "BEFORE", "SINCE", "WHEN", "WHILE", "BECAUSE", "UNTIL", "ALTHOUGH", "THOUGH",
    "WHEREAS", "UNLESS",
];

/// Whether the verb at `v` lies in an adverbial clause of the verb at `u`: the nearest
/// opener before `v` comes after `u`, with no comma between it and `v` (a comma there
/// closes the adverbial clause: "… after crowds burned its embassy, an official said")
/// and no ";" between the two verbs.
fn in_adverbial_clause(norms: &[&str], u: usize, v: usize) -> bool {
    u < v
        && !norms[u..v].contains(&";")
        && norms[..v]
            .iter()
            .rposition(|w| ADVERBIAL_OPENERS.contains(w))
            .is_some_and(|b| b > u && !norms[b..v].contains(&","))
}

/// Verbs and phrases of reporting.
const REPORTING: &[&str] = &[
    "SAID",
    "SAYS",
    "SAY",
    "TOLD",
    "ADDED",
    "STATED",
    "ANNOUNCED",
    "REPORTED",
    "TWEETED",
    "WROTE",
    "CLAIMED",
    "CONFIRMED",
    "ACCORDING",
];

/// The actor reporting the event at token `v`: the one right before or after a reporting
/// verb elsewhere in the sentence ("the Kremlin said", "said the Kremlin", "according to
/// the Kremlin").
fn reporter<'m>(
    norms: &[&str],
    mentions: &[(usize, usize, &'m Mention)],
    v: usize,
) -> Option<&'m Mention> {
    let r = (0..norms.len()).find(|&i| i != v && REPORTING.contains(&norms[i]))?;
    let skip = |w: &&str| matches!(*w, "THE" | "TO" | "ALSO" | "HAS" | "HAVE" | "HAD");
    mentions
        .iter()
        .find(|&&(_, e, _)| e <= r && norms[e..r].iter().all(&skip))
        .or_else(|| {
            mentions
                .iter()
                .find(|&&(s, _, _)| s > r && s > v && norms[r + 1..s].iter().all(&skip))
        })
        .map(|&(_, _, m)| m)
}

/// Modality from the words around the verb.
/// True for a pattern word that is a preposition: it attaches to the nearest verb, so it
/// is looked for in the coded verb's own clause only.
/// "on Tuesday", "in March", "in 1988": a preposition opening a time phrase, which no
/// pattern's prepositional phrase means ("telephoned X on Tuesday" is no "* (ON)").
fn time_adjunct(norms: &[&str], i: usize) -> bool {
    norms
        .get(i)
        .is_some_and(|w| matches!(*w, "ON" | "IN" | "AT" | "BY" | "DURING" | "SINCE" | "UNTIL"))
        && norms.get(i + 1).is_some_and(|w| {
            herald_text::is_calendar_word(w)
                || herald_text::is_month_name(w)
                || matches!(*w, "TODAY" | "TONIGHT" | "WEEKEND")
                || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        })
}

/// A pattern element that must match words of the sentence (a literal or a synset).
fn is_word(e: &PatternElem) -> bool {
    matches!(e, PatternElem::Word { .. } | PatternElem::Synset(_))
}

fn is_preposition(e: &PatternElem) -> bool {
    matches!(e, PatternElem::Word { word, .. } if matches!(word.as_str(),
        "ON" | "AGAINST" | "TO" | "WITH" | "FOR" | "FROM" | "OF" | "IN" | "AT" | "BY"
            | "INTO" | "OVER" | "ABOUT" | "BETWEEN" | "TOWARD" | "TOWARDS" | "UPON"))
}

/// The last position a prepositional pattern word may be looked for from `pos` (at most
/// `upto`): words of the verb's own clause only, so that "demanded that the government
/// end curbs on the press" does not match DEMAND … ON. The boundary word itself may still
/// match.
fn clause_limit(norms: &[&str], pos: usize, upto: usize) -> usize {
    first_of(
        norms,
        pos,
        upto,
        &[
            "THAT", "WHICH", "WHO", "WHOSE", "WHILE", "BECAUSE", ",", ";", ":", "UNLESS", "IF",
            "ALTHOUGH", "THOUGH", "WHEREAS",
        ],
    )
}

/// The last position a pattern word may be looked for from `pos` (at most `upto`): not
/// past a comma, semicolon or colon ("attacked Ukraine, according to…" is no
/// `* &TREATY`). The punctuation itself may still match.
fn punctuation_limit(norms: &[&str], pos: usize, upto: usize) -> usize {
    // A conditional or concessive clause is a new clause too ("will attack Iraq unless
    // the talks resume": "talks" is no word of the attack's pattern).
    first_of(
        norms,
        pos,
        upto,
        &[
            ",", ";", ":", "UNLESS", "IF", "ALTHOUGH", "THOUGH", "WHEREAS",
        ],
    )
}

/// The first position in `pos..upto` holding one of `stops`, else `upto`.
fn first_of(norms: &[&str], pos: usize, upto: usize, stops: &[&str]) -> usize {
    (pos..upto.min(norms.len()))
        .find(|&i| stops.contains(&norms[i]))
        .unwrap_or(upto)
}

/// Capitalised words that start no new actor on their own: articles, pronouns and the
/// like at the start of a sentence (months and weekdays: `herald_text::is_calendar_word`).
const NOT_NEW_ACTORS: &[&str] = &[
    "THE", "A", "AN", "THIS", "THAT", "THESE", "THOSE", "HE", "SHE", "IT", "THEY", "WE", "I", "IN",
    "ON", "AT", "BUT", "AND", "IF", "WHEN", "AFTER", "BEFORE",
];

/// Runs of at most `max` capitalised words of sentence `si` that no actor covers
/// (`covered`, by document token), as "---" mentions (PETRARCH's new actors).
fn new_actors(doc: &Document, si: usize, max: usize, covered: &[bool]) -> Vec<Mention> {
    let range = doc.sentences[si].tokens.clone();
    let capital = |i: usize| {
        let t = &doc.tokens[i];
        t.span.slice(&doc.text).starts_with(char::is_uppercase)
            && t.norm.chars().any(char::is_alphabetic)
            && !NOT_NEW_ACTORS.contains(&t.norm.as_str())
            && !herald_text::is_calendar_word(&t.norm)
            && !covered[i]
    };
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !capital(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < range.end && capital(i) {
            i += 1;
        }
        if i - start <= max {
            let span = doc.tokens[start].span.cover(doc.tokens[i - 1].span);
            out.push(Mention {
                text: span.slice(&doc.text).to_string(),
                code: "---".into(),
                span,
                sentence: si,
                tokens: start..i,
                kind: MentionKind::Organization,
                entries: vec!["new actor: in no dictionary".into()],
            });
        }
    }
    out
}

/// CAMEO's "Demand, not specified below".
const DEMAND_CODE: &str = "100";

/// The position of an obligation modal ("must", "should", "has to", "needs to") that
/// follows the actor ending at `end` within a few words of the same clause ("the US and
/// other developed nations must allocate").
fn obligation_after(norms: &[&str], end: usize) -> Option<usize> {
    // "… that President Kagame and his Rwandan Patriotic Front must agree": a conjoined
    // target may stand between.
    for m in end..norms.len().min(end + 8) {
        match norms[m] {
            "MUST" | "SHOULD" | "OUGHT" => return Some(m),
            "HAS" | "HAVE" | "NEEDS" | "NEED" if norms.get(m + 1) == Some(&"TO") => return Some(m),
            "," | ";" | ":" | "." | "THAT" | "WHO" | "WHICH" => return None,
            _ => {}
        }
    }
    None
}

/// Words after which an infinitive states an intention or threat ("agreed to", "is
/// willing to", "threatened to").
const INTENT_GOVERNORS: &[&str] = &[
    "AGREE",
    "AGREED",
    "AGREES",
    "AGREEING",
    "OFFER",
    "OFFERED",
    "OFFERS",
    "OFFERING",
    "PROMISE",
    "PROMISED",
    "PROMISES",
    "PLEDGE",
    "PLEDGED",
    "PLEDGES",
    "VOW",
    "VOWED",
    "VOWS",
    "THREATEN",
    "THREATENED",
    "THREATENS",
    "THREATENING",
    "WILLING",
    "READY",
    "PREPARED",
    "PLAN",
    "PLANS",
    "PLANNED",
    "PLANNING",
    "INTEND",
    "INTENDS",
    "INTENDED",
    "DECIDE",
    "DECIDED",
    "DECIDES",
    "WANT",
    "WANTS",
    "WANTED",
    "PROPOSE",
    "PROPOSED",
    "PROPOSES",
    "RESOLVED",
    "DETERMINED",
    "COMMITTED",
    "EAGER",
];

/// Forms of refuse and decline.
const REFUSALS: &[&str] = &[
    "REFUSE",
    "REFUSES",
    "REFUSED",
    "REFUSING",
    "DECLINE",
    "DECLINES",
    "DECLINED",
    "DECLINING",
];

/// CAMEO's "Reject, not specified below".
const REJECT_CODE: &str = "120";

/// CAMEO's generic threat.
const THREAT_CODE: &str = "130";

/// The position of "refused"/"declined" when the verb at `v` is its infinitive ("is
/// refusing to lift the curfew").
fn refused_by(norms: &[&str], v: usize) -> Option<usize> {
    let mut i = v.checked_sub(1)?;
    if norms[i] != "TO" {
        return None;
    }
    i = i.checked_sub(1)?;
    if matches!(norms[i], "FLATLY" | "STILL" | "AGAIN" | "REPEATEDLY") {
        i = i.checked_sub(1)?;
    }
    REFUSALS.contains(&norms[i]).then_some(i)
}

/// Whether the verb at `v` is announced rather than done: the infinitive of an intent or
/// threat word (`Intended`) or a future ("will", "would", `Future`). Returns the position
/// of the word that announces it. A few adverbs may stand in between ("agreed in
/// principle to provide", "will also send").
fn announced(norms: &[&str], v: usize) -> Option<(usize, Modality)> {
    let start = v.saturating_sub(9);
    let mut i = v;
    let mut seen_to = false;
    while i > start {
        i -= 1;
        let w = norms[i];
        match w {
            "TO" if !seen_to => seen_to = true,
            "WILL" | "'LL" | "SHALL" | "WOULD" if !seen_to => return Some((i, Modality::Future)),
            _ if seen_to && INTENT_GOVERNORS.contains(&w) => return Some((i, Modality::Intended)),
            _ if INTERPOSED.contains(&w) || herald_text::is_calendar_word(w) => {}
            _ => return None,
        }
    }
    None
}

/// Words that may sit between a verb of intention and its infinitive, or a modal and its
/// verb: "will also", "agreed in principle on Saturday to", "is willing to", "be ready to"
/// (with weekday and month names).
const INTERPOSED: &[&str] = &[
    "ALSO",
    "NOW",
    "SOON",
    "STILL",
    "FINALLY",
    "FURTHER",
    "FULLY",
    "IN",
    "PRINCIPLE",
    "BE",
    "ALWAYS",
    "EVENTUALLY",
    "QUICKLY",
    "IMMEDIATELY",
    "FORMALLY",
    "TENTATIVELY",
    "ON",
    "TODAY",
    "YESTERDAY",
    "UNANIMOUSLY",
    "PUBLICLY",
    "REPEATEDLY",
    "AGAIN",
    "LATER",
];

/// The "to" of the infinitive a verb of intention governs ("agreed to provide", "agreed
/// in principle on Saturday to provide"), skipping the words `INTERPOSED` allows.
fn infinitive_after(norms: &[&str], v: usize) -> Option<usize> {
    (v + 1..(v + 7).min(norms.len()))
        .take_while(|&i| {
            norms[i] == "TO"
                || INTERPOSED.contains(&norms[i])
                || herald_text::is_calendar_word(norms[i])
        })
        .find(|&i| norms[i] == "TO")
}

fn modality(norms: &[&str], v: usize) -> Modality {
    let before = &norms[v.saturating_sub(4)..v];
    let has = |ws: &[&str], set: &[&str]| ws.iter().any(|w| set.contains(w));
    // "If Russia attacked …": a condition before the verb in its own clause.
    let clause_start = norms[..v]
        .iter()
        .rposition(|w| matches!(*w, "," | ";" | ":"))
        .map_or(0, |p| p + 1);
    if norms[clause_start..v]
        .iter()
        .any(|w| matches!(*w, "IF" | "UNLESS" | "WHETHER"))
    {
        return Modality::Hypothetical;
    }
    if has(before, &["WILL", "'LL", "SHALL"])
        || before.windows(2).any(|w| {
            w[1] == "TO" && matches!(w[0], "GOING" | "EXPECTED" | "SET" | "DUE" | "SCHEDULED")
        })
    {
        return Modality::Future;
    }
    // "… demanded that the United States match …": what a demand asks for has not
    // happened (the mandative subjunctive).
    // "demanded an immediate admission by Moscow that …": the demand may govern a noun
    // whose clause it is, within the same stretch of words.
    let demanded = norms[..v]
        .iter()
        .rposition(|w| *w == "THAT")
        .is_some_and(|t| {
            let from = norms[..t]
                .iter()
                .rposition(|w| matches!(*w, "," | ";" | ":"))
                .map_or(0, |p| p + 1)
                .max(t.saturating_sub(7));
            norms[from..t].iter().any(|w| {
                matches!(
                    *w,
                    "DEMANDED"
                        | "DEMANDS"
                        | "DEMAND"
                        | "DEMANDING"
                        | "URGED"
                        | "URGES"
                        | "INSISTED"
                        | "INSISTS"
                        | "ASKED"
                        | "ASKS"
                        | "REQUESTED"
                        | "REQUESTS"
                        | "PROPOSED"
                        | "PROPOSES"
                        | "RECOMMENDED"
                        | "RECOMMENDS"
                )
            }) && !norms[t..v].iter().any(|w| matches!(*w, "," | ";"))
        });
    if demanded {
        return Modality::Hypothetical;
    }
    // "Y must cooperate": an obligation laid on Y, not something Y did.
    if has(before, &["MUST", "SHOULD", "OUGHT"]) {
        return Modality::Hypothetical;
    }
    // "The EC may halt mediation if cooperation founders", "will boycott … unless": an
    // act announced on a condition that follows is a conditional promise or threat,
    // which is an event (CAMEO 03/13, PLOVER AGREE/THREATEN). "Would" after a verb of
    // saying is the future in reported speech ("Iraq said it would allow").
    let reported = norms[..v]
        .iter()
        .any(|w| REPORTING.contains(w) && *w != "ACCORDING");
    let condition_after = norms[v..].iter().any(|w| matches!(*w, "IF" | "UNLESS"));
    if has(before, &["WOULD", "COULD", "MIGHT", "MAY"]) {
        if condition_after || (reported && has(before, &["WOULD"])) {
            return Modality::Future;
        }
        if norms.contains(&"IF") {
            return Modality::Hypothetical;
        }
    }
    if before.len() >= 2
        && before[before.len() - 1] == "TO"
        && has(
            &before[..before.len() - 1],
            &[
                "PLANS", "PLAN", "PLANNED", "WANTS", "WANT", "OFFERS", "OFFERED", "OFFER", "SEEKS",
                "SEEK", "INTENDS", "INTEND", "AIMS", "HOPES", "EXPECTS", "PROPOSED", "PROPOSES",
            ],
        )
    {
        return Modality::Intended;
    }
    let reporting = [
        "SAID",
        "SAYS",
        "SAY",
        "TOLD",
        "ACCORDING",
        "REPORTED",
        "STATED",
        "ADDED",
    ];
    if norms
        .iter()
        .enumerate()
        .any(|(i, w)| i != v && reporting.contains(w))
    {
        return Modality::Reported;
    }
    Modality::Asserted
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use herald_lexicon::{herald_format, petrarch, Dictionaries};

    fn coder() -> Coder {
        let mut d = Dictionaries::default();
        herald_format::read_actors(
            "t.actors",
            "Arnor\n    ARN\nGondor\n    GON\nOsgiliath\n    OSG\nMordor\n    MOR\n",
            &mut d,
        );
        petrarch::read_verbs(
            "t.verbs",
            "--- RESTORE [064] ---\nRESTORE\n- * TIES (WITH +) [064]\n\n--- VISIT [042:043] ---\nVISIT\n- * (FOR TALKS) [046]\n\n--- INVADE [192] ---\nINVADE\n\n--- ACCUSE [112] ---\nACCUSE\n- $ * + (OF LYING) [111]\n\n--- IGNORE [---] ---\nIGNORE\n",
            &mut d,
        );
        petrarch::read_discards("t.discards", "FOOTBALL\n", &mut d);
        Coder::new(Arc::new(Lexicon::new(d)), Options::default())
    }

    fn events(text: &str) -> Vec<(String, String, String)> {
        let c = coder();
        let mut doc = Document::new("t", text, NaiveDate::from_ymd_opt(1995, 1, 1));
        herald_text::segment(&mut doc);
        herald_actors::recognize(&mut doc, c.lexicon());
        c.code(&mut doc);
        for e in &doc.events {
            assert!(doc.text.get(e.span.start..e.span.end).is_some());
        }
        triples(&doc.events)
    }

    fn ev(s: &str, t: &str, c: &str) -> (String, String, String) {
        (s.into(), t.into(), c.into())
    }

    #[test]
    fn default_code_and_paired_events() {
        assert_eq!(events("Mordor invaded Gondor."), [ev("MOR", "GON", "192")]);
        assert_eq!(
            events("Arnor visited Gondor."),
            [ev("ARN", "GON", "042"), ev("GON", "ARN", "043")]
        );
    }

    #[test]
    fn patterns_pick_specific_codes() {
        assert_eq!(
            events("Arnor will restore full diplomatic ties with Gondor."),
            [ev("ARN", "GON", "064")]
        );
        assert_eq!(
            events("Arnor visited Gondor for talks."),
            [ev("ARN", "GON", "046")]
        );
        assert_eq!(
            events("Arnor accused Gondor of lying."),
            [ev("ARN", "GON", "111")]
        );
        assert_eq!(events("Arnor accused Gondor."), [ev("ARN", "GON", "112")]);
    }

    #[test]
    fn compounds_negation_nulls_and_discards() {
        assert_eq!(
            events("Arnor and Osgiliath invaded Gondor."),
            [ev("OSG", "GON", "192"), ev("ARN", "GON", "192")]
        );
        assert_eq!(events("Mordor did not invade Gondor."), []);
        assert_eq!(events("Mordor ignored Gondor."), []);
        assert_eq!(events("Mordor invaded Gondor at football."), []);
        // The source is not a prepositional object.
        assert_eq!(
            events("In Gondor, Mordor invaded Osgiliath."),
            [ev("MOR", "OSG", "192")]
        );
    }

    #[test]
    fn traces_say_why_verbs_did_not_code() {
        let c = coder();
        let mut doc = Document::new(
            "t",
            "Mordor invaded. Arnor accused Gondor. The visit to Gondor ended. It rained.",
            None,
        );
        herald_text::segment(&mut doc);
        herald_actors::recognize(&mut doc, c.lexicon());
        let t0 = c.trace_sentence(&doc, 0, &c.options);
        assert_eq!(t0.len(), 1);
        assert!(t0[0].outcome.contains("no target actor"), "{:?}", t0);
        let t1 = c.trace_sentence(&doc, 1, &c.options);
        assert!(t1[0].outcome.starts_with("coded 112 ARN → GON"), "{:?}", t1);
        assert!(
            t1[0].outcome.contains("the actor right before the verb"),
            "{:?}",
            t1
        );
        let t2 = c.trace_sentence(&doc, 2, &c.options);
        assert!(t2[0].outcome.contains("noun"), "{:?}", t2);
        let t3 = c.trace_sentence(&doc, 3, &c.options);
        assert!(t3[0].outcome.contains("no actor"), "{:?}", t3);
    }

    #[test]
    fn clause_dates_follow_the_parse() {
        let c = coder();
        let text = "Mordor said on Monday that Arnor invaded Gondor in May.";
        let mut doc = Document::new("t", text, NaiveDate::from_ymd_opt(1995, 6, 1));
        herald_text::segment(&mut doc);
        herald_actors::recognize(&mut doc, c.lexicon());
        // Mordor said on Monday that Arnor invaded Gondor in May .
        // 0      1    2  3      4    5     6       7      8  9   10
        let heads: [(Option<usize>, &str, &str); 11] = [
            (Some(1), "nsubj", "PROPN"),
            (None, "root", "VERB"),
            (Some(3), "case", "ADP"),
            (Some(1), "obl", "PROPN"),
            (Some(6), "mark", "SCONJ"),
            (Some(6), "nsubj", "PROPN"),
            (Some(1), "ccomp", "VERB"),
            (Some(6), "obj", "PROPN"),
            (Some(9), "case", "ADP"),
            (Some(6), "obl", "PROPN"),
            (Some(1), "punct", "PUNCT"),
        ];
        doc.sentences[0].syntax = Some(
            heads
                .iter()
                .map(|&(head, deprel, upos)| herald_core::TokenSyntax {
                    upos: upos.into(),
                    xpos: String::new(),
                    lemma: String::new(),
                    head,
                    deprel: deprel.into(),
                })
                .collect(),
        );
        let timex = |word: &str, value: &str| {
            let start = text.find(word).unwrap();
            herald_core::Timex {
                text: word.into(),
                span: Span::new(start, start + word.len()),
                kind: "DATE".into(),
                value: value.into(),
            }
        };
        doc.times = vec![timex("Monday", "1995-05-29"), timex("May", "1995-05")];
        c.code(&mut doc);
        let invade = doc.events.iter().find(|e| e.code == "192").unwrap();
        assert_eq!(invade.date.as_deref(), Some("1995-05"));
        assert_eq!(invade.date_source.as_deref(), Some("clause"));
    }

    #[test]
    fn modality_flags() {
        let c = coder();
        let mut doc = Document::new(
            "t",
            "Mordor will invade Gondor. Arnor said Mordor invaded Osgiliath.",
            None,
        );
        herald_text::segment(&mut doc);
        herald_actors::recognize(&mut doc, c.lexicon());
        c.code(&mut doc);
        assert_eq!(doc.events[0].modality, Modality::Future);
        assert_eq!(doc.events[1].modality, Modality::Reported);
        assert_eq!(doc.events[1].source.code, "MOR");
        assert!(doc.events[0].pattern.contains("INVADE"));
    }
}
