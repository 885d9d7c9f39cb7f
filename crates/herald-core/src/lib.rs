//! The herald document model.
//!
//! A [`Document`] carries the original article text and layers of annotation. Every
//! annotation keeps a byte [`Span`] into the original UTF-8 text: that span is the
//! evidence a user can look at. Stages fill one layer each and never rewrite the text.

#![warn(missing_docs)]

pub mod data;
pub mod guard;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Range;

/// A half-open byte range `[start, end)` into a document's text.
///
/// Serialised as a two-element array `[start, end]`, the form used in herald's output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when `other` lies inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text the span covers.
    ///
    /// # Panics
    /// When the span is out of range or not on char boundaries; spans made by herald never are.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// What kind of token this is; decided by the tokenizer from its characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods (U.S., Mr.).
    Word,
    /// Digits, decimals, ordinals, money-like numbers (29.5, 1,200, 12-point is a word).
    Number,
    /// Punctuation: . , ; : ! ? quotes, brackets, dashes.
    Punct,
    /// Currency and other symbols: $ € % & @.
    Symbol,
}

/// One token of the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the original text.
    pub span: Span,
    /// The normalised form used for dictionary matching: upper case, straight quotes and
    /// apostrophes, ASCII hyphen for every dash. Its length may differ from the span's.
    pub norm: String,
    /// Coarse character class.
    pub kind: TokenKind,
    /// True when whitespace follows the token in the original text.
    pub space_after: bool,
}

/// The syntactic analysis of one token, filled by the syntax stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSyntax {
    /// Universal part of speech (NOUN, VERB, PROPN…).
    pub upos: String,
    /// Penn Treebank tag (NN, VBD, NNP…).
    pub xpos: String,
    /// Lemma, lower case except for proper nouns.
    pub lemma: String,
    /// Index of the head token within the sentence (0-based); `None` for the root.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (nsubj, obj, obl:agent…).
    pub deprel: String,
}

/// A sentence: a run of tokens inside one paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence is in the original text.
    pub span: Span,
    /// Indices of its tokens in [`Document::tokens`].
    pub tokens: Range<usize>,
    /// Index of the paragraph that holds it.
    pub paragraph: usize,
    /// The parse, one entry per token, when the syntax stage parsed this sentence.
    pub syntax: Option<Vec<TokenSyntax>>,
    /// The country its unplaced sector agents belong to, as its context tells (set by
    /// the actor stage; the event stage gives it to agents a passive leaves unnamed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<ContextCountry>,
}

/// The country a sentence's context gives its unnamed actors ("police detained 40
/// protesters in Lagos": NGA, from the place).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextCountry {
    /// CAMEO country code.
    pub code: String,
    /// Where the country came from.
    pub from: CountryFrom,
    /// The words that named it ("Lagos"); empty for the article's main country.
    pub evidence: String,
}

/// What a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A country name or adjective (China, Chinese).
    Country,
    /// A capital or seat of power standing for its government (Beijing, the Kremlin).
    Metonym,
    /// A named person with dated roles.
    Person,
    /// An international, non-governmental or non-state organisation.
    Organization,
    /// A sector word on its own (police, rebels, officials).
    Agent,
    /// Resolved from a pronoun, title or short name to an earlier mention.
    Coreference,
}

/// Where a placed sector agent's country came from ("police" → NGACOP because …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountryFrom {
    /// A city or region its own sentence names ("police in Lagos").
    Place,
    /// The one country its sentence names, the article's main one.
    Sentence,
    /// The one country the rest of its paragraph names.
    Paragraph,
    /// The story's dateline ("KYIV, Ukraine —").
    Dateline,
    /// The country the article is about (named most often).
    Article,
}

impl CountryFrom {
    /// The serialised name (`place`, `sentence`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CountryFrom::Place => "place",
            CountryFrom::Sentence => "sentence",
            CountryFrom::Paragraph => "paragraph",
            CountryFrom::Dateline => "dateline",
            CountryFrom::Article => "article",
        }
    }
}

