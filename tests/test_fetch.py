"""The fetch side (no network): a local HTTP server serves feeds and article pages written for
the tests; ``fetch_articles`` fetches them into a raw store and an input folder."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows import ingest

WEB = Path(__file__).parent / "fixtures" / "web"
FAST = {"retries": 2, "retry_delay_seconds": 0.01}
ROBOTS = "User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.no_handler_status_code = 404
    srv.start()
    srv.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    yield srv
    srv.clear()
    if srv.is_running():
        srv.stop()


def page(name: str) -> bytes:
    return (WEB / name).read_bytes()


def serve_page(server: HTTPServer, path: str, name: str) -> None:
    server.expect_request(path).respond_with_data(page(name), content_type="text/html; charset=utf-8")


def rss(server: HTTPServer, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link if '://' in link else server.url_for(link)}</link>"
        f"<pubDate>Mon, 01 Jul 2024 08:00:00 +0700</pubDate></item>"
        for link, title in items
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test</title>'
    return f"{head}{entries}</channel></rss>"


class Feed:
    """An RSS feed whose items can change, answering conditional GETs with 304."""

    def __init__(self, server: HTTPServer, items: list[tuple[str, str]], path: str = "/feed.xml") -> None:
        self.server, self.items, self.hits = server, list(items), 0
        server.expect_request(path).respond_with_handler(self)

    def __call__(self, request: Request) -> Response:
        self.hits += 1
        body = rss(self.server, self.items)
        etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type="application/rss+xml", headers={"ETag": etag})


def sources_file(tmp_path: Path, server: HTTPServer, *sources: dict[str, Any]) -> Path:
    entries = [
        {"name": "test", "url": server.url_for("/feed.xml"), "kind": "feed", "allow_private": True, **s}
        for s in sources or ({},)
    ]
    path = tmp_path / "sources.yaml"
    path.write_text(
        yaml.safe_dump({"defaults": {"delay_seconds": 0, "timeout_seconds": 5}, "sources": entries}), encoding="utf-8"
    )
    return path


def fetch(tmp_path: Path, sources: Path, **options: Any) -> Any:
    from flows.fetch.flow import fetch_articles

    return fetch_articles(sources, tmp_path / "state", tmp_path / "input", **{**FAST, **options})


def reasons(report: Any) -> dict[str, str]:
    return {url.rsplit("/", 1)[-1]: reason for url, reason in report.skipped}


def test_first_fetch_then_nothing_new_then_one_new_item(
    prefect_harness: None, tmp_path: Path, server: HTTPServer
) -> None:
    serve_page(server, "/news/budget", "article-budget.html")
    serve_page(server, "/news/ministry", "article-ministry.html")
    serve_page(server, "/news/province", "article-province.html")
    feed = Feed(server, [("/news/budget", "Budget law"), ("/news/ministry", "Committee")])
    sources = sources_file(tmp_path, server, {"outlet": "Test News"})

    first = fetch(tmp_path, sources)
    assert first.errors == [] and first.skipped == []
    assert len(first.new) == 2
    input_dir = tmp_path / "input"
    txts = sorted(input_dir.rglob("*.txt"))
    assert len(txts) == 2
    metas = [json.loads(p.with_name(p.stem + ".meta.json").read_text()) for p in txts]
    assert {m["title"] for m in metas} == {
        "National Assembly approves revised state budget law",
        "Government sets up steering committee on digital transformation",
    }
    assert all(m["source"] == "Test News" and m["url"].startswith("http://127.0.0.1:") for m in metas)
    assert {m["published"] for m in metas} == {"2024-06-18", "2024-07-02"}
    # build_dataset reads them as they are, and the ids are the ones the fetch named them by
    read = ingest.read_files(ingest.discover(input_dir), input_dir)
    assert read.errors == []
    assert {a.article_id for a, _ in read.articles} == {p.stem for p in txts}
    # the raw store keeps every response (the feed and both pages), compressed, with headers
    from flows.fetch.raw_store import RawStore

    raw = RawStore(tmp_path / "state" / "raw")
    records = raw.records()
    assert {r["url"].rsplit("/", 1)[-1] for r in records} == {"feed.xml", "budget", "ministry"}
    budget = next(r for r in records if r["url"].endswith("/budget"))
    assert raw.get(budget["sha256"]) == page("article-budget.html")
    assert budget["headers"]["content-type"].startswith("text/html") and budget["fetched_at"]
    blobs = sorted((tmp_path / "state" / "raw" / "blobs").rglob("*.gz"))
    assert len(blobs) == 3 and gzip.decompress(blobs[0].read_bytes())
    stamps = {p: p.stat().st_mtime_ns for p in [*blobs, *txts]}

    # the second run: the feed answers 304, nothing else is fetched, nothing is written
    time.sleep(0.01)
    second = fetch(tmp_path, sources)
    assert second.new == [] and second.unchanged == ["test"] and second.requests == 2  # robots + feed
    assert feed.hits == 2
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert len(raw.records()) == 3

    # a new item: only it is fetched
    feed.items.append(("/news/province", "New chairman"))
    third = fetch(tmp_path, sources)
    assert len(third.new) == 1 and third.requests == 3  # robots, feed, the new page
    meta = json.loads((input_dir / third.new[0]).with_suffix("").with_suffix(".meta.json").read_text())
    assert meta["published"] == "2024-07-01" and meta["published_from"] == "feed"  # the page has no date


def test_bad_links_are_skipped_with_a_reason(prefect_harness: None, tmp_path: Path, server: HTTPServer) -> None:
    serve_page(server, "/news/budget", "article-budget.html")
    serve_page(server, "/partner/budget-copy", "article-budget-syndicated.html")
    serve_page(server, "/news/vi", "article-vietnamese.html")
    serve_page(server, "/private/secret", "article-ministry.html")
    server.expect_request("/files/report.pdf").respond_with_data(b"%PDF-1.4 binary", content_type="application/pdf")
    server.expect_request("/news/huge").respond_with_data(b"<html><p>" + b"word " * 40_000, content_type="text/html")
    server.expect_request("/loop/a").respond_with_data("", status=302, headers={"Location": "/loop/b"})
    server.expect_request("/loop/b").respond_with_data("", status=302, headers={"Location": "/loop/a"})
    Feed(
        server,
        [
            ("/news/budget", "Budget"),
            ("/partner/budget-copy", "Budget (syndicated)"),
            ("/news/vi", "Tiếng Việt"),
            ("/private/secret", "Robots say no"),
            ("/files/report.pdf", "A PDF"),
            ("/news/huge", "Too big"),
            ("/loop/a", "Loop"),
            ("file:///etc/passwd", "Not http"),
            ("/news/missing", "Gone"),
        ],
    )
    report = fetch(tmp_path, sources_file(tmp_path, server, {"max_bytes": 100_000}))
    assert len(report.new) == 1
    assert [url.rsplit("/", 1)[-1] for url, _ in report.merged] == ["budget-copy"]
    skipped = reasons(report)
    assert skipped["vi"].startswith("not English") and "lang=vi" in skipped["vi"]
    assert skipped["secret"].startswith("disallowed by robots.txt")
    assert skipped["report.pdf"] == "not an HTML page (content-type application/pdf)"
    assert "over the 100000-byte cap" in skipped["huge"]
    assert skipped["a"].startswith("redirect loop")
    assert skipped["passwd"].startswith("not an http(s) URL")
    assert skipped["missing"].startswith("HTTP 404")
    assert report.errors == []
    # one article with both URLs
    (txt,) = (tmp_path / "input").rglob("*.txt")
    meta = json.loads(txt.with_name(txt.stem + ".meta.json").read_text())
    assert [u.split("/", 3)[-1] for u in meta["urls"]] == ["news/budget", "partner/budget-copy"]
    # skipped links are remembered with their reasons and not fetched again
    items = json.loads((tmp_path / "state" / "items.json").read_text())
    assert items[server.url_for("/news/vi")]["status"] == "skipped"
    again = fetch(tmp_path, sources_file(tmp_path, server, {"max_bytes": 100_000}))
    assert again.new == [] and again.skipped == [] and again.unchanged == ["test"]


def test_http_500_then_success_is_retried(prefect_harness: None, tmp_path: Path, server: HTTPServer) -> None:
    calls = {"n": 0}

    def flaky(request: Request) -> Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return Response("busy", status=500)
        return Response(page("article-ministry.html"), content_type="text/html")

    server.expect_request("/news/flaky").respond_with_handler(flaky)
    Feed(server, [("/news/flaky", "Flaky")])
    report = fetch(tmp_path, sources_file(tmp_path, server))
    assert calls["n"] == 2
    assert len(report.new) == 1 and report.errors == []


def test_a_timeout_is_retried_then_reported_and_left_pending(
    prefect_harness: None, tmp_path: Path, server: HTTPServer
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(page("article-province.html"), content_type="text/html")

    server.expect_request("/news/slow").respond_with_handler(slow)
    serve_page(server, "/news/ministry", "article-ministry.html")
    Feed(server, [("/news/slow", "Slow"), ("/news/ministry", "Fine")])
    report = fetch(tmp_path, sources_file(tmp_path, server, {"timeout_seconds": 0.3}), retries=1)
    assert len(report.new) == 1
    assert len(report.errors) == 1 and "timed out after 0.3 s" in report.errors[0][1]
    items = json.loads((tmp_path / "state" / "items.json").read_text())
    assert items[server.url_for("/news/slow")]["status"] == "pending"
    # the next run tries the pending page again although the feed has not changed
    server.clear()
    server.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    serve_page(server, "/news/slow", "article-province.html")
    Feed(server, [("/news/slow", "Slow"), ("/news/ministry", "Fine")])
    later = fetch(tmp_path, sources_file(tmp_path, server, {"timeout_seconds": 0.3}))
    assert len(later.new) == 1 and later.errors == []


def test_malformed_and_hostile_feeds(prefect_harness: None, tmp_path: Path, server: HTTPServer) -> None:
    for name in ("feed-malformed.xml", "feed-entities.xml"):
        server.expect_request(f"/{name}").respond_with_data(page(name), content_type="application/rss+xml")
    serve_page(server, "/news/ministry", "article-ministry.html")
    Feed(server, [("/news/ministry", "Fine")])
    sources = sources_file(
        tmp_path,
        server,
        {"name": "broken", "url": server.url_for("/feed-malformed.xml")},
        {"name": "bomb", "url": server.url_for("/feed-entities.xml")},
        {"name": "good"},
        {
            "name": "not-allowed",
            "url": server.url_for("/feed.xml").replace("127.0.0.1", "localhost"),
            "allow_private": False,
        },
    )
    report = fetch(tmp_path, sources)
    errors = dict(report.errors)
    assert errors["broken"].startswith("malformed feed XML")
    assert errors["bomb"].startswith("feed XML refused: EntitiesForbidden")
    assert "non-public address" in errors["not-allowed"]
    assert len(report.new) == 1  # the good source still went through


def test_fetch_command(prefect_harness: None, tmp_path: Path, server: HTTPServer, capsys: Any) -> None:
    from flows.cli import main

    serve_page(server, "/news/budget", "article-budget.html")
    Feed(server, [("/news/budget", "Budget")])
    sources = sources_file(tmp_path, server)
    args = ["fetch", "--sources", str(sources), "--state", str(tmp_path / "state"), "--retry-delay", "0.01"]
    assert main(args) == 0
    assert "1 new article(s)" in capsys.readouterr().out
    assert len(list((tmp_path / "state" / "articles" / "test").glob("*.txt"))) == 1
    assert main(args) == 0
    assert "0 new article(s)" in capsys.readouterr().out
    (tmp_path / "bad.yaml").write_text("sources:\n  - name: x\n    url: ftp://example.org/\n    kind: feed\n")
    assert main(["fetch", "--sources", str(tmp_path / "bad.yaml")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"vngov: error: {tmp_path / 'bad.yaml'}: source 'x': 'url' must be an http:// or https:// URL"


def test_sources_file_is_checked() -> None:
    from flows.fetch.sources import load_sources

    real = load_sources(Path(__file__).resolve().parents[1] / "sources.yaml")
    assert len(real) >= 7 and not any(s.allow_private for s in real)
    assert {s.kind for s in real} == {"feed", "page"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("sources: 3", "must be a mapping with a 'sources' list"),
        ("sources:\n  - {name: a, url: 'http://x.org/', kind: blog}", "source 'a': 'kind' must be one of feed, page"),
        ("sources:\n  - {name: a, url: 'http://x.org/', kind: page}", "source 'a': a 'page' source needs"),
        ("sources:\n  - {name: a, url: 'http://x.org/', kind: feed, delay: 1}", "source 'a': unknown setting 'delay'"),
        ("sources:\n  - {name: a, url: 'http://x.org/', kind: feed, max_bytes: -1}", "'max_bytes' must be positive"),
        ("sources:\n  - {name: A b, url: 'http://x.org/', kind: feed}", "source 1: 'name' must be lower-case"),
        ("sources: [", "not valid YAML"),
    ],
)
def test_bad_sources_files(tmp_path: Path, text: str, problem: str) -> None:
    from flows.fetch.sources import SourcesError, parse_sources

    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        parse_sources(path)
    assert problem in str(caught.value) and str(caught.value).startswith(str(path))
