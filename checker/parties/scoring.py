"""Scoring one indexed name against a query: words paired one-to-one, weighed by their idf into the one score
formula (`blend`), then what raises or lowers it (partial names, acronyms and initials, different numbers, words,
places and legal forms, the party's country), each said in the match's explanation."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from checker.parties.entries import Entry, Match, entry_kind
from checker.parties.explain import explain, grouped
from checker.parties.normalize import legal_classes, same_jurisdiction, split_name
from checker.parties.places import PLACES
from checker.parties.query import Query
from checker.parties.similarity import (
    INITIALS,
    abjad_similarity,
    initials_pairs,
    is_acronym,
    near,
    nickname_similarity,
    word_similarity,
)
from checker.parties.tables import ROW_ALIAS, ROW_ENTRY, ROW_WORDS, IndexTables
from checker.parties.wordlists import DESCRIPTORS

STRONG = 0.90  # treated as a match
POSSIBLE = 0.75  # must be verified by a person
BELOW_POSSIBLE = POSSIBLE - 0.05  # what a cap "below possible" lowers a score to
BELOW_STRONG = STRONG - 0.05  # what a cap "a possible match at most" lowers a score to
QUERY_SHARE = 0.65  # the share of the score the query's words' coverage has (the listed name's has the rest)
SAME_KEY = 0.97  # two words with one spelling key (a transliteration variant); names equal once spaces are removed
ACRONYM = 0.8  # a one-word name that is the initials of the other name: never more than a possible match
FOREIGN_FORM = 0.1  # legal forms of different countries ("Cytrox Holdings Ltd" / "... Zrt")
PLACE_SHARE = 0.5  # the share of its weight a place word only the screened company name has does not count
DESCRIPTOR_SHARE = 0.6  # the share of its weight a descriptor only one company name has does not count
DIFFERING = 0.4  # words on both sides that match nothing: lowered by this times their mean share of the weight
COUNTRY_MATCH = 0.05  # the party's country is one of the entry's countries (never lifts a match to strong)
COUNTRY_MISMATCH = 0.1  # the party's country is none of the entry's countries (and the match is possible at most)
PARTIAL_MIN = 0.75  # a partial match needs matched words worth this share of the rarest word's weight


def blend(cov_q: float, cov_c: float) -> float:
    """The score of a name from the weighted share of the query's words matched (cov_q) and of the listed name's
    (cov_c): the one formula, used by candidate generation's bounds too."""
    return QUERY_SHARE * cov_q + (1 - QUERY_SHARE) * cov_c


def least_query_share(floor: float) -> float:
    """The least cov_q for which blend(cov_q, 1.0) >= floor, exactly in floating point (blend is monotone), so that
    candidate generation can compare a candidate's share with it instead of calling blend per candidate."""
    if blend(0.0, 1.0) >= floor:
        return 0.0
    x = (floor - (1 - QUERY_SHARE)) / QUERY_SHARE
    while blend(x, 1.0) < floor:
        x = math.nextafter(x, math.inf)
    while blend(below := math.nextafter(x, -math.inf), 1.0) >= floor:
        x = below
    return x


# A query word (or, with span 2, it and the next, written as one listed word) that may pair with a listed word:
# (similarity, query word position, listed word position, span 1 or 2). A plain tuple: scoring makes several per
# scored name, and a NamedTuple costs several times as much to make.
Cell = tuple[float, int, int, int]


class WordPair(NamedTuple):
    q: int  # query word position
    c: int  # listed word position
    sim: float


class Listed(NamedTuple):
    """The indexed name being scored: its entry, alias and words (folded, key ids, keys, weights)."""

    entry: Entry
    alias: str
    words: list[str]
    tids: list[int]
    keys: list[str]
    weights: list[float]


class _Scoring:
    """What scoring one name works out, step by step."""

    __slots__ = (
        "query", "listed", "company", "pairs", "used_q", "used_c", "initials", "notes", "score", "matched_q", "joined"
    )  # fmt: skip

    def __init__(self, query: Query, listed: Listed) -> None:
        self.query = query
        self.listed = listed
        self.company = query.kind != "person" and entry_kind(listed.entry) != "person"
        self.pairs: list[WordPair] = []
        self.used_q: set[int] = set()
        self.used_c: set[int] = set()
        self.initials: list[tuple[int, int]] = []
        self.notes: list[str] = []
        self.score = 0.0
        self.matched_q = 0.0  # the weight of the query's words matched (their similarity times their weight)
        self.joined = False

    def extra_q(self) -> list[str]:
        return [w for i, w in enumerate(self.query.words) if i not in self.used_q]

    def extra_c(self) -> list[str]:
        return [w for j, w in enumerate(self.listed.words) if j not in self.used_c]


