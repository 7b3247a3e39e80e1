"""Build the static site from an output folder.

Layout of the site folder::

    index.html      overview and charts (rendered here; charts are inline SVG, also in charts/)
    table.html      every table, sorted, filtered and paged in the page (static/site.js)
    row.html        one row: its evidence sentence with the span highlighted, and its article
    entity.html     a person or body: all their rows across articles
    article.html    one article with every extracted span marked
    data/meta.js    table descriptions, columns, row counts and filter choices
    data/<table>/<k>.js     rows (arrays, one per row) in chunks of CHUNK_ROWS, evidence left out
    data/<table>/e<k>.js    the evidence of the same rows: [sentence, span start, span end]
    data/text/<xx>.js       article texts and their spans, bucketed by the first two hex digits of article_id

Data files are JavaScript (``vngov.chunk(...)``) rather than JSON because a page opened from disk
may not ``fetch`` its neighbours but may always load a script.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from jinja2 import Environment, FileSystemLoader, select_autoescape

from flows import store
from flows.schemas import EXTRACTED_TABLES, TABLES, load_schemas
from flows.site import charts

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
CHUNK_ROWS = 5000
PAGES = ("index.html", "table.html", "row.html", "entity.html", "article.html")

# Which columns each table's filters use: kind (a select), locality (a select), and the date
# range a row covers (for the from/to inputs). "published" is the article's publication date,
# added to every extracted row.
FILTERS: dict[str, dict[str, Any]] = {
    "articles": {"kind": "outlet", "locality": None, "date": ["published", "published"]},
    "officials": {"kind": None, "locality": None, "date": ["published", "published"]},
    "bodies": {"kind": "kind", "locality": "locality", "date": ["published", "published"]},
    "unit_counts": {"kind": "unit_kind", "locality": "locality", "date": ["published", "published"]},
    "deadlines": {"kind": "kind", "locality": None, "date": ["date_start", "date_end"]},
    "ingest_errors": {"kind": "action", "locality": None, "date": None},
}
# Columns shown in the table view, in order (the others stay in the data and on the row page).
DISPLAY: dict[str, list[str]] = {
    "articles": ["published", "title", "outlet", "n_rows", "n_chars", "source", "article_id"],
    "officials": ["name", "title", "body", "surface", "published", "article_id"],
    "bodies": ["name", "kind", "locality", "name_as_written", "published", "article_id"],
    "unit_counts": ["count", "unit", "unit_kind", "locality", "change", "surface", "published", "article_id"],
    "deadlines": ["when", "kind", "what", "precision", "surface", "published", "article_id"],
    "ingest_errors": ["source", "problem", "action"],
}
# The column that names an entity with its own page, and the id column that identifies it.
ENTITIES: dict[str, tuple[str, str]] = {"officials": ("name", "person_id"), "bodies": ("name", "body_id")}


class SiteError(Exception):
    """The output folder cannot be turned into a site (one line for the user)."""


@dataclass
class SiteReport:
    site_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    n_files: int = 0


def build_site(
    output_dir: Path,
    site_dir: Path | None = None,
    *,
    release: str | None = None,
    download_base: str | None = None,
) -> SiteReport:
    """Write the site for ``output_dir`` into ``site_dir`` (default ``output_dir/site``), replacing
    any previous site only once the new one is complete."""
    output_dir = Path(output_dir)
    site_dir = Path(site_dir) if site_dir else output_dir / "site"
    if not output_dir.is_dir():
        raise SiteError(f"{output_dir}: output folder does not exist; run `vngov run --output {output_dir}` first")
    if not _table_sources(output_dir, "articles"):
        raise SiteError(f"{output_dir}: no articles table here; run `vngov run --output {output_dir}` first")
    tables = {t: _read_table(output_dir, t) for t in TABLES}
    manifest = _read_manifest(output_dir)
    validation = _read_validation(output_dir)
    if download_base is None:
        download_base = Path(os.path.relpath(output_dir.resolve(), site_dir.resolve())).as_posix()

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        n_files = _write_site(tmp, tables, manifest, validation, release, download_base.rstrip("/") or ".")
        old = None
        if site_dir.exists():
            old = site_dir.with_name(f".{site_dir.name}.old.{os.getpid()}")
            os.replace(site_dir, old)
        os.replace(tmp, site_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return SiteReport(site_dir=site_dir, rows={t: len(rows) for t, rows in tables.items()}, n_files=n_files)


def _table_sources(folder: Path, table: str) -> list[Path]:
    """A release holds ``<table>.parquet``; a build output holds ``<table>/`` with a file per month."""
    single = folder / f"{table}.parquet"
    return [single] if single.is_file() else store.table_files(folder, table)


def _read_table(output_dir: Path, table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in _table_sources(output_dir, table):
        try:
            rows += pq.read_table(path).to_pylist()
        except Exception as exc:  # pyarrow raises several types for a damaged file
            raise SiteError(f"{path}: cannot read: {exc}") from None
    return rows


def _read_manifest(output_dir: Path) -> dict[str, Any]:
    for path in (output_dir / store.MANIFEST, output_dir / "current" / store.MANIFEST):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError, ValueError):
            continue
        if isinstance(manifest, dict):
            return manifest
    return {}


def _read_validation(output_dir: Path) -> dict[str, dict[str, Any]]:
    """Per table: success and expectation counts, from docs/validation.json when present."""
    path = output_dir / "docs" / "validation.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    out = {}
    for table, result in raw.items() if isinstance(raw, dict) else []:
        if not isinstance(result, dict):
            continue
        stats = result.get("statistics") or {}
        out[table] = {
            "success": bool(result.get("success")),
            "evaluated": int(stats.get("evaluated_expectations") or 0),
            "passed": int(stats.get("successful_expectations") or 0),
        }
    return out


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _write_site(
    root: Path,
    tables: dict[str, list[dict[str, Any]]],
    manifest: dict[str, Any],
    validation: dict[str, dict[str, Any]],
    release: str | None,
    download_base: str,
) -> int:
    schemas = load_schemas()
    articles = tables["articles"]
    by_article = {a["article_id"]: a for a in articles}
    published = {a["article_id"]: _iso(a.get("published")) for a in articles}
    n_rows: Counter[str] = Counter()
    for table in EXTRACTED_TABLES:
        n_rows.update(r["article_id"] for r in tables[table])

    files = 0
    meta_tables: dict[str, Any] = {}
    spans: dict[str, list[list[Any]]] = defaultdict(list)
    for table in TABLES:
        rows = tables[table]
        schema = schemas[table]
        columns = [c for c in schema.column_names if c not in ("evidence", "text")]
        if table in EXTRACTED_TABLES:
            columns.append("published")
        if table == "articles":
            columns.append("n_rows")
        data_rows = []
        evidence = []
        for i, row in enumerate(rows):
            if table in EXTRACTED_TABLES:
                row = {**row, "published": published.get(row["article_id"])}
                evidence.append(_evidence(row, by_article.get(row["article_id"])))
                spans[row["article_id"]].append([table, i, row["char_start"], row["char_end"]])
            elif table == "articles":
                row = {**row, "n_rows": n_rows[row["article_id"]]}
            data_rows.append([_iso(row.get(c)) for c in columns])
        n_chunks = max(1, -(-len(rows) // CHUNK_ROWS))
        for k in range(n_chunks):
            part = slice(k * CHUNK_ROWS, (k + 1) * CHUNK_ROWS)
            files += _write_js(root / "data" / table / f"{k}.js", "chunk", table, k, data_rows[part])
            if table in EXTRACTED_TABLES:
                files += _write_js(root / "data" / table / f"e{k}.js", "evidence", table, k, evidence[part])
        descriptions = {c.name: c.description for c in schema.columns}
        descriptions["published"] = descriptions.get("published", "Publication date of the row's article.")
        descriptions["n_rows"] = "Rows extracted from the article, over all tables."
        filters = FILTERS[table]
        meta_tables[table] = {
            "description": schema.description,
            "columns": columns,
            "display": DISPLAY[table],
            "descriptions": descriptions,
            "n": len(rows),
            "chunks": n_chunks,
            "chunk_rows": CHUNK_ROWS,
            "extracted": table in EXTRACTED_TABLES,
            "entity": list(ENTITIES[table]) if table in ENTITIES else None,
            "filters": {
                "kind": filters["kind"],
                "locality": filters["locality"],
                "date": filters["date"],
                "kinds": _choices(rows, filters["kind"]),
                "localities": _choices(rows, filters["locality"]),
            },
        }

    buckets: dict[str, dict[str, Any]] = defaultdict(dict)
    for a in articles:
        aid = a["article_id"]
        buckets[_bucket(aid)][aid] = {
            "title": a.get("title"),
            "url": a.get("url"),
            "outlet": a.get("outlet"),
            "source": a.get("source"),
            "published": _iso(a.get("published")),
            "published_basis": a.get("published_basis"),
            "text": a.get("text") or "",
            "spans": spans.get(aid, []),
        }
    for bucket, records in buckets.items():
        files += _write_js(root / "data" / "text" / f"{bucket}.js", "texts", bucket, records)

    built_at = manifest.get("built_at") or datetime.now(UTC).isoformat(timespec="seconds")
    version = release or manifest.get("version") or manifest.get("release")
    files += _write_js(
        root / "data" / "meta.js",
        "meta",
        {"tables": meta_tables, "order": list(TABLES), "built_at": built_at, "version": version},
    )

    summary = _summary(tables, manifest, validation, built_at, version, download_base)
    chart_svgs = charts.all_charts(tables, built_at[:10])
    (root / "charts").mkdir(parents=True, exist_ok=True)
    for name, svg in chart_svgs.items():
        (root / "charts" / f"{name}.svg").write_text(svg, encoding="utf-8")
        files += 1

    static = root / "static"
    static.mkdir(parents=True, exist_ok=True)
    for asset in sorted(STATIC.iterdir()):
        if asset.is_file():
            shutil.copyfile(asset, static / asset.name)
            files += 1

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    context = {"s": summary, "charts": chart_svgs, "tables": TABLES}
    for page in PAGES:
        html = env.get_template(page).render(page=page.removesuffix(".html"), **context)
        (root / page).write_text(html, encoding="utf-8")
        files += 1
    return files


def _evidence(row: dict[str, Any], article: dict[str, Any] | None) -> list[Any]:
    """[sentence, span start, span end] with the span's offsets inside the sentence."""
    sentence: str = row.get("evidence") or ""
    surface: str = row.get("surface") or ""
    start = -1
    text = (article or {}).get("text") or ""
    if sentence and text:
        # the occurrence of the sentence that contains the span
        at = text.rfind(sentence, 0, row["char_start"] + 1)
        if at >= 0 and at + len(sentence) >= row["char_end"]:
            start = row["char_start"] - at
    if start < 0 or sentence[start : start + len(surface)] != surface:
        start = sentence.find(surface) if surface else -1
    if start < 0:
        return [sentence, None, None]
    return [sentence, start, start + len(surface)]


