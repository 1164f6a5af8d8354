"""Hand-written schemas for every kind of record in site_data/ (the contract in ARCHITECTURE.md, made checkable).

A schema maps field names to `Field`s. `ref` names the id space a value must resolve in (checked by the loader once
every file is read); unknown fields are problems too, so a typo in a field name never silently drops data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.provenance import CONFIDENCE_LEVELS, SOURCE_KINDS

CONFIDENCE = CONFIDENCE_LEVELS
AUTHORITIES = ("UN", "EU", "UK", "US")
MEASURE_TYPES = (
    "comprehensive",
    "arms_embargo_full",
    "arms_embargo_partial",
    "arms_targeted",
    "monitoring_interception",
    "dual_use_ban",
    "internal_repression",
    "licence_requirement",
    "political_restriction",
    "targeted_only",
)
REGIMES = ("wassenaar", "eu", "us")
# What a measure does to an export it covers: bans it outright, or requires a prior authorisation (a licence) that
# the authority may grant. Untagged measures keep the checker's default reading (a covered export stops).
MEASURE_REGIMES = ("prohibition", "authorisation")
RISK = ("high", "medium", "low", "none")
USER_RISK = ("high", "medium", "low", "unknown")
FRAMEWORKS = ("techuk_2014", "eu_2024_2659", "us_2020")

# Vocabulary files site_data/ must have (ARCHITECTURE.md, "Vocabularies"); the ids in them that the rules rely on
# are declared by each rule (`uses`, checker.registry) and checked by the loader.
REQUIRED_VOCABULARIES = (
    "capabilities",
    "rights",
    "end_user_types",
    "end_user_statements",
    "intermediary_roles",
    "services",
    "red_flags",
    "safeguards",
)


@dataclass(frozen=True)
class Field:
    """One field: its kind, whether it is required, allowed choices, and the id space it refers to.

    Kinds: str, text (str, may be long Markdown), int, number (int or float), bool, date (YYYY-MM-DD), partial_date (YYYY, YYYY-MM or
    YYYY-MM-DD), str_or_int, list (of `item` kind), mapping (of `fields`), dict (free str->str mapping with `keys`).
    """

    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str | None = None
    item: Field | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    keys: tuple[str, ...] = ()
    non_empty: bool = False
    pattern: str | None = None


Schema = dict[str, Field]

ID = Field("str", pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
SOURCES = Field("list", item=Field("str", ref="source"), non_empty=True)
VERIFIED_ON = Field("date")
REVIEW_BY = Field("partial_date", required=False)
RECHECKED = Field("bool", required=False)  # false: verified_on carried over by the migration, not re-checked
CONFIDENCE_FIELD = Field("str", choices=CONFIDENCE)
OPT_CONFIDENCE = Field("str", required=False, choices=CONFIDENCE)
NOTES = Field("list", required=False, item=Field("text"))
TEXT_LIST = Field("list", item=Field("text"), non_empty=True)


def provenance(confidence_required: bool = True) -> Schema:
    return {
        "sources": SOURCES,
        "verified_on": VERIFIED_ON,
        "rechecked": RECHECKED,
        "review_by": REVIEW_BY,
        "confidence": CONFIDENCE_FIELD if confidence_required else OPT_CONFIDENCE,
    }


# Fields of the old format: named in the problem so an editor knows what to run.
RENAMED: dict[str, str] = {
    "as_of": "renamed to verified_on (the day the fact was last checked against its source); "
    "run `python -m sitegen.migrate_provenance FILE`",
}
SOURCE_RENAMED: dict[str, str] = {
    "date": "replaced by published (the source's own date, or undated) and accessed (the day it was read); "
    "run `python -m sitegen.migrate_provenance FILE`",
}


SOURCE: Schema = {
    "id": ID,
    "title": Field("str"),
    "publisher": Field("str"),
    "kind": Field("str", choices=tuple(SOURCE_KINDS)),
    "url": Field("str", required=False),
    "offline": Field("text", required=False),  # full citation of a document with no address
    "published": Field("published"),  # YYYY, YYYY-MM, YYYY-MM-DD or `undated`
    "accessed": Field("date"),
    "licence": Field("str", required=False),
    "note": Field("text", required=False),
}

COUNTRIES_META: Schema = {
    **provenance(),
    "notes": Field("text", required=False),
}

COUNTRY: Schema = {
    "code": Field("str", pattern=r"^[A-Z]{2}$"),
    "name": Field("str"),
    "official_name": Field("str", required=False),
    "region": Field("str"),
    "subregion": Field("str"),
}

MEASURE: Schema = {
    "id": Field("str", pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    "authority": Field("str", choices=AUTHORITIES),
    "type": Field("str", choices=MEASURE_TYPES),
    "targets": Field("list", item=Field("str", ref="target")),  # [] = not tied to a country (ISIL, cyber)
    "title": Field("str"),
    "scope": Field("text"),
    "instrument": Field("str"),
    "date": Field("partial_date", required=False),
    "in_force": Field("bool"),
    "ended": Field("partial_date", required=False),
    "regime": Field("str", required=False, choices=MEASURE_REGIMES),
    "authorisation_route": Field("text", required=False),  # who grants it and under which article
    **provenance(),
}

CONTROL_ENTRY: Schema = {
    "id": Field("str", pattern=r"^[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*$"),
    "regime": Field("str", choices=REGIMES),
    "title": Field("str"),
    "summary": Field("text"),
    "capabilities": Field("list", item=Field("str", ref="capability")),
    "licence": Field("text"),
    "notes": Field("text", required=False),
    "decontrol_notes": Field("text", required=False),
    **provenance(),
}

VOCAB_BASE: Schema = {
    "id": ID,
    "label": Field("str"),
    "description": Field("text"),
    **provenance(confidence_required=False),
}

VOCAB_EXTRA: dict[str, Schema] = {
    "capabilities": {
        "harms": Field("text"),
        "rights": Field("list", item=Field("str", ref="right")),
        "surveillance_risk": Field("str", choices=RISK),
        "likely_entries": Field("list", item=Field("str", ref="control")),
        "examples": Field("list", required=False, item=Field("text")),
    },
    "end_user_types": {
        "risk": Field("str", choices=USER_RISK),
        "government": Field("bool"),
    },
    "capability_families": {
        "capabilities": Field("list", item=Field("str", ref="capability"), non_empty=True),
        "high_risk": Field("bool"),
    },
}

AUTHORITY: Schema = {
    "id": Field("str", choices=AUTHORITIES),
    "name": Field("str"),
    "binds": Field("all_or_countries"),
    "note": Field("text", required=False),
    "url": Field("str", required=False),
    "lists_title": Field("str", required=False),
    "lists_url": Field("str", required=False),
    # Whose conduct its measures reach beyond firms established in `binds` (checker/jurisdiction.py reads them):
    # goods leaving its territory whoever exports them, and parties in the chain established there.
    "exports_from": Field("bool", required=False),
    "reach_note": Field("text", required=False),
    "reach_sources": Field("list", required=False, item=Field("str", ref="source"), non_empty=True),
    **provenance(),
}

INTERMEDIARY: Schema = {
    "name": Field("str"),
    "role": Field("str", ref="intermediary_role"),
    "country": Field("str", required=False, ref="country"),
    "free_zone": Field("bool", required=False),
}

CASE_STUDY: Schema = {
    "id": ID,
    "title": Field("str"),
    "vendor": Field("str"),
    "vendor_country": Field("str", required=False, ref="country"),
    "product": Field("str"),
    "capabilities": Field("list", item=Field("str", ref="capability"), non_empty=True),
    "destinations": Field("list", item=Field("str", ref="country"), non_empty=True),
    "end_users": Field("list", item=Field("text"), non_empty=True),
    "end_user_types": Field("list", item=Field("str", ref="end_user_type")),
    "intermediaries": Field("list", required=False, item=Field("mapping", fields=INTERMEDIARY)),
    "years": Field("str_or_int"),
    "summary": Field("text"),
    "what_happened": Field("text"),
    "consequences": Field("text"),
    "failed_steps": Field("list", item=Field("str", ref="step"), non_empty=True),
    "lessons": Field("text", required=False),
    "related_entries": Field("list", required=False, item=Field("str", ref="control")),
    "related_cases": Field("list", required=False, item=Field("str", ref="case")),
    "unverified": NOTES,
    **provenance(),
}

STEP: Schema = {
    "id": Field("str", ref="step"),
    "order": Field("int"),
    "title": Field("str"),
    "summary": Field("text"),
    "questions": TEXT_LIST,
    "evidence": TEXT_LIST,
    "red_flags": Field("list", item=Field("str", ref="red_flag")),
    "actions": TEXT_LIST,
    "frameworks": Field("dict", required=False, keys=FRAMEWORKS),
    "unverified": NOTES,
    **provenance(confidence_required=False),
}

PAGE: Schema = {
    "title": Field("str"),
    "description": Field("text", required=False),
    "unverified": NOTES,
    **provenance(confidence_required=False),
}

GLOSSARY_TERM: Schema = {
    "id": Field("str", required=False, pattern=ID.pattern),  # default: the term, slugged
    "term": Field("str"),
    "definition": Field("text"),
    "see_also": Field("list", required=False, item=Field("str")),  # site paths (URL layout), checked when generating
    "related_cases": Field("list", required=False, item=Field("str", ref="case")),
    "unverified": NOTES,
    **provenance(confidence_required=False),
}

BRANDING: Schema = {
    "site_name": Field("str"),
    "short_name": Field("str", required=False),
    "logo": Field("str", required=False),
    "colours": Field(
        "dict", required=False, keys=("primary", "accent", "primary_dark", "accent_dark", "link", "link_dark")
    ),
    "home_heading": Field("str", required=False),
    "endorsement": Field("text", required=False),
    "contact": Field("dict", required=False, keys=("name", "email", "url")),
    "copyright": Field("str", required=False),
}

# The party-screening records (format owned by checker/parties); checked for what the site and engine rely on,
# further fields allowed.
LISTED_PARTY: Schema = {
    "id": Field("str"),
    "names": Field("list", item=Field("str"), non_empty=True),
    "country": Field("str", required=False, ref="country"),
    "listed": Field("partial_date", required=False),
    "delisted": Field("partial_date", required=False),
    **provenance(),
}

# Next steps by exporter jurisdiction (site_data/reference/exporter_steps/*.yml): who to ask, how to apply, which
# licences, advisory services, control lists, catch-all routes. Every item cites sources, at least one official
# (checked by the loader once sources are known); the link a page or report shows is the first official source's
# address, so no step carries an address nobody checked.
STEP_CONFIDENCE = ("confirmed", "unverified")
NEXT_STEP: Schema = {
    "name": Field("str"),
    "text": Field("text"),
    "sources": SOURCES,
    "confidence": Field("str", required=False, choices=STEP_CONFIDENCE),  # default: confirmed
    "note": Field("text", required=False),  # what was not confirmed (required when unverified)
}
ENTRY_NOTE: Schema = {
    "entry": Field("str", ref="control"),
    **NEXT_STEP,
}
STEP_LIST = Field("list", item=Field("mapping", fields=NEXT_STEP), non_empty=True)
EXPORTER_STEPS: Schema = {
    "country": Field("str", pattern=r"^(?:[A-Z]{2}|EU)$"),  # ISO alpha-2 of the exporter's country, or EU
    "name": Field("str"),
    "authority": Field("mapping", fields=NEXT_STEP),
    "apply": Field("mapping", fields=NEXT_STEP, required=False),  # the licensing system / how to apply
    "classification": Field("list", required=False, item=Field("mapping", fields=NEXT_STEP)),
    "licence_types": Field("list", required=False, item=Field("mapping", fields=NEXT_STEP)),
    "advisory": Field("list", required=False, item=Field("mapping", fields=NEXT_STEP)),
    "control_lists": STEP_LIST,
    "catch_all": Field("list", required=False, item=Field("mapping", fields=NEXT_STEP)),
    "entry_notes": Field("list", required=False, item=Field("mapping", fields=ENTRY_NOTE)),
    "unverified": NOTES,  # steps we looked for and could not confirm in an official source
    **provenance(),
}
EXPORTER_STEP_LISTS = ("classification", "licence_types", "advisory", "control_lists", "catch_all", "entry_notes")
