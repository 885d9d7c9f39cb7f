//! Candidates: what a word of the sentence must be to code an event (a verb form of the
//! dictionary used as a verb, or an event noun), and what trying one yields (`Hit`): a
//! code and the dyads it applies to.

use crate::placement::VerbActors;
use crate::placement::{default_actors, with_conjuncts, MentionAt};
use crate::words::{
    determiner, is_auxiliary, past_form, true_preposition, NUMBER_WORDS, REFUSALS, REJECT_CODE,
};
use crate::{nouns, Coder, Options, VerbRef};
use herald_core::{Mention, TokenSyntax};
use herald_lexicon::CodePair;

/// A source acting on a target (none when the verb has no object).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dyad<'m> {
    pub source: &'m Mention,
    pub target: Option<&'m Mention>,
}

/// The outcome for one candidate verb or noun: a code and the dyads it applies to.
pub(crate) struct Hit<'m> {
    pub code: CodePair,
    /// The rule that gave the code, as explanations and `Event::pattern` show it.
    pub rule: String,
    pub pairs: Vec<Dyad<'m>>,
    /// Why the source is the source, why the target the target (for explanations).
    pub source_reason: &'static str,
    pub target_reason: &'static str,
    /// The first token a pattern matched before the verb, if it matched any.
    pub pattern_start: Option<usize>,
    /// Coded by a pattern of a verb of saying ("said … support": 032): a later verb of
    /// the sentence that codes the same dyad replaces it, as it replaces a statement.
    pub said: bool,
    /// Rank among the hits of a verb listed in several blocks: a pattern by how specific
    /// it is (2, words, elements), a verb's own code (1, 0, 0), a block default (0, 0, 0).
    pub priority: (u8, usize, usize),
    /// For a verb in an agentless passive ("were arrested"), its subject's mentions:
    /// the coder may give the act its implied agent (see `sentence::implied_agent`).
    pub passive: Option<Passive<'m>>,
}

/// An agentless passive's subject ("forty protesters were arrested"), and whether "be"
/// (or "get") marks it rather than a bare participle.
pub(crate) struct Passive<'m> {
    pub subject: Vec<&'m Mention>,
    pub with_be: bool,
    /// In a relative clause ("militants who were shot dead"): coded only with an implied
    /// agent or as harm to the subject, never with the subject acting.
    pub background: bool,
    /// A "by" phrase names an agent that is no actor ("prosecuted by a safety
    /// regulator"): the act is still done to the subject, but no sector is implied.
    pub agent_named: bool,
}

/// Actors a verb takes from another verb of its sentence.
#[derive(Default)]
pub(crate) struct Inherit {
    /// The verb whose subject is this verb's subject too.
    pub subject_of: Option<usize>,
    /// Targets, when the verb finds none of its own.
    pub targets: Vec<usize>,
}

