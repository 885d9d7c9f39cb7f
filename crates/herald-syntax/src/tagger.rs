//! Greedy left-to-right averaged-perceptron tagger over joint UPOS+XPOS tags.

use crate::feats::HashMap64;
use crate::feats::{f1, f2, f3, Lex};
use crate::io::{Reader, Writer};
use crate::perceptron::{key, Trainer, Weights};
use crate::SyntaxError;
use std::collections::HashMap;

/// Sentinel "tag" values before the sentence start.
const START: u64 = 0xdead_beef;
const START2: u64 = 0xbeef_dead;

/// Lexical features of the sentence padded with two boundary words each side.
pub(crate) fn padded(lex: &[Lex]) -> Vec<Lex> {
    let mut v = Vec::with_capacity(lex.len() + 4);
    v.push(Lex::boundary(START2));
    v.push(Lex::boundary(START));
    v.extend_from_slice(lex);
    v.push(Lex::boundary(0x00e0_d001));
    v.push(Lex::boundary(0x00e0_d002));
    v
}

/// Features of word `i` (0-based) given the two previous tags and, in the
/// second pass, the first pass's tags of the next two words.
pub(crate) fn features(
    pad: &[Lex],
    i: usize,
    p1: u64,
    p2: u64,
    next: Option<(u64, u64)>,
    out: &mut Vec<u32>,
) {
    out.clear();
    let c = &pad[i + 2];
    let (m1, m2, n1, n2) = (&pad[i + 1], &pad[i], &pad[i + 3], &pad[i + 4]);
    let feats = [
        f1(0, 0),
        f1(1, c.lower),
        f1(2, c.suf[0]),
        f1(3, c.suf[1]),
        f1(4, c.suf[2]),
        f1(5, c.suf[3]),
        f1(6, c.pre[0]),
        f1(7, c.pre[1]),
        f1(8, c.pre[2]),
        f1(9, c.shape),
        f2(10, c.flags, u64::from(i == 0)),
        f1(11, p1),
        f2(12, p1, p2),
        f2(13, p1, c.lower),
        f1(14, m1.lower),
        f1(15, m1.suf[2]),
        f1(16, m2.lower),
        f1(17, n1.lower),
        f1(18, n1.suf[2]),
        f1(19, n2.lower),
        f2(20, c.lower, n1.lower),
        f2(21, m1.lower, c.lower),
        f1(22, c.form),
        f2(23, p1, n1.lower),
        f2(24, n1.shape, c.shape),
        f3(25, p1, c.suf[2], n1.suf[1]),
        f1(26, n1.flags),
        f2(27, c.suf[2], n1.lower),
        f2(28, p1, c.suf[2]),
        f2(29, c.lower, c.flags),
        f1(30, n2.suf[2]),
        f2(31, m1.lower, n1.lower),
        f2(32, p1, m1.lower),
        f1(33, m1.shape),
        f1(34, n1.suf[1]),
        f1(35, n1.pre[0]),
        f2(36, c.suf[3], c.flags),
        f3(37, p1, p2, c.suf[2]),
    ];
    out.extend(feats.iter().map(|&h| key(h)));
    if let Some((t1, t2)) = next {
        let more = [
            f1(40, t1),
            f2(41, t1, t2),
            f2(42, t1, c.lower),
            f2(43, p1, t1),
            f3(44, p1, t1, c.suf[2]),
            f2(45, t1, n1.lower),
            f3(46, t1, c.lower, p1),
            f2(47, t1, c.shape),
            f3(48, t1, t2, c.suf[1]),
        ];
        out.extend(more.iter().map(|&h| key(h)));
    }
}

/// Lookahead values for word `i` from first-pass tags.
fn lookahead(first: &[u16], i: usize) -> (u64, u64) {
    let g = |j: usize| first.get(j).map_or(0x00e0_d001, |&t| u64::from(t) + 1);
    (g(i + 1), g(i + 2))
}

