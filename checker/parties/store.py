"""The compiled party-lists file (`checker/data/party_lists.json`): imported lists in one compact, versioned JSON.

Layout (format "cerg-party-lists", version 1):

    {"format": "cerg-party-lists", "version": 1,
     "lists": [{"id", "name", "publisher", "url", "format", "date", "file", "sha256", "entries", "names"}, ...],
     "fields": ["list", "id", "type", "names", "programs", "countries", "listed"],
     "entries": [[0, "48059", "entity", ["INTELLEXA S.A."], ["CYBER2"], [], null], ...]}

Entries are arrays (not objects) to keep the file small; `list` is the position in `lists`. The search structures
are rebuilt from the names when the file is loaded (the same code in CPython and Pyodide), so the file holds only
what the lists publish. An empty `lists` means no official list was configured: reports say so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.parties.matching import Entry

FORMAT = "cerg-party-lists"
VERSION = 1
FIELDS = ["list", "id", "type", "names", "programs", "countries", "listed"]


class StoreError(ValueError):
    pass


@dataclass
class CompiledLists:
    lists: list[dict[str, Any]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def dumps(lists: Iterable[tuple[dict[str, Any], Iterable[Entry]]]) -> str:
    """Serialise (list metadata, entries) pairs; deterministic for the same input."""
    metas: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    for pos, (meta, entries) in enumerate(lists):
        entries = list(entries)
        meta = dict(meta)
        meta["entries"] = len(entries)
        meta["names"] = sum(len(e.names) for e in entries)
        metas.append(meta)
        for e in entries:
            rows.append([pos, e.id, e.type, list(e.names), list(e.programs), list(e.countries), e.listed])
    body = {"format": FORMAT, "version": VERSION, "lists": metas, "fields": FIELDS, "entries": rows}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"


def loads(text: str, origin: str = "party lists") -> CompiledLists:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{origin}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise StoreError(f"{origin}: not a {FORMAT} file")
    if raw.get("version") != VERSION:
        raise StoreError(f"{origin}: version {raw.get('version')!r}, this engine reads {VERSION}; rebuild it")
    if raw.get("fields") != FIELDS:
        raise StoreError(f"{origin}: unexpected fields {raw.get('fields')!r}")
    metas = raw.get("lists", [])
    entries = []
    for n, row in enumerate(raw.get("entries", [])):
        try:
            pos, ident, kind, names, programs, countries, listed = row
            list_id = metas[pos]["id"]
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise StoreError(f"{origin}: entry #{n} is malformed ({row!r:.80})") from exc
        entries.append(Entry(list_id, str(ident), kind, tuple(names), tuple(programs), tuple(countries), listed))
    return CompiledLists(lists=metas, entries=entries)
