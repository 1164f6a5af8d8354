"""Batch screening over JSON Lines or CSV: one result per input row, streamed; a bad row is answered with its
problems and its line number, never skipped, and never stops the rows after it.

CSV columns are the dotted paths of the field table (checker.fields: `product.capabilities`, `end_user.aliases`,
`intermediaries[0].country`); list cells separate items with ';' (a service may say who provides it:
`training:intermediary`); an empty cell means unknown.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, NamedTuple

from checker import fields
from checker.dealfile import loads_json
from checker.engine import screen_raw
from checker.errors import DealError, Problem
from checker.limits import MAX_BYTES, MAX_CSV_RECORD_LINES
from checker.reference import ReferenceData, load_reference
from checker.result import Result

TRUE = {"true", "yes", "y", "1"}
FALSE = {"false", "no", "n", "0"}
_INDEXED = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")


def columns(max_items: int = 1) -> list[str]:
    """Every CSV column the batch reader understands, from the field table (``dealcheck batch --columns``)."""
    return fields.csv_columns(max_items)


@dataclass(frozen=True)
class Row:
    """One input row: its (first) line number, and either a screening result or the problems that stopped it.

    ``end_line`` is the last line of a CSV record that spans several lines; ``internal`` marks a failure of the
    engine rather than of the row's data (exit 70), still reported as a row so no row is lost.
    """

    line: int
    result: Result | None = None
    error: DealError | None = None
    end_line: int | None = None
    internal: bool = False

    def to_dict(self) -> dict[str, Any]:
        where: dict[str, Any] = {"line": self.line}
        if self.end_line is not None and self.end_line != self.line:
            where["end_line"] = self.end_line
        if self.error is not None:
            kind = "internal_error" if self.internal else "invalid_deal"
            return {**where, "error": kind, "problems": self.error.problem_dicts()}
        assert self.result is not None
        return {**where, **self.result.to_dict()}


@dataclass(frozen=True)
class RawRow:
    """What read_rows yields: the line span of one row and its decoded deal, or the DealError that stopped it."""

    line: int
    deal: Any = None
    error: DealError | None = None
    end_line: int | None = None


def _cell_value(column: str, cell: str, line: int) -> Any:
    cell = cell.strip()
    if not cell:
        return None
    row = fields.csv_field(column)
    if row is None:
        return cell  # the validator names the unknown field, with a suggestion
    if row.kind in fields.LIST_KINDS:
        items = [item.strip() for item in cell.split(";") if item.strip()]
        if row.kind == "services":
            return [_service(item) for item in items]
        return items
    if row.kind == "tristate":
        if cell.lower() in TRUE:
            return True
        if cell.lower() in FALSE:
            return False
        raise DealError(
            [Problem(column, f"'{cell}' is not true or false (line {line})", "write true, false or leave empty")]
        )
    return cell


def _service(item: str) -> Any:
    """'training' or 'training:intermediary' (the service, and who provides it)."""
    service, sep, provider = item.partition(":")
    return {"id": service.strip(), "provider": provider.strip()} if sep else item


def csv_row_to_deal(row: dict[str | None, str], line: int) -> dict[str, Any]:
    """Unflatten a CSV row into the deal-file structure (schema_version 2 unless a column says otherwise)."""
    deal: dict[str, Any] = {}
    lists: dict[str, dict[int, dict[str, Any]]] = {}
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
            lists.setdefault(indexed.group(1), {}).setdefault(int(indexed.group(2)), {})[indexed.group(3)] = value
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
            target[parts[-1]] = int(value) if column == "schema_version" and value.isdigit() else value
    if problems:
        raise DealError(problems)
    for name, items in lists.items():
        deal[name] = [items[i] for i in sorted(items)]
    return deal


def _row_error(line: int, message: str, hint: str = "", end_line: int | None = None) -> RawRow:
    return RawRow(line, error=DealError([Problem("", message, hint)]), end_line=end_line)


def _physical_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, the line's bytes with its ending), or None for a line over MAX_BYTES, which is skipped to its
    end in bounded chunks: a 3 GB line costs time, never memory."""
    number = 0
    while True:
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(65536)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        yield number, line


