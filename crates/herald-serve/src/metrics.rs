//! `/metrics` in the Prometheus text format: requests by route, method and status, a
//! latency histogram by route, and what the store holds.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency histogram buckets, in seconds.
pub const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

/// Request counters and latencies, shared by all requests.
#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(&'static str, String, u16), u64>,
    latency: BTreeMap<&'static str, Histogram>,
}

/// The route a path belongs to, as registered (bounded cardinality: ids and file names
/// are not labels).
pub fn route_label(path: &str) -> &'static str {
    match path {
        "/" => "/",
        "/healthz" => "/healthz",
        "/metrics" => "/metrics",
        "/api/openapi.json" => "/api/openapi.json",
        "/api/stats" => "/api/stats",
        "/api/events" => "/api/events",
        "/api/timeline" => "/api/timeline",
        "/api/network" => "/api/network",
        "/api/articles" => "/api/articles",
        "/api/quotes" => "/api/quotes",
        "/api/code" => "/api/code",
        p if p.starts_with("/api/articles/") => "/api/articles/{id}",
        p if p.starts_with("/assets/") => "/assets/{file}",
        _ => "other",
    }
}

impl Metrics {
    /// Count one finished request.
    pub fn record(&self, method: &Method, route: &'static str, status: StatusCode, took: Duration) {
        let secs = took.as_secs_f64();
        let mut m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        *m.requests
            .entry((route, method.as_str().to_string(), status.as_u16()))
            .or_default() += 1;
        let h = m.latency.entry(route).or_default();
        if h.counts.is_empty() {
            h.counts = vec![0; BUCKETS.len()];
        }
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                h.counts[i] += 1;
            }
        }
        h.sum += secs;
        h.count += 1;
    }

    /// The request metrics in the text format.
    pub fn render(&self, out: &mut String) {
        let m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        out.push_str("# HELP herald_http_requests_total HTTP requests answered.\n");
        out.push_str("# TYPE herald_http_requests_total counter\n");
        for ((route, method, status), n) in &m.requests {
            let _ = writeln!(
                out,
                "herald_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP herald_http_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE herald_http_request_duration_seconds histogram\n");
        for (route, h) in &m.latency {
            for (b, n) in BUCKETS.iter().zip(&h.counts) {
                let _ = writeln!(
                    out,
                    "herald_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{b}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "herald_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "herald_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "herald_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
    }
}

fn gauge(out: &mut String, name: &str, help: &str, v: impl std::fmt::Display) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} gauge");
    let _ = writeln!(out, "{name} {v}");
}

/// `GET /metrics`.
pub async fn handler(State(st): State<AppState>) -> Result<Response, ApiError> {
    let stats = st.pool.with(|s| s.stats()).await?;
    let mut out = String::with_capacity(4096);
    st.metrics.render(&mut out);
    gauge(
        &mut out,
        "herald_uptime_seconds",
        "Seconds since the server started.",
        st.started.elapsed().as_secs_f64(),
    );
    let cache = st.cache.stats();
    let _ = writeln!(
        out,
        "# HELP herald_cache_requests_total Reads answered from kept answers (hit), computed (miss), or given the previous version's answer while another request computed the new one (stale).\n\
         # TYPE herald_cache_requests_total counter\n\
         herald_cache_requests_total{{result=\"hit\"}} {}\n\
         herald_cache_requests_total{{result=\"miss\"}} {}\n\
         herald_cache_requests_total{{result=\"stale\"}} {}",
        cache.hits, cache.misses, cache.stale
    );
    gauge(
        &mut out,
        "herald_cache_entries",
        "Answers kept until the store changes.",
        cache.entries,
    );
    for (name, help, v) in [
        ("herald_store_articles", "Articles stored.", stats.articles),
        (
            "herald_store_events",
            "Coded events stored (GDELT mentions, negated included).",
            stats.events,
        ),
        (
            "herald_store_records",
            "Deduplicated event records.",
            stats.records,
        ),
        (
            "herald_store_actor_mentions",
            "Actor mentions stored.",
            stats.actor_mentions,
        ),
        ("herald_store_quotes", "Quotations stored.", stats.quotes),
        ("herald_store_outlets", "Distinct outlets.", stats.outlets),
    ] {
        gauge(&mut out, name, help, v);
    }
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative() {
        let m = Metrics::default();
        m.record(
            &Method::GET,
            "/api/events",
            StatusCode::OK,
            Duration::from_millis(3),
        );
        m.record(
            &Method::GET,
            "/api/events",
            StatusCode::BAD_REQUEST,
            Duration::from_millis(300),
        );
        let mut s = String::new();
        m.render(&mut s);
        assert!(s.contains(
            "herald_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"200\"} 1"
        ));
        assert!(s.contains(
            "herald_http_request_duration_seconds_bucket{route=\"/api/events\",le=\"0.005\"} 1"
        ));
        assert!(s.contains(
            "herald_http_request_duration_seconds_bucket{route=\"/api/events\",le=\"0.5\"} 2"
        ));
        assert!(s.contains("herald_http_request_duration_seconds_count{route=\"/api/events\"} 2"));
    }

    #[test]
    fn ids_are_not_labels() {
        assert_eq!(route_label("/api/articles/12345"), "/api/articles/{id}");
        assert_eq!(route_label("/assets/app.js"), "/assets/{file}");
        assert_eq!(route_label("/wp-admin"), "other");
    }
}
