//! One test per construction the coder handles, each asserting the exact events produced
//! with herald's default dictionaries and the shipped parser (both in the repository).

mod common;
use common::coded_with;

use herald_core::{Document, Modality};
use herald_events::Options;

type Ev = (String, String, String, Modality);

fn coded(text: &str) -> Document {
    coded_with(text, &Options::default())
}

/// (source, target, code, modality) of every event in `text`, published 2023-03-17.
fn events_with(text: &str, options: &Options) -> Vec<Ev> {
    coded_with(text, options)
        .events
        .iter()
        .map(|e| {
            (
                e.source.code.clone(),
                e.target
                    .as_ref()
                    .map(|t| t.code.clone())
                    .unwrap_or_default(),
                e.code.clone(),
                e.modality,
            )
        })
        .collect()
}

fn events(text: &str) -> Vec<Ev> {
    events_with(text, &Options::default())
}

/// Dyads only (`--require-dyad`), for tests of how a dyad's two actors are found.
fn dyads(text: &str) -> Vec<Ev> {
    events_with(
        text,
        &Options {
            require_dyad: true,
            ..Options::default()
        },
    )
}

fn ev(s: &str, t: &str, c: &str, m: Modality) -> Ev {
    (s.into(), t.into(), c.into(), m)
}

#[test]
fn passive_with_agent_turns_round() {
    assert_eq!(
        events("Xi Jinping was invited by Vladimir Putin."),
        [ev("RUSGOV", "CHNGOV", "040", Modality::Asserted)]
    );
}

#[test]
fn compound_subject_of_a_cooperative_verb_is_reciprocal() {
    let mut got = events("China and Russia held talks on Monday.");
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            ev("CHN", "RUS", "046", Modality::Asserted),
            ev("RUS", "CHN", "046", Modality::Asserted)
        ]
    );
}

#[test]
fn apposition_names_the_counterpart() {
    assert_eq!(
        events("Xi Jinping met his Russian counterpart, Vladimir Putin, in Moscow."),
        [ev("CHNGOV", "RUSGOV", "040", Modality::Asserted)]
    );
}

#[test]
fn counterpart_takes_the_country_of_its_adjective() {
    let got = events("Wang Yi spoke with his Ukrainian counterpart on Thursday.");
    assert!(
        got.contains(&ev("CHNGOV", "UKRGOV", "046", Modality::Asserted)),
        "{got:?}"
    );
}

#[test]
fn pronoun_subject_refers_to_the_last_person() {
    assert_eq!(
        dyads("Vladimir Putin arrived on Monday. He met Xi Jinping."),
        [ev("RUSGOV", "CHNGOV", "040", Modality::Asserted)]
    );
}

#[test]
fn negated_events_are_left_out_unless_asked_for() {
    assert_eq!(events("Russia did not attack Ukraine."), []);
    let keep = Options {
        keep_negated: true,
        ..Options::default()
    };
    let doc = coded_with("Russia did not attack Ukraine.", &keep);
    assert_eq!(doc.events.len(), 1);
    assert!(doc.events[0].negated);
    assert_eq!(doc.events[0].code, "190");
}

#[test]
fn future_and_expected_events_are_future() {
    assert_eq!(
        events("Xi Jinping is expected to meet Vladimir Putin next week."),
        [ev("CHNGOV", "RUSGOV", "040", Modality::Future)]
    );
    assert_eq!(
        events("Xi Jinping will meet Vladimir Putin next week."),
        [ev("CHNGOV", "RUSGOV", "040", Modality::Future)]
    );
}

#[test]
fn conditions_are_hypothetical_and_questions_are_not_events() {
    let text = "If Russia attacked Ukraine, NATO would respond.";
    assert_eq!(events(text), [], "hypotheticals are left out by default");
    let keep = Options {
        keep_hypothetical: true,
        ..Options::default()
    };
    let got = events_with(text, &keep);
    assert_eq!(got, [ev("RUS", "UKR", "190", Modality::Hypothetical)]);
    assert_eq!(events("Will Russia attack Ukraine?"), []);
}

#[test]
fn announced_acts_take_intent_and_threat_codes() {
    // CAMEO codes an offer to act as intent (03) and a threat to act as a threat (13).
    assert_eq!(
        events("Iran threatened to attack Iraq."),
        [ev("IRN", "IRQ", "1384", Modality::Intended)]
    );
    assert_eq!(
        events("Finland agreed to provide aid to Tanzania."),
        [ev("FIN", "TZA", "033", Modality::Intended)]
    );
    // Without intent codes the act itself is coded, flagged as intended.
    let plain = Options {
        code_intent: false,
        ..Options::default()
    };
    assert_eq!(
        events_with("Iran threatened to attack Iraq.", &plain),
        [ev("IRN", "IRQ", "190", Modality::Intended)]
    );
    // An infinitive that codes nothing leaves the verb of intention to code the event.
    let got = events("Iran threatened to cut electricity to Azerbaijan.");
    assert_eq!(got, [ev("IRN", "AZE", "130", Modality::Asserted)]);
}

#[test]
fn statements_that_oblige_their_target_are_demands() {
    assert_eq!(
        events("France said Iraq must cooperate with the inspectors."),
        [ev("FRA", "IRQ", "100", Modality::Asserted)]
    );
}

#[test]
fn future_acts_are_agreements_in_plover() {
    let doc = coded("Finland will give Tanzania a grant.");
    let e = &doc.events[0];
    // The CAMEO code stays the act's (as PETRARCH codes it); PLOVER has no future tense.
    assert_eq!((e.code.as_str(), e.modality), ("071", Modality::Future));
    assert_eq!(e.plover.as_ref().unwrap().kind, "AGREE");
}

