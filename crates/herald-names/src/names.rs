//! People and organisations: actor mentions plus capitalised-name heuristics.

use crate::text::{is_cap, is_upper_word, mention_at, WordSet};
use herald_core::{Document, MentionKind, Name, Span, TokenKind};

/// Titles and roles before a person's name (normalised forms): the shared titles and
/// honorifics of [`herald_text::words::is_title`] plus [`TITLES_OWN`].
fn is_title(w: &str) -> bool {
    herald_text::words::is_title(w) || TITLES_OWN.contains(w)
}

/// Titles only the name finder knows: more ranks, offices and roles.
static TITLES_OWN: WordSet = WordSet::new(&[
    "PRINCESS",
    "REPRESENTATIVE",
    "LT.",
    "SGT.",
    "CAPT.",
    "ADM.",
    "PROF.",
    "AYATOLLAH",
    "SPEAKER",
    "CAPTAIN",
    "EDITOR",
    "COUNTERPART",
    "DIPLOMAT",
    "SPOKESPEOPLE",
    "FOUNDER",
    "PRESIDENT-ELECT",
    "LAWMAKER",
]);

/// Words that end or head an organisation's name.
static ORG_CUES: WordSet = WordSet::new(&[
    "MINISTRY",
    "AGENCY",
    "COUNCIL",
    "PARTY",
    "BANK",
    "UNION",
    "CORPORATION",
    "CORP.",
    "CORP",
    "INC.",
    "INC",
    "LTD",
    "LTD.",
    "COMPANY",
    "CO.",
    "NEWS",
    "PRESS",
    "COMMITTEE",
    "COMMISSION",
    "ORGANIZATION",
    "ORGANISATION",
    "ASSOCIATION",
    "INSTITUTE",
    "UNIVERSITY",
    "DEPARTMENT",
    "ARMY",
    "NAVY",
    "COURT",
    "PARLIAMENT",
    "CONGRESS",
    "SENATE",
    "ASSEMBLY",
    "FOUNDATION",
    "FUND",
    "GROUP",
    "FEDERATION",
    "FORUM",
    "BUREAU",
    "AUTHORITY",
    "SERVICE",
    "TIMES",
    "POST",
    "JOURNAL",
    "HOUSE",
    "PENTAGON",
    "ALLIANCE",
    "FRONT",
    "MOVEMENT",
    "BRIGADE",
    "BRIGADES",
    "GUARD",
    "AIRLINES",
    "CENTER",
    "CENTRE",
    "SOCIETY",
    "BOARD",
    "OFFICE",
    "TELEVISION",
    "RADIO",
]);

/// Lower-case institution words after a possessive ("China's foreign ministry").
const LOWER_ORG: &[&str] = &["MINISTRY", "AGENCY", "PARLIAMENT", "CABINET", "GOVERNMENT"];

/// News organisations known by a short name.
static MEDIA: WordSet = WordSet::new(&[
    "REUTERS",
    "AP",
    "AFP",
    "SPUTNIK",
    "AL JAZEERA",
    "BBC",
    "CNN",
    "ASSOCIATED PRESS",
    "AGENCE FRANCE-PRESSE",
    "XINHUA",
    "TASS",
    "RIA NOVOSTI",
    "BLOOMBERG",
    "INTERFAX",
    "KYODO",
    "YONHAP",
    "ANADOLU",
    "CGTN",
    "EFE",
    "NPR",
    "NBC",
    "CBS",
    "ABC",
    "FOX NEWS",
    "MSNBC",
    "IRNA",
    "AL ARABIYA",
    "DPA",
    "UKRINFORM",
    "RT",
]);

/// First words of the two-word names in [`MEDIA`].
static MEDIA_FIRST: WordSet = WordSet::new(&["AL", "ASSOCIATED", "AGENCE", "RIA", "FOX"]);

/// Capitalised words that are not parts of names: the shared closed classes of
/// [`herald_text::words`] plus [`NOT_NAME_OWN`].
fn is_not_name(w: &str) -> bool {
    use herald_text::words as ws;
    ws::is_article(w)
        || ws::is_demonstrative(w)
        || ws::is_subject_pronoun(w)
        || ws::is_coordinator(w)
        || ws::is_common_preposition(w)
        || ws::is_temporal_preposition(w)
        || NOT_NAME_OWN.contains(w)
}

