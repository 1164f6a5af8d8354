"""Start-up of the in-browser deal checker against a stock self-hosted Pyodide page, measured in one run.

    .venv/bin/python benchmarks/checker_startup.py [--runs 3] [--screens 20]

The site is built once (mkdocs build --strict, with site_url set to the serving origin) and served from 127.0.0.1
without transfer compression; Debian's Chromium runs headless through Playwright. Every wait runs in the page as a
promise handed to ``page.evaluate`` (a function, never a string expression), so it works under the site's Content
Security Policy, which allows no ``eval``.
- checker ready: navigation start to the ``dealchecker:ready`` performance mark (the engine loaded and warmed up);
- stock: a page (written into the temp site only) whose module worker loads the stock Pyodide from the same
  node_modules copy (stock stdlib, default lockfile) and runs ``import json``; navigation start to that reply;
- cold: a fresh browser profile per run; warm: a persistent profile visited once before, the browser restarted
  (2nd visit), then the page reloaded (3rd visit). Ours and stock alternate within every run (interleaved);
- per-stage breakdown: the page's ``dealchecker:<stage>`` marks (ms from navigation start, medians);
- one screening: the Gamma/FinFisher deal screened through the form after ready, median of --screens;
- bytes: response bytes until ready (or until network idle), uncompressed and as brotli (quality 11, computed
  from the served files with Node's zlib), for the checker page, the stock page, a guidance page and the same
  page's Markdown built as a plain Material page (theme and search only, no plugin, no checker);
- offline reload: after one visit, the network switched off (``context.set_offline(True)``), whether a reload of
  the checker page reaches ready and a guidance page shows its heading.
Ratios are ours / stock in the same run. Goals (issue 13): cold ready <= 0.30x stock cold, warm ready <= 0.15x
stock cold, bytes until ready with brotli <= 0.9x stock, guidance page bytes <= 1.2x the plain Material page.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.siteserver import CHROMIUM, CHROMIUM_ARGS, build_site, free_port, serve  # noqa: E402

BASELINE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Stock Pyodide baseline</title>
</head><body><p id="state">loading</p><script type="module">
const worker = new Worker(new URL("worker.js", location.href), { type: "module" });
worker.onmessage = (e) => { performance.mark("baseline:ready"); document.getElementById("state").textContent = e.data; };
</script></body></html>
"""
BASELINE_WORKER = """const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", location.href).href);
const py = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
py.runPython("import json");
self.postMessage("ready");
"""
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
OURS_MARK, BASE_MARK = "dealchecker:ready", "baseline:ready"
GUIDANCE = "steps/end-user/"

# Resolves with the mark's start time once it exists (a page-side promise: no string predicate, no eval).
WAIT_MARK = """([mark, timeout]) => new Promise((resolve, reject) => {
  const found = () => performance.getEntriesByName(mark)[0];
  if (found()) return resolve(found().startTime);
  const timer = setTimeout(() => reject(new Error('no ' + mark + ' within ' + timeout + ' ms')), timeout);
  const poll = setInterval(() => {
    const entry = found();
    if (entry) { clearInterval(poll); clearTimeout(timer); resolve(entry.startTime); }
  }, 10);
})"""
STAGE_MARKS = """() => Object.fromEntries(performance.getEntriesByType('mark')
  .filter(m => m.name.startsWith('dealchecker:')).map(m => [m.name.slice(12), m.startTime]))"""


def write_baseline(site_dir: Path) -> None:
    folder = site_dir / "__baseline"
    (folder / "pyodide").mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, folder / "pyodide" / name)
    (folder / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    (folder / "worker.js").write_text(BASELINE_WORKER, encoding="utf-8")


def write_plain_material(site_dir: Path) -> None:
    """The guidance page's own Markdown built as a plain Material site (theme + search) under __plain/."""
    from sitegen.generate import generate

    markdown = generate(ROOT / "site_data").pages[GUIDANCE.rstrip("/") + ".md"]
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        (docs / GUIDANCE).mkdir(parents=True)
        (docs / GUIDANCE / "index.md").write_text(markdown, encoding="utf-8")
        (docs / "index.md").write_text("# Home\n", encoding="utf-8")
        config = Path(tmp) / "mkdocs.yml"
        config.write_text(
            "site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"
            "markdown_extensions: [admonition, attr_list, md_in_html, tables, pymdownx.details, pymdownx.superfences]\n",
            encoding="utf-8",
        )
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir / "__plain")],
            check=True,
            capture_output=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )


