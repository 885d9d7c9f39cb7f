//! Matching a verb listing's patterns, in PETRARCH's pattern language: words (stems
//! unless they end in `_`), `&SYNSETS`, `$` source, `+` target, `%` compound, `^` skip,
//! `(prepositional groups)` and `{adjacent phrases}`, and how specific a pattern is.

use crate::candidates::Hit;
use crate::placement::{MentionAt, VerbActors};
use crate::{Coder, Options, VerbRef};
use herald_lexicon::{Ontology, Pattern, PatternElem};

/// How specific a pattern is: its words (a content word counting twice a bare
/// preposition: "* BRIDGE" says more than "* (FROM)"), then all its elements.
pub(crate) fn specificity(p: &Pattern) -> (usize, usize) {
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

impl Coder {
    /// Whether listing `r` fits the words around the verb at `v` (a multi-word verb's
    /// prefix words right before it, its particles within two tokens after), and where
    /// the words after the verb begin.
    pub(crate) fn listing_fits(
        &self,
        norms: &[&str],
        v: usize,
        r: VerbRef,
    ) -> Result<usize, String> {
        let verb = &self.lexicon.dict.verbs[r.block].verbs[r.verb];
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
        Ok(after_verb)
    }

    /// The block patterns of listing `r` (most specific first) tried on the verb at `v`:
    /// the first that matches gives the hit.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn match_patterns<'m>(
        &self,
        norms: &[&str],
        mentions: &[MentionAt<'m>],
        v: usize,
        after_verb: usize,
        r: VerbRef,
        actors: &VerbActors,
        options: &Options,
    ) -> Option<Hit<'m>> {
        let block = &self.lexicon.dict.verbs[r.block];
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
                return Some(hit);
            }
            let (src, tgt) = if m.compound {
                // The compound slot's actor with its conjuncts, acting on one another.
                let i = m.source.unwrap_or_default();
                let list = if actors.source.contains(&i) {
                    actors.source.clone()
                } else {
                    vec![i]
                };
                (list, Vec::new())
            } else {
                (
                    m.source
                        .map(|i| vec![i])
                        .unwrap_or_else(|| actors.source.clone()),
                    m.target
                        .map(|i| vec![i])
                        .unwrap_or_else(|| actors.target.clone()),
                )
            };
            let mut hit = Hit::new(
                p.code.clone(),
                rule,
                &src,
                &tgt,
                mentions,
                actors.each_other || m.compound,
            );
            hit.source_reason = if m.source.is_some() {
                "the pattern's $ slot"
            } else {
                actors.source_reason
            };
            hit.target_reason = if m.target.is_some() {
                "the pattern's + slot"
            } else {
                actors.target_reason
            };
            hit.pattern_start = m.before_start;
            let (w, n) = specificity(p);
            hit.priority = (2, w, n);
            hit.said = block
                .code
                .as_ref()
                .and_then(|c| c.primary.as_deref())
                .is_some_and(|c| Ontology::root(c) == "01");
            return Some(hit);
        }
        None
    }

    /// Where pattern word or synset `elem` ends when it matches at token `at`.
    fn word_matches(&self, elem: &PatternElem, norms: &[&str], at: usize) -> Option<usize> {
        match elem {
            PatternElem::Word { word, stem } => {
                let t = norms.get(at)?;
                let ok = *t == word || (*stem && inflects(t, word));
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
                        t == w || (p.stem && k + 1 == n && inflects(t, w))
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
        mentions: &[MentionAt],
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
                        .position(|m| m.start >= pos && m.start <= pos + gap)
                    else {
                        return false;
                    };
                    m.fill(e, i);
                    pos = mentions[i].end;
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

    /// Match a group starting exactly at `start`; inside `(...)` small gaps are allowed,
    /// inside `{...}` none.
    fn match_tight(
        &self,
        elems: &[PatternElem],
        norms: &[&str],
        mentions: &[MentionAt],
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
                    let i = mentions.iter().position(|&MentionAt { start: s, .. }| {
                        s >= pos && s <= pos + gap.max(1)
                    })?;
                    m.fill(e, i);
                    pos = mentions[i].end;
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
        mentions: &[MentionAt],
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
                        match mentions.iter().position(
                            |&MentionAt {
                                 start: s, end: me, ..
                             }| s == start && me <= end,
                        ) {
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

/// What a pattern's slots matched.
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

/// True for a pattern word that is a preposition: it attaches to the nearest verb, so it
/// is looked for in the coded verb's own clause only.
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
pub(crate) fn first_of(norms: &[&str], pos: usize, upto: usize, stops: &[&str]) -> usize {
    (pos..upto.min(norms.len()))
        .find(|&i| stops.contains(&norms[i]))
        .unwrap_or(upto)
}

/// Whether `t` is the stem `stem` (a dictionary word without a final "_") with an
/// ending: "WAR" matches "WARS" and "WARFARE"'s own entry, not "WARSAW"; "ATTACK" matches
/// "ATTACKED", "ATTACKERS". Endings are inflections and the commonest derivations.
fn inflects(t: &str, stem: &str) -> bool {
    stem.len() >= 3
        && t.strip_prefix(stem).is_some_and(|rest| {
            matches!(
                rest,
                "" | "S"
                    | "ES"
                    | "D"
                    | "ED"
                    | "ING"
                    | "INGS"
                    | "ER"
                    | "ERS"
                    | "OR"
                    | "ORS"
                    | "AL"
                    | "ALS"
                    | "ION"
                    | "IONS"
                    | "MENT"
                    | "MENTS"
                    | "Y"
                    | "IES"
                    | "LY"
                    | "E"
            )
        })
}

#[cfg(test)]
mod stem_tests {
    use super::inflects;

    #[test]
    fn a_stem_takes_endings_not_other_words() {
        assert!(inflects("WARS", "WAR"));
        assert!(inflects("ATTACKERS", "ATTACK"));
        assert!(inflects("NEGOTIATIONS", "NEGOTIAT"));
        assert!(!inflects("WARSAW", "WAR"));
        assert!(!inflects("WARDEN", "WAR"));
    }
}
