"""A polite HTTP client: an honest User-Agent, robots.txt, a per-host rate limit, timeouts, a cap
on response size, http(s) only, no private addresses unless allowed, redirects checked hop by hop,
and conditional GET (ETag / Last-Modified) for feeds.

Failures come in two kinds: :class:`TransientFetchError` (timeouts, 5xx, 429, connection errors;
worth retrying later) and :class:`FetchRefused` (anything retrying will not fix).
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from flows.fetch.state import JsonStore

if TYPE_CHECKING:
    from flows.fetch.sources import Source

ROBOTS_AGENT = "vngov"
USER_AGENT = os.environ.get(
    "VNGOV_USER_AGENT",
    "vngov/0.1 (open dataset of Vietnamese governance news; polite bot, obeys robots.txt; python-httpx)",
)
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
REDIRECT_CODES = (301, 302, 303, 307, 308)


class FetchRefused(Exception):
    """A URL that will not be fetched or whose response is unusable; retrying will not help."""


class TransientFetchError(Exception):
    """A failure that may go away: a timeout, a 5xx or 429 answer, a connection error."""


@dataclass
class Response:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    not_modified: bool = False  # 304, or the same body as last time
    raw_sha256: str | None = None  # the body's name in the raw store

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class RawSink(Protocol):
    def put(self, response: Response) -> str: ...


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and, unless allowed, hosts that resolve to non-public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"not an http(s) URL: {url[:200]}")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"URL has no host: {url[:200]}")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchRefused(f"URL has a bad port: {url[:200]}") from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TransientFetchError(f"cannot resolve {host}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise FetchRefused(
                f"{host} resolves to a non-public address ({address}); "
                "set allow_private: true on the source to allow it"
            )


@dataclass
class _HostSlot:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0


class PoliteClient:
    """One per run; safe to share between task threads."""

    def __init__(self, validators: JsonStore, raw: RawSink | None = None, user_agent: str = USER_AGENT) -> None:
        self._client = httpx.Client(follow_redirects=False, headers={"User-Agent": user_agent}, trust_env=False)
        self._validators = validators
        self._raw = raw
        self._hosts: dict[str, _HostSlot] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, source: Source, conditional: bool = False) -> Response:
        """Fetch ``url`` for ``source``, following redirects, obeying robots.txt and the rate limit."""
        seen = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, source.allow_private)
            if not self._allowed(current, source):
                raise FetchRefused(f"disallowed by robots.txt: {current[:200]}")
            headers: dict[str, str] = {}
            previous = self._validators.get(url) if conditional and current == url else None
            if previous:
                if previous.get("etag"):
                    headers["If-None-Match"] = previous["etag"]
                if previous.get("last_modified"):
                    headers["If-Modified-Since"] = previous["last_modified"]
            status, response_headers, body = self._request(current, source, headers, source.max_bytes)
            if status in REDIRECT_CODES and "location" in response_headers:
                target = urljoin(current, response_headers["location"])
                if target in seen:
                    raise FetchRefused(f"redirect loop at {target[:200]}")
                seen.append(target)
                current = target
                continue
            fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
            if status == 304:
                return Response(url, current, status, response_headers, b"", fetched_at, not_modified=True)
            if status == 429 or status >= 500:
                raise TransientFetchError(f"HTTP {status} from {current[:200]}")
            if status >= 300:
                raise FetchRefused(f"HTTP {status} from {current[:200]}")
            response = Response(url, current, status, response_headers, body, fetched_at)
            if self._raw is not None:
                response.raw_sha256 = self._raw.put(response)
            if conditional:
                digest = hashlib.sha256(body).hexdigest()
                response.not_modified = bool(previous and previous.get("sha256") == digest)
                self._validators.set(
                    url,
                    {
                        "etag": response_headers.get("etag"),
                        "last_modified": response_headers.get("last-modified"),
                        "sha256": digest,
                        "checked_at": fetched_at,
                    },
                )
            return response
        raise FetchRefused(f"more than {MAX_REDIRECTS} redirects from {url[:200]}")

    def _request(
        self, url: str, source: Source, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, dict[str, str], bytes]:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            slot = self._hosts.setdefault(host, _HostSlot())
        delay = max(source.delay_seconds, self._crawl_delay(url))
        with slot.lock:  # one request at a time per host, ``delay`` apart
            wait = slot.last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return self._send(url, source.timeout_seconds, headers, max_bytes)
            finally:
                slot.last = time.monotonic()
                with self._lock:
                    self.requests += 1

    def _send(
        self, url: str, timeout: float, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, dict[str, str], bytes]:
        try:
            with self._client.stream("GET", url, headers=headers, timeout=httpx.Timeout(timeout)) as response:
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code != 200:
                    return response.status_code, response_headers, b""
                declared = response_headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchRefused(f"response is {declared} bytes, over the {max_bytes}-byte cap: {url[:200]}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchRefused(f"response is over the {max_bytes}-byte cap: {url[:200]}")
                    chunks.append(chunk)
                return response.status_code, response_headers, b"".join(chunks)
        except httpx.TimeoutException:
            raise TransientFetchError(f"timed out after {timeout:g} s: {url[:200]}") from None
        except httpx.TransportError as exc:
            raise TransientFetchError(f"{type(exc).__name__} for {url[:200]}: {exc}") from None
        except httpx.DecodingError as exc:
            raise FetchRefused(f"cannot decode the response from {url[:200]}: {exc}") from None

    # robots.txt -------------------------------------------------------------------------------
    def _allowed(self, url: str, source: Source) -> bool:
        return self._robots_for(url, source).can_fetch(ROBOTS_AGENT, url)

    def _crawl_delay(self, url: str) -> float:
        parts = urlsplit(url)
        parser = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        delay = parser.crawl_delay(ROBOTS_AGENT) if parser is not None else None
        return float(delay) if delay else 0.0

    def _robots_for(self, url: str, source: Source) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            cached = self._robots.get(origin)
        if cached is not None:
            return cached
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        robots_url = origin + "/robots.txt"
        status, body = 0, b""
        for _ in range(MAX_REDIRECTS + 1):  # robots.txt redirects are followed (RFC 9309)
            status, headers, body = self._request(robots_url, source, {}, ROBOTS_MAX_BYTES)
            if status in REDIRECT_CODES and "location" in headers:
                robots_url = urljoin(robots_url, headers["location"])
                check_url(robots_url, source.allow_private)
                continue
            break
        if status == 200:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        elif 400 <= status < 500:
            parser.parse([])  # no robots.txt: everything is allowed
        else:  # unreachable: RFC 9309 says assume everything is disallowed, for now
            raise TransientFetchError(f"robots.txt unavailable (HTTP {status}) at {origin}")
        with self._lock:
            self._robots[origin] = parser
        return parser
