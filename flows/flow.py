"""The ``build_dataset`` Prefect flow: discover → stage batches → assemble months → validate → publish.

Tasks are thin wrappers around plain functions in ``ingest``, ``stage``, ``validate`` and
``publish``; the flow only sequences them. Work is handed to tasks in batches of articles because
each task run costs milliseconds of orchestration, and the batches write their rows to scratch
files rather than returning them, so the flow never holds the corpus or its rows in memory.
"""

from __future__ import annotations

from flows import settings

settings.apply()

import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, TypeVar  # noqa: E402

import pyarrow as pa  # noqa: E402
from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows import incremental, ingest, publish, runners, stage, store  # noqa: E402
from flows.ingest import IngestError  # noqa: E402
from flows.schemas import PARTITIONED_TABLES, TABLES, UNKNOWN_PARTITION, load_schemas, to_arrow  # noqa: E402
from flows.validate import TableValidation, Validator  # noqa: E402

T = TypeVar("T")
BATCH_SIZE = 500
# Below this many input files, worker processes cost more to start than they save: each takes
# 4-5 s to import what a task needs before its first batch, while 2,000 articles are some 10 s of
# extraction on one core.
PROCESS_POOL_MIN_INPUTS = 2000
# Months are assembled in groups of about this many articles per task.
ASSEMBLE_GROUP_ARTICLES = 5000


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
    n_partitions_rewritten: int = 0
    n_partitions_linked: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage

    def timed(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] = round(now - started, 3)
        return now

    @property
    def valid(self) -> bool:
        return all(v.success for v in self.validations.values())


@task(cache_policy=NO_CACHE)
def discover_inputs(input_dir: Path) -> list[Path]:
    return ingest.discover(input_dir)


@task(cache_policy=NO_CACHE)
def plan_build(output_dir: Path, full: bool) -> incremental.Plan:
    return incremental.plan(output_dir, full)


@task(cache_policy=NO_CACHE)
def stage_batch(
    paths: list[Path], input_dir: Path, batch: int, parts_dir: Path, extracted_index: Path | None
) -> stage.BatchSummary:
    return stage.stage_batch(paths, input_dir, batch, parts_dir, extracted_index)


@task(cache_policy=NO_CACHE)
def assemble_partitions(
    works: list[stage.PartitionWork], parts_dir: Path, build_dir: Path, previous: Path | None
) -> dict[str, dict[str, Any]]:
    return stage.assemble_partitions(works, parts_dir, build_dir, previous)


@task(cache_policy=NO_CACHE)
def validate_build(build_dir: Path, docs_dir: Path) -> dict[str, TableValidation]:
    validator = Validator(docs_dir)
    results = {table: validator.validate_build(build_dir, table) for table in TABLES}
    validator.build_docs()
    return results


@task(cache_policy=NO_CACHE)
def publish_build(
    writer: store.BuildWriter, validations: dict[str, TableValidation], info: dict[str, Any]
) -> tuple[list[str], dict[str, Path]]:
    return publish.publish(writer, validations, info)


@dataclass
class Selection:
    """Which copy of each article the build keeps, and what to write per month."""

    works: list[stage.PartitionWork]
    sizes: dict[str, int]  # articles per month
    digests: dict[str, str]  # per month, for the next incremental run
    errors: list[IngestError]
    n_articles: int


