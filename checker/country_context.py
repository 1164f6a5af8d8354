"""A destination's human-rights context from the bundle: indicator readings, documented misuse, diversion hubs.

The policy that weighs these facts lives in the rules (checker/rules/destination.py and end_user.py) and on the
methodology page; this module only answers "what do our datasets say about this country", with every value's
dataset, edition, year, licence and source, and whether the edition is past its successor's expected date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker import links
from checker.findings import Reference
from checker.records import DiversionHub, MisuseRecord
from checker.reference import ReferenceData


@dataclass(frozen=True)
class IndicatorReading:
    """One indicator of one dataset for one country: the published value, or the dataset's own 'no data'."""

    dataset: dict[str, Any]
    indicator: dict[str, Any]
    country: str
    value: float | None
    rank: float | None
    year: int | None
    covered: bool  # False: the country is not in the dataset file at all

    @property
    def label(self) -> str:
        return str(self.indicator["label"])

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def repressive(self) -> bool:
        limit = self.indicator.get("repression_at_or_below")
        return self.value is not None and limit is not None and self.value <= float(limit)

    @property
    def strong(self) -> bool | None:
        """True/False against the dataset's strong threshold; None when it has none or no value."""
        limit = self.indicator.get("strong_at_or_above")
        if limit is None or self.value is None:
            return None
        return self.value >= float(limit)

    def stale(self, today: str) -> bool:
        """Past the date the dataset's next edition was expected: a newer edition may say otherwise."""
        return str(self.dataset.get("next_edition_expected", "9999")) < today

    @property
    def dataset_name(self) -> str:
        return str(self.dataset.get("short_name") or f"{self.dataset['title']} ({self.dataset['edition']})")

    def value_text(self) -> str:
        if self.value is None:
            return "no data in this dataset" + ("" if self.covered else " (country not covered)")
        text = f"{self.value:.{int(self.indicator.get('decimals', 2))}f}"
        if self.rank is not None:
            text += f" (percentile rank {self.rank:.1f})"
        return text

    def describe(self) -> str:
        """'Voice and Accountability -1.38 (percentile rank 10.8), 2023 (WGI 2024 update)'."""
        if self.value is None:
            return f"{self.label}: no data in this dataset ({self.dataset_name})"
        return f"{self.label} {self.value_text()}, {self.year} ({self.dataset_name})"

    def reference(self, today: str) -> Reference:
        title = f"{self.describe()}: {self.dataset['publisher']}, {self.dataset['title']}, {self.dataset['licence']}"
        if self.stale(today):
            title += f"; next edition was expected by {self.dataset['next_edition_expected']}"
        return Reference(
            kind="indicator",
            id=f"{self.indicator['id']}:{self.country}",
            title=title,
            page=links.country_page(self.country),
            as_of=str(self.dataset.get("verified_on")) if self.dataset.get("verified_on") else None,
            confidence=self.dataset.get("confidence"),
            sources=tuple(self.dataset.get("sources", [])),
        )


def describe_all(readings: list[IndicatorReading], today: str) -> str:
    """Readings joined, plus one note per dataset past its successor's expected date."""
    if not readings:
        return "no indicator data"
    text = "; ".join(r.describe() for r in readings)
    stale: dict[str, str] = {}
    for r in readings:
        if r.has_value and r.stale(today):
            stale.setdefault(r.dataset_name, r.dataset["next_edition_expected"])
    for name, due in stale.items():
        text += f" ({name} is past the date its next edition was expected, {due}: check for a newer one)"
    return text


def families(ref: ReferenceData) -> dict[str, dict[str, Any]]:
    return ref.vocabulary("capability_families")


def family_of(ref: ReferenceData) -> dict[str, str]:
    """Capability id -> family id (a capability belongs to at most one family)."""
    return ref.family_of


def context_raw(ref: ReferenceData) -> dict[str, Any]:
    return ref.context


def readings(ref: ReferenceData, country: str) -> list[IndicatorReading]:
    """Every indicator of every dataset for the country, in dataset order; no value = an explicit no-data reading."""
    raw = context_raw(ref)
    values = raw.get("values", {}).get(country, {})
    out = []
    for dataset in raw.get("datasets", []):
        for indicator in dataset.get("indicators", []):
            entry = values.get(indicator["id"])
            out.append(
                IndicatorReading(
                    dataset=dataset,
                    indicator=indicator,
                    country=country,
                    value=entry.get("value") if entry else None,
                    rank=entry.get("rank") if entry else None,
                    year=entry.get("year") if entry else None,
                    covered=entry is not None,
                )
            )
    return out


def misuse_records(ref: ReferenceData, country: str) -> list[MisuseRecord]:
    """Documented misuse in the country: the case studies (by their capabilities' families) and misuse.yml."""
    return ref.misuse_records(country)


def hub(ref: ReferenceData, country: str | None) -> DiversionHub | None:
    return ref.hubs.get(country) if country else None


def misuse_reference(ref: ReferenceData, record: MisuseRecord) -> Reference:
    if record.from_case_study:
        page = links.case_study_page(record.case_studies[0])
        kind = "case_study"
        ident = record.case_studies[0]
    else:
        page = links.country_page(record.country) + "#misuse"
        kind = "misuse_record"
        ident = record.id
    fams = ", ".join(ref.label("capability_families", f) for f in record.families)
    return Reference(
        kind=kind,
        id=ident,
        title=f"{record.title} ({record.date}; {fams})",
        page=page,
        as_of=record.verified_on,
        confidence=record.confidence,
        sources=record.sources,
    )


def hub_reference(record: DiversionHub) -> Reference:
    return Reference(
        kind="diversion_hub",
        id=record.id,
        title=" ".join(record.note.split()),
        page=links.country_page(record.country) + "#diversion",
        as_of=record.verified_on,
        confidence=record.confidence,
        sources=record.sources,
    )
