//! An analysis's JSON form (`quotelens.analysis/1`) as Python dicts, built field by field with
//! interned keys: one key object per field name for the whole run rather than a new string per
//! dict, which is most of what building the dicts costs. The field names and the fields left out
//! (`reviewed`/`checked` when false) are those of the serde form the CLI writes; the Python tests
//! compare the two on the dev sets and on reviewed articles.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use quotelens_core::analysis::export::{
    JsonAnalysis, JsonCountry, JsonCountryMention, JsonPerson, JsonQuote, JsonSpan, JsonSpeaker,
};

/// A unit enum's serde name (`"direct"`, `"person"`, `"demonym"`) as a Python string: serde
/// decides the spelling, so it is the JSON's.
fn name<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(PyErr::from)
}

/// `{"start", "end", "text"}`: a span, and the first fields of a country mention.
fn positioned<'py>(
    py: Python<'py>,
    start: usize,
    end: usize,
    text: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "start"), start)?;
    d.set_item(intern!(py, "end"), end)?;
    d.set_item(intern!(py, "text"), text)?;
    Ok(d)
}

/// A span.
fn span<'py>(py: Python<'py>, s: &JsonSpan<'_>) -> PyResult<Bound<'py, PyDict>> {
    positioned(py, s.start, s.end, s.text)
}

/// A list of `f(item)`.
fn list<'py, T>(
    py: Python<'py>,
    items: &[T],
    f: impl Fn(Python<'py>, &T) -> PyResult<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for item in items {
        out.append(f(py, item)?)?;
    }
    Ok(out)
}

/// A flag the JSON writes only when it is set.
fn flag(d: &Bound<'_, PyDict>, key: &Bound<'_, pyo3::types::PyString>, set: bool) -> PyResult<()> {
    if set {
        d.set_item(key, true)?;
    }
    Ok(())
}

/// A person.
fn person<'py>(py: Python<'py>, p: &JsonPerson<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), &p.id)?;
    d.set_item(intern!(py, "name"), p.name)?;
    d.set_item(intern!(py, "mentions"), list(py, &p.mentions, span)?)?;
    flag(&d, intern!(py, "reviewed"), p.reviewed)?;
    Ok(d)
}

/// A country mention.
fn country_mention<'py>(
    py: Python<'py>,
    m: &JsonCountryMention<'_>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = positioned(py, m.start, m.end, m.text)?;
    d.set_item(intern!(py, "form"), name(py, &m.form)?)?;
    Ok(d)
}

/// A country.
fn country<'py>(py: Python<'py>, c: &JsonCountry<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), &c.id)?;
    d.set_item(intern!(py, "name"), c.name)?;
    d.set_item(intern!(py, "code"), c.code)?;
    d.set_item(
        intern!(py, "mentions"),
        list(py, &c.mentions, country_mention)?,
    )?;
    flag(&d, intern!(py, "reviewed"), c.reviewed)?;
    Ok(d)
}

/// A speaker.
fn speaker<'py>(py: Python<'py>, s: &JsonSpeaker<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "name"), s.name)?;
    d.set_item(intern!(py, "kind"), name(py, &s.kind)?)?;
    d.set_item(intern!(py, "ref"), s.reference.as_deref())?;
    d.set_item(intern!(py, "start"), s.start)?;
    d.set_item(intern!(py, "end"), s.end)?;
    Ok(d)
}

/// A quote.
fn quote<'py>(py: Python<'py>, q: &JsonQuote<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), &q.id)?;
    d.set_item(intern!(py, "start"), q.start)?;
    d.set_item(intern!(py, "end"), q.end)?;
    d.set_item(intern!(py, "text"), q.text)?;
    d.set_item(intern!(py, "kind"), name(py, &q.kind)?)?;
    let who = q.speaker.as_ref().map(|s| speaker(py, s)).transpose()?;
    d.set_item(intern!(py, "speaker"), who)?;
    let cue = q.cue.as_ref().map(|c| span(py, c)).transpose()?;
    d.set_item(intern!(py, "cue"), cue)?;
    d.set_item(intern!(py, "rule"), q.rule)?;
    flag(&d, intern!(py, "checked"), q.checked)?;
    flag(&d, intern!(py, "reviewed"), q.reviewed)?;
    Ok(d)
}

/// The whole analysis, as `json.loads` of the CLI's JSON would give it.
pub fn analysis<'py>(py: Python<'py>, a: &JsonAnalysis<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "schema"), a.schema)?;
    d.set_item(intern!(py, "source"), a.source)?;
    d.set_item(intern!(py, "text"), a.text)?;
    d.set_item(intern!(py, "people"), list(py, &a.people, person)?)?;
    d.set_item(intern!(py, "countries"), list(py, &a.countries, country)?)?;
    d.set_item(intern!(py, "quotes"), list(py, &a.quotes, quote)?)?;
    Ok(d)
}
