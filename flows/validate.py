"""Validating the tables with the Great Expectations suites in ``expectations/``.

One ephemeral GX context per run; each table is checked against its suite through a Checkpoint
that also renders Data Docs. Tables are read from the build's files a chunk at a time, so a large
build is never in memory whole. Checks that GX cannot express run beside it and report like
expectations: grounding (the surface form is the article text at the row's offsets) and the
uniqueness of key columns across chunks.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from flows import store
from flows.schemas import PARTITIONED_TABLES, load_schemas

EXPECTATIONS_DIR = Path(__file__).resolve().parent.parent / "expectations"
GROUNDING_CHECK = "grounding: text[char_start:char_end] == surface"
# GX's pandas checks need the rows in memory: a table is validated this many rows at a time, which
# keeps a large build's validation within a few hundred MB (measured: 500,000 rows of unit_counts
# take 4 s and about 800 MB as an object-dtype frame).
CHUNK_ROWS = 50_000
# ...and at most about this many bytes of (uncompressed) data: a chunk of articles, with their text,
# is some 20 times larger per row than a chunk of officials.
CHUNK_BYTES = 16 * 1024 * 1024
# DuckDB's share while it looks for repeated keys across a whole table.
DUCKDB_MEMORY_LIMIT = "256MB"


@dataclass
class TableValidation:
    table: str
    success: bool
    n_rows: int
    failed: dict[str, list[int]] = field(default_factory=dict)  # check name → failing row positions
    # The failing rows themselves, with the checks each failed, for quarantine.
    rejected: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)

    @property
    def failed_rows(self) -> list[int]:
        return sorted({i for rows in self.failed.values() for i in rows})

    def summary(self) -> str:
        if self.success:
            return f"{self.table}: {self.n_rows} rows, all expectations met"
        parts = [f"{name} on rows {rows[:10]}{'…' if len(rows) > 10 else ''}" for name, rows in self.failed.items()]
        return f"{self.table}: FAILED " + "; ".join(parts)


def load_suite_json(table: str, directory: Path = EXPECTATIONS_DIR) -> dict[str, Any]:
    with (directory / f"{table}.json").open(encoding="utf-8") as f:
        return json.load(f)


def to_frame(table: pa.Table, first_position: int = 0) -> pd.DataFrame:
    """The rows as GX's pandas checks run fastest on them: strings and dates as Python objects (with
    None for missing), numbers as numbers, indexed by position in the whole table."""
    columns = {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
            columns[name] = column.to_pandas()
        elif pa.types.is_date(column.type):
            columns[name] = pd.Series(column.to_pylist(), dtype=object)  # datetime.date, as GX compares them
        else:
            columns[name] = pd.Series(column.to_numpy(zero_copy_only=False), dtype=object)
    index = pd.RangeIndex(first_position, first_position + table.num_rows)
    frame = pd.DataFrame(columns, columns=table.column_names)
    frame.index = index
    return frame


class Validator:
    """Runs the suites; build once per run (creating the GX context costs about a second)."""

    def __init__(self, docs_dir: Path | None, expectations_dir: Path = EXPECTATIONS_DIR) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        # After the import, which sets levels on GX's own loggers: their INFO lines are noise in a run.
        for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
            logging.getLogger(name).setLevel(logging.WARNING)

        self._gx = gx
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        # GX needs an absolute folder for a site outside a project.
        docs_dir = docs_dir.resolve() if docs_dir is not None else None
        self._docs_dir = docs_dir
        if docs_dir is not None:
            shutil.rmtree(docs_dir, ignore_errors=True)  # the docs describe this run only
            self._context.add_data_docs_site(
                "vngov",
                {
                    "class_name": "SiteBuilder",
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                    "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                },
            )
        self._datasource = self._context.data_sources.add_pandas("vngov")
        self._expectations_dir = expectations_dir
        self._checkpoints: dict[str, Any] = {}
        self.results: dict[str, dict[str, Any]] = {}

    def _checkpoint(self, table: str) -> Any:
        if table not in self._checkpoints:
            gx = self._gx
            suite = self._context.suites.add(gx.ExpectationSuite(**load_suite_json(table, self._expectations_dir)))
            asset = self._datasource.add_dataframe_asset(table)
            batch = asset.add_batch_definition_whole_dataframe(table)
            definition = self._context.validation_definitions.add(
                gx.ValidationDefinition(name=table, data=batch, suite=suite)
            )
            self._checkpoints[table] = self._context.checkpoints.add(
                gx.Checkpoint(
                    name=table, validation_definitions=[definition], result_format={"result_format": "COMPLETE"}
                )
            )
        return self._checkpoints[table]

    def validate_build(self, build_dir: Path, table: str) -> TableValidation:
        """Validate every file of ``table`` in a build folder, ``CHUNK_ROWS`` rows at a time."""
        schema = load_schemas()[table]
        outcome = TableValidation(table=table, success=True, n_rows=0)
        # Whole-table checks first, in DuckDB, which reads only the columns they need: each gives the
        # keys of the rows that fail, marked as the chunks go by.
        suspects = _duplicated_keys(build_dir, table, [c.name for c in schema.columns if c.unique])
        if schema.grounded:
            suspects[GROUNDING_CHECK] = ("row_id", _ungrounded_rows(build_dir, table))
        for chunk in _chunks(build_dir, table):
            self._validate_chunk(outcome, chunk, suspects)
        if outcome.n_rows == 0:  # GX still checks the columns of an empty table
            self._validate_chunk(outcome, schema.arrow_schema().empty_table(), {})
        return outcome

    def _validate_chunk(
        self, outcome: TableValidation, chunk: pa.Table, suspects: dict[str, tuple[str, set[Any]]]
    ) -> None:
        first = outcome.n_rows
        frame = to_frame(chunk, first)
        run = self._checkpoint(outcome.table).run(batch_parameters={"dataframe": frame})
        failed: dict[str, list[int]] = {}
        for suite_result in run.run_results.values():
            self._record(outcome.table, suite_result.to_json_dict(), chunk.num_rows)
            for result in suite_result.results:
                config = result.expectation_config
                if result.success or config is None:
                    continue
                column = config.kwargs.get("column") or config.kwargs.get("column_A") or ""
                name = f"{config.type}({column})" if column else config.type
                rows = [int(i) for i in (result.result or {}).get("unexpected_index_list") or []]
                # A check that names no rows failed the table as a whole: every row is suspect.
                failed[name] = rows or list(frame.index)
        for check, (column, keys) in suspects.items():
            bad = [int(i) for i in frame.index[frame[column].isin(keys)]] if keys else []
            if bad:
                failed[check] = sorted(set(failed.get(check, [])) | set(bad))
        outcome.n_rows += chunk.num_rows
        if not failed:
            return
        outcome.success = False
        reasons: dict[int, list[str]] = {}
        for name, rows in failed.items():
            merged = sorted(set(outcome.failed.get(name, [])) | set(rows))
            outcome.failed[name] = merged
            for pos in sorted(set(rows)):
                reasons.setdefault(pos, []).append(name)
        picked = chunk.take(pa.array([pos - first for pos in sorted(reasons)], pa.int64())).to_pylist()
        outcome.rejected += [(row, reasons[pos]) for row, pos in zip(picked, sorted(reasons), strict=True)]

    def _record(self, table: str, result: dict[str, Any], n_rows: int) -> None:
        """One summary per table for ``validation.json``, however many chunks it was checked in."""
        stats = result.get("statistics") or {}
        previous = self.results.get(table)
        if previous is None:
            self.results[table] = {**result, "rows": n_rows, "chunks": 1}
            return
        previous["success"] = bool(previous.get("success")) and bool(result.get("success"))
        previous["rows"] += n_rows
        previous["chunks"] += 1
        old = previous.get("statistics") or {}
        # An expectation counts as met only if it was met in every chunk.
        old["successful_expectations"] = min(
            int(old.get("successful_expectations") or 0), int(stats.get("successful_expectations") or 0)
        )
        old["unsuccessful_expectations"] = int(old.get("evaluated_expectations") or 0) - int(
            old.get("successful_expectations") or 0
        )
        failing = [r for r in result.get("results", []) if not r.get("success")]
        previous["results"] = [r for r in previous.get("results", []) if not r.get("success")] + failing

    def build_docs(self) -> None:
        """Render Data Docs and ``validation.json`` for every result so far (once per run: each build
        redraws the whole site)."""
        if self._docs_dir is not None:
            self._context.build_data_docs()
            self._docs_dir.mkdir(parents=True, exist_ok=True)
            results = json.dumps(self.results, indent=2, default=str)
            (self._docs_dir / "validation.json").write_text(results, encoding="utf-8")


def _chunks(build_dir: Path, table: str) -> Iterator[pa.Table]:
    """The table's rows in file order, at most ``CHUNK_ROWS`` rows or about ``CHUNK_BYTES`` at a time."""
    pending: list[pa.Table] = []
    size = 0
    limit = CHUNK_ROWS
    for path in store.table_files(build_dir, table):
        parquet = pq.ParquetFile(path)
        meta = parquet.metadata
        row_bytes = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)) / max(1, meta.num_rows)
        limit = max(1, min(CHUNK_ROWS, int(CHUNK_BYTES / max(1.0, row_bytes))))
        for batch in parquet.iter_batches(batch_size=limit):
            if pending and size + batch.num_rows > limit:
                yield pa.concat_tables(pending)
                pending, size = [], 0
            pending.append(pa.Table.from_batches([batch]))
            size += batch.num_rows
    if pending:
        yield pa.concat_tables(pending)


