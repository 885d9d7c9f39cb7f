//! Distilling a BERT-style sentence encoder (all-MiniLM-L6-v2) into static token vectors,
//! the model2vec method: every vocabulary entry is run through the encoder alone
//! (`[CLS] piece [SEP]`) and the mean of its output states becomes its vector, scaled
//! down for frequent pieces (BERT's vocabulary is ordered by frequency after its single
//! characters, so the rank stands in for the count).
//!
//! Only training reads the encoder (`model.safetensors` and `tokenizer.json`, fetched by
//! the user); what ships is the distilled table.

use crate::{ModelError, StaticVectors};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// A float tensor read from a safetensors file.
struct Tensor {
    shape: Vec<usize>,
    data: Vec<f32>,
}

/// Read every F32 tensor of a safetensors file.
fn read_safetensors(path: &Path) -> Result<HashMap<String, Tensor>, ModelError> {
    let bytes = std::fs::read(path).map_err(|e| ModelError::io(path, e))?;
    let corrupt = |m: &str| ModelError::corrupt(path, m.to_string());
    let n = u64::from_le_bytes(
        bytes
            .get(..8)
            .ok_or_else(|| corrupt("shorter than a header"))?
            .try_into()
            .unwrap(),
    ) as usize;
    let header = bytes
        .get(8..8usize.saturating_add(n))
        .ok_or_else(|| corrupt("header past the end"))?;
    let header: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(header).map_err(|e| corrupt(&format!("header: {e}")))?;
    let data = &bytes[8 + n..];
    let mut out = HashMap::new();
    for (name, v) in header {
        if v.get("dtype").and_then(|d| d.as_str()) != Some("F32") {
            continue;
        }
        let shape: Vec<usize> = v["shape"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_u64())
                    .map(|x| x as usize)
                    .collect()
            })
            .unwrap_or_default();
        let off = v["data_offsets"]
            .as_array()
            .ok_or_else(|| corrupt("no data_offsets"))?;
        let (a, b) = (
            off.first().and_then(|x| x.as_u64()).unwrap_or(0) as usize,
            off.get(1).and_then(|x| x.as_u64()).unwrap_or(0) as usize,
        );
        let raw = data
            .get(a..b)
            .ok_or_else(|| corrupt(&format!("{name} past the end")))?;
        if raw.len() != 4 * shape.iter().product::<usize>() {
            return Err(corrupt(&format!("{name}: size and shape disagree")));
        }
        let data = raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        out.insert(name, Tensor { shape, data });
    }
    Ok(out)
}

/// The vocabulary of a `tokenizer.json` (WordPiece model), in id order.
pub fn read_vocab(tokenizer_json: &Path) -> Result<Vec<String>, ModelError> {
    let text =
        std::fs::read_to_string(tokenizer_json).map_err(|e| ModelError::io(tokenizer_json, e))?;
    let v: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| ModelError::corrupt(tokenizer_json, e.to_string()))?;
    let vocab = v["model"]["vocab"]
        .as_object()
        .ok_or_else(|| ModelError::corrupt(tokenizer_json, "no model.vocab".into()))?;
    let mut words = vec![String::new(); vocab.len()];
    for (w, id) in vocab {
        let id = id.as_u64().unwrap_or(u64::MAX) as usize;
        let slot = words
            .get_mut(id)
            .ok_or_else(|| ModelError::corrupt(tokenizer_json, format!("id {id} out of range")))?;
        *slot = w.clone();
    }
    Ok(words)
}

struct Layer {
    q: (Vec<f32>, Vec<f32>),
    k: (Vec<f32>, Vec<f32>),
    v: (Vec<f32>, Vec<f32>),
    o: (Vec<f32>, Vec<f32>),
    ln1: (Vec<f32>, Vec<f32>),
    inter: (Vec<f32>, Vec<f32>),
    out: (Vec<f32>, Vec<f32>),
    ln2: (Vec<f32>, Vec<f32>),
}

struct Bert {
    word: Tensor,
    pos: Vec<f32>,
    typ: Vec<f32>,
    ln: (Vec<f32>, Vec<f32>),
    layers: Vec<Layer>,
    hidden: usize,
    inter: usize,
    heads: usize,
}

