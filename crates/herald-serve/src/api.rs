//! The JSON API handlers. Errors are `{"error": "..."}` with a fitting status.

use crate::coding::{Refused, RETRY_AFTER_SECS};
pub use crate::error::ApiError;
use crate::params::Params;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use herald_core::Document;
use herald_pipeline::output::DocumentOut;
use herald_store::{Filters, NetworkOptions, PeriodBy, Sort, TimelineOptions};
use serde::Deserialize;
use serde_json::{json, Value};

type ApiResult = Result<Response, ApiError>;

fn ok(v: impl serde::Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

/// The answer to a read of `route` with query `q`: kept in the [`ReadCache`] until the
/// store changes, else made by `compute` (once, however many ask at the same time).
///
/// [`ReadCache`]: crate::cache::ReadCache
async fn cached<T, Fut>(
    st: &AppState,
    route: &str,
    q: Option<&str>,
    compute: impl FnOnce() -> Fut,
) -> ApiResult
where
    T: serde::Serialize,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let key = format!("{route}?{}", q.unwrap_or(""));
    let body = st
        .cache
        .get_or_compute(key, || async {
            let v = compute().await?;
            serde_json::to_vec(&v).map(Bytes::from).map_err(|e| {
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("encoding: {e}"))
            })
        })
        .await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response())
}

/// Fallback: JSON 404 naming what was asked for.
pub async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("no such resource: {method} {}", uri.path()),
    )
}

/// `GET /healthz`: 200 when the database answers.
pub async fn healthz(State(st): State<AppState>) -> ApiResult {
    let articles = st.pool.with(|s| {
        Ok(s.connection()
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))?)
    });
    match articles.await {
        Ok(n) => ok(json!({
            "status": "ok",
            "articles": n,
            "coding": st.pipeline.is_some(),
            "version": env!("CARGO_PKG_VERSION"),
        })),
        Err(e) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("database not available: {e}"),
        )),
    }
}

/// `GET /api/stats`: counts of everything stored.
pub async fn stats(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    cached(&st, "stats", q.as_deref(), || async {
        Ok(st.pool.with(|s| s.stats()).await?)
    })
    .await
}

const FILTER_PARAMS: &[&str] = &["from", "to", "actor", "target", "code", "root", "quad"];

fn filters(p: &Params) -> Result<Filters, ApiError> {
    let f = Filters {
        from: p.date("from")?,
        to: p.date("to")?,
        actor: p.str("actor").map(str::to_string),
        target: p.str("target").map(str::to_string),
        code: p.str("code").map(str::to_string),
        root: p.str("root").map(str::to_string),
        quad: p.parsed("quad", "a QuadClass (1-4)")?,
    };
    if let (Some(a), Some(b)) = (f.from, f.to) {
        if a > b {
            return Err(ApiError::bad_request(format!(
                "parameter from ({a}) is after to ({b})"
            )));
        }
    }
    if let Some(r) = &f.root {
        if r.len() != 2 || !r.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::bad_request(format!(
                "parameter root: {r:?} is not a CAMEO root code (two digits, 01-20)"
            )));
        }
    }
    Ok(f)
}

fn with_filters(extra: &[&'static str]) -> Vec<&'static str> {
    FILTER_PARAMS.iter().chain(extra).copied().collect()
}

/// Largest page of events.
pub const MAX_LIMIT: usize = 1000;
/// Deepest offset: deeper pages should narrow the filters instead.
pub const MAX_OFFSET: usize = 1_000_000;

/// `GET /api/events`: event records with filters, paging and sorting.
pub async fn events(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &with_filters(&["limit", "offset", "sort"]))?;
    let f = filters(&p)?;
    let limit = p.number("limit", 50, 1, MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0, MAX_OFFSET)?;
    let sort_name = p.str("sort").unwrap_or("day").to_string();
    let sort = match sort_name.as_str() {
        "day" => Sort::Day,
        "-day" | "day_desc" => Sort::DayDesc,
        "mentions" => Sort::Mentions,
        "goldstein" => Sort::Goldstein,
        s => {
            return Err(ApiError::bad_request(format!(
                "parameter sort: {s:?} is not one of day, -day, mentions, goldstein"
            )))
        }
    };
    // A struct rather than json!: serialised once, without an intermediate Value tree.
    #[derive(serde::Serialize)]
    struct Page {
        events: Vec<herald_store::EventRow>,
        limit: usize,
        offset: usize,
        sort: String,
        next_offset: Option<usize>,
    }
    cached(&st, "events", q.as_deref(), || async {
        // One row more than asked tells whether there is a next page without counting.
        let mut rows = st
            .pool
            .with(move |s| s.events_with_articles(&f, limit + 1, offset, sort))
            .await?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        Ok(Page {
            events: rows,
            limit,
            offset,
            sort: sort_name,
            next_offset: more.then_some(offset + limit),
        })
    })
    .await
}

/// `GET /api/timeline?a=CHN&b=RUS&by=month`.
pub async fn timeline(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["a", "b", "by", "directed"])?;
    let a = p.required("a")?.to_string();
    let b = p.required("b")?.to_string();
    let by: PeriodBy = p.str("by").unwrap_or("month").parse().map_err(|_| {
        ApiError::bad_request(format!(
            "parameter by: {:?} is not day, week or month",
            p.str("by").unwrap_or("")
        ))
    })?;
    let directed = p.flag("directed")?;
    cached(&st, "timeline", q.as_deref(), || async {
        let t = st
            .pool
            .with(move |s| s.timeline(&a, &b, TimelineOptions { by, directed }))
            .await?;
        let by_name = match by {
            PeriodBy::Day => "day",
            PeriodBy::Week => "week",
            PeriodBy::Month => "month",
        };
        let mut v = serde_json::to_value(&t).unwrap_or(Value::Null);
        v["by"] = json!(by_name);
        Ok(v)
    })
    .await
}

