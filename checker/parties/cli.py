"""`dealcheck lists ...`: import a list, rebuild the compiled lists, show what is screened, screen names."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, TextIO

from checker import links
from checker.parties.config import (
    CONFIG,
    ID_PATTERN,
    OUTPUT,
    ConfigError,
    ListConfig,
    build,
    compile_lists,
    read_config,
    replace_atomically,
    write_config,
)
from checker.parties.formats import READERS, ListFormatError, read_list


def add_lists_parser(sub: Any) -> None:
    """Hook called by checker.cli.build_parser."""
    lists = sub.add_parser("lists", help="restricted-party lists: import, build, show, screen names")
    lsub = lists.add_subparsers(dest="lists_command", required=True, parser_class=type(lists))
    imp = lsub.add_parser("import", help="check a list file, add it to site_data/lists.yml and rebuild")
    imp.add_argument("format", choices=sorted(READERS))
    imp.add_argument("file")
    imp.add_argument("--name", help="name shown in reports (default: from the format)")
    imp.add_argument("--id", help="kebab-case id (default: from the name)")
    imp.add_argument("--date", help="the list's date, YYYY-MM-DD (default: the date the file states)")
    imp.add_argument("--publisher")
    imp.add_argument("--url", help="where the list is published (linked from every match)")
    imp.add_argument("--config", type=Path, default=CONFIG)
    imp.add_argument("--output", type=Path, default=OUTPUT)
    imp.set_defaults(handler=cmd_import)
    bld = lsub.add_parser("build", help="compile the configured lists into checker/data/party_lists.json")
    bld.add_argument("--check", action="store_true", help="fail if the compiled file is out of date")
    bld.add_argument("--config", type=Path, default=CONFIG)
    bld.add_argument("--output", type=Path, default=OUTPUT)
    bld.set_defaults(handler=cmd_build)
    show = lsub.add_parser("show", help="which lists, of which dates, are screened")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(handler=cmd_show)
    scr = lsub.add_parser("screen", help="screen names against the lists (one per argument)")
    scr.add_argument("names", nargs="+")
    scr.add_argument("--date", help="screening date (default: today)")
    scr.add_argument("--format", choices=("text", "json"), default="text")
    scr.set_defaults(handler=cmd_screen)


DEFAULT_NAMES = {
    "ofac-sdn-csv": (
        "ofac-sdn",
        "OFAC Specially Designated Nationals (SDN) list",
        "https://sanctionssearch.ofac.treas.gov/",
    ),
    "uk-csv": (
        "uk-sanctions-list",
        "UK Sanctions List",
        "https://www.gov.uk/government/publications/the-uk-sanctions-list",
    ),
    "eu-xml": (
        "eu-fsf",
        "EU consolidated financial sanctions list",
        "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
    ),
    "eu-csv": (
        "eu-fsf",
        "EU consolidated financial sanctions list",
        "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
    ),
    "un-xml": (
        "un-sc-consolidated",
        "UN Security Council consolidated list",
        "https://www.un.org/securitycouncil/content/un-sc-consolidated-list",
    ),
    "opensanctions-csv": ("opensanctions", "OpenSanctions targets (CC BY-NC 4.0)", "https://www.opensanctions.org/"),
}


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    """Validate everything, compile into memory, then replace lists.yml and the compiled file: a bad --id, --url
    or an undated file changes nothing, so the next `lists build` still works."""
    try:
        imported = read_list(args.format, args.file, date=args.date)
    except ListFormatError as exc:
        err.write(f"dealcheck: {exc}\n")
        return 65
    default_id, default_name, default_url = DEFAULT_NAMES[args.format]
    name = args.name or default_name
    list_id = args.id or (_slug(args.name) if args.name else default_id)
    url = args.url or default_url
    root = args.config.resolve().parent.parent
    path = Path(args.file).resolve()
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(os.path.relpath(path, root))
    try:
        if not ID_PATTERN.fullmatch(list_id) or list_id == "curated":
            raise ConfigError(f"--id {list_id!r} must be kebab-case (a-z, 0-9, '-') and not 'curated'")
        if links.safe_target(url) is None or not url.lower().startswith(("http://", "https://")):
            raise ConfigError(f"--url {url!r} is not an http(s) URL")
        configs = [c for c in read_config(args.config) if c.id != list_id]
        configs.append(ListConfig(list_id, name, args.format, rel.as_posix(), args.publisher, url, args.date))
        text, report = compile_lists(configs, root)
    except (ConfigError, ListFormatError) as exc:
        err.write(f"dealcheck: {exc}\nnothing was changed\n")
        return 65
    args.output.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(args.output, text)
    write_config(configs, args.config)
    out.write(
        f"{list_id}: {len(imported.entries)} entries dated {imported.date or 'unknown'}; added to {args.config}\n"
    )
    for line in report:
        out.write(line + "\n")
    out.write(f"wrote {args.output} ({len(text.encode())} bytes, {len(report)} imported list(s))\n")
    return 0


def cmd_build(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    try:
        for line in build(args.config, args.output, check=args.check, root=args.config.resolve().parent.parent):
            out.write(line + "\n")
    except ConfigError as exc:
        err.write(f"dealcheck: {exc}\n")
        return 1 if args.check else 66
    except ListFormatError as exc:
        err.write(f"dealcheck: {exc}\n")
        return 65
    return 0


def _reference(args: argparse.Namespace) -> Any:
    from checker.reference import load_reference

    return load_reference(getattr(args, "data", None))


def cmd_show(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    prov = _reference(args).party_screener.provenance()
    if args.format == "json":
        out.write(json.dumps(prov, indent=2) + "\n")
        return 0
    cur = prov["curated"]
    out.write(f"{cur['name']}: {cur['entries']} entries, as of {cur['as_of']}\n")
    for meta in prov["imported"]:
        out.write(f"{meta['name']} ({meta['id']}): {meta['entries']} entries, dated {meta['date']}\n")
    out.write(prov["note"] + "\n")
    return 0


def cmd_screen(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    import datetime as dt

    on = args.date or dt.date.today().isoformat()
    dt.date.fromisoformat(on)
    results = _reference(args).party_screener.screen_names(args.names, on)
    if args.format == "json":
        out.write(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False) + "\n")
    else:
        for r in results:
            out.write(
                f"{r.name}: {len(r.strong)} strong, {len(r.possible)} possible, {len(r.former)} formerly listed\n"
            )
            for m in (*r.current, *r.former):
                out.write(f"  [{m.strength}] {m.entry.list_id}:{m.entry.id} {m.alias!r} - {m.why}\n")
    return 3 if any(r.strong for r in results) else 2 if any(r.possible for r in results) else 0
