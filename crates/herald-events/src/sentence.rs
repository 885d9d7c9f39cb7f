//! Coding one sentence, step by step: the sentence's words and mentions
//! ([`SentenceState`]), the order candidates are tried in (verbs of intention set aside
//! for their infinitive), screening each candidate, choosing the best listing, and
//! emitting one event per new dyad (first verb wins, statements give way).

use crate::by_sentence::BySentence;
use crate::candidates::{closes_entity, looks_like_noun, Dyad, Hit, Inherit, Passive};
use crate::dates::event_date;
use crate::modality::{announced_code, infinitive_after, mood, obligation_after, Mood};
use crate::nouns::{self, NounHit};
use crate::patterns::{first_of, specificity};
use crate::placement::{coordinated, in_adverbial_clause, reporter, MentionAt};
use crate::words::{
    is_auxiliary, names_without_acting, passive_marker, true_preposition, ADVERBIAL_OPENERS,
    DEMAND_CODE, HARM_PARTICIPLES, INTENT_VERBS, IRREGULAR_PAST, PURPOSE_GOVERNORS, SUBORDINATORS,
};
use crate::{commas, places, statements, Coder, Options, VerbRef, VerbTrace};
use herald_core::{
    ActorRef, CountryFrom, DateSource, Document, Event, Mention, MentionKind, Modality, Plover,
    Span, TokenSyntax,
};
use herald_lexicon::Ontology;
use std::ops::Range;

/// What the coder knows of the sentence it is coding and what it has done so far.
pub(crate) struct SentenceState<'d, 't> {
    doc: &'d Document,
    /// The document's layers by sentence.
    index: &'d BySentence,
    si: usize,
    /// The sentence's document tokens.
    range: Range<usize>,
    /// Normalised words ("&;" for the ";" of a character reference).
    norms: Vec<&'d str>,
    /// The parse, when it covers the sentence token for token.
    syn: Option<&'d [TokenSyntax]>,
    /// Tokens inside comma-delimited clauses the `comma_*` options leave out.
    cut: Vec<bool>,
    /// Actor mentions that can take part in events, outside the cut clauses.
    mentions: Vec<MentionAt<'d>>,
    /// The next token to try as a candidate.
    next: usize,
    /// One event per ordered actor pair and sentence: the first verb that codes it wins.
    /// With each pair, where its event went in `out` when it is a mere statement (01):
    /// a later verb that says more about the same pair replaces it ("Iraq said it would
    /// allow the return of U.N. inspectors" is an agreement, not a statement).
    seen: Vec<Seen>,
    /// Verbs that coded an event, for folding in the verbs of their adverbial clauses.
    coded: Vec<usize>,
    /// Verbs set aside for their infinitive.
    set_aside: Vec<SetAside>,
    /// Purpose infinitives of verbs of sending and summoning.
    purposes: Vec<Purpose>,
    /// The agents an agentless passive implies, one per sector of
    /// `passive-agents.txt`, placed in the sentence's context country.
    implied: &'d [Mention],
    log: Log<'d, 't>,
}

/// Where the outcome of each candidate goes, for explanations (`Coder::trace_sentence`).
struct Log<'d, 't> {
    doc: &'d Document,
    /// The sentence's first document token.
    first: usize,
    trace: &'t mut Option<Vec<VerbTrace>>,
}

/// An ordered pair of actor codes already coded in the sentence.
struct Seen {
    /// (source code, target code or "").
    key: (String, String),
    /// Where its event is in `out`, while that is a statement a later verb may replace.
    statement: Option<usize>,
    /// The verbs that coded the dyad, with the kind of act (see `material_kind`).
    acts: Vec<(usize, Option<&'static str>)>,
}

/// A verb of intention set aside for its infinitive ("agreed to undertake exercises"):
/// when the infinitive codes nothing, the verb is coded after all.
struct SetAside {
    verb: usize,
    infinitive: usize,
    /// How many events the document had when it was set aside.
    events_before: usize,
}

/// "summoned the ambassador to complain": the purpose verb takes the subject and the
/// targets of the verb that governs it.
struct Purpose {
    infinitive: usize,
    governor: usize,
    /// The governing verb's targets, as mention indices.
    targets: Vec<usize>,
}

/// A word the screening let through: a verb form, an event noun, or both.
struct Candidate<'c> {
    refs: Option<&'c Vec<VerbRef>>,
    noun_hit: Option<NounHit<'c>>,
    /// Used as a noun here.
    is_noun: bool,
}

/// A code another rule puts in place of the hit's, and why.
struct Recode {
    code: String,
    because: String,
}

/// How a hit becomes events: the hit, its mood, and the codes that replace its own.
struct Coding<'h, 'm> {
    hit: &'h Hit<'m>,
    mood: &'h Mood,
    /// The announcement's (or refusal's) code of the primary act, with the announcing word.
    announced: Option<Recode>,
    /// The same for the paired (secondary) code.
    announced_secondary: Option<String>,
}

impl Log<'_, '_> {
    /// Record what became of the candidate at sentence token `v`.
    fn note(&mut self, v: usize, outcome: String) {
        if let Some(t) = self.trace.as_mut() {
            let token = self.first + v;
            t.push(VerbTrace {
                token,
                word: self.doc.tokens[token]
                    .span
                    .slice(&self.doc.text)
                    .to_string(),
                outcome,
            });
        }
    }

    /// Record why the sentence as a whole codes nothing.
    fn note_sentence(&mut self, outcome: &str) {
        if let Some(t) = self.trace.as_mut() {
            t.push(VerbTrace {
                token: self.first,
                word: String::new(),
                outcome: outcome.into(),
            });
        }
    }
}

impl SentenceState<'_, '_> {
    /// A set-aside verb whose infinitive lies before `upto`, taken off the list; it is
    /// to be coded itself only if no event was coded since (`events` so far).
    fn due(&mut self, upto: usize, events: usize) -> Option<usize> {
        let k = self.set_aside.iter().position(|s| s.infinitive < upto)?;
        let s = self.set_aside.remove(k);
        (events == s.events_before).then_some(s.verb)
    }

