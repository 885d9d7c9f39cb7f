//! `herald._herald`: the Python extension behind the `herald` package (python/).
//!
//! It binds the pipeline's one batch entry (`Pipeline::code` / `Pipeline::code_batch`,
//! herald-pipeline's `batch` module) and its output function (`output::to_json_line`),
//! so Python codes exactly as `herald code` does: the JSON returned is the same line the
//! CLI writes. Coding runs with the interpreter detached (the GIL released), on rayon
//! threads. The Python layer (`python/herald/__init__.py`) adds the streaming
//! `code_batch` generator, `json.loads` of each line and the pandas frames.

use herald_core::Document;
use herald_pipeline::{output, CodeError, CoderOptions, Limits, Pipeline};
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyUnicodeEncodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

create_exception!(
    _herald,
    CodingError,
    PyRuntimeError,
    "An article the pipeline could not code: a stage failed on it (a bug; please report) \
     or it ran over its CPU budget (`max_cpu_per_article`). Other articles are not affected."
);

/// Why one record cannot become a document: the message, without the record's name.
type BadRecord = String;

/// A readable name of a Python value's type, for messages ("int", "NoneType").
fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// Is `v` a missing value: None, or pandas' NaN/NaT (the only values unequal to
/// themselves), so a `DataFrame.to_dict("records")` row reads like JSON's null.
fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    v.is_none() || v.ne(v).unwrap_or(false)
}

/// A Python str as a Rust String; a lone surrogate (not encodable in UTF-8) is named
/// with its position.
fn string_of(field: &str, v: &Bound<'_, PyAny>) -> Result<String, BadRecord> {
    let s = v
        .cast::<PyString>()
        .map_err(|_| format!("{field:?} is not a string but {}", type_name(v)))?;
    s.extract::<String>().map_err(|e| {
        let py = v.py();
        if e.is_instance_of::<PyUnicodeEncodeError>(py) {
            let at = e
                .value(py)
                .getattr("start")
                .and_then(|s| s.extract::<usize>())
                .map(|i| format!(" at index {i}"))
                .unwrap_or_default();
            format!(
                "{field:?} is not valid Unicode: a lone surrogate{at} cannot be encoded as UTF-8"
            )
        } else {
            format!("{field:?}: {e}")
        }
    })
}

/// An optional text field (title, url, source): absent, or a str.
fn opt_string(field: &str, v: Option<&Bound<'_, PyAny>>) -> Result<Option<String>, BadRecord> {
    match v {
        None => Ok(None),
        Some(v) if is_missing(v) => Ok(None),
        Some(v) => string_of(field, v).map(Some),
    }
}

/// A publication date as `herald code` reads it from JSON Lines: a string in any of the
/// reader's layouts (empty = none) or Unix seconds; also a `datetime.date`/`datetime`
/// (its `isoformat()`, so a timestamp keeps the calendar date of its own offset).
fn date_of(v: Option<&Bound<'_, PyAny>>) -> Result<Option<chrono::NaiveDate>, BadRecord> {
    let Some(v) = v else { return Ok(None) };
    if is_missing(v) {
        return Ok(None);
    }
    if let Ok(s) = v.cast::<PyString>() {
        let s = string_of("date", s.as_any())?;
        if s.trim().is_empty() {
            return Ok(None);
        }
        return herald_ingest::parse_date(&s)
            .map(Some)
            .ok_or_else(|| format!("unrecognised \"date\" {s:?}"));
    }
    if v.is_instance_of::<pyo3::types::PyBool>() {
        return Err("\"date\" is not a date but bool".to_string());
    }
    if v.is_instance_of::<pyo3::types::PyInt>() {
        let secs: i64 = v
            .extract()
            .map_err(|_| "\"date\" is out of range for Unix seconds".to_string())?;
        return herald_ingest::unix_date(secs)
            .map(Some)
            .ok_or_else(|| format!("\"date\" {secs} is no Unix time (1970 to 2200)"));
    }
    if v.hasattr("isoformat").unwrap_or(false) && v.hasattr("year").unwrap_or(false) {
        let iso: String = v
            .call_method0("isoformat")
            .and_then(|s| s.extract())
            .map_err(|e| format!("\"date\": {e}"))?;
        return herald_ingest::parse_date(&iso)
            .map(Some)
            .ok_or_else(|| format!("unrecognised \"date\" {iso:?}"));
    }
    Err(format!(
        "\"date\" is not a string, date or Unix time but {}",
        type_name(v)
    ))
}

