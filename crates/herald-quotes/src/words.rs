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
/// Vladimir Putin` → `Vladimir Putin`).
pub(crate) fn is_title(norm: &str) -> bool {
    matches!(
        norm,
        "PRESIDENT"
            | "PRIME"
            | "MINISTER"
            | "SECRETARY"
            | "SECRETARY-GENERAL"
            | "FOREIGN"
            | "DEFENCE"
            | "DEFENSE"
            | "STATE"
            | "GENERAL"
            | "GEN."
            | "CHANCELLOR"
            | "PREMIER"
            | "KING"
            | "QUEEN"
            | "PRINCE"
            | "SENATOR"
            | "SEN."
            | "REP."
            | "GOVERNOR"
            | "GOV."
            | "MAYOR"
            | "MR."
            | "MRS."
            | "MS."
            | "DR."
            | "MR"
            | "MRS"
            | "MS"
            | "DR"
            | "CHAIRMAN"
            | "CHAIRWOMAN"
            | "SPOKESMAN"
            | "SPOKESWOMAN"
            | "SPOKESPERSON"
            | "AMBASSADOR"
            | "ENVOY"
            | "LEADER"
            | "VICE"
            | "DEPUTY"
            | "FIRST"
            | "LADY"
            | "POPE"
            | "SHEIKH"
            | "EMIR"
            | "CROWN"
            | "OF"
            | "THE"
            | "COLONEL"
            | "COL."
            | "MAJOR"
            | "LIEUTENANT"
            | "COMMANDER"
            | "JUSTICE"
            | "JUDGE"
            | "SUPREME"
            | "CHIEF"
            | "HEAD"
            | "DIRECTOR"
            | "ADMIRAL"
            | "INTERIOR"
            | "FINANCE"
            | "OPPOSITION"
            | "PARTY"
            | "ADVISER"
            | "ADVISOR"
            | "AIDE"
            | "LAWYER"
            | "ATTORNEY"
            | "OFFICIAL"
            | "ANALYST"
            | "CORRESPONDENT"
            | "REPORTER"
            | "PROFESSOR"
            | "ECONOMIST"
            | "CANDIDATE"
            | "CEO"
    )
}

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
/// `Some(false)` for a body (it, they).
pub(crate) fn pronoun(norm: &str) -> Option<bool> {
    match norm {
        "HE" | "SHE" => Some(true),
        "IT" | "THEY" => Some(false),
        _ => None,
    }
}

/// Words that end a common-noun speaker phrase going left (`the spokesperson said`).
pub(crate) fn is_function_word(norm: &str) -> bool {
    matches!(
        norm,
        "THE"
            | "A"
            | "AN"
            | "THAT"
            | "WHICH"
            | "WHO"
            | "AND"
            | "BUT"
            | "OR"
            | "TO"
            | "OF"
            | "IN"
            | "ON"
            | "AT"
            | "FOR"
            | "WITH"
            | "BY"
            | "FROM"
            | "AS"
            | "IS"
            | "WAS"
            | "ARE"
            | "WERE"
            | "BE"
            | "BEEN"
            | "IT"
            | "THIS"
            | "THESE"
            | "THOSE"
            | "NOT"
            | "NO"
            | "WHAT"
            | "WHEN"
            | "WHERE"
            | "HOW"
            | "WHY"
            | "IF"
            | "SO"
            | "THAN"
            | "THEN"
            | "I"
            | "WE"
            | "YOU"
            | "HE"
            | "SHE"
            | "THEY"
            | "HIS"
            | "HER"
            | "ITS"
            | "THEIR"
            | "WILL"
            | "WOULD"
            | "CAN"
            | "COULD"
            | "HAS"
            | "HAVE"
            | "HAD"
            | "SOME"
            | "MANY"
            | "MOST"
            | "WHILE"
            | "AFTER"
            | "BEFORE"
            | "DURING"
            | "YESTERDAY"
            | "TODAY"
            | "TONIGHT"
            | "LATER"
            | "EARLIER"
            | "ALSO"
    )
}

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

    #[test]
    fn verb_list_and_match_agree() {
        for v in REPORTING {
            assert!(is_reporting(&v.to_ascii_uppercase()), "{v}");
        }
        assert!(!is_reporting("STATES"));
        assert!(!is_reporting("SAIDS"));
    }
}
