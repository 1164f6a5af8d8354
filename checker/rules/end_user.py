"""Step 4, the end user: who they are, what they say they will do, and their record."""

from __future__ import annotations

from collections.abc import Iterator

from checker import country_context
from checker.context import SECURITY_END_USERS, Context
from checker.findings import Hit, Reference, Severity
from checker.records import Measure, MisuseRecord
from checker.registry import rule
from checker.rules._common import (
    HIGH_RISK_CONTEXT_TYPES,
    KNOWN_MISUSE_FLAGS,
    caps_phrase,
    describe_measures,
    red_flag_hits,
)

STEP = "end-user"


def _high_risk_measures(ctx: Context) -> list[Measure]:
    return [m for m in ctx.destination_measures if m.type in HIGH_RISK_CONTEXT_TYPES]


def _known_misuse(ctx: Context) -> list[str]:
    """Misuse the firm itself recorded: as reliable a sign of a high-risk context as a documented case."""
    return [f for f in KNOWN_MISUSE_FLAGS if f in ctx.deal.red_flags]


def _reliable_family_misuse(ctx: Context) -> list[MisuseRecord]:
    return [r for r in ctx.family_misuse if r.reliable]


def _misuse_with_repression(ctx: Context) -> bool:
    """The context policy's stop: same-family misuse documented (reliably) AND indicators showing repression."""
    return bool(_reliable_family_misuse(ctx) and ctx.repression_readings)


def _security_user_in_high_risk_context(ctx: Context) -> bool:
    """U401's trigger; U402 and U408 stay quiet when it holds, so one fact is not reported twice."""
    if not (ctx.capabilities_at_least("high") and ctx.end_user_is_security):
        return False
    if _high_risk_measures(ctx) or _known_misuse(ctx):
        return True
    return bool(ctx.high_risk_family_caps and _misuse_with_repression(ctx))


def _security_user_with_documented_misuse(ctx: Context) -> bool:
    """U408's trigger: same-family misuse documented, but not with repression indicators (or only unverified)."""
    return bool(
        ctx.capabilities_at_least("high")
        and ctx.end_user_is_security
        and ctx.family_misuse
        and not _security_user_in_high_risk_context(ctx)
    )


def oversight_recorded(ctx: Context) -> list[str]:
    """Which oversight facts the deal records as true (end_user.oversight, deal schema 2; absent = unknown)."""
    oversight = getattr(ctx.deal.end_user, "oversight", None)
    if oversight is None:
        return []
    if isinstance(oversight, dict):
        get = oversight.get
    else:

        def get(key: str, _o: object = oversight) -> object:
            return getattr(_o, key, None)

    return [k for k in ("judicial_authorisation", "independent_oversight") if get(k) is True]


def _oversight_path(ctx: Context) -> bool:
    """PROCEED_WITH_CONDITIONS instead of ESCALATE for a government end user (methodology page): strong rule of
    law, nothing documented, a signed statement, and judicial authorisation or independent oversight recorded."""
    return bool(
        ctx.end_user_is_government
        and ctx.capabilities_at_least("medium")
        and ctx.strong_rule_of_law
        and not ctx.destination_misuse
        and not _high_risk_measures(ctx)
        and not _known_misuse(ctx)
        and ctx.deal.end_user.end_user_statement == "signed"
        and oversight_recorded(ctx)
    )


@rule(
    "U401",
    "security-end-user-high-risk-context",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    severities={
        Severity.STOP: "The high-risk context rests on facts we can confirm: a confirmed, current measure, documented misuse of the same family of technology with indicators of serious repression, or misuse you recorded.",
        Severity.ESCALATE: "The only basis is measures our data cannot confirm (unverified, possibly lapsed or past review): verify them.",
    },
    uses={
        "end_user_types": SECURITY_END_USERS,
        "measure_types": HIGH_RISK_CONTEXT_TYPES,
        "red_flags": KNOWN_MISUSE_FLAGS,
    },
    summary="Intrusion, interception or mass-monitoring capability for a security end user in a high-risk context.",
    why="A security, intelligence, police or military end user in a country under repression-related restrictions, "
    "or where indicators show serious repression and technology of the same family has been documented as misused, "
    "is the combination behind the FinFisher, Amesys and Hacking Team cases.",
    actions=(
        "Do not proceed.",
        "If you are in the EU and aware of an intended use in internal repression, notify the competent authority.",
    ),
)
def security_user_high_risk(ctx: Context) -> Iterator[Hit]:
    if not _security_user_in_high_risk_context(ctx):
        return
    caps = ctx.capabilities_at_least("high")
    measures = _high_risk_measures(ctx)
    misuse = _reliable_family_misuse(ctx) if ctx.high_risk_family_caps and _misuse_with_repression(ctx) else []
    reasons = []
    if measures:
        reasons.append(f"restrictions in force ({describe_measures(measures, ctx)})")
    if misuse:
        reasons.append(
            "documented misuse of the same family of technology and indicators showing serious repression ("
            + country_context.describe_all(ctx.repression_readings, ctx.today)
            + ")"
        )
    known = _known_misuse(ctx)
    if known:
        reasons.append("misuse you recorded (" + ", ".join(ctx.label("red_flags", f).lower() for f in known) + ")")
    reliable = misuse or known or any(not ctx.unreliable(m) for m in measures)
    yield Hit(
        f"{ctx.label('end_user_types', ctx.end_user_type)} in "
        f"{ctx.ref.country_name(ctx.deal.destination_country)} would get {caps_phrase(ctx, caps)}; the destination "
        f"has {' and '.join(reasons)}.",
        severity=Severity.STOP if reliable else Severity.ESCALATE,
        references=(
            ctx.country_ref(ctx.deal.destination_country or ""),
            *(ctx.measure_ref(m) for m in measures),
            *(ctx.misuse_refs(misuse)),
            *(ctx.reading_refs(ctx.repression_readings) if misuse else ()),
        ),
    )


