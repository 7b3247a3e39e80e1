"""``vngov release``: an immutable, self-describing release built only from validated output, with
a diff against the previous release keyed by stable row ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from flows import release, store
from flows.cli import main
from flows.release import (
    CHANGES_PARQUET,
    INDEX,
    SUMS,
    ReleaseError,
    build_release,
    read_sums,
    release_files,
    sha256_file,
)
from flows.schemas import PARTITION_KEY, TABLES, load_schemas

BASE_URL = "https://data.example.org/vngov/releases"
NOW = datetime(2025, 7, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def released(seeds_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release of the seeds build (releasing only reads the output folder)."""
    root = tmp_path_factory.mktemp("releases")
    build_release(seeds_build, root, base_url=BASE_URL, now=NOW)
    return root


def test_a_release_holds_every_file_with_its_hash(released: Path, seeds_build: Path) -> None:
    folder = released / "2025.07.01"
    names = set(release_files(folder))
    expected = {f"{t}.parquet" for t in TABLES} | {
        "vngov.duckdb",
        "datapackage.json",
        "CHANGES.md",
        CHANGES_PARQUET,
        "README.md",
        "CITATION.cff",
        "validation/validation.json",
        "validation/index.html",
    }
    assert expected <= names
    sums = read_sums(folder)
    assert set(sums) == names  # every file, SHA256SUMS itself aside
    assert all(sha256_file(folder / name) == digest for name, digest in sums.items())
    for table in TABLES:  # the very rows that were validated, in one file per table
        _assert_holds_the_build(folder / f"{table}.parquet", seeds_build, table)
    assert (released / "vngov-2025.07.01.tar.gz").is_file()


def _assert_holds_the_build(released_file: Path, output: Path, table: str) -> None:
    """The release file has exactly the schema (no partition column) and the build's rows, in order."""
    table_schema = load_schemas()[table]
    data = pq.read_table(released_file)
    assert data.schema.names == table_schema.column_names and PARTITION_KEY not in data.schema.names
    assert data.schema.equals(table_schema.arrow_schema(), check_metadata=True)
    assert data.equals(store.read_table(output, table, table_schema))
    assert data.num_rows == store.read_manifest(output)["tables"][table]["rows"]


def test_the_datapackage_validates_with_frictionless(released: Path) -> None:
    from frictionless import validate

    folder = released / "2025.07.01"
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["version"] == "2025.07.01" and package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["created"].startswith("2025-07-01") and package["sources"]
    resources = {r["name"]: r for r in package["resources"]}
    officials = resources["officials"]
    assert officials["hash"] == f"sha256:{sha256_file(folder / 'officials.parquet')}"
    assert officials["schema"]["primaryKey"] == ["row_id"]
    assert officials["schema"]["foreignKeys"] == [
        {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}
    ]
    assert resources["ingest_errors"]["schema"]["primaryKey"] == ["source", "problem"]
    assert resources["database"]["bytes"] == (folder / "vngov.duckdb").stat().st_size

    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])


def test_the_database_is_one_file_with_the_tables(released: Path, seeds_build: Path) -> None:
    folder = released / "2025.07.01"
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{folder / 'vngov.duckdb'}' AS vngov (READ_ONLY)")
        for table in TABLES:
            n = con.execute(f"SELECT count(*) FROM vngov.{table}").fetchone()
            assert n is not None and n[0] == pq.read_metadata(folder / f"{table}.parquet").num_rows
        kinds = dict(
            con.execute(
                "SELECT table_name, table_type FROM information_schema.tables WHERE table_catalog = 'vngov'"
            ).fetchall()
        )
    finally:
        con.close()
    assert set(kinds) == set(TABLES) and set(kinds.values()) == {"BASE TABLE"}  # tables, not views over files


