//! Word lists: reporting verbs, titles, and the words a speaker search skips.

use aho_corasick::{AhoCorasick, MatchKind};
use herald_core::{Document, TokenKind};
use std::sync::OnceLock;

/// Reporting verbs, lower case. Present-tense forms that are also common nouns (states,
/// notes, replies) are left out.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "tweeted",
    "tweets",
    "wrote",
    "writes",
    "stated",
    "announced",
    "announces",
    "declared",
    "declares",
    "insisted",
    "insists",
    "warned",
    "warns",
    "noted",
    "explained",
    "explains",
    "asked",
    "asks",
    "replied",
    "claimed",
    "claims",
    "argued",
    "argues",
    "stressed",
    "stresses",
    "confirmed",
    "acknowledged",
    "admitted",
];

/// True when the normalised (upper-case) token is a reporting verb: [`REPORTING`] in upper
/// case, as a `match` because it runs on many tokens.
pub(crate) fn is_reporting(norm: &str) -> bool {
    matches!(
        norm,
        "SAID"
            | "SAYS"
            | "SAY"
            | "TOLD"
            | "TELLS"
            | "ADDED"
            | "ADDS"
            | "TWEETED"
            | "TWEETS"
            | "WROTE"
            | "WRITES"
            | "STATED"
            | "ANNOUNCED"
            | "ANNOUNCES"
            | "DECLARED"
            | "DECLARES"
            | "INSISTED"
            | "INSISTS"
            | "WARNED"
            | "WARNS"
            | "NOTED"
            | "EXPLAINED"
            | "EXPLAINS"
            | "ASKED"
            | "ASKS"
            | "REPLIED"
            | "CLAIMED"
            | "CLAIMS"
            | "ARGUED"
            | "ARGUES"
            | "STRESSED"
            | "STRESSES"
            | "CONFIRMED"
            | "ACKNOWLEDGED"
            | "ADMITTED"
    )
}

/// Indices of the sentences holding a reporting verb (or `according to`), in order: the
/// text is scanned once with an automaton instead of visiting every token.
pub(crate) fn sentences_with_verbs(doc: &Document) -> Vec<usize> {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        let mut pats: Vec<&str> = REPORTING.to_vec();
        pats.push("according to");
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pats)
            .expect("reporting verb automaton")
    });
    let bytes = doc.text.as_bytes();
    let mut out: Vec<usize> = Vec::new();
    let mut si = 0;
    for m in ac.find_iter(&doc.text) {
        let (a, b) = (m.start(), m.end());
        // Whole words only.
        let word = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80;
        if (a > 0 && word(bytes[a - 1])) || bytes.get(b).is_some_and(|&c| word(c)) {
            continue;
        }
        while si < doc.sentences.len() && doc.sentences[si].span.end <= a {
            si += 1;
        }
        if si < doc.sentences.len() && doc.sentences[si].span.start <= a && out.last() != Some(&si)
        {
            out.push(si);
        }
    }
    out
}

/// Verbs that take a reported clause without `that` (`X said the talks were useful`).
fn takes_bare_clause(norm: &str) -> bool {
    // Not warned, noted, confirmed, stressed: they take an object far more often
    // (`confirmed William Barr as attorney general`).
    matches!(
        norm,
        "SAID"
            | "SAYS"
            | "SAY"
            | "ADDED"
            | "ADDS"
            | "INSISTED"
            | "INSISTS"
            | "CLAIMED"
            | "CLAIMS"
            | "ARGUED"
            | "ARGUES"
    )
}

