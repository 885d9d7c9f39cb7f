//! WARC and ARC crawls: one article per HTML response record.
//!
//! A small streaming parser of its own, record by record, so that a broken record
//! (bad header, bad length, bad gzip member, truncated block) is reported with its
//! record number and byte offset and the parser finds the next record header and goes
//! on. Gzipped files are read member by member; the byte offset of a record is then the
//! offset of its gzip member in the file (as in CDX indexes), else its offset in the file.
//!
//! `response` records (and `resource` records of an HTML type) whose payload is HTML
//! go through the HTML extractor: url from `WARC-Target-URI`, date from `WARC-Date` when
//! the page names none. Every other record is skipped.

use crate::dates::parse_date;
use crate::html::extract_at;
use crate::source::Input;
use crate::{Article, IngestError, Item, Origin, ReadOptions};
use chrono::NaiveDate;
use flate2::bufread::GzDecoder;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Longest header line read; longer ones are not a header.
const MAX_LINE: usize = 64 * 1024;
/// Most header lines in one record.
const MAX_HEADERS: usize = 1000;

/// A `BufRead` that counts the bytes consumed from it.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

type Raw = Counted<Box<dyn BufRead + Send>>;

/// The decompressed bytes of a multi-member gzip file, one member at a time. A read
/// never mixes two members, so the member that produced the bytes buffered above it is
/// `member_start`. After a corrupt member it skips to the next gzip magic.
struct Members {
    raw: Option<Raw>,
    dec: Option<GzDecoder<Raw>>,
    member_start: Arc<AtomicU64>,
    resync: bool,
}

impl Members {
    fn raw(&mut self) -> &mut Raw {
        if let Some(dec) = self.dec.take() {
            self.raw = Some(dec.into_inner());
        }
        self.raw.as_mut().expect("one of raw and dec is set")
    }
}

impl Read for Members {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(dec) = self.dec.as_mut() {
                match dec.read(buf) {
                    Ok(0) => {
                        self.raw();
                        continue;
                    }
                    Ok(n) => return Ok(n),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        // Drop this member; the next read looks for the next one. Step
                        // past its first byte at least, so the same member is not retried.
                        let start = self.member_start.load(Ordering::Relaxed);
                        let raw = self.raw();
                        if raw.pos == start && raw.fill_buf().is_ok_and(|b| !b.is_empty()) {
                            raw.consume(1);
                        }
                        self.resync = true;
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("bad gzip member: {e}"),
                        ));
                    }
                }
            }
            let resync = std::mem::take(&mut self.resync);
            let raw = self.raw();
            if resync {
                skip_to_gzip_magic(raw)?;
            }
            let avail = raw.fill_buf()?;
            if avail.is_empty() {
                return Ok(0);
            }
            if !avail.starts_with(&[0x1f, 0x8b]) {
                self.resync = true;
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "data between gzip members is not gzip",
                ));
            }
            let pos = raw.pos;
            self.member_start.store(pos, Ordering::Relaxed);
            let raw = self.raw.take().expect("raw is set");
            self.dec = Some(GzDecoder::new(raw));
        }
    }
}

/// Consume bytes up to the next `1f 8b 08` (gzip, deflate) or the end.
fn skip_to_gzip_magic(raw: &mut Raw) -> io::Result<()> {
    loop {
        let buf = raw.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        // A failed member has had at least its header consumed, so a magic found here
        // is the next member.
        let mut from = 0;
        loop {
            match memchr::memchr(0x1f, &buf[from..]) {
                Some(i) if buf.len() - (from + i) >= 3 => {
                    if buf[from + i + 1] == 0x8b && buf[from + i + 2] == 0x08 {
                        raw.consume(from + i);
                        return Ok(());
                    }
                    from += i + 1;
                }
                Some(i) => {
                    // Magic may straddle the buffer end: keep its start for the next fill.
                    let keep = from + i;
                    if keep == 0 {
                        // Fewer than 3 bytes are left in the whole input.
                        let n = buf.len();
                        raw.consume(n);
                        return Ok(());
                    }
                    raw.consume(keep);
                    break;
                }
                None => {
                    let n = buf.len();
                    raw.consume(n);
                    break;
                }
            }
        }
    }
}

