"""Decision first (issue 10): after "Check the deal" the verdict box is in view, focused and announced; it names the
findings that decided the verdict with their plain-language titles and the verdict's own next steps, and a STOP
offers no fix-it conditions."""

from __future__ import annotations

from typing import Any

import pytest

from checker.engine import screen_raw
from checker.rule_titles import TITLES
from tests.browser.conftest import open_checker
from tests.browser.test_checker import clear_form, fill_deal, scenario_deal, screen

pytestmark = pytest.mark.browser

CASES = {
    "gamma-finfisher-egypt": ("STOP", "What to do now"),
    "evasive-buyer": ("ESCALATE", "What must be resolved, and by whom"),
    "facial-recognition-norway-conditions": ("PROCEED_WITH_CONDITIONS", "The conditions to meet before you proceed"),
    "benign-firewall-egypt-private": ("PROCEED", "What was checked, and what was not"),
}

IN_VIEW = """() => {
    const box = document.querySelector('.dc-report-host .dc-verdict');
    const r = box.getBoundingClientRect();
    const header = document.querySelector('.md-header');
    const below = header ? header.getBoundingClientRect().bottom : 0;   // Material's header is fixed on top
    return { top: r.top - below, height: window.innerHeight - below, focused: document.activeElement === box };
}"""


def _box(page: Any) -> dict[str, Any]:
    return {
        "line": page.inner_text(".dc-report-host .dc-verdict-line"),
        "deciding": page.eval_on_selector_all(".dc-report-host .dc-deciding li", "els => els.map(e => e.dataset.code)"),
        "deciding_text": page.inner_text(".dc-report-host .dc-verdict"),
        "next_title": page.inner_text(".dc-report-host .dc-next-title"),
        "next": page.eval_on_selector_all(".dc-report-host .dc-next li", "els => els.map(e => e.textContent)"),
    }


@pytest.mark.parametrize("name", list(CASES))
def test_the_verdict_box_comes_first_with_its_reasons_and_next_steps(checker_page: Any, name: str) -> None:
    page, _ = checker_page
    clear_form(page)
    deal = scenario_deal(name)
    fill_deal(page, deal)
    verdict, _codes = screen(page)  # clicks "Check the deal" at the end of the form, as a user does
    expected_verdict, next_title = CASES[name]
    assert verdict == expected_verdict
    place = page.evaluate(IN_VIEW)
    assert 0 <= place["top"] < place["height"], f"the verdict box is out of view: {place}"
    assert place["focused"], "focus did not move to the verdict box"
    box = _box(page)
    engine = screen_raw(deal).to_dict()["decision"]
    assert box["deciding"] == [d["code"] for d in engine["deciding"]]
    for code in box["deciding"]:
        assert f"{code} – {TITLES[code]}" in box["deciding_text"]
    assert box["next_title"] == next_title
    assert box["next"] == engine["next_steps"]
    said = ""
    for _ in range(40):  # polled: string predicates do not run under the site's CSP
        said = page.inner_text(".dc-result [role=status]")
        if said:
            break
        page.wait_for_timeout(50)
    assert said.startswith(f"Verdict: {verdict.replace('_', ' ')}")
    assert all(code in said for code in box["deciding"])
    if verdict == "STOP":
        assert page.locator(".dc-report-host .dc-conditions, .dc-report-host .dc-actions").count() == 0
        assert box["next"][0].startswith("Do not proceed")
    if verdict == "PROCEED":
        assert any("official sanctions and entity lists" in s for s in box["next"])


def test_on_a_phone_the_verdict_is_in_view_after_submitting(browser: Any, origin: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = open_checker(context, origin)
        fill_deal(page, scenario_deal("gamma-finfisher-egypt"))
        assert screen(page)[0] == "STOP"
        place = page.evaluate(IN_VIEW)
        assert 0 <= place["top"] < place["height"] and place["focused"]
        # A stray Back after reading the verdict, then forward again: the result is still shown first.
        page.go_back()
        page.go_forward()
        page.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
        assert page.inner_text(".dc-report-host .dc-verdict-line").startswith("Verdict: STOP")
    finally:
        context.close()
