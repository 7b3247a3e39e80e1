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
TABLE_LEVEL_CHECK = "table-level check"
# GX's pandas checks need the rows in memory: a table is validated this many rows at a time, which
# keeps a large build's validation within a few hundred MB (measured: 500,000 rows of unit_counts
# take 4 s and about 800 MB as an object-dtype frame).
CHUNK_ROWS = 100_000


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


def check_grounding(frame: pd.DataFrame, texts: dict[str, str]) -> list[int]:
    """Index labels of the rows whose offsets do not reproduce the surface form in the article text."""
    bad = []
    for label, aid, start, end, surface in zip(
        frame.index, frame["article_id"], frame["char_start"], frame["char_end"], frame["surface"], strict=True
    ):
        text = texts.get(aid)
        if (
            text is None
            or start is None
            or end is None
            or pd.isna(start)
            or pd.isna(end)
            or not (0 <= start < end <= len(text))
            or text[int(start) : int(end)] != surface
        ):
            bad.append(int(label))
    return bad


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
        duplicates = _duplicated_keys(build_dir, table, [c.name for c in schema.columns if c.unique])
        for chunk, partitions in _chunks(build_dir, table):
            texts = _texts(build_dir, partitions) if schema.grounded else None
            self._validate_chunk(outcome, chunk, texts, duplicates)
        if outcome.n_rows == 0:  # GX still checks the columns of an empty table
            self._validate_chunk(outcome, schema.arrow_schema().empty_table(), None, {})
        return outcome

    def validate(self, table: str, frame: pd.DataFrame, texts: dict[str, str] | None = None) -> TableValidation:
        """Validate rows already in memory (used for tables small enough, and in tests)."""
        outcome = TableValidation(table=table, success=True, n_rows=0)
        arrow = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
        self._validate_chunk(outcome, arrow, texts, {})
        return outcome

    def _validate_chunk(
        self,
        outcome: TableValidation,
        chunk: pa.Table,
        texts: dict[str, str] | None,
        duplicates: dict[str, set[Any]],
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
        if texts is not None:
            bad = check_grounding(frame, texts)
            if bad:
                failed[GROUNDING_CHECK] = bad
        for column, values in duplicates.items():
            bad = [int(i) for i in frame.index[frame[column].isin(values)]]
            if bad:
                failed.setdefault(f"expect_column_values_to_be_unique({column})", []).extend(bad)
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
        for key in ("successful_expectations",):
            old[key] = min(int(old.get(key) or 0), int(stats.get(key) or 0))
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


def _chunks(build_dir: Path, table: str) -> Iterator[tuple[pa.Table, set[str]]]:
    """(rows, the partitions they come from), about ``CHUNK_ROWS`` rows at a time, in file order."""
    pending: list[pa.Table] = []
    partitions: set[str] = set()
    size = 0
    for path in store.table_files(build_dir, table):
        partition = store.partition_from_file(path.relative_to(build_dir).as_posix())
        for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS):
            pending.append(pa.Table.from_batches([batch]))
            if partition is not None:
                partitions.add(partition)
            size += batch.num_rows
            if size >= CHUNK_ROWS:
                yield pa.concat_tables(pending), partitions
                pending, partitions, size = [], set(), 0
    if size:
        yield pa.concat_tables(pending), partitions


def _texts(build_dir: Path, partitions: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for partition in sorted(partitions):
        path = build_dir / store.file_of("articles", partition)
        if path.exists():
            data = pq.read_table(path, columns=["article_id", "text"])
            texts.update(zip(data.column(0).to_pylist(), data.column(1).to_pylist(), strict=True))
    return texts


def _duplicated_keys(build_dir: Path, table: str, columns: list[str]) -> dict[str, set[Any]]:
    """Values of unique columns that occur more than once in the whole table (GX sees one chunk)."""
    if not columns or not store.table_files(build_dir, table) or table not in PARTITIONED_TABLES:
        return {}
    con = duckdb.connect()
    try:
        source = store.duckdb_source(build_dir, table)
        return {
            column: {
                row[0]
                for row in con.execute(
                    f'SELECT "{column}" FROM {source} GROUP BY 1 HAVING count(*) > 1 AND "{column}" IS NOT NULL'
                ).fetchall()
            }
            for column in columns
        }
    finally:
        con.close()
