//! PETRARCH's comma-delimited clause elimination (the `comma_*` options).
//!
//! Before looking for actors and verbs, PETRARCH drops short clauses set off by commas:
//! the initial one (sentence start to the first comma), then the terminal one (last comma
//! to the end), then internal ones (between two commas), each when its length in words
//! lies within the option's limits (a maximum of 0 turns that kind off). "Arnor restored
//! ties with Gondor, a senior Bree official said." keeps the Bree official out of the
//! restore event. Only commas that separate clauses count: a stretch with no verb is an
//! apposition or a list ("Xi, the Chinese president,"; "Arnor, Gondor and Mordor"), and a
//! comma between two adjectives ("complete, full ties") is inside a noun phrase; PETRARCH's
//! parse keeps both inside the noun phrase, so neither is ever dropped.

use crate::Options;
use herald_core::TokenSyntax;
use herald_text::words::is_auxiliary;

/// For each token of a sentence, whether it lies in an eliminated clause.
/// `is_verb(i)` says whether token `i` is a verb, `actor_at(i)` whether an actor mention
/// starts there.
pub(crate) fn eliminated(
    norms: &[&str],
    syn: Option<&[TokenSyntax]>,
    is_verb: impl Fn(usize) -> bool,
    actor_at: impl Fn(usize) -> bool,
    o: &Options,
) -> Vec<bool> {
    let n = norms.len();
    let mut cut = vec![false; n];
    let mut end = n;
    while end > 0 && matches!(norms[end - 1], "." | "!" | "?" | "\"" | "''" | "'") {
        end -= 1;
    }
    let inside_noun_phrase = |i: usize| {
        syn.is_some_and(|s| {
            i > 0 && i + 1 < s.len() && s[i - 1].upos == "ADJ" && s[i + 1].upos == "ADJ"
        })
    };
    let mut commas: Vec<usize> = (0..end)
        .filter(|&i| norms[i] == "," && !inside_noun_phrase(i))
        .collect();
    let words = |a: usize, b: usize| {
        norms[a..b]
            .iter()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    // A clause goes when its length is within the limits, it has a verb, and a verb
    // remains outside it ("In Gondor, Mordor invaded Osgiliath" keeps its main clause).
    // Unlike PETRARCH, herald keeps a clause naming two actors: it is an event of its
    // own ("…, weeks before Russia invaded Ukraine."), not an aside.
    // "Seventeen activists, who tried to enter the town, were arrested": a stretch
    // opening with a finite auxiliary is the predicate of a subject before the commas,
    // not a clause of its own.
    let predicate = |a: usize| {
        a > 0
            && norms[a - 1] == ","
            && norms.get(a).is_some_and(|w| {
                is_auxiliary(w) && !w.ends_with("ING") && !matches!(*w, "BE" | "BEEN")
            })
    };
    let drops = |cut: &[bool], a: usize, b: usize, lo: usize, hi: usize| {
        let len = words(a, b);
        hi > 0
            && !predicate(a)
            && lo <= len
            && len <= hi
            && (a..b).any(&is_verb)
            && (a..b).filter(|&i| actor_at(i)).count() < 2
            && (0..n).any(|i| !(a..b).contains(&i) && !cut[i] && is_verb(i))
    };
    let all = commas.clone();
    if let Some(&c) = commas.first() {
        if drops(&cut, 0, c, o.comma_bmin, o.comma_bmax) {
            cut[..=c].iter_mut().for_each(|x| *x = true);
            commas.remove(0);
        }
    }
    if let Some(&c) = commas.last() {
        if drops(&cut, c + 1, end, o.comma_emin, o.comma_emax) {
            cut[c..end].iter_mut().for_each(|x| *x = true);
        }
    }
    // Internal clauses, between any two neighbouring commas (the one opening a terminal
    // clause included): the first comma goes with the clause, the second stays.
    for w in all.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !cut[a + 1] && drops(&cut, a + 1, b, o.comma_min, o.comma_max) {
            cut[a..b].iter_mut().for_each(|x| *x = true);
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, o: &Options) -> String {
        let norms: Vec<&str> = text.split(' ').collect();
        let verbs = ["SAID", "BURNED", "RESTORE", "INVADED", "ARRESTED"];
        let actors = ["ARNOR", "GONDOR", "MORDOR", "OSGILIATH"];
        let c = eliminated(
            &norms,
            None,
            |i| verbs.contains(&norms[i]),
            |i| actors.contains(&norms[i]),
            o,
        );
        norms
            .iter()
            .zip(&c)
            .filter(|(_, &c)| !c)
            .map(|(w, _)| *w)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn terminal_and_internal_clauses_within_limits_go() {
        let o = Options::default();
        assert_eq!(
            cut("ARNOR RESTORE TIES , FIVE YEARS AFTER CROWDS BURNED ITS EMBASSY , A SENIOR BREE OFFICIAL SAID ON SATURDAY .", &o),
            "ARNOR RESTORE TIES ."
        );
        // Too long for the limits: kept.
        let short = Options {
            comma_emax: 6,
            comma_max: 6,
            ..Options::default()
        };
        assert_eq!(
            cut("ARNOR RESTORE TIES , FIVE YEARS AFTER CROWDS BURNED ITS EMBASSY , A SENIOR BREE OFFICIAL SAID ON SATURDAY .", &short),
            "ARNOR RESTORE TIES , FIVE YEARS AFTER CROWDS BURNED ITS EMBASSY , A SENIOR BREE OFFICIAL SAID ON SATURDAY ."
        );
        // A maximum of 0 turns a kind off; the initial clause is off by default.
        let off = Options {
            comma_emax: 0,
            ..Options::default()
        };
        assert_eq!(
            cut("ARNOR RESTORE TIES , OFFICIALS SAID .", &off),
            "ARNOR RESTORE TIES , OFFICIALS SAID ."
        );
        assert_eq!(
            cut("OFFICIALS SAID , ARNOR RESTORE TIES .", &off),
            "OFFICIALS SAID , ARNOR RESTORE TIES ."
        );
        let initial = Options {
            comma_bmin: 1,
            comma_bmax: 3,
            ..Options::default()
        };
        assert_eq!(
            cut("OFFICIALS SAID , ARNOR RESTORE TIES .", &initial),
            "ARNOR RESTORE TIES ."
        );
    }

    #[test]
    fn the_main_clause_stays() {
        assert_eq!(
            cut("IN GONDOR , MORDOR BURNED OSGILIATH .", &Options::default()),
            "IN GONDOR , MORDOR BURNED OSGILIATH ."
        );
    }

    #[test]
    fn a_clause_with_two_actors_stays() {
        assert_eq!(
            cut(
                "ARNOR RESTORE TIES , WEEKS BEFORE MORDOR INVADED GONDOR .",
                &Options::default()
            ),
            "ARNOR RESTORE TIES , WEEKS BEFORE MORDOR INVADED GONDOR ."
        );
        assert_eq!(
            cut(
                "ARNOR RESTORE TIES , WEEKS BEFORE MORDOR INVADED .",
                &Options::default()
            ),
            "ARNOR RESTORE TIES ."
        );
    }

    #[test]
    fn a_predicate_after_a_relative_clause_stays() {
        assert_eq!(
            cut(
                "TWENTY MEN , WHO BURNED OSGILIATH , WERE ARRESTED .",
                &Options::default()
            ),
            "TWENTY MEN , WERE ARRESTED ."
        );
    }

    #[test]
    fn appositions_and_lists_stay() {
        let o = Options::default();
        assert_eq!(
            cut("XI , THE CHINESE PRESIDENT , MET PUTIN .", &o),
            "XI , THE CHINESE PRESIDENT , MET PUTIN ."
        );
    }
}
