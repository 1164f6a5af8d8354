"""site_data/context/: indicator datasets, documented misuse, diversion hubs and ISO code tables.

`load_context` validates the files (schemas, cross-references, and every indicator file through the same reader
`dealcheck context import` uses, so a bad value is a `file:line` problem); `compile_context` turns them into the
bundle's `context` section, with every value read from the dataset file, never typed into YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.context_formats import READERS, ContextFormatError, Reading, country_codes
from sitegen import schema as S
from sitegen.problems import Problem
from sitegen.yamlmarks import MarkedDict

if TYPE_CHECKING:
    from sitegen.loader import _Loading

FOLDER = "context"
DATASET_FILES = ("indicators.yml", "imported.yml")  # shipped, and added by `dealcheck context import`

INDICATOR: S.Schema = {
    "id": S.ID,
    "code": S.Field("str"),
    "label": S.Field("str"),
    "measures": S.Field("text", required=False),
    "scale": S.Field("text"),
    "repression_at_or_below": S.Field("number", required=False),
    "strong_at_or_above": S.Field("number", required=False),
    "decimals": S.Field("int", required=False),
}

DATASET: S.Schema = {
    "id": S.ID,
    "title": S.Field("str"),
    "short_name": S.Field("str", required=False),
    "edition": S.Field("str"),
    "publisher": S.Field("str"),
    "format": S.Field("str", choices=tuple(sorted(READERS))),
    "file": S.Field("str"),
    "data_year": S.Field("int"),
    "published": S.Field("partial_date"),
    "next_edition_expected": S.Field("date"),
    "licence": S.Field("str"),
    "redistribution": S.Field("bool"),
    "file_note": S.Field("text", required=False),
    "code_overrides": S.Field("dict", required=False),
    "indicators": S.Field("list", item=S.Field("mapping", fields=INDICATOR), non_empty=True),
    **S.provenance(),
}

MISUSE: S.Schema = {
    "id": S.ID,
    "title": S.Field("str"),
    "country": S.Field("str", ref="country"),
    "families": S.Field("list", item=S.Field("str", ref="capability_family"), non_empty=True),
    "date": S.Field("partial_date"),
    "summary": S.Field("text"),
    "documented_by": S.Field("str"),
    "case_studies": S.Field("list", required=False, item=S.Field("str", ref="case")),
    **S.provenance(),
}

HUB: S.Schema = {
    "country": S.Field("str", ref="country"),
    "note": S.Field("text"),
    "case_studies": S.Field("list", required=False, item=S.Field("str", ref="case")),
    **S.provenance(),
}

CODE: S.Schema = {
    "alpha2": S.Field("str", ref="country"),
    "alpha3": S.Field("str", pattern=r"^[A-Z]{3}$"),
    "numeric": S.Field("str", pattern=r"^\d{3}$"),
}


def load_context(state: _Loading) -> None:
    """Validate site_data/context/ into state.site.context (a plain dict of validated records)."""
    from sitegen.loader import _embedded_sources

    root = state.site.root / FOLDER
    context: dict[str, Any] = {"datasets": [], "misuse": [], "hubs": [], "codes": []}
    state.site.context = context
    if not root.is_dir():
        return  # a site without context data: every country shows "no data in this dataset"
    codes_path = root / "country_codes.yml"
    context["codes"], _ = state.list_file(codes_path, "codes", CODE, None, required=False)
    for name in DATASET_FILES:
        path = root / name
        found, doc = state.list_file(path, "datasets", DATASET, "dataset", required=name == "indicators.yml")
        _embedded_sources(state, path, doc)
        for dataset in found:
            dataset["_file"] = state.site.display(path)
        context["datasets"].extend(found)
    for key, name, schema, space in (
        ("misuse", "misuse.yml", MISUSE, "misuse"),
        ("hubs", "diversion_hubs.yml", HUB, None),
    ):
        path = root / name
        found, doc = state.list_file(path, "records" if key == "misuse" else "hubs", schema, space, required=False)
        _embedded_sources(state, path, doc)
        context[key] = found
    _check_hubs(state, root / "diversion_hubs.yml", context["hubs"])
    codes = country_codes(context["codes"], state.site.countries)
    for dataset in context["datasets"]:
        _read_dataset(state, root, dataset, codes)


def _check_hubs(state: _Loading, path: Path, hubs: list[MarkedDict]) -> None:
    seen: dict[str, int] = {}
    for hub in hubs:
        code = hub.get("country")
        if code in seen:
            state.problems.append(
                Problem(state.site.display(path), hub.line, "country", f"{code} is listed twice (line {seen[code]})")
            )
        seen[str(code)] = hub.line


def _read_dataset(state: _Loading, root: Path, dataset: MarkedDict, codes: Any) -> None:
    """Parse the dataset's file with its format's reader; problems point at the file and line."""
    file = dataset.get("file")
    path = (root / str(file)).resolve()
    display = state.site.display(path)
    if not str(path).startswith(str(root.resolve())):
        state.problems.append(Problem(dataset["_file"], dataset.line_of("file"), "file", "must stay inside context/"))
        return
    if not path.exists():
        state.problems.append(Problem(dataset["_file"], dataset.line_of("file"), "file", f"{file} does not exist"))
        return
    try:
        readings = read_readings(path, dataset, codes)
    except ContextFormatError as error:
        state.problems.append(Problem(display, error.line or 1, "(data)", error.problem))
        return
    years = {r.year for r in readings}
    if years != {dataset.get("data_year")}:
        state.problems.append(
            Problem(
                dataset["_file"],
                dataset.line_of("data_year"),
                "data_year",
                f"{dataset.get('data_year')} but the file's rows are for {sorted(years)}",
            )
        )
    dataset["_readings"] = readings


def read_readings(path: Path, dataset: dict[str, Any], codes: Any) -> list[Reading]:
    reader = READERS[str(dataset["format"])]
    indicator_codes = [str(i["code"]) for i in dataset.get("indicators", [])]
    kwargs: dict[str, Any] = {"year": dataset.get("data_year")}
    if dataset["format"] == "wgi-csv":
        kwargs.update(indicators=indicator_codes, overrides=dict(dataset.get("code_overrides") or {}))
    return reader(path, codes, **kwargs)


def compile_context(context: dict[str, Any]) -> dict[str, Any]:
    """The bundle's `context` section (plain JSON) from validated records."""
    datasets = []
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for dataset in context.get("datasets", []):
        by_code = {str(i["code"]): str(i["id"]) for i in dataset["indicators"]}
        datasets.append({k: _plain(v) for k, v in dataset.items() if not k.startswith("_")})
        for reading in dataset.get("_readings", []):
            entry = {"value": reading.value, "year": reading.year, "line": reading.line}
            if reading.rank is not None:
                entry["rank"] = reading.rank
            values.setdefault(reading.country, {})[by_code[reading.indicator]] = entry
    return {
        "datasets": datasets,
        "values": {code: values[code] for code in sorted(values)},
        "misuse": [_plain(dict(r)) for r in context.get("misuse", [])],
        "hubs": [_plain(dict(h)) for h in context.get("hubs", [])],
    }


def country_code_table(context: dict[str, Any]) -> list[dict[str, str]]:
    return [{k: str(c[k]) for k in ("alpha2", "alpha3", "numeric")} for c in context.get("codes", [])]


def _plain(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def context_docs(site_data: Path) -> list[Any]:
    """The context files' parsed YAML, for the bundle's source registry (their embedded `sources:` blocks)."""
    from sitegen.bundle import _load

    root = site_data / FOLDER
    names = (*DATASET_FILES, "misuse.yml", "diversion_hubs.yml")
    return [_load(root / name) for name in names if (root / name).exists()]
