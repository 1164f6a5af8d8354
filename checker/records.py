"""Typed, frozen reference records, built once per bundle by ReferenceData (checker.reference).

Rules ask these records questions (is the measure in force on the screening date? is our record of it reliable
then?) instead of reading dict keys, so each answer is written once. Every record keeps the bundle dict it came
from as `raw` (provenance checks read it, and a new bundle field is readable there before it earns an attribute).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

# Confidences under which a fact must not drive a hard stop on its own: the checker escalates for a check instead.
UNRELIABLE_CONFIDENCES = frozenset({"unverified", "possibly_lapsed"})


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, kw_only=True)
class Sourced:
    """What every fact carries (ARCHITECTURE.md, Provenance fields): its sources, when it was checked, how sure."""

    sources: tuple[str, ...] = ()
    verified_on: str | None = None
    rechecked: bool | None = None
    confidence: str | None = None
    review_by: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def reliable(self) -> bool:
        """Not marked unverified or possibly lapsed (whatever the date)."""
        return self.confidence not in UNRELIABLE_CONFIDENCES

    def unreliable_on(self, date: str) -> bool:
        """Unverified, possibly lapsed, or past its review date on `date` (ISO): never a hard stop on its own."""
        return not self.reliable or bool(self.review_by and self.review_by < date)

    @staticmethod
    def provenance_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "sources": _texts(raw.get("sources")),
            "verified_on": str(raw["verified_on"]) if raw.get("verified_on") else None,
            "rechecked": raw.get("rechecked"),
            "confidence": _text(raw.get("confidence")),
            "review_by": str(raw["review_by"]) if raw.get("review_by") else None,
            "raw": raw,
        }


@dataclass(frozen=True, kw_only=True)
class Measure(Sourced):
    """A sanction, embargo or restriction of one authority on whole countries (alpha-2) or regions (ISO 3166-2)."""

    id: str
    authority: str
    type: str
    targets: tuple[str, ...]
    title: str
    scope: str = ""
    instrument: str = ""
    date: str | int | None = None  # as published: a year (2024) or a date
    in_force: bool = True  # the record's own flag; in_force_on also honours `ended`
    ended: str | int | None = None
    # "prohibition" | "authorisation" | None (untagged: read as the checker always has, a covered export stops)
    regime: str | None = None
    authorisation_route: str = ""  # for an authorisation regime: who grants it, under which article

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Measure:
        return cls(
            id=str(raw["id"]),
            authority=str(raw.get("authority", "")),
            type=str(raw.get("type", "")),
            targets=_texts(raw.get("targets")),
            title=str(raw.get("title") or ""),
            scope=str(raw.get("scope") or ""),
            instrument=str(raw.get("instrument") or ""),
            date=raw.get("date"),
            in_force=bool(raw.get("in_force", True)),
            ended=raw.get("ended"),
            regime=_text(raw.get("regime")),
            authorisation_route=str(raw.get("authorisation_route") or ""),
            **cls.provenance_fields(raw),
        )

    @property
    def needs_authorisation(self) -> bool:
        """A prior-authorisation regime: a covered export may go ahead with the authority's licence."""
        return self.regime == "authorisation"

    def in_force_on(self, date: str) -> bool:
        """In force on `date` (ISO): flagged in force and not ended on or before it."""
        return self.in_force and not (self.ended and str(self.ended) <= date)

    def regions_of(self, country: str) -> list[str]:
        """The ISO 3166-2 regions of `country` this measure targets ('UA-43'), in target order."""
        return [t for t in self.targets if t.startswith(country + "-")]

    @property
    def detail(self) -> str:
        """Instrument, else title, else id: how a finding names the measure."""
        return self.instrument or self.title or self.id


