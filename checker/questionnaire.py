"""The end-user questionnaire: from a deal's findings, the questions to send to the buyer and the intermediaries and
a draft end-user statement with the undertakings those findings call for.

A screening ends in open questions (who really uses the product, for what, under whose oversight, who else gets
it); the guidance's answer is to ask the buyer and the intermediaries in writing and to have the end user sign a
statement. Each question and undertaking here is asked because named findings of this deal call for it, and each
cites them and the guidance page of its topic, so the reader sees why it is asked. Two undertakings (the end use and
no re-export) are the statement's standard core, as the guidance describes an end-user statement, and are marked
as such. Nothing here is legal text: the draft is a starting point for the firm's own contract and advisers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from checker import links
from checker.findings import Finding
from checker.render import QUESTIONNAIRE_FORMATS, Link, _md, _md_link
from checker.result import VERDICT_TEXT, Result
from checker.rule_titles import title

TOPICS = {
    "end_use": "End use",
    "end_users": "End users",
    "onward_sale": "Onward sale and delivery",
    "oversight": "Oversight and legal basis",
    "data_handling": "Data handling and operation",
}
# The guidance page each topic's questions and undertakings rest on.
TOPIC_STEP = {
    "end_use": "end-user",
    "end_users": "end-user",
    "onward_sale": "intermediaries-and-diversion",
    "oversight": "destination-context",
    "data_handling": "mitigation-and-safeguards",
}
BUYER = "buyer"
INTERMEDIARIES = "intermediaries"

# A trigger is a finding code ("R508") or a code with one of its references ("M601/audit_rights": the missing
# safeguard named by finding M601).


@dataclass(frozen=True)
class Ask:
    """One question of the table: to whom, on which topic, and the findings that call for it."""

    id: str
    to: str  # BUYER or INTERMEDIARIES (asked of the buyer when the deal names no intermediary)
    topic: str
    text: str  # may name {product}, {destination}, {ship_to}, {end_user}
    triggers: tuple[str, ...]


ASKS = (
    # End use
    Ask(
        "end-use",
        BUYER,
        "end_use",
        "Describe the intended end use of {product}: what it will be used for, on which networks or systems, in "
        "which places, and by which unit of your organisation.",
        ("U406", "U402", "U401", "U407", "U408", "U409", "U405", "U404", "C301", "C304", "F124", "N701", "A801"),
    ),
    Ask(
        "targeting",
        BUYER,
        "end_use",
        "Will {product} be used to identify, locate, track or monitor particular people or groups (for example "
        "journalists, lawyers, human-rights defenders, political opponents, protesters or minorities)? If so, on "
        "what legal basis and with what authorisation?",
        ("U401", "U403", "U408", "C301", "C302", "C304", "P203", "P204", "F105", "F107"),
    ),
    Ask(
        "customisation",
        BUYER,
        "end_use",
        "Will {product} be customised, configured or integrated with other systems (databases, camera networks, "
        "other monitoring tools)? Describe the customisation and each system it will connect to.",
        ("A802", "P203", "P204"),
    ),
    Ask(
        "covert-features",
        BUYER,
        "end_use",
        "Which covert or concealment features of {product} do you need, for which use, and who decides when "
        "they are used?",
        ("P202",),
    ),
    # End users
    Ask(
        "identity",
        BUYER,
        "end_users",
        "Give the full legal name, address and registration number of the end user, its parent organisation, and "
        "every unit or agency that will operate {product} or receive what it produces.",
        ("D903", "D902", "U402", "U401", "R504", "S802", "U403"),
    ),
    Ask(
        "end-user-type",
        BUYER,
        "end_users",
        "What kind of organisation is the end user (a ministry, police, an intelligence or security service, the "
        "armed forces, a state-owned company, a private company or an individual)?",
        ("D902", "U407"),
    ),
    Ask(
        "destination",
        BUYER,
        "end_users",
        "In which country, and at which sites, will {product} be installed and used?",
        ("D901", "R509"),
    ),
    Ask(
        "record",
        BUYER,
        "end_users",
        "Has your organisation, or any unit that will use {product}, been the subject of public reports, court "
        "findings or sanctions about the misuse of surveillance technology? What has changed since?",
        ("U403", "U408", "C301", "C302"),
    ),
    Ask(
        "statement",
        BUYER,
        "end_users",
        "Will the end user sign the end-user statement below? If not, say why.",
        ("U405", "U404", "D905", "U406"),
    ),
    # Onward sale and delivery
    Ask(
        "name-end-user",
        INTERMEDIARIES,
        "onward_sale",
        "Name the end user of {product} (full legal name and address) and send its own signed end-user statement, "
        "not a statement written by you on its behalf.",
        ("R503", "R504", "R507"),
    ),
    Ask(
        "onward",
        INTERMEDIARIES,
        "onward_sale",
        "Will you sell, lend or pass {product}, its software or its updates to anyone other than the end user named "
        "above? If so, to whom, in which country, and under which undertaking?",
        ("R508", "R501", "R504", "C306", "F108", "F120"),
    ),
    Ask(
        "route",
        INTERMEDIARIES,
        "onward_sale",
        "The goods are to be delivered to {ship_to}, not to {destination}: who receives them there, how long do they "
        "stay, and by which route and carrier do they reach the end user?",
        ("R502", "R505", "C306", "R501"),
    ),
    Ask(
        "ship-to",
        INTERMEDIARIES,
        "onward_sale",
        "To which country and address will the goods be delivered, and who receives them?",
        ("R509",),
    ),
    Ask(
        "role",
        INTERMEDIARIES,
        "onward_sale",
        "State your full legal name, your country of registration and your role in this deal (distributor, "
        "reseller, agent, integrator, freight forwarder).",
        ("R507", "R501", "S802"),
    ),
    Ask(
        "payment",
        BUYER,
        "onward_sale",
        "Who pays for {product}, from which country and account, and why is the payment or the route arranged "
        "this way?",
        ("R506",),
    ),
    # Oversight and legal basis
    Ask(
        "legal-basis",
        BUYER,
        "oversight",
        "Under which law will {product} be used, and who authorises each use in advance (for example a judge's "
        "warrant)? Send the reference of the law.",
        ("U402", "U401", "U408", "U409", "C303", "C304", "N701", "F124"),
    ),
    Ask(
        "oversight-body",
        BUYER,
        "oversight",
        "Which independent body (a court, a parliamentary committee, a data-protection or oversight authority) "
        "oversees the use of {product}, and can it inspect how it is used?",
        ("C303", "U409", "U402", "C304", "U401"),
    ),
    Ask(
        "remedy",
        BUYER,
        "oversight",
        "Can a person who was wrongly monitored find out and complain? To whom, and how?",
        ("A803", "C303", "C304"),
    ),
    Ask(
        "audit",
        BUYER,
        "oversight",
        "Will you let us, or an independent auditor, verify on reasonable notice that {product} is used as stated, "
        "and accept that we may suspend support and updates if it is misused?",
        ("A803", "A801", "M602", "M601/audit_rights", "M601/termination_rights"),
    ),
    # Data handling and operation
    Ask(
        "data",
        BUYER,
        "data_handling",
        "What data about people will {product} collect, intercept or analyse; how long is it kept; who can see it; "
        "and is it shared with other bodies or other countries?",
        ("P204", "C303", "A801", "M601/data_handling_rules", "U402", "U401"),
    ),
    Ask(
        "operators",
        BUYER,
        "data_handling",
        "Who will operate {product} (your own staff, a contractor, our staff), and who will have remote access to it "
        "for servicing or updates?",
        ("A801", "A802", "M602"),
    ),
    Ask(
        "training",
        BUYER,
        "data_handling",
        "Will the operators be trained on the lawful use of {product} and on the limits of their authorisation? "
        "Who trains them?",
        ("M603",),
    ),
)


@dataclass(frozen=True)
class Pledge:
    """One undertaking of the draft end-user statement and the findings that call for it (none for the core)."""

    id: str
    topic: str
    text: str
    triggers: tuple[str, ...]
    standard: bool = False  # the statement's core: asked of every end user, cited findings added when they fire


PLEDGES = (
    Pledge(
        "end-use",
        "end_use",
        "We will use {product} only for the end use described above, ourselves, in {destination}.",
        ("U405", "U404", "U406", "D905", "M601/end_use_clause"),
        standard=True,
    ),
    Pledge(
        "no-reexport",
        "onward_sale",
        "We will not re-export, resell, lend or otherwise pass {product}, its software, its updates or the data it "
        "produces to anyone else, or take it out of {destination}, without the exporter's prior written consent and "
        "any licence the law requires.",
        ("R508", "R501", "R502", "R504", "R505", "C306", "M601/no_reexport_clause"),
        standard=True,
    ),
    Pledge(
        "human-rights",
        "end_use",
        "We will not use {product} to violate human rights: not to target anyone for exercising the rights of "
        "expression, assembly, association or privacy, and not against journalists, lawyers, human-rights "
        "defenders or political opponents for their work.",
        ("C301", "C302", "C304", "U401", "U402", "U403", "U408", "P203", "P204", "F107", "M601/human_rights_clause"),
    ),
    Pledge(
        "authorised-use",
        "oversight",
        "Every use of {product} against a person will be authorised in advance under a published law, by a judge or "
        "an independent authority where that law requires it, and we will keep a record of each authorisation.",
        ("C303", "U409", "U402", "U401", "U408", "N701"),
    ),
    Pledge(
        "no-targeting-changes",
        "end_use",
        "We will not modify {product}, or have it modified, to target people or groups, nor integrate it into a "
        "system for mass surveillance.",
        ("P203", "P204", "A802", "P202"),
    ),
    Pledge(
        "data",
        "data_handling",
        "We will keep personal data collected with {product} only as long as the law allows, protect it against "
        "unauthorised access, and share it with other bodies or countries only as the law allows.",
        ("P204", "C303", "A801", "M601/data_handling_rules"),
    ),
    Pledge(
        "audit",
        "oversight",
        "We will allow the exporter, or an auditor it appoints, to verify on reasonable notice that {product} is "
        "used as stated, and we will answer its questions about the use.",
        ("A803", "A801", "M601/audit_rights"),
    ),
    Pledge(
        "suspension",
        "oversight",
        "We accept that the exporter may suspend or end support, updates and licences if {product} is used against "
        "this statement.",
        ("M602", "A801", "M601/termination_rights"),
    ),
    Pledge(
        "changes",
        "onward_sale",
        "We will tell the exporter in writing, before it happens, of any change of end user, end use, site or "
        "country of {product}.",
        ("R501", "R502", "R505", "R509", "C306", "U402", "U406"),
    ),
    Pledge(
        "training",
        "data_handling",
        "Our operators will be trained on the lawful use of {product} and on the limits of their authorisation.",
        ("M603", "M601/training_on_lawful_use"),
    ),
)

STOP_NOTE = (
    "The verdict of this screening is STOP: do not proceed. Answers to these questions and a signed statement do "
    "not change that; this questionnaire is kept with the record only to show what would have had to be asked."
)
NO_QUESTIONS = "No finding of this screening calls for a question to the buyer or the intermediaries."
INTRO = (
    "Send these questions to the buyer and to each intermediary and ask for written answers. Each question says "
    "which findings of the screening call for it; screen the deal again with the answers."
)
STATEMENT_INTRO = (
    "A draft for the end user to sign, with the undertakings the findings call for. Adapt it with your own advisers; "
    "it is not legal text."
)
DISCLAIMER = (
    "Generated by the checker from the screening's findings. Advisory only, not legal advice: the answers and the "
    "signed statement are evidence for your decision, not a substitute for it."
)


@dataclass(frozen=True)
class Citation:
    """A finding of this deal that calls for a question or an undertaking."""

    code: str
    title: str
    page: str  # the finding code's page, site-relative


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    text: str
    cites: tuple[Citation, ...]
    guidance: str  # the topic's guidance page, site-relative


@dataclass(frozen=True)
class Section:
    """The questions for one addressee (the buyer, or the intermediaries, named)."""

    to: str
    heading: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Undertaking:
    id: str
    topic: str
    text: str
    cites: tuple[Citation, ...]
    guidance: str
    standard: bool


@dataclass(frozen=True)
class Questionnaire:
    reference: str
    verdict: str
    screened_on: str
    data_version: str
    parties: tuple[tuple[str, str], ...]  # (what, as entered) of the deal
    note: str | None
    sections: tuple[Section, ...]
    undertakings: tuple[Undertaking, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def to_dict(self) -> dict[str, Any]:
        def cites(items: tuple[Citation, ...]) -> list[dict[str, str]]:
            return [{"code": c.code, "title": c.title, "finding_page": c.page} for c in items]

        return {
            "reference": self.reference,
            "verdict": self.verdict,
            "screened_on": self.screened_on,
            "data_version": self.data_version,
            "parties": [{"what": k, "value": v} for k, v in self.parties],
            "note": self.note,
            "sections": [
                {
                    "to": s.to,
                    "heading": s.heading,
                    "questions": [
                        {
                            "id": q.id,
                            "topic": q.topic,
                            "text": q.text,
                            "cites": cites(q.cites),
                            "guidance_page": q.guidance,
                        }
                        for q in s.questions
                    ],
                }
                for s in self.sections
            ],
            "end_user_statement": [
                {
                    "id": u.id,
                    "topic": u.topic,
                    "text": u.text,
                    "standard": u.standard,
                    "cites": cites(u.cites),
                    "guidance_page": u.guidance,
                }
                for u in self.undertakings
            ],
            "disclaimer": DISCLAIMER,
        }


def _matches(trigger: str, finding: Finding) -> bool:
    code, _, ref_id = trigger.partition("/")
    if finding.code != code:
        return False
    return not ref_id or any(r.id == ref_id for r in finding.references)


def _citations(triggers: tuple[str, ...], findings: tuple[Finding, ...]) -> tuple[Citation, ...]:
    """The findings (one per code, in report order) that match any trigger."""
    out: list[Citation] = []
    for f in findings:
        if f.code not in {c.code for c in out} and any(_matches(t, f) for t in triggers):
            out.append(Citation(f.code, title(f.code), links.finding_page(f.code)))
    return tuple(out)


def _words(deal: dict[str, Any], reference: Any) -> dict[str, str]:
    """The deal's own words for the question templates (values only: a template never parses user text)."""

    def country(code: Any) -> str:
        if not code:
            return "the country of use"
        return reference.country_name(code) if reference else str(code)

    destination = country(deal.get("destination", {}).get("country"))
    ship_to = deal.get("delivery", {}).get("ship_to_country")
    return {
        "product": str(deal.get("product", {}).get("name") or "the product"),
        "destination": destination,
        "ship_to": country(ship_to) if ship_to else "another country",
        "end_user": str(deal.get("end_user", {}).get("name") or "the end user"),
    }


