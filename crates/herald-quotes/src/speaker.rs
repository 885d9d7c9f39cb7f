//! Speaker phrases next to a reporting verb, their actor codes, and pronoun resolution.

use crate::words::{is_function_word, is_skippable, is_title, pronoun, starts_lower, starts_upper};
use herald_core::{Document, Mention, MentionKind, Span, Speaker, TokenKind};

/// What a speaker can be, for matching pronouns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A person (he, she).
    Person,
    /// An organisation, country or government body (it, they).
    Body,
    /// Not known: matches any pronoun.
    Unknown,
}

/// A speaker as found next to the verb, before pronouns are resolved.
#[derive(Clone, Debug)]
pub(crate) enum Cand {
    /// A name or noun phrase.
    Name(Resolved),
    /// A pronoun (`true` for he/she) at a byte offset, with the actor stage's coreference
    /// mention for it, used when no earlier speaker or mention fits.
    Pronoun(bool, Option<Resolved>, usize),
}

/// A speaker with the kind used to match later pronouns.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub(crate) speaker: Speaker,
    kind: Kind,
}

const MAX_NAME_TOKENS: usize = 6;

/// The mention whose tokens hold token `t`.
fn mention_at(doc: &Document, t: usize) -> Option<&Mention> {
    let i = doc.mentions.partition_point(|m| m.tokens.start <= t);
    doc.mentions[..i]
        .iter()
        .rev()
        .take(3)
        .find(|m| m.tokens.contains(&t))
}

/// The actor stage's mention on a pronoun, if it resolved one.
fn coref(doc: &Document, t: usize) -> Option<Resolved> {
    mention_at(doc, t).map(|m| from_mention(doc, m))
}

fn kind_of(m: &Mention) -> Kind {
    match m.kind {
        MentionKind::Person => Kind::Person,
        MentionKind::Country | MentionKind::Metonym | MentionKind::Organization => Kind::Body,
        MentionKind::Agent | MentionKind::Coreference => Kind::Unknown,
    }
}

/// A speaker from a mention: the name without titles for people (`Russian President
/// Vladimir Putin` → `Vladimir Putin`), without a leading article for bodies.
fn from_mention(doc: &Document, m: &Mention) -> Resolved {
    let r = m.tokens.clone();
    let mut start = r.start;
    if m.kind == MentionKind::Person {
        let mut s = r.end;
        while s > r.start {
            let t = s - 1;
            let n = doc.tokens[t].norm.as_str();
            if !starts_upper(doc, t) || is_title(n) || n.starts_with('\'') {
                break;
            }
            s = t;
        }
        if s < r.end {
            start = s;
        }
    } else if r.len() > 1 && doc.tokens[r.start].norm == "THE" {
        start = r.start + 1;
    }
    let span = if start == r.start {
        m.span
    } else {
        Span::new(doc.tokens[start].span.start, m.span.end)
    };
    Resolved {
        speaker: Speaker {
            name: doc.slice(span).to_string(),
            code: Some(m.code.clone()),
            span,
        },
        kind: kind_of(m),
    }
}

/// A speaker from the tokens `a..b`: coded by a mention overlapping it, else by the
/// possessor before it (`Al Jazeera's Katrina Yu` takes Al Jazeera's code).
fn from_tokens(doc: &Document, a: usize, b: usize, kind: Kind) -> Resolved {
    let span = Span::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end);
    let mut code = (a..b)
        .find_map(|t| mention_at(doc, t))
        .map(|m| m.code.clone());
    if code.is_none() && a >= 2 && doc.tokens[a - 1].norm == "'S" {
        code = mention_at(doc, a - 2).map(|m| m.code.clone());
    }
    Resolved {
        speaker: Speaker {
            name: doc.slice(span).to_string(),
            code,
            span,
        },
        kind,
    }
}

