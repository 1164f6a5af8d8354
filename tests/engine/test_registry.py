"""Every finding code is documented, stable in form and exercised by at least one worked scenario."""

from __future__ import annotations

import re

from checker.registry import STEPS, all_rules, get_rule
from tests.scenarios import load_scenarios


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
