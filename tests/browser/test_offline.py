"""Offline after the first visit, installable, new builds announced (issue 13): the site's service worker keeps the
pages and the checker's runtime, so with the network off a reload of the checker and of a guidance page works and a
deal can be screened; a new build is announced and taken on reload; Cache Storage never holds deal data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import READY, open_context

pytestmark = pytest.mark.browser
GUIDANCE = "steps/end-user/"
SECRET = "Quillfeather Oversight Bureau 7731"  # typed into the checker; must never reach Cache Storage

CACHED = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) out.push(request.url);
  }
  return out;
}"""
CACHE_TEXT_HAS = """async (secret) => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (request.url.includes(secret) || request.url.includes('deal=')) found.push(request.url);
      const response = await cache.match(request);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > 3000000) continue; // the runtime, not text anyone typed
      if (new TextDecoder().decode(bytes).includes(secret)) found.push(request.url);
    }
  }
  return found;
}"""
WAIT_CONTROLLED = """() => new Promise((resolve) => {
  if (navigator.serviceWorker.controller) return resolve(true);
  navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
})"""
BUILD = """() => new Promise((resolve) => {
  navigator.serviceWorker.addEventListener('message', (e) => { if (e.data.type === 'build') resolve(e.data.build); });
  navigator.serviceWorker.controller.postMessage({ type: 'build' });
})"""


def wait_cached(page: Any, *suffixes: str, timeout_ms: int = 60000) -> list[str]:
    """Polls Cache Storage until an entry ends with each suffix."""
    waited = 0
    while True:
        urls = page.evaluate(CACHED)
        if all(any(u.endswith(s) for u in urls) for s in suffixes):
            return urls
        if waited >= timeout_ms:
            raise AssertionError(f"not cached: {[s for s in suffixes if not any(u.endswith(s) for u in urls)]}")
        page.wait_for_timeout(250)
        waited += 250


def manifest_files(site: Path) -> list[str]:
    import html

    text = (site / "checker" / "index.html").read_text(encoding="utf-8")
    return json.loads(html.unescape(re.search(r'data-manifest="([^"]*)"', text).group(1)))["files"]


def test_web_app_manifest_from_branding(browser: Any, origin: str) -> None:
    context, recorder = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(origin + GUIDANCE)
        href = page.get_attribute('link[rel="manifest"]', "href")
        assert href
        data = page.evaluate("async (h) => (await fetch(h)).json()", href)
        assert data["name"] == "Cyber Export Risk Guide" and data["short_name"] == "Export Risk Guide"
        assert data["theme_color"] == "#1f4e79" and data["display"] == "standalone"
        icon = data["icons"][0]["src"]
        # Icons resolve against the manifest's own URL, as the browser resolves them.
        assert page.evaluate("async ([i, m]) => (await fetch(new URL(i, new URL(m, location.href)))).ok", [icon, href])
    finally:
        context.close()


def test_checker_and_guidance_work_offline_after_one_visit(browser: Any, origin: str, checker_site: Path) -> None:
    context, recorder = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(origin + "checker/")
        page.wait_for_selector(READY, timeout=120000)
        wait_cached(page, *manifest_files(checker_site), "/checker/")
        page.goto(origin + GUIDANCE)
        page.wait_for_load_state("load")
        wait_cached(page, "/" + GUIDANCE)

        context.set_offline(True)
        page.goto(origin + "checker/")
        page.wait_for_selector(READY, timeout=120000)
        page.fill("#dc-end-user-name", SECRET)
        page.select_option("#dc-destination-country", "EG")
        page.click(".dc-submit")
        page.wait_for_selector("#dealchecker[data-verdict]", timeout=30000)
        assert page.locator(".dc-result").inner_text().strip()
        page.goto(origin + GUIDANCE)
        assert page.locator("article h1").first.inner_text().strip()
        page.reload()
        assert page.locator("article h1").first.inner_text().strip()
        context.set_offline(False)

        # Nothing typed reached the service worker's caches (URLs or bodies), and share links keep deals out too.
        assert page.evaluate(CACHE_TEXT_HAS, SECRET) == []
        assert not recorder.errors, recorder.errors
        assert recorder.off_origin(origin) == []
    finally:
        context.close()


def test_new_build_is_announced_and_taken_on_reload(browser: Any, origin: str, checker_site: Path) -> None:
    sw = checker_site / "sw.js"
    original = sw.read_text(encoding="utf-8")
    context, _ = open_context(browser, origin)
    try:
        page = context.new_page()
        page.goto(origin + GUIDANCE)
        page.evaluate(WAIT_CONTROLLED)
        old = page.evaluate(BUILD)
        assert old["version"] and old["data_as_of"]
        newer = re.sub(r'"version": "[0-9a-f]+"', '"version": "feedfacefeedface"', original, count=1)
        newer = newer.replace(f'"data_as_of": "{old["data_as_of"]}"', '"data_as_of": "2099-01-31"', 1)
        assert newer != original
        sw.write_text(newer, encoding="utf-8")
        page.reload()
        notice = page.locator("#site-update")
        notice.wait_for(timeout=30000)
        assert "New data of 2099-01-31 available" in notice.inner_text()
        # The old build keeps serving until the visitor reloads: no mixing.
        assert page.evaluate(BUILD)["version"] == old["version"]
        with page.expect_navigation(timeout=30000):
            notice.get_by_role("button", name="reload").click()
        page.wait_for_load_state("load")
        assert page.evaluate(BUILD)["version"] == "feedfacefeedface"
        caches = page.evaluate("async () => await caches.keys()")
        assert f"pages-{old['version']}" not in caches and "pages-feedfacefeedface" in caches
    finally:
        sw.write_text(original, encoding="utf-8")
        context.close()
