//! JSON Lines: one `{"id","text","date","title","url","source","author"}` object per line.
//!
//! Lines are read with a cap: a line longer than `max_record_bytes` is consumed without
//! being stored, reported, and skipped. A line is held once (the parsed text aside).

use crate::dates::{parse_date, unix_date};
use crate::source::Input;
use crate::{Article, IngestError, Item, Origin, ReadOptions};
use serde::Deserialize;
use serde_json::Value;
use std::io::{self, BufRead};

/// Lines longer than this leave their buffer behind; release it after them.
const KEEP_CAPACITY: usize = 4 << 20;

/// The fields herald reads; every other key is skipped by the parser without allocating.
#[derive(Deserialize)]
struct RawRecord {
    id: Option<Value>,
    text: Option<Value>,
    date: Option<Value>,
    title: Option<Value>,
    url: Option<Value>,
    source: Option<Value>,
    author: Option<Value>,
}

/// Streams the records of a JSON Lines input.
pub(crate) struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    origin: Origin,
    /// File name without directories, for ids made from positions.
    id_prefix: String,
    opts: ReadOptions,
    line_no: u64,
    buf: Vec<u8>,
    done: bool,
}

/// What [`JsonlReader::next_line`] found.
enum Line {
    /// A whole line is in the buffer.
    Fits,
    /// The line was longer than the cap and has been skipped.
    TooLong,
    /// End of input.
    Eof,
}

impl JsonlReader {
    pub(crate) fn new(input: Input, opts: ReadOptions) -> Self {
        let origin = input.origin();
        let id_prefix = if input.name == "-" {
            "stdin".to_string()
        } else {
            std::path::Path::new(&input.name)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| input.name.clone())
        };
        JsonlReader {
            reader: input.decoded(opts.max_inflated_file_bytes),
            origin,
            id_prefix,
            opts,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Read the next line (without its `\n`) into `self.buf`, storing at most
    /// `max_record_bytes` of it.
    fn next_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        if self.buf.capacity() > KEEP_CAPACITY {
            self.buf = Vec::new();
        }
        let max = self.opts.max_record_bytes;
        let mut fits = true;
        let mut any = false;
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(match (any, fits) {
                    (false, _) => Line::Eof,
                    (true, true) => Line::Fits,
                    (true, false) => Line::TooLong,
                });
            }
            any = true;
            let (len, newline) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            if fits {
                // A trailing '\r' may still come; allow for it in the cap.
                if self.buf.len() + len > max + 1 {
                    fits = false;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(&avail[..len]);
                }
            }
            self.reader.consume(len + usize::from(newline));
            if newline {
                break;
            }
        }
        if fits && self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        if fits && self.buf.len() > max {
            fits = false;
        }
        Ok(if fits { Line::Fits } else { Line::TooLong })
    }

    fn parse(&self, origin: &Origin) -> Result<Option<Article>, IngestError> {
        let mut bytes = &self.buf[..];
        if self.line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        let line = std::str::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
            origin: origin.clone().with_byte(e.valid_up_to() as u64),
        })?;
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            return Ok(None);
        }
        if !trimmed.starts_with('{') {
            return Err(IngestError::Json {
                origin: origin.clone(),
                message: "expected a JSON object".to_string(),
            });
        }
        let raw: RawRecord = serde_json::from_str(line).map_err(|e| IngestError::Json {
            origin: origin.clone(),
            message: json_message(&e),
        })?;
        let bad = |message: String| IngestError::BadRecord {
            origin: origin.clone(),
            message,
        };
        let text = match raw.text {
            Some(Value::String(s)) => s,
            None | Some(Value::Null) => return Err(bad("record has no \"text\"".to_string())),
            Some(other) => {
                return Err(bad(format!(
                    "\"text\" is not a string but {}",
                    kind(&other)
                )))
            }
        };
        if text.trim().is_empty() {
            return Err(IngestError::Empty {
                origin: origin.clone(),
            });
        }
        let id = match raw.id {
            Some(Value::String(s)) if !s.is_empty() => s,
            Some(Value::Number(n)) => n.to_string(),
            None | Some(Value::Null) | Some(Value::String(_)) => {
                format!("{}:{}", self.id_prefix, self.line_no)
            }
            Some(other) => return Err(bad(format!("\"id\" is not a string but {}", kind(&other)))),
        };
        // An odd field costs that field, not the article: it is left out with a warning
        // (printed with the record's origin).
        let mut warnings = Vec::new();
        let date = match raw.date {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => parse_date(&s).or_else(|| {
                warnings.push(format!("unrecognised \"date\" {s:?}; coded undated"));
                None
            }),
            // Unix seconds, as some exports write them.
            Some(Value::Number(n)) => n.as_i64().and_then(unix_date).or_else(|| {
                warnings.push(format!("\"date\" {n} is no Unix time; coded undated"));
                None
            }),
            Some(other) => {
                warnings.push(format!(
                    "\"date\" is not a string but {}; coded undated",
                    kind(&other)
                ));
                None
            }
        };
        let mut field = |name: &str, v: Option<Value>| {
            let odd = matches!(
                &v,
                Some(Value::Bool(_) | Value::Number(_) | Value::Object(_))
            );
            if odd {
                let what = v.as_ref().map(kind).unwrap_or_default();
                warnings.push(format!("\"{name}\" is not a string but {what}; left out"));
            }
            string_field(v)
        };
        let title = field("title", raw.title);
        let url = field("url", raw.url);
        let source = field("source", raw.source);
        let author = field("author", raw.author);
        Ok(Some(Article {
            id,
            text,
            date,
            title,
            url,
            source,
            author,
            warnings,
        }))
    }
}

