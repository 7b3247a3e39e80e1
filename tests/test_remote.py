"""Output to an fsspec URL: the flow builds in a local work folder and publishes the build to S3
(moto's server on 127.0.0.1, so offline), then the pointer file; DuckDB reads it back through fsspec."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS, table_rows

from flows import remote, store
from flows.cli import EXIT_FAILED, EXIT_OK, EXIT_SKIPPED, main
from flows.errors import CliError

BUCKET = "vngov-test"
URL = f"s3://{BUCKET}/datasets/vngov"


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A local S3 server with an empty bucket; credentials and endpoint through the standard AWS
    variables, as a user would set them."""
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    empty = tmp_path_factory.mktemp("aws") / "none"
    with pytest.MonkeyPatch.context() as env:
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "FSSPEC_S3_ENDPOINT_URL"):
            env.delenv(name, raising=False)
        env.setenv("AWS_CONFIG_FILE", str(empty))
        env.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
        env.setenv("AWS_ACCESS_KEY_ID", "testing")
        env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        env.setenv("AWS_DEFAULT_REGION", "us-east-1")
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        try:
            host, port = server.get_host_and_port()
            env.setenv("AWS_ENDPOINT_URL_S3", f"http://{host}:{port}")
            boto3.client("s3").create_bucket(Bucket=BUCKET)
            yield f"http://{host}:{port}"
        finally:
            server.stop()


@pytest.fixture(scope="module")
def work_dir(prefect_harness: None, s3: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local work folder of a first real run of the flow with ``--output s3://...``."""
    work = tmp_path_factory.mktemp("remote") / "work"
    code = main(["run", "--input", str(SEEDS), "--output", URL, "--work-dir", str(work)])
    assert code in (EXIT_OK, EXIT_SKIPPED)
    return work


def remote_manifest(url: str = URL) -> tuple[Any, str, dict[str, Any], dict[str, Any]]:
    fs, root = remote.open_url(url)
    pointer = json.loads(fs.cat_file(f"{root}/current.json"))
    return fs, root, pointer, json.loads(fs.cat_file(f"{root}/{pointer['manifest']}"))


def assert_complete(work: Path) -> str:
    """The remote current build is the work folder's current build, every file intact."""
    fs, root, pointer, manifest = remote_manifest()
    local = store.read_manifest(work)
    build_id = local["build_id"]
    assert pointer == {"build_id": build_id, "manifest": f"builds/{build_id}/manifest.json"}
    assert manifest == local
    build = f"{root}/builds/{build_id}"
    listed = {rel: e for t in manifest["tables"].values() for rel, e in t["files"].items()}
    assert listed
    for rel, entry in listed.items():
        assert hashlib.sha256(fs.cat_file(f"{build}/{rel}")).hexdigest() == entry["sha256"], rel
    assert {p[len(build) + 1 :] for p in fs.find(build)} == {*listed, "manifest.json"}
    return build_id


def test_pointer_names_a_complete_build(work_dir: Path) -> None:
    assert_complete(work_dir)


def test_duckdb_reads_the_remote_build(work_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = store.read_manifest(work_dir)
    con = remote.connect(URL)
    try:
        for table, entry in manifest["tables"].items():
            assert con.sql(f"SELECT count(*) FROM {table}").fetchall() == [(entry["rows"],)], table
        names = sorted(r[0] for r in con.sql("SELECT name FROM officials").fetchall())
        months = {r[0] for r in con.sql("SELECT DISTINCT published_month FROM officials").fetchall()}
    finally:
        con.close()
    assert names and names == sorted(r["name"] for r in table_rows(work_dir, "officials"))
    local_months = {p.parent.name.split("=", 1)[1] for p in store.table_files(store.current_dir(work_dir), "officials")}
    assert months == local_months

    capsys.readouterr()
    assert main(["query", "SELECT count(*) AS n FROM officials", "--output", URL, "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == [{"n": manifest["tables"]["officials"]["rows"]}]

    # The same functions serve any fsspec filesystem, e.g. memory://.
    assert remote.publish(work_dir, "memory://vngov-test/copy").build_id == manifest["build_id"]
    con = remote.connect("memory://vngov-test/copy")
    try:
        assert con.sql("SELECT count(*) FROM officials").fetchall() == [(manifest["tables"]["officials"]["rows"],)]
    finally:
        con.close()


def test_second_run_publishes_a_new_build_and_prunes(work_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fs, root, first, _ = remote_manifest()
    # Leftovers: an older build, and the remains of a publish that failed before its pointer switch.
    fs.pipe_file(f"{root}/builds/20000101T000000000000Z/manifest.json", b"{}")
    fs.pipe_file(f"{root}/builds/20000102T000000000000Z/officials/part-0.parquet", b"half")
    capsys.readouterr()

    code = main(["run", "--input", str(SEEDS), "--output", URL, "--work-dir", str(work_dir)])

    assert code in (EXIT_OK, EXIT_SKIPPED)
    second = assert_complete(work_dir)
    assert second != first["build_id"]
    fs, root = remote.open_url(URL)
    assert sorted(p.rsplit("/", 1)[-1] for p in fs.ls(f"{root}/builds", detail=False)) == sorted(
        [first["build_id"], second]
    )
    out = " ".join(capsys.readouterr().out.split())
    found = re.search(r"(\d+) files uploaded, (\d+) copied from the previous build, (\d+) old builds removed", out)
    assert found, out
    assert int(found[2]) > 0  # unchanged files were copied server-side, not uploaded again
    assert int(found[3]) == 2


def test_failed_upload_leaves_the_pointer(work_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import s3fs

    fs, root, _, _ = remote_manifest()
    before = fs.cat_file(f"{root}/current.json")
    # A newer local build with the same files, whose transfer fails half-way.
    local = store.current_dir(work_dir).resolve()
    newer = tmp_path / "work"
    build = newer / "builds" / "29991231T000000000000Z"
    for path in local.rglob("*"):
        if path.is_file():
            (build / path.relative_to(local)).parent.mkdir(parents=True, exist_ok=True)
            (build / path.relative_to(local)).write_bytes(path.read_bytes())
    manifest = json.loads((build / "manifest.json").read_text())
    (build / "manifest.json").write_text(json.dumps({**manifest, "build_id": build.name}))
    (newer / "current").symlink_to(Path("builds") / build.name)

    def refused(*args: Any, **kwargs: Any) -> None:
        raise PermissionError("Access Denied")

    monkeypatch.setattr(s3fs.S3FileSystem, "copy", refused)
    monkeypatch.setattr(s3fs.S3FileSystem, "put", refused)
    with pytest.raises(CliError, match=rf"^{re.escape(URL)}: access refused: Access Denied$"):
        remote.publish(newer, URL)
    assert fs.cat_file(f"{root}/current.json") == before


def test_bad_bucket_is_one_clear_line(s3: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = "s3://no-such-bucket-vngov/prefix"
    work = tmp_path / "work"
    assert main(["run", "--input", str(SEEDS), "--output", bad, "--work-dir", str(work)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"vngov: error: {bad}: ")
    assert "bucket does not exist" in err
    assert not work.exists()  # checked before building

    assert main(["query", "SELECT 1", "--output", bad]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and bad in err and "bucket does not exist" in err

    assert main(["query", "SELECT 1", "--output", f"s3://{BUCKET}/nothing-here"]) == EXIT_FAILED
    assert "no dataset published here" in capsys.readouterr().err
