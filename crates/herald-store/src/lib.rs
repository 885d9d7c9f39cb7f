//! herald's store: coded articles in one SQLite file, deduplicated event records, GDELT
//! export and queries.
//!
//! [`Store::open`] creates or migrates the database; [`Store::insert`] and
//! [`Store::insert_batch`] add processed [`herald_core::Document`]s, each article with all
//! of its annotations or not at all, skipping articles already stored (same URL or same
//! text). Events with the same source, target, CAMEO code and day are merged into one
//! event *record* (GDELT's Events table) whose mentions are the coded events (GDELT's
//! Mentions table). [`export()`] writes records as GDELT 2.0 events or mentions, JSON Lines,
//! CSV or Parquet, and articles as GDELT GKG 2.1 rows; [`Store::events`], [`Store::timeline`], [`Store::actor_pairs`],
//! [`Store::quotes`] and [`Store::stats`] answer questions.

#![warn(missing_docs)]

mod actor;
mod export;
mod gkg;
#[cfg(feature = "parquet")]
mod parquet_export;
mod query;
mod schema;
mod store;
mod tsv;
mod views;

pub use actor::ActorParts;
pub use export::{export, Format, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS};
pub use gkg::GKG_COLUMNS;
#[cfg(feature = "parquet")]
pub use parquet_export::PARQUET_SCHEMA;
pub use query::{
    ActorPair, Period, PeriodBy, QuoteRow, RecordRow, Sort, Stats, Timeline, TimelineOptions,
};
pub use store::{content_hash, Inserted, Outcome, Store, TextSource};
pub use views::{
    ArticleSummary, EventInfo, EventRow, Network, NetworkEdge, NetworkNode, NetworkOptions,
    NodeLevel, StoredArticle,
};

use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database file could not be opened or set up.
    #[error("{path}: {source}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file was written by a newer herald.
    #[error(
        "{path}: schema version {found} is newer than this herald knows ({known}); upgrade herald"
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// A query or statement failed.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A document cannot be stored as it is (for example a span outside its text).
    #[error("article {doc_id:?}: {message}")]
    BadDocument {
        /// The document's id.
        doc_id: String,
        /// What is wrong.
        message: String,
    },
    /// A filter value is malformed.
    #[error("filter {name}: {message}")]
    BadFilter {
        /// The filter's name.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Writing the output failed.
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
}

/// Result with the store's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which event records to select; every field left empty matches all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// First day, inclusive (YYYY-MM-DD).
    pub from: Option<chrono::NaiveDate>,
    /// Last day, inclusive (YYYY-MM-DD).
    pub to: Option<chrono::NaiveDate>,
    /// Source actor code prefix (CHN matches CHN, CHNGOV…).
    pub actor: Option<String>,
    /// Target actor code prefix.
    pub target: Option<String>,
    /// CAMEO event code prefix (04 matches 04, 040, 042…).
    pub code: Option<String>,
    /// CAMEO root code, exact ("04").
    pub root: Option<String>,
    /// GDELT QuadClass (1–4).
    pub quad: Option<u8>,
}

impl Filters {
    /// SQL conditions on the `records` table aliased `r`, and their parameters.
    pub(crate) fn sql(&self) -> Result<(String, Vec<rusqlite::types::Value>)> {
        use rusqlite::types::Value;
        let mut conds: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if let Some(d) = self.from {
            conds.push("r.day >= ?".into());
            params.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        if let Some(d) = self.to {
            // Undated records ('') sort before every day but are in no range.
            conds.push("r.day <= ? AND r.day <> ''".into());
            params.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        for (name, col, val) in [
            ("actor", "r.source_code", &self.actor),
            ("target", "r.target_code", &self.target),
            ("code", "r.code", &self.code),
        ] {
            if let Some(p) = val {
                let p = p.trim().to_ascii_uppercase();
                if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(Error::BadFilter {
                        name,
                        message: format!("{p:?} is not a code prefix (letters and digits only)"),
                    });
                }
                // A range instead of LIKE so the index on the code column is used.
                conds.push(format!("({col} >= ? AND {col} < ?)"));
                params.push(Value::Text(p.clone()));
                params.push(Value::Text(prefix_end(&p)));
            }
        }
        if let Some(r) = &self.root {
            conds.push("r.root = ?".into());
            params.push(Value::Text(r.trim().to_string()));
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(Error::BadFilter {
                    name: "quad",
                    message: format!("{q} is not a QuadClass (1-4)"),
                });
            }
            conds.push("r.quad_class = ?".into());
            params.push(Value::Integer(q.into()));
        }
        let sql = if conds.is_empty() {
            "1".to_string()
        } else {
            conds.join(" AND ")
        };
        Ok((sql, params))
    }
}

/// The smallest string greater than every string starting with `p` (ASCII `p`).
pub(crate) fn prefix_end(p: &str) -> String {
    let mut b = p.as_bytes().to_vec();
    while let Some(last) = b.pop() {
        if last < 0x7f {
            b.push(last + 1);
            return String::from_utf8(b).unwrap_or_default();
        }
    }
    "\u{7f}".repeat(p.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_range() {
        assert_eq!(prefix_end("CHN"), "CHO");
        assert_eq!(prefix_end("04"), "05");
        assert!("CHNGOV" < prefix_end("CHN").as_str());
        assert!("CHO" >= prefix_end("CHN").as_str());
    }

    #[test]
    fn bad_filters_are_errors() {
        let f = Filters {
            actor: Some("CH%".into()),
            ..Default::default()
        };
        assert!(matches!(
            f.sql(),
            Err(Error::BadFilter { name: "actor", .. })
        ));
        let f = Filters {
            quad: Some(7),
            ..Default::default()
        };
        assert!(matches!(
            f.sql(),
            Err(Error::BadFilter { name: "quad", .. })
        ));
        let f = Filters {
            actor: Some("chn".into()),
            quad: Some(1),
            ..Default::default()
        };
        let (sql, params) = f.sql().unwrap();
        assert_eq!(params.len(), 3);
        assert!(sql.contains("r.source_code >= ?"));
    }
}
