"""The schema files are the single source: suites, Parquet schemas and docs must agree with them."""

from __future__ import annotations

import json
from pathlib import Path

from tools_path import suite_for

from flows.cli import render_tables_doc
from flows.schemas import TABLES, load_schemas
from flows.validate import EXPECTATIONS_DIR

ROOT = Path(__file__).resolve().parents[1]


def test_every_table_has_a_schema_with_described_columns() -> None:
    schemas = load_schemas()
    assert list(schemas) == list(TABLES)
    for schema in schemas.values():
        assert schema.description.strip()
        for column in schema.columns:
            assert column.description.strip(), (schema.name, column.name)
            assert column.type in ("string", "int64", "date"), (schema.name, column.name)
        assert set(schema.primary_key) <= set(schema.column_names)


def test_every_table_has_a_suite_that_matches_its_schema() -> None:
    for table, schema in load_schemas().items():
        suite = json.loads((EXPECTATIONS_DIR / f"{table}.json").read_text(encoding="utf-8"))
        assert suite == suite_for(table), f"expectations/{table}.json is stale: run tools/build_expectations.py"
        first = suite["expectations"][0]
        assert first["type"] == "expect_table_columns_to_match_ordered_list"
        assert first["kwargs"]["column_list"] == schema.column_names
        not_null = {
            e["kwargs"]["column"] for e in suite["expectations"] if e["type"] == "expect_column_values_to_not_be_null"
        }
        assert not_null == {c.name for c in schema.columns if not c.nullable}


def test_suites_load_in_gx() -> None:
    import great_expectations as gx

    for table in TABLES:
        suite = gx.ExpectationSuite(**json.loads((EXPECTATIONS_DIR / f"{table}.json").read_text(encoding="utf-8")))
        assert len(suite.expectations) >= 3


def test_docs_cover_every_column() -> None:
    docs = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert render_tables_doc(list(TABLES)) in docs, "docs/tables.md is stale: run `make docs`"
