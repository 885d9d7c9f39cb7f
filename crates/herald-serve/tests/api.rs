//! The API as a client sees it: routes, filters, errors, limits, headers, the OpenAPI
//! document. Requests go through the full router (middleware included) in process.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use herald_core::{
    ActorRef, Document, Event, Mention, MentionKind, Modality, Quote, Span, Speaker,
};
use herald_serve::{router, AppState};
use herald_store::Store;
use http_body_util::BodyExt;
use serde_json::Value;
use std::collections::BTreeSet;
use tower::ServiceExt;

const SCRIPT_TEXT: &str = "<script>window.__pwned = 1</script> Russia <img src=x onerror=\"window.__pwned=2\"> attacked Ukraine on Monday, \u{201c}we will win\u{201d}, Zelensky said.";

fn at(text: &str, s: &str) -> Span {
    let i = text.find(s).unwrap_or_else(|| panic!("{s:?} in text"));
    Span::new(i, i + s.len())
}

fn event(text: &str, src: (&str, &str), tgt: (&str, &str), code: &str, verb: &str) -> Event {
    let (ss, ts) = (at(text, src.1), at(text, tgt.1));
    Event {
        source: ActorRef {
            code: src.0.into(),
            text: src.1.into(),
            span: ss,
            implied: false,
        },
        target: Some(ActorRef {
            code: tgt.0.into(),
            text: tgt.1.into(),
            span: ts,
            implied: false,
        }),
        code: code.into(),
        root: code[..2].into(),
        name: format!("name of {code}"),
        goldstein: if code.starts_with('1') { -10.0 } else { 4.0 },
        quad_class: if code.starts_with('1') { 4 } else { 1 },
        plover: None,
        date: None,
        date_source: None,
        sentence: 0,
        span: ss.cover(ts).cover(at(text, verb)),
        pattern: format!("test:1 {verb}"),
        modality: Modality::Asserted,
        negated: false,
        reported_by: None,
        confidence: None,
        decided_by: None,
        location: None,
    }
}

fn docs() -> Vec<Document> {
    let d = |id: &str, text: &str, date: &str| {
        let mut doc = Document::new(
            id,
            text,
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        );
        doc.title = Some(format!("title {id}"));
        doc
    };
    let t1 = "China hosted Russia in Beijing.";
    let mut a = d("a", t1, "2023-03-01");
    a.events.push(event(
        t1,
        ("CHN", "China"),
        ("RUS", "Russia"),
        "042",
        "hosted",
    ));
    a.mentions.push(Mention {
        text: "China".into(),
        code: "CHN".into(),
        span: at(t1, "China"),
        sentence: 0,
        tokens: 0..0,
        kind: MentionKind::Country,
        entries: vec!["countries:1 China".into()],
        country_from: None,
    });
    let t2 = "Russia praised China, the Kremlin said.";
    let mut b = d("b", t2, "2023-04-02");
    b.events.push(event(
        t2,
        ("RUS", "Russia"),
        ("CHN", "China"),
        "051",
        "praised",
    ));
    let t3 = SCRIPT_TEXT;
    let mut c = d("c", t3, "2023-04-03");
    c.title = Some("<b onmouseover=\"window.__pwned=3\">bold</b>".into());
    c.events.push(event(
        t3,
        ("RUS", "Russia"),
        ("UKR", "Ukraine"),
        "190",
        "attacked",
    ));
    c.quotes.push(Quote {
        text: "we will win".into(),
        span: at(t3, "we will win"),
        speaker: Some(Speaker {
            name: "Zelensky".into(),
            code: Some("UKRGOV".into()),
            span: at(t3, "Zelensky"),
        }),
        verb: Some("said".into()),
        direct: true,
    });
    vec![a, b, c]
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: axum::Router,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let mut store = Store::open(&path).unwrap();
    for d in docs() {
        store.insert(&d).unwrap();
    }
    drop(store);
    let state = AppState::open(&path, None).unwrap();
    Fixture {
        _dir: dir,
        app: router(state),
    }
}

async fn send(
    app: &axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let r = app.clone().oneshot(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let body = r.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, body)
}

/// A JSON `POST /api/code` with `body`.
fn code_request(body: impl Into<Body>) -> Request<Body> {
    Request::post("/api/code")
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap()
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let (st, h, body) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(
        h.get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap()),
        Some("application/json"),
        "{uri}: JSON answer"
    );
    (st, serde_json::from_slice(&body).expect("JSON body"))
}

