"""The `checker` wheel: a pure py3-none-any wheel of the engine alone (its modules and package data).

One builder for everything that installs the engine outside pip: the site's browser bundle and the Pyodide test and
benchmark runs, so the tests exercise the wheel that ships. Standard library only and byte-for-byte reproducible;
the package-data patterns come from pyproject.toml and the version from checker/__init__.py.

    python -m sitegen.wheel OUT_DIR      # writes the wheel and prints its path
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # a fixed timestamp keeps the wheel reproducible


def package_files(root: Path = ROOT) -> list[Path]:
    """What an installed ``checker`` holds: its modules plus the package-data patterns of pyproject.toml."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"].get("checker", [])
    base = root / "checker"
    files = {p for p in base.rglob("*.py") if "__pycache__" not in p.parts}
    for pattern in patterns:
        files.update(p for p in base.glob(pattern) if p.is_file())
    return sorted(files)


def build_wheel(root: Path = ROOT) -> tuple[str, bytes]:
    """The wheel's file name and bytes."""
    source = (root / "checker" / "version.py").read_text(encoding="utf-8")
    match = re.search(r'^VERSION = "([^"]+)"', source, re.M)
    if not match:
        raise ValueError("checker/version.py has no VERSION line")
    version = match.group(1)
    dist_info = f"checker-{version}.dist-info"
    entries = [(path.relative_to(root).as_posix(), path.read_bytes()) for path in package_files(root)]
    metadata = (
        "Metadata-Version: 2.1\n"
        "Name: checker\n"
        f"Version: {version}\n"
        "Summary: Deal checker engine of the Cyber Export Risk Guide (the engine alone)\n"
        "Requires-Python: >=3.11\n"
    ).encode()
    wheel = b"Wheel-Version: 1.0\nGenerator: sitegen.wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries += [
        (f"{dist_info}/METADATA", metadata),
        (f"{dist_info}/WHEEL", wheel),
        (f"{dist_info}/top_level.txt", b"checker\n"),
    ]
    record_lines = []
    for name, data in entries:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record_lines.append(f"{name},sha256={digest},{len(data)}")
    record_lines.append(f"{dist_info}/RECORD,,")
    entries.append((f"{dist_info}/RECORD", ("\n".join(record_lines) + "\n").encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return f"checker-{version}-py3-none-any.whl", buffer.getvalue()


def write_wheel(out_dir: Path, root: Path = ROOT) -> Path:
    """Build the wheel into a directory and return its path."""
    name, data = build_wheel(root)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    path.write_bytes(data)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m sitegen.wheel OUT_DIR")
    print(write_wheel(Path(sys.argv[1])))
