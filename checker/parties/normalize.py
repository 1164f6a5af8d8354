"""Name normalisation for restricted-party screening.

A name goes through three layers, each documented on the methodology page and tested in tests/parties/:

1. `fold`: Arabic script romanised (Arabic letters and the Persian پ چ ژ گ ک ی: consonants and the long vowels
   ا و ي as a, u/w, i/y; ligatures decomposed, vowel marks kept when written, tatweel, shadda and hamza seats
   dropped; the joined article ال split off; محمد -> mhmd, بشار الأسد -> bshar al asd), Cyrillic romanised
   (BGN/PCGN-like: Пригожин -> prigozhin, Евгений -> evgeniy), Unicode compatibility
   decomposition, diacritics removed, letters with no decomposition mapped
   (ß, ø, ł, æ, đ, þ, ı ...), lower case; every character that is not a letter or digit becomes a space, except
   apostrophes, which are dropped ("O'Brien" -> "obrien", "Abu-'Umar" -> "abu umar").
2. `name_tokens`: words; runs of single letters are joined ("S.A." -> "sa", "P.J.S.C." -> "pjsc",
   "N.S.O." -> "nso") and a lone initial is dropped ("Tal J. Dilian" -> "tal dilian"); legal-form words and phrases (LLC, Ltd, FZCO, FZE, GmbH, S.A., JSC, PTE, ZRT, AD, Inc,
   "Zartkoruen Mukodo Reszvenytarsasag", "Obshchestvo s Ogranichennoy Otvetstvennostyu" ...) and the Arabic article
   (al-, el-, ul-) are set aside; Arabic "Abd al X" / "Abdul X" / "Abdel X" / "Abdulx" are brought to "abd x".
   Legal forms are kept if removing them would leave nothing ("Limited" stays "limited"). Before that, abbreviations
   are expanded (Grp, Intl, Hldgs ...), legal-form words of six letters or more with two letters swapped or one
   letter missing or added are corrected ("Liimted", "Cmopany", "Reszenytarsasag"), "liability", "joint" and "stock"
   are set aside when the name has another legal form ("Limited Company Unimatik Liability"), and a two-letter
   piece of a hyphenated name is joined to its neighbour ("Se-Bong" = "Sebong") unless it is an article or a
   trailing legal form ("Al-Hasan", "Cytrox-AD").
3. Per token, `translit`: a spelling key that merges common transliteration variants of Arabic, Cyrillic and
   Persian names (kh/h, ou/u, oo/u, y/i, w/v, q/k, c/k, ph/f, zh/j, dzh/j, final -off/-ov, double letters ...), and
   `skeleton`: the key without vowels (Mohammed, Muhammad, Mohamed -> "mhmd"; Yevgeny, Evgeniy -> "vgn").

Limits of the Arabic-script romanisation: short vowels are not written, so محمد stands for Mohammed, Muhammad and
Mahmud alike, and only a written long vowel (محمود, with و) tells Mahmoud from Mohammed; one letter has several Latin
spellings (ج j/g/dj, ق q/k/g, ذ dh/z/d, ث th/s, و w/u/o/v), which the matching takes as near, not equal; a name
beginning with "al" that is not the article (ألكسندرا, Alexandra) loses it; Persian ezafe and Urdu-only sounds are
not reconstructed; the short-vowel-tolerant matching applies to the screened name's words, so a list alias written
in Arabic script meets a name in Arabic script or a close romanisation, not every Latin spelling. Words written in
Arabic script are matched by `checker.parties.matching.abjad_similarity`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The normalisation's version: change it whenever `split_name` gives other words for a name, so that compiled
# party-lists files made with the old normalisation are normalised again when loaded (checker.parties.store).
NORMALIZER = "2"

# Letters that NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŀ": "l",
        "ŉ": "n",
        "ſ": "s",
        "ʼ": "",
        "’": "",
        "‘": "",
        "`": "",
        "´": "",
        "'": "",
        "ʻ": "",
        "ʿ": "",
        "ʾ": "",
    }
)
# Cyrillic -> Latin, close to the BGN/PCGN and passport romanisations that lists use (Russian, Ukrainian,
# Belarusian, Serbian, Macedonian, Bulgarian letters), so that a name written in Cyrillic meets its Latin aliases;
# the spelling keys (`translit`) then merge the remaining variants (kh/h, y/i, ts/c ...). Applied before
# decomposition (NFKD would split й into и + breve).
_CYRILLIC_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dzh", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip
_CYRILLIC = str.maketrans({**_CYRILLIC_LOWER, **{k.upper(): v for k, v in _CYRILLIC_LOWER.items()}})

# Arabic script (Arabic, Persian and Urdu letters) -> Latin consonants and long vowels, so that a name written in
# Arabic script meets its Latin aliases through the spelling keys and the consonant skeleton. Short vowels are not
# written in Arabic script (محمد is m-h-m-d for Mohammed, Muhammad and Mahmud alike); they come through only when the
# text carries the vowel marks (fatha a, damma u, kasra i). The index matches a word written in Arabic script with
# `abjad_similarity` (in checker.parties.matching), which lets the Latin spelling add short vowels.
_ARABIC_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "", "ب": "b", "ت": "t", "ث": "th",
    "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "a", "ى": "a", "ي": "i", "و": "u",
    # Persian additions
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "i",
    # Urdu letters
    "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ہ": "h", "ۃ": "a", "ے": "ai", "ۓ": "ai", "ۀ": "ih", "ە": "ih",
    # written short vowels (rare in names), superscript alef; tanwin, shadda, sukun and tatweel carry no letter
    "\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0670": "a",
    "\u064b": "", "\u064c": "", "\u064d": "", "\u0651": "", "\u0652": "", "\u0653": "", "\u0654": "", "\u0655": "",
    "\u0640": "", "\u200d": "", "\u200c": " ", "،": " ", "؛": " ", "؟": " ", "٫": " ", "٬": " ",
}  # fmt: skip
for _d in range(10):
    _ARABIC_LETTERS[chr(0x0660 + _d)] = _ARABIC_LETTERS[chr(0x06F0 + _d)] = str(_d)
# Whole words written the same way in every name: the name of God in compounds, kinship words, "company", "group".
_ARABIC_WORDS = {
    "عبدالله": "abdullah", "الله": "allah", "أبو": "abu", "ابو": "abu", "بن": "bin", "ابن": "ibn", "بنت": "bint",
    "شركة": "company", "شركه": "company", "شرکت": "company", "مجموعة": "group", "مجموعه": "group",
    "للتجارة": "trading", "تجارة": "trading",
}  # fmt: skip
_ARABIC_BLOCK = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u200c\u200d]+")
# Letter pairs that the spelling keys would read as one sound (translit: zh -> j, kh -> h, th -> t ...); between two
# Arabic letters that romanise so, the romanisation writes "e", the one vowel it never writes otherwise, which the
# Arabic-script matching takes as an unwritten short vowel.
_NOT_DIGRAPHS = frozenset({"zh", "kh", "gh", "ph", "th", "dj", "dz", "sc", "tc", "ck"})


def has_arabic(text: str) -> bool:
    return _ARABIC_BLOCK.search(text) is not None


def _romanise_word(word: str) -> str:
    whole = _ARABIC_WORDS.get(word)
    if whole is not None:
        return whole
    prefix = ""
    if word.startswith(("عبدال", "عبد ال")) and len(word) > 6:  # "Abd al-Rahman" written as one word
        prefix, word = "abd al ", word[5:].lstrip()
    elif word.startswith("ال") and len(word) > 3:  # the article, written joined to the name
        prefix, word = "al ", word[2:]
    out = ""
    n = len(word)
    i = 0
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        step = 1
        if i == 0 and ch in "اأإ" and nxt in "يی":
            piece, step = "i", 2  # initial alef + yeh: a long i ("Isa", "Iran")
        elif i == 0 and ch in "اأ" and nxt == "و":
            piece, step = "u", 2  # initial alef + waw: a long u ("Usama", "Omid")
        elif ch == "و":
            piece = "w" if i == 0 or word[i - 1] in "اآ" else "u"  # a consonant first or after alef
        elif ch in "يی" and i == 0:
            piece = "y"
        else:
            piece = _ARABIC_LETTERS.get(ch, ch)
        if out and piece and out[-1] + piece[0] in _NOT_DIGRAPHS:
            out += "e"  # ز + ه is z-h, not zh (= j): an unwritten short vowel keeps the letters apart
        out += piece
        i += step
    return prefix + out


def romanise_arabic(text: str) -> str:
    """Arabic-script words romanised (consonants and long vowels; see _ARABIC_LETTERS), other text left alone."""
    text = unicodedata.normalize("NFKC", text)  # presentation forms and ligatures (ﻻ, ﷲ) to letters
    text = text.replace("عبد الله", "عبدالله")
    return _ARABIC_WORD.sub(lambda m: " ".join(_romanise_word(w) for w in m.group(0).split("\u200c")), text)


def arabic_script_words(text: str) -> frozenset[str]:
    """Folded words of a name that were written in Arabic script (matched with short vowels unwritten)."""
    if not has_arabic(text):
        return frozenset()
    return frozenset(w for piece in text.split() if has_arabic(piece) for w in fold(piece).split())


_NON_WORD = re.compile(r"[^0-9a-z]+")

# Legal-form words, after folding and joining of single letters. Kept in one place so the methodology page and the
# tests can show the list.
LEGAL_FORMS = frozenset(
    """
    llc lc llp lp ltd ltda limited inc incorporated corp corporation co company companies plc pty pte pvt
    fzco fze fzc fzllc dmcc gmbh mbh ag kg kgaa ohg ug ek sa sas sarl sarlu sau sab sae saog saoc sal sac srl spa
    sro as asa ab oy oyj bv nv vof cv se sl slu sp zoo spzoo ad ead ood eood dd doo dooel zrt nyrt kft bt rt
    jsc ojsc cjsc pjsc ao oao zao pao ooo tov pp ip kk gk yk jsa bhd sdn tbk pt cia lda ltda ae epe ike oe sal
    sasu eurl eirl snc sca gie
    aktsionernoe aktsionernoye obshchestvo obshestvo tovarystvo aktiengesellschaft gesellschaft sirketi berhad
    sendirian reszvenytarsasag tarsasag ogranichennoy ogranichennoi ogranichennoj otvetstvennostyu otvetstvennostju
    obmezhenoyu vidpovidalnistyu kompaniya kompania
    """.split()
)
# Multi-word legal forms (folded words), longest first when matched.
LEGAL_PHRASES = tuple(
    sorted(
        (
            tuple(w for w in p.split() if len(w) > 1)  # lone letters ("s", "z", "a") are dropped before matching
            for p in (
                "limited liability company",
                "limited liability partnership",
                "limited partnership",
                "joint stock company",
                "closed joint stock company",
                "open joint stock company",
                "public joint stock company",
                "private joint stock company",
                "public limited company",
                "private limited company",
                "private limited",
                "free zone company",
                "free zone establishment",
                "free zone llc",
                "societe anonyme",
                "societe a responsabilite limitee",
                "sociedad anonima",
                "sociedad de responsabilidad limitada",
                "sociedade anonima",
                "societa per azioni",
                "societa a responsabilita limitata",
                "zartkoruen mukodo reszvenytarsasag",
                "nyilvanosan mukodo reszvenytarsasag",
                "korlatolt felelossegu tarsasag",
                "aktsionernoe obshchestvo",
                "aktsionernoye obshchestvo",
                "otkrytoe aktsionernoe obshchestvo",
                "zakrytoe aktsionernoe obshchestvo",
                "publichnoe aktsionernoe obshchestvo",
                "obshchestvo s ogranichennoi otvetstvennostyu",
                "obshchestvo s ogranichennoy otvetstvennostyu",
                "obshchestvo s ogranichennoj otvetstvennostju",
                "tovarystvo z obmezhenoyu vidpovidalnistyu",
                "sendirian berhad",
                "anonim sirketi",
                "limited sirketi",
                "aktiengesellschaft",
                "gesellschaft mit beschrankter haftung",
                "besloten vennootschap",
                "naamloze vennootschap",
                "spolka z ograniczona odpowiedzialnoscia",
                "spolka akcyjna",
                "aktsionerno druzhestvo",
                "druzhestvo s ogranichena otgovornost",
                "sa de cv",
                "s de rl de cv",
                "s de rl",
                "co ltd",
                "pte ltd",
                "pvt ltd",
                "pty ltd",
                "sdn bhd",
                "gmbh co kg",
                "and co",
                "joint stock",
                "limited liability",
            )
        ),
        key=len,
        reverse=True,
    )
)
ARTICLES = frozenset({"al", "el", "ul", "the"})
_PHRASES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _phrase in LEGAL_PHRASES:  # longest first within each first word, as in LEGAL_PHRASES
    _PHRASES_BY_FIRST[_phrase[0]] = (*_PHRASES_BY_FIRST.get(_phrase[0], ()), _phrase)
# Words of legal-form phrases that are set aside on their own only when the name also has a legal form
# ("Limited Company Unimatik Liability", "Magneton Stock Company").
LEGAL_CONTEXT = frozenset({"liability", "joint", "stock"})
# Abbreviations written in company names, expanded before matching ("Aliada Grp" = "Aliada Group").
ABBREVIATIONS = {
    "grp": "group",
    "intl": "international",
    "natl": "national",
    "hldg": "holding",
    "hldgs": "holdings",
    "mfg": "manufacturing",
    "svcs": "services",
    "assn": "association",
    "bros": "brothers",
    "dept": "department",
    "govt": "government",
    "univ": "university",
}


def _legal_words() -> frozenset[str]:
    words = set(LEGAL_FORMS) | LEGAL_CONTEXT
    for phrase in LEGAL_PHRASES:
        words.update(phrase)
    return frozenset(words)


LEGAL_WORDS = _legal_words()


def _legal_typos() -> dict[str, str]:
    """Mistyped legal-form words (two letters swapped, one letter missing) -> the word, for words of 6+ letters
    ("Liimted", "Cmopany", "Reszenytarsasag"); a variant that is itself a legal-form word is left alone."""
    typos: dict[str, str] = {}
    for word in sorted(LEGAL_WORDS):
        if len(word) < 6:
            continue
        variants = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        if len(word) >= 7:
            variants |= {word[:i] + word[i + 1 :] for i in range(len(word))}
        for v in variants:
            if v != word and v not in LEGAL_WORDS:
                typos.setdefault(v, word)
    return typos


_LEGAL_TYPOS = _legal_typos()
_LONGEST_LEGAL_WORD = max(len(word) for word in LEGAL_WORDS)


@lru_cache(maxsize=1 << 15)
def _canonical_word(word: str) -> str:
    """Expand an abbreviation; correct a mistyped legal-form word (also one with a letter too many)."""
    if word in LEGAL_WORDS:
        return word
    found = ABBREVIATIONS.get(word) or _LEGAL_TYPOS.get(word)
    if found:
        return found
    if 8 <= len(word) <= _LONGEST_LEGAL_WORD + 1:  # bounded: a 50,000-letter "word" must not cost n^2
        for i in range(len(word)):
            shorter = word[:i] + word[i + 1 :]
            if shorter in LEGAL_WORDS and len(shorter) >= 7:
                return shorter
    return word


_ABD = re.compile(r"^(abd|abdu|abdou|abdo)(al|el|ul|ol|l)?(?=[a-z]{3,})")
_ABD_WORDS = frozenset({"abdul", "abdel", "abdal", "abdol", "abdoul", "abdu", "abdou", "abdulla", "abdullah"})


def fold(text: str) -> str:
    """Lower-case ASCII letters, digits and single spaces only."""
    if not text.isascii():
        if has_arabic(text):
            text = romanise_arabic(text)
        text = unicodedata.normalize("NFKD", text.translate(_CYRILLIC).translate(_SPECIAL))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_SPECIAL).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def _join_initials(words: list[str]) -> list[str]:
    """Join runs of single letters that spell a legal form ('s a' -> 'sa'); other initials stay apart."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if len(words[i]) == 1:
            j = i
            while j < len(words) and len(words[j]) == 1:
                j += 1
            joined = "".join(words[i:j])
            if j - i > 1 and _split_legal(joined):
                out.extend(_split_legal(joined))
            elif j - i > 1:
                out.append(joined)  # an acronym ("N.S.O." -> "nso") or a legal form ("S.A." -> "sa")
            elif i > 0 or j < len(words):
                pass  # a lone initial ("Tal J. Dilian") says too little to match on
            else:
                out.append(words[i])
            i = j
        else:
            out.append(words[i])
            i += 1
    return out


