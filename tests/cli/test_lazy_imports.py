"""`dealcheck screen` loads only what screening needs: the party-list importers, the context-data importers and the
data audit tools load when their own commands run (checker.cli.LAZY_COMMANDS), and --help is unchanged by it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker import cli
from checker.yamlsubset import dumps
from tests.scenarios import SCREENING_DATE, load_scenarios

# Modules only `lists`, `context` and `data` need: list file readers, list building, context readers, audit tools.
IMPORTERS = (
    "checker.parties.cli",
    "checker.parties.config",
    "checker.parties.formats",
    "checker.context_cli",
    "checker.context_formats",
    "checker.data_cli",
    "checker.datatools",
)


# `python -m checker ARGS` as a user runs it, which writes the names in sys.modules when it exits (importtime would
# miss what importlib.import_module loads).
RUN_AND_LIST_MODULES = """
import atexit, runpy, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w", encoding="utf-8").write("\\n".join(sorted(sys.modules))))
sys.argv[0] = "dealcheck"
runpy.run_module("checker", run_name="__main__", alter_sys=True)
"""


def imported_by(tmp_path: Path, *args: str) -> set[str]:
    """Modules the real CLI process had imported when it exited."""
    listing = tmp_path / "modules.txt"
    proc = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *args], capture_output=True, timeout=60, check=False
    )
    assert proc.returncode in (0, 1, 2, 3), proc.stderr.decode()[-2000:]
    return set(listing.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_screen_does_not_import_the_list_importers(tmp_path: Path, fmt: str) -> None:
    deal = tmp_path / "deal.yml"
    deal.write_text(dumps(dict(load_scenarios())["bluecoat-syria-known"]["deal"]), encoding="utf-8")
    modules = imported_by(tmp_path, "screen", str(deal), "--date", SCREENING_DATE, "--format", fmt)
    assert "checker.engine" in modules and "checker.parties.matching" in modules  # it did screen, names included
    assert not modules & set(IMPORTERS), sorted(modules & set(IMPORTERS))


def test_lists_command_still_loads_its_importers(tmp_path: Path) -> None:
    modules = imported_by(tmp_path, "lists", "show")
    assert {"checker.parties.cli", "checker.parties.formats"} <= modules


def test_help_lists_every_command_as_the_full_parser_does() -> None:
    full = cli.build_parser().format_help()
    for command in ("screen", "batch", "migrate"):
        assert cli.build_parser(command).format_help() == full
    for name in cli.LAZY_COMMANDS:
        assert f"    {name} " in full, name


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["screen", "x.yml"], "screen"),
        (["--data", "b.json", "lists", "show"], "lists"),
        (["--data=b.json", "context", "show"], "context"),
        (["--help"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_command_of(argv: list[str], command: str | None) -> None:
    assert cli.command_of(argv) == command
