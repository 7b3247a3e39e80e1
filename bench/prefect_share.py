"""Prefect's share of a build's wall time: the same work as plain function calls and as the flow.

    .venv/bin/python bench/prefect_share.py INPUT_DIR [--workers 2] [--batch-size N]

Runs the build twice in this process, into two temporary folders: once as plain calls of the very
functions the flow's tasks wrap (``stage.stage_batch`` and ``stage.assemble_partition`` in a
``ProcessPoolExecutor`` with the same number of workers, then validation and publishing), and once as
the ``build_dataset`` flow with Prefect's process pool. The Prefect API server is started (by a
trivial flow) before the timed flow run and its start-up is reported apart, since a scheduled
deployment pays it once, not per run. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows import settings  # noqa: E402

settings.apply()

from flows import incremental, ingest, publish, runners, stage, store  # noqa: E402
from flows.flow import _batches, _error_row, _groups, _sorted_table, select_articles  # noqa: E402
from flows.schemas import TABLES  # noqa: E402
from flows.validate import Validator  # noqa: E402


def plain_build(input_dir: Path, output_dir: Path, workers: int, batch_size: int) -> dict[str, float]:
    """What ``build_dataset`` does, step for step, without Prefect."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    paths = ingest.discover(input_dir)
    plan = incremental.plan(output_dir, full=False)
    writer = store.BuildWriter(output_dir)
    index = stage.write_extracted_index(writer.parts_dir, plan.extracted)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        batches = _batches(paths, batch_size)
        futures = [
            pool.submit(stage.stage_batch, batch, input_dir, n, writer.parts_dir, index)
            for n, batch in enumerate(batches)
        ]
        summaries = [f.result() for f in futures]
        seconds["read_extract"] = time.perf_counter() - clock
        selection = select_articles(summaries, plan, stage.load_extracted_index(index))
        assembled = [
            pool.submit(stage.assemble_partitions, group, writer.parts_dir, writer.path, plan.previous)
            for group in _groups(selection.works, selection.sizes)
        ]
        for future in assembled:
            for rel, entry in future.result().items():
                writer.record(rel, entry)
    writer.write(
        store.file_of("ingest_errors", None), _sorted_table("ingest_errors", [_error_row(e) for e in selection.errors])
    )
    seconds["assemble"] = time.perf_counter() - clock - seconds["read_extract"]
    validator = Validator(output_dir / "docs")
    validations = {table: validator.validate_build(writer.path, table) for table in TABLES}
    validator.build_docs()
    publish.publish(writer, validations, {"extractor_version": plan.version})
    seconds["total"] = time.perf_counter() - clock
    return {k: round(v, 2) for k, v in seconds.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, help="default: what the flow chooses for this many workers")
    args = ap.parse_args()
    from prefect import flow

    from flows.flow import build_dataset_with_workers

    @flow
    def warm_up() -> None:
        """Starts Prefect's ephemeral API server, as the first flow run of a process does."""

    # Both runs get the batch size the flow picks by default for worker processes.
    batch_size = args.batch_size or runners.pooled_batch_size(len(ingest.discover(args.input)), args.workers)
    with tempfile.TemporaryDirectory(prefix="vngov-share-") as tmp:
        # The GX import (seconds) is paid by whichever runs first: pay it before either is timed.
        Validator(None)
        plain = plain_build(args.input, Path(tmp) / "plain", args.workers, batch_size)
        t0 = time.perf_counter()
        warm_up()
        startup = time.perf_counter() - t0
        t1 = time.perf_counter()
        report = build_dataset_with_workers(args.input, Path(tmp) / "flow", workers=args.workers, batch_size=batch_size)
        flow_s = time.perf_counter() - t1
        same = all(
            [p.read_bytes() for p in store.table_files(Path(tmp) / "plain", t)]
            == [p.read_bytes() for p in store.table_files(Path(tmp) / "flow", t)]
            for t in TABLES
        )
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "workers": args.workers,
        "batch_size": batch_size,
        "plain_s": plain["total"],
        "plain_stages_s": plain,
        "flow_s": round(flow_s, 2),
        "flow_stages_s": report.seconds,
        "api_startup_s": round(startup, 2),
        "prefect_share": round(1 - plain["total"] / flow_s, 3),
        "same_output": same,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
