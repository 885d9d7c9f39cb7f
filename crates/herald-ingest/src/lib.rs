//! herald's readers: turn plain text, JSON Lines, HTML pages, RSS/Atom/JSON Feed and
//! WARC/ARC crawls into a stream of [`Article`]s.
//!
//! Every reader streams with bounded memory and survives bad input: a bad record comes out
//! as an `Err` item naming its [`Origin`] (file and line, record or byte offset) and the
//! reader goes on with the next record.
//!
//! The entry point is [`read`]; [`extract_html`] extracts one article from one page.

#![warn(missing_docs)]

use chrono::NaiveDate;
use std::fmt;
use std::path::Path;

mod dates;
mod depth;
mod feed;
pub mod html;
mod jsonl;
mod source;
mod text;
mod warc;

/// The publication-date parsers of the JSON Lines reader, for front ends that take
/// records from elsewhere (the Python binding) and must read dates as `herald code` does.
pub use dates::{parse_date, unix_date};
pub use depth::DEFAULT_MAX_HTML_DEPTH;
pub use feed::{parse_feed_bytes, FeedItem};
pub use html::{extract_html, extract_html_file, token_prf};

/// One article to code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Identifier: the record's own id, else one made from the file and position.
    pub id: String,
    /// The body text; paragraphs are separated by blank lines.
    pub text: String,
    /// Publication date, when known (or [`ReadOptions::default_date`]).
    pub date: Option<NaiveDate>,
    /// Headline.
    pub title: Option<String>,
    /// Canonical or original URL.
    pub url: Option<String>,
    /// Publisher or feed name.
    pub source: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// What a reader changed to stay within its limits (e.g. HTML flattened beyond
    /// [`ReadOptions::max_html_depth`]); the article is still good. Front ends report
    /// them with the record's origin.
    pub warnings: Vec<String>,
}

/// Where a record came from, for messages: `file.jsonl:17`,
/// `crawl.warc.gz record 3 (byte 10234)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file as the user named it (`-` for standard input).
    pub file: String,
    /// 1-based line number (line-oriented formats).
    pub line: Option<u64>,
    /// 1-based record number (feeds, WARC/ARC).
    pub record: Option<u64>,
    /// Byte offset into the (decompressed) file or line.
    pub byte: Option<u64>,
}

impl Origin {
    /// An origin naming only the file.
    pub fn file(file: impl Into<String>) -> Self {
        Origin {
            file: file.into(),
            ..Origin::default()
        }
    }

    /// The same file at `line`.
    pub fn at_line(&self, line: u64) -> Self {
        Origin {
            file: self.file.clone(),
            line: Some(line),
            ..Origin::default()
        }
    }

    /// The same origin with a byte offset.
    pub fn with_byte(mut self, byte: u64) -> Self {
        self.byte = Some(byte);
        self
    }

    /// The same file at record `record`, starting at byte `byte`.
    pub fn at_record(&self, record: u64, byte: Option<u64>) -> Self {
        Origin {
            file: self.file.clone(),
            line: None,
            record: Some(record),
            byte,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = self.record {
            write!(f, " record {record}")?;
        }
        if let Some(byte) = self.byte {
            if self.line.is_some() || self.record.is_some() {
                write!(f, " (byte {byte})")?;
            } else {
                write!(f, " at byte {byte}")?;
            }
        }
        Ok(())
    }
}

/// Input format; [`InputFormat::Auto`] decides by extension, then by the first bytes.
///
/// Its names (`auto`, `text`, `jsonl`, `html`, `feed`, `warc`) parse with [`FromStr`]
/// and print with `Display`, so command lines and bindings share one spelling.
///
/// [`FromStr`]: std::str::FromStr
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// By extension, else by sniffing the first bytes.
    #[default]
    Auto,
    /// One article per UTF-8 text file.
    Text,
    /// One JSON object per line (`.jsonl`, `.ndjson`, optionally gzipped).
    Jsonl,
    /// One HTML page per file.
    Html,
    /// RSS 0.9x/1.0/2.0, Atom or JSON Feed: one article per item.
    Feed,
    /// WARC or ARC crawl: one article per HTML response record.
    Warc,
}