async fn bad(app: &axum::Router, uri: &str, needle: &str) {
    let (st, v) = get(app, uri).await;
    assert_eq!(st, StatusCode::BAD_REQUEST, "{uri}: {v}");
    let msg = v["error"].as_str().unwrap_or_default();
    assert!(
        msg.contains(needle),
        "{uri}: error {msg:?} should mention {needle:?}"
    );
}

#[tokio::test]
async fn events_filter_sort_and_page() {
    let f = fixture();
    let (st, v) = get(&f.app, "/api/events").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["events"].as_array().unwrap().len(), 3);
    assert!(v["next_offset"].is_null());
    let (_, v) = get(&f.app, "/api/events?actor=rus").await;
    let srcs: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(srcs, ["RUS", "RUS"]);
    let (_, v) = get(
        &f.app,
        "/api/events?actor=RUS&target=UKR&quad=4&root=19&code=1",
    )
    .await;
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    assert_eq!(v["events"][0]["article_id"], 3);
    let (_, v) = get(&f.app, "/api/events?from=2023-04-01&to=2023-04-02").await;
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    assert_eq!(v["events"][0]["day"], "2023-04-02");
    // Paging: one row per page, the last page says there is no next.
    let (_, p1) = get(&f.app, "/api/events?limit=2&sort=-day").await;
    assert_eq!(p1["events"][0]["day"], "2023-04-03");
    assert_eq!(p1["next_offset"], 2);
    let (_, p2) = get(&f.app, "/api/events?limit=2&offset=2&sort=-day").await;
    assert_eq!(p2["events"].as_array().unwrap().len(), 1);
    assert!(p2["next_offset"].is_null());
    let (_, g) = get(&f.app, "/api/events?sort=goldstein&limit=1").await;
    assert_eq!(g["events"][0]["code"], "190");
}

#[tokio::test]
async fn bad_parameters_are_400_with_the_reason() {
    let f = fixture();
    bad(&f.app, "/api/events?quad=7", "quad").await;
    bad(&f.app, "/api/events?quad=x", "quad").await;
    bad(&f.app, "/api/events?from=2023-02-30", "YYYY-MM-DD").await;
    bad(&f.app, "/api/events?from=2023-05-01&to=2023-01-01", "after").await;
    bad(&f.app, "/api/events?actr=CHN", "unknown parameter").await;
    bad(&f.app, "/api/events?limit=0", "limit").await;
    bad(&f.app, "/api/events?limit=100000", "limit").await;
    bad(&f.app, "/api/events?sort=random", "sort").await;
    bad(&f.app, "/api/events?actor=C%27N", "actor").await;
    bad(&f.app, "/api/events?root=4", "root").await;
    bad(&f.app, "/api/events?actor=CHN&actor=RUS", "more than once").await;
    bad(&f.app, "/api/timeline?a=CHN", "b is required").await;
    bad(&f.app, "/api/timeline?a=CHN&b=RUS&by=year", "by").await;
    bad(&f.app, "/api/network?level=planet", "level").await;
    bad(&f.app, "/api/articles/abc", "positive whole number").await;
    let (st, v) = get(&f.app, "/api/articles/999").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(v["error"].as_str().unwrap().contains("999"));
    let (st, v) = get(&f.app, "/api/nothing").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(v["error"].as_str().unwrap().contains("/api/nothing"));
}

