"""A build with a second branding file shows that branding (name, logo, colours, endorsement, contact) is config only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.sitebuild import build, write_config

FIXTURE = Path(__file__).parent / "fixtures" / "branding-alt" / "branding.yml"


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("branded")
    result = build(write_config(tmp, branding=FIXTURE), tmp / "site")
    assert result.returncode == 0, result.output
    return tmp / "site"


def test_second_branding_shows_name_endorsement_and_contact(branded_site: Path) -> None:
    home = (branded_site / "index.html").read_text(encoding="utf-8")
    country = (branded_site / "countries" / "eg" / "index.html").read_text(encoding="utf-8")
    for page in (home, country):
        assert "Example Trade Association Export Guide" in page
        assert "Endorsed by the Example Trade Association for its members" in page
        assert 'href="mailto:exports@example.org"' in page
        assert "Example Trade Association (test fixture)" in page
        assert "Cyber Export Risk Guide contributors" not in page
    assert '<link rel="canonical" href="https://guide.example.org/countries/eg/">' in country


def test_second_branding_ships_its_logo_and_colours(branded_site: Path) -> None:
    logo = branded_site / "assets" / "branding" / "logo.svg"
    assert logo.read_text(encoding="utf-8") == (FIXTURE.parent / "logo.svg").read_text(encoding="utf-8")
    assert 'src="assets/branding/logo.svg"' in (branded_site / "index.html").read_text(encoding="utf-8")
    css = (branded_site / "assets" / "branding.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #00594f;" in css and "--md-accent-fg-color: #c75b12;" in css


def test_default_branding_differs(site_dir: Path) -> None:
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "Example Trade Association" not in home
    assert "Cyber Export Risk Guide" in home
    assert "#1f4e79" in (site_dir / "assets" / "branding.css").read_text(encoding="utf-8")


def test_bad_branding_fails_naming_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "branding.yml"
    bad.write_text("site_name: X\ncolours:\n  primary: teal\nlogo: missing.svg\n", encoding="utf-8")
    result = build(write_config(tmp_path, branding=bad), tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert ":3: colours.primary: 'teal' is not a #rrggbb colour" in result.output, result.output
    assert ":4: logo: file 'missing.svg' not found" in result.output, result.output