/// The rest of the words that are never parts of names: sentence adverbs, photo-credit
/// words, and the possessives, wh-words and day words this finder has always listed (a
/// subset of the shared classes: "your", "which", "whom" and "whose" are not here).
static NOT_NAME_OWN: WordSet = WordSet::new(&[
    "IF",
    "WHEN",
    "WHILE",
    "EARLIER",
    "LATER",
    "MEANWHILE",
    "HOWEVER",
    "SOURCE",
    "FILE",
    "PHOTO",
    "READ",
    "MORE",
    "THEN",
    "NOW",
    "SO",
    "YET",
    "STILL",
    "ALSO",
    "THUS",
    "THERE",
    "HERE",
    "WHAT",
    "WHY",
    "HOW",
    "WHERE",
    "WHO",
    "AS",
    "NOT",
    "NO",
    "YES",
    "OUR",
    "MY",
    "HIS",
    "HER",
    "ITS",
    "THEIR",
    "ONE",
    "ALL",
    "SOME",
    "MANY",
    "MOST",
    "TODAY",
    "YESTERDAY",
    "TOMORROW",
    "LAST",
    "NEXT",
    "ACCORDING",
    "DEAR",
]);

/// Verbs after a name that make it a speaker ("Maria Ortiz said").
const SPEECH: &[&str] = &[
    "SAID",
    "SAYS",
    "TOLD",
    "WROTE",
    "ADDED",
    "TWEETED",
    "STATED",
    "ASKED",
    "ANNOUNCED",
];

/// The people of the document, one entry per distinct name, in order of first mention.
///
/// Names come from the actor mentions of kind Person (titles such as "Chinese President"
/// removed) and from runs of 2–4 capitalised words after a title or role ("spokesman Ivan
/// Petrov", "Al Jazeera's Katrina Yu", "File: Alexei Druzhinin") or before ", who" or a
/// speech verb. A short form that is part of a longer name of the same person ("Putin",
/// "Xi") is folded into the longer one; the entry's span is the first mention of the name
/// it keeps.
pub fn persons(doc: &Document) -> Vec<Name> {
    let toks = &doc.tokens;
    let mut found: Vec<(usize, Span, Option<String>)> = Vec::new(); // (start token, span, code)
    for m in &doc.mentions {
        if m.kind != MentionKind::Person {
            continue;
        }
        if let Some((a, b)) = strip_titles(doc, m.tokens.start, m.tokens.end) {
            found.push((
                a,
                toks[a].span.cover(toks[b - 1].span),
                Some(m.code.clone()),
            ));
        }
    }
    for s in &doc.sentences {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            if !name_word(doc, i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < s.tokens.end && name_word(doc, j) {
                j += 1;
            }
            // The run may begin with titles: "Foreign Minister Wang Yi".
            let (a, titled) = match strip_titles(doc, i, j) {
                Some((a, _)) => (a, a > i),
                None => {
                    i = j;
                    continue;
                }
            };
            let n = j - a;
            let covered = mention_at(doc, toks[a].span.cover(toks[j - 1].span)).is_some();
            if (2..=4).contains(&n) && !covered && !is_org_like(doc, a, j) {
                let cue = titled
                    || (a > 0 && title_before(doc, a))
                    || (a >= 2
                        && toks[a - 1].norm == ":"
                        && matches!(toks[a - 2].norm.as_str(), "FILE" | "PHOTO"))
                    || (a >= 2 && toks[a - 1].norm == "'S" && is_media(doc, a - 1))
                    || followed_by_speech(doc, j);
                if cue {
                    found.push((a, toks[a].span.cover(toks[j - 1].span), None));
                }
            }
            i = j;
        }
    }
    found.sort_by_key(|f| f.0);
    merge(doc, found)
}