/// The fields of one article, as Python gave them.
struct Fields<'a, 'py> {
    text: Option<&'a Bound<'py, PyAny>>,
    date: Option<&'a Bound<'py, PyAny>>,
    id: Option<&'a Bound<'py, PyAny>>,
    title: Option<&'a Bound<'py, PyAny>>,
    url: Option<&'a Bound<'py, PyAny>>,
    source: Option<&'a Bound<'py, PyAny>>,
}

/// The document id: the record's own (a str, or an int written in decimal, as the JSON
/// Lines reader does), else `default`.
fn id_of(v: Option<&Bound<'_, PyAny>>, default: &str) -> Result<String, BadRecord> {
    match v {
        None => Ok(default.to_string()),
        Some(v) if is_missing(v) => Ok(default.to_string()),
        Some(v) if v.is_instance_of::<pyo3::types::PyBool>() => {
            Err("\"id\" is not a string but bool".to_string())
        }
        Some(v) if v.is_instance_of::<pyo3::types::PyInt>() => Ok(v.str().map_or_else(
            |_| default.to_string(),
            |s| s.to_string_lossy().into_owned(),
        )),
        Some(v) => {
            let s = string_of("id", v)?;
            Ok(if s.is_empty() { default.to_string() } else { s })
        }
    }
}

/// One article as a Document, checked as the JSON Lines reader checks a record: the
/// text must be a non-blank str; the other fields must be what they say.
fn document(f: &Fields<'_, '_>, default_id: &str) -> Result<Document, BadRecord> {
    let id = id_of(f.id, default_id)?;
    let text = match f.text {
        None => return Err("record has no \"text\"".to_string()),
        Some(t) if t.is_none() => return Err("record has no \"text\"".to_string()),
        Some(t) => string_of("text", t)?,
    };
    if text.trim().is_empty() {
        return Err("\"text\" is empty".to_string());
    }
    let mut doc = Document::new(id, text, date_of(f.date)?);
    doc.title = opt_string("title", f.title)?;
    doc.url = opt_string("url", f.url)?;
    doc.source = opt_string("source", f.source)?;
    Ok(doc)
}

/// `record 3 (id 'a1')` or `record 3`: how messages name a record of a batch.
fn record_name(index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("record {index} (id {id:?})"),
        None => format!("record {index}"),
    }
}

/// A record of a batch (a dict, or any mapping with `.get`) as a Document; the error
/// names the record, and comes with the record's id when that could be read.
fn record_document(
    index: usize,
    rec: &Bound<'_, PyAny>,
) -> Result<Document, (Option<String>, BadRecord)> {
    let get = |key: &str| -> Result<Option<Bound<'_, PyAny>>, BadRecord> {
        let v = if let Ok(d) = rec.cast::<PyDict>() {
            d.get_item(key).map_err(|e| e.to_string())?
        } else {
            Some(rec.call_method1("get", (key,)).map_err(|e| e.to_string())?)
        };
        Ok(v.filter(|v| !v.is_none()))
    };
    if !rec.is_instance_of::<PyDict>() && !rec.hasattr("get").unwrap_or(false) {
        return Err((
            None,
            format!(
                "{}: expected a dict with a \"text\" key, got {}",
                record_name(index, None),
                type_name(rec)
            ),
        ));
    }
    let named = |id: Option<&str>, m: BadRecord| {
        (
            id.map(str::to_string),
            format!("{}: {m}", record_name(index, id)),
        )
    };
    let [text, date, id, title, url, source] =
        ["text", "date", "id", "title", "url", "source"].map(get);
    let (text, date, id, title, url, source) = (
        text.map_err(|m| named(None, m))?,
        date.map_err(|m| named(None, m))?,
        id.map_err(|m| named(None, m))?,
        title.map_err(|m| named(None, m))?,
        url.map_err(|m| named(None, m))?,
        source.map_err(|m| named(None, m))?,
    );
    let default_id = index.to_string();
    // Name the record by its own id when that much can be read.
    let id_for_message = id_of(id.as_ref(), &default_id)
        .ok()
        .filter(|_| id.is_some());
    let fields = Fields {
        text: text.as_ref(),
        date: date.as_ref(),
        id: id.as_ref(),
        title: title.as_ref(),
        url: url.as_ref(),
        source: source.as_ref(),
    };
    document(&fields, &default_id).map_err(|m| named(id_for_message.as_deref(), m))
}

