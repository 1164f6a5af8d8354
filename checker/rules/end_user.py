"""Step 4, the end user: who they are, what they say they will do, and their record."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Severity
from checker.registry import rule
from checker.rules._common import (
    HIGH_RISK_CONTEXT_TYPES,
    KNOWN_MISUSE_FLAGS,
    caps_phrase,
    describe_measures,
    red_flag_hits,
)

STEP = "end-user"


def _high_risk_context(ctx: Context) -> tuple[list[dict], list[dict]]:
    measures = [m for m in ctx.destination_measures if m.get("type") in HIGH_RISK_CONTEXT_TYPES]
    return measures, ctx.documented_misuse


def _known_misuse(ctx: Context) -> list[str]:
    """Misuse the firm itself recorded: as reliable a sign of a high-risk context as a documented case."""
    return [f for f in KNOWN_MISUSE_FLAGS if f in ctx.deal.red_flags]


def _security_user_in_high_risk_context(ctx: Context) -> bool:
    """U401's trigger; U402 stays quiet when it holds, so one fact is not reported twice."""
    measures, cases = _high_risk_context(ctx)
    context = measures or cases or _known_misuse(ctx)
    return bool(ctx.capabilities_at_least("high") and ctx.end_user_is_security and context)


@rule(
    "U401",
    "security-end-user-high-risk-context",
    step=STEP,
    severity=Severity.STOP,
    summary="Intrusion, interception or mass-monitoring capability for a security end user in a high-risk context.",
    why="A security, intelligence, police or military end user in a country under repression-related restrictions, "
    "or where similar technology has been misused, is the combination behind the FinFisher, Amesys and Hacking "
    "Team cases.",
    actions=(
        "Do not proceed.",
        "If you are in the EU and aware of an intended use in internal repression, notify the competent authority.",
    ),
)
def security_user_high_risk(ctx: Context) -> Iterator[Hit]:
    if not _security_user_in_high_risk_context(ctx):
        return
    caps = ctx.capabilities_at_least("high")
    measures, cases = _high_risk_context(ctx)
    reasons = []
    if measures:
        reasons.append(f"restrictions in force ({describe_measures(measures)})")
    if cases:
        reasons.append("documented misuse of similar technology")
    known = _known_misuse(ctx)
    if known:
        reasons.append("misuse you recorded (" + ", ".join(ctx.label("red_flags", f).lower() for f in known) + ")")
    reliable = cases or known or any(not ctx.unreliable(m) for m in measures)
    yield Hit(
        f"{ctx.label('end_user_types', ctx.end_user_type)} in "
        f"{ctx.ref.country_name(ctx.deal.destination_country)} would get {caps_phrase(ctx, caps)}; the destination "
        f"has {' and '.join(reasons)}.",
        severity=Severity.STOP if reliable else Severity.ESCALATE,
        references=(
            ctx.country_ref(ctx.deal.destination_country or ""),
            *(ctx.measure_ref(m) for m in measures),
            *(ctx.case_ref(c) for c in cases),
        ),
    )


@rule(
    "U402",
    "government-end-user",
    step=STEP,
    severity=Severity.ESCALATE,
    summary="A government end user would get a product with surveillance capability.",
    why="The US 2020 guidance is written for exactly this case: surveillance-capable products for foreign government "
    "end users need a human-rights review and senior sign-off, even where no licence is required.",
    actions=(
        "Review the end user's human-rights record and the laws it operates under.",
        "Get senior sign-off and record the decision.",
    ),
)
def government_end_user(ctx: Context) -> Iterator[Hit]:
    caps = ctx.capabilities_at_least("medium")
    if caps and ctx.end_user_is_government and not _security_user_in_high_risk_context(ctx):
        yield Hit(
            f"{ctx.label('end_user_types', ctx.end_user_type)} ({ctx.deal.end_user.name or 'name not given'}) "
            f"would get {caps_phrase(ctx, caps)}.",
            references=tuple(ctx.capability_ref(c) for c in caps),
        )


@rule(
    "U403",
    "end-user-record-of-misuse",
    step=STEP,
    severity=Severity.STOP,
    summary="The end user has a documented record of misusing similar technology.",
    why="Documented misuse by the same end user is the clearest sign that the product will be misused again.",
    actions=("Do not proceed.",),
)
def record_of_misuse(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(
        ctx, "end_user_record_of_misuse", "You recorded that this end user has misused similar technology."
    )


@rule(
    "U404",
    "end-user-statement-refused",
    step=STEP,
    severity=Severity.STOP,
    summary="The end user refused to sign an end-user statement.",
    why="A refusal to state and commit to the end use, for a surveillance-capable product, removes the basis on "
    "which any assessment rests.",
    actions=("Do not proceed unless the statement is signed and the refusal explained.",),
)
def statement_refused(ctx: Context) -> Iterator[Hit]:
    if ctx.deal.end_user.end_user_statement == "refused":
        severity = Severity.STOP if ctx.risk_level >= 2 else Severity.ESCALATE
        yield Hit("The end user refused to sign an end-user statement.", severity=severity)


@rule(
    "U405",
    "end-user-statement-missing",
    step=STEP,
    severity=Severity.CONDITION,
    summary="No signed end-user statement for a controlled or surveillance-capable product.",
    why="A signed statement of end use, end user and no re-export is the basic evidence for a licence application "
    "and the contractual hook if the product is misused.",
    actions=("Obtain an end-user statement signed by the end user, naming the end use and barring re-export.",),
)
def statement_missing(ctx: Context) -> Iterator[Hit]:
    status = ctx.deal.end_user.end_user_statement
    controlled = bool(ctx.deal.product.control_entries) or bool(ctx.likely_entries)
    if status in ("signed", "refused") or not (ctx.risk_level >= 2 or controlled):
        return
    described = {"unsigned": "is unsigned", "none": "has not been obtained", None: "is not recorded"}[status]
    yield Hit(
        f"The end-user statement {described}.",
        condition="A signed end-user statement naming the end use and barring re-export is on file before shipping.",
    )


@rule(
    "U406",
    "evasive-end-user",
    step=STEP,
    severity=Severity.ESCALATE,
    summary="The buyer is reluctant to explain the end use, or the end use does not fit its business.",
    why="Reluctance to give end-use information and end uses inconsistent with the buyer's business are classic "
    "export-control red flags.",
    actions=("Ask for the missing information in writing; do not proceed on an unexplained end use.",),
)
def evasive(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(ctx, "reluctant_end_use_info", "The buyer is reluctant to give end-use information.")
    yield from red_flag_hits(
        ctx, "end_use_inconsistent_with_business", "The stated end use does not fit the buyer's business."
    )


@rule(
    "U407",
    "individual-end-user-high-risk",
    step=STEP,
    severity=Severity.ESCALATE,
    summary="An individual would get a product with high surveillance risk.",
    why="Intrusion and covert-recording tools sold to individuals are the stalkerware pattern: used against partners, "
    "family members and employees.",
    actions=("Verify who the individual is and why they need it; refuse covert-monitoring uses.",),
)
def individual(ctx: Context) -> Iterator[Hit]:
    caps = ctx.capabilities_at_least("high")
    if caps and ctx.end_user_type == "individual":
        yield Hit(f"An individual would get {caps_phrase(ctx, caps)}.")
