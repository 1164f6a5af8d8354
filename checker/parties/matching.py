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

import gc
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.parties.normalize import (
    arabic_script_words,
    fold,
    legal_classes,
    nicknames,
    phonetic,
    same_jurisdiction,
    skeleton,
    sound,
    split_name,
    translit,
)
from checker.parties.places import PLACES

STRONG = 0.90
POSSIBLE = 0.75
TOKEN_MIN = 0.75
NICKNAME = 0.9  # a nickname and the name ("Bill" / "William"), in persons' names
PHONETIC = 0.9  # words that sound alike once transliterated ("Xi" / "Shi" / "Si", "Chong" / "Jong")
INITIALS = 0.8  # an initial ("J.", "J.-C.") met with the word or words it begins
ACRONYM = 0.8  # a one-word name that is the initials of the other name: never more than a possible match
FOREIGN_FORM = 0.1  # legal forms of different countries ("Cytrox Holdings Ltd" / "... Zrt")
PLACE_SHARE = 0.5  # the share of its weight a place word only the screened company name has does not count
DESCRIPTOR_SHARE = 0.6  # the share of its weight a descriptor only one company name has does not count
DIFFERING = 0.4  # words on both sides that match nothing: lowered by this times their mean share of the weight
COUNTRY_MATCH = 0.05  # the party's country is one of the entry's countries (never lifts a match to strong)
COUNTRY_MISMATCH = 0.1  # the party's country is none of the entry's countries (and the match is possible at most)
SHORT_TOKEN_MIN = 0.85  # words of 4 or 5 letters
VOWEL_SUB = 0.35
VOWEL_INDEL = 0.6
COMMON_TYPO = 0.85  # a misspelt common word ("Goup") met as that word, when the list has nothing closer
MERGED = 0.95  # two query words that are one listed word once joined
TRANSPOSE = 0.5  # two neighbouring letters swapped (a typing error) cost half an edit
QUERY_SHARE = 0.65
MIN_LIST_SIZE = 20_000  # idf is computed as if the list had at least this many names (small lists stay calibrated)
COMMON_SHARE = 0.01  # words in COMMON_WORDS count as if this share of names had them
UNKNOWN_WEIGHT = 0.6  # a query word the list has never seen (and nothing like it) weighs 0.6 of the rarest word
PARTIAL_MIN = 0.75  # a partial match needs matched words worth this share of the rarest word's weight

# Words frequent in names of companies and people, so that a small list (the curated one) does not treat "Group" or
# "Mohammed" as distinctive. Spelling keys are derived from these at import time.
COMMON_WORDS = frozenset(
    """
    group grupo groupe holding holdings company companies trading trade international global general national
    technology technologies tech systems system solutions services service consulting consultancy development
    research institute industries industrial industry enterprise enterprises investment investments capital
    management partners security securities network networks communications telecom telecommunications software
    digital data cyber intelligence electronics engineering logistics transport shipping import export commercial
    bank energy oil gas petroleum construction trust foundation center centre association organization
    organisation agency ministry state university federal republic united east west middle far north south new
    and of for the de del la los las da do di du von van und et y
    mohammed mohammad muhammad mohamed mohamad ahmed ahmad ali hassan hasan hussein husain hussain ibrahim mahmoud
    omar umar said saeed khalid yusuf yousef ismail musa hamid abdullah abd abu ibn bin bint haji reza
    john david michael maria jose juan carlos luis jorge antonio manuel alexander aleksandr sergei sergey vladimir
    andrei andrey alexei aleksei dmitry dmitri igor nikolai ivan viktor oleg olga elena natalia kim lee li wang
    zhang chen liu
    afghanistan belarus china cuba cyprus dubai egypt emirates france germany greece hungary india iran iraq ireland
    israel italy korea lebanon libya macedonia malta moscow panama russia singapore skopje athens budapest dublin
    london paris beirut damascus tehran baghdad sudan syria turkey uae usa venezuela yemen kong hong
    plant factory production manufacturing products repair institution centre budgetary
    sanayi ticaret ithalat ihracat pazarlama madencilik turizm insaat ve dis
    servicios servicos transporte transportes comercial comercializadora sociedad empresa empresas inversiones
    industrias club deportivo asociacion civil capital variable compania
    zavod firma gruppa nauchno proizvodstvennoe proizvodstvennaya predpriyatie torgovyy dom
    sherkat tejarat sanaye bazargani
    """.split()
)
# Words that say what a company does or is rather than which company it is ("Dal Enerji" / "Dal Enerji Madencilik
# Turizm Sanayi ve Ticaret", "Morumbi" / "Club Deportivo Morumbi"): in a company name, when only one of the two names
# has such words and every word of the other is matched, they weigh DESCRIPTOR_SHARE less, as a dropped legal form
# does not count; when both names have words the other lacks, they count in full (sibling companies differ so).
DESCRIPTORS = frozenset(
    """
    and of for the de del la los las da do di du y et und ve
    group grupo groupe gruppa holding holdings company companies compania kompaniya firma
    trading trade ticaret commercial comercial comercializadora bazargani tejarat import export ithalat ihracat
    industry industries industrial industrias sanayi sanaye manufacturing production products plant factory zavod
    services service servicios servicos enterprise enterprises empresa empresas investment investments inversiones
    construction insaat mining madencilik tourism turizm transport transporte transportes logistics marketing
    pazarlama management consulting solutions club deportivo asociacion civil sociedad capital variable
    """.split()
)
COMMON_DF = 0.02  # share of names above which a word does not generate candidates (unless it is all we have)
_VOWEL_SET = frozenset("aeiou")


