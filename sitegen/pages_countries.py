"""Country profiles and region indexes, from the compiled reference the checker itself screens against."""

from __future__ import annotations

from collections import defaultdict

from checker import links
from checker.provenance import checked_text
from checker.records import Country, Measure
from sitegen.context import Ctx
from sitegen.mdtools import badge, cell, esc
from sitegen.pages_context import context_line, context_summary, world_map_section

Pages = dict[str, str]
AUTHORITY_NAMES = {"UN": "United Nations", "EU": "European Union", "UK": "United Kingdom", "US": "United States"}


def region_slug(region: str) -> str:
    return links.slug(region)


def region_src(region: str) -> str:
    return f"countries/{region_slug(region)}/index.md"


def country_src(code: str) -> str:
    return links.country_page(code).rstrip("/") + ".md"


def grouped(ctx: Ctx) -> dict[str, dict[str, list[Country]]]:
    """Countries by region then sub-region, each sorted by name (the navigation's shape)."""
    tree: dict[str, dict[str, list[Country]]] = defaultdict(lambda: defaultdict(list))
    for country in sorted(ctx.ref.countries.values(), key=lambda c: (c.region, c.subregion, c.name)):
        tree[country.region][country.subregion].append(country)
    return tree


def country_pages(ctx: Ctx) -> Pages:
    pages: Pages = {}
    tree = grouped(ctx)
    index = [
        "# Countries\n",
        "Every country and territory in the checker's data, grouped by UN M49 region. A country page lists the UN, EU, UK and US measures that target it, with instruments and dates, and the case studies that involve it.\n",
    ]
    index.append(
        f"Data as of **{esc(ctx.ref.as_of)}**. No measure on a page is not a clearance: always check the official lists before you ship.\n"
    )
    index.append(world_map_section(ctx, "countries/index.md"))
    index.append("## Regions {#regions}\n")
    for region, subregions in tree.items():
        count = sum(len(v) for v in subregions.values())
        with_measures = sum(
            1
            for v in subregions.values()
            for c in v
            if ctx.ref.measures_for(c.code) or ctx.ref.regional_measures_for(c.code)
        )
        index.append(
            f"- [{esc(region)}]({ctx.href('countries/index.md', url(region_src(region)))}): {count} countries and territories, {with_measures} with measures"
        )
        pages[region_src(region)] = region_page(ctx, region, subregions)
        for members in subregions.values():
            for country in members:
                pages[country_src(country.code)] = country_page(ctx, country)
    untied = [m for m in ctx.ref.measures.values() if not m.targets]
    if untied:
        index.append(
            "\n## Measures not tied to a country {#untied}\n\nThese apply wherever the listed persons are: screen every party.\n"
        )
        index.extend(measure_block(ctx, "countries/index.md", m) for m in untied)
    pages["countries/index.md"] = "\n".join(index) + "\n"
    return pages


def url(src: str) -> str:
    from sitegen.mdtools import url_of

    return url_of(src)


def region_page(ctx: Ctx, region: str, subregions: dict[str, list[Country]]) -> str:
    src = region_src(region)
    out = [f"# {esc(region)}\n"]
    for subregion, members in subregions.items():
        out.append(f"## {esc(subregion)}\n\n| Country | Measures in force | Context |\n|---|---|---|")
        for country in members:
            count = len([m for m in ctx.ref.measures_for(country.code) if m.in_force])
            regional = len([m for m in ctx.ref.regional_measures_for(country.code) if m.in_force])
            note = f"{count}" + (f" (+{regional} regional)" if regional else "")
            out.append(
                f"| {ctx.country_link(src, country.code)} | {note if count or regional else 'none in our data'} "
                f"| {esc(context_line(ctx, country.code))} |"
            )
        out.append("")
    return "\n".join(out) + "\n"


