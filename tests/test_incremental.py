"""Incremental builds extract only new articles, and their output equals a full rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEEDS

from flows import incremental
from flows.flow import build_dataset
from flows.schemas import TABLES
from flows.store import check_consistency


def _input_with(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "input"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def test_a_second_run_only_extracts_new_articles_and_equals_a_full_rebuild(
    prefect_harness: None, tmp_path: Path
) -> None:
    first, second = sorted(p.name for p in SEEDS.glob("*.txt"))
    folder = _input_with(tmp_path, [first])
    output = tmp_path / "incremental"
    assert build_dataset(folder, output).n_extracted == 1

    _input_with(tmp_path, [second])
    report = build_dataset(folder, output)
    assert (report.n_extracted, report.n_reused) == (1, 1)
    assert check_consistency(output) == []

    rebuilt = tmp_path / "full"
    assert build_dataset(folder, rebuilt).n_reused == 0
    for table in TABLES:
        assert (output / f"{table}.parquet").read_bytes() == (rebuilt / f"{table}.parquet").read_bytes(), table


def test_a_new_extractor_version_extracts_everything_again(
    prefect_harness: None, seeds_copy: Path, monkeypatch
) -> None:
    assert build_dataset(SEEDS, seeds_copy).n_extracted == 0
    monkeypatch.setattr(incremental, "extractor_version", lambda: "another-version")
    report = build_dataset(SEEDS, seeds_copy)
    assert (report.n_extracted, report.n_reused) == (2, 0)


def test_only_the_previous_build_is_kept(prefect_harness: None, seeds_copy: Path) -> None:
    for _ in range(2):
        build_dataset(SEEDS, seeds_copy)
    builds = [p for p in (seeds_copy / "builds").iterdir()]
    assert len(builds) == 2 and (seeds_copy / "current").resolve() in [b.resolve() for b in builds]