    /// The next candidate token, and whether it is a verb of intention coded for itself
    /// after its infinitive coded nothing (a retry). Set-aside verbs come back as soon as
    /// their infinitive has been tried.
    fn next_candidate(&mut self, events: usize) -> Option<(usize, bool)> {
        loop {
            if let Some(g) = self.due(self.next, events) {
                return Some((g, true));
            }
            if self.next < self.norms.len() {
                self.next += 1;
                return Some((self.next - 1, false));
            }
            if let Some(g) = self.due(usize::MAX, events) {
                return Some((g, true));
            }
            if self.set_aside.is_empty() {
                return None;
            }
        }
    }
}

impl Coder {
    pub(crate) fn code_sentence(
        &self,
        doc: &Document,
        index: &BySentence,
        si: usize,
        options: &Options,
        out: &mut Vec<Event>,
        trace: &mut Option<Vec<VerbTrace>>,
    ) {
        let implied = implied_agents(self.ontology, doc, index, si);
        let mut st = self.sentence_state(doc, index, si, &implied, options, trace);
        // Without actors only a passive can code, its agent implied ("22 people were
        // arrested").
        if st.mentions.is_empty() && !st.norms.iter().any(|w| passive_marker(w)) {
            st.log
                .note_sentence("no actor mentions in the sentence: nothing to code");
            return;
        }
        // A question reports no event ("Will Russia attack Ukraine?").
        if st.norms.last() == Some(&"?") {
            st.log.note_sentence("a question: no event is asserted");
            return;
        }
        let first = out.len();
        while let Some((v, retry)) = st.next_candidate(out.len()) {
            self.code_candidate(&mut st, v, retry, options, out);
        }
        drop_shadowed_one_actor_events(&mut st, first, out);
    }

    /// The words, parse, cut clauses and codable mentions of sentence `si`.
    fn sentence_state<'d, 't>(
        &self,
        doc: &'d Document,
        index: &'d BySentence,
        si: usize,
        implied: &'d [Mention],
        options: &Options,
        trace: &'t mut Option<Vec<VerbTrace>>,
    ) -> SentenceState<'d, 't> {
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
        // The sentence's own mentions, read from the document once.
        let own: Vec<&Mention> = index.mentions(doc, si).collect();
        // Bare sector agents act only in a sentence that names no other actor: next to a
        // named one they are its parts or its audience ("Britain agreed to send troops to
        // Jordan").
        let bare = options.bare_agents
            && !own
                .iter()
                .any(|m| m.kind != MentionKind::Agent && m.code != "---");
        let mut actor_at = vec![false; norms.len()];
        for m in own.iter().filter(|m| acts(m, bare)) {
            actor_at[m.tokens.start - range.start] = true;
        }
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
        let mentions: Vec<MentionAt> = own
            .into_iter()
            .filter(|m| acts(m, bare) && m.code != "---")
            .map(|m| MentionAt {
                start: m.tokens.start - range.start,
                end: m.tokens.end - range.start,
                mention: m,
            })
            .filter(|m| !cut[m.start])
            .filter(|m| {
                !places::modifier(
                    &|w| self.forms.contains_key(w),
                    doc,
                    index,
                    si,
                    &norms,
                    syn,
                    m,
                )
            })
            .collect();
        let first = range.start;
        SentenceState {
            doc,
            index,
            si,
            range,
            norms,
            syn,
            cut,
            mentions,
            next: 0,
            seen: Vec::new(),
            coded: Vec::new(),
            set_aside: Vec::new(),
            purposes: Vec::new(),
            implied,
            log: Log { doc, first, trace },
        }
    }

    /// Try the word at sentence token `v` and emit the events it codes.
    fn code_candidate(
        &self,
        st: &mut SentenceState,
        v: usize,
        retry: bool,
        options: &Options,
        out: &mut Vec<Event>,
    ) {
        let Some(cand) = self.screen(st, v, retry, out.len()) else {
            return;
        };
        let Some(hit) = self.choose(st, v, &cand, options) else {
            return;
        };
        let Some(hit) = self.settle(st, v, retry, hit) else {
            return;
        };
        let hit = self.implied_agent(st, v, hit);
        let mood = mood(
            &st.norms,
            v,
            retry,
            &hit.rule,
            hit.pattern_start,
            options.code_intent,
        );
        let announce = |act: &str| announced_code(self.ontology, &st.norms, mood.announcer, act);
        let announced = mood.announcer.and_then(|a| {
            let code = announce(hit.code.primary.as_deref()?)?;
            Some(Recode {
                code,
                because: st.norms[a.position()].to_string(),
            })
        });
        let announced_secondary = hit.code.secondary.as_deref().and_then(announce);
        let coding = Coding {
            hit: &hit,
            mood: &mood,
            announced,
            announced_secondary,
        };
        if hit.pairs.is_empty() {
            st.log
                .note(v, format!("{}: no source actor for the verb", hit.rule));
        }
        for dyad in &hit.pairs {
            self.code_dyad(st, v, &coding, dyad, options, out);
        }
    }