def test_the_card_citation_and_index(released: Path) -> None:
    folder = released / "2025.07.01"
    card = (folder / "README.md").read_text()
    n_officials = pq.read_metadata(folder / "officials.parquet").num_rows
    assert f"| `officials` | {n_officials} |" in card
    for heading in ("## What is in it", "## How it was made", "## Known limits", "## Cite", "## Licence"):
        assert heading in card
    citation = yaml.safe_load((folder / "CITATION.cff").read_text())
    assert citation["version"] == "2025.07.01" and citation["license"] == "CC-BY-4.0"
    assert "The first release" in (folder / "CHANGES.md").read_text()

    index = json.loads((released / INDEX).read_text())
    assert index["latest"] == "2025.07.01"
    [release] = index["releases"]
    files = {f["path"]: f for f in release["files"]}
    assert files["2025.07.01/officials.parquet"]["url"] == f"{BASE_URL}/2025.07.01/officials.parquet"
    assert f"2025.07.01/{SUMS}" in files
    assert release["archive"]["sha256"] == sha256_file(released / "vngov-2025.07.01.tar.gz")
    assert release["database"]["url"] == f"{BASE_URL}/2025.07.01/vngov.duckdb"


def test_releasing_a_version_twice_fails(released: Path, seeds_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sums_before = (released / "2025.07.01" / SUMS).read_bytes()
    code = main(["release", "--output", str(seeds_build), "--releases", str(released), "--version", "2025.07.01"])
    assert code == 1
    assert "release 2025.07.01 already exists" in capsys.readouterr().err
    assert (released / "2025.07.01" / SUMS).read_bytes() == sums_before
    assert not [p for p in released.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_a_second_release_on_one_day_gets_a_suffix(seeds_build: Path, tmp_path: Path) -> None:
    first = build_release(seeds_build, tmp_path, now=NOW)
    second = build_release(seeds_build, tmp_path, now=NOW)
    assert (first.version, second.version) == ("2025.07.01", "2025.07.01.2")
    assert second.previous == "2025.07.01"
    assert pq.read_table(second.path / CHANGES_PARQUET).num_rows == 0  # the same output: nothing changed
    assert json.loads((tmp_path / INDEX).read_text())["latest"] == "2025.07.01.2"
    with pytest.raises(ReleaseError, match="not a release version"):
        build_release(seeds_build, tmp_path, version="v1.0")


def _fail_validation(output: Path) -> None:
    docs = output / "docs" / "validation.json"
    results = json.loads(docs.read_text())
    results["officials"]["success"] = False
    docs.write_text(json.dumps(results))


def _quarantine(output: Path) -> None:
    (output / store.QUARANTINE).mkdir(exist_ok=True)
    (output / store.QUARANTINE / "deadlines.parquet").write_bytes(b"rows that failed")


def _edit_after_validation(output: Path) -> None:
    month = store.table_files(output, "bodies")[0]  # one month of the table, through output/current
    pq.write_table(pq.read_table(month).slice(1), month)


def _add_a_month_after_validation(output: Path) -> None:
    month = store.table_files(output, "bodies")[0]
    extra = output / store.file_of("bodies", "1999-01")
    extra.parent.mkdir()
    extra.write_bytes(month.read_bytes())


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_fail_validation, "officials did not pass validation"),
        (_quarantine, "tables in quarantine (deadlines)"),
        (_edit_after_validation, "changed since it was validated"),
        (_add_a_month_after_validation, "published_month=1999-01/part-0.parquet: not in manifest.json"),
    ],
    ids=["failed", "quarantine", "edited", "unlisted"],
)
def test_a_release_refuses_output_that_failed_validation(
    seeds_copy: Path, tmp_path: Path, spoil: object, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spoil(seeds_copy)  # type: ignore[operator]
    root = tmp_path / "releases"
    assert main(["release", "--output", str(seeds_copy), "--releases", str(root)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not root.exists() or not any(root.iterdir())


def test_a_file_changed_while_releasing_is_refused(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_output = release.check_output

    def check_then_edit(output: Path) -> release.ValidatedBuild:
        build = check_output(output)
        _edit_after_validation(output)  # after the check, before the files are read
        return build

    monkeypatch.setattr(release, "check_output", check_then_edit)
    root = tmp_path / "releases"
    with pytest.raises(ReleaseError, match="bodies/published_month=.*: changed while releasing"):
        build_release(seeds_copy, root, now=NOW)
    assert not any(root.iterdir())


def _rows(output: Path, table: str) -> list[dict[str, object]]:
    return store.read_table(output, table, load_schemas()[table]).to_pylist()


def _rewrite(output: Path, table: str, rows: list[dict[str, object]]) -> None:
    """Replace a table of the output as a new validated build would, manifest included (all the
    rows into the table's first month: enough for a diff, which ignores months)."""
    build = store.current_dir(output).resolve()
    files = store.table_files(build, table)
    for path in files:
        path.unlink()
    rel = files[0].relative_to(build).as_posix()
    data = pa.Table.from_pylist(rows, schema=load_schemas()[table].arrow_schema())
    entry = {"rows": len(rows), "sha256": store.write_parquet(data, build / rel)}
    manifest = json.loads((build / store.MANIFEST).read_text())
    manifest["tables"][table].update(rows=len(rows), files={rel: entry})
    (build / store.MANIFEST).write_text(json.dumps(manifest))


def test_two_releases_with_a_known_difference(seeds_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "releases"
    build_release(seeds_copy, root, version="2025.07.01")

    officials = _rows(seeds_copy, "officials")
    removed, retitled = officials[0], officials[1]
    officials = [{**retitled, "title": "Acting " + str(retitled["title"])}, *officials[2:]]
    _rewrite(seeds_copy, "officials", officials)
    bodies = _rows(seeds_copy, "bodies")
    _rewrite(seeds_copy, "bodies", [*bodies, {**bodies[0], "row_id": "bodies_0000000000000000"}])

    result = build_release(seeds_copy, root, version="2025.07.02")

    assert result.previous == "2025.07.01"
    changes = pq.read_table(root / "2025.07.02" / CHANGES_PARQUET).to_pylist()
    assert changes == [
        {"table": "officials", "row_id": removed["row_id"], "change": "removed", "changed_columns": None},
        {"table": "officials", "row_id": retitled["row_id"], "change": "changed", "changed_columns": ["title"]},
        {"table": "bodies", "row_id": "bodies_0000000000000000", "change": "added", "changed_columns": None},
    ]
    md = (root / "2025.07.02" / "CHANGES.md").read_text()
    assert f"| officials | {len(officials)} | 0 | 1 | 1 |" in md
    assert f"| bodies | {len(bodies) + 1} | 1 | 0 | 0 |" in md
    assert "changed values in: title (1)" in md
    index = json.loads((root / INDEX).read_text())
    assert [r["version"] for r in index["releases"]] == ["2025.07.02", "2025.07.01"]


def test_a_build_over_two_months_releases_one_file_per_table(prefect_harness: None, tmp_path: Path) -> None:
    from conftest import SEEDS

    from flows.flow import build_dataset

    inputs = tmp_path / "input"
    inputs.mkdir()
    for seed, published in zip(sorted(SEEDS.glob("*.txt")), ["2025-06-12", "2025-07-03"], strict=True):
        (inputs / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
        (inputs / f"{seed.stem}.meta.json").write_text(json.dumps({"published": published}))
    output = tmp_path / "output"
    assert build_dataset(inputs, output).valid
    months = [p.parent.name for p in store.table_files(output, "articles")]
    assert months == [f"{PARTITION_KEY}=2025-06", f"{PARTITION_KEY}=2025-07"]

    result = build_release(output, tmp_path / "releases", now=NOW)

    for table in TABLES:
        _assert_holds_the_build(result.path / f"{table}.parquet", output, table)
    articles = pq.read_table(result.path / "articles.parquet").to_pylist()
    assert [str(a["published"]) for a in articles] == ["2025-06-12", "2025-07-03"]  # month order
    assert pq.ParquetFile(result.path / "articles.parquet").num_row_groups == 1  # small months merged
    officials = {r["article_id"] for r in pq.read_table(result.path / "officials.parquet").to_pylist()}
    assert officials == {a["article_id"] for a in articles}  # both months' extracted rows
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{result.path / 'vngov.duckdb'}' AS vngov (READ_ONLY)")
        n = con.execute("SELECT count(*) FROM vngov.articles").fetchone()
    finally:
        con.close()
    assert n == (2,)
