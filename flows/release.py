"""Dataset releases: an immutable, self-describing copy of the validated output.

``vngov release`` writes the published tables of an output folder into ``<releases>/<version>/``,
one Parquet file per table (the build's monthly partitions joined into one), with a single-file
DuckDB database, a Frictionless ``datapackage.json``, a dataset card, the validation results,
``CHANGES.md``/``changes.parquet`` against the previous release and ``SHA256SUMS``; packs the
folder into ``<releases>/vngov-<version>.tar.gz``; and rewrites ``<releases>/releases.json``, the
index that ``vngov download`` and DuckDB users read.

A release is built in a hidden staging folder and renamed into place only when complete, and an
existing version is never replaced, so a reader sees a whole release or none.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from flows import store
from flows.schemas import EXTRACTED_TABLES, TABLES, TableSchema, load_schemas
from flows.site.build import build_site

INDEX = "releases.json"
SUMS = "SHA256SUMS"
DATAPACKAGE = "datapackage.json"
CHANGES_MD = "CHANGES.md"
CHANGES_PARQUET = "changes.parquet"
CARD = "README.md"
CITATION = "CITATION.cff"
DATABASE = "vngov.duckdb"
SITE = "site"
VALIDATION = "validation"  # a copy of the output's docs/: GX Data Docs HTML and validation.json
BASE_URL_ENV = "VNGOV_RELEASE_BASE_URL"

TITLE = "vngov: how Vietnam is governed, from English-language news"
DESCRIPTION = (
    "Officials, government and Party bodies, counts of administrative units and deadlines, extracted "
    "by rules from English-language Vietnamese news articles. Every extracted row is grounded: it "
    "carries the article, the character offsets and the exact text it was read from."
)
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
# Calendar versions: 2025.06.30, then 2025.06.30.2 for a second release on the same day.
VERSION_RE = re.compile(r"^(\d{4})\.(\d{2})\.(\d{2})(?:\.([2-9]|[1-9]\d+))?$")
FRICTIONLESS_TYPES = {"string": "string", "int64": "integer", "date": "date"}
CHANGE_KINDS = ("added", "removed", "changed")
CHANGES_SCHEMA = pa.schema(
    [
        pa.field("table", pa.string(), nullable=False),
        pa.field("row_id", pa.string(), nullable=False),
        pa.field("change", pa.string(), nullable=False),
        pa.field("changed_columns", pa.list_(pa.string()), nullable=True),
    ]
)
# A release file's row groups: months are merged up to this size (or store.ROW_GROUP_ROWS rows), so
# many small months do not make many tiny row groups, while memory stays bounded for wide tables.
ROW_GROUP_BYTES = 64 * 1024**2
# Fixed archive metadata so that packing the same folder twice gives the same bytes.
ARCHIVE_MTIME = 0


class ReleaseError(Exception):
    """Something the user must fix before a release can be built (reported in one line)."""


# ---------------------------------------------------------------- versions


def parse_version(version: str) -> tuple[int, int, int, int]:
    """The sort key of a calendar version; raises ``ReleaseError`` for anything else."""
    match = VERSION_RE.match(version)
    if not match:
        raise ReleaseError(f"{version!r} is not a release version (YYYY.MM.DD, or YYYY.MM.DD.N for another that day)")
    year, month, day, n = match.groups()
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        raise ReleaseError(f"{version!r} is not a real date") from None
    return int(year), int(month), int(day), int(n or 1)


def list_releases(root: Path) -> list[str]:
    """The versions released under ``root``, oldest first. A folder counts once it has its SHA256SUMS
    (the last file written), so a staging folder or a stray directory is never mistaken for one."""
    if not root.is_dir():
        return []
    versions = [p.name for p in root.iterdir() if p.is_dir() and VERSION_RE.match(p.name) and (p / SUMS).is_file()]
    return sorted(versions, key=parse_version)


def next_version(root: Path, today: date) -> str:
    base = today.strftime("%Y.%m.%d")
    # A version is taken by a release, an archive or even a leftover folder: never reuse any of them.
    taken = {p.name.removeprefix("vngov-").removesuffix(".tar.gz") for p in root.glob(f"*{base}*")}
    if base not in taken:
        return base
    n = 2
    while f"{base}.{n}" in taken:
        n += 1
    return f"{base}.{n}"


# ---------------------------------------------------------------- the output to release


@dataclass
class ValidatedBuild:
    """The build a release is made from: its folder (``output/builds/<id>``, not ``output/current``)
    and its manifest."""

    folder: Path
    manifest: dict[str, Any]

    def files(self, table: str) -> dict[str, dict[str, Any]]:
        """The table's files as the manifest lists them: relative path → ``{rows, sha256}``."""
        return dict(self.manifest["tables"][table].get("files") or {})


