"""A run killed with SIGKILL at any point leaves the last good build readable and consistent,
and the next run completes. The process kills itself at named points (``VNGOV_CRASH_AT``)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SEEDS, table_bytes

from flows.flow import build_dataset
from flows.schemas import TABLES
from flows.store import CRASH_ENV, check_consistency

# Publishes a visibly different build (one official fewer) over an existing output folder,
# through the same code path as the flow's publish stage.
PUBLISH_SCRIPT = """
import sys
from pathlib import Path
import pyarrow.parquet as pq
from flows import publish, store
from flows.schemas import TABLES
from flows.validate import TableValidation
out = Path(sys.argv[1])
previous = store.current_dir(out).resolve()
files = {t: entry["files"] for t, entry in store.read_manifest(out)["tables"].items()}
writer = store.BuildWriter(out)
for table in TABLES:
    for rel, entry in files[table].items():
        store.link_or_copy(previous / rel, writer.path / rel)
        writer.record(rel, entry)
officials = sorted(files["officials"])[0]
(writer.path / officials).unlink()
writer.write(officials, pq.read_table(previous / officials).slice(0, 1))
publish.publish(writer, {t: TableValidation(t, True, 0) for t in TABLES}, {})
"""


def _snapshot(output: Path) -> dict[str, dict[str, bytes]]:
    return {t: table_bytes(output, t) for t in TABLES}


def _readable(output: Path) -> dict[str, int]:
    con = duckdb.connect(str(output / "vngov.duckdb"), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def _publish(output: Path, crash_at: str | None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(CRASH_ENV, None)
    if crash_at:
        env[CRASH_ENV] = crash_at
    return subprocess.run([sys.executable, "-c", PUBLISH_SCRIPT, str(output)], env=env, capture_output=True, text=True)


@pytest.mark.parametrize("point", ["publish:table-written", "publish:before-switch"])
def test_killed_before_the_switch_leaves_the_previous_build(seeds_copy: Path, point: str) -> None:
    before = _snapshot(seeds_copy)
    assert _publish(seeds_copy, point).returncode == -signal.SIGKILL
    assert check_consistency(seeds_copy) == []
    assert _snapshot(seeds_copy) == before
    assert _readable(seeds_copy)["officials"] > 1

    finished = _publish(seeds_copy, None)
    assert finished.returncode == 0, finished.stderr
    assert check_consistency(seeds_copy) == [] and _readable(seeds_copy)["officials"] == 1
    assert not list((seeds_copy / "builds").glob(".*.partial")) and not list((seeds_copy / "builds").glob(".*.parts"))


def test_killed_after_the_switch_leaves_the_new_build(seeds_copy: Path) -> None:
    assert _publish(seeds_copy, "publish:after-switch").returncode == -signal.SIGKILL
    assert check_consistency(seeds_copy) == []
    assert _readable(seeds_copy)["officials"] == 1


def test_killed_during_extraction_changes_nothing(seeds_copy: Path, tmp_path: Path) -> None:
    before = _snapshot(seeds_copy)
    # A process of its own, with its own Prefect home, as a user's run would be.
    env = {**os.environ, CRASH_ENV: "extract", "PYTHONPATH": str(ROOT), "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "flows.cli", "run", "--full", "--input", str(SEEDS), "--output", str(seeds_copy)]
    log = tmp_path / "run.log"
    with log.open("w") as out:
        # Its own session, so that the Prefect API server it starts can be stopped with it; output to
        # a file, because that orphaned server would hold a pipe open.
        process = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            returncode = process.wait(timeout=300)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    assert returncode == -signal.SIGKILL, log.read_text()[-2000:]
    assert _snapshot(seeds_copy) == before
    assert _readable(seeds_copy)["articles"] == 2

    report = build_dataset(SEEDS, seeds_copy, full=True)
    assert report.valid and report.n_extracted == 2 and check_consistency(seeds_copy) == []
