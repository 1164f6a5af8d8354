"""Check one parsed record against a schema; collect the cross-references for the loader to resolve later."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from checker.errors import kind_of
from sitegen.problems import Problem
from sitegen.schema import RENAMED, Field, Schema
from sitegen.yamlmarks import MarkedDict, MarkedList

FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class Ref:
    """A value that must name an existing id in `space` (source, country, capability, ...)."""

    space: str
    value: str
    file: str
    line: int
    field: str


def _date_problem(value: Any, partial: bool) -> str | None:
    if partial and isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return None
    if not isinstance(value, str):
        return f"expected an ISO date{' (YYYY, YYYY-MM or YYYY-MM-DD)' if partial else ' (YYYY-MM-DD)'}, got {type(value).__name__} {value!r}"
    pattern = PARTIAL_DATE if partial else FULL_DATE
    if not pattern.match(value):
        shape = "YYYY, YYYY-MM or YYYY-MM-DD" if partial else "YYYY-MM-DD"
        return f"{value!r} is not an ISO date ({shape})"
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError as error:
        return f"{value!r} is not a valid date ({error})"
    return None


class Checker:
    """Accumulates problems and references for one file."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []
        self.refs: list[Ref] = []

    def problem(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.display, line, field, message))

    def record(
        self,
        value: Any,
        schema: Schema,
        path: str,
        line: int,
        open_schema: bool = False,
        renamed: dict[str, str] | None = None,
    ) -> bool:
        """Validate a mapping record; returns False when it is not a mapping at all."""
        if not isinstance(value, MarkedDict):
            self.problem(line, path or "(record)", f"expected a mapping of fields, got {kind_of(value)}")
            return False
        prefix = f"{path}." if path else ""
        hints = {**(RENAMED if "verified_on" in schema else {}), **(renamed or {})}
        for name in value:
            if name in hints and name not in schema:
                self.problem(value.line_of(name), prefix + name, hints[name])
        for name, spec in schema.items():
            if name not in value:
                if spec.required:
                    self.problem(value.line, prefix + name, "required field is missing")
                continue
            self.value(value[name], spec, prefix + name, value.line_of(name))
        if not open_schema:
            for name in value:
                if name not in schema and name not in hints:
                    allowed = ", ".join(schema)
                    self.problem(value.line_of(name), prefix + name, f"unknown field (allowed: {allowed})")
        return True

    def value(self, value: Any, spec: Field, path: str, line: int) -> None:
        """Check one field's value against its spec (kind, pattern, choices, reference)."""
        if value is None:
            if spec.required:
                self.problem(line, path, "is empty; a value is required")
            return
        check = self._KINDS.get(spec.kind)
        if check is None:  # pragma: no cover - a schema bug, not a data problem
            raise ValueError(f"unknown field kind {spec.kind}")
        check(self, value, spec, path, line)

    def _text(self, value: Any, spec: Field, path: str, line: int) -> None:
        if not isinstance(value, str):
            self.problem(line, path, f"expected text, got {kind_of(value)} {value!r}")
            return
        if not value.strip():
            self.problem(line, path, "is blank")
            return
        if spec.pattern and not re.match(spec.pattern, value):
            self.problem(line, path, f"{value!r} does not match the id format {spec.pattern}")
        if spec.choices and value not in spec.choices:
            self.problem(line, path, f"{value!r} is not one of: {', '.join(spec.choices)}")
        if spec.ref:
            self.refs.append(Ref(spec.ref, value, self.display, line, path))

    def _text_or_year(self, value: Any, _spec: Field, path: str, line: int) -> None:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problem(line, path, f"expected text or a year, got {kind_of(value)}")

    def _all_or_countries(self, value: Any, _spec: Field, path: str, line: int) -> None:
        if value != "all":
            self.value(value, Field("list", item=Field("str", ref="country"), non_empty=True), path, line)

    def _int(self, value: Any, _spec: Field, path: str, line: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(line, path, f"expected a whole number, got {kind_of(value)} {value!r}")

    def _number(self, value: Any, _spec: Field, path: str, line: int) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(line, path, f"expected a number, got {kind_of(value)} {value!r}")

    def _bool(self, value: Any, _spec: Field, path: str, line: int) -> None:
        if not isinstance(value, bool):
            self.problem(line, path, f"expected true or false, got {kind_of(value)} {value!r}")

    def _published(self, value: Any, _spec: Field, path: str, line: int) -> None:
        message = None if value == "undated" else _date_problem(value, partial=True)
        if message:
            self.problem(line, path, message + " or `undated`")

    def _date(self, value: Any, spec: Field, path: str, line: int) -> None:
        message = _date_problem(value, partial=spec.kind == "partial_date")
        if message:
            self.problem(line, path, message)

    def _list(self, value: Any, spec: Field, path: str, line: int) -> None:
        if not isinstance(value, MarkedList):
            self.problem(line, path, f"expected a list, got {kind_of(value)} {value!r}")
            return
        if spec.non_empty and not value:
            self.problem(line, path, "must list at least one entry")
        assert spec.item is not None
        for index, item in enumerate(value):
            self.value(item, spec.item, f"{path}[{index}]", value.line_of(index))

    def _mapping(self, value: Any, spec: Field, path: str, line: int) -> None:
        self.record(value, spec.fields, path, line)

    def _text_dict(self, value: Any, spec: Field, path: str, line: int) -> None:
        if not isinstance(value, MarkedDict):
            self.problem(line, path, f"expected a mapping, got {kind_of(value)}")
            return
        for key, item in value.items():
            if spec.keys and key not in spec.keys:
                self.problem(value.line_of(key), f"{path}.{key}", f"unknown key (allowed: {', '.join(spec.keys)})")
            elif not isinstance(item, str) or not item.strip():
                self.problem(value.line_of(key), f"{path}.{key}", f"expected text, got {kind_of(item)}")

    _KINDS: ClassVar[dict[str, Callable[[Checker, Any, Field, str, int], None]]] = {
        "str": _text,
        "text": _text,
        "str_or_int": _text_or_year,
        "all_or_countries": _all_or_countries,
        "int": _int,
        "number": _number,
        "bool": _bool,
        "published": _published,
        "date": _date,
        "partial_date": _date,
        "list": _list,
        "mapping": _mapping,
        "dict": _text_dict,
    }
