"""The committed reference bundle is what site_data/ compiles to, so the CLI, the browser and the site agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_committed_bundle_is_current() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen.bundle", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout


def test_check_detects_a_stale_bundle(tmp_path: Path) -> None:
    stale = tmp_path / "bundle.json"
    stale.write_text((ROOT / "checker" / "data" / "bundle.json").read_text().replace('"as_of"', '"as_of_"', 1))
    proc = subprocess.run(
        [sys.executable, "-m", "sitegen.bundle", "--check", "--output", str(stale)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1 and "out of date" in proc.stderr
