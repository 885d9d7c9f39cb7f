//! herald's quotation stage: every quotation of a document with its speaker.
//!
//! GDELT records quotations without speakers; analysts need *who said what*. This crate
//! reads the segmented document (paragraphs, sentences, tokens) and its actor mentions and
//! returns [`Quote`]s: direct speech in quotation marks (straight, curly, guillemets,
//! multi-paragraph quotes, colon-introduced blocks, partial quotes inside indirect speech)
//! and indirect speech (`X said that …`), each with its speaker, the speaker's actor code
//! when a mention covers the name, and the reporting verb.
//!
//! Everything works on the tokens the text stage made: no re-tokenisation, no parse needed.

#![warn(missing_docs)]

mod speaker;
mod words;

use herald_core::{Document, Quote, Span, TokenKind};
use speaker::{Cand, Resolver};
use words::{is_reporting, reporting_verb_at};

/// Longest quotation (in words) that still counts as a scare quote when no reporting verb
/// is in its sentence.
const SCARE_MAX_WORDS: usize = 4;

/// All quotations of `doc`, in text order: direct ones from quotation marks, then indirect
/// speech in sentences that hold no direct quote, merged by position.
///
/// Needs `doc` segmented (`herald_text::segment`); actor mentions (`doc.mentions`) are used
/// when present to give speakers their codes and to resolve pronouns. A direct quote's
/// `span` excludes its marks; a quote running over paragraphs covers them all, and its
/// `text` joins the paragraphs with a blank line, without the reopening marks.
pub fn extract(doc: &Document) -> Vec<Quote> {
    let raw = direct_quotes(doc);
    let quoted: Vec<Span> = raw
        .iter()
        .flat_map(|r| r.segs.iter().map(|s| s.span))
        .collect();
    let mut res = Resolver::new(doc, quoted);
    let mut out: Vec<(usize, Quote)> = Vec::new();
    for rq in &raw {
        let (cand, verb, has_verb) = attribute(doc, rq, &res);
        let words = word_count(doc, rq);
        if words == 0 {
            continue;
        }
        // Scare quotes: short phrases in narration (a "no limits" partnership).
        if words <= SCARE_MAX_WORDS && !has_verb && !rq.intro {
            continue;
        }
        let at = rq.segs[0].span.start;
        let speaker = match cand {
            Some(c) => res.resolve(c),
            None if rq.continues_previous => res.speaker_before(at),
            None => None,
        };
        // A short phrase nobody is found to have said is a scare quote too.
        if words <= SCARE_MAX_WORDS && speaker.is_none() {
            continue;
        }
        let span = rq.segs[0].span.cover(rq.segs[rq.segs.len() - 1].span);
        if let Some(s) = &speaker {
            res.remember(span.end.max(s.speaker.span.end), s.clone());
        }
        let text = rq
            .segs
            .iter()
            .map(|s| doc.slice(s.span))
            .collect::<Vec<_>>()
            .join("\n\n");
        out.push((
            at,
            Quote {
                text,
                span,
                speaker: speaker.map(|s| s.speaker),
                verb,
                direct: true,
            },
        ));
    }
    // Indirect speech only where a reporting verb occurs; both lists are in text order, so
    // they are walked together.
    let quoted: Vec<Span> = out.iter().map(|(_, q)| q.span).collect();
    let mut qi = 0;
    for i in words::sentences_with_verbs(doc) {
        let s = &doc.sentences[i];
        while qi < quoted.len() && quoted[qi].end <= s.span.start {
            qi += 1;
        }
        if quoted[qi..]
            .iter()
            .take_while(|q| q.start < s.span.end)
            .any(|q| q.overlaps(s.span))
        {
            continue;
        }
        if let Some((cand, verb, clause)) = indirect(doc, i) {
            let Some(speaker) = res.resolve(cand) else {
                continue;
            };
            res.remember(clause.end.max(speaker.speaker.span.end), speaker.clone());
            out.push((
                clause.start,
                Quote {
                    text: doc.slice(clause).to_string(),
                    span: clause,
                    speaker: Some(speaker.speaker),
                    verb: Some(verb),
                    direct: false,
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, q)| q).collect()
}

/// One stretch of quoted words inside one paragraph.
#[derive(Debug, Clone)]
struct Seg {
    /// The quoted words, without the marks.
    span: Span,
    /// Token index of the opening mark.
    open: usize,
    /// Token index of the closing mark, `None` when the paragraph ended first.
    close: Option<usize>,
}

/// A direct quotation before attribution: one segment, or several for a quote running
/// over paragraphs.
#[derive(Debug)]
struct RawQuote {
    segs: Vec<Seg>,
    /// Starts a paragraph right after a paragraph ending with a colon.
    intro: bool,
    /// Starts a paragraph right after another quote: the same speaker goes on.
    continues_previous: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MarkKind {
    Straight,
    Low,
    Open,
    Close,
}

fn mark_kind(doc: &Document, t: usize) -> Option<MarkKind> {
    let tok = &doc.tokens[t];
    if tok.kind != TokenKind::Punct {
        return None;
    }
    // Read the text bytes rather than the token's heap-allocated norm: cheaper when
    // scanning sentences.
    let b = &doc.text.as_bytes()[tok.span.start..tok.span.end];
    Some(match b {
        b"\"" => MarkKind::Straight,
        [0xE2, 0x80, 0x9C] | [0xC2, 0xAB] => MarkKind::Open,
        [0xE2, 0x80, 0x9D] | [0xC2, 0xBB] => MarkKind::Close,
        [0xE2, 0x80, 0x9E] => MarkKind::Low,
        _ => return None,
    })
}

/// Token indices of the double quotation marks, found by scanning the text's bytes (far
/// cheaper than visiting every token) and mapped to the tokenizer's punctuation tokens.
fn mark_tokens(doc: &Document) -> Vec<usize> {
    let bytes = doc.text.as_bytes();
    let mut out = Vec::new();
    let mut lo = 0;
    for pos in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let is_mark = match bytes[pos] {
            b'"' => true,
            // “ ” „ are E2 80 9C/9D/9E; « » are C2 AB/BB.
            0xE2 => {
                bytes.get(pos + 1) == Some(&0x80) && matches!(bytes.get(pos + 2), Some(0x9C..=0x9E))
            }
            _ => matches!(bytes.get(pos + 1), Some(0xAB | 0xBB)),
        };
        if !is_mark {
            continue;
        }
        // Galloping search from the previous mark: marks are near each other and the
        // token array is cold in cache, so few probes beat a binary search over it all.
        let mut step = 1;
        let mut hi = lo;
        while hi < doc.tokens.len() && doc.tokens[hi].span.start < pos {
            lo = hi;
            hi += step;
            step *= 2;
        }
        let hi = hi.min(doc.tokens.len());
        let i = lo + doc.tokens[lo..hi].partition_point(|t| t.span.start < pos);
        lo = i;
        if i < doc.tokens.len() && doc.tokens[i].span.start == pos && mark_kind(doc, i).is_some() {
            out.push(i);
        }
    }
    out
}

/// True when the byte before `pos` (within the paragraph starting at `lo`) is a boundary a
/// quotation can open after: start, whitespace or opening punctuation.
fn boundary_before(text: &str, lo: usize, pos: usize) -> bool {
    pos <= lo
        || text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c))
}

fn boundary_after(text: &str, pos: usize, hi: usize) -> bool {
    pos >= hi
        || text[pos..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–".contains(c))
}

/// Quotation-mark pairing per paragraph, then chaining of paragraphs whose quote is left
/// open and whose next paragraph reopens it.
fn direct_quotes(doc: &Document) -> Vec<RawQuote> {
    let text = doc.text.as_str();
    let mut segs_by_para: Vec<(usize, Seg)> = Vec::new();
    let mut para_first_tok: Vec<Option<usize>> = vec![None; doc.paragraphs.len()];
    let mut cur_para = usize::MAX;
    let mut open: Option<(usize, MarkKind)> = None;
    let mut para_span = Span::default();
    let close_open = |open: &mut Option<(usize, MarkKind)>,
                      end: usize,
                      close: Option<usize>,
                      para: usize,
                      out: &mut Vec<(usize, Seg)>| {
        if let Some((o, _)) = open.take() {
            let start = doc.tokens[o].span.end;
            let end = start.max(trim_end(text, start, end));
            out.push((
                para,
                Seg {
                    span: Span::new(start, end),
                    open: o,
                    close,
                },
            ));
        }
    };
    for s in &doc.sentences {
        if let Some(f) = para_first_tok.get_mut(s.paragraph) {
            if !s.tokens.is_empty() {
                f.get_or_insert(s.tokens.start);
            }
        }
    }
    let mut si = 0;
    for t in mark_tokens(doc) {
        while si + 1 < doc.sentences.len() && doc.sentences[si].tokens.end <= t {
            si += 1;
        }
        let Some(sent) = doc.sentences.get(si) else {
            break;
        };
        if sent.paragraph != cur_para {
            if cur_para != usize::MAX {
                close_open(&mut open, para_span.end, None, cur_para, &mut segs_by_para);
            }
            cur_para = sent.paragraph;
            para_span = doc.paragraphs.get(cur_para).copied().unwrap_or(sent.span);
        }
        let Some(kind) = mark_kind(doc, t) else {
            continue;
        };
        let sp = doc.tokens[t].span;
        let opens = match (kind, open) {
            (MarkKind::Open | MarkKind::Low, None) => true,
            // „…“: the German closer is the English opener.
            (MarkKind::Open, Some((_, MarkKind::Low))) => false,
            (MarkKind::Open | MarkKind::Low, Some(_)) => true,
            (MarkKind::Close, _) => false,
            (MarkKind::Straight, cur) => {
                let b = boundary_before(text, para_span.start, sp.start);
                let a = boundary_after(text, sp.end, para_span.end);
                match (b, a) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => cur.is_none(),
                }
            }
        };
        if opens {
            // A new opener while one is open: the earlier quote lost its closing mark.
            close_open(&mut open, sp.start, None, cur_para, &mut segs_by_para);
            open = Some((t, kind));
        } else {
            close_open(&mut open, sp.start, Some(t), cur_para, &mut segs_by_para);
        }
    }
    if cur_para != usize::MAX {
        close_open(&mut open, para_span.end, None, cur_para, &mut segs_by_para);
    }

    let mut out: Vec<RawQuote> = Vec::new();
    let mut prev_para_quoted: Option<usize> = None;
    let mut i = 0;
    while i < segs_by_para.len() {
        let (p, first) = segs_by_para[i].clone();
        let starts_para = para_first_tok.get(p).copied().flatten() == Some(first.open);
        let starts_sentence = doc.sentences[sentence_of_token(doc, first.open)]
            .tokens
            .start
            == first.open;
        let mut segs = vec![first];
        let mut last_p = p;
        i += 1;
        // Multi-paragraph quote: left open, the next paragraph reopens at its start.
        while segs[segs.len() - 1].close.is_none() && i < segs_by_para.len() {
            let (np, ref ns) = segs_by_para[i];
            if np == last_p + 1 && para_first_tok.get(np).copied().flatten() == Some(ns.open) {
                segs.push(ns.clone());
                last_p = np;
                i += 1;
            } else {
                break;
            }
        }
        let intro = starts_para && p > 0 && paragraph_ends_with_colon(doc, p - 1);
        // `“…,” he said. “More.”` or a new paragraph of quote after a quote paragraph.
        let continues_previous =
            starts_sentence && prev_para_quoted.is_some_and(|q| q == p || q + 1 == p);
        prev_para_quoted = Some(last_p);
        out.push(RawQuote {
            segs,
            intro,
            continues_previous,
        });
    }
    out
}

/// The end of the quoted words: without trailing space, and without the comma that
/// belongs to the host sentence (`“…,” she said`).
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start
        + text[start..end]
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
            .len()
}

