"""Step 1, filter the deal: restricted-party screening of every party (end user, each intermediary, the payer),
under every name the deal gives it (its aliases too).

The exporter is not screened (it is the firm running the check). Matching and thresholds are documented in
`checker.parties.matching`; delistings are applied as of the screening date (`ctx.today`).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import Context
from checker.findings import Hit, Reference, Severity
from checker.parties import CURATED_LIST, Match
from checker.records import UNRELIABLE_CONFIDENCES
from checker.registry import rule

STEP = "filter-the-deal"
MAX_SHOWN = 3


def _list_meta(ctx: Context, match: Match) -> dict:
    return ctx.ref.party_screener.list_by_id.get(match.entry.list_id, {})


def _list_name(ctx: Context, match: Match) -> str:
    if match.entry.list_id == CURATED_LIST:
        return str(match.entry.extra.get("list") or "a sanctions or entity list")
    meta = _list_meta(ctx, match)
    return f"{meta.get('name', match.entry.list_id)} of {meta.get('date') or 'unknown date'}"


def _describe(ctx: Context, match: Match, party_name: str | None = None) -> str:
    entry = match.entry
    bits = [f"'{match.alias}'"]
    if party_name is not None and match.query != party_name:
        bits.insert(0, f"(through its other name '{match.query}')")
    if match.alias != entry.primary:
        bits.append(f"(alias of '{entry.primary}')")
    bits.append(f"on the {_list_name(ctx, match)}")
    extra = []
    if entry.list_id == CURATED_LIST:
        if entry.extra.get("instrument"):
            extra.append(str(entry.extra["instrument"]))
        if entry.extra.get("confidence") in UNRELIABLE_CONFIDENCES:
            extra.append(f"our record of this listing is {entry.extra['confidence']}")
    else:
        extra.append(f"entry {entry.id}")
        if entry.programs:
            extra.append("programme " + ", ".join(entry.programs[:3]))
    if entry.listed:
        extra.append(f"listed {entry.listed}")
    if entry.delisted:
        extra.append(f"removed {entry.delisted}")
    text = " ".join(bits)
    if extra:
        text += " (" + "; ".join(extra) + ")"
    return f"{text}, {match.why}"


def _reference(ctx: Context, match: Match) -> Reference:
    entry = match.entry
    if entry.list_id == CURATED_LIST:
        rec = entry.extra
        return Reference(
            kind="listed_party",
            id=entry.id,
            title=f"{entry.primary}: {rec.get('list', 'listed party')} ({rec.get('instrument', '')})".replace(
                " ()", ""
            ),
            url=rec.get("list_url"),
            as_of=str(rec["verified_on"]) if rec.get("verified_on") else None,
            confidence=rec.get("confidence"),
            sources=tuple(rec.get("sources", [])),
        )
    meta = _list_meta(ctx, match)
    return Reference(
        kind="list_entry",
        id=f"{entry.list_id}:{entry.id}",
        title=f"{entry.primary}: {meta.get('name', entry.list_id)}, entry {entry.id}",
        url=meta.get("url"),
        as_of=meta.get("date"),
    )


def _reliable(match: Match) -> bool:
    return match.entry.list_id != CURATED_LIST or match.entry.extra.get("confidence") not in UNRELIABLE_CONFIDENCES


@rule(
    "S801",
    "listed-party-strong-match",
    step=STEP,
    severity=Severity.STOP,
    since="0.1.0",
    severities={
        Severity.STOP: "A matching entry is on an official list, or on the curated list with a confirmed record.",
        Severity.ESCALATE: "Every match is a curated-list record our data cannot confirm: verify it with the list's publisher.",
    },
    summary="A party to the deal matches an entry on a sanctions or entity list.",
    why="Dealing with a listed party is prohibited or needs a licence that is normally refused (an asset freeze, or an "
    "Entity List licence requirement with a presumption of denial). A strong match means the names agree once "
    "spelling, transliteration, word order and legal forms are set aside.",
    actions=(
        "Do not proceed with this deal.",
        "Confirm the identity against the list entry (address, registration number, date of birth) and keep the record.",
        "Take legal advice; a licence for a listed party is rarely granted.",
    ),
)
def strong_match(ctx: Context) -> Iterator[Hit]:
    for role, result in ctx.party_results:
        strong = result.strong
        if not strong:
            continue
        shown = "; ".join(_describe(ctx, m, result.name) for m in strong[:MAX_SHOWN])
        more = f" (and {len(strong) - MAX_SHOWN} more)" if len(strong) > MAX_SHOWN else ""
        reliable = any(_reliable(m) for m in strong)
        note = "" if reliable else " Our record of this listing is not confirmed: verify it with the list's publisher."
        yield Hit(
            f"The {role} '{result.name}' matches {shown}{more}.{note}",
            severity=Severity.STOP if reliable else Severity.ESCALATE,
            references=tuple(_reference(ctx, m) for m in strong[:MAX_SHOWN]),
            subject=result.name,
        )


@rule(
    "S802",
    "listed-party-possible-match",
    step=STEP,
    severity=Severity.ESCALATE,
    since="0.1.0",
    summary="A party to the deal may be a listed party: possible match, verify identity.",
    why="The name is close to a listed name but not close enough to be sure (a partial name, a different spelling, or "
    "a shared distinctive word). Names on lists are transliterated in many ways, so a person must decide.",
    actions=(
        "Verify the party's identity against the list entry (full name, address, registration number, date of birth).",
        "Record who checked, against which list and date, and the outcome, before proceeding.",
    ),
)
def possible_match(ctx: Context) -> Iterator[Hit]:
    for role, result in ctx.party_results:
        if result.strong or not result.possible:
            continue
        possible = result.possible
        shown = "; ".join(_describe(ctx, m, result.name) for m in possible[:MAX_SHOWN])
        more = f" (and {len(possible) - MAX_SHOWN} more)" if len(possible) > MAX_SHOWN else ""
        yield Hit(
            f"Possible match, verify identity: the {role} '{result.name}' resembles {shown}{more}.",
            references=tuple(_reference(ctx, m) for m in possible[:MAX_SHOWN]),
            subject=result.name,
        )


@rule(
    "S803",
    "formerly-listed-party",
    step=STEP,
    severity=Severity.INFO,
    since="0.1.0",
    summary="A party to the deal matches a party that was listed and has since been removed.",
    why="A removal means the legal restriction no longer applies, but the reasons for the listing (for example "
    "sales of surveillance technology to repressive governments) are part of the party's record.",
    actions=("Take the former listing and the reasons for it into account in the end-user and intermediary checks.",),
)
def formerly_listed(ctx: Context) -> Iterator[Hit]:
    for role, result in ctx.party_results:
        if not result.former:
            continue
        shown = "; ".join(_describe(ctx, m, result.name) for m in result.former[:MAX_SHOWN])
        yield Hit(
            f"The {role} '{result.name}' matches a formerly listed party, not listed on {ctx.today}: {shown}.",
            references=tuple(_reference(ctx, m) for m in result.former[:MAX_SHOWN]),
            subject=result.name,
        )
