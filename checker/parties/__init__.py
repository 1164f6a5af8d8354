"""Restricted-party screening: every name in a deal checked against the curated list and any imported lists.

One call for scripts and the browser:

    from checker.parties import PartyScreener
    screener = PartyScreener.from_texts(bundle_listed_parties, party_lists_json_text)
    results = screener.screen_names(["Intellexa SA", "Sandvine Inc"], on="2025-01-01")

`ReferenceData.party_screener` builds the same object from the packaged bundle and `checker/data/party_lists.json`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from checker.parties.matching import POSSIBLE, STRONG, Entry, Match, PartyIndex
from checker.parties.store import CompiledEntries, CompiledLists, loads

__all__ = [
    "POSSIBLE",
    "STRONG",
    "CURATED_LIST",
    "Entry",
    "Match",
    "NameResult",
    "PartyIndex",
    "PartyScreener",
    "country_resolver",
    "curated_entries",
    "packaged_lists_path",
    "screener_for",
    "with_lists",
]

CURATED_LIST = "curated"
CURATED_META = {
    "id": CURATED_LIST,
    "name": "Curated listed parties (Cyber Export Risk Guide)",
    "publisher": "Cyber Export Risk Guide project, from the official lists and reports cited per record",
    "url": None,
    "format": "site_data/reference/listed_parties.yml",
}


def packaged_lists_path() -> Path:
    return Path(str(resources.files("checker") / "data" / "party_lists.json"))


def _start(date: str | None) -> str | None:
    """'2023-07' -> '2023-07-01', '2021' -> '2021-01-01' (a partial date counts from its first day)."""
    if not date:
        return None
    date = str(date)
    if len(date) == 4:
        return date + "-01-01"
    if len(date) == 7:
        return date + "-01"
    return date


def curated_entries(records: Iterable[dict[str, Any]]) -> list[Entry]:
    """Entries of the curated list (bundle key `listed_parties`), keeping each record for reports."""
    return [
        Entry(
            list_id=CURATED_LIST,
            id=str(rec["id"]),
            type=str(rec.get("type", "entity")),
            names=tuple(rec.get("names", [])),
            programs=tuple(p for p in (rec.get("list"), rec.get("instrument")) if p),
            countries=tuple(c for c in [rec.get("country")] if c),
            listed=str(rec["listed"]) if rec.get("listed") else None,
            delisted=str(rec["delisted"]) if rec.get("delisted") else None,
            extra=dict(rec),
        )
        for rec in records
    ]


@dataclass(frozen=True)
class NameResult:
    """Screening of one name on one date: current matches, and matches on entries no longer listed."""

    name: str
    on: str
    current: tuple[Match, ...]
    former: tuple[Match, ...]
    not_yet: tuple[Match, ...] = ()

    @property
    def strong(self) -> tuple[Match, ...]:
        return tuple(m for m in self.current if m.strength == "strong")

    @property
    def possible(self) -> tuple[Match, ...]:
        return tuple(m for m in self.current if m.strength == "possible")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "on": self.on,
            "current": [m.to_dict() for m in self.current],
            "former": [m.to_dict() for m in self.former],
        }


# Country names as lists write them that the reference data's names and official names do not cover.
_COUNTRY_ALIASES = {
    "russia": "RU", "korea north": "KP", "north korea": "KP", "korea south": "KR", "south korea": "KR",
    "burma": "MM", "turkey": "TR", "turkiye": "TR", "palestinian": "PS", "palestine": "PS", "vietnam": "VN",
    "viet nam": "VN", "congo democratic republic of the": "CD", "democratic republic of the congo": "CD",
    "czech republic": "CZ", "usa": "US", "uk": "GB", "great britain": "GB", "laos": "LA", "uae": "AE",
}  # fmt: skip


def country_resolver(countries: Iterable[dict[str, Any]]) -> Any:
    """A function from a list's country ("RU", "Russia", "Korea, North") to an ISO alpha-2 code, or None."""
    from checker.parties.normalize import fold

    table = {k: v for k, v in _COUNTRY_ALIASES.items()}
    codes = set()
    for c in countries:
        code = str(c.get("code", "")).upper()
        codes.add(code)
        for name in (c.get("name"), c.get("official_name")):
            if name:
                table.setdefault(fold(str(name)), code)

    def resolve(country: str) -> str | None:
        text = country.strip()
        if len(text) == 2 and text.upper() in codes:
            return text.upper()
        return table.get(fold(text))

    return resolve