@rule(
    "U402",
    "government-end-user",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "end_user_statements": ("signed",),
        "end_user_types": SECURITY_END_USERS,
        "measure_types": HIGH_RISK_CONTEXT_TYPES,
        "red_flags": KNOWN_MISUSE_FLAGS,
    },
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
    if not caps or not ctx.end_user_is_government or _security_user_in_high_risk_context(ctx):
        return
    if _security_user_with_documented_misuse(ctx) or _oversight_path(ctx):
        return
    hint = ""
    if ctx.strong_rule_of_law and not ctx.destination_misuse:
        hint = (
            " The destination's indicators show strong rule of law and nothing is documented: with a signed "
            "end-user statement and the deal's record of judicial authorisation or independent oversight of this "
            "use (the oversight questions of the end-user step), the policy allows proceeding with conditions."
        )
    yield Hit(
        f"{ctx.label('end_user_types', ctx.end_user_type)} ({ctx.deal.end_user.name or 'name not given'}) "
        f"would get {caps_phrase(ctx, caps)}.{hint}",
        references=tuple(ctx.capability_ref(c) for c in caps) + (ctx.reading_refs() if hint else ()),
    )


@rule(
    "U408",
    "security-end-user-documented-misuse",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "end_user_types": SECURITY_END_USERS,
        "measure_types": HIGH_RISK_CONTEXT_TYPES,
        "red_flags": KNOWN_MISUSE_FLAGS,
    },
    summary="A security end user would get technology of a family documented as misused in the destination.",
    why="Documented misuse of the same family of technology in the country is one of the two facts of the context "
    "policy; alone (indicators not at the repression threshold, missing, or the record unverified) it escalates "
    "for a human-rights review rather than stopping the deal.",
    actions=(
        "Ask which unit will use the product, under what legal authority, with what oversight.",
        "Put the decision to senior management with the misuse records and their sources.",
    ),
)
def security_user_documented_misuse(ctx: Context) -> Iterator[Hit]:
    if not _security_user_with_documented_misuse(ctx):
        return
    records = ctx.family_misuse
    missing = [
        r for r in ctx.destination_readings if r.indicator.get("repression_at_or_below") is not None and not r.has_value
    ]
    note = ""
    if missing:
        note = (
            " "
            + country_context.describe_all(missing, ctx.today)
            + ": a missing indicator never counts as reassurance."
        )
    elif not ctx.repression_readings and ctx.destination_readings:
        note = (
            " The indicators are not at the repression threshold: "
            + country_context.describe_all(ctx.destination_readings, ctx.today)
            + "."
        )
    if not any(r.reliable for r in records):
        note += " The records are unverified, so they escalate rather than stop."
    yield Hit(
        f"{ctx.label('end_user_types', ctx.end_user_type)} in {ctx.ref.country_name(ctx.deal.destination_country)} "
        f"would get {caps_phrase(ctx, ctx.capabilities_at_least('high'))}, of a family documented as misused there "
        f"({len(records)} record{'s' if len(records) != 1 else ''}).{note}",
        references=(
            ctx.country_ref(ctx.deal.destination_country or ""),
            *ctx.misuse_refs(records),
            *ctx.reading_refs(),
        ),
    )


OVERSIGHT_LABELS = {
    "judicial_authorisation": "each use needs a judge's or other independent authority's prior authorisation",
    "independent_oversight": "an independent body oversees the end user's surveillance",
}


