//! herald's knowledge as data: dictionaries, ontology and the phrase matcher.
//!
//! Entry points: [`load_dir`] / [`load_default`] read a dictionary directory in either
//! PETRARCH or herald format, [`Lexicon::new`] compiles it for matching, and
//! [`Ontology::builtin`] gives the CAMEO/PLOVER ontology.

#![warn(missing_docs)]

pub mod dict;
pub mod herald_format;
pub mod matcher;
pub mod ontology;
pub mod petrarch;

pub use dict::*;
pub use matcher::{Matcher, NameMatch, Target};
pub use ontology::{Ontology, PloverEntry};

use std::path::{Path, PathBuf};

/// Errors that stop a dictionary set from loading at all (bad entries are diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The directory holds no dictionary file herald recognises.
    #[error("{0}: no dictionary files found (expected *.actors/*.agents/*.verbs/*.discards or PETRARCH *actors*.txt, *agents*.txt, *verbs*.txt / CAMEO*.txt, *discards*.txt)")]
    Empty(PathBuf),
}

/// Normalise one dictionary word the way text tokens are normalised.
pub fn normalize_word(s: &str) -> String {
    herald_text::normalize(s)
}

/// The kind of a dictionary file, decided by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// herald `.actors`.
    HeraldActors,
    /// herald `.agents`.
    HeraldAgents,
    /// herald `.verbs`.
    HeraldVerbs,
    /// herald `.discards`.
    HeraldDiscards,
    /// herald `.nouns` (event nouns).
    HeraldNouns,
    /// PETRARCH actors.
    PetrarchActors,
    /// PETRARCH agents.
    PetrarchAgents,
    /// PETRARCH verbs.
    PetrarchVerbs,
    /// PETRARCH discards.
    PetrarchDiscards,
}

/// Decide what a file holds from its name; `None` for files that are not dictionaries.
pub fn file_kind(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "actors" => return Some(FileKind::HeraldActors),
        "agents" => return Some(FileKind::HeraldAgents),
        "verbs" => return Some(FileKind::HeraldVerbs),
        "discards" => return Some(FileKind::HeraldDiscards),
        "nouns" => return Some(FileKind::HeraldNouns),
        "txt" => {}
        _ => return None,
    }
    if name.contains("ontology") {
        None
    } else if name.contains("actors") {
        Some(FileKind::PetrarchActors)
    } else if name.contains("agents") {
        Some(FileKind::PetrarchAgents)
    } else if name.contains("verbs") || name.starts_with("cameo") {
        Some(FileKind::PetrarchVerbs)
    } else if name.contains("discard") {
        Some(FileKind::PetrarchDiscards)
    } else {
        None
    }
}

/// Read one dictionary file into `out`.
pub fn load_file(path: &Path, kind: FileKind, out: &mut Dictionaries) -> Result<(), LexiconError> {
    let bytes = std::fs::read(path).map_err(|source| LexiconError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // Old dictionaries mix Latin-1 into UTF-8: report where, keep the rest.
            let bytes = e.into_bytes();
            for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                if std::str::from_utf8(line).is_err() {
                    out.report.diagnostics.push(Diagnostic {
                        origin: Origin {
                            file: name.as_str().into(),
                            line: i as u32 + 1,
                        },
                        message: "invalid UTF-8 (read as Latin-1)".into(),
                    });
                }
            }
            bytes
                .split_inclusive(|&b| b == b'\n')
                .map(|line| match std::str::from_utf8(line) {
                    Ok(s) => s.to_string(),
                    Err(_) => line.iter().map(|&b| b as char).collect(),
                })
                .collect()
        }
    };
    out.report.files.push(name.clone());
    match kind {
        FileKind::HeraldActors => herald_format::read_actors(&name, &text, out),
        FileKind::HeraldAgents => herald_format::read_agents(&name, &text, out),
        FileKind::HeraldVerbs | FileKind::PetrarchVerbs => petrarch::read_verbs(&name, &text, out),
        FileKind::HeraldDiscards => herald_format::read_discards(&name, &text, out),
        FileKind::HeraldNouns => herald_format::read_nouns(&name, &text, out),
        FileKind::PetrarchActors => petrarch::read_actors(&name, &text, out),
        FileKind::PetrarchAgents => petrarch::read_agents(&name, &text, out),
        FileKind::PetrarchDiscards => petrarch::read_discards(&name, &text, out),
    }
    Ok(())
}

/// Load every dictionary file in `dir` (PETRARCH or herald format, or a mix).
///
/// Files load in name order, except that `phoenix-*` files load first: where two entries
/// share a name, the later one wins, so herald's curated files override converted ones.
pub fn load_dir(dir: &Path) -> Result<Dictionaries, LexiconError> {
    let rd = std::fs::read_dir(dir).map_err(|source| LexiconError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|source| LexiconError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let p = entry.path();
        if let Some(k) = file_kind(&p) {
            files.push((p, k));
        }
    }
    if files.is_empty() {
        return Err(LexiconError::Empty(dir.to_path_buf()));
    }
    files.sort_by_key(|(p, _)| {
        let n = p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_ascii_lowercase();
        (!n.starts_with("phoenix"), n)
    });
    let mut d = Dictionaries::default();
    for (p, k) in files {
        load_file(&p, k, &mut d)?;
    }
    d.recount();
    Ok(d)
}

