"""Importers, normalisation, delisting and the engine integration of restricted-party screening."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.engine import screen_raw
from checker.parties import Entry, PartyIndex, PartyScreener, with_lists
from checker.parties.config import ConfigError, ListConfig, compile_lists
from checker.parties.formats import ListFormatError, read_list
from checker.parties.normalize import name_tokens, skeleton, translit
from checker.parties.store import StoreError, loads
from checker.reference import load_reference

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def test_ofac_sdn_csv_parses_names_aliases_types_programmes():
    lst = read_list("ofac-sdn-csv", FIXTURES / "ofac_sdn_sample.csv", date="2024-05-03")
    by_id = {e.id: e for e in lst.entries}
    assert lst.date == "2024-05-03" and len(by_id) == 22
    assert by_id["306"].names == ("BANCO NACIONAL DE CUBA", "BNC")
    assert by_id["3754"].names[1] == "ABU-'UMAR"  # apostrophe inside an a.k.a.
    assert by_id["90001"].names == ("EXAMPLE NORTHWIND TRADING FZE", "NORTHWIND GENERAL TRADING", "NORTH WIND FZCO")
    assert by_id["12735"].programs == ("SYRIA", "SYRIA-EO13894")
    assert by_id["48060"].type == "individual" and "Israel" in by_id["48060"].countries
    assert by_id["90004"].type == "vessel" and by_id["90005"].type == "aircraft" and by_id["36"].type == "entity"


def test_uk_csv_groups_rows_by_id_with_primary_name_first():
    lst = read_list("uk-csv", FIXTURES / "uk_sanctions_list.csv")
    assert lst.date == "2024-05-03"
    first = lst.entries[0]
    assert first.names[0] == "Aleksandr Ivanovich Petrenko-Volkoff"
    assert "Alexander Petrenko-Volkov" in first.names and first.listed == "2022-03-15"
    assert [e.type for e in lst.entries] == ["individual", "entity", "vessel"]


@pytest.mark.parametrize("fmt,name", [("eu-xml", "eu_fsf.xml"), ("eu-csv", "eu_fsf.csv")])
def test_eu_formats(fmt, name):
    lst = read_list(fmt, FIXTURES / name)
    assert lst.date == "2024-05-02"
    person, company = lst.entries
    assert person.id == "EU.9001.01" and person.type == "individual" and person.programs == ("RUS",)
    assert company.names == ("Example Levant Monitoring Company S.A.L.", "ELMC") and company.listed == "2012-01-19"


def test_un_xml_and_opensanctions():
    un = read_list("un-xml", FIXTURES / "un_consolidated.xml")
    assert un.date == "2024-05-03" and un.entries[0].id == "QDi.999"
    assert "Abd al-Rahman al-Fiktiwi" in un.entries[0].names and un.entries[0].listed == "2011-06-07"
    assert un.entries[1].type == "entity" and un.entries[1].names[1] == "EKGTC"
    os_ = read_list("opensanctions-csv", FIXTURES / "opensanctions_targets.simple.csv")
    assert os_.entries[1].type == "individual" and "Muhammad al-Fiktiwi" in os_.entries[1].names
    assert os_.entries[1].countries == ("YE", "SA") and os_.date == "2024-05-02"


@pytest.mark.parametrize(
    "fmt,name,where,problem",
    [
        ("ofac-sdn-csv", "sdn_short_row.csv", "line 1", "expected 12 fields"),
        ("ofac-sdn-csv", "sdn_bad_type.csv", "line 2", "unknown type 'submarine'"),
        ("eu-xml", "eu_broken.xml", "line 4", "XML syntax error"),
        ("opensanctions-csv", "opensanctions_no_name.csv", "line 1", "missing column(s) name"),
    ],
)
def test_malformed_files_name_file_line_and_problem(fmt, name, where, problem):
    with pytest.raises(ListFormatError) as info:
        read_list(fmt, FIXTURES / "bad" / name)
    text = str(info.value)
    assert name in text and where in text and problem in text


def test_wrong_format_for_file_is_reported():
    with pytest.raises(ListFormatError, match="not the UN"):
        read_list("un-xml", FIXTURES / "eu_fsf.xml")


@pytest.mark.parametrize(
    "a,b",
    [("Mohammed", "Muhammad"), ("Mohamed", "Mohammad"), ("Yevgeny", "Evgeniy"), ("Khalilov", "Halilov")],
)
def test_transliteration_variants_share_a_skeleton(a, b):
    assert skeleton(translit(a.lower())) == skeleton(translit(b.lower()))


def test_normalisation_legal_forms_articles_and_abd():
    assert name_tokens("Cytrox Holdings Zártkörűen Működő Részvénytársaság") == ["cytrox", "holdings"]
    assert name_tokens("INTELLEXA S.A.") == ["intellexa"]
    assert name_tokens("Computer Security Initiative Consultancy PTE. LTD.") == [
        "computer",
        "security",
        "initiative",
        "consultancy",
    ]
    assert name_tokens("Abd al-Rahman Yasin") == name_tokens("Abdul Rahman Yasin") == ["abd", "rahman", "yasin"]
    assert name_tokens("Limited") == ["limited"]  # never reduced to nothing


def test_cyrillic_names_meet_their_latin_aliases(eval_index):
    assert name_tokens("Евгений Пригожин") == ["evgeniy", "prigozhin"]
    assert name_tokens("ООО Позитив Текнолоджис") == ["pozitiv", "teknolodzhis"]
    assert translit("kasperskiy") == translit("kaspersky")
    index = PartyIndex([Entry("t", "1", "individual", ("PRIGOZHIN, Yevgeniy Viktorovich",))])
    top = index.search("Пригожин Евгений Викторович")[0]
    assert top.entry.id == "1" and top.strength == "strong"


def test_arabic_script_romanisation_table():
    from checker.parties.normalize import arabic_script_words, fold, romanise_arabic
    from checker.parties.similarity import abjad_similarity

    assert fold("محمد") == "mhmd" == skeleton(translit("mohammed")) == skeleton(translit("muhammad"))
    assert fold("مُحَمَّد") == "muhamad"  # written short vowels are kept, shadda and tatweel dropped
    assert fold("مـحـمـد") == "mhmd"
    assert fold("پ چ ژ گ ک ی") == "p ch zh g k y"  # Persian letters
    assert fold("ﷲ") == "allah" and fold("ﻻ") == "la"  # ligatures
    assert fold("عبد الله") == fold("عبدالله") == "abdullah"
    assert name_tokens("عبد الرحمن ياسين") == name_tokens("عبدالرحمن یاسین") == ["abd", "rhmn", "yasin"]
    assert name_tokens("بشار الأسد") == ["bshar", "asd"]  # the article, written joined, is set aside
    assert fold("وائل داود") == "wal dawd"  # waw first or after alef is w, hamza seats carry no letter
    assert fold("زهير") == "zehir" and translit("zehir") != translit("jir")  # z-h kept apart from zh
    assert fold("٢٠٢٤ ۱۴۰۳") == "2024 1403" and romanise_arabic("Intellexa") == "Intellexa"
    assert arabic_script_words("محمد Trading") == {"mhmd"}
    assert abjad_similarity("mhmd", translit("mohammed")) >= 0.9
    assert abjad_similarity("mhmud", translit("mahmoud")) >= 0.9
    assert abjad_similarity("mhmud", translit("mohamed")) == 0.0  # a written long vowel must be met


def test_arabic_script_names_meet_their_latin_entries(eval_index):
    assert eval_index.search("بشار الأسد")[0].entry.id == "12735"
    assert eval_index.search("موسى محمد أبو مرزوق")[0].strength == "strong"
    assert eval_index.search("مروم هارپاز")[0].entry.id == "ofac-sdn-2024-merom-harpaz"
    assert eval_index.search("محمود عباس") == [] and eval_index.search("محمد") == []


def test_mistyped_and_scattered_legal_forms_are_set_aside():
    assert name_tokens("AHETEI LIIMTED") == ["ahetei"]
    assert name_tokens("Unimatik Cmopany Limited") == ["unimatik"]
    assert name_tokens("Limited Company Unimatik Liability") == ["unimatik"]
    assert name_tokens("Magneton Stock Company") == ["magneton"]
    assert name_tokens("Moscow Stock Exchange") == ["moscow", "stock", "exchange"]  # no legal form: kept
    assert name_tokens("Ventora Mining S.A.S.U. S.A.") == ["ventora", "mining"]
    assert name_tokens("Obshchestvo s Ogranichennoy Otvetstvennostyu Ukon") == ["ukon"]
    assert name_tokens("Aliada Grp Inc") == ["aliada", "group"]


def test_split_and_joined_words_and_swapped_letters(eval_index):
    top = eval_index.search("Aero Caribbean Airlines")[0]  # was found only below the threshold (prefilter)
    assert top.entry.id == "36" and top.score >= 0.9
    assert name_tokens("PAEK, Se-Bong") == ["paek", "sebong"] and name_tokens("Cytrox-AD") == ["cytrox"]
    index = PartyIndex(
        [Entry("t", "1", "individual", ("AL-BARNAWI, Khalid",)), Entry("t", "2", "entity", ("SHOCK TEAM",))]
    )
    assert [m.entry.id for m in index.search("ALB-ARNAWI Khalid")] == ["1"]
    assert "written as one word" in index.search("ALB-ARNAWI Khalid")[0].why
    assert [m.entry.id for m in index.search("Shcok Team")] == ["2"]


def test_a_missing_letter_and_a_misspelt_common_word(eval_index):
    """One letter missing from a longer word ("Haraz" / "Harpaz") is a spelling variant; a misspelt common word
    ("Goup") counts as that common word instead of an unknown distinctive word."""
    assert eval_index.search("Merom Haraz")[0].entry.id == "ofac-sdn-2024-merom-harpaz"
    assert "11748" in {m.entry.id for m in eval_index.search("MAAMOUD Bashir Mohamed")}
    top = eval_index.search("NSO Goup")[0]
    assert top.entry.id == "bis-el-2021-nso-group" and "'goup' ~ 'group'" in top.why
    assert eval_index.search("Goup") == []  # still a common word on its own


def test_every_match_says_entry_alias_score_and_why(eval_index):
    match = eval_index.search("Tal Yonatan Dilian")[0]
    assert match.entry.id in ("ofac-sdn-2024-tal-jonathan-dilian", "48060")
    assert match.score >= 0.75 and "words matched" in match.why and match.alias


def test_common_words_alone_do_not_match(eval_index):
    assert eval_index.search("Group") == [] and eval_index.search("Technologies Ltd") == []


def test_sandvine_delisting_respects_the_screening_date():
    screener = load_reference().party_screener
    during = screener.screen_name("Sandvine Inc", "2024-06-01")
    after = screener.screen_name("Sandvine Inc", "2024-10-21")
    before = screener.screen_name("Sandvine Inc", "2023-01-01")
    assert during.strong and not during.former
    assert not after.current and after.former[0].entry.id == "bis-el-2024-sandvine"
    assert not before.current and not before.former


DEAL = {
    "schema_version": 1,
    "exporter": {"name": "Example Security Ltd", "country": "GB"},
    "product": {"name": "Scanner", "capabilities": ["vulnerability_scanning"]},
    "destination": {"country": "GR"},
    "end_user": {"name": "Aegean Shipping Services", "type": "private_company"},
    "intermediaries": [{"name": "Intellexa SA", "role": "distributor", "country": "GR"}],
}


def test_intermediary_intellexa_sa_is_a_stop():
    result = screen_raw(DEAL, on="2025-01-01")
    assert result.verdict == "STOP"
    s801 = [f for f in result.findings if f.code == "S801"]
    assert s801 and "distributor" in s801[0].message and s801[0].references[0].url


def test_sandvine_after_delisting_gives_no_match_findings():
    deal = dict(DEAL, intermediaries=[{"name": "Sandvine Inc", "role": "reseller", "country": "CA"}])
    codes = {f.code for f in screen_raw(deal, on="2025-01-01").findings}
    assert "S801" not in codes and "S802" not in codes and "S803" in codes


def test_exporter_is_not_screened():
    deal = dict(DEAL, exporter={"name": "Intellexa SA", "country": "GR"}, intermediaries=[])
    assert not [f for f in screen_raw(deal, on="2025-01-01").findings if f.code.startswith("S8")]


def test_provenance_says_no_official_list_was_imported():
    prov = screen_raw(DEAL, on="2025-01-01").provenance["party_screening"]
    assert prov["imported"] == [] and "No official sanctions or entity list was imported" in prov["note"]


def test_imported_list_is_screened_and_named_in_provenance():
    configs = [ListConfig("uk-test", "UK Sanctions List (fixture)", "uk-csv", str(FIXTURES / "uk_sanctions_list.csv"))]
    text, report = compile_lists(configs)
    assert "3 entries" in report[0]
    ref = with_lists(load_reference(), text)
    deal = dict(DEAL, intermediaries=[{"name": "Example Surveillance Systems OOO", "role": "agent", "country": "RU"}])
    result = screen_raw(deal, reference=ref, on="2025-01-01")
    assert result.verdict == "STOP"
    assert result.provenance["party_screening"]["imported"][0]["date"] == "2024-05-03"


def test_absent_configured_file_is_reported():
    with pytest.raises(ConfigError, match="does-not-exist.csv"):
        compile_lists([ListConfig("x", "X", "ofac-sdn-csv", "does-not-exist.csv")])


def test_store_rejects_other_versions():
    with pytest.raises(StoreError, match="version"):
        loads(json.dumps({"format": "cerg-party-lists", "version": 99}))


def test_store_ships_the_search_tables_and_refuses_older_versions():
    from checker.parties.store import CompiledEntries, dumps

    entries = [
        Entry("x", "1", "entity", ("INTELLEXA S.A.", "Intellexa")),
        Entry("x", "2", "individual", ("بشار الأسد",)),
    ]
    text = dumps([({"id": "x", "name": "X", "date": None}, entries)])
    raw = json.loads(text)
    assert raw["version"] == 3 and raw["index"]["words"] == ["intellexa", "bshar", "asd"]
    assert raw["index"]["names"] == [[0, 0, 0], [1, 0, 1, 2]]  # the second Intellexa alias is the same words
    compiled = loads(text)
    assert isinstance(compiled.entries, CompiledEntries) and compiled.tables is not None
    assert list(compiled.entries) == entries
    stale = loads(json.dumps({**raw, "normalizer": "old"}))  # made by another normalisation: indexed again
    assert stale.tables is None
    for lists in (compiled, stale):
        screener = PartyScreener([], lists)
        assert screener.screen_name("Intellexa SA", "2025-01-01").current[0].entry.id == "1"
        assert screener.screen_name("بشار الأسد", "2025-01-01").current[0].entry.id == "2"
    for version in (1, 2):
        with pytest.raises(StoreError, match=f"version {version}, .*rebuild it"):
            loads(json.dumps({**raw, "version": version}))
    bad = {**raw, "entries": [[*raw["entries"][0][:-1]], raw["entries"][1]]}  # a field missing
    with pytest.raises(StoreError, match="entry #0"):
        loads(json.dumps(bad))
    with pytest.raises(StoreError, match="index tables"):
        loads(json.dumps({k: v for k, v in raw.items() if k != "index"}))


def test_loading_twice_from_one_compiled_lists_leaves_its_tables_unchanged():
    from checker.parties.store import dumps

    entries = [Entry("x", "1", "entity", ("Intellexa Group",)), Entry("x", "2", "entity", ("Cytrox Holdings",))]
    compiled = loads(dumps([({"id": "x", "name": "X", "date": None}, entries)]))
    before = json.dumps(compiled.tables)
    curated = [Entry("curated", "c1", "entity", ("Intellexa Alliance",)), Entry("curated", "c2", "entity", ("Zzyzx",))]
    for _ in range(2):
        screener = PartyScreener(curated, compiled)
        assert {m.entry.id for m in screener.screen_name("Intellexa", "2025-01-01").current} == {"1", "c1"}
    assert json.dumps(compiled.tables) == before


def test_screen_names_in_one_call():
    screener = PartyScreener.from_texts(load_reference().listed_parties)
    results = screener.screen_names(["Intellexa SA", "Acme Widgets"], "2025-01-01")
    assert results[0].strong and not results[1].current


def test_cli_lists_show_and_screen():
    run = [sys.executable, "-m", "checker.cli"]
    shown = subprocess.run([*run, "lists", "show"], capture_output=True, text=True, cwd=ROOT)
    assert shown.returncode == 0 and "Curated listed parties" in shown.stdout
    screened = subprocess.run(
        [*run, "lists", "screen", "Cytrox AD", "--date", "2025-01-01"], capture_output=True, text=True, cwd=ROOT
    )
    assert screened.returncode == 3 and "strong" in screened.stdout


def test_cli_import_rejects_a_malformed_file(tmp_path):
    config = tmp_path / "site_data" / "lists.yml"
    config.parent.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker.cli",
            "lists",
            "import",
            "ofac-sdn-csv",
            str(FIXTURES / "bad" / "sdn_short_row.csv"),
            "--config",
            str(config),
            "--output",
            str(tmp_path / "o.json"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 65 and "line 1" in done.stderr and not config.exists()
