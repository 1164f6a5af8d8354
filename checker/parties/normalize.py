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
Arabic script are matched by `checker.parties.similarity.abjad_similarity`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The normalisation's version: change it whenever `split_name` gives other words for a name, so that compiled
# party-lists files made with the old normalisation are normalised again when loaded (checker.parties.store).
NORMALIZER = "4"

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
# `abjad_similarity` (in checker.parties.similarity), which lets the Latin spelling add short vowels.
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
    obmezhenoyu vidpovidalnistyu kompaniya kompania sti too tovarishchestvo
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
                "ltd sti",
                "tovarishchestvo s ogranichennoy otvetstvennostyu",
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
    # Turkish company names ("Elektronik Tic. Ith. ve Ihr. Ltd. Sti."): trade, import, export, marketing
    "tic": "ticaret",
    "ith": "ithalat",
    "ihr": "ihracat",
    "paz": "pazarlama",
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
            else:
                out.append(words[i])  # a lone initial ("Tal J. Dilian"): matched against a word it begins
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


# A possessive "'s" ("Deutsche Bank's", "People's") is dropped with its apostrophe; other apostrophes are dropped
# by `fold` ("O'Brien" -> "obrien").
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’ʼ]s\b")
# A legal form written joined to the name in camel case ("SiemensAG", "GazpromOOO").
_CAMEL_LEGAL = re.compile(
    r"(?<=[a-z]{3})(AG|GmbH|GMBH|LLC|Ltd|LTD|Inc|INC|PLC|Plc|JSC|PJSC|OOO|FZE|FZCO|FZC|ZRT|Zrt|Corp|CORP|Kft|KFT|SpA|"
    r"Srl|SRL|SARL|Sarl|BV|NV|AB|Oy|OY|SA|SAS|SpA|LLP|LP)\b"
)

# Numbers written as words, as digits and as ordinals meet as one token: "forty-four", "forty 4" and "44" -> "44";
# "first", "1st" -> "1st"; "twenty first" -> "21st".
_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
    )
}
_ORDINAL_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())
    if i > 1
}
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _numbers(words: list[str]) -> list[str]:
    """Number words to digits, ordinals to one spelling ("1st"), so that every way of writing a number is one token."""
    out: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        nxt = words[i + 1] if i + 1 < n else ""
        if w in _TENS:
            if nxt in _UNITS and 0 < _UNITS[nxt] < 10:
                out.append(str(_TENS[w] + _UNITS[nxt]))
                i += 2
                continue
            if nxt.isdigit() and len(nxt) == 1 and nxt != "0":
                out.append(str(_TENS[w] + int(nxt)))
                i += 2
                continue
            if nxt in _ORDINAL_WORDS and 0 < _ORDINAL_WORDS[nxt] < 10:
                out.append(_ordinal(_TENS[w] + _ORDINAL_WORDS[nxt]))
                i += 2
                continue
            out.append(str(_TENS[w]))
        elif w in _UNITS:
            out.append(str(_UNITS[w]))
        elif w in _ORDINAL_WORDS:
            out.append(_ordinal(_ORDINAL_WORDS[w]))
        elif w in _ORDINAL_TENS:
            out.append(_ordinal(_ORDINAL_TENS[w]))
        else:
            m = _ORDINAL_DIGITS.match(w)
            out.append(_ordinal(int(m.group(1))) if m else w)
        i += 1
    return out


# Digits written for the letters they look like ("Ig0r Sech1n", "R0sneft", "9azprom"), inside a word of letters.
_LOOKALIKE = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}


def _unlookalike(word: str) -> str:
    """A word of letters with a few digits among them, the digits read as the letters they look like; "1" is "l"
    after a vowel ("A1fa", "Vekse1berg") and "i" otherwise ("Sech1n", "S1bur")."""
    digits = sum(ch.isdigit() for ch in word)
    if not digits or digits * 2 > len(word) or _ORDINAL_DIGITS.match(word):
        return word
    out = []
    for k, ch in enumerate(word):
        if ch == "1":
            out.append("l" if k and word[k - 1] in "aeiou" else "i")
        else:
            out.append(_LOOKALIKE.get(ch, ch))
    return "".join(out)