def _duckdb() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(config={"memory_limit": DUCKDB_MEMORY_LIMIT})


def _duplicated_keys(build_dir: Path, table: str, columns: list[str]) -> dict[str, tuple[str, set[Any]]]:
    """{check: (column, values that occur more than once in the whole table)} for the unique columns:
    GX sees one chunk at a time."""
    if not columns or not store.table_files(build_dir, table) or table not in PARTITIONED_TABLES:
        return {}
    source = store.duckdb_source(build_dir, table)
    with _duckdb() as con:
        return {
            f"expect_column_values_to_be_unique({column})": (
                column,
                {
                    row[0]
                    for row in con.execute(
                        f'SELECT "{column}" FROM {source} GROUP BY 1 HAVING count(*) > 1 AND "{column}" IS NOT NULL'
                    ).fetchall()
                },
            )
            for column in columns
        }


# A row is grounded when its offsets lie inside its article's text and cut out its surface form there.
# DuckDB's substring counts Unicode code points from 1, as Python's slices count them from 0.
UNGROUNDED_ROWS_SQL = """
SELECT t.row_id FROM {table} t LEFT JOIN {articles} a USING (article_id)
WHERE a.text IS NULL OR t.char_start IS NULL OR t.char_end IS NULL
   OR t.char_start < 0 OR t.char_end <= t.char_start OR t.char_end > length(a.text)
   OR substring(a.text, t.char_start + 1, t.char_end - t.char_start) IS DISTINCT FROM t.surface
"""


def _ungrounded_rows(build_dir: Path, table: str) -> set[str]:
    """Row ids whose offsets do not give back their surface form in the article text."""
    if not store.table_files(build_dir, table):
        return set()
    if not store.table_files(build_dir, "articles"):
        return set(pq.read_table(store.table_files(build_dir, table), columns=["row_id"]).column(0).to_pylist())
    sql = UNGROUNDED_ROWS_SQL.format(
        table=store.duckdb_source(build_dir, table), articles=store.duckdb_source(build_dir, "articles")
    )
    with _duckdb() as con:
        return {row[0] for row in con.execute(sql).fetchall()}
