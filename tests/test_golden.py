"""Every worked scenario's JSON, text, Markdown and HTML report equals its golden file byte for byte.

A difference is either a regression or an intended change; for the latter run `python -m tests.golden --update`
and commit the regenerated files with the change (tests/golden/__init__.py says more).
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden import FORMATS, GOLDEN_DIR, reports
from tests.scenarios import load_scenarios

NAMES = [f"{name}.{suffix}" for name, _ in load_scenarios() for suffix in FORMATS.values()]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return dict(reports())


@pytest.mark.parametrize("name", NAMES)
def test_report_matches_golden(rendered: dict[str, str], name: str) -> None:
    path = GOLDEN_DIR / name
    assert path.is_file(), f"no golden file {name}: run `python -m tests.golden --update` and commit it"
    golden = path.read_bytes()
    actual = rendered[name].encode("utf-8")
    if actual != golden:
        diff = difflib.unified_diff(
            golden.decode("utf-8").splitlines(), rendered[name].splitlines(), "golden", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{name} differs from its golden file (intended? `python -m tests.golden --update`):\n{shown}")


def test_no_golden_file_without_a_scenario() -> None:
    stale = sorted(p.name for p in GOLDEN_DIR.glob("*.*") if p.name not in NAMES)
    assert not stale, f"golden files of removed scenarios: {stale}; `python -m tests.golden --update` drops them"


def test_regenerate_command_writes_and_checks(tmp_path: Path) -> None:
    """The documented commands, run as a developer runs them: --update fills a directory, the check then passes,
    and a changed byte is reported with exit status 1."""
    command = [sys.executable, "-m", "tests.golden", "--dir", str(tmp_path)]
    missing = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and "missing: amesys-libya.json" in missing.stdout
    assert subprocess.run([*command, "--update"], cwd=ROOT, capture_output=True, check=False).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)
    assert (tmp_path / "amesys-libya.html").read_bytes() == (GOLDEN_DIR / "amesys-libya.html").read_bytes()
    ok = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout
    page = tmp_path / "amesys-libya.md"
    page.write_bytes(page.read_bytes().replace(b"STOP", b"PROCEED", 1))
    (tmp_path / "retired-scenario.txt").write_text("old\n")
    changed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert changed.returncode == 1
    assert "differs: amesys-libya.md" in changed.stdout and "stale: retired-scenario.txt" in changed.stdout
