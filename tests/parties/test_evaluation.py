"""The labelled evaluation set (eval_names.csv, made by make_eval_set.py): recall and false-positive rate."""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checker.parties import POSSIBLE, PartyIndex
from checker.parties.formats import read_list

from .conftest import SDN_REAL

EVAL = Path(__file__).parent / "eval_names.csv"


def _rows():
    with EVAL.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_set_is_large_enough():
    rows = _rows()
    assert sum(1 for r in rows if r["expected"]) >= 200
    assert sum(1 for r in rows if not r["expected"]) >= 200


def test_recall_and_false_positive_rate(eval_index, capsys):
    rows = _rows()
    found = missed = fp = negatives = 0
    misses, false_hits = [], []
    for row in rows:
        matches = eval_index.search(row["query"], threshold=POSSIBLE)
        keys = {f"{m.entry.list_id}:{m.entry.id}" for m in matches}
        if row["expected"]:
            if row["expected"] in keys:
                found += 1
            else:
                missed += 1
                misses.append((row["query"], row["expected"], row["kind"]))
        else:
            negatives += 1
            if matches:
                fp += 1
                false_hits.append((row["query"], matches[0].alias, matches[0].score))
    recall = found / (found + missed)
    fpr = fp / negatives
    with capsys.disabled():
        print(
            f"\nparty screening evaluation: recall {recall:.3f} ({found}/{found + missed}), "
            f"false-positive rate {fpr:.3f} ({fp}/{negatives})"
        )
        for m in misses:
            print("  missed:", m)
        for f in false_hits:
            print("  false positive:", f)
    assert recall >= 0.95
    assert fpr < 0.05


@pytest.mark.skipif(not SDN_REAL.exists(), reason="the OFAC SDN CSV is absent")
def test_recall_on_altered_names_of_the_real_sdn_list():
    """Typos, reordered words, added legal forms, case, dropped middle words (as benchmarks/party_screening.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from party_screening import perturb

    sdn = [replace(e, list_id="sdn") for e in read_list("ofac-sdn-csv", SDN_REAL).entries]
    index = PartyIndex(sdn).build()
    rng = random.Random(11)
    picks = rng.sample([e for e in sdn if e.type in ("entity", "individual")], 300)
    found = sum(e.id in {m.entry.id for m in index.search(perturb(rng.choice(e.names), rng), limit=50)} for e in picks)
    assert found / len(picks) >= 0.97