/// herald's data directory: `$HERALD_DATA`, else the `data/` folder of this source tree
/// (the one resolver, [`herald_core::data::data_dir`], re-exported for callers of this crate).
pub use herald_core::data::data_dir;

/// The default dictionary directory: `<data>/dictionaries/herald`.
pub fn default_dictionary_dir() -> PathBuf {
    data_dir().join("dictionaries").join("herald")
}

/// Load herald's default dictionaries.
pub fn load_default() -> Result<Dictionaries, LexiconError> {
    load_dir(&default_dictionary_dir())
}

/// Federations CAMEO codes a constituent republic under, federation + republic
/// (SCGSRB: Serbia within Serbia and Montenegro, YUGMNE: Montenegro within Yugoslavia).
pub const FEDERATIONS: [&str; 4] = ["SCG", "YUG", "SUN", "CSK"];

/// Sectors of public life whose members act for their country in the news: a bare
/// "police" or "rebels" is placed in a country from context and may act in an event; a
/// bare "people", "company" or "doctors" is not and may not.
pub const PUBLIC_SECTORS: [&str; 12] = [
    "GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "SPY", "UAF", "INS", "RAD", "REF",
];

/// Is `code` a bare agent code of a public-life sector ("COP", "MILGOV")?
pub fn public_sector(code: &str) -> bool {
    code.get(..3).is_some_and(|p| PUBLIC_SECTORS.contains(&p))
}

/// Dictionaries compiled for matching.
#[derive(Debug)]
pub struct Lexicon {
    /// The entries.
    pub dict: Dictionaries,
    /// The compiled names.
    pub matcher: Matcher,
    /// Person entries by the last word of their multi-word names ("MUGABE" → Robert
    /// Mugabe), for "President Mugabe" where the dictionary lists only the full name.
    pub surnames: std::collections::HashMap<String, Vec<usize>>,
    /// The three-letter codes that country entries open with (CHN, RUS, TMP…), to tell a
    /// country prefix ("RUSGOV") from an agent or organisation code ("GOV", "IGO").
    pub countries: std::collections::HashSet<String>,
}

impl Lexicon {
    /// Compile a dictionary set.
    pub fn new(dict: Dictionaries) -> Lexicon {
        let matcher = Matcher::build(&dict);
        let mut surnames: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, a) in dict.actors.iter().enumerate() {
            if a.class != ActorClass::Person {
                continue;
            }
            for p in &a.phrases {
                let [.., last] = &p.words[..] else { continue };
                if p.words.len() < 2 || p.stem || last.len() < 4 {
                    continue;
                }
                if !last.chars().all(|c| c.is_alphabetic() || c == '-') {
                    continue;
                }
                let v = surnames.entry(last.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let countries = dict
            .actors
            .iter()
            .filter(|a| a.class == ActorClass::Country)
            .flat_map(|a| &a.codes)
            .filter_map(|c| c.code.get(..3))
            .filter(|c| c.bytes().all(|b| b.is_ascii_uppercase()))
            .filter(|c| !matches!(*c, "IGO" | "NGO" | "IMG" | "MNC" | "UAF"))
            .map(str::to_string)
            .collect();
        Lexicon {
            dict,
            matcher,
            surnames,
            countries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds() {
        let k = |n: &str| file_kind(Path::new(n));
        assert_eq!(
            k("Phoenix.Countries.actors.txt"),
            Some(FileKind::PetrarchActors)
        );
        assert_eq!(k("CAMEO.2.0.txt"), Some(FileKind::PetrarchVerbs));
        assert_eq!(k("PETR.Validate.verbs.txt"), Some(FileKind::PetrarchVerbs));
        assert_eq!(k("Phoenix.discards.txt"), Some(FileKind::PetrarchDiscards));
        assert_eq!(k("PETR.Internal.Coding.Ontology.txt"), None);
        assert_eq!(k("people.actors"), Some(FileKind::HeraldActors));
        assert_eq!(k("README.md"), None);
    }

    #[test]
    fn loads_a_directory_and_reports_bad_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("x.actors"),
            "China | Chinese\n    CHN\nBroken\n    chn 2020\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("phoenix-a.actors"), "China\n    TWN\n").unwrap();
        std::fs::write(dir.path().join("g.agents"), "Police\n    ~COP\n").unwrap();
        std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let d = load_dir(dir.path()).unwrap();
        assert_eq!(d.report.files, ["phoenix-a.actors", "g.agents", "x.actors"]);
        assert_eq!(d.actors.len(), 2);
        assert_eq!(d.agents.len(), 1);
        assert_eq!(d.report.diagnostics.len(), 1);
        assert_eq!(d.report.diagnostics[0].origin.to_string(), "x.actors:4");
        let lx = Lexicon::new(d);
        let m = lx.matcher.find(&["CHINA"]);
        // Both entries match; the later file (herald's own) is listed last and wins.
        assert_eq!(m[0].targets, [Target::Actor(0), Target::Actor(1)]);
    }

    #[test]
    fn missing_directory_is_an_error_naming_it() {
        let e = load_dir(Path::new("/nonexistent/herald")).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/herald"));
    }
}
