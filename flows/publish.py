"""Deciding what a run publishes: valid tables go into a new build, failing ones to quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from flows import store
from flows.schemas import TABLES, load_schemas, to_arrow
from flows.validate import TableValidation


def publish(
    output_dir: Path, frames: dict[str, pd.DataFrame], validations: dict[str, TableValidation], info: dict[str, Any]
) -> tuple[list[str], dict[str, Path]]:
    """Publish every valid table in a new build; a failing table keeps its previous version there
    and its failing rows go to ``quarantine/``. When ``articles`` fails nothing is published, since
    every other table points into it. Returns (published tables, quarantine files)."""
    schemas = load_schemas()
    new_tables, quarantined = {}, {}
    for table in TABLES:
        result = validations[table]
        rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in frames[table].to_dict("records")]
        if result.success:
            new_tables[table] = to_arrow(rows, schemas[table])
            continue
        bad = result.failed_rows or list(range(len(rows)))  # a table-level failure quarantines every row
        reasons: dict[int, list[str]] = {}
        for name, positions in result.failed.items():
            for pos in positions:
                reasons.setdefault(pos, []).append(name)
        quarantined[table] = store.write_quarantine(output_dir, schemas[table], [rows[i] for i in bad], reasons)
    if "articles" in quarantined:
        return [], quarantined
    store.publish_build(output_dir, new_tables, list(TABLES), {**info, "failed_tables": sorted(quarantined)})
    for table in new_tables:
        store.clear_quarantine(output_dir, table)
    return list(new_tables), quarantined