#[test]
fn domestic_dyads_are_events_but_self_statements_are_not() {
    assert_eq!(
        events("Russian police arrested Russian opposition activists."),
        [ev("RUSCOP", "RUSOPP", "173", Modality::Asserted)]
    );
    assert_eq!(
        events("The Sudanese government eased restrictions in Sudan."),
        [ev("SDNGOV", "SDN", "080", Modality::Asserted)]
    );
}

#[test]
fn reported_speech_is_reported_with_its_reporter() {
    assert_eq!(
        events("The Kremlin said that Russia praised China."),
        [ev("RUS", "CHN", "051", Modality::Reported)]
    );
    let doc = coded("The Kremlin said Xi Jinping will visit Moscow.");
    let e = doc
        .events
        .iter()
        .find(|e| e.source.code == "CHNGOV" && e.code == "042")
        .expect("Xi's visit");
    assert_eq!(e.modality, Modality::Future, "future beats reported");
    let by = e.reported_by.as_ref().expect("reported_by");
    assert_eq!((by.code.as_str(), by.text.as_str()), ("RUSGOV", "Kremlin"));
}

#[test]
fn noun_events_with_possessor_or_light_verb() {
    assert_eq!(
        events("Qin Gang held a phone conversation with Dmytro Kuleba."),
        [ev("CHNGOV", "UKRGOV", "040", Modality::Asserted)]
    );
    assert_eq!(
        events("Russia's invasion of Ukraine began a year ago."),
        [ev("RUS", "UKR", "192", Modality::Asserted)]
    );
}

#[test]
fn refusals_take_the_reject_code_of_the_refused_act() {
    // Easing a curfew is 0813; refusing to is 1241 (refuse to ease restrictions).
    assert_eq!(
        events("The Israeli government refused to lift the curfew on Palestinians."),
        [ev("ISRGOV", "PSE", "1241", Modality::Asserted)]
    );
}

#[test]
fn compound_source_of_a_cooperative_noun_acts_on_itself() {
    let mut got = events("Israel and Lebanon renewed negotiations on Monday.");
    got.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(
        got,
        [
            ev("ISR", "LBN", "046", Modality::Asserted),
            ev("LBN", "ISR", "046", Modality::Asserted)
        ]
    );
}

#[test]
fn as_opposed_to_is_no_event() {
    assert_eq!(
        dyads("China wants a world led by many powers, as opposed to one run by the US."),
        []
    );
    assert_eq!(
        events("China opposed the United States."),
        [ev("CHN", "USA", "110", Modality::Asserted)]
    );
}

#[test]
fn according_to_is_no_event() {
    assert_eq!(
        events("Russia attacked Ukraine, according to a report by the United Nations."),
        [ev("RUS", "UKR", "190", Modality::Reported)]
    );
}

#[test]
fn the_two_sides_are_the_last_pair_named_together() {
    let mut got = events(
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow. \
         The two sides signed an agreement on energy.",
    );
    got.sort_by(|a, b| (&a.2, &a.0).cmp(&(&b.2, &b.0)));
    assert_eq!(
        got,
        [
            ev("CHNGOV", "RUSGOV", "040", Modality::Asserted),
            ev("CHNGOV", "RUSGOV", "057", Modality::Asserted),
            ev("RUSGOV", "CHNGOV", "057", Modality::Asserted)
        ]
    );
}

#[test]
fn a_relative_clause_takes_its_antecedent_as_source() {
    let got = events("The United States sent weapons to Macedonia which praised Albania.");
    assert!(
        got.contains(&ev("MKD", "ALB", "051", Modality::Asserted)),
        "{got:?}"
    );
    assert!(!got.iter().any(|e| e.0 == "USA" && e.1 == "ALB"), "{got:?}");
}

#[test]
fn a_refusal_whose_act_codes_nothing_is_a_rejection() {
    assert_eq!(
        events("The Turkish government refused to commit troops to Iraq."),
        [ev("TURGOV", "IRQ", "120", Modality::Asserted)]
    );
}

#[test]
fn new_actor_length_lists_unknown_names() {
    let text = "Zorblax Industries attacked Russia on Monday.";
    let o = Options {
        new_actor_length: 3,
        ..Options::default()
    };
    let doc = coded_with(text, &o);
    let new: Vec<&str> = doc
        .mentions
        .iter()
        .filter(|m| m.code == "---")
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(new, ["Zorblax Industries"]);
    // Listed, not coded (as PETRARCH does): no event has an unknown source.
    assert_eq!(doc.events, []);
    // Longer than the limit: not listed.
    let o = Options {
        new_actor_length: 1,
        ..Options::default()
    };
    let doc = coded_with(text, &o);
    assert!(doc.mentions.iter().all(|m| m.code != "---"));
}

#[test]
fn a_partitive_subject_is_the_actor_after_of() {
    assert_eq!(
        events("A group of Moroccan diplomats met Vladimir Putin."),
        [ev("MARGOV", "RUSGOV", "040", Modality::Asserted)]
    );
    // A real prepositional object is still no subject.
    assert_eq!(
        events("The wife of the Moroccan ambassador met Vladimir Putin."),
        []
    );
}

#[test]
fn an_intention_reaches_its_infinitive_past_time_phrases() {
    assert_eq!(
        events("Finland agreed in principle on Saturday to provide aid to Tanzania."),
        [ev("FIN", "TZA", "033", Modality::Intended)]
    );
}

