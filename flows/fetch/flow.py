"""The ``fetch_articles`` Prefect flow: read every source's feed or listing page, fetch the
article pages not seen before, keep every response in the raw store and write the articles into
the input folder; and ``update_dataset``, fetch then ``build_dataset``, which ``vngov serve`` runs
on a schedule.

State under the state folder (default ``state/``):
``http_validators.json`` (ETag / Last-Modified per feed), ``items.json`` (every article URL seen:
done, skipped with its reason, or pending after transient failures), ``raw/`` (the raw store).
"""

from __future__ import annotations

from flows import settings

settings.apply()

import threading  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows.fetch import articles  # noqa: E402
from flows.fetch.feeds import Item, Listing, parse_feed, parse_listing  # noqa: E402
from flows.fetch.http import FetchRefused, PoliteClient, TransientFetchError  # noqa: E402
from flows.fetch.raw_store import RawStore  # noqa: E402
from flows.fetch.sources import Source, load_sources  # noqa: E402
from flows.fetch.state import JsonStore  # noqa: E402

DEFAULT_STATE = Path("state")
DEFAULT_RETRIES = 3
DEFAULT_RETRY_DELAY = 10.0  # seconds before the first retry; each later one waits 4× longer
BATCH_SIZE = 10
MAX_ATTEMPTS = 5  # runs an article URL stays pending through transient failures before it is given up


def default_input(state_dir: Path) -> Path:
    return Path(state_dir) / "articles"


@dataclass
class FetchReport:
    new: list[str] = field(default_factory=list)  # paths of new .txt files, relative to the input folder
    merged: list[tuple[str, str]] = field(default_factory=list)  # (url, article_id) of syndicated copies
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source or url, problem)
    unchanged: list[str] = field(default_factory=list)  # sources whose feed had not changed
    requests: int = 0

    @property
    def n_new(self) -> int:
        return len(self.new)


class Fetcher:
    """What the tasks of one run share: the client, the stores and the report."""

    def __init__(self, state_dir: Path, input_dir: Path) -> None:
        self.state_dir, self.input_dir = Path(state_dir), Path(input_dir)
        self.raw = RawStore(self.state_dir / "raw")
        self.validators = JsonStore(self.state_dir / "http_validators.json")
        self.items = JsonStore(self.state_dir / "items.json")
        self.client = PoliteClient(self.validators, self.raw)
        self.report = FetchReport()
        self._lock = threading.Lock()

    def note(self, kind: str, value: Any) -> None:
        with self._lock:
            getattr(self.report, kind).append(value)

    def mark(self, item: Item, status: str, **extra: Any) -> None:
        previous = self.items.get(item.url) or {}
        self.items.set(
            item.url,
            {
                **previous,
                "status": status,
                "source": item.source,
                "title": item.title,
                "published": item.published,
                "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                **extra,
            },
        )

    def save(self) -> None:
        self.validators.save()
        self.items.save()

    def close(self) -> None:
        self.save()
        self.client.close()


@task(cache_policy=NO_CACHE)
def read_source(fetcher: Fetcher, source: Source) -> list[Item]:
    """The article links of one feed or listing page; [] when it has not changed since last time."""
    try:
        response = fetcher.client.get(source.url, source, conditional=True)
    except FetchRefused as exc:
        fetcher.note("errors", (source.name, str(exc)))
        return []
    finally:
        fetcher.validators.save()
    if response.not_modified:
        fetcher.note("unchanged", source.name)
        return []
    try:
        listing: Listing = (parse_feed if source.kind == "feed" else parse_listing)(
            response.body, response.final_url, source
        )
    except FetchRefused as exc:
        fetcher.note("errors", (source.name, str(exc)))
        return []
    if listing.warning:
        fetcher.note("errors", (source.name, listing.warning))
    return listing.items


@task(cache_policy=NO_CACHE)
def fetch_batch(fetcher: Fetcher, source: Source, items: list[Item]) -> None:
    """Fetch and write a batch of article pages of one source. Pages that fail transiently make the
    task fail after the others are done, so that Prefect retries it; a retry skips the pages done."""
    failures: list[str] = []
    for item in items:
        if (fetcher.items.get(item.url) or {}).get("status") in ("done", "skipped"):
            continue
        try:
            response = fetcher.client.get(item.url, source)
            extracted = articles.extract(response, item)
            outcome, article_id, path = articles.write_article(fetcher.input_dir, source, item, response, extracted)
        except (FetchRefused, articles.NotAnArticle) as exc:
            fetcher.mark(item, "skipped", reason=str(exc))
            fetcher.note("skipped", (item.url, str(exc)))
            continue
        except TransientFetchError as exc:
            failures.append(str(exc))
            continue
        fetcher.mark(item, "done", article_id=article_id)
        if outcome == "new":
            fetcher.note("new", path.relative_to(fetcher.input_dir).as_posix())
        else:
            fetcher.note("merged", (item.url, article_id))
    fetcher.items.save()
    if failures:
        raise TransientFetchError(f"{len(failures)} page(s) failed, first: {failures[0]}")


