"""The report is the record (issue 10): every fact entered (notes, services, safeguards, red flags included), the
host's name and address, and absolute links that all resolve on the built site, in every downloaded format and the
CLI's HTML, so a report opened from disk or forwarded by mail still leads to the guidance."""

from __future__ import annotations

import html as htmllib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from checker.engine import screen_raw
from checker.questionnaire import render_questionnaire
from checker.reference import load_reference
from checker.render import render
from tests.browser.conftest import open_checker
from tests.browser.test_checker import fill_deal, scenario_deal, screen
from tests.scenarios import SCREENING_DATE, load_scenarios

pytestmark = pytest.mark.browser
SITE_NAME = "Cyber Export Risk Guide"  # the default branding's site_name
HREF = re.compile(r'href="([^"]+)"')
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
FORMATS = ("html", "markdown")


def _links(text: str, fmt: str) -> list[str]:
    found = HREF.findall(text) if fmt == "html" else MD_LINK.findall(text)
    return [htmllib.unescape(h) for h in found]


def _resolves(site: Path, origin: str, href: str) -> bool:
    """A link to the site names a page (or file) the build wrote; other http(s) links are the sources' own."""
    assert not href.startswith(("/", "#", ".")) and "://" in href, f"a relative link breaks from disk: {href}"
    if not href.startswith(origin):
        return True  # an official source's address: checked by the data tests, not fetched here (loopback only)
    path = urlsplit(href).path[len(urlsplit(origin).path) :]
    target = site / path
    return (target / "index.html").is_file() if path.endswith("/") or not path else target.is_file()


def test_every_link_of_every_report_format_resolves_on_the_built_site(checker_site: Path, origin: str) -> None:
    ref = load_reference()
    checked = 0
    broken: list[str] = []
    for name, scenario in load_scenarios():
        result = screen_raw(scenario["deal"], reference=ref, on=SCREENING_DATE)
        texts = {fmt: render(result, fmt, reference=ref, base_url=origin, site_name=SITE_NAME) for fmt in FORMATS}
        texts["questionnaire"] = render_questionnaire(result, "questionnaire", reference=ref, base_url=origin)
        for fmt, text in texts.items():
            for href in _links(text, "html" if fmt == "html" else "markdown"):
                checked += 1
                if not _resolves(checker_site, origin, href):
                    broken.append(f"{name} ({fmt}): {href}")
    assert checked > 500
    assert broken == []


@pytest.mark.parametrize("name", ["gamma-finfisher-egypt", "video-analytics-missing-safeguards"])
def test_cli_html_report_has_absolute_links_and_names_the_host(
    checker_site: Path, origin: str, tmp_path: Path, name: str
) -> None:
    deal = tmp_path / "deal.json"
    deal.write_text(json.dumps(scenario_deal(name)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "screen", "--format", "html", str(deal)],
        capture_output=True,
        text=True,
        env={"DEALCHECK_BASE_URL": origin, "DEALCHECK_SITE_NAME": SITE_NAME, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode in (0, 1, 2, 3), done.stderr
    hrefs = _links(done.stdout, "html")
    assert hrefs and all(_resolves(checker_site, origin, h) for h in hrefs)
    assert f"Screened with</dt><dd>{SITE_NAME} at {origin}" in done.stdout


NOTED = {
    "notes": "Met the buyer's CTO at the trade fair; asked twice about covert installation.",
    "red_flags": ["reluctant_end_use_info"],
    "safeguards": ["no_reexport_clause"],
    "services": ["training", "updates"],
}


def test_downloaded_report_holds_every_fact_and_works_from_disk(session: Any, origin: str, tmp_path: Path) -> None:
    context, recorder = session
    page = open_checker(context, origin)
    deal = {**scenario_deal("video-analytics-missing-safeguards"), **NOTED}
    fill_deal(page, deal)
    screen(page)
    shown = page.inner_text(".dc-report-host")
    assert "The deal as entered" in shown and NOTED["notes"] in shown
    with page.expect_download() as info:
        page.get_by_role("button", name="Download report (HTML)").click()
    saved = tmp_path / "report.html"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    ref = load_reference()
    for expected in (
        NOTED["notes"],
        ref.label("red_flags", "reluctant_end_use_info"),
        ref.label("safeguards", "no_reexport_clause"),
        ref.label("services", "training"),
        "Example Distribuidora SpA",
        f"{SITE_NAME} at {origin}",
    ):
        assert htmllib.escape(expected, quote=True) in text or expected in text, expected
    with page.expect_download() as info:
        page.get_by_role("button", name="Download report (Markdown)").click()
    markdown = Path(info.value.path()).read_text(encoding="utf-8")
    assert all(h.startswith(origin) or h.startswith("https://") for h in _links(markdown, "markdown"))
    # Opened from disk, as from a mail attachment: a finding's link leads to its page on the site.
    disk = context.new_page()
    disk.goto(saved.as_uri())
    link = disk.locator(".dc-deciding a, .dc-code a").first
    href = link.get_attribute("href")
    assert href and href.startswith(origin + "findings/")
    link.click()
    disk.wait_for_url(href)
    assert disk.locator("h1").first.inner_text().split(":")[0] in href.upper()
    # The one request not to the site is the saved file itself, opened from disk on purpose.
    recorder.requests = [u for u in recorder.requests if u != saved.as_uri()]
