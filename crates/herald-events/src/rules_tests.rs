//! Tests of PETRARCH coding rules: comma-delimited clauses, adverbial clauses, negation
//! matched by patterns, synset details, coordinated verbs and opening phrases.

use super::*;
use crate::tests::triples;
use herald_lexicon::{herald_format, petrarch, Dictionaries};
use std::sync::Arc;

const VERBS: &str = "\
&PREPOSIT1_
+ON
+AT

&NEGAUX
+DID N'T
+WO N'T

--- RESTORE [064] ---
RESTORE

--- BURN [222] ---
BURN

--- SAY [023] ---
SAY {SAYS SAID SAYING}

&TIES
+DIPLOMATIC

--- CLASH [223] ---
CLASH
- &NEGAUX * OVER EFFORTS [904]

--- ACT [100] ---
ACT
- * &PREPOSIT1 RESOLUTION [102]

--- ADOPT [081] ---
ADOPT
- * RESOLUTION [102]
- * &TIES [083]

--- CONDEMN [122] ---
CONDEMN

--- PROMISE [057] ---
PROMISE

--- PROPOSE [036] ---
PROPOSE

--- TAP [---] ---
WIRE_+TAP
- WILL NOT * [081]
";

fn coder() -> Coder {
    let mut d = Dictionaries::default();
    herald_format::read_actors(
        "t.actors",
        "Arnor\n    ARN\nGondor\n    GON\nOsgiliath\n    OSG\nMordor\n    MOR\n",
        &mut d,
    );
    petrarch::read_verbs("t.verbs", VERBS, &mut d);
    assert!(
        d.report.diagnostics.is_empty(),
        "{:?}",
        d.report.diagnostics
    );
    Coder::new(Arc::new(Lexicon::new(d)), Options::default())
}

fn doc(c: &Coder, text: &str) -> Document {
    let mut doc = Document::new("t", text, None);
    herald_text::segment(&mut doc);
    herald_actors::recognize(&mut doc, c.lexicon());
    doc
}

fn coded(c: &Coder, mut doc: Document, o: &Options) -> Vec<(String, String, String)> {
    c.code_with(&mut doc, o);
    triples(&doc.events)
}

fn events_with(text: &str, o: &Options) -> Vec<(String, String, String)> {
    let c = coder();
    let d = doc(&c, text);
    coded(&c, d, o)
}

/// PETRARCH's defaults, which these rules were written against: dyads only.
fn petrarch() -> Options {
    Options {
        require_dyad: true,
        ..Options::default()
    }
}

fn events(text: &str) -> Vec<(String, String, String)> {
    events_with(text, &petrarch())
}