def _intermediaries_heading(deal: dict[str, Any], reference: Any) -> str:
    names = []
    for item in deal.get("intermediaries", []):
        role = item.get("role")
        label = reference.label("intermediary_roles", role) if reference and role else role
        names.append(f"{item.get('name') or 'unnamed intermediary'}" + (f" ({label})" if label else ""))
    return "To each intermediary: " + "; ".join(names)


def questionnaire(result: Result, reference: Any = None) -> Questionnaire:
    """The questionnaire for one screening: questions per addressee and the draft statement, each with its
    citations of this deal's findings."""
    deal, findings = result.deal, result.findings
    words = _words(deal, reference)
    has_intermediaries = bool(deal.get("intermediaries"))
    by_to: dict[str, list[Question]] = {BUYER: [], INTERMEDIARIES: []}
    for ask in ASKS:
        cites = _citations(ask.triggers, findings)
        if not cites:
            continue
        to = ask.to if has_intermediaries else BUYER
        if ask.id == "route" and not deal.get("delivery", {}).get("ship_to_country"):
            continue  # the "ship-to" question asks where instead
        question = Question(ask.id, ask.topic, ask.text.format(**words), cites, links.step_page(TOPIC_STEP[ask.topic]))
        by_to[to].append(question)
    buyer_heading = f"To the buyer and end user: {words['end_user']}"
    sections = tuple(
        Section(to, heading, tuple(qs))
        for to, heading, qs in (
            (BUYER, buyer_heading, by_to[BUYER]),
            (INTERMEDIARIES, _intermediaries_heading(deal, reference), by_to[INTERMEDIARIES]),
        )
        if qs
    )
    undertakings = []
    for pledge in PLEDGES:
        cites = _citations(pledge.triggers, findings)
        if cites or pledge.standard:
            undertakings.append(
                Undertaking(
                    pledge.id,
                    pledge.topic,
                    pledge.text.format(**words),
                    cites,
                    links.step_page(TOPIC_STEP[pledge.topic]),
                    pledge.standard,
                )
            )
    exporter = deal.get("exporter", {})
    parties = (
        ("Deal reference", str(deal.get("reference") or "none")),
        ("Exporter", str(exporter.get("name") or "not stated")),
        ("Product", words["product"]),
        ("End user", words["end_user"]),
        ("Country of end use", words["destination"]),
    )
    prov = result.provenance
    return Questionnaire(
        reference=str(deal.get("reference") or ""),
        verdict=result.verdict,
        screened_on=str(prov.get("screened_on", "")),
        data_version=str(prov.get("data_version", "")),
        parties=parties,
        note=STOP_NOTE if result.verdict == "STOP" else None,
        sections=sections,
        undertakings=tuple(undertakings),
    )


