"""Property tests of the verdict policy: unknown never proceeds, hard stops never lower, output is deterministic."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import screen_raw
from checker.reference import load_reference
from checker.result import VERDICTS

REF = load_reference()
COUNTRIES = sorted(REF.countries)
CORE_PATHS = (("destination", "country"), ("end_user", "type"), ("end_user", "name"), ("product", "capabilities"))
GREEN = {"PROCEED", "PROCEED_WITH_CONDITIONS"}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def vocab(name: str) -> list[str]:
    return list(REF.vocabulary(name))


text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30).filter(lambda s: s.strip())
intermediary = st.fixed_dictionaries(
    {},
    optional={
        "name": text,
        "role": st.sampled_from(vocab("intermediary_roles")),
        "country": st.sampled_from(COUNTRIES),
        "free_zone": st.booleans(),
    },
)
deals = st.fixed_dictionaries(
    {},
    optional={
        "exporter": st.fixed_dictionaries({}, optional={"name": text, "country": st.sampled_from(COUNTRIES)}),
        "product": st.fixed_dictionaries(
            {},
            optional={
                "name": text,
                "capabilities": st.lists(st.sampled_from(vocab("capabilities")), max_size=4, unique=True),
                "control_entries": st.lists(st.sampled_from(sorted(REF.control_entries)), max_size=2, unique=True),
                "mass_market": st.booleans(),
            },
        ),
        "destination": st.fixed_dictionaries({"country": st.sampled_from(COUNTRIES)}),
        "end_user": st.fixed_dictionaries(
            {},
            optional={
                "name": text,
                "type": st.sampled_from(vocab("end_user_types")),
                "end_user_statement": st.sampled_from(vocab("end_user_statements")),
            },
        ),
        "intermediaries": st.lists(intermediary, max_size=3),
        "delivery": st.fixed_dictionaries({"ship_to_country": st.sampled_from(COUNTRIES)}),
        "services": st.lists(st.sampled_from(vocab("services")), max_size=3, unique=True),
        "red_flags": st.lists(st.sampled_from(vocab("red_flags")), max_size=3, unique=True),
        "safeguards": st.lists(st.sampled_from(vocab("safeguards")), max_size=6, unique=True),
    },
)


def verdict(deal: dict) -> str:
    return screen_raw(deal, on="2026-11-29").verdict


def _core_missing(deal: dict) -> bool:
    for section, key in CORE_PATHS:
        value = deal.get(section, {}).get(key)
        if value in (None, [], "unknown"):
            return True
    return False


@SETTINGS
@given(deals)
def test_missing_or_unknown_core_facts_never_give_a_green_light(deal: dict) -> None:
    if _core_missing(deal):
        assert verdict(deal) not in GREEN


@SETTINGS
@given(deals, st.sampled_from(CORE_PATHS))
def test_removing_a_core_fact_never_gives_a_green_light(deal: dict, path: tuple[str, str]) -> None:
    deal = copy.deepcopy(deal)
    deal.setdefault(path[0], {}).pop(path[1], None)
    assert verdict(deal) not in GREEN


HARD_STOPS = (
    lambda d: d.setdefault("red_flags", []).append("reseller_refuses_to_name_end_user"),
    lambda d: d.setdefault("red_flags", []).append("end_user_record_of_misuse"),
    lambda d: d.update(exporter={"name": "Example Inc", "country": "US"}, destination={"country": "CU"}),
)


@SETTINGS
@given(deals, st.sampled_from(range(len(HARD_STOPS))))
def test_adding_a_hard_stop_fact_never_lowers_the_verdict(deal: dict, which: int) -> None:
    before = VERDICTS.index(verdict(deal))
    changed = copy.deepcopy(deal)
    if which < 2:
        changed["red_flags"] = [
            f
            for f in changed.get("red_flags", [])
            if f not in ("reseller_refuses_to_name_end_user", "end_user_record_of_misuse")
        ]
    HARD_STOPS[which](changed)
    after = verdict(changed)
    assert VERDICTS.index(after) >= before
    assert after == "STOP"


@SETTINGS
@given(deals)
def test_same_input_same_output(deal: dict) -> None:
    first = screen_raw(copy.deepcopy(deal), on="2026-11-29").to_json()
    second = screen_raw(copy.deepcopy(deal), on="2026-11-29").to_json()
    assert first == second


@SETTINGS
@given(deals)
def test_result_round_trips_through_its_own_deal(deal: dict) -> None:
    """The normalised deal in the result screens to the same result: nothing the user gave is lost."""
    first = screen_raw(deal, on="2026-11-29")
    again = screen_raw(first.deal, on="2026-11-29")
    assert again.to_json() == first.to_json()