fn ev(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn terminal_comma_clause_is_left_out_within_the_limits() {
    let text = "Arnor burned the embassy, Gondor crowds restored order.";
    // Four words after the comma: within PETRARCH's default 2..=8, so Gondor is not
    // the target of "burned".
    assert_eq!(events(text), []);
    let keep = Options {
        comma_emax: 0,
        ..petrarch()
    };
    assert_eq!(events_with(text, &keep), [ev("ARN", "GON", "222")]);
    let long = Options {
        comma_emin: 5,
        ..petrarch()
    };
    assert_eq!(events_with(text, &long), [ev("ARN", "GON", "222")]);
    // A stretch without a verb is an apposition, not a clause.
    assert_eq!(
        events("Arnor, a close ally, burned Gondor."),
        [ev("ARN", "GON", "222")]
    );
}

#[test]
fn a_clause_of_reporting_holds_no_target() {
    // Eleven words after the comma: too long to be left out, but the speaker there is
    // the subject of "said", not what Arnor burned.
    let text =
        "Arnor burned the embassy, the senior Gondor spokesman said in a statement on Monday.";
    assert_eq!(events(text), []);
    let o = Options {
        require_dyad: false,
        ..petrarch()
    };
    // One-actor readings are kept only for acts one side does alone (08, 14, 15, 17–20):
    // burning (222 here) and appealing (023) are done to someone, so neither is output.
    assert_eq!(events_with(text, &o), []);
}

#[test]
fn verbs_of_an_adverbial_clause_fold_into_the_coded_verb() {
    // "after Mordor crowds burned the embassy" belongs to the restore event; so does
    // "after burning Osgiliath", whose subject is Arnor's.
    let one_sided = Options {
        require_dyad: false,
        ..petrarch()
    };
    assert_eq!(
        events_with(
            "Arnor restored ties with Gondor after Mordor crowds burned the embassy.",
            &one_sided
        ),
        [ev("ARN", "GON", "064")]
    );
    assert_eq!(
        events("Arnor restored ties with Gondor after burning Osgiliath."),
        [ev("ARN", "GON", "064")]
    );
    // A dyad with a subject of its own is an event of its own.
    assert_eq!(
        events("Arnor restored ties with Gondor weeks before Mordor burned Osgiliath."),
        [ev("ARN", "GON", "064"), ev("MOR", "OSG", "222")]
    );
    // With no coded verb above it, the clause codes on its own, with the actor that
    // opens it as the source.
    assert_eq!(
        events("Arnor improved ties with Gondor after Mordor crowds burned Osgiliath."),
        [ev("MOR", "OSG", "222")]
    );
    // A comma closes the adverbial clause: "said" is a verb of its own.
    let o = Options {
        comma_emax: 0,
        require_dyad: false,
        ..petrarch()
    };
    assert_eq!(
        events_with(
            "Arnor restored ties with Gondor after crowds burned Osgiliath, Mordor said.",
            &o
        ),
        // "Mordor said" alone is an appeal to no one (023 here): not output.
        [ev("ARN", "GON", "064")]
    );
}

#[test]
fn a_negation_the_pattern_matches_is_part_of_the_code() {
    assert_eq!(
        events("Arnor didn't clash over the efforts of Gondor."),
        [ev("ARN", "GON", "904")]
    );
    // Outside a pattern a negation still drops the event.
    assert_eq!(events("Arnor did not burn Gondor."), []);
    assert_eq!(events("Arnor burned Gondor."), [ev("ARN", "GON", "222")]);
}

#[test]
fn synset_details() {
    // "&PREPOSIT1_" is written "&PREPOSIT1" in patterns.
    assert_eq!(
        events("Arnor acted on a resolution with Gondor."),
        [ev("ARN", "GON", "102")]
    );
    assert_eq!(
        events("Arnor acted for a resolution with Gondor."),
        [ev("ARN", "GON", "100")]
    );
    // A pattern word is not looked for past "of".
    assert_eq!(
        events("Arnor adopted a resolution with Gondor."),
        [ev("ARN", "GON", "102")]
    );
    assert_eq!(
        events("Arnor adopted a set of resolutions with Gondor."),
        [ev("ARN", "GON", "081")]
    );
    // "&amp;" is one character, not a clause break before the target.
    assert_eq!(
        events("Arnor will restore full &amp;TIETYPE ties with Gondor."),
        [ev("ARN", "GON", "064")]
    );
}

#[test]
fn a_verb_joined_by_and_shares_the_subject() {
    assert_eq!(
        events("Arnor condemned Mordor in Osgiliath and promised aid to Gondor."),
        [ev("ARN", "MOR", "122"), ev("ARN", "GON", "057")]
    );
}

#[test]
fn an_opening_prepositional_phrase_holds_no_source() {
    assert_eq!(
        events("On health and Gondor's hospitals, he proposed talks with Mordor."),
        []
    );
    assert_eq!(
        events("On health, Gondor proposed talks with Mordor."),
        [ev("GON", "MOR", "036")]
    );
}

#[test]
fn a_word_after_a_modal_is_a_verb_whatever_the_tagger_says() {
    let c = coder();
    let text = "Arnor will not wire tap Gondor.";
    let mut d = doc(&c, text);
    // The tagger calls "tap" a noun.
    let tags = ["PROPN", "AUX", "PART", "NOUN", "NOUN", "PROPN", "PUNCT"];
    assert_eq!(d.sentences[0].tokens.len(), tags.len());
    d.sentences[0].syntax = Some(
        tags.iter()
            .map(|&upos| herald_core::TokenSyntax {
                upos: upos.into(),
                xpos: String::new(),
                lemma: String::new(),
                head: None,
                deprel: String::new(),
            })
            .collect(),
    );
    // "WILL NOT *" matches the negation itself, so the event is not negated.
    assert_eq!(coded(&c, d, &Options::default()), [ev("ARN", "GON", "081")]);
}

#[test]
fn lists_of_actors_may_have_the_before_a_member() {
    assert_eq!(
        events("Arnor and the Gondor army burned Osgiliath."),
        [ev("GON", "OSG", "222"), ev("ARN", "OSG", "222")]
    );
    assert_eq!(
        events("Mordor burned Arnor and the Gondor army."),
        [ev("MOR", "ARN", "222"), ev("MOR", "GON", "222")]
    );
}
