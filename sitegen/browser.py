"""Build-time bundling of the in-browser deal checker (issue 4).

What it writes into the built site, all from local files (no network at build or run time):

- ``assets/pyodide/<version>-<hash>/``: the Pyodide core runtime copied from ``node_modules/pyodide`` (npm, pinned),
  with the standard library byte-compiled inside Pyodide itself under Node (start-up imports ``.pyc`` instead of
  compiling sources; measured about twice as fast). Without Node the stock stdlib is copied unchanged.
- ``assets/checker/build/<name>-<hash>.<ext>``: the ``checker`` wheel (py3-none-any, the ``checker`` package and its
  data only) and the worker script.
- The checker page (``checker/index.html``) gets the manifest that names those files inlined into its placeholder,
  plus a printable checklist generated from the engine's vocabularies, shown when the checker cannot run.

Every runtime file lives under a name that changes with its content, so hosts can cache them forever. Guidance pages
reference none of it: only the checker page's manifest does.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.snapshot import engine_snapshot
from sitegen.wheel import build_wheel

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
ASSETS_SRC = ROOT / "docs" / "assets" / "checker"
CACHE_DIR = ROOT / ".cache" / "browser"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
CHECKER_PAGE = "checker/index.html"
# The manifest goes into an attribute, not a <script type="application/json">: Material's instant navigation
# re-creates every script of a page it swaps in and would run the JSON as JavaScript.
PLACEHOLDER = 'data-manifest="{}"'
CHECKLIST_PLACEHOLDER = '<div id="dc-checklist-slot"></div>'


class BrowserBuildError(RuntimeError):
    """The checker runtime cannot be bundled; the message says what is missing and how to fix it."""


@dataclass
class Bundle:
    """Files to write (site-relative path -> bytes or source path) and the manifest the checker page reads."""

    files: dict[str, bytes | Path] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pyodide_version(pyodide_dir: Path = PYODIDE_DIR) -> str:
    package = pyodide_dir / "package.json"
    if not package.is_file():
        raise BrowserBuildError(
            f"{pyodide_dir.relative_to(ROOT) if pyodide_dir.is_relative_to(ROOT) else pyodide_dir} is missing: "
            "run 'npm ci' (bash dev.sh setup) to install the pinned Pyodide runtime"
        )
    return str(json.loads(package.read_text(encoding="utf-8"))["version"])


# Byte-compiled Python: the standard library and the checker -----------------------------------------
# Compiled by Pyodide's own CPython under Node (same magic number, no host Python 3.14 needed), as unchecked
# hash-based .pyc files so nothing is re-validated at import time; the output depends only on the input bytes.
#   mode "sourceless": the stdlib zip with each .py replaced by its .pyc (zipimport imports .pyc directly);
#   mode "pycache": only __pycache__/<module>.<cache tag>.pyc files for the checker's modules, unpacked next to the
#   wheel's sources in site-packages (the wheel itself stays a pure source wheel).
_COMPILE_PY = r"""
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
mode, prefix = MODE, PREFIX
src = zipfile.ZipFile("/tmp/compile-in.zip")
out = zipfile.ZipFile("/tmp/compile-out.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9)
compiled = kept = 0
for info in sorted(src.infolist(), key=lambda i: i.filename):
    if info.is_dir():
        continue
    data = src.read(info)
    name = info.filename
    code = None
    if name.endswith(".py"):
        try:
            code = compile(data, prefix + name, "exec", dont_inherit=True)
        except SyntaxError:
            code = None  # test fixtures with deliberate syntax errors: keep the source
    if code is not None:
        pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), False)
        name = name + "c" if mode == "sourceless" else importlib.util.cache_from_source(name)
        data = pyc
        compiled += 1
    elif mode == "pycache":
        continue
    kept += 1
    entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    out.writestr(entry, data)
