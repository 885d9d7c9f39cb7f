//! Every WARC/ARC file in ../shared: warcio's test files (good and deliberately broken)
//! and a crawl of real news pages. Ignored when ../shared is absent.

use herald_ingest::{read, InputFormat, ReadOptions};
use std::path::{Path, PathBuf};

fn warc_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus/warc")
}

/// (articles, errors as strings) read from one file.
fn read_all(path: &Path) -> (Vec<herald_ingest::Article>, Vec<String>) {
    let (mut ok, mut errs) = (Vec::new(), Vec::new());
    for item in read(path, InputFormat::Auto, &ReadOptions::default()).unwrap() {
        match item {
            Ok((_, a)) => ok.push(a),
            Err(e) => errs.push(e.to_string()),
        }
    }
    (ok, errs)
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn warcio_test_files() {
    let dir = warc_dir();
    let dir = dir.join("warcio_testdata");
    // (file, articles, errors): every file there, good and broken.
    let expected: &[(&str, usize, usize)] = &[
        ("example.warc", 1, 0),
        ("example.warc.gz", 1, 0),
        ("example.arc", 1, 0),
        ("example.arc.gz", 1, 0),
        ("example-iana.org-chunked.warc", 1, 0),
        ("example-wrong-chunks.warc.gz", 1, 0),
        ("example-bad-non-chunked.warc.gz", 1, 0),
        ("example-resource.warc.gz", 1, 0),
        ("example-wget-bad-target-uri.warc.gz", 1, 0),
        // Named .bad, but a valid gzipped WARC: sniffed, one page (the 302 is skipped).
        ("example-bad.warc.gz.bad", 1, 0),
        ("example-digest.warc", 0, 0),
        ("post-test.warc.gz", 0, 0),
        ("example-space-in-target-uri.warc.gz", 0, 0),
        // Its last record is shorter than declared: the page, then the truncation.
        ("example-space-in-url.arc", 1, 1),
        // A response whose gzip body is cut, and stray bytes after it.
        ("example-trunc.warc", 0, 2),
        // Bad lengths ("-1", "abc"): reported; the valid record between them is skipped
        // as it is not HTML (the "-1" record after the bad header is passed over while
        // looking for the next header).
        ("bad.arc", 0, 2),
    ];
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "LICENSE")
        .collect();
    files.sort();
    for f in &files {
        assert!(
            expected.iter().any(|(e, ..)| e == f),
            "no expectation for {f}"
        );
    }
    for &(file, n_ok, n_err) in expected {
        let (ok, errs) = read_all(&dir.join(file));
        println!(
            "{file}: {} articles, {} errors {errs:?}",
            ok.len(),
            errs.len()
        );
        assert_eq!((ok.len(), errs.len()), (n_ok, n_err), "{file}: {errs:?}");
        for a in &ok {
            assert!(
                a.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{file}: {:?}",
                a.url
            );
            assert!(a.date.is_some(), "{file}");
            assert!(
                a.text.contains("illustrative examples") || a.text.contains("Internet Assigned"),
                "{file}: {}",
                a.text
            );
        }
        for e in &errs {
            assert!(
                e.starts_with(&format!("{}", dir.join(file).display())),
                "{e}"
            );
            assert!(e.contains(" record ") && e.contains("(byte "), "{e}");
        }
    }
    let (_, errs) = read_all(&dir.join("example-trunc.warc"));
    assert!(errs[0].contains("record 3 (byte 1197)"), "{errs:?}");
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn news_crawl_yields_every_page() {
    let dir = warc_dir();
    let start = std::time::Instant::now();
    let (ok, errs) = read_all(&dir.join("news_pages_derived.warc.gz"));
    println!(
        "news_pages_derived.warc.gz: {} articles, {} errors in {:?}",
        ok.len(),
        errs.len(),
        start.elapsed()
    );
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(ok.len(), 269);
    assert!(ok
        .iter()
        .all(|a| a.url.is_some() && a.date.is_some() && !a.text.trim().is_empty()));
    // A few of the pages are tiny extraction test cases; the rest are full articles.
    assert!(ok.iter().filter(|a| a.text.len() > 500).count() > 250);
}
