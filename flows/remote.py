"""Publishing the dataset to, and reading it from, any fsspec URL (``s3://bucket/prefix``, ``gs://``,
``memory://``, ``file://`` ...).

Object stores have no symlinks and no atomic renames, so a build is made locally as usual (in a
work folder, by default ``~/.cache/vngov/<hash of the URL>`` so incremental runs reuse it) and then
published::

    <url>/builds/<build_id>/<table>/published_month=2025-06/part-0.parquet   every file of the build
    <url>/builds/<build_id>/manifest.json                                    once all files are up
    <url>/current.json    {"build_id": ..., "manifest": "builds/<id>/manifest.json"}   written LAST

``current.json`` is written with a single PUT after every file of the build is up, so a reader that
follows it only ever sees a complete build; a publish that fails part-way leaves the previous
pointer, and its build, untouched. Files whose SHA-256 equals a file of the previous remote build
(per the two manifests) are copied server-side instead of uploaded. After the switch, builds other
than the new and the previous one are removed.

Credentials and endpoints come from the filesystem's usual configuration: for S3 the standard AWS
variables botocore reads (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``,
``AWS_ENDPOINT_URL_S3`` / ``AWS_ENDPOINT_URL`` for S3-compatible servers) or fsspec's own
``FSSPEC_S3_ENDPOINT_URL`` style variables. Plain functions, no Prefect.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flows.errors import CliError

POINTER = "current.json"
BUILDS = "builds"
MANIFEST = "manifest.json"
# A tiny object written and removed before a build starts, so a missing bucket or refused
# credentials are reported at once rather than after the whole build.
PROBE = ".vngov-write-check"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+(://|::)")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def is_url(text: str | os.PathLike[str]) -> bool:
    """Whether ``--output`` names an fsspec URL (``s3://...``, ``memory://...``, ``simplecache::s3://...``)
    rather than a local folder. A drive letter (``C:\\...``) is not a URL."""
    return isinstance(text, str) and bool(_URL.match(text))


def output_location(text: str) -> str | Path:
    """The argparse ``type`` of ``--output``: a URL stays a string (``Path`` would turn ``s3://b/p``
    into ``s3:/b/p``), anything else becomes a ``Path``."""
    return text.rstrip("/") if is_url(text) else Path(text)


def default_work_dir(url: str) -> Path:
    """The local folder a URL's builds are made in: ``$XDG_CACHE_HOME/vngov/<hash>`` (``~/.cache``)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "vngov" / hashlib.sha256(url.rstrip("/").encode()).hexdigest()[:16]


def open_url(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path of its root inside it (a fresh instance, so no
    directory listing cached from an earlier call is trusted)."""
    import fsspec

    options: dict[str, Any] = {"skip_instance_cache": True}
    protocol = url.split("://", 1)[0] if "://" in url else ""
    if protocol in ("file", "local"):
        options["auto_mkdir"] = True  # object stores need no folders; a local target does
    with remote_errors(url):
        fs, root = fsspec.core.url_to_fs(url, **options)
    return fs, str(root).rstrip("/")


@contextmanager
def remote_errors(url: str) -> Iterator[None]:
    """Turn any failure of the storage (missing bucket, refused credentials, unreachable endpoint,
    unknown protocol) into one ``CliError`` line naming the URL."""
    try:
        yield
    except CliError:
        raise
    except Exception as exc:
        raise CliError(f"{url}: {describe(exc)}") from None


def describe(exc: BaseException) -> str:
    """One line saying what went wrong with the storage."""
    name = type(exc).__name__
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else name
    if name == "NoCredentialsError":
        return "no credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)"
    if name in ("EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionClosedError"):
        return f"storage endpoint unreachable: {text}"
    if isinstance(exc, PermissionError):
        return f"access refused: {text}"
    if isinstance(exc, FileNotFoundError):
        return f"not found: {text}"
    if isinstance(exc, ImportError):
        return f"cannot use this kind of URL: {text}"
    if isinstance(exc, ConnectionError | TimeoutError):
        return f"storage endpoint unreachable: {text}"
    return f"{name}: {text}"


def read_pointer(fs: Any, root: str) -> dict[str, Any] | None:
    """``current.json`` of a published dataset, or None when nothing was published there yet."""
    try:
        data = fs.cat_file(f"{root}/{POINTER}")
    except FileNotFoundError as exc:
        if "specified bucket" in str(exc).lower():  # s3fs: "The specified bucket does not exist"
            raise
        return None
    try:
        pointer = json.loads(data)
        if not isinstance(pointer, dict) or not isinstance(pointer.get("build_id"), str):
            raise ValueError("no build_id")
        pointer.setdefault("manifest", f"{BUILDS}/{pointer['build_id']}/{MANIFEST}")
    except ValueError as exc:
        raise CliError(f"{fs.unstrip_protocol(root)}/{POINTER}: not a vngov pointer file ({exc})") from None
    return pointer


def read_remote_manifest(fs: Any, root: str, pointer: dict[str, Any]) -> dict[str, Any]:
    data = fs.cat_file(f"{root}/{pointer['manifest']}")
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise CliError(f"{fs.unstrip_protocol(root)}/{pointer['manifest']}: not valid JSON ({exc})") from None
    return manifest if isinstance(manifest, dict) else {}


def check_writable(url: str) -> None:
    """Fail fast, before a build, when ``url`` cannot be read and written."""
    fs, root = open_url(url)
    with remote_errors(url):
        read_pointer(fs, root)
        fs.pipe_file(f"{root}/{PROBE}", b"")
        fs.rm_file(f"{root}/{PROBE}")


@dataclass
class Published:
    url: str
    build_id: str | None  # None: there was no local build to publish
    previous: str | None = None
    uploaded: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    unchanged: bool = False  # the remote already pointed at this build
    warnings: list[str] = field(default_factory=list)


def publish(work_dir: Path, url: str) -> Published:
    """Make the current build of ``work_dir`` the current build at ``url`` (see the module doc)."""
    from flows import store

    manifest = store.read_manifest(work_dir)
    if not manifest.get("build_id"):
        return Published(url, None)
    build_id = str(manifest["build_id"])
    local = store.current_dir(work_dir).resolve()
    files = {
        rel: entry for table in manifest.get("tables", {}).values() for rel, entry in table.get("files", {}).items()
    }

    fs, root = open_url(url)
    with remote_errors(url):
        pointer = read_pointer(fs, root)
        previous = pointer["build_id"] if pointer else None
        result = Published(url, build_id, previous)
        if previous == build_id:
            result.unchanged = True
            return result
        remote_by_sha: dict[str, str] = {}
        if pointer:
            old = read_remote_manifest(fs, root, pointer)
            for table in old.get("tables", {}).values():
                for rel, entry in table.get("files", {}).items():
                    remote_by_sha.setdefault(entry["sha256"], f"{root}/{BUILDS}/{previous}/{rel}")

        target = f"{root}/{BUILDS}/{build_id}"
        copies = {rel: remote_by_sha[e["sha256"]] for rel, e in files.items() if e["sha256"] in remote_by_sha}
        uploads = [rel for rel in files if rel not in copies]
        if copies:
            try:
                fs.copy(list(copies.values()), [f"{target}/{rel}" for rel in copies])
            except NotImplementedError:  # no server-side copy here: upload those too
                uploads, copies = list(files), {}
        if uploads:
            fs.put([str(local / rel) for rel in uploads], [f"{target}/{rel}" for rel in uploads])
        result.uploaded, result.copied = sorted(uploads), sorted(copies)

        present = {_relative(p, target) for p in fs.find(target)}
        missing = sorted(set(files) - present)
        if missing:
            raise CliError(f"{url}: {len(missing)} files did not arrive (first: {missing[0]}); current build unchanged")
        fs.put_file(str(local / MANIFEST), f"{target}/{MANIFEST}")
        _write_pointer(fs, root, {"build_id": build_id, "manifest": f"{BUILDS}/{build_id}/{MANIFEST}"})

    keep = {build_id, *([previous] if previous else [])}
    try:
        result.pruned = prune(fs, root, keep)
    except Exception as exc:  # the new build is current; a leftover old build is only clutter
        result.warnings.append(f"{url}: could not remove old builds: {describe(exc)}")
    return result


def prune(fs: Any, root: str, keep: set[str]) -> list[str]:
    """Remove every build under ``<root>/builds/`` not in ``keep`` (also the remains of failed publishes)."""
    try:
        entries = fs.ls(f"{root}/{BUILDS}", detail=False)
    except FileNotFoundError:
        return []
    removed = []
    for path in sorted(str(p).rstrip("/") for p in entries):
        name = path.rsplit("/", 1)[-1]
        if name in keep:
            continue
        fs.rm(path, recursive=True)
        removed.append(name)
    return removed


def connect(url: str) -> Any:
    """An in-memory DuckDB connection with one view per table over the current build at ``url``.

    The fsspec filesystem is registered with DuckDB, so this needs no DuckDB extension (httpfs).
    """
    import duckdb

    from flows import store  # imported here: the CLI imports this module for every command

    fs, root = open_url(url)
    with remote_errors(url):
        pointer = read_pointer(fs, root)
        if pointer is None:
            raise CliError(f"{url}: no dataset published here (no {POINTER}); run `vngov run --output {url}` first")
        manifest = read_remote_manifest(fs, root, pointer)
    base = fs.unstrip_protocol(f"{root}/{BUILDS}/{pointer['build_id']}")
    con = duckdb.connect()
    con.register_filesystem(fs)
    try:
        for table, entry in manifest.get("tables", {}).items():
            if not _IDENTIFIER.match(table):
                raise CliError(f"{url}: manifest names an invalid table {table!r}")
            if entry.get("files"):
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM {store.duckdb_source(base, table)}")
    except duckdb.Error as exc:
        con.close()
        raise CliError(f"{url}: cannot read the current build: {str(exc).splitlines()[0]}") from None
    except BaseException:
        con.close()
        raise
    return con


def _write_pointer(fs: Any, root: str, pointer: dict[str, str]) -> None:
    """One PUT on an object store; on a local folder a temporary file renamed over the old one."""
    data = (json.dumps(pointer, indent=2, sort_keys=True) + "\n").encode()
    if "file" in _protocols(fs):
        tmp = f"{root}/.{POINTER}.{os.getpid()}.tmp"
        fs.pipe_file(tmp, data)
        os.replace(tmp, f"{root}/{POINTER}")
    else:
        fs.pipe_file(f"{root}/{POINTER}", data)


def _protocols(fs: Any) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def _relative(path: str, base: str) -> str:
    path, base = str(path).lstrip("/"), base.lstrip("/")
    return path[len(base) + 1 :] if path.startswith(base + "/") else path
