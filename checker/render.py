"""Render a Result as text, Markdown or HTML from one document outline, so the three never drift apart.

HTML escapes every string (deal facts are user-supplied); links are built by checker.links.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from checker import links
from checker.deal_record import facts
from checker.decision import Decision, decision
from checker.next_steps import UNVERIFIED
from checker.records import UNRELIABLE_CONFIDENCES
from checker.result import DISCLAIMER, VERDICT_TEXT, Result

VERDICT_TITLES = {
    "STOP": "STOP",
    "ESCALATE": "ESCALATE",
    "PROCEED_WITH_CONDITIONS": "PROCEED WITH CONDITIONS",
    "PROCEED": "PROCEED",
}
SEVERITY_TITLES = {"stop": "STOP", "escalate": "ESCALATE", "condition": "CONDITION", "info": "INFO"}


@dataclass
class Link:
    text: str
    href: str | None


@dataclass
class FindingView:
    code: str
    severity: str
    message: str
    why: str
    actions: list[str]
    code_link: Link
    references: list[Link]
    notes: list[str] = field(default_factory=list)


@dataclass
class Outline:
    """Everything a report shows, already ordered and linked; formats only decide the markup."""

    title: str
    verdict: str
    verdict_text: str
    summary: list[tuple[str, str]]
    steps: list[tuple[str, Link, list[FindingView]]]
    conditions: list[str]
    actions: list[str]
    provenance: list[tuple[str, str]]
    disclaimer: str
    decision: Decision
    deciding_links: list[Link]
    facts: list[tuple[str, str]] = field(default_factory=list)
    not_stated: list[str] = field(default_factory=list)
    jurisdiction: list[tuple[str, str]] = field(default_factory=list)  # (binds you | for information, the why)
    decision_fields: tuple[str, ...] = (
        "Reviewed by (name and role)",
        "Date",
        "Decision: proceed, proceed with conditions, do not proceed, or notify the authority",
        "Reasons and evidence relied on",
    )


def _href(page: str | None, base_url: str) -> str | None:
    """Every link target of every format passes links.safe_target: a javascript: base URL or list URL is text."""
    return links.safe_target(links.absolute(page, base_url)) if page else None


def _source_href(url: str | None, base_url: str) -> str | None:
    """A source's address: its own http(s) URL, or a page of this site (the methodology page for the project's
    research notes), which is joined onto the site's address like every other site link."""
    if not url:
        return None
    return links.safe_target(url) if "://" in url else _href(url, base_url)


