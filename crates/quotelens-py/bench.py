"""Measures the Python package against issue 24's targets; prints a Markdown table.

    python crates/quotelens-py/bench.py [--bin target/release/quotelens]

Corpora are the dev-set articles copied round-robin into a temporary folder (10 MB for the
thread scaling, 2,000 files for the Dask run). The compared commands run in turn, nine rounds
(five for Dask); a ratio is the median of the rounds' ratios, with their range. The Dask
cluster is started (and warmed with one small task) before the clock starts.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pathlib
import shutil
import statistics
import subprocess
import tempfile
import time

import quotelens

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def corpus(dest: pathlib.Path, *, files: int | None = None, size: int | None = None) -> list:
    arts = sorted(p for s in ["fixtures", "devset", "devset2", "devset3"] for p in (DATA / s).glob("*.txt"))
    dest.mkdir(parents=True)
    out, total, i = [], 0, 0
    while (files is not None and i < files) or (size is not None and total < size):
        src = arts[i % len(arts)]
        p = dest / f"{i:05d}-{src.name}"
        shutil.copy(src, p)
        out.append(p)
        total += p.stat().st_size
        i += 1
    return out


def rounds(*fs, runs=9) -> list:
    """The times of each of `fs`, run in turn `runs` times (interleaved, so a slower spell of a
    shared machine falls on all of them alike)."""
    times = [[] for _ in fs]
    for _ in range(runs):
        for f, ts in zip(fs, times):
            t = time.perf_counter()
            f()
            ts.append(time.perf_counter() - t)
    return times


def ratio(a: list, b: list) -> str:
    """`a` over `b`: the median of the ratios of each round's pair (this machine's speed drifts
    by a fifth within a minute, so the rounds are compared pair by pair), its range, and the
    median times."""
    rs = sorted(x / y for x, y in zip(a, b))
    return (f"{statistics.median(rs):.2f}× (rounds {rs[0]:.2f}–{rs[-1]:.2f}; "
            f"{statistics.median(a):.2f} s vs {statistics.median(b):.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "quotelens"))
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        ten = corpus(tmp / "ten", size=10 * 1024 * 1024)
        mb = sum(p.stat().st_size for p in ten) / 1e6
        def batch(out, jobs="1"):
            subprocess.run([args.bin, "batch", str(tmp / "ten"), "--out", str(out), "--jobs", jobs],
                           check=True, capture_output=True)

        t1, t2, tb, tp, tc = rounds(
            lambda: quotelens.analyze_many(ten, jobs=1),
            lambda: quotelens.analyze_many(ten, jobs=2),
            lambda: batch(tmp / "b.jsonl"),
            lambda: batch(tmp / "b.parquet"),
            lambda: batch(tmp / "b.csv"),
        )
        rows.append((f"analyze_many, {mb:.1f} MB ({len(ten)} files), jobs=2 vs jobs=1",
                     "≥ 1.7×", ratio(t1, t2)))

        rows.append(("Python analyze_many(jobs=1) vs quotelens batch --jobs 1, same files (dicts built)",
                     "≤ 1.3×", ratio(t1, tb)))

        sj, sp = (tmp / "b.jsonl").stat().st_size, (tmp / "b.parquet").stat().st_size
        sc = (tmp / "b.csv").stat().st_size
        rows.append(("Parquet vs JSON lines, same batch (--jobs 1)", "smaller, no slower",
                     f"{sp / 1e6:.2f} MB vs {sj / 1e6:.1f} MB (CSV {sc / 1e6:.2f} MB); "
                     f"time {ratio(tp, tb)}"))

        two = corpus(tmp / "two", files=2000)
        spec = importlib.util.spec_from_file_location("dask_corpus", ROOT / "examples" / "dask_corpus.py")
        dc = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(dc)
        from dask.distributed import Client, LocalCluster

        def local(out):
            results = quotelens.analyze_many([pathlib.Path(p) for p in dc.list_articles(str(tmp / "two"))], jobs=2)
            quotelens.quotes_frame(results).to_parquet(out, index=False)

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, Client(c) as client:
            client.submit(dc.analyse_partition, [str(two[0])]).result()
            n = [0]

            def dask_run():
                n[0] += 1
                dc.run(str(tmp / "two"), str(tmp / f"dask{n[0]}"), client)

            ta, td = rounds(lambda: local(tmp / "local.parquet"), dask_run, runs=5)
        rows.append(("Dask LocalCluster (2 workers) vs analyze_many(jobs=2), 2,000 files → Parquet",
                     "≤ 1.5×", ratio(td, ta)))
    print(f"cores: {os.cpu_count()}\n")
    print("| measure | target | measured |\n|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")


if __name__ == "__main__":
    main()
