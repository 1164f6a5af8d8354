"""Facts derived once per screening and shared by all rules (deal countries, capability risk, measures...)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from checker import country_context, links
from checker.deal import Deal
from checker.findings import Reference
from checker.provenance import staleness
from checker.reference import ReferenceData

RISK_ORDER = {"none": 0, "low": 1, "medium": 2, "high": 3}
SECURITY_END_USERS = frozenset({"government_security", "law_enforcement", "military", "state_telecom_operator"})
MASS_MARKET_DECONTROLLED = frozenset({"5A002"})  # Cryptography Note (Note 3): mass-market items leave 5A002
UNRELIABLE = frozenset({"unverified", "possibly_lapsed"})


@dataclass
class Context:
    """One deal, the reference data and the screening date, plus cached derived facts."""

    deal: Deal
    ref: ReferenceData
    today: str
    _in_force: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)

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

    def measures_in_force(self, country: str) -> list[dict[str, Any]]:
        """In-force measures on a country, computed once per screening (every filter rule asks)."""
        cached = self._in_force.get(country)
        if cached is None:
            cached = self._in_force[country] = [m for m in self.ref.measures_for(country) if self.in_force(m)]
        return cached

    def in_force(self, measure: dict[str, Any]) -> bool:
        if not measure.get("in_force", True):
            return False
        ended = measure.get("ended")
        return not (ended and str(ended) <= self.today)

    def binding(self, measure: dict[str, Any]) -> bool:
        """Whether the measure's authority binds this exporter; if not it may still follow the goods' origin."""
        return self.ref.binds(str(measure.get("authority", "")), self.deal.exporter.country)

    def unreliable(self, measure: dict[str, Any]) -> bool:
        """Unverified or possibly lapsed data must not drive a hard stop on its own (we escalate instead)."""
        if measure.get("confidence") in UNRELIABLE:
            return True
        review_by = measure.get("review_by")
        return bool(review_by and str(review_by) < self.today)

    @cached_property
    def destination_measures(self) -> list[dict[str, Any]]:
        code = self.deal.destination_country
        return self.measures_in_force(code) if code else []

    @cached_property
    def documented_misuse(self) -> list[dict[str, Any]]:
        """Case studies where similar technology (the same capability family) was misused in the destination
        (an EU 2024/2659 red flag); with no capabilities stated, every case in the destination."""
        ids = {c for r in self.family_misuse for c in r.get("case_studies", []) if r["id"].startswith("case:")}
        return [case for case in self.ref.case_studies if case["id"] in ids]

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
    def destination_misuse(self) -> list[dict[str, Any]]:
        """Every documented misuse record in the destination, any family."""
        code = self.deal.destination_country
        return country_context.misuse_records(self.ref, code) if code else []

    @cached_property
    def family_misuse(self) -> list[dict[str, Any]]:
        """Misuse records in the destination of the same family as the product (all of them if it has none)."""
        if not self.capabilities:
            return list(self.destination_misuse)
        fams = set(self.product_families)
        return [r for r in self.destination_misuse if fams & set(r.get("families", []))]

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

    def misuse_refs(self, records: list[dict[str, Any]]) -> tuple[Reference, ...]:
        return tuple(country_context.misuse_reference(self.ref, r) for r in records)

    # References --------------------------------------------------------------------------------
    def stale_reason(self, record: dict[str, Any]) -> str | None:
        """Why a fact may be out of date on the screening date (review date passed, or not verified for too long)."""
        if not record:
            return None
        try:
            on = dt.date.fromisoformat(self.today)
        except ValueError:
            return None
        found = staleness(record, on)
        return found.text() if found.stale else None

    def measure_ref(self, measure: dict[str, Any]) -> Reference:
        sources = tuple(measure.get("sources", []))
        url = None
        for source_id in sources:
            url = self.ref.sources.get(source_id, {}).get("url")
            if url:
                break
        title = f"{measure.get('authority', '')}: {measure.get('title') or measure.get('instrument', '')}".strip(": ")
        if measure.get("instrument"):
            title += f" ({measure['instrument']}"
            title += f", {measure['date']})" if measure.get("date") else ")"
        return Reference(
            kind="measure",
            id=measure["id"],
            title=title,
            page=None,
            url=url,
            as_of=str(measure.get("verified_on")) if measure.get("verified_on") else None,
            stale=self.stale_reason(measure),
            confidence=measure.get("confidence"),
            sources=sources,
        )

    def country_ref(self, code: str) -> Reference:
        return Reference(kind="country", id=code, title=self.ref.country_name(code), page=links.country_page(code))

    def control_ref(self, entry_id: str) -> Reference:
        entry = self.ref.control_entries.get(entry_id, {})
        return Reference(
            kind="control_entry",
            id=entry_id,
            title=f"{entry_id}: {entry.get('title', 'entry not in our reference data')}",
            page=links.control_page(entry_id) if entry else None,
            as_of=str(entry["verified_on"]) if entry.get("verified_on") else None,
            stale=self.stale_reason(entry),
            confidence=entry.get("confidence"),
            sources=tuple(entry.get("sources", [])),
        )

    def capability_ref(self, cap_id: str) -> Reference:
        return Reference(
            kind="capability",
            id=cap_id,
            title=self.ref.label("capabilities", cap_id),
            page=links.capability_page(cap_id),
        )

    def case_ref(self, case: dict[str, Any]) -> Reference:
        return Reference(
            kind="case_study",
            id=case["id"],
            title=case.get("title", case["id"]),
            page=links.case_study_page(case["id"]),
            as_of=str(case["verified_on"]) if case.get("verified_on") else None,
            stale=self.stale_reason(case),
            confidence=case.get("confidence"),
            sources=tuple(case.get("sources", [])),
        )

    def cases_about(self, *, step: str | None = None, capability: str | None = None) -> list[dict[str, Any]]:
        """Case studies where this step failed or this capability featured, to show what went wrong before."""
        found = []
        for case in self.ref.case_studies:
            if step and step not in case.get("failed_steps", []):
                continue
            if capability and capability not in case.get("capabilities", []):
                continue
            found.append(case)
        return found

    def label(self, vocabulary: str, entry_id: str | None) -> str:
        return self.ref.label(vocabulary, entry_id) if entry_id else "unknown"


def _unique(places: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """Drop unknown countries and repeats, keeping the first role named for each country."""
    seen: dict[str, str] = {}
    for code, role in places:
        if code and code not in seen:
            seen[code] = role
    return list(seen.items())
