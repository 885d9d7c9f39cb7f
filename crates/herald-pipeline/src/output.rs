//! herald's output object, one per document (see `docs/output.md`).
//!
//! The field names are a contract: evaluation tools and users' scripts depend on them.

use herald_core::{Amount, Document, Event, Location, Name, Quote, Span, Timex, Tone};
use serde::Serialize;

/// An actor mention as written to the output.
#[derive(Debug, Serialize)]
pub struct ActorOut<'a> {
    /// Text as written.
    pub text: &'a str,
    /// CAMEO actor code.
    pub code: &'a str,
    /// Byte span.
    pub span: Span,
    /// Sentence index.
    pub sentence: usize,
    /// country, metonym, person, organization, agent or coreference.
    pub kind: herald_core::MentionKind,
    /// Dictionary entries that produced the code.
    pub entries: &'a [String],
    /// For a sector word placed in a country from its context: where the country came
    /// from (place, sentence, paragraph, dateline or article).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_from: Option<herald_core::CountryFrom>,
}

/// One document's output.
#[derive(Debug, Serialize)]
pub struct DocumentOut<'a> {
    /// Identifier.
    pub id: &'a str,
    /// Publication date (YYYY-MM-DD) or null.
    pub date: Option<String>,
    /// Headline or null.
    pub title: Option<&'a str>,
    /// URL or null.
    pub url: Option<&'a str>,
    /// Outlet or null.
    pub source: Option<&'a str>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Actor mentions.
    pub actors: Vec<ActorOut<'a>>,
    /// Coded events.
    pub events: &'a [Event],
    /// Quotations.
    pub quotes: &'a [Quote],
    /// Time expressions.
    pub times: &'a [Timex],
    /// Amounts.
    pub amounts: &'a [Amount],
    /// People.
    pub persons: &'a [Name],
    /// Organisations.
    pub organizations: &'a [Name],
    /// Places.
    pub locations: &'a [Location],
    /// Document tone, or null.
    pub tone: Option<&'a Tone>,
}

impl<'a> DocumentOut<'a> {
    /// The output view of a processed document.
    pub fn new(doc: &'a Document) -> Self {
        DocumentOut {
            id: &doc.id,
            date: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
            title: doc.title.as_deref(),
            url: doc.url.as_deref(),
            source: doc.source.as_deref(),
            sentences: doc.sentences.iter().map(|s| s.span).collect(),
            actors: doc
                .mentions
                .iter()
                .map(|m| ActorOut {
                    text: &m.text,
                    code: &m.code,
                    span: m.span,
                    sentence: m.sentence,
                    kind: m.kind,
                    entries: &m.entries,
                    country_from: m.country_from,
                })
                .collect(),
            events: &doc.events,
            quotes: &doc.quotes,
            times: &doc.times,
            amounts: &doc.amounts,
            persons: &doc.persons,
            organizations: &doc.organizations,
            locations: &doc.locations,
            tone: doc.tone.as_ref(),
        }
    }
}

/// One JSON line for a processed document.
pub fn to_json_line(doc: &Document) -> String {
    serde_json::to_string(&DocumentOut::new(doc)).expect("output serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_lists_are_present() {
        let doc = Document::new("a", "", None);
        let v: serde_json::Value = serde_json::from_str(&to_json_line(&doc)).unwrap();
        for k in [
            "sentences",
            "actors",
            "events",
            "quotes",
            "times",
            "amounts",
            "persons",
            "organizations",
            "locations",
        ] {
            assert!(v[k].as_array().is_some(), "{k}");
        }
        assert!(v["date"].is_null());
        assert_eq!(v["id"], "a");
    }
}
