//! The list of feeds to watch: a text file of URLs or an OPML subscription list.

use crate::{Error, Result};
use quick_xml::events::Event;
use std::collections::HashSet;
use std::path::Path;

/// Read the feeds to watch from `path`: OPML when the file starts with an XML declaration
/// or an `<opml>` element, else one URL per line (blank lines and `#` comments ignored).
/// A line may also name a local feed file, as a `file:` URL or a path relative to the
/// list's folder (for trying herald without a network). Duplicates are dropped, the first
/// occurrence keeps its place.
pub fn read_feed_list(path: &Path) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).map_err(|error| Error::Io {
        path: path.to_path_buf(),
        error,
    })?;
    parse_feed_list(path, &bytes)
}

/// [`read_feed_list`] on bytes already read; `path` names the list in errors.
pub fn parse_feed_list(path: &Path, bytes: &[u8]) -> Result<Vec<String>> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::FeedList {
        path: path.to_path_buf(),
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head = text.trim_start();
    let urls = if head.starts_with("<?xml") || head.starts_with("<opml") {
        opml(path, text)?
    } else {
        lines(path, text)?
    };
    let mut seen = HashSet::new();
    let urls: Vec<String> = urls
        .into_iter()
        .filter(|u| seen.insert(u.clone()))
        .collect();
    if urls.is_empty() {
        return Err(Error::NoFeeds {
            path: path.to_path_buf(),
        });
    }
    Ok(urls)
}

fn lines(path: &Path, text: &str) -> Result<Vec<String>> {
    let mut urls = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // A trailing comment after the URL is allowed ("https://… # Reuters world").
        let url = line.split(" #").next().unwrap_or(line).trim();
        let url = match url::Url::parse(url) {
            Ok(_) => check_url(url).map(|()| url.to_string()),
            Err(_) => local_feed(path, url),
        }
        .map_err(|message| Error::FeedList {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        })?;
        urls.push(url);
    }
    Ok(urls)
}

/// Every `xmlUrl` of an `<outline>` element, at any depth (OPML folders nest outlines).
fn opml(path: &Path, text: &str) -> Result<Vec<String>> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut urls = Vec::new();
    let bad = |byte: u64, message: String| Error::Opml {
        path: path.to_path_buf(),
        byte,
        message,
    };
    loop {
        let pos = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref().eq_ignore_ascii_case("outline") =>
            {
                for attr in e.attributes() {
                    let attr = attr.map_err(|err| bad(pos, err.to_string()))?;
                    if attr
                        .key
                        .local_name()
                        .as_ref()
                        .eq_ignore_ascii_case("xmlurl")
                    {
                        let v = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|err| bad(pos, err.to_string()))?;
                        let url = v.trim();
                        check_url(url).map_err(|m| bad(pos, format!("xmlUrl: {m}")))?;
                        urls.push(url.to_string());
                    }
                }
            }
            Ok(_) => {}
            Err(err) => return Err(bad(reader.error_position(), err.to_string())),
        }
    }
    Ok(urls)
}

/// A list line that is no URL: a feed file relative to the list's folder, as a `file:` URL.
fn local_feed(list: &Path, entry: &str) -> Result<String, String> {
    let dir = list.parent().unwrap_or(Path::new("."));
    let not_found = || {
        format!(
            "{entry:?} is neither a URL nor a feed file in {}",
            if dir.as_os_str().is_empty() {
                Path::new(".").display()
            } else {
                dir.display()
            }
        )
    };
    let file = std::path::absolute(dir.join(entry)).map_err(|_| not_found())?;
    if !file.is_file() {
        return Err(not_found());
    }
    url::Url::from_file_path(&file)
        .map(String::from)
        .map_err(|()| not_found())
}

/// Only absolute http(s) URLs with a host, and local `file:` URLs, can be polled.
fn check_url(s: &str) -> Result<(), String> {
    let u = url::Url::parse(s).map_err(|e| format!("{s:?} is not a URL: {e}"))?;
    if u.scheme() == "file" {
        return Ok(());
    }
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!(
            "{s:?}: only http, https and file feeds can be watched, not {}",
            u.scheme()
        ));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(format!("{s:?} has no host"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Vec<String>> {
        parse_feed_list(Path::new("feeds.txt"), s.as_bytes())
    }

    #[test]
    fn text_list_with_comments_and_duplicates() {
        let urls = parse(
            "# world news\n\nhttps://a.example/rss\n  http://b.example/feed.xml  # B desk\nhttps://a.example/rss\n",
        )
        .unwrap();
        assert_eq!(urls, ["https://a.example/rss", "http://b.example/feed.xml"]);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = parse("https://a.example/rss\nftp://b.example/x\n").unwrap_err();
        assert!(err.to_string().starts_with("feeds.txt:2: "), "{err}");
        assert!(
            err.to_string().contains("only http, https and file"),
            "{err}"
        );
        let err = parse("https://a.example/rss\nnot a url\n").unwrap_err();
        assert!(err.to_string().starts_with("feeds.txt:2: "), "{err}");
        let err = parse("# nothing\n\n").unwrap_err();
        assert_eq!(err.to_string(), "feeds.txt: no feed URLs in the list");
        let err = parse_feed_list(Path::new("f"), b"https://a.example/\n\xff\n").unwrap_err();
        assert!(err.to_string().starts_with("f:2: invalid UTF-8"), "{err}");
    }

    #[test]
    fn local_feed_files_relative_to_the_list() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("feed.xml"), "<rss/>").unwrap();
        let list = dir.path().join("feeds.txt");
        let urls = parse_feed_list(&list, b"feed.xml  # the local one\n").unwrap();
        let want = url::Url::from_file_path(dir.path().join("feed.xml")).unwrap();
        assert_eq!(urls, [want.to_string()]);
        let err = parse_feed_list(&list, b"feed.xml\nmissing.xml\n").unwrap_err();
        assert!(err.to_string().contains(":2: "), "{err}");
        assert!(
            err.to_string().contains("neither a URL nor a feed file"),
            "{err}"
        );
    }

    #[test]
    fn opml_nested_outlines() {
        let opml = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Subs</title></head><body>
  <outline text="World">
    <outline type="rss" text="A" xmlUrl="https://a.example/rss?x=1&amp;y=2"/>
    <outline type="rss" text="B" xmlUrl="http://b.example/atom" htmlUrl="http://b.example/"></outline>
  </outline>
  <outline text="no feed here"/>
</body></opml>"#;
        let urls = parse(opml).unwrap();
        assert_eq!(
            urls,
            ["https://a.example/rss?x=1&y=2", "http://b.example/atom"]
        );
    }

    #[test]
    fn broken_opml_names_the_byte() {
        let err =
            parse("<opml><body><outline xmlUrl=\"https://a.example/\"></body></opml>").unwrap_err();
        assert!(matches!(err, Error::Opml { .. }), "{err}");
        assert!(err.to_string().starts_with("feeds.txt: byte "), "{err}");
        let err = parse("<opml><body><outline xmlUrl=\"mailto:x@y\"/></body></opml>").unwrap_err();
        assert!(
            err.to_string().contains("only http, https and file"),
            "{err}"
        );
    }
}
