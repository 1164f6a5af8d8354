"""The README's Python example runs and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_python_example_in_readme() -> None:
    text = README.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    claimed = re.search(r"print\(result\.verdict\)\s+# (\w+)", code).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    first, _, rest = out.getvalue().partition("\n")
    assert first == claimed
    assert rest.startswith("# Deal screening")


def test_readme_starts_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    assert "bash dev.sh serve" in block and "bash dev.sh test" in block
    assert "bash dev.sh test" in (README.parent / ".ci" / "run").read_text(encoding="utf-8")
