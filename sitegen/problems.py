"""Validation problems: every one names the file, line and field so a data editor can fix it without reading code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with site_data/, printed as `file:line: field: problem`."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class ValidationFailed(Exception):
    """Raised with every problem found, so one build run reports them all instead of the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"site_data/ has {count} problem{'s' if count != 1 else ''}:"]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)
