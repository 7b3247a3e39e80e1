"""Test set-up: one Prefect test harness (a temporary local API) for the whole session, and one
real build of the seed articles shared by the tests that only read its output."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows import settings, store
from flows.schemas import TABLES, load_schemas
from flows.store import write_database

settings.apply()
sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def seeds_build(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of a real ``build_dataset`` run over ``seeds/``."""
    from flows.flow import build_dataset

    output = tmp_path_factory.mktemp("seeds-output")
    report = build_dataset(SEEDS, output)
    assert report.valid, {t: v.summary() for t, v in report.validations.items()}
    return output


@pytest.fixture
def seeds_copy(seeds_build: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds output that a test may rebuild over."""
    target = tmp_path / "output"
    shutil.copytree(seeds_build, target, symlinks=True)
    write_database(target, list(TABLES))  # its views must read the copy, not the original
    return target


def table_bytes(output: Path, table: str) -> dict[str, bytes]:
    """The bytes of every file of one table in the current build, by path inside the build."""
    build = store.current_dir(output)
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in store.table_files(build, table)}


def table_rows(output: Path, table: str) -> list[dict]:
    return store.read_table(output, table, load_schemas()[table]).to_pylist()


def n_rows(output: Path, table: str) -> int:
    return sum(pq.read_metadata(p).num_rows for p in store.table_files(output, table))