out.close()
f"{compiled} compiled, {kept} files, cache tag {sys.implementation.cache_tag}"
"""

_COMPILE_JS = """
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [pyodideDir, codeFile, ...jobs] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: pyodideDir + "/", cdnUrl: pyodideDir + "/" });
const code = readFileSync(codeFile, "utf8");
for (let i = 0; i < jobs.length; i += 4) {
  const [mode, prefix, inZip, outZip] = jobs.slice(i, i + 4);
  py.FS.writeFile("/tmp/compile-in.zip", new Uint8Array(readFileSync(inZip)));
  const summary = py.runPython(code.replace("MODE", JSON.stringify(mode)).replace("PREFIX", JSON.stringify(prefix)));
  writeFileSync(outZip, py.FS.readFile("/tmp/compile-out.zip"));
  console.log(mode, summary);
}
"""
SITE_PACKAGES = "/lib/python3.14/site-packages/"


def compile_zips(pyodide_dir: Path, jobs: list[tuple[str, str, Path, Path]]) -> str:
    """Run compile jobs (mode, filename prefix, input zip, output zip) in one Pyodide under Node."""
    node = shutil.which("node")
    if node is None:
        raise BrowserBuildError("node not found")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "compile.mjs"
        code = Path(tmp) / "compile.py"
        script.write_text(_COMPILE_JS, encoding="utf-8")
        code.write_text(_COMPILE_PY, encoding="utf-8")
        args = [str(part) for job in jobs for part in job]
        proc = subprocess.run(
            [node, str(script), str(pyodide_dir.resolve()), str(code), *args],
            capture_output=True,
            text=True,
            timeout=300,
        )
    if proc.returncode != 0 or not all(job[3].is_file() for job in jobs):
        raise BrowserBuildError(f"byte-compiling under Node failed: {proc.stderr.strip()[-800:]}")
    return proc.stdout.strip()


def compiled(pyodide_dir: Path, mode: str, prefix: str, name: str, source: bytes) -> bytes | None:
    """The byte-compiled zip for ``source`` (cached under .cache/ by input hash), or None without Node."""
    stock_runtime = (pyodide_dir / "pyodide.asm.wasm").stat().st_size
    key = _sha256(source + _COMPILE_PY.encode() + _COMPILE_JS.encode() + f"{mode}{prefix}{stock_runtime}".encode())
    cached = CACHE_DIR / f"{name}-{key[:16]}.zip"
    if not cached.is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            source_zip = Path(tmp) / "in.zip"
            source_zip.write_bytes(source)
            partial = Path(tmp) / "out.zip"
            try:
                compile_zips(pyodide_dir, [(mode, prefix, source_zip, partial)])
            except (BrowserBuildError, OSError, subprocess.TimeoutExpired) as exc:
                print(f"sitegen.browser: {name} not byte-compiled ({exc})")
                return None
            shutil.copyfile(partial, cached)
    return cached.read_bytes()


def stdlib_bytes(pyodide_dir: Path = PYODIDE_DIR, *, compiled_stdlib: bool = True) -> tuple[bytes, str]:
    """The stdlib zip to serve and how it was made (DEALCHECK_STOCK_STDLIB=1 serves the stock one)."""
    stock = (pyodide_dir / STDLIB).read_bytes()
    if not compiled_stdlib or os.environ.get("DEALCHECK_STOCK_STDLIB"):
        return stock, "stock"
    result = compiled(pyodide_dir, "sourceless", "/lib/python314.zip/", "stdlib", stock)
    return (result, "byte-compiled") if result is not None else (stock, "stock")


# Trimming the stdlib to what the checker uses -------------------------------------------------------
# The engine's workload (every country, every vocabulary id, every report format, file loading, bad input) runs in
# Pyodide under Node, loaded exactly as the browser loads it (lockfile + wheel); the stdlib modules it imported,
# whole packages of them, and a safety list are kept. The trimmed zip is then used only if the same workload,
# run again on it, gives identical results; otherwise the full byte-compiled stdlib is served.
_WORKLOAD_PY = r"""
import json, sys
import checker.browser as b
from checker.cli import EXAMPLE
from checker.reference import load_reference
from checker.yamlsubset import dumps

