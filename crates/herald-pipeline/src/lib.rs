//! herald's pipeline: the stages in order, the output format and evaluation.

#![warn(missing_docs)]

pub mod batch;
pub mod decide;
pub mod eval;
pub mod output;
pub mod propose;

pub use batch::{set_jobs, CodeError, CodeErrorKind, CodeStream, StreamError};

use herald_core::Document;
use herald_events::{Coder, Options};
use herald_lexicon::{Dictionaries, Lexicon, LexiconError, LoadReport};
use std::path::Path;
use std::sync::Arc;

pub use herald_events::Options as CoderOptions;

/// All stages, loaded once and shared by every document.
#[derive(Debug)]
pub struct Pipeline {
    lexicon: Arc<Lexicon>,
    coder: Coder,
    model: Option<Arc<herald_model::EventModel>>,
    policy: decide::Policy,
    syntax: Option<herald_syntax::Model>,
    gazetteer: herald_names::Gazetteer,
    knowledge: bool,
    limits: Limits,
}

/// What one document may cost (docs/limits.md). Real articles are far inside every
/// limit; they bound what a dump pasted into one record, or a text without full stops,
/// can do to a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Sentences coded per document; later ones are left out, with a warning.
    pub max_sentences: usize,
    /// Bytes of one sentence; longer sentences (one huge "word", a table row) are left
    /// out, with a warning. (The splitter already cuts sentences at
    /// [`herald_text::MAX_SENTENCE_TOKENS`] tokens.)
    pub max_sentence_bytes: usize,
    /// Bytes of text coded per document: sentences that end after this byte are left
    /// out, with a warning (a dump or a text without full stops pasted into one record).
    pub max_coded_bytes: usize,
    /// CPU time of one document, checked between stages: a document over it is
    /// reported and skipped ([`CodeErrorKind::OverBudget`]).
    pub max_cpu: std::time::Duration,
}

/// Default [`Limits::max_sentences`]: 5,000 (a long news article has a few hundred).
pub const DEFAULT_MAX_SENTENCES: usize = 5_000;
/// Default [`Limits::max_sentence_bytes`]: 16 KiB (250 tokens are about 1.5 KB of news).
pub const DEFAULT_MAX_SENTENCE_BYTES: usize = 16 << 10;
/// Default [`Limits::max_coded_bytes`]: 1 MiB (the longest of 37,554 AllSides articles
/// is 77 KB).
pub const DEFAULT_MAX_CODED_BYTES: usize = 1 << 20;
/// Default [`Limits::max_cpu`]: 60 s per document (a long article takes well under 1 s).
pub const DEFAULT_MAX_CPU: std::time::Duration = std::time::Duration::from_secs(60);

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_sentences: DEFAULT_MAX_SENTENCES,
            max_sentence_bytes: DEFAULT_MAX_SENTENCE_BYTES,
            max_coded_bytes: DEFAULT_MAX_CODED_BYTES,
            max_cpu: DEFAULT_MAX_CPU,
        }
    }
}

