//! The dictionary data model shared by both file formats.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// Where an entry came from: file and 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// File name (without directories).
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: u32,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A malformed entry that was skipped, or a note about one that was repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where.
    pub origin: Origin,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// A name as a sequence of normalised words (upper case, straight quotes).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The words.
    pub words: Vec<String>,
    /// When true the last word is a stem: it matches any word that begins with it
    /// (PETRARCH's entries without a final underscore).
    pub stem: bool,
}

impl Phrase {
    /// Words joined by single spaces, with a trailing `*` for stems.
    pub fn display(&self) -> String {
        let mut s = self.words.join(" ");
        if self.stem {
            s.push('*');
        }
        s
    }

    /// Parse herald's form: words separated by spaces, optional trailing `*`.
    /// Words are tokenised like text so that "China's" and "U.S." match as they would in news.
    pub fn parse(name: &str) -> Option<Phrase> {
        let name = name.trim();
        let (body, stem) = match name.strip_suffix('*') {
            Some(b) => (b, true),
            None => (name, false),
        };
        let words: Vec<String> = herald_text::tokenize(body)
            .into_iter()
            .map(|t| t.norm)
            .collect();
        (!words.is_empty()).then_some(Phrase { words, stem })
    }
}

/// An actor code valid over a date range (inclusive); open ends are `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// CAMEO actor code.
    pub code: String,
    /// First day, if bounded.
    pub from: Option<NaiveDate>,
    /// Last day, if bounded.
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    /// True when the code has any date bound.
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// True when `date` falls in the range.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// What kind of thing an actor entry names; used for mention kinds and coreference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorClass {
    /// A country, its adjective or a place standing for it.
    Country,
    /// A named person.
    Person,
    /// An organisation (IGO, NGO, armed group, company).
    Organization,
}

/// One actor: names and dated codes.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorEntry {
    /// Display name (the first name of the entry).
    pub name: String,
    /// Every name that refers to it.
    pub phrases: Vec<Phrase>,
    /// Codes, dated or not.
    pub codes: Vec<DatedCode>,
    /// Country, person or organisation (guessed from the file and the codes).
    pub class: ActorClass,
    /// Where it was defined.
    pub origin: Origin,
}

impl ActorEntry {
    /// The code in force on `date`: a dated code covering it, else the undated fallback;
    /// with no date known, the role held today ([`ActorEntry::current`]), else the
    /// undated fallback, else the most recent dated code. When several dated codes cover the
    /// date (dictionaries often leave an old role open-ended or overlapping a new one), the
    /// role taken up last wins: it is the one the person held on that day.
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        if let Some(d) = date {
            let covering = self
                .codes
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_dated() && c.covers(d))
                // Latest start first; among equal starts, the first listed.
                .max_by_key(|(i, c)| (c.from, std::cmp::Reverse(*i)));
            if let Some((_, c)) = covering {
                return Some(&c.code);
            }
            if let Some(c) = self.codes.iter().find(|c| !c.is_dated()) {
                return Some(&c.code);
            }
            // Only dated codes and none covers the date: the entry does not apply.
            return None;
        }
        // No publication date: the role the entry holds now, the dated code with no end
        // (Putin: RUSGOV since 2012), rather than an undated fallback such as "elite";
        // else the undated code; else the latest role.
        self.current()
            .or_else(|| self.codes.iter().find(|c| !c.is_dated()))
            .or_else(|| self.codes.iter().max_by_key(|c| c.from))
            .map(|c| c.code.as_str())
    }

    /// The open-ended dated code that started last: the role held today, if any.
    pub fn current(&self) -> Option<&DatedCode> {
        self.codes
            .iter()
            .filter(|c| c.from.is_some() && c.to.is_none())
            .max_by_key(|c| c.from)
    }
}

/// Where an agent's code goes relative to the actor it qualifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `[~GOV]`: after the country code (RUS + GOV → RUSGOV).
    Suffix,
    /// `[GOV~]`: before it.
    Prefix,
}

/// A sector word: police → COP, foreign minister → GOV.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentEntry {
    /// Display name.
    pub name: String,
    /// Every form (plurals included).
    pub phrases: Vec<Phrase>,
    /// The agent code (GOV, COP, REB…).
    pub code: String,
    /// Suffix or prefix.
    pub placement: AgentPlacement,
    /// Where it was defined.
    pub origin: Origin,
}

/// An event code pair from a verb dictionary: `[042:043]`, `[190]`, `[:110]`, `[---]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodePair {
    /// Code of the event from source to target; `None` for `---` or an empty side.
    pub primary: Option<String>,
    /// Code of the paired event from target to source, if any.
    pub secondary: Option<String>,
    /// True for `[---]`: the pattern deliberately codes nothing.
    pub null: bool,
}

