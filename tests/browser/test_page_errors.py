"""No page of the guide throws: every browser test fails on an uncaught page error (conftest.fail_on_page_errors);
these tests visit the pages no other browser test reaches the way a reader does, instant navigation included."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_world_map_page_loads_and_its_links_work_with_instant_navigation(session: Any, origin: str) -> None:
    """The map's countries are SVG links: Material's link rewriting once threw on them ("Cannot set property href
    of #<SVGAElement>"), on a direct load and after instant navigation."""
    context, recorder = session
    page = context.new_page()
    page.goto(origin + "countries/")
    page.wait_for_load_state("load")
    page.locator('svg.ceg-world-map a[aria-label^="Brazil:"]').click()
    page.wait_for_url(re.compile(r".*/countries/br/$"))
    assert "Brazil" in page.locator("h1").first.inner_text()

    page.goto(origin)
    page.wait_for_load_state("load")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content a[href$='countries/']").first.click()  # instant navigation to the map page
    page.wait_for_url(re.compile(r".*/countries/$"))
    page.locator("svg.ceg-world-map").wait_for()
    assert page.evaluate("window.__sameDocument") is True, "instant navigation was not exercised"
    page.locator('svg.ceg-world-map a[aria-label^="Egypt:"]').click()
    page.wait_for_url(re.compile(r".*/countries/eg/$"))
    assert "Egypt" in page.locator("h1").first.inner_text()
    page.wait_for_timeout(300)
    assert recorder.errors == []
