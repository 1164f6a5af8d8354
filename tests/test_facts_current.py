"""Facts that were true once and changed in 2025-2026: the data says what is true now, and the checker acts on it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
REF = load_reference()
PARTIES = {p["id"]: p for p in REF.raw["listed_parties"]}
DELISTED_INTELLEXA = {
    "Sara Aleksandra Fayssal Hamou": "ofac-sdn-2024-sara-aleksandra-fayssal-hamou",
    "Merom Harpaz": "ofac-sdn-2024-merom-harpaz",
    "Andrea Nicola Constantino Hermes Gambazzi": "ofac-sdn-2024-andrea-gambazzi",
}


def screen(tmp_path: Path, name: str, country: str = "CY") -> tuple[int, dict]:
    deal = {
        "schema_version": 1,
        "exporter": {"name": "Example Security Ltd", "country": "GB"},
        "product": {"name": "Endpoint protection", "capabilities": ["endpoint_protection"]},
        "destination": {"country": country},
        "end_user": {"name": name, "type": "individual", "end_user_statement": "signed"},
    }
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(deal), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "checker", "screen", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return run.returncode, json.loads(run.stdout)


@pytest.mark.parametrize("record_id", sorted(DELISTED_INTELLEXA.values()))
def test_intellexa_executives_removed_from_the_sdn_list_on_30_dec_2025(record_id: str) -> None:
    record = PARTIES[record_id]
    assert str(record["delisted"]) == "2025-12-30"
    assert record["confidence"] in ("confirmed", "secondary")
    assert "30 Dec 2025" in record["note"]


@pytest.mark.parametrize("name", sorted(DELISTED_INTELLEXA))
def test_formerly_listed_intellexa_names_are_not_a_stop(tmp_path: Path, name: str) -> None:
    code, result = screen(tmp_path, name)
    assert result["verdict"] != "STOP" and code != 3, result
    codes = {f["code"] for f in result["findings"]}
    assert "S801" not in codes and "S802" not in codes
    former = [f for f in result["findings"] if f["code"] == "S803"]
    assert former and "formerly listed" in former[0]["message"]


def test_intellexa_founder_is_still_a_stop(tmp_path: Path) -> None:
    code, result = screen(tmp_path, "Tal Jonathan Dilian", "IL")  # his listed country: an exact match
    assert code == 3 and result["verdict"] == "STOP"
    assert PARTIES["ofac-sdn-2024-tal-jonathan-dilian"]["delisted"] is None
    assert PARTIES["ofac-sdn-2024-tal-jonathan-dilian"]["entry_id"] == "48060"  # OFAC UID


def test_intellexa_case_study_mentions_the_delisting() -> None:
    text = (ROOT / "site_data" / "content" / "case_studies" / "intellexa-cytrox-predator.yml").read_text()
    assert "30 Dec 2025" in text and "Harpaz" in text


def test_cambodia_left_itar_126_1_and_d5_on_7_nov_2025() -> None:
    in_force = [m.id for m in REF.measures_for("KH") if m.in_force]
    assert not [i for i in in_force if i.startswith(("us-itar", "us-ear-d5"))], in_force
    lifted = REF.measures["us-itar-126-1-kh"]
    assert lifted.in_force is False and str(lifted.ended) == "2025-11-07"
    assert str(REF.measures["us-ear-d5-kh"].ended) == "2025-11-07"
    assert "KH" not in REF.measures["us-itar-126-1-d2"].targets
    assert "Cambodia left both on 7 Nov 2025" in REF.measures["us-ear-d5"].scope


def test_darfur_embargo_latest_renewal_is_resolution_2791() -> None:
    measure = REF.measures["un-sd-darfur"]
    assert "2791" in measure.instrument and measure.review_by == "2026-09-12"
    assert "un-press-sc16165" in measure.sources


def test_whatsapp_v_nso_damages_cut_and_injunction() -> None:
    text = (ROOT / "site_data" / "content" / "case_studies" / "nso-group-pegasus.yml").read_text()
    assert "17 October 2025" in text and "permanent injunction" in text and "about $4 million" in text


def test_ofac_zimbabwe_program_terminated_4_mar_2024() -> None:
    ended = REF.measures["us-zw-ofac"]
    assert ended.in_force is False and str(ended.ended) == "2024-03-04"
    assert "14118" in ended.instrument
    assert REF.measures["us-zw-global-magnitsky"].in_force is True


def test_cambodia_deal_gets_no_us_arms_embargo_finding(tmp_path: Path) -> None:
    deal = {
        "schema_version": 1,
        "exporter": {"name": "Example Security Ltd", "country": "US"},
        "product": {"name": "Firewall", "capabilities": ["firewall"]},
        "destination": {"country": "KH"},
        "end_user": {"name": "Phnom Penh Logistics", "type": "private_company", "end_user_statement": "signed"},
    }
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(deal), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "checker", "screen", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    result = json.loads(run.stdout)
    cited = {r.get("id") for f in result["findings"] for r in f.get("references", [])}
    assert not {"us-itar-126-1-d2", "us-ear-d5"} & cited, cited


def test_report_notes_a_fact_past_its_review_date(tmp_path: Path) -> None:
    deal = {
        "schema_version": 1,
        "exporter": {"name": "Example Security Ltd", "country": "GB"},
        "product": {"name": "Intrusion suite", "capabilities": ["remote_intrusion"]},
        "destination": {"country": "SD"},
        "end_user": {"name": "Ministry", "type": "government_security"},
    }
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(deal), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "checker", "screen", str(path), "--date", "2026-12-01"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert "may be out of date (review date 2026-09-12 has passed)" in run.stdout
    assert "Res 2791 (2025)" in run.stdout and "(checked 2026-12-01)" in run.stdout


CONTROL_ENTRIES = {c["id"]: c for c in REF.raw["control_entries"]}
SDN_FILE = ROOT.parent / "shared" / "data" / "ofac-sdn-2024-05-03.csv"


def test_no_listed_party_or_control_entry_rests_on_our_own_notes() -> None:
    for kind, records in (("listed party", PARTIES), ("control entry", CONTROL_ENTRIES)):
        for ident, record in records.items():
            assert "project-research-notes" not in record["sources"], f"{kind} {ident} cites only our notes"


def test_positive_technologies_sdn_record_is_the_official_entry() -> None:
    record = PARTIES["ofac-sdn-2021-positive-technologies"]
    assert record["confidence"] == "confirmed" and record["entry_id"] == "31455"
    assert str(record["listed"]) == "2021-04-15" and record["delisted"] is None
    assert "AKTSIONERNOE OBSHCHESTVO POZITIV TEKNOLODZHIZ" in record["names"]


def test_curated_ofac_uids_name_the_same_party_as_the_sdn_file() -> None:
    """Every curated OFAC record's UID is the SDN file's entry of one of its names (the file of 3 May 2024)."""
    if not SDN_FILE.exists():
        pytest.skip("the shared OFAC SDN file is not on this machine")
    import csv

    with SDN_FILE.open(encoding="latin-1", newline="") as handle:
        names_by_uid = {row[0].strip(): row[1].strip().upper() for row in csv.reader(handle) if len(row) > 1}
    checked = 0
    for ident, record in PARTIES.items():
        if record.get("list") != "US OFAC SDN list" or not record.get("entry_id"):
            continue
        listed = str(record.get("listed"))
        if listed > "2024-05-03":
            continue  # designated after the file we hold
        uid = str(record["entry_id"])
        assert uid in names_by_uid, f"{ident}: UID {uid} is not in the SDN file"
        assert names_by_uid[uid] in {n.upper() for n in record["names"]}, (ident, names_by_uid[uid])
        checked += 1
    assert checked >= 8
