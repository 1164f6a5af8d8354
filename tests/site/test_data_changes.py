"""The generated Data changes page (built under --strict by the session fixture) and the stale badge on pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker import links
from tests.site.sitebuild import ROOT, BuildResult, Page, build, write_config


def test_data_changes_page_lists_what_changed_since_the_previous_release(site_pages: dict[str, Page]) -> None:
    page = site_pages[links.DATA_CHANGES_PAGE]
    text = page.path.read_text(encoding="utf-8")
    assert "Data changes" in text
    assert "added measure <code>us-itar-126-1-kh</code>" in text  # Cambodia left ITAR 126.1 on 7 Nov 2025
    assert "changed listed party <code>ofac-sdn-2024-merom-harpaz</code>" in text and "2025-12-30" in text
    assert "dealcheck data diff" in text


def test_a_site_without_a_previous_release_says_so(tmp_path: Path) -> None:
    data = tmp_path / "site_data"
    shutil.copytree(ROOT / "site_data", data)
    (data / "releases" / "previous.json").unlink()
    result = build(write_config(tmp_path, site_data=data, check_bundle=False), tmp_path / "site")
    assert result.returncode == 0, result.output
    text = (tmp_path / "site" / "data-changes" / "index.html").read_text(encoding="utf-8")
    assert "No earlier release is recorded" in text


def test_stale_facts_carry_a_badge_and_the_build_counts_them(
    site_pages: dict[str, Page], built_site: BuildResult
) -> None:
    # The Darfur embargo's renewal ran to 12 Sep 2026 and no later renewal was found: past its review date.
    text = site_pages[links.country_page("SD")].path.read_text(encoding="utf-8")
    assert "Possibly lapsed" in text
    assert 'class="ceg-stale"' in text and "review date 2026-09-12 has passed" in text
    assert "may be out of date (review date passed or not verified for more than 183 days)" in built_site.output
    carried = site_pages[links.case_study_page("gamma-finfisher-egypt")].path.read_text(encoding="utf-8")
    assert "carried over, not re-checked" in carried
    assert "source of 2011-09-21" in carried
