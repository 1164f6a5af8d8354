"""Loads the worked scenarios (tests/fixtures/scenarios/*.yml); shared by the CPython and Pyodide test runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.yamlsubset import loads

SCENARIOS = Path(__file__).parent / "fixtures" / "scenarios"
SCREENING_DATE = "2026-11-29"


def load_scenarios() -> list[tuple[str, dict[str, Any]]]:
    return [(path.stem, loads(path.read_text(encoding="utf-8"))) for path in sorted(SCENARIOS.glob("*.yml"))]
