//! Read views behind `herald serve`: one stored article with every annotation, event
//! records with the article that first reported them, the actor network, article lists.
//!
//! These only read; they are separate from `query.rs` so the server's needs do not grow
//! the command-line queries.

use crate::query::{
    order_by, paged_records, record_row, RecordRow, Sort, RECORD_COLUMNS, RECORD_WIDTH,
};
use crate::store::Store;
use crate::{Error, Filters, Result};
use herald_core::{
    ActorRef, Amount, Document, Event, Location, Mention, MentionKind, Modality, Name, Plover,
    Quote, Span, Speaker, Timex, Tone,
};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A stored article rebuilt as a [`Document`] with every annotation layer, plus what the
/// store added (ids, outlet, record links).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredArticle {
    /// Article id in the store.
    pub article_id: i64,
    /// Outlet used for NumSources.
    pub outlet: String,
    /// Ingestion time (UTC, RFC 3339).
    pub ingested_at: String,
    /// Where the text came from when not simply the input's (`page`, `feed`,
    /// `feed-instead-of-page`; see [`crate::TextSource`]).
    pub text_source: Option<String>,
    /// Why the feed's text was stored instead of the page's.
    pub text_note: Option<String>,
    /// Text and annotations. Sentence and token layers are not stored, so they are empty;
    /// every annotation keeps its byte span and sentence index.
    pub doc: Document,
    /// Per event of `doc.events`, in the same order: its record and confidence.
    pub event_info: Vec<EventInfo>,
}

/// What the store knows about one coded event beyond the output format.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventInfo {
    /// Event record the event counts in (None for negated events).
    pub record_id: Option<i64>,
    /// GDELT mention confidence 0–100.
    pub confidence: i64,
    /// Day the event is keyed on; `None` when neither the text nor a publication date
    /// gave one.
    pub day: Option<String>,
}

/// An event record with the article that first reported it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    /// The record.
    #[serde(flatten)]
    pub record: RecordRow,
    /// Store id of the record's first article.
    pub article_id: Option<i64>,
    /// Headline of that article.
    pub title: Option<String>,
}

/// Which part of an actor code makes a network node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NodeLevel {
    /// The full code (CHNGOV and CHN are different nodes).
    #[default]
    Code,
    /// The first three letters (CHNGOV and CHN are both CHN).
    Country,
}

impl std::str::FromStr for NodeLevel {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "code" => Ok(NodeLevel::Code),
            "country" => Ok(NodeLevel::Country),
            _ => Err(Error::BadFilter {
                name: "level",
                message: format!("{s:?}: expected code or country"),
            }),
        }
    }
}

/// Options of [`Store::network`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetworkOptions {
    /// Which records count (dates, codes, QuadClass, source, target).
    pub filters: Filters,
    /// Only edges touching an actor with this code prefix (as source or target).
    pub involving: Option<String>,
    /// Leave out edges with fewer records.
    pub min_count: i64,
    /// At most this many edges, the busiest first.
    pub max_edges: usize,
    /// Node granularity.
    pub level: NodeLevel,
}

/// An actor in the network.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkNode {
    /// Actor code (or its first three letters).
    pub id: String,
    /// Records on the node's edges, as source or target.
    pub events: i64,
    /// Records as source.
    pub out_events: i64,
    /// Records as target.
    pub in_events: i64,
}

/// Directed edge source → target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkEdge {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// Event records.
    pub events: i64,
    /// Mentions behind them.
    pub mentions: i64,
    /// Mean Goldstein score of the records.
    pub goldstein_mean: f64,
    /// Records per QuadClass 1–4.
    pub quad: [i64; 4],
}

/// An actor network: who acts on whom, how often, how cooperatively.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Network {
    /// Actors on at least one edge, busiest first.
    pub nodes: Vec<NetworkNode>,
    /// Edges, busiest first.
    pub edges: Vec<NetworkEdge>,
}

/// One line of an article list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleSummary {
    /// Article id in the store.
    pub id: i64,
    /// The input's id.
    pub doc_id: String,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet.
    pub outlet: String,
    /// Publication day.
    pub published: Option<String>,
    /// Coded events (negated included).
    pub events: i64,
    /// Where the text came from when not simply the input's (see [`crate::TextSource`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_source: Option<String>,
}

