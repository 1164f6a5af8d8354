"""Rewrite site_data files from the old provenance format (`as_of`, source `date`) to the current one, in place.

    python -m sitegen.migrate_provenance --accessed 2026-11-29 site_data/reference/measures/eu.yml ...

What it does, line by line so comments and layout survive:
- a record's `as_of: D` becomes `verified_on: D` plus `rechecked: false`: the date is kept, and the record says
  it was not re-checked in the new format (pages show "carried over, not re-checked"; `dealcheck data audit`
  lists it). Remove `rechecked: false` when you have checked the fact again and set `verified_on` to that day.
  With `--verified` (for files whose `as_of` already was the day each fact was checked) no marker is added.
- a source's `date: D` becomes `published: D` and `accessed: A` (A = `--accessed`, the day the sources were read).
  The old format wrote the access date where the publication date was unknown, so a `date` equal to `--accessed`
  becomes `published: undated`.
- a source without `kind` gets `kind: official` when its address is a government, EU or UN host; any other
  source is listed for you to classify (the loader refuses a source without a kind).
Files already in the current format are left alone. Exit 0 when done, 1 when sources still need a kind.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from checker.provenance import SOURCE_KINDS

AS_OF = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?as_of:(?P<rest>.*)$")
DATE = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?date:\s*(?P<value>\S.*?)\s*$")
ITEM = re.compile(r"^(?P<indent>\s*)-\s+id:")
TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:")
OFFICIAL_HOSTS = re.compile(
    r"(?:^|\.)(?:gov|gov\.uk|gc\.ca|gouv\.fr|europa\.eu|un\.org|legislation\.gov\.uk|parliament\.uk|"
    r"federalregister\.gov|ecfr\.gov|treasury\.gov|state\.gov|bis\.gov|bis\.doc\.gov|ohchr\.org)$"
)


@dataclass
class Outcome:
    """What one run changed and what it left for a person."""

    changed: list[str] = field(default_factory=list)
    unclassified: list[str] = field(default_factory=list)


def _unquote(value: str) -> str:
    value = value.split(" #", 1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _source_region(lines: list[str], path: Path) -> tuple[int, int]:
    """Line range holding source records: the whole file for sources.yml, else a top-level `sources:` block."""
    if path.name == "sources.yml":
        return 0, len(lines)
    for index, line in enumerate(lines):
        if line.startswith("sources:"):
            end = next((j for j in range(index + 1, len(lines)) if TOP_KEY.match(lines[j])), len(lines))
            return index + 1, end
    return 0, 0


def _official(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return bool(OFFICIAL_HOSTS.search(host))


def migrate_text(text: str, path: Path, accessed: str | None, outcome: Outcome, verified: bool = False) -> str:
    """The file's text in the current format (unchanged when there is nothing to migrate)."""
    lines = text.splitlines(keepends=True)
    start, end = _source_region(lines, path)
    out: list[str] = []
    item_start: int | None = None  # index in `out` of the current source record's first line
    item_has_kind = False
    item_url = ""
    item_id = ""

    def close_item() -> None:
        nonlocal item_start
        if item_start is None:
            return
        if not item_has_kind:
            first = out[item_start]
            indent = len(first) - len(first.lstrip()) + 2
            if item_url and _official(item_url):
                out.insert(item_start + 1, " " * indent + "kind: official\n")
            else:
                outcome.unclassified.append(f"{path}: source {item_id or '?'}")
        item_start = None

    for index, line in enumerate(lines):
        in_sources = start <= index < end
        body = line.rstrip("\n")
        if in_sources:
            item = ITEM.match(body)
            if item:
                close_item()
                item_start, item_has_kind, item_url = len(out), False, ""
                item_id = _unquote(body.split("id:", 1)[1])
            stripped = body.strip().removeprefix("- ")
            if stripped.startswith("kind:"):
                item_has_kind = True
            if stripped.startswith("url:"):
                item_url = _unquote(stripped[4:])
            date = DATE.match(body)
            if date and item_start is not None:
                if accessed is None:
                    raise SystemExit(f"{path}:{index + 1}: a source `date` needs --accessed (the day it was read)")
                value = _unquote(date.group("value"))
                pad = date.group("indent") + (" " * len(date.group("dash")) if date.group("dash") else "")
                published = "undated" if value == accessed else value
                out.append(f"{date.group('indent')}{date.group('dash') or ''}published: {published}\n")
                out.append(f"{pad}accessed: {accessed}\n")
                continue
        match = AS_OF.match(body)
        if match and not in_sources:
            indent, dash = match.group("indent"), match.group("dash") or ""
            out.append(f"{indent}{dash}verified_on:{match.group('rest')}\n")
            if not verified:
                out.append(f"{indent}{' ' * len(dash)}rechecked: false\n")
            continue
        out.append(line)
        if in_sources and index + 1 == end:
            close_item()
    close_item()
    return "".join(out)


def migrate(paths: list[Path], accessed: str | None, verified: bool = False) -> Outcome:
    outcome = Outcome()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        new = migrate_text(text, path, accessed, outcome, verified)
        if new != text:
            path.write_text(new, encoding="utf-8")
            outcome.changed.append(str(path))
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitegen.migrate_provenance",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", type=Path, help="YAML or Markdown files of site_data/")
    parser.add_argument("--accessed", help="YYYY-MM-DD: the day the sources in these files were read")
    parser.add_argument(
        "--verified",
        action="store_true",
        help="the as_of dates are days each fact was checked against its sources: omit rechecked: false",
    )
    args = parser.parse_args(argv)
    if args.accessed and not re.match(r"^\d{4}-\d{2}-\d{2}$", args.accessed):
        parser.error("--accessed must be YYYY-MM-DD")
    missing = [p for p in args.files if not p.is_file()]
    if missing:
        parser.error(f"no such file: {missing[0]}")
    outcome = migrate(args.files, args.accessed, args.verified)
    for name in outcome.changed:
        print(f"migrated {name}")
    for entry in outcome.unclassified:
        print(f"needs a kind ({', '.join(SOURCE_KINDS)}): {entry}", file=sys.stderr)
    return 1 if outcome.unclassified else 0


if __name__ == "__main__":
    raise SystemExit(main())
