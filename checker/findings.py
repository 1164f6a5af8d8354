"""Severities, rules and findings: the vocabulary every rule module speaks."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from checker import links
from checker.rule_titles import title

if TYPE_CHECKING:
    from checker.context import Context


class Severity(IntEnum):
    """Ordered so that max() gives the most serious; the verdict follows from the highest severity."""

    INFO = 0
    CONDITION = 1
    ESCALATE = 2
    STOP = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Reference:
    """A fact a finding relies on (a measure, control entry, case study...), with where it comes from."""

    kind: str
    id: str
    title: str
    page: str | None = None
    url: str | None = None
    as_of: str | None = None
    confidence: str | None = None
    sources: tuple[str, ...] = ()
    stale: str | None = None  # why the fact may be out of date on the screening date (checker.provenance)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "page": self.page,
            "url": self.url,
            "as_of": self.as_of,
            "confidence": self.confidence,
            "sources": list(self.sources),
            "stale": self.stale,
        }


@dataclass(frozen=True)
class Hit:
    """What a rule's check yields: the deal-specific message plus optional overrides."""

    message: str
    severity: Severity | None = None
    references: tuple[Reference, ...] = ()
    condition: str | None = None
    actions: tuple[str, ...] = ()
    subject: str | None = None


class RuleError(RuntimeError):
    """A rule broke its own declaration (a bug in the rule, never the user's input)."""


@dataclass(frozen=True)
class Rule:
    """A registered check. Like a linter rule: stable code, one job, its own documentation page.

    `severities` pairs each severity the check can give with when it gives it, most severe first; `uses` pairs a
    vocabulary name with the ids the check names. A retired rule (`status`) never runs but keeps its page.
    """

    code: str
    name: str
    step: str
    severity: Severity
    summary: str
    why: str
    actions: tuple[str, ...]
    check: Callable[[Context], Iterable[Hit]] = field(compare=False, repr=False)
    severities: tuple[tuple[Severity, str], ...] = ()
    since: str = ""
    status: str = "active"
    retired_in: str | None = None
    retired_reason: str | None = None
    replaced_by: tuple[str, ...] = ()
    uses: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def doc(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "step": self.step,
            "severity": self.severity.label,
            "severities": {sev.label: when for sev, when in self.severities},
            "summary": self.summary,
            "why": self.why,
            "actions": list(self.actions),
            "since": self.since,
            "status": self.status,
            "retired_in": self.retired_in,
            "retired_reason": self.retired_reason,
            "replaced_by": list(self.replaced_by),
            "uses": {vocabulary: list(ids) for vocabulary, ids in self.uses},
        }


@dataclass(frozen=True)
class Finding:
    """A rule's hit on one deal, with everything a reader needs to act on it."""

    code: str
    name: str
    step: str
    severity: Severity
    message: str
    why: str
    actions: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    condition: str | None = None
    subject: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "title": title(self.code),
            "step": self.step,
            "severity": self.severity.label,
            "message": self.message,
            "why": self.why,
            "actions": list(self.actions),
            "condition": self.condition,
            "subject": self.subject,
            "guidance_page": links.step_page(self.step),
            "finding_page": links.finding_page(self.code),
            "references": [r.to_dict() for r in self.references],
        }
