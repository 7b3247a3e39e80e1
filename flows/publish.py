"""Deciding what a run publishes: valid tables go into the new build, failing ones to quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flows import store
from flows.schemas import TABLES, load_schemas
from flows.validate import TableValidation


def publish(
    writer: store.BuildWriter, validations: dict[str, TableValidation], info: dict[str, Any]
) -> tuple[list[str], dict[str, Path]]:
    """Make the build current. A failing table keeps its previous version (its files are linked from
    the previous build) and its failing rows go to ``quarantine/``. When ``articles`` fails nothing is
    published, since every other table points into it. Returns (published tables, quarantine files)."""
    output_dir = writer.output_dir
    schemas = load_schemas()
    quarantined = {}
    for table in TABLES:
        result = validations[table]
        if result.success:
            continue
        rows = [row for row, _ in result.rejected]
        checks = [names for _, names in result.rejected]
        quarantined[table] = store.write_quarantine(output_dir, schemas[table], rows, checks)
    if "articles" in quarantined:
        writer.abandon()
        return [], quarantined
    for table in quarantined:
        previous = store.read_manifest(output_dir).get("tables", {}).get(table, {}).get("files")
        if previous:
            writer.carry_over(table, store.current_dir(output_dir).resolve(), previous)
        else:
            writer.drop_table(table)
    store.crash_point("publish:table-written")
    failed = sorted(quarantined)
    writer.finish(TABLES, {**info, "failed_tables": failed, **({"partition_digests": {}} if failed else {})})
    published = [t for t in TABLES if t not in quarantined]
    for table in published:
        store.clear_quarantine(output_dir, table)
    return published, quarantined
