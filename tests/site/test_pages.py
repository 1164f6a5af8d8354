"""Every country, case study, control entry, capability and finding code has its page, and cross-links go both ways."""

from __future__ import annotations

import html

import pytest

from checker import links
from checker.reference import load_reference
from checker.registry import all_rules
from tests.site.sitebuild import Page, is_external, resolve

REF = load_reference()


def targets(page: Page) -> set[str]:
    """Site-relative URLs a page links to (fragments dropped)."""
    return {
        resolve(page.url, href)[0] for href in page.parsed.links if not is_external(href) and not href.startswith("#")
    }


def test_every_country_in_the_checkers_data_has_a_page(site_pages: dict[str, Page]) -> None:
    missing = [code for code in REF.countries if links.country_page(code) not in site_pages]
    assert not missing
    assert len(REF.countries) > 200


def test_country_page_shows_its_measures_with_instruments(site_pages: dict[str, Page]) -> None:
    for code in REF.countries:
        text = site_pages[links.country_page(code)].path.read_text(encoding="utf-8")
        for measure in REF.measures_for(code):
            assert measure.id in site_pages[links.country_page(code)].parsed.ids, (code, measure.id)
            assert measure.instrument.split(" ")[0] in text


def test_every_case_study_control_entry_capability_and_finding_has_a_page(site_pages: dict[str, Page]) -> None:
    expected = [links.case_study_page(c.id) for c in REF.case_studies]
    expected += [links.control_page(e) for e in REF.control_entries]
    expected += [links.capability_page(c) for c in REF.vocabulary("capabilities")]
    expected += [links.finding_page(r.code) for r in all_rules()]
    expected += [links.step_page(s) for s in ("filter-the-deal", "after-the-sale")]
    assert len(REF.case_studies) >= 10
    missing = [url for url in expected if url not in site_pages]
    assert not missing


@pytest.mark.parametrize("kind", ["destinations", "capabilities", "related_entries", "failed_steps"])
def test_case_study_links_both_ways(site_pages: dict[str, Page], kind: str) -> None:
    page_of = {
        "destinations": links.country_page,
        "capabilities": links.capability_page,
        "related_entries": links.control_page,
        "failed_steps": links.step_page,
    }[kind]
    checked = 0
    for case in REF.case_studies:
        case_url = links.case_study_page(case.id)
        for value in getattr(case, kind):
            other = page_of(value)
            assert other in targets(site_pages[case_url]), f"{case_url} does not link to {other}"
            assert case_url in targets(site_pages[other]), f"{other} does not link back to {case_url}"
            checked += 1
    assert checked


def test_finding_codes_and_steps_link_both_ways(site_pages: dict[str, Page]) -> None:
    for rule in all_rules():
        finding, step = links.finding_page(rule.code), links.step_page(rule.step)
        assert step in targets(site_pages[finding])
        assert finding in targets(site_pages[step])


def test_capabilities_and_control_entries_link_both_ways(site_pages: dict[str, Page]) -> None:
    pairs = 0
    for cap_id, cap in REF.vocabulary("capabilities").items():
        for entry in cap.get("likely_entries", []):
            cap_url, entry_url = links.capability_page(cap_id), links.control_page(entry)
            assert entry_url in targets(site_pages[cap_url])
            assert cap_url in targets(site_pages[entry_url])
            pairs += 1
    for entry_id, entry in REF.control_entries.items():
        for cap_id in entry.capabilities:
            assert links.capability_page(cap_id) in targets(site_pages[links.control_page(entry_id)])
            assert links.control_page(entry_id) in targets(site_pages[links.capability_page(cap_id)])
            pairs += 1
    assert pairs


def test_doubtful_data_is_flagged_where_it_is_shown(site_pages: dict[str, Page]) -> None:
    doubtful = [m for m in REF.measures.values() if not m.reliable]
    for measure in doubtful:
        for target in measure.targets:
            if "-" in target:
                continue
            text = site_pages[links.country_page(target)].path.read_text(encoding="utf-8")
            word = "Unverified" if measure.confidence == "unverified" else "Possibly lapsed"
            assert word in text, (target, measure.id)
    case_notes = [c for c in REF.case_studies if c.confidence == "unverified"]
    for case in case_notes:
        assert "Unverified" in site_pages[links.case_study_page(case.id)].path.read_text(encoding="utf-8")


def test_data_sources_page_lists_every_source_with_date_and_dataset_dates(site_pages: dict[str, Page]) -> None:
    page = site_pages[links.DATA_SOURCES_PAGE]
    text = html.unescape(page.path.read_text(encoding="utf-8"))  # as read: a dataset named "Exporters' ..."
    for source_id, source in REF.sources.items():
        assert f"src-{source_id}" in page.parsed.ids
        assert str(source["published"]) in text and str(source["accessed"]) in text
    for dataset in REF.datasets():
        assert dataset["name"].split(" (")[0] in text


def test_countries_are_grouped_by_region_in_the_navigation(site_pages: dict[str, Page]) -> None:
    home = site_pages[""]
    region_urls = {resolve("", h)[0] for h in home.parsed.nav_links} & {
        u for u in site_pages if u.count("/") == 2 and u.startswith("countries/") and len(u.split("/")[1]) > 2
    }
    assert {"countries/africa/", "countries/europe/", "countries/asia/"} <= region_urls
    country_urls_on_home = [
        h
        for h in home.parsed.nav_links
        if resolve("", h)[0].startswith("countries/") and len(resolve("", h)[0].split("/")[1]) == 2
    ]
    assert not country_urls_on_home, "countries must sit under regions, not in one flat list"


def test_footer_shows_the_data_as_of_date(site_pages: dict[str, Page]) -> None:
    for url in ("", links.country_page("SY"), links.finding_page(all_rules()[0].code)):
        assert f'Data as of <time datetime="{REF.as_of}">' in site_pages[url].path.read_text(encoding="utf-8")
