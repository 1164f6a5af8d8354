from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checker.parties import PartyIndex, curated_entries
from checker.parties.formats import read_list
from checker.reference import load_reference

FIXTURES = Path(__file__).parent / "fixtures"
# The real OFAC SDN CSV, read in place when present (never copied into the repository).
SDN_REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "ofac-sdn-2024-05-03.csv"


def fixture_sdn_entries():
    return [replace(e, list_id="sdn") for e in read_list("ofac-sdn-csv", FIXTURES / "ofac_sdn_sample.csv").entries]


@pytest.fixture(scope="session")
def eval_index() -> PartyIndex:
    curated = curated_entries(load_reference().listed_parties)
    return PartyIndex([*curated, *fixture_sdn_entries()]).build()
