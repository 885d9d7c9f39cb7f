//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, one article per item (via `feed-rs`).
//!
//! A feed is parsed whole (feeds are small; the size is capped by `max_record_bytes`).
//! An item's text is its full content when the feed carries it (`content:encoded`,
//! Atom `content`), converted from HTML; else its title and summary.

use crate::html::fragment_to_text;
use crate::source::Input;
use crate::text::{read_capped, read_whole};
use crate::{Article, ArticleStream, IngestError, Origin, ReadOptions};
use feed_rs::model::{Entry, Feed, Text};

pub(crate) fn read(input: Input, opts: &ReadOptions) -> ArticleStream {
    let origin = input.origin();
    let stem = input.stem.clone();
    let mut r = input.decoded(opts.max_inflated_file_bytes);
    let feed = read_capped(&mut r, opts.max_record_bytes, &origin)
        .and_then(|b| {
            b.ok_or_else(|| IngestError::TooLarge {
                origin: origin.clone(),
                limit: opts.max_record_bytes,
            })
        })
        .and_then(|bytes| parse(&bytes, &origin));
    match feed {
        Err(e) => Box::new(std::iter::once(Err(e))),
        Ok(feed) => {
            let source = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
            Box::new(feed.entries.into_iter().enumerate().map(move |(i, entry)| {
                let origin = origin.at_record(i as u64 + 1, None);
                article(entry, &stem, i + 1, source.clone(), &origin).map(|a| (origin, a))
            }))
        }
    }
}

/// One item of a feed parsed from memory by [`parse_feed_bytes`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedItem {
    /// Where the item is: the feed's name and the item's 1-based record number.
    pub origin: Origin,
    /// The item as an article (its text is the full content when the feed has it).
    pub article: Article,
    /// Whether the text is the item's own content (`content:encoded`, Atom `content`,
    /// JSON Feed `content_*`) rather than title and summary: callers that can fetch the
    /// item's page want to know.
    pub full_text: bool,
}

/// Parse a feed (RSS 0.9x/1.0/2.0, Atom, JSON Feed; gzip undone) held in memory, such as
/// a body fetched over HTTP. `name` (for example the feed's URL) names the feed in errors
/// and, with the item number, makes ids for items that have none.
///
/// The outer error means the feed as a whole cannot be read (empty, too large,
/// malformed); each inner error is one bad item, and the other items are still returned.
pub fn parse_feed_bytes(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<Vec<Result<FeedItem, IngestError>>, IngestError> {
    let input = Input::from_reader(
        name.to_string(),
        Box::new(std::io::Cursor::new(bytes.to_vec())),
    )?;
    let (origin, stem, bytes) = read_whole(input, opts)?;
    let feed = parse(&bytes, &origin)?;
    let source = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let origin = origin.at_record(i as u64 + 1, None);
            let full_text = content_text(&entry).is_some();
            article(entry, &stem, i + 1, source.clone(), &origin).map(|article| FeedItem {
                origin,
                article: opts.fill_date(article),
                full_text,
            })
        })
        .collect())
}

fn parse(bytes: &[u8], origin: &Origin) -> Result<Feed, IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty {
            origin: origin.clone(),
        });
    }
    // herald decodes the feed itself and hides its XML declarations from the parser:
    // the XML reader under feed-rs panics when a declaration naming another encoding
    // is read after its first buffer (a second declaration, or a first one left open
    // for a few hundred bytes).
    let utf8 = to_utf8(bytes);
    let undeclared = ignore_declarations(&utf8);
    let bytes = undeclared.as_deref().unwrap_or(&utf8);
    let spaced = space_emails(bytes);
    let bytes = spaced.as_deref().unwrap_or(bytes);
    match parse_feed(bytes, origin) {
        Err(e) => {
            // feed-rs tells RSS versions by the `version` attribute; feeds in the wild
            // omit it. Read such a feed as RSS 2.0, which the 0.9x forms are a subset of.
            let head = &bytes[..bytes.len().min(1024)];
            match memchr::memmem::find(head, b"<rss>") {
                Some(at) => {
                    let mut patched = Vec::with_capacity(bytes.len() + 16);
                    patched.extend_from_slice(&bytes[..at]);
                    patched.extend_from_slice(b"<rss version=\"2.0\">");
                    patched.extend_from_slice(&bytes[at + 5..]);
                    parse_feed(&patched, origin).map_err(|_| e)
                }
                None => Err(e),
            }
        }
        ok => ok,
    }
}

