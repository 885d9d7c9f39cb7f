//! A tiny HTTP/1.1 server on 127.0.0.1 for the watch tests: routes are closures of the
//! request, every request is logged with its headers, each connection has its own thread
//! (so a route that never answers holds up nobody else).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
}

/// What a route answers.
pub enum Reply {
    /// Status, extra headers, body.
    Full(u16, Vec<(String, String)>, Vec<u8>),
    /// 200 without Content-Length: the body ends when the connection closes.
    Unsized(Vec<u8>),
    /// Accept and read the request, then say nothing for this long.
    Hang(Duration),
    /// 200 with a Content-Length, then the body one byte per interval.
    Drip(Vec<u8>, Duration),
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

pub struct Server {
    pub port: u16,
    pub log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let l2 = log.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let (h, l) = (handler.clone(), l2.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, &*h, &l);
                });
            }
        });
        Server { port, log }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Requests for `path` so far.
    pub fn requests(&self, path: &str) -> Vec<Request> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

fn serve(conn: TcpStream, handler: &Handler, log: &Mutex<Vec<Request>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut conn = conn;
    // One request per connection: the reply says `Connection: close`.
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let req = Request { path, headers };
    log.lock().unwrap().push(req.clone());
    match handler(&req) {
        Reply::Full(status, extra, body) => {
            let reason = match status {
                200 => "OK",
                304 => "Not Modified",
                404 => "Not Found",
                _ => "Status",
            };
            let mut head = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
            for (k, v) in extra {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            if status != 304 {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            head.push_str("\r\n");
            conn.write_all(head.as_bytes())?;
            if status != 304 {
                conn.write_all(&body)?;
            }
        }
        Reply::Unsized(body) => {
            conn.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/rss+xml\r\n\r\n")?;
            conn.write_all(&body)?;
        }
        Reply::Hang(d) => std::thread::sleep(d),
        Reply::Drip(body, every) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            conn.write_all(head.as_bytes())?;
            for b in body {
                conn.write_all(&[b])?;
                conn.flush()?;
                std::thread::sleep(every);
            }
        }
    }
    conn.flush()
}

/// `http://host:port` as the client addressed this server.
pub fn base(req: &Request) -> String {
    format!(
        "http://{}",
        req.headers.get("host").map_or("127.0.0.1", String::as_str)
    )
}

/// A port on which nobody listens (bound, then released).
pub fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full(200, Vec::new(), body.into())
}

/// One feed item: guid, title, link (a path is made absolute), full content, summary.
pub type Item<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str);

/// An RSS 2.0 feed served from `base` (`http://host:port`).
pub fn rss(base: &str, items: &[Item]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Test Desk</title><link>http://127.0.0.1/</link><description>t</description>
"#,
    );
    for (guid, title, link, content, summary) in items {
        let link = if link.starts_with('/') {
            format!("{base}{link}")
        } else {
            link.to_string()
        };
        s.push_str(&format!(
            "<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>\
             <pubDate>Mon, 20 Mar 2023 08:00:00 GMT</pubDate><description>{summary}</description>"
        ));
        if let Some(c) = content {
            s.push_str(&format!(
                "<content:encoded><![CDATA[{c}]]></content:encoded>"
            ));
        }
        s.push_str("</item>\n");
    }
    s.push_str("</channel></rss>\n");
    s
}

/// An article page with a headline and paragraphs, and some boilerplate around it.
pub fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1>\n{body}</article>\
         <footer>Copyright Test Desk. All rights reserved.</footer></body></html>"
    )
}