impl<'m> Hit<'m> {
    pub(crate) fn new(
        code: CodePair,
        rule: String,
        sources: &[usize],
        targets: &[usize],
        mentions: &[MentionAt<'m>],
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
        let country = |i: usize| mentions[i].mention.code.get(..3);
        let inward = sources.len() >= 2
            && !targets.is_empty()
            && targets
                .iter()
                .all(|&t| sources.iter().any(|&s| country(s) == country(t)));
        if sources.len() >= 2 && ((targets.is_empty() && (mutual || each_other)) || inward) {
            for &a in sources {
                for &b in sources {
                    if a != b {
                        pairs.push(Dyad {
                            source: mentions[a].mention,
                            target: Some(mentions[b].mention),
                        });
                    }
                }
            }
        } else {
            let ts: Vec<Option<&Mention>> = if targets.is_empty() {
                vec![None]
            } else {
                targets.iter().map(|&i| Some(mentions[i].mention)).collect()
            };
            for &s in sources {
                for t in &ts {
                    pairs.push(Dyad {
                        source: mentions[s].mention,
                        target: *t,
                    });
                }
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
            passive: None,
        }
    }
}

/// Without a parse, a verb form right after a determiner (or a determiner and one
/// modifier) is taken for a noun: "a state visit", "the talks", "its support".
pub(crate) fn looks_like_noun(norms: &[&str], v: usize) -> bool {
    let prev = |k: usize| v.checked_sub(k).map(|i| norms[i]);
    if prev(1).is_some_and(determiner) {
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
    // "more than 400 arrests", "two attacks": a plural after a count is its noun.
    let count = |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w);
    if norms[v].ends_with('S') && prev(1).is_some_and(count) {
        return true;
    }
    // "a heavily armed minority": a participle between a determiner and its noun.
    if past && prev(1).is_some_and(|w| w.ends_with("LY")) && prev(2).is_some_and(determiner) {
        return true;
    }
    // "a state visit", "the peace talks"; but "the army invaded": past forms stay verbs.
    !past
        && matches!((prev(2), prev(1)), (Some(d), Some(m)) if determiner(d)
            && m.chars().all(|c| c.is_alphabetic() || c == '-')
            && !is_auxiliary(m)
            && !matches!(m, "NOT" | "ALSO" | "JUST" | "NEVER"))
}

/// Whether the ";" at byte `at` of `text` ends an HTML character reference written
/// without spaces ("&amp;", "&#38;").
pub(crate) fn closes_entity(text: &str, at: usize) -> bool {
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

impl Coder {
    /// Try the event noun ending at token `v`: its possessor or the subject of the light
    /// verb it is the object of is the source, the actor after its preposition the target.
    pub(crate) fn try_noun<'m>(
        &self,
        norms: &[&str],
        mentions: &[MentionAt<'m>],
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
                let s = default_actors(norms, mentions, lv, lv + 1).source;
                (s, "the subject of the verb that takes the noun")
            }
            // "More than 400 arrests have been made": an act of coercion a passive light
            // verb reports, with no actor, has the agent its sector implies, as an
            // agentless passive does (see `sentence::implied_agent`). (A bare "the
            // arrest of" is as often the background of another act: "protested the
            // arrest of".)
            None if n.code.starts_with("17") && nouns::made_in_passive(norms, nh.end) => {
                let mut hit = Hit::new(code, rule, &[], &target, mentions, false);
                hit.passive = Some(Passive {
                    subject: target.iter().map(|&i| mentions[i].mention).collect(),
                    with_be: true,
                    background: false,
                    agent_named: false,
                });
                hit.target_reason = "the actor after the noun's preposition";
                return Ok(hit);
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

    /// Try one listing `r` of the verb at token `v`: choose actors, match patterns,
    /// decide the code.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn try_verb<'m>(
        &self,
        norms: &[&str],
        syn: Option<&[TokenSyntax]>,
        mentions: &[MentionAt<'m>],
        v: usize,
        r: VerbRef,
        inherit: &Inherit,
        options: &Options,
    ) -> Result<Hit<'m>, String> {
        let after_verb = self.listing_fits(norms, v, r)?;
        let actors = self.verb_actors(norms, syn, mentions, v, after_verb, inherit, options);
        let passive = actors.passive.as_ref().map(|p| Passive {
            subject: p.subject.iter().map(|&i| mentions[i].mention).collect(),
            with_be: p.with_be,
            background: p.background,
            agent_named: p.agent_named,
        });
        let mut hit = match self.match_patterns(norms, mentions, v, after_verb, r, &actors, options)
        {
            Some(hit) => hit,
            None => self.listing_code(norms, mentions, v, after_verb, r, actors)?,
        };
        hit.passive = passive;
        Ok(hit)
    }

    /// The code of listing `r` itself (its own, else its block's default) for the verb at
    /// `v` when none of the block's patterns matched.
    fn listing_code<'m>(
        &self,
        norms: &[&str],
        mentions: &[MentionAt<'m>],
        v: usize,
        after_verb: usize,
        r: VerbRef,
        actors: VerbActors,
    ) -> Result<Hit<'m>, String> {
        let block = &self.lexicon.dict.verbs[r.block];
        let verb = &block.verbs[r.verb];
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
        let mut hit = Hit::new(
            code,
            rule,
            &actors.source,
            &actors.target,
            mentions,
            actors.each_other,
        );
        hit.source_reason = actors.source_reason;
        hit.target_reason = actors.target_reason;
        if verb.code.is_some() {
            hit.priority = (1, 0, 0);
        }
        Ok(hit)
    }

    /// A verb's base form ("support", "defend"), as a bare infinitive may be.
    pub(crate) fn is_base_verb(&self, w: &str) -> bool {
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
    pub(crate) fn infinitive_at(&self, norms: &[&str], i: usize) -> bool {
        norms.get(i) == Some(&"TO") && norms.get(i + 1).is_some_and(|w| self.is_base_verb(w))
    }
}
