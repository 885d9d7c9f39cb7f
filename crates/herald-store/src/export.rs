//! Writing event records out: GDELT 2.0 events and mentions, GKG 2.1, JSON Lines, CSV,
//! Parquet.

use crate::actor::{split, ActorParts};
use crate::query::{record_row, RecordRow, RECORD_COLUMNS, RECORD_JOINS, RECORD_WIDTH};
use crate::store::Store;
use crate::tsv::{clean, Geo};
use crate::{Error, Filters, Result};
use rusqlite::params_from_iter;
use serde::Serialize;
use std::io::Write;

/// Export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// GDELT 2.0 Event table: 61 tab-separated columns, no header, one row per record.
    GdeltEvents,
    /// GDELT 2.0 Mentions table: 16 tab-separated columns, no header, one row per mention.
    GdeltMentions,
    /// One JSON object per record, with its mentions.
    Jsonl,
    /// One CSV row per record, with a header.
    Csv,
    /// GDELT GKG 2.1: 27 tab-separated columns, no header, one row per article.
    Gkg,
    /// Apache Parquet, one row per record with typed columns (binary).
    #[cfg(feature = "parquet")]
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "gdelt-events" | "gdelt" => Ok(Format::GdeltEvents),
            "gdelt-mentions" => Ok(Format::GdeltMentions),
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "gkg" => Ok(Format::Gkg),
            #[cfg(feature = "parquet")]
            "parquet" => Ok(Format::Parquet),
            _ => Err(Error::BadFilter {
                name: "format",
                message: format!(
                    "{s:?}: expected gdelt-events, gdelt-mentions, gkg, jsonl, csv{}",
                    if cfg!(feature = "parquet") {
                        " or parquet"
                    } else {
                        " (parquet needs the `parquet` feature)"
                    }
                ),
            }),
        }
    }
}

/// Number of columns in a GDELT 2.0 event row.
pub const GDELT_EVENT_COLUMNS: usize = 61;
/// Number of columns in a GDELT 2.0 mention row.
pub const GDELT_MENTION_COLUMNS: usize = 16;

/// Write the records matching `filters` to `out` in `format`; returns the rows written.
pub fn export(
    store: &Store,
    format: Format,
    filters: &Filters,
    out: &mut dyn Write,
) -> Result<usize> {
    match format {
        Format::GdeltEvents => gdelt_events(store, filters, out),
        Format::GdeltMentions => gdelt_mentions(store, filters, out),
        Format::Jsonl => jsonl(store, filters, out),
        Format::Csv => csv(store, filters, out),
        Format::Gkg => crate::gkg::write(store, filters, out),
        #[cfg(feature = "parquet")]
        Format::Parquet => crate::parquet_export::write(store, filters, out),
    }
}

fn compact_day(day: &str) -> String {
    day.chars().filter(char::is_ascii_digit).take(8).collect()
}

/// GDELT's FractionDate: YEAR + (MONTH * 30 + DAY) / 365, four decimals.
fn fraction_date(day: &str) -> String {
    let part = |r: std::ops::Range<usize>| day.get(r).and_then(|s| s.parse::<f64>().ok());
    match (part(0..4), part(5..7), part(8..10)) {
        (Some(y), Some(m), Some(d)) => format!("{:.4}", y + (m * 30.0 + d) / 365.0),
        _ => String::new(),
    }
}

