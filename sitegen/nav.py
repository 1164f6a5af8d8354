"""The sectioned navigation (countries under regions and sub-regions, never one flat list), as MkDocs `nav` data.

Hand-written docs pages are an extension point: any docs page that exists and is not generated is added, the
checker page (`checker/`, issue 4) at the top level, the others under "About".
"""

from __future__ import annotations

from typing import Any

from checker import links
from checker.records import Country
from sitegen.context import Ctx
from sitegen.pages_countries import country_src, grouped, region_src

NavItem = Any
ABOUT_ORDER = (
    "using-the-checker",
    "methodology",
    "principles",
    "frameworks",
    "glossary",
    "data-sources",
    "data-changes",
    "hosting",
    "disclaimer",
)
CHECKER_SOURCES = ("checker.md", "checker/index.md")
GROUP_SIZE = 30


def _src(site_path: str) -> str:
    return site_path.rstrip("/") + ".md"


def build_nav(ctx: Ctx, pages: dict[str, str], docs_pages: list[str]) -> list[NavItem]:
    """MkDocs nav for generated pages plus the hand-written ones found in docs/."""
    nav: list[NavItem] = []
    if "index.md" in docs_pages:
        nav.append({"Home": "index.md"})
    if "principles.md" in pages:
        nav.append({"Principles": "principles.md"})
    nav.append(
        {
            "Due-diligence steps": ["steps/index.md"]
            + [{s.meta["title"]: _src(links.step_page(s.slug))} for s in ctx.site.steps]
        }
    )
    nav.append(
        {
            "Case studies": ["case-studies/index.md"]
            + [{c["title"]: _src(links.case_study_page(c["id"]))} for c in ctx.site.case_studies]
        }
    )
    nav.extend({"Deal checker": checker_src} for checker_src in CHECKER_SOURCES if checker_src in docs_pages)
    regions: list[NavItem] = ["countries/index.md"]
    for region, subregions in grouped(ctx).items():
        section: list[NavItem] = [region_src(region)]
        for subregion, members in subregions.items():
            entries = _alphabetical_groups(members)
            if len(subregions) > 1:
                section.append({subregion: entries})
            else:
                section.extend(entries)
        regions.append({region: section})
    nav.append({"Countries": regions})
    reference: list[NavItem] = [
        {
            "Control entries": ["controls/index.md"]
            + [{e["id"]: _src(links.control_page(e["id"]))} for e in ctx.site.control_entries]
        },
        {
            "Capabilities": ["capabilities/index.md"]
            + [
                {c["label"]: _src(links.capability_page(c["id"]))}
                for c in ctx.site.vocabularies.get("capabilities", [])
            ]
        },
        {
            "Finding codes": ["findings/index.md"]
            + [{f"{r.code} {r.name}": _src(links.finding_page(r.code))} for r in ctx.rules]
        },
    ]
    nav.append({"Reference": reference})
    top_pages: dict[str, NavItem] = {
        src: {_title(src, pages): src} for src in pages if "/" not in src and src != "principles.md"
    }
    top_pages.update(  # hand-written pages keep their own titles
        (src, src)
        for src in docs_pages
        if src not in ("index.md", *CHECKER_SOURCES)
        and src not in pages
        and not src.startswith(("overrides/", "assets/"))
    )
    about: list[NavItem] = [top_pages.pop(f"{slug}.md") for slug in ABOUT_ORDER if f"{slug}.md" in top_pages]
    about.extend(top_pages[src] for src in sorted(top_pages))
    nav.append({"About": about})
    return nav


def _alphabetical_groups(members: list[Country]) -> list[NavItem]:
    """Long sub-regions split into alphabetical groups of at most GROUP_SIZE countries.

    Material renders the whole active section into every page, so bounded sections keep each page's size, and
    the build time per page, constant as the country set grows.
    """
    entries = [{c.name: country_src(c.code)} for c in members]
    if len(entries) <= GROUP_SIZE:
        return entries
    count = -(-len(entries) // GROUP_SIZE)
    size = -(-len(entries) // count)
    groups: list[NavItem] = []
    for start in range(0, len(members), size):
        chunk = members[start : start + size]
        first, last = chunk[0].name[:1].upper(), chunk[-1].name[:1].upper()
        label = first if first == last else f"{first}–{last}"
        if any(label in group for group in groups):
            label = f"{chunk[0].name} – {chunk[-1].name}"
        groups.append({label: entries[start : start + size]})
    return groups


def _title(src: str, pages: dict[str, str]) -> str:
    text = pages.get(src, "")
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return src[:-3].replace("-", " ").capitalize()


def nav_sources(nav: list[NavItem]) -> list[str]:
    """Every source path the navigation reaches (tests use it to prove every page is reachable)."""
    found: list[str] = []

    def walk(item: NavItem) -> None:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):
            for child in item.values():
                walk(child)

    walk(nav)
    return found