def outline(result: Result, *, base_url: str = "", reference: Any = None, site_name: str = "") -> Outline:
    data = result.to_dict()
    deal = data["deal"]
    step_titles = {s["id"]: s["title"] for s in reference.steps if s.get("id") and s.get("title")} if reference else {}
    product = deal.get("product", {})
    end_user = deal.get("end_user", {})

    def country(code: str | None) -> str:
        if not code:
            return "not stated"
        return f"{reference.country_name(code)} ({code})" if reference else code

    def term(vocabulary: str, value: str | None) -> str:
        if not value:
            return "not stated"
        return reference.label(vocabulary, value) if reference else value

    summary = [
        ("Reference", deal.get("reference") or "none"),
        ("Product", product.get("name") or "not stated"),
        ("Capabilities", ", ".join(term("capabilities", c) for c in product.get("capabilities", [])) or "not stated"),
        ("Destination", country(deal.get("destination", {}).get("country"))),
        ("End user", end_user.get("name") or "not stated"),
        ("End-user type", term("end_user_types", end_user.get("type"))),
        (
            "Intermediaries",
            ", ".join(
                f"{i.get('name', 'unnamed')} ({term('intermediary_roles', i.get('role'))}, {country(i.get('country'))})"
                for i in deal.get("intermediaries", [])
            )
            or "none",
        ),
        ("Ship to", country(deal.get("delivery", {}).get("ship_to_country"))),
    ]
    grouped: dict[str, list[FindingView]] = {}
    for f in data["findings"]:
        notes = []
        for ref in f["references"]:
            if ref.get("confidence") in UNRELIABLE_CONFIDENCES:
                notes.append(f"{ref['title']}: data {ref['confidence'].replace('_', ' ')}, verify before relying on it")
            if ref.get("stale"):
                notes.append(f"{ref['title']}: may be out of date ({ref['stale']}); check the official source")
        grouped.setdefault(f["step"], []).append(
            FindingView(
                code=f["code"],
                severity=f["severity"],
                message=f["message"],
                why=f["why"],
                actions=f["actions"],
                code_link=Link(f"{f['code']} – {f['title']}", _href(f["finding_page"], base_url)),
                references=[
                    Link(
                        r["title"] + (f" (checked {r['as_of']})" if r.get("as_of") else ""),
                        _href(r.get("page"), base_url) or _source_href(r.get("url"), base_url),
                    )
                    for r in f["references"]
                ],
                notes=notes,
            )
        )
    steps = [
        (
            step,
            Link(step_titles.get(step, step.replace("-", " ").capitalize()), _href(links.step_page(step), base_url)),
            views,
        )
        for step, views in grouped.items()
    ]
    prov = data["provenance"]
    provenance = []
    site = links.safe_target(base_url) if base_url.startswith(("http://", "https://")) else None
    if site_name or site:
        # Whose guidance this is: a report forwarded or printed says where it came from.
        provenance.append(("Screened with", " at ".join(x for x in (site_name, site) if x)))
    provenance += [
        ("Screened on", prov["screened_on"]),
        ("Deal fingerprint (SHA-256 of the facts screened)", prov["deal_sha256"]),
        ("Engine", f"{prov['engine']} {prov['engine_version']}"),
        ("Reference data", f"version {prov['data_version']}, as of {prov['data_as_of']}"),
    ]
    provenance.extend(
        (dataset["name"], f"{dataset.get('records', '?')} records, as of {dataset.get('as_of') or '?'}")
        for dataset in prov.get("datasets", [])
    )
    screening = prov.get("party_screening")
    if screening:
        screened = [
            f"{x.get('name')} (as of {x.get('as_of') or x.get('date') or 'undated'}, {x.get('entries', '?')} entries)"
            for x in [screening.get("curated"), *screening.get("imported", [])]
            if x
        ]
        provenance.append(("Party lists screened", "; ".join(screened) or "none"))
        if screening.get("note"):
            provenance.append(("Party screening note", screening["note"]))
    decided = decision(data)
    entered, not_stated = facts(deal, reference)
    jurisdiction = _jurisdiction_lines(data.get("jurisdiction") or {})
    # A STOP is not rescued by clauses: its report lists what to do now (in the verdict box), no conditions and no
    # fix-it actions. The conditions of a PROCEED WITH CONDITIONS are in the verdict box, not repeated below.
    verdict = data["verdict"]
    return Outline(
        title=f"Deal screening: {product.get('name') or 'unnamed product'}",
        verdict=verdict,
        verdict_text=VERDICT_TEXT[verdict],
        summary=summary,
        steps=steps,
        conditions=[] if verdict in ("STOP", "PROCEED_WITH_CONDITIONS") else data["conditions"],
        actions=[] if verdict == "STOP" else data["actions"],
        provenance=provenance,
        disclaimer=DISCLAIMER,
        decision=decided,
        deciding_links=[Link(f"{d.code} – {d.title}", _href(d.finding_page, base_url)) for d in decided.deciding],
        facts=entered,
        not_stated=not_stated,
        jurisdiction=jurisdiction,
    )


JURISDICTION_TITLE = "Whose law binds"
BINDS = "Binds you"
FOR_INFORMATION = "For information only"


