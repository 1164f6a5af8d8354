"""README.md states every limit of checker/limits.py with the number the engine enforces (tests/engine/test_limits.py
tries each at its bound), and the checker page uses the same byte limit for a file."""

from __future__ import annotations

import re
from pathlib import Path

from checker import limits

ROOT = Path(__file__).resolve().parents[2]

# How README.md says each limit; {n} is the value as README writes numbers (1,000,000).
PHRASES = {
    "MAX_BYTES": "at most {n} bytes",
    "MAX_DEPTH": "nesting at most {n} levels",
    "MAX_NUMBER_CHARS": "integers at most {n} digits",
    "MAX_NODES": "at most {n} values per\ndeal",
    "MAX_TEXT": "text fields {n} characters",
    "MAX_ITEMS": "lists {n} items",
    "MAX_PROBLEMS": "{n} problems are listed per deal",
    "MAX_MESSAGE_CHARS": "a message at most {n} characters",
    "MAX_SUGGEST_CHARS": "only for values up to {n}\ncharacters",
    "MAX_SUGGESTIONS": "{n} per deal",
    "MAX_CSV_RECORD_LINES": "a CSV record spans at most {n} lines",
}


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_every_limit_is_in_the_readme_with_its_value() -> None:
    names = sorted(n for n in vars(limits) if n.startswith("MAX_"))
    assert names == sorted(PHRASES), "a limit was added or removed: say it in README.md and here"
    readme = squeeze((ROOT / "README.md").read_text(encoding="utf-8"))
    for name, phrase in PHRASES.items():
        assert squeeze(phrase.format(n=f"{getattr(limits, name):,}")) in readme, name


def test_the_page_uses_the_engines_byte_limit_and_its_documented_watchdog() -> None:
    app = (ROOT / "docs/assets/checker/app.js").read_text(encoding="utf-8")
    assert int(re.search(r"const MAX_FILE_BYTES = (\d+);", app).group(1)) == limits.MAX_BYTES  # type: ignore[union-attr]
    runtime = (ROOT / "docs/assets/checker/runtime.js").read_text(encoding="utf-8")
    seconds = int(re.search(r"const CALL_LIMIT_MS = (\d+);", runtime).group(1)) // 1000  # type: ignore[union-attr]
    assert f"stops an engine call after {seconds} seconds" in squeeze((ROOT / "README.md").read_text(encoding="utf-8"))
