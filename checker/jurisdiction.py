"""Whose law binds this exporter: from where it is established, where the goods leave from, and where the other
parties in the chain are established.

A UK firm must not be told that an EU measure binds it, nor an EU firm that only the EU's rules matter when the
goods leave from a UK warehouse. The answer is one frozen record per screening: the authorities whose measures bind
the exporter, each with every reason it binds, and the others, shown for information with why they may still
matter. Rules ask it (a measure that does not bind cannot stop a deal on its own) and every report states it.

The reach of each authority is data (site_data/reference/authorities.yml): `binds` (the countries whose firms it
binds, or all), `exports_from` (its rules govern goods leaving its territory, whoever exports them) and
`reach_note` (what else it reaches, with `reach_sources`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.deal import Deal
    from checker.reference import ReferenceData

EU_UNNAMED = "EU"  # exporter.country: established in an EU member state, not said which


@dataclass(frozen=True)
class Basis:
    """One authority's place in the answer: why its measures bind the exporter, or why they are shown anyway."""

    authority: str  # UN, EU, UK, US
    name: str  # United Nations Security Council, European Union ...
    reasons: tuple[str, ...]
    licensing_country: str | None = None  # whose competent authority licenses (an EU member state, GB, US)

    def to_dict(self) -> dict[str, Any]:
        return {
            "authority": self.authority,
            "name": self.name,
            "reasons": list(self.reasons),
            "licensing_country": self.licensing_country,
        }


@dataclass(frozen=True)
class Jurisdiction:
    """The answer for one deal. `assumed` means the exporter's country is unknown, so every authority is treated as
    binding (a measure must never be waved through because we did not know where the exporter is)."""

    exporter_country: str | None
    ship_from_country: str | None
    binding: tuple[Basis, ...]
    information: tuple[Basis, ...]
    assumed: bool = False

    def binds(self, authority: str) -> bool:
        """Unknown authorities bind (the safe reading); known ones as decided."""
        return all(b.authority != authority for b in self.information)

    def basis(self, authority: str) -> Basis | None:
        return next((b for b in (*self.binding, *self.information) if b.authority == authority), None)

    @property
    def binding_authorities(self) -> tuple[str, ...]:
        return tuple(b.authority for b in self.binding)

    @property
    def licensing_countries(self) -> tuple[str, ...]:
        """Whose licensing authorities the exporter deals with: its own country's, then the ship-from country's
        when that brings another authority's rules (a US firm shipping from a Dutch warehouse: US, then NL)."""
        found = [self.exporter_country] if self.exporter_country and self.exporter_country != EU_UNNAMED else []
        found += [b.licensing_country for b in self.binding if b.licensing_country]
        return tuple(dict.fromkeys(found))

    def to_dict(self) -> dict[str, Any]:
        return {
            "exporter_country": self.exporter_country,
            "ship_from_country": self.ship_from_country,
            "assumed": self.assumed,
            "binding": [b.to_dict() for b in self.binding],
            "information": [b.to_dict() for b in self.information],
        }


def members(authority: Mapping[str, Any]) -> frozenset[str] | None:
    """The countries whose firms an authority binds; None for 'all' (the UN)."""
    scope = authority.get("binds", "all")
    return None if scope == "all" else frozenset(str(c) for c in scope or ())


def _in_scope(authority: Mapping[str, Any], code: str | None) -> bool:
    scope = members(authority)
    if code is None:
        return False
    if code == EU_UNNAMED:
        return authority.get("id") == "EU"
    return scope is None or code in scope


def decide(
    authorities: Mapping[str, Mapping[str, Any]],
    country_name: Any,
    *,
    exporter_country: str | None,
    ship_from_country: str | None = None,
    parties: tuple[tuple[str, str], ...] = (),
) -> Jurisdiction:
    """The jurisdiction record from plain facts: `parties` are (description, country) of the other parties in the
    chain (intermediaries, payer); `country_name` turns a code into a name."""

    def named(code: str) -> str:
        return "an EU member state (not named)" if code == EU_UNNAMED else str(country_name(code))

    binding: list[Basis] = []
    information: list[Basis] = []
    for auth_id, auth in authorities.items():
        name = str(auth.get("name") or auth_id)
        reasons: list[str] = []
        licensing: str | None = None
        if members(auth) is None:
            reasons.append(str(auth.get("note") or f"{name} measures bind every state."))
        elif exporter_country is None:
            reasons.append("the exporter's country is not stated, so these measures are treated as binding until it is")
        elif _in_scope(auth, exporter_country):
            where = named(exporter_country)
            member = " an EU member state" if auth_id == "EU" and exporter_country != EU_UNNAMED else ""
            reasons.append(f"the exporter is established in {where}{',' + member if member else ''}")
            licensing = exporter_country if exporter_country != EU_UNNAMED else None
        if (
            ship_from_country
            and auth.get("exports_from")
            and _in_scope(auth, ship_from_country)
            and members(auth) is not None
            and not (exporter_country and _in_scope(auth, exporter_country))
        ):
            reasons.append(
                f"the goods leave from {named(ship_from_country)}: {name} rules apply to goods leaving its "
                "territory, whoever the exporter is"
            )
            licensing = licensing or ship_from_country
        if reasons:
            binding.append(Basis(auth_id, name, tuple(reasons), licensing))
            continue
        leaving = (
            f"the goods leave from {named(ship_from_country)}"
            if ship_from_country
            else "where the goods leave from is not stated"
        )
        home = named(exporter_country) if exporter_country else "a country not stated"
        why = [f"not binding as such: the exporter is established in {home}, and {leaving}"]
        why += [
            f"{description} is established in {named(code)}: {name} rules bind that party"
            for description, code in parties
            if _in_scope(auth, code)
        ]
        note = auth.get("reach_note") or auth.get("note")
        if note:
            why.append(f"their reach: {str(note).rstrip('.')}")
        why.append(
            "check whether the deal has such a link (goods, content, people or business there) before relying on it"
        )
        information.append(Basis(auth_id, name, tuple(why)))
    return Jurisdiction(
        exporter_country=exporter_country,
        ship_from_country=ship_from_country,
        binding=tuple(binding),
        information=tuple(information),
        assumed=exporter_country is None,
    )


def of_deal(deal: Deal, ref: ReferenceData) -> Jurisdiction:
    """Whose law binds the exporter of this deal."""
    parties: list[tuple[str, str]] = []
    for item in deal.intermediaries:
        if item.country:
            role = ref.label("intermediary_roles", item.role).lower() if item.role else "intermediary"
            parties.append((f"{item.name or 'an unnamed ' + role} ({role})", item.country))
    if deal.payer.country:
        parties.append((f"{deal.payer.name or 'the payer'} (payer)", deal.payer.country))
    return decide(
        ref.authorities,
        ref.country_name,
        exporter_country=deal.exporter.country,
        ship_from_country=deal.ship_from_country,
        parties=tuple(parties),
    )