fn geo_columns(alias: &str) -> String {
    ["kind", "text", "fips", "adm1", "lat", "lon", "geonameid"]
        .iter()
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_geo(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Geo> {
    Ok(Geo {
        kind: r.get(at)?,
        name: r.get(at + 1)?,
        fips: r.get(at + 2)?,
        adm1: r.get(at + 3)?,
        lat: r.get(at + 4)?,
        lon: r.get(at + 5)?,
        geonameid: r.get(at + 6)?,
    })
}

fn push_actor(f: &mut Vec<String>, code: &str, name: &str) {
    let p: ActorParts = if code.is_empty() {
        ActorParts::default()
    } else {
        split(code)
    };
    f.push(clean(code));
    f.push(clean(name));
    f.push(p.country);
    f.push(p.known_group);
    f.push(p.ethnic);
    f.push(p.religion1);
    f.push(p.religion2);
    let [t1, t2, t3] = p.types;
    f.extend([t1, t2, t3]);
}

fn write_tsv(out: &mut dyn Write, fields: &[String]) -> Result<()> {
    out.write_all(fields.join("\t").as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}

fn gdelt_events(store: &Store, filters: &Filters, out: &mut dyn Write) -> Result<usize> {
    let (cond, params) = filters.sql()?;
    let sql = format!(
        "SELECT {RECORD_COLUMNS}, r.is_root, r.date_added, {}, {}, {}
         FROM {RECORD_JOINS}
         LEFT JOIN locations l1 ON l1.id = e.actor1_location
         LEFT JOIN locations l2 ON l2.id = e.actor2_location
         LEFT JOIN locations l3 ON l3.id = e.action_location
         WHERE {cond} ORDER BY r.id",
        geo_columns("l1"),
        geo_columns("l2"),
        geo_columns("l3"),
    );
    let mut st = store.connection().prepare(&sql)?;
    let mut rows = st.query(params_from_iter(params))?;
    let mut n = 0;
    let mut f: Vec<String> = Vec::with_capacity(GDELT_EVENT_COLUMNS);
    while let Some(r) = rows.next()? {
        let rec: RecordRow = record_row(r)?;
        let is_root: i64 = r.get(RECORD_WIDTH)?;
        let date_added: String = r.get(RECORD_WIDTH + 1)?;
        let w = RECORD_WIDTH + 2;
        let geos = [read_geo(r, w)?, read_geo(r, w + 7)?, read_geo(r, w + 14)?];
        f.clear();
        // An undated record leaves SQLDATE, MonthYear, Year and FractionDate empty.
        let rec_day = rec.day.as_deref().unwrap_or("");
        let day = compact_day(rec_day);
        f.push(rec.id.to_string());
        f.push(day.clone());
        f.push(day.get(..6).unwrap_or("").to_string());
        f.push(day.get(..4).unwrap_or("").to_string());
        f.push(fraction_date(rec_day));
        push_actor(&mut f, &rec.source, &rec.source_text);
        push_actor(&mut f, &rec.target, &rec.target_text);
        f.push(is_root.to_string());
        f.push(clean(&rec.code));
        f.push(clean(rec.code.get(..3).unwrap_or(&rec.code)));
        f.push(clean(&rec.root));
        f.push(rec.quad_class.to_string());
        f.push(format!("{:.1}", rec.goldstein));
        f.push(rec.num_mentions.to_string());
        f.push(rec.num_sources.to_string());
        f.push(rec.num_articles.to_string());
        f.push(rec.avg_tone.map(|t| format!("{t:.4}")).unwrap_or_default());
        for g in &geos {
            g.push(&mut f);
        }
        f.push(
            date_added
                .chars()
                .filter(char::is_ascii_digit)
                .take(14)
                .collect(),
        );
        f.push(clean(rec.url.as_deref().unwrap_or("")));
        debug_assert_eq!(f.len(), GDELT_EVENT_COLUMNS);
        write_tsv(out, &f)?;
        n += 1;
    }
    Ok(n)
}

fn gdelt_mentions(store: &Store, filters: &Filters, out: &mut dyn Write) -> Result<usize> {
    let (cond, params) = filters.sql()?;
    let sql = format!(
        "SELECT r.id, r.day, a.published, a.ingested_at, a.outlet, a.url, a.doc_id, m.sentence,
                m.source_char, m.target_char, m.action_char, m.confidence, length(a.text), a.tone
         FROM records r JOIN events m ON m.record_id = r.id JOIN articles a ON a.id = m.article_id
         WHERE {cond} ORDER BY r.id, m.id"
    );
    let mut st = store.connection().prepare(&sql)?;
    let mut rows = st.query(params_from_iter(params))?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let day: String = r.get(1)?;
        let published: Option<String> = r.get(2)?;
        let ingested: String = r.get(3)?;
        let url: Option<String> = r.get(5)?;
        let doc_id: String = r.get(6)?;
        let sentence: i64 = r.get(7)?;
        let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        // When herald found the mention (GDELT's crawl time): the publication day, else
        // the ingestion time, which is when it was found. EventTimeDate stays empty.
        let mention_time = match &published {
            Some(p) => format!("{}000000", compact_day(p)),
            None => ingested
                .chars()
                .filter(char::is_ascii_digit)
                .take(14)
                .collect(),
        };
        let tone: Option<f64> = r.get(13)?;
        let f = vec![
            id.to_string(),
            if day.is_empty() {
                String::new()
            } else {
                format!("{}000000", compact_day(&day))
            },
            mention_time,
            "1".into(), // MentionType 1: web article
            clean(&r.get::<_, String>(4)?),
            clean(url.as_deref().unwrap_or(&doc_id)),
            (sentence + 1).to_string(),
            r.get::<_, i64>(8)?.to_string(),
            opt(r.get(9)?),
            r.get::<_, i64>(10)?.to_string(),
            "1".into(), // InRawText: herald codes the text as written
            r.get::<_, i64>(11)?.to_string(),
            r.get::<_, i64>(12)?.to_string(),
            tone.map(|t| format!("{t:.4}")).unwrap_or_default(),
            String::new(), // MentionDocTranslationInfo: no translation
            String::new(), // Extras
        ];
        debug_assert_eq!(f.len(), GDELT_MENTION_COLUMNS);
        write_tsv(out, &f)?;
        n += 1;
    }
    Ok(n)
}

/// One mention of a record, in JSON Lines output.
#[derive(Serialize)]
struct MentionJson {
    article_id: i64,
    url: Option<String>,
    outlet: String,
    sentence: i64,
    span: [i64; 2],
    source_span: [i64; 2],
    target_span: Option<[i64; 2]>,
    modality: String,
    confidence: i64,
    pattern: String,
}

#[derive(Serialize)]
struct RecordJson<'a> {
    #[serde(flatten)]
    record: &'a RecordRow,
    mentions: Vec<MentionJson>,
}

fn select_records<'s>(
    store: &'s Store,
    filters: &Filters,
) -> Result<(rusqlite::Statement<'s>, Vec<rusqlite::types::Value>)> {
    let (cond, params) = filters.sql()?;
    let sql = format!("SELECT {RECORD_COLUMNS} FROM {RECORD_JOINS} WHERE {cond} ORDER BY r.id");
    Ok((store.connection().prepare(&sql)?, params))
}

