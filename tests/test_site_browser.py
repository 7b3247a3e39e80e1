"""The site in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright's
Python API, loading the site from a local HTTP server.

Checked on every page: no console errors, no uncaught exceptions and no request that leaves
localhost. Skipped only outside CI when Chromium or Playwright is missing; in CI (CI=true) a
missing browser is a failure."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from flows.site.build import build_site

CHROMIUM = os.environ.get("VNGOV_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path(__file__).resolve().parents[1] / "output" / "site-overview.png"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _need_browser() -> Any:
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = problem or "the playwright Python package is not installed"
    if problem:
        if IN_CI:
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    return sync_playwright


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site_dir(seeds_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("browser-site") / "site"
    build_site(seeds_build, site)
    return site


@pytest.fixture(scope="module")
def big_site_dir(seeds_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """11,000 bodies rows over 2,000 articles: several chunks, paging and filtering at scale."""
    from test_site import synthesise_output

    out = synthesise_output(seeds_build, tmp_path_factory.mktemp("big-output") / "output", copies=1000)
    build_site(out)
    return out / "site"


def _serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watched:
    """A page that records console errors, page errors and every request's address; requests
    that would leave localhost are aborted and reported."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "about") or (
            url.scheme in ("http", "file") and url.hostname in (None, "", "127.0.0.1", "localhost")
        ):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def goto(self, path: str) -> Any:
        self.page.goto(f"{self.base}/{path}")
        return self.page

    def check(self) -> None:
        assert not self.errors, self.errors
        assert not self.outside, f"requests left localhost: {self.outside}"


@pytest.fixture
def page(browser: Any, site_dir: Path) -> Iterator[Watched]:
    server, base = _serve(site_dir)
    watched = Watched(browser, base)
    try:
        yield watched
        watched.check()
    finally:
        watched.page.close()
        server.shutdown()


def test_overview_renders_every_chart(page: Watched) -> None:
    p = page.goto("index.html")
    p.wait_for_load_state("load")
    charts = p.locator("svg.chart")
    assert charts.count() == 5
    for i in range(charts.count()):
        chart = charts.nth(i)
        name = chart.get_attribute("data-chart")
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 80, name
        assert chart.locator(".mark").count() > 0, f"{name} chart is empty"
    assert "valid" in p.locator("#validation-status").inner_text()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000


def _count(p: Any) -> int:
    p.wait_for_selector("#status[data-count]")
    return int(p.locator("#status").get_attribute("data-count"))


def test_filtering_a_table_changes_the_rows(page: Watched) -> None:
    p = page.goto("table.html#t=bodies")
    total = _count(p)
    assert total > 3 and p.locator("#data tbody tr").count() == min(total, 50)

    p.select_option("#f-kind", "party")
    p.wait_for_function(f"document.querySelector('#status').dataset.count != '{total}'")
    kinds = p.locator("#data tbody td[data-col=kind]").all_inner_texts()
    assert kinds and set(kinds) == {"party"} and len(kinds) < total
    assert "kind=party" in p.evaluate("location.hash")

    p.select_option("#f-kind", "")
    p.fill("#f-q", "committee")
    p.wait_for_function("document.querySelector('#status').dataset.count != '" + str(total) + "'")
    rows = p.locator("#data tbody tr").all_inner_texts()
    assert rows and all("committee" in r.lower() for r in rows)

    p.fill("#f-q", "no such body anywhere")
    p.wait_for_function("document.querySelector('#status').dataset.count == '0'")
    assert p.locator("#data tbody tr").count() == 0
    p.click("#f-reset")
    p.wait_for_function(f"document.querySelector('#status').dataset.count == '{total}'")

    p.click("#data th[data-col=name] button")
    names = p.locator("#data tbody td[data-col=name]").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    p.click("#data th[data-col=name] button")
    names = p.locator("#data tbody td[data-col=name]").all_inner_texts()
    assert names == sorted(names, key=str.lower, reverse=True)


def test_a_deadline_filter_by_date(page: Watched) -> None:
    p = page.goto("table.html#t=deadlines&from=2026-01-01")
    n = _count(p)
    starts = p.locator("#data tbody td[data-col=when]").all_inner_texts()
    assert n > 0 and all(w >= "2026" or "/" in w for w in starts), starts


def test_following_a_row_reaches_its_highlighted_evidence(page: Watched) -> None:
    p = page.goto("table.html#t=officials")
    _count(p)
    first = p.locator("#data tbody tr").first
    surface = first.locator("td[data-col=surface]").inner_text()
    first.locator("a.ev-link").click()
    p.wait_for_selector("#evidence mark.hl")
    assert p.locator("#evidence mark.hl").inner_text() == surface
    assert surface in p.locator("#evidence").inner_text()
    assert p.locator("#article").is_visible()
    assert "publication date" in p.locator("#article").inner_text() or "published" in p.locator("#article").inner_text()

    p.click("#entity-link")
    p.wait_for_selector(".entity-article blockquote mark.hl")
    assert surface in p.locator(".entity-article").first.inner_text()

    p.locator(".entity-article h3 a").first.click()
    p.wait_for_selector("#article-text a.span")
    assert p.locator("#article-text a.span.officials").count() >= 1


def test_article_page_marks_the_chosen_span(page: Watched) -> None:
    p = page.goto("table.html#t=deadlines")
    _count(p)
    first = p.locator("#data tbody tr").first
    row = first.locator("a.ev-link").get_attribute("href").split("#", 1)[1]
    surface = first.locator("td[data-col=surface]").inner_text()
    first.locator("a.ev-link").click()
    p.locator("#article a", has_text="whole article").click()
    p.wait_for_selector("#article-text a.span")
    aid = p.evaluate("location.hash.slice(1)")
    page.goto(f"article.html#{aid}/{row}")
    p.wait_for_selector("#hl.current")
    assert p.locator("#hl").inner_text() == surface


def test_the_site_works_opened_from_disk(browser: Any, site_dir: Path) -> None:
    watched = Watched(browser, site_dir.resolve().as_uri())
    try:
        p = watched.goto("table.html#t=officials")
        assert _count(p) > 0
        watched.goto("index.html").wait_for_load_state("load")
        assert p.locator("svg.chart").count() == 5
        watched.check()
    finally:
        watched.page.close()


def test_ten_thousand_rows_stay_responsive(browser: Any, big_site_dir: Path) -> None:
    server, base = _serve(big_site_dir)
    watched = Watched(browser, base)
    try:
        p = watched.goto("table.html#t=bodies")
        total = _count(p)
        assert total >= 10_000
        assert p.locator("#data tbody tr").count() == 50
        assert "of " + f"{-(-total // 50):,}" in p.locator("#page-no").inner_text()
        started = time.monotonic()
        p.fill("#f-q", "politburo")
        p.wait_for_function(f"document.querySelector('#status').dataset.count != '{total}'")
        assert time.monotonic() - started < 3, "filtering 10,000 rows took too long"
        assert all("politburo" in r.lower() for r in p.locator("#data tbody tr").all_inner_texts())
        p.click("#pager button[data-page='1']")
        assert "page 2" in p.locator("#page-no").inner_text()
        p.goto(f"{base}/index.html")
        assert p.locator("svg.chart .mark").count() > 10
        watched.check()
    finally:
        watched.page.close()
        server.shutdown()
