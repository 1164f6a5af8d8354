"""`dealcheck`: screen deals from the command line with exit codes a pipeline can gate on.

Exit codes: 0 PROCEED, 1 PROCEED_WITH_CONDITIONS, 2 ESCALATE, 3 STOP (batch: the most severe row),
64 usage error, 65 invalid deal data (batch: at least one bad row), 66 cannot read input (batch: no rows at all),
70 internal error (batch: the engine failed on a row; every other row is still answered).
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable
from typing import Any, BinaryIO, TextIO

from checker import __version__, links
from checker.batch import CSV_HEADER, RowOut, csv_cell, read_rows, render_row, screen_rows  # noqa: F401 (csv_cell: public name kept)
from checker.dealfile import decode_bytes, parse_text, read_limited
from checker.engine import screen_raw
from checker.errors import DealError
from checker.limits import MAX_BYTES
from checker.reference import VOCABULARIES, ReferenceData, load_reference
from checker.registry import documented_rules
from checker.render import REPORT_FORMATS, render

EXIT_USAGE = 64
EXIT_DATAERR = 65
EXIT_NOINPUT = 66
EXIT_SOFTWARE = 70


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage, which would read as ESCALATE; use 64 (EX_USAGE) instead."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


def _read_input(path: str, stdin: TextIO) -> tuple[bytes, str]:
    """At most MAX_BYTES + 1 bytes, from a file or standard input: /dev/zero fails fast with exit 65."""
    if path == "-":
        buffer = getattr(stdin, "buffer", None)
        if buffer is None:
            return stdin.read(MAX_BYTES + 1).encode("utf-8"), "standard input"
        return read_limited(buffer, "standard input"), "standard input"
    try:
        with open(path, "rb") as stream:
            return read_limited(stream, path), path
    except OSError as exc:
        raise FileNotFoundError(f"cannot read {path}: {exc.strerror or exc}") from None


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text for a terminal: control characters (escape sequences) and bidirectional overrides from a deal's values
    are shown as escapes, never executed."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class BundleError(Exception):
    """The reference bundle cannot be used: an installation or configuration fault, not the user's deal."""


def _reference(args: argparse.Namespace) -> ReferenceData:
    if not args.data:
        return load_reference()
    try:
        return load_reference(args.data)
    except FileNotFoundError:
        raise FileNotFoundError(f"cannot read the reference bundle {args.data}") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"the reference bundle {args.data} is unusable: {exc}") from None


def _base_url(args: argparse.Namespace, ref: ReferenceData) -> str:
    base_url = (
        args.base_url
        if args.base_url is not None
        else os.environ.get("DEALCHECK_BASE_URL", ref.raw.get("site_url", ""))
    )
    problem = links.base_url_problem(base_url)
    if problem:
        source = "--base-url" if args.base_url is not None else "DEALCHECK_BASE_URL"
        raise UsageError(f"{source}: {problem}; use https://... or a path such as /guide/")
    return base_url


def _report_problems(error: DealError, name: str, fmt: str, out: TextIO, err: TextIO) -> int:
    if fmt == "json":
        out.write(json.dumps({"file": name, **error.to_dict()}, indent=2) + "\n")
    err.write(f"{printable(name)}: the deal cannot be screened ({len(error.problems)} problem(s)):\n")
    for problem in error.problems:
        err.write(f"  - {printable(str(problem))}\n")
    return EXIT_DATAERR


