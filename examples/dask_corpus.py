"""Who said what across a folder of articles, on a Dask cluster, written as Parquet.

    python examples/dask_corpus.py ARTICLES/ quotes.parquet                # a local cluster
    python examples/dask_corpus.py ARTICLES/ quotes.parquet --scheduler tcp://host:8786

A dask.bag of paths -> map_partitions(quotelens.analyze_many) -> a Dask DataFrame of quote
rows (quotelens.QUOTE_COLUMNS) -> a folder of Parquet files, one per partition. Every worker
needs the `quotelens` package installed and the articles at the same paths (a shared disk).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
from typing import List

import dask.bag as db
import quotelens

#: What `quotelens batch` reads from a folder.
EXTENSIONS = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}


def list_articles(folder: str) -> List[str]:
    """Every article under `folder`, as absolute paths, sorted."""
    root = pathlib.Path(folder).resolve()
    return sorted(
        str(p) for p in root.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS
    )


def analyse_partition(paths: List[str]) -> List[tuple]:
    """One partition's quote rows. A worker runs one task per thread, so one job each."""
    results = quotelens.analyze_many([pathlib.Path(p) for p in paths], jobs=1)
    failed = [r for r in results if "error" in r]
    for r in failed:
        print(f"quotelens: {r['error']}", file=sys.stderr)
    return [row for r in results for row in quotelens.quote_rows(r)]


def quotes_dataframe(paths: List[str], partitions: int):
    """The Dask DataFrame of who said what in `paths`."""
    bag = db.from_sequence(paths, npartitions=max(1, min(partitions, len(paths))))
    meta = quotelens.quotes_frame([])
    return bag.map_partitions(analyse_partition).to_dataframe(meta=meta)


def run(folder: str, out: str, client, partitions: int | None = None) -> int:
    """Analyses `folder` on `client`'s cluster into the Parquet folder `out`; returns the number
    of articles."""
    paths = list_articles(folder)
    if not paths:
        raise SystemExit(f"quotelens: no articles in {folder}")
    workers = max(1, sum(client.nthreads().values()))
    # A few partitions per worker thread, so a slow one does not hold the others up.
    parts = partitions or max(workers * 4, len(paths) // 500)
    frame = quotes_dataframe(paths, parts)
    frame.to_parquet(out, write_index=False, compute=True)
    return len(paths)


def main(argv: List[str] | None = None) -> int:
    from dask.distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", help="the articles (read recursively)")
    ap.add_argument("out", help="the Parquet folder to write (one file per partition)")
    ap.add_argument("--scheduler", help="a running cluster's scheduler address (tcp://host:8786)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes of the local cluster (default: one per core)")
    ap.add_argument("--partitions", type=int, help="partitions (default: four per worker thread)")
    args = ap.parse_args(argv)
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    with client:
        n = run(args.folder, args.out, client, args.partitions)
    print(f"{n} articles analysed into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
