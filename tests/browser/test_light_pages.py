"""Light pages and an early start (issue 13): guidance pages download the search index only when the visitor goes to
search, and the checker page fetches neither the search index nor the sitemap before the checker is ready; the
checker's worker starts while the page is parsed, before Material's bundle has run."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import READY, open_context

pytestmark = pytest.mark.browser


def named(requests: list[str], part: str) -> list[str]:
    return [url for url in requests if part in url]


def test_guidance_page_loads_the_search_index_only_for_search(browser: Any, origin: str) -> None:
    context, recorder = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(origin + "steps/end-user/")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert named(recorder.requests, "search_index.json") == []
        assert named(recorder.requests, "/assets/pyodide/") == []
        with page.expect_request(lambda r: "search_index.json" in r.url, timeout=30000):
            page.keyboard.press("/")  # Material's search shortcut
        page.fill("input[data-md-component=search-query]", "end user")
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=30000)
        assert results.count() > 0
        assert not recorder.errors, recorder.errors
    finally:
        context.close()


def test_search_box_click_loads_the_index(browser: Any, origin: str) -> None:
    context, recorder = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(origin + "principles/")
        page.wait_for_load_state("networkidle")
        assert named(recorder.requests, "search_index.json") == []
        with page.expect_request(lambda r: "search_index.json" in r.url, timeout=30000):
            page.click("input[data-md-component=search-query]")
    finally:
        context.close()


def test_checker_page_fetches_no_search_index_or_sitemap_before_ready(browser: Any, origin: str) -> None:
    context, recorder = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(origin + "checker/")
        page.wait_for_selector(READY, timeout=120000)
        before = list(recorder.requests)
        assert named(before, "search_index.json") == []
        # The sitemap is released by the ready state itself: it starts no earlier than the ready mark.
        page.wait_for_timeout(500)
        started = page.evaluate(
            """() => [performance.getEntriesByName('dealchecker:ready')[0].startTime,
                      ...performance.getEntriesByType('resource').filter(e => e.name.endsWith('/sitemap.xml'))
                        .map(e => e.startTime)]"""
        )
        assert len(started) == 2 and started[1] >= started[0], started
        assert len([u for u in before if "/assets/checker/build/worker-" in u]) == 1  # early.js and mount(): one worker
    finally:
        context.close()
