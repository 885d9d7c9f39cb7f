//! One Aho-Corasick automaton over every actor and agent name.
//!
//! Names and sentences are both turned into strings of normalised tokens separated by
//! single spaces (` CHINESE PRESIDENT XI JINPING `), so a match always starts on a token
//! boundary; exact names also end on one, stems may end inside a token.

use crate::dict::{Dictionaries, Phrase};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// What a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Index into [`Dictionaries::actors`].
    Actor(usize),
    /// Index into [`Dictionaries::agents`].
    Agent(usize),
}

/// A name found in a token sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// First token (index into the slice given to [`Matcher::find`]).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Every entry with this name (later dictionaries last).
    pub targets: Vec<Target>,
    /// True when the name matched as a stem.
    pub stem: bool,
}

/// The compiled matcher.
pub struct Matcher {
    automaton: AhoCorasick,
    /// Per pattern: targets and whether it is a stem.
    entries: Vec<(Vec<Target>, bool)>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Matcher({} names)", self.entries.len())
    }
}

fn key(p: &Phrase) -> String {
    let mut s = String::with_capacity(p.words.iter().map(|w| w.len() + 1).sum::<usize>() + 2);
    s.push(' ');
    s.push_str(&p.words.join(" "));
    if !p.stem {
        s.push(' ');
    }
    s
}

impl Matcher {
    /// Compile every actor and agent name of `d`.
    pub fn build(d: &Dictionaries) -> Matcher {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<(Vec<Target>, bool)> = Vec::new();
        let mut add = |p: &Phrase, t: Target| {
            let k = key(p);
            let i = *index.entry(k.clone()).or_insert_with(|| {
                patterns.push(k);
                entries.push((Vec::new(), p.stem));
                entries.len() - 1
            });
            if !entries[i].0.contains(&t) {
                entries[i].0.push(t);
            }
        };
        for (i, a) in d.actors.iter().enumerate() {
            for p in &a.phrases {
                add(p, Target::Actor(i));
            }
        }
        for (i, a) in d.agents.iter().enumerate() {
            for p in &a.phrases {
                add(p, Target::Agent(i));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("dictionary automaton fits in memory");
        Matcher { automaton, entries }
    }

    /// Number of distinct names compiled.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no names are compiled.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every name occurring in `norms` (normalised tokens), overlapping matches included.
    pub fn find<S: AsRef<str>>(&self, norms: &[S]) -> Vec<NameMatch> {
        let mut hay =
            String::with_capacity(norms.iter().map(|n| n.as_ref().len() + 1).sum::<usize>() + 1);
        // starts[i] = byte offset in `hay` of the space before token i.
        let mut starts = Vec::with_capacity(norms.len() + 1);
        for n in norms {
            starts.push(hay.len());
            hay.push(' ');
            hay.push_str(n.as_ref());
        }
        starts.push(hay.len());
        hay.push(' ');
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(&hay) {
            let (targets, stem) = &self.entries[m.pattern().as_usize()];
            let Ok(start) = starts.binary_search(&m.start()) else {
                continue;
            };
            // The token holding the last matched byte (exact names end on the space after it).
            let last_byte = if *stem { m.end() - 1 } else { m.end() - 2 };
            let end = starts.partition_point(|&s| s <= last_byte);
            if end <= start {
                continue;
            }
            out.push(NameMatch {
                start,
                end,
                targets: targets.clone(),
                stem: *stem,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::petrarch::{read_actors, read_agents};

    #[test]
    fn finds_names_on_token_boundaries() {
        let mut d = Dictionaries::default();
        read_actors(
            "a",
            "CHINA_ [CHN]\n+CHINESE_\nXI_JINPING_ [CHNGOV]\nAUSTRALIA [AUS]\nIRAN_ [IRN]\n",
            &mut d,
        );
        read_agents("g", "PRESIDENT [~GOV]\n", &mut d);
        let m = Matcher::build(&d);
        let toks = [
            "CHINESE",
            "PRESIDENT",
            "XI",
            "JINPING",
            "MET",
            "AUSTRALIAN",
            "IRANIAN",
            "LEADERS",
        ];
        let found = m.find(&toks);
        let spans: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
        assert_eq!(spans, [(0, 1), (1, 2), (2, 4), (5, 6)]);
        assert_eq!(found[3].targets, [Target::Actor(2)]);
        assert!(found[3].stem);
    }
}
