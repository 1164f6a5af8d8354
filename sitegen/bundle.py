"""Compile the reference data in site_data/ into checker/data/bundle.json, the one file the engine loads.

Run `python -m sitegen.bundle` after editing site_data/; `--check` exits non-zero when the committed bundle is stale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from checker.reference import BUNDLE_FORMAT, VOCABULARIES
from sitegen.context_data import compile_context, context_docs, country_code_table
from sitegen.loader import load_site_data
from sitegen.problems import ValidationFailed
from sitegen.yamlmarks import read_front_matter, read_yaml

ROOT = Path(__file__).resolve().parent.parent
SITE_DATA = ROOT / "site_data"
BUNDLE = ROOT / "checker" / "data" / "bundle.json"
CASE_FIELDS = (
    "id",
    "title",
    "vendor",
    "product",
    "capabilities",
    "destinations",
    "end_user_types",
    "failed_steps",
    "related_entries",
    "years",
    "sources",
    "verified_on",
    "rechecked",
    "review_by",
    "confidence",
)


def _plain(value: Any) -> Any:
    """YAML dates become ISO strings so the bundle is plain JSON."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _load(path: Path) -> Any:
    """Read with the validating loader's YAML reader (dates stay ISO text); a broken file raises ValidationFailed."""
    data, problems = read_yaml(path, path.name)
    if problems:
        raise ValidationFailed(problems)
    return _plain(data)


def _front_matter(path: Path) -> dict[str, Any]:
    meta, _body, _line, problems = read_front_matter(path, path.name)
    if problems:
        raise ValidationFailed(problems)
    return _plain(meta) or {}


def _records(data: Any, key: str) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        return list(data.get(key, []))
    return list(data or [])


def _latest(records: list[dict[str, Any]], default: str = "") -> str:
    dates = [str(r["verified_on"]) for r in records if r.get("verified_on")]
    return max(dates, default=default)


def collect(site_data: Path = SITE_DATA, *, site: Any = None) -> dict[str, Any]:
    """Everything the engine needs, in a deterministic order (`site`: the loader's result, if the caller has it)."""
    if site is None:
        site = load_site_data(site_data)  # validates everything, context files and indicator data included
    reference = site_data / "reference"
    vocabularies = {}
    for name in VOCABULARIES:
        path = site_data / "vocabularies" / f"{name}.yml"
        vocabularies[name] = _records(_load(path), name) if path.exists() else []

    countries_doc = _load(reference / "countries.yml")
    countries = _records(countries_doc, "countries")
    countries_meta = countries_doc.get("meta", {}) if isinstance(countries_doc, dict) else {}

    measures: list[dict[str, Any]] = []
    for path in sorted((reference / "measures").glob("*.yml")):
        measures.extend(_records(_load(path), "measures"))

    control_path = reference / "control_entries.yml"
    control_entries = _records(_load(control_path), "control_entries") if control_path.exists() else []
    parties_path = reference / "listed_parties.yml"
    parties_doc = _load(parties_path) if parties_path.exists() else {}
    listed_parties = _records(parties_doc, "listed_parties")
    authorities_doc = _load(reference / "authorities.yml")
    authorities = _records(authorities_doc, "authorities")
    steps_docs = [_load(path) for path in sorted((reference / "exporter_steps").glob("*.yml"))]
    exporter_steps = [record for doc in steps_docs for record in _records(doc, "jurisdictions")]

    cases = []
    for path in sorted((site_data / "content" / "case_studies").glob("*.yml")):
        case = _load(path)
        cases.append({k: case[k] for k in CASE_FIELDS if k in case})

    steps = []
    for path in sorted((site_data / "content" / "steps").glob("*.md")):
        meta = _front_matter(path)
        steps.append({k: meta.get(k) for k in ("id", "order", "title", "summary")})
    steps.sort(key=lambda s: (s.get("order") or 0, s.get("id") or ""))

    sources = []
    for path in (site_data / "sources.yml", site_data / "content" / "sources.yml"):
        if path.exists():
            sources.extend(_records(_load(path), "sources"))
    for doc in (authorities_doc, parties_doc, *steps_docs, *context_docs(site_data)):
        if isinstance(doc, dict):
            sources.extend(doc.get("sources", []))
    sources.sort(key=lambda s: s["id"])

    vocab_records = [r for entries in vocabularies.values() for r in entries]
    datasets: list[dict[str, Any]] = [
        {
            "name": "Countries and territories (ISO 3166-1, UN M49 regions)",
            "records": len(countries),
            "as_of": str(countries_meta.get("verified_on", "")),
        },
        {
            "name": "Sanctions, embargoes and restrictions (UN, EU, UK, US)",
            "records": len(measures),
            "as_of": _latest(measures),
        },
        {"name": "Control-list entries", "records": len(control_entries), "as_of": _latest(control_entries)},
        {"name": "Vocabularies", "records": len(vocab_records), "as_of": _latest(vocab_records)},
        {"name": "Case studies", "records": len(cases), "as_of": _latest(cases)},
        {
            "name": "Exporters' next steps by jurisdiction (authorities, licences, advisory services)",
            "records": len(exporter_steps),
            "as_of": _latest(exporter_steps),
        },
    ]
    context = compile_context(site.context)
    datasets.extend(
        {
            "name": f"{dataset['title']}, {dataset['edition']} (data for {dataset['data_year']}; {dataset['licence']})",
            "records": _countries_with(context, dataset),
            "as_of": str(dataset["verified_on"]),
        }
        for dataset in context["datasets"]
    )
    datasets.append(
        {
            "name": "Documented misuse records and diversion hubs",
            "records": len(context["misuse"]) + len(context["hubs"]),
            "as_of": _latest(context["misuse"] + context["hubs"]),
        }
    )
    if listed_parties:
        datasets.append(
            {
                "name": "Curated listed parties",
                "records": len(listed_parties),
                "as_of": _latest(listed_parties),
            }
        )

    body = {
        "format": BUNDLE_FORMAT,
        "as_of": max((d["as_of"] for d in datasets if d["as_of"]), default=""),
        "datasets": datasets,
        "vocabularies": vocabularies,
        "countries": countries,
        "authorities": authorities,
        "measures": measures,
        "control_entries": control_entries,
        "exporter_steps": exporter_steps,
        "listed_parties": listed_parties,
        "case_studies": cases,
        "context": context,
        "country_codes": country_code_table(site.context),
        "steps": steps,
        "sources": sources,
        "facts": fact_table(site),
        "site_data_digest": site_data_digest(site_data),
    }
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return {
        "format": BUNDLE_FORMAT,
        "version": digest[:16],
        **{k: v for k, v in body.items() if k != "format"},
    }


