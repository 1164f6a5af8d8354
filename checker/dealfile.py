"""Decode deal files (JSON or the YAML subset) into plain data, with every input problem as a DealError.

Shared by the CLI, batch and the browser checker so a file that loads in one loads in the others. Work is bounded
before it starts: at most ``MAX_BYTES`` are read, nesting is measured before the recursive JSON parser runs, numbers
are length-checked before int() converts them, and ``check_tree`` walks the result once, iteratively, rejecting
lone surrogates, duplicate keys, over-long numbers and over-deep or over-large structures with the path of each.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any, BinaryIO

from checker.errors import DealError, Problem
from checker.limits import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_NUMBER_CHARS

__all__ = ["MAX_BYTES", "check_tree", "decode_bytes", "loads_json", "parse_text", "read_limited"]

_HINT_TEXT = "save it as UTF-8 YAML or JSON"


class _Rejected:
    """A parsed value that must not reach the engine (an over-long number, NaN); reported by check_tree with its path."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _DuplicateKeys(dict[str, object]):
    """A JSON object that repeated a key; JSON parsers disagree on which value wins, so we refuse it like YAML does."""

    duplicates: list[str]


def read_limited(stream: BinaryIO, name: str, limit: int = MAX_BYTES) -> bytes:
    """Read at most limit + 1 bytes, so /dev/zero or a 3 GB pipe fails fast instead of filling memory."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(65536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise DealError([Problem("", f"{name} is larger than the limit of {limit:,} bytes", "split it or shorten it")])
    return b"".join(chunks)


def decode_bytes(data: bytes, name: str = "deal file") -> str:
    """Bytes to text: UTF-8, with or without a byte-order mark; anything else (UTF-16, binary, invalid bytes) is a
    plain error naming the encoding or the line."""
    if len(data) > MAX_BYTES:
        raise DealError([Problem("", f"{name} is {len(data):,} bytes; the limit is {MAX_BYTES:,}")])
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise DealError([Problem("", f"{name} is UTF-32 text, not UTF-8", _HINT_TEXT)])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Refused rather than guessed: junk after FF FE decodes as "valid" UTF-16 gibberish. The browser refuses
        # it the same way, because it hands the file's bytes to this function.
        raise DealError(
            [Problem("", f"{name} is not UTF-8 text (it is UTF-16, 'Unicode' in some editors)", _HINT_TEXT)]
        )
    if b"\x00" in data:
        utf16 = len(data) >= 4 and (data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4)
        what = (
            "looks like UTF-16 text without a byte-order mark"
            if utf16
            else "is not a text file (it contains NUL bytes)"
        )
        raise DealError([Problem("", f"{name} {what}", _HINT_TEXT)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DealError(
            [Problem("", f"{name} is not UTF-8 text (line {line}, byte {column} of the line is invalid)", _HINT_TEXT)]
        ) from None


# JSON --------------------------------------------------------------------------------------------------------------
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _json_too_deep(text: str) -> int | None:
    """Offset where nesting first exceeds MAX_DEPTH, found without recursion (json.loads would recurse 1,000 deep)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    marked = _DuplicateKeys(out)
    marked.duplicates = []
    for key, _value in pairs:
        if key in seen and key not in marked.duplicates:
            marked.duplicates.append(key)
        seen.add(key)
    return marked


def _int(text: str) -> Any:
    digits = len(text) - text.startswith("-")  # the limit counts digits, as for YAML (check_tree)
    if digits > MAX_NUMBER_CHARS:
        return _Rejected(f"is a number {digits:,} digits long; the limit is {MAX_NUMBER_CHARS}")
    return int(text)


