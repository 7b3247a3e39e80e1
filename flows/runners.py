"""Where the flow's parallel tasks run: local threads, local processes, or an existing Dask cluster.

Only the submitted tasks (``stage_batch`` and ``assemble_partitions``) go to the task runner;
discovery, planning, validation and publishing stay in the flow's own process.

On a Dask cluster the workers open the input files and write the batch and month files
themselves, by the paths the flow gives them, and the flow then reads what they wrote. So the
input folder and the output folder must be reachable at the same paths from every worker and
from the machine running ``vngov run`` (a shared filesystem mounted at the same place; a
``LocalCluster`` on the same machine trivially satisfies this). The workers also need the
``vngov`` package installed (same version) and must reach the flow's Prefect API.
"""

from __future__ import annotations

import math
import os
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

# Schemes a Dask scheduler listens on that make sense for a remote cluster.
DASK_SCHEMES = ("tcp", "tls")
# How long to try reaching the scheduler, and to wait for at least one worker to join it.
DASK_CONNECT_TIMEOUT_S = 10.0
DASK_WORKER_WAIT_S = 10.0
# Batch size for worker processes, on a Dask cluster or local, when the user gives none. Measured
# on this 2-core machine (shared, load average 6-9), LocalCluster of 2 worker processes with 1
# thread each, timing inside a worker:
#   - one Prefect task run costs ~220 ms of worker CPU (230-420 ms wall) even when it does
#     nothing: the worker rebuilds Prefect's settings from the task's serialized context
#     (pydantic-settings, ~2/3 of it) and a new API client with its SSL context, then reports the
#     run's states to the API. Through the flow that is ~600-750 ms wall per no-op task, against
#     ~12 ms per task on local threads;
#   - ``stage_batch`` costs ~5 ms of CPU per article (4.6-6.1; 5-7 ms wall): read, extract, write.
# So one task's overhead is ~45 articles of work: 4.5 % of a 1,000-article batch, 18 % of 250.
# Hence batches of at least 1,000 articles, and about 4 per worker thread above that so that a slow
# worker or the last uneven batch leaves the others idle for at most ~1/4 of a thread's share.
# Batches are capped at 4,000 articles so that even 100,000 articles on two local processes make
# 25 tasks, enough to balance. An input too small for 1,000 per thread is split one batch per thread instead: the
# overhead is then paid in parallel, and the build finishes sooner than on fewer workers.
POOL_BATCHES_PER_THREAD = 4
POOL_MIN_BATCH = 1000
POOL_MAX_BATCH = 4000
POOL_SMALLEST_BATCH = 100
# Threads assumed if the scheduler reports workers without threads (not expected).
DASK_DEFAULT_THREADS = 4


class DaskClusterError(Exception):
    """The Dask address is malformed, or the cluster behind it cannot be used."""


def check_dask_address(address: str) -> str:
    """``address`` normalised to ``scheme://host:port``; ``DaskClusterError`` naming what is wrong."""
    from distributed.comm.addressing import parse_address, parse_host_port  # importing distributed takes seconds

    text = address.strip()
    if not text:
        raise DaskClusterError("--dask-address is empty; expected tcp://HOST:PORT")
    scheme, location = parse_address(text if "://" in text else f"tcp://{text}")
    if scheme not in DASK_SCHEMES:
        raise DaskClusterError(f"--dask-address {address!r}: scheme must be tcp:// or tls://, not {scheme}://")
    try:
        host, port = parse_host_port(location)
    except ValueError:
        raise DaskClusterError(f"--dask-address {address!r}: expected {scheme}://HOST:PORT") from None
    if not host or not isinstance(port, int) or not 0 < port < 65536:
        raise DaskClusterError(f"--dask-address {address!r}: expected {scheme}://HOST:PORT with a port 1-65535")
    return f"{scheme}://{location}"


@dataclass(frozen=True)
class DaskCluster:
    address: str
    threads: int  # worker threads, all workers together
    hosts: frozenset[str]  # the workers' host names or addresses


