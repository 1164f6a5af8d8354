"""Each match explained where users read it: the CLI's reports and the checker page's report (the worker's `screen`
answer is what the page shows), with the kind and country the deal gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from checker.browser import handle

DEAL = {
    "schema_version": 1,
    "exporter": {"name": "Example Security Ltd", "country": "GB"},
    "product": {"name": "NetWatch 5", "capabilities": ["deep_packet_inspection"], "mass_market": False},
    "destination": {"country": "HU"},
    "end_user": {"name": "Cytrox Holdings Ltd", "type": "private_company", "end_user_statement": "signed"},
    "intermediaries": [{"name": "Intelexa AE", "role": "distributor", "country": "GR"}],
}


def _screen_cli(tmp_path: Path, deal: dict, fmt: str) -> str:
    path = tmp_path / "deal.json"
    path.write_text(json.dumps(deal), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "checker", "screen", str(path), "--format", fmt],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode in (0, 1, 2, 3), run.stderr
    return run.stdout


def test_the_text_and_markdown_reports_explain_each_match(tmp_path):
    for fmt in ("text", "markdown"):
        out = _screen_cli(tmp_path, DEAL, fmt).replace("\\", "").replace("&#126;", "~")  # Markdown escapes
        # which listed name matched, each word pair, and what lowered the score
        assert "Cytrox Holdings ZRT" in out, out
        assert "'cytrox' = 'cytrox'" in out and "'holdings' = 'holdings'" in out
        assert "a legal form of another country (limited / zrt)" in out
        assert "'intelexa' ~ 'intellexa' (transliteration variant)" in out
        assert "the country GR matches the entry's (GR)" in out


def test_the_checker_page_report_explains_each_match():
    answer = json.loads(handle(json.dumps({"op": "screen", "deal": DEAL, "on": "2026-12-01"})))
    assert answer["ok"], answer
    fragment = answer["fragment"]
    assert "a legal form of another country (limited / zrt)" in fragment
    assert "&#x27;cytrox&#x27; = &#x27;cytrox&#x27;" in fragment or "'cytrox' = 'cytrox'" in fragment


def _codes(deal: dict) -> tuple[list[str], str]:
    answer = json.loads(handle(json.dumps({"op": "screen", "deal": deal, "on": "2026-12-01"})))
    return answer["codes"], answer["fragment"].replace("&#x27;", "'")


def test_another_country_asks_for_verification_instead_of_stopping():
    deal = {**DEAL, "intermediaries": [{"name": "Cytrox Holdings Ltd", "role": "distributor", "country": "AE"}]}
    deal["end_user"] = {"type": "private_company"}
    codes, fragment = _codes(deal)
    assert "S802" in codes and "S801" not in codes
    assert "the country AE is not the entry's (HU)" in fragment


def test_a_person_is_not_matched_against_a_company_and_the_country_counts():
    person = {**DEAL, "end_user": {"name": "Cytrox", "type": "individual"}, "intermediaries": []}
    codes, _ = _codes(person)
    assert "S801" not in codes and "S802" not in codes  # the listed Cytrox entries are companies
    # Cytrox AD is listed with country MK: a distributor there stops the deal, one elsewhere asks for verification
    for country, stop in (("MK", True), ("BR", False)):
        deal = {**DEAL, "end_user": {"type": "private_company"}}
        deal["intermediaries"] = [{"name": "Cytrox", "role": "distributor", "country": country}]
        codes, _ = _codes(deal)
        assert ("S801" in codes) == stop and ("S802" in codes) == (not stop), (country, codes)
