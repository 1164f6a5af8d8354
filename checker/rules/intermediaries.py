"""Step 5, resellers, distributors and diversion: free zones, transshipment and who really names the end user."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Reference, Severity
from checker.registry import rule
from checker.rules._common import red_flag_hits

STEP = "intermediaries-and-diversion"
ONWARD_SELLERS = frozenset({"distributor", "reseller", "agent", "integrator"})


def _name(item) -> str:
    return item.name or "an unnamed intermediary"


@rule(
    "R501",
    "free-zone-intermediary",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="An intermediary operates from a free zone.",
    why="Goods in free zones can be re-exported with little customs scrutiny; the Blue Coat appliances reached Syria "
    "through a distributor in a Dubai free zone.",
    actions=(
        "Verify the intermediary's onward customers and get a no-re-export undertaking.",
        "Ship directly to the end user where you can.",
    ),
)
def free_zone(ctx: Context) -> Iterator[Hit]:
    for item in ctx.deal.intermediaries:
        if item.free_zone:
            where = ctx.ref.country_name(item.country) if item.country else "an unstated country"
            yield Hit(
                f"{_name(item)} ({ctx.label('intermediary_roles', item.role).lower()}) operates from a free zone in "
                f"{where}.",
                references=((ctx.country_ref(item.country),) if item.country else ())
                + tuple(ctx.case_ref(c) for c in ctx.cases_about(step=STEP)),
                subject=item.name,
            )


@rule(
    "R502",
    "ship-to-differs",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="The goods are delivered to a different country from the stated destination.",
    why="Delivery to a third country is the usual route for diversion and transshipment.",
    actions=("Find out why the goods go there, and confirm onward transport to the stated end user.",),
)
def ship_to_differs(ctx: Context) -> Iterator[Hit]:
    dest, ship = ctx.deal.destination_country, ctx.deal.ship_to_country
    if dest and ship and dest != ship:
        yield Hit(
            f"The goods ship to {ctx.ref.country_name(ship)}, but the destination is {ctx.ref.country_name(dest)}.",
            references=(ctx.country_ref(ship), ctx.country_ref(dest)),
        )


@rule(
    "R503",
    "reseller-refuses-to-name-end-user",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    uses={"red_flags": ("reseller_refuses_to_name_end_user",)},
    summary="A reseller or distributor refuses to name the end user.",
    why="Without the end user's identity no other step of due diligence can be done.",
    actions=("Do not proceed.",),
)
def refuses(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(ctx, "reseller_refuses_to_name_end_user", "An intermediary refuses to name the end user.")


@rule(
    "R504",
    "end-user-named-only-by-reseller",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"red_flags": ("end_user_named_only_by_reseller",)},
    summary="The end user is known only from what the reseller says.",
    why="In the Blue Coat case the distributor named end users in Iraq and Afghanistan while shipping to Syria; an "
    "end user asserted only by the intermediary is unverified.",
    actions=("Verify the end user directly: contact them, check the end-user statement is theirs, visit if you can.",),
)
def named_by_reseller(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(
        ctx, "end_user_named_only_by_reseller", "The end user is known only from the intermediary's word."
    )


@rule(
    "R505",
    "freight-forwarder-consignee",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"intermediary_roles": ("freight_forwarder",), "red_flags": ("delivery_to_freight_forwarder",)},
    summary="The goods are delivered to a freight forwarder rather than the end user.",
    why="Delivery to a forwarder hides the final destination from the exporter.",
    actions=("Ask for the final delivery address and the forwarder's instructions.",),
)
def freight_forwarder(ctx: Context) -> Iterator[Hit]:
    forwarders = [i for i in ctx.deal.intermediaries if i.role == "freight_forwarder"]
    if forwarders or "delivery_to_freight_forwarder" in ctx.deal.red_flags:
        names = ", ".join(_name(i) for i in forwarders) or "a freight forwarder"
        yield Hit(f"The goods are consigned to {names}.")


@rule(
    "R506",
    "unusual-routing-or-payment",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "red_flags": (
            "cash_or_third_party_payment",
            "unusual_payment",
            "unusual_routing",
        )
    },
    summary="Unusual routing, payment or third-party payment.",
    why="Routing and payment that do not fit the deal are classic signs of diversion.",
    actions=("Get an explanation in writing; do not ship until it makes sense.",),
)
def routing_payment(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(ctx, "unusual_routing", "The shipping route is unusual for this deal.")
    yield from red_flag_hits(ctx, "unusual_payment", "The payment terms are unusual for this deal.")
    yield from red_flag_hits(ctx, "cash_or_third_party_payment", "Payment comes in cash or from a third party.")


@rule(
    "R507",
    "incomplete-intermediary",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="An intermediary's name, role or country is missing.",
    why="Every party in the chain has to be identified and screened; an unknown party is an unknown risk.",
    actions=("Complete the intermediary's name, role and country, and screen it.",),
)
def incomplete(ctx: Context) -> Iterator[Hit]:
    for index, item in enumerate(ctx.deal.intermediaries):
        missing = [f for f in ("name", "role", "country") if getattr(item, f) is None]
        if missing:
            yield Hit(f"Intermediary {index + 1} ({_name(item)}) lacks: {', '.join(missing)}.", subject=item.name)


@rule(
    "R508",
    "onward-sale-undertaking",
    step=STEP,
    severity=Severity.CONDITION,
    since="0.1.0",
    uses={
        "intermediary_roles": ONWARD_SELLERS,
        "safeguards": ("no_reexport_clause",),
    },
    summary="A distributor or reseller sells on without a no-re-export undertaking.",
    why="The guidance asks every provider, reseller and distributor to take care over whom the product is sold on to; "
    "a contractual bar on re-export is the minimum.",
    actions=("Add a no-re-export clause naming the approved end user and destination.",),
)
def onward(ctx: Context) -> Iterator[Hit]:
    sellers = [i for i in ctx.deal.intermediaries if i.role in ONWARD_SELLERS]
    if sellers and "no_reexport_clause" not in ctx.deal.safeguards:
        yield Hit(
            f"{', '.join(_name(i) for i in sellers)} will sell the product on.",
            condition="The intermediaries' contracts bar re-export and resale beyond the approved end user.",
        )


@rule(
    "R509",
    "ship-to-missing",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    severities={
        Severity.ESCALATE: "The product's surveillance risk is medium or high.",
        Severity.INFO: "The product's surveillance risk is low or none: state the ship-to country for the record.",
    },
    summary="Intermediaries are involved but the delivery country is not stated.",
    why="With intermediaries in the chain, where the goods physically go is a core fact.",
    actions=("State the ship-to country.",),
)
def ship_to_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.deal.intermediaries and not ctx.deal.ship_to_country:
        yield Hit(
            "Intermediaries are involved, but the ship-to country is not stated.",
            severity=Severity.ESCALATE if ctx.risk_level >= 2 else Severity.INFO,
        )


@rule(
    "R510",
    "new-intermediary-or-other-payer",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"red_flags": ("newly_formed_intermediary", "payer_differs_from_buyer")},
    summary="A newly formed intermediary is in the chain, or someone other than the buyer pays.",
    why="A company set up for the deal has no history to check and can front for the real buyer; a payer other than "
    "the buyer can hide who is really buying and who the product is for.",
    actions=(
        "Find out who owns and runs the new intermediary and who the payer acts for, in writing, and screen them.",
    ),
)
def new_intermediary_or_payer(ctx: Context) -> Iterator[Hit]:
    yield from red_flag_hits(
        ctx, "newly_formed_intermediary", "An intermediary in the chain was formed shortly before the deal."
    )
    payer = ctx.deal.payer.name
    buyer = ctx.deal.end_user.name
    differs = bool(payer and buyer and " ".join(payer.lower().split()) != " ".join(buyer.lower().split()))
    if "payer_differs_from_buyer" in ctx.deal.red_flags or differs:
        who = f"{payer} pays, not the end user {buyer}" if differs else "Someone other than the buyer pays"
        ref = Reference(
            kind="red_flag", id="payer_differs_from_buyer", title=ctx.label("red_flags", "payer_differs_from_buyer")
        )
        yield Hit(f"{who}.", references=(ref,), subject="payer_differs_from_buyer")
