//! Noun-headed events: "a state visit", "Russia's invasion of Ukraine", "held a phone
//! conversation with". The nouns come from the dictionaries' `.nouns` files.

use crate::placement::MentionAt;
use crate::words::{possessive, NUMBER_WORDS};
use herald_core::{Mention, MentionKind};
use herald_lexicon::EventNoun;
use std::collections::HashMap;

/// Verbs whose object noun carries the event: the verb's subject is the source.
const LIGHT_VERBS: &[&str] = &[
    "HOLD",
    "HOLDS",
    "HELD",
    "HOLDING",
    "HAVE",
    "HAS",
    "HAD",
    "HAVING",
    "PAY",
    "PAYS",
    "PAID",
    "MAKE",
    "MAKES",
    "MADE",
    "LAUNCH",
    "LAUNCHES",
    "LAUNCHED",
    "IMPOSE",
    "IMPOSES",
    "IMPOSED",
    "IMPOSING",
    "BEGIN",
    "BEGINS",
    "BEGAN",
    "START",
    "STARTS",
    "STARTED",
    "CONDUCT",
    "CONDUCTS",
    "CONDUCTED",
    "CARRY",
    "CARRIED",
    "STAGE",
    "STAGED",
    "CONTINUE",
    "CONTINUES",
    "CONTINUED",
    "CONTINUING",
    "SEND",
    "SENT",
    "PROVIDE",
    "PROVIDED",
    "ANNOUNCE",
    "ANNOUNCED",
    // Verbs that open, renew or lodge what the noun names ("opened investigations
    // against", "renewed negotiations with", "lodged a protest with").
    "OPEN",
    "OPENS",
    "OPENED",
    "RENEW",
    "RENEWS",
    "RENEWED",
    "RESUME",
    "RESUMES",
    "RESUMED",
    "UNDERTAKE",
    "UNDERTAKES",
    "UNDERTOOK",
    "ORGANIZE",
    "ORGANIZED",
    "ORGANISE",
    "ORGANISED",
    "LODGE",
    "LODGED",
    "FILE",
    "FILED",
    "ISSUE",
    "ISSUED",
    "GIVE",
    "GAVE",
    "EXTEND",
    "EXTENDED",
    "REACH",
    "REACHED",
    "SIGN",
    "SIGNED",
    "ENTER",
    "ENTERED",
    "GRANT",
    "GRANTED",
    // Verbs that use a weapon the noun names ("fired tear gas at", "lobbed tear-gas
    // shells", "used water cannon on").
    "FIRE",
    "FIRED",
    "FIRING",
    "LOB",
    "LOBBED",
    "LOBBING",
    "USE",
    "USED",
    "USING",
    "BURST",
    "BURSTING",
];

/// Words that may stand between a light verb or possessor and the noun.
/// Words of an approximate count before a noun ("more than 400", "at least two"), number
/// words aside.
const COUNT_WORDS: &[&str] = &[
    "MORE", "THAN", "OVER", "ABOUT", "NEARLY", "ALMOST", "AROUND", "SOME", "AT", "LEAST",
];

const MODIFIERS: &[&str] = &[
    "A",
    "AN",
    "THE",
    "ITS",
    "HIS",
    "HER",
    "THEIR",
    "RARE",
    "FIRST",
    "NEW",
    "FRESH",
    "FURTHER",
    "MORE",
    "TWO-DAY",
    "THREE-DAY",
    "OFFICIAL",
    "STATE",
    "PHONE",
    "TELEPHONE",
    "VIDEO",
    "BILATERAL",
    "HIGH-LEVEL",
    "FULL-SCALE",
    "MILITARY",
    "ECONOMIC",
    "TOUGH",
    "HARSH",
    "SWEEPING",
    "LANDMARK",
    "SURPRISE",
    "BRIEF",
    "PRIVATE",
    "MAJOR",
    "LARGE-SCALE",
    "WARM",
    "STERN",
    "FORMAL",
    "JOINT",
    "GENERAL",
    "IMMEDIATE",
    "SEVERAL",
    "SERIOUS",
    "STRONG",
    "URGENT",
    "DIRECT",
    "FRAUD",
    "PEACE",
    "DIPLOMATIC",
    "NEW",
];

/// A noun event found at a token: which noun, where its words end.
pub(crate) struct NounHit<'n> {
    pub noun: &'n EventNoun,
    /// Sentence token of the noun's first word.
    pub start: usize,
    /// Sentence token after the noun's last word.
    pub end: usize,
}

