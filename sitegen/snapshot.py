"""A memory snapshot of the ready checker engine, made at site-build time (issue 13).

Starting Pyodide and importing the engine costs most of the checker's start-up. Pyodide can instead restore the
whole WebAssembly memory of an interpreter that has already imported ``checker.browser``, warmed up and screened one
example deal. The snapshot is made here under Node from the pinned Pyodide build the site serves, then checked: the
same engine workload (``sitegen.browser._WORKLOAD_PY``: every country, every vocabulary id, every report format,
file loading, bad input) run on a restored snapshot must give results identical to a normal start, or the snapshot
is not shipped. It is cached in ``.cache/browser/`` by the inputs' hashes (Pyodide runtime, stdlib, wheel, bytecode,
these scripts), like the byte-compiled stdlib.

What a restore needs, and the worker does (``docs/assets/checker/worker.js``):
- the in-memory file system comes back empty, so the wheel and its bytecode are unpacked again with
  ``unpackArchive`` (never the package manager: Pyodide 314 cannot snapshot after installing through it);
- ``random`` is reseeded from the browser's entropy (its state would otherwise be the build machine's);
- string hash randomisation stays as it was at build time (the seed lives in the snapshot): harmless for a
  single-visitor engine whose results never depend on set or dict order of strings (the workload gate checks).
The format is Pyodide's private API, tied to the exact build: Pyodide itself refuses a snapshot from another build
(build id in its header), the manifest records the npm version, and the worker falls back to a normal start on any
error. Served gzip-compressed (about 1/6 of the raw size, mostly zero pages) and decompressed in the worker with
``DecompressionStream``, so it stays small on hosts that compress nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SITE_PACKAGES = "/lib/python3.14/site-packages"

# Run in Pyodide before the snapshot is taken: what the worker's normal start does before it says "ready".
READY_PY = """
import json as _json
import checker.browser as _browser
_browser.handle(_json.dumps({"op": "warm"}))
_browser.handle(_json.dumps({"op": "screen", "deal": {"destination": {"country": "GB"}}, "base_url": "/"}))
del _json, _browser
"""

# Run right after a restore, in the worker and in the check below.
AFTER_RESTORE_PY = "import random as _random; _random.seed(); del _random"

_MAKE_JS = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [pyodideDir, stdlibZip, wheelPath, pycachePath, codeFile, outFile] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: pyodideDir + "/", cdnUrl: pyodideDir + "/", stdLibURL: stdlibZip,
  _makeSnapshot: true, stdout: () => {}, stderr: (m) => process.stderr.write(m + "\\n") });
py.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "zip", { extractDir: SITE });
if (pycachePath !== "-") py.unpackArchive(new Uint8Array(readFileSync(pycachePath)), "zip", { extractDir: SITE });
py.runPython(readFileSync(codeFile, "utf8"));
writeFileSync(outFile, py.makeMemorySnapshot());
""".replace("SITE", json.dumps(SITE_PACKAGES))

_RESTORE_JS = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [pyodideDir, stdlibZip, wheelPath, pycachePath, snapshotPath, codeFile, outFile] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: pyodideDir + "/", cdnUrl: pyodideDir + "/", stdLibURL: stdlibZip,
  _loadSnapshot: new Uint8Array(readFileSync(snapshotPath)), stdout: () => {},
  stderr: (m) => process.stderr.write(m + "\\n") });
py.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "zip", { extractDir: SITE });
if (pycachePath !== "-") py.unpackArchive(new Uint8Array(readFileSync(pycachePath)), "zip", { extractDir: SITE });
py.runPython(AFTER);
writeFileSync(outFile, py.runPython(readFileSync(codeFile, "utf8")));
""".replace("SITE", json.dumps(SITE_PACKAGES)).replace("AFTER", json.dumps(AFTER_RESTORE_PY))


def _node(script: str, args: list[str]) -> None:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "snapshot.mjs"
        path.write_text(script, encoding="utf-8")
        proc = subprocess.run([node, str(path), *args], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip()[-800:] or f"node exited with {proc.returncode}")


def engine_snapshot(
    pyodide_dir: Path,
    cache_dir: Path,
    stdlib: bytes,
    wheel_name: str,
    wheel: bytes,
    pycache: bytes | None,
    workload_py: str,
) -> bytes | None:
    """The gzip-compressed snapshot of the ready engine, verified against a normal start; None if refused.

    DEALCHECK_NO_SNAPSHOT=1 skips it (the checker then starts as before)."""
    if os.environ.get("DEALCHECK_NO_SNAPSHOT"):
        return None
    digest = hashlib.sha256()
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "package.json"):
        digest.update(hashlib.sha256((pyodide_dir / name).read_bytes()).digest())
    for part in (stdlib, wheel, pycache or b"-", workload_py.encode(), READY_PY.encode(), _MAKE_JS.encode()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(_RESTORE_JS.encode())
    key = digest.hexdigest()[:16]
    cached, refused = cache_dir / f"snapshot-{key}.bin.gz", cache_dir / f"snapshot-{key}.refused"
    if cached.is_file():
        return cached.read_bytes()
    if refused.is_file():
        print(f"sitegen.snapshot: no snapshot ({refused.read_text(encoding='utf-8').strip()})")
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "stdlib.zip").write_bytes(stdlib)
        (t / wheel_name).write_bytes(wheel)
        pycache_arg = "-"
        if pycache is not None:
            (t / "pycache.zip").write_bytes(pycache)
            pycache_arg = str(t / "pycache.zip")
        (t / "ready.py").write_text(READY_PY, encoding="utf-8")
        (t / "workload.py").write_text(workload_py, encoding="utf-8")
        common = [str(pyodide_dir.resolve()), str(t / "stdlib.zip"), str(t / wheel_name), pycache_arg]
        try:
            _node(_MAKE_JS, [*common, str(t / "ready.py"), str(t / "snapshot.bin")])
            _node(_RESTORE_JS, [*common, str(t / "snapshot.bin"), str(t / "workload.py"), str(t / "restored.json")])
            from sitegen.browser import run_workload

            normal = run_workload(pyodide_dir, t / "stdlib.zip", t / wheel_name)
            restored = json.loads((t / "restored.json").read_text(encoding="utf-8"))
        except (RuntimeError, OSError, subprocess.TimeoutExpired, ValueError) as exc:
            print(f"sitegen.snapshot: no snapshot ({exc})")
            return None
        if restored["results"] != normal["results"]:
            refused.write_text("a restored snapshot changed the engine's results\n", encoding="utf-8")
            print("sitegen.snapshot: no snapshot (a restored snapshot changed the engine's results)")
            return None
        raw = (t / "snapshot.bin").read_bytes()
    packed = gzip.compress(raw, compresslevel=6, mtime=0)
    cached.write_bytes(packed)
    return packed
