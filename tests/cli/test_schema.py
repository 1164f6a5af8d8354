"""The published JSON Schema (`dealcheck schema`) and the engine's validator agree: what one accepts the other
accepts, and the deals the validator rejects for type or vocabulary errors the schema rejects too."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from checker.engine import screen_raw
from checker.errors import DealError
from tests.scenarios import load_scenarios

SCHEMA = json.loads(subprocess.run([sys.executable, "-m", "checker", "schema"], capture_output=True, check=True).stdout)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(("name", "spec"), load_scenarios(), ids=[n for n, _ in load_scenarios()])
def test_every_scenario_deal_is_valid_under_the_schema(name: str, spec: dict) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(spec["deal"])]
    assert errors == [], name


@pytest.mark.parametrize(
    "deal",
    [
        {"end_user": {"type": "goverment"}},
        {"destination": {"country": "XX"}},
        {"product": {"capabilities": ["telepathy"]}},
        {"product": {"mass_market": "maybe"}},
        {"intermediaries": [{"role": "distributer"}]},
        {"intermediaries": ["text"]},
        {"surprise": 1},
        {"schema_version": 3},
        {"product": {"control_entries": [5]}},
        {"end_user": {"name": "x" * 2001}},
    ],
)
def test_deals_the_validator_rejects_the_schema_rejects(deal: dict) -> None:
    with pytest.raises(DealError):
        screen_raw(deal, on="2026-11-29")
    assert list(VALIDATOR.iter_errors(deal)), deal