def measure_block(ctx: Ctx, src: str, measure: Measure) -> str:
    """One measure: authority, type, instrument, dates, confidence badge, and a visible note if doubtful."""
    kind = ctx.ref.label("measure_types", measure.type)
    lines = [f"### {esc(measure.authority)}: {esc(measure.title)} {{#{measure.id}}}\n"]
    lines.append(f"{badge(measure.confidence)} **{esc(kind)}**" + ("" if measure.in_force else " (lifted)") + "\n")
    lines.append(f"{' '.join(measure.scope.split())}\n")
    facts = [
        ("Authority", AUTHORITY_NAMES.get(measure.authority, measure.authority)),
        ("Instrument", esc(measure.instrument)),
    ]
    if measure.regime == "authorisation":
        facts.append(("Regime", "prior authorisation: " + esc(measure.authorisation_route)))
    elif measure.regime == "prohibition":
        facts.append(("Regime", "prohibition"))
    facts.append(("Date", esc(measure.date) if measure.date else "not recorded"))
    if measure.review_by:
        facts.append(("Review or expiry", esc(measure.review_by)))
    if measure.ended:
        facts.append(("Ended", esc(measure.ended)))
    subdivisions = [t for t in measure.targets if "-" in t]
    if subdivisions:
        facts.append(("Applies to", ", ".join(subdivisions) + " (part of the country)"))
    stale = ctx.stale_note(measure.raw)
    facts.append(("Checked", esc(checked_text(measure.raw)) + (f" {stale}" if stale else "")))
    facts.append(("Sources", "; ".join(ctx.source_line(src, s) for s in measure.sources)))
    lines.append("| Fact | Detail |\n|---|---|\n" + "\n".join(f"| {k} | {cell(v)} |" for k, v in facts) + "\n")
    confidence = measure.confidence
    if confidence == "unverified":
        lines.append(
            '!!! warning "Unverified"\n    This measure is **unverified**: recalled, not confirmed in a cited source. Check the official list.\n'
        )
    elif confidence == "possibly_lapsed" or (measure.in_force and measure.review_by and measure.review_by < ctx.today):
        lines.append(
            '!!! warning "Possibly lapsed"\n    Its renewal or expiry date has passed and no later source confirms it. Check whether it was renewed.\n'
        )
    return "\n".join(lines)


def country_page(ctx: Ctx, country: Country) -> str:
    code = country.code
    src = country_src(code)
    measures = ctx.ref.measures_for(code)
    regional = [m for m in ctx.ref.regional_measures_for(code) if m not in measures]
    in_force = [m for m in measures + regional if m.in_force]
    lifted = [m for m in measures + regional if not m.in_force]
    region_link = f"[{esc(country.region)}]({ctx.href(src, url(region_src(country.region)))})"
    out = [f"# {esc(country.name)} ({code})\n"]
    if country.official_name and country.official_name != country.name:
        out.append(f"*{esc(country.official_name)}*\n")
    out.append(f"**Region:** {region_link}, {esc(country.subregion)}\n")
    out.append(context_summary(ctx, src, code, in_force))
    out.append("## Measures in force {#measures}\n")
    if in_force:
        out.append(
            f"{len(in_force)} measure{'s' if len(in_force) != 1 else ''} in our data (UN, EU, UK, US), as of {esc(ctx.ref.as_of)}.\n"
        )
        out.extend(measure_block(ctx, src, m) for m in in_force)
    else:
        out.append(
            f"No UN, EU, UK or US measure in our data targets {esc(country.name)} as of {esc(ctx.ref.as_of)}. This is"
            " **not a clearance**: parties may still be listed, the product may need a licence, and the human-rights"
            f" steps still apply ({ctx.step_link(src, 'filter-the-deal')}, {ctx.step_link(src, 'destination-context')}).\n"
        )
    if lifted:
        out.append("## Lifted measures {#lifted}\n\nKept so that old advice is recognised as old.\n")
        out.extend(measure_block(ctx, src, m) for m in lifted)
    roles = ctx.cases_for_country(code)
    if any(roles.values()):
        out.append("## Case studies {#case-studies}\n")
        for role, heading in (
            ("destination", "As a destination"),
            ("vendor", "As the vendor's country"),
            ("intermediary", "As an intermediary's country"),
        ):
            if roles[role]:
                out.append(f"**{heading}:**\n\n" + "\n".join(f"- {ctx.case_link(src, c)}" for c in roles[role]) + "\n")
    source_ids = sorted({s for m in measures + regional for s in m.sources})
    official = [s for s in source_ids if str(ctx.ref.sources.get(s, {}).get("url", "")).startswith("http")]
    out.append("## Official sources and lists {#official-sources}\n")
    if official:
        out.append("\n".join(f"- {ctx.source_line(src, s)}" for s in official) + "\n")
    official_lists = [a for a in ctx.ref.authorities.values() if a.get("lists_url")]
    if official_lists:
        out.append(
            "Check the current official lists before you ship:\n\n"
            + "\n".join(f"- {esc(a['name'])}: [{esc(a['lists_title'])}]({a['lists_url']})" for a in official_lists)
            + "\n"
        )
    out.append("The [data sources](../data-sources.md) page lists every source this site uses.\n")
    meta = ctx.site.countries_meta
    out.append(
        ctx.sources_block(src, list(meta.get("sources", [])), meta, meta.get("confidence")).replace(
            "## Sources {#sources}", "## Country data sources {#sources}"
        )
    )
    return "\n".join(out)