/// An actor mention: a span of text coded with a CAMEO actor code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The words of the mention, as written.
    pub text: String,
    /// The CAMEO actor code (CHNGOV, RUS, IGOUNO…).
    pub code: String,
    /// Byte span in the original text.
    pub span: Span,
    /// Sentence index.
    pub sentence: usize,
    /// Token indices in [`Document::tokens`].
    pub tokens: Range<usize>,
    /// What was recognised.
    pub kind: MentionKind,
    /// The dictionary entries that produced the code, for explanations
    /// (`file:line NAME`, one per contributing entry).
    pub entries: Vec<String>,
    /// For a sector word placed in a country by its context: where the country came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_from: Option<CountryFrom>,
}

/// The actor side of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// CAMEO actor code.
    pub code: String,
    /// The evidence text.
    pub text: String,
    /// Byte span of the evidence.
    pub span: Span,
    /// Not named in the text but implied by the act: the police of "were arrested" (the
    /// text and span are then the verb's).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implied: bool,
}

/// PLOVER category of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type (CONSULT, ASSAULT…).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, empty when the crosswalk names none.
    pub mode: String,
}

/// How certain the text is that the event took place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    #[default]
    Asserted,
    /// Will happen (will, next week).
    Future,
    /// Planned or wanted (plans to, wants to, offers to).
    Intended,
    /// Attributed to a speaker (X said that …).
    Reported,
    /// Conditional or hypothetical (if …, would, could).
    Hypothetical,
}

/// Where an event's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A time expression governing the event's clause in the parse.
    Clause,
    /// The time expression of the same sentence nearest to the event.
    Sentence,
    /// The date of the story's last dated past event just before (narrative time).
    Context,
    /// The publication date.
    Article,
}

impl DateSource {
    /// The name as serialised ("clause", "sentence", "context", "article"), as the store
    /// keeps it.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Clause => "clause",
            DateSource::Sentence => "sentence",
            DateSource::Context => "context",
            DateSource::Article => "article",
        }
    }
}

/// A coded event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Who acted.
    pub source: ActorRef,
    /// Whom it was done to, when known.
    pub target: Option<ActorRef>,
    /// CAMEO event code ("042").
    pub code: String,
    /// CAMEO root ("04").
    pub root: String,
    /// CAMEO name of the code.
    pub name: String,
    /// Goldstein scale score.
    pub goldstein: f32,
    /// GDELT QuadClass (1–4).
    pub quad_class: u8,
    /// PLOVER type and mode.
    pub plover: Option<Plover>,
    /// TimeML value of the event's own date, when known.
    pub date: Option<String>,
    /// Where the date came from (serialised `clause`, `sentence`, `context` or `article`).
    pub date_source: Option<DateSource>,
    /// Sentence index.
    pub sentence: usize,
    /// The evidence: the span from the first to the last word that coded the event.
    pub span: Span,
    /// The rule that fired (dictionary file:line and pattern text).
    pub pattern: String,
    /// Asserted, future, intended, reported or hypothetical.
    pub modality: Modality,
    /// True when the text negates the event.
    pub negated: bool,
    /// Who reports it, when it comes from reported speech ("the Kremlin said Xi will
    /// visit …" → the Kremlin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<ActorRef>,
    /// Where it happened (GDELT's ActionGeo): a place after "in"/"at" in its sentence,
    /// else the article's dateline city.
    pub location: Option<Location>,
    /// How sure the event model is of this event's type, 0–1; absent when no model ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Who decided the type: the rules alone, the model, or both agreeing; absent when no
    /// model ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<DecidedBy>,
}

/// Who decided an event's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecidedBy {
    /// The dictionaries' pattern, the model having no opinion strong enough to differ.
    Rules,
    /// The model, overruling or supplying the type.
    Model,
    /// The pattern and the model agree.
    Both,
}

/// A normalised time expression.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// As written.
    pub text: String,
    /// Byte span.
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// TimeML value (2023-03-17, 2023-W12, P2D…).
    pub value: String,
}

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker's name as written.
    pub name: String,
    /// Actor code, when known.
    pub code: Option<String>,
    /// Byte span of the name.
    pub span: Span,
}

/// A quotation with its speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words.
    pub text: String,
    /// Byte span of the quoted words.
    pub span: Span,
    /// Who said it.
    pub speaker: Option<Speaker>,
    /// The reporting verb (said, told, tweeted).
    pub verb: Option<String>,
    /// True for direct speech in quotation marks.
    pub direct: bool,
}

