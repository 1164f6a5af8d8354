"""The deal model and its validation.

Validation collects every problem with its dotted path and a fix hint. Absent or null values are not errors: they
mean "unknown", and the rules treat unknown core facts as a reason to escalate, never as a green light.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from checker import fields
from checker.errors import DealError, Problem, kind_of
from checker.limits import MAX_ITEMS, MAX_SUGGEST_CHARS, MAX_SUGGESTIONS, MAX_TEXT
from checker.reference import ReferenceData

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
EU_UNNAMED = "EU"  # exporter.country: established in an EU member state, not said which

SCHEMA_VERSION = fields.SCHEMA_VERSION
TOP_LEVEL_KEYS = fields.top_level_keys()


@dataclass(frozen=True)
class Exporter:
    name: str | None = None
    country: str | None = None  # ISO alpha-2, or EU_UNNAMED


@dataclass(frozen=True)
class Product:
    name: str | None = None
    description: str | None = None
    capabilities: tuple[str, ...] | None = None
    control_entries: tuple[str, ...] | None = None
    classification_status: str | None = None
    not_listed_basis: str | None = None
    not_listed_note: str | None = None
    mass_market: bool | None = None


@dataclass(frozen=True)
class Oversight:
    judicial_authorisation: bool | None = None
    independent_oversight: bool | None = None


@dataclass(frozen=True)
class EndUser:
    name: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    type: str | None = None
    stated_end_use: str | None = None
    end_user_statement: str | None = None
    oversight: Oversight = field(default_factory=Oversight)


@dataclass(frozen=True)
class Intermediary:
    name: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    role: str | None = None
    country: str | None = None
    free_zone: bool | None = None


@dataclass(frozen=True)
class Payer:
    name: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Deal:
    """A proposed export as the firm describes it. None means "not stated" throughout.

    The attributes mirror the field table (checker.fields); ``service_providers`` pairs a service id with who
    provides it, for the services whose provider the file states.
    """

    reference: str | None = None
    exporter: Exporter = field(default_factory=Exporter)
    product: Product = field(default_factory=Product)
    destination_country: str | None = None
    end_user: EndUser = field(default_factory=EndUser)
    intermediaries: tuple[Intermediary, ...] = ()
    payer: Payer = field(default_factory=Payer)
    ship_to_country: str | None = None
    ship_from_country: str | None = None
    services: tuple[str, ...] | None = None
    service_providers: tuple[tuple[str, str], ...] = ()
    red_flags: tuple[str, ...] = ()
    safeguards: tuple[str, ...] = ()
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The normalised deal in the file format (table order, schema_version 2), for reports and round trips.

        Top-level mappings are always present (empty = nothing known); nested mappings and empty alias lists are
        left out; unknown values are left out.
        """
        out: dict[str, Any] = {"schema_version": fields.SCHEMA_VERSION}
        for f in fields.FIELDS:
            if "[]" in f.path:
                continue
            if f.kind == "repeat":
                items = getattr(self, f.attribute)
                out[f.path] = [_item_dict(item, f.path) for item in items]
                continue
            value = _export(f, _get(self, f.attribute), self)
            parts = f.path.split(".")
            target = out
            for part in parts[:-1]:
                target = target.setdefault(part, {})
            if value is not None:
                target[parts[-1]] = value
        for key in fields.mapping_keys(""):
            if isinstance(out.get(key), dict):
                out[key] = _prune(out[key])
            elif key not in out and fields.BY_PATH.get(key) is None:
                out[key] = {}
        return {k: out[k] for k in fields.top_level_keys() if k in out}


# Which dataclass holds each mapping of the file, by attribute path (checker.fields names the attributes).
_CLASSES: dict[str, type] = {
    "": Deal,
    "exporter": Exporter,
    "product": Product,
    "end_user": EndUser,
    "end_user.oversight": Oversight,
    "intermediaries": Intermediary,
    "payer": Payer,
}


def _prune(mapping: dict[str, Any]) -> dict[str, Any]:
    """Leave out nested mappings with nothing known (end_user.oversight: {})."""
    out = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            value = _prune(value)
            if not value:
                continue
        out[key] = value
    return out


def _get(obj: Any, attribute: str) -> Any:
    for part in attribute.split("."):
        obj = getattr(obj, part)
    return obj


