"""Step 6, mitigation: the contract safeguards a surveillance-capable sale needs."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Reference, Severity
from checker.registry import rule
from checker.rules._common import join

STEP = "mitigation-and-safeguards"
BASELINE = ("end_use_clause", "no_reexport_clause", "human_rights_clause", "termination_rights")
HIGH_RISK_EXTRA = ("audit_rights", "data_handling_rules")
SERVICES_LEVERAGE = frozenset({"maintenance", "updates", "remote_support", "hosting"})


@rule(
    "M601",
    "missing-safeguard",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    uses={
        "safeguards": (
            "audit_rights",
            "data_handling_rules",
            "end_use_clause",
            "human_rights_clause",
            "no_reexport_clause",
            "termination_rights",
        )
    },
    summary="A contract safeguard expected for a surveillance-capable product is missing.",
    why="The techUK/IHRB guidance asks exporters to build risk-management clauses into the contract, and the US State "
    "Department's guidance (as drafted in 2019) lists use limits, data-handling rules and termination rights; they "
    "are the leverage if misuse appears.",
    actions=("Add the missing clauses to the contract before signature.",),
)
def missing_safeguard(ctx: Context) -> Iterator[Hit]:
    if ctx.risk_level < 2:
        return
    needed = BASELINE + (HIGH_RISK_EXTRA if ctx.risk_level >= 3 else ())
    missing = [s for s in needed if s not in ctx.deal.safeguards]
    if missing:
        labels = [ctx.label("safeguards", s).lower() for s in missing]
        yield Hit(
            f"The contract lacks {len(missing)} of the {len(needed)} safeguards expected for this product: "
            f"{join(labels)}.",
            references=tuple(Reference(kind="safeguard", id=s, title=ctx.label("safeguards", s)) for s in missing),
            condition=f"The contract includes: {join(labels)}.",
        )


@rule(
    "M602",
    "update-cutoff-rights",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    uses={
        "safeguards": ("update_cutoff_rights",),
        "services": SERVICES_LEVERAGE,
    },
    summary="Ongoing services are sold without the right to cut them off.",
    why="Maintenance, updates and remote support keep a surveillance system working; the right to stop them if "
    "misuse appears is the strongest lever an exporter keeps after the sale (US State Department draft guidance, "
    "2019; the Trovicor case).",
    actions=("Reserve the right to suspend updates, support and training if misuse is found.",),
)
def update_cutoff(ctx: Context) -> Iterator[Hit]:
    services = set(ctx.deal.services or ()) & SERVICES_LEVERAGE
    if ctx.risk_level >= 2 and services and "update_cutoff_rights" not in ctx.deal.safeguards:
        labels = ", ".join(ctx.label("services", s).lower() for s in sorted(services))
        yield Hit(
            f"The deal includes {labels} without the right to cut them off.",
            condition="The contract lets you suspend updates, maintenance and support if misuse is found.",
        )


@rule(
    "M603",
    "training-on-lawful-use",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    uses={"safeguards": ("training_on_lawful_use",), "services": ("training",)},
    summary="Training is sold for a surveillance-capable product without lawful-use content.",
    why="Training is a chance to set the limits of lawful use; without it, training only makes misuse more effective.",
    actions=("Include lawful-use and human-rights content in the training.",),
)
def training(ctx: Context) -> Iterator[Hit]:
    if ctx.risk_level >= 2 and "training" in (ctx.deal.services or ()):
        if "training_on_lawful_use" not in ctx.deal.safeguards:
            yield Hit(
                "Training is included without lawful-use content.",
                condition="The training covers lawful use, legal limits and human rights.",
            )
