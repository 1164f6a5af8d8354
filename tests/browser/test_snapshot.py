"""The checker starts from the build's memory snapshot of the ready engine (issue 13), gives the same reports as a
normal start for every worked scenario, and falls back to a normal start when the snapshot is corrupt, does not
match its checksum, or was made by another Pyodide version or build."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import READY, open_context
from tests.scenarios import SCREENING_DATE, load_scenarios

pytestmark = pytest.mark.browser
MANIFEST = re.compile(r'data-manifest="([^"]*)"')

# Every worked scenario reported by the engine in the page's worker (through the page's own runtime module).
REPORTS = """async ([deals, on]) => {
  const url = performance.getEntriesByType('resource').map(e => e.name).find(n => /\\/runtime\\.js(\\?|$)/.test(n));
  const { call } = await import(url);
  const out = {};
  for (const [name, deal] of deals) {
    const json = await call({ op: 'report', deal, format: 'json', on, base_url: location.origin + '/' });
    const page = await call({ op: 'report', deal, format: 'html', on, base_url: location.origin + '/' });
    for (const r of [json, page]) { delete r.worker_ms; delete r.engine_ms; } // timings, not results
    out[name] = [json, page];
  }
  return out;
}"""
FROM = """() => { const m = performance.getEntriesByType('mark').find(e => e.name.startsWith('dealchecker:from-'));
  return m ? [m.name.slice(17), m.detail || null] : null; }"""


def manifest_of(site: Path) -> dict[str, Any]:
    found = MANIFEST.search((site / "checker" / "index.html").read_text(encoding="utf-8"))
    assert found, "the checker page has no manifest"
    return json.loads(html.unescape(found.group(1)))


def open_with(context: Any, origin: str, site: Path, manifest: dict[str, Any]) -> Any:
    """The checker page served with another manifest (as a build with that manifest would serve it)."""
    page_html = (site / "checker" / "index.html").read_text(encoding="utf-8")
    attribute = 'data-manifest="' + html.escape(json.dumps(manifest, separators=(",", ":")), quote=True) + '"'
    body = MANIFEST.sub(lambda _m: attribute, page_html, count=1)
    page = context.new_page()
    page.route(origin + "checker/", lambda route: route.fulfill(status=200, content_type="text/html", body=body))
    page.goto(origin + "checker/")
    page.wait_for_selector(READY, timeout=120000)
    return page


def with_snapshot_file(site: Path, manifest: dict[str, Any], name: str, data: bytes, sha: str | None = None) -> dict:
    """A copy of the manifest whose snapshot is `data`, written into the site as `name` (checksum `sha`)."""
    (site / "assets" / "checker" / "build" / name).write_bytes(data)
    changed = json.loads(json.dumps(manifest))
    changed["snapshot"]["url"] = f"assets/checker/build/{name}"
    changed["snapshot"]["sha256"] = sha or hashlib.sha256(data).hexdigest()
    return changed


@pytest.fixture(scope="module")
def manifest(checker_site: Path) -> dict[str, Any]:
    found = manifest_of(checker_site)
    assert found.get("snapshot"), (
        "the build made no engine snapshot (node missing, or the identical-results gate failed)"
    )
    return found


@pytest.fixture(scope="module")
def reference_reports(browser: Any, origin: str, checker_site: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Every worked scenario's reports from a normal start (the snapshot removed from the manifest)."""
    context, recorder = open_context(browser, origin)
    try:
        page = open_with(context, origin, checker_site, {**manifest, "snapshot": None})
        assert page.evaluate(FROM) == ["full", None]
        deals = [[name, data["deal"]] for name, data in load_scenarios()]
        reports = page.evaluate(REPORTS, [deals, SCREENING_DATE])
        assert not [url for url in recorder.requests if url.endswith(".snapshot")]
        assert not recorder.errors
        return reports
    finally:
        context.close()


def test_snapshot_start_gives_the_same_reports_as_a_normal_start(
    browser: Any, origin: str, manifest: dict[str, Any], reference_reports: dict[str, Any]
) -> None:
    context, recorder = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(origin + "checker/")
        page.wait_for_selector(READY, timeout=120000)
        assert page.evaluate(FROM) == ["snapshot", None]
        deals = [[name, data["deal"]] for name, data in load_scenarios()]
        reports = page.evaluate(REPORTS, [deals, SCREENING_DATE])
        assert len(reports) == len(reference_reports) >= 40
        for name, (as_json, as_html) in reports.items():
            assert as_json["ok"] and as_html["ok"], name
            assert as_json == reference_reports[name][0], name
            assert as_html == reference_reports[name][1], name
        assert recorder.off_origin(origin) == [] and not recorder.errors
    finally:
        context.close()


def _fallback_works(browser: Any, origin: str, site: Path, manifest: dict[str, Any], reference: dict) -> str | None:
    """Opens the checker with `manifest`, checks it started normally and reports as usual; the fallback reason."""
    context, recorder = open_context(browser, origin)
    try:
        page = open_with(context, origin, site, manifest)
        started = page.evaluate(FROM)
        assert started and started[0] == "full", started
        name, data = load_scenarios()[0]
        assert page.evaluate(REPORTS, [[[name, data["deal"]]], SCREENING_DATE])[name] == reference[name]
        page.select_option("#dc-destination-country", "EG")  # and the form checks a deal as a visitor does
        page.click(".dc-submit")
        page.wait_for_selector("#dealchecker[data-verdict]", timeout=30000)
        assert not recorder.errors
        return started[1]
    finally:
        context.close()


def test_corrupt_snapshot_falls_back_to_a_normal_start(
    browser: Any, origin: str, checker_site: Path, manifest: dict[str, Any], reference_reports: dict[str, Any]
) -> None:
    good = (checker_site / manifest["snapshot"]["url"]).read_bytes()
    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 0xFF
    # A damaged download: the checksum no longer matches.
    changed = with_snapshot_file(
        checker_site, manifest, "damaged.snapshot", bytes(flipped), manifest["snapshot"]["sha256"]
    )
    reason = _fallback_works(browser, origin, checker_site, changed, reference_reports)
    assert reason and "checksum" in reason
    # Not a snapshot at all, with a matching checksum: Pyodide itself refuses it.
    changed = with_snapshot_file(checker_site, manifest, "garbage.snapshot", gzip.compress(b"\x07" * 4096, mtime=0))
    reason = _fallback_works(browser, origin, checker_site, changed, reference_reports)
    assert reason and "magic" in reason


def test_snapshot_of_another_version_or_build_falls_back(
    browser: Any, origin: str, checker_site: Path, manifest: dict[str, Any], reference_reports: dict[str, Any]
) -> None:
    # Made by another Pyodide version (the manifest says so): not even downloaded.
    older = json.loads(json.dumps(manifest))
    older["snapshot"]["pyodide"] = "0.27.0"
    assert _fallback_works(browser, origin, checker_site, older, reference_reports) is None
    # Same version number, another build: the build id in the snapshot's header differs, and Pyodide refuses it.
    raw = bytearray(gzip.decompress((checker_site / manifest["snapshot"]["url"]).read_bytes()))
    raw[16:48] = bytes(b ^ 0x5A for b in raw[16:48])
    changed = with_snapshot_file(checker_site, manifest, "other-build.snapshot", gzip.compress(bytes(raw), 1, mtime=0))
    reason = _fallback_works(browser, origin, checker_site, changed, reference_reports)
    assert reason and "build id" in reason
