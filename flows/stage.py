"""The two halves of a build that run in parallel: staging batches of articles, then assembling
the month partitions.

``stage_batch`` reads a batch of input files, extracts the articles that need it and writes the
rows into per-batch scratch files (``<parts>/<table>/<month>/b<batch>-<n>.parquet``), returning only a
small summary. Nothing about the whole corpus is held in memory anywhere.

``assemble_partition`` then writes one month: the rows of the articles that won (the first file in
input order with a given text), plus the rows reused from the previous build, sorted by their key,
as one file per table. A month that is unchanged since the previous build is linked, not rewritten.

Both are plain functions; the flow runs them as Prefect tasks on local threads, processes or a
Dask cluster.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows import ingest, store
from flows.extract import registry
from flows.incremental import article_digest
from flows.ingest import IngestError
from flows.schemas import EXTRACTED_TABLES, PARTITIONED_TABLES, load_schemas, to_arrow
from flows.vocab_loader import load_vocab

# The order rows are written in, so that two runs over the same input give identical files.
SORT_KEYS: dict[str, list[str]] = {
    "articles": ["article_id"],
    "ingest_errors": ["source", "problem"],
    **{t: ["article_id", "char_start", "char_end", "row_id"] for t in EXTRACTED_TABLES},
}
# The per-batch scratch file of the previous build's extracted articles (article_id → month).
EXTRACTED_FILE = "_extracted.parquet"
# A batch writes its rows out every this many articles, so a worker's memory does not grow with the
# batch size (about 25 rows of 1 KB per article: 1,000 articles hold some 25 MB of rows).
FLUSH_ARTICLES = 1000


@dataclass(frozen=True)
class StagedArticle:
    article_id: str
    source: str
    partition: str
    digest: str


@dataclass
class BatchSummary:
    batch: int
    articles: list[StagedArticle] = field(default_factory=list)  # in input order, duplicates included
    errors: list[IngestError] = field(default_factory=list)
    n_extracted: int = 0


def write_extracted_index(parts_dir: Path, extracted: dict[str, str]) -> Path | None:
    """Hand the previous build's extracted articles to the workers as a file, not as a task argument
    that would be copied into every batch."""
    if not extracted:
        return None
    path = parts_dir / EXTRACTED_FILE
    table = pa.table({"article_id": list(extracted), "partition": list(extracted.values())})
    pq.write_table(table, path)
    return path


@lru_cache(maxsize=2)
def load_extracted_index(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    table = pq.read_table(path)
    return dict(zip(table.column(0).to_pylist(), table.column(1).to_pylist(), strict=True))


def stage_batch(
    paths: list[Path], input_dir: Path, batch: int, parts_dir: Path, extracted_index: Path | None
) -> BatchSummary:
    """Read, extract and stage one batch of input files."""
    store.crash_point("extract")
    already_extracted = load_extracted_index(extracted_index)
    vocab = load_vocab()
    summary = BatchSummary(batch=batch)
    seen: set[str] = set()
    for flush, start in enumerate(range(0, len(paths), FLUSH_ARTICLES)):
        read = ingest.read_files(paths[start : start + FLUSH_ARTICLES], input_dir)
        summary.errors += read.errors
        rows: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for article, article_row in read.articles:
            partition = store.partition_of(article.published)
            digest = article_digest(article_row)
            summary.articles.append(StagedArticle(article.article_id, article_row["source"], partition, digest))
            if article.article_id in seen:
                continue
            seen.add(article.article_id)
            rows["articles", partition].append(article_row)
            if already_extracted.get(article.article_id) == partition:
                continue  # its rows are read back from the previous build
            summary.n_extracted += 1
            for table, table_rows in registry.extract_article(article, vocab).items():
                rows[table, partition].extend(table_rows)
        _write_parts(rows, parts_dir, f"b{batch:06d}-{flush:04d}")
    return summary


def _write_parts(rows: dict[tuple[str, str], list[dict[str, Any]]], parts_dir: Path, name: str) -> None:
    schemas = load_schemas()
    for (table, partition), table_rows in rows.items():
        path = parts_dir / table / partition / f"{name}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        # Scratch files are read once, right after: fast compression rather than small files.
        pq.write_table(to_arrow(table_rows, schemas[table]), path, compression="lz4")


@dataclass(frozen=True)
class PartitionWork:
    """What to write for one month."""

    partition: str
    winners: dict[int, list[str]]  # batch → ids of the articles whose first copy it read
    reused: list[str]  # articles whose extracted rows come from the previous build
    # When the month is unchanged since the previous build: its files there, {file: {rows, sha256}},
    # linked instead of rewritten.
    unchanged: dict[str, dict[str, Any]] = field(default_factory=dict)


def assemble_partitions(
    works: list[PartitionWork], parts_dir: Path, build_dir: Path, previous: Path | None
) -> dict[str, dict[str, Any]]:
    """``assemble_partition`` for a group of months (one task's work)."""
    written: dict[str, dict[str, Any]] = {}
    for work in works:
        written.update(assemble_partition(work, parts_dir, build_dir, previous))
    return written


def assemble_partition(
    work: PartitionWork, parts_dir: Path, build_dir: Path, previous: Path | None
) -> dict[str, dict[str, Any]]:
    """Write (or link) one month's file of every partitioned table; returns {file: {rows, sha256}}."""
    schemas = load_schemas()
    written: dict[str, dict[str, Any]] = {}
    for table in PARTITIONED_TABLES:
        rel = store.file_of(table, work.partition)
        if work.unchanged and previous is not None:
            store.link_or_copy(previous / rel, build_dir / rel)
            written[rel] = work.unchanged[rel]
            continue
        schema = schemas[table].arrow_schema()
        pieces = []
        for batch, ids in sorted(work.winners.items()):
            for path in sorted((parts_dir / table / work.partition).glob(f"b{batch:06d}-*.parquet")):
                pieces.append(_only(pq.read_table(path), ids))
        if table != "articles" and work.reused and previous is not None:
            pieces.append(_only(pq.read_table(previous / rel), work.reused))
        data = pa.concat_tables([store.conform(p, schema) for p in pieces]) if pieces else schema.empty_table()
        data = data.sort_by([(key, "ascending") for key in SORT_KEYS[table]])
        written[rel] = {"rows": data.num_rows, "sha256": store.write_parquet(data, build_dir / rel)}
    return written


def _only(table: pa.Table, article_ids: list[str]) -> pa.Table:
    return table.filter(pc.is_in(table["article_id"], value_set=pa.array(article_ids, pa.string())))
