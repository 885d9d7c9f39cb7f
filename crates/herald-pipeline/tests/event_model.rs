//! The shipped event model's opinion of invented sentences, pinned: a change of the
//! model, its features or the vectors shows here.

mod common;

use herald_core::Document;
use herald_model::EventModel;
use herald_pipeline::decide::Policy;

fn model() -> EventModel {
    EventModel::load(&herald_core::data::data_path("models")).expect("shipped event model")
}

/// The model's best class for each event of `text`.
fn best(text: &str) -> Vec<(String, &'static str)> {
    let m = model();
    let doc = common::coded_with(text, &Default::default());
    doc.events
        .iter()
        .map(|e| (e.code.clone(), m.classify(&doc, e).best().0))
        .collect()
}

#[test]
fn pinned_types_of_invented_sentences() {
    assert_eq!(
        best("The rebels attacked an army base in northern Mali."),
        [("190".to_string(), "ASSAULT")]
    );
    assert_eq!(
        best("Germany criticised Poland over its new media law."),
        [("111".to_string(), "ACCUSE")]
    );
    assert_eq!(
        best("Kenya sent food aid to Somalia."),
        [("070".to_string(), "AID")]
    );
    assert_eq!(
        best("Iran rejected the proposal of the United States."),
        [("120".to_string(), "REJECT")]
    );
    // An invasion: CAMEO's code says COERCE (seize), the model reads an assault.
    assert_eq!(
        best("Russia invaded Ukraine."),
        [("192".to_string(), "ASSAULT")]
    );
}

#[test]
fn the_model_retypes_only_when_asked() {
    let syntax = herald_syntax::Model::load(&herald_syntax::default_model_path())
        .expect("shipped syntax model");
    let p = herald_pipeline::Pipeline::load(None, Default::default())
        .expect("default dictionaries")
        .with_syntax(syntax)
        .with_event_model(model())
        .with_policy(Policy {
            retype_at: Some(0.5),
            ..Policy::default()
        });
    let mut doc = Document::new(
        "t",
        "Russia invaded Ukraine.",
        chrono::NaiveDate::from_ymd_opt(2022, 2, 24),
    );
    p.process(&mut doc);
    let e = &doc.events[0];
    assert_eq!(e.plover.as_ref().unwrap().kind, "ASSAULT");
    assert_eq!(e.decided_by, Some(herald_core::DecidedBy::Model));
}
