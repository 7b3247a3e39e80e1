"""Regenerate ``expectations/<table>.json`` (GX Core 1.x suites) from ``schemas/``.

The checks that follow from a schema (columns and their order, not-null, unique, allowed values)
are derived here; the range and format checks below are the dataset's own rules. Run it after
editing a schema; ``tests/test_schemas.py`` fails while the two disagree.

    .venv/bin/python tools/build_expectations.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flows.schemas import load_schemas  # noqa: E402

# EDTF level 0 as used by the deadlines table: a day, month or year, or an interval of two.
EDTF_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:/\d{4}(?:-\d{2}(?:-\d{2})?)?)?$"
FIRST_DATE, LAST_DATE = "1945-01-01", "2100-12-31"

RULES: dict[str, list[dict[str, Any]]] = {
    "articles": [
        {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "article_id", "regex": r"^[0-9a-f]{16}$"}},
        {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "sha256", "regex": r"^[0-9a-f]{64}$"}},
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "n_chars", "min_value": 1}},
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "published", "min_value": FIRST_DATE, "max_value": LAST_DATE},
        },
    ],
    "officials": [
        {
            "type": "expect_column_values_to_match_regex",
            "kwargs": {"column": "person_id", "regex": r"^person_[0-9a-f]{16}$"},
        },
        {
            "type": "expect_column_value_lengths_to_be_between",
            "kwargs": {"column": "name", "min_value": 2, "max_value": 80},
        },
    ],
    "bodies": [
        {
            "type": "expect_column_values_to_match_regex",
            "kwargs": {"column": "body_id", "regex": r"^body_[0-9a-f]{16}$"},
        },
        {
            "type": "expect_column_value_lengths_to_be_between",
            "kwargs": {"column": "name", "min_value": 2, "max_value": 200},
        },
    ],
    "unit_counts": [
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "count", "min_value": 1, "max_value": 100000},
        },
    ],
    "deadlines": [
        {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "when", "regex": EDTF_PATTERN}},
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "date_start", "min_value": FIRST_DATE, "max_value": LAST_DATE},
        },
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "date_end", "min_value": FIRST_DATE, "max_value": LAST_DATE},
        },
        {
            "type": "expect_column_pair_values_a_to_be_greater_than_b",
            "kwargs": {"column_A": "date_end", "column_B": "date_start", "or_equal": True},
        },
    ],
}

GROUNDING_RULES: list[dict[str, Any]] = [
    {"type": "expect_column_values_to_be_between", "kwargs": {"column": "char_start", "min_value": 0}},
    {
        "type": "expect_column_pair_values_a_to_be_greater_than_b",
        "kwargs": {"column_A": "char_end", "column_B": "char_start"},
    },
    {
        "type": "expect_column_value_lengths_to_be_between",
        "kwargs": {"column": "surface", "min_value": 1, "max_value": 400},
    },
    {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "article_id", "regex": r"^[0-9a-f]{16}$"}},
]


def suite_for(table: str) -> dict[str, Any]:
    schema = load_schemas()[table]
    expectations: list[dict[str, Any]] = [
        {"type": "expect_table_columns_to_match_ordered_list", "kwargs": {"column_list": schema.column_names}}
    ]
    for col in schema.columns:
        if not col.nullable:
            expectations.append({"type": "expect_column_values_to_not_be_null", "kwargs": {"column": col.name}})
        if col.unique:
            expectations.append({"type": "expect_column_values_to_be_unique", "kwargs": {"column": col.name}})
        if col.values:
            expectations.append(
                {
                    "type": "expect_column_values_to_be_in_set",
                    "kwargs": {"column": col.name, "value_set": list(col.values)},
                }
            )
    expectations += RULES.get(table, [])
    if schema.grounded:
        expectations += GROUNDING_RULES
    return {"name": table, "meta": {"description": schema.description}, "expectations": expectations}


def main() -> None:
    for table in load_schemas():
        path = ROOT / "expectations" / f"{table}.json"
        path.write_text(json.dumps(suite_for(table), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
