"""The decision a report opens with: verdict, the findings that decided it (plain-language titles), next steps."""

from __future__ import annotations

import pytest

from checker.decision import MAX_DECIDING
from checker.engine import screen_raw
from checker.next_steps import summary_lines
from checker.reference import load_reference
from checker.registry import all_rules
from checker.render import render
from checker.rule_titles import TITLES
from tests.scenarios import SCREENING_DATE, load_scenarios

SCENARIOS = load_scenarios()
SEVERITY_OF = {"STOP": "stop", "ESCALATE": "escalate", "PROCEED_WITH_CONDITIONS": "condition"}


def test_every_rule_has_a_plain_language_title_and_no_title_is_a_slug() -> None:
    codes = {r.code for r in all_rules()}
    assert codes - set(TITLES) == set(), "rules without a title"
    assert set(TITLES) - codes == set(), "titles of rules that do not exist"
    for rule in all_rules():
        assert TITLES[rule.code] != rule.name and " " in TITLES[rule.code]


@pytest.mark.parametrize(("name", "scenario"), SCENARIOS, ids=[n for n, _ in SCENARIOS])
def test_the_verdict_box_names_the_deciding_findings_and_next_steps(name: str, scenario: dict) -> None:
    result = screen_raw(scenario["deal"], on=SCREENING_DATE)
    data = result.to_dict()
    box = data["decision"]
    worst = SEVERITY_OF.get(result.verdict)
    deciding = [d["code"] for d in box["deciding"]]
    if worst is None:
        assert deciding == []
    else:
        top = [f["code"] for f in data["findings"] if f["severity"] == worst]
        assert 1 <= len(deciding) <= MAX_DECIDING and set(deciding) <= set(top)
        assert deciding == list(dict.fromkeys(top))[:MAX_DECIDING]
        for d in box["deciding"]:
            assert d["title"] == TITLES[d["code"]]
    assert box["next_steps"], "every verdict says what to do next"
    text = render(result, "text", reference=load_reference())
    head = text.split("\nReference: ", 1)[0]  # the box comes before any detail
    for code in deciding:
        assert f"{code} – {TITLES[code]}" in head
    assert box["next_steps_title"] in head
    if result.verdict == "STOP":
        assert "Conditions\n" not in text and "Recommended actions" not in text
        assert box["next_steps"][0].startswith("Do not proceed")
        assert not any("clause" in s.lower() for s in box["next_steps"]), "a STOP offers no fix-it clauses"
    if result.verdict == "PROCEED_WITH_CONDITIONS":
        assert set(data["conditions"]) <= set(box["next_steps"])
    own = set(summary_lines(data["jurisdiction"]["exporter_steps"]))  # the exporter's authority, every verdict
    assert own <= set(box["next_steps"])
    if result.verdict == "ESCALATE":
        assert all("Who: " in s for s in box["next_steps"][1:-1] if s not in own)
    if result.verdict == "PROCEED":
        assert any(s.startswith("Not checked: the official sanctions") for s in box["next_steps"])


def test_a_stop_on_a_listed_party_says_not_to_make_anything_available_to_it() -> None:
    stops = [
        (n, s)
        for n, s in SCENARIOS
        if "S801" in [d["code"] for d in screen_raw(s["deal"], on=SCREENING_DATE).to_dict()["decision"]["deciding"]]
    ]
    assert stops, "a worked scenario stops on a listed party"
    steps = screen_raw(stops[0][1]["deal"], on=SCREENING_DATE).to_dict()["decision"]["next_steps"]
    assert any("make no funds, goods or services available" in s for s in steps)


def test_no_field_path_or_rule_slug_leaks_into_a_report() -> None:
    """Readers see the form's words: 'control_entries', 'end_user.oversight' or 'security-end-user-...' never."""
    from checker.fields import FIELDS

    paths = {f.path.replace("[]", "") for f in FIELDS if "_" in f.path or "." in f.path}
    slugs = {r.name for r in all_rules() if r.name.count("-") >= 2}  # "arms-embargo" is also a plain word
    ref = load_reference()
    leaks = set()
    for name, scenario in SCENARIOS:
        text = render(screen_raw(scenario["deal"], on=SCREENING_DATE), "text", reference=ref)
        leaks |= {f"{name}: {p}" for p in paths | slugs if p in text}
    assert leaks == set()