class Scorer:
    """Scores queries against the indexed names of one index."""

    def __init__(self, tables: IndexTables, entries: Sequence[Entry], country_code: Callable[[str], str | None]):
        self.tables = tables
        self.entries = entries
        self.country_code = country_code  # an entry's country (a code or a name) as an ISO alpha-2 code

    def score(self, query: Query, n: int, joined: bool, threshold: float = 0.0) -> Match | None:
        """The query scored against indexed name n; None below the threshold (nothing explained then)."""
        st = _Scoring(query, self._listed(n))
        self._pair_words(st)
        st.score = self._coverage(st)
        self._partial(st)
        st.joined = joined and st.score < SAME_KEY
        if st.joined:
            st.score = SAME_KEY
        acronym = self._acronym(st)
        self._initials_cap(st)
        if st.score + (COUNTRY_MATCH if query.country else 0.0) < threshold:
            return None  # what follows only lowers it (or raises it by the country's bonus)
        if not acronym and not st.joined:
            self._conflicts(st)
        self._country(st)
        score = round(max(0.0, min(st.score, 1.0)), 4)
        if score < threshold:
            return None
        st.pairs.sort()
        listed = st.listed
        why = explain(query, listed.words, st.pairs, st.used_q, st.used_c, st.joined, score, set(st.initials), acronym)
        if st.notes:
            why += "; " + "; ".join(st.notes)
        word_pairs = tuple((q, listed.words[j], round(s, 3)) for q, j, s in grouped(query, st.pairs))
        strength = "strong" if score >= STRONG else "possible"
        return Match(query.text, listed.entry, listed.alias, score, strength, why, word_pairs)

    def _listed(self, n: int) -> Listed:
        t = self.tables
        row = t.names[n]
        ids = row[ROW_WORDS:]
        tids = [t.word_keys[w] for w in ids]
        entry = self.entries[row[ROW_ENTRY]]
        return Listed(
            entry=entry,
            alias=entry.names[row[ROW_ALIAS]],
            words=[t.words[w] for w in ids],
            tids=tids,
            keys=[t.keys[k] for k in tids],
            weights=[t.idf[k] for k in tids],
        )

    # Words --------------------------------------------------------------------------------------------------------
    def _pair_words(self, st: _Scoring) -> None:
        """Pair the words one-to-one, best pairs first (so that word order does not matter), then initials."""
        used_q, used_c, pairs = st.used_q, st.used_c, st.pairs
        for s, i, j, span in sorted(_cells(st.query, st.listed), key=_best_first):
            if i in used_q or j in used_c or (span == 2 and i + 1 in used_q):
                continue
            used_q.add(i)
            used_c.add(j)
            pairs.append(WordPair(i, j, s))
            if span == 2:
                used_q.add(i + 1)
                pairs.append(WordPair(i + 1, j, s))
        q_words, c_words = st.query.words, st.listed.words
        if len(used_q) < len(q_words) and len(used_c) < len(c_words):
            st.initials = initials_pairs(q_words, c_words, used_q, used_c)
        for i, j in st.initials:
            used_q.add(i)
            used_c.add(j)
            pairs.append(WordPair(i, j, INITIALS))

    def _coverage(self, st: _Scoring) -> float:
        """`blend` of the matched shares of both names' weights; in a company name, a place only the screened
        name has weighs half, and words saying what the company does, in one name only, weigh less."""
        query, listed = st.query, st.listed
        q_weights, c_weights = query.weights, listed.weights
        total_q = sum(q_weights)
        if st.company and len(st.used_q) < len(query.words):
            # a place in the screened company name that the listed name lacks ("Cytrox AD Skopje", "Bank Melli
            # Iran") is most often its address or branch: it weighs half
            total_q -= PLACE_SHARE * sum(
                q_weights[i] for i, w in enumerate(query.words) if i not in st.used_q and w in PLACES
            )
        total_c = sum(c_weights)
        if st.company:
            cut_q, cut_c, aside = _descriptors_aside(st)
            if aside:
                total_q -= cut_q
                total_c -= cut_c
                st.notes.append(
                    f"words saying what the company does, in one name only, weigh less ({', '.join(aside)})"
                )
        cov_q = sum(q_weights[i] * s for i, s in {i: s for i, _, s in st.pairs}.items()) / total_q if total_q else 0.0
        cov_c = sum(c_weights[j] * s for j, s in {j: s for _, j, s in st.pairs}.items()) / total_c if total_c else 0.0
        st.matched_q = cov_q * total_q
        return blend(cov_q, cov_c)

    def _partial(self, st: _Scoring) -> None:
        """A partial name whose matched words are too common to identify the party: below a possible match."""
        if (
            len(st.used_c) < len(st.listed.words)
            and st.matched_q < PARTIAL_MIN * self.tables.max_idf
            and st.score >= POSSIBLE
        ):
            st.score = BELOW_POSSIBLE
            st.notes.append("lowered: the matched words are too common to identify the party on their own")

    def _acronym(self, st: _Scoring) -> bool:
        """A one-word name that is the initials of the other: ACRONYM, a possible match at most."""
        query, listed = st.query, st.listed
        if st.pairs:
            return False
        if len(query.words) == 1 and is_acronym(query.words[0], listed.alias):
            st.notes.append(
                f"'{query.words[0]}' is the initials of '{listed.alias}': an acronym is only a possible match"
            )
        elif len(listed.words) == 1 and is_acronym(listed.words[0], query.text):
            st.notes.append(
                f"the listed '{listed.words[0]}' is the initials of the name: an acronym is only a possible match"
            )
        else:
            return False
        st.score = ACRONYM
        return True

    def _initials_cap(self, st: _Scoring) -> None:
        """Every word of one name an initial of the other's ("PLA", "J.-C. J."): a possible match at most."""
        initials = st.initials
        q_words, c_words = st.query.words, st.listed.words
        if not initials or (
            len({j for _, j in initials}) != len(c_words) and len({i for i, _ in initials}) != len(q_words)
        ):
            return
        if st.score > BELOW_STRONG:
            st.score = BELOW_STRONG
        if len(q_words) == 1 or len(c_words) == 1:
            acronym_of = st.listed.alias if len(q_words) == 1 else st.query.text
            st.notes.append(f"an acronym of '{acronym_of}' is only a possible match")

    # What counts against ------------------------------------------------------------------------------------------
    def _conflicts(self, st: _Scoring) -> None:
        """What counts against a match besides the words' similarity: a different number, words that differ on
        both sides, and in a company name a different place word or legal form."""
        extra_q, extra_c = st.extra_q(), st.extra_c()
        _different_numbers(st, extra_q, extra_c)
        if extra_q and extra_c:
            self._differing(st, extra_q, extra_c)
        if st.company:
            _different_places(st, extra_q)
            _different_forms(st)

    def _differing(self, st: _Scoring, extra_q: list[str], extra_c: list[str]) -> None:
        weight = self.tables.word_weight
        share_q = sum(weight(w) for w in extra_q) / max(sum(map(weight, st.query.words)), 1e-9)
        share_c = sum(weight(w) for w in extra_c) / max(sum(map(weight, st.listed.words)), 1e-9)
        cut = DIFFERING * (min(share_q, 1.0) + min(share_c, 1.0)) / 2
        if cut >= 0.01:
            st.score -= cut
            st.notes.append(f"lowered {cut:.2f}: words that differ ({', '.join(extra_q)} / {', '.join(extra_c)})")

    def _country(self, st: _Scoring) -> None:
        """The party's country (from the deal) against the entry's countries: one of them raises, none lowers."""
        country, entry = st.query.country, st.listed.entry
        if not country or not entry.countries:
            return
        codes = {self.country_code(c) for c in entry.countries} - {None}
        if not codes:
            return
        listed = ", ".join(sorted(c for c in codes if c))
        if country in codes:
            raised = min(st.score + COUNTRY_MATCH, max(st.score, BELOW_STRONG))  # never into a strong match
            if raised > st.score:
                st.notes.append(f"raised {raised - st.score:.2f}: the country {country} matches the entry's ({listed})")
            else:
                st.notes.append(f"the country {country} matches the entry's ({listed})")
            st.score = raised
        else:
            st.score = min(st.score - COUNTRY_MISMATCH, BELOW_STRONG)
            st.notes.append(
                f"lowered {COUNTRY_MISMATCH:.2f}, to a possible match at most: the country {country} "
                f"is not the entry's ({listed})"
            )


