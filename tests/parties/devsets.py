"""Development sets of labelled name pairs for the party matcher, and their evaluation (precision, recall, F1 per
category, at both thresholds, on the part tuned on and the part held out).

Sets (licences in tests/parties/devsets/README.md):
* `own`: tests/parties/devsets/own_pairs.csv, written by this project: the categories of issue 12 with near-miss
  non-matches made from real list names. `split` is `dev` (tuned on) or `holdout`; an empty split is decided by a
  hash of the pair, so about half of the set is held out.
* `yente`: tests/parties/devsets/yente_ermakov.csv, the transliterations of one name in a yente test fixture (MIT);
  all held out.
* `ofac`: derived at run time from the OFAC SDN CSV, read in place (US public domain): the aliases of one entry are
  matches; names of different entries of the same type that share a word are non-matches (names equal once
  normalised are left out: no name matcher can tell them apart). Split by a hash of the entry id.

A pair is scored with `PartyIndex.compare`: the score the screening would give that list entry (candidate
generation aside), in an index that also holds a background list for realistic word weights.
"""

from __future__ import annotations

import csv
import random
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.parties import POSSIBLE, STRONG, PartyIndex
from checker.parties.entries import Entry
from checker.parties.normalize import fold, name_tokens, translit
from checker.parties.similarity import word_similarity

HERE = Path(__file__).parent / "devsets"
OWN = HERE / "own_pairs.csv"
YENTE = HERE / "yente_ermakov.csv"
KIND_TYPE = {"person": "individual", "organisation": "entity"}
TYPE_KIND = {"individual": "person", "entity": "organisation"}


@dataclass(frozen=True)
class Pair:
    query: str
    candidate: str
    match: bool
    category: str
    split: str  # "dev" | "holdout"
    kind: str | None = None  # the query's kind (person | organisation), as a deal gives it
    candidate_type: str = "entity"  # the list entry's type
    country: str | None = None  # the query's country (ISO alpha-2)
    candidate_countries: tuple[str, ...] = ()


def _hash_split(key: str) -> str:
    return "holdout" if zlib.crc32(key.encode("utf-8")) % 2 else "dev"


def read_pairs(path: Path) -> list[Pair]:
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            q_kind, _, c_kind = (row.get("kind") or "").partition(">")
            c_kind = c_kind or q_kind
            pairs.append(
                Pair(
                    query=row["query"],
                    candidate=row["candidate"],
                    match=row["match"] == "1",
                    category=row["category"],
                    split=row.get("split") or _hash_split(row["query"] + "|" + row["candidate"]),
                    kind=q_kind or None,
                    candidate_type=KIND_TYPE.get(c_kind, "entity"),
                    country=row.get("query_country") or None,
                    candidate_countries=tuple(c for c in (row.get("candidate_countries") or "").split() if c),
                )
            )
    return pairs


def own_pairs() -> list[Pair]:
    return read_pairs(OWN)


def yente_pairs() -> list[Pair]:
    return read_pairs(YENTE)


def _words(name: str) -> frozenset[str]:
    return frozenset(name_tokens(name))


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in _STOP)


_STOP = frozenset({"of", "the", "and", "for", "de", "del", "la", "al", "el"})


def _relation(a: frozenset[str], b: frozenset[str], a_name: str, b_name: str) -> str:
    """How two names of one entry relate: same-words, shared-word, similar-word (a spelling variant), acronym
    (one is a single word spelling the other's initials), unrelated (a different name: a nickname, a nom de guerre,
    a translation), which no comparison of names can find."""
    if a == b:
        return "same-words"
    if a & b:
        return "shared-word"
    if any(word_similarity(translit(x), translit(y)) for x in a for y in b):
        return "similar-word"
    for short, long in ((a_name, b_name), (b_name, a_name)):
        words = fold(short).split()
        if len(words) == 1 and len(words[0]) >= 2 and words[0] == _initials(long):
            return "acronym"
    return "unrelated"


