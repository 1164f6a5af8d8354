"""Candidate generation: the indexed names worth scoring for a query, found through the index's tables, never by
scanning the list (how each word is looked up: `checker.parties.matching`'s docstring)."""

from __future__ import annotations

from checker.parties.normalize import nicknames, phonetic, skeleton, sound, translit
from checker.parties.query import Query
from checker.parties.scoring import blend, least_query_share
from checker.parties.similarity import (
    ACRONYM_STOP,
    NICKNAME,
    PHONETIC,
    TRANSPOSE,
    abjad_key,
    abjad_similarity,
    deletes,
    swaps,
    word_similarity,
)
from checker.parties.tables import ROW_WORDS, UNKNOWN_WEIGHT, IndexTables, collect
from checker.parties.wordlists import common_typos

COMMON_TYPO = 0.85  # a misspelt common word ("Goup") met as that word, when the list has nothing closer
MERGED = 0.95  # two query words that are one listed word once joined
FLOOR_MARGIN = 0.15  # names whose words' best similarities cannot reach the threshold less this are not scored
_WORD_CACHE_SIZE = 8192


class Lookup:
    """Word lookups in one index's tables, with what they build on first use (memoised similar words, the Arabic
    script and acronym tables)."""

    def __init__(self, tables: IndexTables) -> None:
        self.tables = tables
        self.word_cache: dict[tuple[str, str], dict[int, float]] = {}  # (word, key) -> similar key ids
        self.abjad: dict[str, list[int]] | None = None  # coarse consonant key -> key ids; on the first such query
        self.acronyms: dict[str, list[int]] | None = None  # initials -> indexed names; on the first such query

    # Words --------------------------------------------------------------------------------------------------------
    def look_up(self, query: Query) -> None:
        """Fill the query's per-word similar vocabulary words and weights, and its merges."""
        t = self.tables
        query.similar = [
            self.similar_abjad(k) if abjad else self.similar_words(w, k)
            for w, k, abjad in zip(query.words, query.keys, query.abjad, strict=True)
        ]
        weights = []
        for word, key, sims in zip(query.words, query.keys, query.similar, strict=True):
            tid = t.vocab.get(key)
            if tid is not None:
                weights.append(t.idf[tid])
            elif sims:
                weights.append(max(t.idf[k] for k in sims))
            elif key in t.common_keys or word in common_typos():
                weights.append(t.common_idf)
            else:
                weights.append(UNKNOWN_WEIGHT * t.max_idf)
        query.weights = weights
        query.merges = self.merges(query)

    def similar_words(self, word: str, key: str) -> dict[int, float]:
        """Vocabulary words similar to one query word (folded word and its spelling key), with their similarity.
        Memoised per index (the result is shared: callers must not change it)."""
        cache = self.word_cache
        found = cache.get((word, key))
        if found is None:
            if len(cache) >= _WORD_CACHE_SIZE:
                cache.clear()
            found = cache[(word, key)] = self._find_similar(word, key)
        return found

    def _find_similar(self, word: str, key: str) -> dict[int, float]:
        t = self.tables
        found: dict[int, float] = {}
        tid = t.vocab.get(key)
        if tid is not None:
            found[tid] = 1.0
        else:
            common = common_typos().get(word)
            if common is not None and (k := t.vocab.get(common)) is not None:
                found[k] = COMMON_TYPO  # "Goup" for "Group": a common word, not a distinctive unknown one
        if len(key) < 4:
            return found
        candidates, alike = self._probe(key)
        sounds_as = None
        for k in candidates:
            if k not in found:
                s = word_similarity(key, t.keys[k])
                if not s and k in alike:  # the same sound once transliterated ("Gaddafi" / "Qadhafi")
                    if sounds_as is None:
                        sounds_as = phonetic(key)
                    s = PHONETIC if phonetic(t.keys[k]) == sounds_as else 0.0
                if s:
                    found[k] = s
        # Two neighbouring letters swapped before transliteration ("Shcok" for "Shock" gives the key "shkok",
        # not a swap of "shok"): look the swapped spellings up.
        typo = 1.0 - TRANSPOSE / len(word)
        for swapped in swaps(word):
            k = t.vocab.get(translit(swapped))
            if k is not None and found.get(k, 0.0) < typo:
                found[k] = typo
        return found

    def _probe(self, key: str) -> tuple[set[int], set[int]]:
        """(keys that may be similar to a key, those of them found by its sound key: checked for words that sound
        alike): by consonant skeleton, sound key and the deletion index."""
        t = self.tables
        candidates: set[int] = set()
        alike: set[int] = set()
        sk = skeleton(key)
        if len(sk) >= 3:
            collect(candidates, t.skeletons, sk)
            sd = sound(key)  # voiced/voiceless consonants merged ("Pozitiv" / "Positive")
            collect(alike, t.sounds, sd)
            candidates |= alike
            if sd != sk:
                collect(candidates, t.skeletons, sd)
        for d in deletes(key):
            k = t.vocab.get(d)
            if k is not None:
                candidates.add(k)
            collect(candidates, t.deletes, d)
        collect(candidates, t.deletes, key)
        return candidates, alike

    def similar_abjad(self, key: str) -> dict[int, float]:
        """Vocabulary words similar to a query word written in Arabic script (short vowels unwritten): candidates
        share its coarse consonant key (`abjad_key`) or that key with one letter missing or added; memoised."""
        cache = self.word_cache
        found = cache.get(("", key))
        if found is not None:
            return found
        t = self.tables
        if self.abjad is None:  # built on the first query in Arabic script, not when the index loads
            table: dict[str, list[int]] = {}
            for key_id, listed in enumerate(t.keys):
                table.setdefault(abjad_key(listed), []).append(key_id)
            self.abjad = table
        found = {}
        tid = t.vocab.get(key)
        if tid is not None:
            found[tid] = 1.0
        coarse = abjad_key(key)
        probes = {coarse} | (deletes(coarse) if len(coarse) >= 3 else set())
        for probe in probes:
            for k in self.abjad.get(probe, ()):
                if k not in found:
                    s = abjad_similarity(key, t.keys[k])
                    if s:
                        found[k] = s
        if len(cache) >= _WORD_CACHE_SIZE:
            cache.clear()
        cache[("", key)] = found
        return found

    def merges(self, query: Query) -> list[tuple[int, int, float]]:
        """Neighbouring query words that are one listed word once joined ("Aero Caribbean" / "Aerocaribbean",
        "Alb-Arnawi" / "Al-Barnawi"): (position of the first word, vocabulary word, similarity)."""
        out = []
        words, vocab = query.words, self.tables.vocab
        for i in range(len(words) - 1):
            joined = words[i] + words[i + 1]
            tid = vocab.get(translit(joined))
            if tid is None and joined[:2] in ("al", "el") and len(joined) > 5:
                tid = vocab.get(translit(joined[2:]))  # the Arabic article, hyphen misplaced
            if tid is not None:
                out.append((i, tid, MERGED))
        return out

    def with_nicknames(self, query: Query) -> list[dict[int, float]]:
        """Candidate words of each query word plus the names it is a nickname of ("Bill" -> "William"), so that
        search finds them; the scoring gives nicknames to persons only."""
        per_word = query.similar
        if query.kind == "organisation":
            return per_word
        table = nicknames()
        out = per_word
        vocab = self.tables.vocab
        for i, w in enumerate(query.words):
            others = table.get(w)
            if others:
                found = {t: NICKNAME for o in others if (t := vocab.get(translit(o))) is not None}
                if found:
                    if out is per_word:
                        out = list(per_word)
                    out[i] = {**found, **per_word[i]}
        return out

    # Names --------------------------------------------------------------------------------------------------------
    def joined_hits(self, query: Query) -> list[int]:
        """Indexed names equal to the query once spaces are removed."""
        hits: list[int] = []
        for table in self.tables.joined:
            hit = table.get("".join(query.keys))
            if hit is not None:
                hits += [hit] if isinstance(hit, int) else hit
        return hits

    def acronym_hits(self, query: Query) -> list[int]:
        """Indexed names that a one-word query is the initials of ("PLA", "People's Liberation Army"), and one-word
        indexed names that are the initials of the query ("BNC" for "Banco Nacional de Cuba")."""
        words = query.words
        t = self.tables
        if len(words) == 1:
            w = words[0]
            if not 2 <= len(w) <= 6 or not w.isalpha():
                return []
            table = self._acronym_table()
            return table.get(w, []) + (table.get(w[:-1], []) if len(w) > 3 else [])
        key = "".join(w[0] for w in words if w not in ACRONYM_STOP)
        tid = t.vocab.get(translit(key)) if 2 <= len(key) <= 6 else None
        if tid is None:
            return []
        return [n for n in t.postings[tid] if len(t.names[n]) == ROW_WORDS + 1]

    def _acronym_table(self) -> dict[str, list[int]]:
        """The initials of every indexed name of two or more words -> those names (built on the first acronym)."""
        table = self.acronyms
        if table is None:
            table = {}
            words = self.tables.words
            for n, row in enumerate(self.tables.names):
                if len(row) > ROW_WORDS + 1:
                    key = "".join(words[x][0] for x in row[ROW_WORDS:] if words[x] not in ACRONYM_STOP)
                    if 2 <= len(key) <= 6:
                        table.setdefault(key, []).append(n)
            self.acronyms = table
        return table

    def candidates(self, query: Query, threshold: float) -> list[int]:
        """The indexed names worth scoring, in the order found: those whose matched words' weight could lift them
        to the threshold less FLOOR_MARGIN, those equal to the query once spaces are removed and acronyms."""
        t = self.tables
        total_q = sum(query.weights)
        acc = self._accumulate(query)
        for n in self.joined_hits(query):
            acc[n] = total_q  # equal once spaces are removed: a candidate whatever its words scored
        for n in self.acronym_hits(query):
            acc[n] = max(acc.get(n, 0.0), total_q)  # scored as an acronym (never above a possible match)
        floor = threshold - FLOOR_MARGIN
        least = least_query_share(floor)  # blend(cov_q, 1.0) < floor exactly when cov_q < least
        # initials in the query ("J.-C.") may yet meet the listed words they begin: only the first bound applies
        initials = any(len(w) <= 3 and w.isalpha() and not s for w, s in zip(query.words, query.similar, strict=True))
        weight_of, name_weights = t.weight_of, t.name_weight
        out = []
        for n, matched in acc.items():
            cov_q = min(matched / total_q, 1.0)
            if cov_q < least:
                continue  # below the floor even if every word of the listed name matched: its weight is not needed
            if not initials:
                name_weight = name_weights[n]
                if name_weight < 0.0:
                    name_weight = weight_of(n)
                cov_c = min(matched / name_weight, 1.0) if name_weight else 0.0
                if blend(cov_q, cov_c) < floor:
                    continue
            out.append(n)
        return out

    def _accumulate(self, query: Query) -> dict[int, float]:
        """Per indexed name that holds a word similar to a query word: the weight of the query's words it may match
        (each word's weight times its best similarity there). A common word adds nothing when a rarer one exists."""
        t = self.tables
        postings, common = t.postings, t.common
        weights = query.weights
        rare_exists = any(any(len(postings[k]) <= common for k in sims) for sims in query.similar)
        acc: dict[int, float] = {}
        for w, sims in zip(weights, self.with_nicknames(query), strict=True):
            best: dict[int, float] = {}
            for k, s in sims.items():
                plist = postings[k]
                if rare_exists and len(plist) > common:
                    continue
                for n in plist:
                    if best.get(n, 0.0) < s:
                        best[n] = s
            for n, s in best.items():
                acc[n] = acc.get(n, 0.0) + w * s
        for i, k, s in query.merges:
            plist = postings[k]
            if rare_exists and len(plist) > common:
                continue
            gain = (weights[i] + weights[i + 1]) * s
            for n in plist:
                acc[n] = acc.get(n, 0.0) + gain
        return acc
