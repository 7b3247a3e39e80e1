"""``vngov fetch``: fetch new articles from the sources file into the input folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from flows.cli import EXIT_OK, EXIT_SKIPPED, CliError

DEFAULT_SOURCES = Path("sources.yaml")
DEFAULT_STATE = Path("state")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("fetch", help="fetch new articles from the news sources into the input folder")
    add_fetch_arguments(parser)
    parser.add_argument("--retries", type=int, default=3, help="retries of a transient failure (default: 3)")
    parser.add_argument(
        "--retry-delay", type=float, default=10.0, help="seconds before the first retry; then 4× longer (default: 10)"
    )
    parser.set_defaults(handler=cmd_fetch)


def add_fetch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources", type=Path, default=DEFAULT_SOURCES, help="the sources file (default: sources.yaml)"
    )
    parser.add_argument(
        "--state", type=Path, default=DEFAULT_STATE, help="state folder: raw store, fetch state (default: state)"
    )
    parser.add_argument(
        "--input", type=Path, default=None, help="where articles are written (default: <state>/articles)"
    )


def check_sources(path: Path) -> int:
    """Validate the sources file up front so that a mistake is one line, not a failed flow run."""
    from flows.fetch.sources import SourcesError, load_sources

    try:
        return len(load_sources(path))
    except SourcesError as exc:
        raise CliError(str(exc)) from None


def cmd_fetch(args: argparse.Namespace) -> int:
    if args.retries < 0 or args.retry_delay < 0:
        raise CliError("--retries and --retry-delay must not be negative")
    if check_sources(args.sources) == 0:
        raise CliError(f"{args.sources}: no enabled sources")
    from flows.fetch.flow import default_input, fetch_articles

    input_dir = args.input or default_input(args.state)
    try:
        report = fetch_articles(args.sources, args.state, input_dir, args.retries, args.retry_delay)
    except ValueError as exc:  # an unreadable state file
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{exc.filename or args.state}: {exc.strerror or exc}") from None
    for url, reason in report.skipped:
        print(f"skipped {url}: {reason}")
    for where, problem in report.errors:
        print(f"error   {where}: {problem}")
    print(
        f"{report.n_new} new article(s) in {input_dir}, {len(report.merged)} syndicated copy(ies) merged, "
        f"{len(report.skipped)} skipped, {len(report.errors)} error(s), "
        f"{len(report.unchanged)} source(s) unchanged; {report.requests} request(s)"
    )
    return EXIT_SKIPPED if report.errors else EXIT_OK
