//! Constructions of actors in context and one-actor events, each on a sentence written
//! for the test, through the whole pipeline with herald's default dictionaries and the
//! shipped parser.

mod common;
use common::{coded_with, ev, triples as events, triples_of as events_of};

use herald_core::{CountryFrom, Document};
use herald_events::Options;

fn coded(text: &str) -> Document {
    coded_with(text, &Options::default())
}

fn placed(doc: &Document, word: &str) -> (String, Option<CountryFrom>) {
    let m = doc
        .mentions
        .iter()
        .find(|m| m.text == word)
        .unwrap_or_else(|| panic!("no mention {word:?} in {:?}", doc.mentions));
    (m.code.clone(), m.country_from)
}

#[test]
fn one_actor_events_come_out_without_a_target() {
    assert_eq!(
        events("Kenyan farmers protested on Monday."),
        [ev("KENAGR", "", "140")]
    );
    // --require-dyad keeps PETRARCH's behaviour.
    let dyads = Options {
        require_dyad: true,
        ..Options::default()
    };
    assert_eq!(
        events_of(&coded_with("Kenyan farmers protested on Monday.", &dyads)),
        []
    );
}

#[test]
fn acts_done_to_someone_need_someone() {
    // A statement, a consultation or an accusation with no one found is no event; a
    // protest, a mobilisation or an arrest is one.
    assert_eq!(events("Chad said on Monday that it was ready."), []);
    assert_eq!(events("Chad met with little success."), []);
    assert_eq!(
        events("The Kenyan army mobilised on Friday."),
        [ev("KENMIL", "", "150")]
    );
}

#[test]
fn a_one_actor_reading_of_an_actor_with_a_target_is_dropped() {
    // "criticised the plan" has no actor after it, but Libya acts on Britain in the
    // same sentence: no second, target-less event for Libya.
    assert_eq!(
        events("Libya agreed with Britain on a deal and criticised the plan."),
        [ev("LBY", "GBR", "030")]
    );
}

#[test]
fn police_take_the_country_of_the_city_their_sentence_names() {
    let doc = coded("Police detained 40 students in Lagos on Monday.");
    assert_eq!(
        placed(&doc, "Police"),
        ("NGACOP".into(), Some(CountryFrom::Place))
    );
    assert_eq!(events_of(&doc), [ev("NGACOP", "NGAEDU", "173")]);
}

#[test]
fn police_take_the_country_their_paragraph_names() {
    let doc = coded(
        "Nigeria's president returned home on Sunday. Police detained 40 students on Monday.",
    );
    assert_eq!(
        placed(&doc, "Police"),
        ("NGACOP".into(), Some(CountryFrom::Paragraph))
    );
}

#[test]
fn the_dateline_city_and_agency_are_no_actors() {
    let doc = coded("CAIRO (AP) — Police detained 40 students on Monday.");
    assert!(
        !doc.mentions
            .iter()
            .any(|m| m.text == "CAIRO" || m.text == "AP"),
        "{:?}",
        doc.mentions
    );
    // The dateline's city still says whose police they are.
    assert_eq!(placed(&doc, "Police").0, "EGYCOP");
}

#[test]
fn police_with_no_country_in_sight_act_as_police() {
    assert_eq!(
        events("Police arrested 40 students."),
        [ev("COP", "EDU", "173")]
    );
    // Next to a named actor a bare agent is its audience, not an actor.
    assert_eq!(
        events("Police said Iran attacked Iraq."),
        [ev("IRN", "IRQ", "190")]
    );
}

#[test]
fn currencies_and_treaties_are_no_actors() {
    assert_eq!(
        events("Iran sold oil to India for U.S. dollars and attacked Iraq."),
        [ev("IRN", "IRQ", "190")]
    );
    let doc = coded("Canada criticised the Kyoto Protocol.");
    assert!(
        !doc.mentions.iter().any(|m| m.text == "Kyoto"),
        "{:?}",
        doc.mentions
    );
    // Criticism is done to someone; with the protocol no actor, nothing is coded.
    assert_eq!(events_of(&doc), []);
}

