"""The checker form and its report pass axe-core's automated accessibility rules (bundled with the test package,
so nothing is fetched); every control has an accessible name."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_checker import clear_form, fill_deal, scenario_deal, screen

pytestmark = pytest.mark.browser
SERIOUS = ("serious", "critical")


def _violations(page: Any, selector: str) -> list[str]:
    results = Axe().run(page, context=selector)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def test_checker_form_has_no_serious_accessibility_violations(checker_page: Any) -> None:
    page, _ = checker_page
    clear_form(page)
    assert _violations(page, "#dealchecker") == []


def test_every_form_control_has_an_accessible_name(checker_page: Any) -> None:
    page, _ = checker_page
    unnamed = page.eval_on_selector_all(
        "#dealchecker input, #dealchecker select, #dealchecker textarea, #dealchecker button",
        """els => els.filter(el => el.offsetParent !== null).filter(el => {
            const labelled = el.labels && el.labels.length > 0;
            const aria = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
            const text = el.tagName === 'BUTTON' && el.textContent.trim();
            return !(labelled || aria || text);
        }).map(el => el.outerHTML.slice(0, 120))""",
    )
    assert unnamed == []


def test_report_has_no_serious_accessibility_violations(checker_page: Any) -> None:
    page, _ = checker_page
    clear_form(page)
    fill_deal(page, scenario_deal("gamma-finfisher-egypt"))
    verdict, _codes = screen(page)
    assert verdict == "STOP"
    assert _violations(page, ".dc-report-host") == []
