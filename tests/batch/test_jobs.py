"""`dealcheck batch --jobs N` (issue 14): rows screened in local processes, output byte-identical to one process
(order, line numbers, bad rows, standard error, exit code), run as a user runs it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.batch.conftest import OrderBook, batch
from tests.batchdata import order_book_csv, order_book_jsonl


def test_jobs_2_is_byte_identical_to_jobs_1_on_10000_rows(order_book: OrderBook) -> None:
    bad_lines = order_book.bad_lines
    one = order_book.one_process
    two = batch(str(order_book.path), "--jobs", "2")
    assert one.returncode == two.returncode == 65  # bad rows mixed in
    assert hashlib.sha256(one.stdout).hexdigest() == hashlib.sha256(two.stdout).hexdigest()
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    rows = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(rows) == 10_000
    assert [r["line"] for r in rows if "error" in r] == bad_lines
    lines = [r["line"] for r in rows]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    assert rows[0]["deal"]["reference"] == "ROW-000001" and rows[-1]["deal"]["reference"] == "ROW-010000"
    assert f"{len(bad_lines)} row(s) could not be screened, of 10000".encode() in one.stderr


def test_jobs_on_csv_and_every_cpu(tmp_path: Path) -> None:
    data, bad_lines = order_book_csv(1_500)
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    one = batch(str(path), "--format", "csv")
    every = batch(str(path), "--format", "csv", "--jobs", "0")
    assert one.returncode == every.returncode == 65
    assert one.stdout == every.stdout and one.stderr == every.stderr
    out = one.stdout.decode().splitlines()
    assert out[0] == "line,reference,verdict,codes,problems"
    assert [int(line.split(",")[0]) for line in out[1:] if ",INVALID," in line] == bad_lines


def test_jobs_with_only_good_rows_exits_with_the_worst_verdict(tmp_path: Path) -> None:
    data, _ = order_book_jsonl(300, bad_every=0)
    path = tmp_path / "good.jsonl"
    path.write_bytes(data)
    one, three = batch(str(path)), batch(str(path), "--jobs", "3")
    assert one.returncode == three.returncode == 3  # some scenarios STOP
    assert one.stdout == three.stdout and one.stderr == three.stderr == b""


def test_bad_jobs_value_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    for value in ("-1", "two"):
        done = batch(str(path), "--jobs", value)
        assert done.returncode == 64, value
        assert b"--jobs" in done.stderr


def test_empty_input_with_jobs(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    done = batch(str(path), "--jobs", "2")
    assert done.returncode == 66 and b"no rows to screen" in done.stderr