ref = load_reference()
ON = "2026-01-01"
results = []

def run(**request):
    response = json.loads(b.handle(json.dumps(request)))
    response.pop("engine_ms", None)
    results.append(response)

run(op="warm")
for code in sorted(ref.countries):
    run(op="screen", deal=dict(EXAMPLE, destination={"country": code}), on=ON, base_url="/")
everything = {
    "schema_version": 2, "reference": "all-ids",
    "exporter": {"name": "Exporter", "country": "US"},
    "product": {"name": "P", "description": "D", "capabilities": list(ref.vocabulary("capabilities")),
                "control_entries": list(ref.control_entries), "classification_status": "provisional",
                "mass_market": True},
    "destination": {"country": "SY"},
    "end_user": {"name": "E", "aliases": ["Э"], "kind": "organisation", "type": "government_security",
                 "stated_end_use": "S", "end_user_statement": "refused",
                 "oversight": {"judicial_authorisation": False, "independent_oversight": False}},
    "intermediaries": [{"name": r, "aliases": [r + " FZE"], "role": r, "country": "AE", "free_zone": True}
                       for r in ref.vocabulary("intermediary_roles")],
    "payer": {"name": "Payer", "country": "AE"},
    "delivery": {"ship_to_country": "AE", "ship_from_country": "NL"},
    "services": [{"id": s, "provider": "intermediary"} for s in ref.vocabulary("services")],
    "red_flags": list(ref.vocabulary("red_flags")),
    "safeguards": list(ref.vocabulary("safeguards")),
    "notes": "N",
}
for kind in ref.vocabulary("end_user_types"):
    run(op="screen", deal=dict(everything, end_user={"type": kind}), on=ON)
for fmt in ("json", "markdown", "html", "text"):
    run(op="report", deal=everything, format=fmt, on=ON, base_url="http://example.test/")
run(op="screen", deal={}, on=ON)
run(op="screen", deal={"destination": {"country": "Egypt"}, "end_user": {"type": "spy", "name": 3},
                       "product": {"capabilities": "remote intrusion", "mass_market": "yes"}, "extra": 1}, on=ON)
for text, name in ((dumps(everything), "d.yml"), (json.dumps(everything), "d.json"), ("a: [b\n", "bad.yml"),
                   ("{bad", "bad.json"), ("", "empty.yml"), ("- 1\n", "list.yml")):
    run(op="load", text=text, name=name)
run(op="dump", deal=everything, format="yaml")
run(op="dump", deal=everything, format="json")
modules = sorted(n for n, m in sys.modules.items() if "python314.zip" in (getattr(m, "__file__", None) or ""))
json.dumps({"modules": modules, "results": results}, sort_keys=True)
"""

_WORKLOAD_JS = """
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { dirname } from "node:path";
const [pyodideDir, stdlibZip, wheelPath, codeFile, outFile] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideDir + "/pyodide.mjs").href);
const info = JSON.parse(readFileSync(pyodideDir + "/pyodide-lock.json", "utf8")).info;
const wheel = wheelPath.slice(wheelPath.lastIndexOf("/") + 1);
const sha256 = createHash("sha256").update(readFileSync(wheelPath)).digest("hex");
const lockFileContents = { info, packages: { checker: {
  name: "checker", version: wheel.split("-")[1], file_name: wheel, install_dir: "site", sha256,
  package_type: "package", imports: ["checker"], depends: [], unvendored_tests: false, shared_library: false } } };
const py = await loadPyodide({ indexURL: pyodideDir + "/", cdnUrl: pyodideDir + "/", stdLibURL: stdlibZip, lockFileContents,
  packageBaseUrl: dirname(wheelPath) + "/", packages: ["checker"], stdout: () => {}, stderr: (m) => process.stderr.write(m + "\\n") });
