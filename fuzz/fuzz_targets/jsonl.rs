//! The JSON Lines reader (with its date, title, URL fields) on arbitrary bytes: one item
//! per non-blank line at most, and errors name their line.
#![no_main]

use herald_ingest::{read_from, InputFormat, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_record_bytes: 1 << 16,
        max_inflated_file_bytes: 8 << 20,
        ..ReadOptions::default()
    };
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    let Ok(stream) = read_from("articles.jsonl", reader, InputFormat::Jsonl, &opts) else {
        return;
    };
    let lines = data.split(|&b| b == b'\n').count();
    let mut n = 0;
    for item in stream.take(lines + 2) {
        n += 1;
        if let Err(e) = item {
            let origin = e.origin();
            assert_eq!(origin.file, "articles.jsonl");
        }
    }
    assert!(n <= lines + 1, "{n} items from {lines} lines");
});