def _jurisdiction_lines(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(heading, text) per authority: those whose measures bind the exporter, then those shown for information."""
    lines = []
    for key, heading in (("binding", BINDS), ("information", FOR_INFORMATION)):
        for basis in record.get(key, []):
            reasons = "; ".join(str(r).rstrip(".") for r in basis["reasons"])
            lines.append(
                (f"{heading}: {basis['name']} ({basis['authority']})", reasons[:1].upper() + reasons[1:] + ".")
            )
    for item in record.get("exporter_steps", []):
        heading = f"Your next steps under the law of {item['name']}"
        if not item.get("held"):
            lines.append((heading, "Our data holds no next steps for it: ask its export-control authority."))
            continue
        for step in (item["authority"], item.get("apply"), *item.get("steps", [])):
            if step:
                kind = f"{step['kind']}: " if step.get("kind") else ""
                where = f" ({step['url']})" if step.get("url") else ""
                level = " (EU level)" if step.get("level") == "EU" and item["country"] != "EU" else ""
                doubt = "" if step.get("reliable", True) else UNVERIFIED
                lines.append((heading, f"{kind}{step['name']}{level}{doubt}: {step['text']}{where}"))
    return lines


FACTS_TITLE = "The deal as entered"
NOT_STATED = "Not stated"


def _more_text(o: Outline) -> str | None:
    n = o.decision.more
    if not n:
        return None
    return f"And {n} more finding{'s' if n > 1 else ''} of this severity, listed below."


# Text ----------------------------------------------------------------------------------------------
def to_text(result: Result, **kwargs: Any) -> str:
    o = outline(result, **kwargs)
    lines = [o.title, "=" * len(o.title), "", f"VERDICT: {VERDICT_TITLES[o.verdict]}", o.verdict_text]
    if o.decision.deciding:
        lines += ["", "Decided by:"]
        for d, link in zip(o.decision.deciding, o.deciding_links, strict=True):
            lines.append(f"- {link.text}: {d.message}")
        more = _more_text(o)
        if more:
            lines.append(more)
    lines += ["", f"{o.decision.next_title}:"]
    lines += [f"{n}. {step}" for n, step in enumerate(o.decision.next_steps, 1)]
    lines.append("")
    lines += [f"{k}: {v}" for k, v in o.summary]
    if o.jurisdiction:
        lines += ["", JURISDICTION_TITLE, "-" * len(JURISDICTION_TITLE)]
        lines += [f"{k}: {v}" for k, v in o.jurisdiction]
    for _step, step_link, views in o.steps:
        lines += ["", step_link.text.upper(), "-" * len(step_link.text)]
        for v in views:
            lines.append(f"[{SEVERITY_TITLES[v.severity]}] {v.code_link.text}: {v.message}")
            lines.append(f"    Why: {v.why}")
            lines += [f"    Note: {n}" for n in v.notes]
            if v.references:
                lines.append("    Sources: " + "; ".join(r.text for r in v.references))
            if v.code_link.href:
                lines.append(f"    See: {v.code_link.href}")
    for heading, items in (("Conditions", o.conditions), ("Recommended actions", o.actions)):
        if items:
            lines += ["", heading, "-" * len(heading)] + [f"- {i}" for i in items]
    lines += ["", FACTS_TITLE, "-" * len(FACTS_TITLE)]
    for label, value in o.facts:
        first, *rest = value.splitlines() or [""]
        lines.append(f"{label}: {first}")
        lines += [f"    {line}" for line in rest]
    if o.not_stated:
        lines.append(f"{NOT_STATED}: {', '.join(o.not_stated)}")
    lines += ["", "Data provenance", "---------------"] + [f"{k}: {v}" for k, v in o.provenance]
    lines += ["", "Record of decision", "------------------"] + [
        f"{f}: ____________________" for f in o.decision_fields
    ]
    lines += ["", o.disclaimer, ""]
    return "\n".join(lines)


# Markdown ------------------------------------------------------------------------------------------
# Escaped with '\\' (python-markdown and CommonMark both remove it): the characters that mean something in the middle
# of a line. Deal text never starts a line of the report (it follows '- ' or '| '), so '-', '+', '.', '!' need no
# escape (and the raw report stays readable: dates like 2026-11-29 are written as they are).
_MD_BACKSLASH = frozenset("\\`*_{}[]()#>")
_MD_ENTITIES = {"<": "&lt;", "&": "&amp;", "|": "&#124;", "~": "&#126;", "\n": " ", "\r": " "}


def _md(text: str) -> str:
    """User-supplied text that renders exactly as typed: backslash escapes only where the renderer removes the
    backslash, entities for '<', '&', '|' (table cells) and '~', so neither a link, HTML nor a stray '\\' appears."""
    out = []
    for ch in text:
        if ch in _MD_BACKSLASH:
            out.append("\\" + ch)
        else:
            out.append(_MD_ENTITIES.get(ch, ch))
    return "".join(out)


def _md_link(link: Link) -> str:
    href = links.safe_target(link.href)
    return f"[{_md(link.text)}]({href})" if href else _md(link.text)


def to_markdown(result: Result, **kwargs: Any) -> str:
    o = outline(result, **kwargs)
    lines = [f"# {_md(o.title)}", "", f"**Verdict: {VERDICT_TITLES[o.verdict]}.** {o.verdict_text}", ""]
    if o.decision.deciding:
        lines += ["Decided by:", ""]
        for d, link in zip(o.decision.deciding, o.deciding_links, strict=True):
            lines.append(f"- {_md_link(link)}: {_md(d.message)}")
        more = _more_text(o)
        lines += ["", more, ""] if more else [""]
    lines += [f"**{o.decision.next_title}**", ""]
    lines += [f"{n}. {_md(step)}" for n, step in enumerate(o.decision.next_steps, 1)]
    lines.append("")
    lines += ["| Fact | Value |", "|---|---|"] + [f"| {k} | {_md(v)} |" for k, v in o.summary]
    if o.jurisdiction:
        lines += ["", f"## {JURISDICTION_TITLE}", ""] + [f"- **{_md(k)}**: {_md(v)}" for k, v in o.jurisdiction]
    for _step, step_link, views in o.steps:
        lines += ["", f"## {_md_link(step_link)}", ""]
        for v in views:
            lines.append(f"- **{SEVERITY_TITLES[v.severity]}** {_md_link(v.code_link)}: {_md(v.message)}")
            lines.append(f"  - Why: {_md(v.why)}")
            lines += [f"  - Note: {_md(n)}" for n in v.notes]
            if v.references:
                lines.append("  - Sources: " + "; ".join(_md_link(r) for r in v.references))
    for heading, items in (("Conditions", o.conditions), ("Recommended actions", o.actions)):
        if items:
            lines += ["", f"## {heading}", ""] + [f"- {_md(i)}" for i in items]
    lines += ["", f"## {FACTS_TITLE}", "", "| Fact | As entered |", "|---|---|"]
    lines += [f"| {_md(k)} | {_md(v)} |" for k, v in o.facts]
    if o.not_stated:
        lines += ["", f"{NOT_STATED}: {_md(', '.join(o.not_stated))}"]
    lines += ["", "## Data provenance", ""] + [f"- {_md(k)}: {_md(v)}" for k, v in o.provenance]
    lines += ["", "## Record of decision", "", "| | |", "|---|---|"] + [f"| {f} | |" for f in o.decision_fields]
    lines += ["", f"*{_md(o.disclaimer)}*", ""]
    return "\n".join(lines)


# HTML ----------------------------------------------------------------------------------------------
def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _a(link: Link) -> str:
    href = links.safe_target(link.href)
    return f'<a href="{_e(href)}">{_e(link.text)}</a>' if href else _e(link.text)


def to_html_fragment(result: Result, **kwargs: Any) -> str:
    """The report body: embedded by the browser checker and wrapped by to_html for the CLI."""
    o = outline(result, **kwargs)
    verdict_class = o.verdict.lower().replace("_", "-")
    parts = [
        f'<article class="dc-report" data-verdict="{_e(o.verdict)}">',
        f'<section class="dc-verdict dc-verdict--{verdict_class}" aria-label="Verdict and next steps">',
        f'<p class="dc-verdict-line"><strong>Verdict: {_e(VERDICT_TITLES[o.verdict])}</strong> '
        f"<span>{_e(o.verdict_text)}</span></p>",
    ]
    if o.decision.deciding:
        parts.append('<p class="dc-deciding-title">Decided by:</p><ul class="dc-deciding">')
        for d, link in zip(o.decision.deciding, o.deciding_links, strict=True):
            parts.append(f'<li data-code="{_e(d.code)}">{_a(link)}: {_e(d.message)}</li>')
        parts.append("</ul>")
        more = _more_text(o)
        if more:
            parts.append(f'<p class="dc-more">{_e(more)}</p>')
    parts.append(f'<h3 class="dc-next-title">{_e(o.decision.next_title)}</h3><ol class="dc-next">')
    parts += [f"<li>{_e(step)}</li>" for step in o.decision.next_steps]
    parts += ["</ol></section>", '<table class="dc-summary"><tbody>']
    parts += [f'<tr><th scope="row">{_e(k)}</th><td>{_e(v)}</td></tr>' for k, v in o.summary]
    parts.append("</tbody></table>")
    if o.jurisdiction:
        parts.append(f'<section class="dc-jurisdiction"><h2>{JURISDICTION_TITLE}</h2><ul>')
        parts += [f"<li><strong>{_e(k)}</strong>: {_e(v)}</li>" for k, v in o.jurisdiction]
        parts.append("</ul></section>")
    for step, step_link, views in o.steps:
        parts.append(
            f'<section class="dc-step" data-step="{_e(step)}"><h2>{_a(step_link)}</h2><ul class="dc-findings">'
        )
        for v in views:
            parts.append(f'<li class="dc-finding dc-finding--{_e(v.severity)}" data-code="{_e(v.code)}">')
            parts.append(
                f'<span class="dc-severity">{_e(SEVERITY_TITLES[v.severity])}</span> '
                f'<span class="dc-code">{_a(v.code_link)}</span>: <span class="dc-message">{_e(v.message)}</span>'
            )
            parts.append(f'<p class="dc-why">Why: {_e(v.why)}</p>')
            parts += [f'<p class="dc-note">Note: {_e(n)}</p>' for n in v.notes]
            if v.references:
                parts.append('<p class="dc-refs">Sources: ' + "; ".join(_a(r) for r in v.references) + "</p>")
            parts.append("</li>")
        parts.append("</ul></section>")
    for heading, items, css in (
        ("Conditions", o.conditions, "dc-conditions"),
        ("Recommended actions", o.actions, "dc-actions"),
    ):
        if items:
            parts.append(f'<section class="{css}"><h2>{heading}</h2><ul>')
            parts += [f"<li>{_e(i)}</li>" for i in items]
            parts.append("</ul></section>")
    parts.append(f'<section class="dc-facts"><h2>{FACTS_TITLE}</h2><table><tbody>')
    parts += [
        f'<tr><th scope="row">{_e(k)}</th><td>{"<br>".join(_e(line) for line in v.splitlines())}</td></tr>'
        for k, v in o.facts
    ]
    parts.append("</tbody></table>")
    if o.not_stated:
        parts.append(f'<p class="dc-not-stated">{NOT_STATED}: {_e(", ".join(o.not_stated))}</p>')
    parts.append("</section>")
    parts.append('<section class="dc-provenance"><h2>Data provenance</h2><dl>')
    parts += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in o.provenance]
    parts.append("</dl></section>")
    parts.append('<section class="dc-decision"><h2>Record of decision</h2><table><tbody>')
    parts += [f'<tr><th scope="row">{_e(f)}</th><td></td></tr>' for f in o.decision_fields]
    parts.append("</tbody></table></section>")
    parts.append(f'<p class="dc-disclaimer">{_e(o.disclaimer)}</p></article>')
    return "\n".join(parts)


REPORT_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1a1a1a}
.dc-verdict{padding:.8rem 1rem;border-radius:.3rem;margin:1rem 0;border-left:.4rem solid}
.dc-verdict--stop{background:#fde8e8;border-color:#b42318}.dc-verdict--escalate{background:#fff4e5;border-color:#b54708}
.dc-verdict--proceed-with-conditions{background:#eef4ff;border-color:#1849a9}.dc-verdict--proceed{background:#ecfdf3;border-color:#067647}
.dc-verdict a{color:#0b3d91}.dc-verdict-line{margin:0 0 .4rem;font-size:1.1em}.dc-next-title{margin:.6rem 0 .2rem;font-size:1em}
.dc-summary th{text-align:left;padding-right:1rem}.dc-severity{font-weight:700}.dc-finding{margin-bottom:.8rem}
.dc-why,.dc-refs,.dc-note{margin:.2rem 0 0 0;font-size:.92em}
.dc-decision td{border-bottom:1px solid #888;min-width:18rem;height:1.8rem}.dc-disclaimer{font-style:italic;margin-top:2rem}
@media print{a{color:inherit}}
"""


# A saved report is opened from disk or a mail attachment, outside the site's policy: it may load nothing and run
# nothing, so even a bug in the escaping could not make it fetch or execute anything.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def to_html(result: Result, **kwargs: Any) -> str:
    """A standalone HTML document (inline CSS, no external requests, a CSP that forbids any)."""
    o_title = outline(result, **kwargs).title
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
        f"<title>{_e(o_title)}</title><style>{REPORT_CSS}</style></head><body>\n"
        f"<h1>{_e(o_title)}</h1>\n{to_html_fragment(result, **kwargs)}\n</body></html>\n"
    )


FORMATS = {"text": to_text, "markdown": to_markdown, "html": to_html}
QUESTIONNAIRE_FORMATS = ("questionnaire", "questionnaire-json")  # checker/questionnaire.py
REPORT_FORMATS = ("text", "json", "markdown", "html", *QUESTIONNAIRE_FORMATS)  # what `dealcheck screen` can print


def render(result: Result, fmt: str, *, reference: Any = None, base_url: str = "", site_name: str = "") -> str:
    """One call for every caller (CLI, browser, tests): json, text, markdown, html, or the end-user questionnaire
    (Markdown or JSON; its module is loaded only when asked for)."""
    if fmt == "json":
        return result.to_json() + "\n"
    if fmt in QUESTIONNAIRE_FORMATS:
        from checker.questionnaire import render_questionnaire  # builds on this module's outline helpers

        return render_questionnaire(result, fmt, reference=reference, base_url=base_url, site_name=site_name)
    return FORMATS[fmt](result, base_url=base_url, reference=reference, site_name=site_name)
