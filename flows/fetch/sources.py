"""The sources file: which feeds and listing pages to fetch, and how politely.

A YAML file with optional ``defaults`` and a list of ``sources``; every source has a ``name``, a
``url`` and a ``kind`` (``feed`` for RSS/Atom, ``page`` for a listing page whose article links
match ``link_pattern``). Anything wrong is reported as one :class:`SourcesError` line naming the
file and the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

KINDS = ("feed", "page")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

# Settings a source may set; ``defaults`` may set any of them for every source.
DEFAULTS: dict[str, Any] = {
    "delay_seconds": 2.0,  # at least this long between two requests to one host
    "timeout_seconds": 20.0,
    "max_bytes": 5_000_000,  # responses larger than this are abandoned
    "max_items": 50,  # newest items taken from one feed or listing page per run
    "allow_private": False,  # allow loopback/private/link-local addresses (tests, intranets)
    "enabled": True,
    "link_pattern": None,  # for kind: page, a regex that article URLs match
    "outlet": None,  # the outlet's name as written into articles (default: the source name)
}
_TYPES: dict[str, tuple[type, ...]] = {
    "delay_seconds": (int, float),
    "timeout_seconds": (int, float),
    "max_bytes": (int,),
    "max_items": (int,),
    "allow_private": (bool,),
    "enabled": (bool,),
    "link_pattern": (str, type(None)),
    "outlet": (str, type(None)),
}


class SourcesError(Exception):
    """The sources file is unusable; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    kind: str
    outlet: str
    delay_seconds: float
    timeout_seconds: float
    max_bytes: int
    max_items: int
    allow_private: bool
    enabled: bool
    link_pattern: str | None

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


def load_sources(path: Path) -> list[Source]:
    """The enabled sources listed in ``path``."""
    return [s for s in parse_sources(path) if s.enabled]


def parse_sources(path: Path) -> list[Source]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: sources file does not exist") from None
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourcesError(f"{path}: not valid YAML ({first})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{path}: must be a mapping with a 'sources' list")
    unknown = set(data) - {"defaults", "sources"}
    if unknown:
        raise SourcesError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    defaults = dict(DEFAULTS)
    given_defaults = data.get("defaults") or {}
    if not isinstance(given_defaults, dict):
        raise SourcesError(f"{path}: 'defaults' must be a mapping")
    for key, value in given_defaults.items():
        _check_setting(path, "defaults", key, value)
        defaults[key] = value
    sources: list[Source] = []
    names: set[str] = set()
    for number, entry in enumerate(data["sources"], start=1):
        where = f"source {number}"
        if not isinstance(entry, dict):
            raise SourcesError(f"{path}: {where} must be a mapping")
        name = entry.get("name")
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise SourcesError(f"{path}: {where}: 'name' must be lower-case letters, digits, '-' or '_'")
        where = f"source {name!r}"
        if name in names:
            raise SourcesError(f"{path}: {where} is listed twice")
        names.add(name)
        settings = dict(defaults)
        for key, value in entry.items():
            if key in ("name", "url", "kind"):
                continue
            _check_setting(path, where, key, value)
            settings[key] = value
        url = entry.get("url")
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise SourcesError(f"{path}: {where}: 'url' must be an http:// or https:// URL")
        kind = entry.get("kind")
        if kind not in KINDS:
            raise SourcesError(f"{path}: {where}: 'kind' must be one of {', '.join(KINDS)}")
        if kind == "page" and not settings["link_pattern"]:
            raise SourcesError(f"{path}: {where}: a 'page' source needs a 'link_pattern' (regex of article URLs)")
        if settings["link_pattern"]:
            try:
                re.compile(settings["link_pattern"])
            except re.error as exc:
                raise SourcesError(f"{path}: {where}: 'link_pattern' is not a valid regex ({exc})") from None
        sources.append(
            Source(
                name=name,
                url=url,
                kind=kind,
                outlet=settings["outlet"] or name,
                delay_seconds=float(settings["delay_seconds"]),
                timeout_seconds=float(settings["timeout_seconds"]),
                max_bytes=int(settings["max_bytes"]),
                max_items=int(settings["max_items"]),
                allow_private=bool(settings["allow_private"]),
                enabled=bool(settings["enabled"]),
                link_pattern=settings["link_pattern"],
            )
        )
    return sources


def _check_setting(path: Path, where: str, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise SourcesError(f"{path}: {where}: unknown setting {key!r} (known: {', '.join(DEFAULTS)})")
    types = _TYPES[key]
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise SourcesError(f"{path}: {where}: {key!r} has the wrong type ({type(value).__name__})")
    number = value if isinstance(value, int | float) else 1
    if key == "delay_seconds" and number < 0:
        raise SourcesError(f"{path}: {where}: {key!r} must not be negative")
    if key in ("timeout_seconds", "max_bytes", "max_items") and number <= 0:
        raise SourcesError(f"{path}: {where}: {key!r} must be positive")
