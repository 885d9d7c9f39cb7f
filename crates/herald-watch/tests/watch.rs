//! `Watcher` against a local HTTP server whose feeds change between rounds, with feeds
//! that fail every way a feed can: stored exactly once, conditional GET honoured, the
//! rest keeps working, and a restart remembers validators and backoff.

mod common;

use common::{base, closed_port, ok, page, rss, Reply, Server};
use herald_pipeline::{CoderOptions, Pipeline};
use herald_store::Store;
use herald_watch::{Config, FeedReport, FeedStatus, State, Watcher};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

const A_TEXT: &str = "Russian President Vladimir Putin met Chinese President Xi Jinping in \
    Moscow on Monday. The two leaders signed an agreement on energy cooperation and praised \
    the partnership between Russia and China. Officials from both governments said further \
    talks on trade would follow in the coming months, according to the Kremlin.";

/// Loaded once for all tests: loading is the slow part.
fn pipeline() -> Arc<Pipeline> {
    static P: OnceLock<Arc<Pipeline>> = OnceLock::new();
    P.get_or_init(|| {
        Arc::new(
            Pipeline::load(None, CoderOptions::default()).expect("herald's own dictionaries load"),
        )
    })
    .clone()
}

fn config() -> Config {
    Config {
        interval: Duration::ZERO,
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(1),
        max_feed_bytes: 256 << 10,
        max_page_bytes: 256 << 10,
        host_delay: Duration::from_millis(10),
        backoff_base: Duration::from_secs(3600),
        backoff_max: Duration::from_secs(7200),
        ..Config::default()
    }
}

