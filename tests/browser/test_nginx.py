"""The shipped nginx configuration (deploy/nginx/) serving a built site through Debian's real nginx on loopback:
the checker loads and screens in Chromium with the right MIME types, precompressed runtime files, the documented
cache headers and security headers, no request off the origin, and the same report as the CLI (issue 14)."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen import csp
from tests.browser.conftest import READY, _from_service_worker, open_context
from tests.browser.nginx import brotli_available, nginx_binary, run_nginx
from tests.browser.siteserver import free_port
from tests.browser.test_checker import cli, fill_deal, scenario_deal, screen
from tests.site.sitebuild import build, write_config

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        nginx_binary() is None, reason="nginx is not installed (apt-get install -y nginx; .ci/run installs it)"
    ),
]
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def precompressed_site(tmp_path_factory: pytest.TempPathFactory, nginx_port: int) -> Path:
    """`mkdocs build --strict` with `precompress: true`, its site_url the nginx origin (instant navigation)."""
    tmp = tmp_path_factory.mktemp("nginx-site")
    config_path = write_config(tmp)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["site_url"] = f"http://127.0.0.1:{nginx_port}/"
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "cyber-export-guide" in plugin:
            plugin["cyber-export-guide"]["precompress"] = True
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = build(config_path, tmp / "site")
    assert result.returncode == 0, result.output
    assert "precompressed" in result.output, "the build did not report its precompression"
    return result.site_dir


@pytest.fixture(scope="module")
def nginx_origin(tmp_path_factory: pytest.TempPathFactory, precompressed_site: Path, nginx_port: int) -> Iterator[str]:
    prefix = tmp_path_factory.mktemp("nginx-prefix")
    with run_nginx(prefix, precompressed_site, nginx_port, brotli=brotli_available()) as origin:
        yield origin


def runtime_files(site: Path) -> tuple[str, str]:
    (wasm,) = site.glob("assets/pyodide/*/pyodide.asm.wasm")
    (stdlib,) = site.glob("assets/pyodide/*/python_stdlib.zip")
    return wasm.relative_to(site).as_posix(), stdlib.relative_to(site).as_posix()


def fetch(url: str, encoding: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_checker_through_nginx_matches_the_cli(
    browser: Any, nginx_origin: str, precompressed_site: Path, tmp_path: Path
) -> None:
    context, recorder = open_context(browser, nginx_origin)
    responses: list[Any] = []
    # nginx's own answers to the page and its worker (not the site's service worker fetching or answering from cache;
    # on a first visit it controls nothing yet).
    context.on(
        "response",
        lambda r: None if r.from_service_worker or _from_service_worker(r.request) else responses.append(r),
    )
    page = context.new_page()
    page.goto(nginx_origin + "checker/")
    page.wait_for_selector(READY, timeout=90000)
    deal = scenario_deal("gamma-finfisher-egypt")
    fill_deal(page, deal)
    verdict, codes = screen(page)
    expected = cli(deal, tmp_path)
    assert verdict == expected["verdict"]
    assert codes == [f["code"] for f in expected["findings"]]
    headers = {r.url: (r.status, r.all_headers()) for r in responses}
    context.close()
    assert recorder.off_origin(nginx_origin) == [], "requests off the site's origin"
    assert recorder.errors == []

    wasm, stdlib = runtime_files(precompressed_site)
    status, wasm_headers = headers[nginx_origin + wasm]
    assert status == 200 and wasm_headers["content-type"] == "application/wasm"
    # The stdlib is fetched on a normal start only (a start from the engine snapshot does without it); both are
    # also checked outside the browser below.
    for rel in (wasm, stdlib):
        if nginx_origin + rel not in headers:
            continue
        _, got = headers[nginx_origin + rel]
        assert got.get("content-encoding") in ("gzip", "br"), f"{rel} was sent uncompressed"
        assert got["cache-control"] == IMMUTABLE, rel
    _, page_headers = headers[nginx_origin + "checker/"]
    assert page_headers["cache-control"] == "no-cache"
    assert page_headers["content-type"].startswith("text/html")
    expected_headers = csp.headers(precompressed_site)
    for name, value in expected_headers.items():
        assert page_headers[name.lower()] == value, name
    assert "frame-ancestors 'none'" in page_headers["content-security-policy"]
    modules = [u for u in headers if u.endswith((".mjs", ".js"))]
    assert modules and all(re.match(r"(text|application)/javascript", headers[u][1]["content-type"]) for u in modules)
    snapshot = [u for u in headers if u.endswith(".snapshot")]
    for url in snapshot:  # gzip data the worker inflates itself: a Content-Encoding would make the browser inflate it
        assert "content-encoding" not in headers[url][1], url


def test_precompressed_copies_are_sent_as_such(nginx_origin: str, precompressed_site: Path) -> None:
    wasm, stdlib = runtime_files(precompressed_site)
    raw = (precompressed_site / wasm).read_bytes()
    status, got, body = fetch(nginx_origin + wasm, "gzip")
    assert status == 200 and got["content-encoding"] == "gzip" and got["vary"] == "Accept-Encoding"
    assert body == (precompressed_site / (wasm + ".gz")).read_bytes(), "not the build's precompressed copy"
    assert gzip.decompress(body) == raw
    status, got, body = fetch(nginx_origin + stdlib, "gzip")
    assert status == 200 and got["content-encoding"] == "gzip" and got["content-type"] == "application/zip"
    assert gzip.decompress(body) == (precompressed_site / stdlib).read_bytes()
    status, got, body = fetch(nginx_origin + wasm, "identity")
    assert status == 200 and "content-encoding" not in got and body == raw
    if brotli_available() and (precompressed_site / (stdlib + ".br")).is_file():
        status, got, body = fetch(nginx_origin + stdlib, "gzip, br")
        assert got["content-encoding"] == "br"
        assert body == (precompressed_site / (stdlib + ".br")).read_bytes()


def test_cache_headers_as_documented(nginx_origin: str, precompressed_site: Path) -> None:
    material = next(precompressed_site.glob("assets/javascripts/bundle.*.min.js")).relative_to(precompressed_site)
    hashed = [material.as_posix(), *runtime_files(precompressed_site)]
    hashed += [
        p.relative_to(precompressed_site).as_posix()
        for p in precompressed_site.glob("assets/checker/build/**/*")
        if p.is_file()
    ]
    for rel in hashed:
        if rel.endswith((".gz", ".br")):
            continue
        status, got, _ = fetch(nginx_origin + rel, "gzip")
        assert (status, got["cache-control"]) == (200, IMMUTABLE), rel
    for rel in ("", "checker/", "sw.js", "assets/checker/app.js", "search/search_index.json", "sitemap.xml"):
        status, got, _ = fetch(nginx_origin + rel, "gzip")
        assert (status, got["cache-control"]) == (200, "no-cache"), rel
    status, got, body = fetch(nginx_origin + "no-such-page/", "identity")
    assert status == 404 and b"404" in body and got["x-frame-options"] == "DENY"


def test_documented_commands_print_the_snippet(precompressed_site: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sitegen.csp", "--nginx", str(precompressed_site)], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert 'add_header X-Frame-Options "DENY" always;' in done.stdout
    docs = (Path(__file__).resolve().parents[2] / "docs" / "hosting.md").read_text(encoding="utf-8")
    assert "python -m sitegen.csp --nginx site/" in docs and "deploy/nginx/cyber-export-guide.conf" in docs
