//! Each sentence's share of the document's layers (actor mentions, places, time
//! expressions), found once per document: the coder asks for them sentence by sentence,
//! and a scan of the whole document each time would make coding quadratic in the
//! article's length.

use herald_core::{Document, Location, Mention, Timex};

/// Indices into `doc.mentions`, `doc.locations` and `doc.times`, by sentence.
pub(crate) struct BySentence {
    mentions: Vec<Vec<usize>>,
    locations: Vec<Vec<usize>>,
    times: Vec<Vec<usize>>,
}

impl BySentence {
    /// Group the layers of `doc` by sentence (places and times by where they start).
    pub(crate) fn new(doc: &Document) -> BySentence {
        let n = doc.sentences.len();
        let mut mentions = vec![Vec::new(); n];
        for (i, m) in doc.mentions.iter().enumerate() {
            if let Some(list) = mentions.get_mut(m.sentence) {
                list.push(i);
            }
        }
        let mut locations = vec![Vec::new(); n];
        for (i, l) in doc.locations.iter().enumerate() {
            if let Some(si) = doc.sentence_at(l.span.start) {
                locations[si].push(i);
            }
        }
        let mut times = vec![Vec::new(); n];
        for (i, t) in doc.times.iter().enumerate() {
            if let Some(si) = doc.sentence_at(t.span.start) {
                times[si].push(i);
            }
        }
        BySentence {
            mentions,
            locations,
            times,
        }
    }

    /// The mentions of sentence `si`, in document order.
    pub(crate) fn mentions<'a, 'd: 'a>(
        &'a self,
        doc: &'d Document,
        si: usize,
    ) -> impl Iterator<Item = &'d Mention> + 'a {
        self.mentions[si].iter().map(move |&i| &doc.mentions[i])
    }

    /// The places that start in sentence `si`.
    pub(crate) fn locations<'a, 'd: 'a>(
        &'a self,
        doc: &'d Document,
        si: usize,
    ) -> impl Iterator<Item = &'d Location> + 'a {
        self.locations[si].iter().map(move |&i| &doc.locations[i])
    }

    /// The time expressions that start in sentence `si`.
    pub(crate) fn times<'a, 'd: 'a>(
        &'a self,
        doc: &'d Document,
        si: usize,
    ) -> impl Iterator<Item = &'d Timex> + 'a {
        self.times[si].iter().map(move |&i| &doc.times[i])
    }
}