    /// Whether the word at `v` is a candidate at all: a verb form or event noun, outside
    /// the cut clauses, attributions and actor names, used as a verb (or noun) here, and
    /// not a verb of intention set aside for its infinitive.
    fn screen(
        &self,
        st: &mut SentenceState,
        v: usize,
        retry: bool,
        events: usize,
    ) -> Option<Candidate<'_>> {
        let norms = &st.norms;
        let refs = self.forms.get(norms[v]);
        let noun_hit = nouns::at(&self.lexicon.dict.nouns, &self.noun_index, norms, v);
        if refs.is_none() && noun_hit.is_none() {
            return None;
        }
        if st.cut[v] {
            st.log.note(
                v,
                "skipped: inside a comma-delimited clause the comma_* options leave out".into(),
            );
            return None;
        }
        // "according to a report by…" attributes; "according" is no verb of granting.
        // "as opposed to" compares; nobody opposes anyone.
        if norms[v] == "ACCORDING" && norms.get(v + 1) == Some(&"TO") {
            st.log.note(
                v,
                "skipped: \"according to\" introduces a source, not an event".into(),
            );
            return None;
        }
        // "… according to a special report submitted to the Canadian Security
        // Intelligence Service": what the attribution's source underwent is no event.
        // (At the head of a sentence, "According to reports the UK is pushing…", the
        // attribution has no end we could tell without a comma.)
        let attribution = norms[..v]
            .windows(2)
            .rposition(|w| w == ["ACCORDING", "TO"])
            .is_some_and(|a| a > 0 && !norms[a..v].iter().any(|w| matches!(*w, "," | ";" | ":")));
        if attribution {
            st.log
                .note(v, "skipped: part of an \"according to\" attribution".into());
            return None;
        }
        if norms[v] == "OPPOSED" && v > 0 && norms[v - 1] == "AS" && norms.get(v + 1) == Some(&"TO")
        {
            st.log.note(
                v,
                "skipped: \"as opposed to\" compares, it is no event".into(),
            );
            return None;
        }
        if refs.is_some() && is_auxiliary(norms[v]) {
            st.log.note(
                v,
                "skipped: an auxiliary or modal; the main verb carries the event".into(),
            );
            return None;
        }
        let is_noun = self.used_as_noun(st, v, refs);
        if is_noun && noun_hit.is_none() {
            st.log.note(
                v,
                "skipped: used as a noun here (after a determiner, or before \"of\")".into(),
            );
            return None;
        }
        if !retry && self.set_aside_for_infinitive(st, v, events) {
            return None;
        }
        if retry {
            st.log.note(
                v,
                "its infinitive coded nothing: coding the verb of intention itself".into(),
            );
        }
        // Inside an actor name ("Foreign Ministry") a word is not a verb.
        if let Some(m) = st.mentions.iter().find(|m| m.start <= v && v < m.end) {
            let text = &m.mention.text;
            st.log
                .note(v, format!("skipped: part of the actor name \"{text}\""));
            return None;
        }
        Some(Candidate {
            refs,
            noun_hit,
            is_noun,
        })
    }

    /// Whether the verb form at `v` is used as a noun here.
    fn used_as_noun(&self, st: &SentenceState, v: usize, refs: Option<&Vec<VerbRef>>) -> bool {
        let norms = &st.norms;
        // With a parse the tagger decides noun or verb, except that a past form stays
        // a verb ("the mayor left", "struck a partnership"): taggers trained on web
        // text miss those more often than news uses them as nouns.
        // Nor does a word right after an actor ("Xi arrives in Moscow", a headline),
        // unless an auxiliary follows it: "NATO allies have agreed", "Iranian backers
        // will meet" name the subject, whose verb comes after.
        let before_auxiliary = norms.get(v + 1).is_some_and(|w| is_auxiliary(w));
        let after_actor = st.mentions.iter().any(|m| m.end == v) && !before_auxiliary;
        // Nor does a verb after a modal ("will not wire tap"), its own prefix aside.
        let after_modal = refs.into_iter().flatten().any(|r| {
            let n = self.lexicon.dict.verbs[r.block].verbs[r.verb].prefix.len();
            crate::modality::follows_modal(norms, v.saturating_sub(n))
        });
        let tagged_noun = st.syn.map(|syn| {
            let verb_anyway = norms[v].ends_with("ED")
                || IRREGULAR_PAST.contains(&norms[v])
                || after_actor
                || after_modal;
            // "a heavily armed ruling minority": a modifier of a noun is no verb, past
            // form or not; nor is an adverb or preposition ("head back to Rome").
            (matches!(
                syn[v].upos.as_str(),
                "NOUN" | "PROPN" | "ADJ" | "NUM" | "ADV" | "ADP"
            ) && !verb_anyway)
                || (syn[v].deprel == "amod" && norms[v].ends_with("ING") && !after_actor)
        });
        // "killed in police firing", "during army shelling": an -ing form after an actor
        // that is a preposition's object names an act; the actor does it.
        let of_preposition = norms[v].ends_with("ING")
            && st.mentions.iter().any(|m| {
                // A determiner may stand between ("following the police firing").
                let p = match m.start.checked_sub(1).map(|i| norms[i]) {
                    Some("THE" | "A") => m.start - 1,
                    _ => m.start,
                };
                m.end == v
                    && p > 0
                    && matches!(
                        norms[p - 1],
                        "IN" | "DURING" | "BY" | "AFTER" | "FROM" | "AMID" | "FOLLOWING"
                    )
            });
        refs.is_none() || tagged_noun == Some(true) || of_preposition || looks_like_noun(norms, v)
    }

    /// Set the verb at `v` aside when its infinitive carries the event: "help" before a
    /// bare infinitive, or a verb of intention before its `to`-infinitive.
    fn set_aside_for_infinitive(&self, st: &mut SentenceState, v: usize, events: usize) -> bool {
        let norms = &st.norms;
        // "to help support the rights of Palestinians": the bare infinitive after
        // "help" names the act; "help" is coded only when that codes nothing.
        if matches!(norms[v], "HELP" | "HELPS" | "HELPED" | "HELPING")
            && norms.get(v + 1).is_some_and(|w| self.is_base_verb(w))
        {
            st.log.note(
                v,
                "set aside: \"help\" before a bare infinitive, which carries the event".into(),
            );
            st.set_aside.push(SetAside {
                verb: v,
                infinitive: v + 1,
                events_before: events,
            });
            return true;
        }
        // "offers to broker", "wants to deepen": the embedded verb is the event, coded
        // with intended modality; the intent verb itself is not a second event.
        let Some(to) = infinitive_after(norms, v).filter(|&to| {
            norms
                .get(to + 1)
                .is_some_and(|w| self.forms.contains_key(*w))
                && INTENT_VERBS.contains(&norms[v])
        }) else {
            return false;
        };
        // "expected to be joined by": the infinitive's verb is past its auxiliaries.
        let mut inf = to + 1;
        while norms
            .get(inf)
            .is_some_and(|w| matches!(*w, "BE" | "HAVE" | "BEEN" | "BEING"))
        {
            inf += 1;
        }
        st.log.note(
            v,
            "set aside: a verb of intention; its infinitive carries the event".into(),
        );
        st.set_aside.push(SetAside {
            verb: v,
            infinitive: inf,
            events_before: events,
        });
        true
    }

    /// The best hit of the candidate at `v`: its event noun's, or the best of its verb
    /// listings'.
    fn choose<'d>(
        &self,
        st: &mut SentenceState<'d, '_>,
        v: usize,
        cand: &Candidate,
        options: &Options,
    ) -> Option<Hit<'d>> {
        if let (true, Some(nh)) = (cand.is_noun, &cand.noun_hit) {
            return match self.try_noun(&st.norms, &st.mentions, nh, options) {
                Ok(h) => Some(h),
                Err(why) => {
                    st.log.note(v, why);
                    None
                }
            };
        }
        // Only the coded verb itself can be the one "and" joins this one to, not a
        // verb in a clause opened after it ("said it will support a resolution that
        // aims to tighten sanctions and impose …").
        // "summoned the ambassador to complain": the purpose verb's subject and
        // target are the governing verb's.
        let norms = &st.norms;
        let purpose_of = st.purposes.iter().find(|p| p.infinitive == v);
        // The verb coded last may stand after this one (an infinitive coded before the
        // verb of intention that governs it): only an earlier verb can be the first conjunct.
        let shared = st.coded.last().copied().filter(|&u| {
            u < v
                && coordinated(norms, v)
                && !norms[u..v]
                    .iter()
                    .any(|w| matches!(*w, "THAT" | "WHICH" | "WHO"))
        });
        // A verb listed in several blocks: the most specific pattern of any block
        // wins ("agreed to a six-month extension": herald's "* (TO)" before
        // Phoenix's bare AGREE), then a listing's own code ("BEAT [182]") before
        // a block default (BEAT in a [190] block); among equals, file order.
        let inherit = Inherit {
            subject_of: shared.or(purpose_of.map(|p| p.governor)),
            targets: purpose_of.map(|p| p.targets.clone()).unwrap_or_default(),
        };
        let mut chosen: Option<Hit> = None;
        for r in cand.refs.into_iter().flatten() {
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
            match self.try_verb(&st.norms, st.syn, &st.mentions, v, *r, &inherit, options) {
                Ok(h) => {
                    if chosen.as_ref().is_none_or(|c| h.priority > c.priority) {
                        chosen = Some(h);
                    }
                }
                Err(why) => st.log.note(v, why),
            }
        }
        chosen
    }

    /// A hit that codes something, with what it means for the verbs after it: a verb of
    /// sending records its purpose infinitive; a verb of intention coded for itself keeps
    /// to its own clause.
    fn settle<'d>(
        &self,
        st: &mut SentenceState<'d, '_>,
        v: usize,
        retry: bool,
        mut hit: Hit<'d>,
    ) -> Option<Hit<'d>> {
        if hit.code.null {
            st.log
                .note(v, format!("{}: the pattern codes nothing", hit.rule));
            return None;
        }
        // "called the plan an embarrassment": a verb of naming names, it does not act.
        if names_without_acting(&st.norms, st.syn, v) {
            st.log.note(
                v,
                format!(
                    "{}: a verb of naming with its complement names, it does not act",
                    hit.rule
                ),
            );
            return None;
        }
        // "after the Orlando attack", "Ottawa shooting victim": a city or region named
        // right before an event noun says where the act happened, not who did it.
        // (A plural only after a determiner or preposition: taggers read "whom Ankara
        // blames", "how Beijing benefits" as nouns.)
        let noun = st.syn.is_some_and(|syn| syn[v].upos == "NOUN");
        let at = st.range.start + v;
        let singular = st.syn.is_some_and(|syn| syn[v].xpos == "NN");
        let introduced = |m: &Mention| {
            let before = m.tokens.start.checked_sub(st.range.start + 1);
            before.is_some_and(|b| {
                matches!(st.norms[b], "THE" | "A" | "AN") || true_preposition(st.norms[b])
            })
        };
        let place = |m: &Mention| {
            m.tokens.end == at
                && (singular || introduced(m))
                && places::names_place(st.doc, st.index, st.si, m)
        };
        if noun && hit.pairs.iter().any(|d| place(d.source)) {
            hit.pairs.retain(|d| !place(d.source));
            if hit.pairs.is_empty() {
                st.log.note(
                    v,
                    format!(
                        "{}: the place named before the noun is where, not who",
                        hit.rule
                    ),
                );
                return None;
            }
        }
        // "the EU, Germany and France will meet Zarif to discuss …": a list that reaches
        // a later verb past an actor of an earlier verb (the one they meet) does not act
        // on itself there; only a list right before its verb can ("China and Russia
        // agreed").
        if list_acts_past_another(st, &hit, at) {
            st.log.note(
                v,
                format!(
                    "{}: the list acts with someone named before this verb, not on itself",
                    hit.rule
                ),
            );
            return None;
        }
        let norms = &st.norms;
        // "sent personnel to Bosnia to investigate", "summoned the ambassador to
        // complain": what the sending is for says more, and replaces it when it
        // codes an event.
        if PURPOSE_GOVERNORS.contains(&norms[v]) {
            let end = first_of(norms, v + 1, norms.len(), &[",", ";", ":"]);
            let inf = (v + 1..end)
                .find(|&p| self.infinitive_at(norms, p))
                .map(|p| p + 1)
                .filter(|&w| w < end);
            if let Some(w) = inf {
                let targets: Vec<usize> = hit
                    .pairs
                    .iter()
                    .filter_map(|d| {
                        let t = d.target?;
                        st.mentions.iter().position(|m| std::ptr::eq(m.mention, t))
                    })
                    .collect();
                st.purposes.push(Purpose {
                    infinitive: w,
                    governor: v,
                    targets,
                });
                hit.said = true;
            }
        }
        if retry {
            // A verb of intention coded for itself keeps to its own clause: its
            // target comes before the next comma ("intends to show, that … the US"
            // names no target of the intention).
            let clause_end = st.norms[v..]
                .iter()
                .position(|w| matches!(*w, "," | ";" | ":"))
                .map_or(st.norms.len(), |p| v + p);
            let end = st.range.start + clause_end;
            hit.pairs
                .retain(|d| d.target.is_none_or(|t| t.tokens.start < end));
            if hit.pairs.is_empty() {
                st.log.note(
                    v,
                    format!("{}: no target in the clause of the intention", hit.rule),
                );
                return None;
            }
        }
        Some(hit)
    }

    /// An agentless passive of an act only one sector does ("forty protesters were
    /// arrested": the police) has that sector as its source, placed in the sentence's
    /// context country, and the passive subject as its target; the act's paired code
    /// (done back to the agent) goes. Other hits are kept as they are.
    fn implied_agent<'d>(&self, st: &SentenceState<'d, '_>, v: usize, mut hit: Hit<'d>) -> Hit<'d> {
        let Some(Passive {
            subject,
            with_be,
            background,
            agent_named,
        }) = hit.passive.take()
        else {
            return hit;
        };
        // Only coercion (17x) implies its agent: "were arrested", not "were held (talks)".
        let code = hit.code.primary.as_deref().unwrap_or("");
        let coercion = code.starts_with("17");
        let lemmas = self.forms.get(st.norms[v]).into_iter().flatten().map(|r| {
            self.lexicon.dict.verbs[r.block].verbs[r.verb]
                .lemma
                .as_str()
        });
        let sector = lemmas
            .filter_map(|l| self.ontology.implied_agent(l, code))
            .next()
            .filter(|_| coercion);
        // "Three soldiers were killed in an attack": the victims are what was acted on,
        // never the actor; who acted is unsaid ("---").
        let violent = hit
            .code
            .primary
            .as_deref()
            .is_some_and(|c| matches!(Ontology::root(c), "18" | "19" | "20"));
        // "Three officers wounded in an attack": a headline's participle of harm with no
        // object is passive too. (Only acts of an implied sector and harm make the
        // subject of a bare participle its patient: the parser also reads intransitive
        // past tenses as participles, "protesters marched through …".)
        let passive = with_be || HARM_PARTICIPLES.contains(&st.norms[v]);
        let unsaid = violent && passive && !subject.is_empty();
        // A relative clause's passive is background ("prisoners who had been jailed",
        // "people who are arrested are fingerprinted"): its antecedent did not act, and
        // only harm done to it is coded ("militants who were shot dead").
        let sector = sector.filter(|_| !background && !agent_named);
        let Some(sector) = sector.or(unsaid.then_some(UNSAID)) else {
            // "Russia was criticized", "Germany was invited": the subject of any other
            // agentless passive was acted on by someone the sentence does not name, so
            // no actor of the sentence is the source. (A force that "was deployed" or
            // "mobilised" raises its own posture, 15: it stays the actor; and a
            // dictionary pattern may place the actors of a passive itself, "was freed
            // from X".)
            let own_posture = Ontology::root(code) == "15";
            let by_pattern = hit.priority.0 >= 2;
            // (Harm done to a subject that is no actor, "Russia's reputation was hurt",
            // leaves no one to have done it either.)
            let harm_to_no_actor = violent && subject.is_empty();
            if background
                || (with_be && !own_posture && (!violent || harm_to_no_actor) && !by_pattern)
            {
                hit.pairs.clear();
            }
            return hit;
        };
        let place = place_of_act(st, v).filter(|_| sector != UNSAID);
        let of_sector = || {
            st.implied
                .iter()
                .filter(|m| m.code.ends_with(sector) || (sector == UNSAID && m.code == UNSAID))
        };
        let Some(agent) = place
            .and_then(|c| of_sector().find(|m| m.code.strip_suffix(sector) == Some(c.as_str())))
            .or_else(|| of_sector().next())
        else {
            return hit;
        };
        hit.pairs = if subject.is_empty() {
            vec![Dyad {
                source: agent,
                target: None,
            }]
        } else {
            subject
                .into_iter()
                .map(|t| Dyad {
                    source: agent,
                    target: Some(t),
                })
                .collect()
        };
        hit.code.secondary = None;
        hit.source_reason = "implied: an act only this sector does, its agent unnamed";
        hit.target_reason = "the subject of the passive verb";
        hit
    }

    /// The events of one dyad of a hit: its primary code from source to target, its
    /// paired code back.
    fn code_dyad(
        &self,
        st: &mut SentenceState,
        v: usize,
        c: &Coding,
        dyad: &Dyad,
        options: &Options,
        out: &mut Vec<Event>,
    ) {
        let hit = c.hit;
        let (src, tgt) = (Some(dyad.source), dyad.target);
        // A fight coded both ways is an act of two sides ("battled with", "clashed
        // with"): with no second side found ("will battle anew with Republicans over
        // deadlines", "struggled with his reaction") the verb has another sense or its
        // partner went unfound. (A ceasefire, also paired, may be declared alone.)
        let fight = hit.code.primary.as_deref().is_some_and(|p| {
            matches!(Ontology::root(p), "18" | "19" | "20")
                && hit.code.secondary.as_deref() == Some(p)
        });
        if tgt.is_none() && fight {
            st.log.note(
                v,
                format!(
                    "{}: a fight of two sides (paired code) and no second side found",
                    hit.rule
                ),
            );
            return;
        }
        // "X said (that) Y must …": a statement that lays an obligation on
        // its target is a demand (CAMEO 100), whatever Y is to do.
        let obliged = tgt.and_then(|t| {
            let code = hit.code.primary.as_deref()?;
            (Ontology::root(code) == "01").then_some(())?;
            let end = t.tokens.end - st.range.start;
            obligation_after(&st.norms, end)
        });
        let demand = obliged.map(|m| Recode {
            code: DEMAND_CODE.to_string(),
            because: format!("obligation \"{}\"", st.norms[m].to_lowercase()),
        });
        let primary = match (&demand, &c.announced) {
            (Some(d), _) => Some(&d.code),
            (None, Some(a)) => Some(&a.code),
            (None, None) => hit.code.primary.as_ref(),
        };
        let secondary = c
            .announced_secondary
            .as_ref()
            .or(hit.code.secondary.as_ref());
        for (k, (code, s, t)) in [(primary, src, tgt), (secondary, tgt, src)]
            .into_iter()
            .enumerate()
        {
            let Some(code) = code else { continue };
            // "Pence visited Iowa": a city or region is visited, met or fought in, but
            // does not host, meet or fight back; the paired code needs an actor.
            if k == 1 && s.is_some_and(|s| places::names_place(st.doc, st.index, st.si, s)) {
                st.log.note(
                    v,
                    format!("{}: a place does not act back (no paired event)", hit.rule),
                );
                continue;
            }
            let Some(s) = s else {
                st.log
                    .note(v, format!("{}: no source actor before the verb", hit.rule));
                continue;
            };
            // "Police fired two rounds … under the police station": the same actor again
            // is no second side; an act one side can do alone stands without it.
            let t = t.filter(|t| {
                !(done_alone(code) && t.code == s.code && t.kind == MentionKind::Agent)
            });
            let Some(replace) = self.admit(st, v, c, code, s, t, options) else {
                continue;
            };
            let rule = match (&demand, &c.announced) {
                (Some(d), _) if d.code == *code => format!(
                    "{}; statement with an {} on its target: coded as {}",
                    hit.rule, d.because, d.code
                ),
                (_, Some(a)) if a.code == *code => format!(
                    "{}; after \"{}\": {} coded as {}",
                    hit.rule,
                    a.because.to_lowercase(),
                    hit.code.primary.as_deref().unwrap_or(""),
                    a.code
                ),
                _ => hit.rule.clone(),
            };
            let e = self.sentence_event(st, v, s, t, code, &rule, c.mood, out);
            if let Some(i) = replace {
                st.log.note(
                    v,
                    format!("replaces the statement {} coded before", out[i].code),
                );
                out[i] = e;
            } else {
                if Ontology::root(code) == "01" || hit.said {
                    if let Some(last) = st.seen.last_mut() {
                        last.statement = Some(out.len());
                    }
                }
                out.push(e);
            }
            if !st.coded.contains(&v) {
                st.coded.push(v);
            }
        }
    }

    /// Whether the event `code` from `s` to `t` of the verb at `v` is coded: `None` when
    /// it is not (the trace says why), else the statement it replaces in `out`, if any.
    #[allow(clippy::too_many_arguments)]
    fn admit(
        &self,
        st: &mut SentenceState,
        v: usize,
        c: &Coding,
        code: &str,
        s: &Mention,
        t: Option<&Mention>,
        options: &Options,
    ) -> Option<Option<usize>> {
        let hit = c.hit;
        let norms = &st.norms;
        // "Arnor restored ties with Gondor after Calenardhon crowds burned
        // its embassy", "… after leaving Eriador": as in PETRARCH, the
        // event of a verb in an adverbial clause of a coded verb is part of
        // that verb's event, unless it is a dyad whose source is the
        // clause's own subject ("… weeks before Russia invaded Ukraine").
        if let Some(&u) = st.coded.iter().find(|&&u| in_adverbial_clause(norms, u, v)) {
            let opener = norms[..v]
                .iter()
                .rposition(|w| ADVERBIAL_OPENERS.contains(w))
                .unwrap_or(0);
            let own_subject = s.tokens.start >= st.range.start + opener;
            if t.is_none() || !own_subject {
                let doc = st.doc;
                let word = doc.tokens[st.range.start + u].span.slice(&doc.text);
                st.log.note(
                    v,
                    format!(
                        "{}: part of the event of \"{word}\", whose adverbial clause it is in",
                        hit.rule
                    ),
                );
                return None;
            }
        }
        // A social group no context placed ("students", "workers", "people") is coded
        // only protesting, or as the one force or coercion is used on ("police
        // detained students"): its other acts are talk about someone ("people said").
        let root = Ontology::root(code);
        let social_ok = !social_group(s) || root == "14";
        let social_target_ok =
            t.is_none_or(|t| !social_group(t) || matches!(root, "14" | "17" | "18" | "19" | "20"));
        if !social_ok || !social_target_ok {
            st.log.note(
                v,
                format!(
                    "{}: a social group with no country acts only by protesting, and is acted on only by coercion or force",
                    hit.rule
                ),
            );
            return None;
        }
        if let Some(why) = t
            .filter(|_| root == "01")
            .and_then(|t| statements::not_addressed(norms, st.range.start, v, t))
        {
            st.log.note(v, format!("{}: {why}", hit.rule));
            return None;
        }
        if t.is_none() && options.require_dyad {
            st.log.note(
                v,
                format!(
                    "{}: source \"{}\" but no target actor after the verb (require_dyad)",
                    hit.rule, s.text
                ),
            );
            return None;
        }
        if let Some(t) = t {
            // The same code twice is one actor, not a dyad. A country and
            // its own government, army or rebels (SDNGOV → SDN, RUSMIL →
            // RUSREB) are a domestic dyad, except for mere statements
            // ("the Kremlin said Russia…"), where the two name one speaker.
            let nested = t.code.starts_with(&s.code) || s.code.starts_with(&t.code);
            if t.code == s.code || (nested && Ontology::root(code) == "01") {
                st.log.note(
                    v,
                    format!(
                        "{}: \"{}\" and \"{}\" are the same actor ({} / {})",
                        hit.rule, s.text, t.text, s.code, t.code
                    ),
                );
                return None;
            }
        }
        let key = (
            s.code.clone(),
            t.map(|t| t.code.clone()).unwrap_or_default(),
        );
        let mut replace = None;
        let kind = material_kind(code);
        if let Some(k) = st.seen.iter().position(|seen| seen.key == key) {
            // "Police opened fire and arrested 39 rioters": a second act of another
            // kind, by a verb joined to the first by "and", is an event of its own
            // ("attacked and killed" stays one).
            let joined = |&(u, uk): &(usize, Option<&str>)| {
                u < v
                    && uk.is_some()
                    && uk != kind
                    && norms[u + 1..v].contains(&"AND")
                    && !norms[u + 1..v]
                        .iter()
                        .any(|w| matches!(*w, "," | ";") || SUBORDINATORS.contains(w))
            };
            let another_act = kind.is_some() && st.seen[k].acts.iter().all(joined);
            match st.seen[k].statement {
                Some(i) if Ontology::root(code) != "01" && !hit.said => {
                    replace = Some(i);
                    st.seen[k].statement = None;
                }
                _ if another_act => st.seen[k].acts.push((v, kind)),
                _ => {
                    st.log.note(
                        v,
                        format!(
                            "{}: {} → {} already coded by an earlier verb of the sentence",
                            hit.rule, key.0, key.1
                        ),
                    );
                    return None;
                }
            }
        } else {
            st.seen.push(Seen {
                key,
                statement: None,
                acts: vec![(v, kind)],
            });
        }
        if c.mood.modality == Modality::Hypothetical && !options.keep_hypothetical {
            st.log.note(
                v,
                format!(
                    "{}: hypothetical or obligated, not asserted; left out (use --keep-hypothetical)",
                    hit.rule
                ),
            );
            return None;
        }
        if c.mood.negated && !options.keep_negated {
            st.log.note(
                v,
                format!("{}: negated; left out (use --keep-negated)", hit.rule),
            );
            return None;
        }
        st.log.note(
            v,
            format!(
                "coded {code} {} → {} by {}; source \"{}\" ({}), target {}",
                s.code,
                t.map(|t| t.code.as_str()).unwrap_or("-"),
                hit.rule,
                s.text,
                hit.source_reason,
                t.map(|t| format!("\"{}\" ({})", t.text, hit.target_reason))
                    .unwrap_or_else(|| "none".into())
            ),
        );
        Some(replace)
    }

    /// The event of the verb at `v`, with its date and reporter.
    #[allow(clippy::too_many_arguments)]
    fn sentence_event(
        &self,
        st: &SentenceState,
        v: usize,
        s: &Mention,
        t: Option<&Mention>,
        code: &str,
        rule: &str,
        mood: &Mood,
        out: &[Event],
    ) -> Event {
        let (doc, si) = (st.doc, st.si);
        let verb_span = doc.tokens[st.range.start + v].span;
        let implied = is_implied(s);
        let mut span = if implied {
            verb_span
        } else {
            verb_span.cover(s.span)
        };
        if let Some(t) = t {
            span = span.cover(t.span);
        }
        let mut e = self.event(doc, si, s, t, code, span, rule, mood.modality, mood.negated);
        if implied {
            // The implied agent's evidence is the verb that implies it.
            e.source.text = verb_span.slice(&doc.text).to_string();
            e.source.span = verb_span;
            e.source.implied = true;
        }
        if let Some((value, source)) = event_date(doc, st.index, si, v, st.norms[v], span, out) {
            e.date = Some(value);
            e.date_source = Some(source);
        }
        if let Some(r) = reporter(&st.norms, &st.mentions, v) {
            if r.code != e.source.code {
                e.reported_by = Some(ActorRef {
                    code: r.code.clone(),
                    text: r.text.clone(),
                    span: r.span,
                    implied: false,
                });
            }
        }
        e
    }

    /// An event of sentence `si` dated by the article (see `dates` for better dates).
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
            implied: false,
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
            date_source: doc.date.map(|_| DateSource::Article),
            sentence: si,
            span,
            pattern: rule.to_string(),
            modality,
            negated,
            reported_by: None,
            confidence: None,
            decided_by: None,
            location: None,
        }
    }
}