/// Words after `said` that start an adjunct, not a reported clause (`said on Friday`).
fn starts_adjunct(norm: &str) -> bool {
    matches!(
        norm,
        "ON" | "IN"
            | "AT"
            | "TO"
            | "OF"
            | "FOR"
            | "WITH"
            | "BY"
            | "FROM"
            | "ABOUT"
            | "DURING"
            | "AFTER"
            | "BEFORE"
            | "WHILE"
            | "WHEN"
            | "AS"
            | "AND"
            | "OR"
            | "BUT"
            | "SO"
            | "LAST"
            | "THIS"
            | "YESTERDAY"
            | "TODAY"
            | "TONIGHT"
            | "EARLIER"
            | "LATER"
            | "NOTHING"
            | "NO"
            | "THROUGH"
            | "VIA"
            | "OVER"
            | "UNDER"
            | "AGAIN"
            | "ALSO"
            | "IF"
            | "LITTLE"
            | "MUCH"
            | "MORE"
            | "ONLY"
            | "JUST"
            | "HELLO"
            | "GOODBYE"
            | "YES"
            | "SORRY"
            | "THANKS"
            | "ANYTHING"
            | "SOMETHING"
            | "EVERYTHING"
    )
}

/// A reporting verb at token `t` (not past `hi`): its text in lower case and its length in
/// tokens (`according to` has two). Capitalised forms are left out: they are names or
/// headline words far more often than verbs.
pub(crate) fn reporting_verb_at(doc: &Document, t: usize, hi: usize) -> Option<(String, usize)> {
    let tok = &doc.tokens[t];
    // Cheapest tests first: this runs on every token of every sentence.
    if tok.kind != TokenKind::Word {
        return None;
    }
    if is_reporting(&tok.norm) {
        return starts_lower(doc, t).then(|| (tok.norm.to_ascii_lowercase(), 1));
    }
    if tok.norm == "ACCORDING"
        && t + 1 < hi
        && doc.tokens[t + 1].norm == "TO"
        && starts_lower(doc, t)
    {
        return Some(("according to".to_string(), 2));
    }
    None
}

/// Where the reported clause after the verb at `t` starts: after `that` (`told Y that`,
/// `said in a statement that`), or right after the verb for `said`-like verbs followed by
/// something other than an adjunct. `None` when the verb reports no clause.
pub(crate) fn clause_after(doc: &Document, t: usize, len: usize, end: usize) -> Option<usize> {
    let k = t + len;
    let limit = (k + 7).min(end);
    for j in k..limit {
        let tok = &doc.tokens[j];
        if tok.kind == TokenKind::Punct {
            break;
        }
        if tok.norm == "THAT" && starts_lower(doc, j) {
            return (j + 1 < end).then_some(j + 1);
        }
    }
    let verb = doc.tokens[t].norm.as_str();
    if !takes_bare_clause(verb) || k + 2 >= end {
        return None;
    }
    let next = &doc.tokens[k];
    if next.kind != TokenKind::Word || starts_adjunct(&next.norm) || is_reporting(&next.norm) {
        return None;
    }
    Some(k)
}

/// Titles and roles that precede a person's name inside a mention (`Russian President
/// Vladimir Putin` → `Vladimir Putin`): the shared titles and honorifics of
/// [`herald_text::words::is_title`] plus [`TITLE_WORDS_OWN`].
pub(crate) fn is_title(norm: &str) -> bool {
    herald_text::words::is_title(norm) || TITLE_WORDS_OWN.contains(&norm)
}

/// Title words only the quote finder strips: more ranks and offices, and the "of" and
/// "the" inside a title ("Secretary of State", "the Crown Prince").
const TITLE_WORDS_OWN: &[&str] = &[
    "SECRETARY-GENERAL",
    "STATE",
    "FIRST",
    "LADY",
    "CROWN",
    "OF",
    "THE",
    "COLONEL",
    "MAJOR",
    "LIEUTENANT",
    "SUPREME",
    "HEAD",
    "ADMIRAL",
    "INTERIOR",
    "FINANCE",
    "OPPOSITION",
    "PARTY",
    "AIDE",
    "ECONOMIST",
];

