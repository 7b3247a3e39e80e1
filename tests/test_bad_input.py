"""Bad inputs are skipped with a reason that names the file; the other articles still go through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, n_rows, table_rows

from flows.cli import EXIT_FAILED, EXIT_SKIPPED, main


@pytest.fixture
def messy_input(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copy(SEEDS / "004_fca690848b045e66.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n")
    (folder / "latin1.txt").write_bytes(
        "Hà Nội – the Politburo met on June 16.".encode("latin-1", "replace") + b"\xe9\xe8"
    )
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "badmeta.txt").write_text("The Prime Minister chaired the meeting.\n")
    (folder / "badmeta.meta.json").write_text("{not json")
    return folder


def test_bad_files_are_skipped_with_reasons(
    prefect_harness: None,
    messy_input: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # relative folders, as `make run` passes them
    output = tmp_path / "output"
    assert main(["run", "--input", "input", "--output", "output"]) == EXIT_SKIPPED
    errors = {row["source"]: row["problem"] for row in table_rows(output, "ingest_errors")}
    assert errors["empty.txt"] == "empty file"
    assert errors["blank.txt"] == "file holds only white space"
    assert errors["latin1.txt"].startswith("not valid UTF-8 (byte 0x")
    assert errors["image.txt"].startswith("binary file")
    assert errors["badmeta.txt"].startswith("badmeta.meta.json: metadata is not valid JSON")
    articles = table_rows(output, "articles")
    assert [a["source"] for a in articles] == ["good.txt"]
    assert n_rows(output, "officials") > 0
    out = capsys.readouterr().out
    assert "skipped empty.txt: empty file" in out


def test_the_same_text_under_two_names_is_one_article(prefect_harness: None, tmp_path: Path) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copy(SEEDS / "000_f727dc44db31b3f8.txt", folder / "a.txt")
    shutil.copy(SEEDS / "000_f727dc44db31b3f8.txt", folder / "b.txt")
    assert main(["run", "--input", str(folder), "--output", str(tmp_path / "out")]) == 0
    articles = table_rows(tmp_path / "out", "articles")
    assert [a["source"] for a in articles] == ["a.txt"]
    errors = table_rows(tmp_path / "out", "ingest_errors")
    assert errors == [{"source": "b.txt", "problem": "same text as a.txt", "action": "merged"}]


def test_a_missing_input_folder_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "out")]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.strip() == f"vngov: error: {tmp_path / 'nope'}: input folder does not exist"
    assert not (tmp_path / "out").exists()


def test_query_without_a_build_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "SELECT 1", "--output", str(tmp_path)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "no dataset database here" in err and "Traceback" not in err