impl Bert {
    fn from(mut t: HashMap<String, Tensor>, path: &Path) -> Result<Bert, ModelError> {
        // Some exports prefix every name with "bert.".
        let prefixed: Vec<String> = t
            .keys()
            .filter(|k| k.starts_with("bert."))
            .cloned()
            .collect();
        for k in prefixed {
            let v = t.remove(&k).unwrap();
            t.insert(k["bert.".len()..].to_string(), v);
        }
        let mut take = |name: &str| -> Result<Tensor, ModelError> {
            t.remove(name)
                .ok_or_else(|| ModelError::corrupt(path, format!("no tensor {name}")))
        };
        let word = take("embeddings.word_embeddings.weight")?;
        let hidden = *word.shape.get(1).unwrap_or(&0);
        let pos = take("embeddings.position_embeddings.weight")?.data;
        let typ = take("embeddings.token_type_embeddings.weight")?.data;
        let ln = (
            take("embeddings.LayerNorm.weight")?.data,
            take("embeddings.LayerNorm.bias")?.data,
        );
        let mut layers = Vec::new();
        let mut inter = 0;
        for i in 0.. {
            let p = format!("encoder.layer.{i}.");
            let mut pair = |w: &str| -> Result<(Vec<f32>, Vec<f32>), ModelError> {
                Ok((
                    take(&format!("{p}{w}.weight"))?.data,
                    take(&format!("{p}{w}.bias"))?.data,
                ))
            };
            let Ok(q) = pair("attention.self.query") else {
                break;
            };
            let layer = Layer {
                q,
                k: pair("attention.self.key")?,
                v: pair("attention.self.value")?,
                o: pair("attention.output.dense")?,
                ln1: pair("attention.output.LayerNorm")?,
                inter: pair("intermediate.dense")?,
                out: pair("output.dense")?,
                ln2: pair("output.LayerNorm")?,
            };
            inter = layer.inter.1.len();
            layers.push(layer);
        }
        if hidden == 0 || layers.is_empty() || hidden % 12 != 0 {
            return Err(ModelError::corrupt(
                path,
                "not a BERT encoder with 12 heads".into(),
            ));
        }
        Ok(Bert {
            word,
            pos,
            typ,
            ln,
            layers,
            hidden,
            inter,
            heads: 12,
        })
    }

    /// `x (rows × k) · wᵀ + b`, `w` being `n × k` row-major.
    fn linear(x: &[f32], rows: usize, k: usize, (w, b): &(Vec<f32>, Vec<f32>)) -> Vec<f32> {
        let n = b.len();
        let mut y: Vec<f32> = (0..rows).flat_map(|_| b.iter().copied()).collect();
        // SAFETY: the slices hold rows×k, n×k and rows×n floats, matching the strides.
        unsafe {
            matrixmultiply::sgemm(
                rows,
                k,
                n,
                1.0,
                x.as_ptr(),
                k as isize,
                1,
                w.as_ptr(),
                1,
                k as isize,
                1.0,
                y.as_mut_ptr(),
                n as isize,
                1,
            );
        }
        y
    }

    fn layer_norm(x: &mut [f32], width: usize, (g, b): &(Vec<f32>, Vec<f32>)) {
        for row in x.chunks_exact_mut(width) {
            let mean = row.iter().sum::<f32>() / width as f32;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / width as f32;
            let inv = 1.0 / (var + 1e-12).sqrt();
            for ((v, g), b) in row.iter_mut().zip(g).zip(b) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    }

    /// Mean output state of each sequence; `ids` holds `n` sequences of `len` ids.
    fn encode(&self, ids: &[u32], len: usize) -> Vec<f32> {
        let h = self.hidden;
        let n = ids.len() / len;
        let rows = ids.len();
        let mut x = vec![0f32; rows * h];
        for (r, &id) in ids.iter().enumerate() {
            let p = r % len;
            let row = &mut x[r * h..(r + 1) * h];
            let w = &self.word.data[id as usize * h..(id as usize + 1) * h];
            for j in 0..h {
                row[j] = w[j] + self.pos[p * h + j] + self.typ[j];
            }
        }
        Self::layer_norm(&mut x, h, &self.ln);
        let dh = h / self.heads;
        let scale = 1.0 / (dh as f32).sqrt();
        for l in &self.layers {
            let q = Self::linear(&x, rows, h, &l.q);
            let k = Self::linear(&x, rows, h, &l.k);
            let v = Self::linear(&x, rows, h, &l.v);
            let mut ctx = vec![0f32; rows * h];
            for s in 0..n {
                for hd in 0..self.heads {
                    let off = hd * dh;
                    for i in 0..len {
                        let qi = &q[(s * len + i) * h + off..][..dh];
                        let mut scores: Vec<f32> = (0..len)
                            .map(|j| {
                                let kj = &k[(s * len + j) * h + off..][..dh];
                                qi.iter().zip(kj).map(|(a, b)| a * b).sum::<f32>() * scale
                            })
                            .collect();
                        let m = scores.iter().fold(f32::MIN, |a, &b| a.max(b));
                        let mut z = 0.0;
                        for sc in scores.iter_mut() {
                            *sc = (*sc - m).exp();
                            z += *sc;
                        }
                        let out = &mut ctx[(s * len + i) * h + off..][..dh];
                        for (j, sc) in scores.iter().enumerate() {
                            let vj = &v[(s * len + j) * h + off..][..dh];
                            for (o, vv) in out.iter_mut().zip(vj) {
                                *o += sc / z * vv;
                            }
                        }
                    }
                }
            }
            let attn = Self::linear(&ctx, rows, h, &l.o);
            for (a, b) in x.iter_mut().zip(&attn) {
                *a += b;
            }
            Self::layer_norm(&mut x, h, &l.ln1);
            let mut mid = Self::linear(&x, rows, h, &l.inter);
            for m in mid.iter_mut() {
                *m = gelu(*m);
            }
            let out = Self::linear(&mid, rows, self.inter, &l.out);
            for (a, b) in x.iter_mut().zip(&out) {
                *a += b;
            }
            Self::layer_norm(&mut x, h, &l.ln2);
        }
        let mut pooled = vec![0f32; n * h];
        for r in 0..rows {
            let s = r / len;
            for j in 0..h {
                pooled[s * h + j] += x[r * h + j] / len as f32;
            }
        }
        pooled
    }
}

/// GELU with erf (Abramowitz–Stegun 7.1.26, error below 2e-7).
fn gelu(x: f32) -> f32 {
    let z = x / std::f32::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z.abs());
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_7 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    let erf = (1.0 - poly * (-z * z).exp()).copysign(z);
    0.5 * x * (1.0 + erf)
}

