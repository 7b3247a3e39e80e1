"""The ``build_dataset`` Prefect flow: discover → read → extract → validate → write.

Tasks are thin wrappers around the plain functions in ``ingest``, ``extract``, ``validate`` and
``store``; the flow only sequences them. Work is handed to tasks in batches of articles because
each task run costs milliseconds of orchestration.
"""

from __future__ import annotations

from flows import settings

settings.apply()

import json  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pandas as pd  # noqa: E402
from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows import ingest, store  # noqa: E402
from flows.extract import registry  # noqa: E402
from flows.extract.base import Article, Row  # noqa: E402
from flows.ingest import IngestError  # noqa: E402
from flows.schemas import EXTRACTED_TABLES, TABLES, load_schemas, to_arrow  # noqa: E402
from flows.validate import TableValidation, Validator  # noqa: E402
from flows.vocab_loader import load_vocab  # noqa: E402

BATCH_SIZE = 500
# The order rows are written in, so that two runs over the same input give identical files.
SORT_KEYS: dict[str, list[str]] = {
    "articles": ["article_id"],
    "ingest_errors": ["source", "problem"],
    **{t: ["article_id", "char_start", "char_end", "row_id"] for t in EXTRACTED_TABLES},
}


@dataclass
class BuildReport:
    output_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    validations: dict[str, TableValidation] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)
    quarantined: dict[str, Path] = field(default_factory=dict)
    ingest_errors: list[IngestError] = field(default_factory=list)
    n_inputs: int = 0

    @property
    def valid(self) -> bool:
        return all(v.success for v in self.validations.values())


@task(cache_policy=NO_CACHE)
def discover_inputs(input_dir: Path) -> list[Path]:
    return ingest.discover(input_dir)


@task(cache_policy=NO_CACHE)
def read_batch(paths: list[Path], input_dir: Path) -> ingest.ReadResult:
    return ingest.read_files(paths, input_dir)


@task(cache_policy=NO_CACHE)
def extract_batch(articles: list[Article]) -> dict[str, list[Row]]:
    vocab = load_vocab()
    tables: dict[str, list[Row]] = {t: [] for t in EXTRACTED_TABLES}
    for article in articles:
        for table, rows in registry.extract_article(article, vocab).items():
            tables[table].extend(rows)
    return tables


@task(cache_policy=NO_CACHE)
def validate_tables(
    frames: dict[str, pd.DataFrame], texts: dict[str, str], docs_dir: Path
) -> dict[str, TableValidation]:
    validator = Validator(docs_dir)
    results = {table: validator.validate(table, frame, texts) for table, frame in frames.items()}
    validator.build_docs()
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / "validation.json").write_text(json.dumps(validator.results, indent=2, default=str), encoding="utf-8")
    return results


@task(cache_policy=NO_CACHE)
def publish_tables(
    output_dir: Path, frames: dict[str, pd.DataFrame], validations: dict[str, TableValidation]
) -> tuple[list[str], dict[str, Path]]:
    return publish(output_dir, frames, validations)


def publish(
    output_dir: Path, frames: dict[str, pd.DataFrame], validations: dict[str, TableValidation]
) -> tuple[list[str], dict[str, Path]]:
    """Write every valid table; keep the previous file of a failing one and quarantine its rows.
    When ``articles`` fails, nothing is published: every other table points into it."""
    schemas = load_schemas()
    articles_ok = validations["articles"].success
    published, quarantined = [], {}
    hashes: dict[str, str] = {}
    for table in TABLES:
        frame, result = frames[table], validations[table]
        rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
        if result.success and articles_ok:
            hashes[table] = store.write_parquet(to_arrow(rows, schemas[table]), store.table_path(output_dir, table))
            store.clear_quarantine(output_dir, table)
            published.append(table)
        elif not result.success:
            bad = result.failed_rows or list(range(len(rows)))
            reasons: dict[int, list[str]] = {}
            for name, positions in result.failed.items():
                for pos in positions:
                    reasons.setdefault(pos, []).append(name)
            quarantined[table] = store.write_quarantine(output_dir, schemas[table], [rows[i] for i in bad], reasons)
    if published:
        store.write_database(output_dir, [t for t in TABLES if store.table_path(output_dir, t).exists()])
        previous = store.read_manifest(output_dir).get("tables", {})
        tables = {**previous, **{t: {"rows": len(frames[t]), "sha256": hashes[t]} for t in published}}
        store.write_manifest(
            output_dir,
            {
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "tables": tables,
                "failed_tables": sorted(quarantined),
            },
        )
    return published, quarantined


@flow(name="build_dataset", log_prints=False)
def build_dataset(
    input_dir: Path, output_dir: Path, batch_size: int = BATCH_SIZE, progress: bool = False
) -> BuildReport:
    """Build the dataset from a folder of articles into ``output_dir``."""
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport(output_dir=output_dir)

    paths = discover_inputs(input_dir)
    report.n_inputs = len(paths)
    batches = [paths[i : i + batch_size] for i in range(0, len(paths), batch_size)]
    read_futures = [read_batch.submit(batch, input_dir) for batch in batches]

    article_rows: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    extract_futures = []
    for read in _progress(read_futures, progress, "extracting"):
        result = read.result()
        report.ingest_errors.extend(result.errors)
        fresh = []
        for article, row in result.articles:
            if article.article_id in seen:
                report.ingest_errors.append(IngestError(row["source"], f"same text as {seen[article.article_id]}"))
                continue
            seen[article.article_id] = row["source"]
            article_rows.append(row)
            fresh.append(article)
        extract_futures.append(extract_batch.submit(fresh))

    rows: dict[str, list[Row]] = {t: [] for t in EXTRACTED_TABLES}
    for future in extract_futures:
        for table, table_rows in future.result().items():
            rows[table].extend(table_rows)

    error_rows = [
        {
            "source": e.file,
            "problem": e.problem,
            "action": "merged" if e.problem.startswith("same text as") else "skipped",
        }
        for e in report.ingest_errors
    ]
    frames = {
        "articles": _frame("articles", article_rows),
        **{t: _frame(t, rows[t]) for t in EXTRACTED_TABLES},
        "ingest_errors": _frame("ingest_errors", error_rows),
    }
    report.rows = {t: len(f) for t, f in frames.items()}
    texts = {row["article_id"]: row["text"] for row in article_rows}
    report.validations = validate_tables(frames, texts, output_dir / "docs")
    report.published, report.quarantined = publish_tables(output_dir, frames, report.validations)
    return report


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = load_schemas()[table].column_names
    # object dtype keeps None as None and ints as ints, as the rows were built.
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    if len(frame):
        frame = frame.sort_values(SORT_KEYS[table], kind="stable")
    return frame.reset_index(drop=True)


def _progress(items: list[Any], enabled: bool, label: str) -> Any:
    if not enabled or not sys.stderr.isatty() or len(items) < 2:
        return items
    from rich.progress import track

    return track(items, description=label, transient=True)
