"""Incremental builds: reuse what the current build already has, extract and rewrite only the rest.

Two levels of reuse, both only when the current build was made with the same extractor version
(a hash of the extractor code and its vocabulary) and every table in it passed validation:

- an article already extracted, and still in the same month, is not extracted again: its rows are
  read back from the current build;
- a month whose articles are exactly those of the current build (same ids, same metadata) is not
  rewritten at all: its files are hard-linked into the new build.

The output of an incremental run equals a full rebuild: rows are keyed and ordered by content,
never by when they were extracted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from flows import store
from flows.schemas import PARTITIONED_TABLES, UNKNOWN_PARTITION

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


@dataclass
class Plan:
    """What the current build offers to the next one."""

    version: str
    previous: Path | None = None  # the current build's folder, when it can be reused
    extracted: dict[str, str] = field(default_factory=dict)  # article_id → its partition there
    partition_digests: dict[str, str] = field(default_factory=dict)
    files: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # its manifest's files

    def reusable_partition(self, partition: str, digest: str) -> bool:
        if self.partition_digests.get(partition) != digest:
            return False
        rels = [store.file_of(t, partition) for t in PARTITIONED_TABLES]
        return all(rel in self.files.get(rel.split("/", 1)[0], {}) for rel in rels)

    def without_extracted(self) -> Plan:
        """The plan without its per-article list, small enough to pass as a flow parameter."""
        return Plan(self.version, self.previous, {}, self.partition_digests, self.files)

    def file_entry(self, rel: str) -> dict[str, Any]:
        return self.files[rel.split("/", 1)[0]][rel]


def plan(output_dir: Path, full: bool) -> Plan:
    version = extractor_version()
    manifest = store.read_manifest(output_dir)
    tables = manifest.get("tables", {})
    if (
        full
        or manifest.get("extractor_version") != version
        or manifest.get("failed_tables")
        or not all(t in tables for t in PARTITIONED_TABLES)
        or any("files" not in entry for entry in tables.values())  # a build from before partitioning
    ):
        return Plan(version)
    previous = store.current_dir(output_dir).resolve()
    extracted: dict[str, str] = {}
    for path in store.table_files(previous, "articles"):
        partition = store.partition_from_file(path.relative_to(previous).as_posix()) or UNKNOWN_PARTITION
        for article_id in pq.read_table(path, columns=["article_id"]).column(0).to_pylist():
            extracted[article_id] = partition
    files = {t: entry["files"] for t, entry in tables.items()}
    return Plan(version, previous, extracted, manifest.get("partition_digests", {}), files)


def article_digest(row: dict[str, Any]) -> str:
    """What an article contributes to its partition, text (through its hash) and metadata."""
    fields = {k: v for k, v in row.items() if k != "text"}
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()[:16]


def partition_digest(article_digests: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(article_digests)).encode()).hexdigest()[:16]
