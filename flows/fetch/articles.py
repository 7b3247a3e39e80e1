"""From a fetched page to an article in the input form ``build_dataset`` reads: main text, title
and publication date by trafilatura (falling back to the feed's), an English check, and the
``<source>/<article_id>.txt`` + ``.meta.json`` pair. One text is one article: a syndicated copy
under another URL adds its URL to the existing article's ``urls``.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flows.fetch.feeds import Item
from flows.fetch.http import Response
from flows.fetch.sources import Source
from flows.fetch.state import write_atomic
from flows.ingest import META_SUFFIX, article_id_of
from flows.language import not_english_reason

HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_TEXT_CHARS = 200
_LANG_ATTR = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z-]+)", re.IGNORECASE)


class NotAnArticle(Exception):
    """The page is not an article this project keeps; the message is the recorded reason."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    published: str | None
    published_from: str  # "page", "feed" or "none"


def extractor_version() -> str:
    import trafilatura

    return f"trafilatura {trafilatura.__version__}"


def extract(response: Response, item: Item) -> Extracted:
    if response.content_type and response.content_type not in HTML_TYPES:
        raise NotAnArticle(f"not an HTML page (content-type {response.content_type})")
    head = response.body[:1024].lstrip()
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8")) or b"\x00" in head:
        raise NotAnArticle("not an HTML page (binary content)")
    import trafilatura  # slow to import; only needed here

    doc = trafilatura.bare_extraction(
        response.body,
        url=response.final_url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Dates from the page's metadata only: the extensive search guesses from any year in the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise NotAnArticle(f"no article text found ({len(text)} characters)")
    reason = not_english_reason(text)
    if reason:
        match = _LANG_ATTR.search(response.body[:4096])
        declared = f", page declares lang={match.group(1).decode()}" if match else ""
        raise NotAnArticle(reason + declared)
    title = (getattr(doc, "title", None) or "").strip() or item.title
    published, basis = _valid_date(getattr(doc, "date", None)), "page"
    if published is None:
        published, basis = _valid_date(item.published), "feed"
    if published is None:
        basis = "none"
    return Extracted(text=text + "\n", title=title, published=published, published_from=basis)


def _valid_date(value: object) -> str | None:
    if not value:
        return None
    try:
        parsed = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return parsed.isoformat() if 1945 <= parsed.year <= 2100 else None


_write_lock = threading.Lock()


def write_article(
    input_dir: Path, source: Source, item: Item, response: Response, extracted: Extracted
) -> tuple[str, str, Path]:
    """Write the article; returns ("new" or "merged", article_id, path of the .txt)."""
    article_id, sha256 = article_id_of(extracted.text)
    urls = list(dict.fromkeys([item.url, response.final_url]))
    with _write_lock:
        existing = next(iter(sorted(Path(input_dir).glob(f"*/{article_id}.txt"))), None)
        if existing is not None:
            meta_path = existing.with_name(article_id + META_SUFFIX)
            old = _read_meta(meta_path)
            known = old.get("urls") or [old.get("url")]
            merged = [u for u in dict.fromkeys([*known, *urls]) if u]
            if merged != known:
                old["urls"] = merged
                write_atomic(meta_path, _meta_bytes(old))
            return "merged", article_id, existing
        path = Path(input_dir) / source.name / f"{article_id}.txt"
        meta: dict[str, Any] = {
            "url": urls[0],
            "urls": urls,
            "title": extracted.title,
            "published": extracted.published,
            "published_from": extracted.published_from,
            "source": source.outlet,
            "source_id": source.name,
            "fetched_at": response.fetched_at,
            "raw_sha256": response.raw_sha256,
            "text_sha256": sha256,
            "extractor": extractor_version(),
        }
        meta = {k: v for k, v in meta.items() if v is not None}
        # The sidecar first: build_dataset must never see the text without its metadata.
        write_atomic(path.with_name(article_id + META_SUFFIX), _meta_bytes(meta))
        write_atomic(path, extracted.text.encode("utf-8"))
        return "new", article_id, path


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _meta_bytes(meta: dict[str, Any]) -> bytes:
    return (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
