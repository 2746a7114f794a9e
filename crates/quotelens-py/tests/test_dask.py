"""examples/dask_corpus.py on a LocalCluster of two worker processes gives the same rows as
`quotelens batch` on the same files."""

import importlib.util
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from dask.distributed import Client, LocalCluster

import quotelens
from conftest import ROOT, cli, records


def example():
    spec = importlib.util.spec_from_file_location("dask_corpus", ROOT / "examples" / "dask_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        with Client(c) as client:
            yield client


def test_the_dask_run_equals_quotelens_batch(corpus, tmp_path, client, data_dir):
    dask_corpus = example()
    out = tmp_path / "dask-quotes"
    n = dask_corpus.run(str(corpus), str(out), client)
    assert n == 200
    assert len(list(out.glob("*.parquet"))) >= 8, "one file per partition, several partitions"
    got = pd.read_parquet(out)
    # The same files, named the same way (absolute paths), through the CLI.
    batch = tmp_path / "batch.parquet"
    cli("batch", corpus.resolve(), "--out", batch, data_dir=data_dir)
    want = pq.read_table(batch).to_pandas()
    assert list(got.columns) == quotelens.QUOTE_COLUMNS
    assert len(got) == len(want) > 200
    assert records(got) == records(want)
    assert set(got["file"]) <= set(dask_corpus.list_articles(str(corpus)))


def test_the_workers_ran_the_analysis(corpus, client):
    dask_corpus = example()
    paths = dask_corpus.list_articles(str(corpus))[:10]
    rows = client.submit(dask_corpus.analyse_partition, paths).result()
    pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(pids) == 2
    assert rows == [row for r in quotelens.analyze_many([__import__("pathlib").Path(p) for p in paths]) for row in quotelens.quote_rows(r)]
