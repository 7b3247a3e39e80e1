"""The error users see and the exit codes of the ``vngov`` command, shared by every subcommand.

Kept apart from ``flows.cli`` so that ``python -m flows.cli`` and the subcommand modules raise and
catch the very same class.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3  # the build succeeded but some inputs were skipped (see ingest_errors)


class CliError(Exception):
    """A problem to report in one line and exit non-zero."""
