//! The CAMEO event ontology: names, Goldstein scores, QuadClass and the PLOVER crosswalk.
//!
//! Compiled in from `data/ontology/` (GDELT's lookup files and the PLOVER project's
//! CAMEO→PLOVER table), so the binary needs no files at run time.

use std::collections::HashMap;
use std::sync::OnceLock;

const EVENTCODES: &str = include_str!("../../../data/ontology/CAMEO.eventcodes.txt");
const GOLDSTEIN: &str = include_str!("../../../data/ontology/CAMEO.goldsteinscale.txt");
const PLOVER: &str = include_str!("../../../data/ontology/CAMEO2PLOVER-2021.txt");

/// PLOVER type, mode and context for a CAMEO code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PloverEntry {
    /// Event type (CONSULT).
    pub kind: String,
    /// Mode (visit), possibly empty.
    pub mode: String,
    /// Context (diplomatic), possibly empty.
    pub context: String,
}

/// The CAMEO ontology.
#[derive(Debug, Default)]
pub struct Ontology {
    names: HashMap<String, String>,
    goldstein: HashMap<String, f32>,
    plover: HashMap<String, PloverEntry>,
}

impl Ontology {
    /// The ontology compiled into herald.
    pub fn builtin() -> &'static Ontology {
        static O: OnceLock<Ontology> = OnceLock::new();
        O.get_or_init(|| Ontology::parse(EVENTCODES, GOLDSTEIN, PLOVER))
    }

    /// Parse the three lookup files.
    pub fn parse(eventcodes: &str, goldstein: &str, plover: &str) -> Ontology {
        let mut o = Ontology::default();
        for line in eventcodes.lines().skip(1) {
            if let Some((code, name)) = line.split_once('\t') {
                o.names
                    .insert(code.trim().to_string(), name.trim().to_string());
            }
        }
        for line in goldstein.lines().skip(1) {
            if let Some((code, score)) = line.split_once('\t') {
                if let Ok(v) = score.trim().parse() {
                    o.goldstein.insert(code.trim().to_string(), v);
                }
            }
        }
        for line in plover.lines() {
            let line = line.split('#').next().unwrap_or("");
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let mut f = rest.split(',').map(str::trim);
            let kind = f.next().unwrap_or("").to_string();
            if kind.is_empty() {
                continue;
            }
            o.plover.insert(
                code.to_string(),
                PloverEntry {
                    kind,
                    mode: f.next().unwrap_or("").to_string(),
                    context: f.next().unwrap_or("").to_string(),
                },
            );
        }
        o
    }

    /// Number of event codes known (two-, three- and four-digit).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// True for a known CAMEO code.
    pub fn is_code(&self, code: &str) -> bool {
        self.names.contains_key(code)
    }

    /// Walk from a code to its parents (0412 → 041 → 04) and take the first hit.
    fn lookup<'a, T>(&'a self, map: &'a HashMap<String, T>, code: &str) -> Option<&'a T> {
        let mut c = code;
        loop {
            if let Some(v) = map.get(c) {
                return Some(v);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    /// The name of a code ("Make a visit"), or of its nearest parent.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.lookup(&self.names, code).map(String::as_str)
    }

    /// Goldstein score of a code, or of its nearest parent.
    pub fn goldstein(&self, code: &str) -> Option<f32> {
        self.lookup(&self.goldstein, code).copied()
    }

    /// PLOVER type/mode/context, or of the nearest parent code.
    pub fn plover(&self, code: &str) -> Option<&PloverEntry> {
        self.lookup(&self.plover, code)
    }

    /// The root (first two digits) of a code.
    pub fn root(code: &str) -> &str {
        code.get(..2).unwrap_or(code)
    }

    /// GDELT's QuadClass: roots 01–05 verbal cooperation (1), 06–08 material cooperation (2),
    /// 09–13 verbal conflict (3), 14–20 material conflict (4). `None` for non-CAMEO codes.
    pub fn quad_class(code: &str) -> Option<u8> {
        let root: u8 = code.get(..2)?.parse().ok()?;
        Some(match root {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            14..=20 => 4,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_ontology() {
        let o = Ontology::builtin();
        assert!(o.len() > 300, "{}", o.len());
        assert_eq!(o.name("042"), Some("Make a visit"));
        assert_eq!(o.goldstein("042"), Some(1.9));
        assert_eq!(o.goldstein("190"), Some(-10.0));
        let p = o.plover("042").unwrap();
        assert_eq!((p.kind.as_str(), p.mode.as_str()), ("CONSULT", "visit"));
        assert_eq!(o.plover("192").unwrap().kind, "COERCE");
        assert_eq!(o.plover("193").unwrap().kind, "ASSAULT");
        assert_eq!(Ontology::quad_class("042"), Some(1));
        assert_eq!(Ontology::quad_class("061"), Some(2));
        assert_eq!(Ontology::quad_class("112"), Some(3));
        assert_eq!(Ontology::quad_class("190"), Some(4));
        assert_eq!(Ontology::quad_class("345"), None);
        assert_eq!(Ontology::root("0412"), "04");
    }
}