/// `GET /api/network`: actors and who acts on whom.
pub async fn network(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(
        q.as_deref(),
        &with_filters(&["involving", "min_count", "limit", "level"]),
    )?;
    let opts = NetworkOptions {
        filters: filters(&p)?,
        involving: p.str("involving").map(str::to_string),
        min_count: p.number("min_count", 1, 1, 1_000_000)? as i64,
        max_edges: p.number("limit", 80, 1, 1000)?,
        level: p
            .str("level")
            .unwrap_or("code")
            .parse()
            .map_err(|_| ApiError::bad_request("parameter level: expected code or country"))?,
    };
    cached(&st, "network", q.as_deref(), || async {
        Ok(st.pool.with(move |s| s.network(&opts)).await?)
    })
    .await
}

/// `GET /api/articles?q=&limit=&offset=`: stored articles, newest first.
pub async fn articles(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["q", "limit", "offset"])?;
    let query = p.str("q").map(str::to_string);
    let limit = p.number("limit", 50, 1, MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0, MAX_OFFSET)?;
    cached(&st, "articles", q.as_deref(), || async {
        let rows = st
            .pool
            .with(move |s| s.articles(query.as_deref(), limit, offset))
            .await?;
        Ok(json!({ "articles": rows, "limit": limit, "offset": offset }))
    })
    .await
}

/// The output format of `herald code` for `doc`, as a JSON value.
pub fn document_json(doc: &Document) -> Value {
    serde_json::to_value(DocumentOut::new(doc)).unwrap_or(Value::Null)
}

/// `GET /api/articles/{id}`: text and every annotation, in `herald code`'s output format
/// plus store fields (`article_id`, `outlet`, each event's `record_id`, `confidence`).
pub async fn article(
    State(st): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let id: i64 = match id.parse() {
        Ok(n) if n > 0 => n,
        _ => {
            return Err(ApiError::bad_request(format!(
                "article id {id:?} is not a positive whole number"
            )))
        }
    };
    let path = format!("articles/{id}");
    cached(&st, &path, q.as_deref(), || async {
        let Some(a) = st.pool.with(move |s| s.article(id)).await? else {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no article with id {id}"),
            ));
        };
        let mut v = document_json(&a.doc);
        v["article_id"] = json!(a.article_id);
        v["outlet"] = json!(a.outlet);
        v["ingested_at"] = json!(a.ingested_at);
        // Text that is not the page's (a feed's summary stored because the page was
        // gone) says so.
        if let Some(source) = &a.text_source {
            v["text_source"] = json!(source);
            v["text_note"] = json!(a.text_note);
        }
        v["text"] = json!(a.doc.text);
        if let Some(evs) = v["events"].as_array_mut() {
            for (e, info) in evs.iter_mut().zip(&a.event_info) {
                e["record_id"] = json!(info.record_id);
                e["confidence"] = json!(info.confidence);
                e["day"] = json!(info.day);
            }
        }
        Ok(v)
    })
    .await
}

/// `GET /api/quotes?speaker=&text=&limit=`.
pub async fn quotes(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["speaker", "text", "limit"])?;
    let speaker = p.str("speaker").map(str::to_string);
    let text = p.str("text").map(str::to_string);
    let limit = p.number("limit", 50, 1, MAX_LIMIT)?;
    cached(&st, "quotes", q.as_deref(), || async {
        let rows = st
            .pool
            .with(move |s| s.quotes(speaker.as_deref(), text.as_deref(), limit))
            .await?;
        Ok(json!({ "quotes": rows, "limit": limit }))
    })
    .await
}

/// 503 with `Retry-After`: every coding thread is busy and the queue is full.
fn busy(st: &AppState) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "coding is busy ({} coding thread(s) working, {} text(s) waiting); try again in {} s",
            st.coding.workers(),
            st.coding.queue(),
            RETRY_AFTER_SECS
        ),
    )
    .retry_after(RETRY_AFTER_SECS)
}

/// Body of `POST /api/code`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// Article text.
    pub text: String,
    /// Publication date (YYYY-MM-DD) that relative dates resolve against.
    #[serde(default)]
    pub date: Option<String>,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
}

/// `POST /api/code`: code the posted text as `herald code` does, without storing it.
pub async fn code(
    State(st): State<AppState>,
    body: Result<Json<CodeRequest>, JsonRejection>,
) -> ApiResult {
    let Json(req) = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let Some(pipeline) = st.pipeline.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "coding is not available on this server (started without a pipeline)",
        ));
    };
    if req.text.trim().is_empty() {
        return Err(ApiError::bad_request("field text is empty"));
    }
    let date = match req.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_request(format!("field date: {d:?} is not a date (YYYY-MM-DD)"))
            })?,
        ),
    };
    let started = std::time::Instant::now();
    let coded = st
        .coding
        .try_run(move || {
            let mut d = Document::new("posted", req.text, date);
            d.title = req.title;
            // A bug in a stage answers 500 instead of taking the server down.
            pipeline
                .code_batch(vec![d])
                .pop()
                .expect("one result per document")
        })
        .map_err(|refused| match refused {
            Refused::Busy => busy(&st),
            Refused::Closed => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "coding is not available: its worker threads are gone",
            ),
        })?;
    let doc = coded
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error while coding this text (please report)",
            )
        })?
        .map_err(|e| {
            eprintln!("herald serve: {e}");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error while coding this text (please report)",
            )
        })?;
    let mut v = document_json(&doc);
    v["text"] = json!(doc.text);
    v["elapsed_ms"] = json!(started.elapsed().as_secs_f64() * 1000.0);
    ok(v)
}