/// A speaker from a run of capitalised words `a..b` that may hold mentions and titles
/// (`Democratic Senator Corey Booker`, `Senate Judiciary Committee Chairman Lindsey
/// Graham`): a person mention inside wins; else the words after the last title, coded by
/// a mention in the run; else the whole run (an organisation's name).
fn from_name_run(doc: &Document, a: usize, b: usize) -> Resolved {
    let mut t = a;
    let mut code_mention: Option<&Mention> = None;
    while t < b {
        if let Some(m) = mention_at(doc, t) {
            if m.kind == MentionKind::Person && m.tokens.end <= b && m.tokens.start >= a {
                return from_mention(doc, m);
            }
            if m.tokens.start <= a && m.tokens.end >= b {
                return from_mention(doc, m);
            }
            code_mention.get_or_insert(m);
            t = m.tokens.end.max(t + 1);
        } else {
            t += 1;
        }
    }
    let last_title = (a..b).rev().find(|&t| is_title(&doc.tokens[t].norm));
    let start = match last_title {
        Some(lt) if lt + 1 < b => lt + 1,
        _ => a,
    };
    let mut r = from_tokens(doc, start, b, Kind::Unknown);
    if r.speaker.code.is_none() {
        r.speaker.code = code_mention.map(|m| m.code.clone());
    }
    if start > a {
        r.kind = Kind::Person;
    }
    r
}

/// The speaker for the reporting verb at `v` (`len` tokens): the phrase before it
/// (`the Kremlin said`), or after it when nothing stands before it in `lo..v`
/// (`said Putin`, `according to X`).
pub(crate) fn for_verb(doc: &Document, lo: usize, v: usize, len: usize, hi: usize) -> Option<Cand> {
    let has_words_before = (lo..v).any(|t| doc.tokens[t].kind == TokenKind::Word);
    if len == 1 && has_words_before {
        subject_before(doc, lo, v)
    } else if len == 1 && !inverts(&doc.tokens[v].norm) {
        // `…, told The Hill that`, `…, acknowledged the tricky line`: after these verbs
        // comes an addressee or an object, not the speaker.
        None
    } else {
        subject_after(doc, v + len, hi)
    }
}

/// Verbs whose speaker may follow them (`said Putin`, `asked Haynes`).
fn inverts(norm: &str) -> bool {
    matches!(
        norm,
        "SAID"
            | "SAYS"
            | "SAY"
            | "ADDED"
            | "ADDS"
            | "WROTE"
            | "WRITES"
            | "TWEETED"
            | "TWEETS"
            | "EXPLAINED"
            | "EXPLAINS"
            | "REPLIED"
            | "ASKED"
            | "ASKS"
            | "INSISTED"
            | "INSISTS"
    )
}

/// The speaker phrase ending right before the verb at `v`, not reaching before `lo`.
pub(crate) fn subject_before(doc: &Document, lo: usize, v: usize) -> Option<Cand> {
    // `when all was said and done`: a passive has no speaker before it.
    if v > lo
        && matches!(
            doc.tokens[v - 1].norm.as_str(),
            "WAS" | "WERE" | "IS" | "ARE" | "BE" | "BEEN" | "BEING"
        )
    {
        return None;
    }
    let mut j = v;
    while j > lo && mention_at(doc, j - 1).is_none() && is_skippable(doc, j - 1) {
        j -= 1;
    }
    // `X on Wednesday said`, `X last month said`: a time adjunct before the verb.
    if j > lo && is_day(&doc.tokens[j - 1].norm) {
        j -= 1;
        if j > lo && matches!(doc.tokens[j - 1].norm.as_str(), "ON" | "LAST" | "THIS") {
            j -= 1;
        }
    } else if j > lo + 1
        && matches!(doc.tokens[j - 1].norm.as_str(), "WEEK" | "MONTH" | "YEAR")
        && matches!(doc.tokens[j - 2].norm.as_str(), "LAST" | "THIS")
    {
        j -= 2;
    }
    if j == lo {
        return None;
    }
    let e = j - 1;
    let tok = &doc.tokens[e];
    if tok.norm == "," {
        return apposition_subject(doc, lo, e);
    }
    // `Trump's tweets:` — a possessive before the word makes it a noun; `hasn't told`.
    if tok.kind != TokenKind::Word || tok.norm.starts_with('\'') || tok.norm.ends_with("N'T") {
        return None;
    }
    if let Some(p) = pronoun(&tok.norm) {
        return Some(Cand::Pronoun(p, coref(doc, e), tok.span.start));
    }
    // `Donald Tusk, who told reporters`: the name before the relative pronoun.
    if tok.norm == "WHO" && e > lo + 1 && doc.tokens[e - 1].norm == "," {
        return match subject_before(doc, lo, e - 1) {
            Some(c @ Cand::Name(_)) => Some(c),
            _ => None,
        };
    }
    if is_function_word(&tok.norm) {
        return None;
    }
    if let Some(m) = mention_at(doc, e) {
        if m.tokens.start >= lo {
            if m.kind == MentionKind::Country {
                if let Some(c) = head_before_place(doc, lo, m.tokens.start) {
                    return Some(c);
                }
            }
            return Some(Cand::Name(from_mention(doc, m)));
        }
    }
    let mut a = e;
    if starts_upper(doc, e) {
        while a > lo && e + 1 - a < MAX_NAME_TOKENS && is_name_word(doc, a - 1) {
            a -= 1;
        }
        if let Some(c) = head_before_place(doc, lo, a) {
            return Some(c);
        }
        return Some(Cand::Name(from_name_run(doc, a, e + 1)));
    }
    // `his past claims that`: a noun after a possessive, not a speaker.
    if is_function_word(&tok.norm)
        || (e > lo
            && matches!(
                doc.tokens[e - 1].norm.as_str(),
                "HIS" | "HER" | "ITS" | "THEIR" | "OUR" | "MY" | "YOUR"
            ))
    {
        return None;
    }
    while a > lo && e + 1 - a < 3 && is_noun_word(doc, a - 1) {
        a -= 1;
    }
    Some(Cand::Name(from_tokens(doc, a, e + 1, Kind::Unknown)))
}

