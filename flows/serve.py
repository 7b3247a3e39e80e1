"""``vngov serve``: serve the scheduled deployments with Prefect's ``serve``.

``update`` (fetch, then build and validate when anything is new) runs on a cron schedule, hourly
by default; ``build`` (build only) has no schedule and runs when asked. Prefect's ephemeral mode
cannot schedule, so without ``PREFECT_API_URL`` a local Prefect server is started on 127.0.0.1
with its database under ``<state>/prefect``, and stopped on exit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flows.cli import EXIT_OK, CliError

DEFAULT_CRON = "0 * * * *"
# Seconds to wait for the local server; a loaded 2-core machine can need several times the usual ~6 s.
HEALTH_TIMEOUT = float(os.environ.get("VNGOV_SERVER_START_TIMEOUT", "90"))
STOP_TIMEOUT = 15.0


def register(subparsers: Any) -> None:
    from flows.fetch.cli import add_fetch_arguments

    parser = subparsers.add_parser("serve", help="run fetch → build → validate on a schedule (Prefect serve)")
    add_fetch_arguments(parser)
    parser.add_argument("--output", type=Path, default=Path("output"), help="output folder (default: output)")
    parser.add_argument(
        "--cron", default=DEFAULT_CRON, help=f'schedule of fetch+build, cron syntax, UTC (default: "{DEFAULT_CRON}")'
    )
    parser.add_argument("--port", type=int, default=0, help="port of the local Prefect server (default: a free one)")
    parser.set_defaults(handler=cmd_serve)


def build_deployments(
    sources: Path, state: Path, input_dir: Path | None, output: Path, cron: str = DEFAULT_CRON
) -> list[Any]:
    """The deployments ``vngov serve`` serves (paths made absolute: runs start in other processes)."""
    from prefect.types.entrypoint import EntrypointType

    from flows.fetch.flow import default_input, update_dataset
    from flows.flow import build_dataset

    state = state.resolve()
    input_dir = (input_dir or default_input(state)).resolve()
    update = update_dataset.to_deployment(
        name="update",
        cron=cron,
        parameters={
            "sources_file": str(sources.resolve()),
            "state_dir": str(state),
            "input_dir": str(input_dir),
            "output_dir": str(output.resolve()),
        },
        description="Fetch new articles, then build and validate the dataset.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    build = build_dataset.to_deployment(
        name="build",
        parameters={"input_dir": str(input_dir), "output_dir": str(output.resolve())},
        description="Build and validate the dataset from the articles fetched so far.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    return [update, build]


def cmd_serve(args: argparse.Namespace) -> int:
    from flows.fetch.cli import check_sources

    check_sources(args.sources)
    _check_cron(args.cron)
    args.state.mkdir(parents=True, exist_ok=True)
    from prefect.settings import get_current_settings

    api_url = os.environ.get("PREFECT_API_URL") or get_current_settings().api.url
    try:
        _serve(args, api_url)
    except KeyboardInterrupt:
        # Ctrl-C is how serving stops, also when it comes before Prefect's runner has taken over
        # the signal (the deployments are already registered by then).
        pass
    finally:
        print("vngov: stopped", flush=True)
    return EXIT_OK


def _serve(args: argparse.Namespace, api_url: str | None) -> None:
    with contextlib.ExitStack() as stack:
        if not api_url:
            api_url = stack.enter_context(local_server(args.state / "prefect", args.port))
            print(f"vngov: local Prefect server at {api_url} (UI {api_url.removesuffix('/api')})", flush=True)
        os.environ["PREFECT_API_URL"] = api_url  # also for the flow runs the runner starts
        from prefect import serve
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            deployments = build_deployments(args.sources, args.state, args.input, args.output, args.cron)
            print(f"vngov: serving {', '.join(d.name for d in deployments)}; update runs at cron {args.cron!r}")
            print("vngov: press Ctrl-C to stop", flush=True)
            serve(*deployments, print_starting_message=False)


def _check_cron(cron: str) -> None:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError:  # pydantic's ValidationError is a ValueError
        raise CliError(f"--cron: not a valid cron expression: {cron!r}") from None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def local_server(home: Path, port: int = 0) -> Iterator[str]:
    """A Prefect server on 127.0.0.1 with its SQLite database under ``home``; yields its API URL."""
    home = home.resolve()
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'prefect.db'}",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    env.pop("PREFECT_API_URL", None)
    log_path = home / "server.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # Ctrl-C reaches us, not the server: we stop it after the runner
            preexec_fn=_die_with_parent,
        )
    try:
        _wait_healthy(process, url, log_path)
        yield url
    finally:
        stop_process(process)


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM it if ``vngov serve`` is killed outright."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _wait_healthy(process: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    import httpx

    deadline = time.monotonic() + HEALTH_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
            raise CliError(f"the local Prefect server exited ({process.returncode}): {' '.join(tail)} (see {log_path})")
        try:
            if httpx.get(f"{url}/health", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise CliError(f"the local Prefect server at {url} was not healthy after {HEALTH_TIMEOUT:g} s (see {log_path})")


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
