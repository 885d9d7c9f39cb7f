//! Closed-class English words, in one place for every stage.
//!
//! Every list holds normalised forms (upper case, straight apostrophes), the way
//! [`herald_core::Token::norm`] spells them, so a stage can test `&token.norm` directly.
//! The lists are small linguistic classes (articles, modals, forms of *be*, …) rather than
//! one stage's stop list: a stage builds its own set from the classes it wants and keeps
//! any words of its own next to them, clearly named, so that no stage silently gains or
//! loses a word when another one changes its mind.
//!
//! The classes also cover herald-events' lists (not switched yet): its auxiliaries are
//! exactly [`is_auxiliary`]; its determiners are [`is_determiner`], [`QUANTIFIERS`] and
//! "'S"; its locatives are [`LOCATIVE_PREPOSITIONS`]; its true prepositions are
//! [`COMMON_PREPOSITIONS`] and ten more of its own.
//!
//! Lookups are linear scans of short constant slices: for lists this size that is as fast
//! as hashing and needs no set built at start-up.

/// The articles: "the", "a", "an".
pub const ARTICLES: &[&str] = &["THE", "A", "AN"];

/// Demonstratives, as determiners or pronouns: "this", "that", "these", "those".
pub const DEMONSTRATIVES: &[&str] = &["THIS", "THAT", "THESE", "THOSE"];

/// Possessive determiners: "my", "your", "his", "her", "its", "our", "their".
pub const POSSESSIVE_DETERMINERS: &[&str] = &["MY", "YOUR", "HIS", "HER", "ITS", "OUR", "THEIR"];

/// Personal pronouns in the subject case: "I", "you", "he", "she", "it", "we", "they".
pub const SUBJECT_PRONOUNS: &[&str] = &["I", "YOU", "HE", "SHE", "IT", "WE", "THEY"];

/// Personal pronouns in the object case: "me", "you", "him", "her", "it", "us", "them".
pub const OBJECT_PRONOUNS: &[&str] = &["ME", "YOU", "HIM", "HER", "IT", "US", "THEM"];

/// The modal auxiliaries: "will", "would", "shall", "should", "can", "could", "may",
/// "might", "must".
pub const MODALS: &[&str] = &[
    "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST",
];

/// Forms of *be*: "am", "is", "are", "was", "were", "be", "been", "being".
pub const BE_FORMS: &[&str] = &["AM", "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING"];

/// Forms of *have* used as auxiliaries: "has", "have", "had".
pub const HAVE_FORMS: &[&str] = &["HAS", "HAVE", "HAD"];

/// Forms of *do* used as auxiliaries: "do", "does", "did".
pub const DO_FORMS: &[&str] = &["DO", "DOES", "DID"];

/// Auxiliary clitics as the tokenizer splits them ("he 's", "we 'll", "they 'd", "I 've",
/// "you 're"). "'S" is also the possessive; callers that care tell the two apart.
pub const AUXILIARY_CLITICS: &[&str] = &["'S", "'LL", "'D", "'VE", "'RE"];

/// Negation: "not" and the split clitic "n't".
pub const NEGATIONS: &[&str] = &["NOT", "N'T"];

/// The plain coordinating conjunctions: "and", "or", "but".
pub const COORDINATORS: &[&str] = &["AND", "OR", "BUT"];

/// Wh-words that open questions and relative clauses: "who", "whom", "whose", "which",
/// "what", "when", "where", "why", "how".
pub const WH_WORDS: &[&str] = &[
    "WHO", "WHOM", "WHOSE", "WHICH", "WHAT", "WHEN", "WHERE", "WHY", "HOW",
];

/// The common prepositions every stage treats alike: "of", "in", "on", "at", "to", "for",
/// "from", "by", "with".
pub const COMMON_PREPOSITIONS: &[&str] =
    &["OF", "IN", "ON", "AT", "TO", "FOR", "FROM", "BY", "WITH"];

/// Prepositions of time that may also open a clause ("after talks", "after they met"):
/// "after", "before", "since", "until", "during".
pub const TEMPORAL_PREPOSITIONS: &[&str] = &["AFTER", "BEFORE", "SINCE", "UNTIL", "DURING"];

/// Prepositions that place something ("outside Parliament", "near the border"):
/// "outside", "inside", "near", "within", "across", "throughout", "around", "beyond",
/// "along".
pub const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "OUTSIDE",
    "INSIDE",
    "NEAR",
    "WITHIN",
    "ACROSS",
    "THROUGHOUT",
    "AROUND",
    "BEYOND",
    "ALONG",
];

