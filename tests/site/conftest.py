"""Build the site once per test session (`mkdocs build --strict` in a subprocess) and share the result."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.site.sitebuild import ROOT, BuildResult, Page, build, read_site, write_config


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    tmp = tmp_path_factory.mktemp("site-build")
    result = build(write_config(tmp), tmp / "site")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.output}"
    return result


@pytest.fixture(scope="session")
def site_pages(built_site: BuildResult) -> dict[str, Page]:
    return read_site(built_site.site_dir)


@pytest.fixture(scope="session")
def site_dir(built_site: BuildResult) -> Path:
    return built_site.site_dir


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of site_data/ that a test may break (the loader's refusals are tested on it)."""
    root = tmp_path / "site_data"
    shutil.copytree(ROOT / "site_data", root)
    return root