def select_articles(
    summaries: list[stage.BatchSummary], plan: incremental.Plan, extracted: dict[str, str]
) -> Selection:
    """The first file (in input order) with a given text is the article; later copies are noted as
    merged. Months unchanged since the previous build are linked rather than rewritten."""
    errors: list[IngestError] = []
    first_source: dict[str, str] = {}
    winners: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    digests: dict[str, list[str]] = defaultdict(list)
    reused: dict[str, list[str]] = defaultdict(list)
    for summary in sorted(summaries, key=lambda s: s.batch):
        errors.extend(summary.errors)
        for staged in summary.articles:
            if staged.article_id in first_source:
                errors.append(IngestError(staged.source, f"same text as {first_source[staged.article_id]}"))
                continue
            first_source[staged.article_id] = staged.source
            winners[staged.partition][summary.batch].append(staged.article_id)
            digests[staged.partition].append(staged.digest)
            if extracted.get(staged.article_id) == staged.partition:
                reused[staged.partition].append(staged.article_id)
    partitions = sorted(winners) or [UNKNOWN_PARTITION]
    month_digests = {p: incremental.partition_digest(digests[p]) for p in partitions}
    works = []
    for partition in partitions:
        unchanged: dict[str, dict[str, Any]] = {}
        if plan.previous is not None and plan.reusable_partition(partition, month_digests[partition]):
            unchanged = {
                store.file_of(t, partition): plan.file_entry(store.file_of(t, partition)) for t in PARTITIONED_TABLES
            }
        works.append(stage.PartitionWork(partition, dict(winners[partition]), reused[partition], unchanged))
    sizes = {p: len(digests[p]) for p in partitions}
    return Selection(works, sizes, month_digests, errors, len(first_source))


@dataclass
class Staged:
    """What ``extract_and_assemble`` reports back: small, whatever the size of the corpus."""

    n_inputs: int
    n_extracted: int
    selection: Selection
    files: dict[str, dict[str, Any]]  # the month files it wrote or linked: {file: {rows, sha256}}
    seconds: dict[str, float]


@flow(name="extract_and_assemble", log_prints=False)
def extract_and_assemble(
    input_dir: Path,
    parts_dir: Path,
    build_dir: Path,
    plan: incremental.Plan,
    extracted_index: Path | None,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
) -> Staged:
    """The parallel half of a build, as a flow of its own so that it can have its own task runner
    (threads, processes or a Dask cluster) and so that worker processes exit, and give back their
    memory, before validation starts. ``plan`` comes without its list of extracted articles (too
    large for a flow parameter): the workers read ``extracted_index`` instead."""
    clock = time.perf_counter()
    paths = discover_inputs(input_dir)
    futures = [
        stage_batch.submit(batch, input_dir, number, parts_dir, extracted_index)
        for number, batch in enumerate(_batches(paths, batch_size))
    ]
    summaries = [future.result() for future in _progress(futures, progress, "extracting")]
    seconds = {"read_extract": round(time.perf_counter() - clock, 3)}
    selection = select_articles(summaries, plan, stage.load_extracted_index(extracted_index))
    groups = _groups(selection.works, selection.sizes)
    files: dict[str, dict[str, Any]] = {}
    for future in [assemble_partitions.submit(g, parts_dir, build_dir, plan.previous) for g in groups]:
        files.update(future.result())
    seconds["assemble"] = round(time.perf_counter() - clock - seconds["read_extract"], 3)
    n_extracted = sum(s.n_extracted for s in summaries)
    return Staged(len(paths), n_extracted, selection, files, seconds)


@flow(name="build_dataset", log_prints=False)
def build_dataset(
    input_dir: Path,
    output_dir: Path,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
    full: bool = False,
    runner: str = runners.THREADS,
) -> BuildReport:
    """Build the dataset from a folder of articles into ``output_dir``; with ``full``, extract every
    article again instead of reusing what the current build already has. ``runner`` says where the
    batches run (see ``runners.task_runner``)."""
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport(output_dir=output_dir)
    clock = time.perf_counter()

    plan = plan_build(output_dir, full)
    writer = store.BuildWriter(output_dir)
    try:
        index = stage.write_extracted_index(writer.parts_dir, plan.extracted)
        parallel = extract_and_assemble.with_options(task_runner=runners.task_runner(runner))
        staged = parallel(
            input_dir, writer.parts_dir, writer.path, plan.without_extracted(), index, batch_size, progress
        )
        for rel, entry in staged.files.items():
            writer.record(rel, entry)
        report.seconds.update(staged.seconds)
        selection = staged.selection
        report.n_inputs = staged.n_inputs
        report.ingest_errors = selection.errors
        report.n_extracted = staged.n_extracted
        report.n_reused = selection.n_articles - report.n_extracted
        report.n_partitions_linked = sum(1 for w in selection.works if w.unchanged)
        report.n_partitions_rewritten = len(selection.works) - report.n_partitions_linked
        errors = [_error_row(e) for e in report.ingest_errors]
        writer.write(store.file_of("ingest_errors", None), _sorted_table("ingest_errors", errors))
        clock = report.timed("extract_and_assemble", clock)

        report.validations = validate_build(writer.path, output_dir / "docs")
        report.rows = {t: v.n_rows for t, v in report.validations.items()}
        clock = report.timed("validate", clock)
        info = {
            "extractor_version": plan.version,
            "input": str(input_dir),
            "n_inputs": staged.n_inputs,
            "partition_digests": selection.digests,
            "stage_seconds": report.seconds,
        }
        report.published, report.quarantined = publish_build(writer, report.validations, info)
        report.timed("publish", clock)
    except BaseException:
        writer.abandon()
        raise
    return report


