"""JSON Schema for deal files, derived from the field table (checker.fields) and the vocabularies, so the schema,
the validator, the form and the CSV columns always agree."""

from __future__ import annotations

from typing import Any

from checker import fields
from checker.deal import EU_UNNAMED
from checker.limits import MAX_ITEMS, MAX_TEXT
from checker.reference import ReferenceData


def _enum(ref: ReferenceData, vocabulary: str) -> dict[str, Any]:
    entries = ref.vocabulary(vocabulary)
    return {"type": "string", "enum": list(entries), "description": f"One of the '{vocabulary}' vocabulary ids."}


def _list_of(item: dict[str, Any], description: str = "") -> dict[str, Any]:
    out = {"type": ["array", "null"], "maxItems": MAX_ITEMS, "items": item}  # repeats are merged by the validator
    if description:
        out["description"] = description
    return out


def _obj(properties: dict[str, Any], description: str = "", nullable: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if description:
        out["description"] = description
    return out


def field_schema(f: fields.Field, ref: ReferenceData) -> dict[str, Any]:
    """The schema of one table row (for a repeat: the list of its item mappings)."""
    text = {"type": ["string", "null"], "maxLength": MAX_TEXT}
    codes = sorted(ref.countries)
    if f.kind in ("text", "textarea"):
        out: dict[str, Any] = dict(text)
    elif f.kind == "lines":
        out = _list_of({"type": "string", "maxLength": MAX_TEXT})
    elif f.kind == "country":
        out = {"type": ["string", "null"], "enum": codes + [None], "description": "ISO 3166-1 alpha-2 code."}
    elif f.kind == "jurisdiction":
        out = {
            "type": ["string", "null"],
            "enum": codes + [EU_UNNAMED, None],
            "description": f"ISO 3166-1 alpha-2 code, or '{EU_UNNAMED}' for an EU member state not named.",
        }
    elif f.kind == "choice":
        out = {"anyOf": [_enum(ref, str(f.vocabulary)), {"type": "null"}]}
    elif f.kind == "multi":
        out = _list_of(_enum(ref, str(f.vocabulary)))
    elif f.kind == "tristate":
        out = {"type": ["boolean", "null"], "description": "true, false, or absent/null when unknown."}
    elif f.kind == "entries":
        out = _list_of(
            {"type": "string", "minLength": 1},
            "Control-list entries if classified; [] = classified as not listed; absent = not classified.",
        )
    elif f.kind == "services":
        service = _enum(ref, str(f.vocabulary))
        provided = _obj(
            {"id": service, "provider": {"anyOf": [_enum(ref, "service_providers"), {"type": "null"}]}},
            nullable=False,
        )
        provided["required"] = ["id"]
        out = _list_of({"anyOf": [service, provided]})
    elif f.kind == "repeat":
        items = {sub.name: field_schema(sub, ref) for sub in fields.children(f.path + "[]")}
        out = _list_of(_obj(items, nullable=False))
    else:  # pragma: no cover - a new kind needs a schema here
        raise AssertionError(f"no schema for kind {f.kind!r}")
    if f.label:
        out.setdefault("title", f.label)
    if f.help and "description" not in out:
        out["description"] = f.help
    return out


def _mapping(parent: str, ref: ReferenceData) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for key in fields.mapping_keys(parent):
        path = f"{parent}.{key}" if parent else key
        row = fields.BY_PATH.get(path)
        properties[key] = field_schema(row, ref) if row is not None else _obj(_mapping(path, ref))
    return properties


def deal_schema(ref: ReferenceData) -> dict[str, Any]:
    properties = {"schema_version": {"enum": list(fields.SUPPORTED_VERSIONS)}, **_mapping("", ref)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:cyber-export-risk-guide:deal:{fields.SCHEMA_VERSION}",
        "title": "Deal file",
        "description": "A proposed export of a security or surveillance product. Absent or null means unknown; "
        "unknown core facts make the checker escalate. schema_version 1 files are read unchanged in meaning; "
        "fields added in version 2 need schema_version: 2.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
