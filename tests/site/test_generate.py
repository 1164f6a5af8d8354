"""The generator works without MkDocs: a function returns {path: Markdown} and a sectioned nav."""

from __future__ import annotations

import sys

from checker import links
from checker.reference import load_reference
from sitegen.bundle import render
from sitegen.generate import generate
from sitegen.nav import nav_sources
from tests.site.sitebuild import ROOT


def test_generate_returns_pages_and_nav_without_mkdocs() -> None:
    before = {name for name in sys.modules if name == "mkdocs" or name.startswith("mkdocs.")}
    result = generate(ROOT / "site_data", docs_pages=["index.md"])
    after = {name for name in sys.modules if name == "mkdocs" or name.startswith("mkdocs.")}
    assert after == before, "sitegen.generate must not import MkDocs"
    assert "countries/eg.md" in result.pages and result.pages["countries/eg.md"].startswith("# Egypt (EG)")
    reachable = set(nav_sources(result.nav))
    assert set(result.pages) <= reachable
    assert "index.md" in reachable


def test_country_pages_come_from_the_checkers_bundle() -> None:
    result = generate(ROOT / "site_data")
    assert render(result.bundle) == (ROOT / "checker" / "data" / "bundle.json").read_text(encoding="utf-8")
    ref = load_reference()
    assert {links.country_page(c).rstrip("/") + ".md" for c in ref.countries} <= set(result.pages)


def test_nav_has_no_flat_list_of_countries() -> None:
    result = generate(ROOT / "site_data")
    countries = next(item["Countries"] for item in result.nav if isinstance(item, dict) and "Countries" in item)

    def widest(items: list) -> int:
        width = len(items)
        for item in items:
            if isinstance(item, dict):
                for child in item.values():
                    if isinstance(child, list):
                        width = max(width, widest(child))
        return width

    assert widest(countries) < 60


def test_checker_page_is_an_extension_point() -> None:
    result = generate(ROOT / "site_data", docs_pages=["index.md", "checker.md"])
    assert {"Deal checker": "checker.md"} in result.nav
    assert (
        "](checker.md)" in result.pages["using-the-checker.md"] or "checker.md" in result.pages["using-the-checker.md"]
    )
    without = generate(ROOT / "site_data", docs_pages=["index.md"])
    assert not any(isinstance(i, dict) and "Deal checker" in i for i in without.nav)
