//! When an event happened: the date of a time expression of its clause (through the
//! parse), else the nearest of its sentence, else the date of the story's last dated past
//! event just before (narrative time); else the coder keeps the publication date
//! (`Coder::event`).

use crate::by_sentence::BySentence;
use crate::words::past_form;
use herald_core::{DateSource, Document, Event, Span};

/// The date of the event of the verb at sentence token `v` (verb `verb`, evidence `span`)
/// and where it comes from (its clause, its sentence or the context), if not the article.
/// `earlier`: the events coded so far, for narrative time.
pub(crate) fn event_date(
    doc: &Document,
    index: &BySentence,
    si: usize,
    v: usize,
    verb: &str,
    span: Span,
    earlier: &[Event],
) -> Option<(String, DateSource)> {
    if let Some(value) = clause_date(doc, index, si, v) {
        Some((value, DateSource::Clause))
    } else if let Some(value) = sentence_date(doc, index, si, span, v) {
        Some((value, DateSource::Sentence))
    } else {
        narrative_date(doc, index, si, verb, earlier).map(|value| (value, DateSource::Context))
    }
}

/// The date of the time expression that modifies the clause of the verb at sentence
/// token `v`, found through the parse: from the expression's head, climb the tree; the
/// first verb reached must be `v` ("… when Putin was visiting Beijing in February 2022").
fn clause_date(doc: &Document, index: &BySentence, si: usize, v: usize) -> Option<String> {
    let sent = &doc.sentences[si];
    sent.syntax.as_ref()?;
    index
        .times(doc, si)
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
fn sentence_date(
    doc: &Document,
    index: &BySentence,
    si: usize,
    span: Span,
    v: usize,
) -> Option<String> {
    let sent = doc.sentences[si].span;
    index
        .times(doc, si)
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

/// Narrative time: a past-tense event in a sentence without a date of its own happened
/// when the story's last dated past event did, if that was in one of the two sentences
/// before ("On Thursday, X said … Y told Z that … W spoke the same day with …").
fn narrative_date(
    doc: &Document,
    index: &BySentence,
    si: usize,
    verb: &str,
    earlier: &[Event],
) -> Option<String> {
    let past = past_form(verb);
    if !past {
        return None;
    }
    let sent = doc.sentences[si].span;
    if index
        .times(doc, si)
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
                    e.date_source,
                    Some(DateSource::Clause | DateSource::Sentence | DateSource::Context)
                )
                && e.date
                    .as_deref()
                    .is_some_and(|d| published.as_deref().is_none_or(|p| d < p))
        })
        .and_then(|e| e.date.clone())
}
