"""The human-rights context summary that opens every country page, from the same bundle the checker screens with.

Indicator values with year, dataset, licence and source (or an explicit "no data in this dataset"), the documented
misuse by capability family with links to case studies and sources, measures in force, and the diversion-hub note.
"""

from __future__ import annotations

import posixpath

from checker import country_context, links
from checker.records import Measure, MisuseRecord
from sitegen.context import Ctx
from sitegen.mdtools import badge, cell, esc


def context_summary(ctx: Ctx, src: str, code: str, in_force: list[Measure]) -> str:
    out = ["## Human-rights context {#context}\n"]
    out.append(
        "What published indicators and documented cases say about the country. They inform the judgement in "
        f"{ctx.step_link(src, 'destination-context')}; they do not make it, and the absence of a record is not "
        f"evidence that nothing happened. The [methodology]({ctx.href(src, 'methodology/', 'context-policy')}) explains "
        "how the checker weighs them.\n"
    )
    out.append(indicator_table(ctx, src, code))
    out.append(misuse_block(ctx, src, code))
    if in_force:
        out.append(
            f"**Measures in force:** {len(in_force)} ([listed below](#measures)): "
            + "; ".join(f"{esc(m.authority)} {esc(ctx.ref.label('measure_types', m.type).lower())}" for m in in_force)
            + ".\n"
        )
    else:
        out.append("**Measures in force:** none in our data ([see below](#measures)).\n")
    out.append(hub_block(ctx, src, code))
    return "\n".join(out)


def indicator_table(ctx: Ctx, src: str, code: str) -> str:
    readings = country_context.readings(ctx.ref, code)
    if not readings:
        return "### Indicators {#indicators}\n\nNo indicator dataset is loaded on this site.\n"
    rows = [
        "### Indicators {#indicators}\n",
        "| Indicator | Value | Year | Dataset | Licence | Sources |",
        "|---|---|---|---|---|---|",
    ]
    stale: dict[str, str] = {}
    for reading in readings:
        dataset = reading.dataset
        value = reading.value_text()
        if reading.repressive:
            value += " (at or below the repression threshold)"
        elif reading.strong:
            value += " (meets the strong threshold)"
        sources = "; ".join(ctx.source_line(src, s) for s in dataset.get("sources", [])[:1])
        rows.append(
            "| "
            + " | ".join(
                cell(x)
                for x in (
                    esc(reading.label),
                    f'<span class="ceg-indicator" data-indicator="{esc(reading.indicator["id"])}">{esc(value)}</span>',
                    esc(reading.year or "—"),
                    esc(f"{dataset['title']} ({dataset['edition']})"),
                    esc(dataset["licence"]),
                    sources,
                )
            )
            + " |"
        )
        if reading.stale(ctx.today):
            stale[reading.dataset_name] = str(dataset["next_edition_expected"])
    notes = [
        f'!!! warning "Possibly outdated"\n    The {esc(name)} is past the date its next edition was expected '
        f"({esc(due)}). A newer edition may give different values: check the publisher.\n"
        for name, due in stale.items()
    ]
    return "\n".join(rows) + "\n\n" + "\n".join(notes)


def misuse_block(ctx: Ctx, src: str, code: str) -> str:
    records = country_context.misuse_records(ctx.ref, code)
    out = ["### Documented misuse of surveillance technology {#misuse}\n"]
    if not records:
        out.append(
            "No documented misuse in our data (case studies and misuse records). This is not a clearance: our records "
            "are not complete.\n"
        )
        return "\n".join(out)
    by_family: dict[str, list[MisuseRecord]] = {}
    for record in records:
        for family in record.families:
            by_family.setdefault(family, []).append(record)
    for family in ctx.ref.vocabulary("capability_families"):
        if family not in by_family:
            continue
        out.append(f"**{esc(ctx.ref.label('capability_families', family))}:**\n")
        out.extend("- " + _misuse_line(ctx, src, record) for record in by_family[family])
        out.append("")
    return "\n".join(out)