impl InputFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [InputFormat; 6] = [
        InputFormat::Auto,
        InputFormat::Text,
        InputFormat::Jsonl,
        InputFormat::Html,
        InputFormat::Feed,
        InputFormat::Warc,
    ];

    /// The format's name as users type it.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Html => "html",
            InputFormat::Feed => "feed",
            InputFormat::Warc => "warc",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An input format name that is not one of [`InputFormat::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown input format {0:?} (expected one of: auto, text, jsonl, html, feed, warc)")]
pub struct UnknownInputFormat(pub String);

impl std::str::FromStr for InputFormat {
    type Err = UnknownInputFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InputFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownInputFormat(s.to_string()))
    }
}

/// Options shared by every reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Date given to articles that carry none.
    pub default_date: Option<NaiveDate>,
    /// Largest record (line, file, page or WARC payload) read into memory; larger ones
    /// are reported and skipped.
    pub max_record_bytes: usize,
    /// Deepest HTML element nesting kept; deeper tags are removed (their text kept)
    /// before the page is parsed, with a warning on the article.
    pub max_html_depth: usize,
    /// Most bytes one record may inflate to (a gzip or deflate HTTP body in a WARC);
    /// a record that inflates to more is reported and skipped.
    pub max_inflated_record_bytes: usize,
    /// Most decompressed bytes read from one gzipped input; the rest of the file is
    /// reported and skipped.
    pub max_inflated_file_bytes: u64,
}

/// Default [`ReadOptions::max_record_bytes`]: 16 MiB. The one default for every front
/// end (`herald code`/`ingest` flags, `herald watch`'s feed limit, library callers).
pub const DEFAULT_MAX_RECORD_BYTES: usize = 16 << 20;

/// Default [`ReadOptions::max_inflated_record_bytes`]: 16 MiB, like the record limit.
pub const DEFAULT_MAX_INFLATED_RECORD_BYTES: usize = 16 << 20;

/// Default [`ReadOptions::max_inflated_file_bytes`]: 64 GiB, far above any real dump
/// (the AllSides corpus inflates to 0.3 GB), far below a gzip bomb's terabytes.
pub const DEFAULT_MAX_INFLATED_FILE_BYTES: u64 = 64 << 30;

impl ReadOptions {
    /// Give `article` the default date when it carries none. Done once where articles
    /// leave this crate ([`read`], [`parse_feed_bytes`], [`extract_html_file`]), not in
    /// each reader.
    pub(crate) fn fill_date(&self, mut article: Article) -> Article {
        article.date = article.date.or(self.default_date);
        article
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            default_date: None,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            max_html_depth: DEFAULT_MAX_HTML_DEPTH,
            max_inflated_record_bytes: DEFAULT_MAX_INFLATED_RECORD_BYTES,
            max_inflated_file_bytes: DEFAULT_MAX_INFLATED_FILE_BYTES,
        }
    }
}

/// Why a file or record could not be read. Every message starts with its [`Origin`].
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The operating system failed to open or read the input (or a gzip stream is
    /// corrupt). The message includes the I/O error, so it is not also a `source()`.
    #[error("{origin}: {error}")]
    Io {
        /// Where.
        origin: Origin,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The bytes are not UTF-8; `origin.byte` is the offset of the first bad byte.
    #[error("{origin}: invalid UTF-8")]
    InvalidUtf8 {
        /// Where (with the byte offset).
        origin: Origin,
    },
    /// The file or record holds no text.
    #[error("{origin}: empty input, no text to read")]
    Empty {
        /// Where.
        origin: Origin,
    },
    /// The file holds NUL bytes: not text.
    #[error("{origin}: binary data (NUL byte), not a text file")]
    Binary {
        /// Where (with the byte offset of the first NUL).
        origin: Origin,
    },
    /// A line is not valid JSON, or not an object.
    #[error("{origin}: malformed JSON: {message}")]
    Json {
        /// Where.
        origin: Origin,
        /// What the parser said.
        message: String,
    },
    /// A record lacks a field it needs, or has it with the wrong type.
    #[error("{origin}: {message}")]
    BadRecord {
        /// Where.
        origin: Origin,
        /// What is wrong.
        message: String,
    },
    /// A record is larger than [`ReadOptions::max_record_bytes`].
    #[error("{origin}: record larger than the limit of {limit} bytes, skipped")]
    TooLarge {
        /// Where.
        origin: Origin,
        /// The limit in force.
        limit: usize,
    },
    /// An HTML page yielded no article.
    #[error("{origin}: no article text found in the page")]
    NoArticle {
        /// Where.
        origin: Origin,
    },
    /// A feed could not be parsed.
    #[error("{origin}: cannot parse feed: {message}")]
    Feed {
        /// Where.
        origin: Origin,
        /// What the parser said.
        message: String,
    },
    /// A WARC/ARC record is broken.
    #[error("{origin}: broken record: {message}")]
    Warc {
        /// Where (record number and byte offset).
        origin: Origin,
        /// What is wrong.
        message: String,
    },
    /// [`InputFormat::Auto`] could not tell what the file is.
    #[error("{origin}: cannot tell the input format (name a format explicitly)")]
    UnknownFormat {
        /// Where.
        origin: Origin,
    },
}

impl IngestError {
    /// Where the error happened.
    pub fn origin(&self) -> &Origin {
        match self {
            IngestError::Io { origin, .. }
            | IngestError::InvalidUtf8 { origin }
            | IngestError::Empty { origin }
            | IngestError::Binary { origin }
            | IngestError::Json { origin, .. }
            | IngestError::BadRecord { origin, .. }
            | IngestError::TooLarge { origin, .. }
            | IngestError::NoArticle { origin }
            | IngestError::Feed { origin, .. }
            | IngestError::Warc { origin, .. }
            | IngestError::UnknownFormat { origin } => origin,
        }
    }
}

/// One item of an article stream: the record's origin and its article, or why it failed.
pub type Item = Result<(Origin, Article), IngestError>;

/// A stream of articles from one input.
pub type ArticleStream = Box<dyn Iterator<Item = Item> + Send>;

/// Open a path (`-` = standard input) and stream its articles; each item is one record.
///
/// Fails at once only when the input cannot be opened or its format cannot be told;
/// every later problem is an `Err` item, after which the stream goes on.
pub fn read(
    path: &Path,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<ArticleStream, IngestError> {
    let input = source::Input::open(path)?;
    stream_of(path, input, format, opts)
}

/// As [`read`], for an input already open as a reader (bytes in memory, a socket, a
/// pipe): `name` names it in messages and ids, and its extension (`x.warc.gz`) tells the
/// format when `format` is [`InputFormat::Auto`], before the first bytes are sniffed.
/// Gzip is undone as for files.
pub fn read_from(
    name: &str,
    reader: Box<dyn std::io::BufRead + Send>,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<ArticleStream, IngestError> {
    let input = source::Input::from_reader(name.to_string(), reader)?;
    stream_of(Path::new(name), input, format, opts)
}

fn stream_of(
    path: &Path,
    mut input: source::Input,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<ArticleStream, IngestError> {
    let format = match format {
        InputFormat::Auto => source::detect(path, &mut input)?,
        f => f,
    };
    let stream: ArticleStream = match format {
        InputFormat::Text => text::read(input, opts),
        InputFormat::Jsonl => Box::new(jsonl::JsonlReader::new(input, opts.clone())),
        InputFormat::Html => html::read(input, opts),
        InputFormat::Feed => feed::read(input, opts),
        InputFormat::Warc => Box::new(warc::WarcReader::new(input, opts.clone())),
        InputFormat::Auto => unreachable!("Auto is resolved above"),
    };
    if opts.default_date.is_none() {
        return Ok(stream);
    }
    let opts = opts.clone();
    Ok(Box::new(stream.map(move |item| {
        item.map(|(origin, a)| (origin, opts.fill_date(a)))
    })))
}

/// An article is coded as a [`Document`](herald_core::Document) with the same id, text,
/// date, title, URL and source (the byline is not part of the document model).
impl From<Article> for herald_core::Document {
    fn from(a: Article) -> herald_core::Document {
        let mut d = herald_core::Document::new(a.id, a.text, a.date);
        d.title = a.title;
        d.url = a.url;
        d.source = a.source;
        d
    }
}

#[cfg(test)]
mod robustness {
    //! No reader may panic or loop on arbitrary or damaged input.
    use super::*;
    use proptest::prelude::*;

    fn drain(name: &str, bytes: Vec<u8>, format: InputFormat) -> usize {
        let input =
            source::Input::from_reader(name.to_string(), Box::new(std::io::Cursor::new(bytes)))
                .unwrap();
        let opts = ReadOptions {
            max_record_bytes: 4096,
            ..ReadOptions::default()
        };
        let stream: ArticleStream = match format {
            InputFormat::Text => text::read(input, &opts),
            InputFormat::Jsonl => Box::new(jsonl::JsonlReader::new(input, opts)),
            InputFormat::Html => html::read(input, &opts),
            InputFormat::Feed => feed::read(input, &opts),
            InputFormat::Warc | InputFormat::Auto => Box::new(warc::WarcReader::new(input, opts)),
        };
        // Every item is a record; a stream longer than the input has bytes would be a loop.
        stream.take(10_000).count()
    }

    const WARC: &[u8] = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.x/\r\n\
        Content-Length: 96\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\
        <html><body><p>Some words in a page body.</p></body></html>\r\n\r\n\
        WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            for f in [InputFormat::Text, InputFormat::Jsonl, InputFormat::Html, InputFormat::Feed, InputFormat::Warc] {
                let n = drain("x", bytes.clone(), f);
                prop_assert!(n <= bytes.len() + 1);
            }
        }

        #[test]
        fn damaged_warc(flips in proptest::collection::vec((0usize..300, any::<u8>()), 1..6), cut in 0usize..300) {
            let mut bytes = WARC.to_vec();
            for (at, b) in flips {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            bytes.truncate(bytes.len() - cut % bytes.len());
            let len = bytes.len();
            prop_assert!(drain("d.warc", bytes, InputFormat::Warc) <= len + 1);
        }

        #[test]
        fn damaged_gzip_warc(at in 0usize..400, b in any::<u8>()) {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut gz, WARC).unwrap();
            let mut bytes = gz.finish().unwrap();
            bytes.extend(bytes.clone());
            let at = at % bytes.len();
            bytes[at] ^= b | 1;
            let len = bytes.len();
            prop_assert!(drain("d.warc.gz", bytes, InputFormat::Warc) <= len + 1);
        }
    }
}
