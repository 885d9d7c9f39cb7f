//! The HTML article extractor on arbitrary bytes: no panic, no stack overflow on deep
//! nesting, bounded time; the text it returns is what a page yields.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = herald_ingest::extract_html(data, Some("https://example.com/a/story.html"))
    {
        assert!(!article.text.is_empty(), "an extracted article has text");
    }
});
