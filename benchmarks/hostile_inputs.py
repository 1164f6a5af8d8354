"""Work per byte of hostile input, against the worked scenarios (valid deals) measured in the same run.

    .venv/bin/python benchmarks/hostile_inputs.py [--repeats 3]

Every case of tests/engine/hostile.py, plus size ladders (x1, x4, x16) of the cases that used to be super-linear
(long country codes, many unknown keys, many intermediaries), goes through the CLI's in-process path: decode, parse,
validate, screen, render. Interleaved with the baseline (each round: the scenarios, then each case), best of
--repeats. Prints microseconds per byte for each case and its ratio to the baseline's, then the worst case: a bounded
engine keeps the worst ratio small and the ladders flat (the issue's 81 s for 50 KB was about 1,600 us/byte).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.dealfile import decode_bytes, parse_text  # noqa: E402
from checker.engine import screen_raw  # noqa: E402
from checker.errors import DealError  # noqa: E402
from checker.reference import load_reference  # noqa: E402
from checker.render import render  # noqa: E402
from tests.engine.hostile import BASE, CASES  # noqa: E402
from tests.scenarios import SCREENING_DATE, load_scenarios  # noqa: E402

REF = load_reference()


def run(data: bytes) -> None:
    try:
        result = screen_raw(parse_text(decode_bytes(data)), reference=REF, on=SCREENING_DATE)
    except DealError:
        return
    render(result, "html", reference=REF)


def ladders() -> list[tuple[str, Callable[[], bytes]]]:
    out: list[tuple[str, Callable[[], bytes]]] = []
    for scale in (1, 4, 16):
        out.append(
            (
                f"country {3_000 * scale:,} chars",
                lambda s=scale: json.dumps({**BASE, "destination": {"country": "Q" * 3_000 * s}}).encode(),
            )
        )
        out.append(
            (
                f"{3_000 * scale:,} unknown keys",
                lambda s=scale: json.dumps({f"x{i}": 1 for i in range(3_000 * s)}).encode(),
            )
        )
        out.append(
            (
                f"{3 * scale} intermediaries, 2,000-char countries",
                lambda s=scale: json.dumps({**BASE, "intermediaries": [{"country": "X" * 2000}] * 3 * s}).encode(),
            )
        )
    return out


def best_time(func: Callable[[], None], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    scenarios = [json.dumps(spec["deal"]).encode() for _, spec in load_scenarios()]
    baseline_bytes = sum(len(s) for s in scenarios)
    cases = [(c.name, c.build) for c in CASES] + ladders()
    inputs = [(name, build()) for name, build in cases]
    timings: dict[str, list[float]] = {name: [] for name, _ in inputs}
    baseline: list[float] = []
    for _ in range(args.repeats):  # interleaved: a burst of load from another process hits both sides
        baseline.append(best_time(lambda: [run(s) for s in scenarios], 1))
        for name, data in inputs:
            timings[name].append(best_time(lambda d=data: run(d), 1))
    base_us = min(baseline) * 1e6 / baseline_bytes
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Hostile inputs: work per byte, best of {args.repeats}, load average {load:.2f}")
    print(f"baseline: {len(scenarios)} scenario deals, {baseline_bytes:,} bytes, {base_us:.2f} us/byte")
    print(f"{'case':48}{'bytes':>12}{'ms':>10}{'us/byte':>10}{'x baseline':>12}")
    worst = ("", 0.0, 0)
    for name, data in inputs:
        seconds = min(timings[name])
        per_byte = seconds * 1e6 / max(len(data), 1)
        print(f"{name:48}{len(data):>12,}{seconds * 1000:>10.1f}{per_byte:>10.3f}{per_byte / base_us:>11.2f}x")
        if len(data) >= 1000 and per_byte > worst[1]:
            worst = (name, per_byte, len(data))
    print(
        f"worst case per byte (inputs of 1 KB or more): {worst[0]}: {worst[1]:.3f} us/byte "
        f"({worst[1] / base_us:.2f}x the valid scenarios; {worst[2]:,} bytes)"
    )


if __name__ == "__main__":
    main()
