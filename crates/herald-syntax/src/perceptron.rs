//! Averaged multiclass perceptron over hashed features.
//!
//! Features are 64-bit hashes folded to 32-bit keys; each key that was ever
//! updated owns a dense row of per-class weights. Training keeps the running
//! weights `w` and the timestamp-weighted sums `u` so the average is `w - u/c`
//! (Daumé's trick), with no per-weight timestamps.

use crate::io::{Reader, Writer};
use crate::SyntaxError;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Folds a feature hash to the stored 32-bit key (0 is reserved for "empty").
#[inline]
pub(crate) fn key(h: u64) -> u32 {
    let h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let k = (h >> 32) as u32;
    if k == 0 {
        1
    } else {
        k
    }
}

/// Hasher for already-mixed u32 keys: spread them over 64 bits for hashbrown.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);
impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}
type KeyMap = HashMap<u32, u32, BuildHasherDefault<KeyHasher>>;

/// Perceptron being trained.
pub(crate) struct Trainer {
    pub nclass: usize,
    index: KeyMap,
    w: Vec<f32>,
    u: Vec<f32>,
    /// Number of examples seen so far (the averaging clock).
    c: f64,
}

impl Trainer {
    pub(crate) fn new(nclass: usize) -> Trainer {
        Trainer {
            nclass,
            index: KeyMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            c: 1.0,
        }
    }

    /// Adds the current weights of `feats` into `scores` (length `nclass`).
    pub(crate) fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.fill(0.0);
        let n = self.nclass;
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * n..(r as usize + 1) * n];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += *w;
                }
            }
        }
    }

    fn row(&mut self, f: u32) -> usize {
        let n = self.nclass;
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.w.resize(self.w.len() + n, 0.0);
            self.u.resize(self.u.len() + n, 0.0);
        }
        r as usize * n
    }

    /// Standard perceptron update: reward `truth`, penalise `guess`.
    pub(crate) fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let c = self.c as f32;
        for &f in feats {
            let base = self.row(f);
            self.w[base + truth] += 1.0;
            self.u[base + truth] += c;
            self.w[base + guess] -= 1.0;
            self.u[base + guess] -= c;
        }
    }

    /// Advances the averaging clock by one example.
    pub(crate) fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights; weights below `prune` in absolute value are dropped.
    pub(crate) fn averaged(&self, prune: f32) -> Weights {
        let n = self.nclass;
        let c = self.c as f32;
        let mut all: Vec<(&u32, &u32)> = self.index.iter().collect();
        all.sort_unstable();
        let mut b = Builder::new(n);
        for (&k, &r) in all {
            let base = r as usize * n;
            for j in 0..n {
                let v = self.w[base + j] - self.u[base + j] / c;
                if v.abs() >= prune && v != 0.0 {
                    b.push(j as u16, v);
                }
            }
            b.end_row(k);
        }
        b.finish()
    }
}

/// Accumulates sparse rows in key order.
struct Builder {
    nclass: usize,
    keys: Vec<u32>,
    starts: Vec<u32>,
    entries: Vec<Entry>,
}

