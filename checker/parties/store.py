"""The compiled party-lists file (`checker/data/party_lists.json`): imported lists in one compact, versioned JSON.

Layout (format "cerg-party-lists", version 2):

    {"format": "cerg-party-lists", "version": 2, "normalizer": "2",
     "lists": [{"id", "name", "publisher", "url", "format", "date", "file", "sha256", "entries", "names"}, ...],
     "fields": ["list", "id", "type", "names", "programs", "countries", "listed", "tokens"],
     "words": ["intellexa", "dilian", "tal", "jonathan", ...],
     "entries": [[0, "48059", "entity", ["INTELLEXA S.A."], ["CYBER2"], [], null, [[0]]], ...]}

Entries are arrays (not objects) to keep the file small; `list` is the position in `lists`. `tokens` holds, per
name, the positions in `words` of the name's normalised words (`checker.parties.normalize.split_name`), computed at
build time so that loading the index does not normalise every name again (most of the load time of a large list).
They are used only when `normalizer` equals the engine's NORMALIZER (the normalisation they were made with);
otherwise, and for version 1 files (no tokens), the names are normalised when the file is loaded. An empty `lists`
means no official list was configured: reports say so. Other versions are refused with a message to rebuild.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.parties.matching import Entry
from checker.parties.normalize import NORMALIZER, split_name

FORMAT = "cerg-party-lists"
VERSION = 2
FIELDS = ["list", "id", "type", "names", "programs", "countries", "listed", "tokens"]
FIELDS_V1 = FIELDS[:-1]

Tokens = tuple[tuple[str, ...], ...]  # per name of an entry: its normalised words


class StoreError(ValueError):
    pass


@dataclass
class CompiledLists:
    lists: list[dict[str, Any]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    tokens: list[Tokens] | None = None  # parallel to entries, when the file holds them for this engine


def dumps(lists: Iterable[tuple[dict[str, Any], Iterable[Entry]]]) -> str:
    """Serialise (list metadata, entries) pairs; deterministic for the same input."""
    metas: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    words: dict[str, int] = {}
    for pos, (meta, entries) in enumerate(lists):
        entries = list(entries)
        meta = dict(meta)
        meta["entries"] = len(entries)
        meta["names"] = sum(len(e.names) for e in entries)
        metas.append(meta)
        for e in entries:
            tokens = [[words.setdefault(w, len(words)) for w in split_name(name)[0]] for name in e.names]
            rows.append([pos, e.id, e.type, list(e.names), list(e.programs), list(e.countries), e.listed, tokens])
    body = {
        "format": FORMAT,
        "version": VERSION,
        "normalizer": NORMALIZER,
        "lists": metas,
        "fields": FIELDS,
        "words": list(words),
        "entries": rows,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"


def loads(text: str, origin: str = "party lists") -> CompiledLists:
    """Read a version 2 file (or a version 1 file, whose names are normalised when the index is built)."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{origin}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise StoreError(f"{origin}: not a {FORMAT} file")
    version = raw.get("version")
    if version not in (1, VERSION):
        raise StoreError(f"{origin}: version {version!r}, this engine reads 1 and {VERSION}; rebuild it")
    fields = FIELDS if version == VERSION else FIELDS_V1
    if raw.get("fields") != fields:
        raise StoreError(f"{origin}: unexpected fields {raw.get('fields')!r}")
    metas = raw.get("lists", [])
    words = raw.get("words") if version == VERSION and raw.get("normalizer") == NORMALIZER else None
    entries = []
    all_tokens: list[Tokens] | None = [] if words is not None else None
    width = len(fields)
    for n, row in enumerate(raw.get("entries", [])):
        try:
            if len(row) != width:
                raise ValueError(row)
            pos, ident, kind, names, programs, countries, listed = row[:7]
            list_id = metas[pos]["id"]
            if all_tokens is not None:
                tokens = tuple(tuple(words[t] for t in name) for name in row[7])
                if len(tokens) != len(names):
                    raise ValueError(row)
                all_tokens.append(tokens)
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise StoreError(f"{origin}: entry #{n} is malformed ({row!r:.80})") from exc
        entries.append(Entry(list_id, str(ident), kind, tuple(names), tuple(programs), tuple(countries), listed))
    return CompiledLists(lists=metas, entries=entries, tokens=all_tokens)