/// CPU time used by the calling thread: the budget counts work, not waiting for a
/// core on a loaded machine.
fn thread_cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the valid, owned `ts`.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::new(
        ts.tv_sec.max(0) as u64,
        ts.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// Leave out the sentences over the count and size limits, with a warning for each
/// kind. Sentences are renumbered; tokens and paragraphs stay as they are. Returns the
/// byte where coding ends when sentences were cut off at the count limit.
fn apply_sentence_limits(doc: &mut Document, limits: &Limits) -> Option<usize> {
    let before = doc.sentences.len();
    let long = limits.max_sentence_bytes;
    doc.sentences.retain(|s| s.span.len() <= long);
    let dropped_long = before - doc.sentences.len();
    if dropped_long > 0 {
        doc.warnings.push(format!(
            "{dropped_long} sentence(s) longer than {long} bytes left out of coding"
        ));
    }
    let mut cut = false;
    if doc.sentences.len() > limits.max_sentences {
        let extra = doc.sentences.len() - limits.max_sentences;
        doc.sentences.truncate(limits.max_sentences);
        doc.warnings.push(format!(
            "{extra} sentence(s) after the first {} left out of coding",
            limits.max_sentences
        ));
        cut = true;
    }
    let within = doc
        .sentences
        .partition_point(|s| s.span.end <= limits.max_coded_bytes);
    if within < doc.sentences.len() {
        let extra = doc.sentences.len() - within;
        doc.sentences.truncate(within);
        doc.warnings.push(format!(
            "{extra} sentence(s) after the first {} bytes of text left out of coding",
            limits.max_coded_bytes
        ));
        cut = true;
    }
    if cut {
        // Coding ends with the last sentence kept (or at the start of the text).
        return Some(doc.sentences.last().map_or(0, |s| s.span.end));
    }
    None
}

impl Pipeline {
    /// Build from a loaded dictionary set.
    pub fn new(dict: Dictionaries, options: Options) -> Pipeline {
        let lexicon = Arc::new(Lexicon::new(dict));
        let coder = Coder::new(lexicon.clone(), options);
        Pipeline {
            lexicon,
            coder,
            model: None,
            policy: decide::Policy::default(),
            syntax: None,
            knowledge: true,
            limits: Limits::default(),
            // The gazetteer is compiled into the binary; it can only fail on a broken
            // $HERALD_DATA override, and then herald still codes events without places.
            gazetteer: herald_names::Gazetteer::load_default().unwrap_or_else(|e| {
                eprintln!("herald: gazetteer not loaded ({e}); places are left out");
                herald_names::Gazetteer::default()
            }),
        }
    }

    /// Parse the sentences that hold actor mentions with this model.
    pub fn with_syntax(mut self, model: herald_syntax::Model) -> Pipeline {
        self.syntax = Some(model);
        self
    }

    /// Skip (`false`) or run (`true`, the default) the knowledge layers: times, quotes,
    /// amounts, tone, names and places. Without them events keep the publication date.
    pub fn with_knowledge(mut self, on: bool) -> Pipeline {
        self.knowledge = on;
        self
    }

    /// Let the event model type the coded events (see [`decide`]).
    pub fn with_event_model(mut self, model: herald_model::EventModel) -> Pipeline {
        self.model = Some(Arc::new(model));
        self
    }

    /// Add the event model of `dir`; without a folder, the shipped one
    /// (`data/models`) when its files are there (a fresh data folder may lack it). Every
    /// front end loads it through here, so all code alike.
    pub fn with_event_model_from(
        self,
        dir: Option<&Path>,
        policy: decide::Policy,
    ) -> Result<Pipeline, herald_model::ModelError> {
        let path = dir.map_or_else(|| herald_core::data::data_path("models"), Path::to_path_buf);
        if dir.is_none() && !path.join(herald_model::HEAD_FILE).exists() {
            return Ok(self);
        }
        let model = herald_model::EventModel::load(&path)?;
        Ok(self.with_event_model(model).with_policy(policy))
    }

    /// The event model, when one is loaded.
    pub fn event_model(&self) -> Option<&herald_model::EventModel> {
        self.model.as_deref()
    }

    /// Set the thresholds by which the model confirms, re-types or drops events.
    pub fn with_policy(mut self, policy: decide::Policy) -> Pipeline {
        self.policy = policy;
        self
    }

    /// The syntax model, when one is loaded.
    pub fn syntax(&self) -> Option<&herald_syntax::Model> {
        self.syntax.as_ref()
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
        // Over the CPU budget the remaining stages are skipped; `code` reports it.
        let _ = self.process_within_budget(doc, options);
    }

    /// The stages, with the budget checked between them: `Err(())` when the document
    /// ran over [`Limits::max_cpu`] (the stages after that point did not run).
    pub(crate) fn process_within_budget(
        &self,
        doc: &mut Document,
        options: &Options,
    ) -> Result<(), ()> {
        let started = thread_cpu_time();
        let budget = self.limits.max_cpu;
        let check = || {
            if thread_cpu_time().saturating_sub(started) > budget {
                Err(())
            } else {
                Ok(())
            }
        };
        herald_text::segment(doc);
        let coded_end = apply_sentence_limits(doc, &self.limits);
        // The places of the text (with the knowledge layers) let sector words such as
        // "police" take the country of the city their sentence names or of the dateline.
        let (knowledge, gazetteer) = (self.knowledge, &self.gazetteer);
        let (places, dateline) = herald_actors::recognize_in(doc, &self.lexicon, |d| {
            if knowledge {
                (
                    herald_names::locations(d, gazetteer),
                    herald_names::dateline(d, gazetteer),
                )
            } else {
                (Vec::new(), None)
            }
        });
        // The coder reads the places too ("after the Orlando attack": where, not who).
        doc.locations = places;
        check()?;
        if let Some(model) = &self.syntax {
            parse_mentioned_sentences(doc, model);
        }
        check()?;
        if !self.knowledge {
            self.code_events(doc, options);
            return check();
        }
        // Time expressions of the coded part only: the text left out would only add
        // times that no coded event can take (and the coder looks through them per event).
        let timed = coded_end.map_or(doc.text.as_str(), |end| &doc.text[..end]);
        doc.times = herald_time::extract(timed, doc.date);
        self.code_events(doc, options);
        check()?;
        doc.quotes = herald_quotes::extract(doc);
        doc.amounts = herald_amounts::extract(doc);
        doc.tone = Some(herald_tone::tone(doc));
        doc.persons = herald_names::persons(doc);
        doc.organizations = herald_names::organizations(doc);
        let places: Vec<_> = doc
            .events
            .iter()
            .map(|e| {
                herald_names::event_location_among(
                    doc,
                    e.sentence,
                    &doc.locations,
                    dateline.as_ref(),
                )
            })
            .collect();
        for (e, place) in doc.events.iter_mut().zip(places) {
            e.location = place;
        }
        check()
    }

    /// Set the per-document limits (default: [`Limits::default`]).
    pub fn with_limits(mut self, limits: Limits) -> Pipeline {
        self.limits = limits;
        self
    }

    /// The per-document limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }
}

impl Pipeline {
    /// Code the events, then list PETRARCH's new actors (none for a story a discard
    /// phrase dropped), before the stages that read the mentions.
    fn code_events(&self, doc: &mut Document, options: &Options) {
        self.coder.code_with(doc, options);
        if let Some(model) = &self.model {
            decide::apply(model, doc, &self.policy);
        }
        if options.new_actor_length > 0 && !self.coder.story_discarded(doc) {
            herald_actors::new_actors(doc, options.new_actor_length);
        }
    }
}

/// Parse every sentence with an actor mention: the others cannot hold an event, and
/// skipping them is most of the parser's cost on news.
fn parse_mentioned_sentences(doc: &mut Document, model: &herald_syntax::Model) {
    let mut wanted = vec![false; doc.sentences.len()];
    for m in &doc.mentions {
        wanted[m.sentence] = true;
    }
    for (i, s) in doc.sentences.iter_mut().enumerate() {
        if !wanted[i] {
            continue;
        }
        let forms: Vec<std::borrow::Cow<str>> = doc.tokens[s.tokens.clone()]
            .iter()
            .map(|t| treebank_form(t.span.slice(&doc.text)))
            .collect();
        let words: Vec<&str> = forms.iter().map(|w| w.as_ref()).collect();
        s.syntax = Some(model.analyze(&words).into_iter().map(Into::into).collect());
    }
}

/// The word as the treebank would spell it: the model was trained on text with mostly
/// straight quotes and apostrophes, and curly ones throw its tagger off ("struck a “no
/// limits” partnership" tagged "struck" a noun).
fn treebank_form(word: &str) -> std::borrow::Cow<'_, str> {
    if !word.contains(['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}']) {
        return std::borrow::Cow::Borrowed(word);
    }
    std::borrow::Cow::Owned(
        word.chars()
            .map(|c| match c {
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2018}' | '\u{2019}' => '\'',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_lexicon::{herald_format, petrarch};

    #[test]
    fn events_take_the_date_of_their_sentence_or_story() {
        let mut d = Dictionaries::default();
        herald_format::read_actors("a.actors", "Russia\n    RUS\nUkraine\n    UKR\n", &mut d);
        petrarch::read_verbs("v.verbs", "--- INVADE [192] ---\nINVADE\n", &mut d);
        let p = Pipeline::new(d, Options::default());
        let mut doc = Document::new(
            "t",
            "Russia invaded Ukraine in February 2022. Then Russia invaded Ukraine again. Russia will invade Ukraine.",
            chrono::NaiveDate::from_ymd_opt(2023, 3, 17),
        );
        p.process(&mut doc);
        let dates: Vec<(Option<&str>, Option<&str>)> = doc
            .events
            .iter()
            .map(|e| (e.date.as_deref(), e.date_source.map(|d| d.as_str())))
            .collect();
        assert_eq!(
            dates,
            [
                (Some("2022-02"), Some("sentence")),
                (Some("2022-02"), Some("context")),
                (Some("2023-03-17"), Some("article")),
            ]
        );
    }
}
