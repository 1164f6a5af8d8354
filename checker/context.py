"""Facts derived once per screening and shared by all rules (deal countries, capability risk, measures...)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from checker import country_context, links
from checker.deal import Deal
from checker.deal_parties import parties_of, screen_party
from checker.findings import Reference
from checker.jurisdiction import Jurisdiction, of_deal
from checker.parties import NameResult
from checker.provenance import staleness
from checker.records import CaseStudy, Measure, MisuseRecord, Sourced
from checker.reference import ReferenceData

RISK_ORDER = {"none": 0, "low": 1, "medium": 2, "high": 3}
SECURITY_END_USERS = frozenset({"government_security", "law_enforcement", "military", "state_telecom_operator"})
MASS_MARKET_DECONTROLLED = frozenset({"5A002"})  # Cryptography Note (Note 3): mass-market items leave 5A002


@dataclass
class Context:
    """One deal, the reference data and the screening date, plus cached derived facts."""

    deal: Deal
    ref: ReferenceData
    today: str
    _in_force: dict[str, list[Measure]] = field(default_factory=dict, repr=False)

    # Product -----------------------------------------------------------------------------------
    @cached_property
    def capabilities(self) -> tuple[str, ...]:
        return self.deal.product.capabilities or ()

    def capability(self, cap_id: str) -> dict[str, Any]:
        return self.ref.vocabulary("capabilities").get(cap_id, {})

    @cached_property
    def surveillance_risk(self) -> str:
        """Highest surveillance risk among the product's capabilities ('none' for none stated)."""
        risks = [self.capability(c).get("surveillance_risk", "none") for c in self.capabilities]
        return max(risks, key=lambda r: RISK_ORDER.get(r, 0), default="none")

    @property
    def risk_level(self) -> int:
        return RISK_ORDER.get(self.surveillance_risk, 0)

    def capabilities_at_least(self, level: str) -> list[str]:
        floor = RISK_ORDER[level]
        return [
            c
            for c in self.capabilities
            if RISK_ORDER.get(self.capability(c).get("surveillance_risk", "none"), 0) >= floor
        ]

    @cached_property
    def likely_entries(self) -> dict[str, list[str]]:
        """Control entries the capabilities usually fall under, with the capabilities behind each."""
        out: dict[str, list[str]] = {}
        for cap in self.capabilities:
            for entry in self.capability(cap).get("likely_entries", []):
                if self.deal.product.mass_market and entry in MASS_MARKET_DECONTROLLED:
                    continue
                out.setdefault(entry, []).append(cap)
        return out

    def is_catch_all(self, entry_id: str) -> bool:
        return entry_id == "EU-ART5"

    # Parties and places ------------------------------------------------------------------------
    @cached_property
    def end_user_type(self) -> str | None:
        return self.deal.end_user.type

    @property
    def end_user_is_security(self) -> bool:
        return self.end_user_type in SECURITY_END_USERS

    @property
    def end_user_is_government(self) -> bool:
        if self.end_user_type is None:
            return False
        return bool(self.ref.vocabulary("end_user_types").get(self.end_user_type, {}).get("government"))

    @cached_property
    def party_results(self) -> list[tuple[str, NameResult]]:
        """(role, result) for every party but the exporter, screened once per screening under all its names."""
        return [(party.role, screen_party(self.ref, party, self.today)) for party in parties_of(self.deal, self.ref)]

    @cached_property
    def goods_countries(self) -> list[tuple[str, str]]:
        """(country, role) where the goods go and are used: destination and ship-to country, without repeats."""
        places = [(self.deal.destination_country, "destination"), (self.deal.ship_to_country, "ship-to country")]
        return _unique(places)

    @cached_property
    def deal_countries(self) -> list[tuple[str, str]]:
        """(country, role) for every place the goods or money touch: the goods' countries first, then the
        intermediaries' (where an agent sits matters for sanctions on dealing with it, not for embargoes)."""
        agents = [(i.country, f"country of {i.name or 'an intermediary'}") for i in self.deal.intermediaries]
        return _unique(self.goods_countries + agents)

    def measures_in_force(self, country: str) -> list[Measure]:
        """In-force measures on a country, computed once per screening (every filter rule asks)."""
        cached = self._in_force.get(country)
        if cached is None:
            cached = self._in_force[country] = [m for m in self.ref.measures_for(country) if self.in_force(m)]
        return cached

    def in_force(self, measure: Measure) -> bool:
        return measure.in_force_on(self.today)

    @cached_property
    def jurisdiction(self) -> Jurisdiction:
        """Whose law binds this exporter, and why (exporter country, ship-from country, parties in the chain)."""
        return of_deal(self.deal, self.ref)

    def binding(self, measure: Measure) -> bool:
        """Whether the measure's authority binds this exporter; if not it may still reach the deal another way."""
        return self.authority_binds(measure.authority)

    def authority_binds(self, authority: str) -> bool:
        """Whether measures of this authority (EU, UK, UN, US) bind this exporter."""
        return self.jurisdiction.binds(authority)

    def unreliable(self, measure: Measure) -> bool:
        """Unverified or possibly lapsed data must not drive a hard stop on its own (we escalate instead)."""
        return measure.unreliable_on(self.today)

    @cached_property
    def destination_measures(self) -> list[Measure]:
        code = self.deal.destination_country
        return self.measures_in_force(code) if code else []

    @cached_property
    def documented_misuse(self) -> list[CaseStudy]:
        """Case studies where similar technology (the same capability family) was misused in the destination
        (an EU 2024/2659 red flag); with no capabilities stated, every case in the destination."""
        ids = {c for r in self.family_misuse if r.from_case_study for c in r.case_studies}
        return [case for case in self.ref.case_studies if case.id in ids]

    # Destination context (indicators, misuse records, hubs; see checker.country_context) -------
    @cached_property
    def product_families(self) -> dict[str, list[str]]:
        """Capability family -> the product's capabilities in it."""
        fam = country_context.family_of(self.ref)
        out: dict[str, list[str]] = {}
        for cap in self.capabilities:
            if cap in fam:
                out.setdefault(fam[cap], []).append(cap)
        return out

    @cached_property
    def destination_readings(self) -> list[country_context.IndicatorReading]:
        code = self.deal.destination_country
        return country_context.readings(self.ref, code) if code else []

    @cached_property
    def repression_readings(self) -> list[country_context.IndicatorReading]:
        return [r for r in self.destination_readings if r.repressive]

    @cached_property
    def strong_rule_of_law(self) -> bool:
        """Every indicator with a 'strong' threshold that has a value meets it, at least one does, and none shows
        repression. No data is never strong."""
        judged = [r for r in self.destination_readings if r.strong is not None]
        return bool(judged) and all(r.strong for r in judged) and not self.repression_readings

    @cached_property
    def destination_misuse(self) -> list[MisuseRecord]:
        """Every documented misuse record in the destination, any family."""
        code = self.deal.destination_country
        return country_context.misuse_records(self.ref, code) if code else []

    @cached_property
    def family_misuse(self) -> list[MisuseRecord]:
        """Misuse records in the destination of the same family as the product (all of them if it has none)."""
        if not self.capabilities:
            return list(self.destination_misuse)
        fams = set(self.product_families)
        return [r for r in self.destination_misuse if fams & set(r.families)]

    @cached_property
    def high_risk_family_caps(self) -> list[str]:
        """High-risk capabilities in a high-risk family: what the context policy may stop for security users."""
        out: list[str] = []
        for fam, caps in self.product_families.items():
            if country_context.families(self.ref).get(fam, {}).get("high_risk"):
                out.extend(c for c in caps if self.capability(c).get("surveillance_risk") == "high")
        return out

    def reading_refs(self, readings: list[country_context.IndicatorReading] | None = None) -> tuple[Reference, ...]:
        chosen = self.destination_readings if readings is None else readings
        return tuple(r.reference(self.today) for r in chosen)

    def misuse_refs(self, records: list[MisuseRecord]) -> tuple[Reference, ...]:
        return tuple(country_context.misuse_reference(self.ref, r) for r in records)

    # References --------------------------------------------------------------------------------
    def stale_reason(self, record: Sourced) -> str | None:
        """Why a fact may be out of date on the screening date (review date passed, or not verified for too long)."""
        try:
            on = dt.date.fromisoformat(self.today)
        except ValueError:
            return None
        found = staleness(record.raw, on)
        return found.text() if found.stale else None

    def measure_ref(self, measure: Measure) -> Reference:
        url = None
        for source_id in measure.sources:
            url = self.ref.sources.get(source_id, {}).get("url")
            if url:
                break
        title = f"{measure.authority}: {measure.title or measure.instrument}".strip(": ")
        if measure.instrument:
            title += f" ({measure.instrument}"
            title += f", {measure.date})" if measure.date else ")"
        return Reference(
            kind="measure",
            id=measure.id,
            title=title,
            page=None,
            url=url,
            as_of=measure.verified_on,
            stale=self.stale_reason(measure),
            confidence=measure.confidence,
            sources=measure.sources,
        )

    def country_ref(self, code: str) -> Reference:
        return Reference(kind="country", id=code, title=self.ref.country_name(code), page=links.country_page(code))

    def control_ref(self, entry_id: str) -> Reference:
        entry = self.ref.control_entries.get(entry_id)
        if entry is None:
            return Reference(
                kind="control_entry", id=entry_id, title=f"{entry_id}: entry not in our reference data", page=None
            )
        return Reference(
            kind="control_entry",
            id=entry_id,
            title=f"{entry_id}: {entry.title}",
            page=links.control_page(entry_id),
            as_of=entry.verified_on,
            stale=self.stale_reason(entry),
            confidence=entry.confidence,
            sources=entry.sources,
        )

    def capability_ref(self, cap_id: str) -> Reference:
        return Reference(
            kind="capability",
            id=cap_id,
            title=self.ref.label("capabilities", cap_id),
            page=links.capability_page(cap_id),
        )

    def case_ref(self, case: CaseStudy) -> Reference:
        return Reference(
            kind="case_study",
            id=case.id,
            title=case.title,
            page=links.case_study_page(case.id),
            as_of=case.verified_on,
            stale=self.stale_reason(case),
            confidence=case.confidence,
            sources=case.sources,
        )

    def cases_about(self, *, step: str | None = None, capability: str | None = None) -> list[CaseStudy]:
        """Case studies where this step failed or this capability featured, to show what went wrong before."""
        return [
            case
            for case in self.ref.case_studies
            if (not step or step in case.failed_steps) and (not capability or capability in case.capabilities)
        ]

    def label(self, vocabulary: str, entry_id: str | None) -> str:
        return self.ref.label(vocabulary, entry_id) if entry_id else "unknown"


def _unique(places: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """Drop unknown countries and repeats, keeping the first role named for each country."""
    seen: dict[str, str] = {}
    for code, role in places:
        if code and code not in seen:
            seen[code] = role
    return list(seen.items())