/// Streams the articles of a WARC or ARC file.
pub(crate) struct WarcReader {
    r: Counted<Box<dyn BufRead + Send>>,
    member_start: Option<Arc<AtomicU64>>,
    origin: Origin,
    stem: String,
    opts: ReadOptions,
    record: u64,
    /// A header line found while resynchronising (and its offset), to be parsed next.
    pending: Option<(Vec<u8>, u64)>,
    /// Whether the file has shown ARC records.
    saw_arc: bool,
    /// An error to report after the article of the same record (a truncated block).
    queued: Option<IngestError>,
    /// ARC version (1 or 2) once a `filedesc://` record has named it.
    arc_version: u8,
    done: bool,
}

/// One parsed record header.
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl WarcReader {
    pub(crate) fn new(input: Input, opts: ReadOptions) -> Self {
        let origin = input.origin();
        let stem = input.stem.clone();
        let (reader, member_start): (Box<dyn BufRead + Send>, _) = if input.gzip {
            let start = Arc::new(AtomicU64::new(0));
            let members = Members {
                raw: Some(Counted {
                    inner: input.reader,
                    pos: 0,
                }),
                dec: None,
                member_start: Arc::clone(&start),
                resync: false,
            };
            let capped = crate::source::Capped::new(members, opts.max_inflated_file_bytes);
            (
                Box::new(BufReader::with_capacity(64 * 1024, capped)),
                Some(start),
            )
        } else {
            (input.reader, None)
        };
        WarcReader {
            r: Counted {
                inner: reader,
                pos: 0,
            },
            member_start,
            origin,
            stem,
            opts,
            record: 0,
            pending: None,
            arc_version: 1,
            saw_arc: false,
            queued: None,
            done: false,
        }
    }

    /// Byte offset of what is read next: its gzip member, or its position.
    fn offset(&self) -> u64 {
        match &self.member_start {
            Some(start) => start.load(Ordering::Relaxed),
            None => self.r.pos,
        }
    }

    fn here(&self, byte: u64) -> Origin {
        self.origin.at_record(self.record, Some(byte))
    }

    /// Read one line (without `\r\n`), at most [`MAX_LINE`] bytes of it kept.
    /// `Ok(None)` at end of input.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        let mut any = false;
        loop {
            let buf = match self.r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            any = true;
            let (n, nl) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            if out.len() < MAX_LINE {
                let take = n.min(MAX_LINE - out.len());
                out.extend_from_slice(&buf[..take]);
            }
            self.r.consume(n + usize::from(nl));
            if nl {
                break;
            }
        }
        if out.last() == Some(&b'\r') {
            out.pop();
        }
        Ok(any.then_some(out))
    }

    /// Skip blank lines between records; false at end of input.
    fn skip_blank(&mut self) -> io::Result<bool> {
        loop {
            let buf = match self.r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(false);
            }
            let n = buf
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            if n == 0 {
                return Ok(true);
            }
            self.r.consume(n);
        }
    }

    /// Consume `len` bytes; Err(got) when the input ends first.
    fn skip(&mut self, len: u64) -> io::Result<Result<(), u64>> {
        let got = io::copy(&mut (&mut self.r).take(len), &mut io::sink())?;
        Ok(if got == len { Ok(()) } else { Err(got) })
    }

    /// Read `len` bytes; Err(got) when the input ends first.
    fn take(&mut self, len: u64) -> io::Result<Result<Vec<u8>, Vec<u8>>> {
        let mut buf = Vec::with_capacity(len.min(1 << 20) as usize);
        (&mut self.r).take(len).read_to_end(&mut buf)?;
        Ok(if buf.len() as u64 == len {
            Ok(buf)
        } else {
            Err(buf)
        })
    }

    /// Look for the next line that starts a record, keep it in `pending`.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            // Fill first: the offset of a gzip member is known once it is being read.
            if self.r.fill_buf()?.is_empty() {
                return Ok(());
            }
            let at = self.offset();
            let Some(line) = self.line()? else {
                return Ok(());
            };
            if line.starts_with(b"WARC/")
                || (self.saw_arc && arc_fields(&line, self.arc_version).is_some())
            {
                self.pending = Some((line, at));
                return Ok(());
            }
        }
    }

    fn broken(&self, byte: u64, message: impl Into<String>) -> IngestError {
        IngestError::Warc {
            origin: self.here(byte),
            message: message.into(),
        }
    }

    /// The next article, a skipped record (`Ok(None)` with `done` unset), or an error.
    fn step(&mut self) -> Result<Option<(Origin, Article)>, IngestError> {
        let io_err = |s: &Self, byte: u64, e: io::Error| s.broken(byte, e.to_string());
        let (line, start) = match self.pending.take() {
            Some(pending) => pending,
            None => {
                let at = self.offset();
                match self.skip_blank() {
                    Ok(true) => {}
                    Ok(false) => {
                        self.done = true;
                        return Ok(None);
                    }
                    Err(e) => {
                        self.record += 1;
                        let err = io_err(self, at, e);
                        let _ = self.resync();
                        return Err(err);
                    }
                }
                let at = self.offset();
                match self.line() {
                    Ok(Some(l)) => (l, at),
                    Ok(None) => {
                        self.done = true;
                        return Ok(None);
                    }
                    Err(e) => {
                        self.record += 1;
                        let err = io_err(self, at, e);
                        let _ = self.resync();
                        return Err(err);
                    }
                }
            }
        };
        self.record += 1;
        if line.starts_with(b"WARC/") {
            self.warc_record(start)
        } else if line.starts_with(b"filedesc://") || (self.saw_arc && looks_like_arc_header(&line))
        {
            self.saw_arc = true;
            self.arc_record(&line, start)
        } else {
            let shown: String = String::from_utf8_lossy(&line).chars().take(60).collect();
            let err = self.broken(
                start,
                format!("expected a WARC or ARC record header, found {shown:?}"),
            );
            if let Err(e) = self.resync() {
                self.done = true;
                return Err(io_err(self, start, e));
            }
            Err(err)
        }
    }

    fn warc_record(&mut self, start: u64) -> Result<Option<(Origin, Article)>, IngestError> {
        let mut fields = Vec::new();
        loop {
            let line = match self.line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return Err(self.broken(start, "input ends inside the record header"));
                }
                Err(e) => {
                    let err = self.broken(start, e.to_string());
                    let _ = self.resync();
                    return Err(err);
                }
            };
            if line.is_empty() {
                break;
            }
            if fields.len() >= MAX_HEADERS {
                let _ = self.resync();
                return Err(self.broken(start, "too many header lines"));
            }
            let line = String::from_utf8_lossy(&line).into_owned();
            if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_string(), v.trim().to_string()));
            } else if line.starts_with([' ', '\t']) {
                // A folded continuation line.
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            } else {
                let _ = self.resync();
                return Err(self.broken(start, format!("malformed header line {line:?}")));
            }
        }
        let header = Header { fields };
        let Some(len) = header
            .get("Content-Length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            let err = self.broken(start, "missing or invalid Content-Length");
            let _ = self.resync();
            return Err(err);
        };
        let kind = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let content_type = header
            .get("Content-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let wanted = match kind.as_str() {
            "response" => true,
            "resource" => content_type.contains("html"),
            _ => false,
        };
        if !wanted {
            return self.skip_block(len, start).map(|()| None);
        }
        if len > self.opts.max_record_bytes as u64 {
            self.skip_block(len, start)?;
            return Err(IngestError::TooLarge {
                origin: self.here(start),
                limit: self.opts.max_record_bytes,
            });
        }
        let block = self.read_block(len, start, true)?;
        let url = header
            .get("WARC-Target-URI")
            .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        let date = header.get("WARC-Date").and_then(parse_date);
        let id = header
            .get("WARC-Record-ID")
            .map(|i| i.trim_matches(|c| c == '<' || c == '>').to_string())
            .unwrap_or_else(|| format!("{}:{}", self.stem, self.record));
        let payload = if kind == "resource" {
            Some(block)
        } else {
            http_html(&block, self.opts.max_inflated_record_bytes)
                .map_err(|m| self.broken(start, m))?
        };
        self.article(payload, url, date, id, start)
    }

    fn skip_block(&mut self, len: u64, start: u64) -> Result<(), IngestError> {
        match self.skip(len) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(got)) => {
                self.done = true;
                Err(self.broken(start, format!("truncated: {got} of {len} bytes")))
            }
            Err(e) => {
                let err = self.broken(start, e.to_string());
                let _ = self.resync();
                Err(err)
            }
        }
    }

    /// Read a record block of `len` bytes. A block cut short by the end of the input is
    /// returned as it is and its error queued; a WARC block whose declared length runs
    /// into the next record is an error, and the parser resumes at that record.
    fn read_block(&mut self, len: u64, start: u64, warc: bool) -> Result<Vec<u8>, IngestError> {
        let block = match self.take(len) {
            Ok(Ok(b)) => b,
            Ok(Err(partial)) => {
                self.done = true;
                self.queued = Some(self.broken(
                    start,
                    format!("truncated: {} of {len} bytes", partial.len()),
                ));
                return Ok(partial);
            }
            Err(e) => {
                let err = self.broken(start, e.to_string());
                let _ = self.resync();
                return Err(err);
            }
        };
        if warc && !self.at_record_start() {
            if let Some(cut) = record_boundary(&block) {
                let rest = block[cut..].to_vec();
                self.r.pos -= rest.len() as u64;
                let inner = std::mem::replace(&mut self.r.inner, Box::new(io::empty()));
                self.r.inner = Box::new(io::Cursor::new(rest).chain(inner));
                return Err(self.broken(
                    start,
                    format!("Content-Length {len} runs into the next record, which starts after {cut} bytes"),
                ));
            }
        }
        Ok(block)
    }

    /// Whether what follows (after blank lines) is a WARC record or the end.
    fn at_record_start(&mut self) -> bool {
        match self.skip_blank() {
            Ok(true) => self.r.fill_buf().is_ok_and(|b| b.starts_with(b"WARC/")),
            Ok(false) => true,
            Err(_) => true,
        }
    }

    fn arc_record(
        &mut self,
        line: &[u8],
        start: u64,
    ) -> Result<Option<(Origin, Article)>, IngestError> {
        let Some(f) = arc_fields(line, self.arc_version) else {
            let shown: String = String::from_utf8_lossy(line).chars().take(80).collect();
            let err = self.broken(start, format!("malformed ARC header {shown:?}"));
            let _ = self.resync();
            return Err(err);
        };
        if f.url.starts_with("filedesc://") {
            let block = self.read_block(f.len, start, false)?;
            // "1 0 ..." or "2 0 ...": the ARC version names the header layout.
            self.arc_version = if block.starts_with(b"2") { 2 } else { 1 };
            return Ok(None);
        }
        if !(f.url.starts_with("http://") || f.url.starts_with("https://")) || f.len == 0 {
            return self.skip_block(f.len, start).map(|()| None);
        }
        if f.len > self.opts.max_record_bytes as u64 {
            self.skip_block(f.len, start)?;
            return Err(IngestError::TooLarge {
                origin: self.here(start),
                limit: self.opts.max_record_bytes,
            });
        }
        let block = self.read_block(f.len, start, false)?;
        let date = f
            .date
            .get(..8)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok());
        let payload = if block.starts_with(b"HTTP/") {
            http_html(&block, self.opts.max_inflated_record_bytes)
                .map_err(|m| self.broken(start, m))?
        } else if f.mime.contains("html") {
            Some(block)
        } else {
            None
        };
        let id = format!("{}:{}", self.stem, self.record);
        self.article(payload, Some(f.url), date, id, start)
    }

    fn article(
        &self,
        payload: Option<Vec<u8>>,
        url: Option<String>,
        date: Option<NaiveDate>,
        id: String,
        start: u64,
    ) -> Result<Option<(Origin, Article)>, IngestError> {
        let Some(html) = payload else {
            return Ok(None);
        };
        let origin = self.here(start);
        let mut article = extract_at(&html, url.as_deref(), &origin, self.opts.max_html_depth)?;
        article.id = id;
        article.date = article.date.or(date);
        Ok(Some((origin, article)))
    }
}