def _cells(query: Query, listed: Listed) -> list[Cell]:
    """Every pair of a query word and a listed word that are alike, with their similarity; and two query words
    written as one listed word."""
    person = query.kind != "organisation" and entry_kind(listed.entry) not in ("organisation", "other")
    c_words, c_tids, c_keys = listed.words, listed.tids, listed.keys
    cells: list[Cell] = []
    s: float | None  # a word pair's similarity; None until looked up
    for i, qk in enumerate(query.keys):
        sims = query.similar[i]
        qw = query.words[i]
        memo = query.seen[i]
        for j, ck in enumerate(c_keys):
            if qw == c_words[j]:
                s = 1.0
            elif qk == ck:
                s = SAME_KEY
            else:
                s = sims.get(c_tids[j])
                if s is None:
                    s = memo.get(c_tids[j])
                    if s is None:
                        s = memo[c_tids[j]] = _word_pair(query, i, ck, c_words[j])
                if not s and person:
                    s = nickname_similarity(qw, c_words[j])
            if s:
                cells.append((s, i, j, 1))
    for i, t, s in query.merges:  # two query words written as one listed word
        cells.extend((s, i, j, 2) for j, ct in enumerate(c_tids) if ct == t)
    return cells


def _best_first(cell: Cell) -> tuple[float, int, int, int]:
    return -cell[0], cell[1], cell[2], cell[3]


