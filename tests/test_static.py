"""Static checks as part of the suite (so CI runs them): mypy over checker/ and sitegen/ with 0 errors, and ruff's
lint (complexity at most 15, unused arguments, performance rules) and formatting over all Python code.

Both tools are pinned in the dev dependencies (pyproject.toml); `bash dev.sh setup` installs them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
PYTHON_DIRS = ("checker", "sitegen", "tests", "benchmarks")


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.is_file() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: run `bash dev.sh setup` (it is pinned in the dev dependencies)")
    return found


def _run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=600)


def test_mypy_reports_no_errors_in_checker_and_sitegen() -> None:
    done = _run(_tool("mypy"), "--config-file", str(PYPROJECT))  # files = checker, sitegen (pyproject)
    assert done.returncode == 0, f"mypy found errors:\n{done.stdout}{done.stderr}"
    assert "no issues found" in done.stdout


def test_ruff_lint_is_clean() -> None:
    done = _run(_tool("ruff"), "check", "--no-cache", "--output-format", "concise", *PYTHON_DIRS)
    assert done.returncode == 0, f"ruff check found problems:\n{done.stdout}{done.stderr}"


def test_ruff_format_is_clean() -> None:
    done = _run(_tool("ruff"), "format", "--check", "--no-cache", *PYTHON_DIRS)
    assert done.returncode == 0, f"files need `ruff format`:\n{done.stdout}{done.stderr}"


def test_the_checks_catch_what_they_claim(tmp_path: Path) -> None:
    """The project's configuration, applied to a module with a type error, an unused argument, a loop that
    should be a comprehension and a function of complexity 16: each is reported."""
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(15))
    (tmp_path / "bad.py").write_text(
        "def typed(x: int) -> str:\n    return x\n\n\n"
        "def unused(a: int, b: int) -> int:\n    return a\n\n\n"
        "def copy(items: list[int]) -> list[int]:\n    out = []\n    for i in items:\n        out.append(i + 1)\n"
        "    return out\n\n\n"
        f"def branchy(x: int) -> int:\n{branches}\n    return -1\n",
        encoding="utf-8",
    )
    mypy = _run(_tool("mypy"), "--config-file", str(PYPROJECT), "--no-incremental", "bad.py", cwd=tmp_path)
    assert mypy.returncode == 1 and 'Incompatible return value type (got "int", expected "str")' in mypy.stdout
    ruff = _run(_tool("ruff"), "check", "--no-cache", "--config", str(PYPROJECT), "bad.py", cwd=tmp_path)
    assert ruff.returncode == 1
    for code in ("ARG001", "PERF401", "C901"):
        assert code in ruff.stdout, f"{code} not reported:\n{ruff.stdout}"


def test_the_release_number_is_written_once() -> None:
    """checker/version.py holds it; pyproject reads it, the wheel, reports and `dealcheck --version` carry it."""
    import json
    import tomllib

    from checker import __version__
    from checker.engine import ENGINE_VERSION
    from checker.version import VERSION
    from sitegen.wheel import build_wheel

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "checker.version.VERSION"}
    assert "version" not in json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert __version__ == ENGINE_VERSION == VERSION
    assert build_wheel(ROOT)[0].startswith(f"checker-{VERSION}-")
    out = subprocess.run(
        [sys.executable, "-m", "checker", "--version"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == f"dealcheck {VERSION}"