/// Adverbs and auxiliaries between a speaker and the verb (`Kuleba later tweeted`).
pub(crate) fn is_skippable(doc: &Document, t: usize) -> bool {
    let n = doc.tokens[t].norm.as_str();
    starts_lower(doc, t)
        && (matches!(
            n,
            "LATER"
                | "ALSO"
                | "THEN"
                | "HAS"
                | "HAD"
                | "HAVE"
                | "ONCE"
                | "AGAIN"
                | "EARLIER"
                | "ALREADY"
                | "STILL"
                | "JUST"
                | "ONLY"
                | "FURTHER"
                | "LAST"
                | "SUBSEQUENTLY"
                | "ALWAYS"
                | "NEVER"
                | "OFTEN"
        ) || (n.len() > 4 && n.ends_with("LY")))
}

/// Personal pronouns that can stand for a speaker: `Some(true)` for a person (he, she),
/// `Some(false)` for a body (it, they). Only the third person in the subject case counts.
pub(crate) fn pronoun(norm: &str) -> Option<bool> {
    use herald_text::words::{personal_pronoun, Gender};
    let p = personal_pronoun(norm).filter(|p| p.person == 3 && p.subject)?;
    Some(matches!(
        p.gender,
        Some(Gender::Masculine | Gender::Feminine)
    ))
}

/// Words that end a common-noun speaker phrase going left (`the spokesperson said`): the
/// shared closed classes of [`herald_text::words`] plus [`FUNCTION_WORDS_OWN`].
pub(crate) fn is_function_word(norm: &str) -> bool {
    use herald_text::words as w;
    w::is_article(norm)
        || w::is_demonstrative(norm)
        || w::is_subject_pronoun(norm)
        || w::is_have(norm)
        || w::is_coordinator(norm)
        || w::is_common_preposition(norm)
        || FUNCTION_WORDS_OWN.contains(&norm)
}

/// The rest of the quote finder's stop words: a subset of the shared classes' wh-words,
/// forms of "be", modals and possessives (the others were never stop words here), and
/// some adverbs, quantifiers and day words.
const FUNCTION_WORDS_OWN: &[&str] = &[
    "WHICH",
    "WHO",
    "AS",
    "IS",
    "WAS",
    "ARE",
    "WERE",
    "BE",
    "BEEN",
    "NOT",
    "NO",
    "WHAT",
    "WHEN",
    "WHERE",
    "HOW",
    "WHY",
    "IF",
    "SO",
    "THAN",
    "THEN",
    "HIS",
    "HER",
    "ITS",
    "THEIR",
    "WILL",
    "WOULD",
    "CAN",
    "COULD",
    "SOME",
    "MANY",
    "MOST",
    "WHILE",
    "AFTER",
    "BEFORE",
    "DURING",
    "YESTERDAY",
    "TODAY",
    "TONIGHT",
    "LATER",
    "EARLIER",
    "ALSO",
];

