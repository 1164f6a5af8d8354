"""Country pages' context summary and the countries index's world map, read from the built HTML."""

from __future__ import annotations

import csv
import html
import random
import re
from pathlib import Path

import yaml

from checker.reference import load_reference
from tests.site.sitebuild import Page, resolve, target_file

ROOT = Path(__file__).resolve().parents[2]
CONTEXT = ROOT / "site_data" / "context"
REF = load_reference()
INDICATOR_SPAN = re.compile(r'<span class="ceg-indicator" data-indicator="([a-z_]+)">([^<]*)</span>')


def indicator_cells(site_dir: Path, code: str) -> dict[str, str]:
    text = (site_dir / "countries" / code.lower() / "index.html").read_text(encoding="utf-8")
    return {ident: html.unescape(value) for ident, value in INDICATOR_SPAN.findall(text)}


def test_every_country_page_shows_each_indicator_or_says_no_data(site_dir: Path) -> None:
    indicators = [i["id"] for d in REF.raw["context"]["datasets"] for i in d["indicators"]]
    assert indicators, "no indicator dataset shipped"
    no_data = 0
    for code in REF.countries:
        cells = indicator_cells(site_dir, code)
        assert set(cells) == set(indicators), code
        for ident, value in cells.items():
            assert re.match(r"^-?\d+\.\d\d", value) or value.startswith("no data in this dataset"), (code, ident, value)
            no_data += value.startswith("no data")
    assert 0 < no_data < len(REF.countries)  # territories without WGI data say so; most countries have values


def _published_rows() -> list[dict[str, str]]:
    """The shipped dataset file read directly (not through the importer), mapped to alpha-2 independently."""
    meta = yaml.safe_load((CONTEXT / "indicators.yml").read_text(encoding="utf-8"))["datasets"][0]
    codes = yaml.safe_load((CONTEXT / "country_codes.yml").read_text(encoding="utf-8"))["codes"]
    alpha3 = {c["alpha3"]: c["alpha2"] for c in codes} | dict(meta["code_overrides"])
    ids = {i["code"]: i["id"] for i in meta["indicators"]}
    with (CONTEXT / meta["file"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {**row, "alpha2": alpha3[row["code"]], "indicator_id": ids[row["indicator"]]}
        for row in rows
        if row["code"] in alpha3 and row["estimate"] != ".."
    ]


def test_a_random_sample_of_twenty_values_on_the_site_matches_the_published_file(site_dir: Path) -> None:
    rows = _published_rows()
    assert len(rows) > 400
    seed = random.randrange(1_000_000)
    sample = random.Random(seed).sample(rows, 20)
    for row in sample:
        shown = indicator_cells(site_dir, row["alpha2"])[row["indicator_id"]]
        expected = f"{float(row['estimate']):.2f} (percentile rank {float(row['pctrank']):.1f})"
        assert shown.startswith(expected), (
            f"seed {seed}: {row['code']} {row['indicator']}: site {shown!r}, file {expected!r}"
        )
        page = (site_dir / "countries" / row["alpha2"].lower() / "index.html").read_text(encoding="utf-8")
        assert "Worldwide Governance Indicators (2024 update)" in page and "CC BY 4.0" in page


def test_every_indicator_value_traces_to_a_source_id() -> None:
    sources = REF.sources
    for dataset in REF.raw["context"]["datasets"]:
        assert dataset["sources"] and all(s in sources for s in dataset["sources"]), dataset["id"]
        assert dataset["licence"] and "redistribution" in dataset
    for code, values in REF.raw["context"]["values"].items():
        assert code in REF.countries
        for entry in values.values():
            assert entry["line"] > 1  # the line of the dataset file it came from


def test_egypt_page_opens_with_the_context_summary(site_pages: dict[str, Page], site_dir: Path) -> None:
    text = (site_dir / "countries" / "eg" / "index.html").read_text(encoding="utf-8")
    assert text.index('id="context"') < text.index('id="measures"')
    assert "-1.38 (percentile rank 10.8) (at or below the repression threshold)" in html.unescape(text)
    assert "Possibly outdated" in text
    assert 'id="misuse"' in text and "Intrusion and spyware" in text
    assert "Predator spyware against presidential hopeful Ahmed Eltantawy" in text
    links = site_pages["countries/eg/"].parsed.links
    assert any(resolve("countries/eg/", h)[0] == "case-studies/gamma-finfisher-egypt/" for h in links)


def test_hub_and_no_data_pages(site_dir: Path) -> None:
    uae = (site_dir / "countries" / "ae" / "index.html").read_text(encoding="utf-8")
    assert 'id="diversion"' in uae and "Dubai Silicon Oasis" in uae
    man = indicator_cells(site_dir, "IM")
    assert all(v.startswith("no data in this dataset") for v in man.values())


def test_world_map_has_one_linked_shape_per_country(site_pages: dict[str, Page], site_dir: Path) -> None:
    text = (site_dir / "countries" / "index.html").read_text(encoding="utf-8")
    assert text.count("<svg") >= 1 and "ceg-world-map" in text
    svg = text[text.index('<svg class="ceg-world-map"') : text.index("</svg>", text.index("ceg-world-map"))]
    groups = re.findall(
        r'<g data-country="([A-Z]{2})" data-shape="(\w+)"><a xlink:href="([^"]+)" aria-label="([^"]+)">', svg
    )
    codes = [g[0] for g in groups]
    assert sorted(codes) == sorted(REF.countries) and len(codes) == len(set(codes))
    outlines = [g for g in groups if g[1] == "outline"]
    assert len(outlines) > 150
    for code, _kind, href, label in groups:
        url, _ = resolve("countries/", href)
        assert url == f"countries/{code.lower()}/" and target_file(site_dir, url).exists(), (code, href)
        assert html.unescape(label).startswith(REF.country_name(code) + ":")
    assert svg.count("<title") == len(codes) + 1
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "").replace(
        "http://www.w3.org/1999/xlink", ""
    )
    egypt = next(g for g in groups if g[0] == "EG")
    assert "Voice and Accountability -1.38 (2023)" in html.unescape(egypt[3])
