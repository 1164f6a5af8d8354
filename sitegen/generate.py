"""Generate every page and the navigation from site_data/, with no MkDocs involved.

`generate(site_data)` returns a `Generated` ({source path: Markdown}, nav, data as-of date). The MkDocs plugin is a
thin adapter over it; another site engine could consume the same result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import links
from checker.provenance import DEFAULT_MAX_AGE_DAYS, staleness
from checker.reference import ReferenceData
from checker.registry import documented_rules
from sitegen import bundle
from sitegen.context import Ctx
from sitegen.loader import SiteData, load_site_data
from sitegen.mdtools import LinkMap, url_of
from sitegen.nav import build_nav
from sitegen.pages_changes import data_changes_page
from sitegen.pages_content import (
    GENERATED_PROSE,
    data_sources_page,
    frameworks_page,
    glossary_page,
    prose_pages,
    step_pages,
)
from sitegen.pages_countries import country_pages, country_src, region_src
from sitegen.pages_reference import capability_pages, case_study_pages, control_pages, finding_pages
from sitegen.problems import Problem, ValidationFailed


@dataclass
class Generated:
    """The generated site: Markdown by source path, the MkDocs-shaped nav, and the compiled bundle used."""

    pages: dict[str, str]
    nav: list[Any]
    bundle: dict[str, Any]
    site: SiteData

    @property
    def as_of(self) -> str:
        return str(self.bundle.get("as_of", ""))


def _src(site_path: str) -> str:
    return site_path.rstrip("/") + ".md"


def planned_sources(site: SiteData, ref: ReferenceData, rules: Iterable[Any]) -> list[str]:
    """Every page the generator will write, known before writing so that any page can link to any other."""
    srcs = [
        "steps/index.md",
        "case-studies/index.md",
        "countries/index.md",
        "controls/index.md",
        "capabilities/index.md",
        "findings/index.md",
    ]
    srcs += [_src(links.step_page(s.slug)) for s in site.steps]
    srcs += [_src(links.case_study_page(c["id"])) for c in site.case_studies]
    srcs += [country_src(code) for code in ref.countries]
    srcs += sorted({region_src(c.region) for c in ref.countries.values()})
    srcs += [_src(links.control_page(e["id"])) for e in site.control_entries]
    srcs += [_src(links.capability_page(c["id"])) for c in site.vocabularies.get("capabilities", [])]
    srcs += [_src(links.finding_page(r.code)) for r in rules]
    srcs += [f"{slug}.md" for slug in site.pages if slug not in GENERATED_PROSE]
    srcs += ["frameworks.md", _src(links.DATA_SOURCES_PAGE), _src(links.DATA_CHANGES_PAGE)]
    if site.glossary:
        srcs.append("glossary.md")
    return srcs


def _heading(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def stale_facts(
    site: SiteData, today: dt.date, max_age_days: int = DEFAULT_MAX_AGE_DAYS
) -> list[tuple[str, int, str, str]]:
    """(file, line, record id, why) for every fact past its review date or not verified for too long."""
    found = []
    for file, record, _prefix in site.facts:
        why = staleness(record, today, max_age_days)
        if why.stale:
            name = record.get("id") or record.get("term") or record.get("title") or record.get("code") or ""
            found.append((file, record.line, str(name), why.text()))
    return found


def generate(
    site_data: Path,
    docs_pages: Iterable[str] = (),
    today: str | None = None,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
) -> Generated:
    """Load and validate site_data/, then write every page in memory; ValidationFailed lists every problem."""
    site = load_site_data(site_data)
    compiled = bundle.collect(site_data, site=site)
    ref = ReferenceData(raw=compiled, origin="site_data")
    rules = documented_rules()  # retired codes keep their pages
    docs = sorted(docs_pages)
    linkmap = LinkMap(planned_sources(site, ref, rules) + docs, fallbacks={links.CHECKER_PAGE: "using-the-checker/"})
    ctx = Ctx(
        site=site,
        ref=ref,
        rules=rules,
        linkmap=linkmap,
        today=today or dt.date.today().isoformat(),
        max_age_days=max_age_days,
    )
    pages: dict[str, str] = {}
    for part in (
        step_pages,
        case_study_pages,
        control_pages,
        capability_pages,
        finding_pages,
        prose_pages,
        frameworks_page,
        data_sources_page,
        data_changes_page,
        country_pages,
    ):
        pages.update(part(ctx))
    ctx.titles = {url_of(src): _heading(text) for src, text in pages.items()}
    pages.update(glossary_page(ctx))
    for src in sorted(set(pages) & set(docs)):
        ctx.problems.append(
            Problem(f"docs/{src}", 1, "(file)", "a hand-written page has the path of a generated page; rename it")
        )
    if ctx.problems:
        raise ValidationFailed(ctx.problems)
    return Generated(pages=pages, nav=build_nav(ctx, pages, docs), bundle=compiled, site=site)
