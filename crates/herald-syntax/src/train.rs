//! Training and evaluation on CoNLL-U treebanks.

use crate::conllu::Sentence;
use crate::feats::Lex;
use crate::lemma::Lemmatizer;
use crate::parser::{self, Input, ParseExample};
use crate::rng::Rng;
use crate::tagger::{self, TagExample};
use crate::{Model, SyntaxError};
use std::collections::HashMap;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the data for the parser and labeller.
    pub iterations: usize,
    /// Passes over the data for the tagger.
    pub tagger_iterations: usize,
    /// Seed for shuffling and exploration.
    pub seed: u64,
    /// Folds for jackknifed training tags (the parser trains on predicted tags);
    /// 0 or 1 trains the parser on gold tags.
    pub jackknife: usize,
    /// Averaged weights with absolute value below this are dropped (smaller model).
    pub prune: f32,
    /// Models trained on different shuffles and summed, for the final tagger
    /// passes and the parser (a larger model, same speed per lookup).
    pub ensemble: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            tagger_iterations: 12,
            seed: 1,
            jackknife: 4,
            prune: 0.05,
            ensemble: 3,
        }
    }
}

fn joint(w: &crate::conllu::Word) -> String {
    format!("{}\t{}", w.upos, w.xpos)
}

/// Trains a full model on `sentences` (gold tokenisation); `log` receives progress lines.
pub fn train(
    sentences: &[Sentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Result<Model, SyntaxError> {
    let sents: Vec<&Sentence> = sentences
        .iter()
        .filter(|s| !s.words.is_empty() && s.words.iter().all(|w| w.head.is_some()))
        .collect();
    if sents.is_empty() {
        return Err(SyntaxError::Train(
            "no sentences with complete HEAD columns to train on".into(),
        ));
    }
    let mut rng = Rng::new(opts.seed);
    // Tag and label inventories in first-seen order (deterministic).
    let mut tag_ids: HashMap<String, u16> = HashMap::new();
    let mut tags = Vec::new();
    let mut label_ids: HashMap<String, u16> = HashMap::new();
    let mut labels = Vec::new();
    for s in &sents {
        for w in &s.words {
            let j = joint(w);
            if !tag_ids.contains_key(&j) {
                tag_ids.insert(j.clone(), tags.len() as u16);
                tags.push(j);
            }
            if !label_ids.contains_key(&w.deprel) {
                label_ids.insert(w.deprel.clone(), labels.len() as u16);
                labels.push(w.deprel.clone());
            }
        }
    }
    if !labels.iter().any(|l| l == "root") {
        return Err(SyntaxError::Train(
            "no word labelled `root` in the training data".into(),
        ));
    }
    let tag_data: Vec<TagExample> = sents
        .iter()
        .map(|s| TagExample {
            lex: s.words.iter().map(|w| Lex::new(&w.form)).collect(),
            gold: s.words.iter().map(|w| tag_ids[&joint(w)]).collect(),
        })
        .collect();
    log(&format!(
        "{} sentences, {} tags, {} labels",
        sents.len(),
        tags.len(),
        labels.len()
    ));

    let ntags = tags.len();
    let tagdict = tagger::build_tagdict(&tag_data, ntags);
    let all: Vec<&TagExample> = tag_data.iter().collect();
    let it = opts.tagger_iterations;
    let (tagger, train_tags) = if opts.jackknife > 1 && sents.len() >= opts.jackknife {
        // Jackknifing: each fold is tagged by models that never saw it, so the
        // second pass and the parser learn from the tagger's real mistakes.
        let k = opts.jackknife;
        let mut run_folds = |first: Option<&[Vec<u16>]>, rng: &mut Rng, name: &str| {
            let mut out: Vec<Vec<u16>> = vec![Vec::new(); tag_data.len()];
            for fold in 0..k {
                let idx: Vec<usize> = (0..tag_data.len()).filter(|i| i % k != fold).collect();
                let part: Vec<&TagExample> = idx.iter().map(|&i| &tag_data[i]).collect();
                let look: Option<Vec<&Vec<u16>>> =
                    first.map(|f| idx.iter().map(|&i| &f[i]).collect());
                let w = tagger::train_pass(
                    &part,
                    ntags,
                    &tagdict,
                    look.as_deref(),
                    it,
                    rng,
                    &mut |_| {},
                );
                let (mut ok, mut n) = (0, 0);
                for i in (0..tag_data.len()).filter(|i| i % k == fold) {
                    let e = &tag_data[i];
                    out[i] = tagger::predict(&w, &tagdict, &e.lex, first.map(|f| f[i].as_slice()));
                    ok += out[i].iter().zip(&e.gold).filter(|(a, b)| a == b).count();
                    n += e.gold.len();
                }
                log(&format!(
                    "jackknife {name} fold {}/{k}: held-out tag acc {:.2}%",
                    fold + 1,
                    100.0 * ok as f64 / n.max(1) as f64
                ));
            }
            out
        };
        let tags1 = run_folds(None, &mut rng, "pass 1");
        let tags2 = run_folds(Some(&tags1), &mut rng, "pass 2");
        let look: Vec<&Vec<u16>> = tags1.iter().collect();
        let (mut firsts, mut seconds) = (Vec::new(), Vec::new());
        for _ in 0..opts.ensemble.max(1) {
            firsts.push(tagger::train_pass(
                &all, ntags, &tagdict, None, it, &mut rng, log,
            ));
            seconds.push(tagger::train_pass(
                &all,
                ntags,
                &tagdict,
                Some(&look),
                it,
                &mut rng,
                log,
            ));
        }
        let first = crate::perceptron::Weights::sum(&firsts);
        let second = crate::perceptron::Weights::sum(&seconds);
        (
            tagger::Tagger::new(tags, first, Some(second), tagdict),
            tags2,
        )
    } else {
        let first = tagger::train_pass(&all, ntags, &tagdict, None, it, &mut rng, log);
        let gold = tag_data.iter().map(|e| e.gold.clone()).collect();
        (tagger::Tagger::new(tags, first, None, tagdict), gold)
    };
    let lemmatizer = Lemmatizer::train(sents.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                w.upos.as_str(),
                w.xpos.as_str(),
                w.lemma.as_str(),
            )
        })
    }));
    let coarse = tagger.coarse();
    let parse_data: Vec<ParseExample> = sents
        .iter()
        .zip(tag_data.iter().zip(&train_tags))
        .map(|(s, (e, t))| {
            let mut heads = vec![0u32];
            heads.extend(s.words.iter().map(|w| w.head.unwrap_or(0) as u32));
            let mut labs = vec![0u16];
            labs.extend(s.words.iter().map(|w| label_ids[&w.deprel]));
            ParseExample {
                input: Input::new(&e.lex, t, &coarse),
                heads,
                labels: labs,
            }
        })
        .collect();
    let parser = parser::train(
        &parse_data,
        labels,
        opts.iterations,
        opts.ensemble,
        &mut rng,
        opts.prune,
        log,
    );
    Ok(Model {
        tagger,
        lemmatizer,
        parser,
        coarse,
    })
}