/// Can this mention act in an event: a named actor, or (when `bare` agents may act) a
/// sector of public life no context placed ("police") or a social group (see
/// `social_group`).
fn acts(m: &Mention, bare: bool) -> bool {
    m.kind != MentionKind::Agent
        || (bare && (herald_lexicon::public_sector(&m.code) || social_group(m)))
}

/// Social groups that protest and are policed, named with no country: people,
/// students, workers, farmers, civilians ("Hundreds of students marched").
fn social_group(m: &Mention) -> bool {
    m.kind == MentionKind::Agent && matches!(m.code.as_str(), "PPL" | "EDU" | "LAB" | "AGR" | "CVL")
}

/// Whether the pairs of `hit` are a list acting on itself (every target one of the
/// sources) and an actor that is no member stands between the list and the verb at
/// document token `at`.
fn list_acts_past_another(st: &SentenceState, hit: &Hit, at: usize) -> bool {
    if hit.pairs.len() < 2 {
        return false;
    }
    let is_source = |m: &Mention| hit.pairs.iter().any(|d| std::ptr::eq(d.source, m));
    if !hit.pairs.iter().all(|d| d.target.is_some_and(is_source)) {
        return false;
    }
    let list_end = hit
        .pairs
        .iter()
        .map(|d| d.source.tokens.end)
        .max()
        .unwrap_or(at);
    st.mentions.iter().any(|m| {
        m.mention.tokens.start >= list_end && m.mention.tokens.end <= at && !is_source(m.mention)
    })
}

