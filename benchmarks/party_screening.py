"""Party screening benchmark: accuracy per category on the development sets (tests/parties/devsets.py: precision,
recall and F1 at both thresholds, the part tuned on and the part held out apart), then speed: our index vs a brute-force rapidfuzz baseline, on the real OFAC SDN list and on a
synthetic ~100,000-name list derived from it (labelled SYNTHETIC), in one run; then one deal's parties screened on the
SYNTHETIC list in CPython and in Pyodide under Node.

    .venv/bin/python benchmarks/party_screening.py [--sdn PATH] [--queries N] [--deals N] [--seed N] [--no-pyodide]

Per list: index build time, compiled index size (raw and gzip), memory the loaded index holds (tracemalloc),
names/second for both, recall of both against the true entry each query was derived from (and the queries each one
missed), hits on names not on the list, recall of ours against the baseline's matches, and the speed ratio.
Per deal (3-5 parties: perturbed list names mixed with the evaluation set's look-alikes, each deal screened once),
for the SDN list and for the SYNTHETIC list: the compiled lists file (size raw and gzip) is written to a temporary
directory and loaded the way the engine loads checker/data/party_lists.json (PartyScreener.from_texts + index build):
load time, first deal, median/p95/max per deal, in CPython and in Pyodide (benchmarks/party_screening.mjs:
node_modules/pyodide offline, the checker wheel of sitegen/wheel.py, the same measure_deals() below).
Goals (issue 5): >= 10x the baseline's speed at equal or better recall; SDN index < 3 MB gzip; one deal's parties
screened in under 50 ms in Pyodide on the 100,000-name list.
rapidfuzz is a development-only dependency; checker/ never imports it; this module imports it only in run().
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.parties import POSSIBLE, PartyIndex
from checker.parties.entries import Entry
from checker.parties.normalize import name_tokens
from checker.parties.store import dumps

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SDN = ROOT.parent / "shared" / "data" / "ofac-sdn-2024-05-03.csv"
EVAL_SET = ROOT / "tests" / "parties" / "eval_names.csv"
BASELINE_CUTOFF = 85  # rapidfuzz token_set_ratio on normalised names, 0-100
SCREENING_DATE = "2026-11-29"
PYODIDE_GOAL_DEAL_MS = 50.0
INTERLEAVE = 25  # queries per timed chunk (ours and the baseline alternate)


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
    names = len(vocab)
    n = 0
    while names < target:
        a, b = rng.choice(vocab), rng.choice(vocab)
        words = a[: max(1, len(a) // 2)] + b[len(b) // 2 :]
        out.append(Entry("synthetic", f"S{n}", "entity", (" ".join(words),)))
        n += 1
        names += 1
    return out


def _percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))]


def measure_deals(lists_path: str, deals: list[list[str]], on: str = SCREENING_DATE) -> dict[str, Any]:
    """Load a compiled lists file as the engine does and screen each deal's parties once; stdlib + checker only, so
    it runs unchanged in Pyodide."""
    from checker.parties import PartyScreener
    from checker.reference import load_reference

    clock = time.perf_counter
    curated = load_reference().listed_parties
    start = clock()
    with open(lists_path, encoding="utf-8") as handle:
        text = handle.read()
    screener = PartyScreener.from_texts(curated, text)
    parsed = clock()
    screener.index.build()
    built = clock()
    times = []
    for names in deals:
        t0 = clock()
        screener.screen_names(names, on)
        times.append(clock() - t0)
    first = times[0]
    times.sort()
    return {
        "python": sys.version.split()[0],
        "names": screener.index.name_count,
        "deals": len(deals),
        "parties": sum(len(d) for d in deals),
        "load_ms": (built - start) * 1000,
        "parse_ms": (parsed - start) * 1000,
        "build_ms": (built - parsed) * 1000,
        "first_deal_ms": first * 1000,
        "deal_median_ms": statistics.median(times) * 1000,
        "deal_p95_ms": _percentile(times, 0.95) * 1000,
        "deal_max_ms": times[-1] * 1000,
    }


def index_memory(entries: list[Entry]) -> tuple[int, int]:
    """(bytes held by a built index, peak bytes while building it), measured with tracemalloc."""
    tracemalloc.start()
    index = PartyIndex(list(entries)).build()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del index
    return current, peak


def measure_pyodide(lists_file: Path, deals_file: Path, out_dir: Path) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.pyodide.node import json_output, run_with_checker_wheel

    result = out_dir / "pyodide_result.json"
    args = [
        "--lists",
        str(lists_file),
        "--deals",
        str(deals_file),
        "--module",
        str(Path(__file__)),
        "--out",
        str(result),
    ]
    return json_output(run_with_checker_wheel(Path(__file__).with_suffix(".mjs"), out_dir, args), result)


def make_deals(positives: list[str], count: int, rng: random.Random) -> list[list[str]]:
    """Deals of 3-5 parties: about one party in three a perturbed list name, the others look-alikes (not listed)."""
    with EVAL_SET.open(encoding="utf-8") as handle:
        lookalikes = [row["query"] for row in csv.DictReader(handle) if not row["expected"]]
    deals = []
    for _ in range(count):
        size = rng.randint(3, 5)
        deals.append([rng.choice(positives) if rng.random() < 0.34 else rng.choice(lookalikes) for _ in range(size)])
    return deals


def run(label: str, entries: list[Entry], queries: list[tuple[str, str | None]], show_misses: bool = True) -> None:
    from rapidfuzz import fuzz, process

    t0 = time.perf_counter()
    index = PartyIndex(entries).build()
    build_s = time.perf_counter() - t0
    text = dumps([({"id": "bench", "name": label, "date": None}, entries)])
    raw, gz = len(text.encode()), len(gzip.compress(text.encode(), 9))

    choices, owners = [], []
    for e in entries:
        for name in e.names:
            choices.append(" ".join(name_tokens(name)))
            owners.append(e.id)

    def baseline(q: str) -> set[str]:
        nq = " ".join(name_tokens(q))
        hits = process.extract(nq, choices, scorer=fuzz.token_set_ratio, score_cutoff=BASELINE_CUTOFF, limit=None)
        return {owners[i] for _, _, i in hits}

    # Interleaved: chunks of queries alternate between ours and the baseline, so that a change in the machine's
    # load during the run weighs on both alike.
    ours: list[set[str]] = []
    base: list[set[str]] = []
    ours_s = base_s = 0.0
    for start in range(0, len(queries), INTERLEAVE):
        chunk = queries[start : start + INTERLEAVE]
        t0 = time.perf_counter()
        ours += [{m.entry.id for m in index.search(q, threshold=POSSIBLE, limit=50)} for q, _ in chunk]
        t1 = time.perf_counter()
        base += [baseline(q) for q, _ in chunk]
        t2 = time.perf_counter()
        ours_s += t1 - t0
        base_s += t2 - t1

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
    held, peak = index_memory(entries)
    print(f"index memory           {held / 1e6:8.1f} MB held once built (peak {peak / 1e6:.1f} MB while building)")
    if show_misses:
        for i, truth in positives:
            if truth not in ours[i] or truth not in base[i]:
                who = (
                    "both missed"
                    if truth not in ours[i] and truth not in base[i]
                    else ("ours missed" if truth not in ours[i] else "baseline missed")
                )
                print(f"  {who}: {queries[i][0]!r} (entry {truth})")


def development_sets(sdn_path: Path) -> None:
    """Precision, recall and F1 per category at both thresholds on every development set (tests/parties/devsets.py),
    the part tuned on ("dev") and the part held out ("holdout") apart; and recall and false-positive rate on the
    original evaluation set (tests/parties/eval_names.csv)."""
    sys.path.insert(0, str(ROOT))
    from tests.parties import devsets
    from tests.parties.conftest import fixture_sdn_entries

    background = fixture_sdn_entries()
    sets = [("own", devsets.own_pairs(), background), ("yente", devsets.yente_pairs(), background)]
    if sdn_path.exists():
        sdn = devsets.sdn_entries(sdn_path)
        sets.append(("ofac", devsets.ofac_pairs(sdn), sdn))
    else:
        print(f"development set 'ofac' SKIPPED: the OFAC SDN CSV is absent ({sdn_path})")
    for name, pairs, bg in sets:
        print()
        print(devsets.report(name, pairs, devsets.score_pairs(pairs, bg)))
    print()
    print(original_evaluation())


def original_evaluation() -> str:
    """Recall and false-positive rate of screening (search) on tests/parties/eval_names.csv."""
    from checker.parties import curated_entries
    from checker.reference import load_reference
    from tests.parties.conftest import fixture_sdn_entries

    index = PartyIndex([*curated_entries(load_reference().listed_parties), *fixture_sdn_entries()]).build()
    with EVAL_SET.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = positives = fp = 0
    for row in rows:
        keys = {f"{m.entry.list_id}:{m.entry.id}" for m in index.search(row["query"], threshold=POSSIBLE)}
        if row["expected"]:
            positives += 1
            found += row["expected"] in keys
        else:
            fp += bool(keys)
    negatives = len(rows) - positives
    return (
        f"== original evaluation set (eval_names.csv, screening by search): recall {found / positives:.3f} "
        f"({found}/{positives}), false-positive rate {fp / negatives:.3f} ({fp}/{negatives})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sdn", type=Path, default=DEFAULT_SDN)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--deals", type=int, default=100, help="deals of 3-5 parties timed on the SYNTHETIC list")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--no-pyodide", action="store_true", help="per-deal timing in CPython only")
    parser.add_argument("--sets-only", action="store_true", help="the development sets only, no speed figures")
    args = parser.parse_args(argv)
    development_sets(args.sdn)
    if args.sets_only:
        return 0
    try:
        import rapidfuzz  # noqa: F401
    except ImportError:
        print("SKIPPED: rapidfuzz is not installed (pip install rapidfuzz; development only)")
        return 0
    if not args.sdn.exists():
        print(f"SKIPPED: the OFAC SDN CSV is absent ({args.sdn}); nothing to measure")
        return 0
    from checker.parties.formats import read_list

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    sdn = [replace(e, list_id="sdn") for e in read_list("ofac-sdn-csv", args.sdn).entries]
    print(f"parsed {args.sdn.name}: {len(sdn)} entries in {time.perf_counter() - t0:.2f} s (seed {args.seed})")
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
    run("SYNTHETIC ~100,000 names derived from the SDN list", big, queries, show_misses=False)

    deals = make_deals([q for q, truth in queries if truth], args.deals, rng)
    for label, entries in (("the OFAC SDN list", sdn), ("the SYNTHETIC list", big)):
        with tempfile.TemporaryDirectory() as tmp:
            lists_file = Path(tmp) / "party_lists.json"
            meta = {"id": "bench", "name": label, "date": None}
            text = dumps([(meta, entries)]).encode()
            lists_file.write_bytes(text)
            print(f"\ncompiled lists file for {label}: {len(text):,} bytes raw, {len(gzip.compress(text, 9)):,} gzip")
            deals_file = Path(tmp) / "deals.json"
            deals_file.write_text(json.dumps(deals), encoding="utf-8")
            figures = {"CPython": measure_deals(str(lists_file), deals)}
            if not args.no_pyodide:
                try:
                    figures["Pyodide"] = measure_pyodide(lists_file, deals_file, Path(tmp))
                except RuntimeError as exc:
                    print(f"Pyodide timing SKIPPED: {exc}")
        print(report_deals(figures, label))
    return 0


def _label(figures: dict[str, Any]) -> str:
    if "pyodide" in figures:
        return f"Pyodide {figures['pyodide']} (Py {figures['python']})"
    return f"CPython {figures['python']}"


def report_deals(figures: dict[str, dict[str, Any]], label: str = "the SYNTHETIC list") -> str:
    first = next(iter(figures.values()))
    lines = [
        f"\n== one deal's parties on {label} ({first['names']:,} indexed names, curated list included):"
        f" {first['deals']} deals, {first['parties']} parties, each deal screened once",
        f"{'':30}" + "".join(f"{_label(f):>30}" for f in figures.values()),
    ]
    rows = [
        ("index load (parse + build), ms", "load_ms"),
        ("  parse lists file, ms", "parse_ms"),
        ("  build index, ms", "build_ms"),
        ("first deal, ms", "first_deal_ms"),
        ("per deal median, ms", "deal_median_ms"),
        ("per deal p95, ms", "deal_p95_ms"),
        ("per deal max, ms", "deal_max_ms"),
    ]
    for label, key in rows:
        lines.append(f"{label:30}" + "".join(f"{f[key]:>30,.1f}" for f in figures.values()))
    if "Pyodide" in figures:
        p95 = figures["Pyodide"]["deal_p95_ms"]
        verdict = "MET" if p95 < PYODIDE_GOAL_DEAL_MS else "NOT MET"
        ratio = figures["Pyodide"]["deal_median_ms"] / max(figures["CPython"]["deal_median_ms"], 1e-9)
        lines.append(
            f"goal Pyodide one deal < {PYODIDE_GOAL_DEAL_MS:g} ms (p95): {verdict} ({p95:.1f} ms);"
            f" Pyodide/CPython per deal {ratio:.1f}x"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
