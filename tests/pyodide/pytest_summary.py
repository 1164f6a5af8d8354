"""pytest plugin used on both sides of the Pyodide comparison: writes what was collected and how each test ended.

Load it with `-p tests.pyodide.pytest_summary` and set PYTEST_SUMMARY_JSON to the output path; without the
variable it does nothing. The JSON holds the Python version, the collected node ids in order, each test's outcome
(passed, failed, skipped, xfailed, xpassed, error) and pytest's exit status.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from typing import Any

_collected: list[str] = []
_outcomes: dict[str, str] = {}
_reasons: dict[str, str] = {}


def _path() -> str | None:
    return os.environ.get("PYTEST_SUMMARY_JSON") or None


def pytest_collection_finish(session: Any) -> None:
    _collected[:] = [item.nodeid for item in session.items]


def pytest_runtest_logreport(report: Any) -> None:
    nodeid = report.nodeid
    if hasattr(report, "wasxfail"):
        outcome = "xfailed" if report.skipped else "xpassed"
    elif report.failed:
        outcome = "failed" if report.when == "call" else "error"
    elif report.skipped:
        outcome = "skipped"
    elif report.when == "call":
        outcome = "passed"
    else:
        return
    previous = _outcomes.get(nodeid)
    if previous in ("failed", "error"):
        return  # a teardown pass never hides a failure
    _outcomes[nodeid] = outcome
    if outcome in ("skipped", "failed", "error"):
        _reasons[nodeid] = str(report.longrepr)[-2000:]


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    path = _path()
    if path is None:
        return
    summary = {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": sys.platform,
        "exitstatus": int(exitstatus),
        "collected": list(_collected),
        "outcomes": dict(_outcomes),
        "reasons": dict(_reasons),
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=1)
