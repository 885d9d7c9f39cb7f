//! Bounded HTTP GETs: timeouts, a body size cap and conditional requests.

use crate::{Error, Result};
use reqwest::blocking::Client;
use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::time::Duration;

/// What a server said about a response's version, sent back on the next request so an
/// unchanged feed costs a `304 Not Modified` instead of the whole body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is nothing to send.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A successful response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fetched {
    /// `304 Not Modified`: the body is the one seen last time.
    NotModified,
    /// A `2xx` response and its whole body.
    Body {
        /// HTTP status.
        status: u16,
        /// The URL after redirects.
        url: String,
        /// The body (decompressed), at most the fetcher's size cap.
        body: Vec<u8>,
        /// What to send next time.
        validators: Validators,
    },
}

/// Why a request failed. Every message starts with the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// No complete response within the total timeout (or no connection within the
    /// connect timeout).
    #[error("{url}: timed out")]
    Timeout {
        /// The URL requested.
        url: String,
    },
    /// The server could not be reached (refused, unknown host, TLS failure…).
    #[error("{url}: cannot connect: {message}")]
    Connect {
        /// The URL requested.
        url: String,
        /// What the client said.
        message: String,
    },
    /// The server answered with an error status.
    #[error("{url}: HTTP {status}")]
    Status {
        /// The URL requested.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body is larger than the cap; reading stopped there.
    #[error("{url}: body larger than the limit of {limit} bytes; stopped reading")]
    TooLarge {
        /// The URL requested.
        url: String,
        /// The cap in force.
        limit: u64,
    },
    /// Anything else (broken connection mid-body, bad redirect…).
    #[error("{url}: {message}")]
    Other {
        /// The URL requested.
        url: String,
        /// What went wrong.
        message: String,
    },
}

/// An HTTP client with the limits `herald watch` needs.
#[derive(Clone, Debug)]
pub struct Fetcher {
    client: Client,
    timeout: Duration,
}

impl Fetcher {
    /// A client that gives up connecting after `connect_timeout` and on a whole request
    /// (headers and body) after `timeout`, and follows at most 5 redirects.
    pub fn new(connect_timeout: Duration, timeout: Duration, user_agent: &str) -> Result<Fetcher> {
        let client = Client::builder()
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .user_agent(user_agent)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| Error::Client(e.to_string()))?;
        Ok(Fetcher { client, timeout })
    }

    /// GET `url`, conditionally when `validators` are given, reading at most `max_bytes`
    /// of body.
    pub fn get(
        &self,
        url: &str,
        validators: Option<&Validators>,
        max_bytes: u64,
    ) -> Result<Fetched, FetchError> {
        if url.starts_with("file:") {
            return read_file(url, max_bytes);
        }
        // The client's timeout bounds each wait, not the whole: a server dripping a byte
        // a second never lets one read time out. The deadline bounds the whole request.
        let deadline = std::time::Instant::now() + self.timeout;
        let mut headers = HeaderMap::new();
        if let Some(v) = validators {
            // A header value a server sent may still be unusable in a request (control
            // characters); then the request is simply unconditional.
            if let Some(etag) = v
                .etag
                .as_deref()
                .and_then(|e| HeaderValue::from_str(e).ok())
            {
                headers.insert(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = v
                .last_modified
                .as_deref()
                .and_then(|e| HeaderValue::from_str(e).ok())
            {
                headers.insert(header::IF_MODIFIED_SINCE, lm);
            }
        }
        let resp = self
            .client
            .get(url)
            .headers(headers)
            .send()
            .map_err(|e| classify(url, &e))?;
        let status = resp.status();
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                url: url.to_string(),
                status: status.as_u16(),
            });
        }
        let too_large = || FetchError::TooLarge {
            url: url.to_string(),
            limit: max_bytes,
        };
        // The announced length only saves reading; the cap below is what holds (the
        // header may lie, and is absent for chunked or compressed bodies).
        if resp.content_length().is_some_and(|n| n > max_bytes) {
            return Err(too_large());
        }
        let header = |name| {
            resp.headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header(header::ETAG),
            last_modified: header(header::LAST_MODIFIED),
        };
        let final_url = resp.url().to_string();
        let mut body = Vec::new();
        let mut resp = resp.take(max_bytes + 1);
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            if std::time::Instant::now() >= deadline {
                return Err(FetchError::Timeout {
                    url: url.to_string(),
                });
            }
            match resp.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => body.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(classify_io(url, &e)),
            }
        }
        if body.len() as u64 > max_bytes {
            return Err(too_large());
        }
        Ok(Fetched::Body {
            status: status.as_u16(),
            url: final_url,
            body,
            validators,
        })
    }
}

/// A `file:` URL read as a `200` response without validators (a local feed is read
/// whole every round: it costs no server anything).
fn read_file(url: &str, max_bytes: u64) -> Result<Fetched, FetchError> {
    let other = |message: String| FetchError::Other {
        url: url.to_string(),
        message,
    };
    let path = url::Url::parse(url)
        .ok()
        .and_then(|u| u.to_file_path().ok())
        .ok_or_else(|| other("not a local file path".into()))?;
    let file = std::fs::File::open(&path).map_err(|e| other(e.to_string()))?;
    let mut body = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|e| other(e.to_string()))?;
    if body.len() as u64 > max_bytes {
        return Err(FetchError::TooLarge {
            url: url.to_string(),
            limit: max_bytes,
        });
    }
    Ok(Fetched::Body {
        status: 200,
        url: url.to_string(),
        body,
        validators: Validators::default(),
    })
}

fn classify(url: &str, e: &reqwest::Error) -> FetchError {
    let url = url.to_string();
    if e.is_timeout() {
        FetchError::Timeout { url }
    } else if e.is_connect() {
        FetchError::Connect {
            url,
            message: innermost(e),
        }
    } else {
        FetchError::Other {
            url,
            message: innermost(e),
        }
    }
}

/// Errors while reading the body come as I/O errors wrapping the client's.
fn classify_io(url: &str, e: &std::io::Error) -> FetchError {
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<reqwest::Error>()) {
        return classify(url, inner);
    }
    if e.kind() == std::io::ErrorKind::TimedOut {
        return FetchError::Timeout {
            url: url.to_string(),
        };
    }
    FetchError::Other {
        url: url.to_string(),
        message: e.to_string(),
    }
}

/// The most specific cause ("Connection refused (os error 111)"), which is what a reader
/// of the log needs; the outer layers only repeat the URL.
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
