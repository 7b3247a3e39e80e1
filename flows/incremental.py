"""Incremental builds: reuse the rows of articles the current build already extracted with the
same extractor version, and extract only the rest.

The output of an incremental run equals a full rebuild: rows are keyed and ordered by content,
never by when they were extracted, and any change to the extractors or their vocabulary (the
extractor version) makes the next run extract everything again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows import store
from flows.schemas import EXTRACTED_TABLES

FLOWS_DIR = Path(__file__).resolve().parent
# What the extracted rows depend on: the extractor code and its vocabulary.
EXTRACTOR_SOURCES = ("extract/*.py", "vocab/*.yaml")


def extractor_version() -> str:
    digest = hashlib.sha256()
    for pattern in EXTRACTOR_SOURCES:
        for path in sorted(FLOWS_DIR.glob(pattern)):
            digest.update(path.relative_to(FLOWS_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def reusable_rows(
    output_dir: Path, article_ids: set[str], version: str
) -> tuple[set[str], dict[str, list[dict[str, Any]]]]:
    """(ids of the articles whose rows can be reused, those rows per table) from the current build."""
    manifest = store.read_manifest(output_dir)
    tables = manifest.get("tables", {})
    if (
        manifest.get("extractor_version") != version
        or manifest.get("failed_tables")
        or not all(t in tables for t in ("articles", *EXTRACTED_TABLES))
    ):
        return set(), {}
    current = store.current_dir(output_dir)
    done = set(pq.read_table(current / "articles.parquet", columns=["article_id"]).column(0).to_pylist())
    reused = done & article_ids
    if not reused:
        return set(), {}
    wanted = list(reused)
    rows = {}
    for table in EXTRACTED_TABLES:
        data = pq.read_table(current / f"{table}.parquet")
        rows[table] = data.filter(pc.is_in(data["article_id"], value_set=pa.array(wanted, pa.string()))).to_pylist()
    return reused, rows
