"""Engine throughput in CPython and in Pyodide under Node, measured in one run.

    .venv/bin/python benchmarks/engine_throughput.py [--rounds 30] [--batch 2000] [--no-pyodide] [--profile]

Workload: the worked scenarios (tests/fixtures/scenarios, all valid deals), screened as of a fixed date with the
packaged reference data loaded once.
- one at a time: `checker.engine.screen_raw` on each scenario deal in turn, `--rounds` times;
- batch: `checker.batch` (read_rows + screen_rows) over a JSON Lines stream of `--batch` deals, each result encoded
  to a JSON line as `dealcheck batch` does, 3 times.
deals/s is the median over rounds (best also shown): the machine may be shared, so compare ratios from one run.
The same `measure()` below runs in both interpreters: in Pyodide, engine_throughput.mjs loads node_modules/pyodide
offline (tests/pyodide/pyodide_node.mjs), installs the checker wheel (sitegen/wheel.py) and calls it.
Goals (issue 2): over 5,000 deals/s in CPython; a single screen under 5 ms in Pyodide once loaded; (issue 13) batch
deals/s at least one-at-a-time deals/s, printed as a ratio per interpreter. When CPython is
below its goal (or with --profile) a cProfile of the one-at-a-time loop shows where the time goes.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCREENING_DATE = "2026-11-29"
CPYTHON_GOAL_DEALS_PER_S = 5000
PYODIDE_GOAL_SINGLE_MS = 5.0
BATCH_REPEATS = 3


def _percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def measure(deals: list[dict[str, Any]], *, rounds: int, batch_size: int, on: str = SCREENING_DATE) -> dict[str, Any]:
    """Time the engine in this interpreter; stdlib + checker only, so it runs unchanged in Pyodide."""
    from checker.batch import read_rows, screen_rows
    from checker.engine import screen_raw
    from checker.reference import load_reference

    clock = time.perf_counter
    start = clock()
    reference = load_reference()
    first = clock()
    screen_raw(deals[0], reference=reference, on=on)
    first_screen_s = clock() - first
    load_reference_s = first - start
    for deal in deals:  # warm-up: every rule path once
        screen_raw(deal, reference=reference, on=on)

    # Throughput is the median over rounds (one round = every deal once), so a burst of load from another process
    # on a shared machine moves it less than a plain total would; the best round is reported too.
    per_call: list[float] = []
    round_s: list[float] = []
    for _ in range(rounds):
        round_start = clock()
        for deal in deals:
            t0 = clock()
            screen_raw(deal, reference=reference, on=on)
            per_call.append(clock() - t0)
        round_s.append(clock() - round_start)

    lines = [json.dumps(deals[i % len(deals)]) for i in range(batch_size)]
    text = "\n".join(lines) + "\n"
    batch_s: list[float] = []
    output_bytes = 0
    for _ in range(BATCH_REPEATS):
        out = io.StringIO()
        screened = 0
        batch_start = clock()
        for row in screen_rows(read_rows(io.BytesIO(text.encode("utf-8")), "jsonl"), reference=reference, on=on):
            if row.error is not None:
                raise RuntimeError(f"benchmark deal on line {row.line} is invalid: {row.error}")
            out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
            screened += 1
        batch_s.append(clock() - batch_start)
        output_bytes = len(out.getvalue())
        if screened != batch_size:
            raise RuntimeError(f"batch screened {screened} of {batch_size} deals")

    per_call.sort()
    return {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "deals": len(deals),
        "single": {
            "screens": len(per_call),
            "deals_per_s": len(deals) / statistics.median(round_s),
            "best_deals_per_s": len(deals) / min(round_s),
            "median_ms": statistics.median(per_call) * 1000,
            "p95_ms": _percentile(per_call, 0.95) * 1000,
            "max_ms": per_call[-1] * 1000,
        },
        "batch": {
            "deals": batch_size,
            "repeats": BATCH_REPEATS,
            "deals_per_s": batch_size / statistics.median(batch_s),
            "best_deals_per_s": batch_size / min(batch_s),
            "output_bytes_per_deal": output_bytes / batch_size,
        },
        "load_reference_ms": load_reference_s * 1000,
        "first_screen_ms": first_screen_s * 1000,
    }


def scenario_deals() -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT))
    from tests.scenarios import load_scenarios

    return [spec["deal"] for _, spec in load_scenarios()]


def profile_cpython(deals: list[dict[str, Any]], rounds: int, limit: int = 25) -> str:
    import cProfile
    import pstats

    from checker.engine import screen_raw
    from checker.reference import load_reference

    reference = load_reference()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        for deal in deals:
            screen_raw(deal, reference=reference, on=SCREENING_DATE)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    text.write(f"--- cProfile, {rounds * len(deals)} screens, by own time ---\n")
    stats.sort_stats("tottime").print_stats(limit)
    text.write("--- by cumulative time ---\n")
    stats.sort_stats("cumulative").print_stats(limit)
    return text.getvalue()


def measure_pyodide(deals: list[dict[str, Any]], *, rounds: int, batch_size: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.pyodide.node import PyodideUnavailable, json_output, run_with_checker_wheel

    with tempfile.TemporaryDirectory() as tmp:
        deals_file = Path(tmp) / "deals.json"
        deals_file.write_text(json.dumps(deals), encoding="utf-8")
        result_file = Path(tmp) / "result.json"
        args = ["--deals", str(deals_file), "--rounds", str(rounds), "--batch", str(batch_size)]
        args += ["--module", str(Path(__file__)), "--out", str(result_file)]
        try:
            proc = run_with_checker_wheel(Path(__file__).with_suffix(".mjs"), Path(tmp), args)
            return json_output(proc, result_file)
        except PyodideUnavailable as exc:
            raise SystemExit(f"Pyodide benchmark: {exc} (or --no-pyodide)") from None
        except RuntimeError as exc:
            raise SystemExit(f"Pyodide benchmark failed: {exc}") from None


def report(cpython: dict[str, Any], pyodide: dict[str, Any] | None) -> str:
    lines = [f"Engine throughput: {cpython['deals']} scenario deals, screened as of {SCREENING_DATE}"]
    lines.append(f"host: {platform.machine()}, {os.cpu_count()} CPUs; absolute figures are noisy, compare ratios")
    header = f"{'':34}{'CPython ' + cpython['python']:>18}"
    if pyodide:
        header += f"{'Pyodide ' + pyodide['pyodide'] + ' (Py ' + pyodide['python'] + ')':>30}{'Pyodide/CPython':>17}"
    lines.append(header)

    def row(label: str, key: tuple[str, ...], fmt: str) -> None:
        def get(data: dict[str, Any]) -> float:
            value: Any = data
            for part in key:
                value = value[part]
            return float(value)

        text = f"{label:34}{format(get(cpython), fmt):>18}"
        if pyodide:
            text += f"{format(get(pyodide), fmt):>30}{get(pyodide) / get(cpython):>16.2f}x"
        lines.append(text)

    row("one at a time, deals/s (median)", ("single", "deals_per_s"), ",.0f")
    row("one at a time, deals/s (best)", ("single", "best_deals_per_s"), ",.0f")
    row("batch (JSON Lines), deals/s (med)", ("batch", "deals_per_s"), ",.0f")
    row("batch (JSON Lines), deals/s (best)", ("batch", "best_deals_per_s"), ",.0f")
    row("batch output, bytes/deal", ("batch", "output_bytes_per_deal"), ",.0f")
    row("single screen median, ms", ("single", "median_ms"), ".3f")
    row("single screen p95, ms", ("single", "p95_ms"), ".3f")
    row("single screen max, ms", ("single", "max_ms"), ".3f")
    row("load reference data, ms", ("load_reference_ms",), ".1f")
    row("first screen (cold), ms", ("first_screen_ms",), ".1f")
    lines.append(
        f"screens timed per interpreter: {cpython['single']['screens']} one at a time"
        f" ({cpython['single']['screens'] // cpython['deals']} rounds), {cpython['batch']['repeats']} batches of"
        f" {cpython['batch']['deals']} (each result encoded as a JSON line, as `dealcheck batch` writes it)"
    )
    if pyodide:
        load = pyodide["load"]
        lines.append(
            f"Pyodide load: loadPyodide {load['load_pyodide_ms']:.0f} ms + checker wheel {load['install_wheel_ms']:.0f} ms"
            f" + import checker {load['import_checker_ms']:.0f} ms = ready in {load['ready_ms']:.0f} ms"
            " (before load_reference and the first screen above)"
        )
    for label, data in (("CPython", cpython), ("Pyodide", pyodide)):
        if data:
            ratio = data["batch"]["deals_per_s"] / data["single"]["deals_per_s"]
            verdict = "MET" if ratio >= 1 else "NOT MET"
            lines.append(
                f"batch deals/s / one-at-a-time deals/s, {label} (medians): {ratio:.2f}x"
                f" (goal, issue 13: batch at least as fast as single screening: {verdict})"
            )
    cpython_ok = cpython["single"]["deals_per_s"] > CPYTHON_GOAL_DEALS_PER_S
    lines.append(
        f"goal CPython > {CPYTHON_GOAL_DEALS_PER_S:,} deals/s (one at a time): "
        f"{'MET' if cpython_ok else 'NOT MET'} ({cpython['single']['deals_per_s']:,.0f})"
    )
    if pyodide:
        pyodide_ok = pyodide["single"]["p95_ms"] < PYODIDE_GOAL_SINGLE_MS
        lines.append(
            f"goal Pyodide single screen < {PYODIDE_GOAL_SINGLE_MS:g} ms once loaded (p95): "
            f"{'MET' if pyodide_ok else 'NOT MET'} (median {pyodide['single']['median_ms']:.2f} ms,"
            f" p95 {pyodide['single']['p95_ms']:.2f} ms)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="passes over the scenario deals, one at a time")
    parser.add_argument("--batch", type=int, default=2000, help="deals in each JSON Lines batch")
    parser.add_argument("--no-pyodide", action="store_true", help="CPython only")
    parser.add_argument("--profile", action="store_true", help="always print the CPython cProfile")
    args = parser.parse_args(argv)

    deals = scenario_deals()
    cpython = measure(deals, rounds=args.rounds, batch_size=args.batch)
    pyodide = None if args.no_pyodide else measure_pyodide(deals, rounds=args.rounds, batch_size=args.batch)
    print(report(cpython, pyodide))
    if args.profile or cpython["single"]["deals_per_s"] <= CPYTHON_GOAL_DEALS_PER_S:
        print()
        print(profile_cpython(deals, rounds=max(1, args.rounds // 3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