/// Quantifying determiners: "no", "any", "each", "every", "some", "another", "such".
pub const QUANTIFIERS: &[&str] = &["NO", "ANY", "EACH", "EVERY", "SOME", "ANOTHER", "SUCH"];

/// Honorifics before a surname, with and without the period: "Mr.", "Mrs.", "Ms.", "Dr.".
pub const HONORIFICS: &[&str] = &["MR.", "MRS.", "MS.", "DR.", "MR", "MRS", "MS", "DR"];

/// Titles, ranks and roles written before a person's name ("President", "Gen.",
/// "spokesman") that every name-finding stage accepts. Stages add their own on top
/// (the quote finder also skips "of" and "the" inside a title, the name finder knows more
/// ranks).
pub const TITLES: &[&str] = &[
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "SECRETARY",
    "FOREIGN",
    "DEFENCE",
    "DEFENSE",
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
    "POPE",
    "SHEIKH",
    "EMIR",
    "COL.",
    "COMMANDER",
    "JUSTICE",
    "JUDGE",
    "CHIEF",
    "DIRECTOR",
    "ADVISER",
    "ADVISOR",
    "LAWYER",
    "ATTORNEY",
    "OFFICIAL",
    "ANALYST",
    "CORRESPONDENT",
    "REPORTER",
    "PROFESSOR",
    "CANDIDATE",
    "CEO",
];

/// Full month names, January to December.
pub const MONTHS: &[&str] = &[
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];

/// Abbreviated month names as news writes them (without the period), with their month
/// number. "May" has no abbreviation; September has two ("Sep", "Sept").
pub const MONTH_ABBREVIATIONS: &[(&str, u32)] = &[
    ("JAN", 1),
    ("FEB", 2),
    ("MAR", 3),
    ("APR", 4),
    ("JUN", 6),
    ("JUL", 7),
    ("AUG", 8),
    ("SEP", 9),
    ("SEPT", 9),
    ("OCT", 10),
    ("NOV", 11),
    ("DEC", 12),
];

/// Weekday names, Monday first (ISO order).
pub const WEEKDAYS: &[&str] = &[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// Grammatical number of a pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    /// One: "I", "he", "it".
    Singular,
    /// More than one: "we", "they".
    Plural,
    /// Either: "you".
    Either,
}

/// Gender of a third-person singular pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// "he", "him".
    Masculine,
    /// "she", "her".
    Feminine,
    /// "it": a thing or a body (a government, a ministry).
    Neuter,
}

/// What a personal pronoun says about what it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pronoun {
    /// 1, 2 or 3.
    pub person: u8,
    /// Singular, plural or either.
    pub number: Number,
    /// Set for the third person singular only.
    pub gender: Option<Gender>,
    /// True for the subject case ("he"; "it" and "you" are both cases).
    pub subject: bool,
}

/// The features of a personal pronoun (subject or object case), if `norm` is one.
/// "Her" is taken as the object pronoun here; it is also a possessive determiner.
pub fn personal_pronoun(norm: &str) -> Option<Pronoun> {
    use Gender::*;
    use Number::*;
    let p = |person, number, gender, subject| {
        Some(Pronoun {
            person,
            number,
            gender,
            subject,
        })
    };
    match norm {
        "I" => p(1, Singular, None, true),
        "ME" => p(1, Singular, None, false),
        "WE" => p(1, Plural, None, true),
        "US" => p(1, Plural, None, false),
        "YOU" => p(2, Either, None, true),
        "HE" => p(3, Singular, Some(Masculine), true),
        "HIM" => p(3, Singular, Some(Masculine), false),
        "SHE" => p(3, Singular, Some(Feminine), true),
        "HER" => p(3, Singular, Some(Feminine), false),
        "IT" => p(3, Singular, Some(Neuter), true),
        "THEY" => p(3, Plural, None, true),
        "THEM" => p(3, Plural, None, false),
        _ => None,
    }
}

/// "the", "a", "an".
pub fn is_article(norm: &str) -> bool {
    ARTICLES.contains(&norm)
}

/// "this", "that", "these", "those".
pub fn is_demonstrative(norm: &str) -> bool {
    DEMONSTRATIVES.contains(&norm)
}

