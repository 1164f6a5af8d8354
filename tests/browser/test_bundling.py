"""Build-time bundling of the browser checker (sitegen.browser) and the worker's Python API (checker.browser):
reproducible pure wheel, content-hashed files that match the manifest, nothing of it on guidance pages."""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from checker.browser import NONE_OF_THESE, form_spec, handle
from checker.reference import load_reference
from sitegen import browser, wheel

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_MARKERS = ("assets/pyodide/", "assets/checker/build/", "pyodide.asm", "python_stdlib")


def call(**request: object) -> dict:
    return json.loads(handle(json.dumps(request)))


def test_wheel_is_pure_reproducible_and_holds_only_the_checker() -> None:
    name, first = wheel.build_wheel()
    assert re.fullmatch(r"checker-[0-9][^-]*-py3-none-any\.whl", name)
    assert wheel.build_wheel()[1] == first, "the wheel is not byte-for-byte reproducible"
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "checker/data/bundle.json" in names and "checker/browser.py" in names
    assert all(n.startswith(("checker/", "checker-")) for n in names), names
    assert not any(n.endswith((".pyc", ".so")) or "__pycache__" in n for n in names)
    wheel_meta = zipfile.ZipFile(io.BytesIO(first)).read(name.split("-py3")[0] + ".dist-info/WHEEL").decode()
    assert "Tag: py3-none-any" in wheel_meta and "Root-Is-Purelib: true" in wheel_meta


def test_form_spec_offers_every_vocabulary_id_and_names_fields_by_deal_path() -> None:
    ref = load_reference()
    spec = form_spec(ref)
    fields = {f["name"]: f for g in spec["groups"] for f in g["fields"]}
    assert {g["id"] for g in spec["groups"]} <= {s["id"] for s in ref.steps}
    for path, vocabulary in {
        "product.capabilities": "capabilities",
        "end_user.type": "end_user_types",
        "end_user.end_user_statement": "end_user_statements",
        "red_flags": "red_flags",
        "safeguards": "safeguards",
        "services": "services",
    }.items():
        assert [o["value"] for o in fields[path]["options"]] == list(ref.vocabulary(vocabulary)), path
    roles = next(f for f in fields["intermediaries"]["fields"] if f["name"] == "role")
    assert [o["value"] for o in roles["options"]] == list(ref.vocabulary("intermediary_roles"))
    assert {o["value"] for o in spec["countries"]} == set(ref.countries)
    assert fields["services"]["none_value"] == NONE_OF_THESE
    for group in spec["groups"]:
        assert group["href"] == f"steps/{group['id']}/"


def test_handle_reports_problems_by_path_and_never_a_traceback() -> None:
    bad = call(op="screen", deal={"destination": {"country": "Egypt"}, "end_user": {"type": "spies"}})
    assert bad["ok"] is False
    paths = {p["path"]: p for p in bad["problems"]}
    assert "country name" in paths["destination.country"]["message"] and "EG" in paths["destination.country"]["hint"]
    assert "end_user.type" in paths
    assert call(op="screen", deal=[1, 2])["ok"] is False
    broken = call(op="load", text="product: [unclosed\n", name="d.yml")
    assert broken["ok"] is False and "d.yml" in broken["problems"][0]["message"]
    assert call(op="nonsense")["ok"] is False
    internal = json.loads(handle("{not json"))
    assert internal["ok"] is False and "Traceback" not in json.dumps(internal)


def test_handle_screen_and_report_agree_with_the_renderer() -> None:
    deal = {"destination": {"country": "SY"}, "product": {"capabilities": ["deep_packet_inspection"]}}
    screened = call(op="screen", deal=deal, base_url="http://example.test/", on="2026-11-29")
    assert screened["ok"] and screened["verdict"] == "STOP"
    assert 'href="http://example.test/findings/' in screened["fragment"]
    as_json = json.loads(call(op="report", deal=deal, format="json", on="2026-11-29")["text"])
    assert as_json["verdict"] == screened["verdict"]
    assert [f["code"] for f in as_json["findings"]] == screened["codes"]
    assert call(op="report", deal=deal, format="pdf")["ok"] is False
    dumped = call(op="dump", deal=deal, format="yaml")["text"]
    # read back as the current version
    assert call(op="load", text=dumped, name="x.yml")["deal"] == {"schema_version": 2, **deal}


@pytest.mark.browser
def test_built_site_wires_hashed_files_and_guidance_pages_name_none(checker_site: Path) -> None:
    page = (checker_site / "checker" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'data-manifest="([^"]+)"', page)
    assert match, "the checker page has no manifest"
    manifest = json.loads(html.unescape(match.group(1)))
    wheel = checker_site / manifest["wheel"]["url"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == manifest["wheel"]["sha256"]
    assert manifest["wheel"]["sha256"][:12] in manifest["wheel"]["url"]
    for item in [manifest["bytecode"], *manifest["data"]]:
        if item:
            data = (checker_site / item["url"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
    runtime = checker_site / manifest["pyodide"]["indexURL"]
    assert manifest["pyodide"]["indexURL"].startswith(f"assets/pyodide/{manifest['pyodide']['version']}-")
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (runtime / name).is_file(), name
    wasm = (Path(browser.PYODIDE_DIR) / "pyodide.asm.wasm").read_bytes()
    assert (runtime / "pyodide.asm.wasm").read_bytes() == wasm
    assert re.search(r"worker-[0-9a-f]{12}\.js$", manifest["worker"])
    # The worker imports the protocol it shares with the page under a hashed name, written beside it.
    worker = (checker_site / manifest["worker"]).read_text(encoding="utf-8")
    imported = re.findall(r'from "\./(protocol-[0-9a-f]{12}\.js)"', worker)
    assert len(imported) == 1 and "./protocol.js" not in worker
    protocol = checker_site / "assets" / "checker" / "build" / imported[0]
    assert protocol.read_bytes() == (ROOT / "docs" / "assets" / "checker" / "protocol.js").read_bytes()
    assert 'id="dc-checklist"' in page
    offenders = []
    for path in checker_site.rglob("*.html"):
        if path.parent.name == "checker" and path.parent.parent == checker_site:
            continue
        # What a page loads: attribute values and inline scripts (prose may name the files, as the hosting page does).
        text = path.read_text(encoding="utf-8")
        loaded = re.findall(r'=\s*"([^"]*)"', text) + re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.S)
        if any(marker in value for value in loaded for marker in RUNTIME_MARKERS):
            offenders.append(str(path.relative_to(checker_site)))
    assert offenders == []