writeFileSync(outFile, py.runPython(readFileSync(codeFile, "utf8")));
"""
# Imported lazily on paths the workload may not reach (errors, warnings, Pyodide's own helpers): always kept.
ALWAYS_KEEP = (
    "encodings",
    "pyodide",
    "_pyodide",
    "importlib",
    "collections",
    "json",
    "re",
    "email",
    "traceback",
    "linecache",
    "tokenize",
    "token",
    "difflib",
    "csv",
    "warnings",
    "textwrap",
    "string",
    "unicodedata",
    "datetime",
    "_strptime",
    "calendar",
    "locale",
    "zipfile",
    "shutil",
    "tarfile",
    "asyncio",
    "concurrent",
    "inspect",
    "dis",
    "opcode",
    "ast",
    "typing",
    "dataclasses",
    "functools",
    "contextlib",
    "enum",
    "types",
    "weakref",
    "copy",
    "copyreg",
    "pprint",
    "reprlib",
    "operator",
    "keyword",
    "abc",
    "io",
    "os",
    "stat",
    "posixpath",
    "genericpath",
    "site",
    "sitecustomize",
    "sysconfig",
    "_sysconfigdata",
    "pathlib",
    "fnmatch",
    "glob",
    "tempfile",
    "random",
    "bisect",
    "heapq",
    "hashlib",
    "base64",
    "struct",
    "codecs",
    "numbers",
    "decimal",
    "fractions",
    "statistics",
    "html",
    "logging",
    "platform",
    "subprocess",
    "signal",
    "selectors",
)


def run_workload(pyodide_dir: Path, stdlib_zip: Path, wheel_path: Path) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        raise BrowserBuildError("node not found")
    with tempfile.TemporaryDirectory() as tmp:
        script, code, out = Path(tmp) / "workload.mjs", Path(tmp) / "workload.py", Path(tmp) / "out.json"
        script.write_text(_WORKLOAD_JS, encoding="utf-8")
        code.write_text(_WORKLOAD_PY, encoding="utf-8")
        proc = subprocess.run(
            [node, str(script), str(pyodide_dir.resolve()), str(stdlib_zip), str(wheel_path), str(code), str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != 0 or not out.is_file():
            raise BrowserBuildError(f"the checker workload failed under Node: {proc.stderr.strip()[-800:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def trim_zip(full: bytes, modules: list[str]) -> bytes:
    """Keep the top-level packages and modules of ``modules`` and ALWAYS_KEEP; same entry order and dates."""
    tops = {m.split(".")[0] for m in modules} | set(ALWAYS_KEEP)
    source = zipfile.ZipFile(io.BytesIO(full))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            top = info.filename.split("/")[0]
            stem = top.split(".")[0]
            if stem in tops or top.startswith("_sysconfigdata"):
                out.writestr(info, source.read(info))
    return buffer.getvalue()


def trimmed_stdlib(pyodide_dir: Path, full: bytes, wheel_name: str, wheel: bytes) -> bytes | None:
    """The stdlib trimmed to the checker's workload and verified to give the same results, or None."""
    key = _sha256(full + wheel + _WORKLOAD_PY.encode() + _WORKLOAD_JS.encode() + repr(ALWAYS_KEEP).encode())
    cached = CACHE_DIR / f"stdlib-trimmed-{key[:16]}.zip"
    refused = CACHE_DIR / f"stdlib-trimmed-{key[:16]}.refused"
    if cached.is_file():
        return cached.read_bytes()
    if refused.is_file():
        return None
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel_path = Path(tmp) / wheel_name
        wheel_path.write_bytes(wheel)
        full_zip, small_zip = Path(tmp) / "full.zip", Path(tmp) / "trimmed.zip"
        full_zip.write_bytes(full)
        try:
            reference = run_workload(pyodide_dir, full_zip, wheel_path)
            small = trim_zip(full, reference["modules"])
            small_zip.write_bytes(small)
            check = run_workload(pyodide_dir, small_zip, wheel_path)
        except (BrowserBuildError, OSError, subprocess.TimeoutExpired, ValueError) as exc:
            print(f"sitegen.browser: stdlib not trimmed ({exc})")
            return None
    if check["results"] != reference["results"]:
        refused.write_text("the trimmed stdlib changed the workload's results\n", encoding="utf-8")
        print("sitegen.browser: stdlib not trimmed (the trimmed stdlib changed the checker's results)")
        return None
    cached.write_bytes(small)
    return small


