"""Every report format shows the destination's context facts that fed the verdict, with sources and years."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from checker.yamlsubset import dumps
from tests.scenarios import load_scenarios

DEAL = dict(load_scenarios())["context-same-family-egypt-exploit-security"]["deal"]


def run(fmt: str, tmp_path: Path) -> str:
    path = tmp_path / "deal.yml"
    path.write_text(dumps(DEAL), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "screen", "--format", fmt, str(path)], capture_output=True, text=True
    )
    assert done.returncode == 3, done.stderr  # STOP
    return done.stdout


def test_text_markdown_and_html_reports_name_indicator_value_year_and_source(tmp_path: Path) -> None:
    for fmt in ("text", "markdown", "html"):
        out = run(fmt, tmp_path).replace("&#x27;", "'").replace("\\", "")  # Markdown escapes punctuation
        assert "Voice and Accountability -1.38 (percentile rank 10.8), 2023 (WGI 2024 update)" in out, fmt
        assert "World Bank (D. Kaufmann and A. Kraay), Worldwide Governance Indicators, CC BY 4.0" in out, fmt
        assert "past the date its next edition was expected" in out, fmt
        assert "Predator spyware against presidential hopeful Ahmed Eltantawy (2023-09" in out, fmt


def test_json_report_carries_the_facts_as_references(tmp_path: Path) -> None:
    result = json.loads(run("json", tmp_path))
    refs = [r for f in result["findings"] for r in f["references"]]
    indicators = [r for r in refs if r["kind"] == "indicator"]
    assert {r["id"] for r in indicators} >= {"wgi_va:EG", "wgi_rl:EG"}
    assert all(r["sources"] == ["wgi-2024-data", "wgi-2024-methodology", "worldbank-data-licence"] for r in indicators)
    misuse = [r for r in refs if r["kind"] == "misuse_record"]
    assert misuse and misuse[0]["page"] == "countries/eg/#misuse" and misuse[0]["sources"]
    u401 = next(f for f in result["findings"] if f["code"] == "U401")
    assert "indicators showing serious repression" in u401["message"]