/// A number with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// As written.
    pub text: String,
    /// Byte span.
    pub span: Span,
    /// The value as a number.
    pub value: f64,
    /// Currency, unit or "percent".
    pub unit: Option<String>,
    /// The thing counted.
    pub object: Option<String>,
}

/// A named person, organisation or place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Name {
    /// As written.
    pub text: String,
    /// Byte span.
    pub span: Span,
    /// Actor code, when known.
    pub code: Option<String>,
}

/// A place mention resolved against the gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// As written.
    pub text: String,
    /// Byte span.
    pub span: Span,
    /// Actor code, when the place also names an actor (Beijing → CHN).
    pub code: Option<String>,
    /// ISO 3166 alpha-3 country code of the place.
    pub country: Option<String>,
    /// FIPS 10-4 country code (GDELT's geo fields).
    pub fips: Option<String>,
    /// First-level administrative division code (GeoNames admin1).
    pub adm1: Option<String>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// GeoNames id.
    pub geonameid: Option<u64>,
    /// `country`, `city` or `region`.
    pub kind: String,
}

/// Document tone on GDELT's scale.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tone {
    /// Positive minus negative score, −100…+100.
    pub tone: f64,
    /// Share of words with positive sentiment, in percent.
    pub positive: f64,
    /// Share of words with negative sentiment, in percent.
    pub negative: f64,
    /// Positive plus negative share: how emotionally charged the text is.
    pub polarity: f64,
    /// Words counted.
    pub words: usize,
}

/// One article and everything herald found in it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier (from the input, or the file name).
    pub id: String,
    /// The original text; every span points into it.
    pub text: String,
    /// Publication date.
    pub date: Option<NaiveDate>,
    /// Headline.
    pub title: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Actor mentions in text order.
    pub mentions: Vec<Mention>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Time expressions.
    pub times: Vec<Timex>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Amounts.
    pub amounts: Vec<Amount>,
    /// People.
    pub persons: Vec<Name>,
    /// Organisations.
    pub organizations: Vec<Name>,
    /// Places.
    pub locations: Vec<Location>,
    /// Document tone, when computed.
    pub tone: Option<Tone>,
    /// What the pipeline left out to stay within its limits (sentences over the count
    /// or size limit); the document is coded without them. Front ends report these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// A new document with no annotation yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>, date: Option<NaiveDate>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            date,
            ..Default::default()
        }
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }

    /// The sentence a dateline may open ("MOSCOW - …", "CAIRO (AP) —"): the first, or,
    /// when the first paragraph is a headline (one sentence without a full stop, as a
    /// story's title line is), the first sentence of the next paragraph.
    pub fn dateline_sentence(&self) -> Option<&Sentence> {
        let first = self.sentences.first()?;
        let headline = self.sentences.get(1).is_some_and(|next| {
            next.paragraph != first.paragraph
                && !first
                    .span
                    .slice(&self.text)
                    .trim_end()
                    .ends_with(['.', '!', '?', '"', '\u{201d}'])
        });
        if headline {
            self.sentences.get(1)
        } else {
            Some(first)
        }
    }

    /// The index of the sentence holding byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_serialises_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn span_relations() {
        let a = Span::new(0, 10);
        let b = Span::new(5, 15);
        assert!(a.overlaps(b));
        assert!(!a.contains(b));
        assert_eq!(a.cover(b), Span::new(0, 15));
        assert!(a.contains(Span::new(2, 4)));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 6)));
    }

    #[test]
    fn sentence_lookup() {
        let mut d = Document::new("x", "Ab. Cd.", None);
        for (s, e) in [(0, 3), (4, 7)] {
            d.sentences.push(Sentence {
                span: Span::new(s, e),
                tokens: 0..0,
                paragraph: 0,
                syntax: None,
                country: None,
            });
        }
        assert_eq!(d.sentence_at(0), Some(0));
        assert_eq!(d.sentence_at(3), None);
        assert_eq!(d.sentence_at(5), Some(1));
        assert_eq!(d.sentence_at(9), None);
    }
}