def ready_ms(page: Any, url: str, mark: str, *, reload: bool = False) -> tuple[float, dict[str, float]]:
    """(ms from navigation start to the mark, the page's dealchecker stage marks) of one navigation."""
    if reload:
        page.reload()
    else:
        page.goto(url)
    ms = float(page.evaluate(WAIT_MARK, [mark, 180000]))
    return ms, (page.evaluate(STAGE_MARKS) if mark == OURS_MARK else {})


def cold(browser: Any, url: str, mark: str) -> tuple[float, dict[str, float]]:
    context = browser.new_context()
    try:
        return ready_ms(context.new_page(), url, mark)
    finally:
        context.close()


def warm(playwright: Any, url: str, mark: str) -> list[tuple[float, dict[str, float]]]:
    """A returning visitor: visit once (persistent profile), restart the browser, 2nd visit, then a reload (3rd)."""
    profile = tempfile.mkdtemp(prefix="checker-profile-")
    out = []
    try:
        for visit in range(2):
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            try:
                page = context.pages[0] if context.pages else context.new_page()
                result = ready_ms(page, url, mark)
                if visit == 1:
                    out.append(result)
                    page.wait_for_timeout(300)
                    out.append(ready_ms(page, url, mark, reload=True))
                page.wait_for_timeout(800)  # let the cache writes finish before the browser closes
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out


