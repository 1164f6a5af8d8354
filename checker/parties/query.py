"""A screened name prepared for the index: its words and spelling keys, what the deal says of the party, and what
one search works out about each word (filled by `checker.parties.candidates.Lookup.look_up`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.parties.normalize import arabic_script_words, split_name, translit


@dataclass
class Query:
    text: str
    words: list[str]
    keys: list[str]
    dropped: list[str]  # legal-form, article and title words set aside
    seen: list[dict[int, float]] = field(default_factory=list)  # per query word: similarities computed so far
    abjad: list[bool] = field(default_factory=list)  # per query word: written in Arabic script
    kind: str | None = None  # person | organisation, as the deal says
    country: str | None = None  # ISO alpha-2, as the deal says
    # Filled by the lookup: per word, the similar vocabulary words (key id -> similarity) and the word's weight;
    # neighbouring words that are one listed word once joined, as (first word's position, key id, similarity).
    similar: list[dict[int, float]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    merges: list[tuple[int, int, float]] = field(default_factory=list)


def prepare(text: str, kind: str | None = None, country: str | None = None) -> Query | None:
    """The query for a screened name; None when it has no words to match."""
    words, dropped = split_name(text or "")
    if not words:
        return None
    arabic = arabic_script_words(text) if not text.isascii() else frozenset()
    return Query(
        text=text,
        words=words,
        keys=[translit(w) for w in words],
        dropped=dropped,
        seen=[{} for _ in words],
        abjad=[w in arabic for w in words],
        kind=kind,
        country=country.upper() if country else None,
    )
