"""Step 3, the destination's political, legal and human-rights context."""

from __future__ import annotations

from collections.abc import Iterator

from checker import country_context
from checker.context import Context
from checker.findings import Hit, Severity
from checker.records import MisuseRecord
from checker.registry import rule
from checker.rules._common import caps_phrase, join, red_flag_hits

STEP = "destination-context"
CONTEXT_WHY = (
    "The guidance's third question is what sort of political context the destination has; Commission "
    "Recommendation (EU) 2024/2659 and the US 2020 guidance ask the same. Indicators inform the judgement and never "
    "decide it silently: each finding names the indicator, its value, year and source."
)


def _family_phrase(ctx: Context, records: list[MisuseRecord]) -> str:
    fams = sorted({f for r in records for f in r.families if not ctx.capabilities or f in ctx.product_families})
    return join([ctx.label("capability_families", f) for f in fams])


@rule(
    "C300",
    "destination-context-facts",
    step=STEP,
    severity=Severity.INFO,
    since="0.1.0",
    summary="The destination's human-rights context as our datasets record it: indicators, misuse, diversion.",
    why=CONTEXT_WHY,
    actions=(
        "Read the country page's context summary and its sources; look for newer editions of stale indicators.",
        "Add what you know of the end user and the local law: the datasets describe the country, not the buyer.",
    ),
)
def context_facts(ctx: Context) -> Iterator[Hit]:
    code = ctx.deal.destination_country
    if not code:
        return
    parts = [country_context.describe_all(ctx.destination_readings, ctx.today)]
    misuse = ctx.destination_misuse
    if misuse:
        fams = sorted({f for r in misuse for f in r.families})
        parts.append(
            f"{len(misuse)} documented misuse record{'s' if len(misuse) != 1 else ''} "
            f"({join([ctx.label('capability_families', f) for f in fams])})"
        )
    else:
        parts.append("no documented misuse record in our data (not evidence that none happened)")
    record = country_context.hub(ctx.ref, code)
    if record:
        parts.append("a documented diversion or transshipment hub")
    yield Hit(
        f"{ctx.ref.country_name(code)}: " + "; ".join(parts) + ".",
        references=(
            ctx.country_ref(code),
            *ctx.reading_refs(),
            *ctx.misuse_refs(misuse),
            *((country_context.hub_reference(record),) if record else ()),
        ),
        subject=code,
    )


@rule(
    "C301",
    "documented-misuse-in-destination",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="Technology of the same family as the product has been documented as misused in the destination.",
    why="Commission Recommendation (EU) 2024/2659 treats indications that similar technology has been used for "
    "repression as a red flag. Similar means the same capability family (spyware is similar to an exploit kit), "
    "not the same product id; the case studies and the misuse records say where that happened, with sources.",
    actions=(
        "Read the related case studies and misuse records and ask how this deal differs.",
        "Put the decision to senior management with the evidence.",
    ),
)
def documented_misuse(ctx: Context) -> Iterator[Hit]:
    records = ctx.family_misuse
    if ctx.risk_level < 2 or not records:
        return
    titles = [country_context.misuse_reference(ctx.ref, r).title for r in records]
    doubtful = [r for r in records if not r.reliable]
    note = " Some of these records are unverified: check their sources." if doubtful else ""
    phrase = _family_phrase(ctx, records)
    yield Hit(
        f"{phrase[:1].upper() + phrase[1:]} has been documented as misused in "
        f"{ctx.ref.country_name(ctx.deal.destination_country)}: {join(titles)}.{note}",
        references=(ctx.country_ref(ctx.deal.destination_country or ""), *ctx.misuse_refs(records)),
        subject=ctx.deal.destination_country,
    )


@rule(
    "C302",
    "similar-tech-used-for-repression",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"red_flags": ("similar_tech_used_for_repression",)},
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
    since="0.1.0",
    uses={"red_flags": ("no_legal_framework_or_oversight",)},
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


@rule(
    "C304",
    "repressive-indicators",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="Published indicators show serious repression in the destination.",
    why=CONTEXT_WHY + " An indicator at or below the policy's repression threshold (methodology page) escalates a "
    "surveillance-capable deal even where no sanction applies.",
    actions=(
        "Ask who could be targeted with the product and how the end user's use is authorised and overseen.",
        "Put the decision to senior management with the indicator values and their sources.",
    ),
)
def repressive_indicators(ctx: Context) -> Iterator[Hit]:
    readings = ctx.repression_readings
    if ctx.risk_level < 2 or not readings:
        return
    thresholds = join([f"{r.label} at or below {r.indicator['repression_at_or_below']}" for r in readings])
    yield Hit(
        f"{ctx.ref.country_name(ctx.deal.destination_country)} is at the policy's repression threshold "
        f"({thresholds}): " + country_context.describe_all(readings, ctx.today) + f". The product offers "
        f"{caps_phrase(ctx, ctx.capabilities_at_least('medium'))}.",
        references=(ctx.country_ref(ctx.deal.destination_country or ""), *ctx.reading_refs(readings)),
        subject=ctx.deal.destination_country,
    )


@rule(
    "C306",
    "diversion-hub-on-route",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="The goods or an intermediary pass through a documented diversion or transshipment hub.",
    why="Controlled goods have been diverted through hubs such as the Dubai free zones (the Blue Coat case); the "
    "US Bureau of Industry and Security names common transshipment points. A hub on the route needs proof of the "
    "final end user and of delivery there.",
    actions=(
        "Get the final end user's statement and proof of delivery to the destination, not to the hub.",
        "Check the intermediary in the hub: its business, its customers, and why the route goes through it.",
    ),
)
def diversion_hub(ctx: Context) -> Iterator[Hit]:
    if ctx.risk_level < 2:
        return
    destination = ctx.deal.destination_country
    for code, role in ctx.deal_countries:
        record = country_context.hub(ctx.ref, code)
        if not record or code == destination:
            continue
        yield Hit(
            f"The {role} ({ctx.ref.country_name(code)}) is a documented diversion or transshipment hub: "
            f"{' '.join(record.note.split())}",
            references=(ctx.country_ref(code), country_context.hub_reference(record)),
            subject=code,
        )
