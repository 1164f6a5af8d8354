"""Guidance pages: the eight steps, prose pages, glossary, frameworks comparison and the data-sources listing."""

from __future__ import annotations

from typing import Any

from checker import links
from checker.provenance import checked_text
from sitegen.context import Ctx
from sitegen.loader import MarkdownDoc
from sitegen.mdtools import cell, confidence_note, esc
from sitegen.pages_reference import unverified_notes
from sitegen.problems import Problem

Pages = dict[str, str]
FRAMEWORK_NAMES = {
    "techuk_2014": "techUK/IHRB 2014",
    "eu_2024_2659": "EU Recommendation 2024/2659",
    "us_2020": "US State Department 2020",
}
GENERATED_PROSE = ("frameworks", "glossary", "data-sources")


def _body(ctx: Ctx, doc: MarkdownDoc, src: str) -> str:
    lead = len(doc.body) - len(doc.body.lstrip())
    line = doc.body_line + doc.body[:lead].count("\n")
    return ctx.linkmap.rewrite(doc.body.strip(), src, doc.file, line, "(body)", ctx.problems)


def step_pages(ctx: Ctx) -> Pages:
    pages: Pages = {}
    rows = []
    for number, doc in enumerate(ctx.site.steps, start=1):
        src = links.step_page(doc.slug).rstrip("/") + ".md"
        pages[src] = step_page(ctx, doc, src, number)
        rows.append(
            f"{number}. {ctx.step_link('steps/index.md', doc.slug)}: {' '.join(str(doc.meta['summary']).split())}"
        )
    pages["steps/index.md"] = (
        "# Due-diligence steps\n\nEight steps, in the order a deal meets them. Each gives the questions to ask, the"
        " evidence to keep, the red flags and what to do; the deal checker reports its findings under the same steps.\n\n"
        + "\n".join(rows)
        + "\n"
    )
    return pages


def step_page(ctx: Ctx, doc: MarkdownDoc, src: str, number: int) -> str:
    meta = doc.meta
    out = [f"# {number}. {esc(meta['title'])}\n", confidence_note(meta.get("confidence"), "This page")]
    out.append(f"*{' '.join(str(meta['summary']).split())}*\n")
    out.append(_body(ctx, doc, src) + "\n")
    out.append(
        "## Questions to ask {#questions}\n\n" + "\n".join(f"- {' '.join(q.split())}" for q in meta["questions"]) + "\n"
    )
    out.append(
        "## Evidence to keep {#evidence}\n\n" + "\n".join(f"- {' '.join(e.split())}" for e in meta["evidence"]) + "\n"
    )
    if meta["red_flags"]:
        flags = ctx.ref.vocabulary("red_flags")
        out.append(
            "## Red flags {#red-flags}\n\n"
            + "\n".join(
                f"- **{esc(flags[f]['label'])}**: {' '.join(str(flags[f]['description']).split())}"
                for f in meta["red_flags"]
            )
            + "\n"
        )
    out.append("## What to do {#actions}\n\n" + "\n".join(f"- {' '.join(a.split())}" for a in meta["actions"]) + "\n")
    if meta.get("frameworks"):
        out.append("## What the frameworks say {#frameworks}\n")
        for key, name in FRAMEWORK_NAMES.items():
            if key in meta["frameworks"]:
                out.append(f"**{name}.** {' '.join(meta['frameworks'][key].split())}\n")
    rules = ctx.rules_for_step(doc.slug)
    if rules:
        out.append(
            "## Checker findings for this step {#findings}\n\n"
            + "\n".join(f"- {ctx.finding_link(src, r)} (`{r.severity.label}`)" for r in rules)
            + "\n"
        )
    cases = ctx.cases_where("failed_steps", doc.slug)
    if cases:
        out.append(
            "## Case studies where this step failed {#case-studies}\n\n"
            + "\n".join(f"- {ctx.case_link(src, c)}" for c in cases)
            + "\n"
        )
    out.append(unverified_notes(meta.get("unverified")))
    out.append(ctx.sources_block(src, meta["sources"], meta, meta.get("confidence")))
    return "\n".join(part for part in out if part)


