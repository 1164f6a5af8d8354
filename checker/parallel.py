"""`dealcheck batch --jobs N`: the rows of one input screened in N local processes, written in input order.

The main process reads the input (one reader, so line numbers are the input's), sends chunks of decoded deals to a
process pool and writes each chunk's rendered rows as soon as it and every chunk before it are back; at most a few
chunks per process are in flight, so memory stays bounded on any input size. Workers run the same per-row function
(`checker.batch.screen_row`) and renderer (`render_row`) as one process does, so the output is byte-identical to
`--jobs 1`. Rows the reader already refused (bad JSON, unclosed quote) are rendered in the main process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from checker.batch import RawRow, Row, RowOut, render_row, screen_row
from checker.reference import ReferenceData, load_reference

CHUNK_ROWS = 128
"""Rows per task: large enough that pickling and scheduling cost little per row, small enough to keep order cheap."""
IN_FLIGHT_PER_JOB = 4

_worker_reference: ReferenceData | None = None
_worker_on: str | None = None
_worker_fmt = "jsonl"


def available_cpus() -> int:
    """CPUs this process may use (its affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _init(data: str | None, on: str | None, fmt: str) -> None:
    global _worker_reference, _worker_on, _worker_fmt
    _worker_reference = load_reference(data)
    _worker_on, _worker_fmt = on, fmt


def _screen_chunk(chunk: list[tuple[int, int | None, Any]]) -> list[RowOut]:
    assert _worker_reference is not None
    return [
        render_row(
            screen_row(RawRow(line, deal=deal, end_line=end), reference=_worker_reference, on=_worker_on), _worker_fmt
        )
        for line, end, deal in chunk
    ]


def _chunks(rows: Iterable[RawRow], fmt: str) -> Iterator[list[RowOut | tuple[int, int | None, Any]]]:
    chunk: list[RowOut | tuple[int, int | None, Any]] = []
    for raw in rows:
        if raw.error is not None:  # refused by the reader: nothing for a worker to do
            chunk.append(render_row(Row(raw.line, error=raw.error, end_line=raw.end_line), fmt))
        else:
            chunk.append((raw.line, raw.end_line, raw.deal))
        if len(chunk) >= CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _merge(chunk: list[RowOut | tuple[int, int | None, Any]], screened: list[RowOut]) -> Iterator[RowOut]:
    results = iter(screened)
    for item in chunk:
        yield item if isinstance(item, RowOut) else next(results)


def screen_parallel(
    rows: Iterable[RawRow], *, jobs: int, fmt: str, data: str | None = None, on: str | None = None
) -> Iterator[RowOut]:
    """Every row rendered, in input order, screened by ``jobs`` worker processes loading the bundle ``data``."""
    context = multiprocessing.get_context("spawn")  # no fork of a process that may hold threads or open files
    window: deque[tuple[list[RowOut | tuple[int, int | None, Any]], Future[list[RowOut]] | None]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(data, on, fmt)) as pool:
        for chunk in _chunks(rows, fmt):
            work = [item for item in chunk if not isinstance(item, RowOut)]
            window.append((chunk, pool.submit(_screen_chunk, work) if work else None))
            while len(window) > jobs * IN_FLIGHT_PER_JOB or (window and _done(window[0][1])):
                yield from _pop(window)
        while window:
            yield from _pop(window)


def _done(future: Future[list[RowOut]] | None) -> bool:
    return future is None or future.done()


def _pop(window: deque[tuple[list[Any], Future[list[RowOut]] | None]]) -> Iterator[RowOut]:
    chunk, future = window.popleft()
    yield from _merge(chunk, future.result() if future is not None else [])
