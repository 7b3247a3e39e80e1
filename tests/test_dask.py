"""``vngov run --dask-address``: the batches run on a Dask cluster and give the very same files."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS, table_bytes

from flows import runners
from flows.cli import main
from flows.schemas import TABLES

COPIES = 4  # of each seed, so several batches of BATCH_SIZE and two months
BATCH_SIZE = 3
MONTHS = ("2025-06-12", "2025-07-03")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    import psutil

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        with distributed.Client(local, set_as_default=False) as client:
            pids = list(client.run(lambda: __import__("os").getpid()).values())
        yield local
    alive = [pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert not alive, f"Dask worker processes still running: {alive}"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles, each copied under several names with a distinct last line, in two months."""
    folder = tmp_path_factory.mktemp("dask-input")
    seeds = sorted(SEEDS.glob("*.txt"))
    for copy in range(COPIES):
        for seed in seeds:
            name = f"c{copy}_{seed.stem}"
            text = seed.read_text(encoding="utf-8").rstrip("\n") + f"\n\nCopy {copy} of this report.\n"
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            meta = {"published": MONTHS[copy % 2]}
            (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def _scheduler_task_prefixes(address: str) -> set[str]:
    import distributed

    def prefixes(dask_scheduler: object) -> list[str]:
        return list(dask_scheduler.task_prefixes)  # type: ignore[attr-defined]

    with distributed.Client(address, set_as_default=False) as client:
        return set(client.run_on_scheduler(prefixes))


# With no dashboard, the scheduler still serves its health routes, on loopback, 8787 if it is free.
@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
def test_dask_build_is_identical_to_local(
    prefect_harness: None, cluster: object, articles: Path, tmp_path: Path
) -> None:
    from flows.flow import build_dataset_with_workers

    address = cluster.scheduler_address  # type: ignore[attr-defined]
    local = build_dataset_with_workers(articles, tmp_path / "local", workers=1, batch_size=BATCH_SIZE)
    on_dask = build_dataset_with_workers(articles, tmp_path / "dask", dask_address=address, batch_size=BATCH_SIZE)

    assert local.valid and on_dask.valid
    assert on_dask.n_inputs == local.n_inputs == COPIES * len(list(SEEDS.glob("*.txt")))
    assert on_dask.rows == local.rows
    # The batches and months really ran on the cluster's workers.
    assert {"stage_batch", "assemble_partitions"} <= _scheduler_task_prefixes(address)
    months = {Path(rel).parent.name for rel in table_bytes(tmp_path / "dask", "articles")}
    assert months == {"published_month=2025-06", "published_month=2025-07"}
    for table in TABLES:
        expected = table_bytes(tmp_path / "local", table)
        assert expected, table
        assert table_bytes(tmp_path / "dask", table) == expected, table


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("unreachable", "cannot reach the Dask scheduler at tcp://127.0.0.1:"),
        ("http://127.0.0.1:8786", "scheme must be tcp:// or tls://"),
        ("tcp://127.0.0.1", "expected tcp://HOST:PORT"),
    ],
)
def test_bad_dask_address_is_one_line(
    address: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runners, "DASK_CONNECT_TIMEOUT_S", 2.0)
    if address == "unreachable":
        address = f"tcp://127.0.0.1:{_closed_port()}"
    code = main(["run", "--input", str(SEEDS), "--output", str(tmp_path / "out"), "--dask-address", address])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("vngov: error: ") and problem in err, err
    assert not (tmp_path / "out").exists()


def test_pooled_batch_size() -> None:
    assert runners.pooled_batch_size(10_000, 2) == 1250  # 4 per thread
    assert runners.pooled_batch_size(2_000, 2) == 1000  # no smaller than the overhead allows
    assert runners.pooled_batch_size(1_000, 2) == 500  # but every thread gets a batch
    assert runners.pooled_batch_size(1_000_000, 8) == 4000  # and none too big for a worker's memory
    assert runners.pooled_batch_size(2, 8) == 100
