"""Input problems, reported all at once with the path of the field and a hint on how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in a deal: where (dotted path), what is wrong, and how to fix it."""

    path: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        return f"{text}; {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message, "hint": self.hint}


class DealError(ValueError):
    """A deal that cannot be screened: carries every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def problem_dicts(self) -> list[dict[str, str]]:
        return [p.to_dict() for p in self.problems]

    def to_dict(self) -> dict[str, object]:
        return {"error": "invalid_deal", "problems": self.problem_dicts()}