#[test]
fn would_in_reported_speech_and_conditional_threats_are_future() {
    // Reported speech puts "will" into "would": still a future act, not a hypothesis.
    let got = events("Iraq said it would allow Kuwait to inspect the sites.");
    assert!(
        got.iter().all(|e| e.3 == Modality::Future) && !got.is_empty(),
        "{got:?}"
    );
    // "will … unless …": a conditional threat is an event; its PLOVER type is THREATEN.
    let doc = coded("Iran will attack Iraq unless the talks resume.");
    let e = &doc.events[0];
    assert_eq!(
        (e.source.code.as_str(), e.code.as_str(), e.modality),
        ("IRN", "190", Modality::Future)
    );
    assert_eq!(e.plover.as_ref().unwrap().kind, "THREATEN");
    // A condition before the verb is still a hypothesis.
    assert_eq!(events("If Iran attacked Iraq, Kuwait would protest."), []);
}

#[test]
fn and_does_not_share_a_subject_across_a_new_clause() {
    // "impose" belongs to the resolution, not to Hungary, which only said it would back it.
    let got = events(
        "Hungary said it will support a U.N. Security Council resolution that aims to \
         tighten sanctions and impose a naval blockade against Serbia.",
    );
    assert!(got.iter().all(|e| e.1 != "SRB"), "{got:?}");
    assert!(
        got.iter().any(|e| e.0 == "HUN" && e.1 == "IGOUNO"),
        "{got:?}"
    );
}

#[test]
fn a_reduced_passive_acts_on_the_noun_it_follows() {
    // The channel is disputed by Argentina and Chile; Brazil disputes nothing.
    let got = dyads(
        "Argentina apologized to Brazil for intercepting a Brazilian ship in the Beagle \
         Channel, disputed by Argentina and Chile.",
    );
    assert_eq!(got, [ev("ARG", "BRA", "055", Modality::Asserted)]);
}

#[test]
fn a_light_verb_leaves_the_event_to_its_noun() {
    // "gave" alone would code material cooperation; the welcome is the event, and its
    // target may follow a time phrase.
    assert_eq!(
        events("Vladimir Putin gave a warm welcome on Thursday to Xi Jinping."),
        [ev("RUSGOV", "CHNGOV", "043", Modality::Asserted)]
    );
}

#[test]
fn herald_verbs_code_what_phoenix_leaves_uncoded() {
    // Phoenix codes "accept" as nothing; accepting another side's demands is yielding.
    assert_eq!(
        events("Ukraine accepted demands from Russia."),
        [ev("UKR", "RUS", "080", Modality::Asserted)]
    );
    assert_eq!(
        events("The United Nations reduced food supplies to Cambodian refugees."),
        [ev("IGOUNO", "KHMREF", "162", Modality::Asserted)]
    );
    // More specific than Phoenix's "SEND: * ARMS [154]" and "DISPATCH: * (TO) [061]".
    assert_eq!(
        events("Iran sent arms to Syria."),
        [ev("IRN", "SYR", "072", Modality::Asserted)]
    );
    assert_eq!(
        events("Russia dispatched inspectors to Iran."),
        [ev("RUS", "IRN", "090", Modality::Asserted)]
    );
    assert_eq!(
        events("A Saudi businessman is suing the United States for damages."),
        [ev("SAUBUS", "USA", "115", Modality::Asserted)]
    );
}

#[test]
fn a_passive_agent_may_take_a_determiner() {
    assert_eq!(
        events("Vladimir Putin was criticized by the United Nations."),
        [ev("IGOUNO", "RUSGOV", "111", Modality::Asserted)]
    );
}

#[test]
fn failing_to_act_is_a_negated_act() {
    // The failure itself is what Phoenix codes (FAIL: 120, reject); the agreement that was
    // not reached is no event.
    assert_eq!(
        events("Iran failed to reach an agreement with Iraq."),
        [ev("IRN", "IRQ", "120", Modality::Asserted)]
    );
    let keep = Options {
        keep_negated: true,
        ..Options::default()
    };
    let doc = coded_with("Iran failed to reach an agreement with Iraq.", &keep);
    assert!(
        doc.events.iter().all(|e| e.code != "057" || e.negated),
        "{:?}",
        doc.events
    );
}

#[test]
fn a_threat_to_do_anything_is_a_threat() {
    // The act itself ("deliver blows") has no threat code of its own in CAMEO.
    let got = events("Al-Qaeda threatened to deliver devastating blows to Israel.");
    assert!(
        !got.is_empty() && got.iter().all(|e| e.2.starts_with("13")),
        "{got:?}"
    );
    // "is willing to" announces the act it governs.
    assert_eq!(
        events("Norway is willing to send troops to Saudi Arabia."),
        [ev("NOR", "SAU", "0312", Modality::Intended)]
    );
}

#[test]
fn a_time_phrase_is_no_prepositional_pattern() {
    // "call on" is an appeal (020); "telephoned X on Tuesday" is a consultation.
    let got = events("Vladimir Putin telephoned Xi Jinping on Tuesday.");
    assert!(
        !got.is_empty() && got.iter().all(|e| e.2.starts_with("04")),
        "{got:?}"
    );
}

#[test]
fn a_pattern_of_any_block_beats_a_block_default() {
    // Phoenix's AGREE block codes 050 by default; herald.verbs' "* (TO)" pattern wins.
    assert_eq!(
        events("Russia agreed to an extension of the mandate for Ukraine."),
        [ev("RUS", "UKR", "030", Modality::Asserted)]
    );
    // A light verb leaves the demand to its noun, past a bare weekday.
    assert_eq!(
        events("France issued a stern reminder Saturday to Iraq."),
        [ev("FRA", "IRQ", "100", Modality::Asserted)]
    );
}

#[test]
fn a_verbs_own_code_beats_a_block_default() {
    // BEAT is listed twice in the Phoenix verbs: with its own code 182 and in a block
    // whose default is 190.
    assert_eq!(
        events("Israeli soldiers beat Palestinian detainees."),
        [ev("ISRMIL", "PSEOPP", "182", Modality::Asserted)]
    );
}