/// The test site; `round` (set by the test) changes what the news feed and pages say.
fn site(round: Arc<AtomicU32>) -> Server {
    Server::start(move |req| {
        let r = round.load(Ordering::SeqCst);
        let inm = req.headers.get("if-none-match").map(String::as_str);
        let ims = req.headers.get("if-modified-since").map(String::as_str);
        let base = base(req);
        match req.path.as_str() {
            // Round 1: A (full text in the feed) and B (summary only); then B and C.
            "/news.xml" => {
                let etag = format!("\"news-{}\"", r.min(2));
                if inm == Some(etag.as_str()) {
                    return Reply::Full(304, vec![("ETag".into(), etag)], Vec::new());
                }
                let a = (
                    "a",
                    "Putin meets Xi",
                    "/pages/a.html",
                    Some(A_TEXT),
                    "Talks.",
                );
                let b = ("b", "Talks", "/pages/b.html", None, "Ministers met.");
                let c = ("c", "Sanctions", "/pages/c.html", None, "New sanctions.");
                let items = if r == 1 { [a, b] } else { [b, c] };
                let body = rss(&base, &items).into_bytes();
                Reply::Full(200, vec![("ETag".into(), etag)], body)
            }
            // Never changes: answered 304 to If-Modified-Since. E's page fails in round 1.
            "/stable.rss" => {
                let lm = "Mon, 20 Mar 2023 09:00:00 GMT";
                if ims == Some(lm) {
                    return Reply::Full(304, Vec::new(), Vec::new());
                }
                let d_text = A_TEXT.replace("Monday", "Tuesday");
                let d = ("d", "Aid", "/pages/d.html", Some(d_text.as_str()), "Aid.");
                let e = ("e", "Border clash", "/pages/e.html", None, "A clash.");
                // A's text again under another link: a syndicated copy.
                let f = (
                    "f",
                    "Putin meets Xi",
                    "/copy/a.html",
                    Some(A_TEXT),
                    "Talks.",
                );
                let body = rss(&base, &[d, e, f]).into_bytes();
                Reply::Full(200, vec![("Last-Modified".into(), lm.into())], body)
            }
            "/pages/b.html" => ok(page(
                "Talks in Beijing",
                &[
                    "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei \
                     Lavrov in Beijing on Sunday.",
                    "The ministers discussed the war in Ukraine and pledged closer \
                     cooperation between China and Russia, officials said.",
                    "Both sides agreed to meet again next month to prepare a visit by the \
                     Chinese president.",
                ],
            )),
            "/pages/c.html" => ok(page(
                "Sanctions",
                &[
                    "The European Union imposed new sanctions on Russia on Tuesday over \
                     the war in Ukraine.",
                    "The measures target banks and energy companies, and EU officials said \
                     more would follow if the fighting continued.",
                    "Moscow condemned the decision and accused Brussels of hostility \
                     towards Russia.",
                ],
            )),
            "/pages/e.html" if r == 1 => Reply::Full(500, Vec::new(), b"oops".to_vec()),
            "/pages/e.html" => ok(page(
                "Border clash",
                &[
                    "Indian and Chinese troops clashed on the disputed border in the \
                     Himalayas on Wednesday, the Indian army said.",
                    "Several soldiers were injured on both sides, and India accused China \
                     of trying to change the status quo.",
                    "Beijing rejected the accusation and said its forces had acted to \
                     defend Chinese territory.",
                ],
            )),
            "/error.xml" => Reply::Full(500, Vec::new(), b"internal error".to_vec()),
            "/hang.xml" => Reply::Hang(Duration::from_secs(5)),
            "/broken.xml" => ok("<rss version=\"2.0\"><channel><item><title>x</item></rss"),
            "/huge.xml" => {
                let mut body = rss(&base, &[]).into_bytes();
                body.resize(1 << 20, b' ');
                Reply::Unsized(body)
            }
            _ => Reply::Full(404, Vec::new(), Vec::new()),
        }
    })
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// `text_source` and `text_note` of the article whose URL ends with `path`.
fn text_sources(store: &Store, path: &str) -> (Option<String>, Option<String>) {
    store
        .connection()
        .query_row(
            "SELECT text_source, text_note FROM articles WHERE url LIKE '%' || ?1",
            [path],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn by_feed<'a>(reports: &'a [FeedReport], path: &str) -> &'a FeedReport {
    reports.iter().find(|r| r.feed.ends_with(path)).unwrap()
}

#[test]
fn rounds_store_new_items_once_and_survive_broken_feeds() {
    let round = Arc::new(AtomicU32::new(1));
    let server = site(round.clone());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    let state_path = State::path_for_db(&db);
    let down = format!("http://127.0.0.1:{}/feed.xml", closed_port());
    let feeds: Vec<String> = [
        "/news.xml",
        "/stable.rss",
        "/error.xml",
        "/hang.xml",
        "/broken.xml",
        "/huge.xml",
    ]
    .iter()
    .map(|p| server.url(p))
    .chain([down.clone()])
    .collect();

    // One feed at a time: A's text comes in two feeds, and which copy is stored first
    // (the other is the duplicate) must not depend on thread timing.
    let mut w = Watcher::new(
        Config {
            parallel_feeds: 1,
            ..config()
        },
        feeds.clone(),
        pipeline(),
        Store::open(&db).unwrap(),
        State::load(&state_path).0,
    )
    .unwrap();
    let mut lines = Vec::new();
    assert_eq!(w.run(Some(1), |r| lines.push(r.to_string())), 1);
    assert_eq!(lines.len(), feeds.len(), "one log line per feed");

    // Round 1, as the log lines tell it.
    let log = lines.join("\n");
    eprintln!("{log}");
    let line = |p: &str| lines.iter().find(|l| l.contains(p)).unwrap().clone();
    assert!(
        line("/news.xml").contains(": 200, 2 items, 2 new, 2 stored, 0 errors"),
        "{log}"
    );
    assert!(
        line("/stable.rss").contains(": 200, 3 items, 3 new, 1 stored, 1 errors"),
        "{log}"
    );
    assert!(
        line("/stable.rss").contains("/pages/e.html: HTTP 500), 1 already stored under"),
        "{log}"
    );
    assert!(
        line("/error.xml").contains("failed (HTTP 500), next try in 3600 s"),
        "{log}"
    );
    assert!(line("/hang.xml").contains("failed (timed out)"), "{log}");
    assert!(
        line("/broken.xml").contains("failed (cannot parse feed"),
        "{log}"
    );
    assert!(
        line("/huge.xml").contains("failed (body larger than the limit of 262144 bytes"),
        "{log}"
    );
    assert!(line(&down).contains("failed (cannot connect"), "{log}");
    assert_eq!(count(&w.store(), "SELECT count(*) FROM articles"), 3);
    // A's full text came from the feed: its page is never asked for; B's page was.
    assert!(server.requests("/pages/a.html").is_empty());
    assert_eq!(server.requests("/pages/b.html").len(), 1);
    let b_text: String = w
        .store()
        .connection()
        .query_row(
            "SELECT text FROM articles WHERE url LIKE '%/pages/b.html'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        b_text.contains("Wang Yi met Russian Foreign Minister"),
        "{b_text}"
    );
    assert!(!b_text.contains("All rights reserved"), "{b_text}");
    // Where each text came from is stored with it: A's from the feed's full content,
    // B's from its page.
    assert_eq!(
        text_sources(&w.store(), "/pages/a.html"),
        (Some("feed".into()), None)
    );
    assert_eq!(
        text_sources(&w.store(), "/pages/b.html"),
        (Some("page".into()), None)
    );
    // Coded, not only stored.
    assert!(count(&w.store(), "SELECT count(*) FROM events") > 0);

    // Round 2: the news feed now lists B and C; E's page works again.
    round.store(2, Ordering::SeqCst);
    let r2 = w.round();
    let news = by_feed(&r2.feeds, "/news.xml");
    assert_eq!(
        (news.status.clone(), news.items, news.new, news.stored),
        (FeedStatus::Fetched(200), 2, 1, 1),
        "{news}"
    );
    let news_reqs = server.requests("/news.xml");
    assert_eq!(
        news_reqs[1]
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"news-1\"")
    );
    let stable = by_feed(&r2.feeds, "/stable.rss");
    // E was not stored in round 1, so the feed's validators were not kept: fetched whole.
    assert!(!server.requests("/stable.rss")[1]
        .headers
        .contains_key("if-modified-since"));
    assert_eq!(
        (stable.new, stable.stored, stable.duplicates),
        (2, 1, 1),
        "{stable}"
    );
    for p in ["/error.xml", "/hang.xml", "/broken.xml", "/huge.xml"] {
        let f = by_feed(&r2.feeds, p);
        assert!(matches!(f.status, FeedStatus::Waiting { .. }), "{f}");
        assert_eq!(server.requests(p).len(), 1, "{p} backs off");
    }
    assert_eq!(
        server.requests("/pages/b.html").len(),
        1,
        "B is stored: not fetched again"
    );
    assert_eq!(server.requests("/pages/c.html").len(), 1);
    assert_eq!(count(&w.store(), "SELECT count(*) FROM articles"), 5);
    let urls: Vec<String> = {
        let store = w.store();
        let mut st = store
            .connection()
            .prepare("SELECT url FROM articles ORDER BY url")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let names: Vec<&str> = urls.iter().map(|u| u.rsplit('/').next().unwrap()).collect();
    assert_eq!(names, ["a.html", "b.html", "c.html", "d.html", "e.html"]);
    drop(w);

    // A restart: validators and backoff come back from the state file.
    round.store(3, Ordering::SeqCst);
    let (state, warning) = State::load(&state_path);
    assert!(warning.is_none(), "{warning:?}");
    let mut w = Watcher::new(
        config(),
        feeds.clone(),
        pipeline(),
        Store::open(&db).unwrap(),
        state,
    )
    .unwrap();
    let r3 = w.round();
    assert_eq!(
        by_feed(&r3.feeds, "/news.xml").status,
        FeedStatus::NotModified
    );
    assert_eq!(
        server.requests("/news.xml")[2]
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"news-2\"")
    );
    assert_eq!(
        by_feed(&r3.feeds, "/stable.rss").status,
        FeedStatus::NotModified
    );
    assert_eq!(
        server.requests("/stable.rss")[2]
            .headers
            .get("if-modified-since")
            .map(String::as_str),
        Some("Mon, 20 Mar 2023 09:00:00 GMT")
    );
    assert_eq!(
        server.requests("/error.xml").len(),
        1,
        "backoff survives a restart"
    );
    assert!(matches!(
        by_feed(&r3.feeds, &down).status,
        FeedStatus::Waiting { .. }
    ));
    assert_eq!(count(&w.store(), "SELECT count(*) FROM articles"), 5);
    assert!(w.store().verify().unwrap().is_empty());
}

