"""Pages for case studies, control entries, capabilities and finding codes, each linking to the others."""

from __future__ import annotations

import json
from typing import Any

from checker import links
from checker.findings import Rule
from checker.rule_titles import title
from sitegen.context import Ctx
from sitegen.mdtools import badge, cell, confidence_note, esc
from sitegen.yamlmarks import MarkedDict

Pages = dict[str, str]


def _src(site_path: str) -> str:
    return site_path.rstrip("/") + ".md"


def unverified_notes(notes: list[str] | None) -> str:
    """The record's own list of unconfirmed points, shown as a visible warning."""
    if not notes:
        return ""
    body = "\n".join(f"    - {' '.join(str(n).split())}" for n in notes)
    return f'!!! warning "Unverified points"\n    The cited sources do not confirm the following:\n\n{body}\n'


def case_study_pages(ctx: Ctx) -> Pages:
    pages: Pages = {}
    index_src = "case-studies/index.md"
    rows = ["| Case | Vendor | Destinations | Years |", "|---|---|---|---|"]
    for case in ctx.site.case_studies:
        src = _src(links.case_study_page(case["id"]))
        pages[src] = case_study(ctx, case, src)
        places = ", ".join(ctx.country_link(index_src, c) for c in case["destinations"])
        rows.append(
            f"| {ctx.case_link(index_src, case)} | {cell(esc(case['vendor']))} | {places} | {cell(esc(case['years']))} |"
        )
    pages[index_src] = (
        "# Case studies\n\nReal exports of surveillance technology that reached people who used it against their own"
        " citizens, told only as far as the cited sources state the facts. Each one names the due-diligence steps that"
        " failed.\n\n" + "\n".join(rows) + "\n"
    )
    return pages


def case_tags(ctx: Ctx, case: dict[str, Any]) -> str:
    """Front matter tags (Material's tags plugin): the capabilities involved and the steps that failed."""
    steps = {s["id"]: s.get("title", s["id"]) for s in ctx.ref.steps}
    tags = [ctx.ref.label("capabilities", c) for c in case["capabilities"]]
    tags += [f"Failed step: {steps.get(step, step)}" for step in case["failed_steps"]]
    return "---\ntags:\n" + "".join(f"  - {json.dumps(t)}\n" for t in tags) + "---\n\n"


def case_study(ctx: Ctx, case: MarkedDict, src: str) -> str:
    file = ctx.site.case_files.get(case["id"], src)
    rewrite = ctx.linkmap.rewrite
    out = [
        case_tags(ctx, case) + f"# {esc(case['title'])}\n",
        confidence_note(case.get("confidence"), "This case study"),
    ]
    out.append(f"{rewrite(case['summary'].strip(), src, file, case.value_line('summary'), 'summary', ctx.problems)}\n")
    facts = [
        (
            "Vendor",
            esc(case["vendor"])
            + (f" ({ctx.country_link(src, case['vendor_country'])})" if case.get("vendor_country") else ""),
        ),
        ("Product", esc(case["product"])),
        ("Capabilities", ", ".join(ctx.capability_link(src, c) for c in case["capabilities"])),
        ("Destinations", ", ".join(ctx.country_link(src, c) for c in case["destinations"])),
        ("End users", "<br>".join(esc(u) for u in case["end_users"])),
        ("End-user types", ", ".join(esc(ctx.ref.label("end_user_types", t)) for t in case["end_user_types"])),
        ("Years", esc(case["years"])),
    ]
    if case.get("intermediaries"):
        parties = []
        for party in case["intermediaries"]:
            text = f"{esc(party['name'])}: {esc(ctx.ref.label('intermediary_roles', party['role']))}"
            if party.get("country"):
                text += f", {ctx.country_link(src, party['country'])}"
            if party.get("free_zone"):
                text += " (free zone)"
            parties.append(text)
        facts.append(("Intermediaries", "<br>".join(parties)))
    out.append("| Fact | Detail |\n|---|---|\n" + "\n".join(f"| **{k}** | {cell(v)} |" for k, v in facts) + "\n")
    for key, heading in (("what_happened", "What happened"), ("consequences", "Consequences")):
        out.append(
            f"## {heading}\n\n{rewrite(case[key].strip(), src, file, case.value_line(key), key, ctx.problems)}\n"
        )
    out.append(
        "## Steps that failed {#failed-steps}\n\n"
        + "\n".join(f"- {ctx.step_link(src, s)}" for s in case["failed_steps"])
        + "\n"
    )
    if case.get("lessons"):
        out.append(
            f"## Lessons\n\n{rewrite(case['lessons'].strip(), src, file, case.value_line('lessons'), 'lessons', ctx.problems)}\n"
        )
    if case.get("related_entries"):
        out.append(
            "## Control-list entries {#controls}\n\n"
            + "\n".join(f"- {ctx.control_link(src, e)}" for e in case["related_entries"])
            + "\n"
        )
    related = [c for c in ctx.site.case_studies if c["id"] in (case.get("related_cases") or [])]
    related += [c for c in ctx.site.case_studies if case["id"] in (c.get("related_cases") or []) and c not in related]
    if related:
        out.append("## Related case studies\n\n" + "\n".join(f"- {ctx.case_link(src, c)}" for c in related) + "\n")
    out.append(unverified_notes(case.get("unverified")))
    out.append(ctx.sources_block(src, case["sources"], case, case["confidence"]))
    return "\n".join(part for part in out if part)