fn coding_error(e: &CodeError) -> PyErr {
    CodingError::new_err(e.to_string())
}

/// herald's pipeline, loaded once: dictionaries, syntax model, coder options and
/// limits. Safe to share between threads; coding releases the GIL.
#[pyclass(frozen, subclass, module = "herald._herald", name = "Pipeline")]
struct PyPipeline {
    inner: Arc<Pipeline>,
    /// Worker threads for batches when the call names none (None: every core).
    jobs: Option<usize>,
    /// One rayon pool per thread count asked for, made on first use.
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
    /// What the pipeline was loaded from, for repr().
    described: String,
}

impl PyPipeline {
    fn pool(&self, jobs: usize) -> PyResult<Arc<rayon::ThreadPool>> {
        let mut pools = self
            .pools
            .lock()
            .map_err(|_| PyRuntimeError::new_err("herald: thread pool lock poisoned"))?;
        if let Some(p) = pools.get(&jobs) {
            return Ok(p.clone());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("herald-{i}"))
            .build()
            .map_err(|e| PyRuntimeError::new_err(format!("herald: thread pool: {e}")))?;
        let pool = Arc::new(pool);
        pools.insert(jobs, pool.clone());
        Ok(pool)
    }

    /// Code `docs` through the batch entry, in a pool of `jobs` threads (None: the
    /// process-wide pool, one thread per core), with the interpreter detached.
    fn run_batch(
        &self,
        py: Python<'_>,
        docs: Vec<Document>,
        jobs: Option<usize>,
    ) -> PyResult<Vec<Result<String, CodeError>>> {
        let pool = match jobs.or(self.jobs) {
            Some(0) | None => None,
            Some(j) => Some(self.pool(j)?),
        };
        let inner = self.inner.clone();
        Ok(py.detach(move || {
            let run = || {
                inner
                    .code_batch(docs)
                    .into_iter()
                    .map(|r| r.map(|d| output::to_json_line(&d)))
                    .collect::<Vec<_>>()
            };
            match pool {
                Some(p) => p.install(run),
                None => run(),
            }
        }))
    }
}