def prose_pages(ctx: Ctx) -> Pages:
    """Every content/pages/<slug>.md becomes <slug>/ (frameworks, glossary and data-sources get generated parts)."""
    pages: Pages = {}
    for slug, doc in ctx.site.pages.items():
        if slug in GENERATED_PROSE:
            continue
        src = f"{slug}.md"
        out = [
            f"# {esc(doc.meta['title'])}\n",
            confidence_note(doc.meta.get("confidence"), "This page"),
            _body(ctx, doc, src) + "\n",
        ]
        out.append(unverified_notes(doc.meta.get("unverified")))
        out.append(ctx.sources_block(src, doc.meta["sources"], doc.meta, doc.meta.get("confidence")))
        pages[src] = "\n".join(p for p in out if p)
    return pages


def _intro(ctx: Ctx, slug: str, default_title: str) -> tuple[str, str, MarkdownDoc | None]:
    doc = ctx.site.pages.get(slug)
    src = f"{slug}.md"
    if doc is None:
        return f"# {default_title}\n", "", None
    return f"# {esc(doc.meta['title'])}\n", _body(ctx, doc, src) + "\n", doc


def frameworks_page(ctx: Ctx) -> Pages:
    src = "frameworks.md"
    title, intro, doc = _intro(ctx, "frameworks", "Frameworks compared")
    out = [
        title,
        intro or "The three frameworks this guide follows, compared step by step as the step pages quote them.\n",
    ]
    out.append("## Step by step {#by-step}\n")
    out.append("| Step | " + " | ".join(FRAMEWORK_NAMES.values()) + " |\n|---|---|---|---|")
    for doc_step in ctx.site.steps:
        frameworks = doc_step.meta.get("frameworks") or {}
        cells = [cell(frameworks.get(k, "not addressed in our sources")) for k in FRAMEWORK_NAMES]
        out.append(f"| {ctx.step_link(src, doc_step.slug)} | " + " | ".join(cells) + " |")
    out.append("")
    sources = sorted({s for d in ctx.site.steps for s in d.meta["sources"]} | set(doc.meta["sources"] if doc else []))
    out.append(ctx.sources_block(src, sources, doc.meta if doc else {"verified_on": ctx.ref.as_of}))
    return {src: "\n".join(out)}


def glossary_page(ctx: Ctx) -> Pages:
    if not ctx.site.glossary:
        return {}
    src = "glossary.md"
    title, intro, _ = _intro(ctx, "glossary", "Glossary")
    out = [title, intro]
    for term in sorted(ctx.site.glossary, key=lambda t: str(t["term"]).lower()):
        definition = ctx.linkmap.rewrite(
            str(term["definition"]).strip(),
            src,
            ctx.site.glossary_file,
            term.value_line("definition"),
            "definition",
            ctx.problems,
        )
        out.append(f"## {esc(term['term'])} {{#{term_anchor(term)}}}\n\n{definition}\n")
        if term.get("see_also"):
            out.append(
                "See also: " + ", ".join(_see_also(ctx, src, term, i) for i in range(len(term["see_also"]))) + "\n"
            )
        if term.get("related_cases"):
            cases = [c for c in ctx.site.case_studies if c["id"] in term["related_cases"]]
            out.append("Case studies: " + ", ".join(ctx.case_link(src, c) for c in cases) + "\n")
        out.append(unverified_notes(term.get("unverified")))
        out.append(
            "Sources: "
            + "; ".join(ctx.source_line(src, s) for s in term["sources"])
            + f". {esc(checked_text(term))[:1].upper()}{esc(checked_text(term))[1:]}.\n"
        )
    return {src: "\n".join(p for p in out if p)}


def term_anchor(term: dict[str, object]) -> str:
    return str(term.get("id") or links.slug(str(term["term"])))


def _see_also(ctx: Ctx, src: str, term: Any, index: int) -> str:
    """A see-also entry is a site path (`steps/end-user/`) or another term's anchor (`#catch-all-control`)."""
    target = str(term["see_also"][index])
    if target.startswith("#"):
        anchors = {term_anchor(t) for t in ctx.site.glossary}
        if target[1:] in anchors:
            return f"[{esc(target[1:])}]({target})"
    else:
        path = target.strip("/") + "/" if target.strip("/") else ""
        if path in ctx.linkmap.by_url:
            return f"[{esc(_title_of(ctx, path))}]({ctx.href(src, path)})"
    line = term["see_also"].line_of(index)
    ctx.problems.append(
        Problem(
            ctx.site.glossary_file,
            line,
            f"see_also[{index}]",
            f"{target!r} is not a page of the site or a glossary term",
        )
    )
    return esc(target)


