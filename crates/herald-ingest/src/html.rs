//! HTML pages: article extraction (title, date, byline, canonical URL, body text).
//!
//! The body comes from `dom_smoothie` (a port of Mozilla's Readability); the metadata
//! from the page's own meta tags, JSON-LD and `<time>` elements, which are read before
//! Readability rewrites the document. Charsets are decoded with `encoding_rs`
//! (byte order mark, then `<meta charset>`, then UTF-8).

use crate::dates::parse_date;
use crate::depth::{cap_depth, DEFAULT_MAX_HTML_DEPTH};
use crate::source::Input;
use crate::text::read_whole;
use crate::{Article, ArticleStream, IngestError, Item, Origin, ReadOptions};
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::Encoding;

/// Extract the article from one HTML page. `url` is where the page was fetched from;
/// it is the article's URL unless the page names a canonical one.
///
/// Errors name the URL (or `<html>`) as the origin.
///
/// Elements nested deeper than [`DEFAULT_MAX_HTML_DEPTH`] are flattened (their tags
/// removed, their text kept) and the article carries a warning saying so.
pub fn extract_html(html: &[u8], url: Option<&str>) -> Result<Article, IngestError> {
    let origin = Origin::file(url.unwrap_or("<html>"));
    extract_at(html, url, &origin, DEFAULT_MAX_HTML_DEPTH)
}

/// Read one HTML page from a file (`-` = standard input; gzip is undone) and extract
/// its article; `url` is where the page came from. The id is the file stem and errors
/// name the file.
pub fn extract_html_file(
    path: &std::path::Path,
    url: Option<&str>,
    opts: &ReadOptions,
) -> Result<Article, IngestError> {
    page(Input::open(path)?, url, opts).map(|(_, a)| opts.fill_date(a))
}

/// [`extract_html`] with an origin for messages and a depth limit.
pub(crate) fn extract_at(
    html: &[u8],
    url: Option<&str>,
    origin: &Origin,
    max_depth: usize,
) -> Result<Article, IngestError> {
    // The HTML stack is third-party code run on untrusted pages: a panic in it must not
    // take the whole stream down. (A stack overflow would: `cap_depth` keeps the tree
    // shallow enough that its recursion cannot overflow.)
    herald_core::guard::catch(|| extract_unguarded(html, url, origin, max_depth)).unwrap_or_else(
        |_| {
            Err(IngestError::NoArticle {
                origin: origin.clone(),
            })
        },
    )
}

fn extract_unguarded(
    html: &[u8],
    url: Option<&str>,
    origin: &Origin,
    max_depth: usize,
) -> Result<Article, IngestError> {
    let mut page = decode(html);
    let mut warnings = Vec::new();
    if let Some(flat) = cap_depth(&page, max_depth) {
        warnings.push(format!(
            "HTML nested deeper than {max_depth} elements: {} tags beyond that depth removed, their text kept",
            flat.removed
        ));
        page = flat.html;
    }
    let doc = Document::from(page.as_str());
    let meta = Meta::read(&doc);
    remove_boilerplate(&doc);
    // Readability wants an absolute URL and fails on anything else: drop a bad one.
    let base = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, base, Some(cfg))
        .or_else(|_| {
            Readability::with_document(Document::from(page.as_str()), None, Some(Config::default()))
        })
        .map_err(|_| IngestError::NoArticle {
            origin: origin.clone(),
        })?;
    let parsed = readability.parse().map_err(|_| IngestError::NoArticle {
        origin: origin.clone(),
    })?;
    let text = tidy_text(&parsed.text_content);
    if text.is_empty() {
        return Err(IngestError::NoArticle {
            origin: origin.clone(),
        });
    }
    let site = meta
        .site_name
        .clone()
        .or_else(|| parsed.site_name.as_deref().map(clean_line));
    let title = pick_title(
        &clean_line(&parsed.title),
        meta.title.as_deref(),
        site.as_deref(),
    );
    let date = meta
        .date
        .or_else(|| parsed.published_time.as_deref().and_then(parse_date))
        .or(meta.time_date);
    let author = parsed
        .byline
        .as_deref()
        .map(clean_line)
        .filter(|a| !a.is_empty() && a.len() < 200)
        .or(meta.author)
        .or(meta.byline);
    Ok(Article {
        id: String::new(),
        text,
        date,
        title,
        url: meta.canonical.or_else(|| url.map(str::to_string)),
        source: meta
            .site_name
            .or_else(|| parsed.site_name.map(|s| clean_line(&s))),
        author,
        warnings,
    })
}

