//! Opening the database and inserting documents.

use crate::schema::MIGRATIONS;
use crate::{Error, Result};
use herald_core::{Document, Event, Modality, Span};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A herald database: one SQLite file in WAL mode.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What [`Store::insert`] did with an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new article.
    Inserted(Inserted),
    /// Already stored (same URL or same text); nothing was written.
    Duplicate {
        /// The stored article's id.
        article_id: i64,
    },
}

/// Counts for one newly stored article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inserted {
    /// The new article's id.
    pub article_id: i64,
    /// Coded events stored (GDELT mentions), negated ones included.
    pub events: usize,
    /// Event records this article created (the rest joined existing ones).
    pub new_records: usize,
}

/// Where an article's text came from, stored with it (`text_source`, `text_note`) when it
/// is not simply the input's: `herald watch` marks text it did not get from the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextSource {
    /// The text of the input as given (files, standard input): nothing is marked.
    Input,
    /// The item's page, fetched and extracted.
    Page,
    /// The feed item's own full content (`content:encoded`, Atom `content`).
    Feed,
    /// The feed item's text (title and summary, or teaser) stored because its page could
    /// not be had; the reason (`HTTP 404`, no article text in the page…).
    FeedInsteadOfPage(String),
}

impl TextSource {
    /// The `text_source` column: `page`, `feed`, `feed-instead-of-page`; `None` for
    /// [`TextSource::Input`].
    pub fn name(&self) -> Option<&'static str> {
        match self {
            TextSource::Input => None,
            TextSource::Page => Some("page"),
            TextSource::Feed => Some("feed"),
            TextSource::FeedInsteadOfPage(_) => Some("feed-instead-of-page"),
        }
    }

    fn note(&self) -> Option<&str> {
        match self {
            TextSource::FeedInsteadOfPage(why) => Some(why),
            _ => None,
        }
    }
}

/// A 64-bit FNV-1a hash of the text, as 16 hex digits: the duplicate-text key.
///
/// 64 bits make an accidental collision unlikely below billions of articles
/// (birthday bound about 4·10⁹).
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// How long a writer waits in all for the write lock before giving up: other
/// `herald ingest`/`watch` processes on the same file each hold it for one batch.
pub const WRITE_LOCK_PATIENCE: Duration = Duration::from_secs(600);