/// The kind of physical act a code is: protest (14), coercion (17) or violence
/// (18–20); `None` for other codes.
fn material_kind(code: &str) -> Option<&'static str> {
    match Ontology::root(code) {
        "14" => Some("protest"),
        "17" => Some("coercion"),
        "18" | "19" | "20" => Some("violence"),
        _ => None,
    }
}

/// Whether `code` is an act one side can do alone, with no target: protesting (14),
/// mobilising (15), yielding (08), coercing, assaulting or fighting (17–20), declining
/// to comment (011) and denying responsibility (016). (Not the other statements about a
/// situation, 012–015: news states moods, "Trump is frustrated", far more often than
/// a comment the verb would code.)
fn done_alone(code: &str) -> bool {
    matches!(
        Ontology::root(code),
        "08" | "14" | "15" | "17" | "18" | "19" | "20"
    ) || matches!(code.get(..3), Some("011" | "016"))
}

/// A one-actor event of a sentence is dropped when its actor takes part in one of the
/// sentence's dyadic events (the sentence relates that actor to someone, and the reading
/// without a target is a verb whose target went unfound, "Libya agreed with Britain and
/// criticised …", or the other side of a mutual act, "Russia and the U.S. agreed"), or when
/// its act is one done to someone (CAMEO 01–07, 09–13, 16) and no one was found.
fn drop_shadowed_one_actor_events(st: &mut SentenceState, first: usize, out: &mut Vec<Event>) {
    // A statement's target is often only someone its words mention ("officials said
    // people died in police firing"): the speaker takes part, the one mentioned not.
    let in_dyads: Vec<String> = out[first..]
        .iter()
        .filter_map(|e| e.target.as_ref().map(|t| (e, t)))
        .flat_map(|(e, t)| {
            let statement = Ontology::root(&e.code) == "01";
            std::iter::once(e.source.code.clone()).chain((!statement).then(|| t.code.clone()))
        })
        .collect();
    let mut i = first;
    while i < out.len() {
        // Acts toward someone (statements, consultations, cooperation, aid, demands,
        // accusations, threats: 01–07, 09–13, 16) with no one found are a target the
        // coder missed or another sense of the verb ("he met with little success").
        let vague = !done_alone(&out[i].code);
        if out[i].target.is_none() && (vague || in_dyads.contains(&out[i].source.code)) {
            let e = out.remove(i);
            let v = st.doc.tokens[st.range.clone()]
                .iter()
                .position(|t| t.span.start >= e.span.start)
                .unwrap_or(0);
            st.log.note(
                v,
                format!(
                    "{} {} → none dropped: no target, and {}",
                    e.code,
                    e.source.code,
                    if vague {
                        "its act is done to someone, and no one was found"
                    } else {
                        "the actor acts with a target elsewhere in the sentence"
                    }
                ),
            );
        } else {
            i += 1;
        }
    }
}