#[tokio::test]
async fn timeline_network_quotes_articles() {
    let f = fixture();
    let (st, t) = get(&f.app, "/api/timeline?a=CHN&b=RUS&by=month").await;
    assert_eq!(st, StatusCode::OK);
    let periods: Vec<&str> = t["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2023-03", "2023-04"]);
    assert_eq!(t["periods"][0]["quad"], serde_json::json!([1, 0, 0, 0]));
    let (_, t) = get(&f.app, "/api/timeline?a=CHN&b=RUS&directed=true").await;
    assert_eq!(
        t["periods"].as_array().unwrap().len(),
        1,
        "directed: only CHN → RUS"
    );

    let (_, n) = get(&f.app, "/api/network").await;
    assert_eq!(n["edges"].as_array().unwrap().len(), 3);
    let (_, n) = get(&f.app, "/api/network?involving=UKR").await;
    assert_eq!(n["edges"].as_array().unwrap().len(), 1);
    assert_eq!(n["edges"][0]["goldstein_mean"], -10.0);
    let ids: BTreeSet<&str> = n["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, BTreeSet::from(["RUS", "UKR"]));

    let (_, q) = get(&f.app, "/api/quotes?speaker=zelen").await;
    assert_eq!(q["quotes"][0]["text"], "we will win");
    let (_, q) = get(&f.app, "/api/quotes?text=nothing%20like%20this").await;
    assert!(q["quotes"].as_array().unwrap().is_empty());

    let (_, l) = get(&f.app, "/api/articles?q=title%20a").await;
    assert_eq!(l["articles"].as_array().unwrap().len(), 1);
    let (_, s) = get(&f.app, "/api/stats").await;
    assert_eq!(s["articles"], 3);
    assert_eq!(s["records"], 3);
}

#[tokio::test]
async fn article_has_text_and_byte_spans_as_stored() {
    let f = fixture();
    let (st, a) = get(&f.app, "/api/articles/3").await;
    assert_eq!(st, StatusCode::OK);
    // Markup comes back as data, byte for byte; escaping is the page's job.
    assert_eq!(a["text"], SCRIPT_TEXT);
    let ev = &a["events"][0];
    assert_eq!(ev["code"], "190");
    assert!(ev["record_id"].is_i64());
    assert_eq!(ev["confidence"], 90);
    let span = ev["source"]["span"].as_array().unwrap();
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&SCRIPT_TEXT[s..e], "Russia");
    let q = &a["quotes"][0];
    let span = q["span"].as_array().unwrap();
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    // Byte offsets: the curly quote before it is three bytes.
    assert_eq!(&SCRIPT_TEXT[s..e], "we will win");
    assert_eq!(q["speaker"]["code"], "UKRGOV");
}

#[tokio::test]
async fn security_headers_and_no_inline_script() {
    let f = fixture();
    for uri in ["/", "/api/events", "/assets/app.js", "/nope"] {
        let (_, h, _) = send(&f.app, Request::get(uri).body(Body::empty()).unwrap()).await;
        let csp = h
            .get(header::CONTENT_SECURITY_POLICY)
            .expect("CSP header")
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{uri}: {csp}"
        );
        assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    }
    let (st, h, body) = send(&f.app, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = String::from_utf8(body).unwrap();
    // Every script is a file (the CSP would block inline ones anyway), no handler attributes.
    for tag in html.split("<script").skip(1) {
        assert!(
            tag.trim_start().starts_with("src=\"/assets/"),
            "inline script: {tag}"
        );
    }
    assert!(!html.contains(" onclick=") && !html.contains(" onload="));
    let js = String::from_utf8(
        send(
            &f.app,
            Request::get("/assets/app.js").body(Body::empty()).unwrap(),
        )
        .await
        .2,
    )
    .unwrap();
    assert!(
        !js.contains("innerHTML") && !js.contains("insertAdjacentHTML") && !js.contains("eval("),
        "the dashboard builds DOM nodes, never HTML strings"
    );
}

