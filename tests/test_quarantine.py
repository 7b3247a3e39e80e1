"""A table that fails its suite is not published: the previous good file stays, the failing
rows go to quarantine with the check that caught them, and the run exits non-zero."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import SEEDS, table_bytes

from flows.cli import main
from flows.extract import registry
from flows.extract.base import Article, Row, Vocab


def _with_bad_count(article: Article, vocab: Vocab) -> list[Row]:
    rows = registry.extract_unit_counts(article, vocab)
    if rows:
        rows[0] = {**rows[0], "count": -7}
    return rows


def test_a_failing_table_is_quarantined_and_the_old_one_kept(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {t: table_bytes(seeds_copy, t) for t in ("unit_counts", "officials")}
    monkeypatch.setitem(registry.EXTRACTORS, "unit_counts", _with_bad_count)

    exit_code = main(["run", "--full", "--input", str(SEEDS), "--output", str(seeds_copy)])

    assert exit_code == 1
    out = capsys.readouterr().out
    assert "unit_counts: FAILED expect_column_values_to_be_between(count)" in out.replace("\n", " ").replace(
        "  ", " "
    ) or ("expect_column_values_to_be_between(count)" in out)
    assert table_bytes(seeds_copy, "unit_counts") == before["unit_counts"]
    quarantined = pq.read_table(seeds_copy / "quarantine" / "unit_counts.parquet").to_pylist()
    assert [row["count"] for row in quarantined] == [-7]
    assert quarantined[0]["failed_checks"] == "expect_column_values_to_be_between(count)"
    # the tables that passed are still published
    assert table_bytes(seeds_copy, "officials")


def test_an_offset_that_misses_its_surface_is_caught(seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def shifted(article: Article, vocab: Vocab) -> list[Row]:
        rows = registry.extract_deadlines(article, vocab)
        return [{**row, "char_start": row["char_start"] + 1} for row in rows]

    monkeypatch.setitem(registry.EXTRACTORS, "deadlines", shifted)
    assert main(["run", "--full", "--input", str(SEEDS), "--output", str(seeds_copy)]) == 1
    quarantined = pq.read_table(seeds_copy / "quarantine" / "deadlines.parquet").to_pylist()
    assert quarantined and all("grounding" in row["failed_checks"] for row in quarantined)


def test_a_malformed_when_is_caught(seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def malformed(article: Article, vocab: Vocab) -> list[Row]:
        return [{**row, "when": "June 2025"} for row in registry.extract_deadlines(article, vocab)[:1]]

    monkeypatch.setitem(registry.EXTRACTORS, "deadlines", malformed)
    assert main(["run", "--full", "--input", str(SEEDS), "--output", str(seeds_copy)]) == 1
    quarantined = pq.read_table(seeds_copy / "quarantine" / "deadlines.parquet").to_pylist()
    assert quarantined and {row["failed_checks"] for row in quarantined} == {
        "expect_column_values_to_match_regex(when)"
    }
