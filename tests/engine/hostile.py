"""A fixed corpus of hostile and broken deal files: the inputs a fault test found slow, crashing or misreported.

Shared by the fuzz test (CPython and Pyodide), the CLI hardening tests and benchmarks/hostile_inputs.py. Each case is
built in memory, so the repository holds no megabyte fixtures. ``expect`` is "error" (a DealError, exit 65) or
"result" (screened, exit 0-3).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from dataclasses import dataclass

from checker.limits import MAX_BYTES

BASE = {
    "product": {"name": "NetWatch", "capabilities": ["deep_packet_inspection"]},
    "destination": {"country": "AE"},
    "end_user": {"name": "Example Telecom", "type": "private_telecom_operator"},
}


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    expect: str  # "error" or "result"
    message: str = ""  # a phrase the first problem (or any problem) must contain


def _json(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")


def _with(**top: object) -> bytes:
    return _json({**BASE, **top})


def _many_unknown_keys() -> bytes:
    return _json({**BASE, **{f"x{i}": 1 for i in range(60_000)}})


def _long_country_intermediaries() -> bytes:
    return _with(intermediaries=[{"name": f"Co {i}", "country": "X" * 2_000} for i in range(50)])


CASES: list[Case] = [
    Case("country-50000-chars", lambda: _with(destination={"country": "Q" * 50_000}), "error", "country code"),
    Case("50-intermediaries-2000-char-countries", _long_country_intermediaries, "error", "country code"),
    Case("60000-unknown-keys", _many_unknown_keys, "error", "not a known field"),
    Case("capability-200k-chars", lambda: _with(product={"capabilities": ["c" * 200_000]}), "error", "capability"),
    Case("name-200k-chars", lambda: _with(product={"name": "n" * 200_000}), "error", "the limit is"),
    Case("1000-capabilities", lambda: _with(product={"capabilities": ["x"] * 1000}), "error", "items"),
    Case("json-nested-1000", lambda: b"[" * 1000 + b"]" * 1000, "error", "nests deeper"),
    Case("json-nested-objects-1000", lambda: b'{"a":' * 1000 + b"1" + b"}" * 1000, "error", "nests deeper"),
    Case("json-nested-in-field", lambda: _with(notes=json.loads("[" * 40 + "]" * 40)), "error", "nests deeper"),
    Case("yaml-flow-nested-1000", lambda: b"notes: " + b"[" * 1000 + b"]" * 1000, "error", "deeper"),
    Case("json-int-5000-digits", lambda: b'{"reference": ' + b"7" * 5000 + b"}", "error", "digits"),
    Case("yaml-int-5000-digits", lambda: b"reference: " + b"7" * 5000 + b"\n", "error", "too long"),
    Case("json-lone-surrogate", lambda: b'{"notes": "\\ud800"}', "error", "surrogate"),
    Case("json-lone-surrogate-key", lambda: b'{"\\udfff": 1}', "error", "surrogate"),
    Case(
        "json-duplicate-keys", lambda: b'{"destination": {"country": "KP", "country": "GB"}}', "error", "more than once"
    ),
    Case("yaml-duplicate-keys", lambda: b"destination:\n  country: KP\n  country: GB\n", "error", "duplicate key"),
    Case("json-nan", lambda: b'{"reference": NaN}', "error", "not a number"),
    Case("utf16-le-bom", lambda: codecs.BOM_UTF16_LE + "notes: x\n".encode("utf-16-le"), "error", "UTF-16"),
    Case("utf16-be-bom", lambda: codecs.BOM_UTF16_BE + "notes: x\n".encode("utf-16-be"), "error", "UTF-16"),
    Case("utf16-no-bom", lambda: "notes: x\n".encode("utf-16-le"), "error", "UTF-16"),
    Case("utf32", lambda: "notes: x\n".encode("utf-32"), "error", "UTF-32"),
    Case("utf8-bom", lambda: codecs.BOM_UTF8 + _json(BASE), "result"),
    Case("invalid-utf8-line-3", lambda: b"notes: a\nreference: b\nproduct: \xff\n", "error", "line 3"),
    Case("nul-bytes", lambda: b"notes: a\x00b\n", "error", "NUL"),
    Case("over-the-byte-limit", lambda: b"#" * (MAX_BYTES + 1), "error", "limit"),
    Case("null", lambda: b"null", "error", "empty"),
    Case("array", lambda: b"[1, 2]", "error", "mapping"),
    Case("string", lambda: b'"a deal"', "error", "mapping"),
    Case("empty", lambda: b"", "error", "empty"),
    Case("comments-only", lambda: b"# nothing\n\n# here\n", "error", "empty"),
    Case("control-characters", lambda: _with(notes="a\x1b[31mred"), "error", "control characters"),
    Case("unicode-names", lambda: _with(end_user={"name": "Société Générale 电信 \U0001f600"}), "result"),
]


def case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)
