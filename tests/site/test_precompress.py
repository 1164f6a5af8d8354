"""Build-time precompression (sitegen.precompress, plugin option `precompress`): a .gz (and .br with the brotli
package) beside each compressible file, byte-identical to its original when inflated, never for the engine snapshot
or for a file it would not shrink (issue 14)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.precompress import brotli_module, precompress

ROOT = Path(__file__).resolve().parents[2]


def make_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "pyodide" / "v-1").mkdir(parents=True)
    (site / "assets" / "checker" / "build").mkdir(parents=True)
    (site / "index.html").write_text("<p>" + "guidance " * 400 + "</p>", encoding="utf-8")
    (site / "assets" / "pyodide" / "v-1" / "pyodide.asm.wasm").write_bytes(b"\0asm" + bytes(range(256)) * 300)
    (site / "assets" / "checker" / "build" / "engine-1.snapshot").write_bytes(gzip.compress(b"x" * 5000))
    (site / "tiny.js").write_text("1", encoding="utf-8")
    (site / "random.json").write_bytes(os.urandom(4096))  # incompressible: no copy
    (site / "logo.png").write_bytes(b"\x89PNG" + b"\0" * 4000)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>"))
    return site


def test_copies_inflate_to_the_original_and_skip_what_must_not_be_encoded(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    summary = precompress(site)
    for rel in ("index.html", "assets/pyodide/v-1/pyodide.asm.wasm"):
        original = (site / rel).read_bytes()
        assert gzip.decompress((site / (rel + ".gz")).read_bytes()) == original
        brotli = brotli_module()
        if brotli is not None:
            assert brotli.decompress((site / (rel + ".br")).read_bytes()) == original
    for rel in ("assets/checker/build/engine-1.snapshot", "tiny.js", "random.json", "logo.png"):
        assert not (site / (rel + ".gz")).exists(), rel
        assert not (site / (rel + ".br")).exists(), rel
    assert "random.json.gz" in summary.skipped
    assert not (site / "sitemap.xml.gz.gz").exists()
    assert summary.gzip == 2 and summary.line().startswith("precompressed 3 files")


def test_rerun_is_stable_and_without_brotli_writes_gzip_only(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    precompress(site, use_brotli=False)
    first = (site / "index.html.gz").read_bytes()
    assert not (site / "index.html.br").exists()
    precompress(site, use_brotli=False)
    assert (site / "index.html.gz").read_bytes() == first  # mtime 0: same bytes every build


def test_cli(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "sitegen.precompress", str(site), "--no-brotli"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0 and done.stdout.startswith("precompressed"), done.stderr
    assert (site / "index.html.gz").is_file()
    bad = subprocess.run(
        [sys.executable, "-m", "sitegen.precompress", str(tmp_path / "none")], capture_output=True, text=True, cwd=ROOT
    )
    assert bad.returncode == 64 and "usage" in bad.stderr


@pytest.mark.skipif(brotli_module() is None, reason="the brotli package is not installed")
def test_brotli_copy_when_the_package_is_installed(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    assert precompress(site).brotli == 2
