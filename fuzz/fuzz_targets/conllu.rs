//! The CoNLL-U reader on arbitrary text; what it reads, herald writes and reads back the
//! same, and a model trains on it (heads from the input: cycles, out of range) without
//! panicking.
#![no_main]

use herald_syntax::{conllu, train, TrainOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(sentences) = conllu::parse_str(text, "fuzz.conllu") else {
        return;
    };
    let written = conllu::write_string(&sentences);
    let again = conllu::parse_str(&written, "written.conllu")
        .unwrap_or_else(|e| panic!("herald cannot read what it wrote: {e}\n{written}"));
    assert_eq!(again.len(), sentences.len());
    let words: usize = sentences.iter().map(|s| s.words.len()).sum();
    if words <= 200 {
        let opts = TrainOptions {
            iterations: 1,
            tagger_iterations: 1,
            jackknife: 0,
            ensemble: 1,
            ..TrainOptions::default()
        };
        if let Ok(model) = train(&sentences, &opts, &mut |_| {}) {
            for s in &sentences {
                let forms = s.forms();
                assert_eq!(model.analyze(&forms).len(), forms.len());
            }
        }
    }
});
