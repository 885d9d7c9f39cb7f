//! `herald ingest`, `herald query` and `herald export` as real processes: killed mid-run,
//! read while writing, fed broken input, and their exports loaded by other tools.

use herald_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn herald() -> Command {
    Command::new(env!("CARGO_BIN_EXE_herald"))
}

fn run(args: &[&str]) -> Output {
    herald()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("herald runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A small article whose text codes events without the parser.
fn article(i: usize) -> String {
    let text = format!(
        "China's foreign minister met Russian President Vladimir Putin in Moscow (report {i}). \
         Iran criticised Israel on Tuesday. Germany praised France."
    );
    serde_json::json!({
        "id": format!("a{i}"),
        "text": text,
        "date": format!("2023-03-{:02}", i % 28 + 1),
        "url": format!("https://news{}.example/{i}", i % 7),
        "source": format!("Outlet {}", i % 7),
    })
    .to_string()
}

fn write_corpus(path: &Path, n: usize) {
    let mut f = std::fs::File::create(path).unwrap();
    for i in 0..n {
        writeln!(f, "{}", article(i)).unwrap();
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Articles stored so far, read through a second connection (0 before the file exists).
fn stored(db: &Path) -> i64 {
    if !db.exists() {
        return 0;
    }
    let Ok(store) = Store::open(db) else {
        return 0;
    };
    store
        .connection()
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap_or(0)
}

/// Wait until `cond` holds or the child exits; true when `cond` held.
fn wait_for(child: &mut Child, mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if cond() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return cond();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for herald ingest");
}

fn ingest_cmd(db: &Path, input: &str) -> Command {
    let mut c = herald();
    c.args([
        "ingest",
        input,
        "--db",
        s(db),
        "--no-parse",
        "--batch",
        "8",
        "--jobs",
        "1",
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    c
}

/// Counts that must be equal between an interrupted-and-resumed and a clean ingest.
fn table_counts(db: &Path) -> Vec<(String, i64)> {
    let store = Store::open(db).unwrap();
    [
        "articles",
        "events",
        "records",
        "mentions",
        "quotes",
        "times",
        "amounts",
        "names",
        "locations",
        "record_outlets",
    ]
    .iter()
    .map(|t| {
        let n: i64 = store
            .connection()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap();
        (t.to_string(), n)
    })
    .collect()
}

#[test]
fn killed_ingest_resumes_with_every_article_once() {
    const N: usize = 600;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news.jsonl");
    write_corpus(&corpus, N);
    let db = dir.path().join("h.db");

    // Run 1 reads stdin: 300 articles arrive, the rest never does; it is killed once
    // something is stored, with coded articles still waiting in memory.
    let mut child = ingest_cmd(&db, "-").stdin(Stdio::piped()).spawn().unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for i in 0..300 {
            writeln!(stdin, "{}", article(i)).unwrap();
        }
        stdin.flush().unwrap();
        assert!(wait_for(&mut child, || stored(&db) > 0));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    let after_first = stored(&db);
    assert!(after_first > 0 && after_first < 300, "{after_first}");

    // Run 2 on the whole file, killed as soon as it has stored more: mid-write.
    let mut child = ingest_cmd(&db, s(&corpus)).spawn().unwrap();
    wait_for(&mut child, || stored(&db) > after_first);
    child.kill().ok();
    child.wait().unwrap();

    // Run 3 completes.
    let out = ingest_cmd(&db, s(&corpus)).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("duplicate(s) skipped"),
        "{}",
        stderr(&out)
    );

    let store = Store::open(&db).unwrap();
    let problems = store.verify().unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    let c = store.connection();
    let distinct: i64 = c
        .query_row("SELECT count(DISTINCT doc_id) FROM articles", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stored(&db), N as i64, "every article stored");
    assert_eq!(distinct, N as i64, "each exactly once");
    let orphans: i64 = c
        .query_row(
            "SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id
             WHERE a.id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "no event without its article");
    let events: i64 = c
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert!(events >= N as i64, "the corpus codes events: {events}");
    drop(store);

    // The same as one uninterrupted run: no duplicate records, mentions or layers.
    let clean = dir.path().join("clean.db");
    let out = ingest_cmd(&clean, s(&corpus)).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(table_counts(&db), table_counts(&clean));
}

#[test]
fn queries_answer_while_ingest_writes() {
    const N: usize = 1500;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    // Create the database first so the queries never race its creation.
    let seed = dir.path().join("seed.jsonl");
    write_corpus(&seed, 1);
    assert!(ingest_cmd(&db, s(&seed)).output().unwrap().status.success());

    let mut child = ingest_cmd(&db, "-").stdin(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Articles trickle in, so the ingest is busy coding and writing for a while.
    let feeder = std::thread::spawn(move || {
        for i in 1..N {
            writeln!(stdin, "{}", article(i)).unwrap();
            if i % 100 == 0 {
                stdin.flush().unwrap();
                std::thread::sleep(Duration::from_millis(30));
            }
        }
    });
    let mut during = 0;
    let mut last = 0;
    while child.try_wait().unwrap().is_none() {
        let out = run(&["query", "stats", "--db", s(&db), "--format", "json"]);
        assert!(out.status.success(), "stats failed: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let n = v["articles"].as_i64().unwrap();
        assert!(n >= last, "counts never go back: {n} after {last}");
        last = n;
        let out = run(&[
            "query",
            "events",
            "--db",
            s(&db),
            "--format",
            "json",
            "--limit",
            "5",
        ]);
        assert!(out.status.success(), "events failed: {}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
        during += 1;
    }
    feeder.join().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(during > 0, "no query ran while ingesting");
    assert_eq!(stored(&db), N as i64);
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A WARC response record holding an HTML page.
fn warc_record(url: &str, body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2023-03-17T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        url.len(),
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{body}</p><p>{body} The talks went on for hours in the capital.</p></article></body></html>"
    )
}

#[test]
fn broken_inputs_are_reported_by_file_and_record_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);

    // JSON Lines: malformed, truncated and binary lines between good ones.
    let mut lines = vec![article(0)];
    lines.push(r#"{"id":"bad","text": oops}"#.into());
    let cut = article(1);
    lines.push(cut[..cut.len() / 2].to_string());
    lines.push(article(2));
    std::fs::write(p("mixed.jsonl"), lines.join("\n") + "\n").unwrap();
    let mut bin = std::fs::read(p("mixed.jsonl")).unwrap();
    bin.extend_from_slice(b"\x00\x01\xff\xfe garbage\n");
    bin.extend_from_slice((article(3) + "\n").as_bytes());
    std::fs::write(p("mixed.jsonl"), bin).unwrap();

    // gzip cut off in the middle: the lines before the cut are kept.
    let whole = gz(((4..40).map(article).collect::<Vec<_>>().join("\n") + "\n").as_bytes());
    std::fs::write(p("cut.jsonl.gz"), &whole[..whole.len() * 2 / 3]).unwrap();

    // A binary file named like text.
    std::fs::write(p("blob.txt"), [0u8, 159, 146, 150, 0, 1, 2, 255]).unwrap();

    // WARC: a good record, one whose body is shorter than declared, and nothing after.
    let mut warc = warc_record(
        "https://w.example/1",
        &page("Summit", "Germany praised France."),
    );
    let mut broken = warc_record(
        "https://w.example/2",
        &page("Visit", "Iran criticised Israel."),
    );
    broken.truncate(broken.len() - 40);
    warc.extend_from_slice(&broken);
    std::fs::write(p("crawl.warc"), &warc).unwrap();

    // A feed that is not XML at all, and a good one.
    std::fs::write(p("broken.rss"), "<rss><channel><item><title>x</ti").unwrap();
    std::fs::write(
        p("good.rss"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>\
         <item><title>Talks</title><link>https://f.example/1</link>\
         <pubDate>Fri, 17 Mar 2023 10:00:00 GMT</pubDate>\
         <description>Japan thanked Korea for the aid.</description></item></channel></rss>",
    )
    .unwrap();

    let db = p("h.db");
    let files = [
        "mixed.jsonl",
        "cut.jsonl.gz",
        "blob.txt",
        "crawl.warc",
        "broken.rss",
        "good.rss",
    ];
    let mut args = vec![
        "ingest".to_string(),
        "--db".into(),
        s(&db).into(),
        "--no-parse".into(),
    ];
    args.extend(files.iter().map(|f| s(&p(f)).to_string()));
    let out = herald().args(&args).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for needle in [
        "mixed.jsonl:2",
        "mixed.jsonl:3",
        "mixed.jsonl:5",
        "cut.jsonl.gz",
        "blob.txt",
        "crawl.warc",
        "broken.rss",
    ] {
        assert!(err.contains(needle), "{needle} not named in:\n{err}");
    }

    let store = Store::open(&db).unwrap();
    let ids: Vec<String> = store
        .connection()
        .prepare("SELECT doc_id FROM articles ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for good in ["a0", "a2", "a3", "a4"] {
        assert!(ids.iter().any(|i| i == good), "{good} missing from {ids:?}");
    }
    assert!(
        ids.iter().filter(|i| i.starts_with('a')).count() > 5,
        "lines before the gzip cut are stored: {ids:?}"
    );
    let urls: Vec<Option<String>> = store
        .connection()
        .prepare("SELECT url FROM articles")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(urls
        .iter()
        .any(|u| u.as_deref() == Some("https://w.example/1")));
    assert!(urls
        .iter()
        .any(|u| u.as_deref() == Some("https://f.example/1")));
    assert!(store.verify().unwrap().is_empty());
    assert!(err.contains("bad record(s) skipped"), "{err}");
}

/// Articles whose actor evidence carries double quotes, apostrophes and tabs.
fn tricky_corpus(path: &Path) -> usize {
    let texts = [
        "\"China\" accused Japan of provocations. Russia's army attacked Ukraine.",
        "The \"Russian\" government\tpraised India on Monday.\nIran criticised Israel.",
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow.",
        "Germany praised France. \"Iran\" criticised \"Israel\".",
    ];
    let mut f = std::fs::File::create(path).unwrap();
    for (i, t) in texts.iter().enumerate() {
        let line = serde_json::json!({
            "id": format!("t{i}"),
            "text": t,
            "date": "2023-03-17",
            "title": format!("A \"title\"\twith\ttabs {i}"),
            "source": "Out\"let",
        });
        writeln!(f, "{line}").unwrap();
    }
    texts.len()
}

/// The tricky corpus ingested and exported in every format: (file, rows) by format name.
struct Exported {
    _dir: tempfile::TempDir,
    files: std::collections::HashMap<&'static str, (PathBuf, usize)>,
}

fn export_tricky_corpus() -> Exported {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("tricky.jsonl");
    let n = tricky_corpus(&corpus);
    let db = dir.path().join("h.db");
    let out = ingest_cmd(&db, s(&corpus)).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stored(&db), n as i64);
    let mut files = std::collections::HashMap::new();
    for format in ["gdelt-events", "gdelt-mentions", "gkg", "parquet"] {
        let path = dir.path().join(format!("out.{format}"));
        let out = run(&["export", "--format", format, "--db", s(&db), "-o", s(&path)]);
        assert!(out.status.success(), "{}", stderr(&out));
        let rows: usize = stderr(&out)
            .split_whitespace()
            .find_map(|w| w.parse().ok())
            .expect("row count in the summary");
        files.insert(format, (path, rows));
    }
    assert!(files["gdelt-events"].1 > 0, "the corpus codes events");
    assert_eq!(files["gkg"].1, n);
    Exported { _dir: dir, files }
}

/// The interpreter the build probed for pandas (build-support/probe.rs).
fn python() -> String {
    std::env::var("HERALD_PYTHON").unwrap_or_else(|_| "python3".into())
}

#[test]
fn exports_have_every_row_the_right_width() {
    let e = export_tricky_corpus();
    for (format, cols) in [("gdelt-events", 61), ("gdelt-mentions", 16), ("gkg", 27)] {
        for l in std::fs::read_to_string(&e.files[format].0).unwrap().lines() {
            assert_eq!(l.split('\t').count(), cols, "{format}: {l:?}");
        }
    }
    let (parquet, n_parquet) = &e.files["parquet"];
    assert_eq!(*n_parquet, e.files["gdelt-events"].1);
    let bytes = std::fs::read(parquet).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

#[test]
#[cfg_attr(not(has_pandas), ignore = "needs python3 with pandas")]
fn exports_load_in_pandas() {
    let e = export_tricky_corpus();
    for (format, cols) in [("gdelt-events", 61), ("gdelt-mentions", 16), ("gkg", 27)] {
        let (path, rows) = &e.files[format];
        // The calls users make: the issue's plain one, all strings, and quoting off.
        let script = format!(
            "import pandas, sys\n\
             for kw in [{{}}, {{'dtype': str}}, {{'dtype': str, 'quoting': 3}}]:\n\
             \x20   d = pandas.read_csv(sys.argv[1], sep='\\t', header=None, **kw)\n\
             \x20   assert d.shape == ({rows}, {cols}), (kw, d.shape)\n"
        );
        let out = Command::new(python())
            .args(["-c", &script, s(path)])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
#[cfg_attr(not(has_pyarrow), ignore = "needs python3 with pandas and pyarrow")]
fn parquet_loads_in_pandas() {
    let e = export_tricky_corpus();
    let (parquet, n_parquet) = &e.files["parquet"];
    let script = format!(
        "import pandas, sys\nd = pandas.read_parquet(sys.argv[1])\nassert d.shape == ({n_parquet}, 28), d.shape\n"
    );
    let out = Command::new(python())
        .args(["-c", &script, s(parquet)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn parquet_to_a_terminal_is_refused_and_missing_databases_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "export",
        "--format",
        "parquet",
        "--db",
        s(&dir.path().join("none.db")),
        "-o",
        s(&dir.path().join("x.parquet")),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no such database"),
        "{}",
        stderr(&out)
    );
    assert!(
        !dir.path().join("none.db").exists(),
        "no empty database created"
    );
    assert!(!dir.path().join("x.parquet").exists());

    // stdout on a terminal: `script` gives the command a pseudo-terminal.
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipping the terminal check: `script` (util-linux) is not installed");
        return;
    }
    let cmd = format!(
        "{} export --format parquet --db {}",
        env!("CARGO_BIN_EXE_herald"),
        s(&dir.path().join("none.db"))
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("-o FILE"), "{said}");
}
