"""Open the built site in Debian's Chromium (Playwright), served on 127.0.0.1: pages of each kind, search, no
request leaves the origin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from checker import links
from checker.reference import load_reference
from checker.registry import all_rules
from tests.browser.siteserver import CHROMIUM, CHROMIUM_ARGS, free_port, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def origin(site_dir: Path) -> Iterator[str]:
    with serve(site_dir, free_port()) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian chromium is not installed at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_pages_of_each_kind_and_search_stay_on_the_origin(browser: object, origin: str) -> None:
    ref = load_reference()
    case = next(c for c in ref.case_studies if c.id == "bluecoat-syria-computerlinks")
    kinds = {
        "home": "",
        "step": links.step_page("end-user"),
        "case study": links.case_study_page(case.id),
        "country": links.country_page("SY"),
        "region": "countries/asia/",
        "control entry": links.control_page("5A001.j"),
        "capability": links.capability_page("deep_packet_inspection"),
        "finding code": links.finding_page(all_rules()[0].code),
        "glossary": "glossary/",
        "data sources": links.DATA_SOURCES_PAGE,
    }
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for kind, path in kinds.items():
        response = page.goto(f"{origin}/{path}")
        assert response is not None and response.status == 200, (kind, path)
        assert page.locator("h1").first.inner_text().strip(), kind
        assert "Data as of" in page.locator(".md-footer").inner_text(), kind

    page.goto(f"{origin}/")
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("Computerlinks")
    result = page.locator(f".md-search-result__link[href*='{links.case_study_page(case.id)}']").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_url(f"**/{links.case_study_page(case.id)}**")
    assert case.title.split(" ")[0] in page.locator("h1").first.inner_text()

    page.locator("form[data-md-component='palette'] label:visible").first.click()  # dark/light toggle works offline
    context.close()

    origin_netloc = urlsplit(origin).netloc
    off_origin = [
        url
        for url in requests
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != origin_netloc
    ]
    assert not off_origin, off_origin
    assert any(url.endswith("search_index.json") for url in requests), "the search index was not loaded from the site"
    assert not errors, errors
