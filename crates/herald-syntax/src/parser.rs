//! Greedy arc-hybrid dependency parser (averaged perceptron, dynamic oracle)
//! followed by a perceptron arc labeller.
//!
//! Token 0 is the artificial root at the bottom of the stack; words are 1..=n.
//! RIGHT onto the root is only allowed once the buffer is empty, so every
//! output has exactly one root word and is a tree by construction.

use crate::feats::{f1, f2, f3, Lex};
use crate::io::{Reader, Writer};
use crate::perceptron::{key, Trainer, Weights};
use crate::tagger::argmax;
use crate::SyntaxError;

const NONE: u32 = u32::MAX;
const SHIFT: usize = 0;
const LEFT: usize = 1;
const NMOVES: usize = 3;

/// Per-token inputs: word hash and tag value (index 0 = root).
pub(crate) struct Input {
    pub w: Vec<u64>,
    pub p: Vec<u64>,
    /// Coarse (UPOS) tag values: backoff when the fine tag is wrong.
    pub u: Vec<u64>,
    pub suf: Vec<u64>,
    /// `punct[t]` = number of separating punctuation marks among tokens 1..=t.
    pub punct: Vec<u16>,
}

impl Input {
    /// `coarse[t]` is the UPOS value of joint tag `t`.
    pub(crate) fn new(lex: &[Lex], tags: &[u16], coarse: &[u64]) -> Input {
        let n = lex.len();
        let mut w = Vec::with_capacity(n + 1);
        let mut p = Vec::with_capacity(n + 1);
        let mut u = Vec::with_capacity(n + 1);
        u.push(0x0005_0007);
        let mut suf = Vec::with_capacity(n + 1);
        w.push(0x0005_0007);
        p.push(0x0005_0007);
        suf.push(0x0005_0007);
        let mut punct = Vec::with_capacity(n + 1);
        punct.push(0u16);
        let seps = [",", ";", ":", "--", "-"].map(crate::feats::hash_str);
        for (l, &t) in lex.iter().zip(tags) {
            w.push(l.lower);
            p.push(u64::from(t) + 10);
            u.push(coarse.get(t as usize).copied().unwrap_or(3));
            suf.push(l.suf[2]);
            let last = *punct.last().expect("non-empty");
            punct.push(last.saturating_add(u16::from(seps.contains(&l.form))));
        }
        Input {
            w,
            p,
            u,
            suf,
            punct,
        }
    }
    #[inline]
    fn w(&self, t: u32) -> u64 {
        if t == NONE {
            1
        } else {
            self.w[t as usize]
        }
    }
    #[inline]
    fn u(&self, t: u32) -> u64 {
        if t == NONE {
            1
        } else {
            self.u[t as usize]
        }
    }
    #[inline]
    fn p(&self, t: u32) -> u64 {
        if t == NONE {
            1
        } else {
            self.p[t as usize]
        }
    }
}

/// Parser configuration.
pub(crate) struct State {
    pub stack: Vec<u32>,
    pub b: u32,
    pub n: u32,
    pub heads: Vec<u32>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl State {
    pub(crate) fn new(n: usize) -> State {
        let m = n + 1;
        let mut stack = Vec::with_capacity(m);
        stack.push(0);
        State {
            stack,
            b: 1,
            n: n as u32,
            heads: vec![NONE; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
        }
    }
    fn buffer_empty(&self) -> bool {
        self.b > self.n
    }
    pub(crate) fn terminal(&self) -> bool {
        self.stack.len() == 1 && self.buffer_empty()
    }
    fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            NONE
        }
    }
    fn legal(&self, m: usize) -> bool {
        match m {
            SHIFT => !self.buffer_empty(),
            LEFT => self.stack.len() >= 2 && !self.buffer_empty(),
            _ => self.stack.len() >= 3 || (self.stack.len() == 2 && self.buffer_empty()),
        }
    }
    fn attach(&mut self, h: u32, d: u32) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        if d < h {
            self.nl[hu] = self.nl[hu].saturating_add(1);
            if self.l1[hu] == NONE || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NONE || d < self.l2[hu] {
                self.l2[hu] = d;
            }
        } else {
            self.nr[hu] = self.nr[hu].saturating_add(1);
            if self.r1[hu] == NONE || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NONE || d > self.r2[hu] {
                self.r2[hu] = d;
            }
        }
    }
    /// Applies move `m`; returns the dependent when an arc was made.
    fn apply(&mut self, m: usize) -> Option<u32> {
        match m {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
                None
            }
            LEFT => {
                let d = self.stack.pop().expect("legal LEFT");
                self.attach(self.b, d);
                Some(d)
            }
            _ => {
                let d = self.stack.pop().expect("legal RIGHT");
                let h = *self.stack.last().expect("legal RIGHT");
                self.attach(h, d);
                Some(d)
            }
        }
    }

    /// Dynamic-oracle cost of move `m` w.r.t. gold heads `gh` (index 0 unused).
    fn cost(&self, m: usize, gh: &[u32]) -> u32 {
        let in_buf = |t: u32| t != NONE && t >= self.b && t <= self.n && t != 0;
        let s0 = self.s(0);
        match m {
            SHIFT => {
                let b = self.b;
                let mut c = 0;
                for (i, &d) in self.stack.iter().enumerate() {
                    if d != 0 && gh[d as usize] == b {
                        c += 1;
                    }
                    if i + 1 < self.stack.len() && gh[b as usize] == d {
                        c += 1;
                    }
                }
                c
            }
            LEFT => {
                let s1 = self.s(1);
                let h = gh[s0 as usize];
                let mut c = u32::from(h == s1 || (in_buf(h) && h != self.b));
                for d in self.b..=self.n {
                    if gh[d as usize] == s0 {
                        c += 1;
                    }
                }
                c
            }
            _ => {
                let h = gh[s0 as usize];
                let mut c = u32::from(in_buf(h));
                for d in self.b..=self.n {
                    if gh[d as usize] == s0 {
                        c += 1;
                    }
                }
                c
            }
        }
    }
}