fn parse_feed(bytes: &[u8], origin: &Origin) -> Result<Feed, IngestError> {
    // feed-rs may panic on pathological input in dependencies; a reader must not.
    herald_core::guard::catch(|| feed_rs::parser::parse(bytes))
        .map_err(|_| IngestError::Feed {
            origin: origin.clone(),
            message: "the feed parser failed".to_string(),
        })?
        .map_err(|e| IngestError::Feed {
            origin: origin.clone(),
            message: e.to_string(),
        })
}

/// The feed as UTF-8: by its byte order mark, else as it is when it is UTF-8, else in
/// the encoding its XML declaration names, else (undeclared and not UTF-8) in the web's
/// default legacy charset, Windows-1252, as browsers do.
fn to_utf8(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Cow::Owned(text.into_owned().into_bytes());
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Cow::Borrowed(bytes);
    }
    let encoding = declared_encoding(bytes).unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Cow::Owned(text.into_owned().into_bytes())
}

/// The encoding named by an XML declaration at the start (`<?xml version="1.0"
/// encoding="ISO-8859-1"?>`), when encoding_rs knows the label.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let decl = &head[..memchr::memmem::find(head, b"?>")?];
    let at = memchr::memmem::find(decl, b"encoding")? + b"encoding".len();
    let rest = decl[at..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first().filter(|q| **q == b'"' || **q == b'\'')?;
    let label = &rest[1..];
    let end = label.iter().position(|b| *b == quote)?;
    encoding_rs::Encoding::for_label(&label[..end])
}

/// The bytes with every XML declaration (`<?xml …?>`) turned into an ordinary processing
/// instruction (`<?xml-ignored …?>`, which the parser skips), or `None` when there is
/// none. The text is UTF-8 by then ([`to_utf8`]), so what a declaration says about the
/// encoding is done with.
fn ignore_declarations(bytes: &[u8]) -> Option<Vec<u8>> {
    // Everywhere, CDATA sections too: what the XML reader takes for CDATA cannot be told
    // here without parsing as it does, and a "<?xml " in text is rare.
    let at: Vec<usize> = memchr::memmem::find_iter(bytes, b"<?xml")
        .filter(|&at| {
            bytes
                .get(at + 5)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'?')
        })
        .collect();
    if at.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + at.len() * 8);
    let mut from = 0;
    for at in at {
        out.extend_from_slice(&bytes[from..at + 5]);
        out.extend_from_slice(b"-ignored");
        from = at + 5;
    }
    out.extend_from_slice(&bytes[from..]);
    Some(out)
}

/// The bytes with a space put between an e-mail address and a non-ASCII character (or an
/// entity or escape that may stand for one) touching it, or `None` when there is none.
/// feed-rs reads an author ("jim@news.example (Jim)") by cutting one byte past the
/// address on either side, and panicked when that byte was inside a multi-byte character
/// ("end byte index … is not a char boundary"), losing the whole feed.
fn space_emails(bytes: &[u8]) -> Option<Vec<u8>> {
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    let mut cuts = Vec::new();
    for at in memchr::memchr_iter(b'@', bytes) {
        let start = at - bytes[..at].iter().rev().take_while(|&&b| local(b)).count();
        let end = at + 1 + bytes[at + 1..].iter().take_while(|&&b| domain(b)).count();
        if start == at || end == at + 1 {
            continue;
        }
        if start > 0 && (bytes[start - 1] >= 0x80 || bytes[start - 1] == b';') {
            cuts.push(start);
        }
        if bytes
            .get(end)
            .is_some_and(|&b| b >= 0x80 || b == b'&' || b == b'\\')
        {
            cuts.push(end);
        }
    }
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(bytes.len() + cuts.len());
    let mut from = 0;
    for cut in cuts {
        out.extend_from_slice(&bytes[from..cut]);
        out.push(b' ');
        from = cut;
    }
    out.extend_from_slice(&bytes[from..]);
    Some(out)
}

