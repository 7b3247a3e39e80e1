"""Turning a fetched feed or listing page into the article links it points to.

Feed XML is first checked with defusedxml, which refuses documents that declare entities
(billion-laughs and external-entity attacks), and only then handed to feedparser.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

import defusedxml.ElementTree as safe_et
import feedparser
from defusedxml import DefusedXmlException

from flows.fetch.http import FetchRefused
from flows.fetch.sources import Source


@dataclass(frozen=True)
class Item:
    """One link to an article, with what the feed said about it."""

    url: str
    source: str  # the source's name
    title: str | None = None
    published: str | None = None  # ISO date from the feed


@dataclass
class Listing:
    items: list[Item]
    warning: str | None = None  # e.g. malformed XML that feedparser still made sense of


def parse_feed(body: bytes, base_url: str, source: Source) -> Listing:
    malformed = None
    try:
        safe_et.fromstring(body)
    except DefusedXmlException as exc:
        raise FetchRefused(f"feed XML refused: {type(exc).__name__} (entity or DTD declarations)") from None
    except safe_et.ParseError as exc:
        malformed = f"malformed feed XML ({exc})"
    # A stream, never a string: feedparser treats a string as a URL or a file name to open.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": base_url})
    items: list[Item] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        url = urldefrag(urljoin(base_url, link.strip())).url
        if url in seen:
            continue
        seen.add(url)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        title = (entry.get("title") or "").strip() or None
        items.append(Item(url=url, source=source.name, title=title, published=published))
        if len(items) >= source.max_items:
            break
    if malformed and not items:
        raise FetchRefused(malformed)
    return Listing(items, malformed)


_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def parse_listing(body: bytes, base_url: str, source: Source) -> Listing:
    """Links on a listing page that match the source's ``link_pattern``, in page order."""
    assert source.link_pattern
    pattern = re.compile(source.link_pattern)
    html = body.decode("utf-8", errors="replace")
    items: list[Item] = []
    seen: set[str] = set()
    for match in _HREF.finditer(html):
        href = next(g for g in match.groups() if g is not None).strip()
        url = urldefrag(urljoin(base_url, href.replace("&amp;", "&"))).url
        if urlsplit(url).scheme not in ("http", "https") or url in seen or not pattern.search(url):
            continue
        seen.add(url)
        items.append(Item(url=url, source=source.name))
        if len(items) >= source.max_items:
            break
    return Listing(items)
