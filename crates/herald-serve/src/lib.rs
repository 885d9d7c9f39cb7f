//! `herald serve`: a JSON API over a herald store and the analyst dashboard.
//!
//! [`router`] builds the axum application from an [`AppState`] (a pool of read-only store
//! connections and, optionally, a coding [`Pipeline`]); [`serve`] binds it and runs until
//! Ctrl-C or SIGTERM. The dashboard's files are embedded in the binary ([`assets`]), so a
//! single `herald` executable serves everything offline.
//!
//! Every route is registered through [`Routes`], which also lists them: the OpenAPI
//! document ([`openapi::document`]) is tested against that list both ways.

#![warn(missing_docs)]
// The OpenAPI document is one `json!` literal, deeper than the default limit allows.
#![recursion_limit = "256"]

pub mod api;
pub mod assets;
pub mod cache;
pub mod coding;
mod error;
pub mod metrics;
pub mod openapi;
mod params;
pub mod pool;

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use herald_pipeline::Pipeline;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use pool::Pool;

/// Largest request body accepted (`POST /api/code`): the longest of 37,554 AllSides
/// articles is 77 KB; coding 500 KB took 40 s of a core.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Longest query string accepted.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Requests taking longer are answered 503 (coding a huge text, a pathological filter).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The Content-Security-Policy sent with every response: scripts, styles and data only
/// from this server, no inline scripts, no framing, no plugins.
pub const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Errors starting the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database is missing or cannot be opened.
    #[error("{0}")]
    Store(#[from] herald_store::Error),
    /// The database file does not exist.
    #[error("{0}: no such database (run `herald ingest` first, or pass --db)")]
    NoDatabase(PathBuf),
    /// Binding or serving failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// Read-only store connections.
    pub pool: Arc<Pool>,
    /// Coding pipeline for `POST /api/code`; `None` answers 503.
    pub pipeline: Option<Arc<Pipeline>>,
    /// Request counters and latencies.
    pub metrics: Arc<metrics::Metrics>,
    /// The threads and queue of `POST /api/code`, apart from those serving reads.
    pub coding: Arc<coding::CodePool>,
    /// Answers of the read endpoints, kept until the store changes.
    pub cache: Arc<cache::ReadCache>,
    /// When the server started.
    pub started: Instant,
}

impl AppState {
    /// State over the store at `db` (which must exist), with `pipeline` for coding.
    pub fn open(db: impl Into<PathBuf>, pipeline: Option<Pipeline>) -> Result<AppState, Error> {
        let db = db.into();
        if !db.exists() {
            return Err(Error::NoDatabase(db));
        }
        let cache = cache::ReadCache::open(&db)?;
        let pool = Pool::open(db, pool::default_size())?;
        Ok(AppState {
            pool: Arc::new(pool),
            pipeline: pipeline.map(Arc::new),
            metrics: Arc::new(metrics::Metrics::default()),
            coding: Arc::new(coding::CodePool::for_this_machine()),
            cache: Arc::new(cache),
            started: Instant::now(),
        })
    }

    /// The same state with the read cache switched off: every read runs its query.
    pub fn without_cache(mut self) -> AppState {
        self.cache = Arc::new(cache::ReadCache::disabled());
        self
    }
}

/// Routes registered together with their method and path, so the list can be checked
/// against the OpenAPI document.
pub struct Routes {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl Routes {
    fn new() -> Routes {
        Routes {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    fn add(mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) -> Self {
        self.list.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::GET, path, get(h))
    }

    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
        self.add(Method::POST, path, post(h))
    }