/// True when the token's text starts with a lower-case letter.
pub(crate) fn starts_lower(doc: &Document, t: usize) -> bool {
    doc.slice(doc.tokens[t].span)
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// True when the token's text starts with an upper-case letter.
pub(crate) fn starts_upper(doc: &Document, t: usize) -> bool {
    doc.slice(doc.tokens[t].span)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists as they were before the shared classes moved to `herald_text::words`.
    const TITLES_BEFORE: &[&str] = &[
        "PRESIDENT",
        "PRIME",
        "MINISTER",
        "SECRETARY",
        "SECRETARY-GENERAL",
        "FOREIGN",
        "DEFENCE",
        "DEFENSE",
        "STATE",
        "GENERAL",
        "GEN.",
        "CHANCELLOR",
        "PREMIER",
        "KING",
        "QUEEN",
        "PRINCE",
        "SENATOR",
        "SEN.",
        "REP.",
        "GOVERNOR",
        "GOV.",
        "MAYOR",
        "MR.",
        "MRS.",
        "MS.",
        "DR.",
        "MR",
        "MRS",
        "MS",
        "DR",
        "CHAIRMAN",
        "CHAIRWOMAN",
        "SPOKESMAN",
        "SPOKESWOMAN",
        "SPOKESPERSON",
        "AMBASSADOR",
        "ENVOY",
        "LEADER",
        "VICE",
        "DEPUTY",
        "FIRST",
        "LADY",
        "POPE",
        "SHEIKH",
        "EMIR",
        "CROWN",
        "OF",
        "THE",
        "COLONEL",
        "COL.",
        "MAJOR",
        "LIEUTENANT",
        "COMMANDER",
        "JUSTICE",
        "JUDGE",
        "SUPREME",
        "CHIEF",
        "HEAD",
        "DIRECTOR",
        "ADMIRAL",
        "INTERIOR",
        "FINANCE",
        "OPPOSITION",
        "PARTY",
        "ADVISER",
        "ADVISOR",
        "AIDE",
        "LAWYER",
        "ATTORNEY",
        "OFFICIAL",
        "ANALYST",
        "CORRESPONDENT",
        "REPORTER",
        "PROFESSOR",
        "ECONOMIST",
        "CANDIDATE",
        "CEO",
    ];
    const FUNCTION_WORDS_BEFORE: &[&str] = &[
        "THE",
        "A",
        "AN",
        "THAT",
        "WHICH",
        "WHO",
        "AND",
        "BUT",
        "OR",
        "TO",
        "OF",
        "IN",
        "ON",
        "AT",
        "FOR",
        "WITH",
        "BY",
        "FROM",
        "AS",
        "IS",
        "WAS",
        "ARE",
        "WERE",
        "BE",
        "BEEN",
        "IT",
        "THIS",
        "THESE",
        "THOSE",
        "NOT",
        "NO",
        "WHAT",
        "WHEN",
        "WHERE",
        "HOW",
        "WHY",
        "IF",
        "SO",
        "THAN",
        "THEN",
        "I",
        "WE",
        "YOU",
        "HE",
        "SHE",
        "THEY",
        "HIS",
        "HER",
        "ITS",
        "THEIR",
        "WILL",
        "WOULD",
        "CAN",
        "COULD",
        "HAS",
        "HAVE",
        "HAD",
        "SOME",
        "MANY",
        "MOST",
        "WHILE",
        "AFTER",
        "BEFORE",
        "DURING",
        "YESTERDAY",
        "TODAY",
        "TONIGHT",
        "LATER",
        "EARLIER",
        "ALSO",
    ];

    /// Every word of the shared classes, this crate's own lists and the old lists.
    fn universe() -> Vec<&'static str> {
        use herald_text::words as w;
        let lists: &[&[&'static str]] = &[
            w::ARTICLES,
            w::DEMONSTRATIVES,
            w::POSSESSIVE_DETERMINERS,
            w::SUBJECT_PRONOUNS,
            w::OBJECT_PRONOUNS,
            w::MODALS,
            w::BE_FORMS,
            w::HAVE_FORMS,
            w::DO_FORMS,
            w::COORDINATORS,
            w::WH_WORDS,
            w::COMMON_PREPOSITIONS,
            w::TEMPORAL_PREPOSITIONS,
            w::HONORIFICS,
            w::TITLES,
            TITLE_WORDS_OWN,
            FUNCTION_WORDS_OWN,
            TITLES_BEFORE,
            FUNCTION_WORDS_BEFORE,
        ];
        lists.iter().flat_map(|l| l.iter().copied()).collect()
    }

    #[test]
    fn lists_unchanged_by_the_move_to_shared_classes() {
        for word in universe() {
            assert_eq!(
                is_title(word),
                TITLES_BEFORE.contains(&word),
                "title {word}"
            );
            assert_eq!(
                is_function_word(word),
                FUNCTION_WORDS_BEFORE.contains(&word),
                "function word {word}"
            );
            let before = match word {
                "HE" | "SHE" => Some(true),
                "IT" | "THEY" => Some(false),
                _ => None,
            };
            assert_eq!(pronoun(word), before, "pronoun {word}");
        }
    }

    #[test]
    fn verb_list_and_match_agree() {
        for v in REPORTING {
            assert!(is_reporting(&v.to_ascii_uppercase()), "{v}");
        }
        assert!(!is_reporting("STATES"));
        assert!(!is_reporting("SAIDS"));
    }
}
