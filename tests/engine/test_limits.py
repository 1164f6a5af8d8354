"""Every limit of checker/limits.py tried at its bound (accepted) and one past it (refused, with the documented
message): the numbers README.md states are the ones the engine enforces. Runs in CPython and in Pyodide."""

from __future__ import annotations

import io
import json

import pytest

from checker import limits
from checker.batch import read_rows
from checker.deal import _Validator, parse_deal
from checker.dealfile import check_tree, loads_json, parse_text, read_limited
from checker.errors import DealError, Problem
from checker.reference import load_reference

REF = load_reference()


def problems_of(action: object) -> list[str]:
    try:
        action()  # type: ignore[operator]
    except DealError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_bytes_read_at_most_the_limit() -> None:
    at = b" " * (limits.MAX_BYTES - 2) + b"{}"
    assert read_limited(io.BytesIO(at), "deal") == at
    past = problems_of(lambda: read_limited(io.BytesIO(at + b" "), "deal"))
    assert past == [f"deal is larger than the limit of {limits.MAX_BYTES:,} bytes; split it or shorten it"]


class Stream(io.BytesIO):
    """A stream that counts what was read from it: the limit is checked before reading more."""

    def __init__(self, size: int) -> None:
        super().__init__(b"x" * size)
        self.taken = 0

    def read(self, n: int | None = -1) -> bytes:
        chunk = super().read(n)
        self.taken += len(chunk)
        return chunk


def test_a_huge_input_is_read_only_up_to_the_limit_plus_one() -> None:
    stream = Stream(3 * limits.MAX_BYTES)
    assert problems_of(lambda: read_limited(stream, "deal"))
    assert stream.taken == limits.MAX_BYTES + 1


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_nesting_at_the_limit_is_read_and_one_more_level_refused() -> None:
    assert loads_json(nested(limits.MAX_DEPTH)) is not None
    past = problems_of(lambda: loads_json(nested(limits.MAX_DEPTH + 1)))
    assert len(past) == 1 and f"nests deeper than {limits.MAX_DEPTH} levels" in past[0]
    # the same bound for data that did not come from JSON (YAML files, Python callers)
    value: list[object] = []
    for _ in range(limits.MAX_DEPTH - 1):
        value = [value]
    check_tree(value)
    assert f"nests deeper than {limits.MAX_DEPTH} levels" in " ".join(problems_of(lambda: check_tree([value])))
    levels = limits.MAX_DEPTH - 1  # inside the top-level mapping
    assert not problems_of(lambda: parse_text("a: " + nested(levels) + "\n", "deal.yml"))
    assert problems_of(lambda: parse_text("a: " + nested(levels + 1) + "\n", "deal.yml"))


@pytest.mark.parametrize("sign", ["", "-"])
def test_integers_at_the_limit_are_read_and_longer_ones_refused(sign: str) -> None:
    digits = limits.MAX_NUMBER_CHARS  # digits, a sign not counted (JSON and YAML alike)
    assert loads_json(f'{{"n": {sign}{"9" * digits}}}')["n"] == int(sign + "9" * digits)
    past = problems_of(lambda: loads_json(f'{{"n": {sign}{"9" * (digits + 1)}}}'))
    assert past == [
        f"n: is a number {limits.MAX_NUMBER_CHARS + 1:,} digits long; the limit is {limits.MAX_NUMBER_CHARS}"
    ]
    assert problems_of(lambda: parse_text(f"n: {sign}{'9' * (digits + 1)}\n", "deal.yml"))
    assert not problems_of(lambda: parse_text(f"n: {sign}{'9' * digits}\n", "deal.yml"))
    assert problems_of(lambda: parse_text(f"n: {sign}1{'0' * digits}\n", "deal.yml"))  # the smallest one too long
    check_tree(int(sign + "9" * digits))
    assert problems_of(lambda: check_tree(int(sign + "1" + "0" * digits)))


def test_decimal_numbers_at_the_limit_of_characters() -> None:
    at = "0." + "1" * (limits.MAX_NUMBER_CHARS - 2)
    assert loads_json(f'{{"n": {at}}}')["n"] == float(at)
    past = problems_of(lambda: loads_json(f'{{"n": {at}1}}'))
    assert past == [
        f"n: is a number {limits.MAX_NUMBER_CHARS + 1:,} characters long; the limit is {limits.MAX_NUMBER_CHARS}"
    ]


def test_values_per_deal_at_the_limit_pass_and_one_more_is_refused() -> None:
    # the mapping and the list count as values: 2 + items
    check_tree({"notes": [0] * (limits.MAX_NODES - 2)})
    past = problems_of(lambda: check_tree({"notes": [0] * (limits.MAX_NODES - 1)}))
    assert past == [
        f"the deal holds more than {limits.MAX_NODES:,} values; a deal file nests at most a few levels: see 'dealcheck example'"
    ]


def test_problems_listed_up_to_the_limit_then_counted() -> None:
    at = DealError([Problem(f"f{i}", "bad") for i in range(limits.MAX_PROBLEMS)])
    assert len(at.problems) == limits.MAX_PROBLEMS and "more problem" not in str(at)
    past = DealError([Problem(f"f{i}", "bad") for i in range(limits.MAX_PROBLEMS + 1)])
    assert len(past.problems) == limits.MAX_PROBLEMS + 1
    assert past.problems[-1].message == "and 1 more problem(s) not listed"


