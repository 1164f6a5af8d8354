"""The labelled evaluation set (eval_names.csv, made by make_eval_set.py): recall and false-positive rate."""

from __future__ import annotations

import csv
from pathlib import Path

from checker.parties import POSSIBLE

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