fn paragraph_ends_with_colon(doc: &Document, p: usize) -> bool {
    doc.paragraphs
        .get(p)
        .is_some_and(|sp| doc.slice(*sp).trim_end().ends_with(':'))
}

fn sentence_of_token(doc: &Document, t: usize) -> usize {
    doc.sentences
        .partition_point(|s| s.tokens.end <= t)
        .min(doc.sentences.len().saturating_sub(1))
}

fn word_count(doc: &Document, rq: &RawQuote) -> usize {
    let mut n = 0;
    for s in &rq.segs {
        let lo = s.open + 1;
        let hi = s.close.unwrap_or_else(|| {
            let si = sentence_of_token(doc, s.open);
            let para = doc.sentences[si].paragraph;
            let mut j = si;
            while j + 1 < doc.sentences.len() && doc.sentences[j + 1].paragraph == para {
                j += 1;
            }
            doc.sentences[j].tokens.end
        });
        n += doc.tokens[lo..hi.max(lo)]
            .iter()
            .filter(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Number)
            .count();
    }
    n
}

/// Finds the speaker of a direct quote: a reporting clause before it in its sentence
/// (partial quotes in indirect speech), an attribution after it, or the colon-ended
/// paragraph introducing it. Returns the candidate, the verb, and whether a reporting
/// verb stands outside the quote in its sentence.
fn attribute(
    doc: &Document,
    rq: &RawQuote,
    _res: &Resolver,
) -> (Option<Cand>, Option<String>, bool) {
    let first = &rq.segs[0];
    let s0 = sentence_of_token(doc, first.open);
    let sent = &doc.sentences[s0];
    // Before: from the sentence start, or the last mark before this quote in the sentence.
    let mut lo = sent.tokens.start;
    for t in (sent.tokens.start..first.open).rev() {
        if mark_kind(doc, t).is_some() {
            lo = t + 1;
            break;
        }
    }
    let mut has_verb = false;
    let mut before: Option<(Cand, String)> = None;
    let mut t = first.open;
    while t > lo {
        t -= 1;
        if let Some((verb, len)) = reporting_verb_at(doc, t, first.open) {
            has_verb = true;
            if let Some(c) = speaker::for_verb(doc, lo, t, len, first.open) {
                before = Some((c, verb));
                break;
            }
        }
    }
    if let Some((c, v)) = before {
        return (Some(c), Some(v), true);
    }
    // After: the words following each closing mark, up to the end of that sentence.
    for seg in &rq.segs {
        let Some(close) = seg.close else { continue };
        let sc = sentence_of_token(doc, close);
        let mut end = doc.sentences[sc].tokens.end;
        // `“…won't we?” McConnell said.`: the splitter ended the sentence at the mark.
        if close + 1 == end {
            if let Some(next) = doc.sentences.get(sc + 1) {
                if next.paragraph == doc.sentences[sc].paragraph && next.tokens.len() <= 12 {
                    end = next.tokens.end;
                }
            }
        }
        let mut hi = end;
        for t in close + 1..end {
            if mark_kind(doc, t).is_some() {
                hi = t;
                break;
            }
        }
        let window = (close + 1 + 9).min(hi);
        for t in close + 1..window {
            if let Some((verb, len)) = reporting_verb_at(doc, t, hi) {
                has_verb = true;
                if let Some(c) = speaker::for_verb(doc, close + 1, t, len, hi) {
                    return (Some(c), Some(verb), true);
                }
            }
        }
        if (close + 1..hi).any(|t| is_reporting(&doc.tokens[t].norm)) {
            has_verb = true;
        }
    }
    if rq.intro {
        let p = doc.sentences[s0].paragraph - 1;
        if let Some(ps) = doc.sentences.iter().rposition(|s| s.paragraph == p) {
            let r = doc.sentences[ps].tokens.clone();
            // "X said:" or "X, reporting from Y, on Z:" — the reporting clause or the name.
            for t in r.clone().rev() {
                if let Some((verb, len)) = reporting_verb_at(doc, t, r.end) {
                    if let Some(c) = speaker::for_verb(doc, r.start, t, len, r.end) {
                        return (Some(c), Some(verb), true);
                    }
                }
            }
            if let Some(c) = speaker::leading_name(doc, r.start, r.end) {
                return (Some(c), None, has_verb);
            }
        }
    }
    (None, None, has_verb)
}