# Titles and honorifics set aside, written before a name ("Shaikh Isa", "President Bashar al-Assad", "Dr Ayman"),
# when at least two words follow; the first group anywhere in the name.
TITLES_ANYWHERE = frozenset(
    "sheikh shaikh shaykh sheik cheikh sheykh mr mrs ms mx dr prof hrh excellency ayatollah hojatoleslam".split()
)
TITLES = TITLES_ANYWHERE | frozenset(
    """
    miss mister madam madame sir dame lord lady doctor professor president vice general gen lieutenant lt colonel
    col major maj captain capt brigadier brig admiral adm commander cmdr sergeant sgt marshal field rev reverend
    imam mullah maulana mawlana mufti emir prince princess king queen minister senator judge his her highness
    engineer eng
    """.split()
)
# Particles of Arabic names written several ways: "bin", "ben", "ibn" (son of) -> "bin" (not as the first word:
# "Ben Smith").
_PARTICLES = {"ben": "bin", "ibn": "bin", "bn": "bin"}


def _titles(words: list[str]) -> tuple[list[str], list[str]]:
    """(words without titles, titles set aside)."""
    dropped: list[str] = []
    start = 0
    while start < len(words) - 2 and words[start] in TITLES:
        dropped.append(words[start])
        start += 1
    kept: list[str] = []
    rest = words[start:]
    for w in rest:
        named = sum(1 for x in rest if x not in TITLES and x not in ARTICLES)
        if w in TITLES_ANYWHERE and named >= 2 and not (kept and kept[-1] in ARTICLES):
            dropped.append(w)  # not "Al-Shaykh", a family name
        else:
            kept.append(w)
    return kept, dropped


