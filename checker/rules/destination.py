"""Step 3, the destination's political, legal and human-rights context."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Severity
from checker.registry import rule
from checker.rules._common import join, red_flag_hits

STEP = "destination-context"


@rule(
    "C301",
    "documented-misuse-in-destination",
    step=STEP,
    severity=Severity.ESCALATE,
    summary="Similar technology has been documented as misused in the destination.",
    why="Commission Recommendation (EU) 2024/2659 treats indications that similar technology has been used for "
    "repression as a red flag; the case studies record where that happened.",
    actions=(
        "Read the related case studies and ask how this deal differs.",
        "Put the decision to senior management with the evidence.",
    ),
)
def documented_misuse(ctx: Context) -> Iterator[Hit]:
    if ctx.risk_level < 2 or not ctx.documented_misuse:
        return
    titles = [c.get("title", c["id"]) for c in ctx.documented_misuse]
    yield Hit(
        f"Similar technology has been misused in {ctx.ref.country_name(ctx.deal.destination_country)}: {join(titles)}.",
        references=(
            ctx.country_ref(ctx.deal.destination_country or ""),
            *(ctx.case_ref(c) for c in ctx.documented_misuse),
        ),
        subject=ctx.deal.destination_country,
    )


@rule(
    "C302",
    "similar-tech-used-for-repression",
    step=STEP,
    severity=Severity.ESCALATE,
    summary="You know of similar technology being used for repression by this end user or in this country.",
    why="The EU 2024/2659 recommendation names this as a red flag for non-listed cyber-surveillance items.",
    actions=("Document what you know and escalate; under EU law, awareness can trigger a duty to notify.",),
)
def similar_tech(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(
        ctx,
        "similar_tech_used_for_repression",
        "You recorded that similar technology has been used for repression here.",
    )


@rule(
    "C303",
    "no-legal-framework",
    step=STEP,
    severity=Severity.ESCALATE,
    summary="The destination lacks a legal framework or independent oversight for surveillance.",
    why="Without law limiting surveillance and independent oversight, lawful-sounding end uses give no assurance.",
    actions=("Ask what law authorises the end use and who oversees it; escalate if there is no clear answer.",),
)
def no_legal_framework(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(
        ctx,
        "no_legal_framework_or_oversight",
        "You recorded that surveillance here lacks a legal framework or independent oversight.",
    )