fn dist_bucket(d: u32) -> u64 {
    match d {
        0..=4 => u64::from(d),
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// Zhang & Nivre (2011)-style features without labels.
fn features(st: &State, x: &Input, out: &mut Vec<u32>) {
    out.clear();
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = if st.buffer_empty() { NONE } else { st.b };
    let b1 = if st.b < st.n { st.b + 1 } else { NONE };
    let b2 = if st.b + 1 < st.n { st.b + 2 } else { NONE };
    let kid = |v: &Vec<u32>, t: u32| if t == NONE { NONE } else { v[t as usize] };
    let s0l = kid(&st.l1, s0);
    let s0r = kid(&st.r1, s0);
    let s0l2 = kid(&st.l2, s0);
    let s0r2 = kid(&st.r2, s0);
    let b0l = kid(&st.l1, b0);
    let b0l2 = kid(&st.l2, b0);
    let s1r = kid(&st.r1, s1);
    let s1l = kid(&st.l1, s1);
    let (s0w, s0p) = (x.w(s0), x.p(s0));
    let (s1w, s1p) = (x.w(s1), x.p(s1));
    let (b0w, b0p) = (x.w(b0), x.p(b0));
    let (b1w, b1p) = (x.w(b1), x.p(b1));
    let (b2w, b2p) = (x.w(b2), x.p(b2));
    let s2p = x.p(s2);
    let dist = if s0 != NONE && b0 != NONE {
        dist_bucket(b0 - s0)
    } else {
        9
    };
    let val = |v: &Vec<u8>, t: u32| {
        if t == NONE {
            99
        } else {
            u64::from(v[t as usize])
        }
    };
    let (s0vl, s0vr, b0vl) = (val(&st.nl, s0), val(&st.nr, s0), val(&st.nl, b0));
    let s0wp = f2(900, s0w, s0p);
    let b0wp = f2(901, b0w, b0p);
    let s1wp = f2(902, s1w, s1p);
    let feats = [
        // unigrams
        f1(1, s0w),
        f1(2, s0p),
        f1(3, s0wp),
        f1(4, b0w),
        f1(5, b0p),
        f1(6, b0wp),
        f1(7, b1w),
        f1(8, b1p),
        f2(9, b1w, b1p),
        f1(10, b2w),
        f1(11, b2p),
        f1(12, s1w),
        f1(13, s1p),
        f1(14, s1wp),
        f1(15, s2p),
        // pairs
        f2(20, s0wp, b0wp),
        f2(21, s0wp, b0w),
        f2(22, s0w, b0wp),
        f2(23, s0wp, b0p),
        f2(24, s0p, b0wp),
        f2(25, s0w, b0w),
        f2(26, s0p, b0p),
        f2(27, b0p, b1p),
        f2(28, s1wp, s0wp),
        f2(29, s1p, s0p),
        f2(30, s1w, s0w),
        f2(31, s1p, s0wp),
        f2(32, s1wp, s0p),
        f2(33, s1p, b0p),
        // triples
        f3(40, b0p, b1p, b2p),
        f3(41, s0p, b0p, b1p),
        f3(42, s1p, s0p, b0p),
        f3(43, s0p, x.p(s0l), b0p),
        f3(44, s0p, x.p(s0r), b0p),
        f3(45, s0p, b0p, x.p(b0l)),
        f3(46, s0p, x.p(s0l), x.p(s0l2)),
        f3(47, s0p, x.p(s0r), x.p(s0r2)),
        f3(48, b0p, x.p(b0l), x.p(b0l2)),
        f3(49, s1p, s0p, x.p(s1r)),
        f3(50, s1p, s0p, x.p(s1l)),
        f3(51, s2p, s1p, s0p),
        f3(52, s0w, b0p, b1p),
        f3(53, s0p, b0w, b1p),
        // distance
        f2(60, s0w, dist),
        f2(61, s0p, dist),
        f2(62, b0w, dist),
        f2(63, b0p, dist),
        f3(64, s0w, b0w, dist),
        f3(65, s0p, b0p, dist),
        // valency
        f2(70, s0w, s0vr),
        f2(71, s0p, s0vr),
        f2(72, s0w, s0vl),
        f2(73, s0p, s0vl),
        f2(74, b0w, b0vl),
        f2(75, b0p, b0vl),
        // children
        f1(80, x.w(s0l)),
        f1(81, x.p(s0l)),
        f1(82, x.w(s0r)),
        f1(83, x.p(s0r)),
        f1(84, x.w(b0l)),
        f1(85, x.p(b0l)),
        f1(86, x.p(s0l2)),
        f1(87, x.p(s0r2)),
        f1(88, x.p(b0l2)),
        f1(89, x.w(s1r)),
        f2(90, x.suf(s0), b0p),
        f2(91, s0p, x.suf(b0)),
        f1(92, st.stack.len().min(4) as u64),
        f3(93, s0p, b0p, x.seps_between(s0, b0)),
        f3(94, s1p, s0p, x.seps_between(s1, s0)),
        f3(
            95,
            s1p,
            s0p,
            if s1 != NONE && s0 != NONE {
                dist_bucket(s0 - s1)
            } else {
                9
            },
        ),
        f2(96, f2(0, s0w, x.seps_between(s0, b0)), b0w),
        f3(97, x.p(s0l), x.w(s0l), s0p),
        f3(98, x.p(b0l), x.w(b0l), b0p),
        f2(120, x.u(s0), x.u(b0)),
        f3(121, x.u(s0), x.u(b0), x.u(b1)),
        f3(122, x.u(s1), x.u(s0), x.u(b0)),
        f2(123, s0w, x.u(b0)),
        f2(124, x.u(s0), b0w),
        f3(125, x.u(s0), x.u(b0), dist),
        f3(126, x.u(s0), x.u(s0l), x.u(s0r)),
        f3(127, x.u(b0), x.u(b0l), x.u(s0)),
    ];
    out.extend(feats.iter().map(|&h| key(h)));
}

impl Input {
    /// Separating punctuation strictly between tokens `a < b` (0, 1, 2 = more).
    #[inline]
    fn seps_between(&self, a: u32, b: u32) -> u64 {
        if a == NONE || b == NONE || b <= a + 1 {
            return 0;
        }
        let c = self.punct[b as usize - 1] - self.punct[a as usize];
        u64::from(c.min(2))
    }
    #[inline]
    fn suf(&self, t: u32) -> u64 {
        if t == NONE {
            1
        } else {
            self.suf[t as usize]
        }
    }
}

/// Features for labelling the arc `h → d` (1-based tokens, h may be 0).
fn label_features(
    x: &Input,
    heads: &[u32],
    kids: &Kids,
    labels: &[u16],
    d: u32,
    prev_sib: u64,
    out: &mut Vec<u32>,
) {
    out.clear();
    let h = heads[d as usize];
    let dir = u64::from(h < d);
    let n = x.w.len() as u32 - 1;
    let (dw, dp, hw, hp) = (x.w(d), x.p(d), x.w(h), x.p(h));
    let hl = if h == 0 {
        7777
    } else {
        u64::from(labels[h as usize])
    };
    let g = if h == 0 { NONE } else { heads[h as usize] };
    let dist = dist_bucket(d.abs_diff(h));
    let dl = kids.l1[d as usize];
    let dr = kids.r1[d as usize];
    let hm1 = if h > 1 { h - 1 } else { NONE };
    let dm1 = if d > 1 { d - 1 } else { NONE };
    let dp1 = if d < n { d + 1 } else { NONE };
    let ns = kids.next_sib[d as usize];
    let ps = kids.prev_sib[d as usize];
    let feats = [
        f1(1, dw),
        f1(2, dp),
        f2(3, hp, dir),
        f2(4, hw, dir),
        f3(5, dp, hp, dir),
        f3(6, dw, hp, dir),
        f3(7, dp, hw, dir),
        f3(8, dw, hw, dir),
        f3(9, dp, hp, dist * 2 + dir),
        f3(10, dp, x.p(dl), x.p(dr)),
        f2(11, dp, x.w(dl)),
        f2(12, dp, x.w(dr)),
        f3(13, hl, dp, dir),
        f3(14, prev_sib, dp, dir),
        f3(15, prev_sib, hp, dp),
        f2(16, x.suf(d), hp),
        f3(17, x.p(dm1), dp, x.p(dp1)),
        f3(18, x.p(g), hp, dp),
        f3(19, hp, dp, x.w(hm1)),
        f3(20, hl, hp, dp),
        f2(21, dw, dir),
        f3(22, dp, x.w(dl), hp),
        f2(23, u64::from(kids.n[d as usize].min(5)), dp),
        f3(24, hp, x.w(kids.l1[h as usize]), dp),
        f3(25, x.w(ns), dp, hp),
        f3(26, x.p(ns), dp, hp),
        f3(27, x.w(ps), dp, hp),
        f3(28, dw, hp, x.p(ns)),
        f3(29, dw, dp, hw),
        f3(30, x.seps_between(d.min(h), d.max(h)), dp, hp),
    ];
    out.extend(feats.iter().map(|&h| key(h)));
}

/// Children summary of a finished tree (index 0 = root).
struct Kids {
    l1: Vec<u32>,
    r1: Vec<u32>,
    n: Vec<u8>,
    order: Vec<u32>,
    /// Nearest sibling (same head) to the right / left, or NONE.
    next_sib: Vec<u32>,
    prev_sib: Vec<u32>,
}

impl Kids {
    /// `heads[d]` for d in 1..=n (heads[0] ignored). `order` is breadth-first from the root,
    /// children left to right, so a head's label is known before its dependents'.
    fn new(heads: &[u32]) -> Kids {
        let m = heads.len();
        let mut l1 = vec![NONE; m];
        let mut r1 = vec![NONE; m];
        let mut n = vec![0u8; m];
        // Children as linked lists in left-to-right order (no per-node allocation).
        let mut first = vec![NONE; m];
        let mut next_sib = vec![NONE; m];
        let mut prev_sib = vec![NONE; m];
        for d in (1..m).rev() {
            let h = heads[d] as usize;
            next_sib[d] = first[h];
            if first[h] != NONE {
                prev_sib[first[h] as usize] = d as u32;
            }
            first[h] = d as u32;
            n[h] = n[h].saturating_add(1);
        }
        for (d, &h) in heads.iter().enumerate().skip(1) {
            let h = h as usize;
            let d = d as u32;
            if d < h as u32 {
                if l1[h] == NONE {
                    l1[h] = d;
                }
            } else {
                r1[h] = d;
            }
        }
        let mut order = Vec::with_capacity(m);
        let mut head = 0;
        let mut c = first[0];
        while c != NONE {
            order.push(c);
            c = next_sib[c as usize];
        }
        while head < order.len() {
            let mut c = first[order[head] as usize];
            while c != NONE {
                order.push(c);
                c = next_sib[c as usize];
            }
            head += 1;
        }
        Kids {
            l1,
            r1,
            n,
            order,
            next_sib,
            prev_sib,
        }
    }
}

/// The trained parser: move model and label model.
#[derive(Clone, Debug)]
pub(crate) struct Parser {
    pub labels: Vec<String>,
    moves: Weights,
    labeller: Weights,
}

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    feats: Vec<u32>,
    scores: Vec<f32>,
}

impl Parser {
    /// Unlabelled parse: heads for tokens 1..=n (index 0 unused, 0 = root).
    pub(crate) fn parse(&self, x: &Input, sc: &mut Scratch) -> Vec<u32> {
        let n = x.w.len() - 1;
        let mut st = State::new(n);
        sc.scores.resize(NMOVES, 0.0);
        while !st.terminal() {
            // A forced move (only SHIFT from the bare root, only RIGHT once the
            // buffer is empty) needs no scoring: same result, fewer lookups.
            let mut only = usize::MAX;
            let mut nlegal = 0;
            for m in 0..NMOVES {
                if st.legal(m) {
                    only = m;
                    nlegal += 1;
                }
            }
            if nlegal == 1 {
                st.apply(only);
                continue;
            }
            features(&st, x, &mut sc.feats);
            self.moves.score(&sc.feats, &mut sc.scores);
            let mut best = usize::MAX;
            for m in 0..NMOVES {
                if st.legal(m) && (best == usize::MAX || sc.scores[m] > sc.scores[best]) {
                    best = m;
                }
            }
            st.apply(best);
        }
        st.heads[0] = 0;
        st.heads
    }

    /// Labels for tokens 1..=n (index 0 unused): "root" for the root word.
    pub(crate) fn label(&self, x: &Input, heads: &[u32], sc: &mut Scratch) -> Vec<u16> {
        let kids = Kids::new(heads);
        let mut labels = vec![u16::MAX; heads.len()];
        let mut last_child = vec![u64::MAX; heads.len()];
        let root = self.root_label();
        sc.scores.resize(self.labeller.nclass, 0.0);
        for &d in &kids.order {
            let h = heads[d as usize] as usize;
            let l = if h == 0 {
                root
            } else {
                let ps = last_child[h];
                label_features(x, heads, &kids, &labels, d, ps, &mut sc.feats);
                self.labeller.score(&sc.feats, &mut sc.scores);
                if let Some(r) = root {
                    sc.scores[r as usize] = f32::NEG_INFINITY;
                }
                Some(argmax(&sc.scores) as u16)
            };
            let l = l.unwrap_or(0);
            labels[d as usize] = l;
            last_child[h] = u64::from(l);
        }
        labels
    }

    fn root_label(&self) -> Option<u16> {
        self.labels
            .iter()
            .position(|l| l == "root")
            .map(|i| i as u16)
    }

    /// Drops weights below `th` (smaller, faster model).
    pub(crate) fn prune(&mut self, th: f32) {
        self.moves = self.moves.pruned(th);
        self.labeller = self.labeller.pruned(th);
    }

    /// Sizes of the weight tables, for reports.
    pub(crate) fn stats(&self) -> String {
        let (r, e) = self.moves.stats();
        let (r2, e2) = self.labeller.stats();
        format!("parser {r} rows, {e} weights; labeller {r2} rows, {e2} weights")
    }

    /// Writes the label set (the weights go in their own sections).
    pub(crate) fn write_meta(&self, w: &mut Writer) {
        w.u64(self.labels.len() as u64);
        for l in &self.labels {
            w.str(l);
        }
    }

    /// The move and label weights.
    pub(crate) fn weights(&self) -> (&Weights, &Weights) {
        (&self.moves, &self.labeller)
    }

    /// Reads what [`Parser::write_meta`] wrote.
    pub(crate) fn read_meta(r: &mut Reader) -> Result<Vec<String>, SyntaxError> {
        let n = r.u64()? as usize;
        if n == 0 || n > 4096 {
            return Err(r.bad("implausible label count"));
        }
        (0..n).map(|_| r.str()).collect()
    }

    /// Assembles a parser read from separate sections, checking they fit together.
    pub(crate) fn from_parts(
        labels: Vec<String>,
        moves: Weights,
        labeller: Weights,
    ) -> Result<Parser, SyntaxError> {
        if moves.nclass != NMOVES || labeller.nclass != labels.len() {
            return Err(SyntaxError::Model(
                "parser weights do not match the label set".into(),
            ));
        }
        Ok(Parser {
            labels,
            moves,
            labeller,
        })
    }
}

/// One training sentence for the parser.
pub(crate) struct ParseExample {
    pub input: Input,
    /// Gold heads, index 0 unused.
    pub heads: Vec<u32>,
    /// Gold label ids, index 0 unused.
    pub labels: Vec<u16>,
}

/// True when no two gold arcs cross (and the root arc crosses nothing).
pub(crate) fn projective(heads: &[u32]) -> bool {
    let arcs: Vec<(u32, u32)> = (1..heads.len() as u32)
        .map(|d| {
            let h = heads[d as usize];
            (h.min(d), h.max(d))
        })
        .collect();
    for &(a, b) in &arcs {
        for &(c, d) in &arcs {
            if a < c && c < b && b < d {
                return false;
            }
        }
    }
    true
}

/// Trains `ensemble` parsers on different shuffles and sums their weights.
pub(crate) fn train(
    data: &[ParseExample],
    labels: Vec<String>,
    iters: usize,
    ensemble: usize,
    rng: &mut crate::rng::Rng,
    prune: f32,
    log: &mut dyn FnMut(&str),
) -> Parser {
    let mut moves = Vec::new();
    let mut labellers = Vec::new();
    for e in 0..ensemble.max(1) {
        log(&format!("parser model {}/{}", e + 1, ensemble.max(1)));
        let p = train_one(data, labels.clone(), iters, rng, prune, log);
        moves.push(p.moves);
        labellers.push(p.labeller);
    }
    Parser {
        labels,
        moves: Weights::sum(&moves),
        labeller: Weights::sum(&labellers),
    }
}

/// Trains the move model (dynamic oracle with exploration) and the labeller.
fn train_one(
    data: &[ParseExample],
    labels: Vec<String>,
    iters: usize,
    rng: &mut crate::rng::Rng,
    prune: f32,
    log: &mut dyn FnMut(&str),
) -> Parser {
    let mut moves = Trainer::new(NMOVES);
    let mut lab = Trainer::new(labels.len());
    let root = labels.iter().position(|l| l == "root").map(|i| i as u16);
    let mut order: Vec<usize> = (0..data.len())
        .filter(|&i| projective(&data[i].heads))
        .collect();
    log(&format!(
        "parser: {} of {} sentences projective",
        order.len(),
        data.len()
    ));
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; NMOVES];
    let mut lscores = vec![0.0f32; labels.len()];
    for it in 0..iters {
        rng.shuffle(&mut order);
        let (mut correct, mut total, mut lc, mut lt) = (0usize, 0usize, 0usize, 0usize);
        for &si in &order {
            let ex = &data[si];
            let n = ex.heads.len() - 1;
            let mut st = State::new(n);
            while !st.terminal() {
                features(&st, &ex.input, &mut feats);
                moves.score(&feats, &mut scores);
                let mut costs = [u32::MAX; NMOVES];
                let mut guess = usize::MAX;
                let mut best = usize::MAX;
                for m in 0..NMOVES {
                    if !st.legal(m) {
                        continue;
                    }
                    costs[m] = st.cost(m, &ex.heads);
                    if guess == usize::MAX || scores[m] > scores[guess] {
                        guess = m;
                    }
                }
                let minc = *costs.iter().min().expect("some legal move");
                for m in 0..NMOVES {
                    if costs[m] == minc && (best == usize::MAX || scores[m] > scores[best]) {
                        best = m;
                    }
                }
                if costs[guess] > minc {
                    moves.update(&feats, best, guess);
                }
                moves.tick();
                // Explore: after the first pass follow the model's own mistakes 90% of the time.
                let next = if costs[guess] == minc || (it > 0 && rng.next_f64() < 0.9) {
                    guess
                } else {
                    best
                };
                st.apply(next);
            }
            for d in 1..=n {
                correct += usize::from(st.heads[d] == ex.heads[d]);
            }
            total += n;
            // Labeller: learn on gold trees, top-down, with its own earlier
            // predictions as context labels (as at run time).
            let kids = Kids::new(&ex.heads);
            let mut last_child = vec![u64::MAX; ex.heads.len()];
            let mut pred = vec![u16::MAX; ex.heads.len()];
            for &d in &kids.order {
                let h = ex.heads[d as usize] as usize;
                let gold = ex.labels[d as usize];
                let g = if h != 0 {
                    label_features(
                        &ex.input,
                        &ex.heads,
                        &kids,
                        &pred,
                        d,
                        last_child[h],
                        &mut feats,
                    );
                    lab.score(&feats, &mut lscores);
                    if let Some(r) = root {
                        lscores[r as usize] = f32::NEG_INFINITY;
                    }
                    let g = argmax(&lscores);
                    lab.update(&feats, gold as usize, g);
                    lab.tick();
                    lc += usize::from(g == gold as usize);
                    lt += 1;
                    g as u16
                } else {
                    gold
                };
                pred[d as usize] = g;
                last_child[h] = u64::from(g);
            }
        }
        log(&format!(
            "parser iter {}: train UAS {:.2}%, label acc {:.2}%",
            it + 1,
            100.0 * correct as f64 / total.max(1) as f64,
            100.0 * lc as f64 / lt.max(1) as f64
        ));
    }
    Parser {
        labels,
        moves: moves.averaged(prune),
        labeller: lab.averaged(prune),
    }
}