def control_pages(ctx: Ctx) -> Pages:
    pages: Pages = {}
    index_src = "controls/index.md"
    rows = ["| Entry | Regime | Title |", "|---|---|---|"]
    for entry in ctx.site.control_entries:
        src = _src(links.control_page(entry["id"]))
        pages[src] = control_entry(ctx, entry, src)
        rows.append(
            f"| {ctx.control_link(index_src, entry['id'])} | {esc(entry['regime'])} | {cell(esc(entry['title']))} |"
        )
    pages[index_src] = (
        "# Control-list entries\n\nThe export-control entries that most often cover surveillance and security products."
        " Classification is a legal determination: these pages help you ask the right question, they do not answer it.\n\n"
        + "\n".join(rows)
        + "\n"
    )
    return pages


def control_entry(ctx: Ctx, entry: dict[str, Any], src: str) -> str:
    regime = {"wassenaar": "Wassenaar Arrangement", "eu": "European Union", "us": "United States"}[entry["regime"]]
    out = [f"# {esc(entry['id'])}: {esc(entry['title'])}\n", confidence_note(entry.get("confidence"), "This entry")]
    out.append(f"**Regime:** {regime} {badge(entry.get('confidence'))}\n")
    out.append(f"{entry['summary'].strip()}\n")
    out.append(f"## Licence\n\n{entry['licence'].strip()}\n")
    if entry.get("notes"):
        out.append(f"## Notes\n\n{entry['notes'].strip()}\n")
    if entry.get("decontrol_notes"):
        out.append(f"## Decontrol notes\n\n{entry['decontrol_notes'].strip()}\n")
    caps = ctx.capabilities_of_entry(entry["id"])
    if caps:
        out.append(
            "## Capabilities {#capabilities}\n\n" + "\n".join(f"- {ctx.capability_link(src, c)}" for c in caps) + "\n"
        )
    cases = ctx.cases_where("related_entries", entry["id"])
    if cases:
        out.append(
            "## Case studies {#case-studies}\n\n" + "\n".join(f"- {ctx.case_link(src, c)}" for c in cases) + "\n"
        )
    out.append(ctx.sources_block(src, entry["sources"], entry, entry["confidence"]))
    return "\n".join(part for part in out if part)


RISK_WORDS = {"high": "High", "medium": "Medium", "low": "Low", "none": "None"}


def capability_pages(ctx: Ctx) -> Pages:
    pages: Pages = {}
    index_src = "capabilities/index.md"
    rows = ["| Capability | Surveillance risk | Likely entries |", "|---|---|---|"]
    for cap in ctx.site.vocabularies.get("capabilities", []):
        src = _src(links.capability_page(cap["id"]))
        pages[src] = capability(ctx, cap, src)
        entries = ", ".join(f"[{esc(e)}]({ctx.href(index_src, links.control_page(e))})" for e in cap["likely_entries"])
        rows.append(
            f"| {ctx.capability_link(index_src, cap['id'])} | {RISK_WORDS[cap['surveillance_risk']]} | {entries or '-'} |"
        )
    pages[index_src] = (
        "# Capabilities\n\nWhat a product can do, and what it could be used to do to people. The checker asks for"
        " these capabilities; each page lists the rights at stake, the control entries likely to apply and the"
        " case studies where the capability featured.\n\n" + "\n".join(rows) + "\n"
    )
    return pages


def capability(ctx: Ctx, cap: dict[str, Any], src: str) -> str:
    out = [f"# {esc(cap['label'])}\n", confidence_note(cap.get("confidence"), "This capability description")]
    out.append(f"**Surveillance risk:** {RISK_WORDS[cap['surveillance_risk']]} {badge(cap.get('confidence'))}\n")
    out.append(f"{cap['description'].strip()}\n")
    out.append(f"## What it could be used to do to people {{#harms}}\n\n{cap['harms'].strip()}\n")
    if cap["rights"]:
        rights = ctx.ref.vocabulary("rights")
        out.append(
            "## Rights at stake {#rights}\n\n"
            + "\n".join(
                f"- **{esc(rights[r]['label'])}**: {' '.join(str(rights[r]['description']).split())}"
                for r in cap["rights"]
            )
            + "\n"
        )
    if cap.get("examples"):
        out.append("## Examples\n\n" + "\n".join(f"- {esc(e)}" for e in cap["examples"]) + "\n")
    entries = ctx.entries_of_capability(cap["id"])
    if entries:
        out.append(
            "## Control-list entries likely to apply {#controls}\n\nA first guess, not a classification.\n\n"
            + "\n".join(f"- {ctx.control_link(src, e)}" for e in entries)
            + "\n"
        )
    cases = ctx.cases_where("capabilities", cap["id"])
    if cases:
        out.append(
            "## Case studies {#case-studies}\n\n" + "\n".join(f"- {ctx.case_link(src, c)}" for c in cases) + "\n"
        )
    out.append(ctx.sources_block(src, cap["sources"], cap, cap.get("confidence")))
    return "\n".join(part for part in out if part)


