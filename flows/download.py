"""Downloading, verifying and installing a release: ``vngov download`` and ``vngov verify``.

The index (``releases.json``) names each release's archive and every file in it with its size and
SHA-256. A download is trusted only as far as those hashes: the archive is streamed to a temporary
file, its size and hash checked, then unpacked by hand (regular files and folders only, no absolute
paths, no ``..``, under a size cap) into a hidden staging folder, every file checked again against
the index, and only then renamed into place. Anything wrong leaves nothing behind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlparse

from flows.release import DATABASE, INDEX, SUMS, ReleaseError, read_sums, release_files, sha256_file

DEFAULT_SOURCE_ENV = "VNGOV_RELEASES"
DEFAULT_SOURCE = "output/releases"
# A hard ceiling on what one release may unpack to, whatever its index claims (decompression bombs).
MAX_RELEASE_BYTES = 20 * 1024**3
CHUNK = 1 << 16
TIMEOUT = 60.0


class DownloadError(Exception):
    """A download or an installed release that cannot be trusted (reported in one line)."""


# ---------------------------------------------------------------- reading the index and the files


def _is_url(source: str) -> bool:
    return urlparse(source).scheme in ("http", "https")


def _locate(source: str, relative: str) -> str:
    """Where a path from the index lives: beside the index, on the server or in the folder."""
    if PurePosixPath(relative).is_absolute() or ".." in PurePosixPath(relative).parts:
        raise DownloadError(f"{INDEX}: refusing the unsafe path {relative!r}")
    if _is_url(source):
        return urljoin(source.rstrip("/") + "/", relative)
    return str(Path(source) / relative)


def load_index(source: str) -> dict[str, Any]:
    location = _locate(source, INDEX)
    try:
        if _is_url(source):
            import httpx

            response = httpx.get(location, timeout=TIMEOUT, follow_redirects=True)
            if response.status_code != 200:
                raise DownloadError(f"{location}: HTTP {response.status_code}")
            text = response.text
        else:
            text = Path(location).read_text(encoding="utf-8")
        index = json.loads(text)
    except DownloadError:
        raise
    except ValueError:
        raise DownloadError(f"{location}: not a valid release index (bad JSON)") from None
    except OSError as exc:
        raise DownloadError(f"{location}: {exc.strerror or exc}") from None
    except Exception as exc:  # httpx errors: connection refused, timeouts, bad URLs
        raise DownloadError(f"{location}: {type(exc).__name__}: {exc}") from None
    if not isinstance(index, dict) or not isinstance(index.get("releases"), list):
        raise DownloadError(f"{location}: not a release index (no 'releases' list)")
    return index


def pick_release(index: dict[str, Any], version: str) -> dict[str, Any]:
    wanted = index.get("latest") if version == "latest" else version
    for release in index["releases"]:
        if release.get("version") == wanted:
            return dict(release)
    known = ", ".join(r.get("version", "?") for r in index["releases"]) or "none"
    raise DownloadError(f"no release {wanted!r} in the index (releases: {known})")


def fetch(source: str, relative: str, target: Path, size: int, sha256: str, progress: bool = True) -> None:
    """Copy one file of the index to ``target``, refusing it unless it has exactly ``size`` bytes
    and the expected hash. Reading stops as soon as the size is exceeded."""
    location = _locate(source, relative)
    digest = hashlib.sha256()
    received = 0
    with open(target, "wb") as out, _progress(progress, relative, size) as advance:
        for block in _stream(source, location):
            received += len(block)
            if received > size:
                raise DownloadError(f"{location}: larger than the {size} bytes the index lists; refused")
            digest.update(block)
            out.write(block)
            advance(len(block))
    if received != size:
        raise DownloadError(f"{location}: truncated download ({received} of {size} bytes); nothing installed")
    if digest.hexdigest() != sha256:
        raise DownloadError(f"{location}: SHA-256 does not match the index (file corrupt or tampered); refused")


def _stream(source: str, location: str) -> Iterator[bytes]:
    if not _is_url(source):
        try:
            with open(location, "rb") as f:
                yield from iter(lambda: f.read(CHUNK), b"")
        except OSError as exc:
            raise DownloadError(f"{location}: {exc.strerror or exc}") from None
        return
    import httpx

    try:
        with httpx.stream("GET", location, timeout=TIMEOUT, follow_redirects=True) as response:
            if response.status_code != 200:
                raise DownloadError(f"{location}: HTTP {response.status_code}")
            yield from response.iter_bytes(CHUNK)
    except httpx.HTTPError as exc:
        # A connection cut mid-body (fewer bytes than Content-Length) ends here.
        raise DownloadError(f"{location}: download failed ({type(exc).__name__}: {exc}); nothing installed") from None


class _progress:
    """A rich progress bar on a terminal; a no-op otherwise (tests, pipes, logs)."""

    def __init__(self, enabled: bool, label: str, total: int) -> None:
        self._bar: Any = None
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task(label, total=total)

    def __enter__(self) -> Any:
        if self._bar is None:
            return lambda n: None
        self._bar.start()
        return lambda n: self._bar.advance(self._task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


# ---------------------------------------------------------------- safe extraction


def safe_extract(archive: Path, dest: Path, expected: dict[str, dict[str, Any]], max_bytes: int) -> None:
    """Unpack ``archive`` into ``dest`` by hand, accepting only the files the index lists (and
    their folders): no absolute paths, no ``..``, no links, devices or FIFOs, no duplicates, and
    never more than ``max_bytes`` written (checked while writing, not trusted from the headers)."""
    folders = {str(p) for name in expected for p in PurePosixPath(name).parents if str(p) != "."}
    written = 0
    seen: set[str] = set()
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                name = member.name
                path = PurePosixPath(name)
                if not path.parts:
                    raise DownloadError(f"archive entry {name!r} has no name; refused")
                if path.is_absolute() or name.startswith(("/", "\\")) or "\\" in name or ":" in path.parts[0]:
                    raise DownloadError(f"archive entry {name!r} has an absolute path; refused")
                if ".." in path.parts:
                    raise DownloadError(f"archive entry {name!r} points outside the release ('..'); refused")
                if member.issym() or member.islnk():
                    raise DownloadError(f"archive entry {name!r} is a link; refused")
                if not (member.isreg() or member.isdir()):
                    raise DownloadError(f"archive entry {name!r} is a device or special file; refused")
                clean = str(path)
                if member.isdir():
                    if clean not in folders:
                        raise DownloadError(f"archive entry {name!r} is not part of the release; refused")
                    (dest / clean).mkdir(parents=True, exist_ok=True)
                    continue
                if clean not in expected:
                    raise DownloadError(f"archive entry {name!r} is not listed in the index; refused")
                if clean in seen:
                    raise DownloadError(f"archive entry {name!r} appears twice; refused")
                seen.add(clean)
                source = tar.extractfile(member)
                if source is None:
                    raise DownloadError(f"archive entry {name!r} cannot be read; refused")
                target = dest / clean
                target.parent.mkdir(parents=True, exist_ok=True)
                # O_EXCL: never write through something already there.
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                with os.fdopen(fd, "wb") as out:
                    for block in iter(lambda: source.read(CHUNK), b""):  # noqa: B023 (used at once)
                        written += len(block)
                        if written > max_bytes:
                            raise DownloadError(
                                f"archive unpacks to more than the {max_bytes} bytes the index lists; refused"
                            )
                        out.write(block)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise DownloadError(f"{archive.name}: not a readable release archive ({exc}); refused") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise DownloadError(f"archive is missing {len(missing)} listed files (e.g. {missing[0]}); refused")


# ---------------------------------------------------------------- install and verify


def download_release(
    source: str, version: str, to: Path | None, max_bytes: int = MAX_RELEASE_BYTES, progress: bool = True
) -> Path:
    """Install one release from ``source`` (a releases root: folder or http(s) URL) into ``to``
    (default ``./vngov-<version>``); returns the installed folder."""
    index = load_index(source)
    release = pick_release(index, version)
    version = str(release["version"])
    if not release.get("archive"):
        raise DownloadError(f"release {version} has no archive in the index")
    prefix = f"{version}/"
    files = {}
    for entry in release.get("files", []):
        if not str(entry.get("path", "")).startswith(prefix):
            raise DownloadError(f"{INDEX}: file {entry.get('path')!r} is not inside release {version}")
        files[entry["path"]] = entry
    total = sum(int(e["bytes"]) for e in files.values())
    if total > max_bytes:
        raise DownloadError(f"release {version} is {total} bytes, over the limit of {max_bytes}")
    target = to or Path(f"vngov-{version}")
    if target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise DownloadError(f"{target}: already exists and is not empty; choose another --to or remove it")
    target.parent.mkdir(parents=True, exist_ok=True)

    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    try:
        archive = staging / "release.tar.gz"
        entry = release["archive"]
        fetch(source, entry["path"], archive, int(entry["bytes"]), entry["sha256"], progress)
        tree = staging / "tree"
        tree.mkdir()
        safe_extract(archive, tree, files, max_bytes=total)
        for name, entry in files.items():
            path = tree / name
            if path.stat().st_size != int(entry["bytes"]) or sha256_file(path) != entry["sha256"]:
                raise DownloadError(f"{name}: does not match the index (corrupt or tampered); refused")
        problems = verify_folder(tree / version)
        if problems:
            raise DownloadError(f"release {version}: {problems[0]}; refused")
        # One rename makes the whole release appear at once (and refuses a non-empty target).
        os.rename(tree / version, target)
    except OSError as exc:
        raise DownloadError(f"{exc.filename or target}: {exc.strerror or exc}; nothing installed") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def verify_folder(folder: Path) -> list[str]:
    """Problems with an installed release: every file must match SHA256SUMS, none may be missing
    or extra, and the tables must match the hashes in datapackage.json."""
    if not (folder / SUMS).is_file():
        return [f"{folder}: no {SUMS}; not a vngov release"]
    try:
        sums = read_sums(folder)
    except (ReleaseError, OSError, UnicodeDecodeError) as exc:
        return [str(exc)]
    problems = []
    present = set(release_files(folder))
    problems += [f"{folder / name}: missing" for name in sorted(set(sums) - present)]
    for name in sorted(set(sums) & present):
        if sha256_file(folder / name) != sums[name]:
            problems.append(f"{folder / name}: SHA-256 does not match {SUMS} (corrupt or modified)")
    problems += [f"{folder / name}: not part of the release" for name in sorted(present - set(sums))]
    problems += [f"{p}: a link, not a file" for p in folder.rglob("*") if p.is_symlink()]
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in package.get("resources", []):
            declared = str(resource.get("hash", "")).removeprefix("sha256:")
            if sums.get(resource["path"]) != declared:
                problems.append(f"{folder / resource['path']}: hash differs between datapackage.json and {SUMS}")
    except (OSError, ValueError, KeyError, AttributeError):
        problems.append(f"{folder / 'datapackage.json'}: missing or unreadable")
    return problems


def duckdb_hint(folder: Path) -> str:
    return f"duckdb -c \"ATTACH '{folder / DATABASE}' AS vngov (READ_ONLY); SELECT name, title FROM vngov.officials\""


# ---------------------------------------------------------------- command line


def register(subparsers: Any) -> None:
    download = subparsers.add_parser("download", help="download, verify and install a dataset release")
    download.add_argument("version", nargs="?", default="latest", help="a release version, or latest (default)")
    download.add_argument(
        "--from",
        dest="source",
        default=os.environ.get(DEFAULT_SOURCE_ENV, DEFAULT_SOURCE),
        help=f"releases root: a folder or an http(s) URL holding {INDEX} (default: ${DEFAULT_SOURCE_ENV} or "
        f"{DEFAULT_SOURCE})",
    )
    download.add_argument("--to", type=Path, help="install into this new folder (default: ./vngov-<version>)")
    download.add_argument(
        "--max-bytes", type=int, default=MAX_RELEASE_BYTES, help="refuse releases larger than this (default: 20 GiB)"
    )
    download.set_defaults(handler=cmd_download)

    verify = subparsers.add_parser("verify", help="re-check an installed release against its hashes")
    verify.add_argument("folder", type=Path, help="the installed release folder")
    verify.set_defaults(handler=cmd_verify)


def cmd_download(args: argparse.Namespace) -> int:
    from flows.cli import EXIT_OK, CliError

    try:
        folder = download_release(args.source, args.version, args.to, max_bytes=args.max_bytes)
    except DownloadError as exc:
        raise CliError(str(exc)) from None
    print(f"installed and verified → {folder}")
    print(f"Query: {duckdb_hint(folder)}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from flows.cli import EXIT_OK, CliError

    problems = verify_folder(args.folder)
    if len(problems) > 1:  # every problem, then the one-line verdict
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        raise CliError(f"{args.folder}: {len(problems)} problems; this copy of the release cannot be trusted")
    if problems:
        raise CliError(problems[0])
    print(f"{args.folder}: every file matches {SUMS}")
    return EXIT_OK