def _phrase_end(words: list[str], i: int, phrase: tuple[str, ...]) -> int:
    """Where a legal-form phrase starting at words[i] ends (0 if it does not start there); the lone letters that
    phrases are written with ("Obshchestvo s Ogranichennoy ...", "Sp. z o.o.") are skipped."""
    k = i
    for part in phrase:
        while k < len(words) and len(words[k]) == 1 and words[k].isalpha() and words[k] != part:
            k += 1
        if k >= len(words) or words[k] != part:
            return 0
        k += 1
    return k


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`split_name` memoised on the raw text: a batch screens the same party names again and again."""
    if "-" in text:
        text = _SYLLABLE.sub(_join_syllable, text)
    if "'" in text or "’" in text or "ʼ" in text:
        text = _POSSESSIVE.sub("", text)
    text = _CAMEL_LEGAL.sub(r" \1", text)
    folded = fold(text).split()
    if not folded:
        return (), ()
    folded = _numbers([_unlookalike(w) for w in folded])
    folded, titles = _titles(folded)
    words = [_canonical_word(w) for w in _join_initials(folded)]
    words = [_PARTICLES.get(w, w) if k else w for k, w in enumerate(words)]
    kept: list[str] = []
    dropped: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i]
        for phrase in _PHRASES_BY_FIRST.get(w, ()):
            end = _phrase_end(words, i, phrase)
            if end:
                dropped.append(" ".join(phrase))
                i = end
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
        return tuple(words), tuple(titles)
    kept = _arabic(kept)
    return tuple(dict.fromkeys(kept)), (*dropped, *titles)  # a word written twice counts once


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
_H_AFTER = re.compile(r"([^aeiouh])h")  # "dh", "sh" written for one sound: the h dropped ("Qadhafi" / "Gaddafi")


def sound(key: str) -> str:
    """The skeleton with voiced and voiceless consonants merged (b/p, d/t, g/k, s/z, f/v) and an h after a consonant
    dropped: 'pozitiv' and 'positive' -> 'bsdf', 'kadhafi' and 'gadafi' -> 'kdf'. A coarser key, used only to find candidates that are then scored."""
    return _H_AFTER.sub(r"\1", _VOWELS.sub("", key)).translate(_SOUND)


_PHONETIC_RULES = (
    ("dzh", "j"),
    ("tch", "j"),
    ("sch", "s"),
    ("zh", "j"),
    ("ch", "j"),
    ("dj", "j"),
    ("sh", "s"),
    ("hs", "s"),
    ("x", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("ph", "f"),
    ("th", "t"),
    ("q", "k"),
    ("c", "k"),
    ("w", "u"),
    ("y", "i"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("eo", "o"),
)
_PHONETIC_SOUND = str.maketrans("pdgvz", "btkfs")


@lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """Given name -> its nicknames and the names it is a nickname of (checker/data/nicknames.json: the public
    carltonnorthern/nicknames table, Apache-2.0)."""
    import json
    from importlib import resources

    raw = json.loads((resources.files("checker") / "data" / "nicknames.json").read_text(encoding="utf-8"))
    pairs: dict[str, set[str]] = {}
    for name, nicks in raw["nicknames"].items():
        for nick in nicks:
            pairs.setdefault(name, set()).add(nick)
            pairs.setdefault(nick, set()).add(name)
    return {name: frozenset(others) for name, others in pairs.items()}


@lru_cache(maxsize=1 << 14)
def phonetic(word: str) -> str:
    """A coarse sound key of one folded word, vowels kept: the spellings of one sound in the romanisations of
    Chinese, Korean, Russian and Arabic names meet ("xi", "shi", "si" -> "si"; "chong", "jong" -> "jong";
    "cheol", "chol" -> "jol"), voiced and voiceless consonants merged. Used for words the spelling keys leave apart."""
    t = _DOUBLE.sub(r"\1", word)
    for old, new in _PHONETIC_RULES:
        if old in t:
            t = t.replace(old, new)
    return _DOUBLE.sub(r"\1", t.translate(_PHONETIC_SOUND))


# Legal forms that are one form written several ways (abbreviated, spelt out, translated as the lists translate them):
# two names whose legal forms share none of these classes are two companies ("Deutsche Bank AG" / "Deutsche Bank
# GmbH"); a form on one side only says nothing.
_LEGAL_CLASSES = {
    "limited": "ltd limited private limited pte pvt pty pte ltd pvt ltd pty ltd co ltd company limited",
    "plc": "plc public limited company",
    "llc": (
        "llc lc limited liability company limited liability fzllc free zone llc ooo obshchestvo obshestvo "
        "obshchestvo s ogranichennoi otvetstvennostyu obshchestvo s ogranichennoy otvetstvennostyu "
        "obshchestvo s ogranichennoj otvetstvennostju ogranichennoy ogranichennoi ogranichennoj otvetstvennostyu "
        "otvetstvennostju tov tovarystvo tovarystvo z obmezhenoyu vidpovidalnistyu obmezhenoyu vidpovidalnistyu"
    ),
    "jsc": (
        "jsc ojsc cjsc pjsc ao oao zao pao jsa ad ead joint stock company joint stock closed joint stock company "
        "open joint stock company public joint stock company private joint stock company aktsionernoe obshchestvo "
        "aktsionernoye obshchestvo otkrytoe aktsionernoe obshchestvo zakrytoe aktsionernoe obshchestvo "
        "publichnoe aktsionernoe obshchestvo aktsionernoe aktsionernoye aktsionerno druzhestvo"
    ),
    "inc": "inc incorporated",
    "corp": "corp corporation",
    "company": "co company companies and co",
    "gmbh": "gmbh mbh gesellschaft mit beschrankter haftung gesellschaft",
    "ag": "ag aktiengesellschaft",
    "sa": "sa ae societe anonyme sociedad anonima sociedade anonima sab sae sau",
    "zrt": "zrt zartkoruen mukodo reszvenytarsasag reszvenytarsasag tarsasag",
    "kft": "kft korlatolt felelossegu tarsasag",
    "srl": "srl societa a responsabilita limitata",
    "sarl": "sarl societe a responsabilite limitee sarlu",
    "sl": "sl slu sociedad de responsabilidad limitada",
    "spa": "spa societa per azioni",
    "bv": "bv besloten vennootschap",
    "nv": "nv naamloze vennootschap",
    "sp zoo": "sp zoo spzoo spolka z ograniczona odpowiedzialnoscia",
    "sdn bhd": "sdn bhd sendirian berhad sendirian berhad",
    "fz": "fze fzco fzc free zone establishment free zone company",  # an FZE becomes an FZCO with a second owner
    "as": "as asa anonim sirketi",  # Nordic and Czech a.s., Turkish A.S. (anonim sirketi)
    "ltd sti": "sti ltd sti limited sirketi",  # Turkish Ltd. Sti. (limited sirketi)
    "llp": "llp limited liability partnership too tovarishchestvo tovarishchestvo ogranichennoy otvetstvennostyu",
}
# Where each class is a form of its own ("Ltd" in Britain and the Commonwealth, "Inc" in North America, "LLC" in the
# US, and as lists translate the Russian OOO and the Emirates' free-zone LLC). Two different forms of one
# jurisdiction name two companies (Deutsche Bank AG / GmbH); forms of different jurisdictions may be one company's
# name translated, or a foreign affiliate, so they only lower the score.
LEGAL_JURISDICTIONS = {
    "limited": {"gb", "ie", "sg", "hk", "in", "au", "nz", "za", "cy", "mt", "il", "ng", "ke", "pk", "my"},
    "plc": {"gb", "ie", "cy", "mt", "ng", "ke"},
    "llc": {"us", "ru", "by", "ua", "kz", "ae", "am", "ge", "az", "uz", "kg", "tj"},
    "jsc": {"ru", "by", "ua", "kz", "bg", "mk", "rs", "am", "ge", "az", "uz", "kg", "tj"},
    "inc": {"us", "ca", "ph"},
    "corp": {"us", "ca", "ph", "tw", "jp"},
    "gmbh": {"de", "at", "ch", "li"},
    "ag": {"de", "at", "ch", "li"},
    "sa": {"fr", "es", "be", "lu", "ch", "pt", "gr", "pl", "mx", "ar", "cl", "co", "pe", "br", "ma", "tn"},
    "zrt": {"hu"},
    "kft": {"hu"},
    "srl": {"it", "ro", "md", "ar"},
    "sarl": {"fr", "lu", "ch", "ma", "tn", "lb"},
    "sl": {"es"},
    "spa": {"it"},
    "bv": {"nl", "be"},
    "nv": {"nl", "be"},
    "sp zoo": {"pl"},
    "sdn bhd": {"my"},
    "fz": {"ae"},
    "as": {"no", "dk", "ee", "cz", "sk", "tr", "lv"},
    "ltd sti": {"tr"},
    "llp": {"gb", "us", "in", "kz"},  # the Kazakh TOO is translated as LLP
}
GENERIC_LEGAL = frozenset({"company", "co", "companies", "and co"})
LEGAL_CLASS: dict[str, str] = {}
for _cls, _forms in _LEGAL_CLASSES.items():
    for _w in _forms.split():
        LEGAL_CLASS.setdefault(_w, _cls)


def _phrases_of_classes() -> dict[str, str]:
    """Multi-word legal forms (as `split_name` sets them aside) -> their class."""
    out: dict[str, str] = {}
    for phrase in LEGAL_PHRASES:
        text = " ".join(phrase)
        if len(phrase) < 2:
            continue
        for cls, forms in _LEGAL_CLASSES.items():
            if f" {text} " in f" {forms} ":
                out.setdefault(text, cls)
    return out


for _text, _cls in _phrases_of_classes().items():
    LEGAL_CLASS.setdefault(_text, _cls)


def legal_classes(dropped: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The legal forms among a name's set-aside words, one class per form however written; articles and titles
    left out."""
    return frozenset(
        LEGAL_CLASS.get(d, d) for d in dropped if d not in ARTICLES and d not in TITLES and d not in GENERIC_LEGAL
    ) - {"company"}


def same_jurisdiction(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of legal-form classes have forms of one jurisdiction (an unknown form counts as local)."""
    places_a = set().union(*(LEGAL_JURISDICTIONS.get(c, {c}) for c in a))
    places_b = set().union(*(LEGAL_JURISDICTIONS.get(c, {c}) for c in b))
    return bool(places_a & places_b)
