"""``vngov download`` and ``vngov verify`` against a local HTTP server: a release round-trips, and a
tampered file, a truncated download or a malicious archive is refused with nothing installed."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from flows.release import INDEX, build_release

VERSION = "2025.07.01"
ARCHIVE = f"vngov-{VERSION}.tar.gz"


class _Handler(SimpleHTTPRequestHandler):
    """Serves a folder; paths in ``truncate`` promise their full length but stop halfway."""

    truncate: set[str] = set()

    def do_GET(self) -> None:
        name = self.path.lstrip("/")
        if name not in self.truncate:
            super().do_GET()
            return
        data = (Path(self.directory) / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.close_connection = True

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def releases(seeds_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("releases")
    build_release(seeds_build, root, version=VERSION, now=datetime(2025, 7, 1, tzinfo=UTC))
    return root


@dataclass
class Server:
    site: Path  # the folder served
    url: str  # the releases root on the server
    truncate: set[str]  # served paths whose body is cut short


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    """An HTTP server on 127.0.0.1 (nothing leaves the machine) over a folder the test fills."""
    folder = tmp_path / "site"
    folder.mkdir()
    truncate: set[str] = set()
    handler = type("Handler", (_Handler,), {"truncate": truncate})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Server(folder, f"http://127.0.0.1:{server.server_address[1]}/releases/", truncate)
    finally:
        server.shutdown()
        server.server_close()


def _publish(releases: Path, site: Path) -> Path:
    root = site / "releases"
    shutil.copytree(releases, root)
    return root


def _nothing_installed(target: Path) -> None:
    assert not target.exists()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")], "staging left behind"


def test_release_download_verify_round_trip(
    releases: Path, served: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _publish(releases, served.site)
    target = tmp_path / "data" / "vngov"

    assert main(["download", "latest", "--from", served.url, "--to", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"ATTACH '{target / 'vngov.duckdb'}'" in out
    assert main(["verify", str(target)]) == 0
    assert (target / "SHA256SUMS").read_bytes() == (releases / VERSION / "SHA256SUMS").read_bytes()
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{target / 'vngov.duckdb'}' AS vngov (READ_ONLY)")
        row = con.execute("SELECT count(*) FROM vngov.officials").fetchone()
        direct = con.execute(f"SELECT count(*) FROM read_parquet('{target / 'officials.parquet'}')").fetchone()
    finally:
        con.close()
    assert row is not None and row == direct and row[0] > 0


def test_download_from_a_local_folder(releases: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy"
    assert main(["download", VERSION, "--from", str(releases), "--to", str(target)]) == 0
    assert main(["verify", str(target)]) == 0
    # installing over an existing release is refused, the installed one untouched
    assert main(["download", VERSION, "--from", str(releases), "--to", str(target)]) == 1


def test_an_unknown_version_is_a_clear_error(
    releases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["download", "1999.01.01", "--from", str(releases), "--to", str(tmp_path / "x")]) == 1
    assert f"no release '1999.01.01' in the index (releases: {VERSION})" in capsys.readouterr().err


def test_a_tampered_archive_is_refused(
    releases: Path, served: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _publish(releases, served.site)
    data = bytearray((root / ARCHIVE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (root / ARCHIVE).write_bytes(bytes(data))
    target = tmp_path / "vngov"

    assert main(["download", "--from", served.url, "--to", str(target)]) == 1
    assert "SHA-256 does not match the index" in capsys.readouterr().err
    _nothing_installed(target)


def test_a_truncated_download_is_refused(
    releases: Path, served: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _publish(releases, served.site)
    served.truncate.add(f"releases/{ARCHIVE}")  # the connection drops halfway through the body
    target = tmp_path / "vngov"

    assert main(["download", "--from", served.url, "--to", str(target)]) == 1
    assert "nothing installed" in capsys.readouterr().err
    _nothing_installed(target)


def test_a_short_file_is_refused(releases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "releases"
    shutil.copytree(releases, root)
    (root / ARCHIVE).write_bytes((root / ARCHIVE).read_bytes()[:1000])
    target = tmp_path / "vngov"
    assert main(["download", "--from", str(root), "--to", str(target)]) == 1
    assert "truncated download (1000 of" in capsys.readouterr().err
    _nothing_installed(target)


def test_verify_catches_a_modified_file(releases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "vngov"
    assert main(["download", "--from", str(releases), "--to", str(target)]) == 0
    with open(target / "officials.parquet", "ab") as f:
        f.write(b"\0")
    (target / "extra.txt").write_text("not from the release")
    capsys.readouterr()
    assert main(["verify", str(target)]) == 1
    err = capsys.readouterr().err
    assert "officials.parquet: SHA-256 does not match SHA256SUMS" in err
    assert "extra.txt: not part of the release" in err
    assert err.splitlines()[-1].endswith("2 problems; this copy of the release cannot be trusted")


# ---------------------------------------------------------------- malicious archives


def _member(
    name: str, kind: bytes = tarfile.REGTYPE, data: bytes = b"", link: str = ""
) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname = kind, len(data) if kind == tarfile.REGTYPE else 0, link
    return info, data


def _evil_release(site: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    """A releases root whose index is honest about a malicious archive (right size and hash), as a
    compromised server would publish it: only the extraction rules stand in the way."""
    root = site / "releases"
    root.mkdir(parents=True)
    good = b"a listed file\n"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        defaults = (
            []
            if any(info.name == f"{VERSION}/a.txt" for info, _ in members)
            else [_member(f"{VERSION}/a.txt", data=good)]
        )
        for info, data in [*defaults, *members]:
            tar.addfile(info, io.BytesIO(data) if data else None)
    archive = buffer.getvalue()
    (root / ARCHIVE).write_bytes(archive)
    entry = {"path": f"{VERSION}/a.txt", "bytes": len(good), "sha256": hashlib.sha256(good).hexdigest()}
    index = {
        "latest": VERSION,
        "releases": [
            {
                "version": VERSION,
                "archive": {"path": ARCHIVE, "bytes": len(archive), "sha256": hashlib.sha256(archive).hexdigest()},
                "files": [entry],
            }
        ],
    }
    (root / INDEX).write_text(json.dumps(index))
    return root


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([_member(f"{VERSION}/../../evil.txt", data=b"pwned")], "points outside the release ('..')"),
        ([_member("/tmp/vngov-evil.txt", data=b"pwned")], "has an absolute path"),
        ([_member(f"{VERSION}/b.txt", tarfile.SYMTYPE, link="/etc/passwd")], "is a link"),
        ([_member(f"{VERSION}/b.txt", tarfile.LNKTYPE, link=f"{VERSION}/a.txt")], "is a link"),
        ([_member(f"{VERSION}/tty", tarfile.CHRTYPE)], "is a device or special file"),
        ([_member(f"{VERSION}/extra.txt", data=b"x")], "is not listed in the index"),
        ([_member(f"{VERSION}/a.txt", data=b"\0" * 2_000_000)], "unpacks to more than"),
    ],
    ids=["dotdot", "absolute", "symlink", "hardlink", "device", "unlisted", "bomb"],
)
def test_a_malicious_archive_is_refused(
    served: Server,
    tmp_path: Path,
    members: list[tuple[tarfile.TarInfo, bytes]],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _evil_release(served.site, members)
    target = tmp_path / "install" / "vngov"

    assert main(["download", "--from", served.url, "--to", str(target)]) == 1
    err = capsys.readouterr().err
    assert message in err and "refused" in err and "Traceback" not in err
    _nothing_installed(target)
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/vngov-evil.txt").exists()
