"""Offline use and installation (issue 13): the service worker and the web app manifest, written after each build.

- ``sw.js`` at the site root (its scope is the whole site), from ``sitegen/assets/sw.js`` with this build's values:
  a version (hash of every built file, so any new data, page or engine gives a new worker), the data's as-of date
  for the "new data available" notice, the small shell cached on install and the patterns of content-hashed files.
- ``manifest.webmanifest`` from the branding: name, short name, colours, the logo as icon.
The pages register the worker and announce a new build (``docs/assets/offline.js``).
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from pathlib import Path
from typing import Any

SW_SOURCE = Path(__file__).parent / "assets" / "sw.js"
SW_NAME = "sw.js"
WEB_MANIFEST = "manifest.webmanifest"
SHELL = ["404.html"]
# Content-hashed files: every build names new bytes by a new name (sitegen.browser; Material's bundles).
HASHED = {
    "prefixes": ["assets/pyodide/", "assets/checker/build/"],
    "patterns": [
        r"^assets/javascripts/bundle\.[0-9a-f]{8,}\.min\.js$",
        r"^assets/javascripts/workers/search\.[0-9a-f]{8,}\.min\.js$",
        r"^assets/stylesheets/(main|palette)\.[0-9a-f]{8,}\.min\.css$",
    ],
}


def build_version(site_dir: Path) -> str:
    """A hash of every file of the built site but the service worker itself."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel in (SW_NAME, WEB_MANIFEST):
            continue
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def service_worker(version: str, data_as_of: str) -> str:
    source = SW_SOURCE.read_text(encoding="utf-8")
    values = {
        "__BUILD__": json.dumps({"version": version, "data_as_of": data_as_of}),
        "__SHELL__": json.dumps(SHELL),
        "__HASHED__": json.dumps(HASHED),
    }
    for key, value in values.items():
        if source.count(key) != 1:
            raise ValueError(f"{SW_SOURCE.name} must name {key} exactly once")
        source = source.replace(key, value)
    return source


def web_manifest(branding: Any, logo_path: str | None) -> dict[str, Any]:
    """The web app manifest: installable under the branding's name and colours."""
    colours = branding.colours
    manifest: dict[str, Any] = {
        "name": branding.site_name,
        "short_name": branding.short_name or branding.site_name,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": colours.get("primary"),
        "background_color": "#ffffff",
    }
    if logo_path:
        kind = mimetypes.guess_type(logo_path)[0] or "image/png"
        sizes = "any" if kind == "image/svg+xml" else "512x512"
        manifest["icons"] = [{"src": logo_path, "type": kind, "sizes": sizes, "purpose": "any"}]
    return manifest


def write_offline(site_dir: str | Path, branding: Any, logo_path: str | None, data_as_of: str) -> str:
    """Writes the service worker and the web app manifest; returns the build version."""
    site = Path(site_dir)
    (site / WEB_MANIFEST).write_text(
        json.dumps(web_manifest(branding, logo_path), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    version = build_version(site)
    (site / SW_NAME).write_text(service_worker(version, data_as_of), encoding="utf-8")
    return version
