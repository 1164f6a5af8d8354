"""JSON Schema for deal files, generated from the vocabularies so the schema and the validator agree."""

from __future__ import annotations

from typing import Any

from checker.deal import SCHEMA_VERSION
from checker.reference import ReferenceData


def _enum(ref: ReferenceData, vocabulary: str) -> dict[str, Any]:
    entries = ref.vocabulary(vocabulary)
    return {"type": "string", "enum": list(entries), "description": f"One of the '{vocabulary}' vocabulary ids."}


def _list_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": ["array", "null"], "items": item}  # repeats are harmless: the validator merges them


def deal_schema(ref: ReferenceData) -> dict[str, Any]:
    text = {"type": ["string", "null"], "maxLength": 2000}
    country = {
        "type": ["string", "null"],
        "enum": sorted(ref.countries) + [None],
        "description": "ISO 3166-1 alpha-2 code.",
    }
    flag = {"type": ["boolean", "null"], "description": "true, false, or absent/null when unknown."}

    def obj(properties: dict[str, Any], description: str) -> dict[str, Any]:
        return {
            "type": ["object", "null"],
            "description": description,
            "properties": properties,
            "additionalProperties": False,
        }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:cyber-export-risk-guide:deal:1",
        "title": "Deal file",
        "description": "A proposed export of a security or surveillance product. Absent or null means unknown; "
        "unknown core facts make the checker escalate.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "reference": text,
            "exporter": obj({"name": text, "country": country}, "Who exports, and from where."),
            "product": obj(
                {
                    "name": text,
                    "description": text,
                    "capabilities": _list_of(_enum(ref, "capabilities")),
                    "control_entries": {
                        "type": ["array", "null"],
                        "items": {"type": "string", "minLength": 1},
                        "description": "Control-list entries if classified; [] = classified as not listed; "
                        "absent = not classified.",
                    },
                    "mass_market": flag,
                },
                "The product or service.",
            ),
            "destination": obj({"country": country}, "Where the end user is."),
            "end_user": obj(
                {
                    "name": text,
                    "type": {"anyOf": [_enum(ref, "end_user_types"), {"type": "null"}]},
                    "stated_end_use": text,
                    "end_user_statement": {"anyOf": [_enum(ref, "end_user_statements"), {"type": "null"}]},
                },
                "Who will use the product.",
            ),
            "intermediaries": {
                "type": ["array", "null"],
                "maxItems": 50,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "name": text,
                        "role": {"anyOf": [_enum(ref, "intermediary_roles"), {"type": "null"}]},
                        "country": country,
                        "free_zone": flag,
                    },
                },
            },
            "delivery": obj({"ship_to_country": country}, "Where the goods are physically delivered."),
            "services": _list_of(_enum(ref, "services")),
            "red_flags": _list_of(_enum(ref, "red_flags")),
            "safeguards": _list_of(_enum(ref, "safeguards")),
            "notes": text,
        },
    }
