"""Build a py3-none-any wheel of the `checker` package alone (modules + package data) with the standard library.

Used to install the engine into Pyodide the way the browser does (a pure wheel unpacked into site-packages), without
`pyodide build` (needs network and a host Python 3.14) and without pulling `sitegen` in. The package-data patterns and
the version come from pyproject.toml, so the wheel holds what an installed `checker` holds.

    python -m tests.pyodide.checker_wheel OUT_DIR      # prints the wheel's path
"""

from __future__ import annotations

import base64
import hashlib
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "checker"
DIST = "cyber_export_risk_guide_checker"
# A fixed timestamp keeps the wheel byte-for-byte reproducible.
EPOCH = (1980, 1, 1, 0, 0, 0)


def package_files(root: Path = ROOT) -> list[Path]:
    """The files an installed `checker` has: every module of the package tree plus its package data."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"].get(PACKAGE, [])
    base = root / PACKAGE
    files = {p for p in base.rglob("*.py") if "__pycache__" not in p.parts}
    for pattern in patterns:
        files.update(p for p in base.glob(pattern) if p.is_file())
    return sorted(files)


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_checker_wheel(out_dir: Path, root: Path = ROOT) -> Path:
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    version = config["project"]["version"]
    requires_python = config["project"].get("requires-python", ">=3.11")
    dist_info = f"{DIST}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [
        (path.relative_to(root).as_posix(), path.read_bytes()) for path in package_files(root)
    ]
    entries.append(
        (
            f"{dist_info}/METADATA",
            (
                f"Metadata-Version: 2.1\nName: {DIST}\nVersion: {version}\nRequires-Python: {requires_python}\n"
                "Summary: The deal checker engine alone (checker package and its data), for Pyodide.\n"
            ).encode(),
        )
    )
    entries.append(
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: tests.pyodide.checker_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    entries.append((f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode()))
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))

    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{DIST}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return wheel


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.pyodide.checker_wheel OUT_DIR")
    print(build_checker_wheel(Path(sys.argv[1])))