_TOO_LONG = f"is longer than the limit of {MAX_BYTES:,} bytes"


def _jsonl_rows(stream: BinaryIO) -> Iterator[RawRow]:
    for number, line in _physical_lines(stream):
        if line is None:
            yield _row_error(number, f"the line {_TOO_LONG}", "one deal per line")
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield _row_error(number, f"the line is not UTF-8 text (byte {exc.start + 1} of the line is invalid)")
            continue
        try:
            yield RawRow(number, deal=loads_json(text.strip(), "the row"))
        except DealError as exc:
            yield RawRow(number, error=exc)


def _csv_records(stream: BinaryIO) -> Iterator[tuple[int, int, str | None, str]]:
    """(first line, last line, record text or None, why not) for each CSV record, found by quote parity.

    A record whose quotes do not balance within MAX_CSV_RECORD_LINES lines or by the end of the input is reported
    at its first line, and reading resumes on the line after it, so an unclosed quote costs one row, not the rest
    of the file. Lines are decoded one by one; invalid UTF-8 is reported for its record.
    """
    source = _physical_lines(stream)
    pushed: deque[tuple[int, bytes | None]] = deque()

    def take() -> tuple[int, bytes | None] | None:
        if pushed:
            return pushed.popleft()
        return next(source, None)

    while (item := take()) is not None:
        first, line = item
        if line is None:
            yield first, first, None, f"the line {_TOO_LONG}"
            continue
        buffer = [item]
        quotes = line.count(b'"')
        size = len(line)
        while quotes % 2 and len(buffer) < MAX_CSV_RECORD_LINES and size <= MAX_BYTES:
            following = take()
            if following is None:
                break
            if following[1] is None:
                pushed.appendleft(following)
                break
            buffer.append(following)
            quotes += following[1].count(b'"')
            size += len(following[1])
        if quotes % 2 or size > MAX_BYTES:
            pushed.extendleft(reversed(buffer[1:]))
            yield first, first, None, f"line {first} opens a quoted cell that is not closed"
            continue
        raw = b"".join(text for _, text in buffer if text is not None)
        try:
            yield first, buffer[-1][0], raw.decode("utf-8"), ""
        except UnicodeDecodeError as exc:
            bad_line = first + raw.count(b"\n", 0, exc.start)
            yield first, buffer[-1][0], None, f"line {bad_line} is not UTF-8 text"


def _csv_rows(stream: BinaryIO) -> Iterator[RawRow]:
    header: list[str] | None = None
    for first, last, text, why in _csv_records(stream):
        if text is None:
            if header is None:
                yield _row_error(first, f"the header ({why}) cannot be read; no row can be screened", end_line=last)
                return
            yield _row_error(first, why, "check the quotes and the encoding of this record", last)
            continue
        if not text.strip():
            continue
        cells = next(csv.reader([text]), [])
        if header is None:
            header = [cell.strip() for cell in cells]
            repeated = sorted({c for c in header if header.count(c) > 1 and c})
            if repeated:
                yield _row_error(first, f"the header repeats the column(s) {', '.join(repeated)}", end_line=last)
                return
            continue
        if last != first and len(cells) != len(header):  # a stray quote joined lines that were separate records
            yield _row_error(first, f"line {first} opens a quoted cell that is not closed", "check the quotes")
            continue
        try:
            yield RawRow(first, deal=csv_row_to_deal(_cells_by_column(header, cells), first), end_line=last)
        except DealError as exc:
            yield RawRow(first, error=exc, end_line=last)


def _cells_by_column(header: list[str], cells: list[str]) -> dict[str | None, str]:
    row: dict[str | None, str] = dict(zip(header, cells, strict=False))
    if len(cells) > len(header):
        row[None] = ""
    return row


def read_rows(stream: BinaryIO, fmt: str) -> Iterator[RawRow]:
    """Yield every row of a binary JSON Lines or CSV stream, decoded and parsed on its own, without holding the
    input in memory: a bad row (invalid UTF-8, invalid JSON, too long, unclosed quote) is a RawRow with its error
    and its line number, and reading goes on."""
    if fmt == "jsonl":
        return _jsonl_rows(stream)
    csv.field_size_limit(MAX_BYTES + 1)  # records are bounded above; the module's own limit would raise mid-file
    return _csv_rows(stream)


