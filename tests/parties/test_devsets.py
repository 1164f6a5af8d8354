"""The development sets (tests/parties/devsets.py) at relaxed bounds: the benchmark prints the full figures."""

from __future__ import annotations

import pytest

from checker.parties import POSSIBLE

from . import devsets
from .conftest import SDN_REAL, fixture_sdn_entries


def _all(pairs, scores, split):
    return devsets.evaluate(pairs, scores, POSSIBLE)[(split, "ALL")]


def test_own_set_is_labelled_and_split():
    pairs = devsets.own_pairs()
    assert len(pairs) >= 200
    assert {p.split for p in pairs} == {"dev", "holdout"}
    holdout = [p for p in pairs if p.split == "holdout"]
    assert len(holdout) >= 0.3 * len(pairs)
    assert {p.kind for p in pairs} <= {"person", "organisation"}


def test_own_and_yente_sets_at_relaxed_bounds():
    background = fixture_sdn_entries()
    own = devsets.own_pairs()
    scores = devsets.score_pairs(own, background)
    print("\n" + devsets.report("own", own, scores))
    # measured 2026-12-02: dev P 0.943 R 0.957, holdout P 0.882 R 0.957 (the benchmark prints them per category)
    for split in ("dev", "holdout"):
        counts = _all(own, scores, split)
        assert counts.precision >= 0.8 and counts.recall >= 0.85, (split, counts)
        assert counts.f1 >= 0.85, (split, counts)
    yente = devsets.yente_pairs()
    counts = _all(yente, devsets.score_pairs(yente, background), "holdout")
    assert counts.recall >= 0.8, counts  # measured 0.838


@pytest.mark.skipif(not SDN_REAL.exists(), reason="the OFAC SDN CSV is absent")
def test_ofac_alias_pairs_at_relaxed_bounds():
    sdn = devsets.sdn_entries(SDN_REAL)
    pairs = devsets.ofac_pairs(sdn)
    assert sum(p.match for p in pairs) >= 500 and sum(not p.match for p in pairs) >= 500
    scores = devsets.score_pairs(pairs, sdn)
    related = [(p, s) for p, s in zip(pairs, scores, strict=True) if "unrelated" not in p.category]
    counts = devsets.evaluate([p for p, _ in related], [s for _, s in related], POSSIBLE)[("holdout", "ALL")]
    assert counts.precision >= 0.8 and counts.recall >= 0.5, (
        counts
    )  # measured 2026-12-02: P 0.878 R 0.570 (tuned-on part: P 0.971 R 0.579)