@dataclass(frozen=True)
class Entry:
    """One entry of one list: the party as the list publishes it."""

    list_id: str
    id: str
    type: str
    names: tuple[str, ...]
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    listed: str | None = None
    delisted: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def primary(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class Match:
    """A list entry that matches a screened name, with the alias that matched and why."""

    query: str
    entry: Entry
    alias: str
    score: float
    strength: str  # "strong" | "possible"
    why: str
    pairs: tuple[tuple[str, str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "list": self.entry.list_id,
            "entry_id": self.entry.id,
            "entry_name": self.entry.primary,
            "type": self.entry.type,
            "alias": self.alias,
            "score": round(self.score, 3),
            "strength": self.strength,
            "why": self.why,
            "programs": list(self.entry.programs),
            "countries": list(self.entry.countries),
            "listed": self.entry.listed,
            "delisted": self.entry.delisted,
        }


def _subsequence(a: str, b: str) -> bool:
    """Whether the shorter word is the longer with letters left out."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    it = iter(long)
    return all(ch in it for ch in short)


def word_similarity(a: str, b: str) -> float:
    """Similarity of two spelling keys in [0, 1]; 0 below TOKEN_MIN."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la <= 3 or lb <= 3 or a.isdigit() or b.isdigit():
        return 0.0
    longest = max(la, lb)
    floor = TOKEN_MIN if longest > 5 else SHORT_TOKEN_MIN
    if abs(la - lb) > longest * (1 - floor) + 1:
        return 0.0
    limit = longest * (1 - floor) + 1e-9  # edits allowed; stop as soon as two rows are all above it
    prev_low = 0.0
    b_indel = [VOWEL_INDEL if cb in _VOWEL_SET else 1.0 for cb in b]
    b_vowel = [cb in _VOWEL_SET for cb in b]
    prev = [0.0] * (lb + 1)
    before: list[float] = []
    for j in range(1, lb + 1):
        prev[j] = prev[j - 1] + b_indel[j - 1]
    cols = range(1, lb + 1)
    a_prev = ""
    for i in range(1, la + 1):
        ca = a[i - 1]
        a_vowel = ca in _VOWEL_SET
        del_cost = VOWEL_INDEL if a_vowel else 1.0
        left = prev[0] + del_cost
        cur = [left]
        append = cur.append
        b_prev = ""
        for j in cols:
            cb = b[j - 1]
            if ca == cb:
                best = prev[j - 1]
            elif a_vowel and b_vowel[j - 1]:
                best = prev[j - 1] + VOWEL_SUB
            else:
                best = prev[j - 1] + 1.0
            ins = left + b_indel[j - 1]
            if ins < best:
                best = ins
            dele = prev[j] + del_cost
            if dele < best:
                best = dele
            if ca == b_prev and a_prev == cb and before[j - 2] + TRANSPOSE < best:
                best = before[j - 2] + TRANSPOSE  # two neighbouring letters swapped
            append(best)
            left = best
            b_prev = cb
        low = min(cur)
        if low > limit and prev_low > limit:
            return 0.0
        prev_low = low
        before, prev = prev, cur
        a_prev = ca
    cost = prev[lb]
    if cost > max(1, longest // 4) + 1e-9 and not _subsequence(a, b):
        # at most one whole edit per four letters ("Castillo" / "Castro", "Sancho" / "Sanchez" differ more), unless
        # the difference is letters left out ("Maamoud" / "Mahamoud")
        return 0.0
    sim = 1.0 - cost / longest
    return sim if sim >= floor else 0.0


# Words written in Arabic script: short vowels are not written, so a Latin vowel the query lacks costs little, a
# long vowel the query has must meet a like vowel (a ~ e, i ~ e, u ~ o, u ~ w), and a few consonants that Latin
# spellings of one Arabic letter differ on cost half (b/p, j/g, k/g, d/z, s/z, t/s, f/v).
ABJAD_MIN = 0.8
ABJAD_SHORT_VOWEL = 0.1  # a vowel of the Latin spelling the Arabic script does not write
ABJAD_LONG_VOWEL = 0.9  # a long vowel written in Arabic script that the Latin spelling lacks or contradicts
_ABJAD_NEAR = {
    frozenset(p): c
    for p, c in (
        ("ae", 0.1), ("ie", 0.1), ("uo", 0.1), ("ao", 0.35), ("uv", 0.2), ("bp", 0.5), ("jg", 0.5), ("kg", 0.5),
        ("dz", 0.5), ("sz", 0.5), ("ts", 0.5), ("fv", 0.5),
    )
}  # fmt: skip
_ABJAD_COARSE = str.maketrans({"z": "s", "p": "b", "g": "k", "j": "k", "v": None})


def abjad_key(key: str) -> str:
    """Coarse consonant key that a word written in Arabic script and its Latin spellings share (candidates only)."""
    return skeleton(key).translate(_ABJAD_COARSE)


def abjad_similarity(q: str, c: str) -> float:
    """Similarity in [0, 1] of a spelling key romanised from Arabic script (q) and a listed key (c); 0 below
    ABJAD_MIN. The cost is divided by the letters that must agree: the query's letters or the listed consonants."""
    if q == c:
        return 1.0
    if len(q) < 3 or len(c) < 3 or q.isdigit() or c.isdigit():
        return 0.0
    lq, lc = len(q), len(c)
    denom = max(lq, sum(1 for ch in c if ch not in _VOWEL_SET))
    limit = denom * (1 - ABJAD_MIN) + 1e-9
    prev = [0.0] * (lc + 1)
    for j in range(1, lc + 1):
        prev[j] = prev[j - 1] + (ABJAD_SHORT_VOWEL if c[j - 1] in _VOWEL_SET else 1.0)
    for i in range(1, lq + 1):
        a = q[i - 1]
        # "e" is the short vowel the romanisation puts between two letters that would read as one (z-h, k-h)
        del_cost = ABJAD_SHORT_VOWEL if a == "e" else ABJAD_LONG_VOWEL if a in _VOWEL_SET else 1.0
        cur = [prev[0] + del_cost] + [0.0] * lc
        for j in range(1, lc + 1):
            b = c[j - 1]
            if a == b:
                sub = 0.0
            elif a == "e" and b in _VOWEL_SET:
                sub = ABJAD_SHORT_VOWEL
            else:
                sub = _ABJAD_NEAR.get(frozenset((a, b)), ABJAD_LONG_VOWEL if a in _VOWEL_SET else 1.0)
            cur[j] = min(
                prev[j - 1] + sub,
                cur[j - 1] + (ABJAD_SHORT_VOWEL if b in _VOWEL_SET else 1.0),
                prev[j] + del_cost,
            )
        if min(cur) > limit:
            return 0.0
        prev = cur
    sim = 1.0 - prev[lc] / denom
    return sim if sim >= ABJAD_MIN else 0.0


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


@dataclass
class _Query:
    text: str
    words: list[str]
    keys: list[str]
    dropped: list[str]
    seen: list[dict[int, float]] = field(default_factory=list)  # per query word: similarities computed so far
    abjad: list[bool] = field(default_factory=list)  # per query word: written in Arabic script
    kind: str | None = None  # person | organisation, as the deal says
    country: str | None = None  # ISO alpha-2, as the deal says


def _swaps(word: str) -> set[str]:
    """The word with two neighbouring letters swapped, every way ('shcok' -> 'hscok', 'scook', 'shock', 'shcko')."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1) if word[i] != word[i + 1]}


_WORD_CACHE_SIZE = 8192

# The version of the search tables PartyIndex builds (`PartyIndex.tables`, shipped in compiled lists files): change
# it whenever the tables would come out different (the spelling key, skeleton, sound or deletion keys, the layout).
INDEX_VERSION = "3"

# A probe table (joined names, skeleton, sound and deletion keys) maps a probe to one id, or to a list of two or more
# ids (most probes have one: a plain int saves a list per probe, in memory and in the compiled file).
Ids = int | list[int]
ProbeTable = dict[str, Ids]


def _collect(out: set[int], tables: tuple[ProbeTable, ...], probe: str) -> None:
    """Add the ids a probe has in each of the tables (the prebuilt ones first, then what was indexed on top)."""
    for table in tables:
        hit = table.get(probe)
        if hit is not None:
            if isinstance(hit, int):
                out.add(hit)
            else:
                out.update(hit)


def _add_id(table: ProbeTable, probe: str, ident: int) -> None:
    hit = table.get(probe)
    if hit is None:
        table[probe] = ident
    elif isinstance(hit, int):
        table[probe] = [hit, ident]
    else:
        hit.append(ident)


def _merged(tables: tuple[ProbeTable, ...]) -> ProbeTable:
    """One probe table with the ids of several, in order."""
    if len(tables) == 1:
        return tables[0]
    out: ProbeTable = {}
    for table in tables:
        for probe, hit in table.items():
            for ident in [hit] if isinstance(hit, int) else hit:
                _add_id(out, probe, ident)
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


@lru_cache(maxsize=1)
def _common_keys() -> frozenset[str]:
    return frozenset(translit(w) for w in COMMON_WORDS)


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(split_name(name)[0])


@lru_cache(maxsize=1)
def _common_typos() -> dict[str, str]:
    """Folded misspellings of COMMON_WORDS of five letters or more (a letter missing, two neighbouring letters
    swapped, a letter doubled) -> the word's spelling key. A variant that is itself a common word is left alone."""
    out: dict[str, str] = {}
    for word in sorted(COMMON_WORDS):
        if len(word) < 5:
            continue
        variants = {word[:i] + word[i + 1 :] for i in range(len(word))} | _swaps(word)
        variants |= {word[: i + 1] + word[i:] for i in range(len(word))}
        for v in variants:
            if v != word and v not in COMMON_WORDS:
                out.setdefault(v, translit(word))
    return out


_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "de", "del", "la", "al", "el", "du", "des", "y", "et", "und"})
PERSON_TYPES = frozenset({"individual", "person"})
ORGANISATION_TYPES = frozenset({"entity", "organisation", "organization", "company"})


def _entry_kind(entry: Entry) -> str | None:
    """person | organisation | other (a vessel, an aircraft) | None (not said)."""
    if entry.type in PERSON_TYPES:
        return "person"
    if entry.type in ORGANISATION_TYPES:
        return "organisation"
    return "other" if entry.type else None


def kind_fits(kind: str | None, entry: Entry) -> bool:
    """Whether an entry may be the party: a person is matched against persons, an organisation against
    organisations; entries of unknown type, and parties of unknown kind, against everything."""
    if kind is None:
        return True
    found = _entry_kind(entry)
    return found is None or found == kind


def _near(a: str, b: str) -> float:
    """Similarity of two folded words that the spelling keys do not find alike: the same sound once transliterated
    (PHONETIC), or an initial and a word it begins (INITIALS); else 0. (Nicknames: `_nickname`.)"""
    if len(a) == 1 or len(b) == 1:
        return INITIALS if a != b and (b.startswith(a) or a.startswith(b)) and not (a.isdigit() or b.isdigit()) else 0.0
    if a.isdigit() or b.isdigit():
        return 0.0
    pa, pb = phonetic(a), phonetic(b)
    return PHONETIC if pa == pb and len(pa) >= 2 else 0.0


def _nickname(a: str, b: str) -> float:
    """NICKNAME when one given name is a nickname of the other in the public table ("Bill" / "William")."""
    return NICKNAME if b in nicknames().get(a, ()) else 0.0


def _initials_pairs(
    q_words: Sequence[str], c_words: Sequence[str], used_q: set[int], used_c: set[int]
) -> list[tuple[int, int]]:
    """A short unmatched word of one name ("jc", "vv") that spells the initials of neighbouring unmatched words of
    the other ("Jean Claude", "Vladimir Vladimirovich"): (query position, listed position) pairs."""
    out: list[tuple[int, int]] = []
    taken_q, taken_c = set(used_q), set(used_c)
    for short, long, short_taken, long_taken, flip in (
        (q_words, c_words, taken_q, taken_c, False),
        (c_words, q_words, taken_c, taken_q, True),
    ):
        for i, w in enumerate(short):
            if i in short_taken or not 2 <= len(w) <= 4 or not w.isalpha():
                continue
            free = [j for j in range(len(long)) if j not in long_taken and long[j] not in _ACRONYM_STOP]
            for start in range(len(free) - len(w) + 1):
                run = free[start : start + len(w)]
                if run[-1] - run[0] == len(w) - 1 and all(long[j][0] == ch for j, ch in zip(run, w, strict=True)):
                    short_taken.add(i)
                    long_taken.update(run)
                    out.extend((j, i) if flip else (i, j) for j in run)
                    break
    return out


def _is_acronym(word: str, name: str) -> bool:
    """A word of two to six letters that spells the initials of a name of two or more words, legal forms included
    or not ("NIOC", "National Iranian Oil Company")."""
    if not 2 <= len(word) <= 6 or not word.isalpha():
        return False
    for words in (fold(name).split(), split_name(name)[0]):
        words = [w for w in words if w not in _ACRONYM_STOP]
        if len(words) >= 2 and "".join(w[0] for w in words) == word:
            return True
    return False


class PartyIndex:
    """All entries of the screened lists, indexed for fuzzy name search. Build once, query many times.

    The search tables (`tables()`: vocabulary, postings, joined names, consonant-skeleton, sound and deletion keys)
    are what a compiled lists file ships (`checker.parties.store`), so that loading a large list is mostly
    `json.loads`: an index given `tables` for its first entries adopts them and only indexes the entries after those
    (the curated list), exactly as the builder would have.
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
        self._tables = tables
        self._built = False

    # Building -----------------------------------------------------------------------------------
    def _build(self) -> None:
        with paused_gc():
            tables = self._tables
            if tables is None:
                self._words: list[str] = []
                self._word_keys: list[int] = []
                self._keys: list[str] = []
                self._names: list[list[int]] = []  # per indexed name: [entry, position of the alias, word ids...]
                self._postings: list[list[int]] = []
                # probe tables: one, built here; or the prebuilt one (shared, never changed) and one built on top
                self._joined: tuple[ProbeTable, ...] = ({},)
                self._skeletons: tuple[ProbeTable, ...] = ({},)
                self._sounds: tuple[ProbeTable, ...] = ({},)
                self._deletes: tuple[ProbeTable, ...] = ({},)
                first_entry = 0
            else:  # adopted: lists copied (cheap), shared inner lists and probe tables never changed in place
                self._words = list(tables["words"])
                self._word_keys = list(tables["word_keys"])
                self._keys = list(tables["keys"])
                self._names = list(tables["names"])
                self._postings = list(tables["postings"])
                self._joined = (tables["joined"], {})
                self._skeletons = (tables["skeletons"], {})
                self._sounds = (tables["sounds"], {})
                self._deletes = (tables["deletes"], {})
                first_entry = tables["entries"]
                self._tables = None  # held once, by what was adopted
            self._shared_keys = len(self._keys)
            self._vocab = dict(zip(self._keys, range(len(self._keys)), strict=True))
            self._add_entries(first_entry)
            self._finish()
        self._built = True

    def _add_entries(self, first: int) -> None:  # noqa: C901 - until the matcher split of issue 15
        """Index the names of entries[first:] (an entry's names equal once sorted are indexed once)."""
        words, word_keys, keys, names = self._words, self._word_keys, self._keys, self._names
        postings, joined, vocab = self._postings, self._joined[-1], self._vocab
        shared = self._shared_keys
        word_id = dict(zip(words, range(len(words)), strict=True))
        first_key = len(keys)
        entries = self.entries
        for e_idx in range(first, len(entries)):
            entry = entries[e_idx]
            several = len(entry.names) > 1
            seen_names: set[tuple[str, ...]] = set()
            for pos, name in enumerate(entry.names):
                name_words = _name_words(name)
                if not name_words:
                    continue
                if several:
                    sig = tuple(sorted(name_words))
                    if sig in seen_names:
                        continue
                    seen_names.add(sig)
                n_idx = len(names)
                row = [e_idx, pos]
                joined_key = ""
                for w in name_words:
                    wid = word_id.get(w)
                    if wid is None:
                        k = translit(w)
                        tid = vocab.get(k)
                        if tid is None:
                            tid = vocab[k] = len(keys)
                            keys.append(k)
                            postings.append([])
                        wid = word_id[w] = len(words)
                        words.append(w)
                        word_keys.append(tid)
                    else:
                        tid = word_keys[wid]
                    plist = postings[tid]
                    if not plist or plist[-1] != n_idx:
                        if tid < shared:  # a list the prebuilt tables share: copied, not changed in place
                            postings[tid] = [*plist, n_idx]
                        else:
                            plist.append(n_idx)
                    row.append(wid)
                    joined_key += keys[tid]
                names.append(row)
                _add_id(joined, joined_key, n_idx)
        # Keys new to the index: their consonant skeleton, sound key and one-letter deletions (in a fixed order,
        # so that the compiled file is the same on every build).
        skeletons, sounds, deletes = self._skeletons[-1], self._sounds[-1], self._deletes[-1]
        add = _add_id
        for tid in range(first_key, len(keys)):
            k = keys[tid]
            if len(k) >= 4:
                sk = skeleton(k)
                if len(sk) >= 3:
                    add(skeletons, sk, tid)
                    sd = sound(k)
                    if sd != sk:
                        add(sounds, sd, tid)
                for d in dict.fromkeys([k[:i] + k[i + 1 :] for i in range(len(k))]):
                    add(deletes, d, tid)

    def _finish(self) -> None:
        """Weights and constants from the word counts (they depend on every indexed name, the curated ones too)."""
        keys, postings = self._keys, self._postings
        n_names = len(self._names)
        n_eff = max(n_names, MIN_LIST_SIZE)
        common_df = COMMON_SHARE * n_eff
        common_keys = _common_keys()
        self._idf = [
            math.log((n_eff + 1) / (max(len(p), common_df if k in common_keys else 0) + 0.5)) + 1.0
            for k, p in zip(keys, postings, strict=True)
        ]
        self._name_weight: list[float] = [-1.0] * n_names  # filled on first use
        self._word_cache: dict[tuple[str, str], dict[int, float]] = {}
        self._abjad: dict[str, list[int]] | None = None
        self._acronyms: dict[str, list[int]] | None = None
        self._max_idf = math.log((n_eff + 1) / 0.5) + 1.0
        self._common_keys = common_keys
        self._common_idf = math.log((n_eff + 1) / (common_df + 0.5)) + 1.0
        self._common = max(50, int(COMMON_DF * n_names))

    def tables(self) -> dict[str, Any]:
        """The search tables of this index, JSON-ready (what `store.dumps` writes; `tables=` adopts them)."""
        self.build()
        return {
            "version": INDEX_VERSION,
            "entries": len(self.entries),
            "words": self._words,
            "word_keys": self._word_keys,
            "keys": self._keys,
            "names": self._names,
            "postings": self._postings,
            "joined": _merged(self._joined),
            "skeletons": _merged(self._skeletons),
            "sounds": _merged(self._sounds),
            "deletes": _merged(self._deletes),
        }

    def build(self) -> PartyIndex:
        """Build the search structures now (otherwise on the first search)."""
        if not self._built:
            self._build()
        return self

    @property
    def name_count(self) -> int:
        self.build()
        return len(self._names)

    def _weight_of(self, n: int) -> float:
        """Sum of the idf of an indexed name's words (memoised)."""
        weight = self._name_weight[n]
        if weight < 0.0:
            idf, word_keys = self._idf, self._word_keys
            weight = self._name_weight[n] = sum([idf[word_keys[w]] for w in self._names[n][2:]])
        return weight

    @staticmethod
    def country_code(country: str) -> str | None:
        """An entry's country as an ISO alpha-2 code (lists write "RU" or "Russia"); None if unknown. Replaced per
        screener by one that knows the country names of the reference data (`PartyScreener`)."""
        country = country.strip()
        return country.upper() if len(country) == 2 and country.isalpha() else None

    def _word_weight(self, word: str) -> float:
        """The idf of a folded word (the rarest weight for a word the index does not hold)."""
        tid = self._vocab.get(translit(word))
        return self._idf[tid] if tid is not None else UNKNOWN_WEIGHT * self._max_idf

    # Searching ----------------------------------------------------------------------------------
    def _similar_words(self, word: str, key: str) -> dict[int, float]:
        """Vocabulary words similar to one query word (folded word and its spelling key), with their similarity.
        Memoised per index (the result is shared: callers must not change it)."""
        cache = self._word_cache
        found = cache.get((word, key))
        if found is None:
            if len(cache) >= _WORD_CACHE_SIZE:
                cache.clear()
            found = cache[(word, key)] = self._find_similar(word, key)
        return found

    def _find_similar(self, word: str, key: str) -> dict[int, float]:
        found: dict[int, float] = {}
        tid = self._vocab.get(key)
        if tid is not None:
            found[tid] = 1.0
        else:
            common = _common_typos().get(word)
            if common is not None and (t := self._vocab.get(common)) is not None:
                found[t] = COMMON_TYPO  # "Goup" for "Group": a common word, not a distinctive unknown one
        if len(key) < 4:
            return found
        candidates: set[int] = set()
        alike: set[int] = set()  # candidates by sound key: checked for words that sound alike
        sk = skeleton(key)
        if len(sk) >= 3:
            _collect(candidates, self._skeletons, sk)
            sd = sound(key)  # voiced/voiceless consonants merged ("Pozitiv" / "Positive")
            _collect(alike, self._sounds, sd)
            candidates |= alike
            if sd != sk:
                _collect(candidates, self._skeletons, sd)
        variants = _deletes(key)
        for d in variants:
            t = self._vocab.get(d)
            if t is not None:
                candidates.add(t)
            _collect(candidates, self._deletes, d)
        _collect(candidates, self._deletes, key)
        sounds_as = None
        for t in candidates:
            if t not in found:
                s = word_similarity(key, self._keys[t])
                if not s and t in alike:  # the same sound once transliterated ("Gaddafi" / "Qadhafi")
                    if sounds_as is None:
                        sounds_as = phonetic(key)
                    s = PHONETIC if phonetic(self._keys[t]) == sounds_as else 0.0
                if s:
                    found[t] = s
        # Two neighbouring letters swapped before transliteration ("Shcok" for "Shock" gives the key "shkok",
        # not a swap of "shok"): look the swapped spellings up.
        typo = 1.0 - TRANSPOSE / len(word)
        for swapped in _swaps(word):
            t = self._vocab.get(translit(swapped))
            if t is not None and found.get(t, 0.0) < typo:
                found[t] = typo
        return found

    def _similar_abjad(self, key: str) -> dict[int, float]:
        """Vocabulary words similar to a query word written in Arabic script (short vowels unwritten): candidates
        share its coarse consonant key (`abjad_key`) or that key with one letter missing or added; memoised."""
        cache = self._word_cache
        found = cache.get(("", key))
        if found is not None:
            return found
        if self._abjad is None:  # built on the first query in Arabic script, not when the index loads
            table: dict[str, list[int]] = {}
            for key_id, k in enumerate(self._keys):
                table.setdefault(abjad_key(k), []).append(key_id)
            self._abjad = table
        found = {}
        tid = self._vocab.get(key)
        if tid is not None:
            found[tid] = 1.0
        coarse = abjad_key(key)
        probes = {coarse} | (_deletes(coarse) if len(coarse) >= 3 else set())
        for probe in probes:
            for t in self._abjad.get(probe, ()):
                if t not in found:
                    s = abjad_similarity(key, self._keys[t])
                    if s:
                        found[t] = s
        if len(cache) >= _WORD_CACHE_SIZE:
            cache.clear()
        cache[("", key)] = found
        return found

    def _merges(self, query: _Query) -> list[tuple[int, int, float]]:
        """Neighbouring query words that are one listed word once joined ("Aero Caribbean" / "Aerocaribbean",
        "Alb-Arnawi" / "Al-Barnawi"): (position of the first word, vocabulary word, similarity)."""
        out = []
        words = query.words
        for i in range(len(words) - 1):
            joined = words[i] + words[i + 1]
            tid = self._vocab.get(translit(joined))
            if tid is None and joined[:2] in ("al", "el") and len(joined) > 5:
                tid = self._vocab.get(translit(joined[2:]))  # the Arabic article, hyphen misplaced
            if tid is not None:
                out.append((i, tid, MERGED))
        return out

    def _prepare(self, text: str, kind: str | None = None, country: str | None = None) -> _Query | None:
        words, dropped = split_name(text or "")
        if not words:
            return None
        keys = [translit(w) for w in words]
        arabic = arabic_script_words(text) if not text.isascii() else frozenset()
        abjad = [w in arabic for w in words]
        return _Query(
            text=text,
            words=words,
            keys=keys,
            dropped=dropped,
            seen=[{} for _ in words],
            abjad=abjad,
            kind=kind,
            country=country.upper() if country else None,
        )

    def _query_weights(self, query: _Query) -> tuple[list[dict[int, float]], list[float]]:
        """Per query word: the similar vocabulary words, and the word's weight."""
        per_word = [
            self._similar_abjad(k) if abjad else self._similar_words(w, k)
            for w, k, abjad in zip(query.words, query.keys, query.abjad, strict=True)
        ]
        weights = []
        for word, key, sims in zip(query.words, query.keys, per_word, strict=True):
            tid = self._vocab.get(key)
            if tid is not None:
                weights.append(self._idf[tid])
            elif sims:
                weights.append(max(self._idf[t] for t in sims))
            elif key in self._common_keys or word in _common_typos():
                weights.append(self._common_idf)
            else:
                weights.append(UNKNOWN_WEIGHT * self._max_idf)
        return per_word, weights

    def _with_nicknames(self, query: _Query, per_word: list[dict[int, float]]) -> list[dict[int, float]]:
        """Candidate words of each query word plus the names it is a nickname of ("Bill" -> "William"), so that
        search finds them; the scoring gives nicknames to persons only (`_score`)."""
        if query.kind == "organisation":
            return per_word
        table = nicknames()
        out = per_word
        for i, w in enumerate(query.words):
            others = table.get(w)
            if others:
                found = {t: NICKNAME for o in others if (t := self._vocab.get(translit(o))) is not None}
                if found:
                    if out is per_word:
                        out = list(per_word)
                    out[i] = {**found, **per_word[i]}
        return out

    def _joined_hits(self, query: _Query) -> list[int]:
        """Indexed names equal to the query once spaces are removed."""
        hits: list[int] = []
        for table in self._joined:
            hit = table.get("".join(query.keys))
            if hit is not None:
                hits += [hit] if isinstance(hit, int) else hit
        return hits

    def compare(self, text: str, entry: int, *, kind: str | None = None, country: str | None = None) -> Match | None:
        """The query scored against every indexed name of one entry (`entries[entry]`), best first; None when the
        query has no words. Candidate generation is skipped: this is the score `search` would give the entry if it
        found it (used to evaluate the scoring on labelled pairs, and to explain a known entry)."""
        self.build()
        query = self._prepare(text, kind, country)
        if query is None or not kind_fits(kind, self.entries[entry]):
            return None
        rows = self._rows_of_entry().get(entry, ())
        per_word, weights = self._query_weights(query)
        merges = self._merges(query)
        joined = set(self._joined_hits(query))
        best: Match | None = None
        for n in rows:
            match = self._score(query, weights, per_word, merges, n, n in joined)
            if match is not None and (best is None or match.score > best.score):
                best = match
        return best

    def _acronym_hits(self, query: _Query) -> list[int]:
        """Indexed names that a one-word query is the initials of ("PLA", "People's Liberation Army"), and one-word
        indexed names that are the initials of the query ("BNC" for "Banco Nacional de Cuba")."""
        words = query.words
        if len(words) == 1:
            w = words[0]
            if not 2 <= len(w) <= 6 or not w.isalpha():
                return []
            table = self._acronyms
            if table is None:  # built on the first such query, not when the index loads
                table = {}
                names, vocab_words = self._names, self._words
                for n, row in enumerate(names):
                    if len(row) > 3:
                        key = "".join(vocab_words[x][0] for x in row[2:] if vocab_words[x] not in _ACRONYM_STOP)
                        if 2 <= len(key) <= 6:
                            table.setdefault(key, []).append(n)
                self._acronyms = table
            return table.get(w, []) + (table.get(w[:-1], []) if len(w) > 3 else [])
        key = "".join(w[0] for w in words if w not in _ACRONYM_STOP)
        tid = self._vocab.get(translit(key)) if 2 <= len(key) <= 6 else None
        if tid is None:
            return []
        return [n for n in self._postings[tid] if len(self._names[n]) == 3]

    def _rows_of_entry(self) -> dict[int, list[int]]:
        rows = self.__dict__.get("_entry_rows")
        if rows is None:
            rows = {}
            for n, row in enumerate(self._names):
                rows.setdefault(row[0], []).append(n)
            self.__dict__["_entry_rows"] = rows
        return rows

    def search(  # noqa: C901 - until the matcher split of issue 15
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
        self.build()
        query = self._prepare(text, kind, country)
        if query is None:
            return []
        per_word, weights = self._query_weights(query)
        total_q = sum(weights)
        merges = self._merges(query)
        finding = self._with_nicknames(query, per_word)
        rare_exists = any(any(len(self._postings[t]) <= self._common for t in sims) for sims in per_word)
        acc: dict[int, float] = {}
        for w, sims in zip(weights, finding, strict=True):
            best: dict[int, float] = {}
            for t, s in sims.items():
                plist = self._postings[t]
                if rare_exists and len(plist) > self._common:
                    continue
                for n in plist:
                    if best.get(n, 0.0) < s:
                        best[n] = s
            for n, s in best.items():
                acc[n] = acc.get(n, 0.0) + w * s
        for i, t, s in merges:
            plist = self._postings[t]
            if rare_exists and len(plist) > self._common:
                continue
            gain = (weights[i] + weights[i + 1]) * s
            for n in plist:
                acc[n] = acc.get(n, 0.0) + gain
        joined_hits = self._joined_hits(query)
        for n in joined_hits:
            acc[n] = total_q  # equal once spaces are removed: a candidate whatever its words scored
        for n in self._acronym_hits(query):
            acc[n] = max(acc.get(n, 0.0), total_q)  # scored as an acronym (never above a possible match)
        floor = threshold - 0.15
        initials = any(len(w) <= 3 and w.isalpha() and not sims for w, sims in zip(query.words, per_word, strict=True))
        by_entry: dict[int, Match] = {}
        weight_of, name_weights = self._weight_of, self._name_weight
        c_share = 1 - QUERY_SHARE
        for n, matched in acc.items():
            cov_q = min(matched / total_q, 1.0)
            if QUERY_SHARE * cov_q + c_share < floor:
                continue  # below the floor even if every word of the listed name matched: its weight is not needed
            name_weight = name_weights[n]
            if name_weight < 0.0:
                name_weight = weight_of(n)
            cov_c = min(matched / name_weight, 1.0) if name_weight else 0.0
            if QUERY_SHARE * cov_q + (1 - QUERY_SHARE) * cov_c < floor and not initials:
                continue  # (initials in the query, "J.-C.", may yet meet the listed words they begin)
            e_idx = self._names[n][0]
            if query.kind is not None and not kind_fits(query.kind, self.entries[e_idx]):
                continue
            match = self._score(query, weights, per_word, merges, n, n in joined_hits, threshold)
            if match is None:
                continue
            held = by_entry.get(e_idx)
            if held is None or match.score > held.score:
                by_entry[e_idx] = match
        ranked = sorted(by_entry.values(), key=lambda m: (-m.score, m.entry.list_id, m.entry.id))
        return ranked[:limit]

    def _score(  # noqa: C901 - until the matcher split of issue 15
        self,
        query: _Query,
        q_weights: list[float],
        per_word: list[dict[int, float]],
        merges: list[tuple[int, int, float]],
        n: int,
        joined: bool,
        threshold: float = 0.0,
    ) -> Match | None:
        """The query scored against indexed name n; None below the threshold (nothing explained then)."""
        row = self._names[n]
        words, word_keys = self._words, self._word_keys
        c_words = [words[w] for w in row[2:]]
        c_tids = [word_keys[w] for w in row[2:]]
        c_keys = [self._keys[t] for t in c_tids]
        c_weights = [self._idf[t] for t in c_tids]
        cells = []
        seen = query.seen
        entry = self.entries[row[0]]
        person = query.kind != "organisation" and _entry_kind(entry) not in ("organisation", "other")
        s: float | None  # a word pair's similarity; None until looked up
        for i, qk in enumerate(query.keys):
            sims = per_word[i]
            qw = query.words[i]
            for j, ck in enumerate(c_keys):
                if qw == c_words[j]:
                    s = 1.0
                elif qk == ck:
                    s = 0.97
                else:
                    s = sims.get(c_tids[j])
                    if s is None:
                        memo = seen[i]
                        s = memo.get(c_tids[j])
                        if s is None:
                            if query.abjad[i]:
                                s = abjad_similarity(qk, ck)
                            else:
                                s = word_similarity(qk, ck) or _near(qw, c_words[j])
                            memo[c_tids[j]] = s
                    if not s and person:
                        s = _nickname(qw, c_words[j])
                if s:
                    cells.append((s, i, j, 1))
        for i, t, s in merges:  # two query words written as one listed word
            for j, ct in enumerate(c_tids):
                if ct == t:
                    cells.append((s, i, j, 2))
        cells.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
        used_q: set[int] = set()
        used_c: set[int] = set()
        pairs: list[tuple[int, int, float]] = []
        for s, i, j, span in cells:
            if i in used_q or j in used_c or (span == 2 and i + 1 in used_q):
                continue
            used_q.add(i)
            used_c.add(j)
            pairs.append((i, j, s))
            if span == 2:
                used_q.add(i + 1)
                pairs.append((i + 1, j, s))
        initials = (
            _initials_pairs(query.words, c_words, used_q, used_c)
            if len(used_q) < len(query.words) and len(used_c) < len(c_words)
            else []
        )
        for i, j in initials:
            used_q.add(i)
            used_c.add(j)
            pairs.append((i, j, INITIALS))
        total_q = sum(q_weights)
        if len(used_q) < len(query.words) and query.kind != "person" and _entry_kind(entry) != "person":
            # a place in the screened company name that the listed name lacks ("Cytrox AD Skopje", "Bank Melli
            # Iran") is most often its address or branch: it weighs half
            total_q -= PLACE_SHARE * sum(
                q_weights[i] for i, w in enumerate(query.words) if i not in used_q and w in PLACES
            )
        total_c = sum(c_weights)
        notes: list[str] = []
        if query.kind != "person" and _entry_kind(entry) != "person":
            cut_q, cut_c, aside = _descriptors_aside(query.words, c_words, q_weights, c_weights, used_q, used_c)
            if aside:
                total_q -= cut_q
                total_c -= cut_c
                notes.append(f"words saying what the company does, in one name only, weigh less ({', '.join(aside)})")
        cov_q = sum(q_weights[i] * s for i, s in {i: s for i, _, s in pairs}.items()) / total_q if total_q else 0.0
        cov_c = sum(c_weights[j] * s for j, s in {j: s for _, j, s in pairs}.items()) / total_c if total_c else 0.0
        score = QUERY_SHARE * cov_q + (1 - QUERY_SHARE) * cov_c
        if len(used_c) < len(c_words) and cov_q * total_q < PARTIAL_MIN * self._max_idf and score >= POSSIBLE:
            score = POSSIBLE - 0.05
            notes.append("lowered: the matched words are too common to identify the party on their own")
        joined = joined and score < 0.97
        if joined:
            score = 0.97
        alias = entry.names[row[1]]
        acronym = False
        if not pairs and len(query.words) == 1 and _is_acronym(query.words[0], alias):
            score, acronym = ACRONYM, True
            notes.append(f"'{query.words[0]}' is the initials of '{alias}': an acronym is only a possible match")
        elif len(c_words) == 1 and not pairs and _is_acronym(c_words[0], query.text):
            score, acronym = ACRONYM, True
            notes.append(f"the listed '{c_words[0]}' is the initials of the name: an acronym is only a possible match")
        if initials and (
            len({j for _, j in initials}) == len(c_words) or len({i for i, _ in initials}) == len(query.words)
        ):
            # every word of one name is an initial of the other's ("PLA", "J.-C. J."): a possible match at most
            if score > STRONG - 0.05:
                score = STRONG - 0.05
            if len(query.words) == 1 or len(c_words) == 1:
                acronym_of = alias if len(query.words) == 1 else query.text
                notes.append(f"an acronym of '{acronym_of}' is only a possible match")
        if score + (COUNTRY_MATCH if query.country else 0.0) < threshold:
            return None  # what follows only lowers it (or raises it by the country's bonus)
        if not acronym and not joined:
            score = self._conflicts(query, entry, alias, c_words, used_q, used_c, score, notes)
        score = self._country(query, entry, score, notes)
        score = round(max(0.0, min(score, 1.0)), 4)
        if score < threshold:
            return None
        strength = "strong" if score >= STRONG else "possible"
        pairs.sort()
        why = _explain(query, c_words, pairs, used_q, used_c, joined, score, set(initials), acronym)
        if notes:
            why += "; " + "; ".join(notes)
        word_pairs = tuple((q, c_words[j], round(s, 3)) for q, j, s in _grouped(query, pairs))
        return Match(query.text, entry, alias, score, strength, why, word_pairs)

    def _conflicts(
        self,
        query: _Query,
        entry: Entry,
        alias: str,
        c_words: list[str],
        used_q: set[int],
        used_c: set[int],
        score: float,
        notes: list[str],
    ) -> float:
        """What counts against a match besides the words' similarity: a different number, a different place word or
        legal form in a company name; then the party's country against the entry's countries."""
        extra_q = [w for i, w in enumerate(query.words) if i not in used_q]
        extra_c = [w for j, w in enumerate(c_words) if j not in used_c]
        cap = POSSIBLE - 0.05
        numbers_q = [w for w in extra_q if any(ch.isdigit() for ch in w)]
        numbers_c = [w for w in extra_c if any(ch.isdigit() for ch in w)]
        if numbers_q and numbers_c and score > cap:
            score = cap
            notes.append(f"lowered: a different number ({', '.join(numbers_q)} / {', '.join(numbers_c)})")
        if extra_q and extra_c:
            share_q = sum(self._word_weight(w) for w in extra_q) / max(sum(map(self._word_weight, query.words)), 1e-9)
            share_c = sum(self._word_weight(w) for w in extra_c) / max(sum(map(self._word_weight, c_words)), 1e-9)
            cut = DIFFERING * (min(share_q, 1.0) + min(share_c, 1.0)) / 2
            if cut >= 0.01:
                score -= cut
                notes.append(f"lowered {cut:.2f}: words that differ ({', '.join(extra_q)} / {', '.join(extra_c)})")
        person = query.kind == "person" or _entry_kind(entry) == "person"
        if not person:
            places_q = [w for w in extra_q if w in PLACES]
            # "Sberbank of Russia", "Bank of China": a place after "of" is the name's own, not a branch's
            places_c = [
                w
                for j, w in enumerate(c_words)
                if j not in used_c and w in PLACES and (j == 0 or c_words[j - 1] != "of" or places_q)
            ]
            if places_c and score > cap:
                score = cap
                other = f"{', '.join(places_q)} / " if places_q else "the screened name has none / "
                notes.append(f"lowered: a different place in the company name ({other}{', '.join(places_c)})")
            forms_q = legal_classes(query.dropped)
            forms_c = legal_classes(split_name(alias)[1]) if forms_q else frozenset()
            if forms_q and forms_c and not forms_q & forms_c:
                forms = f"{', '.join(sorted(forms_q))} / {', '.join(sorted(forms_c))}"
                if same_jurisdiction(forms_q, forms_c):
                    if score > cap:
                        score = cap
                        notes.append(f"lowered: a different legal form ({forms}): another company of the family")
                else:
                    score = min(score - FOREIGN_FORM, STRONG - 0.05)
                    notes.append(
                        f"lowered to a possible match: a legal form of another country ({forms}): a translation of "
                        "the name or a foreign affiliate"
                    )
        return score

    def _country(self, query: _Query, entry: Entry, score: float, notes: list[str]) -> float:
        """The party's country (from the deal) against the entry's countries: one of them raises, none lowers."""
        if query.country and entry.countries:
            codes = {self.country_code(c) for c in entry.countries} - {None}
            if codes:
                listed = ", ".join(sorted(c for c in codes if c))
                if query.country in codes:
                    raised = min(score + COUNTRY_MATCH, max(score, STRONG - 0.05))  # never into a strong match
                    if raised > score:
                        notes.append(
                            f"raised {raised - score:.2f}: the country {query.country} matches the entry's ({listed})"
                        )
                    else:
                        notes.append(f"the country {query.country} matches the entry's ({listed})")
                    score = raised
                else:
                    score = min(score - COUNTRY_MISMATCH, STRONG - 0.05)
                    notes.append(
                        f"lowered {COUNTRY_MISMATCH:.2f}, to a possible match at most: the country {query.country} "
                        f"is not the entry's ({listed})"
                    )
        return score

    def screen(self, names: Iterable[str], *, threshold: float = POSSIBLE, limit: int = 10) -> list[list[Match]]:
        """Screen many names in one call (the API a script or the browser uses); one result list per name."""
        return [self.search(name, threshold=threshold, limit=limit) for name in names]


def _descriptors_aside(
    q_words: Sequence[str],
    c_words: Sequence[str],
    q_weights: Sequence[float],
    c_weights: Sequence[float],
    used_q: set[int],
    used_c: set[int],
) -> tuple[float, float, list[str]]:
    """(weight set aside from the query's total, from the listed name's total, the words): DESCRIPTOR_SHARE of the
    unmatched descriptors, when only one name has unmatched words (a partial company name); nothing when both have."""
    extra_q = len(used_q) < len(q_words)
    extra_c = len(used_c) < len(c_words)
    if extra_q == extra_c:
        return 0.0, 0.0, []
    words, weights, used = (q_words, q_weights, used_q) if extra_q else (c_words, c_weights, used_c)
    aside = [k for k, w in enumerate(words) if k not in used and w in DESCRIPTORS]
    cut = DESCRIPTOR_SHARE * sum(weights[k] for k in aside)
    return (cut, 0.0, [words[k] for k in aside]) if extra_q else (0.0, cut, [words[k] for k in aside])


def _grouped(query: _Query, pairs: list[tuple[int, int, float]]) -> list[tuple[str, int, float]]:
    """(query word or words, listed word position, similarity); two query words paired with one listed word (a
    merge) are shown together."""
    out: list[tuple[str, int, float]] = []
    for i, j, s in sorted(pairs):
        if out and out[-1][1] == j:
            out[-1] = (out[-1][0] + " " + query.words[i], j, s)
        else:
            out.append((query.words[i], j, s))
    return out


def _explain(
    query: _Query,
    c_words: Sequence[str],
    pairs: list[tuple[int, int, float]],
    used_q: set[int],
    used_c: set[int],
    joined: bool,
    score: float,
    initials: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
    acronym: bool = False,
) -> str:
    parts = []
    initial_words = {j for _, j in initials}
    for q, j, s in _grouped(query, pairs):
        c = c_words[j]
        if q == c:
            parts.append(f"'{q}' = '{c}'")
        elif j in initial_words:
            parts.append(f"'{q}' ~ '{c}' (initials, {s:.2f})")
        elif " " in q:
            parts.append(f"'{q}' ~ '{c}' (written as one word)")
        elif s >= 0.97:
            parts.append(f"'{q}' ~ '{c}' (transliteration variant)")
        elif s == NICKNAME and c in nicknames().get(q, ()):
            parts.append(f"'{q}' ~ '{c}' (nickname, {s:.2f})")
        elif s == PHONETIC and not word_similarity(translit(q), translit(c)):
            parts.append(f"'{q}' ~ '{c}' (sounds alike, {s:.2f})")
        else:
            parts.append(f"'{q}' ~ '{c}' (spelling variant, {s:.2f})")
    text = "words matched: " + ", ".join(parts) if parts else ("acronym" if acronym else "no single word matched")
    if joined:
        text += "; equal once spaces are removed"
    extra_q = [query.words[i] for i in range(len(query.words)) if i not in used_q]
    extra_c = [c_words[j] for j in range(len(c_words)) if j not in used_c]
    if extra_q and not acronym:
        text += "; not in the listed name: " + ", ".join(extra_q)
    if extra_c and not acronym:
        text += "; listed name also has: " + ", ".join(extra_c)
    if query.dropped:
        text += "; ignored legal-form, article or title words: " + ", ".join(query.dropped)
    return f"score {score:.2f}: {text}"
