"""`quotelens batch --out x.parquet --articles y.parquet`: typed tables that pyarrow, pandas and
DuckDB read as they are, with the same rows as the Python API and the CSV."""

import duckdb
import pyarrow.parquet as pq
import quotelens

from conftest import cli, records


def test_batch_parquet_rows_equal_the_python_frame(corpus, tmp_path, data_dir):
    out, arts = tmp_path / "q.parquet", tmp_path / "a.parquet"
    cli("batch", corpus, "--out", out, "--articles", arts, data_dir=data_dir)
    table = pq.read_table(out)
    assert table.column_names == quotelens.QUOTE_COLUMNS
    types = {f.name: str(f.type) for f in table.schema}
    assert types["paragraph"] == "int64" and types["checked"] == "bool"
    assert types["speaker"] == "string" and table.schema.field("speaker").nullable
    files = sorted(p for p in corpus.rglob("*.*"))
    frame = quotelens.quotes_frame(quotelens.analyze_many(files, jobs=2))
    got = table.to_pandas()
    assert len(got) == len(frame) > 200
    assert records(got) == records(frame)
    # Unattributed quotes are nulls, not empty strings.
    assert got["speaker"].isna().any() and not (got["speaker"] == "").any()


def test_the_articles_table_has_a_row_per_article(corpus, tmp_path, data_dir):
    out, arts = tmp_path / "q.jsonl", tmp_path / "a.parquet"
    cli("batch", corpus, "--out", out, "--articles", arts, data_dir=data_dir)
    table = pq.read_table(arts).to_pandas()
    assert len(table) == 200
    lines = {r["source"]: r for r in map(__import__("json").loads, open(out, encoding="utf-8"))}
    assert set(table["file"]) == set(lines)
    for _, row in table.iterrows():
        r = lines[row["file"]]
        assert list(row["people"]) == [p["name"] for p in r["people"]]
        assert list(row["countries"]) == [c["name"] for c in r["countries"]]
        speech = [q for q in r["quotes"] if q["kind"] != "term"]
        assert row["quotes"] + row["reported"] == len(speech)
        assert row["attributed"] == sum(1 for q in speech if q.get("speaker"))
        assert row["characters"] == len(r["text"])


def test_duckdb_reads_the_tables_as_they_are(corpus, tmp_path, data_dir):
    out, arts = tmp_path / "q.parquet", tmp_path / "a.parquet"
    cli("batch", corpus, "--out", out, "--articles", arts, data_dir=data_dir)
    con = duckdb.connect()
    n, = con.execute(f"select count(*) from '{out}'").fetchone()
    assert n == pq.read_metadata(out).num_rows
    top = con.execute(
        f"select speaker, count(*) n from '{out}' where speaker is not null "
        "group by speaker order by n desc, speaker limit 3"
    ).fetchall()
    assert len(top) == 3 and top[0][1] >= top[2][1]
    people, = con.execute(f"select sum(len(people)) from '{arts}'").fetchone()
    assert people > 200


def test_parquet_is_smaller_than_json_lines(corpus, tmp_path, data_dir):
    cli("batch", corpus, "--out", tmp_path / "q.parquet", data_dir=data_dir)
    cli("batch", corpus, "--out", tmp_path / "q.jsonl", data_dir=data_dir)
    cli("batch", corpus, "--out", tmp_path / "q.csv", data_dir=data_dir)
    pq_size = (tmp_path / "q.parquet").stat().st_size
    assert pq_size < (tmp_path / "q.jsonl").stat().st_size
    assert pq_size < (tmp_path / "q.csv").stat().st_size


def test_a_wrong_articles_file_is_refused_before_any_work(tmp_path, data_dir):
    _, err, code = cli(
        "batch", tmp_path, "--out", tmp_path / "q.parquet", "--articles", tmp_path / "a.csv",
        data_dir=data_dir, check=False,
    )
    assert code != 0 and "must end in .parquet" in err
    assert not (tmp_path / "q.parquet").exists()
