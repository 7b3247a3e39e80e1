"""Writing the output folder so that readers, and crashes, only ever see whole builds.

Layout::

    output/
      builds/<build_id>/<table>.parquet   every table of one build, plus its manifest.json
      current -> builds/<build_id>         switched atomically once a build is complete
      <table>.parquet -> current/<table>.parquet
      manifest.json   -> current/manifest.json
      vngov.duckdb                         views over current/<table>.parquet
      quarantine/<table>.parquet           rows of the last run that failed validation
      docs/                                GX Data Docs of the last run

A build is written into a hidden staging folder, renamed into ``builds/`` and only then made
current by replacing one symlink, so a run killed at any moment leaves the previous build
readable and every table from the same build. A table that fails validation keeps its previous
version: that file is linked into the new build unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import tempfile
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from flows.schemas import TableSchema

PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "compression_level": 6, "write_statistics": True}
MANIFEST = "manifest.json"
DATABASE = "vngov.duckdb"
QUARANTINE = "quarantine"
BUILDS = "builds"
CURRENT = "current"
# Builds kept besides the current one, so a reader that opened the previous build can finish.
KEEP_PREVIOUS_BUILDS = 1
# Fault injection for the crash-safety tests: the process kills itself at the named point.
CRASH_ENV = "VNGOV_CRASH_AT"


def table_path(output_dir: Path, table: str) -> Path:
    return output_dir / f"{table}.parquet"


def current_dir(output_dir: Path) -> Path:
    return output_dir / CURRENT


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def write_parquet(table: pa.Table, final: Path) -> str:
    """Write atomically (temporary file, fsync, rename); returns the SHA-256 of the file."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        pq.write_table(table, tmp, **PARQUET_OPTIONS)
        _fsync(tmp)
        digest = sha256_of(tmp)
        os.replace(tmp, final)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return digest


def publish_build(
    output_dir: Path, new_tables: dict[str, pa.Table], table_order: list[str], info: dict[str, Any]
) -> Path:
    """Make a new build current: ``new_tables`` replace their previous versions; every other table
    in ``table_order`` is carried over from the current build when it has one. Returns the build folder."""
    builds = output_dir / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging = builds / f".{build_id}.partial"
    staging.mkdir()
    previous = current_dir(output_dir)
    tables: dict[str, dict[str, Any]] = {}
    for table in table_order:
        target = staging / f"{table}.parquet"
        if table in new_tables:
            digest = write_parquet(new_tables[table], target)
            tables[table] = {"rows": new_tables[table].num_rows, "sha256": digest, "carried_over": False}
            crash_point("publish:table-written")
        elif (previous / f"{table}.parquet").exists():
            _link_or_copy(previous / f"{table}.parquet", target)
            tables[table] = {
                "rows": pq.read_metadata(target).num_rows,
                "sha256": sha256_of(target),
                "carried_over": True,
            }
    manifest = {"build_id": build_id, "built_at": datetime.now(UTC).isoformat(timespec="seconds"), **info}
    manifest["tables"] = tables
    (staging / MANIFEST).write_text(
        json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )
    _fsync(staging / MANIFEST)
    final = builds / build_id
    os.rename(staging, final)
    crash_point("publish:before-switch")
    _replace_symlink(output_dir / CURRENT, Path(BUILDS) / build_id)
    crash_point("publish:after-switch")
    for table in table_order:
        if table in tables:
            _ensure_symlink(table_path(output_dir, table), Path(CURRENT) / f"{table}.parquet")
    _ensure_symlink(output_dir / MANIFEST, Path(CURRENT) / MANIFEST)
    write_database(output_dir, [t for t in table_order if t in tables])
    _prune_builds(builds, keep=final.name)
    return final


def check_consistency(output_dir: Path) -> list[str]:
    """Problems with the current build (empty when every table matches its manifest)."""
    manifest = read_manifest(output_dir)
    if not manifest:
        return [f"{output_dir / MANIFEST}: missing or not valid JSON"]
    problems = []
    for table, entry in manifest.get("tables", {}).items():
        path = current_dir(output_dir) / f"{table}.parquet"
        if not path.exists():
            problems.append(f"{path}: missing")
        elif sha256_of(path) != entry["sha256"]:
            problems.append(f"{path}: does not match the manifest")
    return problems


def write_quarantine(
    output_dir: Path, schema: TableSchema, rows: list[dict[str, Any]], failed: dict[int, list[str]]
) -> Path:
    """The rows that failed validation, each with the checks it failed; every column nullable so
    that rows with the very problems validation caught can still be stored and inspected."""
    fields = [pa.field(f.name, f.type, nullable=True) for f in schema.arrow_schema()]
    fields.append(pa.field("failed_checks", pa.string()))
    data = {f.name: [row.get(f.name) for row in rows] for f in fields[:-1]}
    data["failed_checks"] = ["; ".join(failed.get(i, ["table-level check"])) for i in range(len(rows))]
    path = output_dir / QUARANTINE / f"{schema.name}.parquet"
    write_parquet(pa.Table.from_pydict(data, schema=pa.schema(fields)), path)
    return path


def clear_quarantine(output_dir: Path, table: str) -> None:
    with suppress(FileNotFoundError):
        (output_dir / QUARANTINE / f"{table}.parquet").unlink()


def write_database(output_dir: Path, tables: list[str]) -> Path:
    """``vngov.duckdb``: one view per table over ``current/<table>.parquet``, so
    ``duckdb output/vngov.duckdb`` sees the tables by name and always reads the current build."""
    final = output_dir / DATABASE
    fd, name = tempfile.mkstemp(prefix=f".{DATABASE}.", suffix=".tmp", dir=output_dir)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # DuckDB creates the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            for table in tables:
                path = (current_dir(output_dir) / f"{table}.parquet").absolute()
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{_sql_quote(str(path))}')")
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


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source.resolve(), target)
    except OSError:
        shutil.copy2(source, target)


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


def _prune_builds(builds: Path, keep: str) -> None:
    finished = sorted(p for p in builds.iterdir() if not p.name.startswith("."))
    for old in [p for p in finished if p.name != keep][: -KEEP_PREVIOUS_BUILDS or None]:
        shutil.rmtree(old, ignore_errors=True)
    for partial in builds.glob(".*.partial"):
        shutil.rmtree(partial, ignore_errors=True)


def _sql_quote(text: str) -> str:
    return text.replace("'", "''")