impl CodePair {
    /// Parse the inside of `[...]`.
    pub fn parse(s: &str) -> Option<CodePair> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        if s.chars().all(|c| c == '-') {
            return Some(CodePair {
                null: true,
                ..Default::default()
            });
        }
        let valid = |c: &str| {
            !c.is_empty() && c.len() <= 5 && c.chars().all(|ch| ch.is_ascii_alphanumeric())
        };
        let side = |c: &str| -> Result<Option<String>, ()> {
            let c = c.trim();
            if c.is_empty() || c.chars().all(|ch| ch == '-') {
                Ok(None)
            } else if valid(c) {
                Ok(Some(c.to_string()))
            } else {
                Err(())
            }
        };
        let (a, b) = match s.split_once(':') {
            Some((a, b)) => (side(a).ok()?, side(b).ok()?),
            None => (side(s).ok()?, None),
        };
        Some(CodePair {
            null: a.is_none() && b.is_none(),
            primary: a,
            secondary: b,
        })
    }

    /// The bracket form, `042:043`.
    pub fn display(&self) -> String {
        match (&self.primary, &self.secondary) {
            (_, _) if self.null => "---".to_string(),
            (Some(a), Some(b)) => format!("{a}:{b}"),
            (Some(a), None) => a.clone(),
            (None, Some(b)) => format!(":{b}"),
            (None, None) => "---".to_string(),
        }
    }
}

/// One element of a verb pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternElem {
    /// A literal word (matched as a stem when it has no final underscore in PETRARCH).
    Word {
        /// Normalised word.
        word: String,
        /// Prefix match.
        stem: bool,
    },
    /// `&NAME`: any phrase of the synset.
    Synset(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: skip one word.
    Skip,
    /// `%`: a compound actor standing for both source and target.
    Compound,
    /// `(...)`: a prepositional phrase, matched in order.
    Group(Vec<PatternElem>),
    /// `{...}`: words that must be adjacent.
    Phrase(Vec<PatternElem>),
}

/// A verb pattern: `- $ * (TO +) [042]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// The pattern as written (without the code and comment).
    pub text: String,
    /// Elements before the verb, in order.
    pub before: Vec<PatternElem>,
    /// Elements after the verb, in order.
    pub after: Vec<PatternElem>,
    /// True when the pattern contains `*` (the verb); patterns without it are kept but
    /// can only match noun phrases.
    pub has_verb: bool,
    /// Codes.
    pub code: CodePair,
    /// Where it was defined.
    pub origin: Origin,
}

/// One verb (possibly multi-word) with its inflected forms.
#[derive(Clone, Debug, PartialEq)]
pub struct Verb {
    /// The base form, e.g. `VISIT` or `BRING OUT`.
    pub lemma: String,
    /// Every form of the head word (base, -s, -ed, -ing, irregulars).
    pub forms: Vec<String>,
    /// Words that must precede the head (WIRE in WIRE_+TAP).
    pub prefix: Vec<String>,
    /// Particles that must follow the head (OUT in +BRING_OUT).
    pub particles: Vec<String>,
    /// A code for this verb overriding the block's default.
    pub code: Option<CodePair>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A verb block: verbs sharing a default code and a list of patterns.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbBlock {
    /// The block's name (`VISIT`).
    pub name: String,
    /// The default code of the block.
    pub code: Option<CodePair>,
    /// Member verbs.
    pub verbs: Vec<Verb>,
    /// Patterns, in dictionary order (longest first is decided at match time).
    pub patterns: Vec<Pattern>,
    /// Where the block starts.
    pub origin: Origin,
}

/// A phrase whose presence discards the sentence (or the whole story).
#[derive(Clone, Debug, PartialEq)]
pub struct Discard {
    /// The phrase.
    pub phrase: Phrase,
    /// `+` entries discard the whole story.
    pub story: bool,
    /// Where.
    pub origin: Origin,
}

/// A noun that names an event ("visit", "invasion", "phone call"), from a `.nouns` file.
#[derive(Clone, Debug, PartialEq)]
pub struct EventNoun {
    /// Its forms, each a sequence of upper-case words.
    pub forms: Vec<Vec<String>>,
    /// The CAMEO code it takes.
    pub code: String,
    /// Prepositions that introduce the target after the noun (`WITH`, `OF`…).
    pub preps: Vec<String>,
    /// Where.
    pub origin: Origin,
}

/// Counts and diagnostics from loading a dictionary set.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    /// Files read.
    pub files: Vec<String>,
    /// Actor entries read.
    pub actors: usize,
    /// Actor names (all synonyms).
    pub actor_names: usize,
    /// Agent entries read.
    pub agents: usize,
    /// Verb blocks read.
    pub verb_blocks: usize,
    /// Verbs read.
    pub verbs: usize,
    /// Patterns read.
    pub patterns: usize,
    /// Synsets read.
    pub synsets: usize,
    /// Discards read.
    pub discards: usize,
    /// Entries skipped or repaired, with where and why.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadReport {
    /// Total entries of all kinds.
    pub fn total(&self) -> usize {
        self.actors + self.agents + self.verbs + self.patterns + self.synsets + self.discards
    }
}

/// A complete dictionary set.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    /// Actors.
    pub actors: Vec<ActorEntry>,
    /// Agents.
    pub agents: Vec<AgentEntry>,
    /// Synsets by name (without the `&`).
    pub synsets: HashMap<String, Vec<Phrase>>,
    /// Verb blocks.
    pub verbs: Vec<VerbBlock>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// Event nouns.
    pub nouns: Vec<EventNoun>,
    /// What loading found.
    pub report: LoadReport,
}