# The bundle ----------------------------------------------------------------------------------------
def _hashed(name: str, data: bytes) -> str:
    stem, dot, ext = name.partition(".")
    return f"{stem}-{_sha256(data)[:12]}{dot}{ext}"


def prepare(root: Path = ROOT, pyodide_dir: Path = PYODIDE_DIR, *, compiled_stdlib: bool = True) -> Bundle:
    """Everything the checker page needs, named by content hash, plus the manifest that points to it."""
    from checker.browser import form_spec
    from checker.reference import load_reference

    version = pyodide_version(pyodide_dir)
    bundle = Bundle()
    core = {name: (pyodide_dir / name).read_bytes() for name in CORE_FILES}
    wheel_name, wheel = build_wheel(root)
    stdlib, stdlib_kind = stdlib_bytes(pyodide_dir, compiled_stdlib=compiled_stdlib)
    if stdlib_kind == "byte-compiled" and not os.environ.get("DEALCHECK_FULL_STDLIB"):
        small = trimmed_stdlib(pyodide_dir, stdlib, wheel_name, wheel)
        if small is not None:
            stdlib, stdlib_kind = small, "byte-compiled, trimmed"
    core[STDLIB] = stdlib
    digest = hashlib.sha256()
    for name in sorted(core):
        digest.update(name.encode() + b"\0" + _sha256(core[name]).encode())
    runtime_dir = f"assets/pyodide/{version}-{digest.hexdigest()[:10]}/"
    for name, data in core.items():
        bundle.files[runtime_dir + name] = data

    wheel_dir = f"assets/checker/build/{_sha256(wheel)[:12]}/"
    bundle.files[wheel_dir + wheel_name] = wheel
    bytecode = None
    pycache = None
    if stdlib_kind.startswith("byte-compiled"):
        pycache = compiled(pyodide_dir, "pycache", SITE_PACKAGES, "checker-pycache", wheel)
        if pycache is not None:
            path = "assets/checker/build/" + _hashed("checker-pycache.zip", pycache)
            bundle.files[path] = pycache
            bytecode = {"url": path, "sha256": _sha256(pycache), "bytes": len(pycache)}

    snapshot = None
    packed = engine_snapshot(
        pyodide_dir, CACHE_DIR, stdlib, wheel_name, wheel, pycache if bytecode else None, _WORKLOAD_PY
    )
    if packed is not None:
        path = "assets/checker/build/" + _hashed("engine.snapshot", packed)
        bundle.files[path] = packed
        # Restored by the worker instead of starting Python and importing the engine; any error falls back.
        snapshot = {
            "url": path,
            "sha256": _sha256(packed),
            "bytes": len(packed),
            "encoding": "gzip",
            "pyodide": version,
        }

    worker_path = _add_worker(bundle, root / "docs" / "assets" / "checker")

    ref = load_reference()
    bundle.manifest = {
        "format": 1,
        "pyodide": {
            "version": version,
            "indexURL": runtime_dir,
            "stdLibURL": runtime_dir + STDLIB,
            "stdlib": stdlib_kind,
            "lock_info": json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))["info"],
        },
        "worker": worker_path,
        "wheel": {
            "url": wheel_dir + wheel_name,
            "version": wheel_name.split("-")[1],
            "sha256": _sha256(wheel),
            "bytes": len(wheel),
        },
        # __pycache__ of the checker's modules, unpacked into site-packages next to the wheel's sources (or null).
        "bytecode": bytecode,
        # Memory snapshot of the ready engine (sitegen.snapshot), or null: the worker then starts normally.
        "snapshot": snapshot,
        # Hook for data loaded only on the checker page (the party-screening index, say): each entry is
        # {"url": site-relative, "sha256": hex, "path": absolute path in Pyodide's file system}.
        "data": [],
        "form": form_spec(ref),
    }
    # Every file the checker loads, for the service worker to keep after the first visit (issue 13).
    bundle.manifest["files"] = sorted(bundle.files)
    return bundle