/// The agents an agentless passive of sentence `si` may imply, for each sector of the
/// ontology's table: first the one of the sentence's context country ("police" →
/// NGACOP; bare when the context gives none), then one for each country the sentence
/// names or places (for an act whose place is said: "was arrested in Lebanon"). They
/// stand in no text: no tokens, an empty span at the sentence's start.
fn implied_agents(
    ontology: &Ontology,
    doc: &Document,
    index: &BySentence,
    si: usize,
) -> Vec<Mention> {
    let sentence = &doc.sentences[si];
    let mut countries: Vec<(String, Option<CountryFrom>, String)> = vec![match &sentence.country {
        Some(c) => (c.code.clone(), Some(c.from), c.evidence.clone()),
        None => (String::new(), None, String::new()),
    }];
    let named = index
        .mentions(doc, si)
        .filter(|m| m.kind == MentionKind::Country && m.code.len() == 3)
        .map(|m| (m.code.clone(), m.text.clone()));
    let placed = index
        .locations(doc, si)
        .filter(|l| sentence.span.contains(l.span))
        .filter_map(|l| Some((l.country.clone()?, l.text.clone())));
    for (code, text) in named.chain(placed) {
        if !countries.iter().any(|(c, _, _)| *c == code) {
            countries.push((code, Some(CountryFrom::Place), text));
        }
    }
    let mut out = vec![Mention {
        text: "someone unnamed (implied)".to_string(),
        code: UNSAID.to_string(),
        span: Span::new(sentence.span.start, sentence.span.start),
        sentence: si,
        tokens: sentence.tokens.start..sentence.tokens.start,
        kind: MentionKind::Agent,
        entries: vec!["the unsaid agent of a passive".to_string()],
        country_from: None,
    }];
    for sector in ontology.implied_sectors() {
        let what = match sector {
            "COP" => "the police",
            "JUD" => "the courts",
            _ => "the sector",
        };
        for (country, from, evidence) in &countries {
            let why = match from {
                Some(f) => format!(
                    "{what} ({sector}), implied; country {country} from the {} (\"{evidence}\")",
                    f.as_str()
                ),
                None => format!("{what} ({sector}), implied"),
            };
            out.push(Mention {
                text: format!("{what} (implied)"),
                code: format!("{country}{sector}"),
                span: Span::new(sentence.span.start, sentence.span.start),
                sentence: si,
                tokens: sentence.tokens.start..sentence.tokens.start,
                kind: if from.is_some() {
                    MentionKind::Country
                } else {
                    MentionKind::Agent
                },
                entries: vec![why],
                country_from: *from,
            });
        }
    }
    out
}

