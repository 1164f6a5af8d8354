"""Fuzz the whole path a deal file takes (bytes -> text -> data -> screening -> every report format) with a fixed
corpus of hostile inputs and with hypothesis: only a Result or a DealError may come out, every DealError carries
structured problems, and work stays within the documented limits. Runs in CPython and, with tests/engine, in Pyodide.

The time and memory bounds are deliberately generous (a regression to the old behaviour is 100x over them); the
benchmark benchmarks/hostile_inputs.py prints the real figures per byte.
"""

from __future__ import annotations

import json
import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import browser
from checker.dealfile import decode_bytes, parse_text
from checker.engine import screen_raw
from checker.errors import DealError
from checker.limits import MAX_PROBLEMS
from checker.reference import load_reference
from checker.render import render
from checker.yamlsubset import dumps
from tests.engine.hostile import CASES, Case

REF = load_reference()
DATE = "2026-11-29"
SECONDS_FIXED = 5.0  # per case, on a loaded 2-core machine or in Pyodide
SECONDS_PER_BYTE = 20e-6  # 1 MB input: 20 s more at most (the old engine took 81 s on 50 KB)
MEMORY_PER_BYTE = 200  # tracemalloc peak per input byte, on top of MEMORY_FIXED
MEMORY_FIXED = 30_000_000


def run(data: bytes) -> tuple[str, object]:
    """The CLI's path for one file, in process: ('result', Result) or ('error', DealError); anything else raises."""
    try:
        result = screen_raw(parse_text(decode_bytes(data, "deal file"), "deal file"), reference=REF, on=DATE)
    except DealError as exc:
        return "error", exc
    for fmt in ("json", "text", "markdown", "html"):
        render(result, fmt, reference=REF).encode("utf-8")  # no surrogate can reach a report
    return "result", result


def assert_structured(error: DealError) -> None:
    assert error.problems, "a DealError without problems"
    assert len(error.problems) <= MAX_PROBLEMS + 1
    for problem in error.problems:
        assert isinstance(problem.path, str) and isinstance(problem.message, str) and problem.message
        assert "Traceback" not in problem.message and "sys.set_int_max_str_digits" not in problem.message
    json.dumps(error.to_dict(), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_corpus_is_answered_within_limits(case: Case) -> None:
    data = case.build()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        kind, value = run(data)
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert kind == case.expect, value
    if isinstance(value, DealError):
        assert_structured(value)
        assert case.message in str(value), str(value)[:500]
    assert elapsed < SECONDS_FIXED + SECONDS_PER_BYTE * len(data), f"{elapsed:.1f} s for {len(data)} bytes"
    assert peak < MEMORY_FIXED + MEMORY_PER_BYTE * len(data), f"peak {peak:,} bytes for {len(data):,} bytes"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_browser_requests_get_the_same_answer_as_the_cli(case: Case) -> None:
    """The worker's entry point never raises and never reports an internal error for bad input."""
    data = case.build()
    kind, _ = run(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    for request in ({"op": "load", "name": "deal.yml", "data_b64": __import__("base64").b64encode(data).decode()},):
        response = json.loads(browser.handle(json.dumps(request)))
        assert "internal" not in response, response
        if kind == "error" and not response["ok"]:
            assert response["problems"]
    if text is not None and text.lstrip("\ufeff").lstrip()[:1] in ("{", "["):
        request_json = '{"op": "screen", "on": "2026-11-29", "deal": ' + text.lstrip("\ufeff") + "}"
        response = json.loads(browser.handle(request_json))
        assert "internal" not in response, response
        assert response["ok"] == (kind == "result"), response.get("problems")


def test_too_many_problems_are_counted_not_listed() -> None:
    kind, error = run(json.dumps({f"k{i}": 1 for i in range(500)}).encode())
    assert kind == "error" and isinstance(error, DealError)
    assert len(error.problems) == MAX_PROBLEMS + 1
    assert "450 more problem" in error.problems[-1].message


# hypothesis ----------------------------------------------------------------------------------------------------------
FIELD_NAMES = ["product", "destination", "end_user", "intermediaries", "country", "name", "type", "capabilities"]
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["EG", "GB", "remote_intrusion", "government_security", "\ud800", "a\x1bb"]),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=6), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=40,
)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _encode(tree: object, syntax: str) -> bytes:
    if syntax == "json":
        return json.dumps(tree).encode("utf-8")
    try:
        return dumps(tree).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return json.dumps(tree).encode("utf-8")


@FUZZ
@given(tree=trees, syntax=st.sampled_from(["json", "yaml"]))
def test_random_deal_trees_give_a_result_or_a_structured_error(tree: object, syntax: str) -> None:
    kind, value = run(_encode(tree, syntax))
    if isinstance(value, DealError):
        assert_structured(value)


@FUZZ
@given(tree=trees)
def test_random_deal_objects_from_python_callers(tree: object) -> None:
    """The Python API (screen_raw on a dict) has the same guarantees as a file."""
    deal = tree if isinstance(tree, dict) else {"notes": tree}
    try:
        result = screen_raw(deal, reference=REF, on=DATE)
    except DealError as exc:
        assert_structured(exc)
    else:
        render(result, "markdown", reference=REF).encode("utf-8")


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_give_a_result_or_a_structured_error(data: bytes) -> None:
    kind, value = run(data)
    if isinstance(value, DealError):
        assert_structured(value)
