"""Writing the output folder: Parquet tables, quarantine, the DuckDB file and the manifest.

Every file is written beside its final name and moved into place with ``os.replace``, so a
reader (or a crash) never sees a half-written file: a table is either the old one or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import suppress
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


def table_path(output_dir: Path, table: str) -> Path:
    return output_dir / f"{table}.parquet"


def _atomic_target(final: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    return Path(tmp)


def _commit(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)


def write_parquet(table: pa.Table, final: Path) -> str:
    """Write atomically; returns the SHA-256 of the file written."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = _atomic_target(final)
    try:
        pq.write_table(table, tmp, **PARQUET_OPTIONS)
        digest = _sha256(tmp)
        _commit(tmp, final)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return digest


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
    """``vngov.duckdb``: one view per published table over its Parquet file, so
    ``duckdb output/vngov.duckdb`` sees the tables by name."""
    final = output_dir / DATABASE
    tmp = _atomic_target(final)
    tmp.unlink()  # DuckDB creates the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            for table in tables:
                path = table_path(output_dir, table).resolve()
                if path.exists():
                    con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{_sql_quote(str(path))}')")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _commit(tmp, final)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    return final


def write_manifest(output_dir: Path, manifest: dict[str, Any]) -> Path:
    final = output_dir / MANIFEST
    tmp = _atomic_target(final)
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
    _commit(tmp, final)
    return final


def read_manifest(output_dir: Path) -> dict[str, Any]:
    try:
        return json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sql_quote(text: str) -> str:
    return text.replace("'", "''")
