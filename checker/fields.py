"""The one table of deal fields. The validator, ``Deal.to_dict``, the JSON Schema, the browser form and the batch CSV
columns are all derived from it, so adding a field is one edit here (plus the rule that reads it).

Each row names a field by its dotted path in the deal file (``end_user.aliases``; items of a list of mappings as
``intermediaries[].role``), its kind, its vocabulary (for choices), the label and help the form shows, and the
due-diligence step whose form section holds it. ``attr`` is where the parsed value lives on ``checker.deal.Deal``
when that differs from the path (``destination.country`` -> ``Deal.destination_country``).

Kinds (what the validator accepts, and how the form and CSV show it):

- ``text`` / ``textarea``: one line or a paragraph of text.
- ``lines``: a list of texts (party aliases); the form takes one per line, CSV cells separate them with ``;``.
- ``country``: an ISO 3166-1 alpha-2 code. ``jurisdiction``: a code, or ``EU`` for an EU member state not named.
- ``choice``: one id of ``vocabulary``. ``multi``: a list of ids of ``vocabulary``.
- ``tristate``: true, false or absent (unknown).
- ``entries``: control-list entries: absent = not classified, ``[]`` = classified as not listed.
- ``services``: service ids, each optionally a mapping ``{id, provider}``; CSV cells write ``training:intermediary``.
- ``repeat``: a list of mappings whose fields are the rows under ``<path>[].``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

SCHEMA_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)

KINDS = frozenset(
    {
        "text",
        "textarea",
        "lines",
        "country",
        "jurisdiction",
        "choice",
        "multi",
        "tristate",
        "entries",
        "services",
        "repeat",
    }
)
LIST_KINDS = frozenset({"lines", "multi", "entries", "services"})


@dataclass(frozen=True)
class Field:
    """One deal field: where it is in the file, what it holds, and how people are asked for it."""

    path: str
    kind: str
    label: str
    help: str = ""
    step: str = ""
    vocabulary: str | None = None
    attr: str | None = None
    since: int = 1  # the schema version that introduced it (a v1 file may not use a v2 field)
    form: dict[str, Any] = field(default_factory=dict)  # extra form-only keys (href, item_label, unknown_empty ...)
    empty_default: bool = False  # absent reads as [] rather than unknown (red flags and safeguards: "none noted")

    @property
    def name(self) -> str:
        """The last part of the path: the key in its mapping."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def parent(self) -> str:
        """The path of the mapping that holds it ('' for top level)."""
        return self.path.rsplit(".", 1)[0] if "." in self.path else ""

    @property
    def attribute(self) -> str:
        return self.attr or self.path.replace("[]", "")


_S_FILTER = "filter-the-deal"
_S_PRODUCT = "product-capability"
_S_DEST = "destination-context"
_S_END_USER = "end-user"
_S_INTERMEDIARIES = "intermediaries-and-diversion"
_S_SAFEGUARDS = "mitigation-and-safeguards"
_S_DECIDE = "decide-escalate-notify"
_S_AFTER = "after-the-sale"

_ALIASES_HELP = (
    "Other names or spellings it is known by, one per line: the name in another script (Cyrillic, Arabic, Chinese), "
    "a transliteration, a former or trading name. Each one is screened against the lists."
)
_KIND_HELP = "A person or an organisation (lists hold both; a person's name is matched differently)."

