"""Discovering and decoding input articles: ``*.txt`` (+ ``.meta.json``), ``*.html`` and ``*.jsonl``.

Every problem with one input becomes an :class:`IngestError` naming the file and the problem;
the other inputs still go through. Nothing here raises for a bad article.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flows.extract.base import Article
from flows.extract.dates import infer_published
from flows.language import not_english_reason

INPUT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
META_SUFFIX = ".meta.json"
# A first line this short without a sentence-final full stop reads as a headline, not prose.
MAX_TITLE_CHARS = 200
# Inputs larger than these are skipped with a reason rather than read into memory: a news article
# is a few thousand characters, so a million is already something else (a dump, a log, a book).
MAX_ARTICLE_CHARS = 1_000_000
MAX_PAGE_BYTES = 16 * 1024 * 1024  # an HTML page, scripts and markup included
MAX_JSONL_BYTES = 256 * 1024 * 1024  # many articles in one file


@dataclass(frozen=True)
class IngestError:
    file: str
    problem: str


@dataclass(frozen=True)
class SourceDoc:
    """One article as read from the input, before it is given an id."""

    source: str
    text: str
    meta: dict[str, Any]


@dataclass(frozen=True)
class ReadResult:
    articles: list[tuple[Article, dict[str, Any]]]  # the article and its `articles` table row
    errors: list[IngestError]


class InputFolderError(Exception):
    """The input folder itself is unusable (missing, not a folder, empty of articles)."""


def discover(input_dir: Path) -> list[Path]:
    """Input files below ``input_dir``, in a stable order; sidecars are read with their article."""
    if not input_dir.exists():
        raise InputFolderError(f"{input_dir}: input folder does not exist")
    if not input_dir.is_dir():
        raise InputFolderError(f"{input_dir}: input is not a folder")
    found: list[Path] = []
    for root, dirs, files in os.walk(input_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(META_SUFFIX):
                continue
            if name.lower().endswith(INPUT_SUFFIXES):
                found.append(Path(root) / name)
    return found


def article_id_of(text: str) -> tuple[str, str]:
    """(article_id, sha256): the id is a prefix of the hash of the text, so one text is one article."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digest[:16], digest


def read_files(paths: list[Path], input_dir: Path) -> ReadResult:
    """Decode a batch of input files into articles; duplicates within the batch are kept (the
    flow drops duplicates across the whole run so the first file in sorted order wins)."""
    articles: list[tuple[Article, dict[str, Any]]] = []
    errors: list[IngestError] = []
    for path in paths:
        rel = _relative(path, input_dir)
        try:
            docs = list(_read_docs(path, rel))
        except _BadInput as exc:
            errors.append(IngestError(rel, str(exc)))
            continue
        except OSError as exc:
            errors.append(IngestError(rel, f"cannot read file: {exc.strerror or exc}"))
            continue
        for doc in docs:
            if isinstance(doc, IngestError):
                errors.append(doc)
                continue
            try:
                articles.append(_to_article(doc))
            except _BadInput as exc:
                errors.append(IngestError(doc.source, str(exc)))
    return ReadResult(articles, errors)


class _BadInput(Exception):
    pass


def _relative(path: Path, input_dir: Path) -> str:
    try:
        return path.relative_to(input_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _read_docs(path: Path, rel: str) -> Iterator[SourceDoc | IngestError]:
    suffix = path.suffix.lower()
    size = path.stat().st_size
    limits = {".jsonl": MAX_JSONL_BYTES, ".html": MAX_PAGE_BYTES, ".htm": MAX_PAGE_BYTES}
    limit = limits.get(suffix, 4 * MAX_ARTICLE_CHARS)  # UTF-8 takes at most 4 bytes a character
    if size > limit:
        raise _BadInput(f"file is {size:,} bytes, over the {limit:,}-byte limit for one input")
    raw = path.read_bytes()
    if suffix == ".jsonl":
        yield from _read_jsonl(raw, rel)
        return
    text = _decode(raw)
    if suffix in (".html", ".htm"):
        yield _read_html(text, rel)
        return
    meta = _read_sidecar(path)
    yield SourceDoc(rel, text, meta)


def _decode(raw: bytes) -> str:
    if not raw:
        raise _BadInput("empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # a byte-order mark says UTF-16: decode it as such
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _BadInput(f"not valid UTF-16 despite its byte-order mark ({exc.reason})") from None
    elif b"\x00" in raw[:8192]:
        raise _BadInput("binary file (contains NUL bytes), not a text article")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _BadInput(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    if not text.strip():
        raise _BadInput("file holds only white space")
    return text


def _read_sidecar(path: Path) -> dict[str, Any]:
    meta_path = path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _BadInput(f"{meta_path.name}: metadata is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise _BadInput(f"{meta_path.name}: metadata must be a JSON object")
    return meta


def _read_jsonl(raw: bytes, rel: str) -> Iterator[SourceDoc | IngestError]:
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _BadInput(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    for number, line in enumerate(content.splitlines(), start=1):
        source = f"{rel}#{number}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield IngestError(source, f"line is not valid JSON ({exc})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield IngestError(source, 'line must be a JSON object with a non-empty "text" string')
            continue
        yield SourceDoc(source, obj.pop("text"), obj)


def _read_html(html: str, rel: str) -> SourceDoc:
    import trafilatura  # imported here: it is slow to import and only HTML inputs need it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise _BadInput("no article text found in the HTML page")
    meta = {
        key: value
        for key, value in (
            ("title", getattr(doc, "title", None)),
            ("url", getattr(doc, "url", None)),
            ("published", getattr(doc, "date", None)),
            ("source", getattr(doc, "sitename", None)),
        )
        if value
    }
    return SourceDoc(rel, text, meta)


def _to_article(doc: SourceDoc) -> tuple[Article, dict[str, Any]]:
    text = doc.text
    if len(text) > MAX_ARTICLE_CHARS:
        raise _BadInput(f"text is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,}-character limit")
    reason = not_english_reason(text)
    if reason:
        raise _BadInput(reason)
    article_id, sha256 = article_id_of(text)
    published, basis = _published(doc)
    title = doc.meta.get("title") or _headline(text)
    article = Article(article_id=article_id, text=text, published=published, title=title)
    row = {
        "article_id": article_id,
        "source": doc.source,
        "url": _str_or_none(doc.meta.get("url")),
        "title": _str_or_none(title),
        "outlet": _str_or_none(doc.meta.get("source")),
        "published": published,
        "published_basis": basis,
        "sha256": sha256,
        "n_chars": len(text),
        "text": text,
    }
    return article, row


def _published(doc: SourceDoc) -> tuple[date | None, str]:
    value = doc.meta.get("published")
    if value:
        try:
            published = date.fromisoformat(str(value)[:10])
        except ValueError:
            raise _BadInput(f"metadata 'published' is not an ISO date: {value!r}") from None
        if not 1945 <= published.year <= 2100:
            raise _BadInput(f"metadata 'published' is out of range: {value!r}")
        return published, "meta"
    inferred = infer_published(doc.text)
    if inferred is not None:
        return inferred, "inferred"
    return None, "unknown"


def _headline(text: str) -> str | None:
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if rest and first and len(first) <= MAX_TITLE_CHARS and not first.endswith((".", ":", ";")):
        return first
    return None


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