def cmd_screen(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    ref = _reference(args)
    base_url = _base_url(args, ref)
    name = "standard input" if args.file == "-" else args.file
    try:
        data, name = _read_input(args.file, stdin)
        raw = parse_text(decode_bytes(data, name), name)
        result = screen_raw(raw, reference=ref, on=args.date)
    except DealError as exc:
        return _report_problems(exc, name, args.format, out, err)
    site_name = args.site_name if args.site_name is not None else os.environ.get("DEALCHECK_SITE_NAME", "")
    site_name = " ".join(site_name.split())
    out.write(render(result, args.format, reference=ref, base_url=base_url, site_name=site_name))
    return result.exit_code


def _open_batch_input(path: str, stdin: TextIO) -> BinaryIO:
    if path == "-":
        buffer = getattr(stdin, "buffer", None)
        return buffer if buffer is not None else io.BytesIO(stdin.read().encode("utf-8"))
    try:
        return open(path, "rb")  # noqa: SIM115  (closed by cmd_batch)
    except OSError as exc:
        raise FileNotFoundError(f"cannot read {path}: {exc.strerror or exc}") from None


def cmd_batch(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Every row answered in order; exit: worst verdict, 65 if any row is invalid, 66 if the input holds no rows,
    70 if the engine failed on a row. ``--jobs N`` screens in N processes with byte-identical output."""
    ref = _reference(args)  # with --jobs, every worker loads it again; a broken bundle is reported here, once
    if args.jobs != 1:
        from checker.parallel import available_cpus, screen_parallel
    jobs = args.jobs if args.jobs > 0 else available_cpus()
    fmt = args.input_format or ("csv" if args.file.lower().endswith(".csv") else "jsonl")
    stream = _open_batch_input(args.file, stdin)
    worst = -1
    bad = internal = rows = 0
    try:
        raw_rows = read_rows(stream, fmt)
        if jobs == 1:
            outputs: Iterable[RowOut] = (
                render_row(row, args.format) for row in screen_rows(raw_rows, reference=ref, on=args.date)
            )
        else:
            outputs = screen_parallel(raw_rows, jobs=jobs, fmt=args.format, data=args.data, on=args.date)
        for output in outputs:
            if not rows and args.format == "csv":
                out.write(",".join(CSV_HEADER) + "\n")
            rows += 1
            if output.exit_code is None:
                bad += 1
                internal += output.internal
                for problem in output.problems:
                    err.write(f"line {output.line}: {printable(problem)}\n")
            else:
                worst = max(worst, output.exit_code)
            out.write(output.text)
            if jobs == 1 or rows % 1024 == 0:
                out.flush()  # one process: each row as it is screened; parallel: in chunks
        out.flush()
    finally:
        if args.file != "-":
            stream.close()
    if not rows:
        err.write(f"{printable(args.file)}: no rows to screen (the input is empty, blank or only a header)\n")
        return EXIT_NOINPUT
    if bad:
        err.write(f"{bad} row(s) could not be screened, of {rows}; the other rows were.\n")
        return EXIT_SOFTWARE if internal else EXIT_DATAERR
    return max(worst, 0)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (every CPU) or more")
    return value


def cmd_schema(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    from checker.schema import deal_schema

    out.write(json.dumps(deal_schema(_reference(args)), indent=2) + "\n")
    return 0


def cmd_vocab(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    ref = _reference(args)
    names = [args.name] if args.name else list(VOCABULARIES)
    if args.name and args.name not in VOCABULARIES:
        raise UsageError(f"unknown vocabulary {args.name!r}; choose from {', '.join(VOCABULARIES)}")
    if args.format == "json":
        out.write(json.dumps({n: list(ref.vocabulary(n).values()) for n in names}, indent=2, ensure_ascii=False) + "\n")
        return 0
    for name in names:
        out.write(f"{name}:\n")
        for entry_id, entry in ref.vocabulary(name).items():
            out.write(f"  {entry_id:<34} {entry.get('label', '')}\n")
    return 0


EXAMPLE: dict[str, Any] = {
    "schema_version": 2,
    "reference": "Q-2026-001",
    "exporter": {"name": "Example Security Ltd", "country": "GB"},
    "product": {
        "name": "NetWatch 5",
        "description": "Network traffic analysis appliance",
        "capabilities": ["deep_packet_inspection", "network_security_monitoring"],
        "mass_market": False,
    },
    "destination": {"country": "AE"},
    "end_user": {
        "name": "Example Telecom PJSC",
        "type": "private_telecom_operator",
        "stated_end_use": "Protecting the operator's own network from attacks",
        "end_user_statement": "signed",
    },
    "intermediaries": [{"name": "Example Distribution FZE", "role": "distributor", "country": "AE", "free_zone": True}],
    "delivery": {"ship_to_country": "AE"},
    "services": ["installation", "updates"],
    "red_flags": [],
    "safeguards": ["end_use_clause", "no_reexport_clause"],
}


def cmd_example(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    if args.format == "json":
        out.write(json.dumps(EXAMPLE, indent=2) + "\n")
    else:
        from checker.yamlsubset import dumps

        out.write("# A deal to screen: dealcheck screen this-file.yml\n# Absent or null fields mean unknown.\n")
        out.write(dumps(EXAMPLE))
    return 0


def cmd_rules(args: argparse.Namespace, out: TextIO, _err: TextIO, _stdin: TextIO) -> int:
    rules = documented_rules()
    if args.format == "json":
        out.write(json.dumps([r.doc for r in rules], indent=2) + "\n")
        return 0
    for r in rules:
        shown = r.severity.label if r.status == "active" else r.status
        out.write(f"{r.code}  {shown:<9} {r.step:<30} {r.summary}\n")
    return 0


# Commands whose modules load only when the command line names them: `dealcheck screen` then costs little more
# CPU than the interpreter's own start (benchmarks/cli_startup.py); the summaries are the hooks' own (a test checks).
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "lists": (
        "checker.parties.cli",
        "add_lists_parser",
        "restricted-party lists: import, build, show, screen names",
    ),
    "context": (
        "checker.context_cli",
        "add_context_parser",
        "destination-context indicator datasets: import a file, show what is loaded",
    ),
    "data": (
        "checker.data_cli",
        "add_data_parser",
        "the reference data: audit its facts, diff two releases, show its version",
    ),
}


def command_of(argv: list[str]) -> str | None:
    """The subcommand named on a command line (after the global options), or None (--help, --version, none)."""
    args = iter(argv)
    for arg in args:
        if arg == "--data":
            next(args, None)
        elif arg.startswith("--data=") or arg == "--":
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (given the command about to run) one whose other commands are only named."""
    parser = _Parser(prog="dealcheck", description="Screen exports of security and surveillance products.")
    parser.add_argument("--version", action="version", version=f"dealcheck {__version__}")
    parser.add_argument("--data", help="reference bundle to use instead of the packaged one")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    screen = sub.add_parser("screen", help="screen one deal file (YAML or JSON; '-' reads standard input)")
    screen.add_argument("file")
    screen.add_argument(
        "--format",
        choices=REPORT_FORMATS,
        default="text",
        help="the report (text, json, markdown, html) or the end-user questionnaire to send to the buyer and the "
        "intermediaries (questionnaire: Markdown; questionnaire-json)",
    )
    screen.add_argument("--date", help="screen as of this ISO date (default: today)")
    screen.add_argument("--base-url", help="prefix for links to the guidance site (default: relative)")
    screen.add_argument(
        "--site-name", help="the guidance site's name, shown in the report (default: DEALCHECK_SITE_NAME, else none)"
    )
    screen.set_defaults(handler=cmd_screen)

    batch = sub.add_parser("batch", help="screen many deals from JSON Lines or CSV, one result per row")
    batch.add_argument("file")
    batch.add_argument("--input-format", choices=("jsonl", "csv"), help="default: from the file extension")
    batch.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    batch.add_argument("--date", help="screen as of this ISO date (default: today)")
    batch.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="screen in N local processes (0: one per CPU); output and line numbers as with 1",
    )
    batch.set_defaults(handler=cmd_batch)

    schema = sub.add_parser("schema", help="print the JSON Schema of deal files")
    schema.set_defaults(handler=cmd_schema)

    vocab = sub.add_parser("vocab", help="list the vocabularies (capabilities, end-user types, ...)")
    vocab.add_argument("name", nargs="?")
    vocab.add_argument("--format", choices=("text", "json"), default="text")
    vocab.set_defaults(handler=cmd_vocab)

    example = sub.add_parser("example", help="print an example deal file")
    example.add_argument("--format", choices=("yaml", "json"), default="yaml")
    example.set_defaults(handler=cmd_example)

    rules = sub.add_parser("rules", help="list every finding code")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=cmd_rules)

    for name, (module, hook, summary) in LAZY_COMMANDS.items():
        if command is None or command == name:
            getattr(importlib.import_module(module), hook)(sub)
        else:  # named in --help as the real one is, its module (and what that imports) left unloaded
            sub.add_parser(name, help=summary)
    from checker.migrate import add_migrate_parser  # `dealcheck migrate`, logic in checker/migrate.py

    add_migrate_parser(sub)
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err, stdin = out or sys.stdout, err or sys.stderr, sys.stdin
    try:
        argv = sys.argv[1:] if argv is None else argv
        args = build_parser(command_of(argv)).parse_args(argv)
        return args.handler(args, out, err, stdin)
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_USAGE
    except FileNotFoundError as exc:
        err.write(f"dealcheck: {exc}\n")
        return EXIT_NOINPUT
    except BundleError as exc:
        err.write(f"dealcheck: {exc}\n")
        return EXIT_SOFTWARE
    except ValueError as exc:
        err.write(f"dealcheck: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001  (last resort: a message, never a traceback)
        err.write(f"dealcheck: internal error: {type(exc).__name__}: {exc}\n")
        return EXIT_SOFTWARE


if __name__ == "__main__":
    sys.exit(main())
