"""Helpers to build the site in a subprocess from a temp config, and to read the built HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from sitegen.loader import load_site_data
from sitegen.problems import ValidationFailed

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def write_config(
    tmp: Path, site_data: Path | None = None, branding: Path | None = None, check_bundle: bool = True
) -> Path:
    """A copy of the repository's mkdocs.yml with absolute paths, optionally pointing at other data or branding."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "docs" / "overrides")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "cyber-export-guide" in plugin:
            options = plugin["cyber-export-guide"]
            options["site_data"] = str(site_data or ROOT / "site_data")
            options["branding"] = str(branding or ROOT / "site_data" / "branding.yml")
            options["bundle"] = str(ROOT / "checker" / "data" / "bundle.json")
            options["check_bundle"] = check_bundle
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


def build(config: Path, site_dir: Path, strict: bool = True) -> BuildResult:
    """Run `mkdocs build` in a subprocess, as a user would."""
    command = [*MKDOCS, "build", "-f", str(config), "-d", str(site_dir)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    return BuildResult(done.returncode, done.stdout + done.stderr, site_dir)


ASSET_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
ASSET_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon", "shortcut"}


class PageParser(HTMLParser):
    """Collects ids, links (with whether they are in the navigation) and asset URLs of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.nav_links: list[str] = []
        self.assets: list[str] = []
        self._nav_depth = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "nav":
            self._nav_depth += 1
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
            if self._nav_depth and "md-nav__link" in values.get("class", ""):
                self.nav_links.append(values["href"])
        for asset_tag, attr in ASSET_ATTRS:
            if tag == asset_tag and values.get(attr):
                self.assets.append(values[attr])
        if tag == "link" and values.get("href"):
            rels = set(values.get("rel", "").lower().split())
            if rels & ASSET_RELS:
                self.assets.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


@dataclass
class Page:
    url: str  # site-relative URL, '' for home, 'steps/end-user/' ...
    path: Path
    parsed: PageParser


def read_site(site_dir: Path) -> dict[str, Page]:
    """Every HTML page of a built site by URL."""
    pages: dict[str, Page] = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        parser = PageParser()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[url] = Page(url, path, parser)
    return pages


def is_external(href: str) -> bool:
    parts = urlsplit(href)
    return bool(parts.scheme or parts.netloc)


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """Site-relative target URL and fragment of a relative link on a page."""
    joined = urljoin("http://site.invalid/" + page_url, href)
    parts = urlsplit(joined)
    return unquote(parts.path.lstrip("/")), unquote(parts.fragment)


def target_file(site_dir: Path, url: str) -> Path:
    path = site_dir / url
    if url == "" or url.endswith("/"):
        return path / "index.html"
    return path


def site_data_problems(root: Path) -> list[str]:
    """The loader's problems with the site_data/ at `root` (file:line: field: problem), none when it loads."""
    try:
        load_site_data(root)
    except ValidationFailed as failure:
        return [str(p) for p in failure.problems]
    return []