def probe_dask_cluster(address: str, shared: Sequence[Path] = (), timeout: float | None = None) -> DaskCluster:
    """Ask the scheduler at ``address`` for its workers, and each worker whether it sees the folders
    ``shared`` (absolute paths; for one that does not exist yet, its nearest existing parent) as
    this process does. Cheap: a connection and two round trips. Raises ``DaskClusterError`` if the
    scheduler cannot be reached, no worker joins it in time, or a worker misses a folder."""
    import distributed
    from distributed.comm.addressing import get_address_host

    timeout = DASK_CONNECT_TIMEOUT_S if timeout is None else timeout
    try:
        client = distributed.Client(address, timeout=f"{timeout:g}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DaskClusterError(f"cannot reach the Dask scheduler at {address}: {_first_line(exc)}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=DASK_WORKER_WAIT_S)
        except TimeoutError:
            raise DaskClusterError(
                f"the Dask scheduler at {address} has no workers (waited {DASK_WORKER_WAIT_S:g} s); "
                f"start some with `dask worker {address}`"
            ) from None
        expected = [_existing(path) for path in shared]
        for worker, seen in client.run(_directories, [str(p) for p in expected]).items():
            missing = [str(p) for p, ok in zip(expected, seen, strict=True) if not ok]
            if missing:
                raise DaskClusterError(
                    f"Dask worker {worker} does not see the folder {missing[0]}; the input and output folders "
                    "must be at the same paths on every worker (a shared filesystem)"
                )
        nthreads = client.nthreads()
        hosts = frozenset(get_address_host(worker) for worker in nthreads)
        return DaskCluster(address, sum(nthreads.values()) or DASK_DEFAULT_THREADS, hosts)
    finally:
        client.close()


@contextmanager
def prefect_api_for(cluster: DaskCluster) -> Iterator[None]:
    """Make sure the Dask workers report their task runs to the flow's Prefect API.

    With ``PREFECT_API_URL`` set, the workers get it with each task. Without it, Prefect would start a
    temporary API server in the flow's process and, separately, one in every worker process (tens
    of seconds each on a busy machine, each with its own idea of the runs). Instead the flow's
    temporary server is started here and its URL handed to the workers; it listens on loopback
    only, so this needs the workers on this machine; for workers elsewhere, run a Prefect server
    they can reach and set ``PREFECT_API_URL``.
    """
    from prefect.settings import PREFECT_API_URL

    remote = sorted(cluster.hosts - _local_hosts())
    if remote and not PREFECT_API_URL.value():
        raise DaskClusterError(
            f"Dask workers on {', '.join(remote)} cannot reach this process's temporary Prefect API; "
            "start a Prefect server they can reach (`prefect server start --host 0.0.0.0`) and set PREFECT_API_URL"
        )
    with shared_prefect_api():
        yield


@contextmanager
def shared_prefect_api() -> Iterator[None]:
    """One Prefect API for the flow and all its worker processes (local or Dask).

    Without ``PREFECT_API_URL`` every new process that runs a task starts a temporary API server of
    its own (measured here: a process pool of two took 15 s before its first task ran, 8 tasks of
    1 s took 21 s); the flow's temporary server is started here instead and its URL handed on.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the same one Prefect starts for the flow without an API URL
    server.start()
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


def _existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _directories(paths: list[str]) -> list[bool]:
    """Run on each worker."""
    return [os.path.isdir(path) for path in paths]


def _local_hosts() -> set[str]:
    hosts = {"localhost", "127.0.0.1", "::1", socket.gethostname(), socket.getfqdn()}
    with suppress(OSError):
        hosts.update(socket.gethostbyname_ex(socket.gethostname())[2])
    return hosts


def pooled_batch_size(n_inputs: int, threads: int) -> int:
    """Articles per ``stage_batch`` task for ``threads`` worker processes or threads (see above)."""
    threads = max(1, threads)
    size = min(POOL_MAX_BATCH, max(POOL_MIN_BATCH, math.ceil(n_inputs / (threads * POOL_BATCHES_PER_THREAD))))
    return max(POOL_SMALLEST_BATCH, min(size, math.ceil(n_inputs / threads)))


# Where the batches run, as a flow parameter can say it: "threads", "processes:<n>" or
# "dask:<scheduler address>".
THREADS = "threads"


def processes_spec(workers: int) -> str:
    return f"processes:{workers}"


def dask_spec(address: str) -> str:
    return f"dask:{address}"


def task_runner(spec: str) -> TaskRunner[Any]:
    """The task runner a runner spec names (see ``THREADS``)."""
    kind, _, arg = spec.partition(":")
    if kind == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=int(arg))
    if kind == "dask":
        # The existing cluster at ``arg``: the submitted tasks are sent there.
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=arg)
    if kind == THREADS:
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner()
    raise ValueError(f"unknown task runner {spec!r}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
