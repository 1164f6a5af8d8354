"""Site build benchmark: full build time, and how the build grows with 1x, 2x and 4x the country set.

Prints the full `mkdocs build --strict` time (a subprocess, as a user runs it), then in-process builds of a temp
copy of site_data/ with SYNTHETIC extra countries (never committed; each mirrors a real country's region and
measures, named "<name> (synthetic N)" with codes X001...). ISO alpha-2 has only 676 codes, so for these synthetic
runs only, the country-code format check is relaxed to allow X + 3 digits. Reports the generator's own share of
each build (time inside sitegen vs total) and the growth ratios against the 1x baseline measured in the same run.

Run: .venv/bin/python benchmarks/site_build.py
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from tests.site.sitebuild import write_config  # noqa: E402


def full_build(tmp: Path) -> tuple[float, float, int]:
    """`mkdocs build --strict` in a subprocess on the real data; returns (seconds, generator seconds, pages)."""
    config = write_config(tmp)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp / "site")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stdout}{done.stderr}")
    match = re.search(r"sitegen: (\d+) pages generated in ([\d.]+) s", done.stdout + done.stderr)
    assert match, "the plugin did not report its timing"
    return seconds, float(match.group(2)), int(match.group(1))


def add_synthetic_countries(site_data: Path, factor: int) -> int:
    """Add (factor - 1) synthetic copies of every country, with copies of its measures; returns countries added."""
    if factor == 1:
        return 0
    countries_path = site_data / "reference" / "countries.yml"
    doc = yaml.safe_load(countries_path.read_text(encoding="utf-8"))
    real = list(doc["countries"])
    measures = []
    for path in sorted((site_data / "reference" / "measures").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        measures.extend(data if isinstance(data, list) else data.get("measures", []))
    added: list[dict] = []
    synthetic_measures: list[dict] = []
    number = 0
    for copy in range(1, factor):
        for country in real:
            number += 1
            code = f"X{number:03d}"
            added.append({**country, "code": code, "name": f"{country['name']} (synthetic {copy})"})
            added[-1].pop("official_name", None)
            synthetic_measures.extend(
                {**measure, "id": f"{measure['id']}-syn-{number}", "targets": [code]}
                for measure in measures
                if country["code"] in measure.get("targets", [])
            )
    doc["countries"] = real + added
    countries_path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (site_data / "reference" / "measures" / "zz-synthetic.yml").write_text(
        "# SYNTHETIC benchmark data, generated in a temp folder; never committed.\n"
        + yaml.safe_dump(synthetic_measures, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return len(added)


def scaled_build(tmp: Path, factor: int) -> tuple[float, float, int, int]:
    """In-process strict build of a temp copy with `factor` x the countries; (seconds, generator s, pages, countries)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from sitegen import schema

    schema.COUNTRY["code"] = schema.Field("str", pattern=r"^(?:[A-Z]{2}|X\d{3})$")  # synthetic codes only
    data = tmp / f"site_data_{factor}x"
    shutil.copytree(ROOT / "site_data", data)
    added = add_synthetic_countries(data, factor)
    config_dir = tmp / f"config_{factor}x"
    config_dir.mkdir()
    config_file = write_config(config_dir, site_data=data, check_bundle=False)
    config = load_config(config_file=str(config_file), site_dir=str(tmp / f"site_{factor}x"), strict=True)
    started = time.perf_counter()
    build(config)
    seconds = time.perf_counter() - started
    plugin = config.plugins["cyber-export-guide"]
    countries = len(yaml.safe_load((data / "reference" / "countries.yml").read_text(encoding="utf-8"))["countries"])
    del added
    return seconds, plugin.seconds, len(plugin.generated.pages), countries


def main() -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="site-bench-") as name:
        tmp = Path(name)
        (tmp / "full").mkdir()
        seconds, generator, pages = full_build(tmp / "full")
        print(f"full build (mkdocs build --strict, subprocess, real data): {seconds:.2f} s for {pages} generated pages")
        print(f"  generator share: {generator:.2f} s inside sitegen ({100 * generator / seconds:.0f}% of total)")
        print(f"  goal: under 15 s -> {'met' if seconds < 15 else 'NOT met'}")
        print()
        print("scaling (in-process strict builds; extra countries are SYNTHETIC, in a temp copy):")
        print(
            f"{'scale':>5} {'countries':>9} {'pages':>6} {'build s':>8} {'sitegen s':>9} {'share':>6} {'ms/page':>8} {'time ratio':>10} {'page ratio':>10}"
        )
        base: tuple[float, int] | None = None
        rows = []
        for factor in (1, 2, 4):
            seconds, generator, pages, countries = scaled_build(tmp, factor)
            base = base or (seconds, pages)
            time_ratio, page_ratio = seconds / base[0], pages / base[1]
            rows.append((factor, time_ratio, page_ratio))
            print(
                f"{factor:>4}x {countries:>9} {pages:>6} {seconds:>8.2f} {generator:>9.2f} {100 * generator / seconds:>5.0f}% "
                f"{1000 * seconds / pages:>8.1f} {time_ratio:>10.2f} {page_ratio:>10.2f}"
            )
        growth = rows[-1][1] / rows[-1][2]
        print()
        print(f"growth: 4x build time / 4x page count = {growth:.2f} (<= 1.0 means no faster than linear)")


if __name__ == "__main__":
    main()
