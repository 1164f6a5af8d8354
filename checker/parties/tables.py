"""The index's search tables: the vocabulary of spelling keys, each indexed name's words, the postings from a key to
the names that hold it, the probe tables candidate generation looks words up in, and the word weights (idf).

These tables are what a compiled lists file ships (`IndexTables.to_json`, `checker.parties.store`), so that loading a
large list is mostly `json.loads`: tables given a prebuilt set for the first entries adopt it and only index the
entries after those (the curated list), exactly as the builder would have.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from checker.parties.entries import Entry
from checker.parties.normalize import skeleton, sound, split_name, translit
from checker.parties.wordlists import common_keys

# The version of the search tables (`IndexTables.to_json`, shipped in compiled lists files): change it whenever the
# tables would come out different (the spelling key, skeleton, sound or deletion keys, the layout).
INDEX_VERSION = "3"

MIN_LIST_SIZE = 20_000  # idf is computed as if the list had at least this many names (small lists stay calibrated)
COMMON_SHARE = 0.01  # words in COMMON_WORDS count as if this share of names had them
COMMON_DF = 0.02  # share of names above which a word does not generate candidates (unless it is all we have)
UNKNOWN_WEIGHT = 0.6  # a query word the list has never seen (and nothing like it) weighs 0.6 of the rarest word

# The layout of an indexed name's row (`IndexTables.names`, written as is into compiled lists files):
# [entry, alias, word id, word id, ...]
ROW_ENTRY = 0  # the entry's position in the index's entries
ROW_ALIAS = 1  # the alias's position among the entry's names
ROW_WORDS = 2  # the name's words from here on (ids into `IndexTables.words`)

# A probe table (joined names, skeleton, sound and deletion keys) maps a probe to one id, or to a list of two or more
# ids (most probes have one: a plain int saves a list per probe, in memory and in the compiled file).
Ids = int | list[int]
ProbeTable = dict[str, Ids]


def collect(out: set[int], tables: tuple[ProbeTable, ...], probe: str) -> None:
    """Add the ids a probe has in each of the tables (the prebuilt ones first, then what was indexed on top)."""
    for table in tables:
        hit = table.get(probe)
        if hit is not None:
            if isinstance(hit, int):
                out.add(hit)
            else:
                out.update(hit)


def add_id(table: ProbeTable, probe: str, ident: int) -> None:
    hit = table.get(probe)
    if hit is None:
        table[probe] = ident
    elif isinstance(hit, int):
        table[probe] = [hit, ident]
    else:
        hit.append(ident)


def merged(tables: tuple[ProbeTable, ...]) -> ProbeTable:
    """One probe table with the ids of several, in order."""
    if len(tables) == 1:
        return tables[0]
    out: ProbeTable = {}
    for table in tables:
        for probe, hit in table.items():
            for ident in [hit] if isinstance(hit, int) else hit:
                add_id(out, probe, ident)
    return out


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a large index is parsed or built: the millions of containers made
    would otherwise trigger repeated full collections (most of the load time of a large list in CPython 3.11);
    afterwards they are frozen (gc.freeze) so later collections skip them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The index lives as long as the process: move what was just built out of the collector's generations, so
        # the next collection does not have to walk millions of index objects (it cost the first screen ~0.5 s).
        gc.freeze()
        if enabled:
            gc.enable()


def name_words(name: str) -> tuple[str, ...]:
    return tuple(split_name(name)[0])


class IndexTables:
    """The search tables of the names of a sequence of entries, and the word weights computed from them.

    Built empty or adopted from prebuilt JSON tables (lists copied, which is cheap; the shared inner lists and probe
    tables are never changed in place: what is indexed on top goes into a second probe table and into copies of
    the postings it extends)."""

    def __init__(self, prebuilt: dict[str, Any] | None = None) -> None:
        if prebuilt is None:
            self.words: list[str] = []  # folded words of the indexed names
            self.word_keys: list[int] = []  # per word: its spelling key's id
            self.keys: list[str] = []  # the vocabulary of spelling keys
            self.names: list[list[int]] = []  # per indexed name: its row (ROW_ENTRY, ROW_ALIAS, ROW_WORDS...)
            self.postings: list[list[int]] = []  # per key: the indexed names that hold it, in order
            # probe tables: one, built here; or the prebuilt one (shared, never changed) and one built on top
            self.joined: tuple[ProbeTable, ...] = ({},)  # the name's keys written as one word -> names
            self.skeletons: tuple[ProbeTable, ...] = ({},)  # consonant skeleton -> keys
            self.sounds: tuple[ProbeTable, ...] = ({},)  # sound key (where it differs from the skeleton) -> keys
            self.deletes: tuple[ProbeTable, ...] = ({},)  # a key with one letter left out -> keys
            self.entries_indexed = 0
        else:
            self.words = list(prebuilt["words"])
            self.word_keys = list(prebuilt["word_keys"])
            self.keys = list(prebuilt["keys"])
            self.names = list(prebuilt["names"])
            self.postings = list(prebuilt["postings"])
            self.joined = (prebuilt["joined"], {})
            self.skeletons = (prebuilt["skeletons"], {})
            self.sounds = (prebuilt["sounds"], {})
            self.deletes = (prebuilt["deletes"], {})
            self.entries_indexed = prebuilt["entries"]
        self.shared_keys = len(self.keys)  # keys below this id have postings the prebuilt tables share
        self.vocab: dict[str, int] = dict(zip(self.keys, range(len(self.keys)), strict=True))
        # Word weights, from the word counts of every indexed name (`finish`).
        self.idf: list[float] = []
        self.name_weight: list[float] = []  # per indexed name: the sum of its words' idf, -1.0 until first used
        self.max_idf = 0.0  # the weight of a word only one name has
        self.common_idf = 0.0  # the weight of a word of COMMON_WORDS the list does not hold
        self.common_keys: frozenset[str] = frozenset()
        self.common = 0  # postings longer than this are of a common word

    # Building -----------------------------------------------------------------------------------------------------
    def add_entries(self, entries: Sequence[Entry]) -> None:
        """Index the names of the entries after those indexed already (an entry's names equal once sorted are
        indexed once), then the probes of the keys that were new."""
        word_id = dict(zip(self.words, range(len(self.words)), strict=True))
        first_key = len(self.keys)
        for e_idx in range(self.entries_indexed, len(entries)):
            names = entries[e_idx].names
            seen: set[tuple[str, ...]] = set()
            for pos, name in enumerate(names):
                words = name_words(name)
                if not words:
                    continue
                if len(names) > 1:
                    sig = tuple(sorted(words))
                    if sig in seen:
                        continue
                    seen.add(sig)
                self._add_name(e_idx, pos, words, word_id)
        self.entries_indexed = len(entries)
        self._add_probes(first_key)

    def _add_name(self, e_idx: int, pos: int, words: tuple[str, ...], word_id: dict[str, int]) -> None:
        keys, postings, vocab, shared = self.keys, self.postings, self.vocab, self.shared_keys
        n_idx = len(self.names)
        row = [e_idx, pos]
        joined_key = ""
        for w in words:
            wid = word_id.get(w)
            if wid is None:
                k = translit(w)
                tid = vocab.get(k)
                if tid is None:
                    tid = vocab[k] = len(keys)
                    keys.append(k)
                    postings.append([])
                wid = word_id[w] = len(self.words)
                self.words.append(w)
                self.word_keys.append(tid)
            else:
                tid = self.word_keys[wid]
            plist = postings[tid]
            if not plist or plist[-1] != n_idx:
                if tid < shared:  # a list the prebuilt tables share: copied, not changed in place
                    postings[tid] = [*plist, n_idx]
                else:
                    plist.append(n_idx)
            row.append(wid)
            joined_key += keys[tid]
        self.names.append(row)
        add_id(self.joined[-1], joined_key, n_idx)

    def _add_probes(self, first_key: int) -> None:
        """Keys new to the index: their consonant skeleton, sound key and one-letter deletions (in a fixed order,
        so that the compiled file is the same on every build)."""
        skeletons, sounds, deletes = self.skeletons[-1], self.sounds[-1], self.deletes[-1]
        add = add_id
        for tid in range(first_key, len(self.keys)):
            k = self.keys[tid]
            if len(k) >= 4:
                sk = skeleton(k)
                if len(sk) >= 3:
                    add(skeletons, sk, tid)
                    sd = sound(k)
                    if sd != sk:
                        add(sounds, sd, tid)
                for d in dict.fromkeys([k[:i] + k[i + 1 :] for i in range(len(k))]):
                    add(deletes, d, tid)

    def finish(self) -> None:
        """Weights and constants from the word counts (they depend on every indexed name, the curated ones too)."""
        n_names = len(self.names)
        n_eff = max(n_names, MIN_LIST_SIZE)
        common_df = COMMON_SHARE * n_eff
        common = common_keys()
        self.idf = [
            math.log((n_eff + 1) / (max(len(p), common_df if k in common else 0) + 0.5)) + 1.0
            for k, p in zip(self.keys, self.postings, strict=True)
        ]
        self.name_weight = [-1.0] * n_names
        self.max_idf = math.log((n_eff + 1) / 0.5) + 1.0
        self.common_keys = common
        self.common_idf = math.log((n_eff + 1) / (common_df + 0.5)) + 1.0
        self.common = max(50, int(COMMON_DF * n_names))

    def to_json(self) -> dict[str, Any]:
        """The tables, JSON-ready (what `store.dumps` writes; `IndexTables(prebuilt)` adopts them)."""
        return {
            "version": INDEX_VERSION,
            "entries": self.entries_indexed,
            "words": self.words,
            "word_keys": self.word_keys,
            "keys": self.keys,
            "names": self.names,
            "postings": self.postings,
            "joined": merged(self.joined),
            "skeletons": merged(self.skeletons),
            "sounds": merged(self.sounds),
            "deletes": merged(self.deletes),
        }

    # Weights ------------------------------------------------------------------------------------------------------
    def weight_of(self, n: int) -> float:
        """Sum of the idf of an indexed name's words (memoised)."""
        weight = self.name_weight[n]
        if weight < 0.0:
            idf, word_keys = self.idf, self.word_keys
            weight = self.name_weight[n] = sum([idf[word_keys[w]] for w in self.names[n][ROW_WORDS:]])
        return weight

    def word_weight(self, word: str) -> float:
        """The idf of a folded word (the rarest weight for a word the index does not hold)."""
        tid = self.vocab.get(translit(word))
        return self.idf[tid] if tid is not None else UNKNOWN_WEIGHT * self.max_idf