def _export(f: fields.Field, value: Any, deal: Deal | None = None) -> Any:
    if value is None:
        return None
    if f.kind == "services":
        providers = dict(deal.service_providers) if deal is not None else {}
        return [{"id": s, "provider": providers[s]} if s in providers else s for s in value]
    if f.kind == "lines":
        return list(value) or None
    if isinstance(value, tuple):
        return list(value)
    return value


def _item_dict(item: Any, repeat_path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields.children(repeat_path + "[]"):
        value = _export(f, getattr(item, f.name))
        if value is not None:
            out[f.name] = value
    return out


def _build(cls: type, values: dict[str, Any], prefix: str) -> Any:
    """A dataclass from the validated values keyed by attribute path; nested dataclasses from their own keys."""
    kwargs: dict[str, Any] = {}
    for attribute in dataclasses.fields(cls):
        key = f"{prefix}.{attribute.name}" if prefix else attribute.name
        if key in values:
            kwargs[attribute.name] = values[key]
        elif key in _CLASSES and key != "intermediaries":
            kwargs[attribute.name] = _build(_CLASSES[key], values, key)
    return cls(**kwargs)


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
                f"must be a mapping of fields, not {kind_of(raw)}",
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
        return self.text_value(raw.get(key), _join(path, key))

    def text_value(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(where, f"must be text, not {kind_of(value)}", "write it as a quoted string")
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
        self.problem(_join(path, key), f"must be true or false, not {kind_of(value)} {value!r}", "write true or false")
        return None

    def country(self, raw: dict[str, Any], key: str, path: str) -> str | None:
        value = raw.get(key)
        where = _join(path, key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(where, f"must be an ISO 3166-1 alpha-2 code, not {kind_of(value)}", "for example 'EG'")
            return None
        code = value.strip().upper()
        if code in self.ref.countries:
            return code
        by_name = {c.name.lower(): c.code for c in self.ref.countries.values()}
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
            self.problem(where, f"must be one of the {vocabulary.replace('_', ' ')} ids, not {kind_of(value)}")
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
            self.problem(where, f"must be a list, not {kind_of(value)}", "write [a, b] or one '- item' per line")
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
                self.problem(where, f"must be a control-list entry such as '5A001.j', not {kind_of(value)}")
                continue
            entry = value.strip()
            out.append(known.get(entry.lower(), entry))
        return tuple(dict.fromkeys(out))

    # Kinds of the field table ------------------------------------------------------------------------
    def lines(self, raw: dict[str, Any], key: str, path: str) -> tuple[str, ...] | None:
        """A list of texts (aliases); one text is taken as a list of one, repeats are dropped."""
        values = self.items(raw, key, path)
        if values is None:
            return None
        out: list[str] = []
        for index, value in enumerate(values):
            text = self.text_value(value, f"{_join(path, key)}[{index}]")
            if text is not None and text not in out:
                out.append(text)
        return tuple(out)

    def jurisdiction(self, raw: dict[str, Any], key: str, path: str) -> str | None:
        """A country code, or EU for an exporter established in an EU member state it does not name."""
        value = raw.get(key)
        if isinstance(value, str) and value.strip().upper() in (EU_UNNAMED, "EUROPEAN UNION"):
            return EU_UNNAMED
        return self.country(raw, key, path)

    def services(self, raw: dict[str, Any], key: str, path: str) -> tuple[tuple[str, ...] | None, tuple]:
        """Service ids, each a plain id or ``{id, provider}``; returns (ids, ((id, provider), ...))."""
        values = self.items(raw, key, path)
        if values is None:
            return None, ()
        ids: list[str] = []
        providers: dict[str, str] = {}
        for index, value in enumerate(values):
            where = f"{_join(path, key)}[{index}]"
            if isinstance(value, dict):
                item = self.mapping(value, where, fields.SERVICE_ITEM_KEYS)
                if item.get("id") is None:
                    self.problem(_join(where, "id"), "is missing", "name the service, for example 'training'")
                    continue
                service = self.term(item["id"], "services", _join(where, "id"))
                provider = self.term_field(item, "provider", "service_providers", where)
            else:
                service, provider = self.term(value, "services", where), None
            if service is None:
                continue
            if service not in ids:
                ids.append(service)
            if provider is not None:
                providers[service] = provider
        return tuple(ids), tuple(providers.items())

    def value(self, f: fields.Field, raw: dict[str, Any], parent: str) -> Any:
        """One field's validated value (None = unknown), by its kind in the table."""
        key = f.name
        if f.kind in ("text", "textarea"):
            return self.text(raw, key, parent)
        if f.kind == "lines":
            return self.lines(raw, key, parent) or ()
        if f.kind == "country":
            return self.country(raw, key, parent)
        if f.kind == "jurisdiction":
            return self.jurisdiction(raw, key, parent)
        if f.kind == "choice":
            return self.term_field(raw, key, str(f.vocabulary), parent)
        if f.kind == "multi":
            found = self.term_list(raw, key, str(f.vocabulary), parent)
            return (found or ()) if f.empty_default else found
        if f.kind == "tristate":
            return self.boolean(raw, key, parent)
        if f.kind == "entries":
            return self.control_entries(raw, parent)
        raise AssertionError(f"no validator for kind {f.kind!r}")  # a table row with a new kind needs one

    def walk(self, raw: dict[str, Any], parent: str, version: int, values: dict[str, Any]) -> None:
        """Validate every field of one mapping of the file into ``values`` (keyed by Deal attribute path)."""
        path_prefix = parent.replace("[]", "")
        for key in fields.mapping_keys(parent):
            path = f"{parent}.{key}" if parent else key
            where = _join(path_prefix, key)
            f = fields.BY_PATH.get(path)
            if f is not None and f.since > version and raw.get(key) is not None:
                self.problem(
                    where,
                    f"is a schema_version {f.since} field, but the file says schema_version {version}",
                    f"set schema_version: {fields.SCHEMA_VERSION} (or run 'dealcheck migrate' on the file)",
                )
                continue
            if f is None:  # a nested mapping (exporter, end_user.oversight ...)
                child = self.mapping(raw.get(key), where, fields.mapping_keys(path))
                self.walk(child, path, version, values)
            elif f.kind == "repeat":
                values[f.attribute] = tuple(self.repeat(raw, f, version))
            elif f.kind == "services":
                values["services"], values["service_providers"] = self.services(raw, key, path_prefix)
            else:
                values[f.attribute] = self.value(f, raw, path_prefix)

    def repeat(self, raw: dict[str, Any], f: fields.Field, version: int) -> list[Any]:
        out = []
        keys = fields.mapping_keys(f.path + "[]")
        for index, item in enumerate(self.items(raw, f.name, f.parent) or []):
            where = f"{f.path}[{index}]"
            if not isinstance(item, dict):
                self.problem(where, f"must be a mapping with {', '.join(keys)}, not {kind_of(item)}")
                continue
            item_raw = self.mapping(item, where, keys)
            item_values: dict[str, Any] = {}
            for sub in fields.children(f.path + "[]"):
                if sub.since > version and item_raw.get(sub.name) is not None:
                    self.problem(
                        _join(where, sub.name),
                        f"is a schema_version {sub.since} field, but the file says schema_version {version}",
                        f"set schema_version: {fields.SCHEMA_VERSION} (or run 'dealcheck migrate' on the file)",
                    )
                    continue
                item_values[sub.name] = self.value(sub, item_raw, where)
            out.append(_build(_CLASSES[f.attribute], item_values, ""))
        return out


def schema_version_of(raw: Any) -> int | None:
    """The file's schema_version (absent = the current one), or None when it is not one this checker reads."""
    version = raw.get("schema_version", fields.SCHEMA_VERSION) if isinstance(raw, dict) else None
    if isinstance(version, bool) or version not in fields.SUPPORTED_VERSIONS:
        return None
    return int(version)


def parse_deal(raw: Any, reference: ReferenceData) -> Deal:
    """Turn a decoded deal file (schema_version 1 or 2) into a Deal, or raise DealError listing every problem."""
    v = _Validator(reference)
    if raw is None:
        raise DealError([Problem("", "the deal is empty", "start from 'dealcheck example'")])
    if not isinstance(raw, dict):
        raise DealError(
            [Problem("", f"a deal must be a mapping of fields, not {kind_of(raw)}", "see 'dealcheck example'")]
        )
    top = v.mapping(raw, "", TOP_LEVEL_KEYS)
    version = schema_version_of(top)
    if version is None:
        v.problem(
            "schema_version",
            f"{top.get('schema_version')!r} is not supported",
            f"this checker reads schema_version {' and '.join(map(str, fields.SUPPORTED_VERSIONS))}",
        )
        version = fields.SCHEMA_VERSION
    values: dict[str, Any] = {}
    v.walk(top, "", version, values)
    if v.problems:
        raise DealError(v.problems)
    return _build(Deal, values, "")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


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