/// Plain text of a feed `Text`, converting HTML (and XHTML) content.
fn text_of(t: &Text) -> String {
    if t.content_type.to_string().contains("html") {
        fragment_to_text(&t.content)
    } else {
        crate::html::tidy_text(&t.content)
    }
}

/// The item's own content as plain text, when it has any.
fn content_text(entry: &Entry) -> Option<String> {
    entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?;
            Some(if c.content_type.to_string().contains("html") {
                fragment_to_text(body)
            } else {
                crate::html::tidy_text(body)
            })
        })
        .filter(|t| !t.is_empty())
}

fn article(
    entry: Entry,
    stem: &str,
    n: usize,
    source: Option<String>,
    origin: &Origin,
) -> Result<Article, IngestError> {
    let title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let text = match content_text(&entry) {
        Some(c) => c,
        None => {
            let summary = entry
                .summary
                .as_ref()
                .map(text_of)
                .filter(|t| !t.is_empty());
            match (&title, summary) {
                (Some(t), Some(s)) if s.starts_with(t.as_str()) => s,
                (Some(t), Some(s)) => format!("{t}\n\n{s}"),
                (None, Some(s)) => s,
                (Some(t), None) => t.clone(),
                (None, None) => {
                    return Err(IngestError::BadRecord {
                        origin: origin.clone(),
                        message: "feed item has no title, summary or content".to_string(),
                    })
                }
            }
        }
    };
    // The item's page: an "alternate" link (Atom) or the plain link (RSS).
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| {
            p.name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
        })
        .collect();
    let id = if entry.id.trim().is_empty() {
        format!("{stem}:{n}")
    } else {
        entry.id.trim().to_string()
    };
    Ok(Article {
        id,
        text,
        date: entry.published.or(entry.updated).map(|d| d.date_naive()),
        title,
        url,
        source,
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Item;
    use chrono::NaiveDate;

    fn run(name: &str, bytes: &[u8]) -> Vec<Item> {
        let input = Input::from_reader(
            name.to_string(),
            Box::new(std::io::Cursor::new(bytes.to_vec())),
        )
        .unwrap();
        read(input, &ReadOptions::default()).collect()
    }

    #[test]
    fn rss2_with_content_encoded() {
        let rss = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World Desk</title><link>https://example.com/</link>
<item><title>Talks resume</title><link>https://example.com/a</link><guid>a-1</guid>
<pubDate>Fri, 17 Mar 2023 08:00:00 GMT</pubDate><dc:creator>A. Writer</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Full text, first paragraph.</p><p>Second &amp; last.</p>]]></content:encoded></item>
<item><title>Only a title</title><description>&lt;b&gt;Bold&lt;/b&gt; summary.</description></item>
<item><link>https://example.com/empty</link></item>
</channel></rss>"#;
        let items = run("desk.rss", rss.as_bytes());
        assert_eq!(items.len(), 3);
        let (origin, a) = items[0].as_ref().unwrap();
        assert_eq!(origin.record, Some(1));
        assert_eq!(a.id, "a-1");
        assert_eq!(a.text, "Full text, first paragraph.\n\nSecond & last.");
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 3, 17));
        assert_eq!(a.source.as_deref(), Some("World Desk"));
        assert_eq!(a.author.as_deref(), Some("A. Writer"));
        let b = &items[1].as_ref().unwrap().1;
        assert_eq!(b.text, "Only a title\n\nBold summary.");
        let err = items[2].as_ref().unwrap_err();
        assert_eq!(
            err.to_string(),
            "desk.rss record 3: feed item has no title, summary or content"
        );
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title><id>urn:x</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Entry one</title><id>urn:e1</id><updated>2024-01-02T10:00:00Z</updated>
<link rel="alternate" href="https://example.org/e1"/><link rel="edit" href="https://example.org/edit/e1"/>
<content type="html">&lt;p&gt;Atom body.&lt;/p&gt;</content></entry></feed>"#;
        let items = run("a.atom", atom.as_bytes());
        let a = &items[0].as_ref().unwrap().1;
        assert_eq!(
            (a.text.as_str(), a.url.as_deref()),
            ("Atom body.", Some("https://example.org/e1"))
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2024, 1, 2));
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"JF","items":[
            {"id":"1","content_text":"Plain body.","url":"https://example.net/1","date_published":"2022-06-30T23:00:00Z"}]}"#;
        let items = run("f.json", json.as_bytes());
        let a = &items[0].as_ref().unwrap().1;
        assert_eq!((a.id.as_str(), a.text.as_str()), ("1", "Plain body."));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2022, 6, 30));
    }

    #[test]
    fn feed_from_bytes_tells_full_text_from_summary() {
        let rss = r#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>D</title>
<item><title>Full</title><link>https://e.x/a</link><content:encoded>&lt;p&gt;Body.&lt;/p&gt;</content:encoded></item>
<item><title>Teaser</title><link>https://e.x/b</link><description>Only a summary.</description></item>
<item></item></channel></rss>"#;
        let items =
            parse_feed_bytes("http://e.x/feed", rss.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(items.len(), 3);
        let a = items[0].as_ref().unwrap();
        assert!(a.full_text);
        assert_eq!(a.article.text, "Body.");
        let b = items[1].as_ref().unwrap();
        assert!(!b.full_text);
        assert_eq!(b.article.url.as_deref(), Some("https://e.x/b"));
        assert_eq!(b.origin.record, Some(2));
        assert!(items[2].is_err());
        let err = parse_feed_bytes(
            "http://e.x/bad",
            b"<rss><channel><item>",
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("http://e.x/bad: "), "{err}");
        let small = ReadOptions {
            max_record_bytes: 16,
            ..ReadOptions::default()
        };
        let err = parse_feed_bytes("big", rss.as_bytes(), &small).unwrap_err();
        assert!(
            matches!(err, IngestError::TooLarge { limit: 16, .. }),
            "{err}"
        );
    }

    #[test]
    fn undeclared_latin1_feed_without_version() {
        let rss = b"<rss><channel><title>N</title><item><title>Simula\xe7\xf5es</title></item></channel></rss>";
        let items = run("l.rss", rss);
        assert_eq!(
            items[0].as_ref().unwrap().1.title.as_deref(),
            Some("Simula\u{e7}\u{f5}es")
        );
    }

    #[test]
    fn broken_feeds_are_errors() {
        for bad in [
            &b"<rss><channel><item><title>x</item></rss"[..],
            b"not a feed at all",
            b"  ",
        ] {
            let items = run("bad.xml", bad);
            assert_eq!(items.len(), 1);
            let err = items[0].as_ref().unwrap_err();
            assert!(err.to_string().starts_with("bad.xml: "), "{err}");
        }
    }
}