#[test]
fn complaints_and_rejections_name_their_object() {
    // The complaint is about Israel, made to the UN.
    assert_eq!(
        events("Lebanon complained to the United Nations over Israeli air raids."),
        [ev("LBN", "ISR", "114", Modality::Asserted)]
    );
    assert_eq!(
        events("Serbia rejected an Australian ultimatum."),
        [ev("SRB", "AUS", "120", Modality::Asserted)]
    );
}

#[test]
fn a_participle_after_a_noun_is_not_the_sentence_subjects() {
    // "involved in a shooting" says nothing Australia did.
    let got = events(
        "Serbia rejected an Australian ultimatum to hand over a guard involved in a shooting.",
    );
    assert!(got.iter().all(|e| e.0 == "SRB"), "{got:?}");
}

#[test]
fn participles_that_modify_nouns_are_no_events() {
    // "suspected" describes the terrorist; nobody suspects anyone here.
    let got = events(
        "Bill Clinton imposed sanctions on the Taliban for its support of suspected terrorist Osama bin Laden.",
    );
    assert!(got.iter().all(|e| e.2 != "110"), "{got:?}");
    assert!(got.iter().any(|e| e.2 == "163"), "{got:?}");
}

#[test]
fn an_infinitive_completing_a_noun_has_no_sentence_subject() {
    // Islamic Jihad rejects; it attends nothing.
    let got = events("Hamas rejected an invitation to attend a meeting with Fatah.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "125");
}

#[test]
fn a_series_of_three_actors_is_a_list_without_and() {
    let got = events("Russia sent arms to Iran, Syria, Venezuela.");
    let targets: Vec<&str> = got.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(targets, ["IRN", "SYR", "VEN"], "{got:?}");
}

#[test]
fn what_a_demand_asks_for_has_not_happened() {
    // The United States is asked to match; it matches nothing yet.
    let got = events("Palestinian officials demanded that the United States support Ukraine.");
    assert!(got.iter().all(|e| e.0 != "USA"), "{got:?}");
    assert!(
        got.iter().any(|e| e.0 == "PSEGOV" && e.1 == "USA"),
        "{got:?}"
    );
}

#[test]
fn a_participle_clause_after_a_comma_has_its_own_actors() {
    // The war games are French and Egyptian; Italy and Germany join them later, they are
    // not the exercises' target.
    let got = events(
        "French and Egyptian warships launched 10 days of war games, expected to be joined \
         later by Italian and German vessels.",
    );
    let games: Vec<_> = got.iter().filter(|e| e.2 == "062").collect();
    assert_eq!(games.len(), 2, "{got:?}");
    assert!(
        games
            .iter()
            .all(|e| ["FRA", "EGYMIL"].contains(&e.1.as_str())),
        "{got:?}"
    );
    // "expected to be joined" codes the joining, not the expectation.
    assert!(got.iter().all(|e| e.2 != "030"), "{got:?}");
}

#[test]
fn the_act_said_gives_way_to_its_own_verb() {
    // Phoenix's "SAY: * WITHDRAW [0874]" codes the withdrawal at "says"; the verb
    // "withdraw" itself, announced with "willing to", is an intent (0356) and replaces it.
    let got = events("Syria says it is willing to withdraw its troops from Lebanon.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].2.as_str(), got[0].3),
        ("SYR", "0356", Modality::Intended)
    );
}

#[test]
fn a_headline_subject_keeps_its_infinitive() {
    // "X to meet Y" is a headline's future, not an infinitive completing a noun.
    let got = events("NATO chief to meet Vladimir Putin.");
    assert!(
        got.iter().any(|e| e.0 == "IGOWSTNAT" && e.1 == "RUSGOV"),
        "{got:?}"
    );
}

#[test]
fn an_announced_act_is_announced_both_ways() {
    // "hold talks" codes 046 each way; agreed to, it is 036 each way.
    let mut got = events("Vladimir Putin and Xi Jinping agreed to hold talks.");
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            ev("CHNGOV", "RUSGOV", "036", Modality::Intended),
            ev("RUSGOV", "CHNGOV", "036", Modality::Intended)
        ]
    );
}

#[test]
fn a_bare_sector_belongs_to_the_one_country_in_sight() {
    use Modality::Asserted;
    // Only Kenya is named: the demonstrators are Kenyan.
    assert_eq!(
        events("Kenyan police fired tear gas at demonstrators in Nairobi on Monday."),
        [ev("KENCOP", "KENOPP", "175", Asserted)]
    );
    // Two countries in sight: the rebels are nobody's, and code nothing.
    assert_eq!(
        events("Police in Lagos arrested Nigerian students, but the rebels attacked Chad."),
        [ev("NGACOP", "NGAEDU", "173", Asserted)]
    );
}

#[test]
fn peoples_within_countries() {
    use Modality::Asserted;
    assert_eq!(
        events("Iraqi Kurds sought refuge in Turkey."),
        [ev("IRQKUR", "TUR", "020", Asserted)]
    );
    assert_eq!(
        events("Turkish troops killed five ethnic Armenians in Turkey."),
        [ev("TURMIL", "TURCVLARM", "190", Asserted)]
    );
}

#[test]
fn a_compound_acting_on_its_own_members_acts_both_ways() {
    use Modality::Asserted;
    assert_eq!(
        events("Jordan and Syria failed to reach agreement on the future of Syrian refugees."),
        [
            ev("SYR", "JOR", "120", Asserted),
            ev("JOR", "SYR", "120", Asserted)
        ]
    );
}

