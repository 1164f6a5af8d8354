"""Batch screening over JSON Lines or CSV: one result per input row, streamed, bad rows reported and skipped.

CSV columns use dotted paths of the deal file (`product.capabilities`, `end_user.type`,
`intermediaries[0].country`); list cells separate items with ';'; an empty cell means unknown.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from checker.engine import screen_raw
from checker.errors import DealError, Problem
from checker.reference import ReferenceData
from checker.result import Result

LIST_FIELDS = {
    "product.capabilities",
    "product.control_entries",
    "services",
    "red_flags",
    "safeguards",
}
BOOL_FIELDS = {"product.mass_market", "free_zone"}
TRUE = {"true", "yes", "y", "1"}
FALSE = {"false", "no", "n", "0"}
_INDEXED = re.compile(r"^intermediaries\[(\d+)\]\.(\w+)$")


@dataclass(frozen=True)
class Row:
    """One input row: its line number, and either a screening result or the problems that stopped it."""

    line: int
    result: Result | None = None
    error: DealError | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            return {"line": self.line, "error": "invalid_deal", "problems": self.error.problem_dicts()}
        assert self.result is not None
        return {"line": self.line, **self.result.to_dict()}


def _cell_value(column: str, cell: str, line: int) -> Any:
    cell = cell.strip()
    if not cell:
        return None
    leaf = column.rsplit(".", 1)[-1]
    if column in LIST_FIELDS:
        return [item.strip() for item in cell.split(";") if item.strip()]
    if column in BOOL_FIELDS or leaf in BOOL_FIELDS:
        if cell.lower() in TRUE:
            return True
        if cell.lower() in FALSE:
            return False
        raise DealError(
            [Problem(column, f"'{cell}' is not true or false (line {line})", "write true, false or leave empty")]
        )
    return cell


def csv_row_to_deal(row: dict[str, str], line: int) -> dict[str, Any]:
    """Unflatten a CSV row into the deal-file structure."""
    deal: dict[str, Any] = {}
    intermediaries: dict[int, dict[str, Any]] = {}
    problems: list[Problem] = []
    for column, cell in row.items():
        if column is None:
            problems.append(Problem("", f"line {line} has more cells than the header has columns"))
            continue
        column = column.strip()
        try:
            value = _cell_value(column, cell or "", line)
        except DealError as exc:
            problems.extend(exc.problems)
            continue
        if value is None:
            continue
        indexed = _INDEXED.match(column)
        if indexed:
            intermediaries.setdefault(int(indexed.group(1)), {})[indexed.group(2)] = value
            continue
        target = deal
        parts = column.split(".")
        for part in parts[:-1]:
            node = target.setdefault(part, {})
            if not isinstance(node, dict):
                problems.append(Problem(column, "clashes with another column of the same name"))
                break
            target = node
        else:
            target[parts[-1]] = value
    if problems:
        raise DealError(problems)
    if intermediaries:
        deal["intermediaries"] = [intermediaries[i] for i in sorted(intermediaries)]
    return deal


def read_rows(lines: Iterable[str], fmt: str) -> Iterator[tuple[int, Any]]:
    """Yield (line number, decoded deal or DealError) without holding the whole input in memory."""
    if fmt == "jsonl":
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                yield number, json.loads(text)
            except json.JSONDecodeError as exc:
                yield (
                    number,
                    DealError([Problem("", f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")]),
                )
        return
    reader = csv.DictReader(lines)
    for row in reader:
        number = reader.line_num
        try:
            yield number, csv_row_to_deal(row, number)
        except DealError as exc:
            yield number, exc


def screen_rows(rows: Iterable[tuple[int, Any]], *, reference: ReferenceData, on: str | None = None) -> Iterator[Row]:
    for number, raw in rows:
        if isinstance(raw, DealError):
            yield Row(number, error=raw)
            continue
        try:
            yield Row(number, result=screen_raw(raw, reference=reference, on=on))
        except DealError as exc:
            yield Row(number, error=exc)