@rule(
    "U409",
    "government-end-user-rule-of-law-with-oversight",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    uses={
        "end_user_statements": ("signed",),
        "end_user_types": SECURITY_END_USERS,
        "measure_types": HIGH_RISK_CONTEXT_TYPES,
        "red_flags": KNOWN_MISUSE_FLAGS,
    },
    summary="A government end user in a strong rule-of-law destination, with nothing documented, a signed "
    "statement and judicial authorisation or independent oversight recorded: proceed with conditions.",
    why="The techUK/IHRB guidance asks about the destination's political and legal framework and the US 2020 "
    "guidance about the laws and policies of the end user's country. Where the indicators show strong rule of law "
    "(every indicator with a strong threshold meets it), no misuse is documented in the destination, the end user "
    "has signed an end-user statement and the deal records that the use is authorised by a judge or overseen by an "
    "independent body, the context policy (methodology page) lets a government deal proceed with conditions "
    "instead of escalating; the conditions keep that evidence on file and the leverage to act if it proves wrong.",
    actions=(
        "Keep the evidence of the judicial authorisation or oversight on file: the law, the authorising court or "
        "the oversight body, and the end user's confirmation that the product's use falls under it.",
        "Tie the contract to that use (end-use and human-rights clauses, termination rights) and re-screen the "
        "deal when the indicators' next edition or a misuse record appears.",
    ),
)
def government_rule_of_law_with_oversight(ctx: Context) -> Iterator[Hit]:
    if not _oversight_path(ctx) or _security_user_in_high_risk_context(ctx):
        return
    caps = ctx.capabilities_at_least("medium")
    recorded = oversight_recorded(ctx)
    facts = " and ".join(OVERSIGHT_LABELS[k] for k in recorded)
    yield Hit(
        f"{ctx.label('end_user_types', ctx.end_user_type)} ({ctx.deal.end_user.name or 'name not given'}) in "
        f"{ctx.ref.country_name(ctx.deal.destination_country)} would get {caps_phrase(ctx, caps)}. The "
        "destination's indicators show strong rule of law ("
        + country_context.describe_all(ctx.destination_readings, ctx.today)
        + "), no misuse is documented there in our data, the end-user statement is signed and the deal records "
        f"that {facts}: the policy allows proceeding with conditions instead of escalating.",
        condition="Evidence of the judicial authorisation or independent oversight the deal records (the law, the "
        "authorising court or oversight body) is on file, and the contract limits use to what it authorises, "
        "with termination rights if misuse appears.",
        references=(
            ctx.country_ref(ctx.deal.destination_country or ""),
            *ctx.reading_refs(),
            *(
                Reference(kind="deal_fact", id=f"end_user.oversight.{k}", title=OVERSIGHT_LABELS[k].capitalize())
                for k in recorded
            ),
            *(ctx.capability_ref(c) for c in caps),
        ),
        subject=ctx.deal.destination_country,
    )


@rule(
    "U403",
    "end-user-record-of-misuse",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    uses={"red_flags": ("end_user_record_of_misuse",)},
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
    since="0.1.0",
    severities={
        Severity.STOP: "The product's surveillance risk is medium or high.",
        Severity.ESCALATE: "The product's surveillance risk is low or none: the refusal still has to be explained.",
    },
    uses={"end_user_statements": ("refused",)},
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
    since="0.1.0",
    uses={
        "control_entries": ("5A002",),
        "end_user_statements": (
            "none",
            "refused",
            "signed",
            "unsigned",
        ),
    },
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
    since="0.1.0",
    uses={
        "red_flags": (
            "end_use_inconsistent_with_business",
            "reluctant_end_use_info",
        )
    },
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
    since="0.1.0",
    uses={"end_user_types": ("individual",)},
    summary="An individual would get a product with high surveillance risk.",
    why="Intrusion and covert-recording tools sold to individuals are the stalkerware pattern: used against partners, "
    "family members and employees.",
    actions=("Verify who the individual is and why they need it; refuse covert-monitoring uses.",),
)
def individual(ctx: Context) -> Iterator[Hit]:
    caps = ctx.capabilities_at_least("high")
    if caps and ctx.end_user_type == "individual":
        yield Hit(f"An individual would get {caps_phrase(ctx, caps)}.")


@rule(
    "U410",
    "end-use-red-flags",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "red_flags": (
            "covert_deployment_training",
            "military_delivery_site",
            "onward_use_other_government",
            "traceability_disabling_request",
        )
    },
    summary="The buyer asks for covert-deployment training or untraceable units, allows onward use by other "
    "government bodies, or delivers to a military site.",
    why="Each points to an end user or end use other than the one stated: covert deployment against people, units "
    "that cannot be traced after delivery, an open-ended set of government users, or a military user behind a "
    "civilian name.",
    actions=(
        "Do not agree to it: get the buyer's explanation in writing and have compliance judge it before going further.",
    ),
)
def end_use_red_flags(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(
        ctx, "covert_deployment_training", "The buyer asks for training in deploying the product covertly."
    )
    yield from red_flag_hits(
        ctx,
        "traceability_disabling_request",
        "The buyer asks for serial registration or other traceability to be disabled.",
    )
    yield from red_flag_hits(
        ctx,
        "onward_use_other_government",
        "The contract allows onward use by unnamed 'other government entities'.",
    )
    yield from red_flag_hits(ctx, "military_delivery_site", "The delivery site is a military installation.")
