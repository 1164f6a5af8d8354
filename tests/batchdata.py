"""A synthetic order book for the batch tests and benchmarks: the worked scenarios' deals in turn (each row with
its own reference), with bad rows mixed in at known lines, as JSON Lines or as the batch CSV (checker.fields
columns). Deterministic: the same arguments give the same bytes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from checker import fields
from tests.scenarios import load_scenarios

BAD_JSONL = [
    b'{"schema_version": 2, "destination": {"country": "EG"',  # truncated JSON
    b'{"schema_version": 2, "destination": {"country": "Egypt"}, "end_user": {"type": "spy"}}',  # invalid values
    b'{"schema_version": 2, "product": {"name": "caf\xe9"}}',  # not UTF-8
    b"[1, 2, 3]",  # not an object
]


def deals() -> list[dict[str, Any]]:
    return [scenario["deal"] for _, scenario in load_scenarios()]


def _row(deals_: list[dict[str, Any]], index: int) -> dict[str, Any]:
    deal = dict(deals_[index % len(deals_)])
    deal["reference"] = f"ROW-{index + 1:06d}"
    return deal


def order_book_jsonl(rows: int, *, bad_every: int = 97) -> tuple[bytes, list[int]]:
    """``rows`` lines (a blank line now and then, not a row) and the line numbers of the bad rows."""
    source = deals()
    lines: list[bytes] = []
    bad_lines: list[int] = []
    for index in range(rows):
        if bad_every and index % bad_every == bad_every - 1:
            lines.append(BAD_JSONL[(index // bad_every) % len(BAD_JSONL)])
            bad_lines.append(len(lines))
        else:
            lines.append(json.dumps(_row(source, index), ensure_ascii=False).encode("utf-8"))
        if index % 500 == 250:
            lines.append(b"")
    return b"\n".join(lines) + b"\n", bad_lines


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(
            f"{v['id']}:{v['provider']}"
            if isinstance(v, dict) and v.get("provider")
            else (v["id"] if isinstance(v, dict) else str(v))
            for v in value
        )
    return str(value)


def _get(deal: dict[str, Any], column: str) -> Any:
    value: Any = deal
    for part in column.split("."):
        if "[" in part:
            name, _, index = part.partition("[")
            items = value.get(name) if isinstance(value, dict) else None
            position = int(index.rstrip("]"))
            value = items[position] if isinstance(items, list) and position < len(items) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
    return value


def deal_to_csv_row(deal: dict[str, Any], columns: list[str]) -> list[str]:
    return [_cell(_get(deal, column)) for column in columns]


def order_book_csv(rows: int, *, bad_every: int = 97) -> tuple[bytes, list[int]]:
    """The same deals as batch CSV (two intermediaries' columns); bad rows: an unknown country, a tristate that is
    not true or false. Returns the bytes and the bad rows' line numbers."""
    columns = fields.csv_columns(2)
    source = deals()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    bad_lines = []
    for index in range(rows):
        cells = deal_to_csv_row(_row(source, index), columns)
        if bad_every and index % bad_every == bad_every - 1:
            if (index // bad_every) % 2:
                cells[columns.index("destination.country")] = "Atlantis"
            else:
                cells[columns.index("product.mass_market")] = "perhaps"
            bad_lines.append(index + 2)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8"), bad_lines
