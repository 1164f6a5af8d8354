"""Step 8, after the sale: servicing, updates and customisation keep the exporter involved in how it is used."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Severity
from checker.registry import rule

STEP = "after-the-sale"
SERVICING = frozenset({"maintenance", "updates", "remote_support", "hosting"})


@rule(
    "A801",
    "servicing-sensitive-systems",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "services": (
            "hosting",
            "maintenance",
            "remote_support",
            "updates",
        )
    },
    summary="You would maintain or update a high-risk surveillance system for a government end user.",
    why="Servicing keeps the system working for years: in the Bahrain monitoring-centre case the vendor's maintenance "
    "continued while detainees were confronted with transcripts of their messages.",
    actions=(
        "Set review points (each renewal, each major update) at which you re-assess the end use.",
        "Keep the right to stop servicing if misuse appears.",
    ),
)
def servicing(ctx: Context) -> Iterator[Hit]:
    services = sorted(set(ctx.deal.services or ()) & SERVICING)
    if services and ctx.risk_level >= 3 and ctx.end_user_is_government:
        yield Hit(
            f"The deal includes {', '.join(ctx.label('services', s).lower() for s in services)} for a "
            f"{ctx.label('end_user_types', ctx.end_user_type).lower()}.",
            references=tuple(ctx.case_ref(c) for c in ctx.cases_about(step=STEP)),
        )


@rule(
    "A802",
    "customisation-service",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    severities={
        Severity.ESCALATE: "The product's surveillance risk is high.",
        Severity.CONDITION: "The product's surveillance risk is medium: the specification is reviewed before work starts.",
    },
    uses={"services": ("customisation",)},
    summary="Customisation is sold with a surveillance-capable product.",
    why="Customisation can add targeting features the standard product lacks; the specification needs a review.",
    actions=("Review the customisation specification for targeting or covert features before work starts.",),
)
def customisation_service(ctx: Context) -> Iterator[Hit]:
    if ctx.risk_level >= 2 and "customisation" in (ctx.deal.services or ()):
        yield Hit(
            "The deal includes customisation of a surveillance-capable product.",
            severity=Severity.ESCALATE if ctx.risk_level >= 3 else Severity.CONDITION,
            condition="The customisation specification has been reviewed and adds no targeting or covert features.",
        )


@rule(
    "A803",
    "no-grievance-or-monitoring",
    step=STEP,
    severity=Severity.INFO,
    since="0.1.0",
    uses={
        "safeguards": (
            "audit_rights",
            "grievance_mechanism",
        )
    },
    summary="No audit rights or grievance mechanism to learn of misuse after the sale.",
    why="The US 2020 guidance asks firms to consider whether to continue to participate in a transaction once they "
    "see a risk of misuse; without audit rights or a grievance channel you will learn of misuse last.",
    actions=("Agree audit rights and publish a way for people harmed to reach you.",),
)
def monitoring(ctx: Context) -> Iterator[Hit]:
    if ctx.risk_level >= 2 and not {"audit_rights", "grievance_mechanism"} & set(ctx.deal.safeguards):
        yield Hit("There are no audit rights and no grievance mechanism.")
