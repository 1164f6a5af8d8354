"""Fixtures of the engine tests (also copied into the Pyodide run)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker import registry
from checker.findings import Severity

RETIRED_CODE = "F199"  # not a code the project has used: a retired rule exists only for the test's duration


@pytest.fixture
def retired_rule() -> Iterator[str]:
    """A retired code registered as a release would keep it: its page stays, its check never runs."""
    registry.all_rules()  # register the real rules first
    registry.retire(
        RETIRED_CODE,
        "old-embargo-check",
        step="filter-the-deal",
        severity=Severity.ESCALATE,
        summary="An embargo check replaced by finer ones.",
        why="It could not tell full from partial embargoes.",
        since="0.1.0",
        retired_in="0.1.0",
        reason="split into F103 and F104",
        replaced_by=("F103", "F104"),
    )
    try:
        yield RETIRED_CODE
    finally:
        registry._RULES.pop(RETIRED_CODE, None)
        registry._ORDERED.clear()
