//! Small tables of English news abbreviations.

/// Abbreviations written with a final period that never end a sentence by themselves:
/// titles and words that are always followed by something (Mr. Putin, Gen. Milley, Jan. 5).
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "adm",
    "cmdr", "brig", "sen", "rep", "gov", "pres", "rev", "fr", "hon", "gens", "sens", "reps",
    "messrs", "mme", "mlle", "st", "mt", "ft", "no", "nos", "vol", "art", "fig", "ch", "jan",
    "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "approx",
    "dept", "est", "sec", "supt", "insp", "det", "amb", "atty", "gov't",
];

/// Abbreviations that can end a sentence when a new sentence plainly follows
/// ("… in the U.S. The talks …").
const TERMINAL: &[&str] = &[
    "inc", "co", "corp", "ltd", "llc", "plc", "jr", "sr", "bros", "etc", "al", "ave", "blvd", "rd",
    "univ", "assn", "govt", "cf", "ie", "eg",
];

/// Is `word` (without its final period) an abbreviation that takes a period?
pub fn is_abbreviation(word: &str) -> bool {
    if word.len() > 6 {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    TITLES.contains(&lower.as_str()) || TERMINAL.contains(&lower.as_str())
}

/// Can this abbreviation (without its period) end a sentence?
pub fn may_end_sentence(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    // Dotted acronyms (U.S., U.N., a.m.) and company suffixes may close a sentence.
    word.contains('.') || TERMINAL.contains(&lower.as_str())
}

/// Capitalised words that usually open a new sentence rather than continue a name;
/// used after an abbreviation that may or may not end its sentence.
const STARTERS: &[&str] = &[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "after",
    "when",
    "while",
    "however",
    "meanwhile",
    "as",
    "if",
    "for",
    "so",
    "yet",
    "some",
    "many",
    "most",
    "still",
    "officials",
    "both",
    "earlier",
    "later",
    "last",
    "on",
    "since",
    "according",
    "with",
    "what",
    "who",
    "why",
    "how",
    "no",
    "not",
    "one",
    "two",
    "moreover",
];

/// Does this word usually start a sentence?
pub fn is_sentence_starter(word: &str) -> bool {
    word.len() <= 12 && STARTERS.contains(&word.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        assert!(is_abbreviation("Mr"));
        assert!(is_abbreviation("Gen"));
        assert!(is_abbreviation("Jan"));
        assert!(!is_abbreviation("China"));
        assert!(may_end_sentence("U.S"));
        assert!(!may_end_sentence("Mr"));
        assert!(is_sentence_starter("The"));
        assert!(!is_sentence_starter("Putin"));
    }
}
