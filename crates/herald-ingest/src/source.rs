//! Opening inputs (files or standard input, gzipped or not) and telling their format.

use crate::{IngestError, InputFormat, Origin};
use flate2::bufread::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

const BUF: usize = 64 * 1024;

/// An opened input. `reader` yields the raw bytes; when `gzip` is set they are gzip
/// members, which [`Input::decoded`] undoes (WARC does it member by member instead).
pub(crate) struct Input {
    /// The name used in messages.
    pub name: String,
    /// The file name without its extensions, for ids.
    pub stem: String,
    /// Whether the raw bytes start with the gzip magic.
    pub gzip: bool,
    /// The raw bytes.
    pub reader: Box<dyn BufRead + Send>,
}

impl Input {
    pub(crate) fn open(path: &Path) -> Result<Input, IngestError> {
        let name = path.display().to_string();
        let origin = || Origin::file(name.clone());
        let raw: Box<dyn BufRead + Send> = if name == "-" {
            Box::new(BufReader::with_capacity(BUF, io::stdin()))
        } else {
            let f = File::open(path).map_err(|error| IngestError::Io {
                origin: origin(),
                error,
            })?;
            Box::new(BufReader::with_capacity(BUF, f))
        };
        Self::from_reader(name, raw)
    }

    /// Wrap an already opened reader; `name` is used in messages and ids.
    pub(crate) fn from_reader(
        name: String,
        mut raw: Box<dyn BufRead + Send>,
    ) -> Result<Input, IngestError> {
        let gzip = peek(&mut raw, 2)
            .map_err(|error| IngestError::Io {
                origin: Origin::file(name.clone()),
                error,
            })?
            .starts_with(&[0x1f, 0x8b]);
        let stem = stem_of(&name);
        Ok(Input {
            name,
            stem,
            gzip,
            reader: raw,
        })
    }

    pub(crate) fn origin(&self) -> Origin {
        Origin::file(self.name.clone())
    }

    /// The decompressed bytes, at most `max_inflated` of them when the input is gzipped.
    pub(crate) fn decoded(self, max_inflated: u64) -> Box<dyn BufRead + Send> {
        if self.gzip {
            Box::new(BufReader::with_capacity(
                BUF,
                Capped::new(MultiGzDecoder::new(self.reader), max_inflated),
            ))
        } else {
            self.reader
        }
    }
}

/// A decompressing reader with a ceiling: past `limit` bytes, one read fails with a
/// message naming the limit and every later read ends the input, so a gzip bomb is
/// reported once and costs no more than the limit's worth of time.
pub(crate) struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
    tripped: bool,
}

impl<R> Capped<R> {
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        Capped {
            inner,
            left: limit,
            limit,
            tripped: false,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped {
            return Ok(0);
        }
        if self.left == 0 {
            // One byte more tells a file of exactly `limit` bytes from a larger one.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? == 0 {
                return Ok(0);
            }
            self.tripped = true;
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "decompressed input larger than the limit of {} bytes; the rest is skipped",
                    self.limit
                ),
            ));
        }
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let got = self.inner.read(&mut buf[..n])?;
        self.left -= got as u64;
        Ok(got)
    }
}