def _delays(retries: int, first: float) -> list[float]:
    return [first * 4**i for i in range(max(retries, 0))]


@flow(name="fetch_articles", log_prints=False)
def fetch_articles(
    sources_file: Path,
    state_dir: Path = DEFAULT_STATE,
    input_dir: Path | None = None,
    retries: int = DEFAULT_RETRIES,
    retry_delay_seconds: float = DEFAULT_RETRY_DELAY,
    batch_size: int = BATCH_SIZE,
) -> FetchReport:
    """Fetch new articles from the sources in ``sources_file`` into ``input_dir``
    (default ``<state_dir>/articles``)."""
    state_dir = Path(state_dir)
    input_dir = Path(input_dir) if input_dir is not None else default_input(state_dir)
    sources = load_sources(Path(sources_file))
    fetcher = Fetcher(state_dir, input_dir)
    delays = _delays(retries, retry_delay_seconds)
    reader = read_source.with_options(retries=retries, retry_delay_seconds=delays)
    fetch = fetch_batch.with_options(retries=retries, retry_delay_seconds=delays)
    try:
        listed = [(source, reader.submit(fetcher, source)) for source in sources]
        by_source: dict[str, list[Item]] = {}
        for source, future in listed:
            try:
                by_source[source.name] = future.result()
            except Exception as exc:  # retries exhausted: report it, go on with the others
                fetcher.note("errors", (source.name, _describe(exc)))
                by_source[source.name] = []
        _add_pending(fetcher, sources, by_source)
        jobs = []
        for source in sources:
            todo = by_source.get(source.name, [])
            for start in range(0, len(todo), batch_size):
                batch = todo[start : start + batch_size]
                jobs.append((batch, fetch.submit(fetcher, source, batch)))
        for batch, job in jobs:
            try:
                job.result()
            except Exception as exc:
                fetcher.note("errors", (batch[0].source, _describe(exc)))
                for item in batch:
                    entry = fetcher.items.get(item.url) or {}
                    if entry.get("status") in ("done", "skipped"):
                        continue
                    attempts = int(entry.get("attempts", 0)) + 1
                    if attempts >= MAX_ATTEMPTS:
                        reason = f"gave up after {attempts} runs: {_describe(exc)}"
                        fetcher.mark(item, "skipped", reason=reason, attempts=attempts)
                        fetcher.note("skipped", (item.url, reason))
                    else:
                        fetcher.mark(item, "pending", attempts=attempts, last_error=_describe(exc))
    finally:
        fetcher.report.requests = fetcher.client.requests
        fetcher.close()
    fetcher.report.new.sort()
    return fetcher.report


def _add_pending(fetcher: Fetcher, sources: list[Source], by_source: dict[str, list[Item]]) -> None:
    """Drop links already done or skipped; add links still pending from earlier runs."""
    names = {s.name for s in sources}
    queued: set[str] = set()
    for name, items in by_source.items():
        fresh = []
        for item in items:
            status = (fetcher.items.get(item.url) or {}).get("status")
            if status in ("done", "skipped") or item.url in queued:
                continue
            queued.add(item.url)
            fresh.append(item)
        by_source[name] = fresh
    for url, entry in fetcher.items.items():
        if entry.get("status") == "pending" and url not in queued and entry.get("source") in names:
            queued.add(url)
            item = Item(url=url, source=entry["source"], title=entry.get("title"), published=entry.get("published"))
            by_source.setdefault(entry["source"], []).append(item)


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


@flow(name="update_dataset", log_prints=False)
def update_dataset(
    sources_file: Path,
    state_dir: Path = DEFAULT_STATE,
    input_dir: Path | None = None,
    output_dir: Path = Path("output"),
    retries: int = DEFAULT_RETRIES,
    retry_delay_seconds: float = DEFAULT_RETRY_DELAY,
) -> dict[str, Any]:
    """Fetch new articles, then build and validate the dataset if anything is new (or nothing
    has been built yet)."""
    from flows.flow import build_dataset

    input_dir = Path(input_dir) if input_dir is not None else default_input(Path(state_dir))
    report = fetch_articles(sources_file, state_dir, input_dir, retries, retry_delay_seconds)
    summary: dict[str, Any] = {"new": report.n_new, "errors": len(report.errors), "built": False}
    built_before = Path(output_dir).is_dir() and any(Path(output_dir).iterdir())
    if (report.n_new or not built_before) and any(input_dir.rglob("*.txt")):
        build = build_dataset(input_dir, Path(output_dir))
        summary.update(built=True, valid=build.valid, rows=build.rows)
    return summary
