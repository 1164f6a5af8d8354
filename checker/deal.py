"""The deal model and its validation.

Validation collects every problem with its dotted path and a fix hint. Absent or null values are not errors: they
mean "unknown", and the rules treat unknown core facts as a reason to escalate, never as a green light.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from checker.errors import DealError, Problem
from checker.limits import MAX_SUGGEST_CHARS, MAX_SUGGESTIONS
from checker.reference import ReferenceData

SCHEMA_VERSION = 1
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_TEXT = 2000
MAX_ITEMS = 50

TOP_LEVEL_KEYS = (
    "schema_version",
    "reference",
    "exporter",
    "product",
    "destination",
    "end_user",
    "intermediaries",
    "delivery",
    "services",
    "red_flags",
    "safeguards",
    "notes",
)


@dataclass(frozen=True)
class Exporter:
    name: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Product:
    name: str | None = None
    description: str | None = None
    capabilities: tuple[str, ...] | None = None
    control_entries: tuple[str, ...] | None = None
    mass_market: bool | None = None


@dataclass(frozen=True)
class EndUser:
    name: str | None = None
    type: str | None = None
    stated_end_use: str | None = None
    end_user_statement: str | None = None


@dataclass(frozen=True)
class Intermediary:
    name: str | None = None
    role: str | None = None
    country: str | None = None
    free_zone: bool | None = None


@dataclass(frozen=True)
class Deal:
    """A proposed export as the firm describes it. None means "not stated" throughout."""

    reference: str | None = None
    exporter: Exporter = field(default_factory=Exporter)
    product: Product = field(default_factory=Product)
    destination_country: str | None = None
    end_user: EndUser = field(default_factory=EndUser)
    intermediaries: tuple[Intermediary, ...] = ()
    ship_to_country: str | None = None
    services: tuple[str, ...] | None = None
    red_flags: tuple[str, ...] = ()
    safeguards: tuple[str, ...] = ()
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The normalised deal in the file format (stable key order), for reports and round trips."""
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        if self.reference is not None:
            out["reference"] = self.reference
        out["exporter"] = _compact({"name": self.exporter.name, "country": self.exporter.country})
        product = {
            "name": self.product.name,
            "description": self.product.description,
            "capabilities": _list(self.product.capabilities),
            "control_entries": _list(self.product.control_entries),
            "mass_market": self.product.mass_market,
        }
        out["product"] = _compact(product)
        out["destination"] = _compact({"country": self.destination_country})
        out["end_user"] = _compact(
            {
                "name": self.end_user.name,
                "type": self.end_user.type,
                "stated_end_use": self.end_user.stated_end_use,
                "end_user_statement": self.end_user.end_user_statement,
            }
        )
        out["intermediaries"] = [
            _compact({"name": i.name, "role": i.role, "country": i.country, "free_zone": i.free_zone})
            for i in self.intermediaries
        ]
        out["delivery"] = _compact({"ship_to_country": self.ship_to_country})
        if self.services is not None:
            out["services"] = list(self.services)
        out["red_flags"] = list(self.red_flags)
        out["safeguards"] = list(self.safeguards)
        if self.notes is not None:
            out["notes"] = self.notes
        return out


def _list(value: tuple[str, ...] | None) -> list[str] | None:
    return None if value is None else list(value)


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None}


