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
        // Load factor at most 1/2: short linear probes (measured faster than 2/3
        // despite the larger table), four 16-byte slots per cache line.
        let cap = (self.keys.len() * 2).next_power_of_two().max(16);
        let bits = cap.trailing_zeros();
        let n = self.nclass;
        // Inline rows keep class ids in a byte.
        let inline = n <= 256;
        // Dense rows are padded to whole 16-byte lanes.
        let stride = n.div_ceil(4) * 4;
        let mask = cap - 1;
        if n <= 3 {
            return self.finish_tiny(bits);
        }
        let mut slots = table(cap, Slot::default());
        let ndense = (0..self.keys.len())
            .filter(|&i| {
                let len = (self.starts[i + 1] - self.starts[i]) as usize;
                !(inline && len <= 2) && len * 4 >= n
            })
            .count();
        let mut dense: Vec<f32> = huge_capacity(ndense * stride);
        // Keys in increasing order: one sequential sweep, no cache miss per key at load.
        for i in self.key_order() {
            let k = self.keys[i];
            let s = free_slot(k, bits, |s| slots[s].key != 0);
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
            } else if row.len() * 4 >= n {
                // A row filling a quarter of the classes or more is added as a
                // dense vector (SIMD adds, no per-weight class lookups). Absent
                // classes add 0.0, which leaves every sum bit-for-bit unchanged.
                let off = dense.len();
                dense.resize(off + stride, 0.0);
                for e in row {
                    dense[off + e.cls as usize] += e.w;
                }
                Slot {
                    key: k,
                    len: DENSE,
                    c0: 0,
                    c1: 0,
                    w0: f32::from_bits(off as u32),
                    w1: 0.0,
                }
            } else {
                Slot {
                    key: k,
                    len: SPARSE,
                    c0: 0,
                    c1: 0,
                    w0: f32::from_bits(a as u32),
                    w1: f32::from_bits(row.len() as u32),
                }
            };
        }
        Weights {
            nclass: n,
            bits,
            mask,
            slots,
            tiny: Vec::new(),
            dense,
            entries: self.entries,
            keys: self.keys,
            starts: self.starts,
        }
    }

    /// Key indices in increasing key order. The home slot is the key's top bits, so
    /// this order fills a table in one sequential sweep; builders receive keys sorted,
    /// and then no sort is needed.
    fn key_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        if !self.keys.windows(2).all(|w| w[0] < w[1]) {
            order.sort_unstable_by_key(|&i| self.keys[i]);
        }
        order
    }

    /// The table of a model with at most three classes (the parser's moves):
    /// every row fits in its slot.
    fn finish_tiny(self, bits: u32) -> Weights {
        let cap = 1usize << bits;
        let mask = cap - 1;
        let mut tiny = table(cap, Slot3::default());
        for i in self.key_order() {
            let k = self.keys[i];
            let s = free_slot(k, bits, |s| tiny[s].key != 0);
            let row = &self.entries[self.starts[i] as usize..self.starts[i + 1] as usize];
            // Absent classes hold -0.0, which no stored weight is (they are +0.0 at
            // worst) and whose addition changes no sum: so a row without -0.0 is a
            // full row, added after the others like the external rows of `score`.
            let mut w = [-0.0f32; 3];
            for e in row {
                let c = e.cls as usize;
                w[c] = if w[c].to_bits() == NEG_ZERO {
                    e.w
                } else {
                    w[c] + e.w
                };
                if w[c].to_bits() == NEG_ZERO {
                    w[c] = 0.0;
                }
            }
            tiny[s] = Slot3 { key: k, w };
        }
        Weights {
            nclass: self.nclass,
            bits,
            mask,
            slots: Vec::new(),
            tiny,
            dense: Vec::new(),
            entries: self.entries,
            keys: self.keys,
            starts: self.starts,
        }
    }
}

/// Bits of -0.0, the "absent class" weight of [`Slot3`].
const NEG_ZERO: u32 = 0x8000_0000;

