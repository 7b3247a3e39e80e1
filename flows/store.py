"""Writing the output folder so that readers, and crashes, only ever see whole builds.

Layout::

    output/
      builds/<build_id>/                 one complete build:
        articles/published_month=2025-06/part-0.parquet   a table per folder, partitioned (hive style)
        officials/published_month=2025-06/part-0.parquet  by the month its article was published
        ...
        ingest_errors/part-0.parquet     (not partitioned: it has no date)
        manifest.json                    every file with its rows and SHA-256, per-partition digests
      current -> builds/<build_id>       switched atomically once a build is complete
      <table> -> current/<table>
      manifest.json -> current/manifest.json
      vngov.duckdb                       views over current/<table>/*/*.parquet with the partition column
      quarantine/<table>.parquet         rows of the last run that failed validation
      docs/                              GX Data Docs of the last run

Partitioning by month lets DuckDB skip the months a query does not ask for, and lets an incremental
run rewrite only the months that changed: the other months' files are hard-linked from the previous
build. A build is written into a hidden staging folder, renamed into ``builds/`` and only then made
current by replacing one symlink, so a run killed at any moment leaves the previous build readable
and every table from the same build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from flows.schemas import PARTITION_KEY, PARTITIONED_TABLES, UNKNOWN_PARTITION, TableSchema

PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 6, "write_statistics": True}
# One file per table and month; a month of a large archive is still only tens of MB, so one row
# group per 128k rows keeps a reader's memory small without many tiny groups.
ROW_GROUP_ROWS = 128 * 1024
PART_FILE = "part-0.parquet"
MANIFEST = "manifest.json"
DATABASE = "vngov.duckdb"
QUARANTINE = "quarantine"
BUILDS = "builds"
CURRENT = "current"
# Builds kept besides the current one, so a reader that opened the previous build can finish.
KEEP_PREVIOUS_BUILDS = 1
# Fault injection for the crash-safety tests: the process kills itself at the named point.
CRASH_ENV = "VNGOV_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def current_dir(output_dir: Path) -> Path:
    return output_dir / CURRENT


def partition_of(published: date | None) -> str:
    """The partition an article's rows go to: its publication month, ``YYYY-MM``."""
    return published.strftime("%Y-%m") if published is not None else UNKNOWN_PARTITION


def file_of(table: str, partition: str | None) -> str:
    """A table file's path inside a build folder."""
    if table in PARTITIONED_TABLES:
        return f"{table}/{PARTITION_KEY}={partition or UNKNOWN_PARTITION}/{PART_FILE}"
    return f"{table}/{PART_FILE}"


def partition_from_file(rel: str) -> str | None:
    for part in rel.split("/"):
        if part.startswith(f"{PARTITION_KEY}="):
            return part.split("=", 1)[1]
    return None


def table_files(folder: Path, table: str) -> list[Path]:
    """The files of one table in a build folder (or in ``output/`` through ``current``), in partition order."""
    return sorted((folder / table).glob("*/*.parquet" if table in PARTITIONED_TABLES else "*.parquet"))


def read_table(folder: Path, table: str, schema: TableSchema, columns: list[str] | None = None) -> pa.Table:
    """A whole table as one Arrow table with the schema's columns (without the partition column)."""
    files = table_files(folder, table)
    wanted = schema.arrow_schema()
    if columns is not None:
        wanted = pa.schema([wanted.field(c) for c in columns], metadata=wanted.metadata)
    parts = [conform(pq.read_table(f, columns=columns), wanted) for f in files]
    return pa.concat_tables(parts) if parts else wanted.empty_table()


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with exactly ``schema`` (column order and metadata), so pieces read from different
    files concatenate and write identically."""
    return pa.Table.from_arrays([table.column(f.name) for f in schema], schema=schema)


def duckdb_source(folder: Path | str, table: str) -> str:
    """A ``read_parquet(...)`` expression for one table of a build, with the partition column;
    ``folder`` is a local build folder or the URL of one."""
    base = str(folder.absolute()) if isinstance(folder, Path) else folder.rstrip("/")
    if table in PARTITIONED_TABLES:
        pattern = _sql_quote(f"{base}/{table}/*/*.parquet")
        return f"read_parquet('{pattern}', hive_partitioning = true, hive_types = {{'{PARTITION_KEY}': VARCHAR}})"
    return f"read_parquet('{_sql_quote(f'{base}/{table}/*.parquet')}')"


def write_parquet(table: pa.Table, final: Path) -> str:
    """Write atomically (temporary file, fsync, rename); returns the SHA-256 of the file."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        pq.write_table(table, tmp, row_group_size=ROW_GROUP_ROWS, **PARQUET_OPTIONS)
        _fsync(tmp)
        digest = sha256_of(tmp)
        os.replace(tmp, final)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return digest


