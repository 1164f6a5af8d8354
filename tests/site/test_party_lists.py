"""The data-sources page says which restricted-party lists, of which dates, the checker screens."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker import links
from checker.reference import load_reference
from tests.site.sitebuild import ROOT, Page, build, write_config


def test_data_sources_page_names_the_party_lists_screened(site_pages: dict[str, Page]) -> None:
    page = site_pages[links.DATA_SOURCES_PAGE]
    text = page.path.read_text(encoding="utf-8")
    prov = load_reference().party_screener.provenance()
    assert "party-lists" in page.parsed.ids
    assert prov["curated"]["name"] in text and str(prov["curated"]["as_of"]) in text
    if prov["imported"]:
        for meta in prov["imported"]:
            assert meta["name"] in text and str(meta["date"]) in text
    else:
        assert "No official sanctions or entity list is configured" in text


def test_build_fails_when_the_compiled_party_lists_are_stale(tmp_path: Path) -> None:
    data = tmp_path / "site_data"
    shutil.copytree(ROOT / "site_data", data)
    shutil.copy(ROOT / "tests" / "parties" / "fixtures" / "ofac_sdn_sample.csv", tmp_path / "sdn.csv")
    (data / "lists.yml").write_text(
        "lists:\n  - id: ofac-sdn\n    name: OFAC SDN\n    format: ofac-sdn-csv\n    file: sdn.csv\n    date: 2024-05-03\n",
        encoding="utf-8",
    )
    result = build(write_config(tmp_path, site_data=data), tmp_path / "site")
    assert result.returncode != 0
    assert "restricted-party lists:" in result.output and "out of date" in result.output
