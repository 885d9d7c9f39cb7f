//! PETRARCH's new actors: capitalised names no dictionary knows, listed among the
//! mentions with code "---" so that users see which actors their dictionaries miss.

use herald_core::{Document, Mention, MentionKind};

/// Add to `doc.mentions` the runs of up to `max_len` capitalised words that no
/// dictionary actor covers, coded "---" (PETRARCH's `new_actor_length`; 0 adds none),
/// keeping the mentions in text order.
///
/// As in PETRARCH they code no events: the event coder leaves "---" mentions out, and
/// the pipeline calls this after coding (not for a story a discard phrase dropped).
/// Months, weekdays and sentence-initial function words ("The", "In") start no name; a
/// sector word inside a run ("Zorblax Industries") belongs to the new name.
pub fn new_actors(doc: &mut Document, max_len: usize) {
    if max_len == 0 {
        return;
    }
    // Tokens a dictionary actor covers; a sector word inside a run ("Zorblax
    // Industries") belongs to the new name.
    let mut covered = vec![false; doc.tokens.len()];
    for m in doc.mentions.iter().filter(|m| m.kind != MentionKind::Agent) {
        covered[m.tokens.clone()].iter_mut().for_each(|c| *c = true);
    }
    let found: Vec<Mention> = (0..doc.sentences.len())
        .flat_map(|si| in_sentence(doc, si, max_len, &covered))
        .collect();
    doc.mentions.extend(found);
    doc.mentions.sort_by_key(|m| m.tokens.start);
}

/// Capitalised words that start no new actor on their own: articles, pronouns and the
/// like at the start of a sentence (months and weekdays: `herald_text::is_calendar_word`).
const NOT_NEW_ACTORS: &[&str] = &[
    "THE", "A", "AN", "THIS", "THAT", "THESE", "THOSE", "HE", "SHE", "IT", "THEY", "WE", "I", "IN",
    "ON", "AT", "BUT", "AND", "IF", "WHEN", "AFTER", "BEFORE",
];

/// Runs of at most `max` capitalised words of sentence `si` that no actor covers
/// (`covered`, by document token), as "---" mentions.
fn in_sentence(doc: &Document, si: usize, max: usize, covered: &[bool]) -> Vec<Mention> {
    let range = doc.sentences[si].tokens.clone();
    let capital = |i: usize| {
        let t = &doc.tokens[i];
        t.span.slice(&doc.text).starts_with(char::is_uppercase)
            && t.norm.chars().any(char::is_alphabetic)
            && !NOT_NEW_ACTORS.contains(&t.norm.as_str())
            && !herald_text::is_calendar_word(&t.norm)
            && !covered[i]
    };
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !capital(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < range.end && capital(i) {
            i += 1;
        }
        if i - start <= max {
            let span = doc.tokens[start].span.cover(doc.tokens[i - 1].span);
            out.push(Mention {
                text: span.slice(&doc.text).to_string(),
                code: "---".into(),
                span,
                sentence: si,
                tokens: start..i,
                kind: MentionKind::Organization,
                entries: vec!["new actor: in no dictionary".into()],
                country_from: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_lexicon::{herald_format, Dictionaries, Lexicon};

    fn doc_with_actors(text: &str) -> Document {
        let mut d = Dictionaries::default();
        herald_format::read_actors("t.actors", "Gondor\n    GON\n", &mut d);
        let lexicon = Lexicon::new(d);
        let mut doc = Document::new("t", text, None);
        herald_text::segment(&mut doc);
        crate::recognize(&mut doc, &lexicon);
        doc
    }

    fn listed(doc: &Document) -> Vec<(&str, &str)> {
        doc.mentions
            .iter()
            .map(|m| (m.text.as_str(), m.code.as_str()))
            .collect()
    }

    #[test]
    fn unknown_capitalised_names_are_listed_with_code_dashes() {
        let mut doc = doc_with_actors(
            "The Zorblax Liberation Front attacked Gondor on Monday. Envoys went to Minas Tirith. \
             In Rohan Queen Arwen Undomiel Evenstar spoke.",
        );
        new_actors(&mut doc, 3);
        // "The" and "Monday" start no name; a run longer than 3 words is no new actor.
        assert_eq!(
            listed(&doc),
            [
                ("Zorblax Liberation Front", "---"),
                ("Gondor", "GON"),
                ("Envoys", "---"),
                ("Minas Tirith", "---"),
            ]
        );
        let new = &doc.mentions[0];
        assert_eq!(new.kind, MentionKind::Organization);
        assert_eq!((new.sentence, new.tokens.clone()), (0, 1..4));
        assert_eq!(new.entries, ["new actor: in no dictionary"]);
    }

    #[test]
    fn a_length_of_zero_lists_none() {
        let mut doc = doc_with_actors("The Zorblax Liberation Front attacked Gondor.");
        let before = doc.mentions.clone();
        new_actors(&mut doc, 0);
        assert_eq!(doc.mentions, before);
    }
}
