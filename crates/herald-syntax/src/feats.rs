//! Word normalisation and feature hashing shared by the tagger, lemmatizer and parser.

use std::borrow::Cow;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Combines a running feature hash with one more value (FxHash step).
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Hash of a feature template id and up to three values.
#[inline]
pub(crate) fn f1(t: u64, a: u64) -> u64 {
    mix(mix(t.wrapping_mul(0x9e37_79b9_7f4a_7c15), a), 1)
}
#[inline]
pub(crate) fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(t.wrapping_mul(0x9e37_79b9_7f4a_7c15), a), b), 2)
}
#[inline]
pub(crate) fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(
        mix(mix(mix(t.wrapping_mul(0x9e37_79b9_7f4a_7c15), a), b), c),
        3,
    )
}

/// FNV-1a over bytes: stable across platforms and versions (the model stores hashes).
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Maps curly quotes, apostrophes, dashes and ellipses to the ASCII forms the
/// treebank mostly uses, so news text and treebank text share features.
pub fn normalize(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => s.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
                s.push('"')
            }
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => s.push('-'),
            '\u{2014}' | '\u{2015}' => s.push_str("--"),
            '\u{2026}' => s.push_str("..."),
            '\u{00A0}' => s.push(' '),
            _ => s.push(c),
        }
    }
    Cow::Owned(s)
}

/// Per-word features computed once per sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lex {
    /// Normalised form, exact case.
    pub form: u64,
    /// Normalised form, lower case.
    pub lower: u64,
    /// Lower-case suffixes of length 1..=4 (shorter words repeat the whole word).
    pub suf: [u64; 4],
    /// Lower-case prefixes of length 1..=3.
    pub pre: [u64; 3],
    /// Word shape (Xxxx, dd, X.X.) with runs capped at two.
    pub shape: u64,
    /// Bit flags: 1 = capitalised, 2 = has digit, 4 = has hyphen, 8 = all caps.
    pub flags: u64,
}

impl Lex {
    pub(crate) fn new(word: &str) -> Lex {
        let norm = normalize(word);
        let lower = norm.to_lowercase();
        // Byte offsets of the last four / first three characters, without allocating.
        let mut suf = [0u64; 4];
        let mut ends = lower.char_indices().rev().map(|(i, _)| i);
        let mut last = 0;
        for s in suf.iter_mut() {
            last = ends.next().unwrap_or(last);
            *s = hash_str(&lower[last..]);
        }
        let mut pre = [0u64; 3];
        let mut starts = lower.char_indices().map(|(i, c)| i + c.len_utf8());
        let mut end = lower.len();
        for (k, p) in pre.iter_mut().enumerate() {
            end = starts
                .next()
                .unwrap_or(if k == 0 { lower.len() } else { end });
            *p = hash_str(&lower[..end]);
        }
        // Shape hashed on the fly: X for upper, x for lower, d for digits, runs capped at two.
        let mut shape = 0xcbf2_9ce4_8422_2325u64;
        let mut prev = '\0';
        let mut run = 0;
        let mut len = 0;
        let (mut upper, mut lowerc, mut digit, mut hyph) = (0, 0, false, false);
        for c in norm.chars() {
            let m = if c.is_uppercase() {
                upper += 1;
                'X'
            } else if c.is_lowercase() {
                lowerc += 1;
                'x'
            } else if c.is_ascii_digit() {
                digit = true;
                'd'
            } else {
                if c == '-' {
                    hyph = true;
                }
                c
            };
            if m == prev {
                run += 1;
            } else {
                run = 1;
                prev = m;
            }
            if run <= 2 && len < 12 {
                len += 1;
                shape ^= u64::from(u32::from(m));
                shape = shape.wrapping_mul(0x0100_0000_01b3);
            }
        }
        let first_upper = norm.chars().next().is_some_and(|c| c.is_uppercase());
        let flags = u64::from(first_upper)
            | (u64::from(digit) << 1)
            | (u64::from(hyph) << 2)
            | (u64::from(upper > 0 && lowerc == 0) << 3);
        Lex {
            form: hash_str(&norm),
            lower: hash_str(&lower),
            suf,
            pre,
            shape,
            flags,
        }
    }

    /// Placeholder for positions outside the sentence.
    pub(crate) fn boundary(tag: u64) -> Lex {
        Lex {
            form: tag,
            lower: tag,
            suf: [tag; 4],
            pre: [tag; 3],
            shape: tag,
            flags: 16,
        }
    }
}

/// Hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub(crate) struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// HashMap keyed by pre-hashed u64 values.
pub(crate) type HashMap64<V> =
    std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<PreHashed>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_typographic_punctuation() {
        assert_eq!(normalize("’s"), "'s");
        assert_eq!(normalize("“"), "\"");
        assert_eq!(normalize("—"), "--");
        assert_eq!(normalize("U.S."), "U.S.");
    }

    #[test]
    fn affixes_respect_character_boundaries() {
        let a = Lex::new("Zürich");
        assert_eq!(a.suf[3], hash_str("rich"));
        assert_eq!(a.pre[1], hash_str("zü"));
        let b = Lex::new("a");
        assert_eq!(b.suf, [hash_str("a"); 4]);
        assert_eq!(b.pre, [hash_str("a"); 3]);
        // Curly and straight forms share features.
        assert_eq!(Lex::new("’s").lower, Lex::new("'s").lower);
        assert_eq!(Lex::new("China").flags & 1, 1);
    }
}