/// Event noun forms by their last word: (noun index, form index).
pub(crate) type NounIndex = HashMap<String, Vec<(usize, usize)>>;

/// Index the forms of `nouns` by their last word, so that a token finds its candidates in
/// one lookup.
pub(crate) fn index(nouns: &[EventNoun]) -> NounIndex {
    let mut idx = NounIndex::new();
    for (ni, n) in nouns.iter().enumerate() {
        for (fi, f) in n.forms.iter().enumerate() {
            if let Some(last) = f.last() {
                idx.entry(last.clone()).or_default().push((ni, fi));
            }
        }
    }
    idx
}

/// The event noun whose (longest) form ends at token `v`.
pub(crate) fn at<'n>(
    nouns: &'n [EventNoun],
    index: &NounIndex,
    norms: &[&str],
    v: usize,
) -> Option<NounHit<'n>> {
    let mut best: Option<(usize, &EventNoun)> = None;
    for &(ni, fi) in index.get(norms[v])? {
        let f = &nouns[ni].forms[fi];
        let k = f.len();
        if v + 1 < k || best.is_some_and(|(bk, _)| k <= bk) {
            continue;
        }
        if norms[v + 1 - k..=v].iter().zip(f).all(|(a, b)| *a == b) {
            best = Some((k, &nouns[ni]));
        }
    }
    best.map(|(k, noun)| NounHit {
        noun,
        start: v + 1 - k,
        end: v + 1,
    })
}

/// The event noun that is the object of a light verb whose next word is at `after`
/// ("gave a warm welcome", "held talks"): modifiers, then the noun.
pub(crate) fn object_of<'n>(
    nouns: &'n [EventNoun],
    index: &NounIndex,
    norms: &[&str],
    verb: usize,
    after: usize,
) -> Option<NounHit<'n>> {
    if !LIGHT_VERBS.contains(norms.get(verb)?) {
        return None;
    }
    let mut k = after;
    while k < norms.len() && MODIFIERS.contains(&norms[k]) {
        k += 1;
    }
    // The longest noun form that starts right there ("hunger strike", not "strike").
    (k..(k + 3).min(norms.len()))
        .rev()
        .filter_map(|e| at(nouns, index, norms, e))
        .find(|h| h.start >= after && h.start <= k)
}

/// Words of a time phrase that may sit between a noun and its preposition, besides
/// weekday and month names ("a warm welcome on Thursday to de Klerk", "a hearing
/// Wednesday into …").
const TIME_WORDS: &[&str] = &[
    "TODAY",
    "YESTERDAY",
    "LAST",
    "NIGHT",
    "WEEK",
    "EARLIER",
    "LATER",
];

/// Whether a light verb in the passive follows the noun ending at `end`: "arrests have
/// been made", "raids were carried out".
pub(crate) fn made_in_passive(norms: &[&str], end: usize) -> bool {
    let window = &norms[end.min(norms.len())..(end + 4).min(norms.len())];
    window
        .iter()
        .position(|w| matches!(*w, "MADE" | "CARRIED" | "CONDUCTED"))
        .is_some_and(|i| i > 0 && matches!(window[i - 1], "BEEN" | "WERE" | "WAS" | "BE"))
}

/// How the source of a noun event was found.
pub(crate) enum Source {
    /// The actor right before the noun: "Russia's invasion", "a Chinese offensive".
    Possessor(usize),
    /// The noun is the object of a light verb at this token ("held talks").
    LightVerb(usize),
}

