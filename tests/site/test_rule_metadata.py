"""Rule metadata the site relies on: the ids each check names are declared (read from the code, not trusted), the
build refuses data lacking one, and finding pages explain every severity and keep a retired code's page."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.context import Context
from checker.findings import Hit, Rule, Severity
from checker.registry import all_rules
from sitegen.generate import generate
from sitegen.loader import load_site_data
from sitegen.mdtools import esc
from sitegen.problems import ValidationFailed
from tests.engine.conftest import retired_rule  # noqa: F401  (fixture)
from tests.rule_ids import missing_uses, named_ids
from tests.site.sitebuild import ROOT


def test_every_id_a_check_names_is_declared_in_its_uses() -> None:
    undeclared = {r.code: missing_uses(r) for r in all_rules() if missing_uses(r)}
    assert not undeclared, f"declare these in the rule's uses=: {undeclared}"


def _names_a_flag_itself(ctx: Context) -> Iterator[Hit]:
    if "unusual_payment" in ctx.deal.red_flags and ctx.end_user_is_security:
        yield Hit("named")


def test_the_code_reading_finds_direct_and_context_ids() -> None:
    made = Rule("Z990", "probe", "filter-the-deal", Severity.INFO, "S.", "W.", (), _names_a_flag_itself)
    assert named_ids(made)["red_flags"] == {"unusual_payment"}
    assert "government_security" in named_ids(made)["end_user_types"]  # through Context.end_user_is_security
    assert "red_flags:unusual_payment" in missing_uses(made)
    declared = Rule(
        "Z990",
        "probe",
        "filter-the-deal",
        Severity.INFO,
        "S.",
        "W.",
        (),
        _names_a_flag_itself,
        uses=(
            ("end_user_types", ("government_security", "law_enforcement", "military", "state_telecom_operator")),
            ("red_flags", ("unusual_payment",)),
        ),
    )
    assert missing_uses(declared) == []


def test_site_data_without_an_id_a_rule_uses_fails_the_build_naming_the_rule(tmp_path: Path) -> None:
    root = tmp_path / "site_data"
    shutil.copytree(ROOT / "site_data", root)
    path = root / "vocabularies" / "red_flags.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: unusual_payment", "- id: odd_payment"), "utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_site_data(root)
    messages = [str(p) for p in failed.value.problems]
    assert any("rules rely on are missing" in m and "unusual_payment (R506)" in m for m in messages), messages


def test_finding_pages_explain_each_severity_and_release() -> None:
    pages = generate(ROOT / "site_data").pages
    f103 = pages["findings/f103.md"]
    assert "## When it gives which severity" in f103
    assert "| `stop` (default) |" in f103 and "| `escalate` |" in f103
    rule = next(r for r in all_rules() if r.code == "F103")
    for _, when in rule.severities:
        assert esc(" ".join(when.split())) in f103
    assert "**Since:** release 0.1.0. **Status:** active." in f103
    assert "**Severity:** `condition`, always." in pages["findings/f120.md"]
    assert "| stop or escalate |" in pages["findings/index.md"]


def test_a_retired_code_keeps_its_page_and_says_so(retired_rule: str) -> None:  # noqa: F811
    pages = generate(ROOT / "site_data").pages
    page = pages[f"findings/{retired_rule.lower()}.md"]
    assert '!!! warning "Retired in release 0.1.0"' in page
    assert "split into F103 and F104" in page and "[F103: arms-embargo]" in page and "[F104:" in page
    assert "**Status:** retired in 0.1.0." in page
    assert f"| [{retired_rule}]" in pages["findings/index.md"] and "| retired 0.1.0 |" in pages["findings/index.md"]
    step = pages["steps/filter-the-deal.md"]
    assert retired_rule not in step  # a step lists the checks that run