#[tokio::test]
async fn static_routes_do_not_traverse() {
    let f = fixture();
    for uri in [
        "/assets/../Cargo.toml",
        "/assets/..%2FCargo.toml",
        "/assets/..%2F..%2F..%2FCargo.toml",
        "/assets/%2e%2e%2fsrc%2flib.rs",
        "/assets/..%5Csrc%5Clib.rs",
        "/assets//etc/passwd",
        "/assets/%2Fetc%2Fpasswd",
        "/assets/app.js%00.txt",
        "/assets/index.html",
        "/../Cargo.toml",
    ] {
        let (st, _, body) = send(&f.app, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "{uri}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("[package]") && !body.contains("root:"),
            "{uri} leaked a file"
        );
    }
    let (st, _, _) = send(
        &f.app,
        Request::get("/assets/style.css")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
}

#[tokio::test]
async fn limits_and_method_errors_are_json() {
    let f = fixture();
    let long = format!(
        "/api/quotes?text={}",
        "a".repeat(herald_serve::MAX_QUERY_BYTES + 1)
    );
    let (st, v) = get(&f.app, &long).await;
    assert_eq!(st, StatusCode::URI_TOO_LONG);
    assert!(v["error"].as_str().unwrap().contains("query string"));
    let (st, h, body) = send(
        &f.app,
        Request::delete("/api/events").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(h[header::CONTENT_TYPE], "application/json");
    assert!(String::from_utf8_lossy(&body).contains("DELETE"));
    let big =
        serde_json::json!({ "text": "x".repeat(herald_serve::MAX_BODY_BYTES + 10) }).to_string();
    let (st, _, body) = send(&f.app, code_request(big)).await;
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v["error"].is_string());
    // Without a pipeline coding is unavailable, and says so.
    let (st, _, body) = send(
        &f.app,
        code_request(r#"{"text":"Russia attacked Ukraine."}"#),
    )
    .await;
    assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE);
    assert!(String::from_utf8_lossy(&body).contains("not available"));
}

#[tokio::test]
async fn health_and_metrics() {
    let f = fixture();
    let (st, v) = get(&f.app, "/healthz").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["status"], "ok");
    assert_eq!(v["articles"], 3);
    get(&f.app, "/api/events").await;
    get(&f.app, "/api/events?quad=9").await;
    get(&f.app, "/api/articles/2").await;
    let (st, h, body) = send(
        &f.app,
        Request::get("/metrics").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = String::from_utf8(body).unwrap();
    for needle in [
        "herald_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"200\"} 1",
        "herald_http_requests_total{route=\"/api/events\",method=\"GET\",status=\"400\"} 1",
        "herald_http_requests_total{route=\"/api/articles/{id}\",method=\"GET\",status=\"200\"} 1",
        "herald_http_request_duration_seconds_count{route=\"/api/events\"} 2",
        "herald_store_articles 3",
        "herald_store_records 3",
    ] {
        assert!(text.contains(needle), "missing {needle}\n{text}");
    }
    // Every sample line is `name{labels} value` or `name value` with a number.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let value = line.rsplit(' ').next().unwrap();
        assert!(value.parse::<f64>().is_ok(), "bad sample line {line}");
    }
}