impl Builder {
    fn new(nclass: usize) -> Builder {
        Builder {
            nclass,
            keys: Vec::new(),
            starts: vec![0],
            entries: Vec::new(),
        }
    }
    fn push(&mut self, cls: u16, w: f32) {
        self.entries.push(Entry {
            cls: u32::from(cls),
            w,
        });
    }
    /// Closes the current row under `key`; empty rows are dropped.
    fn end_row(&mut self, key: u32) {
        if self.entries.len() as u32 > *self.starts.last().expect("non-empty") {
            self.keys.push(key);
            self.starts.push(self.entries.len() as u32);
        }
    }
    fn finish(self) -> Weights {
        // Load factor at most 2/3: short linear probes, four 16-byte slots per cache line.
        let cap = (self.keys.len() + self.keys.len() / 2)
            .next_power_of_two()
            .max(16);
        // Inline rows keep class ids in a byte.
        let inline = self.nclass <= 256;
        let mut slots = vec![Slot::default(); cap];
        let mask = cap - 1;
        // Insert in home-slot order so the writes sweep the table sequentially
        // instead of missing cache on every key (this dominates load time).
        let mut order: Vec<u64> = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, &k)| ((slot_of(k, mask) as u64) << 32) | i as u64)
            .collect();
        order.sort_unstable();
        for o in order {
            let i = (o & 0xffff_ffff) as usize;
            let k = self.keys[i];
            let mut s = (o >> 32) as usize;
            while slots[s].key != 0 {
                s = (s + 1) & mask;
            }
            let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
            let row = &self.entries[a..b];
            // Rows of one or two weights (most of them) live in the slot itself:
            // one cache miss per feature instead of two.
            slots[s] = if inline && row.len() <= 2 {
                let e1 = row.get(1).copied().unwrap_or_default();
                Slot {
                    key: k,
                    len: row.len() as u16,
                    c0: row[0].cls as u8,
                    c1: e1.cls as u8,
                    w0: row[0].w,
                    w1: e1.w,
                }
            } else {
                Slot {
                    key: k,
                    len: u16::MAX,
                    c0: 0,
                    c1: 0,
                    w0: f32::from_bits(a as u32),
                    w1: f32::from_bits(row.len() as u32),
                }
            };
        }
        Weights {
            nclass: self.nclass,
            mask,
            slots,
            entries: self.entries,
            keys: self.keys,
            starts: self.starts,
        }
    }
}

/// Cache prefetch hint (no-op off x86-64).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetch is only a hint and never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[inline]
fn slot_of(k: u32, mask: usize) -> usize {
    (k.wrapping_mul(0x9e37_79b9) as usize ^ (k as usize >> 7)) & mask
}

/// One non-zero weight.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    cls: u32,
    w: f32,
}

/// Hash slot: key and where its row lives in `entries`.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u32,
    /// Number of inline weights (1 or 2), or `u16::MAX` when the row is in
    /// `entries` at `w0.to_bits()` with `w1.to_bits()` weights.
    len: u16,
    c0: u8,
    c1: u8,
    w0: f32,
    w1: f32,
}

/// Frozen weights: open-addressing table from key to a sparse row of (class, weight).
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    pub nclass: usize,
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    keys: Vec<u32>,
    starts: Vec<u32>,
}

