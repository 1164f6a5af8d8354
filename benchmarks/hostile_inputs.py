"""Work per byte of hostile input, against the worked scenarios (valid deals) measured in the same run.

    .venv/bin/python benchmarks/hostile_inputs.py [--repeats 3] [--pyodide-repeats 2] [--no-pyodide]

Every case of tests/engine/hostile.py, plus size ladders (x1, x4, x16) of the cases that used to be super-linear
(long country codes, many unknown keys, many intermediaries), goes through the CLI's in-process path: decode, parse,
validate, screen, render. Interleaved with the baseline (each round: the scenarios, then each case), best of
--repeats. Prints microseconds per byte for each case and its ratio to the baseline's, then the worst case: a bounded
engine keeps the worst ratio small and the ladders flat (the issue's 81 s for 50 KB was about 1,600 us/byte).
The same measure() then runs inside Pyodide under Node (hostile_inputs.mjs, offline, the checker wheel), the
browser's engine, and its own worst case per byte is printed (--no-pyodide to skip).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def measure(inputs: list[tuple[str, bytes]], scenarios: list[bytes], *, repeats: int, on: str) -> dict[str, Any]:
    """Best time per input and for the scenarios, interleaved; stdlib + checker only, so it runs unchanged in
    Pyodide (hostile_inputs.mjs)."""
    from checker.dealfile import decode_bytes, parse_text
    from checker.engine import screen_raw
    from checker.errors import DealError
    from checker.reference import load_reference
    from checker.render import render

    reference = load_reference()

    def run(data: bytes) -> None:
        try:
            result = screen_raw(parse_text(decode_bytes(data)), reference=reference, on=on)
        except DealError:
            return
        render(result, "html", reference=reference)

    def timed(func: Callable[[], object]) -> float:
        start = time.perf_counter()
        func()
        return time.perf_counter() - start

    baseline: list[float] = []
    timings: dict[str, list[float]] = {name: [] for name, _ in inputs}
    for _ in range(repeats):  # interleaved: a burst of load from another process hits both sides
        baseline.append(timed(lambda: [run(s) for s in scenarios]))
        for name, data in inputs:
            timings[name].append(timed(lambda d=data: run(d)))
    return {
        "python": sys.version.split()[0],
        "baseline_s": min(baseline),
        "cases": {name: min(values) for name, values in timings.items()},
    }


def ladders(base: dict[str, Any]) -> list[tuple[str, Callable[[], bytes]]]:
    out: list[tuple[str, Callable[[], bytes]]] = []
    for scale in (1, 4, 16):
        out.append(
            (
                f"country {3_000 * scale:,} chars",
                lambda s=scale: json.dumps({**base, "destination": {"country": "Q" * 3_000 * s}}).encode(),
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
                lambda s=scale: json.dumps({**base, "intermediaries": [{"country": "X" * 2000}] * 3 * s}).encode(),
            )
        )
    return out


def measure_pyodide(
    inputs: list[tuple[str, bytes]], scenarios: list[bytes], *, repeats: int, on: str
) -> dict[str, Any]:
    from tests.pyodide.node import PyodideUnavailable, json_output, run_with_checker_wheel

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "inputs.json"
        data.write_text(
            json.dumps(
                {
                    "inputs": [[name, base64.b64encode(raw).decode()] for name, raw in inputs],
                    "scenarios": [base64.b64encode(raw).decode() for raw in scenarios],
                    "repeats": repeats,
                    "on": on,
                }
            ),
            encoding="utf-8",
        )
        out = Path(tmp) / "result.json"
        args = ["--inputs", str(data), "--module", str(Path(__file__)), "--out", str(out)]
        try:
            return json_output(run_with_checker_wheel(Path(__file__).with_suffix(".mjs"), Path(tmp), args), out)
        except PyodideUnavailable as exc:
            raise SystemExit(f"Pyodide benchmark: {exc} (or --no-pyodide)") from None
        except RuntimeError as exc:
            raise SystemExit(f"Pyodide benchmark failed: {exc}") from None


def report(label: str, figures: dict[str, Any], inputs: list[tuple[str, bytes]], baseline_bytes: int) -> list[str]:
    base_us = figures["baseline_s"] * 1e6 / baseline_bytes
    lines = [f"--- {label} ---", f"baseline: valid scenario deals, {baseline_bytes:,} bytes, {base_us:.2f} us/byte"]
    lines.append(f"{'case':48}{'bytes':>12}{'ms':>10}{'us/byte':>10}{'x baseline':>12}")
    worst = ("", 0.0, 0)
    for name, data in inputs:
        seconds = figures["cases"][name]
        per_byte = seconds * 1e6 / max(len(data), 1)
        lines.append(f"{name:48}{len(data):>12,}{seconds * 1000:>10.1f}{per_byte:>10.3f}{per_byte / base_us:>11.2f}x")
        if len(data) >= 1000 and per_byte > worst[1]:
            worst = (name, per_byte, len(data))
    lines.append(
        f"worst case per byte in {label} (inputs of 1 KB or more): {worst[0]}: {worst[1]:.3f} us/byte "
        f"({worst[1] / base_us:.2f}x the valid scenarios; {worst[2]:,} bytes)"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pyodide-repeats", type=int, default=2)
    parser.add_argument("--no-pyodide", action="store_true", help="CPython only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.engine.hostile import BASE, CASES
    from tests.scenarios import SCREENING_DATE, load_scenarios

    scenarios = [json.dumps(spec["deal"]).encode() for _, spec in load_scenarios()]
    baseline_bytes = sum(len(s) for s in scenarios)
    inputs = [(name, build()) for name, build in [(c.name, c.build) for c in CASES] + ladders(BASE)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Hostile inputs: work per byte, best of {args.repeats} (Pyodide {args.pyodide_repeats}), load average {load:.2f}"
    )
    cpython = measure(inputs, scenarios, repeats=args.repeats, on=SCREENING_DATE)
    print("\n".join(report(f"CPython {cpython['python']}", cpython, inputs, baseline_bytes)))
    if not args.no_pyodide:
        pyodide = measure_pyodide(inputs, scenarios, repeats=args.pyodide_repeats, on=SCREENING_DATE)
        print(
            "\n".join(
                report(f"Pyodide {pyodide['pyodide']} (Python {pyodide['python']})", pyodide, inputs, baseline_bytes)
            )
        )


if __name__ == "__main__":
    main()
