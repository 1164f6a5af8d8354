"""`dealcheck`: screen deals from the command line with exit codes a pipeline can gate on.

Exit codes: 0 PROCEED, 1 PROCEED_WITH_CONDITIONS, 2 ESCALATE, 3 STOP (batch: the most severe row),
64 usage error, 65 invalid deal data (batch: at least one bad row), 66 cannot read input, 70 internal error.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from checker import __version__
from checker.batch import read_rows, screen_rows
from checker.dealfile import decode_bytes, parse_text
from checker.engine import screen_raw
from checker.errors import DealError
from checker.reference import VOCABULARIES, ReferenceData, load_reference
from checker.registry import all_rules
from checker.render import render

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
    if path == "-":
        buffer = getattr(stdin, "buffer", None)
        return (buffer.read() if buffer is not None else stdin.read().encode("utf-8")), "standard input"
    try:
        return Path(path).read_bytes(), path
    except OSError as exc:
        raise FileNotFoundError(f"cannot read {path}: {exc.strerror or exc}") from None


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
    return (
        args.base_url
        if args.base_url is not None
        else os.environ.get("DEALCHECK_BASE_URL", ref.raw.get("site_url", ""))
    )


def _report_problems(error: DealError, name: str, fmt: str, out: TextIO, err: TextIO) -> int:
    if fmt == "json":
        out.write(json.dumps({"file": name, **error.to_dict()}, indent=2) + "\n")
    err.write(f"{name}: the deal cannot be screened ({len(error.problems)} problem(s)):\n")
    for problem in error.problems:
        err.write(f"  - {problem}\n")
    return EXIT_DATAERR


def cmd_screen(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    ref = _reference(args)
    data, name = _read_input(args.file, stdin)
    try:
        raw = parse_text(decode_bytes(data, name), name)
        result = screen_raw(raw, reference=ref, on=args.date)
    except DealError as exc:
        return _report_problems(exc, name, args.format, out, err)
    out.write(render(result, args.format, reference=ref, base_url=_base_url(args, ref)))
    return result.exit_code


def cmd_batch(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    ref = _reference(args)
    fmt = args.input_format or ("csv" if args.file.lower().endswith(".csv") else "jsonl")
    if args.file == "-":
        stream: Any = (
            io.TextIOWrapper(stdin.buffer, encoding="utf-8-sig", newline="") if hasattr(stdin, "buffer") else stdin
        )
    else:
        try:
            stream = open(args.file, encoding="utf-8-sig", newline="")  # noqa: SIM115  (closed below)
        except OSError as exc:
            raise FileNotFoundError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    worst = -1
    bad = 0
    writer = None
    try:
        for row in screen_rows(read_rows(stream, fmt), reference=ref, on=args.date):
            if row.error is not None:
                bad += 1
                for problem in row.error.problems:
                    err.write(f"line {row.line}: {problem}\n")
            else:
                assert row.result is not None
                worst = max(worst, row.result.exit_code)
            if args.format == "jsonl":
                out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
            else:
                import csv

                if writer is None:
                    writer = csv.writer(out, lineterminator="\n")
                    writer.writerow(["line", "reference", "verdict", "codes", "problems"])
                if row.result is not None:
                    codes = " ".join(f.code for f in row.result.findings if f.severity > 0)
                    writer.writerow([row.line, row.result.deal.get("reference", ""), row.result.verdict, codes, ""])
                else:
                    assert row.error is not None
                    writer.writerow([row.line, "", "INVALID", "", "; ".join(str(p) for p in row.error.problems)])
            out.flush()
    except UnicodeDecodeError as exc:
        err.write(f"{args.file}: not UTF-8 text (byte {exc.start} is invalid)\n")
        return EXIT_DATAERR
    finally:
        if stream is not stdin and hasattr(stream, "close") and args.file != "-":
            stream.close()
    if bad:
        err.write(f"{bad} row(s) could not be screened; the other rows were.\n")
        return EXIT_DATAERR
    return max(worst, 0)


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from checker.schema import deal_schema

    out.write(json.dumps(deal_schema(_reference(args)), indent=2) + "\n")
    return 0


def cmd_vocab(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
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
    "schema_version": 1,
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


def cmd_example(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    if args.format == "json":
        out.write(json.dumps(EXAMPLE, indent=2) + "\n")
    else:
        from checker.yamlsubset import dumps

        out.write("# A deal to screen: dealcheck screen this-file.yml\n# Absent or null fields mean unknown.\n")
        out.write(dumps(EXAMPLE))
    return 0


def cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    rules = all_rules()
    if args.format == "json":
        out.write(json.dumps([r.doc for r in rules], indent=2) + "\n")
        return 0
    for r in rules:
        out.write(f"{r.code}  {r.severity.label:<9} {r.step:<30} {r.summary}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dealcheck", description="Screen exports of security and surveillance products.")
    parser.add_argument("--version", action="version", version=f"dealcheck {__version__}")
    parser.add_argument("--data", help="reference bundle to use instead of the packaged one")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    screen = sub.add_parser("screen", help="screen one deal file (YAML or JSON; '-' reads standard input)")
    screen.add_argument("file")
    screen.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text")
    screen.add_argument("--date", help="screen as of this ISO date (default: today)")
    screen.add_argument("--base-url", help="prefix for links to the guidance site (default: relative)")
    screen.set_defaults(handler=cmd_screen)

    batch = sub.add_parser("batch", help="screen many deals from JSON Lines or CSV, one result per row")
    batch.add_argument("file")
    batch.add_argument("--input-format", choices=("jsonl", "csv"), help="default: from the file extension")
    batch.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    batch.add_argument("--date", help="screen as of this ISO date (default: today)")
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

    from checker.parties.cli import add_lists_parser  # `dealcheck lists ...`, logic in checker/parties/cli.py

    add_lists_parser(sub)
    from checker.context_cli import add_context_parser  # `dealcheck context ...`, logic in checker/context_cli.py

    add_context_parser(sub)
    return parser


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err, stdin = out or sys.stdout, err or sys.stderr, sys.stdin
    try:
        args = build_parser().parse_args(argv)
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