@dataclass
class PartyScreener:
    """The curated list plus the imported lists, in one index, with the metadata every report needs."""

    curated: list[Entry]
    imported: CompiledLists = field(default_factory=CompiledLists)
    curated_as_of: str | None = None
    countries: Sequence[dict[str, Any]] = ()

    def __post_init__(self) -> None:
        # The imported entries first, so that the compiled file's search tables (which index them) are adopted as
        # they are and only the curated names are indexed on top; results do not depend on the order.
        imported = self.imported.entries
        entries = imported.plus(self.curated) if isinstance(imported, CompiledEntries) else [*imported, *self.curated]
        self.index = PartyIndex(entries, self.lists, self.imported.tables)
        if self.countries:
            self.index.country_code = country_resolver(self.countries)  # type: ignore[method-assign]
        if self.imported.tables is not None:  # the index holds them now (and lets them go once it has adopted them)
            self.imported = replace(self.imported, tables=None)

    @classmethod
    def from_texts(
        cls,
        curated_records: Sequence[dict[str, Any]],
        lists_text: str | None = None,
        countries: Sequence[dict[str, Any]] = (),
    ) -> PartyScreener:
        """`countries`: the reference data's countries ({code, name, official_name}), to read the countries lists
        write as names ("Russia") as codes."""
        imported = loads(lists_text) if lists_text else CompiledLists()
        as_of = max((str(r.get("verified_on")) for r in curated_records if r.get("verified_on")), default=None)
        return cls(curated_entries(curated_records), imported, as_of, countries)

    @property
    def lists(self) -> list[dict[str, Any]]:
        curated = dict(CURATED_META, date=self.curated_as_of, entries=len(self.curated))
        return [curated, *self.imported.lists]

    @property
    def list_by_id(self) -> dict[str, dict[str, Any]]:
        return {meta["id"]: meta for meta in self.lists}

    def provenance(self) -> dict[str, Any]:
        """Which lists, of which dates, a screening used (for every report)."""
        imported = [
            {k: meta.get(k) for k in ("id", "name", "publisher", "date", "entries", "url")}
            for meta in self.imported.lists
        ]
        note = (
            "Screened against the curated list and " + ", ".join(f"{m['name']} ({m['date']})" for m in imported) + "."
            if imported
            else "No official sanctions or entity list was imported: parties were screened against the curated "
            "list of listed surveillance vendors only. Screen them against the official lists before you proceed."
        )
        return {
            "curated": {"name": CURATED_META["name"], "as_of": self.curated_as_of, "entries": len(self.curated)},
            "imported": imported,
            "note": note,
            "thresholds": {"strong": STRONG, "possible": POSSIBLE},
        }

    def screen_name(self, name: str, on: str, *, kind: str | None = None, country: str | None = None) -> NameResult:
        """`kind` (person | organisation): entries of that kind only; `country` (ISO alpha-2): the party's country,
        which raises a match on an entry of that country and lowers one on an entry of others."""
        current: list[Match] = []
        former: list[Match] = []
        not_yet: list[Match] = []
        for match in self.index.search(name, threshold=POSSIBLE, limit=25, kind=kind, country=country):
            entry = match.entry
            delisted = _start(entry.delisted)
            listed = _start(entry.listed)
            if delisted and delisted <= on:
                former.append(match)
            elif entry.list_id == CURATED_LIST and listed and listed > on:
                not_yet.append(match)
            else:
                current.append(match)
        return NameResult(name, on, tuple(current), tuple(former), tuple(not_yet))

    def screen_names(self, names: Iterable[str], on: str) -> list[NameResult]:
        """Screen many names in one call (one result per name, in order)."""
        return [self.screen_name(n, on) for n in names]


def screener_for(reference: Any) -> PartyScreener:
    """The screener of a ReferenceData: its curated records plus the imported lists set with `with_lists`, or the
    packaged `checker/data/party_lists.json` (absent file = no imported lists)."""
    text = reference.party_lists
    if text is None:
        path = packaged_lists_path()
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    return PartyScreener.from_texts(reference.listed_parties, text or None, reference.raw.get("countries", []))


def with_lists(reference: Any, lists_text: str | None) -> Any:
    """A copy of a ReferenceData that screens against the given compiled lists ('' or None: curated list only)."""
    return replace(reference, party_lists=lists_text or "")
