//! herald's pipeline: the stages in order, the output format and evaluation.

#![warn(missing_docs)]

pub mod eval;
pub mod output;

use herald_core::Document;
use herald_events::{Coder, Options};
use herald_lexicon::{Dictionaries, LexiconError, LoadReport, Lexicon};
use std::path::Path;
use std::sync::Arc;

pub use herald_events::Options as CoderOptions;

/// All stages, loaded once and shared by every document.
#[derive(Debug)]
pub struct Pipeline {
    lexicon: Arc<Lexicon>,
    coder: Coder,
}

impl Pipeline {
    /// Build from a loaded dictionary set.
    pub fn new(dict: Dictionaries, options: Options) -> Pipeline {
        let lexicon = Arc::new(Lexicon::new(dict));
        let coder = Coder::new(lexicon.clone(), options);
        Pipeline { lexicon, coder }
    }

    /// Load dictionaries from `dir` (PETRARCH or herald format), or herald's defaults.
    pub fn load(dir: Option<&Path>, options: Options) -> Result<Pipeline, LexiconError> {
        let dict = match dir {
            Some(d) => herald_lexicon::load_dir(d)?,
            None => herald_lexicon::load_default()?,
        };
        Ok(Pipeline::new(dict, options))
    }

    /// What loading the dictionaries found.
    pub fn report(&self) -> &LoadReport {
        &self.lexicon.dict.report
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The event coder.
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// Run every stage over `doc`.
    pub fn process(&self, doc: &mut Document) {
        self.process_with(doc, &self.coder.options);
    }

    /// Run every stage with other coder options.
    pub fn process_with(&self, doc: &mut Document, options: &Options) {
        herald_text::segment(doc);
        herald_actors::recognize(doc, &self.lexicon);
        self.coder.code_with(doc, options);
        doc.times = herald_time::extract(&doc.text, doc.date);
    }
}
