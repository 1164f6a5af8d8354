"""What a list publishes (`Entry`), what a screening finds (`Match`), and which entries a party of a given kind may
be matched against."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One entry of one list: the party as the list publishes it."""

    list_id: str
    id: str
    type: str
    names: tuple[str, ...]
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    listed: str | None = None
    delisted: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def primary(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class Match:
    """A list entry that matches a screened name, with the alias that matched and why."""

    query: str
    entry: Entry
    alias: str
    score: float
    strength: str  # "strong" | "possible"
    why: str
    pairs: tuple[tuple[str, str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "list": self.entry.list_id,
            "entry_id": self.entry.id,
            "entry_name": self.entry.primary,
            "type": self.entry.type,
            "alias": self.alias,
            "score": round(self.score, 3),
            "strength": self.strength,
            "why": self.why,
            "programs": list(self.entry.programs),
            "countries": list(self.entry.countries),
            "listed": self.entry.listed,
            "delisted": self.entry.delisted,
        }


PERSON_TYPES = frozenset({"individual", "person"})
ORGANISATION_TYPES = frozenset({"entity", "organisation", "organization", "company"})


def entry_kind(entry: Entry) -> str | None:
    """person | organisation | other (a vessel, an aircraft) | None (not said)."""
    if entry.type in PERSON_TYPES:
        return "person"
    if entry.type in ORGANISATION_TYPES:
        return "organisation"
    return "other" if entry.type else None


def kind_fits(kind: str | None, entry: Entry) -> bool:
    """Whether an entry may be the party: a person is matched against persons, an organisation against
    organisations; entries of unknown type, and parties of unknown kind, against everything."""
    if kind is None:
        return True
    found = entry_kind(entry)
    return found is None or found == kind