def _title_of(ctx: Ctx, path: str) -> str:
    return ctx.titles.get(path, path.rstrip("/").split("/")[-1].replace("-", " ").capitalize() or "Home")


def party_lists_section(ctx: Ctx) -> str:
    """Which restricted-party lists, of which dates, the checker screens (the compiled checker/data/party_lists.json
    plus the curated list), or that only the curated list is configured."""
    from checker.parties import screener_for

    prov = screener_for(ctx.ref).provenance()
    curated = prov["curated"]
    out = [
        "## Restricted-party lists screened {#party-lists}\n",
        "The deal checker screens the end user and every intermediary against these lists"
        " (strong match at a score of at least"
        f" {prov['thresholds']['strong']:.2f}, possible match at {prov['thresholds']['possible']:.2f}).\n",
        "| List | Publisher | Date | Entries |\n|---|---|---|---|",
        f"| {cell(esc(curated['name']))} | Cyber Export Risk Guide | {esc(curated['as_of'] or 'not dated')}"
        f" | {curated['entries']} |",
    ]
    for meta in prov["imported"]:
        name = f"[{esc(meta['name'])}]({meta['url']})" if meta.get("url") else esc(meta["name"])
        out.append(
            f"| {cell(name)} | {cell(esc(meta.get('publisher') or 'not stated'))} | {esc(meta.get('date') or 'not dated')}"
            f" | {meta.get('entries', '')} |"
        )
    if prov["imported"]:
        note = "Imported lists are compiled into the checker's data when the site is built; the date is the list's own."
    else:
        note = (
            "**No official sanctions or entity list is configured**: the checker screens parties against the curated"
            " list above only (listed surveillance vendors named in the case studies). Screen every party against the"
            " official lists (for example the OFAC SDN list and the EU, UK and UN consolidated lists) before you"
            " proceed. A site operator adds a list with `dealcheck lists import FORMAT FILE`."
        )
    out.append(f"\n{note}\n")
    return "\n".join(out)


def data_sources_page(ctx: Ctx) -> Pages:
    src = links.DATA_SOURCES_PAGE.rstrip("/") + ".md"
    title, intro, _ = _intro(ctx, "data-sources", "Data sources")
    out = [title, intro or "Every source this site and the deal checker rely on, with its date and licence.\n"]
    out.append(
        f"## Datasets {{#datasets}}\n\nThe checker's compiled data, version `{esc(ctx.ref.version)}`, as of **{esc(ctx.ref.as_of)}**.\n"
    )
    out.append("| Dataset | Records | As of |\n|---|---|---|")
    out.extend(
        f"| {cell(esc(dataset['name']))} | {dataset['records']} | {esc(dataset['as_of'] or 'not dated')} |"
        for dataset in ctx.ref.datasets()
    )
    counts: dict[str, int] = {}
    for measure in ctx.ref.measures.values():
        counts[str(measure.confidence)] = counts.get(str(measure.confidence), 0) + 1
    out.append(
        "\nMeasures by confidence: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(counts.items()))
        + ".\n"
    )
    out.append(party_lists_section(ctx))
    out.append(
        "## Sources {#sources}\n\n*Published* is the source's own date; *read* is the day we last read it. "
        "The kind says what the source is worth: only official texts, court records, a party's own filings, the "
        "document a fact describes, or two independent reputable reports may confirm a fact.\n\n"
        "| Id | Source | Publisher | Kind | Published | Read | Licence |\n|---|---|---|---|---|---|---|"
    )
    for source_id, source in sorted(ctx.ref.sources.items()):
        link = str(source.get("url") or "")
        if not link.startswith(("http://", "https://")):
            link = ctx.href(src, link) if link in ctx.linkmap.by_url else ""
        title = f"[{esc(source['title'])}]({link})" if link else esc(source["title"])
        if source.get("offline"):
            title += f" (offline document: {esc(source['offline'])})"
        anchor = f'<span id="src-{esc(source_id)}"></span>`{esc(source_id)}`'
        kind = str(source.get("kind", "")).replace("_", " ")
        out.append(
            f"| {anchor} | {cell(title)} | {cell(esc(source['publisher']))} | {esc(kind)} | "
            f"{esc(str(source.get('published') or 'undated'))} | {esc(str(source.get('accessed') or ''))} | "
            f"{cell(esc(source.get('licence') or 'not stated'))} |"
        )
    return {src: "\n".join(out) + "\n"}