/// "my", "your", "his", "her", "its", "our", "their".
pub fn is_possessive_determiner(norm: &str) -> bool {
    POSSESSIVE_DETERMINERS.contains(&norm)
}

/// Articles, demonstratives and possessive determiners: the words that open a noun
/// phrase and fix which thing it is.
pub fn is_determiner(norm: &str) -> bool {
    is_article(norm) || is_demonstrative(norm) || is_possessive_determiner(norm)
}

/// A personal pronoun in the subject case ("I", "he", "they").
pub fn is_subject_pronoun(norm: &str) -> bool {
    SUBJECT_PRONOUNS.contains(&norm)
}

/// A personal pronoun in either case ("he", "him", "them").
pub fn is_personal_pronoun(norm: &str) -> bool {
    SUBJECT_PRONOUNS.contains(&norm) || OBJECT_PRONOUNS.contains(&norm)
}

/// A modal auxiliary ("will", "could", "must").
pub fn is_modal(norm: &str) -> bool {
    MODALS.contains(&norm)
}

/// A form of *be*.
pub fn is_be(norm: &str) -> bool {
    BE_FORMS.contains(&norm)
}

/// A form of *have*.
pub fn is_have(norm: &str) -> bool {
    HAVE_FORMS.contains(&norm)
}

/// A form of *do*.
pub fn is_do(norm: &str) -> bool {
    DO_FORMS.contains(&norm)
}

/// Any auxiliary: a modal, a form of *be*, *have* or *do*, or an auxiliary clitic.
pub fn is_auxiliary(norm: &str) -> bool {
    is_modal(norm)
        || is_be(norm)
        || is_have(norm)
        || is_do(norm)
        || AUXILIARY_CLITICS.contains(&norm)
}

/// "not", "n't".
pub fn is_negation(norm: &str) -> bool {
    NEGATIONS.contains(&norm)
}

/// "and", "or", "but".
pub fn is_coordinator(norm: &str) -> bool {
    COORDINATORS.contains(&norm)
}

/// A wh-word ("who", "which", "when", …).
pub fn is_wh_word(norm: &str) -> bool {
    WH_WORDS.contains(&norm)
}

/// One of the nine common prepositions ("of", "in", "to", …).
pub fn is_common_preposition(norm: &str) -> bool {
    COMMON_PREPOSITIONS.contains(&norm)
}

/// "after", "before", "since", "until", "during".
pub fn is_temporal_preposition(norm: &str) -> bool {
    TEMPORAL_PREPOSITIONS.contains(&norm)
}

/// A preposition that places something ("outside", "near", "throughout").
pub fn is_locative_preposition(norm: &str) -> bool {
    LOCATIVE_PREPOSITIONS.contains(&norm)
}

/// A quantifying determiner ("no", "each", "another").
pub fn is_quantifier(norm: &str) -> bool {
    QUANTIFIERS.contains(&norm)
}

/// "Mr.", "Mrs.", "Ms.", "Dr." (with or without the period).
pub fn is_honorific(norm: &str) -> bool {
    HONORIFICS.contains(&norm)
}

/// A shared title or role before a name (see [`TITLES`]), or an honorific.
pub fn is_title(norm: &str) -> bool {
    TITLES.contains(&norm) || is_honorific(norm)
}

/// Month names, full or abbreviated with or without a period ("JANUARY", "JAN", "JAN."),
/// normalised.
pub fn is_month_name(norm: &str) -> bool {
    MONTHS.contains(&norm) || {
        let bare = norm.strip_suffix('.').unwrap_or(norm);
        MONTH_ABBREVIATIONS.iter().any(|&(a, _)| a == bare)
    }
}

/// Full month and weekday names (normalised, upper case): capitalised words that are never
/// names of people or places.
pub fn is_calendar_word(norm: &str) -> bool {
    MONTHS.contains(&norm) || WEEKDAYS.contains(&norm)
}

/// The month number (1–12) of a full or abbreviated month name without a period, in any
/// letter case ("March", "mar", "SEPT").
pub fn month_number(word: &str) -> Option<u32> {
    if let Some(i) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word)) {
        return Some(i as u32 + 1);
    }
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(word))
        .map(|&(_, n)| n)
}

