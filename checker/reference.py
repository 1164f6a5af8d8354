"""Reference data (vocabularies, countries, measures, control entries, case studies) loaded from one JSON bundle.

The bundle is compiled from `site_data/` by `python -m sitegen.bundle`; the CLI and the browser load the same file,
so both screen against the same facts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

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


@dataclass
class ReferenceData:
    """Read-only view over the compiled bundle with the indexes the rules need."""

    raw: dict[str, Any]
    origin: str = "bundle"
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def version(self) -> str:
        return str(self.raw.get("version", "unknown"))

    @property
    def as_of(self) -> str:
        return str(self.raw.get("as_of", "unknown"))

    def vocabulary(self, name: str) -> dict[str, dict[str, Any]]:
        """Entries of one vocabulary by id, in file order."""
        key = f"vocab:{name}"
        if key not in self._cache:
            self._cache[key] = {e["id"]: e for e in self.raw.get("vocabularies", {}).get(name, [])}
        return self._cache[key]

    def label(self, vocabulary: str, entry_id: str) -> str:
        entry = self.vocabulary(vocabulary).get(entry_id)
        return str(entry.get("label", entry_id)) if entry else entry_id

    @cached_property
    def countries(self) -> dict[str, dict[str, Any]]:
        return {c["code"]: c for c in self.raw.get("countries", [])}

    def country_name(self, code: str | None) -> str:
        if not code:
            return "unknown country"
        entry = self.countries.get(code)
        return str(entry["name"]) if entry else code

    @cached_property
    def measures(self) -> dict[str, dict[str, Any]]:
        return {m["id"]: m for m in self.raw.get("measures", [])}

    @cached_property
    def _measures_by_target(self) -> dict[str, list[dict[str, Any]]]:
        index: dict[str, list[dict[str, Any]]] = {}
        for measure in self.raw.get("measures", []):
            for target in measure.get("targets", []):
                index.setdefault(target, []).append(measure)
        return index

    def measures_for(self, country: str) -> list[dict[str, Any]]:
        """Measures on the whole country (alpha-2 targets)."""
        return list(self._measures_by_target.get(country, []))

    def regional_measures_for(self, country: str) -> list[dict[str, Any]]:
        """Measures on part of the country (ISO 3166-2 targets such as UA-43)."""
        prefix = country + "-"
        found: list[dict[str, Any]] = []
        for target, measures in self._measures_by_target.items():
            if target.startswith(prefix):
                found.extend(m for m in measures if m not in found)
        return found

    @cached_property
    def authorities(self) -> dict[str, dict[str, Any]]:
        return {a["id"]: a for a in self.raw.get("authorities", [])}

    def binds(self, authority: str, exporter_country: str | None) -> bool:
        """Whether an authority's measures bind this exporter (unknown exporter country: assume they do)."""
        entry = self.authorities.get(authority)
        if entry is None or exporter_country is None:
            return True
        scope = entry.get("binds", "all")
        return scope == "all" or exporter_country in scope

    @cached_property
    def control_entries(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.raw.get("control_entries", [])}

    @cached_property
    def case_studies(self) -> list[dict[str, Any]]:
        return list(self.raw.get("case_studies", []))

    @cached_property
    def steps(self) -> list[dict[str, Any]]:
        return sorted(self.raw.get("steps", []), key=lambda s: s.get("order", 0))

    @cached_property
    def sources(self) -> dict[str, dict[str, Any]]:
        return {s["id"]: s for s in self.raw.get("sources", [])}

    @cached_property
    def listed_parties(self) -> list[dict[str, Any]]:
        return list(self.raw.get("listed_parties", []))

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
