"""Fixture articles with their expected rows: one case per file, one test per case.

A case is ``tests/fixtures/<table>/<case>.txt`` (the article) and ``<case>.json``:

    {"published": "2025-06-16",            # optional, ISO date
     "rows": [{"name": "To Lam", "title": "General Secretary"}]}

The extracted rows, reduced to the keys the expected rows use, must equal the expected rows
exactly (as a set): a missing row and an extra row both fail.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from flows.extract.base import Article

FIXTURES = Path(__file__).parent / "fixtures"


def cases(table: str) -> list[Any]:
    folder = FIXTURES / table
    return [pytest.param(p, id=p.stem) for p in sorted(folder.glob("*.txt"))]


def load_case(path: Path) -> tuple[Article, list[dict[str, Any]]]:
    spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    published = date.fromisoformat(spec["published"]) if spec.get("published") else None
    article = Article(article_id=f"fixture-{path.stem}", text=path.read_text(encoding="utf-8"), published=published)
    return article, spec["rows"]


def project(rows: list[dict[str, Any]], keys: list[str]) -> set[tuple[Any, ...]]:
    return {tuple(str(row.get(k)) if row.get(k) is not None else None for k in keys) for row in rows}


def assert_rows_match(article: Article, extracted: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    for row in extracted:
        assert article.text[row["char_start"] : row["char_end"]] == row["surface"], row
    keys = sorted({k for row in expected for k in row}) or ["char_start"]
    got, want = project(extracted, keys), project(expected, keys)
    assert got == want, f"missing: {sorted(want - got, key=str)}\nextra: {sorted(got - want, key=str)}"
