"""The party index: candidate generation from token keys, then scoring and explaining each candidate.

How a name is matched (the methodology page quotes this):

* Both the list's names and the query are normalised (`checker.parties.normalize`): diacritics, case, punctuation,
  legal forms and the Arabic article set aside, transliteration variants merged into one spelling key per word.
* Candidate generation never scans the list. Each query word is looked up in the index's vocabulary of spelling
  keys: exactly, by its consonant skeleton (Mohammed / Muhammad), by its sound key (the skeleton with voiced and
  voiceless consonants merged: Pozitiv / Positive), through a deletion index that finds every vocabulary word
  within one or two edits (typing errors), and with any two neighbouring letters swapped before transliteration
  ("Shcok" / "Shock"). Two neighbouring query words that form one listed word once joined ("Aero Caribbean" /
  "Aerocaribbean", "Alb-Arnawi" / "Al-Barnawi") match it at MERGED (0.95). Only names that contain such a word are
  scored. Very common words (df above `COMMON_DF`) do not generate candidates when the query has a rarer word.
* Word similarity: 1.0 same word, 0.97 same spelling key (a transliteration variant), otherwise a weighted edit
  similarity where a vowel changed costs 0.35 of an edit, a vowel added or dropped 0.6 and two neighbouring letters
  swapped 0.5; below 0.75 (0.85 when the longer word has four or five letters) a word does not match, so one letter
  missing from a word of six letters or more is a match ("Haraz" / "Harpaz", "Maamoud" / "Mahamoud"); words of
  three letters or fewer must be equal. A query word the list has no similar word for, but which is a misspelling of
  a common word ("Goup" for "Group": a letter missing, doubled or swapped, words of five letters or more), is taken
  as that word at COMMON_TYPO (0.85) and weighed as a common word, not as an unknown distinctive one.
* Words are paired one-to-one (best pairs first, so token order does not matter). Each word is weighted by its
  inverse document frequency in the list, so "Group" or "Mohammed" count for less than "Intellexa" or "Dilian";
  idf is computed as if the list had at least 20,000 names, and a built-in list of words common in names
  (COMMON_WORDS) keeps them common even in a short list such as the curated one.
  cov_q = matched weight / weight of the query's words, cov_c = the same for the list name;
  score = QUERY_SHARE * cov_q + (1 - QUERY_SHARE) * cov_c. Names that are equal once spaces are removed
  ("Positive Technologies" / "PositiveTechnologies") score at least 0.97. A name that matches only in part (the
  listed name has words the query lacks) is capped below POSSIBLE unless the matched words weigh at least
  PARTIAL_MIN of the rarest word's weight (a word on at most about ten names of a 20,000-name list).
* A query word written in Arabic script (see `checker.parties.normalize`) is matched by `abjad_similarity`: the
  Latin spelling may add the short vowels Arabic script does not write (0.1 each), a written long vowel must meet a
  like Latin vowel, consonants that one Arabic letter is spelt as (j/g, k/g, d/z, s/z, t/s, b/p, f/v) cost half an
  edit; at least ABJAD_MIN (0.8). Its candidates share a coarse consonant key (`abjad_key`), a table built on the
  first such query.
* Thresholds: STRONG (>= 0.90) is treated as a match; POSSIBLE (>= 0.75) must be verified by a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from checker.parties.candidates import Lookup
from checker.parties.entries import Entry, Match, kind_fits
from checker.parties.query import prepare
from checker.parties.scoring import POSSIBLE, STRONG, Scorer
from checker.parties.tables import ROW_ENTRY, IndexTables, paused_gc

__all__ = ["POSSIBLE", "STRONG", "Entry", "Match", "PartyIndex", "kind_fits", "rank"]


class PartyIndex:
    """All entries of the screened lists, indexed for fuzzy name search. Build once, query many times.

    The search tables (`checker.parties.tables`) are what a compiled lists file ships (`checker.parties.store`), so
    that loading a large list is mostly `json.loads`: an index given `tables` for its first entries adopts them and
    only indexes the entries after those (the curated list), exactly as the builder would have. Candidates come from
    `checker.parties.candidates`, their scores from `checker.parties.scoring`; `rank` keeps the best per entry.
    """

    def __init__(
        self,
        entries: Iterable[Entry],
        lists: Sequence[dict[str, Any]] = (),
        tables: dict[str, Any] | None = None,
    ):
        """`entries`: a list, or any sequence (a compiled file's entries are made on first access). `tables`: the
        prebuilt tables of the first `tables["entries"]` entries (`tables()` of an index of those entries)."""
        self.entries: Sequence[Entry] = entries if isinstance(entries, Sequence) else list(entries)
        self.lists: list[dict[str, Any]] = [dict(meta) for meta in lists]
        self._prebuilt = tables  # held until built, then by what adopted them
        self._tables: IndexTables | None = None
        self._lookup: Lookup | None = None
        self._scorer: Scorer | None = None
        self._entry_rows: dict[int, list[int]] | None = None  # entry -> its indexed names; on the first compare

    def build(self) -> PartyIndex:
        """Build the search structures now (otherwise on the first search)."""
        if self._tables is None:
            with paused_gc():
                tables = IndexTables(self._prebuilt)
                tables.add_entries(self.entries)
                tables.finish()
            self._prebuilt = None
            self._tables = tables
            self._lookup = Lookup(tables)
            self._scorer = Scorer(tables, self.entries, self._country_code)
        return self

    def _parts(self) -> tuple[IndexTables, Lookup, Scorer]:
        self.build()
        assert self._tables is not None and self._lookup is not None and self._scorer is not None
        return self._tables, self._lookup, self._scorer

    def tables(self) -> dict[str, Any]:
        """The search tables of this index, JSON-ready (what `store.dumps` writes; `tables=` adopts them)."""
        return self._parts()[0].to_json()

    @property
    def name_count(self) -> int:
        return len(self._parts()[0].names)

    @staticmethod
    def country_code(country: str) -> str | None:
        """An entry's country as an ISO alpha-2 code (lists write "RU" or "Russia"); None if unknown. Replaced per
        screener by one that knows the country names of the reference data (`PartyScreener`)."""
        country = country.strip()
        return country.upper() if len(country) == 2 and country.isalpha() else None

    def _country_code(self, country: str) -> str | None:
        return self.country_code(country)  # looked up on each call: a screener replaces it after construction

    def search(
        self,
        text: str,
        *,
        threshold: float = POSSIBLE,
        limit: int = 10,
        kind: str | None = None,
        country: str | None = None,
    ) -> list[Match]:
        """Entries matching one name at or above the threshold, best first (one match per entry). `kind` (person |
        organisation) keeps to entries of that kind; `country` (ISO alpha-2) raises or lowers a match on an entry
        that states its countries."""
        tables, lookup, scorer = self._parts()
        query = prepare(text, kind, country)
        if query is None:
            return []
        lookup.look_up(query)
        names, entries = tables.names, self.entries
        joined = set(lookup.joined_hits(query))
        found = []
        for n in lookup.candidates(query, threshold):
            e_idx = names[n][ROW_ENTRY]
            if kind is not None and not kind_fits(kind, entries[e_idx]):
                continue
            match = scorer.score(query, n, n in joined, threshold)
            if match is not None:
                found.append((e_idx, match))
        return rank(found, limit)

    def compare(self, text: str, entry: int, *, kind: str | None = None, country: str | None = None) -> Match | None:
        """The query scored against every indexed name of one entry (`entries[entry]`), best first; None when the
        query has no words. Candidate generation is skipped: this is the score `search` would give the entry if it
        found it (used to evaluate the scoring on labelled pairs, and to explain a known entry)."""
        _, lookup, scorer = self._parts()
        query = prepare(text, kind, country)
        if query is None or not kind_fits(kind, self.entries[entry]):
            return None
        lookup.look_up(query)
        joined = set(lookup.joined_hits(query))
        best: Match | None = None
        for n in self._rows_of_entry().get(entry, ()):
            match = scorer.score(query, n, n in joined)
            if match is not None and (best is None or match.score > best.score):
                best = match
        return best

    def _rows_of_entry(self) -> dict[int, list[int]]:
        rows = self._entry_rows
        if rows is None:
            rows = self._entry_rows = {}
            for n, row in enumerate(self._parts()[0].names):
                rows.setdefault(row[ROW_ENTRY], []).append(n)
        return rows

    def screen(self, names: Iterable[str], *, threshold: float = POSSIBLE, limit: int = 10) -> list[list[Match]]:
        """Screen many names in one call (the API a script or the browser uses); one result list per name."""
        return [self.search(name, threshold=threshold, limit=limit) for name in names]


def rank(found: Iterable[tuple[int, Match]], limit: int) -> list[Match]:
    """The best match of each entry (the first found of equal scores), best first, at most `limit`."""
    by_entry: dict[int, Match] = {}
    for e_idx, match in found:
        held = by_entry.get(e_idx)
        if held is None or match.score > held.score:
            by_entry[e_idx] = match
    ranked = sorted(by_entry.values(), key=lambda m: (-m.score, m.entry.list_id, m.entry.id))
    return ranked[:limit]
