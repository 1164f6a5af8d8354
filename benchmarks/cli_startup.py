"""CPU cost of one `dealcheck screen` against the interpreter's own start, measured in one run, interleaved.

    .venv/bin/python benchmarks/cli_startup.py [--rounds 21]

Each round runs, one after the other: `python -c pass`, `dealcheck screen example.yml` (the CLI's own example
deal, text report), `dealcheck screen example.yml --format json` and `python -c "import checker.engine"` (the
engine's import alone), each as a fresh process of this interpreter. The figure is the child's user + system CPU
time (getrusage), median over rounds, so the other processes of a shared machine move it less than wall time would.
Byte-compiled files are written first (a warm-up run without PYTHONDONTWRITEBYTECODE), as an installed package
has them. Goal (issue 13): `dealcheck screen` costs no more than 2x `python -c pass` in CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

GOAL_RATIO = 2.0


def child_cpu(cmd: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1, 2, 3):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args(argv)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        deal = Path(tmp) / "example.yml"
        deal.write_bytes(subprocess.run([py, "-m", "checker", "example"], capture_output=True, check=True).stdout)
        commands = {
            "python -c pass": [py, "-c", "pass"],
            "dealcheck screen (text)": [py, "-m", "checker", "screen", str(deal)],
            "dealcheck screen --format json": [py, "-m", "checker", "screen", str(deal), "--format", "json"],
            "import checker.engine only": [py, "-c", "import checker.engine"],
        }
        for cmd in commands.values():  # warm-up: byte-compiled files written, file cache filled
            child_cpu(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                times[name].append(child_cpu(cmd, env))

    base = statistics.median(times["python -c pass"])
    load = os.getloadavg()
    print(f"CLI start-up, CPU (user + system) per process, median of {args.rounds} interleaved rounds")
    print(f"Python {sys.version.split()[0]}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:34} {median * 1000:7.1f} ms  {median / base:5.2f}x python -c pass  (min {min(values) * 1000:.1f})"
        )
    ratio = statistics.median(times["dealcheck screen (text)"]) / base
    verdict = "MET" if ratio <= GOAL_RATIO else "NOT MET"
    print(f"goal dealcheck screen <= {GOAL_RATIO:g}x python -c pass (CPU): {verdict} ({ratio:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