#[test]
fn lists_of_targets_after_nouns_and_asides() {
    use Modality::{Asserted, Intended};
    assert_eq!(
        events("The Arab League began mediation between Sudan and Chad."),
        [
            ev("IGOMEAARL", "SDN", "045", Asserted),
            ev("IGOMEAARL", "TCD", "045", Asserted)
        ]
    );
    assert_eq!(
        events("Japan agreed to lift its embargo on Iran, Syria, and after a long debate, Libya."),
        [
            ev("JPN", "IRN", "0354", Intended),
            ev("JPN", "SYR", "0354", Intended),
            ev("JPN", "LBY", "0354", Intended)
        ]
    );
}

#[test]
fn objects_decide_what_an_act_is() {
    use Modality::{Asserted, Future};
    // Receiving observers is allowing international involvement.
    assert_eq!(
        events("Kenya received observers from the African Union."),
        [ev("KEN", "IGOAFRAFU", "0862", Asserted)]
    );
    // Blowing up an installation is destroying property.
    assert_eq!(
        events("Rebels blew up a pipeline in northern Nigeria."),
        [ev("NGAREB", "NGA", "1712", Asserted)]
    );
    // Halting mediation, on a condition: a threat in PLOVER.
    let doc = coded("Brazil may halt mediation between Venezuela and Guyana if the talks fail.");
    let got: Vec<_> = doc
        .events
        .iter()
        .map(|e| {
            (
                e.target.as_ref().unwrap().code.as_str(),
                e.code.as_str(),
                e.modality,
                e.plover.as_ref().unwrap().kind.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("VEN", "165", Future, "THREATEN"),
            ("GUY", "165", Future, "THREATEN")
        ]
    );
}

#[test]
fn help_yields_to_its_bare_infinitive() {
    assert_eq!(
        events("Germany pledged to help rebuild Ukraine."),
        [ev("DEU", "UKR", "033", Modality::Intended)]
    );
}

#[test]
fn an_attribution_codes_nothing() {
    // "released" belongs to the source of the report, not to the news.
    assert_eq!(
        events(
            "France summoned the Iranian ambassador, according to a statement released by the French foreign ministry."
        ),
        [ev("FRA", "IRNGOV", "040", Modality::Reported)]
    );
}

#[test]
fn the_purpose_of_sending_or_summoning_is_the_act() {
    use Modality::Asserted;
    assert_eq!(
        events("Germany summoned the Iranian ambassador to complain about missile tests."),
        [ev("DEU", "IRNGOV", "110", Asserted)]
    );
    assert_eq!(
        events("The United Nations sent observers to Mali to investigate the killings."),
        [ev("IGOUNO", "MLI", "090", Asserted)]
    );
    // With no purpose stated, the sending is the act.
    assert_eq!(
        events("Turkey sent troops to Syria."),
        [ev("TUR", "SYR", "062", Asserted)]
    );
}

#[test]
fn a_possibility_is_no_act() {
    // "could", "might", "would have": what may happen has not happened.
    assert_eq!(events("China could attack Taiwan next year."), []);
    assert_eq!(events("Japan would have liked to criticise Russia."), []);
    let kept = Options {
        keep_hypothetical: true,
        ..Options::default()
    };
    assert_eq!(
        events_with("China could attack Taiwan next year.", &kept),
        [ev("CHN", "TWN", "190", Modality::Hypothetical)]
    );
    // "would" after a verb of saying is reported future, still coded.
    assert!(!events("Iran said it would expel French diplomats.").is_empty());
    // A name is no modal: "Theresa May has held talks with …".
    assert!(
        !events("Theresa May has held talks with Leo Varadkar in London.").is_empty(),
        "the name May read as a modal"
    );
}

#[test]
fn a_main_verb_the_parser_reads_as_a_participle_still_codes() {
    // The parser may read "marched" as a participle modifying "Hundreds"; a sentence
    // with no main verb of its own is no noun phrase with a modifier.
    assert_eq!(
        events("Hundreds of Kenyan farmers marched on Sunday."),
        [ev("KENAGR", "", "140", Modality::Asserted)]
    );
}

#[test]
fn a_city_is_no_inflection_of_a_stem() {
    // "* &FIGHT" lists WAR as a stem; "Warsaw" is not a war.
    let got = events("Kenya's foreign minister met Poland's foreign minister in Warsaw on Monday.");
    assert!(got.iter().all(|e| e.2 != "110"), "{got:?}");
}

#[test]
fn a_headline_participle_of_harm_makes_its_subject_the_victims() {
    // No "were": the participle of a verb that needs an object, with none after it.
    assert_eq!(
        events("Four Kenyan soldiers wounded in roadside blast"),
        [ev("---", "KENMIL", "180", Modality::Asserted)]
    );
    assert_eq!(
        events("Nine Nigerian farmers killed and two wounded in village raid"),
        [ev("---", "NGAAGR", "190", Modality::Asserted)]
    );
    // With an object, the same words are active: the subject acted.
    assert_eq!(
        events("Kenyan soldiers killed and wounded dozens of militants."),
        [ev("KENMIL", "KENUAF", "190", Modality::Asserted)]
    );
    assert_eq!(
        events("Nigerian troops killed at least 40 militants."),
        [ev("NGAMIL", "NGAUAF", "190", Modality::Asserted)]
    );
}

#[test]
fn a_fight_of_two_sides_needs_a_second_side() {
    // "struggled with" is coded as a fight both ways; with rules for a partner it is
    // another sense of the verb, no event.
    assert_eq!(
        events("The French government struggled with the new budget rules."),
        []
    );
    assert_eq!(
        events("Kenyan troops clashed with Somali militants near the border."),
        [ev("KENMIL", "SOMUAF", "190", Modality::Asserted)]
    );
}

#[test]
fn taking_is_seizing_only_when_what_is_taken_says_so() {
    // A stand, a vote or aim taken is no seizure (the converted TAKE block once coded
    // every "take" as 171).
    assert_eq!(
        events("The French parliament took a stand against the Polish government."),
        []
    );
    assert_eq!(
        events("Kenyan police took the smugglers into custody."),
        [ev("KENCOP", "", "173", Modality::Asserted)]
    );
}

#[test]
fn figurative_verbs_of_the_converted_blocks_code_nothing_by_default() {
    // Going, facing, ruling, breaking and dominating are news's figures of speech far
    // more often than meetings, cooperation or force.
    for text in [
        "The Russian foreign minister went further than the French president.",
        "The Japanese prime minister faces high stakes at home.",
        "A Kenyan court ruled on the election petition.",
        "The Kenyan court said the government had broken the law.",
        "Germany dominated the debate in Brussels.",
    ] {
        let got = events(text);
        assert!(
            got.iter().all(|e| !e.2.starts_with("04")
                && !e.2.starts_with("06")
                && !e.2.starts_with("19")),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn seeing_suggesting_passing_needing_campaigning_and_claiming_are_no_events() {
    // Block defaults of the converted dictionary once made these a statement, an appeal,
    // a yielding, a demand or a disapproval.
    for text in [
        "The French plan is seen as a chance for Europe.",
        "Reports suggest that Germany wants a deal.",
        "Kenya's parliament passed the budget act.",
        "NATO needs to do more about Russia.",
        "The Kenyan president campaigned in Mombasa.",
        "Russia claimed the Ukrainian media do not report the truth.",
    ] {
        assert_eq!(events(text), [], "{text}");
    }
}

#[test]
fn a_court_striking_down_a_law_is_no_attack() {
    assert_eq!(
        events("The Kenyan supreme court struck down the new security law."),
        []
    );
}

#[test]
fn a_relative_clause_passive_is_background_except_harm_to_its_antecedent() {
    // The militants were shot; they shot no one.
    assert_eq!(
        events("Idris, one of the two Kashmiri militants who were shot dead, gave a statement."),
        [ev("---", "UAF", "190", Modality::Asserted)]
    );
    // The prisoners did not jail anyone, and their jailing is background.
    assert_eq!(
        events("Libya freed Egyptian prisoners who had been jailed for years."),
        [ev("LBY", "EGYCRM", "0841", Modality::Asserted)]
    );
    // "shot dead": the result, no object; the headline's subject is the victim.
    assert_eq!(
        events("Kashmiri militant shot dead near the temple"),
        [ev("---", "UAF", "190", Modality::Asserted)]
    );
}

#[test]
fn a_city_before_an_event_noun_says_where_not_who() {
    // "Benghazi" stands for Libya in the dictionary, but a city naming an attack is its
    // place; a country's adjective or possessive names its actor.
    let got = events("Lawmakers argued about the Benghazi attack.");
    assert!(!got.iter().any(|e| e.2 == "190"), "{got:?}");
    assert_eq!(
        events("A Russian attack killed ten people."),
        [ev("RUS", "", "190", Modality::Asserted)]
    );
}

#[test]
fn dying_is_suffered_not_done() {
    for text in [
        "A Kenyan prisoner died as a result of torture in custody.",
        "Thousands of Americans died from the flu last year.",
    ] {
        let got = events(text);
        assert!(
            !got.iter().any(|e| e.2.starts_with("19")),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn declining_comment_and_denying_a_role_need_no_target() {
    assert_eq!(
        events("The Bolivian government declined to comment on Monday."),
        [ev("BOLGOV", "", "011", Modality::Asserted)]
    );
    assert_eq!(
        events("Chile denied any role in the coup."),
        [ev("CHL", "", "016", Modality::Asserted)]
    );
    // A mood is no statement: nothing is coded for it.
    assert_eq!(events("Chilean officials are frustrated."), []);
}

#[test]
fn urging_another_side_is_an_appeal() {
    assert_eq!(
        events("France urged Mali to hold elections."),
        [ev("FRA", "MLI", "020", Modality::Asserted)]
    );
}

#[test]
fn the_subject_of_an_agentless_passive_never_acts() {
    // Someone unnamed criticised, invited or urged the subject: no actor of the
    // sentence is the source.
    assert_eq!(
        events("Russia was criticized for its actions in Syria."),
        []
    );
    assert_eq!(events("Germany was invited to the summit in Paris."), []);
    assert_eq!(events("The Kenyan president was urged to resign."), []);
    // With its agent the passive is coded, the agent acting.
    assert_eq!(
        events("Germany was invited to the summit by France."),
        [ev("FRA", "DEU", "040", Modality::Asserted)]
    );
}

#[test]
fn a_verb_form_after_an_actor_and_before_an_auxiliary_is_the_subjects_noun() {
    // "allies" is the subject's noun, not "to ally"; the verb comes after "have".
    assert_eq!(
        events("NATO allies have condemned Russia."),
        [ev("IGOWSTNAT", "RUS", "111", Modality::Asserted)]
    );
    // Right after an actor with no auxiliary after it, the form is still the verb.
    assert_eq!(
        events("Iran backs Hamas."),
        [ev("IRN", "PSEREBHMS", "050", Modality::Asserted)]
    );
}

#[test]
fn governance_is_no_actor() {
    let doc = coded("There were corporate governance issues at Japanese companies.");
    let texts: Vec<&str> = doc.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Japanese companies"]);
}

#[test]
fn social_groups_with_no_country_protest_and_are_policed_but_do_not_talk() {
    assert_eq!(
        events("Hundreds of students marched on Wednesday in a peaceful protest."),
        [ev("EDU", "", "140", Modality::Asserted)]
    );
    assert_eq!(
        events("Police detained forty students."),
        [ev("COP", "EDU", "173", Modality::Asserted)]
    );
    assert_eq!(events("People said the water was dirty."), []);
    assert_eq!(events("The minister thanked the workers."), []);
}

#[test]
fn the_subject_comes_before_a_clause_set_off_by_commas() {
    assert_eq!(
        events("Mr Saakashvili, elected after Mr Shevardnadze was toppled, has urged Georgia's parliament to approve the amnesty."),
        [ev("GEOELI", "GEOLEG", "020", Modality::Asserted)]
    );
    assert_eq!(
        events("The Lagos police, investigating the killing of a journalist, have arrested 18 persons."),
        [ev("NGACOP", "", "173", Modality::Asserted)]
    );
}

#[test]
fn a_news_medium_a_statement_is_made_through_is_no_target() {
    assert_eq!(
        events("The Kenyan president told the BBC that talks would resume."),
        []
    );
    assert_eq!(
        events("The Kenyan president said on CNN that talks would resume."),
        []
    );
    // A medium the statement is about stays its target.
    assert_eq!(
        events("The Kenyan president criticized the BBC."),
        [ev("KENGOV", "GBRMED", "111", Modality::Asserted)]
    );
}

#[test]
fn a_rank_or_ownership_word_does_not_part_a_country_from_its_agent() {
    // Before: "Chinese" alone was the actor (CHN), the officials and broadcaster lost.
    assert_eq!(
        dyads("Chinese senior officials criticized Japan."),
        [ev("CHNGOV", "JPN", "111", Modality::Asserted)]
    );
    assert_eq!(
        dyads("Iranian state-run television criticized Israel."),
        [ev("IRNMED", "ISR", "111", Modality::Asserted)]
    );
    assert_eq!(
        dyads("China's state-run news agency criticized Japan."),
        [ev("CHNMED", "JPN", "111", Modality::Asserted)]
    );
}

#[test]
fn a_by_phrase_naming_no_actor_leaves_the_subject_a_victim() {
    // Before: the soldiers were read as the ones who killed and wounded.
    assert_eq!(
        events("Three Nigerian soldiers killed by a landmine near Maiduguri."),
        [ev("---", "NGAMIL", "190", Modality::Asserted)]
    );
    assert_eq!(
        events("Two Afghan soldiers were wounded by a roadside bomb in Kandahar."),
        [ev("---", "AFGMIL", "180", Modality::Asserted)]
    );
    // A by-phrase naming an actor still makes it the source (in 2023 the Taliban govern).
    assert_eq!(
        events("Two Afghan soldiers were wounded by Taliban fighters in Kandahar."),
        [ev("AFGGOV", "AFGMIL", "180", Modality::Asserted)]
    );
}

#[test]
fn figurative_fighting_words_are_no_use_of_force() {
    // Before: each of these coded 190 (use of conventional force).
    for text in [
        "The German government engaged in an aggressive campaign against the report.",
        "The Kenyan government struggled to pass the budget.",
        "France was matching the number of diplomats expelled by Britain.",
        "The Mexican president needs to work on his relations with Congress.",
    ] {
        assert!(
            !events(text).iter().any(|e| e.2.starts_with("19")),
            "{text}: {:?}",
            events(text)
        );
    }
    // Engaging in a named fight still is.
    assert_eq!(
        dyads("Malian rebels engaged in fierce fighting with the Malian army."),
        [
            ev("MLIREB", "MLIMIL", "190", Modality::Asserted),
            ev("MLIMIL", "MLIREB", "190", Modality::Asserted)
        ]
    );
}

#[test]
fn a_city_before_an_event_noun_is_where_not_who() {
    // Before: Mombasa (KEN) was the attacker.
    assert_eq!(events("Mourners gathered after Mombasa attack"), []);
    // A country adjective before the noun still names the attacker.
    assert_eq!(
        events("Mourners gathered after a Kenyan attack on Somalia."),
        [ev("KEN", "SOM", "190", Modality::Asserted)]
    );
}

#[test]
fn a_person_named_again_by_surname_is_the_one_a_pronoun_refers_to() {
    // Before: "he" skipped back over "Pence" to Putin, the last person named in full.
    assert_eq!(
        events("Mike Pence met Vladimir Putin in Moscow. Pence said he would criticize China."),
        [
            ev("USAELI", "RUSGOV", "040", Modality::Asserted),
            ev("USAELI", "CHN", "111", Modality::Future)
        ]
    );
}

#[test]
fn a_pronoun_opening_a_reported_clause_is_not_the_statements_target() {
    // Before: the lawmaker's statement was coded as addressed to "she", read as Macron.
    let got = events(
        "Angela Merkel met Emmanuel Macron in Paris. The German lawmaker said she was shocked by the comments.",
    );
    assert!(!got.iter().any(|e| e.0 == "DEULEG"), "{got:?}");
}

#[test]
fn leaving_a_place_is_no_meeting_or_visit_and_blasting_a_rival_is_words() {
    // Before: 040 (consult) toward Uganda; a visit to Kampala and its host event; 190.
    assert_eq!(events("The Kenyan president left Uganda on Tuesday."), []);
    assert_eq!(events("The Kenyan president left Kampala for Nairobi."), []);
    assert_eq!(
        events("The Kenyan opposition leader blasted Uganda on Twitter."),
        [ev("KENOPP", "UGA", "111", Modality::Asserted)]
    );
}

#[test]
fn a_city_or_region_naming_whose_a_noun_is_does_not_act() {
    // Before: Michigan (USA) criticized Iran.
    assert_eq!(
        events("Some Michigan Democrats criticized Iran on Monday."),
        []
    );
    // A state acting on its own still acts.
    assert_eq!(
        events("Texas sued the Mexican government."),
        [ev("USA", "MEXGOV", "115", Modality::Asserted)]
    );
    // "Kabul city", "Khost province" still name the place.
    assert_eq!(
        dyads("Afghan troops attacked Khost province on Monday."),
        [ev("AFGMIL", "AFG", "190", Modality::Asserted)]
    );
}

#[test]
fn capturing_part_of_something_is_no_intent_to_cooperate() {
    // Before: "seized part" matched the pattern for "take part" (030).
    let got = events("Syrian troops have seized part of the Turkish convoy.");
    assert!(!got.iter().any(|e| e.2 == "030"), "{got:?}");
    assert_eq!(
        events("Burmese troops took part in talks with Thailand."),
        [ev("MMRMIL", "THA", "030", Modality::Asserted)]
    );
}

#[test]
fn a_passive_agent_may_be_called_suspected_or_unidentified() {
    // Before: the soldiers were read as killing the Taliban.
    assert_eq!(
        events("Two Afghan soldiers were killed by suspected Taliban fighters."),
        [ev("AFGGOV", "AFGMIL", "190", Modality::Asserted)]
    );
}

#[test]
fn victims_inside_a_passive_subject_phrase_are_acted_on() {
    // Before: the soldiers killed Mombasa.
    assert_eq!(
        events("Dozens of Kenyan soldiers and a general have been killed in Mombasa."),
        [ev("---", "KENMIL", "190", Modality::Asserted)]
    );
    // Before: Kenya used force. A possessor of what was harmed did nothing.
    assert_eq!(events("Kenya's economy was hit hard by the drought."), []);
}

#[test]
fn a_city_or_region_visited_does_not_host() {
    // Before: Iowa (USA) also hosted Pence (043).
    assert_eq!(
        events("Mike Pence visited Iowa last month."),
        [ev("USAELI", "USA", "042", Modality::Asserted)]
    );
}

#[test]
fn giving_something_back_is_returning_property_and_going_back_is_nothing() {
    assert_eq!(
        events("Iran returned the seized tanker to Britain."),
        [ev("IRN", "GBR", "0842", Modality::Asserted)]
    );
    assert_eq!(
        events("Iran returned to the negotiating table with Britain."),
        []
    );
}

#[test]
fn a_list_meeting_someone_does_not_discuss_with_itself() {
    // Before: Germany, France and Britain also "discussed" with each other (040 both ways).
    let got = dyads(
        "The top diplomats from Germany, France and Britain will meet Iranian Foreign Minister Zarif on Tuesday to discuss the pact.",
    );
    assert!(got.iter().all(|e| e.1.starts_with("IRN")), "{got:?}");
    assert_eq!(got.len(), 3, "{got:?}");
    // A list right before its verb still acts on itself.
    assert_eq!(
        dyads("Germany and France discussed the pact."),
        [
            ev("FRA", "DEU", "040", Modality::Asserted),
            ev("DEU", "FRA", "040", Modality::Asserted)
        ]
    );
}

#[test]
fn meddling_is_no_aid_and_a_pronoun_after_told_that_is_no_target() {
    // Before: 070 (provide aid) from Russia.
    assert_eq!(events("Russia interfered in the American election."), []);
    // Before: 010 from the lawmaker to "she".
    let got = events(
        "Angela Merkel met Emmanuel Macron in Paris. The German lawmaker told the newspaper that she was shocked.",
    );
    assert!(!got.iter().any(|e| e.0 == "DEULEG"), "{got:?}");
}

#[test]
fn calling_names_adding_and_giving_remarks_are_no_events() {
    // Before: 041 (phone call) both ways, 060 (cooperation), 060.
    assert_eq!(
        events("Trump called the Mexican plan an embarrassment."),
        []
    );
    assert_eq!(
        events("The Kenyan president added that Uganda had been helpful."),
        []
    );
    assert_eq!(events("Trump gave remarks at the Israeli embassy."), []);
    // Telephoning still is a call; giving aid still is aid; heading to a country a visit.
    assert_eq!(
        dyads("Putin telephoned Erdogan on Tuesday."),
        [
            ev("RUSGOV", "TURGOV", "041", Modality::Asserted),
            ev("TURGOV", "RUSGOV", "041", Modality::Asserted)
        ]
    );
    assert_eq!(
        dyads("The Kenyan president headed to Uganda on Monday."),
        [
            ev("KENGOV", "UGA", "042", Modality::Asserted),
            ev("UGA", "KENGOV", "043", Modality::Asserted)
        ]
    );
}

#[test]
fn an_adverb_is_no_verb_and_diplomatic_ties_are_relations() {
    // Before: the adverb "back" was read as the verb "back" (050, support).
    assert_eq!(
        events("The Kenyan president was due to head back to Uganda on Sunday."),
        []
    );
    assert_eq!(
        dyads("Kenya and Uganda have upgraded their diplomatic ties."),
        [
            ev("UGA", "KEN", "050", Modality::Asserted),
            ev("KEN", "UGA", "050", Modality::Asserted)
        ]
    );
}

#[test]
fn calling_someone_is_a_call_but_calling_something_a_name_is_not() {
    assert_eq!(
        dyads("Joe Biden called Mexican President Lopez Obrador on Saturday."),
        [
            ev("USAGOV", "MEXGOV", "041", Modality::Asserted),
            ev("MEXGOV", "USAGOV", "041", Modality::Asserted)
        ]
    );
    // Before: each coded 041 both ways.
    assert_eq!(
        events("Trump called the Mexican plan an embarrassment."),
        []
    );
    assert_eq!(
        events("The Kenyan president called Uganda's plan “a disaster”."),
        []
    );
}