def _word_pair(query: Query, i: int, c_key: str, c_word: str) -> float:
    """The similarity of query word i and a listed word the lookup did not find alike."""
    if query.abjad[i]:
        return abjad_similarity(query.keys[i], c_key)
    return word_similarity(query.keys[i], c_key) or near(query.words[i], c_word)


def _descriptors_aside(st: _Scoring) -> tuple[float, float, list[str]]:
    """(weight set aside from the query's total, from the listed name's total, the words): DESCRIPTOR_SHARE of the
    unmatched descriptors, when only one name has unmatched words (a partial company name); nothing when both have."""
    q_words, c_words = st.query.words, st.listed.words
    extra_q = len(st.used_q) < len(q_words)
    extra_c = len(st.used_c) < len(c_words)
    if extra_q == extra_c:
        return 0.0, 0.0, []
    words, weights, used = (
        (q_words, st.query.weights, st.used_q) if extra_q else (c_words, st.listed.weights, st.used_c)
    )
    aside = [k for k, w in enumerate(words) if k not in used and w in DESCRIPTORS]
    cut = DESCRIPTOR_SHARE * sum(weights[k] for k in aside)
    return (cut, 0.0, [words[k] for k in aside]) if extra_q else (0.0, cut, [words[k] for k in aside])


def _different_numbers(st: _Scoring, extra_q: list[str], extra_c: list[str]) -> None:
    numbers_q = [w for w in extra_q if any(ch.isdigit() for ch in w)]
    numbers_c = [w for w in extra_c if any(ch.isdigit() for ch in w)]
    if numbers_q and numbers_c and st.score > BELOW_POSSIBLE:
        st.score = BELOW_POSSIBLE
        st.notes.append(f"lowered: a different number ({', '.join(numbers_q)} / {', '.join(numbers_c)})")


def _different_places(st: _Scoring, extra_q: list[str]) -> None:
    places_q = [w for w in extra_q if w in PLACES]
    c_words = st.listed.words
    # "Sberbank of Russia", "Bank of China": a place after "of" is the name's own, not a branch's
    places_c = [
        w
        for j, w in enumerate(c_words)
        if j not in st.used_c and w in PLACES and (j == 0 or c_words[j - 1] != "of" or places_q)
    ]
    if places_c and st.score > BELOW_POSSIBLE:
        st.score = BELOW_POSSIBLE
        other = f"{', '.join(places_q)} / " if places_q else "the screened name has none / "
        st.notes.append(f"lowered: a different place in the company name ({other}{', '.join(places_c)})")


def _different_forms(st: _Scoring) -> None:
    """Legal forms of one jurisdiction that differ (another company of the family) cap below possible; of different
    countries (a translation or a foreign affiliate) lower to a possible match."""
    forms_q = legal_classes(st.query.dropped)
    forms_c = legal_classes(split_name(st.listed.alias)[1]) if forms_q else frozenset()
    if not forms_q or not forms_c or forms_q & forms_c:
        return
    forms = f"{', '.join(sorted(forms_q))} / {', '.join(sorted(forms_c))}"
    if same_jurisdiction(forms_q, forms_c):
        if st.score > BELOW_POSSIBLE:
            st.score = BELOW_POSSIBLE
            st.notes.append(f"lowered: a different legal form ({forms}): another company of the family")
    else:
        st.score = min(st.score - FOREIGN_FORM, BELOW_STRONG)
        st.notes.append(
            f"lowered to a possible match: a legal form of another country ({forms}): a translation of "
            "the name or a foreign affiliate"
        )