/// One greedy pass; `first` gives the lookahead tags of the second pass.
fn tag_pass(
    w: &Weights,
    tagdict: &HashMap64<u16>,
    lex: &[Lex],
    first: Option<&[u16]>,
    feats: &mut Vec<u32>,
    scores: &mut Vec<f32>,
) -> Vec<u16> {
    let pad = padded(lex);
    let mut out = Vec::with_capacity(lex.len());
    let (mut p1, mut p2) = (START, START2);
    scores.resize(w.nclass, 0.0);
    for (i, l) in lex.iter().enumerate() {
        let t = match tagdict.get(&l.form) {
            Some(&t) => t,
            None => {
                features(&pad, i, p1, p2, first.map(|f| lookahead(f, i)), feats);
                w.score(feats, scores);
                argmax(scores) as u16
            }
        };
        out.push(t);
        p2 = p1;
        p1 = u64::from(t) + 1;
    }
    out
}

/// The trained tagger.
#[derive(Clone, Debug)]
pub(crate) struct Tagger {
    /// Joint tag names, `UPOS\tXPOS`.
    pub tags: Vec<String>,
    pub upos: Vec<String>,
    pub xpos: Vec<String>,
    first: Weights,
    /// Second pass that also sees the first pass's tags of the next words.
    second: Option<Weights>,
    /// Unambiguous frequent words (normalised exact form hash) → tag.
    tagdict: HashMap64<u16>,
}

impl Tagger {
    pub(crate) fn new(
        tags: Vec<String>,
        first: Weights,
        second: Option<Weights>,
        tagdict: HashMap64<u16>,
    ) -> Tagger {
        let (upos, xpos) = split_tags(&tags);
        Tagger {
            tags,
            upos,
            xpos,
            first,
            second,
            tagdict,
        }
    }

    /// Tags a sentence; returns joint tag ids.
    pub(crate) fn tag(&self, lex: &[Lex], feats: &mut Vec<u32>, scores: &mut Vec<f32>) -> Vec<u16> {
        let t1 = tag_pass(&self.first, &self.tagdict, lex, None, feats, scores);
        match &self.second {
            Some(w) => tag_pass(w, &self.tagdict, lex, Some(&t1), feats, scores),
            None => t1,
        }
    }

    /// UPOS value of every joint tag, for the parser's coarse features.
    pub(crate) fn coarse(&self) -> Vec<u64> {
        self.upos
            .iter()
            .map(|u| crate::feats::hash_str(u))
            .collect()
    }

    /// Drops weights below `th` (smaller, faster model).
    pub(crate) fn prune(&mut self, th: f32) {
        self.first = self.first.pruned(th);
        self.second = self.second.as_ref().map(|s| s.pruned(th));
    }

    /// Sizes of the weight tables, for reports.
    pub(crate) fn stats(&self) -> String {
        let (r, e) = self.first.stats();
        let (r2, e2) = self.second.as_ref().map_or((0, 0), Weights::stats);
        format!("tagger {r}+{r2} rows, {e}+{e2} weights")
    }

    /// Writes the tag set and tag dictionary (the weights go in their own sections).
    pub(crate) fn write_meta(&self, w: &mut Writer) {
        w.u64(self.tags.len() as u64);
        for t in &self.tags {
            w.str(t);
        }
        let mut dict: Vec<(&u64, &u16)> = self.tagdict.iter().collect();
        dict.sort_unstable();
        w.u64(dict.len() as u64);
        for (k, v) in dict {
            w.u64(*k);
            w.varint(u64::from(*v));
        }
    }

    /// The first- and second-pass weights.
    pub(crate) fn weights(&self) -> (&Weights, Option<&Weights>) {
        (&self.first, self.second.as_ref())
    }

    /// Reads what [`Tagger::write_meta`] wrote.
    pub(crate) fn read_meta(r: &mut Reader) -> Result<(Vec<String>, HashMap64<u16>), SyntaxError> {
        let n = r.u64()? as usize;
        if n == 0 || n > 4096 {
            return Err(r.bad("implausible tag count"));
        }
        let tags = (0..n).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let nd = r.u64()? as usize;
        let mut tagdict = HashMap64::default();
        tagdict.reserve(nd.min(1 << 24));
        for _ in 0..nd {
            let k = r.u64()?;
            let v = r.varint()?;
            if v as usize >= n {
                return Err(r.bad("tag dictionary entry out of range"));
            }
            tagdict.insert(k, v as u16);
        }
        Ok((tags, tagdict))
    }

