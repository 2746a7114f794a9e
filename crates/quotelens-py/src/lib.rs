//! The native half of the `quotelens` Python package (PyO3): the engine's analyses, computed
//! with the GIL released, as JSON text (one article) or dicts built in input order (many);
//! `python/quotelens/__init__.py` is the public face (dicts, tables, errors).

mod dicts;

use std::path::PathBuf;

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use quotelens_core::jobs::{self, Item};

pyo3::create_exception!(
    quotelens,
    QuotelensError,
    PyException,
    "An article that cannot be read or analysed; the message is the CLI's one line."
);

/// The analysis of `text` as JSON (`quotelens.analysis/1`), named `source`.
#[pyfunction]
fn analyze_json(py: Python<'_>, text: &str, source: &str) -> String {
    let (text, source) = (text.to_owned(), source.to_owned());
    py.detach(move || jobs::analyze_text(&text, &source))
}

/// The analysis of a file as JSON, as `quotelens analyze --json` gives it, and its warnings.
#[pyfunction]
fn analyze_file_json(
    py: Python<'_>,
    path: PathBuf,
    review: bool,
) -> PyResult<(String, Vec<String>)> {
    py.detach(move || jobs::analyze_file(&path, review))
        .map_err(QuotelensError::new_err)
}

/// Many analyses at once: `items` are `(is_path, text_or_path, source)`. `jobs` threads in all
/// analyse them with the GIL released, this one among them: it turns each finished result, in
/// input order, into a dict (built from the JSON form, keys interned: `dicts`) or an error entry
/// `{"source": …, "error": …}`, and analyses the next item itself whenever that result is not
/// ready yet. With one job, it does it all in turn; no thread is left idle and none is added.
#[pyfunction]
#[pyo3(signature = (items, jobs=None, review=false))]
fn analyze_many(
    py: Python<'_>,
    items: Vec<(bool, String, String)>,
    jobs: Option<usize>,
    review: bool,
) -> PyResult<Vec<Py<PyAny>>> {
    // Each item, and the source an error entry names (a path as given, or the text's name).
    let (items, sources): (Vec<Item>, Vec<String>) = items
        .into_iter()
        .map(|(is_path, value, source)| {
            if is_path {
                (Item::File(PathBuf::from(&value)), value)
            } else {
                let text = Item::Text {
                    text: value,
                    source: source.clone(),
                };
                (text, source)
            }
        })
        .unzip();
    let n = items.len();
    let queue = jobs::Queue::new(&items, review);
    let helpers = quotelens_core::batch::threads(jobs).min(n.max(1)) - 1;
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Result<jobs::Analyzed, String>)>();
    // The receiver is waited on with the GIL released, from this thread only.
    let rx = std::sync::Mutex::new(rx);
    let mut out: Vec<Py<PyAny>> = Vec::with_capacity(n);
    std::thread::scope(|scope| -> PyResult<()> {
        for _ in 0..helpers {
            let (tx, queue) = (tx.clone(), &queue);
            scope.spawn(move || {
                while let Some(r) = queue.analyze_next_parts() {
                    // A send fails only once the caller has stopped (a Python error).
                    if tx.send(r).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::HashMap::new();
        let mut fill = || -> PyResult<()> {
            while out.len() < n {
                let Some(r) = pending.remove(&out.len()) else {
                    // Not ready: analyse an item here if any is left, else wait for a helper.
                    let got = py.detach(|| match queue.analyze_next_parts() {
                        Some(r) => Some(r),
                        None => rx
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .recv()
                            .ok(),
                    });
                    let Some((i, r)) = got else {
                        break;
                    };
                    pending.insert(i, r);
                    // Whatever the helpers finished meanwhile, without waiting.
                    let rx = rx.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    pending.extend(rx.try_iter());
                    continue;
                };
                let value = match r {
                    Ok(a) => dicts::analysis(py, &a.json())?.into_any().unbind(),
                    Err(message) => {
                        let d = pyo3::types::PyDict::new(py);
                        d.set_item("source", &sources[out.len()])?;
                        d.set_item("error", message)?;
                        d.into_any().unbind()
                    }
                };
                out.push(value);
                // Ctrl+C raises KeyboardInterrupt here rather than at the end of the corpus.
                py.check_signals()?;
            }
            Ok(())
        };
        let result = fill();
        if result.is_err() {
            // Ctrl+C (or any Python error): the helpers take no more items.
            queue.stop();
        }
        result
    })?;
    if out.len() < n {
        return Err(QuotelensError::new_err(format!(
            "The analysis stopped after {} of {n} articles",
            out.len()
        )));
    }
    Ok(out)
}

/// The paragraphs of `text` as `(start, end)` in characters, as the analysis reads them.
#[pyfunction]
fn paragraph_spans(text: &str) -> Vec<(usize, usize)> {
    let spans = quotelens_core::analysis::paragraphs(text);
    // Byte offsets to character offsets, in one pass over the text.
    let mut out = Vec::with_capacity(spans.len());
    let mut chars = 0;
    let mut at = 0;
    let mut to_chars = |byte: usize| {
        chars += text.get(at..byte).map_or(0, |s| s.chars().count());
        at = byte;
        chars
    };
    for s in spans {
        let start = to_chars(s.start);
        let end = to_chars(s.end);
        out.push((start, end));
    }
    out
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("QuotelensError", m.py().get_type::<QuotelensError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "QUOTE_COLUMNS",
        quotelens_core::table::QUOTE_COLUMNS.to_vec(),
    )?;
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_file_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(paragraph_spans, m)?)?;
    Ok(())
}
