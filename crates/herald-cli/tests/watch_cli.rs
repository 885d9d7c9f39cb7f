//! `herald watch` as a user runs it: a feed list, a local feed server, `--once`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Output};

fn herald(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("herald runs")
}

/// Serve `feed` at /feed.xml and 404 elsewhere, on a loopback port, until the test ends.
fn serve(feed: String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut reader = BufReader::new(conn.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
            }
            let reply = if first.starts_with("GET /feed.xml ") {
                format!(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{feed}",
                    feed.len()
                )
            } else {
                "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".into()
            };
            let _ = conn.write_all(reply.as_bytes());
        }
    });
    port
}

const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Desk</title>
<item><guid>1</guid><title>Putin meets Xi</title><link>http://127.0.0.1/a</link><content:encoded><![CDATA[<p>Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday. The two leaders signed an agreement on energy cooperation and praised the partnership between Russia and China, officials said.</p>]]></content:encoded></item>
<item><guid>2</guid><title>Sanctions</title><link>http://127.0.0.1/b</link><content:encoded><![CDATA[<p>The European Union imposed new sanctions on Russia on Tuesday over the war in Ukraine. The measures target banks and energy companies, and officials said more would follow if the fighting continued.</p>]]></content:encoded></item>
</channel></rss>"#;

#[test]
fn watch_once_stores_a_feed_and_a_rerun_stores_nothing_new() {
    let port = serve(FEED.to_string());
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("feeds.txt");
    std::fs::write(
        &list,
        format!(
            "# local desk\nhttp://127.0.0.1:{port}/feed.xml\nhttp://127.0.0.1:{port}/gone.xml\n"
        ),
    )
    .unwrap();
    let db = dir.path().join("w.db");
    let args = [
        "watch",
        list.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--once",
        "--host-delay",
        "0s",
        "--timeout",
        "5s",
        // Both items carry their text: no page to fetch.
        "--min-full-text",
        "50",
        "--no-parse",
        "--no-knowledge",
    ];
    let out = herald(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("/feed.xml: 200, 2 items, 2 new, 2 stored, 0 errors"),
        "{err}"
    );
    assert!(
        err.contains("/gone.xml: failed (HTTP 404), next try in 60 s"),
        "{err}"
    );
    assert!(
        err.contains("herald watch: 1 round(s), 2 article(s) stored"),
        "{err}"
    );
    let store = herald_store::Store::open(&db).unwrap();
    let n: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    assert!(dir.path().join("w.db.watch.json").exists());

    let out = herald(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("/feed.xml: 200, 2 items, 0 new, 0 stored"),
        "{err}"
    );
    assert!(err.contains("/gone.xml: backing off"), "{err}");
}

#[test]
fn bad_feed_list_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("feeds.txt");
    std::fs::write(&list, "https://example.invalid/rss\nfeeds.example/rss\n").unwrap();
    let db = dir.path().join("w.db");
    let out = herald(&[
        "watch",
        list.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--once",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("feeds.txt:2: \"feeds.example/rss\" is neither a URL nor a feed file"),
        "{err}"
    );
    assert!(!db.exists(), "nothing is created when the list is bad");
}
