"""What every page generator needs: the validated data, the compiled reference (the checker's own view), the rule
registry, cross-reference indexes, and the link map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker import links
from checker.findings import Rule
from checker.provenance import DEFAULT_MAX_AGE_DAYS, checked_text, staleness
from checker.reference import ReferenceData
from sitegen.loader import SiteData
from sitegen.mdtools import LinkMap, badge, esc
from sitegen.problems import Problem


@dataclass
class Ctx:
    """Shared state of one generation run."""

    site: SiteData
    ref: ReferenceData
    rules: list[Rule]
    linkmap: LinkMap
    today: str = field(default_factory=lambda: dt.date.today().isoformat())
    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    problems: list[Problem] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # site path -> page title, filled before the glossary

    # Indexes -------------------------------------------------------------------------------
    def cases_where(self, key: str, value: str) -> list[dict[str, Any]]:
        return [c for c in self.site.case_studies if value in (c.get(key) or [])]

    def cases_for_country(self, code: str) -> dict[str, list[dict[str, Any]]]:
        """Case studies touching a country, by its role in them."""
        roles: dict[str, list[dict[str, Any]]] = {"destination": [], "vendor": [], "intermediary": []}
        for case in self.site.case_studies:
            if code in case.get("destinations", []):
                roles["destination"].append(case)
            elif case.get("vendor_country") == code:
                roles["vendor"].append(case)
            elif any(i.get("country") == code for i in case.get("intermediaries") or []):
                roles["intermediary"].append(case)
        return roles

    def capabilities_of_entry(self, entry_id: str) -> list[str]:
        """Capabilities an entry lists, plus capabilities that name it among their likely entries."""
        entry = self.ref.control_entries.get(entry_id)
        found = list(entry.capabilities) if entry else []
        for cap_id, cap in self.ref.vocabulary("capabilities").items():
            if entry_id in cap.get("likely_entries", []) and cap_id not in found:
                found.append(cap_id)
        return found

    def entries_of_capability(self, cap_id: str) -> list[str]:
        cap = self.ref.vocabulary("capabilities").get(cap_id, {})
        found = list(cap.get("likely_entries", []))
        for entry_id, entry in self.ref.control_entries.items():
            if cap_id in entry.capabilities and entry_id not in found:
                found.append(entry_id)
        return found

    def rules_for_step(self, step: str) -> list[Rule]:
        """The active rules of a step (retired ones keep their own pages but are not listed as checks)."""
        return [r for r in self.rules if r.step == step and r.status == "active"]

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code), None)

    # Links ---------------------------------------------------------------------------------
    def href(self, src: str, site_path: str, anchor: str = "") -> str:
        return self.linkmap.href(src, site_path, anchor)

    def country_link(self, src: str, code: str) -> str:
        return f"[{esc(self.ref.country_name(code))}]({self.href(src, links.country_page(code))})"

    def case_link(self, src: str, case: dict[str, Any]) -> str:
        return f"[{esc(case['title'])}]({self.href(src, links.case_study_page(case['id']))})"

    def capability_link(self, src: str, cap_id: str) -> str:
        return f"[{esc(self.ref.label('capabilities', cap_id))}]({self.href(src, links.capability_page(cap_id))})"

    def control_link(self, src: str, entry_id: str) -> str:
        entry = self.ref.control_entries.get(entry_id)
        title = f"{entry_id}: {entry.title}" if entry and entry.title else entry_id
        return f"[{esc(title)}]({self.href(src, links.control_page(entry_id))})"

    def step_link(self, src: str, step_id: str) -> str:
        step = next((s for s in self.ref.steps if s.get("id") == step_id), {})
        return f"[{esc(step.get('title') or step_id)}]({self.href(src, links.step_page(step_id))})"

    def finding_link(self, src: str, rule: Rule) -> str:
        return f"[{rule.code}: {esc(rule.name)}]({self.href(src, links.finding_page(rule.code))})"

    # Provenance ----------------------------------------------------------------------------
    def sources_block(
        self, src: str, source_ids: list[str], record: Mapping[str, Any] | None, confidence: str | None = None
    ) -> str:
        """The closing 'Sources' section every page carries: when the fact was checked, and each source's dates."""
        lines = ["## Sources {#sources}", ""]
        meta = []
        if record and record.get("verified_on"):
            text = esc(checked_text(record))
            date = esc(str(record["verified_on"]))
            meta.append((text[:1].upper() + text[1:]).replace(date, f"**{date}**", 1))
        if confidence:
            meta.append(f"confidence {badge(confidence)}")
        if meta:
            lines += ["; ".join(meta) + ".", ""]
        if record:
            stale = self.stale_note(record)
            if stale:
                lines += [stale, ""]
        for source_id in source_ids:
            lines.append("- " + self.source_line(src, source_id))
        return "\n".join(lines) + "\n"

    def stale_note(self, record: Mapping[str, Any]) -> str:
        """The 'may be out of date' badge for a fact past its review date or not verified for too long."""
        found = staleness(record, dt.date.fromisoformat(self.today), self.max_age_days)
        if not found.stale:
            return ""
        return f'<span class="ceg-stale" title="{esc(found.text())}">may be out of date</span> ({esc(found.text())})'

    def source_line(self, src: str, source_id: str) -> str:
        source = self.ref.sources.get(source_id, {})
        url = str(source.get("url", ""))
        title = esc(source.get("title", source_id))
        if url.startswith(("http://", "https://")):
            title_md = f"[{title}]({url})"
        elif url in self.linkmap.by_url:
            title_md = f"[{title}]({self.href(src, url)})"
        else:
            title_md = title
        parts = [title_md, esc(source.get("publisher", ""))]
        if source.get("offline"):
            parts.append(f"offline document: {esc(source['offline'])}")
        published = source.get("published")
        parts.append("undated" if published in (None, "undated") else f"source of {esc(str(published))}")
        if source.get("accessed"):
            parts.append(f"read {esc(str(source['accessed']))}")
        if source.get("licence"):
            parts.append(f"licence: {esc(source['licence'])}")
        listing = self.href(src, links.DATA_SOURCES_PAGE, f"src-{source_id}")
        return ", ".join(p for p in parts if p) + f" ([`{source_id}`]({listing}))"