/// Where the next record starts inside a block that overran it: the `WARC/1.` that
/// follows a blank line and is followed by a `WARC-` header.
fn record_boundary(block: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(block, b"\nWARC/1.")
        .map(|i| i + 1)
        .find(|&at| {
            let before = &block[..at - 1];
            let blank = before.ends_with(b"\n") || before.ends_with(b"\n\r");
            let after = &block[at..];
            let next_line = memchr::memchr(b'\n', after).map(|n| &after[n + 1..]);
            blank
                && next_line.is_some_and(|l| l.starts_with(b"WARC-") || l.starts_with(b"Content-"))
        })
}

/// An ARC header line, well formed or not: a URL followed by at least four fields.
fn looks_like_arc_header(line: &[u8]) -> bool {
    let has_scheme = [
        &b"http://"[..],
        b"https://",
        b"ftp://",
        b"dns:",
        b"filedesc://",
    ]
    .iter()
    .any(|s| line.starts_with(s));
    has_scheme && line.split(|&b| b == b' ').filter(|p| !p.is_empty()).count() >= 5
}

/// The fields of an ARC record header line that herald uses.
struct ArcFields {
    url: String,
    date: String,
    mime: String,
    len: u64,
}

/// Split an ARC header line. Version 1: `URL IP date mime length`; version 2:
/// `URL IP date mime result checksum location offset filename length`. A URL may hold
/// spaces, so fields are taken from the right.
fn arc_fields(line: &[u8], version: u8) -> Option<ArcFields> {
    let line = std::str::from_utf8(line).ok()?;
    let parts: Vec<&str> = line.split(' ').filter(|p| !p.is_empty()).collect();
    let tail = if version == 2 && parts.len() >= 10 {
        9
    } else {
        4
    };
    if parts.len() < tail + 1 {
        return None;
    }
    let n = parts.len();
    let len = parts[n - 1].parse::<u64>().ok()?;
    let date = parts[n - tail + 1];
    if date.len() < 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(ArcFields {
        url: parts[..n - tail].join(" "),
        date: date.to_string(),
        mime: parts[n - tail + 2].to_ascii_lowercase(),
        len,
    })
}

