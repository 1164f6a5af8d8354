"""Reference data (vocabularies, countries, measures, control entries, case studies) loaded from one JSON bundle.

The bundle is compiled from `site_data/` by `python -m sitegen.bundle`; the CLI and the browser load the same file,
so both screen against the same facts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from checker.records import CaseStudy, ControlEntry, Country, DiversionHub, ExporterSteps, Measure, MisuseRecord

BUNDLE_FORMAT = 1

VOCABULARIES = (
    "capabilities",
    "rights",
    "end_user_types",
    "end_user_statements",
    "intermediary_roles",
    "services",
    "red_flags",
    "safeguards",
    "measure_types",
    "capability_families",
    "party_kinds",
    "classification_statuses",
    "not_listed_bases",
    "service_providers",
)


@dataclass(frozen=True, eq=False)
class ReferenceData:
    """Read-only view over the compiled bundle: typed records (checker.records) and the indexes the rules need,
    each built once, on first use. `party_lists`: the compiled imported lists to screen parties against (None:
    the packaged checker/data/party_lists.json); `dataclasses.replace(ref, party_lists=text)` makes a copy that
    uses others."""

    raw: dict[str, Any]
    origin: str = "bundle"
    party_lists: str | None = None

    @property
    def version(self) -> str:
        return str(self.raw.get("version", "unknown"))

    @property
    def as_of(self) -> str:
        return str(self.raw.get("as_of", "unknown"))

    @cached_property
    def _vocabularies(self) -> dict[str, dict[str, dict[str, Any]]]:
        return {name: {e["id"]: e for e in entries} for name, entries in self.raw.get("vocabularies", {}).items()}

    def vocabulary(self, name: str) -> dict[str, dict[str, Any]]:
        """Entries of one vocabulary by id, in file order."""
        return self._vocabularies.get(name, {})

    def label(self, vocabulary: str, entry_id: str) -> str:
        entry = self.vocabulary(vocabulary).get(entry_id)
        return str(entry.get("label", entry_id)) if entry else entry_id

    @cached_property
    def countries(self) -> dict[str, Country]:
        return {c["code"]: Country.from_dict(c) for c in self.raw.get("countries", [])}

    def country_name(self, code: str | None) -> str:
        if not code:
            return "unknown country"
        entry = self.countries.get(code)
        return entry.name if entry else code

    @cached_property
    def measures(self) -> dict[str, Measure]:
        return {m.id: m for m in (Measure.from_dict(raw) for raw in self.raw.get("measures", []))}

    @cached_property
    def _measures_by_target(self) -> dict[str, list[Measure]]:
        index: dict[str, list[Measure]] = {}
        for measure in self.measures.values():
            for target in measure.targets:
                index.setdefault(target, []).append(measure)
        return index

    def measures_for(self, country: str) -> list[Measure]:
        """Measures on the whole country (alpha-2 targets)."""
        return list(self._measures_by_target.get(country, []))

    def regional_measures_for(self, country: str) -> list[Measure]:
        """Measures on part of the country (ISO 3166-2 targets such as UA-43)."""
        prefix = country + "-"
        found: list[Measure] = []
        for target, measures in self._measures_by_target.items():
            if target.startswith(prefix):
                found.extend(m for m in measures if m not in found)
        return found

    @cached_property
    def authorities(self) -> dict[str, dict[str, Any]]:
        return {a["id"]: a for a in self.raw.get("authorities", [])}

    @cached_property
    def _exporter_steps(self) -> dict[str, ExporterSteps]:
        return {
            str(raw["country"]): ExporterSteps.from_dict(raw, self.sources)
            for raw in self.raw.get("exporter_steps", [])
        }

    @cached_property
    def eu_members(self) -> frozenset[str]:
        """The EU member states (the EU authority's `binds` list)."""
        scope = self.authorities.get("EU", {}).get("binds", [])
        return frozenset(scope) if isinstance(scope, list) else frozenset()

    def exporter_steps(self, country: str) -> ExporterSteps | None:
        """The next steps for an exporter established in `country` (ISO alpha-2; 'UK' is read as 'GB'; 'EU' gives
        the EU-level items alone). A member state's record includes the EU-level items; None when we hold no
        record for the country (the caller says so rather than guessing an authority)."""
        code = "GB" if country == "UK" else country
        found = self._exporter_steps.get(code)
        eu = self._exporter_steps.get("EU")
        if found is None or code == "EU" or eu is None or code not in self.eu_members:
            return found
        return found.with_eu(eu)

    def exporter_countries(self) -> list[str]:
        """Countries with a next-steps record (EU excluded), in data order."""
        return [code for code in self._exporter_steps if code != "EU"]

    @cached_property
    def control_entries(self) -> dict[str, ControlEntry]:
        return {c["id"]: ControlEntry.from_dict(c) for c in self.raw.get("control_entries", [])}

    @cached_property
    def case_studies(self) -> list[CaseStudy]:
        return [CaseStudy.from_dict(c) for c in self.raw.get("case_studies", [])]

    @cached_property
    def steps(self) -> list[dict[str, Any]]:
        return sorted(self.raw.get("steps", []), key=lambda s: s.get("order", 0))

    @cached_property
    def sources(self) -> dict[str, dict[str, Any]]:
        return {s["id"]: s for s in self.raw.get("sources", [])}

    @cached_property
    def listed_parties(self) -> list[dict[str, Any]]:
        return list(self.raw.get("listed_parties", []))

    # Destination context (site_data/context/; read by checker.country_context) ---------------------------------
    @cached_property
    def context(self) -> dict[str, Any]:
        return self.raw.get("context") or {"datasets": [], "values": {}, "misuse": [], "hubs": []}

    @cached_property
    def family_of(self) -> dict[str, str]:
        """Capability id -> capability family id (a capability belongs to at most one family)."""
        families = self.vocabulary("capability_families")
        return {cap: fam for fam, entry in families.items() for cap in entry.get("capabilities", [])}

    @cached_property
    def _misuse_by_country(self) -> dict[str, list[MisuseRecord]]:
        """Per country: a record for each case study there whose capabilities have a family (in case order),
        then the records of misuse.yml."""
        index: dict[str, list[MisuseRecord]] = {}
        for case in self.case_studies:
            families = tuple(sorted({self.family_of[c] for c in case.capabilities if c in self.family_of}))
            if families:
                for country in dict.fromkeys(case.destinations):
                    index.setdefault(country, []).append(MisuseRecord.from_case(case, country, families))
        for raw in self.context.get("misuse", []):
            record = MisuseRecord.from_dict(raw)
            index.setdefault(record.country, []).append(record)
        return index

    def misuse_records(self, country: str) -> list[MisuseRecord]:
        """Documented misuse in the country: the case studies (by their capabilities' families) and misuse.yml."""
        return list(self._misuse_by_country.get(country, []))

    @cached_property
    def hubs(self) -> dict[str, DiversionHub]:
        hubs: dict[str, DiversionHub] = {}
        for raw in self.context.get("hubs", []):
            hubs.setdefault(str(raw["country"]), DiversionHub.from_dict(raw))
        return hubs

    @cached_property
    def party_screener(self) -> Any:
        """Restricted-party screening (curated list + compiled imported lists); the name index is built on first use."""
        from checker.parties import screener_for

        return screener_for(self)

    def datasets(self) -> list[dict[str, str]]:
        """What the bundle holds and how fresh it is, for every report's provenance block."""
        return [dict(d) for d in self.raw.get("datasets", [])]


def bundle_path() -> Path:
    """Path of the bundle shipped inside the package."""
    return Path(str(resources.files("checker") / "data" / "bundle.json"))


_DEFAULT: ReferenceData | None = None


def parse_reference(text: str, origin: str = "bundle") -> ReferenceData:
    raw = json.loads(text)
    if raw.get("format") != BUNDLE_FORMAT:
        raise ValueError(f"reference bundle format {raw.get('format')!r} is not {BUNDLE_FORMAT}; rebuild it")
    return ReferenceData(raw=raw, origin=origin)


def load_reference(path: str | Path | None = None) -> ReferenceData:
    """Load a bundle (the packaged one by default, cached because every screen needs it)."""
    global _DEFAULT
    if path is None:
        if _DEFAULT is None:
            _DEFAULT = parse_reference(bundle_path().read_text(encoding="utf-8"), origin="packaged")
        return _DEFAULT
    return parse_reference(Path(path).read_text(encoding="utf-8"), origin=str(path))
