"""`dealcheck migrate`: rewrite a schema_version 1 deal file as version 2, unchanged in meaning.

Version 2 only adds fields (checker.fields rows with ``since=2``), so a version-1 file means the same once its
``schema_version`` says 2: migration validates the file as version 1 (a broken file is reported, never rewritten),
then writes every key and value back exactly as they were, in the same order, with the new version number. The
browser's deal loader goes through the same function.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from checker import fields
from checker.deal import parse_deal, schema_version_of
from checker.errors import DealError, Problem
from checker.reference import ReferenceData, load_reference


def migrate(raw: Any, reference: ReferenceData | None = None) -> dict[str, Any]:
    """A decoded deal of any supported version as the current version, or DealError naming every problem."""
    if not isinstance(raw, dict):
        raise DealError(
            [Problem("", "a deal file must hold one deal (a mapping of fields)", "see 'dealcheck example'")]
        )
    parse_deal(raw, reference or load_reference())  # validates against the version the file states
    version = schema_version_of(raw)
    if version == fields.SCHEMA_VERSION and "schema_version" in raw:
        return dict(raw)
    out: dict[str, Any] = {"schema_version": fields.SCHEMA_VERSION}
    out.update((k, v) for k, v in raw.items() if k != "schema_version")
    return out


def cmd_migrate(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from checker.cli import _read_input, _reference, _report_problems
    from checker.dealfile import decode_bytes, parse_text

    data, name = _read_input(args.file, stdin)
    try:
        text = decode_bytes(data, name)
        raw = parse_text(text, name)
        before = schema_version_of(raw) if isinstance(raw, dict) else None
        migrated = migrate(raw, _reference(args))
    except DealError as exc:
        return _report_problems(exc, name, "text", out, err)
    as_json = args.format == "json" or (args.format is None and text.lstrip()[:1] in "{[")
    if as_json:
        written = json.dumps(migrated, indent=2, ensure_ascii=False) + "\n"
    else:
        from checker.yamlsubset import dumps

        written = dumps(migrated)
        if any(line.lstrip().startswith("#") for line in text.splitlines()) or " #" in text:
            err.write(f"{name}: note: YAML comments are not kept by migration\n")
    target = args.output or (args.file if args.in_place else None)
    if target and target != "-":
        Path(target).write_text(written, encoding="utf-8")
        err.write(
            f"{name}: schema_version {before if 'schema_version' in raw else 'absent'} -> "
            f"{fields.SCHEMA_VERSION}, written to {target}\n"
        )
    else:
        out.write(written)
    return 0


def add_migrate_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "migrate",
        help=f"rewrite a deal file as schema_version {fields.SCHEMA_VERSION} (same meaning; '-' reads standard input)",
    )
    parser.add_argument("file")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", help="write here instead of standard output")
    where.add_argument("--in-place", action="store_true", help="overwrite the file")
    parser.add_argument("--format", choices=("yaml", "json"), help="default: the input's format")
    parser.set_defaults(handler=cmd_migrate)


if __name__ == "__main__":  # pragma: no cover
    from checker.cli import main

    sys.exit(main(["migrate", *sys.argv[1:]]))
