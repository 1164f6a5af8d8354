"""MkDocs adapter: runs `sitegen.generate` and hands its pages and nav to MkDocs. No page logic lives here.

Options (mkdocs.yml, plugin `cyber-export-guide`), paths relative to mkdocs.yml:
  site_data: site_data                 the data folder
  branding: site_data/branding.yml     site name, logo, colours, endorsement, contact
  bundle: checker/data/bundle.json     the checker's committed bundle
  check_bundle: true                   fail the build when that bundle (or checker/data/party_lists.json, compiled
                                       from site_data/lists.yml) is not current with site_data/
  stale_after_days: 183                a fact not verified for longer (or past its review_by date) gets a
                                       "may be out of date" badge and a line in the build summary
  precompress: false                   after `mkdocs build`, write a .gz (and, with the brotli package, a .br)
                                       copy beside every compressible file, for servers that send them as such
                                       (deploy/nginx, deploy/apache, GitLab Pages); never during `mkdocs serve`
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from checker.provenance import DEFAULT_MAX_AGE_DAYS
from sitegen import bundle, csp
from sitegen.branding import Branding, load_branding
from sitegen.generate import Generated, generate, stale_facts
from sitegen.mdtools import esc
from sitegen.nav import nav_sources
from sitegen.problems import ValidationFailed

log = logging.getLogger("mkdocs.plugins.cyber_export_guide")
BRANDING_CSS = "assets/branding.css"


class GuideConfig(base.Config):
    site_data = c.Type(str, default="site_data")
    branding = c.Type(str, default="site_data/branding.yml")
    bundle = c.Type(str, default="checker/data/bundle.json")
    check_bundle = c.Type(bool, default=True)
    stale_after_days = c.Type(int, default=DEFAULT_MAX_AGE_DAYS)
    precompress = c.Type(bool, default=False)


class GuidePlugin(BasePlugin[GuideConfig]):
    """Generate pages from site_data/ on every build (and every `mkdocs serve` reload)."""

    def __init__(self) -> None:
        self.generated: Generated | None = None
        self.branding: Branding | None = None
        self.seconds = 0.0
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (its dev server ignores precompressed copies)."""
        self.command = command

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        return (Path(config.config_file_path).parent / option).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        started = time.perf_counter()
        site_data = self._path(config, self.config.site_data)
        docs_dir = Path(config.docs_dir)
        docs_pages = sorted(
            p.relative_to(docs_dir).as_posix()
            for p in docs_dir.rglob("*.md")
            if not p.relative_to(docs_dir).as_posix().startswith("overrides/")
        )
        try:
            self.branding = load_branding(self._path(config, self.config.branding), self.config.branding)
            for note in self.branding.contrast_notes():
                log.info(note)
            if self.config.stale_after_days < 1:
                raise PluginError(
                    f"stale_after_days: must be a positive number of days, got {self.config.stale_after_days}"
                )
            self.generated = generate(site_data, docs_pages, max_age_days=self.config.stale_after_days)
        except ValidationFailed as failure:
            raise PluginError(failure.report()) from None
        if self.config.check_bundle:
            self._check_bundle(config)
        self._apply_branding(config, self.branding)
        config.nav = self.generated.nav
        config.extra["data_as_of"] = self.generated.as_of
        config.extra["data_version"] = self.generated.bundle.get("version", "")
        config.extra["content_security_policy"] = csp.policy()  # hashes filled in by on_post_build
        self.seconds = time.perf_counter() - started
        self._stale_summary()
        return config

    def _stale_summary(self) -> None:
        """The build says how many facts may be out of date, so a host sees it before publishing."""
        assert self.generated is not None
        stale = stale_facts(self.generated.site, dt.date.today(), self.config.stale_after_days)
        if stale:  # info, not a warning: a stale fact is shown as such on its page, it does not break --strict
            log.info(
                "%d fact%s may be out of date (review date passed or not verified for more than %d days); "
                "run `dealcheck data audit` for the list",
                len(stale),
                "s" if len(stale) != 1 else "",
                self.config.stale_after_days,
            )
        else:
            log.info("no fact is past its review date or older than %d days", self.config.stale_after_days)

    def _check_bundle(self, config: MkDocsConfig) -> None:
        assert self.generated is not None
        path = self._path(config, self.config.bundle)
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != bundle.render(self.generated.bundle):
            raise PluginError(
                f"{self.config.bundle} is not current with {self.config.site_data}/: run `python -m sitegen.bundle`"
                " and commit the result (the checker must screen against the same data the site shows)"
            )
        lists = self._path(config, self.config.site_data) / "lists.yml"
        if lists.exists():  # restricted-party lists: checker/data/party_lists.json must be compiled from lists.yml
            from checker.parties.config import ConfigError, build
            from checker.parties.formats import ListFormatError

            try:
                build(lists, path.parent / "party_lists.json", check=True, root=lists.resolve().parent.parent)
            except (ConfigError, ListFormatError) as exc:
                raise PluginError(
                    f"restricted-party lists: {exc} (from {lists.name}; the checker must screen the lists the site"
                    " names)"
                ) from None

    def _apply_branding(self, config: MkDocsConfig, branding: Branding) -> None:
        config.site_name = branding.site_name
        if branding.site_url:
            config.site_url = branding.site_url
        if branding.copyright:
            config.copyright = branding.copyright
        config.extra["branding"] = branding.extra()
        if branding.logo:
            config.theme["logo"] = f"assets/branding/logo{branding.logo.suffix.lower()}"
            config.theme["favicon"] = config.theme["logo"]
        if BRANDING_CSS not in [str(css) for css in config.extra_css]:
            config.extra_css.append(BRANDING_CSS)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None and self.branding is not None
        started = time.perf_counter()
        for src, markdown in self.generated.pages.items():
            files.append(File.generated(config, src, content=markdown))
        files.append(File.generated(config, BRANDING_CSS, content=self.branding.css()))
        if self.branding.logo:
            files.append(File.generated(config, config.theme["logo"], abs_src_path=str(self.branding.logo)))
        self.seconds += time.perf_counter() - started
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """The home page's heading is the host's (branding `home_heading`, else its site name); the checker's
        reports name the host (its site name, from the branding)."""
        if self.branding is None:
            return markdown
        if page.file.src_uri == "checker.md":
            return markdown.replace('data-site-name=""', f'data-site-name="{esc(self.branding.site_name)}"', 1)
        if page.file.src_uri != "index.md":
            return markdown
        heading = self.branding.extra()["home_heading"]
        lines = markdown.split("\n")
        for index, line in enumerate(lines):
            if line.startswith("# "):
                lines[index] = "# " + esc(heading)
                break
        return "\n".join(lines)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every generated page must be reachable from the navigation; say so loudly if one is not."""
        assert self.generated is not None
        reachable = set(nav_sources(self.generated.nav))
        for src in sorted(set(self.generated.pages) - reachable):
            log.warning("sitegen: generated page %s is not in the navigation", src)
        log.info("sitegen: %d pages generated in %.3f s", len(self.generated.pages), self.seconds)
        return nav

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The browser checker (issue 4, sitegen/browser.py): bundle Pyodide and the engine, wire the checker page."""
        from sitegen import browser, offline

        try:
            browser.build_into(config.site_dir)
        except browser.BrowserBuildError as exc:
            raise PluginError(str(exc)) from None
        csp.apply_to_site(config.site_dir)  # last: every inline script of every page is hashed into its policy
        assert self.branding is not None and self.generated is not None
        # Last, so its version covers every file the build wrote (issue 13: offline use, installable).
        offline.write_offline(config.site_dir, self.branding, config.theme.get("logo"), self.generated.as_of)
        if self.config.precompress and self.command != "serve":  # after every other file is final
            from sitegen.precompress import brotli_module, precompress

            if brotli_module() is None:
                log.info("precompress: the brotli package is not installed, writing gzip copies only")
            log.info("sitegen: %s", precompress(config.site_dir).line())

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when site_data/ or the branding file changes."""
        server.watch(str(self._path(config, self.config.site_data)))
        server.watch(str(self._path(config, self.config.branding)))
        return server