def _groups(works: list[stage.PartitionWork], sizes: dict[str, int]) -> list[list[stage.PartitionWork]]:
    groups: list[list[stage.PartitionWork]] = [[]]
    size = 0
    for work in works:
        if groups[-1] and size + sizes[work.partition] > ASSEMBLE_GROUP_ARTICLES:
            groups.append([])
            size = 0
        groups[-1].append(work)
        size += sizes[work.partition]
    return groups


def _batches(items: list[T], size: int) -> list[list[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _error_row(error: IngestError) -> dict[str, str]:
    action = "merged" if error.problem.startswith("same text as") else "skipped"
    return {"source": error.file, "problem": error.problem, "action": action}


def _sorted_table(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    data = to_arrow(rows, load_schemas()[table])
    return data.sort_by([(key, "ascending") for key in stage.SORT_KEYS[table]])


def _progress(items: list[Any], enabled: bool, label: str) -> Any:
    if not enabled or not sys.stderr.isatty() or len(items) < 2:
        return items
    from rich.progress import track

    return track(items, description=label, transient=True)


def build_dataset_with_workers(
    input_dir: Path,
    output_dir: Path,
    workers: int = 0,
    dask_address: str | None = None,
    batch_size: int | None = None,
    **options: Any,
) -> BuildReport:
    """Run ``build_dataset`` with reading and extraction in worker processes when that pays off.

    Extraction is CPU-bound Python, so threads share one core; processes use them all, but each
    costs seconds to start, which only a large input repays. ``workers`` 0 chooses: one process
    per core from ``PROCESS_POOL_MIN_INPUTS`` input files up, threads below.

    With ``dask_address`` the submitted tasks run on the existing Dask cluster there instead (see
    ``flows.runners``: the input and output folders must be at the same paths on its workers), and
    ``batch_size`` None is chosen from the cluster's size. Raises ``runners.DaskClusterError`` for a
    malformed address or a cluster that cannot be reached.
    """
    if dask_address is not None:
        if workers:
            raise runners.DaskClusterError("--workers and --dask-address cannot be combined")
        address = runners.check_dask_address(dask_address)
        # The workers' working folder is not ours: hand them absolute paths.
        input_dir, output_dir = Path(input_dir).absolute(), Path(output_dir).absolute()
        cluster = runners.probe_dask_cluster(address, shared=[input_dir, output_dir])
        if batch_size is None:
            batch_size = runners.pooled_batch_size(len(ingest.discover(Path(input_dir))), cluster.threads)
        with runners.prefect_api_for(cluster):
            runner = runners.dask_spec(cluster.address)
            return build_dataset(input_dir, output_dir, batch_size=batch_size, runner=runner, **options)
    n_inputs = len(ingest.discover(Path(input_dir)))
    if workers == 0:
        workers = (os.cpu_count() or 1) if n_inputs >= PROCESS_POOL_MIN_INPUTS else 1
    if workers <= 1:
        return build_dataset(input_dir, output_dir, batch_size=batch_size or BATCH_SIZE, **options)
    # A task in a worker process costs ~0.2 s of Prefect's own work: few, large batches.
    batch_size = batch_size or runners.pooled_batch_size(n_inputs, workers)
    with runners.shared_prefect_api():
        runner = runners.processes_spec(workers)
        return build_dataset(input_dir, output_dir, batch_size=batch_size, runner=runner, **options)