def _choices(rows: list[dict[str, Any]], column: str | None) -> list[list[Any]]:
    """Distinct values of a column with their row counts, most frequent first."""
    if not column:
        return []
    counts = Counter(r.get(column) for r in rows if r.get(column) is not None)
    return [[v, n] for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))]


def _bucket(article_id: str) -> str:
    return (article_id[:2] or "00").lower()


def _write_js(path: Path, function: str, *args: Any) -> int:
    """Write ``vngov.<function>(arg, ...);``, each argument as JSON with ``<`` escaped, so nothing
    in the data can close a script element or open a comment even if the file is ever inlined."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"), default=str) for a in args)
    body = body.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    path.write_text(f"vngov.{function}({body});\n", encoding="utf-8")
    return 1


def _summary(
    tables: dict[str, list[dict[str, Any]]],
    manifest: dict[str, Any],
    validation: dict[str, dict[str, Any]],
    built_at: str,
    version: str | None,
    download_base: str,
) -> dict[str, Any]:
    schemas = load_schemas()
    dates = sorted(_iso(a["published"]) for a in tables["articles"] if a.get("published"))
    failed = list(manifest.get("failed_tables") or [])
    rows = []
    for table in TABLES:
        v = validation.get(table)
        rows.append(
            {
                "name": table,
                "description": schemas[table].description,
                "rows": len(tables[table]),
                "validation": v,
                "failed": table in failed,
                "download": f"{download_base}/{table}.parquet",
            }
        )
    evaluated = sum(v["evaluated"] for v in validation.values())
    passed = sum(v["passed"] for v in validation.values())
    valid = bool(validation) and all(v["success"] for v in validation.values()) and not failed
    return {
        "version": version,
        "built_at": built_at,
        "n_articles": len(tables["articles"]),
        "n_dated": len(dates),
        "date_from": dates[0] if dates else None,
        "date_to": dates[-1] if dates else None,
        "outlets": len({a.get("outlet") for a in tables["articles"] if a.get("outlet")}),
        "n_people": len({r["person_id"] for r in tables["officials"]}),
        "n_bodies": len({r["body_id"] for r in tables["bodies"]}),
        "n_rows": sum(len(tables[t]) for t in EXTRACTED_TABLES),
        "tables": rows,
        "valid": valid,
        "has_validation": bool(validation),
        "evaluated": evaluated,
        "passed": passed,
        "failed_tables": failed,
        "download_base": download_base,
    }
