"""The checker page under hostile input and hostile hosting: a huge share link gets a clear answer and keeps the
form, the watchdog restarts a runaway worker, plain HTTP from a non-loopback host name says HTTPS is required,
drafts are never overwritten without asking, a damaged draft is kept aside, and a UTF-16 file is refused as by
the CLI."""

from __future__ import annotations

import base64
import codecs
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import READY, Recorder, open_checker, watch_page
from tests.browser.siteserver import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_checker import screen

pytestmark = pytest.mark.browser
DRAFT = "dealchecker.draft.v1"


def share_link(origin: str, deal: Any) -> str:
    text = base64.urlsafe_b64encode(json.dumps(deal).encode()).decode().rstrip("=")
    return f"{origin}checker/#deal={text}"


def test_a_135_kb_share_link_gets_a_clear_error_fast_and_keeps_the_form(session: Any, origin: str) -> None:
    context, _ = session
    deal = {"product": {"name": "P" * 102_000}, "end_user": {"name": "Kept end user"}}
    link = share_link(origin, deal)
    assert len(link) > 135_000
    page = context.new_page()
    page.goto(link)
    page.wait_for_selector(READY, timeout=60000)
    started = time.monotonic()
    page.click(".dc-submit")
    page.wait_for_selector(".dc-error-summary:not([hidden])", timeout=30000)
    assert time.monotonic() - started < 30
    assert "the limit is 2000" in page.inner_text(".dc-error-summary")
    assert page.input_value("#dc-end-user-name") == "Kept end user"
    assert len(page.input_value("#dc-product-name")) == 102_000


def test_watchdog_stops_a_runaway_screening_restarts_the_worker_and_keeps_the_form(session: Any, origin: str) -> None:
    context, recorder = session

    def tiny_limit(route: Any) -> None:
        response = route.fetch()
        route.fulfill(
            response=response, body=response.text().replace('data-root="../"', 'data-root="../" data-call-limit-ms="1"')
        )

    context.route("**/checker/", tiny_limit)
    page = open_checker(context, origin)
    workers_before = len([u for u in recorder.requests if "/assets/checker/build/worker-" in u])
    page.fill("#dc-end-user-name", "Typed before the runaway check")
    page.click(".dc-submit")
    expect(page.locator(".dc-notice")).to_contain_text("stopped and is starting again", timeout=30000)
    assert "Your form is kept" in page.inner_text("#dealchecker")
    assert page.input_value("#dc-end-user-name") == "Typed before the runaway check"
    page.wait_for_selector(READY, timeout=60000)  # the fresh worker
    workers = [u for u in recorder.requests if "/assets/checker/build/worker-" in u]
    assert len(workers) > workers_before


def test_plain_http_from_a_non_loopback_host_name_says_https_is_required(playwright_instance: Any, origin: str) -> None:
    """checker.test resolves to 127.0.0.1 inside Chromium only: the traffic stays on loopback, but the origin is
    not localhost, so the page is not a secure context, as on a LAN server without TLS."""
    port = origin.rsplit(":", 1)[1].strip("/")
    browser = playwright_instance.chromium.launch(  # type: ignore[attr-defined]
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP checker.test 127.0.0.1"]
    )
    try:
        page = watch_page(browser.new_page(), Recorder())
        page.goto(f"http://checker.test:{port}/checker/")
        page.wait_for_selector('#dealchecker[data-state="failed"]', timeout=30000)
        assert page.evaluate("window.isSecureContext") is False
        assert page.get_attribute("#dealchecker", "data-failure") == "insecure"
        message = page.inner_text(".dc-alert")
        assert "must be served over HTTPS" in message and "too old" not in message
        assert not page.get_by_role("button", name="Try loading the checker again").is_visible()
    finally:
        browser.close()


def stored_draft(page: Any) -> Any:
    text = page.evaluate(f"localStorage.getItem('{DRAFT}')")
    return json.loads(text) if text else None


