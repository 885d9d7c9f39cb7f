//! Lemmatizer: an exception table learned from treebank lemmas, then suffix
//! rewrite rules (also learned from the treebank) for words never seen.

use crate::feats::HashMap64;
use crate::io::{Reader, Writer};
use crate::SyntaxError;
use std::collections::HashMap;

const MAX_SUFFIX: usize = 6;

/// Suffix rewrite: strip `strip` chars, append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    strip: u8,
    add: String,
}

/// The trained lemmatizer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lemmatizer {
    /// (lower-case form, XPOS) → lemma.
    exceptions: HashMap<(String, String), String>,
    /// (XPOS, lower-case suffix) → best rule.
    rules: HashMap<(String, String), Rule>,
    /// Run-time indexes of the two tables by [`pair_key`] (no allocation per lookup).
    ex_index: HashMap64<String>,
    rule_index: HashMap64<Rule>,
}

/// Hash of a (string, string) pair.
fn pair_key(a: &str, b: &str) -> u64 {
    let mut h = crate::feats::hash_str(a);
    h = crate::feats::mix(h, 0xff);
    crate::feats::mix(h, crate::feats::hash_str(b))
}

impl Lemmatizer {
    fn indexed(
        exceptions: HashMap<(String, String), String>,
        rules: HashMap<(String, String), Rule>,
    ) -> Lemmatizer {
        let ex_index = exceptions
            .iter()
            .map(|((f, x), l)| (pair_key(f, x), l.clone()))
            .collect();
        let rule_index = rules
            .iter()
            .map(|((x, s), r)| (pair_key(x, s), r.clone()))
            .collect();
        Lemmatizer {
            exceptions,
            rules,
            ex_index,
            rule_index,
        }
    }
}

fn rule_for(lower: &str, lemma: &str) -> Option<Rule> {
    let f: Vec<char> = lower.chars().collect();
    let l: Vec<char> = lemma.to_lowercase().chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let strip = f.len() - common;
    if strip > 255 || (common == 0 && !f.is_empty()) {
        return None;
    }
    Some(Rule {
        strip: strip as u8,
        add: l[common..].iter().collect(),
    })
}

fn suffix(chars: &[char], k: usize) -> String {
    chars[chars.len() - k..].iter().collect()
}

