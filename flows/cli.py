"""The ``vngov`` command line: run the flow, query the output, describe the tables.

Every failure ends in one line naming the file and the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flows.errors import EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, CliError
from flows.remote import output_location

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_SKIPPED", "EXIT_USAGE", "CliError", "main"]

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTPUT = Path("output")

# Modules that add their own subcommands: each has ``register(subparsers)`` which adds a parser
# whose ``handler(args) -> int`` raises ``CliError`` for anything the user must fix.
COMMAND_MODULES: tuple[str, ...] = ("flows.fetch.cli", "flows.serve", "flows.release", "flows.download", "flows.site")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except CliError as exc:
        print(f"vngov: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("vngov: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: still one line, the traceback on request
        if os.environ.get("VNGOV_DEBUG"):
            raise
        print(
            f"vngov: internal error: {type(exc).__name__}: {exc} (set VNGOV_DEBUG=1 for the traceback)", file=sys.stderr
        )
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vngov", description="Build and query the vngov dataset.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract, validate and write the tables from a folder of articles")
    run.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="folder of articles (default: seeds)")
    run.add_argument(
        "--output",
        type=output_location,
        default=DEFAULT_OUTPUT,
        help="output folder, or an fsspec URL such as s3://bucket/prefix (default: output)",
    )
    run.add_argument(
        "--work-dir",
        type=Path,
        help="with a URL --output: local folder the build is made in (default: ~/.cache/vngov/<hash of the URL>)",
    )
    run.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="articles per task (default: 500; with --dask-address, chosen from the cluster's size)",
    )
    run.add_argument("--full", action="store_true", help="extract every article again, reusing nothing")
    run.add_argument(
        "--workers",
        type=int,
        default=0,
        help="processes for reading and extraction (default 0: one per core for large inputs, else threads)",
    )
    run.add_argument(
        "--dask-address",
        metavar="tcp://HOST:PORT",
        help="run extraction on this existing Dask cluster; its workers must see --input and --output "
        "at the same paths (a shared filesystem)",
    )
    run.set_defaults(handler=cmd_run)

    query = sub.add_parser("query", help="run a SQL query over the output tables")
    query.add_argument("sql", help='e.g. "SELECT name, title FROM officials"')
    query.add_argument(
        "--output", type=output_location, default=DEFAULT_OUTPUT, help="output folder or URL (default: output)"
    )
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.set_defaults(handler=cmd_query)

    tables = sub.add_parser("tables", help="describe the tables and their columns")
    tables.add_argument("table", nargs="?", help="only this table")
    tables.set_defaults(handler=cmd_tables)

    explain = sub.add_parser("explain", help="show an article with every extracted span marked")
    explain.add_argument("file", type=Path, help="a .txt article")
    explain.set_defaults(handler=cmd_explain)

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from flows.ingest import InputFolderError

    console = Console(stderr=False)
    if args.batch_size is not None and args.batch_size < 1:
        raise CliError("--batch-size must be at least 1")
    if not args.input.exists():
        raise CliError(f"{args.input}: input folder does not exist")
    if args.workers < 0:
        raise CliError("--workers must be 0 (automatic) or more")
    remote_url = _use_work_dir(args)  # a URL --output: build in a local work folder, publish it after
    from flows.flow import build_dataset_with_workers
    from flows.runners import DaskClusterError

    try:
        report = build_dataset_with_workers(
            args.input,
            args.output,
            workers=args.workers,
            dask_address=args.dask_address,
            batch_size=args.batch_size,
            progress=True,
            full=args.full,
        )
    except (InputFolderError, DaskClusterError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{exc.filename or args.output}: {exc.strerror or exc}") from None
    _print_summary(console, report)
    if remote_url:
        _publish(console, args.output, remote_url)
    if not report.valid:
        return EXIT_FAILED
    skipped = [e for e in report.ingest_errors if not e.problem.startswith("same text as")]
    return EXIT_SKIPPED if skipped else EXIT_OK


def _use_work_dir(args: argparse.Namespace) -> str | None:
    """With a URL ``--output``, check it is writable (before a long build) and point ``args.output``
    at the local work folder; returns the URL, or None for a local output folder."""
    from flows import remote

    work_dir = getattr(args, "work_dir", None)
    if not isinstance(args.output, str):
        if work_dir is not None:
            raise CliError("--work-dir is only used when --output is a URL")
        return None
    url = args.output
    remote.check_writable(url)
    args.output = work_dir or remote.default_work_dir(url)
    return url


def _publish(console: Any, work_dir: Path, url: str) -> None:
    from flows import remote

    done = remote.publish(work_dir, url)
    if done.build_id is None:
        console.print(f"nothing published to {url}: {work_dir} has no complete build")
    elif done.unchanged:
        console.print(f"{url} already has build {done.build_id}")
    else:
        console.print(
            f"Published build {done.build_id} to {url}: {len(done.uploaded)} files uploaded, "
            f"{len(done.copied)} copied from the previous build, {len(done.pruned)} old builds removed"
        )
        console.print(f'Query: vngov query "SELECT name, title FROM officials" --output {url}')
    for warning in done.warnings:
        print(f"vngov: warning: {warning}", file=sys.stderr)


def _print_summary(console: Any, report: Any) -> None:
    from rich.table import Table

    summary = Table(title=f"vngov build → {report.output_dir}", show_lines=False)
    for column in ("table", "rows", "validation", "file"):
        summary.add_column(column)
    for table, n in report.rows.items():
        result = report.validations[table]
        status = "[green]passed[/]" if result.success else "[red]FAILED[/]"
        if table in report.published:
            where = str(report.output_dir / table)
        elif table in report.quarantined:
            where = f"not published; rows in {report.quarantined[table]}"
        else:
            where = "not published (articles failed)"
        summary.add_row(table, str(n), status, where)
    console.print(summary)
    for error in report.ingest_errors:
        console.print(f"[yellow]skipped[/] {error.file}: {error.problem}")
    for result in report.validations.values():
        if not result.success:
            console.print(f"[red]validation failed[/] {result.summary()}")
    console.print(
        f"{report.n_inputs} input files; {report.n_extracted} articles extracted, "
        f"{report.n_reused} reused from the previous build"
    )
    console.print(f"Data Docs: {report.output_dir / 'docs' / 'index.html'}")
    console.print(f'Query: vngov query "SELECT name, title FROM officials" --output {report.output_dir}')


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    from flows.store import DATABASE

    if isinstance(args.output, str):  # a URL: views over its current build, read through fsspec
        from flows.remote import connect

        con = connect(args.output)
    else:
        db = args.output / DATABASE
        if not db.exists():
            raise CliError(f"{db}: no dataset database here; run `vngov run --output {args.output}` first")
        try:
            con = duckdb.connect(str(db), read_only=True)
        except duckdb.Error as exc:
            raise CliError(f"{db}: cannot open: {exc}") from None
    try:
        _check_read_only(con, args.sql)
        relation = con.sql(args.sql)
        if relation is None:
            return EXIT_OK
        frame = relation.df()
    except duckdb.Error as exc:
        raise CliError(f"query failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for column in frame.columns:
            table.add_column(str(column), overflow="fold")
        for record in frame.itertuples(index=False):
            table.add_row(*["" if v is None else str(v) for v in record])
        Console().print(table)
        print(f"({len(frame)} rows)")
    return EXIT_OK


def _check_read_only(con: Any, sql: str) -> None:
    """Only one SELECT (or EXPLAIN): a read-only database still lets COPY or ATTACH write files."""
    import duckdb

    kinds = [s.type for s in con.extract_statements(sql)]
    allowed = (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN)
    if len(kinds) != 1 or kinds[0] not in allowed:
        found = ", ".join(k.name for k in kinds) or "nothing"
        raise CliError(f"vngov query is read-only and runs one SELECT; got {found}")


def cmd_tables(args: argparse.Namespace) -> int:
    from flows.schemas import load_schemas

    schemas = load_schemas()
    if args.table and args.table not in schemas:
        raise CliError(f"no table {args.table!r}; tables: {', '.join(schemas)}")
    print(render_tables_doc([args.table] if args.table else list(schemas)))
    return EXIT_OK


def render_tables_doc(tables: list[str]) -> str:
    """The tables and their columns as Markdown (also what docs/tables.md holds)."""
    from flows.schemas import PARTITIONED_TABLES, load_schemas, partition_column

    schemas = load_schemas()
    out = []
    for name in tables:
        schema = schemas[name]
        out.append(f"## {name}\n\n{schema.description}\n")
        out.append("| column | type | null | description |\n| --- | --- | --- | --- |")
        extra = [partition_column()] if name in PARTITIONED_TABLES else []
        for col in [*schema.columns, *extra]:
            values = f" One of: {', '.join(col.values)}." if col.values else ""
            out.append(f"| `{col.name}` | {col.type} | {'yes' if col.nullable else 'no'} | {col.description}{values} |")
        out.append("")
    return "\n".join(out)


def cmd_explain(args: argparse.Namespace) -> int:
    from flows.explain import explain_file

    try:
        print(explain_file(args.file))
    except (OSError, ValueError) as exc:
        raise CliError(f"{args.file}: {exc}") from None
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