/// Frequency weight of a piece from its vocabulary id: BERT lists single characters
/// first, then pieces from most to least frequent, so rank ≈ id − first word id.
fn weight(id: usize, first_word: usize) -> f32 {
    if id < first_word {
        return 0.5;
    }
    let rank = (id - first_word + 1) as f32;
    // Smooth inverse frequency under Zipf's law: frequent pieces ("the") weigh little.
    let p = 1.0 / (rank * 10.0);
    let a = 1e-3;
    (a / (a + p)).max(0.05)
}

/// Distil the encoder at `safetensors` (vocabulary from `tokenizer_json`) into static
/// vectors; returns the table and the vocabulary.
pub fn distill(
    safetensors: &Path,
    tokenizer_json: &Path,
) -> Result<(StaticVectors, Vec<String>), ModelError> {
    let vocab = read_vocab(tokenizer_json)?;
    let bert = Bert::from(read_safetensors(safetensors)?, safetensors)?;
    if bert.word.shape.first() != Some(&vocab.len()) {
        return Err(ModelError::corrupt(
            safetensors,
            format!(
                "{:?} word vectors for a vocabulary of {}",
                bert.word.shape,
                vocab.len()
            ),
        ));
    }
    let id = |w: &str| vocab.iter().position(|v| v == w);
    let (cls, sep) = (
        id("[CLS]").unwrap_or(101) as u32,
        id("[SEP]").unwrap_or(102) as u32,
    );
    let first_word = id("the").unwrap_or(0);
    let h = bert.hidden;
    const BATCH: usize = 512;
    let chunks: Vec<Vec<f32>> = (0..vocab.len())
        .collect::<Vec<_>>()
        .par_chunks(BATCH)
        .map(|ids| {
            let seq: Vec<u32> = ids.iter().flat_map(|&i| [cls, i as u32, sep]).collect();
            bert.encode(&seq, 3)
        })
        .collect();
    let rows: Vec<Vec<f32>> = chunks
        .iter()
        .flat_map(|c| c.chunks_exact(h).map(<[f32]>::to_vec))
        .enumerate()
        .map(|(i, mut r)| {
            let w = weight(i, first_word);
            r.iter_mut().for_each(|x| *x *= w);
            r
        })
        .collect();
    Ok((StaticVectors::from_rows(&vocab, &rows)?, vocab))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gelu_matches_known_values() {
        assert!((gelu(0.0)).abs() < 1e-6);
        assert!((gelu(1.0) - 0.841_344_7).abs() < 1e-5);
        assert!((gelu(-1.0) + 0.158_655_3).abs() < 1e-5);
    }

    #[test]
    fn frequent_pieces_weigh_less_than_rare_ones() {
        assert!(weight(2000, 1996) < weight(20000, 1996));
    }
}