#[pymethods]
impl PyPipeline {
    /// Load herald's pipeline. See `herald.Pipeline` for the options.
    #[new]
    #[pyo3(signature = (
        dictionaries=None, jobs=None, *, model=None, parse=true, knowledge=true,
        require_dyad=false, keep_negated=false, keep_hypothetical=false, intent_codes=true,
        actors_from="words", comma_min=2, comma_max=8, comma_bmin=0, comma_bmax=0,
        comma_emin=2, comma_emax=8, new_actor_length=0,
        max_sentences=herald_pipeline::DEFAULT_MAX_SENTENCES,
        max_sentence_bytes=herald_pipeline::DEFAULT_MAX_SENTENCE_BYTES,
        max_coded_bytes=herald_pipeline::DEFAULT_MAX_CODED_BYTES,
        max_cpu_per_article=herald_pipeline::DEFAULT_MAX_CPU.as_secs_f64(),
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        dictionaries: Option<PathBuf>,
        jobs: Option<usize>,
        model: Option<PathBuf>,
        parse: bool,
        knowledge: bool,
        require_dyad: bool,
        keep_negated: bool,
        keep_hypothetical: bool,
        intent_codes: bool,
        actors_from: &str,
        comma_min: usize,
        comma_max: usize,
        comma_bmin: usize,
        comma_bmax: usize,
        comma_emin: usize,
        comma_emax: usize,
        new_actor_length: usize,
        max_sentences: usize,
        max_sentence_bytes: usize,
        max_coded_bytes: usize,
        max_cpu_per_article: f64,
    ) -> PyResult<Self> {
        let actors_from_parse = match actors_from {
            "words" => false,
            "parse" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "actors_from must be \"words\" or \"parse\", not {other:?}"
                )))
            }
        };
        let max_cpu = std::time::Duration::try_from_secs_f64(max_cpu_per_article).map_err(|_| {
            PyValueError::new_err(format!(
                "max_cpu_per_article must be a positive number of seconds, not {max_cpu_per_article}"
            ))
        })?;
        // The same options `herald code` builds from its flags (CoderArgs::options), with
        // the same defaults.
        let options = CoderOptions {
            require_dyad,
            keep_negated,
            keep_hypothetical,
            code_intent: intent_codes,
            actors_from_parse,
            comma_min,
            comma_max,
            comma_bmin,
            comma_bmax,
            comma_emin,
            comma_emax,
            new_actor_length,
            ..CoderOptions::default()
        };
        let limits = Limits {
            max_sentences,
            max_sentence_bytes,
            max_coded_bytes,
            max_cpu,
        };
        let described = format!(
            "dictionaries={}, model={}",
            dictionaries.as_ref().map_or_else(
                || "default".to_string(),
                |d| format!("{:?}", d.display().to_string())
            ),
            if parse {
                model.as_ref().map_or_else(
                    || "default".to_string(),
                    |m| format!("{:?}", m.display().to_string()),
                )
            } else {
                "None".to_string()
            }
        );
        // Loading reads megabytes from disk: let other Python threads run meanwhile.
        let pipeline = py.detach(move || -> Result<Pipeline, String> {
            let p = Pipeline::load(dictionaries.as_deref(), options)
                .map_err(|e| format!("loading dictionaries: {e}"))?;
            // As CoderArgs::pipeline: the named model must load; the default one is
            // used when it is there.
            let p = if parse {
                let path = model
                    .clone()
                    .unwrap_or_else(herald_syntax::default_model_path);
                if model.is_some() || path.exists() {
                    let m = herald_syntax::Model::load(&path)
                        .map_err(|e| format!("loading syntax model {}: {e}", path.display()))?;
                    p.with_syntax(m)
                } else {
                    p
                }
            } else {
                p
            };
            // As CoderArgs::pipeline: the shipped event model, through the same call.
            let p = p
                .with_event_model_from(None, herald_pipeline::decide::Policy::default())
                .map_err(|e| format!("loading the event model: {e}"))?;
            Ok(p.with_knowledge(knowledge).with_limits(limits))
        });
        let pipeline = pipeline.map_err(PyValueError::new_err)?;
        Ok(PyPipeline {
            inner: Arc::new(pipeline),
            jobs,
            pools: Mutex::new(HashMap::new()),
            described,
        })
    }

    /// Code one article; returns its JSON line, exactly as `herald code` writes it.
    #[pyo3(signature = (text, date=None, id=None, title=None, url=None, source=None))]
    #[allow(clippy::too_many_arguments)]
    fn code_json(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        date: Option<&Bound<'_, PyAny>>,
        id: Option<&Bound<'_, PyAny>>,
        title: Option<&Bound<'_, PyAny>>,
        url: Option<&Bound<'_, PyAny>>,
        source: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let fields = Fields {
            text: Some(text),
            date,
            id,
            title,
            url,
            source,
        };
        let doc = document(&fields, "0").map_err(PyValueError::new_err)?;
        let inner = self.inner.clone();
        let coded = py.detach(move || inner.code(doc).map(|d| output::to_json_line(&d)));
        coded.map_err(|e| coding_error(&e))
    }

    /// Code a list of records (dicts with "text" and optional "id", "date", "title",
    /// "url", "source") through the batch entry. `first` is the index of the first
    /// record in the caller's stream (for ids and messages). Returns one
    /// `(kind, id, payload)` per record, in order: `("ok", id, json_line)`,
    /// `("bad", id_or_None, message)` for a record that is no article, or
    /// `("failed", id, message)` for one the pipeline could not code.
    #[pyo3(signature = (records, first=0, jobs=None))]
    fn _code_records(
        &self,
        py: Python<'_>,
        records: Vec<Bound<'_, PyAny>>,
        first: usize,
        jobs: Option<usize>,
    ) -> PyResult<Vec<(&'static str, Option<String>, String)>> {
        let mut docs = Vec::with_capacity(records.len());
        // Per record: Ok(position in docs) or Err(message).
        let mut slots: Vec<Result<usize, (Option<String>, BadRecord)>> =
            Vec::with_capacity(records.len());
        for (i, rec) in records.iter().enumerate() {
            match record_document(first + i, rec) {
                Ok(d) => {
                    slots.push(Ok(docs.len()));
                    docs.push(d);
                }
                Err(m) => slots.push(Err(m)),
            }
        }
        let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
        let mut coded: Vec<Option<Result<String, CodeError>>> = self
            .run_batch(py, docs, jobs)?
            .into_iter()
            .map(Some)
            .collect();
        Ok(slots
            .into_iter()
            .map(|slot| match slot {
                Ok(k) => match coded[k].take() {
                    Some(Ok(line)) => ("ok", Some(ids[k].clone()), line),
                    Some(Err(e)) => ("failed", Some(e.id.clone()), e.to_string()),
                    None => ("failed", Some(ids[k].clone()), "lost".to_string()),
                },
                Err((id, m)) => ("bad", id, m),
            })
            .collect())
    }

    /// Worker threads of batches when a call names none (None: every core).
    #[getter]
    fn jobs(&self) -> Option<usize> {
        self.jobs
    }

    /// Whether a syntax model is loaded (sentences with actors are parsed).
    #[getter]
    fn parses(&self) -> bool {
        self.inner.syntax().is_some()
    }

    /// Dictionary entries skipped or repaired while loading (`herald dict check` lists them).
    #[getter]
    fn dictionary_problems(&self) -> usize {
        self.inner.report().diagnostics.len()
    }

    fn __repr__(&self) -> String {
        format!("herald.Pipeline({}, jobs={:?})", self.described, self.jobs)
    }
}

