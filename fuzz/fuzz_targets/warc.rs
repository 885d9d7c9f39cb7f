//! The WARC/ARC reader (gzip members, HTTP bodies, chunked and compressed transfer) on
//! arbitrary bytes: every record is an article or an error naming it, and the stream ends.
#![no_main]

use herald_ingest::{read_from, InputFormat, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_record_bytes: 1 << 20,
        max_inflated_record_bytes: 1 << 20,
        max_inflated_file_bytes: 8 << 20,
        ..ReadOptions::default()
    };
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    let Ok(stream) = read_from("crawl.warc", reader, InputFormat::Warc, &opts) else {
        return;
    };
    // A record takes at least one byte of input (of the inflated input when gzipped, which
    // is capped above): a longer stream would be a reader that does not advance.
    let n = stream.take(1 << 16).count();
    assert!(n < 1 << 16, "{n} records from {} bytes", data.len());
});