class _Validator:
    """Walks the raw deal once, collecting problems instead of stopping at the first."""

    def __init__(self, reference: ReferenceData):
        self.ref = reference
        self.problems: list[Problem] = []
        self.suggestions_left = MAX_SUGGESTIONS

    def suggest(self, value: str, choices: Any) -> str | None:
        """A 'did you mean', within a per-deal budget: each one compares the value with a whole vocabulary."""
        if self.suggestions_left <= 0 or len(value) > MAX_SUGGEST_CHARS:
            return None
        self.suggestions_left -= 1
        return _suggest(value, choices)

    def problem(self, path: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(path, message, hint))

    def mapping(self, raw: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem(
                path,
                f"must be a mapping of fields, not {_kind(raw)}",
                f"allowed fields: {', '.join(allowed)}",
            )
            return {}
        for key in raw:
            if not isinstance(key, str) or key not in allowed:
                guess = self.suggest(str(key), allowed)
                hint = f"did you mean '{guess}'?" if guess else f"allowed fields: {', '.join(allowed)}"
                self.problem(_join(path, str(key)), "is not a known field", hint)
        return raw

    def text(self, raw: dict[str, Any], key: str, path: str) -> str | None:
        value = raw.get(key)
        where = _join(path, key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(where, f"must be text, not {_kind(value)}", "write it as a quoted string")
            return None
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            self.problem(where, f"is {len(text)} characters long; the limit is {MAX_TEXT}", "shorten it")
            return None
        if _CONTROL_CHARS.search(text):
            self.problem(where, "contains control characters", "remove non-printable characters")
            return None
        return text or None

    def boolean(self, raw: dict[str, Any], key: str, path: str) -> bool | None:
        value = raw.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.problem(_join(path, key), f"must be true or false, not {_kind(value)} {value!r}", "write true or false")
        return None

    def country(self, raw: dict[str, Any], key: str, path: str) -> str | None:
        value = raw.get(key)
        where = _join(path, key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(where, f"must be an ISO 3166-1 alpha-2 code, not {_kind(value)}", "for example 'EG'")
            return None
        code = value.strip().upper()
        if code in self.ref.countries:
            return code
        by_name = {c["name"].lower(): c["code"] for c in self.ref.countries.values()}
        if value.strip().lower() in by_name:
            found = by_name[value.strip().lower()]
            self.problem(where, f"'{value}' is a country name, not a code", f"write '{found}'")
        else:
            guess = self.suggest(value.strip().lower(), list(by_name))
            hint = f"did you mean '{by_name[guess]}' ({self.ref.country_name(by_name[guess])})?" if guess else ""
            self.problem(where, f"'{value}' is not an ISO 3166-1 alpha-2 country code", hint or "for example 'EG'")
        return None

    def term(self, value: Any, vocabulary: str, where: str) -> str | None:
        known = self.ref.vocabulary(vocabulary)
        if not isinstance(value, str):
            self.problem(where, f"must be one of the {vocabulary.replace('_', ' ')} ids, not {_kind(value)}")
            return None
        if value in known:
            return value
        normalised = value.strip().lower().replace(" ", "_").replace("-", "_")
        if normalised in known:
            return normalised
        guess = self.suggest(normalised, list(known))
        hint = f"did you mean '{guess}'?" if guess else "run 'dealcheck vocab " + vocabulary + "' for the list"
        self.problem(where, f"'{value}' is not a known {_singular(vocabulary)}", hint)
        return None

    def term_field(self, raw: dict[str, Any], key: str, vocabulary: str, path: str) -> str | None:
        value = raw.get(key)
        return None if value is None else self.term(value, vocabulary, _join(path, key))

    def term_list(self, raw: dict[str, Any], key: str, vocabulary: str, path: str) -> tuple[str, ...] | None:
        values = self.items(raw, key, path)
        if values is None:
            return None
        out: list[str] = []
        for index, value in enumerate(values):
            term = self.term(value, vocabulary, f"{_join(path, key)}[{index}]")
            if term is not None and term not in out:
                out.append(term)
        return tuple(out)

    def items(self, raw: dict[str, Any], key: str, path: str) -> list[Any] | None:
        value = raw.get(key)
        where = _join(path, key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            value = [value]
        if not isinstance(value, list):
            self.problem(where, f"must be a list, not {_kind(value)}", "write [a, b] or one '- item' per line")
            return None
        if len(value) > MAX_ITEMS:
            self.problem(where, f"has {len(value)} items; the limit is {MAX_ITEMS}")
            return None
        return value

    def control_entries(self, raw: dict[str, Any], path: str) -> tuple[str, ...] | None:
        values = self.items(raw, "control_entries", path)
        if values is None:
            return None
        known = {k.lower(): k for k in self.ref.control_entries}
        out: list[str] = []
        for index, value in enumerate(values):
            where = f"{_join(path, 'control_entries')}[{index}]"
            if not isinstance(value, str) or not value.strip():
                self.problem(where, f"must be a control-list entry such as '5A001.j', not {_kind(value)}")
                continue
            entry = value.strip()
            out.append(known.get(entry.lower(), entry))
        return tuple(dict.fromkeys(out))


def parse_deal(raw: Any, reference: ReferenceData) -> Deal:
    """Turn a decoded deal file into a Deal, or raise DealError listing every problem."""
    v = _Validator(reference)
    if raw is None:
        raise DealError([Problem("", "the deal is empty", "start from 'dealcheck example'")])
    if not isinstance(raw, dict):
        raise DealError(
            [Problem("", f"a deal must be a mapping of fields, not {_kind(raw)}", "see 'dealcheck example'")]
        )
    top = v.mapping(raw, "", TOP_LEVEL_KEYS)
    version = top.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION or isinstance(version, bool):
        v.problem(
            "schema_version",
            f"{version!r} is not supported",
            f"this checker reads schema_version {SCHEMA_VERSION}",
        )

    exporter_raw = v.mapping(top.get("exporter"), "exporter", ("name", "country"))
    exporter = Exporter(v.text(exporter_raw, "name", "exporter"), v.country(exporter_raw, "country", "exporter"))

    product_keys = ("name", "description", "capabilities", "control_entries", "mass_market")
    product_raw = v.mapping(top.get("product"), "product", product_keys)
    product = Product(
        name=v.text(product_raw, "name", "product"),
        description=v.text(product_raw, "description", "product"),
        capabilities=v.term_list(product_raw, "capabilities", "capabilities", "product"),
        control_entries=v.control_entries(product_raw, "product"),
        mass_market=v.boolean(product_raw, "mass_market", "product"),
    )

    destination_raw = v.mapping(top.get("destination"), "destination", ("country",))
    end_user_keys = ("name", "type", "stated_end_use", "end_user_statement")
    end_user_raw = v.mapping(top.get("end_user"), "end_user", end_user_keys)
    end_user = EndUser(
        name=v.text(end_user_raw, "name", "end_user"),
        type=v.term_field(end_user_raw, "type", "end_user_types", "end_user"),
        stated_end_use=v.text(end_user_raw, "stated_end_use", "end_user"),
        end_user_statement=v.term_field(end_user_raw, "end_user_statement", "end_user_statements", "end_user"),
    )

    intermediaries: list[Intermediary] = []
    for index, item in enumerate(v.items(top, "intermediaries", "") or []):
        path = f"intermediaries[{index}]"
        if not isinstance(item, dict):
            v.problem(path, f"must be a mapping with name, role, country, free_zone, not {_kind(item)}")
            continue
        item_raw = v.mapping(item, path, ("name", "role", "country", "free_zone"))
        intermediaries.append(
            Intermediary(
                name=v.text(item_raw, "name", path),
                role=v.term_field(item_raw, "role", "intermediary_roles", path),
                country=v.country(item_raw, "country", path),
                free_zone=v.boolean(item_raw, "free_zone", path),
            )
        )

    delivery_raw = v.mapping(top.get("delivery"), "delivery", ("ship_to_country",))
    deal = Deal(
        reference=v.text(top, "reference", ""),
        exporter=exporter,
        product=product,
        destination_country=v.country(destination_raw, "country", "destination"),
        end_user=end_user,
        intermediaries=tuple(intermediaries),
        ship_to_country=v.country(delivery_raw, "ship_to_country", "delivery"),
        services=v.term_list(top, "services", "services", ""),
        red_flags=v.term_list(top, "red_flags", "red_flags", "") or (),
        safeguards=v.term_list(top, "safeguards", "safeguards", "") or (),
        notes=v.text(top, "notes", ""),
    )
    if v.problems:
        raise DealError(v.problems)
    return deal


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _singular(vocabulary: str) -> str:
    names = {
        "capabilities": "capability",
        "end_user_types": "end-user type",
        "end_user_statements": "end-user statement status",
        "intermediary_roles": "intermediary role",
        "services": "service",
        "red_flags": "red flag",
        "safeguards": "safeguard",
    }
    return names.get(vocabulary, vocabulary)


def _suggest(value: str, choices: Any) -> str | None:
    """Closest id: whole-id similarity, or a close match on one of its words (first words count a little more)."""
    best, best_score = None, 0.0
    for choice in choices:
        score = difflib.SequenceMatcher(None, value, choice).ratio()
        for position, token in enumerate(choice.split("_")):
            token_score = difflib.SequenceMatcher(None, value, token).ratio() - 0.01 * position
            score = max(score, token_score)
        if score > best_score:
            best, best_score = choice, score
    return best if best_score >= 0.75 else None
