"""Validation reads a build a chunk at a time: what GX cannot see inside one chunk (a key repeated
in another chunk, a row's position in the whole table) is still caught and reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows import store, validate
from flows.validate import GROUNDING_CHECK, Validator

UNIQUE_ROW_ID = "expect_column_values_to_be_unique(row_id)"


@pytest.fixture
def build(seeds_build: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds build folder (real files, not links)."""
    target = tmp_path / "build"
    shutil.copytree(store.current_dir(seeds_build).resolve(), target)
    return target


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(None)


def test_a_table_checked_in_chunks_passes_as_a_whole(
    build: Path, validator: Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate, "CHUNK_ROWS", 5)
    n = sum(pq.read_metadata(p).num_rows for p in store.table_files(build, "bodies"))
    result = validator.validate_build(build, "bodies")
    assert result.success and result.n_rows == n > 10
    assert validator.results["bodies"]["chunks"] == -(-n // 5)


def test_a_key_repeated_in_another_month_is_caught(
    build: Path, validator: Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    for table in ("articles", "officials"):  # the articles too, so that the copied rows are grounded
        (source,) = store.table_files(build, table)
        copy = build / store.file_of(table, "2025-06")
        copy.parent.mkdir(parents=True)
        shutil.copy(source, copy)
    n = pq.read_metadata(source).num_rows
    monkeypatch.setattr(validate, "CHUNK_ROWS", n)  # one file per chunk: GX alone sees no repeat
    result = validator.validate_build(build, "officials")
    assert not result.success
    assert result.failed[UNIQUE_ROW_ID] == list(range(2 * n))
    assert [checks for _, checks in result.rejected] == [[UNIQUE_ROW_ID]] * (2 * n)


def test_failing_rows_are_reported_by_position_in_the_whole_table(
    build: Path, validator: Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = store.table_files(build, "unit_counts")
    table = pq.read_table(path)
    starts = table.column("char_start").to_pylist()
    starts[-1] += 1  # the last row's offsets no longer give its surface form
    pq.write_table(table.set_column(table.schema.get_field_index("char_start"), "char_start", [starts]), path)
    monkeypatch.setattr(validate, "CHUNK_ROWS", 4)
    result = validator.validate_build(build, "unit_counts")
    last = table.num_rows - 1
    assert result.failed == {GROUNDING_CHECK: [last]}
    assert result.rejected[0][0]["row_id"] == table.column("row_id")[last].as_py()