def test_a_share_link_never_overwrites_the_saved_draft_without_asking(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    page.fill("#dc-end-user-name", "My own draft")
    page.check("#dc-draft")
    assert stored_draft(page)["end_user"]["name"] == "My own draft"

    for link in (share_link(origin, {"end_user": {"name": "Someone else's deal"}}), origin + "checker/#deal=%%%"):
        page.goto("about:blank")
        page.goto(link)
        page.wait_for_selector(READY, timeout=60000)
        assert "Your saved draft was not changed" in page.inner_text("#dealchecker")
        page.locator("#dc-reference").press_sequentially("x")  # a stray key
        page.click("#dc-product-name")
        assert stored_draft(page)["end_user"]["name"] == "My own draft", link[:60]

    page.get_by_role("button", name="Replace the saved draft with this deal").click()
    assert stored_draft(page)["reference"] == "x"


def test_a_damaged_draft_is_reported_and_kept_aside(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    page.evaluate(f"localStorage.setItem('{DRAFT}', '{{\"end_user\": {{broken')")
    page.reload()
    page.wait_for_selector(READY, timeout=60000)
    assert "Your saved draft was damaged" in page.inner_text("#dealchecker")
    assert page.evaluate(f"localStorage.getItem('{DRAFT}.damaged')") == '{"end_user": {broken'


def test_a_utf16_file_is_refused_with_the_clis_message(session: Any, origin: str, tmp_path: Path) -> None:
    context, _ = session
    page = open_checker(context, origin)
    page.fill("#dc-end-user-name", "Still here")
    path = tmp_path / "notepad.yml"
    path.write_bytes(codecs.BOM_UTF16_LE + "end_user:\n  name: From Notepad\n".encode("utf-16-le"))
    page.set_input_files("#dc-file", str(path))
    expect(page.locator(".dc-notice")).to_contain_text("UTF-16", timeout=30000)
    assert page.input_value("#dc-end-user-name") == "Still here"
    good = tmp_path / "bom.yml"
    good.write_bytes(codecs.BOM_UTF8 + b"end_user:\n  name: With a BOM\n")
    page.set_input_files("#dc-file", str(good))
    expect(page.locator("#dc-end-user-name")).to_have_value("With a BOM", timeout=30000)
    verdict, _ = screen(page)
    assert verdict == "ESCALATE"


def test_control_entries_from_a_file_are_never_re_split(session: Any, origin: str, tmp_path: Path) -> None:
    context, _ = session
    page = open_checker(context, origin)
    entries = ["5A001.j", "National entry 12, part b; note"]
    path = tmp_path / "entries.json"
    path.write_text(json.dumps({"product": {"name": "Entries", "control_entries": entries}}), encoding="utf-8")
    page.set_input_files("#dc-file", str(path))
    expect(page.locator("#dc-product-name")).to_have_value("Entries", timeout=30000)
    with page.expect_download() as info:
        page.get_by_role("button", name="Save deal as JSON").click()
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["product"]["control_entries"] == entries


@pytest.mark.parametrize("payload", ["null", "[1, 2]", '"a deal"', "42"])
def test_a_share_link_that_holds_no_deal_says_so(session: Any, origin: str, payload: str) -> None:
    context, _ = session
    text = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
    page = context.new_page()
    page.goto(f"{origin}checker/#deal={text}")
    page.wait_for_selector(READY, timeout=60000)
    notice = page.inner_text(".dc-notice")
    assert "damaged" in notice and "filled in below" not in notice


def test_a_share_link_with_a_field_twice_is_refused_as_the_cli_refuses_the_file(session: Any, origin: str) -> None:
    """JSON.parse would keep the last value (destination KP, then GB: the deal would read as GB); dealcheck screen
    refuses the same text with "destination.country: appears more than once", and so does the page."""
    context, _ = session
    text = '{"schema_version": 2, "destination": {"country": "KP", "country": "GB"}, "end_user": {"name": "Acme"}}'
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "screen", "-"], input=text.encode(), capture_output=True, check=False
    )
    assert proc.returncode == 65 and "destination.country: appears more than once" in proc.stderr.decode()
    page = context.new_page()
    page.goto(f"{origin}checker/#deal={base64.urlsafe_b64encode(text.encode()).decode().rstrip('=')}")
    page.wait_for_selector(READY, timeout=60000)
    notice = page.inner_text(".dc-notice")
    assert "destination.country appears more than once" in notice and "filled in below" not in notice, notice
    assert page.input_value("#dc-end-user-name") == ""  # nothing from the link was filled in
    assert page.input_value("#dc-destination-country") == ""
    assert "#deal=" not in page.url