#[test]
fn stop_flag_stops_before_any_request() {
    let server = Server::start(|_| ok(rss("", &[])));
    let dir = tempfile::tempdir().unwrap();
    let mut w = Watcher::new(
        config(),
        vec![server.url("/a.xml"), server.url("/b.xml")],
        pipeline(),
        Store::open(dir.path().join("s.db")).unwrap(),
        State::in_memory(),
    )
    .unwrap();
    w.stop_flag()
        .store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(w.run(None, |_| {}), 0, "a stopped watcher runs no round");
    let r = w.round();
    assert!(r.feeds.is_empty(), "no feed is visited once stopped");
    assert!(server.log.lock().unwrap().is_empty());
}

#[test]
fn failed_feed_is_retried_once_its_backoff_ran_out() {
    let calls = Arc::new(AtomicU32::new(0));
    let c2 = calls.clone();
    let server = Server::start(move |_| {
        // Down at first, then up.
        if c2.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::Full(503, Vec::new(), Vec::new())
        } else {
            ok(rss("", &[("x", "Item", "", Some(A_TEXT), "s")]))
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        backoff_base: Duration::from_millis(200),
        ..config()
    };
    let mut w = Watcher::new(
        cfg,
        vec![server.url("/f.xml")],
        pipeline(),
        Store::open(dir.path().join("s.db")).unwrap(),
        State::in_memory(),
    )
    .unwrap();
    let r = w.round();
    assert!(
        matches!(&r.feeds[0].status, FeedStatus::Failed { error, retry_in }
            if error == "HTTP 503" && *retry_in <= Duration::from_millis(200)),
        "{}",
        r.feeds[0]
    );
    assert_eq!(w.state().feed(&server.url("/f.xml")).failures, 1);
    assert!(matches!(
        w.round().feeds[0].status,
        FeedStatus::Waiting { .. }
    ));
    std::thread::sleep(Duration::from_millis(250));
    let r = w.round();
    assert_eq!(
        (r.feeds[0].status.clone(), r.feeds[0].stored),
        (FeedStatus::Fetched(200), 1)
    );
    assert_eq!(w.state().feed(&server.url("/f.xml")).failures, 0);
    // An item without a link is known by its text the next time.
    let r = w.round();
    assert_eq!(
        (r.feeds[0].new, r.feeds[0].stored),
        (0, 0),
        "{}",
        r.feeds[0]
    );
}

/// A server dripping one byte every 100 ms never lets a read time out; the request's
/// total deadline (`timeout`, 1 s here) ends it anyway.
#[test]
fn a_dripping_server_is_cut_off_at_the_deadline() {
    let server = Server::start(|_| Reply::Drip(vec![b' '; 200], Duration::from_millis(100)));
    let dir = tempfile::tempdir().unwrap();
    let mut w = Watcher::new(
        config(),
        vec![server.url("/drip.xml")],
        pipeline(),
        Store::open(dir.path().join("s.db")).unwrap(),
        State::in_memory(),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let r = w.round();
    assert!(
        matches!(&r.feeds[0].status, FeedStatus::Failed { error, .. } if error == "timed out"),
        "{}",
        r.feeds[0]
    );
    // 200 bytes take 20 s to drip; the deadline is 1 s (plus one read).
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

/// A page that is gone (404) gives way to the feed's text when it is long enough; a
/// page that keeps failing is tried `max_item_failures` times, then quarantined (with
/// its reason in the state) and never requested again.
#[test]
fn gone_pages_store_the_feed_text_and_failing_pages_are_quarantined() {
    let long_summary = "The foreign ministers of India and Pakistan met in Geneva on Tuesday \
        to discuss the disputed border, a spokesman said. Both sides agreed to resume \
        talks next month and to release fishermen held in each other's prisons, officials \
        said after the meeting.";
    assert!(long_summary.chars().count() >= 200);
    let summary = long_summary.to_string();
    let server = Server::start(move |req| match req.path.as_str() {
        "/f.xml" => ok(rss(
            &base(req),
            &[
                ("g", "Gone page", "/gone", None, &summary),
                (
                    "b",
                    "Broken page",
                    "/broken",
                    None,
                    "Too short to stand alone.",
                ),
            ],
        )),
        "/gone" => Reply::Full(404, Vec::new(), b"not here".to_vec()),
        _ => Reply::Full(500, Vec::new(), Vec::new()),
    });
    let dir = tempfile::tempdir().unwrap();
    let state_path = dir.path().join("s.db.watch.json");
    let mut w = Watcher::new(
        config(),
        vec![server.url("/f.xml")],
        pipeline(),
        Store::open(dir.path().join("s.db")).unwrap(),
        State::load(&state_path).0,
    )
    .unwrap();
    let r = w.round();
    assert_eq!(r.feeds[0].stored, 1, "{}", r.feeds[0]);
    let text: String = w
        .store()
        .connection()
        .query_row("SELECT text FROM articles", [], |r| r.get(0))
        .unwrap();
    assert!(text.contains("India and Pakistan"), "{text}");
    // Marked as the feed's text, not the page's, with the reason.
    let (source, note) = text_sources(&w.store(), "/gone");
    assert_eq!(source.as_deref(), Some("feed-instead-of-page"));
    assert!(note.as_deref().unwrap().contains("HTTP 404"), "{note:?}");
    assert_eq!(server.requests("/gone").len(), 1);
    for _ in 0..4 {
        w.round();
    }
    // Three tries, then never again; the gone page was not asked for again either.
    assert_eq!(server.requests("/broken").len(), 3);
    assert_eq!(server.requests("/gone").len(), 1);
    let (state, _) = State::load(&state_path);
    let item = state.item(&server.url("/broken"));
    assert!(item.quarantined, "{item:?}");
    assert_eq!(item.failures, 3);
    assert!(
        item.last_error.as_deref().unwrap().contains("HTTP 500"),
        "{item:?}"
    );
    let r = w.round();
    assert_eq!(r.feeds[0].quarantined, 1, "{}", r.feeds[0]);
}

/// A feed that has not answered does not hold up the others: with the hanging feed first
/// in the list, the other two are polled, stored and reported while it still hangs (it
/// answers only once both were reported, or after 20 s; the request timeout is 30 s, so
/// one-after-another polling would report the hanging feed first).
#[test]
fn a_hanging_feed_does_not_hold_up_the_others() {
    let released = Arc::new(AtomicBool::new(false));
    let r2 = released.clone();
    let slow = Server::start(move |req| {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while !r2.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        ok(rss(&base(req), &[("s", "Slow", "/s", Some(A_TEXT), "")]))
    });
    let fast: Vec<Server> = ["b", "c"]
        .iter()
        .map(|id| {
            let id = id.to_string();
            Server::start(move |req| {
                let text = A_TEXT.replace("Monday", &format!("Monday ({id})"));
                ok(rss(&base(req), &[(&id, "Fast", "/x", Some(&text), "")]))
            })
        })
        .collect();
    let feeds: Vec<String> = std::iter::once(slow.url("/slow.xml"))
        .chain(fast.iter().map(|s| s.url("/fast.xml")))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut w = Watcher::new(
        Config {
            timeout: Duration::from_secs(30),
            ..config()
        },
        feeds.clone(),
        pipeline(),
        Store::open(dir.path().join("s.db")).unwrap(),
        State::in_memory(),
    )
    .unwrap();
    let mut order = Vec::new();
    let r = w.run(Some(1), |rep| {
        order.push(rep.feed.clone());
        if order.len() == 2 {
            released.store(true, Ordering::SeqCst);
        }
    });
    assert_eq!(r, 1);
    assert_eq!(order.len(), 3);
    assert_eq!(
        order[2], feeds[0],
        "the hanging feed finishes last: {order:?}"
    );
    assert_eq!(count(&w.store(), "SELECT count(*) FROM articles"), 3);
}

/// At most `parallel_feeds` feeds are fetched at once, and that many are.
#[test]
fn feeds_are_polled_in_parallel_up_to_the_bound() {
    let in_flight = Arc::new(AtomicU32::new(0));
    let most = Arc::new(AtomicU32::new(0));
    let servers: Vec<Server> = (0..5)
        .map(|_| {
            let (in_flight, most) = (in_flight.clone(), most.clone());
            Server::start(move |_| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(300));
                in_flight.fetch_sub(1, Ordering::SeqCst);
                Reply::Full(304, Vec::new(), Vec::new())
            })
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut w = Watcher::new(
        Config {
            parallel_feeds: 2,
            ..config()
        },
        servers.iter().map(|s| s.url("/f.xml")).collect(),
        pipeline(),
        Store::open(dir.path().join("s.db")).unwrap(),
        State::in_memory(),
    )
    .unwrap();
    let r = w.round();
    assert_eq!(r.feeds.len(), 5);
    assert!(r.feeds.iter().all(|f| f.status == FeedStatus::NotModified));
    // Reports come in list order whatever order the feeds finished in.
    let urls: Vec<String> = servers.iter().map(|s| s.url("/f.xml")).collect();
    assert_eq!(
        r.feeds.iter().map(|f| f.feed.clone()).collect::<Vec<_>>(),
        urls
    );
    assert_eq!(most.load(Ordering::SeqCst), 2);
}
