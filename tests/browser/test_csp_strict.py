"""The strict policy: no 'unsafe-inline' for scripts (every inline script, Material's included, is allowed by its
build-time hash), zero violations in normal use of every page type, and injected inline script never runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sitegen import csp
from tests.browser.conftest import READY, open_context
from tests.browser.test_checker import fill_deal, scenario_deal, screen

pytestmark = pytest.mark.browser

# Registered before any page script runs, so a violation during loading is caught too.
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspViolations.push(e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));
"""
PAGE_TYPES = [
    "",  # home
    "principles/",
    "steps/end-user/",
    "case-studies/",
    "countries/",
    "countries/eg/",
    "controls/5a001-j/",
    "capabilities/remote_intrusion/",
    "findings/u401/",
    "glossary/",
    "using-the-checker/",
    "hosting/",
    "404.html",  # the not-found page
    "case-studies/bluecoat-syria-computerlinks/",
]


def policy_of(page: Any) -> str:
    return page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""


def test_script_src_has_no_unsafe_inline_and_hashes_every_inline_script(checker_site: Path) -> None:
    hashes = csp.site_hashes(checker_site)
    assert hashes, "Material's inline scripts were not found"
    for page in (checker_site / "index.html", checker_site / "checker" / "index.html"):
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, page
        script_src = next(d for d in meta.group(1).split("; ") if d.startswith("script-src "))
        assert "'unsafe-inline'" not in script_src and csp.HASHES_PLACEHOLDER not in script_src
        assert all(f"'{h}'" in script_src for h in hashes)
        assert html.index("Content-Security-Policy") < html.index("<script"), "the policy must precede every script"


def test_every_page_type_loads_with_zero_violations(browser: Any, origin: str) -> None:
    context, recorder = open_context(browser, origin)
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        for path in PAGE_TYPES:
            page.goto(origin + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
            assert page.evaluate("window.__cspViolations") == [], path
            assert "'unsafe-inline'" not in policy_of(page).split("script-src", 1)[1].split(";")[0]
        # instant navigation: Material swaps the next page's scripts in under the first page's policy
        page.goto(origin)
        page.wait_for_load_state("load")
        page.evaluate("window.__sameDocument = true; window.__cspViolations = []")
        page.locator("nav a", has_text="Deal checker").first.click()
        page.wait_for_selector(READY, timeout=60000)
        page.locator(".md-content a[href$='/methodology/']").first.click()
        page.wait_for_url(re.compile(r".*/methodology/$"))
        page.wait_for_timeout(300)
        assert page.evaluate("window.__sameDocument") is True, "instant navigation was not exercised"
        assert page.evaluate("window.__cspViolations") == []
        assert not [e for e in recorder.errors if "Content Security Policy" in e or "Refused" in e]
    finally:
        context.close()


def test_checker_in_normal_use_has_zero_violations(browser: Any, origin: str) -> None:
    context, recorder = open_context(browser, origin)
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        page.goto(origin + "checker/")
        page.wait_for_selector(READY, timeout=60000)
        fill_deal(page, scenario_deal("gamma-finfisher-egypt"))
        verdict, codes = screen(page)
        assert verdict == "STOP" and codes
        with page.expect_download():
            page.get_by_role("button", name="Download report (HTML)").click()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__cspViolations") == []
        assert recorder.errors == []
    finally:
        context.close()


INJECTED = """
<img id="dc-injected" src="data:," onerror="window.__pwned = 'onerror'">
<script>window.__pwned = 'inline script';</script>
"""


def test_injected_inline_script_is_blocked(browser: Any, origin: str, checker_site: Path) -> None:
    """A page of the built site with markup injected as a stored-XSS bug would: its policy stops both scripts."""
    source = (checker_site / "steps" / "end-user" / "index.html").read_text(encoding="utf-8")
    target = checker_site / "csp-injection-test" / "index.html"
    target.parent.mkdir(exist_ok=True)
    target.write_text(source.replace("</article>", INJECTED + "</article>", 1), encoding="utf-8")
    context, _ = open_context(browser, origin)
    context.add_init_script(LISTEN)
    try:
        page = context.new_page()
        page.goto(origin + "csp-injection-test/")
        page.wait_for_load_state("load")
        page.evaluate(
            """() => {
              const s = document.createElement('script'); s.textContent = "window.__pwned = 'dynamic'";
              document.body.appendChild(s);
              document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned=1">');
            }"""
        )
        page.wait_for_timeout(500)
        assert page.evaluate("window.__pwned") is None
        directives = {v.split(" ")[0] for v in page.evaluate("window.__cspViolations")}
        assert {"script-src-elem", "script-src-attr"} <= directives, directives
    finally:
        context.close()
        target.unlink()
        target.parent.rmdir()
