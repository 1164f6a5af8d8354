"""Words common in names, and words saying what a company does: data the index weighs words by and the scoring
sets aside (spelling keys and misspellings derived once, on first use)."""

from __future__ import annotations

from functools import lru_cache

from checker.parties.normalize import translit
from checker.parties.similarity import swaps

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


@lru_cache(maxsize=1)
def common_keys() -> frozenset[str]:
    return frozenset(translit(w) for w in COMMON_WORDS)


@lru_cache(maxsize=1)
def common_typos() -> dict[str, str]:
    """Folded misspellings of COMMON_WORDS of five letters or more (a letter missing, two neighbouring letters
    swapped, a letter doubled) -> the word's spelling key. A variant that is itself a common word is left alone."""
    out: dict[str, str] = {}
    for word in sorted(COMMON_WORDS):
        if len(word) < 5:
            continue
        variants = {word[:i] + word[i + 1 :] for i in range(len(word))} | swaps(word)
        variants |= {word[: i + 1] + word[i:] for i in range(len(word))}
        for v in variants:
            if v != word and v not in COMMON_WORDS:
                out.setdefault(v, translit(word))
    return out
