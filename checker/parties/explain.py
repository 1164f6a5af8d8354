"""The explanation of a match: each word pair and how alike its words are, and the words only one name has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.parties.normalize import nicknames, translit
from checker.parties.query import Query
from checker.parties.similarity import NICKNAME, PHONETIC, word_similarity

if TYPE_CHECKING:
    from checker.parties.scoring import WordPair


def grouped(query: Query, pairs: Sequence[WordPair]) -> list[tuple[str, int, float]]:
    """(query word or words, listed word position, similarity); two query words paired with one listed word (a
    merge) are shown together."""
    out: list[tuple[str, int, float]] = []
    for i, j, s in sorted(pairs):
        if out and out[-1][1] == j:
            out[-1] = (out[-1][0] + " " + query.words[i], j, s)
        else:
            out.append((query.words[i], j, s))
    return out


def explain(
    query: Query,
    c_words: Sequence[str],
    pairs: Sequence[WordPair],
    used_q: set[int],
    used_c: set[int],
    joined: bool,
    score: float,
    initials: set[tuple[int, int]],
    acronym: bool,
) -> str:
    """'score 0.92: words matched: ...; not in the listed name: ...; ...' (the notes of what raised or lowered the
    score are added by the scoring)."""
    parts = []
    initial_words = {j for _, j in initials}
    for q, j, s in grouped(query, pairs):
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
