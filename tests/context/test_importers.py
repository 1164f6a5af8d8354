"""`dealcheck context import` as a host runs it: a subprocess on a copy of site_data/, real published rows, bad files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def dealcheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, timeout=120, check=False, cwd=cwd
    )


@pytest.fixture()
def site_copy(tmp_path: Path) -> Path:
    target = tmp_path / "site_data"
    shutil.copytree(ROOT / "site_data", target)
    return target


def test_fotn_import_adds_values_the_checker_weighs(site_copy: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    run = dealcheck(
        "context", "import", "fotn-csv", str(FIXTURES / "fotn_sample.csv"),
        "--edition", "2024", "--published", "2024-10-16",
        "--site-data", str(site_copy), "--output", str(bundle),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "2 values for 2 countries" in run.stdout
    imported = json.loads((site_copy / "context" / "imported.yml").read_text().split("\n", 2)[-1])
    assert imported["datasets"][0]["licence"].startswith("Freedom House terms")
    assert imported["datasets"][0]["redistribution"] is False
    data = json.loads(bundle.read_text())
    assert data["context"]["values"]["CN"]["fotn_total"]["value"] == 9
    assert data["context"]["values"]["MM"]["fotn_total"]["value"] == 9
    assert "IS" not in {c for c, v in data["context"]["values"].items() if "fotn_total" in v}  # 2023 row left out
    # The imported file is kept unchanged, and the source the values cite is registered.
    copied = site_copy / "context" / "data" / "fotn-2024-2024.csv"
    assert copied.read_bytes() == (FIXTURES / "fotn_sample.csv").read_bytes()
    assert any(s["id"] == "fotn-2024-import" for s in data["sources"])
    # The checker weighs it: Myanmar's FOTN score is at the repression threshold in a screening with this bundle.
    deal = tmp_path / "deal.json"
    deal.write_text(
        json.dumps(
            {
                "product": {"name": "Locator", "capabilities": ["location_tracking"]},
                "destination": {"country": "MM"},
                "end_user": {
                    "name": "Example Telecom",
                    "type": "private_telecom_operator",
                    "end_user_statement": "signed",
                },
            }
        )
    )
    screen = dealcheck("--data", str(bundle), "screen", str(deal), "--format", "json")
    result = json.loads(screen.stdout)
    messages = " ".join(f["message"] for f in result["findings"] if f["code"] in ("C304", "C300"))
    assert "Internet freedom score 9, 2024 (Freedom on the Net 2024)" in messages


def test_reimport_replaces_the_dataset_and_year_option(site_copy: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    common = ("--site-data", str(site_copy), "--output", str(bundle))
    first = dealcheck("context", "import", "fotn-csv", str(FIXTURES / "fotn_sample.csv"), "--edition", "2024",
                      "--published", "2024-10-16", *common)  # fmt: skip
    assert first.returncode == 0, first.stderr
    again = dealcheck("context", "import", "fotn-csv", str(FIXTURES / "fotn_sample.csv"), "--edition", "2023",
                      "--published", "2023-10-04", "--year", "2023", *common)  # fmt: skip
    assert again.returncode == 0, again.stderr
    imported = json.loads((site_copy / "context" / "imported.yml").read_text().split("\n", 2)[-1])
    assert [d["edition"] for d in imported["datasets"]] == ["2023"]
    values = json.loads(bundle.read_text())["context"]["values"]
    assert values["IS"]["fotn_total"]["value"] == 94
    assert "fotn_total" not in values.get("CN", {})


def test_wgi_import_reads_the_published_rows(site_copy: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    run = dealcheck("context", "import", "wgi-csv", str(FIXTURES / "wgi_sample.csv"), "--id", "wgi-test",
                    "--edition", "2024 update", "--published", "2024-11", "--site-data", str(site_copy),
                    "--output", str(bundle))  # fmt: skip
    assert run.returncode == 0, run.stderr
    values = json.loads(bundle.read_text())["context"]["values"]
    assert round(values["NO"]["wgi_va"]["value"], 4) == 1.7773  # the 2023 row, not 2022's 1.7807
    assert values["AD"]["wgi_rl"]["rank"] == pytest.approx(91.5094, abs=1e-3)  # ADO is Andorra
    assert "KSV" not in values and "XK" not in values


@pytest.mark.parametrize(
    ("fmt", "name", "where", "problem"),
    [
        ("wgi-csv", "wgi_bad_estimate.csv", ":3:", "estimate: 'about 1.8' is not a number"),
        ("wgi-csv", "wgi_wrong_header.csv", ":1:", "header is not the WGI data file's"),
        ("wgi-csv", "wgi_unknown_code.csv", ":3:", "'XYZ' is not an ISO 3166-1 alpha-3 code"),
        ("fotn-csv", "fotn_status_mismatch.csv", ":3:", "does not agree with the total score 94"),
        ("fotn-csv", "fotn_unknown_country.csv", ":3:", "'Atlantis' is not a country name we know"),
        ("fotn-csv", "fotn_no_total.csv", ":1:", "no 'Total Score'"),
        ("fotn-csv", "wgi_sample.csv", ":1:", "no 'Country'"),
    ],
)
def test_malformed_files_are_refused_with_file_and_line(
    site_copy: Path, tmp_path: Path, fmt: str, name: str, where: str, problem: str
) -> None:
    path = FIXTURES / "bad" / name if (FIXTURES / "bad" / name).exists() else FIXTURES / name
    before = (site_copy / "context").stat().st_mtime_ns
    run = dealcheck("context", "import", fmt, str(path), "--edition", "2024", "--published", "2024-10-16",
                    "--site-data", str(site_copy), "--output", str(tmp_path / "b.json"))  # fmt: skip
    assert run.returncode == 65, run.stdout + run.stderr
    assert f"{name}{where}" in run.stderr and problem in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert not (site_copy / "context" / "imported.yml").exists()
    assert (site_copy / "context").stat().st_mtime_ns == before
    assert not (tmp_path / "b.json").exists()


def test_usage_errors(site_copy: Path, tmp_path: Path) -> None:
    missing = dealcheck("context", "import", "fotn-csv", str(tmp_path / "nope.csv"), "--edition", "1",
                        "--published", "2024", "--site-data", str(site_copy))  # fmt: skip
    assert missing.returncode == 66 and "cannot read the file" in missing.stderr
    bad_date = dealcheck("context", "import", "fotn-csv", str(FIXTURES / "fotn_sample.csv"), "--edition", "1",
                         "--published", "16/10/2024", "--site-data", str(site_copy))  # fmt: skip
    assert bad_date.returncode == 64 and "--published" in bad_date.stderr
    unknown = dealcheck("context", "import", "freedom-xlsx", "x.csv", "--edition", "1", "--published", "2024")
    assert unknown.returncode == 64


def test_show_lists_the_shipped_dataset() -> None:
    run = dealcheck("context", "show")
    assert run.returncode == 0
    assert "Worldwide Governance Indicators (2024 update, data for 2023; CC BY 4.0)" in run.stdout
    data = json.loads(dealcheck("context", "show", "--format", "json").stdout)
    assert data[0]["countries"] >= 200
