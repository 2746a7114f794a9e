"""The Python API gives what the CLI gives: `analyze --json` for one article, `batch` lines for
many, its one-line messages as QuotelensError, and the reviews the app saved."""

import csv
import json
import pathlib
import shutil
import subprocess
import threading

import pytest
import quotelens

from conftest import DATA, binary, cli, dev_articles, load_jsonl


def test_analyze_reads_who_said_what_from_a_text():
    r = quotelens.analyze("Port talks\n\n“We will not sign,” said union leader Mara Quist.")
    assert r["schema"] == "quotelens.analysis/1"
    assert r["source"] == "text"
    assert [p["name"] for p in r["people"]] == ["Mara Quist"]
    (q,) = r["quotes"]
    assert q["text"] == "We will not sign,"
    assert q["speaker"]["name"] == "Mara Quist"
    assert q["rule"]
    # Offsets are characters, as in the JSON the CLI writes.
    assert r["text"][q["start"] : q["end"]] == q["text"]


def test_analyze_equals_the_cli_on_standard_input():
    text = (DATA / "devset" / "003.txt").read_text(encoding="utf-8")
    p = subprocess.run(
        [str(binary()), "analyze", "--json", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    assert quotelens.analyze(text, source="standard input") == json.loads(p.stdout)


@pytest.mark.parametrize("article", dev_articles()[::9], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_analyze_file_equals_analyze_json(article, data_dir):
    out, _, _ = cli("analyze", "--json", article, data_dir=data_dir)
    assert quotelens.analyze_file(article) == json.loads(out)


@pytest.mark.parametrize("name", ["page.html", "article.md", "clipboard.html"])
def test_analyze_file_reads_every_format(name, data_dir):
    path = DATA / "formats" / name
    out, _, _ = cli("analyze", "--json", path, data_dir=data_dir)
    assert quotelens.analyze_file(str(path)) == json.loads(out)


def reviewed_sample(folder):
    """The sample article copied into `folder` with its review beside it."""
    art = folder / "sample-article.txt"
    shutil.copy(DATA / "fixtures" / "sample-article.txt", art)
    shutil.copy(
        DATA / "review" / "sample-article.txt.quotelens.json",
        folder / "sample-article.txt.quotelens.json",
    )
    return art


def test_a_review_is_applied_unless_asked_not_to(tmp_path, data_dir):
    art = reviewed_sample(tmp_path)
    reviewed = quotelens.analyze_file(art)
    engine = quotelens.analyze_file(art, review=False)
    assert reviewed != engine
    assert any(q.get("checked") for q in reviewed["quotes"])
    assert not any(q.get("checked") or q.get("reviewed") for q in engine["quotes"])
    assert reviewed == json.loads(cli("analyze", "--json", art, data_dir=data_dir)[0])
    assert engine == json.loads(cli("analyze", "--json", "--no-review", art, data_dir=data_dir)[0])
    # The frame carries the review's marks.
    frame = quotelens.quotes_frame([reviewed])
    assert frame["checked"].any()


def test_analyze_many_with_review_carries_the_reviews_marks_as_the_cli_writes_them(tmp_path, data_dir):
    # analyze_many builds its dicts natively, not through JSON: the marks written only when set
    # (a person's and a quote's "reviewed", a quote's "checked") must come out as the CLI's.
    art = reviewed_sample(tmp_path)
    [got] = quotelens.analyze_many([art], review=True)
    want = json.loads(cli("analyze", "--json", art, data_dir=data_dir)[0])
    assert got["source"] == str(art)
    assert {**got, "source": want["source"]} == want
    assert any(p.get("reviewed") for p in got["people"])
    assert any(q.get("reviewed") for q in got["quotes"])
    assert any(q.get("checked") for q in got["quotes"])
    # Without review=True, the same file reads as the engine has it.
    [engine] = quotelens.analyze_many([art])
    assert not any(p.get("reviewed") for p in engine["people"])


def test_an_unusable_review_is_a_warning_and_the_engine_reading_stands(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("“We are ready,” said Dana Holt.", encoding="utf-8")
    (tmp_path / "a.txt.quotelens.json").write_text("{ damaged", encoding="utf-8")
    with pytest.warns(UserWarning, match="review"):
        r = quotelens.analyze_file(art)
    assert r == quotelens.analyze_file(art, review=False)


@pytest.mark.parametrize(
    "name",
    ["missing.txt", "bad/renamed-pdf.txt", "bad/nul-bytes.txt", "bad/renamed-png.txt"],
)
def test_errors_are_quotelens_errors_with_the_cli_message(name, data_dir):
    path = DATA / name
    _, err, code = cli("analyze", path, data_dir=data_dir, check=False)
    assert code == 1
    with pytest.raises(quotelens.QuotelensError) as e:
        quotelens.analyze_file(path)
    assert err.strip() == f"quotelens: {e.value}"
    assert isinstance(e.value, Exception)


def test_analyze_many_equals_batch_lines_in_input_order(corpus, tmp_path, data_dir):
    files = sorted(corpus.rglob("*.*"))[:60]
    out = tmp_path / "b.jsonl"
    cli("batch", *files, "--out", out, "--jobs", "1", data_dir=data_dir)
    lines = load_jsonl(out)
    for jobs in (1, 2):
        results = quotelens.analyze_many(files, jobs=jobs)
        assert results == lines


def test_analyze_many_mixes_texts_and_paths_and_keeps_failures_in_place():
    good = DATA / "devset" / "001.txt"
    items = [good, "“Yes,” said Ivo Brandt.", DATA / "missing.txt", DATA / "bad" / "renamed-pdf.txt", good]
    results = quotelens.analyze_many(items, jobs=2)
    assert len(results) == 5
    assert results[0] == results[4] and results[0]["source"] == str(good)
    assert results[1]["source"] == "text 1"
    assert results[1]["quotes"][0]["speaker"]["name"] == "Ivo Brandt"
    assert results[2] == {"source": str(DATA / "missing.txt"), "error": results[2]["error"]}
    assert "missing.txt" in results[2]["error"]
    assert "PDF" in results[3]["error"]
    frame = quotelens.quotes_frame(results)
    assert set(frame["file"]) == {str(good), "text 1"}


def test_analyze_many_refuses_what_is_neither_text_nor_path():
    with pytest.raises(TypeError):
        quotelens.analyze_many([b"bytes"])
    with pytest.raises(ValueError):
        quotelens.analyze_many(["x"], jobs=0)
    with pytest.raises(TypeError):
        quotelens.analyze(pathlib.Path("a.txt"))


def test_the_engine_runs_with_the_gil_released():
    # While one thread analyses a long text, another thread runs Python code.
    text = (DATA / "fixtures" / "sample-article.txt").read_text(encoding="utf-8") * 40
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(1)

    t = threading.Thread(target=count)
    t.start()
    try:
        quotelens.analyze(text)
    finally:
        done.set()
        t.join()
    # Holding the GIL for the whole analysis would leave the counter a switch interval or two.
    assert len(ticks) > 1000


def test_quotes_frame_has_the_csv_columns_and_rows(tmp_path, data_dir):
    art = DATA / "devset" / "002.txt"
    out = tmp_path / "q.csv"
    cli("batch", art, "--out", out, data_dir=data_dir)
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    frame = quotelens.quotes_frame(quotelens.analyze_many([art]))
    assert list(frame.columns) == quotelens.QUOTE_COLUMNS
    assert [c.replace(" ", "_") for c in header[1:]] == quotelens.QUOTE_COLUMNS[2:]
    assert len(frame) == len(rows) > 0
    for (_, f), row in zip(frame.iterrows(), rows):
        assert f["file"] == row[0]
        assert f["quote_id"] == row[1]
        assert (f["speaker"] if isinstance(f["speaker"], str) else "") == row[2]
        assert f["paragraph"] == int(row[7])
        assert (f["start"], f["end"]) == (int(row[8]), int(row[9]))
    assert str(frame["paragraph"].dtype) == "int64"
    assert str(frame["checked"].dtype) == "bool"


def test_quotes_frame_of_nothing_is_empty_with_the_columns():
    frame = quotelens.quotes_frame([])
    assert list(frame.columns) == quotelens.QUOTE_COLUMNS
    assert len(frame) == 0


def test_ctrl_c_stops_a_long_analyze_many_promptly(corpus):
    import os
    import signal
    import subprocess
    import time

    files = sorted(corpus.rglob("*.*")) * 40  # 8,000 articles
    t = time.perf_counter()
    quotelens.analyze_many(files[:400], jobs=2)
    whole = (time.perf_counter() - t) * len(files) / 400  # the whole list's time, estimated
    # A real SIGINT from another process, as Ctrl+C sends it: its handler needs no GIL (a
    # Python thread calling `_thread.interrupt_main` would, and the engine's threads may keep
    # it from ever running on a busy machine).
    # Python's own Ctrl+C handler, whatever this process inherited: a shell that starts a job
    # in the background has it ignore SIGINT, and Python then installs no handler at all.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    killer = subprocess.Popen(["sh", "-c", f"sleep 0.3; kill -INT {os.getpid()}"])
    t = time.perf_counter()
    try:
        with pytest.raises(KeyboardInterrupt):
            quotelens.analyze_many(files, jobs=2)
    finally:
        killer.wait()
        signal.signal(signal.SIGINT, previous)
    took = time.perf_counter() - t
    # Interrupted near 0.3 s, not at the end of the list.
    assert took < whole / 3, f"stopped after {took:.1f} s of an estimated {whole:.1f} s"
