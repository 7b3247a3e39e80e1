"""The scheduled deployment's flow, run as the deployment would run it: fetch, then build; the
dataset grows by exactly the new articles. (Each build costs ~20 s here, so there are only two.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import test_fetch
from conftest import table_rows
from pytest_httpserver import HTTPServer
from test_fetch import Feed, serve_page, sources_file

server = test_fetch.server  # the local HTTP server fixture


def articles_table(output: Path) -> list[dict[str, Any]]:
    rows = table_rows(output, "articles")
    return sorted(rows, key=lambda r: r["article_id"])


def test_update_deployment_grows_the_dataset_by_the_new_articles(
    prefect_harness: None, tmp_path: Path, server: HTTPServer
) -> None:
    from flows.fetch.flow import update_dataset
    from flows.serve import build_deployments

    serve_page(server, "/news/budget", "article-budget.html")
    serve_page(server, "/news/ministry", "article-ministry.html")
    serve_page(server, "/news/province", "article-province.html")
    feed = Feed(server, [("/news/budget", "Budget law"), ("/news/ministry", "Committee")])
    sources = sources_file(tmp_path, server)
    update, build = build_deployments(sources, tmp_path / "state", None, tmp_path / "output")
    assert update.name == "update" and build.name == "build"
    assert [s.schedule.cron for s in update.schedules] == ["0 * * * *"] and not build.schedules
    params = {**update.parameters, "retries": 1, "retry_delay_seconds": 0.01}

    first = update_dataset(**params)  # build 1
    assert first["built"] and first["valid"] and first["new"] == 2
    before = articles_table(tmp_path / "output")
    assert len(before) == 2

    assert update_dataset(**params) == {"new": 0, "errors": 0, "built": False}

    feed.items.append(("/news/province", "New chairman"))
    third = update_dataset(**params)  # build 2
    assert third["built"] and third["valid"] and third["new"] == 1
    after = articles_table(tmp_path / "output")
    assert len(after) == 3
    fetched = {p.stem for p in (tmp_path / "state" / "articles" / "test").glob("*.txt")}
    assert {r["article_id"] for r in after} == fetched
    assert [r for r in after if r["article_id"] in {b["article_id"] for b in before}] == before
