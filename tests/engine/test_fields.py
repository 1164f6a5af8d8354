"""The one field table (checker.fields): every row reaches the validator, Deal.to_dict, the JSON Schema, the browser
form and the batch CSV columns under the same name; version-1 files screen identically after migration."""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

import pytest

from checker import fields
from checker.batch import csv_row_to_deal
from checker.browser import form_spec
from checker.deal import parse_deal
from checker.engine import screen_raw
from checker.errors import DealError
from checker.migrate import migrate
from checker.reference import load_reference
from checker.schema import deal_schema
from tests.scenarios import SCREENING_DATE, load_scenarios

REF = load_reference()
ROWS = [f for f in fields.FIELDS if f.kind != "repeat"]


def sample(f: fields.Field) -> Any:
    """A valid, non-default value for one row."""
    vocab = list(REF.vocabulary(f.vocabulary)) if f.vocabulary else []
    values = {
        "text": "T",
        "textarea": "A paragraph.",
        "lines": ["Первое имя", "Second name"],
        "country": "NL",
        "jurisdiction": "EU",
        "choice": vocab[-1] if vocab else None,
        "multi": vocab[:2],
        "tristate": False,
        "entries": ["5A001.j"],
    }
    if f.kind == "services":
        return [vocab[0], {"id": vocab[1], "provider": "intermediary"}]
    return values[f.kind]


def place(deal: dict[str, Any], path: str, value: Any) -> None:
    if "[]." in path:
        head, tail = path.split("[].", 1)
        items = deal.setdefault(head, [{}])
        place(items[0], tail, value)
        return
    parts = path.split(".")
    for part in parts[:-1]:
        deal = deal.setdefault(part, {})
    deal[parts[-1]] = value


def lookup(deal: Any, path: str) -> Any:
    for part in path.replace("[].", "[0].").replace("[0]", ".0").split("."):
        deal = deal[int(part)] if part.isdigit() else deal[part]
    return deal


def form_names() -> set[str]:
    names = set()
    for group in form_spec(REF)["groups"]:
        for field in group["fields"]:
            names.add(field["name"])
            for sub in field.get("fields", []):
                names.add(f"{field['name']}[].{sub['name']}")
    return names


def schema_paths(schema: dict[str, Any], prefix: str = "") -> set[str]:
    out = set()
    for key, sub in schema.get("properties", {}).items():
        path = f"{prefix}{key}"
        out.add(path)
        if "properties" in sub:
            out |= schema_paths(sub, path + ".")
        items = sub.get("items", {})
        if isinstance(items, dict) and "properties" in items:
            out |= schema_paths(items, path + "[].")
    return out


def test_the_table_is_well_formed() -> None:
    assert len({f.path for f in fields.FIELDS}) == len(fields.FIELDS)
    for f in fields.FIELDS:
        assert f.kind in fields.KINDS, f.path
        assert f.label and f.step, f.path
        if f.kind in ("choice", "multi", "services"):
            assert f.vocabulary and REF.vocabulary(f.vocabulary), f"{f.path}: vocabulary {f.vocabulary} is empty"


@pytest.mark.parametrize("f", ROWS, ids=[f.path for f in ROWS])
def test_every_field_has_the_same_name_everywhere(f: fields.Field) -> None:
    deal: dict[str, Any] = {"schema_version": fields.SCHEMA_VERSION}
    place(deal, f.path, sample(f))
    # the validator accepts it and to_dict gives it back at the same path
    record = parse_deal(deal, REF).to_dict()
    assert lookup(record, f.path) == lookup(deal, f.path)
    # the JSON Schema names it, the form asks for it, the CSV reader has a column for it
    assert f.path in schema_paths(deal_schema(REF))
    assert f.path in form_names()
    column = f.path.replace("[]", "[0]")
    assert column in fields.csv_columns()
    header = ["schema_version", column]
    value = sample(f)
    cell = (
        ";".join(v if isinstance(v, str) else f"{v['id']}:{v['provider']}" for v in value)
        if isinstance(value, list)
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )
    text = io.StringIO()
    csv.writer(text).writerows([header, ["2", cell]])
    row = next(csv.DictReader(io.StringIO(text.getvalue())))
    assert lookup(parse_deal(csv_row_to_deal(row, 2), REF).to_dict(), f.path) == lookup(deal, f.path)


@pytest.mark.parametrize("f", [f for f in ROWS if f.since > 1], ids=[f.path for f in ROWS if f.since > 1])
def test_a_version_1_file_may_not_use_a_version_2_field(f: fields.Field) -> None:
    deal: dict[str, Any] = {"schema_version": 1}
    place(deal, f.path, sample(f))
    with pytest.raises(DealError) as info:
        parse_deal(deal, REF)
    problem = info.value.problems[0]
    assert problem.path == f.path.replace("[]", "[0]")
    assert "schema_version 2" in problem.message and "migrate" in problem.hint


def _is_version_1(deal: dict[str, Any]) -> bool:
    return deal.get("schema_version", 1) == 1 and not any(f.since > 1 and _present(deal, f.path) for f in ROWS)


def _present(deal: dict[str, Any], path: str) -> bool:
    try:
        lookup(deal, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


V1_SCENARIOS = [(n, s) for n, s in load_scenarios() if _is_version_1(s["deal"])]


def test_most_scenarios_are_version_1_files() -> None:
    assert len(V1_SCENARIOS) >= 40


@pytest.mark.parametrize(("name", "spec"), V1_SCENARIOS, ids=[n for n, _ in V1_SCENARIOS])
def test_a_version_1_file_screens_identically_after_migration(name: str, spec: dict) -> None:
    deal = spec["deal"]
    v1 = {"schema_version": 1, **copy.deepcopy(deal)}
    v2 = migrate(copy.deepcopy(v1), REF)
    assert v2["schema_version"] == 2
    assert {k: v for k, v in v2.items() if k != "schema_version"} == {
        k: v for k, v in v1.items() if k != "schema_version"
    }
    before, after = screen_raw(v1, on=SCREENING_DATE), screen_raw(v2, on=SCREENING_DATE)
    assert after.verdict == before.verdict
    assert [(f.code, f.severity, f.message, f.actions) for f in after.findings] == [
        (f.code, f.severity, f.message, f.actions) for f in before.findings
    ]
    assert json.dumps(after.deal, sort_keys=True) == json.dumps(before.deal, sort_keys=True)
