"""The worked scenarios: each deal's verdict and the finding codes that must (and must not) appear."""

from __future__ import annotations

import pytest

from checker.engine import screen_raw
from checker.reference import load_reference
from checker.render import render
from tests.scenarios import SCREENING_DATE, load_scenarios

SCENARIOS = load_scenarios()


def test_there_are_at_least_thirty_scenarios_with_rationales() -> None:
    assert len(SCENARIOS) >= 30
    for name, spec in SCENARIOS:
        assert spec.get("rationale"), name
        assert spec["expect"]["verdict"] in ("STOP", "ESCALATE", "PROCEED_WITH_CONDITIONS", "PROCEED"), name


@pytest.mark.parametrize(("name", "spec"), SCENARIOS, ids=[n for n, _ in SCENARIOS])
def test_scenario(name: str, spec: dict) -> None:
    result = screen_raw(spec["deal"], on=SCREENING_DATE)
    codes = {f.code for f in result.findings}
    summary = "\n".join(f"{f.severity.label:9} {f.code} {f.message}" for f in result.findings)
    assert result.verdict == spec["expect"]["verdict"], f"{name}: {spec['rationale']}\n{summary}"
    missing = set(spec["expect"].get("codes", [])) - codes
    assert not missing, f"{name}: expected codes {sorted(missing)} not found\n{summary}"
    unexpected = set(spec["expect"].get("absent", [])) & codes
    assert not unexpected, f"{name}: codes {sorted(unexpected)} should not fire\n{summary}"
    binding = {b["authority"] for b in result.jurisdiction["binding"]}
    for authority in spec["expect"].get("binding", []):
        assert authority in binding, f"{name}: {authority} should bind; binding: {sorted(binding)}"
    for authority in spec["expect"].get("not_binding", []):
        assert authority not in binding, f"{name}: {authority} should not bind; binding: {sorted(binding)}"
    if spec["expect"].get("text"):
        report = render(result, "text", reference=load_reference())
        for needle in spec["expect"]["text"]:
            assert needle in report, f"{name}: the text report should say {needle!r}\n{report}"