/// The country of the place an act at `v` is said to happen in: an actor or place of
/// that country right after "in", "at" or "from" in the verb's clause ("was arrested in
/// Lebanon", "detained at Lagos airport").
fn place_of_act(st: &SentenceState, v: usize) -> Option<String> {
    let norms = &st.norms;
    let end = norms[v + 1..]
        .iter()
        .position(|w| matches!(*w, "," | ";" | ":"))
        .map_or(norms.len(), |p| v + 1 + p);
    let p = (v + 1..end).find(|&p| matches!(norms[p], "IN" | "AT" | "FROM" | "ACROSS" | "NEAR"))?;
    let word = if norms.get(p + 1) == Some(&"THE") {
        p + 2
    } else {
        p + 1
    };
    let doc = st.doc;
    let token = doc.tokens.get(st.range.start + word)?;
    st.index
        .mentions(doc, st.si)
        .find(|m| {
            m.tokens.start == st.range.start + word
                && m.kind == MentionKind::Country
                && m.code.len() == 3
        })
        .map(|m| m.code.clone())
        .or_else(|| {
            st.index
                .locations(doc, st.si)
                .find(|l| l.span.start == token.span.start)
                .and_then(|l| l.country.clone())
        })
}

/// The code of an agent a passive leaves unsaid ("were killed": by whom is not said).
const UNSAID: &str = "---";

/// Whether a mention is an implied agent (it has no words of its own).
fn is_implied(m: &Mention) -> bool {
    m.tokens.is_empty()
}
