"""Start-up of the in-browser deal checker against stock Pyodide, measured in one run (issue 4).

    .venv/bin/python benchmarks/checker_startup.py [--runs 3] [--screens 20]

The site is built once (mkdocs build --strict, with site_url set to the serving origin) and served from 127.0.0.1
without transfer compression; Debian's Chromium runs headless through Playwright.
- checker ready: navigation start to the `dealchecker:ready` performance mark (the engine loaded and warmed up in
  its module worker);
- baseline: a page (written into the temp site only) whose module worker loads the stock Pyodide from the same
  node_modules copy (stock stdlib, default lockfile) and imports nothing else; navigation start to loadPyodide
  resolved;
- cold: a fresh browser profile per run; warm: a returning visitor (persistent profile, visited once before);
- one screening: the Gamma/FinFisher deal screened through the form after ready (round trip in the page, and the
  engine's own time in the worker), median of --screens;
- bytes: response bytes of a guidance page and of the checker page (all requests, worker included).
Times are medians of --runs; ratios are ours / baseline. Goals: <= 1.1x baseline, < 20 ms per screening, zero
Pyodide bytes on guidance pages.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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
await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
self.postMessage("ready");
"""
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def write_baseline(site_dir: Path) -> None:
    folder = site_dir / "__baseline"
    (folder / "pyodide").mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, folder / "pyodide" / name)
    (folder / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    (folder / "worker.js").write_text(BASELINE_WORKER, encoding="utf-8")


STAGES: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}


def ready_ms(page: Any, url: str, mark: str, kind: str = "") -> float:
    page.goto(url)
    # Polled from Python: wait_for_function would evaluate a string in the page, which the strict CSP forbids.
    deadline = time.monotonic() + 120
    while not page.evaluate("(m) => performance.getEntriesByName(m).length > 0", mark):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no performance mark {mark!r} within 120 s")
        page.wait_for_timeout(50)
    if mark.startswith("dealchecker") and kind:
        STAGES[kind].append(
            page.evaluate(
                "Object.fromEntries(performance.getEntriesByType('mark')"
                ".filter(m => m.name.startsWith('dealchecker:')).map(m => [m.name.slice(12), m.startTime]))"
            )
        )
    return float(page.evaluate(f"performance.getEntriesByName('{mark}')[0].startTime"))


def cold(browser: Any, url: str, mark: str) -> float:
    context = browser.new_context()
    try:
        return ready_ms(context.new_page(), url, mark, "cold")
    finally:
        context.close()


def warm(playwright: Any, url: str, mark: str) -> float:
    """A returning visitor: visit once with a persistent profile, restart the browser, measure the second visit."""
    profile = tempfile.mkdtemp(prefix="checker-profile-")
    try:
        for visit in range(2):
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            try:
                page = context.pages[0] if context.pages else context.new_page()
                ms = ready_ms(page, url, mark, "warm" if visit == 1 else "")
                page.wait_for_timeout(500)  # let the cache write finish before the browser closes
            finally:
                context.close()
            if visit == 1:
                return ms
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    raise AssertionError("unreachable")


def page_bytes(browser: Any, url: str, ready_selector: str | None) -> tuple[int, int, int]:
    """(all response bytes, Pyodide runtime bytes, requests) of one fresh page load."""
    context = browser.new_context()
    sizes: list[tuple[str, int]] = []

    def finished(request: Any) -> None:
        try:
            body = request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a request without a response counts as zero bytes
            body = 0
        sizes.append((request.url, body))

    context.on("requestfinished", finished)
    page = context.new_page()
    page.goto(url)
    if ready_selector:
        page.wait_for_selector(ready_selector, timeout=120000)
    page.wait_for_load_state("networkidle")
    context.close()
    total = sum(size for _, size in sizes)
    pyodide = sum(size for u, size in sizes if "/assets/pyodide/" in u or "/assets/checker/build/" in u)
    return total, pyodide, len(sizes)


def screening_ms(browser: Any, origin: str, screens: int) -> tuple[float, float]:
    from checker.yamlsubset import loads
    from tests.browser.test_checker import fill_deal
    from tests.scenarios import SCENARIOS

    deal = loads((SCENARIOS / "gamma-finfisher-egypt.yml").read_text(encoding="utf-8"))["deal"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin + "checker/")
    page.wait_for_selector('#dealchecker[data-state="ready"]', timeout=120000)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screens", type=int, default=20)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Debian chromium is needed at {CHROMIUM}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    port = free_port()
    origin = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site, origin)
        write_baseline(site)
        with serve(site, port), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            checker_url, baseline_url = origin + "checker/", origin + "__baseline/"
            results: dict[str, list[float]] = {k: [] for k in ("ours_cold", "base_cold", "ours_warm", "base_warm")}
            for _ in range(args.runs):  # interleaved, so machine load affects both alike
                results["base_cold"].append(cold(browser, baseline_url, "baseline:ready"))
                results["ours_cold"].append(cold(browser, checker_url, "dealchecker:ready"))
                results["base_warm"].append(warm(playwright, baseline_url, "baseline:ready"))
                results["ours_warm"].append(warm(playwright, checker_url, "dealchecker:ready"))
            round_trip, engine = screening_ms(browser, origin, args.screens)
            guidance = page_bytes(browser, origin + "steps/end-user/", None)
            home = page_bytes(browser, origin, None)
            checker = page_bytes(browser, checker_url, '#dealchecker[data-state="ready"]')
            baseline = page_bytes(browser, baseline_url, None)
            browser.close()

    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"Checker start-up, median of {args.runs} runs (ms; all runs in brackets)")
    for kind in ("cold", "warm"):
        ours, base = med[f"ours_{kind}"], med[f"base_{kind}"]
        runs_ours = ", ".join(f"{v:.0f}" for v in results[f"ours_{kind}"])
        runs_base = ", ".join(f"{v:.0f}" for v in results[f"base_{kind}"])
        verdict = "meets" if ours <= 1.1 * base else "MISSES"
        print(
            f"  {kind}: checker ready {ours:7.0f} [{runs_ours}]  stock Pyodide baseline {base:7.0f} [{runs_base}]"
            f"  ratio {ours / base:.2f}x ({verdict} the <= 1.1x goal)"
        )
    for kind, runs in STAGES.items():
        if runs:
            names = [n for n in ("runtime", "python", "engine", "warm", "ready") if all(n in r for r in runs)]
            text = ", ".join(f"{n} {statistics.median(r[n] for r in runs):.0f}" for n in names)
            print(f"  our stages, {kind} (ms from navigation start, median): {text}")
    verdict = "meets" if round_trip < 20 else "MISSES"
    print(
        f"One screening after ready (Gamma/FinFisher, median of {args.screens}): round trip {round_trip:.1f} ms, "
        f"engine in the worker {engine:.1f} ms ({verdict} the < 20 ms goal)"
    )
    print("Bytes transferred (uncompressed):")
    for label, (total, pyodide, requests) in (
        ("guidance page steps/end-user/", guidance),
        ("home page", home),
        ("checker page (until ready)", checker),
        ("stock Pyodide baseline page", baseline),
    ):
        print(f"  {label:<32} {total:>10,} bytes in {requests:>3} requests; checker runtime bytes {pyodide:,}")
    ok = guidance[1] == 0 and home[1] == 0
    print(f"Guidance pages load {'zero' if ok else 'SOME'} Pyodide bytes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
