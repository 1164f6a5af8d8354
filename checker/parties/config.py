"""Which imported lists the build uses (`site_data/lists.yml`) and the build that compiles them.

    lists:
      - id: ofac-sdn                       # unique, kebab-case
        name: OFAC Specially Designated Nationals (SDN) list
        publisher: US Department of the Treasury, OFAC
        url: https://sanctionssearch.ofac.treas.gov/
        format: ofac-sdn-csv               # see checker.parties.formats.READERS
        file: ../shared/data/ofac-sdn-2024-05-03.csv   # relative to the repository root
        date: 2024-05-03                   # optional if the file states its own date

`python -m checker.parties build` (or `dealcheck lists build`) reads every configured file and writes
`checker/data/party_lists.json`; a configured file that is absent or malformed stops the build with a message
naming the file. An empty `lists: []` (the default) builds a file with no imported lists.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.parties import store
from checker.parties.formats import READERS, ListFormatError, read_list
from checker.yamlsubset import YamlSubsetError, dumps, loads

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG = ROOT / "site_data" / "lists.yml"
OUTPUT = ROOT / "checker" / "data" / "party_lists.json"
FIELDS = ("id", "name", "publisher", "url", "format", "file", "date")
REQUIRED = ("id", "name", "format", "file")
HEADER = """\
# Imported restricted-party lists the build compiles into checker/data/party_lists.json (besides the curated
# site_data/reference/listed_parties.yml, which is always screened). Paths are relative to the repository root.
# Formats: {formats}.
# Add one with `dealcheck lists import FORMAT FILE --name NAME [--date YYYY-MM-DD]`; rebuild with
# `dealcheck lists build` (or `python -m checker.parties build`). Default: no imported lists.
"""


ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class ConfigError(ValueError):
    pass


def replace_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: a reader (or a crash) sees the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass
class ListConfig:
    id: str
    name: str
    format: str
    file: str
    publisher: str | None = None
    url: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in FIELDS if getattr(self, k) is not None}


def read_config(path: Path = CONFIG) -> list[ListConfig]:
    if not path.exists():
        return []
    try:
        data = loads(path.read_text(encoding="utf-8"))
    except YamlSubsetError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"lists"}:
        raise ConfigError(f"{path}: expected one top-level key 'lists'")
    items = data.get("lists") or []
    if not isinstance(items, list):
        raise ConfigError(f"{path}: 'lists' must be a list")
    out: list[ListConfig] = []
    for n, item in enumerate(items):
        where = f"{path}: lists[{n}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: each list is a mapping with {', '.join(REQUIRED)}")
        unknown = set(item) - set(FIELDS)
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(FIELDS)}")
        missing = [k for k in REQUIRED if not item.get(k)]
        if missing:
            raise ConfigError(f"{where}: missing {', '.join(missing)}")
        if item["format"] not in READERS:
            raise ConfigError(f"{where}: format {item['format']!r} is not one of {', '.join(READERS)}")
        if not ID_PATTERN.fullmatch(str(item["id"])) or item["id"] == "curated":
            raise ConfigError(f"{where}: id {item['id']!r} must be kebab-case and not 'curated'")
        if item["id"] in {c.id for c in out}:
            raise ConfigError(f"{where}: id {item['id']!r} appears twice")
        optional = {k: str(item[k]) for k in FIELDS if k not in REQUIRED and item.get(k) is not None}
        out.append(ListConfig(**{k: str(item[k]) for k in REQUIRED}, **optional))
    return out


def write_config(lists: list[ListConfig], path: Path = CONFIG) -> None:
    text = HEADER.format(formats=", ".join(READERS))
    body = {"lists": [c.to_dict() for c in lists]}
    text += dumps(body) if lists else "lists: []\n"
    replace_atomically(path, text)


def resolve(config: ListConfig, root: Path = ROOT) -> Path:
    path = Path(config.file)
    return path if path.is_absolute() else (root / path).resolve()


def compile_lists(configs: list[ListConfig], root: Path = ROOT) -> tuple[str, list[str]]:
    """(compiled JSON text, report lines). Raises ConfigError naming every absent file, ListFormatError on bad data."""
    missing = [
        f"{c.id}: file {c.file} (resolved to {resolve(c, root)}) does not exist"
        for c in configs
        if not resolve(c, root).exists()
    ]
    if missing:
        raise ConfigError("configured list file(s) absent:\n  " + "\n  ".join(missing))
    compiled = []
    report = []
    for c in configs:
        path = resolve(c, root)
        imported = read_list(c.format, path, date=c.date)
        date = imported.date
        if not date:
            raise ListFormatError(str(path), "", "the file states no date; set `date:` for this list in lists.yml")
        meta = {
            "id": c.id,
            "name": c.name,
            "publisher": c.publisher,
            "url": c.url,
            "format": c.format,
            "date": date,
            "file": Path(c.file).name,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        compiled.append((meta, imported.entries))
        report.append(
            f"{c.id}: {len(imported.entries)} entries, {sum(len(e.names) for e in imported.entries)} names, dated {date}"
        )
    return store.dumps(compiled), report


def build(config_path: Path = CONFIG, output: Path = OUTPUT, *, check: bool = False, root: Path = ROOT) -> list[str]:
    text, report = compile_lists(read_config(config_path), root)
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            raise ConfigError(f"{output} is out of date: run `python -m checker.parties build`")
        return report + [f"{output} is up to date"]
    output.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(output, text)
    return report + [f"wrote {output} ({len(text.encode())} bytes, {len(report)} imported list(s))"]
