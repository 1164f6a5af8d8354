"""A build with a second branding file shows that branding (name, logo, colours, endorsement, contact) is config only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen import contrast
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
    assert "--md-primary-fg-color: #00594f;" in css and "--md-accent-fg-color--transparent: #c75b121a;" in css
    # The accent #c75b12 is 4.2:1 on white, short of AA for link-hover text: a darker shade of it is used for text.
    hover = _scheme_colours(css)["light"]["--md-accent-fg-color"]
    assert hover != "#c75b12" and contrast.ratio(hover, "#ffffff") >= 4.5


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


def test_home_heading_follows_the_branding(branded_site: Path, site_dir: Path) -> None:
    assert re.search(r"<h1[^>]*>Export risk guidance for ETA members", (branded_site / "index.html").read_text("utf-8"))
    # Without home_heading, the heading is the host's site name (the default branding's here).
    assert re.search(r"<h1[^>]*>Cyber Export Risk Guide", (site_dir / "index.html").read_text("utf-8"))


def _scheme_colours(css: str) -> dict[str, dict[str, str]]:
    light, dark = css.split('[data-md-color-scheme="slate"]')
    return {
        name: dict(re.findall(r"(--[\w-]+): (#[0-9a-f]+);", block))
        for name, block in (("light", light), ("dark", dark))
    }


def test_a_light_brand_colour_builds_with_readable_text_and_says_so(tmp_path: Path) -> None:
    light = tmp_path / "branding.yml"
    light.write_text('site_name: Sunny Trade Body\ncolours:\n  primary: "#ffd500"\n  accent: "#ffe680"\n', "utf-8")
    result = build(write_config(tmp_path, branding=light), tmp_path / "site")
    assert result.returncode == 0, result.output
    schemes = _scheme_colours((tmp_path / "site" / "assets" / "branding.css").read_text("utf-8"))
    for name, page in (("light", contrast.LIGHT_PAGE), ("dark", contrast.DARK_PAGE)):
        colours = schemes[name]
        header = colours["--md-primary-fg-color"]
        assert contrast.ratio(colours["--md-primary-bg-color"], header) >= 4.5, f"{name} header text"
        assert contrast.ratio(colours["--md-typeset-a-color"], page) >= 4.5, f"{name} links"
        assert contrast.ratio(colours["--md-accent-fg-color"], page) >= 4.5, f"{name} link hover"
    assert schemes["light"]["--md-primary-fg-color"] == "#ffd500", "the brand colour itself stays the header's"
    assert schemes["light"]["--md-primary-bg-color"] == "#000000", "black text on a yellow header"
    # The build says what it changed, with the ratios.
    assert "branding: #ffd500 is 1.4" in result.output and "WCAG AA needs 4.5:1" in result.output, result.output


def test_an_unreadable_explicit_link_colour_fails_with_the_ratio_and_the_fix(tmp_path: Path) -> None:
    bad = tmp_path / "branding.yml"
    bad.write_text('site_name: X\ncolours:\n  primary: "#1f4e79"\n  link: "#8fb3d9"\n', encoding="utf-8")
    result = build(write_config(tmp_path, branding=bad), tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    found = re.search(
        r":4: colours\.link: #8fb3d9 has a contrast of (\d\.\d\d):1 on the light page background", result.output
    )
    assert found, result.output
    assert float(found.group(1)) == pytest.approx(contrast.ratio("#8fb3d9", "#ffffff"), abs=0.01)
    fix = re.search(r"Use (#[0-9a-f]{6}) \((\d\.\d\d):1\)", result.output)
    assert fix and contrast.ratio(fix.group(1), "#ffffff") >= 4.5


def test_contrast_ratios_match_wcag_reference_values() -> None:
    assert contrast.ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast.ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast.fmt(4.4999) == "4.49:1"
    assert contrast.text_on("#ffd500") == "#000000" and contrast.text_on("#1f4e79") == "#ffffff"
