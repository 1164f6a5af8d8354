"""Next steps by exporter jurisdiction (site_data/reference/exporter_steps/): the loader refuses a step without an
official source, with file:line: field like its other errors; the accessor gives a member state the EU-level items."""

from __future__ import annotations

import re
from pathlib import Path

from checker.reference import ReferenceData, load_reference
from tests.site.sitebuild import site_data_problems as problems

UK = "reference/exporter_steps/uk.yml"


def edit(root: Path, old: str, new: str, after: str = "") -> int:
    """Replace the first `old` after the line matching `after` in uk.yml; return the 1-based line of the edit."""
    path = root / UK
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.search(after, line)) if after else 0
    index = next(i for i in range(start, len(lines)) if old in lines[i])
    lines[index] = lines[index].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


BLOG_SOURCE = """  - id: test-consultancy-summary
    kind: law_firm
    title: A consultancy's summary of UK licence types
    publisher: Some Consultancy
    url: https://consultancy.example/uk-licences
    published: 2025-01
    accessed: 2026-12-02
"""


def add_source(root: Path, text: str) -> None:
    path = root / UK
    body = path.read_text(encoding="utf-8")
    path.write_text(body.replace("sources:\n", "sources:\n" + text, 1), encoding="utf-8")


def test_shipped_steps_load_and_every_step_links_an_official_page() -> None:
    ref = load_reference()
    uk = ref.exporter_steps("GB")
    assert uk is not None
    assert uk.authority.name.startswith("Export Control Joint Unit")
    names = [step.name for step in uk.licence_types]
    assert any("SIEL" in n for n in names) and any("OIEL" in n for n in names) and any("OGEL" in n for n in names)
    assert any("Control List Classification Advice Service" in s.name for s in uk.classification)
    assert any("End User Advisory Service" in s.name for s in uk.advisory)
    assert any("WMD end-use" in s.name for s in uk.catch_all)
    for step in uk.all_steps():
        source = ref.sources[step.sources[0]] if step.sources else {}
        assert step.url.startswith("https://"), step
        assert any(ref.sources[s]["kind"] == "official" and ref.sources[s]["url"] == step.url for s in step.sources)
        assert source, step
    assert ref.exporter_steps("UK") == uk  # the common name of the code is accepted
    assert ref.exporter_steps("ZZ") is None


def test_uk_records_its_5a001j_position() -> None:
    uk = load_reference().exporter_steps("GB")
    assert uk is not None
    notes = uk.notes_for("5A001.j")
    assert notes and "ECJU licence" in notes[0].text
    assert notes[0].confidence == "unverified" and notes[0].note  # says what was not read


def test_step_citing_only_a_consultancy_is_refused(data: Path) -> None:
    add_source(data, BLOG_SOURCE)
    line = edit(data, "sources: [govuk-oiel]", "sources: [test-consultancy-summary]")
    found = problems(data)
    expected = f"site_data/{UK}:{line}: licence_types[1].sources: a next step must cite an official source"
    assert any(p.startswith(expected) for p in found), found
    assert any("test-consultancy-summary (law_firm)" in p for p in found), found


def test_step_with_no_sources_at_all_is_refused(data: Path) -> None:
    line = edit(data, "sources: [govuk-oiel]", "sources: []")
    found = problems(data)
    assert f"site_data/{UK}:{line}: licence_types[1].sources: must list at least one entry" in found, found


def test_step_citing_an_unknown_source_is_refused(data: Path) -> None:
    line = edit(data, "sources: [govuk-oiel]", "sources: [no-such-page]")
    found = problems(data)
    assert any(p.startswith(f"site_data/{UK}:{line}: licence_types[1].sources[0]: unknown source id") for p in found)


def test_unverified_step_must_say_what_was_not_confirmed(data: Path) -> None:
    path = data / UK
    text = path.read_text(encoding="utf-8")
    start = text.index("      - name: Military end-use control")
    note = text.index("        note: >-", start)
    end = text.index("      - name: Exports from Northern Ireland", start)
    path.write_text(text[:note] + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    found = problems(data)
    assert f"site_data/{UK}:{line}: catch_all[1].note: an unverified step must say what was not confirmed" in found


def test_a_step_without_a_name_is_refused_with_its_path(data: Path) -> None:
    line = edit(data, "name: Open individual export licence (OIEL)", "title: Open individual export licence")
    found = problems(data)
    assert f"site_data/{UK}:{line}: licence_types[1].name: required field is missing" in found, found
    assert any(p.startswith(f"site_data/{UK}:{line}: licence_types[1].title: unknown field") for p in found), found


def test_unknown_control_entry_in_a_note_is_refused(data: Path) -> None:
    line = edit(data, "entry: 5A001.j", "entry: 5A999.z")
    found = problems(data)
    assert any(
        p.startswith(f"site_data/{UK}:{line}: entry_notes[0].entry: unknown control-entry id '5A999.z'") for p in found
    ), found


def test_unknown_country_and_duplicate_country_are_refused(data: Path) -> None:
    line = edit(data, "country: GB", "country: XK")
    found = problems(data)
    assert any(p.startswith(f"site_data/{UK}:{line}: country: unknown country code 'XK'") for p in found), found
    body = (data / UK).read_text(encoding="utf-8").replace("country: XK", "country: GB")
    (data / "reference" / "exporter_steps" / "uk_copy.yml").write_text(
        body.replace("  - id: ", "  - id: copy-"), encoding="utf-8"
    )
    (data / UK).write_text(body, encoding="utf-8")
    assert any("duplicate id 'GB'" in p for p in problems(data))


def _step(name: str) -> dict[str, object]:
    return {"name": name, "text": f"{name} text", "sources": ["s-official"]}


def test_member_state_record_includes_the_eu_level_items() -> None:
    raw = {
        "authorities": [{"id": "EU", "binds": ["DE", "FR"]}],
        "sources": [{"id": "s-official", "kind": "official", "url": "https://example.gov/page"}],
        "exporter_steps": [
            {
                "country": "EU",
                "name": "European Union",
                "authority": _step("European Commission"),
                "licence_types": [_step("EU005")],
                "control_lists": [_step("Annex I")],
                "catch_all": [_step("Article 5")],
            },
            {
                "country": "DE",
                "name": "Germany",
                "authority": _step("BAFA"),
                "licence_types": [_step("Einzelgenehmigung")],
                "control_lists": [_step("Ausfuhrliste")],
            },
            {"country": "US", "name": "United States", "authority": _step("BIS"), "control_lists": [_step("CCL")]},
        ],
    }
    ref = ReferenceData(raw=raw)
    germany = ref.exporter_steps("DE")
    assert germany is not None and germany.eu_level is not None
    assert [s.name for s in germany.licence_types] == ["Einzelgenehmigung", "EU005"]
    assert [(s.name, s.level) for s in germany.catch_all] == [("Article 5", "EU")]
    assert germany.authority.name == "BAFA" and germany.authority.url == "https://example.gov/page"
    us = ref.exporter_steps("US")
    assert us is not None and us.eu_level is None and [s.name for s in us.control_lists] == ["CCL"]
    eu = ref.exporter_steps("EU")
    assert eu is not None and eu.eu_level is None
    assert ref.exporter_steps("FR") is None  # a member state without its own record: no guessed authority
    assert ref.exporter_countries() == ["DE", "US"]