/// Indirect speech in sentence `i`: `X said (that) …`, `X told Y that …`, or a clause
/// followed by `, X said` / `, according to X`. Returns the speaker candidate, the verb
/// and the reported clause.
fn indirect(doc: &Document, i: usize) -> Option<(Cand, String, Span)> {
    let r = doc.sentences[i].tokens.clone();
    if r.is_empty() {
        return None;
    }
    // Clause end: the sentence without its final punctuation.
    let mut end_tok = r.end;
    while end_tok > r.start && doc.tokens[end_tok - 1].kind == TokenKind::Punct {
        end_tok -= 1;
    }
    for t in r.clone() {
        let Some((verb, len)) = reporting_verb_at(doc, t, r.end) else {
            continue;
        };
        if verb == "according to" {
            continue;
        }
        let Some(clause_start) = words::clause_after(doc, t, len, end_tok) else {
            continue;
        };
        if clause_start >= end_tok {
            continue;
        }
        let Some(c) = speaker::subject_before(doc, r.start, t) else {
            continue;
        };
        let span = Span::new(
            doc.tokens[clause_start].span.start,
            doc.tokens[end_tok - 1].span.end,
        );
        return Some((c, verb, span));
    }
    // Trailing attribution: `…, the Kremlin said on Friday.`, `…, says X, director of Y.`
    // The verb comes at most 7 tokens after a comma, in the sentence's last 25 tokens.
    let tail = end_tok.saturating_sub(25).max(r.start + 1);
    for t in tail..end_tok {
        let Some((verb, len)) = reporting_verb_at(doc, t, end_tok) else {
            continue;
        };
        let Some(comma) = (t.saturating_sub(7).max(r.start + 1)..t)
            .rev()
            .find(|&c| doc.tokens[c].norm == ",")
        else {
            continue;
        };
        let Some(c) = speaker::for_verb(doc, comma + 1, t, len, end_tok) else {
            continue;
        };
        let span = Span::new(
            doc.tokens[r.start].span.start,
            doc.tokens[comma - 1].span.end,
        );
        return Some((c, verb, span));
    }
    None
}

#[cfg(test)]
mod tests;
