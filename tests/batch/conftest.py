"""The 10,000-row order book (bad rows mixed in) and its `dealcheck batch --jobs 1` output, made once per session
and shared by the --jobs and the Dask recipe tests (the one-process run is the reference for both)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.batchdata import order_book_jsonl
from tests.scenarios import SCREENING_DATE

ROOT = Path(__file__).resolve().parents[2]
ROWS = 10_000


def batch(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "checker", "batch", "--date", SCREENING_DATE, *args],
        capture_output=True,
        cwd=ROOT,
        timeout=900,
    )


@dataclass
class OrderBook:
    path: Path
    data: bytes
    bad_lines: list[int]
    one_process: subprocess.CompletedProcess[bytes]


@pytest.fixture(scope="session")
def order_book(tmp_path_factory: pytest.TempPathFactory) -> OrderBook:
    data, bad_lines = order_book_jsonl(ROWS)
    path = tmp_path_factory.mktemp("order-book") / "orders.jsonl"
    path.write_bytes(data)
    return OrderBook(path, data, bad_lines, batch(str(path), "--jobs", "1"))
