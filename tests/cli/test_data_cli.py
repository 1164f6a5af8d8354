"""`dealcheck data audit|diff|version` as a host runs them: subprocesses on fixture bundles and on the shipped one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLES = ROOT / "tests" / "fixtures" / "bundles"


def dealcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_audit_json_lists_unverified_stale_not_rechecked_and_weak_facts() -> None:
    run = dealcheck("data", "audit", str(BUNDLES / "new.json"), "--format", "json", "--date", "2026-12-01")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    items = {i["key"]: i for i in report["items"]}
    assert report["data_version"] == "0000000000000002" and report["counts"]["facts"] == 5
    darfur = items["measure:un-sd-darfur"]["reasons"]
    assert "confidence possibly_lapsed" in darfur and any("review date 2026-09-12 has passed" in r for r in darfur)
    assert "confidence secondary" in items["measure:us-itar-126-1-kh"]["reasons"]
    step = items["step:end-user"]["reasons"]
    assert any(r.startswith("stale: last verified 2025-01-10") for r in step)
    assert "date carried over by the migration, not re-checked" in step
    assert "sources not in the bundle: menafn-gone" in step
    assert "measure:us-itar-126-1-d2" not in items  # confirmed, current, primary: nothing to do
    assert items["step:end-user"]["file"] == "site_data/content/steps/end-user.md"


def test_audit_text_and_its_gate() -> None:
    run = dealcheck("data", "audit", str(BUNDLES / "new.json"), "--date", "2026-12-01", "--fail-on-flagged")
    assert run.returncode == 1
    assert "4 of 5 facts need a look" in run.stdout
    assert "measure:un-sd-darfur: Darfur arms embargo" in run.stdout
    longer = dealcheck("data", "audit", str(BUNDLES / "new.json"), "--date", "2026-12-01", "--stale-after-days", "900")
    assert "stale: last verified" not in longer.stdout


def test_audit_flags_weak_sources_in_an_old_format_bundle() -> None:
    run = dealcheck("data", "audit", str(BUNDLES / "old.json"), "--format", "json", "--date", "2026-12-01")
    report = json.loads(run.stdout)
    gone = next(i for i in report["items"] if i["key"] == "measure:eu-gone")
    assert any("date carried over" in r for r in gone["reasons"])  # an `as_of` bundle: nothing was re-checked


def test_audit_of_the_shipped_bundle() -> None:
    run = dealcheck("data", "audit", "--format", "json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["counts"]["facts"] > 150
    kinds = {i["kind"] for i in report["items"]}
    assert "measure" in kinds and "step" in kinds  # pages and steps are audited too, not only the engine's data


def test_diff_lists_added_changed_and_removed_records() -> None:
    run = dealcheck("data", "diff", str(BUNDLES / "old.json"), str(BUNDLES / "new.json"))
    assert run.returncode == 0, run.stderr
    text = run.stdout
    assert "from data version 0000000000000001 (2026-05-01) to 0000000000000002 (2026-12-01)" in text
    assert "added measure `us-itar-126-1-kh`: ITAR 126.1: Cambodia (removed 7 Nov 2025)" in text
    assert "removed measure `eu-gone`" in text
    assert 'targets: ["AF", "KH"] -> ["AF"]' in text
    assert (
        "changed listed party `ofac-sdn-2024-merom-harpaz` (Merom Harpaz): confidence: confirmed -> secondary" in text
    )
    assert "delisted: (none) -> 2025-12-30" in text
    assert "added source `dla`" in text and "removed source `menafn-story`" in text


def test_diff_json_and_markdown() -> None:
    run = dealcheck("data", "diff", str(BUNDLES / "old.json"), str(BUNDLES / "new.json"), "--format", "json")
    report = json.loads(run.stdout)
    measures = report["sections"]["measures"]
    assert [a["id"] for a in measures["added"]] == ["us-itar-126-1-kh"]
    assert [r["id"] for r in measures["removed"]] == ["eu-gone"]
    changed = {c["id"]: {f["field"] for f in c["fields"]} for c in measures["changed"]}
    assert changed == {"us-itar-126-1-d2": {"targets"}, "un-sd-darfur": {"instrument", "review_by"}}
    md = dealcheck("data", "diff", str(BUNDLES / "old.json"), str(BUNDLES / "new.json"), "--format", "markdown")
    assert "## Measures {#measures}" in md.stdout and "- added measure `us-itar-126-1-kh`" in md.stdout


def test_diff_of_a_bundle_with_itself_says_nothing_changed() -> None:
    run = dealcheck("data", "diff", str(BUNDLES / "new.json"), str(BUNDLES / "new.json"))
    assert "No measure, party, entry, case study, source or fact was added, changed or removed." in run.stdout


def test_bad_bundles_get_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"measures": [', encoding="utf-8")
    run = dealcheck("data", "diff", str(broken), str(BUNDLES / "new.json"))
    assert run.returncode == 66 and f"{broken}:1: not a JSON bundle" in run.stderr and "Traceback" not in run.stderr
    missing = dealcheck("data", "audit", str(tmp_path / "none.json"))
    assert missing.returncode == 66 and "no such file" in missing.stderr
    other = tmp_path / "other.json"
    other.write_text("[1, 2]", encoding="utf-8")
    assert "not a reference bundle" in dealcheck("data", "audit", str(other)).stderr
    assert dealcheck("data", "audit", "--date", "yesterday").returncode == 64


def test_version_names_the_bundle() -> None:
    run = dealcheck("data", "version", str(BUNDLES / "new.json"))
    assert run.stdout == "0000000000000002 (data as of 2026-12-01)\n"