SEVERITY_WORDS = {
    "stop": "Stop: the deal must not go ahead as it stands.",
    "escalate": "Escalate: a senior decision-maker (and possibly the authority) must decide.",
    "condition": "Condition: proceed only with the stated safeguard in place.",
    "info": "Information: no action forced, but record it.",
}


def finding_pages(ctx: Ctx) -> Pages:
    pages: Pages = {}
    index_src = "findings/index.md"
    rows = ["| Code | Finding | Severities | Step | Since |", "|---|---|---|---|---|"]
    for rule in ctx.rules:
        src = _src(links.finding_page(rule.code))
        pages[src] = finding(ctx, rule, src)
        shown = "retired " + str(rule.retired_in) if rule.status == "retired" else severity_labels(rule)
        rows.append(
            f"| [{rule.code}]({ctx.href(index_src, links.finding_page(rule.code))}) | {cell(esc(title(rule.code)))} "
            f"| {shown} | {ctx.step_link(index_src, rule.step)} | {rule.since} |"
        )
    pages[index_src] = (
        "# Finding codes\n\nEvery finding the deal checker can report, with why it matters and what to do. The codes"
        " are stable, like a linter's: a report links each finding to its page here, and a retired code keeps its"
        " page so that older reports still lead somewhere.\n\n" + "\n".join(rows) + "\n"
    )
    return pages


def severity_labels(rule: Rule) -> str:
    """'stop or escalate': the severities a rule can give, most severe first."""
    return " or ".join(sev.label for sev, _ in rule.severities)


def _severity_section(rule: Rule) -> str:
    if len(rule.severities) == 1:
        return f"**Severity:** `{rule.severity.label}`, always. {SEVERITY_WORDS[rule.severity.label]}\n"
    rows = "\n".join(
        f"| `{sev.label}`{' (default)' if sev == rule.severity else ''} | {cell(esc(' '.join(when.split())))} |"
        for sev, when in rule.severities
    )
    words = "\n".join(f"- {SEVERITY_WORDS[sev.label]}" for sev, _ in rule.severities)
    return (
        f"**Severity:** {severity_labels(rule)}, depending on the deal.\n\n"
        "## When it gives which severity {#severities}\n\n"
        f"| Severity | When |\n|---|---|\n{rows}\n\n{words}\n"
    )


def _retired_note(ctx: Ctx, rule: Rule, src: str) -> str:
    successors = [r for r in (ctx.rule(code) for code in rule.replaced_by) if r is not None]
    replaced = [ctx.finding_link(src, r) for r in successors]
    instead = f" Replaced by {', '.join(replaced)}." if replaced else ""
    return (
        f'!!! warning "Retired in release {rule.retired_in}"\n\n'
        f"    The checker no longer reports this code ({esc(' '.join(str(rule.retired_reason).split()))}).{instead}"
        " This page stays so that reports made before then still explain it.\n"
    )


def finding(ctx: Ctx, rule: Rule, src: str) -> str:
    out = [f"# {rule.code}: {esc(title(rule.code))}\n"]
    if rule.status == "retired":
        out.append(_retired_note(ctx, rule, src))
    out.append(f"Machine name: `{rule.name}` (in JSON reports and deal tools).\n")
    out.append(f"**Due-diligence step:** {ctx.step_link(src, rule.step)}\n")
    status = f"retired in {rule.retired_in}" if rule.status == "retired" else "active"
    out.append(f"**Since:** release {rule.since}. **Status:** {status}.\n")
    out.append(f"{' '.join(rule.summary.split())}\n")
    out.append(_severity_section(rule))
    out.append(f"## Why it matters\n\n{' '.join(rule.why.split())}\n")
    if rule.actions:
        out.append("## What to do\n\n" + "\n".join(f"- {' '.join(a.split())}" for a in rule.actions) + "\n")
    cases = ctx.cases_where("failed_steps", rule.step)
    if cases:
        out.append(
            "## Case studies where this step failed {#case-studies}\n\n"
            + "\n".join(f"- {ctx.case_link(src, c)}" for c in cases)
            + "\n"
        )
    return "\n".join(out)