/// The organisations of the document, one entry per distinct name, in order of first mention.
///
/// From actor mentions of kind Organization (not titles such as "US Secretary of State"),
/// news organisations (Reuters, AP, Al Jazeera…), capitalised names holding an organisation
/// word (Ministry, Agency, Party, Bank… "the Ministry of Foreign Affairs"), and a country's
/// possessive before a lower-case institution ("China's foreign ministry").
pub fn organizations(doc: &Document) -> Vec<Name> {
    let toks = &doc.tokens;
    let mut found: Vec<(usize, Span, Option<String>)> = Vec::new();
    for m in &doc.mentions {
        let (a, b) = (m.tokens.start, m.tokens.end);
        if a >= b || b > toks.len() {
            continue;
        }
        let a = if toks[a].norm == "THE" { a + 1 } else { a };
        if a >= b || toks[a..b].iter().any(|t| is_title(&t.norm)) {
            continue;
        }
        // "State Department officials": the name without trailing lower-case words.
        let full = b;
        let mut b = b;
        while b > a + 1 && !is_cap(doc, b - 1) {
            b -= 1;
        }
        // "U.S. military" trimmed to "U.S." is a country, not an organisation.
        if b < full && b - a == 1 {
            continue;
        }
        let last = toks[b - 1].norm.as_str();
        let sector = m
            .code
            .get(..3)
            .is_some_and(|c| matches!(c, "MED" | "IGO" | "NGO" | "MNC" | "BUS" | "EDU"));
        let ok = match m.kind {
            MentionKind::Organization => true,
            MentionKind::Country | MentionKind::Metonym => sector || ORG_CUES.contains(last),
            _ => false,
        };
        if ok {
            found.push((
                a,
                toks[a].span.cover(toks[b - 1].span),
                Some(m.code.clone()),
            ));
        }
    }
    for s in &doc.sentences {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            if let Some(n) = media_at(doc, i, s.tokens.end) {
                found.push((i, toks[i].span.cover(toks[i + n - 1].span), None));
                i += n;
                continue;
            }
            if toks[i].kind == TokenKind::Word && is_cap(doc, i) {
                // A capitalised run, allowing "of", "for", "and", "the" inside.
                let mut j = i + 1;
                let mut end = j;
                while j < s.tokens.end && toks[j].kind == TokenKind::Word {
                    if is_cap(doc, j) {
                        j += 1;
                        end = j;
                    } else if matches!(toks[j].norm.as_str(), "OF" | "FOR" | "ON")
                        || (toks[j].norm == "THE" && matches!(toks[j - 1].norm.as_str(), "OF" | "FOR" | "ON"))
                        // "X and Y" joins two names once the first is complete.
                        || (toks[j].norm == "AND"
                            && !toks[i..j].iter().any(|t| ORG_CUES.contains(&t.norm)))
                    {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let a = if toks[i].norm == "THE" { i + 1 } else { i };
                // Longer runs are title-case headlines, not names.
                if (2..=6).contains(&(end - a))
                    && !is_title(&toks[a].norm)
                    && toks[a..end].iter().any(|t| ORG_CUES.contains(&t.norm))
                    // "Party leaders" is not a name; "Bank of England" is.
                    && (!ORG_CUES.contains(&toks[a].norm) || end - a >= 3)
                {
                    found.push((a, toks[a].span.cover(toks[end - 1].span), None));
                }
                i = end.max(i + 1);
                continue;
            }
            // "China's foreign ministry": possessive, up to two lower-case words, institution.
            if LOWER_ORG.contains(&toks[i].norm.as_str()) && !is_cap(doc, i) {
                let mut k = i;
                while k > s.tokens.start
                    && i - k < 3
                    && !is_cap(doc, k - 1)
                    && toks[k - 1].norm != "'S"
                {
                    k -= 1;
                }
                if k >= s.tokens.start + 2 && toks[k - 1].norm == "'S" && is_cap(doc, k - 2) {
                    found.push((k - 2, toks[k - 2].span.cover(toks[i].span), None));
                }
            }
            i += 1;
        }
    }
    found.sort_by_key(|f| f.0);
    let mut out: Vec<Name> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for (_, span, code) in found {
        let text = doc.slice(span);
        // Curly and straight apostrophes name the same thing.
        let key: String = doc.tokens[doc.tokens.partition_point(|t| t.span.start < span.start)..]
            .iter()
            .take_while(|t| t.span.end <= span.end)
            .map(|t| t.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !seen.insert(key) {
            continue;
        }
        let text = text.to_string();
        // Nested finds ("Kremlin" inside "Kremlin Pool Photo") keep the first.
        if out.iter().any(|n| n.span.overlaps(span)) {
            continue;
        }
        out.push(Name { text, span, code });
    }
    out
}

/// The length of a news organisation's name starting at token `i`, if one does.
fn media_at(doc: &Document, i: usize, end: usize) -> Option<usize> {
    let toks = &doc.tokens;
    if toks[i].kind != TokenKind::Word || !is_cap(doc, i) {
        return None;
    }
    let first = toks[i].norm.as_str();
    for n in (1..=2).rev() {
        if i + n > end || (n == 2 && !MEDIA_FIRST.contains(first)) {
            continue;
        }
        let hit = if n == 1 {
            MEDIA.contains(first)
        } else {
            let mut key = String::with_capacity(32);
            key.push_str(first);
            key.push(' ');
            key.push_str(&toks[i + 1].norm);
            MEDIA.contains(&key)
        };
        if hit {
            let key = first;
            // Short acronyms only in capitals: "Ap" or "Rt" are not agencies.
            if n == 1 && key.len() <= 4 && !is_upper_word(doc, i) {
                return None;
            }
            return Some(n);
        }
    }
    None
}

fn is_media(doc: &Document, i: usize) -> bool {
    // Token `i` is "'s"; the organisation's name ends before it.
    (1..=2).any(|n| i >= n && media_at(doc, i - n, i) == Some(n))
}

/// A capitalised word that can be part of a person's name.
fn name_word(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens[i];
    t.kind == TokenKind::Word
        && is_cap(doc, i)
        && !is_not_name(&t.norm)
        && !herald_text::is_calendar_word(&t.norm)
        && (t.norm.chars().count() == 1 || !is_upper_word(doc, i) || is_title(&t.norm))
}

/// The name part of tokens `a..b`: what follows the last title word, when 1–4 words.
fn strip_titles(doc: &Document, a: usize, b: usize) -> Option<(usize, usize)> {
    let toks = &doc.tokens;
    let mut start = a;
    for k in a..b {
        let w = toks[k].norm.as_str();
        // "Secretary of State Antony Blinken": State is part of the title.
        let state = w == "STATE" && k >= 2 && toks[k - 1].norm == "OF";
        if is_title(w) || state || !is_cap(doc, k) || toks[k].kind != TokenKind::Word {
            start = k + 1;
        }
    }
    let n = b.saturating_sub(start);
    (1..=4).contains(&n).then_some((start, b))
}

fn title_before(doc: &Document, a: usize) -> bool {
    let toks = &doc.tokens;
    let w = toks[a - 1].norm.as_str();
    is_title(w)
        || (w == "STATE" && a >= 3 && toks[a - 2].norm == "OF" && toks[a - 3].norm == "SECRETARY")
}

fn followed_by_speech(doc: &Document, j: usize) -> bool {
    let toks = &doc.tokens;
    match toks.get(j).map(|t| t.norm.as_str()) {
        Some(w) if SPEECH.contains(&w) => true,
        Some(",") => toks.get(j + 1).is_some_and(|t| t.norm == "WHO"),
        _ => false,
    }
}

/// Organisation words or news organisations inside a run are not people.
fn is_org_like(doc: &Document, a: usize, b: usize) -> bool {
    doc.tokens[a..b].iter().any(|t| ORG_CUES.contains(&t.norm))
        || (a..b).any(|i| media_at(doc, i, b).is_some())
}

/// One entry per name; short forms folded into the longer names that contain them.
fn merge(doc: &Document, found: Vec<(usize, Span, Option<String>)>) -> Vec<Name> {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| w.trim_end_matches(['\'', '\u{2019}']).to_string())
            .collect()
    };
    let all: Vec<(Vec<String>, Span, Option<String>)> = found
        .into_iter()
        .map(|(_, span, code)| (words(doc.slice(span)), span, code))
        .collect();
    let mut out: Vec<Name> = Vec::new();
    let mut seen: Vec<Vec<String>> = Vec::new();
    for (w, span, code) in &all {
        let contained = all
            .iter()
            .any(|(o, _, _)| o.len() > w.len() && o.windows(w.len()).any(|x| x == w.as_slice()));
        if contained || seen.contains(w) {
            continue;
        }
        seen.push(w.clone());
        out.push(Name {
            text: doc.slice(*span).to_string(),
            span: *span,
            code: code.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists as they were before the shared classes moved to `herald_text::words`.
    const TITLES_BEFORE: &[&str] = &[
        "PRESIDENT",
        "PREMIER",
        "MINISTER",
        "SECRETARY",
        "CHANCELLOR",
        "KING",
        "QUEEN",
        "PRINCE",
        "PRINCESS",
        "SENATOR",
        "SEN.",
        "REP.",
        "REPRESENTATIVE",
        "GOV.",
        "GOVERNOR",
        "MAYOR",
        "GENERAL",
        "GEN.",
        "COL.",
        "LT.",
        "SGT.",
        "CAPT.",
        "ADM.",
        "MR.",
        "MRS.",
        "MS.",
        "DR.",
        "MR",
        "MRS",
        "MS",
        "DR",
        "PROF.",
        "PROFESSOR",
        "SPOKESMAN",
        "SPOKESWOMAN",
        "SPOKESPERSON",
        "REPORTER",
        "CORRESPONDENT",
        "LEADER",
        "CHIEF",
        "DIRECTOR",
        "AMBASSADOR",
        "ENVOY",
        "JUDGE",
        "JUSTICE",
        "POPE",
        "SHEIKH",
        "AYATOLLAH",
        "EMIR",
        "CEO",
        "CHAIRMAN",
        "CHAIRWOMAN",
        "SPEAKER",
        "COMMANDER",
        "CAPTAIN",
        "ANALYST",
        "EDITOR",
        "ATTORNEY",
        "LAWYER",
        "ADVISER",
        "ADVISOR",
        "DEPUTY",
        "VICE",
        "PRIME",
        "FOREIGN",
        "DEFENCE",
        "DEFENSE",
        "COUNTERPART",
        "DIPLOMAT",
        "OFFICIAL",
        "SPOKESPEOPLE",
        "FOUNDER",
        "PRESIDENT-ELECT",
        "CANDIDATE",
        "LAWMAKER",
    ];
    const NOT_NAME_BEFORE: &[&str] = &[
        "THE",
        "A",
        "AN",
        "IN",
        "ON",
        "AT",
        "BUT",
        "AND",
        "OR",
        "IF",
        "HE",
        "SHE",
        "IT",
        "THEY",
        "WE",
        "I",
        "THIS",
        "THAT",
        "THESE",
        "THOSE",
        "WHEN",
        "WHILE",
        "AFTER",
        "BEFORE",
        "EARLIER",
        "LATER",
        "MEANWHILE",
        "HOWEVER",
        "SOURCE",
        "FILE",
        "PHOTO",
        "READ",
        "MORE",
        "THEN",
        "NOW",
        "SO",
        "YET",
        "STILL",
        "ALSO",
        "THUS",
        "THERE",
        "HERE",
        "WHAT",
        "WHY",
        "HOW",
        "WHERE",
        "WHO",
        "AS",
        "FOR",
        "WITH",
        "BY",
        "FROM",
        "TO",
        "OF",
        "NOT",
        "NO",
        "YES",
        "OUR",
        "MY",
        "HIS",
        "HER",
        "ITS",
        "THEIR",
        "YOU",
        "ONE",
        "ALL",
        "SOME",
        "MANY",
        "MOST",
        "TODAY",
        "YESTERDAY",
        "TOMORROW",
        "LAST",
        "NEXT",
        "SINCE",
        "UNTIL",
        "DURING",
        "ACCORDING",
        "DEAR",
    ];

    #[test]
    fn lists_unchanged_by_the_move_to_shared_classes() {
        use herald_text::words as w;
        let lists: &[&[&str]] = &[
            w::ARTICLES,
            w::DEMONSTRATIVES,
            w::POSSESSIVE_DETERMINERS,
            w::SUBJECT_PRONOUNS,
            w::OBJECT_PRONOUNS,
            w::COORDINATORS,
            w::WH_WORDS,
            w::COMMON_PREPOSITIONS,
            w::TEMPORAL_PREPOSITIONS,
            w::HONORIFICS,
            w::TITLES,
            TITLES_BEFORE,
            NOT_NAME_BEFORE,
        ];
        for word in lists.iter().flat_map(|l| l.iter()) {
            assert_eq!(is_title(word), TITLES_BEFORE.contains(word), "title {word}");
            assert_eq!(is_not_name(word), NOT_NAME_BEFORE.contains(word), "{word}");
        }
        // The crate's own lists are covered through the old lists, which contain them.
    }
}