def test_messages_kept_whole_up_to_the_limit_then_both_ends_kept() -> None:
    at = "m" * limits.MAX_MESSAGE_CHARS
    assert Problem("", at).message == at
    past = Problem("", "a" + "m" * limits.MAX_MESSAGE_CHARS)
    assert len(past.message) <= limits.MAX_MESSAGE_CHARS and past.message.startswith("am") and " … " in past.message


def test_text_fields_at_the_limit_are_taken_and_longer_ones_refused() -> None:
    deal = {"schema_version": 2, "end_user": {"name": "n" * limits.MAX_TEXT}}
    assert parse_deal(deal, REF).end_user.name == "n" * limits.MAX_TEXT
    deal["end_user"]["name"] += "n"
    past = problems_of(lambda: parse_deal(deal, REF))
    assert (
        f"end_user.name: is {limits.MAX_TEXT + 1} characters long; the limit is {limits.MAX_TEXT}; shorten it" in past
    )


def test_lists_at_the_limit_are_taken_and_longer_ones_refused() -> None:
    notes = [f"flag {i}" for i in range(limits.MAX_ITEMS + 1)]
    deal = {"schema_version": 2, "product": {"control_entries": notes[: limits.MAX_ITEMS]}}
    assert not [p for p in problems_of(lambda: parse_deal(deal, REF)) if "the limit is" in p]
    deal["product"]["control_entries"] = notes
    past = problems_of(lambda: parse_deal(deal, REF))
    assert f"product.control_entries: has {limits.MAX_ITEMS + 1} items; the limit is {limits.MAX_ITEMS}" in past


def test_suggestions_only_for_values_up_to_the_limit() -> None:
    assert "did you mean 'EG' (Egypt)" in " ".join(
        problems_of(lambda: parse_deal({"schema_version": 2, "destination": {"country": "Egyptt"}}, REF))
    )
    at = "a" * (limits.MAX_SUGGEST_CHARS - 1)
    choices = [at + "b", "other"]
    assert _Validator(REF).suggest(at + "c", choices) == at + "b"  # at the bound: compared and suggested
    assert _Validator(REF).suggest(at + "cc", [at + "bb"]) is None  # one past: not compared at all


def test_suggestions_per_deal_stop_at_the_limit() -> None:
    fields = {f"unknown_field_{i}": 1 for i in range(limits.MAX_SUGGESTIONS + 5)}
    fields["schema_version"] = 2
    fields["referenc"] = "x"  # one close to a real field ('reference'), looked at last
    problems = problems_of(lambda: parse_deal(fields, REF))
    assert sum("did you mean" in p for p in problems) <= limits.MAX_SUGGESTIONS
    validator = _Validator(REF)
    guesses = [validator.suggest("referenc", ["reference"]) for _ in range(limits.MAX_SUGGESTIONS + 1)]
    assert guesses[: limits.MAX_SUGGESTIONS] == ["reference"] * limits.MAX_SUGGESTIONS and guesses[-1] is None
    first = {"schema_version": 2, "referenc": "x"}
    assert any("did you mean 'reference'" in p for p in problems_of(lambda: parse_deal(first, REF)))


def csv_with_cell_lines(lines: int) -> bytes:
    cell = "\n".join(f"part {i}" for i in range(lines))
    return f'reference,notes\nQ-1,"{cell}"\nQ-2,next\n'.encode()


def test_a_csv_record_may_span_the_limit_of_lines_and_no_more() -> None:
    rows = list(read_rows(io.BytesIO(csv_with_cell_lines(limits.MAX_CSV_RECORD_LINES)), "csv"))
    assert [r.error for r in rows] == [None, None]
    assert (rows[0].line, rows[0].end_line, rows[1].line) == (
        2,
        1 + limits.MAX_CSV_RECORD_LINES,
        2 + limits.MAX_CSV_RECORD_LINES,
    )
    past = list(read_rows(io.BytesIO(csv_with_cell_lines(limits.MAX_CSV_RECORD_LINES + 1)), "csv"))
    assert past[0].error is not None and "opens a quoted cell that is not closed" in str(past[0].error)
    assert past[-1].deal is not None and past[-1].deal.get("reference") == "Q-2"  # the rows after it still read


def test_a_jsonl_line_at_the_limit_is_read_and_a_longer_one_is_one_bad_row() -> None:
    pad = limits.MAX_BYTES - len(json.dumps({"reference": "Q-1", "notes": ""}))
    at = json.dumps({"reference": "Q-1", "notes": "n" * pad}).encode()
    assert len(at) == limits.MAX_BYTES
    rows = list(read_rows(io.BytesIO(at + b"\n" + at[:-2] + b'n"}\n' + b'{"reference": "Q-3"}\n'), "jsonl"))
    assert rows[0].error is None
    assert rows[1].error is not None and f"{limits.MAX_BYTES:,} bytes" in str(rows[1].error)
    assert rows[2].deal == {"reference": "Q-3"}
