"""The ``build_dataset`` Prefect flow: discover → read → extract → validate → write.

Tasks are thin wrappers around the plain functions in ``ingest``, ``extract``, ``validate`` and
``store``; the flow only sequences them. Work is handed to tasks in batches of articles because
each task run costs milliseconds of orchestration.
"""

from __future__ import annotations

from flows import settings

settings.apply()

import os  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, TypeVar  # noqa: E402

import pandas as pd  # noqa: E402
from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows import incremental, ingest, publish  # noqa: E402
from flows.extract import registry  # noqa: E402
from flows.extract.base import Article, Row  # noqa: E402
from flows.ingest import IngestError  # noqa: E402
from flows.schemas import EXTRACTED_TABLES, load_schemas  # noqa: E402
from flows.store import crash_point  # noqa: E402
from flows.validate import TableValidation, Validator  # noqa: E402
from flows.vocab_loader import load_vocab  # noqa: E402

T = TypeVar("T")
BATCH_SIZE = 500
# Below this many input files, worker processes cost more to start than they save (measured:
# seeds 6 s with threads, 22 s with two processes; 10,000 articles 110 s with threads, 69 s with two).
PROCESS_POOL_MIN_INPUTS = 2000
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
    n_extracted: int = 0
    n_reused: int = 0

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
    crash_point("extract")
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
    return results


@task(cache_policy=NO_CACHE)
def plan_extraction(
    output_dir: Path, articles: list[Article], full: bool
) -> tuple[list[Article], dict[str, list[Row]], str]:
    """(articles to extract, rows reused from the current build, extractor version)."""
    version = incremental.extractor_version()
    if full:
        return articles, {}, version
    reused_ids, reused_rows = incremental.reusable_rows(output_dir, {a.article_id for a in articles}, version)
    return [a for a in articles if a.article_id not in reused_ids], reused_rows, version


@task(cache_policy=NO_CACHE)
def publish_tables(
    output_dir: Path, frames: dict[str, pd.DataFrame], validations: dict[str, TableValidation], info: dict[str, Any]
) -> tuple[list[str], dict[str, Path]]:
    return publish.publish(output_dir, frames, validations, info)


@flow(name="build_dataset", log_prints=False)
def build_dataset(
    input_dir: Path, output_dir: Path, batch_size: int = BATCH_SIZE, progress: bool = False, full: bool = False
) -> BuildReport:
    """Build the dataset from a folder of articles into ``output_dir``; with ``full``, extract every
    article again instead of reusing the rows the current build already has for it."""
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport(output_dir=output_dir)

    paths = discover_inputs(input_dir)
    report.n_inputs = len(paths)
    read_futures = [read_batch.submit(batch, input_dir) for batch in _batches(paths, batch_size)]

    articles: list[Article] = []
    article_rows: list[dict[str, Any]] = []
    first_source: dict[str, str] = {}
    for read in read_futures:
        result = read.result()
        report.ingest_errors.extend(result.errors)
        for article, row in result.articles:
            if article.article_id in first_source:
                problem = f"same text as {first_source[article.article_id]}"
                report.ingest_errors.append(IngestError(row["source"], problem))
                continue
            first_source[article.article_id] = row["source"]
            articles.append(article)
            article_rows.append(row)

    to_extract, rows, version = plan_extraction(output_dir, articles, full)
    report.n_extracted, report.n_reused = len(to_extract), len(articles) - len(to_extract)
    extract_futures = [extract_batch.submit(batch) for batch in _batches(to_extract, batch_size)]
    for future in _progress(extract_futures, progress, "extracting"):
        for table, table_rows in future.result().items():
            rows.setdefault(table, []).extend(table_rows)

    frames = {
        "articles": _frame("articles", article_rows),
        **{t: _frame(t, rows.get(t, [])) for t in EXTRACTED_TABLES},
        "ingest_errors": _frame("ingest_errors", [_error_row(e) for e in report.ingest_errors]),
    }
    report.rows = {t: len(f) for t, f in frames.items()}
    texts = {row["article_id"]: row["text"] for row in article_rows}
    report.validations = validate_tables(frames, texts, output_dir / "docs")
    info = {"extractor_version": version, "input": str(input_dir), "n_inputs": len(paths)}
    report.published, report.quarantined = publish_tables(output_dir, frames, report.validations, info)
    return report


def _batches(items: list[T], size: int) -> list[list[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _error_row(error: IngestError) -> dict[str, str]:
    action = "merged" if error.problem.startswith("same text as") else "skipped"
    return {"source": error.file, "problem": error.problem, "action": action}


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


def build_dataset_with_workers(input_dir: Path, output_dir: Path, workers: int = 0, **options: Any) -> BuildReport:
    """Run ``build_dataset`` with reading and extraction in worker processes when that pays off.

    Extraction is CPU-bound Python, so threads share one core; processes use them all, but each
    costs seconds to start, which only a large input repays. ``workers`` 0 chooses: one process
    per core from ``PROCESS_POOL_MIN_INPUTS`` input files up, threads below.
    """
    if workers == 0:
        n_inputs = len(ingest.discover(Path(input_dir)))
        workers = (os.cpu_count() or 1) if n_inputs >= PROCESS_POOL_MIN_INPUTS else 1
    if workers <= 1:
        return build_dataset(input_dir, output_dir, **options)
    from prefect.task_runners import ProcessPoolTaskRunner

    runner = ProcessPoolTaskRunner(max_workers=workers)
    return build_dataset.with_options(task_runner=runner)(input_dir, output_dir, **options)  # type: ignore[arg-type]
