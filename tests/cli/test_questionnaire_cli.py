"""`dealcheck screen --format questionnaire|questionnaire-json`: the end-user questionnaire from the CLI, as a
subprocess, with the host's absolute links; the exit code still follows the verdict."""

from __future__ import annotations

import json
from pathlib import Path

from checker.yamlsubset import dumps
from tests.cli.test_cli import SCENARIOS, dealcheck, write
from tests.scenarios import SCREENING_DATE


def test_questionnaire_formats_from_the_cli(tmp_path: Path) -> None:
    path = write(tmp_path, "deal.yml", dumps(SCENARIOS["bluecoat-iraq-as-vendor-saw-it"]["deal"]))
    common = ("--date", SCREENING_DATE, "--base-url", "https://guide.example/", "--site-name", "Example Guide")
    proc = dealcheck("screen", path, *common, "--format", "questionnaire")
    assert proc.returncode == 2, proc.stderr  # ESCALATE, as for the report
    text = proc.stdout.decode()
    assert text.startswith("# End-user questionnaire: CL-2010-ORDER")
    assert "## To each intermediary: Computerlinks FZCO" in text and "## Draft end-user statement" in text
    assert "(https://guide.example/findings/r504/)" in text and "with Example Guide at https://guide.example/" in text
    proc = dealcheck("screen", path, *common, "--format", "questionnaire-json")
    data = json.loads(proc.stdout)
    assert data["verdict"] == "ESCALATE" and data["sections"][0]["questions"][0]["cites"]
    assert any(u["standard"] for u in data["end_user_statement"])


def test_questionnaire_of_a_bad_deal_names_the_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "deal.yml", "destination: {country: 12}\n")
    proc = dealcheck("screen", path, "--format", "questionnaire")
    assert proc.returncode == 65 and b"destination.country" in proc.stderr and proc.stdout == b""
