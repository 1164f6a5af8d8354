"""Missing and contradictory core facts: unknown information never yields a green light."""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Severity
from checker.registry import rule

ESCALATE_MISSING = ("State it in the deal and screen again.",)


@rule(
    "D901",
    "missing-destination",
    step="destination-context",
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="The destination country is not stated.",
    why="Sanctions, embargoes and the human-rights context all depend on the destination.",
    actions=ESCALATE_MISSING,
)
def missing_destination(ctx: Context) -> Iterator[Hit]:
    if not ctx.deal.destination_country:
        yield Hit("The destination country is not stated.")


@rule(
    "D902",
    "unknown-end-user-type",
    step="end-user",
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={"end_user_types": ("unknown",)},
    summary="The type of end user is not stated or is unknown.",
    why="Whether the end user is a security service, a company or a person changes the whole assessment.",
    actions=("Find out who the end user is and what kind of organisation it is.",),
)
def unknown_end_user_type(ctx: Context) -> Iterator[Hit]:
    if ctx.end_user_type in (None, "unknown"):
        yield Hit("The end user's type is " + ("unknown." if ctx.end_user_type else "not stated."))


@rule(
    "D903",
    "missing-end-user-name",
    step="end-user",
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="The end user is not named.",
    why="An unnamed end user cannot be screened against sanctions lists or checked for a record of misuse.",
    actions=("Get the end user's full legal name and address.",),
)
def missing_end_user_name(ctx: Context) -> Iterator[Hit]:
    if not ctx.deal.end_user.name:
        yield Hit("The end user is not named.")


@rule(
    "D904",
    "missing-capabilities",
    step="product-capability",
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="The product's capabilities are not stated.",
    why="What the product could do to people is the core of the assessment; without it no risk can be ruled out.",
    actions=("Choose the product's capabilities from the vocabulary ('dealcheck vocab capabilities').",),
)
def missing_capabilities(ctx: Context) -> Iterator[Hit]:
    if not ctx.capabilities:
        yield Hit("The product's capabilities are not stated.")


@rule(
    "D905",
    "contradictory-statement",
    step="end-user",
    severity=Severity.ESCALATE,
    since="0.1.0",
    uses={
        "end_user_statements": (
            "none",
            "refused",
            "unsigned",
        ),
        "safeguards": ("end_user_statement_obtained",),
    },
    summary="The end-user statement's status contradicts the safeguards recorded.",
    why="Contradictory information is never a green light: one of the two facts is wrong.",
    actions=("Check which is true and correct the deal.",),
)
def contradictory_statement(ctx: Context) -> Iterator[Hit]:
    status = ctx.deal.end_user.end_user_statement
    if "end_user_statement_obtained" in ctx.deal.safeguards and status in ("none", "refused", "unsigned"):
        yield Hit(f"The safeguards say an end-user statement was obtained, but its status is '{status}'.")


@rule(
    "D906",
    "missing-exporter-country",
    step="filter-the-deal",
    severity=Severity.INFO,
    since="0.1.0",
    summary="The exporter's country is not stated.",
    why="Which export-control and sanctions laws apply depends on where you export from (and the product's origin).",
    actions=("State the exporter's country.",),
)
def missing_exporter_country(ctx: Context) -> Iterator[Hit]:
    if not ctx.deal.exporter.country:
        yield Hit("The exporter's country is not stated.")
