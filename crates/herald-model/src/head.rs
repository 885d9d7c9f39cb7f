//! The classifier: multinomial logistic regression over standardised features, trained
//! by full-batch Adam with an L2 penalty. Sequential float sums in a fixed order make
//! training deterministic: the same examples and options give the same bytes.
//!
//! On disk (`data/models/events-head.json`): the classes, the feature means and scales,
//! one weight row per class, the biases, and `trained` (what it was trained on, how, and
//! the held-out report).

use crate::{ModelError, CLASSES};
use serde::{Deserialize, Serialize};
use std::path::Path;

const FORMAT: &str = "herald-event-head 1";

fn one() -> f32 {
    1.0
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Adam's step size.
    pub learning_rate: f32,
    /// L2 penalty on the weights.
    pub l2: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 300,
            learning_rate: 0.01,
            l2: 0.02,
        }
    }
}

/// A trained softmax head.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Head {
    format: String,
    /// Class names, in output order.
    pub classes: Vec<String>,
    mean: Vec<f32>,
    scale: Vec<f32>,
    weights: Vec<Vec<f32>>,
    bias: Vec<f32>,
    /// Logits are divided by this before the softmax: fitted on held-out folds so that
    /// the probabilities are calibrated (1 = as trained).
    #[serde(default = "one")]
    pub temperature: f32,
    /// What it was trained on and how well it did on held-out data (free-form).
    #[serde(default)]
    pub trained: serde_json::Value,
}

impl Head {
    /// Features it reads.
    pub fn dims(&self) -> usize {
        self.mean.len()
    }

    /// Read a head.
    pub fn load(path: &Path) -> Result<Head, ModelError> {
        let text = std::fs::read_to_string(path).map_err(|e| ModelError::io(path, e))?;
        let head: Head =
            serde_json::from_str(&text).map_err(|e| ModelError::corrupt(path, e.to_string()))?;
        let d = head.mean.len();
        let ok = head.format == FORMAT
            && head.classes.len() == CLASSES.len()
            && head.classes.iter().zip(CLASSES).all(|(a, b)| a == b)
            && head.scale.len() == d
            && head.bias.len() == CLASSES.len()
            && head.weights.len() == CLASSES.len()
            && head.weights.iter().all(|w| w.len() == d)
            && head.temperature.is_finite()
            && head.temperature > 0.0;
        if !ok {
            return Err(ModelError::corrupt(
                path,
                format!("expected {FORMAT} with the classes {CLASSES:?} and matching sizes"),
            ));
        }
        Ok(head)
    }

