"""Step 2, what the product could be used to do to people."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Severity
from checker.registry import rule
from checker.rules._common import caps_phrase, red_flag_hits

STEP = "product-capability"


@rule(
    "P201",
    "surveillance-capability",
    step=STEP,
    severity=Severity.INFO,
    since="0.1.0",
    uses={"end_user_types": ("unknown",)},
    summary="The product has capabilities that could be used to watch, track or identify people.",
    why="The guidance asks first what the product could be used to do to people: the same capability that serves a "
    "lawful investigation can be turned on journalists, activists and minorities.",
    actions=("Weigh these harms against the end user and the destination in the steps that follow.",),
)
def surveillance_capability(ctx: Context) -> Iterator[Hit]:
    for cap in ctx.capabilities_at_least("medium"):
        entry = ctx.capability(cap)
        harms = str(entry.get("harms", "")).strip()
        cases = ctx.cases_about(capability=cap)
        yield Hit(
            f"{ctx.label('capabilities', cap)} (surveillance risk: {entry.get('surveillance_risk', 'unknown')}): "
            f"{harms}",
            references=(ctx.capability_ref(cap), *(ctx.case_ref(c) for c in cases)),
            subject=cap,
        )


@rule(
    "P202",
    "covert-features-marketed",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"red_flags": ("covert_features_marketed",)},
    summary="The product is marketed for its covert surveillance features.",
    why="Commission Recommendation (EU) 2024/2659 names marketing that highlights covert surveillance as a red flag.",
    actions=("Review the marketing and the buyer's interest in covert features before going further.",),
)
def covert_features(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(ctx, "covert_features_marketed", "The product is marketed for covert surveillance.")


@rule(
    "P203",
    "customisation-for-targeting",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"red_flags": ("customisation_for_targeting",)},
    summary="The buyer asks for customisation that enables targeting of people or groups.",
    why="A request to add targeting features shows an intent to single out people or groups; it is among the red "
    "flags our notes attribute to the EU 2024/2659 and US 2020 guidance (their full red-flag lists are unconfirmed).",
    actions=("Refuse targeting features unless a senior review clears the end use in writing.",),
)
def customisation(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(
        ctx, "customisation_for_targeting", "The buyer asked for customisation that enables targeting."
    )


@rule(
    "P204",
    "mass-surveillance-integration",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"red_flags": ("integration_into_mass_surveillance",)},
    summary="The product will be integrated into a mass-surveillance system.",
    why="Integration into wider surveillance systems multiplies the harm a single product can do.",
    actions=("Find out what system it joins, who runs it and under what legal oversight.",),
)
def mass_surveillance(ctx: Context) -> Iterator[Hit]:
    caps = ctx.capabilities_at_least("low")
    detail = f" It offers {caps_phrase(ctx, caps)}." if caps else ""
    yield from red_flag_hits(
        ctx,
        "integration_into_mass_surveillance",
        "The product will be integrated into a mass-surveillance system." + detail,
    )
