"""Decode deal files (JSON or the YAML subset) into plain data, with input problems as DealError.

Shared by the CLI and the browser checker so a file that loads in one loads in the other.
"""

from __future__ import annotations

import json
from typing import Any

from checker.errors import DealError, Problem

MAX_BYTES = 1_000_000


def decode_bytes(data: bytes, name: str = "deal file") -> str:
    """Bytes to text, rejecting binary junk and oversized input with a plain message."""
    if len(data) > MAX_BYTES:
        raise DealError([Problem("", f"{name} is {len(data)} bytes; the limit is {MAX_BYTES}")])
    if b"\x00" in data:
        raise DealError(
            [Problem("", f"{name} is not a text file (it contains NUL bytes)", "save the deal as YAML or JSON")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DealError(
            [Problem("", f"{name} is not UTF-8 text (byte {exc.start} is invalid)", "save it as UTF-8 YAML or JSON")]
        ) from None
    return text


def parse_text(text: str, name: str = "deal file") -> Any:
    """JSON when it looks like JSON, otherwise YAML; empty input is an error, not an empty deal."""
    stripped = text.strip()
    if not stripped or all(line.strip().startswith("#") or not line.strip() for line in stripped.splitlines()):
        raise DealError([Problem("", f"{name} is empty", "start from 'dealcheck example'")])
    if stripped[0] in "{[":
        try:
            return json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise DealError(
                [Problem("", f"{name} is not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}")]
            ) from None
    from checker.yamlsubset import YamlSubsetError, loads

    try:
        value = loads(text)
    except YamlSubsetError as exc:
        raise DealError([Problem("", f"{name} is not valid YAML: {exc}")]) from None
    if value is None:
        raise DealError([Problem("", f"{name} is empty", "start from 'dealcheck example'")])
    return value