impl Lemmatizer {
    /// Learns from (form, upos, xpos, lemma) quadruples.
    pub(crate) fn train<'a>(
        items: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>,
    ) -> Lemmatizer {
        let mut ex: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        let mut rc: HashMap<(String, String), HashMap<Rule, u32>> = HashMap::new();
        for (form, upos, xpos, lemma) in items {
            if lemma == "_" {
                continue;
            }
            let norm = crate::feats::normalize(form);
            let lower = norm.to_lowercase();
            *ex.entry((lower.clone(), xpos.to_string()))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            if upos == "PROPN" || upos == "PUNCT" || upos == "NUM" || upos == "SYM" || upos == "X" {
                continue;
            }
            if let Some(rule) = rule_for(&lower, lemma) {
                let chars: Vec<char> = lower.chars().collect();
                for k in 1..=MAX_SUFFIX.min(chars.len()) {
                    *rc.entry((xpos.to_string(), suffix(&chars, k)))
                        .or_default()
                        .entry(rule.clone())
                        .or_default() += 1;
                }
            }
        }
        let pick = |m: HashMap<String, u32>| {
            m.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|e| e.0)
                .expect("non-empty")
        };
        let exceptions = ex.into_iter().map(|(k, m)| (k, pick(m))).collect();
        let rules = rc
            .into_iter()
            .map(|(k, m)| {
                let r = m
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|e| e.0)
                    .expect("non-empty");
                (k, r)
            })
            .collect();
        Lemmatizer::indexed(exceptions, rules)
    }

    /// Lemma of `form` tagged `upos`/`xpos`.
    pub(crate) fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        let norm = crate::feats::normalize(form);
        let lower = norm.to_lowercase();
        if let Some(l) = self.ex_index.get(&pair_key(&lower, xpos)) {
            // The table keeps the treebank's casing for proper nouns seen lower-cased elsewhere.
            if upos == "PROPN" && l.to_lowercase() == lower {
                return norm.into_owned();
            }
            return l.clone();
        }
        if upos == "PROPN" || upos == "NUM" || upos == "SYM" || upos == "X" || upos == "PUNCT" {
            return norm.into_owned();
        }
        // Byte offsets where the last 1..=MAX_SUFFIX characters start, longest first.
        let starts: Vec<usize> = lower
            .char_indices()
            .rev()
            .take(MAX_SUFFIX)
            .map(|(i, _)| i)
            .collect();
        let nchars = lower.chars().count();
        for &st in starts.iter().rev() {
            if let Some(r) = self.rule_index.get(&pair_key(xpos, &lower[st..])) {
                let strip = r.strip as usize;
                if strip < nchars {
                    let cut = lower
                        .char_indices()
                        .nth(nchars - strip)
                        .map_or(lower.len(), |(i, _)| i);
                    let mut s = lower[..cut].to_string();
                    s.push_str(&r.add);
                    return s;
                }
            }
        }
        lower
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        let mut ex: Vec<_> = self.exceptions.iter().collect();
        ex.sort_unstable();
        w.u64(ex.len() as u64);
        for ((f, x), l) in ex {
            w.str(f);
            w.str(x);
            w.str(l);
        }
        let mut rs: Vec<_> = self.rules.iter().collect();
        rs.sort_unstable();
        w.u64(rs.len() as u64);
        for ((x, s), r) in rs {
            w.str(x);
            w.str(s);
            w.varint(u64::from(r.strip));
            w.str(&r.add);
        }
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Lemmatizer, SyntaxError> {
        let n = r.u64()? as usize;
        let mut exceptions = HashMap::with_capacity(n.min(1 << 22));
        for _ in 0..n {
            let f = r.str()?;
            let x = r.str()?;
            let l = r.str()?;
            exceptions.insert((f, x), l);
        }
        let n = r.u64()? as usize;
        let mut rules = HashMap::with_capacity(n.min(1 << 22));
        for _ in 0..n {
            let x = r.str()?;
            let s = r.str()?;
            let strip = r.varint()?;
            if strip > 255 {
                return Err(r.bad("lemma rule strip length out of range"));
            }
            let add = r.str()?;
            rules.insert(
                (x, s),
                Rule {
                    strip: strip as u8,
                    add,
                },
            );
        }
        Ok(Lemmatizer::indexed(exceptions, rules))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceptions_then_learned_suffix_rules() {
        let data = [
            ("went", "VERB", "VBD", "go"),
            ("walked", "VERB", "VBD", "walk"),
            ("talked", "VERB", "VBD", "talk"),
            ("cities", "NOUN", "NNS", "city"),
            ("parties", "NOUN", "NNS", "party"),
            ("Moscow", "PROPN", "NNP", "Moscow"),
        ];
        let l = Lemmatizer::train(data.iter().copied());
        assert_eq!(l.lemma("went", "VERB", "VBD"), "go");
        assert_eq!(l.lemma("Went", "VERB", "VBD"), "go");
        // Unseen words use the longest learned suffix rule for their tag.
        assert_eq!(l.lemma("jumped", "VERB", "VBD"), "jump");
        assert_eq!(l.lemma("armies", "NOUN", "NNS"), "army");
        // Proper nouns keep their case; unseen ones are returned as written.
        assert_eq!(l.lemma("Moscow", "PROPN", "NNP"), "Moscow");
        assert_eq!(l.lemma("Kyiv", "PROPN", "NNP"), "Kyiv");
        // Curly apostrophes are normalised before lookup.
        let l = Lemmatizer::train([("'s", "AUX", "VBZ", "be")].into_iter());
        assert_eq!(l.lemma("’s", "AUX", "VBZ"), "be");
    }
}
