"""The labelled evaluation set (eval_names.csv, made by make_eval_set.py): recall and false-positive rate."""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checker.parties import POSSIBLE, PartyIndex, PartyScreener, curated_entries
from checker.parties.formats import read_list
from checker.parties.store import dumps, loads
from checker.reference import load_reference

from .conftest import SDN_REAL, fixture_sdn_entries

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


def _sdn(path: Path):
    return [replace(e, list_id="sdn") for e in read_list("ofac-sdn-csv", path).entries]


def _results(index: PartyIndex, queries: list[str]):
    return [
        [(m.entry.list_id, m.entry.id, m.alias, m.score, m.strength, m.why, m.pairs) for m in index.search(q, limit=50)]
        for q in queries
    ]


@pytest.mark.parametrize("source", ["fixture", "real SDN"])
def test_compiled_file_screens_exactly_as_the_index_built_in_memory(source):
    """The search tables shipped in the compiled file (store.dumps) and adopted on load give the same matches, scores,
    aliases and explanations as an index built from the entries in memory (curated list first, as the evaluation
    index is), on every query of the evaluation set: the prebuilt tables cannot drift from the builder."""
    if source == "real SDN" and not SDN_REAL.exists():
        pytest.skip("the OFAC SDN CSV is absent")
    imported = fixture_sdn_entries() if source == "fixture" else _sdn(SDN_REAL)
    records = load_reference().listed_parties
    in_memory = PartyIndex([*curated_entries(records), *imported]).build()
    text = dumps([({"id": "sdn", "name": "OFAC SDN", "date": "2024-05-03"}, imported)])
    assert loads(text).tables is not None  # the tables are adopted, not rebuilt
    loaded = PartyScreener.from_texts(records, text).index
    queries = [row["query"] for row in _rows()]
    expected = _results(in_memory, queries)
    assert sum(map(len, expected)) >= 200
    assert _results(loaded, queries) == expected
    assert loaded.name_count == in_memory.name_count
