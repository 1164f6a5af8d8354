"""Screen an order book on a Dask cluster: JSON Lines partitions (one file each) through `dask.bag`, each partition
screened by `checker.batch.screen_jsonl_partition`, the engine's own per-partition function (the same reader and
per-row function as `dealcheck batch`, so results and line numbers are the CLI's, file by file).

    pip install "cyber-export-risk-guide[dask]"          # dask[distributed]
    python recipes/dask_batch.py 'orders/part-*.jsonl' --out results/ [--scheduler tcp://host:8786] [--date D]

Without --scheduler it starts a local cluster (one worker process per CPU). Every worker needs the package
installed (the engine and its bundle); pass --data to screen against another bundle (a path every worker can read).
Writes results/part-*.jsonl (each line: the row's output object with `file` and `line`) and prints the verdict
counts as JSON. Split a large export into files first (for example `split -l 50000 orders.jsonl part-`), so line
numbers stay those of a file a person can open.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from functools import partial
from typing import Any

import dask.bag as db

from checker.batch import screen_jsonl_partition


def _screen_partition(items: list[tuple[str, str]], *, data: str | None, on: str | None) -> list[dict[str, Any]]:
    """One partition of (line, path) pairs from read_text(include_path=True): one file, in order."""
    if not items:
        return []
    path = items[0][1]
    return screen_jsonl_partition((line for line, _ in items), reference=data, on=on, source=path)


def screen_files(paths: str | list[str], *, data: str | None = None, on: str | None = None) -> db.Bag:
    """A bag of row outputs: one partition per input file (blocksize=None keeps a file whole, so its line numbers
    are its own); invalid UTF-8 reaches the engine's reader intact (surrogateescape) and is reported as by the CLI."""
    lines = db.read_text(paths, blocksize=None, include_path=True, encoding="utf-8", errors="surrogateescape")
    return lines.map_partitions(partial(_screen_partition, data=data, on=on))


def verdict(row: dict[str, Any]) -> str:
    """The row's verdict, or INVALID / INTERNAL_ERROR for a row that could not be screened."""
    if "error" in row:
        return "INTERNAL_ERROR" if row["error"] == "internal_error" else "INVALID"
    return str(row["verdict"])


def verdict_counts(rows: db.Bag) -> dict[str, int]:
    return dict(sorted(Counter(dict(rows.map(verdict).frequencies().compute())).items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="JSON Lines files or globs (one partition each)")
    parser.add_argument("--out", help="folder for the results (part-*.jsonl); default: counts only")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, help="local cluster: worker processes (default: one per CPU)")
    parser.add_argument("--data", help="reference bundle every worker loads (default: the packaged one)")
    parser.add_argument("--date", help="screen as of this ISO date (default: today)")
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        rows = screen_files(args.paths if len(args.paths) > 1 else args.paths[0], data=args.data, on=args.date)
        rows = rows.persist()
        if args.out:
            rows.map(lambda row: json.dumps(row, ensure_ascii=True)).to_textfiles(
                f"{args.out.rstrip('/')}/part-*.jsonl"
            )
        print(json.dumps(verdict_counts(rows)))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
