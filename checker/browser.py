"""The browser checker's Python side: the form spec from the vocabularies, and one JSON-in/JSON-out entry point.

The web worker calls ``handle(request_json)``; every decision (validation, screening, rendering) stays in the engine,
so the page and ``dealcheck`` always agree. Standard library only, like the rest of the engine.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from checker import links
from checker.deal import _kind, parse_deal
from checker.dealfile import check_tree, decode_bytes, loads_json, parse_text
from checker.engine import screen_raw
from checker.errors import DealError, Problem
from checker.limits import MAX_BYTES
from checker.reference import ReferenceData, load_reference
from checker.render import render, to_html_fragment

FORM_FORMAT = 1
NONE_OF_THESE = "__none__"


def _options(ref: ReferenceData, vocabulary: str, page: Any = None) -> list[dict[str, str]]:
    out = []
    for entry_id, entry in ref.vocabulary(vocabulary).items():
        option = {"value": entry_id, "label": str(entry.get("label", entry_id))}
        if entry.get("description"):
            option["help"] = str(entry["description"])
        if page is not None:
            option["href"] = page(entry_id)
        out.append(option)
    return out


def _field(name: str, kind: str, label: str, help_text: str = "", **extra: Any) -> dict[str, Any]:
    return {"name": name, "kind": kind, "label": label, "help": help_text, **extra}


def form_spec(ref: ReferenceData | None = None) -> dict[str, Any]:
    """The checker form, grouped by due-diligence step; field names are the deal file's dotted paths.

    Kinds: text, textarea, country (select from ``countries``), choice (select), multi (checkboxes; ``unknown_empty``
    means nothing ticked is "unknown" and a "None of these" box says "none"), tristate (yes/no/unknown),
    entries (control-list entries: not classified / classified as not listed / listed as ...), repeat (a list of
    rows with ``fields``).
    """
    ref = ref or load_reference()
    titles = {s["id"]: s for s in ref.steps}

    def group(step: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
        info = titles.get(step, {})
        return {
            "id": step,
            "title": info.get("title", step.replace("-", " ").capitalize()),
            "summary": info.get("summary", ""),
            "href": links.step_page(step),
            "fields": fields,
        }

    groups = [
        group(
            "filter-the-deal",
            [
                _field("reference", "text", "Your deal reference", "Optional: your quote or order number."),
                _field("exporter.name", "text", "Exporter", "Your company's name."),
                _field(
                    "exporter.country",
                    "country",
                    "Exporter's country",
                    "Decides whose sanctions and export controls bind the deal.",
                    href=links.step_page("filter-the-deal"),
                ),
                _field(
                    "product.control_entries",
                    "entries",
                    "Export-control classification",
                    "Not classified yet, classified as not listed, or the control-list entries found "
                    "(for example 5A001.j, 4D004). These mean different things to the checker.",
                    href="controls/",
                    options=[
                        {"value": id_, "label": f"{id_}: {entry.get('title', '')}", "href": links.control_page(id_)}
                        for id_, entry in ref.control_entries.items()
                    ],
                ),
                _field(
                    "product.mass_market",
                    "tristate",
                    "Is it a mass-market product?",
                    "Sold to the public from stock, without design work for the buyer. Unknown if unsure.",
                ),
            ],
        ),
        group(
            "product-capability",
            [
                _field("product.name", "text", "Product name"),
                _field("product.description", "textarea", "What the product does", "A sentence or two."),
                _field(
                    "product.capabilities",
                    "multi",
                    "Capabilities",
                    "Tick everything the product can do, including features the buyer asked you to add.",
                    href=links.step_page("product-capability"),
                    options=_options(ref, "capabilities", links.capability_page),
                ),
            ],
        ),
        group(
            "destination-context",
            [
                _field(
                    "destination.country",
                    "country",
                    "Destination country (where the end user is)",
                    "Country profiles list sanctions, embargoes and documented misuse.",
                    href="countries/",
                ),
            ],
        ),
        group(
            "end-user",
            [
                _field("end_user.name", "text", "End user", "The organisation that will use the product."),
                _field(
                    "end_user.type",
                    "choice",
                    "Type of end user",
                    "Security and intelligence services and law enforcement carry the highest risk.",
                    href=links.step_page("end-user"),
                    options=_options(ref, "end_user_types"),
                ),
                _field("end_user.stated_end_use", "textarea", "Stated end use", "What the end user says it is for."),
                _field(
                    "end_user.end_user_statement",
                    "choice",
                    "End-user statement",
                    "Whether the end user has given a statement on the end use.",
                    options=_options(ref, "end_user_statements"),
                ),
            ],
        ),
        group(
            "intermediaries-and-diversion",
            [
                _field(
                    "intermediaries",
                    "repeat",
                    "Intermediaries",
                    "Every distributor, reseller, integrator, agent, consignee or freight forwarder between you "
                    "and the end user.",
                    href=links.step_page("intermediaries-and-diversion"),
                    item_label="Intermediary",
                    fields=[
                        _field("name", "text", "Name"),
                        _field("role", "choice", "Role", options=_options(ref, "intermediary_roles")),
                        _field("country", "country", "Country"),
                        _field("free_zone", "tristate", "In a free-trade zone?"),
                    ],
                ),
                _field(
                    "delivery.ship_to_country",
                    "country",
                    "Ship-to country",
                    "Where the goods are physically delivered, if not the destination.",
                ),
                _field(
                    "red_flags",
                    "multi",
                    "Red flags you have noticed",
                    "Warning signs of diversion or misuse.",
                    options=_options(ref, "red_flags"),
                ),
            ],
        ),
        group(
            "mitigation-and-safeguards",
            [
                _field(
                    "safeguards",
                    "multi",
                    "Safeguards actually in place",
                    "Only those agreed or done, not those planned.",
                    href=links.step_page("mitigation-and-safeguards"),
                    options=_options(ref, "safeguards"),
                ),
            ],
        ),
        group(
            "after-the-sale",
            [
                _field(
                    "services",
                    "multi",
                    "Services you will provide",
                    "Updates, support and training keep you involved after delivery. Tick none to leave it unknown; "
                    "tick 'None of these' if you will provide none.",
                    href=links.step_page("after-the-sale"),
                    options=_options(ref, "services"),
                    unknown_empty=True,
                    none_value=NONE_OF_THESE,
                ),
            ],
        ),
        group(
            "decide-escalate-notify",
            [_field("notes", "textarea", "Notes", "Anything else the reviewer should know; kept with the deal.")],
        ),
    ]
    countries = [{"value": code, "label": f"{c['name']} ({code})"} for code, c in ref.countries.items()]
    countries.sort(key=lambda o: o["label"])
    return {
        "format": FORM_FORMAT,
        "groups": groups,
        "countries": countries,
        "data_version": ref.version,
        "data_as_of": ref.as_of,
    }


# Requests from the worker --------------------------------------------------------------------------
def screen_fragment(raw: Any, *, base_url: str = "", on: str | None = None) -> dict[str, Any]:
    """Validate and screen a deal; the verdict, the finding codes and the report as an HTML fragment."""
    ref = load_reference()
    started = time.perf_counter()
    result = screen_raw(raw, reference=ref, on=on)
    return {
        "ok": True,
        "verdict": result.verdict,
        "codes": [f.code for f in result.findings],
        "screened_on": result.provenance["screened_on"],
        "fragment": to_html_fragment(result, base_url=base_url, reference=ref),
        "engine_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def report(raw: Any, fmt: str, *, base_url: str = "", on: str | None = None) -> dict[str, Any]:
    """A downloadable report (json, markdown, html, text): the same text `dealcheck screen --format` prints."""
    if fmt not in ("json", "markdown", "html", "text"):
        raise ValueError(f"unknown report format {fmt!r}")
    ref = load_reference()
    result = screen_raw(raw, reference=ref, on=on)
    return {"ok": True, "verdict": result.verdict, "text": render(result, fmt, reference=ref, base_url=base_url)}


def _load(text: str, name: str, data_b64: Any = None) -> dict[str, Any]:
    """A file the user opened (its bytes, base64, decoded exactly as the CLI does) or a share link's text."""
    if isinstance(data_b64, str):
        try:
            data = base64.b64decode(data_b64, validate=True)
        except ValueError:
            raise DealError([Problem("", f"{name} could not be read", "open the file again")]) from None
        text = decode_bytes(data, name)
    raw = parse_text(text, name)
    if not isinstance(raw, dict):
        raise DealError(
            [
                Problem(
                    "", f"{name} must hold one deal (a mapping of fields), not {_kind(raw)}", "see 'dealcheck example'"
                )
            ]
        )
    try:
        parse_deal(raw, load_reference())
    except DealError as exc:  # still fill in what can be filled; show the problems next to the fields
        return {"ok": True, "deal": raw, "problems": exc.problem_dicts()}
    return {"ok": True, "deal": raw, "problems": []}


