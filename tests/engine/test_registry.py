"""Every finding code is documented, stable in form, declared like a linter rule's and exercised by a scenario."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from checker import screen_raw
from checker.context import Context
from checker.deal import parse_deal
from checker.findings import Hit, Rule, RuleError, Severity
from checker.reference import VOCABULARIES, load_reference
from checker.registry import (
    CONTROL_ENTRIES,
    STEPS,
    all_rules,
    documented_rules,
    findings_of,
    get_rule,
    retire,
    rule,
)
from tests.scenarios import SCREENING_DATE, load_scenarios


def test_codes_are_unique_well_formed_and_documented() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    for r in rules:
        assert re.fullmatch(r"[A-Z]\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z0-9-]+", r.name), r.name
        assert r.step in STEPS
        assert r.summary.endswith(".") and r.why.endswith("."), r.code
        assert r.actions and all(a.strip() for a in r.actions), r.code


def test_every_rule_has_a_scenario_that_expects_it() -> None:
    expected = {code for _, spec in load_scenarios() for code in spec["expect"].get("codes", [])}
    missing = [r.code for r in all_rules() if r.code not in expected]
    assert not missing, f"rules without a worked scenario: {missing}"


def test_scenarios_only_name_registered_codes() -> None:
    known = {r.code for r in all_rules()}
    for name, spec in load_scenarios():
        named = set(spec["expect"].get("codes", [])) | set(spec["expect"].get("absent", []))
        assert named <= known, f"{name}: unknown codes {sorted(named - known)}"


def test_get_rule_is_case_insensitive() -> None:
    assert get_rule("u401").code == "U401"


def test_every_rule_declares_its_severities_release_and_status() -> None:
    for r in all_rules():
        severities = [sev for sev, _ in r.severities]
        assert r.severity in severities, r.code
        assert severities == sorted(severities, reverse=True), f"{r.code}: most severe first"
        assert all(when.endswith(".") for _, when in r.severities), r.code
        assert re.fullmatch(r"\d+\.\d+\.\d+", r.since), r.code
        assert r.status == "active" and r.retired_in is None, r.code
        for vocabulary, ids in r.uses:
            assert vocabulary in (*VOCABULARIES, CONTROL_ENTRIES), (r.code, vocabulary)
            assert ids == tuple(sorted(ids)) and ids, (r.code, vocabulary)


def test_documented_rules_include_retired_ones_and_the_engine_runs_only_active(retired_rule: str) -> None:
    assert retired_rule in {r.code for r in documented_rules()}
    assert retired_rule not in {r.code for r in all_rules()}
    assert get_rule(retired_rule).status == "retired"
    result = screen_raw({"destination": {"country": "SY"}}, on=SCREENING_DATE)
    assert retired_rule not in {f.code for f in result.findings}


def _context() -> Context:
    ref = load_reference()
    return Context(deal=parse_deal({}, ref), ref=ref, today=SCREENING_DATE)


def test_a_hit_with_an_undeclared_severity_is_refused_naming_the_rule() -> None:
    def check(ctx: Context) -> Iterator[Hit]:
        del ctx
        yield Hit("too severe", severity=Severity.STOP)

    made = Rule(
        "Z999",
        "test-rule",
        STEPS[0],
        Severity.ESCALATE,
        "S.",
        "W.",
        (),
        check,
        severities=((Severity.ESCALATE, "Always."),),
    )
    with pytest.raises(RuleError, match="Z999 gave severity stop, which it does not declare"):
        findings_of(made, _context())
    allowed = Rule(
        "Z999",
        "test-rule",
        STEPS[0],
        Severity.ESCALATE,
        "S.",
        "W.",
        (),
        check,
        severities=((Severity.STOP, "When."), (Severity.ESCALATE, "Else.")),
    )
    assert [f.severity for f in findings_of(allowed, _context())] == [Severity.STOP]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"severities": {Severity.INFO: "Only this."}}, "default severity escalate is not among its severities"),
        ({"severities": {Severity.ESCALATE: "no full stop"}}, "as a sentence ending in '.'"),
        ({"since": "99.0.0"}, "since 99.0.0 is later than this release"),
        ({"since": "soon"}, "is not a release number"),
        ({"uses": {"red_flag": ("unusual_payment",)}}, "neither a vocabulary nor control_entries"),
        ({"uses": {"red_flags": "unusual_payment"}}, "must be a non-empty list of ids"),
    ],
)
def test_a_bad_declaration_fails_at_registration_naming_the_rule(extra: dict[str, Any], message: str) -> None:
    declaration: dict[str, Any] = {
        "step": STEPS[0],
        "severity": Severity.ESCALATE,
        "summary": "S.",
        "why": "W.",
        "actions": ("A.",),
        "since": "0.1.0",
        **extra,
    }
    with pytest.raises(ValueError, match=re.escape(message)):
        rule("Z998", "bad-rule", **declaration)(lambda ctx: iter(()))
    assert "Z998" not in {r.code for r in documented_rules()}


def test_a_retired_code_cannot_be_retired_before_it_was_introduced() -> None:
    with pytest.raises(ValueError, match="retired in 0.0.1, before it was introduced"):
        retire(
            "Z997",
            "old-rule",
            step=STEPS[0],
            severity=Severity.INFO,
            summary="S.",
            why="W.",
            since="0.1.0",
            retired_in="0.0.1",
            reason="test",
        )
