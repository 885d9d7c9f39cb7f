//! The feed reader (RSS 0.9x/1.0/2.0, Atom, JSON Feed, gzip undone) on arbitrary bytes.
#![no_main]

use herald_ingest::{parse_feed_bytes, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_record_bytes: 1 << 20,
        max_inflated_record_bytes: 1 << 20,
        max_inflated_file_bytes: 4 << 20,
        ..ReadOptions::default()
    };
    if let Ok(items) = parse_feed_bytes("https://example.com/feed.xml", data, &opts) {
        for item in items.into_iter().flatten() {
            // Every item names its record for messages.
            assert!(item.origin.record.is_some());
        }
    }
});
