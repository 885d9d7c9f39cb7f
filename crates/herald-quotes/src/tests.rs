//! Unit tests on wire-style sentences written for this crate.

use super::extract;
use herald_core::Document;
use std::sync::OnceLock;

fn lexicon() -> &'static herald_lexicon::Lexicon {
    static LEX: OnceLock<herald_lexicon::Lexicon> = OnceLock::new();
    LEX.get_or_init(|| herald_lexicon::Lexicon::new(herald_lexicon::load_default().unwrap()))
}

fn doc(text: &str) -> Document {
    let mut d = Document::new("t", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 17));
    herald_text::segment(&mut d);
    herald_actors::recognize(&mut d, lexicon());
    d
}

/// (text, speaker name, speaker code, verb, direct) for every quote, with the span checked
/// against the text.
type Row = (String, Option<String>, Option<String>, Option<String>, bool);

fn quotes(text: &str) -> Vec<Row> {
    let d = doc(text);
    extract(&d)
        .into_iter()
        .map(|q| {
            if !q.text.contains("\n\n") {
                assert_eq!(d.slice(q.span), q.text);
            }
            if let Some(s) = &q.speaker {
                assert_eq!(d.slice(s.span), s.name);
            }
            let sp = q.speaker.as_ref();
            (
                q.text,
                sp.map(|s| s.name.clone()),
                sp.and_then(|s| s.code.clone()),
                q.verb,
                q.direct,
            )
        })
        .collect()
}

fn row(
    text: &str,
    name: Option<&str>,
    code: Option<&str>,
    verb: Option<&str>,
    direct: bool,
) -> Row {
    (
        text.to_string(),
        name.map(str::to_string),
        code.map(str::to_string),
        verb.map(str::to_string),
        direct,
    )
}

#[test]
fn straight_quotes_with_inverted_attribution() {
    assert_eq!(
        quotes("\"We will not back down,\" said Vladimir Putin."),
        vec![row(
            "We will not back down",
            Some("Vladimir Putin"),
            Some("RUSGOV"),
            Some("said"),
            true
        )]
    );
}

#[test]
fn curly_quotes_nested_single_quotes_and_pronoun() {
    let text = "“Our position on the talks is ‘firm and clear’,” the Kremlin said on Monday.\n\n\
                “Consultations will continue next week,” it added.";
    assert_eq!(
        quotes(text),
        vec![
            row(
                "Our position on the talks is ‘firm and clear’",
                Some("Kremlin"),
                Some("RUSGOV"),
                Some("said"),
                true
            ),
            row(
                "Consultations will continue next week",
                Some("Kremlin"),
                Some("RUSGOV"),
                Some("added"),
                true
            ),
        ]
    );
}

#[test]
fn multi_paragraph_quote_is_one_speakers() {
    let text = "“The sanctions have failed,” Sergei Lavrov said. “Europe has lost its markets.\n\n\
                “Europe will pay the price for years.”\n\nMarkets fell on Tuesday.";
    assert_eq!(
        quotes(text),
        vec![
            row(
                "The sanctions have failed",
                Some("Sergei Lavrov"),
                Some("RUSGOV"),
                Some("said"),
                true
            ),
            row(
                "Europe has lost its markets.\n\nEurope will pay the price for years.",
                Some("Sergei Lavrov"),
                Some("RUSGOV"),
                None,
                true
            ),
        ]
    );
}

#[test]
fn unclosed_quote_ends_with_its_paragraph() {
    let text = "“We are ready to talk,” Olaf Scholz said. “The door to talks remains open\n\nMarkets fell.";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(
        q[1],
        row(
            "The door to talks remains open",
            Some("Olaf Scholz"),
            Some("DEUGOV"),
            None,
            true
        )
    );
}

#[test]
fn colon_introduced_block_takes_the_name_before_the_colon() {
    let text = "The BBC’s Sarah Rainsford, reporting from Moscow, on the summit:\n\n\
                “The mood here is defiant.\n\n“Few expect any change soon.”";
    assert_eq!(
        quotes(text),
        vec![row(
            "The mood here is defiant.\n\nFew expect any change soon.",
            Some("Sarah Rainsford"),
            Some("GBRMED"),
            None,
            true
        )]
    );
}