impl Store {
    /// Open (creating if needed) the database at `path`, apply pending migrations, and
    /// switch on WAL mode and foreign keys.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        let conn = Connection::open(&path).map_err(open_err)?;
        // Readers and the writer wait for each other instead of failing at once.
        conn.busy_timeout(Duration::from_secs(30))
            .map_err(open_err)?;
        // Switching a new file to WAL needs an exclusive lock, and SQLite answers BUSY at
        // once (without the busy handler) when another process is opening it too: retry.
        let started = std::time::Instant::now();
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Ok(()) => break,
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < Duration::from_secs(30) =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(open_err(e)),
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        // NORMAL is durable across process crashes in WAL mode; only power loss can
        // drop the last transactions, never half of one.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        let mut store = Store { conn, path };
        store.migrate()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version in force.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let known = MIGRATIONS.len() as i64;
        if self.schema_version()? == known {
            return Ok(());
        }
        // IMMEDIATE takes the write lock before reading the version, so two processes
        // opening a new file at once do not both apply the same migration.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > known {
            return Err(Error::NewerSchema {
                path: self.path.clone(),
                found,
                known,
            });
        }
        for sql in MIGRATIONS.iter().skip(found as usize) {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", known)?;
        tx.commit()?;
        Ok(())
    }

    /// The underlying connection, for queries this crate does not offer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Start a write transaction: `BEGIN IMMEDIATE`, so the write lock is taken (and
    /// waited for, under the busy timeout) before the duplicate checks read anything.
    /// A deferred transaction that reads and then writes cannot wait: SQLite answers
    /// "database is locked" at once when another process wrote in between, which lost
    /// articles when two ingests shared a file. BUSY at the start is retried for up to
    /// [`WRITE_LOCK_PATIENCE`] in all, so a writer holding the lock through a long batch
    /// delays the others instead of failing them.
    fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        let started = std::time::Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            match rusqlite::Transaction::new_unchecked(
                &self.conn,
                rusqlite::TransactionBehavior::Immediate,
            ) {
                Ok(tx) => return Ok(tx),
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < WRITE_LOCK_PATIENCE =>
                {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(500));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Store one article with all its annotations in one transaction.
    pub fn insert(&mut self, doc: &Document) -> Result<Outcome> {
        let tx = self.write_transaction()?;
        let out = insert_doc(&tx, doc, &TextSource::Input)?;
        tx.commit()?;
        Ok(out)
    }

    /// Store many articles in one transaction, each inside its own savepoint: an article
    /// that fails is rolled back alone (its error is returned in its slot) and the others
    /// commit. A crash before the commit stores none of the batch.
    pub fn insert_batch(&mut self, docs: &[Document]) -> Result<Vec<Result<Outcome>>> {
        self.insert_batch_from(docs.iter().map(|d| (d, TextSource::Input)))
    }

    /// As [`Store::insert_batch`], each article with where its text came from (stored
    /// in `text_source` and `text_note`, shown by `herald serve`).
    pub fn insert_batch_from<'a>(
        &mut self,
        docs: impl IntoIterator<Item = (&'a Document, TextSource)>,
    ) -> Result<Vec<Result<Outcome>>> {
        let mut tx = self.write_transaction()?;
        let docs = docs.into_iter();
        let mut out = Vec::with_capacity(docs.size_hint().0);
        for (doc, source) in docs {
            let sp = tx.savepoint()?;
            match insert_doc(&sp, doc, &source) {
                Ok(o) => {
                    sp.commit()?;
                    out.push(Ok(o));
                }
                Err(e) => {
                    // Dropping the savepoint rolls it back.
                    drop(sp);
                    out.push(Err(e));
                }
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Check the invariants the store promises, returning one line per violation:
    /// no annotation without its article, no article or annotation stored twice, every
    /// counted event in a record and every record with mentions, record counters equal
    /// to their mentions.
    pub fn verify(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let checks: &[(&str, &str)] = &[
            (
                "SELECT content_hash, count(*) FROM articles GROUP BY content_hash HAVING count(*) > 1",
                "articles with the same text",
            ),
            (
                "SELECT e.id, 0 FROM events e WHERE e.record_id IS NULL AND e.negated = 0",
                "an event counted in no record",
            ),
            (
                "SELECT r.id, 0 FROM records r WHERE NOT EXISTS
                    (SELECT 1 FROM events e WHERE e.record_id = r.id)",
                "a record without mentions",
            ),
        ];
        for (sql, what) in checks {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([], |r| {
                Ok((r.get::<_, rusqlite::types::Value>(0)?, r.get::<_, i64>(1)?))
            })?;
            for row in rows {
                let (key, n) = row?;
                problems.push(format!("{what}: {key:?} ({n})"));
            }
        }
        // Each annotation layer holds one row per (article, position).
        for (table, key) in [
            ("events", "article_id, idx"),
            ("mentions", "article_id, idx"),
            ("quotes", "article_id, idx"),
            ("times", "article_id, idx"),
            ("amounts", "article_id, idx"),
            ("locations", "article_id, idx"),
            ("names", "article_id, kind, idx"),
        ] {
            let n: i64 = self.conn.query_row(
                &format!(
                    "SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {key} HAVING count(*) > 1)"
                ),
                [],
                |r| r.get(0),
            )?;
            if n > 0 {
                problems.push(format!("{table}: {n} row(s) stored more than once"));
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (table, rowid) = row?;
            problems.push(format!("{table} row {rowid} points to a missing row"));
        }
        let mut st = self.conn.prepare(
            "SELECT r.id, r.num_mentions, r.num_articles, r.num_sources,
                    (SELECT count(*) FROM events e WHERE e.record_id = r.id),
                    (SELECT count(DISTINCT e.article_id) FROM events e WHERE e.record_id = r.id),
                    (SELECT count(DISTINCT a.outlet) FROM events e JOIN articles a ON a.id = e.article_id
                      WHERE e.record_id = r.id)
             FROM records r",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?],
                [r.get::<_, i64>(4)?, r.get(5)?, r.get(6)?],
            ))
        })?;
        for row in rows {
            let (id, stored, actual) = row?;
            if stored != actual {
                problems.push(format!(
                    "record {id}: mentions/articles/sources stored {stored:?}, actual {actual:?}"
                ));
            }
        }
        Ok(problems)
    }
}

/// The outlet that counts for NumSources: the source name, else the URL's host, else
/// the article itself (an unknown outlet is counted as distinct).
fn outlet(doc: &Document, hash: &str) -> String {
    if let Some(s) = doc
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return s.to_lowercase();
    }
    if let Some(u) = doc.url.as_deref() {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host);
        if !host.is_empty() {
            return host.trim_start_matches("www.").to_lowercase();
        }
    }
    format!("article:{hash}")
}