@dataclass(frozen=True, kw_only=True)
class ControlEntry(Sourced):
    """An export-control list entry (5A001.j, EU-ART5 ...) with what it covers and what licensing it needs."""

    id: str
    title: str
    regime: str = ""
    summary: str = ""
    capabilities: tuple[str, ...] = ()
    licence: str = ""
    notes: str = ""
    decontrol_notes: str = ""

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ControlEntry:
        return cls(
            id=str(raw["id"]),
            title=str(raw.get("title") or ""),
            regime=str(raw.get("regime") or ""),
            summary=str(raw.get("summary") or ""),
            capabilities=_texts(raw.get("capabilities")),
            licence=str(raw.get("licence") or ""),
            notes=str(raw.get("notes") or ""),
            decontrol_notes=str(raw.get("decontrol_notes") or ""),
            **cls.provenance_fields(raw),
        )


@dataclass(frozen=True, kw_only=True)
class CaseStudy(Sourced):
    """A documented case of surveillance technology exported and misused, with the due-diligence steps that failed."""

    id: str
    title: str
    vendor: str = ""
    product: str = ""
    capabilities: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()
    end_user_types: tuple[str, ...] = ()
    failed_steps: tuple[str, ...] = ()
    related_entries: tuple[str, ...] = ()
    years: str = ""  # prose: "2010 (offer ...); 2011 ..."

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> CaseStudy:
        return cls(
            id=str(raw["id"]),
            title=str(raw.get("title") or raw["id"]),
            vendor=str(raw.get("vendor") or ""),
            product=str(raw.get("product") or ""),
            capabilities=_texts(raw.get("capabilities")),
            destinations=_texts(raw.get("destinations")),
            end_user_types=_texts(raw.get("end_user_types")),
            failed_steps=_texts(raw.get("failed_steps")),
            related_entries=_texts(raw.get("related_entries")),
            years=str(raw.get("years") or ""),
            **cls.provenance_fields(raw),
        )

    @property
    def first_year(self) -> str:
        """The first year the prose `years` names: the date of the misuse record the case study makes."""
        match = re.search(r"\b(19|20)\d{2}\b", self.years)
        return match.group(0) if match else "undated"


@dataclass(frozen=True, kw_only=True)
class Country:
    """A country or territory (ISO 3166-1 alpha-2) with its UN M49 region."""

    code: str
    name: str
    official_name: str | None = None
    region: str = ""
    subregion: str = ""

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Country:
        return cls(
            code=str(raw["code"]),
            name=str(raw["name"]),
            official_name=_text(raw.get("official_name")),
            region=str(raw.get("region") or ""),
            subregion=str(raw.get("subregion") or ""),
        )


@dataclass(frozen=True, kw_only=True)
class MisuseRecord(Sourced):
    """Documented misuse of a capability family in a country: from site_data/context/misuse.yml, or made from a
    case study (id 'case:<case id>') for each destination where its capabilities have a family."""

    id: str
    title: str
    country: str
    families: tuple[str, ...]
    date: str
    summary: str = ""
    documented_by: str = ""
    case_studies: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> MisuseRecord:
        return cls(
            id=str(raw["id"]),
            title=str(raw.get("title") or raw["id"]),
            country=str(raw.get("country", "")),
            families=_texts(raw.get("families")),
            date=str(raw.get("date") or "undated"),
            summary=str(raw.get("summary") or ""),
            documented_by=str(raw.get("documented_by") or ""),
            case_studies=_texts(raw.get("case_studies")),
            **cls.provenance_fields(raw),
        )

    @classmethod
    def from_case(cls, case: CaseStudy, country: str, families: tuple[str, ...]) -> MisuseRecord:
        return cls(
            id=f"case:{case.id}",
            title=case.title,
            country=country,
            families=families,
            date=case.first_year,
            summary=case.title,
            documented_by="case study on this site",
            case_studies=(case.id,),
            sources=case.sources,
            verified_on=case.verified_on,
            confidence=case.confidence,
            raw=case.raw,
        )

    @property
    def from_case_study(self) -> bool:
        return self.id.startswith("case:")


@dataclass(frozen=True, kw_only=True)
class DiversionHub(Sourced):
    """A documented diversion or transshipment hub (site_data/context/hubs.yml)."""

    country: str
    note: str
    case_studies: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> DiversionHub:
        return cls(
            country=str(raw["country"]),
            note=str(raw.get("note") or ""),
            case_studies=_texts(raw.get("case_studies")),
            **cls.provenance_fields(raw),
        )

    @property
    def id(self) -> str:
        return f"hub:{self.country}"


