"""Batch throughput: `dealcheck batch` at 1, 2 and N local processes, and the Dask recipe, in one run, interleaved.

    .venv/bin/python benchmarks/batch_throughput.py [--rows 6000] [--rounds 3] [--jobs N] [--no-dask]

Workload: the synthetic order book of the tests (tests/batchdata.py: the worked scenarios in turn, a bad row every
97), as JSON Lines, screened as of a fixed date; output JSON Lines written to /dev/null as a user's pipeline would.
Each round runs every configuration once, in a rotated order, so a busy neighbour slows all of them alike; rows/s
is the median over rounds, and each line gives its ratio to the one-process median of the same run.
- `jobs=K`: the CLI as a subprocess (`--jobs K`), start-up and bundle loading included;
- `dask`: recipes/dask_batch.py's `screen_files` on a LocalCluster of N worker processes started once before the
  rounds (its start-up is printed apart), the input split into 2N partitions, results counted on the workers.
The machine's load average is printed: on a shared machine compare ratios, not absolute figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.parallel import available_cpus  # noqa: E402
from tests.batchdata import order_book_jsonl  # noqa: E402

SCREENING_DATE = "2026-11-29"


def cli_run(path: Path, jobs: int) -> Callable[[], None]:
    def run() -> None:
        with open(os.devnull, "wb") as sink:
            done = subprocess.run(
                [sys.executable, "-m", "checker", "batch", "--date", SCREENING_DATE, "--jobs", str(jobs), str(path)],
                stdout=sink,
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
            )
        assert done.returncode in (0, 1, 2, 3, 65), done.returncode

    return run


def dask_setup(parts: list[Path], workers: int) -> tuple[Callable[[], None], Callable[[], None], float]:
    from dask.distributed import Client, LocalCluster

    from recipes.dask_batch import screen_files, verdict_counts

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    startup = time.perf_counter() - started

    def run() -> None:
        verdict_counts(screen_files([str(p) for p in parts], on=SCREENING_DATE))

    def close() -> None:
        client.close()
        cluster.close()

    return run, close, startup


def split(data: bytes, folder: Path, count: int) -> list[Path]:
    lines = data.split(b"\n")[:-1]
    size = -(-len(lines) // count)
    paths = []
    for index in range(count):
        path = folder / f"part-{index}.jsonl"
        path.write_bytes(b"\n".join(lines[index * size : (index + 1) * size]) + b"\n")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=available_cpus(), help="N (default: CPUs available)")
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()

    data, bad = order_book_jsonl(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.jsonl"
        path.write_bytes(data)
        configs: dict[str, Callable[[], None]] = {"jobs=1": cli_run(path, 1), "jobs=2": cli_run(path, 2)}
        if args.jobs not in (1, 2):
            configs[f"jobs={args.jobs}"] = cli_run(path, args.jobs)
        close = None
        if not args.no_dask:
            try:
                run, close, startup = dask_setup(split(data, Path(tmp), 2 * args.jobs), args.jobs)
            except ImportError:
                print("dask: not installed (pip install -e '.[dask]'), skipped")
            else:
                configs[f"dask ({args.jobs} workers)"] = run
                print(f"dask LocalCluster start-up: {startup:.1f} s (not in the figures below)")
        times: dict[str, list[float]] = {name: [] for name in configs}
        names = list(configs)
        try:
            for round_index in range(args.rounds):
                order = names[round_index % len(names) :] + names[: round_index % len(names)]
                for name in order:
                    started = time.perf_counter()
                    configs[name]()
                    times[name].append(time.perf_counter() - started)
        finally:
            if close is not None:
                close()

    rows = args.rows
    load = os.getloadavg()
    print(f"{rows} rows ({len(bad)} bad), {args.rounds} rounds interleaved, {available_cpus()} CPUs available")
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    baseline = rows / statistics.median(times["jobs=1"])
    for name in names:
        rate = rows / statistics.median(times[name])
        best = rows / min(times[name])
        print(f"  {name:<20} {rate:8.0f} rows/s (best {best:.0f})  x{rate / baseline:.2f} vs jobs=1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