def screen_row(raw: RawRow, *, reference: ReferenceData, on: str | None = None) -> Row:
    """Screen one row: the one per-row function of every batch path (CLI, --jobs, the Dask recipe). A row that
    cannot be screened, for its data or for an engine fault, becomes a Row with its error; it never raises."""
    if raw.error is not None:
        return Row(raw.line, error=raw.error, end_line=raw.end_line)
    try:
        return Row(raw.line, result=screen_raw(raw.deal, reference=reference, on=on), end_line=raw.end_line)
    except DealError as exc:
        return Row(raw.line, error=exc, end_line=raw.end_line)
    except Exception as exc:  # noqa: BLE001  (an engine fault on one row must not lose the others)
        problem = Problem("", f"internal error while screening this row: {type(exc).__name__}: {exc}")
        return Row(raw.line, error=DealError([problem]), end_line=raw.end_line, internal=True)


def screen_rows(rows: Iterable[RawRow], *, reference: ReferenceData, on: str | None = None) -> Iterator[Row]:
    """Screen each row; every failure becomes that row's error, so a batch always answers every row."""
    for raw in rows:
        yield screen_row(raw, reference=reference, on=on)


# Output: one rendered row, the same for every path -----------------------------------------------------------
CSV_HEADER = ["line", "reference", "verdict", "codes", "problems"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula (= + - @, tab, CR) gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class RowOut(NamedTuple):
    """One row as written: its output text (a JSON line or a CSV record, with its line end), the exit code of its
    verdict (None for a bad row) and, for a bad row, its problems for standard error. Small and picklable, so
    worker processes send these, not results."""

    line: int
    text: str
    exit_code: int | None
    problems: tuple[str, ...] = ()
    internal: bool = False


def csv_cells(row: Row) -> list[str]:
    if row.result is not None:
        codes = " ".join(f.code for f in row.result.findings if f.severity > 0)
        cells: list[object] = [row.line, row.result.deal.get("reference", ""), row.result.verdict, codes, ""]
    else:
        assert row.error is not None
        cells = [row.line, "", "INVALID", "", "; ".join(str(p) for p in row.error.problems)]
    return [csv_cell(cell) for cell in cells]


def render_row(row: Row, fmt: str) -> RowOut:
    """The row in the output format: ``jsonl`` (Row.to_dict, ASCII) or ``csv`` (CSV_HEADER's columns)."""
    if fmt == "jsonl":
        text = json.dumps(row.to_dict(), ensure_ascii=True) + "\n"
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(csv_cells(row))
        text = buffer.getvalue()
    if row.error is not None:
        return RowOut(row.line, text, None, tuple(str(p) for p in row.error.problems), row.internal)
    assert row.result is not None
    return RowOut(row.line, text, row.result.exit_code)


def screen_jsonl_partition(
    lines: Iterable[str | bytes],
    *,
    reference: ReferenceData | str | None = None,
    on: str | None = None,
    source: str | None = None,
) -> list[dict[str, Any]]:
    """Screen one partition of JSON Lines (the lines of one file, numbered from 1) and return each row's output
    object (``Row.to_dict``, plus ``file`` when ``source`` names the partition): what a distributed engine calls
    per partition (Dask ``bag.map_partitions``, Spark ``mapPartitions``). The same reader and per-row function as
    ``dealcheck batch``; ``reference`` is a bundle, a bundle path, or None for the packaged one."""
    ref = reference if isinstance(reference, ReferenceData) else load_reference(reference)
    data = b"".join(
        (line if isinstance(line, bytes) else line.encode("utf-8", "surrogateescape")).rstrip(b"\r\n") + b"\n"
        for line in lines
    )
    out = []
    for raw in read_rows(io.BytesIO(data), "jsonl"):
        row = screen_row(raw, reference=ref, on=on).to_dict()
        out.append({"file": source, **row} if source is not None else row)
    return out