#[test]
fn colon_after_reporting_verb() {
    let text = "Emmanuel Macron said:\n\n“Europe must stand together on this.”";
    assert_eq!(
        quotes(text),
        vec![row(
            "Europe must stand together on this.",
            Some("Emmanuel Macron"),
            Some("FRAGOV"),
            Some("said"),
            true
        )]
    );
}

#[test]
fn partial_quote_inside_indirect_speech_belongs_to_the_reporter_of_the_clause() {
    assert_eq!(
        quotes("Annalena Baerbock said the talks in Berlin were “constructive”."),
        vec![row(
            "constructive",
            Some("Annalena Baerbock"),
            Some("DEUGOV"),
            Some("said"),
            true
        )]
    );
    // The clause's speaker wins over the source named after the quote.
    let text =
        "Qin Gang told Dmytro Kuleba that China has “always backed dialogue and peace talks”, \
                the foreign ministry said.";
    assert_eq!(
        quotes(text),
        vec![row(
            "always backed dialogue and peace talks",
            Some("Qin Gang"),
            Some("CHNGOV"),
            Some("told"),
            true
        )]
    );
}

#[test]
fn attribution_after_the_quote() {
    let text = "“The ceasefire is holding in the south,” according to the United Nations.\n\n\
                “We stand with Ukraine,” wrote Dmytro Kuleba, who met Antony Blinken on Friday.\n\n\
                “Nothing has changed,” the spokesperson told reporters.";
    assert_eq!(
        quotes(text),
        vec![
            row(
                "The ceasefire is holding in the south",
                Some("United Nations"),
                Some("IGOUNO"),
                Some("according to"),
                true
            ),
            row(
                "We stand with Ukraine",
                Some("Dmytro Kuleba"),
                Some("UKRGOV"),
                Some("wrote"),
                true
            ),
            row(
                "Nothing has changed",
                Some("spokesperson"),
                Some("MED"),
                Some("told"),
                true
            ),
        ]
    );
}

#[test]
fn titles_are_dropped_from_person_names() {
    assert_eq!(
        quotes("“We will respond,” Russian President Vladimir Putin warned."),
        vec![row(
            "We will respond",
            Some("Vladimir Putin"),
            Some("RUSGOV"),
            Some("warned"),
            true
        )]
    );
}

#[test]
fn pronoun_falls_back_to_a_compatible_mention() {
    let text =
        "Olaf Scholz met Emmanuel Macron in Paris on Monday. “Europe must stay united,” he said.";
    assert_eq!(
        quotes(text),
        vec![row(
            "Europe must stay united",
            Some("Emmanuel Macron"),
            Some("FRAGOV"),
            Some("said"),
            true
        )]
    );
}

#[test]
fn scare_quotes_are_not_quotes() {
    assert!(quotes("Both countries struck a “no limits” partnership last year.").is_empty());
    assert!(quotes("The so-called \"peace plan\" was published in February.").is_empty());
}

#[test]
fn indirect_speech() {
    let text = "Qin Gang told Dmytro Kuleba that Beijing wants peace talks.\n\n\
                The Kremlin said the visit would last two days.\n\n\
                The talks will resume next week, the Kremlin said on Friday.\n\n\
                Kuleba later tweeted that the call was useful.";
    assert_eq!(
        quotes(text),
        vec![
            row(
                "Beijing wants peace talks",
                Some("Qin Gang"),
                Some("CHNGOV"),
                Some("told"),
                false
            ),
            row(
                "the visit would last two days",
                Some("Kremlin"),
                Some("RUSGOV"),
                Some("said"),
                false
            ),
            row(
                "The talks will resume next week",
                Some("Kremlin"),
                Some("RUSGOV"),
                Some("said"),
                false
            ),
            row(
                "the call was useful",
                Some("Kuleba"),
                Some("UKRGOV"),
                Some("tweeted"),
                false
            ),
        ]
    );
}

#[test]
fn adjuncts_after_said_are_not_reported_clauses() {
    assert!(quotes("The Kremlin said on Friday.").is_empty());
}

#[test]
fn works_without_actor_mentions() {
    let mut d = Document::new("t", "“It is over,” said Jane Doe, a local official.", None);
    herald_text::segment(&mut d);
    let q = extract(&d);
    assert_eq!(q.len(), 1);
    let s = q[0].speaker.as_ref().unwrap();
    assert_eq!((s.name.as_str(), s.code.as_deref()), ("Jane Doe", None));
}

