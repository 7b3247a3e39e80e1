"""A real build over the seeds: every table written, grounded, typed as its schema says and
queryable with DuckDB by name."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import n_rows, table_bytes, table_rows

from flows import store
from flows.cli import main, render_tables_doc
from flows.schemas import EXTRACTED_TABLES, PARTITION_KEY, PARTITIONED_TABLES, TABLES, load_schemas


def test_every_table_is_written(seeds_build: Path) -> None:
    for table in TABLES:
        assert store.table_files(seeds_build, table), table
    manifest = json.loads((seeds_build / "manifest.json").read_text())
    assert set(manifest["tables"]) == set(TABLES)
    assert manifest["failed_tables"] == []
    assert (seeds_build / "docs" / "index.html").exists()
    counts = {t: n_rows(seeds_build, t) for t in TABLES}
    assert counts["articles"] == 2
    assert all(counts[t] > 0 for t in EXTRACTED_TABLES), counts


def test_parquet_schemas_equal_the_schema_files(seeds_build: Path) -> None:
    for name, schema in load_schemas().items():
        for path in store.table_files(seeds_build, name):
            written = pq.read_schema(path)
            assert written.names == schema.column_names
            assert [str(f.type) for f in written] == [str(f.type) for f in schema.arrow_schema()], name
            assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"
            assert (PARTITION_KEY in str(path)) == (name in PARTITIONED_TABLES)


def test_every_row_of_every_table_is_grounded(seeds_build: Path) -> None:
    texts = {row["article_id"]: row["text"] for row in table_rows(seeds_build, "articles")}
    for table in EXTRACTED_TABLES:
        for row in table_rows(seeds_build, table):
            text = texts[row["article_id"]]
            assert text[row["char_start"] : row["char_end"]] == row["surface"], (table, row)
            assert row["surface"] in row["evidence"], (table, row)
            assert row["evidence"] in text, (table, row)


def test_seed_article_rows(seeds_build: Path) -> None:
    con = duckdb.connect(str(seeds_build / "vngov.duckdb"), read_only=True)
    officials = dict(con.sql("SELECT name_ascii, title FROM officials").fetchall())
    assert officials["To Lam"].endswith("General Secretary")
    assert "Secretary" in officials["Bui Thi Minh Hoai"]
    counts = set(con.sql("SELECT count, unit_kind FROM unit_counts").fetchall())
    assert (526, "unit") in counts or any(c == 526 for c, _ in counts)
    whens = {w for (w,) in con.sql('SELECT "when" FROM deadlines').fetchall()}
    assert {"2025-06-20/2025-06-26", "2025-07-01", "2025/2030"} <= whens
    bodies = {n for (n,) in con.sql("SELECT name FROM bodies").fetchall()}
    assert {"Politburo", "Hanoi Party Committee"} <= bodies


def test_duckdb_sees_every_table_by_name(seeds_build: Path) -> None:
    con = duckdb.connect(str(seeds_build / "vngov.duckdb"), read_only=True)
    for table in TABLES:
        (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0]
        assert n == n_rows(seeds_build, table)
    joined = con.sql(
        "SELECT a.published, d.when FROM deadlines d JOIN articles a USING (article_id) ORDER BY d.date_start"
    ).fetchall()
    assert len(joined) == n_rows(seeds_build, "deadlines")


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_vngov_query_prints_rows(seeds_build: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT name_ascii FROM officials ORDER BY name_ascii"
    assert main(["query", sql, "--output", str(seeds_build), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "To Lam" in out
    if fmt == "json":
        assert {"name_ascii": "To Lam"} in json.loads(out)


def test_vngov_query_cannot_change_the_dataset(seeds_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "DROP VIEW officials", "--output", str(seeds_build)]) == 1
    assert "read-only" in capsys.readouterr().err.lower()
    target = store.table_files(seeds_build, "officials")[0]
    before = target.read_bytes()
    copy = f"COPY (SELECT 1 AS x) TO '{target}' (FORMAT parquet)"
    assert main(["query", copy, "--output", str(seeds_build)]) == 1
    assert "got COPY" in capsys.readouterr().err and target.read_bytes() == before
    assert main(["query", "SELECT count(*) FROM officials", "--output", str(seeds_build)]) == 0


def test_a_bad_query_is_one_clear_line(seeds_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT nope FROM officials", "--output", str(seeds_build)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("vngov: error: query failed") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_rebuilding_gives_identical_files(seeds_build: Path, tmp_path: Path) -> None:
    from conftest import SEEDS

    from flows.flow import build_dataset

    report = build_dataset(SEEDS, tmp_path)
    assert report.valid
    for table in TABLES:
        assert table_bytes(tmp_path, table) == table_bytes(seeds_build, table), table


def test_tables_command_documents_every_column(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tables"]) == 0
    out = capsys.readouterr().out
    for schema in load_schemas().values():
        assert f"## {schema.name}" in out
        for column in schema.columns:
            assert f"| `{column.name}` |" in out


def test_worker_processes_give_the_same_files(seeds_build: Path, tmp_path: Path) -> None:
    from conftest import SEEDS

    from flows.flow import build_dataset_with_workers

    report = build_dataset_with_workers(SEEDS, tmp_path, workers=2, batch_size=1)
    assert report.valid and report.n_extracted == 2
    for table in TABLES:
        assert table_bytes(tmp_path, table) == table_bytes(seeds_build, table), table


def test_views_add_the_partition_column_and_the_docs_describe_it(seeds_build: Path) -> None:
    con = duckdb.connect(str(seeds_build / "vngov.duckdb"), read_only=True)
    for name, schema in load_schemas().items():
        columns = [row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()]
        extra = [PARTITION_KEY] if name in PARTITIONED_TABLES else []
        assert columns == schema.column_names + extra, name
    months = {m for (m,) in con.execute("SELECT DISTINCT published_month FROM officials").fetchall()}
    assert months == {"unknown"}  # the seeds carry no date
    assert f"| `{PARTITION_KEY}` |" in render_tables_doc(list(PARTITIONED_TABLES))