class Brotli:
    """Brotli sizes of served files, from Node's zlib (no extra package), cached by path."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.sizes: dict[str, int] = {}

    def measure(self, paths: list[str]) -> None:
        todo = sorted({p for p in paths if p not in self.sizes})
        if not todo:
            return
        script = (
            "const z=require('zlib'),fs=require('fs');const out={};"
            "for(const p of JSON.parse(fs.readFileSync(0,'utf8'))){try{out[p]=z.brotliCompressSync(fs.readFileSync(p),"
            "{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length}catch(e){out[p]=null}}"
            "process.stdout.write(JSON.stringify(out))"
        )
        files = [str(self.file(p)) for p in todo]
        proc = subprocess.run(["node", "-e", script], input=json.dumps(files), capture_output=True, text=True)
        result = json.loads(proc.stdout or "{}")
        for path, file in zip(todo, files, strict=True):
            self.sizes[path] = result.get(file) or 0

    def file(self, path: str) -> Path:
        target = self.site_dir / path.lstrip("/")
        return target / "index.html" if path.endswith("/") or target.is_dir() else target


def page_bytes(browser: Any, url: str, mark: str | None, brotli: Brotli) -> dict[str, int]:
    """Requests, uncompressed and brotli bytes, and Pyodide runtime bytes of one fresh page load."""
    context = browser.new_context()
    sizes: list[tuple[str, int]] = []

    def finished(request: Any) -> None:
        if getattr(request, "service_worker", None) is not None:
            return  # the site's service worker re-issuing a request the page made: counted once, as the page's
        try:
            body = request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a request without a response counts as zero bytes
            body = 0
        sizes.append((urlsplit(request.url).path, body))

    context.on("requestfinished", finished)
    page = context.new_page()
    page.goto(url)
    if mark:
        page.evaluate(WAIT_MARK, [mark, 180000])
        got = list(sizes)  # until ready
    else:
        page.wait_for_load_state("networkidle")
        got = list(sizes)
    context.close()
    brotli.measure([p for p, _ in got])
    return {
        "requests": len(got),
        "raw": sum(s for _, s in got),
        "br": sum(brotli.sizes[p] for p, _ in got),
        "pyodide": sum(s for p, s in got if "/assets/pyodide/" in p or "/assets/checker/build/" in p),
        "search": sum(s for p, s in got if "search_index" in p or "sitemap" in p),
    }


def offline_reload(browser: Any, origin: str) -> tuple[bool, bool]:
    """After one online visit (checker, then a guidance page): do both reload with the network off?"""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(origin + "checker/")
        page.evaluate(WAIT_MARK, [OURS_MARK, 180000])
        page.goto(origin + GUIDANCE)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        context.set_offline(True)
        checker_ok = guidance_ok = False
        try:
            page.goto(origin + "checker/")
            page.evaluate(WAIT_MARK, [OURS_MARK, 60000])
            checker_ok = True
        except Exception:  # noqa: BLE001 - offline failure is the figure being measured
            pass
        try:
            page.goto(origin + GUIDANCE)
            guidance_ok = page.locator("h1").count() > 0
        except Exception:  # noqa: BLE001
            pass
        return checker_ok, guidance_ok
    finally:
        context.close()


def screening_ms(browser: Any, origin: str, screens: int) -> tuple[float, float]:
    from checker.yamlsubset import loads
    from tests.browser.test_checker import fill_deal
    from tests.scenarios import SCENARIOS

    deal = loads((SCENARIOS / "gamma-finfisher-egypt.yml").read_text(encoding="utf-8"))["deal"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin + "checker/")
    page.wait_for_selector('#dealchecker[data-state="ready"]', timeout=180000)
    fill_deal(page, deal)
    round_trips, engine = [], []
    for _ in range(screens):
        ms = page.evaluate(
            """() => new Promise((resolve) => {
                 const root = document.getElementById('dealchecker');
                 root.removeAttribute('data-verdict');
                 const started = performance.now();
                 const seen = new MutationObserver(() => {
                   if (root.dataset.verdict) { seen.disconnect(); resolve(performance.now() - started); }
                 });
                 seen.observe(root, { attributes: true });
                 document.querySelector('.dc-form').requestSubmit();
               })"""
        )
        round_trips.append(float(ms))
        engine.append(float(page.get_attribute("#dealchecker", "data-screen-ms")))
    context.close()
    return statistics.median(round_trips), statistics.median(engine)


def _runs(values: list[float]) -> str:
    return ", ".join(f"{v:.0f}" for v in values)


def _goal(ratio: float, goal: float) -> str:
    return f"{ratio:.2f}x ({'meets' if ratio <= goal else 'MISSES'} the <= {goal}x goal)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screens", type=int, default=20)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Debian chromium is needed at {CHROMIUM}", file=sys.stderr)
        return 1
    if shutil.which("node") is None:
        print("node is needed (brotli sizes, the site's build)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    port = free_port()
    origin = f"http://127.0.0.1:{port}/"
    load_before = os.getloadavg()
    results: dict[str, list[float]] = {
        k: [] for k in ("ours_cold", "base_cold", "ours_2nd", "base_2nd", "ours_3rd", "base_3rd")
    }
    stages: dict[str, list[dict[str, float]]] = {"cold": [], "2nd visit": [], "3rd visit": []}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site, origin)
        write_baseline(site)
        write_plain_material(site)
        brotli = Brotli(site)
        with serve(site, port), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            checker_url, baseline_url = origin + "checker/", origin + "__baseline/"
            for _ in range(args.runs):  # interleaved, so machine load affects both alike
                ms, _marks = cold(browser, baseline_url, BASE_MARK)
                results["base_cold"].append(ms)
                ms, marks = cold(browser, checker_url, OURS_MARK)
                results["ours_cold"].append(ms)
                stages["cold"].append(marks)
                (b2, _), (b3, _) = warm(playwright, baseline_url, BASE_MARK)
                results["base_2nd"].append(b2)
                results["base_3rd"].append(b3)
                (o2, m2), (o3, m3) = warm(playwright, checker_url, OURS_MARK)
                results["ours_2nd"].append(o2)
                results["ours_3rd"].append(o3)
                stages["2nd visit"].append(m2)
                stages["3rd visit"].append(m3)
            round_trip, engine = screening_ms(browser, origin, args.screens)
            pages = {
                "checker page (until ready)": page_bytes(browser, checker_url, OURS_MARK, brotli),
                "stock Pyodide page (until ready)": page_bytes(browser, baseline_url, BASE_MARK, brotli),
                f"guidance page {GUIDANCE}": page_bytes(browser, origin + GUIDANCE, None, brotli),
                "same text, plain Material page": page_bytes(browser, origin + "__plain/" + GUIDANCE, None, brotli),
                "home page": page_bytes(browser, origin, None, brotli),
            }
            offline = offline_reload(browser, origin)
            browser.close()
    load_after = os.getloadavg()

    med = {k: statistics.median(v) for k, v in results.items()}
    print(
        f"Checker start-up, median of {args.runs} interleaved runs (ms from navigation start; all runs in brackets); "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    for kind in ("cold", "2nd", "3rd"):
        label = {"cold": "cold", "2nd": "warm, 2nd visit", "3rd": "warm, 3rd visit (reload)"}[kind]
        ours, base = med[f"ours_{kind}"], med[f"base_{kind}"]
        print(
            f"  {label:<25} checker {ours:7.0f} [{_runs(results[f'ours_{kind}'])}]  "
            f"stock {base:7.0f} [{_runs(results[f'base_{kind}'])}]  ours/stock same visit {ours / base:.2f}x"
        )
    print(f"  cold ready / stock cold: {_goal(med['ours_cold'] / med['base_cold'], 0.30)}")
    print(f"  warm ready (2nd visit) / stock cold: {_goal(med['ours_2nd'] / med['base_cold'], 0.15)}")
    print(f"  warm ready (3rd visit) / stock cold: {_goal(med['ours_3rd'] / med['base_cold'], 0.15)}")
    for kind, runs in stages.items():
        runs = [r for r in runs if r]
        if runs:
            names = sorted({n for r in runs for n in r if all(n in x for x in runs)}, key=lambda n: runs[0][n])
            text = ", ".join(f"{n} {statistics.median(r[n] for r in runs):.0f}" for n in names)
            print(f"  our stages, {kind} (ms from navigation start, median): {text}")
    verdict = "meets" if round_trip < 20 else "MISSES"
    print(
        f"One screening after ready (Gamma/FinFisher, median of {args.screens}): round trip {round_trip:.1f} ms, "
        f"engine in the worker {engine:.1f} ms ({verdict} the < 20 ms goal)"
    )
    print("Bytes (response bodies; brotli computed from the served files):")
    for label, b in pages.items():
        print(
            f"  {label:<36} {b['raw']:>11,} raw {b['br']:>10,} brotli in {b['requests']:>3} requests; "
            f"checker runtime {b['pyodide']:,}; search index + sitemap {b['search']:,}"
        )
    ours, stock = pages["checker page (until ready)"], pages["stock Pyodide page (until ready)"]
    guide, plain = pages[f"guidance page {GUIDANCE}"], pages["same text, plain Material page"]
    print(f"  checker bytes until ready with brotli / stock: {_goal(ours['br'] / stock['br'], 0.9)}")
    print(f"  guidance page bytes / plain Material page, raw: {_goal(guide['raw'] / plain['raw'], 1.2)}")
    print(f"  guidance page bytes / plain Material page, brotli: {_goal(guide['br'] / plain['br'], 1.2)}")
    ok = guide["pyodide"] == 0 and pages["home page"]["pyodide"] == 0
    print(f"Guidance pages load {'zero' if ok else 'SOME'} Pyodide bytes.")
    print(
        f"Offline reload after one visit (network off): checker {'ready' if offline[0] else 'FAILS'}, "
        f"guidance page {'shown' if offline[1] else 'FAILS'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
