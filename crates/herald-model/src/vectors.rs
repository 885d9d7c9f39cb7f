//! Static token vectors: one vector per WordPiece vocabulary entry, distilled from a
//! sentence encoder (see `distill`), so that a text's vector is a weighted mean of table
//! rows instead of a transformer pass.
//!
//! On disk (`data/models/static-vectors.bin`): the line `herald-vectors 1 ROWS DIMS\n`,
//! then per row a little-endian `f32` scale and `DIMS` signed bytes (value = byte ×
//! scale). The vocabulary, one entry per line in id order, sits beside it
//! (`static-vocab.txt`).

use crate::tokenizer::WordPiece;
use crate::ModelError;
use std::path::Path;

const MAGIC: &str = "herald-vectors 1";

/// A table of quantised token vectors and the tokenizer that indexes it.
#[derive(Clone, Debug)]
pub struct StaticVectors {
    dims: usize,
    scales: Vec<f32>,
    values: Vec<i8>,
    tokenizer: WordPiece,
    /// Ids never averaged: [CLS], [SEP], [PAD], [UNK].
    special: [u32; 4],
}

impl StaticVectors {
    /// Quantise `rows` (one `Vec<f32>` per vocabulary id).
    pub fn from_rows(vocab: &[String], rows: &[Vec<f32>]) -> Result<StaticVectors, ModelError> {
        let dims = rows.first().map_or(0, Vec::len);
        let mut scales = Vec::with_capacity(rows.len());
        let mut values = Vec::with_capacity(rows.len() * dims);
        for r in rows {
            let max = r.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
            scales.push(scale);
            values.extend(
                r.iter()
                    .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8),
            );
        }
        Self::assemble(vocab, dims, scales, values, Path::new("(vectors)"))
    }

    fn assemble(
        vocab: &[String],
        dims: usize,
        scales: Vec<f32>,
        values: Vec<i8>,
        path: &Path,
    ) -> Result<StaticVectors, ModelError> {
        if vocab.len() != scales.len() {
            return Err(ModelError::corrupt(
                path,
                format!(
                    "{} vectors for a vocabulary of {}",
                    scales.len(),
                    vocab.len()
                ),
            ));
        }
        let tokenizer = WordPiece::new(vocab)
            .ok_or_else(|| ModelError::corrupt(path, "the vocabulary has no [UNK]".into()))?;
        let id = |s: &str| tokenizer.id(s).unwrap_or(u32::MAX);
        let special = [id("[CLS]"), id("[SEP]"), id("[PAD]"), id("[UNK]")];
        Ok(StaticVectors {
            dims,
            scales,
            values,
            tokenizer,
            special,
        })
    }

    /// Read the table and its vocabulary.
    pub fn load(vectors: &Path, vocab: &Path) -> Result<StaticVectors, ModelError> {
        let words: Vec<String> = std::fs::read_to_string(vocab)
            .map_err(|e| ModelError::io(vocab, e))?
            .lines()
            .map(String::from)
            .collect();
        let bytes = std::fs::read(vectors).map_err(|e| ModelError::io(vectors, e))?;
        let nl = bytes
            .iter()
            .position(|&b| b == b'\n')
            .filter(|&i| i < 100)
            .ok_or_else(|| ModelError::corrupt(vectors, "no header line".into()))?;
        let header = std::str::from_utf8(&bytes[..nl]).unwrap_or("");
        let mut parts = header.rsplitn(3, ' ');
        let (dims, rows, magic) = (parts.next(), parts.next(), parts.next());
        let (Some(dims), Some(rows), Some(MAGIC)) = (
            dims.and_then(|d| d.parse::<usize>().ok()),
            rows.and_then(|r| r.parse::<usize>().ok()),
            magic,
        ) else {
            return Err(ModelError::corrupt(
                vectors,
                format!("the header is {header:?}, not \"{MAGIC} ROWS DIMS\""),
            ));
        };
        let body = &bytes[nl + 1..];
        let row_bytes = 4 + dims;
        if dims == 0 || body.len() != rows * row_bytes {
            return Err(ModelError::corrupt(
                vectors,
                format!(
                    "{} bytes of vectors where {rows} rows of {dims} need {}",
                    body.len(),
                    rows * row_bytes
                ),
            ));
        }
        let mut scales = Vec::with_capacity(rows);
        let mut values = Vec::with_capacity(rows * dims);
        for r in body.chunks_exact(row_bytes) {
            let scale = f32::from_le_bytes([r[0], r[1], r[2], r[3]]);
            if !scale.is_finite() {
                return Err(ModelError::corrupt(
                    vectors,
                    "a scale is not a number".into(),
                ));
            }
            scales.push(scale);
            values.extend(r[4..].iter().map(|&b| b as i8));
        }
        Self::assemble(&words, dims, scales, values, vectors)
    }

    /// Write the table and its vocabulary.
    pub fn save(&self, vectors: &Path, vocab: &Path, words: &[String]) -> Result<(), ModelError> {
        let mut out = format!("{MAGIC} {} {}\n", self.scales.len(), self.dims).into_bytes();
        for (i, s) in self.scales.iter().enumerate() {
            out.extend(s.to_le_bytes());
            out.extend(
                self.values[i * self.dims..(i + 1) * self.dims]
                    .iter()
                    .map(|&v| v as u8),
            );
        }
        std::fs::write(vectors, out).map_err(|e| ModelError::io(vectors, e))?;
        let mut text = words.join("\n");
        text.push('\n');
        std::fs::write(vocab, text).map_err(|e| ModelError::io(vocab, e))
    }

    /// Width of a vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Add the mean vector of `text`'s pieces to `out` (left as is for a text with no
    /// pieces); the count of pieces comes back.
    pub fn mean_into(&self, text: &str, out: &mut [f32]) -> usize {
        let ids = self.tokenizer.encode(text);
        let ids: Vec<u32> = ids
            .into_iter()
            .filter(|i| !self.special.contains(i) && (*i as usize) < self.scales.len())
            .collect();
        if ids.is_empty() {
            return 0;
        }
        let w = 1.0 / ids.len() as f32;
        for &id in &ids {
            let id = id as usize;
            let s = self.scales[id] * w;
            let row = &self.values[id * self.dims..(id + 1) * self.dims];
            for (o, &v) in out.iter_mut().zip(row) {
                *o += v as f32 * s;
            }
        }
        ids.len()
    }
}
