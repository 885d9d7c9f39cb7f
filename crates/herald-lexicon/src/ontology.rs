//! The CAMEO event ontology: names, Goldstein scores, QuadClass and the PLOVER crosswalk.
//!
//! Compiled in from `data/ontology/` (GDELT's lookup files and the PLOVER project's
//! CAMEO→PLOVER table), so the binary needs no files at run time.

use std::collections::HashMap;
use std::sync::OnceLock;

const EVENTCODES: &str = include_str!("../../../data/ontology/CAMEO.eventcodes.txt");
const GOLDSTEIN: &str = include_str!("../../../data/ontology/CAMEO.goldsteinscale.txt");
const PLOVER: &str = include_str!("../../../data/ontology/CAMEO2PLOVER-2021.txt");
const PLOVER_HERALD: &str = include_str!("../../../data/ontology/plover-herald.txt");
const INTENT: &str = include_str!("../../../data/ontology/cameo-intent.txt");
const REFUSAL: &str = include_str!("../../../data/ontology/cameo-refusal.txt");
const PASSIVE_AGENTS: &str = include_str!("../../../data/ontology/passive-agents.txt");
const PLOVER_VERSIONS: &str = include_str!("../../../data/ontology/plover-versions.txt");

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
    versions: Vec<VersionRule>,
    intent: HashMap<String, String>,
    refusal: HashMap<String, String>,
    implied_agent: HashMap<String, String>,
    /// The distinct sectors of `implied_agent`, sorted (asked for once per sentence).
    implied_sectors: Vec<String>,
}

/// Read `code  other-code  # comment` rows into `map`.
fn read_code_table(table: &str, map: &mut HashMap<String, String>) {
    for line in table.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut f = line.split_whitespace();
        if let (Some(code), Some(other)) = (f.next(), f.next()) {
            map.insert(code.to_string(), other.to_string());
        }
    }
}

/// One row of `plover-versions.txt`: how a current PLOVER type was named in an earlier
/// version.
#[derive(Clone, Debug, PartialEq, Eq)]
struct VersionRule {
    version: String,
    kind: String,
    condition: Condition,
    earlier: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Condition {
    Always,
    Mode(String),
    Root(String),
    Code(String),
}

impl Ontology {
    /// The ontology compiled into herald.
    pub fn builtin() -> &'static Ontology {
        static O: OnceLock<Ontology> = OnceLock::new();
        O.get_or_init(|| {
            let mut o = Ontology::parse(EVENTCODES, GOLDSTEIN, PLOVER);
            o.add_plover(PLOVER_HERALD);
            o.add_versions(PLOVER_VERSIONS);
            o.add_intent(INTENT);
            o.add_refusal(REFUSAL);
            read_code_table(PASSIVE_AGENTS, &mut o.implied_agent);
            o.implied_sectors = o.implied_agent.values().cloned().collect();
            o.implied_sectors.sort_unstable();
            o.implied_sectors.dedup();
            o
        })
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
        o.add_plover(plover);
        o
    }