def ofac_pairs(entries: Sequence[Entry], count: int = 600, seed: int = 12) -> list[Pair]:
    """About `count` matches (aliases of one entry) and as many non-matches (different entries sharing a word)."""
    rng = random.Random(seed)
    people = [e for e in entries if e.type in TYPE_KIND]
    positives: list[Pair] = []
    with_aliases = [e for e in people if len(e.names) > 1]
    rng.shuffle(with_aliases)
    for e in with_aliases:
        if len(positives) >= count:
            break
        primary = _words(e.primary)
        alias = rng.choice(e.names[1:])
        aw = _words(alias)
        if not aw or not primary:
            continue
        how = _relation(aw, primary, alias, e.primary)
        kind = TYPE_KIND[e.type]
        positives.append(Pair(alias, e.primary, True, f"alias-{how}-{kind}", _hash_split(e.id), kind, e.type))
    by_word: dict[str, list[int]] = {}
    for i, e in enumerate(people):
        for w in {w for n in e.names for w in _words(n)}:
            by_word.setdefault(w, []).append(i)
    negatives: list[Pair] = []
    order = list(range(len(people)))
    rng.shuffle(order)
    for i in order:
        if len(negatives) >= count:
            break
        e = people[i]
        name = rng.choice(e.names)
        words = sorted(w for w in _words(name) if len(w) > 2 and 2 <= len(by_word.get(w, ())) <= 200)
        if not words:
            continue
        w = rng.choice(words)
        others = [j for j in by_word[w] if j != i and people[j].type == e.type]
        if not others:
            continue
        other = people[rng.choice(others)]
        other_name = rng.choice([n for n in other.names if w in _words(n)])
        if _words(other_name) == _words(name):
            continue
        kind = TYPE_KIND[e.type]
        negatives.append(
            Pair(name, other_name, False, f"other-entry-shared-word-{kind}", _hash_split(e.id), kind, other.type)
        )
    return positives + negatives


def score_pairs(pairs: Sequence[Pair], background: Iterable[Entry] = ()) -> list[float]:
    """The matcher's score for each pair (0.0 when the query has no words)."""
    background = list(background)
    candidates = [
        Entry("pairs", f"p{k}", p.candidate_type, (p.candidate,), countries=p.candidate_countries)
        for k, p in enumerate(pairs)
    ]
    index = PartyIndex([*background, *candidates]).build()
    first = len(background)
    scores = []
    for k, p in enumerate(pairs):
        match = _compare(index, p, first + k)
        scores.append(match.score if match is not None else 0.0)
    return scores


def _compare(index: PartyIndex, pair: Pair, entry: int):
    try:
        return index.compare(pair.query, entry, kind=pair.kind, country=pair.country)
    except TypeError:  # a matcher without kind and country (for the figures before issue 12)
        return index.compare(pair.query, entry)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, said: bool) -> None:
        if truth and said:
            self.tp += 1
        elif truth:
            self.fn += 1
        elif said:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(pairs: Sequence[Pair], scores: Sequence[float], threshold: float) -> dict[tuple[str, str], Counts]:
    """Counts per (split, category), plus (split, "ALL") and ("all", "ALL")."""
    out: dict[tuple[str, str], Counts] = {}
    for p, s in zip(pairs, scores, strict=True):
        said = s >= threshold
        for key in ((p.split, p.category), (p.split, "ALL"), ("all", "ALL")):
            out.setdefault(key, Counts()).add(p.match, said)
    return out


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def report(name: str, pairs: Sequence[Pair], scores: Sequence[float]) -> str:
    """Per split and category: pairs, precision, recall and F1 at the possible and the strong threshold."""
    at = {label: evaluate(pairs, scores, t) for label, t in (("possible", POSSIBLE), ("strong", STRONG))}
    lines = [
        f"== development set '{name}': {len(pairs)} pairs ({sum(p.match for p in pairs)} matches)",
        f"{'split':8} {'category':42} {'+':>4} {'-':>4} {'fp':>4}  possible: P     R     F1   |  strong: P     R     F1",
    ]
    related = [(p, s) for p, s in zip(pairs, scores, strict=True) if "unrelated" not in p.category]
    if len(related) < len(pairs):
        for label, t in (("possible", POSSIBLE), ("strong", STRONG)):
            sub = evaluate([p for p, _ in related], [s for _, s in related], t)
            for split in ("dev", "holdout", "all"):
                if (split, "ALL") in sub:
                    at[label][(split, "ALL name-related")] = sub[(split, "ALL")]
    keys = sorted(at["possible"], key=lambda k: (k[0] == "all", k[0], k[1].startswith("ALL"), k[1]))
    for key in keys:
        c, s = at["possible"][key], at["strong"][key]
        pos, neg = c.tp + c.fn, c.fp + c.tn
        lines.append(
            f"{key[0]:8} {key[1]:42} {pos:4} {neg:4} {c.fp:4}  "
            f"{_fmt(c.precision):>9} {_fmt(c.recall)} {_fmt(c.f1)} | {_fmt(s.precision):>9} {_fmt(s.recall)} "
            f"{_fmt(s.f1)}"
        )
    return "\n".join(lines)


def errors(pairs: Sequence[Pair], scores: Sequence[float], split: str = "dev") -> list[str]:
    """The pairs of one split the matcher gets wrong at the possible threshold (for tuning: dev only)."""
    out = []
    for p, s in zip(pairs, scores, strict=True):
        if p.split == split and p.match != (s >= POSSIBLE):
            out.append(f"{'missed' if p.match else 'false alarm'} {s:.3f} [{p.category}] {p.query!r} / {p.candidate!r}")
    return out


def sdn_entries(path: Path) -> list[Entry]:
    from checker.parties.formats import read_list

    return [replace(e, list_id="sdn") for e in read_list("ofac-sdn-csv", path).entries]
