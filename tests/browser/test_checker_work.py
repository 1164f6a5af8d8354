"""Nothing typed into the checker is lost (issue 10): the slips a compliance officer makes while filling it in
(following a guidance link, Back, a reload, a stray key next to a field, Clear by mistake, opening a share link)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, open_checker
from tests.browser.test_checker import fill_deal, report, scenario_deal, screen

pytestmark = pytest.mark.browser

# Every control of the form with what it holds: text, choice, ticks and radios, rows of intermediaries included.
FORM_STATE = """() => Array.from(document.querySelectorAll('.dc-form input, .dc-form select, .dc-form textarea'))
    .filter((el) => el.id)
    .map((el) => [el.id, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value])"""


def form_state(page: Any) -> list[Any]:
    return page.evaluate(FORM_STATE)


def filled(page: Any, name: str = "bluecoat-iraq-as-vendor-saw-it") -> list[Any]:
    deal = scenario_deal(name)
    deal["end_user"]["stated_end_use"] = "Typed by hand, line one\nline two"
    fill_deal(page, deal)
    state = form_state(page)
    assert sum(1 for _, v in state if v not in ("", False)) > 10, "the scenario filled too little to prove anything"
    return state


def test_guidance_links_open_in_a_new_tab_and_the_form_stays(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    before = filled(page)
    links = page.locator(".dc-form a[href]")
    assert links.count() > 20
    # Every guidance link of the form opens beside it, and says so to screen readers.
    assert (
        page.eval_on_selector_all(
            ".dc-form a[href]", "els => els.filter(a => a.target !== '_blank' || !/new tab/.test(a.textContent)).length"
        )
        == 0
    )
    more = page.locator('[data-path="exporter.country"] a', has_text="More")
    with context.expect_page() as opened:
        more.click()
    guidance = opened.value
    guidance.wait_for_load_state()
    assert "/steps/filter-the-deal/" in guidance.url
    assert page.url.endswith("/checker/")
    assert form_state(page) == before


def test_back_and_reload_restore_every_value_and_the_result(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    before = filled(page)
    verdict, codes = screen(page)
    # Leave by a link in the page's own text (same tab, instant navigation), then Back.
    page.locator(".md-content a[href$='/methodology/']").first.click()
    page.wait_for_url(re.compile(r".*/methodology/$"))
    page.go_back()
    page.wait_for_selector(READY, timeout=60000)
    assert form_state(page) == before
    page.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
    assert report(page) == (verdict, codes), "the result was not shown again after Back"
    # A full reload of the tab: the same.
    page.reload()
    page.wait_for_selector(READY, timeout=60000)
    assert form_state(page) == before
    page.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
    assert report(page) == (verdict, codes)
    # A new tab is a new session: it starts empty (keeping work across sessions is the opt-in draft).
    other = open_checker(context, origin)
    assert other.input_value("#dc-end-user-name") == ""


@pytest.mark.parametrize("focus", ["more-link", "select", "button"])
def test_typing_a_country_name_next_to_a_link_never_navigates(session: Any, origin: str, focus: str) -> None:
    """With focus on the "More" link beside the exporter's-country select, "United K" presses n (Material: next
    page), s and / (search); the checker keeps every key."""
    context, _ = session
    page = open_checker(context, origin)
    before = filled(page)
    page.evaluate("window.__samePage = true")
    targets = {
        "more-link": '[data-path="exporter.country"] a',
        "select": "#dc-exporter-country",
        "guidance-link": "#dc-group-end-user .dc-group-help a",
        "button": '.dc-repeat[data-path="intermediaries"] > .dc-add',
    }
    page.focus(targets[focus])
    if focus != "button":  # a space would press the button, as it should
        page.keyboard.type("United K")
    page.keyboard.type("nps/.,")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__samePage") is True and page.url.endswith("/checker/")
    assert not page.locator(".md-search__input:focus").count(), "the search opened"
    if focus != "select":
        assert form_state(page) == before


def test_ctrl_enter_checks_the_deal_from_any_field(checker_page: Any) -> None:
    page, _ = checker_page
    page.get_by_role("button", name="Clear the form").click()
    page.select_option("#dc-destination-country", "SY")
    page.evaluate("document.getElementById('dealchecker').removeAttribute('data-verdict')")
    page.focus("#dc-end-user-name")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
    assert "Control+Enter" in (page.get_attribute(".dc-submit", "aria-keyshortcuts") or "")


def test_clear_the_form_by_mistake_can_be_undone(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    before = filled(page)
    page.get_by_role("button", name="Clear the form").click()
    assert page.input_value("#dc-end-user-name") == ""
    page.locator(".dc-notice").get_by_role("button", name="Undo").click()
    assert form_state(page) == before
    page.reload()
    page.wait_for_selector(READY, timeout=60000)
    assert form_state(page) == before


def test_a_share_link_is_checked_on_opening_and_later_edits_survive_a_reload(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    fill_deal(page, scenario_deal("gamma-finfisher-egypt"))
    first = screen(page)
    page.get_by_role("button", name="Make a share link").click()
    link = page.input_value("#dc-share-link")
    other = context.new_page()
    other.goto(link)
    other.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
    assert report(other) == first, "the shared deal was not checked on opening"
    assert "share link" in other.inner_text(".dc-notice")
    assert "#deal=" not in other.url
    other.fill("#dc-reference", "edited after opening the link")
    other.reload()
    other.wait_for_selector(READY, timeout=60000)
    assert other.input_value("#dc-reference") == "edited after opening the link"


def test_the_share_link_has_a_copy_button_and_the_buttons_say_what_users_call_things(session: Any, origin: str) -> None:
    context, _ = session
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin.rstrip("/"))
    page = open_checker(context, origin)
    fill_deal(page, scenario_deal("gamma-finfisher-egypt"))
    names = page.eval_on_selector_all(".dc-toolbar button", "els => els.map(b => b.textContent.trim())")
    assert {"Save deal", "Save deal as JSON", "Make a share link"} <= set(names)
    assert not any("YAML" in n or "Download deal" in n for n in names)
    assert "Open deal" in page.inner_text("label[for=dc-file]")
    assert not page.is_visible("#dc-share-link")
    page.get_by_role("button", name="Make a share link").click()
    link = page.input_value("#dc-share-link")
    page.get_by_role("button", name="Copy the share link").click()
    expect(page.locator(".dc-notice")).to_contain_text("copied")
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert link.startswith(origin + "checker/#deal=")


def test_every_choice_says_unknown_the_same_way(checker_page: Any) -> None:
    page, _ = checker_page
    wordings = page.evaluate(
        """() => [
        ...Array.from(document.querySelectorAll('.dc-form select:not(.dc-provider) option[value=""]'), o => o.textContent),
        ...Array.from(document.querySelectorAll('.dc-form input[type=radio][value=""]'), r => r.labels[0].textContent),
        ]"""
    )
    assert len(wordings) > 10 and set(wordings) == {"Unknown / not stated"}


def test_every_step_ends_with_a_submit_button_and_the_shortcut_is_said(checker_page: Any) -> None:
    page, _ = checker_page
    page.get_by_role("button", name="Clear the form").click()
    steps = page.locator(".dc-form > .dc-groups > .dc-group")
    assert steps.count() >= 6
    for i in range(steps.count()):
        assert steps.nth(i).locator(":scope > .dc-step-submit").count() == 1, f"step {i + 1} has no submit button"
    assert "Ctrl+Enter" in page.inner_text("#dc-shortcut")
    button = steps.nth(0).locator(":scope > .dc-step-submit")
    assert button.get_attribute("aria-describedby") == "dc-shortcut"
    page.select_option("#dc-destination-country", "SY")
    page.evaluate("document.getElementById('dealchecker').removeAttribute('data-verdict')")
    button.click()
    page.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
    assert page.evaluate("document.activeElement.closest('.dc-verdict') !== null"), "the verdict box was not focused"
