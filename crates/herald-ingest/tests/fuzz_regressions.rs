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
    // A declaration first (after blank lines) still says how the feed is encoded.
    let latin1 = b"\n  <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n\
        <rss version=\"2.0\"><channel><title>D\xE9sk</title><item><title>Caf\xE9</title>\
        <description>x</description></item></channel></rss>";
    let items = parse_feed_bytes("latin1.xml", latin1, &ReadOptions::default()).unwrap();
    let item = items.into_iter().next().unwrap().unwrap();
    assert_eq!(item.article.title.as_deref(), Some("Café"));
    assert_eq!(item.article.source.as_deref(), Some("Désk"));
}

/// A declaration at the start that is not closed for a few hundred bytes (a broken
/// `encoding="…"http://…">`): the XML reader read past its first buffer before the
/// declaration ended and panicked the same way. Now the feed is a parse error naming
/// the feed, or its items (fuzz target `feed`).
#[test]
fn a_declaration_left_open_is_an_error_not_a_panic() {
    let mut feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"http://www.w3.org/2005/Atom\">\n\
        <channel rdf:about=\"https://news.example/rss.php"
        .to_vec();
    feed.extend(std::iter::repeat_n(b' ', 400));
    feed.extend_from_slice(
        b"?feed=RSS1.0\">\n<title>Desk</title><item><title>One</title></item></channel>\n",
    );
    let got = parse_feed_bytes("open-decl.xml", &feed, &ReadOptions::default());
    if let Err(e) = got {
        let msg = e.to_string();
        assert!(msg.starts_with("open-decl.xml: cannot parse feed"), "{msg}");
        assert!(
            !msg.contains("the feed parser failed"),
            "a panic was caught: {msg}"
        );
    }
}

/// A declaration inside a CDATA section of a Latin-1 feed: the XML reader still took it
/// for a declaration and panicked (fuzz target `feed`, a real Brazilian feed mutated).
#[test]
fn a_declaration_inside_cdata_does_not_lose_the_feed() {
    let mut feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel>\
        <title>Inova\xE7\xE3o</title><item><title>Telas</title><link>http://news.example/t</link>\
        <description>\n<![CDATA[<div>min<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!-- x -->"
        .to_vec();
    feed.extend(std::iter::repeat_n(b'a', 3000));
    feed.extend_from_slice(b" texto]]></description></item></channel></rss>\n");
    let items =
        parse_feed_bytes("inovacao.xml", &feed, &ReadOptions::default()).expect("the feed is read");
    assert_eq!(items.len(), 1);
    let item = items[0].as_ref().unwrap();
    assert_eq!(item.article.title.as_deref(), Some("Telas"));
    assert_eq!(item.article.source.as_deref(), Some("Inovação"));
}

/// An author whose e-mail address is followed by a multi-byte character: feed-rs cut the
/// name one byte past the address, inside the character, and panicked (fuzz target
/// `feed`), so the whole feed was lost. Now the items are read, author and all.
#[test]
fn an_email_touching_a_multibyte_character_does_not_lose_the_feed() {
    for author in [
        "jim.foo@news.example\u{FFFD}\u{FFFD} Jim Foo",
        "Jim Foo \u{2014}jim.foo@news.example",
        "jim.foo@news.example&#x2014;Jim Foo",
    ] {
        let feed = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
             <title>Desk</title><managingEditor>{author}</managingEditor>\
             <item><title>One</title><author>{author}</author>\
             <description>First story.</description></item></channel></rss>"
        );
        let items = parse_feed_bytes("authors.xml", feed.as_bytes(), &ReadOptions::default())
            .unwrap_or_else(|e| panic!("{author:?}: {e}"));
        let item = items[0].as_ref().unwrap();
        assert_eq!(item.article.title.as_deref(), Some("One"), "{author:?}");
    }
}