FIELDS: tuple[Field, ...] = (
    Field("reference", "text", "Your deal reference", "Optional: your quote or order number.", _S_FILTER),
    Field("exporter.name", "text", "Exporter", "Your company's name.", _S_FILTER),
    Field(
        "exporter.country",
        "jurisdiction",
        "Exporter's country",
        "Where your company is established: decides whose sanctions and export controls bind the deal. An EU member "
        "state brings the EU's rules and that state's licensing authority; choose 'EU member state (not named)' if "
        "you cannot say which.",
        _S_FILTER,
        form={"href": "steps/filter-the-deal/"},
    ),
    Field("product.name", "text", "Product name", "", _S_PRODUCT),
    Field("product.description", "textarea", "What the product does", "A sentence or two.", _S_PRODUCT),
    Field(
        "product.capabilities",
        "multi",
        "Capabilities",
        "Tick everything the product can do, including features the buyer asked you to add.",
        _S_PRODUCT,
        vocabulary="capabilities",
        form={"href": "steps/product-capability/", "option_pages": "capability"},
    ),
    Field(
        "product.control_entries",
        "entries",
        "Export-control classification",
        "Not classified yet, classified as not listed, or the control-list entries found (for example 5A001.j, "
        "4D004). These mean different things to the checker.",
        _S_FILTER,
        form={"href": "controls/"},
    ),
    Field(
        "product.classification_status",
        "choice",
        "How firm is the classification?",
        "A formal rating from the licensing authority, your own self-classification, or a provisional view "
        "('likely 5D001.e', '5A002-type'). Unknown if unsure.",
        _S_FILTER,
        vocabulary="classification_statuses",
        since=2,
    ),
    Field(
        "product.not_listed_basis",
        "choice",
        "Why it is not listed",
        "When classified as not listed: the decontrol or exemption relied on (published or public-domain material, "
        "the Cryptography or mass-market note, a decontrol note, open-source software, other). Keep it on file.",
        _S_FILTER,
        vocabulary="not_listed_bases",
        since=2,
    ),
    Field(
        "product.not_listed_note",
        "textarea",
        "The decontrol note or exemption, in its words",
        "Quote the note relied on (needed for a decontrol note or 'other'): for example the QoS-only note to 5A001.j.",
        _S_FILTER,
        since=2,
    ),
    Field(
        "product.mass_market",
        "tristate",
        "Is it a mass-market product?",
        "Sold to the public from stock, without design work for the buyer. Unknown if unsure.",
        _S_FILTER,
    ),
    Field(
        "destination.country",
        "country",
        "Destination country (where the end user is)",
        "Country profiles list sanctions, embargoes and documented misuse.",
        _S_DEST,
        attr="destination_country",
        form={"href": "countries/"},
    ),
    Field("end_user.name", "text", "End user", "The organisation or person that will use the product.", _S_END_USER),
    Field("end_user.aliases", "lines", "End user's other names", _ALIASES_HELP, _S_END_USER, since=2),
    Field(
        "end_user.kind",
        "choice",
        "Is the end user a person or an organisation?",
        _KIND_HELP,
        _S_END_USER,
        vocabulary="party_kinds",
        since=2,
    ),
    Field(
        "end_user.type",
        "choice",
        "Type of end user",
        "Security and intelligence services and law enforcement carry the highest risk.",
        _S_END_USER,
        vocabulary="end_user_types",
        form={"href": "steps/end-user/"},
    ),
    Field("end_user.stated_end_use", "textarea", "Stated end use", "What the end user says it is for.", _S_END_USER),
    Field(
        "end_user.end_user_statement",
        "choice",
        "End-user statement",
        "Whether the end user has given a statement on the end use.",
        _S_END_USER,
        vocabulary="end_user_statements",
    ),
    Field(
        "end_user.oversight.judicial_authorisation",
        "tristate",
        "Does each use need a judge's warrant?",
        "Whether the end user's use of the product (interception, intrusion, tracking) needs prior authorisation by "
        "a judge or other independent authority under the destination's law. Unknown if you have not established it.",
        _S_END_USER,
        since=2,
    ),
    Field(
        "end_user.oversight.independent_oversight",
        "tristate",
        "Is the end user under independent oversight?",
        "Whether an independent body (parliamentary committee, commissioner, ombudsman, court) oversees the end "
        "user's surveillance and can act on abuse. Unknown if you have not established it.",
        _S_END_USER,
        since=2,
    ),
    Field(
        "intermediaries",
        "repeat",
        "Intermediaries",
        "Every distributor, reseller, integrator, agent, consignee or freight forwarder between you and the end user.",
        _S_INTERMEDIARIES,
        form={"href": "steps/intermediaries-and-diversion/", "item_label": "Intermediary"},
    ),
    Field("intermediaries[].name", "text", "Name", "", _S_INTERMEDIARIES),
    Field("intermediaries[].aliases", "lines", "Other names", _ALIASES_HELP, _S_INTERMEDIARIES, since=2),
    Field(
        "intermediaries[].kind",
        "choice",
        "Person or organisation",
        _KIND_HELP,
        _S_INTERMEDIARIES,
        vocabulary="party_kinds",
        since=2,
    ),
    Field("intermediaries[].role", "choice", "Role", "", _S_INTERMEDIARIES, vocabulary="intermediary_roles"),
    Field("intermediaries[].country", "country", "Country", "", _S_INTERMEDIARIES),
    Field("intermediaries[].free_zone", "tristate", "In a free-trade zone?", "", _S_INTERMEDIARIES),
    Field(
        "payer.name",
        "text",
        "Who pays",
        "The party paying you, if it is not the end user (a ministry, a holding company, a third country's bank "
        "customer). Leave empty if unknown.",
        _S_INTERMEDIARIES,
        since=2,
    ),
    Field("payer.aliases", "lines", "Payer's other names", _ALIASES_HELP, _S_INTERMEDIARIES, since=2),
    Field(
        "payer.kind",
        "choice",
        "Is the payer a person or an organisation?",
        _KIND_HELP,
        _S_INTERMEDIARIES,
        vocabulary="party_kinds",
        since=2,
    ),
    Field("payer.country", "country", "Payer's country", "Where the payer is established.", _S_INTERMEDIARIES, since=2),
    Field(
        "delivery.ship_to_country",
        "country",
        "Ship-to country",
        "Where the goods are physically delivered, if not the destination.",
        _S_INTERMEDIARIES,
        attr="ship_to_country",
    ),
    Field(
        "delivery.ship_from_country",
        "country",
        "Ship-from country",
        "Where the goods leave from, if not your own country (a warehouse or a partner's stock abroad): that "
        "country's export rules apply too, for example EU rules to goods leaving an EU warehouse.",
        _S_INTERMEDIARIES,
        attr="ship_from_country",
        since=2,
    ),
    Field(
        "services",
        "services",
        "Services provided with the product",
        "Updates, support and training keep the provider involved after delivery. Tick none to leave it unknown; "
        "tick 'None of these' if none will be provided. Say who provides each: you, an intermediary, or another firm.",
        _S_AFTER,
        vocabulary="services",
        form={"href": "steps/after-the-sale/", "unknown_empty": True, "provider_vocabulary": "service_providers"},
    ),
    Field(
        "red_flags",
        "multi",
        "Red flags you have noticed",
        "Warning signs of diversion or misuse.",
        _S_INTERMEDIARIES,
        vocabulary="red_flags",
        empty_default=True,
    ),
    Field(
        "safeguards",
        "multi",
        "Safeguards actually in place",
        "Only those agreed or done, not those planned.",
        _S_SAFEGUARDS,
        vocabulary="safeguards",
        form={"href": "steps/mitigation-and-safeguards/"},
        empty_default=True,
    ),
    Field(
        "notes",
        "textarea",
        "Notes",
        "Anything else the reviewer should know; kept with the deal (no rule reads it).",
        _S_DECIDE,
    ),
)