    /// Assembles a tagger read from separate sections, checking they fit together.
    pub(crate) fn from_parts(
        tags: Vec<String>,
        tagdict: HashMap64<u16>,
        first: Weights,
        second: Option<Weights>,
    ) -> Result<Tagger, SyntaxError> {
        let n = tags.len();
        if first.nclass != n || second.as_ref().is_some_and(|s| s.nclass != n) {
            return Err(SyntaxError::Model(
                "tagger weights do not match the tag set".into(),
            ));
        }
        Ok(Tagger::new(tags, first, second, tagdict))
    }
}

fn split_tags(tags: &[String]) -> (Vec<String>, Vec<String>) {
    tags.iter()
        .map(|t| {
            let (u, x) = t.split_once('\t').unwrap_or((t.as_str(), "_"));
            (u.to_string(), x.to_string())
        })
        .unzip()
}

/// Index of the largest score (first on ties).
#[inline]
pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

/// Training data for the tagger: per sentence, lexical features and gold tag ids.
pub(crate) struct TagExample {
    pub lex: Vec<Lex>,
    pub gold: Vec<u16>,
}

/// Builds the tag dictionary: frequent words seen with one tag ≥ 99.5% of the time.
pub(crate) fn build_tagdict(data: &[TagExample], ntags: usize) -> HashMap64<u16> {
    let mut counts: HashMap<u64, Vec<u32>> = HashMap::new();
    for ex in data {
        for (l, &g) in ex.lex.iter().zip(&ex.gold) {
            counts.entry(l.form).or_insert_with(|| vec![0; ntags])[g as usize] += 1;
        }
    }
    let mut dict = HashMap64::default();
    for (k, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &bc) = c
            .iter()
            .enumerate()
            .max_by_key(|e| (*e.1, usize::MAX - e.0))
            .expect("ntags > 0");
        if total >= 20 && f64::from(bc) / f64::from(total) >= 0.995 {
            dict.insert(k, best as u16);
        }
    }
    dict
}

/// Predicts tags of one sentence with a single pass (for jackknifing).
pub(crate) fn predict(
    w: &Weights,
    tagdict: &HashMap64<u16>,
    lex: &[Lex],
    first: Option<&[u16]>,
) -> Vec<u16> {
    tag_pass(w, tagdict, lex, first, &mut Vec::new(), &mut Vec::new())
}

/// Trains one tagging pass for `iters` epochs over `data` (shuffled
/// deterministically); `first[i]` are lookahead tags for sentence `i` (second pass).
pub(crate) fn train_pass(
    data: &[&TagExample],
    ntags: usize,
    tagdict: &HashMap64<u16>,
    first: Option<&[&Vec<u16>]>,
    iters: usize,
    rng: &mut crate::rng::Rng,
    log: &mut dyn FnMut(&str),
) -> Weights {
    let mut model = Trainer::new(ntags);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0; ntags];
    for it in 0..iters {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let ex = data[si];
            let pad = padded(&ex.lex);
            let look = first.map(|f| f[si].as_slice());
            let (mut p1, mut p2) = (START, START2);
            for i in 0..ex.lex.len() {
                let gold = ex.gold[i] as usize;
                let guess = match tagdict.get(&ex.lex[i].form) {
                    Some(&t) => t as usize,
                    None => {
                        features(&pad, i, p1, p2, look.map(|f| lookahead(f, i)), &mut feats);
                        model.score(&feats, &mut scores);
                        let g = argmax(&scores);
                        model.update(&feats, gold, g);
                        model.tick();
                        g
                    }
                };
                correct += usize::from(guess == gold);
                total += 1;
                p2 = p1;
                // Train on its own predictions (greedy decoding sees the same at run time).
                p1 = guess as u64 + 1;
            }
        }
        log(&format!(
            "tagger iter {}: train acc {:.2}%",
            it + 1,
            100.0 * correct as f64 / total.max(1) as f64
        ));
    }
    model.averaged(0.0)
}