/// Accuracy of a model on gold-tokenised sentences, in percent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Universal POS accuracy.
    pub upos: f64,
    /// Language-specific (PTB) tag accuracy.
    pub xpos: f64,
    /// Lemma accuracy (exact string).
    pub lemma: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score (full relation including subtypes, e.g. `obl:tmod`).
    pub las: f64,
    /// Words scored (all words, punctuation included).
    pub words: usize,
}

/// Scores `model` against `gold` (words whose HEAD is `_` are skipped for UAS/LAS).
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Scores {
    evaluate_inner(model, gold, false)
}

/// Like [`evaluate`] but the parser gets the gold tags (measures the parser alone).
pub fn evaluate_gold_tags(model: &Model, gold: &[Sentence]) -> Scores {
    evaluate_inner(model, gold, true)
}

fn evaluate_inner(model: &Model, gold: &[Sentence], gold_tags: bool) -> Scores {
    let (mut up, mut xp, mut lm, mut ua, mut la, mut n, mut nh) = (0, 0, 0, 0, 0, 0usize, 0usize);
    for s in gold {
        let forms = s.forms();
        let out = if gold_tags {
            let tags: Vec<(&str, &str)> = s
                .words
                .iter()
                .map(|w| (w.upos.as_str(), w.xpos.as_str()))
                .collect();
            model.analyze_with_tags(&forms, &tags)
        } else {
            model.analyze(&forms)
        };
        for (w, a) in s.words.iter().zip(&out) {
            n += 1;
            up += usize::from(w.upos == a.upos);
            xp += usize::from(w.xpos == a.xpos);
            lm += usize::from(w.lemma == a.lemma);
            if let Some(h) = w.head {
                nh += 1;
                let pred = a.head.map_or(0, |x| x + 1);
                if pred == h {
                    ua += 1;
                    la += usize::from(w.deprel == a.deprel);
                }
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    Scores {
        upos: pct(up, n),
        xpos: pct(xp, n),
        lemma: pct(lm, n),
        uas: pct(ua, nh),
        las: pct(la, nh),
        words: n,
    }
}