@dataclass(frozen=True, kw_only=True)
class NextStep:
    """One thing an exporter can do under its own law (ask for a classification, apply for a licence type, use an
    advisory service, read a control list, notify a catch-all concern), with the official page to do it on.

    `url` is the address of the first official source the step cites (the loader refuses a step without one);
    `level` is the record it came from ('GB', 'DE', or 'EU' for the EU-level items a member state inherits)."""

    name: str
    text: str
    url: str
    level: str
    sources: tuple[str, ...] = ()
    confidence: str = "confirmed"
    note: str = ""
    entry: str | None = None  # for a control-entry note: the entry id (5A001.j)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], level: str, sources: Mapping[str, Mapping[str, Any]]) -> NextStep:
        cited = _texts(raw.get("sources"))
        official = [sources[s] for s in cited if s in sources and sources[s].get("kind") == "official"]
        url = next((str(s["url"]) for s in official if str(s.get("url", "")).startswith("https://")), "")
        return cls(
            name=str(raw.get("name") or ""),
            text=" ".join(str(raw.get("text") or "").split()),
            url=url,
            level=level,
            sources=cited,
            confidence=str(raw.get("confidence") or "confirmed"),
            note=" ".join(str(raw.get("note") or "").split()),
            entry=_text(raw.get("entry")),
        )

    @property
    def reliable(self) -> bool:
        return self.confidence not in UNRELIABLE_CONFIDENCES


@dataclass(frozen=True, kw_only=True)
class ExporterSteps(Sourced):
    """The next steps for an exporter in one jurisdiction (site_data/reference/exporter_steps/).

    For an EU member state, `ReferenceData.exporter_steps` returns the national record with the EU-level items
    appended to each list (their `level` is 'EU') and `eu_level` set, so a caller never has to merge them."""

    country: str
    name: str
    authority: NextStep
    apply: NextStep | None = None
    classification: tuple[NextStep, ...] = ()
    licence_types: tuple[NextStep, ...] = ()
    advisory: tuple[NextStep, ...] = ()
    control_lists: tuple[NextStep, ...] = ()
    catch_all: tuple[NextStep, ...] = ()
    entry_notes: tuple[NextStep, ...] = ()
    unverified: tuple[str, ...] = ()
    eu_level: ExporterSteps | None = None

    LISTS = ("classification", "licence_types", "advisory", "control_lists", "catch_all", "entry_notes")

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> ExporterSteps:
        level = str(raw["country"])

        def steps(name: str) -> tuple[NextStep, ...]:
            return tuple(NextStep.from_dict(item, level, sources) for item in raw.get(name) or ())

        return cls(
            country=level,
            name=str(raw.get("name") or level),
            authority=NextStep.from_dict(raw.get("authority") or {}, level, sources),
            apply=NextStep.from_dict(raw["apply"], level, sources) if raw.get("apply") else None,
            classification=steps("classification"),
            licence_types=steps("licence_types"),
            advisory=steps("advisory"),
            control_lists=steps("control_lists"),
            catch_all=steps("catch_all"),
            entry_notes=steps("entry_notes"),
            unverified=tuple(" ".join(str(n).split()) for n in raw.get("unverified") or ()),
            **cls.provenance_fields(raw),
        )

    def with_eu(self, eu: ExporterSteps) -> ExporterSteps:
        """This member state's steps followed by the EU-level ones (the Regulation, Annex I, the EU general
        authorisations, the Article 5 catch-all), which bind every member state's exporters."""
        merged = {name: getattr(self, name) + getattr(eu, name) for name in self.LISTS}
        return replace(self, eu_level=eu, **merged)

    def notes_for(self, entry: str) -> tuple[NextStep, ...]:
        """What this jurisdiction's own list says about one control entry (the UK position on 5A001.j)."""
        return tuple(n for n in self.entry_notes if n.entry == entry)

    def all_steps(self) -> tuple[NextStep, ...]:
        """Every step in reading order: authority, how to apply, then each list."""
        head = (self.authority,) + ((self.apply,) if self.apply else ())
        return head + tuple(step for name in self.LISTS for step in getattr(self, name))