class BuildWriter:
    """A build being written: files go into a hidden staging folder; ``finish`` makes it current.

    Until ``finish`` nothing a reader sees changes; ``abandon`` (or a crash) leaves only a hidden
    folder that the next build removes.
    """

    def __init__(self, output_dir: Path) -> None:
        self.output_dir = output_dir
        builds = output_dir / BUILDS
        builds.mkdir(parents=True, exist_ok=True)
        self.build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self.path = builds / f".{self.build_id}.partial"
        self.path.mkdir()
        # Scratch space for the extraction workers' per-batch files, removed with the build.
        self.parts_dir = builds / f".{self.build_id}.parts"
        self.parts_dir.mkdir()
        self.files: dict[str, dict[str, dict[str, Any]]] = {}  # table → file → {rows, sha256}
        self.carried_over: set[str] = set()

    def write(self, rel: str, table: pa.Table) -> dict[str, Any]:
        entry = {"rows": table.num_rows, "sha256": write_parquet(table, self.path / rel)}
        self.record(rel, entry)
        return entry

    def record(self, rel: str, entry: dict[str, Any]) -> None:
        """Note a file that a worker wrote (or linked) into ``self.path``."""
        self.files.setdefault(rel.split("/", 1)[0], {})[rel] = entry

    def drop_table(self, table: str) -> None:
        shutil.rmtree(self.path / table, ignore_errors=True)
        self.files.pop(table, None)

    def carry_over(self, table: str, previous: Path, entries: dict[str, dict[str, Any]]) -> None:
        """Use the previous build's files of ``table`` unchanged (hard links, no copy)."""
        self.drop_table(table)
        for rel, entry in entries.items():
            link_or_copy(previous / rel, self.path / rel)
            self.record(rel, entry)
        self.carried_over.add(table)

    def finish(self, table_order: Iterable[str], info: dict[str, Any]) -> Path:
        tables = {}
        for table in table_order:
            if table not in self.files:
                continue
            files = dict(sorted(self.files[table].items()))
            tables[table] = {
                "rows": sum(f["rows"] for f in files.values()),
                "files": files,
                "carried_over": table in self.carried_over,
            }
        manifest = {"build_id": self.build_id, "built_at": datetime.now(UTC).isoformat(timespec="seconds"), **info}
        manifest["tables"] = tables
        (self.path / MANIFEST).write_text(
            json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8"
        )
        _fsync(self.path / MANIFEST)
        shutil.rmtree(self.parts_dir, ignore_errors=True)
        builds = self.output_dir / BUILDS
        final = builds / self.build_id
        os.rename(self.path, final)
        crash_point("publish:before-switch")
        _replace_symlink(self.output_dir / CURRENT, Path(BUILDS) / self.build_id)
        crash_point("publish:after-switch")
        for table in tables:
            _ensure_symlink(self.output_dir / table, Path(CURRENT) / table)
            _remove_old_layout_link(self.output_dir, table)
        _ensure_symlink(self.output_dir / MANIFEST, Path(CURRENT) / MANIFEST)
        write_database(self.output_dir, list(tables))
        _prune_builds(builds, keep=final.name)
        return final

    def abandon(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        shutil.rmtree(self.parts_dir, ignore_errors=True)


def check_consistency(output_dir: Path) -> list[str]:
    """Problems with the current build (empty when every file matches its manifest)."""
    manifest = read_manifest(output_dir)
    if not manifest:
        return [f"{output_dir / MANIFEST}: missing or not valid JSON"]
    problems = []
    current = current_dir(output_dir)
    for table, entry in manifest.get("tables", {}).items():
        listed = set(entry.get("files", {}))
        on_disk = {p.relative_to(current).as_posix() for p in table_files(current, table)}
        problems += [f"{current / rel}: not in the manifest" for rel in sorted(on_disk - listed)]
        for rel, file_entry in entry.get("files", {}).items():
            path = current / rel
            if not path.exists():
                problems.append(f"{path}: missing")
            elif sha256_of(path) != file_entry["sha256"]:
                problems.append(f"{path}: does not match the manifest")
    return problems


def write_quarantine(
    output_dir: Path, schema: TableSchema, rows: list[dict[str, Any]], failed: list[list[str]]
) -> Path:
    """The rows that failed validation, each with the checks it failed; every column nullable so
    that rows with the very problems validation caught can still be stored and inspected."""
    fields = [pa.field(f.name, f.type, nullable=True) for f in schema.arrow_schema()]
    fields.append(pa.field("failed_checks", pa.string()))
    data = {f.name: [row.get(f.name) for row in rows] for f in fields[:-1]}
    data["failed_checks"] = ["; ".join(checks) for checks in failed]
    path = output_dir / QUARANTINE / f"{schema.name}.parquet"
    write_parquet(pa.Table.from_pydict(data, schema=pa.schema(fields)), path)
    return path


def clear_quarantine(output_dir: Path, table: str) -> None:
    with suppress(FileNotFoundError):
        (output_dir / QUARANTINE / f"{table}.parquet").unlink()


def write_database(output_dir: Path, tables: list[str]) -> Path:
    """``vngov.duckdb``: one view per table over ``current/<table>/``, so ``duckdb output/vngov.duckdb``
    sees the tables by name, with their ``published_month`` partition column, and always reads the
    current build."""
    final = output_dir / DATABASE
    fd, name = tempfile.mkstemp(prefix=f".{DATABASE}.", suffix=".tmp", dir=output_dir)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # DuckDB creates the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            for table in tables:
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM {duckdb_source(current_dir(output_dir), table)}")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(tmp)
        os.replace(tmp, final)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return final


def read_manifest(output_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((current_dir(output_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return {}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source.resolve(), target)
    except OSError:
        shutil.copy2(source, target)


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _replace_symlink(link: Path, target: Path) -> None:
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    with suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _ensure_symlink(link: Path, target: Path) -> None:
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    _replace_symlink(link, target)


def _remove_old_layout_link(output_dir: Path, table: str) -> None:
    """Builds before partitioning linked ``<table>.parquet`` into ``current``; that link now dangles."""
    old = output_dir / f"{table}.parquet"
    if old.is_symlink() and not old.exists():
        old.unlink()


def _prune_builds(builds: Path, keep: str) -> None:
    finished = sorted(p for p in builds.iterdir() if not p.name.startswith("."))
    for old in [p for p in finished if p.name != keep][: -KEEP_PREVIOUS_BUILDS or None]:
        shutil.rmtree(old, ignore_errors=True)
    for scratch in [*builds.glob(".*.partial"), *builds.glob(".*.parts")]:
        shutil.rmtree(scratch, ignore_errors=True)


def _sql_quote(text: str) -> str:
    return text.replace("'", "''")
