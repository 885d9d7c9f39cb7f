//! The OpenAPI 3 document served at `/api/openapi.json`.
//!
//! Written by hand next to the handlers; the crate's tests check that its paths and
//! methods are exactly the registered routes and that it parses as OpenAPI 3.

use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": desc, "schema": schema })
}

fn required(name: &str, desc: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": true, "description": desc, "schema": schema })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn filter_params() -> Vec<Value> {
    vec![
        param("from", "First day, inclusive (YYYY-MM-DD).", json!({"type": "string", "format": "date"})),
        param("to", "Last day, inclusive (YYYY-MM-DD).", json!({"type": "string", "format": "date"})),
        param("actor", "Source actor code prefix (CHN matches CHNGOV).", string()),
        param("target", "Target actor code prefix.", string()),
        param("code", "CAMEO event code prefix (04 matches 042).", string()),
        param("root", "CAMEO root code, exact (two digits).", string()),
        param("quad", "GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.", json!({"type": "integer", "minimum": 1, "maximum": 4})),
    ]
}

fn json_response(desc: &str, schema: Value) -> Value {
    json!({ "description": desc, "content": { "application/json": { "schema": schema } } })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn errors() -> Value {
    json!({
        "description": "Bad parameters (the reason is in `error`).",
        "content": { "application/json": { "schema": reference("Error") } }
    })
}

fn get_op(summary: &str, params: Vec<Value>, ok: Value) -> Value {
    json!({ "get": {
        "summary": summary,
        "parameters": params,
        "responses": { "200": ok, "400": errors() }
    }})
}

/// The document.
pub fn document() -> Value {
    let span = json!({"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2,
        "description": "Half-open range of BYTE offsets into the UTF-8 text."});
    let mut events_params = filter_params();
    events_params.extend([
        param("limit", "Records per page (1-1000, default 50).", json!({"type": "integer", "minimum": 1, "maximum": 1000})),
        param("offset", "Records to skip (default 0).", json!({"type": "integer", "minimum": 0})),
        param("sort", "day (oldest first), -day (newest first), mentions (most first), goldstein (most negative first).",
            json!({"type": "string", "enum": ["day", "-day", "day_desc", "mentions", "goldstein"]})),
    ]);
    let mut network_params = filter_params();
    network_params.extend([
        param(
            "involving",
            "Only edges with an actor of this code prefix on either side.",
            string(),
        ),
        param(
            "min_count",
            "Leave out edges with fewer records (default 1).",
            json!({"type": "integer", "minimum": 1}),
        ),
        param(
            "limit",
            "Most edges, busiest first (default 80).",
            json!({"type": "integer", "minimum": 1, "maximum": 1000}),
        ),
        param(
            "level",
            "Node granularity: full code, or country (first three letters).",
            json!({"type": "string", "enum": ["code", "country"]}),
        ),
    ]);
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "herald API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Political event data coded by herald: event records, timelines, actor networks, articles with their evidence, quotations, and coding of posted text. Every span is a byte range into the article's UTF-8 text."
        },
        "paths": {
            "/": { "get": { "summary": "The dashboard (HTML).", "responses": { "200": { "description": "The dashboard page.", "content": { "text/html": { "schema": string() } } } } } },
            "/assets/{file}": { "get": {
                "summary": "A dashboard file (JavaScript, CSS, icon), embedded in the binary.",
                "parameters": [{ "name": "file", "in": "path", "required": true, "schema": string() }],
                "responses": {
                    "200": { "description": "The file." },
                    "404": { "description": "No such file.", "content": { "application/json": { "schema": reference("Error") } } }
                }
            }},
            "/healthz": { "get": { "summary": "Liveness: 200 when the database answers.", "responses": {
                "200": json_response("Healthy.", json!({"type": "object", "properties": {"status": string(), "articles": {"type": "integer"}, "coding": {"type": "boolean"}, "version": string()}})),
                "503": { "description": "Database not available.", "content": { "application/json": { "schema": reference("Error") } } }
            }}},
            "/metrics": { "get": { "summary": "Prometheus metrics: requests, latency histogram, store counts.", "responses": {
                "200": { "description": "Prometheus text format 0.0.4.", "content": { "text/plain": { "schema": string() } } }
            }}},
            "/api/openapi.json": { "get": { "summary": "This document.", "responses": {
                "200": json_response("OpenAPI 3 document.", json!({"type": "object"}))
            }}},
            "/api/stats": get_op("Counts of everything stored.", vec![], json_response("Counts.", reference("Stats"))),
            "/api/events": get_op("Deduplicated event records, filtered, sorted and paged.", events_params,
                json_response("A page of records.", reference("EventPage"))),
            "/api/timeline": get_op("Counts per QuadClass and Goldstein sum/mean per period for an actor pair.", vec![
                required("a", "First actor code prefix.", string()),
                required("b", "Second actor code prefix.", string()),
                param("by", "Period length (default month).", json!({"type": "string", "enum": ["day", "week", "month"]})),
                param("directed", "Only a → b (default both directions).", json!({"type": "boolean"})),
            ], json_response("The timeline.", reference("Timeline"))),
            "/api/network": get_op("Actor network: nodes are actors, edges count records source → target with their mean Goldstein.", network_params,
                json_response("Nodes and edges.", reference("Network"))),
            "/api/articles": get_op("Stored articles, newest first.", vec![
                param("q", "Only articles whose headline or id contains this (case-insensitive).", string()),
                param("limit", "Articles per page (1-1000, default 50).", json!({"type": "integer", "minimum": 1, "maximum": 1000})),
                param("offset", "Articles to skip.", json!({"type": "integer", "minimum": 0})),
            ], json_response("Articles.", json!({"type": "object", "properties": {
                "articles": {"type": "array", "items": reference("ArticleSummary")},
                "limit": {"type": "integer"}, "offset": {"type": "integer"}}}))),
            "/api/articles/{id}": { "get": {
                "summary": "One article: text and every annotation with byte spans (herald's output format plus store fields).",
                "parameters": [{ "name": "id", "in": "path", "required": true, "description": "Article id in the store.", "schema": {"type": "integer", "minimum": 1} }],
                "responses": {
                    "200": json_response("The article.", reference("Article")),
                    "400": errors(),
                    "404": { "description": "No such article.", "content": { "application/json": { "schema": reference("Error") } } }
                }
            }},
            "/api/quotes": get_op("Quotations by speaker (name or code) and words, newest first.", vec![
                param("speaker", "Case-insensitive substring of the speaker's name or code.", string()),
                param("text", "Case-insensitive substring of the quoted words.", string()),
                param("limit", "Most quotations (1-1000, default 50).", json!({"type": "integer", "minimum": 1, "maximum": 1000})),
            ], json_response("Quotations.", json!({"type": "object", "properties": {
                "quotes": {"type": "array", "items": reference("Quote")}, "limit": {"type": "integer"}}}))),
            "/api/code": { "post": {
                "summary": "Code posted text as `herald code` does, without storing it.",
                "requestBody": { "required": true, "content": { "application/json": { "schema": reference("CodeRequest") } } },
                "responses": {
                    "200": json_response("The coded document.", reference("Article")),
                    "400": errors(),
                    "413": { "description": "Body larger than the limit (256 KiB).", "content": { "application/json": { "schema": reference("Error") } } },
                    "415": { "description": "Body is not JSON.", "content": { "application/json": { "schema": reference("Error") } } },
                    "422": { "description": "JSON of the wrong shape.", "content": { "application/json": { "schema": reference("Error") } } },
                    "503": { "description": "Coding not available on this server, or busy (every coding thread working and the queue full; `Retry-After` says when to try again).", "content": { "application/json": { "schema": reference("Error") } } }
                }
            }}
        },
        "components": { "schemas": {
            "Error": { "type": "object", "required": ["error"], "properties": { "error": string() } },
            "Stats": { "type": "object", "properties": {
                "schema_version": {"type": "integer"}, "articles": {"type": "integer"}, "events": {"type": "integer"},
                "records": {"type": "integer"}, "actor_mentions": {"type": "integer"}, "quotes": {"type": "integer"},
                "times": {"type": "integer"}, "amounts": {"type": "integer"}, "names": {"type": "integer"},
                "locations": {"type": "integer"}, "outlets": {"type": "integer"},
                "first_day": {"type": "string", "nullable": true}, "last_day": {"type": "string", "nullable": true},
                "undated_articles": {"type": "integer"}, "undated_records": {"type": "integer"} } },
            "EventRecord": { "type": "object", "properties": {
                "id": {"type": "integer"},
                "day": {"type": "string", "nullable": true, "description": "null: no date known (undated articles are never given the day they were read)"},
                "day_from_text": {"type": "boolean", "description": "the day was read from the text of undated articles"},
                "source": string(), "target": string(),
                "code": string(), "root": string(), "name": string(), "goldstein": {"type": "number"},
                "quad_class": {"type": "integer"}, "num_mentions": {"type": "integer"},
                "num_sources": {"type": "integer"}, "num_articles": {"type": "integer"},
                "first_seen": {"type": "string", "nullable": true}, "last_seen": {"type": "string", "nullable": true}, "avg_tone": {"type": "number", "nullable": true},
                "source_text": string(), "target_text": string(), "url": {"type": "string", "nullable": true},
                "article_id": {"type": "integer", "nullable": true}, "title": {"type": "string", "nullable": true} } },
            "EventPage": { "type": "object", "properties": {
                "events": {"type": "array", "items": reference("EventRecord")},
                "limit": {"type": "integer"}, "offset": {"type": "integer"}, "sort": string(),
                "next_offset": {"type": "integer", "nullable": true} } },
            "Period": { "type": "object", "properties": {
                "period": string(), "events": {"type": "integer"},
                "quad": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4},
                "goldstein_sum": {"type": "number"}, "goldstein_mean": {"type": "number"}, "mentions": {"type": "integer"} } },
            "Timeline": { "type": "object", "properties": {
                "a": string(), "b": string(), "directed": {"type": "boolean"}, "by": string(),
                "periods": {"type": "array", "items": reference("Period")},
                "undated": {"nullable": true, "allOf": [reference("Period")], "description": "records with no known day, counted apart"} } },
            "Network": { "type": "object", "properties": {
                "nodes": {"type": "array", "items": {"type": "object", "properties": {
                    "id": string(), "events": {"type": "integer"}, "out_events": {"type": "integer"}, "in_events": {"type": "integer"}}}},
                "edges": {"type": "array", "items": {"type": "object", "properties": {
                    "source": string(), "target": string(), "events": {"type": "integer"}, "mentions": {"type": "integer"},
                    "goldstein_mean": {"type": "number"},
                    "quad": {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4}}}} } },
            "ArticleSummary": { "type": "object", "properties": {
                "id": {"type": "integer"}, "doc_id": string(), "title": {"type": "string", "nullable": true},
                "url": {"type": "string", "nullable": true}, "outlet": string(),
                "published": {"type": "string", "nullable": true}, "events": {"type": "integer"},
                "text_source": {"type": "string", "enum": ["page", "feed", "feed-instead-of-page"],
                    "description": "Where `herald watch` took the text from; absent for text read from input files."} } },
            "Quote": { "type": "object", "properties": {
                "article_id": {"type": "integer"}, "published": {"type": "string", "nullable": true},
                "url": {"type": "string", "nullable": true}, "speaker": {"type": "string", "nullable": true},
                "speaker_code": {"type": "string", "nullable": true}, "verb": {"type": "string", "nullable": true},
                "text": string(), "direct": {"type": "boolean"} } },
            "CodeRequest": { "type": "object", "required": ["text"], "additionalProperties": false, "properties": {
                "text": string(), "date": {"type": "string", "format": "date", "nullable": true},
                "title": {"type": "string", "nullable": true} } },
            "Article": { "type": "object",
                "description": "herald's output format (docs/output.md); stored articles add article_id, outlet, ingested_at and per event record_id, confidence and day.",
                "properties": {
                    "id": string(), "text": string(), "date": {"type": "string", "nullable": true},
                    "title": {"type": "string", "nullable": true}, "url": {"type": "string", "nullable": true},
                    "source": {"type": "string", "nullable": true},
                    "article_id": {"type": "integer"}, "outlet": string(),
                    "text_source": {"type": "string", "enum": ["page", "feed", "feed-instead-of-page"],
                        "description": "Where `herald watch` took the text from: the item's page, the feed's full content, or the feed's own text because the page could not be had (then `text_note` says why). Absent for text read from input files."},
                    "text_note": {"type": "string", "nullable": true},
                    "sentences": {"type": "array", "items": span.clone()},
                    "actors": {"type": "array", "items": {"type": "object", "properties": {
                        "text": string(), "code": string(), "span": span.clone(), "kind": string()}}},
                    "events": {"type": "array", "items": {"type": "object"}},
                    "quotes": {"type": "array", "items": {"type": "object"}},
                    "times": {"type": "array", "items": {"type": "object"}},
                    "amounts": {"type": "array", "items": {"type": "object"}},
                    "persons": {"type": "array", "items": {"type": "object"}},
                    "organizations": {"type": "array", "items": {"type": "object"}},
                    "locations": {"type": "array", "items": {"type": "object"}},
                    "tone": {"type": "object", "nullable": true}
                } }
        }}
    })
}

/// `GET /api/openapi.json`.
pub async fn handler() -> Response {
    Json(document()).into_response()
}