/// The day an event is keyed on: its own date when it has day precision, else the
/// article's publication day, else [`UNDATED`]. Never the ingestion day: a story from
/// 2004 read today is not news of today.
pub(crate) fn event_day(ev: &Event, published: Option<&str>) -> String {
    if let Some(d) = ev.date.as_deref() {
        if let Some(day) = d.get(..10) {
            if chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() {
                return day.to_string();
            }
        }
    }
    published.unwrap_or(UNDATED).to_string()
}

/// What the `day`, `first_seen` and `last_seen` columns hold when no date is known. The
/// columns are NOT NULL and `day` is part of the records' unique key, where NULLs would
/// never compare equal; every reader turns it back into `None`.
pub(crate) const UNDATED: &str = "";

/// GDELT's 0–100 mention confidence from how the text presents the event.
pub(crate) fn confidence(ev: &Event) -> i64 {
    let base = match ev.modality {
        Modality::Asserted => 100,
        Modality::Reported => 80,
        Modality::Future | Modality::Intended => 60,
        Modality::Hypothetical => 40,
    };
    let base = if ev.negated { base / 4 } else { base };
    // A date read from the event's own clause is firmer evidence than the article's.
    match ev.date_source {
        Some(herald_core::DateSource::Article) | None => base - base / 10,
        _ => base,
    }
}

fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Future => "future",
        Modality::Intended => "intended",
        Modality::Reported => "reported",
        Modality::Hypothetical => "hypothetical",
    }
}

/// Byte span → character offset, checking that the span lies inside the text.
fn char_offset(doc: &Document, span: Span, what: &str) -> Result<i64> {
    let ok = span.start <= span.end
        && doc.text.get(span.start..span.end).is_some()
        && doc.text.get(..span.start).is_some();
    if !ok {
        return Err(Error::BadDocument {
            doc_id: doc.id.clone(),
            message: format!(
                "{what} span {}..{} is not inside the text ({} bytes) on character boundaries",
                span.start,
                span.end,
                doc.text.len()
            ),
        });
    }
    Ok(doc.text[..span.start].chars().count() as i64)
}

fn check_span(doc: &Document, span: Span, what: &str) -> Result<()> {
    if span.start > span.end || span.end > doc.text.len() {
        return Err(Error::BadDocument {
            doc_id: doc.id.clone(),
            message: format!(
                "{what} span {}..{} is outside the text ({} bytes)",
                span.start,
                span.end,
                doc.text.len()
            ),
        });
    }
    Ok(())
}

fn sql_int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Insert one document inside an open transaction or savepoint: the article row, its
/// annotation layers, then its events and the records they count towards.
fn insert_doc(tx: &Connection, doc: &Document, source: &TextSource) -> Result<Outcome> {
    let hash = content_hash(&doc.text);
    let url = doc.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM articles WHERE url = ?1 OR content_hash = ?2 LIMIT 1",
            params![url, hash],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(article_id) = existing {
        return Ok(Outcome::Duplicate { article_id });
    }
    let ingested_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let published = doc.date.map(|d| d.format("%Y-%m-%d").to_string());
    let outlet = outlet(doc, &hash);
    let tone = doc.tone.as_ref();
    tx.execute(
        "INSERT INTO articles (doc_id, url, source, outlet, title, published, content_hash,
            ingested_at, text, tone, tone_positive, tone_negative, tone_polarity, tone_words,
            text_source, text_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            doc.id,
            url,
            doc.source,
            outlet,
            doc.title,
            published,
            hash,
            ingested_at,
            doc.text,
            tone.map(|t| t.tone),
            tone.map(|t| t.positive),
            tone.map(|t| t.negative),
            tone.map(|t| t.polarity),
            tone.map(|t| sql_int(t.words)),
            source.name(),
            source.note(),
        ],
    )?;
    let article_id = tx.last_insert_rowid();
    insert_mentions(tx, doc, article_id)?;
    insert_quotes(tx, doc, article_id)?;
    insert_times(tx, doc, article_id)?;
    insert_amounts(tx, doc, article_id)?;
    insert_names(tx, doc, article_id)?;
    let location_ids = insert_locations(tx, doc, article_id)?;
    let article = ArticleRow {
        id: article_id,
        published: published.as_deref(),
        ingested_at: &ingested_at,
        outlet: &outlet,
        tone: tone.map(|t| t.tone),
        location_ids: &location_ids,
    };
    let new_records = insert_events(tx, doc, &article)?;
    Ok(Outcome::Inserted(Inserted {
        article_id,
        events: doc.events.len(),
        new_records,
    }))
}