#[cfg(test)]
mod declaration_tests {
    use super::*;

    #[test]
    fn declarations_become_instructions() {
        let got = ignore_declarations(b"<?xml version=\"1.0\"?><a><?xml-stylesheet x?><?xml?></a>")
            .unwrap();
        assert_eq!(
            got,
            b"<?xml-ignored version=\"1.0\"?><a><?xml-stylesheet x?><?xml-ignored?></a>"
        );
        assert_eq!(
            declared_encoding(b" <?xml version='1.0' encoding = 'koi8-r' ?><a/>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(declared_encoding(b"<a/><?xml encoding=\"koi8-r\"?>"), None);
    }

    #[test]
    fn emails_are_kept_apart_from_what_may_be_multibyte() {
        let spaced = |s: &str| space_emails(s.as_bytes()).map(|v| String::from_utf8(v).unwrap());
        assert_eq!(
            spaced("by jim@news.example\u{FFFD} (Jim)").as_deref(),
            Some("by jim@news.example \u{FFFD} (Jim)")
        );
        assert_eq!(
            spaced("\u{e9}jim@news.example&amp;").as_deref(),
            Some("\u{e9} jim@news.example &amp;")
        );
        assert_eq!(spaced("jim@news.example (Jim), a@b"), None);
        assert_eq!(spaced("@ @x y@"), None);
    }
}
