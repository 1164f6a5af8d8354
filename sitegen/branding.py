"""Branding for a hosting trade body (name, logo, colours, endorsement, contact), read from one YAML file.

The site's look and its endorsement come from configuration alone: point the plugin's `branding:` option at another
file and rebuild. Problems are reported like data problems (file, line, field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import contrast as C
from sitegen import schema as S
from sitegen.problems import Problem, ValidationFailed
from sitegen.validate import Checker
from sitegen.yamlmarks import read_yaml

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
DEFAULT_COLOURS = {"primary": "#1f4e79", "accent": "#b3261e"}


@dataclass
class Branding:
    """Validated branding; `logo` is an absolute path to an image file or None."""

    site_name: str
    display: str
    short_name: str | None = None
    site_url: str | None = None
    logo: Path | None = None
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    endorsement: str | None = None
    contact: dict[str, str] = field(default_factory=dict)
    copyright: str | None = None
    home_heading: str | None = None

    def extra(self) -> dict[str, Any]:
        """What the templates read (config.extra.branding)."""
        return {
            "site_name": self.site_name,
            "short_name": self.short_name or self.site_name,
            "endorsement": self.endorsement,
            "contact": dict(self.contact),
            "home_heading": self.home_heading or self.site_name,
        }

    def schemes(self) -> dict[str, dict[str, str]]:
        """The colours each palette uses, every text colour readable (WCAG AA) on what it is drawn on."""
        primary = self.colours.get("primary", DEFAULT_COLOURS["primary"])
        accent = self.colours.get("accent", DEFAULT_COLOURS["accent"])
        dark_primary = self.colours.get("primary_dark", C.mix(primary, "#ffffff", 0.35))
        dark_accent = self.colours.get("accent_dark", C.mix(accent, "#ffffff", 0.35))
        return {
            "light": _scheme(primary, accent, self.colours.get("link"), C.LIGHT_PAGE),
            "dark": _scheme(dark_primary, dark_accent, self.colours.get("link_dark"), C.DARK_PAGE),
        }

    def contrast_notes(self) -> list[str]:
        """What the build changed so text stays readable, with the ratios (logged, so a host sees it)."""
        notes = []
        for name, scheme in self.schemes().items():
            page = scheme["page"]
            for role, brand, used in (
                ("link text", scheme["brand"], scheme["--md-typeset-a-color"]),
                ("link hover text", scheme["brand_accent"], scheme["--md-accent-fg-color"]),
            ):
                if brand != used:
                    notes.append(
                        f"branding: {brand} is {C.fmt(C.ratio(brand, page))} on the {name} page background as {role} "
                        f"(WCAG AA needs 4.5:1); the {name} palette uses {used} ({C.fmt(C.ratio(used, page))}) instead"
                    )
        return notes

    def css(self) -> str:
        """Custom Material colours for light and dark schemes (`primary: custom`, `accent: custom`)."""
        schemes = self.schemes()
        return (
            "/* Generated from the branding file; edit that file, not this one. Text colours are chosen for WCAG AA\n"
            "   contrast (sitegen/contrast.py). */\n"
            f":root {{\n{_css(schemes['light'])}}}\n"
            f'[data-md-color-scheme="slate"] {{\n{_css(schemes["dark"])}}}\n'
        )


def _scheme(primary: str, accent: str, link: str | None, page: str) -> dict[str, str]:
    header_text = C.text_on(primary)
    return {
        "--md-primary-fg-color": primary,
        "--md-primary-fg-color--light": C.mix(primary, "#ffffff", 0.25),
        "--md-primary-fg-color--dark": C.mix(primary, "#000000", 0.25),
        "--md-primary-bg-color": header_text,
        "--md-primary-bg-color--light": header_text,  # Material's default is 70% white: too faint on many colours
        "--md-accent-fg-color": C.readable(accent, page),
        "--md-accent-fg-color--transparent": accent + "1a",
        "--md-typeset-a-color": link or C.readable(primary, page),
        "--ceg-brand": primary,
        "page": page,
        "brand": primary,
        "brand_accent": accent,
    }


def _css(scheme: dict[str, str]) -> str:
    return "".join(f"  {k}: {v};\n" for k, v in scheme.items() if k.startswith("--"))


def load_branding(path: Path, display: str) -> Branding:
    """Read and validate a branding file; the logo path is relative to the branding file's folder."""
    if not path.is_file():
        raise ValidationFailed([Problem(display, 1, "(file)", "branding file not found (plugin option `branding`)")])
    data, problems = read_yaml(path, display)
    if problems:
        raise ValidationFailed(problems)
    checker = Checker(display)
    schema = {**S.BRANDING, "site_url": S.Field("str", required=False, pattern=r"^https?://[^\s/]+(/\S*)?/$")}
    if not checker.record(data, schema, "", 1):
        raise ValidationFailed(checker.problems)
    problems = list(checker.problems)
    for ref in checker.refs:  # branding has no references; keep the checker honest
        problems.append(Problem(display, ref.line, ref.field, "unexpected reference"))
    colours = dict(DEFAULT_COLOURS)
    for key, value in (data.get("colours") or {}).items():
        if isinstance(value, str) and not HEX.match(value):
            problems.append(
                Problem(display, data["colours"].line_of(key), f"colours.{key}", f"{value!r} is not a #rrggbb colour")
            )
        colours[key] = str(value)
    # Link colours a host sets explicitly are used as they are, so they must be readable: else the build fails with
    # the ratio and a readable shade to use instead.
    for key, page, name in (("link", C.LIGHT_PAGE, "light"), ("link_dark", C.DARK_PAGE, "dark")):
        value = colours.get(key)
        if value and HEX.match(value) and C.ratio(value, page) < C.AA_TEXT:
            problems.append(
                Problem(
                    display,
                    data["colours"].line_of(key),
                    f"colours.{key}",
                    f"{value} has a contrast of {C.fmt(C.ratio(value, page))} on the {name} page background "
                    f"({page}); WCAG AA needs 4.5:1 for text. Use {C.readable(value, page)} "
                    f"({C.fmt(C.ratio(C.readable(value, page), page))}) or leave it out to have one chosen",
                )
            )
    logo = None
    if data.get("logo"):
        logo = (path.parent / str(data["logo"])).resolve()
        if logo.suffix.lower() not in LOGO_TYPES:
            problems.append(
                Problem(display, data.line_of("logo"), "logo", f"must be an image ({', '.join(LOGO_TYPES)})")
            )
        elif not logo.is_file():
            problems.append(
                Problem(
                    display,
                    data.line_of("logo"),
                    "logo",
                    f"file {data['logo']!r} not found (paths are relative to the branding file)",
                )
            )
    contact = dict(data.get("contact") or {})
    if contact.get("email") and "@" not in contact["email"]:
        problems.append(Problem(display, data["contact"].line_of("email"), "contact.email", "is not an e-mail address"))
    if contact.get("url") and not str(contact["url"]).startswith(("https://", "http://")):
        problems.append(Problem(display, data["contact"].line_of("url"), "contact.url", "must be an http(s) address"))
    if problems:
        raise ValidationFailed(problems)
    return Branding(
        site_name=data["site_name"],
        display=display,
        short_name=data.get("short_name"),
        site_url=data.get("site_url"),
        logo=logo,
        colours=colours,
        endorsement=" ".join(str(data["endorsement"]).split()) if data.get("endorsement") else None,
        contact=contact,
        copyright=data.get("copyright"),
        home_heading=data.get("home_heading"),
    )