/// The actor mentions.
fn insert_mentions(tx: &Connection, doc: &Document, article_id: i64) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO mentions (article_id, idx, text, code, span_start, span_end, sentence, kind, entries)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, m) in doc.mentions.iter().enumerate() {
        check_span(doc, m.span, "mention")?;
        let kind = serde_json::to_value(m.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        st.execute(params![
            article_id,
            sql_int(i),
            m.text,
            m.code,
            sql_int(m.span.start),
            sql_int(m.span.end),
            sql_int(m.sentence),
            kind,
            m.entries.join("\n"),
        ])?;
    }
    Ok(())
}

/// The quotations.
fn insert_quotes(tx: &Connection, doc: &Document, article_id: i64) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO quotes (article_id, idx, text, span_start, span_end, speaker, speaker_code,
            speaker_start, speaker_end, verb, direct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, q) in doc.quotes.iter().enumerate() {
        check_span(doc, q.span, "quote")?;
        let sp = q.speaker.as_ref();
        st.execute(params![
            article_id,
            sql_int(i),
            q.text,
            sql_int(q.span.start),
            sql_int(q.span.end),
            sp.map(|s| &s.name),
            sp.and_then(|s| s.code.as_ref()),
            sp.map(|s| sql_int(s.span.start)),
            sp.map(|s| sql_int(s.span.end)),
            q.verb,
            q.direct,
        ])?;
    }
    Ok(())
}

/// The time expressions.
fn insert_times(tx: &Connection, doc: &Document, article_id: i64) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO times (article_id, idx, text, span_start, span_end, type, value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, t) in doc.times.iter().enumerate() {
        check_span(doc, t.span, "time")?;
        st.execute(params![
            article_id,
            sql_int(i),
            t.text,
            sql_int(t.span.start),
            sql_int(t.span.end),
            t.kind,
            t.value,
        ])?;
    }
    Ok(())
}

/// The amounts.
fn insert_amounts(tx: &Connection, doc: &Document, article_id: i64) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO amounts (article_id, idx, text, span_start, span_end, value, unit, object)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, a) in doc.amounts.iter().enumerate() {
        check_span(doc, a.span, "amount")?;
        st.execute(params![
            article_id,
            sql_int(i),
            a.text,
            sql_int(a.span.start),
            sql_int(a.span.end),
            a.value,
            a.unit,
            a.object,
        ])?;
    }
    Ok(())
}

/// The person and organisation names.
fn insert_names(tx: &Connection, doc: &Document, article_id: i64) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO names (article_id, kind, idx, text, span_start, span_end, code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (kind, names) in [
        ("person", &doc.persons),
        ("organization", &doc.organizations),
    ] {
        for (i, n) in names.iter().enumerate() {
            check_span(doc, n.span, kind)?;
            st.execute(params![
                article_id,
                kind,
                sql_int(i),
                n.text,
                sql_int(n.span.start),
                sql_int(n.span.end),
                n.code,
            ])?;
        }
    }
    Ok(())
}

/// The places; their row ids, in the document's order, for the events' geo slots.
fn insert_locations(tx: &Connection, doc: &Document, article_id: i64) -> Result<Vec<i64>> {
    let mut location_ids = Vec::with_capacity(doc.locations.len());
    let mut st = tx.prepare_cached(
        "INSERT INTO locations (article_id, idx, text, span_start, span_end, code, country, fips,
            adm1, lat, lon, geonameid, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, l) in doc.locations.iter().enumerate() {
        check_span(doc, l.span, "location")?;
        st.execute(params![
            article_id,
            sql_int(i),
            l.text,
            sql_int(l.span.start),
            sql_int(l.span.end),
            l.code,
            l.country,
            l.fips,
            l.adm1,
            l.lat,
            l.lon,
            l.geonameid.and_then(|g| i64::try_from(g).ok()),
            l.kind,
        ])?;
        location_ids.push(tx.last_insert_rowid());
    }
    Ok(location_ids)
}

/// What the event rows of one article share with its article row.
struct ArticleRow<'a> {
    id: i64,
    published: Option<&'a str>,
    ingested_at: &'a str,
    outlet: &'a str,
    tone: Option<f64>,
    location_ids: &'a [i64],
}