    /// Write the head.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let mut text =
            serde_json::to_string(self).map_err(|e| ModelError::corrupt(path, e.to_string()))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| ModelError::io(path, e))
    }

    /// Class probabilities for a feature vector.
    pub fn predict(&self, x: &[f32]) -> Vec<f32> {
        let t = self.temperature.max(1e-3);
        softmax(&self.logits(x).iter().map(|l| l / t).collect::<Vec<f32>>())
    }

    /// Raw class scores for a feature vector (before temperature and softmax).
    pub fn logits(&self, x: &[f32]) -> Vec<f32> {
        let z: Vec<f32> = x
            .iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .map(|((x, m), s)| (x - m) * s)
            .collect();
        let logits: Vec<f32> = self
            .weights
            .iter()
            .zip(&self.bias)
            .map(|(w, b)| w.iter().zip(&z).map(|(w, z)| w * z).sum::<f32>() + b)
            .collect();
        logits
    }

    /// The temperature among a fixed grid that gives held-out `(logits, class)` pairs
    /// the least negative log-likelihood.
    pub fn fit_temperature(held_out: &[(Vec<f32>, usize)]) -> f32 {
        let grid = [0.5f32, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0];
        let nll = |t: f32| -> f64 {
            held_out
                .iter()
                .map(|(l, y)| {
                    let p = softmax(&l.iter().map(|v| v / t).collect::<Vec<f32>>());
                    -(p[*y].max(1e-12) as f64).ln()
                })
                .sum()
        };
        grid.into_iter()
            .map(|t| (t, nll(t)))
            .fold(
                (1.0, f64::MAX),
                |best, (t, n)| if n < best.1 { (t, n) } else { best },
            )
            .0
    }

    /// Train on `(features, class index)` examples. Classes with no example keep a very
    /// low bias, so they are never predicted.
    pub fn train(examples: &[(Vec<f32>, usize)], opts: &TrainOptions) -> Head {
        let k = CLASSES.len();
        let d = examples.first().map_or(0, |e| e.0.len());
        let n = examples.len().max(1) as f32;
        let mut mean = vec![0f32; d];
        for (x, _) in examples {
            for (m, v) in mean.iter_mut().zip(x) {
                *m += v / n;
            }
        }
        let mut var = vec![0f32; d];
        for (x, _) in examples {
            for ((s, v), m) in var.iter_mut().zip(x).zip(&mean) {
                *s += (v - m) * (v - m) / n;
            }
        }
        let scale: Vec<f32> = var
            .iter()
            .map(|v| if *v > 1e-12 { 1.0 / v.sqrt() } else { 0.0 })
            .collect();
        let z: Vec<Vec<f32>> = examples
            .iter()
            .map(|(x, _)| {
                x.iter()
                    .zip(&mean)
                    .zip(&scale)
                    .map(|((x, m), s)| (x - m) * s)
                    .collect()
            })
            .collect();
        let mut counts = vec![0usize; k];
        for (_, y) in examples {
            counts[*y] += 1;
        }
        let mut w = vec![vec![0f32; d]; k];
        let mut b: Vec<f32> = counts
            .iter()
            .map(|&c| if c == 0 { -20.0 } else { (c as f32 / n).ln() })
            .collect();
        let (mut mw, mut vw) = (vec![vec![0f32; d]; k], vec![vec![0f32; d]; k]);
        let (mut mb, mut vb) = (vec![0f32; k], vec![0f32; k]);
        let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        for epoch in 1..=opts.epochs {
            let mut gw = vec![vec![0f32; d]; k];
            let mut gb = vec![0f32; k];
            for (zx, (_, y)) in z.iter().zip(examples) {
                let logits: Vec<f32> = w
                    .iter()
                    .zip(&b)
                    .map(|(wr, bb)| wr.iter().zip(zx).map(|(a, c)| a * c).sum::<f32>() + bb)
                    .collect();
                let p = softmax(&logits);
                for c in 0..k {
                    if counts[c] == 0 {
                        continue;
                    }
                    let g = (p[c] - (c == *y) as u8 as f32) / n;
                    gb[c] += g;
                    for (gw, x) in gw[c].iter_mut().zip(zx) {
                        *gw += g * x;
                    }
                }
            }
            let t = epoch as i32;
            let (c1, c2) = (1.0 - b1.powi(t), 1.0 - b2.powi(t));
            for c in 0..k {
                if counts[c] == 0 {
                    continue;
                }
                for j in 0..d {
                    let g = gw[c][j] + opts.l2 * w[c][j];
                    mw[c][j] = b1 * mw[c][j] + (1.0 - b1) * g;
                    vw[c][j] = b2 * vw[c][j] + (1.0 - b2) * g * g;
                    w[c][j] -=
                        opts.learning_rate * (mw[c][j] / c1) / ((vw[c][j] / c2).sqrt() + eps);
                }
                mb[c] = b1 * mb[c] + (1.0 - b1) * gb[c];
                vb[c] = b2 * vb[c] + (1.0 - b2) * gb[c] * gb[c];
                b[c] -= opts.learning_rate * (mb[c] / c1) / ((vb[c] / c2).sqrt() + eps);
            }
        }
        Head {
            format: FORMAT.into(),
            classes: CLASSES.iter().map(|c| c.to_string()).collect(),
            mean,
            scale,
            weights: w,
            bias: b,
            temperature: 1.0,
            trained: serde_json::Value::Null,
        }
    }
}

fn softmax(logits: &[f32]) -> Vec<f32> {
    let m = logits.iter().fold(f32::MIN, |a, &b| a.max(b));
    let e: Vec<f32> = logits.iter().map(|l| (l - m).exp()).collect();
    let s: f32 = e.iter().sum();
    e.into_iter().map(|x| x / s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<(Vec<f32>, usize)> {
        // Two separable clusters: feature 0 high → class 15, feature 1 high → class 8.
        (0..40)
            .map(|i| {
                let f = (i % 7) as f32 * 0.1;
                if i % 2 == 0 {
                    (vec![1.0 + f, 0.0, f], 15)
                } else {
                    (vec![0.0, 1.0 + f, f], 8)
                }
            })
            .collect()
    }

    #[test]
    fn learns_a_separable_toy_set_and_is_deterministic() {
        let opts = TrainOptions {
            epochs: 100,
            ..TrainOptions::default()
        };
        let h = Head::train(&toy(), &opts);
        let p = h.predict(&[1.2, 0.0, 0.3]);
        assert!(p[15] > 0.9, "{p:?}");
        let p = h.predict(&[0.0, 1.1, 0.1]);
        assert!(p[8] > 0.8, "{p:?}");
        // Unseen classes are never predicted.
        assert!(p[1] < 1e-6);
        let again = Head::train(&toy(), &opts);
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            serde_json::to_string(&again).unwrap()
        );
    }

    #[test]
    fn a_corrupt_head_names_its_file() {
        let dir = std::env::temp_dir().join(format!("herald-head-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("events-head.json");
        std::fs::write(&p, "{\"format\":\"herald-event-head 1\"").unwrap();
        let e = Head::load(&p).unwrap_err().to_string();
        assert!(
            e.contains("events-head.json") && e.contains("not a valid model file"),
            "{e}"
        );
        let e = Head::load(&dir.join("missing.json"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing.json"), "{e}");
    }
}
