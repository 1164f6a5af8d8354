"""The engine tests (tests/engine) run inside Pyodide under Node, offline, and pass there exactly as in CPython.

`run_pytest.mjs` loads the pinned Pyodide from node_modules/pyodide, installs the checker as a pure wheel built from
this tree (sitegen/wheel.py, the builder the site uses) plus the pytest/hypothesis wheels `bash dev.sh setup` downloads, and runs pytest there.
The comparison is by node id, so a test that is not collected in Pyodide (or skipped there) fails this test.
Missing Node, node_modules/pyodide or the wheels is a failure with the command to run, never a skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sitegen.wheel import write_wheel
from tests.pyodide.node import PyodideUnavailable, find_node, run_with_checker_wheel

pytestmark = pytest.mark.pyodide

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run_pytest.mjs")
WHEELS = ROOT / ".cache" / "pyodide-wheels"
TIMEOUT = 900
OK_OUTCOMES = {"passed", "xfailed"}


def _check_setup() -> None:
    try:
        find_node()
    except PyodideUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    if not any(WHEELS.glob("pytest-*.whl")) or not any(WHEELS.glob("hypothesis-*.whl")):
        pytest.fail(
            f"{WHEELS.relative_to(ROOT)} lacks the pytest/hypothesis wheels for Pyodide: run `bash dev.sh setup`",
            pytrace=False,
        )


def _tail(text: str, lines: int = 80) -> str:
    return "\n".join(text.splitlines()[-lines:])


def run_in_pyodide(tmp_path: Path, pytest_args: list[str]) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    _check_setup()
    summary = tmp_path / "pyodide-summary.json"
    proc = run_with_checker_wheel(
        RUNNER, tmp_path / "wheel", ["--summary", str(summary), "--", *pytest_args], timeout=TIMEOUT
    )
    if not summary.is_file():
        pytest.fail(
            f"the Pyodide run wrote no summary (exit status {proc.returncode})\n{_tail(proc.stdout)}\n{_tail(proc.stderr)}",
            pytrace=False,
        )
    return proc, json.loads(summary.read_text(encoding="utf-8"))


def collect_in_cpython(tmp_path: Path, target: str) -> list[str]:
    summary = tmp_path / "cpython-summary.json"
    env = {**os.environ, "PYTEST_SUMMARY_JSON": str(summary)}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "tests.pyodide.pytest_summary"]
        + ["-p", "no:cacheprovider", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert proc.returncode == 0, f"collecting {target} in CPython failed:\n{_tail(proc.stdout)}\n{_tail(proc.stderr)}"
    return json.loads(summary.read_text(encoding="utf-8"))["collected"]


def test_engine_tests_pass_inside_pyodide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check_setup()  # fail early, with the command to run, if Node, Pyodide or the wheels are missing
    before = collect_in_cpython(tmp_path, "tests/engine")
    proc, summary = run_in_pyodide(tmp_path, ["tests/engine"])
    # Other engineers add engine tests while this runs: accept the CPython collection from before or after the run.
    expected = before if summary["collected"] == before else collect_in_cpython(tmp_path, "tests/engine")
    output = f"{_tail(proc.stdout)}\n{_tail(proc.stderr)}"

    assert summary["platform"] == "emscripten", f"the run did not happen inside Pyodide: {summary['platform']}"
    assert proc.returncode == 0, f"pytest inside Pyodide exited with status {proc.returncode}:\n{output}"
    missing = sorted(set(expected) - set(summary["collected"]))
    extra = sorted(set(summary["collected"]) - set(expected))
    assert not missing and not extra, (
        f"Pyodide collected {len(summary['collected'])} engine tests, CPython {len(expected)}; "
        f"missing in Pyodide: {missing[:20]}; only in Pyodide: {extra[:20]}"
    )
    assert len(expected) > 0
    bad = {nodeid: outcome for nodeid, outcome in summary["outcomes"].items() if outcome not in OK_OUTCOMES}
    assert not bad, "engine tests must run, not skip, inside Pyodide (the engine is stdlib-only): " + "; ".join(
        f"{nodeid}: {outcome}: {summary['reasons'].get(nodeid, '')[-300:]}" for nodeid, outcome in bad.items()
    )
    unrun = sorted(set(expected) - set(summary["outcomes"]))
    assert not unrun, f"collected but never run inside Pyodide: {unrun[:20]}"
    with capsys.disabled():  # shown in the test run's output
        print(
            f"\n[pyodide] Python {summary['python']} ({summary['platform']}): "
            f"{len(summary['collected'])} engine tests collected (CPython: {len(expected)}), all passed"
        )


def test_runner_reports_failures_and_network_requests(tmp_path: Path) -> None:
    """The runner itself can fail: a failing assertion, a fetch and loadPackage inside Pyodide are all reported."""
    proc, summary = run_in_pyodide(tmp_path, ["tests/pyodide/selfcheck_cases.py"])
    output = f"{_tail(proc.stdout)}\n{_tail(proc.stderr)}"
    assert proc.returncode == 11, (
        f"expected exit status 11 (network request attempted), got {proc.returncode}\n{output}"
    )
    assert "refused network request to https://example.invalid/" in proc.stderr, output
    outcomes = {nodeid.rsplit("::", 1)[1]: outcome for nodeid, outcome in summary["outcomes"].items()}
    assert outcomes == {
        "test_a_failing_assertion_fails": "failed",
        "test_a_network_request_is_refused": "passed",
        "test_loading_a_package_is_refused": "failed",
    }, output
    assert summary["exitstatus"] == 1
    assert (
        "pyodide.loadPackage is disabled"
        in summary["reasons"]["tests/pyodide/selfcheck_cases.py::test_loading_a_package_is_refused"]
    )


def test_runner_fails_loudly_without_a_checker_wheel() -> None:
    _check_setup()
    proc = subprocess.run([find_node(), str(RUNNER)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 10, proc.stderr
    assert "--checker-wheel is required" in proc.stderr


def test_checker_wheel_holds_the_package_and_its_data(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(write_wheel(tmp_path)) as wheel:
        names = set(wheel.namelist())
    assert "checker/__init__.py" in names
    assert "checker/engine.py" in names
    assert "checker/data/bundle.json" in names
    assert not any(name.startswith(("sitegen/", "tests/")) or "__pycache__" in name for name in names)
    assert any(name.endswith(".dist-info/RECORD") for name in names)
