"""The compiled party-lists file (`checker/data/party_lists.json`): imported lists in one compact, versioned JSON.

Layout (format "cerg-party-lists", version 3):

    {"format": "cerg-party-lists", "version": 3, "normalizer": "2",
     "lists": [{"id", "name", "publisher", "url", "format", "date", "file", "sha256", "entries", "names"}, ...],
     "fields": ["list", "id", "type", "names", "programs", "countries", "listed"],
     "entries": [[0, "48059", "entity", ["INTELLEXA S.A."], ["CYBER2"], [], null], ...],
     "index": {"version": "2", "entries": 1, "words": ["intellexa"], "word_keys": [0], "keys": ["intelexa"],
               "names": [[0, 0, 0]], "postings": [[0]], "joined": {"intelexa": 0},
               "skeletons": {"intlx": 0}, "sounds": {}, "deletes": {"ntelexa": 0, ...}}}

Entries are arrays (not objects) to keep the file small; `list` is the position in `lists`. `index` holds the search
tables of `checker.parties.matching.PartyIndex` for these entries, made at build time (`PartyIndex.tables`): the
names' normalised words, their spelling keys, which names have which key, and the skeleton, sound and one-letter
deletion keys that find similar words (a probe with one id maps to the id, not to a one-item list). Loading a list is then `json.loads` and light wrapping: entries are made on
first access, the index adopts the tables and only indexes the curated list's few names on top. The tables are
used only when `normalizer` and `index.version` equal the engine's NORMALIZER and INDEX_VERSION; otherwise the names
are normalised and indexed on load (slower, same results). An empty `lists` means no official list was configured:
reports say so. Files of other versions (1 and 2 included) are refused with a message to rebuild them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from checker.parties.entries import Entry
from checker.parties.matching import PartyIndex
from checker.parties.normalize import NORMALIZER
from checker.parties.tables import INDEX_VERSION, paused_gc

FORMAT = "cerg-party-lists"
VERSION = 3
FIELDS = ["list", "id", "type", "names", "programs", "countries", "listed"]
INDEX_KEYS = ("entries", "words", "word_keys", "keys", "names", "postings", "joined", "skeletons", "sounds", "deletes")


class StoreError(ValueError):
    pass


class CompiledEntries(Sequence[Entry]):
    """The entries of a compiled file, each made from its row on first access (a large list has ~100,000), followed
    by `extra` entries (the curated list, in a screener)."""

    def __init__(self, rows: list[list[Any]], list_ids: list[str], extra: Sequence[Entry] = ()):
        self._rows = rows
        self._list_ids = list_ids
        self._made: list[Entry | None] = [None] * len(rows)
        self._extra = list(extra)

    def __len__(self) -> int:
        return len(self._rows) + len(self._extra)

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...
    def __getitem__(self, i: int | slice) -> Entry | list[Entry]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        n = len(self._rows)
        if i >= n:
            return self._extra[i - n]
        made = self._made[i]
        if made is None:
            pos, ident, kind, names, programs, countries, listed = self._rows[i]
            made = self._made[i] = Entry(
                self._list_ids[pos], ident, kind, tuple(names), tuple(programs), tuple(countries), listed
            )
        return made

    def __iter__(self) -> Iterator[Entry]:
        for i in range(len(self)):
            yield self[i]

    def plus(self, extra: Sequence[Entry]) -> CompiledEntries:
        """These entries followed by others (made entries are shared)."""
        out = CompiledEntries(self._rows, self._list_ids, [*self._extra, *extra])
        out._made = self._made
        return out


@dataclass
class CompiledLists:
    lists: list[dict[str, Any]] = field(default_factory=list)
    entries: Sequence[Entry] = field(default_factory=list)
    tables: dict[str, Any] | None = None  # PartyIndex tables of `entries`, when the file's are valid for this engine


def dumps(lists: Iterable[tuple[dict[str, Any], Iterable[Entry]]]) -> str:
    """Serialise (list metadata, entries) pairs with the search tables of their index; deterministic."""
    metas: list[dict[str, Any]] = []
    rows: list[list[Any]] = []
    everything: list[Entry] = []
    for pos, (meta, entries) in enumerate(lists):
        entries = list(entries)
        meta = dict(meta)
        meta["entries"] = len(entries)
        meta["names"] = sum(len(e.names) for e in entries)
        metas.append(meta)
        rows.extend([pos, e.id, e.type, list(e.names), list(e.programs), list(e.countries), e.listed] for e in entries)
        everything.extend(entries)
    body = {
        "format": FORMAT,
        "version": VERSION,
        "normalizer": NORMALIZER,
        "lists": metas,
        "fields": FIELDS,
        "entries": rows,
        "index": PartyIndex(everything).tables(),
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"


def loads(text: str, origin: str = "party lists") -> CompiledLists:
    """Read a version 3 file: metadata, entries (made on first access) and, when valid here, the search tables."""
    try:
        with paused_gc():
            raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{origin}: not JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise StoreError(f"{origin}: not a {FORMAT} file")
    version = raw.get("version")
    if version != VERSION:
        raise StoreError(
            f"{origin}: version {version!r}, this engine reads version {VERSION}; rebuild it"
            " (`python -m checker.parties build`, or `dealcheck lists build`)"
        )
    if raw.get("fields") != FIELDS:
        raise StoreError(f"{origin}: unexpected fields {raw.get('fields')!r}")
    metas = raw.get("lists", [])
    rows = raw.get("entries", [])
    try:
        list_ids = [str(meta["id"]) for meta in metas]
    except (TypeError, KeyError) as exc:
        raise StoreError(f"{origin}: a list has no id") from exc
    width = len(FIELDS)
    lists_count = len(list_ids)
    for n, row in enumerate(rows):  # shape only: the entries are made on first access
        if (
            type(row) is not list
            or len(row) != width
            or type(row[0]) is not int
            or not 0 <= row[0] < lists_count
            or type(row[1]) is not str
            or type(row[3]) is not list
            or not row[3]
        ):
            raise StoreError(f"{origin}: entry #{n} is malformed ({row!r:.80})")
    tables = raw.get("index")
    if not isinstance(tables, dict) or any(k not in tables for k in INDEX_KEYS) or tables["entries"] != len(rows):
        raise StoreError(f"{origin}: the index tables are missing or malformed; rebuild it")
    if raw.get("normalizer") != NORMALIZER or tables.get("version") != INDEX_VERSION:
        tables = None  # made by another normalisation or index version: the names are indexed again on load
    return CompiledLists(lists=metas, entries=CompiledEntries(rows, list_ids), tables=tables)