/// Return at least `n` buffered bytes (fewer at end of input) without consuming them.
pub(crate) fn peek(r: &mut Box<dyn BufRead + Send>, n: usize) -> io::Result<Vec<u8>> {
    // A BufReader's buffer may hold fewer than n bytes after one fill (pipes), so copy
    // what is there; gzip magic and format sniffing need only a few bytes.
    loop {
        match r.fill_buf() {
            Ok(buf) => return Ok(buf[..buf.len().min(n)].to_vec()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// `dir/crawl.warc.gz` → `crawl`; `-` → `stdin`.
fn stem_of(name: &str) -> String {
    if name == "-" {
        return "stdin".to_string();
    }
    let file = Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    // One extension, and one more when the last is a compression suffix.
    let mut stem = file.as_str();
    if let Some(s) = stem.strip_suffix(".gz") {
        stem = s;
    }
    if let Some((s, _)) = stem.rsplit_once('.') {
        stem = s;
    }
    if stem.is_empty() {
        file
    } else {
        stem.to_string()
    }
}

/// The format named by the file extension (a trailing `.gz` is looked through).
pub(crate) fn format_by_extension(path: &Path) -> Option<InputFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "txt" | "text" => InputFormat::Text,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "html" | "htm" | "xhtml" => InputFormat::Html,
        "xml" | "rss" | "atom" | "rdf" | "json" => InputFormat::Feed,
        "warc" | "arc" => InputFormat::Warc,
        _ => return None,
    })
}

/// Tell the format of an input whose extension says nothing, from its first bytes.
pub(crate) fn sniff(head: &[u8]) -> Option<InputFormat> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let trimmed = &head[start..];
    let lower: Vec<u8> = trimmed
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
    if trimmed.starts_with(b"WARC/") {
        return Some(InputFormat::Warc);
    }
    // ARC v1: "filedesc://" header record.
    if trimmed.starts_with(b"filedesc://") {
        return Some(InputFormat::Warc);
    }
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return Some(InputFormat::Html);
    }
    if lower.starts_with(b"<") {
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return Some(InputFormat::Feed);
        }
        if has(b"<html") || has(b"<!doctype html") || has(b"<body") || has(b"<head") {
            return Some(InputFormat::Html);
        }
        return None;
    }
    if trimmed.starts_with(b"{") {
        // A JSON Feed is one object naming its version; anything else is JSON Lines.
        if has(b"\"version\"") && has(b"jsonfeed.org") {
            return Some(InputFormat::Feed);
        }
        return Some(InputFormat::Jsonl);
    }
    if !trimmed.is_empty() && !trimmed.contains(&0) && std::str::from_utf8(trimmed).is_ok() {
        return Some(InputFormat::Text);
    }
    None
}

/// Resolve [`InputFormat::Auto`]: extension first, then the first (decompressed) bytes.
pub(crate) fn detect(path: &Path, input: &mut Input) -> Result<InputFormat, IngestError> {
    if let Some(f) = format_by_extension(path) {
        return Ok(f);
    }
    let origin = input.origin();
    let io_err = |error| IngestError::Io { origin, error };
    let head = if input.gzip {
        // Decompress a copy of the first buffered bytes only: enough for a header.
        let raw = peek(&mut input.reader, BUF).map_err(io_err)?;
        let mut out = Vec::new();
        let _ = flate2::read::MultiGzDecoder::new(&raw[..])
            .take(4096)
            .read_to_end(&mut out);
        out
    } else {
        peek(&mut input.reader, 4096).map_err(io_err)?
    };
    sniff(&head).ok_or_else(|| IngestError::UnknownFormat {
        origin: input.origin(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        let f = |p: &str| format_by_extension(Path::new(p));
        assert_eq!(f("a/b.txt"), Some(InputFormat::Text));
        assert_eq!(f("x.jsonl.gz"), Some(InputFormat::Jsonl));
        assert_eq!(f("x.NDJSON"), Some(InputFormat::Jsonl));
        assert_eq!(f("page.htm"), Some(InputFormat::Html));
        assert_eq!(f("page.html.gz"), Some(InputFormat::Html));
        assert_eq!(f("feed.rss"), Some(InputFormat::Feed));
        assert_eq!(f("feed.json"), Some(InputFormat::Feed));
        assert_eq!(f("crawl.warc.gz"), Some(InputFormat::Warc));
        assert_eq!(f("crawl.arc"), Some(InputFormat::Warc));
        assert_eq!(f("README"), None);
        assert_eq!(f("data.gz"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.0\r\n"), Some(InputFormat::Warc));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Some(InputFormat::Feed)
        );
        assert_eq!(
            sniff(b"<?xml version='1.0'?><feed xmlns="),
            Some(InputFormat::Feed)
        );
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Some(InputFormat::Html));
        assert_eq!(sniff(b"<html lang=en>"), Some(InputFormat::Html));
        assert_eq!(
            sniff(b"{\"id\": 1, \"text\": \"x\"}\n"),
            Some(InputFormat::Jsonl)
        );
        assert_eq!(
            sniff(b"{\"version\": \"https://jsonfeed.org/version/1\", \"items\": []}"),
            Some(InputFormat::Feed)
        );
        assert_eq!(sniff(b"Plain words."), Some(InputFormat::Text));
        assert_eq!(sniff(b"\x00\x01\x02"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn stems() {
        assert_eq!(stem_of("dir/crawl.warc.gz"), "crawl");
        assert_eq!(stem_of("story.txt"), "story");
        assert_eq!(stem_of("-"), "stdin");
        assert_eq!(stem_of(".hidden"), ".hidden");
        assert_eq!(stem_of("a.b.c.txt"), "a.b.c");
    }
}