/// Class or id words that mark page furniture around a story: adverts, sharing and
/// sign-up boxes, captions and photo credits, bylines and timestamps, galleries and
/// "related" lists.
const JUNK_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "sponsor",
    "sponsored",
    "promo",
    "newsletter",
    "social",
    "share",
    "sharing",
    "subscribe",
    "caption",
    "captions",
    "credit",
    "credits",
    "byline",
    "author",
    "authors",
    "timestamp",
    "date",
    "dateline",
    "time",
    "photo",
    "image",
    "img",
    "media",
    "related",
    "recommended",
    "gallery",
    "slideshow",
    "footer",
    "copyright",
];

/// Remove what is never article text before Readability scores the page: navigation,
/// image captions, and small blocks (under 300 characters and two paragraphs) whose
/// class or id holds one of [`JUNK_WORDS`]. Readability knows few such patterns and
/// keeps an advert or a photo credit that sits next to the story; a large block with
/// such a class is often a page wrapper, so it stays.
fn remove_boilerplate(doc: &Document) {
    doc.select("nav, figcaption").remove();
    let is_junk = |v: &str| {
        v.split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_')
            .any(|w| JUNK_WORDS.iter().any(|j| w.eq_ignore_ascii_case(j)))
    };
    for sel in doc.select("div[class], div[id], aside, section[class], section[id], span[class], p[class], ul[class]").iter() {
        let junk = sel.attr("class").is_some_and(|c| is_junk(&c)) || sel.attr("id").is_some_and(|c| is_junk(&c));
        if junk && sel.select("p").length() < 2 && sel.text().trim().chars().count() < 300 {
            sel.remove();
        }
    }
}

/// The headline: Readability's title without a trailing " | Site" part, which the
/// `og:title` (when it is the start of the title) or the site name tells.
fn pick_title(title: &str, og: Option<&str>, site: Option<&str>) -> Option<String> {
    if title.is_empty() {
        return og.map(str::to_string).filter(|t| !t.is_empty());
    }
    if let Some(og) =
        og.filter(|og| og.len() >= 10 && title.len() > og.len() && title.starts_with(*og))
    {
        let rest = title[og.len()..].trim_start();
        if rest.starts_with(['|', '-', '–', '—', ':', '·']) {
            return Some(og.to_string());
        }
    }
    if let Some(site) = site.filter(|s| !s.is_empty()) {
        for sep in [" | ", " - ", " – ", " — ", " · "] {
            if let Some((head, tail)) = title.rsplit_once(sep) {
                if tail.trim().eq_ignore_ascii_case(site.trim()) && !head.trim().is_empty() {
                    return Some(head.trim().to_string());
                }
            }
        }
    }
    Some(title.to_string())
}

/// Decode a page: BOM, then a charset named in the first 4 KiB, then UTF-8.
/// Undecodable bytes become U+FFFD, as in a browser.
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    let enc = sniff_charset(&bytes[..bytes.len().min(4096)]).unwrap_or(encoding_rs::UTF_8);
    // A page declaring a legacy charset but written in UTF-8 is common: trust valid UTF-8.
    if enc != encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii() {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset of `<meta charset=..>` or `<meta http-equiv content="..; charset=..">`.
fn sniff_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len()
            && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |p| i + p);
        if let Some(enc) = Encoding::for_label(&lower[i..end]) {
            return Some(enc);
        }
    }
    None
}

