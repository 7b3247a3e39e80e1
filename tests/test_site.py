"""The static site builder (`vngov site`): files, data chunks, evidence offsets, charts, escaping.

The browser tests (test_site_browser.py) check the same site in headless Chromium."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from conftest import n_rows, table_rows

from flows.cli import main
from flows.schemas import EXTRACTED_TABLES, TABLES, load_schemas, to_arrow
from flows.site import build as site_build
from flows.site import charts
from flows.site.build import SiteError, build_site


def read_js(path: Path) -> list[Any]:
    """The arguments of the one ``vngov.<fn>(...)`` call a data file holds."""
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(r"vngov\.\w+\((.*)\);\n", text, re.S)
    assert match, path
    return list(json.loads(f"[{match.group(1)}]"))


def write_output(folder: Path, tables: dict[str, list[dict[str, Any]]], validation: bool = True) -> Path:
    """An output folder as `vngov run` writes it, from rows (missing tables are empty)."""
    schemas = load_schemas()
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        pq.write_table(to_arrow(tables.get(table, []), schemas[table]), folder / f"{table}.parquet")
    counts = {t: {"rows": len(tables.get(t, []))} for t in TABLES}
    manifest = {"built_at": "2026-01-02T03:04:05+00:00", "tables": counts, "failed_tables": []}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if validation:
        (folder / "docs").mkdir(exist_ok=True)
        stats = {"evaluated_expectations": 3, "successful_expectations": 3}
        results = {t: {"success": True, "statistics": stats} for t in TABLES}
        (folder / "docs" / "validation.json").write_text(json.dumps(results), encoding="utf-8")
    return folder


def synthesise_output(source: Path, target: Path, copies: int) -> Path:
    """A bigger output folder made of ``copies`` copies of every article of ``source`` (each with a
    new id and publication date) and of all their rows: people and bodies keep their ids, so their
    pages gather rows from many articles."""
    tables = {t: table_rows(source, t) for t in TABLES}
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    day0 = date(2024, 1, 1)
    for j in range(copies):
        ids = {}
        for a in tables["articles"]:
            new_id = hashlib.sha256(f"{a['article_id']}/{j}".encode()).hexdigest()[:16]
            ids[a["article_id"]] = new_id
            out["articles"].append(
                {**a, "article_id": new_id, "source": f"{j}/{a['source']}", "published": day0 + timedelta(days=j % 700)}
            )
        for table in EXTRACTED_TABLES:
            for r in tables[table]:
                out[table].append({**r, "row_id": f"{r['row_id']}_{j}", "article_id": ids[r["article_id"]]})
    for table in EXTRACTED_TABLES:
        out[table].sort(key=lambda r: (r["article_id"], r["char_start"], r["char_end"], r["row_id"]))
    out["articles"].sort(key=lambda r: r["article_id"])
    write_output(target, out)
    shutil.copytree(source / "docs", target / "docs", dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def seeds_site(seeds_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("seeds-site") / "site"
    build_site(seeds_build, site)
    return site


def test_site_has_every_page_chart_and_data_file(seeds_site: Path, seeds_build: Path) -> None:
    for page in site_build.PAGES:
        assert (seeds_site / page).is_file(), page
    for chart in ("deadlines", "unit_counts", "bodies", "officials", "articles"):
        assert (seeds_site / "charts" / f"{chart}.svg").is_file(), chart
    assert (seeds_site / "static" / "site.js").is_file() and (seeds_site / "static" / "site.css").is_file()
    (meta,) = read_js(seeds_site / "data" / "meta.js")
    for table in TABLES:
        n = n_rows(seeds_build, table)
        assert meta["tables"][table]["n"] == n, table
        rows = read_js(seeds_site / "data" / table / "0.js")[2]
        assert len(rows) == n
        assert all(len(r) == len(meta["tables"][table]["columns"]) for r in rows)
        assert set(meta["tables"][table]["display"]) <= set(meta["tables"][table]["columns"])


def test_no_asset_or_request_leaves_the_site(seeds_site: Path) -> None:
    """Every src/href of the pages is relative (article source links live in the data only), and
    neither the style sheet nor the script names a remote address."""
    for page in seeds_site.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert not re.match(r"(?i)^(https?:)?//", attr), (page.name, attr)
    css = (seeds_site / "static" / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css
    js = (seeds_site / "static" / "site.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://(?!/)", js.replace("^https?:\\/\\/", "")), "no remote address in site.js"
    assert "fetch(" not in js and "XMLHttpRequest" not in js


def test_evidence_offsets_point_at_the_surface(seeds_site: Path, seeds_build: Path) -> None:
    (meta,) = read_js(seeds_site / "data" / "meta.js")
    for table in EXTRACTED_TABLES:
        columns = meta["tables"][table]["columns"]
        rows = read_js(seeds_site / "data" / table / "0.js")[2]
        evidence = read_js(seeds_site / "data" / table / "e0.js")[2]
        assert len(rows) == len(evidence) > 0
        for row, (sentence, start, end) in zip(rows, evidence, strict=True):
            assert sentence[start:end] == row[columns.index("surface")], (table, row)


def test_article_texts_carry_every_span(seeds_site: Path, seeds_build: Path) -> None:
    texts: dict[str, Any] = {}
    for path in (seeds_site / "data" / "text").glob("*.js"):
        texts.update(read_js(path)[1])
    articles = table_rows(seeds_build, "articles")
    assert set(texts) == {a["article_id"] for a in articles}
    n_spans = sum(len(t["spans"]) for t in texts.values())
    assert n_spans == sum(n_rows(seeds_build, t) for t in EXTRACTED_TABLES)
    for record in texts.values():
        for table, i, start, end in record["spans"]:
            assert table in EXTRACTED_TABLES and i >= 0 and 0 <= start < end <= len(record["text"])


def test_charts_are_svg_with_marks_and_labelled_axes(seeds_site: Path) -> None:
    html = (seeds_site / "index.html").read_text(encoding="utf-8")
    for chart in ("deadlines", "unit_counts", "bodies", "officials", "articles"):
        svg = (seeds_site / "charts" / f"{chart}.svg").read_text(encoding="utf-8")
        root = ET.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.find(f"{ns}title") is not None and root.find(f"{ns}title").text, chart  # type: ignore[union-attr]
        marks = [e for e in root.iter() if e.get("class") == "mark"]
        assert marks, f"{chart} chart draws nothing"
        assert f'data-chart="{chart}"' in html


def test_overview_shows_counts_validation_and_downloads(seeds_site: Path, seeds_build: Path) -> None:
    html = (seeds_site / "index.html").read_text(encoding="utf-8")
    assert "✓ valid" in html
    for table in TABLES:
        assert f"{table}.parquet" in html
    n_bodies = n_rows(seeds_build, "bodies")
    assert f">{n_bodies}<" in html


def test_unit_count_chart_pairs_before_and_after() -> None:
    rows = [
        {"count": 526, "unit_kind": "commune", "locality": "Hanoi", "change": "before"},
        {"count": 126, "unit_kind": "commune", "locality": "Hanoi", "change": "after"},
        {"count": 63, "unit_kind": "province", "locality": None, "change": "before"},
        {"count": 34, "unit_kind": "province", "locality": None, "change": "after"},
        {"count": 30, "unit_kind": "district", "locality": "Hanoi", "change": None},
    ]
    svg = charts.unit_count_changes(rows)
    ET.fromstring(svg)
    assert "526 → 126 (-76%)" in svg and "63 → 34" in svg and "30 (stated)" in svg
    assert "Hanoi · commune" in svg and "Vietnam (national) · province" in svg


def test_deadline_chart_draws_periods_as_bars_and_points_as_marks() -> None:
    rows = [
        {"kind": "period", "when": "2025/2030", "date_start": date(2025, 1, 1), "date_end": date(2030, 12, 31)},
        {"kind": "deadline", "when": "2025-07-01", "date_start": date(2025, 7, 1), "date_end": date(2025, 7, 1)},
    ]
    root = ET.fromstring(charts.deadlines_timeline(rows, "2025-06-01"))
    ns = "{http://www.w3.org/2000/svg}"
    assert len([e for e in root.iter(f"{ns}rect") if e.get("class") == "mark"]) == 1
    assert len([e for e in root.iter(f"{ns}circle") if e.get("class") == "mark"]) == 1
    texts = {e.text for e in root.iter(f"{ns}text")}
    assert {"Year", "2025", "2030", "period", "deadline"} <= texts


def test_empty_tables_still_give_a_site(tmp_path: Path) -> None:
    article = {
        "article_id": "ab" * 8, "source": "a.txt", "url": None, "title": None, "outlet": None, "published": None,
        "published_basis": "unknown", "sha256": "0" * 64, "n_chars": 5, "text": "Hello",
    }  # fmt: skip
    out = write_output(tmp_path / "out", {"articles": [article]}, validation=False)
    report = build_site(out)
    assert report.rows["officials"] == 0
    html = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "No deadlines in this build" in html and "unchecked" in html


def test_article_text_is_escaped_everywhere(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    text = f"Mr {evil} said so. Nguyen Van A, Chairman of the Hanoi People's Committee, spoke."
    aid = "cd" * 8
    article = {
        "article_id": aid, "source": "x.txt", "url": "javascript:alert(1)", "title": f"Title {evil}",
        "outlet": evil, "published": date(2025, 1, 2), "published_basis": "meta", "sha256": "0" * 64,
        "n_chars": len(text), "text": text,
    }  # fmt: skip
    start = text.index(evil)
    body = {
        "row_id": "bodies_1", "body_id": "body_1", "name": evil, "name_ascii": evil, "name_as_written": evil,
        "kind": "other", "locality": evil, "article_id": aid, "char_start": start, "char_end": start + len(evil),
        "surface": evil, "evidence": f"Mr {evil} said so.",
    }  # fmt: skip
    out = write_output(tmp_path / "out", {"articles": [article], "bodies": [body]})
    build_site(out)
    site = out / "site"
    for path in [*site.glob("*.html"), *site.glob("charts/*.svg"), *site.glob("data/**/*.js")]:
        content = path.read_text(encoding="utf-8")
        assert "<script>alert" not in content, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (site / "charts" / "bodies.svg").read_text(encoding="utf-8")
    texts = read_js(next((site / "data" / "text").glob("*.js")))[1]
    assert texts[aid]["title"] == f"Title {evil}"  # the data keeps it as it was; the pages insert it as text


def test_chunks_split_large_tables(seeds_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_build, "CHUNK_ROWS", 4)
    site = tmp_path / "site"
    build_site(seeds_build, site)
    (meta,) = read_js(site / "data" / "meta.js")
    for table in EXTRACTED_TABLES:
        n = meta["tables"][table]["n"]
        assert meta["tables"][table]["chunks"] == max(1, -(-n // 4))
        rows = [
            r for k in range(meta["tables"][table]["chunks"]) for r in read_js(site / "data" / table / f"{k}.js")[2]
        ]
        assert len(rows) == n


def test_synthesised_bigger_output(seeds_build: Path, tmp_path: Path) -> None:
    out = synthesise_output(seeds_build, tmp_path / "big", copies=30)
    report = build_site(out)
    assert report.rows["articles"] == 60
    (meta,) = read_js(out / "site" / "data" / "meta.js")
    assert meta["tables"]["bodies"]["n"] == 30 * n_rows(seeds_build, "bodies")
    assert "2024-01-01" in (out / "site" / "index.html").read_text(encoding="utf-8")


def test_cli_builds_the_site_and_reports_problems_in_one_line(
    seeds_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["site", "--output", str(seeds_copy)]) == 0
    assert (seeds_copy / "site" / "index.html").is_file()
    (seeds_copy / "site" / "stale.txt").write_text("old", encoding="utf-8")
    assert main(["site", "--output", str(seeds_copy)]) == 0
    assert not (seeds_copy / "site" / "stale.txt").exists(), "a rebuild replaces the old site"
    assert main(["site", "--output", str(seeds_copy), "--site-dir", str(tmp_path / "elsewhere")]) == 0
    assert (tmp_path / "elsewhere" / "table.html").is_file()
    capsys.readouterr()
    assert main(["site", "--output", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    with pytest.raises(SiteError):
        build_site(tmp_path)