#[test]
fn pronoun_takes_a_narration_mention_after_the_last_quote() {
    let text = "“We will act,” Olaf Scholz said.\n\nEmmanuel Macron responded later that day. \
                “This would be a mistake for Europe,” he said.";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(
        q[1],
        row(
            "This would be a mistake for Europe",
            Some("Emmanuel Macron"),
            Some("FRAGOV"),
            Some("said"),
            true
        )
    );
}

#[test]
fn speaker_phrases_with_places_days_and_titles() {
    let text = "Senator Jane Doe of Texas said the bill was dead.\n\n\
                Olaf Scholz on Wednesday said Germany would send more aid.\n\n\
                “It is time for a change,” said Senate Majority Leader John Roe.\n\n\
                “We need new leaders in the House,” Jane Doe, a Democrat from Texas, said.";
    let q = quotes(text);
    let got: Vec<_> = q.iter().map(|r| (r.0.as_str(), r.1.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("the bill was dead", Some("Jane Doe")),
            ("Germany would send more aid", Some("Olaf Scholz")),
            ("It is time for a change", Some("John Roe")),
            ("We need new leaders in the House", Some("Jane Doe")),
        ]
    );
}

#[test]
fn nouns_that_look_like_verbs_are_not_reporting() {
    assert!(quotes("He repeated his past claims that there was “no evidence”.").is_empty());
}

#[test]
fn roles_after_inverted_verbs_and_possessive_nouns() {
    let text = "“The outrage will fall on deaf ears,” said a Democratic leadership aide.\n\n\
                “We have nothing more to add,” said White House spokesman Josh Earnest.\n\n\
                He replied to Trump’s tweets: “Nobody believes this story anymore.”";
    let q = quotes(text);
    let got: Vec<_> = q.iter().map(|r| (r.0.as_str(), r.1.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            (
                "The outrage will fall on deaf ears",
                Some("Democratic leadership aide")
            ),
            ("We have nothing more to add", Some("Josh Earnest")),
            // `tweets` is a noun here; `He replied` is the clause, he = the last speaker.
            ("Nobody believes this story anymore.", Some("Josh Earnest")),
        ]
    );
}

#[test]
fn trailing_attribution_with_apposition_and_possessive_names() {
    let text = "Students should check their sources, says Jane Roe, director of a news literacy centre.\n\n\
                “This race is wide open now,” explains Politico’s John Doe. \
                Most voters hasn’t told us about it.";
    let q = quotes(text);
    let got: Vec<_> = q
        .iter()
        .map(|r| (r.0.as_str(), r.1.as_deref(), r.4))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Students should check their sources",
                Some("Jane Roe"),
                false
            ),
            ("This race is wide open now", Some("John Doe"), true),
        ]
    );
}

#[test]
fn passives_addressees_and_long_appositions() {
    let text = "When all was said and done, the deal held.\n\n\
                A lawmaker in Wyoming, where repeal failed last month, told The Hill that the law works.\n\n\
                “He does retail in his own way,” Faiz Shakir, Sanders’ campaign manager, said on Monday.";
    let q = quotes(text);
    let got: Vec<_> = q
        .iter()
        .map(|r| (r.0.as_str(), r.1.as_deref(), r.4))
        .collect();
    assert_eq!(
        got,
        vec![
            ("the law works", Some("lawmaker in Wyoming"), false),
            ("He does retail in his own way", Some("Faiz Shakir"), true),
        ]
    );
}

#[test]
fn attribution_in_the_next_sentence_relatives_and_objects() {
    let text = "\"We'll find out in November, won't we?\" Mitch Doe said.\n\n\
                The threat prompted a response from Donald Tusk, who told reporters \
                “If the U.S. imposes tariffs on France, the E.U. will respond in kind.”\n\n\
                But the justices, in their varying opinions, acknowledged the tricky line they walk.\n\n\
                Walker, who last month explained his exit by telling staff “Finances just aren’t there.”";
    let q = quotes(text);
    let got: Vec<_> = q
        .iter()
        .map(|r| (r.0.as_str(), r.1.as_deref(), r.4))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "We'll find out in November, won't we?",
                Some("Mitch Doe"),
                true
            ),
            (
                "If the U.S. imposes tariffs on France, the E.U. will respond in kind.",
                Some("Donald Tusk"),
                true
            ),
            ("Finances just aren’t there.", Some("Walker"), true),
        ]
    );
}
