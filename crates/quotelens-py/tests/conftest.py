"""Shared fixtures: the repository, the `quotelens` binary the results are compared with, and
a corpus of real articles from the dev sets."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"


def binary() -> pathlib.Path:
    """The CLI to compare with: $QUOTELENS_BIN, else the debug build `cargo test` makes."""
    b = pathlib.Path(os.environ.get("QUOTELENS_BIN", ROOT / "target" / "debug" / "quotelens"))
    if not b.exists():
        pytest.fail(f"no quotelens binary at {b}: run `cargo build` first or set QUOTELENS_BIN")
    return b


def cli(*args, data_dir, check=True):
    """Runs the CLI with its data folder at `data_dir`; returns (stdout, stderr, exit code)."""
    env = dict(os.environ, QUOTELENS_DATA_DIR=str(data_dir))
    p = subprocess.run([str(binary()), *map(str, args)], capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise AssertionError(f"quotelens {args} failed: {p.stderr}")
    return p.stdout, p.stderr, p.returncode


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test keeps reviews in its own data folder, never the user's."""
    d = tmp_path / "data"
    d.mkdir()
    monkeypatch.setenv("QUOTELENS_DATA_DIR", str(d))
    return d


def dev_articles():
    """Every dev-set and fixture article, sorted."""
    return sorted(
        p for s in ["fixtures", "devset", "devset2", "devset3"] for p in (DATA / s).glob("*.txt")
    )


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """A folder of 200 articles: the dev sets' texts, cycled, with the formats of
    tests/data/formats among them."""
    d = tmp_path_factory.mktemp("corpus")
    arts = dev_articles() + sorted((DATA / "formats").glob("*.htm*")) + sorted(
        (DATA / "formats").glob("*.md")
    )
    for i in range(200):
        src = arts[i % len(arts)]
        sub = d / f"part{i % 3}"
        sub.mkdir(exist_ok=True)
        shutil.copy(src, sub / f"{i:03d}-{src.name}")
    return d


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def records(frame, key=("file", "quote_id")):
    """A frame's rows as plain tuples (missing values None), sorted by `key`: frames from
    different readers (pandas, pyarrow, Dask) compare by value, whatever their missing-value
    marker."""
    f = frame.sort_values(list(key)).reset_index(drop=True).astype(object)
    f = f.where(f.notna(), None)
    return [tuple(r) for r in f.itertuples(index=False)]