/// Python string indices of UTF-8 byte offsets into `text`: herald's spans are byte
/// offsets, `text[i:j]` wants code-point indices. Raises ValueError for an offset past
/// the end or inside a character.
#[pyfunction]
fn char_offsets(text: &Bound<'_, PyAny>, offsets: Vec<usize>) -> PyResult<Vec<usize>> {
    let text = string_of("text", text).map_err(PyValueError::new_err)?;
    if text.is_ascii() {
        // One byte per character: offsets are indices already.
        if let Some(&bad) = offsets.iter().find(|&&o| o > text.len()) {
            return Err(past_end(bad, text.len()));
        }
        return Ok(offsets);
    }
    // Byte offset of every character start, and the end: the index of an offset is
    // its position in this list.
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    offsets
        .into_iter()
        .map(|o| match starts.binary_search(&o) {
            Ok(i) => Ok(i),
            Err(_) if o > text.len() => Err(past_end(o, text.len())),
            Err(_) => Err(PyValueError::new_err(format!(
                "byte offset {o} is inside a character (not a UTF-8 boundary)"
            ))),
        })
        .collect()
}

fn past_end(o: usize, len: usize) -> PyErr {
    PyValueError::new_err(format!(
        "byte offset {o} is past the end of the text ({len} bytes in UTF-8)"
    ))
}

/// The paragraphs of `text` as herald's segmenter finds them: `[start, end]` byte spans.
/// (The output has sentences but not paragraphs; GDELT's IsRootEvent asks for the
/// first paragraph.)
#[pyfunction]
fn paragraphs(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize)>> {
    let text = string_of("text", text).map_err(PyValueError::new_err)?;
    Ok(py.detach(move || {
        let mut doc = Document::new("", text, None);
        herald_text::segment(&mut doc);
        doc.paragraphs.iter().map(|p| (p.start, p.end)).collect()
    }))
}

/// A publication date as `herald code` reads the `date` of a JSON Lines record
/// (`YYYY-MM-DD`, RFC 3339, RFC 2822, "November 20, 2019 13:42", Unix seconds, …):
/// `YYYY-MM-DD`, or None when the string is empty. Raises ValueError when unrecognised.
#[pyfunction]
fn normalize_date(value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    date_of(Some(value))
        .map(|d| d.map(|d| d.format("%Y-%m-%d").to_string()))
        .map_err(PyValueError::new_err)
}

/// herald's data folder as the extension sees it (dictionaries, models).
#[pyfunction]
fn data_dir() -> String {
    herald_core::data::data_dir().display().to_string()
}

/// Use `path` as the data folder unless `$HERALD_DATA` is set (called once, by the
/// package, with its bundled copy). Returns False when one was set already.
#[pyfunction]
fn _set_data_dir(path: PathBuf) -> PyResult<bool> {
    if !path.is_dir() {
        return Err(PyValueError::new_err(format!(
            "{} is not a directory",
            path.display()
        )));
    }
    Ok(herald_core::data::set_installed_dir(path))
}

/// herald's Rust core: the pipeline and helpers (use the `herald` package).
#[pymodule]
fn _herald(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add("CodingError", m.py().get_type::<CodingError>())?;
    m.add_function(wrap_pyfunction!(char_offsets, m)?)?;
    m.add_function(wrap_pyfunction!(paragraphs, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_date, m)?)?;
    m.add_function(wrap_pyfunction!(data_dir, m)?)?;
    m.add_function(wrap_pyfunction!(_set_data_dir, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_CHUNK", herald_pipeline::batch::DEFAULT_CHUNK)?;
    Ok(())
}