# The worker's one import, the protocol module it shares with the page; written next to the worker under a hashed
# name (and the import rewritten to it) so a cached worker never meets a newer protocol.
WORKER_IMPORT = 'from "./protocol.js";'


def _add_worker(bundle: Bundle, assets: Path) -> str:
    """Adds the worker and its protocol module to the bundle under content-hashed names; returns the worker's path."""
    protocol = (assets / "protocol.js").read_bytes()
    protocol_name = _hashed("protocol.js", protocol)
    bundle.files["assets/checker/build/" + protocol_name] = protocol
    source = (assets / "worker.js").read_text(encoding="utf-8")
    if source.count(WORKER_IMPORT) != 1:
        raise BrowserBuildError(f"worker.js must import the protocol exactly once as {WORKER_IMPORT!r}")
    worker = source.replace(WORKER_IMPORT, f'from "./{protocol_name}";').encode("utf-8")
    worker_path = "assets/checker/build/" + _hashed("worker.js", worker)
    bundle.files[worker_path] = worker
    return worker_path


def checklist_html(form: dict[str, Any]) -> str:
    """A printable checklist of every question the checker asks, from the same form spec, working without JS."""
    e = html.escape
    parts = [
        '<section id="dc-checklist" class="dc-checklist" aria-labelledby="dc-checklist-title">',
        '<h2 id="dc-checklist-title">Printable checklist</h2>',
        "<p>The same questions the checker asks, grouped by due-diligence step. Print this page, answer on paper, "
        "and follow the linked guidance. Anything you cannot answer is a reason to find out before you go on.</p>",
    ]
    for group in form["groups"]:
        href = group.get("href")
        title = f'<a href="../{e(href)}">{e(group["title"])}</a>' if href else e(group["title"])
        parts.append(f"<h3>{title}</h3><ul>")
        for item in group["fields"]:
            parts.append(f"<li><strong>{e(item['label'])}</strong>")
            if item.get("help"):
                parts.append(f"<br><span>{e(item['help'])}</span>")
            options = item.get("options") or []
            if options and item["kind"] in ("multi", "choice"):
                parts.append('<ul class="dc-checklist-options">')
                parts += [f"<li>&#9744; {e(o['label'])}</li>" for o in options]
                parts.append("</ul>")
            parts.append("</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def write(bundle: Bundle, site_dir: Path) -> None:
    for rel, content in bundle.files.items():
        target = site_dir / rel
        size = len(content) if isinstance(content, bytes) else content.stat().st_size
        if target.is_file() and target.stat().st_size == size:
            continue  # content-hashed name: same name, same bytes
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.read_bytes())
    page = site_dir / CHECKER_PAGE
    if not page.is_file():
        raise BrowserBuildError(f"{CHECKER_PAGE} was not built: docs/checker.md is missing")
    text = page.read_text(encoding="utf-8")
    manifest = json.dumps(bundle.manifest, ensure_ascii=False, separators=(",", ":"))
    if text.count(PLACEHOLDER) != 1:
        raise BrowserBuildError(f"{CHECKER_PAGE} has no manifest placeholder (see docs/checker.md)")
    text = text.replace(PLACEHOLDER, f'data-manifest="{html.escape(manifest, quote=True)}"')
    text = text.replace(CHECKLIST_PLACEHOLDER, checklist_html(bundle.manifest["form"]), 1)
    page.write_text(text, encoding="utf-8")


def build_into(site_dir: str | Path) -> dict[str, Any]:
    """The MkDocs post-build step (build and serve): bundle the runtime and wire it into the checker page."""
    bundle = prepare()
    write(bundle, Path(site_dir))
    return bundle.manifest


if __name__ == "__main__":  # python -m sitegen.browser SITE_DIR: bundle into an already built site
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    print(json.dumps({k: v for k, v in build_into(target).items() if k != "form"}, indent=2))
