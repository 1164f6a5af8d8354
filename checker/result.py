"""The screening result: verdict, ordered findings, actions, conditions and provenance, as stable JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from checker.decision import decision
from checker.findings import Finding, Severity
from checker.registry import STEPS

VERDICTS = ("PROCEED", "PROCEED_WITH_CONDITIONS", "ESCALATE", "STOP")
VERDICT_BY_SEVERITY = {
    Severity.INFO: "PROCEED",
    Severity.CONDITION: "PROCEED_WITH_CONDITIONS",
    Severity.ESCALATE: "ESCALATE",
    Severity.STOP: "STOP",
}
VERDICT_TEXT = {
    "STOP": "Stop: do not proceed with this deal.",
    "ESCALATE": "Escalate: senior review needed before going further; resolve every escalation finding.",
    "PROCEED_WITH_CONDITIONS": "Proceed only once every condition below is met.",
    "PROCEED": "No risk factor found in the facts given. Keep the record, and screen again if anything changes.",
}
DISCLAIMER = (
    "This screening is advisory and is not legal advice. It applies the published guidance to the facts you gave "
    "and to reference data of the dates shown; classification and licensing are legal determinations. Check the "
    "primary sources and take advice before you rely on it."
)


def decide(findings: list[Finding]) -> str:
    """Documented combination policy: the most severe finding decides; no findings means PROCEED."""
    worst = max((f.severity for f in findings), default=Severity.INFO)
    return VERDICT_BY_SEVERITY[worst]


def order(findings: list[Finding]) -> list[Finding]:
    """Findings by due-diligence step, then most severe first, then code and message for stability."""
    return sorted(findings, key=lambda f: (STEPS.index(f.step), -f.severity, f.code, f.subject or "", f.message))


@dataclass(frozen=True)
class Result:
    verdict: str
    findings: tuple[Finding, ...]
    deal: dict[str, Any]
    provenance: dict[str, Any]
    jurisdiction: dict[str, Any] = field(default_factory=dict)  # checker.jurisdiction.Jurisdiction.to_dict()

    @property
    def exit_code(self) -> int:
        return VERDICTS.index(self.verdict)

    @property
    def conditions(self) -> list[str]:
        out: list[str] = []
        for finding in self.findings:
            if finding.severity == Severity.CONDITION and finding.condition and finding.condition not in out:
                out.append(finding.condition)
        return out

    @property
    def actions(self) -> list[str]:
        """Recommended actions of the findings that need attention, most severe first, without repeats."""
        out: list[str] = []
        for finding in sorted(self.findings, key=lambda f: -f.severity):
            if finding.severity == Severity.INFO:
                continue
            for action in finding.actions:
                if action not in out:
                    out.append(action)
        return out

    def counts(self) -> dict[str, int]:
        return {s.label: sum(1 for f in self.findings if f.severity == s) for s in reversed(Severity)}

    def to_dict(self) -> dict[str, Any]:
        data = {
            "verdict": self.verdict,
            "verdict_text": VERDICT_TEXT[self.verdict],
            "decision": {},
            "counts": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            "actions": self.actions,
            "conditions": self.conditions,
            "deal": self.deal,
            "jurisdiction": self.jurisdiction,
            "provenance": self.provenance,
            "disclaimer": DISCLAIMER,
        }
        data["decision"] = decision(data).to_dict()
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, sort_keys=False)