/// The possessor or light verb of the noun whose first word is at `first`.
pub(crate) fn source(norms: &[&str], mentions: &[MentionAt], first: usize) -> Option<Source> {
    // Walk left over modifiers, and over a measure of the noun ("launched 10 days of war
    // games", "a new round of talks").
    // … and over a count ("made 40 arrests", "made more than 400 arrests").
    let mut k = first;
    while k > 0
        && (MODIFIERS.contains(&norms[k - 1])
            || norms[k - 1].chars().all(|c| c.is_ascii_digit() || c == ',')
            || COUNT_WORDS.contains(&norms[k - 1])
            || NUMBER_WORDS.contains(&norms[k - 1]))
    {
        k -= 1;
    }
    if k >= 2
        && norms[k - 1] == "OF"
        && matches!(
            norms[k - 2],
            "DAYS" | "WEEKS" | "MONTHS" | "HOURS" | "ROUND" | "ROUNDS" | "SERIES" | "WAVE"
        )
    {
        k -= 2;
        while k > 0
            && (MODIFIERS.contains(&norms[k - 1])
                || norms[k - 1].chars().all(|c| c.is_ascii_digit())
                || matches!(
                    norms[k - 1],
                    "TWO" | "THREE" | "FOUR" | "FIVE" | "TEN" | "SECOND" | "THIRD" | "LAST"
                ))
        {
            k -= 1;
        }
    }
    // "Russia's (full-scale) invasion"; "the Chinese (state) visit"
    let poss = if k >= 1 && possessive(norms[k - 1]) {
        k - 1
    } else {
        k
    };
    if let Some(i) = mentions.iter().position(|m| m.end == poss && m.end > 0) {
        // "the Benghazi attack", "after the Orlando shooting": a city before the noun
        // says where, not who (a possessive or a country's name or adjective says who).
        if poss == k && names_a_place(mentions[i].mention) {
            return None;
        }
        return Some(Source::Possessor(i));
    }
    if k >= 1 && LIGHT_VERBS.contains(&norms[k - 1]) {
        return Some(Source::LightVerb(k - 1));
    }
    // "police resorted to firing", "had to resort to a lathi charge": resorting to an act
    // is doing it.
    if k >= 2
        && norms[k - 1] == "TO"
        && matches!(
            norms[k - 2],
            "RESORT" | "RESORTS" | "RESORTED" | "RESORTING"
        )
    {
        return Some(Source::LightVerb(k - 2));
    }
    None
}

/// Whether a country-coded mention names a place within the country (a city, a
/// region) rather than the country itself, its adjective or its acronym: its words are
/// not part of the dictionary entry's own name ("Benghazi" for Libya; not "Libya",
/// "Libyan", "U.S." for "United States Of America").
fn names_a_place(m: &Mention) -> bool {
    if !matches!(m.kind, MentionKind::Country | MentionKind::Metonym) {
        return false;
    }
    let text = m.text.to_uppercase();
    let label = m
        .entries
        .first()
        .and_then(|e| e.split_once(' '))
        .map(|(_, name)| name.to_uppercase())
        .unwrap_or_default();
    let acronym = text.chars().filter(|c| c.is_alphabetic()).count() <= 4
        && text.chars().all(|c| !c.is_lowercase());
    // An adjective or demonym begins like a word of the country's name ("Israeli",
    // "Russian", "American"), or ends like the irregular ones ("British", "Dutch",
    // "Chinese", "Swiss").
    let prefix = |w: &str| w.chars().take(3).collect::<String>();
    let adjective = label
        .split_whitespace()
        .any(|w| w.len() >= 3 && prefix(w) == prefix(&text))
        || ["ISH", "CH", "ESE", "SS"].iter().any(|e| text.ends_with(e));
    !label.is_empty() && !label.contains(&text) && !text.contains(&label) && !acronym && !adjective
}

/// The target: an actor introduced by one of the noun's prepositions right after it
/// ("conversation with Kuleba", "invasion of Ukraine", "sanctions against Russia").
pub(crate) fn target(
    noun: &EventNoun,
    norms: &[&str],
    mentions: &[MentionAt],
    end: usize,
) -> Option<usize> {
    let mut end = end;
    // "on" only when a time word follows: "sanctions on Russia" is the target's preposition.
    while let Some(w) = norms.get(end) {
        let time = match *w {
            "ON" => norms
                .get(end + 1)
                .is_some_and(|n| TIME_WORDS.contains(n) || herald_text::is_calendar_word(n)),
            w => TIME_WORDS.contains(&w) || herald_text::is_calendar_word(w),
        };
        if !time {
            break;
        }
        end += 1;
    }
    // "a hunger strike in protest of the government's refusal": the protest's target.
    if noun.preps.iter().any(|x| x == "AGAINST")
        && norms.get(end..end + 3).is_some_and(|w| {
            w[0] == "IN" && w[1] == "PROTEST" && matches!(w[2], "OF" | "AT" | "AGAINST" | "OVER")
        })
    {
        end += 2;
    } else if !noun
        .preps
        .iter()
        .any(|x| Some(&x.as_str()) == norms.get(end))
    {
        return None;
    }
    // The preposition, then at most a determiner and a title before the actor.
    mentions
        .iter()
        .position(|m| m.start > end && m.start <= end + 3)
        .filter(|&i| {
            norms[end + 1..mentions[i].start]
                .iter()
                .all(|w| MODIFIERS.contains(w) || matches!(*w, "HIS" | "HER" | "ITS"))
        })
}
