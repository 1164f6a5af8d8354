"""Build-time precompression: a ``.gz`` (always) and a ``.br`` (when the ``brotli`` package is importable) next to
every compressible file of a built site, for servers that send a precompressed copy as such (nginx
``gzip_static``/``brotli_static``, Apache rewrite rules, GitLab Pages, an object store behind a CDN).

Why at build time: the Pyodide runtime (``pyodide.asm.wasm``, about 9.6 MB) compresses to about a third, and a
server compressing it on the fly at a fast level, per request, does worse and costs CPU. Content-hashed files (the
runtime, the engine) get the maximum levels (gzip 9, brotli 11: 2.7 MB for the wasm against 3.5 MB gzip, but about
30 s of CPU) once, kept in ``.cache/precompress/`` by the sha256 of their bytes; pages, which change with every
data edit, get brotli 6 (brotli 11 over the 22 MB of pages costs about 40 s for 14 % fewer bytes).

A copy is written only when it is smaller than the file. Files that are already compressed (images, the engine
snapshot, which the worker inflates itself and must never be sent with a ``Content-Encoding``) are left alone.

    python -m sitegen.precompress SITE_DIR [--no-brotli]
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / ".cache" / "precompress"
COMPRESSIBLE = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".map", ".svg", ".xml", ".txt", ".wasm", ".zip", ".whl"}
    | {".webmanifest", ".ico"}
)
"""Suffixes compressed. Not ``.snapshot`` (already gzip, inflated by the worker), not images or fonts."""
MIN_BYTES = 256
"""Smaller files are not worth a second request path (and gzip's header is 18 bytes)."""
HASHED_DIRS = ("assets/pyodide/", "assets/checker/build/")
"""Content-hashed: maximum brotli level (the result is cached by content hash like every other file's)."""
BROTLI_PAGES_QUALITY = 6


@dataclass
class Summary:
    """What a run wrote: counts and bytes, for the build log and the tests."""

    files: int = 0
    gzip: int = 0
    brotli: int = 0
    raw_bytes: int = 0
    gzip_bytes: int = 0
    brotli_bytes: int = 0
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.files} files, {self.raw_bytes:,} bytes", f"gzip {self.gzip} ({self.gzip_bytes:,} bytes)"]
        parts.append(f"brotli {self.brotli} ({self.brotli_bytes:,} bytes)" if self.brotli else "no brotli")
        return "precompressed " + ", ".join(parts)


def brotli_module() -> ModuleType | None:
    """The ``brotli`` package when installed (``pip install brotli``), else None: brotli copies are then skipped."""
    try:
        return importlib.import_module("brotli")
    except ImportError:
        return None


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: the same input gives the same bytes


def _compressed(kind: str, data: bytes, quality: int, brotli: ModuleType | None) -> bytes:
    """gzip 9, or brotli at ``quality``; files over 64 KB are cached by content hash (small ones are quick)."""
    cache = len(data) > 65536
    cached = CACHE_DIR / f"{hashlib.sha256(data).hexdigest()}.{kind}{quality if kind == 'br' else ''}"
    if cache and cached.is_file():
        return cached.read_bytes()
    if kind == "gz":
        out = _gzip(data)
    else:
        assert brotli is not None
        out = brotli.compress(data, quality=quality)
    if cache:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
        partial.write_bytes(out)
        partial.replace(cached)
    return out


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def precompress(site_dir: str | Path, *, use_brotli: bool = True) -> Summary:
    """Write ``<file>.gz`` and ``<file>.br`` beside each compressible file (a copy that would not be smaller is
    removed, so a server never sends a stale one)."""
    site = Path(site_dir)
    brotli = brotli_module() if use_brotli else None
    summary = Summary()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix in (".gz", ".br"):
            continue  # a copy (MkDocs itself writes sitemap.xml.gz), or a host's own archive: never touched
        if path.suffix.lower() not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        rel = path.relative_to(site).as_posix()
        quality = 11 if rel.startswith(HASHED_DIRS) else BROTLI_PAGES_QUALITY
        summary.files += 1
        summary.raw_bytes += len(data)
        kinds = ["gz"] + (["br"] if brotli is not None else [])
        for kind in kinds:
            out = _compressed(kind, data, quality, brotli)
            target = path.with_name(path.name + "." + kind)
            if len(out) >= len(data):
                target.unlink(missing_ok=True)
                summary.skipped.append(f"{rel}.{kind}")
                continue
            _write_if_changed(target, out)
            if kind == "gz":
                summary.gzip += 1
                summary.gzip_bytes += len(out)
            else:
                summary.brotli += 1
                summary.brotli_bytes += len(out)
    return summary


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    use_brotli = "--no-brotli" not in args
    paths = [a for a in args if a != "--no-brotli"]
    if len(paths) != 1 or not Path(paths[0]).is_dir():
        print("usage: python -m sitegen.precompress SITE_DIR [--no-brotli]", file=sys.stderr)
        return 64
    if use_brotli and brotli_module() is None:
        print("sitegen.precompress: the brotli package is not installed; writing gzip copies only", file=sys.stderr)
    print(precompress(paths[0], use_brotli=use_brotli).line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