/// `Slot::len` of a row stored in `entries` (sparse).
const SPARSE: u16 = u16::MAX;
/// `Slot::len` of a row stored in `dense`.
const DENSE: u16 = u16::MAX - 1;

/// A vector of `n` copies of `v` for a table read at random: on Linux backed by
/// huge pages where the kernel allows it (far fewer TLB misses per lookup).
fn table<T: Copy>(n: usize, v: T) -> Vec<T> {
    let mut out = huge_capacity(n);
    out.resize(n, v);
    out
}

/// An empty vector with room for `n` items, advised like [`table`].
fn huge_capacity<T>(n: usize) -> Vec<T> {
    let out: Vec<T> = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let bytes = n * std::mem::size_of::<T>();
        let start = out.as_ptr() as usize;
        let lo = start.next_multiple_of(HUGE);
        let hi = (start + bytes) / HUGE * HUGE;
        if hi > lo {
            // SAFETY: the range lies inside this vector's own allocation, which
            // has not been touched yet; the advice changes no contents and only
            // makes the kernel back the range with huge pages when it can.
            unsafe {
                libc::madvise(lo as *mut libc::c_void, hi - lo, libc::MADV_HUGEPAGE);
            }
        }
    }
    out
}

/// `scores[i] += row[i]`, eight lanes at a time where the CPU has AVX2 (the same
/// IEEE additions in the same order, so the same sums as the scalar loop).
#[inline]
fn add_dense(scores: &mut [f32], row: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above).
        unsafe { add_dense_avx2(scores, row) };
        return;
    }
    for (s, w) in scores.iter_mut().zip(row) {
        *s += *w;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_dense_avx2(scores: &mut [f32], row: &[f32]) {
    for (s, w) in scores.iter_mut().zip(row) {
        *s += *w;
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

/// Home slot of key `k` in a table of `2^bits` slots: the key's top bits (keys
/// are already well-mixed hashes, see [`key`]).
/// Prefetches every cache line of the `n` items at `p`: a row is only worth
/// fetching early if all of it arrives before it is added.
#[inline(always)]
fn prefetch_span<T>(p: *const T, n: usize) {
    let bytes = n * std::mem::size_of::<T>();
    let first = p as usize & !63;
    let mut line = first;
    while line < p as usize + bytes {
        prefetch(line as *const u8);
        line += 64;
    }
}

#[inline]
fn slot_of(k: u32, bits: u32) -> usize {
    (u64::from(k) << bits >> 32) as usize
}

/// The first free slot for key `k` by linear probing from its home slot.
fn free_slot(k: u32, bits: u32, taken: impl Fn(usize) -> bool) -> usize {
    let mask = (1usize << bits) - 1;
    let mut s = slot_of(k, bits);
    while taken(s) {
        s = (s + 1) & mask;
    }
    s
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
    /// Number of inline weights (1 or 2); [`SPARSE`] when the row is in
    /// `entries` at `w0.to_bits()` with `w1.to_bits()` weights; [`DENSE`] when it
    /// is in `dense` at `w0.to_bits()`.
    len: u16,
    c0: u8,
    c1: u8,
    w0: f32,
    w1: f32,
}

/// Hash slot of a model with at most three classes: the whole row inline.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot3 {
    key: u32,
    w: [f32; 3],
}

/// Frozen weights: open-addressing table from key to a row of per-class weights,
/// kept inline (1-2 weights), sparse (class, weight) or dense.
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    pub nclass: usize,
    /// log2 of the number of slots.
    bits: u32,
    mask: usize,
    slots: Vec<Slot>,
    /// The table instead of `slots` when `nclass <= 3`.
    tiny: Vec<Slot3>,
    /// Dense rows, each `nclass` rounded up to a multiple of 4.
    dense: Vec<f32>,
    /// All rows as (class, weight) runs, in key order (for saving, pruning, summing).
    entries: Vec<Entry>,
    keys: Vec<u32>,
    starts: Vec<u32>,
}

impl Weights {
    #[inline]
    fn find(&self, k: u32) -> Option<&Slot> {
        let mut s = slot_of(k, self.bits);
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
    ///
    /// Inline rows are added in feature order, then the external rows in feature
    /// order: every class's sum is accumulated in one fixed order, so scores do
    /// not depend on how a row happens to be stored.
    #[inline]
    pub(crate) fn score(&self, feats: &[u32], scores: &mut [f32]) {
        if self.nclass <= 3 {
            return self.score_tiny(feats, scores);
        }
        scores.fill(0.0);
        // The tables are far larger than cache, so overlapping the misses matters
        // more than anything else: prefetch all slots, then all rows, then add.
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(slot_of(f, self.bits)));
        }
        let mut found = [(0u32, 0u32); 128];
        let mut nf = 0;
        for &f in feats {
            if let Some(sl) = self.find(f) {
                match sl.len {
                    SPARSE | DENSE => {
                        let start = sl.w0.to_bits();
                        let len = if sl.len == DENSE {
                            prefetch_span(
                                self.dense.as_ptr().wrapping_add(start as usize),
                                self.nclass,
                            );
                            u32::MAX
                        } else {
                            let len = sl.w1.to_bits();
                            prefetch_span(
                                self.entries.as_ptr().wrapping_add(start as usize),
                                len as usize,
                            );
                            len
                        };
                        if nf < found.len() {
                            found[nf] = (start, len);
                            nf += 1;
                        } else {
                            self.add_row(start, len, scores);
                        }
                    }
                    _ => {
                        scores[sl.c0 as usize] += sl.w0;
                        if sl.len == 2 {
                            scores[sl.c1 as usize] += sl.w1;
                        }
                    }
                }
            }
        }
        for &(start, len) in &found[..nf] {
            self.add_row(start, len, scores);
        }
    }

    /// [`Weights::score`] for a table of [`Slot3`]: rows with an absent class
    /// are added at once, full rows afterwards (the order `score` adds them in).
    fn score_tiny(&self, feats: &[u32], scores: &mut [f32]) {
        scores.fill(0.0);
        // Absent classes of a table with fewer than three hold -0.0 (see `finish_tiny`).
        for &f in feats {
            prefetch(self.tiny.as_ptr().wrapping_add(slot_of(f, self.bits)));
        }
        let mut acc = [0f32; 3];
        let mut full = [0u32; 128];
        let mut nfull = 0;
        for &f in feats {
            let mut s = slot_of(f, self.bits);
            let v = loop {
                let v = &self.tiny[s];
                if v.key == f || v.key == 0 {
                    break v;
                }
                s = (s + 1) & self.mask;
            };
            if v.key == 0 {
                continue;
            }
            let [w0, w1, w2] = v.w;
            let partial = (w0.to_bits() == NEG_ZERO)
                | (w1.to_bits() == NEG_ZERO)
                | (w2.to_bits() == NEG_ZERO);
            if partial || nfull == full.len() {
                acc[0] += w0;
                acc[1] += w1;
                acc[2] += w2;
            } else {
                full[nfull] = s as u32;
                nfull += 1;
            }
        }
        for &s in &full[..nfull] {
            let [w0, w1, w2] = self.tiny[s as usize].w;
            acc[0] += w0;
            acc[1] += w1;
            acc[2] += w2;
        }
        let n = scores.len().min(3);
        scores[..n].copy_from_slice(&acc[..n]);
    }

    /// Adds one external row (`len == u32::MAX`: dense) into `scores`.
    #[inline(always)]
    fn add_row(&self, start: u32, len: u32, scores: &mut [f32]) {
        let start = start as usize;
        if len == u32::MAX {
            let n = self.nclass;
            add_dense(&mut scores[..n], &self.dense[start..start + n]);
        } else {
            for e in &self.entries[start..start + len as usize] {
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
        // Rows average about two weights; unused capacity costs address space only.
        b.entries = huge_capacity(len * 3);
        b.keys.reserve(len);
        b.starts.reserve(len + 1);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random numbers for the tests.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
    }

    /// Random rows: mostly one or two weights, some longer, a few nearly full,
    /// some weights exactly zero (as quantisation can leave them).
    fn random_rows(nclass: usize, nrows: usize, seed: u64) -> Vec<(u32, Vec<(u16, f32)>)> {
        let mut r = Lcg(seed);
        let mut keys: Vec<u32> = (0..nrows).map(|_| key(r.next() << 20 ^ r.next())).collect();
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter()
            .map(|k| {
                let len = match r.next() % 10 {
                    0..=5 => 1 + (r.next() % 2) as usize,
                    6..=8 => 3 + (r.next() as usize % nclass.min(8)),
                    _ => nclass,
                }
                .min(nclass);
                let mut classes: Vec<u16> = (0..nclass as u16).collect();
                for i in 0..len {
                    let j = i + r.next() as usize % (nclass - i);
                    classes.swap(i, j);
                }
                let mut row: Vec<(u16, f32)> = classes[..len]
                    .iter()
                    .map(|&c| {
                        let w = if r.next().is_multiple_of(17) {
                            0.0
                        } else {
                            (r.next() % 20_001) as f32 / 1000.0 - 10.0
                        };
                        (c, w)
                    })
                    .collect();
                row.sort_unstable_by_key(|e| e.0);
                (k, row)
            })
            .collect()
    }

    fn build(nclass: usize, rows: &[(u32, Vec<(u16, f32)>)]) -> Weights {
        let mut b = Builder::new(nclass);
        for (k, row) in rows {
            for &(c, w) in row {
                b.push(c, w);
            }
            b.end_row(*k);
        }
        b.finish()
    }

    /// The reference semantics of `score`: rows of one or two weights are added
    /// in feature order (when class ids fit a byte), then the others in feature order.
    fn reference(nclass: usize, rows: &[(u32, Vec<(u16, f32)>)], feats: &[u32]) -> Vec<f32> {
        let mut s = vec![0f32; nclass];
        let find = |f: u32| rows.iter().find(|r| r.0 == f).map(|r| &r.1);
        let mut later = Vec::new();
        for &f in feats {
            if let Some(row) = find(f) {
                if row.len() <= 2 && nclass <= 256 {
                    for &(c, w) in row {
                        s[c as usize] += w;
                    }
                } else {
                    later.push(row);
                }
            }
        }
        for row in later {
            for &(c, w) in row {
                s[c as usize] += w;
            }
        }
        s
    }

    #[test]
    fn every_table_layout_scores_bit_for_bit_like_the_reference() {
        for (nclass, seed) in [(3, 1), (2, 2), (51, 3), (102, 4), (300, 5)] {
            let rows = random_rows(nclass, 3000, seed);
            let w = build(nclass, &rows);
            let mut r = Lcg(seed * 77);
            let mut scores = vec![0f32; nclass];
            for _ in 0..300 {
                // Features drawn from stored keys and from keys the table lacks.
                let feats: Vec<u32> = (0..90)
                    .map(|_| {
                        if r.next().is_multiple_of(4) {
                            key(r.next() ^ 0xabcdef)
                        } else {
                            rows[r.next() as usize % rows.len()].0
                        }
                    })
                    .collect();
                w.score(&feats, &mut scores);
                let want = reference(nclass, &rows, &feats);
                let bits = |v: &[f32]| v.iter().map(|x| (*x + 0.0).to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&scores), bits(&want), "nclass {nclass}");
            }
        }
    }

    #[test]
    fn weights_survive_a_write_read_round_trip() {
        let rows = random_rows(102, 500, 9);
        let w = build(102, &rows);
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf)).expect("reads");
        assert_eq!(back.stats(), w.stats());
        let feats: Vec<u32> = rows.iter().take(60).map(|r| r.0).collect();
        let (mut a, mut b) = (vec![0f32; 102], vec![0f32; 102]);
        w.score(&feats, &mut a);
        back.score(&feats, &mut b);
        // Quantised to 16 bits per row: close, not equal.
        for (x, y) in a.iter().zip(&b) {
            assert!((x - y).abs() < 1e-2 * (1.0 + x.abs()), "{x} vs {y}");
        }
    }
}