def _dump(deal: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(deal, indent=2, ensure_ascii=False) + "\n"
    from checker.yamlsubset import dumps

    return "# Deal file for the Cyber Export Risk Guide checker (dealcheck screen this-file.yml)\n" + dumps(deal)


def handle(request_json: str) -> str:
    """One request from the page (JSON) to one response (JSON); bad input becomes problems, never a traceback."""
    try:
        if len(request_json) > 2 * MAX_BYTES:
            raise DealError([Problem("", f"the deal is larger than the limit of {MAX_BYTES:,} bytes", "shorten it")])
        request = loads_json(request_json, "the request", check=False)  # the engine checks the deal itself
        if not isinstance(request, dict):
            raise ValueError("the request is not a JSON object")
        if not isinstance(request.get("base_url", ""), str):
            request["base_url"] = ""
        op = request.get("op")
        if op == "screen":
            response = screen_fragment(request.get("deal"), base_url=request.get("base_url", ""), on=request.get("on"))
        elif op == "report":
            response = report(
                request.get("deal"),
                str(request.get("format")),
                base_url=request.get("base_url", ""),
                on=request.get("on"),
            )
        elif op == "validate":
            check_tree(request.get("deal"))
            parse_deal(request.get("deal"), load_reference())
            response = {"ok": True, "problems": []}
        elif op == "load":
            response = _load(
                str(request.get("text", "")), str(request.get("name") or "deal file"), request.get("data_b64")
            )
        elif op == "dump":
            check_tree(request.get("deal"))
            response = {"ok": True, "text": _dump(request.get("deal"), request.get("format", "yaml"))}
        elif op == "warm":
            response = {"ok": True, "form": FORM_FORMAT, "data_version": load_reference().version}
        else:
            response = {"ok": False, "problems": [{"path": "", "message": f"unknown request {op!r}", "hint": ""}]}
    except DealError as exc:
        response = {"ok": False, "problems": exc.problem_dicts()}
    except ValueError as exc:
        response = {"ok": False, "problems": [{"path": "", "message": str(exc), "hint": ""}]}
    except Exception as exc:  # noqa: BLE001  (the page shows a plain message, never a traceback)
        response = {"ok": False, "internal": f"{type(exc).__name__}: {exc}"}
    return json.dumps(response, ensure_ascii=False)
