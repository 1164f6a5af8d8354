"""Issue 12 on the checker page: each party match says which alias matched, each word pair and its similarity, and
what raised or lowered the score; a change to the party's country (a visitor's correction) changes the explanation."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_checker import clear_form, fill_deal, screen
from tests.parties.test_explanations_in_reports import DEAL

pytestmark = pytest.mark.browser


def _finding(page: Any, code: str) -> str:
    return page.inner_text(f'.dc-report-host .dc-finding[data-code="{code}"]')


def test_the_checker_page_explains_each_party_match(checker_page: Any) -> None:
    page, _ = checker_page
    clear_form(page)
    fill_deal(page, DEAL)
    verdict, codes = screen(page)
    assert verdict == "STOP" and {"S801", "S802"} <= set(codes)
    possible = _finding(page, "S802")
    # which alias of which entry, each word pair, what lowered the score
    assert "'Cytrox Holdings Ltd' resembles 'Cytrox Holdings Crt' (alias of 'Cytrox Holdings Zrt')" in possible
    assert "score 0.85: words matched: 'cytrox' = 'cytrox', 'holdings' = 'holdings'" in possible
    assert "lowered to a possible match: a legal form of another country (limited / zrt)" in possible
    strong = _finding(page, "S801")
    assert "'intelexa' ~ 'intellexa' (transliteration variant)" in strong
    assert "raised" in strong or "the country GR matches the entry's (GR)" in strong

    # the visitor corrects the distributor's country: the match is now in another country, said so, and only possible
    page.select_option("#dc-intermediaries-0-country", "AE")
    verdict, codes = screen(page)
    assert "S801" not in codes or "Intelexa" not in _finding(page, "S801")
    text = page.inner_text(".dc-report-host")
    assert "the country AE is not the entry's (GR)" in text
    assert "the country GR matches" not in text