# Markdown -------------------------------------------------------------------------------------------------------
def _cite_md(cites: tuple[Citation, ...], base_url: str) -> str:
    return "; ".join(_md_link(Link(f"{c.code} {c.title}", links.absolute(c.page, base_url))) for c in cites)


def to_markdown(q: Questionnaire, *, base_url: str = "", site_name: str = "") -> str:
    """The questionnaire as a Markdown document to send (links absolute when base_url is given)."""

    def guidance(page: str) -> str:
        return _md_link(Link("guidance", links.absolute(page, base_url)))

    heading = "End-user questionnaire" + (f": {q.reference}" if q.reference else "")
    lines = [f"# {_md(heading)}", ""]
    if q.note:
        lines += [f"**{_md(q.note)}**", ""]
    lines += [_md(INTRO), ""]
    lines += ["| | |", "|---|---|"] + [f"| {_md(k)} | {_md(v)} |" for k, v in q.parties]
    lines.append("")
    if not q.sections:
        lines += [_md(NO_QUESTIONS), ""]
    number = 0
    for section in q.sections:
        lines += [f"## {_md(section.heading)}", ""]
        for topic, topic_title in TOPICS.items():
            asked = [x for x in section.questions if x.topic == topic]
            if not asked:
                continue
            lines += [f"### {topic_title}", ""]
            for question in asked:
                number += 1
                lines.append(f"{number}. {_md(question.text)}")
                lines.append(
                    f"   - Asked because of: {_cite_md(question.cites, base_url)} ({guidance(question.guidance)})"
                )
                lines.append("   - Answer:")
            lines.append("")
    lines += ["## Draft end-user statement", "", _md(STATEMENT_INTRO), ""]
    lines += [
        f"We, {_md(dict(q.parties)['End user'])}, the end user of {_md(dict(q.parties)['Product'])} supplied by "
        f"{_md(dict(q.parties)['Exporter'])}, state that:",
        "",
        "- The end use is: ______________________________ (describe it)",
    ]
    for u in q.undertakings:
        why = _cite_md(u.cites, base_url)
        if u.standard:
            basis = "Standard undertaking of an end-user statement" + (f"; also called for by: {why}" if why else "")
        else:
            basis = f"Called for by: {why}"
        lines.append(f"- {_md(u.text)}")
        lines.append(f"  - {basis} ({guidance(u.guidance)})")
    lines += [
        "",
        "| | |",
        "|---|---|",
        "| Name and position of the signatory | |",
        "| Organisation | |",
        "| Date and place | |",
        "| Signature and stamp | |",
        "",
    ]
    screened = f"Screened on {q.screened_on} with reference data {q.data_version}"
    if site_name:
        screened += f", with {site_name}" + (f" at {base_url}" if base_url else "")
    lines += [
        f"{_md(screened)}. Verdict: {_md(q.verdict.replace('_', ' '))} ({_md(VERDICT_TEXT[q.verdict])})",
        "",
        f"*{_md(DISCLAIMER)}*",
        "",
    ]
    return "\n".join(lines)


FORMATS = QUESTIONNAIRE_FORMATS


def render_questionnaire(
    result: Result, fmt: str, *, reference: Any = None, base_url: str = "", site_name: str = ""
) -> str:
    """One call for the CLI and the browser: 'questionnaire' (Markdown) or 'questionnaire-json'."""
    q = questionnaire(result, reference)
    if fmt == "questionnaire-json":
        return json.dumps(q.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "questionnaire":
        return to_markdown(q, base_url=base_url, site_name=site_name)
    raise ValueError(f"unknown questionnaire format {fmt!r}")