def current_build(output_dir: Path) -> ValidatedBuild:
    """The current build, resolved once: a build finished while we release switches ``current``
    but cannot mix its files into ours, since everything is read from the folder resolved here."""
    folder = store.current_dir(output_dir).resolve()
    try:
        manifest = json.loads((folder / store.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    return ValidatedBuild(folder, manifest if isinstance(manifest, dict) else {})


def check_output(output_dir: Path) -> ValidatedBuild:
    """Refuse an output folder that is not a complete, validated build; returns that build.

    Three records must agree: the manifest (written when tables are published), ``validation.json``
    (rewritten by every run, so it also catches a later run that failed before publishing anything)
    and ``quarantine/`` (holds the rows of any table whose latest validation failed). Then every file
    of every table must be one the manifest lists, with the hash it had when it was validated."""
    build = current_build(output_dir)
    manifest = build.manifest
    if not manifest.get("tables"):
        raise ReleaseError(f"{output_dir}: no validated build here (no {store.MANIFEST}); run `vngov run` first")
    if manifest.get("failed_tables"):
        failed = ", ".join(manifest["failed_tables"])
        raise ReleaseError(f"{output_dir}: the last build failed validation ({failed}); fix it and rebuild first")
    quarantined = sorted(p.stem for p in (output_dir / store.QUARANTINE).glob("*.parquet"))
    if quarantined:
        raise ReleaseError(f"{output_dir}: tables in quarantine ({', '.join(quarantined)}); the build is not valid")
    validation_file = output_dir / "docs" / "validation.json"
    try:
        validation = json.loads(validation_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ReleaseError(f"{validation_file}: missing or unreadable validation results; rebuild first") from None
    for table in TABLES:
        if table not in manifest["tables"]:
            raise ReleaseError(f"{output_dir}: table {table} was never published; rebuild first")
        if not validation.get(table, {}).get("success"):
            raise ReleaseError(f"{output_dir}: {table} did not pass validation in the last run; fix it and rebuild")
        if "files" not in manifest["tables"][table]:
            raise ReleaseError(f"{output_dir}: built before tables were partitioned by month; rebuild first")
        check_table_files(build, table)
    return build


def check_table_files(build: ValidatedBuild, table: str) -> None:
    """Every file in the table's folder is listed in the manifest with its hash, and vice versa:
    a file added after validation would otherwise show up in ``output/vngov.duckdb`` but not in the
    release, or the other way round."""
    listed = build.files(table)
    for rel in listed:
        if PurePosixPath(rel).parts[:1] != (table,) or ".." in PurePosixPath(rel).parts:
            raise ReleaseError(f"{build.folder / store.MANIFEST}: {rel!r} is not a file of {table}; rebuild")
    on_disk = {p.relative_to(build.folder).as_posix() for p in (build.folder / table).rglob("*") if not p.is_dir()}
    unlisted = sorted(on_disk - set(listed))
    if unlisted:
        raise ReleaseError(f"{build.folder / unlisted[0]}: not in {store.MANIFEST} (added after validation); rebuild")
    for rel, entry in listed.items():
        path = build.folder / rel
        if not path.is_file():
            raise ReleaseError(f"{path}: missing; rebuild first")
        if sha256_file(path) != entry["sha256"]:
            raise ReleaseError(f"{path}: changed since it was validated (hash differs from {store.MANIFEST}); rebuild")


# ---------------------------------------------------------------- building a release


@dataclass
class TableDiff:
    table: str
    rows: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    changed_columns: dict[str, int] = field(default_factory=dict)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)


@dataclass
class ReleaseResult:
    version: str
    path: Path
    archive: Path
    previous: str | None
    diffs: list[TableDiff]


def build_release(
    output_dir: Path,
    releases_root: Path,
    version: str | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
) -> ReleaseResult:
    """Build ``releases_root/<version>`` (and its archive) from a validated output folder."""
    now = now or datetime.now(UTC)
    build = check_output(output_dir)
    releases_root.mkdir(parents=True, exist_ok=True)
    version = version or next_version(releases_root, now.date())
    parse_version(version)
    final = releases_root / version
    archive = releases_root / f"vngov-{version}.tar.gz"
    if final.exists() or archive.exists():
        raise ReleaseError(f"{final}: release {version} already exists; releases are never overwritten")
    previous = [v for v in list_releases(releases_root) if parse_version(v) < parse_version(version)]
    previous_version = previous[-1] if previous else None

    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", suffix=".partial", dir=releases_root))
    try:
        schemas = load_schemas()
        for table in TABLES:
            consolidate(build, table, schemas[table], staging / f"{table}.parquet")
        write_database(staging, schemas)
        shutil.copytree(output_dir / "docs", staging / VALIDATION)
        diffs = write_changes(staging, releases_root / previous_version if previous_version else None, schemas)
        (staging / CHANGES_MD).write_text(changes_markdown(version, previous_version, diffs), encoding="utf-8")
        facts = dataset_facts(staging)
        (staging / CARD).write_text(dataset_card(version, now, facts, diffs, base_url), encoding="utf-8")
        (staging / CITATION).write_text(citation_cff(version, now), encoding="utf-8")
        # Every release carries its own browsable site, its links pointing at the files beside it.
        build_site(output_dir, staging / SITE, release=version, download_base="..")
        package = datapackage(staging, version, now, facts, schemas)
        (staging / DATAPACKAGE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        write_sums(staging)  # last: its presence marks the folder complete

        tmp_archive = staging.with_suffix(".tar.gz.tmp")
        try:
            pack(staging, version, tmp_archive)
            # link() refuses to replace an existing file, so a concurrent release of the same
            # version cannot be overwritten between the check above and here.
            try:
                os.link(tmp_archive, archive)
            except FileExistsError:
                raise ReleaseError(f"{archive}: already exists; releases are never overwritten") from None
        finally:
            with suppress(FileNotFoundError):
                tmp_archive.unlink()
        try:
            os.rename(staging, final)  # refuses a non-empty target: never overwrites a release
        except OSError:
            archive.unlink()
            raise ReleaseError(f"{final}: already exists; releases are never overwritten") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_index(releases_root, base_url)
    return ReleaseResult(version, final, archive, previous_version, diffs)


def consolidate(build: ValidatedBuild, table: str, schema: TableSchema, target: Path) -> None:
    """Write one table of the build, all its month partitions in order, as the single file a release
    holds, with exactly the schema's columns (the partition column lives only in the build's paths).

    Streamed a file and a row group at a time, so a large build is never whole in memory. Each file
    is read once and its hash checked on those very bytes before any of its rows is used, so what is
    released is what was validated even if the build is changed while we read it."""
    arrow_schema = schema.arrow_schema()
    pending: list[pa.Table] = []  # row groups not yet written, merged so that small months share one
    rows = 0
    with pq.ParquetWriter(target, arrow_schema, **store.PARQUET_OPTIONS) as writer:
        for rel, entry in build.files(table).items():
            path = build.folder / rel
            try:
                data = path.read_bytes()
            except OSError:
                raise ReleaseError(f"{path}: disappeared while releasing; try again") from None
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise ReleaseError(f"{path}: changed while releasing; try again")
            source = pq.ParquetFile(pa.BufferReader(data))
            for i in range(source.num_row_groups):
                try:
                    group = store.conform(source.read_row_group(i), arrow_schema)
                except (KeyError, pa.ArrowException) as exc:
                    raise ReleaseError(f"{path}: does not match the {table} schema ({exc}); rebuild") from None
                pending.append(group)
                rows += group.num_rows
                if (
                    sum(t.nbytes for t in pending) >= ROW_GROUP_BYTES
                    or sum(len(t) for t in pending) >= store.ROW_GROUP_ROWS
                ):
                    writer.write_table(pa.concat_tables(pending), row_group_size=store.ROW_GROUP_ROWS)
                    pending = []
        if pending:
            writer.write_table(pa.concat_tables(pending), row_group_size=store.ROW_GROUP_ROWS)
    expected = build.manifest["tables"][table]["rows"]
    if rows != expected:
        raise ReleaseError(f"{build.folder / table}: {rows} rows where {store.MANIFEST} lists {expected}; rebuild")


def write_database(folder: Path, schemas: dict[str, TableSchema]) -> None:
    """One DuckDB file holding the tables themselves (not views over Parquet), with their keys and
    descriptions, so that a user can download or ``ATTACH`` a single file."""
    con = duckdb.connect(str(folder / DATABASE))
    try:
        for table in TABLES:  # articles first: the other tables' foreign keys point into it
            schema = schemas[table]
            columns = [f'"{c.name}" {c.type.upper().replace("INT64", "BIGINT")}' for c in schema.columns]
            columns = [
                f"{col}{'' if c.nullable else ' NOT NULL'}" for col, c in zip(columns, schema.columns, strict=True)
            ]
            keys = [f"PRIMARY KEY ({', '.join(schema.primary_key)})"]
            if table in EXTRACTED_TABLES:
                keys.append("FOREIGN KEY (article_id) REFERENCES articles (article_id)")
            con.execute(f"CREATE TABLE {table} ({', '.join(columns + keys)})")
            path = _sql_str(str(folder / f"{table}.parquet"))
            con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet({path})")
            con.execute(f"COMMENT ON TABLE {table} IS {_sql_str(schema.description)}")
            for c in schema.columns:
                con.execute(f'COMMENT ON COLUMN {table}."{c.name}" IS {_sql_str(c.description)}')
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        raise ReleaseError(f"building {DATABASE}: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    # DuckDB may leave a write-ahead log beside the file; after CHECKPOINT it holds nothing.
    with suppress(FileNotFoundError):
        (folder / f"{DATABASE}.wal").unlink()


# ---------------------------------------------------------------- changes against the previous release


def write_changes(folder: Path, previous: Path | None, schemas: dict[str, TableSchema]) -> list[TableDiff]:
    """``changes.parquet``: one row per row added, removed or changed, keyed by each table's primary
    key (stable content ids), sorted so that the same two releases always give the same file."""
    rows: list[dict[str, Any]] = []
    diffs = []
    con = duckdb.connect()
    try:
        for table in TABLES:
            new = folder / f"{table}.parquet"
            old = previous / f"{table}.parquet" if previous else None
            diff, table_rows = diff_table(con, table, schemas[table].primary_key, new, old)
            diffs.append(diff)
            rows.extend(table_rows)
    finally:
        con.close()
    order = {t: i for i, t in enumerate(TABLES)}
    rows.sort(key=lambda r: (order[r["table"]], CHANGE_KINDS.index(r["change"]), r["row_id"]))
    pq.write_table(pa.Table.from_pylist(rows, schema=CHANGES_SCHEMA), folder / CHANGES_PARQUET, **store.PARQUET_OPTIONS)
    return diffs


def diff_table(
    con: duckdb.DuckDBPyConnection, table: str, key: tuple[str, ...], new: Path, old: Path | None
) -> tuple[TableDiff, list[dict[str, Any]]]:
    con.execute(f"CREATE OR REPLACE TEMP VIEW new AS SELECT * FROM read_parquet({_sql_str(str(new))})")
    new_columns = [r[0] for r in con.execute("DESCRIBE new").fetchall()]
    n_rows = _scalar(con, "SELECT count(*) FROM new")
    diff = TableDiff(table=table, rows=n_rows)
    if old is None or not old.is_file():
        old_columns: list[str] = []
        con.execute("CREATE OR REPLACE TEMP VIEW old AS SELECT * FROM new WHERE false")
    else:
        con.execute(f"CREATE OR REPLACE TEMP VIEW old AS SELECT * FROM read_parquet({_sql_str(str(old))})")
        old_columns = [r[0] for r in con.execute("DESCRIBE old").fetchall()]
        diff.columns_added = [c for c in new_columns if c not in old_columns]
        diff.columns_removed = [c for c in old_columns if c not in new_columns]
    if old_columns and not all(k in old_columns for k in key):
        # The key itself changed: rows cannot be matched, so every row is new.
        con.execute("CREATE OR REPLACE TEMP VIEW old AS SELECT * FROM new WHERE false")
        old_columns = []
    rows: list[dict[str, Any]] = []
    on = " AND ".join(f"n.{_q(k)} = o.{_q(k)}" for k in key)
    for change, sql in (
        ("added", f"SELECT {_row_id('n', key)} FROM new n ANTI JOIN old o ON {on}"),
        ("removed", f"SELECT {_row_id('o', key)} FROM old o ANTI JOIN new n ON {on}"),
    ):
        ids = [r[0] for r in con.execute(sql).fetchall()]
        rows.extend({"table": table, "row_id": i, "change": change, "changed_columns": None} for i in ids)
        setattr(diff, change, len(ids))
    compared = [c for c in new_columns if c in old_columns and c not in key]
    if compared:
        flags = ", ".join(f"CASE WHEN n.{_q(c)} IS DISTINCT FROM o.{_q(c)} THEN {_sql_str(c)} END" for c in compared)
        # concat_ws skips NULLs: the names of the columns that differ (none has a comma in it).
        sql = f"""
            SELECT id, cols FROM (
                SELECT {_row_id("n", key)} AS id, concat_ws(',', {flags}) AS cols
                FROM new n JOIN old o ON {on}
            ) WHERE cols <> '' """
        for id_, joined in con.execute(sql).fetchall():
            cols = joined.split(",")
            rows.append({"table": table, "row_id": id_, "change": "changed", "changed_columns": cols})
            for c in cols:
                diff.changed_columns[c] = diff.changed_columns.get(c, 0) + 1
            diff.changed += 1
    return diff, rows


def changes_markdown(version: str, previous: str | None, diffs: list[TableDiff]) -> str:
    lines = [f"# Changes in vngov {version}", ""]
    if previous is None:
        lines += ["The first release: every row is new.", ""]
    else:
        lines += [f"Compared with the previous release, {previous}. Rows are matched by their stable ids.", ""]
    lines += ["| table | rows | added | removed | changed |", "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {d.table} | {d.rows} | {d.added} | {d.removed} | {d.changed} |" for d in diffs]
    lines.append("")
    for d in diffs:
        notes = []
        if d.columns_added:
            notes.append(f"new columns: {', '.join(d.columns_added)}")
        if d.columns_removed:
            notes.append(f"columns removed: {', '.join(d.columns_removed)}")
        if d.changed_columns:
            counts = ", ".join(f"{c} ({n})" for c, n in sorted(d.changed_columns.items()))
            notes.append(f"changed values in: {counts}")
        if notes:
            lines.append(f"- **{d.table}**: " + "; ".join(notes))
    if any(d.changed_columns or d.columns_added or d.columns_removed for d in diffs):
        lines.append("")
    lines += [
        f"Every added, removed and changed row is listed in `{CHANGES_PARQUET}` "
        "(`table`, `row_id`, `change`, `changed_columns`), e.g.:",
        "",
        "```sql",
        f"SELECT c.change, o.* FROM '{CHANGES_PARQUET}' c JOIN 'officials.parquet' o ON o.row_id = c.row_id",
        "WHERE c.table = 'officials';",
        "```",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- metadata: datapackage, card, citation


@dataclass
class Facts:
    rows: dict[str, int]
    first_published: date | None
    last_published: date | None
    articles_dated: int
    outlets: list[str]


def dataset_facts(folder: Path) -> Facts:
    con = duckdb.connect()
    try:
        rows = {
            t: _scalar(con, f"SELECT count(*) FROM read_parquet({_sql_str(str(folder / f'{t}.parquet'))})")
            for t in TABLES
        }
        articles = _sql_str(str(folder / "articles.parquet"))
        first, last, dated = con.execute(
            f"SELECT min(published), max(published), count(published) FROM read_parquet({articles})"
        ).fetchone() or (None, None, 0)
        outlets = [
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT outlet FROM read_parquet({articles}) WHERE outlet IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
    finally:
        con.close()
    return Facts(rows, first, last, int(dated), outlets)


def table_schema(schema: TableSchema) -> dict[str, Any]:
    """A Frictionless Table Schema for one table, from its ``schemas/*.yaml``."""
    fields = []
    for c in schema.columns:
        constraints: dict[str, Any] = {"required": not c.nullable}
        if c.unique:
            constraints["unique"] = True
        if c.values:
            constraints["enum"] = list(c.values)
        fields.append(
            {
                "name": c.name,
                "type": FRICTIONLESS_TYPES[c.type],
                "description": c.description,
                "constraints": constraints,
            }
        )
    out: dict[str, Any] = {"fields": fields, "primaryKey": list(schema.primary_key)}
    if schema.name in EXTRACTED_TABLES:
        out["foreignKeys"] = [
            {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}
        ]
    return out


def changes_table_schema() -> dict[str, Any]:
    return {
        "fields": [
            {
                "name": "table",
                "type": "string",
                "description": "The table the row is in.",
                "constraints": {"required": True, "enum": list(TABLES)},
            },
            {
                "name": "row_id",
                "type": "string",
                "description": "The row's primary key (a JSON array of values for a composite key).",
                "constraints": {"required": True},
            },
            {
                "name": "change",
                "type": "string",
                "description": "What happened to the row since the previous release.",
                "constraints": {"required": True, "enum": list(CHANGE_KINDS)},
            },
            {
                "name": "changed_columns",
                "type": "array",
                "description": "For a changed row, the columns whose values differ.",
            },
        ],
        "primaryKey": ["table", "row_id"],
    }


def _resource(folder: Path, name: str, path: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    file = folder / path
    return {
        "name": name,
        "type": "table",
        "path": path,
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        # frictionless (5.x) reads Parquet with pyarrow, bypassing the byte counter its ``bytes``
        # check compares against, so a standard ``bytes`` here would fail every `frictionless
        # validate`; the size goes in a custom property. ``hash`` is checked by `vngov verify`.
        "x-bytes": file.stat().st_size,
        "hash": f"sha256:{sha256_file(file)}",
        "description": description,
        "schema": schema,
    }


def _file_resource(folder: Path, name: str, path: str, fmt: str, mediatype: str, description: str) -> dict[str, Any]:
    file = folder / path
    return {
        "name": name,
        "type": "file",
        "path": path,
        "format": fmt,
        "mediatype": mediatype,
        "bytes": file.stat().st_size,
        "hash": f"sha256:{sha256_file(file)}",
        "description": description,
    }


def datapackage(
    folder: Path, version: str, now: datetime, facts: Facts, schemas: dict[str, TableSchema]
) -> dict[str, Any]:
    sources = [{"title": outlet, "path": f"https://{outlet}"} for outlet in facts.outlets] or [
        {"title": "English-language Vietnamese news articles; each article's source and url are in the articles table"}
    ]
    resources = [_resource(folder, t, f"{t}.parquet", schemas[t].description, table_schema(schemas[t])) for t in TABLES]
    resources.append(
        _resource(
            folder,
            "changes",
            CHANGES_PARQUET,
            "Rows added, removed or changed since the previous release.",
            changes_table_schema(),
        )
    )
    resources.append(
        _file_resource(
            folder,
            "database",
            DATABASE,
            "duckdb",
            "application/vnd.duckdb",
            "The same tables in one DuckDB database, with their keys and column descriptions.",
        )
    )
    return {
        "name": "vngov",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version,
        "created": now.isoformat(timespec="seconds"),
        "licenses": [LICENSE],
        "sources": sources,
        "keywords": ["Vietnam", "government", "officials", "administrative units", "news"],
        "contributors": [{"title": "vngov contributors", "role": "author"}],
        "resources": resources,
    }


def dataset_card(version: str, now: datetime, facts: Facts, diffs: list[TableDiff], base_url: str | None) -> str:
    schemas = load_schemas()
    if facts.first_published:
        covered = (
            f"{facts.rows['articles']} articles; {facts.articles_dated} of them dated, published between "
            f"{facts.first_published} and {facts.last_published}"
        )
    else:
        covered = f"{facts.rows['articles']} articles, none with a known publication date"
    outlets = f" from {', '.join(facts.outlets)}" if facts.outlets else ""
    table_rows = "\n".join(f"| `{t}` | {facts.rows[t]} | {schemas[t].description} |" for t in TABLES)
    where = f"{base_url.rstrip('/')}/{version}" if base_url else "."
    changed = sum(d.added + d.removed + d.changed for d in diffs)
    return f"""# vngov {version}

{DESCRIPTION}

Released {now.date().isoformat()}. Covers {covered}{outlets}. {changed} rows differ from the previous release
(see `CHANGES.md`).

## What is in it

| table | rows | what a row is |
| --- | ---: | --- |
{table_rows}

Each table is a Parquet file (`<table>.parquet`); `vngov.duckdb` holds the same tables with their keys and
column descriptions in one DuckDB file. `datapackage.json` describes every column (Frictionless Data Package);
`changes.parquet` lists the rows added, removed or changed since the previous release; `validation/` holds the
Great Expectations results (`validation.json`) and their Data Docs (`index.html`); `SHA256SUMS` lists a hash
for every file.

## Query it

```sql
ATTACH '{where}/vngov.duckdb' AS vngov (READ_ONLY);
SELECT name, title, body FROM vngov.officials;
SELECT * FROM read_parquet('{where}/officials.parquet');
```

Check the files with `sha256sum -c SHA256SUMS` or `vngov verify <folder>`.

## How it was made

Articles are read from text, HTML or JSON Lines files and decoded; an article is identified by the hash of
its text, so the same text under two names is one article (`ingest_errors` lists merged and skipped inputs).
Rule-based extractors with curated vocabularies (titles, bodies, places, units, dates) find officials,
bodies, unit counts and deadlines; every extracted row records the character offsets of the words it was
read from, and `text[char_start:char_end] == surface` is checked for every row. Each table is validated
against a Great Expectations suite generated from its schema; a release is only built from output in which
every table passed. Row ids are hashes of the row's content, so the same row keeps its id across releases.

## Known limits

- Only English-language reporting is covered, and only the articles that were collected; absence from the
  data is not evidence that something did not happen.
- Extraction is rule-based: it misses phrasings its rules do not know and can attach a title or locality
  wrongly. Check a row against its `evidence` sentence before relying on it.
- Publication dates come from metadata where present, otherwise they are inferred from the text or unknown
  (`articles.published_basis`); dates without a year are resolved against the publication date.
- People and bodies are identified by their folded names: two people with the same name share an id.
- Titles are as the article states them at the time of writing, not a verified record of office.

## Cite

vngov contributors ({now.year}). *{TITLE}*, version {version}. Dataset, licensed CC BY 4.0.
See `CITATION.cff`.

## Licence

The data is licensed under the [Creative Commons Attribution 4.0 International licence]({LICENSE["path"]})
(CC-BY-4.0); the article texts quoted in `articles.text` and `evidence` remain the work of their publishers
and are included for verification. The code that builds it is MIT-licensed.
"""


def citation_cff(version: str, now: datetime) -> str:
    return f"""cff-version: 1.2.0
message: "If you use this dataset, please cite it as below."
type: dataset
title: "{TITLE}"
version: "{version}"
date-released: "{now.date().isoformat()}"
license: CC-BY-4.0
authors:
  - name: "vngov contributors"
abstract: "{DESCRIPTION}"
keywords:
  - Vietnam
  - government
  - officials
  - administrative units
"""


# ---------------------------------------------------------------- hashes, archive, index


sha256_file = store.sha256_of  # one hashing routine for builds and releases


def release_files(folder: Path) -> list[str]:
    """Every regular file under ``folder`` as a sorted POSIX relative path (SHA256SUMS excluded)."""
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sorted(f for f in files if f != SUMS)


def write_sums(folder: Path) -> None:
    """``SHA256SUMS`` in the format ``sha256sum -c`` reads: hash, two spaces, relative path."""
    lines = [f"{sha256_file(folder / f)}  {f}\n" for f in release_files(folder)]
    (folder / SUMS).write_text("".join(lines), encoding="utf-8")


def read_sums(folder: Path) -> dict[str, str]:
    sums = {}
    for n, line in enumerate((folder / SUMS).read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not name:
            raise ReleaseError(f"{folder / SUMS}: line {n} is not '<sha256>  <file>'")
        sums[name.removeprefix("*")] = digest
    return sums


def pack(folder: Path, version: str, archive: Path) -> None:
    """A reproducible ``.tar.gz`` of the folder under a top directory named after the version
    (so member paths equal the paths in ``releases.json``): regular files only, sorted, with
    fixed owners, modes and times."""
    names = [*release_files(folder), SUMS]
    # Every directory on the way to every file, parents first, so a plain `tar x` recreates the tree.
    directories = sorted({p.as_posix() for n in names for p in Path(n).parents if p != Path(".")})
    with (
        open(archive, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=ARCHIVE_MTIME) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        tar.addfile(_tarinfo(version, tarfile.DIRTYPE, 0, 0o755))
        for directory in directories:
            tar.addfile(_tarinfo(f"{version}/{directory}", tarfile.DIRTYPE, 0, 0o755))
        for name in names:
            data = (folder / name).read_bytes()
            tar.addfile(_tarinfo(f"{version}/{name}", tarfile.REGTYPE, len(data), 0o644), io.BytesIO(data))
    with open(archive, "rb") as f:
        os.fsync(f.fileno())


def _tarinfo(name: str, kind: bytes, size: int, mode: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mode, info.mtime = kind, size, mode, ARCHIVE_MTIME
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _file_entry(root: Path, relative: str, base_url: str | None, digest: str | None = None) -> dict[str, Any]:
    path = root / relative
    return {
        "path": relative,
        "url": f"{base_url.rstrip('/')}/{relative}" if base_url else None,
        "bytes": path.stat().st_size,
        "sha256": digest or sha256_file(path),
    }


def build_index(root: Path, base_url: str | None = None) -> dict[str, Any]:
    """The index of every release under ``root``, newest first. Each file is hashed again and
    checked against the release's SHA256SUMS, so a release altered after it was built is refused
    rather than republished with new hashes."""
    releases = []
    for version in reversed(list_releases(root)):
        folder = root / version
        sums = read_sums(folder)
        present = release_files(folder)
        if sorted(sums) != present:
            raise ReleaseError(f"{folder}: files differ from its {SUMS}; the release was altered")
        files = []
        for name in present:
            entry = _file_entry(root, f"{version}/{name}", base_url)
            if entry["sha256"] != sums[name]:
                raise ReleaseError(f"{folder / name}: hash differs from {SUMS}; the release was altered")
            files.append(entry)
        files.append(_file_entry(root, f"{version}/{SUMS}", base_url))
        archive_name = f"vngov-{version}.tar.gz"
        package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
        releases.append(
            {
                "version": version,
                "created": package.get("created"),
                "path": f"{version}/",
                "archive": _file_entry(root, archive_name, base_url) if (root / archive_name).is_file() else None,
                "files": files,
                "tables": {
                    r["name"]: {"path": f"{version}/{r['path']}", "url": _url(base_url, f"{version}/{r['path']}")}
                    for r in package.get("resources", [])
                    if r.get("type") == "table"
                },
                "database": {"path": f"{version}/{DATABASE}", "url": _url(base_url, f"{version}/{DATABASE}")},
            }
        )
    return {
        "name": "vngov",
        "title": TITLE,
        "license": LICENSE["name"],
        "base_url": base_url,
        "latest": releases[0]["version"] if releases else None,
        "releases": releases,
    }


def write_index(root: Path, base_url: str | None = None) -> Path:
    """Rewrite ``releases.json``; without a base URL the one already in the index is kept."""
    if base_url is None and (root / INDEX).is_file():
        with suppress(OSError, ValueError, AttributeError):
            base_url = json.loads((root / INDEX).read_text(encoding="utf-8")).get("base_url")
    index = build_index(root, base_url)
    final = root / INDEX
    fd, tmp = tempfile.mkstemp(prefix=f".{INDEX}.", suffix=".tmp", dir=root)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(index, indent=2) + "\n")
    os.replace(tmp, final)
    return final


def _url(base_url: str | None, relative: str) -> str | None:
    return f"{base_url.rstrip('/')}/{relative}" if base_url else None


def _row_id(alias: str, key: tuple[str, ...]) -> str:
    """The SQL for a row's id: its key, or for a composite key (ingest_errors: source, problem) a
    JSON array of the key's values."""
    if len(key) == 1:
        return f"{alias}.{_q(key[0])}::VARCHAR"
    return f"to_json([{', '.join(f'{alias}.{_q(k)}' for k in key)}])::VARCHAR"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


# ---------------------------------------------------------------- command line


def register(subparsers: Any) -> None:
    from flows.cli import DEFAULT_OUTPUT

    parser = subparsers.add_parser("release", help="build an immutable, downloadable release from the validated output")
    parser.add_argument("--version", help="calendar version YYYY.MM.DD[.N] (default: today, numbered if taken)")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="the validated output folder (default: output)"
    )
    parser.add_argument("--releases", type=Path, help="releases root (default: <output>/releases)")
    parser.add_argument(
        "--base-url",
        default=os.environ.get(BASE_URL_ENV),
        help=f"public URL of the releases root, for the file URLs in {INDEX} (default: ${BASE_URL_ENV})",
    )
    parser.set_defaults(handler=cmd_release)


def cmd_release(args: argparse.Namespace) -> int:
    from rich.console import Console

    from flows.cli import EXIT_OK, CliError

    root = args.releases or args.output / "releases"
    try:
        result = build_release(args.output, root, version=args.version, base_url=args.base_url)
    except ReleaseError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{exc.filename or root}: {exc.strerror or exc}") from None
    console = Console()
    console.print(f"released vngov {result.version} → {result.path}")
    console.print(f"archive: {result.archive} ({result.archive.stat().st_size} bytes)")
    since = f"since {result.previous}" if result.previous else "(first release)"
    for d in result.diffs:
        console.print(f"  {d.table}: {d.rows} rows; +{d.added} −{d.removed} ~{d.changed} {since}")
    console.print(f"index: {root / INDEX}")
    return EXIT_OK
