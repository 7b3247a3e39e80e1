"""The raw store: every fetched response body kept as fetched, gzip-compressed and named by the
SHA-256 of the body (``raw/blobs/ab/abcd….gz``), never overwritten; and one JSON line per fetch
(URL, final URL, status, headers, fetch time, body hash) appended to ``raw/fetches/YYYY-MM-DD.jsonl``.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from flows.fetch.http import Response


class RawStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()

    def blob_path(self, sha256: str) -> Path:
        return self.root / "blobs" / sha256[:2] / f"{sha256}.gz"

    def put(self, response: Response) -> str:
        """Keep the body (once per distinct content) and log the fetch; returns the body's SHA-256."""
        digest = hashlib.sha256(response.body).hexdigest()
        path = self.blob_path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".blob.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(gzip.compress(response.body, mtime=0))
                with contextlib.suppress(FileExistsError):  # the blob exists: never overwrite it
                    os.link(tmp, path)
            finally:
                os.unlink(tmp)
        record = {
            "fetched_at": response.fetched_at,
            "url": response.url,
            "final_url": response.final_url,
            "status": response.status,
            "headers": response.headers,
            "sha256": digest,
            "bytes": len(response.body),
        }
        log = self.root / "fetches" / f"{response.fetched_at[:10]}.jsonl"
        with self._lock:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        return digest

    def get(self, sha256: str) -> bytes:
        return gzip.decompress(self.blob_path(sha256).read_bytes())

    def records(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for log in sorted((self.root / "fetches").glob("*.jsonl")):
            out.extend(json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip())
        return out
