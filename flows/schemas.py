"""The table schemas in ``schemas/*.yaml``: the single source for column names, types and docs.

The Parquet files, the ``vngov tables`` docs and the GX suites are all checked against these.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
GROUNDING_FILE = "_grounding.yaml"
PARTITIONING_FILE = "_partitioning.yaml"
# Publication order: articles first so that every row's article_id points at a published article.
TABLES = ("articles", "officials", "bodies", "unit_counts", "deadlines", "ingest_errors")
EXTRACTED_TABLES = ("officials", "bodies", "unit_counts", "deadlines")
# Tables stored one folder per publication month (hive style: ``published_month=2025-06/``); the
# partition column lives in the path, not in the files, and readers such as DuckDB add it back.
PARTITIONED_TABLES = ("articles", *EXTRACTED_TABLES)
PARTITION_KEY = "published_month"
UNKNOWN_PARTITION = "unknown"  # articles whose publication date is not known

ARROW_TYPES = {"string": pa.string(), "int64": pa.int64(), "date": pa.date32()}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    description: str
    unique: bool = False
    values: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    primary_key: tuple[str, ...]
    grounded: bool
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [
                pa.field(c.name, ARROW_TYPES[c.type], nullable=c.nullable, metadata={"description": c.description})
                for c in self.columns
            ],
            metadata={"description": self.description},
        )


def _columns(specs: list[dict[str, Any]]) -> tuple[Column, ...]:
    return tuple(
        Column(
            name=s["name"],
            type=s["type"],
            nullable=bool(s["nullable"]),
            description=s["description"],
            unique=bool(s.get("unique", False)),
            values=tuple(s["values"]) if s.get("values") else None,
        )
        for s in specs
    )


@lru_cache(maxsize=1)
def partition_column(directory: Path = SCHEMA_DIR) -> Column:
    """The ``published_month`` column that the folder layout adds to ``PARTITIONED_TABLES``."""
    with (directory / PARTITIONING_FILE).open(encoding="utf-8") as f:
        (column,) = _columns([yaml.safe_load(f)["column"]])
    if column.name != PARTITION_KEY:
        raise ValueError(f"{directory / PARTITIONING_FILE}: the partition column must be {PARTITION_KEY}")
    return column


@lru_cache(maxsize=1)
def load_schemas(directory: Path = SCHEMA_DIR) -> dict[str, TableSchema]:
    with (directory / GROUNDING_FILE).open(encoding="utf-8") as f:
        grounding = _columns(yaml.safe_load(f)["columns"])
    schemas = {}
    for name in TABLES:
        with (directory / f"{name}.yaml").open(encoding="utf-8") as f:
            spec = yaml.safe_load(f)
        columns = _columns(spec["columns"])
        if spec.get("grounded"):
            columns += grounding
        schemas[name] = TableSchema(
            name=spec["table"],
            description=spec["description"],
            primary_key=tuple(spec["primary_key"]),
            grounded=bool(spec.get("grounded")),
            columns=columns,
        )
    return schemas


def to_arrow(rows: list[dict[str, Any]], schema: TableSchema) -> pa.Table:
    """Rows (dicts) as an Arrow table with exactly the schema's columns, in its order."""
    arrays = {c.name: [row.get(c.name) for row in rows] for c in schema.columns}
    return pa.Table.from_pydict(arrays, schema=schema.arrow_schema())