/// Page metadata read from the untouched document.
#[derive(Default)]
struct Meta {
    title: Option<String>,
    date: Option<chrono::NaiveDate>,
    /// The first `<time datetime>`: used when nothing better names the date.
    time_date: Option<chrono::NaiveDate>,
    author: Option<String>,
    /// The text of the first byline-like element, read before such blocks are removed.
    byline: Option<String>,
    canonical: Option<String>,
    site_name: Option<String>,
}

impl Meta {
    fn read(doc: &Document) -> Meta {
        let attr = |sel: &str, name: &str| -> Option<String> {
            doc.select(sel)
                .iter()
                .filter_map(|s| s.attr(name).map(|v| v.trim().to_string()))
                .find(|v| !v.is_empty())
        };
        let date_selectors = [
            "meta[property='article:published_time']",
            "meta[name='article:published_time']",
            "meta[property='og:published_time']",
            "meta[itemprop='datePublished']",
            "meta[name='pubdate']",
            "meta[name='publishdate']",
            "meta[name='publish-date']",
            "meta[name='date']",
            "meta[name='dc.date.issued']",
            "meta[name='DC.date.issued']",
            "meta[name='dcterms.created']",
            "meta[name='sailthru.date']",
            "meta[name='parsely-pub-date']",
        ];
        let date = date_selectors
            .iter()
            .filter_map(|sel| attr(sel, "content"))
            .find_map(|v| parse_date(&v))
            .or_else(|| json_ld_date(doc))
            .or_else(|| {
                [
                    "time[itemprop='datePublished']",
                    "[itemprop='datePublished']",
                ]
                .iter()
                .filter_map(|sel| attr(sel, "datetime").or_else(|| attr(sel, "content")))
                .find_map(|v| parse_date(&v))
            });
        let time_date = doc
            .select("time[datetime]")
            .iter()
            .filter_map(|s| s.attr("datetime"))
            .find_map(|v| parse_date(&v));
        let canonical = attr("link[rel='canonical']", "href")
            .or_else(|| attr("meta[property='og:url']", "content"))
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        Meta {
            title: attr("meta[property='og:title']", "content").map(|t| clean_line(&t)),
            date,
            time_date,
            author: attr("meta[name='author']", "content")
                .or_else(|| attr("meta[property='article:author']", "content"))
                .map(|a| clean_line(&a))
                .filter(|a| !a.is_empty() && !a.starts_with("http")),
            byline: doc
                .select("[rel='author'], [itemprop='author'], .byline, .author")
                .iter()
                .map(|s| clean_line(&s.text()))
                .map(|t| {
                    t.strip_prefix("By ")
                        .or_else(|| t.strip_prefix("by "))
                        .unwrap_or(&t)
                        .to_string()
                })
                .find(|t| !t.is_empty() && t.chars().count() < 100),
            canonical,
            site_name: attr("meta[property='og:site_name']", "content").map(|s| clean_line(&s)),
        }
    }
}

/// `datePublished` of the first JSON-LD block that has one.
fn json_ld_date(doc: &Document) -> Option<chrono::NaiveDate> {
    fn find(v: &serde_json::Value) -> Option<chrono::NaiveDate> {
        match v {
            serde_json::Value::Object(map) => map
                .get("datePublished")
                .and_then(|d| d.as_str())
                .and_then(parse_date)
                .or_else(|| map.values().find_map(find)),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    doc.select("script[type='application/ld+json']")
        .iter()
        .find_map(|s| {
            let text = s.text();
            serde_json::from_str::<serde_json::Value>(text.trim())
                .ok()
                .as_ref()
                .and_then(find)
        })
}

/// Text of an HTML fragment (feed content): scripts and styles dropped, paragraphs
/// separated by blank lines.
pub(crate) fn fragment_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return tidy_text(html);
    }
    let flat = cap_depth(html, DEFAULT_MAX_HTML_DEPTH);
    let doc = Document::from(flat.as_ref().map_or(html, |f| f.html.as_str()));
    doc.select("script, style, noscript").remove();
    tidy_text(&doc.root().formatted_text())
}

