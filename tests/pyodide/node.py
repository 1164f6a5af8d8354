"""Run a Node script against the self-hosted Pyodide with the checker wheel installed: shared by the Pyodide test
run and the benchmarks, so they find Node, build the wheel and read results the same way."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sitegen.wheel import write_wheel

ROOT = Path(__file__).resolve().parents[2]


class PyodideUnavailable(RuntimeError):
    """Node or node_modules/pyodide is missing: a setup problem, said in plain words."""


def find_node() -> str:
    node = shutil.which("node")
    if node is None:
        raise PyodideUnavailable("node is not on PATH: install Node 18+ and run `npm ci` (or `bash dev.sh setup`)")
    if not (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").is_file():
        raise PyodideUnavailable("node_modules/pyodide is missing: run `npm ci` (or `bash dev.sh setup`)")
    return node


def run_with_checker_wheel(
    script: Path, work_dir: Path, args: list[str], *, timeout: int = 1800
) -> subprocess.CompletedProcess[str]:
    """`node SCRIPT --checker-wheel WHEEL ARGS...`, the wheel built into work_dir by sitegen.wheel."""
    node = find_node()
    wheel = write_wheel(work_dir)
    return subprocess.run(
        [node, str(script), "--checker-wheel", str(wheel), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def json_output(proc: subprocess.CompletedProcess[str], path: Path) -> dict[str, Any]:
    """The JSON a script wrote, or an error carrying its exit status and output."""
    if proc.returncode != 0 or not path.is_file():
        raise RuntimeError(f"exit status {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(path.read_text(encoding="utf-8"))