/// The HTML body of an HTTP response block, `Ok(None)` when it is not a successful
/// HTML response. Chunked bodies are de-chunked (a bad chunking is read as-is, as
/// crawlers write such records); gzip/deflate bodies are decompressed, to at most
/// `max_inflated` bytes (a body that inflates to more is an error: a gzip bomb).
fn http_html(block: &[u8], max_inflated: usize) -> Result<Option<Vec<u8>>, String> {
    if !block.starts_with(b"HTTP/") {
        return Ok(None);
    }
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) if memchr::memmem::find(&block[..i], b"\n\n").is_none() => (i, i + 4),
        _ => match memchr::memmem::find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => (block.len(), block.len()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("malformed HTTP status line")?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let (mut ctype, mut chunked, mut encoding) = (None, false, None);
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-type" => ctype = Some(v),
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" => encoding = Some(v),
            _ => {}
        }
    }
    let body = &block[body_start..];
    let is_html = match &ctype {
        Some(t) => t.contains("html"),
        None => {
            let sniff: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
            memchr::memmem::find(&sniff, b"<html").is_some()
                || memchr::memmem::find(&sniff, b"<!doctype html").is_some()
        }
    };
    if !is_html {
        return Ok(None);
    }
    let body = if chunked {
        dechunk(body).unwrap_or_else(|| body.to_vec())
    } else {
        body.to_vec()
    };
    let inflate = |r: &mut dyn Read, what: &str| -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        r.take(max_inflated as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("bad {what} HTTP body: {e}"))?;
        if out.len() > max_inflated {
            return Err(format!(
                "{what} HTTP body inflates to more than the limit of {max_inflated} bytes"
            ));
        }
        Ok(out)
    };
    match encoding.as_deref() {
        None | Some("identity") | Some("") => Ok(Some(body)),
        Some("gzip") | Some("x-gzip") => {
            inflate(&mut flate2::read::MultiGzDecoder::new(&body[..]), "gzip").map(Some)
        }
        Some("deflate") => inflate(&mut flate2::read::ZlibDecoder::new(&body[..]), "deflate")
            .or_else(|e| {
                if e.contains("limit") {
                    return Err(e);
                }
                inflate(&mut flate2::read::DeflateDecoder::new(&body[..]), "deflate")
            })
            .map(Some),
        Some(other) => Err(format!("unsupported HTTP Content-Encoding {other:?}")),
    }
}

