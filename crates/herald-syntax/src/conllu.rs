//! A CoNLL-U reader and writer.
//!
//! Multiword token lines (`1-2`) and empty nodes (`8.1`) are read and kept
//! aside: the tagger and parser only see the basic words.

use crate::SyntaxError;
use std::fmt::Write as _;
use std::path::Path;

/// One basic word line of a CoNLL-U sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: usize,
    /// Word form.
    pub form: String,
    /// Lemma (`_` when unknown).
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// Morphological features, verbatim.
    pub feats: String,
    /// Head id (0 = root); `None` when the column is `_`.
    pub head: Option<usize>,
    /// Dependency relation.
    pub deprel: String,
    /// Enhanced dependencies, verbatim.
    pub deps: String,
    /// Miscellaneous column, verbatim.
    pub misc: String,
}

/// A multiword token line such as `1-2 don't` (ID range, then the surface form).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word id covered.
    pub start: usize,
    /// Last word id covered.
    pub end: usize,
    /// Surface form.
    pub form: String,
    /// Miscellaneous column, verbatim.
    pub misc: String,
}

/// A sentence: comments, basic words, and the lines set aside.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `#` and one following space.
    pub comments: Vec<String>,
    /// The basic words, ids 1..=n in order.
    pub words: Vec<Word>,
    /// Multiword token lines.
    pub multiword: Vec<MultiwordToken>,
    /// Empty node lines (enhanced UD), kept verbatim.
    pub empty_nodes: Vec<String>,
}

impl Sentence {
    /// Gold heads as 0-based indices (`None` = root or missing).
    pub fn heads0(&self) -> Vec<Option<usize>> {
        self.words
            .iter()
            .map(|w| w.head.and_then(|h| h.checked_sub(1)))
            .collect()
    }

    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>, SyntaxError> {
    let text = std::fs::read_to_string(path).map_err(|e| SyntaxError::Io {
        path: path.to_path_buf(),
        error: e,
    })?;
    parse_str(&text, &path.display().to_string())
}

fn err(file: &str, line: usize, message: String) -> SyntaxError {
    SyntaxError::Conllu {
        file: file.to_string(),
        line,
        message,
    }
}

/// Parses CoNLL-U text; `source` names the input in error messages.
pub fn parse_str(text: &str, source: &str) -> Result<Vec<Sentence>, SyntaxError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    // Line numbers of the words of `cur`, to blame the right line for a bad HEAD.
    let mut word_lines: Vec<usize> = Vec::new();
    let finish = |cur: &mut Sentence,
                  word_lines: &mut Vec<usize>,
                  out: &mut Vec<Sentence>|
     -> Result<(), SyntaxError> {
        let n = cur.words.len();
        for (w, &ln) in cur.words.iter().zip(word_lines.iter()) {
            if let Some(h) = w.head {
                if h > n {
                    return Err(err(
                        source,
                        ln,
                        format!("HEAD {h} is beyond the last word id {n} of the sentence"),
                    ));
                }
                if h == w.id {
                    return Err(err(source, ln, format!("word {h} is its own HEAD")));
                }
            }
        }
        for m in &cur.multiword {
            if m.end > n {
                return Err(err(
                    source,
                    word_lines.last().copied().unwrap_or(0),
                    format!(
                        "multiword token {}-{} reaches beyond word {n}",
                        m.start, m.end
                    ),
                ));
            }
        }
        if !cur.words.is_empty() || !cur.comments.is_empty() {
            out.push(std::mem::take(cur));
        }
        word_lines.clear();
        Ok(())
    };
    for (i, raw) in text.lines().enumerate() {
        let ln = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            finish(&mut cur, &mut word_lines, &mut out)?;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if !cur.words.is_empty() {
                return Err(err(
                    source,
                    ln,
                    "comment line inside a sentence (missing blank line?)".into(),
                ));
            }
            cur.comments
                .push(c.strip_prefix(' ').unwrap_or(c).to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                source,
                ln,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let (start, end) = match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(s), Ok(e)) if s >= 1 && e > s => (s, e),
                _ => return Err(err(source, ln, format!("bad multiword token id {id:?}"))),
            };
            if start != cur.words.len() + 1 {
                return Err(err(
                    source,
                    ln,
                    format!(
                        "multiword token {id} should start at word {}",
                        cur.words.len() + 1
                    ),
                ));
            }
            cur.multiword.push(MultiwordToken {
                start,
                end,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        if let Some((a, b)) = id.split_once('.') {
            let ok = a.parse::<usize>().is_ok() && b.parse::<usize>().is_ok_and(|x| x >= 1);
            if !ok {
                return Err(err(source, ln, format!("bad empty node id {id:?}")));
            }
            cur.empty_nodes.push(line.to_string());
            continue;
        }
        let idn: usize = id
            .parse()
            .map_err(|_| err(source, ln, format!("bad word id {id:?}")))?;
        if idn != cur.words.len() + 1 {
            return Err(err(
                source,
                ln,
                format!(
                    "word id {idn} out of sequence (expected {})",
                    cur.words.len() + 1
                ),
            ));
        }
        let head = if cols[6] == "_" {
            None
        } else {
            Some(
                cols[6]
                    .parse::<usize>()
                    .map_err(|_| err(source, ln, format!("bad HEAD {:?}", cols[6])))?,
            )
        };
        cur.words.push(Word {
            id: idn,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
        word_lines.push(ln);
    }
    finish(&mut cur, &mut word_lines, &mut out)?;
    Ok(out)
}

/// Writes sentences as CoNLL-U (basic words and comments only).
pub fn write_string(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        for c in &sent.comments {
            let _ = writeln!(s, "# {c}");
        }
        for w in &sent.words {
            let head = w.head.map_or("_".to_string(), |h| h.to_string());
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, head, w.deprel, w.deps, w.misc
            );
        }
        s.push('\n');
    }
    s
}