/// The events: each one's row, and the record it counts towards (made when new);
/// returns how many records are new.
fn insert_events(tx: &Connection, doc: &Document, article: &ArticleRow) -> Result<usize> {
    let published = article.published;
    let mut seen_records: HashSet<i64> = HashSet::new();
    let mut new_records = 0;
    for (i, ev) in doc.events.iter().enumerate() {
        // Spans are checked before anything is counted.
        let source_char = char_offset(doc, ev.source.span, "event source")?;
        let target_char = match &ev.target {
            Some(t) => Some(char_offset(doc, t.span, "event target")?),
            None => None,
        };
        let action_char = char_offset(doc, ev.span, "event")?;
        let chars = (source_char, target_char, action_char);
        let day = event_day(ev, published);
        let paragraph = doc.sentences.get(ev.sentence).map(|s| sql_int(s.paragraph));
        let record_id = if ev.negated {
            // "X did not attack Y" is evidence against the event: kept as a mention
            // for inspection, never counted in a record.
            None
        } else {
            let (rid, new) = count_in_record(tx, ev, &day, paragraph, article, &mut seen_records)?;
            new_records += usize::from(new);
            Some(rid)
        };
        insert_event_row(tx, doc, article, i, ev, record_id, &day, paragraph, chars)?;
        if let Some(rid) = record_id {
            let eid = tx.last_insert_rowid();
            tx.prepare_cached(
                "UPDATE records SET first_event_id = ?2 WHERE id = ?1 AND first_event_id IS NULL",
            )?
            .execute(params![rid, eid])?;
        }
    }
    Ok(new_records)
}

/// Count `ev` in its record (source, target, code, day), making the record when it is
/// new: the record's id, and whether it is new. `seen` holds the records this article
/// already counts in (an article counts once per record in `num_articles`).
fn count_in_record(
    tx: &Connection,
    ev: &Event,
    day: &str,
    paragraph: Option<i64>,
    article: &ArticleRow,
    seen: &mut HashSet<i64>,
) -> Result<(i64, bool)> {
    let ingested_at = article.ingested_at;
    let outlet = article.outlet;
    let target_code = ev.target.as_ref().map_or("", |t| t.code.as_str());
    // An undated article leaves first_seen/last_seen as they are (UNDATED when new).
    let seen_day = article.published;
    let inserted = tx
        .prepare_cached(
            "INSERT INTO records (source_code, target_code, code, day, root, name, goldstein,
            quad_class, first_seen, last_seen, date_added)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)
         ON CONFLICT (source_code, target_code, code, day) DO NOTHING",
        )?
        .execute(params![
            ev.source.code,
            target_code,
            ev.code,
            day,
            ev.root,
            ev.name,
            f64::from(ev.goldstein),
            i64::from(ev.quad_class),
            seen_day.unwrap_or(UNDATED),
            ingested_at,
        ])?;
    let rid: i64 = tx
        .prepare_cached(
            "SELECT id FROM records WHERE source_code = ?1 AND target_code = ?2
             AND code = ?3 AND day = ?4",
        )?
        .query_row(params![ev.source.code, target_code, ev.code, day], |r| {
            r.get(0)
        })?;
    let first_in_article = seen.insert(rid);
    let new_outlet = first_in_article
        && tx
            .prepare_cached(
                "INSERT OR IGNORE INTO record_outlets (record_id, outlet) VALUES (?1, ?2)",
            )?
            .execute(params![rid, outlet])?
            == 1;
    let tone_value = article.tone.filter(|_| first_in_article);
    tx.prepare_cached(
        "UPDATE records SET num_mentions = num_mentions + 1,
            num_articles = num_articles + ?2,
            num_sources = num_sources + ?3,
            first_seen = CASE WHEN ?4 IS NULL THEN first_seen
                WHEN first_seen = '' THEN ?4 ELSE min(first_seen, ?4) END,
            last_seen = coalesce(max(last_seen, ?4), last_seen),
            tone_sum = tone_sum + coalesce(?5, 0),
            tone_n = tone_n + (?5 IS NOT NULL),
            is_root = max(is_root, ?6)
         WHERE id = ?1",
    )?
    .execute(params![
        rid,
        i64::from(first_in_article),
        i64::from(new_outlet),
        seen_day,
        tone_value,
        i64::from(paragraph == Some(0)),
    ])?;
    Ok((rid, inserted == 1))
}