/// Undo HTTP chunked transfer coding; None when the body is not validly chunked.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let nl = memchr::memchr(b'\n', body)?;
        let size_line = std::str::from_utf8(&body[..nl]).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if body.len() < size {
            return None;
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))?;
    }
}

impl Iterator for WarcReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(e) = self.queued.take() {
            return Some(Err(e));
        }
        while !self.done {
            match self.step() {
                Ok(Some(found)) => return Some(Ok(found)),
                // A truncated record's own error says more than what followed from it.
                Ok(None) | Err(_) if self.queued.is_some() => return self.queued.take().map(Err),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
        self.queued.take().map(Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    const BODY: &str = "<html><head><title>Talks</title></head><body><article>\
        <p>Delegations from both countries met in Geneva on Tuesday to resume talks on a ceasefire, officials said after the meeting ended late in the evening.</p>\
        <p>The talks are expected to continue next week, according to a statement released by the foreign ministry on Wednesday morning.</p>\
        </article></body></html>";

    fn response(uri: &str, http: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2023-03-17T08:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut h = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        h.extend_from_slice(body);
        h
    }

    fn html_response(uri: &str) -> Vec<u8> {
        response(
            uri,
            &http(
                "Content-Type: text/html; charset=utf-8\r\n",
                BODY.as_bytes(),
            ),
        )
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn run(name: &str, bytes: Vec<u8>) -> Vec<Item> {
        let input =
            Input::from_reader(name.to_string(), Box::new(std::io::Cursor::new(bytes))).unwrap();
        WarcReader::new(input, ReadOptions::default()).collect()
    }

    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Ok((o, a)) => format!(
                    "ok {} {}",
                    o.record.unwrap(),
                    a.url.as_deref().unwrap_or("-")
                ),
                Err(e) => format!(
                    "err {} {}",
                    e.origin().record.unwrap(),
                    e.origin().byte.unwrap()
                ),
            })
            .collect()
    }

    fn run_with(name: &str, bytes: Vec<u8>, opts: ReadOptions) -> Vec<Item> {
        let input =
            Input::from_reader(name.to_string(), Box::new(std::io::Cursor::new(bytes))).unwrap();
        WarcReader::new(input, opts).collect()
    }

    /// A gzip bomb in an HTTP body (a few KB inflating to 8 MiB here, 1 GB in the issue)
    /// was inflated whole; now it stops at the limit, is reported, and the next record
    /// is read.
    #[test]
    fn gzip_bomb_body_is_reported_and_skipped() {
        let bomb = gz(&vec![b' '; 8 << 20]);
        assert!(bomb.len() < 64 << 10);
        let mut data = response(
            "http://a.example/bomb",
            &http(
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &bomb,
            ),
        );
        data.extend(html_response("http://a.example/2"));
        let opts = ReadOptions {
            max_inflated_record_bytes: 1 << 20,
            ..ReadOptions::default()
        };
        let items = run_with("b.warc", data, opts);
        assert_eq!(summary(&items), ["err 1 0", "ok 2 http://a.example/2"]);
        let msg = items[0].as_ref().unwrap_err().to_string();
        assert!(
            msg.contains("record 1") && msg.contains("more than the limit of 1048576 bytes"),
            "{msg}"
        );
    }

    /// A .warc.gz that inflates past the per-file limit: the records before the limit
    /// are read, the excess is reported once and the reader ends.
    #[test]
    fn gzipped_file_over_the_inflated_limit_ends_with_an_error() {
        let mut data = Vec::new();
        data.extend(gz(&html_response("http://a.example/1")));
        let filler = format!(
            "WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: {}\r\n\r\n{}\r\n\r\n",
            4 << 20,
            " ".repeat(4 << 20)
        );
        for _ in 0..4 {
            data.extend(gz(filler.as_bytes()));
        }
        let opts = ReadOptions {
            max_inflated_file_bytes: 6 << 20,
            ..ReadOptions::default()
        };
        let items = run_with("f.warc.gz", data, opts);
        assert!(matches!(&items[0], Ok((_, a)) if a.url.as_deref() == Some("http://a.example/1")));
        let errors: Vec<String> = items
            .iter()
            .filter_map(|i| i.as_ref().err().map(|e| e.to_string()))
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("larger than the limit of 6291456 bytes"),
            "{errors:?}"
        );
    }

    #[test]
    fn plain_warc_with_skipped_records() {
        let mut data =
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
        data.extend(html_response("http://a.example/1"));
        let image = response(
            "http://a.example/i.png",
            &http("Content-Type: image/png\r\n", b"\x89PNG"),
        );
        data.extend(image);
        data.extend(response(
            "http://a.example/404",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>gone</html>",
        ));
        let second_at = data.len() as u64;
        data.extend(html_response("http://a.example/2"));
        let items = run("c.warc", data);
        assert_eq!(
            summary(&items),
            ["ok 2 http://a.example/1", "ok 5 http://a.example/2"]
        );
        let (origin, a) = items[1].as_ref().unwrap();
        assert_eq!(origin.byte, Some(second_at));
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 3, 17));
        assert_eq!(a.id, "urn:uuid:http://a.example/2");
        assert!(a.text.starts_with("Delegations from both countries"));
    }

    #[test]
    fn chunked_and_gzip_payloads() {
        let chunked = format!("{:x}\r\n{}\r\n0\r\n\r\n", BODY.len(), BODY);
        let mut data = response(
            "http://c.example/",
            &http(
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                chunked.as_bytes(),
            ),
        );
        data.extend(response(
            "http://g.example/",
            &http(
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &gz(BODY.as_bytes()),
            ),
        ));
        // Declared chunked but not: read as-is, as crawlers write such records.
        data.extend(response(
            "http://w.example/",
            &http(
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                BODY.as_bytes(),
            ),
        ));
        let items = run("p.warc", data);
        assert_eq!(
            summary(&items),
            [
                "ok 1 http://c.example/",
                "ok 2 http://g.example/",
                "ok 3 http://w.example/"
            ]
        );
    }

    #[test]
    fn gzip_members_bad_member_is_skipped() {
        let a = gz(&html_response("http://m.example/a"));
        let mut b = gz(&html_response("http://m.example/b"));
        let c = gz(&html_response("http://m.example/c"));
        // Corrupt the deflate data in the middle of member b.
        let mid = b.len() / 2;
        for x in &mut b[mid..mid + 8] {
            *x ^= 0x5a;
        }
        let b_at = a.len() as u64;
        let c_at = (a.len() + b.len()) as u64;
        let data = [a, b, c].concat();
        let items = run("m.warc.gz", data);
        let s = summary(&items);
        // The corruption is noticed within member b (bad data or checksum); a and c come
        // through whole.
        assert_eq!(
            s.first().map(String::as_str),
            Some("ok 1 http://m.example/a")
        );
        assert!(
            s.iter()
                .any(|x| x.starts_with("err ") && x.ends_with(&format!(" {b_at}"))),
            "{s:?}"
        );
        let last = items.last().unwrap().as_ref().unwrap();
        assert_eq!(
            (last.1.url.as_deref(), last.0.byte),
            (Some("http://m.example/c"), Some(c_at))
        );
    }

    #[test]
    fn overlong_content_length_resumes_at_next_record() {
        let mut first = html_response("http://o.example/1");
        // Claim 40 bytes more than the block has: the block runs into record 2.
        let text = String::from_utf8(first.clone()).unwrap();
        let len: usize = text
            .split("Content-Length: ")
            .nth(1)
            .unwrap()
            .split("\r\n")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        first = text
            .replacen(
                &format!("Content-Length: {len}\r\n"),
                &format!("Content-Length: {}\r\n", len + 40),
                1,
            )
            .into_bytes();
        let mut data = first;
        data.extend(html_response("http://o.example/2"));
        data.extend(html_response("http://o.example/3"));
        let items = run("o.warc", data);
        let s = summary(&items);
        assert_eq!(
            s,
            [
                "err 1 0",
                "ok 2 http://o.example/2",
                "ok 3 http://o.example/3"
            ]
        );
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("runs into the next record"));
    }

    #[test]
    fn garbage_and_bad_headers_are_reported() {
        let mut data = b"this is not a record\r\n".to_vec();
        data.extend(html_response("http://x.example/1"));
        data.extend(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nxxxx\r\n\r\n");
        data.extend(html_response("http://x.example/2"));
        let mut cut = html_response("http://x.example/3");
        cut.truncate(cut.len() - 100);
        data.extend(cut);
        let items = run("g.warc", data);
        let msgs: Vec<String> = items
            .iter()
            .map(|i| match i {
                Ok((_, a)) => a.url.clone().unwrap(),
                Err(e) => e.to_string(),
            })
            .collect();
        assert!(
            msgs[0].starts_with("g.warc record 1 (byte 0): broken record: expected a WARC"),
            "{msgs:?}"
        );
        assert_eq!(msgs[1], "http://x.example/1");
        assert!(
            msgs[2].contains("record 3") && msgs[2].contains("Content-Length"),
            "{msgs:?}"
        );
        assert_eq!(msgs[3], "http://x.example/2");
        // The truncated last page still yields its text, then its error.
        assert_eq!(msgs[4], "http://x.example/3");
        assert!(
            msgs[5].contains("record 5") && msgs[5].contains("truncated"),
            "{msgs:?}"
        );
        assert_eq!(msgs.len(), 6);
    }

    #[test]
    fn arc_v1() {
        let payload = http("Content-Type: text/html\r\n", BODY.as_bytes());
        let block = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n\n";
        let mut data = format!(
            "filedesc://x.arc 0.0.0.0 20140216050221 text/plain {}\n{block}\n",
            block.len()
        )
        .into_bytes();
        data.extend(
            format!(
                "http://arc.example/a b 1.2.3.4 20140216050221 text/html {}\n",
                payload.len()
            )
            .bytes(),
        );
        data.extend(&payload);
        data.extend(b"\n");
        data.extend(b"http://arc.example/bad 1.2.3.4 20140216050221 text/html -1\n\n");
        let items = run("x.arc", data);
        let s = summary(&items);
        assert_eq!(s[0], "ok 2 http://arc.example/a b");
        assert_eq!(
            items[0].as_ref().unwrap().1.date,
            NaiveDate::from_ymd_opt(2014, 2, 16)
        );
        assert!(s[1].starts_with("err 3 "), "{s:?}");
    }

    #[test]
    fn oversized_record_is_skipped() {
        let mut data = html_response("http://big.example/");
        data.extend(html_response("http://small.example/"));
        let input =
            Input::from_reader("s.warc".into(), Box::new(std::io::Cursor::new(data))).unwrap();
        let opts = ReadOptions {
            max_record_bytes: BODY.len() + 200,
            ..ReadOptions::default()
        };
        let big = response(
            "http://big.example/",
            &http("Content-Type: text/html\r\n", &BODY.repeat(3).into_bytes()),
        );
        let input2 = Input::from_reader(
            "t.warc".into(),
            Box::new(std::io::Cursor::new(
                [big, html_response("http://small.example/")].concat(),
            )),
        )
        .unwrap();
        assert_eq!(
            WarcReader::new(input, opts.clone())
                .filter(|i| i.is_ok())
                .count(),
            2
        );
        let items: Vec<Item> = WarcReader::new(input2, opts).collect();
        assert!(matches!(items[0], Err(IngestError::TooLarge { .. })));
        assert_eq!(
            items[1].as_ref().unwrap().1.url.as_deref(),
            Some("http://small.example/")
        );
    }

    #[test]
    fn dechunking() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").as_deref(),
            Some(&b"abcde"[..])
        );
        assert_eq!(dechunk(b"zz\r\nabc"), None);
        assert_eq!(dechunk(b"10\r\nabc"), None);
    }
}