def _fact_kind(file: str) -> str:
    """What kind of record a file holds, from its path under site_data/."""
    parts = file.split("/")[1:]
    if parts[:2] == ["reference", "measures"]:
        return "measure"
    if parts[:2] == ["reference", "exporter_steps"]:
        return "exporter steps"
    if parts[:1] == ["vocabularies"]:
        return "vocabulary " + parts[-1].removesuffix(".yml")
    if parts[:1] == ["context"]:
        return "context " + parts[-1].removesuffix(".yml")
    names = {
        "control_entries.yml": "control entry",
        "listed_parties.yml": "listed party",
        "authorities.yml": "authority",
        "countries.yml": "countries",
        "glossary.yml": "glossary term",
    }
    if parts[-1] in names:
        return names[parts[-1]]
    if "case_studies" in parts:
        return "case study"
    if "steps" in parts:
        return "step"
    if "pages" in parts:
        return "page"
    return parts[0] if parts else "record"


def fact_table(site: Any) -> list[dict[str, Any]]:
    """The provenance of every dated record (pages, steps and glossary terms too), for `dealcheck data audit|diff`."""
    table = []
    for file, record, prefix in site.facts:
        kind = _fact_kind(file)
        ident = record.get("id") or record.get("code") or record.get("country") or record.get("term")
        if not ident:
            ident = prefix.rstrip(".") or Path(file).stem
        table.append(
            {
                "key": f"{kind}:{ident}",
                "kind": kind,
                "id": str(ident),
                "title": str(record.get("title") or record.get("term") or record.get("label") or ident),
                "file": file,
                "line": record.line,
                "sources": list(record.get("sources") or []),
                "verified_on": _plain(record.get("verified_on")),
                "rechecked": record.get("rechecked"),
                "review_by": _plain(record.get("review_by")),
                "confidence": record.get("confidence"),
            }
        )
    table.sort(key=lambda f: (f["key"], f["file"], f["line"]))
    return table


# Not facts: the branding (a host rebrands without a data release) and the party-list configuration (compiled into
# checker/data/party_lists.json, which has its own staleness check).
NOT_DATA = frozenset({"branding.yml", "lists.yml"})


def site_data_digest(site_data: Path) -> str:
    """sha256 over the data files of site_data/ (path and bytes): the data version changes whenever one does."""
    digest = hashlib.sha256()
    files = (p for p in site_data.rglob("*") if p.is_file() and not p.name.startswith("."))
    for path in sorted(p for p in files if p.relative_to(site_data).as_posix() not in NOT_DATA):
        digest.update(path.relative_to(site_data).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _countries_with(context: dict[str, Any], dataset: dict[str, Any]) -> int:
    """Countries the dataset file covers (with a value or its own "no data")."""
    ids = {i["id"] for i in dataset["indicators"]}
    return sum(1 for values in context["values"].values() if ids & set(values))


def render(bundle: dict[str, Any]) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the committed bundle is out of date")
    parser.add_argument("--site-data", type=Path, default=SITE_DATA)
    parser.add_argument("--output", type=Path, default=BUNDLE)
    args = parser.parse_args(argv)
    try:
        text = render(collect(args.site_data))
    except ValidationFailed as failure:
        print(failure.report(), file=sys.stderr)
        return 65
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python -m sitegen.bundle", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
