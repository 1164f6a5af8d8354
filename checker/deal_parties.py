"""The deal's parties as restricted-party screening sees them (end user, each intermediary, the payer; never the
exporter, the firm running the check), and each one screened under every name the deal gives it.

Context.party_results runs this once per screening; the S8xx rules (checker/rules/parties.py) read the results.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.deal import Deal
from checker.parties import Match, NameResult
from checker.reference import ReferenceData

# End-user types that say the end user is a person (the deal's `end_user.kind`, when given, wins).
_PERSON_TYPES = frozenset({"individual"})


@dataclass(frozen=True)
class Party:
    name: str
    role: str
    kind: str | None  # person | organisation | None (not said)
    country: str | None  # ISO alpha-2 | None
    aliases: tuple[str, ...] = ()


def _kind(item: object, type_: str | None = None) -> str | None:
    kind = getattr(item, "kind", None)
    if kind in ("person", "organisation"):
        return kind
    # an end user of type individual is a person; other types say the sector, and a company may bear a person's
    # name, so they do not restrict the screening
    return "person" if type_ in _PERSON_TYPES else None


def parties_of(deal: Deal, ref: ReferenceData) -> list[Party]:
    """Every named party except the exporter, with what the deal says of its kind, country and other names."""
    out = []
    eu = deal.end_user
    if eu.name:
        country = getattr(eu, "country", None)  # not the destination: a listed person's nationality may differ
        out.append(Party(eu.name, "end user", _kind(eu, eu.type), country, tuple(getattr(eu, "aliases", None) or ())))
    for item in deal.intermediaries:
        if item.name:
            role = ref.label("intermediary_roles", item.role).lower() if item.role else "role not stated"
            aliases = tuple(getattr(item, "aliases", None) or ())
            out.append(Party(item.name, f"intermediary ({role})", _kind(item), item.country, aliases))
    payer = deal.payer
    if payer.name:
        out.append(
            Party(payer.name, "payer", _kind(payer), getattr(payer, "country", None), tuple(payer.aliases or ()))
        )
    return out


def screen_party(ref: ReferenceData, party: Party, on: str) -> NameResult:
    """The party's name and each of its other names, screened as of `on`; one result under the party's name, each
    entry once (its best match, which says through which of the party's names it was found)."""
    screener = ref.party_screener
    results = [
        screener.screen_name(n, on, kind=party.kind, country=party.country) for n in (party.name, *party.aliases)
    ]
    if len(results) == 1:
        return results[0]

    def merged(attr: str) -> tuple[Match, ...]:
        best: dict[tuple[str, str], Match] = {}
        for result in results:
            for m in getattr(result, attr):
                key = (m.entry.list_id, m.entry.id)
                if key not in best or m.score > best[key].score:
                    best[key] = m
        return tuple(sorted(best.values(), key=lambda m: (-m.score, m.entry.list_id, m.entry.id)))

    return NameResult(party.name, on, merged("current"), merged("former"), merged("not_yet"))