/// One event's row.
#[allow(clippy::too_many_arguments)]
fn insert_event_row(
    tx: &Connection,
    doc: &Document,
    article: &ArticleRow,
    i: usize,
    ev: &Event,
    record_id: Option<i64>,
    day: &str,
    paragraph: Option<i64>,
    chars: (i64, Option<i64>, i64),
) -> Result<()> {
    let (source_char, target_char, action_char) = chars;
    let (a1, a2, act) = event_locations(doc, ev, article.location_ids);
    tx.prepare_cached(
        "INSERT INTO events (article_id, record_id, idx, sentence, paragraph, source_code,
            source_text, source_start, source_end, target_code, target_text, target_start,
            target_end, code, root, name, goldstein, quad_class, plover_type, plover_mode,
            date, date_source, day, span_start, span_end, pattern, modality, negated,
            confidence, source_char, target_char, action_char, actor1_location,
            actor2_location, action_location, reported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33,
            ?34, ?35, ?36)",
    )?
    .execute(params![
        article.id,
        record_id,
        sql_int(i),
        sql_int(ev.sentence),
        paragraph,
        ev.source.code,
        ev.source.text,
        sql_int(ev.source.span.start),
        sql_int(ev.source.span.end),
        ev.target.as_ref().map(|t| &t.code),
        ev.target.as_ref().map(|t| &t.text),
        ev.target.as_ref().map(|t| sql_int(t.span.start)),
        ev.target.as_ref().map(|t| sql_int(t.span.end)),
        ev.code,
        ev.root,
        ev.name,
        f64::from(ev.goldstein),
        i64::from(ev.quad_class),
        ev.plover.as_ref().map(|p| &p.kind),
        ev.plover.as_ref().map(|p| &p.mode),
        ev.date,
        ev.date_source.map(|d| d.as_str()),
        day,
        sql_int(ev.span.start),
        sql_int(ev.span.end),
        ev.pattern,
        modality_name(ev.modality),
        ev.negated,
        confidence(ev),
        source_char,
        target_char,
        action_char,
        a1,
        a2,
        act,
        ev.reported_by.as_ref().map(|r| &r.code),
    ])?;
    Ok(())
}

/// GDELT's three geo slots for an event: a place in the event's sentence in each actor's
/// country, and the place in the sentence nearest the event's words (else the first
/// place in the article in the source actor's country).
fn event_locations(
    doc: &Document,
    ev: &Event,
    ids: &[i64],
) -> (Option<i64>, Option<i64>, Option<i64>) {
    let sent = doc.sentences.get(ev.sentence).map(|s| s.span);
    let in_sentence = |i: &usize| sent.is_some_and(|s| s.contains(doc.locations[*i].span));
    let country_of = |code: &str| code.get(..3).map(str::to_string);
    let find_country = |code: &str, only_sentence: bool| {
        let c = country_of(code)?;
        (0..doc.locations.len())
            .filter(|i| !only_sentence || in_sentence(i))
            .find(|&i| doc.locations[i].country.as_deref() == Some(c.as_str()))
    };
    let a1 = find_country(&ev.source.code, false);
    let a2 = ev
        .target
        .as_ref()
        .and_then(|t| find_country(&t.code, false));
    let dist = |i: usize| {
        let l = doc.locations[i].span;
        if l.end <= ev.span.start {
            ev.span.start - l.end
        } else {
            l.start.saturating_sub(ev.span.end)
        }
    };
    let action = (0..doc.locations.len())
        .filter(in_sentence)
        .min_by_key(|&i| dist(i))
        .or_else(|| find_country(&ev.source.code, true));
    let id = |i: Option<usize>| i.and_then(|i| ids.get(i).copied());
    (id(a1), id(a2), id(action))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fnv1a() {
        // FNV-1a 64 test vectors.
        assert_eq!(content_hash(""), "cbf29ce484222325");
        assert_eq!(content_hash("a"), "af63dc4c8601ec8c");
        assert_ne!(content_hash("ab"), content_hash("ba"));
    }

    #[test]
    fn outlets() {
        let mut d = Document::new("x", "t", None);
        assert_eq!(outlet(&d, "h"), "article:h");
        d.url = Some("https://www.Reuters.com:443/world/x?y".into());
        assert_eq!(outlet(&d, "h"), "reuters.com");
        d.source = Some(" BBC ".into());
        assert_eq!(outlet(&d, "h"), "bbc");
    }
}
