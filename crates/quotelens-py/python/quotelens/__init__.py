"""Quotelens: who said what in news articles, offline.

The engine is Rust (``quotelens-core``); it runs with the GIL released, on as many threads as
``analyze_many`` is given. Results are dicts in the ``quotelens analyze --json`` schema
(``quotelens.analysis/1``): ``source``, ``text``, ``people``, ``countries`` and ``quotes``, each
quote with its ``speaker``, ``cue`` and the ``rule`` that chose the speaker. Offsets are in
characters.
"""

from __future__ import annotations

import bisect
import json
import os
import warnings
from typing import Any, Iterable, List, Optional, Union

from ._native import QuotelensError, __version__
from . import _native

__all__ = [
    "QuotelensError",
    "QUOTE_COLUMNS",
    "analyze",
    "analyze_file",
    "analyze_many",
    "quotes_frame",
    "quote_rows",
    "__version__",
]

#: The columns of :func:`quotes_frame` (and of ``quotelens batch --out x.parquet``): the CSV
#: export's columns in snake_case, after the article's ``file`` and ``title``.
QUOTE_COLUMNS: List[str] = list(_native.QUOTE_COLUMNS)


def analyze(text: str, source: str = "text") -> dict:
    """Analyse one article's text; ``source`` is the name the result gives it.

    >>> r = analyze("“We will rebuild,” said Mayor Ana Ruiz.")
    >>> r["quotes"][0]["speaker"]["name"]
    'Ana Ruiz'
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes the article's text as str, not {type(text).__name__}")
    return json.loads(_native.analyze_json(text, source))


def analyze_file(path: Union[str, "os.PathLike[str]"], review: bool = True) -> dict:
    """Analyse a file (plain text, Markdown or HTML, any encoding), as ``quotelens analyze
    --json PATH`` does: its review (the corrections a person saved in the app) is applied unless
    ``review=False``, and the result's ``source`` is the file's name.

    A file that cannot be read raises :class:`QuotelensError` with the CLI's one-line message.
    A review that cannot be used is a warning (``UserWarning``), and the engine's reading stands.
    """
    out, told = _native.analyze_file_json(os.fspath(path), bool(review))
    for w in told:
        warnings.warn(w, stacklevel=2)
    return json.loads(out)


def analyze_many(
    items: Iterable[Union[str, "os.PathLike[str]"]],
    jobs: Optional[int] = None,
    review: bool = False,
) -> List[dict]:
    """Analyse many articles on ``jobs`` threads (all cores when ``None``), with the GIL
    released; the results come back in input order.

    Each item is a text (``str``) or a file (``pathlib.Path`` or any ``os.PathLike``). A file's
    result is ``quotelens batch``'s line for it: its ``source`` is the path as given, and its
    review is applied only with ``review=True``. A text's source is ``"text N"`` (its index).
    A file that cannot be read gives ``{"source": PATH, "error": MESSAGE}`` in its place; the
    others are analysed all the same.
    """
    triples = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            triples.append((False, item, f"text {i}"))
        elif isinstance(item, os.PathLike):
            triples.append((True, os.fspath(item), ""))
        else:
            raise TypeError(
                f"analyze_many() takes texts (str) and paths (os.PathLike), not {type(item).__name__}"
            )
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    return _native.analyze_many(triples, jobs, bool(review))


def quote_rows(result: dict) -> List[tuple]:
    """The rows of who said what of one result, as tuples in :data:`QUOTE_COLUMNS` order: one
    per quotation or reported speech (not terms nobody says), as the CSV export writes them.
    An error entry has none."""
    if "error" in result:
        return []
    text = result["text"]
    spans = _native.paragraph_spans(text)
    ends = [e for _, e in spans]
    source = result["source"]
    title = " ".join(text[spans[0][0] : spans[0][1]].split()) if spans else source
    rows = []
    for q in result["quotes"]:
        if q["kind"] == "term":
            continue
        speaker = q.get("speaker")
        cue = q.get("cue")
        rows.append(
            (
                source,
                title,
                q["id"],
                speaker["name"] if speaker else None,
                speaker["kind"] if speaker else "unknown",
                " ".join(q["text"].split()),
                q["kind"],
                cue["text"] if cue else None,
                bisect.bisect_right(ends, q["start"]) + 1,
                q["start"],
                q["end"],
                bool(q.get("checked", False)),
                bool(q.get("reviewed", False)),
            )
        )
    return rows


def quotes_frame(results: Iterable[dict]) -> Any:
    """A pandas DataFrame of who said what: one row per quote of ``results`` (from
    :func:`analyze`, :func:`analyze_file` or :func:`analyze_many`), columns
    :data:`QUOTE_COLUMNS`, error entries skipped. pandas is imported only here."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise QuotelensError("quotes_frame() needs pandas: pip install pandas") from e
    rows = [row for r in results for row in quote_rows(r)]
    frame = pd.DataFrame.from_records(rows, columns=QUOTE_COLUMNS)
    return frame.astype(
        {
            "file": "string",
            "title": "string",
            "quote_id": "string",
            "speaker": "string",
            "speaker_kind": "string",
            "quote": "string",
            "kind": "string",
            "cue": "string",
            "paragraph": "int64",
            "start": "int64",
            "end": "int64",
            "checked": "bool",
            "corrected": "bool",
        }
    )
