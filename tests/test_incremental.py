"""Incremental builds extract only new articles, rewrite only the months that changed, and their
output equals a full rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import SEEDS, table_bytes

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
        assert table_bytes(output, table) == table_bytes(rebuilt, table), table


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


def _dated_input(tmp_path: Path, dates: dict[str, str]) -> Path:
    """Seed articles as dated inputs: {new file name: publication date}; the texts cycle through
    the seeds with a line added so that every file is a different article."""
    folder = tmp_path / "dated"
    folder.mkdir(exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i, (name, published) in enumerate(sorted(dates.items())):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"{name}.txt").write_text(f"{text}\nFile {name}.\n", encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return folder


def test_only_changed_months_are_rewritten(prefect_harness: None, tmp_path: Path) -> None:
    folder = _dated_input(tmp_path, {"a": "2025-06-12", "b": "2025-06-30", "c": "2025-07-03"})
    output = tmp_path / "out"
    first = build_dataset(folder, output)
    assert (first.n_partitions_rewritten, first.n_partitions_linked) == (2, 0)
    june_before = table_bytes(output, "officials")

    _dated_input(tmp_path, {"d": "2025-08-01"})
    report = build_dataset(folder, output)
    assert (report.n_extracted, report.n_reused) == (1, 3)
    assert (report.n_partitions_rewritten, report.n_partitions_linked) == (1, 2)
    assert check_consistency(output) == []
    june = "officials/published_month=2025-06/part-0.parquet"
    build = output / "current"
    previous = [b for b in (output / "builds").iterdir() if b.resolve() != build.resolve()][0]
    # linked, not rewritten: the same file on disk in both builds
    assert (build / june).stat().st_ino == (previous / june).stat().st_ino
    assert table_bytes(output, "officials")[june] == june_before[june]

    rebuilt = tmp_path / "full"
    build_dataset(folder, rebuilt)
    for table in TABLES:
        assert table_bytes(output, table) == table_bytes(rebuilt, table), table


def test_an_article_that_moves_month_is_extracted_again(prefect_harness: None, tmp_path: Path) -> None:
    folder = _dated_input(tmp_path, {"a": "2025-06-12", "b": "2025-07-03"})
    output = tmp_path / "out"
    build_dataset(folder, output)
    (folder / "a.meta.json").write_text(json.dumps({"published": "2025-07-20"}), encoding="utf-8")
    report = build_dataset(folder, output)
    assert (report.n_extracted, report.n_reused) == (1, 1)
    assert [p.parent.name for p in (output / "current" / "articles").glob("*/*.parquet")] == ["published_month=2025-07"]
