"""Process-wide settings applied before Prefect or GX are imported: quiet, offline, no telemetry."""

from __future__ import annotations

import os

QUIET_OFFLINE_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "GX_ANALYTICS_ENABLED": "false",
    # The ephemeral API server can take longer than the default to start on a busy 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def apply() -> None:
    for key, value in QUIET_OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
