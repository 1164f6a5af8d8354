"""`dealcheck data ...`: audit the shipped facts, compare two data releases, print the data version.

Exit codes: 0 done, 64 usage error, 66 a bundle cannot be read. `audit --fail-on-flagged` exits 1 when any fact
needs a look, so a host can gate a release on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any, TextIO

from checker.datatools import DataFileError, audit, audit_text, diff, diff_text, read_bundle
from checker.provenance import DEFAULT_MAX_AGE_DAYS
from checker.reference import bundle_path

EXIT_NOINPUT = 66


def add_data_parser(sub: Any) -> None:
    """Hook called by checker.cli.build_parser."""
    data = sub.add_parser("data", help="the reference data: audit its facts, diff two releases, show its version")
    dsub = data.add_subparsers(dest="data_command", required=True, parser_class=type(data))
    aud = dsub.add_parser("audit", help="list unverified, stale, not re-checked and weakly sourced facts")
    aud.add_argument("bundle", nargs="?", help="bundle to audit (default: --data or the packaged one)")
    aud.add_argument("--format", choices=("text", "json"), default="text")
    aud.add_argument("--date", help="audit as of this ISO date (default: today)")
    aud.add_argument(
        "--stale-after-days", type=int, default=DEFAULT_MAX_AGE_DAYS, help="a fact older than this is stale"
    )
    aud.add_argument("--fail-on-flagged", action="store_true", help="exit 1 when any fact is flagged")
    aud.set_defaults(handler=cmd_audit)
    dif = dsub.add_parser("diff", help="measures, parties and facts added, changed or removed between two bundles")
    dif.add_argument("old")
    dif.add_argument("new")
    dif.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    dif.set_defaults(handler=cmd_diff)
    ver = dsub.add_parser("version", help="the data version and date of a bundle")
    ver.add_argument("bundle", nargs="?")
    ver.set_defaults(handler=cmd_version)


def _bundle(args: argparse.Namespace, name: str | None) -> dict[str, Any]:
    return read_bundle(name or getattr(args, "data", None) or bundle_path())


def _today(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--date: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def cmd_audit(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    if args.stale_after_days < 1:
        raise ValueError("--stale-after-days: must be a positive number of days")
    try:
        report = audit(_bundle(args, args.bundle), _today(args.date), args.stale_after_days)
    except DataFileError as error:
        err.write(f"dealcheck: {error}\n")
        return EXIT_NOINPUT
    out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else audit_text(report))
    return 1 if args.fail_on_flagged and report["items"] else 0


def cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    try:
        report = diff(read_bundle(args.old), read_bundle(args.new))
    except DataFileError as error:
        err.write(f"dealcheck: {error}\n")
        return EXIT_NOINPUT
    if args.format == "json":
        out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(diff_text(report, markdown=args.format == "markdown"))
    return 0


def cmd_version(args: argparse.Namespace, out: TextIO, err: TextIO, _stdin: TextIO) -> int:
    try:
        bundle = _bundle(args, args.bundle)
    except DataFileError as error:
        err.write(f"dealcheck: {error}\n")
        return EXIT_NOINPUT
    out.write(f"{bundle.get('version')} (data as of {bundle.get('as_of')})\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    from checker.cli import main

    sys.exit(main(["data", *sys.argv[1:]]))
