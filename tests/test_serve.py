"""``vngov serve`` starts a local Prefect server, registers its scheduled deployments and stops
cleanly on Ctrl-C (one test with a real server; about 15–30 s)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _wait_for(predicate, timeout: float, what: str, log: Path):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; output:\n{log.read_text()}")


def test_serve_registers_schedules_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        yaml.safe_dump({"sources": [{"name": "t", "url": "http://127.0.0.1:9/feed.xml", "kind": "feed"}]}),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "home"), PREFECT_LOGGING_LEVEL="WARNING", DO_NOT_TRACK="1")
    env["VNGOV_SERVER_START_TIMEOUT"] = "240"
    env["PREFECT_SERVER_UI_ENABLED"] = "false"  # the UI is not under test and slows the start
    log = tmp_path / "serve.log"
    cmd = [sys.executable, "-m", "flows.cli", "serve", "--sources", str(sources), "--state", str(tmp_path / "state")]
    cmd += ["--output", str(tmp_path / "output"), "--cron", "*/5 * * * *"]
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:

        def api_url() -> str | None:
            for line in log.read_text().splitlines():
                if "local Prefect server at " in line:
                    return line.split("local Prefect server at ")[1].split()[0]
            assert process.poll() is None, log.read_text()
            return None

        api = _wait_for(api_url, 120, "the local server", log)  # ~10 s on an idle machine
        assert api.startswith("http://127.0.0.1:")

        def deployments() -> dict[str, dict] | None:
            try:
                found = httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json()
            except httpx.HTTPError:
                return None
            return {d["name"]: d for d in found} if len(found) == 2 else None

        registered = _wait_for(deployments, 60, "the deployments", log)
        assert set(registered) == {"update", "build"}
        crons = [s["schedule"]["cron"] for s in registered["update"]["schedules"]]
        assert crons == ["*/5 * * * *"] and registered["build"]["schedules"] == []
        assert registered["update"]["parameters"]["sources_file"] == str(sources.resolve())
        assert (tmp_path / "state" / "prefect" / "prefect.db").exists()

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, log.read_text()
        assert "vngov: stopped" in log.read_text()
        try:
            httpx.get(f"{api}/health", timeout=2)
            raise AssertionError("the local Prefect server is still up")
        except httpx.HTTPError:
            pass
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
