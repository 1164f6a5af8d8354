"""`dealcheck lists import` is atomic (a refused import changes no file, so `lists build` keeps working) and linear
in the size of its input (an absurd name is refused with a clear error, fast)."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import pytest


def sdn_file(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for ent_num, name in rows:
            writer.writerow([ent_num, name, "-0-", "[SDGT]", *(["-0-"] * 8)])
    return path


def lists(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "site_data" / "lists.yml"
    config.parent.mkdir(exist_ok=True)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "lists",
            *args,
            "--config",
            str(config),
            "--output",
            str(tmp_path / "o.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def snapshot(tmp_path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (tmp_path / "site_data" / "lists.yml", tmp_path / "o.json") if p.exists()}


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    good = sdn_file(tmp_path / "sdn.csv", [("1", "ACME SURVEILLANCE LTD"), ("2", "BETA INTERCEPT SA")])
    proc = lists(tmp_path, "import", "ofac-sdn-csv", str(good), "--date", "2024-05-03", "--id", "ofac-test")
    assert proc.returncode == 0, proc.stderr
    return tmp_path


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--id", "Not Kebab!"], "--id"),
        (["--url", "javascript:alert(1)//"], "--url"),
        (["--url", "data:text/html,x"], "--url"),
        ([], "states no date"),  # the OFAC CSV has no date of its own and none is given
    ],
)
def test_a_refused_import_changes_nothing(imported: Path, extra: list[str], message: str) -> None:
    before = snapshot(imported)
    other = sdn_file(imported / "other.csv", [("7", "GAMMA LTD")])
    proc = lists(imported, "import", "ofac-sdn-csv", str(other), *extra)
    assert proc.returncode == 65 and message in proc.stderr and "nothing was changed" in proc.stderr
    assert snapshot(imported) == before
    rebuilt = lists(imported, "build", "--check")
    assert rebuilt.returncode == 0, rebuilt.stderr


def test_an_absurdly_long_name_is_refused_fast(tmp_path: Path) -> None:
    for length in (50_000, 200_000, 5_000_000):
        path = sdn_file(tmp_path / f"long{length}.csv", [("1", "ACME " + "A" * length), ("2", "BETA")])
        started = time.perf_counter()
        proc = lists(tmp_path, "import", "ofac-sdn-csv", str(path), "--date", "2024-05-03")
        elapsed = time.perf_counter() - started
        assert proc.returncode == 65 and "the limit is 1,000" in proc.stderr and "entry 1" in proc.stderr
        assert elapsed < 30, f"{elapsed:.1f} s for a {length:,}-character name"  # was 19 s for 200,000 (n^2)
        assert not (tmp_path / "site_data" / "lists.yml").exists()


def test_a_long_but_legal_name_imports_in_linear_time(tmp_path: Path) -> None:
    """990 letters in one word: the legal-form typo check used to try every deletion of every long word."""
    path = sdn_file(tmp_path / "ok.csv", [("1", "A" * 990), ("2", "BETA " * 150)])
    proc = lists(tmp_path, "import", "ofac-sdn-csv", str(path), "--date", "2024-05-03")
    assert proc.returncode == 0, proc.stderr