    /// Every (method, path) served, paths in axum's `{param}` syntax as in OpenAPI.
    pub fn list(&self) -> &[(Method, &'static str)] {
        &self.list
    }
}

/// All routes of the application.
pub fn routes() -> Routes {
    Routes::new()
        .get("/", assets::index)
        .get("/assets/{file}", assets::file)
        .get("/healthz", api::healthz)
        .get("/metrics", metrics::handler)
        .get("/api/openapi.json", openapi::handler)
        .get("/api/stats", api::stats)
        .get("/api/events", api::events)
        .get("/api/timeline", api::timeline)
        .get("/api/network", api::network)
        .get("/api/articles", api::articles)
        .get("/api/articles/{id}", api::article)
        .get("/api/quotes", api::quotes)
        .post("/api/code", api::code)
}

/// The whole application: routes, limits, security headers, metrics.
pub fn router(state: AppState) -> Router {
    use tower_http::set_header::SetResponseHeaderLayer;
    let routes = routes();
    routes
        .router
        .fallback(api::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

/// Limits the query string, turns axum's bare error responses into JSON errors, and
/// records every request in the metrics.
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = metrics::route_label(req.uri().path());
    let method = req.method().clone();
    let bound = req.extensions().get::<BoundAddr>().map(|b| b.0);
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    let response = if let Some(h) = host.filter(|h| bound.is_some_and(|b| !host_allowed(h, b))) {
        api::ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "Host {h:?} is not this server's address: a page that rebound its name to \
                 this machine cannot reach the API"
            ),
        )
        .into_response()
    } else if req.uri().query().map_or(0, str::len) > MAX_QUERY_BYTES {
        api::ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("query string longer than {MAX_QUERY_BYTES} bytes"),
        )
        .into_response()
    } else {
        let r = next.run(req).await;
        if r.status().is_client_error() && r.headers().get(header::CONTENT_TYPE).is_none() {
            // axum's own rejections (405, 413 from the body limit) carry no JSON body.
            let status = r.status();
            let reason = match status {
                StatusCode::METHOD_NOT_ALLOWED => format!("method {method} not allowed here"),
                StatusCode::PAYLOAD_TOO_LARGE => {
                    format!("request body larger than {MAX_BODY_BYTES} bytes")
                }
                s => s.canonical_reason().unwrap_or("bad request").to_string(),
            };
            api::ApiError::new(status, reason).into_response()
        } else {
            r
        }
    };
    state
        .metrics
        .record(&method, route, response.status(), started.elapsed());
    response
}

/// The address the server is bound to, for checking the Host of each request.
#[derive(Clone, Copy, Debug)]
pub struct BoundAddr(pub SocketAddr);

/// Whether a request's Host header names this server: "localhost" or a loopback
/// address, or the bound address itself; any name when the server was bound to all
/// interfaces on purpose (0.0.0.0, ::). Refusing other names stops DNS rebinding, where a
/// web page points its own name at 127.0.0.1 to read a loopback server.
pub fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    if bound.ip().is_unspecified() {
        return true;
    }
    // Strip the port: "localhost:8080", "[::1]:8080", "127.0.0.1:8080".
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound.ip(),
        Err(_) => false,
    }
}

/// Bind `addr` and serve until Ctrl-C or SIGTERM. `on_bound` gets the actual address
/// (useful with port 0) before the first request is accepted.
pub async fn serve(
    state: AppState,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Io {
            what: format!("binding {addr}"),
            source,
        })?;
    let local = listener.local_addr().map_err(|source| Error::Io {
        what: "reading the bound address".into(),
        source,
    })?;
    on_bound(local);
    axum::serve(
        listener,
        router(state).layer(axum::Extension(BoundAddr(local))),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|source| Error::Io {
        what: "serving".into(),
        source,
    })
}

async fn shutdown() {
    let ctrl_c = async {
        // Without a signal handler the server just runs until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// Build a multi-threaded runtime and [`serve`] on it (for callers without one).
pub fn run(
    state: AppState,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            what: "starting the runtime".into(),
            source,
        })?;
    rt.block_on(serve(state, addr, on_bound))
}

#[cfg(test)]
mod host_tests {
    use super::host_allowed;

    #[test]
    fn only_this_servers_names_are_served() {
        let lo = "127.0.0.1:8080".parse().unwrap();
        assert!(host_allowed("127.0.0.1:8080", lo));
        assert!(host_allowed("localhost:8080", lo));
        assert!(host_allowed("LOCALHOST", lo));
        assert!(host_allowed("[::1]:8080", lo));
        assert!(!host_allowed("attacker.example:8080", lo));
        assert!(!host_allowed("192.168.1.5:8080", lo));
        let lan = "192.168.1.5:8080".parse().unwrap();
        assert!(host_allowed("192.168.1.5:8080", lan));
        assert!(!host_allowed("evil.example", lan));
        let all = "0.0.0.0:8080".parse().unwrap();
        assert!(host_allowed("anything.example", all));
    }
}
