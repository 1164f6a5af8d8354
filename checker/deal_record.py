"""Every fact of the deal as entered, in plain words: the part of a report that makes it the record of the deal.

Walks the one field table (checker/fields.py) in form order, so a new field appears in every report without an edit
here; labels are the form's, values are the vocabularies' labels and country names, never ids or field paths.
"""

from __future__ import annotations

from typing import Any

from checker.fields import FIELDS, Field, children

YES_NO = {True: "yes", False: "no"}


def _get(deal: dict[str, Any], path: str) -> Any:
    value: Any = deal
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _value(field: Field, value: Any, reference: Any) -> str | None:
    """A field's value as a reader says it; None when nothing was entered."""

    def country(code: Any) -> str:
        if reference is None:
            return str(code)
        return f"{reference.country_name(str(code))} ({code})" if code != "EU" else "EU member state (not named)"

    def label(item: Any) -> str:
        return reference.label(field.vocabulary, item) if reference is not None and field.vocabulary else str(item)

    kind = field.kind
    if kind == "entries":
        if value is None:
            return None
        return ", ".join(str(v) for v in value) if value else "classified as not listed"
    if value is None or value == "" or (value == [] and not field.empty_default):
        return None
    simple = {
        "text": lambda: " ".join(str(value).split()),
        "textarea": lambda: str(value).strip(),
        "lines": lambda: "; ".join(str(v) for v in value),
        "country": lambda: country(value),
        "jurisdiction": lambda: country(value),
        "choice": lambda: label(value),
    }
    if kind in simple:
        return simple[kind]()
    if kind == "multi":
        return ", ".join(label(v) for v in value) if value else "none noted"
    if kind == "tristate":
        return YES_NO.get(value, str(value))
    if kind == "services":
        return _services(value, label, reference)
    return str(value)


def _services(value: list[Any], label: Any, reference: Any) -> str:
    parts = []
    for item in value:
        sid = item.get("id") if isinstance(item, dict) else item
        provider = item.get("provider") if isinstance(item, dict) else None
        text = label(sid)
        if provider:
            who = reference.label("service_providers", provider) if reference is not None else provider
            text += f" (provided by: {who})"
        parts.append(text)
    return ", ".join(parts)


def facts(deal: dict[str, Any], reference: Any = None) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, value) for every fact entered, intermediaries one line each; and the labels left unstated."""
    entered: list[tuple[str, str]] = []
    missing: list[str] = []
    for field in FIELDS:
        if "[]" in field.path:
            continue  # the rows of a repeat are written with their repeat
        value = _get(deal, field.path)
        if field.kind == "repeat":
            items = value or []
            for number, item in enumerate(items, 1):
                bits = []
                for sub in children(field.path + "[]"):
                    text = _value(sub, item.get(sub.name) if isinstance(item, dict) else None, reference)
                    if text is not None:
                        bits.append(f"{sub.label}: {text}")
                item_label = field.form.get("item_label", field.label)
                entered.append((f"{item_label} {number}", "; ".join(bits) or "nothing entered"))
            if not items:
                missing.append(field.label)
            continue
        text = _value(field, value, reference)
        if text is None:
            missing.append(field.label)
        else:
            entered.append((field.label, text))
    return entered, missing