/// One line of metadata: whitespace collapsed.
fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapse whitespace inside paragraphs and separate paragraphs by one blank line.
pub(crate) fn tidy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// One article per page file; id = the file stem.
pub(crate) fn read(input: Input, opts: &ReadOptions) -> ArticleStream {
    let opts = opts.clone();
    Box::new(std::iter::once_with(move || read_page(input, &opts)))
}

fn read_page(input: Input, opts: &ReadOptions) -> Item {
    page(input, None, opts)
}

/// Read a whole page (capped) and extract it; id = the file stem.
fn page(input: Input, url: Option<&str>, opts: &ReadOptions) -> Item {
    let (origin, id, bytes) = read_whole(input, opts)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty { origin });
    }
    let mut article = extract_at(&bytes, url, &origin, opts.max_html_depth)?;
    article.id = id;
    Ok((origin, article))
}

/// Token precision, recall and F1 of extracted text against a gold text, as in the
/// article-extraction benchmark: bags (multisets) of lower-cased alphanumeric tokens.
/// Two empty texts score 1.0; one empty text scores 0.0.
pub fn token_prf(predicted: &str, gold: &str) -> (f64, f64, f64) {
    use std::collections::HashMap;
    fn bag(s: &str) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for t in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
        {
            *m.entry(t.to_lowercase()).or_insert(0) += 1;
        }
        m
    }
    let (p, g) = (bag(predicted), bag(gold));
    let np: usize = p.values().sum();
    let ng: usize = g.values().sum();
    if np == 0 && ng == 0 {
        return (1.0, 1.0, 1.0);
    }
    if np == 0 || ng == 0 {
        return (0.0, 0.0, 0.0);
    }
    let common: usize = p
        .iter()
        .map(|(t, n)| (*n).min(*g.get(t).unwrap_or(&0)))
        .sum();
    let precision = common as f64 / np as f64;
    let recall = common as f64 / ng as f64;
    let f1 = if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = r#"<!doctype html>
