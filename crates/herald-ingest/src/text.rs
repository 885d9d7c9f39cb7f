//! Plain text: one article per file, id = the file stem.

use crate::source::Input;
use crate::{Article, ArticleStream, IngestError, Item, Origin, ReadOptions};
use std::io::{BufRead, Read};

pub(crate) fn read(input: Input, opts: &ReadOptions) -> ArticleStream {
    let opts = opts.clone();
    Box::new(std::iter::once_with(move || read_one(input, &opts)))
}

/// Read a whole single-article input, capped at `opts.max_record_bytes`: its origin,
/// file stem and bytes.
pub(crate) fn read_whole(
    input: Input,
    opts: &ReadOptions,
) -> Result<(Origin, String, Vec<u8>), IngestError> {
    let origin = input.origin();
    let stem = input.stem.clone();
    let mut r = input.decoded(opts.max_inflated_file_bytes);
    let bytes = read_capped(&mut r, opts.max_record_bytes, &origin)?.ok_or_else(|| {
        IngestError::TooLarge {
            origin: origin.clone(),
            limit: opts.max_record_bytes,
        }
    })?;
    Ok((origin, stem, bytes))
}

/// Read up to `limit` bytes; `Ok(None)` when the input is longer.
pub(crate) fn read_capped(
    r: &mut dyn BufRead,
    limit: usize,
    origin: &Origin,
) -> Result<Option<Vec<u8>>, IngestError> {
    let mut buf = Vec::new();
    r.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|error| IngestError::Io {
            origin: origin.clone(),
            error,
        })?;
    Ok(if buf.len() > limit { None } else { Some(buf) })
}

/// Check that `bytes` are text and make them a `String` without copying.
pub(crate) fn into_text(bytes: Vec<u8>, origin: &Origin) -> Result<String, IngestError> {
    if let Some(pos) = memchr::memchr(0, &bytes) {
        return Err(IngestError::Binary {
            origin: origin.clone().with_byte(pos as u64),
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
        origin: origin
            .clone()
            .with_byte(e.utf8_error().valid_up_to() as u64),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            origin: origin.clone(),
        });
    }
    Ok(text)
}

fn read_one(input: Input, opts: &ReadOptions) -> Item {
    let (origin, id, bytes) = read_whole(input, opts)?;
    let text = into_text(bytes, &origin)?;
    let article = Article {
        id,
        text,
        ..Article::default()
    };
    Ok((origin, article))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn run(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Item> {
        let input = Input::from_reader(
            name.to_string(),
            Box::new(std::io::Cursor::new(bytes.to_vec())),
        )
        .unwrap();
        read(input, opts).collect()
    }

    #[test]
    fn one_article_per_file() {
        let opts = ReadOptions {
            default_date: NaiveDate::from_ymd_opt(2023, 3, 17),
            ..ReadOptions::default()
        };
        let items = run(
            "news/xi-visit.txt",
            "\u{feff}Xi arrived in Moscow.\n\nPutin met him.\n".as_bytes(),
            &opts,
        );
        assert_eq!(items.len(), 1);
        let (origin, a) = items[0].as_ref().unwrap();
        assert_eq!(origin.file, "news/xi-visit.txt");
        assert_eq!(a.id, "xi-visit");
        assert_eq!(a.text, "Xi arrived in Moscow.\n\nPutin met him.\n");
        // The default date is `read`'s to apply, not the reader's.
        assert_eq!(a.date, None);
    }

    #[test]
    fn gzipped_text() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"Compressed story.").unwrap();
        let items = run("s.txt.gz", &gz.finish().unwrap(), &ReadOptions::default());
        assert_eq!(items[0].as_ref().unwrap().1.text, "Compressed story.");
        assert_eq!(items[0].as_ref().unwrap().1.id, "s");
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let items = run(
            "bad.txt",
            b"Caf\xc3\xa9 ok, then \xff bad",
            &ReadOptions::default(),
        );
        let err = items[0].as_ref().unwrap_err();
        assert!(matches!(err, IngestError::InvalidUtf8 { .. }), "{err}");
        assert_eq!(err.origin().byte, Some(15));
        assert_eq!(err.to_string(), "bad.txt at byte 15: invalid UTF-8");
    }

    #[test]
    fn empty_and_blank_files() {
        for bytes in [&b""[..], b" \n\t\n"] {
            let items = run("empty.txt", bytes, &ReadOptions::default());
            let err = items[0].as_ref().unwrap_err();
            assert!(matches!(err, IngestError::Empty { .. }), "{err}");
            assert!(err.to_string().starts_with("empty.txt: "));
        }
    }

    #[test]
    fn binary_file() {
        let items = run("img.txt", b"GIF89a\x00\x01", &ReadOptions::default());
        let err = items[0].as_ref().unwrap_err();
        assert!(matches!(err, IngestError::Binary { .. }), "{err}");
        assert_eq!(err.origin().byte, Some(6));
    }

    #[test]
    fn too_large() {
        let opts = ReadOptions {
            max_record_bytes: 8,
            ..ReadOptions::default()
        };
        assert!(run("ok.txt", b"12345678", &opts)[0].is_ok());
        let items = run("big.txt", b"123456789", &opts);
        assert!(matches!(
            items[0],
            Err(IngestError::TooLarge { limit: 8, .. })
        ));
    }
}