def _misuse_line(ctx: Ctx, src: str, record: MisuseRecord) -> str:
    if record.from_case_study:
        case = next(c for c in ctx.site.case_studies if c["id"] == record.case_studies[0])
        return f"{ctx.case_link(src, case)} ({esc(record.date)}) {badge(record.confidence)}"
    sources = "; ".join(ctx.source_line(src, s) for s in record.sources)
    return (
        f"**{esc(record.title)}** ({esc(record.date)}) {badge(record.confidence)}: "
        f"{esc(' '.join(record.summary.split()))} Documented by {esc(record.documented_by)}. Sources: {sources}"
    )


def hub_block(ctx: Ctx, src: str, code: str) -> str:
    record = country_context.hub(ctx.ref, code)
    if not record:
        return ""
    sources = "; ".join(ctx.source_line(src, s) for s in record.sources)
    cases = "".join(f" See {ctx.case_link(src, c)}." for c in ctx.site.case_studies if c["id"] in record.case_studies)
    return (
        f"### Diversion and transshipment hub {{#diversion}}\n\n{badge(record.confidence)} "
        f"{esc(' '.join(record.note.split()))}{cases} Sources: {sources}\n"
    )


def country_colour_class(ctx: Ctx, code: str) -> str:
    """The map's colour class for a country: what the context policy would weigh, most serious first."""
    readings = country_context.readings(ctx.ref, code)
    misuse = country_context.misuse_records(ctx.ref, code)
    if any(r.repressive for r in readings) and misuse:
        return "ceg-map-both"
    if any(r.repressive for r in readings):
        return "ceg-map-repression"
    if misuse:
        return "ceg-map-misuse"
    if not any(r.has_value for r in readings):
        return "ceg-map-nodata"
    return "ceg-map-other"


def country_url(code: str) -> str:
    return links.country_page(code)


MAP_LEGEND = [
    ("ceg-map-both", "Indicator at the repression threshold and documented misuse"),
    ("ceg-map-repression", "Indicator at the repression threshold"),
    ("ceg-map-misuse", "Documented misuse of surveillance technology"),
    ("ceg-map-other", "Neither in our data (not a clearance)"),
    ("ceg-map-nodata", "No indicator data"),
    ("ceg-map-measures", "Dark outline: UN, EU, UK or US measures in force"),
]


def context_line(ctx: Ctx, code: str) -> str:
    """One-line text alternative: indicator values with year, misuse records, measures in force."""
    parts = [
        f"{reading.label} {reading.value_text().split(' (')[0]} ({reading.year})"
        for reading in country_context.readings(ctx.ref, code)
        if reading.has_value
    ]
    if not parts:
        parts.append("no indicator data")
    misuse = country_context.misuse_records(ctx.ref, code)
    parts.append(f"{len(misuse)} misuse record{'s' if len(misuse) != 1 else ''}" if misuse else "no misuse record")
    measures = [m for m in ctx.ref.measures_for(code) + ctx.ref.regional_measures_for(code) if m.in_force]
    parts.append(
        f"{len(measures)} measure{'s' if len(measures) != 1 else ''} in force" if measures else "no measure in force"
    )
    return "; ".join(parts)


def map_describe(ctx: Ctx, code: str) -> tuple[str, str]:
    css = country_colour_class(ctx, code)
    if any(m.in_force for m in ctx.ref.measures_for(code) + ctx.ref.regional_measures_for(code)):
        css += " ceg-map-measures"
    return css, context_line(ctx, code)


def world_map_section(ctx: Ctx, src: str) -> str:
    from sitegen.worldmap import world_map_svg

    numeric = {str(c["numeric"]): str(c["alpha2"]) for c in ctx.ref.raw.get("country_codes", [])}
    base = posixpath.dirname(src)

    def href(code: str) -> str:
        target = links.country_page(code)
        return posixpath.relpath(target, base or ".") + "/"

    svg = world_map_svg(
        ctx.site.root,
        list(ctx.ref.countries.values()),
        numeric,
        href,
        lambda code: map_describe(ctx, code),
        MAP_LEGEND,
    )
    return (
        "## World map {#map}\n\n"
        "Each country is coloured by what the destination-context policy weighs (indicators at the repression "
        "threshold, documented misuse) and outlined when measures are in force; each links to its page. The same "
        "facts are in the region tables below. Outlines: Natural Earth (public domain) via world-atlas 2.0.2 (ISC); "
        "equirectangular projection, not to scale by area.\n\n"
        f'<div class="ceg-map" markdown="0">\n{svg}\n</div>\n'
    )
