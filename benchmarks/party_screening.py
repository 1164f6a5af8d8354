"""Party screening benchmark: our index vs a brute-force rapidfuzz baseline, on the real OFAC SDN list and on a
synthetic ~100,000-name list derived from it (labelled SYNTHETIC), in one run.

    .venv/bin/python benchmarks/party_screening.py [--sdn PATH] [--queries N]

Prints index build time, compiled index size (raw and gzip), names/second for both, recall of both against the
true entry each query was derived from, recall of ours against the baseline's matches, and the speed ratio.
Goals (issue 5): >= 10x the baseline's speed at equal or better recall; SDN index < 3 MB gzip.
rapidfuzz is a development-only dependency; checker/ never imports it.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

from checker.parties import POSSIBLE, PartyIndex
from checker.parties.formats import read_list
from checker.parties.matching import Entry
from checker.parties.normalize import name_tokens
from checker.parties.store import dumps

DEFAULT_SDN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ofac-sdn-2024-05-03.csv"
BASELINE_CUTOFF = 85  # rapidfuzz token_set_ratio on normalised names, 0-100


def perturb(name: str, rng: random.Random) -> str:
    words = name.replace(",", "").split()
    op = rng.choice(["typo", "reorder", "legal", "case", "drop"])
    if op == "typo":
        i = max(range(len(words)), key=lambda k: len(words[k]))
        w = words[i]
        if len(w) > 4:
            k = rng.randrange(1, len(w) - 2)
            words[i] = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    elif op == "reorder":
        rng.shuffle(words)
    elif op == "legal":
        words.append(rng.choice(["LLC", "Ltd", "FZE", "GmbH", "S.A."]))
    elif op == "drop" and len(words) >= 3:
        words.pop(rng.randrange(1, len(words) - 1))
    else:
        return " ".join(words).lower()
    return " ".join(words)


def synthetic(entries: list[Entry], target: int, rng: random.Random) -> list[Entry]:
    """SYNTHETIC names: real entries plus recombinations of words from two random SDN names."""
    out = list(entries)
    vocab = [n.replace(",", "").split() for e in entries for n in e.names]
    n = 0
    while sum(len(e.names) for e in out) < target:
        a, b = rng.choice(vocab), rng.choice(vocab)
        words = a[: max(1, len(a) // 2)] + b[len(b) // 2 :]
        out.append(Entry("synthetic", f"S{n}", "entity", (" ".join(words),)))
        n += 1
    return out


def run(label: str, entries: list[Entry], queries: list[tuple[str, str | None]]) -> None:
    from rapidfuzz import fuzz, process

    t0 = time.perf_counter()
    index = PartyIndex(entries).build()
    build_s = time.perf_counter() - t0
    text = dumps([({"id": "bench", "name": label, "date": None}, entries)])
    raw, gz = len(text.encode()), len(gzip.compress(text.encode(), 9))

    t0 = time.perf_counter()
    ours = [{m.entry.id for m in index.search(q, threshold=POSSIBLE, limit=50)} for q, _ in queries]
    ours_s = time.perf_counter() - t0

    choices, owners = [], []
    for e in entries:
        for name in e.names:
            choices.append(" ".join(name_tokens(name)))
            owners.append(e.id)
    t0 = time.perf_counter()
    base = []
    for q, _ in queries:
        nq = " ".join(name_tokens(q))
        hits = process.extract(nq, choices, scorer=fuzz.token_set_ratio, score_cutoff=BASELINE_CUTOFF, limit=None)
        base.append({owners[i] for _, _, i in hits})
    base_s = time.perf_counter() - t0

    positives = [(i, truth) for i, (_, truth) in enumerate(queries) if truth]
    negatives = [i for i, (_, truth) in enumerate(queries) if not truth]
    ours_recall = sum(truth in ours[i] for i, truth in positives) / len(positives)
    base_recall = sum(truth in base[i] for i, truth in positives) / len(positives)
    base_total = sum(len(b) for b in base)
    covered = sum(len(b & o) for b, o in zip(base, ours, strict=True))
    ours_fp = sum(bool(ours[i]) for i in negatives) / max(len(negatives), 1)
    base_fp = sum(bool(base[i]) for i in negatives) / max(len(negatives), 1)
    n = len(queries)
    print(f"\n== {label}: {len(entries)} entries, {index.name_count} indexed names, {n} queries")
    print(f"index build            {build_s:8.2f} s")
    print(f"compiled index size    {raw:>10,} bytes raw, {gz:,} bytes gzip ({gz / 1e6:.2f} MB)")
    print(f"ours                   {n / ours_s:10,.0f} names/s  ({1000 * ours_s / n:.2f} ms/name)")
    print(f"baseline (rapidfuzz)   {n / base_s:10,.0f} names/s  ({1000 * base_s / n:.2f} ms/name)")
    print(f"speed ratio            {base_s / ours_s:10.1f} x")
    print(f"recall vs true entry   ours {ours_recall:.3f}   baseline {base_recall:.3f}")
    print(f"hits on non-list names ours {ours_fp:.3f}   baseline {base_fp:.3f}")
    print(f"ours covers baseline's matches: {covered}/{base_total} = {covered / max(base_total, 1):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sdn", type=Path, default=DEFAULT_SDN)
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args(argv)
    try:
        import rapidfuzz  # noqa: F401
    except ImportError:
        print("SKIPPED: rapidfuzz is not installed (pip install rapidfuzz; development only)")
        return 0
    if not args.sdn.exists():
        print(f"SKIPPED: the OFAC SDN CSV is absent ({args.sdn}); nothing to measure")
        return 0
    rng = random.Random(5)
    t0 = time.perf_counter()
    sdn = [replace(e, list_id="sdn") for e in read_list("ofac-sdn-csv", args.sdn).entries]
    print(f"parsed {args.sdn.name}: {len(sdn)} entries in {time.perf_counter() - t0:.2f} s")
    picks = rng.sample([e for e in sdn if e.type in ("entity", "individual")], args.queries)
    queries: list[tuple[str, str | None]] = [(perturb(rng.choice(e.names), rng), e.id) for e in picks]
    others = [
        "Acme Widgets Ltd",
        "Northern Lights Telecom",
        "Blue Harbour Logistics FZE",
        "Maria Garcia Lopez",
        "Siemens AG",
        "Orange SA",
        "Aegean Shipping Services",
        "Liffey Data Systems Ltd",
        "Wei Zhang",
        "Danube Analytics Kft",
    ]
    queries += [(o, None) for o in others]
    run("OFAC SDN 2024-05-03", sdn, queries)
    big = synthetic(sdn, 100_000, rng)
    run("SYNTHETIC ~100,000 names derived from the SDN list", big, queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
