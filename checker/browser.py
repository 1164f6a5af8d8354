"""The browser checker's Python side: the form spec from the vocabularies, and one JSON-in/JSON-out entry point.

The web worker calls ``handle(request_json)``; every decision (validation, screening, rendering) stays in the engine,
so the page and ``dealcheck`` always agree. Standard library only, like the rest of the engine.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from checker import fields, links
from checker.deal import EU_UNNAMED, parse_deal
from checker.dealfile import check_tree, decode_bytes, loads_json, parse_text
from checker.engine import screen_raw
from checker.errors import DealError, Problem, kind_of
from checker.limits import MAX_BYTES
from checker.migrate import migrate
from checker.reference import ReferenceData, load_reference
from checker.render import REPORT_FORMATS, render, to_html_fragment

FORM_FORMAT = 2
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


# How each kind of the field table is asked for in the form (checker.fields documents the kinds).
_FORM_KIND = {"jurisdiction": "country", "services": "multi"}
STEP_ORDER = (
    "filter-the-deal",
    "product-capability",
    "destination-context",
    "end-user",
    "intermediaries-and-diversion",
    "mitigation-and-safeguards",
    "after-the-sale",
    "decide-escalate-notify",
)


def _form_field(f: fields.Field, ref: ReferenceData, name: str) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "kind": _FORM_KIND.get(f.kind, f.kind), "label": f.label, "help": f.help}
    extra = dict(f.form)
    if extra.pop("unknown_empty", False):
        out["unknown_empty"] = True
        out["none_value"] = NONE_OF_THESE
    pages = extra.pop("option_pages", None)
    providers = extra.pop("provider_vocabulary", None)
    out.update(extra)
    if f.kind == "entries":
        out["options"] = [
            {"value": id_, "label": f"{id_}: {entry.title}", "href": links.control_page(id_)}
            for id_, entry in ref.control_entries.items()
        ]
    elif f.vocabulary:
        out["options"] = _options(ref, f.vocabulary, links.capability_page if pages == "capability" else None)
    if providers:
        out["provider_options"] = _options(ref, str(providers))
    if f.kind == "jurisdiction":
        out["extra_options"] = [{"value": EU_UNNAMED, "label": "EU member state (not named)"}]
    if f.kind == "repeat":
        out["fields"] = [_form_field(sub, ref, sub.name) for sub in fields.children(f.path + "[]")]
    return out


def form_spec(ref: ReferenceData | None = None) -> dict[str, Any]:
    """The checker form, grouped by due-diligence step; field names are the deal file's dotted paths.

    Derived from the field table (checker.fields). Kinds: text, textarea, lines (one item per line), country
    (select from ``countries``, plus ``extra_options``), choice (select), multi (checkboxes; ``unknown_empty``
    means nothing ticked is "unknown" and a "None of these" box says "none"; ``provider_options`` asks who provides
    each ticked item), tristate (yes/no/unknown), entries (control-list entries: not classified / classified as not
    listed / listed as ...), repeat (a list of rows with ``fields``).
    """
    ref = ref or load_reference()
    titles = {s["id"]: s for s in ref.steps}
    by_step: dict[str, list[dict[str, Any]]] = {}
    for f in fields.FIELDS:
        if "[]" not in f.path:
            by_step.setdefault(f.step, []).append(_form_field(f, ref, f.path))
    groups = []
    for step in sorted(by_step, key=lambda s: STEP_ORDER.index(s) if s in STEP_ORDER else len(STEP_ORDER)):
        info = titles.get(step, {})
        groups.append(
            {
                "id": step,
                "title": info.get("title", step.replace("-", " ").capitalize()),
                "summary": info.get("summary", ""),
                "href": links.step_page(step),
                "fields": by_step[step],
            }
        )
    countries = [{"value": code, "label": f"{c.name} ({code})"} for code, c in ref.countries.items()]
    countries.sort(key=lambda o: o["label"])
    return {
        "format": FORM_FORMAT,
        "schema_version": fields.SCHEMA_VERSION,
        "groups": groups,
        "countries": countries,
        "data_version": ref.version,
        "data_as_of": ref.as_of,
    }


# Requests from the worker --------------------------------------------------------------------------
def screen_fragment(raw: Any, *, base_url: str = "", on: str | None = None, site_name: str = "") -> dict[str, Any]:
    """Validate and screen a deal; the verdict, the finding codes and the report as an HTML fragment."""
    ref = load_reference()
    started = time.perf_counter()
    result = screen_raw(raw, reference=ref, on=on)
    return {
        "ok": True,
        "verdict": result.verdict,
        "codes": [f.code for f in result.findings],
        "screened_on": result.provenance["screened_on"],
        "fragment": to_html_fragment(result, base_url=base_url, reference=ref, site_name=site_name),
        "engine_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def report(raw: Any, fmt: str, *, base_url: str = "", on: str | None = None, site_name: str = "") -> dict[str, Any]:
    """A downloadable report (json, markdown, html, text) or the end-user questionnaire (questionnaire,
    questionnaire-json): the same text `dealcheck screen --format` prints."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    ref = load_reference()
    result = screen_raw(raw, reference=ref, on=on)
    text = render(result, fmt, reference=ref, base_url=base_url, site_name=site_name)
    return {"ok": True, "verdict": result.verdict, "text": text}


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
                    "",
                    f"{name} must hold one deal (a mapping of fields), not {kind_of(raw)}",
                    "see 'dealcheck example'",
                )
            ]
        )
    try:
        deal = migrate(raw, load_reference())  # a version-1 file fills the form unchanged in meaning
    except DealError as exc:  # still fill in what can be filled; show the problems next to the fields
        return {"ok": True, "deal": raw, "problems": exc.problem_dicts()}
    return {"ok": True, "deal": deal, "problems": []}


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
        for key in ("base_url", "site_name"):  # the page's own values; anything else is ignored
            if not isinstance(request.get(key, ""), str):
                request[key] = ""
        site_name = " ".join(request.get("site_name", "").split())[:200]
        op = request.get("op")
        if op == "screen":
            response = screen_fragment(
                request.get("deal"), base_url=request.get("base_url", ""), on=request.get("on"), site_name=site_name
            )
        elif op == "report":
            response = report(
                request.get("deal"),
                str(request.get("format")),
                base_url=request.get("base_url", ""),
                on=request.get("on"),
                site_name=site_name,
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