_SYLLABLE = re.compile(r"\b([^\W\d_]{2})-(?=[^\W\d_])|(?<=[^\W\d_])-([^\W\d_]{2})\b")


def _join_syllable(m: re.Match[str]) -> str:
    """A two-letter piece of a hyphenated name is a syllable of one word ("Se-Bong" = "Sebong", as Korean given
    names are written either way), unless it is an article ("Al-Hasan") or a legal form."""
    if m.group(1) is not None:
        return m.group(0) if m.group(1).lower() in ARTICLES else m.group(1)
    return m.group(0) if m.group(2).lower() in LEGAL_FORMS else m.group(2)  # "Cytrox-AD"


def _split_legal(joined: str) -> list[str]:
    """Joined initials that are two or more legal forms in a row ('P.T.E.L.T.D.' -> pte ltd,
    'S.A.S.U. S.A.' -> sasu sa); [] if they are not."""
    for k in range(len(joined) - 2, 1, -1):
        head, tail = joined[:k], joined[k:]
        if head in LEGAL_FORMS:
            if tail in LEGAL_FORMS:
                return [head, tail]
            rest = _split_legal(tail)
            if rest:
                return [head, *rest]
    return []


def _arabic(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w in ("abd", "abdu", "abdou", "abdo") and nxt in ("al", "el", "ul", "ol") and i + 2 < len(words):
            out.extend(["abd", words[i + 2]])
            i += 3
            continue
        if w in _ABD_WORDS and nxt is not None and w not in ("abdulla", "abdullah"):
            out.extend(["abd", nxt])
            i += 2
            continue
        m = _ABD.match(w)
        if m and w not in _ABD_WORDS and not w.startswith("abdull"):
            out.extend(["abd", w[m.end() :]])
            i += 1
            continue
        out.append(w)
        i += 1
    return out


def split_name(text: str) -> tuple[list[str], list[str]]:
    """(name words, legal-form and article words set aside), both folded. Fresh lists on every call."""
    words, dropped = _split_cached(text)
    return list(words), list(dropped)


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`split_name` memoised on the raw text: a batch screens the same party names again and again."""
    if "-" in text:
        text = _SYLLABLE.sub(_join_syllable, text)
    words = [_canonical_word(w) for w in _join_initials(fold(text).split())]
    kept: list[str] = []
    dropped: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        for phrase in _PHRASES_BY_FIRST.get(w, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                dropped.append(" ".join(phrase))
                i += len(phrase)
                break
        else:
            if w in LEGAL_FORMS or w in ARTICLES:
                dropped.append(w)
            else:
                kept.append(w)
            i += 1
    if dropped and any(w in LEGAL_CONTEXT for w in kept):
        # "Limited Company Unimatik Liability": a legal-form word out of its phrase, next to another legal form
        dropped.extend(w for w in kept if w in LEGAL_CONTEXT)
        kept = [w for w in kept if w not in LEGAL_CONTEXT]
    if not kept:
        return tuple(words), ()
    return tuple(_arabic(kept)), tuple(dropped)


def name_tokens(text: str) -> list[str]:
    return split_name(text)[0]


_TRANSLIT_RULES = (
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ch", "\x01"),
    ("sh", "\x02"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("ue", "u"),
    ("ae", "e"),
    ("oe", "o"),
    ("\x01", "ch"),
    ("\x02", "sh"),
)
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")


@lru_cache(maxsize=1 << 16)
def translit(token: str) -> str:
    """Spelling key of one folded token: merges transliteration variants, keeps vowels."""
    t = _DOUBLE.sub(r"\1", token)
    for old, new in _TRANSLIT_RULES:
        if old in t:
            t = t.replace(old, new)
    if t.endswith("ff") or (t.endswith("f") and len(t) > 4 and t[-2] in "aeiou"):
        t = t.rstrip("f") + "v"  # Smirnoff -> smirnov, Petroff -> petrov
    t = _DOUBLE.sub(r"\1", t)
    if len(t) > 3 and t.endswith(("ah", "eh")):
        t = t[:-1]  # Sarah / Sara, Abdallah / Abdalla, Fatimah / Fatima
    if t.endswith("ii"):
        t = t[:-1]
    return t


def skeleton(key: str) -> str:
    """Consonants of a spelling key ('muhamad' -> 'mhmd'); meaningful only when 3 letters or longer."""
    return _VOWELS.sub("", key)


_SOUND = str.maketrans("ptzgv", "bdskf")


def sound(key: str) -> str:
    """The skeleton with voiced and voiceless consonants merged (b/p, d/t, g/k, s/z, f/v): 'pozitiv' and
    'positive' -> 'bsdf'. A coarser key, used only to find candidates that are then scored."""
    return _VOWELS.sub("", key).translate(_SOUND)
