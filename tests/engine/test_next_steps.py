"""The exporter's own next steps reach the verdict box and the 'Whose law binds' section of every format, for each
licensing country (its own, and the ship-from country's), from ReferenceData.exporter_steps (the shipped data)."""

from __future__ import annotations

import html

from checker.engine import screen_raw
from checker.next_steps import UNVERIFIED
from checker.reference import load_reference
from checker.render import render

REF = load_reference()
DEAL = {
    "schema_version": 2,
    "exporter": {"name": "Example Networks Ltd", "country": "GB"},
    "product": {"name": "DeepFlow", "capabilities": ["deep_packet_inspection"], "control_entries": ["5A001.j"]},
    "destination": {"country": "JP"},
    "end_user": {"name": "Example ISP KK", "type": "private_telecom_operator", "end_user_statement": "signed"},
    "delivery": {"ship_from_country": "NL"},
}


def _uk_unverified_steps() -> list[str]:
    uk = REF.exporter_steps("GB")
    assert uk is not None
    return [s.name for s in uk.all_steps() if not s.reliable and s.entry is None]


def test_each_licensing_country_gets_its_steps_or_a_plain_no_record_line() -> None:
    held = REF.exporter_countries()
    assert "GB" in held and "NL" not in held, "the test needs a record for GB and none for NL"
    result = screen_raw(DEAL, reference=REF, on="2026-11-29")
    steps = result.jurisdiction["exporter_steps"]
    assert [s["country"] for s in steps] == ["GB", "NL"]
    assert steps[0]["held"] is True and steps[1]["held"] is False
    box = result.to_dict()["decision"]["next_steps"]
    assert any("licensing authority is Export Control Joint Unit" in s for s in box)
    assert any("holds no next steps" in s and "Netherlands" in s for s in box)
    for fmt in ("text", "markdown", "html"):
        report = html.unescape(render(result, fmt, reference=REF)).replace("\\", "")  # as read, not as escaped
        assert "Standard individual export licence (SIEL)" in report, fmt
        assert "https://www.gov.uk/guidance/standard-individual-export-licences" in report, fmt


def test_an_unverified_step_is_labelled_so_in_every_format() -> None:
    unverified = _uk_unverified_steps()
    assert unverified, "the UK record has unverified steps (see its `unverified` list)"
    result = screen_raw(DEAL, reference=REF, on="2026-11-29")
    for fmt in ("text", "markdown", "html"):
        report = html.unescape(render(result, fmt, reference=REF)).replace("\\", "")  # as read, not as escaped
        for name in unverified:
            assert f"{name}{UNVERIFIED}" in report, (fmt, name)


def test_a_country_without_a_record_is_never_given_invented_steps() -> None:
    deal = {**DEAL, "exporter": {"name": "Example Networks Inc", "country": "US"}, "delivery": {}}
    result = screen_raw(deal, reference=REF, on="2026-11-29")
    assert result.jurisdiction["exporter_steps"] == [{"country": "US", "name": "United States", "held": False}]