def _float(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        return _Rejected(f"is a number {len(text):,} characters long; the limit is {MAX_NUMBER_CHARS}")
    return float(text)


def _constant(text: str) -> Any:
    return _Rejected(f"is {text}, which is not a number in JSON")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def loads_json(text: str, name: str = "deal file", *, check: bool = True) -> Any:
    """JSON to data with bounded work and no exception but DealError; the result has passed check_tree unless
    ``check`` is false (a browser request: its deal is checked by the engine, with the deal's own paths)."""
    deep = _json_too_deep(text)
    if deep is not None:
        line, column = _line_col(text, deep)
        where = f"line {line}, column {column}" if "\n" in text else f"column {column}"
        raise DealError([Problem("", f"{name} nests deeper than {MAX_DEPTH} levels ({where})", _HINT_DEEP)])
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if "\n" in text else f"column {exc.colno}"
        raise DealError([Problem("", f"{name} is not valid JSON: {where}: {exc.msg}")]) from None
    except RecursionError:  # defence in depth: _json_too_deep should have caught it
        raise DealError([Problem("", f"{name} nests too deeply", _HINT_DEEP)]) from None
    if check:
        check_tree(value)
    return value


_HINT_DEEP = "a deal file nests at most a few levels: see 'dealcheck example'"


# The tree check ----------------------------------------------------------------------------------------------------
_SURROGATE = re.compile("[\ud800-\udfff]")
_INT_LIMIT = 10**MAX_NUMBER_CHARS  # the smallest integer with more than MAX_NUMBER_CHARS digits


def _child_path(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    key_text = _SURROGATE.sub("\ufffd", key) if isinstance(key, str) else repr(key)
    return f"{path}.{key_text}" if path else key_text


def check_tree(value: Any) -> None:
    """Reject what the engine must never see, with the path of each: lone surrogates (they cannot be written as
    UTF-8), duplicate keys, over-long numbers, NaN, nesting over MAX_DEPTH and more than MAX_NODES values.

    Iterative, so a hostile structure (or a Python caller's cyclic one) cannot exhaust the stack.
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    nodes = 0
    while stack:
        node, path, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            problems.append(Problem("", f"the deal holds more than {MAX_NODES:,} values", _HINT_DEEP))
            break
        if isinstance(node, str):
            if not node.isascii() and _SURROGATE.search(node):
                problems.append(Problem(path, "contains a lone surrogate (\\ud800-\\udfff), which is not text"))
        elif isinstance(node, int) and not isinstance(node, bool):
            if not -_INT_LIMIT < node < _INT_LIMIT:
                problems.append(Problem(path, f"is a number longer than {MAX_NUMBER_CHARS} digits"))
        elif isinstance(node, _Rejected):
            problems.append(Problem(path, node.message))
        elif isinstance(node, (dict, list)):
            if depth >= MAX_DEPTH:
                problems.append(Problem(path, f"nests deeper than {MAX_DEPTH} levels", _HINT_DEEP))
                continue
            if isinstance(node, _DuplicateKeys):
                problems.extend(
                    Problem(_child_path(path, key), "appears more than once", "keep one value for each field")
                    for key in node.duplicates
                )
            if isinstance(node, dict):
                for key, child in node.items():
                    if isinstance(key, str) and not key.isascii() and _SURROGATE.search(key):
                        problems.append(Problem(_child_path(path, key), "the field name contains a lone surrogate"))
                    stack.append((child, _child_path(path, key), depth + 1))
            else:
                stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(node))
    if problems:
        problems.sort(key=lambda p: p.path)
        raise DealError(problems)


# Either syntax -----------------------------------------------------------------------------------------------------
def parse_text(text: str, name: str = "deal file") -> Any:
    """JSON when it looks like JSON, otherwise YAML; empty input is an error, not an empty deal."""
    if len(text) > MAX_BYTES:
        raise DealError([Problem("", f"{name} is {len(text):,} characters long; the limit is {MAX_BYTES:,}")])
    text = text.removeprefix("\ufeff")
    stripped = text.strip()
    if not stripped or all(line.strip().startswith("#") or not line.strip() for line in stripped.splitlines()):
        raise DealError([Problem("", f"{name} is empty", "start from 'dealcheck example'")])
    if stripped[0] in "{[":
        return loads_json(stripped, name)
    from checker.yamlsubset import YamlSubsetError, loads

    try:
        value = loads(text)
    except YamlSubsetError as exc:
        raise DealError([Problem("", f"{name} is not valid YAML: {exc}")]) from None
    except ValueError:  # a decimal integer too long for int(): name it, never Python's message
        raise DealError(
            [Problem("", f"{name} holds a number longer than {MAX_NUMBER_CHARS} digits", "write it as quoted text")]
        ) from None
    if value is None:
        raise DealError([Problem("", f"{name} is empty", "start from 'dealcheck example'")])
    check_tree(value)
    return value
