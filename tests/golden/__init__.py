"""Golden reports: JSON, text, Markdown and HTML of every worked scenario, stored and compared byte for byte.

They pin the report output so that a refactor (typed records, rendering from typed results) is provably neutral.
When a change alters output on purpose (a new finding, new wording, new reference data), regenerate them in the
same commit and say so in the commit message:

    .venv/bin/python -m tests.golden --update          # rewrite every golden file
    .venv/bin/python -m tests.golden                   # report which files differ (exit 1), write nothing

On a rebase conflict in tests/golden/ do not hand-merge: take either side and regenerate.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from checker.engine import screen_raw
from checker.reference import ReferenceData, load_reference
from checker.render import render
from tests.scenarios import SCREENING_DATE, load_scenarios

GOLDEN_DIR = Path(__file__).parent / "reports"
FORMATS = {"json": "json", "text": "txt", "markdown": "md", "html": "html"}


def base_url(reference: ReferenceData) -> str:
    """The base URL the CLI uses when neither --base-url nor DEALCHECK_BASE_URL is given."""
    return str(reference.raw.get("site_url", ""))


def reports(reference: ReferenceData | None = None) -> Iterator[tuple[str, str]]:
    """(file name, report text) for every scenario and format, rendered as `dealcheck screen --format F` does."""
    reference = reference or load_reference()
    url = base_url(reference)
    for name, spec in load_scenarios():
        result = screen_raw(spec["deal"], reference=reference, on=SCREENING_DATE)
        for fmt, suffix in FORMATS.items():
            yield f"{name}.{suffix}", render(result, fmt, reference=reference, base_url=url)


def compare(directory: Path = GOLDEN_DIR) -> tuple[list[str], list[str], list[str]]:
    """(differing, missing, stale) file names: stale ones belong to no scenario any more."""
    expected = dict(reports())
    differing = [n for n, text in expected.items() if (directory / n).is_file() and _read(directory / n) != text]
    missing = [n for n in expected if not (directory / n).is_file()]
    stale = sorted(p.name for p in directory.glob("*.*") if p.name not in expected) if directory.is_dir() else []
    return differing, missing, stale


def update(directory: Path = GOLDEN_DIR) -> int:
    """Rewrite every golden file and drop those of removed scenarios; returns how many files changed."""
    directory.mkdir(parents=True, exist_ok=True)
    expected = dict(reports())
    changed = 0
    for name, text in expected.items():
        path = directory / name
        if not path.is_file() or _read(path) != text:
            path.write_bytes(text.encode("utf-8"))
            changed += 1
    for path in directory.glob("*.*"):
        if path.name not in expected:
            path.unlink()
            changed += 1
    return changed


def _read(path: Path) -> str:
    """Bytes decoded strictly, never newline-translated: the comparison is byte for byte."""
    return path.read_bytes().decode("utf-8")