impl Dictionaries {
    /// Append another set (later entries win ties at match time).
    pub fn extend(&mut self, other: Dictionaries) {
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.synsets.extend(other.synsets);
        self.verbs.extend(other.verbs);
        self.discards.extend(other.discards);
        self.nouns.extend(other.nouns);
        let r = other.report;
        self.report.files.extend(r.files);
        self.report.actors += r.actors;
        self.report.actor_names += r.actor_names;
        self.report.agents += r.agents;
        self.report.verb_blocks += r.verb_blocks;
        self.report.verbs += r.verbs;
        self.report.patterns += r.patterns;
        self.report.synsets += r.synsets;
        self.report.discards += r.discards;
        self.report.diagnostics.extend(r.diagnostics);
    }

    /// Recount the report from the data (after loading or merging).
    pub fn recount(&mut self) {
        let r = &mut self.report;
        r.actors = self.actors.len();
        r.actor_names = self.actors.iter().map(|a| a.phrases.len()).sum();
        r.agents = self.agents.len();
        r.verb_blocks = self.verbs.len();
        r.verbs = self.verbs.iter().map(|b| b.verbs.len()).sum();
        r.patterns = self.verbs.iter().map(|b| b.patterns.len()).sum();
        r.synsets = self.synsets.len();
        r.discards = self.discards.len();
    }
}

/// Regular English inflections of a verb: base, -s, -ed, -ing (upper case).
pub fn regular_forms(base: &str) -> Vec<String> {
    let b = base.to_ascii_uppercase();
    let mut out = vec![b.clone()];
    let last = b.chars().last().unwrap_or(' ');
    let before_last = b.chars().rev().nth(1).unwrap_or(' ');
    let vowel = |c: char| "AEIOU".contains(c);
    if last == 'E' {
        out.push(format!("{b}S"));
        out.push(format!("{b}D"));
        out.push(format!("{}ING", &b[..b.len() - 1]));
    } else if last == 'Y' && !vowel(before_last) {
        let stem = &b[..b.len() - 1];
        out.push(format!("{stem}IES"));
        out.push(format!("{stem}IED"));
        out.push(format!("{b}ING"));
    } else if b.ends_with('S')
        || b.ends_with("SH")
        || b.ends_with("CH")
        || b.ends_with('X')
        || b.ends_with('Z')
    {
        out.push(format!("{b}ES"));
        out.push(format!("{b}ED"));
        out.push(format!("{b}ING"));
    } else {
        out.push(format!("{b}S"));
        out.push(format!("{b}ED"));
        out.push(format!("{b}ING"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_pairs() {
        let p = CodePair::parse("042:043").unwrap();
        assert_eq!(p.primary.as_deref(), Some("042"));
        assert_eq!(p.secondary.as_deref(), Some("043"));
        assert!(CodePair::parse("---").unwrap().null);
        let p = CodePair::parse(":110").unwrap();
        assert_eq!(p.primary, None);
        assert_eq!(p.secondary.as_deref(), Some("110"));
        assert!(CodePair::parse("0x12!").is_none());
        assert_eq!(CodePair::parse("042:043").unwrap().display(), "042:043");
    }

    #[test]
    fn inflections() {
        assert_eq!(
            regular_forms("visit"),
            ["VISIT", "VISITS", "VISITED", "VISITING"]
        );
        assert_eq!(
            regular_forms("INVADE"),
            ["INVADE", "INVADES", "INVADED", "INVADING"]
        );
        assert_eq!(
            regular_forms("DENY"),
            ["DENY", "DENIES", "DENIED", "DENYING"]
        );
        assert_eq!(
            regular_forms("PUSH"),
            ["PUSH", "PUSHES", "PUSHED", "PUSHING"]
        );
    }

    #[test]
    fn dated_codes() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let e = ActorEntry {
            name: "X".into(),
            phrases: vec![],
            codes: vec![
                DatedCode {
                    code: "RUSGOV".into(),
                    from: Some(d("2000-05-07")),
                    to: Some(d("2008-05-07")),
                },
                DatedCode {
                    code: "RUSGOV".into(),
                    from: Some(d("2012-05-07")),
                    to: None,
                },
                DatedCode {
                    code: "RUSELI".into(),
                    from: None,
                    to: None,
                },
            ],
            class: ActorClass::Person,
            origin: Origin {
                file: "t".into(),
                line: 1,
            },
        };
        assert_eq!(e.code_on(Some(d("2023-03-17"))), Some("RUSGOV"));
        assert_eq!(e.code_on(Some(d("2010-01-01"))), Some("RUSELI"));
        // No date: the role the dictionary lists as current, not the "elite" fallback.
        assert_eq!(e.code_on(None), Some("RUSGOV"));
        assert_eq!(
            Phrase::parse("Vladimir Putin").unwrap().words,
            ["VLADIMIR", "PUTIN"]
        );
        assert_eq!(Phrase::parse("China's*").unwrap().display(), "CHINA 'S*");
    }
}