<html><head>
<meta charset="utf-8">
<title>Leaders meet in Moscow | World News</title>
<meta property="og:title" content="Leaders meet in Moscow">
<meta property="article:published_time" content="2023-03-20T08:15:00+03:00">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.com/2023/03/20/leaders-meet">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">Buy now! Special offer on everything.</div>
<article>
<h1>Leaders meet in Moscow</h1>
<p>The Chinese president arrived in Moscow on Monday for a three-day state visit, his first trip abroad since securing a third term, and was greeted at the airport by senior officials.</p>
<p>The two leaders are expected to sign agreements on energy and trade, officials said, as both governments seek to deepen ties that have grown closer over the past year.</p>
<p>Analysts said the visit sent a signal of support at a time of heightened tension with Western governments, which have urged Beijing to use its influence to end the war.</p>
</article>
<div class="comments"><h3>Comments</h3><p>First!</p></div>
<footer>Copyright 2023 Example News. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn extracts_article_and_metadata() {
        let a = extract_html(PAGE.as_bytes(), Some("https://news.example.com/x?utm=1")).unwrap();
        assert_eq!(a.title.as_deref(), Some("Leaders meet in Moscow"));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 3, 20));
        assert_eq!(a.author.as_deref(), Some("Jane Reporter"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example.com/2023/03/20/leaders-meet")
        );
        let paras: Vec<&str> = a.text.split("\n\n").collect();
        assert!(paras.len() >= 3, "{:?}", a.text);
        assert!(paras
            .iter()
            .any(|p| p.starts_with("The Chinese president arrived")));
        assert!(a.text.contains("end the war."));
        for junk in ["Home", "Buy now", "First!", "Copyright"] {
            assert!(!a.text.contains(junk), "{junk} leaked into {:?}", a.text);
        }
    }

    #[test]
    fn charset_from_meta_and_bom() {
        let mut latin1 = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>".to_vec();
        latin1.extend_from_slice(b"Caf\xe9 ");
        latin1.extend_from_slice(b"</p></body></html>");
        assert!(decode(&latin1).contains("Café"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("<p>naïve</p>".as_bytes());
        assert_eq!(decode(&bom), "<p>naïve</p>");
        assert!(decode(b"<p>\xff</p>").contains('\u{fffd}'));
    }

    #[test]
    fn dates_from_json_ld_and_time() {
        let ld = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2021-05-04T10:00:00Z"}</script></head><body><article><p>Some text that is long enough to be an article body, with several words and clauses in it.</p></article></body></html>"#;
        let doc = Document::from(ld);
        assert_eq!(Meta::read(&doc).date, NaiveDate::from_ymd_opt(2021, 5, 4));
        let t =
            r#"<html><body><time datetime="2020-02-29">Feb 29</time><p>Body.</p></body></html>"#;
        let doc = Document::from(t);
        let m = Meta::read(&doc);
        assert_eq!(
            (m.date, m.time_date),
            (None, NaiveDate::from_ymd_opt(2020, 2, 29))
        );
    }

    #[test]
    fn empty_page_is_an_error() {
        let err = extract_html(b"<html><body></body></html>", None).unwrap_err();
        assert!(matches!(err, IngestError::NoArticle { .. }), "{err}");
        assert!(err.to_string().starts_with("<html>: "));
    }

    /// Deep nesting used to overflow the stack (an abort) or take quadratic time; the
    /// extractor runs here on a 1 MiB thread stack, half of what worker threads get.
    #[test]
    fn deeply_nested_pages_are_flattened_not_fatal() {
        let run = |page: String| {
            std::thread::Builder::new()
                .stack_size(1 << 20)
                .spawn(move || extract_html(page.as_bytes(), Some("https://e.x/a")))
                .unwrap()
                .join()
                .expect("no panic")
        };
        // 150,000 unclosed inline tags (450 KB): no article, no crash.
        let bombs = run(format!("<p>x</p>{}", "<b>".repeat(150_000)));
        assert!(bombs.is_ok() || matches!(bombs, Err(IngestError::NoArticle { .. })));
        let story = "Officials in the capital said the talks would resume on Monday after a week of delays. ".repeat(4);
        for (open, close) in [
            ("<div>", "</div>"),
            ("<table><tr><td>", "</td></tr></table>"),
        ] {
            let page = format!(
                "<html><body><article><p>{story}</p>{}<p>Deep inside, the ministers signed the accord.</p>{}</article></body></html>",
                open.repeat(10_000),
                close.repeat(10_000)
            );
            let a = run(page).unwrap();
            // The text under the removed tags is still there.
            assert!(a.text.contains("ministers signed the accord"), "{}", a.text);
            assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
            assert!(
                a.warnings[0].contains("deeper than 256"),
                "{:?}",
                a.warnings
            );
        }
        // Within the limit nothing is touched and nothing is said.
        let a = extract_html(PAGE.as_bytes(), None).unwrap();
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn token_scores() {
        assert_eq!(token_prf("a b c", "a b c"), (1.0, 1.0, 1.0));
        let (p, r, f) = token_prf("The cat, the DOG", "the cat sat");
        assert!((p - 0.5).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(token_prf("", "x"), (0.0, 0.0, 0.0));
    }

    #[test]
    fn fragments() {
        assert_eq!(
            fragment_to_text("<p>One &amp; two.</p><script>x()</script><p>Three<br>four</p>"),
            "One & two.\n\nThree\n\nfour"
        );
        assert_eq!(fragment_to_text("plain  words"), "plain words");
    }

    #[test]
    fn titles() {
        assert_eq!(
            pick_title("Talks resume | TheHill", None, Some("TheHill")).as_deref(),
            Some("Talks resume")
        );
        assert_eq!(
            pick_title(
                "Talks resume in Geneva - Example News",
                Some("Talks resume in Geneva"),
                None
            )
            .as_deref(),
            Some("Talks resume in Geneva")
        );
        assert_eq!(
            pick_title("A - B", None, Some("Other")).as_deref(),
            Some("A - B")
        );
        assert_eq!(pick_title("", Some("OG"), None).as_deref(), Some("OG"));
    }

    #[test]
    fn tidy() {
        assert_eq!(tidy_text("  a  b \n\n\n c\t d \n \n"), "a b\n\nc d");
    }
}
