"""The Dask recipe (recipes/dask_batch.py, issue 14) on a real local Dask cluster: the 10,000-row order book split
into JSON Lines partitions gives the same verdict counts as `dealcheck batch`, and the same row outputs, line by
line (each partition numbered as its own file)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.batch.conftest import ROOT, OrderBook
from tests.scenarios import SCREENING_DATE

pytest.importorskip("dask.bag", reason="dask is not installed (pip install -e '.[dev]' brings dask[distributed])")
pytest.importorskip("distributed", reason="dask.distributed is not installed")

PARTS = 4


def row_digest(row: dict[str, Any]) -> str:
    """The row's output without its position (file, line): equal outputs, equal digests."""
    rest = {k: v for k, v in row.items() if k not in ("file", "line")}
    return hashlib.sha256(json.dumps(rest, ensure_ascii=True, sort_keys=True).encode()).hexdigest()


def split(order_book: OrderBook, folder: Path) -> list[tuple[Path, int]]:
    """The order book as PARTS files (each with the global line number of its first line)."""
    lines = order_book.data.split(b"\n")[:-1]
    size = -(-len(lines) // PARTS)
    parts = []
    for index in range(PARTS):
        path = folder / f"part-{index}.jsonl"
        path.write_bytes(b"\n".join(lines[index * size : (index + 1) * size]) + b"\n")
        parts.append((path, index * size))
    return parts


def test_dask_recipe_gives_the_cli_counts_and_rows(order_book: OrderBook, tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    from recipes.dask_batch import screen_files, verdict, verdict_counts

    parts = split(order_book, tmp_path)
    cli_rows = [json.loads(line) for line in order_book.one_process.stdout.splitlines()]
    expected_counts = dict(sorted(Counter(verdict(r) for r in cli_rows).items()))
    assert expected_counts["INVALID"] == len(order_book.bad_lines)

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        rows = screen_files([str(p) for p, _ in parts], on=SCREENING_DATE).persist()
        assert rows.npartitions == PARTS
        assert verdict_counts(rows) == expected_counts
        # Row for row, without shipping every report back: (file, line, digest) from the workers.
        got = rows.map(lambda r: (r["file"], r["line"], row_digest(r))).compute()

    offsets = {Path(p).name: start for p, start in parts}
    mapped = sorted((offsets[Path(f).name] + line, digest) for f, line, digest in got)
    assert mapped == [(r["line"], row_digest(r)) for r in cli_rows]


def test_recipe_command_line(order_book: OrderBook, tmp_path: Path) -> None:
    """As documented: the script on a small partition, one local worker, results written as JSON Lines."""
    small = tmp_path / "small.jsonl"
    small.write_bytes(b"\n".join(order_book.data.split(b"\n")[:200]) + b"\n")
    out = tmp_path / "results"
    done = subprocess.run(
        [
            sys.executable,
            "recipes/dask_batch.py",
            str(small),
            "--out",
            str(out),
            "--workers",
            "1",
            "--date",
            SCREENING_DATE,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [json.loads(line) for part in sorted(out.glob("part-*.jsonl")) for line in part.read_text().splitlines()]
    assert sum(counts.values()) == len(rows) == 200
    assert counts["INVALID"] == 2 and sorted(r["line"] for r in rows if "error" in r) == [97, 194]
    assert {r["file"] for r in rows} == {str(small)}