fn jsonl(store: &Store, filters: &Filters, out: &mut dyn Write) -> Result<usize> {
    let (mut st, params) = select_records(store, filters)?;
    let mut ms = store.connection().prepare(
        "SELECT m.article_id, a.url, a.outlet, m.sentence, m.span_start, m.span_end,
                m.source_start, m.source_end, m.target_start, m.target_end, m.modality,
                m.confidence, m.pattern
         FROM events m JOIN articles a ON a.id = m.article_id WHERE m.record_id = ?1 ORDER BY m.id",
    )?;
    let mut rows = st.query(params_from_iter(params))?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let record = record_row(r)?;
        let mentions = ms
            .query_map([record.id], |m| {
                let ts: Option<i64> = m.get(8)?;
                let te: Option<i64> = m.get(9)?;
                Ok(MentionJson {
                    article_id: m.get(0)?,
                    url: m.get(1)?,
                    outlet: m.get(2)?,
                    sentence: m.get(3)?,
                    span: [m.get(4)?, m.get(5)?],
                    source_span: [m.get(6)?, m.get(7)?],
                    target_span: ts.zip(te).map(|(s, e)| [s, e]),
                    modality: m.get(10)?,
                    confidence: m.get(11)?,
                    pattern: m.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let line = serde_json::to_string(&RecordJson {
            record: &record,
            mentions,
        })
        .map_err(std::io::Error::other)?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        n += 1;
    }
    Ok(n)
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

const CSV_HEADER: &str = "id,day,source,target,code,root,name,goldstein,quad_class,num_mentions,num_sources,num_articles,first_seen,last_seen,avg_tone,source_text,target_text,url,day_from_text";

fn csv(store: &Store, filters: &Filters, out: &mut dyn Write) -> Result<usize> {
    let (mut st, params) = select_records(store, filters)?;
    let mut rows = st.query(params_from_iter(params))?;
    out.write_all(CSV_HEADER.as_bytes())?;
    out.write_all(b"\r\n")?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let x = record_row(r)?;
        let fields = [
            x.id.to_string(),
            x.day.unwrap_or_default(),
            x.source,
            x.target,
            x.code,
            x.root,
            x.name,
            x.goldstein.to_string(),
            x.quad_class.to_string(),
            x.num_mentions.to_string(),
            x.num_sources.to_string(),
            x.num_articles.to_string(),
            x.first_seen.unwrap_or_default(),
            x.last_seen.unwrap_or_default(),
            x.avg_tone.map(|t| t.to_string()).unwrap_or_default(),
            x.source_text,
            x.target_text,
            x.url.unwrap_or_default(),
            x.day_from_text.to_string(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.write_all(line.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_helpers() {
        assert_eq!(clean("a\tb\nc\rd"), "a b c d");
        assert_eq!(clean("\"Xi\" said"), "'Xi' said");
        assert_eq!(compact_day("2023-03-17"), "20230317");
        assert_eq!(fraction_date("2023-03-17"), "2023.2932");
        assert_eq!(fraction_date("bad"), "");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(CSV_HEADER.split(',').count(), 19);
        assert!("gkg2".parse::<Format>().is_err());
        assert_eq!("gkg".parse::<Format>().unwrap(), Format::Gkg);
        assert_eq!(
            "gdelt-events".parse::<Format>().unwrap(),
            Format::GdeltEvents
        );
    }

    #[test]
    fn empty_geo_is_eight_fields() {
        let mut f = Vec::new();
        Geo::default().push(&mut f);
        assert_eq!(f.len(), 8);
        let g = Geo {
            kind: Some("city".into()),
            name: Some("Moscow".into()),
            fips: Some("RS".into()),
            adm1: Some("48".into()),
            lat: Some(55.75),
            lon: Some(37.62),
            geonameid: Some(524901),
        };
        let mut f = Vec::new();
        g.push(&mut f);
        assert_eq!(
            f,
            ["4", "Moscow", "RS", "RS48", "", "55.7500", "37.6200", "524901"]
        );
    }
}
