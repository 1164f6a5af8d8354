"""Link checker over the built HTML, off-origin asset check, and reachability from the navigation."""

from __future__ import annotations

import re
from pathlib import Path

from tests.site.sitebuild import BuildResult, Page, is_external, resolve, target_file


def test_strict_build_has_no_warnings(built_site: BuildResult) -> None:
    assert "WARNING" not in built_site.output, built_site.output


def test_every_internal_link_and_anchor_resolves(site_pages: dict[str, Page], site_dir: Path) -> None:
    broken: list[str] = []
    checked = 0
    for page in site_pages.values():
        if page.url == "404.html":
            continue  # Material's 404 page uses root-relative links by design
        for href in page.parsed.links:
            if is_external(href) or href.startswith(("mailto:", "javascript:")):
                continue
            url, fragment = resolve(page.url, href)
            target = target_file(site_dir, url)
            checked += 1
            if not target.is_file():
                broken.append(f"{page.url or '/'}: {href} -> missing {url}")
                continue
            if fragment and target.suffix == ".html":
                ids = site_pages[url].parsed.ids if url in site_pages else set()
                if fragment not in ids:
                    broken.append(f"{page.url or '/'}: {href} -> no #{fragment} in {url}")
    assert checked > 5000
    assert not broken, "\n".join(broken[:50])


def test_no_asset_is_loaded_from_another_origin(site_pages: dict[str, Page], site_dir: Path) -> None:
    offenders = [f"{p.url}: {a}" for p in site_pages.values() for a in p.parsed.assets if is_external(a)]
    assert not offenders, offenders[:20]
    css_urls = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)")
    for css in site_dir.rglob("*.css"):
        found = css_urls.findall(css.read_text(encoding="utf-8"))
        assert not found, (css, found)
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text and "unpkg.com" not in text, html


def test_every_page_is_reachable_from_the_navigation(site_pages: dict[str, Page]) -> None:
    seen = {""}
    queue = [""]
    while queue:
        page = site_pages[queue.pop()]
        for href in page.parsed.nav_links:
            if is_external(href):
                continue
            url, _ = resolve(page.url, href)
            if url in site_pages and url not in seen:
                seen.add(url)
                queue.append(url)
    unreachable = sorted(set(site_pages) - seen - {"404.html"})
    assert not unreachable, unreachable[:30]
    assert len(seen) > 300