/// The ISO weekday number (Monday = 1) of a weekday name, in any letter case.
pub fn weekday_number(word: &str) -> Option<u32> {
    WEEKDAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_upper_case_and_without_duplicates() {
        let all: &[&[&str]] = &[
            ARTICLES,
            DEMONSTRATIVES,
            POSSESSIVE_DETERMINERS,
            SUBJECT_PRONOUNS,
            OBJECT_PRONOUNS,
            MODALS,
            BE_FORMS,
            HAVE_FORMS,
            DO_FORMS,
            AUXILIARY_CLITICS,
            NEGATIONS,
            COORDINATORS,
            WH_WORDS,
            COMMON_PREPOSITIONS,
            TEMPORAL_PREPOSITIONS,
            LOCATIVE_PREPOSITIONS,
            QUANTIFIERS,
            HONORIFICS,
            TITLES,
            MONTHS,
            WEEKDAYS,
        ];
        for list in all {
            for (i, w) in list.iter().enumerate() {
                assert_eq!(*w, w.to_uppercase(), "{w}");
                assert!(!list[..i].contains(w), "{w} twice");
            }
        }
    }

    #[test]
    fn determiners_and_pronouns() {
        assert!(is_determiner("THE") && is_determiner("THOSE") && is_determiner("THEIR"));
        assert!(!is_determiner("SOME") && !is_determiner("the"));
        assert!(is_subject_pronoun("THEY") && !is_subject_pronoun("THEM"));
        assert!(is_personal_pronoun("THEM") && is_personal_pronoun("YOU"));
        let he = personal_pronoun("HE").unwrap();
        assert_eq!(
            (he.person, he.number, he.gender, he.subject),
            (3, Number::Singular, Some(Gender::Masculine), true)
        );
        assert_eq!(personal_pronoun("IT").unwrap().gender, Some(Gender::Neuter));
        assert_eq!(personal_pronoun("THEY").unwrap().number, Number::Plural);
        assert!(!personal_pronoun("US").unwrap().subject);
        assert_eq!(personal_pronoun("HIS"), None);
        // Every listed pronoun has features, and only those.
        for w in SUBJECT_PRONOUNS.iter().chain(OBJECT_PRONOUNS) {
            let p = personal_pronoun(w).unwrap();
            assert!(!p.subject || is_subject_pronoun(w), "{w}");
        }
    }

    #[test]
    fn auxiliaries() {
        for w in ["WILL", "MUST", "AM", "BEING", "HAD", "DID", "'LL", "'S"] {
            assert!(is_auxiliary(w), "{w}");
        }
        assert!(is_modal("MIGHT") && !is_modal("DO"));
        assert!(is_be("BEEN") && is_have("HAS") && is_do("DOES"));
        assert!(!is_auxiliary("GET") && !is_auxiliary("'M"));
        assert!(is_negation("N'T") && !is_negation("NO"));
    }

    #[test]
    fn small_classes() {
        assert!(is_coordinator("BUT") && !is_coordinator("NOR"));
        assert!(is_wh_word("WHOSE") && !is_wh_word("THAT"));
        assert!(is_common_preposition("WITH") && !is_common_preposition("ABOUT"));
        assert!(is_temporal_preposition("UNTIL") && !is_temporal_preposition("AGO"));
        assert!(is_locative_preposition("THROUGHOUT") && !is_locative_preposition("IN"));
        assert!(is_quantifier("ANOTHER") && !is_quantifier("THE"));
    }

    #[test]
    fn titles_and_honorifics() {
        assert!(is_honorific("MR.") && is_honorific("DR") && !is_honorific("SIR"));
        assert!(is_title("MRS") && is_title("SPOKESWOMAN") && is_title("GEN."));
        assert!(!is_title("THE") && !is_title("PUTIN"));
    }

    #[test]
    fn months_and_weekdays() {
        assert!(is_month_name("JANUARY") && is_month_name("SEPT.") && is_month_name("MAR"));
        assert!(!is_month_name("MAY.") && is_month_name("MAY"));
        assert!(!is_month_name("JANU"));
        assert!(is_calendar_word("MAY") && is_calendar_word("SUNDAY"));
        assert!(!is_calendar_word("JAN"));
        assert_eq!(month_number("march"), Some(3));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("SEP"), Some(9));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("sept."), None);
        assert_eq!(month_number("mayo"), None);
        assert_eq!(weekday_number("monday"), Some(1));
        assert_eq!(weekday_number("Sunday"), Some(7));
        assert_eq!(weekday_number("someday"), None);
    }
}
