"""The in-browser report shows the destination's context facts (indicator, value, year, source) like the CLI."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_checker import clear_form, fill_deal, scenario_deal, screen

pytestmark = pytest.mark.browser


def test_browser_report_shows_the_context_facts_that_fed_the_verdict(checker_page: Any) -> None:
    page, _ = checker_page
    clear_form(page)
    fill_deal(page, scenario_deal("context-same-family-egypt-exploit-security"))
    verdict, codes = screen(page)
    assert verdict == "STOP" and {"U401", "C304", "C301", "C300"} <= set(codes)
    text = page.inner_text(".dc-report-host")
    assert "Voice and Accountability -1.38 (percentile rank 10.8), 2023 (WGI 2024 update)" in text
    assert "Worldwide Governance Indicators, CC BY 4.0" in text
    assert "Predator spyware against presidential hopeful Ahmed Eltantawy" in text
    hrefs = page.eval_on_selector_all(".dc-report-host a", "els => els.map(a => a.getAttribute('href'))")
    assert any(h.endswith("/countries/eg/#misuse") for h in hrefs)
