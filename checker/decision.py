"""The decision a report opens with: the verdict, the few findings that decided it, and what to do next.

A reader must see the verdict's reasons and the next move before any detail. The next steps depend on the verdict:
a STOP says what to do now (not how to rescue the deal with clauses), an ESCALATE what must be resolved and by whom,
a PROCEED WITH CONDITIONS lists the conditions, and a PROCEED says what was and was not checked, so a green result
is never read as more than it is. Every report format and the browser render this one structure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.next_steps import summary_lines
from checker.rule_titles import title

MAX_DECIDING = 3

NEXT_TITLES = {
    "STOP": "What to do now",
    "ESCALATE": "What must be resolved, and by whom",
    "PROCEED_WITH_CONDITIONS": "The conditions to meet before you proceed",
    "PROCEED": "What was checked, and what was not",
}

# Who resolves an escalation, by due-diligence step (codes with their own owner below take precedence).
RESOLVED_BY_STEP = {
    "filter-the-deal": "your export-control lead, with the licensing authority's view where a licence is in question",
    "product-capability": "compliance with the product team; a director decides",
    "destination-context": "a director who is not on the sales side of the deal, advised by compliance",
    "end-user": "sales, from the buyer in writing; compliance judges the answers",
    "intermediaries-and-diversion": "sales, from the intermediaries in writing; compliance judges the answers",
    "mitigation-and-safeguards": "whoever negotiates the contract, checked by compliance",
    "decide-escalate-notify": "compliance, with the competent authority",
    "after-the-sale": "the manager of the service team, with compliance",
}
RESOLVED_BY_PREFIX = {
    "D": "sales, from the buyer in writing (then screen again)",
    "S": "compliance: compare the party's identity (address, registration, dates) with the official list entry",
}

STOP_STEPS = (
    "Do not proceed: do not sign, ship, deliver or demonstrate the product, and make no commitment to the buyer.",
    "Tell whoever signs off export decisions in your firm (your compliance lead or a director) today, and give "
    "them this report.",
)
STOP_RECORD = (
    "Record the decision: keep this report, the deal file and the correspondence, and fill in the record of decision "
    "at the end (who decided, when, on which findings).",
    "If the same buyer comes back through another party or with changed details, treat it as the same deal: facts "
    "changed to pass a screening are a red flag in themselves.",
)
LISTED_PARTY_STEP = (
    "A party matches a sanctions or entity list: make no funds, goods or services available to it, and take legal "
    "advice on whether you must report the approach to the authority that keeps the list."
)
ESCALATE_FIRST = "Do not sign, ship or deliver until each point below is resolved and the decision is recorded."
ESCALATE_LAST = "Then screen the deal again with the answers, and record who decided and why."
CONDITIONS_LAST = "Record how each condition was met (the clause, document or date) and keep it with this report."
PROCEED_LAST = "Keep this report with the deal, and screen again if anything changes."
# How each verdict's next steps end: after the exporter's own authority (checker.next_steps), how to close the file.
CLOSING: dict[str, tuple[str, ...]] = {
    "STOP": STOP_RECORD,
    "ESCALATE": (ESCALATE_LAST,),
    "PROCEED_WITH_CONDITIONS": (CONDITIONS_LAST,),
    "PROCEED": (PROCEED_LAST,),
}


@dataclass(frozen=True)
class Deciding:
    code: str
    title: str
    message: str
    finding_page: str | None


@dataclass(frozen=True)
class Decision:
    verdict: str
    deciding: tuple[Deciding, ...]
    more: int  # further findings of the deciding severity, not named in the box
    next_title: str
    next_steps: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "deciding": [
                {"code": d.code, "title": d.title, "message": d.message, "finding_page": d.finding_page}
                for d in self.deciding
            ],
            "more_deciding": self.more,
            "next_steps_title": self.next_title,
            "next_steps": list(self.next_steps),
        }


def decision(data: dict[str, Any]) -> Decision:
    """From a Result's dict (so every renderer and the JSON agree): the deciding findings and next steps."""
    verdict = data["verdict"]
    worst = {"STOP": "stop", "ESCALATE": "escalate", "PROCEED_WITH_CONDITIONS": "condition"}.get(verdict)
    findings = data["findings"]
    top = [f for f in findings if f["severity"] == worst] if worst else []
    deciding = tuple(
        Deciding(f["code"], title(f["code"]), f["message"], f.get("finding_page")) for f in _one_per_code(top)
    )
    shown = deciding[:MAX_DECIDING]
    shown_codes = {d.code for d in shown}
    more = sum(1 for f in top if f["code"] not in shown_codes)
    # The exporter's own authority and how to apply, under its own law (and the ship-from country's).
    own = summary_lines((data.get("jurisdiction") or {}).get("exporter_steps") or [])
    if verdict == "STOP":
        body = _stop_steps(top)
    elif verdict == "ESCALATE":
        body = _escalate_steps(top)
    elif verdict == "PROCEED_WITH_CONDITIONS":
        body = list(data["conditions"])
    else:
        body = _proceed_steps(data)
    # The verdict's own steps, then the exporter's authority, then how to close the file.
    steps = _unique([*body, *own, *CLOSING[verdict]])
    return Decision(verdict, shown, more, NEXT_TITLES[verdict], steps)


def _one_per_code(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if f["code"] not in seen:
            seen.add(f["code"])
            out.append(f)
    return out


def _unique(items: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return tuple(out)


def _stop_steps(stops: list[dict[str, Any]]) -> list[str]:
    steps = list(STOP_STEPS)
    if any(f["code"] == "S801" for f in stops):
        steps.append(LISTED_PARTY_STEP)
    # The stop findings' own actions say what else to do now (take advice, confirm in writing); a generic
    # "do not proceed" is already the first step.
    for f in stops:
        steps += [a for a in f["actions"] if not a.lower().startswith("do not proceed")]
    return steps


def _escalate_steps(escalations: list[dict[str, Any]]) -> list[str]:
    steps = [ESCALATE_FIRST]
    for f in _one_per_code(escalations):
        who = RESOLVED_BY_PREFIX.get(f["code"][0]) or RESOLVED_BY_STEP.get(f["step"], "compliance")
        first_action = f["actions"][0] if f["actions"] else "Resolve it and record how."
        steps.append(f"{title(f['code'])} ({f['code']}): {first_action} Who: {who}.")
    return steps


def _proceed_steps(data: dict[str, Any]) -> list[str]:
    prov = data["provenance"]
    steps = [
        "Checked: the facts you gave, against the guidance's due-diligence steps and the reference data of "
        f"{prov.get('data_as_of') or 'the date shown'} (sanctions, embargoes, control entries, country context).",
    ]
    screening = prov.get("party_screening") or {}
    imported = [x for x in screening.get("imported", []) if x]
    curated = screening.get("curated")
    if imported:
        names = "; ".join(f"{x.get('name')} (as of {x.get('as_of') or x.get('date') or 'undated'})" for x in imported)
        steps.append(f"Parties were screened against the lists you imported: {names}.")
    else:
        what = (
            f"only this site's curated list ({curated.get('entries', '?')} entries, as of "
            f"{curated.get('as_of') or curated.get('date') or 'undated'})"
            if curated
            else "no list at all"
        )
        steps.append(
            f"Not checked: the official sanctions and entity lists in full. The parties were screened against {what}: "
            "screen every party against the official lists that bind you before you proceed."
        )
    steps.append("Not checked: whether the facts are true, and the product's legal classification; both stay with you.")
    return steps