/// `Vela, a Democrat from Texas, said` / `Faiz Shakir, Sanders’ campaign manager, said`:
/// the speaker before an apposition that ends with the comma at `comma`.
fn apposition_subject(doc: &Document, lo: usize, comma: usize) -> Option<Cand> {
    let floor = lo.max(comma.saturating_sub(15));
    let open = (floor..comma).rev().find(|&t| doc.tokens[t].norm == ",")?;
    if open <= lo {
        return None;
    }
    match subject_before(doc, lo, open) {
        Some(Cand::Name(r)) => Some(Cand::Name(r)),
        _ => None,
    }
}

/// `Rep. Filemon Vela of Texas said`, `A lawmaker in Wyoming said`: when the phrase at
/// `a` follows `of`/`in`/`from`, the speaker is the phrase before that preposition.
fn head_before_place(doc: &Document, lo: usize, a: usize) -> Option<Cand> {
    if a < lo + 2 || !matches!(doc.tokens[a - 1].norm.as_str(), "OF" | "IN" | "FROM") {
        return None;
    }
    let prev = a - 2;
    if !(is_name_word(doc, prev) || is_noun_word(doc, prev)) {
        return None;
    }
    match subject_before(doc, lo, a - 1) {
        Some(c @ Cand::Name(_)) => Some(c),
        _ => None,
    }
}

/// The speaker phrase starting at `s` (after an inverted verb: `said Putin`).
pub(crate) fn subject_after(doc: &Document, mut s: usize, hi: usize) -> Option<Cand> {
    while s < hi && matches!(doc.tokens[s].norm.as_str(), "THE" | "A" | "AN") {
        s += 1;
    }
    if s >= hi || doc.tokens[s].kind != TokenKind::Word {
        return None;
    }
    if let Some(p) = pronoun(&doc.tokens[s].norm) {
        return Some(Cand::Pronoun(p, coref(doc, s), doc.tokens[s].span.start));
    }
    let mut b = s + 1;
    if starts_upper(doc, s) {
        // Names, titles and the nouns of a role run together after an inverted verb
        // (`said a Democratic leadership aide`, `said White House spokesman Josh Earnest`).
        while b < hi
            && b - s < MAX_NAME_TOKENS + 2
            && (is_name_word(doc, b) || is_noun_word(doc, b))
        {
            b += 1;
        }
        // `explains Politico's Shane Goldmacher`: the name after the possessive, coded by
        // the possessor.
        if b + 1 < hi && doc.tokens[b].norm == "'S" && is_name_word(doc, b + 1) {
            if let Some(c @ Cand::Name(_)) = subject_after(doc, b + 1, hi) {
                return Some(c);
            }
        }
        return Some(Cand::Name(from_name_run(doc, s, b)));
    }
    if let Some(m) = mention_at(doc, s) {
        return Some(Cand::Name(from_mention(doc, m)));
    }
    if is_function_word(&doc.tokens[s].norm) {
        return None;
    }
    while b < hi && b - s < 3 && is_noun_word(doc, b) {
        b += 1;
    }
    Some(Cand::Name(from_tokens(doc, s, b, Kind::Unknown)))
}

