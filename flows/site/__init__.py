"""``vngov site``: a static web site over an output folder (overview, charts, tables, evidence).

The site is plain files: HTML rendered at build time, SVG charts, one hand-written script and
style sheet, and the rows as ``data/*.js`` chunks that the pages load with ``<script>`` tags,
so it works opened from disk as well as from any static host, without a single network request.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from flows.cli import DEFAULT_OUTPUT

    site = subparsers.add_parser("site", help="write a static web site for an output folder (DIR/site)")
    site.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="output folder to read (default: output)")
    site.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: OUTPUT/site)")
    site.add_argument("--release", default=None, help="release version to show (default: from the manifest)")
    site.add_argument(
        "--download-base",
        default=None,
        help="URL or relative path of the folder holding the Parquet files (default: the output folder)",
    )
    site.set_defaults(handler=cmd_site)


def cmd_site(args: argparse.Namespace) -> int:
    from flows.cli import EXIT_OK, CliError
    from flows.site.build import SiteError, build_site

    try:
        report = build_site(args.output, args.site_dir, release=args.release, download_base=args.download_base)
    except SiteError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{exc.filename or args.output}: {exc.strerror or exc}") from None
    rows = ", ".join(f"{t} {n}" for t, n in report.rows.items())
    print(f"site written to {report.site_dir} ({report.n_files} files; {rows})")
    print(f"open {report.site_dir / 'index.html'}")
    return EXIT_OK