BY_PATH: dict[str, Field] = {f.path: f for f in FIELDS}

SERVICE_ITEM_KEYS = ("id", "provider")


def children(parent: str) -> list[Field]:
    """The fields directly inside a mapping ('' = top level; 'intermediaries[]' = each intermediary)."""
    return [f for f in FIELDS if f.parent == parent]


@cache
def mapping_keys(parent: str) -> tuple[str, ...]:
    """The keys allowed in a mapping, in table order (nested mappings such as end_user.oversight included); cached,
    as the table is fixed and the validator asks for every mapping of every deal."""
    keys: list[str] = []
    prefix = parent + "." if parent else ""
    for f in FIELDS:
        if not f.path.startswith(prefix) or (parent and f.path == parent):
            continue
        rest = f.path[len(prefix) :]
        if rest.startswith("[]"):
            continue
        key = rest.split(".", 1)[0].replace("[]", "")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def top_level_keys() -> tuple[str, ...]:
    return ("schema_version", *mapping_keys(""))


def csv_columns(max_items: int = 1) -> list[str]:
    """The batch CSV header for every field, in table order; list items by index (``intermediaries[0].name``)."""
    out: list[str] = []
    for f in FIELDS:
        if f.kind == "repeat":
            items = [g for g in FIELDS if g.path.startswith(f.path + "[].")]
            out.extend(g.path.replace("[]", f"[{i}]") for i in range(max_items) for g in items)
        elif "[]" not in f.path:
            out.append(f.path)
    return out


def csv_field(column: str) -> Field | None:
    """The table row behind a CSV column (``intermediaries[3].role`` -> ``intermediaries[].role``)."""
    if "[" in column:
        head, _, rest = column.partition("[")
        index, _, tail = rest.partition("]")
        if not index.isdigit():
            return None
        return BY_PATH.get(f"{head}[]{tail}")
    return BY_PATH.get(column)


def vocabularies_used() -> list[str]:
    names = [f.vocabulary for f in FIELDS if f.vocabulary]
    names += [str(f.form["provider_vocabulary"]) for f in FIELDS if f.form.get("provider_vocabulary")]
    return list(dict.fromkeys(names))
