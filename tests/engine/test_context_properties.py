"""Property tests of the destination-context policy: more bad news never greens a verdict, no data is never
greener than strong indicators."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from checker import country_context
from checker.engine import screen_raw
from checker.reference import ReferenceData, load_reference
from checker.result import VERDICTS
from checker.rules._common import HIGH_RISK_CONTEXT_TYPES
from tests.engine.test_properties import SETTINGS, deals

REF = load_reference()
FAMILIES = list(REF.vocabulary("capability_families"))


def _variant(edit) -> ReferenceData:  # noqa: ANN001 - a small local helper
    raw = copy.deepcopy(REF.raw)
    edit(raw["context"])
    return ReferenceData(raw=raw, origin="test variant")


def _set_all(value: float, *, rl: float | None = None):  # noqa: ANN202
    def edit(context: dict) -> None:
        for code in REF.countries:
            entry = context["values"].setdefault(code, {})
            entry["wgi_va"] = {"value": value, "year": 2023, "line": 2}
            if rl is not None:
                entry["wgi_rl"] = {"value": rl, "year": 2023, "line": 2}

    return edit


def _add_misuse(context: dict) -> None:
    for code in REF.countries:
        context["misuse"].append(
            {
                "id": f"test-{code.lower()}",
                "title": "Test record",
                "country": code,
                "families": FAMILIES,
                "date": "2024",
                "summary": "Test record.",
                "documented_by": "test",
                "sources": ["wgi-2024-data"],
                "as_of": "2026-12-01",
                "confidence": "confirmed",
            }
        )


def _both(context: dict) -> None:
    _set_all(-2.0)(context)
    _add_misuse(context)


def _no_data(context: dict) -> None:
    context["values"] = {}


# Complete deals (every core fact, every safeguard, not classified as listed) where the destination context is what
# decides, mixed with the general random deals of the verdict-policy properties.
complete_deals = st.fixed_dictionaries(
    {
        "exporter": st.just({"name": "Example Ltd", "country": "GB"}),
        "product": st.fixed_dictionaries(
            {
                "name": st.just("Product"),
                "capabilities": st.lists(
                    st.sampled_from(list(REF.vocabulary("capabilities"))), min_size=1, max_size=2, unique=True
                ),
                "control_entries": st.just([]),
                "mass_market": st.just(False),
            }
        ),
        "destination": st.fixed_dictionaries({"country": st.sampled_from(sorted(REF.countries))}),
        "end_user": st.fixed_dictionaries(
            {
                "name": st.just("Example end user"),
                "type": st.sampled_from(list(REF.vocabulary("end_user_types"))),
                "end_user_statement": st.sampled_from(["signed", "unsigned"]),
                "oversight": st.fixed_dictionaries(
                    {},
                    optional={
                        "judicial_authorisation": st.booleans(),
                        "independent_oversight": st.booleans(),
                    },
                ),
            }
        ),
        "safeguards": st.just(list(REF.vocabulary("safeguards"))),
    }
)
any_deal = st.one_of(complete_deals, deals)

REPRESSIVE = _variant(_set_all(-2.0))
MISUSE = _variant(_add_misuse)
BOTH = _variant(_both)
STRONG = _variant(_set_all(1.9, rl=1.9))
NO_DATA = _variant(_no_data)


def rank(deal: dict, ref: ReferenceData) -> int:
    return VERDICTS.index(screen_raw(copy.deepcopy(deal), reference=ref, on="2026-12-01").verdict)


@SETTINGS
@given(any_deal)
def test_repression_indicators_or_documented_misuse_never_make_a_verdict_greener(deal: dict) -> None:
    base = rank(deal, REF)
    repressive, misuse, both = rank(deal, REPRESSIVE), rank(deal, MISUSE), rank(deal, BOTH)
    assert repressive >= base and misuse >= base
    assert both >= max(repressive, misuse)


@SETTINGS
@given(any_deal)
def test_no_indicator_data_is_never_greener_than_strong_rule_of_law(deal: dict) -> None:
    assert rank(deal, NO_DATA) >= rank(deal, STRONG)


@SETTINGS
@given(any_deal)
def test_the_shipped_data_is_never_greener_than_strong_rule_of_law(deal: dict) -> None:
    """The shipped values sit between the extremes: never greener than everywhere strong."""
    assert rank(deal, REF) >= rank(deal, STRONG)


OVERSIGHT_DEAL = {
    "schema_version": 2,
    "exporter": {"name": "Example Radio Ltd", "country": "GB"},
    "product": {"name": "Cell-site simulator", "capabilities": ["mobile_interception"], "control_entries": []},
    "destination": {"country": "NO"},
    "end_user": {
        "name": "National police directorate",
        "type": "law_enforcement",
        "end_user_statement": "signed",
        "oversight": {"judicial_authorisation": True, "independent_oversight": True},
    },
    "safeguards": list(REF.vocabulary("safeguards")),
}


def _high_risk_measures(country: str) -> list[dict]:
    return [m for m in REF.measures_for(country) if m.type in HIGH_RISK_CONTEXT_TYPES and m.in_force_on("2026-12-01")]


def codes(deal: dict, ref: ReferenceData) -> set[str]:
    return {f.code for f in screen_raw(copy.deepcopy(deal), reference=ref, on="2026-12-01").findings}


@given(
    st.sampled_from(sorted(c for c in REF.countries)),
    st.sampled_from(["government_security", "law_enforcement", "military", "other_government"]),
)
@SETTINGS
def test_the_oversight_path_needs_strong_indicators_and_no_documented_misuse(country: str, user: str) -> None:
    """U409 (conditions instead of escalation) opens only with strong data, and closes when misuse, repression
    or missing data is added, whatever the country and government end user."""
    deal = copy.deepcopy(OVERSIGHT_DEAL)
    deal["destination"]["country"] = country
    deal["end_user"]["type"] = user
    open_path = not country_context.misuse_records(STRONG, country) and not _high_risk_measures(country)
    assert ("U409" in codes(deal, STRONG)) == open_path
    for ref in (REPRESSIVE, MISUSE, BOTH, NO_DATA):
        assert "U409" not in codes(deal, ref)
        assert rank(deal, ref) >= VERDICTS.index("ESCALATE")
    for flip in (
        {"end_user_statement": "unsigned"},
        {"oversight": {}},
        {"oversight": {"judicial_authorisation": False}},
    ):
        changed = copy.deepcopy(deal)
        changed["end_user"].update(flip)
        assert "U409" not in codes(changed, STRONG)
