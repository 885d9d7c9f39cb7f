//! The public entry point end to end: files on disk, format by extension or by sniffing.

use flate2::write::GzEncoder;
use herald_ingest::{read, IngestError, InputFormat, ReadOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A fresh directory for this test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("herald-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn texts(path: &Path, format: InputFormat) -> Vec<Result<String, String>> {
    read(path, format, &ReadOptions::default())
        .unwrap()
        .map(|i| i.map(|(_, a)| a.text).map_err(|e| e.to_string()))
        .collect()
}

#[test]
fn formats_by_extension_and_by_content() {
    let dir = scratch("formats");
    let jsonl = b"{\"id\":\"1\",\"text\":\"First.\"}\nnot json\n{\"text\":\"Second.\"}\n";
    write(&dir.join("a.jsonl.gz"), &gz(jsonl));
    let got = texts(&dir.join("a.jsonl.gz"), InputFormat::Auto);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].as_deref(), Ok("First."));
    assert!(got[1]
        .as_ref()
        .unwrap_err()
        .contains("a.jsonl.gz:2: malformed JSON"));
    assert_eq!(got[2].as_deref(), Ok("Second."));

    // No telling extension: sniffed (gzip, then JSON).
    write(&dir.join("dump.data"), &gz(jsonl));
    assert_eq!(texts(&dir.join("dump.data"), InputFormat::Auto).len(), 3);

    write(&dir.join("story"), b"Plain story text.");
    assert_eq!(
        texts(&dir.join("story"), InputFormat::Auto),
        [Ok("Plain story text.".to_string())]
    );

    let page = b"<!DOCTYPE html><html><body><article><p>Page text that is the article.</p></article></body></html>";
    write(&dir.join("saved-page"), page);
    assert_eq!(
        texts(&dir.join("saved-page"), InputFormat::Auto),
        [Ok("Page text that is the article.".to_string())]
    );

    write(
        &dir.join("feed.bin"),
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>Item one</title></item></channel></rss>",
    );
    assert_eq!(
        texts(&dir.join("feed.bin"), InputFormat::Auto),
        [Ok("Item one".to_string())]
    );

    // An explicit format wins over the extension.
    write(&dir.join("notes.html"), b"Just words.");
    assert_eq!(
        texts(&dir.join("notes.html"), InputFormat::Text),
        [Ok("Just words.".to_string())]
    );

    write(&dir.join("blob"), b"\x00\x01\x02\x03");
    let err = read(
        &dir.join("blob"),
        InputFormat::Auto,
        &ReadOptions::default(),
    )
    .err()
    .unwrap();
    assert!(matches!(err, IngestError::UnknownFormat { .. }), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let err = read(
        Path::new("/no/such/dir/x.jsonl"),
        InputFormat::Auto,
        &ReadOptions::default(),
    )
    .err()
    .unwrap();
    assert!(
        err.to_string().starts_with("/no/such/dir/x.jsonl: "),
        "{err}"
    );
}

#[test]
fn stream_is_send() {
    fn is_send<T: Send>(_: &T) {}
    let dir = scratch("send");
    write(&dir.join("s.txt"), b"text");
    let stream = read(
        &dir.join("s.txt"),
        InputFormat::Auto,
        &ReadOptions::default(),
    )
    .unwrap();
    is_send(&stream);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn read_gives_undated_articles_the_default_date() {
    let dir = scratch("default-date");
    let day = chrono::NaiveDate::from_ymd_opt(2023, 3, 17);
    let opts = ReadOptions {
        default_date: day,
        ..ReadOptions::default()
    };
    let dates = |path: &Path| -> Vec<Option<chrono::NaiveDate>> {
        read(path, InputFormat::Auto, &opts)
            .unwrap()
            .map(|i| i.unwrap().1.date)
            .collect()
    };
    write(
        &dir.join("a.jsonl"),
        b"{\"text\":\"Dated.\",\"date\":\"2020-01-02\"}\n{\"text\":\"Undated.\"}\n",
    );
    assert_eq!(
        dates(&dir.join("a.jsonl")),
        [chrono::NaiveDate::from_ymd_opt(2020, 1, 2), day]
    );
    write(&dir.join("story.txt"), b"Plain story text.");
    assert_eq!(dates(&dir.join("story.txt")), [day]);
    let page = b"<!DOCTYPE html><html><body><article><p>Page text that is the article, long enough to keep.</p></article></body></html>";
    write(&dir.join("page.html"), page);
    assert_eq!(dates(&dir.join("page.html")), [day]);
}

#[test]
fn input_format_names_round_trip() {
    for f in InputFormat::ALL {
        assert_eq!(f.to_string().parse::<InputFormat>(), Ok(f));
    }
    assert_eq!("JSONL".parse::<InputFormat>(), Ok(InputFormat::Jsonl));
    assert!("csv".parse::<InputFormat>().is_err());
}