#[test]
fn verb_senses_of_sanctions_records_and_crowds() {
    assert_eq!(
        events("The European Union approved sanctions against Russia."),
        [ev("IGOEUREEC", "RUS", "163")]
    );
    assert_eq!(events("China's exports hit a record in March."), []);
    assert_eq!(
        events("Police lathi-charged the protesters."),
        [ev("COP", "OPP", "175")]
    );
    assert_eq!(
        events("Police rounded up the protesters."),
        [ev("COP", "OPP", "173")]
    );
    // A rally in a place is a demonstration; rallying troops stays a mobilisation.
    assert_eq!(
        events("Kenyan protesters rallied across Nairobi on Monday."),
        [ev("KENOPP", "", "141")]
    );
    assert_eq!(
        events("Kenyan workers went on strike."),
        [ev("KENLAB", "", "143")]
    );
}

#[test]
fn an_agentless_passive_arrest_is_done_by_the_police_of_its_place() {
    // The passive subject is what was acted on; the act implies its agent, placed where
    // the act happened, and the evidence of that agent is the verb.
    let doc = coded("Forty protesters were arrested in Lagos on Monday.");
    assert_eq!(events_of(&doc), [ev("NGACOP", "NGAOPP", "173")]);
    let source = &doc.events[0].source;
    assert!(source.implied);
    assert_eq!(source.text, "arrested");
    // No actor at all in the sentence: still the police's act, with no target.
    assert_eq!(
        events("Twenty people have been detained in Lagos."),
        [ev("NGACOP", "", "173")]
    );
    // A country named after "in" decides over the sentence's other countries.
    assert_eq!(
        events("A Kenyan teacher was arrested in Uganda for spying for Sudan.")
            .first()
            .map(|e| e.0.clone()),
        Some("UGACOP".to_string())
    );
}

#[test]
fn a_passive_with_its_agent_or_without_an_implied_one_keeps_its_actors() {
    // "by …" names the agent: nothing is implied.
    let doc = coded("Forty protesters were detained by soldiers in Lagos.");
    assert!(
        doc.events.iter().all(|e| !e.source.implied),
        "{:?}",
        doc.events
    );
    // Killing implies no agent: no police act is made up.
    let doc = coded("Three farmers were killed in Lagos on Monday.");
    assert!(
        doc.events.iter().all(|e| !e.source.implied),
        "{:?}",
        doc.events
    );
    // A passive in a relative clause is background, not an act of its own.
    let doc = coded("Kenya freed 30 protesters who had been detained in Nairobi for a year.");
    assert!(
        doc.events.iter().all(|e| !e.source.implied),
        "{:?}",
        doc.events
    );
    // The reporter of an arrest is not the one arrested.
    assert_eq!(
        events("Police said 50 people were arrested after clashes in Lagos."),
        [ev("NGACOP", "", "173")]
    );
}

#[test]
fn victims_of_a_passive_attack_are_its_target_not_its_source() {
    // Who attacked is unsaid ("---"); the soldiers were attacked, not attackers.
    let doc = coded("Three Malian soldiers were killed in the north on Monday.");
    assert_eq!(events_of(&doc), [ev("---", "MLIMIL", "190")]);
    assert!(doc.events[0].source.implied);
    // "were engaged in": the subject takes part, it is no victim.
    let found = events("Serbian troops were engaged in fighting with Albanian rebels.");
    assert!(found.iter().all(|e| e.0 != "---"), "{found:?}");
}

#[test]
fn a_dateline_after_a_headline_is_still_a_dateline() {
    // A story whose text begins with its title line: the dateline opens the next
    // paragraph, and its city is no actor there either.
    let doc =
        coded("Police detain students\n\nCAIRO (AP) — Police detained 40 students on Monday.");
    assert!(
        !doc.mentions
            .iter()
            .any(|m| m.text == "CAIRO" || m.text == "AP"),
        "{:?}",
        doc.mentions
    );
    assert_eq!(placed(&doc, "Police").0, "EGYCOP");
}

#[test]
fn the_two_leaders_are_the_last_two_people_named() {
    // The last two countries named are China and Ukraine; the two leaders are the two
    // presidents.
    let doc = coded(
        "Russian President Vladimir Putin welcomed Xi Jinping and praised China's stance on Ukraine. The two leaders will sign a treaty on Tuesday.",
    );
    let signing: Vec<_> = events_of(&doc)
        .into_iter()
        .filter(|e| e.2 == "057")
        .collect();
    assert_eq!(
        signing,
        [ev("CHNGOV", "RUSGOV", "057"), ev("RUSGOV", "CHNGOV", "057")]
    );
}