/// serde_json's message with its "line 1" dropped: the origin already names the line.
fn json_message(e: &serde_json::Error) -> String {
    let mut msg = e.to_string();
    if let Some(at) = msg.rfind(" at line ") {
        msg.truncate(at);
    }
    format!("{msg} (column {})", e.column())
}

/// A string (or a list of strings, as some dumps give authors) as one optional string.
fn string_field(v: Option<Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s),
        Value::Array(items) => {
            let parts: Vec<&str> = items
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            let read = self.next_line();
            self.line_no += 1;
            let origin = self.origin.at_line(self.line_no);
            match read {
                Err(error) => {
                    // A failing reader (a truncated gzip stream) cannot be resynchronised.
                    self.done = true;
                    return Some(Err(IngestError::Io { origin, error }));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong) => {
                    return Some(Err(IngestError::TooLarge {
                        origin,
                        limit: self.opts.max_record_bytes,
                    }))
                }
                Ok(Line::Fits) => match self.parse(&origin) {
                    Ok(None) => continue,
                    Ok(Some(article)) => return Some(Ok((origin, article))),
                    Err(e) => return Some(Err(e)),
                },
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::io::{BufReader, Cursor, Read};

    fn reader_over(name: &str, r: impl Read + Send + 'static, opts: ReadOptions) -> JsonlReader {
        let input = Input::from_reader(
            name.to_string(),
            Box::new(BufReader::with_capacity(64 * 1024, r)),
        )
        .unwrap();
        JsonlReader::new(input, opts)
    }

    fn run(bytes: &[u8], opts: ReadOptions) -> Vec<Item> {
        reader_over("dir/dump.jsonl", Cursor::new(bytes.to_vec()), opts).collect()
    }

    fn ok(item: &Item) -> &Article {
        &item.as_ref().unwrap().1
    }

    #[test]
    fn reads_fields_and_defaults() {
        let opts = ReadOptions {
            default_date: NaiveDate::from_ymd_opt(2020, 1, 2),
            ..ReadOptions::default()
        };
        let data = concat!(
            "{\"id\":\"a1\",\"text\":\"Xi met Putin.\",\"date\":\"2023-03-17\",\"title\":\"T\",",
            "\"url\":\"http://x\",\"source\":\"AJ\",\"extra\":{\"deep\":[1,2]}}\n",
            "\r\n",
            "   \n",
            "{\"text\":\"No id.\",\"date\":\"2023-03-17T23:30:00-05:00\",\"author\":[\"A\",\"B\"]}\r\n",
            "{\"id\":7,\"text\":\"Numeric id, null date.\",\"date\":null}"
        );
        let items = run(data.as_bytes(), opts);
        assert_eq!(items.len(), 3);
        let a = ok(&items[0]);
        assert_eq!(
            (
                a.id.as_str(),
                a.text.as_str(),
                a.title.as_deref(),
                a.url.as_deref(),
                a.source.as_deref()
            ),
            (
                "a1",
                "Xi met Putin.",
                Some("T"),
                Some("http://x"),
                Some("AJ")
            )
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2023, 3, 17));
        let b = ok(&items[1]);
        assert_eq!(b.id, "dump.jsonl:4");
        assert_eq!(items[1].as_ref().unwrap().0.line, Some(4));
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2023, 3, 17));
        assert_eq!(b.author.as_deref(), Some("A, B"));
        let c = ok(&items[2]);
        assert_eq!(c.id, "7");
        // The default date is `read`'s to apply, not the reader's.
        assert_eq!(c.date, None);
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let data: &[u8] = b"{\"text\":\"one\"}\n\
            {\"text\": broken\n\
            {\"title\":\"no text\"}\n\
            {\"text\":42}\n\
            {\"text\":\"caf\xff\"}\n\
            [1,2]\n\
            {\"text\":\"bad date\",\"date\":\"someday\"}\n\
            {\"text\":\"   \"}\n\
            {\"text\":\"two\"}\n";
        let items = run(data, ReadOptions::default());
        assert_eq!(items.len(), 9);
        assert_eq!(ok(&items[0]).text, "one");
        assert_eq!(ok(&items[8]).text, "two");
        // Line 7's date is odd: the article is kept, undated, with a warning.
        let odd = ok(&items[6]);
        assert_eq!((odd.text.as_str(), odd.date), ("bad date", None));
        assert_eq!(
            odd.warnings,
            ["unrecognised \"date\" \"someday\"; coded undated"]
        );
        let errs: Vec<String> = items[1..6]
            .iter()
            .chain(&items[7..8])
            .map(|i| i.as_ref().unwrap_err().to_string())
            .collect();
        assert_eq!(
            errs[0],
            "dir/dump.jsonl:2: malformed JSON: expected value (column 10)"
        );
        assert_eq!(errs[1], "dir/dump.jsonl:3: record has no \"text\"");
        assert_eq!(
            errs[2],
            "dir/dump.jsonl:4: \"text\" is not a string but a number"
        );
        assert_eq!(errs[3], "dir/dump.jsonl:5 (byte 12): invalid UTF-8");
        assert_eq!(
            errs[4],
            "dir/dump.jsonl:6: malformed JSON: expected a JSON object"
        );
        assert!(
            errs[5].starts_with("dir/dump.jsonl:8: empty input"),
            "{}",
            errs[5]
        );
    }

    #[test]
    fn odd_fields_cost_only_themselves() {
        let data = b"{\"text\":\"a\",\"date\":\"November 20, 2019 13:42\"}\n\
            {\"text\":\"b\",\"date\":1574257320,\"title\":42,\"url\":{\"x\":1}}\n\
            {\"text\":\"c\",\"date\":true}\n";
        let items = run(data, ReadOptions::default());
        assert_eq!(items.len(), 3);
        let day = NaiveDate::from_ymd_opt(2019, 11, 20);
        assert_eq!(ok(&items[0]).date, day);
        assert!(ok(&items[0]).warnings.is_empty());
        let b = ok(&items[1]);
        assert_eq!(
            (b.date, b.title.as_deref(), b.url.as_deref()),
            (day, None, None)
        );
        assert_eq!(
            b.warnings,
            [
                "\"title\" is not a string but a number; left out",
                "\"url\" is not a string but an object; left out"
            ]
        );
        let c = ok(&items[2]);
        assert_eq!(c.date, None);
        assert_eq!(
            c.warnings,
            ["\"date\" is not a string but a boolean; coded undated"]
        );
    }

    #[test]
    fn long_line_over_cap_is_skipped() {
        let opts = ReadOptions {
            max_record_bytes: 40,
            ..ReadOptions::default()
        };
        let long = format!("{{\"text\":\"{}\"}}", "x".repeat(100));
        let fits = format!("{{\"text\":\"{}\"}}", "y".repeat(29)); // exactly 40 bytes
        assert_eq!(fits.len(), 40);
        let data = format!("{long}\n{fits}\r\n{long}");
        let items = run(data.as_bytes(), opts);
        assert_eq!(items.len(), 3);
        assert!(
            matches!(&items[0], Err(IngestError::TooLarge { limit: 40, origin }) if origin.line == Some(1))
        );
        assert_eq!(ok(&items[1]).text.len(), 29);
        assert!(
            matches!(&items[2], Err(IngestError::TooLarge { origin, .. }) if origin.line == Some(3))
        );
    }

    #[test]
    fn gzip_members_and_truncation() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let member = |s: &str| {
            let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(s.as_bytes()).unwrap();
            gz.finish().unwrap()
        };
        let mut data = member("{\"text\":\"a\"}\n");
        data.extend(member("{\"text\":\"b\"}\n{\"text\":\"c\"}\n"));
        let items = run(&data, ReadOptions::default());
        let texts: Vec<&str> = items.iter().map(|i| ok(i).text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c"]);
        // A truncated stream yields what was readable, then one I/O error, then ends.
        let cut = &data[..data.len() - 6];
        let items = run(cut, ReadOptions::default());
        assert!(items
            .iter()
            .any(|i| matches!(i, Err(IngestError::Io { .. }))));
        assert_eq!(ok(&items[0]).text, "a");
    }

    #[test]
    fn line_under_the_default_cap_works_and_hundred_megabyte_line_is_skipped() {
        // Generated lazily: the 100 MB line never exists in memory.
        let body = |n: u64| {
            std::io::Cursor::new(b"{\"id\":\"big\",\"text\":\"".to_vec())
                .chain(std::io::repeat(b'w').take(n))
                .chain(Cursor::new(b"\"}\n".to_vec()))
        };
        // The default cap is 16 MiB (`DEFAULT_MAX_RECORD_BYTES`, what `herald code` uses).
        let stream = body(12 << 20)
            .chain(body(100 << 20))
            .chain(Cursor::new(b"{\"text\":\"after\"}\n".to_vec()));
        let mut r = reader_over("big.jsonl", stream, ReadOptions::default());
        let first = r.next().unwrap().unwrap().1;
        assert_eq!(first.text.len(), 12 << 20);
        drop(first);
        let second = r.next().unwrap();
        assert!(
            matches!(second, Err(IngestError::TooLarge { ref origin, .. }) if origin.line == Some(2))
        );
        assert_eq!(r.next().unwrap().unwrap().1.text, "after");
        assert!(r.next().is_none());
        assert!(r.buf.capacity() <= KEEP_CAPACITY);
    }
}
