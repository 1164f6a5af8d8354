"""The end-user questionnaire (issue 10): for every worked scenario, questions for the buyer and the intermediaries
and a draft end-user statement, each citing this deal's findings that call for it and the guidance page."""

from __future__ import annotations

import json
import re

import pytest

from checker import links
from checker.engine import screen_raw
from checker.questionnaire import ASKS, NO_QUESTIONS, PLEDGES, STOP_NOTE, questionnaire, render_questionnaire
from checker.reference import load_reference
from checker.registry import all_rules
from tests.scenarios import SCREENING_DATE, load_scenarios

SCENARIOS = load_scenarios()
REF = load_reference()
BASE = "https://guide.example/"


def _cited_by_deal(cites: tuple, findings: list[dict], triggers: tuple[str, ...]) -> None:
    codes = {f["code"] for f in findings}
    for cite in cites:
        assert cite.code in codes, f"{cite.code} is cited but did not fire"
        assert cite.page == links.finding_page(cite.code)
        matching = [t for t in triggers if t.partition("/")[0] == cite.code]
        assert matching, f"{cite.code} cited without a trigger"
        for f in (f for f in findings if f["code"] == cite.code):
            if any("/" not in t or any(r["id"] == t.partition("/")[2] for r in f["references"]) for t in matching):
                break
        else:
            raise AssertionError(f"{cite.code} cited, but none of its findings names {matching}")


@pytest.mark.parametrize(("name", "scenario"), SCENARIOS, ids=[n for n, _ in SCENARIOS])
def test_every_scenario_gets_a_questionnaire_whose_questions_cite_their_findings(name: str, scenario: dict) -> None:
    result = screen_raw(scenario["deal"], reference=REF, on=SCREENING_DATE)
    findings = result.to_dict()["findings"]
    q = questionnaire(result, REF)
    asks = {a.id: a for a in ASKS}
    pledges = {p.id: p for p in PLEDGES}
    # A question is asked exactly when a finding of this deal calls for it (the ship-to question replaces the route
    # question when the deal names no delivery country).
    called = {
        a.id
        for a in ASKS
        if any(
            f["code"] == t.partition("/")[0]
            and (not t.partition("/")[2] or any(r["id"] == t.partition("/")[2] for r in f["references"]))
            for t in a.triggers
            for f in findings
        )
    }
    if not (scenario["deal"] or {}).get("delivery", {}).get("ship_to_country"):
        called.discard("route")
    assert {x.id for x in q.questions} == called
    for question in q.questions:
        assert question.cites, f"{question.id} cites no finding"
        _cited_by_deal(question.cites, findings, asks[question.id].triggers)
        assert "{" not in question.text, "a template word was not filled in"
    for u in q.undertakings:
        assert u.standard or u.cites, f"undertaking {u.id} cites no finding"
        _cited_by_deal(u.cites, findings, pledges[u.id].triggers)
    assert {"end-use", "no-reexport"} <= {u.id for u in q.undertakings}, "the statement's core is missing"
    assert (q.note == STOP_NOTE) == (result.verdict == "STOP")

    text = render_questionnaire(result, "questionnaire", reference=REF, base_url=BASE)
    for question in q.questions:
        for cite in question.cites:
            assert f"[{cite.code} " in text and BASE + cite.page in text
    assert (NO_QUESTIONS in text) == (not q.questions)
    # Every link is absolute on the host's site and goes to a finding or guidance page.
    for href in re.findall(r"\]\(([^)]+)\)", text):
        assert href.startswith(BASE) and re.fullmatch(r"(findings/[a-z0-9]+|steps/[a-z-]+)/", href[len(BASE) :])
    data = json.loads(render_questionnaire(result, "questionnaire-json", reference=REF))
    assert [x["id"] for s in data["sections"] for x in s["questions"]] == [x.id for x in q.questions]


def test_every_trigger_names_a_rule_and_a_known_safeguard() -> None:
    codes = {r.code for r in all_rules()}
    safeguards = set(REF.vocabulary("safeguards"))
    for item in (*ASKS, *PLEDGES):
        assert item.triggers, item.id
        for trigger in item.triggers:
            code, _, ref_id = trigger.partition("/")
            assert code in codes, f"{item.id}: {code} is not a rule"
            assert not ref_id or ref_id in safeguards, f"{item.id}: {ref_id} is not a safeguard"
    assert len({a.id for a in ASKS}) == len(ASKS) and len({p.id for p in PLEDGES}) == len(PLEDGES)


def _scenario(name: str) -> dict:
    return json.loads(json.dumps(dict(SCENARIOS)[name]["deal"]))


def test_intermediaries_are_asked_about_onward_sale_and_the_buyer_about_the_rest() -> None:
    deal = _scenario("bluecoat-iraq-as-vendor-saw-it")
    q = questionnaire(screen_raw(deal, reference=REF, on=SCREENING_DATE), REF)
    sections = {s.to: s for s in q.sections}
    assert "Computerlinks FZCO" in sections["intermediaries"].heading
    onward = {x.id: x for x in sections["intermediaries"].questions}
    assert {"name-end-user", "onward", "route"} <= set(onward)
    assert "United Arab Emirates" in onward["route"].text and "Iraq" in onward["route"].text
    assert "R504" in {c.code for c in onward["name-end-user"].cites}
    assert {x.id for x in sections["buyer"].questions} >= {"end-use", "identity", "legal-basis"}
    # Without intermediaries every question goes to the buyer.
    deal.pop("intermediaries")
    q = questionnaire(screen_raw(deal, reference=REF, on=SCREENING_DATE), REF)
    assert [s.to for s in q.sections] == ["buyer"]


def test_deal_text_cannot_make_links_or_markup_in_the_questionnaire() -> None:
    deal = _scenario("bluecoat-iraq-as-vendor-saw-it")
    deal["end_user"]["name"] = "Evil [click](javascript:alert(1)) <b>x</b>"
    deal["product"]["name"] = "Box {destination} | cell"
    text = render_questionnaire(screen_raw(deal, reference=REF, on=SCREENING_DATE), "questionnaire", reference=REF)
    assert "javascript:" not in re.findall(r"\]\(([^)]+)\)", text).__str__()
    assert "<b>" not in text and "\\[click\\]" in text
    assert "Box \\{destination\\} &#124; cell" in text, "a template word in the deal was expanded or a cell broken"


def test_a_stop_questionnaire_says_the_answers_do_not_change_the_verdict() -> None:
    result = screen_raw(_scenario("gamma-finfisher-egypt"), reference=REF, on=SCREENING_DATE)
    assert result.verdict == "STOP"
    text = render_questionnaire(result, "questionnaire", reference=REF)
    assert text.index(STOP_NOTE.split(":")[0]) < text.index("## To the buyer")
    with pytest.raises(ValueError, match="unknown questionnaire format"):
        render_questionnaire(result, "questionnaire-pdf", reference=REF)