/// The name leading an introducing line (`Al Jazeera's Katrina Yu, reporting from
/// Beijing, on Xi's visit:` → Katrina Yu): the words before the first comma or colon,
/// after any possessive.
pub(crate) fn leading_name(doc: &Document, lo: usize, hi: usize) -> Option<Cand> {
    let mut end = lo;
    while end < hi && end - lo < 10 && doc.tokens[end].kind != TokenKind::Punct {
        end += 1;
    }
    let mut start = lo;
    for t in lo..end {
        if doc.tokens[t].norm == "'S" {
            start = t + 1;
        }
    }
    if start >= end {
        return None;
    }
    if let Some(m) = mention_at(doc, end - 1) {
        if m.tokens.start >= start {
            return Some(Cand::Name(from_mention(doc, m)));
        }
    }
    let first = (start..end).find(|&t| starts_upper(doc, t))?;
    let mut b = first;
    while b < end && is_name_word(doc, b) {
        b += 1;
    }
    (b > first).then(|| Cand::Name(from_tokens(doc, first, b, Kind::Unknown)))
}

fn is_name_word(doc: &Document, t: usize) -> bool {
    let tok = &doc.tokens[t];
    tok.kind == TokenKind::Word && starts_upper(doc, t) && !tok.norm.starts_with('\'')
}

fn is_noun_word(doc: &Document, t: usize) -> bool {
    let tok = &doc.tokens[t];
    tok.kind == TokenKind::Word
        && starts_lower(doc, t)
        && !is_function_word(&tok.norm)
        && !tok.norm.starts_with('\'')
}

/// Remembers speakers by position and resolves pronouns to the nearest earlier one.
pub(crate) struct Resolver<'a> {
    doc: &'a Document,
    /// Spans of quoted words, in text order: mentions inside them are not antecedents.
    quoted: Vec<Span>,
    /// (byte offset where the quote and its attribution end, speaker).
    seen: Vec<(usize, Resolved)>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(doc: &'a Document, quoted: Vec<Span>) -> Self {
        Resolver {
            doc,
            quoted,
            seen: Vec::new(),
        }
    }

    /// Records the speaker of a quote whose text and attribution end at byte `end`.
    pub(crate) fn remember(&mut self, end: usize, r: Resolved) {
        self.seen.push((end, r));
    }

    /// The speaker of the nearest quote ending before byte `at`.
    pub(crate) fn speaker_before(&self, at: usize) -> Option<Resolved> {
        self.seen
            .iter()
            .filter(|(p, _)| *p <= at)
            .max_by_key(|(p, _)| *p)
            .map(|(_, r)| r.clone())
    }

    fn in_quote(&self, sp: Span) -> bool {
        let i = self.quoted.partition_point(|q| q.end <= sp.start);
        self.quoted.get(i).is_some_and(|q| q.overlaps(sp))
    }

    /// A named speaker as it is; a pronoun as the most recent fitting antecedent before
    /// it: the speaker of an earlier quote, or an actor mention in narration (outside
    /// quotation marks) that comes after that quote.
    pub(crate) fn resolve(&self, c: Cand) -> Option<Resolved> {
        let (person, coref, at) = match c {
            Cand::Name(r) => return Some(r),
            Cand::Pronoun(p, coref, at) => (p, coref, at),
        };
        let fits = |k: Kind| match k {
            Kind::Unknown => true,
            Kind::Person => person,
            Kind::Body => !person,
        };
        let prev = self
            .seen
            .iter()
            .filter(|(p, r)| *p <= at && fits(r.kind))
            .max_by_key(|(p, _)| *p);
        let i = self.doc.mentions.partition_point(|m| m.span.end <= at);
        let mention = self.doc.mentions[..i].iter().rev().find(|m| {
            let k = kind_of(m);
            k != Kind::Unknown && fits(k) && !is_adjective(&m.text) && !self.in_quote(m.span)
        });
        match (prev, mention) {
            (Some((p, _)), Some(m)) if m.span.start > *p => Some(from_mention(self.doc, m)),
            (Some((_, r)), _) => Some(r.clone()),
            (None, Some(m)) => Some(from_mention(self.doc, m)),
            (None, None) => coref,
        }
    }
}

/// A weekday name, or "today", "yesterday", "tonight".
fn is_day(norm: &str) -> bool {
    herald_text::words::WEEKDAYS.contains(&norm)
        || matches!(norm, "TODAY" | "YESTERDAY" | "TONIGHT")
}

/// Country adjectives (Russian, Chinese) name no speaker.
fn is_adjective(text: &str) -> bool {
    ["ian", "ese", "ish", "ean"]
        .iter()
        .any(|s| text.ends_with(s))
}
