//! Inputs found by the fuzz targets (`fuzz/`, `scripts/fuzz`), minimised and rewritten by
//! hand: each once panicked, hung or blew up a reader. A reader must read what can be
//! read and name what cannot.

use herald_ingest::{parse_feed_bytes, ReadOptions};

/// Two feeds pasted together: the second one's XML declaration names another encoding.
/// The XML reader under feed-rs panicked ("set_encoding() called after prefix buffer was
/// drained"), so the whole feed was lost as "the feed parser failed" (fuzz target `feed`).
#[test]
fn a_second_xml_declaration_does_not_lose_the_feed() {
    let feed = br#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Desk</title>
<item><title>One</title><link>http://news.example/1</link><description>First story.</description></item>
<?xml version="1.0" encoding="ISO-8859-1"?>
<item><title>Two</title><link>http://news.example/2</link><description>Second story.</description></item>
</channel></rss>
"#;
    let items = parse_feed_bytes("pasted.xml", feed, &ReadOptions::default())
        .expect("the feed is read despite the stray declaration");
    let titles: Vec<_> = items
        .into_iter()
        .map(|i| i.unwrap().article.title.unwrap())
        .collect();
    assert_eq!(titles, ["One", "Two"]);
    // A declaration first, after a byte order mark and blank lines, is kept as it is:
    // its encoding still applies.
    let latin1 = b"\xEF\xBB\xBF\n  <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n\
        <rss version=\"2.0\"><channel><title>D\xE9sk</title><item><title>Caf\xE9</title>\
        <description>x</description></item></channel></rss>";
    let items = parse_feed_bytes("latin1.xml", latin1, &ReadOptions::default()).unwrap();
    assert_eq!(items.len(), 1);
}
