//! Every feed fixture in ../shared parses to its expected items: titles, links, dates.
//! (feed-rs and rss-parser test suites.) Ignored when ../shared is absent.

use herald_ingest::{read, Article, InputFormat, ReadOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus/feeds-rss-atom")
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// JSON that may have been saved in Latin-1 (one rss-parser output is).
fn load_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => encoding_rs::WINDOWS_1252
            .decode(e.as_bytes())
            .0
            .into_owned(),
    };
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn items(path: &Path) -> Vec<Result<Article, String>> {
    read(path, InputFormat::Feed, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|i| i.map(|(_, a)| a).map_err(|e| e.to_string()))
        .collect()
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn feed_rs_fixtures_parse_to_expected_items() {
    let dir = corpus();
    let (mut files, mut checked_items, mut failures) = (0, 0, Vec::new());
    for sub in ["atom", "rss0", "rss1", "rss2", "jsonfeed", "xml"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("feed-rs_fixtures").join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.to_string_lossy().ends_with(".serde.json"))
            .collect();
        paths.sort();
        for path in paths {
            let expected_path = path.with_extension("serde.json");
            let got = items(&path);
            if !expected_path.exists() {
                // No expected parse (invalid or plain XML samples): it must only not panic.
                continue;
            }
            files += 1;
            let expected = load_json(&expected_path);
            let entries = expected["entries"].as_array().cloned().unwrap_or_default();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if got.len() != entries.len() {
                failures.push(format!(
                    "{name}: {} items, expected {}",
                    got.len(),
                    entries.len()
                ));
                continue;
            }
            for (i, (item, entry)) in got.iter().zip(&entries).enumerate() {
                let has_text = ["title", "summary", "content"]
                    .iter()
                    .any(|k| !entry[k].is_null());
                let a = match item {
                    Ok(a) => a,
                    Err(e) if !has_text => {
                        assert!(e.contains("record"), "{e}");
                        continue;
                    }
                    Err(e) => {
                        failures.push(format!("{name} item {i}: {e}"));
                        continue;
                    }
                };
                checked_items += 1;
                let title = &entry["title"];
                if title["content_type"] == "text/plain" {
                    let want = words(title["content"].as_str().unwrap_or(""));
                    if a.title.as_deref().map(words) != Some(want.clone()).filter(|t| !t.is_empty())
                    {
                        failures.push(format!(
                            "{name} item {i}: title {:?}, expected {want:?}",
                            a.title
                        ));
                    }
                }
                let links = entry["links"].as_array().cloned().unwrap_or_default();
                let want_link = links
                    .iter()
                    .find(|l| l["rel"].is_null() || l["rel"] == "alternate")
                    .or(links.first())
                    .and_then(|l| l["href"].as_str())
                    .map(|h| h.trim().to_string());
                if a.url != want_link {
                    failures.push(format!(
                        "{name} item {i}: url {:?}, expected {want_link:?}",
                        a.url
                    ));
                }
                let want_date = entry["published"]
                    .as_str()
                    .or(entry["updated"].as_str())
                    .map(|d| d[..10].to_string());
                if a.date.map(|d| d.to_string()) != want_date {
                    failures.push(format!(
                        "{name} item {i}: date {:?}, expected {want_date:?}",
                        a.date
                    ));
                }
            }
        }
    }
    println!(
        "feed-rs fixtures: {files} files, {checked_items} items checked, {} mismatches",
        failures.len()
    );
    assert!(files > 40, "only {files} fixture files found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[cfg_attr(not(has_shared), ignore = "needs ../shared")]
fn rss_parser_fixtures_parse_to_expected_items() {
    let dir = corpus();
    let dir = dir.join("rss-parser_tests");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("input"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let (mut files, mut checked, mut failures) = (0, 0, Vec::new());
    for path in paths {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let expected = load_json(&dir.join("output").join(format!("{stem}.json")));
        let want = expected["feed"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let got = items(&path);
        files += 1;
        if got.len() != want.len() {
            failures.push(format!(
                "{stem}: {} items, expected {}",
                got.len(),
                want.len()
            ));
            continue;
        }
        for (i, (item, w)) in got.iter().zip(&want).enumerate() {
            let a = match item {
                Ok(a) => a,
                Err(e) => {
                    failures.push(format!("{stem} item {i}: {e}"));
                    continue;
                }
            };
            checked += 1;
            // rss-parser mis-decodes one legacy-charset feed (U+FFFD): compare the rest.
            if let Some(t) = w["title"].as_str().filter(|t| !t.contains('\u{fffd}')) {
                if a.title.as_deref().map(words) != Some(words(t)) {
                    failures.push(format!(
                        "{stem} item {i}: title {:?}, expected {t:?}",
                        a.title
                    ));
                }
            }
            if let Some(l) = w["link"].as_str() {
                if a.url.as_deref() != Some(l.trim()) {
                    failures.push(format!("{stem} item {i}: url {:?}, expected {l:?}", a.url));
                }
            }
            if let Some(d) = w["isoDate"].as_str() {
                if a.date.map(|d| d.to_string()).as_deref() != Some(&d[..10]) {
                    failures.push(format!(
                        "{stem} item {i}: date {:?}, expected {d:?}",
                        a.date
                    ));
                }
            }
            assert!(!a.text.trim().is_empty());
        }
    }
    println!(
        "rss-parser fixtures: {files} files, {checked} items checked, {} mismatches",
        failures.len()
    );
    assert!(files >= 10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