/// Method and path of every operation in the document.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            if ["get", "post", "put", "delete", "patch", "head", "options"]
                .contains(&method.as_str())
            {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r);
            }
            m.values().for_each(|x| refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn openapi_document_is_valid_and_matches_the_routes() {
    let f = fixture();
    let (st, doc) = get(&f.app, "/api/openapi.json").await;
    assert_eq!(st, StatusCode::OK);
    // Structurally valid OpenAPI 3: it deserialises into the openapiv3 model.
    let parsed: openapiv3::OpenAPI =
        serde_json::from_value(doc.clone()).expect("valid OpenAPI 3.0 document");
    assert!(parsed.openapi.starts_with("3.0"));
    let routes: BTreeSet<(String, String)> = herald_serve::routes()
        .list()
        .iter()
        .map(|(m, p)| (m.as_str().to_string(), p.to_string()))
        .collect();
    let doc_ops = documented(&doc);
    let undocumented: Vec<_> = routes.difference(&doc_ops).collect();
    let unrouted: Vec<_> = doc_ops.difference(&routes).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the OpenAPI document: {undocumented:?}"
    );
    assert!(
        unrouted.is_empty(),
        "documented operations with no route: {unrouted:?}"
    );
    // Every $ref resolves, every path template parameter is declared, every operation
    // has responses.
    let mut rs = Vec::new();
    refs(&doc, &mut rs);
    assert!(!rs.is_empty());
    for r in rs {
        let name = r
            .strip_prefix("#/components/schemas/")
            .expect("local schema ref");
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "dangling $ref {r}"
        );
    }
    for (path, item) in parsed.paths.paths.iter() {
        let item = item.as_item().unwrap();
        for (method, op) in item.iter() {
            assert!(
                !op.responses.responses.is_empty(),
                "{method} {path} has no responses"
            );
            for seg in path.split('/').filter(|s| s.starts_with('{')) {
                let name = seg.trim_matches(|c| c == '{' || c == '}');
                let declared = op.parameters.iter().any(|p| match p {
                    openapiv3::ReferenceOr::Item(openapiv3::Parameter::Path {
                        parameter_data,
                        ..
                    }) => parameter_data.name == name,
                    _ => false,
                });
                assert!(
                    declared,
                    "{method} {path}: path parameter {name} not declared"
                );
            }
        }
    }
    // And every documented GET route answers something other than "no such resource".
    for (m, p) in &routes {
        if m != "GET" {
            continue;
        }
        let uri = p
            .replace("{id}", "1")
            .replace("{file}", "app.js")
            .replace("/api/timeline", "/api/timeline?a=CHN&b=RUS");
        let (st, _, _) = send(
            &f.app,
            Request::builder()
                .method(Method::GET)
                .uri(&uri)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(st, StatusCode::OK, "{uri}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_endpoint_codes_like_herald_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    Store::open(&path).unwrap();
    let pipeline = herald_pipeline::Pipeline::load(None, herald_pipeline::CoderOptions::default())
        .expect("herald's own dictionaries load");
    let app = router(AppState::open(&path, Some(pipeline)).unwrap());
    let post = |body: &str| code_request(body.to_string());
    let text = "Zürich — Russian troops attacked Ukraine on Thursday.";
    let body = serde_json::json!({ "text": text, "date": "2022-02-26" }).to_string();
    let (st, _, out) = send(&app, post(&body)).await;
    assert_eq!(st, StatusCode::OK, "{}", String::from_utf8_lossy(&out));
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["text"], text);
    assert_eq!(v["date"], "2022-02-26");
    let ev = v["events"]
        .as_array()
        .unwrap()
        .first()
        .expect("an event is coded");
    assert_eq!(ev["source"]["code"].as_str().unwrap().get(..3), Some("RUS"));
    assert_eq!(ev["target"]["code"], "UKR");
    // Byte spans into the posted text (the ü before them is two bytes).
    let span = ev["target"]["span"].as_array().unwrap();
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "Ukraine");
    // Nothing was stored.
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(stats["articles"], 0);
    // Bad bodies are JSON errors with the reason.
    for (body, status, needle) in [
        (r#"{"text": ""}"#, StatusCode::BAD_REQUEST, "empty"),
        (
            r#"{"text": "x", "date": "26/02/2022"}"#,
            StatusCode::BAD_REQUEST,
            "YYYY-MM-DD",
        ),
        (r#"{"txt": "x"}"#, StatusCode::UNPROCESSABLE_ENTITY, "txt"),
        (r#"{"text": "#, StatusCode::BAD_REQUEST, "EOF"),
    ] {
        let (st, _, out) = send(&app, post(body)).await;
        assert_eq!(st, status, "{body}");
        let v: Value = serde_json::from_slice(&out).unwrap();
        let msg = v["error"].as_str().unwrap();
        assert!(msg.contains(needle), "{body}: {msg}");
    }
    let (st, _, _) = send(
        &app,
        Request::post("/api/code")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("hi"))
            .unwrap(),
    )
    .await;
    assert_eq!(st, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

/// An undated article's record answers `"day": null`, comes last newest-first, is counted
/// in the stats and stands apart in the timeline (the dashboard's "undated" bucket).
#[tokio::test]
async fn undated_records_are_null_not_today() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let mut store = Store::open(&path).unwrap();
    for d in docs() {
        store.insert(&d).unwrap();
    }
    let t = "Russia accused Ukraine of provocations.";
    let mut old = Document::new("bbc-2004", t, None);
    old.events.push(event(
        t,
        ("RUS", "Russia"),
        ("UKR", "Ukraine"),
        "112",
        "accused",
    ));
    store.insert(&old).unwrap();
    drop(store);
    let app = router(AppState::open(&path, None).unwrap());
    let (st, page) = get(&app, "/api/events?sort=-day").await;
    assert_eq!(st, StatusCode::OK, "{page}");
    let rows = page["events"].as_array().unwrap();
    let last = rows.last().unwrap();
    assert_eq!(last["code"], "112", "{page}");
    assert!(
        last["day"].is_null() && last["first_seen"].is_null(),
        "{last}"
    );
    assert_eq!(last["day_from_text"], false);
    assert!(rows[..rows.len() - 1].iter().all(|r| r["day"].is_string()));
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(
        (
            stats["undated_articles"].as_i64(),
            stats["undated_records"].as_i64()
        ),
        (Some(1), Some(1))
    );
    let (_, tl) = get(&app, "/api/timeline?a=RUS&b=UKR").await;
    assert_eq!(tl["undated"]["period"], "undated", "{tl}");
    assert_eq!(tl["undated"]["events"], 1, "{tl}");
    assert!(tl["periods"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["period"] != "undated"));
}

/// With every coding thread busy and the queue full, `POST /api/code` is answered at once
/// with 503, a JSON reason and `Retry-After`, and reads go on being answered meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn busy_coding_answers_503_with_retry_after_and_reads_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let mut store = Store::open(&path).unwrap();
    for d in docs() {
        store.insert(&d).unwrap();
    }
    let pipeline = herald_pipeline::Pipeline::load(None, herald_pipeline::CoderOptions::default())
        .expect("herald's own dictionaries load");
    let mut state = AppState::open(&path, Some(pipeline)).unwrap();
    // One coding thread and room for one text to wait: occupy both.
    state.coding = std::sync::Arc::new(herald_serve::coding::CodePool::new(1, 1));
    let (release, hold) = std::sync::mpsc::channel::<()>();
    let (started_tx, started) = std::sync::mpsc::channel::<()>();
    let busy = state
        .coding
        .try_run(move || {
            started_tx.send(()).unwrap();
            let _ = hold.recv();
        })
        .unwrap();
    started
        .recv_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    let waiting = state.coding.try_run(|| ()).unwrap();
    let app = router(state);
    let (st, h, body) = send(&app, code_request(r#"{"text":"Russia attacked Ukraine."}"#)).await;
    assert_eq!(st, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(h[header::RETRY_AFTER], "5");
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert!(v["error"].as_str().unwrap().contains("busy"), "{v}");
    let (st, v) = get(&app, "/api/network").await;
    assert_eq!(st, StatusCode::OK);
    assert!(!v["edges"].as_array().unwrap().is_empty());
    release.send(()).unwrap();
    busy.await.unwrap();
    waiting.await.unwrap();
    // Free again: coded.
    let (st, _, body) = send(&app, code_request(r#"{"text":"Russia attacked Ukraine."}"#)).await;
    assert_eq!(st, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
}

/// Reads are answered from kept answers until the store changes; a write by another
/// process (here another connection) shows at the next request.
#[tokio::test]
async fn reads_see_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let mut store = Store::open(&path).unwrap();
    let mut all = docs();
    let last = all.pop().unwrap();
    for d in &all {
        store.insert(d).unwrap();
    }
    let app = router(AppState::open(&path, None).unwrap());
    let (_, before) = get(&app, "/api/stats").await;
    let (_, again) = get(&app, "/api/stats").await;
    assert_eq!(before, again);
    let (_, net_before) = get(&app, "/api/network").await;
    store.insert(&last).unwrap();
    let (_, after) = get(&app, "/api/stats").await;
    assert_eq!(
        after["articles"].as_i64().unwrap(),
        before["articles"].as_i64().unwrap() + 1
    );
    let (_, net_after) = get(&app, "/api/network").await;
    assert_ne!(
        net_before, net_after,
        "the new article's record is in the network"
    );
    let (st, h, body) = send(&app, Request::get("/metrics").body(Body::empty()).unwrap()).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        h[header::CONTENT_TYPE],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.contains("herald_cache_requests_total{result=\"hit\"} 1"),
        "{text}"
    );
}

/// An article whose text is the feed's, stored because its page was gone, says so in
/// the API, with the reason; an article read from a file says nothing of the kind.
#[tokio::test]
async fn feed_text_instead_of_the_page_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let mut store = Store::open(&path).unwrap();
    let mut docs = docs().into_iter();
    let from_feed = docs.next().unwrap();
    let from_file = docs.next().unwrap();
    store
        .insert_batch_from([
            (
                &from_feed,
                herald_store::TextSource::FeedInsteadOfPage(
                    "http://news.example/a: HTTP 404".into(),
                ),
            ),
            (&from_file, herald_store::TextSource::Input),
        ])
        .unwrap();
    let app = router(AppState::open(&path, None).unwrap());
    let (_, a) = get(&app, "/api/articles/1").await;
    assert_eq!(a["text_source"], "feed-instead-of-page");
    assert_eq!(a["text_note"], "http://news.example/a: HTTP 404");
    let (_, b) = get(&app, "/api/articles/2").await;
    assert!(b.get("text_source").is_none(), "{b}");
    let (_, list) = get(&app, "/api/articles").await;
    let marked: Vec<&Value> = list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["text_source"] == "feed-instead-of-page")
        .collect();
    assert_eq!(marked.len(), 1);
}
