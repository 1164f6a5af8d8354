"""Pure similarity of words and names: functions of their arguments alone (no index, no list), so that they can be
read, tested and tuned on their own. `checker.parties.scoring` combines them into a name's score."""

from __future__ import annotations

from collections.abc import Sequence

from checker.parties.normalize import fold, nicknames, phonetic, skeleton, split_name

TOKEN_MIN = 0.75
SHORT_TOKEN_MIN = 0.85  # words of 4 or 5 letters
VOWEL_SUB = 0.35
VOWEL_INDEL = 0.6
TRANSPOSE = 0.5  # two neighbouring letters swapped (a typing error) cost half an edit
NICKNAME = 0.9  # a nickname and the name ("Bill" / "William"), in persons' names
PHONETIC = 0.9  # words that sound alike once transliterated ("Xi" / "Shi" / "Si", "Chong" / "Jong")
INITIALS = 0.8  # an initial ("J.", "J.-C.") met with the word or words it begins
VOWELS = frozenset("aeiou")


def subsequence(a: str, b: str) -> bool:
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
    b_indel = [VOWEL_INDEL if cb in VOWELS else 1.0 for cb in b]
    b_vowel = [cb in VOWELS for cb in b]
    prev = [0.0] * (lb + 1)
    before: list[float] = []
    for j in range(1, lb + 1):
        prev[j] = prev[j - 1] + b_indel[j - 1]
    cols = range(1, lb + 1)
    a_prev = ""
    for i in range(1, la + 1):
        ca = a[i - 1]
        a_vowel = ca in VOWELS
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
    if cost > max(1, longest // 4) + 1e-9 and not subsequence(a, b):
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
    denom = max(lq, sum(1 for ch in c if ch not in VOWELS))
    limit = denom * (1 - ABJAD_MIN) + 1e-9
    prev = [0.0] * (lc + 1)
    for j in range(1, lc + 1):
        prev[j] = prev[j - 1] + (ABJAD_SHORT_VOWEL if c[j - 1] in VOWELS else 1.0)
    for i in range(1, lq + 1):
        a = q[i - 1]
        # "e" is the short vowel the romanisation puts between two letters that would read as one (z-h, k-h)
        del_cost = ABJAD_SHORT_VOWEL if a == "e" else ABJAD_LONG_VOWEL if a in VOWELS else 1.0
        cur = [prev[0] + del_cost] + [0.0] * lc
        for j in range(1, lc + 1):
            b = c[j - 1]
            if a == b:
                sub = 0.0
            elif a == "e" and b in VOWELS:
                sub = ABJAD_SHORT_VOWEL
            else:
                sub = _ABJAD_NEAR.get(frozenset((a, b)), ABJAD_LONG_VOWEL if a in VOWELS else 1.0)
            cur[j] = min(
                prev[j - 1] + sub,
                cur[j - 1] + (ABJAD_SHORT_VOWEL if b in VOWELS else 1.0),
                prev[j] + del_cost,
            )
        if min(cur) > limit:
            return 0.0
        prev = cur
    sim = 1.0 - prev[lc] / denom
    return sim if sim >= ABJAD_MIN else 0.0


def deletes(key: str) -> set[str]:
    """The key with one letter left out, every way (the deletion index's probes)."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def swaps(word: str) -> set[str]:
    """The word with two neighbouring letters swapped, every way ('shcok' -> 'hscok', 'scook', 'shock', 'shcko')."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1) if word[i] != word[i + 1]}


ACRONYM_STOP = frozenset({"of", "the", "and", "for", "de", "del", "la", "al", "el", "du", "des", "y", "et", "und"})


def near(a: str, b: str) -> float:
    """Similarity of two folded words that the spelling keys do not find alike: the same sound once transliterated
    (PHONETIC), or an initial and a word it begins (INITIALS); else 0. (Nicknames: `nickname_similarity`.)"""
    if len(a) == 1 or len(b) == 1:
        return INITIALS if a != b and (b.startswith(a) or a.startswith(b)) and not (a.isdigit() or b.isdigit()) else 0.0
    if a.isdigit() or b.isdigit():
        return 0.0
    pa, pb = phonetic(a), phonetic(b)
    return PHONETIC if pa == pb and len(pa) >= 2 else 0.0


def nickname_similarity(a: str, b: str) -> float:
    """NICKNAME when one given name is a nickname of the other in the public table ("Bill" / "William")."""
    return NICKNAME if b in nicknames().get(a, ()) else 0.0


def initials_pairs(
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
            free = [j for j in range(len(long)) if j not in long_taken and long[j] not in ACRONYM_STOP]
            for start in range(len(free) - len(w) + 1):
                run = free[start : start + len(w)]
                if run[-1] - run[0] == len(w) - 1 and all(long[j][0] == ch for j, ch in zip(run, w, strict=True)):
                    short_taken.add(i)
                    long_taken.update(run)
                    out.extend((j, i) if flip else (i, j) for j in run)
                    break
    return out


def is_acronym(word: str, name: str) -> bool:
    """A word of two to six letters that spells the initials of a name of two or more words, legal forms included
    or not ("NIOC", "National Iranian Oil Company")."""
    if not 2 <= len(word) <= 6 or not word.isalpha():
        return False
    for words in (fold(name).split(), split_name(name)[0]):
        words = [w for w in words if w not in ACRONYM_STOP]
        if len(words) >= 2 and "".join(w[0] for w in words) == word:
            return True
    return False