impl Weights {
    #[inline]
    fn find(&self, k: u32) -> Option<&Slot> {
        let mut s = slot_of(k, self.mask);
        loop {
            let v = &self.slots[s];
            if v.key == k {
                return Some(v);
            }
            if v.key == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Sums the rows of `feats` into `scores` (length `nclass`).
    #[inline]
    pub(crate) fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.fill(0.0);
        // The tables are far larger than cache, so overlapping the misses matters
        // more than anything else: prefetch all slots, then all rows, then add.
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(slot_of(f, self.mask)));
        }
        let mut found = [(0u32, 0u32); 128];
        let mut nf = 0;
        for &f in feats {
            if let Some(sl) = self.find(f) {
                if sl.len != u16::MAX {
                    scores[sl.c0 as usize] += sl.w0;
                    if sl.len == 2 {
                        scores[sl.c1 as usize] += sl.w1;
                    }
                    continue;
                }
                let (start, len) = (sl.w0.to_bits(), sl.w1.to_bits());
                prefetch(self.entries.as_ptr().wrapping_add(start as usize));
                if nf < found.len() {
                    found[nf] = (start, len);
                    nf += 1;
                } else {
                    for e in &self.entries[start as usize..(start + len) as usize] {
                        scores[e.cls as usize] += e.w;
                    }
                }
            }
        }
        for &(start, len) in &found[..nf] {
            for e in &self.entries[start as usize..(start + len) as usize] {
                scores[e.cls as usize] += e.w;
            }
        }
    }

    /// A copy without weights below `threshold` in absolute value.
    pub(crate) fn pruned(&self, threshold: f32) -> Weights {
        let mut b = Builder::new(self.nclass);
        for (r, &k) in self.keys.iter().enumerate() {
            for e in &self.entries[self.starts[r] as usize..self.starts[r + 1] as usize] {
                if e.w.abs() >= threshold {
                    b.push(e.cls as u16, e.w);
                }
            }
            b.end_row(k);
        }
        b.finish()
    }

    /// The sum of several weight tables with the same classes: one linear model
    /// scoring like the ensemble of the parts (weights of shared features add up).
    pub(crate) fn sum(parts: &[Weights]) -> Weights {
        let nclass = parts.first().map_or(1, |p| p.nclass);
        let mut all: Vec<(u32, u32, f32)> = Vec::new();
        for p in parts {
            for (r, &k) in p.keys.iter().enumerate() {
                for e in &p.entries[p.starts[r] as usize..p.starts[r + 1] as usize] {
                    all.push((k, e.cls, e.w));
                }
            }
        }
        all.sort_unstable_by_key(|t| (t.0, t.1));
        let mut b = Builder::new(nclass);
        let mut i = 0;
        while i < all.len() {
            let k = all[i].0;
            while i < all.len() && all[i].0 == k {
                let c = all[i].1;
                let mut w = 0.0;
                while i < all.len() && all[i].0 == k && all[i].1 == c {
                    w += all[i].2;
                    i += 1;
                }
                if w != 0.0 {
                    b.push(c as u16, w);
                }
            }
            b.end_row(k);
        }
        b.finish()
    }

    /// (rows, non-zero weights).
    pub(crate) fn stats(&self) -> (usize, usize) {
        (self.keys.len(), self.entries.len())
    }

    /// Writes the rows: sorted keys as delta varints, then per row the non-zero
    /// count, a scale and (class, i16) pairs.
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u64(self.nclass as u64);
        out.u64(self.keys.len() as u64);
        let mut prev = 0u32;
        for &k in &self.keys {
            out.varint(u64::from(k - prev));
            prev = k;
        }
        for r in 0..self.keys.len() {
            let row = &self.entries[self.starts[r] as usize..self.starts[r + 1] as usize];
            let max = row.iter().fold(0f32, |m, e| m.max(e.w.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            out.varint(row.len() as u64);
            out.f32(scale);
            for e in row {
                out.varint(u64::from(e.cls));
                out.i16((e.w / scale).round() as i16);
            }
        }
    }

    /// Reads what [`Weights::write`] wrote.
    pub(crate) fn read(inp: &mut Reader) -> Result<Weights, SyntaxError> {
        let n = inp.u64()? as usize;
        let len = inp.u64()? as usize;
        if n == 0 || n > 4096 || len > 1 << 28 {
            return Err(inp.bad("implausible weight table size"));
        }
        let mut keys = Vec::with_capacity(len);
        let mut prev = 0u64;
        for _ in 0..len {
            prev += inp.varint()?;
            if prev == 0 || prev > u64::from(u32::MAX) || Some(&(prev as u32)) <= keys.last() {
                return Err(inp.bad("weight keys not strictly increasing"));
            }
            keys.push(prev as u32);
        }
        let mut b = Builder::new(n);
        b.entries.reserve(len * 2);
        for &k in &keys {
            let nnz = inp.varint()? as usize;
            if nnz == 0 || nnz > n {
                return Err(inp.bad("bad row length"));
            }
            let scale = inp.f32()?;
            for _ in 0..nnz {
                let c = inp.varint()?;
                if c as usize >= n {
                    return Err(inp.bad("class index out of range"));
                }
                let v = f32::from(inp.i16()?) * scale;
                b.push(c as u16, v);
            }
            b.end_row(k);
        }
        Ok(b.finish())
    }
}
