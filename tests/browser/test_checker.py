"""The deal checker in the browser (issue 4): Pyodide in a module worker, the form, results equal to the CLI's,
keeping and sharing work, failure messages, no request off the origin, nothing user-typed ever executes."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from checker.browser import form_spec
from checker.engine import screen_raw
from checker.questionnaire import render_questionnaire
from checker.reference import load_reference
from checker.yamlsubset import dumps, loads
from tests.browser.conftest import READY, Recorder, open_checker, open_context, watch_page
from tests.browser.siteserver import free_port, serve
from tests.scenarios import SCENARIOS

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CASES = [
    "gamma-finfisher-egypt",
    "bluecoat-iraq-as-vendor-saw-it",
    "bluecoat-syria-known",
    "aliases-two-scripts-listed",  # aliases in two scripts and a ship-from country, typed into the form
    "ship-from-eu-us-exporter-russia",  # a US exporter shipping from an EU warehouse: EU rules bind
]
PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
    '"><svg onload="window.__pwned=1">',
    '</textarea><iframe srcdoc="<script>parent.__pwned=1</script>">',
    "javascript:window.__pwned=1",
]


def scenario_deal(name: str) -> dict[str, Any]:
    return loads((SCENARIOS / f"{name}.yml").read_text(encoding="utf-8"))["deal"]


def same_deal(a: Any, b: Any) -> bool:
    """Equal deals: lists of ids compare as sets (the form lists ticked boxes in vocabulary order)."""

    def norm(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [norm(v) for v in value]
            return sorted(items) if all(isinstance(v, str) for v in items) else items
        return value

    return norm(a) == norm(b)


def id_for(path: str) -> str:
    return "dc-" + re.sub(r"[^A-Za-z0-9]+", "-", path)


def get_path(deal: dict[str, Any], path: str) -> Any:
    value: Any = deal
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def fill_field(page: Any, field: dict[str, Any], path: str, value: Any) -> None:
    """Fill one form field the way a visitor does (typing, choosing, ticking)."""
    if value is None:
        return
    fid = id_for(path)
    kind = field["kind"]
    if kind in ("text", "textarea"):
        page.fill(f"#{fid}", str(value))
    elif kind in ("country", "choice"):
        page.select_option(f"#{fid}", str(value))
    elif kind == "tristate":
        page.check(f"#{fid}-{'true' if value else 'false'}")
    elif kind == "lines":
        page.fill(f"#{fid}", "\n".join(value))
    elif kind == "multi":
        if value == [] and field.get("none_value"):
            page.check(f"#{fid}-{re.sub(r'[^A-Za-z0-9]+', '-', field['none_value'])}")
        for item in value:
            item_id = item["id"] if isinstance(item, dict) else item
            page.check(f"#{fid}-{re.sub(r'[^A-Za-z0-9]+', '-', item_id)}")
            if isinstance(item, dict) and item.get("provider"):
                page.select_option(f"#{fid}-{re.sub(r'[^A-Za-z0-9]+', '-', item_id)}-provider", item["provider"])
    elif kind == "entries":
        if value:
            page.fill(f"#{fid}-list", ", ".join(value))
        else:
            page.check(f"#{fid}-none")
    elif kind == "repeat":
        for index, item in enumerate(value):
            page.click(f'.dc-repeat[data-path="{path}"] > .dc-add')
            for sub in field["fields"]:
                fill_field(page, sub, f"{path}[{index}].{sub['name']}", item.get(sub["name"]))
    else:  # pragma: no cover - a new field kind needs a line here
        raise AssertionError(f"unknown field kind {kind}")


def fill_deal(page: Any, deal: dict[str, Any]) -> None:
    for group in form_spec()["groups"]:
        for field in group["fields"]:
            fill_field(page, field, field["name"], get_path(deal, field["name"]))


def clear_form(page: Any) -> None:
    page.get_by_role("button", name="Clear the form").click()


def screen(page: Any) -> tuple[str, list[str]]:
    page.evaluate("document.getElementById('dealchecker').removeAttribute('data-verdict')")
    page.click(".dc-submit")
    page.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
    return report(page)


def report(page: Any) -> tuple[str, list[str]]:
    verdict = page.get_attribute(".dc-report-host .dc-report", "data-verdict")
    codes = page.eval_on_selector_all(".dc-report-host .dc-finding", "els => els.map(e => e.dataset.code)")
    return verdict, codes


def cli(deal: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "deal.yml"
    path.write_text(dumps(deal), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "screen", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1, 2, 3), done.stderr
    return json.loads(done.stdout)


# Same answers as the CLI ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", CASES)
def test_form_gives_the_cli_verdict_and_findings(checker_page: Any, name: str, tmp_path: Path) -> None:
    page, _ = checker_page
    clear_form(page)
    deal = scenario_deal(name)
    fill_deal(page, deal)
    form_text = page.inner_text(".dc-form")
    assert not re.search(r"\b(null|undefined|NaN)\b", form_text), "a placeholder value leaked into the form"
    verdict, codes = screen(page)
    expected = cli(deal, tmp_path)
    assert verdict == expected["verdict"]
    assert codes == [f["code"] for f in expected["findings"]]
    expect = loads((SCENARIOS / f"{name}.yml").read_text(encoding="utf-8"))["expect"]
    assert verdict == expect["verdict"]
    assert set(expect["codes"]) <= set(codes)
    # Whose law binds: the page states the same binding authorities, and the same reasons, as the CLI.
    section = page.inner_text(".dc-report-host .dc-jurisdiction")
    for basis in expected["jurisdiction"]["binding"]:
        assert f"Binds you: {basis['name']} ({basis['authority']})" in section, section
        assert basis["reasons"][0].rstrip(".")[1:] in section, section
    # The report links to the guidance: the finding-code page and the step page of every finding shown.
    hrefs = page.eval_on_selector_all(".dc-report-host a", "els => els.map(a => a.getAttribute('href'))")
    for code in set(codes):
        assert any(h.endswith(f"/findings/{code.lower()}/") for h in hrefs), code
    assert float(page.get_attribute("#dealchecker", "data-screen-ms")) < 1000


def test_intermediaries_add_remove_and_country_profile_links(checker_page: Any) -> None:
    page, _ = checker_page
    clear_form(page)
    add = '.dc-repeat[data-path="intermediaries"] > .dc-add'
    for name, country in (("First Ltd", "AE"), ("Second GmbH", "DE"), ("Third FZE", "AE")):
        page.click(add)
        index = page.locator(".dc-row").count() - 1
        page.fill(f"#dc-intermediaries-{index}-name", name)
        page.select_option(f"#dc-intermediaries-{index}-country", country)
    page.get_by_role("button", name="Remove intermediary 1").click()
    assert page.locator(".dc-row").count() == 2
    assert page.input_value("#dc-intermediaries-0-name") == "Second GmbH"
    assert page.input_value("#dc-intermediaries-0-country") == "DE"
    assert page.input_value("#dc-intermediaries-1-name") == "Third FZE"
    assert page.locator(".dc-row > legend").all_inner_texts() == ["Intermediary 1", "Intermediary 2"]
    page.select_option("#dc-destination-country", "EG")
    link = page.locator('[data-path="destination.country"] a', has_text="Country profile")
    assert link.get_attribute("href").endswith("/countries/eg/")
    page.fill("#dc-reference", "rows")
    with page.expect_download() as info:
        page.get_by_role("button", name="Save deal as JSON").click()
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [i["name"] for i in saved["intermediaries"]] == ["Second GmbH", "Third FZE"]


def test_report_is_the_engines_html(checker_page: Any, origin: str, tmp_path: Path) -> None:
    """The embedded report is the fragment `dealcheck screen --format html` wraps (same links base)."""
    page, _ = checker_page
    clear_form(page)
    deal = scenario_deal("gamma-finfisher-egypt")
    fill_deal(page, deal)
    screen(page)
    embedded = page.inner_html(".dc-report-host")
    path = tmp_path / "deal.yml"
    path.write_text(dumps(deal), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "screen", "--format", "html", "--base-url", origin]
        + ["--site-name", "Cyber Export Risk Guide", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    body = done.stdout.split("</h1>\n", 1)[1].rsplit("\n</body>", 1)[0]

    def norm(text: str) -> str:  # the browser re-serialises attributes and entities; compare the text and links
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()

    assert norm(embedded) == norm(body.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&"))


def test_inline_validation_names_the_field(checker_page: Any) -> None:
    page, _ = checker_page
    clear_form(page)
    page.fill("#dc-product-name", "x" * 10)
    page.fill("#dc-product-control-entries-list", "5A001.j")
    page.evaluate(  # a value the select cannot produce, as a damaged share link or file could
        """() => { const s = document.getElementById('dc-destination-country');
                   const o = document.createElement('option'); o.value = 'Egypt'; o.textContent = 'Egypt';
                   s.append(o); s.value = 'Egypt'; }"""
    )
    page.click(".dc-submit")
    error = page.locator('[data-path="destination.country"] > .dc-error')
    error.wait_for(state="visible")
    assert "country name, not a code" in error.inner_text()
    assert "EG" in error.inner_text()
    assert page.get_attribute("#dc-destination-country", "aria-invalid") == "true"
    summary = page.locator(".dc-error-summary")
    assert "destination.country" in summary.inner_text()
    assert "Traceback" not in page.inner_text("body")


def test_xss_payloads_show_literally_and_never_run(checker_page: Any) -> None:
    page, recorder = checker_page
    clear_form(page)
    deal = scenario_deal("bluecoat-iraq-as-vendor-saw-it")
    text_paths = [
        field["name"]
        for group in form_spec()["groups"]
        for field in group["fields"]
        if field["kind"] in ("text", "textarea")
    ]
    for index, path in enumerate(text_paths):
        payload = PAYLOADS[index % len(PAYLOADS)] + f" #{index}"
        parts = path.split(".")
        target = deal
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = payload
    deal["intermediaries"][0]["name"] = PAYLOADS[0] + " intermediary"
    deal["product"]["control_entries"] = ["<b>5A001.j</b>"]
    fill_deal(page, deal)
    verdict, _codes = screen(page)
    assert verdict in ("ESCALATE", "STOP")
    report_text = page.inner_text(".dc-report-host")
    for path in ("product.name", "end_user.name", "reference"):
        assert get_path(deal, path) in report_text
    assert deal["intermediaries"][0]["name"] in report_text
    assert page.evaluate("window.__pwned") is None
    assert (
        page.evaluate(
            "document.querySelectorAll('.dc-report-host img, .dc-report-host svg, .dc-report-host iframe, .dc-report-host script').length"
        )
        == 0
    )
    assert recorder.dialogs == []


# Navigation, worker reuse, requests ----------------------------------------------------------------
def test_reached_by_instant_navigation_and_worker_reused(session: Any, origin: str) -> None:
    context, recorder = session
    page = context.new_page()
    page.goto(origin)
    page.evaluate("window.__sameDocument = true")
    page.locator("nav a", has_text="Deal checker").first.click()
    page.wait_for_selector(READY, timeout=60000)
    assert page.evaluate("window.__sameDocument") is True, "the checker was reached by a full page load"
    wasm = [u for u in recorder.requests if u.endswith("pyodide.asm.wasm")]
    assert wasm, "the worker's runtime requests were not recorded"
    page.fill("#dc-product-name", "Kept across navigation? No: a fresh form")
    page.locator(".md-content a[href$='/methodology/']").first.click()
    page.wait_for_url(re.compile(r".*/methodology/$"))
    assert page.evaluate("window.__sameDocument") is True
    page.go_back()
    page.wait_for_selector(READY, timeout=60000)
    workers = [u for u in recorder.requests if "/assets/checker/build/worker-" in u]
    assert len(workers) == 1, "the worker was created again instead of reused"
    page.select_option("#dc-destination-country", "EG")
    verdict, _ = screen(page)
    assert verdict == "ESCALATE"


def test_worker_is_released_after_leaving_and_recreated_on_return(session: Any, origin: str) -> None:
    context, recorder = session

    def quick_release(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace('data-root="../"', 'data-root="../" data-release-ms="300"')
        route.fulfill(response=response, body=body)

    context.route("**/checker/", quick_release)
    page = open_checker(context, origin)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-content a[href$='/methodology/']").first.click()
    page.wait_for_url(re.compile(r".*/methodology/$"))
    page.wait_for_timeout(1200)
    page.go_back()
    page.wait_for_selector(READY, timeout=60000)
    assert page.evaluate("window.__sameDocument") is True
    workers = [u for u in recorder.requests if "/assets/checker/build/worker-" in u]
    assert len(workers) == 2, "the idle worker was not released and started again"
    page.select_option("#dc-destination-country", "SY")
    assert screen(page)[0] in ("ESCALATE", "STOP")


def test_guidance_pages_load_no_pyodide(session: Any, origin: str, checker_site: Path) -> None:
    context, recorder = session
    page = context.new_page()
    for path in ("", "steps/end-user/", "countries/eg/", "findings/u401/", "controls/5a001-f/", "methodology/"):
        assert (checker_site / path / "index.html").is_file(), path
        page.goto(origin + path)
        page.wait_for_load_state("networkidle")
    modules = [p.name for p in (ROOT / "docs" / "assets" / "checker").glob("*.js") if p.name != "checker.js"]
    assert "app.js" in modules and "widgets.js" in modules
    heavy = [
        u
        for u in recorder.requests
        if "/assets/pyodide/" in u or "/assets/checker/build/" in u or u.rsplit("/", 1)[-1] in modules
    ]
    assert heavy == []
    assert any(u.endswith("/assets/checker/checker.js") for u in recorder.requests)


# Files, downloads, share links, drafts -----------------------------------------------------------
def test_load_deal_file_by_picker_and_by_drop(session: Any, origin: str, tmp_path: Path) -> None:
    context, _ = session
    page = open_checker(context, origin)
    deal = scenario_deal("bluecoat-syria-known")
    path = tmp_path / "syria.yml"
    path.write_text(dumps(deal), encoding="utf-8")
    page.set_input_files("#dc-file", str(path))
    expect(page.locator("#dc-destination-country")).to_have_value("SY")
    assert page.input_value("#dc-intermediaries-0-name") == "Computerlinks FZCO"
    verdict, codes = screen(page)
    expected = cli(deal, tmp_path)
    assert (verdict, codes) == (expected["verdict"], [f["code"] for f in expected["findings"]])

    clear_form(page)
    gamma = json.dumps(scenario_deal("gamma-finfisher-egypt"))
    page.evaluate(
        """(text) => { const dt = new DataTransfer();
             dt.items.add(new File([text], 'gamma.json', {type: 'application/json'}));
             const form = document.querySelector('.dc-form');
             form.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
             form.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true})); }""",
        gamma,
    )
    expect(page.locator("#dc-destination-country")).to_have_value("EG")
    assert page.is_checked("#dc-product-capabilities-remote-intrusion")
    assert screen(page)[0] == "STOP"

    bad = tmp_path / "bad.yml"
    bad.write_text("destination:\n  country: Egypt\nend_user:\n  type: spies\n", encoding="utf-8")
    page.set_input_files("#dc-file", str(bad))
    error = page.locator('[data-path="end_user.type"] > .dc-error')
    error.wait_for(state="visible")
    assert "not a known end-user type" in error.inner_text()
    assert "country name" in page.locator('[data-path="destination.country"] > .dc-error').inner_text()

    broken = tmp_path / "broken.yml"
    broken.write_text("product: [unclosed\n", encoding="utf-8")
    page.fill("#dc-reference", "typed before a broken file")
    page.set_input_files("#dc-file", str(broken))
    expect(page.locator(".dc-notice")).to_contain_text("could not be loaded")
    assert page.input_value("#dc-reference") == "typed before a broken file"


def test_downloads_deal_and_every_report_format(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    deal = scenario_deal("gamma-finfisher-egypt")
    fill_deal(page, deal)
    verdict, codes = screen(page)

    def fetch(button: str) -> tuple[str, str]:
        with page.expect_download() as info:
            page.get_by_role("button", name=button, exact=True).click()
        download = info.value
        return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")

    name, html = fetch("Download report (HTML)")
    assert name.endswith(".report.html") and html.startswith("<!DOCTYPE html>")
    assert "Verdict: STOP" in html and 'data-code="U401"' in html
    name, markdown = fetch("Download report (Markdown)")
    assert name.endswith(".md") and "**Verdict: STOP.**" in markdown
    name, text = fetch("Download report (JSON)")
    data = json.loads(text)
    assert data["verdict"] == verdict and [f["code"] for f in data["findings"]] == codes
    # The end-user questionnaire: the engine's, for the deal as screened, with the host's absolute links.
    name, text = fetch("Download the end-user questionnaire (Markdown)")
    assert name == "SSI-2010-trial.questionnaire.md"
    screened = screen_raw(data["deal"], on=data["provenance"]["screened_on"])
    site_name = page.get_attribute("#dealchecker", "data-site-name") or ""
    assert text == render_questionnaire(
        screened, "questionnaire", reference=load_reference(), base_url=origin, site_name=site_name
    )
    assert "## To the buyer and end user" in text and "[U401 " in text
    name, text = fetch("Save deal")
    assert name == "SSI-2010-trial.deal.yml"
    assert same_deal(loads(text), {"schema_version": 2, **deal})
    name, text = fetch("Save deal as JSON")
    assert same_deal(json.loads(text), {"schema_version": 2, **deal})


def test_share_link_round_trip(session: Any, origin: str) -> None:
    context, recorder = session
    page = open_checker(context, origin)
    deal = scenario_deal("bluecoat-iraq-as-vendor-saw-it")
    fill_deal(page, deal)
    first = screen(page)
    page.get_by_role("button", name="Make a share link").click()
    link = page.input_value("#dc-share-link")
    assert link.startswith(origin + "checker/#deal=")
    encoded = link.split("#deal=", 1)[1]
    shared = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert same_deal(shared, {"schema_version": 2, **deal})
    other = context.new_page()
    other.goto(link)
    other.wait_for_selector(READY, timeout=60000)
    assert other.input_value("#dc-intermediaries-0-name") == "Computerlinks FZCO"
    assert screen(other) == first
    assert not any("#deal=" in u or encoded[:40] in u for u in recorder.requests), "the deal reached the server"


def test_local_draft_is_opt_in_survives_reload_and_erases(session: Any, origin: str) -> None:
    context, _ = session
    page = open_checker(context, origin)
    assert not page.get_by_role("button", name="Erase the saved draft").is_visible()
    page.fill("#dc-end-user-name", "Not saved without consent")
    # A new tab is a new session: only the opt-in draft carries work into it (this tab keeps its session copy).
    page.close()
    page = open_checker(context, origin)
    assert page.input_value("#dc-end-user-name") == ""
    assert page.evaluate("localStorage.getItem('dealchecker.draft.v1')") is None
    page.fill("#dc-end-user-name", "Draft end user")
    page.check("#dc-draft")
    page.fill("#dc-product-name", "Draft product")
    page.close()
    page = open_checker(context, origin)
    assert page.input_value("#dc-end-user-name") == "Draft end user"
    assert page.input_value("#dc-product-name") == "Draft product"
    erase = page.get_by_role("button", name="Erase the saved draft")
    assert erase.is_visible()
    erase.click()
    assert page.evaluate("localStorage.getItem('dealchecker.draft.v1')") is None
    page.close()
    page = open_checker(context, origin)
    assert page.input_value("#dc-end-user-name") == ""


def test_form_is_usable_while_loading_and_names_the_stage(session: Any, origin: str) -> None:
    context, _ = session
    page = context.new_page()
    page.goto(origin + "checker/")
    page.wait_for_selector(".dc-form")
    stage = page.inner_text(".dc-status")
    if page.get_attribute("#dealchecker", "data-state") == "loading":
        assert re.search(r"step \d of 4: \w+", stage), stage
    page.select_option("#dc-destination-country", "SY")
    page.fill("#dc-end-user-name", "Typed while loading")
    page.click(".dc-submit")
    page.wait_for_selector("#dealchecker[data-verdict]", timeout=60000)
    assert page.input_value("#dc-end-user-name") == "Typed while loading"
    assert report(page)[0] in ("ESCALATE", "STOP")


# Failure messages ------------------------------------------------------------------------------------
def test_file_url_says_why_and_points_to_the_checklist(browser: Any, checker_site: Path) -> None:
    page = watch_page(browser.new_page(), Recorder())
    page.goto((checker_site / "checker" / "index.html").as_uri())
    fallback = page.locator("#dealchecker .dc-fallback")
    assert "opened from a file" in fallback.inner_text()
    assert page.locator("#dc-checklist").is_visible()
    assert "Capabilities" in page.inner_text("#dc-checklist")
    page.close()


def test_wasm_with_wrong_mime_type_says_so_and_keeps_the_form(browser: Any, checker_site: Path) -> None:
    port = free_port()
    with serve(checker_site, port, wasm_type="application/octet-stream") as url:
        context, recorder = open_context(browser, url)
        page = context.new_page()
        page.goto(url + "checker/")
        page.fill("#dc-product-name", "Typed before the failure")
        page.wait_for_selector('#dealchecker[data-state="failed"]', timeout=60000)
        assert page.get_attribute("#dealchecker", "data-failure") == "wasm-mime"
        alert = page.inner_text(".dc-alert")
        assert "application/wasm" in alert and "application/octet-stream" in alert
        assert page.locator(".dc-alert a[href='#dc-checklist']").count() == 1
        assert page.input_value("#dc-product-name") == "Typed before the failure"
        with page.expect_download() as info:
            page.get_by_role("button", name="Download what you typed (JSON)").click()
        saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        assert saved["product"]["name"] == "Typed before the failure"
        assert "Traceback" not in page.inner_text("body")
        context.close()
        assert recorder.off_origin(url) == []


def test_stalled_runtime_times_out_with_a_plain_message(session: Any, origin: str) -> None:
    context, _ = session
    stalled: list[str] = []
    context.route("**/*.wasm", lambda route: stalled.append(route.request.url))  # never answered: a stalled download

    def shorter_timeout(route: Any) -> None:
        response = route.fetch()
        route.fulfill(
            response=response, body=response.text().replace('data-root="../"', 'data-root="../" data-stall-ms="3000"')
        )

    context.route("**/checker/", shorter_timeout)
    page = context.new_page()
    page.goto(origin + "checker/")
    page.fill("#dc-reference", "typed while it stalls")
    page.wait_for_selector('#dealchecker[data-state="failed"]', timeout=30000)
    assert stalled, "the worker's wasm request was not intercepted"
    assert page.get_attribute("#dealchecker", "data-failure") == "timeout"
    assert "did not finish loading in time" in page.inner_text(".dc-alert")
    assert page.get_by_role("button", name="Try loading the checker again").is_visible()
    assert page.input_value("#dc-reference") == "typed while it stalls"


def test_no_webassembly_says_so(session: Any, origin: str) -> None:
    context, _ = session
    page = context.new_page()
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(origin + "checker/")
    page.wait_for_selector('#dealchecker[data-state="failed"]', timeout=30000)
    assert page.get_attribute("#dealchecker", "data-failure") == "no-wasm"
    assert "cannot run WebAssembly" in page.inner_text(".dc-alert")
    assert page.locator(".dc-alert a[href='#dc-checklist']").count() == 1


def test_print_view_shows_the_report_only(checker_page: Any) -> None:
    page, _ = checker_page
    clear_form(page)
    fill_deal(page, scenario_deal("gamma-finfisher-egypt"))
    screen(page)
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print the report").click()
    assert page.evaluate("window.__printed") is True
    page.evaluate("document.body.classList.add('dc-print-report')")
    page.emulate_media(media="print")
    try:
        assert page.locator(".dc-report-host .dc-verdict").is_visible()
        assert not page.locator(".dc-form").is_visible()
        assert not page.locator(".dc-toolbar").is_visible()
    finally:
        page.emulate_media(media="screen")
        page.evaluate("document.body.classList.remove('dc-print-report')")


def test_user_text_never_goes_through_innerhtml() -> None:
    """The one innerHTML in the checker's scripts is the engine's escaped report."""
    sources = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "assets" / "checker").glob("*.js")}
    uses = [
        (name, line.strip())
        for name, text in sources.items()
        for line in text.splitlines()
        if "innerHTML" in line and not line.strip().startswith("//")
    ]
    assert uses == [("report.js", "this.host.innerHTML = response.fragment; // the engine's escaped HTML report")]
    assert not any("outerHTML" in t or "insertAdjacentHTML" in t or "document.write" in t for t in sources.values())


# The runtime module ------------------------------------------------------------------------------------------
def test_calls_in_flight_are_rejected_when_the_worker_is_released(session: Any, origin: str) -> None:
    """A call waiting for its reply, or about to be sent, fails with `Released` instead of hanging forever."""
    context, _ = session
    page = open_checker(context, origin)
    outcome = page.evaluate(
        """async () => {
            const rt = await import('/assets/checker/runtime.js');   // the same module instance the page uses
            const settle = (p) => p.then(() => 'resolved', (e) => e.name);
            const queued = settle(rt.call({ op: 'validate', deal: {} }));   // not yet posted to the worker
            rt.release();
            return { first: await queued, before: rt.runtime.status };
        }"""
    )
    assert outcome == {"first": "Released", "before": "idle"}
    # Back on the page after a release, the checker starts again and a call in flight is then cut the same way.
    page.reload()
    page.wait_for_selector(READY, timeout=60000)
    outcome = page.evaluate(
        """async () => {
            const rt = await import('/assets/checker/runtime.js');   // the same module instance the page uses
            const settle = (p) => p.then(() => 'resolved', (e) => e.name);
            const deal = { destination: { country: 'SY' }, end_user: { name: 'x'.repeat(1500) } };
            const calls = Array.from({ length: 20 }, () => settle(rt.call({ op: 'screen', deal })));
            await new Promise((resolve) => setTimeout(resolve, 5));   // posted: the worker is busy with them
            rt.release();
            const results = await Promise.all(calls);
            return { released: results.filter((r) => r === 'Released').length, pending: rt.runtime.pending.size };
        }"""
    )
    assert outcome["released"] >= 1 and outcome["pending"] == 0
