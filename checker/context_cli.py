"""`dealcheck context ...`: add a host-licensed indicator file to site_data/context/, show the loaded datasets.

`context import FORMAT FILE` reads the file with the format's reader (checker.context_formats), refuses a malformed
file with `file:line: problem`, copies it unchanged to site_data/context/data/, records the dataset (edition, year,
licence, thresholds) in site_data/context/imported.yml and rebuilds checker/data/bundle.json, the same pattern as
`dealcheck lists import`. The site then shows the values on every country page and the rules weigh them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any, TextIO

from checker.context_formats import FORMAT_DEFAULTS, READERS, ContextFormatError, country_codes
from checker.reference import load_reference

DEFAULT_URLS = {
    "wgi-csv": "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
    "fotn-csv": "https://freedomhouse.org/report/freedom-net",
}
DEFAULT_IDS = {"wgi-csv": "wgi", "fotn-csv": "fotn"}


def add_context_parser(sub: Any) -> None:
    """Hook called by checker.cli.build_parser."""
    ctx = sub.add_parser("context", help="destination-context indicator datasets: import a file, show what is loaded")
    csub = ctx.add_subparsers(dest="context_command", required=True, parser_class=type(ctx))
    imp = csub.add_parser("import", help="check an indicator file, add it to site_data/context/ and rebuild")
    imp.add_argument("format", choices=sorted(READERS))
    imp.add_argument("file")
    imp.add_argument("--edition", required=True, help='the edition as the publisher names it, e.g. "2025"')
    imp.add_argument("--published", required=True, help="publication date of the edition (YYYY, YYYY-MM or YYYY-MM-DD)")
    imp.add_argument("--next-edition", help="when the next edition is expected, YYYY-MM-DD (default: a year later)")
    imp.add_argument("--year", type=int, help="data year to take (default: the latest in the file)")
    imp.add_argument("--id", help="dataset id (default: from the format)")
    imp.add_argument("--url", help="where the dataset is published")
    imp.add_argument("--site-data", type=Path, default=Path("site_data"))
    imp.add_argument("--no-build", action="store_true", help="do not rebuild the bundle afterwards")
    imp.add_argument("--output", type=Path, help="bundle to write (default: checker/data/bundle.json)")
    imp.set_defaults(handler=cmd_import)
    show = csub.add_parser("show", help="which indicator datasets, of which editions, the checker weighs")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=cmd_show)


def _partial_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    if not _partial_date(args.published):
        print(f"--published: {args.published!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", file=err)
        return 64
    if args.next_edition and not (_partial_date(args.next_edition) and len(args.next_edition) == 10):
        print(f"--next-edition: {args.next_edition!r} is not a date (YYYY-MM-DD)", file=err)
        return 64
    folder = args.site_data / "context"
    if not folder.is_dir():
        print(
            f"{folder}: no site_data/context folder here (run from the repository root or pass --site-data)", file=err
        )
        return 66
    source = Path(args.file)
    if not source.is_file():
        print(f"{source}: cannot read the file (not found)", file=err)
        return 66
    ref = load_reference()
    codes = country_codes(ref.raw.get("country_codes", []), ref.raw.get("countries", []))
    defaults = json.loads(json.dumps(FORMAT_DEFAULTS[args.format]))
    indicators = [i["code"] for i in defaults["indicators"]]
    try:
        kwargs: dict[str, Any] = {"year": args.year}
        if args.format == "wgi-csv":
            kwargs.update(indicators=indicators, overrides=_wgi_overrides(ref))
        readings = READERS[args.format](source, codes, **kwargs)
    except ContextFormatError as error:
        print(f"{error}", file=err)
        return 65
    year = readings[0].year
    dataset_id = args.id or DEFAULT_IDS[args.format]
    if not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", dataset_id):
        print(f"--id: {dataset_id!r} must be lower-case letters, digits and dashes", file=err)
        return 64
    published = args.published
    next_edition = (
        args.next_edition or f"{int(published[:4]) + 1}{published[4:10] if len(published) == 10 else '-12-31'}"
    )
    target = folder / "data" / f"{dataset_id}-{args.edition.lower().replace(' ', '-')}-{year}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    source_id = f"{dataset_id}-{year}-import"
    dataset = {
        "id": dataset_id,
        "title": defaults["title"],
        "short_name": f"{defaults['title']} {args.edition}",
        "edition": args.edition,
        "publisher": defaults["publisher"],
        "format": args.format,
        "file": f"data/{target.name}",
        "data_year": year,
        "published": published,
        "next_edition_expected": next_edition,
        "licence": defaults["licence"],
        "redistribution": defaults["redistribution"],
        "file_note": f"Imported with `dealcheck context import {args.format}` from {source.name} "
        f"(sha256 {_sha256(source)}), copied unchanged.",
        "indicators": [{k: v for k, v in i.items()} for i in defaults["indicators"]],
        "sources": [source_id],
        "verified_on": dt.date.today().isoformat(),
        "confidence": "confirmed",
    }
    if args.format == "wgi-csv":
        dataset["code_overrides"] = _wgi_overrides(ref)
    _write_imported(
        folder / "imported.yml",
        dataset,
        {
            "id": source_id,
            "kind": "subject_document",  # the dataset itself: its values are what it says
            "title": f"{defaults['title']}, {args.edition} ({source.name}, imported by this site's host)",
            "publisher": defaults["publisher"],
            "url": args.url or DEFAULT_URLS[args.format],
            "published": published,
            "accessed": dt.date.today().isoformat(),
            "licence": defaults["licence"],
        },
    )
    covered = len({r.country for r in readings})
    print(
        f"imported {defaults['title']} {args.edition} (data for {year}): {len(readings)} values for {covered} "
        f"countries -> {target}",
        file=out,
    )
    if args.no_build:
        print("site_data/context/imported.yml updated; run python -m sitegen.bundle to rebuild the bundle", file=out)
        return 0
    return _rebuild(args.site_data, args.output, out, err)


def _wgi_overrides(ref: Any) -> dict[str, str]:
    for dataset in ref.raw.get("context", {}).get("datasets", []):
        if dataset.get("format") == "wgi-csv" and dataset.get("code_overrides"):
            return dict(dataset["code_overrides"])
    return {"ADO": "AD", "ROM": "RO", "ZAR": "CD", "TMP": "TL", "WBG": "PS", "JEY": "JE"}


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_imported(path: Path, dataset: dict[str, Any], source: dict[str, Any]) -> None:
    """imported.yml is JSON (valid YAML): one dataset per id, replaced on re-import; written atomically."""
    doc: dict[str, Any] = {"datasets": [], "sources": []}
    if path.exists():
        doc = json.loads(path.read_text(encoding="utf-8").split("\n", 2)[-1] or "{}") if path.stat().st_size else doc
    doc["datasets"] = [d for d in doc.get("datasets", []) if d.get("id") != dataset["id"]] + [dataset]
    doc["sources"] = [s for s in doc.get("sources", []) if s.get("id") != source["id"]] + [source]
    header = "# Written by `dealcheck context import` (JSON, which is YAML). Edit thresholds here if you must.\n\n"
    temp = path.with_suffix(".tmp")
    temp.write_text(header + json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    temp.replace(path)


def _rebuild(site_data: Path, output: Path | None, out: TextIO, err: TextIO) -> int:
    try:
        from sitegen.bundle import BUNDLE, collect, render
        from sitegen.problems import ValidationFailed
    except ImportError:
        print("sitegen is not installed (pip install '.[site]'): run python -m sitegen.bundle to rebuild", file=err)
        return 0
    try:
        text = render(collect(site_data))
    except ValidationFailed as failure:
        print(failure.report(), file=err)
        return 65
    target = output or BUNDLE
    target.write_text(text, encoding="utf-8")
    print(f"rebuilt {target}", file=out)
    return 0


def cmd_show(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    ref = load_reference()
    context = ref.raw.get("context", {})
    rows = []
    for dataset in context.get("datasets", []):
        ids = {i["id"] for i in dataset["indicators"]}
        covered = sum(1 for values in context.get("values", {}).values() if ids & set(values))
        rows.append(
            {
                "id": dataset["id"],
                "title": dataset["title"],
                "edition": dataset["edition"],
                "data_year": dataset["data_year"],
                "licence": dataset["licence"],
                "next_edition_expected": dataset["next_edition_expected"],
                "indicators": [i["label"] for i in dataset["indicators"]],
                "countries": covered,
            }
        )
    if args.format == "json":
        print(json.dumps(rows, indent=2), file=out)
        return 0
    if not rows:
        print("no indicator dataset is loaded", file=out)
    for row in rows:
        print(
            f"{row['id']}: {row['title']} ({row['edition']}, data for {row['data_year']}; {row['licence']}); "
            f"{', '.join(row['indicators'])}; {row['countries']} countries; next edition expected "
            f"{row['next_edition_expected']}",
            file=out,
        )
    return 0
