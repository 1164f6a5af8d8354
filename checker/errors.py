"""Input problems, reported all at once with the path of the field and a hint on how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.limits import MAX_MESSAGE_CHARS, MAX_PROBLEMS


def kind_of(value: Any) -> str:
    """What a decoded value is, in a user's words ("got a list"): one wording for deal files and site data."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@dataclass(frozen=True)
class Problem:
    """One problem in a deal: where (dotted path), what is wrong, and how to fix it."""

    path: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        # Messages quote the user's values; a 50,000-character value must not make a 50,000-character message.
        for name in ("path", "message", "hint"):
            text = getattr(self, name)
            if len(text) > MAX_MESSAGE_CHARS:
                half = MAX_MESSAGE_CHARS // 2 - 2
                object.__setattr__(self, name, f"{text[:half]} … {text[-half:]}")

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        return f"{text}; {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message, "hint": self.hint}


class DealError(ValueError):
    """A deal that cannot be screened: carries every problem found, never just the first (up to MAX_PROBLEMS; the
    rest are counted in a last problem, so a hostile deal cannot make a report of a million lines)."""

    def __init__(self, problems: list[Problem]):
        problems = list(problems)
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [
                Problem("", f"and {more:,} more problem(s) not listed", "fix the problems above and check again")
            ]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in self.problems))

    def problem_dicts(self) -> list[dict[str, str]]:
        return [p.to_dict() for p in self.problems]

    def to_dict(self) -> dict[str, object]:
        return {"error": "invalid_deal", "problems": self.problem_dicts()}