    /// Add or override crosswalk rows (`CODE: TYPE, mode, context  # name`).
    pub fn add_plover(&mut self, plover: &str) {
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
            self.plover.insert(
                code.to_string(),
                PloverEntry {
                    kind,
                    mode: f.next().unwrap_or("").to_string(),
                    context: f.next().unwrap_or("").to_string(),
                },
            );
        }
    }

    /// Add version-renaming rows (`version  type  condition  earlier-type`); malformed rows
    /// are ignored, as the table is compiled in and checked by the tests below.
    pub fn add_versions(&mut self, table: &str) {
        for line in table.lines() {
            let line = line.split('#').next().unwrap_or("");
            let f: Vec<&str> = line.split_whitespace().collect();
            let [version, kind, cond, earlier] = f[..] else {
                continue;
            };
            let condition = if let Some(m) = cond.strip_prefix("mode=") {
                Condition::Mode(m.to_string())
            } else if let Some(r) = cond.strip_prefix("root=") {
                Condition::Root(r.to_string())
            } else if let Some(c) = cond.strip_prefix("code=") {
                Condition::Code(c.to_string())
            } else {
                Condition::Always
            };
            self.versions.push(VersionRule {
                version: version.to_string(),
                kind: kind.to_string(),
                condition,
                earlier: earlier.to_string(),
            });
        }
    }

    /// Add rows of the intent table (`code  intent-code  # comment`).
    pub fn add_intent(&mut self, table: &str) {
        read_code_table(table, &mut self.intent);
    }

    /// Add rows of the refusal table (`code  refusal-code  # comment`).
    pub fn add_refusal(&mut self, table: &str) {
        read_code_table(table, &mut self.refusal);
    }

    /// The sector that does the act of the verb `lemma`, coded `code`, when a passive
    /// names no agent ("were arrested" → COP, "was convicted" → JUD), from
    /// `passive-agents.txt`: a row for the lemma, else one for the lemma with that code
    /// ("TAKE/173": "were taken into custody", not "were taken to hospital").
    pub fn implied_agent(&self, lemma: &str, code: &str) -> Option<&str> {
        self.implied_agent
            .get(lemma)
            .or_else(|| self.implied_agent.get(&format!("{lemma}/{code}")))
            .map(String::as_str)
    }

    /// Every sector `implied_agent` can give, each once, sorted.
    pub fn implied_sectors(&self) -> impl Iterator<Item = &str> {
        self.implied_sectors.iter().map(String::as_str)
    }

    /// The code for refusing the act `code` (0813 → 1241, 04 → 125), from
    /// `cameo-refusal.txt`; 120 (Reject) for acts the table does not list, `None` for
    /// codes that are already verbal conflict or worse (09 and above), which a refusal
    /// does not turn into a rejection.
    pub fn refusal_code(&self, code: &str) -> Option<&str> {
        let root: u8 = Ontology::root(code).parse().ok()?;
        if root >= 9 || root <= 2 {
            return None;
        }
        Some(
            self.lookup(&self.refusal, code)
                .map_or("120", String::as_str),
        )
    }

    /// The code for announcing the act `code` instead of doing it (071 → 0331, 190 →
    /// 1384), from `cameo-intent.txt`; `None` for codes that stay as they are (statements,
    /// appeals, demands, threats themselves).
    pub fn intent_code(&self, code: &str) -> Option<&str> {
        self.lookup(&self.intent, code).map(String::as_str)
    }

    /// A current PLOVER type (with its mode, for an event of CAMEO code `code`) as PLOVER
    /// `version` named it: REQUEST was DEMAND in 0.5b1. Versions the table does not know
    /// get the current name.
    pub fn plover_type_in(&self, kind: &str, mode: &str, code: &str, version: &str) -> String {
        let rule = self.versions.iter().find(|r| {
            version.starts_with(&r.version)
                && r.kind == kind
                && match &r.condition {
                    Condition::Always => true,
                    Condition::Mode(m) => mode == m,
                    Condition::Root(root) => Ontology::root(code) == root,
                    Condition::Code(c) => code == c,
                }
        });
        rule.map_or_else(|| kind.to_string(), |r| r.earlier.clone())
    }

    /// Number of event codes known (two-, three- and four-digit).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Every known code (two-, three- and four-digit), in no particular order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
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
        // herald's rows: appeals are requests.
        assert_eq!(o.plover("0233").unwrap().kind, "REQUEST");
        assert_eq!(o.plover("0233").unwrap().mode, "assist");
        // Earlier names.
        let earlier = |code: &str| {
            let p = o.plover(code).unwrap();
            o.plover_type_in(&p.kind, &p.mode, code, "0.5b1")
        };
        assert_eq!(earlier("1041"), "DEMAND");
        assert_eq!(
            o.plover_type_in("REQUEST", "change", "1041", "2021"),
            "REQUEST"
        );
        assert_eq!(earlier("091"), "INVESTIGATE");
        assert_eq!(earlier("112"), "DISAPPROVE");
        assert_eq!(earlier("193"), "FIGHT");
        assert_eq!(earlier("1823"), "ASSAULT");
        assert_eq!(earlier("042"), "CONSULT");
        assert_eq!(earlier("163"), "SANCTION");
        assert_eq!(o.plover("163").unwrap().kind, "COERCE");
        assert_eq!(earlier("1712"), "COERCE");
        assert_eq!(earlier("0813"), "CONCEDE");
        assert_eq!(o.plover("0813").unwrap().kind, "RETREAT");
        assert_eq!(earlier("0871"), "RETREAT");
        assert!(o.plover("010").is_none());
        // Announced acts.
        assert_eq!(o.intent_code("071"), Some("0331"));
        assert_eq!(o.intent_code("0874"), Some("0356"));
        assert_eq!(o.intent_code("193"), Some("1384"));
        assert_eq!(o.intent_code("0411"), Some("036"));
        assert_eq!(o.intent_code("112"), None);
        assert_eq!(o.intent_code("036"), None);
        // Refusals.
        assert_eq!(o.refusal_code("0813"), Some("1241"));
        assert_eq!(o.refusal_code("042"), Some("125"));
        assert_eq!(o.refusal_code("051"), Some("120"));
        assert_eq!(o.refusal_code("190"), None);
        assert_eq!(o.implied_agent("ARREST", "173"), Some("COP"));
        assert_eq!(o.implied_agent("CONVICT", "173"), Some("JUD"));
        assert_eq!(o.implied_agent("KILL", "190"), None);
        assert_eq!(o.implied_agent("TAKE", "173"), Some("COP"));
        assert_eq!(o.implied_agent("TAKE", "1711"), None);
        assert_eq!(Ontology::quad_class("042"), Some(1));
        assert_eq!(Ontology::quad_class("061"), Some(2));
        assert_eq!(Ontology::quad_class("112"), Some(3));
        assert_eq!(Ontology::quad_class("190"), Some(4));
        assert_eq!(Ontology::quad_class("345"), None);
        assert_eq!(Ontology::root("0412"), "04");
    }
}