fn usize_of(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

fn span_of(start: i64, end: i64) -> Span {
    Span::new(usize_of(start), usize_of(end))
}

fn sql_limit(n: usize) -> Value {
    Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `serde` names of the enums stored as text ("person", "reported").
fn from_name<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// A code prefix checked the way [`Filters`] checks them.
fn code_prefix(name: &'static str, p: &str) -> Result<String> {
    let p = p.trim().to_ascii_uppercase();
    if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::BadFilter {
            name,
            message: format!("{p:?} is not a code prefix (letters and digits only)"),
        });
    }
    Ok(p)
}

impl Store {
    /// The article with store id `id` and all its annotations, or `None`.
    pub fn article(&self, id: i64) -> Result<Option<StoredArticle>> {
        let conn = self.connection();
        let Some((mut doc, head)) = read_article_head(conn, id)? else {
            return Ok(None);
        };
        doc.mentions = read_mentions(conn, id)?;
        doc.quotes = read_quotes(conn, id)?;
        doc.times = read_times(conn, id)?;
        doc.amounts = read_amounts(conn, id)?;
        for (kind, n) in read_names(conn, id)? {
            if kind == "person" {
                doc.persons.push(n);
            } else {
                doc.organizations.push(n);
            }
        }
        let locations = read_locations(conn, id)?;
        let by_id: HashMap<i64, &Location> = locations.iter().map(|(i, l)| (*i, l)).collect();
        let rows = read_events(conn, id)?;
        let mut event_info = Vec::with_capacity(rows.len());
        for (mut ev, loc, info) in rows {
            ev.location = loc.and_then(|l| by_id.get(&l).map(|l| (*l).clone()));
            doc.events.push(ev);
            event_info.push(info);
        }
        doc.locations = locations.into_iter().map(|(_, l)| l).collect();
        Ok(Some(StoredArticle {
            article_id: id,
            outlet: head.outlet,
            ingested_at: head.ingested_at,
            text_source: head.text_source,
            text_note: head.text_note,
            doc,
            event_info,
        }))
    }

