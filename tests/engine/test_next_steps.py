"""The exporter's own next steps reach the verdict box and the 'Whose law binds' section of every format, for each
licensing country (its own, and the ship-from country's), from ReferenceData.exporter_steps."""

from __future__ import annotations

import dataclasses
from typing import Any

from checker.engine import screen_raw
from checker.reference import ReferenceData, load_reference
from checker.render import render

DEAL = {
    "schema_version": 2,
    "exporter": {"name": "Example Networks Inc", "country": "US"},
    "product": {"name": "DeepFlow", "capabilities": ["deep_packet_inspection"], "control_entries": ["5A001.j"]},
    "destination": {"country": "JP"},
    "end_user": {"name": "Example ISP KK", "type": "private_telecom_operator", "end_user_statement": "signed"},
    "delivery": {"ship_from_country": "NL"},
}


@dataclasses.dataclass(frozen=True)
class Step:
    name: str
    text: str
    url: str
    level: str


@dataclasses.dataclass(frozen=True)
class Record:
    name: str
    authority: Step
    apply: Step | None
    classification: tuple[Step, ...] = ()
    licence_types: tuple[Step, ...] = ()


class WithSteps(ReferenceData):
    """The real reference data plus a next-steps record for the Netherlands only."""

    def exporter_steps(self, country: str) -> Any:
        if country != "NL":
            return None
        return Record(
            name="Netherlands",
            authority=Step("Test licensing office", "Licenses exports.", "https://example.test/office", "NL"),
            apply=Step("Apply online", "Apply in the test portal.", "https://example.test/apply", "NL"),
            classification=(Step("Ask for a rating", "Send the data sheet.", "https://example.test/rating", "NL"),),
        )


def _reference() -> WithSteps:
    base = load_reference()
    return WithSteps(**{f.name: getattr(base, f.name) for f in dataclasses.fields(base)})


def test_each_licensing_country_gets_its_steps_or_a_plain_no_record_line() -> None:
    ref = _reference()
    result = screen_raw(DEAL, reference=ref, on="2026-11-29")
    steps = result.jurisdiction["exporter_steps"]
    assert [s["country"] for s in steps] == ["US", "NL"]
    assert steps[0]["held"] is False and steps[1]["held"] is True
    box = result.to_dict()["decision"]["next_steps"]
    assert any("licensing authority is Test licensing office (https://example.test/office)" in s for s in box)
    assert any("holds no next steps" in s and "United States" in s for s in box)
    for fmt in ("text", "markdown", "html"):
        report = render(result, fmt, reference=ref)
        assert "Send the data sheet." in report, fmt
        assert "example.test/rating" in report, fmt


def test_without_the_accessor_nothing_is_invented() -> None:
    result = screen_raw(DEAL, reference=load_reference(), on="2026-11-29")
    if hasattr(load_reference(), "exporter_steps"):
        assert result.jurisdiction["exporter_steps"], "the accessor exists: every licensing country is listed"
    else:
        assert result.jurisdiction["exporter_steps"] == []