    /// Event records matching `filters` like [`Store::events`], each with the store id
    /// and headline of the article that first reported it.
    pub fn events_with_articles(
        &self,
        filters: &Filters,
        limit: usize,
        offset: usize,
        sort: Sort,
    ) -> Result<Vec<EventRow>> {
        let (cond, mut params) = filters.sql()?;
        let order = order_by(sort);
        let sql = format!(
            "SELECT {RECORD_COLUMNS}, e.article_id, a.title FROM {} ORDER BY {order}",
            paged_records(&cond, order)
        );
        params.push(sql_limit(limit));
        params.push(sql_limit(offset));
        let mut st = self.connection().prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(params), |r| {
            Ok(EventRow {
                record: record_row(r)?,
                article_id: r.get(RECORD_WIDTH)?,
                title: r.get(RECORD_WIDTH + 1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Who acts on whom: event records grouped by (source, target), events without a
    /// target left out.
    pub fn network(&self, opts: &NetworkOptions) -> Result<Network> {
        let (cond, mut params) = opts.filters.sql()?;
        let (src, tgt) = match opts.level {
            NodeLevel::Code => ("r.source_code", "r.target_code"),
            NodeLevel::Country => ("substr(r.source_code, 1, 3)", "substr(r.target_code, 1, 3)"),
        };
        let mut conds = vec![cond, "r.target_code <> ''".to_string()];
        if let Some(p) = &opts.involving {
            let p = code_prefix("involving", p)?;
            let end = crate::prefix_end(&p);
            conds.push(
                "((r.source_code >= ? AND r.source_code < ?) OR (r.target_code >= ? AND r.target_code < ?))"
                    .into(),
            );
            for v in [&p, &end, &p, &end] {
                params.push(Value::Text(v.clone()));
            }
        }
        let sql = format!(
            "SELECT {src} AS s, {tgt} AS t, count(*), sum(r.num_mentions), avg(r.goldstein),
                sum(r.quad_class = 1), sum(r.quad_class = 2), sum(r.quad_class = 3),
                sum(r.quad_class = 4)
             FROM records r WHERE {}
             GROUP BY s, t HAVING count(*) >= ?
             ORDER BY count(*) DESC, sum(r.num_mentions) DESC, s, t LIMIT ?",
            conds.join(" AND ")
        );
        params.push(Value::Integer(opts.min_count.max(1)));
        params.push(sql_limit(opts.max_edges));
        let mut st = self.connection().prepare_cached(&sql)?;
        let edges: Vec<NetworkEdge> = st
            .query_map(params_from_iter(params), |r| {
                Ok(NetworkEdge {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get(2)?,
                    mentions: r.get(3)?,
                    goldstein_mean: r.get(4)?,
                    quad: [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut nodes: BTreeMap<&str, NetworkNode> = BTreeMap::new();
        for e in &edges {
            for (id, out) in [(e.source.as_str(), true), (e.target.as_str(), false)] {
                let n = nodes.entry(id).or_insert_with(|| NetworkNode {
                    id: id.to_string(),
                    events: 0,
                    out_events: 0,
                    in_events: 0,
                });
                // A self-loop (CHN → CHN at country level) counts once for the node.
                if out || e.source != e.target {
                    n.events += e.events;
                }
                if out {
                    n.out_events += e.events;
                } else {
                    n.in_events += e.events;
                }
            }
        }
        let mut nodes: Vec<NetworkNode> = nodes.into_values().collect();
        nodes.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.id.cmp(&b.id)));
        Ok(Network { nodes, edges })
    }

    /// Stored articles, newest first; `query` keeps those whose headline or id contains
    /// it (case-insensitive).
    pub fn articles(
        &self,
        query: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ArticleSummary>> {
        let like = query.map(|s| {
            let esc = s
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{esc}%")
        });
        let mut st = self.connection().prepare_cached(
            "SELECT a.id, a.doc_id, a.title, a.url, a.outlet, a.published,
                (SELECT count(*) FROM events e WHERE e.article_id = a.id), a.text_source
             FROM articles a
             WHERE (?1 IS NULL OR a.title LIKE ?1 ESCAPE '\\' OR a.doc_id LIKE ?1 ESCAPE '\\')
             ORDER BY a.published DESC, a.id DESC LIMIT ?2 OFFSET ?3",
        )?;
        let rows = st.query_map(params![like, sql_limit(limit), sql_limit(offset)], |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                doc_id: r.get(1)?,
                title: r.get(2)?,
                url: r.get(3)?,
                outlet: r.get(4)?,
                published: r.get(5)?,
                events: r.get(6)?,
                text_source: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// What the article row says beyond the document.
struct Head {
    outlet: String,
    ingested_at: String,
    text_source: Option<String>,
    text_note: Option<String>,
}

/// The article row as a document without layers, with its outlet, ingest time and text
/// source.
fn read_article_head(conn: &Connection, id: i64) -> Result<Option<(Document, Head)>> {
    type Row = (
        String,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        String,
        String,
        Option<Tone>,
        Option<String>,
        Option<String>,
    );
    let head: Option<Row> = conn
        .query_row(
            "SELECT doc_id, url, source, outlet, title, published, ingested_at, text,
                tone, tone_positive, tone_negative, tone_polarity, tone_words,
                text_source, text_note
             FROM articles WHERE id = ?1",
            [id],
            |r| {
                let tone: Option<f64> = r.get(8)?;
                let tone = match tone {
                    Some(t) => Some(Tone {
                        tone: t,
                        positive: r.get::<_, Option<f64>>(9)?.unwrap_or(0.0),
                        negative: r.get::<_, Option<f64>>(10)?.unwrap_or(0.0),
                        polarity: r.get::<_, Option<f64>>(11)?.unwrap_or(0.0),
                        words: usize_of(r.get::<_, Option<i64>>(12)?.unwrap_or(0)),
                    }),
                    None => None,
                };
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    tone,
                    r.get(13)?,
                    r.get(14)?,
                ))
            },
        )
        .optional()?;
    let Some((
        doc_id,
        url,
        source,
        outlet,
        title,
        published,
        ingested_at,
        text,
        tone,
        text_source,
        text_note,
    )) = head
    else {
        return Ok(None);
    };
    let date = published
        .as_deref()
        .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    let mut doc = Document::new(doc_id, text, date);
    doc.url = url;
    doc.source = source;
    doc.title = title;
    doc.tone = tone;
    Ok(Some((
        doc,
        Head {
            outlet,
            ingested_at,
            text_source,
            text_note,
        },
    )))
}

/// The actor mentions, in order.
fn read_mentions(conn: &Connection, id: i64) -> Result<Vec<Mention>> {
    let mut st = conn.prepare_cached(
        "SELECT text, code, span_start, span_end, sentence, kind, entries
         FROM mentions WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = st
        .query_map([id], |r| {
            let kind: String = r.get(5)?;
            let entries: String = r.get(6)?;
            Ok(Mention {
                text: r.get(0)?,
                code: r.get(1)?,
                span: span_of(r.get(2)?, r.get(3)?),
                sentence: usize_of(r.get(4)?),
                tokens: 0..0,
                kind: from_name(&kind).unwrap_or(MentionKind::Country),
                entries: entries
                    .split('\n')
                    .filter(|e| !e.is_empty())
                    .map(str::to_string)
                    .collect(),
                country_from: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The quotations, in order.
fn read_quotes(conn: &Connection, id: i64) -> Result<Vec<Quote>> {
    let mut st = conn.prepare_cached(
        "SELECT text, span_start, span_end, speaker, speaker_code, speaker_start,
            speaker_end, verb, direct
         FROM quotes WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = st
        .query_map([id], |r| {
            let name: Option<String> = r.get(3)?;
            let s_start: Option<i64> = r.get(5)?;
            let s_end: Option<i64> = r.get(6)?;
            let speaker = match name {
                Some(name) => Some(Speaker {
                    name,
                    code: r.get(4)?,
                    span: span_of(s_start.unwrap_or(0), s_end.unwrap_or(0)),
                }),
                None => None,
            };
            Ok(Quote {
                text: r.get(0)?,
                span: span_of(r.get(1)?, r.get(2)?),
                speaker,
                verb: r.get(7)?,
                direct: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The time expressions, in order.
fn read_times(conn: &Connection, id: i64) -> Result<Vec<Timex>> {
    let mut st = conn.prepare_cached(
        "SELECT text, span_start, span_end, type, value FROM times
         WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = st
        .query_map([id], |r| {
            Ok(Timex {
                text: r.get(0)?,
                span: span_of(r.get(1)?, r.get(2)?),
                kind: r.get(3)?,
                value: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The amounts, in order.
fn read_amounts(conn: &Connection, id: i64) -> Result<Vec<Amount>> {
    let mut st = conn.prepare_cached(
        "SELECT text, span_start, span_end, value, unit, object FROM amounts
         WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = st
        .query_map([id], |r| {
            Ok(Amount {
                text: r.get(0)?,
                span: span_of(r.get(1)?, r.get(2)?),
                value: r.get(3)?,
                unit: r.get(4)?,
                object: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The person and organisation names with their kind, in order.
fn read_names(conn: &Connection, id: i64) -> Result<Vec<(String, Name)>> {
    let mut st = conn.prepare_cached(
        "SELECT kind, text, span_start, span_end, code FROM names
         WHERE article_id = ?1 ORDER BY kind, idx",
    )?;
    let rows = st
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                Name {
                    text: r.get(1)?,
                    span: span_of(r.get(2)?, r.get(3)?),
                    code: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The places with their row ids (events refer to them by id), in order.
fn read_locations(conn: &Connection, id: i64) -> Result<Vec<(i64, Location)>> {
    let mut st = conn.prepare_cached(
        "SELECT id, text, span_start, span_end, code, country, fips, adm1, lat, lon,
            geonameid, kind
         FROM locations WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = st
        .query_map([id], |r| {
            let gid: Option<i64> = r.get(10)?;
            Ok((
                r.get(0)?,
                Location {
                    text: r.get(1)?,
                    span: span_of(r.get(2)?, r.get(3)?),
                    code: r.get(4)?,
                    country: r.get(5)?,
                    fips: r.get(6)?,
                    adm1: r.get(7)?,
                    lat: r.get(8)?,
                    lon: r.get(9)?,
                    geonameid: gid.and_then(|g| u64::try_from(g).ok()),
                    kind: r.get(11)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The events, each with its action place's row id and its store fields.
fn read_events(conn: &Connection, id: i64) -> Result<Vec<(Event, Option<i64>, EventInfo)>> {
    let mut st = conn.prepare_cached(
        "SELECT source_code, source_text, source_start, source_end, target_code,
            target_text, target_start, target_end, code, root, name, goldstein,
            quad_class, plover_type, plover_mode, date, date_source, sentence,
            span_start, span_end, pattern, modality, negated, action_location,
            record_id, confidence, nullif(day, '')
         FROM events WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = st
        .query_map([id], |r| {
            let target_code: Option<String> = r.get(4)?;
            let target = match target_code {
                Some(code) => Some(ActorRef {
                    code,
                    text: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    span: span_of(
                        r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                        r.get::<_, Option<i64>>(7)?.unwrap_or(0),
                    ),
                    implied: false,
                }),
                None => None,
            };
            let p_type: Option<String> = r.get(13)?;
            let p_mode: Option<String> = r.get(14)?;
            let modality: String = r.get(21)?;
            let goldstein: f64 = r.get(11)?;
            Ok((
                Event {
                    source: ActorRef {
                        code: r.get(0)?,
                        text: r.get(1)?,
                        span: span_of(r.get(2)?, r.get(3)?),
                        implied: false,
                    },
                    target,
                    code: r.get(8)?,
                    root: r.get(9)?,
                    name: r.get(10)?,
                    goldstein: goldstein as f32,
                    quad_class: r.get(12)?,
                    plover: p_type.map(|kind| Plover {
                        kind,
                        mode: p_mode.unwrap_or_default(),
                    }),
                    date: r.get(15)?,
                    date_source: r.get::<_, Option<String>>(16)?.and_then(|s| from_name(&s)),
                    sentence: usize_of(r.get(17)?),
                    span: span_of(r.get(18)?, r.get(19)?),
                    pattern: r.get(20)?,
                    modality: from_name(&modality).unwrap_or(Modality::Asserted),
                    negated: r.get(22)?,
                    reported_by: None,
                    confidence: None,
                    decided_by: None,
                    location: None,
                },
                r.get(23)?,
                EventInfo {
                    record_id: r.get(24)?,
                    confidence: r.get(25)?,
                    day: r.get(26)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_core::Sentence;

    fn doc() -> Document {
        let text = "Ünited: China hosted Russia. \"We agree,\" Putin said on Monday.";
        let mut d = Document::new("d1", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 20));
        d.title = Some("Xi <b>visit</b>".into());
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        d.sentences = vec![Sentence {
            span: Span::new(0, text.len()),
            tokens: 0..0,
            paragraph: 0,
            syntax: None,
            country: None,
        }];
        d.mentions = vec![Mention {
            text: "China".into(),
            code: "CHN".into(),
            span: at("China"),
            sentence: 0,
            tokens: 0..0,
            kind: MentionKind::Country,
            entries: vec!["a.actors:1 China".into(), "b:2 x".into()],
            country_from: None,
        }];
        d.events = vec![Event {
            source: ActorRef {
                code: "CHN".into(),
                text: "China".into(),
                span: at("China"),
                implied: false,
            },
            target: Some(ActorRef {
                code: "RUS".into(),
                text: "Russia".into(),
                span: at("Russia"),
                implied: false,
            }),
            code: "042".into(),
            root: "04".into(),
            name: "Make a visit".into(),
            goldstein: 1.9,
            quad_class: 1,
            plover: Some(Plover {
                kind: "CONSULT".into(),
                mode: "visit".into(),
            }),
            date: Some("2023-03-20".into()),
            date_source: Some(herald_core::DateSource::Article),
            sentence: 0,
            span: at("China hosted Russia"),
            pattern: "p:1 HOST".into(),
            modality: Modality::Reported,
            negated: false,
            reported_by: None,
            confidence: None,
            decided_by: None,
            location: None,
        }];
        d.quotes = vec![Quote {
            text: "We agree,".into(),
            span: at("We agree,"),
            speaker: Some(Speaker {
                name: "Putin".into(),
                code: Some("RUSGOV".into()),
                span: at("Putin"),
            }),
            verb: Some("said".into()),
            direct: true,
        }];
        d.times = vec![Timex {
            text: "Monday".into(),
            span: at("Monday"),
            kind: "DATE".into(),
            value: "2023-03-20".into(),
        }];
        d.persons = vec![Name {
            text: "Putin".into(),
            span: at("Putin"),
            code: Some("RUSGOV".into()),
        }];
        d
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path().join("h.db")).unwrap();
        s.insert(&doc()).unwrap();
        (dir, s)
    }

    #[test]
    fn article_round_trips_every_layer() {
        let (_d, s) = store();
        let a = s.article(1).unwrap().expect("article 1");
        let orig = doc();
        assert_eq!(a.doc.text, orig.text);
        assert_eq!(a.doc.title, orig.title);
        assert_eq!(a.doc.date, orig.date);
        assert_eq!(a.doc.mentions[0].entries, orig.mentions[0].entries);
        assert_eq!(a.doc.mentions[0].span, orig.mentions[0].span);
        assert_eq!(a.doc.events, orig.events);
        assert_eq!(a.doc.quotes, orig.quotes);
        assert_eq!(a.doc.times, orig.times);
        assert_eq!(a.doc.persons, orig.persons);
        assert_eq!(a.event_info.len(), 1);
        assert!(a.event_info[0].record_id.is_some());
        assert_eq!(a.event_info[0].day.as_deref(), Some("2023-03-20"));
        assert!(s.article(99).unwrap().is_none());
    }

    #[test]
    fn events_carry_their_article() {
        let (_d, s) = store();
        let rows = s
            .events_with_articles(&Filters::default(), 10, 0, Sort::Day)
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].article_id, Some(1));
        assert_eq!(rows[0].title.as_deref(), Some("Xi <b>visit</b>"));
        assert_eq!(rows[0].record.source, "CHN");
        let v = serde_json::to_value(&rows[0]).unwrap();
        // Flattened: record fields sit beside article_id.
        assert_eq!(v["source"], "CHN");
        assert_eq!(v["article_id"], 1);
    }

    #[test]
    fn network_groups_and_filters() {
        let (_d, s) = store();
        let n = s
            .network(&NetworkOptions {
                max_edges: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(n.edges.len(), 1);
        assert_eq!(n.edges[0].source, "CHN");
        assert_eq!(n.edges[0].quad, [1, 0, 0, 0]);
        assert_eq!(n.nodes.len(), 2);
        let none = s
            .network(&NetworkOptions {
                involving: Some("USA".into()),
                max_edges: 10,
                ..Default::default()
            })
            .unwrap();
        assert!(none.edges.is_empty());
        let bad = s.network(&NetworkOptions {
            involving: Some("U'SA".into()),
            max_edges: 10,
            ..Default::default()
        });
        assert!(matches!(
            bad,
            Err(Error::BadFilter {
                name: "involving",
                ..
            })
        ));
        let min = s
            .network(&NetworkOptions {
                min_count: 2,
                max_edges: 10,
                ..Default::default()
            })
            .unwrap();
        assert!(min.edges.is_empty());
    }

    #[test]
    fn article_list_searches_titles() {
        let (_d, s) = store();
        assert_eq!(s.articles(Some("visit"), 10, 0).unwrap().len(), 1);
        assert_eq!(s.articles(Some("nothing"), 10, 0).unwrap().len(), 0);
        // LIKE wildcards are literal.
        assert_eq!(s.articles(Some("%"), 10, 0).unwrap().len(), 0);
        let all = s.articles(None, 10, 0).unwrap();
        assert_eq!(all[0].events, 1);
    }
}
